// kbq serve: each endpoint's body equals the CLI's --json byte for byte; bad
// requests get 4xx; the server survives 1,000 concurrent requests and picks
// up what a writer adds; the embedded page files are the pinned versions.
// The server runs in process on a free loopback port over the seed store;
// the CLI runs as a child process (query_test_util.h).
#include <httplib.h>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <latch>
#include <map>
#include <mutex>
#include <sstream>
#include <thread>

#include "kbq/knowledge_base.h"
#include "kbq/serve/server.h"
#include "query_test_util.h"

namespace {

using json = nlohmann::json;
using kbq::query_test::CliRun;
using kbq::query_test::RunKbq;
using kbq::query_test::SeedStore;
using kbq::query_test::TempDir;
using kbq::serve::Server;

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// One server over the seed store for the whole run.
Server& SeedServer() {
  static std::unique_ptr<Server> server = [] {
    kbq::serve::ServeOptions o;
    o.db = SeedStore();
    o.port = 0;
    auto s = Server::Start(o);
    if (!s.ok()) throw std::runtime_error(s.status().message());
    return std::move(s.value());
  }();
  return *server;
}

httplib::Client Client(int port) {
  httplib::Client c("127.0.0.1", port);
  c.set_connection_timeout(5);
  c.set_read_timeout(20);
  return c;
}

std::string TalksId() {
  CliRun r = RunKbq({"--db", SeedStore(), "timeline", "Ukraine", "--json"});
  for (const auto& e : json::parse(r.out)) {
    if (e["date"]["start"] == "2025-05-16" && e["type"] == "negotiate" &&
        e["mentions"].size() > 2) {
      return e["id"];
    }
  }
  return "";
}

struct Case {
  std::string url;                // endpoint and query string
  std::vector<std::string> argv;  // the same request on the command line
};

}  // namespace

TEST_CASE("kbq serve: every endpoint's body is the CLI's --json", "[serve]") {
  std::string talks = TalksId();
  REQUIRE_FALSE(talks.empty());
  std::vector<Case> cases = {
      {"/api/timeline?query=Ukraine", {"timeline", "Ukraine"}},
      {"/api/timeline?query=%E4%B9%8C%E5%85%8B%E5%85%B0", {"timeline", "乌克兰"}},
      {"/api/timeline?query=Ukraine&from=2022&to=2022-12", {"timeline", "Ukraine", "--from", "2022", "--to", "2022-12"}},
      {"/api/timeline?query=Russia&with=Ukraine&lang=zh", {"timeline", "Russia", "--with", "Ukraine", "--lang", "zh"}},
      {"/api/timeline?query=Ukraine&all=1&type=negotiate", {"timeline", "Ukraine", "--all", "--type", "negotiate"}},
      {"/api/timeline?query=Ukraine&top=3&sort=salience", {"timeline", "Ukraine", "--top", "3", "--sort", "salience"}},
      {"/api/timeline?query=Ukraine&min-mentions=2&min-sources=1", {"timeline", "Ukraine", "--min-mentions", "2", "--min-sources", "1"}},
      {"/api/timeline?query=Ukraine&from=2025-05-17&include-reported=1", {"timeline", "Ukraine", "--from", "2025-05-17", "--include-reported"}},
      {"/api/timeline?query=Ukraine&strict=1&limit=2&place=Istanbul", {"timeline", "Ukraine", "--strict", "--limit", "2", "--place", "Istanbul"}},
      {"/api/show?what=" + talks, {"show", talks}},
      {"/api/show?what=" + talks + "&lang=zh", {"show", talks, "--lang", "zh"}},
      {"/api/show?what=Ukraine", {"show", "Ukraine"}},
      {"/api/actors?query=ukr", {"actors", "ukr"}},
      {"/api/actors", {"actors"}},
      {"/api/stats", {"stats"}},
      {"/api/neighbors?start=" + talks, {"neighbors", talks}},
      {"/api/neighbors?start=Ukraine&depth=2&kind=storyline,causal&from=2022", {"neighbors", "Ukraine", "--depth", "2", "--kind", "storyline,causal", "--from", "2022"}},
      {"/api/chain?id=" + talks, {"chain", talks}},
      {"/api/chain?id=" + talks + "&forward=1&lang=zh", {"chain", talks, "--forward", "--lang", "zh"}},
      {"/api/path?a=Russia&b=Ukraine&max-hops=4", {"path", "Russia", "Ukraine", "--max-hops", "4"}},
  };
  auto client = Client(SeedServer().port());
  for (const auto& c : cases) {
    INFO(c.url);
    auto res = client.Get(c.url);
    REQUIRE(res);
    CHECK(res->status == 200);
    CHECK(res->get_header_value("Content-Type") == "application/json; charset=utf-8");
    std::vector<std::string> argv = {"--db", SeedStore()};
    argv.insert(argv.end(), c.argv.begin(), c.argv.end());
    argv.push_back("--json");
    CliRun cli = RunKbq(argv);
    REQUIRE(cli.code == 0);
    CHECK(res->body == cli.out);
  }
}

