// Format detection, the byte source, and the step shared by every reader that
// turns read fields into a Document.
#include "kbq/ingest/reader.h"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <system_error>

#include "read/encoding.h"
#include "read/reader_internal.h"
#include "read/web_readers.h"

namespace kbq::ingest {

namespace internal {

// ---------------------------------------------------------------- ByteSource

bool ByteSource::Fill(size_t want) {
  if (buf_.size() - pos_ >= want) return true;
  if (eof_) return false;
  // Drop what was consumed, then read more.
  if (pos_ > 0) {
    buf_.erase(0, pos_);
    base_ += pos_;
    pos_ = 0;
  }
  constexpr size_t kChunk = 1 << 16;
  while (buf_.size() < want && !eof_) {
    size_t old = buf_.size();
    size_t chunk = std::max(kChunk, want - old);
    buf_.resize(old + chunk);
    in_.read(buf_.data() + old, static_cast<std::streamsize>(chunk));
    size_t got = static_cast<size_t>(in_.gcount());
    buf_.resize(old + got);
    if (got < chunk) eof_ = true;
  }
  return buf_.size() - pos_ >= want;
}

std::string_view ByteSource::Peek(size_t n) {
  Fill(n);
  return std::string_view(buf_).substr(pos_, n);
}

int ByteSource::Get() {
  if (pos_ >= buf_.size() && !Fill(1)) return -1;
  unsigned char c = static_cast<unsigned char>(buf_[pos_++]);
  if (c == '\n') ++line_;
  return c;
}

size_t ByteSource::ReadInto(std::string* out, size_t max) {
  size_t total = 0;
  while (total < max) {
    if (pos_ >= buf_.size() && !Fill(1)) break;
    size_t take = std::min(max - total, buf_.size() - pos_);
    std::string_view piece(buf_.data() + pos_, take);
    line_ += static_cast<uint64_t>(std::count(piece.begin(), piece.end(), '\n'));
    out->append(piece);
    pos_ += take;
    total += take;
  }
  return total;
}

bool ByteSource::ReadLine(uint64_t max, std::string* line, bool* too_long, bool* newline) {
  line->clear();
  *too_long = false;
  *newline = false;
  bool any = false;
  while (true) {
    if (pos_ >= buf_.size() && !Fill(1)) break;
    any = true;
    const char* start = buf_.data() + pos_;
    size_t avail = buf_.size() - pos_;
    const void* nl = std::memchr(start, '\n', avail);
    size_t take = nl ? static_cast<size_t>(static_cast<const char*>(nl) - start) : avail;
    if (!*too_long) {
      size_t room = line->size() < max ? static_cast<size_t>(max - line->size()) : 0;
      if (take > room) {
        *too_long = true;
        line->clear();  // do not keep any of an over-long line
      } else {
        line->append(start, take);
      }
    }
    pos_ += take;
    if (nl) {
      ++pos_;
      ++line_;
      *newline = true;
      break;
    }
  }
  if (!line->empty() && line->back() == '\r') line->pop_back();
  return any;
}

// ---------------------------------------------------------------- helpers

void TextBuilder::AppendField(std::string_view piece, uint64_t file_offset) {
  if (piece.find('\r') == std::string_view::npos) {
    Append(piece, file_offset);
    return;
  }
  std::string clean;
  clean.reserve(piece.size());
  for (size_t i = 0; i < piece.size(); ++i) {
    if (piece[i] == '\r') {
      if (i + 1 < piece.size() && piece[i + 1] == '\n') continue;
      clean += '\n';  // a lone CR is a line break too
      continue;
    }
    clean += piece[i];
  }
  Append(clean, file_offset);
}

size_t CodePoints(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

static bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

std::string_view TrimSpace(std::string_view s) {
  while (!s.empty() && IsSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsSpace(s.back())) s.remove_suffix(1);
  return s;
}

std::string CollapseSpace(std::string_view s) {
  std::string out;
  bool space = false;
  for (char c : TrimSpace(s)) {
    if (IsSpace(c)) {
      space = true;
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

std::string FieldForName(std::string_view name) {
  std::string n = CollapseSpace(AsciiLower(name));
  static const std::pair<const char*, const char*> kAliases[] = {
      {"title", "title"},         {"headline", "title"},        {"heading", "title"},
      {"published", "published"}, {"date", "published"},        {"date (utc)", "published"},
      {"time", "published"},      {"datetime", "published"},    {"pubdate", "published"},
      {"published_at", "published"}, {"publication_date", "published"}, {"timestamp", "published"},
      {"text", "text"},           {"body", "text"},             {"content", "text"},
      // A lead paragraph kept apart from the body (news-site exports, the
      // Kremlin's "summary"): read before the body.
      {"summary", "summary"},     {"lead", "summary"},          {"standfirst", "summary"},
      {"abstract", "summary"},    {"description", "summary"},
      {"url", "url"},             {"link", "url"},              {"source", "source"},
      {"site", "source"},         {"lang", "lang"},             {"language", "lang"},
      {"id", "id"},
  };
  for (const auto& [alias, field] : kAliases)
    if (n == alias) return field;
  return "";
}

void ReadContext::Report(Diagnostic::Severity severity, uint64_t line, uint64_t offset,
                         std::string message) const {
  if (!diagnostics) return;
  Diagnostic d;
  d.severity = severity;
  d.path = path;
  d.line = line;
  d.byte_offset = offset;
  d.message = std::move(message);
  diagnostics(d);
}

bool CheckRecordBytes(const ReadContext& ctx, std::string_view data, uint64_t line, uint64_t offset,
                      std::string_view what, bool at_end_of_file) {
  auto line_of = [&](size_t i) {
    return line + static_cast<uint64_t>(std::count(data.begin(), data.begin() + i, '\n'));
  };
  size_t nul = data.find('\0');
  Utf8Check check = CheckUtf8(data);
  if (nul != std::string_view::npos && (check.ok || nul < check.offset)) {
    ctx.Error(line_of(nul), offset + nul, "NUL byte in text; " + std::string(what) + " skipped");
    return false;
  }
  if (!check.ok) {
    std::string message = check.truncated && at_end_of_file
                              ? "truncated UTF-8 sequence at end of file"
                              : "invalid UTF-8 sequence";
    ctx.Error(line_of(check.offset), offset + check.offset,
              message + "; " + std::string(what) + " skipped");
    return false;
  }
  return true;
}

// A title is one line: NFKC, white space collapsed.
static std::string NormaliseTitle(std::string_view raw) {
  return CollapseSpace(NormaliseText(raw));
}

// A headline is text too: the article reads "HEADLINE\n\nBODY", the offset
// map gains the headline's place in the file, and body_begin says where the
// body starts. Not when the headline is the body (a one-line document).
static void PrependHeadline(const RawDocument& raw, Document* doc) {
  Article& a = doc->article;
  if (a.title.empty() || a.title == a.text) return;
  std::string prefix = a.title + "\n\n";
  uint32_t shift = static_cast<uint32_t>(prefix.size());
  std::vector<OffsetAnchor> map;
  map.push_back({0, raw.title_offset.value_or(raw.offset)});
  map.push_back({static_cast<uint32_t>(a.title.size()), raw.title_offset.value_or(raw.offset) + raw.title.size()});
  if (doc->offset_map.empty() || doc->offset_map.front().text != 0) {
    map.push_back({shift, doc->source_offset});
  }
  for (const OffsetAnchor& anchor : doc->offset_map) map.push_back({anchor.text + shift, anchor.file});
  doc->offset_map = std::move(map);
  a.text = prefix + a.text;
  doc->body_begin = shift;
}

void EmitDocument(const ReadContext& ctx, RawDocument raw) {
  const ReadOptions& opt = ctx.options;
  Document doc;
  Article& a = doc.article;
  a.title = NormaliseTitle(raw.title);
  // Trim the body; keep the map in step.
  std::string& text = raw.body.text;
  size_t lead = 0;
  while (lead < text.size() && IsSpace(text[lead])) ++lead;
  size_t end = text.size();
  while (end > lead && IsSpace(text[end - 1])) --end;
  if (end == lead && HasWordCharacter(raw.title)) {
    // A record with a title and no body (a headline row): the title is its
    // text. Its offsets are those of the record.
    raw.body = TextBuilder();
    raw.body.AppendField(raw.title, raw.offset);
    raw.body_line = raw.line;
    raw.body_offset = raw.offset;
    lead = 0;
    end = text.size();
    while (lead < text.size() && IsSpace(text[lead])) ++lead;
    while (end > lead && IsSpace(text[end - 1])) --end;
  }
  if (end == lead) {
    ctx.Warning(raw.line, raw.offset, "no text; " + raw.what + " skipped");
    return;
  }
  a.text = text.substr(lead, end - lead);
  // Shift the map by the trimmed lead: the last anchor at or before `lead`
  // gives the file offset of the new start.
  std::optional<OffsetAnchor> start;
  for (const OffsetAnchor& anchor : raw.body.anchors) {
    if (anchor.text <= lead) {
      start = OffsetAnchor{0, anchor.file + (lead - anchor.text)};
      continue;
    }
    if (anchor.text >= end) break;
    if (start) {
      doc.offset_map.push_back(*start);
      start.reset();
    }
    doc.offset_map.push_back({static_cast<uint32_t>(anchor.text - lead), anchor.file});
  }
  if (start) doc.offset_map.push_back(*start);
  if (!doc.offset_map.empty() && doc.offset_map.front().text == 0) {
    doc.source_offset = doc.offset_map.front().file;
  } else {
    doc.source_offset = raw.body_offset + lead;
  }
  doc.source_line = raw.body_line;
  // The body's first line: count the line breaks skipped by trimming.
  doc.source_line += static_cast<uint64_t>(std::count(text.begin(), text.begin() + lead, '\n'));

  a.language = !opt.lang.empty() ? opt.lang
               : !raw.lang.empty() ? AsciiLower(TrimSpace(raw.lang))
                                   : DetectLanguage(a.title + "\n" + a.text);

  if (raw.stamp) {
    const Stamp& s = *raw.stamp;
    int32_t offset;
    if (s.offset_minutes) {
      offset = *s.offset_minutes;
    } else if (s.utc_hint) {
      offset = 0;  // the source says its times are UTC
    } else if (opt.assumed_offset_minutes) {
      offset = *opt.assumed_offset_minutes;
    } else {
      // Chinese sites state Beijing time without saying so.
      offset = a.language == "zh" ? 8 * 60 : 0;
    }
    a.published_utc = s.local_seconds - int64_t{offset} * 60;
    a.published_offset_minutes = offset;
  } else if (opt.published_utc) {
    a.published_utc = *opt.published_utc;
  } else {
    ctx.Error(raw.line, raw.offset,
              raw.what == "document"
                  ? "no publication time: no dateline in the first lines and none given"
                  : "no publication time; " + raw.what + " skipped");
    return;
  }

  a.url = std::string(TrimSpace(raw.url));
  a.source = CollapseSpace(NormaliseText(raw.source));
  if (a.source.empty()) a.source = opt.source;
  if (a.source.empty() && !a.url.empty()) {
    // The host of the URL names the site.
    std::string_view u = a.url;
    size_t scheme = u.find("://");
    if (scheme != std::string_view::npos) {
      u.remove_prefix(scheme + 3);
      u = u.substr(0, u.find_first_of("/?#:"));
      if (u.substr(0, 4) == "www.") u.remove_prefix(4);
      a.source = AsciiLower(u);
    }
  }
  a.path = ctx.path;
  a.ingested_utc = ctx.ingested_utc;
  // The id is of the title and body, as before headlines were read as text,
  // so that stored articles keep their ids and re-ingesting skips them.
  a.id = ArticleId(a.title, a.text);
  PrependHeadline(raw, &doc);
  doc.sentences = SplitSentences(a.text, a.language);
  if (ctx.documents) ctx.documents(std::move(doc));
}

// ---------------------------------------------------------------- detection

static Format DetectFormat(const std::string& name, std::string_view head) {
  if (LooksLikeWarc(head)) return Format::kWarc;
  std::string_view text = head.substr(0, 3) == "\xEF\xBB\xBF" ? head.substr(3) : head;
  if (LooksLikeFeed(text)) return Format::kRss;
  if (LooksLikeHtml(text)) return Format::kHtml;
  std::string ext = AsciiLower(std::filesystem::path(name).extension().string());
  if (ext == ".html" || ext == ".htm" || ext == ".xhtml") return Format::kHtml;
  if (ext == ".jsonl" || ext == ".ndjson" || ext == ".json") return Format::kJsonl;
  if (ext == ".csv") return Format::kCsv;
  if (ext == ".tsv" || ext == ".tab") return Format::kTsv;
  if (ext == ".txt" || ext == ".text" || ext == ".md") return Format::kPage;
  // Sniff.
  if (head.substr(0, 3) == "\xEF\xBB\xBF") head.remove_prefix(3);
  std::string_view t = TrimSpace(head);
  if (!t.empty() && (t.front() == '{' || t.front() == '[')) return Format::kJsonl;
  std::string_view first = head.substr(0, head.find('\n'));
  auto header_names = [&](char delim) {
    int known = 0;
    size_t b = 0;
    while (b <= first.size()) {
      size_t e = first.find(delim, b);
      if (e == std::string_view::npos) e = first.size();
      std::string_view cell = TrimSpace(first.substr(b, e - b));
      if (cell.size() >= 2 && cell.front() == '"' && cell.back() == '"')
        cell = cell.substr(1, cell.size() - 2);
      if (!FieldForName(cell).empty()) ++known;
      b = e + 1;
    }
    return known;
  };
  if (first.find('\t') != std::string_view::npos && header_names('\t') >= 2) return Format::kTsv;
  if (first.find(',') != std::string_view::npos && header_names(',') >= 2) return Format::kCsv;
  return Format::kPage;
}

// Reads the rest of `src` converted from `encoding` to UTF-8 by running
// ReadStream over the decoded bytes. A byte the encoding does not allow
// reaches the readers as ill-formed UTF-8, so the record holding it is
// skipped; its report names the offset in the original file.
static Status ReadDecoded(ByteSource& src, const ReadContext& ctx, const EncodingChoice& encoding) {
  auto decoder = Utf8Decoder::Open(encoding.name);
  if (!decoder.ok()) {
    ctx.Error(1, 0, decoder.status().message() + "; file skipped");
    return Status::OK();
  }
  ctx.Warning(1, 0, "read as " + encoding.name + " (" + encoding.how + ")");
  DecodingStreambuf buf(src, std::move(decoder.value()), encoding.bom_length);
  std::istream decoded(&buf);
  ReadOptions inner = ctx.options;
  inner.encoding = "UTF-8";
  DiagnosticSink relabel = [&](const Diagnostic& d) {
    Diagnostic m = d;
    auto bad = buf.decoder().first_error();
    if (bad && m.message.rfind("invalid UTF-8 sequence", 0) == 0) {
      m.byte_offset = *bad + encoding.bom_length;
      m.message = "byte " + std::to_string(m.byte_offset) + " is not valid " + encoding.name +
                  " (" + encoding.how + ")";
      if (size_t semi = d.message.find(';'); semi != std::string::npos) m.message += d.message.substr(semi);
    }
    if (ctx.diagnostics) ctx.diagnostics(m);
  };
  return ReadStream(decoded, ctx.path, inner, ctx.documents, relabel);
}

}  // namespace internal

std::optional<Format> ParseFormat(std::string_view name) {
  std::string n = internal::AsciiLower(name);
  if (n == "auto") return Format::kAuto;
  if (n == "page") return Format::kPage;
  if (n == "jsonl" || n == "json" || n == "ndjson") return Format::kJsonl;
  if (n == "csv") return Format::kCsv;
  if (n == "tsv") return Format::kTsv;
  if (n == "text" || n == "txt") return Format::kText;
  if (n == "html" || n == "htm") return Format::kHtml;
  if (n == "rss") return Format::kRss;
  if (n == "atom") return Format::kAtom;
  if (n == "warc") return Format::kWarc;
  return std::nullopt;
}

std::optional<std::string> ParseEncoding(std::string_view name) {
  return internal::CanonicalEncoding(name);
}

std::string_view FormatName(Format f) {
  switch (f) {
    case Format::kAuto: return "auto";
    case Format::kPage: return "page";
    case Format::kJsonl: return "jsonl";
    case Format::kCsv: return "csv";
    case Format::kTsv: return "tsv";
    case Format::kText: return "text";
    case Format::kHtml: return "html";
    case Format::kRss: return "rss";
    case Format::kAtom: return "atom";
    case Format::kWarc: return "warc";
  }
  return "auto";
}

Status ReadStream(std::istream& in, const std::string& name, const ReadOptions& options,
                  const DocumentSink& documents, const DiagnosticSink& diagnostics) {
  using namespace internal;
  std::vector<BoilerplateMarker> custom;
  if (!options.boilerplate_markers_path.empty()) {
    std::ifstream f(options.boilerplate_markers_path, std::ios::binary);
    if (!f) return Status::IOError("cannot open " + options.boilerplate_markers_path);
    std::string tsv((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
    auto parsed = ParseBoilerplateMarkers(tsv);
    if (!parsed.ok()) return parsed.status().WithContext(options.boilerplate_markers_path);
    custom = std::move(parsed.value());
  }
  int64_t now = options.ingested_utc
                    ? *options.ingested_utc
                    : std::chrono::duration_cast<std::chrono::seconds>(
                          std::chrono::system_clock::now().time_since_epoch())
                          .count();
  ReadContext ctx{name,
                  options,
                  documents,
                  diagnostics,
                  options.boilerplate_markers_path.empty() ? BuiltinBoilerplateMarkers() : custom,
                  now};
  ByteSource src(in);
  std::string_view head = src.Peek(1 << 16);
  if (src.failed()) return Status::IOError("cannot read " + name);
  if (TrimSpace(head).empty()) {
    if (src.Peek((1 << 16) + 1).size() <= (1u << 16)) {
      ctx.Error(1, 0, "empty file");
      return Status::OK();
    }
    head = src.Peek(1 << 16);  // the Peek above may have moved the buffer
  }
  Format format = options.format;
  if (format == Format::kAuto) format = DetectFormat(name, head);
  // A web archive holds records in many encodings: it decodes each itself.
  if (format == Format::kWarc) {
    ReadWarc(ctx, src);
    return src.failed() ? Status::IOError("error while reading " + name) : Status::OK();
  }
  // Binary files (images, archives) show NUL bytes early; UTF-16 text too,
  // but it says so with its byte-order mark.
  const bool utf16 = head.substr(0, 2) == "\xFF\xFE" || head.substr(0, 2) == "\xFE\xFF" ||
                     AsciiLower(options.encoding).rfind("utf-16", 0) == 0;
  size_t nul = utf16 ? std::string_view::npos : head.substr(0, 8192).find('\0');
  if (nul != std::string_view::npos) {
    uint64_t line = 1 + static_cast<uint64_t>(std::count(head.begin(), head.begin() + nul, '\n'));
    ctx.Error(line, nul, "binary file (NUL byte); skipped");
    return Status::OK();
  }
  auto encoding = ChooseEncoding(head, options.encoding);
  if (!encoding.ok()) {
    ctx.Error(1, 0, encoding.status().message() + "; file skipped");
    return Status::OK();
  }
  if (encoding->name != "UTF-8") return ReadDecoded(src, ctx, *encoding);
  if (encoding->how.rfind("valid UTF-8", 0) == 0) {
    ctx.Warning(1, 0, "read as UTF-8 (" + encoding->how + ")");
  }
  switch (format) {
    case Format::kPage:
    case Format::kAuto:
      ReadPage(ctx, src, /*page=*/true);
      break;
    case Format::kText:
      ReadPage(ctx, src, /*page=*/false);
      break;
    case Format::kJsonl:
      ReadJson(ctx, src);
      break;
    case Format::kCsv:
      ReadDelimited(ctx, src, ',');
      break;
    case Format::kTsv:
      ReadDelimited(ctx, src, '\t');
      break;
    case Format::kHtml:
      ReadHtml(ctx, src);
      break;
    case Format::kRss:
    case Format::kAtom:
      ReadFeed(ctx, src);
      break;
    case Format::kWarc:
      break;  // read above
  }
  if (src.failed()) return Status::IOError("error while reading " + name);
  return Status::OK();
}

Status ReadFile(const std::string& path, const ReadOptions& options, const DocumentSink& documents,
                const DiagnosticSink& diagnostics) {
  if (path == "-") return ReadStream(std::cin, "-", options, documents, diagnostics);
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) return Status::IOError(path + ": is a directory");
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IOError(path + ": " + std::strerror(errno));
  return ReadStream(in, path, options, documents, diagnostics);
}

bool IsInputFileName(std::string_view name) {
  // Build files sit beside articles in example folders; CMakeLists.txt is
  // the one such name with an article extension.
  if (name == "CMakeLists.txt") return false;
  auto dot = name.rfind('.');
  if (dot == std::string_view::npos) return false;
  std::string ext(name.substr(dot + 1));
  for (auto& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  static const char* const kExtensions[] = {"txt",  "text", "md",    "jsonl", "ndjson", "json",
                                            "csv",  "tsv",  "tab",   "zip",   "gz",     "html",
                                            "htm",  "xhtml", "rss",  "atom",  "xml",    "warc"};
  for (const char* e : kExtensions) {
    if (ext == e) return true;
  }
  return false;
}

std::vector<std::string> ListInputFiles(const std::string& path,
                                        std::vector<std::string>* skipped) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::is_directory(path, ec)) return {path};
  std::vector<std::string> files;
  fs::recursive_directory_iterator it(path, fs::directory_options::skip_permission_denied, ec);
  for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    const fs::path& p = it->path();
    std::string leaf = p.filename().string();
    if (!leaf.empty() && leaf[0] == '.') {
      if (it->is_directory(ec)) it.disable_recursion_pending();
      continue;
    }
    if (!it->is_regular_file(ec)) continue;
    if (IsInputFileName(leaf)) {
      files.push_back(p.string());
    } else if (skipped != nullptr) {
      skipped->push_back(p.string());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace kbq::ingest
