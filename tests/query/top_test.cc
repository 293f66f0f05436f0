// --top through the salience index (idx_sal) against the date-ordered full
// scan: on many random stores, ranges, N and filters the two give the same
// rows in the same order with the same saliences and the same hidden counts.
// The full scan runs on the same store behind a wrapper that answers
// ScanActorBySalience and CountActorEvents with NotSupported, as a store of
// format 4 does; a third engine reads idx_sal but not the date-block
// counters (CountActorWindow NotSupported, as format 6), so a window's
// hidden counts come from its judging scan. Seeded from Catch's --rng-seed.
#include <catch2/catch.hpp>

#include <random>
#include <string>
#include <vector>

#include "kbq/query/engine.h"
#include "kbq/store.h"
#include "query_test_util.h"

namespace {

using kbq::Event;
using kbq::Result;
using kbq::Status;
using kbq::Store;
using kbq::TimeValue;

// Forwards every read to `base`; without `salience`, the salience index and
// the class counters are NotSupported (the Store defaults), without
// `windows` the date-block counters. Counts the salience scans that ran and
// the window counts read.
class Wrapped final : public Store {
 public:
  Wrapped(const Store& base, bool salience, bool windows = true)
      : base_(base), salience_(salience), windows_(salience && windows) {}
  size_t salience_scans = 0, window_counts = 0;

  Status Commit(const kbq::CommitBatch&, kbq::CommitResult*) override {
    return Status::InvalidArgument("read-only wrapper");
  }
  Result<kbq::Article> GetArticle(const std::string& id) const override { return base_.GetArticle(id); }
  Result<kbq::Actor> GetActor(const std::string& id) const override { return base_.GetActor(id); }
  Result<Event> GetEvent(const std::string& id) const override { return base_.GetEvent(id); }
  bool HasArticle(const std::string& id) const override { return base_.HasArticle(id); }
  Status ScanActors(const std::function<bool(const kbq::Actor&)>& visit) const override {
    return base_.ScanActors(visit);
  }
  Result<std::vector<std::string>> FindActorsByName(std::string_view name) const override {
    return base_.FindActorsByName(name);
  }
  Status ScanNames(const NameVisitor& visit) const override { return base_.ScanNames(visit); }
  Status ScanActorTimeline(const std::string& actor, int32_t from, int32_t to, bool strict,
                           const kbq::EventVisitor& visit) const override {
    return base_.ScanActorTimeline(actor, from, to, strict, visit);
  }
  Status ScanDateRange(int32_t from, int32_t to, const kbq::EventVisitor& visit) const override {
    return base_.ScanDateRange(from, to, visit);
  }
  Status ScanType(const std::string& type, const kbq::EventVisitor& visit) const override {
    return base_.ScanType(type, visit);
  }
  Result<uint64_t> CountActorTimeline(const std::string& actor, int32_t from, int32_t to,
                                      bool strict) const override {
    return base_.CountActorTimeline(actor, from, to, strict);
  }
  Status ScanActorBySalience(const std::string& actor, int32_t from, int32_t to, bool strict,
                             const SalienceVisitor& visit) const override {
    if (!salience_) return Store::ScanActorBySalience(actor, from, to, strict, visit);
    ++const_cast<Wrapped*>(this)->salience_scans;
    return base_.ScanActorBySalience(actor, from, to, strict, visit);
  }
  Result<ActorEventCounts> CountActorEvents(const std::string& actor, bool strict) const override {
    if (!salience_) return Store::CountActorEvents(actor, strict);
    return base_.CountActorEvents(actor, strict);
  }
  Result<WindowCounts> CountActorWindow(const std::string& actor, int32_t from, int32_t to,
                                        bool strict) const override {
    if (!windows_) return Store::CountActorWindow(actor, from, to, strict);
    ++const_cast<Wrapped*>(this)->window_counts;
    return base_.CountActorWindow(actor, from, to, strict);
  }
  Result<std::vector<kbq::Link>> LinksFrom(const std::string& id) const override { return base_.LinksFrom(id); }
  Result<std::vector<kbq::Link>> LinksTo(const std::string& id) const override { return base_.LinksTo(id); }
  Status ScanLinks(const std::function<bool(const kbq::Link&)>& visit) const override {
    return base_.ScanLinks(visit);
  }
  Result<kbq::StoreStats> Stats() const override { return base_.Stats(); }
  Result<kbq::CheckReport> Check() const override { return base_.Check(); }
  Status Refresh() override { return Status::OK(); }
  Status Flush() override { return Status::OK(); }

