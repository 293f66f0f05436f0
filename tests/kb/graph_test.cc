#include "kbq/graph.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <climits>
#include <deque>
#include <map>
#include <random>
#include <set>

#include "kbq/store.h"

using kbq::ChainDirection;
using kbq::ChainOptions;
using kbq::Direction;
using kbq::Event;
using kbq::GraphSource;
using kbq::Link;
using kbq::LinkKind;
using kbq::LinkKindSet;
using kbq::NeighbourOptions;
using kbq::PathOptions;
using kbq::Result;
using kbq::Status;
using kbq::TimeValue;

namespace {

// An in-memory GraphSource that counts whole-graph scans.
class FakeSource : public GraphSource {
 public:
  void Add(Event e) { events_[e.id] = std::move(e); }
  void AddLink(const std::string& from, const std::string& to, LinkKind kind,
               double confidence = 0.8) {
    Link l;
    l.from = from;
    l.to = to;
    l.kind = kind;
    l.confidence = confidence;
    links_.push_back(l);
  }
  const std::vector<Link>& links() const { return links_; }
  const std::map<std::string, Event>& events() const { return events_; }
  mutable int scans = 0;

  Result<Event> GetEvent(const std::string& id) const override {
    auto it = events_.find(id);
    if (it == events_.end()) return Status::NotFound("no event " + id);
    return it->second;
  }
  Result<std::vector<Link>> LinksFrom(const std::string& id) const override {
    std::vector<Link> out;
    for (const Link& l : links_) {
      if (l.from == id) out.push_back(l);
    }
    return out;
  }
  Result<std::vector<Link>> LinksTo(const std::string& id) const override {
    std::vector<Link> out;
    for (const Link& l : links_) {
      if (l.to == id) out.push_back(l);
    }
    return out;
  }
  Status ScanLinks(const std::function<bool(const Link&)>& visit) const override {
    ++scans;
    for (const Link& l : links_) {
      if (!visit(l)) break;
    }
    return Status::OK();
  }
  // Like the store's date index: only dated events.
  Status ScanEvents(const std::function<bool(const Event&)>& visit) const override {
    ++scans;
    for (const auto& [id, e] : events_) {
      if (e.date.ok() && !visit(e)) break;
    }
    return Status::OK();
  }

 private:
  std::map<std::string, Event> events_;
  std::vector<Link> links_;
};

Event MakeEvent(const std::string& id, TimeValue date, std::vector<std::string> actors = {}) {
  Event e;
  e.id = id;
  e.date = date;
  for (auto& a : actors) e.participants.push_back(kbq::Participant{a, kbq::Role::kOther});
  return e;
}

// The storyline behind the seed article, in miniature.
FakeSource SeedStoryline() {
  FakeSource s;
  s.Add(MakeEvent("ev-maidan",
                  TimeValue::Span(TimeValue::Year(2013), TimeValue::Year(2014)), {"UKR"}));
  s.Add(MakeEvent("ev-ultimatum", TimeValue::Month(2022, 2), {"RUS", "org:nato"}));
  s.Add(MakeEvent("ev-istanbul-collapse", TimeValue::Month(2022, 4), {"RUS", "UKR"}));
  s.Add(MakeEvent("ev-talks", TimeValue::Day(2025, 5, 16), {"RUS", "UKR", "TUR"}));
  s.Add(MakeEvent("ev-call", TimeValue::Day(2025, 5, 17), {"USA", "RUS"}));
  s.Add(MakeEvent("ev-followup", TimeValue::Month(2025, 6), {"RUS", "UKR"}));
  s.Add(MakeEvent("ev-unrelated", TimeValue::Day(2025, 5, 16), {"FRA"}));
  s.AddLink("ev-maidan", "ev-ultimatum", LinkKind::kCauses, 0.4);
  // Stored "forwards"; the chain orients storyline links by date.
  s.AddLink("ev-ultimatum", "ev-istanbul-collapse", LinkKind::kStoryline);
  s.AddLink("ev-talks", "ev-istanbul-collapse", LinkKind::kStoryline);
  s.AddLink("ev-call", "ev-talks", LinkKind::kRefersTo, 0.9);
  s.AddLink("ev-talks", "ev-followup", LinkKind::kStoryline);
  s.AddLink("ev-maidan", "ev-talks", LinkKind::kBefore);
  s.AddLink("ev-unrelated", "ev-talks", LinkKind::kOverlaps);
  return s;
}

std::vector<std::string> Ids(const kbq::Chain& c) {
  std::vector<std::string> out;
  for (const auto& s : c.events) out.push_back(s.event.id);
  return out;
}

}  // namespace

