// CLI-level tests of the kbq tool: the seed article goes through the real
// pipeline into a temporary store, then kbq runs as a child process. Text and
// JSON output are compared with tests/golden/query/<case>/expected.{txt,json};
// run with KBQ_UPDATE_GOLDEN=1 to rewrite them (then review the diff).
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "kbq/store.h"
#include "query_test_util.h"

namespace fs = std::filesystem;
using nlohmann::json;
using kbq::query_test::CliRun;
using kbq::query_test::RunKbq;
using kbq::query_test::SeedStore;
using kbq::query_test::TempDir;

namespace {

std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

void ReplaceAll(std::string* s, const std::string& from, const std::string& to) {
  if (from.empty()) return;
  for (size_t pos = 0; (pos = s->find(from, pos)) != std::string::npos; pos += to.size()) {
    s->replace(pos, from.size(), to);
  }
}

// Volatile fields: the temporary store path, and ingestion times.
void DropVolatile(json* j) {
  if (j->is_object()) {
    for (auto it = j->begin(); it != j->end();) {
      if (it.key().rfind("ingested", 0) == 0) {
        it = j->erase(it);
      } else {
        DropVolatile(&it.value());
        ++it;
      }
    }
  } else if (j->is_array()) {
    for (auto& x : *j) DropVolatile(&x);
  }
}

std::string Normalise(std::string text, const std::string& ext) {
  ReplaceAll(&text, SeedStore(), "<DB>");
  if (ext == "json") {
    json j = json::parse(text);
    DropVolatile(&j);
    text = j.dump(2) + "\n";
  }
  return text;
}

// Compares `actual` with the golden file, or rewrites it under KBQ_UPDATE_GOLDEN=1.
void CheckGolden(const std::string& name, const std::string& ext, const std::string& actual) {
  std::string path = std::string(KBQ_SOURCE_DIR) + "/tests/golden/query/" + name + "/expected." + ext;
  std::string got = Normalise(actual, ext);
  const char* update = std::getenv("KBQ_UPDATE_GOLDEN");
  if (update != nullptr && std::string(update) == "1") {
    fs::create_directories(fs::path(path).parent_path());
    std::ofstream(path, std::ios::binary) << got;
    WARN("rewrote " << path);
    return;
  }
  INFO("golden file " << path << " (KBQ_UPDATE_GOLDEN=1 rewrites it)");
  REQUIRE(fs::exists(path));
  CHECK(got == ReadAll(path));
}

// The 2025-05-16 talks: the Ukraine negotiation of that day with the most mentions.
std::string TalksId() {
  static std::string id = [] {
    CliRun r = RunKbq({"--db", SeedStore(), "timeline", "Ukraine", "--json"});
    std::string best;
    size_t best_mentions = 0;
    for (const auto& e : json::parse(r.out)) {
      if (e["date"]["start"] != "2025-05-16" || e["type"] != "negotiate") continue;
      if (e["mentions"].size() > best_mentions) {
        best_mentions = e["mentions"].size();
        best = e["id"].get<std::string>();
      }
    }
    return best;
  }();
  return id;
}

}  // namespace

TEST_CASE("kbq timeline Ukraine: text and JSON match the golden output", "[query][cli][golden]") {
  CliRun text = RunKbq({"--db", SeedStore(), "timeline", "Ukraine"});
  REQUIRE(text.code == 0);
  CHECK(text.err.empty());
  CheckGolden("timeline_ukraine", "txt", text.out);
  CliRun j = RunKbq({"--db", SeedStore(), "timeline", "Ukraine", "--json"});
  REQUIRE(j.code == 0);
  CheckGolden("timeline_ukraine", "json", j.out);
}

