// The gazetteer's names of people the data does not know, found after the
// known names are placed (gazetteer_match.cc): Chinese dotted names
// (谢尔盖・拉夫罗夫), a title and a name (外长X, Foreign Minister X), and the
// surname alone after such a full mention. Each is linked to a known person
// when one is named inside it or its surname is one person's, else made a
// provisional actor.
#include <algorithm>
#include <map>
#include <set>

#include "actors/gazetteer_impl.h"
#include "actors/gazetteer_text.h"
#include "events/lexicon_en.h"
#include "text_util.h"

namespace kbq::ingest {

using gaz::CodePointAt;
using gaz::CodePointBefore;

namespace {

// The surname an English full name can later stand for alone ("Ramaphosa"
// after "Cyril Ramaphosa"): its last word, when it has two words or more and
// that word three bytes or more; else empty.
std::string_view StandaloneSurname(std::string_view name) {
  size_t sp = name.rfind(' ');
  if (sp == std::string_view::npos || name.size() - sp - 1 < 3) return {};
  return name.substr(sp + 1);
}

// Where the word starting at byte `q` ends: word characters, any byte of a
// multi-byte character, and hyphens ("Kaudel-Jensen").
uint32_t WordEndAt(std::string_view text, uint32_t q) {
  while (q < text.size() && (gaz::IsWordChar(static_cast<unsigned char>(text[q])) ||
                             static_cast<unsigned char>(text[q]) >= 0x80 || text[q] == '-')) {
    ++q;
  }
  return q;
}

}  // namespace

// Registers a person name at [b, e); links to a known person when `known`
// >= 0, else makes a provisional actor. Returns its id.
std::string Gazetteer::Impl::AddPerson(MatchState* st, uint32_t b, uint32_t e, int known,
                                       const std::string& lang) const {
  std::string_view text = st->text;
  const std::vector<int>& covered = st->covered;
  const std::vector<Selected>& sel = st->sel;
  for (uint32_t i = b; i < e; ++i) {
    if (covered[i] >= 0 && !sel[covered[i]].actor_id.empty()) st->Remove(covered[i]);
  }
  std::string surface(text.substr(b, e - b));
  std::string id;
  if (known >= 0) {
    id = actors[known].id;
    st->Take(b, e, Selected{0, 0, id, false, false, true});
  } else {
    id = "person:" + (lang == "zh" ? NormaliseName(surface) : gaz::Slug(surface));
    st->Take(b, e, Selected{0, 0, id, false, true, true});
    auto& a = st->provisional[id];
    if (a.id.empty()) {
      a.id = id;
      a.kind = ActorKind::kPerson;
      a.names[lang] = surface;
      a.provisional = true;
      a.source = "text";
      // "Ramaphosa" alone names them in the text (FindBareSurnames): a user may type it too.
      if (std::string_view surname = StandaloneSurname(surface); lang == "en" && !surname.empty()) {
        a.forms.push_back({std::string(surname), "en", NameKind::kSurname});
      }
    }
  }
  return id;
}

// The known person named inside [b, e), or -1; *other tells whether another
// kind of known name lies inside.
int Gazetteer::Impl::KnownPersonIn(const MatchState& st, uint32_t b, uint32_t e, bool* other) const {
  const std::vector<int>& covered = st.covered;
  const std::vector<Selected>& sel = st.sel;
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
}

// Chinese dotted names: 谢尔盖・拉夫罗夫.
void Gazetteer::Impl::FindDottedNames(MatchState* st) const {
  std::string_view text = st->text;
  const std::vector<int>& covered = st->covered;
  const std::vector<Selected>& sel = st->sel;
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
    int known = KnownPersonIn(*st, static_cast<uint32_t>(lb), static_cast<uint32_t>(re), &other);
    if (!other) {
      if (known < 0) {
        size_t dl;
        CodePointAt(text, last_dot, &dl);
        std::string last = NormaliseName(text.substr(last_dot + dl, re - last_dot - dl));
        auto it = zh_person.find(last);
        if (it != zh_person.end() && it->second.size() == 1) known = static_cast<int>(it->second[0]);
      }
      AddPerson(st, static_cast<uint32_t>(lb), static_cast<uint32_t>(re), known, "zh");
    }
    i = std::max(re, i + len);
  }
}

