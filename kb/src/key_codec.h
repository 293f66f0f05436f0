// The store's key encodings, in one place (docs/storage_format.md, "Keys").
//
// Every key the RocksDB store writes is built and parsed here. Two rules:
//  - byte order equals the order the store promises: date parts are
//    big-endian with the sign bit flipped, so memcmp order is day order,
//    earliest before latest before id;
//  - a key that is too short or malformed is reported as Corruption, never
//    read as something else.
// Strings inside keys are length-prefixed (varint32), so a prefix scan for
// "abc" never runs into "abcd", and ids may hold any byte.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "kbq/model.h"
#include "kbq/status.h"

namespace kbq::keys {

// Column family names (on-disk).
inline constexpr const char* kCfDefault = "default";  // metadata
inline constexpr const char* kCfArticles = "articles";
inline constexpr const char* kCfActors = "actors";
inline constexpr const char* kCfEvents = "events";
inline constexpr const char* kCfLinks = "links";          // formats 1-7 (read before 4 only)
inline constexpr const char* kCfActorIdx = "idx_actor";   // actor -> (date, event)
inline constexpr const char* kCfDateIdx = "idx_date";     // date -> event
inline constexpr const char* kCfTypeIdx = "idx_type";     // type -> (date, event)
inline constexpr const char* kCfLinkIn = "idx_link_in";   // incoming adjacency (formats 1-3)
inline constexpr const char* kCfAdj = "idx_adj";          // both directions (format 4)
inline constexpr const char* kCfNameIdx = "idx_name";     // normalised name -> actor
inline constexpr const char* kCfContentIdx = "idx_content";  // text hash -> article
inline constexpr const char* kCfSalIdx = "idx_sal";       // actor -> (salience, date, event) (format 5)

// Metadata keys in the default column family (on-disk).
inline constexpr std::string_view kMetaFormat = "kbq.format";
inline constexpr std::string_view kMetaCounts = "kbq.counts";
inline constexpr std::string_view kMetaMaxSpan = "kbq.max_span";
inline constexpr std::string_view kMagic = "kbq-event-store";
// Per-actor counters (format 4), also in the default family: this prefix,
// the idx_actor flags byte, then the actor id; the value is a signed 64-bit
// count, 8 bytes little-endian, added to by a merge operator.
inline constexpr std::string_view kMetaActorCount = "kbq.n/";

// Per-actor counters of events by class (format 5), in the default family:
// this prefix, the idx_actor flags byte, the class byte, then the actor id;
// values as kMetaActorCount's. They let a whole-store --top say how many rows
// the default filters hide without reading the rows.
inline constexpr std::string_view kMetaActorClassCount = "kbq.c/";
inline constexpr uint8_t kClassNegated = 1;  // on-disk: HiddenByDefault(modality)
inline constexpr uint8_t kClassMinor = 2;    // on-disk: IsMinorEvent and not negated

// Date-block counters (format 7), in the default family: this prefix,
// lp(actor id), the idx_actor flags byte, the span class (kUndated,
// kShortSpan, kLongSpan), then the block of the earliest day: be32 of
// uint32(earliest >> kBlockShift) XOR 0x80000000 (0 for undated events).
// The value counts the actor's idx_actor entries with those flags by
// (earliest, span, class bits) (records::BlockCount); a merge operator adds
// them. They give --top over a window its hidden counts from a few keys.
inline constexpr std::string_view kMetaBlockCount = "kbq.b/";
inline constexpr uint8_t kUndated = 0;   // on-disk span class of an undated event
inline constexpr int kBlockShift = 8;    // on-disk: blocks of 256 days

// Flags byte, the value of an idx_actor entry (on-disk).
inline constexpr uint8_t kDirect = 0;        // the actor takes part (or is the place)
inline constexpr uint8_t kViaAncestor = 1;   // reached through part_of / affiliation

// ------------------------------------------------------------ primitives

void PutVarint32(std::string* dst, uint32_t v);
void PutVarint64(std::string* dst, uint64_t v);
void PutLengthPrefixed(std::string* dst, std::string_view s);
void PutFixed32BE(std::string* dst, uint32_t v);
void PutFixed64BE(std::string* dst, uint64_t v);
// A day number as 4 bytes whose memcmp order is numeric order.
void PutDay(std::string* dst, int32_t day);

// Each Get* consumes from the front of *in; false when *in is too short or
// malformed (and *in is then unspecified).
bool GetVarint32(std::string_view* in, uint32_t* v);
bool GetVarint64(std::string_view* in, uint64_t* v);
bool GetLengthPrefixed(std::string_view* in, std::string_view* s);
bool GetFixed32BE(std::string_view* in, uint32_t* v);
bool GetFixed64BE(std::string_view* in, uint64_t* v);
bool GetDay(std::string_view* in, int32_t* day);

// ------------------------------------------------------------ event dates

// The 8-byte date part of index keys: earliest then latest. Undated events
// (TimeValue not ok) use kNoDay for both and so sort before every dated one.
struct DateSpan {
  int32_t earliest = TimeValue::kNoDay;
  int32_t latest = TimeValue::kNoDay;
};
DateSpan SpanOf(const TimeValue& t);

// idx_date (format 4): u8(span class) day(earliest) day(latest) event_id.
// Short spans (latest - earliest < kShortSpanDays: days, weeks, months; and
// undated events) and long ones (years, decades, ranges) are kept apart, so
// a date-range scan goes back at most kShortSpanDays - 1 days before `from`
// among the short ones, and max_span only among the (few) long ones. Within a
// class, key order is date order; a scan merges the two classes.
inline constexpr uint8_t kShortSpan = 1;  // on-disk
inline constexpr uint8_t kLongSpan = 2;   // on-disk
inline constexpr int32_t kShortSpanDays = 32;
uint8_t SpanClass(const DateSpan& d);
std::string DateIndexKey(const DateSpan& d, std::string_view event_id);
std::string DateIndexPrefix(uint8_t span_class);
// Format 1-3 idx_date keys: day(earliest) day(latest) event_id (no class;
// their first byte is 0x00 for undated events and never 1 or 2 for a day
// within ±2^30 of 1970).
std::string DateIndexKeyV3(const DateSpan& d, std::string_view event_id);

// idx_actor: lp(actor_id) day(earliest) day(latest) event_id
std::string ActorIndexPrefix(std::string_view actor_id);
std::string ActorIndexKey(std::string_view actor_id, const DateSpan& d, std::string_view event_id);

// idx_type: lp(type) day(earliest) day(latest) event_id
std::string TypeIndexPrefix(std::string_view type);
std::string TypeIndexKey(std::string_view type, const DateSpan& d, std::string_view event_id);

// The decoded parts of any dated index key. `owner` is the actor id or type
// (empty for idx_date).
struct DatedKey {
  std::string owner;
  DateSpan date;
  std::string event_id;
};
// Format 4 (the class byte must match the span) / formats 1-3.
Status DecodeDateIndexKey(std::string_view key, DatedKey* out);
Status DecodeDateIndexKeyV3(std::string_view key, DatedKey* out);
Status DecodeActorIndexKey(std::string_view key, DatedKey* out);
Status DecodeTypeIndexKey(std::string_view key, DatedKey* out);
// Decodes the date part and id that follow a prefix already consumed.
Status DecodeDatedSuffix(std::string_view rest, DatedKey* out);

// The default-family key of an actor's counter of idx_actor entries with
// `flags` (kDirect or kViaAncestor).
std::string ActorCountKey(uint8_t flags, std::string_view actor_id);
// Corruption unless `key` is an ActorCountKey.
Status DecodeActorCountKey(std::string_view key, uint8_t* flags, std::string* actor_id);

// The default-family key of an actor's counter of idx_actor entries with
// `flags` whose event is of class `cls` (kClassNegated, kClassMinor).
std::string ActorClassCountKey(uint8_t flags, uint8_t cls, std::string_view actor_id);
// Sets `*key` to ActorClassCountKey(flags, cls, actor_id), or to
// ActorCountKey(flags, actor_id) when `cls` is 0, reusing its buffer.
void SetActorCountKey(std::string* key, uint8_t flags, uint8_t cls, std::string_view actor_id);
// Corruption unless `key` is an ActorClassCountKey.
Status DecodeActorClassCountKey(std::string_view key, uint8_t* flags, uint8_t* cls,
                                std::string* actor_id);

// The date-block counter keys of an actor (in the order of idx_actor's
// prefixes): the prefix of its entries of one flag and span class; the key
// of one block (`block` = BlockOf(earliest), 0
// for undated events).
std::string BlockCountPrefix(uint8_t flags, std::string_view actor_id, uint8_t span_class);
std::string BlockCountKey(uint8_t flags, std::string_view actor_id, uint8_t span_class, int32_t block);
inline int32_t BlockOf(int32_t day) { return day >> kBlockShift; }  // floor(day / 256)
inline int32_t BlockStart(int32_t block) { return static_cast<int32_t>(static_cast<uint32_t>(block) << kBlockShift); }
// The span class and block of a date (kUndated and 0 for an undated one).
uint8_t BlockClass(const DateSpan& d);
// Corruption unless `key` is a BlockCountKey.
Status DecodeBlockCountKey(std::string_view key, uint8_t* flags, std::string* actor_id, uint8_t* span_class,
                           int32_t* block);

// idx_sal (format 5): lp(actor_id) fixed64be(~bits(salience)) day(earliest)
// day(latest) event_id. The salience is a non-negative double (negative and
// NaN are stored as 0); the bits of a non-negative double order as the
// number, so the complement puts the most salient first, and ties stay in
// date order. One entry per idx_actor entry; the value is the same as the
// idx_actor entry's (flags byte, then the event record). The prefix of an
// actor's entries is ActorIndexPrefix(actor_id).
std::string SalienceIndexKey(std::string_view actor_id, double salience, const DateSpan& d,
                             std::string_view event_id);
// Decodes the salience, dates and id that follow the actor prefix.
Status DecodeSalienceSuffix(std::string_view rest, double* salience, DatedKey* out);
Status DecodeSalienceIndexKey(std::string_view key, double* salience, DatedKey* out);

// ------------------------------------------------------------ links

// links:       lp(from) lp(to) kind      (outgoing adjacency, holds the record)
// idx_link_in: lp(to) lp(from) kind      (incoming adjacency, empty value)
std::string LinkKey(std::string_view from, std::string_view to, LinkKind kind);
std::string LinkInKey(std::string_view to, std::string_view from, LinkKind kind);
std::string LinkPrefix(std::string_view first);  // same for both families
struct LinkKeyParts {
  std::string first, second;  // (from, to) for links; (to, from) for idx_link_in
  LinkKind kind = LinkKind::kBefore;
};
// As DecodeLinkKey, with views into `key` (no copies).
Status DecodeLinkKeyViews(std::string_view key, std::string_view* first, std::string_view* second,
                          LinkKind* kind);
Status DecodeLinkKey(std::string_view key, LinkKeyParts* out);

// idx_adj (format 4): lp(event) u8(dir) lp(other) kind — every link twice,
// under each end, so one seek reads all of an event's links: dir kOut (the
// link leaves `event` for `other`) sorts before kIn (it enters `event` from
// `other`). The value is the link's value.
inline constexpr uint8_t kOut = 0;  // on-disk
inline constexpr uint8_t kIn = 1;   // on-disk
std::string AdjKey(std::string_view event, uint8_t dir, std::string_view other, LinkKind kind);
// The prefix of an event's entries (both directions), or of one direction.
std::string AdjPrefix(std::string_view event);
std::string AdjPrefix(std::string_view event, uint8_t dir);
// Views into `key`.
Status DecodeAdjKeyViews(std::string_view key, std::string_view* event, uint8_t* dir,
                         std::string_view* other, LinkKind* kind);

// ------------------------------------------------------------ names, content

// idx_name: lp(normalised name) actor_id
std::string NameIndexPrefix(std::string_view normalised);
std::string NameIndexKey(std::string_view normalised, std::string_view actor_id);
Status DecodeNameIndexKey(std::string_view key, std::string* normalised, std::string* actor_id);

// idx_content: fixed64be(ContentHash(text)) article_id
uint64_t ContentHash(std::string_view text);  // FNV-1a 64 (on-disk: never change)
std::string ContentIndexPrefix(uint64_t hash);
std::string ContentIndexKey(uint64_t hash, std::string_view article_id);
Status DecodeContentIndexKey(std::string_view key, uint64_t* hash, std::string* article_id);

}  // namespace kbq::keys
