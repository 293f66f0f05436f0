// Store: the embedded event store (RocksDB underneath, never visible here).
//
// One process may hold a store open for writing; any number may open it
// read-only at the same time, each reading a consistent snapshot taken when
// it opened (or when it calls Refresh()). A second writer gets Status::Busy
// with the message "store is locked by another kbq process".
//
// All writes go through Commit() or BulkImport(): one article's whole result
// — the article, new and updated events, actors, links and every index entry
// — is one atomic write, and so is a whole bulk import. After a crash either
// all of it is present or none of it.
//
// Thread safety: a Store object may be used from many threads at once for
// reads; Commit() calls must be serialised by the caller (one writer).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kbq/model.h"
#include "kbq/status.h"

namespace kbq {

struct StoreOptions {
  bool read_only = false;          // open as a reader; never takes the lock
  bool create_if_missing = false;  // create an empty store when `path` is absent
  // Bulk mode (event-stream import): WAL off, flushed and synced in Close().
  // A crash loses at most the batches since the last flush, never half a batch.
  bool bulk_load = false;
};

// One atomic write. Events and actors here replace any stored record with
// the same id (an event that merged new mentions is written whole again).
struct CommitBatch {
  std::optional<Article> article;  // absent for event-stream rows
  std::vector<Actor> actors;
  std::vector<Event> events;
  std::vector<Link> links;
  std::vector<std::string> deleted_events;  // ids to remove (after a merge)
};

struct CommitResult {
  bool skipped_duplicate = false;  // the article's id was already stored
  size_t events_written = 0;
  size_t links_written = 0;
};

struct StoreStats {
  uint64_t articles = 0, events = 0, actors = 0, links = 0;
  uint64_t bytes_on_disk = 0;
  uint32_t format_version = 0;
};

// Result of Check(): counts and a list of problems (empty when consistent).
struct CheckReport {
  StoreStats stats;
  uint64_t index_entries = 0;
  std::vector<std::string> problems;
  bool ok() const { return problems.empty(); }
};

// The whole link graph as compressed sparse rows over dense vertex numbers:
// vertex v is the event id(v) (every stored event, linked or not, in id byte
// order), and its outgoing links are targets()[offsets()[v] .. offsets()[v+1])
// with kinds() alike (LinkKind values). Immutable; the arrays stay valid as
// long as the object lives. Safe to share between threads.
class CompactGraph {
 public:
  virtual ~CompactGraph() = default;
  virtual uint32_t num_vertices() const = 0;
  virtual uint64_t num_edges() const = 0;
  virtual const uint64_t* offsets() const = 0;  // num_vertices() + 1 entries
  virtual const uint32_t* targets() const = 0;  // num_edges() entries
  virtual const uint8_t* kinds() const = 0;     // num_edges() entries
  // REQUIRES: v < num_vertices().
  virtual std::string_view id(uint32_t v) const = 0;
  // The vertex of an event id (a binary search), or nullopt.
  virtual std::optional<uint32_t> Find(std::string_view event_id) const = 0;
  // True when the arrays were memory-mapped from the file a previous call
  // wrote, false when this call built them from the store.
  virtual bool from_file() const = 0;
};

// How Store::BulkImport() works (docs/storage_format.md, "Bulk import").
struct BulkImportOptions {
  // Bytes of entries held in memory before sorted runs are written to
  // temporary files (in the store's directory) to be merged later: past half
  // of a share, its buffers are handed to a writer thread while new ones fill.
  size_t memory_budget = 256 << 20;
  // How two versions of one event id combine: an event given more than once
  // in the import, or one whose id is already stored (the stored record comes
  // first, then the imported ones in the order they were added). It merges
  // `incoming` into `kept` and returns false when that changed nothing. Unset:
  // the later version replaces the earlier one, as Commit() does.
  std::function<bool(Event* kept, const Event& incoming)> merge_event;
};

struct BulkImportResult {
  uint64_t events_new = 0;      // ids the store did not hold
  uint64_t events_updated = 0;  // stored ids merged or replaced
  uint64_t events_unchanged = 0;  // stored ids that merge_event left as they were
  uint64_t duplicates = 0;      // events folded into an earlier one of the same id
  uint64_t actors_new = 0, actors_updated = 0;
  uint64_t articles = 0, articles_skipped = 0;  // skipped: already stored or given twice
  uint64_t links_new = 0, links_skipped = 0;    // skipped: an end is no event (see problems)
  uint64_t runs_spilled = 0;    // sorted runs written to temporary files
  uint64_t sst_bytes = 0;       // bytes of the files ingested
  std::vector<std::string> problems;  // the first 100 skipped links, with the reason
};

// One bulk import in progress (Store::BulkImport()). Add() batches, then
// Finish() writes them all at once. Not thread-safe: one thread feeds it.
class BulkImporter {
 public:
  // Without a successful Finish(), nothing of the import reaches the store
  // and the temporary files are removed.
  virtual ~BulkImporter() = default;
  // Takes one batch: its article (the whole batch is skipped when the
  // article is already stored or was added before, as Commit() skips it),
  // actors, events and links. Add() checks the batch and queues it: a
  // worker thread sorts it while the caller makes the next one. Errors:
  // InvalidArgument for an empty id, a link of an unknown kind, or
  // deleted_events (a bulk import never deletes; the batch is refused whole,
  // the importer stays usable); IOError when a sorted run cannot be written
  // (found by the worker, returned by the next Add() and by Finish(): the
  // import has failed).
  virtual Status Add(CommitBatch batch) = 0;
  // Sorts and merges everything added, writes one SST file per column
  // family and ingests them all in one atomic step: after a crash at any
  // point the store holds all of the import or none of it. A link whose end
  // is neither an imported nor a stored event is skipped and listed in
  // result->problems. The importer is spent afterwards.
  virtual Status Finish(BulkImportResult* result) = 0;
};

// A visitor returns false to stop a scan early.
using EventVisitor = std::function<bool(const Event&)>;

class Store {
 public:
  // The on-disk format version this build writes. It reads every version
  // from kOldestFormatVersion on; opening an older store for writing
  // upgrades it in place (version 2 only adds to version 1: articles' merge
  // logs; version 3 adds actors' name forms and rewrites the name index for
  // the new name normalisation; version 4 puts a copy of each event record
  // in its idx_date and idx_actor entries and keeps per-actor counters;
  // version 5 adds the salience index idx_sal and per-actor class counters;
  // version 6 keeps in idx_sal only the fields a timeline judges, not a
  // record copy, and rewrites it; version 7 adds the date-block counters and
  // rewrites idx_sal with them; version 8 drops the links family, whose
  // records idx_adj has held under both ends since version 4), after which
  // older kbq builds refuse it with a clear message.
  static constexpr uint32_t kFormatVersion = 8;
  static constexpr uint32_t kOldestFormatVersion = 1;

