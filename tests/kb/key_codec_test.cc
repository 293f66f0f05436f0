#include "key_codec.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <random>
#include <tuple>
#include <vector>

#include "kbq/salience.h"
#include "kbq/time_value.h"
#include "record_codec.h"

using kbq::LinkKind;
using kbq::Precision;
using kbq::TimeValue;
namespace keys = kbq::keys;
namespace records = kbq::records;

TEST_CASE("KeyCodec: dated index keys round-trip", "[kb][codec]") {
  auto d = keys::SpanOf(TimeValue::Month(2025, 5));
  keys::DatedKey k;
  REQUIRE(keys::DecodeActorIndexKey(keys::ActorIndexKey("UKR", d, "ev-1"), &k).ok());
  CHECK(k.owner == "UKR");
  CHECK(k.date.earliest == d.earliest);
  CHECK(k.date.latest == d.latest);
  CHECK(k.event_id == "ev-1");

  REQUIRE(keys::DecodeDateIndexKey(keys::DateIndexKey(d, "ev-2"), &k).ok());
  CHECK(k.owner.empty());
  CHECK(k.event_id == "ev-2");

  REQUIRE(keys::DecodeTypeIndexKey(keys::TypeIndexKey("phone_call", {}, "ev-3"), &k).ok());
  CHECK(k.owner == "phone_call");
  CHECK(k.date.earliest == TimeValue::kNoDay);
  CHECK(k.date.latest == TimeValue::kNoDay);

  keys::LinkKeyParts p;
  REQUIRE(keys::DecodeLinkKey(keys::LinkKey("ev-a", "ev-b", LinkKind::kCauses), &p).ok());
  CHECK(p.first == "ev-a");
  CHECK(p.second == "ev-b");
  CHECK(p.kind == LinkKind::kCauses);

  std::string name, id;
  REQUIRE(keys::DecodeNameIndexKey(keys::NameIndexKey("kyiv", "place:kyiv"), &name, &id).ok());
  CHECK(name == "kyiv");
  CHECK(id == "place:kyiv");

  uint64_t hash = 0;
  REQUIRE(keys::DecodeContentIndexKey(keys::ContentIndexKey(keys::ContentHash("abc"), "art-1"),
                                      &hash, &id)
              .ok());
  CHECK(hash == keys::ContentHash("abc"));
  CHECK(id == "art-1");
}

TEST_CASE("KeyCodec: day bytes sort like day numbers, negatives included", "[kb][codec]") {
  std::vector<int32_t> days = {INT32_MIN, -800000, -1, 0, 1, 20000, 20224, INT32_MAX};
  for (size_t i = 0; i + 1 < days.size(); ++i) {
    std::string a, b;
    keys::PutDay(&a, days[i]);
    keys::PutDay(&b, days[i + 1]);
    CHECK(a < b);
    std::string_view in = a;
    int32_t back = 0;
    REQUIRE(keys::GetDay(&in, &back));
    CHECK(back == days[i]);
  }
}

TEST_CASE("KeyCodec: key order is date order for partial dates and ranges", "[kb][codec]") {
  // (date, id) in the order the store promises: earliest, then latest, then id.
  std::vector<std::pair<TimeValue, std::string>> expected = {
      {TimeValue(), "ev-undated"},
      {TimeValue::Century(1901), "ev-c20"},
      {TimeValue::Decade(1990), "ev-1990s"},
      {TimeValue::Day(1991, 8, 24), "ev-a"},
      {TimeValue::Span(TimeValue::Year(2013), TimeValue::Year(2014)), "ev-range"},
      {TimeValue::Day(2013, 11, 21), "ev-b"},
      {TimeValue::Year(2022), "ev-y"},
      {TimeValue::Month(2022, 2), "ev-m"},
      {TimeValue::Days(kbq::DaysFromCivil(2022, 2, 21), kbq::DaysFromCivil(2022, 2, 28),
                       Precision::kPartOfMonth),
       "ev-late-feb"},
      {TimeValue::Day(2022, 2, 24), "ev-c"},
      {TimeValue::Day(2022, 2, 24), "ev-d"},
      {TimeValue::Day(2025, 5, 16), "ev-e"},
  };
  std::vector<std::string> date_keys, actor_keys, type_keys;
  for (const auto& [t, id] : expected) {
    date_keys.push_back(keys::DateIndexKeyV3(keys::SpanOf(t), id));
    // Format 4's key is the same after its span-class byte.
    CHECK(keys::DateIndexKey(keys::SpanOf(t), id).substr(1) == date_keys.back());
    actor_keys.push_back(keys::ActorIndexKey("RUS", keys::SpanOf(t), id));
    type_keys.push_back(keys::TypeIndexKey("negotiate", keys::SpanOf(t), id));
  }
  for (auto* v : {&date_keys, &actor_keys, &type_keys}) {
    auto shuffled = *v;
    std::mt19937 rng(Catch::rngSeed());
    std::shuffle(shuffled.begin(), shuffled.end(), rng);
    std::sort(shuffled.begin(), shuffled.end());
    CHECK(shuffled == *v);
  }
}

