// Event streams: machine-coded event files (GDELT 1.0/2.0 event exports,
// ICEWS quadruples) read into kbq events and actors.
//
// A stream row is one coding of a happening; GDELT codes the same happening
// many times (one row per article sentence). The reader merges rows of the
// same happening — same day, same source and target actor, same CAMEO root
// class for GDELT ("ev-" + 16 hex of a hash of "gdelt|day|src|tgt|root"),
// same CAMEO code for ICEWS ("icews|day|src|tgt|code") — into one Event whose
// id is a hash of exactly those fields, so that the same happening read from
// another file gets the same id and can be merged into the stored event with
// MergeStreamEvent(). Each row is one Mention: article_id
// "gdelt:<GLOBALEVENTID>" (text = SOURCEURL) or "icews:<file>:<line>" (text =
// the row).
//
// GDELT dates: SQLDATE at day precision. A SQLDATE a year or more from
// DATEADDED is flagged with a warning Diagnostic and marked approximate; when
// it also has DATEADDED's month and day (GDELT's year artefact) the event is
// dated DATEADDED's day (date_basis "publication") and the original is kept in
// attributes["gdelt_sqldate"].
//
// Mapping (see ingest/data/cameo/*.tsv, compiled into the library):
//  - CAMEO event code → Event.cameo (as is), Event.type (a slug of the CAMEO
//    name: "make_statement", "engage_in_negotiation"); the CAMEO name and
//    PLOVER class are looked up with LookupCameoCode().
//  - actors: ISO 3166-1 alpha-3 countries ("UKR"); CAMEO regional codes
//    ("EUR" → "place:europe"); role-coded actors → "group:<iso3>-<sector>"
//    ("RUSREB" → "group:rus-rebels", ICEWS "Police (Ukraine)" →
//    "group:ukr-police") with part_of the country; named organisations →
//    "org:<slug>"; person names → "person:<slug>".
//  - GDELT ActionGeo (FIPS 10-4 country codes, mapped to ISO alpha-3) →
//    Event.place_id: the country itself for country-level locations, else a
//    "place:<slug of the full name>" actor with part_of its country.
//  - GDELT counts in Event.attributes: "rows", "num_mentions", "num_sources",
//    "num_articles" (sums) and "goldstein", "avg_tone" (means over rows).
//  - Actors in a batch carry source "gdelt", "icews", "cameo" or, for
//    countries, "iso-codes" with only an English name: a store that already
//    has the actor (from the gazetteer) should keep its own record.
//
// Thread safety: the functions are reentrant; the compiled-in tables are
// built once, thread-safely, on first use.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kbq/ingest/document.h"
#include "kbq/model.h"
#include "kbq/status.h"

namespace kbq::ingest {

// kEvents: JSON Lines of pre-extracted events and links, as `kbq extract`
// prints them (one event or link object per line).
enum class StreamFormat { kGdelt, kIcews, kEvents };

// "gdelt" / "icews" / "events".
std::string_view StreamFormatName(StreamFormat f);
std::optional<StreamFormat> ParseStreamFormat(std::string_view name);

// One batch of merged events plus every actor they (or their places) name.
// Actors are complete records (names, kind, part_of, source "gdelt"/"icews");
// the same actor may appear again in later batches.
struct StreamBatch {
  std::vector<Event> events;
  std::vector<Actor> actors;
  std::vector<Link> links;  // kEvents only: links between events
};

struct StreamOptions {
  // A batch is handed to the sink once it holds this many events. Rows of
  // one happening that fall into different batches come out as two events
  // with the same id (merge them with MergeStreamEvent). REQUIRES: > 0.
  size_t batch_events = 50000;
};

// Totals of one ReadEventStream() call.
struct StreamStats {
  size_t rows = 0;           // data lines read (blank lines not counted)
  size_t rows_rejected = 0;  // malformed rows, each reported as an error Diagnostic
  size_t events = 0;         // events handed to the sink (after merging within batches)
  size_t warnings = 0;       // warning Diagnostics (e.g. GDELT year artefacts)
};

// Reads `path` (plain text, a .gz file, or a .zip archive's first member, as
// GDELT publishes its exports) and calls `sink` with batches of merged events.
// Malformed rows become error Diagnostics (path, 1-based line, byte offset in
// the decompressed stream, message) and are skipped; suspicious ones become
// warnings. Memory is bounded by options.batch_events whatever the input size.
// Returns non-ok only when the file cannot be opened or decompressed, or when
// `sink` fails (its Status is returned and reading stops). `stats` may be null.
Status ReadEventStream(const std::string& path, StreamFormat format, const StreamOptions& options,
                       const std::function<Status(StreamBatch&&)>& sink,
                       const std::function<void(const Diagnostic&)>& diag,
                       StreamStats* stats = nullptr);

// Merges `incoming` into `stored`, an event with the same id: appends the
// mentions `stored` lacks (by article_id) and adds the counts of the rows
// they stand for (sums; means re-weighted by rows). Returns false and leaves
// `stored` unchanged when `incoming` brings no new mention, so ingesting the
// same file twice changes nothing.
bool MergeStreamEvent(Event* stored, const Event& incoming);

// Guesses the format from the first data line (tab count; ICEWS: 4 fields
// ending in YYYY-MM-DD) and, failing that, from the file name
// ("*.export.CSV[.zip]" → GDELT). nullopt when neither tells.
std::optional<StreamFormat> DetectStreamFormat(const std::string& path, std::string_view first_line);

// The CAMEO code table (ingest/data/cameo/cameo_events.tsv).
struct CameoEventInfo {
  std::string code;    // "046"
  std::string name;    // "Engage in negotiation"
  std::string plover;  // "CONSULT"; empty for the 01/02 classes PLOVER dropped
  std::string type;    // "engage_in_negotiation"
};
// By code; an unknown 4-digit code falls back to its 3-digit base, then its
// 2-digit root. nullopt when none is known.
std::optional<CameoEventInfo> LookupCameoCode(std::string_view code);
// By CAMEO name as ICEWS writes it (case and punctuation ignored; other
// spellings from cameo_event_aliases.tsv).
std::optional<CameoEventInfo> LookupCameoName(std::string_view name);

}  // namespace kbq::ingest