// Title + name: 外长X, Foreign Minister X. Returns the (surname, id) of each
// provisional English person it made.
std::vector<std::pair<std::string, std::string>> Gazetteer::Impl::FindTitledNames(
    MatchState* st, std::vector<Cand> title_cands) const {
  std::string_view text = st->text;
  const std::vector<int>& covered = st->covered;
  const std::vector<Selected>& sel = st->sel;
  std::sort(title_cands.begin(), title_cands.end(), gaz::LongerFirst);
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
  for (const Cand& t : chosen_titles) {
    const Title& title = titles[t.entry->target];
    if (title.lang == "en") st->en_titles.push_back({t.begin, t.end, title.role});
  }
  std::vector<std::pair<std::string, std::string>> en_provisional;  // (surname, id)
  // "NATO Secretary General Jens Stoltenberg … the Secretary General said":
  // the last person each English title (and its last word) was given to.
  std::map<std::string, std::pair<std::string, bool>> holder;  // folded title → (id, provisional)
  auto title_keys = [&](const Cand& t) {
    std::string full = gaz::FoldSameLength(text.substr(t.begin, t.end - t.begin));
    std::vector<std::string> keys{full};
    size_t sp = full.rfind(' ');
    if (sp != std::string::npos && full.substr(sp + 1) != "minister") keys.push_back(full.substr(sp + 1));
    return keys;
  };
  auto remember = [&](const Cand& t, const std::string& id) {
    const Title& title = titles[t.entry->target];
    if (title.lang != "en" || id.empty()) return;
    auto pit = st->provisional.find(id);
    for (const auto& k : title_keys(t)) holder[k] = {id, pit != st->provisional.end()};
    // "the Head of State": the last holder of any title of that role.
    if (!title.role.empty()) holder["role:" + title.role] = {id, pit != st->provisional.end()};
  };
  // "the Secretary General", "The President thanked …": a title after "the"
  // with no name and no of-phrase after it is the person who last held it.
  auto anaphor = [&](const Cand& t) {
    const std::string& role = titles[t.entry->target].role;
    // On the office holder's own site a bare title of that office is them,
    // also opening a headline or a sentence ("President met with …").
    if (!role.empty() && role == st->principal_role && text.substr(t.end, 4) != " of " && st->Free(t.begin, t.end)) {
      const bool opens = t.begin == 0 || text[t.begin - 1] == '\n' ||
                         (t.begin >= 2 && text.substr(t.begin - 2, 2) == ". ");
      const bool the = t.begin >= 4 && gaz::FoldSameLength(text.substr(t.begin - 4, 4)) == "the ";
      // Not inside a name or an office ("the Office of the President", "Head
      // of the Office of the President") nor a possessive ("the President's
      // wife"): those name someone else.
      // Nor "Mr President", which addresses a guest.
      const bool inside = (t.begin >= 7 && gaz::FoldSameLength(text.substr(t.begin - 7, 7)) == "of the ") ||
                          (t.begin >= 3 && text.substr(t.begin - 3, 3) == "Mr ") ||
                          (t.begin >= 4 && text.substr(t.begin - 4, 4) == "Mr. ") ||
                          (t.begin >= 6 && text.substr(t.begin - 6, 6) == "Madam ");
      const bool possessive = text.substr(t.end, 2) == "'s" || text.substr(t.end, 4) == "\u2019s";
      if ((opens || the) && !inside && !possessive) {
        st->Take(t.begin, t.end, Selected{0, 0, st->principal_id, false, false, true});
        return;
      }
    }
    if (t.begin < 4 || gaz::FoldSameLength(text.substr(t.begin - 4, 4)) != "the ") return;
    size_t l = 0;
    if (t.begin >= 5 && gaz::IsWordChar(CodePointAt(text, t.begin - 5, &l))) return;
    if (text.substr(t.end, 4) == " of " || !st->Free(t.begin, t.end)) return;
    std::vector<std::string> keys = title_keys(t);
    if (!role.empty()) keys.push_back("role:" + role);
    for (const auto& k : keys) {
      auto it = holder.find(k);
      if (it == holder.end()) continue;
      st->Take(t.begin, t.end, Selected{0, 0, it->second.first, false, it->second.second, true});
      return;
    }
  };
  for (const Cand& t : chosen_titles) {
    const Title& title = titles[t.entry->target];
    uint32_t p = t.end;
    if (p >= text.size()) continue;
    if (title.lang != "zh" && text[p] != ' ') {
      anaphor(t);
      continue;
    }
    if (title.lang == "zh") {
      if (covered[p] >= 0 && !sel[covered[p]].actor_id.empty()) continue;
      if (title_used[p]) continue;  // another title follows: 总统特别代表
      size_t q = p, n = 0;
      while (q < text.size() && n < 8) {
        size_t l2;
        int32_t c = CodePointAt(text, q, &l2);
        if (!IsTranslit(c) || (covered[q] >= 0 && !sel[covered[q]].actor_id.empty())) break;
        // 赫拉维当天: a word that never starts a name ends one.
        bool stop_here = false;
        for (const auto& w : zh_stops) stop_here |= n >= 2 && text.substr(q, w.size()) == w;
        if (stop_here) break;
        q += l2;
        ++n;
      }
      if (n < 2) continue;
      std::string_view cand = text.substr(p, q - p);
      bool stop = false;
      for (const auto& s : zh_stops) stop |= cand.substr(0, s.size()) == s;
      if (stop) continue;
      AffiliateByTitle(st, t.begin, title, AddPerson(st, p, static_cast<uint32_t>(q), -1, "zh"));
      continue;
    }
    // English: one space, then capitalised words (with initials and
    // particles such as bin, van, de between them).
    if (text[p] != ' ') continue;
    ++p;
    static const std::set<std::string_view> kParticles = {"de", "da", "van", "von", "der", "bin", "al",
                                                          "el", "la", "le", "du", "dos", "di", "ibn"};
    // "President of Brazil Jair Bolsonaro", "Prime Minister of the United
    // Kingdom Boris Johnson": the country after "of" is the title's; the name
    // follows it.
    int of_country = -1;
    bool name_may_follow = true;
    for (std::string_view of : {"of the ", "of "}) {
      if (of_country >= 0 || text.compare(p, of.size(), of) != 0 || p + of.size() >= text.size()) continue;
      uint32_t c0 = p + static_cast<uint32_t>(of.size());
      int s = covered[c0];
      if (s < 0 || sel[s].actor_id.empty() || sel[s].person || sel[s].begin != c0) continue;
      auto it = index.find(sel[s].actor_id);
      // A country only: an organisation's name runs on ("of the World Bank
      // Group David Malpass").
      if (it == index.end() || actors[it->second].kind != ActorKind::kCountry) continue;
      of_country = s;
      // "… praised the President of Ukraine.": nothing follows the country.
      name_may_follow = sel[s].end + 1 < text.size() && text[sel[s].end] == ' ';
      p = name_may_follow ? sel[s].end + 1 : sel[s].end;
    }
    // "the President of Azerbaijan", "the Prime Minister of Armenia": no
    // name after the country; on the text's day one known person held that
    // post: the mention is them (the country is theirs). True when it applied.
    auto holder_of_country = [&]() {
      if (of_country < 0 || st->as_of_day == TimeValue::kNoDay || title.role.empty() || title.lang != "en") {
        return false;
      }
      const Selected country = sel[of_country];
      // "the new Chancellor of Germany", "the incoming president": the one
      // taking office, not the one leaving it.
      std::string before = internal::AsciiLower(text.substr(t.begin >= 9 ? t.begin - 9 : 0, t.begin >= 9 ? 9 : t.begin));
      const bool incoming = before.ends_with(" new ") || before.ends_with("incoming ") || before.ends_with(" next ") ||
                            before.ends_with("future ");
      int person = incoming ? NewHolder(country.actor_id, title.role, st->as_of_day)
                            : HolderOn(country.actor_id, title.role, st->as_of_day);
      if (person < 0) return false;
      st->Remove(of_country);
      if (st->Free(t.begin, country.end)) {
        // Not remembered for "the President" later: a release's own
        // president stays the one its anaphors mean.
        st->Take(t.begin, country.end, Selected{0, 0, actors[person].id, false, false, true});
        return true;
      }
      st->Take(country.begin, country.end, country);
      return false;
    };
    // "Minister Holds Talks With Party Leaders", "Speech by the President of
    // Ukraine at the Munich Security Conference": no name after a title in a
    // title-case line.
    if (!name_may_follow || gaz::TitleCaseLine(text, t.begin)) {
      if (!holder_of_country() && !name_may_follow) anaphor(t);
      continue;
    }
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
    if (last_cap_end == p) {
      if (holder_of_country()) continue;
      // "Governor of Perm Territory Dmitry Makhonin": after "of" and a body's
      // or region's name that ends in a common word (Territory, Region,
      // Council), the last two words, when they are no English word, are the
      // name.
      if (text.compare(p, 3, "of ") == 0) {
        const auto& lex = events::EnglishLexicon::Get();
        std::vector<std::pair<uint32_t, uint32_t>> run;  // capitalised words after "of (the)"
        uint32_t q2 = p + 3;
        if (text.compare(q2, 4, "the ") == 0) q2 += 4;
        while (q2 < text.size() && run.size() < 8) {
          const uint32_t w = WordEndAt(text, q2);
          if (w == q2 || !gaz::IsUpperLetter(static_cast<unsigned char>(text[q2]))) break;
          run.emplace_back(q2, w);
          if (w >= text.size() || text[w] != ' ') break;
          q2 = w + 1;
        }
        auto name_word = [&](std::pair<uint32_t, uint32_t> w) {
          std::string_view word = text.substr(w.first, w.second - w.first);
          return word.size() >= 2 && !en_stops.count(std::string(word)) && !en_title_words.count(std::string(word)) &&
                 (lex.PossiblePos(word) == 0 || lex.ProperOnly(word));
        };
        size_t n = 0;
        while (n < run.size() && n < 3 && name_word(run[run.size() - 1 - n])) ++n;
        // Two words: in "Company Uralchem Dmitry Mazepin" a third is the body's.
        if (n >= 2 && run.size() > n) {
          n = 2;
          const auto before = run[run.size() - 1 - n];
          const bool common_before = lex.PossiblePos(text.substr(before.first, before.second - before.first)) != 0;
          const uint32_t nb = run[run.size() - n].first, ne = run.back().second;
          if (common_before && st->Free(nb, ne)) {
            std::string id = AddPerson(st, nb, ne, -1, "en");
            remember(t, id);
            std::string_view nm = text.substr(nb, ne - nb);
            if (!StandaloneSurname(nm).empty()) en_provisional.emplace_back(std::string(nm.substr(nm.rfind(' ') + 1)), id);
            continue;
          }
        }
      }
      anaphor(t);
      continue;
    }
    bool other = false;
    KnownPersonIn(*st, p, last_cap_end, &other);
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
      // "First Deputy Prime Minister Heydar Aliyev" is not Ilham Aliyev: a
      // full given name that is none of the known person's is another person
      // of that family (an initial says nothing).
      std::string_view given = sp == std::string_view::npos ? std::string_view() : name.substr(0, name.find(' '));
      if (known >= 0 && given.size() > 1 && given.back() != '.' && !GivenNameFits(given, actors[known])) known = -1;
    }
    // "President Bolsonaro" after "President of Brazil Jair Bolsonaro": the
    // surname alone is the person the document named in full.
    if (known < 0 && sp == std::string_view::npos) {
      auto same = std::find_if(en_provisional.begin(), en_provisional.end(),
                               [&](const auto& sid) { return sid.first == surname; });
      if (same != en_provisional.end() && st->Free(p, last_cap_end)) {
        st->Take(p, last_cap_end, Selected{0, 0, same->second, false, true, true});
        remember(t, same->second);
        continue;
      }
    }
    std::string id = AddPerson(st, p, last_cap_end, known, "en");
    remember(t, id);
    if (auto pit = st->provisional.find(id); of_country >= 0 && pit != st->provisional.end() &&
                                             pit->second.affiliations.empty()) {
      pit->second.affiliations.push_back({sel[of_country].actor_id, title.role, TimeValue()});
      st->used_as_affiliation.insert(sel[of_country].begin);
    }
    AffiliateByTitle(st, t.begin, title, id);
    if (known < 0 && !StandaloneSurname(name).empty()) en_provisional.emplace_back(surname, id);
  }
  return en_provisional;
}

