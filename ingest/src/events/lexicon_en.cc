#include "events/lexicon_en.h"

#include <algorithm>
#include <utility>

#include "embedded/lexicon_en_data.h"
#include "text_util.h"

namespace kbq::ingest::events {
namespace {

// Calls f(fields) for each data line of a TSV table (comments, blank lines
// and the header row starting with `header` skipped).
template <typename F>
void ForEachRow(std::string_view text, std::string_view header, F f) {
  size_t pos = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view line = text.substr(pos, nl - pos);
    size_t start = pos;
    pos = nl + 1;
    if (line.empty() || line[0] == '#' || line.substr(0, header.size()) == header) continue;
    f(internal::Split(line, '\t'), start);
  }
}

PosBit PosFromLetter(char c) {
  switch (c) {
    case 'v': return kPosVerb;
    case 'a': return kPosAdj;
    case 'r': return kPosAdv;
    default: return kPosNoun;
  }
}

ClosedSet ClassFromName(std::string_view name) {
  static constexpr std::pair<std::string_view, ClosedBit> kNames[] = {
      {"det", kDet},     {"pron_subj", kPronSubj}, {"pron_obj", kPronObj}, {"pron_poss", kPronPoss},
      {"pron", kPron},   {"rel", kRel},            {"wh", kWh},            {"prep", kPrep},
      {"to", kTo},       {"conj", kConj},          {"subconj", kSubConj},  {"be", kBe},
      {"have", kHave},   {"do", kDo},              {"modal", kModal},      {"neg", kNeg},
      {"time", kTimeNoun}};
  for (const auto& [n, bit] : kNames) {
    if (n == name) return bit;
  }
  return 0;
}

bool IsVowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() > suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// A regular inflection rule: strip `suffix`, append `add`; `doubled` asks for
// a doubled final consonant before the suffix (stopped → stop).
struct Rule {
  std::string_view suffix;
  std::string_view add;
  PosBit pos;
  Inflection inflection;
  bool doubled = false;
};

// WordNet's morphy detachment rules, plus the doubled consonant and -ied/-ier
// forms it leaves to its exception lists.
constexpr Rule kRules[] = {
    {"s", "", kPosNoun, Inflection::kPlural},
    {"ses", "s", kPosNoun, Inflection::kPlural},
    {"xes", "x", kPosNoun, Inflection::kPlural},
    {"zes", "z", kPosNoun, Inflection::kPlural},
    {"ches", "ch", kPosNoun, Inflection::kPlural},
    {"shes", "sh", kPosNoun, Inflection::kPlural},
    {"men", "man", kPosNoun, Inflection::kPlural},
    {"ies", "y", kPosNoun, Inflection::kPlural},
    {"s", "", kPosVerb, Inflection::kThirdPerson},
    {"ies", "y", kPosVerb, Inflection::kThirdPerson},
    {"es", "", kPosVerb, Inflection::kThirdPerson},
    {"ed", "e", kPosVerb, Inflection::kPast},
    {"ed", "", kPosVerb, Inflection::kPast},
    {"ied", "y", kPosVerb, Inflection::kPast},
    {"ed", "", kPosVerb, Inflection::kPast, true},
    {"ing", "e", kPosVerb, Inflection::kGerund},
    {"ing", "", kPosVerb, Inflection::kGerund},
    {"ing", "", kPosVerb, Inflection::kGerund, true},
    {"er", "", kPosAdj, Inflection::kComparative},
    {"er", "e", kPosAdj, Inflection::kComparative},
    {"ier", "y", kPosAdj, Inflection::kComparative},
    {"er", "", kPosAdj, Inflection::kComparative, true},
    {"est", "", kPosAdj, Inflection::kSuperlative},
    {"est", "e", kPosAdj, Inflection::kSuperlative},
    {"iest", "y", kPosAdj, Inflection::kSuperlative},
    {"est", "", kPosAdj, Inflection::kSuperlative, true},
};

Inflection IrregularInflection(std::string_view form, PosBit pos) {
  switch (pos) {
    case kPosNoun: return Inflection::kPlural;
    case kPosVerb: return EndsWith(form, "ing") ? Inflection::kGerund : Inflection::kPast;
    default: return EndsWith(form, "st") ? Inflection::kSuperlative : Inflection::kComparative;
  }
}

}  // namespace

const EnglishLexicon& EnglishLexicon::Get() {
  static const EnglishLexicon kLexicon;
  return kLexicon;
}

