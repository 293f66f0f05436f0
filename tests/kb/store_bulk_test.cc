// Store::BulkImport against Commit: the same batches through both paths
// must leave stores that read back the same; duplicates inside an import and
// against stored rows; what an import refuses.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <climits>
#include <filesystem>
#include <string>
#include <tuple>
#include <vector>

#include "kbq/model_json.h"
#include "kbq/store.h"
#include "run_sorter.h"
#include "store_test_util.h"

namespace {

using kbq::BulkImportOptions;
using kbq::BulkImportResult;
using kbq::CommitBatch;
using kbq::Event;
using kbq::Store;
using kbq::Status;
using kbq::TimeValue;
using kbq::testing::MakeActor;
using kbq::testing::MakeArticle;
using kbq::testing::MakeEvent;
using kbq::testing::TempDir;

using kbq::testing::OpenNew;

// Everything a reader can see, as one JSON document: every actor, event,
// name entry and link, each actor's timelines and counters, the counts.
nlohmann::json Dump(const Store& s) {
  nlohmann::json out;
  std::vector<std::string> actor_ids;
  REQUIRE(s.ScanActors([&](const kbq::Actor& a) {
               out["actors"].push_back(a);
               actor_ids.push_back(a.id);
               return true;
             }).ok());
  actor_ids.push_back("X-unknown");  // named by events, no record
  REQUIRE(s.ScanDateRange(INT32_MIN, INT32_MAX, [&](const Event& e) {
               out["events"].push_back(e);
               return true;
             }).ok());
  REQUIRE(s.ScanNames([&](std::string_view name, std::string_view id) {
               out["names"].push_back({name, id});
               return true;
             }).ok());
  REQUIRE(s.ScanLinks([&](const kbq::Link& l) {
               out["links"].push_back(l);
               return true;
             }).ok());
  for (const auto& id : actor_ids) {
    for (bool strict : {false, true}) {
      nlohmann::json ids = nlohmann::json::array();
      REQUIRE(s.ScanActorTimeline(id, INT32_MIN, INT32_MAX, strict, [&](const Event& e) {
                   ids.push_back(e.id);
                   return true;
                 }).ok());
      auto n = s.CountActorTimeline(id, INT32_MIN, INT32_MAX, strict);
      REQUIRE(n.ok());
      REQUIRE(*n == ids.size());
      out["timelines"][id + (strict ? "/strict" : "")] = ids;
    }
  }
  auto st = s.Stats();
  REQUIRE(st.ok());
  out["counts"] = {st->articles, st->events, st->actors, st->links};
  auto report = s.Check();
  REQUIRE(report.ok());
  for (const auto& p : report->problems) UNSCOPED_INFO(p);
  REQUIRE(report->ok());
  return out;
}

// Three articles' worth of batches over a small world: a country, its
// ministry, a place in it, a person affiliated with the ministry for a while,
// events that name them (one names an actor with no record), links.
std::vector<CommitBatch> Batches() {
  std::vector<CommitBatch> out;
  const int32_t d = kbq::DaysFromCivil(2024, 3, 1);
  CommitBatch world;
  world.actors.push_back(MakeActor("NOR", kbq::ActorKind::kCountry, "Norway"));
  world.actors.push_back(MakeActor("gov:nor-mfa", kbq::ActorKind::kGovernmentBody,
                                   "Norwegian foreign ministry", {"NOR"}));
  world.actors.push_back(MakeActor("place:tromso", kbq::ActorKind::kPlace, "Tromsø", {"NOR"}));
  kbq::Actor envoy = MakeActor("person:envoy", kbq::ActorKind::kPerson, "The envoy");
  envoy.affiliations.push_back(
      {"gov:nor-mfa", "envoy", TimeValue::Days(d, d + 60, kbq::Precision::kRange)});
  world.actors.push_back(envoy);
  out.push_back(world);
  for (int a = 0; a < 3; ++a) {
    CommitBatch b;
    b.article = MakeArticle("art-" + std::to_string(a),
                            "Fishing quota talks were held in Tromsø, day " + std::to_string(a) + ".");
    for (int k = 0; k < 4; ++k) {
      int32_t day = d + a * 30 + k;
      Event e = MakeEvent("ev-" + std::to_string(a) + "-" + std::to_string(k), k % 2 ? "negotiate" : "meet",
                          TimeValue::Days(day, day, kbq::Precision::kDay),
                          {k == 3 ? "X-unknown" : "person:envoy", "NOR"});
      if (k == 1) e.place_id = "place:tromso";
      e.mentions.push_back({b.article->id, static_cast<uint32_t>(k), 0, 10, "talks were held", "talks", ""});
      b.events.push_back(e);
      if (k > 0) b.links.push_back({b.events[k - 1].id, e.id, kbq::LinkKind::kBefore, "then", 0.7});
    }
    if (a > 0) b.links.push_back({"ev-0-0", b.events[0].id, kbq::LinkKind::kStoryline, "", 0.5});
    out.push_back(b);
  }
  return out;
}

Status Import(Store* s, std::vector<CommitBatch> batches, BulkImportResult* r,
              BulkImportOptions o = {}) {
  auto importer = s->BulkImport(o);
  if (!importer.ok()) return importer.status();
  for (auto& b : batches) {
    if (Status st = (*importer)->Add(std::move(b)); !st.ok()) return st;
  }
  return (*importer)->Finish(r);
}

// Commits the first two batches (the world, art-0) to both stores.
void CommitFirstTwo(const std::vector<CommitBatch>& batches, Store* a, Store* b) {
  for (size_t i = 0; i < 2; ++i) {
    REQUIRE(a->Commit(batches[i], nullptr).ok());
    REQUIRE(b->Commit(batches[i], nullptr).ok());
  }
}

}  // namespace

