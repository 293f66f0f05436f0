// Roles, places and dates of calls, visits, meetings, sanctions, strikes and
// elections (issue 16): each row of tests/ingest/data/roles_{en,zh}.tsv is
// one sentence of our own about a real event, run through the whole pipeline
// (reader, tagger, gazetteer, extractor) as `kbq extract --published` does.
#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "events/chunker_en.h"

#include "kbq/ingest/event_merge.h"
#include "kbq/ingest/pipeline.h"
#include "kbq/ingest/reader.h"

namespace {

using kbq::Event;
using kbq::Role;

std::vector<std::string> SplitTab(const std::string& line) {
  std::vector<std::string> out;
  std::stringstream ss(line);
  std::string f;
  while (std::getline(ss, f, '\t')) out.push_back(f);
  return out;
}

// "a|b" holds `v`.
bool OneOf(const std::string& alternatives, const std::string& v) {
  std::stringstream ss(alternatives);
  std::string a;
  while (std::getline(ss, a, '|')) {
    if (a == v) return true;
  }
  return false;
}

bool HasRole(const Event& e, Role r, const std::string& want) {
  if (want == "-") return true;
  for (const auto& p : e.participants) {
    if (p.role == r && OneOf(want, p.actor_id)) return true;
  }
  return false;
}

std::vector<Event> ExtractSentence(const kbq::ingest::Pipeline& pipeline, const std::string& text,
                                   const std::string& published, const std::string& source = "") {
  kbq::ingest::ReadOptions read;
  read.source = source;
  auto t = kbq::ingest::ParsePublished(published);
  REQUIRE(t);
  read.published_utc = t->utc;
  read.ingested_utc = t->utc;
  std::istringstream in(text + "\n");
  std::vector<Event> events;
  kbq::Status s = kbq::ingest::ReadStream(
      in, "sentence.txt", read,
      [&](kbq::ingest::Document&& d) {
        auto a = pipeline.Analyse(std::move(d));
        for (auto& e : a.events) events.push_back(std::move(e));
      },
      [](const kbq::ingest::Diagnostic&) {});
  REQUIRE(s.ok());
  return events;
}

// Some event of `type` has `source` and `target` in those roles ("a|b" allowed).
bool HasEvent(const std::vector<Event>& events, const std::string& type, const std::string& source,
              const std::string& target) {
  return std::any_of(events.begin(), events.end(), [&](const Event& e) {
    return e.type == type && HasRole(e, Role::kSource, source) && HasRole(e, Role::kTarget, target);
  });
}

std::string Describe(const std::vector<Event>& events) {
  std::string out;
  for (const auto& e : events) {
    out += "  " + e.type + " " + e.date.ToString() + " place=" + e.place_id + " [";
    for (const auto& p : e.participants) out += std::string(kbq::RoleName(p.role)) + ":" + p.actor_id + " ";
    out += "]\n";
  }
  return out.empty() ? "  (no event)\n" : out;
}

struct TableResult {
  int rows = 0, passed = 0, gaps = 0;
};

TableResult RunTable(const std::string& path) {
  std::ifstream in(path);
  REQUIRE(in.good());
  auto pipeline = kbq::ingest::Pipeline::Create(nullptr);
  REQUIRE(pipeline.ok());
  TableResult r;
  std::string line;
  int line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (line.empty() || line[0] == '#') continue;
    auto f = SplitTab(line);
    REQUIRE(f.size() >= 7);
    const bool gap = f.size() > 7 && !f[7].empty();
    auto events = ExtractSentence(**pipeline, f[1], f[0]);
    bool ok = false;
    for (const auto& e : events) {
      if (!OneOf(f[2], e.type)) continue;
      bool date_ok = f[6] == "-" || (e.date.ok() && e.date.ToString() == f[6]);
      bool place_ok = f[5] == "-" || e.place_id == f[5];
      if (HasRole(e, Role::kSource, f[3]) && HasRole(e, Role::kTarget, f[4]) && date_ok && place_ok) ok = true;
    }
    ++r.rows;
    INFO(path << ":" << line_no << ": " << f[1] << "\n expected " << f[2] << " source=" << f[3] << " target=" << f[4]
              << " place=" << f[5] << " date=" << f[6] << "\n got\n"
              << Describe(events));
    if (gap) {
      ++r.gaps;
      // A known miss that now passes: drop its gap mark.
      CHECK_FALSE(ok);
    } else {
      CHECK(ok);
      r.passed += ok;
    }
  }
  return r;
}

// One sentence of ours after a headline, through the whole pipeline (one
// pipeline for every case).
std::vector<Event> ExtractOurs(const std::string& sentence, const std::string& published) {
  static auto pipeline = kbq::ingest::Pipeline::Create(nullptr);
  REQUIRE(pipeline.ok());
  return ExtractSentence(**pipeline, "Headline\n\n" + sentence, published);
}

// A sentence of ours, its publication day, and an event it must give: of
// `type`, with `id` in `role`.
struct RoleCase {
  const char* sentence;
  const char* published;
  const char* type;
  Role role;
  const char* id;
};

// A sentence of ours, its publication day, and how many events of `type` it gives.
struct CountCase {
  const char* sentence;
  const char* published;
  const char* type;
  long count;
};

// Each case's events satisfy `holds(events, case)`.
template <typename Case, typename Holds>
void CheckEach(const std::vector<Case>& cases, Holds holds) {
  for (const Case& c : cases) {
    auto ev = ExtractOurs(c.sentence, c.published);
    INFO(c.sentence << "\n got\n" << Describe(ev));
    CHECK(holds(ev, c));
  }
}

void CheckCases(const std::vector<RoleCase>& cases) {
  CheckEach(cases, [](const std::vector<Event>& ev, const RoleCase& c) {
    return std::any_of(ev.begin(), ev.end(), [&](const Event& e) { return e.type == c.type && HasRole(e, c.role, c.id); });
  });
}

void CheckCases(const std::vector<CountCase>& cases) {
  CheckEach(cases, [](const std::vector<Event>& ev, const CountCase& c) {
    return std::count_if(ev.begin(), ev.end(), [&](const Event& e) { return e.type == c.type; }) == c.count;
  });
}

// No event of each case's type has its `id` in `role` ("Britain is no target").
void CheckNone(const std::vector<RoleCase>& cases) {
  CheckEach(cases, [](const std::vector<Event>& ev, const RoleCase& c) {
    return std::none_of(ev.begin(), ev.end(), [&](const Event& e) { return e.type == c.type && HasRole(e, c.role, c.id); });
  });
}

}  // namespace

TEST_CASE("EventExtractor: English sentences give the expected event, sides, place and date", "[ingest][roles]") {
  auto r = RunTable(std::string(KBQ_SOURCE_DIR) + "/tests/ingest/data/roles_en.tsv");
  CHECK(r.rows >= 40);
  WARN("roles_en.tsv: " << r.passed << "/" << r.rows << " pass; " << r.gaps << " known gaps");
}

TEST_CASE("EventExtractor: Chinese sentences give the expected event, sides, place and date", "[ingest][roles]") {
  auto r = RunTable(std::string(KBQ_SOURCE_DIR) + "/tests/ingest/data/roles_zh.tsv");
  CHECK(r.rows >= 40);
  WARN("roles_zh.tsv: " << r.passed << "/" << r.rows << " pass; " << r.gaps << " known gaps");
}