EnglishLexicon::EnglishLexicon() {
  lemma_text_ = LexiconEnData("lexicon_en_lemmas.tsv");
  irregular_text_ = LexiconEnData("lexicon_en_exceptions.tsv");
  lemmas_.reserve(lemma_text_.size() / 10);
  // Rows point into the embedded text; gen_lexicon wrote them sorted.
  // 83k rows: a plain scan, no per-row allocation (this is most of the load time).
  for (size_t pos = 0; pos < lemma_text_.size();) {
    size_t nl = lemma_text_.find('\n', pos);
    if (nl == std::string_view::npos) nl = lemma_text_.size();
    size_t tab = lemma_text_.find('\t', pos);
    if (lemma_text_[pos] != '#' && tab < nl && tab - pos <= 0xffff) {
      PosSet bits = 0;
      uint8_t name = 0, noun_class = 0, concrete = 0;
      size_t k = tab + 1;
      for (; k < nl && lemma_text_[k] != '\t'; ++k) bits |= PosFromLetter(lemma_text_[k]);
      // Optional fields: P or p (a name), N<two digits> (the noun's class).
      while (k < nl && lemma_text_[k] == '\t') {
        ++k;
        if (k < nl && (lemma_text_[k] == 'P' || lemma_text_[k] == 'p')) name = lemma_text_[k] == 'P' ? 2 : 1;
        if (k < nl && lemma_text_[k] == 'c') concrete = 1;
        if (k + 2 < nl && lemma_text_[k] == 'N') {
          noun_class = static_cast<uint8_t>((lemma_text_[k + 1] - '0') * 10 + (lemma_text_[k + 2] - '0')) & 0x3f;
        }
        while (k < nl && lemma_text_[k] != '\t') ++k;
      }
      Lemma l{static_cast<uint32_t>(pos), static_cast<uint16_t>(tab - pos), 0, 0, 0, 0};
      l.pos = bits & 0xf;
      l.concrete = concrete;
      l.name = name & 3;
      l.noun_class = noun_class;
      lemmas_.push_back(l);
    }
    pos = nl + 1;
  }
  ForEachRow(irregular_text_, "\x01", [&](const std::vector<std::string_view>& f, size_t start) {
    if (f.size() < 3 || f[1].size() != 1 || f[0].size() > 0xffff || f[2].size() > 0xffff) return;
    uint32_t lemma_offset = static_cast<uint32_t>(f[2].data() - irregular_text_.data());
    irregular_.push_back({static_cast<uint32_t>(start), lemma_offset, static_cast<uint16_t>(f[0].size()),
                          static_cast<uint16_t>(f[2].size()), PosFromLetter(f[1][0])});
  });
  auto add_closed = [&](std::string_view word, ClosedSet classes) {
    if (word.empty() || classes == 0) return;
    closed_.push_back({internal::AsciiLower(word), classes});
  };
  ForEachRow(LexiconEnData("closed_class_en.tsv"), "word\t",
             [&](const std::vector<std::string_view>& f, size_t) {
               if (f.size() >= 2) add_closed(f[0], ClassFromName(f[1]));
             });
  ForEachRow(LexiconEnData("time_weekdays.tsv"), "word\t", [&](const std::vector<std::string_view>& f, size_t) {
    if (f.size() >= 2 && f[1] == "en") add_closed(f[0], kTimeNoun);
  });
  ForEachRow(LexiconEnData("time_months_en.tsv"), "word\t", [&](const std::vector<std::string_view>& f, size_t) {
    if (!f.empty()) add_closed(f[0], kTimeNoun);
  });
  std::sort(closed_.begin(), closed_.end(), [](const ClosedWord& a, const ClosedWord& b) { return a.word < b.word; });
  // One entry per word: merge the classes of its rows.
  std::vector<ClosedWord> merged;
  for (ClosedWord& c : closed_) {
    if (!merged.empty() && merged.back().word == c.word) {
      merged.back().classes |= c.classes;
    } else {
      merged.push_back(std::move(c));
    }
  }
  closed_ = std::move(merged);
}

size_t EnglishLexicon::memory_bytes() const {
  size_t n = lemmas_.capacity() * sizeof(Lemma) + irregular_.capacity() * sizeof(Irregular) +
             closed_.capacity() * sizeof(ClosedWord);
  for (const ClosedWord& c : closed_) n += c.word.capacity() > 15 ? c.word.capacity() : 0;
  return n;
}

