// The RocksDB event store. Layout and rules: docs/storage_format.md.
//
// RocksStore keeps every RocksDB type out of kbq/store.h. Writers open the
// directory normally (taking RocksDB's LOCK file); readers open it as a
// RocksDB secondary instance in a private temporary directory, which is safe
// while a writer runs and catches up in Refresh().
#include "kbq/store.h"

#include <rocksdb/cache.h>
#include <rocksdb/convenience.h>
#include <rocksdb/db.h>
#include <rocksdb/filter_policy.h>
#include <rocksdb/options.h>
#include <rocksdb/table.h>
#include <rocksdb/write_batch.h>

#include <algorithm>
#include <atomic>
#include <climits>
#include <cstring>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <mutex>
#include <set>
#include <shared_mutex>
#include <system_error>

#include "compact_graph.h"
#include "counter_merge.h"
#include "key_codec.h"
#include "kbq/names.h"
#include "kbq/salience.h"
#include "record_codec.h"
#include "store_salience.h"
#include "store_bulk.h"
#include "store_entries.h"

namespace kbq {

namespace {

// Adds counter values, and the tuples of date-block counters (format 7,
// told apart by their key). A malformed operand fails the merge, which
// RocksDB reports as Corruption to the read (or flush) that needed it.
class CounterAdd final : public rocksdb::AssociativeMergeOperator {
 public:
  bool Merge(const rocksdb::Slice& key, const rocksdb::Slice* existing, const rocksdb::Slice& value,
             std::string* new_value, rocksdb::Logger*) const override {
    if (key.starts_with(rocksdb::Slice(keys::kMetaBlockCount.data(), keys::kMetaBlockCount.size()))) {
      std::vector<records::BlockCount> sum, more;
      if (existing != nullptr &&
          !records::DecodeBlockCounts(std::string_view(existing->data(), existing->size()), &sum).ok()) {
        return false;
      }
      if (!records::DecodeBlockCounts(std::string_view(value.data(), value.size()), &more).ok()) return false;
      records::AddBlockCounts(more, &sum);
      *new_value = records::EncodeBlockCounts(sum);
      return true;
    }
    int64_t a = 0, b = 0;
    if (existing != nullptr &&
        !records::DecodeCounter(std::string_view(existing->data(), existing->size()), &a).ok()) {
      return false;
    }
    if (!records::DecodeCounter(std::string_view(value.data(), value.size()), &b).ok()) return false;
    *new_value = records::EncodeCounter(a + b);
    return true;
  }
  const char* Name() const override { return "kbq.CounterAdd"; }
};

}  // namespace

std::shared_ptr<rocksdb::MergeOperator> NewCounterMergeOperator() {
  static const std::shared_ptr<rocksdb::MergeOperator> op = std::make_shared<CounterAdd>();
  return op;
}

namespace {

namespace fs = std::filesystem;
using records::IndexedActor;

using entries::Cf;
using entries::CfNames;
using namespace entries;  // the Cf values (kEvents, ...)

bool IsLockError(const rocksdb::Status& s) {
  if (!s.IsIOError()) return false;
  const std::string text = s.ToString();
  // "While lock file: PATH/LOCK: Resource temporarily unavailable" (another
  // process) or "lock hold by current process ... PATH/LOCK: No locks
  // available" (this process).
  return text.find("/LOCK") != std::string::npos || text.find("lock hold") != std::string::npos;
}

Status FromRocks(const rocksdb::Status& s, const std::string& context) {
  if (s.ok()) return Status::OK();
  if (IsLockError(s)) return Status::Busy("store is locked by another kbq process");
  std::string msg = context + ": " + s.ToString();
  if (s.IsNotFound() || s.IsPathNotFound()) return Status::NotFound(msg);
  if (s.IsCorruption()) return Status::Corruption(msg);
  if (s.IsNotSupported()) return Status::NotSupported(msg);
  if (s.IsInvalidArgument()) return Status::InvalidArgument(msg);
  if (s.IsBusy() || s.IsTimedOut() || s.IsTryAgain()) return Status::Busy(msg);
  return Status::IOError(msg);
}

bool StartsWith(const rocksdb::Slice& s, std::string_view prefix) {
  return s.size() >= prefix.size() && std::memcmp(s.data(), prefix.data(), prefix.size()) == 0;
}

std::string_view Sv(const rocksdb::Slice& s) { return std::string_view(s.data(), s.size()); }

uint64_t DirectorySize(const std::string& path) {
  uint64_t total = 0;
  std::error_code ec;
  for (fs::recursive_directory_iterator it(path, ec), end; !ec && it != end; it.increment(ec)) {
    std::error_code ec2;
    if (it->is_regular_file(ec2)) {
      auto size = it->file_size(ec2);
      if (!ec2) total += size;
    }
  }
  return total;
}

// The writes of one Commit, applied to the WriteBatch sorted by (family,
// key). Inserting keys in order into a memtable's skiplist walks the same
// upper-level nodes again and again (they stay in the CPU cache), where the
// random order of event ids and index keys misses the cache at every level;
// on a 100k-event bulk load it saved about a third of the CPU. The sort is
// stable, so two writes of the same key keep their order and the batch
// means exactly what it meant unsorted.
class SortedWrites final : public entries::EntrySink {
 public:
  explicit SortedWrites(const std::vector<rocksdb::ColumnFamilyHandle*>& cf) : cf_(cf) {}
  void Put(Cf cf, std::string_view key, std::string_view value) override {
    Add(cf_[cf], OpKind::kPut, key, value);
  }
  void Delete(Cf cf, std::string_view key) override { Add(cf_[cf], OpKind::kDelete, key, {}); }
  void Merge(Cf cf, std::string_view key, std::string_view value) override {
    Add(cf_[cf], OpKind::kMerge, key, value);
  }

  rocksdb::Status AppendTo(rocksdb::WriteBatch* wb) {
    std::stable_sort(ops_.begin(), ops_.end(), [this](const Op& a, const Op& b) {
      if (a.cf_id != b.cf_id) return a.cf_id < b.cf_id;
      return Key(a) < Key(b);
    });
    for (const Op& op : ops_) {
      rocksdb::Slice k(arena_.data() + op.key_at, op.key_len);
      rocksdb::Slice v(arena_.data() + op.value_at, op.value_len);
      rocksdb::Status s = op.kind == OpKind::kDelete ? wb->Delete(op.cf, k)
                          : op.kind == OpKind::kPut  ? wb->Put(op.cf, k, v)
                                                     : wb->Merge(op.cf, k, v);
      if (!s.ok()) return s;
    }
    return rocksdb::Status::OK();
  }

 private:
  enum class OpKind : uint8_t { kPut, kDelete, kMerge };
  struct Op {
    rocksdb::ColumnFamilyHandle* cf;
    uint32_t cf_id;
    OpKind kind;
    size_t key_at, key_len, value_at, value_len;
  };
  void Add(rocksdb::ColumnFamilyHandle* cf, OpKind kind, std::string_view key,
           std::string_view value) {
    Op op{cf, cf->GetID(), kind, arena_.size(), key.size(), 0, value.size()};
    arena_.append(key);
    op.value_at = arena_.size();
    arena_.append(value);
    ops_.push_back(op);
  }
  std::string_view Key(const Op& op) const {
    return std::string_view(arena_.data() + op.key_at, op.key_len);
  }

  const std::vector<rocksdb::ColumnFamilyHandle*>& cf_;
  std::string arena_;
  std::vector<Op> ops_;
};

rocksdb::Options BaseOptions(const StoreOptions& so) {
  rocksdb::Options o;
  o.create_if_missing = false;
  o.create_missing_column_families = false;
  // Bulk mode writes without a WAL: flushes must then commit every column
  // family together, or a crash could keep half a batch.
  o.atomic_flush = true;
  o.max_open_files = -1;  // required by secondary instances; harmless for writers
  o.info_log_level = rocksdb::InfoLogLevel::WARN_LEVEL;
  o.keep_log_file_num = 2;
  if (so.bulk_load) o.write_buffer_size = 64 << 20;
  return o;
}

// Record families are read by id (bloom filters pay); index families are only
// scanned by prefix on hot paths, so they go without filters (fewer bytes).
bool IsIndexFamily(const std::string& name) { return name.rfind("idx_", 0) == 0; }

rocksdb::ColumnFamilyOptions CfOptions(const std::shared_ptr<rocksdb::Cache>& cache,
                                       const std::string& name, bool bulk) {
  // Record families are read by id; idx_adj by a short seek per event; the
  // other index families by range.
  const bool point_lookups = !IsIndexFamily(name);
  const bool seeks = name == keys::kCfAdj;
  rocksdb::ColumnFamilyOptions o;
  if (bulk) {
    // Bulk mode, as RocksDB's PrepareForBulkLoad: no compaction while
    // loading (event ids and index keys arrive in random order, so every
    // L0->L1 compaction would rewrite most of L1 again), no write stalls on
    // L0 file counts; closing the store compacts each family once.
    o.disable_auto_compactions = true;
    o.level0_file_num_compaction_trigger = 1 << 30;
    o.level0_slowdown_writes_trigger = 1 << 30;
    o.level0_stop_writes_trigger = 1 << 30;
    o.soft_pending_compaction_bytes_limit = 0;
    o.hard_pending_compaction_bytes_limit = 0;
  }
  rocksdb::BlockBasedTableOptions t;
  // idx_adj holds the link records (format 8): a Commit looks up each link it
  // writes there, so it has a filter too.
  if (point_lookups || seeks) t.filter_policy.reset(rocksdb::NewBloomFilterPolicy(10));
  if (point_lookups) {
    // Records are read by id (timelines fetch each row's event): a hash
    // index in each data block finds the key without a binary search.
    t.data_block_index_type = rocksdb::BlockBasedTableOptions::kDataBlockBinaryAndHash;
  }
  t.block_cache = cache;
  // Index entries carry record copies (format 4) and are read in ranges:
  // 16 KiB blocks compress them better than 4 KiB ones (at 200k events 8%
  // fewer bytes, month scans a third faster) and a range reads fewer blocks.
  // idx_adj is read by one short seek per event, like a point lookup. The
  // files a bulk load writes (its SST files, its closing compaction) have
  // 32 KiB blocks: RocksDB resets a ZSTD context for every block, so fewer
  // blocks cost fewer instructions (with ZSTD level 1 there, below: 4.5%
  // fewer for a bulk import, callgrind at 60k events, for 0.6% fewer bytes).
  if (!point_lookups && !seeks) t.block_size = (bulk ? 32 : 16) << 10;
  o.table_factory.reset(rocksdb::NewBlockBasedTableFactory(t));
  // The default family holds the counters (format 4); any family may carry
  // the operator, it only acts on merge operands.
  o.merge_operator = NewCounterMergeOperator();
  auto supported = rocksdb::GetSupportedCompressions();
  auto has = [&](rocksdb::CompressionType c) {
    return std::find(supported.begin(), supported.end(), c) != supported.end();
  };
  // A Commit looks up every event, actor and link key it writes (to replace
  // old index entries); nearly all are new, and a whole-key bloom filter in
  // the memtable answers those misses without searching the skiplist.
  if (point_lookups || seeks) {
    o.memtable_prefix_bloom_size_ratio = 0.05;
    o.memtable_whole_key_filtering = true;
  }
  // ZSTD at every level: a third fewer bytes on disk than LZ4 on event data
  // (store_bench), for somewhat slower cold scans.
  if (has(rocksdb::kLZ4Compression)) o.compression = rocksdb::kLZ4Compression;
  if (has(rocksdb::kZSTD)) o.compression = rocksdb::kZSTD;
  // The compaction that closes a bulk load writes everything to the bottom
  // level. Before format 4, ZSTD there made timelines (a record read per row)
  // about twice as slow as LZ4 blocks in a 1M-event store; now timelines read
  // only the index families, whose record copies ZSTD takes from 122 to
  // 97 MiB at 200k events for no slower warm scans. Only idx_adj, read by a
  // seek per event on graph walks, keeps 4 KiB blocks and LZ4 there: at 1M
  // events 16 KiB ZSTD blocks made a shortest path 3.6 times slower (468
  // against 130 us). The events family too, since format 8 left room under
  // SQLite's bytes: its records are read by id (a --top walk, a path's ends),
  // and ZSTD over them was about 4.5% of a bulk import's instructions
  // (callgrind at 60k events) for 23 MiB fewer at 1M (84 against 107 MiB).
  if (bulk && (seeks || name == keys::kCfEvents) && has(rocksdb::kLZ4Compression)) {
    o.bottommost_compression = rocksdb::kLZ4Compression;
  } else if (bulk && o.compression == rocksdb::kZSTD) {
    // ZSTD level 1 at the bottom of a bulk load (the default is 3): with the
    // 32 KiB blocks above, as many bytes as level 3 with 16 KiB blocks.
    o.bottommost_compression = rocksdb::kZSTD;
    o.bottommost_compression_opts.level = 1;
    o.bottommost_compression_opts.enabled = true;
  }
  return o;
}

class RocksStore final : public Store {
 public:
  static Result<std::unique_ptr<Store>> Open(const std::string& path, const StoreOptions& options);
  ~RocksStore() override;

