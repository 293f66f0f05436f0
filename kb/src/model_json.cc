#include "kbq/model_json.h"

#include <nlohmann/json.hpp>

#include <stdexcept>

namespace kbq {
namespace {

using nlohmann::json;

template <typename T>
T Get(const json& j, const char* key, T fallback) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return fallback;
  return it->get<T>();
}

template <typename E>
E ParseEnum(const json& j, const char* key, E fallback,
            std::optional<E> (*parse)(std::string_view)) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return fallback;
  std::string name = it->get<std::string>();
  std::optional<E> v = parse(name);
  if (!v) throw std::invalid_argument(std::string("unknown ") + key + " '" + name + "'");
  return *v;
}

json DayOrNull(int32_t day) { return day == TimeValue::kNoDay ? json() : json(FormatDay(day)); }

int32_t ParseDay(const json& j) {
  if (j.is_null()) return TimeValue::kNoDay;
  std::string text = j.get<std::string>();
  TimeValue t = TimeValue::Parse(text);
  if (!t.ok() || t.precision != Precision::kDay) {
    throw std::invalid_argument("malformed day '" + text + "' (want YYYY-MM-DD)");
  }
  return t.earliest;
}

}  // namespace

void to_json(json& j, const TimeValue& t) {
  bool known = t.ok();
  j = json{{"start", known ? DayOrNull(t.earliest) : json()},
           {"end", known ? DayOrNull(t.latest) : json()},
           {"precision", std::string(PrecisionName(t.precision))},
           {"text", t.ToString()},
           {"approx", t.approximate}};
}

void from_json(const json& j, TimeValue& t) {
  TimeValue out;
  out.earliest = j.contains("start") ? ParseDay(j.at("start")) : TimeValue::kNoDay;
  out.latest = j.contains("end") ? ParseDay(j.at("end")) : out.earliest;
  out.precision = ParseEnum<Precision>(j, "precision", Precision::kUnknown, &ParsePrecision);
  out.approximate = Get<bool>(j, "approx", false);
  t = out;
}

void to_json(json& j, const MergeNote& m) {
  j = json{{"absorbed", m.absorbed},
           {"kept", m.kept},
           {"reason", m.reason},
           {"across_articles", m.across_articles}};
}

void from_json(const json& j, MergeNote& m) {
  m.absorbed = j.at("absorbed").get<std::string>();
  m.kept = j.at("kept").get<std::string>();
  m.reason = Get<std::string>(j, "reason", "");
  m.across_articles = Get<bool>(j, "across_articles", false);
}

void to_json(json& j, const Article& a) {
  j = json{{"id", a.id},
           {"source", a.source},
           {"url", a.url},
           {"title", a.title},
           {"language", a.language},
           {"published_utc", a.published_utc},
           {"published_offset_minutes",
            a.published_offset_minutes ? json(*a.published_offset_minutes) : json()},
           {"text", a.text},
           {"ingested_utc", a.ingested_utc},
           {"path", a.path},
           {"merges", a.merges}};
}

void from_json(const json& j, Article& a) {
  a.id = j.at("id").get<std::string>();
  a.source = Get<std::string>(j, "source", "");
  a.url = Get<std::string>(j, "url", "");
  a.title = Get<std::string>(j, "title", "");
  a.language = Get<std::string>(j, "language", "");
  a.published_utc = Get<int64_t>(j, "published_utc", 0);
  a.published_offset_minutes.reset();
  if (auto it = j.find("published_offset_minutes"); it != j.end() && !it->is_null()) {
    a.published_offset_minutes = it->get<int32_t>();
  }
  a.text = Get<std::string>(j, "text", "");
  a.ingested_utc = Get<int64_t>(j, "ingested_utc", 0);
  a.path = Get<std::string>(j, "path", "");
  a.merges.clear();
  if (auto it = j.find("merges"); it != j.end() && it->is_array()) {
    for (const auto& m : *it) a.merges.push_back(m.get<MergeNote>());
  }
}

void to_json(json& j, const Affiliation& a) {
  j = json{{"actor", a.actor_id}, {"role", a.role}, {"valid", a.valid}};
}

void from_json(const json& j, Affiliation& a) {
  a.actor_id = j.at("actor").get<std::string>();
  a.role = Get<std::string>(j, "role", "");
  a.valid = j.contains("valid") && !j.at("valid").is_null() ? j.at("valid").get<TimeValue>()
                                                              : TimeValue();
}

void to_json(json& j, const Actor& a) {
  j = json{{"id", a.id},
           {"kind", std::string(ActorKindName(a.kind))},
           {"names", a.names},
           {"aliases", a.aliases},
           {"affiliations", a.affiliations},
           {"part_of", a.part_of},
           {"provisional", a.provisional},
           {"source", a.source}};
  if (a.coordinates) {
    j["lat"] = a.coordinates->lat;
    j["lon"] = a.coordinates->lon;
  }
}

