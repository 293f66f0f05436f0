// Engine: answers timeline, show and actor questions from a Store.
//
// The engine reads only; it never writes. It resolves what a user typed
// ("Ukraine", "乌克兰", "UKR", "Kyiv") through the store's name index, and
// returns plain value types that the renderers in render.h print as text or
// JSON. An Engine borrows the Store, which must outlive it. Engines are
// cheap; const methods may run concurrently on one Engine.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "kbq/graph.h"
#include "kbq/model.h"
#include "kbq/status.h"
#include "kbq/store.h"
#include "kbq/time_value.h"

namespace kbq::query {

enum class TimelineSort { kDate, kSalience };

struct TimelineQuery {
  std::string actor;          // a name in any language, or an id; empty = all events
  std::string with;           // keep only events in which this actor also takes part
  TimeValue from;             // !ok() = open; events overlapping [from, to] are kept
  TimeValue to;
  std::string type;           // our event type ("negotiate") or a CAMEO prefix ("04")
  std::string place;          // a place name or id
  size_t limit = 0;           // 0 = no limit: the first N rows in date order
  // Also negated and counterfactual events, and minor events (IsMinorEvent
  // in salience.h) (--all).
  bool include_hidden = false;
  bool strict = false;        // only the actor itself, not its bodies, people, places
  std::string lang;           // "en", "zh"; empty = the script of `actor`
  // Events dated only by their article's publication day ("reported DAY")
  // count as happening that day for --from/--to only when this is set; with
  // no date window they are always listed (after the dated ones).
  bool include_reported = false;
  // 0 = all; else the N most salient, shown in date order. Events whose
  // dates only overlap [from, to] are hidden unless include_hidden, and then
  // rank after those inside it.
  size_t top = 0;
  size_t min_mentions = 0;    // keep events with at least K distinct mentions
  size_t min_sources = 0;     // ... and at least K distinct sources (sites, agencies)
  // With top > 0 and a window, weak events (salience.h) are left out unless
  // include_hidden or keep_weak.
  bool keep_weak = false;
  TimelineSort sort = TimelineSort::kDate;
};

// Rows a timeline left out, by the filter that left them out; every one is
// reachable with the flag named beside it.
struct TimelineHidden {
  size_t negated = 0;       // negated and counterfactual (include_hidden)
  size_t reported = 0;      // dated only by their report, outside a window (include_reported)
  size_t minor = 0;         // minor one-participant events (include_hidden)
  size_t below_top = 0;     // less salient than the top N (top = 0)
  size_t few_mentions = 0;  // under min_mentions
  size_t few_sources = 0;   // under min_sources
  // Dated more coarsely than a window, only overlapping it ("2022" in a week's
  // window): not known to fall inside it (include_hidden).
  size_t coarse = 0;
  // With top > 0 and a window: salience under kWeakSalience (salience.h)
  // (include_hidden).
  size_t weak = 0;
  // Told again by a more salient row of the same day and sides (fold.h;
  // include_hidden shows every row).
  size_t folded = 0;
  size_t total() const {
    return negated + reported + minor + below_top + few_mentions + few_sources + coarse + weak + folded;
  }
};

// An event with every actor it names, ready to print.
struct EventView {
  Event event;
  std::map<std::string, Actor> actors;  // participants, place, attribution
  std::vector<Article> articles;        // the articles its mentions come from
  std::vector<Link> links_out;
  std::vector<Link> links_in;
  // The events at the other end of its links, without their own links;
  // filled by Engine::ShowEvent only (timelines leave it empty).
  std::vector<EventView> linked;
  // Timelines only: ids of rows folded into this one (fold.h), the same
  // meeting or visit told by other events.
  std::vector<std::string> related;
  double salience = 0;   // Salience() of the event (salience.h)
  size_t sources = 0;    // distinct sources (sites or agencies) of its mentions
};

struct TimelineResult {
  std::vector<Actor> subject;  // the resolved actor (and --with actor)
  std::string lang;            // the language names print in
  // The dated events first, then those dated only by their report
  // (DatedOnlyByReport), each part in date order (or by salience, highest
  // first, under TimelineSort::kSalience).
  std::vector<EventView> rows;
  // How the query's name was read when that is worth saying: "Kyiv stands
  // for Ukraine (UKR)"; empty when the name is the actor's own.
  std::string resolution_note;
  TimelineHidden hidden;       // what the filters left out
  size_t top = 0;              // the query's top (for the "hidden" note)
  TimelineSort sort = TimelineSort::kDate;
};

// One actor a typed name may mean, with how the name names it and how many
// events it takes part in (directly or through its bodies, people, places).
struct ActorCandidate {
  Actor actor;
  NameKind via = NameKind::kName;
  uint64_t events = 0;
};

// The actor a typed name was resolved to.
struct ResolvedActor {
  Actor actor;
  NameKind via = NameKind::kName;
  // Worth telling the user: a metonym read as what it stands for, or one of
  // several candidates chosen as the only one with events. Empty otherwise.
  std::string note;
};

struct ActorView {
  Actor actor;
  uint64_t event_count = 0;        // events it takes part in directly
  uint64_t event_count_wide = 0;   // including its bodies, people and places
};

// An event reached from another, with the link that reached it.
struct NeighbourView {
  EventView view;
  int hops = 0;         // 0 for a start event
  std::optional<Link> via;
};

struct NeighborsQuery {
  std::string start;    // an event id, or an actor name (its events are the starts)
  int depth = 1;
  LinkKindSet kinds = LinkKindSet::All();
  TimeValue from, to;   // !ok() = open
  size_t max_starts = 200;  // an actor's first events used as starts
};

struct PathView {
  std::vector<NeighbourView> steps;  // hops = position; via = the link into it
  double cost = 0;
};

// Parses "causal,storyline,before" into link kinds; "causal" means causes and
// enables. InvalidArgument names the unknown kind.
Result<LinkKindSet> ParseLinkKinds(std::string_view list);

class Engine {
 public:
  explicit Engine(const Store& store) : store_(store) {}

