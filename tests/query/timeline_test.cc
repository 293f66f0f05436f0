// Timelines an analyst can read: labels name each side once, salience puts
// the well-reported event first, events dated only by their report stand
// apart, and every row a filter hides is counted and reachable.
#include <catch2/catch.hpp>

#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "kbq/query/engine.h"
#include "kbq/query/fold.h"
#include "kbq/query/render.h"
#include "kbq/query/salience.h"
#include "kbq/store.h"
#include "../kb/store_test_util.h"
#include "query_test_util.h"

using namespace kbq;
using namespace kbq::query;
using kbq::testing::MakeActor;

namespace {

Mention MakeMention(const std::string& article, uint32_t sentence) {
  Mention m;
  m.article_id = article;
  m.sentence = sentence;
  m.begin = sentence * 100;
  m.end = m.begin + 90;
  m.text = "sentence " + std::to_string(sentence);
  return m;
}

Event MakeEvent(const std::string& id, const std::string& type, const std::string& day,
                const std::string& basis, std::vector<Participant> who, int mentions = 1) {
  Event e;
  e.id = id;
  e.type = type;
  e.date = TimeValue::Parse(day);
  e.date_basis = basis;
  e.participants = std::move(who);
  e.confidence = 0.7;
  for (int i = 0; i < mentions; ++i) e.mentions.push_back(MakeMention(i % 2 ? "art-b" : "art-a", i));
  return e;
}

EventView ViewOf(Event e, std::vector<Actor> actors) {
  EventView v;
  v.event = std::move(e);
  for (auto& a : actors) v.actors.emplace(a.id, std::move(a));
  return v;
}

// A new store in a fresh temporary directory.
Result<std::unique_ptr<Store>> OpenEmptyStore() {
  StoreOptions so;
  so.create_if_missing = true;
  return Store::Open(query_test::TempDir() + "/store", so);
}

}  // namespace

TEST_CASE("EventLabel: each side once, no body beside its own country, the place once",
          "[query][timeline][label]") {
  Actor ukr = MakeActor("UKR", ActorKind::kCountry, "Ukraine");
  Actor office = MakeActor("gov:ukr-president", ActorKind::kGovernmentBody,
                           "Office of the President of Ukraine", {"UKR"});
  Actor fra = MakeActor("FRA", ActorKind::kCountry, "France");
  Actor kyiv = MakeActor("place:kyiv", ActorKind::kPlace, "Kyiv", {"UKR"});

  // A country that is also the place: named once.
  Event praise = MakeEvent("ev-1", "praise", "2022-02-14", "publication",
                           {{"UKR", Role::kSource}});
  praise.place_id = "UKR";
  praise.labels["en"] = "Praise: Ukraine, Ukraine";
  CHECK(EventLabel(ViewOf(praise, {ukr}), "en") == "Praise: Ukraine");

  // A body of the country beside the country: the body says more.
  Event meeting = MakeEvent("ev-2", "meeting", "2022-02-15", "explicit",
                            {{"UKR", Role::kSource}, {"gov:ukr-president", Role::kTarget},
                             {"FRA", Role::kTarget}});
  meeting.labels["en"] = "Meeting: Ukraine – Office of the President of Ukraine – France";
  CHECK(EventLabel(ViewOf(meeting, {ukr, office, fra}), "en") ==
        "Meeting: Office of the President of Ukraine – France");

  // An actor in no role (a talk's topic) is named only when no side is.
  Event talk = MakeEvent("ev-4", "consult", "2022-02-15", "explicit",
                         {{"FRA", Role::kSource}, {"UKR", Role::kOther}});
  CHECK(EventLabel(ViewOf(talk, {ukr, fra}), "en") == "Consult: France");
  Event unsided = MakeEvent("ev-5", "consult", "2022-02-15", "explicit", {{"UKR", Role::kOther}});
  CHECK(EventLabel(ViewOf(unsided, {ukr}), "en") == "Consult: Ukraine");

  // A place inside a participant's country is named; the country's own body
  // at home does not repeat the country.
  meeting.place_id = "place:kyiv";
  CHECK(EventLabel(ViewOf(meeting, {ukr, office, fra, kyiv}), "en") ==
        "Meeting: Office of the President of Ukraine – France, Kyiv");
  Event visit = MakeEvent("ev-3", "visit", "2022-02-16", "explicit",
                          {{"gov:ukr-president", Role::kSource}});
  visit.place_id = "UKR";
  CHECK(EventLabel(ViewOf(visit, {ukr, office}), "en") == "Visit: Office of the President of Ukraine");

  // The stored wording of the type is kept; Chinese separators in Chinese.
  Event talks = MakeEvent("ev-4", "halt_negotiations", "2022", "explicit",
                          {{"RUS", Role::kSource}, {"UKR", Role::kSource}});
  talks.labels["en"] = "Talks halted: Russia – Ukraine";
  talks.labels["zh"] = "谈判中断：俄罗斯 – 乌克兰";
  Actor rus = MakeActor("RUS", ActorKind::kCountry, "Russia");
  rus.names["zh"] = "俄罗斯";
  ukr.names["zh"] = "乌克兰";
  CHECK(EventLabel(ViewOf(talks, {rus, ukr}), "en") == "Talks halted: Russia – Ukraine");
  CHECK(EventLabel(ViewOf(talks, {rus, ukr}), "zh") == "谈判中断：俄罗斯 – 乌克兰");
}