  Status Commit(const CommitBatch& batch, CommitResult* result) override;
  Result<Article> GetArticle(const std::string& id) const override;
  Result<Actor> GetActor(const std::string& id) const override;
  Result<Event> GetEvent(const std::string& id) const override;
  Result<std::vector<Event>> GetEvents(const std::vector<std::string>& ids) const override;
  bool HasArticle(const std::string& id) const override;
  Result<std::vector<std::string>> FindArticlesByText(std::string_view text) const override;
  Status ScanActors(const std::function<bool(const Actor&)>& visit) const override;
  Result<std::vector<std::string>> FindActorsByName(std::string_view normalised_name) const override;
  Status ScanNames(const NameVisitor& visit) const override;
  Status ScanActorTimeline(const std::string& actor_id, int32_t from_day, int32_t to_day,
                           bool strict, const EventVisitor& visit) const override;
  Status ScanDateRange(int32_t from_day, int32_t to_day, const EventVisitor& visit) const override;
  Status ScanType(const std::string& type, const EventVisitor& visit) const override;
  Result<uint64_t> CountActorTimeline(const std::string& actor_id, int32_t from_day,
                                      int32_t to_day, bool strict) const override;
  Status ScanActorBySalience(const std::string& actor_id, int32_t from_day, int32_t to_day,
                             bool strict, const SalienceVisitor& visit) const override;
  Status ScanActorTimelineHeads(const std::string& actor_id, int32_t from_day, int32_t to_day,
                                bool strict, const EventVisitor& visit) const override;
  Result<ActorEventCounts> CountActorEvents(const std::string& actor_id, bool strict) const override;
  Result<WindowCounts> CountActorWindow(const std::string& actor_id, int32_t from_day, int32_t to_day,
                                        bool strict) const override;
  Result<std::vector<Link>> LinksFrom(const std::string& event_id) const override;
  Result<std::vector<Link>> LinksTo(const std::string& event_id) const override;
  Result<std::vector<Link>> LinksOf(const std::vector<std::string>& event_ids, bool out,
                                    bool in) const override;
  Status ScanLinks(const std::function<bool(const Link&)>& visit) const override;
  Status ScanLinkEnds(const LinkEndsVisitor& visit) const override;
  Result<std::shared_ptr<const CompactGraph>> LoadCompactGraph() const override;
  Result<std::unique_ptr<BulkImporter>> BulkImport(const BulkImportOptions& options) override;
  Result<StoreStats> Stats() const override;
  Result<CheckReport> Check() const override;
  Status Refresh() override;
  Status Flush() override;

 private:
  // A consistent view for one read: a snapshot for a writer's store; a
  // secondary instance only changes in Refresh(), which `lock` excludes.
  class View {
   public:
    // A single point read is atomic by itself and needs no snapshot.
    explicit View(const RocksStore& s, bool snapshot = true) : store_(s), lock_(s.mu_) {
      if (snapshot && !s.options_.read_only) snapshot_ = s.db_->GetSnapshot();
      ro.snapshot = snapshot_;
      max_span = s.max_span_.load();  // after the snapshot: never smaller than its
    }
    ~View() {
      if (snapshot_ != nullptr) store_.db_->ReleaseSnapshot(snapshot_);
    }
    View(const View&) = delete;
    View& operator=(const View&) = delete;
    rocksdb::ReadOptions ro;
    int32_t max_span = 0;

   private:
    const RocksStore& store_;
    std::shared_lock<std::shared_mutex> lock_;
    const rocksdb::Snapshot* snapshot_ = nullptr;
  };

  RocksStore(std::string path, const StoreOptions& options)
      : path_(std::move(path)), options_(options) {}

  static Status Create(const std::string& path, const StoreOptions& options);
  Status OpenDb(bool create);
  Status LoadMeta();
  Status RebuildNameIndex(rocksdb::WriteBatch* wb);
  Status AddCoveringEntries(rocksdb::WriteBatch* last);
  Status AddAdjacency();
  Status DropFamily(Cf cf);
  Status AddSalienceIndex(rocksdb::WriteBatch* last);
  std::unique_ptr<rocksdb::Iterator> Iter(Cf cf, const rocksdb::ReadOptions& ro) const {
    return std::unique_ptr<rocksdb::Iterator>(db_->NewIterator(ro, cf_[cf]));
  }
  // NotFound (with `what` in the message) when absent.
  Status GetRaw(Cf cf, std::string_view key, const rocksdb::ReadOptions& ro, std::string* value,
                std::string_view what) const;
  Status ReadEvent(const std::string& id, const rocksdb::ReadOptions& ro, Event* e,
                   std::vector<IndexedActor>* indexed) const;
  Status ReadActor(const std::string& id, const rocksdb::ReadOptions& ro, Actor* a) const;
  Status ScanDated(Cf cf, const std::string& prefix, int32_t from_day, int32_t to_day, bool strict,
                   const EventVisitor& visit) const;
  // The index walk under ScanDated: `visit` gets each entry's event id and
  // the copy of its record the entry holds (empty when it holds none: idx_type,
  // stores of format 3 and older), and returns false to stop.
  Status WalkDated(const View& v, Cf cf, const std::string& prefix, int32_t from_day,
                   int32_t to_day, bool strict,
                   const std::function<bool(std::string&& event_id, std::string_view record)>& visit) const;
  // Every link once, in (from, to, kind) order, with its value: the outgoing
  // entries of idx_adj (format 4 on), the links family before. `visit`
  // returns false to stop; a malformed key is Corruption.
  using LinkEntryVisitor = std::function<bool(std::string_view from, std::string_view to,
                                              LinkKind kind, std::string_view value)>;
  Status EachLink(const View& v, const LinkEntryVisitor& visit) const;

  double SalienceOf(const Event& e) {
    return commit_salience_.Of(e, db_.get(), cf_[kArticles], rocksdb::ReadOptions());
  }

  std::string path_;
  StoreOptions options_;
  std::string secondary_dir_;  // reader only; removed in the destructor
  std::shared_ptr<rocksdb::Cache> cache_;  // one block cache for every family
  std::unique_ptr<rocksdb::DB> db_;
  std::vector<rocksdb::ColumnFamilyHandle*> all_handles_;  // owned, destroyed before db_
  std::vector<rocksdb::ColumnFamilyHandle*> cf_;           // ours, indexed by Cf
  uint32_t format_version_ = 0;