// Who is not a side: each sentence names an actor that must take no part in
// the event of the given type (and the event must exist).
TEST_CASE("EventExtractor: actors of another clause or of a framing phrase are no sides", "[ingest][roles]") {
  auto pipeline = kbq::ingest::Pipeline::Create(nullptr);
  REQUIRE(pipeline.ok());
  struct Case {
    const char* published;
    const char* sentence;
    const char* type;
    const char* not_a_side;
  };
  const Case cases[] = {
      // A noun trigger that is the subject of a that-clause: the hoper is no party.
      {"2021-11-17", "Vladimir Putin expressed hope that the talks on the nuclear deal, which are due in Vienna "
                     "later this month, would succeed.", "meeting", "person:vladimir-putin"},
      // Objects and attachments of a that-clause with its own subject.
      {"2022-02-15", "Emmanuel Macron and Olaf Scholz agreed on Monday that their ministers would send the "
                     "proposals to the United States.", "agreement", "USA"},
      // A phrase before the subject frames the verb; its place is no side.
      {"2021-12-16", "During a working visit to Brussels, Volodymyr Zelensky met Ilham Aliyev.", "meeting",
       "org:eu"},
      // A noun's own by-phrase names its doer, even one without a known name: the observer is none.
      {"2022-02-21", "The OSCE recorded shelling by armed formations near Avdiivka on Sunday.", "military_attack",
       "org:osce"},
      // A country beside its own office (or person) is theirs, not even `other`.
      {"2022-02-18", "Deputy Head of the Office of the President of Ukraine Roman Mashovets met with the "
                     "Ambassador of Japan Kuninori Matsuda and discussed the security situation around Ukraine.",
       "meeting", "UKR"},
  };
  for (const auto& c : cases) {
    auto events = ExtractSentence(**pipeline, c.sentence, c.published);
    INFO(c.sentence << "\n got\n" << Describe(events));
    const Event* e = nullptr;
    for (const auto& ev : events) {
      if (ev.type == c.type && !e) e = &ev;
    }
    REQUIRE(e != nullptr);
    CHECK(std::none_of(e->participants.begin(), e->participants.end(),
                       [&](const kbq::Participant& p) { return p.actor_id == c.not_a_side; }));
    CHECK(e->place_id != c.not_a_side);
  }
  // A clause nested in a that-clause is that clause's too: no place Ukraine for the agreement.
  {
    auto ev = ExtractSentence(**pipeline,
                              "Emmanuel Macron and Olaf Scholz agreed on Monday that the accords are the key to "
                              "restoring peace in Ukraine.",
                              "2022-02-15");
    INFO(Describe(ev));
    REQUIRE(!ev.empty());
    CHECK(ev[0].type == "agreement");
    CHECK(ev[0].place_id != "UKR");
    CHECK(HasRole(ev[0], Role::kSource, "person:emmanuel-macron"));
  }
  // A noun trigger's own by-phrase names its doer, even when it names no
  // actor: the one who speaks of it is not the attacker.
  {
    auto ev = ExtractSentence(**pipeline,
                              "Headline\n\nZelensky drew attention on Thursday to the shelling of a school in Donetsk "
                              "region by armed groups.",
                              "2022-02-17");
    INFO(Describe(ev));
    for (const auto& e : ev) {
      if (e.type == "military_attack" || e.type == "assault") {
        CHECK_FALSE(HasRole(e, Role::kSource, "person:volodymyr-zelensky"));
      }
    }
  }
  // "… were also discussed": the passive subject is the topic, never a side;
  // the talkers are the lead call's.
  {
    auto ev = ExtractSentence(**pipeline,
                              "Vladimir Putin had a telephone conversation with Charles Michel on Wednesday. The "
                              "situations in Afghanistan and Libya were also discussed.",
                              "2021-11-24");
    INFO(Describe(ev));
    for (const auto& e : ev) {
      for (const char* topic : {"AFG", "LBY"}) {
        CHECK_FALSE(HasRole(e, Role::kSource, topic));
        CHECK_FALSE(HasRole(e, Role::kTarget, topic));
      }
    }
  }
  // "we" in a release of talks with a named guest: the speaker with the
  // other party, whichever party speaks.
  struct Turn {
    const char* label;
    const char* source;
    const char* target;
  };
  for (const Turn& t : {Turn{"Vladimir Putin", "person:vladimir-putin", "person:alberto-fernandez|ARG"},
                        Turn{"Alberto Fernandez (retranslated)", "person:alberto-fernandez", "person:vladimir-putin|RUS"}}) {
    auto ev = ExtractSentence(**pipeline,
                              std::string("Russian-Argentine talks\n\nVladimir Putin held talks with President of "
                                          "Argentina Alberto Fernandez in the Kremlin.\n\n") +
                                  t.label + ": We agreed to continue coordinating our efforts at the United Nations.",
                              "2022-02-03");
    INFO(Describe(ev));
    CHECK(HasEvent(ev, "intent_cooperate", t.source, t.target));
  }
  // After merging mentions ("Russian-Argentine talks", "our talks"), a
  // person's own country is no side of their talks beside them.
  {
    auto ev = ExtractSentence(**pipeline,
                              "Russian-Argentine talks\n\nVladimir Putin held talks with President of Argentina "
                              "Alberto Fernandez in the Kremlin.\n\nVladimir Putin: Our talks were held in a "
                              "friendly atmosphere.",
                              "2022-02-03");
    INFO(Describe(ev));
    for (const auto& e : ev) {
      if (e.type != "meeting" && e.type != "consult") continue;
      bool putin = std::any_of(e.participants.begin(), e.participants.end(),
                               [](const kbq::Participant& p) { return p.actor_id == "person:vladimir-putin"; });
      bool russia = std::any_of(e.participants.begin(), e.participants.end(),
                                [](const kbq::Participant& p) { return p.actor_id == "RUS"; });
      CHECK_FALSE((putin && russia));
    }
  }
  // A named by-agent after a participle is the doer.
  {
    auto ev = ExtractSentence(**pipeline,
                              "Headline\n\nZelensky thanked Biden for the assistance provided by the United States.",
                              "2022-01-28");
    INFO(Describe(ev));
    for (const auto& e : ev) {
      if (e.type == "aid") CHECK(HasRole(e, Role::kSource, "USA"));
    }
  }
  // A transcript of a visit: the headline and the lead are one meeting; "you"
  // and "we" of a turn are the guest and the speaker, also when the guest is
  // addressed by title ("President Niinistö, …"); accepting an invitation is
  // no agreement; the guest who "is in Russia on a working visit" visits.
  {
    auto ev = ExtractSentence(**pipeline,
                              "Meeting with President of Finland Sauli Niinistö\n\nVladimir Putin met with President "
                              "of Finland Sauli Niinistö, who is in Russia on a working visit.\n\nVladimir Putin: Mr "
                              "President, thank you for accepting our invitation. I want to discuss the Arctic "
                              "projects with you.\n\nVladimir Putin: President Niinistö, I hope that next year we "
                              "will be able to meet in Helsinki.",
                              "2021-10-29");
    INFO(Describe(ev));
    const std::string putin = "person:vladimir-putin", guest = "person:sauli-niinistö";
    auto meetings = std::count_if(ev.begin(), ev.end(), [](const Event& e) {
      return e.type == "meeting" && e.modality == kbq::Modality::kAsserted;
    });
    CHECK(meetings == 1);
    CHECK(HasEvent(ev, "visit", guest, "-"));
    CHECK_FALSE(HasEvent(ev, "visit", putin, "-"));
    CHECK(HasEvent(ev, "consult", putin, guest));
    CHECK(HasEvent(ev, "meeting", putin, guest));
    CHECK(std::none_of(ev.begin(), ev.end(), [](const Event& e) { return e.type == "agreement"; }));
  }
  // Inside a quotation attributed to a person, "I" is that person and "you"
  // the other side of the lead meeting; outside it, nobody.
  {
    auto ev = ExtractSentence(**pipeline,
                              "Zelensky and Trudeau in Kyiv\n\nVolodymyr Zelensky met with Prime Minister of Canada "
                              "Justin Trudeau in Kyiv.\n\n\"I discussed the air defence supplies with you today,\" "
                              "Volodymyr Zelensky said.",
                              "2022-02-10");
    INFO(Describe(ev));
    CHECK(HasEvent(ev, "consult", "person:volodymyr-zelensky", "person:justin-trudeau"));
  }
  // A speech its headline credits to one person is that person's turn; "the
  // President of Ukraine" with nothing after it, in a title-case headline or
  // at a sentence's end, is the holder of the post on the publication day.
  {
    auto ev = ExtractSentence(**pipeline,
                              "Speech by the President of Ukraine at the Munich Security Conference\n\n"
                              "Yesterday I discussed the security guarantees with Kamala Harris.\n\n"
                              "Kamala Harris later praised the President of Ukraine.",
                              "2022-02-19");
    INFO(Describe(ev));
    CHECK(HasEvent(ev, "consult", "person:volodymyr-zelensky", "person:kamala-harris"));
    CHECK(HasEvent(ev, "praise", "person:kamala-harris", "person:volodymyr-zelensky"));
  }
  // Thanks are the event where they are said ("thanked", "expressed
  // gratitude"), not the support they thank for; "He" opening a call
  // release's sentence is not the one whose country is thanked.
  {
    auto ev = ExtractSentence(**pipeline,
                              "Telephone conversation with President of Kazakhstan Kassym-Jomart Tokayev\n\n"
                              "Vladimir Putin had a telephone conversation with President of Kazakhstan Kassym-Jomart "
                              "Tokayev.\n\nHe expressed his gratitude for the support of the Russian Federation "
                              "in the days of unrest.",
                              "2022-01-13");
    INFO(Describe(ev));
    auto praise = std::find_if(ev.begin(), ev.end(), [](const Event& e) { return e.type == "praise"; });
    REQUIRE(praise != ev.end());
    CHECK(HasRole(*praise, Role::kSource, "person:kassym-jomart-tokayev"));
    CHECK(HasRole(*praise, Role::kTarget, "RUS"));
    CHECK(praise->mentions.front().trigger == "gratitude");
  }
  // Thanks expressed to several: each to-phrase is thanked.
  {
    auto ev = ExtractSentence(**pipeline,
                              "Headline\n\nZelensky expressed his gratitude to Germany and personally to Joe Biden "
                              "for the support.",
                              "2022-01-13");
    INFO(Describe(ev));
    CHECK(HasEvent(ev, "praise", "person:volodymyr-zelensky", "DEU"));
    CHECK(HasEvent(ev, "praise", "person:volodymyr-zelensky", "person:joe-biden"));
  }
  // "Mr X, we agreed …" in a transcript turn: the speaker and the one addressed.
  {
    auto ev = ExtractSentence(**pipeline,
                              "Meeting with the Foreign Minister\n\nVladimir Putin: Mr Lavrov, we agreed today "
                              "that the ministry would send its answer within a week.",
                              "2022-02-14");
    INFO(Describe(ev));
    CHECK(HasEvent(ev, "agreement", "person:vladimir-putin", "person:sergey-lavrov"));
  }
  // "I will also mention that Russia provides …": the future of the main
  // clause is not the that-clause's; a standing act in the present is no event,
  // and its object noun is no second one.
  // (After a headline: the lead sentence of a text is exempt, as a headline in the present is.)
  auto events = ExtractSentence(**pipeline, "Press statements\n\nI will also mention that Russia provides assistance to Brazil.",
                                "2022-02-16");
  INFO(Describe(events));
  CHECK(std::none_of(events.begin(), events.end(), [](const Event& e) { return e.type == "aid"; }));
  events = ExtractSentence(**pipeline, "Russia provided assistance to Brazil on Monday.", "2022-02-16");
  INFO(Describe(events));
  REQUIRE(events.size() == 1);
  CHECK(HasRole(events[0], Role::kSource, "RUS"));
  CHECK(HasRole(events[0], Role::kTarget, "BRA"));
}

