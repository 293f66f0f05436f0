// HTML pages and legacy encodings: pages shaped like real news sites give
// the article their plain-text versions give (tests/ingest/data/web/).
#include <sys/resource.h>

#include <catch2/catch.hpp>

#include "web_test_util.h"

namespace {

using kbq::ingest::Document;
using kbq::ingest::Format;
using kbq::ingest::ReadOptions;
using namespace kbq::ingest::testing;

long PeakRssKb() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss;
}

TEST_CASE("HTML: news pages read as their plain-text versions", "[ingest][reader][web]") {
  const char* name = GENERATE("en_wire", "zh_portal", "en_jsonld_only", "zh_tw_wire");
  INFO(name);
  auto html = ReadPath(WebData(std::string(name) + ".html"));
  auto text = ReadPath(WebData(std::string(name) + ".txt"));
  INFO(html.AllDiags());
  REQUIRE(html.docs.size() == 1);
  REQUIRE(text.docs.size() == 1);
  CHECK(html.Errors() == 0);
  // The traditional-Chinese page names actors the gazetteer spells in
  // simplified characters only, so it need not give events; it must give
  // the same ones.
  RequireSameArticle(html.docs[0], text.docs[0], std::string(name) != "zh_tw_wire");
}

TEST_CASE("HTML: metadata gives URL, source and language", "[ingest][reader][web]") {
  auto r = ReadPath(WebData("en_wire.html"));
  REQUIRE(r.docs.size() == 1);
  const auto& a = r.docs[0].article;
  CHECK(a.url == "https://wire.example.com/world/2025/05/16/istanbul-talks");
  CHECK(a.source == "World Wire");
  CHECK(a.language == "en");
  CHECK(a.published_utc == 1747406700);  // 2025-05-16T14:45:00Z
  CHECK(a.text.find("Share") == std::string::npos);
  CHECK(a.text.find("Privacy") == std::string::npos);
  CHECK(a.text.find("trackPageView") == std::string::npos);
  // The share buttons inside the article are reported.
  CHECK(r.HasDiag("warning: dropped <div class=\"share-buttons\"> block \"Share\" (2 items)"));
}

TEST_CASE("HTML: a portal page's recommended-stories rail is dropped with a warning",
          "[ingest][reader][web]") {
  auto r = ReadPath(WebData("zh_portal.html"));
  REQUIRE(r.docs.size() == 1);
  const auto& a = r.docs[0].article;
  CHECK(a.source == "环球门户网");
  CHECK(a.language == "zh");
  CHECK(a.text.find("欧盟") == std::string::npos);
  CHECK(a.text.find("分享") == std::string::npos);
  CHECK(a.text.find("首页") == std::string::npos);
  CHECK(r.HasDiag("zh_portal.html:25: warning: dropped <aside class=\"rail\"> block \"推荐阅读\" (5 items)"));
  CHECK(r.HasDiag("dropped <div class=\"share-bar\"> block \"分享到：\" (3 items)"));
}

TEST_CASE("HTML: a page stating no time is an error unless --published gives one",
          "[ingest][reader][web][bad]") {
  auto r = ReadPath(WebData("en_nodate.html"));
  CHECK(r.docs.empty());
  REQUIRE(r.diags.size() == 1);
  CHECK(r.diags[0].ToString().find(
            "en_nodate.html:1: error: no publication time: none in the page's metadata (JSON-LD, "
            "article:published_time, <time datetime>) or text, and none given (--published); "
            "page skipped") != std::string::npos);
  ReadOptions o;
  o.published_utc = 1747000000;
  auto given = ReadPath(WebData("en_nodate.html"), o);
  REQUIRE(given.docs.size() == 1);
  CHECK(given.docs[0].article.published_utc == 1747000000);
  CHECK(given.docs[0].article.title == "Ceasefire between India and Pakistan holds for a second day");
}

TEST_CASE("HTML: broken and unclosed markup still gives its text", "[ingest][reader][web][bad]") {
  std::string page =
      "<html><head><meta property=\"article:published_time\" content=\"2025-05-10T12:00:00Z\">"
      "<title>India and Pakistan agree to a ceasefire</title><body><article><h1>India and "
      "Pakistan agree to a ceasefire</h1><p>India and Pakistan agreed to stop all firing on land, "
      "air and sea on Saturday.<p>The United States said it had helped to broker the deal"
      "<div><b>unclosed <i>tags &amp; an entity &eacute;";
  auto r = ReadString(page, "broken.html");
  INFO(r.AllDiags());
  REQUIRE(r.docs.size() == 1);
  const auto& a = r.docs[0].article;
  CHECK(a.title == "India and Pakistan agree to a ceasefire");
  CHECK(std::string(kbq::ingest::BodyText(r.docs[0])).find("India and Pakistan agreed to stop all firing on land, air and sea on Saturday.\n\n"
                               "The United States said it had helped to broker the deal") == 0);
  CHECK(a.text.find("tags & an entity \xC3\xA9") != std::string::npos);

  // Markup with no text at all: one clear message, no document.
  auto empty = ReadString("<html><body><<<>>> <script>x()</script></body></html>", "junk.html",
                          [] { ReadOptions o; o.published_utc = 1; return o; }());
  INFO((empty.docs.empty() ? std::string() : empty.docs[0].article.text));
  CHECK(empty.docs.empty());
  CHECK(!empty.diags.empty());
}

