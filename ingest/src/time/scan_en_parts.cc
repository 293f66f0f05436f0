// English parts of periods, weekends and holidays: "the end of March",
// "early next year", "the start of 2012", "the end of the month"; "last
// weekend", "over the weekend"; "Christmas Day", "on Easter", "Thanksgiving
// 2012". Part of the Scanner (scanner.h); the holidays are the English rows of
// ingest/data/time_holidays.tsv.
//
// A part narrows a month (early: days 1-10, mid: 11-20, late: 21-end), a
// year (early: January-March, mid: May-August, late: October-December,
// approximate) or a week (Monday-Tuesday, Wednesday-Thursday,
// Friday-Sunday), as "early/mid/late" already did for "early March"
// (HeidelTime's START/MID/END modifiers, read as the part they name).
#include <algorithm>

#include "time/scanner.h"

namespace kbq::ingest::time_internal {

namespace {

bool OneOf(std::string_view w, std::initializer_list<std::string_view> words) {
  return std::find(words.begin(), words.end(), w) != words.end();
}

// The part a word names: 0 start, 1 middle, 2 end; -1 none. `of`: the word
// is followed by "of" ("the end of"), else it modifies directly ("early").
int PartWord(std::string_view w, bool of) {
  if (of) {
    if (w == "beginning" || w == "start") return 0;
    if (w == "middle") return 1;
    if (w == "end" || w == "close") return 2;
    return -1;
  }
  if (w == "early") return 0;
  if (w == "mid") return 1;
  if (w == "late") return 2;
  return -1;
}

// Part `part` of the week starting on Monday `mon`.
TimeValue PartOfWeek(int32_t mon, int part) {
  if (part == 0) return TimeValue::Days(mon, mon + 1, Precision::kRange);
  if (part == 1) return TimeValue::Days(mon + 2, mon + 3, Precision::kRange);
  return TimeValue::Days(mon + 4, mon + 6, Precision::kRange);
}

bool IsWeek(const TimeValue& v) {
  return v.precision == Precision::kRange && v.latest - v.earliest == 6 && WeekdayOf(v.earliest) == 1;
}

// Easter Sunday of the Gregorian computus (the anonymous algorithm published
// by Butcher, 1876, as given in Meeus, Astronomical Algorithms, ch. 8).
int32_t GregorianEaster(int y) {
  int a = y % 19, b = y / 100, c = y % 100, d = b / 4, e = b % 4, f = (b + 8) / 25, g = (b - f + 1) / 3;
  int h = (19 * a + b - d - g + 15) % 30, i = c / 4, k = c % 4;
  int l = (32 + 2 * e + 2 * i - h - k) % 7, m = (a + 11 * h + 22 * l) / 451;
  int month = (h + l - 7 * m + 114) / 31, day = (h + l - 7 * m + 114) % 31 + 1;
  return DayOf(date::year{y} / date::month(month) / date::day(day));
}

// Easter Sunday of the Julian computus (Meeus, ch. 8), as a Gregorian day:
// the Julian date plus the calendars' difference in that century.
int32_t OrthodoxEaster(int y) {
  int a = y % 4, b = y % 7, c = y % 19, d = (19 * c + 15) % 30, e = (2 * a + 4 * b - d + 34) % 7;
  int month = (d + e + 114) / 31, day = (d + e + 114) % 31 + 1;
  int shift = y / 100 - y / 400 - 2;  // 13 days in 1900-2099
  // The Julian month and day read as Gregorian, then shifted (March and April
  // hold no leap day, so the shift is exact).
  return DayOf(date::year{y} / date::month(month) / date::day(day)) + shift;
}

// The day of holiday h in Gregorian year y; nullopt when it has none.
std::optional<int32_t> HolidayDay(const HolidayEntry& h, int y) {
  using K = HolidayEntry::Kind;
  switch (h.kind) {
    case K::kGregorian:
      if (!ValidDate(y, h.month, h.day)) return std::nullopt;
      return DayOf(date::year{y} / date::month(h.month) / date::day(h.day)) + h.offset;
    case K::kNthWeekday: {
      if (h.month < 1 || h.month > 12 || h.day < 0 || h.day > 6) return std::nullopt;
      if (h.offset < 0) {
        int32_t last = LastOfMonth(y, h.month);
        return last - (WeekdayOf(last) - h.day + 7) % 7;
      }
      int32_t first = FirstOfMonth(y, h.month);
      int32_t day = first + (h.day - WeekdayOf(first) + 7) % 7 + 7 * (h.offset - 1);
      if (h.offset < 1 || day > LastOfMonth(y, h.month)) return std::nullopt;
      return day;
    }
    case K::kEaster: return GregorianEaster(y) + h.offset;
    case K::kOrthodoxEaster: return OrthodoxEaster(y) + h.offset;
    default: return std::nullopt;
  }
}

}  // namespace

// A part said before a month, year or week found at best ("the end of
// March", "early next year", "the start of 2012", "end-2012"): the
// expression grows to take it in and narrows to that part.
void Scanner::EnPartPrefix(Cand* best) const {
  if (best->duration || !best->value.ok() || best->res == Resolution::kPresent ||
      best->res == Resolution::kPast || best->res == Resolution::kFuture)
    return;
  const TimeValue& v = best->value;
  if (v.precision == Precision::kDay && v.SpanDays() == 1) {
    // "on the eve of Human Rights Day", "the eve of May 9": the day before.
    Word of = WordBefore(best->begin), eve = WordBefore(of.b), the = WordBefore(eve.b);
    if (of.lower == "of" && eve.lower == "eve" && the.lower == "the" && the.e > the.b) {
      best->value = DayValue(v.earliest - 1);
      best->begin = the.b;
    }
    return;
  }
  const bool month = v.precision == Precision::kMonth, year = v.precision == Precision::kYear;
  const bool week = IsWeek(v);
  if (!month && !year && !week) return;
  int part = -1;
  size_t begin = best->begin;
  size_t i = best->begin;
  while (i > 0 && t_[i - 1] == ' ') --i;
  if (i > 0 && t_[i - 1] == '-' && i == best->begin) {  // mid-2014, end-March
    Word h = WordBefore(i - 1);
    if (h.e == i - 1) {
      part = h.lower == "end" ? 2 : PartWord(h.lower, false);
      begin = h.b;
    }
  } else {
    Word w1 = WordBefore(i);
    if (w1.e == w1.b) return;
    if (int p = PartWord(w1.lower, false); p >= 0) {
      part = p;
      begin = w1.b;
    } else if (w1.lower == "of") {
      Word w2 = WordBefore(w1.b);
      if (int p2 = PartWord(w2.lower, true); p2 >= 0 && w2.e > w2.b) {
        part = p2;
        begin = w2.b;
        Word w3 = WordBefore(w2.b);
        if (w3.lower == "the" && w3.e > w3.b) begin = w3.b;
      }
    }
  }
  if (part < 0) return;
  TimeValue narrowed;
  if (month) {
    narrowed = PartOfMonth(YearOf(v.earliest), static_cast<int>(MonthOf(v.earliest)), part);
  } else if (year) {
    narrowed = PartOfYear(YearOf(v.earliest), part);
  } else {
    narrowed = PartOfWeek(v.earliest, part);
  }
  best->value = narrowed;
  best->begin = begin;
}

// "the end of the month", "the beginning of the year", "the middle of the
// week": the part of the story's month, year or week (the last date
// mentioned; the publication's when none is).
void Scanner::EnPartOfUnit(size_t p, const Word& w, Cand* best) {
  size_t i = p;
  Word x = w;
  if (x.lower == "the") {
    i = x.e;
    x = WordAt(i);
  }
  const int part = PartWord(x.lower, true);
  if (part < 0) return;
  Word of = WordAt(x.e);
  Word the = WordAt(of.e);
  Word unit = WordAt(the.e);
  if (of.lower != "of" || the.lower != "the" || unit.e == unit.b) return;
  if (unit.e < t_.size() && (IsAsciiAlnum(t_[unit.e]) || t_[unit.e] == '\'')) return;
  // "the end of the Year of Science", "the start of the year of the tiger": a name.
  if (unit.cap || !OneOf(unit.lower, {"month", "year", "week"}) || WordAt(unit.e).lower == "of") return;
  Cand c;
  c.begin = p;
  c.end = unit.e;
  // The story's own month or year when it is told of an earlier year ("In
  // March 2011 talks broke down; by the end of the year …"); else the
  // release's ("another six will be removed by the end of the year").
  // (From the part word: "by the end of the year" is no future by "by".)
  const bool fut = FutureCue(x.b, unit.e);
  const bool anchored = anchor_any_.has_value() && !fut && YearOf(anchor_any_->earliest) < pub_y_;
  const int32_t base = anchored ? anchor_any_->earliest : pub_;
  c.res = anchored ? Resolution::kAnchor : Resolution::kPublication;
  if (unit.lower == "month") {
    c.value = PartOfMonth(YearOf(base), static_cast<int>(MonthOf(base)), part);
  } else if (unit.lower == "year") {
    c.value = PartOfYear(YearOf(base), part);
  } else {
    c.value = PartOfWeek(MondayOf(base), part);
  }
  c.future = fut && c.value.latest > pub_;
  Take(best, c);
}

// Weekends: "this weekend", "last weekend", "next weekend", "the past /
// coming / previous / following weekend", and "the weekend" (the one just
// past, or the one ahead in a clause about the future). A weekend is
// Saturday and Sunday of a Monday-based week. A bare "weekend" ("weekend
// protests") is no date.
void Scanner::EnWeekend(size_t p, const Word& w, Cand* best) {
  Word x = w;
  bool the = false;
  if (x.lower == "the") {
    the = true;
    x = WordAt(x.e);
  }
  std::string mod;
  if (OneOf(x.lower, {"this", "last", "next", "past", "coming", "previous", "following"})) {
    mod = x.lower;
    x = WordAt(x.e);
  }
  if (x.lower != "weekend" || (x.e < t_.size() && IsAsciiAlnum(t_[x.e]))) return;
  if (!the && mod.empty()) return;
  if (the && OneOf(mod, {"this", "last", "next"})) return;  // "the last weekend of May"
  if (WordAt(x.e).lower == "of") return;                      // "last weekend of the season"
  const int32_t this_sat = MondayOf(pub_) + 5;
  const int wd = WeekdayOf(pub_);
  const bool in_weekend = wd == 0 || wd == 6;
  Cand c;
  c.begin = p;
  c.end = x.e;
  c.res = Resolution::kPublication;
  int32_t sat = this_sat;
  if (mod == "this") {
    // Said early in the week of something done, "this weekend" is the one
    // just past ("said in an interview this weekend", published on Monday).
    const bool early_week = wd == 1 || wd == 2;
    sat = early_week && !FutureCue(p, x.e) ? this_sat - 7 : this_sat;
    c.future = sat > pub_;
  } else if (mod == "last") {
    sat = this_sat - 7;
  } else if (mod == "next") {
    sat = this_sat + 7;
    c.future = true;
  } else if (mod == "coming") {
    sat = in_weekend ? this_sat + 7 : this_sat;
    c.future = true;
  } else if (mod == "past") {
    sat = wd == 0 ? this_sat : this_sat - 7;
  } else if (mod == "previous" || mod == "following") {
    const int32_t a = AnchorDay();
    c.res = anchor_day_ ? Resolution::kAnchor : Resolution::kPublication;
    sat = mod == "previous" ? MondayOf(a) - 2 : MondayOf(a) + (WeekdayOf(a) == 6 || WeekdayOf(a) == 0 ? 12 : 5);
  } else if (FutureCue(p, x.e)) {  // "will meet at the weekend"
    sat = in_weekend ? this_sat + 7 : this_sat;
    c.future = true;
  } else {
    sat = in_weekend ? this_sat : this_sat - 7;
  }
  c.value = TimeValue::Days(sat, sat + 1, Precision::kRange);
  Take(best, c);
}

// Holidays of the English rows of time_holidays.tsv: "Christmas Day",
// "New Year's Eve", "Good Friday", "Thanksgiving 2012". The name starts with a
// capital; a one-word name (Christmas, Easter, Thanksgiving) is a date only
// after a preposition of time or with its year, and not before another
// capitalised word ("Easter Island", "Christmas Island"). Without a year the
// nearest one is taken, leaning to the past as for "March 3".
void Scanner::EnHoliday(size_t p, const Word& w, Cand* best) {
  if (lx_.en_holiday.empty() || !w.cap) return;
  // The words from p, lower case, one space between, ’ read as ', "st." and
  // "jr." with their dot; each possible end of a name.
  std::string key;
  struct End {
    size_t text_end, key_size;
  };
  std::vector<End> ends;
  size_t i = p;
  while (i < t_.size() && key.size() <= lx_.en_holiday_max_bytes) {
    size_t j = i;
    std::string tok;
    while (j < t_.size()) {
      if (IsAsciiAlpha(t_[j])) {
        tok += static_cast<char>(std::tolower(static_cast<unsigned char>(t_[j])));
        ++j;
      } else if (t_[j] == '\'') {
        tok += '\'';
        ++j;
      } else if (StartsWith(t_, j, "\xE2\x80\x99")) {
        tok += '\'';
        j += 3;
      } else {
        break;
      }
    }
    if (tok.empty()) break;
    if (j < t_.size() && t_[j] == '.' && (tok == "st" || tok == "jr")) {
      tok += '.';
      ++j;
    }
    key += (key.empty() ? "" : " ") + tok;
    ends.push_back({j, key.size()});
    if (j >= t_.size() || t_[j] != ' ') break;
    i = j + 1;
  }
  const HolidayEntry* h = nullptr;
  size_t end = 0, words = 0;
  for (size_t k = ends.size(); k > 0 && !h; --k) {
    auto it = lx_.en_holiday.find(std::string_view(key).substr(0, ends[k - 1].key_size));
    if (it == lx_.en_holiday.end()) continue;
    h = &it->second;
    end = ends[k - 1].text_end;
    words = k;
  }
  if (!h) return;
  int y = 0;
  size_t ye = 0;
  size_t after = end < t_.size() && t_[end] == ',' ? end + 1 : end;
  const bool year_known = EnYearAfter(after, &y, &ye);
  // "Holodomor Remembrance Day", "Armenian Christmas": a capitalised word
  // before (not the sentence's first) makes a longer name.
  if (Word pw = WordBefore(p); pw.cap && pw.e > pw.b) {
    size_t q = pw.b;
    while (q > 0 && t_[q - 1] == ' ') --q;
    const bool sentence_start = q == 0 || t_[q - 1] == '.' || t_[q - 1] == '\n' || t_[q - 1] == '"' ||
                                t_[q - 1] == '!' || t_[q - 1] == '?';
    if (!sentence_start) return;
  }
  if (words == 1 && !year_known) {
    // A preposition of time before a one-word name ("greetings on the New
    // Year and Christmas" names the feasts, not a day).
    const std::string prep = EnWordBefore(p);
    if (!OneOf(prep, {"on", "at", "over", "during", "before", "after", "since", "until", "till", "by", "from",
                      "around", "through", "throughout", "last", "next", "this", "in"}))
      return;
    Word nx = WordAt(end);
    if (nx.cap && nx.b == end + 1 && !lx_.en_month.count(nx.lower) && !lx_.en_weekday.count(nx.lower)) return;
  }
  Cand c;
  c.begin = p;
  if (year_known) {
    auto day = HolidayDay(*h, y);
    if (!day) return;
    c.end = ye;
    c.res = Resolution::kAbsolute;
    c.value = DayValue(*day);
  } else {
    const std::string before = EnWordBefore(p);
    const bool fut = before == "next" || (before != "last" && FutureCue(p, end));
    auto this_year = HolidayDay(*h, pub_y_);
    if (!this_year) return;
    auto near = MonthDayNear(static_cast<int>(MonthOf(*this_year)), static_cast<int>(DomOf(*this_year)), fut, p);
    if (!near) return;
    auto day = HolidayDay(*h, YearOf(*near));
    if (!day) return;
    c.end = end;
    c.res = Resolution::kPublication;
    c.value = DayValue(*day);
    c.future = fut && *day > pub_;
  }
  Take(best, c);
}

}  // namespace kbq::ingest::time_internal
