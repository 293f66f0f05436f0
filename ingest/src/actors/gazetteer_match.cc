// The gazetteer's matcher: every surface form found by the automaton in one
// pass, then chosen by rules — longest match first, word boundaries, capitals
// for one-word person names and acronyms, contexts for single Chinese
// characters, hand-written names before generated places — and then the
// names the data does not know (gazetteer_people.cc, gazetteer_places.cc).
#include <algorithm>
#include <cctype>
#include <map>

#include "actors/gazetteer_impl.h"
#include "actors/gazetteer_text.h"
#include "kbq/names.h"
#include "events/lexicon_en.h"

namespace kbq::ingest {

using gaz::CodePointAt;
using gaz::CodePointBefore;

namespace {

bool StartsWithAny(std::string_view text, size_t pos, const std::vector<std::string>* list) {
  if (list == nullptr) return false;
  for (const auto& s : *list) {
    if (text.substr(pos, s.size()) == s) return true;
  }
  return false;
}
bool EndsWithAny(std::string_view text, size_t pos, const std::vector<std::string>* list) {
  if (list == nullptr) return false;
  for (const auto& s : *list) {
    if (pos >= s.size() && text.substr(pos - s.size(), s.size()) == s) return true;
  }
  return false;
}
const std::vector<std::string>* Rules(const std::map<std::string, std::vector<std::string>>& m,
                                      const std::string& key) {
  auto it = m.find(key);
  return it == m.end() ? nullptr : &it->second;
}

}  // namespace

namespace gaz {

bool MatchState::Free(uint32_t b, uint32_t e) const {
  for (uint32_t i = b; i < e; ++i) {
    if (covered[i] >= 0) return false;
  }
  return true;
}

void MatchState::Take(uint32_t b, uint32_t e, Selected s) {
  int idx = static_cast<int>(sel.size());
  for (uint32_t i = b; i < e; ++i) covered[i] = idx;
  s.begin = b;
  s.end = e;
  sel.push_back(std::move(s));
}

void MatchState::Remove(int idx) {
  for (uint32_t i = sel[idx].begin; i < sel[idx].end; ++i) covered[i] = -1;
  sel[idx].actor_id.clear();  // tombstone
}

bool LongerFirst(const Cand& a, const Cand& b) {
  if (a.end - a.begin != b.end - b.begin) return a.end - a.begin > b.end - b.begin;
  return a.begin < b.begin;
}

}  // namespace gaz

bool Gazetteer::Impl::InLongerName(std::string_view text, uint32_t e) const {
  uint32_t w = e;
  for (int words = 0; words < 8 && w + 1 < text.size() && text[w] == ' '; ++words) {
    uint32_t b = w + 1, x = b;
    while (x < text.size() && (std::isalnum(static_cast<unsigned char>(text[x])) || text[x] == '-')) ++x;
    if (x == b) return false;
    std::string_view word = text.substr(b, x - b);
    const bool joint = word == "of" || word == "on" || word == "for" || word == "and";
    if (!joint && !(word[0] >= 'A' && word[0] <= 'Z') && !(word[0] >= '0' && word[0] <= '9')) return false;
    if (name_heads.count(std::string(word))) return true;
    // "the WTO Ministerial Conference", "the NATO Summit": the gathering's
    // own side; "the UN Climate Change Conference": named after it.
    if (gathering_heads.count(std::string(word))) return words >= 2;
    w = x;
  }
  return false;
}

bool Gazetteer::Impl::BoundaryOk(std::string_view text, uint32_t b, uint32_t e) const {
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

// A single-character form at [b, e) that a longer match does not cover:
// is it a name here?
bool Gazetteer::Impl::SingleContextOk(std::string_view text, uint32_t b, uint32_t e,
                                      const Entry& entry, const std::vector<int>& covered) const {
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

int Gazetteer::Impl::HolderOn(const std::string& of, const std::string& role, int32_t day) const {
  auto it = office_holders.find({of, role});
  if (it == office_holders.end()) return -1;
  int found = -1;
  for (size_t i : it->second) {
    for (const Affiliation& a : actors[i].affiliations) {
      if (a.actor_id != of || a.role != role || !a.valid.ok() || !gaz::ValidOn(a, day)) {
        continue;
      }
      if (found >= 0 && found != int(i)) return -1;
      found = int(i);
    }
  }
  return found;
}

// A holder "new" for this long after taking office.
constexpr int32_t kNewHolderDays = 60;

int Gazetteer::Impl::NewHolder(const std::string& of, const std::string& role, int32_t day) const {
  auto it = office_holders.find({of, role});
  if (it == office_holders.end()) return -1;
  int found = -1;
  int32_t start = 0;
  for (size_t i : it->second) {
    for (const Affiliation& a : actors[i].affiliations) {
      if (a.actor_id != of || a.role != role || !a.valid.ok() || a.valid.earliest < day - kNewHolderDays) continue;
      if (found < 0 || a.valid.earliest < start) {
        found = int(i);
        start = a.valid.earliest;
      }
    }
  }
  return found;
}

// The place a metonym's form also names (Kyiv the city for Kyiv the
// government): among the places the form resolves to, the first inside the
// country the metonym stands for (Washington D.C., not Washington, Utah);
// for the seat of an organisation (Brussels for the EU), the first. A place
// metonyms.tsv gives is taken as it is. A form that names no place (the
// Kremlin, 罗马 missing from the GeoNames translations) takes the place of
// the first other form of the same actor that does: the seat is in the
// capital ("in the Kremlin" happened in Moscow).
std::string Gazetteer::Impl::MetonymKey(std::string_view form, const std::string& actor) {
  return NormaliseName(form) + '\t' + actor;
}

std::string Gazetteer::Impl::MetonymPlace(std::string_view form, const std::string& stands_for) const {
  auto lookup = [&](std::string_view f) -> std::string {
    auto given = metonym_places.find(MetonymKey(f, stands_for));
    if (given != metonym_places.end()) return given->second;
    auto it = resolve.find(NormaliseName(f));
    if (it == resolve.end()) return {};
    auto owner = index.find(stands_for);
    const bool country = owner != index.end() && actors[owner->second].kind == ActorKind::kCountry;
    auto inside = [&](size_t i) {
      const Actor* a = &actors[i];
      for (int depth = 0; depth < 4 && !a->part_of.empty(); ++depth) {
        const std::string& up = a->part_of.front();
        if (up == stands_for) return true;
        auto next = index.find(up);
        if (next == index.end()) return false;
        a = &actors[next->second];
      }
      return false;
    };
    const std::pair<size_t, int>* best = nullptr;
    for (const auto& hit : it->second) {
      if (actors[hit.first].kind != ActorKind::kPlace || (country && !inside(hit.first))) continue;
      if (best == nullptr || hit.second < best->second) best = &hit;
    }
    return best == nullptr ? std::string() : actors[best->first].id;
  };
  std::string place = lookup(form);
  for (size_t i = 0; place.empty() && i < metonyms.size(); ++i) {
    if (metonyms[i].actor_id == stands_for && metonyms[i].form != form) place = lookup(metonyms[i].form);
  }
  return place;
}

std::vector<ActorMention> Gazetteer::Impl::Match(std::string_view text, std::vector<Actor>* provisional_out,
                                                 int32_t as_of_day, std::string_view site) const {
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
      // "come to Russia today" is no "Russia Today": a later word of a
      // many-word name capitalised in the data is capitalised in the text.
      if (entry.original.find(' ') != std::string::npos && !entry.inflect && e - b == entry.original.size()) {
        bool lowered = false;
        for (size_t k = 1; k < entry.original.size() && !lowered; ++k) {
          char d = entry.original[k];
          lowered = entry.original[k - 1] == ' ' && d >= 'A' && d <= 'Z' && text[b + k] >= 'a' && text[b + k] <= 'z';
        }
        if (lowered) continue;
      }
      // "the Indian Ocean", "the South China Sea": a country's name or
      // adjective before a capitalised feature word (titles.tsv feature_head)
      // is part of the feature's name.
      if (entry.type != EntryType::kTitle && actors[entry.target].kind == ActorKind::kCountry && e + 1 < text.size() &&
          text[e] == ' ') {
        uint32_t w = e + 1;
        while (w < text.size() && ((text[w] >= 'a' && text[w] <= 'z') || (text[w] >= 'A' && text[w] <= 'Z'))) ++w;
        if (feature_heads.count(std::string(text.substr(e + 1, w - e - 1)))) continue;
      }
      // "the COP 26 UN Climate Change Conference", "the UN Charter": an
      // organisation's acronym in a run of capitalised words (of, on, for and
      // and between them) that holds a name head (titles.tsv name_head) is
      // part of that name.
      if (entry.case_sensitive && actors[entry.target].kind == ActorKind::kOrganisation && InLongerName(text, e)) {
        continue;
      }
      // "UN", "EU": two or three capitals are an acronym, never a place
      // spelt otherwise (the towns Un, Eu).
      if (!entry.case_sensitive && e - b <= 3 && actors[entry.target].kind == ActorKind::kPlace &&
          gaz::IsAcronym(text.substr(b, e - b))) {
        continue;
      }
      bool needs_capital = (entry.type == EntryType::kName || entry.type == EntryType::kSurname) &&
                           actors[entry.target].kind == ActorKind::kPerson &&
                           entry.original.find(' ') == std::string::npos;
      needs_capital |= entry.type != EntryType::kTitle && common_words.count(folded.substr(b, e - b)) > 0;
      // "during the current congress", "the party congress": a one-word
      // English name of a body or an organisation that the data spells with
      // a capital is a name only so spelt (Congress, the US Congress); a
      // lower-case "ukraine" is still Ukraine.
      const ActorKind kind = actors[entry.target].kind;
      needs_capital |= entry.type != EntryType::kTitle && !entry.original.empty() && entry.original[0] >= 'A' &&
                       entry.original[0] <= 'Z' && entry.original.find(' ') == std::string::npos &&
                       (kind == ActorKind::kGovernmentBody || kind == ActorKind::kOrganisation);
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
  MatchState st{text, std::vector<int>(text.size() + 1, -1), {}, {}, {}, {}, as_of_day, {}, {}, {}};
  SitePrincipal(site, as_of_day, &st.principal_role, &st.principal_id);
  SelectKnownNames(&st, std::move(cands), surname_cands, std::move(singles));
  ResolvePlaces(text, &st.sel, &st.covered);
  // ---- names the data does not know
  FindDottedNames(&st);
  std::vector<std::pair<std::string, std::string>> en_provisional = FindTitledNames(&st, std::move(title_cands));
  FindUntitledNames(&st, &en_provisional);
  FindBareSurnames(&st, en_provisional);
  ResolveTitleAnaphors(&st);
  AffiliateBySentence(&st);
  FindOrgNames(&st);
  AddProvisionalPlaces(text, &st.sel, &st.covered, &st.provisional);

  for (const Selected& s : st.sel) {
    if (s.actor_id.empty()) continue;
    ActorMention m;
    m.begin = s.begin;
    m.end = s.end;
    m.text = std::string(text.substr(s.begin, s.end - s.begin));
    m.actor_id = s.actor_id;
    m.metonym = s.metonym;
    m.provisional = s.provisional;
    if (m.metonym) {
      auto city = metonym_places.find(MetonymKey(m.text, m.actor_id));
      if (city != metonym_places.end()) m.place_id = city->second;
    }
    out.push_back(std::move(m));
  }
  std::sort(out.begin(), out.end(), [](const ActorMention& a, const ActorMention& b) { return a.begin < b.begin; });
  if (provisional_out != nullptr) {
    for (auto& [id, a] : st.provisional) {
      bool used = std::any_of(out.begin(), out.end(), [&](const ActorMention& m) { return m.actor_id == id; });
      if (used) provisional_out->push_back(std::move(a));
    }
  }
  return out;
}

// An office holder's own site: the host or a parent domain of it.
void Gazetteer::Impl::SitePrincipal(std::string_view site, int32_t as_of_day, std::string* role,
                                    std::string* id) const {
  if (site.empty() || as_of_day == TimeValue::kNoDay) return;
  std::string host = gaz::FoldSameLength(site);
  for (;;) {
    auto it = official_sites.find(host);
    if (it != official_sites.end()) {
      int person = HolderOn(it->second.first, it->second.second, as_of_day);
      if (person >= 0) {
        *role = it->second.second;
        *id = actors[person].id;
      }
      return;
    }
    size_t dot = host.find('.');
    if (dot == std::string::npos) return;
    host.erase(0, dot + 1);
  }
}

// Known names: the longest first, then ambiguous surnames of people named in
// full, then single characters where their context allows.
// "Emine Erdogan", "Olena Zelenska's husband": a one-word English name of a
// known person right after a capitalised word that is no English word, no
// title and not in the person's own names (nor with the first letter of one of
// them: a transliteration) is another person of that family — left to the
// untitled-name finder. "Recep Tayyip Erdogan", "Vladimir Zelensky",
// "President Erdogan", "When Erdogan met" keep the known person.
bool Gazetteer::Impl::OtherGivenName(std::string_view text, const Cand& c, const Actor& a) const {
  if (a.kind != ActorKind::kPerson || c.entry->original.find(' ') != std::string::npos) return false;
  if (c.begin < 3 || text[c.begin - 1] != ' ') return false;
  uint32_t b = c.begin - 1;
  while (b > 0 && (std::isalpha(static_cast<unsigned char>(text[b - 1])) || static_cast<unsigned char>(text[b - 1]) >= 0x80)) --b;
  std::string_view prev = text.substr(b, c.begin - 1 - b);
  if (prev.size() < 2 || !(prev[0] >= 'A' && prev[0] <= 'Z')) return false;
  std::string word(prev);
  if (en_stops.count(word) || en_title_words.count(word)) return false;
  const auto& lex = events::EnglishLexicon::Get();
  if (lex.Closed(prev) != 0 || !(lex.PossiblePos(prev) == 0 || lex.ProperOnly(prev))) return false;
  return !GivenNameFits(word, a);
}

// A given name of the person, or a spelling of one: transliterations keep the
// first letter (Vladimir / Volodymyr Zelensky, Sergei / Sergey Lavrov). Given
// names only: the surname's own first letter says nothing (Emine Erdogan is
// not Recep Tayyip Erdogan).
bool Gazetteer::Impl::GivenNameFits(std::string_view given, const Actor& a) {
  if (given.empty()) return false;
  auto own = [&](const std::string& name) {
    if (name.find(given) != std::string::npos) return true;
    const size_t surname = name.rfind(' ');
    for (size_t i = 0; surname != std::string::npos && i < surname; ++i) {
      if ((i == 0 || name[i - 1] == ' ') && name[i] == given[0]) return true;
    }
    return false;
  };
  for (const auto& [lang, name] : a.names) {
    if (own(name)) return true;
  }
  for (const auto& [lang, list] : a.aliases) {
    for (const auto& alias : list) {
      if (own(alias)) return true;
    }
  }
  return false;
}

// "the International Congress of Mathematicians", "the National Congress":
// an English alias of a body (not its name) inside a longer capitalised name —
// right after a capitalised common word that does not open the sentence
// ("International", not "US" or "The"), or right before "of" and a
// capitalised word — is a part of another name, not the body.
bool Gazetteer::Impl::InsideLongerName(std::string_view text, const Cand& c, const Actor& a) const {
  if (a.kind != ActorKind::kOrganisation && a.kind != ActorKind::kGovernmentBody) return false;
  const std::string& form = c.entry->original;
  if (form.empty() || static_cast<unsigned char>(form[0]) >= 0x80) return false;
  for (const auto& [lang, name] : a.names) {
    if (name == form) return false;
  }
  std::string_view after = text.substr(c.end);
  if (after.size() > 4 && after.substr(0, 4) == " of " && after[4] >= 'A' && after[4] <= 'Z') return true;
  if (c.begin < 3 || text[c.begin - 1] != ' ') return false;
  uint32_t b = c.begin - 1;
  while (b > 0 && std::isalpha(static_cast<unsigned char>(text[b - 1]))) --b;
  std::string_view prev = text.substr(b, c.begin - 1 - b);
  if (prev.size() < 2 || !(prev[0] >= 'A' && prev[0] <= 'Z')) return false;
  // The sentence's first word is capitalised whatever it is.
  size_t p = b;
  while (p > 0 && text[p - 1] == ' ') --p;
  if (p == 0 || text[p - 1] == '.' || text[p - 1] == '\n' || text[p - 1] == '"') return false;
  std::string word(prev);
  if (en_stops.count(word) || en_title_words.count(word)) return false;
  const auto& lex = events::EnglishLexicon::Get();
  return lex.Closed(prev) == 0 && lex.PossiblePos(prev) != 0 && !lex.ProperOnly(prev);
}

bool Gazetteer::Impl::MissingDocumentContext(std::string_view text, const Cand& c) const {
  if (c.entry->type != EntryType::kShortDocument) return false;
  auto it = in_document.find(c.entry->original);
  if (it == in_document.end()) return true;
  auto word_char = [](char ch) { return std::isalnum(static_cast<unsigned char>(ch)) != 0; };
  for (const std::string& need : it->second) {
    for (size_t at = text.find(need); at != std::string_view::npos; at = text.find(need, at + 1)) {
      bool starts = at == 0 || !word_char(text[at - 1]) || !word_char(need.front());
      size_t end = at + need.size();
      bool ends = end >= text.size() || !word_char(text[end]) || !word_char(need.back());
      if (starts && ends) return false;
    }
  }
  return true;
}

void Gazetteer::Impl::SelectKnownNames(MatchState* st, std::vector<Cand> cands,
                                       const std::vector<Cand>& surname_cands,
                                       std::vector<Cand> singles) const {
  std::string_view text = st->text;
  const std::vector<int>& covered = st->covered;
  const std::vector<Selected>& sel = st->sel;
  std::sort(cands.begin(), cands.end(), gaz::LongerFirst);
  // Hand-written names first; a generated place only where they leave room:
  // it never hides a known person or organisation, nor a known name as long
  // as itself. It does hide a shorter country or place inside it ("Northern
  // Ireland", "New Mexico" are not Ireland and Mexico).
  auto generated = [&](const Cand& c) { return place_facts[c.entry->target].generated; };
  // Only a document with generated candidates needs the map of known names.
  std::vector<uint32_t> known_len;  // longest hand-written name over a byte
  std::vector<char> known_other;    // a hand-written non-place over a byte
  if (std::any_of(cands.begin(), cands.end(), generated)) {
    known_len.assign(text.size() + 1, 0);
    known_other.assign(text.size() + 1, 0);
    for (const Cand& c : cands) {
      if (generated(c)) continue;
      ActorKind k = actors[c.entry->target].kind;
      for (uint32_t i = c.begin; i < c.end; ++i) {
        known_len[i] = std::max(known_len[i], c.end - c.begin);
        if (k != ActorKind::kCountry && k != ActorKind::kPlace) known_other[i] = 1;
      }
    }
  }
  auto first = [&](const Cand& c) {
    if (!generated(c)) return true;
    for (uint32_t i = c.begin; i < c.end; ++i) {
      if (known_other[i] || known_len[i] >= c.end - c.begin) return false;
    }
    return true;
  };
  std::stable_partition(cands.begin(), cands.end(), first);
  for (const Cand& c : cands) {
    if (!st->Free(c.begin, c.end)) continue;
    const Actor& a = actors[c.entry->target];
    if (OtherGivenName(text, c, a) || InsideLongerName(text, c, a)) continue;
    // Without its context the form names nobody we can tell: the span is
    // held empty, so no provisional body of that name is made either (a user
    // typing it still gets the known actor).
    if (MissingDocumentContext(text, c)) {
      st->Take(c.begin, c.end, Selected{0, 0, "", false, false, false});
      continue;
    }
    st->Take(c.begin, c.end,
             Selected{0, 0, a.id, c.entry->type == EntryType::kMetonym, false, a.kind == ActorKind::kPerson,
                      c.entry->type == EntryType::kName ? c.pid : UINT32_MAX, false});
  }
  // Ambiguous surnames, where the person is already named in full.
  for (const Cand& c : surname_cands) {
    const std::string& id = actors[c.entry->target].id;
    bool named = std::any_of(sel.begin(), sel.end(), [&](const Selected& s) { return s.actor_id == id; });
    if (named && st->Free(c.begin, c.end)) st->Take(c.begin, c.end, Selected{0, 0, id, false, false, true});
  }
  // Single characters, judged after the longer names are placed.
  std::sort(singles.begin(), singles.end(), [](const Cand& a, const Cand& b) { return a.begin < b.begin; });
  std::vector<const Cand*> ok_singles;
  for (const Cand& c : singles) {
    if (!st->Free(c.begin, c.end)) continue;
    if (SingleContextOk(text, c.begin, c.end, *c.entry, covered)) ok_singles.push_back(&c);
  }
  for (const Cand* c : ok_singles) {
    st->Take(c->begin, c->end, Selected{0, 0, actors[c->entry->target].id, false, false, false});
  }
}

}  // namespace kbq::ingest