TEST_CASE("BulkImport: the same batches leave the same store as Commit", "[kb][store][bulk]") {
  // A tiny budget spills sorted runs and merges them; a large one does not.
  size_t budget = GENERATE(size_t{1} << 26, size_t{2048});
  TempDir dir;
  auto committed = OpenNew(dir.Sub("commit"));
  for (const auto& b : Batches()) REQUIRE(committed->Commit(b, nullptr).ok());
  auto bulk = OpenNew(dir.Sub("bulk"));
  BulkImportResult r;
  BulkImportOptions o;
  o.memory_budget = budget;
  Status s = Import(bulk.get(), Batches(), &r, o);
  INFO(s.ToString());
  REQUIRE(s.ok());
  CHECK(r.events_new == 12);
  CHECK(r.actors_new == 4);
  CHECK(r.articles == 3);
  CHECK(r.links_new == 11);
  CHECK((budget < 4096) == (r.runs_spilled > 0));
  // The temporary directory is gone.
  CHECK_FALSE(std::filesystem::exists(dir.Sub("bulk") + "/kbq-bulk.tmp"));
  CHECK(Dump(*bulk) == Dump(*committed));
  // The ministry's timeline holds the envoy's events inside the affiliation.
  auto n = bulk->CountActorTimeline("gov:nor-mfa", INT32_MIN, INT32_MAX, false);
  REQUIRE(n.ok());
  // The envoy's events on days 0-2, 30-32 and 60 of the 61-day affiliation
  // (day 3, 33 and 63 events name X-unknown instead).
  CHECK(*n == 7);
  // And the store stays writable by Commit, reopened or not.
  CommitBatch more;
  more.events.push_back(MakeEvent("ev-late", "meet", TimeValue(), {"NOR"}));
  REQUIRE(bulk->Commit(more, nullptr).ok());
  REQUIRE(committed->Commit(more, nullptr).ok());
  CHECK(Dump(*bulk) == Dump(*committed));
}

