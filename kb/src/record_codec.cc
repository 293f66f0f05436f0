#include "record_codec.h"

#include <algorithm>
#include <cstring>

#include "key_codec.h"

namespace kbq::records {
namespace {

// ------------------------------------------------------------ writing

class Writer {
 public:
  explicit Writer(size_t reserve = 64, uint8_t version = kRecordVersion) {
    out_.reserve(reserve);
    out_.push_back(static_cast<char>(version));
  }
  void U8(uint8_t v) { out_.push_back(static_cast<char>(v)); }
  void Bool(bool v) { U8(v ? 1 : 0); }
  void Var(uint64_t v) { keys::PutVarint64(&out_, v); }
  void Signed(int64_t v) {  // zigzag
    Var((static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63));
  }
  void Str(std::string_view s) { keys::PutLengthPrefixed(&out_, s); }
  void Double(double d) {
    uint64_t bits = 0;
    std::memcpy(&bits, &d, sizeof bits);
    for (int i = 0; i < 8; ++i) out_.push_back(static_cast<char>((bits >> (8 * i)) & 0xff));
  }
  void Time(const TimeValue& t) {
    // precision in the low 7 bits, approximate in the top bit.
    U8(static_cast<uint8_t>(t.precision) | (t.approximate ? 0x80 : 0));
    Signed(t.earliest);
    Signed(static_cast<int64_t>(t.latest) - t.earliest);
  }
  void StrMap(const std::map<std::string, std::string>& m) {
    Var(m.size());
    for (const auto& [k, v] : m) {
      Str(k);
      Str(v);
    }
  }
  void StrList(const std::vector<std::string>& v) {
    Var(v.size());
    for (const auto& s : v) Str(s);
  }
  std::string Take() { return std::move(out_); }

 private:
  std::string out_;
};

// ------------------------------------------------------------ reading

// Reads fields in order; the first failure sticks and names what was read.
class Reader {
 public:
  // Versions 1 ..  `newest` are read (only articles have a version 2).
  Reader(std::string_view in, const char* what, uint8_t newest = kRecordVersion)
      : in_(in), what_(what) {
    if (!U8(&version_, "record version")) return;
    if (version_ < 1 || version_ > newest) {
      Fail("unknown record version " + std::to_string(version_));
    }
  }
  bool ok() const { return status_.ok(); }
  bool more() const { return ok() && !in_.empty(); }  // bytes left to read
  uint8_t version() const { return version_; }

