// Private: the temporal tagger's lexicons, loaded from ingest/data/time_*.tsv
// (compiled into the library by CMake; see ingest/CMakeLists.txt).
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace kbq::ingest::time_internal {

struct SvHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};
template <typename V>
using SvMap = std::unordered_map<std::string, V, SvHash, std::equal_to<>>;

// kRecent: 近日, 近期 (offset days before publication up to it, approximate).
enum class Unit : uint8_t { kDay, kWeek, kMonth, kYear, kSame, kRecent };

struct RelEntry {
  Unit unit = Unit::kDay;
  int offset = 0;
  bool anchor = false;  // relative to the last date mentioned
  bool present = false; // now, currently: the publication day as the present
  bool past = false;    // recently, in the past: before publication, no date of its own
  bool future = false;  // soon, in the long term: after publication, no date of its own
};

struct SeasonEntry {
  int first_month = 0;
  int months = 3;
};

// A holiday or lunar word of time_holidays.tsv. kNthWeekday: the offset-th
// weekday `day` (0 = Sunday) of `month`, -1 the last; kEaster and
// kOrthodoxEaster: `offset` days from Easter Sunday of the Gregorian or the
// Julian computus.
struct HolidayEntry {
  enum class Kind : uint8_t {
    kGregorian, kChinese, kLunarMonth, kLunarPrefix, kZodiac, kNthWeekday, kEaster, kOrthodoxEaster
  } kind = Kind::kGregorian;
  int month = 0;
  int day = 0;
  int offset = 0;
};

struct ZhNumeral {
  int value = 0;
  bool unit = false;  // 十, 百, 千
};

struct Lexicon {
  std::unordered_map<char32_t, ZhNumeral> zh_num;
  SvMap<int> en_month;    // lower-case name or abbreviation -> 1..12
  SvMap<int> en_num;      // lower-case number word -> value
  SvMap<int> zh_weekday;  // 周五 -> 5 (0 = Sunday)
  SvMap<int> en_weekday;
  SvMap<int> en_weekday_abbr;  // mon, tues, thurs -> weekday (0 = Sunday)
  SvMap<int> en_ordinal;       // first .. thirty-first -> 1..31; last -> -1
  SvMap<RelEntry> zh_rel, en_rel;  // en keys: lower-case words joined by one space
  SvMap<int> zh_pod;               // part of day -> pm rule (0 am, 1 pm, 2 noon)
  SvMap<SeasonEntry> zh_season, en_season;
  std::vector<std::string> zh_future, en_future;  // anywhere in the clause
  std::vector<std::string> en_future_adjacent;     // the word just before ("until Friday")
  // A verb of a schedule in the present right before the time or its
  // preposition ("opens May 5", "takes effect on March 1").
  std::vector<std::string> en_scheduled;
  SvMap<int> zh_block;  // phrases that are not time expressions
  SvMap<HolidayEntry> zh_holiday;  // 春节, 国庆节, 腊月, 农历, 马年
  SvMap<HolidayEntry> en_holiday;  // lower case, one space, ASCII apostrophe: "new year's day"
  size_t en_holiday_max_bytes = 0;
  std::vector<bool> zh_first;  // BMP code points that start a zh lexicon word
  std::vector<bool> zh_start;  // ... or a numeral, or a structural word (近, 上, 年)
  SvMap<int> en_trigger;       // lower-case words that may start an English expression
  size_t en_rel_max_words = 1;
};

// The lexicon compiled from ingest/data; built once, immutable.
const Lexicon& GetLexicon();

}  // namespace kbq::ingest::time_internal
