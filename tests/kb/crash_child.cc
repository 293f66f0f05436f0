// A helper process for the store's crash and lock tests.
//
//   kb_crash_child ingest PATH       commit articles forever (until killed)
//   kb_crash_child ingest-bulk PATH  the same in bulk mode, Flush() every 16
//   kb_crash_child hold PATH         open for writing and wait
//   kb_crash_child bulk-import PATH TAG
//                                    one Store::BulkImport of article
//                                    "bulk-TAG" and kBulkEvents events
//                                    "bulk-TAG-<i>" (a chain of links), then
//                                    print "done" and exit
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

constexpr int kBulkEvents = 5000;

// Events in batches of 1000, with a small memory budget so that sorted runs
// are spilled and merged too.
int BulkImport(kbq::Store* store, const std::string& tag) {
  kbq::BulkImportOptions o;
  o.memory_budget = 1 << 20;
  auto importer = store->BulkImport(o);
  if (!importer.ok()) return Fail(importer.status());
  for (int first = 0; first < kBulkEvents; first += 1000) {
    kbq::CommitBatch b;
    if (first == 0) {
      b.article = kbq::Article{};
      b.article->id = "bulk-" + tag;
      b.article->text = "Bulk article " + tag + ".";
    }
    for (int i = first; i < first + 1000; ++i) {
      kbq::Event e;
      e.id = "bulk-" + tag + "-" + std::to_string(i);
      e.type = "meet";
      int32_t day = kbq::DaysFromCivil(2021, 1, 1) + i % 700;
      e.date = kbq::TimeValue::Days(day, day, kbq::Precision::kDay);
      e.participants = {{"C" + std::to_string(i % 3), kbq::Role::kSource}};
      b.events.push_back(e);
      if (i > 0) {
        b.links.push_back({"bulk-" + tag + "-" + std::to_string(i - 1), e.id, kbq::LinkKind::kBefore, "", 0.5});
      }
    }
    if (kbq::Status s = (*importer)->Add(std::move(b)); !s.ok()) return Fail(s);
  }
  kbq::BulkImportResult r;
  if (kbq::Status s = (*importer)->Finish(&r); !s.ok()) return Fail(s);
  std::printf("done\n");
  std::fflush(stdout);
  return 0;
}

int main(int argc, char** argv) {
  std::string mode = argc > 1 ? argv[1] : "";
  if (argc != (mode == "bulk-import" ? 4 : 3)) {
    std::fprintf(stderr, "usage: kb_crash_child ingest|ingest-bulk|hold PATH | bulk-import PATH TAG\n");
    return 2;
  }
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
  if (mode == "bulk-import") return BulkImport(store.get(), argv[3]);
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