TEST_CASE("Chain: back from the talks reaches 2022-04 and 2013..2014, in date order",
          "[kb][graph]") {
  FakeSource s = SeedStoryline();
  auto chain = kbq::FollowChain(s, "ev-talks", ChainOptions{});
  REQUIRE(chain.ok());
  CHECK(Ids(*chain) == std::vector<std::string>{"ev-maidan", "ev-ultimatum",
                                                "ev-istanbul-collapse", "ev-talks"});
  CHECK(chain->ends == std::vector<std::string>{"ev-maidan"});
  CHECK(s.scans == 0);  // a chain reads links locally, never a full scan
  for (const auto& step : chain->events) {
    CHECK(step.via.has_value() == (step.event.id != "ev-talks"));
  }
}

TEST_CASE("Chain: the phone call refers back through the talks to the roots", "[kb][graph]") {
  FakeSource s = SeedStoryline();
  auto chain = kbq::FollowChain(s, "ev-call", ChainOptions{});
  REQUIRE(chain.ok());
  CHECK(Ids(*chain) == std::vector<std::string>{"ev-maidan", "ev-ultimatum",
                                                "ev-istanbul-collapse", "ev-talks", "ev-call"});
}

TEST_CASE("Chain: forward from 2013..2014 reaches the later events but not before-links",
          "[kb][graph]") {
  FakeSource s = SeedStoryline();
  ChainOptions o;
  o.direction = ChainDirection::kForward;
  auto chain = kbq::FollowChain(s, "ev-maidan", o);
  REQUIRE(chain.ok());
  CHECK(Ids(*chain) == std::vector<std::string>{"ev-maidan", "ev-ultimatum",
                                                "ev-istanbul-collapse", "ev-talks", "ev-call",
                                                "ev-followup"});
  CHECK(chain->ends == std::vector<std::string>{"ev-call", "ev-followup"});
}

TEST_CASE("Chain: terminates on a cycle of causal links", "[kb][graph]") {
  FakeSource s;
  s.Add(MakeEvent("a", TimeValue::Year(2020)));
  s.Add(MakeEvent("b", TimeValue::Year(2021)));
  s.Add(MakeEvent("c", TimeValue()));
  s.AddLink("a", "b", LinkKind::kCauses);
  s.AddLink("b", "c", LinkKind::kCauses);
  s.AddLink("c", "a", LinkKind::kCauses);
  s.AddLink("c", "missing", LinkKind::kCauses);
  for (auto dir : {ChainDirection::kBack, ChainDirection::kForward}) {
    ChainOptions o;
    o.direction = dir;
    auto chain = kbq::FollowChain(s, "b", o);
    REQUIRE(chain.ok());
    CHECK(Ids(*chain) == std::vector<std::string>{"a", "b", "c"});  // unknown date last
    CHECK(chain->ends.empty());
  }
  ChainOptions fwd;
  fwd.direction = ChainDirection::kForward;
  CHECK(kbq::FollowChain(s, "a", fwd)->dangling == std::vector<std::string>{"missing"});
  CHECK(kbq::FollowChain(s, "nope", fwd).status().IsNotFound());
}

TEST_CASE("Neighbours: hops, kinds, direction and date window", "[kb][graph]") {
  FakeSource s = SeedStoryline();
  auto ids = [](const kbq::Neighbourhood& n) {
    std::vector<std::pair<std::string, int>> out;
    for (const auto& e : n.events) out.emplace_back(e.event.id, e.hops);
    return out;
  };
  NeighbourOptions o;
  auto n = kbq::Neighbours(s, "ev-talks", o);
  REQUIRE(n.ok());
  using V = std::vector<std::pair<std::string, int>>;
  CHECK(ids(*n) == V{{"ev-maidan", 1}, {"ev-istanbul-collapse", 1}, {"ev-unrelated", 1},
                     {"ev-call", 1}, {"ev-followup", 1}});
  o.kinds = LinkKindSet{LinkKind::kRefersTo, LinkKind::kStoryline};
  o.hops = 2;
  CHECK(ids(*kbq::Neighbours(s, "ev-talks", o)) ==
        V{{"ev-istanbul-collapse", 1}, {"ev-call", 1}, {"ev-followup", 1}, {"ev-ultimatum", 2}});
  o.direction = Direction::kOut;
  CHECK(ids(*kbq::Neighbours(s, "ev-talks", o)) ==
        V{{"ev-istanbul-collapse", 1}, {"ev-followup", 1}});
  o.direction = Direction::kBoth;
  o.from_day = kbq::DaysFromCivil(2025, 1, 1);
  auto windowed = kbq::Neighbours(s, "ev-talks", o);
  CHECK(ids(*windowed) == V{{"ev-call", 1}, {"ev-followup", 1}});
  CHECK(windowed->events[0].via.kind == LinkKind::kRefersTo);
  CHECK(s.scans == 0);
  o.hops = -1;
  CHECK(kbq::Neighbours(s, "ev-talks", o).status().IsInvalidArgument());
}

