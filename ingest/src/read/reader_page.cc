// Saved news pages and plain text: title line, dateline, body; page chrome
// (title repeated with a site suffix, recommended-stories blocks) removed.
#include <algorithm>
#include <cctype>
#include <string>

#include "embedded/reader_data.h"
#include "read/reader_internal.h"

namespace kbq::ingest::internal {

// ---------------------------------------------------------------- markers

Result<std::vector<BoilerplateMarker>> ParseBoilerplateMarkers(std::string_view tsv) {
  std::vector<BoilerplateMarker> out;
  size_t b = 0;
  uint64_t line_no = 0;
  bool header_seen = false;
  while (b < tsv.size()) {
    size_t e = tsv.find('\n', b);
    if (e == std::string_view::npos) e = tsv.size();
    std::string_view line = tsv.substr(b, e - b);
    b = e + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (TrimSpace(line).empty() || line.front() == '#') continue;
    std::vector<std::string_view> cols;
    size_t c = 0;
    while (true) {
      size_t t = line.find('\t', c);
      cols.push_back(line.substr(c, t == std::string_view::npos ? std::string_view::npos : t - c));
      if (t == std::string_view::npos) break;
      c = t + 1;
    }
    if (!header_seen) {
      header_seen = true;
      if (cols.size() >= 3 && cols[0] == "marker") continue;
    }
    auto bad = [&](const std::string& why) {
      return Status::InvalidArgument("line " + std::to_string(line_no) + ": " + why);
    };
    if (cols.size() < 5) return bad("expected 5 columns (marker, match, action, lang, source)");
    BoilerplateMarker m;
    m.marker = AsciiLower(CollapseSpace(NormaliseText(cols[0])));
    if (m.marker.empty()) return bad("empty marker");
    if (cols[1] == "exact") {
      m.match = BoilerplateMarker::Match::kExact;
    } else if (cols[1] == "prefix") {
      m.match = BoilerplateMarker::Match::kPrefix;
    } else if (cols[1] == "suffix") {
      m.match = BoilerplateMarker::Match::kSuffix;
    } else {
      return bad("match must be exact, prefix or suffix");
    }
    if (cols[2] == "cut") {
      m.action = BoilerplateMarker::Action::kCut;
    } else if (cols[2] == "drop") {
      m.action = BoilerplateMarker::Action::kDrop;
    } else {
      return bad("action must be cut or drop");
    }
    out.push_back(std::move(m));
  }
  return out;
}

const std::vector<BoilerplateMarker>& BuiltinBoilerplateMarkers() {
  static const std::vector<BoilerplateMarker> markers = [] {
    auto parsed = ParseBoilerplateMarkers(ReaderData("boilerplate_markers.tsv"));
    return parsed.ok() ? std::move(parsed.value()) : std::vector<BoilerplateMarker>{};
  }();
  return markers;
}

namespace {

constexpr size_t kMaxMarkerLine = 40;    // code points, for exact and suffix markers
constexpr size_t kMaxPrefixMarkerLine = 80;
constexpr size_t kMaxDatelineRest = 40;  // category words etc. after a dateline
constexpr size_t kMaxDatelinePrefix = 24;
constexpr size_t kMaxSiteSuffix = 30;
constexpr size_t kDatelineSearchLines = 8;

bool StartsWith(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }
bool EndsWith(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && s.substr(s.size() - p.size()) == p;
}

// Does the text contain the end of a sentence (so it is prose, not a label)?
bool HasSentenceEnd(std::string_view s) {
  if (s.find("。") != std::string_view::npos) return true;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '!' || c == '?') return true;
    if (c == '.' && (i + 1 == s.size() || s[i + 1] == ' ')) return true;
  }
  return false;
}

// What separates an agency dateline from the story: "-", "—", "(Reuters)",
// "电" (新华社...电).
bool StartsDatelineSeparator(std::string_view rest) {
  for (std::string_view sep : {"-", "—", "–", "|", "(", "电", "讯", "/"})
    if (StartsWith(rest, sep)) return true;
  return false;
}

// "国际 来源:新华网 作者:张三" → "新华网"; "Source: Reuters" → "Reuters".
std::string SourceLabel(std::string_view rest) {
  for (std::string_view label : {"来源:", "来源 :", "Source:", "source:", "SOURCE:"}) {
    size_t at = rest.find(label);
    if (at == std::string_view::npos) continue;
    std::string_view name = TrimSpace(rest.substr(at + label.size()));
    size_t end = name.find(' ');
    return std::string(name.substr(0, end));
  }
  return "";
}

