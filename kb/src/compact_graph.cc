#include "compact_graph.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace kbq {
namespace {

// The image: a header of 8 little-endian u64 words (host byte order; the
// file is a cache for this machine, not an interchange format), then
// offsets u64[n+1], id_offsets u64[n+1], targets u32[m], kinds u8[m], and
// the ids' bytes, each array starting on an 8-byte boundary.
constexpr uint64_t kMagic = 0x3130727363716b62ULL;  // "bkqcsr01" little-endian
enum Word { kMagicWord, kSequence, kVertices, kEdges, kIdBytes, kHeaderWords = 8 };

uint64_t Align8(uint64_t n) { return (n + 7) & ~uint64_t{7}; }

struct Layout {
  uint64_t offsets, id_offsets, targets, kinds, ids, total;  // byte positions
};

Layout LayoutOf(uint64_t n, uint64_t m, uint64_t id_bytes) {
  Layout l;
  l.offsets = kHeaderWords * 8;
  l.id_offsets = l.offsets + 8 * (n + 1);
  l.targets = l.id_offsets + 8 * (n + 1);
  l.kinds = Align8(l.targets + 4 * m);
  l.ids = Align8(l.kinds + m);
  l.total = Align8(l.ids + id_bytes);
  return l;
}

// A graph over one byte image, owned as a vector or as a mapping.
class ImageGraph final : public CompactGraph {
 public:
  ImageGraph(std::vector<uint64_t> owned, bool from_file)
      : owned_(std::move(owned)), from_file_(from_file) {
    Point(reinterpret_cast<const char*>(owned_.data()));
  }
  ImageGraph(void* mapped, size_t size) : mapped_(mapped), mapped_size_(size), from_file_(true) {
    Point(static_cast<const char*>(mapped));
  }
  ~ImageGraph() override {
    if (mapped_ != nullptr) munmap(mapped_, mapped_size_);
  }
  ImageGraph(const ImageGraph&) = delete;
  ImageGraph& operator=(const ImageGraph&) = delete;

