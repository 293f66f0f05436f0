// English days: weekdays (Friday, thursday, Mon., this monday, last Friday),
// a weekday with its date as one expression ("Monday, Feb. 18", "Tuesday the
// 19th"), ordinal days ("on the 15th", "the first of March"), the nth weekday
// or day of a month ("the second Wednesday of October 2014", "the last day of
// May") and clock times attached to a day ("at 3 p.m. Monday", "Monday at
// 15:30"). Part of the Scanner (scanner.h); resolution in resolve.cc.
//
// A weekday and a date said together must agree. A date without its year
// takes the year (of the one before or after the nearest) in which it falls
// on that weekday; when no year near makes them agree, the explicit date wins
// and the weekday is dropped.
#include <algorithm>

#include "time/scanner.h"

namespace kbq::ingest::time_internal {

namespace {

bool OneOf(const std::string& w, std::initializer_list<std::string_view> words) {
  return std::find(words.begin(), words.end(), w) != words.end();
}

// Words after which a bare "the 15th" or an abbreviated weekday is a day.
bool DayPreposition(const std::string& w) {
  return OneOf(w, {"on", "by", "until", "till", "since", "from", "before", "after", "through"});
}

}  // namespace

// A weekday name at w: full names in any case; abbreviations (Mon., tues,
// Thurs.) capitalised or with their dot. *end is after the dot.
bool Scanner::EnWeekdayWord(const Word& w, int* wd, size_t* end) const {
  if (w.num || w.e == w.b) return false;
  if (auto it = lx_.en_weekday.find(w.lower); it != lx_.en_weekday.end()) {
    *wd = it->second;
    *end = w.e;
    return true;
  }
  auto it = lx_.en_weekday_abbr.find(w.lower);
  if (it == lx_.en_weekday_abbr.end()) return false;
  bool dot = w.e < t_.size() && t_[w.e] == '.';
  if (!w.cap && !dot) return false;
  *wd = it->second;
  *end = w.e + (dot ? 1 : 0);
  return true;
}

// An ordinal at p: "15th", "3rd", "first", "twenty-first", "last" (-1).
bool Scanner::EnOrdinal(size_t p, int* v, size_t* end) const {
  Word w = WordAt(p);
  if (w.e == w.b) return false;
  if (w.num) {
    size_t sl = w.e - w.b <= 2 ? Lit(t_, w.e, {"st", "nd", "rd", "th"}) : 0;
    if (!sl || (w.e + sl < t_.size() && IsAsciiAlnum(t_[w.e + sl]))) return false;
    *v = std::stoi(w.lower);
    *end = w.e + sl;
    return *v >= 1;
  }
  if (w.e + 1 < t_.size() && t_[w.e] == '-' && IsAsciiAlpha(t_[w.e + 1])) {
    Word w2 = WordAt(w.e + 1);
    if (auto it = lx_.en_ordinal.find(w.lower + "-" + w2.lower); it != lx_.en_ordinal.end()) {
      *v = it->second;
      *end = w2.e;
      return true;
    }
  }
  auto it = lx_.en_ordinal.find(w.lower);
  if (it == lx_.en_ordinal.end()) return false;
  *v = it->second;
  *end = w.e;
  return true;
}

// The date after a weekday (q is after the weekday and its comma): "Feb.
// 18", "18 February 2013", "the 19th". On success *c spans from c->begin.
bool Scanner::EnWeekdayDate(size_t q, int wd, Cand* c) {
  Word lead = WordAt(q);
  size_t after_the = lead.lower == "the" ? lead.e : q;
  Cand d;
  bool have = false;
  if (EnDate(after_the, &d) && (!d.impossible.empty() ||
                                (d.value.ok() && d.value.precision == Precision::kDay))) {
    have = true;
  } else {
    int v = 0;
    size_t oe = 0;
    Word nx = WordAt(after_the);
    if (!nx.num || !EnOrdinal(after_the, &v, &oe) || v > 31) return false;
    if (lead.lower != "the" && nx.b != after_the) return false;
    // "Tuesday the 19th": the 19th of the nearest month in which it is a Tuesday.
    bool fut = FutureCue(c->begin, oe);
    std::optional<int32_t> day;
    for (int k = 0; k < 14 && !day; ++k) {
      for (int sign : {fut ? 1 : -1, fut ? -1 : 1}) {
        int y = pub_y_, m = pub_m_;
        AddMonths(&y, &m, sign * k);
        if (!ValidDate(y, m, v)) continue;
        int32_t dd = DayOf(date::year{y} / date::month(m) / date::day(v));
        if (WeekdayOf(dd) == wd) {
          day = dd;
          break;
        }
      }
    }
    if (!day) day = DomNear(v, fut);
    if (!day) return false;
    c->end = oe;
    c->value = DayValue(*day);
    c->res = Resolution::kPublication;
    c->future = *day > pub_;
    return true;
  }
  if (!have) return false;
  c->end = d.end;
  if (!d.impossible.empty()) {
    c->impossible = std::string(t_.substr(c->begin, c->end - c->begin));
    return true;
  }
  c->value = d.value;
  c->res = d.res;
  c->future = d.future;
  if (d.res != Resolution::kAbsolute && WeekdayOf(d.value.earliest) != wd) {
    // The year was guessed: take the nearest year in which the two agree.
    auto ymd = Ymd(d.value.earliest);
    int y0 = static_cast<int>(ymd.year());
    for (int dy : {-1, 1, -2, 2}) {
      date::year_month_day alt{date::year{y0 + dy}, ymd.month(), ymd.day()};
      if (alt.ok() && WeekdayOf(DayOf(alt)) == wd) {
        c->value = DayValue(DayOf(alt));
        c->future = DayOf(alt) > pub_;
        break;
      }
    }
  }
  return true;
}

// Weekdays: Friday, on Tuesday, last Friday, next Monday, this monday, the
// coming Sunday, Wednesday of this week, and a weekday with its date.
void Scanner::EnWeekday(size_t p, const Word& w, Cand* best) {
  std::string mod;
  Word x = w;
  if (OneOf(w.lower, {"last", "next", "this", "past", "coming"})) {
    mod = w.lower;
    x = WordAt(w.e);
  } else if (w.lower == "the") {
    Word n = WordAt(w.e);
    if (n.lower != "coming" && n.lower != "past") return;
    mod = n.lower;
    x = WordAt(n.e);
  }
  int wd = 0;
  size_t we = 0;
  if (!EnWeekdayWord(x, &wd, &we)) return;
  bool abbr = lx_.en_weekday.find(x.lower) == lx_.en_weekday.end();
  Cand c;
  c.begin = p;
  c.end = we;
  c.res = Resolution::kPublication;
  if (mod.empty()) {
    size_t q = SkipSpaces(we);
    if (q < t_.size() && t_[q] == ',') q = SkipSpaces(q + 1);
    Cand dated = c;
    if (EnWeekdayDate(q, wd, &dated)) {
      Take(best, dated);
      return;
    }
    // "Sun." or "Sat" alone is a day only after a preposition of time.
    if (abbr && !DayPreposition(WordBefore(x.b).lower)) return;
  }
  // "Wednesday of this week", "Sunday from last week".
  Word of = WordAt(we);
  if (mod.empty() && (of.lower == "of" || of.lower == "from")) {
    Word rel = WordAt(of.e), unit = WordAt(rel.e);
    if (unit.lower == "week" && OneOf(rel.lower, {"this", "last", "next"})) {
      int off = rel.lower == "last" ? -1 : rel.lower == "next" ? 1 : 0;
      int32_t d = MondayOf(pub_) + 7 * off + (wd + 6) % 7;
      c.end = unit.e;
      c.value = DayValue(d);
      c.future = d > pub_;
      Take(best, c);
      return;
    }
  }
  bool fut = mod == "next" || mod == "coming" || (mod.empty() && FutureCue(p, we));
  int32_t d;
  if (mod == "this") {
    d = MondayOf(pub_) + (wd + 6) % 7;
    fut = d > pub_;
  } else {
    d = WeekdayNear(wd, fut, mod == "last" || mod == "next" || mod == "past" || fut);
  }
  c.value = DayValue(d);
  c.future = fut;
  Take(best, c);
}

// "on the 15th", "the first of March", "the 3rd of May 2015", "first of May".
void Scanner::EnOrdinalDay(size_t p, const Word& w, Cand* best) {
  bool the = w.lower == "the";
  size_t q = the ? w.e : p;
  int v = 0;
  size_t oe = 0;
  if (!EnOrdinal(q, &v, &oe) || v < 1 || v > 31) return;
  Word ow = WordAt(q);
  if (ow.num && !the) return;  // "3rd of May" is EnDayMonth's
  Word nx = WordAt(oe);
  AfterDay after = AfterDay::kYes;
  if (nx.lower == "of") {
    nx = WordAt(nx.e);
    after = AfterDay::kOf;
  }
  size_t me = 0;
  int m = nx.num ? 0 : EnMonth(nx, &me, after);
  Cand c;
  c.begin = p;
  c.res = Resolution::kAbsolute;
  if (m) {
    int y = 0;
    size_t ye = 0;
    bool year = EnYearAfter(me, &y, &ye);
    if (EnFinishDay(&c, y, m, v, year ? ye : me, year)) Take(best, c);
    return;
  }
  // A bare "the 15th": only digits, after a preposition of time, and not
  // the ordinal of a noun ("the 15th round").
  if (!the || !ow.num || !DayPreposition(WordBefore(p).lower)) return;
  Word after_w = WordAt(oe);
  if (after_w.e > after_w.b && !after_w.num &&
      !OneOf(after_w.lower, {"and", "or", "at", "in", "when", "to", "but", "as", "with", "after",
                             "before", "until", "the", "a", "he", "she", "they", "it", "we"}))
    return;
  bool fut = FutureCue(p, oe);
  auto day = DomNear(v, fut);
  if (!day) return;
  c.end = oe;
  c.value = DayValue(*day);
  c.res = Resolution::kPublication;
  c.future = fut && *day > pub_;
  Take(best, c);
}

// A month after "of"/"in": "October 2014", "May", "this month", "last month".
bool Scanner::EnMonthAt(size_t q, int* y, int* m, size_t* end, Resolution* res) {
  Word a = WordAt(q);
  Word b = WordAt(a.e);
  if (b.lower == "month" && OneOf(a.lower, {"this", "last", "next"})) {
    *y = pub_y_;
    *m = pub_m_;
    AddMonths(y, m, a.lower == "last" ? -1 : a.lower == "next" ? 1 : 0);
    *end = b.e;
    *res = Resolution::kPublication;
    return true;
  }
  Cand d;
  if (!EnDate(q, &d) || !d.impossible.empty() || !d.value.ok() ||
      d.value.precision != Precision::kMonth)
    return false;
  *y = YearOf(d.value.earliest);
  *m = static_cast<int>(MonthOf(d.value.earliest));
  *end = d.end;
  *res = d.res;
  return true;
}

// "the second Wednesday of October 2014", "the last Friday in May", "the
// last day of October 2015", "the first week of October 2014" (weeks of a
// month are its whole Monday-to-Sunday weeks), "the 20th day of next month".
void Scanner::EnNthInMonth(size_t p, const Word& w, Cand* best) {
  size_t q = w.lower == "the" ? w.e : p;
  int n = 0;
  size_t oe = 0;
  if (!EnOrdinal(q, &n, &oe) || n == 0 || n > 31) return;
  Word u = WordAt(oe);
  if (n > 0 && u.lower == "last") {  // "the 2nd last week of October 2018": counted from the end
    n = -n;
    u = WordAt(u.e);
  }
  int wd = -1;
  size_t ue = u.e;
  bool day = u.lower == "day", week = u.lower == "week";
  if (!day && !week && !EnWeekdayWord(u, &wd, &ue)) return;
  if ((wd >= 0 || week) && (n > 5 || n < -5)) return;
  Word of = WordAt(ue);
  if (of.lower != "of" && of.lower != "in") return;
  int y = 0, m = 0;
  size_t me = 0;
  Resolution res = Resolution::kAbsolute;
  int32_t first = 0, last = 0;
  Word yw = WordAt(of.e);
  if (week && yw.num && yw.e - yw.b == 4 && EnYearAfter(of.e, &y, &me)) {  // weeks of a year
    first = FirstOfMonth(y, 1);
    last = LastOfMonth(y, 12);
  } else if (EnMonthAt(of.e, &y, &m, &me, &res)) {
    first = FirstOfMonth(y, m);
    last = LastOfMonth(y, m);
  } else {
    return;
  }
  Cand c;
  c.begin = p;
  c.end = me;
  c.res = res;
  if (day) {
    int32_t d = n < 0 ? last + n + 1 : first + n - 1;
    if (d < first) return;
    if (d > last) return;
    c.value = DayValue(d);
  } else if (week) {
    int32_t first_mon = first + (8 - WeekdayOf(first)) % 7;  // first Monday on or after the 1st
    int32_t last_mon = last - WeekdayOf(last) - 6;  // the Monday before the last Sunday
    int32_t mon = n < 0 ? last_mon + 7 * (n + 1) : first_mon + 7 * (n - 1);
    if (mon + 6 > last || mon < first) return;
    c.value = Week(mon);
  } else {
    int32_t d;
    if (n < 0) {
      d = last - (WeekdayOf(last) - wd + 7) % 7 + 7 * (n + 1);
      if (d < first) return;
    } else {
      d = first + (wd - WeekdayOf(first) + 7) % 7 + 7 * (n - 1);
      if (d > last) return;
    }
    c.value = DayValue(d);
  }
  c.future = c.value.earliest > pub_ && res != Resolution::kAbsolute;
  Take(best, c);
}

// A clock time at p: "3 p.m.", "10:30 am", "3pm", "15:30" (24-hour with a
// colon), noon, midnight. Returns its end, or 0.
size_t Scanner::EnClock(size_t p, int* minute) const {
  Word h = WordAt(p);
  if (h.lower == "noon" || h.lower == "midnight") {
    *minute = h.lower == "noon" ? 12 * 60 : 0;
    return h.e;
  }
  if (!h.num || h.e - h.b > 2) return 0;
  int hour = std::stoi(h.lower), min = 0;
  size_t e = h.e;
  bool colon = false;
  if (e + 2 < t_.size() && t_[e] == ':' && IsAsciiDigit(t_[e + 1]) && IsAsciiDigit(t_[e + 2]) &&
      !(e + 3 < t_.size() && IsAsciiDigit(t_[e + 3]))) {
    min = (t_[e + 1] - '0') * 10 + (t_[e + 2] - '0');
    e += 3;
    colon = true;
    if (e + 2 < t_.size() && t_[e] == ':' && IsAsciiDigit(t_[e + 1]) && IsAsciiDigit(t_[e + 2]))
      e += 3;  // seconds
  }
  if (min > 59) return 0;
  size_t k = SkipSpaces(e);
  size_t ap = 0;
  bool pm = false;
  for (std::string_view s : {"a.m.", "p.m.", "a.m", "p.m", "am", "pm", "AM", "PM", "A.M.", "P.M."}) {
    if (StartsWith(t_, k, s) && !(k + s.size() < t_.size() && IsAsciiAlpha(t_[k + s.size()]))) {
      ap = s.size();
      pm = s[0] == 'p' || s[0] == 'P';
      break;
    }
  }
  if (ap) {
    if (hour < 1 || hour > 12) return 0;
    *minute = (hour % 12 + (pm ? 12 : 0)) * 60 + min;
    return k + ap;
  }
  if (!colon || hour > 23) return 0;
  *minute = hour * 60 + min;
  return e;
}

// "3 p.m. Monday", "10:30 a.m. on May 5", "3 p.m. yesterday": a clock time
// before a day makes one expression with the day's value and the time kept.
void Scanner::EnClockFirst(size_t p, const Word& w, Cand* best) {
  if (!w.num && w.lower != "noon" && w.lower != "midnight") return;
  int minute = -1;
  size_t e = EnClock(p, &minute);
  if (!e) return;
  size_t q = SkipSpaces(e);
  if (q < t_.size() && t_[q] == ',') q = SkipSpaces(q + 1);
  Word on = WordAt(q);
  if (on.lower == "on") q = SkipSpaces(on.e);
  Word x = WordAt(q);
  if (x.e == x.b) return;
  Cand day;
  day.begin = day.end = q;
  EnRelative(q, x, &day);
  EnWeekday(q, x, &day);
  EnOrdinalDay(q, x, &day);
  {
    Cand d;
    if (EnDate(q, &d)) Take(&day, d);
  }
  if (day.end <= q || !day.impossible.empty() || !day.value.ok() ||
      day.value.precision != Precision::kDay || day.res == Resolution::kPresent)
    return;
  day.begin = p;
  day.minute = minute;
  Take(best, day);
}

// "Monday at 3 p.m.", "May 5, 10:30 a.m.": a clock time after a day joins it.
void Scanner::EnClockAfter(Cand* best) const {
  if (best->end <= best->begin || !best->impossible.empty() || best->minute >= 0 ||
      !best->value.ok() || best->value.precision != Precision::kDay ||
      best->res == Resolution::kPresent)
    return;
  size_t q = SkipSpaces(best->end);
  if (q < t_.size() && t_[q] == ',') q = SkipSpaces(q + 1);
  Word at = WordAt(q);
  if (at.lower == "at") q = SkipSpaces(at.e);
  int minute = -1;
  size_t e = EnClock(q, &minute);
  if (!e) return;
  best->end = e;
  best->minute = minute;
}

}  // namespace kbq::ingest::time_internal