TEST_CASE("Salience: more sentences, articles, sources and named sides score higher",
          "[query][timeline][salience]") {
  Event once = MakeEvent("ev-1", "meeting", "2022-02-15", "explicit", {{"UKR", Role::kSource}});
  Event often = MakeEvent("ev-2", "meeting", "2022-02-15", "explicit",
                          {{"UKR", Role::kSource}, {"FRA", Role::kTarget}}, 12);
  CHECK(DistinctMentions(often) == 12);
  CHECK(DistinctArticles(often) == 2);
  CHECK(Salience(often, 2) > Salience(once, 1));
  CHECK(Salience(once, 2) > Salience(once, 1));
  Event planned = once;
  planned.modality = Modality::kPlanned;
  CHECK(Salience(planned, 1) < Salience(once, 1));
  // A GDELT row's own counts stand in for mentions, articles and sources.
  Event row = MakeEvent("ev-3", "consult", "2022-02-15", "explicit", {{"UKR", Role::kSource}});
  row.attributes = {{"rows", 1}, {"num_mentions", 40}, {"num_articles", 20}, {"num_sources", 9}};
  CHECK(EvidenceMentions(row) == 40);
  CHECK(DistinctSources(row, 1) == 9);
  CHECK(Salience(row, 1) > Salience(often, 2));
}

TEST_CASE("IsMinorEvent: a generic one-participant event with no date, place or second mention",
          "[query][timeline]") {
  Event e = MakeEvent("ev-1", "intent_cooperate", "2022-02-14", "publication",
                      {{"UKR", Role::kSource}});
  CHECK(IsMinorEvent(e));
  Event dated = e;
  dated.date_basis = "explicit";
  CHECK_FALSE(IsMinorEvent(dated));
  Event placed = e;
  placed.place_id = "place:kyiv";
  CHECK_FALSE(IsMinorEvent(placed));
  Event two_sides = e;
  two_sides.participants.push_back({"FRA", Role::kTarget});
  CHECK_FALSE(IsMinorEvent(two_sides));
  Event twice = MakeEvent("ev-2", "statement", "2022-02-14", "publication", {{"UKR", Role::kSource}}, 2);
  CHECK_FALSE(IsMinorEvent(twice));
  Event specific = MakeEvent("ev-3", "sanction", "2022-02-14", "publication", {{"UKR", Role::kSource}});
  CHECK_FALSE(IsMinorEvent(specific));
}

