#include "kbq/model_json.h"

#include <nlohmann/json.hpp>

#include <catch2/catch.hpp>

using nlohmann::json;
using kbq::TimeValue;

namespace {

template <typename T>
T RoundTrip(const T& v) {
  json j = v;
  return json::parse(j.dump()).get<T>();
}

}  // namespace

TEST_CASE("ModelJson: TimeValue round-trips at every precision, unknown as nulls",
          "[kb][json]") {
  auto range = TimeValue::Span(TimeValue::Year(2013), TimeValue::Year(2014));
  auto approx = TimeValue::Month(2022, 4);
  approx.approximate = true;
  for (const TimeValue& t : {TimeValue::Day(2025, 5, 16), approx, TimeValue::Year(1991),
                             TimeValue::Decade(1990), TimeValue::Century(1901), range,
                             TimeValue()}) {
    CHECK(RoundTrip(t) == t);
  }
  json j = TimeValue::Day(2025, 5, 16);
  CHECK(j == json::parse(R"({"start":"2025-05-16","end":"2025-05-16","precision":"day",
                             "text":"2025-05-16","approx":false})"));
  json u = TimeValue();
  CHECK(u["start"].is_null());
  CHECK(u["text"] == "unknown");
  CHECK_THROWS_AS(json::parse(R"({"start":"2025-02-30","precision":"day"})").get<TimeValue>(),
                  std::invalid_argument);
  CHECK_THROWS_AS(json::parse(R"({"start":"2025-02-03","precision":"fortnight"})").get<TimeValue>(),
                  std::invalid_argument);
}

TEST_CASE("ModelJson: an event has the documented field names and round-trips", "[kb][json]") {
  kbq::Event e;
  e.id = "ev-00000000000000aa";
  e.type = "negotiate";
  e.cameo = "046";
  e.date = TimeValue::Day(2025, 5, 16);
  e.date_basis = "explicit";
  e.participants = {{"RUS", kbq::Role::kSource}, {"UKR", kbq::Role::kTarget}};
  e.place_id = "place:istanbul";
  e.modality = kbq::Modality::kClaimed;
  e.attribution = {"person:spokesman", "said"};
  e.confidence = 0.8;
  e.mentions = {{"art-1", 2, 10, 50, "The two sides met.", "met", "Friday"}};
  e.labels = {{"en", "Russia and Ukraine negotiate"}, {"zh", "俄乌谈判"}};
  e.attributes = {{"AvgTone", -1.5}};
  json j = e;
  CHECK(j["label"] == "Russia and Ukraine negotiate");
  CHECK(j["labels"]["zh"] == "俄乌谈判");
  CHECK(j["date"]["start"] == "2025-05-16");
  CHECK(j["date"]["end"] == "2025-05-16");
  CHECK(j["date"]["precision"] == "day");
  CHECK(j["date"]["text"] == "2025-05-16");
  CHECK(j["date"]["approx"] == false);
  CHECK(j["date"]["basis"] == "explicit");
  CHECK(j["actors"] == json::parse(R"([{"id":"RUS","role":"source"},{"id":"UKR","role":"target"}])"));
  CHECK(j["location"] == "place:istanbul");
  CHECK(j["modality"] == "claimed");
  CHECK(j["attribution"] == json::parse(R"({"actor":"person:spokesman","cue":"said"})"));
  CHECK(j["confidence"] == 0.8);
  CHECK(j["mentions"][0]["article"] == "art-1");
  CHECK(j["mentions"][0]["span"] == json::array({10, 50}));
  CHECK(j["mentions"][0]["trigger"] == "met");
  CHECK(j["attributes"]["AvgTone"] == -1.5);

  kbq::Event back = RoundTrip(e);
  CHECK(back.id == e.id);
  CHECK(back.type == e.type);
  CHECK(back.cameo == e.cameo);
  CHECK(back.date == e.date);
  CHECK(back.date_basis == e.date_basis);
  CHECK(back.participants == e.participants);
  CHECK(back.place_id == e.place_id);
  CHECK(back.modality == e.modality);
  CHECK(back.attribution == e.attribution);
  CHECK(back.confidence == e.confidence);
  CHECK(back.mentions == e.mentions);
  CHECK(back.labels == e.labels);
  CHECK(back.attributes == e.attributes);

  kbq::Event bare;
  bare.id = "ev-1";
  json jb = bare;
  CHECK(jb["location"].is_null());
  CHECK(jb["label"] == "");
  CHECK(RoundTrip(bare).place_id.empty());
  CHECK_THROWS(json::parse(R"({"id":"x","modality":"rumoured"})").get<kbq::Event>());
}

