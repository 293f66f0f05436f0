// Readers for what the web keeps: HTML pages (html_reader.cc), RSS and Atom
// feeds (feed_reader.cc) and WARC web archives (warc_reader.cc). Internal
// to kbq::ingest. Each reads UTF-8 (reader.cc decodes other encodings
// first; the WARC reader decodes each record itself) and emits Documents
// through EmitDocument like the other readers.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "reader_internal.h"

namespace kbq::ingest::internal {

// What a caller knows about a page beyond its bytes.
struct HtmlPageHints {
  std::string url;              // where it was fetched (WARC-Target-URI)
  std::optional<Stamp> fallback_stamp;  // used when the page states no time
  std::string fallback_what;    // "WARC-Date": named in the note when used
  bool report_dropped_blocks = true;  // one warning per dropped block
  uint64_t base_line = 1;       // line and byte of html[0] in the file
  uint64_t base_offset = 0;
};

// Reads one HTML page (UTF-8, already checked) and emits its article.
// Returns false, after reporting, when no document came out.
bool ReadHtmlPage(const ReadContext& ctx, std::string_view html, const HtmlPageHints& hints);

// Whole-file readers; each consumes `src` to its end.
void ReadHtml(const ReadContext& ctx, ByteSource& src);
void ReadFeed(const ReadContext& ctx, ByteSource& src);
void ReadWarc(const ReadContext& ctx, ByteSource& src);

// Content sniffing for reader.cc: does `head` (the first bytes, UTF-8 BOM
// skipped) look like HTML, an RSS or Atom feed, or a WARC file (plain or
// gzip)?
bool LooksLikeHtml(std::string_view head);
bool LooksLikeFeed(std::string_view head);
bool LooksLikeWarc(std::string_view head);

}  // namespace kbq::ingest::internal