bool EndsSentence(std::string_view s) {
  return EndsWith(s, "。") || EndsWith(s, ".") || EndsWith(s, ";");
}

// "<title> - 天天要闻" → "天天要闻"; "" when `line` is not the title with a
// site suffix. *exact is set when the line is the title itself.
bool IsTitleRepeat(std::string_view line, std::string_view title, std::string* site) {
  if (title.empty() || !StartsWith(line, title)) return false;
  std::string_view rest = TrimSpace(line.substr(title.size()));
  if (rest.empty()) return true;
  for (std::string_view sep : {"-", "|", "_", "—", "–", "·"}) {
    if (StartsWith(rest, sep)) {
      std::string_view name = TrimSpace(rest.substr(sep.size()));
      if (!name.empty() && CodePoints(name) <= kMaxSiteSuffix) {
        *site = std::string(name);
        return true;
      }
    }
  }
  return false;
}

// Does `line` end with "<separator> <site>" ("... - 天天要闻", "..._新浪网")?
bool HasSiteSuffix(std::string_view line, std::string_view site) {
  if (site.empty() || line.size() <= site.size() || !EndsWith(line, site)) return false;
  std::string_view head = TrimSpace(line.substr(0, line.size() - site.size()));
  for (std::string_view sep : {"-", "|", "_", "—", "–", "·"}) {
    if (EndsWith(head, sep) && head.size() > sep.size()) return true;
  }
  return false;
}

const BoilerplateMarker* MatchMarker(const std::vector<BoilerplateMarker>& markers,
                                     std::string_view norm) {
  const size_t length = CodePoints(norm);
  if (length > kMaxPrefixMarkerLine) return nullptr;
  // "【责任编辑:王某】", "[Related]": brackets around a marker do not matter.
  std::string_view inner = norm;
  for (bool stripped = true; stripped;) {
    stripped = false;
    for (std::string_view open : {"【", "[", "(", "<", "《", "「"}) {
      if (StartsWith(inner, open)) {
        inner = TrimSpace(inner.substr(open.size()));
        stripped = true;
      }
    }
    for (std::string_view close : {"】", "]", ")", ">", "》", "」"}) {
      if (EndsWith(inner, close)) {
        inner = TrimSpace(inner.substr(0, inner.size() - close.size()));
        stripped = true;
      }
    }
  }
  std::string key = AsciiLower(inner);
  std::string bare = key;
  while (!bare.empty() && (bare.back() == ':' || bare.back() == ' ')) bare.pop_back();
  for (const BoilerplateMarker& m : markers) {
    switch (m.match) {
      case BoilerplateMarker::Match::kExact:
        if (bare == m.marker) return &m;
        break;
      case BoilerplateMarker::Match::kPrefix:
        // "Read more: <headline>" is longer than a heading, but a line of
        // prose that happens to start with the marker ends a sentence.
        if (StartsWith(key, m.marker) && !EndsSentence(key) && !EndsWith(key, "!") &&
            !EndsWith(key, "?"))
          return &m;
        break;
      case BoilerplateMarker::Match::kSuffix:
        if (length <= kMaxMarkerLine && EndsWith(bare, m.marker)) return &m;
        break;
    }
  }
  return nullptr;
}

// Length of the white-space character at the start (or, with `back`, the
// end) of `s`, or 0: ASCII white space, U+00A0, U+2000..U+200B, U+3000
// (Chinese paragraphs are indented with "　　"), U+FEFF.
size_t SpaceLength(std::string_view s, bool back) {
  if (s.empty()) return 0;
  char c = back ? s.back() : s.front();
  if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v') return 1;
  for (std::string_view space : {"\xC2\xA0", "\xE3\x80\x80", "\xEF\xBB\xBF", "\xE2\x80\x80",
                                 "\xE2\x80\x81", "\xE2\x80\x82", "\xE2\x80\x83", "\xE2\x80\x84",
                                 "\xE2\x80\x85", "\xE2\x80\x86", "\xE2\x80\x87", "\xE2\x80\x88",
                                 "\xE2\x80\x89", "\xE2\x80\x8A", "\xE2\x80\x8B"}) {
    if (back ? EndsWith(s, space) : StartsWith(s, space)) return space.size();
  }
  return 0;
}

std::string_view TrimUnicodeSpace(std::string_view s) {
  while (size_t n = SpaceLength(s, false)) s.remove_prefix(n);
  while (size_t n = SpaceLength(s, true)) s.remove_suffix(n);
  return s;
}

