// Publication times: ISO 8601 and friends through date::parse, and datelines
// found by a small hand-written scanner (no std::regex).

// GCC 12 at -O2/-O3 reports a local inside date.h's from_stream (`long double
// S`, assigned before use on every path that reads it) as maybe-uninitialized
// once it is inlined here; the warning is about the library's code, not ours.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
#include <date/date.h>

#include <array>
#include <chrono>
#include <cstring>
#include <sstream>

#include "read/reader_internal.h"

namespace kbq::ingest::internal {

namespace {

using std::chrono::minutes;
using std::chrono::seconds;

bool ConsumedAll(std::istringstream& in) {
  if (in.fail()) return false;
  in.peek();
  return in.eof();
}

}  // namespace

std::optional<Stamp> ParseTimestamp(std::string_view text) {
  std::string s(TrimSpace(text));
  if (s.empty()) return std::nullopt;
  // A bare integer: seconds since the epoch, UTC.
  if (s.find_first_not_of("0123456789") == std::string::npos && s.size() >= 9 && s.size() <= 11) {
    Stamp st;
    st.local_seconds = std::stoll(s);
    st.offset_minutes = 0;
    return st;
  }
  bool utc = false;
  // "Z", " UTC", " GMT" suffixes: date::parse's %z does not read them.
  auto strip_suffix = [&](std::string_view suffix) {
    if (s.size() > suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0) {
      s.resize(s.size() - suffix.size());
      while (!s.empty() && s.back() == ' ') s.pop_back();
      utc = true;
      return true;
    }
    return false;
  };
  if (!strip_suffix("Z") && !strip_suffix("z")) {
    if (!strip_suffix("UTC")) strip_suffix("GMT");
  }
  static const char* const kDateTime[] = {
      "%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M",
      "%Y/%m/%d %H:%M:%S", "%Y/%m/%d %H:%M", "%Y.%m.%d %H:%M:%S", "%Y.%m.%d %H:%M",
      "%a, %d %b %Y %H:%M:%S", "%d %b %Y %H:%M:%S", "%b %d, %Y %H:%M", "%d %b %Y %H:%M",
  };
  static const char* const kZones[] = {"%Ez", "%z", " %Ez", " %z", ""};
  static const char* const kDateOnly[] = {"%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%b %d, %Y",
                                          "%d %b %Y", "%a, %d %b %Y"};
  for (const char* dt : kDateTime) {
    for (const char* zone : kZones) {
      if (utc && *zone != '\0') continue;
      std::string fmt = std::string(dt) + zone;
      std::istringstream in(s);
      in.imbue(std::locale::classic());
      date::local_time<std::chrono::milliseconds> tp;
      minutes offset{INT32_MIN};
      in >> date::parse(fmt, tp, offset);
      if (!ConsumedAll(in)) continue;
      Stamp st;
      st.local_seconds =
          std::chrono::floor<seconds>(tp.time_since_epoch()).count();
      if (utc) {
        st.offset_minutes = 0;
      } else if (offset.count() != INT32_MIN) {
        st.offset_minutes = static_cast<int32_t>(offset.count());
      }
      return st;
    }
  }
  if (!utc) {
    for (const char* fmt : kDateOnly) {
      std::istringstream in(s);
      in.imbue(std::locale::classic());
      date::local_days day;
      in >> date::parse(fmt, day);
      if (!ConsumedAll(in)) continue;
      Stamp st;
      st.local_seconds = std::chrono::duration_cast<seconds>(day.time_since_epoch()).count();
      return st;
    }
  } else {
    // "2025-05-17Z" is unusual but harmless.
    std::istringstream in(s);
    date::local_days day;
    in >> date::parse("%Y-%m-%d", day);
    if (ConsumedAll(in)) {
      Stamp st;
      st.local_seconds = std::chrono::duration_cast<seconds>(day.time_since_epoch()).count();
      st.offset_minutes = 0;
      return st;
    }
  }
  return std::nullopt;
}

// ---------------------------------------------------------------- datelines

namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// Reads min..max digits at *p.
bool ReadInt(std::string_view s, size_t* p, int min_digits, int max_digits, int* value) {
  size_t q = *p;
  int v = 0, n = 0;
  while (q < s.size() && IsDigit(s[q]) && n < max_digits) {
    v = v * 10 + (s[q] - '0');
    ++q;
    ++n;
  }
  if (n < min_digits) return false;
  if (q < s.size() && IsDigit(s[q])) return false;  // more digits than allowed
  *p = q;
  *value = v;
  return true;
}

bool Lit(std::string_view s, size_t* p, std::string_view lit) {
  if (s.substr(*p, lit.size()) != lit) return false;
  *p += lit.size();
  return true;
}

bool LitCase(std::string_view s, size_t* p, std::string_view lit) {
  if (*p + lit.size() > s.size()) return false;
  for (size_t i = 0; i < lit.size(); ++i) {
    char a = s[*p + i], b = lit[i];
    if (a >= 'A' && a <= 'Z') a = static_cast<char>(a - 'A' + 'a');
    if (a != b) return false;
  }
  // Must end a word.
  if (*p + lit.size() < s.size() && IsAlpha(s[*p + lit.size()])) return false;
  *p += lit.size();
  return true;
}

void SkipSpaces(std::string_view s, size_t* p) {
  while (*p < s.size() && (s[*p] == ' ' || s[*p] == '\t')) ++*p;
}

// A month name (full or abbreviated, optional '.'): 1..12, or 0.
int ReadMonthName(std::string_view s, size_t* p) {
  static const std::array<const char*, 12> kFull = {"january", "february", "march",     "april",
                                                    "may",     "june",     "july",      "august",
                                                    "september", "october", "november", "december"};
  static const std::array<const char*, 12> kShort = {"jan", "feb", "mar", "apr", "may", "jun",
                                                     "jul", "aug", "sep", "oct", "nov", "dec"};
  for (int m = 0; m < 12; ++m) {
    size_t q = *p;
    if (LitCase(s, &q, kFull[m])) {
      *p = q;
      return m + 1;
    }
  }
  for (int m = 0; m < 12; ++m) {
    size_t q = *p;
    if (LitCase(s, &q, kShort[m]) || (m == 8 && LitCase(s, &q, "sept"))) {
      if (q < s.size() && s[q] == '.') ++q;
      *p = q;
      return m + 1;
    }
  }
  return 0;
}

bool ReadWeekdayName(std::string_view s, size_t* p) {
  static const char* const kNames[] = {"monday", "tuesday", "wednesday", "thursday", "friday",
                                       "saturday", "sunday", "mon", "tue", "tues", "wed",
                                       "thu", "thur", "thurs", "fri", "sat", "sun"};
  for (const char* n : kNames) {
    size_t q = *p;
    if (LitCase(s, &q, n)) {
      if (q < s.size() && s[q] == '.') ++q;
      *p = q;
      return true;
    }
  }
  return false;
}

// A zone after a time: Z, UTC/GMT[±h[:mm]], ±hh:mm, ±hhmm, a few names,
// 北京时间. Returns minutes east of UTC.
std::optional<int32_t> ReadZone(std::string_view s, size_t* p) {
  size_t q = *p;
  SkipSpaces(s, &q);
  if (q < s.size() && s[q] == '(') {
    size_t r = q + 1;
    if (auto z = ReadZone(s, &r); z && r < s.size() && s[r] == ')') {
      *p = r + 1;
      return z;
    }
  }
  if (Lit(s, &q, "北京时间")) {
    *p = q;
    return 8 * 60;
  }
  // After "UTC"/"GMT": nothing (0), "+8", "+08:00", "+0800".
  auto signed_offset = [&](size_t* r) -> std::optional<int32_t> {
    if (*r >= s.size() || (s[*r] != '+' && s[*r] != '-')) return 0;
    int sign = s[*r] == '-' ? -1 : 1;
    size_t t = *r + 1;
    int h = 0, m = 0, v = 0;
    if (ReadInt(s, &t, 4, 4, &v)) {
      h = v / 100;
      m = v % 100;
    } else if (ReadInt(s, &t, 1, 2, &h)) {
      if (t < s.size() && s[t] == ':') {
        ++t;
        if (!ReadInt(s, &t, 2, 2, &m)) return std::nullopt;
      }
    } else {
      return std::nullopt;
    }
    if (h > 14 || m > 59) return std::nullopt;
    *r = t;
    return sign * (h * 60 + m);
  };
  size_t r = q;
  if (LitCase(s, &r, "utc") || LitCase(s, &r, "gmt")) {
    auto off = signed_offset(&r);
    if (!off) return std::nullopt;
    *p = r;
    return off;
  }
  r = q;
  if (r < s.size() && s[r] == 'Z' && (r + 1 >= s.size() || !IsAlpha(s[r + 1]))) {
    *p = r + 1;
    return 0;
  }
  if (r < s.size() && (s[r] == '+' || s[r] == '-')) {
    size_t t = r + 1;
    int hhmm = 0;
    if (ReadInt(s, &t, 4, 4, &hhmm) && hhmm / 100 <= 14 && hhmm % 100 < 60) {
      *p = t;
      return (s[r] == '-' ? -1 : 1) * (hhmm / 100 * 60 + hhmm % 100);
    }
    t = r + 1;
    int h = 0, m = 0;
    if (ReadInt(s, &t, 2, 2, &h) && t < s.size() && s[t] == ':' && (++t, ReadInt(s, &t, 2, 2, &m)) &&
        h <= 14 && m < 60) {
      *p = t;
      return (s[r] == '-' ? -1 : 1) * (h * 60 + m);
    }
  }
  static const std::pair<const char*, int32_t> kNames[] = {
      {"est", -300}, {"edt", -240}, {"pst", -480}, {"pdt", -420}, {"msk", 180},
      {"cet", 60},   {"cest", 120}, {"bst", 60},   {"eet", 120},  {"eest", 180},
  };
  for (const auto& [name, off] : kNames) {
    r = q;
    if (LitCase(s, &r, name)) {
      *p = r;
      return off;
    }
  }
  return std::nullopt;
}

struct TimeOfDay {
  int h = 0, m = 0, s = 0;
};

// "23:20[:15]", "23时20分[15秒]", "3:20 pm", "下午3:20". Advances *p.
std::optional<TimeOfDay> ReadTime(std::string_view s, size_t* p) {
  size_t q = *p;
  int shift = 0;  // +12 for afternoon words
  bool morning = false;
  for (const char* w : {"下午", "晚上", "傍晚", "晚"}) {
    if (Lit(s, &q, w)) {
      shift = 12;
      break;
    }
  }
  if (shift == 0) {
    for (const char* w : {"上午", "早上", "凌晨", "清晨", "中午"}) {
      if (Lit(s, &q, w)) {
        morning = std::strcmp(w, "中午") != 0;
        if (!morning) shift = -1;  // noon: 12 stays, 1 → 13
        break;
      }
    }
  }
  SkipSpaces(s, &q);
  TimeOfDay t;
  if (!ReadInt(s, &q, 1, 2, &t.h)) return std::nullopt;
  bool cjk = false;
  if (!Lit(s, &q, ":")) {
    if (Lit(s, &q, "时") || Lit(s, &q, "点")) {
      cjk = true;
    } else {
      return std::nullopt;
    }
  }
  if (!ReadInt(s, &q, 2, 2, &t.m)) {
    if (!cjk) return std::nullopt;
    t.m = 0;  // "15时"
  } else if (cjk) {
    Lit(s, &q, "分");
  }
  size_t r = q;
  if (Lit(s, &r, ":") && ReadInt(s, &r, 2, 2, &t.s)) {
    q = r;
    // Fractions of a second are read and dropped.
    if (q < s.size() && s[q] == '.') {
      size_t f = q + 1;
      while (f < s.size() && IsDigit(s[f])) ++f;
      if (f > q + 1) q = f;
    }
  } else if (cjk) {
    r = q;
    if (ReadInt(s, &r, 1, 2, &t.s) && Lit(s, &r, "秒")) q = r;
  }
  // English am/pm.
  r = q;
  SkipSpaces(s, &r);
  if (LitCase(s, &r, "pm") || LitCase(s, &r, "p.m.") || Lit(s, &r, "p.m")) {
    if (t.h < 12) t.h += 12;
    q = r;
  } else if ((r = q, SkipSpaces(s, &r), LitCase(s, &r, "am") || LitCase(s, &r, "a.m.") ||
                                           Lit(s, &r, "a.m"))) {
    if (t.h == 12) t.h = 0;
    q = r;
  }
  if (shift == 12 && t.h < 12) t.h += 12;
  if (shift == -1 && t.h < 11) t.h += 12;
  if (t.h > 23 || t.m > 59 || t.s > 60) return std::nullopt;
  *p = q;
  return t;
}

std::optional<DatelineMatch> Make(size_t begin, size_t end, int y, int m, int d,
                                  std::optional<TimeOfDay> t, std::optional<int32_t> zone) {
  date::year_month_day ymd{date::year{y}, date::month{static_cast<unsigned>(m)},
                           date::day{static_cast<unsigned>(d)}};
  if (!ymd.ok() || y < 1900 || y > 2200) return std::nullopt;
  DatelineMatch match;
  match.begin = begin;
  match.end = end;
  int64_t secs = int64_t{date::sys_days(ymd).time_since_epoch().count()} * 86400;
  if (t) secs += t->h * 3600 + t->m * 60 + t->s;
  match.stamp.local_seconds = secs;
  match.stamp.offset_minutes = zone;
  match.has_time = t.has_value();
  return match;
}

// After a date: optional weekday, time and zone. Returns the new end.
size_t ReadTail(std::string_view s, size_t p, std::optional<TimeOfDay>* t,
                std::optional<int32_t>* zone) {
  size_t q = p;
  // Weekday: "星期六", "周六", "(星期六)", ", Saturday".
  {
    size_t r = q;
    SkipSpaces(s, &r);
    bool paren = Lit(s, &r, "(");
    if (Lit(s, &r, "星期") || Lit(s, &r, "周") || Lit(s, &r, "礼拜")) {
      static const char* const kDays[] = {"一", "二", "三", "四", "五", "六", "日", "天"};
      for (const char* d : kDays) {
        if (Lit(s, &r, d)) {
          if (paren) Lit(s, &r, ")");
          q = r;
          break;
        }
      }
    }
  }
  size_t r = q;
  while (r < s.size() && (s[r] == ' ' || s[r] == ',' || s[r] == '\t')) ++r;
  if (LitCase(s, &r, "at")) SkipSpaces(s, &r);
  if (auto time = ReadTime(s, &r)) {
    *t = time;
    q = r;
    if (auto z = ReadZone(s, &r)) {
      *zone = z;
      q = r;
    }
  }
  return q;
}

std::optional<DatelineMatch> ScanAt(std::string_view s, size_t p) {
  std::optional<TimeOfDay> t;
  std::optional<int32_t> zone;
  int y = 0, m = 0, d = 0;
  size_t q = p;
  if (IsDigit(s[p])) {
    // 2025年5月17日
    if (ReadInt(s, &q, 4, 4, &y)) {
      size_t r = q;
      SkipSpaces(s, &r);
      if (Lit(s, &r, "年")) {
        SkipSpaces(s, &r);
        if (ReadInt(s, &r, 1, 2, &m) && (SkipSpaces(s, &r), Lit(s, &r, "月")) &&
            (SkipSpaces(s, &r), ReadInt(s, &r, 1, 2, &d)) && (Lit(s, &r, "日") || Lit(s, &r, "号"))) {
          size_t end = ReadTail(s, r, &t, &zone);
          return Make(p, end, y, m, d, t, zone);
        }
        return std::nullopt;
      }
      // 2025-05-17, 2025/05/17, 2025.05.17 [T]23:20[:15][zone]
      if (q < s.size() && (s[q] == '-' || s[q] == '/' || s[q] == '.')) {
        char sep = s[q];
        r = q + 1;
        if (ReadInt(s, &r, 1, 2, &m) && r < s.size() && s[r] == sep && (++r, ReadInt(s, &r, 1, 2, &d))) {
          size_t end = r;
          size_t u = r;
          if (u < s.size() && s[u] == 'T') {
            ++u;
            if (auto time = ReadTime(s, &u)) {
              t = time;
              end = u;
              if (auto z = ReadZone(s, &u)) {
                zone = z;
                end = u;
              }
            }
          } else {
            end = ReadTail(s, r, &t, &zone);
          }
          return Make(p, end, y, m, d, t, zone);
        }
      }
      return std::nullopt;
    }
    // 17 May 2025
    q = p;
    if (ReadInt(s, &q, 1, 2, &d)) {
      size_t r = q;
      SkipSpaces(s, &r);
      if (r == q) return std::nullopt;
      if ((m = ReadMonthName(s, &r)) != 0) {
        while (r < s.size() && (s[r] == ' ' || s[r] == ',')) ++r;
        if (ReadInt(s, &r, 4, 4, &y)) {
          size_t end = ReadTail(s, r, &t, &zone);
          return Make(p, end, y, m, d, t, zone);
        }
      }
    }
    return std::nullopt;
  }
  // [Saturday, ]May 17, 2025
  size_t r = p;
  if (ReadWeekdayName(s, &r)) {
    while (r < s.size() && (s[r] == ' ' || s[r] == ',')) ++r;
    if (r < s.size() && IsDigit(s[r])) {
      // "Sat, 17 May 2025 ..."
      auto inner = ScanAt(s, r);
      if (inner) inner->begin = p;
      return inner;
    }
  } else {
    r = p;
  }
  if ((m = ReadMonthName(s, &r)) == 0) return std::nullopt;
  size_t before_day = r;
  SkipSpaces(s, &r);
  if (r == before_day) return std::nullopt;
  if (!ReadInt(s, &r, 1, 2, &d)) return std::nullopt;
  for (const char* suffix : {"st", "nd", "rd", "th"})
    if (LitCase(s, &r, suffix)) break;
  while (r < s.size() && (s[r] == ' ' || s[r] == ',')) ++r;
  if (!ReadInt(s, &r, 4, 4, &y)) return std::nullopt;
  size_t end = ReadTail(s, r, &t, &zone);
  return Make(p, end, y, m, d, t, zone);
}

}  // namespace

std::optional<DatelineMatch> FindDateline(std::string_view line) {
  for (size_t p = 0; p < line.size(); ++p) {
    char c = line[p];
    if (!IsDigit(c) && !IsAlpha(c)) continue;
    // Only at the start of a word or number.
    if (p > 0 && (IsDigit(line[p - 1]) || IsAlpha(line[p - 1]))) continue;
    if (auto m = ScanAt(line, p)) return m;
  }
  return std::nullopt;
}

}  // namespace kbq::ingest::internal

namespace kbq::ingest {

std::optional<PublishedTime> ParsePublished(std::string_view text) {
  auto stamp = internal::ParseTimestamp(text);
  if (!stamp) return std::nullopt;
  PublishedTime t;
  t.offset_minutes = stamp->offset_minutes;
  t.utc = stamp->local_seconds - int64_t{stamp->offset_minutes.value_or(0)} * 60;
  return t;
}

}  // namespace kbq::ingest
