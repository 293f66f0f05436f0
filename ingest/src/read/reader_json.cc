// JSON Lines, and JSON arrays of objects read one element at a time.
#include <nlohmann/json.hpp>

#include <map>
#include <string>

#include "read/reader_internal.h"

namespace kbq::ingest::internal {

namespace {

// "[json.exception.parse_error.101] parse error at line 1, column 3: syntax
// error ..." → "syntax error ...".
std::string ShortJsonError(const std::string& what) {
  size_t at = what.find("parse error");
  if (at != std::string::npos) {
    size_t colon = what.find(": ", at);
    if (colon != std::string::npos) return what.substr(colon + 2);
  }
  return what;
}

void ParseObject(const ReadContext& ctx, std::string_view text, uint64_t line, uint64_t offset,
                 const std::string& what) {
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(text.begin(), text.end());
  } catch (const nlohmann::json::parse_error& e) {
    uint64_t at = e.byte > 0 ? e.byte - 1 : 0;
    if (at > text.size()) at = text.size();
    ctx.Error(line, offset + at, "invalid JSON: " + ShortJsonError(e.what()) + "; " + what + " skipped");
    return;
  } catch (const nlohmann::json::exception& e) {
    ctx.Error(line, offset, "invalid JSON: " + std::string(e.what()) + "; " + what + " skipped");
    return;
  }
  if (!j.is_object()) {
    ctx.Error(line, offset, "not a JSON object; " + what + " skipped");
    return;
  }
  RawDocument raw;
  raw.line = line;
  raw.offset = offset;
  raw.body_line = line;
  raw.body_offset = offset;
  raw.what = what;
  bool have_text = false;
  std::string summary;  // a lead paragraph kept apart: it opens the text
  std::map<std::string, std::string> exact;  // field → key that set it
  for (const auto& [key, value] : j.items()) {
    std::string field = FieldForName(key);
    if (field.empty() || field == "id") continue;
    // An exact field name beats an alias ("title" over "headline").
    auto it = exact.find(field);
    if (it != exact.end() && it->second == field) continue;
    exact[field] = key;
    if (field == "published") {
      if (value.is_number_integer() || value.is_number_unsigned()) {
        int64_t v = value.get<int64_t>();
        if (v > 100000000000) v /= 1000;  // milliseconds
        Stamp st;
        st.local_seconds = v;
        st.offset_minutes = 0;
        raw.stamp = st;
        continue;
      }
      if (value.is_null()) {
        raw.stamp.reset();
        continue;
      }
      std::string s = value.is_string() ? value.get<std::string>() : value.dump();
      if (TrimSpace(s).empty()) {
        raw.stamp.reset();
        continue;
      }
      raw.stamp = ParseTimestamp(NormaliseText(s));
      if (!raw.stamp) {
        ctx.Error(line, offset, "unparseable publication time \"" + s + "\"; " + what + " skipped");
        return;
      }
      continue;
    }
    if (value.is_null()) continue;
    if (!value.is_string()) {
      ctx.Error(line, offset, "\"" + key + "\" is not a string; " + what + " skipped");
      return;
    }
    const std::string& s = value.get_ref<const std::string&>();
    if (field == "summary") {
      summary = s;
    } else if (field == "text") {
      raw.body = TextBuilder();
      raw.body.AppendField(s, offset);
      have_text = true;
    } else if (field == "title") {
      raw.title = s;
    } else if (field == "url") {
      raw.url = s;
    } else if (field == "source") {
      raw.source = s;
    } else if (field == "lang") {
      raw.lang = s;
    }
  }
  if (!have_text) {
    ctx.Error(line, offset, "missing \"text\"; " + what + " skipped");
    return;
  }
  if (std::string_view lead = TrimSpace(summary);
      !lead.empty() && !TrimSpace(raw.body.text).starts_with(lead)) {
    TextBuilder with_lead;
    with_lead.AppendField(summary, offset);
    with_lead.Append("\n\n", offset);
    with_lead.Append(raw.body.text, offset);
    raw.body = std::move(with_lead);
  }
  EmitDocument(ctx, std::move(raw));
}

// Tracks nesting through JSON text so that a value spread over several
// lines (a pretty-printed object) can be gathered before parsing.
struct JsonDepth {
  int depth = 0;
  bool in_string = false;
  bool escape = false;
  void Feed(std::string_view text) {
    for (char ch : text) {
      if (in_string) {
        if (escape) {
          escape = false;
        } else if (ch == '\\') {
          escape = true;
        } else if (ch == '"') {
          in_string = false;
        }
      } else if (ch == '"') {
        in_string = true;
      } else if (ch == '{' || ch == '[') {
        ++depth;
      } else if (ch == '}' || ch == ']') {
        --depth;
      }
    }
  }
  bool open() const { return depth > 0; }
};

void Discard(ByteSource& src, size_t n) {
  std::string sink;
  src.ReadInto(&sink, n);
}

void ReadArray(const ReadContext& ctx, ByteSource& src) {
  const uint64_t max = ctx.options.max_document_bytes;
  // Skip to the '['.
  while (true) {
    int c = src.Get();
    if (c == '[' || c < 0) break;
  }
  while (true) {
    // Between elements.
    int c;
    while (true) {
      std::string_view p = src.Peek(1);
      if (p.empty()) {
        ctx.Error(src.line(), src.offset(), "unterminated JSON array");
        return;
      }
      c = static_cast<unsigned char>(p[0]);
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ',') {
        src.Get();
        continue;
      }
      break;
    }
    if (c == ']') {
      src.Get();
      return;
    }
    uint64_t line = src.line(), offset = src.offset();
    std::string element;
    bool too_long = false;
    JsonDepth nesting;
    while (true) {
      std::string_view p = src.Peek(1);
      if (p.empty()) break;
      char ch = p[0];
      if (!nesting.in_string && nesting.depth == 0 && (ch == ',' || ch == ']')) break;
      src.Get();
      if (element.size() < max) {
        element += ch;
      } else {
        too_long = true;
      }
      nesting.Feed(std::string_view(&ch, 1));
    }
    if (too_long) {
      ctx.Error(line, offset, "object larger than " + std::to_string(max) + " bytes; object skipped");
      continue;
    }
    if (!CheckRecordBytes(ctx, element, line, offset, "object", src.Peek(1).empty())) continue;
    ParseObject(ctx, element, line, offset, "object");
  }
}

}  // namespace

