#include "kbq/query/export.h"

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/graphml.hpp>
#include <boost/graph/graphviz.hpp>
#include <boost/property_map/dynamic_property_map.hpp>
#include <nlohmann/json.hpp>

#include <map>
#include <set>
#include <sstream>
#include <tuple>

#include "kbq/model_json.h"
#include "kbq/query/render.h"
#include "kbq/query/salience.h"

namespace kbq::query {
namespace {

using nlohmann::json;

// A TimelineJS3 date object: only the fields the precision supports.
json TimelineJsDate(int32_t day, Precision p) {
  int y;
  unsigned m, d;
  CivilFromDays(day, &y, &m, &d);
  json j = {{"year", y}};
  bool has_month = p == Precision::kDay || p == Precision::kMonth ||
                   p == Precision::kPartOfMonth || p == Precision::kSeason ||
                   p == Precision::kQuarter || p == Precision::kHalfYear;
  if (has_month || p == Precision::kRange) j["month"] = m;
  if (p == Precision::kDay || p == Precision::kPartOfMonth || p == Precision::kRange) j["day"] = d;
  return j;
}

// TimelineJS renders `text` as HTML.
std::string EscapeHtml(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '&': out += "&amp;"; break;
      default: out += c;
    }
  }
  return out;
}

// The sentences that mention the event, each once (two triggers in one
// sentence are one piece of evidence).
std::string Evidence(const Event& e) {
  std::string text;
  std::set<std::tuple<std::string, uint32_t, uint32_t>> seen;
  for (const auto& m : e.mentions) {
    if (!seen.insert({m.article_id, m.begin, m.end}).second) continue;
    if (!text.empty()) text += "<br>";
    text += "“" + EscapeHtml(m.text) + "”";
  }
  return text;
}

std::string PrimaryActor(const EventView& v, const std::string& lang) {
  for (const auto& p : v.event.participants) {
    auto it = v.actors.find(p.actor_id);
    return it == v.actors.end() ? p.actor_id : it->second.Name(lang);
  }
  return "other";
}

std::string ExportTimelineJs(const std::vector<EventView>& events, const ExportOptions& o) {
  json out;
  if (!o.title.empty()) out["title"] = {{"text", {{"headline", o.title}}}};
  out["events"] = json::array();
  for (const auto& v : events) {
    const Event& e = v.event;
    if (!e.date.ok()) continue;
    json item;
    item["unique_id"] = e.id;
    item["start_date"] = TimelineJsDate(e.date.earliest, e.date.precision);
    bool single_day = e.date.earliest == e.date.latest;
    bool whole_unit = e.date.precision == Precision::kMonth || e.date.precision == Precision::kYear;
    if (!single_day && !whole_unit) {
      item["end_date"] = TimelineJsDate(e.date.latest, e.date.precision);
    }
    // A whole month or year reads right from start_date alone.
    if (e.date.precision == Precision::kRange || e.date.approximate ||
        (!single_day && !whole_unit)) {
      item["display_date"] = e.date.ToString();
    }
    // The publication day stands in for a date the text did not give.
    if (DatedOnlyByReport(e)) item["display_date"] = "reported " + e.date.ToString();
    std::string text = Evidence(e);
    if (e.modality != Modality::kAsserted) {
      text = "[" + std::string(ModalityName(e.modality)) + "] " + text;
    }
    item["text"] = {{"headline", EventLabel(v, o.lang)}, {"text", text}};
    item["group"] = o.group_by == "actor" ? PrimaryActor(v, o.lang) : e.type;
    out["events"].push_back(std::move(item));
  }
  return out.dump(2) + "\n";
}

// Links among the exported events only, each once.
std::vector<Link> InternalLinks(const std::vector<EventView>& events) {
  std::set<std::string> ids;
  for (const auto& v : events) ids.insert(v.event.id);
  std::set<std::tuple<std::string, std::string, int>> seen;
  std::vector<Link> links;
  for (const auto& v : events) {
    for (const auto* list : {&v.links_out, &v.links_in}) {
      for (const auto& l : *list) {
        if (!ids.count(l.from) || !ids.count(l.to)) continue;
        if (!seen.insert({l.from, l.to, static_cast<int>(l.kind)}).second) continue;
        links.push_back(l);
      }
    }
  }
  return links;
}