// No happening: a trigger that modifies a noun, the items of a list of
// demands, a tour of exhibits; and a subject opened by "no" denies its event.
TEST_CASE("EventExtractor: modifiers, listed demands and tours are no events, 'no' subjects are negated",
          "[ingest][roles]") {
  auto pipeline = kbq::ingest::Pipeline::Create(nullptr);
  REQUIRE(pipeline.ok());
  struct Case {
    const char* sentence;
    const char* type;  // no event of this type (none), some event of it (some)
  };
  // Runs each case after a headline; `expected` says whether an event of its type must be there.
  auto check = [&](const auto& cases, bool expected) {
    for (const auto& c : cases) {
      auto events = ExtractSentence(**pipeline, std::string("Headline\n\n") + c.sentence, "2022-02-01");
      INFO(c.sentence << "\n got\n" << Describe(events));
      CHECK(std::any_of(events.begin(), events.end(), [&](const Event& e) { return e.type == c.type; }) == expected);
    }
  };
  const Case none[] = {
      {"Kyiv asked its partners for more assault rifles and attack helicopters.", "assault"},
      {"Moscow says Kyiv is only imitating a negotiating process.", "negotiate"},
      {"Moscow repeated its demands concerning the end of NATO expansion, a refusal to deploy strike weapons near "
       "its borders and the withdrawal of the alliance's forces.", "mobilize"},
      {"Moscow repeated its demands concerning the end of NATO expansion, a refusal to deploy strike weapons near "
       "its borders and the withdrawal of the alliance's forces.", "withdraw"},
      {"Escorted by the museum's director, the President inspected, among other things, the new exhibition halls.",
       "investigate"},
      {"Putin gave a detailed appraisal of the situation in Donbas.", "aid"},
      {"Since 1991 the country has seen a steep decline in the number of engineers.", "reject"},
      {"Alexander Lukashenko attended joint military exercises near Brest on Thursday.", "meeting"},
      {"Scouts handed over the Bethlehem peace light to the President on Friday.", "judicial_cooperation"},
      {"She expressed her firm conviction that the courts will stay independent.", "convict"},
      {"A record number of Polish tourists visited Croatia last year.", "visit"},
  };
  check(none, false);
  // Still events: a head noun of happenings, a listed item after a finite verb, an inspection of a plant.
  const Case some[] = {
      {"The EU adopted a new sanctions package against Russia on Friday.", "sanctions"},
      {"In case of an attack, the alliance deployed more troops to Poland on Monday.", "mobilize"},
      {"IAEA experts inspected the damaged reactor building on Thursday.", "investigate"},
      {"Germany gave 5,000 helmets to Ukraine in January.", "aid"},
      {"Hungary declined to sign the joint statement on Monday.", "reject"},
      {"Kyrgyzstan handed over two suspects to Kazakhstan on Friday.", "judicial_cooperation"},
  };
  check(some, true);
  // A denial before "that" negates the clause; the plain report stays asserted.
  for (const char* denied : {"Headline\n\nKyiv said it cannot be stated that the Russian army is withdrawing its units.",
                             "Headline\n\nThe ministry denied that its artillery shelled the village on Monday.",
                             "Headline\n\nA withdrawal of the Russian units has not yet been observed."}) {
    auto ev = ExtractSentence(**pipeline, denied, "2022-02-16");
    INFO(denied << "\n" << Describe(ev));
    REQUIRE(!ev.empty());
    CHECK(std::all_of(ev.begin(), ev.end(), [](const Event& e) {
      return e.type == "reject" || e.modality == kbq::Modality::kNegated;
    }));
  }
  // A person's own country is never the other side of talks.
  {
    auto ev = ExtractSentence(**pipeline, "Headline\n\nVladimir Putin held talks with Jair Bolsonaro, and Russia and "
                                          "Brazil signed documents.", "2022-02-17");
    INFO(Describe(ev));
    for (const auto& e : ev) {
      CHECK_FALSE((HasRole(e, Role::kSource, "person:vladimir-putin") && HasRole(e, Role::kTarget, "RUS")));
    }
  }
  auto events = ExtractSentence(**pipeline, "Headline\n\nNo talks were held in Minsk on Monday.", "2022-02-01");
  INFO(Describe(events));
  REQUIRE(events.size() == 1);
  CHECK(events[0].modality == kbq::Modality::kNegated);
}

// KBQ_SENTENCE="…" build/tests/ingest_tests "[.dump]": the chunker's clauses.
// A city before the name of a gathering names where it is ("the Bucharest
// Summit"), and an alias inside a longer capitalised name is not its body
// ("Congress" of "the International Congress of Mathematicians").
TEST_CASE("EventExtractor: a gathering's venue city and a longer name are no sides", "[ingest][roles]") {
  auto pipeline = kbq::ingest::Pipeline::Create(nullptr);
  REQUIRE(pipeline.ok());
  auto has = [](const Event& e, const std::string& id) {
    return std::any_of(e.participants.begin(), e.participants.end(),
                       [&](const kbq::Participant& p) { return p.actor_id == id; });
  };
  auto first_of = [](const std::vector<Event>& events, const std::string& type) -> const Event* {
    for (const auto& e : events) {
      if (e.type == type) return &e;
    }
    return nullptr;
  };
  {
    auto ev = ExtractSentence(**pipeline,
                              "Headline\n\nNATO leaders confirmed the decisions taken at the Bucharest Summit in 2008.",
                              "2022-02-02");
    INFO(Describe(ev));
    const Event* e = first_of(ev, "summit");
    REQUIRE(e != nullptr);
    CHECK_FALSE(has(*e, "ROU"));
    CHECK(has(*e, "org:nato"));
  }
  {
    auto ev = ExtractSentence(**pipeline,
                              "Headline\n\nVladimir Putin met Russian athletes before the opening of the Beijing "
                              "2022 Winter Olympics.",
                              "2022-01-25");
    INFO(Describe(ev));
    const Event* e = first_of(ev, "meeting");
    REQUIRE(e != nullptr);
    CHECK_FALSE(has(*e, "CHN"));
    CHECK(has(*e, "person:vladimir-putin"));
  }
  {
    auto ev = ExtractSentence(**pipeline,
                              "Headline\n\nVladimir Putin supported the bid to host the International Congress of "
                              "Mathematicians in Saint Petersburg.",
                              "2022-01-25");
    INFO(Describe(ev));
    REQUIRE(!ev.empty());
    for (const auto& e : ev) CHECK_FALSE(has(e, "gov:usa-congress"));
  }
}