void ReadJson(const ReadContext& ctx, ByteSource& src) {
  if (src.Peek(3) == "\xEF\xBB\xBF") Discard(src, 3);
  // An array when the first non-blank byte is '['.
  for (size_t n = 1024;; n *= 2) {
    std::string_view head = src.Peek(n);
    size_t k = head.find_first_not_of(" \t\r\n");
    if (k != std::string_view::npos) {
      if (head[k] == '[') {
        ReadArray(ctx, src);
        return;
      }
      break;
    }
    if (head.size() < n || n > (1u << 24)) break;
  }
  const uint64_t max = ctx.options.max_document_bytes;
  std::string line;
  bool too_long = false, newline = false;
  while (true) {
    uint64_t line_no = src.line(), offset = src.offset();
    if (!src.ReadLine(max, &line, &too_long, &newline)) break;
    if (too_long) {
      ctx.Error(line_no, offset, "line longer than " + std::to_string(max) + " bytes; line skipped");
      continue;
    }
    if (TrimSpace(line).empty()) continue;
    // A pretty-printed object: gather lines until its braces balance.
    JsonDepth depth;
    depth.Feed(line);
    if (TrimSpace(line).front() == '{' && depth.open()) {
      std::string more;
      bool more_too_long = false;
      while (depth.open() && newline && src.ReadLine(max, &more, &more_too_long, &newline)) {
        if (more_too_long || line.size() + 1 + more.size() > max) {
          too_long = true;
          break;
        }
        line += '\n';
        line += more;
        depth.Feed(more);
      }
      if (too_long) {
        ctx.Error(line_no, offset,
                  "object larger than " + std::to_string(max) + " bytes; object skipped");
        // Skip to the end of the object.
        while (depth.open() && newline && src.ReadLine(max, &more, &more_too_long, &newline))
          depth.Feed(more);
        continue;
      }
    }
    if (!CheckRecordBytes(ctx, line, line_no, offset, "line", !newline)) continue;
    ParseObject(ctx, line, line_no, offset, "line");
  }
}

}  // namespace kbq::ingest::internal