// FindTitledNames ties "the Secretary General" to the person its title last
// introduced, as it goes; but some names are in only once every finder has
// run (a known person matched whole, "Governor of Perm Territory Dmitry
// Makhonin", a headline in title case, "Boris Johnson, Prime Minister of
// …"). Here, in text order: the title each person is named with, right before
// the name (only capitalised words, "of" and "the" between) or right after it
// (", Prime Minister of …"); and every bare "the <title>" still free is the
// last person named with that title, else with a title of its role, else the
// last person named whose known office that day has its role.
void Gazetteer::Impl::ResolveTitleAnaphors(MatchState* st) const {
  std::string_view text = st->text;
  auto person_at = [&](uint32_t b) -> const Selected* {
    if (b >= text.size() || st->covered[b] < 0) return nullptr;
    const Selected& x = st->sel[st->covered[b]];
    return !x.actor_id.empty() && x.person && x.begin == b ? &x : nullptr;
  };
  // The person a title introduces: its name after capitalised words ("of
  // Perm Territory"), at most 8 words on, or the name it follows in apposition.
  auto introduced = [&](const MatchState::TitleAt& t) -> const Selected* {
    uint32_t q = t.end;
    for (int words = 0; words < 8 && q < text.size() && text[q] == ' '; ++words) {
      ++q;
      if (const Selected* p = person_at(q)) return p;
      const uint32_t w = WordEndAt(text, q);
      std::string_view word = text.substr(q, w - q);
      if (word.empty() || !(word == "of" || word == "the" || gaz::IsUpperLetter(static_cast<unsigned char>(word[0])))) {
        break;
      }
      q = w;
    }
    for (std::string_view before : {", ", ", the "}) {
      if (t.begin < before.size() + 1 || text.substr(t.begin - before.size(), before.size()) != before) continue;
      int s = st->covered[t.begin - before.size() - 1];
      if (s >= 0 && st->sel[s].person && !st->sel[s].actor_id.empty() && st->sel[s].end == t.begin - before.size()) {
        return &st->sel[s];
      }
    }
    return nullptr;
  };
  auto office_on_day = [&](const std::string& id, const std::string& role) {
    const std::vector<Affiliation>* affs = nullptr;
    if (auto pit = st->provisional.find(id); pit != st->provisional.end()) {
      affs = &pit->second.affiliations;
    } else if (auto it = index.find(id); it != index.end()) {
      affs = &actors[it->second].affiliations;
    }
    if (affs == nullptr) return false;
    return std::any_of(affs->begin(), affs->end(), [&](const Affiliation& a) {
      return a.role == role && (st->as_of_day == TimeValue::kNoDay || gaz::ValidOn(a, st->as_of_day));
    });
  };
  std::map<std::string, std::string> holder;  // folded title, or "role:" + role → person id
  for (const MatchState::TitleAt& t : st->en_titles) {
    if (t.role == "honorific" || t.role == "title") continue;
    const std::string key = gaz::FoldSameLength(text.substr(t.begin, t.end - t.begin));
    if (const Selected* p = introduced(t)) {
      holder[key] = p->actor_id;
      if (!t.role.empty()) holder["role:" + t.role] = p->actor_id;
      continue;
    }
    // A bare "the <title>" heading its phrase: not "the Office of the
    // President", "the President's wife", "the Governor General".
    if (t.begin < 4 || gaz::FoldSameLength(text.substr(t.begin - 4, 4)) != "the ") continue;
    if (t.begin >= 5 && gaz::IsWordChar(static_cast<unsigned char>(text[t.begin - 5]))) continue;
    if (t.begin >= 7 && gaz::FoldSameLength(text.substr(t.begin - 7, 3)) == "of ") continue;
    if (!st->Free(t.begin, t.end)) continue;
    if (t.end < text.size()) {
      std::string_view after = text.substr(t.end, 4);
      if (after == " of " || after.substr(0, 2) == "'s" || after.substr(0, 3) == "\u2019") continue;
      if (text[t.end] == ' ' && t.end + 1 < text.size() && gaz::IsUpperLetter(static_cast<unsigned char>(text[t.end + 1]))) {
        continue;
      }
      if (gaz::IsWordChar(static_cast<unsigned char>(text[t.end])) || text[t.end] == '-') continue;
    }
    std::string id;
    if (auto it = holder.find(key); it != holder.end()) {
      id = it->second;
    } else if (auto jt = holder.find("role:" + t.role); !t.role.empty() && jt != holder.end()) {
      id = jt->second;
    } else if (!t.role.empty()) {
      uint32_t last = 0;
      for (const Selected& x : st->sel) {
        if (x.actor_id.empty() || !x.person || x.end > t.begin || x.begin < last) continue;
        if (office_on_day(x.actor_id, t.role)) {
          id = x.actor_id;
          last = x.begin;
        }
      }
    }
    if (id.empty()) continue;
    st->Take(t.begin, t.end, Selected{0, 0, id, false, st->provisional.count(id) > 0, true});
  }
}

