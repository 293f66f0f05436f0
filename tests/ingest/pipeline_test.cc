// The whole pipeline on real text: the seed page into a fresh store, checked
// as a demanding analyst reads it (issue 6 and 7 of the project), and an
// English report of our own that must merge with the Chinese one.
#include "kbq/ingest/pipeline.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>
#include <set>

#include "../kb/store_test_util.h"
#include "kbq/graph.h"
#include "kbq/store.h"

namespace {

using kbq::Event;
using kbq::LinkKind;
using kbq::Modality;
using kbq::TimeValue;

const std::string kSeed = std::string(KBQ_SOURCE_DIR) + "/examples/articles/000_3ae8ec1ab298bbdb.txt";

struct Fixture {
  kbq::testing::TempDir dir;
  std::unique_ptr<kbq::Store> store;
  std::unique_ptr<kbq::ingest::Pipeline> pipeline;
  kbq::ingest::IngestReport report;

  explicit Fixture(const std::vector<std::string>& inputs) {
    kbq::StoreOptions o;
    o.create_if_missing = true;
    auto s = kbq::Store::Open(dir.Sub("db"), o);
    REQUIRE(s.ok());
    store = std::move(s.value());
    auto p = kbq::ingest::Pipeline::Create(store.get());
    REQUIRE(p.ok());
    pipeline = std::move(p.value());
    kbq::Status st = pipeline->Ingest(inputs, {}, store.get(), &report);
    INFO(st.ToString());
    REQUIRE(st.ok());
  }

  std::vector<Event> All() const {
    std::vector<Event> out;
    REQUIRE(store->ScanDateRange(INT32_MIN, INT32_MAX, [&](const Event& e) {
      out.push_back(e);
      return true;
    }).ok());
    return out;
  }

  std::vector<Event> Find(const std::string& type, const TimeValue& date) const {
    std::vector<Event> out;
    for (auto& e : All()) {
      if (e.type == type && e.date.ok() && e.date.earliest == date.earliest &&
          e.date.latest == date.latest) {
        out.push_back(e);
      }
    }
    return out;
  }
};

bool Has(const Event& e, const std::string& actor) {
  auto ids = e.ActorIds();
  return std::find(ids.begin(), ids.end(), actor) != ids.end();
}

bool Linked(const kbq::Store& store, const std::string& from, const std::string& to, LinkKind kind) {
  auto links = store.LinksFrom(from);
  if (!links.ok()) return false;
  return std::any_of(links->begin(), links->end(),
                     [&](const kbq::Link& l) { return l.to == to && l.kind == kind; });
}

}  // namespace

TEST_CASE("Pipeline: the seed's Istanbul talks are one event with its outcomes linked to it",
          "[ingest][pipeline][seed]") {
  Fixture f({kSeed});
  CHECK(f.report.ingested == 1);
  CHECK(f.report.failed == 0);

  auto talks = f.Find("negotiate", TimeValue::Day(2025, 5, 16));
  REQUIRE(talks.size() == 1);
  const Event& t = talks[0];
  CHECK(Has(t, "RUS"));
  CHECK(Has(t, "UKR"));
  CHECK(t.place_id == "place:istanbul");
  CHECK(t.mentions.size() >= 3);

  // Outcomes and statements made at the talks are part of them.
  size_t parts = 0;
  for (const auto& e : f.All()) {
    if (Linked(*f.store, e.id, t.id, LinkKind::kPartOf)) ++parts;
  }
  CHECK(parts >= 3);
  auto exchange = f.Find("prisoner_exchange", TimeValue::Day(2025, 5, 16));
  REQUIRE(exchange.size() == 1);
  CHECK(Linked(*f.store, exchange[0].id, t.id, LinkKind::kPartOf));
}

TEST_CASE("Pipeline: the seed's phone calls, attribution and negation", "[ingest][pipeline][seed]") {
  Fixture f({kSeed});
  auto talks = f.Find("negotiate", TimeValue::Day(2025, 5, 16));
  REQUIRE(talks.size() == 1);
  auto calls = f.Find("phone_call", TimeValue::Day(2025, 5, 17));
  const Event* lavrov_rubio = nullptr;
  const Event* negated = nullptr;
  const Event* kallas = nullptr;
  for (const auto& c : calls) {
    if (Has(c, "person:sergey-lavrov") && Has(c, "person:marco-rubio")) lavrov_rubio = &c;
    if (Has(c, "person:kaja-kallas")) kallas = &c;
  }
  auto all = f.All();
  for (const auto& e : all) {
    if (e.type == "phone_call" && e.modality == Modality::kNegated) negated = &e;
  }
  REQUIRE(lavrov_rubio != nullptr);
  // 对话由美方发起: the US side initiated the call.
  CHECK(lavrov_rubio->participants.front().actor_id == "person:marco-rubio");
  CHECK(lavrov_rubio->attribution.actor_id == "gov:rus-mfa");
  CHECK(Linked(*f.store, lavrov_rubio->id, talks[0].id, LinkKind::kRefersTo));
  REQUIRE(kallas != nullptr);
  CHECK((Has(*kallas, "UKR") || Has(*kallas, "person:andrii-sybiha")));
  REQUIRE(negated != nullptr);
  CHECK(Has(*negated, "person:andrii-sybiha"));
}

