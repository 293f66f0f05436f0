// Engine::Timeline: the filters of TimelineQuery, salience, --top, and the
// split into dated events and events dated only by their report.
//
// Two ways to one answer. The date-ordered scan reads every event of the
// range (idx_actor / idx_date) and keeps the N most salient. For --top N of
// an actor with many events, the salience-ordered scan reads the store's
// salience index (idx_sal) most salient first and stops once N rows pass the
// filters; the counts of hidden rows then come from the store's per-actor
// counters: per actor (whole range, default filters) or by blocks of dates
// (a window, default filters), else from a scan of the range that only
// classifies (no salience, no article read). Both give the same rows,
// in the same order, with the same hidden counts (tests/query/top_test.cc).
#include <algorithm>
#include <array>
#include <optional>
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
  size_t order = 0;  // position in the date-ordered scan
};

// Inside the window first, then higher salience; on a tie the earlier event.
bool MoreSalient(const Candidate& a, const Candidate& b) {
  if (a.inside != b.inside) return a.inside;
  return a.salience != b.salience ? a.salience > b.salience : a.order < b.order;
}

// What leaves an event out of a timeline: the first filter that does, in
// the order they apply. kOther (--with, --type, --place) is not counted.
enum class Verdict { kShown, kOther, kNegated, kReported, kMinor, kCoarse, kFewMentions, kFewSources };

void Count(Verdict v, TimelineHidden* h) {
  switch (v) {
    case Verdict::kNegated: ++h->negated; break;
    case Verdict::kReported: ++h->reported; break;
    case Verdict::kMinor: ++h->minor; break;
    case Verdict::kCoarse: ++h->coarse; break;
    case Verdict::kFewMentions: ++h->few_mentions; break;
    case Verdict::kFewSources: ++h->few_sources; break;
    case Verdict::kShown:
    case Verdict::kOther: break;
  }
}

// The filters of one query.
class Filters {
 public:
  Filters(const Store& store, const TimelineQuery& q) : store_(store), q_(q), sources_(store) {
    windowed_ = q.from.ok() || q.to.ok();
    from_ = q.from.ok() ? q.from.earliest : INT32_MIN;
    to_ = q.to.ok() ? q.to.latest : INT32_MAX;
  }
  bool windowed() const { return windowed_; }
  int32_t from() const { return from_; }
  int32_t to() const { return to_; }
  std::unordered_set<std::string>* with_events() { return &with_events_; }
  // Whether weak events (salience under kWeakSalience) are left out: a ranked
  // timeline of a window, without --all or keep_weak.
  bool DropsWeak() const { return windowed_ && q_.top > 0 && !q_.include_hidden && !q_.keep_weak; }
  bool Weak(double salience) const { return DropsWeak() && salience < kWeakSalience; }
  void set_place(std::string id) { place_id_ = std::move(id); }
  // True when only the default filters apply (no --with, --type, --place,
  // --min-mentions, --min-sources): the store's counters then know them.
  bool Plain() const {
    return q_.with.empty() && q_.type.empty() && place_id_.empty() && q_.min_mentions == 0 &&
           q_.min_sources == 0;
  }
  size_t Sources(const Event& e) { return sources_.Count(e); }
  // Judge() needs only an event's leading fields (Store::ScanActorTimelineHeads)
  // unless --min-mentions or --min-sources is set.
  bool HeadsSuffice() const { return q_.min_mentions == 0 && q_.min_sources == 0; }

  // Judge() of the whole event, given its head: a head that would be a minor
  // event with one mention (a rare shape) has its whole record read.
  Verdict JudgeHead(const Event& head) {
    bool inside = true;
    std::optional<size_t> sources;
    if (!q_.include_hidden && DatedOnlyByReport(head) && head.place_id.empty()) {
      Event probe = head;
      probe.mentions.resize(1);
      if (IsMinorEvent(probe)) {
        auto whole = store_.GetEvent(head.id);
        if (whole.ok()) return Judge(*whole, &inside, &sources);
      }
    }
    return Judge(head, &inside, &sources);
  }

