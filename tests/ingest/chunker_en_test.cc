// The English chunker: tokens, noun phrases, verb groups and the roles of each
// clause, on sentences of our own about real events.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "events/chunker_en.h"

using kbq::ingest::events::ChunkedSentence;
using kbq::ingest::events::ChunkKind;
using kbq::ingest::events::ChunkSentence;
using kbq::ingest::events::ClauseRoles;
using kbq::ingest::events::Tag;
using kbq::ingest::events::TokenizeEnglish;

namespace {

std::string Heads(const ChunkedSentence& s, const std::vector<uint32_t>& chunks) {
  std::string out;
  for (uint32_t c : chunks) {
    if (!out.empty()) out += '+';
    out += s.HeadText(c);
  }
  return out;
}

// Every chunk and clause, for failure messages.
std::string Dump(const ChunkedSentence& s) {
  std::string out;
  for (size_t c = 0; c < s.chunks.size(); ++c) {
    const auto& ch = s.chunks[c];
    out += "[" + std::to_string(c) + ":" + std::to_string(int(ch.kind)) + " " + s.ChunkText(c) + "]";
  }
  for (const ClauseRoles& r : s.clauses) {
    out += "\n  clause verb=" + std::string(s.HeadText(r.verb)) + " subj=" + Heads(s, r.subject) +
           " obj=" + Heads(s, r.objects) + " with=" + Heads(s, r.with_partner) + " by=" + Heads(s, r.by_agent) +
           " particle=" + r.particle + " parent=" + std::to_string(r.parent);
    for (const auto& p : r.preps) out += " " + p.prep + ":" + Heads(s, p.nouns) + (p.temporal ? "(t)" : "");
  }
  return out;
}

// The first clause whose verb has this lemma, or nullptr.
const ClauseRoles* ClauseOf(const ChunkedSentence& s, const std::string& lemma) {
  for (const ClauseRoles& r : s.clauses) {
    if (s.chunks[r.verb].lemma == lemma) return &r;
  }
  return nullptr;
}

// The place attachments (non-temporal, not "of"), as "prep head".
std::vector<std::string> Places(const ChunkedSentence& s, const ClauseRoles& r) {
  std::vector<std::string> out;
  for (const auto& p : r.preps) {
    if (!p.temporal && p.prep != "of") out.push_back(p.prep + " " + Heads(s, p.nouns));
  }
  return out;
}

struct Case {
  std::string sentence;
  std::string subject;  // heads of the subject, '+' between coordinated ones
  std::string verb;     // the lemma of the clause's verb
  std::string objects;
  std::string with;
  std::string by;
  std::string place;    // one expected "prep head" attachment, or empty
  bool passive;
};

}  // namespace

