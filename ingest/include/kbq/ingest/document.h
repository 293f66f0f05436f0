// Document: one article as the readers deliver it, normalised and split into
// sentences, plus Diagnostic, the per-file report of bad input.
//
// Plain values; safe to move between threads.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "kbq/model.h"

namespace kbq::ingest {

// Bad input is data, not failure: a reader reports it and goes on.
struct Diagnostic {
  enum class Severity : uint8_t { kWarning, kError };
  Severity severity = Severity::kError;
  std::string path;         // the file, or "-" for standard input
  uint64_t line = 0;        // 1-based; 0 when not known
  uint64_t byte_offset = 0; // into the original file
  std::string message;
  // "path:line: error: message (byte N)"
  std::string ToString() const;
};

// A sentence as a byte span of Document::article.text.
struct Sentence {
  uint32_t begin = 0;
  uint32_t end = 0;
};

// Maps a position in Document::article.text back to the original file: from
// `text` on (up to the next anchor) text bytes correspond one to one to file
// bytes starting at `file`. Readers add an anchor wherever the mapping jumps
// (a dropped line, an NFKC change such as "２" → "2").
struct OffsetAnchor {
  uint32_t text = 0;
  uint64_t file = 0;
};

struct Document {
  Article article;  // article.text is the normalised headline and body; article.id is set
  std::vector<Sentence> sentences;
  // Where the body starts in article.text. A document with a headline reads
  // "HEADLINE\n\nBODY": the headline is text too (its dates, actors and
  // events are found); 0 when there is none. Ids stay those of the body.
  uint32_t body_begin = 0;
  uint64_t source_offset = 0;  // byte offset of the body in the original file
  uint64_t source_line = 1;    // line of the body's first byte in the original file
  // Sorted by `text`; exact for page and plain-text files, approximate inside
  // JSON strings with escapes and quoted CSV fields with doubled quotes.
  std::vector<OffsetAnchor> offset_map;
  // The office holder whose own site published the document, on its day
  // (Gazetteer::SiteHolder, set by the pipeline): the implied subject of a
  // headline such as "Talks with President of Brazil …". Empty when none.
  std::string site_holder;
};

// The body of doc.article.text, without the headline (see body_begin).
inline std::string_view BodyText(const Document& doc) {
  return std::string_view(doc.article.text).substr(doc.body_begin);
}

// The byte offset in the original file of byte `text_offset` of
// doc.article.text (doc.source_offset + text_offset when there is no map).
uint64_t SourceOffset(const Document& doc, uint32_t text_offset);

}  // namespace kbq::ingest