TEST_CASE("Path: the shortest explained path between two events and two actors",
          "[kb][graph]") {
  FakeSource s = SeedStoryline();
  PathOptions o;
  o.kinds = kbq::ChainLinkKinds();
  auto p = kbq::FindPath(s, "ev-call", "ev-ultimatum", o);
  REQUIRE(p.ok());
  REQUIRE(p->hops() == 3);
  CHECK(p->steps[0].event.id == "ev-call");
  CHECK(p->steps[1].via->kind == LinkKind::kRefersTo);
  CHECK(p->steps[3].event.id == "ev-ultimatum");
  CHECK(kbq::FindPath(s, "ev-call", "ev-unrelated", o).status().IsNotFound());
  // Actors: the USA takes part in the call, NATO in the ultimatum; FRA shares nothing.
  auto actors = kbq::FindPathBetween(s, {"ev-call"}, {"ev-ultimatum", "ev-maidan"}, o);
  REQUIRE(actors.ok());
  CHECK(actors->hops() == 3);
  auto shared = kbq::FindPathBetween(s, {"ev-call", "ev-talks"}, {"ev-talks"}, o);
  REQUIRE(shared.ok());
  CHECK(shared->hops() == 0);
  o.max_hops = 2;
  CHECK(kbq::FindPath(s, "ev-call", "ev-ultimatum", o).status().IsNotFound());
  CHECK(kbq::FindPathBetween(s, {}, {"ev-talks"}, o).status().IsInvalidArgument());
}

TEST_CASE("Path: a line of seven events needs max_hops >= 6 from end to end", "[kb][graph]") {
  FakeSource s;
  for (int i = 0; i < 7; ++i) s.Add(MakeEvent("l" + std::to_string(i), TimeValue::Year(2000 + i)));
  for (int i = 0; i < 6; ++i) {
    // Alternate stored directions: paths walk links both ways.
    if (i % 2) {
      s.AddLink("l" + std::to_string(i), "l" + std::to_string(i + 1), LinkKind::kCauses);
    } else {
      s.AddLink("l" + std::to_string(i + 1), "l" + std::to_string(i), LinkKind::kRefersTo);
    }
  }
  for (int h = 0; h <= 8; ++h) {
    for (int a = 0; a < 7; ++a) {
      for (int b = 0; b < 7; ++b) {
        CAPTURE(h, a, b);
        PathOptions o;
        o.max_hops = h;
        auto p = kbq::FindPath(s, "l" + std::to_string(a), "l" + std::to_string(b), o);
        int want = std::abs(a - b);
        REQUIRE(p.ok() == (want <= h));
        if (p.ok()) CHECK(p->hops() == static_cast<size_t>(want));
      }
    }
  }
}

TEST_CASE("Storylines: components along causal and storyline links with span and actors",
          "[kb][graph]") {
  FakeSource s = SeedStoryline();
  auto g = kbq::EventGraph::Build(s, {});
  REQUIRE(g.ok());
  CHECK((*g)->num_events() == 7);
  CHECK((*g)->num_links() == 7);
  auto lines = kbq::Storylines(**g, s, {});
  REQUIRE(lines.ok());
  REQUIRE(lines->size() == 1);  // before/overlaps do not join ev-unrelated
  const kbq::Storyline& st = lines->front();
  CHECK(st.size == 6);
  CHECK(st.event_ids.size() == 6);
  CHECK(st.event_ids.front() == "ev-maidan");
  CHECK(st.event_ids.back() == "ev-followup");
  CHECK(st.span.ToString() == "2013-01..2025-06");
  REQUIRE(st.main_actors.size() >= 2);
  CHECK(st.main_actors[0] == std::pair<std::string, size_t>{"RUS", 5});
  CHECK(st.main_actors[1] == std::pair<std::string, size_t>{"UKR", 4});

  kbq::StorylineOptions few;
  few.max_ids = 2;
  few.max_actors = 1;
  auto cut = kbq::Storylines(**g, s, few);
  REQUIRE(cut.ok());
  CHECK(cut->front().size == 6);
  CHECK(cut->front().event_ids == std::vector<std::string>{"ev-maidan", "ev-ultimatum"});
  CHECK(cut->front().main_actors.size() == 1);
  kbq::StorylineOptions all_kinds;
  all_kinds.kinds = LinkKindSet::All();  // before/overlaps now join everything
  CHECK(kbq::Storylines(**g, s, all_kinds)->front().size == 7);
}

TEST_CASE("Consistency: a before-cycle of three events is reported, not looped on",
          "[kb][graph]") {
  FakeSource s;
  for (const char* id : {"a", "b", "c", "d"}) s.Add(MakeEvent(id, TimeValue()));
  s.AddLink("a", "b", LinkKind::kBefore);
  s.AddLink("b", "c", LinkKind::kBefore);
  s.AddLink("c", "a", LinkKind::kBefore);
  s.AddLink("c", "d", LinkKind::kBefore);
  auto g = kbq::EventGraph::Build(s, {});
  REQUIRE(g.ok());
  auto r = kbq::CheckConsistency(**g, s, {});
  REQUIRE(r.ok());
  REQUIRE(r->problems.size() == 1);
  const auto& p = r->problems[0];
  CHECK(p.kind == kbq::ConsistencyProblem::Kind::kBeforeCycle);
  std::vector<std::string> cyc = p.event_ids;
  std::rotate(cyc.begin(), std::find(cyc.begin(), cyc.end(), "a"), cyc.end());
  CHECK(cyc == std::vector<std::string>{"a", "b", "c"});
  CHECK(p.message.find("a") != std::string::npos);
}

