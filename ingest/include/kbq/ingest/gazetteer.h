// Gazetteer: the known actors (countries, people, organisations, government
// bodies, places, media) with their names in every language, and the
// multi-pattern matcher that finds them in text.
//
// The data lives in reviewable TSV files under ingest/data/ (with a source
// column); countries are generated at build time from Debian's iso-codes and
// ICU's CLDR display names. The files are compiled into the library, so a
// Gazetteer needs no files at run time.
//
// Thread safety: const methods may be called concurrently; AddActor/AddAlias
// need exclusive access and rebuild the matcher.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "kbq/ingest/document.h"
#include "kbq/model.h"
#include "kbq/names.h"
#include "kbq/status.h"

namespace kbq::ingest {

struct ActorMention {
  uint32_t begin = 0;  // byte span in the matched text
  uint32_t end = 0;
  std::string text;
  std::string actor_id;
  bool metonym = false;      // 基辅 for Ukraine's government, the Kremlin, ...
  bool provisional = false;  // an unknown name found by pattern (新 actor)
  // The city a metonym also names, when the places know it (the city Kyiv
  // for Kyiv the government; empty for the Kremlin): where an event
  // happened when the metonym is used as a place ("arrived in Kyiv").
  std::string place_id;
};

class Gazetteer {
 public:
  // The built-in gazetteer (compiled-in data files).
  static Result<std::unique_ptr<Gazetteer>> LoadBuiltin();
  // An empty gazetteer, for tests.
  static std::unique_ptr<Gazetteer> Empty();
  ~Gazetteer();

  // Adds or replaces an actor, with all its names and aliases.
  Status AddActor(const Actor& actor);
  // Adds one more surface form for a known actor.
  Status AddAlias(const std::string& actor_id, const std::string& name, const std::string& lang);

  // Loads one gazetteer data file (any of the formats of
  // ingest/data/actors/README.md, told apart by their header line) and
  // rebuilds the matcher. `file_name` is used in error messages: a bad row
  // gives InvalidArgument "file_name:LINE: reason". References to actors not
  // yet known (part_of, affiliations) are errors too.
  Status LoadTsv(std::string_view file_name, std::string_view content);

  const Actor* Find(const std::string& id) const;
  const std::vector<Actor>& actors() const;
  // True for a place generated from system data (ISO 3166-2 regions, GeoNames
  // cities): ~28k of them, so a store receives one only when text names it.
  bool Generated(const std::string& id) const;

  // Every known actor in `text`, longest match first, never inside a longer
  // known name; English matches respect word boundaries. Unknown person names
  // (谢尔盖・拉夫罗夫, "Foreign Minister Sergei Lavrov") come back provisional,
  // linked to a known actor where that is unambiguous. Mentions come back
  // sorted by begin and never overlap. When `provisional_out` is given, the
  // provisional actors of this text are appended to it (one per id).
  // `as_of_day` (days since 1970-01-01, the text's publication day) reads
  // an office named by its country with no name ("the President of
  // Azerbaijan", "the Prime Minister of Armenia") as the person who held it
  // that day in affiliations.tsv, when exactly one did; TimeValue::kNoDay: unknown.
  // `site` (the text's source host, "en.kremlin.ru") names, when it or a
  // parent domain is an office holder's own site (official_sites.tsv), whom a
  // bare title of that office means ("The President met …"): the holder on
  // `as_of_day`, not the last president the text named.
  std::vector<ActorMention> Match(std::string_view text, std::vector<Actor>* provisional_out = nullptr,
                                  int32_t as_of_day = TimeValue::kNoDay, std::string_view site = {}) const;

  // The person who on `as_of_day` held the office whose own site `site` (or
  // a parent domain of it) is (official_sites.tsv): "person:vladimir-putin"
  // for "en.kremlin.ru" in 2022. Empty when the site is no such site or the
  // day has no single holder.
  std::string SiteHolder(std::string_view site, int32_t as_of_day) const;

  // What a user typed (any language, case or script; an id such as "UKR")
  // → the actors it may mean, best first. Empty when nothing matches.
  std::vector<const Actor*> Resolve(std::string_view query) const;
  // Near matches for an unknown query, for "did you mean".
  std::vector<const Actor*> Suggest(std::string_view query, size_t max) const;

  // The country (or organisation) a person or body belongs to at `day`
  // (days since epoch; affiliation validity), following part_of for places
  // and bodies. Empty when none. Transitive, nearest first, without
  // `actor_id` itself: Ancestors("gov:rus-mfa", d) = {"RUS"};
  // Ancestors("person:kaja-kallas", 2025-05-17) = {"org:eu"}.
  std::vector<std::string> Ancestors(const std::string& actor_id, int32_t day) const;

 private:
  Gazetteer();
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace kbq::ingest