TEST_CASE("KeyCodec: idx_date keys hold short and long spans apart", "[kb][codec]") {
  auto cls = [](const TimeValue& t) { return keys::SpanClass(keys::SpanOf(t)); };
  CHECK(cls(TimeValue()) == keys::kShortSpan);
  CHECK(cls(TimeValue::Day(2024, 2, 29)) == keys::kShortSpan);
  CHECK(cls(TimeValue::Month(2024, 1)) == keys::kShortSpan);  // 31 days
  CHECK(cls(TimeValue::Year(2024)) == keys::kLongSpan);
  CHECK(cls(TimeValue::Century(1901)) == keys::kLongSpan);
  auto d = keys::SpanOf(TimeValue::Year(2024));
  std::string key = keys::DateIndexKey(d, "ev-1");
  CHECK(static_cast<uint8_t>(key[0]) == keys::kLongSpan);
  keys::DatedKey k;
  REQUIRE(keys::DecodeDateIndexKey(key, &k).ok());
  CHECK(k.event_id == "ev-1");
  key[0] = static_cast<char>(keys::kShortSpan);  // a class that does not fit the dates
  CHECK(keys::DecodeDateIndexKey(key, &k).IsCorruption());
}

TEST_CASE("KeyCodec: random spans sort as (earliest, latest, id)", "[kb][codec]") {
  std::mt19937 rng(Catch::rngSeed());
  std::uniform_int_distribution<int32_t> day(-200000, 200000), len(0, 4000), idn(0, 99);
  std::vector<std::tuple<int32_t, int32_t, std::string>> tuples;
  for (int i = 0; i < 2000; ++i) {
    int32_t e = day(rng);
    tuples.emplace_back(e, e + len(rng), "ev-" + std::to_string(idn(rng)));
  }
  auto by_key = tuples;
  std::sort(tuples.begin(), tuples.end());
  std::sort(by_key.begin(), by_key.end(), [](const auto& a, const auto& b) {
    return keys::ActorIndexKey("x", {std::get<0>(a), std::get<1>(a)}, std::get<2>(a)) <
           keys::ActorIndexKey("x", {std::get<0>(b), std::get<1>(b)}, std::get<2>(b));
  });
  CHECK(by_key == tuples);
}

TEST_CASE("KeyCodec: length prefixes keep one actor's prefix from matching another's",
          "[kb][codec]") {
  std::string abc = keys::ActorIndexKey("abc", keys::SpanOf(TimeValue::Year(2020)), "ev");
  CHECK(abc.rfind(keys::ActorIndexPrefix("ab"), 0) != 0);
  CHECK(abc.rfind(keys::ActorIndexPrefix("abc"), 0) == 0);
}

