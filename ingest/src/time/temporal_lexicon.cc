#include "time/temporal_lexicon.h"

#include "embedded/time_lexicon_data.h"
#include "text_util.h"

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <string>

namespace kbq::ingest::time_internal {
namespace {

std::vector<std::string_view> SplitTabs(std::string_view line) {
  return internal::Split(line, '\t');
}

int ToInt(std::string_view s) {
  int v = 0;
  std::from_chars(s.data(), s.data() + s.size(), v);
  return v;
}

char32_t FirstCodePoint(std::string_view s) {
  if (s.empty()) return 0;
  auto c = static_cast<unsigned char>(s[0]);
  if (c < 0x80) return c;
  if ((c >> 5) == 6 && s.size() >= 2) return ((c & 0x1F) << 6) | (s[1] & 0x3F);
  if ((c >> 4) == 14 && s.size() >= 3) {
    return ((c & 0x0F) << 12) | ((s[1] & 0x3F) << 6) | (s[2] & 0x3F);
  }
  return 0;
}

void MarkFirst(Lexicon* lx, std::string_view word) {
  char32_t cp = FirstCodePoint(word);
  if (cp < lx->zh_first.size()) lx->zh_first[cp] = true;
}

Unit ParseUnit(std::string_view s) {
  if (s == "week") return Unit::kWeek;
  if (s == "month") return Unit::kMonth;
  if (s == "year") return Unit::kYear;
  if (s == "same") return Unit::kSame;
  if (s == "recent") return Unit::kRecent;
  return Unit::kDay;
}

void LoadFile(std::string_view name, std::string_view text, Lexicon* lx) {
  bool header_seen = false;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view line = text.substr(pos, nl - pos);
    pos = nl + 1;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line[0] == '#') continue;
    if (!header_seen) {  // the column header
      header_seen = true;
      continue;
    }
    auto f = SplitTabs(line);
    if (f.size() < 2) continue;
    std::string w(f[0]);
    if (name == "time_zh_numerals.tsv" && f.size() >= 3) {
      lx->zh_num[FirstCodePoint(w)] = ZhNumeral{ToInt(f[1]), f[2] == "unit"};
    } else if (name == "time_months_en.tsv") {
      lx->en_month[w] = ToInt(f[1]);
    } else if (name == "time_weekday_abbrev_en.tsv") {
      lx->en_weekday_abbr[w] = ToInt(f[1]);
    } else if (name == "time_en_ordinals.tsv") {
      lx->en_ordinal[w] = ToInt(f[1]);
    } else if (name == "time_en_numbers.tsv") {
      lx->en_num[w] = ToInt(f[1]);
    } else if (name == "time_weekdays.tsv" && f.size() >= 3) {
      if (f[1] == "zh") {
        lx->zh_weekday[w] = ToInt(f[2]);
        MarkFirst(lx, w);
      } else {
        lx->en_weekday[w] = ToInt(f[2]);
      }
    } else if (name == "time_relative.tsv" && f.size() >= 5) {
      RelEntry e{ParseUnit(f[2]), ToInt(f[3]), f[4] == "anchor", f[4] == "present", f[4] == "past",
                 f[4] == "future"};
      if (f[1] == "zh") {
        lx->zh_rel[w] = e;
        MarkFirst(lx, w);
      } else {
        lx->en_rel[w] = e;
        size_t words = std::count(w.begin(), w.end(), ' ') + 1;
        lx->en_rel_max_words = std::max(lx->en_rel_max_words, words);
      }
    } else if (name == "time_part_of_day.tsv" && f.size() >= 3) {
      lx->zh_pod[w] = ToInt(f[2]);
      MarkFirst(lx, w);
    } else if (name == "time_seasons.tsv" && f.size() >= 4) {
      SeasonEntry e{ToInt(f[2]), ToInt(f[3])};
      if (f[1] == "zh") {
        lx->zh_season[w] = e;
        MarkFirst(lx, w);
      } else {
        lx->en_season[w] = e;
      }
    } else if (name == "time_future_cues.tsv") {
      if (f.size() >= 3 && f[2] == "adjacent") lx->en_future_adjacent.push_back(w);
      else if (f.size() >= 3 && f[2] == "scheduled") lx->en_scheduled.push_back(w);
      else (f[1] == "zh" ? lx->zh_future : lx->en_future).push_back(w);
    } else if (name == "time_holidays.tsv" && f.size() >= 6) {
      using K = HolidayEntry::Kind;
      K kind = f[2] == "chinese" ? K::kChinese : f[2] == "lunar_month" ? K::kLunarMonth
             : f[2] == "lunar_prefix" ? K::kLunarPrefix : f[2] == "zodiac" ? K::kZodiac
             : f[2] == "nth_weekday" ? K::kNthWeekday : f[2] == "easter" ? K::kEaster
             : f[2] == "orthodox_easter" ? K::kOrthodoxEaster : K::kGregorian;
      HolidayEntry e{kind, ToInt(f[3]), ToInt(f[4]), ToInt(f[5])};
      if (f[1] == "en") {
        lx->en_holiday[w] = e;
        lx->en_holiday_max_bytes = std::max(lx->en_holiday_max_bytes, w.size());
      } else {
        lx->zh_holiday[w] = e;
        MarkFirst(lx, w);
      }
    } else if (name == "time_blockers.tsv") {
      lx->zh_block[w] = 1;
      MarkFirst(lx, w);
    }
  }
}

}  // namespace

const Lexicon& GetLexicon() {
  static const Lexicon* lexicon = [] {
    auto* lx = new Lexicon;
    lx->zh_first.assign(0x10000, false);
    for (const auto& [name, text] : TimeLexiconDataFiles()) LoadFile(name, text, lx);
    // Where the scanner needs to look at all: a fast filter per position.
    lx->zh_start = lx->zh_first;
    for (auto& [cp, unused] : lx->zh_num)
      if (cp < lx->zh_start.size()) lx->zh_start[cp] = true;
    for (char32_t cp : std::u32string(U"近多上下本这年月数几过最当"))
      lx->zh_start[cp] = true;
    for (char32_t cp = 0xFF10; cp <= 0xFF19; ++cp) lx->zh_start[cp] = true;
    auto first_word = [](const std::string& k) { return k.substr(0, k.find(' ')); };
    for (auto& [k, unused] : lx->en_rel) lx->en_trigger[first_word(k)] = 1;
    for (auto* m : {&lx->en_month, &lx->en_num, &lx->en_weekday, &lx->en_weekday_abbr})
      for (auto& [k, unused] : *m) lx->en_trigger[k] = 1;
    for (auto& [k, unused] : lx->en_season) lx->en_trigger[k] = 1;
    for (auto& [k, unused] : lx->en_ordinal) lx->en_trigger[k.substr(0, k.find('-'))] = 1;
    for (auto& [k, unused] : lx->en_holiday) {  // "valentine's day": the letters before the apostrophe
      size_t n = 0;
      while (n < k.size() && k[n] >= 'a' && k[n] <= 'z') ++n;
      lx->en_trigger[k.substr(0, n)] = 1;
    }
    for (const char* w : {"early", "mid", "late", "the", "last", "next", "this", "past", "recent",
                          "between", "from", "few", "several", "q", "noon", "midnight", "weekend",
                          "coming", "previous", "following", "end", "beginning", "start", "middle", "close"})
      lx->en_trigger[w] = 1;
    return lx;
  }();
  return *lexicon;
}

}  // namespace kbq::ingest::time_internal
