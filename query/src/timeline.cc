// Engine::Timeline: one scan of the store's date-ordered index, the filters
// of TimelineQuery, salience, --top, and the split into dated events and
// events dated only by their report.
#include <algorithm>
#include <optional>
#include <queue>
#include <unordered_map>
#include <unordered_set>

#include "kbq/query/engine.h"
#include "kbq/query/fold.h"
#include "kbq/query/salience.h"

namespace kbq::query {
namespace {

bool TypeMatches(const Event& e, const std::string& type) {
  if (type.empty()) return true;
  if (e.type == type) return true;
  return !e.cameo.empty() && std::all_of(type.begin(), type.end(), ::isdigit) &&
         e.cameo.rfind(type, 0) == 0;
}

// Distinct sources of an event's articles; each article is read once per
// query (a timeline's events share few articles).
class SourceCounter {
 public:
  explicit SourceCounter(const Store& store) : store_(store) {}
  size_t Count(const Event& e) {
    std::unordered_set<std::string_view> sources;
    for (const auto& m : e.mentions) {
      const std::string& s = SourceOf(m.article_id);
      if (!s.empty()) sources.insert(s);
    }
    return sources.size();
  }

 private:
  const std::string& SourceOf(const std::string& article_id) {
    auto it = cache_.find(article_id);
    if (it != cache_.end()) return it->second;
    std::string source;
    if (auto a = store_.GetArticle(article_id); a.ok()) source = ArticleSource(a.value());
    return cache_.emplace(article_id, std::move(source)).first->second;
  }
  const Store& store_;
  std::unordered_map<std::string, std::string> cache_;
};

struct Candidate {
  Event event;
  // Its dates lie wholly inside the query's window (always true without
  // one): an event dated "2022" only overlaps a week of it, and --top
  // ranks it after every event known to fall inside the week.
  bool inside = true;
  double salience = 0;
  size_t sources = 0;
  size_t order = 0;  // position in the scan (date order)
};

// Inside the window first, then higher salience; on a tie the earlier event.
bool MoreSalient(const Candidate& a, const Candidate& b) {
  if (a.inside != b.inside) return a.inside;
  return a.salience != b.salience ? a.salience > b.salience : a.order < b.order;
}

}  // namespace

Result<TimelineResult> Engine::Timeline(const TimelineQuery& q) const {
  TimelineResult result;
  result.top = q.top;
  result.sort = q.sort;
  std::optional<Actor> subject;
  if (!q.actor.empty()) {
    auto resolved = Resolve(q.actor, q.strict);
    if (!resolved.ok()) return resolved.status();
    subject = resolved->actor;
    result.subject.push_back(resolved->actor);
    result.resolution_note = resolved->note;
  }
  result.lang = q.lang.empty() ? LanguageOf(q.actor + q.with) : q.lang;

  std::unordered_set<std::string> with_events;
  if (!q.with.empty()) {
    auto with = ResolveActor(q.with);
    if (!with.ok()) return with.status();
    result.subject.push_back(with.value());
    Status s = store_.ScanActorTimeline(with->id, q.from.ok() ? q.from.earliest : INT32_MIN,
                                        q.to.ok() ? q.to.latest : INT32_MAX, q.strict,
                                        [&](const Event& e) {
                                          with_events.insert(e.id);
                                          return true;
                                        });
    if (!s.ok()) return s;
  }
  std::string place_id;
  if (!q.place.empty()) {
    auto place = ResolveActor(q.place);
    if (!place.ok()) return place.status();
    place_id = place->id;
  }
  auto place_matches = [&](const Event& e) {
    if (place_id.empty()) return true;
    if (e.place_id == place_id) return true;
    if (e.place_id.empty()) return false;
    auto p = store_.GetActor(e.place_id);
    return p.ok() && std::find(p->part_of.begin(), p->part_of.end(), place_id) != p->part_of.end();
  };

  const bool windowed = q.from.ok() || q.to.ok();
  int32_t from = q.from.ok() ? q.from.earliest : INT32_MIN;
  int32_t to = q.to.ok() ? q.to.latest : INT32_MAX;
  SourceCounter sources(store_);
  // Without --top every candidate is kept; with it, a min-heap of the N most
  // salient so far (the least salient on top, to be pushed out).
  std::vector<Candidate> kept;
  auto less_salient_on_top = [](const Candidate& a, const Candidate& b) { return MoreSalient(a, b); };
  size_t order = 0;
  TimelineHidden& hidden = result.hidden;
  auto visit = [&](const Event& e) {
    if (!q.with.empty() && !with_events.count(e.id)) return true;
    if (!TypeMatches(e, q.type) || !place_matches(e)) return true;
    if (!q.include_hidden && HiddenByDefault(e.modality)) {
      ++hidden.negated;
      return true;
    }
    if (windowed && !q.include_reported && DatedOnlyByReport(e)) {
      ++hidden.reported;
      return true;
    }
    if (!q.include_hidden && IsMinorEvent(e)) {
      ++hidden.minor;
      return true;
    }
    const bool inside = e.date.ok() && e.date.earliest >= from && e.date.latest <= to;
    if (windowed && !q.include_hidden && e.date.ok() && !inside) {
      ++hidden.coarse;
      return true;
    }
    if (q.min_mentions > 0 && EvidenceMentions(e) < q.min_mentions) {
      ++hidden.few_mentions;
      return true;
    }
    Candidate c;
    c.sources = sources.Count(e);
    if (q.min_sources > 0 && DistinctSources(e, c.sources) < q.min_sources) {
      ++hidden.few_sources;
      return true;
    }
    c.salience = Salience(e, c.sources);
    if (windowed && q.top > 0 && !q.include_hidden && !q.keep_weak && c.salience < kWeakSalience) {
      ++hidden.weak;
      return true;
    }
    c.inside = inside;
    c.order = order++;
    c.event = e;
    if (q.top == 0) {
      kept.push_back(std::move(c));
      return q.limit == 0 || kept.size() < q.limit;
    }
    if (kept.size() < q.top) {
      kept.push_back(std::move(c));
      std::push_heap(kept.begin(), kept.end(), less_salient_on_top);
    } else if (MoreSalient(c, kept.front())) {
      std::pop_heap(kept.begin(), kept.end(), less_salient_on_top);
      kept.back() = std::move(c);
      std::push_heap(kept.begin(), kept.end(), less_salient_on_top);
    }
    return true;
  };
  Status s = subject ? store_.ScanActorTimeline(subject->id, from, to, q.strict, visit)
                     : store_.ScanDateRange(from, to, visit);
  if (!s.ok()) return s;
  if (q.top > 0) hidden.below_top = order - kept.size();

  // Dated events first, then those dated only by their report; each part
  // in date order (scan order) or by salience.
  std::sort(kept.begin(), kept.end(), [&](const Candidate& a, const Candidate& b) {
    bool ua = DatedOnlyByReport(a.event), ub = DatedOnlyByReport(b.event);
    if (ua != ub) return !ua;
    if (q.sort == TimelineSort::kSalience) return MoreSalient(a, b);
    return a.order < b.order;
  });
  if (q.top > 0 && q.limit > 0 && kept.size() > q.limit) kept.resize(q.limit);
  result.rows.reserve(kept.size());
  for (auto& c : kept) {
    result.rows.push_back(View(c.event));  // View computes the same salience
  }
  if (!q.include_hidden) hidden.folded = FoldSameHappening(&result.rows);
  return result;
}

}  // namespace kbq::query
