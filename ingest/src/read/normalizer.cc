#include "kbq/ingest/normalizer.h"

#include "kbq/names.h"
#include "text_util.h"
#include "events/lexicon_en.h"

#include <unicode/brkiter.h>
#include <unicode/bytestream.h>
#include <unicode/edits.h>
#include <unicode/filteredbrk.h>
#include <unicode/locid.h>
#include <unicode/normalizer2.h>
#include <unicode/uscript.h>
#include <unicode/utext.h>
#include <unicode/utf8.h>

#include <cstdio>
#include <memory>
#include <unordered_map>

namespace kbq::ingest {

Utf8Check CheckUtf8(std::string_view text) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const size_t n = text.size();
  size_t i = 0;
  while (i < n) {
    unsigned char c = s[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    size_t len;
    unsigned char lo = 0x80, hi = 0xBF;  // bounds for the second byte
    if (c >= 0xC2 && c <= 0xDF) {
      len = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3;
      if (c == 0xE0) lo = 0xA0;  // no overlong forms
      if (c == 0xED) hi = 0x9F;  // no surrogates
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
      if (c == 0xF0) lo = 0x90;
      if (c == 0xF4) hi = 0x8F;  // nothing above U+10FFFF
    } else {
      return {false, i, false};
    }
    for (size_t k = 1; k < len; ++k) {
      if (i + k >= n) return {false, i, true};
      unsigned char b = s[i + k];
      unsigned char l = k == 1 ? lo : 0x80, h = k == 1 ? hi : 0xBF;
      if (b < l || b > h) return {false, i, false};
    }
    i += len;
  }
  return {};
}

namespace {

const icu::Normalizer2* Nfkc() {
  static const icu::Normalizer2* nfkc = [] {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* n = icu::Normalizer2::getNFKCInstance(status);
    return U_SUCCESS(status) ? n : nullptr;
  }();
  return nfkc;
}

void AddAnchor(std::vector<OffsetAnchor>* anchors, uint32_t text, uint64_t file) {
  if (anchors == nullptr) return;
  if (!anchors->empty() && anchors->back().text == text) {
    anchors->back().file = file;
    return;
  }
  if (!anchors->empty()) {
    const OffsetAnchor& last = anchors->back();
    // Redundant: the previous anchor already implies this mapping.
    if (text > last.text && file >= last.file && file - last.file == text - last.text) return;
  }
  anchors->push_back({text, file});
}

}  // namespace

void AppendNormalised(std::string_view text, uint64_t base_offset, std::string* out,
                      std::vector<OffsetAnchor>* anchors) {
  const uint32_t start = static_cast<uint32_t>(out->size());
  AddAnchor(anchors, start, base_offset);
  const icu::Normalizer2* nfkc = Nfkc();
  UErrorCode status = U_ZERO_ERROR;
  if (nfkc != nullptr) {
    // Fast path: most text is already NFKC.
    if (nfkc->isNormalizedUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size())),
                               status) &&
        U_SUCCESS(status)) {
      out->append(text);
      return;
    }
    status = U_ZERO_ERROR;
    icu::Edits edits;
    std::string normalised;
    icu::StringByteSink<std::string> sink(&normalised);
    nfkc->normalizeUTF8(0, icu::StringPiece(text.data(), static_cast<int32_t>(text.size())), sink,
                        &edits, status);
    if (U_SUCCESS(status)) {
      icu::Edits::Iterator it = edits.getCoarseChangesIterator();
      UErrorCode it_status = U_ZERO_ERROR;
      while (it.next(it_status)) {
        uint32_t dest = start + static_cast<uint32_t>(it.destinationIndex());
        uint64_t src = base_offset + static_cast<uint64_t>(it.sourceIndex());
        AddAnchor(anchors, dest, src);
        AddAnchor(anchors, dest + static_cast<uint32_t>(it.newLength()),
                  src + static_cast<uint64_t>(it.oldLength()));
      }
      out->append(normalised);
      return;
    }
  }
  out->append(text);  // ICU data missing: keep the text as it is
}

