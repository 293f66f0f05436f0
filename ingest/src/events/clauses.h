// Clauses and tokens of one sentence: the units every later stage of the
// event extractor counts in. Reads text only; writes nothing shared.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace kbq::ingest::events {

// Clause boundaries: punctuation that ends a clause. ASCII ',' between two
// digits (50,000) does not. On true, *len is the separator's length in bytes.
bool IsClauseSep(std::string_view s, size_t i, size_t* len);

struct Span {
  uint32_t begin = 0;
  uint32_t end = 0;
};

// The clauses of `s` (never empty: a sentence without separators is one clause).
std::vector<Span> SplitClauses(std::string_view s);

// The index of the clause holding byte `pos` (the last clause when past the end).
size_t ClauseOf(const std::vector<Span>& clauses, uint32_t pos);

// `s` without a trailing Chinese quantity: digits or numerals followed by a
// measure word (12名, 数百名, 两位, 多个). Unchanged when none ends it.
std::string_view StripChineseQuantity(std::string_view s);

// `s` without leading and trailing spaces and tabs.
std::string_view Trim(std::string_view s);

// English word tokens of a sentence for the sense rules: words (letters,
// digits, '-', apostrophes) and punctuation marks; spaces and quotation marks
// are skipped.
struct Tok {
  uint32_t begin = 0, end = 0;
  bool word = false;
  std::string lower;  // lower case, a trailing possessive 's removed
};

std::vector<Tok> Tokens(std::string_view text);

// `head` is `word` or one of its plurals (republic ~ republics, entity ~ entities).
bool SameNoun(const std::string& head, const std::string& word);

}  // namespace kbq::ingest::events