  // Opens (or creates) the store at `path`. Errors, with their messages:
  //  - missing and !create_if_missing: NotFound "no kbq store at PATH ..."
  //  - locked by a writer: Busy "store is locked by another kbq process"
  //  - a directory that is not a kbq store: InvalidArgument "PATH is not a kbq store"
  //  - a newer format: NotSupported "store format version N is newer than ..."
  static Result<std::unique_ptr<Store>> Open(const std::string& path,
                                             const StoreOptions& options);
  virtual ~Store() = default;

  // Writes `batch` atomically. If batch.article is set and an article with
  // the same id is already stored, nothing is written and
  // result.skipped_duplicate is true. REQUIRES: opened read-write.
  virtual Status Commit(const CommitBatch& batch, CommitResult* result) = 0;

  virtual Result<Article> GetArticle(const std::string& id) const = 0;
  virtual Result<Actor> GetActor(const std::string& id) const = 0;
  virtual Result<Event> GetEvent(const std::string& id) const = 0;
  // The events of `ids`, in that order; NotFound (naming the id) when one is
  // not stored. The default implementation calls GetEvent for each.
  virtual Result<std::vector<Event>> GetEvents(const std::vector<std::string>& ids) const {
    std::vector<Event> out;
    out.reserve(ids.size());
    for (const auto& id : ids) {
      auto e = GetEvent(id);
      if (!e.ok()) return e.status();
      out.push_back(std::move(e).value());
    }
    return out;
  }
  virtual bool HasArticle(const std::string& id) const = 0;
  // Ids of stored articles whose text is exactly `text` (looked up through
  // the content-hash index, so a republished copy under another id is found).
  // The default implementation returns NotSupported.
  virtual Result<std::vector<std::string>> FindArticlesByText(std::string_view text) const {
    (void)text;
    return Status::NotSupported("FindArticlesByText");
  }