// Sides from the document: the lead meeting's holder for a passive discussion
// or "the participants"; an unknown body's name with "and". Each document must
// give an event of the type with the actor as a side.
TEST_CASE("EventExtractor: discussions and participants of a lead meeting take its holder", "[ingest][roles]") {
  auto pipeline = kbq::ingest::Pipeline::Create(nullptr);
  REQUIRE(pipeline.ok());
  struct Case {
    const char* published;
    const char* text;
    const char* type;
    const char* side;
  };
  const Case cases[] = {
      // "were discussed during the meeting": the one side of the lead meeting.
      {"2021-12-14",
       "Meeting with Government members\n\nVladimir Putin held a videoconference meeting with Government "
       "members.\n\nThe regions' preparations for the winter were discussed during the meeting.",
       "consult", "person:vladimir-putin"},
      // "The participants of the meeting discussed": the same.
      {"2021-11-10",
       "President held a meeting on the energy sector\n\nPresident of Ukraine Volodymyr Zelensky held a meeting "
       "on the situation in the energy sector.\n\nThe participants of the meeting discussed the preparations for "
       "the heating season.",
       "consult", "person:volodymyr-zelensky"},
      // "and" inside an unknown body's name: "of Local and Regional Authorities".
      {"2021-10-29",
       "Headline\n\nVolodymyr Zelensky took part in a meeting of the Congress of Local and Regional Authorities "
       "in Odesa.",
       "meeting", "org:congress-of-local-and-regional-authorities"},
  };
  for (const Case& c : cases) {
    auto ev = ExtractSentence(**pipeline, c.text, c.published);
    INFO(c.text << "\n got\n" << Describe(ev));
    CHECK(std::any_of(ev.begin(), ev.end(), [&](const Event& e) {
      return e.type == c.type && std::any_of(e.participants.begin(), e.participants.end(),
                                             [&](const kbq::Participant& p) { return p.actor_id == c.side; });
    }));
  }
  // A subjectless headline on an office holder's own site: the holder holds the talks.
  {
    const std::string doc = "Talks with President of Brazil Jair Bolsonaro\n\nThe talks took place in the Kremlin.";
    auto on_site = ExtractSentence(**pipeline, doc, "2022-02-16", "en.kremlin.ru");
    INFO(Describe(on_site));
    CHECK(std::any_of(on_site.begin(), on_site.end(), [](const Event& e) {
      return HasRole(e, Role::kSource, "person:vladimir-putin") && HasRole(e, Role::kTarget, "person:jair-bolsonaro|BRA");
    }));
    auto elsewhere = ExtractSentence(**pipeline, doc, "2022-02-16", "example.org");
    INFO(Describe(elsewhere));
    CHECK(std::none_of(elsewhere.begin(), elsewhere.end(),
                       [](const Event& e) { return HasRole(e, Role::kSource, "person:vladimir-putin"); }));
  }
  // A person the gazetteer does not list stands for the country the text gives them: it is no
  // `other` side of their own appeal.
  {
    auto ev = ExtractSentence(**pipeline,
                              "Talks in Vienna\n\nDeputy Head of the Office of the President of Ukraine Ihor Zhovkva "
                              "met with the Secretary General of the Austrian Foreign Ministry.\nIhor Zhovkva called on "
                              "the Austrian side to join the countries that have signed declarations with Ukraine.",
                              "2021-11-30");
    INFO(Describe(ev));
    auto demand = std::find_if(ev.begin(), ev.end(), [](const Event& e) { return e.type == "demand"; });
    REQUIRE(demand != ev.end());
    CHECK(HasRole(*demand, Role::kSource, "person:ihor-zhovkva"));
    CHECK_FALSE(HasRole(*demand, Role::kOther, "UKR"));
  }
  // A country dropped beside its own person (the Netherlands of "Prime Minister of the Kingdom of
  // the Netherlands Mark Rutte") hands its side to that person, no longer left `other`.
  {
    auto ev = ExtractSentence(**pipeline,
                              "Talks in Kyiv\n\nPresident of Ukraine Volodymyr Zelenskyy and Prime Minister of the "
                              "Kingdom of the Netherlands Mark Rutte met in Kyiv on Wednesday, during the Dutch "
                              "premier's working trip to Ukraine.",
                              "2022-02-02");
    INFO(Describe(ev));
    CHECK(std::any_of(ev.begin(), ev.end(), [](const Event& e) {
      return e.type == "meeting" && HasRole(e, Role::kSource, "person:volodymyr-zelensky") &&
             HasRole(e, Role::kTarget, "person:mark-rutte");
    }));
  }
  // A visit with no host named, in the country of a person standing as `other`, is hosted by that person.
  {
    auto ev = ExtractSentence(**pipeline,
                              "Talks in Sochi\n\nVladimir Putin held talks in Sochi with President of Serbia "
                              "Aleksandar Vucic, who had arrived in Russia on a working visit.",
                              "2021-11-25");
    INFO(Describe(ev));
    CHECK(std::any_of(ev.begin(), ev.end(), [](const Event& e) {
      return e.type == "visit" && HasRole(e, Role::kSource, "person:aleksandar-vucic") &&
             HasRole(e, Role::kTarget, "person:vladimir-putin");
    }));
  }
  // Every named side of a joint statement is one of its authors.
  {
    auto ev = ExtractSentence(**pipeline,
                              "Joint statement following the meeting of the delegations of Ukraine and Poland\n\n"
                              "The delegations met in Kyiv on Monday.",
                              "2022-01-31");
    INFO(Describe(ev));
    CHECK(std::any_of(ev.begin(), ev.end(), [](const Event& e) {
      return e.type == "statement" && HasRole(e, Role::kSource, "UKR") && HasRole(e, Role::kSource, "POL");
    }));
  }
  // Modifiers before the meeting noun keep it subjectless; a topic noun or a preposition does not.
  {
    const std::string doc = "Expanded meeting of the Defence Ministry Board\n\nThe board met in Moscow.";
    auto on_site = ExtractSentence(**pipeline, doc, "2021-12-21", "en.kremlin.ru");
    INFO(Describe(on_site));
    CHECK(std::any_of(on_site.begin(), on_site.end(), [](const Event& e) {
      return e.type == "meeting" && HasRole(e, Role::kSource, "person:vladimir-putin");
    }));
    const std::string about = "Regarding the meeting of advisers in Paris\n\nThe advisers met in Paris.";
    auto regarding = ExtractSentence(**pipeline, about, "2022-01-26", "en.kremlin.ru");
    INFO(Describe(regarding));
    CHECK(std::none_of(regarding.begin(), regarding.end(),
                       [](const Event& e) { return HasRole(e, Role::kSource, "person:vladimir-putin"); }));
  }
  // An attendance list names who was present, not two sides of a meeting of
  // their own: the chair's meeting, with those present as its other side
  // (the judged press-2022 samples count them as such: sample-21 #9, sample-24 #3).
  auto ev = ExtractSentence(**pipeline,
                            "Meeting on economic issues\n\nVladimir Putin held a meeting on economic issues via "
                            "videoconference.\n\nTaking part in the meeting were Deputy Prime Minister Alexander "
                            "Novak and Finance Minister Anton Siluanov.",
                            "2022-02-09");
  INFO(Describe(ev));
  REQUIRE_FALSE(ev.empty());
  for (const Event& e : ev) {
    if (e.type != "meeting") continue;
    CHECK(HasRole(e, Role::kSource, "person:vladimir-putin"));
    CHECK_FALSE(HasRole(e, Role::kSource, "person:alexander-novak"));
    CHECK_FALSE(HasRole(e, Role::kSource, "person:anton-siluanov"));
    CHECK(HasRole(e, Role::kTarget, "person:anton-siluanov"));
  }
}

TEST_CASE("EventExtractor: 'the parties' of a lead call hold what they agreed to hold, a party tells of its own act",
          "[ingest][roles]") {
  auto pipeline = kbq::ingest::Pipeline::Create(nullptr);
  REQUIRE(pipeline.ok());
  // The subject of "agreed to hold" and of an and-clause reaches the meeting noun it governs.
  {
    auto ev = ExtractSentence(**pipeline,
                              "Telephone conversation with President of Finland\n\nVladimir Putin had a telephone "
                              "conversation with President of Finland Sauli Niinisto.\nThe presidents agreed to hold "
                              "consultations of their foreign ministries and praised the recent meeting in Moscow.",
                              "2022-01-21");
    INFO(Describe(ev));
    for (const char* type : {"consult", "meeting"}) {
      CHECK(std::any_of(ev.begin(), ev.end(), [&](const Event& e) {
        return e.type == type && e.mentions.size() == 1 && HasRole(e, Role::kSource, "person:vladimir-putin") &&
               HasRole(e, Role::kTarget, "person:sauli-niinisto");
      }));
    }
  }
  // A meeting with a with-phrase of its own keeps its sides when "the interlocutors" talk during it.
  {
    auto ev = ExtractSentence(**pipeline,
                              "Yermak in Washington\n\nAndriy Yermak met with British Ambassador Karen Pierce in "
                              "Washington on November 9.\nDuring the meeting with William Taylor of the US Institute "
                              "of Peace, the interlocutors exchanged views on security in Europe.",
                              "2021-11-10");
    INFO(Describe(ev));
    CHECK(std::none_of(ev.begin(), ev.end(), [](const Event& e) {
      const std::vector<std::string> ids = e.ActorIds();
      return e.type == "meeting" && std::count(ids.begin(), ids.end(), "person:william-taylor") > 0 &&
             std::count(ids.begin(), ids.end(), "person:karen-pierce") > 0;
    }));
  }
  // What they discussed they did not hold: the summit stays NATO's.
  {
    auto ev = ExtractSentence(**pipeline,
                              "Talks in Bucharest\n\nVolodymyr Zelensky met with Klaus Iohannis in Kyiv on "
                              "Monday.\nThe parties discussed the next NATO summit in Madrid.",
                              "2022-01-24");
    INFO(Describe(ev));
    CHECK(std::none_of(ev.begin(), ev.end(), [](const Event& e) {
      return e.type == "summit" && HasRole(e, Role::kSource, "person:volodymyr-zelensky");
    }));
  }
  // A side named only inside the subject of a passive "were discussed" is the topic: the talkers
  // are the lead call's.
  {
    auto ev = ExtractSentence(**pipeline,
                              "Phone call with the Secretary of State\n\nVolodymyr Zelensky had a phone call with "
                              "Antony Blinken.\nThe reforms that Ukraine is carrying out were discussed.",
                              "2021-12-06");
    INFO(Describe(ev));
    CHECK(std::any_of(ev.begin(), ev.end(), [](const Event& e) {
      return e.type == "consult" && HasRole(e, Role::kSource, "person:volodymyr-zelensky") &&
             HasRole(e, Role::kTarget, "person:antony-blinken") && !HasRole(e, Role::kTarget, "UKR");
    }));
  }
  // A speaker telling of an act of their own asserts it; of another's act, reports it.
  {
    auto own = ExtractSentence(**pipeline, "Headline\n\nOlaf Scholz said he had met Joe Biden in Washington on "
                                           "February 7.", "2022-02-09");
    INFO(Describe(own));
    CHECK(std::any_of(own.begin(), own.end(), [](const Event& e) {
      return e.type == "meeting" && HasRole(e, Role::kSource, "person:olaf-scholz") &&
             e.modality == kbq::Modality::kAsserted;
    }));
    auto other = ExtractSentence(**pipeline, "Headline\n\nOlaf Scholz said Emmanuel Macron had met Joe Biden in "
                                             "Washington on February 7.", "2022-02-09");
    INFO(Describe(other));
    CHECK(std::any_of(other.begin(), other.end(), [](const Event& e) {
      return e.type == "meeting" && e.modality == kbq::Modality::kReported;
    }));
  }
  // A bracketed clause is a clause of its own; a bracketed noun phrase clarifies.
  {
    auto ev = ExtractSentence(**pipeline,
                              "Headline\n\nVladimir Putin had a meeting with Prime Minister of Armenia Nikol "
                              "Pashinyan.\nI think that after the three-way format (as we agreed, I meet with President "
                              "of Azerbaijan Ilham Aliyev before the three-way meeting) during our bilateral meeting we "
                              "will have time for the economy.",
                              "2021-11-26");
    INFO(Describe(ev));
    CHECK(std::any_of(ev.begin(), ev.end(), [](const Event& e) {
      return e.type == "meeting" && HasRole(e, Role::kTarget, "person:nikol-pashinyan");
    }));
    CHECK(std::none_of(ev.begin(), ev.end(), [](const Event& e) {
      return e.type == "meeting" && HasRole(e, Role::kTarget, "person:ilham-aliyev");
    }));
    auto np = ExtractSentence(**pipeline,
                              "Headline\n\nVladimir Putin met with the two leaders (Nikol Pashinyan and Ilham "
                              "Aliyev) in Sochi on Friday.",
                              "2021-11-26");
    INFO(Describe(np));
    CHECK(std::any_of(np.begin(), np.end(), [](const Event& e) {
      return e.type == "meeting" && HasRole(e, Role::kTarget, "person:ilham-aliyev");
    }));
  }
  // A force deployed with no by-agent is deployed by its own country.
  {
    auto ev = ExtractSentence(**pipeline, "Headline\n\nRussian peacekeepers were deployed in Nagorno-Karabakh on "
                                          "10 November 2020.", "2021-11-26");
    INFO(Describe(ev));
    CHECK(std::any_of(ev.begin(), ev.end(), [](const Event& e) {
      return e.type == "mobilize" && HasRole(e, Role::kSource, "RUS") && !HasRole(e, Role::kTarget, "RUS");
    }));
  }
  // What someone requested be done is not done.
  {
    auto ev = ExtractSentence(**pipeline, "Headline\n\nSevastopol Governor Mikhail Razvozhayev requested that a new measure "
                                          "be approved to help residents.", "2021-11-04");
    INFO(Describe(ev));
    REQUIRE_FALSE(ev.empty());
    CHECK(std::none_of(ev.begin(), ev.end(), [](const Event& e) { return e.modality == kbq::Modality::kAsserted; }));
  }
}

