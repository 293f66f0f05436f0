// Internals of the event graph: the id <-> vertex map and the CSR graph type.
// Boost types live here and in graph*.cc only.
#pragma once

#include <boost/graph/compressed_sparse_row_graph.hpp>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kbq/graph.h"

namespace kbq {
namespace graph_internal {

// Interns event ids as dense vertex numbers 0..n-1. Ids are kept in 1 MiB
// blocks (no reallocation copies of one huge buffer) and found through an
// open-addressing table of tagged vertex numbers: about 20 bytes of overhead
// per id beyond its characters, instead of ~70 for an
// unordered_map<string, uint32_t>.
class IdIndex {
 public:
  IdIndex();
  // The vertex of `id`, adding it when new.
  uint32_t Intern(std::string_view id);
  std::optional<uint32_t> Find(std::string_view id) const;
  std::string_view Id(uint32_t v) const;
  size_t size() const { return refs_.size(); }

 private:
  static constexpr size_t kBlockSize = size_t{1} << 20;
  void Grow();
  size_t Slot(std::string_view id, uint64_t hash) const;  // where `id` is or would go

  std::vector<std::unique_ptr<char[]>> blocks_;
  size_t used_in_block_ = kBlockSize;
  std::vector<uint64_t> refs_;    // (block * kBlockSize + offset) << 16 | length
  // (high 32 bits of the id's hash) << 32 | (vertex + 1); 0 is empty. The
  // hash tag spares most probes a string compare (and its cache misses).
  std::vector<uint64_t> table_;
  size_t mask_ = 0;
};

// One stored direction of a link. Each link is stored twice: as from → to
// (reversed == 0) and to → from (reversed == 1), so undirected traversal is a
// plain out-edge walk and directed work filters on `reversed`.
struct EdgeProp {
  uint8_t kind_rev = 0;     // LinkKind in the low 7 bits, reversed in bit 7
  uint8_t confidence = 0;   // round(confidence * 255)

  LinkKind kind() const { return static_cast<LinkKind>(kind_rev & 0x7F); }
  bool reversed() const { return kind_rev & 0x80; }
  double Confidence() const { return confidence / 255.0; }
};

using CsrGraph = boost::compressed_sparse_row_graph<boost::directedS, boost::no_property, EdgeProp,
                                                    boost::no_property, uint32_t, uint32_t>;
using Vertex = boost::graph_traits<CsrGraph>::vertex_descriptor;
using Edge = boost::graph_traits<CsrGraph>::edge_descriptor;

// Keeps edges whose kind is in a set and, optionally, only stored directions.
struct EdgeFilter {
  EdgeFilter() = default;
  EdgeFilter(const CsrGraph* g, LinkKindSet kinds, bool forward_only)
      : g(g), kinds(kinds.bits()), forward_only(forward_only) {}
  bool operator()(const Edge& e) const {
    const EdgeProp& p = (*g)[e];
    if (forward_only && p.reversed()) return false;
    return (kinds >> static_cast<unsigned>(p.kind())) & 1u;
  }
  const CsrGraph* g = nullptr;
  uint32_t kinds = 0;
  bool forward_only = false;
};

// Cost of a link under `weight`.
double LinkCost(PathWeight weight, double confidence);

// Sort key that puts events in date order, unknown dates last.
bool DateOrderLess(const TimeValue& a, const std::string& a_id, const TimeValue& b,
                   const std::string& b_id);

}  // namespace graph_internal

struct EventGraph::Impl {
  graph_internal::IdIndex ids;
  graph_internal::CsrGraph graph;
  size_t links = 0;
};

namespace graph_internal {

// Cheapest path (Dijkstra, stopping at the first goal settled) from any of
// `starts` to any of `goals` over options.kinds, links walked both ways.
// Fills the vertex sequence and the edge taken into each vertex after the
// first. NotFound when no path exists.
Status ShortestPath(const EventGraph::Impl& impl, const std::vector<std::string>& starts,
                    const std::vector<std::string>& goals, const PathOptions& options,
                    std::vector<Vertex>* vertices, std::vector<Edge>* edges, double* cost);

// Reads the events and links of a vertex path back from `source`.
Result<Path> MaterialisePath(const EventGraph::Impl& impl, const GraphSource& source,
                             const std::vector<Vertex>& vertices, const std::vector<Edge>& edges,
                             double cost);

}  // namespace graph_internal

}  // namespace kbq
