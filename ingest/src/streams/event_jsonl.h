// JSON Lines of pre-extracted events (StreamFormat::kEvents): what
// `kbq extract` prints — one event object per line, then its links, one per
// line with "kind_of_record": "link" — and `kbq export --format jsonl`
// alike. Many extract outputs concatenated make one such stream.
// Stage: streams (reads a file, hands batches to the pipeline).
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "kbq/ingest/event_stream.h"

namespace kbq::ingest {

// Reads `path` (plain or gzip) into batches of options.batch_events events
// with the links that follow them. Each event's actors come as records with
// the names the line gives them ("name" beside an actor id, "location_name",
// the attribution's "name"), kind from the id's prefix, provisional; the
// pipeline keeps the gazetteer's or the store's record instead when there is
// one. A line that is not JSON, not an object, or lacks an id (an event) or
// from/to (a link) is an error Diagnostic naming the file and line, and
// reading goes on. Returns non-ok only when the file cannot be read or the
// sink fails.
Status ReadEventJsonLines(const std::string& path, const StreamOptions& options,
                          const std::function<Status(StreamBatch&&)>& sink,
                          const std::function<void(const Diagnostic&)>& diag,
                          StreamStats* stats);

// True when `first_line` looks like such a stream: a JSON object with an
// "id" and a "type" or "date" (an event), or "kind_of_record": "link".
bool LooksLikeEventJsonLine(std::string_view first_line);

}  // namespace kbq::ingest
