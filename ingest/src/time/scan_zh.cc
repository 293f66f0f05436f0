// Chinese time expressions (2025年5月6日, 上周五, 今年年初, 二〇二五年, 20世纪90年代):
// the Scanner's Zh* recognisers. Words come from the lexicon tables
// (ingest/data/time_*.tsv); resolution from resolve.cc.
#include <algorithm>

#include "time/scanner.h"

namespace kbq::ingest::time_internal {

// 初/底/末/中/上旬/中旬/下旬 after 年 or 月. part: 0 early, 1 mid, 2 late.
size_t Scanner::ZhPartWord(size_t p, bool month, int* part) const {
  if (ZhLongest(lx_.zh_block, p, 3) > 0) return 0;
  if (month) {
    if (size_t l = Lit(t_, p, {"上旬"})) return *part = 0, l;
    if (size_t l = Lit(t_, p, {"中旬"})) return *part = 1, l;
    if (size_t l = Lit(t_, p, {"下旬"})) return *part = 2, l;
  }
  if (size_t l = Lit(t_, p, {"初期", "初"})) return *part = 0, l;
  if (size_t l = Lit(t_, p, {"底", "末期", "末"})) return *part = 2, l;
  if (size_t l = Lit(t_, p, {"中期", "中叶"})) return *part = 1, l;
  if (StartsWith(t_, p, "中")) {
    char32_t next = CpAt(t_, p + 3);
    if (!IsCjk(next)) return *part = 1, 3;
  }
  return 0;
}

// A clock time at p: [part of day] N点|时 [M分|半] or HH:MM[:SS]. Returns
// the end, or p. need_marker: a bare "10点" is not enough (points, counts).
size_t Scanner::ZhTime(size_t p, int* minute, bool need_marker) const {
  size_t i = SkipSpaces(p);
  size_t pod_len = ZhLongest(lx_.zh_pod, i, 2);
  int pm = 0;
  if (pod_len) {
    pm = lx_.zh_pod.find(t_.substr(i, pod_len))->second;
    i += pod_len;
  }
  Num h;
  if (!ReadNum(i, &h) || h.value > 24 || h.digits > 2) return p;
  size_t j = h.end;
  int mins = 0;
  bool marked = pod_len > 0;
  if (j < t_.size() && (t_[j] == ':' || StartsWith(t_, j, "："))) {
    j += t_[j] == ':' ? 1 : 3;
    Num m;
    if (!ReadAsciiNum(j, &m) || m.digits != 2 || m.value > 59) return p;
    mins = static_cast<int>(m.value);
    j = m.end;
    if (j + 2 < t_.size() && t_[j] == ':' && IsAsciiDigit(t_[j + 1]) && IsAsciiDigit(t_[j + 2]))
      j += 3;
    marked = true;
  } else if (size_t l = Lit(t_, j, {"点", "时", "點", "時"})) {
    j += l;
    Num m;
    if (size_t h2 = Lit(t_, j, {"半"})) {
      mins = 30;
      j += h2;
      marked = true;
    } else if (ReadNum(j, &m) && m.value < 60 && Lit(t_, m.end, {"分"})) {
      mins = static_cast<int>(m.value);
      j = m.end + 3;
      marked = true;
      Num s;
      if (ReadNum(j, &s) && s.value < 60 && Lit(t_, s.end, {"秒"})) j = s.end + 3;
    }
    if (size_t l2 = Lit(t_, j, {"许", "左右", "整"})) {
      j += l2;
      marked = true;
    }
  } else {
    return p;
  }
  if (need_marker && !marked) return p;
  int hour = static_cast<int>(h.value);
  if (pm == 1 && hour < 12) hour += 12;
  if (pm == 2 && hour >= 1 && hour <= 5) hour += 12;
  *minute = (hour % 24) * 60 + mins;
  return j;
}

bool Scanner::ZhAfterDay(size_t p, int32_t day, Cand* c) {
  c->value = DayValue(day);
  c->end = p;
  int minute = -1;
  size_t e = ZhTime(p, &minute, false);
  if (e > p) {
    c->end = e;
    c->minute = minute;
  } else {
    size_t i = SkipSpaces(p);
    if (size_t l = ZhLongest(lx_.zh_pod, i, 2); l > 1) c->end = i + l;  // 17日晚上
  }
  return true;
}

// 5月16日至17日, 4月28日至5月2日: the day just parsed opens a range.
void Scanner::ZhDayRangeTail(Cand* c) {
  if (!c->value.ok() || c->value.precision != Precision::kDay) return;
  size_t i = c->end;
  size_t sl = Lit(t_, i, {"至", "到", "-", "—", "–", "~", "～"});
  if (!sl) return;
  int y = YearOf(c->value.earliest);
  int m = static_cast<int>(MonthOf(c->value.earliest));
  Num a;
  if (!ReadNum(i + sl, &a) || a.digitwise || a.value > 31) return;
  size_t e = a.end;
  int d = static_cast<int>(a.value);
  if (size_t ml = Lit(t_, e, {"月"})) {
    Num b;
    if (!ReadNum(e + ml, &b) || b.digitwise) return;
    m = d;
    d = static_cast<int>(b.value);
    e = b.end;
  }
  size_t dl = Lit(t_, e, {"日", "号"});
  if (!dl || !ValidDate(y, m, d)) return;
  int32_t last = DaysFromCivil(y, static_cast<unsigned>(m), static_cast<unsigned>(d));
  if (last <= c->value.earliest || last - c->value.earliest > 366) return;
  c->value = TimeValue::Days(c->value.earliest, last, Precision::kRange);
  c->end = e + dl;
}

bool Scanner::ZhAfterMonth(size_t p, int y, int m, bool year_known, Cand* c) {
  // p is just after 月 (and 份).
  c->end = p;
  if (!year_known) {
    int part_probe;
    size_t probe = ZhPartWord(p, true, &part_probe);
    bool fut = FutureCue(c->begin, p + probe);
    y = YearOfMonthNear(m, fut);
    c->future = fut && y * 12 + m > pub_y_ * 12 + pub_m_;
    if (c->res == Resolution::kAbsolute) c->res = Resolution::kPublication;
  }
  c->value = TimeValue::Month(y, m);
  int part;
  if (size_t l = ZhPartWord(p, true, &part)) {
    c->value = PartOfMonth(y, m, part);
    c->end = p + l;
    return true;
  }
  Num d;
  if (ReadNum(p, &d) && !d.digitwise) {
    size_t l = Lit(t_, d.end, {"日", "号", "號"});
    if (l) {
      if (!ValidDate(year_known ? y : 2000, m, static_cast<int>(d.value))) {
        c->impossible = std::string(t_.substr(c->begin, d.end + l - c->begin));
        c->end = d.end + l;
        return true;
      }
      if (!year_known) {  // month and day: the closest such date
        bool fut = FutureCue(c->begin, d.end + l);
        auto day = MonthDayNear(m, static_cast<int>(d.value), fut);
        if (!day) return false;
        c->future = fut && *day > pub_;
        ZhAfterDay(d.end + l, *day, c);
        ZhDayRangeTail(c);
        return true;
      }
      ZhAfterDay(d.end + l, DaysFromCivil(y, m, static_cast<unsigned>(d.value)), c);
      ZhDayRangeTail(c);
      return true;
    }
  }
  // 3月至5月 / 3月到5月
  if (size_t l = Lit(t_, p, {"至", "到", "-", "—", "–", "~", "～"})) {
    Num m2;
    if (ReadNum(p + l, &m2) && m2.value >= m && m2.value <= 12 && !StartsWith(t_, m2.end, "个")) {
      if (size_t l2 = Lit(t_, m2.end, {"月"})) {
        c->value = TimeValue::Span(c->value, TimeValue::Month(y, static_cast<unsigned>(m2.value)));
        c->end = m2.end + l2;
        if (size_t l3 = Lit(t_, c->end, {"份"})) c->end += l3;
      }
    }
  }
  return true;
}

bool Scanner::ZhAfterYear(size_t p, int y, Cand* c) {
  // p is just after 年.
  if (ZhHolidayInYear(p, y, true, c)) return true;  // 2024年春节, 2024年农历八月十五
  c->value = TimeValue::Year(y);
  c->end = p;
  int part;
  size_t l;
  if ((l = Lit(t_, p, {"上半年"}))) {
    c->value = MonthRange(y, 1, 6, Precision::kHalfYear);
    c->end = p + l;
    return true;
  }
  if ((l = Lit(t_, p, {"下半年"}))) {
    c->value = MonthRange(y, 7, 6, Precision::kHalfYear);
    c->end = p + l;
    return true;
  }
  if ((l = ZhLongest(lx_.zh_season, p, 2))) {
    const SeasonEntry& s = lx_.zh_season.find(t_.substr(p, l))->second;
    c->value = MonthRange(y, s.first_month, s.months, Precision::kSeason);
    c->end = p + l;
    return true;
  }
  // 第一季度, 一季度, 第1季度, Q1
  {
    size_t i = p + Lit(t_, p, {"第"});
    Num q;
    if (ReadNum(i, &q) && q.value >= 1 && q.value <= 4 && (l = Lit(t_, q.end, {"季度"}))) {
      c->value = MonthRange(y, static_cast<int>(q.value - 1) * 3 + 1, 3, Precision::kQuarter);
      c->end = q.end + l;
      return true;
    }
  }
  if ((l = ZhPartWord(p, false, &part))) {
    c->value = PartOfYear(y, part);
    c->end = p + l;
    return true;
  }
  Num m;
  if (ReadNum(p, &m) && !m.digitwise && !StartsWith(t_, m.end, "个") &&
      (l = Lit(t_, m.end, {"月"}))) {
    if (m.value < 1 || m.value > 12) {
      c->impossible = std::string(t_.substr(c->begin, m.end + l - c->begin));
      c->end = m.end + l;
      return true;
    }
    size_t e = m.end + l;
    e += Lit(t_, e, {"份"});
    return ZhAfterMonth(e, y, static_cast<int>(m.value), true, c);
  }
  return true;
}

bool Scanner::ZhDecadeTail(size_t p, int first_year, Cand* c) {
  c->value = TimeValue::Decade(first_year);
  c->end = p;
  int part;
  if (size_t l = ZhPartWord(p, false, &part)) {
    int a = part == 0 ? 0 : part == 1 ? 3 : 7, b = part == 0 ? 3 : part == 1 ? 6 : 9;
    // Part of a decade: a range of years, approximate ("~1997..1999").
    c->value = TimeValue::Days(FirstOfMonth(first_year + a, 1), LastOfMonth(first_year + b, 12),
                               Precision::kRange);
    c->value.approximate = true;
    c->end = p + l;
  }
  return true;
}

bool Scanner::ZhCentury(size_t after, int century, Cand* c) {
  // after: just past 世纪. 20世纪90年代 / 20世纪初 / 20世纪.
  int first = (century - 1) * 100 + 1;
  Num d;
  if (ReadNum(after, &d) && d.value % 10 == 0 && d.value < 100) {
    if (size_t l = Lit(t_, d.end, {"年代"})) {
      return ZhDecadeTail(d.end + l, (century - 1) * 100 + static_cast<int>(d.value), c);
    }
  }
  int part;
  if (size_t l = ZhPartWord(after, false, &part)) {
    int base = (century - 1) * 100;
    int a = part == 0 ? 0 : part == 1 ? 40 : 90, b = part == 0 ? 9 : part == 1 ? 59 : 99;
    c->value = TimeValue::Days(FirstOfMonth(base + a, 1), LastOfMonth(base + b, 12),
                               part == 1 ? Precision::kCentury : Precision::kDecade);
    c->value.approximate = true;
    c->end = after + l;
    return true;
  }
  c->value = TimeValue::Century(first);
  c->end = after;
  return true;
}

// N个月前/后/来, N天前, N周前, N个星期前 after the number `n` ending at `e`,
// or a length of time (六个月, 3天). False when no such unit follows.
bool Scanner::ZhUnitsFromNow(size_t e, const Num& n, Cand* c) {
  size_t l;
  size_t i = e;
  bool approx = false;
  if ((l = Lit(t_, i, {"多", "余"}))) {
    i += l;
    approx = true;
  }
  Unit unit;
  size_t ul = 0;
  if ((ul = Lit(t_, i, {"个多月", "个月"}))) unit = Unit::kMonth;
  else if ((ul = Lit(t_, i, {"个星期", "个礼拜", "星期", "周"}))) unit = Unit::kWeek;
  else if ((ul = Lit(t_, i, {"天"}))) unit = Unit::kDay;
  if (ul && n.value < 1000) {
    size_t j = i + ul;
    int k = static_cast<int>(n.value);
    size_t dl;
    auto shift = [&](int sign) -> int32_t {
      if (unit == Unit::kMonth) return AddMonthsToDay(pub_, sign * k);
      return pub_ + sign * k * (unit == Unit::kWeek ? 7 : 1);
    };
    if ((dl = Lit(t_, j, {"来", "以来"}))) {
      c->value = TimeValue::Days(shift(-1), pub_, Precision::kRange);
      c->value.approximate = true;
      c->duration = true;
      c->anchor_update = false;
    } else if ((dl = Lit(t_, j, {"前"}))) {
      int32_t d = shift(-1);
      c->value = unit == Unit::kMonth ? MonthOfDay(d) : DayValue(d);
      c->value.approximate = approx || unit == Unit::kWeek;
    } else if ((dl = Lit(t_, j, {"后", "後"}))) {
      int32_t d = shift(1);
      c->value = unit == Unit::kMonth ? MonthOfDay(d) : DayValue(d);
      c->value.approximate = approx || unit == Unit::kWeek;
      c->future = true;
    } else {
      // A length of time (六个月, 3天): a duration without a date.
      c->duration = true;
      c->duration_iso = "P" + std::to_string(k) + (unit == Unit::kMonth ? "M" : unit == Unit::kWeek ? "W" : "D");
      c->value = TimeValue();
      c->end = j;
      return true;
    }
    c->res = Resolution::kPublication;
    c->end = j + dl;
    return true;
  }
  return false;
}

bool Scanner::ZhFromNumber(size_t p, Cand* c) {
  Num n;
  if (!ReadNum(p, &n)) return false;
  char32_t prev = CpBefore(t_, p);
  if (prev == U'第' || prev == '.' || IsAsciiAlpha(static_cast<char>(prev < 128 ? prev : 0)))
    return false;
  c->begin = p;
  c->res = Resolution::kAbsolute;
  size_t e = n.end, l;
  bool yearish = (n.ascii && n.digits == 4) || (n.digitwise && n.digits == 4);
  // ISO-like: 2025-05-17, 2025/5/17, 2025.5.17, and year ranges 2013-2014年.
  if (n.ascii && n.digits == 4 && e < t_.size() && (t_[e] == '-' || t_[e] == '/' || t_[e] == '.')) {
    char sep = t_[e];
    Num m;
    if (ReadAsciiNum(e + 1, &m) && m.digits <= 2) {
      Num d;
      if (m.end < t_.size() && t_[m.end] == sep && ReadAsciiNum(m.end + 1, &d) && d.digits <= 2 &&
          !(d.end < t_.size() && (IsAsciiDigit(t_[d.end]) || t_[d.end] == sep))) {
        int y = static_cast<int>(n.value), mo = static_cast<int>(m.value), dd = static_cast<int>(d.value);
        if (!ValidDate(y, mo, dd)) {
          c->impossible = std::string(t_.substr(p, d.end - p));
          c->end = d.end;
          return true;
        }
        return ZhAfterDay(d.end, DaysFromCivil(y, mo, dd), c);
      }
    }
  }
  // year ranges: 2013-2014年, 2013年至2014年, 2013到2014年间
  auto year_range = [&](size_t i, int y1) -> bool {
    size_t sl = Lit(t_, i, {"至", "到", "-", "—", "–", "~", "～", "－"});
    if (!sl) return false;
    Num n2;
    if (!ReadNum(i + sl, &n2) || !((n2.ascii || n2.digitwise) && n2.digits == 4)) return false;
    if (n2.value <= y1 || n2.value > y1 + 200) return false;
    size_t yl = Lit(t_, n2.end, {"年"});
    if (!yl) return false;
    size_t end = n2.end + yl;
    end += Lit(t_, end, {"间", "期间", "之间"});
    c->value = YearSpan(y1, static_cast<int>(n2.value));
    c->end = end;
    return true;
  };
  if (yearish && year_range(e, static_cast<int>(n.value))) return true;
  if ((l = Lit(t_, e, {"年代"}))) {
    if (n.value % 10 != 0) return false;
    int fy = static_cast<int>(n.value);
    if (fy < 100) fy += (fy <= pub_y_ % 100) ? pub_y_ / 100 * 100 : (pub_y_ / 100 - 1) * 100;
    return ZhDecadeTail(e + l, fy, c);
  }
  if ((l = Lit(t_, e, {"世纪"}))) {
    if (n.value < 1 || n.value > 30) return false;
    return ZhCentury(e + l, static_cast<int>(n.value), c);
  }
  if ((l = Lit(t_, e, {"年"})) || (!yearish && (l = Lit(t_, e, {"多年", "余年"})))) {
    if (yearish) {
      int y = static_cast<int>(n.value);
      if (year_range(e + l, y)) return true;
      return ZhAfterYear(e + l, y, c);
    }
    if (n.value < 100 || n.digits == 0) {
      // 3年来 / 3年前 / 3年后 / 十多年来 / 3年以来
      size_t i = e + l;
      bool approx = l > 3;  // 多年, 余年
      int years = static_cast<int>(n.value);
      if (size_t k = Lit(t_, i, {"来", "以来"})) {
        c->duration_iso = "P" + std::to_string(years) + "Y";
        int32_t from = AddMonthsToDay(pub_, -12 * years);
        c->value = TimeValue::Days(from, pub_, Precision::kRange);
        c->value.approximate = true;
        c->duration = true;
        c->res = Resolution::kPublication;
        c->end = i + k;
        c->anchor_update = false;
        return true;
      }
      if (size_t k = Lit(t_, i, {"前"})) {
        c->value = TimeValue::Year(pub_y_ - years);
        c->value.approximate = approx;
        c->res = Resolution::kPublication;
        c->end = i + k;
        return true;
      }
      if (size_t k = Lit(t_, i, {"后", "後"})) {
        c->value = TimeValue::Year(pub_y_ + years);
        c->value.approximate = approx;
        c->res = Resolution::kPublication;
        c->future = true;
        c->end = i + k;
        return true;
      }
      c->emit = false;  // an age or a duration: not a date
      c->end = i;
      return true;
    }
    return false;
  }
  if (ZhUnitsFromNow(e, n, c)) return true;  // N个月前, N天后, 六个月
  // N月 (a month without a year), N月份
  if (!StartsWith(t_, e, "个") && (l = Lit(t_, e, {"月"}))) {
    if (n.digitwise) return false;
    if (n.value > 12 || n.value < 1) {
      if (n.value <= 99) {
        c->impossible = std::string(t_.substr(p, e + l - p));
        c->end = e + l;
        return true;
      }
      return false;
    }
    size_t end = e + l + Lit(t_, e + l, {"份"});
    c->res = Resolution::kPublication;
    return ZhAfterMonth(end, 0, static_cast<int>(n.value), false, c);
  }
  // N日 / N号: day of month alone (ASCII digits only: 一日 is "one day").
  if (n.ascii && n.digits <= 2 && (l = Lit(t_, e, {"日", "号", "號"}))) {
    if (StartsWith(t_, e, "日本") || StartsWith(t_, e, "日前")) return false;
    if (n.value < 1 || n.value > 31) return false;
    bool fut = FutureCue(p, e + l);
    auto day = DomNear(static_cast<int>(n.value), fut);
    if (!day) return false;
    c->res = Resolution::kPublication;
    c->future = fut && *day > pub_;
    return ZhAfterDay(e + l, *day, c);
  }
  if (ZhDurationTail(e, n, c)) return true;  // 5分钟, 3个小时
  // A clock time alone: 10时30分, 10:30
  {
    int minute = -1;
    size_t te = ZhTime(p, &minute, true);
    if (te > p) {
      c->value = DayValue(AnchorDay());
      c->res = Resolution::kAnchor;
      c->minute = minute;
      c->end = te;
      c->anchor_update = false;
      return true;
    }
  }
  return false;
}

// Relative words, weekdays and seasons alone (part of Zh).
void Scanner::ZhWords(size_t p, Cand* best) {
  // Relative words: 今天, 去年, 上月, 当天 ... with continuations.
  if (size_t l = ZhLongest(lx_.zh_rel, p, 5)) {
    const RelEntry& r = lx_.zh_rel.find(t_.substr(p, l))->second;
    Cand c;
    c.begin = p;
    c.end = p + l;
    c.res = r.anchor ? Resolution::kAnchor : Resolution::kPublication;
    int32_t base = r.anchor ? AnchorDay() : pub_;
    if (r.anchor && (r.unit == Unit::kMonth || r.unit == Unit::kYear) && anchor_any_)
      base = anchor_any_->earliest;
    switch (r.unit) {
      case Unit::kDay:
        ZhAfterDay(p + l, base + r.offset, &c);
        if (!r.anchor && r.offset > 0) c.future = true;
        break;
      case Unit::kWeek:
        c.value = Week(base + 7 * r.offset);
        // 上周三
        if (size_t wl = Lit(t_, p + l, {"一", "二", "三", "四", "五", "六", "日", "天"})) {
          static const std::string_view kD[] = {"日", "一", "二", "三", "四", "五", "六"};
          int wd = 0;
          for (int k = 0; k < 7; ++k)
            if (StartsWith(t_, p + l, kD[k])) wd = k;
          if (StartsWith(t_, p + l, "天")) wd = 0;
          int32_t mon = MondayOf(base + 7 * r.offset);
          ZhAfterDay(p + l + wl, mon + (wd + 6) % 7, &c);
        }
        if (!r.anchor && r.offset > 0) c.future = true;
        break;
      case Unit::kMonth: {
        int y = YearOf(base), m = static_cast<int>(MonthOf(base));
        AddMonths(&y, &m, r.offset);
        ZhAfterMonth(p + l, y, m, true, &c);
        if (!r.anchor && r.offset > 0) c.future = true;
        break;
      }
      case Unit::kYear:
        ZhAfterYear(p + l, YearOf(base) + r.offset, &c);
        if (!r.anchor && r.offset > 0) c.future = true;
        break;
      case Unit::kSame:
        c.value = anchor_any_ ? *anchor_any_ : DayValue(pub_);
        c.anchor_update = false;
        break;
      case Unit::kRecent:
        Recent(r, &c);
        break;
    }
    if (r.present) {  // 目前, 现在: the present, not a date to carry on
      c.res = Resolution::kPresent;
      c.value = DayValue(pub_);
      c.end = p + l;
      c.minute = -1;
      c.anchor_update = false;
    }
    Take(best, c);
  }
  // Weekdays: 周五, 星期五, 礼拜天; 上周三 is handled above.
  if (size_t l = ZhLongest(lx_.zh_weekday, p, 3)) {
    int wd = lx_.zh_weekday.find(t_.substr(p, l))->second;
    Cand c;
    c.begin = p;
    bool fut = FutureCue(p, p + l);
    int32_t d = WeekdayNear(wd, fut, fut);
    c.res = Resolution::kPublication;
    c.future = fut;
    ZhAfterDay(p + l, d, &c);
    Take(best, c);
  }
  // Seasons alone: 春季, 秋冬.
  if (size_t l = ZhLongest(lx_.zh_season, p, 2)) {
    const SeasonEntry& s = lx_.zh_season.find(t_.substr(p, l))->second;
    Cand c;
    c.begin = p;
    c.end = p + l;
    bool fut = FutureCue(p, p + l);
    c.value = SeasonNear(s, fut);
    c.future = fut;
    c.res = Resolution::kPublication;
    Take(best, c);
  }
}

// Parts of a year or month, centuries, durations back from publication and
// clock times alone (part of Zh).
void Scanner::ZhParts(size_t p, Cand* best) {
  // 年初/年底/上半年/下半年/月初/月底 alone: this year or month.
  {
    size_t l;
    Cand c;
    c.begin = p;
    c.res = Resolution::kPublication;
    int part;
    if ((l = Lit(t_, p, {"上半年"}))) {
      c.value = MonthRange(pub_y_, 1, 6, Precision::kHalfYear);
      c.end = p + l;
      Take(best, c);
    } else if ((l = Lit(t_, p, {"下半年"}))) {
      bool fut = FutureCue(p, p + l);
      int y = (fut || pub_m_ >= 7) ? pub_y_ : pub_y_ - 1;
      c.value = MonthRange(y, 7, 6, Precision::kHalfYear);
      c.future = fut;
      c.end = p + l;
      Take(best, c);
    } else if (StartsWith(t_, p, "年") && (l = ZhPartWord(p + 3, false, &part))) {
      c.value = PartOfYear(pub_y_, part);
      c.end = p + 3 + l;
      Take(best, c);
    } else if (StartsWith(t_, p, "月") && (l = ZhPartWord(p + 3, true, &part))) {
      c.value = PartOfMonth(pub_y_, pub_m_, part);
      c.end = p + 3 + l;
      Take(best, c);
    }
  }
  // 上世纪/本世纪/上个世纪 (+ 90年代 / 初 / 末)
  {
    size_t l;
    int cent = (pub_y_ - 1) / 100 + 1;
    if ((l = Lit(t_, p, {"上世纪", "上个世纪"}))) {
      Cand c;
      c.begin = p;
      c.res = Resolution::kPublication;
      ZhCentury(p + l, cent - 1, &c);
      Take(best, c);
    } else if ((l = Lit(t_, p, {"本世纪", "这个世纪"}))) {
      Cand c;
      c.begin = p;
      c.res = Resolution::kPublication;
      ZhCentury(p + l, cent, &c);
      Take(best, c);
    }
  }
  // Durations back from publication: 近年(来), 近几年, 近些年, 多年来, 近N年(来)
  {
    size_t l;
    Cand c;
    c.begin = p;
    c.res = Resolution::kPublication;
    c.duration = true;
    c.anchor_update = false;
    int years = 0;
    size_t end = 0;
    if ((l = Lit(t_, p, {"近年来", "近几年来", "近些年来", "近年", "近几年", "近些年",
                         "最近几年", "这几年", "过去几年"}))) {
      years = 5;
      end = p + l;
    } else if ((l = Lit(t_, p, {"多年来", "多年以来", "数年来"}))) {
      years = 10;
      end = p + l;
    } else if ((l = Lit(t_, p, {"近", "过去", "最近"}))) {
      Num n;
      if (ReadNum(p + l, &n) && n.value > 0 && n.value < 100) {
        size_t k = Lit(t_, n.end, {"年来", "年以来", "年"});
        if (k) {
          years = static_cast<int>(n.value);
          end = n.end + k;
        }
      }
    } else if ((l = Lit(t_, p, {"几年前", "数年前", "多年前"}))) {
      c.duration = false;
      c.anchor_update = true;
      c.value = TimeValue::Days(FirstOfMonth(pub_y_ - 9, 1), LastOfMonth(pub_y_ - 2, 12),
                                Precision::kRange);
      c.value.approximate = true;
      c.end = p + l;
      Take(best, c);
    }
    if (years > 0) {
      c.value = TimeValue::Days(AddMonthsToDay(pub_, -12 * years), pub_, Precision::kRange);
      c.value.approximate = true;
      c.end = end;
      Take(best, c);
    }
  }
  // Part of day + clock time alone: 上午10点, 晚上8时30分
  if (ZhLongest(lx_.zh_pod, p, 2)) {
    int minute = -1;
    size_t te = ZhTime(p, &minute, true);
    if (te > p) {
      Cand c;
      c.begin = p;
      c.end = te;
      c.value = DayValue(AnchorDay());
      c.res = Resolution::kAnchor;
      c.minute = minute;
      c.anchor_update = false;
      Take(best, c);
    } else if (size_t l = ZhLongest(lx_.zh_pod, p, 2); l > 3) {
      // A part of day alone (下午, 凌晨): the day talked about.
      Cand c;
      c.begin = p;
      c.end = p + l;
      c.value = DayValue(AnchorDay());
      c.res = Resolution::kAnchor;
      c.anchor_update = false;
      Take(best, c);
    }
  }
}

void Scanner::Zh(size_t p, Cand* best) {
  char32_t cp = CpAt(t_, p);
  // Blockers (今日俄罗斯): consume without emitting.
  if (cp < lx_.zh_first.size() && lx_.zh_first[cp]) {
    if (size_t l = ZhLongest(lx_.zh_block, p, 6)) {
      Cand c;
      c.begin = p;
      c.end = p + l;
      c.emit = false;
      Take(best, c);
      return;
    }
  }
  // Numbers (ASCII, fullwidth or Chinese).
  {
    Cand c;
    if (ZhFromNumber(p, &c)) Take(best, c);
  }
  ZhHoliday(p, best);
  if (cp >= 0x80 && cp < lx_.zh_first.size() && !lx_.zh_first[cp] && cp != U'近' &&
      cp != U'多' && cp != U'上' && cp != U'下' && cp != U'本' && cp != U'这' && cp != U'年' &&
      cp != U'月' && cp != U'数' && cp != U'几' && cp != U'过' && cp != U'最')
    return;
  ZhWords(p, best);
  ZhParts(p, best);
}

}  // namespace kbq::ingest::time_internal
