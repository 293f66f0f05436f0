// The temporal tagger's Scanner: one pass over a text, proposing at each
// position at most one Chinese (scan_zh.cc) and one English (scan_en.cc)
// candidate; the longest wins. Resolution against the publication time and
// the last date mentioned lives in resolve.cc; the lexicon tables (HeidelTime's
// "resources") in temporal_lexicon.{h,cc} and ingest/data/time_*.tsv.
// One Scanner per Tag() call; not shared between threads.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kbq/ingest/temporal_tagger.h"
#include "time/calendar.h"
#include "time/scan_text.h"
#include "time/temporal_lexicon.h"

namespace kbq::ingest::time_internal {

struct Num {
  int64_t value = 0;
  size_t end = 0;
  int digits = 0;        // ASCII / fullwidth digits, or zh digits read digit-wise
  bool ascii = false;
  bool digitwise = false;  // 二〇二五
};

struct Cand {
  size_t begin = 0, end = 0;
  TimeValue value;
  Resolution res = Resolution::kUnresolved;
  bool duration = false;
  bool future = false;
  std::string duration_iso;  // "P6M": a length of time (see TimeMention::duration)
  int minute = -1;
  bool emit = true;       // false: consumed text that is not a date ("3年" as an age)
  std::string impossible; // non-empty: an impossible date, reported as a diagnostic
  bool anchor_update = true;
};

class Scanner {
 public:
  Scanner(const Lexicon& lx, std::string_view t, const TagContext& ctx,
          std::vector<Diagnostic>* diags)
      : lx_(lx), t_(t), ctx_(ctx), diags_(diags) {
    pub_ = LocalDay(ctx.published_utc, ctx.offset_minutes);
    pub_y_ = YearOf(pub_);
    pub_m_ = static_cast<int>(MonthOf(pub_));
  }

  std::vector<TimeMention> Run();

 private:
  // --- helpers
  bool ReadNum(size_t p, Num* n, bool allow_zh = true) const;
  bool ReadAsciiNum(size_t p, Num* n) const { return ReadNum(p, n, false); }
  size_t SkipSpaces(size_t p) const;
  bool FutureCue(size_t b, size_t e) const;
  size_t ZhLongest(const auto& map, size_t p, size_t max_chars = 6) const;
  int32_t AnchorDay() const { return anchor_day_ ? anchor_day_->earliest : pub_; }

  // Past-leaning resolvers; `future` resolves forward instead.
  // `at`: where the month and day stand, for the story year before them.
  std::optional<int32_t> MonthDayNear(int m, int d, bool future, size_t at = SIZE_MAX) const;
  // The day of a month and day that goes on with a story told of an earlier
  // year (the anchor); nullopt when there is none (resolve.cc).
  std::optional<int32_t> NarrativeDay(int m, int d) const;
  std::optional<int32_t> DomNear(int d, bool future) const;
  int YearOfMonthNear(int m, bool future) const;
  int32_t WeekdayNear(int wd, bool future, bool strict) const;
  TimeValue SeasonNear(const SeasonEntry& s, bool future) const;

  // --- Chinese
  void Zh(size_t p, Cand* best);
  void ZhWords(size_t p, Cand* best);
  void ZhParts(size_t p, Cand* best);
  bool ZhFromNumber(size_t p, Cand* c);
  bool ZhUnitsFromNow(size_t e, const Num& n, Cand* c);
  bool ZhAfterYear(size_t p, int y, Cand* c);
  bool ZhAfterMonth(size_t p, int y, int m, bool year_known, Cand* c);
  bool ZhAfterDay(size_t p, int32_t day, Cand* c);
  void ZhDayRangeTail(Cand* c);
  size_t ZhTime(size_t p, int* minute, bool need_marker) const;
  bool ZhCentury(size_t after_century, int century, Cand* c);
  bool ZhDecadeTail(size_t p, int first_year, Cand* c);
  size_t ZhPartWord(size_t p, bool month, int* part) const;
  // Holidays and lunar dates (scan_zh_holidays.cc): 春节, 国庆节, 正月十五,
  // 农历八月十五, 马年春节; with a known year (2024年春节) from ZhAfterYear.
  void ZhHoliday(size_t p, Cand* best);
  bool ZhHolidayInYear(size_t p, int year, bool year_known, Cand* c);
  size_t ZhLunarDay(size_t p, int* day) const;
  // Lengths of time: 5分钟, 3个小时, 六个月 (scan_zh_holidays.cc).
  bool ZhDurationTail(size_t p, const Num& n, Cand* c);

