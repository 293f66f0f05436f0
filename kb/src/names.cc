#include "kbq/names.h"

#include <unicode/normalizer2.h>
#include <unicode/translit.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/unistr.h>

#include <memory>

namespace kbq {
namespace {

bool IsLatinBase(UChar32 c) {
  UErrorCode status = U_ZERO_ERROR;
  return uscript_getScript(c, &status) == USCRIPT_LATIN && U_SUCCESS(status);
}

// NFD, then combining marks that follow a Latin letter dropped, then NFC.
// Returns false (and leaves `s` as it was) when nothing was dropped.
bool DropLatinMarks(icu::UnicodeString* s) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status)) return false;
  icu::UnicodeString d = nfd->normalize(*s, status);
  if (U_FAILURE(status)) return false;
  icu::UnicodeString out;
  bool dropped = false;
  bool after_latin = false;
  for (int32_t i = 0; i < d.length();) {
    UChar32 c = d.char32At(i);
    i += U16_LENGTH(c);
    if (u_getCombiningClass(c) != 0 || u_charType(c) == U_NON_SPACING_MARK) {
      if (after_latin) {
        dropped = true;
        continue;
      }
    } else {
      after_latin = IsLatinBase(c);
    }
    out.append(c);
  }
  if (!dropped) return false;
  *s = nfc->normalize(out, status);
  return U_SUCCESS(status);
}

bool HasHan(const icu::UnicodeString& s) {
  for (int32_t i = 0; i < s.length();) {
    UChar32 c = s.char32At(i);
    i += U16_LENGTH(c);
    UErrorCode status = U_ZERO_ERROR;
    if (uscript_getScript(c, &status) == USCRIPT_HAN) return true;
  }
  return false;
}

// ICU's Traditional-to-Simplified transliterator, one per thread (a
// Transliterator is not safe to share while it transliterates); null when
// ICU lacks it.
icu::Transliterator* HantHans() {
  thread_local std::unique_ptr<icu::Transliterator> t = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::Transliterator> made(
        icu::Transliterator::createInstance("Hant-Hans", UTRANS_FORWARD, status));
    if (U_FAILURE(status)) made.reset();
    return made;
  }();
  return t.get();
}

void ToSimplified(icu::UnicodeString* s) {
  if (icu::Transliterator* t = HantHans()) t->transliterate(*s);
}

bool IsApostrophe(UChar32 c) {
  return c == 0x2019 || c == 0x2018 || c == 0x02BC || c == 0x02B9 || c == 0x2032 || c == 0x0060 ||
         c == 0x00B4;
}

}  // namespace

std::string NormaliseName(std::string_view name) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc_cf = icu::Normalizer2::getNFKCCasefoldInstance(status);
  icu::UnicodeString in = icu::UnicodeString::fromUTF8(
      icu::StringPiece(name.data(), static_cast<int32_t>(name.size())));
  icu::UnicodeString folded = U_SUCCESS(status) ? nfkc_cf->normalize(in, status) : in;
  if (U_FAILURE(status)) folded = in;
  DropLatinMarks(&folded);
  if (HasHan(folded)) ToSimplified(&folded);
  icu::UnicodeString out;
  bool pending_space = false;
  for (int32_t i = 0; i < folded.length();) {
    UChar32 c = folded.char32At(i);
    i += U16_LENGTH(c);
    if (c == 0x30FB || c == 0x00B7 || c == 0x2022 || c == 0x2027 || c == 0xFF65 || c == 0xFFFD) {
      continue;  // middle dots between the parts of transliterated names; replacement chars
    }
    if (u_isUWhiteSpace(c)) {
      pending_space = !out.isEmpty();
      continue;
    }
    if (pending_space) out.append(static_cast<UChar>(' '));
    pending_space = false;
    out.append(IsApostrophe(c) ? static_cast<UChar32>('\'') : c);
  }
  // "the Kremlin", "The Hague": the article is not part of what is meant.
  if (out.length() > 4 && out.startsWith(icu::UnicodeString(u"the "))) out.remove(0, 4);
  std::string result;
  out.toUTF8String(result);
  return result;
}

char32_t SimplifiedHanChar(char32_t c) {
  icu::UnicodeString s(static_cast<UChar32>(c));
  ToSimplified(&s);
  return s.countChar32() == 1 ? static_cast<char32_t>(s.char32At(0)) : c;
}

std::string WithoutLatinDiacritics(std::string_view name) {
  icu::UnicodeString s = icu::UnicodeString::fromUTF8(
      icu::StringPiece(name.data(), static_cast<int32_t>(name.size())));
  if (!DropLatinMarks(&s)) return {};
  std::string out;
  s.toUTF8String(out);
  return out;
}

}  // namespace kbq
