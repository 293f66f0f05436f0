// English time expressions (May 6, 2025; last Friday; early next year; the
// 1990s): the Scanner's En* recognisers. Words come from the lexicon tables
// (ingest/data/time_*.tsv); resolution from resolve.cc.
#include <algorithm>
#include <cstring>

#include "time/scanner.h"

namespace kbq::ingest::time_internal {

Scanner::Word Scanner::WordAt(size_t p) const {
  Word w;
  p = SkipSpaces(p);
  w.b = w.e = p;
  if (p >= t_.size()) return w;
  if (IsAsciiDigit(t_[p])) {
    while (w.e < t_.size() && IsAsciiDigit(t_[w.e]) && w.e - p < 12) ++w.e;
    w.num = true;
  } else if (IsAsciiAlpha(t_[p])) {
    while (w.e < t_.size() && IsAsciiAlpha(t_[w.e]) && w.e - p < 24) ++w.e;
    w.cap = std::isupper(static_cast<unsigned char>(t_[p]));
  } else {
    return w;
  }
  w.lower.assign(t_.substr(w.b, w.e - w.b));
  for (auto& ch : w.lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return w;
}

Scanner::Word Scanner::WordBefore(size_t p) const {
  size_t i = p;
  while (i > 0 && (t_[i - 1] == ' ' || t_[i - 1] == '\t')) --i;
  size_t j = i;
  while (j > 0 && IsAsciiAlpha(t_[j - 1]) && i - j < 24) --j;
  if (j == i) return Word();
  return WordAt(j);
}

bool Scanner::EnNumberWord(const Word& w, int* v) const {
  if (w.num) {
    if (w.e - w.b > 4) return false;
    *v = std::stoi(w.lower);
    return true;
  }
  auto it = lx_.en_num.find(w.lower);
  if (it == lx_.en_num.end()) return false;
  *v = it->second;
  return true;
}

std::string Scanner::EnWordBefore(size_t p) const {
  size_t i = p;
  while (i > 0 && (t_[i - 1] == ' ' || t_[i - 1] == '\t')) --i;
  size_t j = i;
  while (j > 0 && IsAsciiAlpha(t_[j - 1]) && i - j < 12) --j;
  std::string w(t_.substr(j, i - j));
  for (auto& ch : w) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return w;
}

bool Scanner::EnContextBefore(size_t p, bool month) const {
  size_t i = p;
  while (i > 0 && (t_[i - 1] == ' ' || t_[i - 1] == '\t')) --i;
  if (i > 0 && t_[i - 1] == '-') return true;  // mid-March
  const std::string w = EnWordBefore(p);
  static const char* kContext[] = {"in",     "early", "late",   "mid",    "since", "until",
                                   "till",   "by",    "from",   "to",     "through", "during",
                                   "before", "after", "last",   "next",   "this",  "of",
                                   "between", "and",  "or",     "on",     "around", "throughout",
                                   "end",    "beginning", "start", "middle", "each", "every"};
  for (auto* k : kContext)
    if (w == k) return true;
  // "scheduled for April", "planned for May": a month (a year after "for" is
  // a horizon: "the goals for 2022").
  return month && w == "for";
}

bool Scanner::EnSecondDay(size_t first_begin, size_t e, int d, int* d2, size_t* end) const {
  size_t q = 0;  // where the second day starts
  if (e < t_.size() && t_[e] == '-') {
    q = e + 1;
  } else if (size_t l = Lit(t_, e, {"\xE2\x80\x93"})) {  // en dash
    q = e + l;
  } else {
    // "between 3 and 5 March", "from March 3 to 5": a word only after the
    // range's opening word, so "rose 3 to 5 percent" stays no date.
    const std::string opener = EnWordBefore(first_begin);
    Word conj = WordAt(e);
    const bool ok = (opener == "between" && conj.lower == "and") ||
                    (opener == "from" && (conj.lower == "to" || conj.lower == "through" || conj.lower == "until"));
    if (!ok) return false;
    q = SkipSpaces(conj.e);
  }
  Word dw = WordAt(q);
  if (dw.b != q || !dw.num || dw.e - dw.b > 2) return false;
  size_t de = dw.e + Lit(t_, dw.e, {"st", "nd", "rd", "th"});
  if (de < t_.size() && (IsAsciiAlnum(t_[de]) || t_[de] == ':' || t_[de] == '/' || t_[de] == '%')) return false;
  const std::string unit = WordAt(de).lower;
  if (unit == "percent" || unit == "per" || unit == "pm" || unit == "am" || unit == "p" || unit == "a" ||
      unit == "o") return false;
  *d2 = std::stoi(dw.lower);
  *end = de;
  return *d2 > d && *d2 <= 31;
}

bool Scanner::EnDate(size_t p, Cand* c) {
  Word w = WordAt(p);
  if (w.e == w.b) return false;
  c->begin = w.b;
  c->res = Resolution::kAbsolute;
  auto year_after = [&](size_t i, int* y, size_t* end) { return EnYearAfter(i, y, end); };
  auto day_after = [&](size_t i, int* d, size_t* end) -> bool {
    Word dw = WordAt(i);
    if (!dw.num || dw.e - dw.b > 2) return false;
    size_t e = dw.e;
    size_t sl = Lit(t_, e, {"st", "nd", "rd", "th"});
    e += sl;
    if (e < t_.size() && (IsAsciiAlnum(t_[e]) || (t_[e] == ':' ))) return false;
    if (e < t_.size() && t_[e] == '/' ) return false;
    *d = std::stoi(dw.lower);
    *end = e;
    return *d >= 1 && *d <= 99;
  };
  auto finish_day = [&](int y, int m, int d, size_t end, bool year_known) {
    return EnFinishDay(c, y, m, d, end, year_known);
  };
  auto month_of = [&](const Word& mw, size_t* end) { return EnMonth(mw, end, AfterDay::kNo); };
  // "early/mid/late" + month or year.
  int part = -1;
  size_t i = w.b;
  if (w.lower == "early" || w.lower == "late" || w.lower == "mid") {
    part = w.lower == "early" ? 0 : w.lower == "mid" ? 1 : 2;
    i = w.e;
    if (i < t_.size() && t_[i] == '-') ++i;
    // "early in 2014"
    Word nx = WordAt(i);
    if (nx.lower == "in") i = nx.e;
  }
  Word x = WordAt(i);
  size_t me = 0;
  int m = month_of(x, &me);
  if (m) {
    int d = 0, y = 0;
    size_t de = 0, ye = 0;
    if (part < 0 && day_after(me, &d, &de)) {
      // May 16-17 (, 2025), "between March 3 and 5", "from March 3 to 5": a
      // range of days in one month.
      int d2 = 0;
      size_t de2 = 0;
      if (EnSecondDay(w.b, de, d, &d2, &de2) && !lx_.en_month.count(WordAt(de2).lower)) {
        const bool yk = year_after(de2, &y, &ye);
        return EnFinishDayRange(c, y, m, d, d2, yk ? ye : de2, yk);
      }
      if (year_after(de, &y, &ye)) return finish_day(y, m, d, ye, true);
      return finish_day(0, m, d, de, false);
    }
    if (year_after(me, &y, &ye)) {
      c->end = ye;
      c->value = part >= 0 ? PartOfMonth(y, m, part) : TimeValue::Month(y, m);
      return true;
    }
    // "the 3rd of May" is handled by the caller; a bare month needs context.
    if (part < 0 && !EnContextBefore(x.b, /*month=*/true)) return false;
    bool fut = FutureCue(c->begin, me);
    // "last March" / "next May"
    size_t q = x.b;
    while (q > 0 && t_[q - 1] == ' ') --q;
    std::string_view prevw = q >= 4 ? t_.substr(q - 4, 4) : std::string_view();
    int yy = YearOfMonthNear(m, fut);
    if (prevw == "next" || prevw == "Next") {
      yy = m > pub_m_ ? pub_y_ : pub_y_ + 1;
      fut = true;
    } else if (prevw == "last" || prevw == "Last") {
      yy = m < pub_m_ ? pub_y_ : pub_y_ - 1;
    } else if (prevw == "this" || prevw == "This") {
      yy = pub_y_;
    }
    c->end = me;
    c->value = part >= 0 ? PartOfMonth(yy, m, part) : TimeValue::Month(yy, m);
    c->res = Resolution::kPublication;
    c->future = fut;
    return true;
  }
  if (x.num) return EnNumeric(x, part, c);
  // Seasons: spring 2009, early summer
  if (auto it = lx_.en_season.find(x.lower); it != lx_.en_season.end()) {
    int y = 0;
    size_t ye = 0;
    Word ofw = WordAt(x.e);
    size_t from = ofw.lower == "of" ? ofw.e : x.e;
    if (year_after(from, &y, &ye)) {
      c->end = ye;
      c->value = MonthRange(y, it->second.first_month, it->second.months, Precision::kSeason);
      return true;
    }
  }
  return false;
}

// Relative phrases of the lexicon (part of En); weekdays are in scan_en_days.cc.
void Scanner::EnRelative(size_t p, const Word& /*w*/, Cand* best) {
  // Relative phrases from the lexicon, longest first.
  {
    std::string phrase;
    size_t i = p, ends[8];
    std::string phrases[8];
    size_t k = 0;
    while (k < lx_.en_rel_max_words && k < 8) {
      Word x = WordAt(i);
      if (x.e == x.b || x.num) break;
      if (k > 0 && x.b != i + 1) break;  // words separated by one space
      // "the Day of Unity": a capital after a lower-case first word starts a name.
      if (k > 0 && x.cap && !WordAt(p).cap) break;
      phrase += (k ? " " : "") + x.lower;
      phrases[k] = phrase;
      ends[k] = x.e;
      i = x.e;
      ++k;
    }
    while (k > 0) {
      auto it = lx_.en_rel.find(phrases[k - 1]);
      if (it != lx_.en_rel.end() && phrases[k - 1] == "the day") {
        // "the day of its publication", "the day when": a day defined by
        // what follows, not the narrative's day.
        std::string nx = WordAt(ends[k - 1]).lower;
        if (nx == "of" || nx == "when" || nx == "that" || nx == "which" || nx == "on") it = lx_.en_rel.end();
      }
      if (it != lx_.en_rel.end() && it->second.future) {
        // "shortly after midnight", "soon after the vote": a time relative
        // to what follows, not the future.
        std::string nx = WordAt(ends[k - 1]).lower;
        if (nx == "after" || nx == "before" || nx == "afterwards" || nx == "afterward" || nx == "thereafter")
          it = lx_.en_rel.end();
      }
      if (it != lx_.en_rel.end() && (it->second.past || it->second.future)) {
        // "in the past nine days", "the past decade": a count or a unit
        // follows, so the phrase is a span (EnCounts), not a vague reference.
        Word nx = WordAt(ends[k - 1]);
        std::string_view u = nx.lower;
        if (!u.empty() && u.back() == 's') u.remove_suffix(1);
        if (nx.num || lx_.en_num.count(nx.lower) || u == "decade" || u == "year" || u == "month" ||
            u == "week" || u == "day" || u == "century" || u == "few" || u == "several") {
          it = lx_.en_rel.end();
        }
      }
      if (it != lx_.en_rel.end()) {
        const RelEntry& r = it->second;
        Cand c;
        c.begin = p;
        c.end = ends[k - 1];
        c.res = r.anchor ? Resolution::kAnchor : Resolution::kPublication;
        int32_t base = r.anchor ? AnchorDay() : pub_;
        if (r.anchor && (r.unit == Unit::kMonth || r.unit == Unit::kYear) && anchor_any_)
          base = anchor_any_->earliest;
        switch (r.unit) {
          case Unit::kDay: c.value = DayValue(base + r.offset); break;
          case Unit::kWeek: c.value = Week(base + 7 * r.offset); break;
          case Unit::kMonth: c.value = MonthOfDay(AddMonthsToDay(base, r.offset)); break;
          case Unit::kYear: c.value = TimeValue::Year(YearOf(base) + r.offset); break;
          case Unit::kSame: c.value = anchor_any_ ? *anchor_any_ : DayValue(pub_); break;
          case Unit::kRecent: Recent(r, &c); break;
        }
        c.future = !r.anchor && r.offset > 0;
        if (r.present || r.past || r.future) {  // now, recently, soon: no date to carry on
          c.res = r.present ? Resolution::kPresent : r.past ? Resolution::kPast : Resolution::kFuture;
          c.value = DayValue(pub_);
          c.anchor_update = false;
          c.future = r.future;
        }
        Take(best, c);
        break;
      }
      --k;
    }
  }
}

// N units ago / later; the past N years (part of En).
void Scanner::EnCounts(size_t p, const Word& w, Cand* best) {
  // N units ago / later / earlier; the past N years; recent years.
  {
    int n = 0;
    Word x = w;
    bool approx = false;
    size_t begin = p;
    bool have = EnNumberWord(x, &n);
    if (have && !x.num && n >= 20 && n <= 90 && x.e + 1 < t_.size() && t_[x.e] == '-') {
      Word ones = WordAt(x.e + 1);  // twenty-five
      int o = 0;
      if (ones.b == x.e + 1 && EnNumberWord(ones, &o) && !ones.num && o >= 1 && o <= 9) {
        n += o;
        x = ones;
      }
    }
    if (!have && (x.lower == "few" || x.lower == "several")) {
      n = 3;
      have = approx = true;
    }
    if (have && !x.num && x.lower != "a" && x.lower != "an") {
      Word few = WordAt(x.e);
      if (few.lower == "few") {  // "a few"
        x = few;
        n = 3;
        approx = true;
      }
    } else if (have && (x.lower == "a" || x.lower == "an")) {
      Word few = WordAt(x.e);
      if (few.lower == "few") {
        x = few;
        n = 3;
        approx = true;
      }
    }
    if (have) {
      Word u = WordAt(x.e);
      Unit unit = Unit::kSame;
      if (u.lower == "day" || u.lower == "days") unit = Unit::kDay;
      else if (u.lower == "week" || u.lower == "weeks") unit = Unit::kWeek;
      else if (u.lower == "month" || u.lower == "months") unit = Unit::kMonth;
      else if (u.lower == "year" || u.lower == "years") unit = Unit::kYear;
      // "two Sundays ago": the nth last of that weekday.
      if (auto it = lx_.en_weekday.find(u.lower.substr(0, u.lower.size() - 1));
          unit == Unit::kSame && u.lower.size() > 1 && u.lower.back() == 's' && n >= 1 && n <= 52 &&
          it != lx_.en_weekday.end() && WordAt(u.e).lower == "ago") {
        Cand c;
        c.begin = begin;
        c.end = WordAt(u.e).e;
        c.res = Resolution::kPublication;
        c.value = DayValue(WeekdayNear(it->second, false, true) - 7 * (n - 1));
        Take(best, c);
      }
      if (unit != Unit::kSame) {
        Word dir = WordAt(u.e);
        int sign = 0;
        bool anchor = false;
        bool from_today = false;
        if (dir.lower == "ago") sign = -1;
        else if (dir.lower == "from" && (WordAt(dir.e).lower == "today" || WordAt(dir.e).lower == "now"))
          sign = 1, from_today = true;
        else if (dir.lower == "later" || dir.lower == "afterwards") sign = 1, anchor = true;
        else if (dir.lower == "earlier" || dir.lower == "before") sign = -1, anchor = true;
        if (sign != 0 && !(dir.lower == "before" && WordAt(dir.e).e != WordAt(dir.e).b &&
                           IsAsciiAlpha(t_[WordAt(dir.e).b]) && WordAt(dir.e).lower != "that")) {
          Cand c;
          c.begin = begin;
          c.end = dir.e;
          c.res = anchor ? Resolution::kAnchor : Resolution::kPublication;
          int32_t base = anchor ? AnchorDay() : pub_;
          if (anchor && (unit == Unit::kYear || unit == Unit::kMonth) && anchor_any_)
            base = anchor_any_->earliest;
          int32_t d = unit == Unit::kDay    ? base + sign * n
                      : unit == Unit::kWeek ? base + sign * 7 * n
                      : AddMonthsToDay(base, sign * n * (unit == Unit::kYear ? 12 : 1));
          c.value = unit == Unit::kYear    ? TimeValue::Year(YearOf(d))
                    : unit == Unit::kMonth ? MonthOfDay(d)
                                           : DayValue(d);
          c.value.approximate = approx || unit == Unit::kWeek;
          c.future = sign > 0 && !anchor;
          if (from_today) {  // "3 years from today": counted from a day, it is a day
            c.end = WordAt(dir.e).e;
            if (WordAt(dir.e).lower == "today") c.value = DayValue(d);
          }
          Take(best, c);
        }
      }
    }
    // the past/last N years, the past decade, recent years
    Word a = w;
    if (a.lower == "the") a = WordAt(a.e);
    if (a.lower == "past" || a.lower == "last" || a.lower == "recent") {
      Word b = WordAt(a.e);
      int k = 1;
      bool counted = EnNumberWord(b, &k) || b.lower == "few" || b.lower == "several";
      if (b.lower == "few" || b.lower == "several") k = 3;
      Word u = counted ? WordAt(b.e) : b;
      int months = 0;
      if (u.lower == "years" || (u.lower == "year" && !counted)) months = 12 * k;
      else if (u.lower == "decade" || u.lower == "decades") months = 120 * k;
      else if (u.lower == "months") months = k;
      if (a.lower == "recent" && u.lower == "years") months = 60;
      if (months > 0 && (counted || a.lower == "recent" || u.lower == "decade" || u.lower == "decades" ||
                         u.lower == "year")) {
        if (!(a.lower == "last" && u.lower == "year" && !counted)) {
          Cand c;
          c.begin = p;
          c.end = u.e;
          c.value = TimeValue::Days(AddMonthsToDay(pub_, -months), pub_, Precision::kRange);
          c.value.approximate = true;
          c.duration = true;
          c.anchor_update = false;
          c.res = Resolution::kPublication;
          Take(best, c);
        }
      }
    }
  }
}

// Quarters and halves of a year (part of En).
void Scanner::EnQuarters(size_t p, const Word& w, Cand* best) {
  // Quarters and halves: the first quarter of 2009, Q3 2009, the second half of 2009.
  {
    Word a = w;
    if (a.lower == "the") a = WordAt(a.e);
    // this/last/next quarter, the previous quarter: the publication's quarter moved.
    if (a.lower == "this" || a.lower == "last" || a.lower == "next" || a.lower == "previous" ||
        a.lower == "current") {
      Word q = WordAt(a.e);
      if ((q.lower == "quarter" || q.lower == "qtr") && WordAt(q.e).lower != "of") {
        int y = pub_y_, m = (pub_m_ - 1) / 3 * 3 + 1;
        AddMonths(&y, &m, a.lower == "next" ? 3 : (a.lower == "last" || a.lower == "previous") ? -3 : 0);
        Cand c;
        c.begin = p;
        c.end = q.e;
        c.res = Resolution::kPublication;
        c.value = MonthRange(y, m, 3, Precision::kQuarter);
        c.future = a.lower == "next";
        Take(best, c);
        return;
      }
    }
    int ord = 0;
    Word u;
    if (a.lower.size() == 2 && a.lower[0] == 'q' && a.lower[1] >= '1' && a.lower[1] <= '4') {
      ord = a.lower[1] - '0';
      u = a;
      u.lower = "quarter";
    } else if (a.e == a.b + 1 && t_[a.b] == 'Q' && a.e + 1 <= t_.size() && a.e < t_.size() &&
               t_[a.e] >= '1' && t_[a.e] <= '4' &&
               (a.e + 1 == t_.size() || !IsAsciiAlnum(t_[a.e + 1]))) {
      ord = t_[a.e] - '0';
      u = a;
      u.e = a.e + 1;
      u.lower = "quarter";
    } else if (a.lower == "final" || a.lower == "last") {  // the final quarter of 2009
      u = WordAt(a.e);
      ord = u.lower == "half" ? 2 : 4;
      if (WordAt(u.e).lower != "of") ord = 0;
    } else if (EnNumberWord(a, &ord) && !a.num && a.lower != "a" && a.lower != "an") {
      u = WordAt(a.e < t_.size() && t_[a.e] == '-' ? a.e + 1 : a.e);  // third-quarter
    } else if (a.num && a.e - a.b == 1 && Lit(t_, a.e, {"st", "nd", "rd", "th"})) {
      ord = t_[a.b] - '0';  // 4th quarter
      u = WordAt(a.e + 2);
    }
    if (u.lower == "qtr") u.lower = "quarter";
    if (ord >= 1 && ord <= 4 && (u.lower == "quarter" || (u.lower == "half" && ord <= 2))) {
      int y = 0;
      size_t ye = 0, end = u.e;
      Word of = WordAt(u.e);
      bool year = false;
      bool relative_year = false;
      if (of.lower == "of") {
        Word yw = WordAt(of.e);
        if (yw.num && yw.e - yw.b == 4) {
          y = std::stoi(yw.lower);
          ye = yw.e;
          year = true;
        } else if (yw.lower == "this" || yw.lower == "last" || yw.lower == "next" ||
                   yw.lower == "the") {
          // the third quarter of this year / of last year / of the year
          Word yr = WordAt(yw.e);
          if (yw.lower == "the" && yr.lower == "last") {
            yw = yr;
            yr = WordAt(yr.e);
          }
          if (yr.lower == "year") {
            y = pub_y_ + (yw.lower == "last" ? -1 : yw.lower == "next" ? 1 : 0);
            ye = yr.e;
            year = relative_year = true;
          }
        }
      } else {  // Q3 2009, the 4th quarter 2018
        Word yw = WordAt(u.e);
        if (yw.num && yw.e - yw.b == 4) {
          y = std::stoi(yw.lower);
          ye = yw.e;
          year = true;
        }
      }
      Cand c;
      c.begin = p;
      bool half = u.lower == "half";
      int first_month = half ? (ord - 1) * 6 + 1 : (ord - 1) * 3 + 1;
      int len = half ? 6 : 3;
      if (year) {
        c.end = ye;
        c.res = relative_year ? Resolution::kPublication : Resolution::kAbsolute;
      } else {
        c.end = end;
        c.res = Resolution::kPublication;
        y = first_month <= pub_m_ ? pub_y_ : pub_y_ - 1;
        if (FutureCue(p, end)) y = first_month + len - 1 >= pub_m_ ? pub_y_ : pub_y_ + 1;
      }
      c.value = MonthRange(y, first_month, len, half ? Precision::kHalfYear : Precision::kQuarter);
      Take(best, c);
    }
  }
}

// Seasons with a modifier; between/from ranges (part of En).
void Scanner::EnSeasonsAndRanges(size_t p, const Word& w, Cand* best) {
  // Seasons with a modifier: this summer, last winter, next spring.
  if (w.lower == "this" || w.lower == "last" || w.lower == "next") {
    Word s = WordAt(w.e);
    auto it = lx_.en_season.find(s.lower);
    if (it != lx_.en_season.end()) {
      Cand c;
      c.begin = p;
      c.end = s.e;
      c.res = Resolution::kPublication;
      TimeValue cur = SeasonNear(it->second, false);
      if (w.lower == "last" && cur.latest >= pub_) {
        int y = YearOf(cur.earliest) - 1;
        cur = MonthRange(y, it->second.first_month, it->second.months, Precision::kSeason);
      } else if (w.lower == "next") {
        cur = SeasonNear(it->second, true);
        if (cur.earliest <= pub_)
          cur = MonthRange(YearOf(cur.earliest) + 1, it->second.first_month, it->second.months,
                           Precision::kSeason);
        c.future = true;
      }
      c.value = cur;
      Take(best, c);
    }
  }
  // "between 2013 and 2014", "from March to May": one range.
  if (w.lower == "between" || w.lower == "from") {
    Cand a;
    size_t s = SkipSpaces(w.e);
    if (EnDate(s, &a) && a.impossible.empty() && a.value.ok()) {
      Word conj = WordAt(a.end);
      bool ok = (w.lower == "between" && conj.lower == "and") ||
                (w.lower == "from" && (conj.lower == "to" || conj.lower == "until" ||
                                       conj.lower == "through"));
      Cand b;
      if (ok && EnDate(SkipSpaces(conj.e), &b) && b.impossible.empty() && b.value.ok()) {
        TimeValue bv = b.value;
        // "between March and May 2022", "from October 24 to December 5,
        // 1941": the first takes the second's year.
        if (a.res != Resolution::kAbsolute && b.res == Resolution::kAbsolute &&
            a.value.precision == bv.precision &&
            (bv.precision == Precision::kMonth || bv.precision == Precision::kDay)) {
          int y = YearOf(bv.earliest);
          const unsigned am = MonthOf(a.value.earliest), bm = MonthOf(bv.earliest);
          const bool day = bv.precision == Precision::kDay;
          if (am > bm || (day && am == bm && DomOf(a.value.earliest) > DomOf(bv.earliest))) --y;
          const int ad = int(DomOf(a.value.earliest));
          if (!day) {
            a.value = TimeValue::Month(y, am);
            a.res = Resolution::kAbsolute;
          } else if (ValidDate(y, int(am), ad)) {
            a.value = DayValue(DayOf(date::year{y} / date::month(am) / date::day(unsigned(ad))));
            a.res = Resolution::kAbsolute;
          }
        }
        // "fought from March 3 to April 5" (published in February): the first
        // read as the days ahead and the second as last year's: both of the
        // second's year.
        if (a.res != Resolution::kAbsolute && b.res != Resolution::kAbsolute &&
            a.value.precision == Precision::kDay && bv.precision == Precision::kDay &&
            bv.latest < a.value.earliest) {
          const int y = YearOf(bv.earliest);
          const unsigned am = MonthOf(a.value.earliest), ad = DomOf(a.value.earliest);
          if (ValidDate(y, int(am), int(ad))) {
            const int32_t moved = DayOf(date::year{y} / date::month(am) / date::day(ad));
            if (moved <= bv.earliest) a.value = DayValue(moved);
          }
        }
        // "from March to May": the second inherits the first's year.
        if (a.value.precision == Precision::kMonth && bv.precision == Precision::kMonth &&
            b.res != Resolution::kAbsolute && a.res == Resolution::kAbsolute) {
          bv = TimeValue::Month(YearOf(a.value.earliest), MonthOf(bv.earliest));
        }
        if (bv.latest < a.value.earliest && b.res != Resolution::kAbsolute &&
            bv.precision == Precision::kMonth) {
          bv = TimeValue::Month(YearOf(bv.earliest) + 1, MonthOf(bv.earliest));
        }
        TimeValue span = TimeValue::Span(a.value, bv);
        if (bv.precision == Precision::kMonth && a.value.precision == Precision::kMonth &&
            b.res != Resolution::kAbsolute && a.res != Resolution::kAbsolute &&
            bv.earliest < a.value.earliest) {
          span = TimeValue::Span(TimeValue::Month(YearOf(a.value.earliest) - 1, MonthOf(a.value.earliest)), bv);
        }
        if (span.ok()) {
          Cand c = a;
          c.begin = a.begin;
          c.end = b.end;
          c.value = span;
          c.res = (a.res == Resolution::kAbsolute && b.res == Resolution::kAbsolute)
                      ? Resolution::kAbsolute
                      : Resolution::kPublication;
          Take(best, c);
        }
      }
    }
  }
}

void Scanner::En(size_t p, Cand* best) {
  if (p > 0 && IsAsciiAlnum(t_[p - 1])) return;
  if (!IsAsciiDigit(t_[p])) {  // a fast filter: only words that may start an expression
    char buf[16];
    size_t k = 0;
    while (p + k < t_.size() && IsAsciiAlpha(t_[p + k]) && k < sizeof(buf)) {
      buf[k] = static_cast<char>(std::tolower(static_cast<unsigned char>(t_[p + k])));
      ++k;
    }
    if (k == sizeof(buf) || lx_.en_trigger.find(std::string_view(buf, k)) == lx_.en_trigger.end())
      return;
  }
  Word w = WordAt(p);
  if (w.e == w.b) return;
  EnRelative(p, w, best);
  EnWeekday(p, w, best);
  EnOrdinalDay(p, w, best);
  EnNthInMonth(p, w, best);
  EnClockFirst(p, w, best);
  EnCounts(p, w, best);
  EnQuarters(p, w, best);
  EnSeasonsAndRanges(p, w, best);
  EnPartOfUnit(p, w, best);
  EnWeekend(p, w, best);
  EnHoliday(p, w, best);
  {
    Cand c;
    if (EnDate(p, &c)) Take(best, c);
  }
  EnClockAfter(best);
  if (best->end > p) EnPartPrefix(best);
}

}  // namespace kbq::ingest::time_internal