TEST_CASE("kbq serve: bad requests get 4xx with the CLI's message", "[serve][errors]") {
  auto client = Client(SeedServer().port());
  // The message is the one the CLI prints after "kbq: ".
  auto res = client.Get("/api/timeline?query=Ukraine&from=yesterday");
  REQUIRE(res);
  CHECK(res->status == 400);
  CliRun cli = RunKbq({"--db", SeedStore(), "timeline", "Ukraine", "--from", "yesterday", "--json"});
  CHECK(cli.code == 2);
  CHECK("kbq: " + json::parse(res->body)["error"].get<std::string>() + "\n" == cli.err);

  res = client.Get("/api/timeline?query=Atlantis");
  REQUIRE(res);
  CHECK(res->status == 404);
  CHECK(json::parse(res->body).contains("candidates"));

  for (const char* bad : {"/api/timeline?query=Ukraine&colour=red", "/api/timeline?query=Ukraine&query=Russia",
                          "/api/timeline", "/api/neighbors?start=Ukraine&depth=0", "/api/path?a=Russia"}) {
    INFO(bad);
    res = client.Get(bad);
    REQUIRE(res);
    CHECK(res->status == 400);
    CHECK(json::parse(res->body).contains("error"));
  }
  for (const char* missing : {"/api/ingest", "/nothing", "/vendor/../index.html", "/../../etc/passwd",
                              "/vendor/..%2f..%2fetc%2fpasswd", "/vendor/%2e%2e/app.js",
                              "/app.js/../../../etc/passwd", "/vendor/", "/vendor/app.js"}) {
    INFO(missing);
    res = client.Get(missing);
    REQUIRE(res);
    CHECK(res->status >= 400);
    CHECK(res->status < 500);
    CHECK(res->body.find("root:") == std::string::npos);
  }
  // Nothing writes.
  res = client.Post("/api/stats", "{}", "application/json");
  REQUIRE(res);
  CHECK(res->status == 405);
  res = client.Delete("/api/timeline?query=Ukraine");
  REQUIRE(res);
  CHECK(res->status == 405);
  // Too large: a body over the limit, a URI over httplib's.
  res = client.Post("/api/stats", std::string(1 << 20, 'x'), "text/plain");
  REQUIRE(res);
  CHECK(res->status == 413);
  res = client.Get("/api/actors?query=" + std::string(20000, 'a'));
  REQUIRE(res);
  CHECK(res->status == 414);
  // Bound to loopback, a request for another host name is refused.
  res = client.Get("/api/stats", {{"Host", "attacker.example"}});
  REQUIRE(res);
  CHECK(res->status == 403);
}

