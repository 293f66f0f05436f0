// CSV and TSV with a header row, RFC 4180 quoting (quoted fields may hold
// delimiters, line breaks and doubled quotes), one record in memory at a time.
#include <algorithm>
#include <map>

#include "read/reader_internal.h"

namespace kbq::ingest::internal {

namespace {

struct Field {
  std::string value;
  uint64_t line = 1;     // of the field's first byte
  uint64_t offset = 0;   // of the value's first byte (after an opening quote)
  bool quoted = false;
};

struct Record {
  std::vector<Field> fields;
  uint64_t line = 1;
  uint64_t offset = 0;
  bool too_long = false;
  bool unterminated = false;
  bool at_end_of_file = false;  // no line break ended it
};

bool ReadRecord(ByteSource& src, char delim, uint64_t max, Record* rec) {
  rec->fields.clear();
  rec->too_long = rec->unterminated = rec->at_end_of_file = false;
  rec->line = src.line();
  rec->offset = src.offset();
  if (src.Peek(1).empty()) return false;
  uint64_t total = 0;
  Field cur;
  cur.line = src.line();
  cur.offset = src.offset();
  bool in_quotes = false, field_start = true;
  auto append = [&](char ch) {
    if (++total > max) {
      rec->too_long = true;
      return;
    }
    cur.value += ch;
  };
  while (true) {
    int c = src.Get();
    if (c < 0) {
      if (in_quotes) rec->unterminated = true;
      rec->at_end_of_file = true;
      rec->fields.push_back(std::move(cur));
      return true;
    }
    char ch = static_cast<char>(c);
    if (in_quotes) {
      if (ch == '"') {
        std::string_view next = src.Peek(1);
        if (!next.empty() && next[0] == '"') {
          src.Get();
          append('"');
        } else {
          in_quotes = false;
        }
      } else {
        append(ch);
      }
      continue;
    }
    if (field_start && ch == '"') {
      in_quotes = true;
      cur.quoted = true;
      cur.offset = src.offset();
      field_start = false;
      continue;
    }
    if (ch == delim) {
      rec->fields.push_back(std::move(cur));
      cur = Field();
      cur.line = src.line();
      cur.offset = src.offset();
      field_start = true;
      continue;
    }
    if (ch == '\r') {
      std::string_view next = src.Peek(1);
      if (!next.empty() && next[0] == '\n') continue;  // CRLF
    }
    if (ch == '\n') {
      rec->fields.push_back(std::move(cur));
      return true;
    }
    append(ch);
    field_start = false;
  }
}

const char* const kFields[] = {"title", "published", "summary", "text", "url", "source", "lang"};

}  // namespace

void ReadDelimited(const ReadContext& ctx, ByteSource& src, char delim) {
  const ReadOptions& opt = ctx.options;
  const uint64_t max = opt.max_document_bytes;
  Record header;
  if (!ReadRecord(src, delim, max, &header)) {
    ctx.Error(1, 0, "empty file");
    return;
  }
  if (header.too_long) {
    ctx.Error(1, 0, "header longer than " + std::to_string(max) + " bytes; file skipped");
    return;
  }
  if (!header.fields.empty() && header.fields[0].value.substr(0, 3) == "\xEF\xBB\xBF") {
    header.fields[0].value.erase(0, 3);
    header.fields[0].offset += 3;
  }
  std::vector<std::string> names;
  for (const Field& f : header.fields) {
    if (!CheckRecordBytes(ctx, f.value, f.line, f.offset, "file", header.at_end_of_file)) return;
    names.push_back(CollapseSpace(AsciiLower(f.value)));
  }
  // field → column index
  std::map<std::string, size_t> column;
  for (const auto& [field, name] : opt.column_map) {
    std::string want = CollapseSpace(AsciiLower(name));
    auto it = std::find(names.begin(), names.end(), want);
    if (it == names.end()) {
      ctx.Error(1, 0, "column \"" + name + "\" (mapped to " + field + ") is not in the header; file skipped");
      return;
    }
    column[field] = static_cast<size_t>(it - names.begin());
  }
  for (size_t i = 0; i < names.size(); ++i) {
    std::string field = FieldForName(names[i]);
    if (field.empty() || column.count(field)) continue;
    column[field] = i;
  }
  if (!column.count("text")) {
    ctx.Error(1, 0, "no text column in the header (text, body or content); file skipped");
    return;
  }
  if (!column.count("published") && !opt.published_utc) {
    ctx.Error(1, 0,
              "no publication-time column in the header (published, date or time); file skipped");
    return;
  }
  bool utc_column = column.count("published") &&
                    names[column["published"]].find("utc") != std::string::npos;

  Record rec;
  while (ReadRecord(src, delim, max, &rec)) {
    if (rec.fields.size() == 1 && rec.fields[0].value.empty() && !rec.fields[0].quoted) continue;
    if (rec.unterminated) {
      ctx.Error(rec.line, rec.offset, "unterminated quoted field; row skipped");
      continue;
    }
    if (rec.too_long) {
      ctx.Error(rec.line, rec.offset, "row longer than " + std::to_string(max) + " bytes; row skipped");
      continue;
    }
    if (rec.fields.size() != names.size()) {
      ctx.Error(rec.line, rec.offset,
                "row has " + std::to_string(rec.fields.size()) + " fields, the header has " +
                    std::to_string(names.size()) + "; row skipped");
      continue;
    }
    bool ok = true;
    for (size_t k = 0; k < rec.fields.size(); ++k) {
      const Field& f = rec.fields[k];
      bool last = rec.at_end_of_file && k + 1 == rec.fields.size();
      if (!CheckRecordBytes(ctx, f.value, f.line, f.offset, "row", last)) {
        ok = false;
        break;
      }
    }
    if (!ok) continue;
    RawDocument raw;
    raw.line = rec.line;
    raw.offset = rec.offset;
    raw.what = "row";
    for (const char* field : kFields) {
      auto it = column.find(field);
      if (it == column.end()) continue;
      const Field& f = rec.fields[it->second];
      std::string_view f_name = field;
      if (f_name == "published") {
        if (TrimSpace(f.value).empty()) continue;
        raw.stamp = ParseTimestamp(NormaliseText(f.value));
        if (!raw.stamp) {
          ctx.Error(f.line, f.offset,
                    "unparseable publication time \"" + f.value + "\"; row skipped");
          ok = false;
          break;
        }
        raw.stamp->utc_hint = utc_column;
      } else if (f_name == "summary") {
        // The lead paragraph opens the text, unless the body repeats it.
        std::string_view lead = TrimSpace(f.value);
        auto body = column.find("text");
        if (lead.empty() || TrimSpace(rec.fields[body->second].value).starts_with(lead)) continue;
        raw.body.AppendField(f.value, f.offset);
        raw.body.Append("\n\n", f.offset + f.value.size());
        raw.body_line = f.line;
        raw.body_offset = f.offset;
      } else if (f_name == "text") {
        const bool after_summary = !raw.body.text.empty();
        raw.body.AppendField(f.value, f.offset);
        if (!after_summary) {
          raw.body_line = f.line;
          raw.body_offset = f.offset;
        }
      } else if (f_name == "title") {
        raw.title = f.value;
      } else if (f_name == "url") {
        raw.url = f.value;
      } else if (f_name == "source") {
        raw.source = f.value;
      } else if (f_name == "lang") {
        raw.lang = f.value;
      }
    }
    if (!ok) continue;
    EmitDocument(ctx, std::move(raw));
  }
}

}  // namespace kbq::ingest::internal
