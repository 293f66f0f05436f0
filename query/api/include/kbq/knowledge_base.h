// KnowledgeBase: the one entry point for analysts' programs (and the kbq CLI).
//
//   auto kb = kbq::KnowledgeBase::Open("kbq.db", {.create_if_missing = true});
//   if (!kb.ok()) return fail(kb.status());
//   auto summary = (*kb)->Ingest({"examples/articles"});
//   kbq::query::TimelineQuery q;
//   q.actor = "Ukraine";
//   auto timeline = (*kb)->Timeline(q);
//
// It opens a store and answers every question the CLI answers: ingest files
// or one article, timelines, one event or actor, neighbours, chains, paths,
// actors, aliases, exports, consistency checks and counts; Tag() and
// Extract() run the pipeline on one document and store nothing.
//
// Results are plain value types (copyable, no handles into the store); each
// has a ToJson() giving the JSON documented in docs/query.md, or the
// renderers in kbq/query/render.h print them as text.
//
// Errors: every method returns Status or Result<T>. No exception leaves this
// API: std::bad_alloc, filesystem and JSON errors are caught at the boundary
// and returned as Status::IOError ("out of memory", the error's message).
// Bad input during ingest is data, not failure: it comes back as
// Diagnostics in the IngestSummary and the rest is ingested.
//
// Thread safety: many concurrent readers, one writer. The const methods may
// run on many threads at once on one KnowledgeBase. Ingest() and AddAlias()
// are serialised internally (one writer at a time per KnowledgeBase; a second
// process opening the same store read-write gets Status::Busy). Any number
// of processes may open the store read-only while a writer is open; each
// reads the snapshot taken at Open() until it calls Refresh().
//
// The facade lives in its own library, kbq::api, because it joins both
// sides of the layering (ingest → kb ← query); see docs/architecture.md.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "kbq/model.h"
#include "kbq/query/engine.h"
#include "kbq/query/export.h"
#include "kbq/status.h"
#include "kbq/store.h"
#include "kbq/time_value.h"

