// WARC files (ISO 28500), plain or gzip-compressed one member per record as
// web archives publish them: response records that hold HTML become
// documents; every other record is counted and skipped. Streaming: memory
// holds one record (at most ReadOptions::max_document_bytes of it) and one
// input chunk. A damaged stretch (a truncated gzip member, a record whose
// length lies) is reported and reading resumes at the next gzip member or
// "WARC/1." header.
#include <zlib.h>

#include <map>
#include <string>

#include "read/encoding.h"
#include "read/web_readers.h"

namespace kbq::ingest::internal {

namespace {

constexpr size_t kMaxHeaderBytes = 1 << 16;
constexpr uint64_t kProgressEvery = uint64_t{8} << 20;

std::string HeaderValue(std::string_view headers, std::string_view name) {
  size_t b = 0;
  while (b < headers.size()) {
    size_t e = headers.find('\n', b);
    if (e == std::string_view::npos) e = headers.size();
    std::string_view line = headers.substr(b, e - b);
    b = e + 1;
    size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    if (AsciiLower(TrimSpace(line.substr(0, colon))) == AsciiLower(name))
      return std::string(TrimSpace(line.substr(colon + 1)));
  }
  return "";
}

// "text/html; charset=gb2312" → "gb2312".
std::string CharsetOf(std::string_view content_type) {
  std::string low = AsciiLower(content_type);
  size_t at = low.find("charset=");
  if (at == std::string::npos) return "";
  std::string v(TrimSpace(content_type.substr(at + 8)));
  v = v.substr(0, v.find(';'));
  while (!v.empty() && (v.front() == '"' || v.front() == '\'')) v.erase(0, 1);
  while (!v.empty() && (v.back() == '"' || v.back() == '\'')) v.pop_back();
  return v;
}

// Records parsed from a stream of WARC bytes fed in pieces.
class WarcParser {
 public:
  explicit WarcParser(const ReadContext& ctx) : ctx_(ctx) {}

  // Appends bytes that start at `offset` in the file (for gzip: the offset
  // of the member they came from) and handles every complete record.
  void Feed(std::string_view data, uint64_t offset) {
    if (skip_ > 0) {
      size_t n = static_cast<size_t>(std::min<uint64_t>(skip_, data.size()));
      skip_ -= n;
      data.remove_prefix(n);
      if (data.empty()) return;
    }
    if (buf_.empty()) buf_offset_ = offset;
    buf_.append(data);
    Parse();
  }
  // The bytes held are not a whole record and never will be (a damaged
  // gzip member ended them): drop them.
  void Discard() {
    buf_.clear();
    skip_ = 0;
  }
  // End of input: a partial record left over is truncated.
  void Finish() {
    if (!TrimSpace(buf_).empty()) {
      ctx_.Error(0, buf_offset_, "WARC record truncated at the end of the file; skipped");
      ++counts_["truncated"];
    }
    buf_.clear();
  }
  const std::map<std::string, size_t>& counts() const { return counts_; }
  size_t pages() const { return pages_; }

 private:
  void Parse();
  bool Resync();
  void Record(std::string_view headers, std::string_view block, uint64_t offset);
  void Response(std::string_view block, const std::string& url, const std::string& date,
                uint64_t offset);

