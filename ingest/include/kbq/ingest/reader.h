// Readers: turn article files into Documents (normalised text, sentences,
// publication time, a content-derived id, offsets back into the file).
//
// Formats
//   kPage   a saved news page: a title line, a dateline
//           ("2025年05月17日23:20:15 国际 8532", "2025-05-17 23:20",
//           "May 17, 2025 10:30 UTC", with optional category words), the
//           body. Lines repeating the title with a site suffix
//           ("<title> - 天天要闻") are dropped; the suffix becomes
//           Article::source. The recommended-stories block at the end (from
//           a line such as "国际分类资讯推荐", "相关阅读", "Related", or
//           another headline with the same site suffix; see
//           ingest/data/boilerplate_markers.tsv, built into the library) is
//           dropped with a warning diagnostic that says how many items it
//           held: those teasers are truncated and carry no reliable
//           publication time of their own.
//   kText   plain text with a dateline in its first lines (read like kPage),
//           or with ReadOptions::published_utc. A dateline may also open the
//           first body line ("JEDDAH, March 11, 2025 - ..."); a date that
//           opens a sentence of prose is not taken for one.
//   kJsonl  one JSON object per line (an object may also span lines, as
//           pretty-printed JSON does), or a JSON array of objects:
//           title, published, text; optional id (ignored: the id is always
//           derived from the content), url, lang, source.
//   kCsv, kTsv  RFC 4180 with a header row. Recognised columns (any case):
//           title|headline|heading, published|date|date (utc)|time|datetime|
//           pubdate|published_at|publication_date|timestamp,
//           text|body|content, url|link, source|site, lang|language, and a
//           lead paragraph summary|lead|standfirst|abstract|description that
//           opens the text unless the body repeats it (the same names are
//           accepted as JSON keys); ReadOptions::column_map
//           maps others. When no source is given, the URL's host is used.
//   kHtml   an HTML page, parsed with libxml2: metadata from JSON-LD
//           (schema.org NewsArticle/Article), OpenGraph and article:* meta,
//           <time datetime>, <html lang> and the canonical link; the article
//           body with navigation, headers, footers, asides, forms and
//           share/related blocks dropped (reported as warnings); then the
//           page rules above on its text (docs/readers.md).
//   kRss, kAtom  a feed (either kind is read by one streaming reader):
//           each <item>/<entry> is a document (title, date, link, full
//           content or else summary); the channel title is the source.
//   kWarc   a web archive (ISO 28500), plain or gzip per record: each
//           HTML response record is a page as for kHtml, its URL from
//           WARC-Target-URI, its time from the page or else WARC-Date (with
//           a warning saying so); other records are counted and skipped;
//           damaged gzip members and records are reported and skipped.
// kAuto sniffs the content first (a WARC header, plain or gzip; an RSS,
// Atom or RDF root; an HTML document), then picks by extension (.jsonl
// .ndjson .json .csv .tsv .tab; .txt .text .md are pages; .html .htm
// .xhtml are HTML) and, failing that, by the first bytes: '{' or '[' is
// JSON, a first line naming two known columns is CSV/TSV, else a page.
// kPage and kText share one reader; kText takes the first line as the title
// only when it is short and does not end a sentence.
//
// Encodings: UTF-8 unless ReadOptions::encoding says otherwise, a
// byte-order mark (UTF-8, UTF-16LE/BE), a <meta charset>, http-equiv or
// <?xml encoding?> declaration, or (for bytes that are not UTF-8) ICU's
// charset detector names one of GB18030 (read for GBK and GB2312 too),
// Big5, Shift_JIS, EUC-KR, windows-1251, windows-1252 or KOI8-R. Such a file
// is converted with ICU and a warning names the encoding used and how it
// was chosen; a byte the encoding does not allow is an error naming its
// offset, and the document holding it is skipped.
//
// Time zones: a stated zone (Z, +08:00, +0800, UTC, GMT, 北京时间) is used
// and kept in Article::published_offset_minutes. A time without a zone is
// UTC in a CSV column whose header says "UTC"; otherwise it is read as local
// time at ReadOptions::assumed_offset_minutes, or, when that is unset, at
// +08:00 for Chinese documents and UTC for all others; the offset used is then
// stored in published_offset_minutes too, so that the local calendar day can
// be recovered.
// A date without a time is local midnight.
//
// Bad input is reported, never thrown: every reader checks UTF-8 strictly and
// reports empty files, binary files (NUL bytes), ill-formed UTF-8, a missing
// publication time, unparseable rows, and documents or lines over
// ReadOptions::max_document_bytes as Diagnostics ("path:line: error: message
// (byte N)"), then goes on with the next document or row. Reading streams: a
// file is processed in bounded chunks (one record or document at a time).
//
// The functions are thread-safe; the sinks are called on the caller's thread.
#pragma once

