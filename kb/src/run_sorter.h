// The external sorter under Store::BulkImport (store_bulk.cc): entries
// (key, operation, value) buffered in an arena, spilled as sorted run files
// when the import's memory budget is reached, and merged back in key order.
// Internal to kbq::kb. A RunSorter is used by one thread at a time; the
// ChunkPool is shared and thread-safe.
#pragma once

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/uio.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <new>
#include <queue>
#include <string>
#include <string_view>
#include <vector>

#include "kbq/status.h"

namespace kbq::bulk {

// What an entry does to its key (the last one added wins).
enum class Op : uint8_t { kPut = 0, kDelete = 1, kMerge = 2 };

// A run file: records of [key length u32][value length u32][op u8][key][value].
class RunWriter {
 public:
  Status Open(const std::string& path) {
    path_ = path;
    f_ = std::fopen(path.c_str(), "wb");
    if (f_ == nullptr) return Status::IOError("cannot create " + path);
    std::setvbuf(f_, nullptr, _IOFBF, 1 << 20);
    return Status::OK();
  }
  void Write(std::string_view key, Op op, std::string_view value) {
    uint32_t head[2] = {static_cast<uint32_t>(key.size()), static_cast<uint32_t>(value.size())};
    auto o = static_cast<uint8_t>(op);
    // One thread owns a run file: the unlocked calls skip stdio's lock on
    // each of the four writes of every entry.
    ok_ = ok_ && fwrite_unlocked(head, sizeof head, 1, f_) == 1 && fwrite_unlocked(&o, 1, 1, f_) == 1 &&
          (key.empty() || fwrite_unlocked(key.data(), key.size(), 1, f_) == 1) &&
          (value.empty() || fwrite_unlocked(value.data(), value.size(), 1, f_) == 1);
  }
  Status Close() {
    bool ok = ok_ && std::fclose(f_) == 0;
    f_ = nullptr;
    return ok ? Status::OK() : Status::IOError("cannot write " + path_ + " (disk full?)");
  }

 private:
  std::string path_;
  std::FILE* f_ = nullptr;
  bool ok_ = true;
};

class RunReader {
 public:
  ~RunReader() {
    if (f_ != nullptr) std::fclose(f_);
  }
  Status Open(const std::string& path) {
    path_ = path;
    f_ = std::fopen(path.c_str(), "rb");
    if (f_ == nullptr) return Status::IOError("cannot open " + path + ": " + std::strerror(errno));
    std::setvbuf(f_, nullptr, _IOFBF, 256 << 10);
    return Next();
  }
  // Reads the next record; valid() is false at the end.
  Status Next() {
    uint32_t head[2];
    if (fread_unlocked(head, sizeof head, 1, f_) != 1) {
      valid_ = false;
      return std::ferror(f_) ? Status::IOError("cannot read " + path_) : Status::OK();
    }
    uint8_t op = 0;
    key_.resize(head[0]);
    value_.resize(head[1]);
    if (fread_unlocked(&op, 1, 1, f_) != 1 || (head[0] && fread_unlocked(key_.data(), head[0], 1, f_) != 1) ||
        (head[1] && fread_unlocked(value_.data(), head[1], 1, f_) != 1) || op > 2) {
      valid_ = false;
      return Status::Corruption(path_ + " is truncated");
    }
    op_ = static_cast<Op>(op);
    valid_ = true;
    return Status::OK();
  }
  bool valid() const { return valid_; }
  // Hands the current record's buffers over (swapped with `key` and
  // `value`, no copy); key() and value() are stale until Next().
  void Release(std::string* key, std::string* value) {
    key->swap(key_);
    value->swap(value_);
  }
  std::string_view key() const { return key_; }
  std::string_view value() const { return value_; }
  Op op() const { return op_; }