TEST_CASE("ModelJson: articles, actors, affiliations and links round-trip", "[kb][json]") {
  kbq::Article a;
  a.id = "art-1";
  a.source = "example.org";
  a.url = "https://example.org/a";
  a.title = "A title";
  a.language = "zh";
  a.published_utc = 1747400000;
  a.published_offset_minutes = 480;
  a.text = "正文。";
  a.ingested_utc = 1747500000;
  a.path = "examples/articles/x.txt";
  a.merges = {{"ev-2", "ev-1", "merge: meet 2024-01-01 into meet 2024-01-01", true}};
  kbq::Article a2 = RoundTrip(a);
  CHECK(a2.merges == a.merges);
  CHECK(a2.id == a.id);
  CHECK(a2.source == a.source);
  CHECK(a2.url == a.url);
  CHECK(a2.title == a.title);
  CHECK(a2.language == a.language);
  CHECK(a2.published_utc == a.published_utc);
  CHECK(a2.published_offset_minutes == a.published_offset_minutes);
  CHECK(a2.text == a.text);
  CHECK(a2.ingested_utc == a.ingested_utc);
  CHECK(a2.path == a.path);
  a.published_offset_minutes.reset();
  CHECK(json(a)["published_offset_minutes"].is_null());
  CHECK_FALSE(RoundTrip(a).published_offset_minutes.has_value());

  kbq::Actor actor;
  actor.id = "person:example";
  actor.kind = kbq::ActorKind::kPerson;
  actor.names = {{"en", "An Example"}, {"zh", "例子"}};
  actor.aliases = {{"en", {"Example"}}};
  actor.affiliations = {{"RUS", "foreign_minister", TimeValue::Span(TimeValue::Year(2004),
                                                                     TimeValue::Year(2024))},
                        {"org:un", "envoy", TimeValue()}};
  actor.part_of = {"RUS"};
  actor.provisional = true;
  actor.source = "text";
  json ja = actor;
  CHECK(ja["kind"] == "person");
  CHECK(ja["affiliations"][0]["actor"] == "RUS");
  CHECK(ja["affiliations"][0]["valid"]["text"] == "2004..2024");
  CHECK_FALSE(ja.contains("lat"));
  {
    kbq::Actor p = actor;
    p.coordinates = kbq::Actor::Coordinates{38.04139, 114.47861};
    json jp = p;
    CHECK(jp["lat"].get<double>() == Approx(38.04139));
    CHECK(jp["lon"].get<double>() == Approx(114.47861));
    REQUIRE(RoundTrip(p).coordinates.has_value());
    CHECK(*RoundTrip(p).coordinates == *p.coordinates);
  }
  kbq::Actor b = RoundTrip(actor);
  CHECK(b.id == actor.id);
  CHECK(b.kind == actor.kind);
  CHECK(b.names == actor.names);
  CHECK(b.aliases == actor.aliases);
  REQUIRE(b.affiliations.size() == 2);
  CHECK(b.affiliations[0].actor_id == "RUS");
  CHECK(b.affiliations[0].role == "foreign_minister");
  CHECK(b.affiliations[0].valid == actor.affiliations[0].valid);
  CHECK_FALSE(b.affiliations[1].valid.ok());
  CHECK(b.part_of == actor.part_of);
  CHECK(b.provisional);
  CHECK(b.source == "text");

  kbq::Affiliation af{"UKR", "head_of_state", TimeValue::Year(2019)};
  kbq::Affiliation af2 = RoundTrip(af);
  CHECK(af2.actor_id == af.actor_id);
  CHECK(af2.role == af.role);
  CHECK(af2.valid == af.valid);

  kbq::Participant p{"UKR", kbq::Role::kTarget};
  CHECK(RoundTrip(p) == p);
  kbq::Mention m{"art-2", 4, 5, 9, "text", "trigger", "date"};
  CHECK(RoundTrip(m) == m);
  kbq::Attribution at{"org:x", "according to"};
  CHECK(RoundTrip(at) == at);

  kbq::Link l{"ev-a", "ev-b", kbq::LinkKind::kEnables, "so that", 0.6};
  json jl = l;
  CHECK(jl == json::parse(R"({"from":"ev-a","to":"ev-b","kind":"enables","evidence":"so that",
                              "confidence":0.6})"));
  CHECK(RoundTrip(l) == l);
}
