// The gazetteer's derived data (Gazetteer::Impl::Rebuild): one Aho–Corasick
// pattern per surface form and its respellings (NFKC, without diacritics, the
// other apostrophe and middle dots, Russian stems), the surnames of people,
// short forms, metonyms and titles, and the resolve keys and Actor::forms a
// query finds them by.
#include <algorithm>
#include <cstring>
#include <initializer_list>
#include <map>
#include <set>

#include "actors/gazetteer_impl.h"
#include "actors/gazetteer_text.h"

namespace kbq::ingest {

void Gazetteer::Impl::AddPattern(const std::string& original, EntryType type, uint32_t target, bool inflect) {
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
  e.case_sensitive = gaz::IsAcronym(original);
  e.inflect = inflect;
  patterns[pid].push_back(std::move(e));
  if (!inflect && type != EntryType::kTitle) {
    std::string stem = gaz::RussianStem(original);
    if (!stem.empty()) AddPattern(stem, type, target, /*inflect=*/true);
  }
}

// Every dotted name also in the other middle-dot spellings, and in NFKC
// (the form of Article::text: 刚果（金） → 刚果(金)).
void Gazetteer::Impl::AddNamePattern(const std::string& name, uint32_t actor) {
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

void Gazetteer::Impl::AddResolveKey(const std::string& text, size_t actor, int rank) {
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
void Gazetteer::Impl::AddForm(size_t actor, const std::string& text, const Lang& lang, NameKind kind) {
  AddResolveKey(text, actor, kind == NameKind::kSurname ? 3 : 2);
  Actor& a = actors[actor];
  NameForm f{text, lang, kind};
  if (std::find(a.forms.begin(), a.forms.end(), f) == a.forms.end()) a.forms.push_back(std::move(f));
}

void Gazetteer::Impl::Rebuild() {
  ac = AhoCorasick();
  patterns.clear();
  resolve.clear();
  for (Actor& a : actors) a.forms.clear();
  zh_person.clear();
  en_surname.clear();
  single_forms.clear();
  office_holders.clear();
  for (size_t i = 0; i < actors.size(); ++i) {
    if (actors[i].kind != ActorKind::kPerson) continue;
    for (const Affiliation& a : actors[i].affiliations) {
      if (a.valid.ok()) office_holders[{a.actor_id, a.role}].push_back(i);
    }
  }
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
                  : s.context == "document"    ? EntryType::kShortDocument
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
  // Each metonym's city, once every place is known: first the ones
  // metonyms.tsv gives (MetonymPlace reads them), then the looked-up ones.
  metonym_places.clear();
  for (const Metonym& m : metonyms) {
    if (!m.place.empty()) metonym_places.emplace(MetonymKey(m.form, m.actor_id), m.place);
  }
  std::vector<std::pair<std::string, std::string>> found;
  for (const Metonym& m : metonyms) {
    if (m.place.empty()) found.emplace_back(MetonymKey(m.form, m.actor_id), MetonymPlace(m.form, m.actor_id));
  }
  for (auto& [key, place] : found) metonym_places.emplace(std::move(key), std::move(place));
}

}  // namespace kbq::ingest
