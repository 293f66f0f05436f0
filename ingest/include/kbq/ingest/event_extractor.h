// EventExtractor: finds typed, dated, attributed events in a Document, with
// their participants, place, modality and evidence, plus the links (causes,
// storyline, refers_to, part_of, before) that cue phrases state between them.
//
// The vocabulary lives in reviewable TSV files under ingest/data/events/
// (types.tsv: our type → CAMEO code and PLOVER category; triggers.tsv:
// Chinese and English trigger words; cues.tsv: attribution, modality and
// link cues; object_blockers.tsv: triggers whose sense depends on their
// object), compiled into the library. docs/extraction.md states the rules.
//
// An EventExtractor is immutable after construction; Extract() may be called
// from many threads at once.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "kbq/ingest/document.h"
#include "kbq/ingest/gazetteer.h"
#include "kbq/ingest/temporal_tagger.h"
#include "kbq/model.h"
#include "kbq/status.h"

namespace kbq::ingest {

// What one document yields: events (mentions of the same happening already
// merged into one event) and the links between them.
struct Extraction {
  std::vector<Event> events;
  std::vector<Link> links;
};

// One row of types.tsv.
struct EventTypeInfo {
  std::string type;    // "negotiate"
  std::string cameo;   // "046"; "-" when CAMEO has no code (disasters, ...)
  std::string plover;  // "CONSULT"; "-" when PLOVER has no category
  std::string parent;  // "consult"; "-" at the top of the hierarchy
  std::string family;  // merge family: types of one family are compatible
  std::string label_en;
  std::string label_zh;
  // The storyline track ("peace_process", "armed_conflict", ...; "-" = none):
  // events of one track in one article that share a country and overlapping
  // dates of their own are linked as one storyline.
  std::string track = "-";
};

// PLOVER's cooperative categories (CONSULT, SUPPORT, COOPERATE, AID, CONCEDE,
// RETREAT, AGREE, INVESTIGATE) and hostile ones (SANCTION, COERCE, FIGHT,
// ASSAULT, PROTEST, MOBILIZE): a planned, refused or demanded act of one of
// them is coded as the verbal act (an intent, a threat, a rejection).
bool CooperativePlover(std::string_view plover);
bool HostilePlover(std::string_view plover);

class EventExtractor {
 public:
  // The built-in extractor (compiled-in data files). Fails only if the
  // embedded data is malformed.
  static Result<std::unique_ptr<EventExtractor>> LoadBuiltin();
  // An extractor from TSV texts in the formats of the data files
  // (object_blockers.tsv is optional: empty = no object lists).
  // InvalidArgument (with the file and line) on a malformed row.
  static Result<std::unique_ptr<EventExtractor>> FromTsv(std::string_view types,
                                                         std::string_view triggers,
                                                         std::string_view cues,
                                                         std::string_view object_blockers = {});
  ~EventExtractor();
  EventExtractor(const EventExtractor&) = delete;
  EventExtractor& operator=(const EventExtractor&) = delete;

  // Every event in `doc`, merged within the article, with links.
  // `lookup_actor` maps an actor id to its record (names, kind,
  // affiliations); it may return nullptr, and the extractor then guesses the
  // kind from the id ("person:…", "place:…", three capitals = country).
  // REQUIRES: times and actors sorted by begin, spans into doc.article.text.
  Extraction Extract(const Document& doc, const std::vector<TimeMention>& times,
                     const std::vector<ActorMention>& actors,
                     const std::function<const Actor*(const std::string&)>& lookup_actor) const;

  // The type's row, or nullptr.
  const EventTypeInfo* FindType(std::string_view type) const;
  const std::vector<EventTypeInfo>& types() const;
  // Lexicon sizes: trigger entries per language ("zh", "en") and cues.
  size_t trigger_count(std::string_view lang) const;
  size_t cue_count() const;

  struct Impl;

 private:
  explicit EventExtractor(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// "ev-" + 16 hex digits of a hash of (article id, sentence index, trigger
// byte offset): stable across runs.
std::string MakeEventId(std::string_view article_id, uint32_t sentence, uint32_t trigger_offset);

// The labels of `e` in English and Chinese from its structure
// ("Negotiation: Russia – Ukraine, Istanbul"; "谈判：俄罗斯 – 乌克兰，伊斯坦布尔"),
// with "(reported on …)" when the date is the publication day.
void LabelEvent(const EventTypeInfo* type, const std::function<const Actor*(const std::string&)>& lookup_actor,
                Event* e);

}  // namespace kbq::ingest
