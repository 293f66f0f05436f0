// Small text helpers shared by the build-time generators (gen_countries,
// gen_places). Header-only; not part of any library.
#pragma once

#include <string>
#include <vector>

#include <unicode/translit.h>
#include <unicode/unistr.h>

namespace kbq::tools {

// `s` through an ICU transliterator (accents stripped, Traditional to
// Simplified...); `s` unchanged when there is none.
inline std::string Transliterate(icu::Transliterator* tr, const std::string& s) {
  if (tr == nullptr) return s;
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(s);
  tr->transliterate(u);
  std::string out;
  u.toUTF8String(out);
  return out;
}

// A `|`-separated list of the non-empty items.
inline std::string JoinList(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) {
    if (s.empty()) continue;
    if (!out.empty()) out += '|';
    out += s;
  }
  return out;
}

}  // namespace kbq::tools
