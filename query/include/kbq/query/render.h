// Renderers: one printer per output format for the engine's results.
//
// Text output is for people (aligned, dates at their precision, modality
// marked, colour only when asked); JSON output is the model JSON of
// docs/data_model.md plus display names, documented in docs/query.md.
// All functions are pure: they format what they are given.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "kbq/query/engine.h"

namespace kbq::query {

struct RenderOptions {
  std::string lang = "en";  // names and labels print in this language
  bool color = false;       // ANSI colour (only on a terminal, never with NO_COLOR)
  // Timeline columns, in order, from kTimelineColumns; empty = the default
  // date, event, mentions, id.
  std::vector<std::string> columns;
};

// The columns a timeline can show: date, event, mentions, articles,
// sources, salience, confidence, id.
inline constexpr const char* kTimelineColumns[] = {"date",    "event",    "mentions",
                                                   "articles", "sources", "salience",
                                                   "confidence", "id"};
// Parses "date,event,salience,id"; InvalidArgument naming an unknown column.
Result<std::vector<std::string>> ParseTimelineColumns(std::string_view list);

// The event's label in `lang` (generated labels first; else built from the
// type and the participants' names).
std::string EventLabel(const EventView& v, const std::string& lang);

// One line per event: date, label, modality mark, mention count, id (or
// o.columns). The dated events come first; those dated only by their report
// follow under a heading per day ("reported on 2022-02-14, no date of its
// own"). A last line counts the rows the filters hid and names the flag that
// shows them.
std::string RenderTimelineText(const TimelineResult& r, const RenderOptions& o);
// The whole event: participants, attribution, modality, mentions, links.
std::string RenderEventText(const EventView& v, const RenderOptions& o);
std::string RenderActorText(const ActorView& v, const RenderOptions& o);
std::string RenderActorsText(const std::vector<ActorView>& actors, const RenderOptions& o);
// Events reached through links (neighbors, chain): a header line `title`,
// then one line per event: hops, the link kind that reached it (with an
// arrow: → when the link runs towards the event, ← when away), date, label,
// modality mark, id. Rows print in the order given.
std::string RenderNeighboursText(const std::string& title, const std::vector<NeighbourView>& rows,
                                 const RenderOptions& o);
// A path: one line per step, each with the link that joins it to the
// previous step.
std::string RenderPathText(const PathView& p, const RenderOptions& o);

// The event in the documented --json schema: the model JSON with `label`
// in `lang`, `date.text`, and each actor's display name.
nlohmann::json EventToJson(const EventView& v, const std::string& lang);
nlohmann::json ActorToJson(const ActorView& v);
// EventToJson plus "hops" and "via" (the link that reached it, or null).
nlohmann::json NeighbourToJson(const NeighbourView& v, const std::string& lang);

}  // namespace kbq::query
