// HTML pages through libxml2's HTML parser: metadata (JSON-LD, OpenGraph and
// article:* meta, <time datetime>, <html lang>, the canonical link), the
// article body, page chrome dropped; then the page reader's title and
// dateline rules on the text (docs/readers.md, "HTML pages").
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "read/html_text.h"
#include "read/web_readers.h"

namespace kbq::ingest::internal {

namespace {

// The schema.org article of a page's JSON-LD, if any.
struct JsonLdArticle {
  std::string headline, date_published, date_modified, author, publisher, language, body, url;
  bool found = false;
};

std::string JsonText(const nlohmann::json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_object()) {
    if (v.contains("name")) return JsonText(v["name"]);
    if (v.contains("@id")) return JsonText(v["@id"]);
  }
  if (v.is_array() && !v.empty()) {
    std::string out;
    for (const auto& e : v) {
      std::string s = JsonText(e);
      if (s.empty()) continue;
      if (!out.empty()) out += ", ";
      out += s;
    }
    return out;
  }
  return "";
}

bool IsArticleType(const nlohmann::json& type) {
  if (type.is_array()) return std::any_of(type.begin(), type.end(), IsArticleType);
  if (!type.is_string()) return false;
  const std::string t = type.get<std::string>();
  return t == "NewsArticle" || t == "Article" || t == "ReportageNewsArticle" ||
         t == "AnalysisNewsArticle" || t == "BlogPosting" || t == "LiveBlogPosting";
}

void FindJsonLdArticle(const nlohmann::json& v, JsonLdArticle* out, int depth) {
  if (out->found || depth > 8) return;
  if (v.is_array()) {
    for (const auto& e : v) FindJsonLdArticle(e, out, depth + 1);
    return;
  }
  if (!v.is_object()) return;
  if (v.contains("@type") && IsArticleType(v["@type"])) {
    auto field = [&](const char* key) { return v.contains(key) ? JsonText(v[key]) : std::string(); };
    out->found = true;
    out->headline = field("headline");
    out->date_published = field("datePublished");
    out->date_modified = field("dateModified");
    out->author = field("author");
    out->publisher = field("publisher");
    out->language = field("inLanguage");
    out->body = field("articleBody");
    out->url = field("url");
    if (out->url.empty()) out->url = field("mainEntityOfPage");
    return;
  }
  if (v.contains("@graph")) FindJsonLdArticle(v["@graph"], out, depth + 1);
}

// Everything the page says about itself, before the body.
struct PageMeta {
  JsonLdArticle ld;
  std::string og_title, og_url, og_site, og_locale, published, modified, author;
  std::string time_datetime, html_lang, canonical, title_element, h1;
};

void ReadMeta(xmlNode* root, PageMeta* m) {
  std::vector<xmlNode*> stack{root};
  while (!stack.empty()) {
    xmlNode* n = stack.back();
    stack.pop_back();
    for (xmlNode* c = n->last; c != nullptr; c = c->prev)
      if (c->type == XML_ELEMENT_NODE) stack.push_back(c);
    const std::string name = NodeName(n);
    if (name == "html") {
      m->html_lang = Attr(n, "lang");
    } else if (name == "script" && Attr(n, "type").find("ld+json") != std::string::npos) {
      if (m->ld.found) continue;
      auto j = nlohmann::json::parse(NodeContent(n), nullptr, /*allow_exceptions=*/false);
      if (!j.is_discarded()) FindJsonLdArticle(j, &m->ld, 0);
    } else if (name == "meta") {
      std::string key = AsciiLower(Attr(n, "property"));
      if (key.empty()) key = AsciiLower(Attr(n, "name"));
      std::string content = Attr(n, "content");
      auto set = [&](const char* k, std::string* field) {
        if (key == k && field->empty()) *field = content;
      };
      set("og:title", &m->og_title);
      set("og:url", &m->og_url);
      set("og:site_name", &m->og_site);
      set("og:locale", &m->og_locale);
      set("article:published_time", &m->published);
      set("article:modified_time", &m->modified);
      set("article:author", &m->author);
    } else if (name == "time" && m->time_datetime.empty()) {
      m->time_datetime = Attr(n, "datetime");
    } else if (name == "link" && m->canonical.empty() &&
               AsciiLower(Attr(n, "rel")) == "canonical") {
      m->canonical = Attr(n, "href");
    } else if (name == "title" && m->title_element.empty()) {
      m->title_element = CollapseSpace(NodeContent(n));
    } else if (name == "h1" && m->h1.empty()) {
      m->h1 = CollapseSpace(NodeContent(n));
    }
  }
}

// "zh-CN" → "zh", "en_US" → "en"; "" when not a language tag.
std::string LanguageOf(std::string_view tag) {
  std::string t = AsciiLower(TrimSpace(tag));
  size_t cut = t.find_first_of("-_");
  if (cut != std::string::npos) t.resize(cut);
  if (t.size() < 2 || t.size() > 3) return "";
  return std::all_of(t.begin(), t.end(), [](char c) { return c >= 'a' && c <= 'z'; }) ? t : "";
}

// The first time among `candidates` that parses, with the name of its source.
std::optional<Stamp> FirstTime(std::initializer_list<std::pair<std::string_view, const char*>> c,
                               std::string* from) {
  for (const auto& [text, what] : c) {
    if (TrimSpace(text).empty()) continue;
    if (auto s = ParseTimestamp(text)) {
      *from = what;
      return s;
    }
  }
  return std::nullopt;
}

// Line starts of `text`, for mapping lines and offsets.
std::vector<size_t> LineStarts(std::string_view text) {
  std::vector<size_t> starts{0};
  for (size_t i = text.find('\n'); i != std::string_view::npos; i = text.find('\n', i + 1))
    starts.push_back(i + 1);
  return starts;
}

size_t LineIndex(const std::vector<size_t>& starts, size_t offset) {
  auto it = std::upper_bound(starts.begin(), starts.end(), offset);
  return static_cast<size_t>(it - starts.begin()) - 1;
}

}  // namespace

