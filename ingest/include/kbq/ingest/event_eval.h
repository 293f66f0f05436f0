// Event evaluation against the PLOVER gold standard records (gsr_dev.json:
// one English sentence per record with its PLOVER event category and
// source/target actors as ISO-3166 alpha-3 codes).
//
// Thread-compatible: call from one thread.
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "kbq/ingest/event_extractor.h"
#include "kbq/ingest/gazetteer.h"
#include "kbq/ingest/temporal_tagger.h"
#include "kbq/status.h"

namespace kbq::ingest {

using ActorMatcherFn = std::function<std::vector<ActorMention>(std::string_view text)>;
using TimeTaggerFn = std::function<std::vector<TimeMention>(std::string_view text)>;
using ActorLookupFn = std::function<const Actor*(const std::string& id)>;

struct EventEvalReport {
  size_t records = 0;        // records with text
  size_t with_event = 0;     // records where we found an event with a PLOVER category
  size_t type_correct = 0;   // our main event's PLOVER category == gold
  size_t source_gold = 0;    // records with gold source actors
  size_t source_correct = 0; // one of our sources maps to a gold source code
  size_t target_gold = 0;
  size_t target_correct = 0;
  // Per gold category: {records, correct}.
  std::map<std::string, std::pair<size_t, size_t>> per_category;
  // "ID\tgold\tpredicted\ttrigger" for every wrong type, for review.
  std::vector<std::string> errors;

  double type_accuracy() const { return records ? double(type_correct) / records : 0; }
  // A multi-line human-readable summary.
  std::string ToString() const;
};

// The PLOVER category we code an event as for comparison with the GSR,
// following PLOVER's conventions: a planned cooperative act codes AGREE
// (intent), a planned hostile act THREATEN, a demanded act DEMAND, a negated
// cooperative act REJECT. "-" when the type has no category.
std::string PloverCategory(const Event& e, const EventExtractor& extractor);

// Runs the extractor over every record of the GSR file at `path`.
// IOError / Corruption when the file cannot be read or parsed.
Result<EventEvalReport> EvaluateEvents(const std::string& path, const EventExtractor& extractor,
                                       const ActorMatcherFn& matcher, const TimeTaggerFn& tagger,
                                       const ActorLookupFn& lookup_actor);

}  // namespace kbq::ingest
