#include "kbq/ingest/normalizer.h"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using kbq::ingest::ArticleId;
using kbq::ingest::CheckUtf8;
using kbq::ingest::DetectLanguage;
using kbq::ingest::NormaliseText;
using kbq::ingest::Sentence;
using kbq::ingest::SplitSentences;

namespace {

std::vector<std::string> Texts(std::string_view text, const std::vector<Sentence>& spans) {
  std::vector<std::string> out;
  for (const Sentence& s : spans) out.emplace_back(text.substr(s.begin, s.end - s.begin));
  return out;
}

}  // namespace

TEST_CASE("NormaliseText: NFKC folds full-width digits, letters and punctuation", "[ingest][normalizer]") {
  CHECK(NormaliseText("２０２５年５月１７日") == "2025年5月17日");
  CHECK(NormaliseText("ＮＡＴＯ峰会，３２国！") == "NATO峰会,32国!");
  CHECK(NormaliseText("俄乌谈判：第２轮？") == "俄乌谈判:第2轮?");
  // Already normal text is returned unchanged, including CJK full stops.
  CHECK(NormaliseText("双方同意换俘。") == "双方同意换俘。");
  CHECK(NormaliseText("") == "");
}

TEST_CASE("AppendNormalised: anchors map folded text back to source bytes", "[ingest][normalizer]") {
  std::string out;
  std::vector<kbq::ingest::OffsetAnchor> anchors;
  // "Ａ" is 3 bytes in the source and 1 after NFKC.
  kbq::ingest::AppendNormalised("xＡy", 100, &out, &anchors);
  REQUIRE(out == "xAy");
  kbq::ingest::Document doc;
  doc.article.text = out;
  doc.offset_map = anchors;
  CHECK(kbq::ingest::SourceOffset(doc, 0) == 100);
  CHECK(kbq::ingest::SourceOffset(doc, 1) == 101);
  CHECK(kbq::ingest::SourceOffset(doc, 2) == 104);
}

TEST_CASE("CheckUtf8: strict decoding finds the first bad byte", "[ingest][normalizer]") {
  CHECK(CheckUtf8("plain ASCII").ok);
  CHECK(CheckUtf8("中文").ok);
  auto bad = CheckUtf8("ab\xFF" "cd");
  CHECK_FALSE(bad.ok);
  CHECK(bad.offset == 2);
  CHECK_FALSE(bad.truncated);
  auto truncated = CheckUtf8("ab\xE4\xB8");  // first two bytes of 中
  CHECK_FALSE(truncated.ok);
  CHECK(truncated.offset == 2);
  CHECK(truncated.truncated);
  CHECK_FALSE(CheckUtf8("\xC0\xAF").ok);          // overlong '/'
  CHECK_FALSE(CheckUtf8("\xED\xA0\x80").ok);      // surrogate U+D800
  CHECK_FALSE(CheckUtf8("\xF4\x90\x80\x80").ok);  // above U+10FFFF
  CHECK(CheckUtf8("\xF0\x9F\x98\x80").ok);        // U+1F600
}

TEST_CASE("DetectLanguage: the Han ratio decides between zh and en", "[ingest][normalizer]") {
  CHECK(DetectLanguage("俄罗斯和乌克兰代表团在伊斯坦布尔举行会谈。") == "zh");
  // Chinese with Latin words in it is still Chinese.
  CHECK(DetectLanguage("乌克兰外长在 telegram 频道发文称双方达成共识。") == "zh");
  CHECK(DetectLanguage("The delegations met in Istanbul on Friday.") == "en");
  // A Chinese name inside English text does not make it Chinese.
  CHECK(DetectLanguage("Foreign minister Wang Yi (王毅) met his counterpart in Beijing.") == "en");
  CHECK(DetectLanguage("Переговоры прошли в Стамбуле.") == "ru");
  CHECK(DetectLanguage("12345") == "en");
}