  const ReadContext& ctx_;
  std::string buf_;
  uint64_t buf_offset_ = 0;
  uint64_t skip_ = 0;  // bytes of an over-long record still to discard
  std::map<std::string, size_t> counts_;
  size_t pages_ = 0;
  bool in_garbage_ = false;  // the damage is reported; quiet until the next header
};

bool WarcParser::Resync() {
  if (!in_garbage_) {
    ctx_.Error(0, buf_offset_, "not a WARC record header; skipping to the next \"WARC/1.\" line");
    ++counts_["damaged"];
    in_garbage_ = true;
  }
  // A cut record may run straight into the next header, without a newline.
  size_t at = buf_.find("WARC/1.", 1);
  size_t drop = at == std::string::npos ? (buf_.size() > 8 ? buf_.size() - 8 : 0) : at;
  if (drop == 0) return false;
  buf_.erase(0, drop);
  buf_offset_ += drop;
  return at != std::string::npos;
}

void WarcParser::Parse() {
  const uint64_t max = ctx_.options.max_document_bytes;
  while (true) {
    size_t lead = 0;
    while (lead < buf_.size() && (buf_[lead] == '\r' || buf_[lead] == '\n')) ++lead;
    buf_.erase(0, lead);
    buf_offset_ += lead;
    if (buf_.size() < 8) return;
    if (buf_.compare(0, 7, "WARC/1.") != 0) {
      if (!Resync()) return;
      continue;
    }
    in_garbage_ = false;
    size_t head_end = buf_.find("\r\n\r\n");
    if (head_end == std::string::npos) {
      if (buf_.size() > kMaxHeaderBytes) {
        buf_[0] = 'X';  // not a header after all: look for the next one
        if (!Resync()) return;
        continue;
      }
      return;
    }
    std::string headers = buf_.substr(0, head_end);
    std::string length_text = HeaderValue(headers, "Content-Length");
    char* end = nullptr;
    unsigned long long length = std::strtoull(length_text.c_str(), &end, 10);
    if (length_text.empty() || end == nullptr || *end != '\0') {
      ctx_.Error(0, buf_offset_, "WARC record without a valid Content-Length; skipped");
      buf_[0] = 'X';
      in_garbage_ = true;
      if (!Resync()) return;
      continue;
    }
    const size_t block_begin = head_end + 4;
    if (length > max) {
      ctx_.Error(0, buf_offset_,
                 "WARC record of " + std::to_string(length) + " bytes is larger than " +
                     std::to_string(max) + " bytes; skipped");
      ++counts_["too large"];
      uint64_t have = buf_.size() - block_begin;
      uint64_t rest = length + 4;
      if (have >= rest) {
        buf_.erase(0, block_begin + rest);
        buf_offset_ += block_begin + rest;
        continue;
      }
      skip_ = rest - have;
      buf_.clear();
      return;
    }
    if (buf_.size() < block_begin + length + 4) return;  // wait for the rest
    // Two CRLFs end every record; their absence means the length lied or
    // the record was cut and something else follows.
    if (buf_.compare(block_begin + length, 4, "\r\n\r\n") != 0) {
      ctx_.Error(0, buf_offset_,
                 "WARC record does not end where its Content-Length says (damaged or truncated); "
                 "skipped");
      ++counts_["damaged"];
      buf_[0] = 'X';
      in_garbage_ = true;
      if (!Resync()) return;
      continue;
    }
    Record(headers, std::string_view(buf_).substr(block_begin, length), buf_offset_);
    buf_.erase(0, block_begin + length + 4);
    buf_offset_ += block_begin + length + 4;
  }
}

void WarcParser::Record(std::string_view headers, std::string_view block, uint64_t offset) {
  std::string type = AsciiLower(HeaderValue(headers, "WARC-Type"));
  std::string content_type = AsciiLower(HeaderValue(headers, "Content-Type"));
  if (type != "response" || content_type.find("application/http") == std::string::npos) {
    ++counts_[type.empty() ? "untyped" : type];
    return;
  }
  Response(block, HeaderValue(headers, "WARC-Target-URI"), HeaderValue(headers, "WARC-Date"),
           offset);
}

void WarcParser::Response(std::string_view block, const std::string& url,
                          const std::string& date, uint64_t offset) {
  size_t head_end = block.find("\r\n\r\n");
  size_t sep = 4;
  if (head_end == std::string_view::npos) {
    head_end = block.find("\n\n");
    sep = 2;
  }
  if (head_end == std::string_view::npos) {
    ++counts_["response without HTTP headers"];
    return;
  }
  std::string_view http = block.substr(0, head_end);
  std::string_view body = block.substr(head_end + sep);
  std::string_view status_line = http.substr(0, http.find('\n'));
  size_t sp = status_line.find(' ');
  if (sp == std::string_view::npos || status_line.substr(sp + 1, 1) != "2") {
    ++counts_["response not 2xx"];
    return;
  }
  std::string type = AsciiLower(HeaderValue(http, "Content-Type"));
  bool html = type.find("text/html") != std::string::npos ||
              type.find("application/xhtml") != std::string::npos ||
              (type.empty() && LooksLikeHtml(body));
  if (!html) {
    ++counts_["response not HTML"];
    return;
  }
  std::string encoding = AsciiLower(HeaderValue(http, "Content-Encoding"));
  std::string transfer = AsciiLower(HeaderValue(http, "Transfer-Encoding"));
  if ((!encoding.empty() && encoding != "identity") || transfer.find("chunked") != std::string::npos) {
    ++counts_["response with content or transfer encoding"];
    return;
  }
  // Diagnostics of the page name the record and its URL.
  const std::string where = "WARC record at byte " + std::to_string(offset) + " (" + url + "): ";
  DiagnosticSink prefixed = [&](const Diagnostic& d) {
    Diagnostic m = d;
    m.line = 0;
    m.byte_offset = offset;
    m.message = where + d.message;
    if (ctx_.diagnostics) ctx_.diagnostics(m);
  };
  ReadContext page_ctx{ctx_.path, ctx_.options, ctx_.documents, prefixed, ctx_.markers,
                       ctx_.ingested_utc};
  // The charset: --encoding, else the HTTP header (unless the bytes are
  // valid UTF-8: servers often name a default charset the page does not
  // use), else the page's own declaration or the sniffing rule.
  std::string_view head = body.substr(0, 1 << 16);
  std::string forced = ctx_.options.encoding;
  if (forced.empty() && !IsUtf8Text(head)) forced = CharsetOf(type);
  auto choice = ChooseEncoding(head, forced);
  if (!choice.ok()) {
    page_ctx.Error(0, offset, choice.status().message() + "; page skipped");
    return;
  }
  std::string decoded;
  std::string_view utf8 = body;
  if (choice->name != "UTF-8") {
    auto decoder = Utf8Decoder::Open(choice->name);
    if (!decoder.ok()) {
      page_ctx.Error(0, offset, decoder.status().message() + "; page skipped");
      return;
    }
    decoded = DecodeToUtf8(*decoder.value(), body.substr(choice->bom_length));
    if (auto bad = decoder.value()->first_error()) {
      page_ctx.Error(0, offset,
                     "byte " + std::to_string(*bad) + " of the page is not valid " + choice->name +
                         " (" + choice->how + "); page skipped");
      return;
    }
    utf8 = decoded;
  }
  if (!CheckRecordBytes(page_ctx, utf8, 0, offset, "page", true)) return;
  HtmlPageHints hints;
  hints.url = url;
  hints.fallback_stamp = ParseTimestamp(date);
  hints.fallback_what = "WARC-Date (the time of capture)";
  hints.report_dropped_blocks = false;
  hints.base_line = 1;
  hints.base_offset = offset;
  if (ReadHtmlPage(page_ctx, utf8, hints)) ++pages_;
}

// Per-member gzip: inflate each member; at a damaged one, drop what it gave
// and look for the next member's magic bytes.
class GzipMembers {
 public:
  GzipMembers() { inflateInit2(&z_, 16 + MAX_WBITS); }
  ~GzipMembers() { inflateEnd(&z_); }
  GzipMembers(const GzipMembers&) = delete;
  GzipMembers& operator=(const GzipMembers&) = delete;

