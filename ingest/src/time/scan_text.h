// Text primitives of the temporal tagger's scanners: ASCII classes, UTF-8
// decoding with U+FFFD for bad bytes, literal matching, clause punctuation
// and the longest lexicon key at a position. Pure functions over string_view.
#pragma once

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <string_view>

namespace kbq::ingest::time_internal {


inline bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }
inline bool IsAsciiAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
inline bool IsAsciiAlnum(char c) { return IsAsciiDigit(c) || IsAsciiAlpha(c); }

// Decodes the code point at t[i]; returns its length (>= 1). Invalid bytes
// decode as U+FFFD of length 1, so the scanner skips them.
inline int Decode(std::string_view t, size_t i, char32_t* cp) {
  auto c = static_cast<unsigned char>(t[i]);
  if (c < 0x80) {
    *cp = c;
    return 1;
  }
  int len = (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
  if (len == 0 || i + len > t.size()) {
    *cp = 0xFFFD;
    return 1;
  }
  char32_t v = len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
  for (int k = 1; k < len; ++k) {
    auto cc = static_cast<unsigned char>(t[i + k]);
    if ((cc >> 6) != 2) {
      *cp = 0xFFFD;
      return 1;
    }
    v = (v << 6) | (cc & 0x3F);
  }
  *cp = v;
  return len;
}

inline char32_t CpAt(std::string_view t, size_t i, int* len = nullptr) {
  char32_t cp = 0;
  int l = i < t.size() ? Decode(t, i, &cp) : 0;
  if (len) *len = l;
  return i < t.size() ? cp : 0;
}

inline bool IsCjk(char32_t cp) { return cp >= 0x3400 && cp <= 0x9FFF; }
inline bool IsFullwidthDigit(char32_t cp) { return cp >= 0xFF10 && cp <= 0xFF19; }

// The code point ending just before byte i (0 at the start).
inline char32_t CpBefore(std::string_view t, size_t i) {
  if (i == 0) return 0;
  size_t j = i - 1;
  int back = 0;
  while (j > 0 && back < 3 && (static_cast<unsigned char>(t[j]) >> 6) == 2) {
    --j;
    ++back;
  }
  char32_t cp = 0;
  Decode(t, j, &cp);
  return cp;
}

inline bool StartsWith(std::string_view t, size_t i, std::string_view s) {
  return i <= t.size() && t.substr(i).substr(0, s.size()) == s;
}

// If t at i starts with one of `words`, returns its length, else 0.
inline size_t Lit(std::string_view t, size_t i, std::initializer_list<std::string_view> words) {
  for (auto w : words)
    if (StartsWith(t, i, w)) return w.size();
  return 0;
}

template <typename Map>
size_t LongestIn(const Map& map, std::string_view t, size_t p, size_t max_chars) {
  size_t ends[8];
  size_t k = 0, i = p;
  while (k < max_chars && k < 8 && i < t.size()) {
    char32_t cp;
    i += Decode(t, i, &cp);
    ends[k++] = i;
  }
  while (k > 0) {
    if (map.find(t.substr(p, ends[k - 1] - p)) != map.end()) return ends[k - 1] - p;
    --k;
  }
  return 0;
}

inline bool IsComma(std::string_view t, size_t i) {
  return t[i] == ',' || Lit(t, i, {"，", "、"}) > 0;
}

inline bool IsClauseEnd(std::string_view t, size_t i) {
  char c = t[i];
  if (c == '\n' || c == ';' || c == '!' || c == '?' || c == '(' || c == ')') return true;
  // (Not the last dot of a dotted abbreviation, "3 p.m. Monday", "the U.S. on".)
  if (c == '.' && i >= 2 && t[i - 2] == '.' && IsAsciiAlpha(t[i - 1])) return false;
  if (c == '.' && (i + 1 >= t.size() || t[i + 1] == ' ' || t[i + 1] == '\n')) return true;
  return Lit(t, i, {"。", "；", "！", "？", "（", "）"}) > 0;
}

}  // namespace kbq::ingest::time_internal
