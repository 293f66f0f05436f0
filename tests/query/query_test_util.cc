#include "query_test_util.h"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <stdexcept>

#include "kbq/ingest/pipeline.h"
#include "kbq/store.h"

namespace kbq::query_test {
namespace {

namespace fs = std::filesystem;

struct TempDirs {
  std::vector<std::string> dirs;
  ~TempDirs() {
    if (std::getenv("KBQ_KEEP_TEMP") != nullptr) return;
    for (const auto& d : dirs) {
      std::error_code ec;
      fs::remove_all(d, ec);
    }
  }
};
TempDirs& Dirs() {
  static TempDirs dirs;
  return dirs;
}

std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

std::string TempDir() {
  const char* base = std::getenv("TMPDIR");
  std::string templ = std::string(base && *base ? base : "/tmp") + "/kbq_query_test.XXXXXX";
  std::vector<char> buf(templ.begin(), templ.end());
  buf.push_back('\0');
  if (mkdtemp(buf.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  Dirs().dirs.emplace_back(buf.data());
  return buf.data();
}

const std::string& SeedStore() {
  static std::string path = [] {
    std::string db = TempDir() + "/seed.db";
    StoreOptions o;
    o.create_if_missing = true;
    auto store = Store::Open(db, o);
    if (!store.ok()) throw std::runtime_error("open " + db + ": " + store.status().message());
    auto pipeline = ingest::Pipeline::Create(store->get());
    if (!pipeline.ok()) throw std::runtime_error(pipeline.status().message());
    ingest::IngestOptions options;
    ingest::IngestReport report;
    Status s = (*pipeline)->Ingest({std::string(KBQ_SOURCE_DIR) + "/examples"}, options,
                                   store->get(), &report);
    if (!s.ok()) throw std::runtime_error("ingest: " + s.message());
    if (report.ingested == 0) throw std::runtime_error("ingest: nothing ingested from examples/");
    return db;
  }();
  return path;
}

CliRun RunKbq(const std::vector<std::string>& args,
              const std::vector<std::pair<std::string, std::string>>& env,
              const std::string& cwd) {
  std::string dir = TempDir();
  std::string out_path = dir + "/out", err_path = dir + "/err";
  pid_t pid = fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    int out = open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    int err = open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    int null = open("/dev/null", O_RDONLY);
    if (out < 0 || err < 0 || null < 0) _exit(127);
    dup2(null, 0);
    dup2(out, 1);
    dup2(err, 2);
    if (!cwd.empty() && chdir(cwd.c_str()) != 0) _exit(126);
    unsetenv("KBQ_DB");
    unsetenv("NO_COLOR");
    for (const auto& [k, v] : env) setenv(k.c_str(), v.c_str(), 1);
    std::vector<char*> argv;
    std::string bin = KBQ_BINARY;
    argv.push_back(bin.data());
    std::vector<std::string> copy = args;
    for (auto& a : copy) argv.push_back(a.data());
    argv.push_back(nullptr);
    execv(bin.c_str(), argv.data());
    _exit(127);
  }
  int status = 0;
  while (waitpid(pid, &status, 0) < 0) {
  }
  CliRun r;
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = Slurp(out_path);
  r.err = Slurp(err_path);
  return r;
}

}  // namespace kbq::query_test
