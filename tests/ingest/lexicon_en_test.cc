// The English lexicon: WordNet lemmas and parts of speech, regular and
// irregular inflections, the closed-class table.
#include <catch2/catch.hpp>

#include <string>
#include <tuple>

#include "events/lexicon_en.h"

using kbq::ingest::events::ClosedSet;
using kbq::ingest::events::EnglishLexicon;
using kbq::ingest::events::Inflection;
using kbq::ingest::events::kPosAdj;
using kbq::ingest::events::kPosNoun;
using kbq::ingest::events::kPosVerb;
using kbq::ingest::events::PosBit;

namespace {

// The candidate of `word` with this lemma and part of speech, or nullptr.
bool HasReading(const std::string& word, const std::string& lemma, PosBit pos, Inflection* inflection) {
  for (const auto& c : EnglishLexicon::Get().Lemmatize(word)) {
    if (c.lemma == lemma && c.pos == pos) {
      *inflection = c.inflection;
      return true;
    }
  }
  return false;
}

}  // namespace

TEST_CASE("EnglishLexicon: WordNet is loaded whole", "[ingest][lexicon]") {
  const EnglishLexicon& lex = EnglishLexicon::Get();
  CHECK(lex.lemma_count() > 80000);
  CHECK(lex.irregular_count() > 5000);
  CHECK(lex.PosOf("meet") & kPosVerb);
  CHECK(lex.PosOf("Telephone") & kPosVerb);
  CHECK(lex.PosOf("telephone") & kPosNoun);
  CHECK(lex.PosOf("informal") == kPosAdj);
  CHECK(lex.PosOf("zzyzxq") == 0);
  CHECK(lex.PosOf("") == 0);
}

TEST_CASE("EnglishLexicon: inflected forms find their lemma", "[ingest][lexicon]") {
  using I = Inflection;
  auto [word, lemma, pos, inflection] = GENERATE(table<std::string, std::string, PosBit, Inflection>({
      // irregular forms from WordNet's exception lists
      {"met", "meet", kPosVerb, I::kPast},
      {"held", "hold", kPosVerb, I::kPast},
      {"spoke", "speak", kPosVerb, I::kPast},
      {"flew", "fly", kPosVerb, I::kPast},
      {"was", "be", kPosVerb, I::kPast},
      {"had", "have", kPosVerb, I::kPast},
      {"took", "take", kPosVerb, I::kPast},
      {"sought", "seek", kPosVerb, I::kPast},
      {"struck", "strike", kPosVerb, I::kPast},
      {"won", "win", kPosVerb, I::kPast},
      {"led", "lead", kPosVerb, I::kPast},
      {"fought", "fight", kPosVerb, I::kPast},
      {"children", "child", kPosNoun, I::kPlural},
      {"men", "man", kPosNoun, I::kPlural},
      {"better", "good", kPosAdj, I::kComparative},
      {"worst", "bad", kPosAdj, I::kSuperlative},
      // -ed / -d / -ied
      {"telephoned", "telephone", kPosVerb, I::kPast},
      {"called", "call", kPosVerb, I::kPast},
      {"visited", "visit", kPosVerb, I::kPast},
      {"received", "receive", kPosVerb, I::kPast},
      {"imposed", "impose", kPosVerb, I::kPast},
      {"carried", "carry", kPosVerb, I::kPast},
      {"denied", "deny", kPosVerb, I::kPast},
      {"condemned", "condemn", kPosVerb, I::kPast},
      // doubled consonant + -ed / -ing
      {"stopped", "stop", kPosVerb, I::kPast},
      {"planned", "plan", kPosVerb, I::kPast},
      {"banned", "ban", kPosVerb, I::kPast},
      {"planning", "plan", kPosVerb, I::kGerund},
      {"shipping", "ship", kPosVerb, I::kGerund},
      // -ing with and without a dropped -e
      {"phoning", "phone", kPosVerb, I::kGerund},
      {"meeting", "meet", kPosVerb, I::kGerund},
      {"visiting", "visit", kPosVerb, I::kGerund},
      {"striking", "strike", kPosVerb, I::kGerund},
      {"voting", "vote", kPosVerb, I::kGerund},
      // -s / -es / -ies
      {"calls", "call", kPosVerb, I::kThirdPerson},
      {"phones", "phone", kPosVerb, I::kThirdPerson},
      {"watches", "watch", kPosVerb, I::kThirdPerson},
      {"carries", "carry", kPosVerb, I::kThirdPerson},
      {"sanctions", "sanction", kPosNoun, I::kPlural},
      {"sanctions", "sanction", kPosVerb, I::kThirdPerson},
      {"talks", "talk", kPosNoun, I::kPlural},
      {"elections", "election", kPosNoun, I::kPlural},
      {"strikes", "strike", kPosNoun, I::kPlural},
      {"boxes", "box", kPosNoun, I::kPlural},
      {"churches", "church", kPosNoun, I::kPlural},
      {"bushes", "bush", kPosNoun, I::kPlural},
      {"countries", "country", kPosNoun, I::kPlural},
      {"parties", "party", kPosNoun, I::kPlural},
      {"ministers", "minister", kPosNoun, I::kPlural},
      {"congressmen", "congressman", kPosNoun, I::kPlural},
      // -er / -est, with a doubled consonant or -y → -i-
      {"bigger", "big", kPosAdj, I::kComparative},
      {"hottest", "hot", kPosAdj, I::kSuperlative},
      {"larger", "large", kPosAdj, I::kComparative},
      {"largest", "large", kPosAdj, I::kSuperlative},
      {"harder", "hard", kPosAdj, I::kComparative},
      {"earlier", "early", kPosAdj, I::kComparative},
      {"heaviest", "heavy", kPosAdj, I::kSuperlative},
      // case does not matter; lemmas are their own base
      {"Telephoned", "telephone", kPosVerb, I::kPast},
      {"MET", "meet", kPosVerb, I::kPast},
      {"visit", "visit", kPosVerb, I::kBase},
      {"news", "news", kPosNoun, I::kBase},
  }));
  CAPTURE(word, lemma);
  Inflection got = Inflection::kBase;
  REQUIRE(HasReading(word, lemma, pos, &got));
  CHECK(got == inflection);
}

