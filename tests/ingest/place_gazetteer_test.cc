// Tests of the generated places (ISO 3166-2 regions and GeoNames cities,
// tools/gen_places.cc) and of the rules that read them in text
// (ingest/src/actors/place_gazetteer.h). Sentences are our own.
#include <algorithm>
#include <set>
#include <string>

#include <catch2/catch.hpp>

#include "kbq/ingest/gazetteer.h"

using kbq::Actor;
using kbq::ingest::ActorMention;
using kbq::ingest::Gazetteer;

namespace {

const Gazetteer& Places() {
  static std::unique_ptr<Gazetteer> g = [] {
    auto r = Gazetteer::LoadBuiltin();
    if (!r.ok()) FAIL("LoadBuiltin: " << r.status().ToString());
    return std::move(r).value();
  }();
  return *g;
}

// The actor id matched on exactly `surface`, or "" when none.
std::string IdAt(const std::string& text, const std::string& surface) {
  auto ms = Places().Match(text);
  size_t b = text.find(surface);
  for (const ActorMention& m : ms) {
    if (m.begin == b && m.end == b + surface.size()) return m.actor_id;
  }
  return "";
}

const Actor* CityNamed(const std::string& en, const std::string& country) {
  for (const Actor& a : Places().actors()) {
    if (a.id.rfind("place:gn-", 0) != 0 || a.Name("en") != en) continue;
    auto anc = Places().Ancestors(a.id, 0);
    if (std::find(anc.begin(), anc.end(), country) != anc.end()) return &a;
  }
  return nullptr;
}

}  // namespace

TEST_CASE("Places: generation from iso-codes and libgeonames gives regions and cities", "[ingest][places]") {
  size_t regions = 0, cities = 0, with_zh = 0, with_coords = 0;
  for (const Actor& a : Places().actors()) {
    if (a.id.rfind("place:gn-", 0) == 0) {
      ++cities;
      with_zh += a.names.count("zh");
      with_coords += a.coordinates.has_value();
    } else if (a.id.size() > 8 && a.id.rfind("place:", 0) == 0 && a.id[8] == '-') {
      ++regions;
    }
  }
  CHECK(regions > 3000);   // ISO 3166-2 first-level subdivisions
  CHECK(cities > 23000);   // cities15000, minus the few that fold into hand-written places
  CHECK(with_zh > 8000);
  CHECK(with_coords == cities);

  const Actor* hebei = Places().Find("place:CN-HE");
  REQUIRE(hebei != nullptr);
  CHECK(hebei->Name("zh") == "河北省");
  CHECK(hebei->part_of == std::vector<std::string>{"CHN"});
  REQUIRE(Places().Find("place:CN-BJ") != nullptr);
  CHECK(Places().Find("place:CN-BJ")->Name("zh") == "北京市");
  const Actor* kharkiv_oblast = Places().Find("place:UA-63");
  REQUIRE(kharkiv_oblast != nullptr);
  CHECK(Places().Resolve("Kharkiv Oblast").front() == kharkiv_oblast);

  const Actor* sjz = CityNamed("Shijiazhuang", "CHN");
  REQUIRE(sjz != nullptr);
  CHECK(sjz->Name("zh") == "石家庄市");
  CHECK(sjz->part_of == std::vector<std::string>{"place:CN-HE"});
  REQUIRE(sjz->coordinates);
  CHECK(sjz->coordinates->lat == Approx(38.04).margin(0.1));
  CHECK(sjz->coordinates->lon == Approx(114.48).margin(0.1));
  CHECK(Places().Ancestors(sjz->id, 0) == std::vector<std::string>{"place:CN-HE", "CHN"});
}

TEST_CASE("Places: a generated city that repeats a hand-written place folds into it", "[ingest][places]") {
  const Actor* kharkiv = Places().Find("place:kharkiv");
  REQUIRE(kharkiv != nullptr);
  REQUIRE(kharkiv->coordinates);
  CHECK(kharkiv->coordinates->lat == Approx(49.98).margin(0.1));
  CHECK(CityNamed("Kharkiv", "UKR") == nullptr);
  CHECK(IdAt("Shelling hit Kharkiv overnight.", "Kharkiv") == "place:kharkiv");
}

TEST_CASE("Places: Chinese regions and cities in text", "[ingest][places]") {
  std::string t = "河北省石家庄市一座仓库昨晚起火。";
  CHECK(IdAt(t, "河北省") == "place:CN-HE");
  CHECK(IdAt(t, "石家庄市") == CityNamed("Shijiazhuang", "CHN")->id);
  // 平原 is a county and a word: inside 华北平原 it is neither.
  CHECK(IdAt("华北平原上普降大雨。", "平原").empty());
}

