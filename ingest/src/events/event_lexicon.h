// EventLexicon (internal): the parsed event data files (types.tsv,
// triggers.tsv, cues.tsv) and the trigger / cue matchers over a sentence.
//
// Immutable after Parse(); const methods are thread-safe.
#pragma once

#include "text_util.h"

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "kbq/ingest/event_extractor.h"
#include "kbq/status.h"

namespace kbq::ingest::internal {

struct TriggerEntry {
  std::string lang;  // "zh" or "en"
  std::string text;  // the lexicon form
  std::string type;  // our type, or "-" for a blocker
  char pos = 'v';    // 'v' verb, 'n' noun, 'x' exact
  std::string ref;   // blockers: the event type the phrase refers to, or empty
  // object_blockers.tsv: heads of the following noun phrase that cancel the
  // trigger (block), or the only heads that keep it (allow; empty = any).
  std::vector<std::string> object_block;
  std::vector<std::string> object_allow;
  // block_after: the word right after the object phrase cancels it
  // ("allow Ukraine to become": enabling, not a concession).
  std::vector<std::string> object_block_after;
};

// One trigger (or blocker) found in a text.
struct TriggerHit {
  uint32_t begin = 0;  // byte span in the searched text
  uint32_t end = 0;
  const TriggerEntry* entry = nullptr;
  bool blocker() const { return entry->type == "-"; }
};

// One cue occurrence.
struct CueHit {
  uint32_t begin = 0;
  uint32_t end = 0;
  const std::string* text = nullptr;
};

class EventLexicon {
 public:
  static Result<EventLexicon> Parse(std::string_view types, std::string_view triggers,
                                    std::string_view cues, std::string_view object_blockers = {});

  const EventTypeInfo* Type(std::string_view type) const;
  const std::vector<EventTypeInfo>& types() const { return types_; }

  // Leftmost-longest non-overlapping trigger and blocker matches in `text`
  // (Chinese by substring, English by whole words with inflections).
  std::vector<TriggerHit> FindTriggers(std::string_view text) const;

  // Every occurrence of a cue of `kind` in `text` (both languages; English
  // cues match whole words, case-insensitively). Sorted by begin.
  std::vector<CueHit> FindCues(std::string_view kind, std::string_view text) const;
  bool HasCue(std::string_view kind, std::string_view text) const {
    return !FindCues(kind, text).empty();
  }
  // True when `word` (any case) is itself a cue of `kind`: a set lookup, for
  // the per-word sense rules.
  bool IsCueWord(std::string_view kind, std::string_view word) const;

  size_t trigger_count(std::string_view lang) const;
  size_t cue_count() const { return cue_count_; }

 private:
  struct Form {
    std::string text;  // lower-case surface form
    const TriggerEntry* entry;
  };
  std::vector<EventTypeInfo> types_;
  std::unordered_map<std::string, size_t> type_index_;
  std::vector<std::unique_ptr<TriggerEntry>> entries_;
  // Chinese forms keyed by their first UTF-8 character; English forms keyed
  // by their first word. Each list longest first.
  std::unordered_map<std::string, std::vector<Form>> zh_forms_;
  std::unordered_map<std::string, std::vector<Form>> en_forms_;
  // Verb entries keyed by their first word's lemma; Form::text is the rest of
  // the phrase (" by phone", or empty). Any inflection WordNet's lemmatizer
  // maps to that lemma matches (telephoned, phoning, spoke by phone).
  std::unordered_map<std::string, std::vector<Form>> en_lemma_forms_;
  std::map<std::string, std::vector<std::string>, std::less<>> cues_zh_;
  std::map<std::string, std::vector<std::string>, std::less<>> cues_en_;
  std::map<std::string, std::unordered_set<std::string>, std::less<>> cue_words_;  // kind → cues, lower case
  size_t cue_count_ = 0;
};

// UTF-8 helpers.
size_t Utf8Len(unsigned char lead);
bool IsAsciiAlnum(char c);
// Inflected forms of an English lexicon entry (pos 'v': first word as a verb;
// 'n': last word plural; 'x': as is). Lower case.
std::vector<std::string> EnglishForms(std::string_view text, char pos);

}  // namespace kbq::ingest::internal
