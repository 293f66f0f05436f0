// The whole-graph representation: id interning, CSR construction from a link
// scan, and shortest paths on it.
#include <boost/graph/dijkstra_shortest_paths.hpp>
#include <boost/graph/filtered_graph.hpp>
#include <boost/property_map/function_property_map.hpp>
#include <boost/property_map/property_map.hpp>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <functional>
#include <limits>

#include "graph_internal.h"

namespace kbq {
namespace graph_internal {

IdIndex::IdIndex() : table_(1024, 0), mask_(1023) {}

namespace {
uint64_t HashId(std::string_view id) { return std::hash<std::string_view>()(id); }
uint64_t Tag(uint64_t hash) { return hash >> 32; }
}  // namespace

size_t IdIndex::Slot(std::string_view id, uint64_t hash) const {
  size_t i = hash & mask_;
  for (uint64_t e; (e = table_[i]) != 0; i = (i + 1) & mask_) {
    if (e >> 32 == Tag(hash) && Id(static_cast<uint32_t>(e) - 1) == id) break;
  }
  return i;
}

std::optional<uint32_t> IdIndex::Find(std::string_view id) const {
  uint64_t e = table_[Slot(id, HashId(id))];
  if (e == 0) return std::nullopt;
  return static_cast<uint32_t>(e) - 1;
}

std::string_view IdIndex::Id(uint32_t v) const {
  uint64_t ref = refs_[v];
  uint64_t pos = ref >> 16;
  size_t len = ref & 0xFFFF;
  return std::string_view(blocks_[pos / kBlockSize].get() + pos % kBlockSize, len);
}

void IdIndex::Grow() {
  std::vector<uint64_t> old;
  old.swap(table_);
  table_.assign(old.size() * 2, 0);
  mask_ = table_.size() - 1;
  for (uint64_t e : old) {
    if (e == 0) continue;
    size_t i = HashId(Id(static_cast<uint32_t>(e) - 1)) & mask_;
    while (table_[i] != 0) i = (i + 1) & mask_;
    table_[i] = e;
  }
}

uint32_t IdIndex::Intern(std::string_view id) {
  // Ids longer than 64 KiB are cut; event ids are ~20 bytes.
  if (id.size() > 0xFFFF) id = id.substr(0, 0xFFFF);
  uint64_t hash = HashId(id);
  size_t i = Slot(id, hash);
  if (table_[i] != 0) return static_cast<uint32_t>(table_[i]) - 1;
  if (used_in_block_ + id.size() > kBlockSize) {
    blocks_.push_back(std::make_unique<char[]>(std::max(kBlockSize, id.size())));
    used_in_block_ = 0;
  }
  uint64_t pos = (blocks_.size() - 1) * kBlockSize + used_in_block_;
  std::memcpy(blocks_.back().get() + used_in_block_, id.data(), id.size());
  used_in_block_ += id.size();
  auto v = static_cast<uint32_t>(refs_.size());
  refs_.push_back(pos << 16 | id.size());
  table_[i] = Tag(hash) << 32 | (uint64_t{v} + 1);
  // Keep the load under 0.7 so probes stay short.
  if (refs_.size() * 10 > table_.size() * 7) Grow();
  return v;
}

double LinkCost(PathWeight weight, double confidence) {
  if (weight == PathWeight::kHops) return 1.0;
  return 1.0 / std::clamp(confidence, 0.01, 1.0);
}

bool DateOrderLess(const TimeValue& a, const std::string& a_id, const TimeValue& b,
                   const std::string& b_id) {
  bool a_unknown = !a.ok(), b_unknown = !b.ok();
  if (a_unknown != b_unknown) return b_unknown;
  if (!a_unknown) {
    if (a.earliest != b.earliest) return a.earliest < b.earliest;
    if (a.latest != b.latest) return a.latest < b.latest;
  }
  return a_id < b_id;
}

namespace {

struct GoalReached {
  Vertex v;
};

// Stops Dijkstra at the first goal it settles.
class GoalVisitor : public boost::default_dijkstra_visitor {
 public:
  explicit GoalVisitor(const std::vector<char>* is_goal) : is_goal_(is_goal) {}
  template <typename G>
  void examine_vertex(Vertex u, const G&) const {
    if ((*is_goal_)[u]) throw GoalReached{u};
  }

