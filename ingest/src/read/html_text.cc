// Article text from an HTML tree (see html_text.h and docs/readers.md).
#include "read/html_text.h"

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include <algorithm>
#include <map>
#include <memory>

#include "reader_internal.h"

namespace kbq::ingest::internal {

void InitLibxml() {
  static const bool done = [] {
    xmlInitParser();
    return true;
  }();
  (void)done;
}

std::string NodeName(const xmlNode* n) {
  return n != nullptr && n->name != nullptr
             ? AsciiLower(reinterpret_cast<const char*>(n->name))
             : std::string();
}

std::string Attr(const xmlNode* n, const char* name) {
  xmlChar* v = xmlGetProp(n, reinterpret_cast<const xmlChar*>(name));
  if (v == nullptr) return "";
  std::string out(reinterpret_cast<const char*>(v));
  xmlFree(v);
  return out;
}

std::string NodeContent(const xmlNode* n) {
  xmlChar* v = xmlNodeGetContent(n);
  if (v == nullptr) return "";
  std::string out(reinterpret_cast<const char*>(v));
  xmlFree(v);
  return out;
}

namespace {

constexpr int kMaxDepth = 400;

enum class Kind { kKeep, kSilent, kChrome };

bool HasChromeToken(std::string_view value) {
  static const char* const kTokens[] = {
      "share",     "sharing",  "social",      "related",       "recommend",  "recommended",
      "recommendation",        "comment",     "comments",      "ad",         "ads",
      "advert",    "advertisement",           "sidebar",       "breadcrumb", "breadcrumbs",
      "promo",     "newsletter",              "subscribe",     "toolbar",    "rail"};
  std::string v = AsciiLower(value);
  size_t b = 0;
  while (b < v.size()) {
    size_t e = v.find_first_of(" \t\n-_", b);
    if (e == std::string::npos) e = v.size();
    std::string_view token(v.data() + b, e - b);
    for (const char* t : kTokens)
      if (token == t) return true;
    b = e + 1;
  }
  return false;
}

Kind KindOf(const xmlNode* n, const std::string& name) {
  static const char* const kSilent[] = {"script", "style",  "noscript", "template", "svg",
                                        "iframe", "head",   "select",   "button",   "input",
                                        "textarea", "object", "embed",  "canvas",   "video",
                                        "audio",  "map",    "math"};
  static const char* const kChrome[] = {"nav", "header", "footer", "aside", "form", "menu", "dialog"};
  for (const char* s : kSilent)
    if (name == s) return Kind::kSilent;
  for (const char* s : kChrome)
    if (name == s) return Kind::kChrome;
  std::string role = AsciiLower(Attr(n, "role"));
  if (role == "navigation" || role == "banner" || role == "contentinfo" ||
      role == "complementary" || role == "search")
    return Kind::kChrome;
  if (HasChromeToken(Attr(n, "class")) || HasChromeToken(Attr(n, "id"))) return Kind::kChrome;
  return Kind::kKeep;
}

bool IsParagraphBlock(const std::string& name) {
  static const char* const k[] = {"p",  "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
                                  "pre", "ul", "ol", "table", "figure", "dl", "hr"};
  return std::any_of(std::begin(k), std::end(k), [&](const char* s) { return name == s; });
}

bool IsLineBlock(const std::string& name) {
  static const char* const k[] = {"div", "li", "tr", "section", "article", "main", "dd", "dt",
                                  "figcaption", "address", "center", "caption", "td", "th", "body"};
  return std::any_of(std::begin(k), std::end(k), [&](const char* s) { return name == s; });
}

// Lines of text with paragraph breaks, built from text nodes and blocks.
class TextWriter {
 public:
  explicit TextWriter(PageText* out) : out_(out) {}
  void Text(std::string_view s, uint64_t source_line) {
    for (char c : s) {
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
        space_ = true;
        continue;
      }
      if (line_.empty()) {
        line_source_ = source_line;
      } else if (space_) {
        line_ += ' ';
      }
      space_ = false;
      line_ += c;
    }
  }
  void Break(int n) {  // 1: new line, 2: new paragraph
    EndLine();
    pending_ = std::max(pending_, n);
    space_ = false;
  }
  void Finish() { EndLine(); }

