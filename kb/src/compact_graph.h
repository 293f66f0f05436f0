// The persisted compact graph (kbq::CompactGraph) behind Store::LoadCompactGraph:
// how its arrays are laid out in one byte image, built, written beside the
// store and memory-mapped back (docs/storage_format.md, "The compact graph").
// The file is a cache, never the only copy of anything: a missing, stale or
// malformed file is rebuilt from the store.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kbq/model.h"
#include "kbq/status.h"
#include "kbq/store.h"

namespace kbq {

// Collects a graph's vertices (event ids, added in id byte order) and links,
// then lays them out as compressed sparse rows.
class CompactGraphBuilder {
 public:
  // REQUIRES: ids come in strictly increasing byte order.
  void AddVertex(std::string_view id);
  // Corruption when an end is not a vertex.
  Status AddLink(std::string_view from, std::string_view to, LinkKind kind);
  // The graph, stamped with `sequence` (the store state it was built from).
  std::shared_ptr<const CompactGraph> Finish(uint64_t sequence);

 private:
  std::optional<uint32_t> Find(std::string_view id);
  std::string_view Id(uint32_t v) const {
    return std::string_view(id_bytes_.data() + id_offsets_[v], id_offsets_[v + 1] - id_offsets_[v]);
  }
  std::string id_bytes_;
  // An open-addressing hash table of vertex numbers + 1 (0 = empty slot),
  // built at the first lookup: a binary search over a million ids cost
  // about 20 cache misses per link end.
  std::vector<uint32_t> slots_;
  std::vector<uint64_t> id_offsets_{0};
  std::vector<uint32_t> from_, to_;
  std::vector<uint8_t> kind_;
  std::string last_from_;
  uint32_t last_from_v_ = 0;
};

// Memory-maps `file` if it holds a well-formed graph stamped `sequence`;
// NotFound otherwise (absent, stale or malformed: the caller rebuilds).
Result<std::shared_ptr<const CompactGraph>> MapCompactGraph(const std::string& file,
                                                            uint64_t sequence);

// Writes `graph` (built by CompactGraphBuilder) to `file` through a temporary
// file in the same directory and a rename, so a reader never maps half a file.
Status WriteCompactGraph(const CompactGraph& graph, const std::string& file);

}  // namespace kbq
