// Chinese holidays, lunar dates and lengths of time: the Scanner's
// ZhHoliday* recognisers (春节, 除夕, 元宵节, 中秋节, 国庆节, 元旦, 五一; 正月十五,
// 农历八月十五, 腊月二十三; 马年春节, 2024年春节), recent words (近日, 近期)
// and durations (5分钟, 3个小时). Lunar dates go through ICU's
// Chinese calendar; a lunar date that does not exist (腊月三十 of a year whose
// twelfth month has 29 days) is reported as impossible and gets no date. The
// words are ingest/data/time_holidays.tsv and time_relative.tsv.
#include <unicode/calendar.h>
#include <unicode/locid.h>
#include <unicode/timezone.h>

#include <memory>
#include <optional>

#include "time/scanner.h"

namespace kbq::ingest::time_internal {

namespace {

// ICU's Chinese calendar, one per thread (a Calendar is not shared while it
// computes), in GMT so that a date's midnight is a whole day number.
icu::Calendar* ChineseCalendar() {
  thread_local std::unique_ptr<icu::Calendar> cal = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::Calendar> c(icu::Calendar::createInstance(
        icu::TimeZone::getGMT()->clone(), icu::Locale("zh@calendar=chinese"), status));
    if (U_FAILURE(status)) c.reset();
    return c;
  }();
  return cal.get();
}

// The day of lunar month `month`, day `day` of the lunar year that begins in
// Gregorian year `year` (not a leap month); nullopt when that date does not
// exist (腊月三十 in a year whose twelfth month has 29 days).
std::optional<int32_t> LunarToDay(int year, int month, int day) {
  icu::Calendar* cal = ChineseCalendar();
  if (!cal || month < 1 || month > 12 || day < 1 || day > 30 || year < 1 || year > 9999) return std::nullopt;
  UErrorCode status = U_ZERO_ERROR;
  cal->clear();
  cal->setLenient(false);
  // ICU's extended Chinese year 1 is 2637 BCE: the lunar year starting in 2024 is 4661.
  cal->set(UCAL_EXTENDED_YEAR, year + 2637);
  cal->set(UCAL_MONTH, month - 1);
  cal->set(UCAL_IS_LEAP_MONTH, 0);
  cal->set(UCAL_DATE, day);
  UDate ms = cal->getTime(status);
  if (U_FAILURE(status)) return std::nullopt;
  double days = ms / 86400000.0;
  return static_cast<int32_t>(days >= 0 ? days : days - 1);
}

constexpr int32_t kUpcomingDays = 31;  // as for 5月20日: a date within a month ahead is the upcoming one

}  // namespace

void Scanner::Recent(const RelEntry& r, Cand* c) const {
  c->res = Resolution::kPublication;
  c->anchor_update = false;
  c->value = TimeValue::Days(pub_ + r.offset, pub_, Precision::kRange);
  c->value.approximate = true;
}

// 初一 … 初十, 十一 … 二十九, 廿三, 三十 (an optional 日 after).
size_t Scanner::ZhLunarDay(size_t p, int* day) const {
  size_t i = p;
  int base = 0;
  if (size_t l = Lit(t_, i, {"初"})) {
    i += l;
  } else if (size_t l2 = Lit(t_, i, {"廿"})) {
    base = 20;
    i += l2;
  } else if (size_t l3 = Lit(t_, i, {"卅"})) {
    *day = 30;
    return l3 + Lit(t_, i + l3, {"日"});
  }
  Num n;
  if (!ReadNum(i, &n) || n.ascii || n.digitwise) return 0;
  int d = base + static_cast<int>(n.value);
  if (base == 0 && i == p && n.value < 11) return 0;  // 五 alone is not a lunar day; 初五 is
  if (base == 20 && n.value > 9) return 0;
  if (d < 1 || d > 30) return 0;
  *day = d;
  return n.end - p + Lit(t_, n.end, {"日"});
}

