// Small byte-level text helpers shared by the ingest modules: one copy each.
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

namespace kbq::ingest::internal {

// ASCII letters lowered; every other byte (all of UTF-8's multi-byte
// sequences) unchanged.
inline std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// Walking back over a text word by word: skips the spaces before *end, moves
// *end to the end of the ASCII-letter word found there and returns where it
// begins (*end itself when no letter stands there).
inline size_t LetterWordBefore(std::string_view text, size_t* end) {
  size_t i = *end;
  while (i > 0 && text[i - 1] == ' ') --i;
  *end = i;
  while (i > 0 && ((text[i - 1] >= 'a' && text[i - 1] <= 'z') || (text[i - 1] >= 'A' && text[i - 1] <= 'Z'))) --i;
  return i;
}

// The fields of `s` between `sep` bytes; n separators give n + 1 fields.
inline std::vector<std::string_view> Split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  size_t start = 0;
  for (;;) {
    size_t p = s.find(sep, start);
    if (p == std::string_view::npos) {
      out.push_back(s.substr(start));
      return out;
    }
    out.push_back(s.substr(start, p - start));
    start = p + 1;
  }
}

// 64-bit FNV-1a: the hash behind stable article and event ids. Ids are
// persisted, so this function must never change.
inline uint64_t Fnv1a64(std::string_view s, uint64_t h = 14695981039346656037ULL) {
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  return h;
}

// 16 lowercase hex digits.
inline std::string Hex16(uint64_t v) {
  char buf[17];
  std::snprintf(buf, sizeof(buf), "%016llx", static_cast<unsigned long long>(v));
  return buf;
}

}  // namespace kbq::ingest::internal
