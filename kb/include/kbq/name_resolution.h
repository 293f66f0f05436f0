// Name resolution: which actor a name means. One ranking for every place a
// name is looked up — the gazetteer (kbq::ingest) and the query engine
// (kbq::query, on the store's name index) — so that a form the tagger reads
// in text resolves the same way when a user types it. The keys are
// NormaliseName() keys (kbq/names.h). Pure functions; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kbq/model.h"

namespace kbq {

// How `key` (a NormaliseName key) names `actor`: the best kind among its id,
// names, aliases and name forms; nullopt when none of them normalise to it.
std::optional<NameKind> HowNamed(const Actor& actor, std::string_view key);

// One actor a name may mean.
struct NameCandidate {
  const Actor* actor = nullptr;
  NameKind via = NameKind::kName;
  uint64_t events = 0;  // events it takes part in, where the caller knows
};

// Orders candidates best first. A full name or alias beats a short form,
// which beats a surname (a place generated from GeoNames or ISO 3166-2
// ranks with surnames: "Austin" is a town and a minister); a metonym (Kyiv for Ukraine's government) beats the
// place of the same name unless `strict` (then the place itself comes first
// and metonyms last). Among equals, by kind (ResolutionRank: a country
// first); CountBest still counts them as equally good.
void RankCandidates(std::vector<NameCandidate>* candidates, bool strict);

// The candidates as good as the first one under RankCandidates' order: more
// than one means the name is ambiguous. REQUIRES: ranked, non-empty.
size_t CountBest(const std::vector<NameCandidate>& ranked, bool strict);

}  // namespace kbq