TEST_CASE("Pipeline: the seed's history is dated at its precision and chained to the talks",
          "[ingest][pipeline][seed][graph]") {
  Fixture f({kSeed});
  auto withdrawal = f.Find("withdraw_agreement", TimeValue::Month(2022, 4));
  REQUIRE(withdrawal.size() == 1);
  CHECK(withdrawal[0].modality == Modality::kClaimed);
  auto ultimatum = f.Find("ultimatum", TimeValue::Month(2022, 2));
  REQUIRE(ultimatum.size() == 1);
  CHECK(Has(ultimatum[0], "RUS"));
  const Event* colour = nullptr;
  auto all = f.All();
  for (const auto& e : all) {
    if (e.date.ToString() == "2013..2014") colour = &e;
  }
  REQUIRE(colour != nullptr);

  // The card's 2014 → 2022 Istanbul → 2025 talks.
  auto talks = f.Find("negotiate", TimeValue::Day(2025, 5, 16));
  REQUIRE(talks.size() == 1);
  auto source = kbq::MakeStoreGraphSource(*f.store);
  auto chain = kbq::FollowChain(*source, talks[0].id, {});
  REQUIRE(chain.ok());
  std::set<std::string> dates;
  for (const auto& step : chain->events) dates.insert(step.event.date.ToString());
  CAPTURE(std::vector<std::string>(dates.begin(), dates.end()));
  CHECK(dates.count("2022-04"));
  CHECK(dates.count("2022-02"));
  CHECK(dates.count("2013..2014"));
  // Ordered by date.
  for (size_t i = 1; i < chain->events.size(); ++i) {
    CHECK(chain->events[i - 1].event.date.earliest <= chain->events[i].event.date.earliest);
  }
}

TEST_CASE("Pipeline: nothing of the dropped recommended stories becomes an event",
          "[ingest][pipeline][seed]") {
  Fixture f({kSeed});
  for (const auto& e : f.All()) {
    CAPTURE(e.id, e.type, e.date.ToString());
    CHECK(e.date.latest < kbq::DaysFromCivil(2025, 6, 1));
  }
}

TEST_CASE("Pipeline: ingesting the same article again changes nothing", "[ingest][pipeline]") {
  Fixture f({kSeed});
  auto before = f.store->Stats();
  REQUIRE(before.ok());
  kbq::ingest::IngestReport again;
  REQUIRE(f.pipeline->Ingest({kSeed}, {}, f.store.get(), &again).ok());
  CHECK(again.ingested == 0);
  CHECK(again.skipped_duplicates == 1);
  auto after = f.store->Stats();
  REQUIRE(after.ok());
  CHECK(after->events == before->events);
  CHECK(after->links == before->links);
}

TEST_CASE("Pipeline: an English report of the same talks merges with the Chinese one",
          "[ingest][pipeline][merge]") {
  kbq::testing::TempDir in;
  // Our own wording of the same happening, as an agency might file it.
  std::string english = in.Sub("istanbul_en.jsonl");
  {
    std::ofstream out(english);
    out << R"({"title":"Russian and Ukrainian delegations meet in Istanbul",)"
        << R"("published":"2025-05-16T19:00:00Z","source":"test wire",)"
        << R"("text":"Delegations from Russia and Ukraine held direct negotiations in Istanbul on May 16, )"
        << R"(their first face-to-face talks in three years. The meeting in Turkey lasted under two hours."})"
        << "\n";
  }
  Fixture f({kSeed, english});
  CHECK(f.report.ingested == 2);
  auto talks = f.Find("negotiate", TimeValue::Day(2025, 5, 16));
  REQUIRE(talks.size() == 1);
  std::set<std::string> articles;
  for (const auto& m : talks[0].mentions) articles.insert(m.article_id);
  CHECK(articles.size() == 2);
  CHECK(f.report.events_merged >= 1);
  // The later article's merge log says which of its events joined the
  // stored one, so the merge can be found and undone.
  int logged = 0;
  for (const auto& id : articles) {
    auto art = f.store->GetArticle(id);
    REQUIRE(art.ok());
    for (const auto& m : art->merges) {
      if (m.kept == talks[0].id && m.across_articles) {
        ++logged;
        CHECK(m.absorbed != talks[0].id);
        CHECK(m.reason.find("negotiate") != std::string::npos);
      }
    }
  }
  CHECK(logged >= 1);
}