TEST_CASE("Consistency: a cause dated after its effect is reported with both ids",
          "[kb][graph]") {
  FakeSource s = SeedStoryline();
  s.AddLink("ev-call", "ev-istanbul-collapse", LinkKind::kCauses);
  s.AddLink("ev-followup", "ev-talks", LinkKind::kBefore);
  auto g = kbq::EventGraph::Build(s, {});
  REQUIRE(g.ok());
  auto r = kbq::CheckConsistency(**g, s, {});
  REQUIRE(r.ok());
  REQUIRE(r->problems.size() == 2);
  std::map<kbq::ConsistencyProblem::Kind, std::vector<std::string>> by_kind;
  for (const auto& p : r->problems) by_kind[p.kind] = p.event_ids;
  CHECK(by_kind[kbq::ConsistencyProblem::Kind::kCauseAfterEffect] ==
        std::vector<std::string>{"ev-call", "ev-istanbul-collapse"});
  CHECK(by_kind[kbq::ConsistencyProblem::Kind::kBeforeAgainstDates] ==
        std::vector<std::string>{"ev-followup", "ev-talks"});
  // The seed alone is consistent.
  FakeSource seed = SeedStoryline();
  auto g2 = kbq::EventGraph::Build(seed, {});
  CHECK(kbq::CheckConsistency(**g2, seed, {})->ok());
}

TEST_CASE("DeriveTemporalLinks: partial dates compare honestly", "[kb][graph]") {
  std::vector<Event> events = {
      MakeEvent("year", TimeValue::Year(2022)),
      MakeEvent("april", TimeValue::Month(2022, 4)),
      MakeEvent("may16", TimeValue::Day(2022, 5, 16)),
      MakeEvent("revolution", TimeValue::Span(TimeValue::Year(2013), TimeValue::Year(2014))),
      MakeEvent("undated", TimeValue()),
      MakeEvent("denied", TimeValue::Year(2023)),
  };
  events[5].modality = kbq::Modality::kNegated;
  auto links = kbq::DeriveTemporalLinks(events);
  std::set<std::tuple<std::string, std::string, LinkKind>> got;
  for (const Link& l : links) got.emplace(l.from, l.to, l.kind);
  using T = std::tuple<std::string, std::string, LinkKind>;
  CHECK(got == std::set<T>{{"revolution", "year", LinkKind::kBefore},
                           {"year", "april", LinkKind::kOverlaps},
                           {"april", "may16", LinkKind::kBefore}});
}

// ---------------------------------------------------------------- randomised

namespace {

struct Model {
  std::multimap<std::string, Link> out, in;
  explicit Model(const FakeSource& s) {
    for (const Link& l : s.links()) {
      out.emplace(l.from, l);
      in.emplace(l.to, l);
    }
  }
  // (link, other end, stepping from the link's from end)
  std::vector<std::tuple<Link, std::string, bool>> Incident(const std::string& id, bool o,
                                                            bool i) const {
    std::vector<std::tuple<Link, std::string, bool>> r;
    if (o) {
      for (auto [it, end] = out.equal_range(id); it != end; ++it) {
        if (it->second.to != id) r.emplace_back(it->second, it->second.to, true);
      }
    }
    if (i) {
      for (auto [it, end] = in.equal_range(id); it != end; ++it) {
        if (it->second.from != id) r.emplace_back(it->second, it->second.from, false);
      }
    }
    return r;
  }
};

FakeSource RandomGraph(std::mt19937& rng, int n, int m) {
  FakeSource s;
  for (int i = 0; i < n; ++i) {
    TimeValue d;
    int r = rng() % 5;
    int y = 2000 + static_cast<int>(rng() % 10);
    if (r == 0) d = TimeValue::Year(y);
    if (r == 1) d = TimeValue::Month(y, 1 + rng() % 12);
    if (r == 2) d = TimeValue::Day(y, 1 + rng() % 12, 1 + rng() % 28);
    if (r == 3) d = TimeValue::Span(TimeValue::Year(y), TimeValue::Year(y + 1 + rng() % 3));
    s.Add(MakeEvent("e" + std::to_string(i), d, {"A" + std::to_string(rng() % 3)}));
  }
  for (int j = 0; j < m; ++j) {
    s.AddLink("e" + std::to_string(rng() % n), "e" + std::to_string(rng() % n),
              static_cast<LinkKind>(rng() % 8), 0.05 + (rng() % 95) / 100.0);
  }
  return s;
}

LinkKindSet RandomKinds(std::mt19937& rng) {
  if (rng() % 3 == 0) return LinkKindSet::All();
  return LinkKindSet::FromBits(rng() % 256);
}

}  // namespace

