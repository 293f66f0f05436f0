// Places generated from system data (ISO 3166-2 regions, GeoNames cities):
// the facts the matcher needs beyond the Actor record, and the rules that
// decide, per article, whether a generated name is a place there and which
// of several same-named places it is. Internal to kbq::ingest.
//
// The rules (docs/extraction.md, "Places"):
// - A generated English name must be capitalised as in the data, and not run
//   into another capitalised word (Victoria Nuland, Independence Square).
// - A one-word English name that WordNet knows as a lower-case word (Mobile,
//   Reading, Nice, Split) needs local evidence unless the place has at least
//   1,000,000 people: "in/near/outside/at/from X", or X next to a mention of
//   its own region or country ("Mobile, Alabama").
// - A one-word English name of a place under 100,000 people, or of fewer
//   than four letters, needs local evidence or its country elsewhere in the
//   article.
// - A Chinese generated name must sit on word boundaries (ICU's dictionary
//   segmentation) or be followed by an administrative suffix (市, 县...); a
//   two-character one also needs 1,000,000 people, the suffix, or its region
//   or country right before it.
// - Same-named places (Paris FR / Paris US; Georgia the country / the US
//   state): the first reading whose country the article names elsewhere,
//   else the first in data order (countries, hand-written places, then
//   generated places by population).
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "kbq/model.h"

namespace kbq::ingest::places {

// Per actor (same index as the gazetteer's actors).
struct PlaceFacts {
  bool generated = false;     // from gen_places, not a hand-written file
  uint32_t population = 0;    // 0: unknown (regions)
  std::vector<std::string> common_words;  // its English names WordNet knows as words
  bool major_region = false;  // a first-level subdivision of a country with few of them
};

// The country (alpha-3) an actor belongs to by its first part_of chain, or
// itself for a country; empty when none.
std::string CountryOf(const std::vector<Actor>& actors, const std::unordered_map<std::string, size_t>& index,
                      size_t i);

// Marks the generated ISO 3166-2 first-level subdivisions of countries with
// at most kMaxMajorRegions of them (states, provinces, the UK's nations; not
// Slovenia's 212 municipalities) as major regions: their population is
// unknown, not small, so a one-word name needs no place preposition.
inline constexpr size_t kMaxMajorRegions = 100;
void MarkMajorRegions(const std::vector<Actor>& actors, std::vector<PlaceFacts>* facts);

// Generated places that repeat a hand-written place (an equal English name or
// alias, under the same country) fold into it: the hand record keeps its id
// and gains coordinates and missing names; part_of references to the folded
// record move to the survivor. Rebuilds `index`.
void FoldGeneratedDuplicates(std::vector<Actor>* actors, std::vector<PlaceFacts>* facts,
                             std::unordered_map<std::string, size_t>* index);

// One mention whose readings include a generated place or several places.
struct PlaceMention {
  uint32_t begin = 0, end = 0;
  std::vector<uint32_t> readings;  // actor indices, data order
  uint32_t chosen = 0;             // out: the reading taken
  bool keep = true;                // out: false = not a place here
};

// Decides every mention in `mentions` (see the rules above). `countries`
// holds the countries named elsewhere in the article (ISO alpha-3);
// `country_of(actor)` is an actor's country (alpha-3 or empty);
// `ancestor_next(m, actor)` says whether a mention right next to m (touching,
// or across ", ") is an ancestor or a descendant of the actor: 河北石家庄,
// "Mobile, Alabama", "Atlanta, Georgia".
void ResolveMentions(std::string_view text, const std::vector<Actor>& actors, const std::vector<PlaceFacts>& facts,
                     const std::vector<std::string>& countries,
                     const std::function<std::string(uint32_t)>& country_of,
                     const std::function<bool(const PlaceMention&, uint32_t)>& ancestor_next,
                     std::vector<PlaceMention>* mentions);

}  // namespace kbq::ingest::places