TEST_CASE("HTML: a 100 MB page is skipped at the size cap with bounded memory",
          "[ingest][reader][web][bad]") {
  // A page generated on the fly: the test never holds 100 MB either.
  struct PageBuf : std::streambuf {
    uint64_t left = uint64_t{100} << 20;
    std::string chunk;
    PageBuf() {
      for (int i = 0; i < 1000; ++i) chunk += "<p>The ceasefire held for another day along the border.</p>\n";
    }
    int_type underflow() override {
      if (left == 0) return traits_type::eof();
      size_t n = static_cast<size_t>(std::min<uint64_t>(left, chunk.size()));
      left -= n;
      setg(chunk.data(), chunk.data(), chunk.data() + n);
      return traits_type::to_int_type(chunk[0]);
    }
  } buf;
  std::istream in(&buf);
  long before = PeakRssKb();
  auto r = ReadStreamOf(in, "huge.html", [] { ReadOptions o; o.format = Format::kHtml; return o; }());
  CHECK(buf.left == 0);  // read to the end
  CHECK(r.docs.empty());
  REQUIRE(r.diags.size() == 1);
  CHECK(r.diags[0].ToString() == "huge.html:1: error: page larger than 16777216 bytes; skipped (byte 0)");
  CHECK(PeakRssKb() - before < 80 * 1024);  // the cap (16 MiB) and buffers, not 100 MB
}

// ---------------------------------------------------------------- encodings

TEST_CASE("Encodings: the Chinese pages in GB18030 and Big5 read as in UTF-8",
          "[ingest][reader][web][encoding]") {
  struct Case {
    const char* fixture;
    const char* icu;
    const char* from;
    const char* to;
    const char* expect;
  };
  auto c = GENERATE(Case{"zh_portal", "GB18030", "charset=utf-8", "charset=gb2312", "read as GB18030 (declaration)"},
                    Case{"zh_tw_wire", "GB18030", "charset=\"utf-8\"", "charset=\"GBK\"", "read as GB18030 (declaration)"},
                    Case{"zh_tw_wire", "Big5", "charset=\"utf-8\"", "charset=\"big5\"", "read as Big5 (declaration)"});
  INFO(c.fixture << " " << c.icu);
  std::string utf8 = Slurp(WebData(std::string(c.fixture) + ".html"));
  std::string legacy = Encode(Replace(utf8, c.from, c.to), c.icu);
  auto a = ReadString(legacy, "legacy.html");
  auto b = ReadString(utf8, "utf8.html");
  INFO(a.AllDiags());
  REQUIRE(a.docs.size() == 1);
  REQUIRE(b.docs.size() == 1);
  CHECK(a.HasDiag(std::string("legacy.html:1: warning: ") + c.expect));
  CHECK(a.Errors() == 0);
  RequireSameArticle(a.docs[0], b.docs[0], false);
}

TEST_CASE("Encodings: plain text in GB18030 or Big5 is sniffed, and --encoding forces one",
          "[ingest][reader][web][encoding]") {
  std::string utf8 = Slurp(WebData("zh_portal.txt"));
  auto plain = ReadString(utf8, "a.txt");
  REQUIRE(plain.docs.size() == 1);
  auto sniffed = ReadString(Encode(utf8, "GB18030"), "a.txt");
  INFO(sniffed.AllDiags());
  REQUIRE(sniffed.docs.size() == 1);
  CHECK(sniffed.HasDiag("a.txt:1: warning: read as GB18030 (sniffed)"));
  RequireSameArticle(sniffed.docs[0], plain.docs[0], true);

  std::string tw = Slurp(WebData("zh_tw_wire.txt"));
  ReadOptions o;
  o.encoding = "big5";
  auto forced = ReadString(Encode(tw, "Big5"), "b.txt", o);
  REQUIRE(forced.docs.size() == 1);
  CHECK(forced.HasDiag("b.txt:1: warning: read as Big5 (--encoding)"));
  CHECK(forced.docs[0].article.text == ReadString(tw, "b.txt").docs[0].article.text);

  o.encoding = "ebcdic-of-mars";
  auto bad = ReadString(tw, "c.txt", o);
  CHECK(bad.docs.empty());
  CHECK(bad.HasDiag("c.txt:1: error: unsupported encoding 'ebcdic-of-mars'"));
  CHECK(kbq::ingest::ParseEncoding("GB2312") == std::optional<std::string>("GB18030"));
}