  bool U8(uint8_t* v, const char* field) {
    if (!ok()) return false;
    if (in_.empty()) return Truncated(field);
    *v = static_cast<uint8_t>(in_.front());
    in_.remove_prefix(1);
    return true;
  }
  bool Bool(bool* v, const char* field) {
    uint8_t b = 0;
    if (!U8(&b, field)) return false;
    if (b > 1) return Fail(std::string("bad boolean in ") + field);
    *v = b == 1;
    return true;
  }
  bool Var(uint64_t* v, const char* field) {
    if (!ok()) return false;
    if (!keys::GetVarint64(&in_, v)) return Truncated(field);
    return true;
  }
  bool U32(uint32_t* v, const char* field) {
    uint64_t w = 0;
    if (!Var(&w, field)) return false;
    if (w > UINT32_MAX) return Fail(std::string("out of range ") + field);
    *v = static_cast<uint32_t>(w);
    return true;
  }
  bool Signed(int64_t* v, const char* field) {
    uint64_t z = 0;
    if (!Var(&z, field)) return false;
    *v = static_cast<int64_t>(z >> 1) ^ -static_cast<int64_t>(z & 1);
    return true;
  }
  // A count of items each at least one byte long: never more than remain.
  bool Count(uint64_t* n, const char* field) {
    if (!Var(n, field)) return false;
    if (*n > in_.size()) return Truncated(field);
    return true;
  }
  bool Str(std::string* s, const char* field) {
    if (!ok()) return false;
    std::string_view v;
    if (!keys::GetLengthPrefixed(&in_, &v)) return Truncated(field);
    s->assign(v);
    return true;
  }
  bool Double(double* d, const char* field) {
    if (!ok()) return false;
    if (in_.size() < 8) return Truncated(field);
    uint64_t bits = 0;
    for (int i = 0; i < 8; ++i) bits |= static_cast<uint64_t>(static_cast<uint8_t>(in_[i])) << (8 * i);
    in_.remove_prefix(8);
    std::memcpy(d, &bits, sizeof bits);
    return true;
  }
  bool Time(TimeValue* t, const char* field) {
    uint8_t p = 0;
    int64_t earliest = 0, delta = 0;
    if (!U8(&p, field) || !Signed(&earliest, field) || !Signed(&delta, field)) return false;
    uint8_t prec = p & 0x7f;
    if (prec > static_cast<uint8_t>(Precision::kRange)) {
      return Fail(std::string("unknown precision ") + std::to_string(prec) + " in " + field);
    }
    int64_t latest = earliest + delta;
    if (earliest < INT32_MIN || earliest > INT32_MAX || latest < INT32_MIN || latest > INT32_MAX) {
      return Fail(std::string("day out of range in ") + field);
    }
    t->precision = static_cast<Precision>(prec);
    t->approximate = (p & 0x80) != 0;
    t->earliest = static_cast<int32_t>(earliest);
    t->latest = static_cast<int32_t>(latest);
    return true;
  }
  template <typename E>
  bool Enum(E* e, E max, const char* field) {
    uint8_t v = 0;
    if (!U8(&v, field)) return false;
    if (v > static_cast<uint8_t>(max)) {
      return Fail(std::string("unknown ") + field + " " + std::to_string(v));
    }
    *e = static_cast<E>(v);
    return true;
  }
  bool View(std::string_view* s, const char* field) {
    if (!ok()) return false;
    if (!keys::GetLengthPrefixed(&in_, s)) return Truncated(field);
    return true;
  }
  // Decodes `n` (key, value) pairs into *m (a later key wins). The map's
  // nodes are reused while the keys come in the order it holds them, so a
  // scan that decodes record after record into one Event allocates nothing
  // for maps whose keys repeat (labels, attributes).
  template <typename V, typename ReadValue>
  bool ReuseMap(std::map<std::string, V>* m, uint64_t n, const char* field, ReadValue read_value) {
    auto it = m->begin();
    for (uint64_t i = 0; i < n; ++i) {
      std::string_view k;
      if (!View(&k, field)) return false;
      if (it != m->end() && it->first == k) {
        if (!read_value(&it->second)) return false;
        ++it;
        continue;
      }
      m->erase(it, m->end());
      V v{};
      if (!read_value(&v)) return false;
      m->insert_or_assign(std::string(k), std::move(v));
      it = m->end();
    }
    m->erase(it, m->end());
    return true;
  }
  bool StrMap(std::map<std::string, std::string>* m, const char* field) {
    uint64_t n = 0;
    if (!Count(&n, field)) return false;
    return ReuseMap(m, n, field, [&](std::string* v) { return Str(v, field); });
  }
  bool StrList(std::vector<std::string>* out, const char* field) {
    uint64_t n = 0;
    if (!Count(&n, field)) return false;
    out->assign(n, std::string());
    for (auto& s : *out) {
      if (!Str(&s, field)) return false;
    }
    return true;
  }

  bool Fail(const std::string& why) {
    if (ok()) status_ = Status::Corruption(std::string(what_) + " record: " + why);
    return false;
  }

  // Call after the last field: leftover bytes are corruption too.
  Status Finish() {
    if (ok() && !in_.empty()) {
      Fail(std::to_string(in_.size()) + " unexpected trailing bytes");
    }
    return status_;
  }

 private:
  bool Truncated(const char* field) {
    return Fail(std::string("truncated at ") + field);
  }