TEST_CASE("kbq timeline 乌克兰: prints Chinese names, same events", "[query][cli][golden]") {
  CliRun text = RunKbq({"--db", SeedStore(), "timeline", "乌克兰"});
  REQUIRE(text.code == 0);
  CHECK(text.out.rfind("Timeline: 乌克兰 (UKR) — ", 0) == 0);
  CheckGolden("timeline_ukraine_zh", "txt", text.out);
  CliRun j = RunKbq({"--db", SeedStore(), "timeline", "乌克兰", "--json"});
  REQUIRE(j.code == 0);
  CheckGolden("timeline_ukraine_zh", "json", j.out);
  CliRun en = RunKbq({"--db", SeedStore(), "timeline", "Ukraine", "--json"});
  std::vector<std::string> zh_ids, en_ids;
  for (const auto& e : json::parse(j.out)) zh_ids.push_back(e["id"]);
  for (const auto& e : json::parse(en.out)) en_ids.push_back(e["id"]);
  CHECK(zh_ids == en_ids);
}

TEST_CASE("kbq show: the 2025-05-16 talks match the golden output", "[query][cli][golden]") {
  std::string id = TalksId();
  REQUIRE_FALSE(id.empty());
  CliRun text = RunKbq({"--db", SeedStore(), "show", id});
  REQUIRE(text.code == 0);
  CheckGolden("show_talks", "txt", text.out);
  CliRun j = RunKbq({"--db", SeedStore(), "show", id, "--json"});
  REQUIRE(j.code == 0);
  CheckGolden("show_talks", "json", j.out);
}

TEST_CASE("Seed: the Ukraine timeline holds the 2025-05-16 talks and nothing from the "
          "recommended stories", "[query][cli]") {
  CliRun r = RunKbq({"--db", SeedStore(), "timeline", "Ukraine", "--json"});
  REQUIRE(r.code == 0);
  json events = json::parse(r.out);
  REQUIRE(events.is_array());
  bool talks = false;
  for (const auto& e : events) {
    INFO(e.dump());
    std::string start = e["date"]["start"].is_string() ? e["date"]["start"].get<std::string>() : "";
    CHECK(start.rfind("2025-06", 0) != 0);
    // Distinct sentences: two triggers in one sentence are one mention.
    std::set<std::pair<std::string, std::string>> places;
    for (const auto& m : e["mentions"]) places.insert({m["article"], m["span"].dump()});
    if (start == "2025-05-16" && e["type"] == "negotiate" && places.size() >= 3) talks = true;
  }
  CHECK(talks);
  // The header CI greps for.
  CliRun text = RunKbq({"--db", SeedStore(), "timeline", "Ukraine"});
  CHECK(text.out.rfind("Timeline: Ukraine (UKR) — " + std::to_string(events.size()) + " events\n",
                       0) == 0);
}

TEST_CASE("kbq --json: every event carries the documented fields", "[query][cli][json]") {
  CliRun r = RunKbq({"--db", SeedStore(), "timeline", "Ukraine", "--json"});
  REQUIRE(r.code == 0);
  json events = json::parse(r.out);
  REQUIRE_FALSE(events.empty());
  for (const auto& e : events) {
    INFO(e.dump());
    for (const char* k : {"id", "type", "cameo", "label", "date", "actors", "location", "modality",
                          "attribution", "mentions"}) {
      CHECK(e.contains(k));
    }
    for (const char* k : {"start", "end", "precision", "text"}) CHECK(e["date"].contains(k));
    for (const auto& a : e["actors"]) {
      CHECK(a.contains("id"));
      CHECK(a.contains("name"));
      CHECK(a.contains("role"));
    }
    for (const auto& m : e["mentions"]) {
      for (const char* k : {"article", "sentence", "span", "text"}) CHECK(m.contains(k));
    }
    CHECK_FALSE(e["label"].get<std::string>().empty());
  }
}

TEST_CASE("kbq: an unknown name exits 1 with suggestions", "[query][cli][errors]") {
  CliRun r = RunKbq({"--db", SeedStore(), "timeline", "Ukrane"});
  CHECK(r.code == 1);
  CHECK(r.out.empty());
  CHECK(r.err.rfind("kbq: no actor named 'Ukrane'; did you mean: Ukraine (UKR)", 0) == 0);
}

TEST_CASE("kbq: a bad date in --from exits 2 naming the flag", "[query][cli][errors]") {
  CliRun r = RunKbq({"--db", SeedStore(), "timeline", "Ukraine", "--from", "2025-13-40"});
  CHECK(r.code == 2);
  CHECK(r.err ==
        "kbq: --from: '2025-13-40' is not a date (use YYYY, YYYY-MM, YYYY-MM-DD or A..B)\n");
  CHECK(r.out.empty());
}