// "Russian Foreign Minister Sergei Ivanov", "Lebanon's new President Elias
// Hrawi", 俄罗斯外长拉夫罗夫: the country (or organisation) named right before
// a provisional person's title is their affiliation, with the title's role.
// Between them only a possessive and title modifiers (new, former).
void Gazetteer::Impl::AffiliateByTitle(MatchState* st, uint32_t title_begin, const Title& title,
                                       const std::string& id) const {
  auto pit = st->provisional.find(id);
  if (pit == st->provisional.end() || !pit->second.affiliations.empty()) return;
  std::string_view text = st->text;
  uint32_t q = title_begin;
  if (title.lang == "en") {
    for (int words = 0; words < 3; ++words) {
      while (q > 0 && text[q - 1] == ' ') --q;
      uint32_t w = q;
      while (w > 0 && ((text[w - 1] >= 'a' && text[w - 1] <= 'z') || text[w - 1] == '-')) --w;
      if (w == q || !title_modifiers.count(std::string(text.substr(w, q - w)))) break;
      q = w;
    }
    if (q >= 2 && text.substr(q - 2, 2) == "'s") q -= 2;
    else if (q >= 4 && text.substr(q - 4, 4) == "\u2019s") q -= 4;
  }
  auto later = [&] { st->untitled_country.emplace_back(id, title_begin, title.role); };
  if (q == 0) return later();
  int s = st->covered[q - 1];
  if (s < 0 || st->sel[s].actor_id.empty() || st->sel[s].end != q || st->sel[s].person) return later();
  auto it = index.find(st->sel[s].actor_id);
  if (it == index.end()) return later();
  const Actor& by = actors[it->second];
  std::string country;
  if (by.kind == ActorKind::kCountry || by.kind == ActorKind::kOrganisation) {
    country = by.id;
  } else if (by.kind == ActorKind::kGovernmentBody && !by.part_of.empty()) {
    country = by.part_of.front();
  }
  if (country.empty()) return later();
  pit->second.affiliations.push_back({country, title.role, TimeValue()});
  st->used_as_affiliation.insert(st->sel[s].begin);
}

