#include "store_salience.h"

#include <rocksdb/write_batch.h>

#include <cstring>
#include <memory>
#include <set>
#include <vector>

#include "kbq/salience.h"
#include "record_codec.h"

namespace kbq {
namespace {

std::string_view Sv(const rocksdb::Slice& s) { return std::string_view(s.data(), s.size()); }

Status Failed(const rocksdb::Status& s, const std::string& context) {
  if (s.ok()) return Status::OK();
  if (s.IsCorruption()) return Status::Corruption(context + ": " + s.ToString());
  return Status::IOError(context + ": " + s.ToString());
}

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && s.substr(0, prefix.size()) == prefix;
}

// The value of an idx_sal entry (format 6).
std::string EntryValue(uint8_t flags, const Event& e) {
  return records::EncodeSalienceValue(e, flags, IsMinorEvent(e));
}

}  // namespace

void CommitSalience::Bound() {
  if (sources_.size() > 100000) sources_.clear();
}

void CommitSalience::Remember(const Article& a) { pending_[a.id] = ArticleSource(a); }

void CommitSalience::Settle(bool written) {
  if (written) {
    Bound();
    for (auto& [id, source] : pending_) sources_[id] = std::move(source);
  }
  pending_.clear();
}

const std::string& CommitSalience::SourceOf(const std::string& article_id, rocksdb::DB* db,
                                            rocksdb::ColumnFamilyHandle* articles,
                                            const rocksdb::ReadOptions& ro) {
  if (auto p = pending_.find(article_id); p != pending_.end()) return p->second;
  auto it = sources_.find(article_id);
  if (it != sources_.end()) return it->second;
  Bound();
  std::string value, source;
  Article a;
  if (db->Get(ro, articles, article_id, &value).ok() && records::DecodeArticle(value, &a).ok()) {
    source = ArticleSource(a);
  }
  return sources_.emplace(article_id, std::move(source)).first->second;
}

double CommitSalience::Of(const Event& e, rocksdb::DB* db, rocksdb::ColumnFamilyHandle* articles,
                          const rocksdb::ReadOptions& ro) {
  std::set<std::string_view> sources;
  for (const auto& m : e.mentions) {
    const std::string& s = SourceOf(m.article_id, db, articles, ro);
    if (!s.empty()) sources.insert(s);
  }
  return Salience(e, sources.size());
}

uint8_t EventClass(const Event& e) {
  if (HiddenByDefault(e.modality)) return keys::kClassNegated;
  if (IsMinorEvent(e)) return keys::kClassMinor;
  return 0;
}

records::BlockCount BlockTupleOf(const Event& e, const keys::DateSpan& d, double salience, int64_t count) {
  records::BlockCount t;
  if (d.earliest != TimeValue::kNoDay) {
    t.offset = static_cast<uint32_t>(d.earliest - keys::BlockStart(keys::BlockOf(d.earliest)));
    t.span = static_cast<uint32_t>(static_cast<int64_t>(d.latest) - d.earliest);
  }
  t.bits = EventClassBits(e, salience);
  t.count = count;
  return t;
}

namespace {

// Adds an event's tuple under each of its idx_actor entries' block keys.
void AddBlocks(const Event& e, const std::vector<records::IndexedActor>& indexed, const keys::DateSpan& d,
               double salience, BlockCounts* blocks) {
  const records::BlockCount t = BlockTupleOf(e, d, salience, 1);
  for (const auto& ia : indexed) {
    (*blocks)[keys::BlockCountKey(ia.flags, ia.actor_id, keys::BlockClass(d), keys::BlockOf(d.earliest))]
        .push_back(t);
  }
}

std::string BlockName(std::string_view key) {
  std::string actor;
  uint8_t flags = 0, span_class = 0;
  int32_t block = 0;
  if (!keys::DecodeBlockCountKey(key, &flags, &actor, &span_class, &block).ok()) return "a malformed key";
  return actor + " (" + (flags == keys::kDirect ? "direct" : "via ancestor") + ", " +
         (span_class == keys::kUndated ? std::string("undated")
                                       : (span_class == keys::kShortSpan ? "short" : "long") +
                                             std::string(" spans from day ") +
                                             std::to_string(keys::BlockStart(block))) +
         ")";
}

// The stored date-block counters against `expected` (emptied).
Status CheckBlocks(rocksdb::DB* db, const rocksdb::ReadOptions& ro, rocksdb::ColumnFamilyHandle* meta,
                   BlockCounts* expected, const std::function<void(std::string)>& problem) {
  for (auto& [key, tuples] : *expected) records::NormaliseBlockCounts(&tuples);
  std::unique_ptr<rocksdb::Iterator> it(db->NewIterator(ro, meta));
  const std::string prefix(keys::kMetaBlockCount);
  std::vector<records::BlockCount> stored;
  for (it->Seek(prefix); it->Valid() && StartsWith(Sv(it->key()), prefix); it->Next()) {
    const std::string key(Sv(it->key()));
    if (!records::DecodeBlockCounts(Sv(it->value()), &stored).ok()) {
      problem("date-block counter of " + BlockName(key) + " is malformed");
      continue;
    }
    auto want = expected->find(key);
    const bool match = want == expected->end() ? stored.empty() : stored == want->second;
    if (want != expected->end()) expected->erase(want);
    if (!match) problem("date-block counter of " + BlockName(key) + " does not match the records");
  }
  if (!it->status().ok()) return Failed(it->status(), "date-block counters");
  for (const auto& [key, tuples] : *expected) {
    if (!tuples.empty()) problem("date-block counter of " + BlockName(key) + " is missing");
  }
  return Status::OK();
}

}  // namespace

