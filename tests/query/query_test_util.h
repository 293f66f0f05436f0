// Helpers shared by the query tests: a seed store built once with the real
// pipeline, temporary folders, and running the kbq binary as a child process.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace kbq::query_test {

struct CliRun {
  int code = -1;  // exit status; -1 when the child did not exit normally
  std::string out;
  std::string err;
};

// A fresh folder under $TMPDIR (or /tmp), removed at exit.
std::string TempDir();

// The path of a store holding examples/ ingested by the real pipeline;
// built on first use, closed before returning.
const std::string& SeedStore();

// Runs KBQ_BINARY with `args` in folder `cwd` (empty: the current one);
// KBQ_DB and NO_COLOR are unset unless given in `env`. Captures stdout and
// stderr.
CliRun RunKbq(const std::vector<std::string>& args,
              const std::vector<std::pair<std::string, std::string>>& env = {},
              const std::string& cwd = "");

}  // namespace kbq::query_test