TEST_CASE("Neighbours: random graphs agree with a BFS over multimaps", "[kb][graph][random]") {
  std::mt19937 rng(Catch::rngSeed());
  for (int round = 0; round < 60; ++round) {
    FakeSource s = RandomGraph(rng, 25, 40);
    Model model(s);
    NeighbourOptions o;
    o.hops = 1 + rng() % 3;
    o.kinds = RandomKinds(rng);
    o.direction = static_cast<Direction>(rng() % 3);
    if (rng() % 3 == 0) {
      o.from_day = kbq::DaysFromCivil(2003, 1, 1);
      o.to_day = kbq::DaysFromCivil(2006, 12, 31);
    }
    const bool windowed = o.from_day != INT32_MIN;
    std::string start = "e" + std::to_string(rng() % 25);
    CAPTURE(round, start, o.hops, o.kinds.bits(), static_cast<int>(o.direction));

    std::map<std::string, int> expected;
    std::set<std::string> seen{start};
    std::vector<std::string> frontier{start};
    for (int d = 1; d <= o.hops; ++d) {
      std::vector<std::string> next;
      for (const auto& id : frontier) {
        for (auto& [l, other, fwd] : model.Incident(id, o.direction != Direction::kIn,
                                                   o.direction != Direction::kOut)) {
          if (!o.kinds.Contains(l.kind) || !seen.insert(other).second) continue;
          const TimeValue& t = s.events().at(other).date;
          if (windowed && !(t.ok() && t.earliest <= o.to_day && o.from_day <= t.latest)) continue;
          expected[other] = d;
          next.push_back(other);
        }
      }
      frontier = next;
    }
    auto n = kbq::Neighbours(s, start, o);
    REQUIRE(n.ok());
    std::map<std::string, int> got;
    for (const auto& nb : n->events) {
      got[nb.event.id] = nb.hops;
      // The via link joins an event one hop closer to this one.
      bool fwd = nb.via.to == nb.event.id;
      const std::string& prev = fwd ? nb.via.from : nb.via.to;
      CHECK(o.kinds.Contains(nb.via.kind));
      CHECK((prev == start ? 0 : got.count(prev) ? got[prev] : -9) == nb.hops - 1);
      if (o.direction == Direction::kOut) CHECK(fwd);
      if (o.direction == Direction::kIn) CHECK_FALSE(fwd);
    }
    CHECK(got == expected);
  }
}

namespace {

// The chain rule written out independently: which end is "back" per kind.
std::map<std::string, int> ModelChain(const FakeSource& s, const Model& m,
                                      const std::string& start, bool back, LinkKindSet kinds) {
  std::map<std::string, int> depth{{start, 0}};
  std::deque<std::string> q{start};
  while (!q.empty()) {
    std::string id = q.front();
    q.pop_front();
    for (auto& [l, other, from_end] : m.Incident(id, true, true)) {
      if (!kinds.Contains(l.kind)) continue;
      bool to_back;  // does stepping to `other` go back in time?
      bool both = false;
      switch (l.kind) {
        case LinkKind::kCauses:
        case LinkKind::kEnables:
          to_back = !from_end;
          break;
        case LinkKind::kRefersTo:
        case LinkKind::kPartOf:
          to_back = from_end;
          break;
        case LinkKind::kSameAs:
          both = true;
          to_back = true;
          break;
        case LinkKind::kStoryline: {
          const TimeValue& a = s.events().at(id).date;
          const TimeValue& b = s.events().at(other).date;
          if (a.ok() && b.ok() && (a.latest < b.earliest || b.latest < a.earliest)) {
            to_back = b.latest < a.earliest;
          } else {
            to_back = from_end;
          }
          break;
        }
        default:
          continue;
      }
      if (!both && to_back != back) continue;
      if (depth.emplace(other, depth[id] + 1).second) q.push_back(other);
    }
  }
  return depth;
}

}  // namespace

