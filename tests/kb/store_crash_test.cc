// Crash and lock tests with a child process (tests/kb/crash_child.cc): the
// child is SIGKILLed at random points; every reopen must pass Check() and hold
// whole articles only.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <random>
#include <thread>

#include "kbq/store.h"
#include "store_test_util.h"

namespace {

pid_t Spawn(const std::string& mode, const std::string& path, int* stdout_fd,
            const std::string& tag = "") {
  int fds[2] = {-1, -1};
  if (stdout_fd != nullptr && pipe(fds) != 0) return -1;
  pid_t pid = fork();
  if (pid == 0) {
    if (stdout_fd != nullptr) {
      dup2(fds[1], STDOUT_FILENO);
      close(fds[0]);
      close(fds[1]);
    }
    if (tag.empty()) {
      execl(KBQ_CRASH_CHILD, "kb_crash_child", mode.c_str(), path.c_str(), static_cast<char*>(nullptr));
    } else {
      execl(KBQ_CRASH_CHILD, "kb_crash_child", mode.c_str(), path.c_str(), tag.c_str(),
            static_cast<char*>(nullptr));
    }
    _exit(127);
  }
  if (stdout_fd != nullptr) {
    close(fds[1]);
    *stdout_fd = fds[0];
  }
  return pid;
}

// One line from `fd` (without the newline); empty at end of file.
std::string ReadLine(int fd) {
  std::string line;
  char c = 0;
  while (read(fd, &c, 1) == 1 && c != '\n') line.push_back(c);
  return line;
}

void Kill(pid_t pid) {
  kill(pid, SIGKILL);
  int status = 0;
  waitpid(pid, &status, 0);
}

}  // namespace

TEST_CASE("Store: after SIGKILL at random points only whole articles are present",
          "[kb][store][crash]") {
  int rounds = 50;
  if (const char* env = std::getenv("KBQ_CRASH_ROUNDS")) rounds = std::max(1, std::atoi(env));
  std::mt19937 rng(Catch::rngSeed());
  kbq::testing::TempDir dir;
  std::string path = dir.Sub("db");
  uint64_t last_articles = 0;
  for (int round = 0; round < rounds; ++round) {
    // Every third round runs in bulk mode (no WAL, atomic flushes).
    std::string mode = round % 3 == 2 ? "ingest-bulk" : "ingest";
    int out = -1;
    pid_t pid = Spawn(mode, path, &out);
    REQUIRE(pid > 0);
    // One round in five kills at once, during start-up or store creation;
    // the others wait until the store is open (slow under sanitizers), then
    // kill mid-ingest.
    if (round % 5 == 4) {
      std::this_thread::sleep_for(
          std::chrono::milliseconds(std::uniform_int_distribution<int>(0, 40)(rng)));
    } else {
      REQUIRE(ReadLine(out) == "ready");
      std::this_thread::sleep_for(
          std::chrono::milliseconds(std::uniform_int_distribution<int>(5, 120)(rng)));
    }
    Kill(pid);
    close(out);

    auto opened = kbq::Store::Open(path, kbq::StoreOptions{});
    if (opened.status().IsNotFound()) continue;  // killed before it created the store
    INFO("round " << round << " (" << mode << "): " << opened.status().ToString());
    REQUIRE(opened.ok());
    auto& store = *opened;
    auto report = store->Check();
    REQUIRE(report.ok());
    for (const auto& p : report->problems) UNSCOPED_INFO(p);
    REQUIRE(report->ok());

    uint64_t articles = report->stats.articles;
    CHECK(articles >= last_articles);  // what a reopen saw was durable
    last_articles = articles;
    // The child commits art-0, art-1, ... in order, so the stored ones are a
    // prefix; each holds exactly (i % 5) + 1 events, and nothing beyond.
    uint64_t expected_events = 0;
    std::string wrong;  // the first mismatch; assertions per article would dominate the runtime
    for (uint64_t i = 0; i < articles + 3 && wrong.empty(); ++i) {
      bool present = store->HasArticle("art-" + std::to_string(i));
      if (present != (i < articles)) wrong = "art-" + std::to_string(i) + " presence";
      int n = static_cast<int>(i % 5) + 1;
      for (int k = 0; k <= n && wrong.empty(); ++k) {
        std::string id = "ev-" + std::to_string(i) + "-" + std::to_string(k);
        if (store->GetEvent(id).ok() != (present && k < n)) wrong = id + " presence";
      }
      if (present) expected_events += n;
    }
    INFO("first mismatch: " << wrong);
    REQUIRE(wrong.empty());
    CHECK(report->stats.events == expected_events + (articles > 0 ? 1 : 0));
  }
  // The child made progress: the test can fail if it never commits.
  CHECK(last_articles > 20);
  WARN("crash test: " << rounds << " kills, " << last_articles << " articles at the end");
}