TEST_CASE("BulkImport: ids given twice and ids already stored", "[kb][store][bulk]") {
  TempDir dir;
  auto committed = OpenNew(dir.Sub("commit"));
  auto bulk = OpenNew(dir.Sub("bulk"));
  auto batches = Batches();
  // The first two batches are stored before the import in both stores.
  CommitFirstTwo(batches, committed.get(), bulk.get());
  // The import: art-0 again (skipped whole, as Commit skips it), art-2, and
  // a batch without an article that moves ev-0-1 (stored) twice and gives
  // ev-2-0 (imported above) a new type: the last version wins.
  std::vector<CommitBatch> import = {batches[1], batches[3]};
  CommitBatch fix;
  const int32_t day = kbq::DaysFromCivil(2024, 7, 1);
  fix.events.push_back(MakeEvent("ev-0-1", "meet", TimeValue::Days(day - 5, day - 5, kbq::Precision::kDay),
                                 {"NOR"}));
  fix.events.push_back(MakeEvent("ev-0-1", "visit", TimeValue::Days(day, day, kbq::Precision::kDay),
                                 {"place:tromso"}));
  Event retyped = batches[3].events[0];
  retyped.type = "sign_agreement";
  fix.events.push_back(retyped);
  import.push_back(fix);
  for (const auto& b : import) REQUIRE(committed->Commit(b, nullptr).ok());

  BulkImportResult r;
  Status s = Import(bulk.get(), import, &r);
  INFO(s.ToString());
  REQUIRE(s.ok());
  CHECK(r.articles_skipped == 1);
  CHECK(r.articles == 1);
  CHECK(r.events_new == 4);      // ev-2-*
  CHECK(r.events_updated == 1);  // ev-0-1
  CHECK(r.duplicates == 2);      // ev-0-1 twice, ev-2-0 twice
  CHECK(Dump(*bulk) == Dump(*committed));
  auto moved = bulk->GetEvent("ev-0-1");
  REQUIRE(moved.ok());
  CHECK(moved->type == "visit");
  CHECK(bulk->GetEvent("ev-2-0")->type == "sign_agreement");
}

TEST_CASE("BulkImport: an actor whose affiliation changed re-indexes stored events, as Commit does",
          "[kb][store][bulk]") {
  // The stored events are written again out of id order among the imported
  // ones: the events family then goes through the sorter, not straight to
  // its file.
  TempDir dir;
  auto committed = OpenNew(dir.Sub("commit"));
  auto bulk = OpenNew(dir.Sub("bulk"));
  auto batches = Batches();
  CommitFirstTwo(batches, committed.get(), bulk.get());
  // The envoy's affiliation now starts two days later and runs a year: two
  // stored events (days 0 and 1) leave the ministry's timeline. New events
  // come with it (ids before and after the stored ones).
  CommitBatch change;
  kbq::Actor envoy = batches[0].actors[3];
  REQUIRE(envoy.id == "person:envoy");
  envoy.affiliations[0].valid.earliest += 2;
  envoy.affiliations[0].valid.latest += 365;
  change.actors.push_back(envoy);
  const int32_t day = kbq::DaysFromCivil(2024, 9, 1);
  for (const char* id : {"ev-a", "ev-z"}) {
    change.events.push_back(MakeEvent(id, "meet", TimeValue::Days(day, day, kbq::Precision::kDay),
                                      {"person:envoy"}));
  }
  std::vector<CommitBatch> import = {change, batches[2]};
  for (const auto& b : import) REQUIRE(committed->Commit(b, nullptr).ok());
  BulkImportResult r;
  BulkImportOptions o;
  o.memory_budget = 2048;  // spilled runs too
  Status s = Import(bulk.get(), import, &r, o);
  INFO(s.ToString());
  REQUIRE(s.ok());
  CHECK(r.actors_updated == 1);
  CHECK(Dump(*bulk) == Dump(*committed));
  auto before = committed->CountActorTimeline("gov:nor-mfa", INT32_MIN, INT32_MAX, false);
  CHECK(*bulk->CountActorTimeline("gov:nor-mfa", INT32_MIN, INT32_MAX, false) == *before);
}