TEST_CASE("Pipeline: an ICEWS sector named by its place counts for that place and its country",
          "[ingest][pipeline][stream]") {
  kbq::testing::TempDir in;
  // ICEWS quadruples in the project's own words: source, relation, target, day.
  std::string rows = in.Sub("crimea_icews.txt");
  {
    std::ofstream out(rows);
    out << "Militia (Crimea)\tOccupy territory\tGovernment (Ukraine)\t2014-03-01\n"
        << "Russia\tMake statement\tUkraine\t2014-03-02\n";
  }
  Fixture f({rows});
  auto count = [&](const std::string& actor) {
    size_t n = 0;
    REQUIRE(f.store->ScanActorTimeline(actor, INT32_MIN, INT32_MAX, false, [&](const Event& e) {
      n += e.date == TimeValue::Day(2014, 3, 1);
      return true;
    }).ok());
    return n;
  };
  CHECK(count("place:crimea") == 1);
  CHECK(count("UKR") == 1);
}

TEST_CASE("Pipeline: a county no gazetteer holds is the event's place and counts for its country",
          "[ingest][pipeline][places]") {
  kbq::testing::TempDir in;
  // Our own wording of a road accident in Hebei.
  std::string zh = in.Sub("linchen.jsonl");
  {
    std::ofstream out(zh);
    out << R"({"title":"河北临城县发生交通事故","published":"2025-05-03T10:00:00+08:00","source":"test wire",)"
        << R"("text":"记者从河北省邢台市获悉，5月2日下午，一辆客车在临城县境内与货车相撞。"})" << "\n";
  }
  Fixture f({zh});
  CHECK(f.report.ingested == 1);
  auto county = f.store->GetActor("place:临城县");
  REQUIRE(county.ok());
  CHECK(county->provisional);
  REQUIRE(county->part_of.size() == 1);
  auto city = f.store->GetActor(county->part_of[0]);  // 邢台市, from GeoNames, with coordinates
  REQUIRE(city.ok());
  CHECK(city->Name("zh") == "邢台市");
  CHECK(city->coordinates.has_value());
  bool placed = false;
  for (const auto& e : f.All()) placed |= e.place_id == "place:临城县";
  CHECK(placed);
  size_t china = 0;
  REQUIRE(f.store->ScanActorTimeline("CHN", INT32_MIN, INT32_MAX, /*strict=*/false, [&](const Event&) {
    ++china;
    return true;
  }).ok());
  CHECK(china >= 1);
}

TEST_CASE("Pipeline: a planned meeting and a later report that it happened are one event, as it happened",
          "[ingest][pipeline][merge][plans]") {
  kbq::testing::TempDir in;
  // Our own wording: a Chinese report of talks to be held on the 21st, then
  // an English one that they were held (Wednesday, 21 May 2025).
  std::string path = in.Sub("plan.jsonl");
  {
    std::ofstream out(path);
    out << R"({"title":"俄乌将举行谈判","published":"2025-05-19T10:00:00+08:00","lang":"zh",)"
        << R"("text":"俄罗斯和乌克兰代表团的谈判将于21日在伊斯坦布尔举行。"})" << "\n"
        << R"({"title":"Talks held","published":"2025-05-22T09:00:00Z","lang":"en",)"
        << R"("text":"Russian and Ukrainian delegations held talks in Istanbul on Wednesday."})" << "\n";
  }
  Fixture f({path});
  std::vector<Event> talks;
  for (auto& e : f.All()) {
    if ((e.type == "negotiate" || e.type == "meeting") && e.date.ok() && e.date.ToString() == "2025-05-21") {
      talks.push_back(e);
    }
  }
  REQUIRE(talks.size() == 1);
  CHECK(talks[0].modality == kbq::Modality::kAsserted);
  // The plan, the report, and the report's headline ("Talks held").
  CHECK(talks[0].mentions.size() == 3);
  CHECK(f.report.events_merged == 1);
}