#include <cstdint>
#include <functional>
#include <iosfwd>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kbq/ingest/document.h"
#include "kbq/status.h"

namespace kbq::ingest {

enum class Format { kAuto, kPage, kJsonl, kCsv, kTsv, kText, kHtml, kRss, kAtom, kWarc };

// "auto", "page", "jsonl" (also "json", "ndjson"), "csv", "tsv", "text"
// (also "txt"), "html", "rss", "atom", "warc"; nullopt for anything else.
std::optional<Format> ParseFormat(std::string_view name);
std::string_view FormatName(Format f);

// The canonical name of a supported encoding ("gbk" → "GB18030", "utf8" →
// "UTF-8"); nullopt when kbq cannot read it.
std::optional<std::string> ParseEncoding(std::string_view name);

struct ReadOptions {
  Format format = Format::kAuto;  // overrides detection when not kAuto
  // Publication time for documents that state none (seconds since the epoch).
  std::optional<int64_t> published_utc;
  // UTC offset assumed for stated times without a zone (see the file comment).
  std::optional<int32_t> assumed_offset_minutes;
  // "zh", "en", ...; empty = the record's lang field, else detected from
  // the script.
  std::string lang;
  std::string source;  // Article::source when the document names none
  // field ("title", "published", "text", "url", "source", "lang") -> column
  // name in the CSV/TSV header (case-insensitive).
  std::map<std::string, std::string> column_map;
  // A document, JSON line or CSV record longer than this is skipped with a
  // diagnostic (the rest of it is read and discarded, not kept in memory).
  uint64_t max_document_bytes = uint64_t{16} << 20;
  // Article::ingested_utc; unset = the current time.
  std::optional<int64_t> ingested_utc;
  // A boilerplate-marker TSV to use instead of the built-in one.
  std::string boilerplate_markers_path;
  // The input's character encoding ("GB18030", "big5", ...); empty = detect
  // (see the file comment). An unsupported name is an error for each file.
  std::string encoding;
  // Called now and then while a long file (a WARC) is read, with the bytes
  // of it read so far; on the caller's thread. May be empty.
  std::function<void(uint64_t bytes_read)> progress;
};

using DocumentSink = std::function<void(Document&&)>;
using DiagnosticSink = std::function<void(const Diagnostic&)>;

// Reads one file ("-" = standard input). Returns non-ok only when the file
// itself cannot be opened or read (IOError), or boilerplate_markers_path is
// unreadable (IOError) or malformed (InvalidArgument); bad content becomes
// diagnostics.
Status ReadFile(const std::string& path, const ReadOptions& options, const DocumentSink& documents,
                const DiagnosticSink& diagnostics);

// Reads from `in`; `name` is the path used in diagnostics and for
// extension-based detection.
Status ReadStream(std::istream& in, const std::string& name, const ReadOptions& options,
                  const DocumentSink& documents, const DiagnosticSink& diagnostics);

// A publication time as a user types it ("2025-05-17T23:20:15+08:00",
// "2025-05-17 23:20", "2025-05-17"): seconds since the epoch (UTC) and the
// stated offset in minutes, if any. A time without a zone is read as UTC.
// nullopt when the text is not a time.
struct PublishedTime {
  int64_t utc = 0;
  std::optional<int32_t> offset_minutes;
};
std::optional<PublishedTime> ParsePublished(std::string_view text);

// The files a folder walk reads: names ending in an article or event-stream
// extension (.txt .text .md .jsonl .ndjson .json .csv .tsv .tab .zip .gz
// .html .htm .xhtml .rss .atom .xml .warc, any case), except build files
// (CMakeLists.txt).
bool IsInputFileName(std::string_view name);

// Every input file under `path` (recursively, sorted, hidden files and
// directories skipped; other files are listed in `skipped` when given), or
// {path} itself when it is not a directory (so that ReadFile reports a
// missing file, and an explicitly named file is read whatever its name).
std::vector<std::string> ListInputFiles(const std::string& path,
                                        std::vector<std::string>* skipped = nullptr);

}  // namespace kbq::ingest
