// JSON for the data model: nlohmann::json ADL hooks, so that
// `nlohmann::json j = event;` and `j.get<kbq::Event>()` work.
//
// Field names are stable and documented in docs/data_model.md; enums are
// written by name ("asserted", "source", "before", "country", "month"), days
// as ISO "YYYY-MM-DD" strings.
//
// Failure: as everywhere in nlohmann::json, from_json throws — a
// nlohmann::json::exception for a missing or mistyped field, and
// std::invalid_argument for an unknown enum name or a malformed day. Code
// behind a kbq public API catches these and returns a Status.
//
// Only <nlohmann/json_fwd.hpp> is included here; include
// <nlohmann/json.hpp> where you build or read JSON.
#pragma once

#include <nlohmann/json_fwd.hpp>

#include "kbq/model.h"
#include "kbq/time_value.h"

namespace kbq {

// {"start": "2025-05-16"|null, "end": ..., "precision": "day", "text": "2025-05-16",
//  "approx": false}. An unknown value has null start and end.
void to_json(nlohmann::json& j, const TimeValue& t);
void from_json(const nlohmann::json& j, TimeValue& t);

void to_json(nlohmann::json& j, const MergeNote& m);
void from_json(const nlohmann::json& j, MergeNote& m);
void to_json(nlohmann::json& j, const Article& a);
void from_json(const nlohmann::json& j, Article& a);

void to_json(nlohmann::json& j, const Affiliation& a);
void from_json(const nlohmann::json& j, Affiliation& a);

void to_json(nlohmann::json& j, const Actor& a);
void from_json(const nlohmann::json& j, Actor& a);

void to_json(nlohmann::json& j, const Participant& p);
void from_json(const nlohmann::json& j, Participant& p);

void to_json(nlohmann::json& j, const Mention& m);
void from_json(const nlohmann::json& j, Mention& m);

void to_json(nlohmann::json& j, const Attribution& a);
void from_json(const nlohmann::json& j, Attribution& a);

// Event JSON adds "label" (labels["en"], or "" without one) beside "labels",
// and folds date_basis into the date object as "basis".
void to_json(nlohmann::json& j, const Event& e);
void from_json(const nlohmann::json& j, Event& e);

void to_json(nlohmann::json& j, const Link& l);
void from_json(const nlohmann::json& j, Link& l);

}  // namespace kbq