TEST_CASE("Chain: random graphs agree with the rule table and come out in date order",
          "[kb][graph][random]") {
  std::mt19937 rng(Catch::rngSeed() + 1);
  for (int round = 0; round < 60; ++round) {
    FakeSource s = RandomGraph(rng, 25, 45);
    Model model(s);
    ChainOptions o;
    o.direction = rng() % 2 ? ChainDirection::kBack : ChainDirection::kForward;
    o.kinds = RandomKinds(rng);
    std::string start = "e" + std::to_string(rng() % 25);
    CAPTURE(round, start, o.kinds.bits());
    auto expected = ModelChain(s, model, start, o.direction == ChainDirection::kBack, o.kinds);
    auto chain = kbq::FollowChain(s, start, o);
    REQUIRE(chain.ok());
    std::map<std::string, int> got;
    for (const auto& st : chain->events) got[st.event.id] = st.depth;
    CHECK(got == expected);
    for (size_t i = 1; i < chain->events.size(); ++i) {
      const TimeValue &a = chain->events[i - 1].event.date, &b = chain->events[i].event.date;
      if (a.ok() && b.ok()) {
        CHECK((a.earliest < b.earliest || (a.earliest == b.earliest && a.latest <= b.latest)));
      } else {
        CHECK_FALSE((!a.ok() && b.ok()));  // unknown dates last
      }
    }
  }
}

TEST_CASE("Path: random graphs agree with BFS hop counts and Bellman-Ford costs",
          "[kb][graph][random]") {
  std::mt19937 rng(Catch::rngSeed() + 2);
  for (int round = 0; round < 60; ++round) {
    const int n = 20;
    FakeSource s = RandomGraph(rng, n, 16 + rng() % 20);
    PathOptions o;
    o.kinds = RandomKinds(rng);
    o.weight = rng() % 2 ? kbq::PathWeight::kHops : kbq::PathWeight::kConfidence;
    o.max_hops = o.weight == kbq::PathWeight::kHops ? 1 + rng() % 5 : 2 * n;
    std::string a = "e" + std::to_string(rng() % n), b = "e" + std::to_string(rng() % n);
    CAPTURE(round, a, b, o.kinds.bits(), o.max_hops, static_cast<int>(o.weight));

    // Model: Bellman-Ford over undirected links, with the graph's 1/255
    // confidence steps; hop counts along cheapest paths (fewest hops for kHops).
    std::map<std::string, double> dist{{a, 0}};
    for (int it = 0; it < n; ++it) {
      for (const Link& l : s.links()) {
        if (!o.kinds.Contains(l.kind)) continue;
        double q = std::round(l.confidence * 255) / 255;
        double w = o.weight == kbq::PathWeight::kHops ? 1 : 1 / std::clamp(q, 0.01, 1.0);
        for (auto [x, y] : {std::pair(l.from, l.to), std::pair(l.to, l.from)}) {
          if (dist.count(x) && (!dist.count(y) || dist[x] + w < dist[y] - 1e-12)) {
            dist[y] = dist[x] + w;
          }
        }
      }
    }
    bool reachable = dist.count(b) &&
                     (o.weight == kbq::PathWeight::kConfidence || dist[b] <= o.max_hops);
    auto local = kbq::FindPath(s, a, b, o);
    auto g = kbq::EventGraph::Build(s, {});
    REQUIRE(g.ok());
    auto whole = (*g)->FindPathBetween(s, {a}, {b}, o);
    REQUIRE(local.ok() == reachable);
    if (!reachable) {
      CHECK(local.status().IsNotFound());
      if (!dist.count(b)) CHECK(whole.status().IsNotFound());
      continue;
    }
    REQUIRE(whole.ok());
    CHECK(local->cost == Approx(dist[b]));
    CHECK(whole->cost == Approx(dist[b]));
    for (const kbq::Path* p : {&*local, &*whole}) {
      REQUIRE(!p->steps.empty());
      CHECK(p->steps.front().event.id == a);
      CHECK(p->steps.back().event.id == b);
      for (size_t i = 1; i < p->steps.size(); ++i) {
        const Link& l = *p->steps[i].via;
        const std::string &x = p->steps[i - 1].event.id, &y = p->steps[i].event.id;
        CHECK(((l.from == x && l.to == y) || (l.from == y && l.to == x)));
        CHECK(o.kinds.Contains(l.kind));
        CHECK(std::find(s.links().begin(), s.links().end(), l) != s.links().end());
      }
    }
  }
}

TEST_CASE("Storylines: random graphs agree with union-find components", "[kb][graph][random]") {
  std::mt19937 rng(Catch::rngSeed() + 3);
  for (int round = 0; round < 40; ++round) {
    FakeSource s = RandomGraph(rng, 30, 25);
    std::map<std::string, std::string> parent;
    std::function<std::string(const std::string&)> find = [&](const std::string& x) {
      if (!parent.count(x)) parent[x] = x;
      return parent[x] == x ? x : parent[x] = find(parent[x]);
    };
    for (const Link& l : s.links()) {
      find(l.from);
      find(l.to);
      if (kbq::ChainLinkKinds().Contains(l.kind)) parent[find(l.from)] = find(l.to);
    }
    std::map<std::string, std::set<std::string>> comps;
    for (auto& [id, p] : parent) comps[find(id)].insert(id);
    std::set<std::set<std::string>> expected;
    for (auto& [root, members] : comps) {
      if (members.size() >= 2) expected.insert(members);
    }
    auto g = kbq::EventGraph::Build(s, {});
    REQUIRE(g.ok());
    auto lines = kbq::Storylines(**g, s, {});
    REQUIRE(lines.ok());
    std::set<std::set<std::string>> got;
    for (const auto& st : *lines) {
      std::set<std::string> members(st.event_ids.begin(), st.event_ids.end());
      CHECK(members.size() == st.event_ids.size());
      CHECK(st.size == st.event_ids.size());
      got.insert(members);
    }
    CHECK(got == expected);
    for (size_t i = 1; i < lines->size(); ++i) CHECK((*lines)[i - 1].size >= (*lines)[i].size);
  }
}

