// Every exporter's output checked against its format, on hand-made events
// (partial dates, links) and on the seed store.
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/graphml.hpp>
#include <boost/property_map/dynamic_property_map.hpp>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "kbq/query/engine.h"
#include "kbq/query/export.h"
#include "kbq/query/render.h"
#include "kbq/store.h"
#include "query_test_util.h"

using nlohmann::json;
using namespace kbq;
using namespace kbq::query;

namespace {

Actor MakeActor(const std::string& id, const std::string& en, const std::string& zh) {
  Actor a;
  a.id = id;
  a.kind = ActorKind::kCountry;
  a.names["en"] = en;
  a.names["zh"] = zh;
  return a;
}

EventView MakeEvent(const std::string& id, const std::string& date, const std::string& type) {
  EventView v;
  v.event.id = id;
  v.event.type = type;
  v.event.date = TimeValue::Parse(date);
  v.event.participants = {{"FRA", Role::kSource}, {"DEU", Role::kTarget}};
  v.actors.emplace("FRA", MakeActor("FRA", "France", "法国"));
  v.actors.emplace("DEU", MakeActor("DEU", "Germany", "德国"));
  Mention m;
  m.article_id = "art-1";
  m.text = "The two governments met.";
  v.event.mentions.push_back(m);
  return v;
}

// Three events at day, month and year precision; a storyline link from the
// first to the second and one to an event outside the export.
std::vector<EventView> HandMade() {
  std::vector<EventView> v = {MakeEvent("ev-day", "2019-10-21", "meet"),
                              MakeEvent("ev-month", "2020-03", "negotiate"),
                              MakeEvent("ev-year", "2021", "agree")};
  Link l{"ev-day", "ev-month", LinkKind::kStoryline, "later talks", 0.8};
  v[0].links_out.push_back(l);
  v[1].links_in.push_back(l);
  v[2].links_out.push_back(Link{"ev-year", "ev-elsewhere", LinkKind::kCauses, "", 0.5});
  return v;
}

std::vector<EventView> SeedEvents() {
  StoreOptions o;
  o.read_only = true;
  auto store = Store::Open(query_test::SeedStore(), o);
  REQUIRE(store.ok());
  Engine engine(**store);
  TimelineQuery q;
  q.include_hidden = true;
  auto r = engine.Timeline(q);
  REQUIRE(r.ok());
  REQUIRE_FALSE(r->rows.empty());
  return r->rows;
}

void CheckTimelineJs(const std::vector<EventView>& events) {
  json j = json::parse(Export(events, ExportFormat::kTimelineJs, {}));
  REQUIRE(j["events"].is_array());
  std::set<std::string> ids;
  for (const auto& e : j["events"]) {
    INFO(e.dump());
    REQUIRE(e["start_date"].is_object());
    CHECK(e["start_date"]["year"].is_number_integer());
    if (e["start_date"].contains("day")) CHECK(e["start_date"].contains("month"));
    CHECK(e["unique_id"].is_string());
    CHECK(ids.insert(e["unique_id"].get<std::string>()).second);
    CHECK_FALSE(e["text"]["headline"].get<std::string>().empty());
  }
  size_t dated = 0;
  for (const auto& v : events) dated += v.event.date.ok() ? 1 : 0;
  CHECK(j["events"].size() == dated);
}

void CheckCytoscape(const std::vector<EventView>& events) {
  json j = json::parse(Export(events, ExportFormat::kCytoscape, {}));
  REQUIRE(j["elements"]["nodes"].is_array());
  REQUIRE(j["elements"]["edges"].is_array());
  std::set<std::string> nodes, edges;
  for (const auto& n : j["elements"]["nodes"]) {
    REQUIRE(n["data"]["id"].is_string());
    CHECK(nodes.insert(n["data"]["id"].get<std::string>()).second);
  }
  for (const auto& v : events) CHECK(nodes.count(v.event.id) == 1);
  for (const auto& e : j["elements"]["edges"]) {
    INFO(e.dump());
    REQUIRE(e["data"]["id"].is_string());
    CHECK(edges.insert(e["data"]["id"].get<std::string>()).second);
    CHECK(nodes.count(e["data"]["source"].get<std::string>()) == 1);
    CHECK(nodes.count(e["data"]["target"].get<std::string>()) == 1);
  }
}

struct V {
  std::string id, label;
};
struct E {
  std::string kind;
};
using G = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS, V, E>;

G ReadGraphMl(const std::string& text) {
  G g;
  boost::dynamic_properties dp(boost::ignore_other_properties);
  dp.property("node_id", boost::get(&V::id, g));
  dp.property("label", boost::get(&V::label, g));
  dp.property("kind", boost::get(&E::kind, g));
  std::istringstream in(text);
  boost::read_graphml(in, g, dp);
  return g;
}

void CheckGraphFormats(const std::vector<EventView>& events) {
  std::string graphml = Export(events, ExportFormat::kGraphMl, {});
  G g;
  REQUIRE_NOTHROW(g = ReadGraphMl(graphml));
  REQUIRE(boost::num_vertices(g) == events.size());
  std::set<std::string> ids;
  for (auto vd : boost::make_iterator_range(boost::vertices(g))) ids.insert(g[vd].id);
  for (const auto& v : events) CHECK(ids.count(v.event.id) == 1);

  std::string dot = Export(events, ExportFormat::kDot, {});
  REQUIRE_FALSE(dot.empty());
  CHECK(dot.rfind("digraph", 0) == 0);
  for (const auto& v : events) CHECK(dot.find(v.event.id) != std::string::npos);
}

}  // namespace