  // The actor `name` (an id, or any name, short form, metonym or surname
  // in any language, case or script) means; kbq/name_resolution.h ranks the
  // candidates. When several are equally good and exactly one takes part in
  // stored events, that one, with a note. Errors: InvalidArgument for an
  // empty name, one over 1 KiB or invalid UTF-8; NotFound with "did you
  // mean" suggestions when nothing matches; NotFound listing the candidates
  // ("'X' is ambiguous: ...; give an id") otherwise. `strict` prefers a
  // place to the government its name stands for.
  Result<ResolvedActor> Resolve(std::string_view name, bool strict = false) const;
  Result<Actor> ResolveActor(std::string_view name) const;
  // Every actor `name` may mean, best first, with event counts unless
  // !count_events (empty when none); the same validation errors as Resolve.
  Result<std::vector<ActorCandidate>> Candidates(std::string_view name, bool strict = false,
                                                 bool count_events = true) const;
  // Every actor whose names or id contain `query` (all actors when empty).
  Result<std::vector<ActorView>> Actors(std::string_view query) const;
  // Near matches for an unknown name, closest first: every surface form in
  // every language within a small edit distance, or that starts with the
  // name; ties go to the actor with more events. Never an unrelated name.
  std::vector<Actor> Suggest(std::string_view name, size_t max) const;

  Result<TimelineResult> Timeline(const TimelineQuery& q) const;
  // One event with its actors, articles and links. NotFound for an unknown id.
  Result<EventView> ShowEvent(const std::string& id) const;
  Result<ActorView> ShowActor(const std::string& id) const;

  // Events within `depth` links of the start, nearest first.
  Result<std::vector<NeighbourView>> Neighbors(const NeighborsQuery& q) const;
  // The causal and storyline chain from an event, back to its roots or
  // forward, ordered by date.
  Result<std::vector<NeighbourView>> Chain(const std::string& event_id, bool forward) const;
  // The shortest explained path between two events, or two actors through
  // their events. NotFound when none within `max_hops`.
  Result<PathView> Path(const std::string& a, const std::string& b, int max_hops) const;
  // Graph consistency problems (before-cycles, causes after effects).
  Result<std::vector<std::string>> GraphProblems() const;

  // Fills an EventView for `e` (actors, articles, links).
  EventView View(const Event& e) const;
  const Store& store() const { return store_; }

 private:
  Status CountEvents(ActorView* v) const;
  const Store& store_;
};

// "zh" when `text` contains Han characters, else "en".
std::string LanguageOf(std::string_view text);

}  // namespace kbq::query