TEST_CASE("Places: English city names that are common words need evidence", "[ingest][places]") {
  const Actor* mobile = CityNamed("Mobile", "USA");
  REQUIRE(mobile != nullptr);
  CHECK(IdAt("Mobile phone sales fell in the spring.", "Mobile").empty());
  CHECK(IdAt("A tornado struck Mobile, Alabama, on Monday.", "Mobile") == mobile->id);
  CHECK(IdAt("Flooding closed two roads in Mobile on Monday.", "Mobile") == mobile->id);
  CHECK(IdAt("Reading the statement aloud, she paused.", "Reading").empty());
  CHECK(IdAt("Nice weather helped the harvest.", "Nice").empty());
  CHECK(IdAt("The festival in Nice drew large crowds.", "Nice") == CityNamed("Nice", "FRA")->id);
  CHECK(IdAt("Split decisions are rare in this court.", "Split").empty());
  CHECK(IdAt("Police said the road was closed.", "Police").empty());
  // Part of a longer name: a first name, a square.
  CHECK(IdAt("Victoria Nuland met officials in Washington.", "Victoria").empty());
  CHECK(IdAt("Crowds gathered near Independence Square in Kyiv.", "Independence").empty());
  // Lower case is never a generated place.
  CHECK(IdAt("the nice thing about it", "nice").empty());
}

TEST_CASE("Places: same-named places follow the article's countries, then size", "[ingest][places]") {
  // Paris is also France's government in the hand-written metonyms, which win.
  CHECK(IdAt("Talks resumed in Paris on Friday.", "Paris") == "FRA");
  const Actor* valencia_es = CityNamed("Valencia", "ESP");
  const Actor* valencia_ve = CityNamed("Valencia", "VEN");
  REQUIRE(valencia_es != nullptr);
  REQUIRE(valencia_ve != nullptr);
  CHECK(IdAt("Floods swept through Valencia after days of rain in Spain.", "Valencia") == valencia_es->id);
  CHECK(IdAt("Power returned to Valencia on Monday.", "Valencia") == valencia_ve->id);  // the larger
  // Georgia: the country unless the article's other places say the US state.
  CHECK(IdAt("Russia and Georgia resumed flights.", "Georgia") == "GEO");
  CHECK(Places().Find("place:US-GA") == nullptr);  // folded into the hand-written US state
  CHECK(IdAt("A storm hit Atlanta, Georgia, on Sunday.", "Georgia") == "place:georgia-us");
}

TEST_CASE("Places: a known person's name is not taken by a generated place", "[ingest][places]") {
  // Obama is also a city in Japan.
  auto ms = Places().Match("Former President Barack Obama spoke in Chicago.");
  bool place_obama = std::any_of(ms.begin(), ms.end(), [](const ActorMention& m) {
    return m.text == "Obama" && m.actor_id.rfind("place:", 0) == 0;
  });
  CHECK_FALSE(place_obama);
}

TEST_CASE("Places: bad input does not crash the place rules", "[ingest][places]") {
  std::string long_name;
  for (int i = 0; i < 1000; ++i) long_name += "河";
  CHECK_NOTHROW(Places().Match(long_name + "县发生地震。"));
  std::string en(1000, 'A');
  CHECK_NOTHROW(Places().Match("Floods in " + en + " and in Paris."));
  CHECK_NOTHROW(Places().Match("货车在国道上相撞。"));
  CHECK_NOTHROW(Places().Match(std::string("\xE6\xB2\xB3\xE5", 4)));  // truncated UTF-8
}

namespace {

// The provisional place matched on `surface` (first occurrence), or nullptr.
const Actor* ProvisionalAt(const std::string& text, const std::string& surface, std::vector<Actor>* store) {
  store->clear();
  auto ms = Places().Match(text, store);
  size_t b = text.find(surface);
  for (const ActorMention& m : ms) {
    if (m.begin != b || m.end != b + surface.size() || !m.provisional) continue;
    for (const Actor& a : *store) {
      if (a.id == m.actor_id) return &a;
    }
  }
  return nullptr;
}

}  // namespace

