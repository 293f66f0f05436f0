// store_bench: write and scan rates of the RocksDB store, and bytes on disk.
//
//   store_bench [--n EVENTS] [--articles K] [--dir PATH] [--keep 1]
//
// 1. bulk: EVENTS synthetic event-stream rows (two participants among 200
//    countries, dates over ten years) in batches of 1000, bulk mode, then
//    Flush(); events/s and bytes on disk per event.
// 2. timeline: every event of one actor (about 1 in 10 rows) over the whole
//    store, and one month of it; events/s.
// 3. engine timelines (kbq::query::Engine, as `kbq timeline C0` runs them):
//    a plain first-100 timeline beside --top 100 (the 100 most salient of
//    the range, in date order) over one week, one month, one year and the
//    whole store; median of 9 runs each, and the ratio top/first-100.
// 4. per article: K articles, each its own Commit() with five events, in
//    normal (WAL) mode; articles/s and events/s.
// It prints figures and never asserts.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "kbq/query/engine.h"
#include "kbq/store.h"

namespace {

using Clock = std::chrono::steady_clock;

double Seconds(Clock::time_point since) {
  return std::chrono::duration<double>(Clock::now() - since).count();
}

void Die(const kbq::Status& s) {
  std::fprintf(stderr, "store_bench: %s\n", s.ToString().c_str());
  std::exit(1);
}

std::unique_ptr<kbq::Store> OpenFresh(const std::string& path, bool bulk) {
  std::error_code ec;
  std::filesystem::remove_all(path, ec);
  kbq::StoreOptions o;
  o.create_if_missing = true;
  o.bulk_load = bulk;
  auto r = kbq::Store::Open(path, o);
  if (!r.ok()) Die(r.status());
  return std::move(r).value();
}

kbq::Event RandomEvent(std::mt19937_64& rng, uint64_t n, const std::string& article) {
  static const char* kTypes[] = {"meet", "negotiate", "phone_call", "statement", "attack", "aid"};
  const int32_t base = kbq::DaysFromCivil(2015, 1, 1);
  kbq::Event e;
  char id[32];
  std::snprintf(id, sizeof id, "ev-%016llx", static_cast<unsigned long long>(rng() ^ n));
  e.id = id;
  e.type = kTypes[rng() % 6];
  e.cameo = "0" + std::to_string(10 + rng() % 90);
  int32_t day = base + static_cast<int32_t>(rng() % 3650);
  e.date = rng() % 10 == 0 ? kbq::TimeValue::Days(day, day + 29, kbq::Precision::kMonth)
                           : kbq::TimeValue::Days(day, day, kbq::Precision::kDay);
  e.date_basis = "explicit";
  // C0 takes part in about one row in ten.
  std::string a = rng() % 10 == 0 ? "C0" : "C" + std::to_string(1 + rng() % 199);
  std::string b = "C" + std::to_string(1 + rng() % 199);
  e.participants = {{a, kbq::Role::kSource}, {b, kbq::Role::kTarget}};
  e.confidence = 0.6;
  e.labels["en"] = a + " " + e.type + " " + b;
  if (!article.empty()) {
    e.mentions = {{article, static_cast<uint32_t>(n % 40), 100, 220,
                   "A sentence of about one hundred and twenty bytes that reports the event, "
                   "its actors and its date.",
                   e.type, "on Friday"}};
  } else {
    e.attributes = {{"num_mentions", static_cast<double>(rng() % 50)},  // as the GDELT reader stores it
                    {"AvgTone", static_cast<double>(rng() % 200) / 10 - 10}};
  }
  return e;
}

}  // namespace

