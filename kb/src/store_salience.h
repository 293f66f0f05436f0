// The salience index (idx_sal, store format 5) and the per-actor class
// counters: what the store keeps so that `--top N` over a long range reads
// N rows instead of every row (docs/storage_format.md, "idx_sal").
//
// RocksStore (store.cc) writes the entries in the same functions that write
// idx_actor, so an event's idx_sal entries move whenever it is written again
// (a merge that adds mentions changes its salience). This file holds the
// rest: the salience at commit, the upgrade fill, the walk and the check.
// Internal to kbq::kb.
#pragma once

#include <rocksdb/db.h>

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>

#include "key_codec.h"
#include "record_codec.h"
#include "kbq/model.h"
#include "kbq/status.h"

namespace kbq {

// Salience (kbq/salience.h) of events at commit, with each cited article's
// source read once: from an article of the commit (Remember), else from the
// articles family. Articles are never rewritten, so what it read stays right
// across commits (the cache is bounded, not cleared). Not thread-safe: the
// one writer uses one object; Check() uses its own.
class CommitSalience {
 public:
  // An article this commit writes (not stored yet): events of the same
  // commit that cite it count its source. Call only once it is certain to be
  // written (after the duplicate check). Any writer of articles and events in
  // one batch (Commit, a bulk import) calls it for each article.
  void Remember(const Article& a);
  // Ends a commit: the remembered articles join the cache when `written`,
  // else they are forgotten.
  void Settle(bool written);
  // The event's salience. An article that cannot be read counts no source,
  // as at query time.
  double Of(const Event& e, rocksdb::DB* db, rocksdb::ColumnFamilyHandle* articles,
            const rocksdb::ReadOptions& ro);

 private:
  const std::string& SourceOf(const std::string& article_id, rocksdb::DB* db,
                              rocksdb::ColumnFamilyHandle* articles, const rocksdb::ReadOptions& ro);
  void Bound();
  std::unordered_map<std::string, std::string> pending_;  // this commit's articles
  std::unordered_map<std::string, std::string> sources_;  // article id -> source
};

// The class counted by the class counters: keys::kClassNegated,
// keys::kClassMinor, or 0 for neither.
uint8_t EventClass(const Event& e);

// The date-block counter tuple (records::BlockCount, docs/storage_format.md)
// of an event's idx_actor entries, with `count`.
records::BlockCount BlockTupleOf(const Event& e, const keys::DateSpan& d, double salience, int64_t count);

// Date-block counter values by key, as the records give them.
using BlockCounts = std::map<std::string, std::vector<records::BlockCount>>;

// Upgrade to format 5 (and 7): puts idx_sal entries for every event record
// (in batches) and returns the class counters and the date-block counters to
// put whole. REQUIRES: `sal` is empty.
Status FillSalienceIndex(rocksdb::DB* db, rocksdb::ColumnFamilyHandle* events,
                         rocksdb::ColumnFamilyHandle* articles, rocksdb::ColumnFamilyHandle* sal,
                         std::map<std::string, int64_t>* class_counters, BlockCounts* blocks);

// The actor's idx_sal entries in key order (most salient first), those
// overlapping [from_day, to_day] and, when `strict`, direct only. Entries
// outside the range are sought past by their keys; `max_span` is the longest
// span of any stored event (latest - earliest). `visit` gets the key's parts
// and the entry's value (format 6: records::EncodeSalienceValue; format 5:
// the flags byte, then the event record); it returns false to stop.
using SalienceEntryVisitor =
    std::function<bool(const keys::DatedKey& k, double salience, std::string_view value)>;
Status WalkSalience(rocksdb::DB* db, const rocksdb::ReadOptions& ro, rocksdb::ColumnFamilyHandle* sal,
                    const std::string& actor_id, int32_t from_day, int32_t to_day, int32_t max_span,
                    bool strict, const SalienceEntryVisitor& visit);

// Check(): every event's idx_sal entries (one per idx_actor entry, with the
// salience the record gives today and the value it gives: its head when
// `heads` (format 6), else a copy of the record), no other entries, the
// class counters, and with `blocks` (format 7) the date-block counters.
// Problems go to `problem`; a failing read is returned.
Status CheckSalienceIndex(rocksdb::DB* db, const rocksdb::ReadOptions& ro,
                          rocksdb::ColumnFamilyHandle* events, rocksdb::ColumnFamilyHandle* articles,
                          rocksdb::ColumnFamilyHandle* sal, rocksdb::ColumnFamilyHandle* meta,
                          bool heads, bool blocks, const std::function<void(std::string)>& problem,
                          uint64_t* index_entries);

}  // namespace kbq