  // All actors, in id order.
  virtual Status ScanActors(const std::function<bool(const Actor&)>& visit) const = 0;
  // Actor ids whose normalised name (any language; case-folded, NFKC) is
  // exactly `normalised_name`.
  virtual Result<std::vector<std::string>> FindActorsByName(
      std::string_view normalised_name) const = 0;
  // Every (normalised name, actor id) pair of the name index, in name order;
  // the views are valid only during the call. For "did you mean". The
  // default implementation returns NotSupported.
  using NameVisitor = std::function<bool(std::string_view normalised_name, std::string_view actor_id)>;
  virtual Status ScanNames(const NameVisitor& visit) const {
    (void)visit;
    return Status::NotSupported("ScanNames");
  }

  // Events in which `actor_id` takes part — directly, or through the rule in
  // docs/storage_format.md (a country's events include those of its bodies,
  // people by affiliation at the event's date, and places inside it) unless
  // `strict` — whose dates overlap [from_day, to_day], in date order
  // (earliest, then latest, then id).
  virtual Status ScanActorTimeline(const std::string& actor_id, int32_t from_day,
                                   int32_t to_day, bool strict,
                                   const EventVisitor& visit) const = 0;
  // Events whose dates overlap [from_day, to_day], in date order.
  virtual Status ScanDateRange(int32_t from_day, int32_t to_day,
                               const EventVisitor& visit) const = 0;
  // Events of a type, in date order.
  virtual Status ScanType(const std::string& type, const EventVisitor& visit) const = 0;
  // How many events ScanActorTimeline would visit, counted from the index
  // alone (no event is read). The default implementation scans.
  virtual Result<uint64_t> CountActorTimeline(const std::string& actor_id, int32_t from_day,
                                              int32_t to_day, bool strict) const {
    uint64_t n = 0;
    Status s = ScanActorTimeline(actor_id, from_day, to_day, strict, [&](const Event&) {
      ++n;
      return true;
    });
    if (!s.ok()) return s;
    return n;
  }

  // The events ScanActorTimeline(actor_id, from_day, to_day, strict) would
  // visit, most salient first (kbq/salience.h, computed when the event was
  // last written), ties in date order, as SalienceEntry values. Reads entries
  // until `visit` returns false, skipping those outside the range by their
  // key; no event record is read (GetEvents reads the ones a caller keeps).
  // The default implementation (and a store of format 4 or older) returns
  // NotSupported.
  struct SalienceEntry {
    // Only the fields a timeline's default filters read: id, type, cameo,
    // date, date_basis, place_id and modality; the rest empty or zero.
    const Event& head;
    bool minor;  // IsMinorEvent of the whole event (its mentions are not in `head`)
    double salience;
  };
  using SalienceVisitor = std::function<bool(const SalienceEntry&)>;
  virtual Status ScanActorBySalience(const std::string& actor_id, int32_t from_day, int32_t to_day,
                                     bool strict, const SalienceVisitor& visit) const {
    (void)actor_id, (void)from_day, (void)to_day, (void)strict, (void)visit;
    return Status::NotSupported("ScanActorBySalience");
  }
  // As ScanActorTimeline, but each Event holds only its leading fields: id,
  // type, cameo, date, date_basis, participants, place_id and modality (the
  // rest empty or zero); cheaper when that is all a caller needs (counting
  // what a timeline's filters hide). The default implementation calls
  // ScanActorTimeline (whole events).
  virtual Status ScanActorTimelineHeads(const std::string& actor_id, int32_t from_day,
                                        int32_t to_day, bool strict, const EventVisitor& visit) const {
    return ScanActorTimeline(actor_id, from_day, to_day, strict, visit);
  }
  // Of all the events ScanActorTimeline(actor_id, any date, strict) would
  // visit: how many, how many are negated or counterfactual
  // (HiddenByDefault), and how many of the others are minor (IsMinorEvent),
  // from counters (no event is read). NotSupported by default and on stores
  // of format 4 or older.
  struct ActorEventCounts {
    uint64_t total = 0, negated = 0, minor = 0;
  };
  virtual Result<ActorEventCounts> CountActorEvents(const std::string& actor_id, bool strict) const {
    (void)actor_id, (void)strict;
    return Status::NotSupported("CountActorEvents");
  }

