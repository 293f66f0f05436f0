// Every `$ kbq …` example in docs/query.md is run against a fresh store and
// must print what the document shows, so the reference cannot drift from the
// tool. Blocks run in order (the first ingests examples/), from the
// repository folder, with KBQ_DB pointing at a temporary store.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "query_test_util.h"

namespace {

using kbq::query_test::CliRun;
using kbq::query_test::RunKbq;
using kbq::query_test::TempDir;

struct Example {
  size_t line = 0;
  std::string command;   // after "$ kbq "
  std::string expected;  // the lines after the command, up to the closing fence
};

std::vector<Example> ReadExamples(const std::string& path) {
  std::ifstream in(path);
  std::vector<Example> out;
  std::string line;
  size_t n = 0;
  Example* open = nullptr;
  bool in_block = false;
  while (std::getline(in, line)) {
    ++n;
    if (line.rfind("```", 0) == 0) {
      in_block = !in_block;
      open = nullptr;
      continue;
    }
    if (!in_block) continue;
    if (line.rfind("$ kbq ", 0) == 0) {
      out.push_back(Example{n, line.substr(6), ""});
      open = &out.back();
    } else if (open != nullptr) {
      open->expected += line + "\n";
    }
  }
  return out;
}

std::vector<std::string> Words(const std::string& s) {
  std::istringstream in(s);
  std::vector<std::string> words;
  for (std::string w; in >> w;) words.push_back(w);
  return words;
}

// What varies between runs: the store's path and the time an ingest took.
std::string Normalise(std::string s, const std::string& db) {
  for (size_t p = 0; (p = s.find(db, p)) != std::string::npos;) s.replace(p, db.size(), "kbq.db");
  for (size_t p = 0; (p = s.find(" ms)", p)) != std::string::npos; p += 4) {
    size_t b = p;
    while (b > 0 && std::isdigit(static_cast<unsigned char>(s[b - 1]))) --b;
    if (b < p) {
      s.replace(b, p - b, "N");
      p = b + 1;
    }
  }
  return s;
}

}  // namespace

TEST_CASE("docs/query.md: every kbq example prints what the document shows", "[query][docs]") {
  const std::string source = KBQ_SOURCE_DIR;
  auto examples = ReadExamples(source + "/docs/query.md");
  REQUIRE(examples.size() >= 8);
  REQUIRE(examples.front().command.rfind("ingest", 0) == 0);
  const std::string db = TempDir() + "/kbq.db";
  bool shared = std::filesystem::exists(KBQ_SHARED_DATA);
  for (const auto& ex : examples) {
    if (ex.command.rfind("eval", 0) == 0 && !shared) {
      WARN("skipped `kbq " << ex.command << "`: no " << KBQ_SHARED_DATA);
      continue;
    }
    CliRun run = RunKbq(Words(ex.command), {{"KBQ_DB", db}, {"NO_COLOR", "1"}}, source);
    std::string got = Normalise(run.out + run.err, db);
    INFO("docs/query.md:" << ex.line << ": kbq " << ex.command);
    CHECK(got == Normalise(ex.expected, db));
  }
}
