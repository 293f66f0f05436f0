#include "kbq/name_resolution.h"

#include <algorithm>

#include "kbq/names.h"

namespace kbq {
namespace {

// Lower is better. A metonym ranks above every full name unless strict:
// "Kyiv" asks for what Kyiv stands for, as the tagger reads it in news.
int Rank(NameKind via, bool strict) {
  switch (via) {
    case NameKind::kMetonym: return strict ? 4 : -1;
    case NameKind::kName:
    case NameKind::kAlias: return 0;  // two actors with one full name are ambiguous
    case NameKind::kShortForm: return 2;
    case NameKind::kSurname: return 3;
  }
  return 5;
}

}  // namespace

std::optional<NameKind> HowNamed(const Actor& actor, std::string_view key) {
  std::optional<NameKind> best;
  auto consider = [&](const std::string& text, NameKind kind) {
    if (best && static_cast<int>(*best) <= static_cast<int>(kind)) return;
    if (NormaliseName(text) == key) best = kind;
  };
  consider(actor.id, NameKind::kName);
  for (const auto& [lang, name] : actor.names) consider(name, NameKind::kName);
  for (const auto& [lang, list] : actor.aliases) {
    for (const auto& alias : list) consider(alias, NameKind::kAlias);
  }
  for (const auto& f : actor.forms) consider(f.text, f.kind);
  return best;
}

void RankCandidates(std::vector<NameCandidate>* candidates, bool strict) {
  std::stable_sort(candidates->begin(), candidates->end(),
                   [strict](const NameCandidate& a, const NameCandidate& b) {
                     int ra = Rank(a.via, strict), rb = Rank(b.via, strict);
                     if (ra != rb) return ra < rb;
                     return ResolutionRank(a.actor->kind) < ResolutionRank(b.actor->kind);
                   });
}

size_t CountBest(const std::vector<NameCandidate>& ranked, bool strict) {
  int best = Rank(ranked.front().via, strict);
  size_t n = 0;
  while (n < ranked.size() && Rank(ranked[n].via, strict) == best) ++n;
  return n;
}

}  // namespace kbq