  // Of the events ScanActorTimeline(actor_id, from_day, to_day, strict)
  // would visit, how many of each combination of class bits
  // (EventClassBits, kbq/salience.h: negated, dated only by the report,
  // minor, weak) lie wholly inside [from_day, to_day], how many only overlap
  // it, and how many are undated (visited only when from_day is
  // TimeValue::kNoDay); from counters by blocks of dates (a few reads per
  // year of range, no event is read). NotSupported by default and on stores
  // of format 6 or older.
  struct WindowCounts {
    std::array<uint64_t, 16> inside{}, overlapping{}, undated{};
  };
  virtual Result<WindowCounts> CountActorWindow(const std::string& actor_id, int32_t from_day, int32_t to_day,
                                                bool strict) const {
    (void)actor_id, (void)from_day, (void)to_day, (void)strict;
    return Status::NotSupported("CountActorWindow");
  }

  // Links leaving / entering an event.
  virtual Result<std::vector<Link>> LinksFrom(const std::string& event_id) const = 0;
  virtual Result<std::vector<Link>> LinksTo(const std::string& event_id) const = 0;
  // The links of many events in one consistent read: for each id of
  // `event_ids` in turn, the links leaving it (when `out`), then those
  // entering it (when `in`). A link between two of the ids appears once per
  // end asked for. Graph walks use it for a whole frontier at once; the
  // default implementation calls LinksFrom/LinksTo per id.
  virtual Result<std::vector<Link>> LinksOf(const std::vector<std::string>& event_ids, bool out,
                                            bool in) const {
    std::vector<Link> all;
    for (const auto& id : event_ids) {
      for (int pass = 0; pass < 2; ++pass) {
        if (pass == 0 ? !out : !in) continue;
        auto r = pass == 0 ? LinksFrom(id) : LinksTo(id);
        if (!r.ok()) return r.status();
        for (auto& l : *r) all.push_back(std::move(l));
      }
    }
    return all;
  }
  // Every link, for whole-graph algorithms.
  virtual Status ScanLinks(const std::function<bool(const Link&)>& visit) const = 0;
  // Every link's ends and kind, as views valid only during the call (no
  // strings are built, no value is decoded): the fast path for building a
  // whole graph. The default implementation calls ScanLinks.
  using LinkEndsVisitor =
      std::function<bool(std::string_view from, std::string_view to, LinkKind kind)>;
  virtual Status ScanLinkEnds(const LinkEndsVisitor& visit) const {
    return ScanLinks([&](const Link& l) { return visit(l.from, l.to, l.kind); });
  }

  // The whole link graph (CompactGraph). The arrays are kept in a file in the
  // store's directory (kbq-graph.csr) stamped with the store's state: a call
  // on an unchanged store memory-maps it; otherwise the graph is built from
  // the store and the file written again (atomically; when the directory is
  // not writable the graph is just returned). The default implementation
  // returns NotSupported.
  virtual Result<std::shared_ptr<const CompactGraph>> LoadCompactGraph() const {
    return Status::NotSupported("LoadCompactGraph");
  }

  // Starts a bulk import: many batches written as sorted SST files and
  // ingested atomically, far faster than one Commit() per batch for a large
  // load. The entries are those Commit() writes (the same code makes them);
  // events of one id are combined by options.merge_event (see there), actors
  // and links by "the last one wins". REQUIRES: opened read-write, and no
  // Commit() until Finish() returns. The default implementation returns
  // NotSupported.
  virtual Result<std::unique_ptr<BulkImporter>> BulkImport(const BulkImportOptions& options) {
    (void)options;
    return Status::NotSupported("BulkImport");
  }

  virtual Result<StoreStats> Stats() const = 0;
  // Verifies that every index entry points at a record and every record is
  // indexed. Problems are listed, not fixed.
  virtual Result<CheckReport> Check() const = 0;
  // For a read-only store: move to the latest committed state.
  virtual Status Refresh() = 0;
  // Flushes and syncs (bulk mode); the store stays usable.
  virtual Status Flush() = 0;
};

}  // namespace kbq