  // `*inside` is set for a shown event; `*sources` when they were counted.
  // `minor`, when known, stands for IsMinorEvent(e) (a head without mentions).
  Verdict Judge(const Event& e, bool* inside, std::optional<size_t>* sources,
                std::optional<bool> minor = std::nullopt) {
    if (!q_.with.empty() && !with_events_.count(e.id)) return Verdict::kOther;
    if (!TypeMatches(e, q_.type) || !PlaceMatches(e)) return Verdict::kOther;
    if (!q_.include_hidden && HiddenByDefault(e.modality)) return Verdict::kNegated;
    if (windowed_ && !q_.include_reported && DatedOnlyByReport(e)) return Verdict::kReported;
    if (!q_.include_hidden && (minor ? *minor : IsMinorEvent(e))) return Verdict::kMinor;
    *inside = e.date.ok() && e.date.earliest >= from_ && e.date.latest <= to_;
    if (windowed_ && !q_.include_hidden && e.date.ok() && !*inside) return Verdict::kCoarse;
    if (q_.min_mentions > 0 && EvidenceMentions(e) < q_.min_mentions) return Verdict::kFewMentions;
    if (q_.min_sources > 0) {
      *sources = sources_.Count(e);
      if (DistinctSources(e, **sources) < q_.min_sources) return Verdict::kFewSources;
    }
    return Verdict::kShown;
  }

 private:
  bool PlaceMatches(const Event& e) {
    if (place_id_.empty()) return true;
    if (e.place_id == place_id_) return true;
    if (e.place_id.empty()) return false;
    auto p = store_.GetActor(e.place_id);
    return p.ok() && std::find(p->part_of.begin(), p->part_of.end(), place_id_) != p->part_of.end();
  }
  const Store& store_;
  const TimelineQuery& q_;
  SourceCounter sources_;
  std::unordered_set<std::string> with_events_;
  std::string place_id_;
  bool windowed_ = false;
  int32_t from_ = INT32_MIN, to_ = INT32_MAX;
};

// The date-ordered scan: every event of the range; without --top every
// shown one is kept (up to limit), with it a min-heap of the N most salient
// so far (the least salient on top, to be pushed out).
Status ScanByDate(const Store& store, const std::optional<Actor>& subject, const TimelineQuery& q,
                  Filters* filters, std::vector<Candidate>* kept, TimelineHidden* hidden) {
  auto less_salient_on_top = [](const Candidate& a, const Candidate& b) { return MoreSalient(a, b); };
  size_t order = 0;
  auto visit = [&](const Event& e) {
    Candidate c;
    std::optional<size_t> sources;
    Verdict v = filters->Judge(e, &c.inside, &sources);
    if (v != Verdict::kShown) {
      Count(v, hidden);
      return true;
    }
    c.salience = Salience(e, sources ? *sources : filters->Sources(e));
    if (filters->Weak(c.salience)) {
      ++hidden->weak;
      return true;
    }
    c.order = order++;
    c.event = e;
    if (q.top == 0) {
      kept->push_back(std::move(c));
      return q.limit == 0 || kept->size() < q.limit;
    }
    if (kept->size() < q.top) {
      kept->push_back(std::move(c));
      std::push_heap(kept->begin(), kept->end(), less_salient_on_top);
    } else if (MoreSalient(c, kept->front())) {
      std::pop_heap(kept->begin(), kept->end(), less_salient_on_top);
      kept->back() = std::move(c);
      std::push_heap(kept->begin(), kept->end(), less_salient_on_top);
    }
    return true;
  };
  Status s = subject ? store.ScanActorTimeline(subject->id, filters->from(), filters->to(), q.strict, visit)
                     : store.ScanDateRange(filters->from(), filters->to(), visit);
  if (!s.ok()) return s;
  if (q.top > 0) hidden->below_top = order - kept->size();
  return Status::OK();
}

// Above this many events in the range (the actor's, then those the filters
// show), --top reads the salience index. Ranking the range costs about
// 1.3 us an event, judging it for the counts about 0.4 us, the walk a few
// hundred us (store_bench, docs/benchmarks.md): the index pays from a few
// hundred events on.
size_t SalienceScanThreshold(size_t top) { return std::max<size_t>(4 * top, 512); }

// The verdicts of Filters::Judge() for a window under the default filters,
// from the store's counts by class bits (Store::CountActorWindow): the same
// filters in the same order. Adds the hidden ones to `*h`, the shown ones to
// `*shown`, and of those the weak ones (salience under kWeakSalience) to `*weak`.
void JudgeWindow(const Store::WindowCounts& counts, const TimelineQuery& q, TimelineHidden* h, size_t* shown,
                 size_t* weak) {
  auto add = [&](const std::array<uint64_t, 16>& n, bool dated, bool inside) {
    for (size_t bits = 0; bits < n.size(); ++bits) {
      if (n[bits] == 0) continue;
      if (!q.include_hidden && (bits & kClassBitNegated)) {
        h->negated += n[bits];
      } else if (!q.include_reported && (bits & kClassBitReported)) {
        h->reported += n[bits];
      } else if (!q.include_hidden && (bits & kClassBitMinor)) {
        h->minor += n[bits];
      } else if (!q.include_hidden && dated && !inside) {
        h->coarse += n[bits];
      } else {
        *shown += n[bits];
        if (bits & kClassBitWeak) *weak += n[bits];
      }
    }
  };
  add(counts.inside, true, true);
  add(counts.overlapping, true, false);
  add(counts.undated, false, false);
}

