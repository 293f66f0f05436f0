#include "kbq/query/render.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <sstream>

#include "kbq/model_json.h"

namespace kbq::query {
namespace {

const char* kDim = "\x1b[2m";
const char* kBold = "\x1b[1m";
const char* kYellow = "\x1b[33m";
const char* kReset = "\x1b[0m";

std::string Paint(const std::string& s, const char* code, bool color) {
  return color ? std::string(code) + s + kReset : s;
}

std::string NameOf(const EventView& v, const std::string& id, const std::string& lang) {
  auto it = v.actors.find(id);
  return it == v.actors.end() ? id : it->second.Name(lang);
}

// Type names as words: "phone_call" → "Phone call".
std::string TypeWords(const std::string& type) {
  std::string s = type.empty() ? "event" : type;
  std::replace(s.begin(), s.end(), '_', ' ');
  s[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(s[0])));
  return s;
}

// Display width of UTF-8 text: CJK counts two columns.
size_t Width(const std::string& s) {
  size_t w = 0;
  for (size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    size_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : 4;
    w += (len >= 3) ? 2 : 1;
    i += len;
  }
  return w;
}

std::string Pad(const std::string& s, size_t width) {
  size_t w = Width(s);
  return w >= width ? s + " " : s + std::string(width - w, ' ');
}

std::string DateText(const Event& e) {
  std::string d = e.date.ToString();
  if (e.date_basis == "publication") d = "reported " + d;
  return d;
}

}  // namespace

std::string EventLabel(const EventView& v, const std::string& lang) {
  const Event& e = v.event;
  if (auto it = e.labels.find(lang); it != e.labels.end() && !it->second.empty()) return it->second;
  if (auto it = e.labels.find("en"); it != e.labels.end() && !it->second.empty()) return it->second;
  std::string label = TypeWords(e.type) + ":";
  std::vector<std::string> sources, targets, others;
  for (const auto& p : e.participants) {
    auto& list = p.role == Role::kSource ? sources : p.role == Role::kTarget ? targets : others;
    list.push_back(NameOf(v, p.actor_id, lang));
  }
  auto join = [](const std::vector<std::string>& names) {
    std::string out;
    for (size_t i = 0; i < names.size(); ++i) out += (i ? ", " : "") + names[i];
    return out;
  };
  std::string parties = join(sources);
  if (!targets.empty()) parties += (parties.empty() ? "" : " → ") + join(targets);
  if (!others.empty()) parties += (parties.empty() ? "" : " – ") + join(others);
  if (!parties.empty()) label += " " + parties;
  if (!e.place_id.empty()) label += ", " + NameOf(v, e.place_id, lang);
  return label;
}

std::string RenderTimelineText(const TimelineResult& r, const RenderOptions& o) {
  std::ostringstream out;
  std::string who;
  for (size_t i = 0; i < r.subject.size(); ++i) {
    who += (i ? " with " : "") + r.subject[i].Name(o.lang) + " (" + r.subject[i].id + ")";
  }
  if (who.empty()) who = "all events";
  out << Paint("Timeline: " + who, kBold, o.color) << " — " << r.rows.size()
      << (r.rows.size() == 1 ? " event" : " events") << "\n";
  size_t date_w = 10;
  for (const auto& row : r.rows) date_w = std::max(date_w, Width(DateText(row.event)));
  for (const auto& row : r.rows) {
    const Event& e = row.event;
    std::string line = Pad(DateText(e), date_w + 1) + EventLabel(row, o.lang);
    if (e.modality != Modality::kAsserted && e.modality != Modality::kReported) {
      line += " " + Paint("[" + std::string(ModalityName(e.modality)) + "]", kYellow, o.color);
    }
    if (e.mentions.size() > 1) line += " (" + std::to_string(e.mentions.size()) + " mentions)";
    out << line << "  " << Paint(e.id, kDim, o.color) << "\n";
  }
  return out.str();
}