namespace kbq {

struct OpenOptions {
  bool read_only = false;          // a reader: never locks, sees the snapshot at Open()
  bool create_if_missing = false;  // create an empty store (read-write only)
};

// A problem with one input, reported while the rest goes on.
struct Diagnostic {
  bool error = true;         // false: a warning (e.g. boilerplate dropped)
  std::string path;          // the file, "-" for standard input
  uint64_t line = 0;         // 1-based; 0 when not known
  uint64_t byte_offset = 0;  // into the original file
  std::string message;
  // "path:line: error: message (byte N)"
  std::string ToString() const;
};

// How inputs are read. Every field has the CLI's default.
struct ReadSettings {
  // auto, page, jsonl, csv, tsv, text; and for Ingest() also the event
  // streams gdelt, icews and events (JSON Lines of events, the output of
  // `kbq extract`). "auto" sniffs each file (events only with bulk).
  std::string format = "auto";
  // Publication time for inputs that state none ("2025-05-17T23:20:15+08:00",
  // "2025-05-17"); empty = none (such documents are reported and skipped).
  std::string published;
  std::string lang;  // "zh", "en"; empty = detected from the script
  // The inputs' character encoding ("GB18030", "Big5", ...); empty =
  // detected per file (BOM, declaration, sniffing; docs/readers.md).
  std::string encoding;
  // Called for each diagnostic as soon as the method has it (besides being
  // returned in the result); may be empty.
  std::function<void(const Diagnostic&)> on_diagnostic;
};

struct IngestProgress {
  size_t files = 0;       // files done
  size_t documents = 0;   // documents read so far
  uint64_t bytes_done = 0;
  uint64_t bytes_total = 0;  // of all named files (0 for standard input)
};

struct IngestOptions {
  ReadSettings read;
  size_t threads = 0;  // extraction threads; 0 = one per core
  // Load event streams (gdelt, icews, and "events": JSON Lines of events as
  // `kbq extract` prints them) through one Store::BulkImport: sorted SST
  // files ingested at the end, all or nothing. Article files are refused
  // (a diagnostic each). Much faster than commits for large streams.
  bool bulk = false;
  // Called after each file, and every few MB while a web archive is read,
  // on the calling thread; may be empty.
  std::function<void(const IngestProgress&)> progress;
};

// One file's share of an ingest. Events are extracted and committed in
// chunks spanning files, so event counts are only in the totals.
struct FileResult {
  std::string path;
  size_t documents = 0;           // documents read
  size_t skipped_duplicates = 0;  // already stored
  size_t failed = 0;              // documents or rows with an error
};

// One article's result (IngestArticle()).
struct DocumentResult {
  std::string article_id;
  std::string title;
  bool skipped_duplicate = false;
  size_t events_new = 0;
  size_t events_merged = 0;  // events that joined a stored event
  size_t links = 0;
};

struct IngestSummary {
  size_t files = 0, documents = 0, ingested = 0, skipped_duplicates = 0, failed = 0;
  size_t events_new = 0, events_merged = 0, links = 0;
  std::vector<FileResult> per_file;          // Ingest(paths): in reading order
  std::vector<DocumentResult> per_document;  // IngestArticle(): the one article
  std::vector<Diagnostic> diagnostics;
  bool ok() const { return failed == 0; }
  std::string ToJson() const;
};

// One article given as values rather than a file.
struct ArticleInput {
  std::string title;
  std::string published;  // as ReadSettings::published; required
  std::string text;
  std::string url, source, lang;  // optional; lang empty = detected
};

// Show(): an event (by id) or an actor (by any name or id).
struct ShowResult {
  std::optional<query::EventView> event;
  std::optional<query::ActorView> actor;
  // The documented --json of the event (names in `lang`, and the articles of
  // its mentions: id, title, url, source, language, published_utc) or the actor.
  std::string ToJson(const std::string& lang = "en") const;
};

struct AliasResult {
  std::string actor_id;  // the actor the name now resolves to
  std::string name;
  std::string lang;
};

struct ExportResult {
  std::string text;     // the whole document in the requested format
  size_t events = 0;    // events it holds
};

struct CheckResult {
  StoreStats stats;
  uint64_t index_entries = 0;
  // Integrity problems: an index entry without its record, a record that
  // does not decode, a stale name entry. Any of these means a damaged store.
  std::vector<std::string> problems;
  // Content findings of the event graph (before-cycles, causes after
  // effects): what the articles say disagrees, the store itself is whole.
  std::vector<std::string> findings;
  bool ok() const { return problems.empty(); }
  std::string ToJson() const;  // {"ok", counts..., "problems", "findings"}
};

// Tag(): time expressions and actor names in one document.
// Spans: `begin`/`end` index the normalised text (Article::text);
// `input_begin`/`input_end` are byte offsets into the input as the user gave
// it (the file, or standard input), for a tool that underlines them.
struct TimeTag {
  uint32_t begin = 0, end = 0;  // byte span in the normalised text
  uint64_t input_begin = 0, input_end = 0;
  std::string text;
  TimeValue value;
  bool is_duration = false;
  std::string resolution;  // "absolute", "publication", ...
};
struct ActorTag {
  uint32_t begin = 0, end = 0;
  uint64_t input_begin = 0, input_end = 0;
  std::string text;
  std::string actor_id;
  std::string name_en, name_zh;
  std::string actor_kind;  // "country", ... "unknown" when not in the gazetteer
  bool metonym = false;    // a capital or seat standing for its government
  bool provisional = false;
};
struct TagResult {
  std::vector<TimeTag> times;    // in text order
  std::vector<ActorTag> actors;  // in text order
  std::vector<Diagnostic> diagnostics;
  // One JSON object per line, times and actors merged in text order
  // (docs/query.md, kbq tag).
  std::string ToJsonLines() const;
};

// Extract(): the events and links of one document, before any merge.
struct ExtractResult {
  std::vector<query::EventView> events;  // with their actors; no links or articles
  // For each event, each mention's byte span in the input as the user gave it.
  std::vector<std::vector<std::pair<uint64_t, uint64_t>>> input_spans;
  std::vector<Link> links;
  std::vector<Diagnostic> diagnostics;
  // Events, then links ("kind_of_record": "link"), one JSON object per line.
  std::string ToJsonLines(const std::string& lang = "en") const;
};

// Evaluate(): text and tables in print order, and one JSON line of numbers.
struct EvalSection {
  std::string text;                             // printed before the table
  std::vector<std::vector<std::string>> table;  // header row first; may be empty
};
struct EvalReport {
  std::vector<EvalSection> sections;
  // Corpora that could not be read; the others were still measured.
  std::vector<Status> errors;
  std::string json;  // one line: every measurement, for scripts
  // Each gold item missed or read wrong, one line each ("corpus: ..."), for
  // `kbq eval --errors`.
  std::vector<std::string> misses;
  bool ok() const { return errors.empty(); }
};

std::string ToJson(const StoreStats& stats);
std::string ToJson(const query::TimelineResult& timeline);  // array of events in its lang
std::string ToJson(const std::vector<query::ActorView>& actors);
// {"name", "candidates": [{"id", "name_en", "name_zh", "kind", "via", "events"}]}
std::string ToJson(const std::string& name, const std::vector<query::ActorCandidate>& candidates);
std::string ToJson(const std::vector<query::NeighbourView>& rows, const std::string& lang);
std::string ToJson(const query::PathView& path, const std::string& lang);

// How many events a TimelineJS export holds by default (the most salient).
inline constexpr size_t kTimelineJsTop = 100;

class KnowledgeBase {
 public:
  // Opens the store at `path`. Errors: NotFound when it is missing and
  // !create_if_missing (or read_only); Busy when another process writes it;
  // InvalidArgument when `path` is not a kbq store; NotSupported for a newer
  // format.
  static Result<std::unique_ptr<KnowledgeBase>> Open(const std::string& path,
                                                     const OpenOptions& options = {});
  ~KnowledgeBase();
  KnowledgeBase(const KnowledgeBase&) = delete;
  KnowledgeBase& operator=(const KnowledgeBase&) = delete;