Status FillSalienceIndex(rocksdb::DB* db, rocksdb::ColumnFamilyHandle* events,
                         rocksdb::ColumnFamilyHandle* articles, rocksdb::ColumnFamilyHandle* sal,
                         std::map<std::string, int64_t>* class_counters, BlockCounts* blocks) {
  rocksdb::ReadOptions ro;
  rocksdb::WriteOptions wo;
  rocksdb::WriteBatch wb;
  CommitSalience salience;
  std::unique_ptr<rocksdb::Iterator> it(db->NewIterator(ro, events));
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    Event e;
    std::vector<records::IndexedActor> indexed;
    std::string_view record = Sv(it->value());
    if (Status s = records::DecodeEvent(record, &e, &indexed); !s.ok()) {
      return Status::Corruption("event " + std::string(Sv(it->key())) + ": " + s.message());
    }
    const double score = salience.Of(e, db, articles, ro);
    const keys::DateSpan d = keys::SpanOf(e.date);
    const uint8_t cls = EventClass(e);
    rocksdb::Status rs;
    for (const auto& ia : indexed) {
      rs = wb.Put(sal, keys::SalienceIndexKey(ia.actor_id, score, d, e.id), EntryValue(ia.flags, e));
      if (!rs.ok()) break;
      if (cls != 0) ++(*class_counters)[keys::ActorClassCountKey(ia.flags, cls, ia.actor_id)];
    }
    AddBlocks(e, indexed, d, score, blocks);
    if (rs.ok() && wb.Count() >= 20000) {
      rs = db->Write(wo, &wb);
      wb.Clear();
    }
    if (!rs.ok()) return Failed(rs, "idx_sal");
  }
  if (!it->status().ok()) return Failed(it->status(), "events");
  for (auto& [key, tuples] : *blocks) records::NormaliseBlockCounts(&tuples);
  return Failed(db->Write(wo, &wb), "idx_sal");
}

Status WalkSalience(rocksdb::DB* db, const rocksdb::ReadOptions& ro, rocksdb::ColumnFamilyHandle* sal,
                    const std::string& actor_id, int32_t from_day, int32_t to_day, int32_t max_span,
                    bool strict, const SalienceEntryVisitor& visit) {
  if (from_day > to_day) return Status::OK();
  const std::string prefix = keys::ActorIndexPrefix(actor_id);
  // Within one salience the entries are in date order, so the walk seeks
  // past the dates outside the range instead of reading them: to the first
  // that may overlap it (max_span days before `from`, as WalkDated), and
  // from the first starting after `to` to the next salience. Many events
  // share a salience (one mention, one article, two named sides), so
  // without the seeks a range late in the store would read most of it.
  const int64_t look_back_to = static_cast<int64_t>(from_day) - max_span;
  std::unique_ptr<rocksdb::Iterator> it(db->NewIterator(ro, sal));
  keys::DatedKey k;
  double score = 0;
  std::string target;
  auto seek = [&](uint64_t inverted, int32_t day) {
    target = prefix;
    keys::PutFixed64BE(&target, inverted);
    keys::PutDay(&target, day);
    it->Seek(target);
  };
  it->Seek(prefix);
  while (it->Valid() && StartsWith(Sv(it->key()), prefix)) {
    std::string_view suffix = Sv(it->key()).substr(prefix.size());
    uint64_t inverted = 0;
    std::string_view rest = suffix;
    if (!keys::GetFixed64BE(&rest, &inverted) ||
        !keys::DecodeSalienceSuffix(suffix, &score, &k).ok()) {
      return Status::Corruption("idx_sal key is truncated or malformed");
    }
    if (k.date.earliest > to_day) {  // the rest of this salience is later
      if (inverted == UINT64_MAX) break;
      seek(inverted + 1, INT32_MIN);
      continue;
    }
    if (k.date.earliest < look_back_to) {  // cannot reach `from`: skip ahead
      seek(inverted, static_cast<int32_t>(look_back_to));
      continue;
    }
    if (k.date.latest >= from_day) {
      std::string_view value = Sv(it->value());
      if (value.empty()) return Status::Corruption("idx_sal value is malformed");
      // The flag is the low bit of the first byte in both layouts (format 5:
      // flags then the record; format 6: records::EncodeSalienceValue).
      if (!strict || (static_cast<uint8_t>(value[0]) & 1) != keys::kViaAncestor) {
        k.owner = actor_id;
        if (!visit(k, score, value)) return Status::OK();
      }
    }
    it->Next();
  }
  return Failed(it->status(), "idx_sal");
}