TEST_CASE("EnglishLexicon: a rule needs a WordNet lemma at its end", "[ingest][lexicon]") {
  const EnglishLexicon& lex = EnglishLexicon::Get();
  Inflection got = Inflection::kBase;
  // "glass" is no plural, "news" is not the plural of the adjective "new",
  // "bed" is no past tense, "sing" is no -ing form of "s".
  CHECK_FALSE(HasReading("glass", "glas", kPosNoun, &got));
  CHECK_FALSE(HasReading("news", "new", kPosNoun, &got));
  CHECK_FALSE(HasReading("bed", "b", kPosVerb, &got));
  CHECK_FALSE(HasReading("called", "cal", kPosVerb, &got));
  CHECK(lex.Lemmatize("Erdogan").empty());
  CHECK(lex.Lemmatize("").empty());
  CHECK(lex.Lemmatize("\xff\xfe").empty());
  CHECK(lex.PossiblePos("meeting") == (kPosNoun | kPosVerb));
  CHECK((lex.PossiblePos("held") & kPosVerb) != 0);
  CHECK((lex.PossiblePos("informal") & (kPosNoun | kPosVerb)) == 0);
}

TEST_CASE("EnglishLexicon: closed-class words come from the reviewable table", "[ingest][lexicon]") {
  using namespace kbq::ingest::events;
  const EnglishLexicon& lex = EnglishLexicon::Get();
  auto [word, bit] = GENERATE(table<std::string, ClosedSet>({
      {"the", kDet},       {"An", kDet},          {"their", kPronPoss}, {"he", kPronSubj}, {"them", kPronObj},
      {"with", kPrep},     {"by", kPrep},         {"to", kTo},          {"to", kPrep},     {"and", kConj},
      {"because", kSubConj}, {"that", kRel},      {"that", kSubConj},   {"was", kBe},      {"been", kBe},
      {"has", kHave},      {"did", kDo},          {"will", kModal},     {"could", kModal}, {"not", kNeg},
      {"n't", kNeg},       {"week", kTimeNoun},   {"Monday", kTimeNoun}, {"march", kTimeNoun},
  }));
  CAPTURE(word);
  CHECK((lex.Closed(word) & bit) != 0);
  CHECK(lex.Closed("minister") == 0);
  CHECK(lex.Closed("") == 0);
}

TEST_CASE("EnglishLexicon: names of people WordNet knows only as names, or also as words", "[ingest][lexicon]") {
  const EnglishLexicon& lex = EnglishLexicon::Get();
  // Capitalised in every synset, one of them a person: a name only.
  CHECK(lex.ProperOnly("Cyril"));
  CHECK(lex.ProperOnly("taylor"));
  // A person's name that is also a common word: a name, not only one.
  CHECK(lex.PersonName("Mark"));
  CHECK_FALSE(lex.ProperOnly("Mark"));
  // Other names (a day) and common words are no names of people.
  CHECK_FALSE(lex.PersonName("Monday"));
  CHECK_FALSE(lex.PersonName("turkey"));
  CHECK_FALSE(lex.PersonName("lake"));
  CHECK_FALSE(lex.PersonName("zzyzxq"));
  // The flag does not change a lemma's parts of speech.
  CHECK(lex.PosOf("cyril") == kPosNoun);
  CHECK((lex.PosOf("mark") & kPosVerb) != 0);
}
