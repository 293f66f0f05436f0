// Internals shared by the readers (reader*.cc): a bounded byte source over an
// istream, the per-file context, timestamp and dateline parsing, boilerplate
// markers, and the step that turns read fields into a Document.
#pragma once

#include "text_util.h"

#include <cstdint>
#include <istream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kbq/ingest/document.h"
#include "kbq/ingest/normalizer.h"
#include "kbq/ingest/reader.h"
#include "kbq/status.h"

namespace kbq::ingest::internal {

// Buffered reads from an istream that track the byte offset and line number
// of the next unread byte. Memory stays bounded by what callers keep.
class ByteSource {
 public:
  explicit ByteSource(std::istream& in) : in_(in) {}

  // Up to `n` bytes from the current position without consuming them.
  std::string_view Peek(size_t n);
  // The next byte, or -1 at the end of input.
  int Get();
  // Appends up to `max` bytes to `out`, consuming them; returns how many.
  size_t ReadInto(std::string* out, size_t max);
  // Reads up to (not including) the next '\n' into `line` (dropping a '\r'
  // before it), keeping at most `max` bytes; the rest of a longer line is
  // consumed and discarded with *too_long set. *newline tells whether a '\n'
  // ended the line. False at end of input.
  bool ReadLine(uint64_t max, std::string* line, bool* too_long, bool* newline);

  uint64_t offset() const { return base_ + pos_; }
  uint64_t line() const { return line_; }  // 1-based line of the next byte
  bool failed() const { return in_.bad(); }

 private:
  bool Fill(size_t want);  // makes sure `want` bytes are buffered if possible
  std::istream& in_;
  std::string buf_;
  size_t pos_ = 0;
  uint64_t base_ = 0;  // file offset of buf_[0]
  uint64_t line_ = 1;
  bool eof_ = false;
};

// A stated time: wall-clock seconds as if UTC, plus the offset when stated.
struct Stamp {
  int64_t local_seconds = 0;
  std::optional<int32_t> offset_minutes;
  bool utc_hint = false;  // no zone stated, but the source says times are UTC
};

// ISO 8601 and a few common forms ("2025-05-17T23:20:15+08:00",
// "2025-05-17 23:20", "2025-05-17", "2025/05/17", RFC 2822, "May 17, 2025"),
// parsed with date::parse; the whole (trimmed) text must be consumed.
std::optional<Stamp> ParseTimestamp(std::string_view text);

// A dateline found in a line: [begin, end) is the date (and time, zone).
struct DatelineMatch {
  size_t begin = 0;
  size_t end = 0;
  Stamp stamp;
  bool has_time = false;
};
// The first dateline in `line` (NFKC text): "2025年05月17日23:20:15",
// "2025年5月17日 星期六 下午3:20", "2025-05-17 23:20 UTC",
// "May 17, 2025 10:30 GMT", "17 May 2025". Dates without a year do not count.
std::optional<DatelineMatch> FindDateline(std::string_view line);

struct BoilerplateMarker {
  enum class Match { kExact, kPrefix, kSuffix };
  enum class Action { kCut, kDrop };  // cut: the line and all after; drop: the line
  std::string marker;  // NFKC, case-folded for Latin
  Match match = Match::kExact;
  Action action = Action::kCut;
};
// Parses a TSV with the columns marker, match, action, lang, source.
Result<std::vector<BoilerplateMarker>> ParseBoilerplateMarkers(std::string_view tsv);
// The markers built into the library from ingest/data/boilerplate_markers.tsv.
const std::vector<BoilerplateMarker>& BuiltinBoilerplateMarkers();

// Everything a reader needs about the file it is reading.
struct ReadContext {
  const std::string& path;
  const ReadOptions& options;
  const DocumentSink& documents;
  const DiagnosticSink& diagnostics;
  const std::vector<BoilerplateMarker>& markers;
  int64_t ingested_utc = 0;

  void Report(Diagnostic::Severity severity, uint64_t line, uint64_t offset,
              std::string message) const;
  void Error(uint64_t line, uint64_t offset, std::string message) const {
    Report(Diagnostic::Severity::kError, line, offset, std::move(message));
  }
  void Warning(uint64_t line, uint64_t offset, std::string message) const {
    Report(Diagnostic::Severity::kWarning, line, offset, std::move(message));
  }
};

// Normalised body text plus the map back to the file.
struct TextBuilder {
  std::string text;
  std::vector<OffsetAnchor> anchors;
  void Append(std::string_view piece, uint64_t file_offset) {
    AppendNormalised(piece, file_offset, &text, &anchors);
  }
  // Append() for a field value whose line breaks may be "\r\n" (CSV cells,
  // JSON strings): they become "\n". Offsets inside are approximate.
  void AppendField(std::string_view piece, uint64_t file_offset);
};

// Fields read from one record, before normalisation.
struct RawDocument {
  std::string title;  // raw; normalised by EmitDocument
  std::optional<uint64_t> title_offset;  // of the title in the file, where the reader knows it
  TextBuilder body;   // already normalised
  std::optional<Stamp> stamp;
  std::string lang, url, source;
  uint64_t line = 1;         // of the record (for diagnostics)
  uint64_t offset = 0;       // of the record
  uint64_t body_line = 1;    // of the body's first byte
  uint64_t body_offset = 0;  // of the body's first byte
  std::string what = "document";  // "document", "line", "row": for messages
};
// Normalises the title, settles language and time zone, splits sentences,
// computes the id and hands the Document to the sink. Reports (and drops) a
// document without text or without a publication time.
void EmitDocument(const ReadContext& ctx, RawDocument raw);

// Checks a record's bytes: NUL bytes and ill-formed UTF-8 are reported with
// the line and offset of the bad byte and "; <what> skipped". `line` and
// `offset` locate data[0] in the file. Returns false when reported.
bool CheckRecordBytes(const ReadContext& ctx, std::string_view data, uint64_t line, uint64_t offset,
                      std::string_view what, bool at_end_of_file);

// Helpers on UTF-8 text.
// A letter or digit, or any non-ASCII character: a line without one
// ("<<<>>>", "----") is not text.
inline bool HasWordCharacter(std::string_view s) {
  for (char c : s) {
    unsigned char u = static_cast<unsigned char>(c);
    if (u >= 0x80 || (u >= '0' && u <= '9') || ((u | 0x20) >= 'a' && (u | 0x20) <= 'z')) return true;
  }
  return false;
}
size_t CodePoints(std::string_view s);
std::string_view TrimSpace(std::string_view s);  // ASCII white space
std::string CollapseSpace(std::string_view s);   // runs of white space → one space, trimmed

// The readers, one per format; each consumes `src` to its end.
void ReadPage(const ReadContext& ctx, ByteSource& src, bool page);
void ReadJson(const ReadContext& ctx, ByteSource& src);
void ReadDelimited(const ReadContext& ctx, ByteSource& src, char delimiter);
// The page reader's rules (title line, dateline, site suffix, recommended
// stories) over a whole text in UTF-8; nullopt after reporting when it holds
// nothing. Offsets in the result count from data[0].
std::optional<RawDocument> ParsePage(const ReadContext& ctx, std::string_view data, bool page);

// Column/key aliases: the Document field a header or JSON key names, or "".
std::string FieldForName(std::string_view name);

}  // namespace kbq::ingest::internal
