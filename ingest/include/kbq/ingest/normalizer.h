// Text normalisation shared by every reader: strict UTF-8 checking, ICU NFKC
// (full-width digits and punctuation folded: "２０２５年" → "2025年",
// "，" → ","), language detection from the script, sentence splitting and
// the content-derived article id.
//
// All functions are pure and thread-safe (ICU singletons are created once).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "kbq/ingest/document.h"

namespace kbq::ingest {

// Where the first ill-formed UTF-8 sequence starts, if any.
struct Utf8Check {
  bool ok = true;
  uint64_t offset = 0;     // byte offset of the first bad byte in the checked text
  bool truncated = false;  // the text ends inside an otherwise valid sequence
};
// Strict UTF-8 (Unicode Table 3-7): overlong forms, surrogates and code
// points above U+10FFFF are ill-formed. NUL bytes are well-formed here; the
// readers reject them separately.
Utf8Check CheckUtf8(std::string_view text);

// ICU NFKC of `text`. REQUIRES: valid UTF-8 (ill-formed bytes become U+FFFD).
std::string NormaliseText(std::string_view text);

// NFKC of `text`, appending to `out`; for every span that NFKC changed, adds
// an anchor (offset in `out` → `base_offset` + offset in `text`) to
// `anchors`, plus one anchor for the start of the piece, so that
// SourceOffset() can map positions back. REQUIRES: valid UTF-8.
void AppendNormalised(std::string_view text, uint64_t base_offset, std::string* out,
                      std::vector<OffsetAnchor>* anchors);

// `text` with its Traditional Chinese characters as Simplified ones (ICU's
// "Hant-Hans", character by character), for matching names, triggers and
// times: a character is replaced only when its Simplified form is one
// character of the same UTF-8 length, so every byte offset into the result is
// the same offset into `text` ("烏克蘭" → "乌克兰", "颱風" → "台风"). Returns
// `text` unchanged when nothing is Traditional. REQUIRES: valid UTF-8.
// Thread-safe.
std::string SimplifiedSameLength(std::string_view text);

// "zh" when Han characters make up at least 30% of the letters, "ru" when
// Cyrillic letters dominate, otherwise "en" (also for text without letters).
std::string DetectLanguage(std::string_view text);

// Sentences of `text` as byte spans, trimmed of surrounding white space,
// empty ones dropped. Uses ICU's sentence BreakIterator (with the standard
// abbreviation suppressions, so "Mr.", "U.S.", "Jan." do not end a
// sentence). Line breaks end a sentence, so list items are sentences of their
// own; for languages other than "zh", a single line break inside a paragraph
// that neither ends a sentence nor starts a list item is read as a space
// (hard-wrapped English). For "zh", ";" (NFKC of "；") also ends a sentence.
std::vector<Sentence> SplitSentences(std::string_view text, std::string_view lang);

// "art-" + 16 lowercase hex digits of the 64-bit FNV-1a hash of
// title + "\n" + text (both as given: pass the normalised forms).
std::string ArticleId(std::string_view title, std::string_view text);

}  // namespace kbq::ingest