 private:
  const Store& base_;
  bool salience_, windows_;
};

kbq::Actor Country(const std::string& id, const std::string& name, std::vector<std::string> part_of = {}) {
  kbq::Actor a;
  a.id = id;
  a.kind = part_of.empty() ? kbq::ActorKind::kCountry : kbq::ActorKind::kGovernmentBody;
  a.names["en"] = name;
  a.part_of = std::move(part_of);
  return a;
}

std::string Describe(const kbq::query::TimelineResult& r) {
  std::string out;
  for (const auto& v : r.rows) out += v.event.id + "@" + std::to_string(v.salience) + " ";
  const auto& h = r.hidden;
  for (size_t n : {h.negated, h.reported, h.minor, h.below_top, h.few_mentions, h.few_sources, h.coarse, h.weak, h.folded}) {
    out += "/" + std::to_string(n);
  }
  return out;
}

}  // namespace

TEST_CASE("Timeline: --top through the salience index equals the full scan", "[query][top]") {
  std::mt19937 rng(Catch::rngSeed());
  auto pick = [&](int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng); };
  auto chance = [&](int percent) { return pick(100) < percent; };
  size_t by_index = 0, compared = 0, windows_by_index = 0, windows_by_counters = 0;
  for (int round = 0; round < 6; ++round) {
    std::string path = kbq::query_test::TempDir() + "/db";
    kbq::StoreOptions opts;
    opts.create_if_missing = true;
    auto opened = Store::Open(path, opts);
    REQUIRE(opened.ok());
    Store& store = **opened;
    kbq::CommitBatch world;
    world.actors = {Country("ATL", "Atlantis"), Country("LEM", "Lemuria"),
                    Country("gov:ATL-navy", "Atlantean Navy", {"ATL"})};
    REQUIRE(store.Commit(world, nullptr).ok());
    // Articles of a few sources; one source used twice.
    const int kArticles = 6;
    for (int i = 0; i < kArticles; ++i) {
      kbq::CommitBatch b;
      b.article = kbq::Article{};
      b.article->id = "art-" + std::to_string(i);
      b.article->source = i % 3 == 0 ? "" : "agency-" + std::to_string(i % 4);
      b.article->url = "https://news" + std::to_string(i % 2) + ".example/" + std::to_string(i);
      b.article->text = "text " + std::to_string(i);
      REQUIRE(store.Commit(b, nullptr).ok());
    }
    const int32_t base = kbq::DaysFromCivil(2015, 1, 1);
    auto random_event = [&](const std::string& id) {
      Event e;
      e.id = id;
      e.type = chance(20) ? "statement" : chance(50) ? "meet" : "praise";
      e.cameo = "0" + std::to_string(10 + pick(5));
      int32_t day = base + pick(3 * 365);
      int kind = pick(10);
      e.date = kind == 0   ? TimeValue()
               : kind == 1 ? TimeValue::Days(day, day + 364, kbq::Precision::kYear)
               : kind == 2 ? TimeValue::Days(day, day + 29, kbq::Precision::kMonth)
                           : TimeValue::Days(day, day, kbq::Precision::kDay);
      e.date_basis = chance(25) ? "publication" : "explicit";
      const char* who[] = {"ATL", "LEM", "gov:ATL-navy"};
      e.participants.push_back({who[pick(3)], kbq::Role::kSource});
      if (chance(60)) e.participants.push_back({who[pick(3)], kbq::Role::kTarget});
      if (chance(10)) e.place_id = "LEM";
      e.modality = chance(10) ? kbq::Modality::kNegated : chance(10) ? kbq::Modality::kPlanned
                                                                    : kbq::Modality::kAsserted;
      e.confidence = chance(50) ? 0.6 : 0.9;  // few values: ties are common
      for (int k = 0, m = pick(3); k < m; ++k) {
        e.mentions.push_back({"art-" + std::to_string(pick(kArticles + 1)), static_cast<uint32_t>(pick(4)),
                              static_cast<uint32_t>(pick(3)), 40, "a sentence", "met", ""});
      }
      if (chance(5)) e.attributes["num_mentions"] = pick(30);
      e.labels["en"] = e.type + " " + id;
      return e;
    };
    // Events in batches; some ids come back with more mentions (a merge
    // moves them in idx_sal), some are deleted.
    std::vector<Event> written;
    const int kEvents = 900 + pick(500);
    for (int done = 0; done < kEvents;) {
      kbq::CommitBatch b;
      for (int i = 0; i < 50 && done < kEvents; ++i, ++done) b.events.push_back(random_event("ev-" + std::to_string(done)));
      for (int i = 0; i < 5 && !written.empty(); ++i) {
        Event grown = written[pick(written.size())];
        grown.mentions.push_back({"art-" + std::to_string(pick(kArticles)), 9, 0, 40, "again", "met", ""});
        b.events.push_back(grown);
      }
      if (chance(30) && !written.empty()) b.deleted_events.push_back(written[pick(written.size())].id);
      REQUIRE(store.Commit(b, nullptr).ok());
      for (const auto& e : b.events) written.push_back(e);
    }
    auto report = store.Check();
    REQUIRE(report.ok());
    for (const auto& p : report->problems) UNSCOPED_INFO(p);
    REQUIRE(report->ok());

    Wrapped indexed(store, true), full(store, false), no_windows(store, true, false);
    kbq::query::Engine with_index(indexed), without(full), judging(no_windows);
    for (int q = 0; q < 40; ++q) {
      kbq::query::TimelineQuery query;
      query.actor = chance(70) ? "ATL" : "LEM";
      query.strict = chance(40);
      query.top = std::vector<size_t>{1, 3, 10, 40, 64}[pick(5)];
      if (chance(50)) {
        int32_t from = base + pick(3 * 365);
        int len = std::vector<int>{30, 365, 800, 1500}[pick(4)];
        query.from = TimeValue::Days(from, from, kbq::Precision::kDay);
        query.to = TimeValue::Days(from + len, from + len, kbq::Precision::kDay);
        if (chance(15)) query.from = TimeValue();  // up to a day: undated events too
        if (chance(15)) query.to = TimeValue();    // from a day on
      }
      query.include_hidden = chance(25);
      query.include_reported = chance(25);
      query.keep_weak = chance(30);
      if (chance(10)) query.type = "meet";
      if (chance(10)) query.min_mentions = 2;
      if (chance(10)) query.min_sources = 1;
      if (chance(10)) query.place = "LEM";
      if (chance(20)) query.sort = kbq::query::TimelineSort::kSalience;
      if (chance(10)) query.limit = 5;
      if (q == 0) {  // one window per store that surely goes by the index
        query.actor = "ATL";
        query.strict = false;
        query.from = TimeValue::Days(base, base, kbq::Precision::kDay);
        query.to = TimeValue::Days(base + 4 * 365, base + 4 * 365, kbq::Precision::kDay);
        query.include_reported = true;
        query.include_hidden = false;
        query.type.clear();
        query.place.clear();
      }
      size_t before = indexed.salience_scans, counted = indexed.window_counts;
      auto a = with_index.Timeline(query);
      auto b = without.Timeline(query);
      auto c = judging.Timeline(query);
      REQUIRE(a.ok());
      REQUIRE(b.ok());
      REQUIRE(c.ok());
      INFO("round " << round << " query " << q << " actor " << query.actor << " top " << query.top);
      REQUIRE(Describe(*a) == Describe(*b));
      REQUIRE(Describe(*c) == Describe(*b));
      by_index += indexed.salience_scans - before;
      if ((query.from.ok() || query.to.ok()) && indexed.salience_scans > before) ++windows_by_index;
      if (indexed.window_counts > counted && indexed.salience_scans > before) ++windows_by_counters;
      ++compared;
    }
  }
  CHECK(by_index * 8 > compared);  // the index served a good part of them
  CHECK(windows_by_index > 0);     // windows too (the judging scan, weak events)
  CHECK(windows_by_counters > 0);  // windows counted by the date-block counters
}