TEST_CASE("kbq: a query on a missing store says how to create one and creates nothing",
          "[query][cli][errors]") {
  std::string dir = TempDir() + "/no-store-here";
  for (const auto& args : std::vector<std::vector<std::string>>{
           {"--db", dir, "timeline", "Ukraine"},
           {"--db", dir, "show", "ev-0000000000000000"},
           {"--db", dir, "export", "--format", "dot"},
           {"--db", dir, "neighbors", "Ukraine"},
           {"--db", dir, "check"}}) {
    CliRun r = RunKbq(args);
    INFO(args[2]);
    CHECK(r.code == 1);
    CHECK(r.err == "kbq: no kbq store at " + dir +
                       " (create one with `kbq ingest FILE...`, or pass --db DIR)\n");
    CHECK_FALSE(fs::exists(dir));
  }
  // $KBQ_DB is honoured the same way.
  CliRun r = RunKbq({"timeline", "Ukraine"}, {{"KBQ_DB", dir}});
  CHECK(r.code == 1);
  CHECK_FALSE(fs::exists(dir));
}

TEST_CASE("kbq: an unknown event id exits 1 saying so", "[query][cli][errors]") {
  CliRun show = RunKbq({"--db", SeedStore(), "show", "ev-0000000000000000"});
  CHECK(show.code == 1);
  CHECK(show.err == "kbq: no event with id ev-0000000000000000\n");
  CliRun chain = RunKbq({"--db", SeedStore(), "chain", "ev-0000000000000000"});
  CHECK(chain.code == 1);
  CHECK(chain.err == "kbq: no event with id ev-0000000000000000\n");
}

TEST_CASE("kbq: usage errors exit 2", "[query][cli][errors]") {
  CHECK(RunKbq({"--db", SeedStore(), "neighbors", "Ukraine", "--kind", "sideways"}).code == 2);
  CHECK(RunKbq({"--db", SeedStore(), "export", "--format", "pdf"}).code == 2);
  CHECK(RunKbq({"--db", SeedStore(), "chain", "x", "--back", "--forward"}).code == 2);
  CHECK(RunKbq({"--db", SeedStore(), "eval", "nonsense"}).code == 2);
  CHECK(RunKbq({"--db", SeedStore(), "frobnicate"}).code == 2);
  CliRun r = RunKbq({"--db", SeedStore(), "neighbors", "Ukraine", "--kind", "sideways"});
  CHECK(r.err.rfind("kbq: --kind: unknown link kind 'sideways'", 0) == 0);
}

TEST_CASE("kbq COMMAND --help shows an example for every command", "[query][cli]") {
  auto cmd = GENERATE(as<std::string>{}, "ingest", "timeline", "show", "actors", "stats", "check",
                      "tag", "extract", "neighbors", "chain", "path", "export", "eval", "serve");
  CliRun r = RunKbq({cmd, "--help"});
  INFO(cmd << "\n" << r.out);
  CHECK(r.code == 0);
  CHECK(r.out.find("Example: kbq " + cmd) != std::string::npos);
}

