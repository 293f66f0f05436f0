// Resolution against the publication time: a date said without its year,
// month or direction (May 6, 周五, "in the spring") is placed near the
// publication day, in the past unless a future cue stands in its clause.
// Reads the Scanner's publication day and the lexicon's future cues.
#include <algorithm>

#include "text_util.h"
#include "time/scanner.h"

namespace kbq::ingest::time_internal {

bool Scanner::FutureCue(size_t b, size_t e) const {
  // The clause around [b, e): back to and forward to clause punctuation,
  // at most 120 bytes each way.
  size_t lo = b;
  // The clause: back to the previous comma or sentence end; forward to the
  // next one, except that a time topicalised before a comma ("周一，议会将…",
  // "On Monday, the president will …") belongs to the clause after it.
  // A list of dates ("on February 16, March 1 and December 31") shares its
  // clause: a comma right after a digit does not end it.
  auto comma_before = [&](size_t i) {
    bool comma = (i >= 1 && t_[i - 1] == ',') || (i >= 3 && Lit(t_, i - 3, {"，", "、"}));
    if (!comma) return false;
    size_t k = i - (t_[i - 1] == ',' ? 1 : 3);
    while (k > 0 && t_[k - 1] == ' ') --k;
    return !(k > 0 && (IsAsciiDigit(t_[k - 1]) || StartsWith(t_, k >= 3 ? k - 3 : 0, "日")));
  };
  while (lo > 0 && b - lo < 90 && !IsClauseEnd(t_, lo - 1) && !comma_before(lo)) --lo;
  size_t hi = SkipSpaces(e);
  // Topicalised: nothing but one short word ("On", "在") before it in its clause.
  std::string_view lead = t_.substr(lo, b - lo);
  while (!lead.empty() && (lead.front() == ' ' || lead.front() == '\n')) lead.remove_prefix(1);
  while (!lead.empty() && lead.back() == ' ') lead.remove_suffix(1);
  bool topical = lead.size() <= 3 && lead.find(' ') == std::string_view::npos;
  if (topical && hi < t_.size() && IsComma(t_, hi)) hi += t_[hi] == ',' ? 1 : 3;
  else hi = e;
  while (hi < t_.size() && hi - e < 90 && !IsClauseEnd(t_, hi) && !IsComma(t_, hi)) ++hi;
  std::string_view before = t_.substr(lo, b - lo), after = t_.substr(e, hi - e);
  // "announced Friday that it will give": a clause of its own after that,
  // which or who has its own tense; it says nothing of the time before it.
  for (std::string_view sub : {" that ", " which ", " who "}) {
    size_t cut = after.find(sub);
    if (cut != std::string_view::npos) after = after.substr(0, cut);
  }
  // The English cues are matched case-insensitively: both sides lowered once.
  const std::string before_low = internal::AsciiLower(before), after_low = internal::AsciiLower(after);
  {
    // "until Friday", "by early June": the word just before.
    size_t q = b;
    while (q > lo && t_[q - 1] == ' ') --q;
    size_t w0 = q;
    while (w0 > lo && IsAsciiAlpha(t_[w0 - 1])) --w0;
    const std::string_view prev = std::string_view(before_low).substr(w0 - lo, q - w0);
    for (const auto& cue : lx_.en_future_adjacent)
      if (prev == cue) return true;
    // "The exhibition opens May 5", "the ban takes effect on March 1": a
    // verb of a schedule in the present, right before the time or before
    // its preposition (on, from, in, at).
    size_t end = q;
    if (prev == "on" || prev == "from" || prev == "in" || prev == "at") {
      end = w0;
      while (end > lo && t_[end - 1] == ' ') --end;
    }
    const std::string_view lead = std::string_view(before_low).substr(0, end - lo);
    for (const auto& cue : lx_.en_scheduled) {
      if (lead.size() >= cue.size() && lead.compare(lead.size() - cue.size(), cue.size(), cue) == 0 &&
          (lead.size() == cue.size() || !IsAsciiAlpha(lead[lead.size() - cue.size() - 1]))) {
        return true;
      }
    }
  }
  for (int side = 0; side < 2; ++side) {
    const std::string_view part = side == 0 ? before : after;
    for (const auto& cue : lx_.zh_future) {
      size_t f = 0;
      while ((f = part.find(cue, f)) != std::string_view::npos) {
        size_t abs = (part.data() - t_.data()) + f;
        bool blocked = false;
        for (auto& [w, unused] : lx_.zh_block) {
          // a blocker covering this occurrence (将军 for 将)
          size_t start = abs >= w.size() ? abs - w.size() + cue.size() : 0;
          for (size_t s = start; s <= abs && !blocked; ++s)
            if (StartsWith(t_, s, w) && s + w.size() > abs) blocked = true;
          if (blocked) break;
        }
        if (!blocked) return true;
        f += cue.size();
      }
    }
    // English cues on word boundaries, case-insensitive.
    const std::string& low = side == 0 ? before_low : after_low;
    for (const auto& cue : lx_.en_future) {
      size_t f = 0;
      while ((f = low.find(cue, f)) != std::string::npos) {
        bool left = f == 0 || !IsAsciiAlpha(low[f - 1]) || cue[0] == '\'';
        size_t r = f + cue.size();
        bool right = r >= low.size() || !IsAsciiAlpha(low[r]);
        // "On Saturday, … agreed on a plan to normalise relations": a cue
        // after the time that starts with a noun ("plan to") after a
        // determiner names a plan, not the time's future ("a plan to meet on
        // Saturday", the cue before the time, is).
        bool noun = false;
        if (left && f > 0 && side == 1) {
          size_t q = f;
          while (q > 0 && low[q - 1] == ' ') --q;
          size_t w0 = q;
          while (w0 > 0 && IsAsciiAlpha(low[w0 - 1])) --w0;
          const std::string_view det = std::string_view(low).substr(w0, q - w0);
          noun = det == "a" || det == "the" || det == "its" || det == "their" || det == "his" || det == "her" ||
                 det == "this" || det == "new" || det == "our";
        }
        if (left && right && !noun) return true;
        f = r;
      }
    }
  }
  return false;
}

// A month and day with no year and no future cue is read as past (news
// reports what happened), except within the month after publication: a
// release of February 4 that names "February 14" (in any tense the scanner
// cannot see, or with its "will" beyond the clause) means ten days ahead,
// not eleven months back.
constexpr int32_t kUpcomingWindowDays = 31;

// At most this many bytes between a year said on its own and a month and
// day that go on with its story (the same or the next sentence).
constexpr size_t kStoryYearReach = 240;

std::optional<int32_t> Scanner::MonthDayNear(int m, int d, bool future, size_t at) const {
  // "Last year the war ended. After November 9, peacekeepers were deployed":
  // a month and day right after a year of its own before the release's
  // (HeidelTime's narrative reading) are of that year.
  // (After a preposition of time, as a story goes on: "After November 9",
  // "On March 18"; "an April 2nd report" is the news of the day.)
  auto sequence_prep = [&]() {
    const std::string w = EnWordBefore(at);
    return w == "on" || w == "after" || w == "before" || w == "by" || w == "until" || w == "since" || w == "from";
  };
  if (!future && story_year_ && *story_year_ < pub_y_ && at != SIZE_MAX && at >= story_year_end_ &&
      at - story_year_end_ <= kStoryYearReach && ValidDate(*story_year_, m, d) && sequence_prep()) {
    return DayOf(date::year{*story_year_} / date::month(m) / date::day(d));
  }
  if (!future && ValidDate(pub_y_, m, d)) {
    int32_t ahead = DayOf(date::year{pub_y_} / date::month(m) / date::day(d));
    if (ahead < pub_) {  // the date has passed this year: next year's is the one ahead
      ahead = ValidDate(pub_y_ + 1, m, d)
                  ? DayOf(date::year{pub_y_ + 1} / date::month(m) / date::day(d))
                  : pub_ + kUpcomingWindowDays + 1;
    }
    if (ahead > pub_ && ahead - pub_ <= kUpcomingWindowDays) {
      // "from October 24 to December 5, 1941 … On December 6, the Red Army
      // launched": right after an explicit date of an earlier year, a month
      // and day that follow it closely go on with that story (HeidelTime's
      // narrative reading), not into the days after the release.
      if (auto story = NarrativeDay(m, d)) return story;
      return ahead;
    }
  }
  for (int k = 0; k < 9; ++k) {
    int y = future ? pub_y_ + k : pub_y_ - k;
    if (!ValidDate(y, m, d)) continue;
    int32_t day = DayOf(date::year{y} / date::month(m) / date::day(d));
    if (future ? day >= pub_ : day <= pub_) return day;
  }
  return std::nullopt;
}

// At most this many days after the story's date (the anchor), and that date
// more than a year before the release.
constexpr int32_t kNarrativeStepDays = 62;

std::optional<int32_t> Scanner::NarrativeDay(int m, int d) const {
  if (!anchor_any_ || anchor_any_->latest >= pub_ - 366) return std::nullopt;
  const int y = YearOf(anchor_any_->latest);
  for (int year : {y, y + 1}) {
    if (!ValidDate(year, m, d)) continue;
    int32_t day = DayOf(date::year{year} / date::month(m) / date::day(d));
    if (day > anchor_any_->latest && day - anchor_any_->latest <= kNarrativeStepDays) return day;
  }
  return std::nullopt;
}

std::optional<int32_t> Scanner::DomNear(int d, bool future) const {
  for (int k = 0; k < 13; ++k) {
    int y = pub_y_, m = pub_m_;
    AddMonths(&y, &m, future ? k : -k);
    if (!ValidDate(y, m, d)) continue;
    int32_t day = DayOf(date::year{y} / date::month(m) / date::day(d));
    if (future ? day >= pub_ : day <= pub_) return day;
  }
  return std::nullopt;
}

int Scanner::YearOfMonthNear(int m, bool future) const {
  if (future) return m >= pub_m_ ? pub_y_ : pub_y_ + 1;
  return m <= pub_m_ ? pub_y_ : pub_y_ - 1;
}

int32_t Scanner::WeekdayNear(int wd, bool future, bool strict) const {
  int now = WeekdayOf(pub_);
  if (future) {
    int delta = (wd - now + 7) % 7;
    if (delta == 0 && strict) delta = 7;
    return pub_ + delta;
  }
  int delta = (now - wd + 7) % 7;
  if (delta == 0 && strict) delta = 7;
  return pub_ - delta;
}

TimeValue Scanner::SeasonNear(const SeasonEntry& s, bool future) const {
  for (int k = -1; k < 3; ++k) {
    int y = future ? pub_y_ - 1 + k : pub_y_ + 1 - k;
    TimeValue v = MonthRange(y, s.first_month, s.months, Precision::kSeason);
    if (future ? v.latest >= pub_ : v.earliest <= pub_) return v;
  }
  return MonthRange(pub_y_, s.first_month, s.months, Precision::kSeason);
}

}  // namespace kbq::ingest::time_internal