TEST_CASE("Chunker: subject, verb, objects and attachments of news sentences", "[ingest][chunker]") {
  auto c = GENERATE(values<Case>({
      {"Xi met Biden in Bali.", "Xi", "meet", "Biden", "", "", "in Bali", false},
      {"Erdogan called Zelensky on Monday.", "Erdogan", "call", "Zelensky", "", "", "", false},
      {"Xi and Putin held an informal meeting on Monday", "Xi+Putin", "hold", "meeting", "", "", "", false},
      {"The delegation was received by the Turkish foreign minister.", "delegation", "receive", "", "", "minister",
       "", true},
      {"Shoigu visited Minsk last week.", "Shoigu", "visit", "Minsk", "", "", "", false},
      {"The talks were held in Istanbul.", "talks", "hold", "", "", "", "in Istanbul", true},
      {"Macron telephoned Scholz on Tuesday evening.", "Macron", "telephone", "Scholz", "", "", "", false},
      {"Blinken spoke with Wang Yi by phone on Friday.", "Blinken", "speak", "", "Yi", "", "by phone", false},
      {"The European Union imposed new sanctions on Iran.", "Union", "impose", "sanctions", "", "", "on Iran", false},
      {"Russian missiles struck an energy facility in Odesa.", "missiles", "strike", "facility", "", "", "in Odesa",
       false},
      {"Modi will visit Washington next month.", "Modi", "visit", "Washington", "", "", "", false},
      {"Lula won the presidential election in Brazil.", "Lula", "win", "election", "", "", "in Brazil", false},
      {"Hakan Fidan, the Turkish foreign minister, met Sergei Lavrov in Antalya.", "Fidan", "meet", "Lavrov", "", "",
       "in Antalya", false},
      {"Putin called for an immediate ceasefire.", "Putin", "call", "", "", "", "for ceasefire", false},
      {"Zelensky called the decision a mistake.", "Zelensky", "call", "decision+mistake", "", "", "", false},
      {"The United States and Japan signed a trade agreement in Tokyo.", "States+Japan", "sign", "agreement", "", "",
       "in Tokyo", false},
      {"Scholz did not meet Xi during the summit.", "Scholz", "meet", "Xi", "", "", "during summit", false},
      {"Biden hosted Yoon at the White House on Wednesday.", "Biden", "host", "Yoon", "", "", "at House", false},
      {"Israeli aircraft bombed targets in Gaza overnight.", "aircraft", "bomb", "targets", "", "", "in Gaza", false},
      {"Protesters clashed with police in Tbilisi.", "Protesters", "clash", "", "police", "", "in Tbilisi", false},
      {"Security forces in Guinea detained dozens of refugees.", "forces", "detain", "dozens", "", "", "in Guinea",
       false},
      {"The ministers discussed trade and security.", "ministers", "discuss", "trade+security", "", "", "", false},
      {"Albanese travelled to Beijing for talks with Xi.", "Albanese", "travel", "", "Xi", "", "to Beijing", false},
      {"Kishida was welcomed by Biden at the airport.", "Kishida", "welcome", "", "", "Biden", "at airport", true},
      {"Sunak has announced sanctions against Russian banks.", "Sunak", "announce", "sanctions", "", "",
       "against banks", false},
      {"Turkey and Sweden reached a deal at the NATO summit in Vilnius.", "Turkey+Sweden", "reach", "deal", "", "",
       "at summit", false},
      {"Poland and the Baltic states condemned the attack.", "Poland+states", "condemn", "attack", "", "", "", false},
      {"The Kremlin said Putin had spoken with Erdogan.", "Putin", "speak", "", "Erdogan", "", "", false},
      {"Voters in Turkey elected a new parliament on Sunday.", "Voters", "elect", "parliament", "", "", "in Turkey",
       false},
      {"Workers at the Ford plant went on strike in September.", "Workers", "go", "", "", "", "on strike", false},
      {"Police arrested three opposition leaders in Dhaka.", "Police", "arrest", "leaders", "", "", "in Dhaka", false},
      {"Lavrov was met by Wang Yi in Beijing.", "Lavrov", "meet", "", "", "Yi", "in Beijing", true},
      {"Erdogan urged Putin to extend the grain deal.", "Erdogan", "urge", "Putin", "", "", "", false},
      {"Biden met Zelensky and promised more air defence systems.", "Biden", "promise", "systems", "", "", "",
       false},
      {"Blinken arrived in Kyiv on an unannounced visit.", "Blinken", "arrive", "", "", "", "in Kyiv", false},
      {"Xi received the Brazilian president in Beijing.", "Xi", "receive", "president", "", "", "in Beijing", false},
      // "following" between two phrases is "after"; after a be-auxiliary a verb.
      {"The ruble fell following the invasion of Ukraine.", "ruble", "fall", "", "", "", "following invasion",
       false},
      {"The troops were following orders from Moscow.", "troops", "follow", "orders", "", "", "from Moscow", false},
      // A pair of capitalised names joined by a hyphen modifies the noun.
      {"Russian-German talks ended in Moscow on Tuesday.", "talks", "end", "", "", "", "in Moscow", false},
      {"After the talks, Wang Yi told reporters that both sides wanted peace.", "Yi", "tell", "reporters", "", "", "",
       false},
      {"North Korea fired a ballistic missile into the sea.", "Korea", "fire", "missile", "", "", "into sea", false},
      {"Saudi Arabia and Iran restored diplomatic relations in March.", "Arabia+Iran", "restore", "relations", "", "",
       "", false},
      {"Sanctions were imposed on Moscow by the European Union.", "Sanctions", "impose", "", "", "Union", "on Moscow",
       true},
      {"Kiir met Burhan in Juba to discuss the conflict.", "Kiir", "meet", "Burhan", "", "", "in Juba", false},
      {"Strikes hit the port of Odesa on Thursday.", "Strikes", "hit", "port", "", "", "", false},
      {"Obama visited Hiroshima in May 2016.", "Obama", "visit", "Hiroshima", "", "", "", false},
      {"Egypt hosted talks between Israel and Hamas in Cairo.", "Egypt", "host", "talks", "", "", "between Israel+Hamas",
       false},
      {"Putin, who visited Tehran in July, met Raisi and Erdogan.", "Putin", "meet", "Raisi+Erdogan", "", "", "",
       false},
      {"Germany will send tanks to Ukraine.", "Germany", "send", "tanks", "", "", "to Ukraine", false},
      {"Iran's foreign minister met his Saudi counterpart in Beijing.", "minister", "meet", "counterpart", "", "",
       "in Beijing", false},
      {"Erdogan phoned Putin, and the two leaders discussed the grain corridor.", "leaders", "discuss", "corridor", "",
       "", "", false},
      {"May met Merkel in Berlin.", "May", "meet", "Merkel", "", "", "in Berlin", false},
      {"Brown called Obama after the vote.", "Brown", "call", "Obama", "", "", "after vote", false},
      {"Li met Kishida in Tokyo on Sunday.", "Li", "meet", "Kishida", "", "", "in Tokyo", false},
      {"The Chinese leader is meeting his French counterpart today.", "leader", "meet", "counterpart", "", "", "",
       false},
      {"Canada has been hit by wildfires.", "Canada", "hit", "", "", "wildfires", "", true},
  }));
  ChunkedSentence s = ChunkSentence(c.sentence);
  CAPTURE(c.sentence, Dump(s));
  const ClauseRoles* r = ClauseOf(s, c.verb);
  REQUIRE(r != nullptr);
  CHECK(Heads(s, r->subject) == c.subject);
  CHECK(Heads(s, r->objects) == c.objects);
  CHECK(Heads(s, r->with_partner) == c.with);
  CHECK(Heads(s, r->by_agent) == c.by);
  CHECK(s.chunks[r->verb].passive == c.passive);
  if (!c.place.empty()) {
    std::vector<std::string> places = Places(s, *r);
    CHECK(std::find(places.begin(), places.end(), c.place) != places.end());
  }
}

