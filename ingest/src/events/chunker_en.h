// A small, explicit English chunker: tokens → part-of-speech guesses → noun
// phrases and verb groups → per clause, the subject, the verb, the objects and
// the prepositional attachments (by-agent, with-partner, on/against/to/in/at).
// The rules are in docs/extraction.md, "English lexicon and chunker"; the
// words come from EnglishLexicon (lexicon_en.h).
//
// Reads: one sentence's text (UTF-8; bytes that are not ASCII count as letters
// of a word unless they are typographic quotes or dashes) and the lexicon.
// Writes: a ChunkedSentence, self-contained (byte offsets into the text, no
// pointers). Every pass is linear in the number of tokens, with bounded
// look-ahead; no regular expressions. Stateless and thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "events/lexicon_en.h"

namespace kbq::ingest::events {

// A token's part of speech, as guessed in context.
enum class Tag : uint8_t {
  kNoun, kProperNoun, kPronoun, kNumber,
  kVerb,        // a main verb
  kAux,         // be, have, do (main verb when nothing follows it: "was in Bali")
  kModal,       // will, would, can …
  kNeg,         // not, n't, never
  kAdj, kAdv,
  kDet,         // the, a, this, last, next
  kPossPron,    // his, their
  kPossMarker,  // 's after a noun (Russia's)
  kPrep,        // in, on, with, by, after (when no clause follows)
  kTo,          // the infinitive marker before a verb
  kConj,        // and, or, but
  kSubConj,     // after, because, that (introducing a clause)
  kRel,         // who, which, that after a noun
  kPunct,
};

struct Token {
  uint32_t begin = 0, end = 0;  // bytes of the sentence
  std::string text;             // as written
  std::string lower;            // ASCII lower case
  std::string lemma;            // lower case; the lemma of the chosen tag (= lower when none)
  Tag tag = Tag::kNoun;
  Inflection inflection = Inflection::kBase;
  PosSet possible = 0;          // WordNet's parts of speech over all readings
  ClosedSet closed = 0;         // closed classes (lexicon_en.h)
  bool capitalised = false;     // starts with an ASCII capital
  bool initial = false;         // the first word of the sentence (or after an opening quote or colon)
};

// Splits a sentence into word and punctuation tokens. Clitics become their own
// tokens: Russia's → Russia 's, didn't → did n't, can't → ca n't, they're →
// they 're. Tags are left at their default; see TagEnglish.
std::vector<Token> TokenizeEnglish(std::string_view sentence);

// Sets tag, lemma and inflection of every token: closed class first, then
// capitalised words that do not start the sentence as proper nouns, WordNet's
// parts of speech, and a noun/verb or adjective/verb choice by the neighbours.
void TagEnglish(std::vector<Token>* tokens);

enum class ChunkKind : uint8_t {
  kNounPhrase,   // the Turkish foreign minister; Russia's defence ministry; Xi; last week
  kVerbGroup,    // has not been met; will hold; to visit; called
  kPreposition,  // one preposition token
  kConjunction,  // and / or / but
  kSubordinator, // a subordinating conjunction or relative pronoun
  kPunct,
  kOther,        // a stray adverb or anything else
};

// A run of tokens [begin_token, end_token). Every token is in exactly one
// chunk; chunks are in text order.
struct Chunk {
  ChunkKind kind = ChunkKind::kOther;
  uint32_t begin_token = 0, end_token = 0;
  uint32_t head = 0;  // token: a noun phrase's last noun; a verb group's main verb (or its last auxiliary)
  // Noun phrases.
  int32_t possessor = -1;     // token heading the possessor (Russia in "Russia's minister"), or -1
  int32_t apposition = -1;    // chunk of the appositive noun phrase (", the Y of Z,"), or -1
  bool appositive = false;    // this noun phrase is an apposition of the one before it
  bool temporal = false;      // headed by a time noun (Monday, last week, March)
  // Verb groups.
  std::string lemma;          // the main verb's lemma
  std::string modal;          // the first modal's lemma ("will"), empty if none
  bool passive = false;       // a form of be (or get) + past participle
  bool negated = false;
  bool infinitive = false;    // starts with "to"
  bool finite = true;         // false for a bare -ing form (after meeting Biden)
};

// True when a verb group starting at token `first` carries a tense of its own:
// a past or third-person form ("called", "says") or a finite auxiliary or
// modal ("are", "was", "has", "will"); a bare base form ("sign") does not.
inline bool OwnTense(const Token& first) {
  if (first.inflection == Inflection::kPast || first.inflection == Inflection::kThirdPerson) return true;
  if (first.tag == Tag::kModal) return true;
  if (first.tag != Tag::kAux) return false;
  const std::string& w = first.lower;
  return w == "is" || w == "are" || w == "am" || w == "was" || w == "were" || w == "has" || w == "had" ||
         w == "does" || w == "did";
}

// A prepositional attachment of a clause.
struct PrepAttachment {
  std::string prep;             // lower case: "in", "on", "against", "for"
  std::vector<uint32_t> nouns;  // noun-phrase chunks (several when coordinated)
  bool temporal = false;        // its noun phrase is a time expression (on Monday)
};

// The roles of one clause, as chunk indices into ChunkedSentence::chunks.
// Coordinated noun phrases ("Xi and Putin") give several entries; appositions
// are left out (find them through Chunk::apposition).
struct ClauseRoles {
  std::vector<uint32_t> subject;  // the grammatical subject (the patient when passive)
  int32_t verb = -1;              // the verb group
  std::vector<uint32_t> objects;  // direct (and second) objects: called [the decision] [a mistake]
  std::vector<uint32_t> by_agent;  // the agent of a passive verb (by …)
  std::vector<uint32_t> with_partner;  // with …
  std::vector<PrepAttachment> preps;   // every other preposition, in text order
  std::vector<uint32_t> times;         // time noun phrases without a preposition (last week)
  std::string particle;  // the preposition right after the verb ("for" in "called for"), or empty
  int32_t parent = -1;   // the clause this one is nested in (relative, infinitive, participle), or -1
  bool subject_inherited = false;  // the subject was taken from another clause (and-ellipsis, control, relative)
};

struct ChunkedSentence {
  std::vector<Token> tokens;
  std::vector<Chunk> chunks;
  std::vector<ClauseRoles> clauses;  // in the order of their verbs

  // The head token's text of chunk `c` ("Xi", "minister"); empty when out of range.
  std::string_view HeadText(int64_t c) const;
  // The chunk's tokens joined by single spaces ("the Turkish foreign minister").
  std::string ChunkText(int64_t c) const;
  // Byte span [begin, end) of chunk `c` in the sentence (c must be in range).
  std::pair<uint32_t, uint32_t> Span(size_t c) const {
    return {tokens[chunks[c].begin_token].begin, tokens[chunks[c].end_token - 1].end};
  }
  // Whether byte `pos` lies inside chunk `c` (c must be in range).
  bool Covers(size_t c, uint32_t pos) const {
    auto [b, e] = Span(c);
    return pos >= b && pos < e;
  }
};

// Groups tagged tokens into chunks (see Chunk).
std::vector<Chunk> ChunkEnglish(const std::vector<Token>& tokens);

// The clauses' roles over chunks (see ClauseRoles).
std::vector<ClauseRoles> FindClauseRoles(const std::vector<Token>& tokens, std::vector<Chunk>* chunks);

// All of the above on one sentence. Empty text gives an empty result.
ChunkedSentence ChunkSentence(std::string_view sentence);

}  // namespace kbq::ingest::events