  void Run(const ReadContext& ctx, ByteSource& src, WarcParser& warc);

 private:
  z_stream z_{};
};

void GzipMembers::Run(const ReadContext& ctx, ByteSource& src, WarcParser& warc) {
  std::string in, out(1 << 16, '\0');
  uint64_t in_offset = 0;      // file offset of in[0]
  uint64_t member_offset = 0;  // file offset of the current member
  uint64_t next_progress = kProgressEvery;
  bool at_member_start = true;
  bool eof = false;
  bool out_full = false;  // inflate may hold more output for the same input
  while (true) {
    if (z_.avail_in == 0 && !out_full) {
      in_offset = src.offset();
      in.clear();
      if (src.ReadInto(&in, 1 << 16) == 0) eof = true;
      z_.next_in = reinterpret_cast<Bytef*>(in.data());
      z_.avail_in = static_cast<uInt>(in.size());
      if (ctx.options.progress && src.offset() >= next_progress) {
        ctx.options.progress(src.offset());
        next_progress = src.offset() + kProgressEvery;
      }
      if (eof) break;
    }
    if (at_member_start) {
      member_offset = in_offset + (in.size() - z_.avail_in);
      at_member_start = false;
    }
    z_.next_out = reinterpret_cast<Bytef*>(out.data());
    z_.avail_out = static_cast<uInt>(out.size());
    int rc = inflate(&z_, Z_NO_FLUSH);
    out_full = z_.avail_out == 0;
    size_t produced = out.size() - z_.avail_out;
    if (produced > 0) warc.Feed(std::string_view(out.data(), produced), member_offset);
    if (rc == Z_STREAM_END) {
      inflateReset(&z_);
      at_member_start = true;
      continue;
    }
    if (rc == Z_OK || rc == Z_BUF_ERROR) continue;
    // Damaged: find the next gzip magic after the member's start.
    uint64_t bad_at = in_offset + (in.size() - z_.avail_in);
    const std::string why = z_.msg ? z_.msg : "bad data";
    out_full = false;
    warc.Discard();
    inflateReset(&z_);
    // The next member's header may already have been fed to inflate as if
    // it were data: search from just after the damaged member's start (or
    // the start of the chunk when that lies in an earlier one).
    size_t from = member_offset >= in_offset ? static_cast<size_t>(member_offset - in_offset) + 1 : 0;
    std::string_view rest = std::string_view(in).substr(std::min(from, in.size()));
    size_t magic = rest.find("\x1f\x8b\x08");
    while (magic == std::string_view::npos) {
      in_offset = src.offset();
      in.clear();
      if (src.ReadInto(&in, 1 << 16) == 0) break;
      rest = in;
      magic = rest.find("\x1f\x8b\x08");
    }
    ctx.Error(0, member_offset,
              "damaged gzip member (" + why + " at byte " +
                  std::to_string(bad_at) + "); its record is skipped and reading resumes at " +
                  (magic == std::string_view::npos ? std::string("the end of the file")
                                                   : "the next member"));
    if (magic == std::string_view::npos) {
      z_.avail_in = 0;
      eof = true;
      break;
    }
    size_t skip = static_cast<size_t>(rest.data() + magic - in.data());
    z_.next_in = reinterpret_cast<Bytef*>(in.data() + skip);
    z_.avail_in = static_cast<uInt>(in.size() - skip);
    at_member_start = true;
  }
  if (!at_member_start) {
    ctx.Error(0, member_offset, "gzip member truncated at the end of the file; its record is skipped");
    warc.Discard();
  }
}

}  // namespace

void ReadWarc(const ReadContext& ctx, ByteSource& src) {
  WarcParser warc(ctx);
  std::string_view head = src.Peek(2);
  if (head.size() == 2 && head[0] == '\x1f' && head[1] == '\x8b') {
    GzipMembers gz;
    gz.Run(ctx, src, warc);
  } else {
    std::string chunk;
    uint64_t next_progress = kProgressEvery;
    while (true) {
      uint64_t at = src.offset();
      chunk.clear();
      if (src.ReadInto(&chunk, 1 << 16) == 0) break;
      warc.Feed(chunk, at);
      if (ctx.options.progress && src.offset() >= next_progress) {
        ctx.options.progress(src.offset());
        next_progress = src.offset() + kProgressEvery;
      }
    }
  }
  warc.Finish();
  std::string summary = "WARC: " + std::to_string(warc.pages()) + " pages read";
  for (const auto& [what, n] : warc.counts()) summary += ", " + std::to_string(n) + " " + what;
  ctx.Warning(0, 0, summary + (warc.counts().empty() ? "" : " records skipped"));
}

bool LooksLikeWarc(std::string_view head) {
  if (head.substr(0, 7) == "WARC/1.") return true;
  // gzip: the first member must inflate to a WARC header.
  if (head.size() < 18 || head[0] != '\x1f' || head[1] != '\x8b') return false;
  z_stream z{};
  if (inflateInit2(&z, 16 + MAX_WBITS) != Z_OK) return false;
  char out[16];
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(head.data()));
  z.avail_in = static_cast<uInt>(head.size());
  z.next_out = reinterpret_cast<Bytef*>(out);
  z.avail_out = sizeof out;
  inflate(&z, Z_SYNC_FLUSH);
  size_t produced = sizeof out - z.avail_out;
  inflateEnd(&z);
  return std::string_view(out, produced).substr(0, 7) == "WARC/1.";
}

}  // namespace kbq::ingest::internal