int main(int argc, char** argv) {
  uint64_t n = 1000000;
  int articles = 2000;
  bool keep = false;  // --keep 1: reuse the bulk store of an earlier run
  std::string dir = (std::filesystem::temp_directory_path() / "kbq-store-bench").string();
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string flag = argv[i];
    if (flag == "--n") {
      n = std::strtoull(argv[i + 1], nullptr, 10);
    } else if (flag == "--articles") {
      articles = std::atoi(argv[i + 1]);
    } else if (flag == "--keep") {
      keep = std::atoi(argv[i + 1]) != 0;
    } else if (flag == "--dir") {
      dir = argv[i + 1];
    } else {
      std::fprintf(stderr, "usage: store_bench [--n EVENTS] [--articles K] [--dir PATH] [--keep 1]\n");
      return 2;
    }
  }
  std::mt19937_64 rng(42);

  // 1. Bulk write.
  if (!keep || !std::filesystem::exists(dir + "/bulk")) {
    auto store = OpenFresh(dir + "/bulk", /*bulk=*/true);
    auto start = Clock::now();
    const uint64_t kBatch = 1000;
    for (uint64_t done = 0; done < n;) {
      kbq::CommitBatch b;
      // The 200 countries, so the engine can resolve "C0".
      for (int c = 0; done == 0 && c < 200; ++c) {
        kbq::Actor a;
        a.id = "C" + std::to_string(c);
        a.kind = kbq::ActorKind::kCountry;
        a.names["en"] = "Country " + std::to_string(c);
        b.actors.push_back(std::move(a));
      }
      for (uint64_t i = 0; i < kBatch && done < n; ++i, ++done) {
        b.events.push_back(RandomEvent(rng, done, ""));
      }
      kbq::Status s = store->Commit(b, nullptr);
      if (!s.ok()) Die(s);
    }
    kbq::Status s = store->Flush();
    if (!s.ok()) Die(s);
    double secs = Seconds(start);
    auto stats = store->Stats();
    if (!stats.ok()) Die(stats.status());
    std::printf("bulk write:     %llu events in %.2f s = %.0f events/s\n",
                static_cast<unsigned long long>(n), secs, n / secs);
    std::printf("bytes on disk:  %llu (%.1f bytes/event, after Flush, before compaction)\n",
                static_cast<unsigned long long>(stats->bytes_on_disk),
                static_cast<double>(stats->bytes_on_disk) / n);
  }
  // Reopen so the scan reads what is on disk, not the writer's memtables.
  {
    auto r = kbq::Store::Open(dir + "/bulk", kbq::StoreOptions{});
    if (!r.ok()) Die(r.status());
    auto& store = *r;
    double best = 1e9;
    uint64_t seen_best = 0;
    for (int pass = 0; pass < 5; ++pass) {
      uint64_t seen = 0;
      auto start = Clock::now();
      kbq::Status s = store->ScanActorTimeline("C0", INT32_MIN, INT32_MAX, true,
                                               [&](const kbq::Event&) { return ++seen > 0; });
      if (!s.ok()) Die(s);
      double secs = Seconds(start);
      if (pass == 0) {
        std::printf("timeline scan:  actor C0, %llu of %llu events in %.3f s = %.0f events/s (first)\n",
                    static_cast<unsigned long long>(seen), static_cast<unsigned long long>(n),
                    secs, seen / secs);
      }
      if (secs < best) best = secs, seen_best = seen;
    }
    std::printf("timeline scan:  actor C0, %llu events in %.3f s = %.0f events/s (best of 5)\n",
                static_cast<unsigned long long>(seen_best), best, seen_best / best);
    int32_t from = kbq::DaysFromCivil(2020, 3, 1), to = kbq::DaysFromCivil(2020, 3, 31);
    uint64_t seen = 0;
    auto start = Clock::now();
    kbq::Status s = store->ScanActorTimeline("C0", from, to, true,
                                             [&](const kbq::Event&) { return ++seen > 0; });
    if (!s.ok()) Die(s);
    std::printf("timeline month: actor C0, 2020-03: %llu events in %.4f s\n",
                static_cast<unsigned long long>(seen), Seconds(start));
  }

  // 3. Engine timelines: first 100 vs --top 100 over ranges of C0's events.
  {
    kbq::StoreOptions ro;
    ro.read_only = true;
    auto r = kbq::Store::Open(dir + "/bulk", ro);
    if (!r.ok()) Die(r.status());
    kbq::query::Engine engine(**r);
    auto median_ms = [&](const kbq::query::TimelineQuery& q, size_t* rows, size_t* scanned) {
      std::vector<double> ms;
      for (int rep = 0; rep < 9; ++rep) {
        auto start = Clock::now();
        auto t = engine.Timeline(q);
        if (!t.ok()) Die(t.status());
        ms.push_back(Seconds(start) * 1000);
        *rows = t->rows.size();
        *scanned = t->rows.size() + t->hidden.total();
      }
      std::sort(ms.begin(), ms.end());
      return ms[ms.size() / 2];
    };
    struct Range {
      const char* name;
      const char* from;
      const char* to;
    };
    for (const Range& range : {Range{"one week", "2020-03-02", "2020-03-08"},
                               Range{"one month", "2020-03", "2020-03"},
                               Range{"one year", "2020", "2020"}, Range{"whole store", "", ""}}) {
      kbq::query::TimelineQuery q;
      q.actor = "C0";
      q.strict = true;
      if (*range.from) q.from = kbq::TimeValue::Parse(range.from);
      if (*range.to) q.to = kbq::TimeValue::Parse(range.to);
      q.limit = 100;
      size_t rows = 0, scanned = 0;
      double plain = median_ms(q, &rows, &scanned);
      q.limit = 0;
      q.top = 100;
      size_t top_rows = 0, in_range = 0;
      double top = median_ms(q, &top_rows, &in_range);
      std::printf("engine timeline %-11s first 100: %7.2f ms (%zu rows)   --top 100: %7.2f ms (%zu of %zu)"
                  "   top/first = %.2f\n",
                  range.name, plain, rows, top, top_rows, in_range, top / plain);
    }
  }

  // 4. One commit per article.
  {
    auto store = OpenFresh(dir + "/articles", /*bulk=*/false);
    std::string text(2000, 'x');
    auto start = Clock::now();
    uint64_t events = 0;
    for (int i = 0; i < articles; ++i) {
      kbq::CommitBatch b;
      b.article = kbq::Article{};
      b.article->id = "art-" + std::to_string(i);
      b.article->text = text + std::to_string(i);
      for (int k = 0; k < 5; ++k) b.events.push_back(RandomEvent(rng, i * 5 + k, b.article->id));
      events += b.events.size();
      kbq::Status s = store->Commit(b, nullptr);
      if (!s.ok()) Die(s);
    }
    double secs = Seconds(start);
    std::printf("per article:    %d articles (%llu events) in %.2f s = %.0f articles/s, %.0f events/s\n",
                articles, static_cast<unsigned long long>(events), secs, articles / secs,
                events / secs);
  }
  std::error_code ec;
  if (!keep) std::filesystem::remove_all(dir, ec);
  return 0;
}
