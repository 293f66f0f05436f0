// Measurements of the gazetteer against third-party gold data
// (/work/shared/data; see its README). Used by `kbq eval actors` and by the
// gazetteer tests. Reading the data is the only I/O; nothing is written.
#pragma once

#include <cstddef>
#include <map>
#include <string>

#include "kbq/ingest/gazetteer.h"
#include "kbq/status.h"

namespace kbq::ingest {

// Country coding on PLOVER gold records (gsr_dev.json: English sentences with
// source/target actors coded as ISO-3 + sector).
//
// Per record: gold = the set of source and target codes that are ISO 3166-1
// alpha-3 countries known to the gazetteer (IGO, NGO and CAMEO-only codes
// such as ITL are left out and counted in `gold_codes_skipped`); predicted =
// the set of countries among the actors Match() finds in the sentence, each
// mapped through Ancestors() at the record's date (a country maps to itself).
// Precision and recall are micro-averaged over the (record, code) pairs.
struct PloverCountryScore {
  size_t records = 0;
  size_t gold = 0;        // (record, country) pairs in the gold
  size_t predicted = 0;   // (record, country) pairs we predict
  size_t correct = 0;     // in both
  size_t gold_codes_skipped = 0;
  double precision() const { return predicted ? double(correct) / double(predicted) : 0.0; }
  double recall() const { return gold ? double(correct) / double(gold) : 0.0; }
};
Result<PloverCountryScore> EvalPloverCountries(const Gazetteer& gazetteer, const std::string& gsr_json_path);

// Recall of gold named entity mentions on MEANTIME English (CAT XML files
// under `meantime_dir`, searched recursively).
//
// Counted: every ENTITY_MENTION with syntactic_type="NAM" (a proper name)
// that REFERS_TO an ENTITY of ent_type PER, ORG or LOC. The document text is
// the tokens joined by single spaces; a gold mention is matched when one of
// Match()'s mentions overlaps its token span. `predicted_outside_gold` counts
// our mentions that overlap no gold ENTITY_MENTION of any type (a rough view
// of precision: the gold does not annotate every entity).
struct MeantimeEntityScore {
  size_t documents = 0;
  std::map<std::string, size_t> gold;     // by ent_type: PER, ORG, LOC
  std::map<std::string, size_t> matched;  // by ent_type
  size_t predicted = 0;
  size_t predicted_outside_gold = 0;
  size_t total_gold() const;
  size_t total_matched() const;
  double recall() const { return total_gold() ? double(total_matched()) / double(total_gold()) : 0.0; }
};
Result<MeantimeEntityScore> EvalMeantimeEntities(const Gazetteer& gazetteer, const std::string& meantime_dir);

}  // namespace kbq::ingest