TEST_CASE("EventExtractor: a said act answered is its author's, addressed to the one who answers", "[ingest][roles]") {
  auto pipeline = kbq::ingest::Pipeline::Create(nullptr);
  REQUIRE(pipeline.ok());
  // The possessor or of-phrase made it; the answering subject is its target,
  // and rejecting a demand does not undo it.
  struct Case {
    const char* sentence;
    const char* type;
    const char* author;
    const char* answerer;
  };
  const Case cases[] = {
      {"Germany rejected Poland's demands for war reparations.", "demand", "POL", "DEU"},
      {"Sergey Lavrov responded to Antony Blinken's proposal on Tuesday.", "offer", "person:antony-blinken",
       "person:sergey-lavrov"},
      {"Moscow rejected the proposal of the OSCE.", "offer", "org:osce", "RUS"},
      {"Russia denied the accusations of the United States.", "accuse", "USA", "RUS"},
  };
  for (const Case& c : cases) {
    auto ev = ExtractSentence(**pipeline, std::string("Headline\n\n") + c.sentence, "2022-02-23");
    INFO(c.sentence << "\n got\n" << Describe(ev));
    CHECK(std::any_of(ev.begin(), ev.end(), [&](const Event& e) {
      return e.type == c.type && HasRole(e, Role::kSource, c.author) && HasRole(e, Role::kTarget, c.answerer) &&
             e.modality != kbq::Modality::kNegated;
    }));
  }
  // "The presidents" after such an answer are the lead call's sides, not the
  // demander and the one who ignored the demand.
  {
    auto ev = ExtractSentence(**pipeline,
                              "Telephone conversation with President of Turkey\n\nVladimir Putin had a telephone "
                              "conversation with President of Turkey Recep Tayyip Erdogan.\nThe United States ignored "
                              "Russia's demands. The presidents agreed to continue Russian-Turkish contacts.",
                              "2022-02-23");
    INFO(Describe(ev));
    CHECK(std::none_of(ev.begin(), ev.end(), [](const Event& e) {
      return e.mentions.size() == 1 && e.mentions.front().trigger == "agreed to" && HasRole(e, Role::kTarget, "USA");
    }));
  }
}

TEST_CASE("EventExtractor: every head of a between-list is a side, whoever speaks at a gathering takes part",
          "[ingest][roles]") {
  auto pipeline = kbq::ingest::Pipeline::Create(nullptr);
  REQUIRE(pipeline.ok());
  auto has = [](const std::vector<Event>& ev, const char* trigger, const std::vector<std::pair<Role, const char*>>& roles) {
    return std::any_of(ev.begin(), ev.end(), [&](const Event& e) {
      if (e.mentions.front().trigger != trigger) return false;
      for (const auto& [role, id] : roles) {
        if (!HasRole(e, role, id)) return false;
      }
      return true;
    });
  };
  // Three and four sides after "between" (a word that is a noun or an
  // adjective after "a" modifies the noun: "trilateral" leaves "meeting" a noun).
  {
    auto ev = ExtractSentence(**pipeline,
                              "Headline\n\nA trilateral meeting between Turkish President Recep Tayyip Erdogan, UN "
                              "Secretary-General Antonio Guterres and Ukrainian President Volodymyr Zelensky was held in "
                              "Lviv on Thursday.",
                              "2022-08-19");
    INFO(Describe(ev));
    CHECK(has(ev, "meeting",
              {{Role::kSource, "person:recep-tayyip-erdogan"},
               {Role::kTarget, "person:antonio-guterres"},
               {Role::kTarget, "person:volodymyr-zelensky"}}));
  }
  {
    auto ev = ExtractSentence(**pipeline,
                              "Headline\n\nTalks between representatives of Germany, France, Ukraine and Russia took "
                              "place in Berlin on February 10.",
                              "2022-02-11");
    INFO(Describe(ev));
    CHECK(has(ev, "Talks", {{Role::kSource, "DEU"}, {Role::kTarget, "FRA"}, {Role::kTarget, "UKR"}, {Role::kTarget, "RUS"}}));
  }
  // "thanked for the constant support of X": X is thanked, though the support
  // is a standing one.
  {
    auto ev = ExtractSentence(**pipeline, "Headline\n\nDmytro Kuleba thanked for the constant support of Canada.",
                              "2022-02-11");
    INFO(Describe(ev));
    CHECK(has(ev, "thanked", {{Role::kSource, "person:dmytro-kuleba"}, {Role::kTarget, "CAN"}}));
  }
  // The speaker in a during-phrase's exchange takes part; what he noted does not.
  {
    auto ev = ExtractSentence(**pipeline,
                              "Headline\n\nDuring an exchange of views on the situation in Kazakhstan, Vladimir Putin "
                              "noted Uzbekistan's efforts to help.",
                              "2022-01-13");
    INFO(Describe(ev));
    CHECK(has(ev, "exchange of views", {{Role::kSource, "person:vladimir-putin"}}));
    CHECK(std::none_of(ev.begin(), ev.end(), [](const Event& e) {
      return e.mentions.front().trigger == "exchange of views" &&
             (HasRole(e, Role::kSource, "UZB") || HasRole(e, Role::kTarget, "UZB"));
    }));
  }
}

TEST_CASE("EventExtractor: a flood of words and a ship called by its name are no events, a from-phrase gives both "
          "nouns before it",
          "[ingest][roles]") {
  // Figures of speech and names: no event of the type; the real avalanche and
  // the call in the passive stay.
  CheckCases(std::vector<CountCase>{
      {"Within days a flood of accusations against the government followed.", "2022-01-10", "flood", 0},
      {"An avalanche of complaints reached the ministry.", "2022-01-10", "landslide", 0},
      {"An avalanche of snow buried a road in Georgia on Monday.", "2022-01-10", "landslide", 1},
      {"The carrier was later called Admiral Kuznetsov.", "2022-01-10", "phone_call", 0},
      {"The city can be rightly called \"the capital of the north\".", "2022-01-10", "phone_call", 0},
      {"Zelensky was called by Biden on Monday.", "2022-01-12", "phone_call", 1},
  });
  auto ev = ExtractOurs("Kyiv values the assistance and practical help from Canada in demining.", "2022-01-12");
  INFO(Describe(ev));
  CHECK(std::any_of(ev.begin(), ev.end(), [](const Event& e) {
    return e.type == "aid" && HasRole(e, Role::kSource, "CAN") && !HasRole(e, Role::kTarget, "CAN");
  }));
}
TEST_CASE("EventExtractor: his or her before a visit or talks is the nearest person named before it, he in a report "
          "its speaker",
          "[ingest][roles]") {
  // (Past a person whose own country the visit goes to: Zelensky is in Kyiv.)
  const std::vector<RoleCase> cases = {
      {"Ukraine welcomed the statements made by Ursula von der Leyen during her visit to Kyiv.", "2022-06-17", "visit",
       Role::kSource, "person:ursula-von-der-leyen"},
      {"Olaf Scholz met Volodymyr Zelensky during his visit to Kyiv.", "2022-06-17", "visit", Role::kSource,
       "person:olaf-scholz"},
      // ("he" inside what a person is reported to say is that person)
      {"Olaf Scholz said that he was visiting Kyiv to seek a peaceful solution.", "2022-02-15", "visit",
       Role::kSource, "person:olaf-scholz"},
      {"Vladimir Putin discussed the situation in Kazakhstan during his telephone conversation with Alexander "
       "Lukashenko.",
       "2022-01-08", "phone_call", Role::kSource, "person:vladimir-putin"},
  };
  CheckCases(cases);
  CheckEach(cases, [](const std::vector<Event>& ev, const RoleCase& c) {
    return std::none_of(ev.begin(), ev.end(), [&](const Event& e) {
      return e.type == c.type && (HasRole(e, Role::kSource, "UKR") || HasRole(e, Role::kSource, "person:volodymyr-zelensky"));
    });
  });
}
TEST_CASE("EventExtractor: his visit after a country named for its leader is that country's, and a speaker's country "
          "telling of its own act asserts it",
          "[ingest][roles]") {
  // (The data knows no president of Uzbekistan: the country stands for him.)
  const std::vector<RoleCase> cases = {
      {"Putin met Uzbekistan's President during his visit to Moscow.", "2022-01-20", "visit", Role::kSource, "UZB"},
      {"Putin praised the President of Uzbekistan during his visit to Moscow.", "2022-01-20", "visit", Role::kSource,
       "UZB"},
  };
  CheckCases(cases);
  auto ev = ExtractOurs("Boris Johnson said that the United Kingdom had provided military assistance to Ukraine.",
                        "2022-01-20");
  CHECK(std::any_of(ev.begin(), ev.end(), [](const Event& e) {
    return e.type == "aid" && HasRole(e, Role::kSource, "GBR") && e.modality == kbq::Modality::kAsserted;
  }));
  // (an official of the same country as a person who is a side: Kuleba of Zelensky's meeting)
  auto met = ExtractOurs("Dmytro Kuleba said that Volodymyr Zelensky had met Olaf Scholz in Kyiv on Monday.", "2022-02-15");
  CHECK(std::any_of(met.begin(), met.end(), [](const Event& e) {
    return e.type == "meeting" && e.modality == kbq::Modality::kAsserted;
  }));
  // ("no intention of" denies the act)
  auto no = ExtractOurs("Russia has no intention of invading Ukraine.", "2021-12-23");
  CHECK(std::none_of(no.begin(), no.end(), [](const Event& e) {
    return e.type == "military_attack" && e.modality != kbq::Modality::kNegated;
  }));
}
TEST_CASE("EventExtractor: it or they after 'X that' under must or should is X, the one told to act", "[ingest][roles]") {
  const std::vector<RoleCase> cases = {
      {"The German chancellor issued a firm reminder to Russia that it must withdraw its troops from the border.",
       "2022-02-15", "withdraw_troops", Role::kSource, "RUS"},
      {"The European Union told Belarus that it should release the detained journalists.", "2021-06-01", "release",
       Role::kSource, "BLR"},
  };
  CheckCases(cases);
  // With no obligation, "it" is not the one addressed: "warned Iran that it
  // would impose sanctions" is no sanction by Iran.
  CheckNone(std::vector<RoleCase>{{"The United States warned Iran that it would impose new sanctions.", "2019-05-01",
                                   "sanctions", Role::kSource, "IRN"}});
  // It is the warner's, and "would" makes it a plan (the object of a verb
  // under a modal of possibility).
  auto ev = ExtractOurs("The United States warned Iran that it would impose new sanctions.", "2019-05-01");
  CHECK(std::any_of(ev.begin(), ev.end(), [](const Event& e) {
    return e.type == "sanctions" && HasRole(e, Role::kSource, "USA") && e.modality == kbq::Modality::kPlanned;
  }));
}
TEST_CASE("Happening: a question up to its mark, a future for years, an occupied place, a kept agreement and a habit "
          "are no events",
          "[ingest][roles]") {
  CheckCases(std::vector<CountCase>{
      {"Will Moscow risk the lives of its soldiers to occupy more of Ukraine? - In the meantime, the shelling goes on.",
       "2021-12-14", "occupy", 0},
      {"I am sure that Hungary will cooperate with Russia for many years to come.", "2022-02-01", "cooperate", 0},
      {"Moscow keeps provoking clashes in occupied Donetsk.", "2022-02-18", "occupy", 0},
      // (a finite verb before a place stays, and so does one after "all")
      {"Russian troops occupied Kherson in early March.", "2022-03-10", "occupy", 1},
      {"The leaders all signed the declaration in Vilnius on Monday.", "2023-07-12", "sign_agreement", 1},
      // An agreement kept or broken is an earlier act named; a signing stays.
      {"The Kyiv authorities keep refusing to abide by the Minsk agreements.", "2022-02-15", "agreement", 0},
      {"Our ministers are preparing projects to implement the agreements reached in Vilnius.", "2022-02-15",
       "agreement", 0},
      {"Russia and Ukraine signed an agreement on grain exports in Istanbul on July 22.", "2022-07-23",
       "sign_agreement", 1},
      // A plural act after a simple present of habit is a habit; an expected one stays.
      {"I get phone calls from journalists who ask about the tour.", "2022-01-18", "phone_call", 0},
      {"We hold joint exercises with Kazakhstan in both countries.", "2021-12-06", "mobilize", 0},
      {"We expect negotiations between Russia and the United States.", "2021-11-26", "negotiate", 1},
  });
}
TEST_CASE("Senses: a trigger noun before the artifact its noun phrase heads names a thing, not a happening",
          "[ingest][roles]") {
  CheckCases(std::vector<CountCase>{
      {"Russia and Belarus tested new warning systems on Monday.", "2022-02-10", "threaten", 0},
      // (a head shared by two coordinated modifiers)
      {"Russia and Belarus tested new warning and alert systems on Monday.", "2022-02-10", "threaten", 0},
      // (a frame noun still names the happening)
      {"The European Union approved a sanctions package against Russia on Monday.", "2022-02-10", "sanctions", 1},
      // (a verb after the trigger is no head of its phrase)
      {"Russia warned Ukraine on Monday.", "2022-02-10", "threaten", 1},
  });
}

