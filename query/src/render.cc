#include "kbq/query/render.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>
#include <cstdio>
#include <sstream>
#include <tuple>

#include "kbq/model_json.h"
#include "kbq/query/salience.h"

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

// Display width of UTF-8 text on a terminal: CJK ideographs, kana, Hangul
// and fullwidth forms count two columns; ANSI colour codes count none.
size_t Width(const std::string& s) {
  size_t w = 0;
  for (size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c == 0x1b) {  // skip "\x1b[...m"
      size_t m = s.find('m', i);
      i = m == std::string::npos ? s.size() : m + 1;
      continue;
    }
    size_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : 4;
    char32_t cp = len == 1 ? c : c & (0x3F >> (len - 1));
    for (size_t k = 1; k < len && i + k < s.size(); ++k) {
      cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    }
    bool wide = (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) ||
                (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
                (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
                (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x20000 && cp <= 0x3FFFD);
    w += wide ? 2 : 1;
    i += len;
  }
  return w;
}

std::string Pad(const std::string& s, size_t width) {
  size_t w = Width(s);
  return w >= width ? s + " " : s + std::string(width - w, ' ');
}

std::string PadLeft(const std::string& s, size_t width) {
  size_t w = Width(s);
  return w >= width ? s : std::string(width - w, ' ') + s;
}

// Aligned columns; `right[i]` right-aligns column i. The last column is not
// padded (no trailing blanks).
std::string Table(const std::vector<std::vector<std::string>>& rows, const std::vector<bool>& right) {
  std::vector<size_t> width;
  for (const auto& r : rows) {
    for (size_t i = 0; i < r.size(); ++i) {
      if (width.size() <= i) width.push_back(0);
      width[i] = std::max(width[i], Width(r[i]));
    }
  }
  std::string out;
  for (const auto& r : rows) {
    std::string line;
    for (size_t i = 0; i < r.size(); ++i) {
      bool last = i + 1 == r.size();
      if (i) line += "  ";
      if (i < right.size() && right[i]) {
        line += PadLeft(r[i], width[i]);
      } else {
        line += last ? r[i] : r[i] + std::string(width[i] - Width(r[i]), ' ');
      }
    }
    out += line + "\n";
  }
  return out;
}

std::string DateText(const Event& e) {
  std::string d = e.date.ToString();
  if (DatedOnlyByReport(e)) d = "reported " + d;
  return d;
}

// The merge notes naming `v`'s event as the kept one, with the article that
// logged each (the view carries the articles of the event's mentions).
std::vector<std::pair<const Article*, const MergeNote*>> MergesInto(const EventView& v) {
  std::vector<std::pair<const Article*, const MergeNote*>> out;
  for (const auto& a : v.articles) {
    for (const auto& m : a.merges) {
      if (m.kept == v.event.id) out.push_back({&a, &m});
    }
  }
  return out;
}

}  // namespace

namespace {

// True when `a` belongs to `other`: a body or place inside it, or a person
// affiliated with it.
bool BelongsTo(const Actor& a, const std::string& other) {
  if (std::find(a.part_of.begin(), a.part_of.end(), other) != a.part_of.end()) return true;
  return std::any_of(a.affiliations.begin(), a.affiliations.end(),
                     [&](const Affiliation& af) { return af.actor_id == other; });
}

// The participants a label names, sources first: each name once; a country
// left out when a body, place or person of it is named beside it; at most
// three. The others (a talk's topic, a bystander) only when the event has no
// source or target: the label says who did what to whom.
std::vector<std::string> LabelParticipants(const EventView& v) {
  std::vector<std::string> ids;
  const bool sided = std::any_of(v.event.participants.begin(), v.event.participants.end(),
                                 [](const Participant& p) { return p.role != Role::kOther; });
  for (Role r : {Role::kSource, Role::kTarget, Role::kOther}) {
    if (r == Role::kOther && sided) break;
    for (const auto& p : v.event.participants) {
      if (p.role == r && std::find(ids.begin(), ids.end(), p.actor_id) == ids.end()) {
        ids.push_back(p.actor_id);
      }
    }
  }
  std::vector<std::string> out;
  for (const auto& id : ids) {
    bool covered = std::any_of(ids.begin(), ids.end(), [&](const std::string& other) {
      auto it = v.actors.find(other);
      return other != id && it != v.actors.end() && BelongsTo(it->second, id);
    });
    if (!covered) out.push_back(id);
  }
  return out;
}

// The type words of a label: the stored label up to its first separator
// (the lexicon's wording, "Talks halted"), else the type as words.
// `*zh` says whether they are Chinese (and take Chinese punctuation).
std::string LabelType(const Event& e, const std::string& lang, bool* zh) {
  for (const std::string& l : {lang, std::string("en")}) {
    auto it = e.labels.find(l);
    if (it == e.labels.end() || it->second.empty()) continue;
    const std::string& stored = it->second;
    size_t cut = std::min(stored.find("："), stored.find(": "));
    *zh = l == "zh";
    return cut == std::string::npos ? stored : stored.substr(0, cut);
  }
  *zh = false;
  return TypeWords(e.type);
}

}  // namespace