// "Rebels said they will release Prime Minister Mahendra Chaudhry" after "The
// Fijian rebels", "ordered former president Carlos Menem" after "An Argentine
// judge": a titled person the data does not know, with no country before the
// title, takes the nearest country named in the same sentence — before the
// title first, else after it — that is no other person's affiliation. The
// title says they hold an office; the sentence says where. Only a country
// named as someone's — an adjective (Fijian, Argentine, Thai) or a possessive
// (Haiti's) — counts: "Senegal received President Jawara" names a side, not
// his country. Stored as a provisional affiliation, as AffiliateByTitle's.
namespace {

// The mention names the country as someone's: a one-word adjective that is not
// the country's name (Fijian, Argentine, Thai, French), or a possessive.
bool Belonging(std::string_view text, const gaz::Selected& sel, const Actor& country) {
  std::string_view surface = text.substr(sel.begin, sel.end - sel.begin);
  std::string_view rest = text.substr(sel.end);
  if (rest.substr(0, 2) == "'s" || rest.substr(0, 4) == "\u2019s") return true;
  if (surface.empty() || surface.find(' ') != std::string_view::npos || !(surface[0] >= 'A' && surface[0] <= 'Z')) {
    return false;
  }
  auto name = country.names.find("en");
  if (name != country.names.end() && name->second == surface) return false;
  for (std::string_view suffix : {"an", "ese", "ish", "i", "ch", "ine", "ic", "ek", "ss"}) {
    if (surface.size() > suffix.size() + 2 && surface.substr(surface.size() - suffix.size()) == suffix) return true;
  }
  return false;
}

}  // namespace