  mutable std::shared_mutex mu_;  // reads shared, Refresh() exclusive
  std::atomic<int32_t> max_span_{0};
  mutable std::mutex counts_mu_;
  records::Counts counts_;
  CommitSalience commit_salience_;  // the writer's, for idx_sal entries
};

// ------------------------------------------------------------ opening

Status NotAStore(const std::string& path) {
  return Status::InvalidArgument(path + " is not a kbq store");
}

// A new store is built in a hidden sibling directory and renamed into place
// once its metadata is synced, so a crash during creation never leaves a
// half-made store at `path` (only a stray ".NAME.creating-*" sibling).
Status RocksStore::Create(const std::string& path, const StoreOptions& options) {
  std::error_code ec;
  fs::path target = fs::absolute(path, ec);
  if (ec) return Status::IOError("cannot resolve " + path + ": " + ec.message());
  target = target.lexically_normal();
  if (target.filename().empty()) target = target.parent_path();
  fs::create_directories(target.parent_path(), ec);
  if (ec) return Status::IOError("cannot create " + target.parent_path().string() + ": " + ec.message());
  std::string tmpl = (target.parent_path() / ("." + target.filename().string() + ".creating-XXXXXX")).string();
  if (mkdtemp(tmpl.data()) == nullptr) return Status::IOError("cannot create a directory beside " + path);
  Status s;
  {
    RocksStore fresh(tmpl, options);
    s = fresh.OpenDb(/*create=*/true);
  }
  if (s.ok()) {
    fs::rename(tmpl, target, ec);  // replaces an empty directory at `path`
    if (ec) s = Status::IOError("cannot move the new store to " + path + ": " + ec.message());
  }
  if (!s.ok()) fs::remove_all(tmpl, ec);
  return s;
}

Result<std::unique_ptr<Store>> RocksStore::Open(const std::string& path,
                                                const StoreOptions& options) {
  std::error_code ec;
  auto st = fs::status(path, ec);
  bool exists = !ec && fs::exists(st);
  if (exists && !fs::is_directory(st)) return NotAStore(path);
  bool empty = !exists || fs::is_empty(path, ec);
  if (empty) {
    if (!options.create_if_missing || options.read_only) {
      return Status::NotFound("no kbq store at " + path + " (create one with `kbq ingest`)");
    }
    Status s = Create(path, options);
    if (!s.ok()) return s;
  } else if (!fs::exists(fs::path(path) / "CURRENT", ec)) {
    return NotAStore(path);
  }
  std::unique_ptr<RocksStore> store(new RocksStore(path, options));
  Status s = store->OpenDb(/*create=*/false);
  if (!s.ok()) return s;
  s = store->LoadMeta();
  if (!s.ok()) return s;
  return std::unique_ptr<Store>(std::move(store));
}

Status RocksStore::OpenDb(bool create) {
  rocksdb::Options opts = BaseOptions(options_);
  // One block cache for every column family: timeline scans read the events
  // family at random, so its blocks are worth keeping.
  cache_ = rocksdb::NewLRUCache(64 << 20);
  const std::shared_ptr<rocksdb::Cache>& cache = cache_;
  bool bulk = options_.bulk_load && !options_.read_only;
  std::vector<std::string> names;
  if (create) {
    names = CfNames();
    // Format 4 has idx_adj instead of idx_link_in; format 8 keeps the links
    // only there (the outgoing entries are the link records).
    names.erase(names.begin() + kLinkIn);
    names.erase(names.begin() + kLinks);
    opts.create_if_missing = true;
    opts.create_missing_column_families = true;
  } else {
    rocksdb::Status rs = rocksdb::DB::ListColumnFamilies(opts, path_, &names);
    if (!rs.ok()) return FromRocks(rs, path_);
  }
  std::vector<rocksdb::ColumnFamilyDescriptor> descs;
  for (const auto& n : names) descs.emplace_back(n, CfOptions(cache, n, bulk));

  rocksdb::DB* raw = nullptr;
  rocksdb::Status rs;
  if (options_.read_only) {
    std::error_code ec;
    std::string tmpl = (fs::temp_directory_path(ec) / "kbq-reader-XXXXXX").string();
    if (mkdtemp(tmpl.data()) == nullptr) {
      return Status::IOError("cannot create a temporary directory for the reader");
    }
    secondary_dir_ = tmpl;
    // The writer may delete a WAL file while we read it; try again then.
    for (int attempt = 0; attempt < 3; ++attempt) {
      rs = rocksdb::DB::OpenAsSecondary(opts, path_, secondary_dir_, descs, &all_handles_, &raw);
      if (rs.ok() || !(rs.IsIOError() || rs.IsPathNotFound())) break;
    }
  } else {
    rs = rocksdb::DB::Open(opts, path_, descs, &all_handles_, &raw);
  }
  if (!rs.ok()) return FromRocks(rs, path_);
  db_.reset(raw);

  cf_.assign(kNumCf, nullptr);
  for (size_t i = 0; i < names.size(); ++i) {
    auto it = std::find(CfNames().begin(), CfNames().end(), names[i]);
    if (it != CfNames().end()) cf_[it - CfNames().begin()] = all_handles_[i];
  }
  if (cf_[kDefault] == nullptr) cf_[kDefault] = db_->DefaultColumnFamily();

  if (create) {
    rocksdb::WriteBatch wb;
    wb.Put(cf_[kDefault], std::string(keys::kMetaFormat), records::EncodeFormat(kFormatVersion));
    wb.Put(cf_[kDefault], std::string(keys::kMetaCounts), records::EncodeCounts({}));
    std::string span;
    keys::PutFixed32BE(&span, 0);
    wb.Put(cf_[kDefault], std::string(keys::kMetaMaxSpan), span);
    rocksdb::WriteOptions wo;
    wo.sync = true;
    rs = db_->Write(wo, &wb);
    if (!rs.ok()) return FromRocks(rs, path_);
  }
  return Status::OK();
}

// Deletes every idx_name entry and puts those of every actor record again.
Status RocksStore::RebuildNameIndex(rocksdb::WriteBatch* wb) {
  rocksdb::ReadOptions ro;
  std::unique_ptr<rocksdb::Iterator> names(db_->NewIterator(ro, cf_[kNameIdx]));
  for (names->SeekToFirst(); names->Valid(); names->Next()) wb->Delete(cf_[kNameIdx], names->key());
  if (!names->status().ok()) return FromRocks(names->status(), "idx_name");
  std::unique_ptr<rocksdb::Iterator> actors(db_->NewIterator(ro, cf_[kActors]));
  for (actors->SeekToFirst(); actors->Valid(); actors->Next()) {
    Actor a;
    if (Status s = records::DecodeActor(Sv(actors->value()), &a); !s.ok()) {
      return Status::Corruption(path_ + ": actor " + std::string(Sv(actors->key())) + ": " +
                                s.message());
    }
    for (const auto& n : NormalisedNames(a)) wb->Put(cf_[kNameIdx], keys::NameIndexKey(n, a.id), "");
  }
  if (!actors->status().ok()) return FromRocks(actors->status(), "actors");
  return Status::OK();
}

// Format 4: rewrites idx_date with span classes and a copy of every event
// record, puts the copy into each idx_actor entry too (in batches of a few
// thousand entries), and adds the per-actor counters to `last`, the batch that
// also marks the store as format 4. A crash before `last` is written leaves a
// format-3 store holding entries of both layouts (which a format-3 build may
// misread) that the next writer upgrades again: every write here is
// idempotent and the counters are put whole.
Status RocksStore::AddCoveringEntries(rocksdb::WriteBatch* last) {
  rocksdb::ReadOptions ro;
  std::map<std::string, int64_t> counters;
  rocksdb::WriteBatch wb;
  rocksdb::WriteOptions wo;
  // The keys of formats 1-3 go (they have no span class: first byte 0 or
  // around 0x80), the new ones come from the records.
  std::unique_ptr<rocksdb::Iterator> old(db_->NewIterator(ro, cf_[kDateIdx]));
  for (old->SeekToFirst(); old->Valid(); old->Next()) {
    auto first = static_cast<uint8_t>(old->key()[0]);
    if (first == keys::kShortSpan || first == keys::kLongSpan) continue;
    rocksdb::Status rs = wb.Delete(cf_[kDateIdx], old->key());
    if (rs.ok() && wb.Count() >= 20000) {
      rs = db_->Write(wo, &wb);
      wb.Clear();
    }
    if (!rs.ok()) return FromRocks(rs, path_);
  }
  if (!old->status().ok()) return FromRocks(old->status(), path_ + ": idx_date");
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(ro, cf_[kEvents]));
  std::string value;
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    Event e;
    std::vector<IndexedActor> indexed;
    std::string_view record = Sv(it->value());
    if (Status s = records::DecodeEvent(record, &e, &indexed); !s.ok()) {
      return Status::Corruption(path_ + ": event " + std::string(Sv(it->key())) + ": " + s.message());
    }
    keys::DateSpan d = keys::SpanOf(e.date);
    rocksdb::Status rs = wb.Put(cf_[kDateIdx], keys::DateIndexKey(d, e.id), it->value());
    for (const auto& ia : indexed) {
      if (!rs.ok()) break;
      value.assign(1, static_cast<char>(ia.flags));
      value.append(record);
      rs = wb.Put(cf_[kActorIdx], keys::ActorIndexKey(ia.actor_id, d, e.id), value);
      ++counters[keys::ActorCountKey(ia.flags, ia.actor_id)];
    }
    if (rs.ok() && wb.Count() >= 20000) {
      rs = db_->Write(wo, &wb);
      wb.Clear();
    }
    if (!rs.ok()) return FromRocks(rs, path_);
  }
  if (!it->status().ok()) return FromRocks(it->status(), path_ + ": events");
  rocksdb::Status rs = db_->Write(wo, &wb);
  for (const auto& [key, n] : counters) {
    if (rs.ok()) rs = last->Put(cf_[kDefault], key, records::EncodeCounter(n));
  }
  return FromRocks(rs, path_);
}

// Format 4: idx_adj, every link under both of its ends, from the links
// family (idx_link_in is dropped once the store is marked format 4). Written
// in batches; a crash leaves a format-3 store upgraded again on the next open.
Status RocksStore::AddAdjacency() {
  if (cf_[kAdj] == nullptr) {
    rocksdb::ColumnFamilyHandle* h = nullptr;
    rocksdb::Status rs = db_->CreateColumnFamily(
        CfOptions(cache_, keys::kCfAdj, options_.bulk_load), keys::kCfAdj, &h);
    if (!rs.ok()) return FromRocks(rs, path_ + ": creating idx_adj");
    all_handles_.push_back(h);
    cf_[kAdj] = h;
  }
  rocksdb::ReadOptions ro;
  rocksdb::WriteOptions wo;
  rocksdb::WriteBatch wb;
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(ro, cf_[kLinks]));
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    std::string_view from, to;
    LinkKind kind;
    if (Status s = keys::DecodeLinkKeyViews(Sv(it->key()), &from, &to, &kind); !s.ok()) {
      return s.WithContext(path_);
    }
    rocksdb::Status rs = wb.Put(cf_[kAdj], keys::AdjKey(from, keys::kOut, to, kind), it->value());
    if (rs.ok()) rs = wb.Put(cf_[kAdj], keys::AdjKey(to, keys::kIn, from, kind), it->value());
    if (rs.ok() && wb.Count() >= 20000) {
      rs = db_->Write(wo, &wb);
      wb.Clear();
    }
    if (!rs.ok()) return FromRocks(rs, path_);
  }
  if (!it->status().ok()) return FromRocks(it->status(), path_ + ": links");
  return FromRocks(db_->Write(wo, &wb), path_);
}

Status RocksStore::DropFamily(Cf cf) {
  rocksdb::ColumnFamilyHandle* h = cf_[cf];
  rocksdb::Status rs = db_->DropColumnFamily(h);
  if (!rs.ok()) return FromRocks(rs, path_ + ": dropping " + CfNames()[cf]);
  all_handles_.erase(std::find(all_handles_.begin(), all_handles_.end(), h));
  cf_[cf] = nullptr;
  return FromRocks(db_->DestroyColumnFamilyHandle(h), path_);
}

// Format 5: idx_sal from the event records, and the class counters (put
// whole into `last`, the batch that marks the store as format 5, after
// deleting any a cut-short upgrade left). A family left by a cut-short
// upgrade is dropped first: a format-4 build may have written events since
// without moving its entries.
Status RocksStore::AddSalienceIndex(rocksdb::WriteBatch* last) {
  if (rocksdb::ColumnFamilyHandle* old = cf_[kSalIdx]; old != nullptr) {
    rocksdb::Status rs = db_->DropColumnFamily(old);
    if (!rs.ok()) return FromRocks(rs, path_ + ": dropping an unfinished idx_sal");
    all_handles_.erase(std::find(all_handles_.begin(), all_handles_.end(), old));
    cf_[kSalIdx] = nullptr;
    if (rs = db_->DestroyColumnFamilyHandle(old); !rs.ok()) return FromRocks(rs, path_);
  }
  rocksdb::ColumnFamilyHandle* h = nullptr;
  rocksdb::Status rs = db_->CreateColumnFamily(
      CfOptions(cache_, keys::kCfSalIdx, options_.bulk_load), keys::kCfSalIdx, &h);
  if (!rs.ok()) return FromRocks(rs, path_ + ": creating idx_sal");
  all_handles_.push_back(h);
  cf_[kSalIdx] = h;
  std::map<std::string, int64_t> counters;
  BlockCounts blocks;
  if (Status s = FillSalienceIndex(db_.get(), cf_[kEvents], cf_[kArticles], h, &counters, &blocks); !s.ok()) {
    return s.WithContext(path_);
  }
  rocksdb::ReadOptions ro;
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(ro, cf_[kDefault]));
  for (std::string_view prefix : {keys::kMetaActorClassCount, keys::kMetaBlockCount}) {
    for (it->Seek(std::string(prefix)); it->Valid() && StartsWith(it->key(), prefix); it->Next()) {
      if (rs = last->Delete(cf_[kDefault], it->key()); !rs.ok()) return FromRocks(rs, path_);
    }
    if (!it->status().ok()) return FromRocks(it->status(), path_ + ": counters");
  }
  for (const auto& [key, n] : counters) {
    if (rs = last->Put(cf_[kDefault], key, records::EncodeCounter(n)); !rs.ok()) return FromRocks(rs, path_);
  }
  for (const auto& [key, tuples] : blocks) {
    if (tuples.empty()) continue;
    if (rs = last->Put(cf_[kDefault], key, records::EncodeBlockCounts(tuples)); !rs.ok()) {
      return FromRocks(rs, path_);
    }
  }
  return Status::OK();
}

