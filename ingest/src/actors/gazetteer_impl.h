// Internal to the gazetteer: the data it loads, the derived automaton and
// indexes (Gazetteer::Impl), and the types its matching stages share. The
// public interface is kbq/ingest/gazetteer.h. The implementation is split by
// concept:
//   gazetteer_load.cc    parses the data files (ingest/data/actors/README.md)
//   gazetteer_index.cc   derives patterns, respellings and resolve keys (Rebuild)
//   gazetteer_match.cc   finds known names in text (Match and its selection rules)
//   gazetteer_people.cc  names of people not in the data (provisional persons)
//   gazetteer_places.cc  same-named places and provisional places in a match
//   gazetteer.cc         the public Gazetteer: loading, editing, Resolve, Suggest
// Not thread-safe to modify; const methods are safe to call concurrently.
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "actors/aho_corasick.h"
#include "actors/place_gazetteer.h"
#include "actors/provisional_places.h"
#include "kbq/ingest/gazetteer.h"
#include "kbq/name_resolution.h"

namespace kbq::ingest {
namespace gaz {

enum class EntryType : uint8_t {
  kName,        // a name or alias of the actor
  kShortFree,   // short form matched anywhere (俄方, Russians, U.S.)
  kShortSingle, // single Chinese character, context rules
  kShortPair,   // single character that may also pair (俄乌)
  kShortDocument,  // matched only in a document that also says one of its
                   // in_document texts (short_form_contexts.tsv): Security Council
  kMetonym,     // 基辅 for Ukraine's government
  kTitle,       // 外长, Foreign Minister: introduces a name
  kSurname,     // a surname that is also a common word or first name: only
                // after the person is named in full in the same text
};

struct Entry {
  EntryType type = EntryType::kName;
  uint32_t target = 0;   // actor index, or title index for kTitle
  std::string original;  // the surface form as written in the data
  bool case_sensitive = false;
  bool inflect = false;  // a Russian stem: up to 3 more Cyrillic letters (Москв|е, Лавров|ым)
};

struct ShortForm {
  std::string form, lang, actor_id, context;
};
struct Metonym {
  std::string form, lang, actor_id;
  std::string place;  // the city it names when the name lookup would miss it; "" = look it up
};
struct Title {
  std::string text, lang;
  std::string role;  // "foreign_minister": the affiliation a title gives a provisional person
};

// A name chosen for a span of the text.
struct Selected {
  uint32_t begin, end;
  std::string actor_id;
  bool metonym = false;
  bool provisional = false;
  bool person = false;
  uint32_t pid = UINT32_MAX;  // the name pattern (places: to re-read among same-named places)
  bool weak = false;          // a generated place: a person's name may take its span
};

// A pattern of the automaton found in the text, before selection.
struct Cand {
  uint32_t begin, end;
  const Entry* entry;
  uint32_t pid = UINT32_MAX;
};

// One Match call: the text, the spans chosen so far (`covered`: per byte the
// index in `sel`, or -1; a cleared actor_id is a removed choice) and the
// provisional actors made. The stages of Match read and extend it.
struct MatchState {
  std::string_view text;
  std::vector<int> covered;
  std::vector<Selected> sel;
  std::map<std::string, Actor> provisional;
  // Titled provisional people no country was named before (AffiliateByTitle):
  // id, where the title begins, its role; AffiliateBySentence reads it.
  std::vector<std::tuple<std::string, uint32_t, std::string>> untitled_country;
  // Country mentions that gave a person their affiliation (their begin).
  std::set<uint32_t> used_as_affiliation;
  // The text's publication day (days since 1970), TimeValue::kNoDay when unknown.
  int32_t as_of_day = TimeValue::kNoDay;
  // On an office holder's own site (official_sites.tsv): the office's role and
  // its holder that day (a known actor's id); empty otherwise.
  std::string principal_role, principal_id;
  // The English titles chosen (FindTitledNames), in text order: where each
  // is and its role; ResolveTitleAnaphors reads them once every name is in.
  struct TitleAt {
    uint32_t begin, end;
    std::string role;
  };
  std::vector<TitleAt> en_titles;

