// Exporters: the events of a query in formats that visualisation tools read.
//
//  - TimelineJS3 JSON: partial dates leave fields out; ranges get a
//    display_date; headline and text carry the label and the evidence.
//  - Cytoscape.js elements: events and actors as nodes; links and
//    participation as edges ({data: {id, source, target}}).
//  - GraphML and DOT, written by Boost.Graph's writers.
//  - JSON Lines: one event per line, flat enough for pandas.
//
// Each function is pure: it formats the views it is given. Links whose ends
// are not both among `events` are left out of graph formats.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kbq/query/engine.h"

namespace kbq::query {

enum class ExportFormat { kTimelineJs, kCytoscape, kGraphMl, kDot, kJsonl };
std::optional<ExportFormat> ParseExportFormat(std::string_view name);

struct ExportOptions {
  std::string lang = "en";
  std::string title;              // TimelineJS title slide; empty = none
  std::string group_by = "type";  // TimelineJS group: "type" or "actor"
};

std::string Export(const std::vector<EventView>& events, ExportFormat format,
                   const ExportOptions& options);

}  // namespace kbq::query