TEST_CASE("kbq serve: the page and its libraries are served from the binary", "[serve]") {
  auto client = Client(SeedServer().port());
  auto page = client.Get("/");
  REQUIRE(page);
  CHECK(page->status == 200);
  CHECK(page->get_header_value("Content-Type") == "text/html; charset=utf-8");
  CHECK(page->get_header_value("Content-Security-Policy").find("script-src 'self'") != std::string::npos);
  CHECK(page->body == ReadFile(std::string(KBQ_SOURCE_DIR) + "/web/index.html"));
  for (const char* file : {"/app.js", "/app.css", "/vendor/cytoscape.min.js", "/vendor/vis-data.min.js",
                           "/vendor/LICENSE.cytoscape.txt"}) {
    INFO(file);
    auto res = client.Get(file);
    REQUIRE(res);
    CHECK(res->status == 200);
    CHECK(res->body == ReadFile(std::string(KBQ_SOURCE_DIR) + "/web" + file));
  }
}

TEST_CASE("kbq serve: the embedded libraries are the versions web/package-lock.json pins",
          "[serve][vendor]") {
  std::string web = std::string(KBQ_SOURCE_DIR) + "/web";
  json lock = json::parse(ReadFile(web + "/package-lock.json"));
  json package = json::parse(ReadFile(web + "/package.json"));
  auto versions_text = kbq::serve::PageFile("versions.json");
  REQUIRE(versions_text);
  json versions = json::parse(*versions_text);
  // Every library package.json asks for is vendored, at the locked version.
  for (const auto& [name, wanted] : package["dependencies"].items()) {
    INFO(name);
    REQUIRE(versions.contains(name));
    CHECK(versions[name]["version"] == wanted);
    CHECK(lock["packages"]["node_modules/" + name]["version"] == wanted);
  }
  for (const auto& [name, entry] : versions.items()) {
    std::string version = entry["version"];
    bool version_in_a_script = false;
    for (const auto& file : entry["files"]) {
      INFO(name << ": " << file);
      auto embedded = kbq::serve::PageFile(file.get<std::string>());
      REQUIRE(embedded);
      // The binary holds exactly what web/vendor/ holds.
      CHECK(std::string(*embedded) == ReadFile(web + "/vendor/" + file.get<std::string>()));
      if (file.get<std::string>().ends_with(".js")) {
        CHECK(embedded->find(version) != std::string::npos);
        version_in_a_script = true;
      }
    }
    CHECK(version_in_a_script);
  }
}

TEST_CASE("kbq serve: 1,000 concurrent requests on loopback all get their answer",
          "[serve][load]") {
  int port = SeedServer().port();
  auto first = Client(port).Get("/api/timeline?query=Ukraine");
  REQUIRE(first);
  REQUIRE(first->status == 200);
  const std::string expected = first->body;
  // 1,000 client threads, each with its own connection, released at once.
  constexpr int kRequests = 1000;
  std::atomic<int> ok{0}, failed{0};
  std::latch ready(kRequests);
  std::mutex errors_mu;
  std::map<std::string, int> errors;  // what went wrong, for the message
  auto start = std::chrono::steady_clock::now();
  std::vector<std::thread> threads;
  for (int i = 0; i < kRequests; ++i) {
    threads.emplace_back([&, i] {
      httplib::Client c("127.0.0.1", port);
      c.set_connection_timeout(20);
      c.set_read_timeout(30);
      const char* url = i % 3 == 0 ? "/api/stats" : i % 3 == 1 ? "/api/timeline?query=Ukraine" : "/app.js";
      ready.arrive_and_wait();
      auto res = c.Get(url);
      bool good = res && res->status == 200 && (i % 3 != 1 || res->body == expected);
      (good ? ok : failed)++;
      if (!good) {
        std::lock_guard<std::mutex> lock(errors_mu);
        errors[res ? "status " + std::to_string(res->status) : httplib::to_string(res.error())]++;
      }
    });
  }
  for (auto& t : threads) t.join();
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::string why;
  for (const auto& [what, n] : errors) why += " " + what + ": " + std::to_string(n) + ";";
  INFO(ok << " ok, " << failed << " failed in " << secs << " s;" << why);
  CHECK(ok == kRequests);
  CHECK(failed == 0);
  // And it still answers.
  auto after = Client(port).Get("/api/stats");
  REQUIRE(after);
  CHECK(after->status == 200);
}

