#include "actors/gazetteer_text.h"

#include <algorithm>

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

namespace kbq::ingest::gaz {

int32_t CodePointAt(std::string_view s, size_t i, size_t* len) {
  int32_t off = static_cast<int32_t>(i);
  int32_t n = static_cast<int32_t>(s.size());
  UChar32 c;
  U8_NEXT(reinterpret_cast<const uint8_t*>(s.data()), off, n, c);
  *len = static_cast<size_t>(off) - i;
  if (*len == 0) *len = 1;
  return c < 0 ? 0xFFFD : c;
}

int32_t CodePointBefore(std::string_view s, size_t i, size_t* len) {
  int32_t off = static_cast<int32_t>(i);
  UChar32 c;
  U8_PREV(reinterpret_cast<const uint8_t*>(s.data()), 0, off, c);
  *len = i - static_cast<size_t>(off);
  if (*len == 0) *len = 1;
  return c < 0 ? 0xFFFD : c;
}

std::string FoldSameLength(std::string_view s) {
  std::string out(s);
  for (size_t i = 0; i < out.size(); ++i) {
    unsigned char b = static_cast<unsigned char>(out[i]);
    if (b >= 'A' && b <= 'Z') {
      out[i] = static_cast<char>(b + 32);
    } else if (i + 1 < out.size()) {
      unsigned char c = static_cast<unsigned char>(out[i + 1]);
      if (b == 0xC3 && c >= 0x80 && c <= 0x9E && c != 0x97) {  // À..Þ (not ×)
        out[i + 1] = static_cast<char>(c + 0x20);
        ++i;
      } else if (b == 0xD0 && c >= 0x90 && c <= 0x9F) {  // А..П → а..п
        out[i + 1] = static_cast<char>(c + 0x20);
        ++i;
      } else if (b == 0xD0 && c >= 0xA0 && c <= 0xAF) {  // Р..Я → р..я
        out[i] = static_cast<char>(0xD1);
        out[i + 1] = static_cast<char>(c - 0x20);
        ++i;
      } else if (b == 0xD0 && c >= 0x80 && c <= 0x8F) {  // Ѐ..Џ → ѐ..џ
        out[i] = static_cast<char>(0xD1);
        out[i + 1] = static_cast<char>(c + 0x10);
        ++i;
      }
    }
  }
  return out;
}

bool IsCjk(int32_t cp) {
  UErrorCode err = U_ZERO_ERROR;
  UScriptCode sc = uscript_getScript(cp, &err);
  return sc == USCRIPT_HAN || sc == USCRIPT_HIRAGANA || sc == USCRIPT_KATAKANA ||
         sc == USCRIPT_HANGUL || (cp >= 0x3000 && cp <= 0x303F) || (cp >= 0xFF00 && cp <= 0xFFEF);
}

bool IsWordChar(int32_t cp) {
  if (cp < 0x80) {
    return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9');
  }
  return u_isalnum(cp) && !IsCjk(cp);
}

bool IsPunctOrSpace(int32_t cp) {
  return u_ispunct(cp) || u_isUWhiteSpace(cp) || u_charType(cp) == U_MATH_SYMBOL ||
         u_charType(cp) == U_OTHER_SYMBOL || cp == '|' || cp == '~';
}

bool IsUpperLetter(int32_t cp) { return u_isupper(cp) || u_istitle(cp); }

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

bool IsNameDot(int32_t cp) {
  return cp == 0x30FB || cp == 0x00B7 || cp == 0x2022 || cp == 0x2027 || cp == 0xFF65;
}

std::string RussianStem(std::string_view s) {
  std::u32string u = ToU32(s);
  if (u.size() < 4 || !(u[0] >= 0x0410 && u[0] <= 0x042F)) return "";
  for (size_t i = 1; i < u.size(); ++i) {
    if (!((u[i] >= 0x0430 && u[i] <= 0x044F) || u[i] == 0x0451)) return "";
  }
  static const std::u32string kEndings = U"аяйьое";
  if (kEndings.find(u.back()) != std::u32string::npos) u.pop_back();
  if (u.size() < 4) return "";
  std::string out;
  for (char32_t c : u) {
    char buf[4];
    int32_t n = 0;
    UBool err = false;
    U8_APPEND(reinterpret_cast<uint8_t*>(buf), n, 4, static_cast<UChar32>(c), err);
    if (err) return "";
    out.append(buf, static_cast<size_t>(n));
  }
  return out;
}

std::string Nfkc(std::string_view s) {
  UErrorCode err = U_ZERO_ERROR;
  const icu::Normalizer2* n = icu::Normalizer2::getNFKCInstance(err);
  if (U_FAILURE(err)) return std::string(s);
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
  icu::UnicodeString out = n->normalize(u, err);
  if (U_FAILURE(err)) return std::string(s);
  std::string r;
  out.toUTF8String(r);
  return r;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

std::vector<std::string> SplitList(std::string_view s) {
  std::vector<std::string> out;
  for (std::string_view item : Split(s, '|')) {
    item = Trim(item);
    if (!item.empty()) out.emplace_back(item);
  }
  return out;
}

std::u32string ToU32(std::string_view s) {
  std::u32string out;
  for (size_t i = 0; i < s.size();) {
    size_t len;
    out.push_back(static_cast<char32_t>(CodePointAt(s, i, &len)));
    i += len;
  }
  return out;
}

size_t Levenshtein(const std::u32string& a, const std::u32string& b, size_t cap) {
  size_t la = a.size(), lb = b.size();
  if ((la > lb ? la - lb : lb - la) > cap) return cap + 1;
  std::vector<size_t> prev(lb + 1), cur(lb + 1);
  for (size_t j = 0; j <= lb; ++j) prev[j] = j;
  for (size_t i = 1; i <= la; ++i) {
    cur[0] = i;
    size_t row_min = cur[0];
    for (size_t j = 1; j <= lb; ++j) {
      size_t sub = prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, sub});
      row_min = std::min(row_min, cur[j]);
    }
    if (row_min > cap) return cap + 1;
    std::swap(prev, cur);
  }
  return prev[lb];
}

std::string Slug(std::string_view text) {
  std::string folded = FoldSameLength(text);
  std::string out;
  bool dash = false;
  for (size_t i = 0; i < folded.size();) {
    size_t len;
    int32_t cp = CodePointAt(folded, i, &len);
    if (IsWordChar(cp) || IsCjk(cp)) {
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

}  // namespace kbq::ingest::gaz