TEST_CASE("KeyCodec: every truncated key is reported as corruption", "[kb][codec]") {
  auto d = keys::SpanOf(TimeValue::Day(2025, 5, 16));
  std::string actor = keys::ActorIndexKey("UKR", d, "ev-1");
  std::string date = keys::DateIndexKey(d, "ev-1");
  std::string link = keys::LinkKey("ev-a", "ev-b", LinkKind::kBefore);
  std::string name = keys::NameIndexKey("kyiv", "place:kyiv");
  std::string content = keys::ContentIndexKey(7, "art-1");
  keys::DatedKey k;
  keys::LinkKeyParts p;
  std::string s1, s2;
  uint64_t h = 0;
  // Cutting the id part to nothing, or anything inside the fixed parts, fails.
  for (size_t n = 0; n < actor.size() - 4; ++n) {
    INFO("actor key cut to " << n);
    CHECK(keys::DecodeActorIndexKey(actor.substr(0, n), &k).IsCorruption());
  }
  for (size_t n = 0; n <= 9; ++n) {
    CHECK(keys::DecodeDateIndexKey(date.substr(0, n), &k).IsCorruption());
  }
  for (size_t n = 0; n < link.size(); ++n) {
    CHECK(keys::DecodeLinkKey(link.substr(0, n), &p).IsCorruption());
  }
  CHECK(keys::DecodeLinkKey(link + "x", &p).IsCorruption());
  for (size_t n = 0; n <= 5; ++n) {
    CHECK(keys::DecodeNameIndexKey(name.substr(0, n), &s1, &s2).IsCorruption());
  }
  for (size_t n = 0; n <= 8; ++n) {
    CHECK(keys::DecodeContentIndexKey(content.substr(0, n), &h, &s1).IsCorruption());
  }
  // A length prefix that promises more bytes than there are.
  std::string lying;
  keys::PutVarint32(&lying, 200);
  lying += "UKR";
  CHECK(keys::DecodeActorIndexKey(lying, &k).IsCorruption());
  // An inverted span is not a key we write.
  std::string inverted(1, static_cast<char>(keys::kShortSpan));
  keys::PutDay(&inverted, 100);
  keys::PutDay(&inverted, 50);
  inverted += "ev";
  CHECK(keys::DecodeDateIndexKey(inverted, &k).IsCorruption());
}

// ------------------------------------------------------------ records

namespace {

kbq::Event FullEvent() {
  kbq::Event e;
  e.id = "ev-0123456789abcdef";
  e.type = "negotiate";
  e.cameo = "046";
  e.date = TimeValue::Days(kbq::DaysFromCivil(2025, 5, 11), kbq::DaysFromCivil(2025, 5, 20),
                           Precision::kPartOfMonth);
  e.date.approximate = true;
  e.date_basis = "sentence";
  e.participants = {{"RUS", kbq::Role::kSource}, {"UKR", kbq::Role::kTarget}};
  e.place_id = "place:istanbul";
  e.modality = kbq::Modality::kReported;
  e.attribution = {"org:reuters", "according to"};
  e.confidence = 0.875;
  e.mentions = {{"art-1", 3, 120, 260, "Delegations met in the city.", "met", "mid-May"}};
  e.labels = {{"en", "Talks in Istanbul"}, {"zh", "伊斯坦布尔会谈"}};
  e.attributes = {{"NumMentions", 12}, {"AvgTone", -2.5}};
  return e;
}

}  // namespace

