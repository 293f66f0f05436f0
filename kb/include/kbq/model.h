// The kbq data model: articles, actors, events and links as plain value types.
//
// These are what the store persists and what every query returns. They hold
// no RocksDB or Boost types and own all their data; copy and move them
// freely, and share const instances between threads.
//
// Enum values marked "on-disk" are persisted: never renumber, only append.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kbq/time_value.h"

namespace kbq {

// A language tag as used in names and labels: "en", "zh", "ru".
using Lang = std::string;

// ---------------------------------------------------------------- Article

// One merge decision taken while an article was ingested: its event
// `absorbed` reports the same happening as `kept` (another event of the
// article, or one already stored) and became mentions of it. The absorbed id
// is never stored. Undoing the merge means removing this article's mentions
// from `kept`; every mention names its article, sentence and span.
struct MergeNote {
  std::string absorbed;
  std::string kept;
  std::string reason;  // the rule's account, e.g. "merge: negotiate 2025-05-16 into ..."
  bool across_articles = false;  // `kept` was already stored from another article
  bool operator==(const MergeNote&) const = default;
};

struct Article {
  std::string id;        // "art-" + 16 hex digits of a hash of the normalised text
  std::string source;    // site or agency ("天天要闻", "kremlin.ru"); may be empty
  std::string url;
  std::string title;
  Lang language;         // "zh", "en", ... detected from the script
  // Publication instant: seconds since the epoch, UTC, and the offset from
  // UTC in minutes the article stated (nullopt when it stated none).
  int64_t published_utc = 0;
  std::optional<int32_t> published_offset_minutes;
  std::string text;      // normalised (NFKC) body text; mention spans index into it
  int64_t ingested_utc = 0;
  std::string path;      // the file it was read from, for diagnostics
  std::vector<MergeNote> merges;  // the merge log of its events (see MergeNote)
};

// ---------------------------------------------------------------- Actor

enum class ActorKind : uint8_t {  // on-disk
  kUnknown = 0,
  kCountry = 1,
  kPerson = 2,
  kOrganisation = 3,
  kGovernmentBody = 4,
  kPlace = 5,
  kGroup = 6,
  kMedia = 7,
};
std::string_view ActorKindName(ActorKind k);  // "country", "person", ...
// Which actor a shared name means first, lowest first: a country (so a
// capital used as a metonym resolves to its country), then organisations,
// government bodies, people, groups, places, media.
int ResolutionRank(ActorKind k);
std::optional<ActorKind> ParseActorKind(std::string_view name);

// How a surface form names an actor. When a typed name fits several actors,
// the kind decides which meaning comes first (kbq/name_resolution.h).
enum class NameKind : uint8_t {  // on-disk
  kName = 0,       // the canonical name in a language, or the id
  kAlias = 1,      // another full name: a transliteration, a former name
  kShortForm = 2,  // US, U.S., 乌方, demonyms (Ukrainians)
  kMetonym = 3,    // a capital or seat standing for the government: Kyiv, the Kremlin
  kSurname = 4,    // a person's family name alone: Lavrov
};
std::string_view NameKindName(NameKind k);  // "name", "alias", "short_form", ...

// A surface form that names an actor besides its names and aliases: what the
// tagger recognises in text, so that a user can type it too.
struct NameForm {
  std::string text;
  Lang lang;
  NameKind kind = NameKind::kShortForm;
  friend bool operator==(const NameForm&, const NameForm&) = default;
};

// A person's (or body's) tie to a country or organisation for a period.
struct Affiliation {
  std::string actor_id;  // the country or organisation
  std::string role;      // "foreign_minister", "head_of_state", ...
  TimeValue valid;       // !ok() means "always" (no known bounds)
};

struct Actor {
  // ISO 3166-1 alpha-3 for countries ("UKR"); otherwise a kind-prefixed slug:
  // "person:sergey-lavrov", "org:eu", "gov:rus-mfa", "place:istanbul".
  std::string id;
  ActorKind kind = ActorKind::kUnknown;
  std::map<Lang, std::string> names;                // canonical name per language
  std::map<Lang, std::vector<std::string>> aliases;  // other surface forms
  // Short forms, metonyms and surnames the gazetteer derives or lists for this
  // actor (never its names or aliases again); indexed for queries like names.
  std::vector<NameForm> forms;
  std::vector<Affiliation> affiliations;
  std::vector<std::string> part_of;  // place → country, body → government/country
  bool provisional = false;          // found in text, not in the gazetteer
  std::string source;                // where the record came from (gazetteer file, "text")
  // A place's position (WGS 84 degrees), where the gazetteer knows it.
  struct Coordinates {
    double lat = 0;
    double lon = 0;
    bool operator==(const Coordinates&) const = default;
  };
  std::optional<Coordinates> coordinates;