TEST_CASE("kbq neighbors, chain and path start from the talks", "[query][cli][graph]") {
  std::string id = TalksId();
  REQUIRE_FALSE(id.empty());
  CliRun n = RunKbq({"--db", SeedStore(), "neighbors", id, "--depth", "2", "--json"});
  REQUIRE(n.code == 0);
  json rows = json::parse(n.out);
  REQUIRE_FALSE(rows.empty());
  CHECK(rows[0]["id"] == id);
  CHECK(rows[0]["hops"] == 0);
  CHECK(rows[0]["via"].is_null());
  for (size_t i = 1; i < rows.size(); ++i) {
    INFO(rows[i].dump());
    CHECK(rows[i]["hops"].get<int>() >= 1);
    CHECK(rows[i]["hops"].get<int>() <= 2);
    CHECK(rows[i]["via"].is_object());
    CHECK(rows[i]["hops"] >= rows[i - 1]["hops"]);
  }
  CliRun text = RunKbq({"--db", SeedStore(), "neighbors", id});
  REQUIRE(text.code == 0);
  CHECK(text.out.rfind("Neighbors of " + id + " (depth 1) — ", 0) == 0);
  CHECK(text.out.find(id) != std::string::npos);

  for (const char* dir : {"--back", "--forward"}) {
    CliRun c = RunKbq({"--db", SeedStore(), "chain", id, dir, "--json"});
    INFO(dir << " " << c.err);
    REQUIRE(c.code == 0);
    json chain = json::parse(c.out);
    bool has_start = false;
    std::string prev;
    for (const auto& step : chain) {
      if (step["id"] == id) has_start = true;
      std::string start = step["date"]["start"].is_string() ? step["date"]["start"].get<std::string>() : "9999";
      CHECK(prev <= start);  // date order
      prev = start;
    }
    CHECK(has_start);
  }

  // A path from an event to itself is the event alone.
  CliRun p = RunKbq({"--db", SeedStore(), "path", id, id, "--json"});
  INFO(p.err);
  REQUIRE(p.code == 0);
  json path = json::parse(p.out);
  REQUIRE(path["steps"].size() == 1);
  CHECK(path["steps"][0]["id"] == id);
}

TEST_CASE("kbq check: an intact store exits 0 whatever the graph findings", "[query][cli]") {
  CliRun r = RunKbq({"--db", SeedStore(), "check"});
  INFO(r.out << r.err);
  CHECK(r.code == 0);
  CHECK(r.out.find("store ok; ") != std::string::npos);
  CHECK(r.out.find(" in the event graph (before-cycles, causes after effects)") != std::string::npos);
  // Global options after the subcommand, where users put them.
  CliRun after = RunKbq({"check", "--db", SeedStore()});
  CHECK(after.code == 0);
  CHECK(after.out == r.out);
}

TEST_CASE("kbq export -o writes atomically and leaves nothing on failure", "[query][cli][export]") {
  std::string dir = TempDir();
  std::string out = dir + "/ukraine.json";
  CliRun r = RunKbq({"--db", SeedStore(), "export", "--format", "timelinejs", "Ukraine", "-o", out});
  INFO(r.err);
  REQUIRE(r.code == 0);
  json j = json::parse(ReadAll(out));
  CHECK(j["events"].is_array());
  size_t files = 0;
  for (const auto& e : fs::directory_iterator(dir)) {
    (void)e;
    ++files;
  }
  CHECK(files == 1);  // no temporary left behind

  // Failure: an unknown name leaves an existing file untouched.
  std::ofstream(dir + "/keep.dot") << "old\n";
  CliRun bad = RunKbq({"--db", SeedStore(), "export", "--format", "dot", "Ukrane", "-o",
                       dir + "/keep.dot"});
  CHECK(bad.code == 1);
  CHECK(ReadAll(dir + "/keep.dot") == "old\n");
  // A folder that does not exist: exit 1, nothing created.
  CliRun nodir = RunKbq({"--db", SeedStore(), "export", "--format", "dot", "-o",
                         dir + "/missing/x.dot"});
  CHECK(nodir.code == 1);
  CHECK(nodir.err.find(dir + "/missing/x.dot") != std::string::npos);
  CHECK_FALSE(fs::exists(dir + "/missing"));

  // Without QUERY: all events; jsonl has one line per event.
  CliRun all = RunKbq({"--db", SeedStore(), "export", "--format", "jsonl", "--all"});
  REQUIRE(all.code == 0);
  CliRun stats = RunKbq({"--db", SeedStore(), "stats", "--json"});
  size_t lines = 0;
  std::istringstream in(all.out);
  for (std::string line; std::getline(in, line);) {
    CHECK(json::parse(line).is_object());
    ++lines;
  }
  CHECK(lines == json::parse(stats.out)["events"].get<size_t>());
}

