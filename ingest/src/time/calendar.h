// Calendar arithmetic for the temporal tagger: days since 1970-01-01 (the
// day numbers of TimeValue), months, weeks, seasons and parts of a year or
// month as TimeValues. Pure functions; header-only so the scanners inline them.
#pragma once

#include <date/date.h>

#include <cstdint>

#include "kbq/time_value.h"

namespace kbq::ingest::time_internal {

// All arithmetic goes through Howard Hinnant's date.

inline date::year_month_day Ymd(int32_t day) {
  return date::year_month_day{date::sys_days{date::days{day}}};
}
inline int32_t DayOf(const date::year_month_day& ymd) {
  return static_cast<int32_t>(date::sys_days{ymd}.time_since_epoch().count());
}
inline int YearOf(int32_t day) { return static_cast<int>(Ymd(day).year()); }
inline unsigned MonthOf(int32_t day) { return static_cast<unsigned>(Ymd(day).month()); }
inline unsigned DomOf(int32_t day) { return static_cast<unsigned>(Ymd(day).day()); }
inline bool ValidDate(int y, int m, int d) {
  if (m < 1 || m > 12 || d < 1 || d > 31) return false;
  return date::year_month_day{date::year{y}, date::month(m), date::day(d)}.ok();
}
inline int32_t FirstOfMonth(int y, int m) {
  return DayOf(date::year{y} / date::month(m) / date::day{1});
}
inline int32_t LastOfMonth(int y, int m) {
  return DayOf(date::year_month_day{date::year{y} / date::month(m) / date::last});
}
// (y, m) moved by n months.
inline void AddMonths(int* y, int* m, int n) {
  date::year_month ym = date::year{*y} / date::month(*m) + date::months{n};
  *y = static_cast<int>(ym.year());
  *m = static_cast<int>(static_cast<unsigned>(ym.month()));
}
// The same day n months later, clamped to the month's last day.
inline int32_t AddMonthsToDay(int32_t day, int n) {
  auto ymd = Ymd(day);
  int y = static_cast<int>(ymd.year()), m = static_cast<int>(static_cast<unsigned>(ymd.month()));
  AddMonths(&y, &m, n);
  unsigned d = std::min(static_cast<unsigned>(ymd.day()),
                        static_cast<unsigned>(DomOf(LastOfMonth(y, m))));
  return DayOf(date::year{y} / date::month(m) / date::day(d));
}
inline int WeekdayOf(int32_t day) {  // 0 = Sunday
  return static_cast<int>(date::weekday{date::sys_days{date::days{day}}}.c_encoding());
}
inline int32_t MondayOf(int32_t day) {
  date::sys_days sd{date::days{day}};
  return static_cast<int32_t>((sd - (date::weekday{sd} - date::Monday)).time_since_epoch().count());
}

inline TimeValue MonthRange(int y, int m1, int months, Precision p) {
  int y2 = y, m2 = m1;
  AddMonths(&y2, &m2, months - 1);
  return TimeValue::Days(FirstOfMonth(y, m1), LastOfMonth(y2, m2), p);
}
inline TimeValue YearSpan(int y1, int y2) {
  return TimeValue::Days(FirstOfMonth(y1, 1), LastOfMonth(y2, 12), Precision::kRange);
}
// Part of a month: 0 early (1-10), 1 mid (11-20), 2 late (21-end).
inline TimeValue PartOfMonth(int y, int m, int part) {
  int32_t first = FirstOfMonth(y, m), last = LastOfMonth(y, m);
  if (part == 0) return TimeValue::Days(first, first + 9, Precision::kPartOfMonth);
  if (part == 1) return TimeValue::Days(first + 10, first + 19, Precision::kPartOfMonth);
  return TimeValue::Days(first + 20, last, Precision::kPartOfMonth);
}
// Part of a year: 0 early (Jan-Mar), 1 mid (May-Aug), 2 late (Oct-Dec).
inline TimeValue PartOfYear(int y, int part) {
  TimeValue v = part == 0   ? MonthRange(y, 1, 3, Precision::kQuarter)
                : part == 1 ? MonthRange(y, 5, 4, Precision::kRange)
                            : MonthRange(y, 10, 3, Precision::kQuarter);
  v.approximate = true;
  return v;
}
inline TimeValue Week(int32_t day) {
  int32_t mon = MondayOf(day);
  return TimeValue::Days(mon, mon + 6, Precision::kRange);
}
inline TimeValue DayValue(int32_t day) { return TimeValue::Days(day, day, Precision::kDay); }
inline TimeValue MonthOfDay(int32_t day) {
  return TimeValue::Month(YearOf(day), MonthOf(day));
}

}  // namespace kbq::ingest::time_internal