  // --- English
  void En(size_t p, Cand* best);
  struct Word {
    size_t b = 0, e = 0;
    std::string lower;
    bool num = false;
    bool cap = false;
  };
  Word WordAt(size_t p) const;
  void EnRelative(size_t p, const Word& w, Cand* best);
  void EnCounts(size_t p, const Word& w, Cand* best);
  void EnQuarters(size_t p, const Word& w, Cand* best);
  void EnSeasonsAndRanges(size_t p, const Word& w, Cand* best);
  // The ASCII word before p (past spaces and tabs, its last 12 letters at
  // most), lower-cased; empty when none.
  std::string EnWordBefore(size_t p) const;
  bool EnContextBefore(size_t p, bool month = false) const;
  bool EnDate(size_t p, Cand* c);
  // The second day of a range of days in one month after the first day d
  // (ending at e): "16-17", "16–17", and after "between"/"from" before the
  // range's first word (at first_begin) "3 and 5", "3 to 5".
  bool EnSecondDay(size_t first_begin, size_t e, int d, int* d2, size_t* end) const;
  bool EnNumberWord(const Word& w, int* v) const;
  Word WordBefore(size_t p) const;  // the ASCII word ending before p (spaces skipped)

  // --- English dates of digits and their shared parts (scan_en_numeric.cc)
  enum class AfterDay { kNo, kYes, kOf };  // a month word after a day ("5 may", "5th of may")
  int EnMonth(const Word& mw, size_t* end, AfterDay after_day) const;
  bool EnYearAfter(size_t i, int* y, size_t* end) const;
  bool EnFinishDay(Cand* c, int y, int m, int d, size_t end, bool year_known);
  // Days d..d2 of one month ("May 16-17", "18-20 February"): the first day as
  // EnFinishDay reads it, widened to d2 of its year (impossible when d2 is not).
  bool EnFinishDayRange(Cand* c, int y, int m, int d, int d2, size_t end, bool year_known);
  int TwoDigitYear(int yy) const;
  bool EnNumeric(const Word& x, int part, Cand* c);
  bool EnNumericSeparated(const Word& x, Cand* c);
  bool EnDayMonth(const Word& x, Cand* c);

  // --- English weekdays, ordinal days, clock times (scan_en_days.cc)
  void EnWeekday(size_t p, const Word& w, Cand* best);
  bool EnWeekdayWord(const Word& w, int* wd, size_t* end) const;
  bool EnWeekdayDate(size_t q, int wd, Cand* c);
  bool EnOrdinal(size_t p, int* v, size_t* end) const;
  void EnOrdinalDay(size_t p, const Word& w, Cand* best);
  void EnNthInMonth(size_t p, const Word& w, Cand* best);
  bool EnMonthAt(size_t q, int* y, int* m, size_t* end, Resolution* res);
  size_t EnClock(size_t p, int* minute) const;
  void EnClockFirst(size_t p, const Word& w, Cand* best);
  void EnClockAfter(Cand* best) const;

  // --- English parts of periods, weekends and holidays (scan_en_parts.cc)
  void EnPartPrefix(Cand* best) const;  // "the end of March", "early next year"
  void EnPartOfUnit(size_t p, const Word& w, Cand* best);  // "the end of the month"
  void EnWeekend(size_t p, const Word& w, Cand* best);     // "last weekend", "over the weekend"
  void EnHoliday(size_t p, const Word& w, Cand* best);     // "Christmas Day", "on Easter"

  // 近日/近期: a stretch of -offset days up to publication, approximate; not
  // an anchor.
  void Recent(const RelEntry& r, Cand* c) const;

  void Take(Cand* best, const Cand& c) {
    if (c.end > best->end) *best = c;
  }

  const Lexicon& lx_;
  std::string_view t_;
  const TagContext& ctx_;
  std::vector<Diagnostic>* diags_;
  int32_t pub_ = 0;
  int pub_y_ = 1970, pub_m_ = 1;
  size_t line_pos_ = 0;
  uint64_t line_ = 1;
  std::optional<TimeValue> anchor_day_;
  std::optional<TimeValue> anchor_any_;
  // The last year said on its own ("last year", "in 2020") and where it
  // ended: a month and day right after it, with no year, are of that year.
  std::optional<int> story_year_;
  size_t story_year_end_ = 0;
};

inline size_t Scanner::ZhLongest(const auto& map, size_t p, size_t max_chars) const {
  return LongestIn(map, t_, p, max_chars);
}

}  // namespace kbq::ingest::time_internal