TEST_CASE("Store: after SIGKILL during a bulk import the import is all in or all out",
          "[kb][store][crash][bulk]") {
  int rounds = 8;
  if (const char* env = std::getenv("KBQ_CRASH_ROUNDS")) rounds = std::max(1, std::atoi(env) / 6);
  constexpr int kEvents = 5000;  // kb_crash_child's kBulkEvents
  std::mt19937 rng(Catch::rngSeed());
  kbq::testing::TempDir dir;
  std::string path = dir.Sub("db");
  uint64_t expected_events = 0;
  int in = 0, out_count = 0;
  // Round 0 is never killed: an import that runs to the end is in, and its
  // duration sets the window in which the later rounds are killed.
  int64_t window_ms = 0;
  for (int round = 0; round <= rounds; ++round) {
    const std::string tag = std::to_string(round);
    int out = -1;
    pid_t pid = Spawn("bulk-import", path, &out, tag);
    REQUIRE(pid > 0);
    REQUIRE(ReadLine(out) == "ready");
    if (round > 0) {
      std::this_thread::sleep_for(std::chrono::milliseconds(
          std::uniform_int_distribution<int64_t>(0, window_ms * 5 / 4)(rng)));
      Kill(pid);  // a child that finished first is just reaped
    } else {
      auto t0 = std::chrono::steady_clock::now();
      CHECK(ReadLine(out) == "done");
      window_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                      std::chrono::steady_clock::now() - t0).count();
      int status = 0;
      waitpid(pid, &status, 0);
      CHECK(WIFEXITED(status));
    }
    close(out);

    auto opened = kbq::Store::Open(path, kbq::StoreOptions{});
    INFO("round " << round << ": " << opened.status().ToString());
    REQUIRE(opened.ok());
    auto report = (*opened)->Check();
    REQUIRE(report.ok());
    for (const auto& p : report->problems) UNSCOPED_INFO(p);
    REQUIRE(report->ok());
    // All of this round's import or none of it: the article, events at both
    // ends and in the middle, and their links.
    const bool present = (*opened)->HasArticle("bulk-" + tag);
    for (int i : {0, 1, kEvents / 2, kEvents - 1}) {
      INFO("event " << i);
      REQUIRE((*opened)->GetEvent("bulk-" + tag + "-" + std::to_string(i)).ok() == present);
    }
    auto links = (*opened)->LinksFrom("bulk-" + tag + "-" + std::to_string(kEvents - 2));
    REQUIRE(links.ok());
    CHECK(links->size() == (present ? 1u : 0u));
    if (present) expected_events += kEvents;
    (present ? in : out_count) += 1;
    CHECK(report->stats.events == expected_events);
  }
  CHECK(in >= 1);
  WARN("bulk crash test: " << rounds << " kills within " << window_ms * 5 / 4 << " ms, " << in
                             << " imports in, " << out_count << " out");
}

TEST_CASE("Store: a second writer in another process gets Busy", "[kb][store][errors]") {
  kbq::testing::TempDir dir;
  std::string path = dir.Sub("db");
  int out = -1;
  pid_t pid = Spawn("hold", path, &out);
  REQUIRE(pid > 0);
  std::string line = ReadLine(out);  // blocks until the child holds the lock
  close(out);
  REQUIRE(line == "ready");
  auto second = kbq::Store::Open(path, kbq::StoreOptions{});
  kbq::StoreOptions ro;
  ro.read_only = true;
  auto reader = kbq::Store::Open(path, ro);
  Kill(pid);
  REQUIRE(second.status().IsBusy());
  CHECK(second.status().message() == "store is locked by another kbq process");
  CHECK(reader.ok());
}