TEST_CASE("BulkImport: merge_event combines the versions of one id, stored one first",
          "[kb][store][bulk]") {
  TempDir dir;
  auto store = OpenNew(dir.Sub("db"));
  Event stored = MakeEvent("ev-series", "meet", TimeValue(), {"NOR"});
  stored.attributes["rows"] = 1;
  CommitBatch first;
  first.events.push_back(stored);
  REQUIRE(store->Commit(first, nullptr).ok());
  // Each version adds its rows; a version with no rows changes nothing.
  BulkImportOptions o;
  std::vector<double> seen;
  o.merge_event = [&](Event* kept, const Event& incoming) {
    seen.push_back(kept->attributes["rows"]);
    double rows = incoming.attributes.count("rows") ? incoming.attributes.at("rows") : 0;
    if (rows == 0) return false;
    kept->attributes["rows"] += rows;
    return true;
  };
  std::vector<CommitBatch> import(3);
  for (int i = 0; i < 3; ++i) {
    Event e = MakeEvent("ev-series", "meet", TimeValue(), {"NOR"});
    e.attributes["rows"] = i;  // 0, 1, 2
    import[i].events.push_back(e);
    Event other = MakeEvent("ev-new", "meet", TimeValue(), {"SWE"});
    other.attributes["rows"] = 10 + i;
    import[i].events.push_back(other);
  }
  BulkImportResult r;
  REQUIRE(Import(store.get(), import, &r, o).ok());
  CHECK(store->GetEvent("ev-series")->attributes.at("rows") == 4);  // 1 + 0 + 1 + 2
  CHECK(store->GetEvent("ev-new")->attributes.at("rows") == 33);    // 10 + 11 + 12
  CHECK(r.events_updated == 1);
  CHECK(r.events_new == 1);
  CHECK(r.duplicates == 4);
  // An import that brings nothing new leaves the stored record as it was.
  std::vector<CommitBatch> again(1);
  Event none = MakeEvent("ev-series", "meet", TimeValue(), {"NOR"});
  again[0].events.push_back(none);
  BulkImportResult r2;
  REQUIRE(Import(store.get(), again, &r2, o).ok());
  CHECK(r2.events_unchanged == 1);
  CHECK(store->GetEvent("ev-series")->attributes.at("rows") == 4);
  CHECK(store->Check()->ok());
}

TEST_CASE("BulkImport: bad batches are refused whole, links to no event are skipped",
          "[kb][store][bulk][errors]") {
  TempDir dir;
  auto store = OpenNew(dir.Sub("db"));
  auto importer = store->BulkImport({});
  REQUIRE(importer.ok());
  CommitBatch deletes;
  deletes.deleted_events.push_back("ev-x");
  CHECK((*importer)->Add(deletes).IsInvalidArgument());
  CommitBatch empty_id;
  empty_id.events.push_back(MakeEvent("", "meet", TimeValue(), {"NOR"}));
  empty_id.events.push_back(MakeEvent("ev-kept-out", "meet", TimeValue(), {"NOR"}));
  CHECK((*importer)->Add(empty_id).IsInvalidArgument());
  CommitBatch good;
  good.events.push_back(MakeEvent("ev-a", "meet", TimeValue(), {"NOR"}));
  good.links.push_back({"ev-a", "ev-nowhere", kbq::LinkKind::kCauses, "", 0.5});
  good.links.push_back({"ev-a", "ev-a", kbq::LinkKind::kSameAs, "", 0.5});
  REQUIRE((*importer)->Add(good).ok());
  BulkImportResult r;
  REQUIRE((*importer)->Finish(&r).ok());
  CHECK(r.links_new == 1);
  CHECK(r.links_skipped == 1);
  REQUIRE(r.problems.size() == 1);
  CHECK(r.problems[0] == "link ev-a -> ev-nowhere refers to unknown event ev-nowhere; skipped");
  CHECK_FALSE(store->GetEvent("ev-kept-out").ok());
  CHECK((*importer)->Finish(&r).IsInvalidArgument());  // spent
  CHECK(store->Check()->ok());
}

TEST_CASE("BulkImport: an import dropped before Finish leaves nothing behind", "[kb][store][bulk]") {
  TempDir dir;
  auto store = OpenNew(dir.Sub("db"));
  {
    BulkImportOptions o;
    o.memory_budget = 1024;  // spills runs into the temporary directory
    auto importer = store->BulkImport(o);
    REQUIRE(importer.ok());
    for (auto& b : Batches()) REQUIRE((*importer)->Add(std::move(b)).ok());
    CHECK(std::filesystem::exists(dir.Sub("db") + "/kbq-bulk.tmp"));
  }
  CHECK_FALSE(std::filesystem::exists(dir.Sub("db") + "/kbq-bulk.tmp"));
  CHECK(store->Stats()->events == 0);
  CHECK(store->Check()->ok());
  kbq::StoreOptions ro;
  ro.read_only = true;
  auto reader = Store::Open(dir.Sub("db"), ro);
  REQUIRE(reader.ok());
  CHECK((*reader)->BulkImport({}).status().IsInvalidArgument());
}