void Gazetteer::Impl::AffiliateBySentence(MatchState* st) const {
  std::string_view text = st->text;
  // Byte i ends a sentence: a newline, . ? ! before a space, or the last byte of 。？！.
  auto sentence_end = [&](uint32_t i) {
    char c = text[i];
    if (c == '\n' || ((c == '.' || c == '?' || c == '!') && i + 1 < text.size() && text[i + 1] == ' ')) return true;
    if (i < 2) return false;
    std::string_view tail = text.substr(i - 2, 3);
    return tail == "\u3002" || tail == "\uFF1F" || tail == "\uFF01";
  };
  for (const auto& [id, title_begin, role] : st->untitled_country) {
    auto pit = st->provisional.find(id);
    if (pit == st->provisional.end() || !pit->second.affiliations.empty()) continue;
    uint32_t lo = title_begin, hi = title_begin;
    while (lo > 0 && !sentence_end(lo - 1)) --lo;
    while (hi < text.size() && !sentence_end(hi)) ++hi;
    std::string best;
    uint64_t best_d = UINT64_MAX;
    for (const Selected& sel : st->sel) {
      if (sel.actor_id.empty() || sel.person || sel.begin < lo || sel.end > hi) continue;
      if (st->used_as_affiliation.count(sel.begin)) continue;
      auto it = index.find(sel.actor_id);
      if (it == index.end() || actors[it->second].kind != ActorKind::kCountry) continue;
      if (!Belonging(text, sel, actors[it->second])) continue;
      // Before the title: its distance; after: behind every country before.
      uint64_t d = sel.end <= title_begin ? title_begin - sel.end : (uint64_t(1) << 32) + (sel.begin - title_begin);
      if (d < best_d) {
        best_d = d;
        best = sel.actor_id;
      }
    }
    if (!best.empty()) pit->second.affiliations.push_back({best, role, TimeValue()});
  }
}

namespace {

bool Belonging(std::string_view text, const gaz::Selected& sel, const Actor& country);

// One word of running English text: [begin, end), letters with inner
// hyphens and apostrophes ("O'Brien", "Al-Thani"); a possessive 's is left out.
struct Word {
  uint32_t begin = 0, end = 0;
};

std::vector<Word> WordsOf(std::string_view text) {
  std::vector<Word> out;
  for (size_t i = 0; i < text.size();) {
    size_t len;
    int32_t c = CodePointAt(text, i, &len);
    if (!gaz::IsWordChar(c)) {
      i += len;
      continue;
    }
    size_t e = i;
    while (e < text.size()) {
      size_t l2;
      int32_t d = CodePointAt(text, e, &l2);
      bool inner = (d == '-' || d == '\'') && e + 1 < text.size() && gaz::IsWordChar(CodePointAt(text, e + 1, &l2));
      if (!gaz::IsWordChar(d) && !inner) break;
      e += inner ? 1 : l2;
    }
    uint32_t end = static_cast<uint32_t>(e);
    if (end - i > 2 && text.substr(end - 2, 2) == "'s") end -= 2;
    out.push_back({static_cast<uint32_t>(i), end});
    i = e;
  }
  return out;
}

}  // namespace

