// The event graph: neighbourhoods, causal/storyline chains, explained paths,
// storylines, consistency checks and temporal link derivation over the links
// between events.
//
// Every algorithm reads through a GraphSource, a small read-only view of the
// links and events (MakeStoreGraphSource() adapts a Store; tests use an
// in-memory source). Local algorithms (Neighbours, FollowChain, FindPath) load only
// what they reach through LinksFrom/LinksTo; whole-graph algorithms
// (Storylines, CheckConsistency, EventGraph::FindPathBetween) work on an EventGraph
// built once from ScanLinks. Boost.Graph does the work inside; no Boost type
// appears here.
//
// Results are plain values. Nothing throws across this API: failures of the
// source are returned as its Status. Link directions (docs/graph.md):
//   causes/enables: from = antecedent, to = consequence
//   refers_to:      from = the later event that refers back, to = the earlier one
//   part_of:        from = the part, to = the whole
//   storyline:      undirected in meaning; oriented by date when followed
//   before:         from happened before to; overlaps, same_as: symmetric
//
// Thread safety: the functions are reentrant; an EventGraph is immutable after
// Build() and may be shared between threads, as may a GraphSource whose
// underlying store allows concurrent reads.
#pragma once

#include <cstdint>
#include <functional>
#include <initializer_list>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "kbq/model.h"
#include "kbq/status.h"

namespace kbq {

class Store;

// ---------------------------------------------------------------- sources

// A read-only view of events and links. Implementations must return every
// link of an event from both LinksFrom(link.from) and LinksTo(link.to).
struct GraphSource {
  virtual ~GraphSource() = default;
  // NotFound when there is no such event.
  virtual Result<Event> GetEvent(const std::string& id) const = 0;
  // Links leaving / entering `id`; empty (not an error) when it has none.
  virtual Result<std::vector<Link>> LinksFrom(const std::string& id) const = 0;
  virtual Result<std::vector<Link>> LinksTo(const std::string& id) const = 0;
  // The links of several events at once: per id, those leaving it (when
  // `out`), then those entering it (when `in`). Walks read a whole frontier
  // this way; the default calls LinksFrom/LinksTo per id.
  virtual Result<std::vector<Link>> LinksOf(const std::vector<std::string>& ids, bool out,
                                            bool in) const {
    std::vector<Link> all;
    for (const auto& id : ids) {
      for (bool from : {true, false}) {
        if (from ? !out : !in) continue;
        auto r = from ? LinksFrom(id) : LinksTo(id);
        if (!r.ok()) return r.status().WithContext("links of " + id);
        all.insert(all.end(), r->begin(), r->end());
      }
    }
    return all;
  }
  // Every link / every dated event; the visitor returns false to stop.
  virtual Status ScanLinks(const std::function<bool(const Link&)>& visit) const = 0;
  virtual Status ScanEvents(const std::function<bool(const Event&)>& visit) const = 0;
};

// A GraphSource reading `store`, which must outlive it. ScanEvents is
// Store::ScanDateRange over all days (events with unknown dates are fetched
// with GetEvent when an algorithm needs them).
std::unique_ptr<GraphSource> MakeStoreGraphSource(const Store& store);

// ---------------------------------------------------------------- kinds

// A set of link kinds.
class LinkKindSet {
 public:
  constexpr LinkKindSet() = default;
  LinkKindSet(std::initializer_list<LinkKind> kinds) {
    for (LinkKind k : kinds) Add(k);
  }
  static LinkKindSet All() { return FromBits(~0u); }  // also kinds added later
  static constexpr LinkKindSet FromBits(uint32_t bits) {
    LinkKindSet s;
    s.bits_ = bits;
    return s;
  }
  LinkKindSet& Add(LinkKind k) {
    bits_ |= 1u << static_cast<unsigned>(k);
    return *this;
  }
  bool Contains(LinkKind k) const { return (bits_ >> static_cast<unsigned>(k)) & 1u; }
  bool empty() const { return bits_ == 0; }
  uint32_t bits() const { return bits_; }
  friend bool operator==(const LinkKindSet&, const LinkKindSet&) = default;

