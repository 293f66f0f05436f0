#include "key_codec.h"

#include <cstring>

namespace kbq::keys {

void PutVarint32(std::string* dst, uint32_t v) { PutVarint64(dst, v); }

// The Put* functions build their bytes on the stack and append them at
// once: a bulk import encodes about eighty fields an event, and a
// push_back per byte (each checking the capacity) was 3.5% of its
// instructions.
void PutVarint64(std::string* dst, uint64_t v) {
  char buf[10];
  size_t n = 0;
  while (v >= 0x80) {
    buf[n++] = static_cast<char>((v & 0x7f) | 0x80);
    v >>= 7;
  }
  buf[n++] = static_cast<char>(v);
  dst->append(buf, n);
}

void PutLengthPrefixed(std::string* dst, std::string_view s) {
  if (s.size() < 0x80) {
    dst->push_back(static_cast<char>(s.size()));
  } else {
    PutVarint32(dst, static_cast<uint32_t>(s.size()));
  }
  dst->append(s.data(), s.size());
}

void PutFixed32BE(std::string* dst, uint32_t v) {
  const char buf[4] = {static_cast<char>(v >> 24), static_cast<char>(v >> 16), static_cast<char>(v >> 8),
                       static_cast<char>(v)};
  dst->append(buf, 4);
}

void PutFixed64BE(std::string* dst, uint64_t v) {
  PutFixed32BE(dst, static_cast<uint32_t>(v >> 32));
  PutFixed32BE(dst, static_cast<uint32_t>(v));
}

void PutDay(std::string* dst, int32_t day) {
  // Flipping the sign bit maps INT32_MIN..INT32_MAX onto 0..UINT32_MAX in order.
  PutFixed32BE(dst, static_cast<uint32_t>(day) ^ 0x80000000u);
}

void SetActorCountKey(std::string* key, uint8_t flags, uint8_t cls, std::string_view actor_id) {
  key->assign(cls == 0 ? kMetaActorCount : kMetaActorClassCount);
  key->push_back(static_cast<char>(flags));
  if (cls != 0) key->push_back(static_cast<char>(cls));
  key->append(actor_id);
}

std::string ActorCountKey(uint8_t flags, std::string_view actor_id) {
  std::string k;
  SetActorCountKey(&k, flags, 0, actor_id);
  return k;
}

Status DecodeActorCountKey(std::string_view key, uint8_t* flags, std::string* actor_id) {
  if (key.size() < kMetaActorCount.size() + 1 || key.substr(0, kMetaActorCount.size()) != kMetaActorCount) {
    return Status::Corruption("actor counter key is malformed");
  }
  *flags = static_cast<uint8_t>(key[kMetaActorCount.size()]);
  if (*flags > kViaAncestor) return Status::Corruption("actor counter key has unknown flags");
  actor_id->assign(key.substr(kMetaActorCount.size() + 1));
  return Status::OK();
}

std::string ActorClassCountKey(uint8_t flags, uint8_t cls, std::string_view actor_id) {
  std::string k;
  SetActorCountKey(&k, flags, cls, actor_id);
  return k;
}

Status DecodeActorClassCountKey(std::string_view key, uint8_t* flags, uint8_t* cls,
                                std::string* actor_id) {
  const size_t n = kMetaActorClassCount.size();
  if (key.size() < n + 2 || key.substr(0, n) != kMetaActorClassCount) {
    return Status::Corruption("actor class counter key is malformed");
  }
  *flags = static_cast<uint8_t>(key[n]);
  *cls = static_cast<uint8_t>(key[n + 1]);
  if (*flags > kViaAncestor || (*cls != kClassNegated && *cls != kClassMinor)) {
    return Status::Corruption("actor class counter key has unknown flags or class");
  }
  actor_id->assign(key.substr(n + 2));
  return Status::OK();
}

std::string BlockCountPrefix(uint8_t flags, std::string_view actor_id, uint8_t span_class) {
  std::string k(kMetaBlockCount);
  PutLengthPrefixed(&k, actor_id);
  k.push_back(static_cast<char>(flags));
  k.push_back(static_cast<char>(span_class));
  return k;
}

std::string BlockCountKey(uint8_t flags, std::string_view actor_id, uint8_t span_class, int32_t block) {
  std::string k = BlockCountPrefix(flags, actor_id, span_class);
  PutDay(&k, span_class == kUndated ? 0 : block);  // the same sign flip as a day
  return k;
}

uint8_t BlockClass(const DateSpan& d) {
  return d.earliest == TimeValue::kNoDay ? kUndated : SpanClass(d);
}

Status DecodeBlockCountKey(std::string_view key, uint8_t* flags, std::string* actor_id, uint8_t* span_class,
                           int32_t* block) {
  std::string_view in = key;
  std::string_view actor;
  if (in.substr(0, kMetaBlockCount.size()) != kMetaBlockCount) {
    return Status::Corruption("date-block counter key is malformed");
  }
  in.remove_prefix(kMetaBlockCount.size());
  if (!GetLengthPrefixed(&in, &actor) || in.size() != 6) {
    return Status::Corruption("date-block counter key is truncated or malformed");
  }
  *flags = static_cast<uint8_t>(in[0]);
  *span_class = static_cast<uint8_t>(in[1]);
  in.remove_prefix(2);
  GetDay(&in, block);
  if (*flags > kViaAncestor || *span_class > kLongSpan || (*span_class == kUndated && *block != 0)) {
    return Status::Corruption("date-block counter key has unknown flags or span class");
  }
  actor_id->assign(actor);
  return Status::OK();
}

bool GetVarint64(std::string_view* in, uint64_t* v) {
  uint64_t result = 0;
  for (int shift = 0; shift <= 63 && !in->empty(); shift += 7) {
    auto byte = static_cast<uint8_t>(in->front());
    in->remove_prefix(1);
    if (shift == 63 && byte > 1) return false;  // overflows 64 bits
    result |= static_cast<uint64_t>(byte & 0x7f) << shift;
    if ((byte & 0x80) == 0) {
      *v = result;
      return true;
    }
  }
  return false;
}

bool GetVarint32(std::string_view* in, uint32_t* v) {
  uint64_t wide = 0;
  if (!GetVarint64(in, &wide) || wide > UINT32_MAX) return false;
  *v = static_cast<uint32_t>(wide);
  return true;
}

bool GetLengthPrefixed(std::string_view* in, std::string_view* s) {
  uint32_t len = 0;
  if (!GetVarint32(in, &len) || in->size() < len) return false;
  *s = in->substr(0, len);
  in->remove_prefix(len);
  return true;
}

bool GetFixed32BE(std::string_view* in, uint32_t* v) {
  if (in->size() < 4) return false;
  uint32_t r = 0;
  for (int i = 0; i < 4; ++i) r = (r << 8) | static_cast<uint8_t>((*in)[i]);
  in->remove_prefix(4);
  *v = r;
  return true;
}

bool GetFixed64BE(std::string_view* in, uint64_t* v) {
  if (in->size() < 8) return false;
  uint64_t r = 0;
  for (int i = 0; i < 8; ++i) r = (r << 8) | static_cast<uint8_t>((*in)[i]);
  in->remove_prefix(8);
  *v = r;
  return true;
}

bool GetDay(std::string_view* in, int32_t* day) {
  uint32_t raw = 0;
  if (!GetFixed32BE(in, &raw)) return false;
  *day = static_cast<int32_t>(raw ^ 0x80000000u);
  return true;
}

DateSpan SpanOf(const TimeValue& t) {
  if (!t.ok()) return DateSpan{};
  return DateSpan{t.earliest, t.latest};
}

namespace {

void PutSpan(std::string* dst, const DateSpan& d) {
  const uint32_t e = static_cast<uint32_t>(d.earliest) ^ 0x80000000u;
  const uint32_t l = static_cast<uint32_t>(d.latest) ^ 0x80000000u;
  PutFixed64BE(dst, (uint64_t{e} << 32) | l);  // PutDay(earliest), PutDay(latest) in one append
}

Status Truncated(std::string_view what, std::string_view key) {
  return Status::Corruption(std::string(what) + " key is truncated or malformed (" +
                            std::to_string(key.size()) + " bytes)");
}

Status DecodeOwnerAndSuffix(std::string_view what, std::string_view key, DatedKey* out) {
  std::string_view in = key;
  std::string_view owner;
  if (!GetLengthPrefixed(&in, &owner)) return Truncated(what, key);
  Status s = DecodeDatedSuffix(in, out);
  if (!s.ok()) return Truncated(what, key);
  out->owner.assign(owner);
  return Status::OK();
}

}  // namespace

Status DecodeDatedSuffix(std::string_view rest, DatedKey* out) {
  DateSpan d;
  if (!GetDay(&rest, &d.earliest) || !GetDay(&rest, &d.latest) || rest.empty()) {
    return Status::Corruption("dated key suffix is truncated");
  }
  // An undated entry must be undated at both ends, a dated one ordered.
  bool undated = d.earliest == TimeValue::kNoDay && d.latest == TimeValue::kNoDay;
  if (!undated && (d.earliest == TimeValue::kNoDay || d.earliest > d.latest)) {
    return Status::Corruption("dated key has an inverted span");
  }
  out->date = d;
  out->event_id.assign(rest);
  return Status::OK();
}

uint8_t SpanClass(const DateSpan& d) {
  int64_t span = static_cast<int64_t>(d.latest) - d.earliest;
  return span < kShortSpanDays ? kShortSpan : kLongSpan;
}

std::string DateIndexKey(const DateSpan& d, std::string_view event_id) {
  std::string k;
  k.reserve(9 + event_id.size());
  k.push_back(static_cast<char>(SpanClass(d)));
  PutSpan(&k, d);
  k.append(event_id);
  return k;
}

std::string DateIndexPrefix(uint8_t span_class) { return std::string(1, static_cast<char>(span_class)); }

std::string DateIndexKeyV3(const DateSpan& d, std::string_view event_id) {
  std::string k;
  k.reserve(8 + event_id.size());
  PutSpan(&k, d);
  k.append(event_id);
  return k;
}

std::string ActorIndexPrefix(std::string_view actor_id) {
  std::string k;
  PutLengthPrefixed(&k, actor_id);
  return k;
}

std::string ActorIndexKey(std::string_view actor_id, const DateSpan& d, std::string_view event_id) {
  std::string k;
  k.reserve(actor_id.size() + 13 + event_id.size());  // one allocation, not three
  PutLengthPrefixed(&k, actor_id);
  PutSpan(&k, d);
  k.append(event_id);
  return k;
}

std::string SalienceIndexKey(std::string_view actor_id, double salience, const DateSpan& d,
                             std::string_view event_id) {
  if (!(salience > 0)) salience = 0;  // NaN, negatives and -0.0 alike
  uint64_t bits = 0;
  std::memcpy(&bits, &salience, sizeof bits);
  std::string k;
  k.reserve(actor_id.size() + 21 + event_id.size());
  PutLengthPrefixed(&k, actor_id);
  PutFixed64BE(&k, ~bits);
  PutSpan(&k, d);
  k.append(event_id);
  return k;
}

Status DecodeSalienceSuffix(std::string_view rest, double* salience, DatedKey* out) {
  uint64_t bits = 0;
  if (!GetFixed64BE(&rest, &bits) || !DecodeDatedSuffix(rest, out).ok()) {
    return Status::Corruption("idx_sal key is truncated or malformed");
  }
  bits = ~bits;
  std::memcpy(salience, &bits, sizeof bits);
  if (!(*salience >= 0)) return Status::Corruption("idx_sal key holds a negative salience");
  return Status::OK();
}

Status DecodeSalienceIndexKey(std::string_view key, double* salience, DatedKey* out) {
  std::string_view in = key, owner;
  if (!GetLengthPrefixed(&in, &owner)) return Truncated("idx_sal", key);
  Status s = DecodeSalienceSuffix(in, salience, out);
  out->owner.assign(owner);
  return s;
}

std::string TypeIndexPrefix(std::string_view type) { return ActorIndexPrefix(type); }

std::string TypeIndexKey(std::string_view type, const DateSpan& d, std::string_view event_id) {
  return ActorIndexKey(type, d, event_id);
}

Status DecodeDateIndexKeyV3(std::string_view key, DatedKey* out) {
  out->owner.clear();
  Status s = DecodeDatedSuffix(key, out);
  if (!s.ok()) return Truncated("idx_date", key);
  return Status::OK();
}

Status DecodeDateIndexKey(std::string_view key, DatedKey* out) {
  out->owner.clear();
  if (key.empty() || !DecodeDatedSuffix(key.substr(1), out).ok()) return Truncated("idx_date", key);
  if (static_cast<uint8_t>(key[0]) != SpanClass(out->date)) {
    return Status::Corruption("idx_date key has the wrong span class for its dates");
  }
  return Status::OK();
}

Status DecodeActorIndexKey(std::string_view key, DatedKey* out) {
  return DecodeOwnerAndSuffix("idx_actor", key, out);
}

Status DecodeTypeIndexKey(std::string_view key, DatedKey* out) {
  return DecodeOwnerAndSuffix("idx_type", key, out);
}

std::string LinkKey(std::string_view from, std::string_view to, LinkKind kind) {
  std::string k;
  k.reserve(from.size() + to.size() + 11);
  PutLengthPrefixed(&k, from);
  PutLengthPrefixed(&k, to);
  k.push_back(static_cast<char>(kind));
  return k;
}

std::string LinkInKey(std::string_view to, std::string_view from, LinkKind kind) {
  return LinkKey(to, from, kind);
}

std::string LinkPrefix(std::string_view first) { return ActorIndexPrefix(first); }

Status DecodeLinkKeyViews(std::string_view key, std::string_view* first, std::string_view* second,
                          LinkKind* kind) {
  std::string_view in = key;
  if (!GetLengthPrefixed(&in, first) || !GetLengthPrefixed(&in, second) || in.size() != 1) {
    return Truncated("link", key);
  }
  auto k = static_cast<uint8_t>(in[0]);
  if (k > static_cast<uint8_t>(LinkKind::kSameAs)) {
    return Status::Corruption("link key has unknown kind " + std::to_string(k));
  }
  *kind = static_cast<LinkKind>(k);
  return Status::OK();
}

Status DecodeLinkKey(std::string_view key, LinkKeyParts* out) {
  std::string_view a, b;
  Status s = DecodeLinkKeyViews(key, &a, &b, &out->kind);
  if (!s.ok()) return s;
  out->first.assign(a);
  out->second.assign(b);
  return Status::OK();
}

std::string AdjPrefix(std::string_view event) { return ActorIndexPrefix(event); }

std::string AdjPrefix(std::string_view event, uint8_t dir) {
  std::string k = AdjPrefix(event);
  k.push_back(static_cast<char>(dir));
  return k;
}

std::string AdjKey(std::string_view event, uint8_t dir, std::string_view other, LinkKind kind) {
  std::string k;
  k.reserve(event.size() + other.size() + 5);
  PutLengthPrefixed(&k, event);
  k.push_back(static_cast<char>(dir));
  PutLengthPrefixed(&k, other);
  k.push_back(static_cast<char>(kind));
  return k;
}

Status DecodeAdjKeyViews(std::string_view key, std::string_view* event, uint8_t* dir,
                         std::string_view* other, LinkKind* kind) {
  std::string_view in = key;
  if (!GetLengthPrefixed(&in, event) || in.empty()) return Truncated("idx_adj", key);
  *dir = static_cast<uint8_t>(in[0]);
  in.remove_prefix(1);
  if (*dir > kIn) return Status::Corruption("idx_adj key has unknown direction " + std::to_string(*dir));
  if (!GetLengthPrefixed(&in, other) || in.size() != 1) return Truncated("idx_adj", key);
  auto k = static_cast<uint8_t>(in[0]);
  if (k > static_cast<uint8_t>(LinkKind::kSameAs)) {
    return Status::Corruption("idx_adj key has unknown kind " + std::to_string(k));
  }
  *kind = static_cast<LinkKind>(k);
  return Status::OK();
}

std::string NameIndexPrefix(std::string_view normalised) { return ActorIndexPrefix(normalised); }

std::string NameIndexKey(std::string_view normalised, std::string_view actor_id) {
  std::string k = NameIndexPrefix(normalised);
  k.append(actor_id);
  return k;
}

Status DecodeNameIndexKey(std::string_view key, std::string* normalised, std::string* actor_id) {
  std::string_view in = key, name;
  if (!GetLengthPrefixed(&in, &name) || in.empty()) return Truncated("idx_name", key);
  normalised->assign(name);
  actor_id->assign(in);
  return Status::OK();
}

uint64_t ContentHash(std::string_view text) {
  uint64_t h = 14695981039346656037ull;
  for (unsigned char c : text) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

std::string ContentIndexPrefix(uint64_t hash) {
  std::string k;
  PutFixed64BE(&k, hash);
  return k;
}

std::string ContentIndexKey(uint64_t hash, std::string_view article_id) {
  std::string k = ContentIndexPrefix(hash);
  k.append(article_id);
  return k;
}

Status DecodeContentIndexKey(std::string_view key, uint64_t* hash, std::string* article_id) {
  std::string_view in = key;
  if (!GetFixed64BE(&in, hash) || in.empty()) return Truncated("idx_content", key);
  article_id->assign(in);
  return Status::OK();
}

}  // namespace kbq::keys