 private:
  std::string path_;
  std::FILE* f_ = nullptr;
  bool valid_ = false;
  std::string key_, value_;
  Op op_ = Op::kPut;
};

// Arena memory: chunks of budget/64 (at most 4 MiB, at least 64 KiB); 4 MiB
// ones aligned to 2 MiB and advised as huge pages, so filling a buffer takes
// a few page faults instead of one per 4 KiB (on a virtual machine each fault
// is dear: 6% of a load's time).
struct FreeDeleter {
  void operator()(char* p) const { std::free(p); }
};
using Chunk = std::unique_ptr<char[], FreeDeleter>;
constexpr size_t kChunk = 4 << 20;

inline size_t ChunkSize(size_t budget) { return std::clamp<size_t>(budget / 64, 64 << 10, kChunk); }

inline Chunk NewChunk(size_t size) {
  if (size != kChunk) return Chunk(static_cast<char*>(std::malloc(size)));
  auto* p = static_cast<char*>(std::aligned_alloc(2 << 20, kChunk));
  if (p != nullptr) (void)madvise(p, kChunk, MADV_HUGEPAGE);
  return Chunk(p);
}

// Arena chunks freed by a spill, for the next buffer of any sorter: their
// pages are mapped already. Thread-safe (families are written on two threads).
class ChunkPool {
 public:
  // Keeps at most `budget` bytes of chunks: what a spill frees is what the
  // buffers fill again, so the pool adds nothing to the peak (and a page
  // fault per 4 KiB each time was a tenth of a load's CPU).
  ChunkPool(size_t chunk_size, size_t budget)
      : chunk_size_(chunk_size), max_chunks_(std::max<size_t>(1, budget / chunk_size)) {}
  size_t chunk_size() const { return chunk_size_; }
  Chunk Take() {
    std::lock_guard<std::mutex> l(mu_);
    if (chunks_.empty()) return nullptr;
    auto c = std::move(chunks_.back());
    chunks_.pop_back();
    return c;
  }
  void Give(Chunk c) {
    std::lock_guard<std::mutex> l(mu_);
    if (chunks_.size() < max_chunks_) chunks_.push_back(std::move(c));
  }

 private:
  const size_t chunk_size_, max_chunks_;
  std::mutex mu_;
  std::vector<Chunk> chunks_;
};

// Entries sorted by key in bounded memory: Add() buffers them in an arena,
// Spill() writes the buffer as a sorted run file, Merge() visits every entry
// of every run and of the buffer in key order, equal keys in the order they
// were added (runs are older than the buffer, and stable sorts keep order).
class RunSorter {
 public:
  RunSorter(std::string dir, std::string name, ChunkPool* pool)
      : dir_(std::move(dir)), name_(std::move(name)), pool_(pool) {}
  RunSorter(const RunSorter&) = delete;
  RunSorter& operator=(const RunSorter&) = delete;
  ~RunSorter() { Clear(); }

  void Add(std::string_view key, Op op, std::string_view value) {
    const size_t n = key.size() + value.size();
    if (chunks_.empty() || used_ + n > chunk_size_) {
      const size_t normal = pool_->chunk_size();
      chunk_size_ = std::max(normal, n);
      if (chunk_size_ > normal) {
        big_.push_back(NewChunk(chunk_size_));  // one oversized entry
        if (!big_.back()) throw std::bad_alloc();
        chunks_.emplace_back();
      } else if (auto reused = pool_->Take()) {
        chunks_.push_back(std::move(reused));
      } else {
        chunks_.push_back(NewChunk(normal));
        if (!chunks_.back()) throw std::bad_alloc();
      }
      used_ = 0;
      arena_bytes_ += chunk_size_;
    }
    char* at = (chunk_size_ > pool_->chunk_size() ? big_.back().get() : chunks_.back().get()) + used_;
    if (!key.empty()) std::memcpy(at, key.data(), key.size());
    if (!value.empty()) std::memcpy(at + key.size(), value.data(), value.size());
    used_ += n;
    ++added_;
    key_bytes_ += key.size();
    value_bytes_ += value.size();
    entries_.push_back({at, Prefix(key), static_cast<uint32_t>(key.size()),
                        static_cast<uint32_t>(value.size()), static_cast<uint32_t>(entries_.size()), op});
  }
  // The buffer's memory: its arena and, while it holds entries, its array
  // of entries (kept, empty, from one spill to the next: see Spill()).
  size_t bytes() const { return arena_bytes_ + (entries_.empty() ? 0 : entries_.capacity() * sizeof(Entry)); }
  // Bytes of entries added, spilled ones included.
  uint64_t total_bytes() const { return spilled_bytes_ + bytes(); }
  bool empty() const { return entries_.empty() && runs_.empty(); }
  // Entries added, and their key and value bytes (KBQ_BULK_TRACE).
  uint64_t added() const { return added_; }
  uint64_t key_bytes() const { return key_bytes_; }
  uint64_t value_bytes() const { return value_bytes_; }
  size_t runs() const { return runs_.size(); }

  Status Spill() {
    if (entries_.empty()) return Status::OK();
    Sort();
    std::string path = dir_ + "/" + name_ + "-" + std::to_string(runs_.size()) + ".run";
    Status written = WriteRun(path);
    runs_.push_back(path);
    spilled_bytes_ += bytes();
    // The array of entries stays allocated for the next fill: grown anew
    // from nothing, it was copied at every doubling and each of its pages
    // faulted in again (about half of a 1M-event import's page faults).
    ReleaseBuffer(/*keep_entries=*/true);
    if (!written.ok()) return written;
    return runs_.size() >= kMaxRuns ? MergeRuns() : Status::OK();
  }