PosSet EnglishLexicon::PosOf(std::string_view lemma) const {
  std::string lower = internal::AsciiLower(lemma);
  auto it = std::lower_bound(lemmas_.begin(), lemmas_.end(), lower,
                             [&](const Lemma& l, const std::string& w) { return LemmaText(l) < w; });
  return it != lemmas_.end() && LemmaText(*it) == lower ? it->pos : 0;
}

const EnglishLexicon::Lemma* EnglishLexicon::Find(std::string_view lemma) const {
  std::string lower = internal::AsciiLower(lemma);
  auto it = std::lower_bound(lemmas_.begin(), lemmas_.end(), lower,
                             [&](const Lemma& l, const std::string& w) { return LemmaText(l) < w; });
  return it != lemmas_.end() && LemmaText(*it) == lower ? &*it : nullptr;
}

uint8_t EnglishLexicon::NameKind(std::string_view word) const {
  const Lemma* l = Find(word);
  return l ? l->name : 0;
}

int EnglishLexicon::NounClass(std::string_view word) const {
  for (const LemmaCandidate& r : Lemmatize(word)) {
    if (r.pos != kPosNoun) continue;
    if (const Lemma* l = Find(r.lemma)) return l->noun_class;
  }
  return 0;
}

bool EnglishLexicon::AbstractNoun(std::string_view word) const {
  for (const LemmaCandidate& r : Lemmatize(word)) {
    if (r.pos != kPosNoun) continue;
    const Lemma* l = Find(r.lemma);
    if (l == nullptr || l->concrete) return false;
    switch (l->noun_class) {
      case 7: case 9: case 10: case 12: case 16: case 19: case 24: case 26: case 28: return true;
      default: return false;
    }
  }
  return false;
}

bool EnglishLexicon::ProperOnly(std::string_view word) const { return NameKind(word) == 2; }

bool EnglishLexicon::PersonName(std::string_view word) const { return NameKind(word) != 0; }

ClosedSet EnglishLexicon::Closed(std::string_view word) const {
  std::string lower = internal::AsciiLower(word);
  auto it = std::lower_bound(closed_.begin(), closed_.end(), lower,
                             [](const ClosedWord& c, const std::string& w) { return c.word < w; });
  return it != closed_.end() && it->word == lower ? it->classes : 0;
}

std::vector<LemmaCandidate> EnglishLexicon::Lemmatize(std::string_view word) const {
  std::vector<LemmaCandidate> out;
  const std::string w = internal::AsciiLower(word);
  if (w.empty()) return out;
  auto add = [&](std::string lemma, PosBit pos, Inflection inflection, bool irregular) {
    for (const LemmaCandidate& c : out) {
      if (c.lemma == lemma && c.pos == pos) return;
    }
    out.push_back({std::move(lemma), pos, inflection, irregular});
  };
  auto form = [&](const Irregular& e) { return irregular_text_.substr(e.form_offset, e.form_length); };
  auto lo = std::lower_bound(irregular_.begin(), irregular_.end(), w,
                             [&](const Irregular& e, const std::string& s) { return form(e) < s; });
  for (auto it = lo; it != irregular_.end() && form(*it) == w; ++it) {
    add(std::string(irregular_text_.substr(it->lemma_offset, it->lemma_length)), it->pos,
        IrregularInflection(w, it->pos), true);
  }
  PosSet base = PosOf(w);
  for (PosBit p : {kPosNoun, kPosVerb, kPosAdj, kPosAdv}) {
    if (base & p) add(w, p, Inflection::kBase, false);
  }
  for (const Rule& r : kRules) {
    if (!EndsWith(w, r.suffix)) continue;
    std::string stem = w.substr(0, w.size() - r.suffix.size());
    if (r.doubled) {
      // stopped → stop, planning → plan: the stem ends in a doubled consonant.
      if (stem.size() < 3 || stem.back() != stem[stem.size() - 2] || IsVowel(stem.back())) continue;
      stem.pop_back();
    } else if (r.suffix == "s" && (EndsWith(stem, "s") || stem.size() < 2)) {
      continue;  // "glass" is no plural of "glas"
    }
    stem += r.add;
    if (stem.size() < 2) continue;
    if (PosOf(stem) & r.pos) add(std::move(stem), r.pos, r.inflection, false);
  }
  return out;
}

PosSet EnglishLexicon::PossiblePos(std::string_view word) const {
  PosSet pos = 0;
  for (const LemmaCandidate& c : Lemmatize(word)) pos |= c.pos;
  return pos;
}

}  // namespace kbq::ingest::events
