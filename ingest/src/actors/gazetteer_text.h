// Small UTF-8 helpers shared by the gazetteer's loader and matcher.
// Internal to kbq::ingest.
#pragma once

#include "text_util.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace kbq::ingest::gaz {

// The code point starting at byte `i` (U+FFFD for a bad sequence); *len gets
// its length in bytes (at least 1).
int32_t CodePointAt(std::string_view s, size_t i, size_t* len);
// The code point ending right before byte `i` (i > 0); *len gets its length.
int32_t CodePointBefore(std::string_view s, size_t i, size_t* len);
// Lower-cases ASCII, Latin-1 and Cyrillic capitals without changing any byte
// length, so offsets into the result are offsets into `s`.
std::string FoldSameLength(std::string_view s);
// A letter or digit of a script written with spaces between words (Latin,
// Cyrillic, Greek...): the characters an English word boundary separates.
bool IsWordChar(int32_t cp);
// Han, kana or Hangul.
bool IsCjk(int32_t cp);
// Punctuation, symbol, or white space (a standalone-context boundary).
bool IsPunctOrSpace(int32_t cp);
bool IsUpperLetter(int32_t cp);
// An acronym such as US, EU, WHO, U.N.: one to five ASCII capitals, no
// lower-case letter. Matched only in upper case, since "us" and "who" are
// ordinary words.
bool IsAcronym(std::string_view s);
// The middle dots that join the parts of a transliterated name.
bool IsNameDot(int32_t cp);
// Unicode NFKC (no case folding); `s` unchanged on error.
std::string Nfkc(std::string_view s);
// The stem of a one-word Russian name that inflects ("Москва" → "Москв",
// "Лавров" → "Лавров", "Украина" → "Украин"): the word without a final
// а/я/й/ь/о/е. Empty when `s` is not one capitalised Cyrillic word of at least
// four letters in lower case after the first, or the stem would be shorter
// than four letters.
std::string RussianStem(std::string_view s);
// Splits on `sep`, keeping empty fields.
using internal::Split;  // text_util.h
// Splits a `|` list, dropping empty items and trimming spaces.
std::vector<std::string> SplitList(std::string_view s);
std::string_view Trim(std::string_view s);
// Code points of `s`.
std::u32string ToU32(std::string_view s);
size_t Levenshtein(const std::u32string& a, const std::u32string& b, size_t cap);
// An id slug of a name: folded, its words joined by '-' ("Sumy region" →
// "sumy-region").
std::string Slug(std::string_view text);

}  // namespace kbq::ingest::gaz
