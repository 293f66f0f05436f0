// Model-based randomized test: random commits and bulk imports go to the
// store and to a plain std::multimap model; timeline, date-range and neighbour answers must agree.
// Seeded from Catch's --rng-seed, so `kb_tests --rng-seed N` reproduces a run.
#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <random>
#include <set>
#include <tuple>

#include "kbq/salience.h"
#include "kbq/store.h"
#include "store_test_util.h"

namespace {

using kbq::Actor;
using kbq::ActorKind;
using kbq::CommitBatch;
using kbq::Event;
using kbq::Link;
using kbq::LinkKind;
using kbq::TimeValue;
using kbq::testing::MakeActor;
using kbq::testing::MakeEvent;

// One index entry of the model: (earliest, latest, event id, via ancestor).
using Entry = std::tuple<int32_t, int32_t, std::string, bool>;
using LinkId = std::tuple<std::string, std::string, int>;

class Model {
 public:
  std::map<std::string, std::string> article_sources;  // stored articles
  std::map<std::string, Actor> actors;
  std::map<std::string, Event> events;
  std::multimap<std::string, Entry> by_actor;  // actor id -> entry
  std::multimap<std::string, Link> out, in;    // event id -> link

  // The ancestor rule written independently of the store: depth-first, any
  // depth (the test hierarchy is shallow).
  void Ancestors(const std::string& id, const TimeValue& date, std::set<std::string>* seen,
                 const std::map<std::string, Actor>& acts) const {
    auto it = acts.find(id);
    if (it == acts.end()) return;
    std::vector<std::string> next = it->second.part_of;
    for (const auto& af : it->second.affiliations) {
      if (!af.valid.ok() || (date.ok() && af.valid.Overlaps(date))) next.push_back(af.actor_id);
    }
    for (const auto& n : next) {
      if (seen->insert(n).second) Ancestors(n, date, seen, acts);
    }
  }

  void Index(const Event& e) {
    RemoveEntries(e.id);
    std::set<std::string> direct;
    for (const auto& p : e.participants) direct.insert(p.actor_id);
    if (!e.place_id.empty()) direct.insert(e.place_id);
    std::set<std::string> all = direct;
    for (const auto& d : direct) Ancestors(d, e.date, &all, actors);
    int32_t lo = e.date.ok() ? e.date.earliest : TimeValue::kNoDay;
    int32_t hi = e.date.ok() ? e.date.latest : TimeValue::kNoDay;
    for (const auto& a : all) by_actor.emplace(a, Entry{lo, hi, e.id, !direct.count(a)});
  }

  void Commit(const CommitBatch& b) {
    // Replacing actors re-indexes every event indexed under them (the model
    // simply recomputes all such events; unchanged ones come out the same).
    std::set<std::string> touched;
    for (const auto& a : b.actors) {
      actors[a.id] = a;
      auto [lo, hi] = by_actor.equal_range(a.id);
      for (auto it = lo; it != hi; ++it) touched.insert(std::get<2>(it->second));
    }
    for (const auto& id : touched) Index(events.at(id));
    for (const auto& id : b.deleted_events) RemoveEvent(id);
    for (const auto& e : b.events) {
      events[e.id] = e;
      Index(e);
    }
    for (const auto& l : b.links) {
      EraseLink(&out, l.from, l);
      EraseLink(&in, l.to, l);
      out.emplace(l.from, l);
      in.emplace(l.to, l);
    }
  }

  std::vector<std::string> Timeline(const std::string& actor, int32_t from, int32_t to,
                                    bool strict) const {
    std::vector<Entry> hits;
    auto [b, e] = by_actor.equal_range(actor);
    for (auto it = b; it != e; ++it) {
      const auto& [lo, hi, id, via] = it->second;
      if (strict && via) continue;
      if (lo <= to && hi >= from) hits.push_back(it->second);
    }
    std::sort(hits.begin(), hits.end());
    std::vector<std::string> ids;
    for (const auto& h : hits) ids.push_back(std::get<2>(h));
    return ids;
  }