TEST_CASE("Senses: a phrase trigger its object rules out falls back on its first word, and money is no troops",
          "[ingest][roles]") {
  CheckCases(std::vector<CountCase>{
      {"Russian forces withdrew from Kherson on Friday.", "2022-11-12", "withdraw_troops", 1},
      {"Russian forces withdrew from Kherson on Friday.", "2022-11-12", "withdraw_agreement", 0},
      {"The United States withdrew from the nuclear treaty on Friday.", "2019-08-03", "withdraw_agreement", 1},
      {"In 2015 the government withdrew its funding from the programme.", "2021-12-23", "withdraw_troops", 0},
      // (a verb of its own falls back whatever the object: no place needed)
      {"Ethiopian troops withdrew from the disputed town near the border.", "2023-06-15", "withdraw_troops", 1},
      // (the noun "talks" of a blocked "talks to" does not)
      {"Putin stressed the importance of launching talks to develop legal guarantees for Russia.", "2021-11-26",
       "meeting", 0},
  });
}

TEST_CASE("EventExtractor: to send arms or aid is aid, troops a deployment, a message nothing", "[ingest][roles]") {
  CheckCases(std::vector<RoleCase>{
      {"The United States sent tanks to Ukraine on Monday.", "2023-01-26", "aid", Role::kSource, "USA"},
      {"The United States sent tanks to Ukraine on Monday.", "2023-01-26", "aid", Role::kTarget, "UKR"},
      {"Britain sent troops to Estonia on Monday.", "2023-06-15", "mobilize", Role::kTarget, "EST"},
  });
  CheckCases(std::vector<CountCase>{
      {"Putin sent a message of greetings to Xi on Monday.", "2023-06-15", "aid", 0},
      {"Russia sent the documents to Washington on Monday.", "2023-06-15", "aid", 0},
  });
}

TEST_CASE("EventExtractor: talks a host receives a guest for are held by both", "[ingest][roles]") {
  CheckCases(std::vector<RoleCase>{
      {"Erdogan hosted Putin in Ankara for talks on the grain deal.", "2023-06-15", "meeting", Role::kSource,
       "person:recep-tayyip-erdogan"},
      {"Erdogan hosted Putin in Ankara for talks on the grain deal.", "2023-06-15", "meeting", Role::kTarget,
       "person:vladimir-putin"},
  });
}

TEST_CASE("EventExtractor: a participle after the people a verb governs is done to them (a reduced relative)",
          "[ingest][roles]") {
  CheckCases(std::vector<RoleCase>{
      {"Pakistan expelled two Indian diplomats accused of spying.", "2023-06-15", "accuse", Role::kTarget, "IND"},
      {"Iran freed two British sailors detained in March.", "2023-06-15", "arrest", Role::kTarget, "GBR"},
  });
  CheckNone(std::vector<RoleCase>{{"Pakistan expelled two Indian diplomats accused of spying.", "2023-06-15",
                                   "accuse", Role::kSource, "IND"},
                                  {"Iran freed two British sailors detained in March.", "2023-06-15", "arrest",
                                   Role::kSource, "GBR"}});
  // A finite verb after its subject is no reduced relative.
  CheckCases(std::vector<RoleCase>{
      {"Armenia said that Azerbaijan attacked the border villages on Sunday.", "2023-06-15", "assault", Role::kSource,
       "AZE"},
  });
}

TEST_CASE("EventExtractor: a participle before a noun is done to that noun's actors, by nobody named",
          "[ingest][roles]") {
  CheckCases(std::vector<RoleCase>{
      {"The Ukrainian army liberated occupied Kherson in November.", "2023-06-15", "occupy", Role::kTarget, "UKR"},
      {"Zelensky visited wounded Ukrainian soldiers in Lviv.", "2023-06-15", "casualties", Role::kTarget, "UKR"},
  });
  // Not the clause's subject, nor the country of the place it names.
  CheckNone(std::vector<RoleCase>{{"The Ukrainian army liberated occupied Kherson in November.", "2023-06-15",
                                   "occupy", Role::kSource, "UKR"},
                                  {"Zelensky visited wounded Ukrainian soldiers in Lviv.", "2023-06-15", "casualties",
                                   Role::kSource, "person:volodymyr-zelensky"},
                                  {"Macron paid tribute to the killed journalists in Paris.", "2023-06-15",
                                   "casualties", Role::kSource, "person:emmanuel-macron"}});
}

TEST_CASE("Attribution: the speaker named before an apposition says the sentence", "[ingest][roles]") {
  // Our own sentences: the speaker, an apposition set off by commas, then "said".
  auto ev = ExtractOurs("Ihor Zhovkva, deputy head of the Office of the President of Ukraine, said that Russian "
                        "missiles struck Odesa on Sunday.",
                        "2022-07-25");
  INFO(Describe(ev));
  const auto strike = std::find_if(ev.begin(), ev.end(), [](const Event& e) { return e.type == "military_attack" || e.type == "missile_strike"; });
  REQUIRE(strike != ev.end());
  CHECK(strike->attribution.actor_id == "person:ihor-zhovkva");
  CHECK(strike->modality == kbq::Modality::kReported);
  for (const auto& p : strike->participants) CHECK(p.actor_id != "person:ihor-zhovkva");
  // The speaker's own country's act is asserted by its spokesman.
  auto own = ExtractOurs("Dmitry Peskov, the Kremlin spokesman, said that Russia would hold talks with Turkey.",
                         "2022-07-25");
  INFO(Describe(own));
  const auto talks = std::find_if(own.begin(), own.end(), [](const Event& e) { return e.attribution.actor_id == "person:dmitry-peskov"; });
  CHECK(talks != own.end());
}