std::string NormaliseText(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  AppendNormalised(text, 0, &out, nullptr);
  return out;
}

std::string DetectLanguage(std::string_view text) {
  size_t han = 0, latin = 0, cyrillic = 0;
  int32_t i = 0;
  const int32_t n = static_cast<int32_t>(text.size());
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  while (i < n) {
    UChar32 c;
    U8_NEXT(s, i, n, c);
    if (c < 0) continue;
    if (c < 0x80) {
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) ++latin;
      continue;
    }
    UErrorCode status = U_ZERO_ERROR;
    UScriptCode script = uscript_getScript(c, &status);
    if (U_FAILURE(status)) continue;
    if (script == USCRIPT_HAN) {
      ++han;
    } else if (script == USCRIPT_LATIN) {
      ++latin;
    } else if (script == USCRIPT_CYRILLIC) {
      ++cyrillic;
    }
  }
  const size_t letters = han + latin + cyrillic;
  if (letters == 0) return "en";
  // A Han character carries about a word; Latin letters come four or five to
  // a word. 30% of letters being Han means the text is mostly Chinese.
  if (han * 10 >= letters * 3) return "zh";
  if (cyrillic > latin) return "ru";
  return "en";
}

namespace {

bool IsSpaceByte(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

// Does the line starting at `p` begin a list item ("- x", "* x", "• x",
// "1. x", "2) x")?
bool StartsListItem(std::string_view text, size_t p) {
  while (p < text.size() && (text[p] == ' ' || text[p] == '\t')) ++p;
  if (p >= text.size()) return false;
  char c = text[p];
  if ((c == '-' || c == '*' || c == '+') && p + 1 < text.size() && text[p + 1] == ' ') return true;
  if (text.substr(p, 3) == "\xE2\x80\xA2") return true;  // •
  if (c >= '0' && c <= '9') {
    size_t q = p;
    while (q < text.size() && text[q] >= '0' && text[q] <= '9' && q - p < 3) ++q;
    if (q < text.size() && (text[q] == '.' || text[q] == ')') && q + 1 < text.size() &&
        text[q + 1] == ' ')
      return true;
  }
  return false;
}

// Copy of `text` in which a single line break inside a paragraph of
// hard-wrapped prose becomes a space (same length, so offsets hold).
std::string JoinWrappedLines(std::string_view text) {
  std::string out(text);
  size_t line_start = 0;
  while (true) {
    size_t nl = text.find('\n', line_start);
    if (nl == std::string_view::npos || nl + 1 >= text.size()) break;
    size_t next_start = nl + 1;
    std::string_view line = text.substr(line_start, nl - line_start);
    while (!line.empty() && IsSpaceByte(line.back())) line.remove_suffix(1);
    size_t next_end = text.find('\n', next_start);
    std::string_view next =
        text.substr(next_start, next_end == std::string_view::npos ? std::string_view::npos
                                                                  : next_end - next_start);
    size_t k = 0;
    while (k < next.size() && (next[k] == ' ' || next[k] == '\t')) ++k;
    bool join = false;
    if (!line.empty() && k < next.size() && next[k] != '\r' && !StartsListItem(text, next_start)) {
      char last = line.back();
      bool ends_sentence = last == '.' || last == '!' || last == '?' || last == ':' || last == ';' ||
                           last == '"' || last == '\'' || last == ')' ||
                           static_cast<unsigned char>(last) >= 0x80;  // 。” etc.
      char first = next[k];
      bool lower_or_digit = (first >= 'a' && first <= 'z') || (first >= '0' && first <= '9');
      join = !ends_sentence && (lower_or_digit || line.size() >= 50);
    }
    if (join) out[nl] = ' ';
    line_start = next_start;
  }
  return out;
}

std::unique_ptr<icu::BreakIterator> MakeSentenceIterator(const char* locale_name) {
  UErrorCode status = U_ZERO_ERROR;
  icu::Locale locale(locale_name);
  std::unique_ptr<icu::BreakIterator> base(icu::BreakIterator::createSentenceInstance(locale, status));
  if (U_FAILURE(status) || !base) return nullptr;
  // Standard abbreviation suppressions (Mr., U.S., Jan., ...) from ICU data.
  std::unique_ptr<icu::FilteredBreakIteratorBuilder> builder(
      icu::FilteredBreakIteratorBuilder::createInstance(locale, status));
  if (U_FAILURE(status) || !builder) return base;
  icu::BreakIterator* filtered = builder->wrapIteratorWithFilter(base.release(), status);
  if (U_FAILURE(status) || filtered == nullptr) return nullptr;
  return std::unique_ptr<icu::BreakIterator>(filtered);
}

icu::BreakIterator* SentenceIterator(bool zh) {
  // BreakIterators are not thread-safe: one per thread and language.
  thread_local std::unique_ptr<icu::BreakIterator> en_it = MakeSentenceIterator("en");
  thread_local std::unique_ptr<icu::BreakIterator> zh_it = MakeSentenceIterator("zh");
  return zh ? zh_it.get() : en_it.get();
}

void AddSpan(std::string_view text, size_t b, size_t e, bool zh, std::vector<Sentence>* out) {
  while (true) {
    size_t cut = e;
    if (zh) {
      size_t semi = text.substr(b, e - b).find(';');
      if (semi != std::string_view::npos) cut = b + semi + 1;
    }
    size_t sb = b, se = cut;
    while (sb < se && IsSpaceByte(text[sb])) ++sb;
    while (se > sb && IsSpaceByte(text[se - 1])) --se;
    if (se > sb) out->push_back({static_cast<uint32_t>(sb), static_cast<uint32_t>(se)});
    if (cut >= e) break;
    b = cut;
  }
}

// Does text[0, end) end with an initialism such as "U.S." or "U.K."? ICU's
// suppression list misses these when a prefix of them ("U.") is listed too.
bool EndsWithInitialism(std::string_view text, size_t end) {
  while (end > 0 && (text[end - 1] == ' ' || text[end - 1] == '\t')) --end;
  int letters = 0;
  while (end >= 2 && text[end - 1] == '.' &&
         ((text[end - 2] >= 'A' && text[end - 2] <= 'Z') || (text[end - 2] >= 'a' && text[end - 2] <= 'z'))) {
    ++letters;
    end -= 2;
    if (end == 0 || text[end - 1] == ' ' || text[end - 1] == '(') break;
  }
  if (letters < 2) return false;
  return end == 0 || text[end - 1] == ' ' || text[end - 1] == '(';
}

// Does text[0, end) end with a name's initial ("President J." before
// "Biden", "V." before "Putin"): one capital letter after a space and before
// the period, and a capitalised word next? Nothing ends a sentence there in
// news ("Plan B." at a sentence's end is rarer than "J. Biden").
bool EndsWithNameInitial(std::string_view text, size_t end) {
  size_t e = end;
  while (e > 0 && (text[e - 1] == ' ' || text[e - 1] == '\t')) --e;
  if (e < 3 || text[e - 1] != '.' || text[e - 2] < 'A' || text[e - 2] > 'Z' || text[e - 3] != ' ') return false;
  size_t n = end;
  while (n < text.size() && text[n] == ' ') ++n;
  if (!(n + 1 < text.size() && text[n] >= 'A' && text[n] <= 'Z' && text[n + 1] >= 'a' && text[n + 1] <= 'z')) {
    return false;
  }
  // The next word must be a name, not a common English word: "Sputnik V. As
  // of today", "Sputnik V. Talks are underway" open sentences; "J. Biden",
  // "V. Putin" do not (WordNet knows neither name, or knows it as a person's).
  size_t w = n;
  while (w < text.size() && ((text[w] >= 'a' && text[w] <= 'z') || (text[w] >= 'A' && text[w] <= 'Z'))) ++w;
  const auto& lex = events::EnglishLexicon::Get();
  std::string_view word = text.substr(n, w - n);
  return lex.Closed(word) == 0 && (lex.PossiblePos(word) == 0 || lex.PersonName(word));
}

}  // namespace

std::vector<Sentence> SplitSentences(std::string_view text, std::string_view lang) {
  std::vector<Sentence> out;
  const bool zh = lang == "zh";
  std::string prepared = zh ? std::string(text) : JoinWrappedLines(text);
  icu::BreakIterator* it = SentenceIterator(zh);
  UErrorCode status = U_ZERO_ERROR;
  UText* ut = it == nullptr
                  ? nullptr
                  : utext_openUTF8(nullptr, prepared.data(), static_cast<int64_t>(prepared.size()), &status);
  if (it == nullptr || U_FAILURE(status)) {
    // No ICU sentence data: fall back to line breaks.
    size_t b = 0;
    while (b < text.size()) {
      size_t nl = text.find('\n', b);
      size_t e = nl == std::string_view::npos ? text.size() : nl + 1;
      AddSpan(text, b, e, zh, &out);
      b = e;
    }
    if (ut != nullptr) utext_close(ut);
    return out;
  }
  it->setText(ut, status);
  int32_t prev = it->first();
  for (int32_t cur = it->next(); cur != icu::BreakIterator::DONE; cur = it->next()) {
    if (!zh && static_cast<size_t>(cur) < text.size() && text[cur - 1] != '\n' &&
        (EndsWithInitialism(text, static_cast<size_t>(cur)) || EndsWithNameInitial(text, static_cast<size_t>(cur))))
      continue;
    AddSpan(text, static_cast<size_t>(prev), static_cast<size_t>(cur), zh, &out);
    prev = cur;
  }
  // Detach the iterator from the text before it goes away.
  UText* empty = utext_openUTF8(nullptr, "", 0, &status);
  it->setText(empty, status);
  utext_close(empty);
  utext_close(ut);
  return out;
}

std::string ArticleId(std::string_view title, std::string_view text) {
  uint64_t h = internal::Fnv1a64(title);
  h = internal::Fnv1a64("\n", h);
  h = internal::Fnv1a64(text, h);
  return "art-" + internal::Hex16(h);
}

namespace {

// The Simplified form of one Han code point (kbq::SimplifiedHanChar), or the
// code point itself when that has another UTF-8 length. Cached per thread.
UChar32 SimplifiedChar(UChar32 c) {
  thread_local std::unordered_map<UChar32, UChar32> cache;
  auto it = cache.find(c);
  if (it != cache.end()) return it->second;
  auto s = static_cast<UChar32>(SimplifiedHanChar(static_cast<char32_t>(c)));
  UChar32 out = U8_LENGTH(s) == U8_LENGTH(c) ? s : c;
  cache.emplace(c, out);
  return out;
}

}  // namespace

std::string SimplifiedSameLength(std::string_view text) {
  std::string out;
  for (int32_t i = 0; i < static_cast<int32_t>(text.size());) {
    int32_t start = i;
    UChar32 c;
    U8_NEXT(reinterpret_cast<const uint8_t*>(text.data()), i, static_cast<int32_t>(text.size()), c);
    UErrorCode status = U_ZERO_ERROR;
    if (c < 0x2E80 || uscript_getScript(c, &status) != USCRIPT_HAN) continue;
    UChar32 s = SimplifiedChar(c);
    if (s == c) continue;
    if (out.empty()) out.assign(text);
    uint8_t buf[4];
    int32_t n = 0;
    UBool error = false;
    U8_APPEND(buf, n, 4, s, error);
    if (!error && n == i - start) out.replace(static_cast<size_t>(start), static_cast<size_t>(n), reinterpret_cast<char*>(buf), static_cast<size_t>(n));
  }
  return out.empty() ? std::string(text) : out;
}

}  // namespace kbq::ingest