TEST_CASE("DeriveTemporalLinks: random dates give true, linear-size links", "[kb][graph][random]") {
  std::mt19937 rng(Catch::rngSeed() + 4);
  for (int round = 0; round < 100; ++round) {
    FakeSource s = RandomGraph(rng, 1 + rng() % 30, 0);
    std::vector<Event> events;
    std::map<std::string, TimeValue> dates;
    for (auto& [id, e] : s.events()) {
      events.push_back(e);
      dates[id] = e.date;
    }
    auto links = kbq::DeriveTemporalLinks(events);
    CHECK(links.size() <= 2 * events.size());
    std::map<std::string, int> befores;
    for (const Link& l : links) {
      const TimeValue &a = dates.at(l.from), &b = dates.at(l.to);
      REQUIRE((a.ok() && b.ok()));
      if (l.kind == LinkKind::kBefore) {
        CHECK(a.Before(b));
        ++befores[l.from];
      } else {
        CHECK(l.kind == LinkKind::kOverlaps);
        CHECK(a.Overlaps(b));
      }
    }
    // Every dated event with a later event has exactly one before-link.
    for (auto& [id, a] : dates) {
      if (!a.ok()) continue;
      bool has_later = std::any_of(dates.begin(), dates.end(), [&](const auto& kv) {
        return kv.second.ok() && a.Before(kv.second);
      });
      CHECK(befores[id] == (has_later ? 1 : 0));
    }
  }
}

// ---------------------------------------------------------------- store adapter

namespace {

// A Store that answers only what the graph adapter forwards.
class TinyStore : public kbq::Store {
 public:
  FakeSource data = SeedStoryline();
  mutable std::pair<int32_t, int32_t> range{0, 0};

  Status Commit(const kbq::CommitBatch&, kbq::CommitResult*) override {
    return Status::NotSupported("tiny");
  }
  Result<kbq::Article> GetArticle(const std::string&) const override {
    return Status::NotSupported("tiny");
  }
  Result<kbq::Actor> GetActor(const std::string&) const override {
    return Status::NotSupported("tiny");
  }
  Result<Event> GetEvent(const std::string& id) const override { return data.GetEvent(id); }
  bool HasArticle(const std::string&) const override { return false; }
  Status ScanActors(const std::function<bool(const kbq::Actor&)>&) const override {
    return Status::NotSupported("tiny");
  }
  Result<std::vector<std::string>> FindActorsByName(std::string_view) const override {
    return Status::NotSupported("tiny");
  }
  Status ScanActorTimeline(const std::string&, int32_t, int32_t, bool,
                           const kbq::EventVisitor&) const override {
    return Status::NotSupported("tiny");
  }
  Status ScanDateRange(int32_t from, int32_t to, const kbq::EventVisitor& visit) const override {
    range = {from, to};
    return data.ScanEvents(visit);
  }
  Status ScanType(const std::string&, const kbq::EventVisitor&) const override {
    return Status::NotSupported("tiny");
  }
  Result<std::vector<Link>> LinksFrom(const std::string& id) const override {
    return data.LinksFrom(id);
  }
  Result<std::vector<Link>> LinksTo(const std::string& id) const override {
    return data.LinksTo(id);
  }
  Status ScanLinks(const std::function<bool(const Link&)>& visit) const override {
    return data.ScanLinks(visit);
  }
  Result<kbq::StoreStats> Stats() const override { return Status::NotSupported("tiny"); }
  Result<kbq::CheckReport> Check() const override { return Status::NotSupported("tiny"); }
  Status Refresh() override { return Status::OK(); }
  Status Flush() override { return Status::OK(); }
};

}  // namespace

TEST_CASE("MakeStoreGraphSource: forwards to the store and scans every date", "[kb][graph]") {
  TinyStore store;
  auto source = kbq::MakeStoreGraphSource(store);
  auto chain = kbq::FollowChain(*source, "ev-talks", ChainOptions{});
  REQUIRE(chain.ok());
  CHECK(chain->events.size() == 4);
  auto g = kbq::EventGraph::Build(*source, {});
  REQUIRE(g.ok());
  auto lines = kbq::Storylines(**g, *source, {});
  REQUIRE(lines.ok());
  CHECK(lines->front().size == 6);
  CHECK(store.range == std::pair<int32_t, int32_t>{INT32_MIN, INT32_MAX});
  CHECK(source->GetEvent("nope").status().IsNotFound());
}