struct Line {
  size_t begin = 0;  // in the file
  size_t end = 0;    // excluding "\r\n"
  std::string norm;  // NFKC, white space collapsed
};

}  // namespace

void ReadPage(const ReadContext& ctx, ByteSource& src, bool page) {
  const uint64_t max = ctx.options.max_document_bytes;
  std::string data;
  src.ReadInto(&data, max + 1);
  if (data.size() > max) {
    ctx.Error(1, 0, "document larger than " + std::to_string(max) + " bytes; skipped");
    std::string sink;
    while (src.ReadInto(&sink, 1 << 20) > 0) sink.clear();
    return;
  }
  if (!CheckRecordBytes(ctx, data, 1, 0, "document", /*at_end_of_file=*/true)) return;
  if (auto raw = ParsePage(ctx, data, page)) EmitDocument(ctx, std::move(*raw));
}

namespace {

// The lines of a file (a leading BOM skipped), each with its normalised text.
std::vector<Line> SplitLines(std::string_view data) {
  std::vector<Line> lines;
  size_t start = StartsWith(data, "\xEF\xBB\xBF") ? 3 : 0;
  for (size_t b = start; b <= data.size();) {
    size_t e = data.find('\n', b);
    size_t next = e == std::string::npos ? data.size() + 1 : e + 1;
    if (e == std::string::npos) e = data.size();
    size_t stop = e;
    if (stop > b && data[stop - 1] == '\r') --stop;
    Line line;
    line.begin = b;
    line.end = stop;
    line.norm = CollapseSpace(NormaliseText(std::string_view(data).substr(b, stop - b)));
    lines.push_back(std::move(line));
    b = next;
  }
  return lines;
}

// Warns about the recommended-stories block dropped from line `cut` on.
void WarnDroppedBlock(const ReadContext& ctx, const std::vector<Line>& lines, size_t cut,
                      const std::string& site, const std::string& cut_label) {
  // Count the stories in the dropped block: headlines with the site
  // suffix when the site is known, else its non-blank lines.
  size_t items = 0, nonblank = 0, last = cut;
  bool cut_is_item = HasSiteSuffix(lines[cut].norm, site);
  if (cut_is_item) items = 1;
  for (size_t j = cut + 1; j < lines.size(); ++j) {
    if (lines[j].norm.empty()) continue;
    last = j;
    if (MatchMarker(ctx.markers, lines[j].norm) != nullptr) continue;  // another heading
    ++nonblank;
    if (HasSiteSuffix(lines[j].norm, site)) ++items;
  }
  if (items == 0) items = nonblank;
  if (items > 0) {
    ctx.Warning(cut + 1, lines[cut].begin,
                "dropped the recommended-stories block at \"" + cut_label + "\" (" +
                    std::to_string(items) + (items == 1 ? " item" : " items") + ", lines " +
                    std::to_string(cut + 1) + "-" + std::to_string(last + 1) + ")");
  }
}

}  // namespace