Status RocksStore::LoadMeta() {
  rocksdb::ReadOptions ro;
  std::string value;
  rocksdb::Status rs = db_->Get(ro, cf_[kDefault], std::string(keys::kMetaFormat), &value);
  if (rs.IsNotFound()) return NotAStore(path_);
  if (!rs.ok()) return FromRocks(rs, path_);
  uint32_t version = 0;
  if (!records::DecodeFormat(value, &version).ok()) return NotAStore(path_);
  if (version > kFormatVersion) {
    return Status::NotSupported("store format version " + std::to_string(version) +
                                " is newer than this kbq supports (" +
                                std::to_string(kFormatVersion) + "); upgrade kbq");
  }
  if (version < kOldestFormatVersion) {
    return Status::NotSupported("store format version " + std::to_string(version) +
                                " is not supported (this kbq reads versions " +
                                std::to_string(kOldestFormatVersion) + " to " +
                                std::to_string(kFormatVersion) + ")");
  }
  // The families of this version (idx_link_in became idx_adj in version 4;
  // links is read, and required, only before it).
  for (size_t i = 0; i < kNumCf; ++i) {
    bool required = i == kAdj      ? version >= 4
                    : i == kLinkIn ? version < 4
                    : i == kLinks  ? version < 4
                    : i == kSalIdx ? version >= 5
                                   : true;
    if (required && cf_[i] == nullptr) {
      return Status::Corruption(path_ + ": column family " + CfNames()[i] + " is missing");
    }
  }
  if (version < kFormatVersion && !options_.read_only) {
    // Every older version is a subset of this one: mark the store as
    // written by this version before anything new is written. Version 3
    // changed the name normalisation, so the name index is rewritten from
    // the actor records in the same batch; version 4 added record copies to
    // idx_date and idx_actor entries, and the per-actor counters; version 5
    // the salience index and the class counters; version 6 the judged
    // fields in idx_sal values instead of record copies (rewritten whole);
    // version 7 the date-block counters (idx_sal is filled again with them);
    // version 8 drops the links family (idx_adj has held every link under
    // both ends since version 4), after this batch.
    rocksdb::WriteBatch wb;
    if (version < 3) {
      if (Status s = RebuildNameIndex(&wb); !s.ok()) return s;
    }
    if (version < 4) {
      if (Status s = AddCoveringEntries(&wb); !s.ok()) return s;
      if (Status s = AddAdjacency(); !s.ok()) return s;
    }
    if (version < 7) {
      if (Status s = AddSalienceIndex(&wb); !s.ok()) return s;
    }
    wb.Put(cf_[kDefault], std::string(keys::kMetaFormat), records::EncodeFormat(kFormatVersion));
    rocksdb::WriteOptions wo;
    wo.sync = true;
    rs = db_->Write(wo, &wb);
    if (!rs.ok()) return FromRocks(rs, path_);
    version = kFormatVersion;
  }
  format_version_ = version;
  // After the upgrade, or a crash just after it: families of older formats go.
  if (version >= 4 && cf_[kLinkIn] != nullptr && !options_.read_only) {
    if (Status s = DropFamily(kLinkIn); !s.ok()) return s;
  }
  if (version >= 8 && cf_[kLinks] != nullptr && !options_.read_only) {
    if (Status s = DropFamily(kLinks); !s.ok()) return s;
  }
  rs = db_->Get(ro, cf_[kDefault], std::string(keys::kMetaCounts), &value);
  if (!rs.ok()) return FromRocks(rs, path_ + ": counts");
  records::Counts counts;
  Status s = records::DecodeCounts(value, &counts);
  if (!s.ok()) return s.WithContext(path_);
  rs = db_->Get(ro, cf_[kDefault], std::string(keys::kMetaMaxSpan), &value);
  if (!rs.ok()) return FromRocks(rs, path_ + ": max_span");
  std::string_view in = value;
  uint32_t span = 0;
  if (!keys::GetFixed32BE(&in, &span) || !in.empty() || span > INT32_MAX) {
    return Status::Corruption(path_ + ": max_span record is malformed");
  }
  max_span_.store(static_cast<int32_t>(span));
  std::lock_guard<std::mutex> l(counts_mu_);
  counts_ = counts;
  return Status::OK();
}

RocksStore::~RocksStore() {
  if (db_) {
    if (!options_.read_only && options_.bulk_load) {
      // Bulk mode compacted nothing while loading: do it once, now, so that
      // readers find one sorted run per family instead of many L0 files.
      if (Flush().ok()) {
        rocksdb::CompactRangeOptions co;
        co.bottommost_level_compaction = rocksdb::BottommostLevelCompaction::kForceOptimized;
        for (auto* cf : cf_) {
          if (cf != nullptr) (void)db_->CompactRange(co, cf, nullptr, nullptr);
        }
      }
    }
    for (auto* h : all_handles_) (void)db_->DestroyColumnFamilyHandle(h);
    (void)db_->Close();
    db_.reset();
  }
  if (!secondary_dir_.empty()) {
    std::error_code ec;
    fs::remove_all(secondary_dir_, ec);
  }
}

// ------------------------------------------------------------ point reads

Status RocksStore::GetRaw(Cf cf, std::string_view key, const rocksdb::ReadOptions& ro,
                          std::string* value, std::string_view what) const {
  rocksdb::Status rs = db_->Get(ro, cf_[cf], rocksdb::Slice(key.data(), key.size()), value);
  if (rs.IsNotFound()) return Status::NotFound(std::string(what) + " not found");
  return FromRocks(rs, std::string(what));
}

Status RocksStore::ReadEvent(const std::string& id, const rocksdb::ReadOptions& ro, Event* e,
                             std::vector<IndexedActor>* indexed) const {
  std::string value;
  Status s = GetRaw(kEvents, id, ro, &value, "event " + id);
  if (!s.ok()) return s;
  s = records::DecodeEvent(value, e, indexed);
  if (!s.ok()) return s.WithContext("event " + id);
  return Status::OK();
}

Status RocksStore::ReadActor(const std::string& id, const rocksdb::ReadOptions& ro,
                             Actor* a) const {
  std::string value;
  Status s = GetRaw(kActors, id, ro, &value, "actor " + id);
  if (!s.ok()) return s;
  s = records::DecodeActor(value, a);
  if (!s.ok()) return s.WithContext("actor " + id);
  return Status::OK();
}

Result<Article> RocksStore::GetArticle(const std::string& id) const {
  View v(*this, /*snapshot=*/false);
  std::string value;
  Status s = GetRaw(kArticles, id, v.ro, &value, "article " + id);
  if (!s.ok()) return s;
  Article a;
  s = records::DecodeArticle(value, &a);
  if (!s.ok()) return s.WithContext("article " + id);
  return a;
}

Result<Actor> RocksStore::GetActor(const std::string& id) const {
  View v(*this, /*snapshot=*/false);
  Actor a;
  Status s = ReadActor(id, v.ro, &a);
  if (!s.ok()) return s;
  return a;
}

Result<Event> RocksStore::GetEvent(const std::string& id) const {
  View v(*this, /*snapshot=*/false);
  Event e;
  Status s = ReadEvent(id, v.ro, &e, nullptr);
  if (!s.ok()) return s;
  return e;
}

Result<std::vector<Event>> RocksStore::GetEvents(const std::vector<std::string>& ids) const {
  View v(*this);
  // One MultiGet (sorted lookups within the family) for all of them.
  std::vector<rocksdb::Slice> keys(ids.begin(), ids.end());
  std::vector<rocksdb::PinnableSlice> values(ids.size());
  std::vector<rocksdb::Status> statuses(ids.size());
  db_->MultiGet(v.ro, cf_[kEvents], ids.size(), keys.data(), values.data(), statuses.data());
  std::vector<Event> out(ids.size());
  for (size_t i = 0; i < ids.size(); ++i) {
    if (statuses[i].IsNotFound()) return Status::NotFound("event " + ids[i] + " not found");
    if (!statuses[i].ok()) return FromRocks(statuses[i], "event " + ids[i]);
    if (Status d = records::DecodeEvent(Sv(values[i]), &out[i], nullptr); !d.ok()) {
      return d.WithContext("event " + ids[i]);
    }
  }
  return out;
}

bool RocksStore::HasArticle(const std::string& id) const {
  View v(*this, /*snapshot=*/false);
  std::string value;
  return GetRaw(kArticles, id, v.ro, &value, "article").ok();
}

Result<std::vector<std::string>> RocksStore::FindArticlesByText(std::string_view text) const {
  View v(*this);
  std::vector<std::string> ids;
  std::string prefix = keys::ContentIndexPrefix(keys::ContentHash(text));
  auto it = Iter(kContentIdx, v.ro);
  for (it->Seek(prefix); it->Valid() && StartsWith(it->key(), prefix); it->Next()) {
    uint64_t hash = 0;
    std::string id;
    Status s = keys::DecodeContentIndexKey(Sv(it->key()), &hash, &id);
    if (!s.ok()) return s;
    std::string value;
    s = GetRaw(kArticles, id, v.ro, &value, "article " + id);
    if (!s.ok()) return s;
    Article a;
    s = records::DecodeArticle(value, &a);
    if (!s.ok()) return s.WithContext("article " + id);
    if (a.text == text) ids.push_back(std::move(id));  // a hash collision is not a match
  }
  if (!it->status().ok()) return FromRocks(it->status(), "idx_content");
  return ids;
}

// ------------------------------------------------------------ scans

Status RocksStore::ScanActors(const std::function<bool(const Actor&)>& visit) const {
  View v(*this);
  auto it = Iter(kActors, v.ro);
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    Actor a;
    Status s = records::DecodeActor(Sv(it->value()), &a);
    if (!s.ok()) return s.WithContext("actor " + it->key().ToString());
    if (!visit(a)) break;
  }
  return FromRocks(it->status(), "actors");
}

Status RocksStore::ScanNames(const NameVisitor& visit) const {
  View v(*this);
  auto it = Iter(kNameIdx, v.ro);
  std::string name, id;
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    if (Status s = keys::DecodeNameIndexKey(Sv(it->key()), &name, &id); !s.ok()) return s;
    if (!visit(name, id)) break;
  }
  return FromRocks(it->status(), "idx_name");
}

Result<std::vector<std::string>> RocksStore::FindActorsByName(
    std::string_view normalised_name) const {
  View v(*this);
  std::vector<std::string> ids;
  std::string prefix = keys::NameIndexPrefix(normalised_name);
  auto it = Iter(kNameIdx, v.ro);
  for (it->Seek(prefix); it->Valid() && StartsWith(it->key(), prefix); it->Next()) {
    std::string name, id;
    Status s = keys::DecodeNameIndexKey(Sv(it->key()), &name, &id);
    if (!s.ok()) return s;
    ids.push_back(std::move(id));
  }
  if (!it->status().ok()) return FromRocks(it->status(), "idx_name");
  return ids;
}

// One iterator scan over a dated index. An event overlapping [from, to] may
// start before `from`, but never more than max_span days before it (the
// longest span ever stored), so the scan seeks to from - max_span and skips
// entries that end before `from`. It stops at the first entry starting after
// `to`.
Status RocksStore::WalkDated(const View& v, Cf cf, const std::string& prefix, int32_t from_day,
                             int32_t to_day, bool strict,
                             const std::function<bool(std::string&& event_id, std::string_view record)>& visit) const {
  if (from_day > to_day) return Status::OK();
  // One run per key space to scan: idx_date of format 4 has two span
  // classes (docs/storage_format.md), each with its own look-back; every
  // other index has one. Runs are merged by their keys' date suffix.
  struct Run {
    std::string prefix, upper;
    rocksdb::Slice upper_slice;
    std::unique_ptr<rocksdb::Iterator> it;
    keys::DatedKey k;
    std::string_view record;
    bool done = false;
  };
  std::vector<Run> runs;
  if (cf == kDateIdx && format_version_ >= 4) {
    runs.resize(2);
    runs[0].prefix = keys::DateIndexPrefix(keys::kShortSpan);
    runs[1].prefix = keys::DateIndexPrefix(keys::kLongSpan);
  } else {
    runs.resize(1);
    runs[0].prefix = prefix;
  }
  // Moves a run to its next entry inside the range (or marks it done).
  auto advance = [&](Run& r, bool first) -> Status {
    for (first ? (void)0 : r.it->Next(); r.it->Valid() && StartsWith(r.it->key(), r.prefix); r.it->Next()) {
      Status s = keys::DecodeDatedSuffix(Sv(r.it->key()).substr(r.prefix.size()), &r.k);
      if (!s.ok()) return Status::Corruption(CfNames()[cf] + " key is truncated or malformed");
      if (r.k.date.earliest > to_day) break;
      if (r.k.date.latest < from_day) continue;
      r.record = Sv(r.it->value());
      if (cf == kActorIdx) {
        // The flags byte, then (format 4) a copy of the event record.
        if (r.record.empty() || static_cast<uint8_t>(r.record[0]) > keys::kViaAncestor) {
          return Status::Corruption("idx_actor value is malformed");
        }
        if (strict && static_cast<uint8_t>(r.record[0]) == keys::kViaAncestor) continue;
        r.record.remove_prefix(1);
      }
      return Status::OK();
    }
    r.done = true;
    return FromRocks(r.it->status(), CfNames()[cf]);
  };
  for (size_t i = 0; i < runs.size(); ++i) {
    Run& r = runs[i];
    int32_t look_back = v.max_span;
    if (runs.size() == 2 && i == 0) look_back = std::min(look_back, keys::kShortSpanDays - 1);
    int64_t start = std::max<int64_t>(INT32_MIN, static_cast<int64_t>(from_day) - look_back);
    std::string seek = r.prefix;
    keys::PutDay(&seek, static_cast<int32_t>(start));
    // Bound the iterator so RocksDB need not look past the range (nor walk
    // deleted entries beyond it): the first key starting after `to`.
    rocksdb::ReadOptions iter_ro = v.ro;
    if (to_day < INT32_MAX) {
      r.upper = r.prefix;
      keys::PutDay(&r.upper, to_day + 1);
      r.upper_slice = r.upper;
      iter_ro.iterate_upper_bound = &r.upper_slice;
    }
    r.it = Iter(cf, iter_ro);
    r.it->Seek(seek);
    if (Status s = advance(r, true); !s.ok()) return s;
  }
  for (;;) {
    Run* next = nullptr;
    for (Run& r : runs) {
      if (r.done) continue;
      if (next == nullptr ||
          Sv(r.it->key()).substr(r.prefix.size()) < Sv(next->it->key()).substr(next->prefix.size())) {
        next = &r;
      }
    }
    if (next == nullptr) return Status::OK();
    if (!visit(std::move(next->k.event_id), next->record)) return Status::OK();
    if (Status s = advance(*next, false); !s.ok()) return s;
  }
}

