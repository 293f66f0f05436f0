// Generated places: folding into hand-written records, and the per-article
// rules of place_gazetteer.h.
#include "actors/place_gazetteer.h"

#include <algorithm>
#include <memory>
#include <unordered_set>

#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/unistr.h>

#include "gazetteer_text.h"

namespace kbq::ingest::places {

std::string CountryOf(const std::vector<Actor>& actors, const std::unordered_map<std::string, size_t>& index,
                      size_t i) {
  for (int hops = 0; hops < 8; ++hops) {
    const Actor& a = actors[i];
    if (a.kind == ActorKind::kCountry) return a.id;
    if (a.part_of.empty()) return "";
    auto it = index.find(a.part_of.front());
    if (it == index.end()) return "";
    i = it->second;
  }
  return "";
}

namespace {

std::vector<std::string> EnglishNames(const Actor& a) {
  std::vector<std::string> out;
  if (auto it = a.names.find("en"); it != a.names.end()) out.push_back(gaz::FoldSameLength(it->second));
  if (auto it = a.aliases.find("en"); it != a.aliases.end()) {
    for (const auto& n : it->second) out.push_back(gaz::FoldSameLength(n));
  }
  return out;
}

// "in X", "near X": the English word right before [b, ...) (one space apart).
bool AfterPlacePreposition(std::string_view text, uint32_t b) {
  static const char* kPreps[] = {"in", "near", "outside", "at", "from", "around", "across"};
  if (b < 2 || text[b - 1] != ' ') return false;
  size_t w = b - 1;
  while (w > 0 && std::isalpha(static_cast<unsigned char>(text[w - 1]))) --w;
  std::string word(text.substr(w, b - 1 - w));
  for (char& c : word) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return std::any_of(std::begin(kPreps), std::end(kPreps), [&](const char* p) { return word == p; });
}

bool IsChinese(std::string_view s) {
  size_t len;
  return !s.empty() && gaz::IsCjk(gaz::CodePointAt(s, 0, &len));
}

size_t CodePoints(std::string_view s) {
  size_t n = 0;
  for (size_t i = 0; i < s.size(); ++n) {
    size_t len;
    gaz::CodePointAt(s, i, &len);
    i += len;
  }
  return n;
}

bool FollowedByAdminSuffix(std::string_view text, uint32_t e) {
  static const char* kSuffixes[] = {"市", "县", "区", "省", "州", "镇", "乡"};
  return std::any_of(std::begin(kSuffixes), std::end(kSuffixes),
                     [&](const char* s) { return text.substr(e, std::char_traits<char>::length(s)) == s; });
}

// Are [b, e) on ICU word boundaries (Chinese dictionary segmentation) within
// a window of a few characters around them?
bool OnWordBoundaries(std::string_view text, uint32_t b, uint32_t e) {
  thread_local std::unique_ptr<icu::BreakIterator> words = [] {
    UErrorCode st = U_ZERO_ERROR;
    std::unique_ptr<icu::BreakIterator> it(icu::BreakIterator::createWordInstance(icu::Locale::getChinese(), st));
    return U_FAILURE(st) ? nullptr : std::move(it);
  }();
  if (words == nullptr) return true;
  size_t wb = b, we = e, len;
  for (int k = 0; k < 6 && wb > 0; ++k) {
    gaz::CodePointBefore(text, wb, &len);
    wb -= len;
  }
  for (int k = 0; k < 6 && we < text.size(); ++k) {
    gaz::CodePointAt(text, we, &len);
    we += len;
  }
  icu::UnicodeString before = icu::UnicodeString::fromUTF8(text.substr(wb, b - wb));
  icu::UnicodeString name = icu::UnicodeString::fromUTF8(text.substr(b, e - b));
  icu::UnicodeString window = icu::UnicodeString::fromUTF8(text.substr(wb, we - wb));
  words->setText(window);
  int32_t ub = before.length(), ue = ub + name.length();
  return words->isBoundary(ub) && words->isBoundary(ue);
}

bool EnglishAccepted(std::string_view text, const PlaceMention& m, const Actor& a, const PlaceFacts& f,
                     bool in_article, bool next_to_parent) {
  std::string_view surface = text.substr(m.begin, m.end - m.begin);
  size_t len;
  if (!gaz::IsUpperLetter(gaz::CodePointAt(surface, 0, &len))) return false;
  // Part of a longer capitalised name the gazetteer does not hold (Victoria
  // Nuland, Independence Square, Joe Lincoln): not a place.
  auto capital_at = [&](size_t i) { return i < text.size() && text[i] >= 'A' && text[i] <= 'Z'; };
  if (m.end + 1 < text.size() && text[m.end] == ' ' && capital_at(m.end + 1)) return false;
  if (m.begin >= 2 && text[m.begin - 1] == ' ' && !AfterPlacePreposition(text, m.begin)) {
    size_t w = m.begin - 1;
    while (w > 0 && std::isalpha(static_cast<unsigned char>(text[w - 1]))) --w;
    static const char* kLead[] = {"The", "A", "An", "And", "But", "Or", "To", "Of", "For", "On", "By", "With"};
    std::string_view prev = text.substr(w, m.begin - 1 - w);
    bool lead = std::any_of(std::begin(kLead), std::end(kLead), [&](const char* x) { return prev == x; });
    if (!prev.empty() && capital_at(w) && !lead) return false;
  }
  bool one_word = surface.find(' ') == std::string_view::npos && surface.find('-') == std::string_view::npos;
  if (!one_word) return true;
  bool local = AfterPlacePreposition(text, m.begin) || next_to_parent;
  bool word = std::any_of(f.common_words.begin(), f.common_words.end(),
                          [&](const std::string& w) { return gaz::FoldSameLength(w) == gaz::FoldSameLength(surface); });
  // A city that is a common word needs a place preposition ("in Mobile"); a
  // region (no population: Ghana's Western, Kenya's Central) its country or
  // region beside it, since "in Western banks" is no place.
  if (word && f.population < 1000000) return f.population == 0 ? next_to_parent : local;
  // Two or three letters ("Of course", "the UN") are a place only where the
  // sentence says so, not because the article names the country.
  if (CodePoints(surface) < 4) return local || f.population >= 1000000;
  bool small = a.kind == ActorKind::kPlace && f.population < 100000 && !f.major_region;
  if (small) return local || in_article;
  return true;
}

bool ChineseAccepted(std::string_view text, const PlaceMention& m, const PlaceFacts& f, bool next_to_parent) {
  bool suffix = FollowedByAdminSuffix(text, m.end);
  bool boundary = suffix || next_to_parent || OnWordBoundaries(text, m.begin, m.end);
  if (!boundary) return false;
  if (CodePoints(text.substr(m.begin, m.end - m.begin)) <= 2) {
    return f.population >= 1000000 || suffix || next_to_parent;
  }
  return true;
}

}  // namespace

void MarkMajorRegions(const std::vector<Actor>& actors, std::vector<PlaceFacts>* facts) {
  auto is_region = [&](size_t i) {
    return (*facts)[i].generated && actors[i].part_of.size() == 1 &&
           actors[i].source.find("ISO 3166-2") != std::string::npos;
  };
  std::unordered_map<std::string, size_t> per_country;
  for (size_t i = 0; i < actors.size(); ++i) {
    if (is_region(i)) ++per_country[actors[i].part_of.front()];
  }
  for (size_t i = 0; i < actors.size(); ++i) {
    if (is_region(i)) (*facts)[i].major_region = per_country[actors[i].part_of.front()] <= kMaxMajorRegions;
  }
}

void FoldGeneratedDuplicates(std::vector<Actor>* actors, std::vector<PlaceFacts>* facts,
                             std::unordered_map<std::string, size_t>* index) {
  // (country, folded English name) → hand-written place.
  std::unordered_map<std::string, size_t> hand;
  for (size_t i = 0; i < actors->size(); ++i) {
    if ((*facts)[i].generated || (*actors)[i].kind != ActorKind::kPlace) continue;
    std::string c = CountryOf(*actors, *index, i);
    for (const auto& n : EnglishNames((*actors)[i])) hand.emplace(c + "\t" + n, i);
  }
  std::unordered_map<std::string, std::string> moved;  // folded id → survivor id
  std::vector<char> drop(actors->size(), 0);
  for (size_t i = 0; i < actors->size(); ++i) {
    if (!(*facts)[i].generated) continue;
    Actor& g = (*actors)[i];
    std::string c = CountryOf(*actors, *index, i);
    size_t target = SIZE_MAX;
    for (const auto& n : EnglishNames(g)) {
      if (auto it = hand.find(c + "\t" + n); it != hand.end()) {
        target = it->second;
        break;
      }
    }
    if (target == SIZE_MAX) continue;
    Actor& h = (*actors)[target];
    if (!h.coordinates) h.coordinates = g.coordinates;
    for (const auto& [lang, name] : g.names) {
      if (!h.names.count(lang)) h.names[lang] = name;
    }
    if ((*facts)[target].population == 0) (*facts)[target].population = (*facts)[i].population;
    if (h.source.find("GeoNames") == std::string::npos && h.source.find("ISO 3166-2") == std::string::npos) {
      h.source += "; coordinates: " + g.source;
    }
    moved[g.id] = h.id;
    drop[i] = 1;
  }
  if (moved.empty()) return;
  std::vector<Actor> kept;
  std::vector<PlaceFacts> kept_facts;
  kept.reserve(actors->size());
  for (size_t i = 0; i < actors->size(); ++i) {
    if (drop[i]) continue;
    Actor& a = (*actors)[i];
    for (auto& p : a.part_of) {
      if (auto it = moved.find(p); it != moved.end() && it->second != a.id) p = it->second;
    }
    a.part_of.erase(std::remove(a.part_of.begin(), a.part_of.end(), a.id), a.part_of.end());
    kept.push_back(std::move(a));
    kept_facts.push_back(std::move((*facts)[i]));
  }
  *actors = std::move(kept);
  *facts = std::move(kept_facts);
  index->clear();
  for (size_t i = 0; i < actors->size(); ++i) (*index)[(*actors)[i].id] = i;
}

void ResolveMentions(std::string_view text, const std::vector<Actor>& actors, const std::vector<PlaceFacts>& facts,
                     const std::vector<std::string>& countries,
                     const std::function<std::string(uint32_t)>& country_of,
                     const std::function<bool(const PlaceMention&, uint32_t)>& ancestor_next,
                     std::vector<PlaceMention>* mentions) {
  std::unordered_set<std::string> named(countries.begin(), countries.end());
  for (PlaceMention& m : *mentions) {
    if (m.readings.empty()) {
      m.keep = false;
      continue;
    }
    // The first reading whose country the article names, else the first.
    m.chosen = m.readings.front();
    if (m.readings.size() > 1) {
      // A generated city does not take a hand-written name ("Mexico" is the
      // country, not the Philippine town, when the article names the
      // Philippines) unless it stands next to its region or country.
      // Nor does a generated region take a country's name ("Niger's
      // ambassador" in an article naming Nigeria is no Nigerian state).
      bool hand = std::any_of(m.readings.begin(), m.readings.end(), [&](uint32_t r) { return !facts[r].generated; });
      bool country = std::any_of(m.readings.begin(), m.readings.end(),
                                 [&](uint32_t r) { return actors[r].kind == ActorKind::kCountry; });
      for (uint32_t r : m.readings) {
        bool weak = hand && facts[r].generated && (!facts[r].major_region || country);
        if (ancestor_next(m, r) || (!weak && named.count(country_of(r)))) {
          m.chosen = r;
          break;
        }
      }
    }
    const PlaceFacts& f = facts[m.chosen];
    if (!f.generated) continue;  // hand-written data keeps its own rules
    bool next_to_parent = ancestor_next(m, m.chosen);
    bool in_article = named.count(country_of(m.chosen)) > 0;
    std::string_view surface = text.substr(m.begin, m.end - m.begin);
    m.keep = IsChinese(surface) ? ChineseAccepted(text, m, f, next_to_parent)
                                : EnglishAccepted(text, m, actors[m.chosen], f, in_article, next_to_parent);
  }
}

}  // namespace kbq::ingest::places