// An untitled person's country, named as theirs right next to the name: an
// adjective or possessive before it with at most three lower-case words
// between ("British militant X", "Israel's right-wing leader X"), or an
// apposition right after it ("X, Algeria's leading rights activist").
void Gazetteer::Impl::AffiliateUntitled(MatchState* st, uint32_t b, uint32_t e, const std::string& id) const {
  auto pit = st->provisional.find(id);
  if (pit == st->provisional.end() || !pit->second.affiliations.empty()) return;
  std::string_view text = st->text;
  auto country_at = [&](uint32_t pos, bool ends_here) -> int {
    if (pos >= st->covered.size()) return -1;
    int s = st->covered[ends_here ? pos - 1 : pos];
    if (s < 0 || st->sel[s].actor_id.empty() || st->sel[s].person) return -1;
    if (ends_here ? st->sel[s].end != pos : st->sel[s].begin != pos) return -1;
    auto it = index.find(st->sel[s].actor_id);
    if (it == index.end()) return -1;
    // "X, the United Nations relief coordinator": an organisation in apposition.
    if (!ends_here && actors[it->second].kind == ActorKind::kOrganisation) return s;
    if (actors[it->second].kind != ActorKind::kCountry) return -1;
    return Belonging(text, st->sel[s], actors[it->second]) ? s : -1;
  };
  int found = -1;
  uint32_t q = b;
  for (int words = 0; words <= 3 && found < 0 && q > 1 && text[q - 1] == ' '; ++words) {
    --q;
    if (q >= 2 && text.substr(q - 2, 2) == "'s") q -= 2;
    found = country_at(q, true);
    uint32_t w = q;
    while (w > 0 && ((text[w - 1] >= 'a' && text[w - 1] <= 'z') || text[w - 1] == '-')) --w;
    if (w == q) break;
    q = w;
  }
  if (found < 0 && text.substr(e, 2) == ", ") {
    uint32_t p = e + 2;
    if (text.substr(p, 4) == "the ") p += 4;
    found = country_at(p, false);
    // "X, deputy head of the Office of the President of Ukraine", "X, a
    // spokesman for the Defence Ministry": at most four lower-case title words
    // ending in of/for/to/at, then the government body or organisation.
    if (found < 0) {
      uint32_t q2 = e + 2;
      if (text.substr(q2, 2) == "a ") q2 += 2;
      else if (text.substr(q2, 3) == "an ") q2 += 3;
      std::string last;
      for (int words = 0; words < 4 && found < 0; ++words) {
        uint32_t w = q2;
        while (w < text.size() && ((text[w] >= 'a' && text[w] <= 'z') || text[w] == '-')) ++w;
        if (w == q2 || w >= text.size() || text[w] != ' ') break;
        last.assign(text.substr(q2, w - q2));
        q2 = w + 1;
        if (last != "of" && last != "for" && last != "to" && last != "at") continue;
        uint32_t at = q2;
        if (text.substr(at, 4) == "the ") at += 4;
        if (at >= st->covered.size()) break;
        const int sel_at = st->covered[at];
        if (sel_at < 0 || st->sel[sel_at].begin != at || st->sel[sel_at].actor_id.empty() || st->sel[sel_at].person) {
          break;
        }
        auto it = index.find(st->sel[sel_at].actor_id);
        if (it != index.end() && (actors[it->second].kind == ActorKind::kGovernmentBody ||
                                  actors[it->second].kind == ActorKind::kOrganisation)) {
          found = sel_at;
        }
        break;
      }
    }
  }
  if (found < 0) return;
  pit->second.affiliations.push_back({st->sel[found].actor_id, "member", TimeValue()});
  st->used_as_affiliation.insert(st->sel[found].begin);
}