std::string EventLabel(const EventView& v, const std::string& lang) {
  const Event& e = v.event;
  // Event-stream rows keep the label their importer wrote ("USA: Consult → RUS").
  if (e.attributes.count("rows")) {
    for (const std::string& l : {lang, std::string("en")}) {
      if (auto it = e.labels.find(l); it != e.labels.end() && !it->second.empty()) return it->second;
    }
  }
  bool zh = false;
  std::string label = LabelType(e, lang, &zh);
  std::vector<std::string> names;
  for (const auto& id : LabelParticipants(v)) {
    std::string name = NameOf(v, id, lang);
    if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
    if (names.size() == 3) break;
  }
  // The place once: not when a participant is the place, bears its name or
  // belongs to it (a country's body at home).
  std::string place;
  if (!e.place_id.empty()) {
    place = NameOf(v, e.place_id, lang);
    bool named = std::find(names.begin(), names.end(), place) != names.end();
    for (const auto& p : e.participants) {
      auto it = v.actors.find(p.actor_id);
      named = named || p.actor_id == e.place_id ||
              (it != v.actors.end() && BelongsTo(it->second, e.place_id));
    }
    if (named) place.clear();
  }
  if (!names.empty() || !place.empty()) label += zh ? "：" : ": ";
  for (size_t i = 0; i < names.size(); ++i) label += (i ? " – " : "") + names[i];
  if (!place.empty()) label += (names.empty() ? "" : zh ? "，" : ", ") + place;
  return label;
}

namespace {
// The event column: label and modality mark.
std::string EventCell(const EventView& v, const RenderOptions& o) {
  const Event& e = v.event;
  std::string cell = EventLabel(v, o.lang);
  if (!v.related.empty()) cell += " (+" + std::to_string(v.related.size()) + " related)";
  if (e.modality != Modality::kAsserted && e.modality != Modality::kReported) {
    std::string mark = "[" + std::string(ModalityName(e.modality)) + "]";
    // Labels built upstream may already carry the mark.
    if (cell.find(mark) == std::string::npos) cell += " " + Paint(mark, kYellow, o.color);
  }
  return cell;
}

// date, event, mentions, id: the columns every event listing shares.
std::vector<std::string> EventCells(const EventView& v, const RenderOptions& o) {
  return {DateText(v.event), EventCell(v, o), std::to_string(DistinctMentions(v.event)),
          Paint(v.event.id, kDim, o.color)};
}
}  // namespace

Result<std::vector<std::string>> ParseTimelineColumns(std::string_view list) {
  std::vector<std::string> out;
  size_t pos = 0;
  while (pos <= list.size()) {
    size_t comma = std::min(list.find(',', pos), list.size());
    std::string word(list.substr(pos, comma - pos));
    pos = comma + 1;
    if (word.empty()) continue;
    if (std::none_of(std::begin(kTimelineColumns), std::end(kTimelineColumns),
                     [&](const char* c) { return word == c; })) {
      std::string known;
      for (const char* c : kTimelineColumns) known += (known.empty() ? "" : ", ") + std::string(c);
      return Status::InvalidArgument("unknown column '" + word + "' (use " + known + ")");
    }
    out.push_back(std::move(word));
  }
  return out;
}