TEST_CASE("Export timelinejs: partial dates leave month and day out", "[query][export]") {
  auto events = HandMade();
  CheckTimelineJs(events);
  json j = json::parse(Export(events, ExportFormat::kTimelineJs, {}));
  REQUIRE(j["events"].size() == 3);
  CHECK(j["events"][0]["start_date"] == json{{"year", 2019}, {"month", 10}, {"day", 21}});
  CHECK(j["events"][1]["start_date"] == json{{"year", 2020}, {"month", 3}});
  CHECK(j["events"][2]["start_date"] == json{{"year", 2021}});
  CHECK(j["events"][0]["unique_id"] == "ev-day");
  CHECK(j["events"][0]["text"]["headline"] == "Meet: France – Germany");
  ExportOptions zh;
  zh.lang = "zh";
  json jz = json::parse(Export(events, ExportFormat::kTimelineJs, zh));
  CHECK(jz["events"][0]["text"]["headline"] == "Meet: 法国 – 德国");
}

TEST_CASE("Export cytoscape: every edge joins two nodes, outside links are left out",
          "[query][export]") {
  auto events = HandMade();
  CheckCytoscape(events);
  json j = json::parse(Export(events, ExportFormat::kCytoscape, {}));
  size_t storyline = 0;
  for (const auto& e : j["elements"]["edges"]) {
    if (e["data"]["kind"] == "storyline") ++storyline;
    CHECK(e["data"]["target"] != "ev-elsewhere");
  }
  CHECK(storyline == 1);  // stored on both ends, exported once
}

TEST_CASE("Export graphml and dot: Boost reads the GraphML back", "[query][export]") {
  auto events = HandMade();
  CheckGraphFormats(events);
  G g = ReadGraphMl(Export(events, ExportFormat::kGraphMl, {}));
  REQUIRE(boost::num_edges(g) == 1);
  auto ed = *boost::edges(g).first;
  CHECK(g[ed].kind == "storyline");
  CHECK(g[boost::source(ed, g)].id == "ev-day");
  CHECK(g[boost::target(ed, g)].id == "ev-month");
}

TEST_CASE("Export jsonl: one flat event per line", "[query][export]") {
  auto events = HandMade();
  std::istringstream in(Export(events, ExportFormat::kJsonl, {}));
  std::vector<json> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(json::parse(line));
  REQUIRE(lines.size() == 3);
  CHECK(lines[1]["date_start"] == "2020-03-01");
  CHECK(lines[1]["date_end"] == "2020-03-31");
  CHECK(lines[1]["date_precision"] == "month");
}

TEST_CASE("Export: every format is valid on the seed store", "[query][export][seed]") {
  auto events = SeedEvents();
  CheckTimelineJs(events);
  CheckCytoscape(events);
  CheckGraphFormats(events);
}

TEST_CASE("ParseExportFormat knows the five formats and nothing else", "[query][export]") {
  for (const char* f : {"timelinejs", "cytoscape", "graphml", "dot", "jsonl"}) {
    CHECK(ParseExportFormat(f).has_value());
  }
  CHECK_FALSE(ParseExportFormat("pdf").has_value());
  CHECK_FALSE(ParseExportFormat("").has_value());
}

TEST_CASE("Export timelinejs: evidence is HTML-escaped and each sentence appears once",
          "[query][export]") {
  auto events = HandMade();
  Mention m = events[0].event.mentions[0];
  m.text = "Talks <resumed> & went on.";
  m.begin = 10;
  m.end = 36;
  m.trigger = "Talks";
  events[0].event.mentions.push_back(m);
  m.trigger = "resumed";  // a second trigger in the same sentence
  events[0].event.mentions.push_back(m);
  json j = json::parse(Export(events, ExportFormat::kTimelineJs, {}));
  std::string text = j["events"][0]["text"]["text"];
  CHECK(text == "“The two governments met.”<br>“Talks &lt;resumed&gt; &amp; went on.”");
}
