#include "actors/aho_corasick.h"

#include <algorithm>
#include <deque>

namespace kbq::ingest {

uint32_t AhoCorasick::Child(uint32_t node, uint8_t byte) const {
  if (node == 0) return root_[byte];
  const Node& n = nodes_[node];
  if (!built_) {
    for (uint32_t e = n.first; e != 0; e = edges_[e].next) {
      if (edges_[e].byte == byte) return edges_[e].child;
    }
    return 0;
  }
  const uint8_t* b = csr_bytes_.data() + n.first;
  const uint8_t* it = std::lower_bound(b, b + n.count, byte);
  return (it != b + n.count && *it == byte) ? csr_children_[n.first + (it - b)] : 0;
}

uint32_t AhoCorasick::Add(std::string_view pattern) {
  if (built_) {  // back to the linked form: rebuild the edge lists from the CSR
    edges_.assign(1, Edge{});
    for (uint32_t node = 1; node < nodes_.size(); ++node) {
      Node& n = nodes_[node];
      uint32_t first = 0;
      for (uint32_t k = n.count; k-- > 0;) {
        edges_.push_back(Edge{csr_children_[n.first + k], first, csr_bytes_[n.first + k]});
        first = static_cast<uint32_t>(edges_.size() - 1);
      }
      n.first = first;
      n.count = 0;
    }
    csr_bytes_.clear();
    csr_children_.clear();
    built_ = false;
  }
  uint32_t node = 0;
  for (unsigned char b : pattern) {
    uint32_t child = Child(node, b);
    if (child == 0) {
      child = static_cast<uint32_t>(nodes_.size());
      Node n;
      n.depth = nodes_[node].depth + 1;
      nodes_.push_back(n);
      if (node == 0) {
        root_[b] = child;
      } else {
        edges_.push_back(Edge{child, nodes_[node].first, b});
        nodes_[node].first = static_cast<uint32_t>(edges_.size() - 1);
      }
    }
    node = child;
  }
  if (nodes_[node].pattern < 0) nodes_[node].pattern = static_cast<int32_t>(patterns_++);
  return static_cast<uint32_t>(nodes_[node].pattern);
}

uint32_t AhoCorasick::Step(uint32_t node, uint8_t byte) const {
  while (true) {
    uint32_t child = Child(node, byte);
    if (child != 0) return child;
    if (node == 0) return 0;
    node = nodes_[node].fail;
  }
}

void AhoCorasick::Build() {
  if (built_) return;
  // Lay the children out sorted by byte, node by node.
  csr_bytes_.clear();
  csr_children_.clear();
  csr_bytes_.reserve(edges_.size());
  csr_children_.reserve(edges_.size());
  std::vector<std::pair<uint8_t, uint32_t>> kids;
  for (uint32_t node = 1; node < nodes_.size(); ++node) {
    Node& n = nodes_[node];
    kids.clear();
    for (uint32_t e = n.first; e != 0; e = edges_[e].next) kids.emplace_back(edges_[e].byte, edges_[e].child);
    std::sort(kids.begin(), kids.end());
    n.first = static_cast<uint32_t>(csr_bytes_.size());
    n.count = static_cast<uint32_t>(kids.size());
    for (const auto& [byte, child] : kids) {
      csr_bytes_.push_back(byte);
      csr_children_.push_back(child);
    }
  }
  edges_.assign(1, Edge{});
  edges_.shrink_to_fit();
  built_ = true;  // Child() reads the CSR from here on
  std::deque<uint32_t> queue;
  for (uint32_t byte = 0; byte < 256; ++byte) {
    if (uint32_t child = root_[byte]; child != 0) {
      nodes_[child].fail = 0;
      nodes_[child].out_link = 0;
      queue.push_back(child);
    }
  }
  while (!queue.empty()) {
    uint32_t node = queue.front();
    queue.pop_front();
    const Node& n = nodes_[node];
    for (uint32_t k = 0; k < n.count; ++k) {
      uint32_t child = csr_children_[n.first + k];
      uint32_t f = Step(nodes_[node].fail, csr_bytes_[n.first + k]);
      if (f == child) f = 0;
      nodes_[child].fail = f;
      nodes_[child].out_link = nodes_[f].pattern >= 0 ? f : nodes_[f].out_link;
      queue.push_back(child);
    }
  }
}

void AhoCorasick::Scan(
    std::string_view text,
    const std::function<void(uint32_t, uint32_t, uint32_t)>& on_match) const {
  uint32_t node = 0;
  for (uint32_t i = 0; i < text.size(); ++i) {
    node = Step(node, static_cast<uint8_t>(text[i]));
    for (uint32_t n = nodes_[node].pattern >= 0 ? node : nodes_[node].out_link; n != 0;
         n = nodes_[n].out_link) {
      on_match(i + 1 - nodes_[n].depth, i + 1, static_cast<uint32_t>(nodes_[n].pattern));
    }
  }
}

}  // namespace kbq::ingest
