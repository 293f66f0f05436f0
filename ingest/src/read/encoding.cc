// Encoding choice and conversion to UTF-8 (see encoding.h and docs/readers.md).
#include "read/encoding.h"

#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>

#include <algorithm>

#include "kbq/ingest/normalizer.h"
#include "text_util.h"

namespace kbq::ingest::internal {

namespace {

// label (lower case, '_' and ' ' read as '-') → canonical name; the names
// are also the ICU converter names.
struct Alias {
  const char* label;
  const char* name;
};
constexpr Alias kAliases[] = {
    {"utf-8", "UTF-8"},          {"utf8", "UTF-8"},           {"unicode-1-1-utf-8", "UTF-8"},
    {"us-ascii", "UTF-8"},       {"ascii", "UTF-8"},          {"utf-16le", "UTF-16LE"},
    {"utf-16be", "UTF-16BE"},    {"gb18030", "GB18030"},      {"gbk", "GB18030"},
    {"gb2312", "GB18030"},       {"x-gbk", "GB18030"},        {"cp936", "GB18030"},
    {"euc-cn", "GB18030"},       {"csgb2312", "GB18030"},     {"big5", "Big5"},
    {"big5-hkscs", "Big5"},      {"cn-big5", "Big5"},         {"x-x-big5", "Big5"},
    {"cp950", "Big5"},           {"shift-jis", "Shift_JIS"},  {"sjis", "Shift_JIS"},
    {"ms-kanji", "Shift_JIS"},   {"windows-31j", "Shift_JIS"}, {"cp932", "Shift_JIS"},
    {"euc-kr", "EUC-KR"},        {"cp949", "EUC-KR"},         {"ks-c-5601-1987", "EUC-KR"},
    {"windows-1251", "windows-1251"}, {"cp1251", "windows-1251"},
    {"windows-1252", "windows-1252"}, {"cp1252", "windows-1252"},
    {"iso-8859-1", "windows-1252"}, {"latin1", "windows-1252"}, {"l1", "windows-1252"},
    {"koi8-r", "KOI8-R"},        {"koi8r", "KOI8-R"},
};

bool ValidUtf8Head(std::string_view head, bool whole) {
  Utf8Check c = CheckUtf8(head);
  // A head cut inside a character is still UTF-8.
  return c.ok || (c.truncated && !whole && c.offset + 4 >= head.size());
}

// Is `head` text in a legacy encoding rather than UTF-8 with a few bad
// bytes? Legacy CJK or Cyrillic text breaks UTF-8 at almost every non-ASCII
// character; a damaged UTF-8 file at a few places among many good ones.
bool MostlyNotUtf8(std::string_view head) {
  size_t good = 0, bad = 0;
  for (size_t i = 0; i < head.size();) {
    unsigned char c = static_cast<unsigned char>(head[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    if (len > 1 && i + len <= head.size() && CheckUtf8(head.substr(i, len)).ok) {
      ++good;
      i += len;
    } else {
      ++bad;
      ++i;
    }
  }
  return bad >= 4 && bad > good;
}

bool HasNonAscii(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) { return (c & 0x80) != 0; });
}

// ICU's detector over `head`: the most confident match in the supported set.
std::optional<std::string> DetectWithIcu(std::string_view head) {
  UErrorCode ec = U_ZERO_ERROR;
  UCharsetDetector* det = ucsdet_open(&ec);
  if (U_FAILURE(ec)) return std::nullopt;
  std::optional<std::string> out;
  ucsdet_setText(det, head.data(), static_cast<int32_t>(std::min<size_t>(head.size(), 1 << 16)),
                 &ec);
  int32_t n = 0;
  const UCharsetMatch** matches = U_SUCCESS(ec) ? ucsdet_detectAll(det, &n, &ec) : nullptr;
  for (int32_t i = 0; U_SUCCESS(ec) && matches != nullptr && i < n && !out; ++i) {
    const char* name = ucsdet_getName(matches[i], &ec);
    if (U_FAILURE(ec) || name == nullptr) break;
    auto canonical = CanonicalEncoding(name);
    if (canonical && *canonical != "UTF-8") out = canonical;
  }
  ucsdet_close(det);
  return out;
}

void AppendCodePoint(uint32_t cp, std::string* out) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

}  // namespace

bool IsUtf8Text(std::string_view head) {
  return HasNonAscii(head) && ValidUtf8Head(head, head.size() < (1 << 16));
}

std::optional<std::string> CanonicalEncoding(std::string_view label) {
  std::string key = AsciiLower(label);
  while (!key.empty() && (key.back() == ' ' || key.back() == '"' || key.back() == '\'')) key.pop_back();
  std::replace(key.begin(), key.end(), '_', '-');
  std::replace(key.begin(), key.end(), ' ', '-');
  for (const Alias& a : kAliases)
    if (key == a.label) return std::string(a.name);
  return std::nullopt;
}

std::optional<std::string> DeclaredEncoding(std::string_view head) {
  std::string low = AsciiLower(head.substr(0, 8192));
  auto label_at = [&](size_t at) -> std::optional<std::string> {
    while (at < low.size() && (low[at] == ' ' || low[at] == '=' || low[at] == '"' || low[at] == '\''))
      ++at;
    size_t end = at;
    while (end < low.size() && (std::isalnum(static_cast<unsigned char>(low[end])) ||
                                low[end] == '-' || low[end] == '_' || low[end] == ':' ||
                                low[end] == '.'))
      ++end;
    if (end == at) return std::nullopt;
    return std::string(head.substr(at, end - at));
  };
  if (low.rfind("<?xml", 0) == 0) {
    size_t close = low.find("?>");
    size_t enc = low.find("encoding");
    if (enc != std::string::npos && enc < close) return label_at(enc + 8);
  }
  for (size_t m = low.find("<meta"); m != std::string::npos; m = low.find("<meta", m + 5)) {
    size_t close = low.find('>', m);
    size_t cs = low.find("charset", m);
    if (cs == std::string::npos || (close != std::string::npos && cs > close)) continue;
    return label_at(cs + 7);
  }
  return std::nullopt;
}

Result<EncodingChoice> ChooseEncoding(std::string_view head, std::string_view forced) {
  EncodingChoice c;
  if (!forced.empty()) {
    auto name = CanonicalEncoding(forced);
    if (!name) {
      return Status::InvalidArgument(
          "unsupported encoding '" + std::string(forced) +
          "' (use UTF-8, GB18030, GBK, GB2312, Big5, Shift_JIS, EUC-KR, windows-1251, "
          "windows-1252, KOI8-R, UTF-16LE or UTF-16BE)");
    }
    c.name = *name;
    c.how = "--encoding";
    return c;
  }
  if (head.substr(0, 3) == "\xEF\xBB\xBF") return EncodingChoice{"UTF-8", "byte-order mark", 0};
  if (head.substr(0, 2) == "\xFF\xFE") return EncodingChoice{"UTF-16LE", "byte-order mark", 2};
  if (head.substr(0, 2) == "\xFE\xFF") return EncodingChoice{"UTF-16BE", "byte-order mark", 2};
  const bool whole = head.size() < (1 << 16);
  if (auto declared = DeclaredEncoding(head)) {
    auto name = CanonicalEncoding(*declared);
    if (!name) return Status::InvalidArgument("unsupported declared encoding '" + *declared + "'");
    // A page saved again as UTF-8 often keeps its old declaration; bytes
    // that are valid UTF-8 and not plain ASCII cannot be legacy text by chance.
    if (*name != "UTF-8" && HasNonAscii(head) && ValidUtf8Head(head, whole)) {
      return EncodingChoice{"UTF-8", "valid UTF-8 bytes contradict the declared " + *name, 0};
    }
    c.name = *name;
    c.how = "declaration";
    return c;
  }
  if (ValidUtf8Head(head, whole) || !MostlyNotUtf8(head)) return EncodingChoice{"UTF-8", "default", 0};
  if (auto sniffed = DetectWithIcu(head)) return EncodingChoice{*sniffed, "sniffed", 0};
  return EncodingChoice{"UTF-8", "default", 0};
}

// ---------------------------------------------------------------- decoding

Result<std::unique_ptr<Utf8Decoder>> Utf8Decoder::Open(const std::string& encoding) {
  UErrorCode ec = U_ZERO_ERROR;
  UConverter* cnv = ucnv_open(encoding.c_str(), &ec);
  if (U_FAILURE(ec)) return Status::NotSupported("no ICU converter for " + encoding);
  ucnv_setToUCallBack(cnv, UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &ec);
  return std::unique_ptr<Utf8Decoder>(new Utf8Decoder(cnv));
}

Utf8Decoder::~Utf8Decoder() { ucnv_close(cnv_); }

void Utf8Decoder::Convert(std::string_view in, bool last, std::string* out) {
  const char* src = in.data();
  const char* const limit = in.data() + in.size();
  UChar buf[4096];
  while (true) {
    UChar* target = buf;
    UErrorCode ec = U_ZERO_ERROR;
    ucnv_toUnicode(cnv_, &target, buf + 4096, &src, limit, nullptr, last, &ec);
    for (UChar* p = buf; p < target; ++p) {
      char16_t u = static_cast<char16_t>(*p);
      if (pending_lead_ != 0) {
        if (u >= 0xDC00 && u <= 0xDFFF) {
          AppendCodePoint(0x10000 + ((uint32_t{pending_lead_} - 0xD800) << 10) + (u - 0xDC00), out);
          pending_lead_ = 0;
          continue;
        }
        AppendCodePoint(0xFFFD, out);
        pending_lead_ = 0;
      }
      if (u >= 0xD800 && u <= 0xDBFF) {
        pending_lead_ = u;
      } else if (u >= 0xDC00 && u <= 0xDFFF) {
        AppendCodePoint(0xFFFD, out);
      } else {
        AppendCodePoint(u, out);
      }
    }
    if (ec == U_BUFFER_OVERFLOW_ERROR) continue;
    if (U_FAILURE(ec)) {
      char bad[32];
      int8_t length = sizeof bad;
      UErrorCode e2 = U_ZERO_ERROR;
      ucnv_getInvalidChars(cnv_, bad, &length, &e2);
      uint64_t at = consumed_ + static_cast<uint64_t>(src - in.data());
      at -= std::min<uint64_t>(at, U_SUCCESS(e2) ? static_cast<uint64_t>(length) : 0);
      if (!first_error_) first_error_ = at;
      ++errors_;
      out->push_back('\xFF');  // ill-formed UTF-8: the record holding it is skipped
      ucnv_resetToUnicode(cnv_);
      if (src < limit) continue;
    }
    break;
  }
  if (last && pending_lead_ != 0) {
    AppendCodePoint(0xFFFD, out);
    pending_lead_ = 0;
  }
  consumed_ += in.size();
}

std::string DecodeToUtf8(Utf8Decoder& decoder, std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size() + bytes.size() / 2);
  decoder.Convert(bytes, /*last=*/true, &out);
  return out;
}

DecodingStreambuf::int_type DecodingStreambuf::underflow() {
  if (gptr() < egptr()) return traits_type::to_int_type(*gptr());
  out_.clear();
  while (out_.empty() && !done_) {
    raw_.clear();
    done_ = in_.ReadInto(&raw_, 1 << 16) < (1 << 16);
    std::string_view piece = raw_;
    size_t drop = std::min(skip_, piece.size());
    piece.remove_prefix(drop);
    skip_ -= drop;
    decoder_->Convert(piece, done_, &out_);
  }
  if (out_.empty()) return traits_type::eof();
  setg(out_.data(), out_.data(), out_.data() + out_.size());
  return traits_type::to_int_type(*gptr());
}

}  // namespace kbq::ingest::internal
