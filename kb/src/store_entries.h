// The entries a write puts into the store's column families, generated in
// one place for both writers: Store::Commit (a WriteBatch) and
// Store::BulkImport (sorted runs written as SST files). Every function here
// only emits Put/Delete/Merge calls to an EntrySink, so a new index family
// added here lands in both paths at once. Layout: docs/storage_format.md.
//
// Internal to kbq::kb (no RocksDB types either: sinks map Cf to handles).
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "kbq/model.h"
#include "kbq/status.h"
#include "record_codec.h"

namespace kbq::entries {

// The store's column families, in the order of RocksStore's handles.
enum Cf : size_t {
  kDefault = 0,
  kArticles,
  kActors,
  kEvents,
  kLinks,
  kActorIdx,
  kDateIdx,
  kTypeIdx,
  kLinkIn,
  kNameIdx,
  kContentIdx,
  kAdj,  // format 4; replaces kLinkIn
  kSalIdx,  // format 5
  kNumCf,
};

// Family names by Cf.
const std::vector<std::string>& CfNames();

// Receives a write's entries; the order of calls is the order of the writes
// (a later write of the same key wins).
class EntrySink {
 public:
  virtual ~EntrySink() = default;
  virtual void Put(Cf cf, std::string_view key, std::string_view value) = 0;
  virtual void Delete(Cf cf, std::string_view key) = 0;
  virtual void Merge(Cf cf, std::string_view key, std::string_view value) = 0;
  // True when the sink counts the date-block counters itself, from the
  // idx_actor entries (the bulk import, while it writes that family): their
  // Put values then end in one more byte, the entry's class bits
  // (EventClassBits), and their deletions come through DeleteCounted; the
  // entry functions leave CountDeltas::blocks alone.
  virtual bool CountsBlocks() const { return false; }
  virtual void DeleteCounted(Cf cf, std::string_view key, uint8_t flags, uint8_t bits) {
    (void)flags, (void)bits;
    Delete(cf, key);
  }
};

// Counter changes of a write (one merge operand per key): the counters by
// key, and the date-block counters' tuples by block key (in any order,
// combined when emitted; left empty for a sink that CountsBlocks()).
struct CountDeltas {
  std::unordered_map<std::string, int64_t> counters;
  std::unordered_map<std::string, std::vector<records::BlockCount>> blocks;
};

// Every normalised form of an actor's id, names, aliases and name forms,
// without empties (the idx_name entries of the actor).
std::set<std::string> NormalisedNames(const Actor& a);

// Writes actor `a`, replacing `old` (the stored record, or null): its
// record and name entries. Returns true when events indexed under the actor
// must be indexed again (its part_of or affiliations changed, or it is new
// and has some: events may already name it).
bool PutActorEntries(const Actor* old, const Actor& a, EntrySink* sink);

// The article record and its content-hash entry.
void PutArticleEntries(const Article& a, EntrySink* sink);

// The event record and every index entry of it (the covering ones with a
// copy of the record), with the counters' changes in `deltas`. `salience` is
// the event's (CommitSalience::Of, store_salience.h): the key of its idx_sal
// entries. `record`, when not empty, is EncodeEvent(e, indexed), which the
// caller has already (the bulk import: records::WithIndexed).
void PutEventEntries(const Event& e, const std::vector<records::IndexedActor>& indexed, double salience,
                     EntrySink* sink, CountDeltas* deltas, std::string_view record = {});
// Removes the index entries PutEventEntries wrote for `e` (not its record),
// under the salience it was written with.
void DeleteEventEntries(const Event& e, const std::vector<records::IndexedActor>& indexed, double salience,
                        EntrySink* sink, CountDeltas* deltas);

// The link record and its idx_adj entries under both ends.
// `value`, when not empty, is EncodeLinkValue(l), which the caller has
// already (the bulk import's input).
void PutLinkEntries(const Link& l, EntrySink* sink, std::string_view value = {});
void DeleteLinkEntries(std::string_view from, std::string_view to, LinkKind kind,
                       EntrySink* sink);

// The end of every write: one merge operand per changed counter (and block
// counter: `deltas->blocks` is emptied), the counts
// record, and the longest span when it grew (`span_changed`).
void PutMetaEntries(CountDeltas* deltas, const records::Counts& counts, int32_t max_span,
                    bool span_changed, EntrySink* sink);

// Looks an actor up for the ancestor rule: sets *actor to the record, or to
// null when there is none; a non-ok Status aborts. REQUIRES: the record stays
// where it is until ComputeIndexed returns (it keeps views of its ids).
using ActorLookup = std::function<Status(const std::string& id, const Actor** actor)>;

// The actors an event is indexed under (docs/storage_format.md): every
// participant and the place directly, and, transitively up to 8 steps, their
// part_of edges and the affiliations valid at the event's date.
Status ComputeIndexed(const Event& e, const ActorLookup& lookup,
                      std::vector<records::IndexedActor>* out);

}  // namespace kbq::entries
