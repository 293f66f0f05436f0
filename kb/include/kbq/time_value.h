// TimeValue: a date as news states it — a span of whole days plus the
// precision it was stated at ("2022-04" is a month, "2013-2014年" a range of
// years). Days are counted from 1970-01-01 (proleptic Gregorian, UTC), as
// std::chrono::sys_days and Howard Hinnant's date count them.
//
// A default-constructed TimeValue is unknown (ok() is false). Values are plain
// data: copy them freely, share them between threads.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace kbq {

// How precisely a date was stated. On-disk: the numeric values are persisted
// in keys and records; never renumber, only append.
enum class Precision : uint8_t {
  kUnknown = 0,
  kDay = 1,
  kPartOfMonth = 2,  // 上旬/中旬/下旬, early/mid/late March
  kMonth = 3,
  kSeason = 4,
  kQuarter = 5,
  kHalfYear = 6,
  kYear = 7,
  kDecade = 8,
  kCentury = 9,
  kRange = 10,  // an explicit span between two stated dates
};

// "day", "part_of_month", "month", ... (the JSON and CLI spelling).
std::string_view PrecisionName(Precision p);
// Inverse of PrecisionName; nullopt for an unknown name.
std::optional<Precision> ParsePrecision(std::string_view name);

struct TimeValue {
  static constexpr int32_t kNoDay = INT32_MIN;

  int32_t earliest = kNoDay;  // first day covered, days since 1970-01-01
  int32_t latest = kNoDay;    // last day covered (inclusive)
  Precision precision = Precision::kUnknown;
  bool approximate = false;   // "about", "近", "~"

  // True when both days are set and earliest <= latest.
  bool ok() const { return earliest != kNoDay && latest != kNoDay && earliest <= latest; }

  // Constructors that validate the calendar: an impossible date (2月30日,
  // month 13, 31 April) yields a value with ok() == false.
  static TimeValue Day(int y, unsigned m, unsigned d);
  static TimeValue Month(int y, unsigned m);
  static TimeValue Year(int y);
  static TimeValue Decade(int first_year);     // 1990 → 1990-01-01..1999-12-31
  static TimeValue Century(int first_year);    // 1901 → 1901..2000 (20th century)
  static TimeValue Days(int32_t first, int32_t last, Precision p);
  // The span from a.earliest to b.latest with precision kRange.
  // Not ok() when either is not ok() or b ends before a starts.
  static TimeValue Span(const TimeValue& a, const TimeValue& b);

  // Renders at the stated precision: "2025-05-16", "2022-04", "2022",
  // "2013..2014", "1990s", "2022-02-21..2022-02-28"; "~" prefix when
  // approximate; "unknown" when !ok().
  std::string ToString() const;

  // Parses what ToString() prints (and "YYYY", "YYYY-MM", "YYYY-MM-DD",
  // "A..B" with any of those as A and B). Returns a value with ok() == false
  // on malformed text or an impossible date.
  static TimeValue Parse(std::string_view text);

  // Allen-style comparisons on the covered days. Values of different
  // precision compare honestly: 2022 and 2022-04 overlap; neither is before
  // the other. REQUIRES: both ok().
  bool Before(const TimeValue& other) const { return latest < other.earliest; }
  bool Overlaps(const TimeValue& other) const {
    return earliest <= other.latest && other.earliest <= latest;
  }
  // Length in days (latest - earliest + 1); 0 when !ok().
  int32_t SpanDays() const { return ok() ? latest - earliest + 1 : 0; }

  friend bool operator==(const TimeValue&, const TimeValue&) = default;
};

// Day number <-> civil date, using Howard Hinnant's algorithms (via <chrono>).
int32_t DaysFromCivil(int y, unsigned m, unsigned d);
void CivilFromDays(int32_t days, int* y, unsigned* m, unsigned* d);
// "YYYY-MM-DD" for a day number.
std::string FormatDay(int32_t days);
// The local calendar day (days since 1970-01-01) of the instant `utc_seconds`
// seen at `offset_minutes` east of UTC: a publication time's own day.
int32_t LocalDay(int64_t utc_seconds, int32_t offset_minutes);

}  // namespace kbq
