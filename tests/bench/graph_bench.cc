// graph_bench: builds the whole event graph from a synthetic store of N events
// with K links each, then runs the whole-graph algorithms on it, printing
// wall time and peak RSS (VmHWM) after each phase.
//
//   graph_bench [--events N] [--links K] [--seed S] [--no-algos]
//
// Events have realistic ids ("ev-" + 16 hex digits, in no particular order)
// and day dates spread over ~15 years. Links: 50% before (earlier → later),
// 20% overlaps, 15% storyline, 10% causes, 5% refers_to, each to a uniformly
// random event, so chain kinds form one giant storyline — a worst case.
#include <chrono>
#include <cinttypes>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <string>

#include "kbq/graph.h"

namespace {

constexpr uint64_t kMul = 0x9E3779B97F4A7C15ull;  // odd: i -> i * kMul is a bijection

uint64_t Inverse(uint64_t a) {  // modular inverse of odd a mod 2^64 (Newton)
  uint64_t x = a;
  for (int i = 0; i < 6; ++i) x *= 2 - a * x;
  return x;
}

uint64_t SplitMix(uint64_t x) {
  x += 0x9E3779B97F4A7C15ull;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
  return x ^ (x >> 31);
}

class SyntheticSource : public kbq::GraphSource {
 public:
  SyntheticSource(uint64_t n, int k, uint64_t seed) : n_(n), k_(k), seed_(seed) {}

  std::string Id(uint64_t i) const {
    char buf[24];
    std::snprintf(buf, sizeof buf, "ev-%016" PRIx64, i * kMul);
    return buf;
  }
  int32_t Day(uint64_t i) const {
    return kbq::DaysFromCivil(2010, 1, 1) + static_cast<int32_t>(SplitMix(i ^ seed_) % 5500);
  }
  kbq::Event MakeEvent(uint64_t i) const {
    kbq::Event e;
    e.id = Id(i);
    e.date = kbq::TimeValue::Days(Day(i), Day(i), kbq::Precision::kDay);
    char actor[16];
    std::snprintf(actor, sizeof actor, "A%d", static_cast<int>(SplitMix(i) % 50));
    e.participants.push_back({actor, kbq::Role::kSource});
    return e;
  }
  kbq::Link MakeLink(uint64_t i, int j) const {
    uint64_t r = SplitMix(seed_ * 31 + i * 8 + j);
    uint64_t other = SplitMix(r) % n_;
    unsigned pick = r % 100;
    kbq::Link l;
    l.from = Id(i);
    l.to = Id(other);
    l.confidence = 0.3 + (r >> 40) % 70 / 100.0;
    if (pick < 50) {
      l.kind = kbq::LinkKind::kBefore;
      if (Day(other) < Day(i)) std::swap(l.from, l.to);
    } else if (pick < 70) {
      l.kind = kbq::LinkKind::kOverlaps;
    } else if (pick < 85) {
      l.kind = kbq::LinkKind::kStoryline;
    } else if (pick < 95) {
      l.kind = kbq::LinkKind::kCauses;
    } else {
      l.kind = kbq::LinkKind::kRefersTo;
    }
    return l;
  }

  kbq::Result<kbq::Event> GetEvent(const std::string& id) const override {
    if (id.size() != 19 || id.compare(0, 3, "ev-") != 0) return kbq::Status::NotFound(id);
    uint64_t i = std::strtoull(id.c_str() + 3, nullptr, 16) * Inverse(kMul);
    if (i >= n_) return kbq::Status::NotFound(id);
    return MakeEvent(i);
  }
  kbq::Result<std::vector<kbq::Link>> LinksFrom(const std::string& id) const override {
    // Links are generated per source index; a swapped before-link is found
    // from its generator, which is enough for reading a path back.
    auto ev = GetEvent(id);
    if (!ev.ok()) return ev.status();
    uint64_t i = std::strtoull(id.c_str() + 3, nullptr, 16) * Inverse(kMul);
    std::vector<kbq::Link> out;
    for (int j = 0; j < k_; ++j) {
      kbq::Link l = MakeLink(i, j);
      if (l.from == id) out.push_back(l);
    }
    return out;
  }
  kbq::Result<std::vector<kbq::Link>> LinksTo(const std::string&) const override {
    return kbq::Status::NotSupported("synthetic source: no reverse index");
  }
  kbq::Status ScanLinks(const std::function<bool(const kbq::Link&)>& visit) const override {
    for (uint64_t i = 0; i < n_; ++i) {
      for (int j = 0; j < k_; ++j) {
        if (!visit(MakeLink(i, j))) return kbq::Status::OK();
      }
    }
    return kbq::Status::OK();
  }
  kbq::Status ScanEvents(const std::function<bool(const kbq::Event&)>& visit) const override {
    for (uint64_t i = 0; i < n_; ++i) {
      if (!visit(MakeEvent(i))) break;
    }
    return kbq::Status::OK();
  }