TEST_CASE("kbq ingest --format gdelt and icews read event streams", "[query][cli][ingest]") {
  std::string db = TempDir() + "/db";
  std::string input = std::string(KBQ_SOURCE_DIR) + "/tests/golden/gdelt/events_v2.tsv";
  auto [format, file] = GENERATE(std::pair<std::string, std::string>{"gdelt", "events_v2.tsv"},
                                 std::pair<std::string, std::string>{"icews", "icews.txt"});
  input = std::string(KBQ_SOURCE_DIR) + "/tests/golden/gdelt/" + file;
  CliRun r = RunKbq({"--db", db, "ingest", "-q", "--format", format, input});
  INFO(r.err);
  if (format == "icews") {
    // Its two bad rows are a partial failure, reported with file and line.
    CHECK(r.code == 1);
    CHECK(r.err.find(input + ":6: error: bad date '2014-02-30'") != std::string::npos);
  } else {
    CHECK(r.code == 0);
  }
  CliRun stats = RunKbq({"--db", db, "stats", "--json"});
  REQUIRE(stats.code == 0);
  CHECK(json::parse(stats.out)["events"].get<int>() > 0);
  CliRun bad = RunKbq({"--db", db, "ingest", "--format", "pdf", input});
  CHECK(bad.code == 2);
  CHECK(bad.err ==
        "kbq: --format: unknown format 'pdf' (use auto, page, jsonl, csv, tsv, text, html, rss, "
        "atom, warc, gdelt, icews, events)\n");
}

TEST_CASE("kbq ingest --bulk loads event streams as Commit does", "[query][cli][ingest][bulk]") {
  const std::string dir = TempDir();
  std::vector<std::string> inputs = {std::string(KBQ_SOURCE_DIR) + "/tests/golden/gdelt/events_v2.tsv",
                                     std::string(KBQ_SOURCE_DIR) + "/tests/golden/gdelt/events_v1_57.tsv"};
  std::vector<std::string> exports;
  for (bool bulk : {false, true}) {
    std::string db = dir + (bulk ? "/bulk" : "/commit");
    std::vector<std::string> args = {"--db", db, "ingest", "-q"};
    if (bulk) args.push_back("--bulk");
    args.insert(args.end(), inputs.begin(), inputs.end());
    CliRun r = RunKbq(args);
    INFO(r.err);
    REQUIRE(r.code == 0);
    CliRun ex = RunKbq({"--db", db, "export", "--format", "jsonl", "--all", "--all-events"});
    REQUIRE(ex.code == 0);
    exports.push_back(ex.out);
    CliRun check = RunKbq({"--db", db, "check"});
    CHECK(check.code == 0);
  }
  CHECK(!exports[0].empty());
  CHECK(exports[1] == exports[0]);
  // An article file is refused under --bulk, by name; the rest goes on.
  const std::string db = dir + "/bulk";
  const std::string seed = std::string(KBQ_SOURCE_DIR) + "/examples/articles/000_3ae8ec1ab298bbdb.txt";
  CliRun mixed = RunKbq({"--db", db, "ingest", "-q", "--bulk", seed, inputs[0]});
  CHECK(mixed.code == 1);
  CHECK(mixed.err.find(seed + ": error: --bulk reads event streams") != std::string::npos);
}

