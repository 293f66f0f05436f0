// One row per happening in a timeline: a meeting, visit or call (CAMEO 04x)
// that several rows tell — the same day of their own, the same sides once a
// person is read as the country (or organisation) they stand for — is shown
// once, as its most salient row, whose `related` lists the ids of the others.
// Extraction merges what one article says twice; this folds what separate
// triggers and articles left apart ("Scholz in Moscow", "the talks", "the
// news conference"). The store keeps every event.
#pragma once

#include <cstddef>
#include <vector>

#include "kbq/query/engine.h"

namespace kbq::query {

// Folds `rows` in place, keeping their order (a group sits where its first
// row was); returns how many rows were folded into another.
size_t FoldSameHappening(std::vector<EventView>* rows);

}  // namespace kbq::query