  // The salience the store keeps for an event: kbq::Salience over the
  // distinct sources of its stored articles.
  double SalienceOf(const Event& e) const {
    std::set<std::string> sources;
    for (const auto& m : e.mentions) {
      auto it = article_sources.find(m.article_id);
      if (it != article_sources.end() && !it->second.empty()) sources.insert(it->second);
    }
    return kbq::Salience(e, sources.size());
  }

  // Timeline() most salient first, ties in date order; with each salience.
  std::vector<std::pair<std::string, double>> BySalience(const std::string& actor, int32_t from,
                                                         int32_t to, bool strict) const {
    std::vector<std::tuple<double, int32_t, int32_t, std::string>> hits;
    auto [b, e] = by_actor.equal_range(actor);
    for (auto it = b; it != e; ++it) {
      const auto& [lo, hi, id, via] = it->second;
      if (strict && via) continue;
      if (lo <= to && hi >= from) hits.emplace_back(-SalienceOf(events.at(id)), lo, hi, id);
    }
    std::sort(hits.begin(), hits.end());
    std::vector<std::pair<std::string, double>> out;
    for (const auto& [neg, lo, hi, id] : hits) out.emplace_back(id, -neg);
    return out;
  }

  kbq::Store::ActorEventCounts Counts(const std::string& actor, bool strict) const {
    kbq::Store::ActorEventCounts c;
    auto [b, e] = by_actor.equal_range(actor);
    for (auto it = b; it != e; ++it) {
      if (strict && std::get<3>(it->second)) continue;
      const Event& ev = events.at(std::get<2>(it->second));
      ++c.total;
      if (kbq::HiddenByDefault(ev.modality)) {
        ++c.negated;
      } else if (kbq::IsMinorEvent(ev)) {
        ++c.minor;
      }
    }
    return c;
  }

  std::vector<std::string> DateRange(int32_t from, int32_t to) const {
    std::vector<Entry> hits;
    for (const auto& [id, e] : events) {
      int32_t lo = e.date.ok() ? e.date.earliest : TimeValue::kNoDay;
      int32_t hi = e.date.ok() ? e.date.latest : TimeValue::kNoDay;
      if (lo <= to && hi >= from) hits.emplace_back(lo, hi, id, false);
    }
    std::sort(hits.begin(), hits.end());
    std::vector<std::string> ids;
    for (const auto& h : hits) ids.push_back(std::get<2>(h));
    return ids;
  }

 private:
  static bool SameLink(const Link& a, const Link& b) {
    return a.from == b.from && a.to == b.to && a.kind == b.kind;
  }
  static void EraseLink(std::multimap<std::string, Link>* m, const std::string& key, const Link& l) {
    auto [b, e] = m->equal_range(key);
    for (auto it = b; it != e;) it = SameLink(it->second, l) ? m->erase(it) : std::next(it);
  }
  void RemoveEntries(const std::string& id) {
    for (auto it = by_actor.begin(); it != by_actor.end();) {
      it = std::get<2>(it->second) == id ? by_actor.erase(it) : std::next(it);
    }
  }
  void RemoveEvent(const std::string& id) {
    if (!events.erase(id)) return;
    RemoveEntries(id);
    std::vector<Link> gone;
    for (auto* m : {&out, &in}) {
      auto [b, e] = m->equal_range(id);
      for (auto it = b; it != e; ++it) gone.push_back(it->second);
    }
    for (const auto& l : gone) {
      EraseLink(&out, l.from, l);
      EraseLink(&in, l.to, l);
    }
  }
};

std::vector<LinkId> Ids(const std::vector<Link>& links) {
  std::vector<LinkId> ids;
  for (const auto& l : links) ids.emplace_back(l.from, l.to, static_cast<int>(l.kind));
  std::sort(ids.begin(), ids.end());
  return ids;
}

std::vector<LinkId> Ids(const std::multimap<std::string, Link>& m, const std::string& key) {
  std::vector<Link> links;
  auto [b, e] = m.equal_range(key);
  for (auto it = b; it != e; ++it) links.push_back(it->second);
  return Ids(links);
}

}  // namespace