TEST_CASE("Consistency: random before-graphs report cycles iff a topological sort fails",
          "[kb][graph][random]") {
  std::mt19937 rng(Catch::rngSeed() + 5);
  for (int round = 0; round < 80; ++round) {
    const int n = 12;
    FakeSource s;
    for (int i = 0; i < n; ++i) s.Add(MakeEvent("b" + std::to_string(i), TimeValue()));
    int m = rng() % 20;
    for (int j = 0; j < m; ++j) {
      s.AddLink("b" + std::to_string(rng() % n), "b" + std::to_string(rng() % n),
                rng() % 4 ? LinkKind::kBefore : LinkKind::kCauses);
    }
    // Model: Kahn's algorithm over before-links.
    std::map<std::string, int> indeg;
    std::multimap<std::string, std::string> succ;
    std::set<std::string> nodes;
    std::set<std::pair<std::string, std::string>> edges;
    for (const Link& l : s.links()) {
      nodes.insert(l.from);
      nodes.insert(l.to);
      if (l.kind != LinkKind::kBefore) continue;
      ++indeg[l.to];
      succ.emplace(l.from, l.to);
      edges.emplace(l.from, l.to);
    }
    std::vector<std::string> ready;
    for (const auto& v : nodes) {
      if (indeg[v] == 0) ready.push_back(v);
    }
    size_t sorted = 0;
    while (!ready.empty()) {
      std::string v = ready.back();
      ready.pop_back();
      ++sorted;
      for (auto [it, end] = succ.equal_range(v); it != end; ++it) {
        if (--indeg[it->second] == 0) ready.push_back(it->second);
      }
    }
    bool cyclic = sorted < nodes.size();
    auto g = kbq::EventGraph::Build(s, {});
    REQUIRE(g.ok());
    auto r = kbq::CheckConsistency(**g, s, {});
    REQUIRE(r.ok());
    CAPTURE(round, m);
    CHECK(!r->problems.empty() == cyclic);
    for (const auto& p : r->problems) {
      REQUIRE(p.kind == kbq::ConsistencyProblem::Kind::kBeforeCycle);
      const auto& c = p.event_ids;
      REQUIRE(!c.empty());
      for (size_t i = 0; i < c.size(); ++i) {
        CHECK(edges.count({c[i], c[(i + 1) % c.size()]}) == 1);
      }
    }
  }
}

TEST_CASE("Consistency: the problem list stops at max_problems", "[kb][graph]") {
  FakeSource s;
  for (int i = 0; i < 10; ++i) {
    std::string a = "x" + std::to_string(i), b = "y" + std::to_string(i);
    s.Add(MakeEvent(a, TimeValue::Year(2020)));
    s.Add(MakeEvent(b, TimeValue::Year(2010)));
    s.AddLink(a, b, LinkKind::kCauses);
  }
  auto g = kbq::EventGraph::Build(s, {});
  REQUIRE(g.ok());
  kbq::ConsistencyOptions o;
  o.max_problems = 3;
  auto r = kbq::CheckConsistency(**g, s, o);
  REQUIRE(r.ok());
  CHECK(r->problems.size() == 3);
  CHECK(r->truncated);
}

TEST_CASE("EventGraph: an empty graph and links to missing events are handled", "[kb][graph]") {
  FakeSource empty;
  empty.Add(MakeEvent("alone", TimeValue::Year(2024)));
  auto g = kbq::EventGraph::Build(empty, {});
  REQUIRE(g.ok());
  CHECK((*g)->num_events() == 0);
  CHECK(kbq::Storylines(**g, empty, {})->empty());
  CHECK(kbq::CheckConsistency(**g, empty, {})->ok());
  CHECK((*g)->FindPathBetween(empty, {"alone"}, {"alone"}, {})->hops() == 0);
  CHECK((*g)->FindPathBetween(empty, {"alone"}, {"other"}, {}).status().IsNotFound());

  FakeSource s;
  s.Add(MakeEvent("here", TimeValue::Year(2024)));
  s.AddLink("here", "ghost", LinkKind::kStoryline);
  auto n = kbq::Neighbours(s, "here", NeighbourOptions{});
  REQUIRE(n.ok());
  CHECK(n->events.empty());
  CHECK(n->dangling == std::vector<std::string>{"ghost"});
  auto chain = kbq::FollowChain(s, "here", ChainOptions{});
  REQUIRE(chain.ok());
  CHECK(chain->dangling == std::vector<std::string>{"ghost"});
  auto g2 = kbq::EventGraph::Build(s, {});
  auto lines = kbq::Storylines(**g2, s, {});
  REQUIRE(lines.ok());
  REQUIRE(lines->size() == 1);
  CHECK(lines->front().event_ids == std::vector<std::string>{"here", "ghost"});
}