TEST_CASE("Places: Chinese places the gazetteer lacks are found by their structure", "[ingest][places]") {
  std::vector<Actor> prov;
  std::string t = "河北省邢台市临城县一处在建厂房发生坍塌。";
  const Actor* county = ProvisionalAt(t, "临城县", &prov);
  REQUIRE(county != nullptr);
  CHECK(county->kind == kbq::ActorKind::kPlace);
  CHECK(county->Name("zh") == "临城县");
  REQUIRE(CityNamed("Xingtai", "CHN") != nullptr);
  CHECK(county->part_of == std::vector<std::string>{CityNamed("Xingtai", "CHN")->id});

  // A national road with its kilometre mark; a county after it.
  std::string road = "一辆客车在G107国道K1234+500处与货车相撞。";
  const Actor* g107 = ProvisionalAt(road, "G107国道K1234+500", &prov);
  REQUIRE(g107 != nullptr);
  CHECK(g107->Name("zh") == "G107国道");
  std::string two = "事故发生在湖南省境内京港澳高速长沙段，随后在浏阳市某村再次发生。";
  CHECK(ProvisionalAt(two, "京港澳高速", &prov) != nullptr);
  // Facilities after a known place, and streets.
  CHECK(ProvisionalAt("从上海浦东国际机场起飞的航班恢复正常。", "浦东国际机场", &prov) != nullptr);
  CHECK(ProvisionalAt("上海市淮海中路一家商场发生火灾。", "淮海中路", &prov) != nullptr);
}

TEST_CASE("Places: ordinary Chinese words with a place suffix are not places", "[ingest][places]") {
  std::vector<Actor> prov;
  for (const char* text : {"城市里的超市和社区都恢复了供电。", "一辆货车在国道上侧翻。", "他们在网站上发布了车站的消息。",
                           "全省各地迅速行动，加强道路巡查。", "该县和本市的灾区需要援助。"}) {
    prov.clear();
    Places().Match(text, &prov);
    bool any_place = std::any_of(prov.begin(), prov.end(), [](const Actor& a) { return a.kind == kbq::ActorKind::kPlace; });
    INFO(text);
    CHECK_FALSE(any_place);
  }
}

TEST_CASE("Places: an unknown English place after in/near/outside, with its parent", "[ingest][places]") {
  std::vector<Actor> prov;
  std::string t = "Drones struck a power station near Hrabovske, Sumy region, on Tuesday.";
  const Actor* village = ProvisionalAt(t, "Hrabovske", &prov);
  REQUIRE(village != nullptr);
  CHECK(village->part_of == std::vector<std::string>{"place:UA-59"});
  CHECK(ProvisionalAt("The vote in Congress was delayed until January.", "Congress", &prov) == nullptr);
  CHECK(ProvisionalAt("Talks in January went nowhere.", "January", &prov) == nullptr);
  // No known place to attach it to: not a place.
  CHECK(ProvisionalAt("She lived in Springwood for years.", "Springwood", &prov) == nullptr);
}

TEST_CASE("Places: a region longer than a country's name inside it is the region", "[ingest][places]") {
  // Hand-written countries win at equal length, but "Northern Ireland" is a
  // part of the United Kingdom, not Ireland, and New Mexico is no Mexico.
  CHECK(IdAt("Police detained four men in Northern Ireland on Tuesday.", "Northern Ireland") == "place:GB-NIR");
  CHECK(IdAt("Wildfires spread across New Mexico last week.", "New Mexico") == "place:US-NM");
  CHECK(IdAt("Wildfires spread across New Mexico last week.", "Mexico").empty());
  // The UK's nations and other first-level regions need no preposition.
  CHECK(IdAt("Scotland voted against independence in 2014.", "Scotland") == "place:GB-SCT");
  CHECK(IdAt("The minister toured Wales and Scotland.", "Wales") == "place:GB-WLS");
}

TEST_CASE("Places: short or common-word generated names need the sentence's evidence", "[ingest][places]") {
  // The article names Turkey, which has a town called Of: "Of course" is
  // still no place, nor is the UN the Indian town of that name: it is the
  // United Nations.
  CHECK(IdAt("Turkey hosted the talks. Of course, both sides came.", "Of").empty());
  CHECK(IdAt("India raised the matter at the UN on Monday.", "UN") == "org:un");
  // A region named by a common word (Ghana's Western) needs its country beside it.
  CHECK(IdAt("Ghana said funds were held in Western banks.", "Western").empty());
  // A small town named by a time is not generated: "in March" is a month.
  CHECK(IdAt("Britain said the law takes effect in March.", "March").empty());
  // A country's own name is not a same-named town of another country the
  // article names (Mexico, Pampanga in the Philippines).
  CHECK(IdAt("The Philippines and Mexico signed a trade deal.", "Mexico") == "MEX");
}

TEST_CASE("Places: a country's name is the country, not a same-named region of another named country",
          "[ingest][places]") {
  // Nigeria has a Niger State; "Niger's ambassador" is the country Niger.
  CHECK(IdAt("Niger's ambassador was summoned by Nigeria on Tuesday.", "Niger") == "NER");
}
