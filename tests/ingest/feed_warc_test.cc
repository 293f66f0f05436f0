// RSS and Atom feeds and WARC web archives (made by the tests themselves,
// plain and gzip per record, whole and damaged).
#include <sys/resource.h>
#include <zlib.h>

#include <catch2/catch.hpp>

#include "web_test_util.h"

namespace {

using kbq::ingest::Format;
using kbq::ingest::ReadOptions;
using namespace kbq::ingest::testing;

// ---------------------------------------------------------------- feeds

TEST_CASE("Feeds: RSS items read as their articles' plain-text versions", "[ingest][reader][web][feed]") {
  auto r = ReadPath(WebData("feed.rss"));
  INFO(r.AllDiags());
  REQUIRE(r.docs.size() == 2);
  CHECK(r.Errors() == 0);
  const auto& a = r.docs[0].article;
  CHECK(a.url == "https://wire.example.com/world/2025/05/16/istanbul-talks");
  CHECK(a.source == "World Wire");
  CHECK(a.language == "en");
  RequireSameArticle(r.docs[0], ReadPath(WebData("en_wire.txt")).docs.at(0), true);
  // The second item has only a description (escaped HTML): read as the body.
  RequireSameArticle(r.docs[1], ReadPath(WebData("en_jsonld_only.txt")).docs.at(0), true);
}

TEST_CASE("Feeds: Atom entries (html and xhtml content) read as their articles",
          "[ingest][reader][web][feed]") {
  auto r = ReadPath(WebData("feed.atom"));
  INFO(r.AllDiags());
  REQUIRE(r.docs.size() == 2);
  CHECK(r.docs[0].article.url == "https://portal.example.cn/world/2025-05-16/talks.html");
  CHECK(r.docs[0].article.source == "环球门户网 国际");
  RequireSameArticle(r.docs[0], ReadPath(WebData("zh_portal.txt")).docs.at(0), true);
  // No <published>: <updated> dates the entry.
  RequireSameArticle(r.docs[1], ReadPath(WebData("en_jsonld_only.txt")).docs.at(0), true);
}

TEST_CASE("Feeds: a feed cut off mid-item keeps the items before the cut",
          "[ingest][reader][web][feed][bad]") {
  std::string feed = Slurp(WebData("feed.rss"));
  feed.resize(feed.find("<item>", feed.find("</item>")) + 40);
  auto r = ReadString(feed, "cut.rss");
  INFO(r.AllDiags());
  CHECK(r.docs.size() == 1);
  CHECK(r.HasDiag("cut.rss"));
  CHECK(r.HasDiag("error: feed is not well-formed XML (Extra content at the end of the document)"));
  CHECK(r.HasDiag("error: item cut off by the end of the feed; skipped"));
}

TEST_CASE("Feeds: 100,000 items stream through in bounded memory", "[ingest][reader][web][feed][bad]") {
  std::string feed = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Bulk</title>";
  for (int i = 0; i < 100000; ++i) {
    feed += "<item><title>Item " + std::to_string(i) +
            "</title><link>https://bulk.example/" + std::to_string(i) +
            "</link><pubDate>Sat, 10 May 2025 12:00:00 GMT</pubDate><description>India and "
            "Pakistan agreed to a ceasefire, report " +
            std::to_string(i) + ".</description></item>\n";
  }
  feed += "</channel></rss>";
  std::istringstream in(feed);
  rusage before{}, after{};
  getrusage(RUSAGE_SELF, &before);
  size_t docs = 0, errors = 0;
  std::string last_url;
  ReadOptions o;
  o.ingested_utc = 1;
  REQUIRE(kbq::ingest::ReadStream(
              in, "bulk.rss", o,
              [&](kbq::ingest::Document&& d) {
                ++docs;
                last_url = d.article.url;
              },
              [&](const kbq::ingest::Diagnostic& d) { errors += d.severity == kbq::ingest::Diagnostic::Severity::kError; })
              .ok());
  getrusage(RUSAGE_SELF, &after);
  CHECK(docs == 100000);
  CHECK(errors == 0);
  CHECK(last_url == "https://bulk.example/99999");
  // The feed text is ~20 MB; the reader keeps one item at a time.
  CHECK(after.ru_maxrss - before.ru_maxrss < 100 * 1024);
}

// ---------------------------------------------------------------- WARC

std::string Record(const std::string& type, const std::string& uri, const std::string& content_type,
                   const std::string& block, int n) {
  std::string r = "WARC/1.0\r\nWARC-Type: " + type + "\r\nWARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-" +
                  std::to_string(100000000000 + n) + ">\r\nWARC-Date: 2025-05-18T03:04:05Z\r\n";
  if (!uri.empty()) r += "WARC-Target-URI: " + uri + "\r\n";
  r += "Content-Type: " + content_type + "\r\nContent-Length: " + std::to_string(block.size()) +
       "\r\n\r\n" + block + "\r\n\r\n";
  return r;
}

std::string Http(const std::string& content_type, const std::string& body) {
  return "HTTP/1.1 200 OK\r\nContent-Type: " + content_type +
         "\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
}

std::string Gzip(const std::string& data) {
  z_stream z{};
  REQUIRE(deflateInit2(&z, 6, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY) == Z_OK);
  std::string out(deflateBound(&z, data.size()) + 64, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  REQUIRE(deflate(&z, Z_FINISH) == Z_STREAM_END);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

// The records of a small crawl: the two pages, one in GB18030 said by the
// HTTP header only, a page with no date of its own, and records that are
// not pages.
std::vector<std::string> CrawlRecords() {
  std::string portal = Encode(Replace(Slurp(WebData("zh_portal.html")),
                                      "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-8\">", ""),
                              "GB18030");
  return {
      Record("warcinfo", "", "application/warc-fields", "software: kbq tests\r\nformat: WARC 1.0\r\n", 1),
      Record("request", "https://wire.example.com/world/2025/05/16/istanbul-talks",
             "application/http; msgtype=request", "GET /world/2025/05/16/istanbul-talks HTTP/1.1\r\n\r\n", 2),
      Record("response", "https://wire.example.com/world/2025/05/16/istanbul-talks",
             "application/http; msgtype=response", Http("text/html; charset=utf-8", Slurp(WebData("en_wire.html"))), 3),
      Record("response", "https://portal.example.cn/world/2025-05-16/talks.html",
             "application/http; msgtype=response", Http("text/html; charset=GBK", portal), 4),
      Record("metadata", "https://portal.example.cn/world/2025-05-16/talks.html",
             "application/warc-fields", "fetchTimeMs: 120\r\n", 5),
      Record("response", "https://wire.example.com/logo.png", "application/http; msgtype=response",
             Http("image/png", std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16)), 6),
      Record("response", "https://wire.example.com/ceasefire", "application/http; msgtype=response",
             Http("text/html", Slurp(WebData("en_nodate.html"))), 7),
  };
}

std::vector<std::string> Urls(const ReadOut& r) {
  std::vector<std::string> out;
  for (const auto& d : r.docs) out.push_back(d.article.url);
  return out;
}

TEST_CASE("WARC: HTML responses become documents, other records are counted",
          "[ingest][reader][web][warc]") {
  bool gz = GENERATE(false, true);
  std::string warc;
  for (const auto& r : CrawlRecords()) warc += gz ? Gzip(r) : r;
  auto r = ReadString(warc, gz ? "crawl.warc.gz" : "crawl.warc");
  INFO(r.AllDiags());
  CHECK(r.Errors() == 0);
  REQUIRE(Urls(r) == std::vector<std::string>{"https://wire.example.com/world/2025/05/16/istanbul-talks",
                                               "https://portal.example.cn/world/2025-05-16/talks.html",
                                               "https://wire.example.com/ceasefire"});
  RequireSameArticle(r.docs[0], ReadPath(WebData("en_wire.txt")).docs.at(0), true);
  RequireSameArticle(r.docs[1], ReadPath(WebData("zh_portal.txt")).docs.at(0), true);
  // The page without a date of its own is dated by the capture, and says so.
  CHECK(r.docs[2].article.published_utc == 1747537445);  // 2025-05-18T03:04:05Z
  CHECK(r.HasDiag("the page states no publication time; using its WARC-Date (the time of capture)"));
  CHECK(r.HasDiag("WARC: 3 pages read, 1 metadata, 1 request, 1 response not HTML, 1 warcinfo records skipped"));
}

TEST_CASE("WARC: a truncated gzip member in the middle loses only its record",
          "[ingest][reader][web][warc][bad]") {
  auto records = CrawlRecords();
  std::string warc;
  uint64_t cut_at = 0;
  for (size_t i = 0; i < records.size(); ++i) {
    std::string member = Gzip(records[i]);
    if (i == 3) {  // the portal page: cut its member in half
      cut_at = warc.size();
      member.resize(member.size() / 2);
    }
    warc += member;
  }
  auto r = ReadString(warc, "cut.warc.gz");
  INFO(r.AllDiags());
  CHECK(Urls(r) == std::vector<std::string>{"https://wire.example.com/world/2025/05/16/istanbul-talks",
                                             "https://wire.example.com/ceasefire"});
  REQUIRE(r.Errors() == 1);
  CHECK(r.HasDiag("cut.warc.gz: error: damaged gzip member ("));
  CHECK(r.HasDiag("its record is skipped and reading resumes at the next member (byte " +
                  std::to_string(cut_at) + ")"));
}

TEST_CASE("WARC: a plain record whose length lies is skipped and the next is read",
          "[ingest][reader][web][warc][bad]") {
  auto records = CrawlRecords();
  // Cut the portal record's block short, keeping its header's length.
  records[3].resize(records[3].size() / 2);
  std::string warc;
  for (const auto& rec : records) warc += rec;
  auto r = ReadString(warc, "cut.warc");
  INFO(r.AllDiags());
  CHECK(Urls(r) == std::vector<std::string>{"https://wire.example.com/world/2025/05/16/istanbul-talks",
                                             "https://wire.example.com/ceasefire"});
  CHECK(r.HasDiag("error: WARC record does not end where its Content-Length says"));

  // Truncated at the end of the file.
  auto tail = ReadString(records[0] + records[2].substr(0, 300), "tail.warc");
  CHECK(tail.docs.empty());
  CHECK(tail.HasDiag("error: WARC record truncated at the end of the file; skipped"));
}

TEST_CASE("WARC: --format warc and sniffing by content", "[ingest][reader][web][warc]") {
  std::string warc;
  for (const auto& rec : CrawlRecords()) warc += Gzip(rec);
  CHECK(ReadString(warc, "archive.bin").docs.size() == 3);
  ReadOptions o;
  o.format = Format::kWarc;
  CHECK(ReadString(warc, "archive.bin", o).docs.size() == 3);
  // A server that announces ISO-8859-1 for a UTF-8 page: the bytes win.
  std::string page = Slurp(WebData("zh_portal.html"));
  auto latin = ReadString(Record("response", "https://portal.example.cn/a.html",
                                 "application/http; msgtype=response",
                                 Http("text/html; charset=ISO-8859-1", page), 9),
                          "latin.warc");
  REQUIRE(latin.docs.size() == 1);
  CHECK(latin.docs[0].article.title == "俄乌代表团在伊斯坦布尔举行三年多来首次直接谈判");
  // A gzip file that is not a WARC is refused by the WARC reader, not read as text.
  auto other = ReadString(Gzip("just some text\n"), "notes.gz", o);
  CHECK(other.docs.empty());
  CHECK(other.HasDiag("error: not a WARC record header"));
}

}  // namespace