namespace {

std::string FormatNumber(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", v);
  return buf;
}

// One timeline cell; `date` is the date cell already chosen.
std::string TimelineCell(const std::string& column, const EventView& v, const std::string& date,
                         const RenderOptions& o) {
  if (column == "date") return date;
  if (column == "event") return EventCell(v, o);
  if (column == "mentions") return std::to_string(DistinctMentions(v.event));
  if (column == "articles") return std::to_string(DistinctArticles(v.event));
  if (column == "sources") return std::to_string(v.sources);
  if (column == "salience") return FormatNumber(v.salience);
  if (column == "confidence") return FormatNumber(v.event.confidence);
  return Paint(v.event.id, kDim, o.color);
}

// "12 rows hidden: 8 dated only by their report (--include-reported), ..."
std::string HiddenNote(const TimelineResult& r) {
  const TimelineHidden& h = r.hidden;
  std::vector<std::string> parts;
  auto add = [&](size_t n, const std::string& what) {
    if (n > 0) parts.push_back(std::to_string(n) + " " + what);
  };
  add(h.below_top, "below the top " + std::to_string(r.top) + " (--top 0 shows all)");
  add(h.reported, "dated only by their report (--include-reported)");
  add(h.minor, "minor one-participant events (--all)");
  add(h.negated, "negated or counterfactual (--all)");
  add(h.few_mentions, "with fewer mentions (lower --min-mentions)");
  add(h.few_sources, "with fewer sources (lower --min-sources)");
  add(h.coarse, "dated more coarsely than the window (--all)");
  add(h.weak, "weak (salience under 2, --all)");
  add(h.folded, "told again by a row of the same day and sides (+N related; --all)");
  if (parts.empty()) return "";
  std::string note = std::to_string(h.total()) + (h.total() == 1 ? " row" : " rows") + " hidden: ";
  for (size_t i = 0; i < parts.size(); ++i) note += (i ? ", " : "") + parts[i];
  return note + "\n";
}

}  // namespace

std::string RenderTimelineText(const TimelineResult& r, const RenderOptions& o) {
  std::ostringstream out;
  std::string who;
  for (size_t i = 0; i < r.subject.size(); ++i) {
    who += (i ? " with " : "") + r.subject[i].Name(o.lang) + " (" + r.subject[i].id + ")";
  }
  if (who.empty()) who = "all events";
  // One painted span, so the header reads the same with and without colour.
  out << Paint("Timeline: " + who + " — " + std::to_string(r.rows.size()) +
                   (r.rows.size() == 1 ? " event" : " events"),
               kBold, o.color)
      << "\n";
  if (!r.resolution_note.empty()) out << "(" << r.resolution_note << ")\n";
  std::string note = HiddenNote(r);
  if (r.rows.empty()) return out.str() + note;
  std::vector<std::string> columns = o.columns;
  if (columns.empty()) columns = {"date", "event", "mentions", "id"};
  // One table for both parts, so their columns line up; the headings of
  // the undated part go in between afterwards.
  const bool by_date = r.sort == TimelineSort::kDate;
  std::vector<std::vector<std::string>> rows = {columns};
  std::vector<std::string> heading_before(1);  // per table row
  std::string last_day;
  for (const auto& row : r.rows) {
    std::string date = DateText(row.event), heading;
    if (DatedOnlyByReport(row.event)) {
      std::string day = row.event.date.ToString();
      if (by_date && day != last_day) {
        heading = "reported on " + day + ", no date of its own";
      } else if (!by_date && last_day.empty()) {
        heading = "reported, no date of their own";
      }
      last_day = day;
      if (by_date) date.clear();
    }
    std::vector<std::string> cells;
    for (const auto& c : columns) cells.push_back(TimelineCell(c, row, date, o));
    rows.push_back(std::move(cells));
    heading_before.push_back(std::move(heading));
  }
  std::vector<bool> right;
  for (const auto& c : columns) {
    right.push_back(c == "mentions" || c == "articles" || c == "sources" || c == "salience" ||
                    c == "confidence");
  }
  std::istringstream table(Table(rows, right));
  std::string line;
  for (size_t i = 0; std::getline(table, line); ++i) {
    if (i < heading_before.size() && !heading_before[i].empty()) {
      out << "\n" << Paint(heading_before[i], kBold, o.color) << "\n";
    }
    out << line << "\n";
  }
  return out.str() + (note.empty() ? "" : "\n" + note);
}