TEST_CASE("kbq ingest --bulk reads kbq extract's JSON lines, a broken line is named and skipped",
          "[query][cli][ingest][bulk]") {
  const std::string dir = TempDir();
  // Two short articles in our own words, and the seed article.
  const std::string en = dir + "/en.txt", zh = dir + "/zh.txt";
  std::ofstream(en) << "Talks on grain exports\n\nAnkara, 10 March 2023 - Turkish and Ukrainian "
                       "ministers met in Ankara on Friday to discuss the extension of the grain "
                       "corridor. Russia criticized the talks on Saturday.\n";
  std::ofstream(zh) << "中法两国领导人会谈\n\n2023年4月6日，中国国家主席在北京同法国总统举行会谈。"
                       "双方签署了多项合作协议。\n";
  std::string lines;
  std::vector<std::string> docs = {
      en, zh, std::string(KBQ_SOURCE_DIR) + "/examples/articles/000_3ae8ec1ab298bbdb.txt"};
  for (size_t i = 0; i < docs.size(); ++i) {
    CliRun ex = RunKbq({"extract", docs[i], "--published", "2023-04-07T09:00:00+08:00"});
    INFO(ex.err);
    REQUIRE(ex.code == 0);
    lines += ex.out;
    if (i == 0) lines += "{\"id\": \"ev-broken\", \"date\": {\"start\": \"2023-02-30\"}\n";
  }
  // kbq extract also prints the same_as links of events it merged away;
  // those refer to no event and are skipped (a warning each).
  size_t line_no = 0, broken_at = 0;
  std::set<std::string> events;
  std::vector<json> links;
  {
    std::istringstream in(lines);
    std::string l;
    while (std::getline(in, l)) {
      ++line_no;
      if (l.find("ev-broken") != std::string::npos) {
        broken_at = line_no;
        continue;
      }
      json j = json::parse(l);
      if (j.value("kind_of_record", "") == "link") {
        links.push_back(j);
      } else {
        events.insert(j["id"].get<std::string>());
      }
    }
  }
  size_t good_links = 0;
  for (const auto& l : links) good_links += events.count(l["from"]) && events.count(l["to"]);
  CHECK(good_links < links.size());
  REQUIRE(events.size() >= 3);
  const std::string input = dir + "/events.jsonl";
  std::ofstream(input) << lines;

  std::vector<std::string> exports;
  for (bool bulk : {true, false}) {
    std::string db = dir + (bulk ? "/bulk" : "/commit");
    // Without --bulk the format must be named; with it, the file is sniffed.
    std::vector<std::string> args = {"--db", db, "ingest", "-q", input};
    const std::vector<std::string> how =
        bulk ? std::vector<std::string>{"--bulk"} : std::vector<std::string>{"--format", "events"};
    args.insert(args.end(), how.begin(), how.end());
    CliRun r = RunKbq(args);
    INFO(r.err);
    CHECK(r.code == 1);  // the broken line is a partial failure
    CHECK(r.err.find(input + ":" + std::to_string(broken_at) + ": error: not a kbq event or link:") !=
          std::string::npos);
    CliRun stats = RunKbq({"--db", db, "stats", "--json"});
    REQUIRE(stats.code == 0);
    CHECK(json::parse(stats.out)["events"].get<size_t>() == events.size());
    CHECK(json::parse(stats.out)["links"].get<size_t>() == good_links);
    CHECK(r.err.find("refers to unknown event") != std::string::npos);
    CHECK(RunKbq({"--db", db, "check"}).code == 0);
    CliRun ex = RunKbq({"--db", db, "export", "--format", "jsonl", "--all", "--all-events"});
    REQUIRE(ex.code == 0);
    exports.push_back(ex.out);
  }
  CHECK(exports[0] == exports[1]);
  // The events keep the types and labels kbq extract gave them.
  CHECK(exports[0].find("\"type\":\"phone_call\"") != std::string::npos);
}

TEST_CASE("kbq ingest reads saved HTML pages and --encoding rejects an unknown name",
          "[query][cli][ingest]") {
  const std::string db = TempDir() + "/db";
  const std::string page = std::string(KBQ_SOURCE_DIR) + "/tests/ingest/data/web/en_wire.html";
  CliRun r = RunKbq({"--db", db, "ingest", "-q", page});
  INFO(r.err);
  CHECK(r.code == 0);
  CHECK(r.err.find("ingested 1, skipped 0 as duplicates, failed 0") != std::string::npos);
  CHECK(r.err.find("dropped <div class=\"share-buttons\"> block") != std::string::npos);
  CliRun bad = RunKbq({"--db", db, "ingest", "--encoding", "ebcdic", page});
  CHECK(bad.code == 2);
  CHECK(bad.err.find("kbq: --encoding: unsupported encoding 'ebcdic'") == 0);
}

TEST_CASE("kbq: NO_COLOR and pipes get no escape codes", "[query][cli]") {
  CliRun r = RunKbq({"--db", SeedStore(), "timeline", "Ukraine"}, {{"NO_COLOR", "1"}});
  CHECK(r.out.find('\x1b') == std::string::npos);
}