TEST_CASE("Engine::Timeline: --top keeps the most salient in date order, undated rows stand "
          "apart, every hidden row is counted and reachable",
          "[query][timeline]") {
  auto store = OpenEmptyStore();
  REQUIRE(store.ok());
  CommitBatch b;
  b.actors = {MakeActor("UKR", ActorKind::kCountry, "Ukraine"),
              MakeActor("FRA", ActorKind::kCountry, "France")};
  for (const char* id : {"art-a", "art-b"}) {
    Article a;
    a.id = id;
    a.source = std::string(id) == "art-a" ? "president.gov.ua" : "kremlin.ru";
    a.title = id;
    a.text = "text of " + a.id;
    b.article = a;
    CommitResult r;
    REQUIRE((*store)->Commit(b, &r).ok());
    b.actors.clear();
  }
  b.article.reset();
  b.events = {
      MakeEvent("ev-a", "meeting", "2022-02-15", "explicit", {{"UKR", Role::kSource}, {"FRA", Role::kTarget}}, 9),
      MakeEvent("ev-b", "consult", "2022-02-16", "explicit", {{"UKR", Role::kSource}}),
      MakeEvent("ev-c", "visit", "2022-02-17", "explicit", {{"UKR", Role::kSource}, {"FRA", Role::kTarget}}, 3),
      MakeEvent("ev-d", "aid", "2022-02-15", "publication", {{"UKR", Role::kSource}, {"FRA", Role::kTarget}}, 2),
      MakeEvent("ev-e", "praise", "2022-02-16", "publication", {{"UKR", Role::kSource}}),
  };
  CommitResult r;
  REQUIRE((*store)->Commit(b, &r).ok());
  Engine engine(**store);

  TimelineQuery q;
  q.actor = "Ukraine";
  SECTION("no window: dated first, then the undated; the minor one hidden and counted") {
    auto t = engine.Timeline(q);
    REQUIRE(t.ok());
    REQUIRE(t->rows.size() == 4);
    CHECK(t->rows[0].event.id == "ev-a");
    CHECK(t->rows[2].event.id == "ev-c");
    CHECK(t->rows[3].event.id == "ev-d");
    CHECK(t->hidden.minor == 1);
    CHECK(t->rows[0].sources == 2);
    std::string text = RenderTimelineText(t.value(), RenderOptions{});
    CHECK(text.find("\nreported on 2022-02-15, no date of its own\n") != std::string::npos);
    CHECK(text.find("1 row hidden: 1 minor one-participant events (--all)") != std::string::npos);
    q.include_hidden = true;
    auto all = engine.Timeline(q);
    REQUIRE(all.ok());
    CHECK(all->rows.size() == 5);
    CHECK(all->hidden.total() == 0);
  }
  SECTION("a window counts undated events only with include_reported") {
    q.from = TimeValue::Parse("2022-02-14");
    q.to = TimeValue::Parse("2022-02-20");
    auto t = engine.Timeline(q);
    REQUIRE(t.ok());
    CHECK(t->rows.size() == 3);
    CHECK(t->hidden.reported == 2);
    q.include_reported = true;
    auto wide = engine.Timeline(q);
    REQUIRE(wide.ok());
    CHECK(wide->rows.size() == 4);
    CHECK(wide->hidden.minor == 1);
  }
  SECTION("a window hides events dated more coarsely than it, unless include_hidden") {
    b.events = {MakeEvent("ev-f", "meeting", "2022", "explicit", {{"UKR", Role::kSource}, {"FRA", Role::kTarget}}, 5)};
    CommitResult more;
    REQUIRE((*store)->Commit(b, &more).ok());
    q.from = TimeValue::Parse("2022-02-14");
    q.to = TimeValue::Parse("2022-02-20");
    auto t = engine.Timeline(q);
    REQUIRE(t.ok());
    CHECK(t->rows.size() == 3);
    CHECK(t->hidden.coarse == 1);
    CHECK(RenderTimelineText(t.value(), RenderOptions{}).find("1 dated more coarsely than the window (--all)") !=
          std::string::npos);
    q.include_hidden = true;
    auto all = engine.Timeline(q);
    REQUIRE(all.ok());
    bool shown = false;
    for (const auto& row : all->rows) shown |= row.event.id == "ev-f";
    CHECK(shown);
    CHECK(all->hidden.coarse == 0);
  }
  SECTION("top 2: the two most salient, in date order; the rest counted") {
    q.top = 2;
    auto t = engine.Timeline(q);
    REQUIRE(t.ok());
    REQUIRE(t->rows.size() == 2);
    CHECK(t->rows[0].event.id == "ev-a");
    CHECK(t->rows[1].event.id == "ev-c");
    CHECK(t->hidden.below_top == 2);
    q.sort = TimelineSort::kSalience;
    q.top = 0;
    auto by_salience = engine.Timeline(q);
    REQUIRE(by_salience.ok());
    CHECK(by_salience->rows[0].salience >= by_salience->rows[1].salience);
    CHECK(by_salience->rows[1].salience >= by_salience->rows[2].salience);
  }
  SECTION("top with a window: a weak event (one mention, one side) is left out and counted; all shows it") {
    q.from = TimeValue::Parse("2022-02-14");
    q.to = TimeValue::Parse("2022-02-20");
    q.top = 30;
    auto t = engine.Timeline(q);
    REQUIRE(t.ok());
    REQUIRE(t->rows.size() == 2);
    CHECK(t->rows[0].event.id == "ev-a");
    CHECK(t->rows[1].event.id == "ev-c");
    CHECK(t->hidden.weak == 1);
    CHECK(RenderTimelineText(t.value(), RenderOptions{}).find("1 weak (salience under 2, --all)") !=
          std::string::npos);
    q.include_hidden = true;
    auto all = engine.Timeline(q);
    REQUIRE(all.ok());
    CHECK(all->rows.size() == 3);
    CHECK(all->hidden.weak == 0);
    q.include_hidden = false;
    q.from = TimeValue();
    q.to = TimeValue();
    auto unwindowed = engine.Timeline(q);  // no window: a cap, no floor
    REQUIRE(unwindowed.ok());
    CHECK(unwindowed->hidden.weak == 0);
  }
  SECTION("min mentions and min sources") {
    q.min_mentions = 3;
    auto t = engine.Timeline(q);
    REQUIRE(t.ok());
    CHECK(t->rows.size() == 2);
    CHECK(t->hidden.few_mentions == 2);
    q.min_mentions = 0;
    q.min_sources = 2;
    auto s = engine.Timeline(q);
    REQUIRE(s.ok());
    CHECK(s->rows.size() == 3);  // ev-a, ev-c, ev-d cite both sites
    CHECK(s->hidden.few_sources == 1);
  }
}

