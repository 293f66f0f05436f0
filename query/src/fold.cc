// FoldSameHappening: rows of a timeline that tell one meeting, visit or call
// several times — the same day (of the text or of the report), the same sides
// once people are read as their countries — become one row, the most salient
// (one dated by its text first), with the others as its `related` ids
// (docs/query.md, "Reading a timeline").
#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "kbq/query/fold.h"
#include "kbq/salience.h"

namespace kbq::query {
namespace {

// CAMEO 04x: consult, call, visit, host, meet, mediate, negotiate.
bool ConsultFamily(const Event& e) { return e.cameo.size() >= 2 && e.cameo.compare(0, 2, "04") == 0; }

// The country (or organisation) an actor of the row stands for.
std::string SideOf(const EventView& v, const std::string& id) {
  auto it = v.actors.find(id);
  if (it == v.actors.end()) return id;
  const Actor& a = it->second;
  if (a.kind == ActorKind::kCountry || a.kind == ActorKind::kOrganisation) return a.id;
  if (!a.affiliations.empty()) return a.affiliations.front().actor_id;
  if (!a.part_of.empty()) return a.part_of.front();
  return a.id;
}

}  // namespace

size_t FoldSameHappening(std::vector<EventView>* rows) {
  // Key: day and the set of sides; only day-precise rows of two or more sides.
  std::map<std::pair<int32_t, std::set<std::string>>, size_t> first;
  std::vector<bool> gone(rows->size(), false);
  size_t folded = 0;
  for (size_t i = 0; i < rows->size(); ++i) {
    EventView& v = (*rows)[i];
    const Event& e = v.event;
    if (!ConsultFamily(e) || !e.date.ok() || e.date.SpanDays() != 1) continue;
    std::set<std::string> sides;
    for (const auto& p : e.participants) {
      if (p.role != Role::kOther) sides.insert(SideOf(v, p.actor_id));
    }
    if (sides.size() < 2) continue;
    auto [it, fresh] = first.emplace(std::make_pair(e.date.earliest, sides), i);
    if (fresh) continue;
    EventView& kept = (*rows)[it->second];
    // The most salient row stands for the group, the others are its related;
    // a row dated by its text stands before one dated only by its report (a
    // talk reported on its day is the talk the text dates).
    const bool v_reported = DatedOnlyByReport(e), kept_reported = DatedOnlyByReport(kept.event);
    if (v_reported == kept_reported ? v.salience > kept.salience : kept_reported) {
      std::swap(kept.event, v.event);
      std::swap(kept.actors, v.actors);
      std::swap(kept.articles, v.articles);
      std::swap(kept.salience, v.salience);
      std::swap(kept.sources, v.sources);
      std::swap(kept.related, v.related);
    }
    kept.related.push_back(v.event.id);
    for (auto& r : v.related) kept.related.push_back(std::move(r));
    gone[i] = true;
    ++folded;
  }
  if (folded == 0) return 0;
  std::vector<EventView> out;
  out.reserve(rows->size() - folded);
  for (size_t i = 0; i < rows->size(); ++i) {
    if (!gone[i]) out.push_back(std::move((*rows)[i]));
  }
  *rows = std::move(out);
  return folded;
}

}  // namespace kbq::query