void from_json(const json& j, Actor& a) {
  a.id = j.at("id").get<std::string>();
  a.kind = ParseEnum<ActorKind>(j, "kind", ActorKind::kUnknown, &ParseActorKind);
  a.names = Get<std::map<Lang, std::string>>(j, "names", {});
  a.aliases = Get<std::map<Lang, std::vector<std::string>>>(j, "aliases", {});
  a.affiliations = Get<std::vector<Affiliation>>(j, "affiliations", {});
  a.part_of = Get<std::vector<std::string>>(j, "part_of", {});
  a.provisional = Get<bool>(j, "provisional", false);
  a.source = Get<std::string>(j, "source", "");
  a.coordinates.reset();
  if (j.contains("lat") && j.contains("lon") && j.at("lat").is_number() && j.at("lon").is_number()) {
    a.coordinates = Actor::Coordinates{j.at("lat").get<double>(), j.at("lon").get<double>()};
  }
}

void to_json(json& j, const Participant& p) {
  j = json{{"id", p.actor_id}, {"role", std::string(RoleName(p.role))}};
}

void from_json(const json& j, Participant& p) {
  p.actor_id = j.at("id").get<std::string>();
  p.role = ParseEnum<Role>(j, "role", Role::kOther, &ParseRole);
}

void to_json(json& j, const Mention& m) {
  j = json{{"article", m.article_id}, {"sentence", m.sentence},
           {"span", json::array({m.begin, m.end})}, {"text", m.text},
           {"trigger", m.trigger}, {"date_text", m.date_text}};
}

void from_json(const json& j, Mention& m) {
  m.article_id = j.at("article").get<std::string>();
  m.sentence = Get<uint32_t>(j, "sentence", 0);
  m.begin = m.end = 0;
  if (auto it = j.find("span"); it != j.end() && !it->is_null()) {
    if (!it->is_array() || it->size() != 2) {
      throw std::invalid_argument("mention span must be [begin, end]");
    }
    m.begin = (*it)[0].get<uint32_t>();
    m.end = (*it)[1].get<uint32_t>();
  }
  m.text = Get<std::string>(j, "text", "");
  m.trigger = Get<std::string>(j, "trigger", "");
  m.date_text = Get<std::string>(j, "date_text", "");
}

void to_json(json& j, const Attribution& a) { j = json{{"actor", a.actor_id}, {"cue", a.cue}}; }

void from_json(const json& j, Attribution& a) {
  a.actor_id = Get<std::string>(j, "actor", "");
  a.cue = Get<std::string>(j, "cue", "");
}

void to_json(json& j, const Event& e) {
  json date = e.date;
  date["basis"] = e.date_basis;
  auto en = e.labels.find("en");
  j = json{{"id", e.id},
           {"type", e.type},
           {"cameo", e.cameo},
           {"label", en != e.labels.end() ? en->second : std::string()},
           {"labels", e.labels},
           {"date", std::move(date)},
           {"actors", e.participants},
           {"location", e.place_id.empty() ? json() : json(e.place_id)},
           {"modality", std::string(ModalityName(e.modality))},
           {"attribution", e.attribution},
           {"confidence", e.confidence},
           {"mentions", e.mentions},
           {"attributes", e.attributes}};
}

void from_json(const json& j, Event& e) {
  e.id = j.at("id").get<std::string>();
  e.type = Get<std::string>(j, "type", "");
  e.cameo = Get<std::string>(j, "cameo", "");
  e.labels = Get<std::map<Lang, std::string>>(j, "labels", {});
  // A bare "label" without a labels map is the English label.
  if (e.labels.empty()) {
    std::string label = Get<std::string>(j, "label", "");
    if (!label.empty()) e.labels["en"] = label;
  }
  e.date = TimeValue();
  e.date_basis.clear();
  if (auto it = j.find("date"); it != j.end() && !it->is_null()) {
    e.date = it->get<TimeValue>();
    e.date_basis = Get<std::string>(*it, "basis", "");
  }
  e.participants = Get<std::vector<Participant>>(j, "actors", {});
  e.place_id = Get<std::string>(j, "location", "");
  e.modality = ParseEnum<Modality>(j, "modality", Modality::kAsserted, &ParseModality);
  e.attribution = Get<Attribution>(j, "attribution", Attribution{});
  e.confidence = Get<double>(j, "confidence", 0.5);
  e.mentions = Get<std::vector<Mention>>(j, "mentions", {});
  e.attributes = Get<std::map<std::string, double>>(j, "attributes", {});
}

void to_json(json& j, const Link& l) {
  j = json{{"from", l.from}, {"to", l.to}, {"kind", std::string(LinkKindName(l.kind))},
           {"evidence", l.evidence}, {"confidence", l.confidence}};
}

void from_json(const json& j, Link& l) {
  l.from = j.at("from").get<std::string>();
  l.to = j.at("to").get<std::string>();
  l.kind = ParseEnum<LinkKind>(j, "kind", LinkKind::kBefore, &ParseLinkKind);
  l.evidence = Get<std::string>(j, "evidence", "");
  l.confidence = Get<double>(j, "confidence", 0.5);
}

}  // namespace kbq
