#include "kbq/ingest/timex_eval.h"

#include <date/date.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <vector>

#include "kbq/ingest/temporal_tagger.h"

namespace kbq::ingest {
namespace {

Result<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IOError("cannot open " + path);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// 2013-02-12T04:30-02:00 as seconds since the epoch, and its offset.
constexpr int32_t kDucklingOffset = -120;
int64_t DucklingReferenceUtc() {
  auto day = date::sys_days{date::year{2013} / 2 / 12}.time_since_epoch().count();
  return static_cast<int64_t>(day) * 86400 + (4 * 60 + 30 - kDucklingOffset) * 60;
}

bool Contains(const std::string& s, std::initializer_list<const char*> words) {
  for (auto* w : words)
    if (s.find(w) != std::string::npos) return true;
  return false;
}

bool HasFourDigits(const std::string& s) {
  int run = 0;
  for (char c : s) {
    run = (c >= '0' && c <= '9') ? run + 1 : 0;
    if (run == 4) return true;
  }
  return false;
}

bool Unambiguous(const std::string& text, const std::string& lang) {
  if (HasFourDigits(text)) return true;
  if (lang == "zh") {
    return Contains(text, {"今天", "今日", "昨天", "昨日", "明天", "明日", "前天", "后天", "後天",
                           "去年", "今年", "明年", "前年", "上月", "下月", "本月", "上个月",
                           "下个月", "上個月", "下個月", "上周", "下周", "本周", "这周", "上週",
                           "下週", "本週", "這週", "天前", "天后", "天後", "年前", "年后", "年後",
                           "月前", "个月后", "周前", "周后"});
  }
  std::string low = text;
  for (auto& c : low) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return Contains(low, {"yesterday", "today", "tomorrow", " ago", "last week", "last month",
                        "last year", "this week", "this month", "this year", "next week",
                        "next month", "next year", "last quarter", "this quarter",
                        "next quarter"});
}

// Our value at Duckling's grain, in value_at_grain's spelling.
std::string AtGrain(const TimeValue& v, const std::string& grain) {
  if (!v.ok()) return "";
  std::string d = FormatDay(v.earliest);
  if (grain == "Day") return v.precision == Precision::kDay ? d : "";
  if (grain == "Week") return v.SpanDays() == 7 ? d + "(week-start)" : "";
  if (grain == "Month") return v.precision == Precision::kMonth ? d.substr(0, 7) : "";
  if (grain == "Quarter")
    return v.precision == Precision::kQuarter ? d.substr(0, 7) + "(quarter-start)" : "";
  if (grain == "Year") return v.precision == Precision::kYear ? d.substr(0, 4) : "";
  return "";
}

std::string XmlUnescape(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '&') {
      static const std::pair<std::string_view, char> kEnt[] = {
          {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&apos;", '\''}};
      bool done = false;
      for (auto& [e, c] : kEnt) {
        if (s.substr(i, e.size()) == e) {
          out += c;
          i += e.size() - 1;
          done = true;
          break;
        }
      }
      if (done) continue;
    }
    out += s[i];
  }
  return out;
}

std::string Attr(std::string_view tag, std::string_view name) {
  std::string key = " " + std::string(name) + "=\"";
  size_t p = tag.find(key);
  if (p == std::string_view::npos) return "";
  p += key.size();
  size_t e = tag.find('"', p);
  return std::string(tag.substr(p, e - p));
}

// MEANTIME's annotators covered each article's title and first five sentences
// (sentence numbers 0..5); mentions after them are neither credited nor
// counted as spurious.
constexpr int kAnnotatedSentences = 5;

struct GoldTimex {
  size_t begin = 0, end = 0;
  std::string value;
  bool matched = false;
};

}  // namespace

std::string TimexValue(const TimeValue& v) {
  if (!v.ok()) return "";
  std::string d = FormatDay(v.earliest);
  std::string y = d.substr(0, 4);
  int month = std::stoi(d.substr(5, 2));
  switch (v.precision) {
    case Precision::kDay:
      return v.SpanDays() == 1 ? d : v.ToString();
    case Precision::kPartOfMonth:
    case Precision::kMonth:
      return d.substr(0, 7);
    case Precision::kSeason: {
      static const char* kS[] = {"WI", "WI", "WI", "SP", "SP", "SP",
                                 "SU", "SU", "SU", "FA", "FA", "FA"};
      return y + "-" + kS[month - 1];
    }
    case Precision::kQuarter:
      if (v.approximate) return y;  // early/late 2014: TIMEX marks it with mod, value 2014
      return y + "-Q" + std::to_string((month - 1) / 3 + 1);
    case Precision::kHalfYear:
      return y + (month <= 6 ? "-H1" : "-H2");
    case Precision::kYear:
      return y;
    case Precision::kDecade:
      return y.substr(0, 3);
    case Precision::kCentury:
      return std::to_string((std::stoi(y) - 1) / 100);
    case Precision::kRange: {
      date::sys_days first{date::days{v.earliest}};
      const bool weekend = v.SpanDays() == 2 && date::weekday{first} == date::Saturday;
      if ((v.SpanDays() == 7 && date::weekday{first} == date::Monday) || weekend) {
        // ISO week of the Thursday; a weekend is its week's "WE" (TIMEX3)
        auto thu = first + date::days{weekend ? -2 : 3};
        auto ymd = date::year_month_day{thu};
        auto jan1 = date::sys_days{ymd.year() / 1 / 1};
        int week = static_cast<int>((thu - jan1).count() / 7 + 1);
        char buf[32];  // room for any int year and week (-Wformat-truncation)
        std::snprintf(buf, sizeof(buf), "%d-W%02d", static_cast<int>(ymd.year()), week);
        return std::string(buf) + (weekend ? "-WE" : "");
      }
      if (v.approximate) {
        std::string last = FormatDay(v.latest).substr(0, 4);
        if (last == y) return y;                         // mid-2014
        if (last.substr(0, 3) == y.substr(0, 3)) return y.substr(0, 3);  // the late 1990s
      }
      return v.ToString();
    }
    default:
      return v.ToString();
  }
}

Result<DucklingScore> EvalDuckling(const std::string& jsonl_path, const std::string& lang,
                                   std::vector<std::string>* errors) {
  auto content = ReadFile(jsonl_path);
  if (!content.ok()) return content.status();
  DucklingScore score;
  score.lang = lang;
  TemporalTagger tagger;
  TagContext ctx;
  ctx.published_utc = DucklingReferenceUtc();
  ctx.offset_minutes = kDucklingOffset;
  ctx.lang = lang;
  std::istringstream lines(*content);
  std::string line;
  while (std::getline(lines, line)) {
    if (line.empty()) continue;
    auto row = nlohmann::json::parse(line, nullptr, false);
    if (row.is_discarded()) return Status::Corruption(jsonl_path + ": bad JSON line");
    ++score.total;
    std::string text = row.value("text", "");
    std::string kind = row.value("kind", "");
    std::vector<Diagnostic> diags;
    if (kind == "negative") {
      ++score.negatives;
      if (!tagger.Tag(text, ctx, &diags).empty()) ++score.false_positives;
      continue;
    }
    std::string grain = row.contains("grain") && row["grain"].is_string() ? row["grain"].get<std::string>() : "";
    if (kind != "datetime") continue;
    if (grain != "Day" && grain != "Week" && grain != "Month" && grain != "Quarter" &&
        grain != "Year")
      continue;
    if (!Unambiguous(text, lang)) continue;
    ++score.scored;
    auto mentions = tagger.Tag(text, ctx, &diags);
    std::string expected = row.value("value_at_grain", "");
    if (mentions.empty()) {
      if (errors) errors->push_back("missed: " + text + " -> " + expected);
      continue;
    }
    ++score.found;
    auto best = std::max_element(mentions.begin(), mentions.end(), [](auto& a, auto& b) {
      return a.end - a.begin < b.end - b.begin;
    });
    if (AtGrain(best->value, grain) == expected) {
      ++score.correct;
    } else if (errors) {
      errors->push_back("wrong: " + text + " -> " + expected + ", got [" + best->text + "] " +
                        best->value.ToString());
    }
  }
  return score;
}

Result<MeantimeScore> EvalMeantime(const std::string& dir, std::vector<std::string>* errors) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return Status::NotFound(dir + ": not a directory");
  std::vector<std::string> files;
  for (auto it = fs::recursive_directory_iterator(dir, ec); it != fs::recursive_directory_iterator();
       it.increment(ec)) {
    if (ec) break;
    std::string p = it->path().string();
    if (it->path().extension() != ".xml") continue;
    if (p.find("cross-doc") != std::string::npos) continue;
    files.push_back(p);
  }
  std::sort(files.begin(), files.end());
  MeantimeScore score;
  TemporalTagger tagger;
  for (const auto& path : files) {
    auto content = ReadFile(path);
    if (!content.ok()) return content.status();
    const std::string& x = *content;
    // Tokens -> text.
    std::map<int, std::pair<size_t, size_t>> span;  // t_id -> byte span
    std::string text;
    int last_sentence = -1;
    size_t annotated_end = 0;  // MEANTIME annotates the title and sentences 1..5
    size_t p = 0;
    while ((p = x.find("<token ", p)) != std::string::npos) {
      size_t gt = x.find('>', p);
      size_t close = x.find("</token>", gt);
      if (gt == std::string::npos || close == std::string::npos) break;
      std::string_view tag(x.data() + p, gt - p);
      int tid = std::atoi(Attr(tag, "t_id").c_str());
      int sentence = std::atoi(Attr(tag, "sentence").c_str());
      if (!text.empty()) text += sentence != last_sentence ? "\n" : " ";
      last_sentence = sentence;
      std::string tok = XmlUnescape(std::string_view(x.data() + gt + 1, close - gt - 1));
      span[tid] = {text.size(), text.size() + tok.size()};
      text += tok;
      if (sentence <= kAnnotatedSentences) annotated_end = text.size();
      p = close;
    }
    // Gold TIMEX3 DATE and the DCT.
    std::vector<GoldTimex> gold;
    std::vector<std::pair<size_t, size_t>> other;  // TIME, DURATION, SET: not scored
    std::string dct;
    p = 0;
    while ((p = x.find("<TIMEX3 ", p)) != std::string::npos) {
      size_t gt = x.find('>', p);
      size_t close = x.find("</TIMEX3>", gt);
      if (gt == std::string::npos) break;
      std::string_view tag(x.data() + p, gt - p);
      std::string type = Attr(tag, "type"), value = Attr(tag, "value");
      if (Attr(tag, "functionInDocument") == "CREATION_TIME") dct = value;
      // <TIMEX3 .../>: an empty timex (a begin or end point the text implies,
      // TAG_DESCRIPTOR) has no tokens; its body is not the next one's.
      if (!tag.empty() && tag.back() == '/') {
        p = gt;
        continue;
      }
      size_t b = SIZE_MAX, e = 0;
      std::string_view body(x.data() + gt, (close == std::string::npos ? x.size() : close) - gt);
      size_t q = 0;
      while ((q = body.find("t_id=\"", q)) != std::string_view::npos) {
        q += 6;
        int tid = std::atoi(std::string(body.substr(q, body.find('"', q) - q)).c_str());
        auto it = span.find(tid);
        if (it != span.end()) {
          b = std::min(b, it->second.first);
          e = std::max(e, it->second.second);
        }
      }
      if (type == "DATE" && b < e) gold.push_back({b, e, value, false});
      if (type != "DATE" && b < e) other.emplace_back(b, e);
      p = gt;
    }
    TimeValue dct_value = TimeValue::Parse(dct.substr(0, 10));
    if (!dct_value.ok() && dct.size() == 10 && dct[2] == '-' && dct[5] == '-') {
      // one file writes its DCT as DD-MM-YYYY (its dateline says February 3)
      dct_value = TimeValue::Parse(dct.substr(6, 4) + "-" + dct.substr(3, 2) + "-" + dct.substr(0, 2));
    }
    if (!dct_value.ok()) {
      if (errors) errors->push_back("no DCT: " + path + " (" + dct + ")");
      continue;
    }
    ++score.documents;
    TagContext ctx;
    ctx.published_utc = static_cast<int64_t>(dct_value.earliest) * 86400 + 12 * 3600;
    ctx.lang = "en";
    ctx.path = path;
    std::vector<Diagnostic> diags;
    auto mentions = tagger.Tag(text, ctx, &diags);
    score.gold += static_cast<int>(gold.size());
    std::string name = fs::path(path).filename().string();
    for (const auto& m : mentions) {
      if (m.is_duration || m.begin >= annotated_end) continue;
      bool other_type = std::any_of(other.begin(), other.end(), [&](auto& o) {
        return m.begin < o.second && o.first < m.end;
      });
      bool overlaps_date = std::any_of(gold.begin(), gold.end(), [&](auto& g) {
        return m.begin < g.end && g.begin < m.end;
      });
      if (other_type && !overlaps_date) continue;
      ++score.predicted;
      // "from 2009 to 2011", "between April and June": one range here, two
      // TIMEX3 (its ends) in the gold. Each end is scored against its own gold.
      std::string range = TimexValue(m.value);
      size_t dots = range.find("..");
      std::vector<GoldTimex*> ends;
      for (auto& g : gold) {
        if (!g.matched && m.begin < g.end && g.begin < m.end) ends.push_back(&g);
      }
      std::sort(ends.begin(), ends.end(), [](const GoldTimex* a, const GoldTimex* b) { return a->begin < b->begin; });
      if (dots != std::string::npos && ends.size() == 2) {
        ++score.predicted;  // one prediction for each end
        for (GoldTimex* g : ends) {
          g->matched = true;
          ++score.matched;
          std::string end = g == ends.front() ? range.substr(0, dots) : range.substr(dots + 2);
          if (end == g->value) {
            ++score.value_correct;
          } else if (errors) {
            errors->push_back("wrong: " + name + " [" + m.text + "] " + end + " gold [" +
                              text.substr(g->begin, g->end - g->begin) + "] " + g->value);
          }
        }
        continue;
      }
      bool found = false;
      for (auto& g : gold) {
        if (g.matched || m.end <= g.begin || g.end <= m.begin) continue;
        g.matched = found = true;
        ++score.matched;
        // TIMEX3 writes a present reference (now, currently) as PRESENT_REF,
        // a vague past or future one (recently, soon) as PAST_REF, FUTURE_REF.
        std::string value = m.resolution == Resolution::kPresent ? "PRESENT_REF"
                            : m.resolution == Resolution::kPast  ? "PAST_REF"
                            : m.resolution == Resolution::kFuture ? "FUTURE_REF"
                                                                  : TimexValue(m.value);
        if (value == g.value) {
          ++score.value_correct;
        } else if (errors) {
          errors->push_back("wrong: " + name + " [" + m.text + "] " + value +
                            " gold [" + text.substr(g.begin, g.end - g.begin) + "] " + g.value);
        }
        break;
      }
      if (!found && errors) {
        errors->push_back("spurious: " + name + " [" + m.text + "] " + TimexValue(m.value));
      }
    }
    for (const auto& g : gold) {
      if (!g.matched && errors) {
        errors->push_back("missed: " + name + " [" + text.substr(g.begin, g.end - g.begin) + "] " +
                          g.value);
      }
    }
  }
  return score;
}

std::string FormatTimexReport(const DucklingScore* en, const DucklingScore* zh,
                              const MeantimeScore* mt) {
  std::string out;
  char buf[512];
  for (const DucklingScore* d : {en, zh}) {
    if (!d) continue;
    std::snprintf(buf, sizeof(buf),
                  "duckling-%s: %d rows, %d unambiguous scored, found %d, value correct %d "
                  "(accuracy %.1f%%); negatives %d, false positives %d\n",
                  d->lang.c_str(), d->total, d->scored, d->found, d->correct, 100 * d->accuracy(),
                  d->negatives, d->false_positives);
    out += buf;
  }
  if (mt) {
    std::snprintf(buf, sizeof(buf),
                  "meantime-en: %d docs, gold DATE %d, predicted %d, matched %d; span P %.1f R %.1f "
                  "F1 %.1f; value accuracy %.1f%%, value F1 %.1f (HeidelTime TempEval-3: 77.6)\n",
                  mt->documents, mt->gold, mt->predicted, mt->matched, 100 * mt->precision(),
                  100 * mt->recall(), 100 * mt->f1(), 100 * mt->value_accuracy(),
                  100 * mt->value_f1());
    out += buf;
  }
  return out;
}

}  // namespace kbq::ingest