TEST_CASE("kbq serve: a port in use is an error, not a second server on it", "[serve][errors]") {
  kbq::serve::ServeOptions o;
  o.db = SeedStore();
  o.port = SeedServer().port();
  auto second = Server::Start(o);
  REQUIRE_FALSE(second.ok());
  CHECK(second.status().message() ==
        "cannot listen on 127.0.0.1:" + std::to_string(o.port) + " (in use, or not an address here)");
  CliRun cli = RunKbq({"--db", SeedStore(), "serve", "--port", std::to_string(o.port)});
  CHECK(cli.code == 1);
  CHECK(cli.err == "kbq: cannot listen on 127.0.0.1:" + std::to_string(o.port) +
                       " (in use, or not an address here)\n");
  // A store that is not there is named, as every command names it.
  CliRun missing = RunKbq({"--db", TempDir() + "/none", "serve", "--port", "0"});
  CHECK(missing.code == 1);
  CHECK(missing.err.find("no kbq store at ") != std::string::npos);
}

TEST_CASE("kbq serve: a reader picks up what a writer ingests while it serves", "[serve]") {
  std::string db = TempDir() + "/live.db";
  auto writer = kbq::KnowledgeBase::Open(db, {.read_only = false, .create_if_missing = true});
  REQUIRE(writer.ok());
  kbq::serve::ServeOptions o;
  o.db = db;
  o.port = 0;
  auto server = Server::Start(o);
  REQUIRE(server.ok());
  auto client = Client((*server)->port());
  auto before = client.Get("/api/stats");
  REQUIRE(before);
  REQUIRE(before->status == 200);
  CHECK(json::parse(before->body)["articles"] == 0);

  kbq::ArticleInput a;
  a.title = "Norway and Sweden agree on a border rail link";
  a.published = "2023-09-12";
  a.text = "Norway and Sweden signed an agreement in Oslo on 11 September 2023 to rebuild the "
           "rail link across their border.";
  auto summary = (*writer)->IngestArticle(a);
  REQUIRE(summary.ok());
  REQUIRE(summary->ingested == 1);
  // The server catches up at most once a second, on a request.
  bool seen = false;
  for (int i = 0; i < 40 && !seen; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    auto res = client.Get("/api/stats");
    seen = res && res->status == 200 && json::parse(res->body)["articles"] == 1;
  }
  CHECK(seen);
  auto timeline = client.Get("/api/timeline?query=Norway");
  REQUIRE(timeline);
  CHECK(timeline->status == 200);
  CHECK_FALSE(json::parse(timeline->body).empty());
}

TEST_CASE("kbq export --format html: one file with the page and the query's answers inlined",
          "[serve][export]") {
  std::string out = TempDir() + "/ukraine.html";
  CliRun r = RunKbq({"--db", SeedStore(), "export", "--format", "html", "Ukraine", "--from", "2022",
                     "-o", out});
  REQUIRE(r.code == 0);
  std::string html = ReadFile(out);
  // Self-contained: no file or address it would need beside it.
  CHECK(html.find("<script src=") == std::string::npos);
  CHECK(html.find("<link rel=\"stylesheet\"") == std::string::npos);
  CHECK(html.find("cytoscape") != std::string::npos);
  size_t begin = html.find("<script type=\"application/json\" id=\"kbq-data\">");
  REQUIRE(begin != std::string::npos);
  begin = html.find('>', begin) + 1;
  size_t end = html.find("</script>", begin);
  json data = json::parse(html.substr(begin, end - begin));
  CHECK(data["query"]["query"] == "Ukraine");
  CliRun cli = RunKbq({"--db", SeedStore(), "timeline", "Ukraine", "--from", "2022", "--json"});
  CHECK(data["answers"]["timeline\nfrom=2022\nquery=Ukraine\nsort=date"] == cli.out);
  // Each event of the timeline can be opened.
  for (const auto& e : json::parse(cli.out)) {
    std::string id = e["id"];
    CHECK(data["answers"].contains("show\nlang=en\nwhat=" + id));
    CHECK(data["answers"].contains("chain\nid=" + id + "\nlang=en"));
  }
  // Without a name there is no page to open.
  CHECK(RunKbq({"--db", SeedStore(), "export", "--format", "html"}).code == 2);
}