TEST_CASE("Encodings: UTF-16 with a byte-order mark is converted", "[ingest][reader][web][encoding]") {
  std::string utf8 = Slurp(WebData("en_wire.txt"));
  std::string utf16 = "\xFF\xFE" + Encode(utf8, "UTF-16LE");
  auto r = ReadString(utf16, "u16.txt");
  REQUIRE(r.docs.size() == 1);
  CHECK(r.HasDiag("read as UTF-16LE (byte-order mark)"));
  CHECK(r.docs[0].article.text == ReadString(utf8, "u8.txt").docs[0].article.text);
}

TEST_CASE("Encodings: a charset that lies is reported at the byte that contradicts it",
          "[ingest][reader][web][encoding][bad]") {
  std::string utf8 = Slurp(WebData("zh_portal.html"));
  SECTION("declared UTF-8, bytes in GB18030") {
    std::string lying = Encode(utf8, "GB18030");  // still says charset=utf-8
    auto r = ReadString(lying, "lie.html");
    CHECK(r.docs.empty());
    size_t first = lying.find_first_of(std::string("\x80\x81\x82\x83\x84\x85\x86\x87\x88\x89\x8a\x8b\x8c\x8d\x8e\x8f"
                                                   "\x90\x91\x92\x93\x94\x95\x96\x97\x98\x99\x9a\x9b\x9c\x9d\x9e\x9f"
                                                   "\xa0\xa1\xa2\xa3\xa4\xa5\xa6\xa7\xa8\xa9\xaa\xab\xac\xad\xae\xaf"
                                                   "\xb0\xb1\xb2\xb3\xb4\xb5\xb6\xb7\xb8\xb9\xba\xbb\xbc\xbd\xbe\xbf"
                                                   "\xc0\xc1\xc2\xc3\xc4\xc5\xc6\xc7\xc8\xc9\xca\xcb\xcc\xcd\xce\xcf"
                                                   "\xd0\xd1\xd2\xd3\xd4\xd5\xd6\xd7\xd8\xd9\xda\xdb\xdc\xdd\xde\xdf"
                                                   "\xe0\xe1\xe2\xe3\xe4\xe5\xe6\xe7\xe8\xe9\xea\xeb\xec\xed\xee\xef"
                                                   "\xf0\xf1\xf2\xf3\xf4\xf5\xf6\xf7\xf8\xf9\xfa\xfb\xfc\xfd\xfe", 127));
    REQUIRE(r.Errors() == 1);
    CHECK(r.HasDiag("error: invalid UTF-8 sequence; page skipped"));
    CHECK(r.diags.back().byte_offset <= first + 1);
    CHECK(r.diags.back().byte_offset >= first);
  }
  SECTION("declared GB2312, one byte GB18030 does not allow") {
    std::string gb = Encode(Replace(utf8, "charset=utf-8", "charset=gb2312"), "GB18030");
    size_t at = gb.find("</title>");
    gb.insert(at, "\x80");  // not a GB18030 lead byte
    auto r = ReadString(gb, "bad.html");
    INFO(r.AllDiags());
    CHECK(r.docs.empty());
    CHECK(r.HasDiag("bad.html:5: error: byte " + std::to_string(at) +
                    " is not valid GB18030 (declaration); page skipped (byte " + std::to_string(at) + ")"));
  }
  SECTION("declared Big5, bytes in UTF-8: read as UTF-8 with a warning") {
    auto r = ReadString(Replace(utf8, "charset=utf-8", "charset=big5"), "resaved.html");
    INFO(r.AllDiags());
    REQUIRE(r.docs.size() == 1);
    CHECK(r.HasDiag("warning: read as UTF-8 (valid UTF-8 bytes contradict the declared Big5)"));
  }
}

TEST_CASE("HTML: detected by content whatever the file is called, and --format forces it",
          "[ingest][reader][web]") {
  std::string page = Slurp(WebData("en_wire.html"));
  CHECK(ReadString(page, "saved.dat").docs.size() == 1);
  CHECK(ReadString(page, "saved.txt").docs.size() == 1);
  CHECK(kbq::ingest::ParseFormat("html") == Format::kHtml);
  CHECK(kbq::ingest::ParseFormat("warc") == Format::kWarc);
  CHECK(kbq::ingest::ParseFormat("rss") == Format::kRss);
  CHECK(kbq::ingest::ParseFormat("atom") == Format::kAtom);
  // A body fragment with no <html> is read as HTML only when told so.
  std::string fragment =
      "<h1>Ceasefire agreed</h1><p>India and Pakistan agreed to a ceasefire on Saturday.</p>";
  ReadOptions o;
  o.published_utc = 1746871200;
  o.format = Format::kHtml;
  auto forced = ReadString(fragment, "frag.txt", o);
  REQUIRE(forced.docs.size() == 1);
  CHECK(forced.docs[0].article.title == "Ceasefire agreed");
  CHECK(std::string(kbq::ingest::BodyText(forced.docs[0])) == "India and Pakistan agreed to a ceasefire on Saturday.");
  CHECK(kbq::ingest::IsInputFileName("page.html"));
  CHECK(kbq::ingest::IsInputFileName("crawl.warc"));
  CHECK(kbq::ingest::IsInputFileName("feed.rss"));
}

}  // namespace