  using Visitor = std::function<Status(std::string_view key, Op op, std::string_view value)>;
  // `last_only`: of the entries of one key, only the last added. `each`,
  // when given, sees every entry first (also those `last_only` drops).
  Status Merge(bool last_only, const Visitor& visit, const Visitor* each = nullptr) {
    Sort();
    if (runs_.empty()) {
      for (size_t i = 0; i < entries_.size(); ++i) {
        const Entry& e = entries_[i];
        if (each != nullptr) {
          if (Status s = (*each)(e.key(), e.op, e.value()); !s.ok()) return s;
        }
        if (last_only && i + 1 < entries_.size() && entries_[i + 1].key() == e.key()) continue;
        if (Status s = visit(e.key(), e.op, e.value()); !s.ok()) return s;
      }
      return Status::OK();
    }
    std::vector<std::unique_ptr<RunReader>> readers;
    for (const auto& path : runs_) {
      readers.push_back(std::make_unique<RunReader>());
      if (Status s = readers.back()->Open(path); !s.ok()) return s;
    }
    // Sources 0..runs-1 are the files, `runs` the buffer; the heap orders by
    // (key, source), so equal keys come oldest first.
    const size_t mem = readers.size();
    size_t pos = 0;
    auto key_of = [&](size_t src) {
      return src == mem ? entries_[pos].key() : readers[src]->key();
    };
    // Each source's current key prefix, as in the sort: most comparisons of
    // the heap end there, without a memcmp.
    std::vector<uint64_t> prefix(mem + 1, 0);
    auto advanced = [&](size_t src) { prefix[src] = src == mem ? entries_[pos].prefix : Prefix(key_of(src)); };
    auto greater = [&](size_t a, size_t b) {
      if (prefix[a] != prefix[b]) return prefix[a] > prefix[b];
      int c = CompareAfterPrefix(key_of(a), key_of(b));
      return c != 0 ? c > 0 : a > b;
    };
    std::priority_queue<size_t, std::vector<size_t>, decltype(greater)> heap(greater);
    for (size_t i = 0; i < mem; ++i) {
      if (readers[i]->valid()) {
        advanced(i);
        heap.push(i);
      }
    }
    if (!entries_.empty()) {
      advanced(mem);
      heap.push(mem);
    }
    // With `last_only`, an entry waits until the next key differs: a view of
    // the buffer's arena, or a reader's record buffers taken over (a reader
    // reuses its buffers), so no record is copied.
    std::string key_buf, value_buf;
    std::string_view key, value;
    Op op = Op::kPut;
    bool pending = false;
    // The entry (k, o, v) of source `r` (null: the buffer).
    auto take = [&](std::string_view k, Op o, std::string_view v, RunReader* r) -> Status {
      if (each != nullptr) {
        if (Status s = (*each)(k, o, v); !s.ok()) return s;
      }
      if (!last_only) return visit(k, o, v);
      if (pending && k != key) {
        if (Status s = visit(key, op, value); !s.ok()) return s;
      }
      if (r == nullptr) {
        key = k;
        value = v;
      } else {
        r->Release(&key_buf, &value_buf);
        key = key_buf;
        value = value_buf;
      }
      op = o;
      pending = true;
      return Status::OK();
    };
    while (!heap.empty()) {
      size_t src = heap.top();
      heap.pop();
      if (src == mem) {
        const Entry& e = entries_[pos];
        if (Status s = take(e.key(), e.op, e.value(), nullptr); !s.ok()) return s;
        if (++pos < entries_.size()) {
          advanced(mem);
          heap.push(mem);
        }
      } else {
        RunReader& r = *readers[src];
        if (Status s = take(r.key(), r.op(), r.value(), &r); !s.ok()) return s;
        if (Status s = r.Next(); !s.ok()) return s;
        if (r.valid()) {
          advanced(src);
          heap.push(src);
        }
      }
    }
    return pending ? visit(key, op, value) : Status::OK();
  }

  // Merges every run file into one (a merge reads all runs at once, so their
  // number stays below kMaxRuns open files). REQUIRES: the buffer is empty.
  Status MergeRuns() {
    std::string path = dir_ + "/" + name_ + "-merged-" + std::to_string(merges_++) + ".run";
    RunWriter w;
    if (Status s = w.Open(path); !s.ok()) return s;
    Status s = Merge(/*last_only=*/false, [&](std::string_view k, Op op, std::string_view v) {
      w.Write(k, op, v);
      return Status::OK();
    });
    if (Status c = w.Close(); s.ok()) s = c;
    std::error_code ec;
    for (const auto& old : runs_) std::filesystem::remove(old, ec);
    runs_.assign(1, path);
    return s;
  }

