#include "kbq/ingest/document.h"

#include <algorithm>

namespace kbq::ingest {

std::string Diagnostic::ToString() const {
  std::string out = path.empty() ? std::string("-") : path;
  if (line > 0) {
    out += ':';
    out += std::to_string(line);
  }
  out += severity == Severity::kError ? ": error: " : ": warning: ";
  out += message;
  out += " (byte ";
  out += std::to_string(byte_offset);
  out += ')';
  return out;
}

uint64_t SourceOffset(const Document& doc, uint32_t text_offset) {
  const auto& map = doc.offset_map;
  if (map.empty()) return doc.source_offset + text_offset;
  // The last anchor at or before text_offset.
  auto it = std::upper_bound(map.begin(), map.end(), text_offset,
                             [](uint32_t t, const OffsetAnchor& a) { return t < a.text; });
  if (it == map.begin()) return doc.source_offset + text_offset;
  auto next = it;
  --it;
  uint64_t file = it->file + (text_offset - it->text);
  // Inside a span NFKC changed the mapping is not one to one: never run past
  // where the next anchor starts.
  if (next != map.end() && file > next->file && next->file >= it->file) file = next->file;
  return file;
}

}  // namespace kbq::ingest
