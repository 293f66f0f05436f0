// The store's record encodings (docs/storage_format.md, "Records").
//
// Each value starts with one byte, the record version (kRecordVersion), then
// fields in a fixed order: varints for counts and small integers, zigzag
// varints for signed ones, length-prefixed strings, 8-byte little-endian
// IEEE doubles, one byte per enum (the enums' on-disk values). A value that
// ends early, has bytes left over, holds an out-of-range enum or an unknown
// record version decodes to Corruption; the output is then unspecified.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "kbq/model.h"
#include "kbq/status.h"

namespace kbq::records {

inline constexpr uint8_t kRecordVersion = 1;
// An article record with a merge log (Article::merges) has version 2.
inline constexpr uint8_t kArticleMergesVersion = 2;
// An actor record with name forms (Actor::forms) has version 2.
inline constexpr uint8_t kActorFormsVersion = 2;

// An idx_actor entry an event wrote, kept in the event's record so an update
// or a deletion removes exactly those entries (the actor graph may have
// changed since they were computed).
struct IndexedActor {
  std::string actor_id;
  uint8_t flags = 0;  // keys::kDirect or keys::kViaAncestor
  friend bool operator==(const IndexedActor&, const IndexedActor&) = default;
};

std::string EncodeArticle(const Article& a);
Status DecodeArticle(std::string_view in, Article* a);

std::string EncodeActor(const Actor& a);
Status DecodeActor(std::string_view in, Actor* a);

std::string EncodeEvent(const Event& e, const std::vector<IndexedActor>& indexed);
// The indexed actors are the record's last field: sets `*out` to
// EncodeEvent(e, indexed) from `unindexed` = EncodeEvent(e, {}) without
// encoding `e` again (the bulk import has that record already). False, with
// `*out` unspecified, when `unindexed` does not end in an empty list.
bool WithIndexed(std::string_view unindexed, const std::vector<IndexedActor>& indexed, std::string* out);
// `indexed` may be null when the caller does not need it.
Status DecodeEvent(std::string_view in, Event* e, std::vector<IndexedActor>* indexed);
// Only the leading fields (id, type, cameo, date, date_basis, participants,
// place_id, modality); the others are left empty or zero. Corruption when
// those are malformed; what follows is not looked at.
Status DecodeEventHead(std::string_view in, Event* e);

// An idx_sal value (format 6): what `--top`'s walk judges an entry by, not
// the record. `flags` is the idx_actor flag (keys::kDirect or
// keys::kViaAncestor); `minor` is IsMinorEvent of the whole record (it reads
// the mentions, which the value leaves out). The event's dates are those of
// the key (`span`); only their precision is in the value.
inline constexpr uint8_t kSalMinorBit = 0x02;
std::string EncodeSalienceValue(const Event& e, uint8_t flags, bool minor);
// Sets in `head` the type, cameo, date (span from the key), date_basis,
// place_id and modality; every other field is cleared but the id, left as
// it was. Corruption when malformed or followed by other bytes.
Status DecodeSalienceValue(std::string_view in, int32_t earliest, int32_t latest, Event* head,
                           uint8_t* flags, bool* minor);

// A link's value: from, to and kind live in its key.
std::string EncodeLinkValue(const Link& l);
Status DecodeLinkValue(std::string_view in, Link* l);

// The metadata records.
std::string EncodeFormat(uint32_t version);  // magic + version
// Corruption when the magic does not match (the caller reports "not a kbq store").
Status DecodeFormat(std::string_view in, uint32_t* version);

struct Counts {
  uint64_t articles = 0, actors = 0, events = 0, links = 0;
};
std::string EncodeCounts(const Counts& c);
Status DecodeCounts(std::string_view in, Counts* c);

// A counter value (format 4): a signed count as 8 bytes little-endian. The
// store's merge operator adds such values; Corruption unless 8 bytes.
std::string EncodeCounter(int64_t n);
Status DecodeCounter(std::string_view in, int64_t* n);

// A date-block counter value (format 7): how many idx_actor entries of one
// actor, flag, span class and block have each (earliest, span, class bits),
// as tuples `varint(offset) varint(span) u8(bits) zigzag(count)` sorted by
// (offset, span, bits), none with count 0; `offset` is earliest minus the
// block's first day (0 for undated events), `span` latest minus earliest,
// `bits` kbq/salience.h's class bits. No record version byte (like a
// counter): a merge operand is a value of the same form, and the merge
// operator adds the counts of equal tuples (AddBlockCounts).
struct BlockCount {
  uint32_t offset = 0;
  uint32_t span = 0;
  uint8_t bits = 0;
  int64_t count = 0;
  friend bool operator==(const BlockCount&, const BlockCount&) = default;
};
std::string EncodeBlockCounts(const std::vector<BlockCount>& counts);
// Corruption when truncated, unsorted, or a class bit is unknown.
Status DecodeBlockCounts(std::string_view in, std::vector<BlockCount>* counts);
// Sorts tuples added in any order, adds the counts of equal ones, drops zeros.
void NormaliseBlockCounts(std::vector<BlockCount>* counts);
// `*sum` += `more` (both sorted): counts of equal tuples added, zeros dropped.
void AddBlockCounts(const std::vector<BlockCount>& more, std::vector<BlockCount>* sum);

}  // namespace kbq::records
