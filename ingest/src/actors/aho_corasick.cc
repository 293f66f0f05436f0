#include "actors/aho_corasick.h"

#include <algorithm>
#include <deque>

namespace kbq::ingest {

uint32_t AhoCorasick::Child(uint32_t node, uint8_t byte) const {
  const auto& next = nodes_[node].next;
  auto it = std::lower_bound(next.begin(), next.end(), std::make_pair(byte, uint32_t{0}),
                             [](const auto& a, const auto& b) { return a.first < b.first; });
  return (it != next.end() && it->first == byte) ? it->second : 0;
}

uint32_t AhoCorasick::Add(std::string_view pattern) {
  built_ = false;
  uint32_t node = 0;
  for (unsigned char b : pattern) {
    uint32_t child = Child(node, b);
    if (child == 0) {
      child = static_cast<uint32_t>(nodes_.size());
      Node n;
      n.depth = nodes_[node].depth + 1;
      nodes_.push_back(std::move(n));
      auto& next = nodes_[node].next;
      next.insert(std::upper_bound(next.begin(), next.end(), std::make_pair(b, uint32_t{0}),
                                   [](const auto& a, const auto& c) { return a.first < c.first; }),
                  {b, child});
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
  std::deque<uint32_t> queue;
  for (const auto& [byte, child] : nodes_[0].next) {
    nodes_[child].fail = 0;
    nodes_[child].out_link = 0;
    queue.push_back(child);
  }
  while (!queue.empty()) {
    uint32_t node = queue.front();
    queue.pop_front();
    for (const auto& [byte, child] : nodes_[node].next) {
      uint32_t f = Step(nodes_[node].fail, byte);
      if (f == child) f = 0;
      nodes_[child].fail = f;
      nodes_[child].out_link = nodes_[f].pattern >= 0 ? f : nodes_[f].out_link;
      queue.push_back(child);
    }
  }
  built_ = true;
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
