// Whole-graph algorithms on an EventGraph: storylines (connected components)
// and consistency (before-cycles, links against dates).
#include <boost/graph/depth_first_search.hpp>
#include <boost/graph/filtered_graph.hpp>
#include <boost/graph/two_bit_color_map.hpp>

#include <algorithm>
#include <map>
#include <numeric>
#include <unordered_map>

#include "graph_internal.h"

namespace kbq {
namespace {

using graph_internal::CsrGraph;
using graph_internal::Edge;
using graph_internal::EdgeFilter;
using graph_internal::Vertex;
using Filtered = boost::filtered_graph<CsrGraph, EdgeFilter>;

constexpr uint32_t kNone = UINT32_MAX;

// Labels components: every DFS tree of the symmetric graph is one. (Boost's
// connected_components insists on an undirected graph type; our CSR graph is
// directed with each link stored both ways, so we record the trees instead.)
class ComponentRecorder : public boost::default_dfs_visitor {
 public:
  explicit ComponentRecorder(std::vector<uint32_t>* comp, uint32_t* count)
      : comp_(comp), count_(count) {}
  void start_vertex(Vertex, const Filtered&) const { ++*count_; }
  void discover_vertex(Vertex v, const Filtered&) const { (*comp_)[v] = *count_ - 1; }

 private:
  std::vector<uint32_t>* comp_;
  uint32_t* count_;
};

// Records DFS tree parents and, for each back edge u → v, the cycle
// v → ... → u → v.
class CycleRecorder : public boost::default_dfs_visitor {
 public:
  CycleRecorder(std::vector<uint32_t>* parent, std::vector<std::vector<Vertex>>* cycles,
                size_t max, size_t* found)
      : parent_(parent), cycles_(cycles), max_(max), found_(found) {}
  void tree_edge(const Edge& e, const Filtered& g) const {
    (*parent_)[boost::target(e, g)] = static_cast<uint32_t>(boost::source(e, g));
  }
  void back_edge(const Edge& e, const Filtered& g) const {
    ++*found_;
    if (cycles_->size() >= max_) return;
    Vertex u = boost::source(e, g), v = boost::target(e, g);
    std::vector<Vertex> cycle{u};
    for (Vertex w = u; w != v;) {
      w = (*parent_)[w];
      cycle.push_back(w);
    }
    std::reverse(cycle.begin(), cycle.end());
    cycles_->push_back(std::move(cycle));
  }

