// The temporal tagger: a hand-written scanner over UTF-8. At each position
// where an expression may start (a CJK character, a digit, an ASCII word) the
// Chinese and English recognisers each propose at most one candidate; the
// longest wins and scanning resumes after it. Every recogniser looks ahead a
// bounded number of bytes, so the scan is linear in the input.
#include "kbq/ingest/temporal_tagger.h"

#include <date/date.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <optional>

#include "time/temporal_lexicon.h"

namespace kbq::ingest {

using time_internal::GetLexicon;
using time_internal::Lexicon;
using time_internal::RelEntry;
using time_internal::SeasonEntry;
using time_internal::Unit;

std::string_view ResolutionName(Resolution r) {
  switch (r) {
    case Resolution::kAbsolute: return "absolute";
    case Resolution::kPublication: return "publication";
    case Resolution::kAnchor: return "anchor";
    case Resolution::kUnresolved: return "unresolved";
  }
  return "unresolved";
}

namespace {

// ---------------------------------------------------------------- calendar
// All arithmetic goes through Howard Hinnant's date.

date::year_month_day Ymd(int32_t day) {
  return date::year_month_day{date::sys_days{date::days{day}}};
}
int32_t DayOf(const date::year_month_day& ymd) {
  return static_cast<int32_t>(date::sys_days{ymd}.time_since_epoch().count());
}
int YearOf(int32_t day) { return static_cast<int>(Ymd(day).year()); }
unsigned MonthOf(int32_t day) { return static_cast<unsigned>(Ymd(day).month()); }
unsigned DomOf(int32_t day) { return static_cast<unsigned>(Ymd(day).day()); }
bool ValidDate(int y, int m, int d) {
  if (m < 1 || m > 12 || d < 1 || d > 31) return false;
  return date::year_month_day{date::year{y}, date::month(m), date::day(d)}.ok();
}
int32_t FirstOfMonth(int y, int m) {
  return DayOf(date::year{y} / date::month(m) / date::day{1});
}
int32_t LastOfMonth(int y, int m) {
  return DayOf(date::year_month_day{date::year{y} / date::month(m) / date::last});
}
// (y, m) moved by n months.
void AddMonths(int* y, int* m, int n) {
  date::year_month ym = date::year{*y} / date::month(*m) + date::months{n};
  *y = static_cast<int>(ym.year());
  *m = static_cast<int>(static_cast<unsigned>(ym.month()));
}
// The same day n months later, clamped to the month's last day.
int32_t AddMonthsToDay(int32_t day, int n) {
  auto ymd = Ymd(day);
  int y = static_cast<int>(ymd.year()), m = static_cast<int>(static_cast<unsigned>(ymd.month()));
  AddMonths(&y, &m, n);
  unsigned d = std::min(static_cast<unsigned>(ymd.day()),
                        static_cast<unsigned>(DomOf(LastOfMonth(y, m))));
  return DayOf(date::year{y} / date::month(m) / date::day(d));
}
int WeekdayOf(int32_t day) {  // 0 = Sunday
  return static_cast<int>(date::weekday{date::sys_days{date::days{day}}}.c_encoding());
}
int32_t MondayOf(int32_t day) {
  date::sys_days sd{date::days{day}};
  return static_cast<int32_t>((sd - (date::weekday{sd} - date::Monday)).time_since_epoch().count());
}

TimeValue MonthRange(int y, int m1, int months, Precision p) {
  int y2 = y, m2 = m1;
  AddMonths(&y2, &m2, months - 1);
  return TimeValue::Days(FirstOfMonth(y, m1), LastOfMonth(y2, m2), p);
}
TimeValue YearSpan(int y1, int y2) {
  return TimeValue::Days(FirstOfMonth(y1, 1), LastOfMonth(y2, 12), Precision::kRange);
}
// Part of a month: 0 early (1-10), 1 mid (11-20), 2 late (21-end).
TimeValue PartOfMonth(int y, int m, int part) {
  int32_t first = FirstOfMonth(y, m), last = LastOfMonth(y, m);
  if (part == 0) return TimeValue::Days(first, first + 9, Precision::kPartOfMonth);
  if (part == 1) return TimeValue::Days(first + 10, first + 19, Precision::kPartOfMonth);
  return TimeValue::Days(first + 20, last, Precision::kPartOfMonth);
}
// Part of a year: 0 early (Jan-Mar), 1 mid (May-Aug), 2 late (Oct-Dec).
TimeValue PartOfYear(int y, int part) {
  TimeValue v = part == 0   ? MonthRange(y, 1, 3, Precision::kQuarter)
                : part == 1 ? MonthRange(y, 5, 4, Precision::kRange)
                            : MonthRange(y, 10, 3, Precision::kQuarter);
  v.approximate = true;
  return v;
}
TimeValue Week(int32_t day) {
  int32_t mon = MondayOf(day);
  return TimeValue::Days(mon, mon + 6, Precision::kRange);
}
TimeValue DayValue(int32_t day) { return TimeValue::Days(day, day, Precision::kDay); }
TimeValue MonthOfDay(int32_t day) {
  return TimeValue::Month(YearOf(day), MonthOf(day));
}

// ---------------------------------------------------------------- text

bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAsciiAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsAsciiAlnum(char c) { return IsAsciiDigit(c) || IsAsciiAlpha(c); }

// Decodes the code point at t[i]; returns its length (>= 1). Invalid bytes
// decode as U+FFFD of length 1, so the scanner skips them.
int Decode(std::string_view t, size_t i, char32_t* cp) {
  auto c = static_cast<unsigned char>(t[i]);
  if (c < 0x80) {
    *cp = c;
    return 1;
  }
  int len = (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
  if (len == 0 || i + len > t.size()) {
    *cp = 0xFFFD;
    return 1;
  }
  char32_t v = len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
  for (int k = 1; k < len; ++k) {
    auto cc = static_cast<unsigned char>(t[i + k]);
    if ((cc >> 6) != 2) {
      *cp = 0xFFFD;
      return 1;
    }
    v = (v << 6) | (cc & 0x3F);
  }
  *cp = v;
  return len;
}

char32_t CpAt(std::string_view t, size_t i, int* len = nullptr) {
  char32_t cp = 0;
  int l = i < t.size() ? Decode(t, i, &cp) : 0;
  if (len) *len = l;
  return i < t.size() ? cp : 0;
}

bool IsCjk(char32_t cp) { return cp >= 0x3400 && cp <= 0x9FFF; }
bool IsFullwidthDigit(char32_t cp) { return cp >= 0xFF10 && cp <= 0xFF19; }

// The code point ending just before byte i (0 at the start).
char32_t CpBefore(std::string_view t, size_t i) {
  if (i == 0) return 0;
  size_t j = i - 1;
  int back = 0;
  while (j > 0 && back < 3 && (static_cast<unsigned char>(t[j]) >> 6) == 2) {
    --j;
    ++back;
  }
  char32_t cp = 0;
  Decode(t, j, &cp);
  return cp;
}

bool StartsWith(std::string_view t, size_t i, std::string_view s) {
  return i <= t.size() && t.substr(i).substr(0, s.size()) == s;
}

// If t at i starts with one of `words`, returns its length, else 0.
size_t Lit(std::string_view t, size_t i, std::initializer_list<std::string_view> words) {
  for (auto w : words)
    if (StartsWith(t, i, w)) return w.size();
  return 0;
}

// ---------------------------------------------------------------- scanner

struct Num {
  int64_t value = 0;
  size_t end = 0;
  int digits = 0;        // ASCII / fullwidth digits, or zh digits read digit-wise
  bool ascii = false;
  bool digitwise = false;  // 二〇二五
};

struct Cand {
  size_t begin = 0, end = 0;
  TimeValue value;
  Resolution res = Resolution::kUnresolved;
  bool duration = false;
  bool future = false;
  int minute = -1;
  bool emit = true;       // false: consumed text that is not a date ("3年" as an age)
  std::string impossible; // non-empty: an impossible date, reported as a diagnostic
  bool anchor_update = true;
};

class Scanner {
 public:
  Scanner(const Lexicon& lx, std::string_view t, const TagContext& ctx,
          std::vector<Diagnostic>* diags)
      : lx_(lx), t_(t), ctx_(ctx), diags_(diags) {
    int64_t local = ctx.published_utc + static_cast<int64_t>(ctx.offset_minutes) * 60;
    int64_t d = local >= 0 ? local / 86400 : -((-local + 86399) / 86400);
    pub_ = static_cast<int32_t>(d);
    pub_y_ = YearOf(pub_);
    pub_m_ = static_cast<int>(MonthOf(pub_));
  }

  std::vector<TimeMention> Run();

 private:
  // --- helpers
  bool ReadNum(size_t p, Num* n, bool allow_zh = true) const;
  bool ReadAsciiNum(size_t p, Num* n) const { return ReadNum(p, n, false); }
  size_t SkipSpaces(size_t p) const;
  bool FutureCue(size_t b, size_t e) const;
  size_t ZhLongest(const auto& map, size_t p, size_t max_chars = 6) const;
  int32_t AnchorDay() const { return anchor_day_ ? anchor_day_->earliest : pub_; }

  // Past-leaning resolvers; `future` resolves forward instead.
  std::optional<int32_t> MonthDayNear(int m, int d, bool future) const;
  std::optional<int32_t> DomNear(int d, bool future) const;
  int YearOfMonthNear(int m, bool future) const;
  int32_t WeekdayNear(int wd, bool future, bool strict) const;
  TimeValue SeasonNear(const SeasonEntry& s, bool future) const;

  // --- Chinese
  void Zh(size_t p, Cand* best);
  bool ZhFromNumber(size_t p, Cand* c);
  bool ZhAfterYear(size_t p, int y, Cand* c);
  bool ZhAfterMonth(size_t p, int y, int m, bool year_known, Cand* c);
  bool ZhAfterDay(size_t p, int32_t day, Cand* c);
  void ZhDayRangeTail(Cand* c);
  size_t ZhTime(size_t p, int* minute, bool need_marker) const;
  bool ZhCentury(size_t after_century, int century, Cand* c);
  bool ZhDecadeTail(size_t p, int first_year, Cand* c);
  size_t ZhPartWord(size_t p, bool month, int* part) const;

  // --- English
  void En(size_t p, Cand* best);
  struct Word {
    size_t b = 0, e = 0;
    std::string lower;
    bool num = false;
    bool cap = false;
  };
  Word WordAt(size_t p) const;
  bool EnContextBefore(size_t p) const;
  bool EnDate(size_t p, Cand* c);
  bool EnNumberWord(const Word& w, int* v) const;

  void Take(Cand* best, const Cand& c) {
    if (c.end > best->end) *best = c;
  }

  const Lexicon& lx_;
  std::string_view t_;
  const TagContext& ctx_;
  std::vector<Diagnostic>* diags_;
  int32_t pub_ = 0;
  int pub_y_ = 1970, pub_m_ = 1;
  size_t line_pos_ = 0;
  uint64_t line_ = 1;
  std::optional<TimeValue> anchor_day_;
  std::optional<TimeValue> anchor_any_;
};

size_t Scanner::SkipSpaces(size_t p) const {
  while (p < t_.size()) {
    if (t_[p] == ' ' || t_[p] == '\t') {
      ++p;
    } else if (StartsWith(t_, p, "\xC2\xA0")) {
      p += 2;
    } else if (StartsWith(t_, p, "\xE3\x80\x80")) {
      p += 3;
    } else {
      break;
    }
  }
  return p;
}

bool Scanner::ReadNum(size_t p, Num* n, bool allow_zh) const {
  *n = Num();
  size_t i = p;
  int64_t v = 0;
  int digits = 0;
  while (i < t_.size() && digits < 12) {
    int len = 0;
    char32_t cp = CpAt(t_, i, &len);
    int d = -1;
    if (cp >= '0' && cp <= '9') d = static_cast<int>(cp - '0');
    else if (IsFullwidthDigit(cp)) d = static_cast<int>(cp - 0xFF10);
    if (d < 0) break;
    v = v * 10 + d;
    ++digits;
    i += len;
  }
  if (digits > 0) {
    if (digits >= 12) return false;  // a long digit run: never a date part
    n->value = v;
    n->end = i;
    n->digits = digits;
    n->ascii = true;
    return true;
  }
  if (!allow_zh) return false;
  // Chinese numerals: digit-wise (二〇二五) or positional (二十七).
  std::vector<const time_internal::ZhNumeral*> run;
  i = p;
  while (i < t_.size() && run.size() < 10) {
    int len = 0;
    char32_t cp = CpAt(t_, i, &len);
    auto it = lx_.zh_num.find(cp);
    if (it == lx_.zh_num.end()) break;
    run.push_back(&it->second);
    i += len;
  }
  if (run.empty()) return false;
  bool any_unit = std::any_of(run.begin(), run.end(), [](auto* z) { return z->unit; });
  if (!any_unit && run.size() >= 2) {
    for (auto* z : run) v = v * 10 + z->value;
    n->digitwise = true;
    n->digits = static_cast<int>(run.size());
  } else {
    int64_t total = 0, cur = 0;
    for (auto* z : run) {
      if (z->unit) {
        total += (cur == 0 ? 1 : cur) * z->value;
        cur = 0;
      } else {
        cur = z->value;
      }
    }
    v = total + cur;
  }
  n->value = v;
  n->end = i;
  return true;
}

template <typename Map>
size_t LongestIn(const Map& map, std::string_view t, size_t p, size_t max_chars) {
  size_t ends[8];
  size_t k = 0, i = p;
  while (k < max_chars && k < 8 && i < t.size()) {
    char32_t cp;
    i += Decode(t, i, &cp);
    ends[k++] = i;
  }
  while (k > 0) {
    if (map.find(t.substr(p, ends[k - 1] - p)) != map.end()) return ends[k - 1] - p;
    --k;
  }
  return 0;
}

size_t Scanner::ZhLongest(const auto& map, size_t p, size_t max_chars) const {
  return LongestIn(map, t_, p, max_chars);
}

bool IsComma(std::string_view t, size_t i) {
  return t[i] == ',' || Lit(t, i, {"，", "、"}) > 0;
}

bool IsClauseEnd(std::string_view t, size_t i) {
  char c = t[i];
  if (c == '\n' || c == ';' || c == '!' || c == '?' || c == '(' || c == ')') return true;
  if (c == '.' && (i + 1 >= t.size() || t[i + 1] == ' ' || t[i + 1] == '\n')) return true;
  return Lit(t, i, {"。", "；", "！", "？", "（", "）"}) > 0;
}

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
  {
    // "until Friday", "by early June": the word just before.
    size_t q = b;
    while (q > lo && t_[q - 1] == ' ') --q;
    size_t w0 = q;
    while (w0 > lo && IsAsciiAlpha(t_[w0 - 1])) --w0;
    std::string prev(t_.substr(w0, q - w0));
    for (auto& ch : prev) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    for (const auto& cue : lx_.en_future_adjacent)
      if (prev == cue) return true;
  }
  for (std::string_view part : {before, after}) {
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
    std::string low(part);
    for (auto& ch : low) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    for (const auto& cue : lx_.en_future) {
      size_t f = 0;
      while ((f = low.find(cue, f)) != std::string::npos) {
        bool left = f == 0 || !IsAsciiAlpha(low[f - 1]) || cue[0] == '\'';
        size_t r = f + cue.size();
        bool right = r >= low.size() || !IsAsciiAlpha(low[r]);
        if (left && right) return true;
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

std::optional<int32_t> Scanner::MonthDayNear(int m, int d, bool future) const {
  if (!future && ValidDate(pub_y_, m, d)) {
    int32_t ahead = DayOf(date::year{pub_y_} / date::month(m) / date::day(d));
    if (ahead < pub_) {  // the date has passed this year: next year's is the one ahead
      ahead = ValidDate(pub_y_ + 1, m, d)
                  ? DayOf(date::year{pub_y_ + 1} / date::month(m) / date::day(d))
                  : pub_ + kUpcomingWindowDays + 1;
    }
    if (ahead > pub_ && ahead - pub_ <= kUpcomingWindowDays) return ahead;
  }
  for (int k = 0; k < 9; ++k) {
    int y = future ? pub_y_ + k : pub_y_ - k;
    if (!ValidDate(y, m, d)) continue;
    int32_t day = DayOf(date::year{y} / date::month(m) / date::day(d));
    if (future ? day >= pub_ : day <= pub_) return day;
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

// ================================================================ Chinese

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
  // N个月前/后/来, N天前, N周前, N个星期前
  {
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
        c->emit = false;
        c->end = j;
        return true;
      }
      c->res = Resolution::kPublication;
      c->end = j + dl;
      return true;
    }
  }
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
  if (cp >= 0x80 && cp < lx_.zh_first.size() && !lx_.zh_first[cp] && cp != U'近' &&
      cp != U'多' && cp != U'上' && cp != U'下' && cp != U'本' && cp != U'这' && cp != U'年' &&
      cp != U'月' && cp != U'数' && cp != U'几' && cp != U'过' && cp != U'最')
    return;
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
    }
  }
}

// ================================================================ English

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

bool Scanner::EnContextBefore(size_t p) const {
  // The word before p (skipping spaces), lower-cased.
  size_t i = p;
  while (i > 0 && (t_[i - 1] == ' ' || t_[i - 1] == '\t')) --i;
  if (i > 0 && t_[i - 1] == '-') return true;  // mid-March
  size_t j = i;
  while (j > 0 && IsAsciiAlpha(t_[j - 1]) && i - j < 12) --j;
  std::string w(t_.substr(j, i - j));
  for (auto& ch : w) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  static const char* kContext[] = {"in",     "early", "late",   "mid",    "since", "until",
                                   "till",   "by",    "from",   "to",     "through", "during",
                                   "before", "after", "last",   "next",   "this",  "of",
                                   "between", "and",  "or",     "on",     "around", "throughout",
                                   "end",    "beginning", "start", "middle", "each", "every"};
  for (auto* k : kContext)
    if (w == k) return true;
  return false;
}

bool Scanner::EnDate(size_t p, Cand* c) {
  Word w = WordAt(p);
  if (w.e == w.b) return false;
  c->begin = w.b;
  c->res = Resolution::kAbsolute;
  auto year_after = [&](size_t i, int* y, size_t* end) -> bool {
    size_t k = SkipSpaces(i);
    if (k < t_.size() && t_[k] == ',') k = SkipSpaces(k + 1);
    Word yw = WordAt(k);
    if (!yw.num || yw.e - yw.b != 4) return false;
    if (yw.e < t_.size() && (IsAsciiAlpha(t_[yw.e]) || IsAsciiDigit(t_[yw.e]))) return false;
    *y = std::stoi(yw.lower);
    if (*y < 1000 || *y > 2200) return false;
    *end = yw.e;
    return true;
  };
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
  auto finish_day = [&](int y, int m, int d, size_t end, bool year_known) -> bool {
    c->end = end;
    if (d > 31) return false;
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
    auto day = MonthDayNear(m, d, fut);
    if (!day) return false;
    c->value = DayValue(*day);
    c->res = Resolution::kPublication;
    c->future = fut && *day > pub_;
    return true;
  };
  auto month_of = [&](const Word& mw, size_t* end) -> int {
    auto it = lx_.en_month.find(mw.lower);
    if (it == lx_.en_month.end()) return 0;
    if (!mw.cap) {  // "march", "may": verbs, unless a day or year follows
      size_t k = SkipSpaces(mw.e);
      if (mw.lower == "may" || k == mw.e || k >= t_.size() || !IsAsciiDigit(t_[k])) return 0;
    }
    *end = mw.e;
    if (mw.lower.size() <= 4 && mw.lower != "june" && mw.lower != "july" && mw.lower != "may" &&
        *end < t_.size() &&
        t_[*end] == '.')
      ++*end;
    return it->second;
  };
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
      // May 16-17 (, 2025): a range of days in one month.
      size_t rl = de < t_.size() && t_[de] == '-' ? 1 : Lit(t_, de, {"–"});
      int d2 = 0;
      size_t de2 = 0;
      if (rl && WordAt(de + rl).b == de + rl && day_after(de + rl, &d2, &de2) && d2 > d &&
          d2 <= 31) {
        bool yk = year_after(de2, &y, &ye);
        if (!finish_day(y, m, d, yk ? ye : de2, yk)) return false;
        if (!c->impossible.empty()) return true;
        int y1 = YearOf(c->value.earliest);
        if (!ValidDate(y1, m, d2)) {
          c->impossible = std::string(t_.substr(c->begin, c->end - c->begin));
          return true;
        }
        c->value = TimeValue::Days(c->value.earliest,
                                   DaysFromCivil(y1, static_cast<unsigned>(m), static_cast<unsigned>(d2)),
                                   Precision::kRange);
        return true;
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
    if (part < 0 && !EnContextBefore(x.b)) return false;
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
  // Digits.
  if (x.num) {
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
    // 2025-05-17
    if (n == 4 && e + 1 < t_.size() && (t_[e] == '-' || t_[e] == '/') && IsAsciiDigit(t_[e + 1])) {
      char sep = t_[e];
      Word mw = WordAt(e + 1);
      if (mw.num && mw.e - mw.b <= 2 && mw.e + 1 < t_.size() && t_[mw.e] == sep) {
        Word dw = WordAt(mw.e + 1);
        if (dw.num && dw.e - dw.b <= 2 &&
            !(dw.e < t_.size() && (IsAsciiAlnum(t_[dw.e]) || t_[dw.e] == sep)))
          return finish_day(v, std::stoi(mw.lower), std::stoi(dw.lower), dw.e, true);
      }
    }
    // 2014/10, 2014-10 (year and month)
    if (n == 4 && e + 1 < t_.size() && (t_[e] == '-' || t_[e] == '/') && IsAsciiDigit(t_[e + 1])) {
      Word mw = WordAt(e + 1);
      if (mw.num && mw.e - mw.b == 2 && !(mw.e < t_.size() && (IsAsciiAlnum(t_[mw.e]) ||
                                                               t_[mw.e] == t_[e]))) {
        int mm = std::stoi(mw.lower);
        if (mm >= 1 && mm <= 12 && !(t_[e] == '-' && mm > 12)) {
          c->end = mw.e;
          c->value = TimeValue::Month(v, mm);
          return true;
        }
      }
    }
    // 5/17/2025 (month first), 17/5/2025 when the first is > 12.
    if (n <= 2 && e + 1 < t_.size() && (t_[e] == '/' || t_[e] == '-')) {
      char sep = t_[e];
      Word dw = WordAt(e + 1);
      if (dw.num && dw.e - dw.b <= 2 && dw.e + 1 < t_.size() && t_[dw.e] == sep) {
        Word yw = WordAt(dw.e + 1);
        size_t yl = yw.e - yw.b;
        if (yw.num && (yl == 4 || yl == 2) &&
            !(yw.e < t_.size() && (IsAsciiAlnum(t_[yw.e]) || t_[yw.e] == sep))) {
          int a = v, b = std::stoi(dw.lower), y = std::stoi(yw.lower);
          if (yl == 2) y += (y <= pub_y_ % 100 + 1) ? pub_y_ / 100 * 100 : (pub_y_ / 100 - 1) * 100;
          if (a > 12 && b <= 12) std::swap(a, b);
          return finish_day(y, a, b, yw.e, true);
        }
      }
    }
    // 17 May 2025, 3 March
    if (n <= 2 && part < 0) {
      size_t e2 = e + Lit(t_, e, {"st", "nd", "rd", "th"});
      Word mw = WordAt(e2);
      if (mw.lower == "of") mw = WordAt(mw.e);
      size_t me2 = 0;
      int mm = month_of(mw, &me2);
      if (mm && (e2 == e || true)) {
        int y = 0;
        size_t ye = 0;
        if (year_after(me2, &y, &ye)) return finish_day(y, mm, v, ye, true);
        return finish_day(0, mm, v, me2, false);
      }
    }
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
  }
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
      phrase += (k ? " " : "") + x.lower;
      phrases[k] = phrase;
      ends[k] = x.e;
      i = x.e;
      ++k;
    }
    while (k > 0) {
      auto it = lx_.en_rel.find(phrases[k - 1]);
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
        }
        c.future = !r.anchor && r.offset > 0;
        Take(best, c);
        break;
      }
      --k;
    }
  }
  // Weekdays: Friday, on Tuesday, last Friday, next Monday, Tuesday's.
  {
    std::string mod;
    Word x = w;
    if (w.lower == "last" || w.lower == "next" || w.lower == "this" || w.lower == "past") {
      mod = w.lower;
      x = WordAt(w.e);
    }
    auto it = lx_.en_weekday.find(x.lower);
    if (it != lx_.en_weekday.end() && x.cap) {
      Cand c;
      c.begin = p;
      c.end = x.e;
      c.res = Resolution::kPublication;
      bool fut = mod == "next" || (mod.empty() && FutureCue(p, x.e));
      int32_t d;
      if (mod == "this") {
        d = MondayOf(pub_) + (it->second + 6) % 7;
        fut = d > pub_;
      } else {
        d = WeekdayNear(it->second, fut, mod == "last" || mod == "next" || mod == "past" || fut);
      }
      c.value = DayValue(d);
      c.future = fut;
      Take(best, c);
    }
  }
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
      if (unit != Unit::kSame) {
        Word dir = WordAt(u.e);
        int sign = 0;
        bool anchor = false;
        if (dir.lower == "ago") sign = -1;
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
  // Quarters and halves: the first quarter of 2009, Q3 2009, the second half of 2009.
  {
    Word a = w;
    if (a.lower == "the") a = WordAt(a.e);
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
    } else if (EnNumberWord(a, &ord) && !a.num && a.lower != "a" && a.lower != "an") {
      u = WordAt(a.e < t_.size() && t_[a.e] == '-' ? a.e + 1 : a.e);  // third-quarter
    } else if (a.num && a.e - a.b == 1 && Lit(t_, a.e, {"st", "nd", "rd", "th"})) {
      ord = t_[a.b] - '0';  // 4th quarter
      u = WordAt(a.e + 2);
    }
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
      } else if (u.b == a.b) {  // Q3 2009
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
        // "between March and May 2022": the first takes the second's year.
        if (a.res != Resolution::kAbsolute && b.res == Resolution::kAbsolute &&
            a.value.precision == Precision::kMonth && bv.precision == Precision::kMonth) {
          int y = YearOf(bv.earliest);
          if (MonthOf(a.value.earliest) > MonthOf(bv.earliest)) --y;
          a.value = TimeValue::Month(y, MonthOf(a.value.earliest));
          a.res = Resolution::kAbsolute;
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
  {
    Cand c;
    if (EnDate(p, &c)) Take(best, c);
  }
}

// ================================================================ driver

std::vector<TimeMention> Scanner::Run() {
  std::vector<TimeMention> out;
  size_t p = 0;
  const size_t n = t_.size();
  while (p < n) {
    int len = 0;
    char32_t cp = CpAt(t_, p, &len);
    bool ascii_word = IsAsciiAlnum(static_cast<char>(cp < 128 ? cp : 0));
    bool candidate = ascii_word || IsCjk(cp) || IsFullwidthDigit(cp);
    if (!candidate) {
      p += len;
      continue;
    }
    Cand best;
    best.begin = p;
    best.end = p;
    bool zh_start = cp < lx_.zh_start.size() ? lx_.zh_start[cp] : false;
    if (ctx_.lang != "en" && (zh_start || IsAsciiDigit(static_cast<char>(cp < 128 ? cp : 0))))
      Zh(p, &best);
    if (ctx_.lang != "zh" || ascii_word) {
      if (ascii_word) En(p, &best);
    }
    if (best.end <= p) {
      // No expression here: skip the whole ASCII word or digit run.
      if (ascii_word) {
        size_t e = p;
        while (e < n && IsAsciiAlnum(t_[e])) ++e;
        p = e;
      } else {
        p += len;
      }
      continue;
    }
    if (!best.impossible.empty()) {
      Diagnostic d;
      d.severity = Diagnostic::Severity::kWarning;
      d.path = ctx_.path;
      d.byte_offset = best.begin;
      // 1-based line, counted forward from the last diagnostic (linear).
      for (; line_pos_ < best.begin; ++line_pos_)
        if (t_[line_pos_] == '\n') ++line_;
      d.line = line_;
      d.message = "impossible date '" + best.impossible + "'";
      if (diags_) diags_->push_back(std::move(d));
    } else if (best.emit && best.value.ok()) {
      TimeMention m;
      m.begin = static_cast<uint32_t>(best.begin);
      m.end = static_cast<uint32_t>(best.end);
      m.text.assign(t_.substr(best.begin, best.end - best.begin));
      m.value = best.value;
      m.resolution = best.res;
      m.is_duration = best.duration;
      m.future = best.future;
      m.minute_of_day = best.minute;
      if (best.anchor_update && !best.duration) {
        anchor_any_ = best.value;
        if (best.value.precision == Precision::kDay) anchor_day_ = best.value;
      }
      out.push_back(std::move(m));
    }
    p = best.end;
  }
  return out;
}

}  // namespace

struct TemporalTagger::Impl {
  const Lexicon& lexicon = GetLexicon();
};

TemporalTagger::TemporalTagger() : impl_(new Impl) {}
TemporalTagger::~TemporalTagger() { delete impl_; }

std::vector<TimeMention> TemporalTagger::Tag(std::string_view text, const TagContext& context,
                                             std::vector<Diagnostic>* diagnostics) const {
  if (text.empty()) return {};
  Scanner s(impl_->lexicon, text, context, diagnostics);
  return s.Run();
}

}  // namespace kbq::ingest
