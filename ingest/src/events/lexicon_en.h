// The English lexicon of the event extractor: lemmas and parts of speech from
// WordNet 3.0 (generated at build time by ingest/tools/gen_lexicon.cc from
// Debian's wordnet-base and compiled into the library), the irregular forms of
// WordNet's exception lists, and the closed-class words WordNet lacks
// (ingest/data/lexicon/closed_class_en.tsv) plus the time nouns
// (closed_class_en.tsv and the weekday/month names of ingest/data/time_*.tsv).
//
// Reads: the embedded tables only (no files at run time). Writes: nothing.
// One immutable instance (EnglishLexicon::Get()) built on first use; safe to
// share between threads. Words are looked up in ASCII lower case; any other
// byte is compared as is.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace kbq::ingest::events {

// Open-class parts of speech, as bits of a PosSet (WordNet's n, v, a, r).
enum PosBit : uint8_t { kPosNoun = 1, kPosVerb = 2, kPosAdj = 4, kPosAdv = 8 };
using PosSet = uint8_t;

// How a form relates to its lemma.
enum class Inflection : uint8_t {
  kBase,         // the lemma itself
  kPlural,       // noun -s/-es/-ies, or an irregular plural (men)
  kThirdPerson,  // verb -s/-es/-ies (calls, phones, carries)
  kPast,         // verb -ed/-d/-ied, doubled consonant + -ed, or an irregular past or participle (met)
  kGerund,       // verb -ing, doubled consonant + -ing, -e dropped (phoning)
  kComparative,  // adjective/adverb -er (bigger, better)
  kSuperlative,  // adjective/adverb -est (biggest, best)
};

struct LemmaCandidate {
  std::string lemma;  // lower case
  PosBit pos = kPosNoun;
  Inflection inflection = Inflection::kBase;
  bool irregular = false;  // from WordNet's exception lists
};

// Closed classes (bits; a word may be in several: "that" is det, pron, rel
// and subconj). Names as in closed_class_en.tsv's class column.
enum ClosedBit : uint32_t {
  kDet = 1u << 0,        // det: the, a, this, every, last, next
  kPronSubj = 1u << 1,   // pron_subj: he, they
  kPronObj = 1u << 2,    // pron_obj: him, them
  kPronPoss = 1u << 3,   // pron_poss: his, their
  kPron = 1u << 4,       // pron: other pronouns (himself, someone, both)
  kRel = 1u << 5,        // rel: who, which, that
  kWh = 1u << 6,         // wh: what, where, how
  kPrep = 1u << 7,       // prep: in, on, with, by
  kTo = 1u << 8,         // to: the infinitive marker (also a preposition)
  kConj = 1u << 9,       // conj: and, or, but
  kSubConj = 1u << 10,   // subconj: after, because, that, while
  kBe = 1u << 11,        // be: is, was, been
  kHave = 1u << 12,      // have: has, had
  kDo = 1u << 13,        // do: does, did
  kModal = 1u << 14,     // modal: will, would, can
  kNeg = 1u << 15,       // neg: not, n't, never
  kTimeNoun = 1u << 16,  // time: week, today, Monday, March
};
using ClosedSet = uint32_t;

class EnglishLexicon {
 public:
  // The one instance, built from the embedded tables on first call (about a
  // millisecond; see docs/extraction.md). Never fails: a missing table would
  // be a build error.
  static const EnglishLexicon& Get();

  // WordNet's parts of speech of `lemma` (any case); 0 when WordNet does not
  // list it as a lemma.
  PosSet PosOf(std::string_view lemma) const;

  // Every (lemma, part of speech) that `word` (any case) can be an inflection
  // of, WordNet-validated: the word itself when it is a lemma, its irregular
  // forms (met → meet), and the regular rules (-s/-es/-ies, -ed/-d/-ied,
  // doubled consonant + -ed/-ing/-er/-est, -ing with or without a dropped -e,
  // -er/-est). Empty when none applies (unknown words, names). No duplicates;
  // irregular readings first, then the base, then regular rules.
  std::vector<LemmaCandidate> Lemmatize(std::string_view word) const;

  // The union of PosOf over Lemmatize(word): every part of speech `word` can
  // have.
  PosSet PossiblePos(std::string_view word) const;

  // True when `word` (any case) is a WordNet lemma written capitalised in
  // every synset it is in, one of them a person (noun.person): a name of
  // people only (Cyril, Taylor), never a common word (turkey, mark) nor
  // another kind of name (Monday, Olympics).
  bool ProperOnly(std::string_view word) const;
  // True when WordNet writes `word` capitalised as a person's name in some
  // synset, whether or not it is also a common word (Mark, Cyril).
  bool PersonName(std::string_view word) const;
  // WordNet's lexicographer file of the most frequent noun sense of `word`
  // (any case, a plural read as its singular): 6 noun.artifact, 9
  // noun.cognition, 26 noun.state …; 0 when it is no WordNet noun.
  int NounClass(std::string_view word) const;
  // True when that sense is abstract — an attribute, idea, message, feeling,
  // motive, phenomenon, relation, state or time (files 7 9 10 12 16 19 24 26
  // 28): "great opportunities", "an impetus", "comments" — and no sense of
  // the noun is a concrete thing (an artifact, food, natural object,
  // possession or substance: gas, resources, aid). Not an act (help, support).
  bool AbstractNoun(std::string_view word) const;

  // The closed classes of `word` (any case); 0 when it is open-class.
  ClosedSet Closed(std::string_view word) const;

  size_t lemma_count() const { return lemmas_.size(); }
  size_t irregular_count() const { return irregular_.size(); }
  // Bytes held by the lookup tables (not the embedded text they point into).
  size_t memory_bytes() const;

 private:
  EnglishLexicon();

  // An entry points into the embedded text: 8 bytes, no string copied.
  struct Lemma {
    uint32_t offset;
    uint16_t length;
    PosSet pos : 4;
    uint8_t concrete : 1;    // some noun sense is a concrete thing (AbstractNoun)
    uint8_t name : 2;        // 2: a name of people only (ProperOnly), 1: also a common word (PersonName)
    uint8_t noun_class : 6;  // NounClass, 0 none
  };
  struct Irregular {
    uint32_t form_offset;
    uint32_t lemma_offset;
    uint16_t form_length;
    uint16_t lemma_length;
    PosBit pos;
  };
  struct ClosedWord {
    std::string word;
    ClosedSet classes;
  };
  uint8_t NameKind(std::string_view word) const;
  const Lemma* Find(std::string_view lemma) const;
  std::string_view LemmaText(const Lemma& l) const { return lemma_text_.substr(l.offset, l.length); }

  std::string_view lemma_text_;      // the embedded lemmas table
  std::string_view irregular_text_;  // the embedded exceptions table
  std::vector<Lemma> lemmas_;        // sorted by text (the table's own order)
  std::vector<Irregular> irregular_;  // sorted by form
  std::vector<ClosedWord> closed_;        // sorted by word
};

}  // namespace kbq::ingest::events
