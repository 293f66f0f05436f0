#include "kbq/ingest/event_extractor.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>
#include <random>
#include <set>

#include "event_test_util.h"
#include "kbq/ingest/event_eval.h"
#include "kbq/ingest/event_merge.h"

namespace kbq::ingest {
namespace {

using testing::MakeDoc;
using testing::Time;

const EventExtractor& X() { return testing::BuiltinExtractor(); }

const testing::Actors& World() {
  static testing::Actors a = testing::WorldActors();
  return a;
}

Extraction Run(const Document& doc, const std::vector<TimeMention>& times) {
  return X().Extract(doc, times, World().Match(doc.article.text), World().Lookup());
}

std::vector<const Event*> OfType(const Extraction& x, const std::string& type) {
  std::vector<const Event*> out;
  for (const auto& e : x.events) if (e.type == type) out.push_back(&e);
  return out;
}

const Event* One(const Extraction& x, const std::string& type) {
  auto v = OfType(x, type);
  INFO("events of type " << type << ": " << v.size());
  REQUIRE(v.size() >= 1);
  return v.front();
}

bool Has(const Event& e, const std::string& id, Role role) {
  return std::any_of(e.participants.begin(), e.participants.end(),
                     [&](const Participant& p) { return p.actor_id == id && p.role == role; });
}

bool HasLink(const Extraction& x, const Event& from, const Event& to, LinkKind kind) {
  return std::any_of(x.links.begin(), x.links.end(),
                     [&](const Link& l) { return l.from == from.id && l.to == to.id && l.kind == kind; });
}

std::string Dump(const Extraction& x) {
  std::string s;
  for (const auto& e : x.events) {
    s += e.id + " " + e.type + " " + e.date.ToString() + " " + e.date_basis + " " +
         std::string(ModalityName(e.modality)) + " place=" + e.place_id + " [";
    for (const auto& p : e.participants) s += p.actor_id + "/" + std::string(RoleName(p.role)) + " ";
    s += "] mentions=" + std::to_string(e.mentions.size()) + " trig=" + e.mentions.front().trigger +
         " attr=" + e.attribution.actor_id + "|" + e.attribution.cue + " | " + e.labels.at("en") + "\n";
  }
  for (const auto& l : x.links) s += "  " + l.from + " -" + std::string(LinkKindName(l.kind)) + "-> " + l.to + "\n";
  return s;
}

TEST_CASE("EventExtractor: the built-in lexicons load, every trigger has a known type", "[ingest][events]") {
  auto x = EventExtractor::LoadBuiltin();
  REQUIRE(x.ok());
  CHECK((*x)->trigger_count("zh") > 250);
  CHECK((*x)->trigger_count("en") > 400);
  CHECK((*x)->cue_count() > 300);
  REQUIRE((*x)->FindType("negotiate") != nullptr);
  CHECK((*x)->FindType("negotiate")->cameo == "046");
  CHECK((*x)->FindType("phone_call")->cameo == "041");
  CHECK((*x)->FindType("ceasefire")->cameo == "0871");
  CHECK((*x)->FindType("ultimatum")->cameo == "139");
  CHECK((*x)->FindType("arrest")->plover == "COERCE");
  WARN("lexicon: " << (*x)->types().size() << " types, " << (*x)->trigger_count("zh") << " zh triggers, "
                   << (*x)->trigger_count("en") << " en triggers, " << (*x)->cue_count() << " cues");
}

TEST_CASE("EventExtractor: a malformed lexicon row is reported with its line", "[ingest][events]") {
  auto x = EventExtractor::FromTsv("t\t010\t-\t-\tf\tT\tT\n", "zh\t谈\tnosuchtype\tv\t\tme\n", "");
  REQUIRE_FALSE(x.ok());
  CHECK(x.status().message().find("triggers.tsv:1") != std::string::npos);
}

TEST_CASE("EventExtractor: event ids are stable hashes of article, sentence and trigger offset", "[ingest][events]") {
  CHECK(MakeEventId("art-1", 2, 30) == MakeEventId("art-1", 2, 30));
  CHECK(MakeEventId("art-1", 2, 30) != MakeEventId("art-1", 2, 31));
  CHECK(MakeEventId("art-1", 2, 30).size() == 19);
  CHECK(MakeEventId("art-1", 2, 30).rfind("ev-", 0) == 0);
}

// The seed's first sentences, with mentions built by hand.
TEST_CASE("EventExtractor: seed phone call is dated, attributed, initiated by the US, and refers to the talks",
          "[ingest][events][seed]") {
  std::string text =
      "当地时间5月17日,俄罗斯外交部消息称,俄罗斯外交部长谢尔盖・拉夫罗夫与美国国务卿马尔科・鲁比奥今天通了电话,对话由美方发起。"
      "两国外交部门负责人讨论了昨日在伊斯坦布尔举行的俄乌谈判。"
      "值得注意的是,美国国务卿未致电乌克兰外交部长安德烈・西比加。"
      "俄罗斯和乌克兰两国代表团5月16日在土耳其伊斯坦布尔举行3年来的首次直接谈判,谈判持续近2个小时。";
  Document doc = MakeDoc(text, "zh", 2025, 5, 17);
  REQUIRE(doc.sentences.size() == 4);
  std::vector<TimeMention> times = {
      Time(text, "当地时间5月17日", TimeValue::Day(2025, 5, 17)),
      Time(text, "今天", TimeValue::Day(2025, 5, 17)),
      Time(text, "昨日", TimeValue::Day(2025, 5, 16)),
      Time(text, "5月16日", TimeValue::Day(2025, 5, 16)),
      Time(text, "3年来", TimeValue::Span(TimeValue::Year(2022), TimeValue::Year(2025)), true),
      Time(text, "近2个小时", TimeValue{}, true),
  };
  std::sort(times.begin(), times.end(), [](auto& a, auto& b) { return a.begin < b.begin; });
  Extraction x = Run(doc, times);
  INFO(Dump(x));

  auto calls = OfType(x, "phone_call");
  REQUIRE(calls.size() == 2);
  const Event* call = calls[0]->modality == Modality::kNegated ? calls[1] : calls[0];
  const Event* not_call = calls[0]->modality == Modality::kNegated ? calls[0] : calls[1];
  CHECK(call->date == TimeValue::Day(2025, 5, 17));
  CHECK(call->date_basis == "explicit");
  CHECK(Has(*call, "person:marco-rubio", Role::kSource));  // 对话由美方发起
  CHECK(Has(*call, "person:sergey-lavrov", Role::kTarget));
  CHECK(call->attribution.actor_id == "gov:rus-mfa");
  CHECK(call->modality == Modality::kReported);
  CHECK(call->labels.at("en") == "Phone call: Marco Rubio – Sergey Lavrov");

  CHECK(not_call->modality == Modality::kNegated);
  CHECK(Has(*not_call, "person:andrii-sybiha", Role::kTarget));
  CHECK(Has(*not_call, "USA", Role::kSource));

  auto talks = OfType(x, "negotiate");
  REQUIRE(talks.size() == 1);
  const Event* t = talks[0];
  // Named in sentence 2 and twice in sentence 4: one mention per sentence.
  CHECK(t->mentions.size() == 2);
  CHECK(t->date == TimeValue::Day(2025, 5, 16));
  CHECK(t->place_id == "place:istanbul");
  CHECK(Has(*t, "RUS", Role::kSource));
  CHECK(Has(*t, "UKR", Role::kTarget));
  CHECK(t->labels.at("en") == "Negotiation: Russia – Ukraine, Istanbul");
  CHECK(t->labels.at("zh") == "谈判：俄罗斯 – 乌克兰，伊斯坦布尔");
  CHECK(HasLink(x, *call, *t, LinkKind::kRefersTo));
  // Evidence: the mention keeps the sentence, trigger and date text.
  const Mention& m = call->mentions.front();
  CHECK(m.sentence == 0);
  CHECK(m.trigger == "通了电话");
  CHECK(m.date_text == "今天");
  CHECK(text.substr(m.begin, m.end - m.begin) == m.text);
}

TEST_CASE("EventExtractor: statements after the talks and the delegation's demands are part of the talks",
          "[ingest][events][seed]") {
  std::string text =
      "俄罗斯和乌克兰两国代表团5月16日在土耳其伊斯坦布尔举行直接谈判。\n"
      "俄方代表团团长在谈判结束后发表声明说,俄方对谈判结果总体满意。\n"
      "在伊斯坦布尔,俄罗斯谈判代表团对乌克兰的大致要求:乌克兰保持中立。\n"
      "鲁比奥总体肯定谈判成果,并对交换战俘等共识表示欢迎。";
  Document doc = MakeDoc(text, "zh", 2025, 5, 17);
  Extraction x = Run(doc, {Time(text, "5月16日", TimeValue::Day(2025, 5, 16))});
  INFO(Dump(x));
  const Event* talks = One(x, "negotiate");
  const Event* stmt = One(x, "statement");
  CHECK(HasLink(x, *stmt, *talks, LinkKind::kPartOf));
  CHECK(stmt->date == TimeValue::Day(2025, 5, 16));
  CHECK(stmt->date_basis == "inherited");
  const Event* demand = One(x, "demand");
  CHECK(HasLink(x, *demand, *talks, LinkKind::kPartOf));
  CHECK(Has(*demand, "RUS", Role::kSource));
  CHECK(Has(*demand, "UKR", Role::kTarget));
  CHECK(demand->place_id == "place:istanbul");
  const Event* swap = One(x, "prisoner_exchange");
  CHECK(HasLink(x, *swap, *talks, LinkKind::kPartOf));
  // Rubio's welcome is his own act, not part of the talks.
  const Event* welcome = One(x, "praise");
  CHECK_FALSE(HasLink(x, *welcome, *talks, LinkKind::kPartOf));
  CHECK(Has(*welcome, "person:marco-rubio", Role::kSource));
}

TEST_CASE("EventExtractor: 上溯至 chains the storyline back, dates at month and year-range precision",
          "[ingest][events][seed]") {
  std::string text =
      "由于乌克兰在2022年4月撕毁了本已达成的协议,使得俄罗斯获得了领土。\n"
      "上溯至2022年2月,俄罗斯发出的最后通牒。上溯至2013-2014年的颜色革命。\n"
      "(2025年5月17日,作者:某评论员)";
  Document doc = MakeDoc(text, "zh", 2025, 5, 17);
  std::vector<TimeMention> times = {
      Time(text, "2022年4月", TimeValue::Month(2022, 4)),
      Time(text, "2022年2月", TimeValue::Month(2022, 2)),
      Time(text, "2013-2014年", TimeValue::Span(TimeValue::Year(2013), TimeValue::Year(2014))),
      Time(text, "2025年5月17日", TimeValue::Day(2025, 5, 17)),
  };
  Extraction x = Run(doc, times);
  INFO(Dump(x));
  const Event* tore = One(x, "withdraw_agreement");
  CHECK(tore->date == TimeValue::Month(2022, 4));
  CHECK(tore->modality == Modality::kClaimed);  // 撕毁 is evaluative, the piece has a byline
  CHECK(tore->attribution.cue.find("author") == 0);
  const Event* ultimatum = One(x, "ultimatum");
  CHECK(ultimatum->date == TimeValue::Month(2022, 2));
  CHECK(ultimatum->date_basis == "sentence");
  CHECK(Has(*ultimatum, "RUS", Role::kSource));
  const Event* revolution = One(x, "revolution");
  CHECK(revolution->date.ToString() == "2013..2014");
  CHECK(HasLink(x, *tore, *ultimatum, LinkKind::kStoryline));
  CHECK(HasLink(x, *ultimatum, *revolution, LinkKind::kStoryline));
}

TEST_CASE("EventExtractor: a counterfactual sentence hides all its events", "[ingest][events]") {
  std::string text = "如果俄罗斯与乌克兰当时签署并遵守协议,就不会爆发冲突,也不会有数千名乌克兰人死亡。";
  Extraction x = Run(MakeDoc(text, "zh", 2024, 3, 1), {});
  INFO(Dump(x));
  REQUIRE(!x.events.empty());
  for (const auto& e : x.events) CHECK(e.modality == Modality::kCounterfactual);
}

TEST_CASE("EventExtractor: English negation scopes over the trigger it precedes", "[ingest][events]") {
  std::string text = "Rubio did not call Sybiha on Saturday, but Kallas telephoned Sybiha the same day.";
  std::vector<TimeMention> times = {Time(text, "Saturday", TimeValue::Day(2025, 5, 17))};
  Extraction x = Run(MakeDoc(text, "en", 2025, 5, 18), times);
  INFO(Dump(x));
  auto calls = OfType(x, "phone_call");
  REQUIRE(calls.size() == 2);  // "did not call Sybiha" (negated) and "telephoned Sybiha"
  const Event* asserted = calls[0]->modality == Modality::kAsserted ? calls[0] : calls[1];
  const Event* negated = asserted == calls[0] ? calls[1] : calls[0];
  CHECK(asserted->modality == Modality::kAsserted);
  CHECK(Has(*asserted, "person:kaja-kallas", Role::kSource));
  CHECK(Has(*asserted, "person:andrii-sybiha", Role::kTarget));
  CHECK(negated->modality == Modality::kNegated);
  CHECK(Has(*negated, "person:marco-rubio", Role::kSource));
}

TEST_CASE("EventExtractor: 未 negates the verb right after it, not a later one", "[ingest][events]") {
  std::string text = "日本首相未出访中国,但随后会见了法国总统。";
  Extraction x = Run(MakeDoc(text, "zh", 2024, 6, 1), {});
  INFO(Dump(x));
  CHECK(One(x, "visit")->modality == Modality::kNegated);
  CHECK(One(x, "host_visit")->modality == Modality::kAsserted);
}

TEST_CASE("EventExtractor: a 2024 prisoner swap is typed, dated and has both sides", "[ingest][events]") {
  std::string text = "2024年1月3日,俄罗斯与乌克兰在阿联酋斡旋下交换战俘,这是冲突以来规模最大的一次。";
  std::vector<TimeMention> times = {Time(text, "2024年1月3日", TimeValue::Day(2024, 1, 3))};
  Extraction x = Run(MakeDoc(text, "zh", 2024, 1, 4), times);
  INFO(Dump(x));
  const Event* swap = One(x, "prisoner_exchange");
  CHECK(swap->date == TimeValue::Day(2024, 1, 3));
  CHECK(swap->date_basis == "sentence");
  CHECK(swap->cameo == "0841");
  CHECK(Has(*swap, "RUS", Role::kSource));
  CHECK(Has(*swap, "UKR", Role::kTarget));
}

TEST_CASE("EventExtractor: an English summit sentence gets place and date", "[ingest][events]") {
  std::string text = "Leaders of the Group of 20 opened their summit in New Delhi on September 9, 2023, "
                     "where Prime Minister Narendra Modi hosted the talks.";
  testing::Actors w = World();
  w.Add("place:new-delhi", ActorKind::kPlace, "New Delhi", "新德里", {"New Delhi"}, "IND");
  std::vector<TimeMention> times = {Time(text, "September 9, 2023", TimeValue::Day(2023, 9, 9))};
  Document doc = MakeDoc(text, "en", 2023, 9, 10);
  Extraction x = X().Extract(doc, times, w.Match(text), w.Lookup());
  INFO(Dump(x));
  const Event* summit = One(x, "summit");
  CHECK(summit->date == TimeValue::Day(2023, 9, 9));
  CHECK(summit->place_id == "place:new-delhi");
  CHECK(summit->labels.at("en") == "Summit: New Delhi");
}

TEST_CASE("EventExtractor: an earthquake's deaths are its toll (造成)", "[ingest][events]") {
  std::string text = "2023年9月8日晚,摩洛哥马拉喀什附近发生6.8级地震,造成近3000人死亡。";
  std::vector<TimeMention> times = {Time(text, "2023年9月8日晚", TimeValue::Day(2023, 9, 8))};
  Extraction x = Run(MakeDoc(text, "zh", 2023, 9, 10), times);
  INFO(Dump(x));
  const Event* quake = One(x, "earthquake");
  CHECK(quake->date == TimeValue::Day(2023, 9, 8));
  CHECK(quake->place_id == "place:marrakesh");
  // The deaths fold into the earthquake (docs/extraction.md, "Disasters and
  // accidents"): one event with its toll, the casualty trigger a mention of it.
  CHECK(quake->attributes.at("killed") == 3000);
  CHECK(std::none_of(x.events.begin(), x.events.end(), [](const Event& e) { return e.type == "casualties"; }));
  CHECK(quake->mentions.size() == 2);
}

TEST_CASE("EventExtractor: an arrest by the French, passive English, and 'according to'", "[ingest][events]") {
  std::string text = "Lavrov was arrested by French police in Paris on August 24, according to Russia.";
  std::vector<TimeMention> times = {Time(text, "August 24", TimeValue::Day(2024, 8, 24))};
  Extraction x = Run(MakeDoc(text, "en", 2024, 8, 26), times);
  INFO(Dump(x));
  const Event* arrest = One(x, "arrest");
  CHECK(arrest->cameo == "173");
  CHECK(Has(*arrest, "FRA", Role::kSource));
  CHECK(Has(*arrest, "person:sergey-lavrov", Role::kTarget));
  CHECK(arrest->place_id == "place:paris");
  CHECK(arrest->modality == Modality::kReported);
  CHECK(arrest->attribution.actor_id == "RUS");
  CHECK(arrest->attribution.cue == "according to");
}

TEST_CASE("EventExtractor: an event without a date of its own is 'reported on' the publication day",
          "[ingest][events]") {
  std::string text = "中国谴责日本的做法。";
  Extraction x = Run(MakeDoc(text, "zh", 2024, 6, 28), {});
  INFO(Dump(x));
  const Event* e = One(x, "criticize");
  CHECK(e->date_basis == "publication");
  CHECK(e->date == TimeValue::Day(2024, 6, 28));
  CHECK(e->labels.at("en") == "Criticism: China – Japan");
  CHECK(e->labels.at("zh") == "谴责：中国 – 日本");
}

TEST_CASE("EventExtractor: a duration (3年来) is never the event's date", "[ingest][events]") {
  std::string text = "俄罗斯与乌克兰举行3年来的首次谈判。";
  std::vector<TimeMention> times = {
      Time(text, "3年来", TimeValue::Span(TimeValue::Year(2022), TimeValue::Year(2025)), true)};
  Extraction x = Run(MakeDoc(text, "zh", 2025, 5, 17), times);
  INFO(Dump(x));
  CHECK(One(x, "negotiate")->date_basis == "publication");
}

TEST_CASE("EventExtractor: planned and demanded modality from cues", "[ingest][events]") {
  SECTION("将 / will") {
    std::string text = "莫迪将访问美国。India will send aid to Japan.";
    Extraction x = Run(MakeDoc(text, "zh", 2024, 6, 1), {});
    INFO(Dump(x));
    CHECK(One(x, "visit")->modality == Modality::kPlanned);
    CHECK(One(x, "aid")->modality == Modality::kPlanned);
    CHECK(Has(*One(x, "visit"), "person:narendra-modi", Role::kSource));
    CHECK(Has(*One(x, "visit"), "USA", Role::kTarget));
  }
  SECTION("必须 / demands") {
    std::string text = "美国要求俄罗斯必须撤军。";
    Extraction x = Run(MakeDoc(text, "zh", 2024, 6, 1), {});
    INFO(Dump(x));
    CHECK(One(x, "withdraw_troops")->modality == Modality::kDemanded);
    CHECK(One(x, "demand")->modality == Modality::kAsserted);
    CHECK(Has(*One(x, "demand"), "USA", Role::kSource));
    CHECK(Has(*One(x, "demand"), "RUS", Role::kTarget));
  }
}

TEST_CASE("EventExtractor: sanctions on a target with 对, 后 orders two events", "[ingest][events]") {
  std::string text = "中国与法国会谈后,欧盟对俄罗斯实施制裁。";
  Extraction x = Run(MakeDoc(text, "zh", 2024, 6, 1), {});
  INFO(Dump(x));
  const Event* sanc = One(x, "sanctions");
  CHECK(Has(*sanc, "org:eu", Role::kSource));
  CHECK(Has(*sanc, "RUS", Role::kTarget));
  const Event* talks = One(x, "meeting");
  CHECK(HasLink(x, *talks, *sanc, LinkKind::kBefore));
}

TEST_CASE("EventExtractor: PLOVER gold standard records, type accuracy", "[ingest][events][eval]") {
  std::string path = std::string(KBQ_SHARED_DATA) + "/plover/gsr_dev.json";
  if (!std::ifstream(path)) {
    WARN("skipped: shared data not found: " << path);
    return;
  }
  // Oracle actors: the records' own actor texts and codes as a gazetteer,
  // so that the figure measures trigger typing and argument assignment.
  auto in = std::ifstream(path);
  std::string json((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  testing::Actors oracle;
  for (size_t p = json.find("\"actorText\""); p != std::string::npos; p = json.find("\"actorText\"", p + 1)) {
    size_t a = json.find('"', json.find(':', p) + 1) + 1;
    std::string text = json.substr(a, json.find('"', a) - a);
    size_t c = json.find("\"code\"", a);
    if (c == std::string::npos || c > json.find('}', a)) continue;
    size_t b = json.find('"', json.find(':', c) + 1) + 1;
    std::string code = json.substr(b, json.find('"', b) - b);
    if (text.empty() || code.empty()) continue;
    if (!oracle.by_id.count(code)) oracle.Add(code, ActorKind::kCountry, code, code, {});
    oracle.forms.push_back({text, code});
  }
  auto matcher = [&](std::string_view t) { return oracle.Match(std::string(t)); };
  auto rep = EvaluateEvents(path, X(), matcher, nullptr, oracle.Lookup());
  REQUIRE(rep.ok());
  std::string errors;
  for (const auto& e : rep->errors) errors += e + "\n";
  WARN(rep->ToString() << errors);
  CHECK(rep->records > 100);
  CHECK(rep->type_accuracy() >= 0.5);
}

TEST_CASE("EventExtractor: a Chinese and an English report of the same talks become one event", "[ingest][events][merge]") {
  std::string zh = "俄罗斯和乌克兰代表团5月16日在伊斯坦布尔举行直接谈判。";
  std::string en = "Russian and Ukrainian delegations held direct talks in Istanbul on May 16, the first since 2022.";
  Extraction a = Run(MakeDoc(zh, "zh", 2025, 5, 17), {Time(zh, "5月16日", TimeValue::Day(2025, 5, 16))});
  Extraction b = Run(MakeDoc(en, "en", 2025, 5, 16), {Time(en, "May 16", TimeValue::Day(2025, 5, 16)),
                                                      Time(en, "2022", TimeValue::Year(2022))});
  INFO(Dump(a) << Dump(b));
  const Event* ta = One(a, "negotiate");
  const Event* tb = One(b, "negotiate");
  CHECK(Has(*tb, "RUS", Role::kSource));
  CHECK(Has(*tb, "UKR", Role::kTarget));
  CHECK(tb->place_id == "place:istanbul");
  CHECK(tb->date == TimeValue::Day(2025, 5, 16));
  CHECK(SameHappening(*ta, *tb, nullptr));
  Extraction all;
  all.events = {*ta, *tb};
  MergeExtraction(&all);
  REQUIRE(all.events.size() == 1);
  CHECK(all.events[0].mentions.size() == 2);
  CHECK(all.links.size() == 1);
  CHECK(all.links[0].kind == LinkKind::kSameAs);
}

TEST_CASE("EventExtractor: 'X said' attributes the events it introduces, not its own clause", "[ingest][events]") {
  std::string text = "Russia said on Tuesday that China must return the seized ship, and Japan sent aid to Morocco.";
  std::vector<TimeMention> times = {Time(text, "Tuesday", TimeValue::Day(2024, 6, 4))};
  Extraction x = Run(MakeDoc(text, "en", 2024, 6, 5), times);
  INFO(Dump(x));
  const Event* ret = One(x, "release");
  CHECK(ret->modality == Modality::kDemanded);
  CHECK(ret->attribution.actor_id == "RUS");
  CHECK(Has(*ret, "CHN", Role::kSource));
  const Event* aid = One(x, "aid");
  CHECK(Has(*aid, "JPN", Role::kSource));
  CHECK(Has(*aid, "MAR", Role::kTarget));
}

TEST_CASE("EventExtractor: random text with random mentions never breaks the invariants", "[ingest][events]") {
  // Pieces of real triggers, cues, names and punctuation, shuffled; spans
  // land on character boundaries. Checks ids, spans and link ends.
  const std::vector<std::string> pieces = {
      "俄罗斯", "乌克兰", "与", "和", "在", "伊斯坦布尔", "举行", "谈判", "通了电话", "未", "将", "称", ",", "。",
      "上溯至", "2022年", "导致", "如果", "就不会", "谈判代表团", "要求", "结束后", "发表声明", "Russia", " met ",
      " Ukraine", " in ", "Istanbul", " did not ", " call ", " said", ", ", ". ", " after ", "talks", " again ",
      "由", "美方", "发起", "讨论了", "再次", "作者:", "撕毁", "协议", "\n"};
  std::mt19937 rng(20250517);
  for (int round = 0; round < 200; ++round) {
    std::string text;
    std::vector<std::pair<uint32_t, uint32_t>> spans;
    int n = 5 + int(rng() % 40);
    for (int k = 0; k < n; ++k) {
      const std::string& p = pieces[rng() % pieces.size()];
      if (rng() % 4 == 0) spans.push_back({uint32_t(text.size()), uint32_t(text.size() + p.size())});
      text += p;
    }
    Document doc = MakeDoc(text, "zh", 2025, 5, 17);
    std::vector<ActorMention> actors;
    std::vector<TimeMention> times;
    const char* ids[] = {"RUS", "UKR", "USA", "place:istanbul", "person:marco-rubio", "org:eu", "person:unknown"};
    for (auto [b, e] : spans) {
      if (rng() % 3 == 0) {
        TimeMention t;
        t.begin = b;
        t.end = e;
        t.text = text.substr(b, e - b);
        t.value = TimeValue::Day(2020 + int(rng() % 6), 1 + rng() % 12, 1 + rng() % 28);
        t.resolution = Resolution::kAbsolute;
        t.is_duration = rng() % 5 == 0;
        times.push_back(t);
      } else {
        actors.push_back({b, e, text.substr(b, e - b), ids[rng() % 7], false, false, ""});
      }
    }
    Extraction x = X().Extract(doc, times, actors, World().Lookup());
    std::set<std::string> ids_seen;
    for (const auto& e : x.events) {
      CHECK(ids_seen.insert(e.id).second);
      CHECK(e.date.ok());
      CHECK(!e.date_basis.empty());
      REQUIRE(!e.mentions.empty());
      for (const auto& m : e.mentions) {
        CHECK(m.end <= text.size());
        CHECK(text.compare(m.begin, m.end - m.begin, m.text) == 0);
        CHECK(m.text.find(m.trigger) != std::string::npos);
      }
    }
    for (const auto& l : x.links) {
      CHECK(l.from != l.to);
      if (l.kind != LinkKind::kSameAs) {
        CHECK(ids_seen.count(l.from) == 1);
        CHECK(ids_seen.count(l.to) == 1);
      }
    }
  }
}

TEST_CASE("EventExtractor: 'the first talks since' links the storyline to the earlier talks", "[ingest][events]") {
  std::string text = "Russia and Ukraine held talks in Istanbul in March 2022. "
                     "Russia and Ukraine met in Istanbul on May 16, 2025, the first direct talks since 2022.";
  std::vector<TimeMention> times = {Time(text, "March 2022", TimeValue::Month(2022, 3)),
                                    Time(text, "May 16, 2025", TimeValue::Day(2025, 5, 16)),
                                    Time(text, "2022", TimeValue::Year(2022), false, 1)};
  std::sort(times.begin(), times.end(), [](auto& a, auto& b) { return a.begin < b.begin; });
  Extraction x = Run(MakeDoc(text, "en", 2025, 5, 17), times);
  INFO(Dump(x));
  auto talks = OfType(x, "meeting");
  REQUIRE(talks.size() == 2);
  const Event* y2022 = talks[0]->date.precision == Precision::kMonth ? talks[0] : talks[1];
  const Event* y2025 = talks[0]->date.precision == Precision::kMonth ? talks[1] : talks[0];
  CHECK(HasLink(x, *y2025, *y2022, LinkKind::kStoryline));
}

// The whole seed article with the time expressions a tagger would find,
// found by hand; hidden (run with "[.seed]") because it prints rather than
// checks everything.
TEST_CASE("EventExtractor: the seed article end to end", "[.seed]") {
  std::ifstream in(std::string(KBQ_SOURCE_DIR) + "/examples/articles/000_3ae8ec1ab298bbdb.txt");
  REQUIRE(in);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  text = text.substr(0, text.find("国际分类资讯推荐"));
  Document doc = MakeDoc(text, "zh", 2025, 5, 17);
  std::vector<TimeMention> times;
  auto add = [&](const std::string& needle, TimeValue v, bool duration = false) {
    for (size_t p = text.find(needle); p != std::string::npos; p = text.find(needle, p + 1)) {
      TimeMention t = Time(text, needle, v, duration);
      t.begin = uint32_t(p);
      t.end = uint32_t(p + needle.size());
      bool overlap = std::any_of(times.begin(), times.end(), [&](auto& o) { return o.begin < t.end && t.begin < o.end; });
      if (!overlap) times.push_back(t);
    }
  };
  add("2025年05月17日", TimeValue::Day(2025, 5, 17));
  add("当地时间5月17日", TimeValue::Day(2025, 5, 17));
  add("2025年5月17日", TimeValue::Day(2025, 5, 17));
  add("今天", TimeValue::Day(2025, 5, 17));
  add("昨日", TimeValue::Day(2025, 5, 16));
  add("5月16日", TimeValue::Day(2025, 5, 16));
  add("3年来", TimeValue::Span(TimeValue::Year(2022), TimeValue::Year(2025)), true);
  add("近2个小时", TimeValue{}, true);
  add("2022年4月", TimeValue::Month(2022, 4));
  add("2022年2月", TimeValue::Month(2022, 2));
  add("2013-2014年", TimeValue::Span(TimeValue::Year(2013), TimeValue::Year(2014)));
  add("2022年", TimeValue::Year(2022));
  add("当时", TimeValue::Month(2022, 4));
  add("这三年", TimeValue::Span(TimeValue::Year(2022), TimeValue::Year(2025)), true);
  std::sort(times.begin(), times.end(), [](auto& a, auto& b) { return a.begin < b.begin; });
  testing::Actors w = World();
  w.Add("person:vladimir-putin", ActorKind::kPerson, "Vladimir Putin", "普京", {"弗拉基米尔・普京", "普京"}, "RUS");
  w.Add("person:vladimir-medinsky", ActorKind::kPerson, "Vladimir Medinsky", "梅津斯基", {"梅津斯基"}, "RUS");
  w.Add("person:volodymyr-zelensky", ActorKind::kPerson, "Volodymyr Zelensky", "泽连斯基", {"泽连斯基"}, "UKR");
  w.Add("person:donald-trump", ActorKind::kPerson, "Donald Trump", "特朗普", {"特朗普"}, "USA");
  w.Add("GBR", ActorKind::kCountry, "United Kingdom", "英国", {"英国"});
  w.Add("ESP", ActorKind::kCountry, "Spain", "西班牙", {"西班牙"});
  w.Add("RUS2", ActorKind::kCountry, "Russia", "俄罗斯", {});
  w.forms.push_back({"俄", "RUS"});
  w.forms.push_back({"乌", "UKR"});
  w.forms.push_back({"美", "USA"});
  Extraction x = X().Extract(doc, times, w.Match(text), w.Lookup());
  WARN(Dump(x));
}

}  // namespace
}  // namespace kbq::ingest
