// A helper process for the store's crash and lock tests.
//
//   kb_crash_child ingest PATH       commit articles forever (until killed)
//   kb_crash_child ingest-bulk PATH  the same in bulk mode, Flush() every 16
//   kb_crash_child hold PATH         open for writing and wait
//
// Each mode prints "ready" once the store is open.
//
// Article i is "art-<i>" with (i % 5) + 1 events "ev-<i>-<k>", a chain of
// links between them, and an update of the shared event "ev-shared"; the
// crash test checks that each article is present whole or not at all.
#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <string>

#include "kbq/store.h"

namespace {

int Fail(const kbq::Status& s) {
  std::fprintf(stderr, "kb_crash_child: %s\n", s.ToString().c_str());
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: kb_crash_child ingest|ingest-bulk|hold PATH\n");
    return 2;
  }
  std::string mode = argv[1];
  kbq::StoreOptions opts;
  opts.create_if_missing = true;
  opts.bulk_load = mode == "ingest-bulk";
  auto opened = kbq::Store::Open(argv[2], opts);
  if (!opened.ok()) return Fail(opened.status());
  auto store = std::move(opened).value();
  std::printf("ready\n");
  std::fflush(stdout);
  if (mode == "hold") {
    for (;;) pause();
  }
  int since_flush = 0;
  for (int i = 0;; ++i) {
    std::string art = "art-" + std::to_string(i);
    if (store->HasArticle(art)) continue;
    kbq::CommitBatch b;
    b.article = kbq::Article{};
    b.article->id = art;
    b.article->text = "Body of article " + std::to_string(i) + ".";
    int n = i % 5 + 1;
    for (int k = 0; k < n; ++k) {
      kbq::Event e;
      e.id = "ev-" + std::to_string(i) + "-" + std::to_string(k);
      e.type = "meet";
      int32_t day = kbq::DaysFromCivil(2020, 1, 1) + (i * 7 + k) % 2000;
      e.date = kbq::TimeValue::Days(day, day + k, kbq::Precision::kRange);
      e.participants = {{"C" + std::to_string(i % 3), kbq::Role::kSource}};
      e.mentions = {{art, static_cast<uint32_t>(k), 0, 10, "A sentence.", "met", ""}};
      b.events.push_back(e);
      if (k > 0) b.links.push_back({b.events[k - 1].id, e.id, kbq::LinkKind::kBefore, "", 0.5});
    }
    kbq::Event shared;
    shared.id = "ev-shared";
    shared.type = "series";
    shared.date = kbq::TimeValue::Days(kbq::DaysFromCivil(2020, 1, 1) + i % 1000,
                                       kbq::DaysFromCivil(2020, 1, 1) + i % 1000,
                                       kbq::Precision::kDay);
    shared.participants = {{"C" + std::to_string(i % 3), kbq::Role::kOther}};
    b.events.push_back(shared);
    kbq::Status s = store->Commit(b, nullptr);
    if (!s.ok()) return Fail(s);
    if (opts.bulk_load && ++since_flush == 16) {
      since_flush = 0;
      s = store->Flush();
      if (!s.ok()) return Fail(s);
    }
    usleep(300);
  }
}
