// KnowledgeBase::Evaluate: the tagger, the gazetteer and the event extractor
// measured on third-party gold data (what `kbq eval` prints).
#include <nlohmann/json.hpp>

#include <iomanip>
#include <sstream>

#include "kbq/ingest/actor_eval.h"
#include "kbq/ingest/event_eval.h"
#include "kbq/ingest/event_extractor.h"
#include "kbq/ingest/pipeline.h"
#include "kbq/ingest/timex_eval.h"
#include "kbq/knowledge_base.h"

namespace kbq {

namespace {

// Collects text and tables in print order.
struct EvalWriter {
  std::ostringstream text;  // printed before the next table
  EvalReport report;
  std::string json;

  void Table(std::vector<std::vector<std::string>> rows) {
    EvalSection s;
    s.text = text.str();
    text.str("");
    s.table = std::move(rows);
    report.sections.push_back(std::move(s));
  }
  void Error(const Status& s) { report.errors.push_back(s); }
  void Misses(const std::string& corpus, const std::vector<std::string>& lines) {
    for (const auto& l : lines) report.misses.push_back(corpus + ": " + l);
  }
  EvalReport Finish() {
    if (!text.str().empty()) {
      EvalSection s;
      s.text = text.str();
      report.sections.push_back(std::move(s));
    }
    report.json = json;
    return std::move(report);
  }
};

std::string Pct(double x) {
  std::ostringstream s;
  s << std::fixed << std::setprecision(1) << 100.0 * x << "%";
  return s.str();
}

Status EvalTimex(const std::string& dir, EvalWriter* w) {
  std::vector<std::string> en_miss, zh_miss, mt_miss;
  auto en = ingest::EvalDuckling(dir + "/duckling-time/en.jsonl", "en", &en_miss);
  auto zh = ingest::EvalDuckling(dir + "/duckling-time/zh.jsonl", "zh", &zh_miss);
  auto mt = ingest::EvalMeantime(dir + "/meantime-en", &mt_miss);
  w->Misses("duckling-en", en_miss);
  w->Misses("duckling-zh", zh_miss);
  w->Misses("meantime-en", mt_miss);
  nlohmann::json j = {{"eval", "timex"}, {"data", dir}};
  std::vector<std::vector<std::string>> rows = {{"corpus", "items", "scored", "found", "correct", "accuracy"}};
  for (const auto& [name, r] : {std::pair{"duckling-en", &en}, std::pair{"duckling-zh", &zh}}) {
    if (!r->ok()) {
      w->Error(r->status());
      continue;
    }
    const auto& d = r->value();
    rows.push_back({name, std::to_string(d.total), std::to_string(d.scored), std::to_string(d.found),
                    std::to_string(d.correct), Pct(d.accuracy())});
    j[name] = {{"total", d.total}, {"scored", d.scored}, {"found", d.found}, {"correct", d.correct},
               {"accuracy", d.accuracy()}, {"negatives", d.negatives},
               {"false_positives", d.false_positives}};
  }
  w->Table(rows);
  if (!mt.ok()) {
    w->Error(mt.status());
  } else {
    const auto& m = mt.value();
    w->text << "\n";
    w->Table({{"corpus", "docs", "gold", "predicted", "matched", "precision", "recall", "F1", "value acc", "value F1"},
                {"meantime-en", std::to_string(m.documents), std::to_string(m.gold),
                 std::to_string(m.predicted), std::to_string(m.matched), Pct(m.precision()),
                 Pct(m.recall()), Pct(m.f1()), Pct(m.value_accuracy()), Pct(m.value_f1())}});
    j["meantime-en"] = {{"documents", m.documents}, {"gold", m.gold}, {"predicted", m.predicted},
                        {"matched", m.matched}, {"precision", m.precision()}, {"recall", m.recall()},
                        {"f1", m.f1()}, {"value_accuracy", m.value_accuracy()},
                        {"value_f1", m.value_f1()}};
  }
  w->json = j.dump();
  return Status::OK();
}

Status EvalActors(const std::string& dir, EvalWriter* w) {
  auto pipeline = ingest::Pipeline::Create(nullptr);
  if (!pipeline.ok()) return pipeline.status();
  const auto& gaz = (*pipeline)->gazetteer();
  nlohmann::json j = {{"eval", "actors"}, {"data", dir}};
  auto p = ingest::EvalPloverCountries(gaz, dir + "/plover/gsr_dev.json");
  if (!p.ok()) {
    w->Error(p.status());
  } else {
    const auto& s = p.value();
    w->text << "PLOVER gsr_dev: countries of source and target actors\n";
    w->Table({{"corpus", "records", "gold", "predicted", "correct", "precision", "recall",
                 "codes skipped"},
                {"plover-gsr_dev", std::to_string(s.records), std::to_string(s.gold), std::to_string(s.predicted),
                 std::to_string(s.correct), Pct(s.precision()), Pct(s.recall()),
                 std::to_string(s.gold_codes_skipped)}});
    j["plover_countries"] = {{"records", s.records}, {"gold", s.gold}, {"predicted", s.predicted},
                             {"correct", s.correct}, {"precision", s.precision()},
                             {"recall", s.recall()}, {"gold_codes_skipped", s.gold_codes_skipped}};
  }
  auto m = ingest::EvalMeantimeEntities(gaz, dir + "/meantime-en");
  if (!m.ok()) {
    w->Error(m.status());
  } else {
    const auto& s = m.value();
    w->text << "\nMEANTIME English: recall of named PER/ORG/LOC mentions (" << s.documents
              << " documents)\n";
    std::vector<std::vector<std::string>> rows = {{"type", "gold", "matched", "recall"}};
    nlohmann::json by_type = nlohmann::json::object();
    for (const auto& [type, gold] : s.gold) {
      size_t hit = s.matched.count(type) ? s.matched.at(type) : 0;
      rows.push_back({type, std::to_string(gold), std::to_string(hit),
                      Pct(gold ? double(hit) / double(gold) : 0)});
      by_type[type] = {{"gold", gold}, {"matched", hit}};
    }
    rows.push_back({"all", std::to_string(s.total_gold()), std::to_string(s.total_matched()),
                    Pct(s.recall())});
    w->Table(rows);
    w->text << "predicted " << s.predicted << ", of which " << s.predicted_outside_gold
              << " overlap no gold mention\n";
    j["meantime_entities"] = {{"documents", s.documents}, {"by_type", by_type},
                              {"recall", s.recall()}, {"predicted", s.predicted},
                              {"predicted_outside_gold", s.predicted_outside_gold}};
  }
  w->json = j.dump();
  return Status::OK();
}

Status EvalEvents(const std::string& dir, EvalWriter* w) {
  auto pipeline = ingest::Pipeline::Create(nullptr);
  if (!pipeline.ok()) return pipeline.status();
  auto extractor = ingest::EventExtractor::LoadBuiltin();
  if (!extractor.ok()) return extractor.status();
  const auto& gaz = (*pipeline)->gazetteer();
  const auto& tagger = (*pipeline)->tagger();
  // GSR records carry no publication date; relative expressions resolve
  // against a fixed reference so runs are reproducible.
  ingest::TagContext context;
  context.lang = "en";
  // The provisional actors of the record being measured (a person the
  // gazetteer does not know, affiliated by their title), as the pipeline
  // keeps them for one article.
  std::vector<Actor> provisional;
  auto matcher = [&](std::string_view text) {
    provisional.clear();
    return gaz.Match(text, &provisional);
  };
  auto tag = [&](std::string_view text) { return tagger.Tag(text, context, nullptr); };
  auto lookup = [&](const std::string& id) -> const Actor* {
    for (const Actor& a : provisional) {
      if (a.id == id) return &a;
    }
    return gaz.Find(id);
  };
  auto r = ingest::EvaluateEvents(dir + "/plover/gsr_dev.json", **extractor, matcher, tag,
                                       lookup);
  if (!r.ok()) return r.status();
  const auto& s = r.value();
  w->Misses("plover", s.errors);
  auto ratio = [](size_t a, size_t b) { return b ? double(a) / double(b) : 0.0; };
  w->text << "PLOVER gsr_dev: main event category and actors of " << s.records << " records\n";
  w->Table({{"measure", "correct", "of", "rate"},
              {"event found", std::to_string(s.with_event), std::to_string(s.records),
               Pct(ratio(s.with_event, s.records))},
              {"category", std::to_string(s.type_correct), std::to_string(s.records),
               Pct(s.type_accuracy())},
              {"source", std::to_string(s.source_correct), std::to_string(s.source_gold),
               Pct(ratio(s.source_correct, s.source_gold))},
              {"target", std::to_string(s.target_correct), std::to_string(s.target_gold),
               Pct(ratio(s.target_correct, s.target_gold))}});
  w->text << "\n";
  std::vector<std::vector<std::string>> rows = {{"category", "records", "correct", "accuracy"}};
  nlohmann::json per = nlohmann::json::object();
  for (const auto& [cat, rc] : s.per_category) {
    rows.push_back({cat.empty() ? "(none)" : cat, std::to_string(rc.first),
                    std::to_string(rc.second), Pct(ratio(rc.second, rc.first))});
    per[cat] = {{"records", rc.first}, {"correct", rc.second}};
  }
  w->Table(rows);
  nlohmann::json j = {{"eval", "events"},
                      {"data", dir},
                      {"records", s.records},
                      {"with_event", s.with_event},
                      {"type_correct", s.type_correct},
                      {"type_accuracy", s.type_accuracy()},
                      {"source_gold", s.source_gold},
                      {"source_correct", s.source_correct},
                      {"target_gold", s.target_gold},
                      {"target_correct", s.target_correct},
                      {"per_category", per}};
  w->json = j.dump();
  return Status::OK();
}

}  // namespace

Result<EvalReport> KnowledgeBase::Evaluate(const std::string& what, const std::string& data_dir) {
  try {
    EvalWriter w;
    Status s;
    if (what == "timex") {
      s = EvalTimex(data_dir, &w);
    } else if (what == "actors") {
      s = EvalActors(data_dir, &w);
    } else if (what == "events") {
      s = EvalEvents(data_dir, &w);
    } else {
      return Status::InvalidArgument("evaluate: '" + what + "' is not timex, actors or events");
    }
    if (!s.ok()) return s;
    return w.Finish();
  } catch (const std::bad_alloc&) {
    return Status::IOError("out of memory");
  } catch (const std::exception& e) {
    return Status::IOError(std::string("internal error: ") + e.what());
  } catch (...) {
    return Status::IOError("internal error: unknown exception");
  }
}

}  // namespace kbq
