// Provisional places by structure (actors/provisional_places.h).
#include "actors/provisional_places.h"

#include <algorithm>

#include "gazetteer_text.h"

namespace kbq::ingest::places {

namespace {

Status RowError(std::string_view file, size_t line, const std::string& msg) {
  return Status::InvalidArgument(std::string(file) + ":" + std::to_string(line) + ": " + msg);
}

bool IsSentenceEnd(int32_t cp) {
  return cp == 0x3002 || cp == 0xFF01 || cp == 0xFF1F || cp == '.' || cp == '!' || cp == '?' || cp == '\n';
}

bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAsciiAlnum(char c) { return IsAsciiDigit(c) || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }

// The known span ending exactly at `pos`, or -1.
int KnownEndingAt(const std::vector<KnownSpan>& known, uint32_t pos) {
  for (size_t k = 0; k < known.size(); ++k) {
    if (known[k].end == pos) return static_cast<int>(k);
  }
  return -1;
}

bool Covered(const std::vector<KnownSpan>& known, uint32_t b, uint32_t e) {
  return std::any_of(known.begin(), known.end(), [&](const KnownSpan& k) { return k.begin < e && b < k.end; });
}

// The nearest place of `spans` before `pos` in the same sentence: its index
// and end, or -1.
int NearestBefore(std::string_view text, const std::vector<KnownSpan>& spans, uint32_t pos, uint32_t* end) {
  int best = -1;
  for (size_t k = 0; k < spans.size(); ++k) {
    if (spans[k].place && spans[k].end <= pos && (best < 0 || spans[k].end > spans[best].end)) {
      best = static_cast<int>(k);
    }
  }
  if (best < 0) return -1;
  for (size_t i = spans[best].end; i < pos;) {
    size_t len;
    if (IsSentenceEnd(gaz::CodePointAt(text, i, &len))) return -1;
    i += len;
  }
  *end = spans[best].end;
  return best;
}

int ParentBefore(std::string_view text, const std::vector<KnownSpan>& known, uint32_t pos) {
  uint32_t end = 0;
  return NearestBefore(text, known, pos, &end);
}

// A kilometre mark right after a road: K1234+500, 1234公里(处), 1234km.
uint32_t KilometreMark(std::string_view text, uint32_t e) {
  uint32_t p = e;
  if (p < text.size() && (text[p] == 'K' || text[p] == 'k')) {
    uint32_t q = p + 1;
    while (q < text.size() && IsAsciiDigit(text[q])) ++q;
    if (q == p + 1) return e;
    if (q + 1 < text.size() && text[q] == '+' && IsAsciiDigit(text[q + 1])) {
      ++q;
      while (q < text.size() && IsAsciiDigit(text[q])) ++q;
    }
    return q;
  }
  uint32_t q = p;
  while (q < text.size() && (IsAsciiDigit(text[q]) || text[q] == '.')) ++q;
  if (q == p) return e;
  for (std::string_view unit : {"公里处", "公里", "km"}) {
    if (text.substr(q, unit.size()) == unit) return q + static_cast<uint32_t>(unit.size());
  }
  return e;
}

// Scans back from `suffix_begin` over Chinese characters that are neither
// stop characters nor inside a known name; at most `max_chars`.
uint32_t NameStart(std::string_view text, const StructureLexicon& lex, const std::vector<KnownSpan>& known,
                   uint32_t suffix_begin, int max_chars, int* chars) {
  uint32_t b = suffix_begin;
  *chars = 0;
  while (b > 0 && *chars < max_chars) {
    size_t len;
    int32_t cp = gaz::CodePointBefore(text, b, &len);
    if (!gaz::IsCjk(cp) || lex.stop_chars.count(cp) || Covered(known, b - static_cast<uint32_t>(len), b)) break;
    b -= static_cast<uint32_t>(len);
    ++*chars;
  }
  return b;
}

bool EndsWithNotName(std::string_view cand, size_t suffix_size, const StructureLexicon& lex) {
  for (const auto& w : lex.not_names) {
    if (w.size() > suffix_size && cand.size() >= w.size() && cand.substr(cand.size() - w.size()) == w) return true;
    if (cand == w) return true;
  }
  return false;
}

}  // namespace

Status StructureLexicon::Load(std::string_view file,
                              const std::vector<std::pair<size_t, std::vector<std::string_view>>>& rows) {
  for (const auto& [line, f] : rows) {
    std::string type(gaz::Trim(f[0])), text(gaz::Trim(f[2])), kind(gaz::Trim(f[3]));
    if (text.empty()) return RowError(file, line, "empty text");
    if (gaz::Trim(f[4]).empty()) return RowError(file, line, "empty source");
    if (type == "suffix") {
      if (kind != "admin" && kind != "road" && kind != "numbered_road" && kind != "highway" && kind != "facility") {
        return RowError(file, line, "place_kind must be admin, road, numbered_road, highway or facility, not '" +
                                        kind + "'");
      }
      suffixes.emplace_back(text, kind);
    } else if (type == "not_name") {
      not_names.push_back(text);
    } else if (type == "suffix_word") {
      suffix_words.push_back(text);
    } else if (type == "stop_char") {
      size_t len;
      int32_t cp = gaz::CodePointAt(text, 0, &len);
      if (len != text.size()) return RowError(file, line, "a stop_char is one character, not '" + text + "'");
      stop_chars.insert(cp);
    } else if (type == "prep") {
      en_preps.push_back(text);
    } else if (type == "en_not_place") {
      en_not_places.insert(text);
    } else {
      return RowError(file, line, "type must be suffix, not_name, suffix_word, stop_char, prep or en_not_place, not '" + type + "'");
    }
  }
  std::stable_sort(suffixes.begin(), suffixes.end(),
                   [](const auto& a, const auto& b) { return a.first.size() > b.first.size(); });
  return Status::OK();
}

std::vector<FoundPlace> FindChinesePlaces(std::string_view text, const StructureLexicon& lex,
                                          const std::vector<KnownSpan>& known_in) {
  std::vector<FoundPlace> out;
  if (lex.suffixes.empty()) return out;
  // Known names plus the places found so far (县 after a 国道 stops there);
  // the first known_in.size() entries keep their indices.
  std::vector<KnownSpan> known = known_in;
  for (uint32_t i = 0; i < text.size();) {
    size_t len;
    int32_t cp = gaz::CodePointAt(text, i, &len);
    if (!gaz::IsCjk(cp) || Covered(known, i, i + static_cast<uint32_t>(len))) {
      i += static_cast<uint32_t>(len);
      continue;
    }
    const std::pair<std::string, std::string>* suf = nullptr;
    for (const auto& s : lex.suffixes) {
      if (text.substr(i, s.first.size()) == s.first && !Covered(known, i, i + static_cast<uint32_t>(s.first.size()))) {
        suf = &s;
        break;
      }
    }
    bool word = std::any_of(lex.suffix_words.begin(), lex.suffix_words.end(),
                            [&](const std::string& w) { return text.substr(i, w.size()) == w; });
    if (suf == nullptr || word) {
      i += static_cast<uint32_t>(len);
      continue;
    }
    const std::string& kind = suf->second;
    uint32_t e = i + static_cast<uint32_t>(suf->first.size());
    FoundPlace f;
    int chars = 0;
    uint32_t b = i;
    if (kind == "numbered_road" || (kind == "highway" && i > 0 && IsAsciiAlnum(text[i - 1]))) {
      // G107国道, S203省道, G4高速: a letter and digits right before; no number, no road.
      while (b > 0 && IsAsciiAlnum(text[b - 1]) && i - b < 8) --b;
      bool digit = std::any_of(text.begin() + b, text.begin() + i, IsAsciiDigit);
      if (!digit) b = i;
    } else {
      b = NameStart(text, lex, known, i, kind == "admin" ? 4 : 6, &chars);
      int before = KnownEndingAt(known, b);
      bool touching_place = before >= 0 && before < static_cast<int>(known_in.size()) && known[before].place &&
                            known[before].end == i;
      if (touching_place && kind == "admin") {  // 平原 + 县: the known place, with its suffix
        f.begin = known[before].begin;
        f.end = e;
        f.extends = before;
        f.lang = "zh";
        out.push_back(f);
        known[before].end = e;
        known.push_back(KnownSpan{0, 0, false});  // keeps known[known_in.size() + k] ~ out[k]
        i = e;
        continue;
      }
      if (touching_place && kind == "facility") b = known[before].begin;  // 天津港, 北京站
      else if (chars < 2) b = i;
    }
    std::string_view cand = text.substr(b, e - b);
    if (b == i || EndsWithNotName(cand, suf->first.size(), lex)) {
      i += static_cast<uint32_t>(len);
      continue;
    }
    f.begin = b;
    f.name = std::string(cand);
    f.end = (kind == "numbered_road" || kind == "highway" || kind == "road") ? KilometreMark(text, e) : e;
    f.lang = "zh";
    uint32_t end = 0;
    int p = NearestBefore(text, known, b, &end);
    if (p >= static_cast<int>(known_in.size())) {
      f.parent_found = p - static_cast<int>(known_in.size());
    } else {
      f.parent = p;
    }
    out.push_back(f);
    known.push_back(KnownSpan{f.begin, f.end, true});
    i = f.end;
  }
  return out;
}

std::vector<FoundPlace> FindEnglishPlaces(std::string_view text, const StructureLexicon& lex,
                                          const std::vector<KnownSpan>& known,
                                          const std::function<bool(std::string_view)>& is_stop) {
  std::vector<FoundPlace> out;
  for (const std::string& prep : lex.en_preps) {
    for (size_t pos = text.find(prep + " "); pos != std::string_view::npos; pos = text.find(prep + " ", pos + 1)) {
      if (pos > 0 && std::isalpha(static_cast<unsigned char>(text[pos - 1]))) continue;
      uint32_t b = static_cast<uint32_t>(pos + prep.size() + 1), e = b;
      int words = 0;
      // Up to three capitalised words (Nova Kakhovka, Kryvyi Rih).
      while (e < text.size() && words < 3 && text[e] >= 'A' && text[e] <= 'Z') {
        uint32_t w = e;
        while (w < text.size() && (std::isalpha(static_cast<unsigned char>(text[w])) || text[w] == '-' ||
                                   static_cast<unsigned char>(text[w]) >= 0x80)) {
          ++w;
        }
        std::string_view word = text.substr(e, w - e);
        if (word.size() < 3 || is_stop(word) || lex.en_not_places.count(std::string(word))) break;
        bool caps = std::all_of(word.begin(), word.end(), [](char c) { return !(c >= 'a' && c <= 'z'); });
        if (caps) break;  // an acronym, not a place name
        e = w;
        ++words;
        if (e + 1 < text.size() && text[e] == ' ' && text[e + 1] >= 'A' && text[e + 1] <= 'Z') {
          ++e;
        } else {
          break;
        }
      }
      while (e > b && text[e - 1] == ' ') --e;
      if (words == 0 || Covered(known, b, e)) continue;
      if (e < text.size() && text[e] == '\'') continue;  // in Tuesday's, in Kyiv's: a possessive, not a place
      FoundPlace f;
      f.begin = b;
      f.end = e;
      f.name = std::string(text.substr(b, e - b));
      f.lang = "en";
      f.parent = ParentBefore(text, known, b);
      // "in Hrabovske, Sumy region": the parent may follow after a comma.
      if (f.parent < 0 && e + 2 < text.size() && text.substr(e, 2) == ", ") {
        for (size_t k = 0; k < known.size(); ++k) {
          if (known[k].place && known[k].begin == e + 2) f.parent = static_cast<int>(k);
        }
      }
      if (f.parent < 0) continue;
      out.push_back(f);
    }
  }
  std::sort(out.begin(), out.end(), [](const FoundPlace& x, const FoundPlace& y) { return x.begin < y.begin; });
  return out;
}

}  // namespace kbq::ingest::places