  const std::string& path() const { return path_; }
  bool read_only() const { return read_only_; }

  // ---- writing (read-write stores only; else NotSupported)
  // Reads files, folders (recursively) or "-" and commits each article.
  // Non-ok only when the store fails or the options are invalid; bad input
  // is in summary.diagnostics and summary.failed.
  Result<IngestSummary> Ingest(const std::vector<std::string>& inputs,
                               const IngestOptions& options = {});
  // Ingests one article given as values; per_document holds its result.
  Result<IngestSummary> IngestArticle(const ArticleInput& article,
                                      const IngestOptions& options = {});
  // Adds `name` as an alias of the actor `actor` (any name or id) in `lang`
  // (empty = from the script of `name`); it resolves at once, no rebuild.
  Result<AliasResult> AddAlias(const std::string& actor, const std::string& name,
                               const std::string& lang = "");

  // ---- reading
  // Events of an actor (or all) in date order; the CLI's timeline filters.
  Result<query::TimelineResult> Timeline(const query::TimelineQuery& q) const;
  // An event id, else an actor name or id. NotFound "no event with id ID"
  // for an unknown "ev-" id; the resolver's NotFound/InvalidArgument else.
  Result<ShowResult> Show(const std::string& id_or_name) const;
  // Actors whose names or id contain `query` (all when empty); may be empty.
  Result<std::vector<query::ActorView>> Actors(const std::string& query = "") const;
  // The actor `name` resolves to: an id, or any name, short form (US),
  // metonym (Kyiv, the Kremlin) or surname (Lavrov) the tagger knows, in any
  // language, case or script, with or without diacritics. NotFound with
  // "did you mean" suggestions when none; NotFound listing the candidates
  // when several fit equally and not exactly one has events; InvalidArgument
  // for an empty, over-long (> 1 KiB) or invalid-UTF-8 name.
  Result<Actor> ResolveActor(const std::string& name) const;
  // The same, with how the name was read (ResolvedActor::note).
  Result<query::ResolvedActor> Resolve(const std::string& name, bool strict = false) const;
  // Every actor `name` may mean, best first, with how the name names each
  // and its event count; empty when none.
  Result<std::vector<query::ActorCandidate>> Candidates(const std::string& name,
                                                        bool strict = false) const;
  // Events within q.depth (>= 1) links of an event or an actor's events.
  Result<std::vector<query::NeighbourView>> Neighbors(const query::NeighborsQuery& q) const;
  // The causal and storyline chain of an event, back (default) or forward.
  Result<std::vector<query::NeighbourView>> Chain(const std::string& event_id,
                                                  bool forward = false) const;
  // The shortest explained path between two events or actors (max_hops >= 1).
  Result<query::PathView> Path(const std::string& a, const std::string& b,
                               int max_hops = 6) const;
  // The events of a timeline query (q.actor empty = all events) in `format`;
  // the TimelineJS title is "Timeline: <actor>". Events dated only by their
  // report are always exported (their date basis says so). TimelineJS gets
  // the kTimelineJsTop most salient events when q.top is 0, unless
  // `every_event`.
  Result<ExportResult> Export(query::ExportFormat format, const query::TimelineQuery& q,
                              bool every_event = false) const;
  // Index consistency and graph problems; ok() when none.
  Result<CheckResult> Check() const;
  Result<StoreStats> Stats() const;
  // Read-only stores: move to the latest committed state.
  Status Refresh();

  // InvalidArgument naming the field ("format: unknown format 'pdf' ...",
  // "published: 'x' is not a time") when `read` is not valid for Ingest()
  // (`for_ingest`: the event streams gdelt and icews are formats too) or for
  // Tag()/Extract(). The methods check this themselves; a tool calls it to
  // reject bad options before opening a store.
  static Status ValidateReadSettings(const ReadSettings& read, bool for_ingest);

  // ---- one document, nothing stored (no store needed)
  // `path` is a file or "-"; the first document in it is used (NotFound
  // "PATH: no readable document" when there is none).
  static Result<TagResult> Tag(const std::string& path, const ReadSettings& read = {});
  static Result<ExtractResult> Extract(const std::string& path, const ReadSettings& read = {});

  // Measures the tagger ("timex": Duckling en/zh, MEANTIME), the gazetteer
  // ("actors": PLOVER countries, MEANTIME entities) or the event extractor
  // ("events": PLOVER) on the gold data under `data_dir` (the layout of
  // /work/shared/data, see docs/query.md, kbq eval). InvalidArgument for
  // another `what`; a corpus that cannot be read is in report.errors.
  static Result<EvalReport> Evaluate(const std::string& what, const std::string& data_dir);

 private:
  struct Impl;
  KnowledgeBase(std::string path, bool read_only, std::unique_ptr<Impl> impl);
  std::string path_;
  bool read_only_;
  std::unique_ptr<Impl> impl_;
};

}  // namespace kbq