std::string ExportCytoscape(const std::vector<EventView>& events, const ExportOptions& o) {
  json nodes = json::array(), edges = json::array();
  std::map<std::string, const Actor*> actors;
  for (const auto& v : events) {
    json data = EventToJson(v, o.lang);
    data.erase("links");
    data["kind"] = "event";
    data["date_text"] = v.event.date.ToString();
    nodes.push_back({{"data", data}, {"group", "nodes"}});
    for (const auto& p : v.event.participants) {
      if (auto it = v.actors.find(p.actor_id); it != v.actors.end()) actors[p.actor_id] = &it->second;
      edges.push_back({{"group", "edges"},
                       {"data",
                        {{"id", "p:" + v.event.id + ":" + p.actor_id},
                         {"source", p.actor_id},
                         {"target", v.event.id},
                         {"kind", "participant"},
                         {"role", RoleName(p.role)}}}});
    }
  }
  for (const auto& [id, a] : actors) {
    nodes.push_back({{"group", "nodes"},
                     {"data",
                      {{"id", id},
                       {"kind", "actor"},
                       {"actor_kind", ActorKindName(a->kind)},
                       {"label", a->Name(o.lang)}}}});
  }
  // Participation edges may name actors whose records were not loaded.
  for (const auto& v : events) {
    for (const auto& p : v.event.participants) {
      if (actors.count(p.actor_id)) continue;
      actors[p.actor_id] = nullptr;
      nodes.push_back(
          {{"group", "nodes"}, {"data", {{"id", p.actor_id}, {"kind", "actor"}, {"label", p.actor_id}}}});
    }
  }
  for (const auto& l : InternalLinks(events)) {
    edges.push_back({{"group", "edges"},
                     {"data",
                      {{"id", "l:" + l.from + ":" + std::string(LinkKindName(l.kind)) + ":" + l.to},
                       {"source", l.from},
                       {"target", l.to},
                       {"kind", LinkKindName(l.kind)},
                       {"evidence", l.evidence},
                       {"confidence", l.confidence}}}});
  }
  json out = {{"elements", {{"nodes", nodes}, {"edges", edges}}}};
  return out.dump(2) + "\n";
}

struct VertexProps {
  std::string id, label, date, type, modality;
};
struct EdgeProps {
  std::string kind, evidence;
  double confidence = 0;
};
using ExportGraph =
    boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS, VertexProps, EdgeProps>;

ExportGraph BuildGraph(const std::vector<EventView>& events, const ExportOptions& o) {
  ExportGraph g;
  std::map<std::string, ExportGraph::vertex_descriptor> index;
  for (const auto& v : events) {
    auto vd = boost::add_vertex(g);
    g[vd] = VertexProps{v.event.id, EventLabel(v, o.lang), v.event.date.ToString(), v.event.type,
                        std::string(ModalityName(v.event.modality))};
    index[v.event.id] = vd;
  }
  for (const auto& l : InternalLinks(events)) {
    auto [ed, added] = boost::add_edge(index[l.from], index[l.to], g);
    if (added) g[ed] = EdgeProps{std::string(LinkKindName(l.kind)), l.evidence, l.confidence};
  }
  return g;
}

boost::dynamic_properties Properties(ExportGraph& g) {
  boost::dynamic_properties dp(boost::ignore_other_properties);
  dp.property("node_id", boost::get(&VertexProps::id, g));
  dp.property("label", boost::get(&VertexProps::label, g));
  dp.property("date", boost::get(&VertexProps::date, g));
  dp.property("type", boost::get(&VertexProps::type, g));
  dp.property("modality", boost::get(&VertexProps::modality, g));
  dp.property("kind", boost::get(&EdgeProps::kind, g));
  dp.property("evidence", boost::get(&EdgeProps::evidence, g));
  dp.property("confidence", boost::get(&EdgeProps::confidence, g));
  return dp;
}

}  // namespace

std::optional<ExportFormat> ParseExportFormat(std::string_view name) {
  if (name == "timelinejs") return ExportFormat::kTimelineJs;
  if (name == "cytoscape") return ExportFormat::kCytoscape;
  if (name == "graphml") return ExportFormat::kGraphMl;
  if (name == "dot") return ExportFormat::kDot;
  if (name == "jsonl") return ExportFormat::kJsonl;
  return std::nullopt;
}

std::string Export(const std::vector<EventView>& events, ExportFormat format,
                   const ExportOptions& o) {
  switch (format) {
    case ExportFormat::kTimelineJs:
      return ExportTimelineJs(events, o);
    case ExportFormat::kCytoscape:
      return ExportCytoscape(events, o);
    case ExportFormat::kJsonl: {
      std::string out;
      for (const auto& v : events) {
        json j = EventToJson(v, o.lang);
        j.erase("links");
        // Flat columns first, for pandas.read_json(lines=True).
        j["date_start"] = v.event.date.ok() ? FormatDay(v.event.date.earliest) : "";
        j["date_end"] = v.event.date.ok() ? FormatDay(v.event.date.latest) : "";
        j["date_precision"] = PrecisionName(v.event.date.precision);
        out += j.dump() + "\n";
      }
      return out;
    }
    case ExportFormat::kGraphMl:
    case ExportFormat::kDot: {
      ExportGraph g = BuildGraph(events, o);
      boost::dynamic_properties dp = Properties(g);
      std::ostringstream out;
      if (format == ExportFormat::kGraphMl) {
        boost::write_graphml(out, g, boost::get(boost::vertex_index, g), dp, true);
      } else {
        boost::write_graphviz_dp(out, g, dp, "node_id");
      }
      return out.str();
    }
  }
  return {};
}

}  // namespace kbq::query