TEST_CASE("Store: random commits and bulk imports agree with a multimap model", "[kb][store][model]") {
  std::mt19937 rng(Catch::rngSeed());
  auto pick = [&](int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng); };
  auto chance = [&](int percent) { return pick(100) < percent; };
  kbq::testing::TempDir dir;
  kbq::StoreOptions opts;
  opts.create_if_missing = true;
  auto opened = kbq::Store::Open(dir.Sub("db"), opts);
  REQUIRE(opened.ok());
  auto store = std::move(opened).value();
  Model model;

  // A small world: countries, their bodies and places, people affiliated for a while.
  std::vector<std::string> actor_ids;
  CommitBatch world;
  for (int c = 0; c < 3; ++c) {
    world.actors.push_back(MakeActor("C" + std::to_string(c), ActorKind::kCountry, "country"));
  }
  for (int i = 0; i < 4; ++i) {
    world.actors.push_back(MakeActor("gov:B" + std::to_string(i), ActorKind::kGovernmentBody,
                                     "body", {"C" + std::to_string(i % 3)}));
    world.actors.push_back(MakeActor("place:P" + std::to_string(i), ActorKind::kPlace, "place",
                                     {"C" + std::to_string((i + 1) % 3)}));
  }
  const int32_t base = kbq::DaysFromCivil(2000, 1, 1);
  auto random_valid = [&]() {
    if (chance(25)) return TimeValue();
    int32_t start = base + pick(9000);
    return TimeValue::Days(start, start + pick(3000), kbq::Precision::kRange);
  };
  for (int i = 0; i < 5; ++i) {
    Actor p = MakeActor("person:" + std::to_string(i), ActorKind::kPerson, "person");
    p.affiliations.push_back({chance(50) ? "gov:B" + std::to_string(pick(4))
                                         : "C" + std::to_string(pick(3)),
                              "role", random_valid()});
    world.actors.push_back(p);
  }
  for (const auto& a : world.actors) actor_ids.push_back(a.id);
  actor_ids.push_back("X-unknown");  // a participant with no actor record
  REQUIRE(store->Commit(world, nullptr).ok());
  model.Commit(world);
  // Articles of three sources (two share one); events also cite an article
  // that is never stored, which counts no source.
  for (int i = 0; i < 4; ++i) {
    CommitBatch b;
    b.article = kbq::testing::MakeArticle("art-" + std::to_string(i), "text " + std::to_string(i));
    b.article->source = i == 3 ? "" : "source-" + std::to_string(i % 2);
    b.article->url = "https://www.site" + std::to_string(i) + ".example/a";
    REQUIRE(store->Commit(b, nullptr).ok());
    model.article_sources[b.article->id] = kbq::ArticleSource(*b.article);
  }

  auto random_date = [&]() {
    int32_t d = base + pick(9000);
    switch (pick(6)) {
      case 0: return TimeValue();
      case 1: return TimeValue::Days(d, d + 29, kbq::Precision::kMonth);
      case 2: return TimeValue::Days(d, d + 364, kbq::Precision::kYear);
      case 3: return TimeValue::Days(d, d + pick(4000), kbq::Precision::kRange);
      default: return TimeValue::Days(d, d, kbq::Precision::kDay);
    }
  };
  auto compare = [&](const std::string& actor, int32_t from, int32_t to, bool strict) {
    std::vector<std::string> got;
    REQUIRE(store->ScanActorTimeline(actor, from, to, strict, [&](const Event& e) {
                  got.push_back(e.id);
                  // The row comes from the index entry's copy of the record.
                  const Event& want = model.events.at(e.id);
                  REQUIRE(e.type == want.type);
                  REQUIRE(e.date == want.date);
                  REQUIRE(e.participants == want.participants);
                  REQUIRE(e.place_id == want.place_id);
                  return true;
                }).ok());
    INFO("actor " << actor << " [" << from << ", " << to << "] strict " << strict);
    REQUIRE(got == model.Timeline(actor, from, to, strict));
    auto count = store->CountActorTimeline(actor, from, to, strict);
    INFO(count.status().ToString());
    REQUIRE(count.ok());
    REQUIRE(*count == got.size());
    // The salience index: the same events, most salient first.
    std::vector<std::pair<std::string, double>> ranked;
    REQUIRE(store->ScanActorBySalience(actor, from, to, strict, [&](const kbq::Store::SalienceEntry& s) {
                  ranked.emplace_back(s.head.id, s.salience);
                  // The entry holds what the filters judge (format 6).
                  const Event& want = model.events.at(s.head.id);
                  REQUIRE(s.head.type == want.type);
                  REQUIRE(s.head.cameo == want.cameo);
                  REQUIRE(s.head.date == want.date);
                  REQUIRE(s.head.date_basis == want.date_basis);
                  REQUIRE(s.head.place_id == want.place_id);
                  REQUIRE(s.head.modality == want.modality);
                  REQUIRE(s.minor == kbq::IsMinorEvent(want));
                  return true;
                }).ok());
    REQUIRE(ranked == model.BySalience(actor, from, to, strict));
    // The date-block counters: the same events by class bits, inside the
    // range, only overlapping it, undated.
    auto window = store->CountActorWindow(actor, from, to, strict);
    INFO(window.status().ToString());
    REQUIRE(window.ok());
    kbq::Store::WindowCounts want_window;
    for (const auto& [id, salience] : ranked) {
      const Event& e = model.events.at(id);
      const uint8_t bits = kbq::EventClassBits(e, salience);
      if (!e.date.ok()) {
        ++want_window.undated[bits];
      } else {
        ++(e.date.earliest >= from && e.date.latest <= to ? want_window.inside : want_window.overlapping)[bits];
      }
    }
    REQUIRE(window->inside == want_window.inside);
    REQUIRE(window->overlapping == want_window.overlapping);
    REQUIRE(window->undated == want_window.undated);
    if (from == INT32_MIN && to == INT32_MAX) {
      auto classes = store->CountActorEvents(actor, strict);
      REQUIRE(classes.ok());
      auto want = model.Counts(actor, strict);
      REQUIRE(classes->total == want.total);
      REQUIRE(classes->negated == want.negated);
      REQUIRE(classes->minor == want.minor);
    }
  };
  auto random_range = [&]() {
    if (chance(10)) return std::pair<int32_t, int32_t>{INT32_MIN, INT32_MAX};
    if (chance(5)) return std::pair<int32_t, int32_t>{INT32_MIN, base + pick(9000)};  // undated ones too
    int32_t from = base - 500 + pick(10000);
    return std::pair<int32_t, int32_t>{from, from + pick(1500)};
  };

  // A batch of new or replaced events with links between known events.
  auto event_batch = [&]() {
    CommitBatch b;
    int n = 1 + pick(4);
    for (int i = 0; i < n; ++i) {
      std::vector<std::string> parts;
      for (int k = 0, m = 1 + pick(3); k < m; ++k) parts.push_back(actor_ids[pick(actor_ids.size())]);
      Event e = MakeEvent("ev-" + std::to_string(pick(150)),
                          chance(40) ? "meet" : chance(50) ? "talk" : "statement", random_date(), parts);
      if (chance(30)) e.place_id = "place:P" + std::to_string(pick(4));
      // Inputs of the salience, few values each so that ties are common;
      // an id written again (a merge) usually moves.
      e.confidence = chance(50) ? 0.5 : 1.0;
      e.modality = chance(15) ? kbq::Modality::kNegated : chance(15) ? kbq::Modality::kClaimed
                                                                    : kbq::Modality::kAsserted;
      if (chance(30)) e.date_basis = "publication";
      for (int k = 0, m = pick(4); k < m; ++k) {
        e.mentions.push_back({"art-" + std::to_string(pick(5)), static_cast<uint32_t>(pick(3)),
                              static_cast<uint32_t>(pick(2)), 10, "s", "t", ""});
      }
      if (chance(10)) e.attributes["num_sources"] = pick(5);
      b.events.push_back(e);
    }
    // Within a batch the last event of an id wins, in the store and the model alike.
    std::map<std::string, Event> last;
    for (const auto& e : b.events) last[e.id] = e;
    b.events.clear();
    for (auto& [id, e] : last) b.events.push_back(e);
    std::vector<std::string> ends;
    for (const auto& [id, e] : model.events) ends.push_back(id);
    for (const auto& e : b.events) ends.push_back(e.id);
    for (int k = 0, m = pick(4); k < m; ++k) {
      b.links.push_back({ends[pick(ends.size())], ends[pick(ends.size())],
                         static_cast<LinkKind>(pick(8)), "cue", 0.5});
    }
    return b;
  };
  // A person's affiliation changed, applied to an event of the same batch.
  auto actor_batch = [&]() {
    CommitBatch b;
    Actor p = model.actors.at("person:" + std::to_string(pick(5)));
    p.affiliations = {{chance(50) ? "gov:B" + std::to_string(pick(4)) : "C" + std::to_string(pick(3)),
                       "role", random_valid()}};
    b.actors.push_back(p);
    b.events.push_back(MakeEvent("ev-" + std::to_string(pick(150)), "meet", random_date(), {p.id}));
    return b;
  };

  const int kSteps = 400;
  for (int step = 0; step < kSteps; ++step) {
    int op = pick(100);
    if (op >= 60 && op < 70) {
      // A bulk import of a few batches means what committing them in turn
      // means; a tiny memory budget makes it spill sorted runs now and then.
      kbq::BulkImportOptions bo;
      bo.memory_budget = chance(50) ? 4096 : 64 << 20;
      auto importer = store->BulkImport(bo);
      REQUIRE(importer.ok());
      for (int k = 0, m = 1 + pick(3); k < m; ++k) {
        CommitBatch b = chance(20) ? actor_batch() : event_batch();
        REQUIRE((*importer)->Add(b).ok());
        model.Commit(b);
      }
      kbq::BulkImportResult res;
      kbq::Status s = (*importer)->Finish(&res);
      INFO("step " << step << " (bulk): " << s.ToString());
      REQUIRE(s.ok());
      CHECK(res.links_skipped == 0);
    } else {
      CommitBatch b;
      if (op < 70) {
        b = event_batch();
      } else if (op < 90) {
        for (int k = 0, m = 1 + pick(3); k < m; ++k) {
          b.deleted_events.push_back("ev-" + std::to_string(pick(150)));
        }
      } else {
        b = actor_batch();
      }
      kbq::CommitResult res;
      kbq::Status s = store->Commit(b, &res);
      INFO("step " << step << ": " << s.ToString());
      REQUIRE(s.ok());
      CHECK(res.events_written == b.events.size());
      model.Commit(b);
    }

    for (int q = 0; q < 3; ++q) {
      auto [from, to] = random_range();
      compare(actor_ids[pick(actor_ids.size())], from, to, chance(50));
    }
    auto [from, to] = random_range();
    std::vector<std::string> got;
    REQUIRE(store->ScanDateRange(from, to, [&](const Event& e) {
                  got.push_back(e.id);
                  return true;
                }).ok());
    REQUIRE(got == model.DateRange(from, to));
    std::string id = "ev-" + std::to_string(pick(150));
    REQUIRE(Ids(*store->LinksFrom(id)) == Ids(model.out, id));
    REQUIRE(Ids(*store->LinksTo(id)) == Ids(model.in, id));
    std::string id2 = "ev-" + std::to_string(pick(150));
    std::vector<Link> expected;
    for (const std::string& one : {id, id2}) {
      for (bool out : {true, false}) {
        auto part = out ? store->LinksFrom(one) : store->LinksTo(one);
        REQUIRE(part.ok());
        expected.insert(expected.end(), part->begin(), part->end());
      }
    }
    auto batch = store->LinksOf({id, id2}, true, true);
    INFO(batch.status().ToString());
    REQUIRE(batch.ok());
    REQUIRE(*batch == expected);
  }

  // Everything, at the end.
  for (const auto& a : actor_ids) {
    compare(a, INT32_MIN, INT32_MAX, false);
    compare(a, INT32_MIN, INT32_MAX, true);
  }
  size_t links = 0;
  REQUIRE(store->ScanLinks([&](const Link&) { return ++links > 0; }).ok());
  CHECK(links == model.out.size());
  auto stats = store->Stats();
  CHECK(stats->events == model.events.size());
  CHECK(stats->links == model.out.size());
  CHECK(stats->actors == model.actors.size());
  auto report = store->Check();
  REQUIRE(report.ok());
  for (const auto& p : report->problems) UNSCOPED_INFO(p);
  CHECK(report->ok());
}