TEST_CASE("SplitSentences: Chinese ends sentences at 。!? and the full-width semicolon, and at line breaks", "[ingest][normalizer]") {
  std::string text = NormaliseText(
      "双方讨论了停火条件。会谈持续近两小时！结果如何？各方看法不一；分歧仍在\n要求如下:\n- 中立化\n- 放弃赔偿要求");
  auto s = Texts(text, SplitSentences(text, "zh"));
  CHECK(s == std::vector<std::string>{"双方讨论了停火条件。", "会谈持续近两小时!", "结果如何?",
                                      "各方看法不一;", "分歧仍在", "要求如下:", "- 中立化",
                                      "- 放弃赔偿要求"});
}

TEST_CASE("SplitSentences: English abbreviations do not end a sentence", "[ingest][normalizer]") {
  std::string text =
      "Mr. Rubio spoke with the Russian minister on Saturday. The U.S. State Department "
      "confirmed the call. Talks resumed in Jan. 2025, officials said.";
  auto s = Texts(text, SplitSentences(text, "en"));
  CHECK(s == std::vector<std::string>{
                 "Mr. Rubio spoke with the Russian minister on Saturday.",
                 "The U.S. State Department confirmed the call.",
                 "Talks resumed in Jan. 2025, officials said."});
  // A name's initial ends no sentence; a sentence that ends in a capital word still ends.
  std::string names =
      "Before the talks of President J. Biden and President V. Putin, Kyiv called Paris. The call was short.";
  CHECK(Texts(names, SplitSentences(names, "en")) ==
        std::vector<std::string>{
            "Before the talks of President J. Biden and President V. Putin, Kyiv called Paris.",
            "The call was short."});
}

TEST_CASE("SplitSentences: hard-wrapped English lines are joined, list items are not",
          "[ingest][normalizer]") {
  std::string text =
      "The delegations met in Istanbul for the first direct talks in three\n"
      "years and agreed on a large prisoner exchange.\n"
      "Demands included:\n"
      "- neutrality\n"
      "- no foreign troops";
  auto s = Texts(text, SplitSentences(text, "en"));
  CHECK(s == std::vector<std::string>{
                 "The delegations met in Istanbul for the first direct talks in three\n"
                 "years and agreed on a large prisoner exchange.",
                 "Demands included:", "- neutrality", "- no foreign troops"});
}

TEST_CASE("ArticleId: the same title and text always give the same id", "[ingest][normalizer]") {
  std::string a = ArticleId("Title", "Body text.");
  CHECK(a == ArticleId("Title", "Body text."));
  CHECK(a != ArticleId("Title", "Body text!"));
  CHECK(a != ArticleId("Title\nBody", "text."));  // the separator is part of the hash input
  REQUIRE(a.size() == 20);
  CHECK(a.substr(0, 4) == "art-");
  CHECK(a.find_first_not_of("0123456789abcdef", 4) == std::string::npos);
  // FNV-1a 64 of the empty title + "\n" + empty text.
  CHECK(ArticleId("", "") == "art-af63c74c8601c8dd");
}

TEST_CASE("SimplifiedSameLength: Traditional characters as Simplified, byte for byte", "[ingest][normalizer]") {
  using kbq::ingest::SimplifiedSameLength;
  std::string trad = "烏克蘭東部發生地震，颱風登陸，兩列火車相撞。Kyiv 基輔";
  std::string simp = SimplifiedSameLength(trad);
  CHECK(simp == "乌克兰东部发生地震，台风登陆，两列火车相撞。Kyiv 基辅");
  CHECK(simp.size() == trad.size());
  // Simplified, English and empty text come back unchanged.
  CHECK(SimplifiedSameLength("乌克兰东部发生地震。") == "乌克兰东部发生地震。");
  CHECK(SimplifiedSameLength("An earthquake struck.") == "An earthquake struck.");
  CHECK(SimplifiedSameLength("").empty());
}
