// Character encodings of input files: which one a file is in (forced, BOM,
// declared in markup, or sniffed), and a streaming conversion to UTF-8 with
// ICU converters. Internal to kbq::ingest; readers only ever see UTF-8.
//
// Supported: UTF-8 (the default), UTF-16LE/BE (with a BOM), GB18030 (also
// read for GBK and GB2312, which it contains), Big5, Shift_JIS, EUC-KR,
// windows-1251, windows-1252 (also for ISO-8859-1 and Latin-1, as browsers
// do) and KOI8-R. Not thread-safe per object; each file gets its own.
#pragma once

#include <cstdint>
#include <istream>
#include <memory>
#include <optional>
#include <streambuf>
#include <string>
#include <string_view>

#include "kbq/status.h"
#include "reader_internal.h"

typedef struct UConverter UConverter;

namespace kbq::ingest::internal {

// The canonical name of a supported encoding for a label as documents and
// users write it ("gbk" → "GB18030", "utf8" → "UTF-8", "latin1" →
// "windows-1252"); nullopt when the label names no supported encoding.
std::optional<std::string> CanonicalEncoding(std::string_view label);

// The encoding a markup document declares in its first bytes: <meta
// charset=...>, <meta http-equiv="Content-Type" content="...; charset=...">
// or <?xml ... encoding="..."?>. The label as written; nullopt when none.
std::optional<std::string> DeclaredEncoding(std::string_view head);

// The encoding to read a file in, and how it was chosen.
struct EncodingChoice {
  std::string name;        // canonical, e.g. "GB18030"
  std::string how;  // "--encoding", "byte-order mark", "declaration", "sniffed", "default",
                    // or "valid UTF-8 bytes contradict the declared X"
  size_t bom_length = 0;   // bytes of byte-order mark to skip
};

// The rule (docs/readers.md): a forced encoding wins; then a byte-order
// mark; then a declaration in markup; then, when `head` is mostly not
// UTF-8 (at least 4 ill-formed sequences, more than well-formed multi-byte
// ones), ICU's charset detector (ucsdet) as a hint restricted to the
// supported set; else UTF-8. An unsupported declared label or forced name is reported via
// the returned Status (InvalidArgument naming the label).
Result<EncodingChoice> ChooseEncoding(std::string_view head, std::string_view forced);

// Does `head` hold non-ASCII text that is valid UTF-8? Such bytes are
// UTF-8 whatever a declaration or an HTTP header says: legacy text is not
// valid UTF-8 by chance.
bool IsUtf8Text(std::string_view head);

// Decodes a byte stream in one encoding to UTF-8, chunk by chunk. A byte
// sequence that is not valid in the encoding becomes U+FFFD's ill-formed
// stand-in (a lone 0xFF byte, so the readers' strict UTF-8 check skips the
// record holding it), and the first such sequence is remembered.
class Utf8Decoder {
 public:
  static Result<std::unique_ptr<Utf8Decoder>> Open(const std::string& encoding);
  ~Utf8Decoder();
  // Converts `in` (the next bytes of the input) and appends UTF-8 to `out`;
  // `last` flushes a sequence left incomplete at the end of the input.
  void Convert(std::string_view in, bool last, std::string* out);
  // Offset in the input of the first invalid sequence; nullopt when none.
  std::optional<uint64_t> first_error() const { return first_error_; }
  uint64_t errors() const { return errors_; }

 private:
  explicit Utf8Decoder(UConverter* cnv) : cnv_(cnv) {}
  UConverter* cnv_;
  uint64_t consumed_ = 0;
  std::optional<uint64_t> first_error_;
  uint64_t errors_ = 0;
  char16_t pending_lead_ = 0;  // a lead surrogate waiting for its trail
};

// The rest of a ByteSource decoded to UTF-8 as a streambuf, so that every
// reader can run unchanged over a converted file.
class DecodingStreambuf : public std::streambuf {
 public:
  DecodingStreambuf(ByteSource& in, std::unique_ptr<Utf8Decoder> decoder, size_t skip)
      : in_(in), decoder_(std::move(decoder)), skip_(skip) {}
  const Utf8Decoder& decoder() const { return *decoder_; }

 protected:
  int_type underflow() override;

 private:
  ByteSource& in_;
  std::unique_ptr<Utf8Decoder> decoder_;
  size_t skip_;  // BOM bytes still to drop
  std::string raw_, out_;
  bool done_ = false;
};

// Decodes a whole buffer (a WARC record's body); see Utf8Decoder.
std::string DecodeToUtf8(Utf8Decoder& decoder, std::string_view bytes);

}  // namespace kbq::ingest::internal