 private:
  uint32_t bits_ = 0;
};

// The kinds a chain and a storyline follow: causes, enables, refers_to,
// part_of, storyline, same_as (not before/overlaps, which only order time).
LinkKindSet ChainLinkKinds();

// ---------------------------------------------------------------- neighbours

enum class Direction : uint8_t {
  kBoth = 0,
  kOut = 1,  // along links: from → to
  kIn = 2,   // against links: to → from
};

struct NeighbourOptions {
  int hops = 1;  // k >= 0
  Direction direction = Direction::kBoth;
  LinkKindSet kinds = LinkKindSet::All();
  // Date window, inclusive days since 1970-01-01. An event whose date does
  // not overlap it is neither returned nor walked through (the start is
  // always walked from). With the default
  // (unbounded) window events of unknown date pass; with any bound set they
  // do not.
  int32_t from_day = INT32_MIN;
  int32_t to_day = INT32_MAX;
  size_t max_events = 100000;  // stop (truncated = true) after this many
};

struct Neighbour {
  Event event;
  int hops = 0;  // 1..k
  Link via;      // the link that first reached it (in BFS order)
};

struct Neighbourhood {
  // Ordered by hops, then date (earliest, latest; unknown dates last), then id.
  // The start event is not included.
  std::vector<Neighbour> events;
  // Ids that links point at but that the source does not hold.
  std::vector<std::string> dangling;
  bool truncated = false;
};

// Events within options.hops links of `start`. NotFound when `start` is not
// an event; InvalidArgument when hops < 0.
Result<Neighbourhood> Neighbours(const GraphSource& source, const std::string& start,
                                 const NeighbourOptions& options);

// ---------------------------------------------------------------- chain

enum class ChainDirection : uint8_t {
  kBack = 0,     // towards causes, referents, wholes, earlier storyline events
  kForward = 1,  // towards consequences, referrers, parts, later storyline events
};

struct ChainOptions {
  ChainDirection direction = ChainDirection::kBack;
  LinkKindSet kinds = ChainLinkKinds();  // before/overlaps here are ignored
  int max_depth = 64;
  size_t max_events = 10000;
};

struct ChainStep {
  Event event;
  int depth = 0;            // links from the start (0 for the start itself)
  std::optional<Link> via;  // the link that reached it; none for the start
};

struct Chain {
  // Ordered by date: earliest, then latest, then id; unknown dates last.
  // Includes the start event.
  std::vector<ChainStep> events;
  // Ids (in `events`) from which no further step leads: the roots when going
  // back, the ends when going forward.
  std::vector<std::string> ends;
  std::vector<std::string> dangling;
  bool truncated = false;
};

// Follows chain links from `start` (see docs/graph.md for which end of each
// kind is "back"). Terminates on cycles: each event is visited once.
// NotFound when `start` is not an event.
Result<Chain> FollowChain(const GraphSource& source, const std::string& start,
                          const ChainOptions& options);

// ---------------------------------------------------------------- path

enum class PathWeight : uint8_t {
  kHops = 0,        // every link costs 1
  kConfidence = 1,  // a link costs 1 / confidence (confidence clamped to [0.01, 1])
};

struct PathOptions {
  LinkKindSet kinds = LinkKindSet::All();
  PathWeight weight = PathWeight::kHops;
  // Paths of at most this many links are searched (links are walked in both
  // directions). With kConfidence the cheapest path inside the loaded
  // neighbourhood is returned; it may have more links than this.
  int max_hops = 6;
  size_t max_loaded = 2000000;  // events loaded before giving up (truncated)
};

struct PathStep {
  Event event;
  // The link joining the previous step's event to this one, in whichever
  // direction it is stored; none for the first step.
  std::optional<Link> via;
};

struct Path {
  std::vector<PathStep> steps;  // starts in the start set, ends in the goal set
  double cost = 0;              // sum of link weights
  size_t hops() const { return steps.empty() ? 0 : steps.size() - 1; }
};

// The shortest path from any event in `starts` to any event in `goals`
// (a shared event is a path of one step). For two actors, pass the events
// each takes part in. NotFound ("no path ...") when none exists within the
// limits; InvalidArgument when either set is empty.
Result<Path> FindPathBetween(const GraphSource& source, const std::vector<std::string>& starts,
                      const std::vector<std::string>& goals, const PathOptions& options);
Result<Path> FindPath(const GraphSource& source, const std::string& from, const std::string& to,
                      const PathOptions& options);

// ---------------------------------------------------------------- whole graph

struct GraphBuildOptions {
  LinkKindSet kinds = LinkKindSet::All();  // links of other kinds are left out
};

// The whole link graph in memory: a compressed sparse row graph over every
// event that has a link, each link stored in both directions, with an
// id <-> vertex map. Measured at 10M events x 3 links: 776 MiB resident,
// 1043 MiB peak while building (docs/graph.md).
class EventGraph {
 public:
  // Reads source.ScanLinks() once.
  static Result<std::unique_ptr<EventGraph>> Build(const GraphSource& source,
                                                   const GraphBuildOptions& options);
  // For benchmarks and tests: builds from a link generator. `produce` calls
  // its argument once per link.
  static Result<std::unique_ptr<EventGraph>> BuildFrom(
      const std::function<Status(const std::function<bool(const Link&)>&)>& produce,
      const GraphBuildOptions& options);
  ~EventGraph();
  EventGraph(const EventGraph&) = delete;
  EventGraph& operator=(const EventGraph&) = delete;