 private:
  void EndLine() {
    if (line_.empty()) return;
    if (!out_->text.empty()) {
      out_->text += pending_ >= 2 ? "\n\n" : "\n";
      if (pending_ >= 2) out_->lines.push_back(0);
    }
    out_->text += line_;
    out_->lines.push_back(line_source_);
    line_.clear();
    pending_ = 0;
  }
  PageText* out_;
  std::string line_;
  uint64_t line_source_ = 0;
  int pending_ = 0;
  bool space_ = false;
};

struct BlockCounts {
  size_t text = 0;   // code points
  size_t links = 0;  // <a> elements with text
  size_t link_text = 0;
  size_t items = 0;  // <li>
  std::string first_line;
};

void Count(const xmlNode* n, BlockCounts* c, bool in_link, int depth) {
  if (depth > kMaxDepth) return;
  for (const xmlNode* k = n->children; k != nullptr; k = k->next) {
    if (k->type == XML_TEXT_NODE || k->type == XML_CDATA_SECTION_NODE) {
      std::string t = CollapseSpace(reinterpret_cast<const char*>(k->content ? k->content : BAD_CAST ""));
      size_t cps = CodePoints(t);
      c->text += cps;
      if (in_link) c->link_text += cps;
      if (c->first_line.empty() && !t.empty()) c->first_line = t;
      continue;
    }
    if (k->type != XML_ELEMENT_NODE) continue;
    std::string name = NodeName(k);
    if (KindOf(k, name) == Kind::kSilent) continue;
    if (name == "a") ++c->links;
    if (name == "li") ++c->items;
    Count(k, c, in_link || name == "a", depth + 1);
  }
}

std::string Describe(const xmlNode* n, const std::string& name) {
  std::string d = "<" + name;
  std::string cls = CollapseSpace(Attr(n, "class"));
  if (!cls.empty()) d += " class=\"" + cls + "\"";
  return d + ">";
}

std::string Label(const std::string& first) {
  size_t cps = 0, end = 0;
  for (; end < first.size(); ++end) {
    if ((static_cast<unsigned char>(first[end]) & 0xC0) != 0x80 && ++cps > 30) break;
  }
  return first.substr(0, end);
}

// Walks the tree below `n` into `w`, leaving out silent elements and page
// chrome; chrome with text is listed in `dropped`. `container` is the
// article element: a <header> inside it with fewer than two links is the
// article's own heading (title, byline, dateline) and is kept.
void Collect(const xmlNode* n, TextWriter& w, std::vector<DroppedBlock>* dropped, int depth) {
  if (depth > kMaxDepth) return;
  for (const xmlNode* k = n->children; k != nullptr; k = k->next) {
    if (k->type == XML_TEXT_NODE || k->type == XML_CDATA_SECTION_NODE) {
      if (k->content != nullptr)
        w.Text(reinterpret_cast<const char*>(k->content), static_cast<uint64_t>(xmlGetLineNo(k)));
      continue;
    }
    if (k->type != XML_ELEMENT_NODE) continue;
    const std::string name = NodeName(k);
    Kind kind = KindOf(k, name);
    if (kind == Kind::kSilent) continue;
    if (kind == Kind::kChrome) {
      BlockCounts c;
      Count(k, &c, false, depth + 1);
      bool own_heading = name == "header" && c.links < 2;
      if (!own_heading) {
        if (c.text > 0 && dropped != nullptr) {
          DroppedBlock b;
          b.what = Describe(k, name);
          b.label = Label(c.first_line);
          b.items = std::max(c.links, c.items);
          b.line = static_cast<uint64_t>(std::max(1L, xmlGetLineNo(k)));
          dropped->push_back(std::move(b));
        }
        continue;
      }
    }
    if (name == "br") {
      w.Break(1);
      continue;
    }
    int brk = IsParagraphBlock(name) ? 2 : IsLineBlock(name) ? 1 : 0;
    if (brk) w.Break(brk);
    Collect(k, w, dropped, depth + 1);
    if (brk) w.Break(brk);
  }
}

// All elements below `root` named `name`, or with attribute itemprop=`prop`.
void FindAll(xmlNode* root, const char* name, const char* itemprop, std::vector<xmlNode*>* out) {
  std::vector<std::pair<xmlNode*, int>> stack{{root, 0}};
  while (!stack.empty()) {
    auto [n, depth] = stack.back();
    stack.pop_back();
    if (n->type != XML_ELEMENT_NODE || depth > kMaxDepth) continue;
    std::string nm = NodeName(n);
    if (KindOf(n, nm) == Kind::kSilent) continue;
    if ((name != nullptr && nm == name) || (itemprop != nullptr && Attr(n, "itemprop") == itemprop))
      out->push_back(n);
    for (xmlNode* c = n->last; c != nullptr; c = c->prev) stack.push_back({c, depth + 1});
  }
}

bool Inside(const xmlNode* n, const xmlNode* ancestor) {
  for (; n != nullptr; n = n->parent)
    if (n == ancestor) return true;
  return false;
}

bool InsideChrome(const xmlNode* n) {
  for (n = n->parent; n != nullptr && n->type == XML_ELEMENT_NODE; n = n->parent)
    if (KindOf(n, NodeName(n)) != Kind::kKeep) return true;
  return false;
}

// The readability-style rule: every <p> of 20 or more characters outside
// page chrome adds its length to its parent's score and half of it to its
// grandparent's; the winner is the highest score times (1 - link density).
xmlNode* BestByParagraphs(xmlNode* root) {
  std::vector<xmlNode*> paragraphs;
  FindAll(root, "p", nullptr, &paragraphs);
  std::map<xmlNode*, double> score;
  for (xmlNode* p : paragraphs) {
    if (InsideChrome(p)) continue;
    BlockCounts c;
    Count(p, &c, false, 0);
    if (c.text < 20) continue;
    if (p->parent != nullptr) score[p->parent] += static_cast<double>(c.text);
    if (p->parent != nullptr && p->parent->parent != nullptr)
      score[p->parent->parent] += static_cast<double>(c.text) / 2;
  }
  xmlNode* best = nullptr;
  double best_score = 0;
  for (auto& [n, s] : score) {
    if (n->type != XML_ELEMENT_NODE) continue;
    BlockCounts c;
    Count(n, &c, false, 0);
    double density = c.text ? static_cast<double>(c.link_text) / static_cast<double>(c.text) : 1;
    double v = s * (1 - density);
    if (v > best_score) {
      best_score = v;
      best = n;
    }
  }
  return best;
}

xmlNode* ChooseContainer(xmlNode* root) {
  std::vector<xmlNode*> found;
  FindAll(root, nullptr, "articleBody", &found);
  if (found.empty()) FindAll(root, "article", nullptr, &found);
  xmlNode* best = nullptr;
  size_t best_text = 0;
  for (xmlNode* n : found) {
    BlockCounts c;
    Count(n, &c, false, 0);
    size_t net = c.text - std::min(c.text, c.link_text);
    if (best == nullptr || net > best_text) {
      best = n;
      best_text = net;
    }
  }
  if (best != nullptr && best_text > 0) return best;
  if (xmlNode* p = BestByParagraphs(root)) return p;
  std::vector<xmlNode*> body;
  FindAll(root, "body", nullptr, &body);
  return body.empty() ? root : body.front();
}

// Story lists beside the article (a recommended-stories rail): asides and
// related/recommend blocks outside the container with two or more links.
void ListRails(xmlNode* root, const xmlNode* container, std::vector<DroppedBlock>* dropped) {
  std::vector<std::pair<xmlNode*, int>> stack{{root, 0}};
  while (!stack.empty()) {
    auto [n, depth] = stack.back();
    stack.pop_back();
    if (n->type != XML_ELEMENT_NODE || depth > kMaxDepth || n == container) continue;
    std::string name = NodeName(n);
    Kind kind = KindOf(n, name);
    if (kind == Kind::kSilent) continue;
    if (kind == Kind::kChrome && !Inside(container, n)) {
      bool rail = name == "aside" || HasChromeToken(Attr(n, "class")) || HasChromeToken(Attr(n, "id"));
      BlockCounts c;
      Count(n, &c, false, 0);
      if (rail && name != "nav" && name != "header" && name != "footer" && c.links >= 2) {
        dropped->push_back({Describe(n, name), Label(c.first_line), std::max(c.links, c.items),
                            static_cast<uint64_t>(std::max(1L, xmlGetLineNo(n)))});
      }
      continue;
    }
    for (xmlNode* c = n->last; c != nullptr; c = c->prev) stack.push_back({c, depth + 1});
  }
}

}  // namespace