TEST_CASE("FoldSameHappening: one meeting told by several rows of one day and the same sides is one row",
          "[query][timeline]") {
  Actor putin = MakeActor("person:vladimir-putin", ActorKind::kPerson, "Vladimir Putin");
  putin.affiliations.push_back({"RUS", "head_of_state", TimeValue()});
  Actor rus = MakeActor("RUS", ActorKind::kCountry, "Russia");
  Actor blr = MakeActor("BLR", ActorKind::kCountry, "Belarus");
  Actor fra = MakeActor("FRA", ActorKind::kCountry, "France");
  auto meeting = [](const std::string& id, const std::string& day, std::vector<Participant> who, int mentions,
                    const std::string& cameo) {
    Event e = MakeEvent(id, "meeting", day, "explicit", std::move(who), mentions);
    e.cameo = cameo;
    return e;
  };
  std::vector<EventView> rows;
  auto add = [&](Event e, double salience) {
    EventView v = ViewOf(std::move(e), {putin, rus, blr, fra});
    v.salience = salience;
    rows.push_back(std::move(v));
  };
  add(meeting("ev-1", "2022-02-18", {{"RUS", Role::kSource}, {"BLR", Role::kTarget}}, 3, "040"), 3.2);
  add(meeting("ev-2", "2022-02-18", {{"person:vladimir-putin", Role::kSource}, {"BLR", Role::kTarget}}, 11, "043"), 5.9);
  add(meeting("ev-3", "2022-02-18", {{"RUS", Role::kSource}, {"FRA", Role::kTarget}}, 2, "040"), 2.5);   // other sides
  add(meeting("ev-4", "2022-02-19", {{"RUS", Role::kSource}, {"BLR", Role::kTarget}}, 2, "040"), 2.5);   // other day
  add(meeting("ev-5", "2022-02-18", {{"RUS", Role::kSource}, {"BLR", Role::kTarget}}, 2, "190"), 2.5);   // an attack
  size_t folded = FoldSameHappening(&rows);
  CHECK(folded == 1);
  REQUIRE(rows.size() == 4);
  CHECK(rows[0].event.id == "ev-2");  // the most salient stands for the group, where the group began
  REQUIRE(rows[0].related.size() == 1);
  CHECK(rows[0].related[0] == "ev-1");
  CHECK(rows[1].event.id == "ev-3");
  CHECK(rows[2].event.id == "ev-4");
  CHECK(rows[3].event.id == "ev-5");
  RenderOptions o;
  TimelineResult r;
  r.rows = rows;
  CHECK(RenderTimelineText(r, o).find("(+1 related)") != std::string::npos);
}

