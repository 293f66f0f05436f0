// Organisations the data does not know: "Amnesty International", "the
// Revolutionary United Front", "the Association of African Jurists". A run of
// capitalised words that ends in an organisation's head word (titles.tsv type
// org_head: International, Front, Committee, Union …), or a head word followed
// by of/for and capitalised words, becomes a provisional organisation
// (org:slug), as FindTitledNames makes provisional people. Reads the chosen
// spans; takes only free ones (a known name inside keeps its own reading).
#include <algorithm>
#include <string>
#include <string_view>

#include "actors/gazetteer_impl.h"
#include "actors/gazetteer_text.h"
#include "events/lexicon_en.h"

namespace kbq::ingest {
namespace {

bool Capitalised(std::string_view w) { return !w.empty() && w[0] >= 'A' && w[0] <= 'Z'; }

// The word [b, e) around byte `pos` (ASCII letters, digits, - and ').
void WordAt(std::string_view text, uint32_t pos, uint32_t* b, uint32_t* e) {
  auto in_word = [&](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '\'';
  };
  *b = pos;
  *e = pos;
  while (*b > 0 && in_word(text[*b - 1])) --*b;
  while (*e < text.size() && in_word(text[*e])) ++*e;
}

}  // namespace

// A title-case line ("Minister Holds Talks With Party Leaders"): most of its
// words capitalised; capitals say nothing about names there.
bool gaz::TitleCaseLine(std::string_view text, uint32_t pos) {
  size_t b = text.rfind('\n', pos);
  b = b == std::string_view::npos ? 0 : b + 1;
  size_t e = text.find('\n', pos);
  std::string_view line = text.substr(b, e == std::string_view::npos ? std::string_view::npos : e - b);
  // Five words or more, and every lower-case word a short function word (a
  // title keeps only those lower case: of, in, with …; a sentence has verbs).
  auto function_word = [](std::string_view w) {
    for (std::string_view f : {"a", "an", "the", "of", "in", "on", "at", "to", "for", "by", "with", "and", "or",
                               "as", "from", "vs", "vs.", "over", "into"}) {
      if (w == f) return true;
    }
    return false;
  };
  int words = 0;
  size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && line[i] == ' ') ++i;
    size_t j = i;
    while (j < line.size() && line[j] != ' ') ++j;
    if (j > i) {
      char c = line[i];
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
        ++words;
        if (c >= 'a' && c <= 'z' && !function_word(line.substr(i, j - i))) return false;
      }
    }
    i = j;
  }
  return words >= 5;
}

namespace {

bool FunctionWord(std::string_view w) {
  for (std::string_view f : {"With", "And", "For", "Of", "In", "On", "To", "At", "By", "From", "As", "Its", "His", "Her", "Their"}) {
    if (w == f) return true;
  }
  return false;
}

}  // namespace

void Gazetteer::Impl::FindOrgNames(MatchState* st) const {
  std::string_view text = st->text;
  for (const std::string& head : org_heads) {
    for (size_t pos = text.find(head); pos != std::string_view::npos; pos = text.find(head, pos + 1)) {
      uint32_t hb, he;
      WordAt(text, static_cast<uint32_t>(pos), &hb, &he);
      if (hb != pos || text.substr(hb, he - hb) != head || gaz::TitleCaseLine(text, hb)) continue;
      // Left: up to five capitalised words that are no stop words, on one line.
      uint32_t b = hb;
      int left = 0;
      while (left < 5 && b >= 2 && text[b - 1] == ' ') {
        uint32_t wb, we;
        WordAt(text, b - 2, &wb, &we);
        std::string_view w = text.substr(wb, we - wb);
        if (we != b - 1 || !Capitalised(w) || en_stops.count(std::string(w)) || w == "The" || w == "A" ||
            FunctionWord(w)) {
          break;
        }
        b = wb;
        ++left;
      }
      // Right: "of African Jurists", "for Defence of Democracy".
      uint32_t e = he;
      int right = 0;
      for (;;) {
        std::string_view rest = text.substr(e);
        size_t skip = rest.substr(0, 4) == " of " ? 4 : rest.substr(0, 5) == " for " ? 5 : 0;
        if (skip == 0) break;
        uint32_t wb, we;
        WordAt(text, static_cast<uint32_t>(e + skip), &wb, &we);
        if (wb != e + skip || !Capitalised(text.substr(wb, we - wb))) break;
        e = we;
        ++right;
        while (e + 1 < text.size() && text[e] == ' ' && right < 6) {
          uint32_t nb, ne;
          WordAt(text, e + 1, &nb, &ne);
          if (nb != e + 1 || !Capitalised(text.substr(nb, ne - nb))) break;
          e = ne;
          ++right;
        }
      }
      // "of Local and Regional Authorities", "of Democracy and Economic
      // Development": "and" joins up to three capitalised common English
      // words into the name ("of Science and Technology", not the
      // "Yury Kostyukevich" after it).
      uint32_t before_and = e;
      if (right > 0 && text.substr(e, 5) == " and ") {
        const auto& lex = events::EnglishLexicon::Get();
        uint32_t f = e + 4;
        for (int more = 0; f + 1 < text.size() && text[f] == ' ' && more < 3; ++more) {
          uint32_t nb, ne;
          WordAt(text, f + 1, &nb, &ne);
          std::string_view w = text.substr(nb, ne - nb);
          if (nb != f + 1 || !Capitalised(w) || lex.PossiblePos(w) == 0 || lex.ProperOnly(w)) break;
          // A title before a name ends it: "… and Human Rights President Putin".
          uint32_t xb, xe;
          WordAt(text, ne + 1, &xb, &xe);
          std::string_view next = ne + 1 < text.size() && text[ne] == ' ' ? text.substr(xb, xe - xb) : "";
          if (en_title_words.count(std::string(w)) && Capitalised(next) &&
              (lex.PossiblePos(next) == 0 || lex.ProperOnly(next))) {
            break;
          }
          f = ne;
          e = f;
        }
      }
      if (left == 0 && right == 0) continue;
      if (!st->Free(b, e)) e = before_and;
      if (!st->Free(b, e)) continue;
      std::string surface(text.substr(b, e - b));
      std::string id = "org:" + gaz::Slug(surface);
      st->Take(b, e, Selected{0, 0, id, false, true, false});
      auto& a = st->provisional[id];
      if (a.id.empty()) {
        a.id = id;
        a.kind = ActorKind::kOrganisation;
        a.names["en"] = surface;
        a.provisional = true;
        a.source = "text";
      }
    }
  }
}

}  // namespace kbq::ingest
