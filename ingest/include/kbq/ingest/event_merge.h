// Merging events: one event per happening, within an article and across
// articles and languages. The rule is SameHappening(); MergeInto() combines
// two events and returns the same_as link that records (and lets one undo)
// the merge.
//
// Free functions on plain values; thread-safe.
#pragma once

#include <functional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "kbq/ingest/event_extractor.h"
#include "kbq/model.h"

namespace kbq::ingest {

// Maps an actor id to the countries/organisations it belongs to (a person to
// their country, a place to its country). May be empty (no mapping).
using AncestorsFn = std::function<std::vector<std::string>(const std::string& actor_id)>;

// True when the types may name one happening: equal, one an ancestor of the
// other in types.tsv, or of the same family (negotiate ≈ meeting ≈ summit).
bool TypesCompatible(std::string_view a, std::string_view b);

// The merge rule: compatible types; the same modality class (asserted,
// reported and claimed form one class; negated, counterfactual, planned and
// demanded each their own); dates that overlap (±1 day between day-precise
// dates of different articles); participants that overlap once people are
// mapped to their countries (or, when either side has none, identical types
// on the same day); places equal or one inside the other.
bool SameHappening(const Event& a, const Event& b, const AncestorsFn& ancestors = nullptr);

struct MergeResult {
  Event event;    // `kept`, enlarged
  Link same_as;   // {from: absorbed id, to: kept id, kind: kSameAs}
};
// Union of mentions and participants; the most precise explicit date; the
// kept id, place and attribution unless the kept event lacks them.
MergeResult MergeInto(const Event& kept, const Event& other);

// Merges every pair SameHappening() accepts (the earlier event is kept),
// rewrites links onto kept ids, drops self-links and duplicates, and appends
// the same_as links (the merge log).
// Events whose ids are in `apart` ("another meeting") are merged with none.
void MergeExtraction(Extraction* x, const AncestorsFn& ancestors = nullptr,
                     const std::set<std::string>* apart = nullptr);

// Before MergeExtraction: an event reported only in the headline (its
// mentions all in the first `headline_sentences` sentences) and dated only by
// the publication day is the body's event of the same happening when one
// fits (SameHappening once it takes that event's date); it then takes the
// date and moves after the body's events, so that MergeExtraction folds it
// into the body's event as a second mention and the body's id is kept.
void FoldHeadline(Extraction* x, uint32_t headline_sentences, const AncestorsFn& ancestors = nullptr);

}  // namespace kbq::ingest