  std::string_view in_;
  const char* what_;
  Status status_;
  uint8_t version_ = 0;
};

}  // namespace

// ------------------------------------------------------------ Article

// Version 1, or version 2 when there is a merge log: then a last section
// holds it (articles without merges stay byte-identical to version 1).
std::string EncodeArticle(const Article& a) {
  Writer w(64 + a.text.size(), a.merges.empty() ? kRecordVersion : kArticleMergesVersion);
  w.Str(a.id);
  w.Str(a.source);
  w.Str(a.url);
  w.Str(a.title);
  w.Str(a.language);
  w.Signed(a.published_utc);
  w.Bool(a.published_offset_minutes.has_value());
  if (a.published_offset_minutes) w.Signed(*a.published_offset_minutes);
  w.Str(a.text);
  w.Signed(a.ingested_utc);
  w.Str(a.path);
  if (!a.merges.empty()) {
    w.Var(a.merges.size());
    for (const auto& m : a.merges) {
      w.Str(m.absorbed);
      w.Str(m.kept);
      w.Str(m.reason);
      w.Bool(m.across_articles);
    }
  }
  return w.Take();
}

Status DecodeArticle(std::string_view in, Article* a) {
  Reader r(in, "article", kArticleMergesVersion);
  bool has_offset = false;
  int64_t offset = 0;
  r.Str(&a->id, "id");
  r.Str(&a->source, "source");
  r.Str(&a->url, "url");
  r.Str(&a->title, "title");
  r.Str(&a->language, "language");
  r.Signed(&a->published_utc, "published_utc");
  r.Bool(&has_offset, "offset flag");
  a->published_offset_minutes.reset();
  if (has_offset && r.Signed(&offset, "offset")) {
    a->published_offset_minutes = static_cast<int32_t>(offset);
  }
  r.Str(&a->text, "text");
  r.Signed(&a->ingested_utc, "ingested_utc");
  r.Str(&a->path, "path");
  a->merges.clear();
  uint64_t n = 0;
  if (r.version() == kArticleMergesVersion && r.Count(&n, "merges")) {
    a->merges.resize(n);
    for (auto& m : a->merges) {
      if (!r.Str(&m.absorbed, "merge absorbed") || !r.Str(&m.kept, "merge kept") ||
          !r.Str(&m.reason, "merge reason") || !r.Bool(&m.across_articles, "merge flag")) {
        break;
      }
    }
  }
  return r.Finish();
}

// ------------------------------------------------------------ Actor

// Tag of the optional coordinates section after an actor's source (on-disk).
constexpr uint8_t kActorCoordinates = 1;

std::string EncodeActor(const Actor& a) {
  Writer w(64, a.forms.empty() ? kRecordVersion : kActorFormsVersion);
  w.Str(a.id);
  w.U8(static_cast<uint8_t>(a.kind));
  w.StrMap(a.names);
  w.Var(a.aliases.size());
  for (const auto& [lang, list] : a.aliases) {
    w.Str(lang);
    w.StrList(list);
  }
  w.Var(a.affiliations.size());
  for (const auto& af : a.affiliations) {
    w.Str(af.actor_id);
    w.Str(af.role);
    w.Time(af.valid);
  }
  w.StrList(a.part_of);
  w.Bool(a.provisional);
  w.Str(a.source);
  if (!a.forms.empty()) {
    w.Var(a.forms.size());
    for (const auto& f : a.forms) {
      w.Str(f.text);
      w.Str(f.lang);
      w.U8(static_cast<uint8_t>(f.kind));
    }
  }
  // Optional trailing section (older records end after `source`, or after
  // the name forms in a version-2 record).
  if (a.coordinates) {
    w.U8(kActorCoordinates);
    w.Double(a.coordinates->lat);
    w.Double(a.coordinates->lon);
  }
  return w.Take();
}

Status DecodeActor(std::string_view in, Actor* a) {
  Reader r(in, "actor", kActorFormsVersion);
  r.Str(&a->id, "id");
  r.Enum(&a->kind, ActorKind::kMedia, "actor kind");
  r.StrMap(&a->names, "names");
  uint64_t n = 0;
  a->aliases.clear();
  if (r.Count(&n, "aliases")) {
    for (uint64_t i = 0; i < n; ++i) {
      std::string lang;
      std::vector<std::string> list;
      if (!r.Str(&lang, "alias language") || !r.StrList(&list, "aliases")) break;
      a->aliases[std::move(lang)] = std::move(list);
    }
  }
  a->affiliations.clear();
  if (r.Count(&n, "affiliations")) {
    for (uint64_t i = 0; i < n; ++i) {
      Affiliation af;
      if (!r.Str(&af.actor_id, "affiliation actor") || !r.Str(&af.role, "affiliation role") ||
          !r.Time(&af.valid, "affiliation valid")) {
        break;
      }
      a->affiliations.push_back(std::move(af));
    }
  }
  r.StrList(&a->part_of, "part_of");
  r.Bool(&a->provisional, "provisional");
  r.Str(&a->source, "source");
  a->forms.clear();
  if (r.version() >= kActorFormsVersion && r.Count(&n, "name forms")) {
    for (uint64_t i = 0; i < n; ++i) {
      NameForm f;
      if (!r.Str(&f.text, "form text") || !r.Str(&f.lang, "form language") ||
          !r.Enum(&f.kind, NameKind::kSurname, "form kind")) {
        break;
      }
      a->forms.push_back(std::move(f));
    }
  }
  a->coordinates.reset();
  if (r.more()) {
    uint8_t tag = 0;
    Actor::Coordinates c;
    if (r.U8(&tag, "actor section") && tag != kActorCoordinates) {
      r.Fail("unknown actor section " + std::to_string(tag));
    } else if (r.Double(&c.lat, "latitude") && r.Double(&c.lon, "longitude")) {
      a->coordinates = c;
    }
  }
  return r.Finish();
}

// ------------------------------------------------------------ Event

namespace {

// The last field of an event record (EncodeEvent, WithIndexed).
void AppendIndexed(const std::vector<IndexedActor>& indexed, std::string* out) {
  keys::PutVarint64(out, indexed.size());
  for (const auto& ia : indexed) {
    keys::PutLengthPrefixed(out, ia.actor_id);
    out->push_back(static_cast<char>(ia.flags));
  }
}

}  // namespace

std::string EncodeEvent(const Event& e, const std::vector<IndexedActor>& indexed) {
  Writer w(256);  // most records fit: one allocation (128 grew once for nearly every event)
  w.Str(e.id);
  w.Str(e.type);
  w.Str(e.cameo);
  w.Time(e.date);
  w.Str(e.date_basis);
  w.Var(e.participants.size());
  for (const auto& p : e.participants) {
    w.Str(p.actor_id);
    w.U8(static_cast<uint8_t>(p.role));
  }
  w.Str(e.place_id);
  w.U8(static_cast<uint8_t>(e.modality));
  w.Str(e.attribution.actor_id);
  w.Str(e.attribution.cue);
  w.Double(e.confidence);
  w.Var(e.mentions.size());
  for (const auto& m : e.mentions) {
    w.Str(m.article_id);
    w.Var(m.sentence);
    w.Var(m.begin);
    w.Signed(static_cast<int64_t>(m.end) - m.begin);
    w.Str(m.text);
    w.Str(m.trigger);
    w.Str(m.date_text);
  }
  w.StrMap(e.labels);
  w.Var(e.attributes.size());
  for (const auto& [k, v] : e.attributes) {
    w.Str(k);
    w.Double(v);
  }
  std::string out = w.Take();
  AppendIndexed(indexed, &out);
  return out;
}

bool WithIndexed(std::string_view unindexed, const std::vector<IndexedActor>& indexed, std::string* out) {
  if (unindexed.empty() || unindexed.back() != '\0') return false;  // Var(0), the empty list
  out->assign(unindexed.data(), unindexed.size() - 1);
  AppendIndexed(indexed, out);
  return true;
}

namespace {

// The leading fields of an event record, up to the modality.
void DecodeEventHeadFields(Reader& r, Event* e) {
  r.Str(&e->id, "id");
  r.Str(&e->type, "type");
  r.Str(&e->cameo, "cameo");
  r.Time(&e->date, "date");
  r.Str(&e->date_basis, "date basis");
  uint64_t n = 0;
  e->participants.clear();
  if (r.Count(&n, "participants")) {
    e->participants.resize(n);
    for (auto& p : e->participants) {
      if (!r.Str(&p.actor_id, "participant") || !r.Enum(&p.role, Role::kOther, "role")) break;
    }
  }
  r.Str(&e->place_id, "place");
  r.Enum(&e->modality, Modality::kDemanded, "modality");
}

}  // namespace

Status DecodeEventHead(std::string_view in, Event* e) {
  Reader r(in, "event");
  DecodeEventHeadFields(r, e);
  e->attribution = Attribution{};
  e->confidence = 0;
  e->mentions.clear();
  e->labels.clear();
  e->attributes.clear();
  return r.ok() ? Status::OK() : r.Finish();
}

std::string EncodeSalienceValue(const Event& e, uint8_t flags, bool minor) {
  const size_t size = 8 + e.type.size() + e.cameo.size() + e.date_basis.size() + e.place_id.size();
  Writer w(size + 1);
  w.U8(static_cast<uint8_t>(e.date.precision) | (e.date.approximate ? 0x80 : 0));
  w.Str(e.type);
  w.Str(e.cameo);
  w.Str(e.date_basis);
  w.Str(e.place_id);
  w.U8(static_cast<uint8_t>(e.modality));
  // The flags byte, then the record: put in front of the writer's buffer,
  // which has room for it (one allocation, where a string for the flags and
  // a concatenation took two more).
  std::string out = w.Take();
  out.insert(out.begin(), static_cast<char>(flags | (minor ? kSalMinorBit : 0)));
  return out;
}

Status DecodeSalienceValue(std::string_view in, int32_t earliest, int32_t latest, Event* head,
                           uint8_t* flags, bool* minor) {
  if (in.empty()) return Status::Corruption("idx_sal value: truncated at flags");
  const uint8_t f = static_cast<uint8_t>(in.front());
  if ((f & ~(kSalMinorBit | 1)) != 0) return Status::Corruption("idx_sal value: unknown flags " + std::to_string(f));
  *flags = f & 1;
  *minor = (f & kSalMinorBit) != 0;
  Reader r(in.substr(1), "idx_sal value");
  uint8_t p = 0;
  if (r.U8(&p, "precision") && (p & 0x7f) > static_cast<uint8_t>(Precision::kRange)) {
    return Status::Corruption("idx_sal value: unknown precision " + std::to_string(p & 0x7f));
  }
  head->date.earliest = earliest;
  head->date.latest = latest;
  head->date.precision = static_cast<Precision>(p & 0x7f);
  head->date.approximate = (p & 0x80) != 0;
  r.Str(&head->type, "type");
  r.Str(&head->cameo, "cameo");
  r.Str(&head->date_basis, "date basis");
  r.Str(&head->place_id, "place");
  r.Enum(&head->modality, Modality::kDemanded, "modality");
  head->participants.clear();
  head->attribution = Attribution{};
  head->confidence = 0;
  head->mentions.clear();
  head->labels.clear();
  head->attributes.clear();
  return r.Finish();
}

Status DecodeEvent(std::string_view in, Event* e, std::vector<IndexedActor>* indexed) {
  Reader r(in, "event");
  DecodeEventHeadFields(r, e);
  uint64_t n = 0;
  r.Str(&e->attribution.actor_id, "attribution actor");
  r.Str(&e->attribution.cue, "attribution cue");
  r.Double(&e->confidence, "confidence");
  e->mentions.clear();
  if (r.Count(&n, "mentions")) {
    e->mentions.resize(n);
    for (auto& m : e->mentions) {
      int64_t len = 0;
      if (!r.Str(&m.article_id, "mention article") || !r.U32(&m.sentence, "mention sentence") ||
          !r.U32(&m.begin, "mention begin") || !r.Signed(&len, "mention end")) {
        break;
      }
      int64_t end = static_cast<int64_t>(m.begin) + len;
      if (end < 0 || end > UINT32_MAX) {
        r.Fail("mention span out of range");
        break;
      }
      m.end = static_cast<uint32_t>(end);
      if (!r.Str(&m.text, "mention text") || !r.Str(&m.trigger, "mention trigger") ||
          !r.Str(&m.date_text, "mention date text")) {
        break;
      }
    }
  }
  r.StrMap(&e->labels, "labels");
  if (r.Count(&n, "attributes")) {
    r.ReuseMap(&e->attributes, n, "attribute name",
               [&](double* v) { return r.Double(v, "attribute value"); });
  }
  if (indexed != nullptr) indexed->clear();
  if (r.Count(&n, "indexed actors")) {
    if (indexed != nullptr) indexed->resize(n);
    for (uint64_t i = 0; i < n; ++i) {
      std::string_view actor;
      uint8_t flags = 0;
      if (!r.View(&actor, "indexed actor") || !r.Enum(&flags, keys::kViaAncestor, "index flags")) {
        break;
      }
      if (indexed != nullptr) (*indexed)[i] = {std::string(actor), flags};
    }
  }
  return r.Finish();
}

// ------------------------------------------------------------ Link

std::string EncodeLinkValue(const Link& l) {
  Writer w(16 + l.evidence.size());
  w.Str(l.evidence);
  w.Double(l.confidence);
  return w.Take();
}

Status DecodeLinkValue(std::string_view in, Link* l) {
  Reader r(in, "link");
  r.Str(&l->evidence, "evidence");
  r.Double(&l->confidence, "confidence");
  return r.Finish();
}

// ------------------------------------------------------------ metadata

std::string EncodeFormat(uint32_t version) {
  std::string out(keys::kMagic);
  keys::PutFixed32BE(&out, version);
  return out;
}

Status DecodeFormat(std::string_view in, uint32_t* version) {
  if (in.size() != keys::kMagic.size() + 4 || in.substr(0, keys::kMagic.size()) != keys::kMagic) {
    return Status::Corruption("format record has no kbq magic");
  }
  in.remove_prefix(keys::kMagic.size());
  keys::GetFixed32BE(&in, version);
  return Status::OK();
}

std::string EncodeCounts(const Counts& c) {
  Writer w(16);
  w.Var(c.articles);
  w.Var(c.actors);
  w.Var(c.events);
  w.Var(c.links);
  return w.Take();
}

Status DecodeCounts(std::string_view in, Counts* c) {
  Reader r(in, "counts");
  r.Var(&c->articles, "articles");
  r.Var(&c->actors, "actors");
  r.Var(&c->events, "events");
  r.Var(&c->links, "links");
  return r.Finish();
}

std::string EncodeCounter(int64_t n) {
  std::string out(8, '\0');
  auto u = static_cast<uint64_t>(n);
  for (int i = 0; i < 8; ++i) out[i] = static_cast<char>((u >> (8 * i)) & 0xff);
  return out;
}

Status DecodeCounter(std::string_view in, int64_t* n) {
  if (in.size() != 8) return Status::Corruption("counter value is not 8 bytes");
  uint64_t u = 0;
  for (int i = 7; i >= 0; --i) u = (u << 8) | static_cast<uint8_t>(in[i]);
  *n = static_cast<int64_t>(u);
  return Status::OK();
}

namespace {

bool TupleLess(const BlockCount& a, const BlockCount& b) {
  if (a.offset != b.offset) return a.offset < b.offset;
  if (a.span != b.span) return a.span < b.span;
  return a.bits < b.bits;
}

}  // namespace

std::string EncodeBlockCounts(const std::vector<BlockCount>& counts) {
  std::string out;
  out.reserve(counts.size() * 5);
  for (const BlockCount& c : counts) {
    keys::PutVarint32(&out, c.offset);
    keys::PutVarint32(&out, c.span);
    out.push_back(static_cast<char>(c.bits));
    keys::PutVarint64(&out, (static_cast<uint64_t>(c.count) << 1) ^ static_cast<uint64_t>(c.count >> 63));
  }
  return out;
}

Status DecodeBlockCounts(std::string_view in, std::vector<BlockCount>* counts) {
  counts->clear();
  while (!in.empty()) {
    BlockCount c;
    uint64_t zz = 0;
    if (!keys::GetVarint32(&in, &c.offset) || !keys::GetVarint32(&in, &c.span) || in.empty()) {
      return Status::Corruption("date-block counter value is truncated");
    }
    c.bits = static_cast<uint8_t>(in[0]);
    in.remove_prefix(1);
    if (!keys::GetVarint64(&in, &zz)) return Status::Corruption("date-block counter value is truncated");
    c.count = static_cast<int64_t>(zz >> 1) ^ -static_cast<int64_t>(zz & 1);
    if (c.bits >= 16) return Status::Corruption("date-block counter value has unknown class bits");
    if (!counts->empty() && !TupleLess(counts->back(), c)) {
      return Status::Corruption("date-block counter value is not sorted");
    }
    counts->push_back(c);
  }
  return Status::OK();
}

void NormaliseBlockCounts(std::vector<BlockCount>* counts) {
  std::sort(counts->begin(), counts->end(), TupleLess);
  size_t out = 0;
  for (size_t i = 0; i < counts->size(); ++i) {
    if (out > 0 && !TupleLess((*counts)[out - 1], (*counts)[i])) {
      (*counts)[out - 1].count += (*counts)[i].count;
    } else {
      (*counts)[out++] = (*counts)[i];
    }
  }
  counts->resize(out);
  counts->erase(std::remove_if(counts->begin(), counts->end(), [](const BlockCount& c) { return c.count == 0; }),
                counts->end());
}

void AddBlockCounts(const std::vector<BlockCount>& more, std::vector<BlockCount>* sum) {
  std::vector<BlockCount> out;
  out.reserve(sum->size() + more.size());
  size_t i = 0, j = 0;
  while (i < sum->size() || j < more.size()) {
    BlockCount c;
    if (j == more.size() || (i < sum->size() && TupleLess((*sum)[i], more[j]))) {
      c = (*sum)[i++];
    } else if (i == sum->size() || TupleLess(more[j], (*sum)[i])) {
      c = more[j++];
    } else {
      c = (*sum)[i++];
      c.count += more[j++].count;
    }
    if (c.count != 0) out.push_back(c);
  }
  *sum = std::move(out);
}

}  // namespace kbq::records