  // The name in `lang`, else English, else any name, else the id.
  std::string Name(std::string_view lang) const;
};

// ---------------------------------------------------------------- Event

enum class Modality : uint8_t {  // on-disk
  kAsserted = 0,
  kReported = 1,
  kClaimed = 2,
  kNegated = 3,
  kCounterfactual = 4,
  kPlanned = 5,
  kDemanded = 6,
};
std::string_view ModalityName(Modality m);  // "asserted", "reported", ...
std::optional<Modality> ParseModality(std::string_view name);
// Negated and counterfactual events are stored but hidden from default timelines.
inline bool HiddenByDefault(Modality m) {
  return m == Modality::kNegated || m == Modality::kCounterfactual;
}

enum class Role : uint8_t {  // on-disk
  kSource = 0,
  kTarget = 1,
  kOther = 2,
};
std::string_view RoleName(Role r);
std::optional<Role> ParseRole(std::string_view name);

struct Participant {
  std::string actor_id;
  Role role = Role::kOther;
  friend bool operator==(const Participant&, const Participant&) = default;
};

// Evidence: where an event was read.
struct Mention {
  std::string article_id;
  uint32_t sentence = 0;     // sentence index within the article
  uint32_t begin = 0;        // byte span of the sentence in Article::text
  uint32_t end = 0;
  std::string text;          // the sentence itself
  std::string trigger;       // the word that triggered the event ("通电话", "talks")
  std::string date_text;     // the time expression the date came from; empty if inherited
  friend bool operator==(const Mention&, const Mention&) = default;
};

struct Attribution {
  std::string actor_id;  // who says so; empty when unattributed
  std::string cue;       // "称", "according to", "author"
  friend bool operator==(const Attribution&, const Attribution&) = default;
};

struct Event {
  std::string id;         // "ev-" + 16 hex digits, stable for the first mention
  std::string type;       // our readable type: "negotiate", "phone_call", ...
  std::string cameo;      // CAMEO code, e.g. "046"
  TimeValue date;
  // How the date was found: "explicit", "sentence", "inherited", "lead" (the news
  // an English report leads with, dated by the report), "publication".
  std::string date_basis;
  std::vector<Participant> participants;
  std::string place_id;   // actor id of the place, or empty
  Modality modality = Modality::kAsserted;
  Attribution attribution;
  double confidence = 0.5;
  std::vector<Mention> mentions;
  std::map<Lang, std::string> labels;  // generated per language
  // Extra numeric attributes from event streams (GDELT NumMentions, AvgTone...).
  std::map<std::string, double> attributes;

  // Actor ids of all participants (any role), in order, without duplicates.
  std::vector<std::string> ActorIds() const;
};

// ---------------------------------------------------------------- Link

enum class LinkKind : uint8_t {  // on-disk
  kBefore = 0,
  kOverlaps = 1,
  kCauses = 2,
  kEnables = 3,
  kPartOf = 4,
  kStoryline = 5,
  kRefersTo = 6,
  kSameAs = 7,
};
std::string_view LinkKindName(LinkKind k);  // "before", "causes", ...
std::optional<LinkKind> ParseLinkKind(std::string_view name);

struct Link {
  std::string from;  // event id
  std::string to;    // event id
  LinkKind kind = LinkKind::kBefore;
  std::string evidence;  // the cue or sentence that supports it
  double confidence = 0.5;
  friend bool operator==(const Link&, const Link&) = default;
};

}  // namespace kbq