TEST_CASE("RecordCodec: every record kind round-trips", "[kb][codec]") {
  kbq::Event e = FullEvent();
  std::vector<records::IndexedActor> indexed = {{"RUS", 0}, {"UKR", 0}, {"TUR", 1}};
  kbq::Event e2;
  std::vector<records::IndexedActor> indexed2;
  REQUIRE(records::DecodeEvent(records::EncodeEvent(e, indexed), &e2, &indexed2).ok());
  CHECK(e2.id == e.id);
  CHECK(e2.date == e.date);
  CHECK(e2.participants == e.participants);
  CHECK(e2.mentions == e.mentions);
  CHECK(e2.attribution == e.attribution);
  CHECK(e2.labels == e.labels);
  CHECK(e2.attributes == e.attributes);
  CHECK(e2.confidence == e.confidence);
  CHECK(e2.modality == e.modality);
  CHECK(e2.place_id == e.place_id);
  CHECK(e2.date_basis == e.date_basis);
  CHECK(indexed2 == indexed);

  kbq::Actor a;
  a.id = "person:example";
  a.kind = kbq::ActorKind::kPerson;
  a.names = {{"en", "A. Example"}, {"zh", "示例"}};
  a.aliases = {{"en", {"Example", "Mr Example"}}};
  a.affiliations = {{"RUS", "foreign_minister", TimeValue::Span(TimeValue::Year(2004),
                                                                 TimeValue::Year(2030))},
                    {"org:un", "delegate", TimeValue()}};
  a.part_of = {"RUS"};
  a.provisional = true;
  a.source = "gazetteer.tsv";
  kbq::Actor a2;
  REQUIRE(records::DecodeActor(records::EncodeActor(a), &a2).ok());
  CHECK(a2.names == a.names);
  CHECK(a2.aliases == a.aliases);
  REQUIRE(a2.affiliations.size() == 2);
  CHECK(a2.affiliations[0].valid == a.affiliations[0].valid);
  CHECK(a2.affiliations[1].valid == TimeValue());
  CHECK(a2.part_of == a.part_of);
  CHECK(a2.provisional);
  CHECK(a2.kind == kbq::ActorKind::kPerson);
  CHECK_FALSE(a2.coordinates.has_value());

  // Coordinates: an optional trailing section; a record without it (written
  // before coordinates existed) still reads, a truncated one does not.
  kbq::Actor place;
  place.id = "place:example";
  place.kind = kbq::ActorKind::kPlace;
  place.names = {{"en", "Example"}};
  place.coordinates = kbq::Actor::Coordinates{49.98081, 36.25272};
  std::string with = records::EncodeActor(place);
  kbq::Actor place2;
  REQUIRE(records::DecodeActor(with, &place2).ok());
  REQUIRE(place2.coordinates.has_value());
  CHECK(*place2.coordinates == *place.coordinates);
  kbq::Actor no_coords = place;
  no_coords.coordinates.reset();
  std::string old_record = records::EncodeActor(no_coords);
  CHECK(with.size() == old_record.size() + 17);
  CHECK(with.compare(0, old_record.size(), old_record) == 0);
  for (size_t cut = old_record.size() + 1; cut < with.size(); ++cut) {
    CHECK(records::DecodeActor(with.substr(0, cut), &place2).IsCorruption());
  }
  std::string bad_tag = old_record + std::string(1, '\x07');
  CHECK(records::DecodeActor(bad_tag, &place2).IsCorruption());

  kbq::Article art;
  art.id = "art-1";
  art.text = "Some body text.";
  art.published_utc = -5;
  art.published_offset_minutes = 480;
  kbq::Article art2;
  REQUIRE(records::DecodeArticle(records::EncodeArticle(art), &art2).ok());
  CHECK(art2.published_offset_minutes == 480);
  CHECK(art2.published_utc == -5);
  CHECK(art2.text == art.text);
  CHECK(art2.merges.empty());
  CHECK(records::EncodeArticle(art)[0] == 1);  // no merge log: still version 1
  art.merges = {{"ev-b", "ev-a", "merge: meet into meet", true}, {"ev-c", "ev-a", "", false}};
  REQUIRE(records::DecodeArticle(records::EncodeArticle(art), &art2).ok());
  CHECK(art2.merges == art.merges);
  CHECK(records::EncodeArticle(art)[0] == 2);

  kbq::Link l{"ev-a", "ev-b", LinkKind::kCauses, "because", 0.25};
  kbq::Link l2;
  REQUIRE(records::DecodeLinkValue(records::EncodeLinkValue(l), &l2).ok());
  CHECK(l2.evidence == "because");
  CHECK(l2.confidence == 0.25);
}

TEST_CASE("RecordCodec: the indexed actors put at the end of an unindexed record give the whole record",
          "[kb][codec]") {
  // The bulk import writes a new event's record this way instead of encoding
  // the decoded event again; and it decodes every event into one reused
  // Event, so a record decoded over another one must leave nothing of it.
  kbq::Event e = FullEvent();
  std::vector<records::IndexedActor> indexed = {{"RUS", 0}, {"org:un", 1}};
  const std::string unindexed = records::EncodeEvent(e, {});
  std::string out = "left over";
  REQUIRE(records::WithIndexed(unindexed, indexed, &out));
  CHECK(out == records::EncodeEvent(e, indexed));
  REQUIRE(records::WithIndexed(unindexed, {}, &out));
  CHECK(out == unindexed);
  CHECK_FALSE(records::WithIndexed(records::EncodeEvent(e, {{"RUS", 1}}), indexed, &out));
  CHECK_FALSE(records::WithIndexed("", indexed, &out));

  kbq::Event reused = FullEvent();
  reused.id = "ev-other";
  reused.attributes["only-in-the-old-one"] = 1;
  reused.labels["xx"] = "old label";
  kbq::Event small;
  small.id = "ev-small";
  small.type = "meet";
  REQUIRE(records::DecodeEvent(records::EncodeEvent(small, {}), &reused, nullptr).ok());
  CHECK(records::EncodeEvent(reused, {}) == records::EncodeEvent(small, {}));
  REQUIRE(records::DecodeEvent(unindexed, &reused, nullptr).ok());
  CHECK(records::EncodeEvent(reused, indexed) == records::EncodeEvent(e, indexed));
}