TEST_CASE("Chunker: time phrases are not places or objects", "[ingest][chunker]") {
  ChunkedSentence s = ChunkSentence("Erdogan called Zelensky on Monday.");
  const ClauseRoles* r = ClauseOf(s, "call");
  REQUIRE(r != nullptr);
  REQUIRE(r->preps.size() == 1);
  CHECK(r->preps[0].temporal);
  s = ChunkSentence("Shoigu visited Minsk last week.");
  r = ClauseOf(s, "visit");
  REQUIRE(r != nullptr);
  CHECK(Heads(s, r->times) == "week");
}

TEST_CASE("Chunker: nested clauses take their subject from the clause around them", "[ingest][chunker]") {
  ChunkedSentence s = ChunkSentence("Erdogan urged Putin to extend the grain deal.");
  const ClauseRoles* r = ClauseOf(s, "extend");
  REQUIRE(r != nullptr);
  CAPTURE(Dump(s));
  CHECK(Heads(s, r->subject) == "Putin");
  CHECK(r->subject_inherited);
  CHECK(Heads(s, r->objects) == "deal");
  CHECK(r->parent >= 0);

  s = ChunkSentence("Putin, who visited Tehran in July, met Raisi and Erdogan.");
  r = ClauseOf(s, "visit");
  REQUIRE(r != nullptr);
  CHECK(Heads(s, r->subject) == "Putin");
  CHECK(Heads(s, r->objects) == "Tehran");

  s = ChunkSentence("Biden met Zelensky and promised more air defence systems.");
  r = ClauseOf(s, "meet");
  REQUIRE(r != nullptr);
  CHECK(Heads(s, r->objects) == "Zelensky");

  // After "but", a noun phrase with its attachments before a finite verb is that verb's subject.
  s = ChunkSentence("The border is calm, but the withdrawal of Russian troops has not been observed.");
  r = ClauseOf(s, "observe");
  REQUIRE(r != nullptr);
  CAPTURE(Dump(s));
  CHECK(Heads(s, r->subject) == "withdrawal");
  r = ClauseOf(s, "be");
  REQUIRE(r != nullptr);
  CHECK(Heads(s, r->objects).find("withdrawal") == std::string::npos);

  // An adjective after "be" passes the subject on; an act or message noun
  // ("invitation", "decision") leaves the infinitive to the clause's subject.
  s = ChunkSentence("Kyiv is ready to resume the talks in Istanbul.");
  r = ClauseOf(s, "resume");
  REQUIRE(r != nullptr);
  CAPTURE(Dump(s));
  CHECK(Heads(s, r->subject) == "Kyiv");
  s = ChunkSentence("Scholz accepted the invitation to visit Kyiv in February.");
  r = ClauseOf(s, "visit");
  REQUIRE(r != nullptr);
  CAPTURE(Dump(s));
  CHECK(Heads(s, r->subject) == "Scholz");
  s = ChunkSentence("Macron asked Putin to reduce the tension at the border.");
  r = ClauseOf(s, "reduce");
  REQUIRE(r != nullptr);
  CHECK(Heads(s, r->subject) == "Putin");

  // A phrase before the clause (also a participle's) ends at its first
  // member's comma when the list after it runs into the finite verb.
  s = ChunkSentence("During the telephone conversation, Erdogan and President of Russia Vladimir Putin discussed grain exports.");
  r = ClauseOf(s, "discuss");
  REQUIRE(r != nullptr);
  CAPTURE(Dump(s));
  CHECK(Heads(s, r->subject) == "Erdogan+President");
  s = ChunkSentence("During a call initiated by the Turkish side, Putin and Erdogan discussed grain exports.");
  r = ClauseOf(s, "discuss");
  REQUIRE(r != nullptr);
  CAPTURE(Dump(s));
  CHECK(Heads(s, r->subject) == "Putin+Erdogan");
  r = ClauseOf(s, "initiate");
  REQUIRE(r != nullptr);
  CHECK(Heads(s, r->objects).empty());
  s = ChunkSentence("In Moscow, Minsk and Kyiv, officials met the envoys.");
  r = ClauseOf(s, "meet");
  REQUIRE(r != nullptr);
  CHECK(Heads(s, r->subject) == "officials");

  s = ChunkSentence("Xi met Biden and Putin called Zelensky.");
  r = ClauseOf(s, "meet");
  REQUIRE(r != nullptr);
  CHECK(Heads(s, r->objects) == "Biden");
  r = ClauseOf(s, "call");
  REQUIRE(r != nullptr);
  CHECK(Heads(s, r->subject) == "Putin");
  CHECK(Heads(s, r->objects) == "Zelensky");
}