bool Scanner::ZhHolidayInYear(size_t p, int year, bool year_known, Cand* c) {
  using K = HolidayEntry::Kind;
  size_t l = ZhLongest(lx_.zh_holiday, p, 6);
  const HolidayEntry* h = l ? &lx_.zh_holiday.find(t_.substr(p, l))->second : nullptr;
  if (h && h->kind == K::kZodiac) return false;
  int month = 0, day = 0, offset = 0;
  bool lunar = false;
  size_t end = p + l;
  if (h && h->kind == K::kGregorian) {
    month = h->month;
    day = h->day;
  } else if (h && h->kind == K::kChinese) {
    lunar = true;
    month = h->month;
    day = h->day;
    offset = h->offset;
  } else {
    // A lunar month and day: [农历] 正月|腊月|N月 初N|N.
    size_t i = p;
    bool prefix = h && h->kind == K::kLunarPrefix;
    if (prefix) i += l;
    size_t ml = ZhLongest(lx_.zh_holiday, i, 2);
    const HolidayEntry* m = ml ? &lx_.zh_holiday.find(t_.substr(i, ml))->second : nullptr;
    bool named_month = m && m->kind == K::kLunarMonth;
    if (named_month) {
      month = m->month;
      i += ml;
    } else {
      Num n;
      if (!ReadNum(i, &n) || n.digitwise || n.value < 1 || n.value > 12) return false;
      if (n.ascii && !prefix) return false;  // 8月15: Gregorian, written without 日
      size_t yl = Lit(t_, n.end, {"月"});
      if (!yl) return false;
      month = static_cast<int>(n.value);
      i = n.end + yl;
    }
    size_t dl = ZhLunarDay(i, &day);
    if (!dl) return false;
    // Without 农历 or a lunar month name, 初N marks the day as lunar (八月初五),
    // and so does a day without 日 (八月十五); 三月十五日 is Gregorian.
    bool lunar_day = StartsWith(t_, i, "初") || StartsWith(t_, i, "廿") || StartsWith(t_, i, "卅");
    if (!prefix && !named_month && !lunar_day && (Lit(t_, i + dl - 3, {"日"}) || Lit(t_, i + dl, {"号", "號"})))
      return false;
    lunar = true;
    end = i + dl;
  }
  // The year: known, else the occurrence nearest publication (the upcoming
  // one within a month, otherwise the last one; forward with a future cue).
  bool fut = FutureCue(c->begin, end);
  auto occurrence = [&](int y) -> std::optional<int32_t> {
    if (!lunar) {
      if (!ValidDate(y, month, day)) return std::nullopt;
      return std::optional<int32_t>(DaysFromCivil(y, static_cast<unsigned>(month), static_cast<unsigned>(day)));
    }
    auto d = LunarToDay(y, month, day);
    return d ? std::optional<int32_t>(*d + offset) : std::nullopt;
  };
  std::optional<int32_t> found;
  if (year_known) {
    found = occurrence(year);
  } else {
    // Place the year by the month's first day, so that a day the month does
    // not have (腊月三十) is reported rather than moved to another year.
    int chosen = 0;
    int32_t chosen_day = 0;
    for (int y = pub_y_ - 1; y <= pub_y_ + 1; ++y) {
      auto first = lunar ? LunarToDay(y, month, 1)
                         : std::optional<int32_t>(DaysFromCivil(y, static_cast<unsigned>(month), 1u));
      if (!first) continue;
      int32_t d = *first + (day - 1) + offset;
      bool better = fut ? (d >= pub_ && (chosen == 0 || d < chosen_day))
                        : (d <= pub_ + kUpcomingDays && (chosen == 0 || d > chosen_day));
      if (better) {
        chosen = y;
        chosen_day = d;
      }
    }
    if (chosen) found = occurrence(chosen);
    c->res = Resolution::kPublication;
    c->future = fut && found && *found > pub_;
  }
  c->end = end;
  if (!found) {
    c->impossible = std::string(t_.substr(c->begin, end - c->begin));
    return true;
  }
  ZhAfterDay(end, *found, c);
  return true;
}

void Scanner::ZhHoliday(size_t p, Cand* best) {
  using K = HolidayEntry::Kind;
  char32_t cp = CpAt(t_, p);
  bool numeral = lx_.zh_num.count(cp) > 0;
  size_t l = ZhLongest(lx_.zh_holiday, p, 6);
  if (!l && !numeral) return;
  Cand c;
  c.begin = p;
  c.res = Resolution::kPublication;
  const HolidayEntry* h = l ? &lx_.zh_holiday.find(t_.substr(p, l))->second : nullptr;
  if (h && h->kind == K::kZodiac) {
    // 马年春节: the year of that animal nearest publication (2020 is a 鼠 year).
    int year = 0;
    for (int y = pub_y_ - 6; y <= pub_y_ + 5; ++y) {
      if (((y - 2020) % 12 + 12) % 12 == h->month) year = y;
    }
    if (year && ZhHolidayInYear(p + l, year, true, &c)) Take(best, c);
    return;
  }
  if (ZhHolidayInYear(p, 0, false, &c)) Take(best, c);
}

// After a number: 5分钟, 3个小时, 30秒, 两个钟头 → a duration without a date.
bool Scanner::ZhDurationTail(size_t p, const Num& n, Cand* c) {
  size_t i = p;
  if (size_t l = Lit(t_, i, {"多", "余"})) i += l;
  const char* unit = nullptr;
  size_t ul = 0;
  if ((ul = Lit(t_, i, {"个多小时", "个小时", "小时", "个钟头", "钟头"}))) unit = "H";
  else if ((ul = Lit(t_, i, {"分钟", "分鐘"}))) unit = "M";
  else if ((ul = Lit(t_, i, {"秒钟", "秒鐘"}))) unit = "S";
  if (!unit || n.value <= 0 || n.value > 100000) return false;
  c->duration = true;
  c->duration_iso = "PT" + std::to_string(n.value) + unit;
  c->value = TimeValue();
  c->end = i + ul;
  c->anchor_update = false;
  return true;
}

}  // namespace kbq::ingest::time_internal