TEST_CASE("EventExtractor: a parenthetical speaker between a subject and its verb is no side", "[ingest][roles]") {
  CheckCases(std::vector<RoleCase>{
      {"Russia, Peskov said, shelled Kharkiv on Monday.", "2022-07-25", "military_attack", Role::kSource, "RUS"},
      {"Turkey, Erdogan said, will host the next round of talks.", "2022-07-25", "host_visit", Role::kSource, "TUR"},
  });
  CheckEach(std::vector<RoleCase>{{"Russia, Peskov said, shelled Kharkiv on Monday.", "2022-07-25", "military_attack",
                                   Role::kSource, "person:dmitry-peskov"}},
            [](const std::vector<Event>& ev, const RoleCase& c) {
              return std::none_of(ev.begin(), ev.end(), [&](const Event& e) {
                return e.type == c.type && std::any_of(e.participants.begin(), e.participants.end(),
                                                       [&](const kbq::Participant& p) { return p.actor_id == c.id; });
              });
            });
}

TEST_CASE("EventExtractor: a reason phrase's act names its own sides, done by the owner its possessive names",
          "[ingest][roles]") {
  CheckCases(std::vector<RoleCase>{
      {"The European Union imposed new sanctions on Iran over its supply of drones to Russia.", "2022-10-21", "sanctions",
       Role::kTarget, "IRN"},
      {"The European Union imposed new sanctions on Iran over its supply of drones to Russia.", "2022-10-21", "aid",
       Role::kSource, "IRN"},
      {"The European Union imposed new sanctions on Iran over its supply of drones to Russia.", "2022-10-21", "aid",
       Role::kTarget, "RUS"},
      {"The United States imposed sanctions on Russia after its invasion of Ukraine.", "2022-03-01", "sanctions",
       Role::kTarget, "RUS"},
  });
  // A definite act named as the reason is one told before: it adds neither the
  // answerer's target nor place to it.
  CheckNone(std::vector<RoleCase>{{"Hamas fighters attacked southern Israel on October 7. Israel launched air strikes "
                                   "on Gaza on Saturday in response to the attack.",
                                   "2023-10-09", "assault", Role::kTarget, "PSE"}});
  CheckNone(std::vector<RoleCase>{{"The European Union imposed new sanctions on Iran over its supply of drones to Russia.",
                                   "2022-10-21", "sanctions", Role::kTarget, "RUS"},
                                  {"The European Union imposed new sanctions on Iran over its supply of drones to Russia.",
                                   "2022-10-21", "aid", Role::kSource, "org:eu"},
                                  {"The United States imposed sanctions on Russia after its invasion of Ukraine.",
                                   "2022-03-01", "sanctions", Role::kTarget, "UKR"}});
}

TEST_CASE("Modality: talks after which something was agreed were held", "[ingest][roles]") {
  auto ev = ExtractOurs("Saudi Arabia and Iran agreed to restore diplomatic relations after talks in Beijing.",
                        "2023-03-11");
  INFO(Describe(ev));
  const auto talks = std::find_if(ev.begin(), ev.end(), [](const Event& e) { return e.type == "meeting"; });
  REQUIRE(talks != ev.end());
  CHECK(talks->modality == kbq::Modality::kAsserted);
  // What the agreement governs is still to come.
  auto plan = ExtractOurs("Saudi Arabia and Iran agreed to hold talks in Beijing.", "2023-03-11");
  INFO(Describe(plan));
  const auto planned = std::find_if(plan.begin(), plan.end(), [](const Event& e) { return e.type == "meeting"; });
  REQUIRE(planned != plan.end());
  CHECK(planned->modality == kbq::Modality::kPlanned);
}

TEST_CASE("EventExtractor: a sea's or gulf's name names no country, and joint attackers are all doers",
          "[ingest][roles]") {
  CheckNone(std::vector<RoleCase>{{"Chinese and Russian warships held joint drills in the Sea of Japan in July.",
                                   "2023-08-01", "mobilize", Role::kTarget, "JPN"},
                                  {"Houthi rebels seized a cargo ship in the Red Sea on Sunday.", "2023-11-20", "seize",
                                   Role::kTarget, "SDN"},
                                  {"The United States and Britain struck Houthi targets in Yemen on Thursday.",
                                   "2024-01-12", "military_attack", Role::kTarget, "GBR"}});
  CheckCases(std::vector<RoleCase>{
      {"The United States and Britain struck Houthi targets in Yemen on Thursday.", "2024-01-12", "military_attack",
       Role::kSource, "GBR"},
      {"Armenia and Azerbaijan clashed on their border on Tuesday.", "2022-09-14", "clash", Role::kTarget, "AZE"},
  });
}

TEST_CASE("Dates: a semicolon ends a sentence's time, a deadline dates nothing, a part of a year saves no bare noun",
          "[ingest][roles]") {
  // (Changes sample 4 #34, #37, #4: our own sentences of the same forms.)
  auto second = ExtractOurs("This is our second meeting with Armenia in this format; the first one was held at the beginning of the year.",
                            "2021-11-26");
  INFO(Describe(second));
  const auto meeting = std::find_if(second.begin(), second.end(), [](const Event& e) { return e.type == "meeting"; });
  REQUIRE(meeting != second.end());
  CHECK(meeting->date == kbq::TimeValue::Day(2021, 11, 26));
  auto deadline = ExtractOurs("The customs plan must be agreed by both sides no later than the end of February.",
                              "2022-02-01");
  INFO(Describe(deadline));
  for (const auto& e : deadline) CHECK(e.date.precision != kbq::Precision::kPartOfMonth);
  CheckCases(std::vector<CountCase>{
      {"Sixty plants have already been shut down and another six will be closed by the end of the year.", "2021-11-26",
       "ban", 0},
  });
}

TEST_CASE("Senses: joining is an accession only into an alliance or organisation", "[ingest][roles]") {
  CheckCases(std::vector<CountCase>{
      {"Finland formally joined NATO on Tuesday.", "2023-04-05", "accession", 1},
      {"Croatia joined the eurozone and the Schengen area on January 1.", "2023-01-02", "accession", 1},
      {"Germany joined France in calling for a ceasefire in Gaza.", "2023-10-20", "accession", 0},
      {"Hundreds of volunteers joined the protesters in Tbilisi on Friday.", "2023-03-11", "accession", 0},
      {"Ukraine has long wanted to join NATO.", "2023-04-05", "accession", 0},
  });
}

TEST_CASE("Happening: what a present copula says something can do is a capability, no happening", "[ingest][roles]") {
  CheckCases(std::vector<CountCase>{
      {"Russia's new frigate is able not only to hit ships but also to deliver strikes against targets in Ukraine.",
       "2021-12-21", "aid", 0},
      {"The Russian army is capable of attacking Ukraine from Belarus.", "2021-12-21", "assault", 0},
      // (a success told in the past is a happening)
      {"Russia was able to deliver humanitarian aid to Syria on Monday.", "2021-12-21", "aid", 1},
  });
}

TEST_CASE("Happening: a promise kept or broken is no event, and what was promised was done or not", "[ingest][roles]") {
  CheckCases(std::vector<CountCase>{
      {"The allies have not kept their promise to stop the expansion of the alliance.", "2022-02-21",
       "intent_cooperate", 0},
      {"Minsk broke its pledge to free the detained journalists.", "2021-06-01", "intent_cooperate", 0},
      // (made today, a promise is one)
      {"Russia promised on Monday to withdraw its troops from Belarus.", "2022-02-15", "intent_cooperate", 1},
      // ("keep in mind" keeps nothing)
      {"Leaders should keep in mind the peace proposals that Ukraine made on Monday.", "2022-02-15", "offer", 1},
  });
  auto kept = ExtractOurs("Russia kept its promise to withdraw its troops from Belarus.", "2022-03-01");
  CHECK(std::any_of(kept.begin(), kept.end(), [](const Event& e) {
    return e.type == "withdraw_troops" && e.modality == kbq::Modality::kAsserted && HasRole(e, Role::kSource, "RUS");
  }));
  auto broken = ExtractOurs("Belarus broke its pledge to release the detained journalists.", "2021-06-01");
  CHECK(std::none_of(broken.begin(), broken.end(), [](const Event& e) {
    return e.type == "release" && e.modality != kbq::Modality::kNegated;
  }));
}

TEST_CASE("EventExtractor: the country a border is with is where talk is, not who talks, and a joint act has both doers",
          "[ingest][roles]") {
  // (a build-up on a border is aimed across it)
  const std::vector<RoleCase> cases = {
      {"Zelensky and Andrzej Duda discussed the situation on the border with Belarus.", "2021-11-10", "consult",
       Role::kTarget, "person:andrzej-duda"},
      {"Russia massed troops on its border with Ukraine.", "2021-11-10", "mobilize", Role::kTarget, "UKR"},
      // (two countries joined by a hyphen before a joint act are both its doers)
      {"The Belarusian-Russian joint military exercises began on February 10.", "2022-02-12", "mobilize",
       Role::kSource, "BLR"},
      {"The Belarusian-Russian joint military exercises began on February 10.", "2022-02-12", "mobilize",
       Role::kSource, "RUS"},
  };
  CheckCases(cases);
  CheckEach(std::vector<RoleCase>{cases[0]}, [](const std::vector<Event>& ev, const RoleCase&) {
    return std::none_of(ev.begin(), ev.end(), [](const Event& e) {
      return HasRole(e, Role::kTarget, "BLR") || HasRole(e, Role::kSource, "BLR");
    });
  });
}

TEST_CASE("Modality: a modal of the speaker's saying hedges the saying, not what is said", "[ingest][roles]") {
  // (what must be done stays demanded)
  const std::vector<CountCase> cases = {
      {"I should say from the start that our talks today with Emmanuel Macron were useful.", "2022-02-07", "", 0},
      {"Olaf Scholz said that Russia must withdraw its troops.", "2022-02-07", "", 1},
  };
  CheckEach(cases, [](const std::vector<Event>& ev, const CountCase& c) {
    const long demanded =
        std::count_if(ev.begin(), ev.end(), [](const Event& e) { return e.modality == kbq::Modality::kDemanded; });
    return !ev.empty() && std::min(demanded, 1L) == c.count;
  });
}

