// The compiled-in tables behind the event-stream readers (ingest/data/cameo/
// and iso-codes' ISO 3166-1), parsed once on first use. Private to
// kbq::ingest.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "kbq/ingest/event_stream.h"
#include "kbq/model.h"

namespace kbq::ingest {

struct CameoActorCode {
  std::string code;
  std::string name;      // "Police", "Europe", "European Union"
  std::string actor_id;  // country/known_group: the actor; role: the sector slug
  ActorKind kind = ActorKind::kGroup;
  bool person = false;   // role codes GDELT may attach a person's name to
  std::string source;
};

struct StreamTables {
  std::unordered_map<std::string, CameoEventInfo> events;         // by code
  std::unordered_map<std::string, std::string> event_by_name;     // NameKey(name) → code
  std::unordered_map<std::string, CameoActorCode> country_codes;  // non-ISO CAMEO country codes
  std::unordered_map<std::string, CameoActorCode> known_groups;
  std::unordered_map<std::string, CameoActorCode> roles;
  std::unordered_map<std::string, std::string> role_by_name;      // NameKey(role name) → code
  std::unordered_map<std::string, std::string> fips_to_iso3;
  std::unordered_map<std::string, std::string> country_name;      // ISO3 → English name
  std::unordered_map<std::string, std::string> country_by_name;   // CountryKey(any name) → ISO3
  std::unordered_map<std::string, std::string> region_by_name;    // CountryKey(region name) → CAMEO code
  std::unordered_set<std::string> name_words;                     // lower case
};

const StreamTables& GetStreamTables();

// Lower case ASCII, accents dropped (ICU), every run of characters other
// than letters and digits folded to one space, trimmed: "Côte d’Ivoire" →
// "cote d ivoire".
std::string NameKey(std::string_view s);
// NameKey without the word "the": the key of country and region names.
std::string CountryKey(std::string_view s);
// Like NameKey but joined with '-': "Police (Ukraine)" → "police-ukraine".
std::string Slug(std::string_view s);
// "ANGELA MERKEL" → "Angela Merkel"; other casing is kept.
std::string TitleCaseIfUpper(std::string_view s);

}  // namespace kbq::ingest
