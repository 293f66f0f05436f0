// The gazetteer's data files (format: ingest/data/actors/README.md): each is
// recognised by its header line and checked row by row; a bad row is an error
// naming the file and line.
#include <algorithm>
#include <cstdlib>
#include <map>

#include "actors/gazetteer_impl.h"
#include "actors/gazetteer_text.h"

namespace kbq::ingest {

using gaz::CodePointAt;

namespace {

Status RowError(std::string_view file, size_t line, const std::string& msg) {
  return Status::InvalidArgument(std::string(file) + ":" + std::to_string(line) + ": " + msg);
}

const std::vector<std::string> kActorColumns = {"id",         "kind",       "en",        "zh",
                                                "ru",         "aliases_en", "aliases_zh", "aliases_ru",
                                                "part_of"};

}  // namespace

Status Gazetteer::Impl::LoadActors(std::string_view file, const std::vector<std::string_view>& header,
                                   const Rows& rows) {
  std::map<std::string, size_t> col;
  for (size_t i = 0; i < header.size(); ++i) col[std::string(header[i])] = i;
  for (const auto& c : kActorColumns) {
    if (!col.count(c)) return RowError(file, 1, "missing column '" + c + "'");
  }
  if (!col.count("source")) return RowError(file, 1, "missing column 'source'");
  std::vector<std::pair<size_t, size_t>> part_of_checks;  // (line, actor)
  for (const auto& [line, f] : rows) {
    auto get = [&](const char* name) { return std::string(gaz::Trim(f[col.at(name)])); };
    std::string id = get("id");
    if (id.empty()) return RowError(file, line, "empty id");
    auto kind = ParseActorKind(get("kind"));
    if (!kind || *kind == ActorKind::kUnknown) {
      return RowError(file, line, "unknown kind '" + get("kind") + "'");
    }
    if (*kind == ActorKind::kCountry) {
      if (id.size() != 3 || !std::all_of(id.begin(), id.end(), [](char c) { return c >= 'A' && c <= 'Z'; })) {
        return RowError(file, line, "a country id is an ISO 3166-1 alpha-3 code, not '" + id + "'");
      }
    } else if (id.find(':') == std::string::npos || id.front() == ':' || id.back() == ':') {
      return RowError(file, line, "id '" + id + "' needs a kind prefix such as person: or org:");
    }
    if (get("source").empty()) return RowError(file, line, "empty source");
    Actor a;
    a.id = id;
    a.kind = *kind;
    a.source = get("source");
    for (const char* lang : {"en", "zh", "ru"}) {
      std::string n = get(lang);
      if (!n.empty()) a.names[lang] = n;
      auto al = gaz::SplitList(f[col.at(std::string("aliases_") + lang)]);
      if (!al.empty()) a.aliases[lang] = al;
    }
    if (a.names.empty()) return RowError(file, line, "actor '" + id + "' has no name");
    a.part_of = gaz::SplitList(f[col.at("part_of")]);
    places::PlaceFacts facts;
    if (col.count("lat") && col.count("lon") && !get("lat").empty()) {
      char* end1 = nullptr;
      char* end2 = nullptr;
      std::string lat = get("lat"), lon = get("lon");
      double la = std::strtod(lat.c_str(), &end1), lo = std::strtod(lon.c_str(), &end2);
      if (*end1 != 0 || *end2 != 0 || la < -90 || la > 90 || lo < -180 || lo > 180) {
        return RowError(file, line, "bad coordinates '" + lat + "', '" + lon + "'");
      }
      a.coordinates = Actor::Coordinates{la, lo};
    }
    if (col.count("population")) facts.population = static_cast<uint32_t>(std::strtoul(get("population").c_str(), nullptr, 10));
    if (col.count("common_words")) facts.common_words = gaz::SplitList(f[col.at("common_words")]);
    facts.generated = file == "places_generated.tsv";
    auto it = index.find(id);
    size_t ai;
    if (it != index.end()) {
      Actor& old = actors[it->second];
      if (old.kind != a.kind) return RowError(file, line, "actor '" + id + "' redefined with another kind");
      for (const auto& [lang, name] : a.names) {
        auto& cur = old.names[lang];
        if (!cur.empty() && cur != name) old.aliases[lang].push_back(cur);
        cur = name;
      }
      for (const auto& [lang, list] : a.aliases) {
        auto& dst = old.aliases[lang];
        for (const auto& n : list) {
          if (std::find(dst.begin(), dst.end(), n) == dst.end()) dst.push_back(n);
        }
      }
      for (const auto& p : a.part_of) {
        if (std::find(old.part_of.begin(), old.part_of.end(), p) == old.part_of.end()) old.part_of.push_back(p);
      }
      old.source += "; " + a.source;
      ai = it->second;
    } else {
      ai = actors.size();
      index[id] = ai;
      actors.push_back(std::move(a));
      place_facts.resize(actors.size());
      place_facts[ai] = std::move(facts);
    }
    part_of_checks.emplace_back(line, ai);
  }
  for (const auto& [line, ai] : part_of_checks) {
    for (const auto& p : actors[ai].part_of) {
      if (!index.count(p)) return RowError(file, line, "part_of '" + p + "' is not a known actor");
      if (p == actors[ai].id) return RowError(file, line, "'" + p + "' is part of itself");
    }
  }
  return Status::OK();
}

Status Gazetteer::Impl::LoadAffiliations(std::string_view file, const Rows& rows) {
  for (const auto& [line, f] : rows) {
    std::string person(gaz::Trim(f[0])), actor(gaz::Trim(f[1])), role(gaz::Trim(f[2]));
    auto p = index.find(person);
    if (p == index.end()) return RowError(file, line, "unknown person '" + person + "'");
    if (!index.count(actor)) return RowError(file, line, "unknown actor '" + actor + "'");
    if (role.empty()) return RowError(file, line, "empty role");
    if (gaz::Trim(f[5]).empty()) return RowError(file, line, "empty source");
    std::string_view from = gaz::Trim(f[3]), to = gaz::Trim(f[4]);
    Affiliation af;
    af.actor_id = actor;
    af.role = role;
    if (!from.empty() || !to.empty()) {
      TimeValue a = from.empty() ? TimeValue::Day(1, 1, 1) : TimeValue::Parse(from);
      TimeValue b = to.empty() ? TimeValue::Day(9999, 12, 31) : TimeValue::Parse(to);
      if (!a.ok()) return RowError(file, line, "bad date '" + std::string(from) + "'");
      if (!b.ok()) return RowError(file, line, "bad date '" + std::string(to) + "'");
      af.valid = TimeValue::Span(a, b);
      if (!af.valid.ok()) return RowError(file, line, "'to' is before 'from'");
    }
    actors[p->second].affiliations.push_back(std::move(af));
  }
  return Status::OK();
}

Status Gazetteer::Impl::LoadShortForms(std::string_view file, const Rows& rows) {
  for (const auto& [line, f] : rows) {
    ShortForm s{std::string(gaz::Trim(f[0])), std::string(gaz::Trim(f[1])), std::string(gaz::Trim(f[2])),
                std::string(gaz::Trim(f[4]))};
    if (s.form.empty()) return RowError(file, line, "empty form");
    if (!index.count(s.actor_id)) return RowError(file, line, "unknown actor '" + s.actor_id + "'");
    if (s.context != "free" && s.context != "demonym" && s.context != "single" && s.context != "single_pair" &&
        s.context != "document") {
      return RowError(file, line,
                      "context must be free, demonym, single, single_pair or document, not '" + s.context + "'");
    }
    if (s.context == "single" || s.context == "single_pair") {
      size_t len;
      CodePointAt(s.form, 0, &len);
      if (len != s.form.size()) return RowError(file, line, "a single form is one character, not '" + s.form + "'");
    }
    if (gaz::Trim(f[5]).empty()) return RowError(file, line, "empty source");
    short_forms.push_back(std::move(s));
  }
  return Status::OK();
}

Status Gazetteer::Impl::LoadMetonyms(std::string_view file, const Rows& rows) {
  for (const auto& [line, f] : rows) {
    Metonym m{std::string(gaz::Trim(f[0])), std::string(gaz::Trim(f[1])), std::string(gaz::Trim(f[2])),
              std::string(gaz::Trim(f[3]))};
    if (m.form.empty()) return RowError(file, line, "empty form");
    if (!index.count(m.actor_id)) return RowError(file, line, "unknown actor '" + m.actor_id + "'");
    if (m.place == "-") m.place.clear();
    if (!m.place.empty() && m.place.rfind("place:", 0) != 0) {
      return RowError(file, line, "place must be '-' or a place id, not '" + m.place + "'");
    }
    if (gaz::Trim(f[4]).empty()) return RowError(file, line, "empty source");
    metonyms.push_back(std::move(m));
  }
  return Status::OK();
}

Status Gazetteer::Impl::LoadContexts(std::string_view file, const Rows& rows) {
  for (const auto& [line, f] : rows) {
    std::string type(gaz::Trim(f[0])), form(gaz::Trim(f[1])), text(gaz::Trim(f[2]));
    if (form.empty() || text.empty()) return RowError(file, line, "empty form or text");
    if (type == "suffix") {
      suffix[form].push_back(text);
    } else if (type == "prefix") {
      prefix[form].push_back(text);
    } else if (type == "not_after") {
      not_after[form].push_back(text);
    } else if (type == "not_before") {
      not_before[form].push_back(text);
    } else if (type == "in_document") {
      in_document[form].push_back(text);
    } else {
      return RowError(file, line,
                      "type must be suffix, prefix, not_after, not_before or in_document, not '" + type + "'");
    }
  }
  return Status::OK();
}

Status Gazetteer::Impl::LoadTitles(std::string_view file, const Rows& rows) {
  for (const auto& [line, f] : rows) {
    std::string type(gaz::Trim(f[0])), lang(gaz::Trim(f[1])), text(gaz::Trim(f[2]));
    if (text.empty()) return RowError(file, line, "empty text");
    if (lang != "en" && lang != "zh" && lang != "ru") return RowError(file, line, "unknown lang '" + lang + "'");
    if (type == "title") {
      titles.push_back({text, lang, std::string(f.size() > 3 ? gaz::Trim(f[3]) : std::string_view())});
      if (lang == "en") {
        for (std::string_view w : gaz::Split(text, ' ')) {
          if (!w.empty() && w[0] >= 'A' && w[0] <= 'Z') en_title_words.insert(std::string(w));
        }
        // A lower-case title may stand between a country and the next title:
        // "Iran's religious leader Ayatollah …".
        if (text[0] >= 'a' && text[0] <= 'z' && text.find(' ') == std::string::npos) title_modifiers.insert(text);
      }
    } else if (type == "ambiguous_surname") {
      ambiguous_surnames.insert(text);
    } else if (type == "org_head") {
      if (lang == "en") org_heads.push_back(text);
    } else if (type == "title_modifier") {
      title_modifiers.insert(text);
    } else if (type == "feature_head") {
      feature_heads.insert(text);
    } else if (type == "name_head") {
      name_heads.insert(text);
    } else if (type == "gathering_head") {
      gathering_heads.insert(text);
    } else if (type == "not_surname") {
      not_surnames.insert(text);
    } else if (type == "common_word") {
      common_words.insert(gaz::FoldSameLength(text));
    } else if (type == "stop") {
      if (lang == "en") {
        en_stops.insert(text);
      } else {
        zh_stops.push_back(text);
      }
    } else {
      return RowError(file, line, "type must be title, title_modifier, org_head, feature_head, name_head, gathering_head, stop, ambiguous_surname, not_surname or common_word, not '" + type + "'");
    }
  }
  return Status::OK();
}

Status Gazetteer::Impl::LoadTranslit(std::string_view file, const Rows& rows) {
  for (const auto& [line, f] : rows) {
    std::string_view chars = gaz::Trim(f[0]);
    if (chars.empty()) return RowError(file, line, "empty chars");
    for (size_t i = 0; i < chars.size();) {
      size_t len;
      int32_t cp = CodePointAt(chars, i, &len);
      if (!gaz::IsCjk(cp)) return RowError(file, line, "not a Chinese character at byte " + std::to_string(i));
      translit.insert(cp);
      i += len;
    }
  }
  return Status::OK();
}

Status Gazetteer::Impl::LoadOfficialSites(std::string_view file, const Rows& rows) {
  for (const auto& [line, f] : rows) {
    std::string host = gaz::FoldSameLength(gaz::Trim(f[0]));
    if (host.empty() || host.find('/') != std::string::npos) return RowError(file, line, "a host name, no path");
    if (gaz::Trim(f[1]).empty() || gaz::Trim(f[2]).empty()) return RowError(file, line, "actor and role are needed");
    official_sites[host] = {std::string(gaz::Trim(f[1])), std::string(gaz::Trim(f[2]))};
  }
  return Status::OK();
}

Status Gazetteer::Impl::Load(std::string_view file, std::string_view content) {
  std::vector<std::string_view> header;
  size_t header_line = 0;
  std::vector<std::pair<size_t, std::vector<std::string_view>>> rows;
  size_t line = 0;
  for (std::string_view l : gaz::Split(content, '\n')) {
    ++line;
    if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
    if (gaz::Trim(l).empty() || l.front() == '#') continue;
    auto fields = gaz::Split(l, '\t');
    if (header.empty()) {
      header = fields;
      header_line = line;
      continue;
    }
    if (fields.size() != header.size()) {
      return RowError(file, line, "expected " + std::to_string(header.size()) +
                                      " tab-separated columns as in the header, got " +
                                      std::to_string(fields.size()));
    }
    rows.emplace_back(line, std::move(fields));
  }
  if (header.empty()) return RowError(file, 1, "no header line");
  std::string h;
  for (auto c : header) h += std::string(c) + ",";
  if (h.rfind("id,kind,", 0) == 0) return LoadActors(file, header, rows);
  if (h == "person,actor,role,from,to,source,") return LoadAffiliations(file, rows);
  if (h == "form,lang,actor_id,en,context,source,") return LoadShortForms(file, rows);
  if (h == "form,lang,actor_id,place,source,") return LoadMetonyms(file, rows);
  if (h == "type,form,text,source,") return LoadContexts(file, rows);
  if (h == "type,lang,text,role,source,") return LoadTitles(file, rows);
  if (h == "chars,source,") return LoadTranslit(file, rows);
  if (h == "host,actor,role,source,") return LoadOfficialSites(file, rows);
  if (h == "type,lang,text,place_kind,source,") return place_structure.Load(file, rows);
  return RowError(file, header_line, "unknown header '" + h + "'");
}

}  // namespace kbq::ingest