std::optional<RawDocument> ParsePage(const ReadContext& ctx, std::string_view data, bool page) {
  std::vector<Line> lines = SplitLines(data);
  // Byte offsets count from the file start; line numbers from 1. `start`
  // skipped a BOM in the first line only.
  std::vector<size_t> candidates;
  for (size_t i = 0; i < lines.size() && candidates.size() < kDatelineSearchLines; ++i)
    if (!lines[i].norm.empty()) candidates.push_back(i);
  if (candidates.empty()) {
    ctx.Error(1, 0, "empty file");
    return std::nullopt;
  }

  // The dateline: the first of the first lines holding a full date near its
  // start. The first line is a title that happens to open with a date
  // ("2025年5月17日俄乌会谈纪要") when a later line is a dateline too.
  std::optional<size_t> dateline;
  bool dateline_only = false;
  std::optional<Stamp> stamp;
  std::string dateline_source;
  for (size_t i : candidates) {
    if (dateline && *dateline != candidates.front()) break;
    const std::string& norm = lines[i].norm;
    auto match = FindDateline(norm);
    if (!match) continue;
    std::string_view prefix = TrimSpace(std::string_view(norm).substr(0, match->begin));
    std::string_view rest = TrimSpace(std::string_view(norm).substr(match->end));
    if (CodePoints(prefix) > kMaxDatelinePrefix || HasSentenceEnd(prefix)) continue;
    bool only = CodePoints(rest) <= kMaxDatelineRest && !HasSentenceEnd(rest);
    // A date that opens a line of prose ("2014年3月18日,俄罗斯...") is news,
    // not a dateline; "JEDDAH, March 11, 2025 - Ukraine said..." is one.
    if (!only && !StartsDatelineSeparator(rest)) continue;
    // Only a line that is a dateline and nothing else demotes the first line
    // to a title.
    if (dateline && !only) break;
    dateline = i;
    dateline_only = only;
    stamp = match->stamp;
    if (!stamp->offset_minutes && EndsWith(prefix, "北京时间")) stamp->offset_minutes = 8 * 60;
    dateline_source = only ? SourceLabel(rest) : std::string();
    if (i != candidates.front()) break;
  }

  // The title: the first line, unless that is the dateline.
  std::optional<size_t> title_line;
  const size_t first = candidates.front();
  if (!dateline || *dateline != first) {
    const std::string& norm = lines[first].norm;
    size_t cps = CodePoints(norm);
    if (page ? cps <= 300 : (cps <= 120 && !EndsSentence(norm))) title_line = first;
  }
  std::string title = title_line ? lines[*title_line].norm : std::string();

  // The body: what follows the title, without the dateline line, the title
  // repeated with a site suffix, and page chrome.
  size_t body_begin = title_line ? *title_line + 1 : first;
  std::string site;
  std::vector<size_t> kept;
  std::optional<size_t> cut;
  std::string cut_label;
  bool seen_content = false;
  for (size_t i = body_begin; i < lines.size(); ++i) {
    if (dateline && dateline_only && i == *dateline) continue;
    const std::string& norm = lines[i].norm;
    if (norm.empty()) {
      kept.push_back(i);
      continue;
    }
    std::string suffix;
    if (IsTitleRepeat(norm, title, &suffix)) {
      if (site.empty()) site = suffix;
      continue;
    }
    // Another story's headline with this site's suffix: the start of a
    // recommended-stories list that has no heading.
    if (seen_content && CodePoints(norm) <= 120 && HasSiteSuffix(norm, site)) {
      cut = i;
      cut_label = norm;
      break;
    }
    if (const BoilerplateMarker* m = MatchMarker(ctx.markers, norm)) {
      if (m->action == BoilerplateMarker::Action::kDrop || !seen_content) continue;
      cut = i;
      cut_label = norm;
      break;
    }
    seen_content = true;
    kept.push_back(i);
  }
  if (cut) WarnDroppedBlock(ctx, lines, *cut, site, cut_label);

  // A document that is only its first line (one sentence on standard input,
  // a headline alone) is text, not a title without a body.
  // A line with no letter or digit ("<<<>>>") is not text.
  bool body_has_text = std::any_of(kept.begin(), kept.end(), [&](size_t i) { return !lines[i].norm.empty(); });
  if (!body_has_text && title_line && HasWordCharacter(lines[*title_line].norm)) {
    kept.insert(kept.begin(), *title_line);
  }
  // A document that is only a date ("echo 2015-03-03 | kbq tag -") is that
  // date as text, not a dateline over nothing: the publication time comes
  // from the options.
  if (!body_has_text && !title_line && dateline && dateline_only) {
    kept.insert(kept.begin(), *dateline);
    stamp.reset();
    dateline_source.clear();
  }

  RawDocument raw;
  raw.title = title;
  if (title_line) {
    std::string_view line = std::string_view(data).substr(lines[*title_line].begin,
                                                          lines[*title_line].end - lines[*title_line].begin);
    raw.title_offset = lines[*title_line].begin + (TrimUnicodeSpace(line).data() - line.data());
  }
  raw.stamp = stamp;
  raw.source = site.empty() ? dateline_source : site;
  raw.line = 1;
  raw.offset = 0;
  bool pending_blank = false, any = false;
  size_t prev_end = 0;
  for (size_t i : kept) {
    std::string_view text = std::string_view(data).substr(lines[i].begin, lines[i].end - lines[i].begin);
    std::string_view trimmed = TrimUnicodeSpace(text);
    size_t lead = static_cast<size_t>(trimmed.data() - text.data());
    if (trimmed.empty()) {
      pending_blank = any;
      continue;
    }
    if (any) {
      raw.body.Append(pending_blank ? "\n\n" : "\n", prev_end);
    } else {
      raw.body_line = i + 1;
      raw.body_offset = lines[i].begin + lead;
    }
    raw.body.Append(trimmed, lines[i].begin + lead);
    pending_blank = false;
    any = true;
    prev_end = lines[i].begin + lead + trimmed.size();
  }
  return raw;
}

}  // namespace kbq::ingest::internal
