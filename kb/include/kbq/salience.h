// Salience: how much of the store's evidence stands behind one event, so a
// timeline can put the events many sentences, articles and sources report
// above those one clause mentions in passing.
//
//   evidence = ln(1 + mentions) + ln(1 + articles) + ln(1 + sources)
//              + 0.5 per named participant (at most two)
//   salience = evidence × confidence × modality weight (asserted, reported 1;
//              claimed, planned, demanded 0.8; negated, counterfactual 0.5)
//
// Mentions are distinct sentences; articles distinct articles; sources the
// distinct sites or agencies publishing them. Event-stream rows (GDELT)
// carry their own counts (num_mentions, num_articles, num_sources), used in
// their place. The store computes it at commit for its salience index
// (idx_sal, docs/storage_format.md) and timelines compute it again for the
// rows they show: both call these functions, so they agree.
//
// Pure functions over values; thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "kbq/model.h"

namespace kbq {

// Distinct sentences the event is read in (two triggers in one sentence
// count once): the timeline's `mentions` column.
size_t DistinctMentions(const Event& e);
// DistinctMentions, or a stream row's num_mentions when larger: what
// salience and --min-mentions count.
size_t EvidenceMentions(const Event& e);
// Distinct articles of its mentions, or a stream row's num_articles.
size_t DistinctArticles(const Event& e);

// The source of an article for counting: its site or agency, else the host
// of its URL ("kremlin.ru"), else "".
std::string ArticleSource(const Article& a);

// `article_sources` (distinct sources of the event's articles), or a stream
// row's num_sources when larger.
size_t DistinctSources(const Event& e, size_t article_sources);

// The score above. `sources` is the number of distinct sources of the
// event's articles (a stream row's num_sources is used when larger).
double Salience(const Event& e, size_t sources);

// True when the event's only date is its article's publication day
// (date_basis "publication"): the text gave it no date of its own.
bool DatedOnlyByReport(const Event& e);

// A minor event: a generic type (types "statement", "praise",
// "intent_cooperate") with at most one participant, no date of its own, no
// place and one mention. Default timelines leave these out (--all shows them).
bool IsMinorEvent(const Event& e);

// Under this salience an event is *weak*: one sentence of one article with at
// most one named side (ln 2 × 3 + 0.5 = 2.58) already falls below it once its
// confidence is under about 0.78. A ranked timeline of a window (--top N with
// --from/--to) leaves weak events out (--all shows them): they are the N most
// salient only when the window holds little else. On-disk since store format
// 7 (the date-block counters count weak events apart).
inline constexpr double kWeakSalience = 2.0;

// The classes a timeline's default filters judge an event by, as bits
// (on-disk in the store's date-block counters, format 7): negated or
// counterfactual (HiddenByDefault), dated only by its report
// (DatedOnlyByReport), minor (IsMinorEvent), weak (`salience` under
// kWeakSalience; negative or NaN counts as 0).
inline constexpr uint8_t kClassBitNegated = 1;
inline constexpr uint8_t kClassBitReported = 2;
inline constexpr uint8_t kClassBitMinor = 4;
inline constexpr uint8_t kClassBitWeak = 8;
inline constexpr size_t kClassBitCombinations = 16;
uint8_t EventClassBits(const Event& e, double salience);

}  // namespace kbq
