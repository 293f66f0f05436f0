// The text of an HTML page's article: which element holds it, what page
// chrome inside and around it is dropped, and how blocks become lines.
// Internal to kbq::ingest (html_reader.cc, feed_reader.cc).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

typedef struct _xmlNode xmlNode;

namespace kbq::ingest::internal {

// Initialises libxml2 once per process (its parsers may then run on many
// threads); every reader that parses calls it first.
void InitLibxml();

// libxml2 helpers: the element's lower-case name, an attribute ("" when
// absent), all text below a node (entities decoded).
std::string NodeName(const xmlNode* n);
std::string Attr(const xmlNode* n, const char* name);
std::string NodeContent(const xmlNode* n);

// A block left out of the text, for the warning that reports it.
struct DroppedBlock {
  std::string what;   // "<aside class=\"rail\">"
  std::string label;  // its heading or first words
  size_t items = 0;   // links or list items in it
  uint64_t line = 1;  // in the HTML
};

struct PageText {
  std::string text;             // paragraphs separated by blank lines
  std::vector<uint64_t> lines;  // for each line of `text`, its HTML line (0: unknown)
  std::vector<DroppedBlock> dropped;
};

// The article's text under `root` (docs/readers.md): the itemprop=
// "articleBody" element, else the <article> with the most text, else the
// element whose <p> children hold the most text net of links; navigation,
// headers, footers, asides, forms, scripts and share/related blocks left out
// (those with text are listed in `dropped`).
PageText ArticleText(xmlNode* root);

// The text of a fragment of HTML (a feed item's content) the same way,
// without the choice of a container. Plain text passes through.
PageText FragmentText(std::string_view html);

// Plain text (JSON-LD articleBody) split into lines, all mapped to `line`.
PageText TextOfString(std::string_view text, uint64_t line);

}  // namespace kbq::ingest::internal