std::string RenderEventText(const EventView& v, const RenderOptions& o) {
  const Event& e = v.event;
  std::ostringstream out;
  out << Paint(EventLabel(v, o.lang), kBold, o.color) << "\n";
  out << "  id          " << e.id << "\n";
  out << "  type        " << e.type << (e.cameo.empty() ? "" : " (CAMEO " + e.cameo + ")") << "\n";
  out << "  date        " << e.date.ToString() << " (" << PrecisionName(e.date.precision)
      << (e.date_basis.empty() ? "" : ", " + e.date_basis) << ")\n";
  for (const auto& p : e.participants) {
    out << "  " << Pad(std::string(RoleName(p.role)), 12) << NameOf(v, p.actor_id, o.lang) << " ("
        << p.actor_id << ")\n";
  }
  if (!e.place_id.empty()) out << "  place       " << NameOf(v, e.place_id, o.lang) << "\n";
  out << "  modality    " << ModalityName(e.modality) << "\n";
  if (!e.attribution.actor_id.empty() || !e.attribution.cue.empty()) {
    out << "  according   "
        << (e.attribution.actor_id.empty() ? "" : NameOf(v, e.attribution.actor_id, o.lang))
        << (e.attribution.cue.empty() ? "" : " (" + e.attribution.cue + ")") << "\n";
  }
  out << "  confidence  " << e.confidence << "\n";
  for (const auto& [k, val] : e.attributes) out << "  " << Pad(k, 12) << val << "\n";
  out << "  mentions    " << e.mentions.size() << "\n";
  for (const auto& m : e.mentions) {
    std::string title;
    std::string published;
    for (const auto& a : v.articles) {
      if (a.id == m.article_id) {
        title = a.title;
        published = FormatDay(static_cast<int32_t>(a.published_utc / 86400));
      }
    }
    out << "    - " << m.article_id << " #" << m.sentence << " [" << m.begin << "," << m.end << ")"
        << (title.empty() ? "" : " " + title) << (published.empty() ? "" : " (" + published + ")")
        << "\n      " << Paint(m.text, kDim, o.color) << "\n";
  }
  for (const auto& l : v.links_out) {
    out << "  link        " << LinkKindName(l.kind) << " → " << l.to << "\n";
  }
  for (const auto& l : v.links_in) {
    out << "  link        " << LinkKindName(l.kind) << " ← " << l.from << "\n";
  }
  return out.str();
}

std::string RenderActorText(const ActorView& v, const RenderOptions& o) {
  const Actor& a = v.actor;
  std::ostringstream out;
  out << Paint(a.Name(o.lang), kBold, o.color) << "  (" << a.id << ", " << ActorKindName(a.kind)
      << (a.provisional ? ", provisional" : "") << ")\n";
  for (const auto& [lang, n] : a.names) out << "  name." << lang << "  " << n << "\n";
  for (const auto& [lang, list] : a.aliases) {
    std::string joined;
    for (const auto& n : list) joined += (joined.empty() ? "" : ", ") + n;
    out << "  alias." << lang << " " << joined << "\n";
  }
  for (const auto& p : a.part_of) out << "  part of   " << p << "\n";
  for (const auto& af : a.affiliations) {
    out << "  " << af.role << " of " << af.actor_id
        << (af.valid.ok() ? " (" + af.valid.ToString() + ")" : "") << "\n";
  }
  out << "  events    " << v.event_count << " direct, " << v.event_count_wide
      << " with its bodies, people and places\n";
  return out.str();
}

std::string RenderActorsText(const std::vector<ActorView>& actors, const RenderOptions& o) {
  std::ostringstream out;
  for (const auto& v : actors) {
    const Actor& a = v.actor;
    auto name = [&](const char* lang) {
      auto it = a.names.find(lang);
      return it == a.names.end() ? std::string("-") : it->second;
    };
    out << Pad(a.id, 28) << Pad(std::string(ActorKindName(a.kind)), 16) << Pad(name("en"), 34)
        << Pad(name("zh"), 16) << v.event_count_wide << "\n";
  }
  (void)o;
  return out.str();
}

nlohmann::json EventToJson(const EventView& v, const std::string& lang) {
  nlohmann::json j = v.event;
  j["label"] = EventLabel(v, lang);
  if (j.contains("actors") && j["actors"].is_array()) {
    for (auto& a : j["actors"]) {
      if (a.contains("id")) a["name"] = NameOf(v, a["id"].get<std::string>(), lang);
    }
  }
  if (!v.event.place_id.empty()) j["location_name"] = NameOf(v, v.event.place_id, lang);
  nlohmann::json links = nlohmann::json::array();
  for (const auto& l : v.links_out) links.push_back(l);
  for (const auto& l : v.links_in) links.push_back(l);
  j["links"] = links;
  return j;
}

nlohmann::json ActorToJson(const ActorView& v) {
  nlohmann::json j = v.actor;
  j["event_count"] = v.event_count;
  j["event_count_wide"] = v.event_count_wide;
  return j;
}

}  // namespace kbq::query
