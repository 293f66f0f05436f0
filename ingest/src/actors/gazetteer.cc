// The gazetteer: data loading (TSV files, see ingest/data/actors/README.md),
// one Aho–Corasick automaton over every surface form, the selection rules
// (longest match, word boundaries, case for acronyms, contexts for single
// Chinese characters), provisional names, resolution and ancestry.
#include "kbq/ingest/gazetteer.h"

#include <algorithm>
#include <cstring>
#include <deque>
#include <tuple>
#include <initializer_list>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "actors/aho_corasick.h"
#include "embedded/gazetteer_data.h"
#include "actors/gazetteer_text.h"
#include "actors/place_gazetteer.h"
#include "actors/provisional_places.h"
#include "kbq/name_resolution.h"

namespace kbq::ingest {

using gaz::CodePointAt;
using gaz::CodePointBefore;

namespace {

enum class EntryType : uint8_t {
  kName,        // a name or alias of the actor
  kShortFree,   // short form matched anywhere (俄方, Russians, U.S.)
  kShortSingle, // single Chinese character, context rules
  kShortPair,   // single character that may also pair (俄乌)
  kMetonym,     // 基辅 for Ukraine's government
  kTitle,       // 外长, Foreign Minister: introduces a name
  kSurname,     // a surname that is also a common word or first name: only
                // after the person is named in full in the same text
};

struct Entry {
  EntryType type = EntryType::kName;
  uint32_t target = 0;   // actor index, or title index for kTitle
  std::string original;  // the surface form as written in the data
  bool case_sensitive = false;
  bool inflect = false;  // a Russian stem: up to 3 more Cyrillic letters (Москв|е, Лавров|ым)
};

struct ShortForm {
  std::string form, lang, actor_id, context;
};
struct Metonym {
  std::string form, lang, actor_id;
};
struct Title {
  std::string text, lang;
};

// An acronym such as US, EU, WHO, U.N.: matched only in upper case, since
// "us" and "who" are ordinary words.
bool IsAcronym(std::string_view s) {
  size_t letters = 0;
  for (char c : s) {
    if (c >= 'A' && c <= 'Z') {
      ++letters;
    } else if (c >= 'a' && c <= 'z') {
      return false;
    } else if (static_cast<unsigned char>(c) >= 0x80) {
      return false;
    }
  }
  return letters > 0 && letters <= 5;
}

std::string Slug(std::string_view text) {
  std::string folded = gaz::FoldSameLength(text);
  std::string out;
  bool dash = false;
  for (size_t i = 0; i < folded.size();) {
    size_t len;
    int32_t cp = CodePointAt(folded, i, &len);
    if (gaz::IsWordChar(cp) || gaz::IsCjk(cp)) {
      if (dash && !out.empty()) out += '-';
      dash = false;
      out.append(folded, i, len);
    } else {
      dash = true;
    }
    i += len;
  }
  return out;
}

Status RowError(std::string_view file, size_t line, const std::string& msg) {
  return Status::InvalidArgument(std::string(file) + ":" + std::to_string(line) + ": " + msg);
}

const std::vector<std::string> kActorColumns = {"id",         "kind",       "en",        "zh",
                                                "ru",         "aliases_en", "aliases_zh", "aliases_ru",
                                                "part_of"};

struct Selected {
  uint32_t begin, end;
  std::string actor_id;
  bool metonym = false;
  bool provisional = false;
  bool person = false;
  uint32_t pid = UINT32_MAX;  // the name pattern (places: to re-read among same-named places)
  bool weak = false;          // a generated place: a person's name may take its span
};

}  // namespace

struct Gazetteer::Impl {
  // ---- source data
  std::vector<Actor> actors;
  std::unordered_map<std::string, size_t> index;
  std::vector<ShortForm> short_forms;
  std::vector<Metonym> metonyms;
  std::vector<Title> titles;
  std::unordered_set<std::string> en_stops;   // capitalised words that are not names
  std::unordered_set<std::string> ambiguous_surnames;  // need a full mention first
  std::unordered_set<std::string> not_surnames;        // given names of family-name-first people
  std::unordered_set<std::string> common_words;        // folded names that are also words: turkey, china
  std::unordered_set<std::string> en_title_words;      // words of English titles: never a name
  std::vector<std::string> zh_stops;           // text that never starts a name after a title
  std::map<std::string, std::vector<std::string>> suffix, prefix, not_after, not_before;  // form or "*"
  std::unordered_set<int32_t> translit;
  std::vector<places::PlaceFacts> place_facts;  // per actor
  places::StructureLexicon place_structure;     // provisional places by structure

  // ---- derived (Rebuild)
  AhoCorasick ac;
  std::vector<std::vector<Entry>> patterns;
  std::unordered_map<std::string, std::vector<std::pair<size_t, int>>> resolve;  // key → (actor, rank)
  std::unordered_map<std::string, std::vector<size_t>> zh_person;      // 拉夫罗夫 → person
  std::unordered_map<std::string, std::vector<size_t>> en_surname;     // lavrov → person
  std::unordered_map<std::string, const Entry*> single_forms;          // "俄" → entry

  void AddPattern(const std::string& original, EntryType type, uint32_t target, bool inflect = false) {
    if (original.size() < 2 && type != EntryType::kShortSingle && type != EntryType::kShortPair) return;
    uint32_t pid = ac.Add(gaz::FoldSameLength(original));
    if (pid >= patterns.size()) patterns.resize(pid + 1);
    for (const Entry& e : patterns[pid]) {
      if (e.type == type && e.target == target && e.original == original && e.inflect == inflect) return;
    }
    Entry e;
    e.type = type;
    e.target = target;
    e.original = original;
    e.case_sensitive = IsAcronym(original);
    e.inflect = inflect;
    patterns[pid].push_back(std::move(e));
    if (!inflect && type != EntryType::kTitle) {
      std::string stem = gaz::RussianStem(original);
      if (!stem.empty()) AddPattern(stem, type, target, /*inflect=*/true);
    }
  }

