#include "kbq/ingest/reader.h"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <streambuf>
#include <string>
#include <vector>

#include "kbq/ingest/normalizer.h"
#include "kbq/time_value.h"

using kbq::ingest::Diagnostic;
using kbq::ingest::Document;
using kbq::ingest::Format;
using kbq::ingest::ReadOptions;

namespace fs = std::filesystem;

namespace {

struct ReadResult {
  std::vector<Document> docs;
  std::vector<Diagnostic> diags;
  std::vector<std::string> messages;  // Diagnostic::ToString()
  kbq::Status status;
};

ReadResult ReadString(const std::string& content, const std::string& name,
                      ReadOptions options = ReadOptions()) {
  ReadResult r;
  std::istringstream in(content);
  if (!options.ingested_utc) options.ingested_utc = 0;
  r.status = kbq::ingest::ReadStream(
      in, name, options, [&](Document&& d) { r.docs.push_back(std::move(d)); },
      [&](const Diagnostic& d) {
        r.diags.push_back(d);
        r.messages.push_back(d.ToString());
      });
  return r;
}

ReadResult ReadPath(const std::string& path, ReadOptions options = ReadOptions()) {
  ReadResult r;
  if (!options.ingested_utc) options.ingested_utc = 0;
  r.status = kbq::ingest::ReadFile(
      path, options, [&](Document&& d) { r.docs.push_back(std::move(d)); },
      [&](const Diagnostic& d) {
        r.diags.push_back(d);
        r.messages.push_back(d.ToString());
      });
  return r;
}

int64_t Utc(int y, unsigned m, unsigned d, int hh, int mm, int ss) {
  return int64_t{kbq::DaysFromCivil(y, m, d)} * 86400 + hh * 3600 + mm * 60 + ss;
}

std::string ReadAll(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

std::string FormatUtc(int64_t t) {
  int64_t days = t >= 0 ? t / 86400 : (t - 86399) / 86400;
  int64_t secs = t - days * 86400;
  char buf[64];
  std::snprintf(buf, sizeof buf, "%sT%02d:%02d:%02dZ",
                kbq::FormatDay(static_cast<int32_t>(days)).c_str(), static_cast<int>(secs / 3600),
                static_cast<int>(secs / 60 % 60), static_cast<int>(secs % 60));
  return buf;
}

// A readable rendering of what a reader produced, compared with
// tests/golden/readers/<case>/expected.txt.
std::string Render(const ReadResult& r) {
  std::string out;
  int n = 0;
  for (const Document& d : r.docs) {
    const auto& a = d.article;
    out += "document " + std::to_string(++n) + "\n";
    out += "  id: " + a.id + "\n";
    out += "  title: " + a.title + "\n";
    out += "  published: " + FormatUtc(a.published_utc);
    if (a.published_offset_minutes) {
      int off = *a.published_offset_minutes;
      char buf[16];
      std::snprintf(buf, sizeof buf, " %c%02d:%02d", off < 0 ? '-' : '+', std::abs(off) / 60,
                    std::abs(off) % 60);
      out += buf;
    }
    out += "\n";
    out += "  lang: " + a.language + "\n";
    if (!a.source.empty()) out += "  source: " + a.source + "\n";
    if (!a.url.empty()) out += "  url: " + a.url + "\n";
    out += "  body: line " + std::to_string(d.source_line) + ", byte " +
           std::to_string(d.source_offset) + "\n";
    for (const auto& s : d.sentences) {
      std::string text = a.text.substr(s.begin, s.end - s.begin);
      for (char& c : text)
        if (c == '\n') c = '/';
      out += "  | " + text + "\n";
    }
  }
  for (const std::string& m : r.messages) out += m + "\n";
  return out;
}

// A stream of `head`, then `filler_bytes` copies of `filler`, then `tail`,
// generated on demand so that a test can read 100 MB without holding it.
class GeneratedBuf : public std::streambuf {
 public:
  GeneratedBuf(std::string head, uint64_t filler_bytes, char filler, std::string tail)
      : head_(std::move(head)), filler_left_(filler_bytes), filler_(filler), tail_(std::move(tail)) {}

 protected:
  int_type underflow() override {
    if (gptr() < egptr()) return traits_type::to_int_type(*gptr());
    block_.clear();
    if (!head_.empty()) {
      block_.swap(head_);
    } else if (filler_left_ > 0) {
      size_t n = static_cast<size_t>(std::min<uint64_t>(filler_left_, 1 << 16));
      block_.assign(n, filler_);
      filler_left_ -= n;
    } else if (!tail_.empty()) {
      block_.swap(tail_);
    } else {
      return traits_type::eof();
    }
    setg(block_.data(), block_.data(), block_.data() + block_.size());
    return traits_type::to_int_type(*gptr());
  }

 private:
  std::string head_;
  uint64_t filler_left_;
  char filler_;
  std::string tail_;
  std::string block_;
};

}  // namespace

// ------------------------------------------------------------------ the seed

TEST_CASE("Readers: the seed page reads as one article without its recommended stories",
          "[ingest][reader]") {
  const std::string path =
      std::string(KBQ_SOURCE_DIR) + "/examples/articles/000_3ae8ec1ab298bbdb.txt";
  ReadResult r = ReadPath(path);
  REQUIRE(r.status.ok());
  REQUIRE(r.docs.size() == 1);
  const Document& doc = r.docs[0];
  const kbq::Article& a = doc.article;
  CHECK(a.title == "美俄罕见互动!伊斯坦布尔谈判后,俄外长直言感谢美国施压乌克兰");
  // 2025年05月17日23:20:15 with no zone on a Chinese site: +08:00.
  CHECK(a.published_utc == Utc(2025, 5, 17, 15, 20, 15));
  CHECK(a.published_offset_minutes == 480);
  CHECK(a.language == "zh");
  CHECK(a.source == "天天要闻");
  CHECK(a.path == path);
  // The id is of the title and the body; the text starts with the headline.
  CHECK(a.id == kbq::ingest::ArticleId(a.title, kbq::ingest::BodyText(doc)));
  CHECK(a.text.rfind(a.title + "\n\n", 0) == 0);
  // The body starts after the dateline and ends with the author line.
  CHECK(kbq::ingest::BodyText(doc).rfind("当地时间5月17日,俄罗斯外交部消息称", 0) == 0);
  CHECK(a.text.size() > 2000);
  const std::string byline = "(2025年5月17日,作者:彼得堡的肥天鹅)";
  REQUIRE(a.text.size() >= byline.size());
  CHECK(a.text.substr(a.text.size() - byline.size()) == byline);
  // Nothing of the page chrome or of the June 2025 recommended stories.
  for (const char* absent : {"大熊猫", "深海采矿", "东盟黄皮书", "驻伊朗大使馆", "天天要闻",
                             "分类资讯推荐", "8532", "6月28日"}) {
    INFO(absent);
    CHECK(a.text.find(absent) == std::string::npos);
  }
  // The list items are sentences of their own.
  bool found_item = false;
  for (const auto& s : doc.sentences) {
    if (a.text.substr(s.begin, s.end - s.begin) == "- 中立化,乌克兰境内没有外国军队") found_item = true;
    CHECK(s.begin < s.end);
    CHECK(s.end <= a.text.size());
  }
  CHECK(found_item);
  CHECK(doc.sentences.size() > 30);
  // Offsets lead back into the file.
  std::string file = ReadAll(path);
  CHECK(doc.source_line == 5);
  CHECK(file.compare(doc.source_offset, 12, "当地时间") == 0);
  size_t pos = a.text.find("俄罗斯总统助理");
  REQUIRE(pos != std::string::npos);
  CHECK(file.compare(kbq::ingest::SourceOffset(doc, static_cast<uint32_t>(pos)), 21,
                     "俄罗斯总统助理") == 0);
  // One warning says what was dropped.
  REQUIRE(r.messages.size() == 1);
  CHECK(r.diags[0].severity == Diagnostic::Severity::kWarning);
  CHECK(r.messages[0] == path + ":53: warning: dropped the recommended-stories block at "
                                "\"国际分类资讯推荐\" (4 items, lines 53-74) (byte " +
                             std::to_string(file.find("国际分类资讯推荐")) + ")");
}

// ------------------------------------------------------------------ golden cases

TEST_CASE("Readers: golden cases under tests/golden/readers", "[ingest][reader][golden]") {
  const fs::path root = fs::path(KBQ_SOURCE_DIR) / "tests/golden/readers";
  const bool update = std::getenv("KBQ_UPDATE_GOLDEN") != nullptr;
  int cases = 0;
  for (const std::string& input : kbq::ingest::ListInputFiles(root.string())) {
    fs::path p(input);
    if (p.stem() != "input") continue;
    ++cases;
    SECTION(p.parent_path().filename().string()) {
      std::string content = ReadAll(p);
      ReadResult r = ReadString(content, p.filename().string());
      REQUIRE(r.status.ok());
      std::string got = Render(r);
      fs::path expected_path = p.parent_path() / "expected.txt";
      if (update) {
        std::ofstream(expected_path, std::ios::binary) << got;
        WARN("updated " << expected_path.string());
      }
      CHECK(got == ReadAll(expected_path));
    }
  }
  CHECK(cases >= 6);
}

// ------------------------------------------------------------------ formats

TEST_CASE("Readers: other headlines with the site suffix start the recommended block",
          "[ingest][reader]") {
  std::string page =
      "安理会举行乌克兰问题公开会\n2024年2月24日 10:00\n各方代表在会上发言。\n"
      "安理会举行乌克兰问题公开会_示例网\n会议持续三个小时。\n"
      "黑海粮食协议到期_示例网\n协议于2023年7月17日到期。\n";
  ReadResult r = ReadString(page, "s.txt");
  REQUIRE(r.docs.size() == 1);
  CHECK(r.docs[0].article.source == "示例网");
  CHECK(std::string(kbq::ingest::BodyText(r.docs[0])) == "各方代表在会上发言。\n会议持续三个小时。");
  REQUIRE(r.messages.size() == 1);
  CHECK(r.messages[0] ==
        "s.txt:6: warning: dropped the recommended-stories block at \"黑海粮食协议到期_示例网\" "
        "(1 item, lines 6-7) (byte " +
            std::to_string(page.find("黑海粮食协议到期")) + ")");
}

TEST_CASE("Readers: datelines in several notations give the publication time", "[ingest][reader]") {
  struct Case {
    const char* dateline;
    int64_t utc;
    std::optional<int32_t> offset;
  };
  auto c = GENERATE(
      Case{"2025年5月17日", Utc(2025, 5, 16, 16, 0, 0), 480},
      Case{"2025年05月17日 星期六 下午3:20", Utc(2025, 5, 17, 7, 20, 0), 480},
      Case{"２０２５年５月１７日 ２３：２０", Utc(2025, 5, 17, 15, 20, 0), 480},
      Case{"北京时间2025年5月17日 08:00", Utc(2025, 5, 17, 0, 0, 0), 480},
      Case{"2025-05-17 23:20", Utc(2025, 5, 17, 15, 20, 0), 480},
      Case{"2025-05-17T23:20:15+03:00 来源:示例网", Utc(2025, 5, 17, 20, 20, 15), 180},
      Case{"2025/05/17 10:00 UTC", Utc(2025, 5, 17, 10, 0, 0), 0});
  std::string page = std::string("俄乌代表团在伊斯坦布尔会谈\n\n") + c.dateline +
                     "\n\n双方同意交换战俘。谈判持续近两个小时。\n";
  ReadResult r = ReadString(page, "x.txt");
  INFO(c.dateline);
  REQUIRE(r.messages.empty());
  REQUIRE(r.docs.size() == 1);
  CHECK(r.docs[0].article.published_utc == c.utc);
  CHECK(r.docs[0].article.published_offset_minutes == c.offset);
  CHECK(r.docs[0].article.title == "俄乌代表团在伊斯坦布尔会谈");
  CHECK(std::string(kbq::ingest::BodyText(r.docs[0])) == "双方同意交换战俘。谈判持续近两个小时。");
}

TEST_CASE("Readers: English datelines, with and without a zone", "[ingest][reader]") {
  struct Case {
    const char* dateline;
    int64_t utc;
  };
  auto c = GENERATE(Case{"May 17, 2025", Utc(2025, 5, 17, 0, 0, 0)},
                    Case{"Saturday, May 17, 2025 10:30 am GMT", Utc(2025, 5, 17, 10, 30, 0)},
                    Case{"17 May 2025 14:05 (UTC+3)", Utc(2025, 5, 17, 11, 5, 0)},
                    Case{"Sat, 17 May 2025 23:20:15 +0800", Utc(2025, 5, 17, 15, 20, 15)},
                    Case{"Updated: Sept. 3, 2024 at 5:45 p.m. EDT", Utc(2024, 9, 3, 21, 45, 0)});
  std::string page = std::string("Delegations meet in Istanbul\n") + c.dateline +
                     "\nThe delegations agreed to exchange prisoners. The talks lasted two hours.\n";
  ReadResult r = ReadString(page, "x.txt");
  INFO(c.dateline);
  REQUIRE(r.messages.empty());
  REQUIRE(r.docs.size() == 1);
  CHECK(r.docs[0].article.published_utc == c.utc);
  CHECK(r.docs[0].article.language == "en");
  CHECK(r.docs[0].sentences.size() == 3);
}

TEST_CASE("Readers: a dateline inside the first body line stays in the text", "[ingest][reader]") {
  std::string page =
      "Ceasefire proposal\n\nJEDDAH, March 11, 2025 - Ukraine said on Tuesday it was ready to accept "
      "a 30-day ceasefire proposed by the United States.\n";
  ReadResult r = ReadString(page, "x.txt");
  REQUIRE(r.docs.size() == 1);
  CHECK(r.docs[0].article.published_utc == Utc(2025, 3, 11, 0, 0, 0));
  CHECK(std::string(kbq::ingest::BodyText(r.docs[0])).rfind("JEDDAH, March 11, 2025 - Ukraine", 0) == 0);
}

TEST_CASE("Readers: paragraphs indented with ideographic spaces are trimmed", "[ingest][reader]") {
  ReadResult r = ReadString(
      "黑海粮食协议签署\n2022年7月22日 20:00\n\n\u3000\u3000俄乌两国分别与土耳其和联合国签署协议。\u3000\n"
      "\u3000\u3000协议为期120天。\n\u3000\n",
      "g.txt");
  REQUIRE(r.docs.size() == 1);
  CHECK(std::string(kbq::ingest::BodyText(r.docs[0])) == "俄乌两国分别与土耳其和联合国签署协议。\n协议为期120天。");
  CHECK(r.docs[0].sentences.size() == 3);
  CHECK(r.docs[0].source_offset == std::string("黑海粮食协议签署\n2022年7月22日 20:00\n\n\u3000\u3000").size());
}

TEST_CASE("Readers: a title that opens with a date is still the title", "[ingest][reader]") {
  ReadResult r = ReadString(
      "2025年5月16日伊斯坦布尔会谈要点\n2025年05月17日 08:30 国际\n\n双方同意各交换1000名战俘。\n", "t.txt");
  REQUIRE(r.docs.size() == 1);
  CHECK(r.docs[0].article.title == "2025年5月16日伊斯坦布尔会谈要点");
  CHECK(r.docs[0].article.published_utc == Utc(2025, 5, 17, 0, 30, 0));
  CHECK(std::string(kbq::ingest::BodyText(r.docs[0])) == "双方同意各交换1000名战俘。");
  // With no other dateline, a first line holding only a date is the dateline.
  ReadResult d = ReadString("May 16, 2025\n\nThe delegations met in Istanbul.\n", "d.txt");
  REQUIRE(d.docs.size() == 1);
  CHECK(d.docs[0].article.title.empty());
  CHECK(d.docs[0].article.published_utc == Utc(2025, 5, 16, 0, 0, 0));
}

TEST_CASE("Readers: a date opening a sentence of prose is not a dateline", "[ingest][reader]") {
  ReadResult r = ReadString(
      "克里米亚问题\n\n2014年3月18日,俄罗斯与克里米亚当局签署条约,西方国家拒绝承认。\n", "c.txt");
  CHECK(r.docs.empty());
  REQUIRE(r.messages.size() == 1);
  CHECK(r.messages[0] ==
        "c.txt:1: error: no publication time: no dateline in the first lines and none given (byte 0)");
}

TEST_CASE("Readers: plain text without a dateline takes ReadOptions.published_utc",
          "[ingest][reader]") {
  ReadOptions options;
  options.format = Format::kText;
  options.published_utc = Utc(2022, 7, 22, 12, 0, 0);
  std::string text =
      "The Black Sea grain initiative was signed in Istanbul. It allowed ships to leave three "
      "Ukrainian ports.\n";
  ReadResult r = ReadString(text, "notes", options);
  REQUIRE(r.messages.empty());
  REQUIRE(r.docs.size() == 1);
  // The first line is a sentence, not a title.
  CHECK(r.docs[0].article.title.empty());
  CHECK(r.docs[0].article.published_utc == Utc(2022, 7, 22, 12, 0, 0));
  CHECK_FALSE(r.docs[0].article.published_offset_minutes.has_value());
  CHECK(r.docs[0].sentences.size() == 2);
}

TEST_CASE("Readers: a document that is only a date is that date as text, published as the options say",
          "[ingest][reader]") {
  ReadOptions options;
  options.format = Format::kText;
  options.published_utc = Utc(2013, 2, 12, 6, 30, 0);
  for (const std::string text : {"2015-03-03\n", "April 14, 2015", "March 3, 2015\n\n"}) {
    ReadResult r = ReadString(text, "stdin", options);
    INFO(text);
    REQUIRE(r.messages.empty());
    REQUIRE(r.docs.size() == 1);
    CHECK(r.docs[0].article.text == text.substr(0, text.find('\n')));
    CHECK(r.docs[0].article.published_utc == Utc(2013, 2, 12, 6, 30, 0));
  }
}

TEST_CASE("Readers: a missing publication time is an error naming the file", "[ingest][reader]") {
  ReadResult r = ReadString("A title\n\nSome text without any date in it.\n", "undated.txt");
  CHECK(r.docs.empty());
  REQUIRE(r.messages.size() == 1);
  CHECK(r.messages[0] ==
        "undated.txt:1: error: no publication time: no dateline in the first lines and none given "
        "(byte 0)");
  // In a JSON line it is the line's problem, and the next line goes on.
  ReadResult j = ReadString(
      "{\"title\":\"t\",\"text\":\"no date\"}\n"
      "{\"title\":\"t\",\"published\":\"2024-03-07\",\"text\":\"dated\"}\n",
      "a.jsonl");
  CHECK(j.docs.size() == 1);
  REQUIRE(j.messages.size() == 1);
  CHECK(j.messages[0] == "a.jsonl:1: error: no publication time; line skipped (byte 0)");
}

TEST_CASE("Readers: JSONL published accepts ISO 8601 with and without zone", "[ingest][reader]") {
  struct Case {
    const char* published;
    int64_t utc;
    std::optional<int32_t> offset;
  };
  auto c = GENERATE(Case{"2025-05-17T23:20:15+08:00", Utc(2025, 5, 17, 15, 20, 15), 480},
                    Case{"2025-05-17T23:20:15.250Z", Utc(2025, 5, 17, 23, 20, 15), 0},
                    Case{"2025-05-17 23:20", Utc(2025, 5, 17, 23, 20, 0), 0},
                    Case{"2025-05-17", Utc(2025, 5, 17, 0, 0, 0), 0},
                    Case{"2025-05-17T23:20:15-0400", Utc(2025, 5, 18, 3, 20, 15), -240});
  std::string line = std::string("{\"title\":\"Talks\",\"published\":\"") + c.published +
                     "\",\"text\":\"The delegations met in Istanbul.\"}\n";
  ReadResult r = ReadString(line, "a.jsonl");
  INFO(c.published);
  REQUIRE(r.messages.empty());
  REQUIRE(r.docs.size() == 1);
  CHECK(r.docs[0].article.published_utc == c.utc);
  CHECK(r.docs[0].article.published_offset_minutes == c.offset);
}

TEST_CASE("Readers: ReadOptions.assumed_offset_minutes sets the zone of zone-less times",
          "[ingest][reader]") {
  ReadOptions options;
  options.assumed_offset_minutes = 180;
  ReadResult r = ReadString(
      "{\"title\":\"Talks\",\"published\":\"2022-03-29 13:00\",\"text\":\"Talks began.\"}\n",
      "a.jsonl", options);
  REQUIRE(r.docs.size() == 1);
  CHECK(r.docs[0].article.published_utc == Utc(2022, 3, 29, 10, 0, 0));
  CHECK(r.docs[0].article.published_offset_minutes == 180);
}

TEST_CASE("Readers: the same title and text get the same id in every format", "[ingest][reader]") {
  ReadResult j = ReadString(
      "{\"title\":\"Talks\",\"published\":\"2022-03-29\",\"text\":\"Talks began in Istanbul.\"}\n",
      "a.jsonl");
  ReadResult c = ReadString("title,date,text\nTalks,2022-03-30,Talks began in Istanbul.\n", "a.csv");
  ReadResult p = ReadString("Talks\n2022-03-31\nTalks began in Istanbul.\n", "a.txt");
  REQUIRE(j.docs.size() == 1);
  REQUIRE(c.docs.size() == 1);
  REQUIRE(p.docs.size() == 1);
  CHECK(j.docs[0].article.id == c.docs[0].article.id);
  CHECK(j.docs[0].article.id == p.docs[0].article.id);
}

TEST_CASE("Readers: CRLF inside a quoted CSV field becomes a line break", "[ingest][reader]") {
  ReadResult r = ReadString(
      "title,date,text\r\nT,2022-03-29,\"First line.\r\nSecond line.\"\r\n", "crlf.csv");
  REQUIRE(r.docs.size() == 1);
  CHECK(std::string(kbq::ingest::BodyText(r.docs[0])) == "First line.\nSecond line.");
  CHECK(r.docs[0].sentences.size() == 3);
}

TEST_CASE("Readers: CSV column names map through ReadOptions.column_map", "[ingest][reader]") {
  ReadOptions options;
  options.column_map = {{"title", "Subject"}, {"published", "When"}, {"text", "Story"}};
  ReadResult r = ReadString(
      "Subject,When,Story\nGrain deal,2022-07-22,Russia and Ukraine signed the grain deal.\n",
      "a.csv", options);
  REQUIRE(r.messages.empty());
  REQUIRE(r.docs.size() == 1);
  CHECK(r.docs[0].article.title == "Grain deal");
  CHECK(std::string(kbq::ingest::BodyText(r.docs[0])) == "Russia and Ukraine signed the grain deal.");
  CHECK(r.docs[0].article.text == "Grain deal\n\nRussia and Ukraine signed the grain deal.");  // the headline is text

  options.column_map = {{"text", "Missing"}};
  ReadResult bad = ReadString("a,b\n1,2\n", "b.csv", options);
  REQUIRE(bad.messages.size() == 1);
  CHECK(bad.messages[0] ==
        "b.csv:1: error: column \"Missing\" (mapped to text) is not in the header; file skipped "
        "(byte 0)");
}

TEST_CASE("Readers: a summary or lead column opens the text, unless the body repeats it", "[ingest][reader]") {
  ReadResult r = ReadString(
      "headline,date,summary,body\n"
      "Call with Erdogan,2022-03-10T12:00:00Z,Putin had a telephone conversation with Erdogan.,"
      "The leaders discussed the talks in Antalya.\n"
      "Talks in Antalya,2022-03-10T15:00:00Z,Lavrov met Kuleba in Antalya.,Lavrov met Kuleba in Antalya. "
      "They spoke for ninety minutes.\n",
      "press.csv");
  REQUIRE(r.messages.empty());
  REQUIRE(r.docs.size() == 2);
  CHECK(std::string(kbq::ingest::BodyText(r.docs[0])) ==
        "Putin had a telephone conversation with Erdogan.\n\nThe leaders discussed the talks in Antalya.");
  CHECK(std::string(kbq::ingest::BodyText(r.docs[1])) == "Lavrov met Kuleba in Antalya. They spoke for ninety minutes.");
  ReadResult j = ReadString(
      "{\"title\": \"Call with Erdogan\", \"published\": \"2022-03-10T12:00:00Z\", \"text\": \"The leaders "
      "discussed the talks.\", \"lead\": \"Putin had a telephone conversation with Erdogan.\"}\n",
      "press.jsonl");
  REQUIRE(j.messages.empty());
  REQUIRE(j.docs.size() == 1);
  CHECK(std::string(kbq::ingest::BodyText(j.docs[0])) ==
        "Putin had a telephone conversation with Erdogan.\n\nThe leaders discussed the talks.");
}

TEST_CASE("Readers: a CSV without a text column is skipped with one error", "[ingest][reader]") {
  ReadResult r = ReadString("title,date\nA,2022-01-01\n", "a.csv");
  CHECK(r.docs.empty());
  REQUIRE(r.messages.size() == 1);
  CHECK(r.messages[0] ==
        "a.csv:1: error: no text column in the header (text, body or content); file skipped (byte 0)");
}

TEST_CASE("Readers: format detection by extension, by content, and by option", "[ingest][reader]") {
  CHECK(kbq::ingest::ParseFormat("jsonl") == Format::kJsonl);
  CHECK(kbq::ingest::ParseFormat("JSON") == Format::kJsonl);
  CHECK(kbq::ingest::ParseFormat("tsv") == Format::kTsv);
  CHECK(kbq::ingest::ParseFormat("page") == Format::kPage);
  CHECK(kbq::ingest::ParseFormat("txt") == Format::kText);
  CHECK_FALSE(kbq::ingest::ParseFormat("xml").has_value());
  // Standard input has no extension: the content decides.
  std::string jsonl = "{\"title\":\"T\",\"published\":\"2024-03-07\",\"text\":\"Sweden joined NATO.\"}\n";
  CHECK(ReadString(jsonl, "-").docs.size() == 1);
  std::string csv = "headline,date,body\nT,2024-03-07,Sweden joined NATO.\n";
  CHECK(ReadString(csv, "-").docs.size() == 1);
  std::string tsv = "headline\tdate\tbody\nT\t2024-03-07\tSweden joined NATO.\n";
  CHECK(ReadString(tsv, "-").docs.size() == 1);
  // The option wins over the extension: this .txt file is CSV.
  ReadOptions options;
  options.format = Format::kCsv;
  ReadResult r = ReadString(csv, "data.txt", options);
  REQUIRE(r.docs.size() == 1);
  CHECK(r.docs[0].article.title == "T");
}

// ------------------------------------------------------------------ bad input

TEST_CASE("Readers: an empty file is one error", "[ingest][reader][bad]") {
  for (const char* content : {"", "  \n\n \n"}) {
    for (const char* name : {"a.txt", "a.jsonl", "a.csv"}) {
      ReadResult r = ReadString(content, name);
      CHECK(r.status.ok());
      CHECK(r.docs.empty());
      REQUIRE(r.messages.size() == 1);
      CHECK(r.messages[0] == std::string(name) + ":1: error: empty file (byte 0)");
    }
  }
}

TEST_CASE("Readers: a binary file is one error at its first NUL byte", "[ingest][reader][bad]") {
  std::string content("PK\x03\x04\nabc\x00\x00\x01", 11);
  ReadResult r = ReadString(content, "archive.txt");
  CHECK(r.docs.empty());
  REQUIRE(r.messages.size() == 1);
  CHECK(r.messages[0] == "archive.txt:2: error: binary file (NUL byte); skipped (byte 8)");
}

TEST_CASE("Readers: UTF-16 text with a byte-order mark is converted and says so",
          "[ingest][reader][bad]") {
  std::string content("\xFF\xFE" "C\0e\0a\0s\0e\0", 12);
  ReadResult r = ReadString(content, "utf16.txt");
  CHECK(r.docs.empty());  // one word and no date: read as text, but not an article
  REQUIRE(r.messages.size() == 2);
  CHECK(r.messages[0] == "utf16.txt:1: warning: read as UTF-16LE (byte-order mark) (byte 0)");
  CHECK(r.messages[1] ==
        "utf16.txt:1: error: no publication time: no dateline in the first lines and none given (byte 0)");
}

TEST_CASE("Readers: ill-formed UTF-8 is reported with line and byte", "[ingest][reader][bad]") {
  SECTION("truncated at the end of a page") {
    std::string content = "Title\n2025-05-17\nThe talks ended \xE4\xB8";
    ReadResult r = ReadString(content, "t.txt");
    CHECK(r.docs.empty());
    REQUIRE(r.messages.size() == 1);
    CHECK(r.messages[0] ==
          "t.txt:3: error: truncated UTF-8 sequence at end of file; document skipped (byte 33)");
  }
  SECTION("invalid in the middle of a page") {
    std::string content = "Title\n2025-05-17\nThe \xFF talks\nended.\n";
    ReadResult r = ReadString(content, "m.txt");
    CHECK(r.docs.empty());
    REQUIRE(r.messages.size() == 1);
    CHECK(r.messages[0] == "m.txt:3: error: invalid UTF-8 sequence; document skipped (byte 21)");
  }
  SECTION("invalid in one JSON line: the other lines go on") {
    std::string content =
        "{\"title\":\"A\",\"published\":\"2024-03-07\",\"text\":\"good\"}\n"
        "{\"title\":\"B\",\"published\":\"2024-03-07\",\"text\":\"b\xC0\xAF\"}\n"
        "{\"title\":\"C\",\"published\":\"2024-03-07\",\"text\":\"also good\"}\n";
    ReadResult r = ReadString(content, "u.jsonl");
    CHECK(r.docs.size() == 2);
    REQUIRE(r.messages.size() == 1);
    CHECK(r.messages[0] == "u.jsonl:2: error: invalid UTF-8 sequence; line skipped (byte 100)");
  }
  SECTION("truncated at the end of a CSV file") {
    std::string content = "title,date,text\nA,2024-03-07,good\nB,2024-03-07,bad \xE4";
    ReadResult r = ReadString(content, "u.csv");
    CHECK(r.docs.size() == 1);
    REQUIRE(r.messages.size() == 1);
    CHECK(r.messages[0] ==
          "u.csv:3: error: truncated UTF-8 sequence at end of file; row skipped (byte 51)");
  }
}

TEST_CASE("Readers: a CSV row with a missing column is skipped with its line", "[ingest][reader][bad]") {
  std::string content =
      "title,date,text\n"
      "A,2024-03-07,\"first, with a comma\"\n"
      "B,2024-03-07\n"
      "C,2024-03-08,third\n";
  ReadResult r = ReadString(content, "rows.csv");
  REQUIRE(r.docs.size() == 2);
  CHECK(std::string(kbq::ingest::BodyText(r.docs[0])) == "first, with a comma");
  CHECK(r.docs[1].article.title == "C");
  REQUIRE(r.messages.size() == 1);
  CHECK(r.messages[0] ==
        "rows.csv:3: error: row has 2 fields, the header has 3; row skipped (byte 51)");
}

TEST_CASE("Readers: a JSON line that is not JSON is skipped with its line", "[ingest][reader][bad]") {
  std::string content =
      "{\"title\":\"A\",\"published\":\"2024-03-07\",\"text\":\"good\"}\n"
      "{\"title\": oops}\n";
  ReadResult r = ReadString(content, "bad.jsonl");
  CHECK(r.docs.size() == 1);
  REQUIRE(r.messages.size() == 1);
  CHECK(r.messages[0] ==
        "bad.jsonl:2: error: invalid JSON: syntax error while parsing value - invalid literal; "
        "last read: '\"title\": o'; line skipped (byte 63)");
}

TEST_CASE("Readers: an over-long line is skipped without being kept", "[ingest][reader][bad]") {
  ReadOptions options;
  options.max_document_bytes = 1024;
  std::string big = "{\"title\":\"big\",\"published\":\"2024-03-07\",\"text\":\"" +
                    std::string(5000, 'x') + "\"}\n";
  std::string content = big + "{\"title\":\"small\",\"published\":\"2024-03-07\",\"text\":\"ok\"}\n";
  ReadResult r = ReadString(content, "big.jsonl", options);
  REQUIRE(r.docs.size() == 1);
  CHECK(r.docs[0].article.title == "small");
  REQUIRE(r.messages.size() == 1);
  CHECK(r.messages[0] == "big.jsonl:1: error: line longer than 1024 bytes; line skipped (byte 0)");

  ReadResult page = ReadString("Title\n2024-03-07\n" + std::string(2000, 'y') + "\n", "big.txt", options);
  CHECK(page.docs.empty());
  REQUIRE(page.messages.size() == 1);
  CHECK(page.messages[0] ==
        "big.txt:1: error: document larger than 1024 bytes; skipped (byte 0)");
}

TEST_CASE("Readers: a 100 MB line is skipped at the 16 MiB cap and reading goes on",
          "[ingest][reader][bad]") {
  const uint64_t kBig = uint64_t{100} << 20;
  std::vector<Document> docs;
  std::vector<std::string> messages;
  auto on_doc = [&](Document&& d) { docs.push_back(std::move(d)); };
  auto on_diag = [&](const Diagnostic& d) { messages.push_back(d.ToString()); };
  {
    GeneratedBuf buf("{\"title\":\"big\",\"published\":\"2024-03-07\",\"text\":\"", kBig, 'x',
                     "\"}\n{\"title\":\"small\",\"published\":\"2024-03-07\",\"text\":\"ok\"}\n");
    std::istream in(&buf);
    REQUIRE(kbq::ingest::ReadStream(in, "big.jsonl", ReadOptions(), on_doc, on_diag).ok());
  }
  REQUIRE(docs.size() == 1);
  CHECK(docs[0].article.title == "small");
  REQUIRE(messages.size() == 1);
  CHECK(messages[0] == "big.jsonl:1: error: line longer than 16777216 bytes; line skipped (byte 0)");
  docs.clear();
  messages.clear();
  {
    GeneratedBuf buf("Title\n2024-03-07\n", kBig, 'y', "\n");
    std::istream in(&buf);
    REQUIRE(kbq::ingest::ReadStream(in, "big.txt", ReadOptions(), on_doc, on_diag).ok());
  }
  CHECK(docs.empty());
  REQUIRE(messages.size() == 1);
  CHECK(messages[0] == "big.txt:1: error: document larger than 16777216 bytes; skipped (byte 0)");
}

TEST_CASE("Readers: offsets map folded full-width text back to the file", "[ingest][reader]") {
  const std::string path =
      std::string(KBQ_SOURCE_DIR) + "/tests/golden/readers/page_zh_fullwidth/input.txt";
  ReadResult r = ReadPath(path);
  REQUIRE(r.docs.size() == 1);
  const Document& doc = r.docs[0];
  std::string file = ReadAll(path);
  size_t pos = doc.article.text.find("为期30天");
  REQUIRE(pos != std::string::npos);
  uint64_t at = kbq::ingest::SourceOffset(doc, static_cast<uint32_t>(pos));
  CHECK(file.compare(at, std::string("为期３０天").size(), "为期３０天") == 0);
  // After the folded digits the map is exact again.
  size_t after = doc.article.text.find("的临时停火", pos);
  REQUIRE(after != std::string::npos);
  uint64_t at2 = kbq::ingest::SourceOffset(doc, static_cast<uint32_t>(after));
  CHECK(file.compare(at2, std::string("的临时停火").size(), "的临时停火") == 0);
  // A sentence in the second paragraph, past a dropped title repeat.
  size_t later = doc.article.text.find("美方随后");
  REQUIRE(later != std::string::npos);
  CHECK(file.compare(kbq::ingest::SourceOffset(doc, static_cast<uint32_t>(later)),
                     std::string("美方随后").size(), "美方随后") == 0);
}

TEST_CASE("Readers: a missing file is an I/O error, not a diagnostic", "[ingest][reader][bad]") {
  ReadResult r = ReadPath("/nonexistent/kbq/file.txt");
  CHECK(r.status.IsIOError());
  CHECK(r.messages.empty());
  CHECK(kbq::ingest::ListInputFiles("/nonexistent/kbq/file.txt") ==
        std::vector<std::string>{"/nonexistent/kbq/file.txt"});
}

TEST_CASE("Readers: ListInputFiles walks a directory in sorted order", "[ingest][reader]") {
  const fs::path root = fs::path(KBQ_SOURCE_DIR) / "tests/golden/readers";
  auto files = kbq::ingest::ListInputFiles(root.string());
  REQUIRE(files.size() >= 12);
  CHECK(std::is_sorted(files.begin(), files.end()));
  CHECK(std::find(files.begin(), files.end(), (root / "csv_quoted/input.csv").string()) != files.end());
}

TEST_CASE("Diagnostic: prints as path:line: severity: message (byte N)", "[ingest][reader]") {
  Diagnostic d;
  d.path = "a.csv";
  d.line = 12;
  d.byte_offset = 345;
  d.message = "row has 2 fields, the header has 3; row skipped";
  CHECK(d.ToString() == "a.csv:12: error: row has 2 fields, the header has 3; row skipped (byte 345)");
  d.severity = Diagnostic::Severity::kWarning;
  d.line = 0;
  CHECK(d.ToString() == "a.csv: warning: row has 2 fields, the header has 3; row skipped (byte 345)");
}

// ------------------------------------------------------------------ real data

TEST_CASE("Readers: the press-2022 CSV files read completely", "[ingest][reader][shared]") {
  const fs::path dir = fs::path(KBQ_SHARED_DATA) / "press-2022";
  if (!fs::exists(dir / "putin.csv")) {
    WARN("skipped: shared data not found: " << dir.string());
    return;
  }
  struct Expect {
    const char* file;
    size_t rows;
    const char* source;
  };
  for (Expect e : {Expect{"putin.csv", 419, "en.kremlin.ru"},
                   Expect{"zelenskyy.csv", 350, "president.gov.ua"}}) {
    INFO(e.file);
    size_t docs = 0, sentences = 0;
    std::vector<std::string> messages;
    bool all_en = true, all_2021_2022 = true, all_sourced = true;
    auto status = kbq::ingest::ReadFile(
        (dir / e.file).string(), ReadOptions(),
        [&](Document&& d) {
          ++docs;
          sentences += d.sentences.size();
          all_en = all_en && d.article.language == "en";
          all_sourced = all_sourced && d.article.source == e.source;
          all_2021_2022 = all_2021_2022 && d.article.published_utc >= Utc(2021, 10, 1, 0, 0, 0) &&
                          d.article.published_utc < Utc(2022, 7, 1, 0, 0, 0) &&
                          d.article.published_offset_minutes == 0 && !d.article.title.empty();
        },
        [&](const Diagnostic& d) { messages.push_back(d.ToString()); });
    REQUIRE(status.ok());
    CHECK(messages.empty());
    CHECK(docs == e.rows);
    CHECK(all_en);
    CHECK(all_sourced);
    CHECK(all_2021_2022);
    CHECK(sentences > docs * 5);
  }
}
