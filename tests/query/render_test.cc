// Text renderers: columns line up in display width (CJK counts two), dates
// print at their precision, modality marks appear once.
#include <catch2/catch.hpp>

#include <sstream>
#include <string>
#include <vector>

#include "kbq/query/render.h"

using namespace kbq;
using namespace kbq::query;

namespace {

// Terminal columns of UTF-8 text (CJK and fullwidth punctuation count two).
size_t Columns(const std::string& s) {
  size_t w = 0;
  for (size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    size_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : 4;
    bool wide = len == 3 && c >= 0xE3 && c <= 0xEF;  // U+3000..U+FFFF (CJK, fullwidth)
    if (len == 3 && c == 0xE2) wide = static_cast<unsigned char>(s[i + 1]) >= 0xBA;  // U+2E80..
    w += wide ? 2 : 1;
    i += len;
  }
  return w;
}

EventView Row(const std::string& id, const std::string& date, const std::string& en,
              const std::string& zh, Modality modality) {
  EventView v;
  v.event.id = id;
  v.event.type = "meet";
  v.event.date = TimeValue::Parse(date);
  v.event.labels["en"] = en;
  v.event.labels["zh"] = zh;
  v.event.modality = modality;
  return v;
}

std::vector<std::string> Lines(const std::string& s) {
  std::vector<std::string> out;
  std::istringstream in(s);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

}  // namespace

TEST_CASE("RenderTimelineText: ids line up in display columns with Chinese labels",
          "[query][render]") {
  TimelineResult r;
  Actor a;
  a.id = "UKR";
  a.names["en"] = "Ukraine";
  a.names["zh"] = "乌克兰";
  r.subject.push_back(a);
  r.rows = {Row("ev-1", "2025-05-16", "Talks in Istanbul", "伊斯坦布尔谈判", Modality::kAsserted),
            Row("ev-2", "2022-04", "Withdrawal", "退出协议", Modality::kClaimed),
            Row("ev-3", "2013..2014", "Crisis", "危机", Modality::kPlanned)};
  RenderOptions o;
  o.lang = GENERATE(as<std::string>{}, "en", "zh");
  std::vector<std::string> lines = Lines(RenderTimelineText(r, o));
  REQUIRE(lines.size() == 5);
  CHECK(lines[0] == (o.lang == "en" ? "Timeline: Ukraine (UKR) — 3 events"
                                    : "Timeline: 乌克兰 (UKR) — 3 events"));
  size_t id_col = Columns(lines[1].substr(0, lines[1].find("id")));
  for (size_t i = 2; i < lines.size(); ++i) {
    INFO(lines[i]);
    CHECK(Columns(lines[i].substr(0, lines[i].find("ev-"))) == id_col);
  }
  CHECK(lines[2].rfind("2025-05-16 ", 0) == 0);
  CHECK(lines[3].rfind("2022-04 ", 0) == 0);
  CHECK(lines[4].rfind("2013..2014 ", 0) == 0);
  CHECK(lines[3].find("[claimed]") != std::string::npos);
  CHECK(lines[4].find("[planned]") != std::string::npos);
  CHECK(lines[2].find("\x1b") == std::string::npos);
}

TEST_CASE("RenderTimelineText: a mark already in the label is not repeated", "[query][render]") {
  TimelineResult r;
  r.rows = {Row("ev-1", "2025", "Visit [planned]", "访问 [planned]", Modality::kPlanned)};
  std::string text = RenderTimelineText(r, {});
  CHECK(text.find("[planned]") == text.rfind("[planned]"));
  CHECK(text.rfind("Timeline: all events — 1 event\n", 0) == 0);
}

TEST_CASE("RenderEventText: two triggers in one sentence print one mention", "[query][render]") {
  EventView v = Row("ev-1", "2025-05-16", "Talks", "谈判", Modality::kAsserted);
  Mention m;
  m.article_id = "art-1";
  m.sentence = 4;
  m.begin = 0;
  m.end = 20;
  m.text = "The delegations met.";
  m.trigger = "met";
  v.event.mentions.push_back(m);
  m.trigger = "delegations";
  v.event.mentions.push_back(m);
  std::string text = RenderEventText(v, {});
  CHECK(text.find("  mentions    1\n") != std::string::npos);
  CHECK(text.find("The delegations met.") == text.rfind("The delegations met."));
}