Status RocksStore::ScanDated(Cf cf, const std::string& prefix, int32_t from_day, int32_t to_day,
                             bool strict, const EventVisitor& visit) const {
  View v(*this);
  // Records are fetched with MultiGet in growing batches (16, 32, ... 256):
  // far faster than one Get per entry on a long timeline, and a visitor that
  // stops early wastes little. One Event is decoded into again and again,
  // so its strings and vectors keep their capacity.
  std::vector<std::string> ids;
  std::vector<rocksdb::Slice> slices;
  std::vector<rocksdb::PinnableSlice> values;
  std::vector<rocksdb::Status> statuses;
  Event e;
  size_t batch = 16;
  bool stopped = false;
  Status fetch_status;
  auto fetch = [&]() -> Status {
    size_t n = ids.size();
    slices.assign(ids.begin(), ids.end());
    values.resize(n);
    statuses.resize(n);
    db_->MultiGet(v.ro, cf_[kEvents], n, slices.data(), values.data(), statuses.data());
    Status st;
    for (size_t i = 0; i < n && !stopped && st.ok(); ++i) {
      if (statuses[i].IsNotFound()) {
        st = Status::Corruption(CfNames()[cf] + " entry points at missing event " + ids[i]);
      } else if (!statuses[i].ok()) {
        st = FromRocks(statuses[i], "event " + ids[i]);
      } else if (Status d = records::DecodeEvent(Sv(values[i]), &e, nullptr); !d.ok()) {
        st = d.WithContext("event " + ids[i]);
      } else {
        stopped = !visit(e);
      }
    }
    for (auto& val : values) val.Reset();
    ids.clear();
    batch = std::min<size_t>(batch * 2, 256);
    return st;
  };
  Status s = WalkDated(v, cf, prefix, from_day, to_day, strict,
                       [&](std::string&& id, std::string_view record) {
    if (record.empty()) {
      ids.push_back(std::move(id));
      if (ids.size() >= batch) fetch_status = fetch();
      return fetch_status.ok() && !stopped;
    }
    // A covering entry (format 4): the row is decoded from the index, in
    // order after any rows still waiting for their records.
    if (!ids.empty() && !(fetch_status = fetch()).ok()) return false;
    if (stopped) return false;
    if (Status d = records::DecodeEvent(record, &e, nullptr); !d.ok()) {
      fetch_status = d.WithContext(CfNames()[cf] + " entry for " + id);
      return false;
    }
    if (e.id != id) {
      fetch_status = Status::Corruption(CfNames()[cf] + " entry for " + id + " holds the record of " + e.id);
      return false;
    }
    stopped = !visit(e);
    return !stopped;
  });
  if (!fetch_status.ok()) return fetch_status;
  if (!s.ok()) return s;
  if (!stopped && !ids.empty()) return fetch();
  return Status::OK();
}

Result<uint64_t> RocksStore::CountActorTimeline(const std::string& actor_id, int32_t from_day,
                                                int32_t to_day, bool strict) const {
  View v(*this);
  uint64_t n = 0;
  if (from_day == INT32_MIN && to_day == INT32_MAX && format_version_ >= 4) {
    // Every entry of the actor: its counters (one or two point reads) hold it.
    for (uint8_t flags : {keys::kDirect, keys::kViaAncestor}) {
      if (strict && flags == keys::kViaAncestor) break;
      std::string value;
      rocksdb::Status rs = db_->Get(v.ro, cf_[kDefault], keys::ActorCountKey(flags, actor_id), &value);
      if (rs.IsNotFound()) continue;
      if (!rs.ok()) return FromRocks(rs, "counter of " + actor_id);
      int64_t c = 0;
      if (Status s = records::DecodeCounter(value, &c); !s.ok() || c < 0) {
        return Status::Corruption("counter of " + actor_id + " is malformed");
      }
      n += static_cast<uint64_t>(c);
    }
    return n;
  }
  Status s = WalkDated(v, kActorIdx, keys::ActorIndexPrefix(actor_id), from_day, to_day, strict,
                       [&](std::string&&, std::string_view) {
                         ++n;
                         return true;
                       });
  if (!s.ok()) return s;
  return n;
}

Status RocksStore::ScanActorTimeline(const std::string& actor_id, int32_t from_day,
                                     int32_t to_day, bool strict,
                                     const EventVisitor& visit) const {
  return ScanDated(kActorIdx, keys::ActorIndexPrefix(actor_id), from_day, to_day, strict, visit);
}

Status RocksStore::ScanDateRange(int32_t from_day, int32_t to_day,
                                 const EventVisitor& visit) const {
  return ScanDated(kDateIdx, std::string(), from_day, to_day, false, visit);
}

Status RocksStore::ScanType(const std::string& type, const EventVisitor& visit) const {
  return ScanDated(kTypeIdx, keys::TypeIndexPrefix(type), INT32_MIN, INT32_MAX, false, visit);
}

Status RocksStore::ScanActorTimelineHeads(const std::string& actor_id, int32_t from_day,
                                          int32_t to_day, bool strict, const EventVisitor& visit) const {
  if (format_version_ < 4) return ScanActorTimeline(actor_id, from_day, to_day, strict, visit);
  View v(*this);
  Event e;
  Status decoded;
  Status s = WalkDated(v, kActorIdx, keys::ActorIndexPrefix(actor_id), from_day, to_day, strict,
                       [&](std::string&& id, std::string_view record) {
                         decoded = records::DecodeEventHead(record, &e);
                         if (decoded.ok() && e.id != id) decoded = Status::Corruption("holds the record of " + e.id);
                         if (!decoded.ok()) {
                           decoded = decoded.WithContext("idx_actor entry for " + id);
                           return false;
                         }
                         return visit(e);
                       });
  return decoded.ok() ? s : decoded;
}

Status RocksStore::ScanActorBySalience(const std::string& actor_id, int32_t from_day, int32_t to_day,
                                       bool strict, const SalienceVisitor& visit) const {
  if (format_version_ < 5) return Store::ScanActorBySalience(actor_id, from_day, to_day, strict, visit);
  View v(*this);
  Event e;
  Status decoded;
  const bool heads = format_version_ >= 6;
  Status s = WalkSalience(db_.get(), v.ro, cf_[kSalIdx], actor_id, from_day, to_day, v.max_span, strict,
                          [&](const keys::DatedKey& k, double salience, std::string_view value) {
                            uint8_t flags = 0;
                            bool minor = false;
                            if (heads) {
                              e.id = k.event_id;
                              decoded = records::DecodeSalienceValue(value, k.date.earliest, k.date.latest,
                                                                     &e, &flags, &minor);
                            } else {  // format 5 (read-only): the flags byte, then the record
                              decoded = records::DecodeEvent(value.substr(1), &e, nullptr);
                              if (decoded.ok() && e.id != k.event_id) {
                                decoded = Status::Corruption("holds the record of " + e.id);
                              }
                              minor = decoded.ok() && IsMinorEvent(e);
                            }
                            if (!decoded.ok()) {
                              decoded = decoded.WithContext("idx_sal entry for " + k.event_id);
                              return false;
                            }
                            return visit(SalienceEntry{e, minor, salience});
                          });
  return decoded.ok() ? s : decoded;
}

Result<Store::ActorEventCounts> RocksStore::CountActorEvents(const std::string& actor_id,
                                                             bool strict) const {
  if (format_version_ < 5) return Store::CountActorEvents(actor_id, strict);
  View v(*this);
  ActorEventCounts counts;
  auto read = [&](const std::string& key, uint64_t* n) -> Status {
    std::string value;
    rocksdb::Status rs = db_->Get(v.ro, cf_[kDefault], key, &value);
    if (rs.IsNotFound()) return Status::OK();
    if (!rs.ok()) return FromRocks(rs, "counter of " + actor_id);
    int64_t c = 0;
    if (Status s = records::DecodeCounter(value, &c); !s.ok() || c < 0) {
      return Status::Corruption("counter of " + actor_id + " is malformed");
    }
    *n += static_cast<uint64_t>(c);
    return Status::OK();
  };
  for (uint8_t flags : {keys::kDirect, keys::kViaAncestor}) {
    if (strict && flags == keys::kViaAncestor) break;
    for (auto [key, n] : {std::pair{keys::ActorCountKey(flags, actor_id), &counts.total},
                          std::pair{keys::ActorClassCountKey(flags, keys::kClassNegated, actor_id), &counts.negated},
                          std::pair{keys::ActorClassCountKey(flags, keys::kClassMinor, actor_id), &counts.minor}}) {
      if (Status s = read(key, n); !s.ok()) return s;
    }
  }
  return counts;
}

Result<Store::WindowCounts> RocksStore::CountActorWindow(const std::string& actor_id, int32_t from_day,
                                                         int32_t to_day, bool strict) const {
  if (format_version_ < 7) return Store::CountActorWindow(actor_id, from_day, to_day, strict);
  View v(*this);
  WindowCounts counts;
  if (from_day > to_day) return counts;
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(v.ro, cf_[kDefault]));
  std::vector<records::BlockCount> tuples;
  // The blocks that may hold an event overlapping the window: from the
  // block of the earliest day such an event can start on (short spans reach
  // back kShortSpanDays - 1 days, long ones max_span) to that of `to_day`.
  auto scan = [&](uint8_t flags, uint8_t span_class, int64_t first_day) -> Status {
    const std::string prefix = keys::BlockCountPrefix(flags, actor_id, span_class);
    const int32_t first = keys::BlockOf(static_cast<int32_t>(std::max<int64_t>(first_day, INT32_MIN)));
    const int32_t last = span_class == keys::kUndated ? 0 : keys::BlockOf(to_day);
    it->Seek(keys::BlockCountKey(flags, actor_id, span_class, span_class == keys::kUndated ? 0 : first));
    for (; it->Valid() && StartsWith(it->key(), prefix); it->Next()) {
      std::string_view rest = Sv(it->key()).substr(prefix.size());
      int32_t block = 0;
      if (!keys::GetDay(&rest, &block) || !rest.empty()) {
        return Status::Corruption("date-block counter key of " + actor_id + " is malformed");
      }
      if (block > last) break;
      if (Status s = records::DecodeBlockCounts(Sv(it->value()), &tuples); !s.ok()) {
        return s.WithContext("date-block counter of " + actor_id);
      }
      const int64_t start = keys::BlockStart(block);
      for (const records::BlockCount& t : tuples) {
        if (t.count < 0) return Status::Corruption("date-block counter of " + actor_id + " is negative");
        const auto n = static_cast<uint64_t>(t.count);
        if (span_class == keys::kUndated) {
          counts.undated[t.bits] += n;
          continue;
        }
        const int64_t earliest = start + t.offset, latest = earliest + t.span;
        if (latest < from_day || earliest > to_day) continue;
        (earliest >= from_day && latest <= to_day ? counts.inside : counts.overlapping)[t.bits] += n;
      }
    }
    return FromRocks(it->status(), "date-block counters of " + actor_id);
  };
  for (uint8_t flags : {keys::kDirect, keys::kViaAncestor}) {
    if (strict && flags == keys::kViaAncestor) break;
    if (from_day == TimeValue::kNoDay) {
      if (Status s = scan(flags, keys::kUndated, 0); !s.ok()) return s;
    }
    if (Status s = scan(flags, keys::kShortSpan, int64_t{from_day} - (keys::kShortSpanDays - 1)); !s.ok()) return s;
    if (Status s = scan(flags, keys::kLongSpan, int64_t{from_day} - v.max_span); !s.ok()) return s;
  }
  return counts;
}