  // No chosen name covers a byte of [b, e).
  bool Free(uint32_t b, uint32_t e) const;
  // Chooses `s` for [b, e).
  void Take(uint32_t b, uint32_t e, Selected s);
  // Undoes choice `idx` (a tombstone: its actor_id is cleared).
  void Remove(int idx);
};

// Longest first; at equal length the leftmost.
bool LongerFirst(const Cand& a, const Cand& b);

// An affiliation in force on `day`; one with no known bounds always is.
inline bool ValidOn(const Affiliation& a, int32_t day) {
  return !a.valid.ok() || (a.valid.earliest <= day && day <= a.valid.latest);
}

// A title-case line around byte `pos` (most of its five or more words
// capitalised): capitals say nothing about names there (gazetteer_orgs.cc).
bool TitleCaseLine(std::string_view text, uint32_t pos);

}  // namespace gaz

struct Gazetteer::Impl {
  using EntryType = gaz::EntryType;
  using Entry = gaz::Entry;
  using ShortForm = gaz::ShortForm;
  using Metonym = gaz::Metonym;
  using Title = gaz::Title;
  using Selected = gaz::Selected;
  using Cand = gaz::Cand;
  using MatchState = gaz::MatchState;
  using Rows = std::vector<std::pair<size_t, std::vector<std::string_view>>>;  // (line, fields)

  // ---- source data
  std::vector<Actor> actors;
  std::unordered_map<std::string, size_t> index;
  std::vector<ShortForm> short_forms;
  std::vector<Metonym> metonyms;
  std::vector<Title> titles;
  std::unordered_set<std::string> en_stops;   // capitalised words that are not names
  std::unordered_set<std::string> ambiguous_surnames;  // need a full mention first
  std::unordered_set<std::string> not_surnames;        // given names of family-name-first people
  std::unordered_set<std::string> common_words;        // folded names that are also words: turkey, china
  std::unordered_set<std::string> en_title_words;      // words of English titles: never a name
  std::vector<std::string> org_heads;                 // International, Front: an unknown organisation's last word
  std::unordered_set<std::string> title_modifiers;     // new, former: between a country and its title
  std::unordered_set<std::string> feature_heads;       // Ocean, Sea: "the Indian Ocean" names no country
  std::unordered_set<std::string> name_heads;          // Charter, Treaty: "the UN Charter" names no act of the UN
  std::unordered_set<std::string> gathering_heads;     // Conference, Summit: named after the acronym two words or more before
  std::vector<std::string> zh_stops;           // text that never starts a name after a title
  std::map<std::string, std::vector<std::string>> suffix, prefix, not_after, not_before;  // form or "*"
  std::map<std::string, std::vector<std::string>> in_document;  // form → texts, one of which the document must hold
  std::map<std::string, std::pair<std::string, std::string>> official_sites;  // host → (actor, role)
  // (country or organisation id, role) → the people holding that role for it at some time, from their dated
  // affiliations (built by Rebuild; read by HolderOn).
  std::map<std::pair<std::string, std::string>, std::vector<size_t>> office_holders;
  std::unordered_set<int32_t> translit;
  std::vector<places::PlaceFacts> place_facts;  // per actor
  places::StructureLexicon place_structure;     // provisional places by structure

  // ---- derived (Rebuild)
  AhoCorasick ac;
  std::vector<std::vector<Entry>> patterns;
  std::unordered_map<std::string, std::vector<std::pair<size_t, int>>> resolve;  // key → (actor, rank)
  std::unordered_map<std::string, std::string> metonym_places;  // MetonymKey → its city (MetonymPlace)
  std::unordered_map<std::string, std::vector<size_t>> zh_person;      // 拉夫罗夫 → person
  std::unordered_map<std::string, std::vector<size_t>> en_surname;     // lavrov → person
  std::unordered_map<std::string, const Entry*> single_forms;          // "俄" → entry

  // ---- loading (gazetteer_load.cc): one data file, by its header line.
  Status Load(std::string_view file, std::string_view content);
  Status LoadActors(std::string_view file, const std::vector<std::string_view>& header,
                    const Rows& rows);
  Status LoadAffiliations(std::string_view file, const Rows& rows);
  Status LoadShortForms(std::string_view file, const Rows& rows);
  Status LoadMetonyms(std::string_view file, const Rows& rows);
  Status LoadContexts(std::string_view file, const Rows& rows);
  Status LoadTitles(std::string_view file, const Rows& rows);
  Status LoadTranslit(std::string_view file, const Rows& rows);
  Status LoadOfficialSites(std::string_view file, const Rows& rows);

  // ---- derived data (gazetteer_index.cc)
  void Rebuild();
  void AddPattern(const std::string& original, EntryType type, uint32_t target,
                  bool inflect = false);
  void AddNamePattern(const std::string& name, uint32_t actor);
  void AddResolveKey(const std::string& text, size_t actor, int rank);
  void AddForm(size_t actor, const std::string& text, const Lang& lang, NameKind kind);

