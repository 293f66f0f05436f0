// lexicon_bench: the English lexicon's load time and table memory, and the
// chunker's speed on sentences of our own and on one 100 KB sentence.
// Prints; never asserts.
//
//   lexicon_bench [--repeat N]
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "events/chunker_en.h"

namespace {

double Ms(std::chrono::steady_clock::time_point a, std::chrono::steady_clock::time_point b) {
  return std::chrono::duration<double, std::milli>(b - a).count();
}

long MaxRssKb() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss;
}

constexpr std::string_view kSentences[] = {
    "Xi met Biden in Bali on Monday.",
    "Hakan Fidan, the Turkish foreign minister, met Sergei Lavrov in Antalya.",
    "The delegation was received by the Turkish foreign minister.",
    "Xi and Putin held an informal meeting on Monday.",
    "The European Union imposed new sanctions on Iran over its drone deliveries.",
    "Japanese Prime Minister Fumio Kishida will travel to Washington next week to meet President Biden.",
    "The summit, which was attended by leaders from 20 countries, ended on Sunday.",
    "Ukraine's military said it had shot down 30 drones launched by Russia overnight.",
};

}  // namespace

int main(int argc, char** argv) {
  using kbq::ingest::events::ChunkSentence;
  using kbq::ingest::events::EnglishLexicon;
  int repeat = 20000;
  if (argc == 3 && std::string_view(argv[1]) == "--repeat") repeat = std::atoi(argv[2]);
  const long rss0 = MaxRssKb();
  auto t0 = std::chrono::steady_clock::now();
  const EnglishLexicon& lex = EnglishLexicon::Get();
  auto t1 = std::chrono::steady_clock::now();
  std::printf("English lexicon: load %.2f ms, %zu lemmas, %zu irregular forms, tables %.2f MB, max RSS +%.2f MB\n",
              Ms(t0, t1), lex.lemma_count(), lex.irregular_count(), lex.memory_bytes() / 1e6,
              (MaxRssKb() - rss0) / 1024.0);

  size_t tokens = 0, clauses = 0;
  t0 = std::chrono::steady_clock::now();
  for (int i = 0; i < repeat; ++i) {
    for (std::string_view s : kSentences) {
      auto c = ChunkSentence(s);
      tokens += c.tokens.size();
      clauses += c.clauses.size();
    }
  }
  t1 = std::chrono::steady_clock::now();
  std::printf("chunker: %zu sentences, %zu tokens, %zu clauses in %.1f ms: %.0f tokens/s\n",
              static_cast<size_t>(repeat) * std::size(kSentences), tokens, clauses, Ms(t0, t1),
              tokens / (Ms(t0, t1) / 1000.0));

  std::string big;
  for (size_t i = 0; big.size() < 100 * 1024; ++i) big += std::string(kSentences[i % std::size(kSentences)]) + " ";
  for (char& c : big) c = c == '.' ? ',' : c;  // one sentence
  t0 = std::chrono::steady_clock::now();
  auto c = ChunkSentence(big);
  t1 = std::chrono::steady_clock::now();
  std::printf("chunker: one %zu-byte sentence, %zu tokens, %zu clauses in %.1f ms (%.0f tokens/s; ratio to short "
              "sentences shows linearity)\n",
              big.size(), c.tokens.size(), c.clauses.size(), Ms(t0, t1), c.tokens.size() / (Ms(t0, t1) / 1000.0));
  return 0;
}