// From format 4, one seek per id in idx_adj. Before (read-only), outgoing
// links are whole in the links family, incoming ones in idx_link_in (a copy
// of the value); an idx_link_in entry without a value (stores written before
// the copy existed) has its link record read afterwards with one MultiGet.
// One iterator per family serves every id.
Result<std::vector<Link>> RocksStore::LinksOf(const std::vector<std::string>& event_ids,
                                              bool out, bool in) const {
  View v(*this);
  std::vector<Link> all;
  if (format_version_ >= 4) {
    // One seek per id in idx_adj: its outgoing entries, then its incoming ones.
    auto it = Iter(kAdj, v.ro);
    for (const std::string& id : event_ids) {
      if (!out && !in) break;
      const std::string prefix =
          out && in ? keys::AdjPrefix(id) : keys::AdjPrefix(id, out ? keys::kOut : keys::kIn);
      for (it->Seek(prefix); it->Valid() && StartsWith(it->key(), prefix); it->Next()) {
        std::string_view self, other;
        uint8_t dir = 0;
        Link l;
        Status s = keys::DecodeAdjKeyViews(Sv(it->key()), &self, &dir, &other, &l.kind);
        if (!s.ok()) return s;
        l.from.assign(dir == keys::kOut ? self : other);
        l.to.assign(dir == keys::kOut ? other : self);
        s = records::DecodeLinkValue(Sv(it->value()), &l);
        if (!s.ok()) return s.WithContext("idx_adj " + l.from + " -> " + l.to);
        all.push_back(std::move(l));
      }
      if (!it->status().ok()) return FromRocks(it->status(), CfNames()[kAdj]);
    }
    return all;
  }
  // Formats 1-3 (read-only): outgoing links in `links`, incoming ones in idx_link_in.
  std::unique_ptr<rocksdb::Iterator> out_it, in_it;
  if (out) out_it = Iter(kLinks, v.ro);
  if (in) in_it = Iter(kLinkIn, v.ro);
  std::vector<size_t> pending;        // positions in `all` still without a value
  std::vector<std::string> pending_keys;
  for (const std::string& id : event_ids) {
    const std::string prefix = keys::LinkPrefix(id);
    for (rocksdb::Iterator* it : {out_it.get(), in_it.get()}) {
      if (it == nullptr) continue;
      const bool incoming = it == in_it.get();
      for (it->Seek(prefix); it->Valid() && StartsWith(it->key(), prefix); it->Next()) {
        keys::LinkKeyParts p;
        Status s = keys::DecodeLinkKey(Sv(it->key()), &p);
        if (!s.ok()) return s;
        Link l;
        l.from = std::move(incoming ? p.second : p.first);
        l.to = std::move(incoming ? p.first : p.second);
        l.kind = p.kind;
        if (incoming && it->value().empty()) {  // written before idx_link_in held the value
          pending_keys.push_back(keys::LinkKey(l.from, l.to, l.kind));
          pending.push_back(all.size());
        } else {
          s = records::DecodeLinkValue(Sv(it->value()), &l);
          if (!s.ok()) {
            return s.WithContext((incoming ? "idx_link_in " : "link ") + l.from + " -> " + l.to);
          }
        }
        all.push_back(std::move(l));
      }
      if (!it->status().ok()) return FromRocks(it->status(), CfNames()[incoming ? kLinkIn : kLinks]);
    }
  }
  if (!pending.empty()) {
    size_t n = pending.size();
    std::vector<rocksdb::Slice> slices(pending_keys.begin(), pending_keys.end());
    std::vector<rocksdb::PinnableSlice> values(n);
    std::vector<rocksdb::Status> statuses(n);
    db_->MultiGet(v.ro, cf_[kLinks], n, slices.data(), values.data(), statuses.data());
    for (size_t i = 0; i < n; ++i) {
      Link& l = all[pending[i]];
      if (statuses[i].IsNotFound()) {
        return Status::Corruption("idx_link_in entry " + l.from + " -> " + l.to +
                                  " has no link record");
      }
      if (!statuses[i].ok()) return FromRocks(statuses[i], "link " + l.from + " -> " + l.to);
      Status s = records::DecodeLinkValue(Sv(values[i]), &l);
      if (!s.ok()) return s.WithContext("link " + l.from + " -> " + l.to);
    }
  }
  return all;
}

Result<std::vector<Link>> RocksStore::LinksFrom(const std::string& event_id) const {
  return LinksOf({event_id}, true, false);
}

Result<std::vector<Link>> RocksStore::LinksTo(const std::string& event_id) const {
  return LinksOf({event_id}, false, true);
}

Status RocksStore::EachLink(const View& v, const LinkEntryVisitor& visit) const {
  const bool adj = format_version_ >= 4;
  auto it = Iter(adj ? kAdj : kLinks, v.ro);
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    std::string_view from, to;
    LinkKind kind;
    if (adj) {
      uint8_t dir = 0;
      Status s = keys::DecodeAdjKeyViews(Sv(it->key()), &from, &dir, &to, &kind);
      if (!s.ok()) return s;
      if (dir != keys::kOut) continue;  // the same link under its target
    } else if (Status s = keys::DecodeLinkKeyViews(Sv(it->key()), &from, &to, &kind); !s.ok()) {
      return s;
    }
    if (!visit(from, to, kind, Sv(it->value()))) break;
  }
  return FromRocks(it->status(), CfNames()[adj ? kAdj : kLinks]);
}

Status RocksStore::ScanLinks(const std::function<bool(const Link&)>& visit) const {
  View v(*this);
  Status decoded;
  Status s = EachLink(
      v, [&](std::string_view from, std::string_view to, LinkKind kind, std::string_view value) {
        Link l;
        l.from.assign(from);
        l.to.assign(to);
        l.kind = kind;
        decoded = records::DecodeLinkValue(value, &l);
        if (!decoded.ok()) {
          decoded = decoded.WithContext("link " + l.from + " -> " + l.to);
          return false;
        }
        return visit(l);
      });
  return s.ok() ? decoded : s;
}

Status RocksStore::ScanLinkEnds(const LinkEndsVisitor& visit) const {
  View v(*this);
  return EachLink(v, [&](std::string_view from, std::string_view to, LinkKind kind,
                         std::string_view) { return visit(from, to, kind); });
}

// The file is stamped with the sequence number of the state it was built
// from: the snapshot's for a writer, the last caught-up one for a reader.
// Any commit moves it, so a stale file is never mapped.
Result<std::shared_ptr<const CompactGraph>> RocksStore::LoadCompactGraph() const {
  View v(*this);
  const uint64_t sequence =
      v.ro.snapshot != nullptr ? v.ro.snapshot->GetSequenceNumber() : db_->GetLatestSequenceNumber();
  const std::string file = (fs::path(path_) / "kbq-graph.csr").string();
  if (auto mapped = MapCompactGraph(file, sequence); mapped.ok()) return mapped;
  CompactGraphBuilder builder;
  auto events = Iter(kEvents, v.ro);
  for (events->SeekToFirst(); events->Valid(); events->Next()) builder.AddVertex(Sv(events->key()));
  if (!events->status().ok()) return FromRocks(events->status(), "events");
  Status added;
  Status s =
      EachLink(v, [&](std::string_view from, std::string_view to, LinkKind kind, std::string_view) {
        added = builder.AddLink(from, to, kind);
        return added.ok();
      });
  if (!s.ok()) return s;
  if (!added.ok()) return added;
  std::shared_ptr<const CompactGraph> graph = builder.Finish(sequence);
  (void)WriteCompactGraph(*graph, file);  // a cache: a read-only directory only costs a rebuild
  return graph;
}

Result<StoreStats> RocksStore::Stats() const {
  StoreStats st;
  {
    std::lock_guard<std::mutex> l(counts_mu_);
    st.articles = counts_.articles;
    st.actors = counts_.actors;
    st.events = counts_.events;
    st.links = counts_.links;
  }
  st.bytes_on_disk = DirectorySize(path_);
  st.format_version = format_version_;
  return st;
}

// ------------------------------------------------------------ writing