TEST_CASE("RecordCodec: every truncation of a record is corruption, never a misread",
          "[kb][codec]") {
  kbq::Actor actor;
  actor.id = "UKR";
  actor.names = {{"en", "Ukraine"}};
  actor.affiliations = {{"org:un", "member", TimeValue::Year(1945)}};
  std::vector<std::pair<std::string, std::string>> values = {
      {"event", records::EncodeEvent(FullEvent(), {{"RUS", 0}})},
      {"actor", records::EncodeActor(actor)},
      {"article", records::EncodeArticle(kbq::Article{"art-1", "s", "u", "t", "en", 1, 60, "x", 2, "p", {}})},
      {"article", records::EncodeArticle(kbq::Article{"art-1", "s", "u", "t", "en", 1, 60, "x", 2, "p",
                                                      {{"ev-b", "ev-a", "why", true}}})},
      {"link", records::EncodeLinkValue(kbq::Link{"a", "b", LinkKind::kBefore, "e", 0.5})},
      {"counts", records::EncodeCounts({1, 2, 3, 4})},
      {"salience", records::EncodeSalienceValue(FullEvent(), kbq::keys::kViaAncestor, true)},
  };
  for (const auto& [kind, full] : values) {
    for (size_t n = 0; n < full.size(); ++n) {
      INFO(kind << " cut to " << n << " of " << full.size() << " bytes");
      std::string cut = full.substr(0, n);
      kbq::Status s;
      if (kind == "event") {
        kbq::Event e;
        s = records::DecodeEvent(cut, &e, nullptr);
      } else if (kind == "actor") {
        kbq::Actor a;
        s = records::DecodeActor(cut, &a);
      } else if (kind == "article") {
        kbq::Article a;
        s = records::DecodeArticle(cut, &a);
      } else if (kind == "link") {
        kbq::Link l;
        s = records::DecodeLinkValue(cut, &l);
      } else if (kind == "salience") {
        kbq::Event head;
        uint8_t flags = 0;
        bool minor = false;
        s = records::DecodeSalienceValue(cut, 1, 2, &head, &flags, &minor);
      } else {
        records::Counts c;
        s = records::DecodeCounts(cut, &c);
      }
      CHECK(s.IsCorruption());
    }
  }
  kbq::Event e;
  std::string extra = records::EncodeEvent(FullEvent(), {}) + "z";
  CHECK(records::DecodeEvent(extra, &e, nullptr).message() ==
        "event record: 1 unexpected trailing bytes");
  std::string future = records::EncodeEvent(FullEvent(), {});
  future[0] = 9;
  CHECK(records::DecodeEvent(future, &e, nullptr).message() ==
        "event record: unknown record version 9");
}

TEST_CASE("RecordCodec: an idx_sal value holds the judged fields, its dates come from the key",
          "[kb][codec]") {
  kbq::Event e = FullEvent();
  e.date_basis = "publication";
  e.place_id = "UA-KYIV";
  e.modality = kbq::Modality::kClaimed;
  for (bool minor : {false, true}) {
    for (uint8_t flags : {kbq::keys::kDirect, kbq::keys::kViaAncestor}) {
      kbq::Event head;
      head.id = "kept";
      head.mentions.resize(3);
      uint8_t got_flags = 9;
      bool got_minor = !minor;
      REQUIRE(records::DecodeSalienceValue(records::EncodeSalienceValue(e, flags, minor), e.date.earliest,
                                           e.date.latest, &head, &got_flags, &got_minor).ok());
      CHECK(got_flags == flags);
      CHECK(got_minor == minor);
      CHECK(head.id == "kept");
      CHECK(head.type == e.type);
      CHECK(head.cameo == e.cameo);
      CHECK(head.date == e.date);
      CHECK(head.date_basis == "publication");
      CHECK(head.place_id == "UA-KYIV");
      CHECK(head.modality == kbq::Modality::kClaimed);
      CHECK(head.mentions.empty());
      CHECK(head.labels.empty());
    }
  }
  std::string bad = records::EncodeSalienceValue(e, kbq::keys::kDirect, false);
  bad[0] = 4;
  kbq::Event head;
  uint8_t flags = 0;
  bool minor = false;
  CHECK(records::DecodeSalienceValue(bad, 0, 0, &head, &flags, &minor).message() == "idx_sal value: unknown flags 4");
}

