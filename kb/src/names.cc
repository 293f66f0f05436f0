#include "kbq/names.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

namespace kbq {

std::string NormaliseName(std::string_view name) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc_cf = icu::Normalizer2::getNFKCCasefoldInstance(status);
  icu::UnicodeString in = icu::UnicodeString::fromUTF8(
      icu::StringPiece(name.data(), static_cast<int32_t>(name.size())));
  icu::UnicodeString folded = U_SUCCESS(status) ? nfkc_cf->normalize(in, status) : in;
  if (U_FAILURE(status)) folded = in;
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
    out.append(c);
  }
  std::string result;
  out.toUTF8String(result);
  return result;
}

}  // namespace kbq