 private:
  const std::vector<char>* is_goal_;
};

// The stored link behind a graph edge, read back from the source; a link
// rebuilt from the edge when the source no longer has it.
Link ReadLink(const GraphSource& source, const std::string& from, const std::string& to,
              const EdgeProp& p) {
  auto links = source.LinksFrom(from);
  if (links.ok()) {
    const Link* best = nullptr;
    for (const Link& l : *links) {
      if (l.to == to && l.kind == p.kind() && (!best || l.confidence > best->confidence)) {
        best = &l;
      }
    }
    if (best) return *best;
  }
  Link l;
  l.from = from;
  l.to = to;
  l.kind = p.kind();
  l.confidence = p.Confidence();
  return l;
}

}  // namespace
}  // namespace graph_internal

using graph_internal::CsrGraph;
using graph_internal::Edge;
using graph_internal::EdgeFilter;
using graph_internal::EdgeProp;
using graph_internal::Vertex;

LinkKindSet ChainLinkKinds() {
  return {LinkKind::kCauses,   LinkKind::kEnables,  LinkKind::kRefersTo,
          LinkKind::kPartOf,   LinkKind::kStoryline, LinkKind::kSameAs};
}

EventGraph::EventGraph(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
EventGraph::~EventGraph() = default;

size_t EventGraph::num_events() const { return impl_->ids.size(); }
size_t EventGraph::num_links() const { return impl_->links; }
bool EventGraph::Contains(const std::string& event_id) const {
  return impl_->ids.Find(event_id).has_value();
}

Result<std::unique_ptr<EventGraph>> EventGraph::Build(const GraphSource& source,
                                                      const GraphBuildOptions& options) {
  return BuildFrom([&source](const std::function<bool(const Link&)>& visit) {
    return source.ScanLinks(visit);
  }, options);
}

Result<std::unique_ptr<EventGraph>> EventGraph::BuildFrom(
    const std::function<Status(const std::function<bool(const Link&)>&)>& produce,
    const GraphBuildOptions& options) {
  auto impl = std::make_unique<Impl>();
  std::vector<Vertex> sources, targets;
  std::vector<EdgeProp> props;
  size_t links = 0;
  bool too_big = false;
  Status s = produce([&](const Link& l) {
    if (!options.kinds.Contains(l.kind)) return true;
    if (sources.size() + 2 > std::numeric_limits<uint32_t>::max()) {
      too_big = true;
      return false;
    }
    Vertex u = impl->ids.Intern(l.from);
    Vertex v = impl->ids.Intern(l.to);
    auto conf = static_cast<uint8_t>(std::lround(std::clamp(l.confidence, 0.0, 1.0) * 255));
    auto kind = static_cast<uint8_t>(l.kind) & 0x7F;
    sources.push_back(u);
    targets.push_back(v);
    props.push_back(EdgeProp{static_cast<uint8_t>(kind), conf});
    sources.push_back(v);
    targets.push_back(u);
    props.push_back(EdgeProp{static_cast<uint8_t>(kind | 0x80), conf});
    ++links;
    return true;
  });
  if (!s.ok()) return s;
  if (too_big) return Status::NotSupported("event graph: more than 2^31 links");
  try {
    impl->graph = CsrGraph(boost::construct_inplace_from_sources_and_targets, sources, targets,
                           props, impl->ids.size());
  } catch (const std::exception& e) {  // std::bad_alloc, mostly
    return Status::IOError(std::string("event graph: building failed: ") + e.what());
  }
  impl->links = links;
  return std::unique_ptr<EventGraph>(new EventGraph(std::move(impl)));
}

namespace graph_internal {

// Shortest path on `impl` from any of `starts` to any of `goals`, as vertex
// sequence plus the edge taken into each vertex after the first.
Status ShortestPath(const EventGraph::Impl& impl, const std::vector<std::string>& starts,
                    const std::vector<std::string>& goals, const PathOptions& options,
                    std::vector<Vertex>* vertices, std::vector<Edge>* edges, double* cost) {
  const CsrGraph& g = impl.graph;
  const size_t n = boost::num_vertices(g);
  std::vector<Vertex> start_v;
  std::vector<char> is_goal(n, 0);
  bool any_goal = false;
  for (const auto& id : starts) {
    if (auto v = impl.ids.Find(id)) start_v.push_back(*v);
  }
  for (const auto& id : goals) {
    if (auto v = impl.ids.Find(id)) is_goal[*v] = 1, any_goal = true;
  }
  if (start_v.empty() || !any_goal) return Status::NotFound("no path: an end has no links");

  EdgeFilter filter(&g, options.kinds, /*forward_only=*/false);
  boost::filtered_graph<CsrGraph, EdgeFilter> fg(g, filter);
  std::vector<double> dist(n);
  std::vector<Vertex> pred(n);
  auto index = boost::get(boost::vertex_index, g);
  auto weight = boost::make_function_property_map<Edge, double>(
      [&g, &options](const Edge& e) {
        return LinkCost(options.weight, g[e].Confidence());
      });
  std::optional<Vertex> reached;
  try {
    boost::dijkstra_shortest_paths(
        fg, start_v.begin(), start_v.end(),
        boost::make_iterator_property_map(pred.begin(), index),
        boost::make_iterator_property_map(dist.begin(), index), weight, index,
        std::less<double>(), boost::closed_plus<double>(),
        std::numeric_limits<double>::infinity(), 0.0, GoalVisitor(&is_goal));
  } catch (const GoalReached& r) {
    reached = r.v;
  }
  if (!reached) return Status::NotFound("no path between the events");
  // Walk back; at each step take the cheapest allowed edge from pred to v.
  std::vector<Vertex> rev{*reached};
  std::vector<Edge> rev_edges;
  for (Vertex v = *reached; pred[v] != v;) {
    Vertex u = pred[v];
    std::optional<Edge> best;
    double best_cost = 0;
    for (auto [it, end] = boost::out_edges(u, g); it != end; ++it) {
      if (boost::target(*it, g) != v || !filter(*it)) continue;
      double c = LinkCost(options.weight, g[*it].Confidence());
      if (!best || c < best_cost) best = *it, best_cost = c;
    }
    if (!best) return Status::Corruption("event graph: predecessor without an edge");
    rev_edges.push_back(*best);
    rev.push_back(u);
    v = u;
  }
  vertices->assign(rev.rbegin(), rev.rend());
  edges->assign(rev_edges.rbegin(), rev_edges.rend());
  *cost = dist[*reached];
  return Status::OK();
}

// Reads the events and links of a vertex path back from `source`.
Result<Path> MaterialisePath(const EventGraph::Impl& impl, const GraphSource& source,
                             const std::vector<Vertex>& vertices, const std::vector<Edge>& edges,
                             double cost) {
  Path path;
  path.cost = cost;
  for (size_t i = 0; i < vertices.size(); ++i) {
    std::string id(impl.ids.Id(vertices[i]));
    auto ev = source.GetEvent(id);
    if (!ev.ok()) return ev.status().WithContext("path event " + id);
    PathStep step{std::move(ev).value(), std::nullopt};
    if (i > 0) {
      const EdgeProp& p = impl.graph[edges[i - 1]];
      std::string prev(impl.ids.Id(vertices[i - 1]));
      step.via = p.reversed() ? ReadLink(source, id, prev, p) : ReadLink(source, prev, id, p);
    }
    path.steps.push_back(std::move(step));
  }
  return path;
}

}  // namespace graph_internal

Result<Path> EventGraph::FindPathBetween(const GraphSource& source,
                                  const std::vector<std::string>& starts,
                                  const std::vector<std::string>& goals,
                                  const PathOptions& options) const {
  if (starts.empty() || goals.empty()) {
    return Status::InvalidArgument("path: the start and goal sets must not be empty");
  }
  std::vector<Vertex> vertices;
  std::vector<Edge> edges;
  double cost = 0;
  // An event in both sets is a path of its own, linked or not.
  for (const auto& s : starts) {
    if (std::find(goals.begin(), goals.end(), s) != goals.end()) {
      auto ev = source.GetEvent(s);
      if (!ev.ok()) return ev.status();
      Path p;
      p.steps.push_back(PathStep{std::move(ev).value(), std::nullopt});
      return p;
    }
  }
  Status st = graph_internal::ShortestPath(*impl_, starts, goals, options, &vertices, &edges, &cost);
  if (!st.ok()) return st;
  return graph_internal::MaterialisePath(*impl_, source, vertices, edges, cost);
}

}  // namespace kbq