Status CheckSalienceIndex(rocksdb::DB* db, const rocksdb::ReadOptions& ro,
                          rocksdb::ColumnFamilyHandle* events, rocksdb::ColumnFamilyHandle* articles,
                          rocksdb::ColumnFamilyHandle* sal, rocksdb::ColumnFamilyHandle* meta,
                          bool heads, bool blocks, const std::function<void(std::string)>& problem,
                          uint64_t* index_entries) {
  CommitSalience salience;
  std::map<std::string, int64_t> expected_counters;
  BlockCounts expected_blocks;
  uint64_t expected_entries = 0;
  std::string value;
  // Each event's entries, looked up by the key its record gives today.
  std::unique_ptr<rocksdb::Iterator> it(db->NewIterator(ro, events));
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    Event e;
    std::vector<records::IndexedActor> indexed;
    std::string_view record = Sv(it->value());
    if (!records::DecodeEvent(record, &e, &indexed).ok()) continue;  // reported with the events
    const double score = salience.Of(e, db, articles, ro);
    const keys::DateSpan d = keys::SpanOf(e.date);
    const uint8_t cls = EventClass(e);
    if (blocks) AddBlocks(e, indexed, d, score, &expected_blocks);
    for (const auto& ia : indexed) {
      ++expected_entries;
      if (cls != 0) ++expected_counters[keys::ActorClassCountKey(ia.flags, cls, ia.actor_id)];
      rocksdb::Status rs = db->Get(ro, sal, keys::SalienceIndexKey(ia.actor_id, score, d, e.id), &value);
      if (rs.IsNotFound()) {
        problem("event " + e.id + " is not in idx_sal for " + ia.actor_id + " at its salience");
      } else if (!rs.ok()) {
        return Failed(rs, "idx_sal");
      } else if (value != (heads ? EntryValue(ia.flags, e) : static_cast<char>(ia.flags) + std::string(record))) {
        problem("idx_sal entry of " + e.id + " for " + ia.actor_id + " holds a stale value");
      }
    }
  }
  if (!it->status().ok()) return Failed(it->status(), "events");
  // Any other entry is stale (an old salience, a deleted event): name them.
  uint64_t found = 0;
  std::unique_ptr<rocksdb::Iterator> entries(db->NewIterator(ro, sal));
  for (entries->SeekToFirst(); entries->Valid(); entries->Next()) ++found;
  if (!entries->status().ok()) return Failed(entries->status(), "idx_sal");
  *index_entries += found;
  if (found != expected_entries) {
    for (entries->SeekToFirst(); entries->Valid(); entries->Next()) {
      keys::DatedKey k;
      double score = 0;
      if (Status s = keys::DecodeSalienceIndexKey(Sv(entries->key()), &score, &k); !s.ok()) {
        problem(s.message());
        continue;
      }
      Event e;
      std::vector<records::IndexedActor> indexed;
      rocksdb::Status rs = db->Get(ro, events, k.event_id, &value);
      bool current = rs.ok() && records::DecodeEvent(value, &e, &indexed).ok() &&
                     keys::SalienceIndexKey(k.owner, salience.Of(e, db, articles, ro),
                                            keys::SpanOf(e.date), e.id) == Sv(entries->key());
      if (!current) problem("idx_sal entry for " + k.event_id + " under " + k.owner + " is stale");
    }
  }
  // The class counters against the entries; a counter of 0 may stay.
  std::unique_ptr<rocksdb::Iterator> c(db->NewIterator(ro, meta));
  const std::string prefix(keys::kMetaActorClassCount);
  for (c->Seek(prefix); c->Valid() && StartsWith(Sv(c->key()), prefix); c->Next()) {
    std::string key(Sv(c->key())), actor;
    uint8_t flags = 0, cls = 0;
    int64_t n = 0;
    if (!keys::DecodeActorClassCountKey(key, &flags, &cls, &actor).ok() ||
        !records::DecodeCounter(Sv(c->value()), &n).ok()) {
      problem("class counter " + key + " is malformed");
      continue;
    }
    auto want = expected_counters.find(key);
    int64_t expected = want == expected_counters.end() ? 0 : want->second;
    if (want != expected_counters.end()) expected_counters.erase(want);
    if (n != expected) {
      problem("class counter of " + actor + (cls == keys::kClassNegated ? " (negated" : " (minor") +
              (flags == keys::kDirect ? ", direct)" : ", via ancestor)") + " is " + std::to_string(n) +
              ", the records give " + std::to_string(expected));
    }
  }
  if (!c->status().ok()) return Failed(c->status(), "class counters");
  for (const auto& [key, n] : expected_counters) {
    std::string actor;
    uint8_t flags = 0, cls = 0;
    (void)keys::DecodeActorClassCountKey(key, &flags, &cls, &actor);  // built above: decodes
    problem("class counter of " + actor + (cls == keys::kClassNegated ? " (negated" : " (minor") +
            (flags == keys::kDirect ? ", direct)" : ", via ancestor)") + " is missing (" +
            std::to_string(n) + " entries)");
  }
  if (blocks) return CheckBlocks(db, ro, meta, &expected_blocks, problem);
  return Status::OK();
}

}  // namespace kbq