std::string RenderNeighboursText(const std::string& title, const std::vector<NeighbourView>& rows,
                                 const RenderOptions& o) {
  std::ostringstream out;
  out << Paint(title + " — " + std::to_string(rows.size()) + (rows.size() == 1 ? " event" : " events"),
               kBold, o.color)
      << "\n";
  auto via_text = [](const NeighbourView& r) -> std::string {
    if (!r.via) return "start";
    std::string kind(LinkKindName(r.via->kind));
    return r.via->to == r.view.event.id ? "→ " + kind : "← " + kind;
  };
  if (rows.empty()) return out.str();
  std::vector<std::vector<std::string>> cells = {{"hops", "via", "date", "event", "mentions", "id"}};
  for (const auto& r : rows) {
    std::vector<std::string> row = {std::to_string(r.hops), via_text(r)};
    for (auto& c : EventCells(r.view, o)) row.push_back(std::move(c));
    cells.push_back(std::move(row));
  }
  out << Table(cells, {true, false, false, false, true, false});
  return out.str();
}

std::string RenderPathText(const PathView& p, const RenderOptions& o) {
  std::vector<NeighbourView> rows = p.steps;
  std::ostringstream title;
  title << "Path: " << (p.steps.empty() ? 0 : p.steps.size() - 1) << " links";
  return RenderNeighboursText(title.str(), rows, o);
}

std::string RenderEventText(const EventView& v, const RenderOptions& o) {
  const Event& e = v.event;
  std::ostringstream out;
  out << Paint(EventLabel(v, o.lang), kBold, o.color) << "\n";
  out << "  id          " << e.id << "\n";
  // K codes are kbq's own for disasters and accidents (docs/extraction.md), not CAMEO.
  std::string code_name = !e.cameo.empty() && e.cameo[0] == 'K' ? "code " : "CAMEO ";
  out << "  type        " << e.type << (e.cameo.empty() ? "" : " (" + code_name + e.cameo + ")") << "\n";
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
  out << "  mentions    " << DistinctMentions(e) << "\n";
  // Grouped by article; two triggers in one sentence print once.
  std::vector<std::string> order;
  std::map<std::string, std::vector<const Mention*>> by_article;
  for (const auto& m : e.mentions) {
    auto& list = by_article[m.article_id];
    if (list.empty()) order.push_back(m.article_id);
    bool dup = false;
    for (const Mention* seen : list) dup = dup || (seen->begin == m.begin && seen->end == m.end);
    if (!dup) list.push_back(&m);
  }
  for (const auto& article_id : order) {
    std::string title, published;
    for (const auto& a : v.articles) {
      if (a.id != article_id) continue;
      title = a.title;
      published = FormatDay(static_cast<int32_t>(a.published_utc / 86400));
    }
    out << "    " << article_id << (title.empty() ? "" : "  " + title)
        << (published.empty() ? "" : " (" + published + ")") << "\n";
    for (const Mention* m : by_article[article_id]) {
      out << "      #" << Pad(std::to_string(m->sentence), 4) << Paint(m->text, kDim, o.color) << "\n";
    }
  }
  // The merge log: which extracted events became mentions of this one.
  for (const auto& [a, m] : MergesInto(v)) {
    out << "  merged      " << m->absorbed << " of " << a->id
        << (m->across_articles ? " (into the stored event)" : "")
        << (m->reason.empty() ? "" : "  " + m->reason) << "\n";
  }
  auto describe = [&](const std::string& id) {
    for (const auto& other : v.linked) {
      if (other.event.id == id) {
        return id + "  " + other.event.date.ToString() + "  " + EventLabel(other, o.lang);
      }
    }
    return id;
  };
  for (const auto& l : v.links_out) {
    out << "  link        " << Pad(std::string(LinkKindName(l.kind)) + " →", 12) << describe(l.to)
        << "\n";
  }
  for (const auto& l : v.links_in) {
    out << "  link        " << Pad(std::string(LinkKindName(l.kind)) + " ←", 12) << describe(l.from)
        << "\n";
  }
  return out.str();
}

