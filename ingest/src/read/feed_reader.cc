// RSS 2.0 and Atom feeds through libxml2's streaming reader: each <item> or
// <entry> is expanded, read and freed in turn, so memory stays bounded by
// the largest item, not the feed.
#include <libxml/tree.h>
#include <libxml/xmlreader.h>

#include <memory>
#include <string>

#include "read/html_text.h"
#include "read/web_readers.h"

namespace kbq::ingest::internal {

namespace {

int ReadCallback(void* context, char* buffer, int len) {
  auto* src = static_cast<ByteSource*>(context);
  std::string chunk;
  size_t got = src->ReadInto(&chunk, static_cast<size_t>(len));
  std::copy(chunk.begin(), chunk.end(), buffer);
  return static_cast<int>(got);
}

struct ErrorSink {
  const ReadContext* ctx;
  size_t reported = 0;
};

void OnXmlError(void* arg, const char* msg, xmlParserSeverities severity,
                xmlTextReaderLocatorPtr locator) {
  auto* sink = static_cast<ErrorSink*>(arg);
  if (severity == XML_PARSER_SEVERITY_WARNING || severity == XML_PARSER_SEVERITY_VALIDITY_WARNING)
    return;
  if (sink->reported++ >= 3) return;  // one broken feed, not a flood of messages
  int line = locator ? xmlTextReaderLocatorLineNumber(locator) : 0;
  std::string text = CollapseSpace(msg ? msg : "");
  sink->ctx->Error(line > 0 ? static_cast<uint64_t>(line) : 0, 0,
                   "feed is not well-formed XML (" + text + "); items after this point are not read");
}

std::string LocalName(const xmlNode* n) {
  return n->name ? std::string(reinterpret_cast<const char*>(n->name)) : std::string();
}

// The markup below an Atom type="xhtml" content element, as HTML text.
std::string InnerMarkup(xmlNode* n) {
  std::unique_ptr<xmlBuffer, void (*)(xmlBuffer*)> buf(xmlBufferCreate(), xmlBufferFree);
  for (xmlNode* c = n->children; c != nullptr; c = c->next) xmlNodeDump(buf.get(), n->doc, c, 0, 0);
  return std::string(reinterpret_cast<const char*>(xmlBufferContent(buf.get())),
                     static_cast<size_t>(xmlBufferLength(buf.get())));
}

struct FeedItem {
  std::string title, link, date, updated, summary, content;
};

FeedItem ReadItem(xmlNode* item) {
  FeedItem it;
  for (xmlNode* c = item->children; c != nullptr; c = c->next) {
    if (c->type != XML_ELEMENT_NODE) continue;
    const std::string name = LocalName(c);
    if (name == "title" && it.title.empty()) {
      it.title = CollapseSpace(FragmentText(NodeContent(c)).text);
    } else if (name == "link") {
      std::string rel = Attr(c, "rel");
      std::string href = Attr(c, "href");
      if (!href.empty() && (rel.empty() || rel == "alternate") && it.link.empty()) it.link = href;
      if (href.empty() && it.link.empty()) it.link = CollapseSpace(NodeContent(c));
    } else if (name == "pubDate" || name == "published" || (name == "date" && it.date.empty())) {
      it.date = CollapseSpace(NodeContent(c));
    } else if (name == "updated" || name == "modified") {
      it.updated = CollapseSpace(NodeContent(c));
    } else if (name == "description" || name == "summary") {
      it.summary = NodeContent(c);
    } else if (name == "encoded" || name == "content") {
      it.content = Attr(c, "type") == "xhtml" ? InnerMarkup(c) : NodeContent(c);
    } else if (name == "guid" && it.link.empty() && Attr(c, "isPermaLink") != "false") {
      it.link = CollapseSpace(NodeContent(c));
    }
  }
  return it;
}

}  // namespace

void ReadFeed(const ReadContext& ctx, ByteSource& src) {
  constexpr int kOptions = XML_PARSE_RECOVER | XML_PARSE_NONET | XML_PARSE_NOERROR |
                           XML_PARSE_NOWARNING | XML_PARSE_IGNORE_ENC | XML_PARSE_NOCDATA;
  InitLibxml();
  std::unique_ptr<xmlTextReader, void (*)(xmlTextReader*)> reader(
      xmlReaderForIO(ReadCallback, nullptr, &src, nullptr, "UTF-8", kOptions), xmlFreeTextReader);
  if (!reader) {
    ctx.Error(1, 0, "cannot start the XML reader; feed skipped");
    return;
  }
  ErrorSink errors{&ctx};
  xmlTextReaderSetErrorHandler(reader.get(), OnXmlError, &errors);
  std::string feed_title, feed_lang;
  size_t items = 0;
  bool is_feed = false;
  int ret = xmlTextReaderRead(reader.get());
  while (ret == 1) {
    xmlTextReader* r = reader.get();
    if (xmlTextReaderNodeType(r) != XML_READER_TYPE_ELEMENT) {
      ret = xmlTextReaderRead(r);
      continue;
    }
    const std::string name = reinterpret_cast<const char*>(xmlTextReaderConstLocalName(r));
    const int depth = xmlTextReaderDepth(r);
    if (depth == 0) {
      is_feed = name == "rss" || name == "feed" || name == "RDF";
      if (!is_feed) {
        ctx.Error(1, 0, "not an RSS or Atom feed (root element <" + name + ">); skipped");
        return;
      }
      xmlChar* lang = xmlTextReaderXmlLang(r);
      if (lang != nullptr) {
        feed_lang = reinterpret_cast<const char*>(lang);
        xmlFree(lang);
      }
    }
    const bool is_item = name == "item" || name == "entry";
    const bool channel_field = !is_item && depth <= 2 && (name == "title" || name == "language");
    if (!is_item && !channel_field) {
      ret = xmlTextReaderRead(r);
      continue;
    }
    const uint64_t line = static_cast<uint64_t>(std::max(0, xmlTextReaderGetParserLineNumber(r)));
    const long consumed = xmlTextReaderByteConsumed(r);
    xmlNode* node = xmlTextReaderExpand(r);
    // When the XML broke (a cut download) while the reader looked for the
    // end of this node, what the parser built is still there (Expand may
    // return it or not). An item the parser got past is whole; the last
    // one, cut off, is not.
    if (node == nullptr) node = xmlTextReaderCurrentNode(r);
    if (node == nullptr) break;
    if (errors.reported > 0 && node->next == nullptr) {
      if (is_item) ctx.Error(line, 0, "item cut off by the end of the feed; skipped");
      break;
    }
    if (channel_field) {
      std::string& field = name == "title" ? feed_title : feed_lang;
      if (field.empty()) field = CollapseSpace(NodeContent(node));
    } else {
      ++items;
      FeedItem it = ReadItem(node);
      RawDocument raw;
      raw.what = "item";
      raw.line = raw.body_line = line;
      raw.offset = raw.body_offset = consumed > 0 ? static_cast<uint64_t>(consumed) : 0;
      raw.title = it.title;
      raw.url = it.link;
      raw.source = feed_title;
      // An entry's own xml:lang (or the feed's, which it inherits), else
      // the channel's <language>.
      std::string lang = feed_lang;
      if (xmlChar* own = xmlNodeGetLang(node)) {
        lang = reinterpret_cast<const char*>(own);
        xmlFree(own);
      }
      raw.lang = AsciiLower(lang.substr(0, lang.find_first_of("-_")));
      PageText body = FragmentText(!TrimSpace(it.content).empty() ? it.content : it.summary);
      raw.body.Append(body.text, raw.offset);
      raw.stamp = ParseTimestamp(it.date);
      if (!raw.stamp) raw.stamp = ParseTimestamp(it.updated);
      if (!raw.stamp && !it.date.empty()) {
        ctx.Error(line, raw.offset, "item date '" + it.date + "' is not a time; item skipped");
      } else {
        EmitDocument(ctx, std::move(raw));
      }
    }
    ret = xmlTextReaderNext(r);  // past the subtree, which the reader then frees
  }
  if (is_feed && items == 0 && errors.reported == 0) ctx.Warning(1, 0, "feed holds no items");
  if (!is_feed && errors.reported == 0) ctx.Error(1, 0, "not an RSS or Atom feed; skipped");
}

bool LooksLikeFeed(std::string_view head) {
  std::string low = AsciiLower(head.substr(0, 2048));
  size_t at = 0;
  // Skip the XML declaration, comments and processing instructions.
  while (true) {
    while (at < low.size() && std::isspace(static_cast<unsigned char>(low[at]))) ++at;
    if (low.compare(at, 2, "<?") == 0 || low.compare(at, 4, "<!--") == 0) {
      size_t end = low.find('>', at);
      if (end == std::string::npos) return false;
      at = end + 1;
      continue;
    }
    break;
  }
  return low.compare(at, 4, "<rss") == 0 || low.compare(at, 5, "<feed") == 0 ||
         low.compare(at, 8, "<rdf:rdf") == 0;
}

}  // namespace kbq::ingest::internal
