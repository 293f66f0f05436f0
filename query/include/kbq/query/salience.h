// Salience for timelines: the score and the filters' helpers are defined
// once, in the kb library (kbq/salience.h), because the store also computes
// the score at commit for its salience index; the query library uses them
// under its own namespace. Pure functions over values; thread-safe.
#pragma once

#include "kbq/salience.h"

namespace kbq::query {

using kbq::ArticleSource;
using kbq::DatedOnlyByReport;
using kbq::DistinctArticles;
using kbq::DistinctMentions;
using kbq::DistinctSources;
using kbq::EvidenceMentions;
using kbq::IsMinorEvent;
using kbq::Salience;

// Under this salience an event is *weak*: one sentence of one article with at
// most one named side (ln 2 × 3 + 0.5 = 2.58) already falls below it once its
// confidence is under about 0.78. A ranked timeline of a window (--top N with
// --from/--to) leaves weak events out (--all shows them): they are the N most
// salient only when the window holds little else.
constexpr double kWeakSalience = 2.0;

}  // namespace kbq::query