std::string RenderActorText(const ActorView& v, const RenderOptions& o) {
  const Actor& a = v.actor;
  std::ostringstream out;
  out << Paint(a.Name(o.lang), kBold, o.color) << "  (" << a.id << ", " << ActorKindName(a.kind)
      << (a.provisional ? ", provisional" : "") << ")\n";
  for (const auto& [lang, n] : a.names) out << "  " << Pad("name." + lang, 12) << n << "\n";
  for (const auto& [lang, list] : a.aliases) {
    std::string joined;
    for (const auto& n : list) joined += (joined.empty() ? "" : ", ") + n;
    out << "  " << Pad("alias." + lang, 12) << joined << "\n";
  }
  for (const auto& p : a.part_of) out << "  part of     " << p << "\n";
  if (a.coordinates) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.5f, %.5f", a.coordinates->lat, a.coordinates->lon);
    out << "  " << Pad("lat, lon", 12) << buf << "\n";
  }
  for (const auto& af : a.affiliations) {
    out << "  " << Pad(af.role, 12) << af.actor_id
        << (af.valid.ok() ? " (" + af.valid.ToString() + ")" : "") << "\n";
  }
  out << "  events      " << v.event_count << " direct, " << v.event_count_wide
      << " with its bodies, people and places\n";
  return out.str();
}

std::string RenderActorsText(const std::vector<ActorView>& actors, const RenderOptions& o) {
  if (actors.empty()) return "";
  std::vector<std::vector<std::string>> rows = {{"id", "kind", "en", "zh", "events"}};
  for (const auto& v : actors) {
    const Actor& a = v.actor;
    auto name = [&](const char* lang) {
      auto it = a.names.find(lang);
      return it == a.names.end() ? std::string("-") : it->second;
    };
    rows.push_back({Paint(a.id, kDim, o.color), std::string(ActorKindName(a.kind)), name("en"),
                    name("zh"), std::to_string(v.event_count_wide)});
  }
  return Table(rows, {false, false, false, false, true});
}

nlohmann::json EventToJson(const EventView& v, const std::string& lang) {
  nlohmann::json j = v.event;
  j["label"] = EventLabel(v, lang);
  j["salience"] = std::round(v.salience * 1000) / 1000;
  j["sources"] = v.sources;
  if (!v.related.empty()) j["related"] = v.related;
  if (j.contains("actors") && j["actors"].is_array()) {
    for (auto& a : j["actors"]) {
      if (!a.contains("id")) continue;
      std::string id = a["id"].get<std::string>();
      a["name"] = NameOf(v, id, lang);
      // A person stands for a country or organisation: the first affiliation.
      auto it = v.actors.find(id);
      if (it != v.actors.end() && it->second.kind == ActorKind::kPerson && !it->second.affiliations.empty()) {
        a["affiliation"] = it->second.affiliations.front().actor_id;
      }
    }
  }
  if (!v.event.place_id.empty()) j["location_name"] = NameOf(v, v.event.place_id, lang);
  if (!v.event.attribution.actor_id.empty()) {
    j["attribution"]["name"] = NameOf(v, v.event.attribution.actor_id, lang);
    // Whom a speaking person stands for, as for the sides.
    auto it = v.actors.find(v.event.attribution.actor_id);
    if (it != v.actors.end() && it->second.kind == ActorKind::kPerson && !it->second.affiliations.empty()) {
      j["attribution"]["affiliation"] = it->second.affiliations.front().actor_id;
    }
  }
  nlohmann::json links = nlohmann::json::array();
  for (const auto& l : v.links_out) links.push_back(l);
  for (const auto& l : v.links_in) links.push_back(l);
  j["links"] = links;
  nlohmann::json merged = nlohmann::json::array();
  for (const auto& [a, m] : MergesInto(v)) {
    nlohmann::json n = *m;
    n["article"] = a->id;
    merged.push_back(std::move(n));
  }
  if (!merged.empty()) j["merged"] = std::move(merged);
  return j;
}

nlohmann::json NeighbourToJson(const NeighbourView& v, const std::string& lang) {
  nlohmann::json j = EventToJson(v.view, lang);
  j["hops"] = v.hops;
  j["via"] = v.via ? nlohmann::json(*v.via) : nlohmann::json();
  return j;
}

nlohmann::json ActorToJson(const ActorView& v) {
  nlohmann::json j = v.actor;
  j["event_count"] = v.event_count;
  j["event_count_wide"] = v.event_count_wide;
  return j;
}

}  // namespace kbq::query
