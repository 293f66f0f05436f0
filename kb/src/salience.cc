#include "kbq/salience.h"

#include <algorithm>
#include <cmath>
#include <set>
#include <string>
#include <tuple>

namespace kbq {
namespace {

// A stream row's own count (GDELT's NumMentions, ...), 0 when absent.
size_t Attribute(const Event& e, const char* key) {
  auto it = e.attributes.find(key);
  return it == e.attributes.end() || it->second < 0 ? 0 : static_cast<size_t>(it->second);
}

double ModalityWeight(Modality m) {
  switch (m) {
    case Modality::kAsserted:
    case Modality::kReported:
      return 1.0;
    case Modality::kClaimed:
    case Modality::kPlanned:
    case Modality::kDemanded:
      return 0.8;
    case Modality::kNegated:
    case Modality::kCounterfactual:
      return 0.5;
  }
  return 1.0;
}

}  // namespace

size_t DistinctMentions(const Event& e) {
  std::set<std::tuple<std::string_view, uint32_t, uint32_t>> seen;
  for (const auto& m : e.mentions) seen.insert({m.article_id, m.begin, m.end});
  return seen.size();
}

size_t EvidenceMentions(const Event& e) {
  return std::max(DistinctMentions(e), Attribute(e, "num_mentions"));
}

size_t DistinctArticles(const Event& e) {
  std::set<std::string_view> seen;
  for (const auto& m : e.mentions) seen.insert(m.article_id);
  return std::max(seen.size(), Attribute(e, "num_articles"));
}

std::string ArticleSource(const Article& a) {
  if (!a.source.empty()) return a.source;
  size_t start = a.url.find("://");
  start = start == std::string::npos ? 0 : start + 3;
  size_t end = a.url.find_first_of("/?#", start);
  std::string host = a.url.substr(start, end == std::string::npos ? std::string::npos : end - start);
  if (host.rfind("www.", 0) == 0) host.erase(0, 4);
  return host;
}

size_t DistinctSources(const Event& e, size_t article_sources) {
  return std::max(article_sources, Attribute(e, "num_sources"));
}

double Salience(const Event& e, size_t sources) {
  sources = DistinctSources(e, sources);
  std::set<std::string_view> named;
  for (const auto& p : e.participants) named.insert(p.actor_id);
  double evidence = std::log1p(static_cast<double>(EvidenceMentions(e))) +
                    std::log1p(static_cast<double>(DistinctArticles(e))) +
                    std::log1p(static_cast<double>(sources)) +
                    0.5 * static_cast<double>(std::min<size_t>(named.size(), 2));
  double confidence = std::clamp(e.confidence, 0.0, 1.0);
  return evidence * confidence * ModalityWeight(e.modality);
}

bool DatedOnlyByReport(const Event& e) { return e.date_basis == "publication"; }

bool IsMinorEvent(const Event& e) {
  static const std::set<std::string, std::less<>> kGeneric = {"statement", "praise",
                                                              "intent_cooperate"};
  if (!kGeneric.count(e.type)) return false;
  std::set<std::string_view> named;
  for (const auto& p : e.participants) named.insert(p.actor_id);
  return named.size() <= 1 && DatedOnlyByReport(e) && e.place_id.empty() &&
         DistinctMentions(e) == 1;
}

uint8_t EventClassBits(const Event& e, double salience) {
  if (!(salience >= 0)) salience = 0;  // as the salience index stores it
  uint8_t bits = 0;
  if (HiddenByDefault(e.modality)) bits |= kClassBitNegated;
  if (DatedOnlyByReport(e)) bits |= kClassBitReported;
  if (IsMinorEvent(e)) bits |= kClassBitMinor;
  if (salience < kWeakSalience) bits |= kClassBitWeak;
  return bits;
}

}  // namespace kbq