TEST_CASE("kbq check exits 1 on a cause dated after its effect", "[query][cli]") {
  std::string db = TempDir() + "/db";
  {
    kbq::StoreOptions o;
    o.create_if_missing = true;
    auto store = kbq::Store::Open(db, o);
    REQUIRE(store.ok());
    kbq::CommitBatch batch;
    for (const auto& [id, date] : {std::pair{"ev-00000000000000aa", "2024-03-01"},
                                   std::pair{"ev-00000000000000bb", "2024-01-10"}}) {
      kbq::Event e;
      e.id = id;
      e.type = "meet";
      e.date = kbq::TimeValue::Parse(date);
      e.participants = {{"FRA", kbq::Role::kSource}};
      batch.events.push_back(e);
    }
    // The March meeting "causes" the January one.
    batch.links.push_back(
        kbq::Link{"ev-00000000000000aa", "ev-00000000000000bb", kbq::LinkKind::kCauses, "", 0.9});
    kbq::CommitResult result;
    REQUIRE((*store)->Commit(batch, &result).ok());
  }
  // A cause after its effect is a finding about the content, not damage.
  CliRun r = RunKbq({"--db", db, "check"});
  INFO(r.out << r.err);
  CHECK(r.code == 0);
  CHECK(r.out.find("store ok; 1 finding in the event graph") != std::string::npos);
  CHECK(r.out.find("finding: ") != std::string::npos);
  CHECK(r.out.find("ev-00000000000000aa") != std::string::npos);
  CliRun strict = RunKbq({"--db", db, "check", "--strict"});
  CHECK(strict.code == 1);
  CliRun j = RunKbq({"--db", db, "check", "--json"});
  CHECK(j.code == 0);
  json report = json::parse(j.out);
  CHECK(report["ok"] == true);
  CHECK(report["problems"].empty());
  CHECK(report["findings"].size() == 1);
  CHECK(RunKbq({"--db", db, "check", "--json", "--strict"}).code == 1);
}

TEST_CASE("kbq timeline: negated and counterfactual events only with --all, marked",
          "[query][cli]") {
  auto hidden = [](const json& events) {
    size_t n = 0;
    for (const auto& e : events) n += (e["modality"] == "negated" || e["modality"] == "counterfactual");
    return n;
  };
  CliRun plain = RunKbq({"--db", SeedStore(), "timeline", "Ukraine", "--json"});
  CliRun all = RunKbq({"--db", SeedStore(), "timeline", "Ukraine", "--all", "--json"});
  REQUIRE(plain.code == 0);
  REQUIRE(all.code == 0);
  CHECK(hidden(json::parse(plain.out)) == 0);
  size_t n = hidden(json::parse(all.out));
  CHECK(json::parse(all.out).size() == json::parse(plain.out).size() + n);
  CliRun text = RunKbq({"--db", SeedStore(), "timeline", "Ukraine", "--all"});
  size_t marks = 0;
  for (const std::string mark : {"[negated]", "[counterfactual]"}) {
    for (size_t p = text.out.find(mark); p != std::string::npos; p = text.out.find(mark, p + 1)) ++marks;
  }
  CHECK(marks == n);
}

TEST_CASE("kbq eval prints a table and one JSON line per measurement", "[query][cli][eval]") {
  // Run from a folder without ../shared/data, so only $KBQ_SHARED_DATA is left.
  std::string here = TempDir() + "/a";
  fs::create_directories(here);
  CliRun missing =
      RunKbq({"eval", "timex"}, {{"KBQ_SHARED_DATA", "/nonexistent-kbq-data"}}, here);
  CHECK(missing.code == 1);
  CHECK(missing.err == "kbq: $KBQ_SHARED_DATA: no folder /nonexistent-kbq-data\n");
  if (!fs::exists(std::string(KBQ_SHARED_DATA) + "/plover/gsr_dev.json")) {
    WARN("skipped: shared data not found: " << KBQ_SHARED_DATA);
    return;
  }
  auto what = GENERATE(as<std::string>{}, "timex", "actors", "events");
  CliRun r = RunKbq({"eval", what, "--data", KBQ_SHARED_DATA});
  INFO(r.out << r.err);
  REQUIRE(r.code == 0);
  std::string last = r.out.substr(r.out.rfind('\n', r.out.size() - 2) + 1);
  json j = json::parse(last);
  CHECK(j["eval"] == what);
  CHECK(r.out.find("%") != std::string::npos);  // the table
}
