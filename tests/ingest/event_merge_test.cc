#include "kbq/ingest/event_merge.h"

#include <catch2/catch.hpp>

#include <functional>

namespace kbq::ingest {
namespace {

Event Ev(const std::string& id, const std::string& type, TimeValue date, std::vector<std::string> parties,
         const std::string& place = "", const std::string& article = "art-a") {
  Event e;
  e.id = id;
  e.type = type;
  e.date = date;
  e.date_basis = "explicit";
  for (size_t i = 0; i < parties.size(); ++i) e.participants.push_back({parties[i], i ? Role::kTarget : Role::kSource});
  e.place_id = place;
  Mention m;
  m.article_id = article;
  m.trigger = type;
  m.text = id;
  // Each test event stands for its own sentence of evidence.
  m.sentence = static_cast<uint32_t>(std::hash<std::string>{}(id) % 1000);
  m.begin = m.sentence * 100;
  m.end = m.begin + 50;
  e.mentions.push_back(m);
  return e;
}

AncestorsFn People() {
  return [](const std::string& id) -> std::vector<std::string> {
    if (id == "person:sergey-lavrov") return {"RUS"};
    if (id == "person:marco-rubio") return {"USA"};
    if (id == "place:istanbul") return {"TUR"};
    return {};
  };
}

TEST_CASE("SameHappening: negotiate ≈ meeting ≈ summit, but not phone call", "[ingest][merge]") {
  CHECK(TypesCompatible("negotiate", "meeting"));
  CHECK(TypesCompatible("meeting", "summit"));
  CHECK(TypesCompatible("consult", "phone_call"));  // parent
  CHECK_FALSE(TypesCompatible("phone_call", "negotiate"));
  CHECK_FALSE(TypesCompatible("arrest", "negotiate"));
}

TEST_CASE("SameHappening: a Chinese and an English report of the same talks merge", "[ingest][merge]") {
  Event zh = Ev("ev-1", "negotiate", TimeValue::Day(2025, 5, 16), {"RUS", "UKR"}, "place:istanbul", "art-zh");
  Event en = Ev("ev-2", "meeting", TimeValue::Day(2025, 5, 16), {"UKR", "RUS"}, "place:istanbul", "art-en");
  CHECK(SameHappening(zh, en, People()));
  SECTION("a day apart across articles (time zones) still merges") {
    en.date = TimeValue::Day(2025, 5, 17);
    CHECK(SameHappening(zh, en, People()));
  }
  SECTION("a coarser date that covers the day merges") {
    en.date = TimeValue::Month(2025, 5);
    CHECK(SameHappening(zh, en, People()));
  }
  SECTION("a different week does not") {
    en.date = TimeValue::Day(2025, 5, 23);
    CHECK_FALSE(SameHappening(zh, en, People()));
  }
  SECTION("a different place does not") {
    en.place_id = "place:abu-dhabi";
    CHECK_FALSE(SameHappening(zh, en, People()));
  }
  SECTION("the country for the place is nested, and merges") {
    en.place_id = "TUR";
    CHECK(SameHappening(zh, en, People()));
  }
  SECTION("negated never merges with asserted") {
    en.modality = Modality::kNegated;
    CHECK_FALSE(SameHappening(zh, en, People()));
  }
  SECTION("reported and asserted are one modality class") {
    en.modality = Modality::kReported;
    CHECK(SameHappening(zh, en, People()));
  }
}

TEST_CASE("SameHappening: people are mapped to their countries", "[ingest][merge]") {
  Event a = Ev("ev-1", "phone_call", TimeValue::Day(2025, 5, 17), {"person:marco-rubio", "person:sergey-lavrov"});
  Event b = Ev("ev-2", "phone_call", TimeValue::Day(2025, 5, 17), {"USA", "RUS"}, "", "art-b");
  CHECK(SameHappening(a, b, People()));
  Event c = Ev("ev-3", "phone_call", TimeValue::Day(2025, 5, 17), {"UKR", "org:eu"}, "", "art-b");
  CHECK_FALSE(SameHappening(a, c, People()));
}

TEST_CASE("SameHappening: across reports, a meeting of one side or of one country is not a meeting with a "
          "foreign side", "[ingest][merge]") {
  AncestorsFn people = [](const std::string& id) -> std::vector<std::string> {
    if (id == "person:vladimir-putin" || id == "person:sergey-lavrov") return {"RUS"};
    if (id == "person:ebrahim-raisi") return {"IRN"};
    return {};
  };
  Event talks = Ev("ev-1", "meeting", TimeValue::Day(2022, 1, 19), {"person:vladimir-putin", "person:ebrahim-raisi"},
                   "", "art-iran");
  // Putin with his minister, a day before, in another release.
  Event internal = Ev("ev-2", "meeting", TimeValue::Day(2022, 1, 18),
                      {"person:vladimir-putin", "person:sergey-lavrov"}, "", "art-lavrov");
  CHECK_FALSE(SameHappening(talks, internal, people));
  // "I had a meeting" with no other side named: any of his meetings that day.
  Event lone = Ev("ev-3", "meeting", TimeValue::Day(2022, 1, 19), {"person:vladimir-putin"}, "", "art-other");
  CHECK_FALSE(SameHappening(talks, lone, people));
  SECTION("at the same place, a lone side still joins") {
    talks.place_id = lone.place_id = "place:moscow";
    CHECK(SameHappening(talks, lone, people));
  }
  SECTION("two reports of the same two sides join") {
    Event other = Ev("ev-4", "meeting", TimeValue::Day(2022, 1, 19), {"RUS", "IRN"}, "", "art-other");
    CHECK(SameHappening(talks, other, people));
  }
}

TEST_CASE("MergeInto: union of mentions, the better date, and a same_as link", "[ingest][merge]") {
  Event kept = Ev("ev-1", "negotiate", TimeValue::Month(2025, 5), {"RUS"}, "");
  kept.date_basis = "inherited";
  Event other = Ev("ev-2", "negotiate", TimeValue::Day(2025, 5, 16), {"RUS", "UKR"}, "place:istanbul", "art-b");
  MergeResult r = MergeInto(kept, other);
  CHECK(r.event.id == "ev-1");
  CHECK(r.event.mentions.size() == 2);
  CHECK(r.event.date == TimeValue::Day(2025, 5, 16));
  CHECK(r.event.date_basis == "explicit");
  CHECK(r.event.place_id == "place:istanbul");
  CHECK(r.event.participants.size() == 2);
  CHECK(r.same_as.from == "ev-2");
  CHECK(r.same_as.to == "ev-1");
  CHECK(r.same_as.kind == LinkKind::kSameAs);
}

TEST_CASE("MergeExtraction: links move to the kept event, self-links vanish, the merge is logged", "[ingest][merge]") {
  Extraction x;
  x.events.push_back(Ev("ev-1", "negotiate", TimeValue::Day(2025, 5, 16), {"RUS", "UKR"}, "place:istanbul"));
  x.events.push_back(Ev("ev-2", "phone_call", TimeValue::Day(2025, 5, 17), {"USA", "RUS"}));
  x.events.push_back(Ev("ev-3", "negotiate", TimeValue::Day(2025, 5, 16), {"UKR", "RUS"}, "place:istanbul"));
  x.links.push_back({"ev-2", "ev-3", LinkKind::kRefersTo, "讨论了", 0.6});
  x.links.push_back({"ev-1", "ev-3", LinkKind::kBefore, "后", 0.5});
  MergeExtraction(&x, People());
  REQUIRE(x.events.size() == 2);
  CHECK(x.events[0].mentions.size() == 2);
  REQUIRE(x.links.size() == 2);
  CHECK(x.links[0] == Link{"ev-2", "ev-1", LinkKind::kRefersTo, "讨论了", 0.6});
  CHECK(x.links[1].kind == LinkKind::kSameAs);
  CHECK(x.links[1].from == "ev-3");
  CHECK(x.links[1].to == "ev-1");
}

TEST_CASE("SameHappening: events dated only by the publication day need one type and one word",
          "[ingest][merge]") {
  // Both stand-in dates are the release's day, so "same day" proves nothing.
  Event praise = Ev("ev-1", "praise", TimeValue::Day(2021, 12, 2), {"RUS", "KAZ"});
  Event recognise = Ev("ev-2", "recognize", TimeValue::Day(2021, 12, 2), {"RUS", "KAZ"});
  praise.date_basis = recognise.date_basis = "publication";
  praise.mentions[0].trigger = "praised";
  recognise.mentions[0].trigger = "recognised";
  CHECK_FALSE(SameHappening(praise, recognise));
  SECTION("the same type named by another word does not merge") {
    Event again = Ev("ev-3", "praise", TimeValue::Day(2021, 12, 2), {"RUS", "KAZ"});
    again.date_basis = "publication";
    again.mentions[0].trigger = "commended";
    CHECK_FALSE(SameHappening(praise, again));
  }
  SECTION("the same type and word (an inflection) merges") {
    Event again = Ev("ev-3", "praise", TimeValue::Day(2021, 12, 2), {"KAZ", "RUS"});
    again.date_basis = "publication";
    again.mentions[0].trigger = "praise";
    praise.mentions[0].trigger = "praised";
    CHECK(SameHappening(praise, again));
  }
  SECTION("two words of one sentence merge") {
    Event again = Ev("ev-3", "praise", TimeValue::Day(2021, 12, 2), {"RUS", "KAZ"});
    again.date_basis = "publication";
    again.mentions[0].trigger = "welcomed";
    again.mentions[0].sentence = praise.mentions[0].sentence;
    CHECK(SameHappening(praise, again));
  }
  SECTION("one type twice in one sentence, one mention undated: one happening") {
    Event dated = Ev("ev-4", "praise", TimeValue::Day(2021, 11, 30), {"RUS"});
    dated.mentions[0].sentence = praise.mentions[0].sentence;
    CHECK(SameHappening(dated, praise));
    dated.mentions[0].sentence += 1;
    CHECK_FALSE(SameHappening(dated, praise));
  }
  SECTION("one own date is enough for the usual rule") {
    recognise.type = "praise";
    recognise.date_basis = "explicit";
    CHECK(SameHappening(praise, recognise));
  }
}

TEST_CASE("MergeExtraction: a plan and the report that it happened are one event, shown as it happened",
          "[ingest][merge][plans]") {
  // 谈判将于21日举行 (a Chinese report before) and "the talks were held on
  // the 21st" (an English report after): one happening, asserted, dated.
  Event plan = Ev("ev-plan", "negotiate", TimeValue::Day(2025, 5, 21), {"RUS", "UKR"}, "", "art-zh");
  plan.modality = Modality::kPlanned;
  Event held = Ev("ev-held", "negotiate", TimeValue::Day(2025, 5, 21), {"UKR", "RUS"}, "", "art-en");
  CHECK(SameHappening(plan, held, People()));
  Extraction x;
  x.events = {plan, held};
  MergeExtraction(&x, People());
  REQUIRE(x.events.size() == 1);
  CHECK(x.events[0].modality == Modality::kAsserted);
  CHECK(x.events[0].mentions.size() == 2);  // the plan stays as a mention
  REQUIRE(x.links.size() == 1);
  CHECK(x.links[0].kind == LinkKind::kSameAs);
  CHECK(x.links[0].evidence.rfind("fulfils", 0) == 0);
  SECTION("other sides are another happening") {
    held.participants = {{"USA", Role::kSource}, {"UKR", Role::kTarget}};
    CHECK_FALSE(SameHappening(plan, held, People()));
  }
  SECTION("a word of the same family (held talks) is the same happening") {
    held.type = "meeting";
    CHECK(SameHappening(plan, held, People()));
  }
  SECTION("another family is another happening") {
    held.type = "phone_call";
    CHECK_FALSE(SameHappening(plan, held, People()));
  }
  SECTION("a plan dated only by the publication day fulfils nothing") {
    plan.date_basis = "publication";
    CHECK_FALSE(SameHappening(plan, held, People()));
  }
  SECTION("a week later is not the planned happening") {
    held.date = TimeValue::Day(2025, 5, 28);
    CHECK_FALSE(SameHappening(plan, held, People()));
  }
}

}  // namespace
}  // namespace kbq::ingest
