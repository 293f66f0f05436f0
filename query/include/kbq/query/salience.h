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

using kbq::kWeakSalience;  // kbq/salience.h

}  // namespace kbq::query