TEST_CASE("Chunker: verb groups carry negation, modals and the particle", "[ingest][chunker]") {
  ChunkedSentence s = ChunkSentence("Scholz did not meet Xi during the summit.");
  const ClauseRoles* r = ClauseOf(s, "meet");
  REQUIRE(r != nullptr);
  CHECK(s.chunks[r->verb].negated);
  s = ChunkSentence("Modi will visit Washington next month.");
  r = ClauseOf(s, "visit");
  REQUIRE(r != nullptr);
  CHECK(s.chunks[r->verb].modal == "will");
  CHECK_FALSE(s.chunks[r->verb].negated);
  s = ChunkSentence("Putin called for an immediate ceasefire.");
  r = ClauseOf(s, "call");
  REQUIRE(r != nullptr);
  CHECK(r->particle == "for");
  s = ChunkSentence("Erdogan called Zelensky on Monday.");
  r = ClauseOf(s, "call");
  REQUIRE(r != nullptr);
  CHECK(r->particle.empty());
}

TEST_CASE("Chunker: noun phrases keep titles, possessors and appositions", "[ingest][chunker]") {
  ChunkedSentence s = ChunkSentence("Turkish Foreign Minister Hakan Fidan met Lavrov.");
  REQUIRE(!s.chunks.empty());
  CHECK(s.ChunkText(0) == "Turkish Foreign Minister Hakan Fidan");
  CHECK(s.HeadText(0) == "Fidan");
  s = ChunkSentence("Russia's defence ministry denied the report.");
  REQUIRE(!s.chunks.empty());
  CHECK(s.HeadText(0) == "ministry");
  REQUIRE(s.chunks[0].possessor >= 0);
  CHECK(s.tokens[s.chunks[0].possessor].text == "Russia");
  s = ChunkSentence("Hakan Fidan, the Turkish foreign minister, met Sergei Lavrov in Antalya.");
  REQUIRE(s.chunks[0].apposition >= 0);
  CHECK(s.ChunkText(s.chunks[0].apposition) == "the Turkish foreign minister");
  CHECK(s.chunks[s.chunks[0].apposition].appositive);
}

