// AhoCorasick: a byte-level multi-pattern matcher (Aho & Corasick, 1975).
// Every pattern is found at every position in one pass over the text; the
// caller chooses among overlapping matches. Internal to kbq::ingest.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kbq::ingest {

class AhoCorasick {
 public:
  // Adds a pattern (non-empty) and returns its index; adding the same bytes
  // again returns the first index. Invalidates a previous Build().
  uint32_t Add(std::string_view pattern);
  // Computes failure and output links. Call after the last Add().
  void Build();
  bool built() const { return built_; }
  size_t size() const { return patterns_; }

  // Calls on_match(begin, end, pattern) for every occurrence, in order of
  // end position. REQUIRES: built().
  void Scan(std::string_view text,
            const std::function<void(uint32_t begin, uint32_t end, uint32_t pattern)>& on_match) const;

 private:
  // Flat storage, no allocation per node (the generated places add ~600k
  // nodes): while adding, each node's children are a singly linked list of
  // edges; Build() lays them out sorted per node (CSR) for binary search,
  // and the root keeps a direct 256-entry table.
  struct Node {
    uint32_t first = 0;     // before Build: first edge in edges_ (0: none); after: offset in csr_
    uint32_t count = 0;     // after Build: number of children
    uint32_t fail = 0;
    uint32_t out_link = 0;  // nearest node on the fail chain with a pattern (0: none)
    int32_t pattern = -1;   // pattern ending here
    uint32_t depth = 0;
  };
  struct Edge {
    uint32_t child = 0;
    uint32_t next = 0;  // next sibling edge (0: none)
    uint8_t byte = 0;
  };
  uint32_t Child(uint32_t node, uint8_t byte) const;  // 0 when absent (root has no parent)
  uint32_t Step(uint32_t node, uint8_t byte) const;

  std::vector<Node> nodes_{Node{}};
  std::vector<Edge> edges_{Edge{}};  // edge 0 is a sentinel
  std::vector<uint8_t> csr_bytes_;
  std::vector<uint32_t> csr_children_;
  uint32_t root_[256] = {};
  size_t patterns_ = 0;
  bool built_ = false;
};

}  // namespace kbq::ingest
