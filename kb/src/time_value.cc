#include "kbq/time_value.h"

#include <date/date.h>

#include <array>
#include <charconv>
#include <cstdio>

namespace kbq {
namespace {

constexpr std::array<std::string_view, 11> kPrecisionNames = {
    "unknown", "day", "part_of_month", "month", "season", "quarter",
    "half_year", "year", "decade", "century", "range"};

bool ParseInt(std::string_view s, int* out) {
  if (s.empty()) return false;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), *out);
  return ec == std::errc() && p == s.data() + s.size();
}

// Parses "YYYY", "YYYY-MM" or "YYYY-MM-DD" into a value of that precision.
TimeValue ParseSingle(std::string_view s) {
  int y = 0, m = 0, d = 0;
  if (s.size() == 4 && ParseInt(s, &y)) return TimeValue::Year(y);
  if (s.size() == 5 && s[4] == 's' && ParseInt(s.substr(0, 4), &y) && y % 10 == 0) {
    return TimeValue::Decade(y);
  }
  if (s.size() == 7 && s[4] == '-' && ParseInt(s.substr(0, 4), &y) &&
      ParseInt(s.substr(5, 2), &m)) {
    return m >= 1 && m <= 12 ? TimeValue::Month(y, m) : TimeValue();
  }
  if (s.size() == 10 && s[4] == '-' && s[7] == '-' && ParseInt(s.substr(0, 4), &y) &&
      ParseInt(s.substr(5, 2), &m) && ParseInt(s.substr(8, 2), &d)) {
    if (m < 1 || m > 12 || d < 1 || d > 31) return TimeValue();
    return TimeValue::Day(y, m, d);
  }
  return TimeValue();
}

bool IsYearStart(int32_t day) {
  int y; unsigned m, d;
  CivilFromDays(day, &y, &m, &d);
  return m == 1 && d == 1;
}
bool IsYearEnd(int32_t day) {
  int y; unsigned m, d;
  CivilFromDays(day, &y, &m, &d);
  return m == 12 && d == 31;
}
bool IsMonthStart(int32_t day) {
  int y; unsigned m, d;
  CivilFromDays(day, &y, &m, &d);
  return d == 1;
}
bool IsMonthEnd(int32_t day) { return IsMonthStart(day + 1); }

std::string FormatMonth(int32_t days) { return FormatDay(days).substr(0, 7); }
std::string FormatYear(int32_t days) { return FormatDay(days).substr(0, 4); }

}  // namespace

std::string_view PrecisionName(Precision p) {
  auto i = static_cast<size_t>(p);
  return i < kPrecisionNames.size() ? kPrecisionNames[i] : "unknown";
}

std::optional<Precision> ParsePrecision(std::string_view name) {
  for (size_t i = 0; i < kPrecisionNames.size(); ++i) {
    if (kPrecisionNames[i] == name) return static_cast<Precision>(i);
  }
  return std::nullopt;
}

int32_t LocalDay(int64_t utc_seconds, int32_t offset_minutes) {
  const int64_t local = utc_seconds + int64_t(offset_minutes) * 60;
  return int32_t(local >= 0 ? local / 86400 : -((-local + 86399) / 86400));  // floor
}

int32_t DaysFromCivil(int y, unsigned m, unsigned d) {
  return static_cast<int32_t>(
      date::sys_days(date::year{y} / date::month{m} / date::day{d}).time_since_epoch().count());
}

void CivilFromDays(int32_t days, int* y, unsigned* m, unsigned* d) {
  date::year_month_day ymd{date::sys_days{date::days{days}}};
  *y = static_cast<int>(ymd.year());
  *m = static_cast<unsigned>(ymd.month());
  *d = static_cast<unsigned>(ymd.day());
}

std::string FormatDay(int32_t days) {
  int y; unsigned m, d;
  CivilFromDays(days, &y, &m, &d);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", y, m, d);
  return buf;
}

TimeValue TimeValue::Day(int y, unsigned m, unsigned d) {
  date::year_month_day ymd{date::year{y}, date::month{m}, date::day{d}};
  if (!ymd.ok()) return TimeValue();
  int32_t n = DaysFromCivil(y, m, d);
  return Days(n, n, Precision::kDay);
}

TimeValue TimeValue::Month(int y, unsigned m) {
  date::year_month ym{date::year{y}, date::month{m}};
  if (!ym.ok()) return TimeValue();
  int32_t first = DaysFromCivil(y, m, 1);
  auto last = date::sys_days{date::year_month_day_last{ym / date::last}};
  return Days(first, static_cast<int32_t>(last.time_since_epoch().count()), Precision::kMonth);
}

TimeValue TimeValue::Year(int y) {
  if (!date::year{y}.ok()) return TimeValue();
  return Days(DaysFromCivil(y, 1, 1), DaysFromCivil(y, 12, 31), Precision::kYear);
}

TimeValue TimeValue::Decade(int first_year) {
  return Days(DaysFromCivil(first_year, 1, 1), DaysFromCivil(first_year + 9, 12, 31),
              Precision::kDecade);
}

TimeValue TimeValue::Century(int first_year) {
  return Days(DaysFromCivil(first_year, 1, 1), DaysFromCivil(first_year + 99, 12, 31),
              Precision::kCentury);
}

TimeValue TimeValue::Days(int32_t first, int32_t last, Precision p) {
  TimeValue v;
  v.earliest = first;
  v.latest = last;
  v.precision = p;
  if (!v.ok()) return TimeValue();
  return v;
}

TimeValue TimeValue::Span(const TimeValue& a, const TimeValue& b) {
  if (!a.ok() || !b.ok() || b.latest < a.earliest) return TimeValue();
  TimeValue v = Days(a.earliest, b.latest, Precision::kRange);
  v.approximate = a.approximate || b.approximate;
  return v;
}

std::string TimeValue::ToString() const {
  if (!ok()) return "unknown";
  std::string out = approximate ? "~" : "";
  switch (precision) {
    case Precision::kDay:
      if (earliest == latest) return out + FormatDay(earliest);
      break;
    case Precision::kMonth:
      return out + FormatMonth(earliest);
    case Precision::kYear:
      return out + FormatYear(earliest);
    case Precision::kDecade:
      return out + FormatYear(earliest) + "s";
    default:
      break;
  }
  // Ranges (and seasons, quarters, parts of months, centuries) print as the
  // coarsest pair of endpoints that represents them exactly.
  if (IsYearStart(earliest) && IsYearEnd(latest)) {
    std::string a = FormatYear(earliest), b = FormatYear(latest);
    return out + (a == b ? a : a + ".." + b);
  }
  if (IsMonthStart(earliest) && IsMonthEnd(latest)) {
    std::string a = FormatMonth(earliest), b = FormatMonth(latest);
    return out + (a == b ? a : a + ".." + b);
  }
  if (earliest == latest) return out + FormatDay(earliest);
  return out + FormatDay(earliest) + ".." + FormatDay(latest);
}

TimeValue TimeValue::Parse(std::string_view text) {
  bool approx = false;
  if (!text.empty() && text.front() == '~') {
    approx = true;
    text.remove_prefix(1);
  }
  TimeValue v;
  auto dots = text.find("..");
  if (dots == std::string_view::npos) {
    v = ParseSingle(text);
  } else {
    TimeValue a = ParseSingle(text.substr(0, dots));
    TimeValue b = ParseSingle(text.substr(dots + 2));
    v = Span(a, b);
  }
  if (v.ok()) v.approximate = approx;
  return v;
}

}  // namespace kbq