TEST_CASE("Chunker: the tokenizer splits clitics and keeps abbreviations", "[ingest][chunker]") {
  auto toks = TokenizeEnglish("The U.S. didn\xE2\x80\x99t join Russia's talks.");
  std::vector<std::string> texts;
  for (const auto& t : toks) texts.push_back(t.text);
  CHECK(texts == std::vector<std::string>{"The", "U.S.", "did", "n\xE2\x80\x99t", "join", "Russia", "'s", "talks",
                                          "."});
  CHECK(toks[3].lower == "n't");
  CHECK(TokenizeEnglish("").empty());
  CHECK(TokenizeEnglish("   \t ").empty());
}

TEST_CASE("Chunker: bad input is bounded and does not crash", "[ingest][chunker]") {
  SECTION("a 100 KB sentence of 10,000+ tokens") {
    std::string text;
    const char* parts[] = {"Xi met Biden and Putin in Bali", ", ", "the talks were held by", " and ", "who",
                           " Russia's", " to", " strikes", " was", " not"};
    for (size_t i = 0; text.size() < 100 * 1024; ++i) {
      text += parts[(i * 7) % 10];
      text += ' ';
    }
    ChunkedSentence s = ChunkSentence(text);
    CHECK(s.tokens.size() > 10000);
    CHECK(!s.clauses.empty());
    size_t covered = 0;
    for (const auto& c : s.chunks) covered += c.end_token - c.begin_token;
    CHECK(covered == s.tokens.size());
  }
  SECTION("broken UTF-8, binary bytes and lone punctuation") {
    std::string text = "\xff\xfe Xi \xc3 met \x00\x01 Biden \xe2\x80 , , . ' 's n't";
    text.push_back('\0');
    ChunkedSentence s = ChunkSentence(text);
    CHECK(!s.tokens.empty());
    for (const auto& c : s.chunks) CHECK(c.begin_token < c.end_token);
  }
  SECTION("only function words") {
    ChunkedSentence s = ChunkSentence("and the of to by with was not");
    for (const auto& r : s.clauses) CHECK(r.verb >= 0);
  }
}