 private:
  uint64_t n_;
  int k_;
  uint64_t seed_;
};

long StatusKb(const char* field) {
  std::ifstream in("/proc/self/status");
  std::string line;
  size_t len = std::strlen(field);
  while (std::getline(in, line)) {
    if (line.compare(0, len, field) == 0) return std::atol(line.c_str() + len + 1);
  }
  return -1;
}

using Clock = std::chrono::steady_clock;

void Report(const char* phase, Clock::time_point since) {
  double s = std::chrono::duration<double>(Clock::now() - since).count();
  std::printf("%-22s %8.2f s   VmRSS %7.0f MiB   VmHWM %7.0f MiB\n", phase, s,
              StatusKb("VmRSS:") / 1024.0, StatusKb("VmHWM:") / 1024.0);
  std::fflush(stdout);
}

}  // namespace

int main(int argc, char** argv) {
  uint64_t n = 1000000;
  int k = 3;
  uint64_t seed = 1;
  bool algos = true;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--events" && i + 1 < argc) {
      n = std::strtoull(argv[++i], nullptr, 10);
    } else if (a == "--links" && i + 1 < argc) {
      k = std::atoi(argv[++i]);
    } else if (a == "--seed" && i + 1 < argc) {
      seed = std::strtoull(argv[++i], nullptr, 10);
    } else if (a == "--no-algos") {
      algos = false;
    } else {
      std::fprintf(stderr, "usage: graph_bench [--events N] [--links K] [--seed S] [--no-algos]\n");
      return 2;
    }
  }
  if (n == 0 || k < 0) {
    std::fprintf(stderr, "graph_bench: --events must be > 0 and --links >= 0\n");
    return 2;
  }
  SyntheticSource source(n, k, seed);
  std::printf("graph_bench: %" PRIu64 " events x %d links\n", n, k);
  Report("start", Clock::now());

  auto t = Clock::now();
  auto graph = kbq::EventGraph::Build(source, {});
  if (!graph.ok()) {
    std::fprintf(stderr, "build failed: %s\n", graph.status().ToString().c_str());
    return 1;
  }
  Report("build", t);
  std::printf("  vertices %zu, links %zu\n", (*graph)->num_events(), (*graph)->num_links());
  if (!algos) return 0;

  t = Clock::now();
  kbq::StorylineOptions so;
  so.max_ids = 10;
  so.max_storylines = 10;
  auto lines = kbq::Storylines(**graph, source, so);
  if (!lines.ok()) {
    std::fprintf(stderr, "storylines failed: %s\n", lines.status().ToString().c_str());
    return 1;
  }
  Report("storylines", t);
  if (!lines->empty()) {
    std::printf("  %zu storylines shown; largest %zu events, %s\n", lines->size(),
                lines->front().size, lines->front().span.ToString().c_str());
  }

  t = Clock::now();
  auto report = kbq::CheckConsistency(**graph, source, {});
  if (!report.ok()) {
    std::fprintf(stderr, "consistency failed: %s\n", report.status().ToString().c_str());
    return 1;
  }
  Report("consistency", t);
  std::printf("  %zu problems%s\n", report->problems.size(), report->truncated ? " (truncated)" : "");

  t = Clock::now();
  kbq::PathOptions po;
  po.weight = kbq::PathWeight::kConfidence;
  auto path = (*graph)->FindPathBetween(source, {source.Id(0)}, {source.Id(n - 1)}, po);
  Report("path (whole graph)", t);
  if (path.ok()) {
    std::printf("  %zu hops, cost %.2f\n", path->hops(), path->cost);
  } else {
    std::printf("  %s\n", path.status().ToString().c_str());
  }
  return 0;
}
