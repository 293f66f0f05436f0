// The external sorter under Store::BulkImport (store_bulk.cc): entries
// (key, operation, value) buffered in an arena, spilled as sorted run files
// when the import's memory budget is reached, and merged back in key order.
// Internal to kbq::kb. A RunSorter is used by one thread at a time; the
// ChunkPool and the Spiller are shared and thread-safe.
#pragma once

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <condition_variable>
#include <deque>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <new>
#include <string>
#include <string_view>
#include <thread>
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
  Status Open(const std::string& path, size_t buffer = 256 << 10) {
    path_ = path;
    f_ = std::fopen(path.c_str(), "rb");
    if (f_ == nullptr) return Status::IOError("cannot open " + path + ": " + std::strerror(errno));
    std::setvbuf(f_, nullptr, _IOFBF, buffer);
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

// Threads that sort and write the buffers sorters hand them (Spill()),
// taken in the order handed, while their owners go on filling new ones.
class Spiller {
 public:
  explicit Spiller(int threads) : threads_(threads) {}
  Spiller(const Spiller&) = delete;
  Spiller& operator=(const Spiller&) = delete;
  ~Spiller() {
    {
      std::lock_guard<std::mutex> l(mu_);
      closing_ = true;
    }
    cv_.notify_all();
    for (auto& t : workers_) t.join();
  }
  void Post(std::function<void()> job) {
    std::lock_guard<std::mutex> l(mu_);
    if (workers_.empty()) {
      for (int i = 0; i < threads_; ++i) workers_.emplace_back([this] { Work(); });
    }
    jobs_.push_back(std::move(job));
    cv_.notify_one();
  }
  // CPU seconds the threads have used (KBQ_BULK_TRACE).
  double cpu_seconds() const {
    std::lock_guard<std::mutex> l(mu_);
    double sum = 0;
    for (double c : cpu_) sum += c;
    return sum;
  }

 private:
  void Work() {
    std::unique_lock<std::mutex> l(mu_);
    const size_t me = cpu_.size();
    cpu_.push_back(0);
    for (;;) {
      cv_.wait(l, [&] { return !jobs_.empty() || closing_; });
      if (jobs_.empty()) return;
      std::function<void()> job = std::move(jobs_.front());
      jobs_.pop_front();
      l.unlock();
      job();
      timespec cpu{};
      clock_gettime(CLOCK_THREAD_CPUTIME_ID, &cpu);
      l.lock();
      cpu_[me] = static_cast<double>(cpu.tv_sec) + cpu.tv_nsec * 1e-9;
    }
  }
  const int threads_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::function<void()>> jobs_;  // guarded by mu_
  bool closing_ = false;                    // guarded by mu_
  std::vector<double> cpu_;                 // per thread; guarded by mu_
  std::vector<std::thread> workers_;        // started by the first Post()
};

// Entries sorted by key in bounded memory: Add() buffers them in an arena,
// Spill() writes the buffer as a sorted run file, Merge() visits every entry
// of every run and of the buffer in key order, equal keys in the order they
// were added (runs are older than the buffer, and stable sorts keep order).
// With a Spiller, Spill() hands the buffer over and returns at once: the
// run file is reserved in order, sorted and written on the spiller's thread,
// and Merge(), MergeRuns() and Clear() wait for it.
class RunSorter {
 public:
  RunSorter(std::string dir, std::string name, ChunkPool* pool, Spiller* spiller = nullptr)
      : dir_(std::move(dir)), name_(std::move(name)), pool_(pool), spiller_(spiller) {}
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
  size_t spills() const { return spills_; }
  size_t runs_merged() const { return runs_merged_; }
  // Bytes of buffers handed to the spiller and not yet written.
  size_t pending_bytes() const {
    std::lock_guard<std::mutex> l(mu_);
    return pending_bytes_;
  }
  // Waits until the buffers handed to the spiller are written; returns the
  // first failure of one.
  Status WaitSpills() {
    std::unique_lock<std::mutex> l(mu_);
    cv_.wait(l, [&] { return pending_ == 0; });
    return spill_status_;
  }

  // Writes the buffer as a run; with a spiller and `hand_over`, on the
  // spiller's thread (a failure there is returned by a later call).
  Status Spill(bool hand_over = true) {
    if (entries_.empty()) return Status::OK();
    ++spills_;
    std::string path = dir_ + "/" + name_ + "-" + std::to_string(runs_.size()) + ".run";
    runs_.push_back(path);
    const size_t held = bytes();
    spilled_bytes_ += held;
    if (spiller_ == nullptr || !hand_over) {
      Sort(&entries_, sorted_);
      Status written = WriteRun(path, entries_);
      // The array of entries stays allocated for the next fill: grown anew
      // from nothing, it was copied at every doubling and each of its pages
      // faulted in again (about half of a 1M-event import's page faults).
      ReleaseBuffer(/*keep_entries=*/true);
      if (!written.ok()) return written;
    } else {
      // The buffer goes to the spiller's thread, which sorts and writes it,
      // gives its chunks back to the pool and keeps its emptied array of
      // entries for this sorter's next spill (as above).
      auto job = std::make_shared<Buffer>();
      job->entries.swap(entries_);
      job->chunks.swap(chunks_);
      job->big.swap(big_);
      job->sorted = sorted_;
      {
        std::lock_guard<std::mutex> l(mu_);
        ++pending_;
        pending_bytes_ += held;
        entries_.swap(spare_);
      }
      ReleaseBuffer(/*keep_entries=*/true);
      spiller_->Post([this, job, path, held] {
        Status written;
        try {
          Sort(&job->entries, job->sorted);
          written = WriteRun(path, job->entries);
          for (auto& c : job->chunks) pool_->Give(std::move(c));
        } catch (const std::exception& e) {  // nothing may leave the spiller's thread
          written = Status::IOError("cannot write " + path + ": " + e.what());
        }
        job->entries.clear();
        job->chunks.clear();
        job->big.clear();
        std::lock_guard<std::mutex> l(mu_);
        if (spare_.capacity() < job->entries.capacity()) spare_.swap(job->entries);
        if (!written.ok() && spill_status_.ok()) spill_status_ = written;
        pending_bytes_ -= held;
        if (--pending_ == 0) cv_.notify_all();
      });
      std::lock_guard<std::mutex> l(mu_);
      if (!spill_status_.ok()) return spill_status_;
    }
    return runs_.size() >= kMaxRuns ? MergeRuns() : Status::OK();
  }

  using Visitor = std::function<Status(std::string_view key, Op op, std::string_view value)>;
  // `last_only`: of the entries of one key, only the last added. `each`,
  // when given, sees every entry first (also those `last_only` drops).
  Status Merge(bool last_only, const Visitor& visit, const Visitor* each = nullptr) {
    if (Status s = WaitSpills(); !s.ok()) return s;
    Sort(&entries_, sorted_);
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
    // Read buffers of 256 KiB, smaller when there are many runs (at most
    // 32 MiB in all).
    const size_t buffer = std::clamp<size_t>((32 << 20) / runs_.size(), 64 << 10, 256 << 10);
    std::vector<std::unique_ptr<RunReader>> readers;
    for (const auto& path : runs_) {
      readers.push_back(std::make_unique<RunReader>());
      if (Status s = readers.back()->Open(path, buffer); !s.ok()) return s;
    }
    // Sources 0..runs-1 are the files, `runs` the buffer; the merge orders by
    // (key, source), so equal keys come oldest first.
    const size_t mem = readers.size();
    size_t pos = 0;
    auto key_of = [&](size_t src) {
      return src == mem ? entries_[pos].key() : readers[src]->key();
    };
    // Each source's current key's first 16 bytes as two numbers: most
    // comparisons end there, without a memcmp (idx_actor and idx_sal keys
    // share their first 8 bytes, a length byte and "person:").
    const size_t k = mem + 1;
    std::vector<uint64_t> prefix(k, 0), prefix2(k, 0);
    std::vector<char> live(k, 0);
    auto advanced = [&](size_t src) {
      const std::string_view key = key_of(src);
      prefix[src] = src == mem ? entries_[pos].prefix : Prefix(key);
      prefix2[src] = key.size() > 8 ? Prefix(key.substr(8)) : 0;
    };
    // Whether source a's entry comes first: by key, then the older source
    // (a lower number); a source that has ended comes after every other.
    auto before = [&](size_t a, size_t b) {
      if (!live[a] || !live[b]) return live[a] && !live[b];
      if (prefix[a] != prefix[b]) return prefix[a] < prefix[b];
      if (prefix2[a] != prefix2[b]) return prefix2[a] < prefix2[b];
      const std::string_view ka = key_of(a), kb = key_of(b);
      int c = ka.size() >= 16 && kb.size() >= 16 ? ka.substr(16).compare(kb.substr(16)) : ka.compare(kb);
      return c != 0 ? c < 0 : a < b;
    };
    for (size_t i = 0; i < k; ++i) {
      live[i] = i == mem ? !entries_.empty() : readers[i]->valid();
      if (live[i]) advanced(i);
    }
    // A tree of losers: leaves k..2k-1 are the sources, inner node n holds
    // the source that lost the match played there. The winner's successor
    // replays only the matches on its leaf's path, one comparison a level
    // (a binary heap made two).
    std::vector<size_t> loser(k, 0);
    std::function<size_t(size_t)> build = [&](size_t n) -> size_t {
      if (n >= k) return n - k;
      const size_t a = build(2 * n), b = build(2 * n + 1);
      loser[n] = before(b, a) ? a : b;
      return before(b, a) ? b : a;
    };
    size_t winner = k == 1 ? 0 : build(1);
    auto replay = [&](size_t src) {
      for (size_t n = (src + k) / 2; n >= 1; n /= 2) {
        if (before(loser[n], src)) std::swap(loser[n], src);
      }
      winner = src;
    };
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
    while (live[winner]) {
      const size_t src = winner;
      bool more = false;
      if (src == mem) {
        const Entry& e = entries_[pos];
        if (Status s = take(e.key(), e.op, e.value(), nullptr); !s.ok()) return s;
        more = ++pos < entries_.size();
      } else {
        RunReader& r = *readers[src];
        if (Status s = take(r.key(), r.op(), r.value(), &r); !s.ok()) return s;
        if (Status s = r.Next(); !s.ok()) return s;
        more = r.valid();
      }
      if (more) {
        advanced(src);
      } else {
        live[src] = 0;
      }
      replay(src);
    }
    return pending ? visit(key, op, value) : Status::OK();
  }

  // Merges every run file into one (a merge reads all runs at once, so their
  // number stays below kMaxRuns open files). REQUIRES: the buffer is empty.
  Status MergeRuns() {
    if (Status s = WaitSpills(); !s.ok()) return s;
    runs_merged_ += runs_.size();
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
    (void)WaitSpills();  // a run being written is removed below
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
  // Sorts `entries` unless its first `sorted` are all of them (and then
  // sets `sorted` to their number).
  static void Sort(std::vector<Entry>* entries, size_t& sorted) {
    if (sorted == entries->size()) return;
    // By key, then in the order added (faster than a stable sort).
    std::sort(entries->begin(), entries->end(), [](const Entry& a, const Entry& b) {
      if (a.prefix != b.prefix) return a.prefix < b.prefix;
      int c = CompareAfterPrefix(a.key(), b.key());
      return c != 0 ? c < 0 : a.seq < b.seq;
    });
    sorted = entries->size();
  }
  // A buffer handed to the spiller.
  struct Buffer {
    std::vector<Entry> entries;
    std::vector<Chunk> chunks, big;
    size_t sorted = 0;
  };
  // A sorted buffer as a run file (RunWriter's records), written with
  // writev straight from the arena: through stdio, copying every byte into
  // its buffer first was 4% of a bulk load's CPU.
  static Status WriteRun(const std::string& path, const std::vector<Entry>& run) {
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) return Status::IOError("cannot create " + path + ": " + std::strerror(errno));
    constexpr size_t kBatch = 512;  // two iovecs an entry, IOV_MAX is 1024
    char heads[kBatch][9];
    iovec iov[2 * kBatch];
    bool ok = true;
    for (size_t i = 0; ok && i < run.size(); i += kBatch) {
      const size_t n = std::min(kBatch, run.size() - i);
      for (size_t j = 0; j < n; ++j) {
        const Entry& e = run[i + j];
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
  Spiller* spiller_;
  mutable std::mutex mu_;      // guards the members below it up to spill_status_
  std::condition_variable cv_;
  size_t pending_ = 0, pending_bytes_ = 0;  // buffers handed to the spiller, not yet written
  std::vector<Entry> spare_;   // an emptied array of entries the spiller gave back
  Status spill_status_;        // the first failure of a spill on the spiller's thread
  size_t spills_ = 0, runs_merged_ = 0;
  std::vector<Chunk> chunks_, big_;
  size_t chunk_size_ = 0, used_ = 0, arena_bytes_ = 0, sorted_ = 0;
  uint64_t spilled_bytes_ = 0;
  uint64_t added_ = 0, key_bytes_ = 0, value_bytes_ = 0;
  static constexpr size_t kMaxRuns = 256;
  int merges_ = 0;
  std::vector<Entry> entries_;
  std::vector<std::string> runs_;
};


}  // namespace kbq::bulk