  uint32_t num_vertices() const override { return static_cast<uint32_t>(n_); }
  uint64_t num_edges() const override { return m_; }
  const uint64_t* offsets() const override { return offsets_; }
  const uint32_t* targets() const override { return targets_; }
  const uint8_t* kinds() const override { return kinds_; }
  std::string_view id(uint32_t v) const override {
    return std::string_view(ids_ + id_offsets_[v], id_offsets_[v + 1] - id_offsets_[v]);
  }
  std::optional<uint32_t> Find(std::string_view event_id) const override {
    uint32_t lo = 0, hi = num_vertices();
    while (lo < hi) {
      uint32_t mid = lo + (hi - lo) / 2;
      if (id(mid) < event_id) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    if (lo < num_vertices() && id(lo) == event_id) return lo;
    return std::nullopt;
  }
  bool from_file() const override { return from_file_; }
  const char* image() const { return base_; }
  uint64_t image_size() const { return LayoutOf(n_, m_, id_bytes_).total; }

 private:
  void Point(const char* base) {
    base_ = base;
    const auto* h = reinterpret_cast<const uint64_t*>(base);
    n_ = h[kVertices];
    m_ = h[kEdges];
    id_bytes_ = h[kIdBytes];
    Layout l = LayoutOf(n_, m_, id_bytes_);
    offsets_ = reinterpret_cast<const uint64_t*>(base + l.offsets);
    id_offsets_ = reinterpret_cast<const uint64_t*>(base + l.id_offsets);
    targets_ = reinterpret_cast<const uint32_t*>(base + l.targets);
    kinds_ = reinterpret_cast<const uint8_t*>(base + l.kinds);
    ids_ = base + l.ids;
  }

  std::vector<uint64_t> owned_;
  void* mapped_ = nullptr;
  size_t mapped_size_ = 0;
  bool from_file_;
  const char* base_ = nullptr;
  uint64_t n_ = 0, m_ = 0, id_bytes_ = 0;
  const uint64_t* offsets_ = nullptr;
  const uint64_t* id_offsets_ = nullptr;
  const uint32_t* targets_ = nullptr;
  const uint8_t* kinds_ = nullptr;
  const char* ids_ = nullptr;
};

// Every offset in range and non-decreasing, every target a vertex: a file
// that passes is safe to index without further checks.
bool WellFormed(const char* base, uint64_t size, uint64_t sequence) {
  if (size < kHeaderWords * 8) return false;
  const auto* h = reinterpret_cast<const uint64_t*>(base);
  if (h[kMagicWord] != kMagic || h[kSequence] != sequence) return false;
  uint64_t n = h[kVertices], m = h[kEdges], id_bytes = h[kIdBytes];
  if (n > UINT32_MAX || m > (size_t{1} << 40) || id_bytes > size) return false;
  Layout l = LayoutOf(n, m, id_bytes);
  if (l.total != size) return false;
  const auto* offsets = reinterpret_cast<const uint64_t*>(base + l.offsets);
  const auto* id_offsets = reinterpret_cast<const uint64_t*>(base + l.id_offsets);
  const auto* targets = reinterpret_cast<const uint32_t*>(base + l.targets);
  if (offsets[0] != 0 || offsets[n] != m || id_offsets[0] != 0 || id_offsets[n] != id_bytes) return false;
  for (uint64_t v = 0; v < n; ++v) {
    if (offsets[v] > offsets[v + 1] || id_offsets[v] > id_offsets[v + 1]) return false;
  }
  for (uint64_t e = 0; e < m; ++e) {
    if (targets[e] >= n) return false;
  }
  return true;
}

}  // namespace

void CompactGraphBuilder::AddVertex(std::string_view id) {
  id_bytes_.append(id);
  id_offsets_.push_back(id_bytes_.size());
}

std::optional<uint32_t> CompactGraphBuilder::Find(std::string_view id) {
  const size_t n = id_offsets_.size() - 1;
  if (slots_.empty()) {
    size_t size = 16;
    while (size < 2 * n) size *= 2;
    slots_.assign(size, 0);
    for (uint32_t v = 0; v < n; ++v) {
      size_t at = std::hash<std::string_view>{}(Id(v)) & (size - 1);
      while (slots_[at] != 0) at = (at + 1) & (size - 1);
      slots_[at] = v + 1;
    }
  }
  const size_t mask = slots_.size() - 1;
  for (size_t at = std::hash<std::string_view>{}(id) & mask; slots_[at] != 0; at = (at + 1) & mask) {
    if (Id(slots_[at] - 1) == id) return slots_[at] - 1;
  }
  return std::nullopt;
}

Status CompactGraphBuilder::AddLink(std::string_view from, std::string_view to, LinkKind kind) {
  // Links arrive grouped by `from`: look each one up once.
  if (from_.empty() || from != last_from_) {
    auto v = Find(from);
    if (!v) return Status::Corruption("link leaves " + std::string(from) + ", which is not an event");
    last_from_.assign(from);
    last_from_v_ = *v;
  }
  auto w = Find(to);
  if (!w) return Status::Corruption("link enters " + std::string(to) + ", which is not an event");
  from_.push_back(last_from_v_);
  to_.push_back(*w);
  kind_.push_back(static_cast<uint8_t>(kind));
  return Status::OK();
}

std::shared_ptr<const CompactGraph> CompactGraphBuilder::Finish(uint64_t sequence) {
  const uint64_t n = id_offsets_.size() - 1, m = from_.size();
  Layout l = LayoutOf(n, m, id_bytes_.size());
  std::vector<uint64_t> image(l.total / 8, 0);
  char* base = reinterpret_cast<char*>(image.data());
  uint64_t header[kHeaderWords] = {kMagic, sequence, n, m, id_bytes_.size(), 0, 0, 0};
  std::memcpy(base, header, sizeof header);
  auto* offsets = reinterpret_cast<uint64_t*>(base + l.offsets);
  auto* targets = reinterpret_cast<uint32_t*>(base + l.targets);
  auto* kinds = reinterpret_cast<uint8_t*>(base + l.kinds);
  // A counting sort by source, stable (a vertex's links keep the store's order).
  for (uint32_t f : from_) ++offsets[f + 1];
  for (uint64_t v = 0; v < n; ++v) offsets[v + 1] += offsets[v];
  std::vector<uint64_t> next(offsets, offsets + n);
  for (uint64_t e = 0; e < m; ++e) {
    uint64_t at = next[from_[e]]++;
    targets[at] = to_[e];
    kinds[at] = kind_[e];
  }
  std::memcpy(base + l.id_offsets, id_offsets_.data(), 8 * (n + 1));
  std::memcpy(base + l.ids, id_bytes_.data(), id_bytes_.size());
  return std::make_shared<ImageGraph>(std::move(image), /*from_file=*/false);
}

Result<std::shared_ptr<const CompactGraph>> MapCompactGraph(const std::string& file,
                                                            uint64_t sequence) {
  int fd = open(file.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return Status::NotFound(file);
  struct stat st {};
  void* mapped = MAP_FAILED;
  if (fstat(fd, &st) == 0 && st.st_size > 0) {
    mapped = mmap(nullptr, static_cast<size_t>(st.st_size), PROT_READ, MAP_SHARED, fd, 0);
  }
  close(fd);
  if (mapped == MAP_FAILED) return Status::NotFound(file);
  auto size = static_cast<uint64_t>(st.st_size);
  if (!WellFormed(static_cast<const char*>(mapped), size, sequence)) {
    munmap(mapped, size);
    return Status::NotFound(file + " is stale or malformed");
  }
  return std::shared_ptr<const CompactGraph>(std::make_shared<ImageGraph>(mapped, size));
}

Status WriteCompactGraph(const CompactGraph& graph, const std::string& file) {
  const auto* g = dynamic_cast<const ImageGraph*>(&graph);
  if (g == nullptr) return Status::InvalidArgument("not a built compact graph");
  std::string tmp = file + ".tmp-XXXXXX";
  int fd = mkstemp(tmp.data());
  if (fd < 0) return Status::IOError("cannot create " + tmp);
  const char* p = g->image();
  uint64_t left = g->image_size();
  bool ok = true;
  while (ok && left > 0) {
    ssize_t w = write(fd, p, std::min<uint64_t>(left, 1 << 30));
    ok = w > 0;
    if (ok) {
      p += w;
      left -= static_cast<uint64_t>(w);
    }
  }
  ok = ok && fsync(fd) == 0;
  ok = close(fd) == 0 && ok;
  if (ok) ok = std::rename(tmp.c_str(), file.c_str()) == 0;
  if (!ok) {
    std::remove(tmp.c_str());
    return Status::IOError("cannot write " + file);
  }
  return Status::OK();
}

}  // namespace kbq
