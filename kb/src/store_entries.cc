// Entry generation shared by Commit and BulkImport (store_entries.h).
#include "store_entries.h"

#include <algorithm>
#include <utility>

#include "key_codec.h"
#include "kbq/names.h"
#include "kbq/salience.h"
#include "store_salience.h"

namespace kbq::entries {

namespace {

// How deep the ancestor rule follows part_of / affiliation edges.
constexpr int kMaxAncestorDepth = 8;

bool SameAncestorEdges(const Actor& a, const Actor& b) {
  if (a.part_of != b.part_of || a.affiliations.size() != b.affiliations.size()) return false;
  for (size_t i = 0; i < a.affiliations.size(); ++i) {
    const Affiliation& x = a.affiliations[i];
    const Affiliation& y = b.affiliations[i];
    if (x.actor_id != y.actor_id || !(x.valid == y.valid)) return false;
  }
  return true;
}

// One idx_actor entry's tuple into its date-block counter's changes.
void AddBlockTuple(const records::IndexedActor& ia, const keys::DateSpan& d, const records::BlockCount& tuple,
                   CountDeltas* deltas) {
  const uint8_t span_class = keys::BlockClass(d);
  deltas->blocks[keys::BlockCountKey(ia.flags, ia.actor_id, span_class, keys::BlockOf(d.earliest))].push_back(tuple);
}

// Adds `delta` to the counter of `flags` (and `cls`, unless 0) and an
// actor. The key is built in a reused buffer and looked up before it is
// copied: a bulk import does this two or three times an event, and a new
// string each time was a malloc and a free.
void AddToCounter(CountDeltas* deltas, uint8_t flags, uint8_t cls, std::string_view actor_id, int64_t delta) {
  static thread_local std::string key;
  keys::SetActorCountKey(&key, flags, cls, actor_id);
  if (auto it = deltas->counters.find(key); it != deltas->counters.end()) {
    it->second += delta;
  } else {
    deltas->counters.emplace(key, delta);
  }
}

}  // namespace

const std::vector<std::string>& CfNames() {
  static const std::vector<std::string> names = {
      keys::kCfDefault,  keys::kCfArticles, keys::kCfActors,  keys::kCfEvents,
      keys::kCfLinks,    keys::kCfActorIdx, keys::kCfDateIdx, keys::kCfTypeIdx,
      keys::kCfLinkIn,   keys::kCfNameIdx,  keys::kCfContentIdx, keys::kCfAdj,
      keys::kCfSalIdx};
  return names;
}

std::set<std::string> NormalisedNames(const Actor& a) {
  std::set<std::string> out;
  for (const auto& [lang, name] : a.names) out.insert(NormaliseName(name));
  for (const auto& [lang, list] : a.aliases) {
    for (const auto& alias : list) out.insert(NormaliseName(alias));
  }
  for (const auto& f : a.forms) out.insert(NormaliseName(f.text));
  out.erase(std::string());
  return out;
}

bool PutActorEntries(const Actor* old, const Actor& a, EntrySink* sink) {
  bool regraphed = false;
  if (old != nullptr) {
    for (const auto& n : NormalisedNames(*old)) sink->Delete(kNameIdx, keys::NameIndexKey(n, a.id));
    regraphed = !SameAncestorEdges(*old, a);
  } else {
    regraphed = !a.part_of.empty() || !a.affiliations.empty();
  }
  sink->Put(kActors, a.id, records::EncodeActor(a));
  for (const auto& n : NormalisedNames(a)) sink->Put(kNameIdx, keys::NameIndexKey(n, a.id), "");
  return regraphed;
}

void PutArticleEntries(const Article& a, EntrySink* sink) {
  sink->Put(kArticles, a.id, records::EncodeArticle(a));
  sink->Put(kContentIdx, keys::ContentIndexKey(keys::ContentHash(a.text), a.id), "");
}

void DeleteEventEntries(const Event& e, const std::vector<records::IndexedActor>& indexed, double salience,
                        EntrySink* sink, CountDeltas* deltas) {
  keys::DateSpan d = keys::SpanOf(e.date);
  sink->Delete(kDateIdx, keys::DateIndexKey(d, e.id));
  sink->Delete(kTypeIdx, keys::TypeIndexKey(e.type, d, e.id));
  // idx_sal (format 5): under the salience the record gives, the same as
  // when it was written (articles are never rewritten).
  const uint8_t cls = EventClass(e);
  const records::BlockCount tuple = BlockTupleOf(e, d, salience, -1);
  const bool counted = sink->CountsBlocks();
  for (const auto& ia : indexed) {
    if (counted) {
      sink->DeleteCounted(kActorIdx, keys::ActorIndexKey(ia.actor_id, d, e.id), ia.flags, tuple.bits);
    } else {
      sink->Delete(kActorIdx, keys::ActorIndexKey(ia.actor_id, d, e.id));
      AddBlockTuple(ia, d, tuple, deltas);
    }
    AddToCounter(deltas, ia.flags, 0, ia.actor_id, -1);
    sink->Delete(kSalIdx, keys::SalienceIndexKey(ia.actor_id, salience, d, e.id));
    if (cls != 0) AddToCounter(deltas, ia.flags, cls, ia.actor_id, -1);
  }
}

void PutEventEntries(const Event& e, const std::vector<records::IndexedActor>& indexed, double salience,
                     EntrySink* sink, CountDeltas* deltas, std::string_view record) {
  std::string encoded;
  if (record.empty()) {
    encoded = records::EncodeEvent(e, indexed);
    record = encoded;
  }
  keys::DateSpan d = keys::SpanOf(e.date);
  sink->Put(kDateIdx, keys::DateIndexKey(d, e.id), record);
  sink->Put(kTypeIdx, keys::TypeIndexKey(e.type, d, e.id), "");
  static thread_local std::string value;  // reused: a bulk import comes here for every event
  const uint8_t cls = EventClass(e);
  const bool minor = IsMinorEvent(e);
  const records::BlockCount tuple = BlockTupleOf(e, d, salience, 1);
  const bool counted = sink->CountsBlocks();
  for (const auto& ia : indexed) {
    value.assign(1, static_cast<char>(ia.flags));
    value += record;
    if (counted) value.push_back(static_cast<char>(tuple.bits));  // the sink takes it off
    sink->Put(kActorIdx, keys::ActorIndexKey(ia.actor_id, d, e.id), value);
    if (!counted) AddBlockTuple(ia, d, tuple, deltas);
    AddToCounter(deltas, ia.flags, 0, ia.actor_id, 1);
    // idx_sal holds what --top's walk judges, not the record (format 6).
    sink->Put(kSalIdx, keys::SalienceIndexKey(ia.actor_id, salience, d, e.id),
              records::EncodeSalienceValue(e, ia.flags, minor));
    if (cls != 0) AddToCounter(deltas, ia.flags, cls, ia.actor_id, 1);
  }
  sink->Put(kEvents, e.id, record);
}

void PutLinkEntries(const Link& l, EntrySink* sink, std::string_view value) {
  // idx_adj holds the link under both ends, with its value, so an event's
  // links in both directions are one seek; the entry under the source is the
  // link's record (format 8: there is no links family).
  std::string encoded;
  if (value.empty()) {
    encoded = records::EncodeLinkValue(l);
    value = encoded;
  }
  sink->Put(kAdj, keys::AdjKey(l.from, keys::kOut, l.to, l.kind), value);
  sink->Put(kAdj, keys::AdjKey(l.to, keys::kIn, l.from, l.kind), value);
}

void DeleteLinkEntries(std::string_view from, std::string_view to, LinkKind kind, EntrySink* sink) {
  sink->Delete(kAdj, keys::AdjKey(from, keys::kOut, to, kind));
  sink->Delete(kAdj, keys::AdjKey(to, keys::kIn, from, kind));
}

void PutMetaEntries(CountDeltas* deltas, const records::Counts& counts, int32_t max_span,
                    bool span_changed, EntrySink* sink) {
  for (const auto& [key, delta] : deltas->counters) {
    if (delta != 0) sink->Merge(kDefault, key, records::EncodeCounter(delta));
  }
  for (auto& [key, tuples] : deltas->blocks) {
    records::NormaliseBlockCounts(&tuples);
    if (!tuples.empty()) sink->Merge(kDefault, key, records::EncodeBlockCounts(tuples));
  }
  deltas->blocks.clear();
  sink->Put(kDefault, keys::kMetaCounts, records::EncodeCounts(counts));
  if (span_changed) {
    std::string span;
    keys::PutFixed32BE(&span, static_cast<uint32_t>(max_span));
    sink->Put(kDefault, keys::kMetaMaxSpan, span);
  }
}

// The ancestor rule (docs/storage_format.md): from every participant and the
// place, follow part_of edges and the affiliations valid at the event's date
// (an affiliation without bounds is always valid; an undated event uses only
// those), transitively, up to kMaxAncestorDepth steps.
Status ComputeIndexed(const Event& e, const ActorLookup& lookup,
                      std::vector<records::IndexedActor>* out) {
  out->clear();
  // Few actors per event: a list searched in turn beats a set's allocations
  // (a bulk import computes this for every event). The views point into the
  // event and into actor records, which outlive the call.
  // Kept from call to call (cleared), so their buffers are reused.
  static thread_local std::vector<std::string_view> seen;
  static thread_local std::vector<std::pair<std::string_view, int>> queue;  // breadth first: read from `next`
  seen.clear();
  queue.clear();
  auto first_time = [&](std::string_view id) {
    if (id.empty() || std::find(seen.begin(), seen.end(), id) != seen.end()) return false;
    seen.push_back(id);
    return true;
  };
  auto add_direct = [&](const std::string& id) {
    if (!first_time(id)) return;
    out->push_back({id, keys::kDirect});
    queue.emplace_back(id, 0);
  };
  for (const auto& p : e.participants) add_direct(p.actor_id);
  add_direct(e.place_id);

  static thread_local std::string id;
  for (size_t next = 0; next < queue.size(); ++next) {
    const int depth = queue[next].second;
    if (depth >= kMaxAncestorDepth) continue;
    id.assign(queue[next].first);
    const Actor* actor = nullptr;
    if (Status s = lookup(id, &actor); !s.ok()) return s;
    if (actor == nullptr) continue;
    auto follow = [&](const std::string& parent) {
      if (!first_time(parent)) return;
      out->push_back({parent, keys::kViaAncestor});
      queue.emplace_back(parent, depth + 1);
    };
    for (const auto& parent : actor->part_of) follow(parent);
    for (const auto& af : actor->affiliations) {
      bool valid = !af.valid.ok() || (e.date.ok() && af.valid.Overlaps(e.date));
      if (valid) follow(af.actor_id);
    }
  }
  return Status::OK();
}

}  // namespace kbq::entries