  // Frees the buffer and removes the run files.
  void Clear() {
    ReleaseBuffer();
    std::error_code ec;
    for (const auto& path : runs_) std::filesystem::remove(path, ec);
    runs_.clear();
  }

 private:
  // The first 8 bytes of a key as a big-endian number (zero-padded): most
  // comparisons of a sort end there, without a memcmp.
  static uint64_t Prefix(std::string_view key) {
    uint64_t p = 0;
    for (size_t i = 0; i < 8; ++i) {
      p = (p << 8) | (i < key.size() ? static_cast<uint8_t>(key[i]) : 0);
    }
    return p;
  }
  // Compares two keys with equal Prefix(): when both have 8 bytes or more,
  // those are equal and only the rest is compared (the sort's and the
  // merge's ties: idx_actor and idx_sal keys all begin with the length
  // byte and "person:" or the like).
  static int CompareAfterPrefix(std::string_view a, std::string_view b) {
    if (a.size() >= 8 && b.size() >= 8) return a.substr(8).compare(b.substr(8));
    return a.compare(b);
  }
  struct Entry {
    const char* data;
    uint64_t prefix;
    uint32_t key_len, value_len;
    uint32_t seq;  // order of Add() within the buffer
    Op op;
    std::string_view key() const { return {data, key_len}; }
    std::string_view value() const { return {data + key_len, value_len}; }
  };
  void Sort() {
    if (sorted_ == entries_.size()) return;
    // By key, then in the order added (faster than a stable sort).
    std::sort(entries_.begin(), entries_.end(), [](const Entry& a, const Entry& b) {
      if (a.prefix != b.prefix) return a.prefix < b.prefix;
      int c = CompareAfterPrefix(a.key(), b.key());
      return c != 0 ? c < 0 : a.seq < b.seq;
    });
    sorted_ = entries_.size();
  }
  // The sorted buffer as a run file (RunWriter's records), written with
  // writev straight from the arena: through stdio, copying every byte into
  // its buffer first was 4% of a bulk load's CPU.
  Status WriteRun(const std::string& path) const {
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) return Status::IOError("cannot create " + path + ": " + std::strerror(errno));
    constexpr size_t kBatch = 512;  // two iovecs an entry, IOV_MAX is 1024
    char heads[kBatch][9];
    iovec iov[2 * kBatch];
    bool ok = true;
    for (size_t i = 0; ok && i < entries_.size(); i += kBatch) {
      const size_t n = std::min(kBatch, entries_.size() - i);
      for (size_t j = 0; j < n; ++j) {
        const Entry& e = entries_[i + j];
        const uint32_t head[2] = {e.key_len, e.value_len};
        std::memcpy(heads[j], head, sizeof head);
        heads[j][8] = static_cast<char>(e.op);
        iov[2 * j] = {heads[j], sizeof heads[j]};
        iov[2 * j + 1] = {const_cast<char*>(e.data), size_t{e.key_len} + e.value_len};  // value follows key
      }
      ok = WriteAll(fd, iov, 2 * n);
    }
    ok = ::close(fd) == 0 && ok;
    return ok ? Status::OK() : Status::IOError("cannot write " + path + " (disk full?)");
  }
  static bool WriteAll(int fd, iovec* v, size_t count) {
    while (count > 0) {
      const ssize_t w = ::writev(fd, v, static_cast<int>(count));
      if (w < 0) {
        if (errno == EINTR) continue;
        return false;
      }
      auto left = static_cast<size_t>(w);
      while (count > 0 && left >= v->iov_len) {
        left -= v->iov_len;
        ++v;
        --count;
      }
      if (count > 0) {
        v->iov_base = static_cast<char*>(v->iov_base) + left;
        v->iov_len -= left;
      }
    }
    return true;
  }
  void ReleaseBuffer(bool keep_entries = false) {
    if (keep_entries) {
      entries_.clear();
    } else {
      std::vector<Entry>().swap(entries_);
    }
    for (auto& c : chunks_) {
      if (c) pool_->Give(std::move(c));
    }
    chunks_.clear();
    big_.clear();
    used_ = arena_bytes_ = sorted_ = 0;
  }

  std::string dir_, name_;
  ChunkPool* pool_;
  std::vector<Chunk> chunks_, big_;
  size_t chunk_size_ = 0, used_ = 0, arena_bytes_ = 0, sorted_ = 0;
  uint64_t spilled_bytes_ = 0;
  uint64_t added_ = 0, key_bytes_ = 0, value_bytes_ = 0;
  static constexpr size_t kMaxRuns = 64;
  int merges_ = 0;
  std::vector<Entry> entries_;
  std::vector<std::string> runs_;
};


}  // namespace kbq::bulk
