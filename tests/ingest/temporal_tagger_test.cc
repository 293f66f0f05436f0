// Tests of the temporal tagger: the hand-written tables in tests/ingest/data,
// the seed article, bad input, and (when /work/shared/data exists) the
// Duckling and MEANTIME measurements.
#include "kbq/ingest/temporal_tagger.h"

#include <catch2/catch.hpp>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "kbq/ingest/timex_eval.h"

using namespace kbq;
using namespace kbq::ingest;

namespace {

// "2025-05-17T23:20:15+08:00" or "2025-05-17" (noon UTC).
TagContext ContextFor(const std::string& published) {
  TagContext ctx;
  int y = 0, mo = 0, d = 0, h = 12, mi = 0, s = 0, oh = 0, om = 0;
  char sign = '+';
  if (published.size() >= 25) {
    std::sscanf(published.c_str(), "%d-%d-%dT%d:%d:%d%c%d:%d", &y, &mo, &d, &h, &mi, &s, &sign,
                &oh, &om);
  } else {
    std::sscanf(published.c_str(), "%d-%d-%d", &y, &mo, &d);
  }
  int offset = (sign == '-' ? -1 : 1) * (oh * 60 + om);
  int64_t local = static_cast<int64_t>(DaysFromCivil(y, mo, d)) * 86400 + h * 3600 + mi * 60 + s;
  ctx.published_utc = local - offset * 60;
  ctx.offset_minutes = offset;
  return ctx;
}

std::string Dump(const std::vector<TimeMention>& ms) {
  std::string out;
  for (const auto& m : ms) {
    out += "[" + m.text + "] " + m.value.ToString() + " " +
           std::string(PrecisionName(m.value.precision)) + " " +
           std::string(ResolutionName(m.resolution)) + (m.is_duration ? " duration" : "") +
           (m.future ? " future" : "") +
           (m.minute_of_day >= 0 ? " @" + std::to_string(m.minute_of_day) : "") + "\n";
  }
  return out;
}

std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<std::string> SplitTab(const std::string& line) {
  std::vector<std::string> f;
  size_t start = 0;
  while (true) {
    size_t t = line.find('\t', start);
    f.push_back(line.substr(start, t == std::string::npos ? std::string::npos : t - start));
    if (t == std::string::npos) break;
    start = t + 1;
  }
  return f;
}

}  // namespace

// Prints the mentions of $KBQ_TIMEX_TEXT (published $KBQ_TIMEX_PUB): a
// debugging aid, hidden from the default run.
TEST_CASE("dump mentions of a text", "[.dump]") {
  const char* text = std::getenv("KBQ_TIMEX_TEXT");
  const char* pub = std::getenv("KBQ_TIMEX_PUB");
  if (!text) return;
  TemporalTagger tagger;
  std::vector<Diagnostic> diags;
  std::string t = text;
  if (t.rfind("@", 0) == 0) t = ReadAll(t.substr(1));
  auto ms = tagger.Tag(t, ContextFor(pub ? pub : "2025-05-17T23:20:15+08:00"), &diags);
  std::cout << Dump(ms);
  for (auto& d : diags) std::cout << "diag: " << d.message << " @" << d.byte_offset << "\n";
}

namespace {

struct TableResult {
  int rows = 0, passed = 0, known_fail = 0, known_fail_passing = 0;
  std::vector<std::string> unexpected;  // failing rows not marked known_fail
};

// Walks a table: each row's expected_text must be found with the given start,
// end and precision; "-" means no mention at all in the text.
TableResult RunTable(const std::string& path) {
  TableResult r;
  std::ifstream in(path);
  REQUIRE(in.good());
  std::string line;
  std::getline(in, line);  // header
  TemporalTagger tagger;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    auto f = SplitTab(line);
    REQUIRE(f.size() == 7);
    ++r.rows;
    std::vector<Diagnostic> diags;
    auto ms = tagger.Tag(f[0], ContextFor(f[1]), &diags);
    bool ok = false;
    std::string got = Dump(ms);
    if (f[2] == "-") {
      ok = ms.empty();
    } else {
      for (const auto& m : ms) {
        if (m.text != f[2]) continue;
        ok = m.value.ok() && FormatDay(m.value.earliest) == f[3] &&
             FormatDay(m.value.latest) == f[4] && PrecisionName(m.value.precision) == f[5];
        break;
      }
    }
    bool known = f[6].find("known_fail") != std::string::npos;
    if (known) ++r.known_fail;
    if (ok) {
      ++r.passed;
      if (known) ++r.known_fail_passing;
    } else if (!known) {
      r.unexpected.push_back(f[0] + " | expected [" + f[2] + "] " + f[3] + ".." + f[4] + " " +
                             f[5] + " | got " + (got.empty() ? "nothing\n" : got));
    }
  }
  return r;
}

}  // namespace

TEST_CASE("Chinese expressions in the table resolve to the expected span and value") {
  auto r = RunTable(std::string(KBQ_SOURCE_DIR) + "/tests/ingest/data/timex_zh.tsv");
  for (const auto& u : r.unexpected) FAIL_CHECK(u);
  WARN("timex_zh.tsv: " << r.passed << "/" << r.rows << " pass; known_fail rows " << r.known_fail
                        << " (" << r.known_fail_passing << " of them now pass)");
  CHECK(r.rows >= 200);
  CHECK(r.unexpected.empty());
}

TEST_CASE("English expressions in the table resolve to the expected span and value") {
  auto r = RunTable(std::string(KBQ_SOURCE_DIR) + "/tests/ingest/data/timex_en.tsv");
  for (const auto& u : r.unexpected) FAIL_CHECK(u);
  WARN("timex_en.tsv: " << r.passed << "/" << r.rows << " pass; known_fail rows " << r.known_fail
                        << " (" << r.known_fail_passing << " of them now pass)");
  CHECK(r.rows >= 150);
  CHECK(r.unexpected.empty());
}