// The salience-ordered scan for --top N of an actor. Returns nullopt (and
// leaves everything untouched) when the date-ordered scan is the better way:
// a store without idx_sal, or few events in the range.
Result<bool> ScanBySalience(const Store& store, const Actor& subject, const TimelineQuery& q,
                            Filters* filters, std::vector<Candidate>* kept, TimelineHidden* hidden) {
  auto counts = store.CountActorEvents(subject.id, q.strict);
  if (!counts.ok()) {
    if (counts.status().code() == Status::Code::kNotSupported) return false;
    return counts.status();
  }
  if (counts->total <= SalienceScanThreshold(q.top)) return false;
  // How many rows the filters show, and the hidden counts.
  TimelineHidden h;
  size_t shown = 0;
  // Weak events among the shown ones, when the store's date-block counters
  // gave the counts (else the walk counts the strong ones).
  std::optional<size_t> weak;
  std::optional<Store::WindowCounts> window;
  if (filters->windowed() && filters->Plain()) {
    auto w = store.CountActorWindow(subject.id, filters->from(), filters->to(), q.strict);
    if (w.ok()) {
      window = std::move(w).value();
    } else if (w.status().code() != Status::Code::kNotSupported) {
      return w.status();
    }
  }
  if (window) {
    weak = 0;
    JudgeWindow(*window, q, &h, &shown, &*weak);
    if (shown <= SalienceScanThreshold(q.top)) return false;  // few enough to rank all
  } else if (!filters->windowed() && filters->Plain()) {
    // The whole range under the default filters: the counters know.
    if (!q.include_hidden) {
      h.negated = counts->negated;
      h.minor = counts->minor;
    }
    shown = counts->total - h.negated - h.minor;
  } else {
    // A scan that judges each event of the range from the leading fields of
    // its index entry's record copy, and computes no salience.
    const bool heads = filters->HeadsSuffice();
    auto judge = [&](const Event& e) {
      bool inside = true;
      std::optional<size_t> sources;
      Verdict v = heads ? filters->JudgeHead(e) : filters->Judge(e, &inside, &sources);
      if (v == Verdict::kShown) ++shown;
      Count(v, &h);
      return true;
    };
    Status s = heads ? store.ScanActorTimelineHeads(subject.id, filters->from(), filters->to(), q.strict, judge)
                     : store.ScanActorTimeline(subject.id, filters->from(), filters->to(), q.strict, judge);
    if (!s.ok()) return s;
    if (shown <= SalienceScanThreshold(q.top)) return false;  // few enough to rank all
  }
  // Most salient first, ties in date order: the first N shown events inside
  // the window are the top N; events only overlapping it (shown with --all)
  // and undated ones rank after every inside one, so the first N of those
  // fill up a short list. Weak events come after every other: when they are
  // left out and no counter said how many there are, the walk counts the
  // shown events above kWeakSalience to the end of those (the rest of the
  // shown ones are the weak), else it stops at N.
  // The walk judges each entry by the fields the index holds (the default
  // filters); --min-mentions and --min-sources read each walked event whole.
  // Only the rows kept have their records read, at the end.
  std::vector<Candidate> inside, outside;
  size_t strong = 0;
  const bool drops_weak = filters->DropsWeak();
  const bool heads = filters->HeadsSuffice();
  Status read;
  Status s = store.ScanActorBySalience(subject.id, filters->from(), filters->to(), q.strict,
                                       [&](const Store::SalienceEntry& entry) {
                                         Candidate c;
                                         std::optional<size_t> sources;
                                         if (heads) {
                                           if (filters->Judge(entry.head, &c.inside, &sources, entry.minor) !=
                                               Verdict::kShown) {
                                             return true;
                                           }
                                           c.event = entry.head;
                                         } else {
                                           auto whole = store.GetEvent(entry.head.id);
                                           if (!whole.ok()) {
                                             read = whole.status();
                                             return false;
                                           }
                                           if (filters->Judge(*whole, &c.inside, &sources) != Verdict::kShown) {
                                             return true;
                                           }
                                           c.event = std::move(whole).value();
                                         }
                                         if (filters->Weak(entry.salience)) return false;
                                         ++strong;
                                         std::vector<Candidate>& to = c.inside ? inside : outside;
                                         if (to.size() < q.top) {
                                           c.salience = entry.salience;
                                           to.push_back(std::move(c));
                                         }
                                         return (drops_weak && !weak) || inside.size() < q.top;
                                       });
  if (s.ok()) s = read;
  if (!s.ok()) return s;
  if (drops_weak) {
    h.weak = weak ? *weak : shown - strong;
    shown -= h.weak;
  }
  for (auto& c : outside) {
    if (inside.size() >= q.top) break;
    inside.push_back(std::move(c));
  }
  if (heads) {
    std::vector<std::string> ids;
    for (const auto& c : inside) ids.push_back(c.event.id);
    auto whole = store.GetEvents(ids);
    if (!whole.ok()) return whole.status();
    for (size_t i = 0; i < inside.size(); ++i) inside[i].event = std::move((*whole)[i]);
  }
  // Their positions in the date-ordered scan (earliest, latest, id).
  std::vector<size_t> by_date(inside.size());
  for (size_t i = 0; i < by_date.size(); ++i) by_date[i] = i;
  auto span = [&](size_t i) {
    const TimeValue& d = inside[i].event.date;
    return d.ok() ? std::pair{d.earliest, d.latest} : std::pair{TimeValue::kNoDay, TimeValue::kNoDay};
  };
  std::sort(by_date.begin(), by_date.end(), [&](size_t a, size_t b) {
    auto sa = span(a), sb = span(b);
    return sa != sb ? sa < sb : inside[a].event.id < inside[b].event.id;
  });
  for (size_t i = 0; i < by_date.size(); ++i) inside[by_date[i]].order = i;
  h.below_top = shown - inside.size();
  *kept = std::move(inside);
  *hidden = h;
  return true;
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

  Filters filters(store_, q);
  if (!q.with.empty()) {
    auto with = ResolveActor(q.with);
    if (!with.ok()) return with.status();
    result.subject.push_back(with.value());
    Status s = store_.ScanActorTimeline(with->id, filters.from(), filters.to(), q.strict,
                                        [&](const Event& e) {
                                          filters.with_events()->insert(e.id);
                                          return true;
                                        });
    if (!s.ok()) return s;
  }
  if (!q.place.empty()) {
    auto place = ResolveActor(q.place);
    if (!place.ok()) return place.status();
    filters.set_place(place->id);
  }

  // Folding (below) joins rows that tell one happening, so a --top N list
  // ranks N + max(N, 16) candidates and is cut to N after the fold: N rows
  // of N happenings, not fewer.
  const bool folds = !q.include_hidden;
  TimelineQuery scan = q;
  if (q.top > 0 && folds) scan.top = q.top + std::max<size_t>(q.top, 16);
  std::vector<Candidate> kept;
  bool done = false;
  if (q.top > 0 && subject) {
    auto by_salience = ScanBySalience(store_, *subject, scan, &filters, &kept, &result.hidden);
    if (!by_salience.ok()) return by_salience.status();
    done = *by_salience;
  }
  if (!done) {
    Status s = ScanByDate(store_, subject, scan, &filters, &kept, &result.hidden);
    if (!s.ok()) return s;
  }

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
  if (!folds) return result;
  result.hidden.folded = FoldSameHappening(&result.rows);
  if (q.top > 0 && result.rows.size() > q.top) {
    // The N rows MoreSalient() ranks first — rows inside the range before
    // those only overlapping it or undated, then by salience, ties to the
    // earlier row — in their order.
    auto inside = [&](const EventView& v) {
      const TimeValue& d = v.event.date;
      return d.ok() && d.earliest >= filters.from() && d.latest <= filters.to();
    };
    std::vector<size_t> rank(result.rows.size());
    for (size_t i = 0; i < rank.size(); ++i) rank[i] = i;
    std::stable_sort(rank.begin(), rank.end(), [&](size_t a, size_t b) {
      const EventView &ra = result.rows[a], &rb = result.rows[b];
      if (inside(ra) != inside(rb)) return inside(ra);
      return ra.salience > rb.salience;
    });
    std::vector<char> keep(result.rows.size(), 0);
    for (size_t i = 0; i < q.top; ++i) keep[rank[i]] = 1;
    std::vector<EventView> rows;
    rows.reserve(q.top);
    for (size_t i = 0; i < result.rows.size(); ++i) {
      if (keep[i]) rows.push_back(std::move(result.rows[i]));
    }
    result.hidden.below_top += result.rows.size() - rows.size();
    result.rows = std::move(rows);
  }
  return result;
}

}  // namespace kbq::query