TEST_CASE("BulkImport: a run that cannot be written fails a later Add or Finish, and nothing reaches the store",
          "[kb][store][bulk][errors]") {
  // Add() queues a batch for a worker thread, so a failed spill shows up at
  // the next call: here the temporary directory goes after the first batch.
  TempDir dir;
  auto store = OpenNew(dir.Sub("db"));
  BulkImportOptions o;
  o.memory_budget = 1024;  // every batch spills
  auto importer = store->BulkImport(o);
  REQUIRE(importer.ok());
  std::vector<CommitBatch> batches = Batches();
  REQUIRE(batches.size() >= 2);
  REQUIRE((*importer)->Add(std::move(batches[0])).ok());
  std::filesystem::remove_all(dir.Sub("db") + "/kbq-bulk.tmp");
  Status s;
  for (size_t i = 1; i < batches.size() && s.ok(); ++i) s = (*importer)->Add(std::move(batches[i]));
  if (!s.ok()) {
    CHECK(s.IsIOError());
    CommitBatch more;
    more.events.push_back(MakeEvent("ev-late", "meet", TimeValue(), {"NOR"}));
    CHECK((*importer)->Add(more).IsIOError());  // the failure sticks
  }
  BulkImportResult r;
  CHECK((*importer)->Finish(&r).IsIOError());
  CHECK(store->Stats()->events == 0);
  CHECK(store->Check()->ok());
}

TEST_CASE("RunSorter: runs sorted on the spiller's thread merge in key order, equal keys in the order added",
          "[kb][store][bulk]") {
  // Keys that share their first 16 bytes (as idx_actor keys do), short ones,
  // one with a zero byte; 300 runs, so that 256 of them are merged into one
  // on the way; some runs written by the caller, most by the spiller.
  TempDir dir;
  kbq::bulk::ChunkPool pool(64 << 10, 1 << 20);
  kbq::bulk::Spiller spiller(1);
  kbq::bulk::RunSorter sorter(dir.path(), "t", &pool, &spiller);
  const std::vector<std::string> stems = {"person:p0000000001/", "person:p0000000001/x", "person:p0000000002/",
                                          "a", "ab", std::string("a\0b", 3), "org:o17"};
  std::vector<std::tuple<std::string, int>> added;  // (key, order added)
  uint32_t rng = 12345;
  for (int i = 0; i < 3000; ++i) {
    rng = rng * 1103515245u + 12345u;
    std::string key = stems[(rng >> 8) % stems.size()] + std::to_string((rng >> 16) % 5);
    sorter.Add(key, kbq::bulk::Op::kPut, std::to_string(i));
    added.emplace_back(key, i);
    if (i % 10 == 9) REQUIRE(sorter.Spill(/*hand_over=*/i % 70 != 9).ok());
  }
  CHECK(sorter.spills() == 300);
  CHECK(sorter.runs_merged() == 256);
  std::stable_sort(added.begin(), added.end(),
                   [](const auto& a, const auto& b) { return std::get<0>(a) < std::get<0>(b); });
  std::vector<std::tuple<std::string, int>> merged, last;
  auto collect = [](std::vector<std::tuple<std::string, int>>* out) {
    return [out](std::string_view k, kbq::bulk::Op, std::string_view v) {
      out->emplace_back(std::string(k), std::stoi(std::string(v)));
      return Status::OK();
    };
  };
  REQUIRE(sorter.Merge(/*last_only=*/false, collect(&merged)).ok());
  CHECK(merged == added);
  REQUIRE(sorter.Merge(/*last_only=*/true, collect(&last)).ok());
  std::vector<std::tuple<std::string, int>> expected_last;
  for (size_t i = 0; i < added.size(); ++i) {
    if (i + 1 == added.size() || std::get<0>(added[i + 1]) != std::get<0>(added[i])) {
      expected_last.push_back(added[i]);
    }
  }
  CHECK(last == expected_last);
}