// "Cyril Ramaphosa said", "met Sauli Niinistö": two to four capitalised
// words in a row that are no English word (WordNet knows them, if at all,
// only as names: ProperOnly), no title, no time word and no known name, with
// no capitalised word right before or after them (that would make them part
// of a longer name: "Manas International Airport", "Recep Tayyip Erdoğan"),
// are a person the data does not know. The first word may be a common word
// written as a name (Mark, Bill) when the sentence does not start with it, one
// name word follows it and that word is no word at all. Title-case lines say
// nothing (headlines). Right after a place preposition (in, near, at …) or
// "village", "town", "city" the words name a place, not a person.
void Gazetteer::Impl::FindUntitledNames(MatchState* st,
                                        std::vector<std::pair<std::string, std::string>>* en_provisional) const {
  std::string_view text = st->text;
  const auto& lex = events::EnglishLexicon::Get();
  std::vector<Word> words = WordsOf(text);
  auto taken = [&](const Word& w) {
    for (uint32_t i = w.begin; i < w.end; ++i) {
      if (st->covered[i] >= 0 && !st->sel[st->covered[i]].actor_id.empty()) return true;
    }
    return false;
  };
  auto capitalised = [&](const Word& w) {
    size_t l;
    return gaz::IsUpperLetter(CodePointAt(text, w.begin, &l));
  };
  // 0: not name-like; 1: a name-like word; 2: a common word written as a name.
  auto kind = [&](const Word& w) {
    std::string_view s = text.substr(w.begin, w.end - w.begin);
    if (s.size() < 2 || !capitalised(w) || taken(w)) return 0;
    bool lower = false, camel = false;
    for (size_t k = 1; k < s.size(); ++k) {
      bool lo = s[k] >= 'a' && s[k] <= 'z';
      lower |= lo || static_cast<unsigned char>(s[k]) >= 0x80;
      camel |= k + 1 < s.size() && lo && s[k + 1] >= 'A' && s[k + 1] <= 'Z' && !(k == 1 && s.substr(0, 2) == "Mc") &&
               !(k == 2 && s.substr(0, 3) == "Mac");
    }
    if (!lower || camel) return 0;  // NATO, SergeiForeign
    std::string word(s);
    if (en_stops.count(word) || en_title_words.count(word) || lex.Closed(s) != 0) return 0;
    if (lex.PossiblePos(s) == 0 || lex.ProperOnly(s)) return 1;
    return lex.PersonName(s) ? 2 : 0;  // Mark (Saint Mark) may open a name; Cape, Lake, Supreme may not
  };
  auto joined = [&](const Word& a, const Word& b) { return b.begin == a.end + 1 && text[a.end] == ' '; };
  auto sentence_start = [&](uint32_t b) {
    size_t k = b;
    while (k > 0 && text[k - 1] == ' ') --k;
    return k == 0 || std::string_view(".!?:\n\"").find(text[k - 1]) != std::string_view::npos;
  };
  for (size_t i = 0; i < words.size();) {
    int k0 = kind(words[i]);
    if (k0 == 0) {
      ++i;
      continue;
    }
    size_t j = i + 1;
    // "Nursultan Nazarbayev Nazarbayev Nursultan" (a scraped speaker label): a repeated word ends the name.
    auto repeated = [&](size_t at) {
      std::string_view w = text.substr(words[at].begin, words[at].end - words[at].begin);
      for (size_t k = i; k < at; ++k) {
        if (text.substr(words[k].begin, words[k].end - words[k].begin) == w) return true;
      }
      return false;
    };
    while (j < words.size() && j - i < 4 && joined(words[j - 1], words[j]) && kind(words[j]) == 1 && !repeated(j)) ++j;
    // "Minister of Justice Konstantin Chuychenko": a common word before a
    // full name belongs to what comes before it.
    const bool after_common = k0 == 2 && j - i >= 3;
    if (after_common) {
      ++i;
      k0 = 1;
    }
    size_t n = j - i;
    const Word& first = words[i];
    const Word& last = words[j - 1];
    bool ok = n >= 2 && (k0 == 1 || (!sentence_start(first.begin) && lex.PossiblePos(text.substr(
                                                                           last.begin, last.end - last.begin)) == 0));
    // A capitalised word joined before or after: part of a longer name — but
    // not a common word opening the sentence ("Later Emine Erdogan showed").
    auto opener = [&](const Word& w) {
      std::string_view s = text.substr(w.begin, w.end - w.begin);
      return sentence_start(w.begin) && lex.PossiblePos(s) != 0 && !lex.PersonName(s);
    };
    if (ok && !after_common && i > 0 && joined(words[i - 1], first) && capitalised(words[i - 1]) &&
        !opener(words[i - 1])) {
      ok = false;
    }
    if (ok && j < words.size() && joined(last, words[j]) && capitalised(words[j])) ok = false;
    if (ok && last.end < text.size() && text[last.end] == '\'' && last.end + 2 <= text.size() &&
        text.substr(last.end, 2) != "'s") {
      ok = false;
    }
    if (ok && gaz::TitleCaseLine(text, first.begin)) ok = false;
    // "a kindergarten in Stanytsia Luhanska": after a place preposition, a place.
    if (ok && i > 0 && words[i - 1].end + 1 == first.begin) {
      static const std::set<std::string_view> kPlacePreps = {"in", "near", "at", "outside", "inside", "across", "towards",
                                                            "around", "into", "outskirts", "village", "town", "city"};
      if (kPlacePreps.count(text.substr(words[i - 1].begin, words[i - 1].end - words[i - 1].begin))) ok = false;
    }
    // "the newspaper La Prensa", "El Pais": an article of another language opens a title, not a name.
    static const std::set<std::string_view> kForeignArticles = {"La", "Le", "El", "Les", "Los", "Las", "Die", "Der", "Das"};
    if (ok && kForeignArticles.count(text.substr(first.begin, first.end - first.begin))) ok = false;
    if (ok && st->Free(first.begin, last.end)) {
      std::string id = AddPerson(st, first.begin, last.end, -1, "en");
      AffiliateUntitled(st, first.begin, last.end, id);
      std::string_view surname = StandaloneSurname(text.substr(first.begin, last.end - first.begin));
      if (!surname.empty()) en_provisional->emplace_back(std::string(surname), id);
    }
    i = j;
  }
}

// The surname alone after a full provisional mention (FindTitledNames).
void Gazetteer::Impl::FindBareSurnames(
    MatchState* st, const std::vector<std::pair<std::string, std::string>>& en_provisional) const {
  std::string_view text = st->text;
  for (const auto& [surname, id] : en_provisional) {
    for (size_t pos = text.find(surname); pos != std::string_view::npos; pos = text.find(surname, pos + 1)) {
      uint32_t b = static_cast<uint32_t>(pos), e = static_cast<uint32_t>(pos + surname.size());
      if (!BoundaryOk(text, b, e) || !st->Free(b, e)) continue;
      st->Take(b, e, Selected{0, 0, id, false, true, true});
    }
  }
}

}  // namespace kbq::ingest