TEST_CASE("EventExtractor: a thanks that names nobody thanked is to the other side of the call or meeting",
          "[ingest][roles]") {
  const std::vector<RoleCase> cases = {
      {"President Volodymyr Zelensky had a phone conversation with Prime Minister of Canada Justin Trudeau. Zelensky "
       "thanked for the steady support of our state.",
       "2022-01-10", "praise", Role::kTarget, "person:justin-trudeau"},
      {"During the meeting with President of the World Bank David Malpass, Volodymyr Zelensky thanked for the "
       "long-term support of our country.",
       "2022-02-20", "praise", Role::kTarget, "person:david-malpass"},
  };
  CheckCases(cases);
  // The thanks, from the thanker — no support by the thanker.
  CheckEach(cases, [](const std::vector<Event>& ev, const RoleCase&) {
    return std::any_of(ev.begin(), ev.end(), [](const Event& e) {
             return e.type == "praise" && e.mentions.front().trigger == "thanked" &&
                    HasRole(e, Role::kSource, "person:volodymyr-zelensky");
           }) &&
           std::none_of(ev.begin(), ev.end(), [](const Event& e) { return e.mentions.front().trigger == "support"; });
  });
}

TEST_CASE("EventExtractor: 'our country' after to, in or visit is the speaker's or the site holder's",
          "[ingest][roles]") {
  auto pipeline = kbq::ingest::Pipeline::Create(nullptr);
  REQUIRE(pipeline.ok());
  auto visits = [](const std::vector<Event>& ev, const char* host) {
    return std::any_of(ev.begin(), ev.end(), [&](const Event& e) {
      return e.type == "visit" && (HasRole(e, Role::kTarget, host) || e.place_id == host);
    });
  };
  // A release's own words on the Ukrainian president's site.
  auto site = ExtractSentence(**pipeline,
                              "Headline\n\nThe Prime Minister of Croatia arrived on a visit to our country on "
                              "Wednesday.",
                              "2021-12-08", "www.president.gov.ua");
  INFO(Describe(site));
  CHECK(visits(site, "UKR"));
  // A transcript turn: the speaker's country.
  auto turn = ExtractOurs("Vladimir Putin: President Xi visited our country in 2019.", "2022-02-04");
  INFO(Describe(turn));
  CHECK(visits(turn, "RUS"));
  // Elsewhere nobody's ("the security of our country" is no side).
  auto none = ExtractOurs("Officials discussed the security of our country on Monday.", "2022-02-04");
  INFO(Describe(none));
  CHECK(std::none_of(none.begin(), none.end(), [](const Event& e) {
    return HasRole(e, Role::kTarget, "UKR") || HasRole(e, Role::kTarget, "RUS");
  }));
}

TEST_CASE("EventExtractor: those taking part in a meeting with no other side named are its other side",
          "[ingest][roles]") {
  CheckCases(std::vector<RoleCase>{
      {"Vladimir Putin held a meeting on the economy. Taking part in the meeting were Alexander Novak and Maxim "
       "Oreshkin.",
       "2021-10-27", "meeting", Role::kTarget, "person:alexander-novak"},
      // (beside a named other side they are the delegations)
      {"Vladimir Putin held talks with Emmanuel Macron in the Kremlin. The talks were attended by Sergey Lavrov.",
       "2022-02-07", "meeting", Role::kOther, "person:sergey-lavrov"},
  });
}

TEST_CASE("EventExtractor: a to-phrase right after a noun's own by-phrase is whom it was done to", "[ingest][roles]") {
  CheckCases(std::vector<RoleCase>{
      {"The President thanked Ignazio Cassis for the humanitarian assistance provided by Switzerland to Ukraine.",
       "2021-10-28", "aid", Role::kTarget, "UKR"},
      {"The President thanked Ignazio Cassis for the humanitarian assistance provided by Switzerland to Ukraine.",
       "2021-10-28", "aid", Role::kSource, "CHE"},
  });
}

TEST_CASE("dump the chunker's clauses of a sentence", "[.dump]") {
  const char* text = std::getenv("KBQ_SENTENCE");
  if (!text) return;
  auto cs = kbq::ingest::events::ChunkSentence(text);
  auto list = [&](const std::vector<uint32_t>& v) {
    std::string o;
    for (uint32_t c : v) o += "[" + cs.ChunkText(c) + "]";
    return o;
  };
  for (const auto& cl : cs.clauses) {
    std::string preps;
    for (const auto& p : cl.preps) preps += p.prep + (p.temporal ? "(t)" : "") + list(p.nouns) + " ";
    WARN("verb=" << cs.ChunkText(cl.verb) << " subj=" << list(cl.subject) << " obj=" << list(cl.objects)
                 << " by=" << list(cl.by_agent) << " with=" << list(cl.with_partner) << " preps=" << preps
                 << " particle=" << cl.particle);
  }
}

TEST_CASE("Senses: blocking a decision or a measure is a veto, and what is blocked does not happen", "[ingest][roles]") {
  auto ev = ExtractOurs("Hungary blocked the EU's 50 billion euro aid package for Ukraine in December.", "2024-01-10");
  auto aid = std::find_if(ev.begin(), ev.end(), [](const Event& e) { return e.type == "aid"; });
  REQUIRE(aid != ev.end());
  CHECK(aid->modality == kbq::Modality::kNegated);
  CHECK(HasRole(*aid, Role::kSource, "org:eu"));
  CHECK_FALSE(HasRole(*aid, Role::kSource, "HUN"));
  // A road or a port is blocked, no decision: no veto.
  CheckCases(std::vector<CountCase>{
      {"Farmers blocked the main road to the border crossing on Monday.", "2024-02-12", "veto", 0},
      {"The government's finance and economy block drafted the budget.", "2024-02-12", "veto", 0},
  });
}

TEST_CASE("Chinese roles: mediators in a 在…的斡旋下 frame are no sides of what the parties reach", "[ingest][roles]") {
  CheckNone(std::vector<RoleCase>{
      {"以色列和哈马斯15日在卡塔尔和埃及的斡旋下达成停火协议。", "2025-01-16", "ceasefire", Role::kTarget, "QAT"},
      {"以色列和哈马斯15日在卡塔尔和埃及的斡旋下达成停火协议。", "2025-01-16", "ceasefire", Role::kSource, "QAT"},
      {"以色列和哈马斯15日在卡塔尔和埃及的斡旋下达成停火协议。", "2025-01-16", "mediate", Role::kSource, "ISR"},
  });
}

TEST_CASE("Roles: a plotted act has not happened, and its target is no target of the arrest", "[ingest][roles]") {
  const char* text = "Ukraine's security service detained two men suspected of plotting to assassinate Zelensky.";
  CheckNone(std::vector<RoleCase>{{text, "2024-05-08", "arrest", Role::kTarget, "person:volodymyr-zelensky"}});
  auto ev = ExtractOurs(text, "2024-05-08");
  auto plot = std::find_if(ev.begin(), ev.end(), [](const Event& e) { return e.type == "assassinate"; });
  REQUIRE(plot != ev.end());
  CHECK(plot->modality == kbq::Modality::kPlanned);
}

TEST_CASE("Merges: a city is inside its country, and another meeting is one of its own", "[ingest][roles]") {
  static auto pipeline = kbq::ingest::Pipeline::Create(nullptr);
  REQUIRE(pipeline.ok());
  // The headline's meeting in Washington is the body's meeting in the United States.
  auto one = ExtractSentence(**pipeline,
                             "Yermak met Taylor in Washington\n\nOn November 9, Andriy Yermak met with William Taylor "
                             "in the United States.",
                             "2021-11-10");
  CHECK(std::count_if(one.begin(), one.end(), [](const Event& e) { return e.type == "meeting"; }) == 1);
  // "another meeting in Brussels" is no part of the day's bilateral meeting.
  auto two = ExtractSentence(**pipeline,
                             "Meeting with Nikol Pashinyan\n\nVladimir Putin: Mr Pashinyan will stay after the "
                             "trilateral meeting, and we will have a bilateral meeting with him. I know you are going "
                             "to have another meeting in Brussels soon.",
                             "2021-11-26");
  for (const Event& e : two) {
    if (e.place_id == "place:gn-2800866") CHECK(e.mentions.size() == 1);
  }
  CHECK(std::any_of(two.begin(), two.end(), [](const Event& e) { return e.place_id == "place:gn-2800866"; }));
}

TEST_CASE("Modality: an act someone is ordered to do is demanded", "[ingest][roles]") {
  for (const char* text : {"Putin instructed Healthcare Minister Mikhail Murashko to visit the region on Friday.",
                           "Zelensky ordered the army command to withdraw the troops from the town."}) {
    auto ev = ExtractOurs(text, "2021-11-25");
    CAPTURE(text);
    bool seen = false;
    for (const Event& e : ev) {
      if (e.type == "visit" || e.type == "withdraw_troops") {
        seen = true;
        CHECK(e.modality == kbq::Modality::kDemanded);
      }
    }
    CHECK(seen);
  }
}

TEST_CASE("EventExtractor: sentences of ours give the expected number of events of a type", "[ingest][roles]") {
  std::ifstream in(std::string(KBQ_SOURCE_DIR) + "/tests/ingest/data/counts.tsv");
  REQUIRE(in);
  std::vector<CountCase> cases;
  std::vector<std::vector<std::string>> rows;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    rows.push_back(SplitTab(line));
    REQUIRE(rows.back().size() >= 4);
  }
  for (const auto& f : rows) cases.push_back({f[1].c_str(), f[0].c_str(), f[2].c_str(), std::stol(f[3])});
  CHECK(cases.size() >= 30);
  CheckCases(cases);
}