Status RocksStore::Commit(const CommitBatch& batch, CommitResult* result) {
  CommitResult local;
  CommitResult& res = result ? *result : local;
  res = CommitResult{};
  if (options_.read_only) return Status::InvalidArgument("store is open read-only");
  rocksdb::ReadOptions ro;
  std::string value;
  // The articles this commit remembers for salience are kept only if it writes.
  struct Settle {
    CommitSalience& salience;
    bool written = false;
    ~Settle() { salience.Settle(written); }
  } settle{commit_salience_};

  if (batch.article) {
    rocksdb::Status rs = db_->Get(ro, cf_[kArticles], batch.article->id, &value);
    if (rs.ok()) {
      res.skipped_duplicate = true;
      return Status::OK();
    }
    if (!rs.IsNotFound()) return FromRocks(rs, "article " + batch.article->id);
  }

  records::Counts counts;
  {
    std::lock_guard<std::mutex> l(counts_mu_);
    counts = counts_;
  }
  int32_t max_span = max_span_.load();
  SortedWrites wb(cf_);
  entries::CountDeltas deltas;

  // Actors (the last one of an id wins), replacing their name entries.
  std::map<std::string, const Actor*> batch_actors;
  for (const auto& a : batch.actors) {
    if (a.id.empty()) return Status::InvalidArgument("actor with an empty id");
    batch_actors[a.id] = &a;
  }
  std::vector<std::string> regraphed;  // actors whose ancestor edges changed
  for (const auto& [id, a] : batch_actors) {
    Actor old;
    Status s = ReadActor(id, ro, &old);
    if (s.IsNotFound()) {
      ++counts.actors;
    } else if (!s.ok()) {
      return s;
    }
    if (entries::PutActorEntries(s.ok() ? &old : nullptr, *a, &wb)) regraphed.push_back(id);
  }

  if (batch.article) {
    const Article& a = *batch.article;
    if (a.id.empty()) return Status::InvalidArgument("article with an empty id");
    entries::PutArticleEntries(a, &wb);
    commit_salience_.Remember(a);  // its events count its source
    ++counts.articles;
  }

  // Deletions apply first: an id both deleted and written ends up written.
  std::set<std::string> deleted(batch.deleted_events.begin(), batch.deleted_events.end());
  std::set<std::string> deleted_links;  // link keys removed in this batch
  for (const auto& id : deleted) {
    Event old;
    std::vector<IndexedActor> indexed;
    Status s = ReadEvent(id, ro, &old, &indexed);
    if (s.IsNotFound()) continue;
    if (!s.ok()) return s;
    entries::DeleteEventEntries(old, indexed, SalienceOf(old), &wb, &deltas);
    wb.Delete(kEvents, id);
    --counts.events;
    // Its links, both directions: idx_adj holds them all under its id.
    std::string prefix = keys::AdjPrefix(id);
    auto it = Iter(kAdj, ro);
    for (it->Seek(prefix); it->Valid() && StartsWith(it->key(), prefix); it->Next()) {
      std::string_view self, other;
      uint8_t dir = 0;
      LinkKind kind;
      s = keys::DecodeAdjKeyViews(Sv(it->key()), &self, &dir, &other, &kind);
      if (!s.ok()) return s;
      std::string from(dir == keys::kOut ? self : other), to(dir == keys::kOut ? other : self);
      std::string key = keys::LinkKey(from, to, kind);
      if (!deleted_links.insert(key).second) continue;
      entries::DeleteLinkEntries(from, to, kind, &wb);
      --counts.links;
    }
    if (!it->status().ok()) return FromRocks(it->status(), CfNames()[kAdj]);
  }

  // Events (the last one of an id wins), replacing the old record's entries.
  std::map<std::string, const Event*> batch_events;
  for (const auto& e : batch.events) {
    if (e.id.empty()) return Status::InvalidArgument("event with an empty id");
    batch_events[e.id] = &e;
  }
  std::map<std::string, std::optional<Actor>> actor_cache;
  // Actors for the ancestor rule: this batch's, else the stored ones (cached).
  auto lookup = [&](const std::string& id, const Actor** actor) -> Status {
    *actor = nullptr;
    if (auto it = batch_actors.find(id); it != batch_actors.end()) {
      *actor = it->second;
      return Status::OK();
    }
    auto [cit, inserted] = actor_cache.try_emplace(id);
    if (inserted) {
      Actor a;
      Status s = ReadActor(id, rocksdb::ReadOptions(), &a);
      if (s.ok()) {
        cit->second = std::move(a);
      } else if (!s.IsNotFound()) {
        return s;
      }
    }
    if (cit->second) *actor = &*cit->second;
    return Status::OK();
  };

  // An actor whose part_of or affiliations changed re-indexes every stored
  // event indexed under it (directly or through it): exactly the events whose
  // ancestor sets may change.
  std::set<std::string> affected;
  for (const auto& actor_id : regraphed) {
    std::string prefix = keys::ActorIndexPrefix(actor_id);
    auto it = Iter(kActorIdx, ro);
    for (it->Seek(prefix); it->Valid() && StartsWith(it->key(), prefix); it->Next()) {
      keys::DatedKey k;
      Status s = keys::DecodeActorIndexKey(Sv(it->key()), &k);
      if (!s.ok()) return s;
      if (!deleted.count(k.event_id) && !batch_events.count(k.event_id)) affected.insert(k.event_id);
    }
    if (!it->status().ok()) return FromRocks(it->status(), "idx_actor");
  }
  for (const auto& id : affected) {
    Event stored;
    std::vector<IndexedActor> old_indexed, indexed;
    Status s = ReadEvent(id, ro, &stored, &old_indexed);
    if (!s.ok()) return s;
    s = entries::ComputeIndexed(stored, lookup, &indexed);
    if (!s.ok()) return s;
    if (indexed == old_indexed) continue;
    // The record changes (its list of entries), so every covering copy does.
    const double salience = SalienceOf(stored);
    entries::DeleteEventEntries(stored, old_indexed, salience, &wb, &deltas);
    entries::PutEventEntries(stored, indexed, salience, &wb, &deltas);
  }
  for (const auto& [id, e] : batch_events) {
    if (!deleted.count(id)) {
      Event old;
      std::vector<IndexedActor> indexed;
      Status s = ReadEvent(id, ro, &old, &indexed);
      if (s.ok()) {
        entries::DeleteEventEntries(old, indexed, SalienceOf(old), &wb, &deltas);
      } else if (s.IsNotFound()) {
        ++counts.events;
      } else {
        return s;
      }
    } else {
      ++counts.events;
    }
    std::vector<IndexedActor> indexed;
    Status s = entries::ComputeIndexed(*e, lookup, &indexed);
    if (!s.ok()) return s;
    entries::PutEventEntries(*e, indexed, SalienceOf(*e), &wb, &deltas);
    if (e->date.ok()) max_span = std::max(max_span, e->date.latest - e->date.earliest);
    ++res.events_written;
  }

  // Links: both ends must be events of this batch or of the store.
  std::set<std::string> put_links;
  for (const auto& l : batch.links) {
    for (const std::string* end : {&l.from, &l.to}) {
      if (batch_events.count(*end)) continue;
      bool ok = !deleted.count(*end) && GetRaw(kEvents, *end, ro, &value, "event").ok();
      if (!ok) {
        return Status::InvalidArgument("link " + l.from + " -> " + l.to +
                                       " refers to unknown event " + *end);
      }
    }
    if (static_cast<uint8_t>(l.kind) > static_cast<uint8_t>(LinkKind::kSameAs)) {
      return Status::InvalidArgument("link " + l.from + " -> " + l.to + " has an unknown kind");
    }
    std::string key = keys::LinkKey(l.from, l.to, l.kind);
    if (put_links.insert(key).second) {
      bool stored =
          !deleted_links.count(key) &&
          GetRaw(kAdj, keys::AdjKey(l.from, keys::kOut, l.to, l.kind), ro, &value, "link").ok();
      if (!stored) ++counts.links;
    }
    entries::PutLinkEntries(l, &wb);
    ++res.links_written;
  }

  entries::PutMetaEntries(&deltas, counts, max_span, max_span != max_span_.load(), &wb);
  rocksdb::WriteOptions wo;
  wo.disableWAL = options_.bulk_load;
  rocksdb::WriteBatch sorted;
  rocksdb::Status rs = wb.AppendTo(&sorted);
  if (rs.ok()) rs = db_->Write(wo, &sorted);
  if (!rs.ok()) return FromRocks(rs, "commit");
  settle.written = true;
  max_span_.store(max_span);
  std::lock_guard<std::mutex> l(counts_mu_);
  counts_ = counts;
  return Status::OK();
}

// The importer (store_bulk.cc) writes SST files and ingests them itself;
// the store only hands it the handles and takes the new counts back.
Result<std::unique_ptr<BulkImporter>> RocksStore::BulkImport(const BulkImportOptions& options) {
  if (options_.read_only) return Status::InvalidArgument("store is open read-only");
  BulkTarget t;
  t.db = db_.get();
  t.cf = cf_;
  for (size_t cf = 0; cf < kNumCf; ++cf) {
    t.sst_options.emplace_back(BaseOptions(options_), CfOptions(cache_, CfNames()[cf], /*bulk=*/true));
  }
  // The import writes idx_adj as one file, and a filter builder holds 8 bytes
  // of hash per key until its file is done: 60 million keys at 10M events,
  // 480 MiB (peak RSS 1 243 MiB against 913 with the links family's filter).
  // That file goes without one: graph walks seek idx_adj, and a later
  // Commit's "is this link stored" read there costs one block read.
  rocksdb::Options& adj = t.sst_options[kAdj];
  if (const auto* table = adj.table_factory->GetOptions<rocksdb::BlockBasedTableOptions>(); table != nullptr) {
    rocksdb::BlockBasedTableOptions no_filter = *table;
    no_filter.filter_policy.reset();
    adj.table_factory.reset(rocksdb::NewBlockBasedTableFactory(no_filter));
  }
  t.path = path_;
  {
    std::lock_guard<std::mutex> l(counts_mu_);
    t.counts = counts_;
  }
  t.max_span = max_span_.load();
  t.committed = [this](const records::Counts& counts, int32_t max_span) {
    max_span_.store(max_span);
    std::lock_guard<std::mutex> l(counts_mu_);
    counts_ = counts;
  };
  return NewBulkImporter(std::move(t), options);
}

// ------------------------------------------------------------ Check