  // ---- matching (gazetteer_match.cc), in the order Match runs the stages
  std::vector<ActorMention> Match(std::string_view text, std::vector<Actor>* provisional_out,
                                  int32_t as_of_day, std::string_view site) const;
  // The place a metonym's form also names (the city Kyiv for Kyiv standing
  // for UKR), inside the country it stands for; or "". Reads the places
  // metonyms.tsv gives from metonym_places (Rebuild puts them there first).
  std::string MetonymPlace(std::string_view form, const std::string& stands_for) const;
  // The key of metonym_places: the form's resolve key, a tab, the actor.
  static std::string MetonymKey(std::string_view form, const std::string& actor);
  // The one known person who held `role` for actor `of` on `day` (days since
  // 1970), or -1 when none or several did.
  int HolderOn(const std::string& of, const std::string& role, int32_t day) const;
  // "the new Chancellor of Germany": the known person whose term in that
  // office starts first on or after `day` less kNewHolderDays (the one just
  // taking office, or about to); -1 when none.
  int NewHolder(const std::string& of, const std::string& role, int32_t day) const;
  bool BoundaryOk(std::string_view text, uint32_t b, uint32_t e) const;
  // A run of capitalised words right after `e` holding a name head (titles.tsv name_head).
  bool InLongerName(std::string_view text, uint32_t e) const;
  bool SingleContextOk(std::string_view text, uint32_t b, uint32_t e, const Entry& entry,
                       const std::vector<int>& covered) const;
  bool IsTranslit(int32_t cp) const { return translit.count(cp) > 0; }
  void SelectKnownNames(MatchState* st, std::vector<Cand> cands,
                        const std::vector<Cand>& surname_cands, std::vector<Cand> singles) const;
  // A one-word name of a known person after another given name ("Emine Erdogan").
  bool OtherGivenName(std::string_view text, const Cand& c, const Actor& a) const;
  // `given` is one of the person's given names or a spelling of one (same
  // first letter as a given name of a name or alias: Sergei / Sergey).
  static bool GivenNameFits(std::string_view given, const Actor& a);
  // An English alias of a body inside a longer capitalised name ("the
  // International Congress of Mathematicians").
  bool InsideLongerName(std::string_view text, const Cand& c, const Actor& a) const;
  // The holder on `as_of_day` of the office whose own site `site` (or a parent
  // domain) is, with the office's role; both left as they are when none.
  void SitePrincipal(std::string_view site, int32_t as_of_day, std::string* role, std::string* id) const;
  // A short form of context "document" in a document that says none of its
  // in_document texts (as whole words).
  bool MissingDocumentContext(std::string_view text, const Cand& c) const;
  // gazetteer_places.cc
  void ResolvePlaces(std::string_view text, std::vector<Selected>* sel, std::vector<int>* covered) const;
  // gazetteer_people.cc
  void FindDottedNames(MatchState* st) const;
  std::vector<std::pair<std::string, std::string>> FindTitledNames(MatchState* st,
                                                                   std::vector<Cand> title_cands) const;
  void AffiliateUntitled(MatchState* st, uint32_t b, uint32_t e, const std::string& id) const;
  void FindUntitledNames(MatchState* st, std::vector<std::pair<std::string, std::string>>* en_provisional) const;
  void FindBareSurnames(MatchState* st,
                        const std::vector<std::pair<std::string, std::string>>& en_provisional) const;
  std::string AddPerson(MatchState* st, uint32_t b, uint32_t e, int known,
                        const std::string& lang) const;
  int KnownPersonIn(const MatchState& st, uint32_t b, uint32_t e, bool* other) const;
  void AffiliateByTitle(MatchState* st, uint32_t title_begin, const Title& title, const std::string& id) const;
  void AffiliateBySentence(MatchState* st) const;
  // "The Governor asked …" after "Governor of Perm Territory Dmitry
  // Makhonin": a bare title the names found later tie to a person.
  void ResolveTitleAnaphors(MatchState* st) const;
  // gazetteer_orgs.cc
  void FindOrgNames(MatchState* st) const;
  // gazetteer_places.cc
  void AddProvisionalPlaces(std::string_view text, std::vector<Selected>* sel, std::vector<int>* covered,
                            std::map<std::string, Actor>* provisional) const;
};

}  // namespace kbq::ingest