 private:
  std::vector<uint32_t>* parent_;
  std::vector<std::vector<Vertex>>* cycles_;
  size_t max_;
  size_t* found_;
};

// Reads the events of the vertices marked in `wanted` — one ScanEvents pass,
// then GetEvent for those the scan did not yield (events of unknown date) —
// and hands each to `use` once.
Status ReadEvents(const EventGraph::Impl& impl, const GraphSource& source,
                  const std::vector<char>& wanted,
                  const std::function<void(Vertex, const Event&)>& use) {
  std::vector<char> done(wanted.size(), 0);
  Status s = source.ScanEvents([&](const Event& ev) {
    auto v = impl.ids.Find(ev.id);
    if (v && wanted[*v] && !done[*v]) {
      done[*v] = 1;
      use(*v, ev);
    }
    return true;
  });
  if (!s.ok()) return s;
  for (Vertex v = 0; v < wanted.size(); ++v) {
    if (!wanted[v] || done[v]) continue;
    auto ev = source.GetEvent(std::string(impl.ids.Id(v)));
    if (ev.status().IsNotFound()) continue;  // a dangling link end
    if (!ev.ok()) return ev.status();
    use(v, *ev);
  }
  return Status::OK();
}

}  // namespace

Result<std::vector<Storyline>> Storylines(const EventGraph& graph, const GraphSource& source,
                                          const StorylineOptions& options) {
  const EventGraph::Impl& impl = graph.impl();
  const CsrGraph& g = impl.graph;
  const size_t n = boost::num_vertices(g);
  Filtered fg(g, EdgeFilter(&g, options.kinds, /*forward_only=*/false));
  std::vector<uint32_t> comp(n, kNone);
  uint32_t count = 0;
  boost::depth_first_search(
      fg, boost::visitor(ComponentRecorder(&comp, &count))
              .color_map(boost::make_two_bit_color_map(n, boost::get(boost::vertex_index, g))));

  std::vector<uint32_t> size(count, 0);
  for (uint32_t c : comp) ++size[c];
  // Chosen components get dense slots 0..k-1.
  std::vector<uint32_t> slot(count, kNone);
  std::vector<uint32_t> chosen;
  for (uint32_t c = 0; c < count; ++c) {
    if (size[c] >= std::max<size_t>(options.min_size, 1)) chosen.push_back(c);
  }
  for (size_t i = 0; i < chosen.size(); ++i) slot[chosen[i]] = static_cast<uint32_t>(i);

  // Events are kept as (date, vertex): ids are copied out only for the
  // storylines and ids that are returned.
  struct Acc {
    std::vector<std::pair<TimeValue, Vertex>> events;
    std::unordered_map<std::string, size_t> actors;
  };
  std::vector<Acc> acc(chosen.size());
  std::vector<char> wanted(n, 0);
  for (Vertex v = 0; v < n; ++v) wanted[v] = slot[comp[v]] != kNone;
  std::vector<char> read(n, 0);
  Status s = ReadEvents(impl, source, wanted, [&](Vertex v, const Event& ev) {
    read[v] = 1;
    Acc& a = acc[slot[comp[v]]];
    a.events.emplace_back(ev.date, v);
    for (const std::string& actor : ev.ActorIds()) ++a.actors[actor];
  });
  if (!s.ok()) return s;
  for (Vertex v = 0; v < n; ++v) {  // dangling ends still belong to the storyline
    if (wanted[v] && !read[v]) {
      acc[slot[comp[v]]].events.emplace_back(TimeValue(), v);
    }
  }

  // Order and cut the storylines first, then sort and copy out only theirs.
  auto id_less = [&impl](const std::pair<TimeValue, Vertex>& x,
                         const std::pair<TimeValue, Vertex>& y) {
    if (x.first.ok() != y.first.ok()) return x.first.ok();
    if (x.first.ok() && x.first.earliest != y.first.earliest) {
      return x.first.earliest < y.first.earliest;
    }
    if (x.first.ok() && x.first.latest != y.first.latest) return x.first.latest < y.first.latest;
    return impl.ids.Id(x.second) < impl.ids.Id(y.second);
  };
  struct Head {
    size_t acc, size;
    TimeValue span;
    Vertex first;
  };
  std::vector<Head> heads;
  for (size_t i = 0; i < acc.size(); ++i) {
    Acc& a = acc[i];
    int32_t lo = INT32_MAX, hi = INT32_MIN;
    for (const auto& [date, v] : a.events) {
      if (date.ok()) lo = std::min(lo, date.earliest), hi = std::max(hi, date.latest);
    }
    Head h{i, a.events.size(), TimeValue(), 0};
    if (lo <= hi) h.span = TimeValue::Days(lo, hi, Precision::kRange);
    h.first = std::min_element(a.events.begin(), a.events.end(), id_less)->second;
    heads.push_back(h);
  }
  std::sort(heads.begin(), heads.end(), [&impl](const Head& a, const Head& b) {
    if (a.size != b.size) return a.size > b.size;
    if (a.span.ok() != b.span.ok()) return a.span.ok();
    if (a.span.ok() && a.span.earliest != b.span.earliest) {
      return a.span.earliest < b.span.earliest;
    }
    return impl.ids.Id(a.first) < impl.ids.Id(b.first);
  });
  if (options.max_storylines > 0 && heads.size() > options.max_storylines) {
    heads.resize(options.max_storylines);
  }
  std::vector<Storyline> out;
  out.reserve(heads.size());
  for (const Head& h : heads) {
    Acc& a = acc[h.acc];
    Storyline st;
    st.size = h.size;
    st.span = h.span;
    size_t listed = options.max_ids == 0 ? a.events.size() : std::min(options.max_ids, a.events.size());
    std::partial_sort(a.events.begin(), a.events.begin() + listed, a.events.end(), id_less);
    for (size_t i = 0; i < listed; ++i) st.event_ids.emplace_back(impl.ids.Id(a.events[i].second));
    st.main_actors.assign(a.actors.begin(), a.actors.end());
    std::sort(st.main_actors.begin(), st.main_actors.end(), [](const auto& x, const auto& y) {
      return x.second != y.second ? x.second > y.second : x.first < y.first;
    });
    if (st.main_actors.size() > options.max_actors) st.main_actors.resize(options.max_actors);
    out.push_back(std::move(st));
    std::vector<std::pair<TimeValue, Vertex>>().swap(a.events);
  }
  return out;
}

Result<ConsistencyReport> CheckConsistency(const EventGraph& graph, const GraphSource& source,
                                           const ConsistencyOptions& options) {
  const EventGraph::Impl& impl = graph.impl();
  const CsrGraph& g = impl.graph;
  const size_t n = boost::num_vertices(g);
  ConsistencyReport report;
  auto name = [&](Vertex v) { return std::string(impl.ids.Id(v)); };

  // 1. Cycles of before-links: every DFS back edge closes one.
  {
    Filtered fg(g, EdgeFilter(&g, LinkKindSet{LinkKind::kBefore}, /*forward_only=*/true));
    std::vector<uint32_t> parent(n, kNone);
    std::vector<std::vector<Vertex>> cycles;
    size_t found = 0;
    boost::depth_first_search(
        fg, boost::visitor(CycleRecorder(&parent, &cycles, options.max_problems, &found))
                .color_map(boost::make_two_bit_color_map(n, boost::get(boost::vertex_index, g))));
    for (const auto& cycle : cycles) {
      ConsistencyProblem p{ConsistencyProblem::Kind::kBeforeCycle, {}, "before-links form a cycle: "};
      for (Vertex v : cycle) {
        p.event_ids.push_back(name(v));
        p.message += name(v) + " → ";
      }
      p.message += name(cycle.front());
      report.problems.push_back(std::move(p));
    }
    if (found > cycles.size()) report.truncated = true;
  }

  // 2. Causal and before links against the events' dates.
  std::vector<char> wanted(n, 0);
  const LinkKindSet dated{LinkKind::kBefore, LinkKind::kCauses, LinkKind::kEnables};
  EdgeFilter dated_edges(&g, dated, /*forward_only=*/true);
  for (auto [it, end] = boost::edges(g); it != end; ++it) {
    if (dated_edges(*it)) wanted[boost::source(*it, g)] = wanted[boost::target(*it, g)] = 1;
  }
  std::vector<TimeValue> dates(n);
  Status s = ReadEvents(impl, source, wanted,
                        [&](Vertex v, const Event& ev) { dates[v] = ev.date; });
  if (!s.ok()) return s;
  for (auto [it, end] = boost::edges(g); it != end; ++it) {
    if (!dated_edges(*it)) continue;
    Vertex u = boost::source(*it, g), v = boost::target(*it, g);
    const TimeValue &a = dates[u], &b = dates[v];
    // The later-starting end must not lie wholly before the other.
    if (u == v || !a.ok() || !b.ok() || !b.Before(a)) continue;
    if (report.problems.size() >= options.max_problems) {
      report.truncated = true;
      break;
    }
    LinkKind kind = g[*it].kind();
    ConsistencyProblem p;
    p.kind = kind == LinkKind::kBefore ? ConsistencyProblem::Kind::kBeforeAgainstDates
                                       : ConsistencyProblem::Kind::kCauseAfterEffect;
    p.event_ids = {name(u), name(v)};
    p.message = name(u) + " (" + a.ToString() + ") " + std::string(LinkKindName(kind)) + " " +
                name(v) + " (" + b.ToString() + "), but " +
                (kind == LinkKind::kBefore ? "its dates say the opposite"
                                           : "the cause starts after the effect ends");
    report.problems.push_back(std::move(p));
  }
  return report;
}

}  // namespace kbq
