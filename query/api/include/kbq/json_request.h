// JSON requests: the documented `--json` answer of a read command of the kbq
// tool, from parameters named as the command's flags. The kbq tool and
// `kbq serve` both answer through AnswerJson, so a page and the command line
// can never disagree: the body is byte for byte what `kbq CMD --json` prints.
//
//   kbq::JsonRequest r{"timeline", {{"query", "Ukraine"}, {"from", "2022"}}};
//   auto answer = kbq::AnswerJson(*kb, r);   // answer->body == `kbq timeline Ukraine --from 2022 --json`
//
// Parameters are the long flag names without dashes ("min-mentions",
// "include-reported"), and the positional arguments under the names
// `kbq CMD --help` gives them (timeline/actors: "query", show: "what",
// neighbors: "start", chain: "id", path: "a" and "b"). A switch ("all",
// "strict", "forward") is on when present with an empty value, "1" or
// "true", off with "0" or "false". Pure functions of the store's state; safe
// on many threads at once (KnowledgeBase's const methods are).
#pragma once

#include <map>
#include <string>

#include "kbq/knowledge_base.h"
#include "kbq/query/engine.h"
#include "kbq/status.h"

namespace kbq {

struct JsonRequest {
  // timeline, show, actors, neighbors, chain, path, stats
  std::string command;
  std::map<std::string, std::string> params;
};

struct JsonAnswer {
  std::string body;  // the JSON the CLI prints on standard output, with its final newline
  // How a name was read ("Kyiv stands for Ukraine (UKR)"); the CLI prints it
  // on standard error beside the JSON. Empty when not worth saying.
  std::string note;
};

// The `--json` answer of `request`. InvalidArgument naming the parameter as
// its flag ("--from: 'x' is not a date ...", "unknown parameter 'foo'") for a
// bad request, "unknown command" for another command; the library's
// NotFound for a name or id that does not resolve.
Result<JsonAnswer> AnswerJson(const KnowledgeBase& kb, const JsonRequest& request);

// The timeline filters of `params` (the timeline command's parameters above;
// "query" empty = all events, as `kbq export` takes it). InvalidArgument
// naming the flag for a bad value or an unknown parameter.
Result<query::TimelineQuery> TimelineQueryFromParams(const std::map<std::string, std::string>& params);

// The neighbors command's parameters as a query: start, depth, kind, from, to
// (lang is read by AnswerJson). InvalidArgument naming the flag.
Result<query::NeighborsQuery> NeighborsQueryFromParams(
    const std::map<std::string, std::string>& params);

}  // namespace kbq