PageText ArticleText(xmlNode* root) {
  PageText out;
  xmlNode* container = ChooseContainer(root);
  TextWriter w(&out);
  Collect(container, w, &out.dropped, 0);
  w.Finish();
  ListRails(root, container, &out.dropped);
  std::sort(out.dropped.begin(), out.dropped.end(),
            [](const DroppedBlock& a, const DroppedBlock& b) { return a.line < b.line; });
  return out;
}

PageText FragmentText(std::string_view html) {
  if (html.find('<') == std::string_view::npos) return TextOfString(html, 0);
  InitLibxml();
  constexpr int kOptions = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                           HTML_PARSE_NONET | HTML_PARSE_COMPACT | HTML_PARSE_IGNORE_ENC;
  std::unique_ptr<xmlDoc, void (*)(xmlDoc*)> doc(
      htmlReadMemory(html.data(), static_cast<int>(html.size()), nullptr, "UTF-8", kOptions),
      xmlFreeDoc);
  PageText out;
  xmlNode* root = doc ? xmlDocGetRootElement(doc.get()) : nullptr;
  if (root == nullptr) return out;
  TextWriter w(&out);
  Collect(root, w, nullptr, 0);
  w.Finish();
  std::fill(out.lines.begin(), out.lines.end(), 0);
  return out;
}

PageText TextOfString(std::string_view text, uint64_t line) {
  PageText out;
  TextWriter w(&out);
  size_t b = 0;
  while (b <= text.size()) {
    size_t e = text.find('\n', b);
    if (e == std::string_view::npos) e = text.size();
    std::string_view l = text.substr(b, e - b);
    if (TrimSpace(l).empty()) {
      w.Break(2);
    } else {
      w.Break(1);
      w.Text(l, line);
    }
    b = e + 1;
  }
  w.Finish();
  return out;
}

}  // namespace kbq::ingest::internal
