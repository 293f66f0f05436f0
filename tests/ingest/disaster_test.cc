// Disasters, accidents and their toll (issue 17), through the whole analysis
// (tagger, gazetteer, extractor) on sentences of our own wording about real
// events: tests/ingest/data/disasters.tsv (60 Chinese, 30 English). The table
// test prints recall of events, tolls, dates and places and holds floors;
// single cases pin the rules (mode of a crash, folding, no diplomatic event).
#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "kbq/ingest/normalizer.h"
#include "kbq/ingest/pipeline.h"
#include "kbq/time_value.h"

namespace kbq::ingest {
namespace {

const Pipeline& P() {
  static std::unique_ptr<Pipeline> p = [] {
    auto r = Pipeline::Create(nullptr);
    REQUIRE(r.ok());
    return std::move(r).value();
  }();
  return *p;
}

Analysis Analyse(const std::string& text, const std::string& lang, const std::string& published) {
  Document doc;
  doc.article.text = NormaliseText(text);
  doc.article.language = lang;
  doc.article.id = ArticleId("", doc.article.text);
  auto day = TimeValue::Parse(published);
  REQUIRE(day.ok());
  doc.article.published_utc = int64_t(day.earliest) * 86400 + 4 * 3600;
  doc.article.published_offset_minutes = 480;
  doc.sentences = SplitSentences(doc.article.text, lang);
  return P().Analyse(std::move(doc));
}

bool IsEmergency(const std::string& type) {
  static const std::vector<std::string> kTypes = {
      "disaster",      "earthquake",    "flood",         "storm",        "landslide", "accident",
      "road_accident", "rail_accident", "air_accident",  "sea_accident", "mine_accident",
      "collapse",      "explosion",     "fire",          "epidemic"};
  return std::find(kTypes.begin(), kTypes.end(), type) != kTypes.end();
}

// The event of `type` with the most figures (暴雨引发洪水: the flood has them).
const Event* Find(const Analysis& a, const std::string& type) {
  const Event* best = nullptr;
  for (const auto& e : a.events) {
    if (e.type == type && (!best || e.attributes.size() > best->attributes.size())) best = &e;
  }
  return best;
}

// `id` or a place inside it (石川县 → JPN), by the parent chain of the
// gazetteer or of the article's provisional places.
bool Within(const Analysis& a, std::string id, const std::string& want) {
  for (int depth = 0; depth < 6 && !id.empty(); ++depth) {
    if (id == want) return true;
    const Actor* actor = P().gazetteer().Find(id);
    for (const auto& p : a.provisional_actors) {
      if (!actor && p.id == id) actor = &p;
    }
    id = actor && !actor->part_of.empty() ? actor->part_of.front() : "";
  }
  return false;
}

std::vector<std::string> Fields(const std::string& line) {
  std::vector<std::string> f;
  std::stringstream ss(line);
  std::string x;
  while (std::getline(ss, x, '\t')) f.push_back(x);
  return f;
}

TEST_CASE("disaster sentences: events, tolls, dates and places", "[disasters]") {
  std::ifstream in(std::string(KBQ_SOURCE_DIR) + "/tests/ingest/data/disasters.tsv");
  REQUIRE(in.good());
  struct Score { int n = 0, hit = 0; };
  std::map<std::string, Score> events, tolls, dates, places;  // by language
  std::string line;
  int rows = 0;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    auto f = Fields(line);
    REQUIRE(f.size() == 7);
    ++rows;
    const std::string& lang = f[0];
    Analysis a = Analyse(f[2], lang, f[1]);
    const Event* e = Find(a, f[3]);
    INFO(f[2]);
    ++events[lang].n;
    if (e) ++events[lang].hit;
    else UNSCOPED_INFO("missed " << f[3] << ": " << f[2]);
    if (f[4] != "-") {
      std::stringstream ts(f[4]);
      std::string kv;
      while (std::getline(ts, kv, ';')) {
        auto eq = kv.find('=');
        std::string k = kv.substr(0, eq);
        double v = std::stod(kv.substr(eq + 1));
        ++tolls[lang].n;
        bool ok = e && e->attributes.count(k) && e->attributes.at(k) == v;
        if (ok) ++tolls[lang].hit;
        else WARN("toll " << k << "=" << v << " not read: " << f[2]);
      }
    }
    if (f[5] != "-") {
      ++dates[lang].n;
      auto want = TimeValue::Parse(f[5]);
      REQUIRE(want.ok());
      if (e && e->date.ok() && e->date.earliest == want.earliest) ++dates[lang].hit;
      else WARN("date " << f[5] << " not found (" << (e ? e->date.ToString() : "no event") << "): " << f[2]);
    }
    if (f[6] != "-") {
      ++places[lang].n;
      auto ids = e ? e->ActorIds() : std::vector<std::string>{};
      if (e) ids.push_back(e->place_id);
      if (std::any_of(ids.begin(), ids.end(), [&](const std::string& id) { return Within(a, id, f[6]); })) {
        ++places[lang].hit;
      }
      else WARN("place " << f[6] << " not found: " << f[2]);
    }
    // The disaster types never take a diplomatic event from these sentences.
    for (const auto& x : a.events) {
      INFO(x.type);
      CHECK((IsEmergency(x.type) || x.type == "casualties" || x.type == "statement" || x.type == "investigate"));
    }
  }
  CHECK(rows == 90);
  auto pct = [](const Score& s) { return s.n ? 100.0 * s.hit / s.n : 100.0; };
  for (const std::string lang : {"zh", "en"}) {
    WARN(lang << ": events " << events[lang].hit << "/" << events[lang].n << " (" << pct(events[lang])
              << "%), tolls " << tolls[lang].hit << "/" << tolls[lang].n << " (" << pct(tolls[lang])
              << "%), dates " << dates[lang].hit << "/" << dates[lang].n << " (" << pct(dates[lang])
              << "%), places " << places[lang].hit << "/" << places[lang].n << " (" << pct(places[lang]) << "%)");
    CHECK(pct(events[lang]) >= 85);
    CHECK(pct(tolls[lang]) >= 75);
    CHECK(pct(dates[lang]) >= 80);
  }
}

TEST_CASE("a road collision with its toll, dated yesterday", "[disasters]") {
  Analysis a = Analyse("昨天下午，一辆客车在XX国道XX县路段与货车相撞，造成6人死亡、3人重伤。", "zh", "2024-06-15");
  const Event* e = Find(a, "road_accident");
  REQUIRE(e);
  CHECK(e->cameo == "K21");
  CHECK(e->attributes.at("killed") == 6);
  CHECK(e->attributes.at("seriously_injured") == 3);
  CHECK(e->date.ToString() == "2024-06-14");
  // The deaths are the collision's, not an event of their own.
  CHECK(Find(a, "casualties") == nullptr);
}

TEST_CASE("a toll far after a disaster is not its toll", "[disasters]") {
  // Our own sentences: a fire, four sentences of other news, then a killing.
  Analysis a = Analyse(
      "A fire broke out at a power station in Ulan-Ude on Monday. The governor visited the site. The city restored "
      "heating by Tuesday. Schools reopened on Wednesday. Officials praised the firefighters. Gunmen killed twelve "
      "journalists in Paris in 2015.",
      "en", "2021-12-23");
  const Event* fire = Find(a, "fire");
  REQUIRE(fire);
  CHECK(fire->attributes.count("killed") == 0);
  // Told right after it, a toll is the disaster's.
  Analysis b = Analyse("A fire broke out at a power station in Ulan-Ude on Monday. Three workers were killed.", "en",
                       "2021-12-23");
  const Event* near = Find(b, "fire");
  REQUIRE(near);
  CHECK(near->attributes.count("killed") == 1);
}

TEST_CASE("the vehicle names the mode of a collision", "[disasters]") {
  CHECK(Find(Analyse("2024年6月3日，两艘货船在长江口相撞。", "zh", "2024-06-05"), "sea_accident"));
  CHECK(Find(Analyse("2024年6月3日，两列火车在山区相撞。", "zh", "2024-06-05"), "rail_accident"));
  CHECK(Find(Analyse("A helicopter crashed into a hillside on June 3, 2024.", "en", "2024-06-05"), "air_accident"));
  CHECK(Find(Analyse("A minibus crashed into a wall on June 3, 2024, killing four people.", "en", "2024-06-05"),
             "road_accident"));
}

TEST_CASE("English number words and figures after the verb", "[disasters]") {
  const Event* e = nullptr;
  Analysis a = Analyse("An earthquake struck the region on June 3, 2024; six people were killed and twenty-one injured.",
                       "en", "2024-06-05");
  e = Find(a, "earthquake");
  REQUIRE(e);
  CHECK(e->attributes.at("killed") == 6);
  CHECK(e->attributes.at("injured") == 21);
  a = Analyse("Floods on June 3, 2024, killed at least 12 people and forced 2,500 residents to flee.", "en", "2024-06-05");
  e = Find(a, "flood");
  REQUIRE(e);
  CHECK(e->attributes.at("killed") == 12);
}

TEST_CASE("no toll without a figure, and no figure from a sentence or a date", "[disasters]") {
  Analysis a = Analyse("法院判处3人死刑。", "zh", "2024-06-05");
  for (const auto& e : a.events) CHECK(e.attributes.count("killed") == 0);
  a = Analyse("2024年6月3日，一座仓库起火，无人员伤亡。", "zh", "2024-06-05");
  const Event* e = Find(a, "fire");
  REQUIRE(e);
  CHECK(e->attributes.empty());
  a = Analyse("A fire broke out at a market on June 3, 2024, but no one was hurt.", "en", "2024-06-05");
  e = Find(a, "fire");
  REQUIRE(e);
  CHECK(e->attributes.empty());
}

TEST_CASE("the seed's diplomatic vocabulary takes no disaster type", "[disasters]") {
  Analysis a = Analyse("2025年5月16日，俄乌双方代表团在伊斯坦布尔举行直接谈判，双方同意交换战俘。", "zh", "2025-05-17");
  REQUIRE(!a.events.empty());
  for (const auto& e : a.events) CHECK(!IsEmergency(e.type));
  a = Analyse("Talks collapsed on May 16, 2025, and the outbreak of war was recalled.", "en", "2025-05-17");
  for (const auto& e : a.events) CHECK(!IsEmergency(e.type));
}

bool Linked(const Analysis& a, const Event* from, const Event* to, LinkKind kind) {
  return from && to && std::any_of(a.links.begin(), a.links.end(), [&](const Link& l) {
    return l.from == from->id && l.to == to->id && l.kind == kind;
  });
}

TEST_CASE("随后 and 同时 opening a sentence link to the event before", "[disasters][links]") {
  Analysis a = Analyse("2024年6月3日，一辆货车在高速公路上起火。随后，车上的燃气罐发生爆炸。", "zh", "2024-06-05");
  CHECK(Linked(a, Find(a, "fire"), Find(a, "explosion"), LinkKind::kBefore));
  a = Analyse("2024年6月3日，一辆货车在高速公路上起火。与此同时，附近一辆客车侧翻。", "zh", "2024-06-05");
  CHECK(Linked(a, Find(a, "fire"), Find(a, "road_accident"), LinkKind::kOverlaps));
}

TEST_CASE("a lunar date that does not exist gives no date and no crash", "[disasters]") {
  Analysis a = Analyse("2024年腊月三十，一座仓库发生火灾。", "zh", "2025-03-01");
  for (const auto& t : a.times) CHECK(t.text.find("腊月") == std::string::npos);
  bool reported = std::any_of(a.diagnostics.begin(), a.diagnostics.end(), [](const Diagnostic& d) {
    return d.message.find("腊月三十") != std::string::npos;
  });
  CHECK(reported);
  const Event* e = Find(a, "fire");
  REQUIRE(e);
  CHECK(e->date_basis != "explicit");
}

TEST_CASE("a Traditional Chinese report reads like a Simplified one", "[disasters][traditional]") {
  // Names, triggers, times and figures: 颱風 → 台风, 烏克蘭 → 乌克兰, 兩列火車相撞.
  std::string text = "昨天下午，兩列火車在烏克蘭東部相撞，造成6人死亡、3人重傷。";
  Analysis a = Analyse(text, "zh", "2024-06-15");
  const Event* e = Find(a, "rail_accident");
  REQUIRE(e);
  CHECK(e->attributes.at("killed") == 6);
  CHECK(e->attributes.at("seriously_injured") == 3);
  CHECK(e->date.ToString() == "2024-06-14");
  auto ids = e->ActorIds();
  CHECK((e->place_id == "UKR" || std::find(ids.begin(), ids.end(), "UKR") != ids.end()));
  // What the analysis quotes is the original text, at the same offsets.
  CHECK(a.document.article.text == NormaliseText(text));
  for (const auto& m : e->mentions) CHECK(m.text == NormaliseText(text));
  Analysis b = Analyse("2023年9月1日，颱風「蘇拉」登陸廣東，當地緊急轉移群眾1.5萬人。", "zh", "2023-09-02");
  const Event* storm = Find(b, "storm");
  REQUIRE(storm);
  CHECK(storm->attributes.at("evacuated") == 15000);
  CHECK(storm->mentions.front().trigger == "颱風");
}

}  // namespace
}  // namespace kbq::ingest
