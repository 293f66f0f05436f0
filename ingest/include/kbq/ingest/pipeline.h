// Pipeline: files → documents → time expressions → actors → events → merge →
// one atomic store commit per article.
//
// Analyse() runs the extraction on one document and touches no store (it is
// what `kbq extract` and `kbq tag` print). Ingest() reads files and commits
// each article's result as one batch, merging events with those already
// stored. A Pipeline is immutable once built; Analyse() may run on many
// threads; Ingest() is the single writer.
#pragma once

#include <functional>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "kbq/ingest/document.h"
#include "kbq/ingest/event_stream.h"
#include "kbq/ingest/gazetteer.h"
#include "kbq/ingest/reader.h"
#include "kbq/ingest/temporal_tagger.h"
#include "kbq/model.h"
#include "kbq/status.h"
#include "kbq/store.h"

namespace kbq::ingest {

class EventExtractor;

// Everything extracted from one document, before merging with the store.
struct Analysis {
  Document document;
  std::vector<TimeMention> times;
  std::vector<ActorMention> actors;
  std::vector<Actor> provisional_actors;  // names not in the gazetteer
  std::vector<Event> events;
  std::vector<Link> links;
  std::vector<Diagnostic> diagnostics;
};

struct IngestOptions {
  ReadOptions read;
  // Read every input as this event stream (--format gdelt|icews). Unset:
  // each file is sniffed, and GDELT/ICEWS files go to the stream reader.
  std::optional<StreamFormat> stream;
  StreamOptions stream_options;
  // Threads that extract events (0 = one per core). Commits stay on the
  // calling thread, one atomic batch per article, in input order.
  size_t threads = 0;
  // Event streams (gdelt, icews, events) go into one Store::BulkImport,
  // finished after the last input: the whole call is one atomic write.
  // Articles are refused (a Diagnostic each); JSON Lines of events are
  // sniffed too when the format is auto.
  bool bulk = false;
  size_t bulk_memory = 0;  // BulkImportOptions::memory_budget; 0 = its default
  // Called after each file with the running totals (for progress bars).
  std::function<void(const struct IngestReport&, uint64_t bytes_done)> progress;
  // Called while a long file (a web archive) is read, every few MB, with
  // the same arguments; never in place of the call after the file.
  std::function<void(const struct IngestReport&, uint64_t bytes_done)> reading;
};

// A --bulk import in progress: the importer, and the actors already given
// to it (a stream names the same actor in many batches; as with commits, the
// first record read is kept).
struct BulkLoad {
  BulkImporter* importer = nullptr;
  std::set<std::string> actors;
};

struct IngestReport {
  size_t files = 0;
  size_t documents = 0;
  size_t ingested = 0;
  size_t skipped_duplicates = 0;
  size_t failed = 0;          // documents or files that produced an error
  size_t events_new = 0;
  size_t events_merged = 0;   // events that joined an already stored event
  size_t links = 0;
  std::vector<Diagnostic> diagnostics;
};

class Pipeline {
 public:
  // The built-in gazetteer, tagger and lexicons, with the aliases users
  // added to `store` (kbq alias add) when a store is given.
  static Result<std::unique_ptr<Pipeline>> Create(const Store* store);
  ~Pipeline();

  Analysis Analyse(Document doc) const;

  // Reads every input (files, folders, "-") and commits what it finds.
  // Bad input is reported in report->diagnostics and the rest goes on; the
  // Status is non-ok only when the store itself fails.
  Status Ingest(const std::vector<std::string>& inputs, const IngestOptions& options, Store* store,
                IngestReport* report);

  // Reads one GDELT, ICEWS or events JSON Lines file: each batch of rows is
  // one atomic commit, or goes to `bulk` when given (finished by the
  // caller); a happening already stored gains the new rows' counts and
  // evidence (MergeStreamEvent). Events of the `events` format keep their
  // types and labels; the others get ours from their CAMEO code.
  Status IngestStream(const std::string& path, StreamFormat format, const IngestOptions& options,
                      Store* store, IngestReport* report, BulkLoad* bulk = nullptr);

  // Commits one analysed document, merging its events into stored ones.
  Status Commit(const Analysis& analysis, Store* store, IngestReport* report);

  // Writes every gazetteer actor the store lacks (so names resolve before
  // any article mentions them), except the generated places, which arrive
  // with the first event that names them; the gazetteer's name forms (short
  // forms, metonyms, surnames) of stored actors whose forms differ; adds a
  // user alias.
  Status SyncActors(Store* store) const;
  Status AddAlias(Store* store, const std::string& actor_id, const std::string& name,
                  const std::string& lang);

  const Gazetteer& gazetteer() const { return *gazetteer_; }
  // Our event type for a CAMEO code: the extractor's type with the longest
  // matching code prefix, so stream rows and extracted events share a
  // vocabulary. Empty when none.
  std::string TypeForCameo(const std::string& cameo) const;
  const TemporalTagger& tagger() const { return *tagger_; }

 private:
  Pipeline() = default;
  // The actors whose timelines hold every stored event `e` may merge with:
  // each participant's country (or the participant itself). Empty when `e`
  // has no participants.
  std::vector<std::string> MergeAnchors(const Event& e) const;
  // A stream actor named "Sector (Place)" that has no part_of gets the place
  // the gazetteer knows by that name, so "Activist (Crimea)" counts for
  // Crimea and, through it, for Ukraine.
  void LocateByName(Actor* a) const;
  // Analyses `docs` on `threads` threads; results in input order.
  std::vector<Analysis> AnalyseChunk(std::vector<Document> docs, size_t threads) const;
  // Finishes a --bulk import and adds its counts to `report`.
  Status FinishBulk(BulkImporter* bulk, IngestReport* report);
  // Commits analysed documents in order (the single writer).
  Status CommitChunk(std::vector<Analysis>* analyses, Store* store, IngestReport* report);
  std::unique_ptr<Gazetteer> gazetteer_;
  std::unique_ptr<TemporalTagger> tagger_;
  std::unique_ptr<EventExtractor> extractor_;
};

}  // namespace kbq::ingest