TEST_CASE("Engine::Timeline: --top N shows N happenings after folding rows that tell one", "[query][timeline]") {
  auto store = OpenEmptyStore();
  REQUIRE(store.ok());
  CommitBatch b;
  b.actors = {MakeActor("UKR", ActorKind::kCountry, "Ukraine"), MakeActor("FRA", ActorKind::kCountry, "France"),
              MakeActor("POL", ActorKind::kCountry, "Poland"), MakeActor("DEU", ActorKind::kCountry, "Germany")};
  // Three meetings, each told by two rows of its day and sides (the most
  // salient rows of the week), and two single rows below them.
  auto meeting = [](const std::string& id, const std::string& day, const std::string& other, int mentions) {
    Event e = MakeEvent(id, "meeting", day, "explicit", {{"UKR", Role::kSource}, {other, Role::kTarget}}, mentions);
    e.cameo = "040";
    return e;
  };
  int n = 0;
  for (const char* day : {"2022-02-15", "2022-02-16", "2022-02-17"}) {
    for (int told = 0; told < 2; ++told) b.events.push_back(meeting("ev-" + std::to_string(++n), day, "FRA", 6 - told));
  }
  b.events.push_back(meeting("ev-p", "2022-02-18", "POL", 2));
  b.events.push_back(meeting("ev-g", "2022-02-19", "DEU", 2));
  CommitResult r;
  REQUIRE((*store)->Commit(b, &r).ok());
  Engine engine(**store);
  TimelineQuery q;
  q.actor = "Ukraine";
  q.from = TimeValue::Parse("2022-02-14");
  q.to = TimeValue::Parse("2022-02-20");
  q.top = 4;
  auto ids = [](const TimelineResult& res) {
    std::string out;
    for (const auto& v : res.rows) out += v.event.id + " ";
    return out;
  };
  auto t = engine.Timeline(q);
  REQUIRE(t.ok());
  INFO(ids(*t));
  // Six rows fold into three; the fourth happening comes from below them.
  REQUIRE(t->rows.size() == 4);
  CHECK(t->hidden.folded == 3);
  CHECK(t->hidden.below_top == 1);
  for (const auto& v : t->rows) CHECK(v.related.size() == (v.event.id == "ev-p" || v.event.id == "ev-g" ? 0u : 1u));
  // The cut after the fold ranks as the scan does: a dated row before an
  // undated one, however salient (no window: every dated row is inside).
  CommitBatch more;
  more.events = {meeting("ev-u", "", "POL", 12)};
  REQUIRE((*store)->Commit(more, &r).ok());
  TimelineQuery all;
  all.actor = "Ukraine";
  all.top = 5;
  auto u = engine.Timeline(all);
  REQUIRE(u.ok());
  INFO(ids(*u));
  REQUIRE(u->rows.size() == 5);
  for (const auto& v : u->rows) CHECK(v.event.id != "ev-u");
}

TEST_CASE("ParseTimelineColumns: known columns in order, an unknown one is named",
          "[query][timeline]") {
  auto ok = ParseTimelineColumns("date,event,salience,id");
  REQUIRE(ok.ok());
  CHECK(ok->size() == 4);
  auto bad = ParseTimelineColumns("date,weight");
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.status().message().find("unknown column 'weight'") != std::string::npos);
}

TEST_CASE("EventToJson: a speaking person's affiliation is printed with the attribution, as for the sides",
          "[query][render]") {
  Actor chirac = MakeActor("person:jacques-chirac", ActorKind::kPerson, "Jacques Chirac");
  chirac.affiliations.push_back({"FRA", "head_of_state", TimeValue()});
  Actor irq = MakeActor("IRQ", ActorKind::kCountry, "Iraq");
  Event e = MakeEvent("ev-1", "cooperate", "1998-01-10", "explicit", {{"IRQ", Role::kSource}}, 1);
  e.modality = Modality::kDemanded;
  e.attribution.actor_id = "person:jacques-chirac";
  e.attribution.cue = "reminded";
  nlohmann::json j = EventToJson(ViewOf(std::move(e), {chirac, irq}), "en");
  REQUIRE(j.contains("attribution"));
  CHECK(j["attribution"]["name"] == "Jacques Chirac");
  CHECK(j["attribution"]["affiliation"] == "FRA");
}