Result<CheckReport> RocksStore::Check() const {
  View v(*this);
  CheckReport report;
  constexpr size_t kMaxProblems = 1000;
  size_t more = 0;
  auto problem = [&](std::string p) {
    if (report.problems.size() < kMaxProblems) {
      report.problems.push_back(std::move(p));
    } else {
      ++more;
    }
  };
  auto has = [&](Cf cf, const std::string& key, std::string* value) {
    return db_->Get(v.ro, cf_[cf], key, value).ok();
  };
  std::string value;
  records::Counts actual;
  Status iter_status;
  // Runs `fn` on every entry of `cf`; a failing iterator is the whole answer.
  auto each = [&](Cf cf, const std::function<void(std::string_view, std::string_view)>& fn) {
    auto it = Iter(cf, v.ro);
    for (it->SeekToFirst(); it->Valid(); it->Next()) fn(Sv(it->key()), Sv(it->value()));
    if (!it->status().ok() && iter_status.ok()) iter_status = FromRocks(it->status(), CfNames()[cf]);
  };

  // Articles and the content index.
  each(kArticles, [&](std::string_view key, std::string_view val) {
    ++actual.articles;
    Article a;
    Status s = records::DecodeArticle(val, &a);
    if (!s.ok()) return problem("article " + std::string(key) + ": " + s.message());
    if (a.id != key) problem("article " + std::string(key) + " holds the record of " + a.id);
    if (!has(kContentIdx, keys::ContentIndexKey(keys::ContentHash(a.text), a.id), &value)) {
      problem("article " + a.id + " has no idx_content entry");
    }
  });
  each(kContentIdx, [&](std::string_view key, std::string_view) {
    ++report.index_entries;
    uint64_t hash = 0;
    std::string id;
    Status s = keys::DecodeContentIndexKey(key, &hash, &id);
    if (!s.ok()) return problem(s.message());
    Article a;
    if (!has(kArticles, id, &value) || !records::DecodeArticle(value, &a).ok()) {
      return problem("idx_content entry points at missing article " + id);
    }
    if (keys::ContentHash(a.text) != hash) problem("idx_content entry for " + id + " has a stale hash");
  });

  // Actors and the name index.
  each(kActors, [&](std::string_view key, std::string_view val) {
    ++actual.actors;
    Actor a;
    Status s = records::DecodeActor(val, &a);
    if (!s.ok()) return problem("actor " + std::string(key) + ": " + s.message());
    if (a.id != key) problem("actor " + std::string(key) + " holds the record of " + a.id);
    for (const auto& n : NormalisedNames(a)) {
      if (!has(kNameIdx, keys::NameIndexKey(n, a.id), &value)) {
        problem("actor " + a.id + " name '" + n + "' is not in idx_name");
      }
    }
  });
  each(kNameIdx, [&](std::string_view key, std::string_view) {
    ++report.index_entries;
    std::string name, id;
    Status s = keys::DecodeNameIndexKey(key, &name, &id);
    if (!s.ok()) return problem(s.message());
    Actor a;
    if (!has(kActors, id, &value) || !records::DecodeActor(value, &a).ok()) {
      return problem("idx_name entry '" + name + "' points at missing actor " + id);
    }
    if (!NormalisedNames(a).count(name)) problem("idx_name entry '" + name + "' is stale for " + id);
  });

  // Events and their three dated indexes.
  each(kEvents, [&](std::string_view key, std::string_view val) {
    ++actual.events;
    Event e;
    std::vector<IndexedActor> indexed;
    Status s = records::DecodeEvent(val, &e, &indexed);
    std::string id(key);
    if (!s.ok()) return problem("event " + id + ": " + s.message());
    if (e.id != id) problem("event " + id + " holds the record of " + e.id);
    keys::DateSpan d = keys::SpanOf(e.date);
    std::string date_key = format_version_ >= 4 ? keys::DateIndexKey(d, id) : keys::DateIndexKeyV3(d, id);
    if (!has(kDateIdx, date_key, &value)) problem("event " + id + " is not in idx_date");
    if (!has(kTypeIdx, keys::TypeIndexKey(e.type, d, id), &value)) {
      problem("event " + id + " is not in idx_type");
    }
    for (const auto& ia : indexed) {
      if (!has(kActorIdx, keys::ActorIndexKey(ia.actor_id, d, id), &value) || value.empty() ||
          static_cast<uint8_t>(value[0]) != ia.flags) {
        problem("event " + id + " is not in idx_actor for " + ia.actor_id);
      }
    }
    std::vector<std::string> direct = e.ActorIds();
    if (!e.place_id.empty()) direct.push_back(e.place_id);
    for (const auto& a : direct) {
      bool found = std::any_of(indexed.begin(), indexed.end(), [&](const IndexedActor& ia) {
        return ia.actor_id == a && ia.flags == keys::kDirect;
      });
      if (!found) problem("event " + id + " participant " + a + " is not indexed");
    }
  });
  // `copy` is the record copy a covering entry holds (format 4: idx_date,
  // idx_actor after its flags byte); it must equal the record byte for byte.
  const bool covering = format_version_ >= 4;
  auto check_dated = [&](Cf cf, const keys::DatedKey& k, std::optional<std::string_view> copy,
                         const std::function<bool(const Event&, const std::vector<IndexedActor>&)>& matches) {
    Event e;
    std::vector<IndexedActor> indexed;
    if (!has(kEvents, k.event_id, &value)) {
      return problem(CfNames()[cf] + " entry points at missing event " + k.event_id);
    }
    if (!records::DecodeEvent(value, &e, &indexed).ok()) return;  // reported above
    keys::DateSpan d = keys::SpanOf(e.date);
    if (d.earliest != k.date.earliest || d.latest != k.date.latest || !matches(e, indexed)) {
      problem(CfNames()[cf] + " entry for " + k.event_id + " is stale");
    } else if (covering && copy && *copy != value) {
      problem(CfNames()[cf] + " entry for " + k.event_id + " holds a stale copy of its record");
    }
  };
  each(kDateIdx, [&](std::string_view key, std::string_view val) {
    ++report.index_entries;
    keys::DatedKey k;
    Status s = covering ? keys::DecodeDateIndexKey(key, &k) : keys::DecodeDateIndexKeyV3(key, &k);
    if (!s.ok()) return problem(s.message());
    check_dated(kDateIdx, k, val, [](const Event&, const std::vector<IndexedActor>&) { return true; });
  });
  each(kTypeIdx, [&](std::string_view key, std::string_view) {
    ++report.index_entries;
    keys::DatedKey k;
    Status s = keys::DecodeTypeIndexKey(key, &k);
    if (!s.ok()) return problem(s.message());
    check_dated(kTypeIdx, k, std::nullopt, [&](const Event& e, const std::vector<IndexedActor>&) {
      return e.type == k.owner;
    });
  });
  std::map<std::string, int64_t> counted;  // counter key -> idx_actor entries
  each(kActorIdx, [&](std::string_view key, std::string_view val) {
    ++report.index_entries;
    keys::DatedKey k;
    Status s = keys::DecodeActorIndexKey(key, &k);
    if (!s.ok()) return problem(s.message());
    if (val.empty() || static_cast<uint8_t>(val[0]) > keys::kViaAncestor ||
        (!covering && val.size() != 1)) {
      return problem("idx_actor entry for " + k.event_id + " has a malformed value");
    }
    const auto flags = static_cast<uint8_t>(val[0]);
    ++counted[keys::ActorCountKey(flags, k.owner)];
    check_dated(kActorIdx, k, val.substr(1), [&](const Event&, const std::vector<IndexedActor>& indexed) {
      return std::find(indexed.begin(), indexed.end(), IndexedActor{k.owner, flags}) != indexed.end();
    });
  });
  if (covering) {
    // Every counter against the entries counted; a counter of 0 may stay.
    auto it = Iter(kDefault, v.ro);
    for (it->Seek(std::string(keys::kMetaActorCount));
         it->Valid() && StartsWith(it->key(), keys::kMetaActorCount); it->Next()) {
      std::string key(Sv(it->key())), actor;
      uint8_t flags = 0;
      int64_t n = 0;
      if (!keys::DecodeActorCountKey(key, &flags, &actor).ok() ||
          !records::DecodeCounter(Sv(it->value()), &n).ok()) {
        problem("counter " + key + " is malformed");
        continue;
      }
      auto c = counted.find(key);
      int64_t expected = c == counted.end() ? 0 : c->second;
      if (c != counted.end()) counted.erase(c);
      if (n != expected) {
        problem("counter of " + actor + (flags == keys::kDirect ? " (direct)" : " (via ancestor)") +
                " is " + std::to_string(n) + ", idx_actor has " + std::to_string(expected));
      }
    }
    if (!it->status().ok() && iter_status.ok()) iter_status = FromRocks(it->status(), "counters");
    for (const auto& [key, n] : counted) {
      problem("counter " + key.substr(keys::kMetaActorCount.size() + 1) + " is missing (" +
              std::to_string(n) + " idx_actor entries)");
    }
  }

  if (format_version_ >= 5) {
    Status s = CheckSalienceIndex(db_.get(), v.ro, cf_[kEvents], cf_[kArticles], cf_[kSalIdx],
                                  cf_[kDefault], format_version_ >= 6, format_version_ >= 7, problem,
                                  &report.index_entries);
    if (!s.ok() && iter_status.ok()) iter_status = s;
  }

  // Links and the adjacency. From format 8 the outgoing idx_adj entries are
  // the links, each with its twin under the target; before, the links family
  // with idx_adj (format 4 on) or idx_link_in beside it.
  if (format_version_ >= 8) {
    each(kAdj, [&](std::string_view key, std::string_view val) {
      std::string_view self, other;
      uint8_t dir = 0;
      LinkKind kind;
      Status s = keys::DecodeAdjKeyViews(key, &self, &dir, &other, &kind);
      if (!s.ok()) return problem(s.message());
      const bool out = dir == keys::kOut;
      const std::string from(out ? self : other), to(out ? other : self);
      const std::string twin = keys::AdjKey(other, out ? keys::kIn : keys::kOut, self, kind);
      ++report.index_entries;  // both entries, as before format 8
      if (!out) {
        if (!has(kAdj, twin, &value))
          problem("idx_adj entry " + from + " -> " + to + " has no link record");
        return;  // a differing value is reported from the source's side
      }
      ++actual.links;
      const std::string name = "link " + from + " -> " + to;
      Link l;
      s = records::DecodeLinkValue(val, &l);
      if (!s.ok()) return problem(name + ": " + s.message());
      if (!has(kEvents, from, &value)) problem(name + " leaves a missing event");
      if (!has(kEvents, to, &value)) problem(name + " enters a missing event");
      if (!has(kAdj, twin, &value)) {
        problem(name + " is not in idx_adj under its target");
      } else if (value != val) {
        problem(name + " differs from its idx_adj entry under its target");
      }
    });
  } else {
    each(kLinks, [&](std::string_view key, std::string_view val) {
      ++actual.links;
      keys::LinkKeyParts p;
      Status s = keys::DecodeLinkKey(key, &p);
      if (!s.ok()) return problem(s.message());
      Link l;
      s = records::DecodeLinkValue(val, &l);
      std::string name = "link " + p.first + " -> " + p.second;
      if (!s.ok()) return problem(name + ": " + s.message());
      if (!has(kEvents, p.first, &value)) problem(name + " leaves a missing event");
      if (!has(kEvents, p.second, &value)) problem(name + " enters a missing event");
      if (covering) {
        for (uint8_t dir : {keys::kOut, keys::kIn}) {
          std::string adj = dir == keys::kOut ? keys::AdjKey(p.first, dir, p.second, p.kind)
                                              : keys::AdjKey(p.second, dir, p.first, p.kind);
          if (!has(kAdj, adj, &value)) {
            problem(name + " is not in idx_adj under its " +
                    (dir == keys::kOut ? "source" : "target"));
          } else if (value != val) {
            problem(name + " differs from its idx_adj entry under its " +
                    (dir == keys::kOut ? "source" : "target"));
          }
        }
      } else if (!has(kLinkIn, keys::LinkInKey(p.second, p.first, p.kind), &value)) {
        problem(name + " is not in idx_link_in");
      }
    });
    if (covering) {
      each(kAdj, [&](std::string_view key, std::string_view) {
        ++report.index_entries;
        std::string_view self, other;
        uint8_t dir = 0;
        LinkKind kind;
        Status s = keys::DecodeAdjKeyViews(key, &self, &dir, &other, &kind);
        if (!s.ok()) return problem(s.message());
        std::string from(dir == keys::kOut ? self : other), to(dir == keys::kOut ? other : self);
        if (!has(kLinks, keys::LinkKey(from, to, kind), &value)) {
          problem("idx_adj entry " + from + " -> " + to + " has no link record");
        }  // a differing value is reported from the link's side
      });
    } else {
      each(kLinkIn, [&](std::string_view key, std::string_view val) {
        ++report.index_entries;
        keys::LinkKeyParts p;
        Status s = keys::DecodeLinkKey(key, &p);
        if (!s.ok()) return problem(s.message());
        if (!has(kLinks, keys::LinkKey(p.second, p.first, p.kind), &value)) {
          problem("idx_link_in entry " + p.second + " -> " + p.first + " has no link record");
        } else if (!val.empty() && val != value) {
          problem("idx_link_in entry " + p.second + " -> " + p.first +
                  " differs from its link record");
        }
      });
    }
  }
  if (!iter_status.ok()) return iter_status;

  // The counts kept in metadata, as of the same snapshot.
  records::Counts meta;
  rocksdb::Status rs = db_->Get(v.ro, cf_[kDefault], std::string(keys::kMetaCounts), &value);
  if (!rs.ok() || !records::DecodeCounts(value, &meta).ok()) {
    problem("the counts record is missing or malformed");
  } else {
    auto cmp = [&](const char* what, uint64_t kept, uint64_t found) {
      if (kept != found) {
        problem(std::string("metadata counts ") + std::to_string(kept) + " " + what + ", found " +
                std::to_string(found));
      }
    };
    cmp("articles", meta.articles, actual.articles);
    cmp("actors", meta.actors, actual.actors);
    cmp("events", meta.events, actual.events);
    cmp("links", meta.links, actual.links);
  }
  if (more > 0) report.problems.push_back("... and " + std::to_string(more) + " more problems");
  report.stats.articles = actual.articles;
  report.stats.actors = actual.actors;
  report.stats.events = actual.events;
  report.stats.links = actual.links;
  report.stats.bytes_on_disk = DirectorySize(path_);
  report.stats.format_version = format_version_;
  return report;
}

// ------------------------------------------------------------ maintenance

Status RocksStore::Refresh() {
  if (!options_.read_only) return Status::OK();  // a writer always sees its own writes
  std::unique_lock<std::shared_mutex> lock(mu_);
  rocksdb::Status rs = db_->TryCatchUpWithPrimary();
  if (!rs.ok()) return FromRocks(rs, "refresh");
  return LoadMeta();
}

Status RocksStore::Flush() {
  if (options_.read_only) return Status::OK();
  rocksdb::FlushOptions fo;
  fo.wait = true;
  std::vector<rocksdb::ColumnFamilyHandle*> ours;  // this version's families
  for (auto* cf : cf_) {
    if (cf != nullptr) ours.push_back(cf);
  }
  rocksdb::Status rs = db_->Flush(fo, ours);
  if (rs.ok() && !options_.bulk_load) rs = db_->FlushWAL(/*sync=*/true);
  if (!rs.ok()) return FromRocks(rs, "flush");
  return Status::OK();
}

}  // namespace

Result<std::unique_ptr<Store>> Store::Open(const std::string& path, const StoreOptions& options) {
  return RocksStore::Open(path, options);
}

}  // namespace kbq