  // Every dotted name also in the other middle-dot spellings, and in NFKC
  // (the form of Article::text: 刚果（金） → 刚果(金)).
  void AddNamePattern(const std::string& name, uint32_t actor) {
    AddPattern(name, EntryType::kName, actor);
    if (std::string nfkc = gaz::Nfkc(name); nfkc != name) AddPattern(nfkc, EntryType::kName, actor);
    // Written without its diacritics (Erdogan), as English news often does;
    // and with the other apostrophe (Côte d’Ivoire / d'Ivoire).
    if (std::string plain = WithoutLatinDiacritics(name); !plain.empty()) {
      AddPattern(plain, EntryType::kName, actor);
    }
    // Every spelling of one separator: a name with one of `marks` also under
    // each of the others.
    auto respell = [&](std::initializer_list<std::string_view> marks) {
      for (std::string_view from : marks) {
        if (name.find(from) == std::string::npos) continue;
        for (std::string_view to : marks) {
          if (from == to) continue;
          std::string v = name;
          for (size_t p = 0; (p = v.find(from, p)) != std::string::npos; p += to.size()) {
            v.replace(p, from.size(), to);
          }
          AddPattern(v, EntryType::kName, actor);
        }
      }
    };
    respell({"'", "\u2019"});
    respell({"\u30FB", "\u00B7", "\u2022", "\u2027"});
  }

  void AddResolveKey(const std::string& text, size_t actor, int rank) {
    std::string key = NormaliseName(text);
    if (key.empty()) return;
    auto& v = resolve[key];
    for (auto& [a, r] : v) {
      if (a == actor) {
        r = std::min(r, rank);
        return;
      }
    }
    v.emplace_back(actor, rank);
    // 《国家报》 is also found as 国家报.
    if (key.size() > 6 && key.rfind("《", 0) == 0) {
      std::string bare = key;
      for (const char* mark : {"《", "》"}) {
        for (size_t p; (p = bare.find(mark)) != std::string::npos;) bare.erase(p, std::strlen(mark));
      }
      AddResolveKey(bare, actor, rank);
    }
  }

  // Records a derived surface form on the actor, so that the store indexes
  // it and a query finds it (Actor::forms), and as a resolve key.
  void AddForm(size_t actor, const std::string& text, const Lang& lang, NameKind kind) {
    AddResolveKey(text, actor, kind == NameKind::kSurname ? 3 : 2);
    Actor& a = actors[actor];
    NameForm f{text, lang, kind};
    if (std::find(a.forms.begin(), a.forms.end(), f) == a.forms.end()) a.forms.push_back(std::move(f));
  }

  void Rebuild() {
    ac = AhoCorasick();
    patterns.clear();
    resolve.clear();
    for (Actor& a : actors) a.forms.clear();
    zh_person.clear();
    en_surname.clear();
    single_forms.clear();
    // Surnames of people (last word of an English name), kept only where
    // they name one person.
    struct Surname {
      std::set<size_t> people;
      std::string original;  // as written in the data: "Lavrov"
    };
    std::map<std::string, Surname> surnames;  // folded → people
    for (size_t i = 0; i < actors.size(); ++i) {
      const Actor& a = actors[i];
      if (a.kind != ActorKind::kPerson) continue;
      std::vector<std::string> en_names;
      if (auto it = a.names.find("en"); it != a.names.end()) en_names.push_back(it->second);
      if (auto it = a.aliases.find("en"); it != a.aliases.end()) {
        en_names.insert(en_names.end(), it->second.begin(), it->second.end());
      }
      for (const std::string& n : en_names) {
        size_t sp = n.rfind(' ');
        if (sp == std::string::npos) continue;
        std::string last = n.substr(sp + 1);
        // Family name first (Xi Jinping, Kim Jong Un): the first word is the
        // surname, short as it may be ("Xi met Biden").
        if (not_surnames.count(last)) {
          std::string first = n.substr(0, n.find(' '));
          if (first.size() >= 2 && gaz::IsUpperLetter(static_cast<unsigned char>(first[0]))) {
            Surname& s = surnames[gaz::FoldSameLength(first)];
            s.people.insert(i);
            if (s.original.empty()) s.original = first;
          }
          continue;
        }
        if (last.size() >= 3 && gaz::IsUpperLetter(static_cast<unsigned char>(last[0])) && !not_surnames.count(last)) {
          Surname& s = surnames[gaz::FoldSameLength(last)];
          s.people.insert(i);
          if (s.original.empty()) s.original = last;
        }
      }
    }
    place_facts.resize(actors.size());
    // A generated place's names rank after every hand-written form (基辅 is
    // Ukraine's metonym before it is the city), as in text.
    auto add_names = [&](size_t i) {
      const Actor& a = actors[i];
      uint32_t ai = static_cast<uint32_t>(i);
      // Their Russian names resolve but are not matched in text: a third of
      // the automaton for a language kbq's articles rarely use.
      bool generated = place_facts[i].generated;
      int base = generated ? 4 : 0;
      AddResolveKey(a.id, i, 0);
      for (const auto& [lang, name] : a.names) {
        if (!generated || lang != "ru") AddNamePattern(name, ai);
        AddResolveKey(name, i, base);
      }
      for (const auto& [lang, list] : a.aliases) {
        for (const std::string& name : list) {
          if (!generated || lang != "ru") AddNamePattern(name, ai);
          AddResolveKey(name, i, base + 1);
        }
      }
    };
    for (size_t i = 0; i < actors.size(); ++i) {
      const Actor& a = actors[i];
      if (!place_facts[i].generated) add_names(i);
      if (a.kind == ActorKind::kPerson) {
        auto add_zh = [&](const std::string& n) {
          // Only undotted names: the short form a dotted full name ends in.
          if (n.find("\u30FB") == std::string::npos && n.find("\u00B7") == std::string::npos) {
            zh_person[NormaliseName(n)].push_back(i);
          }
        };
        if (auto it = a.names.find("zh"); it != a.names.end()) add_zh(it->second);
        if (auto it = a.aliases.find("zh"); it != a.aliases.end()) {
          for (const auto& n : it->second) add_zh(n);
        }
      }
    }
    for (const auto& [folded, s] : surnames) {
      if (s.people.size() != 1) continue;
      size_t person = *s.people.begin();
      en_surname[folded].push_back(person);
      // The surname alone is a name of the person too ("Lavrov said").
      // An ambiguous surname needs the full name first, in either spelling.
      EntryType type = ambiguous_surnames.count(s.original) ? EntryType::kSurname : EntryType::kName;
      AddPattern(s.original, type, static_cast<uint32_t>(person));
      if (std::string plain = WithoutLatinDiacritics(s.original); !plain.empty()) {
        AddPattern(plain, type, static_cast<uint32_t>(person));
      }
      AddForm(person, s.original, "en", NameKind::kSurname);
    }
    for (const ShortForm& s : short_forms) {
      auto it = index.find(s.actor_id);
      if (it == index.end()) continue;
      uint32_t ai = static_cast<uint32_t>(it->second);
      EntryType t = s.context == "single"        ? EntryType::kShortSingle
                    : s.context == "single_pair" ? EntryType::kShortPair
                                                 : EntryType::kShortFree;
      AddPattern(s.form, t, ai);
      AddForm(it->second, s.form, s.lang, NameKind::kShortForm);
      if (s.context == "demonym") {
        const std::string& f = s.form;
        auto ends = [&](std::string_view suf) {
          return f.size() >= suf.size() && f.compare(f.size() - suf.size(), suf.size(), suf) == 0;
        };
        if (!ends("s") && !ends("sh") && !ends("ch") && !ends("ese")) {
          AddPattern(f + "s", t, ai);
          AddForm(it->second, f + "s", s.lang, NameKind::kShortForm);
        }
      }
    }
    for (const Metonym& m : metonyms) {
      auto it = index.find(m.actor_id);
      if (it == index.end()) continue;
      AddPattern(m.form, EntryType::kMetonym, static_cast<uint32_t>(it->second));
      AddForm(it->second, m.form, m.lang, NameKind::kMetonym);
    }
    for (size_t i = 0; i < titles.size(); ++i) {
      AddPattern(titles[i].text, EntryType::kTitle, static_cast<uint32_t>(i));
    }
    // Generated places last: a name the hand-written data already gives
    // (北京 the metonym, Georgia the country) keeps its first reading.
    for (size_t i = 0; i < actors.size(); ++i) {
      if (place_facts[i].generated) add_names(i);
    }
    ac.Build();
    for (const auto& entries : patterns) {
      for (const Entry& e : entries) {
        if (e.type == EntryType::kShortSingle || e.type == EntryType::kShortPair) {
          single_forms.emplace(e.original, &e);
        }
      }
    }
  }