bool ReadHtmlPage(const ReadContext& ctx, std::string_view html, const HtmlPageHints& hints) {
  constexpr int kOptions = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                           HTML_PARSE_NONET | HTML_PARSE_COMPACT | HTML_PARSE_IGNORE_ENC;
  InitLibxml();
  std::unique_ptr<xmlDoc, void (*)(xmlDoc*)> doc(
      htmlReadMemory(html.data(), static_cast<int>(html.size()), nullptr, "UTF-8", kOptions),
      xmlFreeDoc);
  xmlNode* root = doc ? xmlDocGetRootElement(doc.get()) : nullptr;
  if (root == nullptr) {
    ctx.Error(hints.base_line, hints.base_offset, "the HTML parser found no document; skipped");
    return false;
  }
  PageMeta meta;
  ReadMeta(root, &meta);

  // The body as lines, each with the line of the HTML it came from.
  PageText body;
  if (!TrimSpace(meta.ld.body).empty()) {
    body = TextOfString(meta.ld.body, hints.base_line);
  } else {
    body = ArticleText(root);
  }
  if (hints.report_dropped_blocks) {
    for (const DroppedBlock& b : body.dropped) {
      ctx.Warning(hints.base_line + b.line - 1, hints.base_offset,
                  "dropped " + b.what + " block" + (b.label.empty() ? "" : " \"" + b.label + "\"") +
                      " (" + std::to_string(b.items) + (b.items == 1 ? " item" : " items") + ")");
    }
  }

  std::string title = !meta.ld.headline.empty() ? meta.ld.headline
                      : !meta.og_title.empty()   ? meta.og_title
                      : !meta.h1.empty()         ? meta.h1
                                                 : meta.title_element;
  title = CollapseSpace(title);
  // The page as the page reader sees a saved page: the title line, then the
  // body (where a dateline may open it).
  std::string page = title + "\n\n" + body.text;
  std::vector<uint64_t> source_lines{0, 0};  // the title and the blank line
  for (uint64_t l : body.lines) source_lines.push_back(l);
  std::vector<size_t> html_starts = LineStarts(html);
  std::vector<size_t> page_starts = LineStarts(page);
  auto html_line = [&](uint64_t page_line) -> uint64_t {  // 1-based → 1-based
    uint64_t l = page_line >= 1 && page_line <= source_lines.size() ? source_lines[page_line - 1] : 0;
    return l == 0 ? 1 : l;
  };
  auto html_offset_of_line = [&](uint64_t line) -> uint64_t {
    size_t i = std::min<size_t>(line - 1, html_starts.size() - 1);
    return hints.base_offset + html_starts[i];
  };
  DiagnosticSink remap = [&](const Diagnostic& d) {
    Diagnostic m = d;
    uint64_t l = html_line(d.line);
    m.line = hints.base_line + l - 1;
    m.byte_offset = html_offset_of_line(l);
    if (ctx.diagnostics) ctx.diagnostics(m);
  };
  ReadContext page_ctx{ctx.path, ctx.options, ctx.documents, remap, ctx.markers, ctx.ingested_utc};
  std::optional<RawDocument> raw = ParsePage(page_ctx, page, /*page=*/true);
  if (!raw) return false;
  raw->title_offset.reset();  // an offset into `page`, not into the file

  // Metadata first; the page reader's dateline only when the page states
  // no time in its markup.
  std::string from;
  std::optional<Stamp> stamp =
      FirstTime({{meta.ld.date_published, "JSON-LD datePublished"},
                 {meta.published, "article:published_time"},
                 {meta.time_datetime, "<time datetime>"}},
                &from);
  if (stamp) {
    raw->stamp = stamp;
  } else if (!raw->stamp) {
    stamp = FirstTime({{meta.ld.date_modified, "JSON-LD dateModified"},
                       {meta.modified, "article:modified_time"}},
                      &from);
    if (!stamp && hints.fallback_stamp) {
      stamp = hints.fallback_stamp;
      from = hints.fallback_what;
    }
    if (stamp) {
      raw->stamp = stamp;
      ctx.Warning(hints.base_line, hints.base_offset,
                  "the page states no publication time; using its " + from);
    }
  }
  if (!raw->stamp && !ctx.options.published_utc) {
    ctx.Error(hints.base_line, hints.base_offset,
              "no publication time: none in the page's metadata (JSON-LD, article:published_time, "
              "<time datetime>) or text, and none given (--published); page skipped");
    return false;
  }
  raw->title = title.empty() ? raw->title : title;
  raw->url = !hints.url.empty()        ? hints.url
             : !meta.canonical.empty() ? meta.canonical
             : !meta.og_url.empty()    ? meta.og_url
                                       : meta.ld.url;
  if (!meta.ld.publisher.empty()) {
    raw->source = meta.ld.publisher;
  } else if (!meta.og_site.empty()) {
    raw->source = meta.og_site;
  }
  raw->lang = LanguageOf(meta.ld.language);
  if (raw->lang.empty()) raw->lang = LanguageOf(meta.html_lang);
  if (raw->lang.empty()) raw->lang = LanguageOf(meta.og_locale);
  raw->line = hints.base_line;
  raw->offset = hints.base_offset;
  raw->what = "page";
  // Offsets back into the HTML: each text line maps to the start of the
  // HTML line it came from (approximate inside a line).
  for (OffsetAnchor& a : raw->body.anchors) {
    size_t page_line = LineIndex(page_starts, static_cast<size_t>(a.file)) + 1;
    a.file = html_offset_of_line(html_line(page_line));
  }
  size_t body_page_line = LineIndex(page_starts, static_cast<size_t>(raw->body_offset)) + 1;
  raw->body_line = hints.base_line + html_line(body_page_line) - 1;
  raw->body_offset = html_offset_of_line(html_line(body_page_line));
  EmitDocument(ctx, std::move(*raw));
  return true;
}

void ReadHtml(const ReadContext& ctx, ByteSource& src) {
  const uint64_t max = ctx.options.max_document_bytes;
  std::string data;
  src.ReadInto(&data, max + 1);
  if (data.size() > max) {
    ctx.Error(1, 0, "page larger than " + std::to_string(max) + " bytes; skipped");
    std::string sink;
    while (src.ReadInto(&sink, 1 << 20) > 0) sink.clear();
    return;
  }
  if (!CheckRecordBytes(ctx, data, 1, 0, "page", /*at_end_of_file=*/true)) return;
  ReadHtmlPage(ctx, data, HtmlPageHints{});
}

bool LooksLikeHtml(std::string_view head) {
  std::string low = AsciiLower(TrimSpace(head.substr(0, 4096)));
  if (low.rfind("<!doctype html", 0) == 0 || low.rfind("<html", 0) == 0) return true;
  if (low.rfind("<?xml", 0) == 0 || low.rfind("<!--", 0) == 0) return low.find("<html") != std::string::npos;
  return low.rfind("<head", 0) == 0 || low.rfind("<meta", 0) == 0;
}

}  // namespace kbq::ingest::internal