  size_t num_events() const;
  size_t num_links() const;
  bool Contains(const std::string& event_id) const;

  // As FindPathBetween, over the whole graph (max_hops and max_loaded are
  // ignored). Events and links of the path are read back from `source`.
  Result<Path> FindPathBetween(const GraphSource& source, const std::vector<std::string>& starts,
                        const std::vector<std::string>& goals, const PathOptions& options) const;

  // For the algorithms in kb/src only; Impl is defined there.
  struct Impl;
  const Impl& impl() const { return *impl_; }

 private:
  explicit EventGraph(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

struct StorylineOptions {
  LinkKindSet kinds = ChainLinkKinds();
  size_t min_size = 2;    // smaller components are not storylines
  size_t max_actors = 5;  // main actors reported per storyline
  size_t max_storylines = 0;  // 0: all
  // 0: list every event id; else only the first (earliest) max_ids of each
  // storyline (a storyline of millions of events is rarely read whole).
  size_t max_ids = 0;
};

struct Storyline {
  size_t size = 0;                     // number of events
  std::vector<std::string> event_ids;  // in date order (unknown dates last)
  TimeValue span;  // min earliest .. max latest of the dated events; !ok() if none
  // Most frequent participants: (actor id, number of events), most first.
  std::vector<std::pair<std::string, size_t>> main_actors;
};

// Connected components of `graph` along options.kinds (links taken as
// undirected), largest first (ties: earliest span first). Event records are
// read from `source` for spans and actors.
Result<std::vector<Storyline>> Storylines(const EventGraph& graph, const GraphSource& source,
                                          const StorylineOptions& options);

struct ConsistencyOptions {
  size_t max_problems = 100;
};

struct ConsistencyProblem {
  enum class Kind : uint8_t {
    kBeforeCycle = 0,      // before-links forming a cycle
    kCauseAfterEffect = 1, // causes/enables whose cause starts after the effect ends
    kBeforeAgainstDates = 2,  // a before-link whose dates say the opposite
  };
  Kind kind;
  std::vector<std::string> event_ids;  // the cycle in order, or (from, to)
  std::string message;                 // names the event ids and dates
};

struct ConsistencyReport {
  std::vector<ConsistencyProblem> problems;
  bool truncated = false;  // more than max_problems were found
  bool ok() const { return problems.empty(); }
};

// Finds cycles of before-links (one per DFS back edge) in `graph`, and
// causes/enables/before links that contradict the events' dates (read from
// `source`). Reports; never loops.
Result<ConsistencyReport> CheckConsistency(const EventGraph& graph, const GraphSource& source,
                                           const ConsistencyOptions& options);

// ---------------------------------------------------------------- derivation

// Temporal links between the events of ONE article or storyline, from their
// normalised dates. Events with unknown dates, and negated or counterfactual
// ones, get none. Sorted by (earliest, latest, id), each event gets
//  - "before" to the first event (in that order) that starts after it ends;
//  - "overlaps" to the next event in that order when their days overlap.
// So at most 2(n-1) links, each true by the dates; dates of different
// precision compare honestly (2022 overlaps 2022-04; neither is before).
std::vector<Link> DeriveTemporalLinks(const std::vector<Event>& events);

}  // namespace kbq
