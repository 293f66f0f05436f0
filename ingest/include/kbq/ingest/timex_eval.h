// Measurement of the temporal tagger against third-party gold data:
// Duckling's time corpus (value accuracy on unambiguous cases) and the
// NewsReader MEANTIME English corpus (TIMEX3 DATE spans and values).
// `kbq eval timex` prints FormatTimexReport() of both.
#pragma once

#include <string>
#include <vector>

#include "kbq/status.h"
#include "kbq/time_value.h"

namespace kbq::ingest {

struct DucklingScore {
  std::string lang;
  int total = 0;       // rows in the file
  int scored = 0;      // unambiguous datetime rows at day/week/month/quarter/year grain
  int found = 0;       // scored rows where the tagger found an expression
  int correct = 0;     // ... whose value matches value_at_grain
  int negatives = 0;   // rows of Duckling's negative corpus
  int false_positives = 0;  // negatives where the tagger found something
  double accuracy() const { return scored ? static_cast<double>(correct) / scored : 0; }
};

// Scores one Duckling jsonl file (lang "en" or "zh"). Reference time
// 2013-02-12T04:30-02:00. A row is unambiguous — and scored — when its kind is
// "datetime" at grain Day, Week, Month, Quarter or Year and its text states a
// year (four digits) or is an explicit relative expression (yesterday, last
// year, 3 days ago, 去年, 昨天, 三天前 ...). Bare weekdays, months and
// month-days are left out: Duckling resolves them forward, news backward.
// `errors`, when given, receives one line per scored row that was missed or wrong.
Result<DucklingScore> EvalDuckling(const std::string& jsonl_path, const std::string& lang,
                                   std::vector<std::string>* errors = nullptr);

struct MeantimeScore {
  int documents = 0;
  int gold = 0;        // gold TIMEX3 of type DATE (including each document's DCT mention)
  int predicted = 0;   // our non-duration mentions in the annotated sentences (title + 5),
                       // leaving out those on a gold TIME/DURATION/SET only
  int matched = 0;     // gold spans overlapped by a predicted span (one-to-one)
  int value_correct = 0;  // matched pairs whose TIMEX value equals the gold value
  double precision() const { return predicted ? static_cast<double>(matched) / predicted : 0; }
  double recall() const { return gold ? static_cast<double>(matched) / gold : 0; }
  double f1() const {
    double p = precision(), r = recall();
    return p + r > 0 ? 2 * p * r / (p + r) : 0;
  }
  double value_accuracy() const { return matched ? static_cast<double>(value_correct) / matched : 0; }
  // TempEval-3 style value F1: a true positive needs the span and the value.
  double value_f1() const {
    double p = predicted ? static_cast<double>(value_correct) / predicted : 0;
    double r = gold ? static_cast<double>(value_correct) / gold : 0;
    return p + r > 0 ? 2 * p * r / (p + r) : 0;
  }
};

// Walks `dir` (meantime-en: CAT XML files, searched recursively, only the
// intra-doc annotation when both folders exist), rebuilds each document's
// text from its tokens, tags it with the DCT as publication date and compares
// with the gold TIMEX3 DATE mentions.
// `errors`, when given, receives one line per missed gold, spurious or wrong mention.
Result<MeantimeScore> EvalMeantime(const std::string& dir,
                                   std::vector<std::string>* errors = nullptr);

// TIMEX3-style rendering of a value: "2009-05-14", "2009-05", "2009-Q3",
// "2009-SU", "2009-H1", "2009-W19", "2009", "199" (the 1990s), "19".
std::string TimexValue(const TimeValue& v);

// A human-readable report of the scores (one line each).
std::string FormatTimexReport(const DucklingScore* en, const DucklingScore* zh,
                              const MeantimeScore* meantime);

}  // namespace kbq::ingest
