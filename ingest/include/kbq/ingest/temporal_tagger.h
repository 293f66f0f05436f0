// TemporalTagger: finds Chinese and English time expressions in a document
// and resolves each to a TimeValue against the publication time.
//
// News speaks of the past: a weekday, month or day-of-month without a year
// resolves to the closest one not after the publication date, unless a future
// cue (将, 计划, 下周, will, next, plans to) says otherwise — except that a
// month and day falling within the 31 days after publication is that
// upcoming day (a release of February 4 naming "February 14"). Relative anaphora
// (当时, 同日, 次日, that day, the next day) resolve against the last date
// mentioned before them. Present-reference words (now, currently) are the
// publication day with Resolution::kPresent; they never become the anchor.
//
// A TemporalTagger is immutable after construction; Tag() may be called from
// many threads at once.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "kbq/ingest/document.h"
#include "kbq/time_value.h"

namespace kbq::ingest {

enum class Resolution : uint8_t {
  kAbsolute = 0,     // the text names the calendar date itself
  kPublication = 1,  // relative to the publication time (昨天, last week, 3年来)
  kAnchor = 2,       // relative to the last date mentioned (次日, that day)
  kUnresolved = 3,   // found, but no value could be given
  kPresent = 4,      // now, currently, at present: the publication day as the present
  kPast = 5,         // recently, in the past: before publication, no date given
  kFuture = 6,       // soon, in the future, in the long term: after publication, no date given
};
std::string_view ResolutionName(Resolution r);  // "absolute", "publication", ...

struct TimeMention {
  uint32_t begin = 0;  // byte span in the tagged text
  uint32_t end = 0;
  std::string text;
  TimeValue value;     // !ok() when unresolved
  Resolution resolution = Resolution::kUnresolved;
  bool is_duration = false;  // "3年来", "for two weeks": a span reaching back/forward
  bool future = false;       // resolved forward because of a future cue
  // A length of time as ISO 8601 ("PT5M" for 5分钟, "P6M" for 六个月, "P3Y" for
  // 三年来); empty for dates. A bare length (5分钟) has no value: is_duration is
  // set and value is !ok(); one reaching back (三年来) has its span as value.
  std::string duration;
  // The time of day when stated (minutes after midnight, local), else -1.
  int32_t minute_of_day = -1;
};

struct TagContext {
  int64_t published_utc = 0;        // seconds since the epoch
  int32_t offset_minutes = 0;       // the publication's UTC offset (calendar day is local)
  std::string lang;                 // "zh", "en"; empty = detect per expression
  std::string path;                 // for diagnostics
};

class TemporalTagger {
 public:
  TemporalTagger();
  ~TemporalTagger();
  TemporalTagger(const TemporalTagger&) = delete;
  TemporalTagger& operator=(const TemporalTagger&) = delete;

  // Every time expression in `text`, in order of position. An impossible date
  // (2月30日, 31 April) is not returned; it becomes a diagnostic instead.
  std::vector<TimeMention> Tag(std::string_view text, const TagContext& context,
                               std::vector<Diagnostic>* diagnostics) const;

 private:
  struct Impl;
  Impl* impl_;
};

}  // namespace kbq::ingest
