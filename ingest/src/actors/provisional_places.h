// Places the gazetteer does not hold, found by their structure (provisional
// places, like the provisional person names of Gazetteer::Match):
//   - Chinese: a name ending in an administrative suffix (省 市 县 区 镇 乡 村
//     街道), a road (路, 大道, 公路; 国道/省道/县道 after a number such as G107;
//     高速 after a name), or a facility (机场, 港, 站), scanning back from the
//     suffix over Chinese characters up to a stop character, punctuation or a
//     known name; ordinary words that end in a suffix (城市, 社区, 网站) are
//     not names. A road may carry a kilometre mark (K1234+500, 1234公里处).
//   - English: "in/near/outside <Capitalised Name>" where no known name is.
// Each is attached to the nearest known place or country before it in the
// same sentence (its parent); an English one with no such parent is dropped.
// The word lists are data (ingest/data/actors/place_structure.tsv).
// Internal to kbq::ingest.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <vector>

#include "kbq/status.h"

namespace kbq::ingest::places {

struct StructureLexicon {
  std::vector<std::pair<std::string, std::string>> suffixes;  // (text, kind), longest first
  std::vector<std::string> not_names;
  std::vector<std::string> suffix_words;  // 区域, 市场: a word starting at a suffix
  std::unordered_set<int32_t> stop_chars;
  std::vector<std::string> en_preps;
  std::unordered_set<std::string> en_not_places;

  // Rows of place_structure.tsv (type lang text place_kind source); a bad row
  // gives InvalidArgument "file:LINE: reason".
  Status Load(std::string_view file, const std::vector<std::pair<size_t, std::vector<std::string_view>>>& rows);
};

// A known name's span in the text, as the matcher placed it.
struct KnownSpan {
  uint32_t begin = 0, end = 0;
  bool place = false;  // a place or a country
};

struct FoundPlace {
  uint32_t begin = 0, end = 0;  // the mention (a road's kilometre mark included)
  std::string name;             // the place's name (without the mark)
  std::string lang;             // "zh" or "en"
  int parent = -1;              // index into `known`, or -1
  int parent_found = -1;        // or an earlier found place (XX县YY镇): index into the result
  int extends = -1;             // a known place right before an administrative suffix (平原 + 县): index
                                // into `known`; the mention grows to [known.begin, end) and no new place is made
};

// `known` sorted by begin, non-overlapping.
std::vector<FoundPlace> FindChinesePlaces(std::string_view text, const StructureLexicon& lex,
                                          const std::vector<KnownSpan>& known);
// `is_stop(word)`: capitalised words that never start a name.
std::vector<FoundPlace> FindEnglishPlaces(std::string_view text, const StructureLexicon& lex,
                                          const std::vector<KnownSpan>& known,
                                          const std::function<bool(std::string_view)>& is_stop);

}  // namespace kbq::ingest::places