  // ---------------------------------------------------------------- loading

  Status LoadActors(std::string_view file, const std::vector<std::string_view>& header,
                    const std::vector<std::pair<size_t, std::vector<std::string_view>>>& rows) {
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

  Status LoadAffiliations(std::string_view file,
                          const std::vector<std::pair<size_t, std::vector<std::string_view>>>& rows) {
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

  Status LoadShortForms(std::string_view file,
                        const std::vector<std::pair<size_t, std::vector<std::string_view>>>& rows) {
    for (const auto& [line, f] : rows) {
      ShortForm s{std::string(gaz::Trim(f[0])), std::string(gaz::Trim(f[1])), std::string(gaz::Trim(f[2])),
                  std::string(gaz::Trim(f[4]))};
      if (s.form.empty()) return RowError(file, line, "empty form");
      if (!index.count(s.actor_id)) return RowError(file, line, "unknown actor '" + s.actor_id + "'");
      if (s.context != "free" && s.context != "demonym" && s.context != "single" && s.context != "single_pair") {
        return RowError(file, line, "context must be free, demonym, single or single_pair, not '" + s.context + "'");
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

  Status LoadMetonyms(std::string_view file,
                      const std::vector<std::pair<size_t, std::vector<std::string_view>>>& rows) {
    for (const auto& [line, f] : rows) {
      Metonym m{std::string(gaz::Trim(f[0])), std::string(gaz::Trim(f[1])), std::string(gaz::Trim(f[2]))};
      if (m.form.empty()) return RowError(file, line, "empty form");
      if (!index.count(m.actor_id)) return RowError(file, line, "unknown actor '" + m.actor_id + "'");
      if (gaz::Trim(f[3]).empty()) return RowError(file, line, "empty source");
      metonyms.push_back(std::move(m));
    }
    return Status::OK();
  }

  Status LoadContexts(std::string_view file,
                      const std::vector<std::pair<size_t, std::vector<std::string_view>>>& rows) {
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
      } else {
        return RowError(file, line, "type must be suffix, prefix, not_after or not_before, not '" + type + "'");
      }
    }
    return Status::OK();
  }

  Status LoadTitles(std::string_view file,
                    const std::vector<std::pair<size_t, std::vector<std::string_view>>>& rows) {
    for (const auto& [line, f] : rows) {
      std::string type(gaz::Trim(f[0])), lang(gaz::Trim(f[1])), text(gaz::Trim(f[2]));
      if (text.empty()) return RowError(file, line, "empty text");
      if (lang != "en" && lang != "zh" && lang != "ru") return RowError(file, line, "unknown lang '" + lang + "'");
      if (type == "title") {
        titles.push_back({text, lang});
        if (lang == "en") {
          for (std::string_view w : gaz::Split(text, ' ')) {
            if (!w.empty() && w[0] >= 'A' && w[0] <= 'Z') en_title_words.insert(std::string(w));
          }
        }
      } else if (type == "ambiguous_surname") {
        ambiguous_surnames.insert(text);
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
        return RowError(file, line, "type must be title, stop, ambiguous_surname, not_surname or common_word, not '" + type + "'");
      }
    }
    return Status::OK();
  }

  Status LoadTranslit(std::string_view file,
                      const std::vector<std::pair<size_t, std::vector<std::string_view>>>& rows) {
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

  Status Load(std::string_view file, std::string_view content) {
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
    if (h == "form,lang,actor_id,source,") return LoadMetonyms(file, rows);
    if (h == "type,form,text,source,") return LoadContexts(file, rows);
    if (h == "type,lang,text,role,source,") return LoadTitles(file, rows);
    if (h == "chars,source,") return LoadTranslit(file, rows);
    if (h == "type,lang,text,place_kind,source,") return place_structure.Load(file, rows);
    return RowError(file, header_line, "unknown header '" + h + "'");
  }

  // ---------------------------------------------------------------- matching

  struct Cand {
    uint32_t begin, end;
    const Entry* entry;
    uint32_t pid = UINT32_MAX;
  };

  bool BoundaryOk(std::string_view text, uint32_t b, uint32_t e) const {
    size_t len;
    if (gaz::IsWordChar(CodePointAt(text, b, &len)) && b > 0 &&
        gaz::IsWordChar(CodePointBefore(text, b, &len))) {
      return false;
    }
    if (e < text.size() && gaz::IsWordChar(CodePointBefore(text, e, &len)) &&
        gaz::IsWordChar(CodePointAt(text, e, &len))) {
      return false;
    }
    return true;
  }

  static bool StartsWithAny(std::string_view text, size_t pos, const std::vector<std::string>* list) {
    if (list == nullptr) return false;
    for (const auto& s : *list) {
      if (text.substr(pos, s.size()) == s) return true;
    }
    return false;
  }
  static bool EndsWithAny(std::string_view text, size_t pos, const std::vector<std::string>* list) {
    if (list == nullptr) return false;
    for (const auto& s : *list) {
      if (pos >= s.size() && text.substr(pos - s.size(), s.size()) == s) return true;
    }
    return false;
  }
  const std::vector<std::string>* Rules(const std::map<std::string, std::vector<std::string>>& m,
                                        const std::string& key) const {
    auto it = m.find(key);
    return it == m.end() ? nullptr : &it->second;
  }

  // A single-character form at [b, e) that a longer match does not cover:
  // is it a name here?
  bool SingleContextOk(std::string_view text, uint32_t b, uint32_t e, const Entry& entry,
                       const std::vector<int>& covered) const {
    const std::string& form = entry.original;
    if (EndsWithAny(text, b, Rules(not_after, form)) || EndsWithAny(text, b, Rules(not_after, "*"))) {
      return false;
    }
    if (StartsWithAny(text, e, Rules(not_before, form)) || StartsWithAny(text, e, Rules(not_before, "*"))) {
      return false;
    }
    size_t len;
    bool left_edge = b == 0 || gaz::IsPunctOrSpace(CodePointBefore(text, b, &len));
    bool right_edge = e >= text.size() || gaz::IsPunctOrSpace(CodePointAt(text, e, &len));
    if (left_edge && right_edge) return true;
    if (StartsWithAny(text, e, Rules(suffix, form)) || StartsWithAny(text, e, Rules(suffix, "*"))) return true;
    if (EndsWithAny(text, b, Rules(prefix, form)) || EndsWithAny(text, b, Rules(prefix, "*"))) return true;
    if (entry.type != EntryType::kShortPair) return false;
    auto pair_at = [&](uint32_t pb, uint32_t pe) {
      if (pb >= pe || pe > text.size() || covered[pb] >= 0) return false;
      auto it = single_forms.find(std::string(text.substr(pb, pe - pb)));
      if (it == single_forms.end() || it->second->type != EntryType::kShortPair) return false;
      if (it->second->original == form) return false;
      return !EndsWithAny(text, pb, Rules(not_after, it->second->original));
    };
    // Next to another single form, or next to one across an enumeration
    // comma (美、俄、乌三方).
    static const std::string kListComma = "\u3001";
    for (uint32_t gap : {0u, static_cast<uint32_t>(kListComma.size())}) {
      if (gap > 0 && text.substr(e, gap) != kListComma && (b < gap || text.substr(b - gap, gap) != kListComma)) continue;
      if (e + gap < text.size() && (gap == 0 || text.substr(e, gap) == kListComma)) {
        CodePointAt(text, e + gap, &len);
        if (pair_at(e + gap, e + gap + static_cast<uint32_t>(len))) return true;
      }
      if (b >= gap + 1 && (gap == 0 || text.substr(b - gap, gap) == kListComma)) {
        CodePointBefore(text, b - gap, &len);
        if (pair_at(b - gap - static_cast<uint32_t>(len), b - gap)) return true;
      }
    }
    return false;
  }

  bool IsTranslit(int32_t cp) const { return translit.count(cp) > 0; }

  std::vector<ActorMention> Match(std::string_view text, std::vector<Actor>* provisional_out) const;
  void ResolvePlaces(std::string_view text, std::vector<Selected>* sel, std::vector<int>* covered) const;
  void AddProvisionalPlaces(std::string_view text, std::vector<Selected>* sel, std::vector<int>* covered,
                            std::map<std::string, Actor>* provisional) const;
};

std::vector<ActorMention> Gazetteer::Impl::Match(std::string_view text,
                                                 std::vector<Actor>* provisional_out) const {
  std::vector<ActorMention> out;
  if (!ac.built() || text.empty()) return out;
  std::string folded = gaz::FoldSameLength(text);
  std::vector<Cand> cands, singles, title_cands, surname_cands;
  ac.Scan(folded, [&](uint32_t b, uint32_t pattern_end, uint32_t pid) {
    if (pid >= patterns.size()) return;
    for (const Entry& entry : patterns[pid]) {
      uint32_t e = pattern_end;
      if (entry.case_sensitive && text.substr(b, e - b) != entry.original) continue;
      if (entry.inflect) {  // take the case ending: up to 3 lower-case Cyrillic letters
        for (int k = 0; k < 3 && e + 1 < text.size(); ++k) {
          size_t l1;
          int32_t c = CodePointAt(text, e, &l1);
          if (!((c >= 0x0430 && c <= 0x044F) || c == 0x0451)) break;
          e += static_cast<uint32_t>(l1);
        }
      }
      if (!BoundaryOk(text, b, e)) continue;
      bool needs_capital = (entry.type == EntryType::kName || entry.type == EntryType::kSurname) &&
                           actors[entry.target].kind == ActorKind::kPerson &&
                           entry.original.find(' ') == std::string::npos;
      needs_capital |= entry.type != EntryType::kTitle && common_words.count(folded.substr(b, e - b)) > 0;
      if (needs_capital) {
        // "Trump" is a name, "trump" a verb: one-word names keep their capital.
        size_t l0;
        int32_t c0 = CodePointAt(text, b, &l0);
        if (gaz::IsWordChar(c0) && !gaz::IsUpperLetter(c0)) continue;
      }
      Cand c{b, e, &entry, pid};
      if (entry.type == EntryType::kSurname) {
        surname_cands.push_back(c);
        break;
      }
      if (entry.type == EntryType::kTitle) {
        title_cands.push_back(c);
      } else if (entry.type == EntryType::kShortSingle || entry.type == EntryType::kShortPair) {
        singles.push_back(c);
      } else {
        cands.push_back(c);
      }
      break;  // the first entry of a pattern wins (data order: countries first)
    }
  });
  // Longest first; at equal length the leftmost.
  auto longer = [](const Cand& a, const Cand& b) {
    if (a.end - a.begin != b.end - b.begin) return a.end - a.begin > b.end - b.begin;
    return a.begin < b.begin;
  };
  std::sort(cands.begin(), cands.end(), longer);
  std::vector<int> covered(text.size() + 1, -1);
  std::vector<Selected> sel;
  auto free_span = [&](uint32_t b, uint32_t e) {
    for (uint32_t i = b; i < e; ++i) {
      if (covered[i] >= 0) return false;
    }
    return true;
  };
  auto take = [&](uint32_t b, uint32_t e, Selected s) {
    int idx = static_cast<int>(sel.size());
    for (uint32_t i = b; i < e; ++i) covered[i] = idx;
    s.begin = b;
    s.end = e;
    sel.push_back(std::move(s));
  };
  // Hand-written names first; a generated place only where they leave room
  // (it never hides a known name, even when longer).
  auto generated = [&](const Cand& c) { return place_facts[c.entry->target].generated; };
  std::stable_partition(cands.begin(), cands.end(), [&](const Cand& c) { return !generated(c); });
  for (const Cand& c : cands) {
    if (!free_span(c.begin, c.end)) continue;
    const Actor& a = actors[c.entry->target];
    take(c.begin, c.end,
         Selected{0, 0, a.id, c.entry->type == EntryType::kMetonym, false, a.kind == ActorKind::kPerson,
                  c.entry->type == EntryType::kName ? c.pid : UINT32_MAX, false});
  }
  // Ambiguous surnames, where the person is already named in full.
  for (const Cand& c : surname_cands) {
    const std::string& id = actors[c.entry->target].id;
    bool named = std::any_of(sel.begin(), sel.end(), [&](const Selected& s) { return s.actor_id == id; });
    if (named && free_span(c.begin, c.end)) take(c.begin, c.end, Selected{0, 0, id, false, false, true});
  }
  // Single characters, judged after the longer names are placed.
  std::sort(singles.begin(), singles.end(), [](const Cand& a, const Cand& b) { return a.begin < b.begin; });
  std::vector<const Cand*> ok_singles;
  for (const Cand& c : singles) {
    if (!free_span(c.begin, c.end)) continue;
    if (SingleContextOk(text, c.begin, c.end, *c.entry, covered)) ok_singles.push_back(&c);
  }
  for (const Cand* c : ok_singles) {
    take(c->begin, c->end, Selected{0, 0, actors[c->entry->target].id, false, false, false});
  }
  ResolvePlaces(text, &sel, &covered);

  // ---- provisional names
  std::map<std::string, Actor> provisional;
  auto remove_sel = [&](int idx) {
    for (uint32_t i = sel[idx].begin; i < sel[idx].end; ++i) covered[i] = -1;
    sel[idx].actor_id.clear();  // tombstone
  };
  // Registers a person name at [b, e); links to a known person when `known`
  // >= 0, else makes a provisional actor. Returns its id.
  auto add_person = [&](uint32_t b, uint32_t e, int known, const std::string& lang) {
    for (uint32_t i = b; i < e; ++i) {
      if (covered[i] >= 0 && !sel[covered[i]].actor_id.empty()) remove_sel(covered[i]);
    }
    std::string surface(text.substr(b, e - b));
    std::string id;
    if (known >= 0) {
      id = actors[known].id;
      take(b, e, Selected{0, 0, id, false, false, true});
    } else {
      id = "person:" + (lang == "zh" ? NormaliseName(surface) : Slug(surface));
      take(b, e, Selected{0, 0, id, false, true, true});
      auto& a = provisional[id];
      if (a.id.empty()) {
        a.id = id;
        a.kind = ActorKind::kPerson;
        a.names[lang] = surface;
        a.provisional = true;
        a.source = "text";
      }
    }
    return id;
  };
  auto known_person_in = [&](uint32_t b, uint32_t e, bool* other) {
    int found = -1;
    *other = false;
    for (uint32_t i = b; i < e; ++i) {
      int s = covered[i];
      if (s < 0 || sel[s].actor_id.empty() || sel[s].weak) continue;
      if (!sel[s].person) {
        *other = true;
      } else if (!sel[s].provisional) {
        auto it = index.find(sel[s].actor_id);
        if (it != index.end()) found = static_cast<int>(it->second);
      }
    }
    return found;
  };

  // (a) Chinese dotted names: 谢尔盖・拉夫罗夫.
  for (size_t i = 0; i < text.size();) {
    size_t len;
    int32_t cp = CodePointAt(text, i, &len);
    if (!gaz::IsNameDot(cp) || (covered[i] >= 0 && !sel[covered[i]].actor_id.empty())) {
      i += len;
      continue;
    }
    // Left part: transliteration characters not inside another name.
    size_t lb = i, n_left = 0;
    while (lb > 0 && n_left < 6) {
      size_t l2;
      int32_t c = CodePointBefore(text, lb, &l2);
      if (!IsTranslit(c) || (covered[lb - l2] >= 0 && !sel[covered[lb - l2]].actor_id.empty())) break;
      lb -= l2;
      ++n_left;
    }
    // Right part(s): may run into a known person's short name (普京).
    size_t re = i + len, n_right = 0, last_dot = i;
    while (re < text.size()) {
      size_t l2;
      int32_t c = CodePointAt(text, re, &l2);
      if (gaz::IsNameDot(c) && n_right > 0 && re + l2 < text.size()) {
        last_dot = re;
        n_right = 0;
        re += l2;
        continue;
      }
      int s = covered[re];
      bool in_person = s >= 0 && !sel[s].actor_id.empty() && sel[s].person;
      bool in_other = s >= 0 && !sel[s].actor_id.empty() && !sel[s].person && !sel[s].weak;
      if (in_other || (!IsTranslit(c) && !in_person) || n_right >= 8) break;
      if (in_person) {  // take the whole known name
        re = sel[s].end;
        n_right += 2;
        break;
      }
      re += l2;
      ++n_right;
    }
    if (n_left == 0 || n_right == 0) {
      i += len;
      continue;
    }
    bool other = false;
    int known = known_person_in(static_cast<uint32_t>(lb), static_cast<uint32_t>(re), &other);
    if (!other) {
      if (known < 0) {
        size_t dl;
        CodePointAt(text, last_dot, &dl);
        std::string last = NormaliseName(text.substr(last_dot + dl, re - last_dot - dl));
        auto it = zh_person.find(last);
        if (it != zh_person.end() && it->second.size() == 1) known = static_cast<int>(it->second[0]);
      }
      add_person(static_cast<uint32_t>(lb), static_cast<uint32_t>(re), known, "zh");
    }
    i = std::max(re, i + len);
  }

  // (b) Title + name: 外长X, Foreign Minister X.
  std::sort(title_cands.begin(), title_cands.end(), longer);
  std::vector<char> title_used(text.size() + 1, 0);
  std::vector<Cand> chosen_titles;
  for (const Cand& c : title_cands) {
    bool clash = false;
    for (uint32_t k = c.begin; k < c.end; ++k) clash |= title_used[k] != 0;
    if (clash) continue;
    for (uint32_t k = c.begin; k < c.end; ++k) title_used[k] = 1;
    chosen_titles.push_back(c);
  }
  std::sort(chosen_titles.begin(), chosen_titles.end(),
            [](const Cand& a, const Cand& b) { return a.begin < b.begin; });
  std::vector<std::pair<std::string, std::string>> en_provisional;  // (surname, id)
  for (const Cand& t : chosen_titles) {
    const Title& title = titles[t.entry->target];
    uint32_t p = t.end;
    if (p >= text.size()) continue;
    if (title.lang == "zh") {
      if (covered[p] >= 0 && !sel[covered[p]].actor_id.empty()) continue;
      if (title_used[p]) continue;  // another title follows: 总统特别代表
      size_t q = p, n = 0;
      while (q < text.size() && n < 8) {
        size_t l2;
        int32_t c = CodePointAt(text, q, &l2);
        if (!IsTranslit(c) || (covered[q] >= 0 && !sel[covered[q]].actor_id.empty())) break;
        q += l2;
        ++n;
      }
      if (n < 2) continue;
      std::string_view cand = text.substr(p, q - p);
      bool stop = false;
      for (const auto& s : zh_stops) stop |= cand.substr(0, s.size()) == s;
      if (stop) continue;
      add_person(p, static_cast<uint32_t>(q), -1, "zh");
      continue;
    }
    // English: one space, then capitalised words (with initials and
    // particles such as bin, van, de between them).
    if (text[p] != ' ') continue;
    ++p;
    static const std::set<std::string_view> kParticles = {"de", "da", "van", "von", "der", "bin", "al",
                                                          "el", "la", "le", "du", "dos", "di", "ibn"};
    uint32_t q = p, last_cap_end = p;
    int words = 0;
    std::string_view prev_word;
    while (q < text.size() && words < 5) {
      uint32_t w = q;
      size_t l2;
      while (w < text.size()) {
        int32_t c = CodePointAt(text, w, &l2);
        if (!(gaz::IsWordChar(c) || c == '-' || c == '\'' || c == '.')) break;
        w += static_cast<uint32_t>(l2);
      }
      if (w == q) break;
      std::string_view word = text.substr(q, w - q);
      while (!word.empty() && word.back() == '.' && word.size() > 2) {  // sentence end, not an initial
        word.remove_suffix(1);
        w -= 1;
      }
      bool possessive = word.size() > 2 && word.substr(word.size() - 2) == "'s";
      if (possessive) {  // Zelensky's: the name ends here
        word.remove_suffix(2);
        w -= 2;
      }
      // SergeiForeign: words run together by a web page, not a name.
      bool camel = false;
      for (size_t k = 1; k + 1 < word.size(); ++k) {
        camel |= word[k] >= 'a' && word[k] <= 'z' && word[k + 1] >= 'A' && word[k + 1] <= 'Z' &&
                 !(k == 1 && word[0] == 'M' && word[1] == 'c') && !(k == 2 && word.substr(0, 3) == "Mac");
      }
      if (camel) break;
      if (words > 0 && word == prev_word) break;  // "Volodin Volodin": a list artefact
      prev_word = word;
      int32_t first = CodePointAt(text, q, &l2);
      bool cap = gaz::IsUpperLetter(first);
      // al-Bashir, el-Sisi, bin-Laden: a particle joined to a capitalised name.
      size_t hy = word.find('-');
      if (!cap && hy != std::string_view::npos && hy + 1 < word.size() && kParticles.count(word.substr(0, hy))) {
        cap = gaz::IsUpperLetter(static_cast<unsigned char>(word[hy + 1]));
      }
      if (cap && (en_stops.count(std::string(word)) || en_title_words.count(std::string(word)))) break;
      if (!cap && !kParticles.count(word)) break;
      int s = covered[q];
      if (s >= 0 && !sel[s].actor_id.empty() && !sel[s].person && !sel[s].weak) break;
      ++words;
      if (cap) last_cap_end = w;
      if (s >= 0 && !sel[s].actor_id.empty() && sel[s].person) {
        last_cap_end = std::max(last_cap_end, sel[s].end);
        w = std::max(w, sel[s].end);
        if (sel[s].begin == p) break;  // the known name is the whole name
      }
      if (possessive || w >= text.size() || text[w] != ' ') break;
      q = w + 1;
    }
    if (last_cap_end == p) continue;
    bool other = false;
    known_person_in(p, last_cap_end, &other);
    if (other) continue;
    // Linked when a known person's name ends the sequence (Vladimir V. Putin).
    int known = -1;
    if (int s = covered[last_cap_end - 1]; s >= 0 && !sel[s].actor_id.empty() && sel[s].person &&
                                           !sel[s].provisional && sel[s].end == last_cap_end) {
      auto it = index.find(sel[s].actor_id);
      if (it != index.end()) known = static_cast<int>(it->second);
    }
    std::string_view name = text.substr(p, last_cap_end - p);
    size_t sp = name.rfind(' ');
    std::string surname(sp == std::string_view::npos ? name : name.substr(sp + 1));
    if (known < 0) {
      auto it = en_surname.find(gaz::FoldSameLength(surname));
      if (it != en_surname.end() && it->second.size() == 1) known = static_cast<int>(it->second[0]);
    }
    std::string id = add_person(p, last_cap_end, known, "en");
    if (known < 0 && sp != std::string_view::npos && surname.size() >= 3) en_provisional.emplace_back(surname, id);
  }
  // (c) The surname alone after a full provisional mention.
  for (const auto& [surname, id] : en_provisional) {
    for (size_t pos = text.find(surname); pos != std::string_view::npos; pos = text.find(surname, pos + 1)) {
      uint32_t b = static_cast<uint32_t>(pos), e = static_cast<uint32_t>(pos + surname.size());
      if (!BoundaryOk(text, b, e) || !free_span(b, e)) continue;
      take(b, e, Selected{0, 0, id, false, true, true});
    }
  }

  AddProvisionalPlaces(text, &sel, &covered, &provisional);

  for (const Selected& s : sel) {
    if (s.actor_id.empty()) continue;
    ActorMention m;
    m.begin = s.begin;
    m.end = s.end;
    m.text = std::string(text.substr(s.begin, s.end - s.begin));
    m.actor_id = s.actor_id;
    m.metonym = s.metonym;
    m.provisional = s.provisional;
    out.push_back(std::move(m));
  }
  std::sort(out.begin(), out.end(), [](const ActorMention& a, const ActorMention& b) { return a.begin < b.begin; });
  if (provisional_out != nullptr) {
    for (auto& [id, a] : provisional) {
      bool used = std::any_of(out.begin(), out.end(), [&](const ActorMention& m) { return m.actor_id == id; });
      if (used) provisional_out->push_back(std::move(a));
    }
  }
  return out;
}

// Same-named places and generated names (actors/place_gazetteer.h): re-reads
// or drops the selected place mentions after every other name is placed.
void Gazetteer::Impl::ResolvePlaces(std::string_view text, std::vector<Selected>* sel,
                                    std::vector<int>* covered) const {
  auto is_place = [&](const Entry& e) {
    ActorKind k = actors[e.target].kind;
    return e.type == EntryType::kName && (k == ActorKind::kPlace || k == ActorKind::kCountry);
  };
  std::vector<places::PlaceMention> mentions;
  std::vector<size_t> owner;  // mention → index in sel
  std::vector<std::string> countries;
  for (size_t i = 0; i < sel->size(); ++i) {
    const Selected& s = (*sel)[i];
    if (s.actor_id.empty()) continue;
    places::PlaceMention m{s.begin, s.end, {}, 0, true};
    if (s.pid != UINT32_MAX) {
      for (const Entry& e : patterns[s.pid]) {
        if (is_place(e)) m.readings.push_back(e.target);
      }
    }
    bool generated = std::any_of(m.readings.begin(), m.readings.end(), [&](uint32_t r) { return place_facts[r].generated; });
    if (generated || m.readings.size() > 1) {
      mentions.push_back(std::move(m));
      owner.push_back(i);
    } else if (auto it = index.find(s.actor_id); it != index.end()) {
      if (std::string c = places::CountryOf(actors, index, it->second); !c.empty()) countries.push_back(c);
    }
  }
  if (mentions.empty()) return;
  auto related = [&](uint32_t a, uint32_t b) {  // b is an ancestor of a
    const Actor* x = &actors[a];
    for (int hops = 0; hops < 8 && !x->part_of.empty(); ++hops) {
      if (x->part_of.front() == actors[b].id) return true;
      auto it = index.find(x->part_of.front());
      if (it == index.end()) return false;
      x = &actors[it->second];
    }
    return false;
  };
  auto next_mention = [&](const places::PlaceMention& m, uint32_t r) {
    std::vector<int> near;
    if (m.begin > 0) near.push_back((*covered)[m.begin - 1]);
    if (m.begin > 2 && text.substr(m.begin - 2, 2) == ", ") near.push_back((*covered)[m.begin - 3]);
    if (m.end < text.size()) near.push_back((*covered)[m.end]);
    if (m.end + 2 < text.size() && text.substr(m.end, 2) == ", ") near.push_back((*covered)[m.end + 2]);
    for (int s : near) {
      if (s < 0 || (*sel)[s].actor_id.empty()) continue;
      auto it = index.find((*sel)[s].actor_id);
      if (it == index.end()) continue;
      uint32_t o = static_cast<uint32_t>(it->second);
      if (o != r && (related(r, o) || related(o, r))) return true;
    }
    return false;
  };
  auto country_of = [&](uint32_t r) { return places::CountryOf(actors, index, r); };
  places::ResolveMentions(text, actors, place_facts, countries, country_of, next_mention, &mentions);
  for (size_t k = 0; k < mentions.size(); ++k) {
    Selected& s = (*sel)[owner[k]];
    if (!mentions[k].keep) {
      for (uint32_t i = s.begin; i < s.end; ++i) (*covered)[i] = -1;
      s.actor_id.clear();
      continue;
    }
    s.actor_id = actors[mentions[k].chosen].id;
    s.weak = place_facts[mentions[k].chosen].generated;
  }
}

// Unknown places by structure (actors/provisional_places.h): 某某县, G107国道,
// "near Hrabovske, Sumy region"; provisional, part_of the nearest known place.
void Gazetteer::Impl::AddProvisionalPlaces(std::string_view text, std::vector<Selected>* sel,
                                           std::vector<int>* covered,
                                           std::map<std::string, Actor>* provisional) const {
  std::vector<places::KnownSpan> known;
  std::vector<size_t> owner;
  for (size_t i = 0; i < sel->size(); ++i) {
    const Selected& s = (*sel)[i];
    if (s.actor_id.empty()) continue;
    auto it = index.find(s.actor_id);
    bool place = it != index.end() && !s.metonym &&
                 (actors[it->second].kind == ActorKind::kPlace || actors[it->second].kind == ActorKind::kCountry);
    known.push_back({s.begin, s.end, place});
    owner.push_back(i);
  }
  std::vector<size_t> order(known.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return known[a].begin < known[b].begin; });
  std::vector<places::KnownSpan> sorted;
  std::vector<size_t> sorted_owner;
  for (size_t i : order) {
    sorted.push_back(known[i]);
    sorted_owner.push_back(owner[i]);
  }
  auto is_stop = [&](std::string_view w) {
    std::string word(w);
    return en_stops.count(word) > 0 || en_title_words.count(word) > 0;
  };
  std::vector<places::FoundPlace> found = places::FindChinesePlaces(text, place_structure, sorted);
  for (auto& f : places::FindEnglishPlaces(text, place_structure, sorted, is_stop)) found.push_back(std::move(f));
  std::vector<std::string> ids(found.size());  // the provisional id of each found place
  for (const places::FoundPlace& f : found) {
    if (f.extends >= 0) {  // the known place takes its administrative suffix
      Selected& s = (*sel)[sorted_owner[f.extends]];
      for (uint32_t i = s.end; i < f.end; ++i) (*covered)[i] = static_cast<int>(sorted_owner[f.extends]);
      s.end = f.end;
      continue;
    }
    bool free = true;
    for (uint32_t i = f.begin; i < f.end; ++i) free = free && ((*covered)[i] < 0 || (*sel)[(*covered)[i]].actor_id.empty());
    if (!free || f.name.empty()) continue;
    std::string key = f.lang == "zh" ? NormaliseName(f.name) : Slug(f.name);
    if (key.empty()) continue;
    std::string id = "place:" + key;
    int idx = static_cast<int>(sel->size());
    for (uint32_t i = f.begin; i < f.end; ++i) (*covered)[i] = idx;
    sel->push_back(Selected{f.begin, f.end, id, false, true, false});
    Actor& a = (*provisional)[id];
    if (a.id.empty()) {
      a.id = id;
      a.kind = ActorKind::kPlace;
      a.names[f.lang] = f.name;
      a.provisional = true;
      a.source = "text";
      if (f.parent >= 0) a.part_of.push_back((*sel)[sorted_owner[f.parent]].actor_id);
      if (f.parent_found >= 0 && !ids[f.parent_found].empty()) a.part_of.push_back(ids[f.parent_found]);
    }
    ids[&f - found.data()] = id;
  }
}

// ---------------------------------------------------------------- Gazetteer

Gazetteer::Gazetteer() : impl_(std::make_unique<Impl>()) {}
Gazetteer::~Gazetteer() = default;

std::unique_ptr<Gazetteer> Gazetteer::Empty() {
  auto g = std::unique_ptr<Gazetteer>(new Gazetteer());
  g->impl_->Rebuild();
  return g;
}

Result<std::unique_ptr<Gazetteer>> Gazetteer::LoadBuiltin() {
  auto g = std::unique_ptr<Gazetteer>(new Gazetteer());
  constexpr std::string_view kGenerated = "places_generated.tsv";
  for (const auto& [name, content] : GazetteerDataFiles()) {
    if (name == kGenerated) continue;
    if (Status s = g->impl_->Load(name, content); !s.ok()) return s;
  }
  // ISO 3166-2 regions and GeoNames cities (tools/gen_places.cc), after the
  // hand-written files: a generated place that repeats one folds into it.
  if (Status s = g->impl_->Load(kGenerated, GazetteerData(kGenerated)); !s.ok()) return s;
  places::FoldGeneratedDuplicates(&g->impl_->actors, &g->impl_->place_facts, &g->impl_->index);
  g->impl_->Rebuild();
  return g;
}

Status Gazetteer::LoadTsv(std::string_view file_name, std::string_view content) {
  Status s = impl_->Load(file_name, content);
  impl_->Rebuild();
  return s;
}

Status Gazetteer::AddActor(const Actor& actor) {
  if (actor.id.empty()) return Status::InvalidArgument("actor without id");
  if (actor.kind == ActorKind::kUnknown) return Status::InvalidArgument("actor '" + actor.id + "' has no kind");
  for (const auto& p : actor.part_of) {
    if (p != actor.id && !impl_->index.count(p)) {
      return Status::InvalidArgument("actor '" + actor.id + "': part_of '" + p + "' is not a known actor");
    }
  }
  auto it = impl_->index.find(actor.id);
  if (it != impl_->index.end()) {
    impl_->actors[it->second] = actor;
  } else {
    impl_->index[actor.id] = impl_->actors.size();
    impl_->actors.push_back(actor);
    impl_->place_facts.resize(impl_->actors.size());
  }
  impl_->Rebuild();
  return Status::OK();
}

Status Gazetteer::AddAlias(const std::string& actor_id, const std::string& name, const std::string& lang) {
  auto it = impl_->index.find(actor_id);
  if (it == impl_->index.end()) return Status::NotFound("no actor '" + actor_id + "'");
  if (name.empty()) return Status::InvalidArgument("empty alias");
  auto& list = impl_->actors[it->second].aliases[lang];
  if (std::find(list.begin(), list.end(), name) == list.end()) list.push_back(name);
  impl_->Rebuild();
  return Status::OK();
}

const Actor* Gazetteer::Find(const std::string& id) const {
  auto it = impl_->index.find(id);
  return it == impl_->index.end() ? nullptr : &impl_->actors[it->second];
}

const std::vector<Actor>& Gazetteer::actors() const { return impl_->actors; }

bool Gazetteer::Generated(const std::string& id) const {
  auto it = impl_->index.find(id);
  return it != impl_->index.end() && it->second < impl_->place_facts.size() &&
         impl_->place_facts[it->second].generated;
}

std::vector<ActorMention> Gazetteer::Match(std::string_view text, std::vector<Actor>* provisional_out) const {
  return impl_->Match(text, provisional_out);
}

std::vector<const Actor*> Gazetteer::Resolve(std::string_view query) const {
  std::vector<const Actor*> out;
  std::string key = NormaliseName(query);
  auto it = impl_->resolve.find(key);
  if (it == impl_->resolve.end()) return out;
  // The query engine's ranking (kbq/name_resolution.h), so that a name
  // resolves here as it does when a user types it.
  std::vector<NameCandidate> ranked;
  for (const auto& [actor, rank] : it->second) {
    const Actor& a = impl_->actors[actor];
    ranked.push_back({&a, HowNamed(a, key).value_or(NameKind::kAlias), 0});
  }
  RankCandidates(&ranked, /*strict=*/false);
  for (const NameCandidate& c : ranked) out.push_back(c.actor);
  return out;
}

std::vector<const Actor*> Gazetteer::Suggest(std::string_view query, size_t max) const {
  std::vector<const Actor*> out;
  std::u32string q = gaz::ToU32(NormaliseName(query));
  if (q.empty() || max == 0) return out;
  size_t cap = std::max<size_t>(1, q.size() / 3);
  std::vector<std::tuple<size_t, int, size_t>> scored;  // (distance, rank, actor)
  for (const auto& [key, hits] : impl_->resolve) {
    std::u32string k = gaz::ToU32(key);
    size_t d = gaz::Levenshtein(q, k, cap);
    if (d > cap) continue;
    for (const auto& [actor, rank] : hits) scored.emplace_back(d, rank, actor);
  }
  std::sort(scored.begin(), scored.end());
  std::unordered_set<size_t> seen;
  for (const auto& [d, rank, actor] : scored) {
    if (!seen.insert(actor).second) continue;
    out.push_back(&impl_->actors[actor]);
    if (out.size() >= max) break;
  }
  return out;
}

std::vector<std::string> Gazetteer::Ancestors(const std::string& actor_id, int32_t day) const {
  std::vector<std::string> out;
  std::unordered_set<std::string> seen = {actor_id};
  std::deque<std::string> queue = {actor_id};
  while (!queue.empty()) {
    std::string id = queue.front();
    queue.pop_front();
    const Actor* a = Find(id);
    if (a == nullptr) continue;
    auto visit = [&](const std::string& next) {
      if (seen.insert(next).second) {
        out.push_back(next);
        queue.push_back(next);
      }
    };
    for (const auto& p : a->part_of) visit(p);
    for (const auto& af : a->affiliations) {
      if (!af.valid.ok() || (af.valid.earliest <= day && day <= af.valid.latest)) visit(af.actor_id);
    }
  }
  return out;
}

}  // namespace kbq::ingest