TEST_CASE("RecordCodec: an out-of-range enum byte is corruption", "[kb][codec]") {
  kbq::Event ev;
  ev.id = "e";
  ev.modality = kbq::Modality::kAsserted;
  std::string bytes = records::EncodeEvent(ev, {});
  // Layout: version, id, type, cameo, date(3 bytes for undated? no: flags + 2 varints)...
  // Find the modality byte by re-encoding with another modality and diffing.
  ev.modality = kbq::Modality::kDemanded;
  std::string other = records::EncodeEvent(ev, {});
  REQUIRE(bytes.size() == other.size());
  size_t pos = 0;
  while (pos < bytes.size() && bytes[pos] == other[pos]) ++pos;
  REQUIRE(pos < bytes.size());
  bytes[pos] = 42;
  kbq::Event out;
  CHECK(records::DecodeEvent(bytes, &out, nullptr).message() == "event record: unknown modality 42");
}

TEST_CASE("Codec: date-block counter keys order by block, values add and reject truncation", "[kb][codec]") {
  // Keys: one prefix per (flags, actor, span class); blocks in day order,
  // days before 1970 first.
  const int32_t before = kbq::DaysFromCivil(1969, 12, 1), after = kbq::DaysFromCivil(2024, 5, 16);
  std::string a = keys::BlockCountKey(keys::kDirect, "UKR", keys::kShortSpan, keys::BlockOf(before));
  std::string b = keys::BlockCountKey(keys::kDirect, "UKR", keys::kShortSpan, keys::BlockOf(after));
  CHECK(a < b);
  CHECK(a.rfind(keys::BlockCountPrefix(keys::kDirect, "UKR", keys::kShortSpan), 0) == 0);
  CHECK(keys::BlockStart(keys::BlockOf(before)) <= before);
  CHECK(before < keys::BlockStart(keys::BlockOf(before) + 1));
  uint8_t flags = 9, span_class = 9;
  std::string actor;
  int32_t block = 0;
  REQUIRE(keys::DecodeBlockCountKey(b, &flags, &actor, &span_class, &block).ok());
  CHECK(flags == keys::kDirect);
  CHECK(actor == "UKR");
  CHECK(span_class == keys::kShortSpan);
  CHECK(block == keys::BlockOf(after));
  for (size_t n = 0; n < b.size(); ++n) {
    CHECK_FALSE(keys::DecodeBlockCountKey(b.substr(0, n), &flags, &actor, &span_class, &block).ok());
  }
  // Values: sorted tuples; adding drops zeros.
  std::vector<records::BlockCount> sum = {{3, 0, 0, 2}, {3, 0, kbq::kClassBitWeak, 1}, {40, 29, 0, 1}};
  const std::string v = records::EncodeBlockCounts(sum);
  std::vector<records::BlockCount> back;
  REQUIRE(records::DecodeBlockCounts(v, &back).ok());
  CHECK(back == sum);
  for (size_t n = 1; n < v.size(); ++n) {
    std::vector<records::BlockCount> cut;
    kbq::Status s = records::DecodeBlockCounts(v.substr(0, n), &cut);
    // A cut between two tuples is a shorter value; within one, corruption.
    if (s.ok()) CHECK(cut.size() < sum.size());
  }
  records::AddBlockCounts({{3, 0, 0, -2}, {7, 0, 0, 1}}, &sum);
  CHECK(sum == std::vector<records::BlockCount>{{3, 0, kbq::kClassBitWeak, 1}, {7, 0, 0, 1}, {40, 29, 0, 1}});
  std::vector<records::BlockCount> unsorted = {{7, 0, 0, 1}, {3, 0, 0, 1}, {7, 0, 0, -1}};
  records::NormaliseBlockCounts(&unsorted);
  CHECK(unsorted == std::vector<records::BlockCount>{{3, 0, 0, 1}});
  CHECK_FALSE(records::DecodeBlockCounts(records::EncodeBlockCounts({{7, 0, 0, 1}, {3, 0, 0, 1}}), &back).ok());
}
