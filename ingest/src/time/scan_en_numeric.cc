// English dates written with digits (2025-05-17, 5/17/2025, 31-Oct-74,
// 17 May 2025, 2/2013, the 1990s, 2013-2014) and the pieces every English
// date recogniser shares: a year after a day, a month word, a day made into a
// value. Part of the Scanner (scanner.h); resolution in resolve.cc.
//
// Numeric dates: the order is month/day/year (US news style) unless the first
// number cannot be a month (> 12) and the second can, then day/month/year. A
// two-digit year is read in the century that puts it no more than
// kTwoDigitYearAhead years after the publication year ("3/3/15" published in
// 2025 is 2015, "10-31-74" is 1974): never a century back for a recent year.
#include <algorithm>

#include "time/scanner.h"

namespace kbq::ingest::time_internal {

namespace {

constexpr int kTwoDigitYearAhead = 20;

bool IsOrdinalSuffixAt(std::string_view t, size_t i) { return Lit(t, i, {"st", "nd", "rd", "th"}) > 0; }

}  // namespace

int Scanner::TwoDigitYear(int yy) const {
  int y = pub_y_ / 100 * 100 + yy;
  if (y > pub_y_ + kTwoDigitYearAhead) y -= 100;
  return y;
}

bool Scanner::EnYearAfter(size_t i, int* y, size_t* end) const {
  size_t k = SkipSpaces(i);
  if (k < t_.size() && t_[k] == ',') k = SkipSpaces(k + 1);
  Word yw = WordAt(k);
  if (!yw.num || yw.e - yw.b != 4) return false;
  if (yw.e < t_.size() && (IsAsciiAlpha(t_[yw.e]) || IsAsciiDigit(t_[yw.e]))) return false;
  // "May 3, 2015.5" or "March 3 2015/16": part of a number, not a year.
  if (yw.e + 1 < t_.size() && (t_[yw.e] == '.' || t_[yw.e] == '/') && IsAsciiDigit(t_[yw.e + 1]))
    return false;
  *y = std::stoi(yw.lower);
  if (*y < 1000 || *y > 2200) return false;
  *end = yw.e;
  return true;
}

bool Scanner::EnFinishDay(Cand* c, int y, int m, int d, size_t end, bool year_known) {
  c->end = end;
  if (d > 31 || d < 1) return false;
  if (year_known) {
    if (!ValidDate(y, m, d)) {
      c->impossible = std::string(t_.substr(c->begin, end - c->begin));
      return true;
    }
    c->value = DayValue(DaysFromCivil(y, static_cast<unsigned>(m), static_cast<unsigned>(d)));
    return true;
  }
  if (!ValidDate(2000, m, d)) {
    c->impossible = std::string(t_.substr(c->begin, end - c->begin));
    return true;
  }
  bool fut = FutureCue(c->begin, end);
  auto day = MonthDayNear(m, d, fut, c->begin);
  if (!day) return false;
  c->value = DayValue(*day);
  c->res = Resolution::kPublication;
  c->future = fut && *day > pub_;
  return true;
}

bool Scanner::EnFinishDayRange(Cand* c, int y, int m, int d, int d2, size_t end, bool year_known) {
  if (!EnFinishDay(c, y, m, d, end, year_known)) return false;
  if (!c->impossible.empty()) return true;
  const int y1 = YearOf(c->value.earliest);
  if (!ValidDate(y1, m, d2)) {
    c->impossible = std::string(t_.substr(c->begin, c->end - c->begin));
    return true;
  }
  c->value = TimeValue::Days(c->value.earliest,
                             DaysFromCivil(y1, static_cast<unsigned>(m), static_cast<unsigned>(d2)), Precision::kRange);
  return true;
}

// A month name or abbreviation. Lower case ("march", "may") is a verb or
// modal unless a number follows ("may 5", "march 3 2015"); after a day
// ("5th of may", "5 march 2015") lower case is a month too, except "may"
// and "march" without "of" or a year after them ("5 may have died").
int Scanner::EnMonth(const Word& mw, size_t* end, AfterDay after_day) const {
  auto it = lx_.en_month.find(mw.lower);
  if (it == lx_.en_month.end()) return 0;
  if (!mw.cap) {
    size_t k = SkipSpaces(mw.e);
    bool digit_after = k > mw.e && k < t_.size() && IsAsciiDigit(t_[k]);
    int y = 0;
    size_t ye = 0;
    bool year_after = EnYearAfter(mw.e, &y, &ye);
    bool verbish = mw.lower == "may" || mw.lower == "march";
    if (after_day != AfterDay::kNo) {
      if (verbish && !year_after && after_day != AfterDay::kOf) return 0;
    } else if (!digit_after) {
      return 0;
    } else if (verbish && !year_after) {
      // "march 3 miles", "may 2 more": a count before a noun, not a day.
      Word num = WordAt(k);
      size_t ne = num.e + Lit(t_, num.e, {"st", "nd", "rd", "th"});
      Word next = WordAt(ne);
      static constexpr std::string_view kFunction[] = {
          "in", "at", "on", "and", "or", "to", "when", "after", "before", "with", "the",
          "a", "as", "but", "for", "from", "by", "he", "she", "they", "it", "we", "i"};
      if (!next.num && next.e > next.b && !next.cap &&
          std::find(std::begin(kFunction), std::end(kFunction), next.lower) == std::end(kFunction))
        return 0;
    }
  }
  *end = mw.e;
  // Abbreviations with a dot: "Feb.", "Sept.", "feb."
  if (mw.lower.size() <= 4 && mw.lower != "june" && mw.lower != "july" && mw.lower != "may" &&
      *end < t_.size() && t_[*end] == '.')
    ++*end;
  return it->second;
}

// 17 May 2025, 3rd of March, 31-Oct-74, 14april 2015.
bool Scanner::EnDayMonth(const Word& x, Cand* c) {
  int v = std::stoi(x.lower);
  size_t e = x.e;
  // "18-20 February", "between 3 and 5 March 2012": one range of days.
  {
    int d2 = 0;
    size_t de2 = 0;
    size_t me = 0;
    if (EnSecondDay(x.b, e + (IsOrdinalSuffixAt(t_, e) ? 2 : 0), v, &d2, &de2)) {
      if (int mm = EnMonth(WordAt(de2), &me, AfterDay::kYes)) {
        int y = 0;
        size_t ye = 0;
        const bool yk = EnYearAfter(me, &y, &ye);
        return EnFinishDayRange(c, y, mm, v, d2, yk ? ye : me, yk);
      }
    }
  }
  size_t e2 = e + (IsOrdinalSuffixAt(t_, e) ? 2 : 0);
  bool dashed = e2 == e && e + 1 < t_.size() && t_[e] == '-' && IsAsciiAlpha(t_[e + 1]);
  Word mw = WordAt(dashed ? e + 1 : e2);
  AfterDay after = AfterDay::kYes;
  if (!dashed && mw.lower == "of") {
    mw = WordAt(mw.e);
    after = AfterDay::kOf;
  }
  size_t me = 0;
  int mm = EnMonth(mw, &me, after);
  if (!mm) return false;
  if (dashed) {  // 31-Oct-74, 31-Oct-1974
    if (me < t_.size() && t_[me] == '.') --me;
    if (me + 1 < t_.size() && t_[me] == '-' && IsAsciiDigit(t_[me + 1])) {
      Word yw = WordAt(me + 1);
      size_t yl = yw.e - yw.b;
      if ((yl == 2 || yl == 4) && !(yw.e < t_.size() && IsAsciiAlnum(t_[yw.e]))) {
        int y = std::stoi(yw.lower);
        return EnFinishDay(c, yl == 2 ? TwoDigitYear(y) : y, mm, v, yw.e, true);
      }
    }
  }
  int y = 0;
  size_t ye = 0;
  if (EnYearAfter(me, &y, &ye)) return EnFinishDay(c, y, mm, v, ye, true);
  return EnFinishDay(c, 0, mm, v, me, false);
}

// Dates of numbers and separators: 2025-05-17, 2015-3-3, 2014/10, 5/17/2025,
// 3/3/15, 10.31.1974, 31.10.1974, 2/2013, and "on 2/15" (a month/day pair
// after a preposition).
bool Scanner::EnNumericSeparated(const Word& x, Cand* c) {
  size_t n = x.e - x.b, e = x.e;
  if (e + 1 >= t_.size() || !IsAsciiDigit(t_[e + 1])) return false;
  char sep = t_[e];
  if (sep != '-' && sep != '/' && sep != '.') return false;
  // A version, an IP address or an amount: a digit and a dot or slash before.
  if (x.b >= 2 && (t_[x.b - 1] == '.' || t_[x.b - 1] == '/' || t_[x.b - 1] == '-') &&
      IsAsciiDigit(t_[x.b - 2]))
    return false;
  int v = std::stoi(x.lower);
  Word w2 = WordAt(e + 1);
  size_t n2 = w2.e - w2.b;
  bool third = w2.e + 1 < t_.size() && t_[w2.e] == sep && IsAsciiDigit(t_[w2.e + 1]);
  Word w3 = third ? WordAt(w2.e + 1) : Word();
  size_t n3 = w3.e - w3.b;
  auto clean_end = [&](size_t i) {  // nothing number-like glued after
    if (i >= t_.size()) return true;
    if (IsAsciiAlnum(t_[i])) return false;
    if (t_[i] == sep && sep != '.') return false;  // a dot may end the sentence
    return !((t_[i] == '.' || t_[i] == '/' || t_[i] == ':' || t_[i] == ',') && i + 1 < t_.size() &&
             IsAsciiDigit(t_[i + 1]));
  };
  // An ISO timestamp: 2025-05-17T10:30 (the day, with its minute).
  bool iso_time = sep == '-' && n2 == 2 && n3 == 2 && w3.e + 3 < t_.size() && t_[w3.e] == 'T' &&
                  IsAsciiDigit(t_[w3.e + 1]) && IsAsciiDigit(t_[w3.e + 2]) && t_[w3.e + 3] == ':';
  if (n == 4 && third && n2 <= 2 && n3 <= 2 && (clean_end(w3.e) || iso_time)) {  // 2025-05-17, 2015-3-3
    if (sep == '.' && n2 != 2) return false;
    if (!EnFinishDay(c, v, std::stoi(w2.lower), std::stoi(w3.lower), w3.e, true)) return false;
    int minute = -1;
    size_t te = iso_time && c->impossible.empty() ? EnClock(w3.e + 1, &minute) : 0;
    if (te) {
      c->end = te;
      c->minute = minute;
    }
    return true;
  }
  if (n <= 2 && third && n2 <= 2 && (n3 == 2 || n3 == 4) && clean_end(w3.e)) {
    int a = v, b = std::stoi(w2.lower), y = std::stoi(w3.lower);
    if (n3 == 2) y = TwoDigitYear(y);
    if (a > 12 && b <= 12) std::swap(a, b);  // 17/5/2025, 31.10.1974
    if (a > 12) {                            // 13/13/2015: no order makes it a date
      c->end = w3.e;
      c->impossible = std::string(t_.substr(c->begin, c->end - c->begin));
      return true;
    }
    return EnFinishDay(c, y, a, b, w3.e, true);
  }
  if (third || sep == '.') return false;
  if (n == 4 && n2 == 2 && clean_end(w2.e)) {  // 2014/10, 2014-10
    int mm = std::stoi(w2.lower);
    if (mm < 1 || mm > 12) return false;
    c->end = w2.e;
    c->value = TimeValue::Month(v, mm);
    return true;
  }
  if (sep == '/' && n <= 2 && n2 == 4 && clean_end(w2.e)) {  // 2/2013
    int y = std::stoi(w2.lower);
    if (v < 1 || v > 12 || y < 1900 || y > pub_y_ + kTwoDigitYearAhead) return false;
    c->end = w2.e;
    c->value = TimeValue::Month(y, v);
    return true;
  }
  // "on 2/15": a month/day pair only after a preposition of time; a bare
  // "2/3" is a fraction or a score.
  if (sep == '/' && n <= 2 && n2 <= 2 && clean_end(w2.e)) {
    Word before = WordBefore(x.b);
    if (before.lower != "on" && before.lower != "since" && before.lower != "until" &&
        before.lower != "by" && before.lower != "before" && before.lower != "after")
      return false;
    // Month first only: without a year a swapped pair is more often an idiom ("24/7") than a date.
    int a = v, b = std::stoi(w2.lower);
    if (a > 12) return false;
    return EnFinishDay(c, 0, a, b, w2.e, false);
  }
  return false;
}

// Every English expression that starts with digits (the Scanner's EnDate
// hands them here): the forms above, decades, centuries, years and spans.
bool Scanner::EnNumeric(const Word& x, int part, Cand* c) {
  size_t n = x.e - x.b;
  int v = n <= 9 ? std::stoi(x.lower) : -1;
  size_t e = x.e;
  // 1990s, 1990's
  if (n == 4 && v % 10 == 0 && (StartsWith(t_, e, "s") || StartsWith(t_, e, "'s")) &&
      !(e + (t_[e] == 's' ? 1 : 2) < t_.size() && IsAsciiAlpha(t_[e + (t_[e] == 's' ? 1 : 2)]))) {
    c->end = e + (t_[e] == 's' ? 1 : 2);
    c->value = TimeValue::Decade(v);
    if (part >= 0) {
      int a = part == 0 ? 0 : part == 1 ? 3 : 7, b = part == 0 ? 3 : part == 1 ? 6 : 9;
      c->value = TimeValue::Days(FirstOfMonth(v + a, 1), LastOfMonth(v + b, 12), Precision::kRange);
      c->value.approximate = true;
    }
    return true;
  }
  // Two digits for a year: "the 70s", "'90s" (a decade), "since '82" (a
  // year), on the two-digit-year pivot: never more than kTwoDigitYearAhead
  // years after publication.
  if (n == 2 && part < 0) {
    bool apos = (x.b >= 1 && t_[x.b - 1] == '\'') || (x.b >= 3 && StartsWith(t_, x.b - 3, "\u2019"));
    size_t ab = apos ? x.b - (t_[x.b - 1] == '\'' ? 1 : 3) : x.b;
    bool apos_free = apos && (ab == 0 || t_[ab - 1] == ' ' || t_[ab - 1] == '(');
    int year = 2000 + v > pub_y_ + kTwoDigitYearAhead ? 1900 + v : 2000 + v;
    size_t se = StartsWith(t_, e, "s") ? e + 1 : StartsWith(t_, e, "'s") ? e + 2 : e;
    bool word_end = !(se < t_.size() && IsAsciiAlnum(t_[se]));
    if (v % 10 == 0 && se > e && word_end && (apos_free || WordBefore(x.b).lower == "the")) {
      c->end = se;
      c->value = TimeValue::Decade(year);
      return true;
    }
    // A quoted count ("'10 people") is no year: the year needs a word of time before it.
    std::string prep = apos_free ? WordBefore(ab).lower : "";
    bool year_context = prep == "since" || prep == "in" || prep == "of" || prep == "by" || prep == "until" ||
                        prep == "from" || prep == "to" || prep == "before" || prep == "after";
    if (se == e && word_end && year_context) {
      c->end = e;
      c->value = TimeValue::Year(year);
      return true;
    }
  }
  // 20th century
  {
    size_t sl = Lit(t_, e, {"st", "nd", "rd", "th"});
    Word cw = WordAt(e + sl);
    if (sl && v >= 1 && v <= 30 && (cw.lower == "century")) {
      c->end = cw.e;
      c->value = TimeValue::Century((v - 1) * 100 + 1);
      return true;
    }
  }
  // 2018Q4
  if (n == 4 && e + 1 < t_.size() && (t_[e] == 'Q' || t_[e] == 'q') && t_[e + 1] >= '1' &&
      t_[e + 1] <= '4' && !(e + 2 < t_.size() && IsAsciiAlnum(t_[e + 2]))) {
    c->end = e + 2;
    c->value = MonthRange(v, (t_[e + 1] - '1') * 3 + 1, 3, Precision::kQuarter);
    return true;
  }
  if (EnNumericSeparated(x, c)) return true;
  if (n <= 2 && part < 0 && EnDayMonth(x, c)) return true;
  // Years: 2013-2014, 2022 with context
  if (n == 4 && v >= 1000 && v <= 2200 && !(e < t_.size() && IsAsciiAlpha(t_[e]))) {
    if (e + 1 < t_.size() && (t_[e] == '-' || StartsWith(t_, e, "–") || StartsWith(t_, e, "—"))) {
      size_t k = e + (t_[e] == '-' ? 1 : 3);
      Word y2 = WordAt(k);
      if (y2.b == k && y2.num) {
        int v2 = y2.e - y2.b == 4 ? std::stoi(y2.lower) : -1;
        if (y2.e - y2.b == 2) v2 = v / 100 * 100 + std::stoi(y2.lower);
        if (v2 > v && v2 < v + 100 && !(y2.e < t_.size() && IsAsciiAlnum(t_[y2.e]))) {
          c->end = y2.e;
          c->value = YearSpan(v, v2);
          return true;
        }
      }
    }
    // Not a year: a count before a plural noun ("2000 troops"), part of a
    // phone number or amount, a number inside Chinese text ("2025元").
    Word nx = WordAt(e);
    static const char* kNotPlural[] = {"as", "is", "was", "has", "its", "this", "us", "was"};
    bool plural = !nx.num && !nx.cap && nx.lower.size() > 2 && nx.lower.back() == 's';
    for (auto* f : kNotPlural)
      if (nx.lower == f) plural = false;
    if (plural && (nx.lower.ends_with("ss") || nx.lower.ends_with("is") ||
                   nx.lower.ends_with("us")))
      plural = false;  // crisis, process, census
    static const char* kUnits[] = {"people", "km", "feet", "metres", "meters", "kg", "men",
                                   "women", "children", "police", "staff", "per", "percent"};
    for (auto* u : kUnits)
      if (nx.lower == u) plural = true;
    char prev = x.b > 0 ? t_[x.b - 1] : ' ';
    char next = e < t_.size() ? t_[e] : ' ';
    bool next_digit = e + 1 < t_.size() && IsAsciiDigit(t_[e + 1]);
    bool numeric = (prev == '-' && part < 0) || prev == '$' || prev == '#' || prev == '.' || prev == ',' ||
                   prev == '/' || prev == ':' || next == '-' || next == '/' || next == '%' ||
                   ((next == '.' || next == ',' || next == ':') && next_digit);
    if (plural || numeric) return false;
    if (part >= 0 || EnContextBefore(x.b)) {
      c->end = e;
      c->value = part >= 0 ? PartOfYear(v, part) : TimeValue::Year(v);
      return true;
    }
    // A bare year ("The 2008 crisis", "2022 was", "(2024)"): only after
    // "the", at a sentence start or in parentheses, and in ASCII context.
    if (v >= 1900 && v <= pub_y_ + 10 && static_cast<unsigned char>(next) < 0x80) {
      size_t q = x.b;
      while (q > 0 && t_[q - 1] == ' ') --q;
      bool start = q == 0 || t_[q - 1] == '\n' || t_[q - 1] == '(' || t_[q - 1] == '.' ||
                   t_[q - 1] == '"';
      bool after_the = q >= 3 && (t_.substr(q - 3, 3) == "the" || t_.substr(q - 3, 3) == "The") &&
                       (q == 3 || !IsAsciiAlpha(t_[q - 4]));
      if (start || after_the) {
        c->end = e;
        c->value = TimeValue::Year(v);
        return true;
      }
    }
  }
  return false;
}

}  // namespace kbq::ingest::time_internal
