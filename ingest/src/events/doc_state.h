// The state of one document while the event extractor works through it:
// the inputs (document, time and actor mentions, the lexicon), the sentences
// as the sentence stage prepares them, the event candidates the later stages
// fill in, and the links between candidates. Each stage (stages.h) receives it
// explicitly. Owned by one Extract() call; not shared between threads.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "events/clauses.h"
#include "events/event_lexicon.h"
#include "kbq/ingest/event_extractor.h"
#include "kbq/ingest/event_merge.h"

namespace kbq::ingest::events {

using internal::CueHit;
using internal::TriggerHit;
using LookupFn = std::function<const Actor*(const std::string&)>;

struct ChunkedSentence;  // chunker_en.h
struct ClauseRoles;      // chunker_en.h

// The kind an actor id implies by its prefix (person:, place:, ...; three
// capitals: a country), for an actor the lookup does not know.
ActorKind GuessKind(const std::string& id);

// An actor mention as the stages see it, relative to its sentence.
struct ActorInfo {
  uint32_t begin = 0, end = 0;  // relative to the sentence
  std::string id;
  ActorKind kind = ActorKind::kUnknown;
  std::string country;  // the country (or organisation) it stands for
  bool dropped = false; // folded into the next mention (country + person)
  bool place = false;
  bool speaker = false; // the attributed source of the sentence, not a participant
  bool metonym = false; // a seat standing for an actor (Kyiv, Brussels, the Kremlin)
  std::string city;     // a metonym's own place (place:kyiv), when the places know it
  // A metonym read as its city (AsPlace) keeps what it stands for here: "a
  // court in Moscow" is Russia's.
  std::shared_ptr<const ActorInfo> government;
  uint32_t group_begin = 0;  // begin of the first mention folded into this one
};

// The place id `a` names as where something happened: a metonym's city
// when the places know it (Kyiv the city for Kyiv the government), else its id.
inline const std::string& WhereId(const ActorInfo& a) { return a.metonym && !a.city.empty() ? a.city : a.id; }

// A copy of `a` standing for a person named in another sentence (a turn's
// speaker, the one addressed): its offsets are 0 and it is no speaker.
std::shared_ptr<const ActorInfo> Detached(const ActorInfo& a);

// An event candidate: one trigger, and what the stages found for it.
struct Cand {
  uint32_t sentence = 0;
  uint32_t begin = 0, end = 0;  // trigger span relative to the sentence
  size_t clause = 0;
  const internal::TriggerEntry* entry = nullptr;
  const EventTypeInfo* type = nullptr;
  std::vector<Participant> participants;
  std::string place;
  Modality modality = Modality::kAsserted;
  Attribution attribution;
  TimeValue date;
  std::string basis;  // "explicit", "sentence", "inherited", "publication" or empty
  std::string date_text;
  int antecedent = -1;  // coreferent earlier/later candidate
  bool bare = false;    // no date, party or place of its own: a generic mention, dropped
  bool discussed = false;
  std::vector<std::string> countries;  // participants mapped to countries (cache)  // the object of 讨论了 / discussed: not the narrative's time
  bool future = false;
  bool generic = false;  // a present-simple habitual or a document name, undated: no event
  // Those taking part in a meeting its chair holds with no other side named
  // (AttendanceSides): `other` while the stages run, the other side once
  // emitted (AttendeesAsSides).
  bool attendees_are_sides = false;
  // "another meeting", "the next summit" (cue kind distinct_det before a
  // noun trigger): a happening of its own, never merged into another.
  bool distinct = false;
  std::map<std::string, double> toll;  // casualty figures of a disaster (tolls.cc): killed, injured, ...
  bool happened = false;  // a disaster said to happen (发生火灾, a fire broke out): never bare (tolls.cc)
  // An act named by the anniversary a sentence marks ("the 80th anniversary
  // of the Siege of Leningrad"): a mention, never the antecedent of the day's
  // talks nor a date lent to them (dates.cc).
  bool anniversary = false;
  // A participle modifying a noun ("wounded soldiers", "occupied Kherson",
  // roles_en.cc): done to that noun's actors by nobody named, so it takes no
  // sides from the event it is part of (coreference.cc).
  bool attributive = false;
  // A definite act named as a reason ("in response to the attack";
  // ReasonAnaphor, set by the dates stage, read by the roles): one told
  // before, so no date, place or side of the clause that answers it.
  bool reason_anaphor = false;
};

// One sentence: its text, clauses, trigger hits, actors and candidates.
struct SentenceInfo {
  uint32_t begin = 0, end = 0;  // absolute
  std::string_view text;
  std::vector<Span> clauses;
  std::vector<TriggerHit> hits;   // triggers and blockers
  std::vector<ActorInfo> actors;
  std::vector<size_t> cands;      // indexes into the candidate list
  std::string place;              // a place stated in a trigger-less clause
  bool paragraph_start = false;
  // The actor of a transcript's speaker label ("Vladimir Putin: …"), set by
  // FindAttribution; empty when the sentence has none.
  std::string speaker_label;
  // The speaker of the transcript turn the sentence is in: the last speaker
  // label at or before it (set by RunStages); null outside a transcript. Its
  // offsets are 0: it is named in another sentence.
  std::shared_ptr<const ActorInfo> turn_speaker;
  // The speaker of the turn before, when another person: whom "you" addresses
  // in a two-party exchange; null otherwise.
  std::shared_ptr<const ActorInfo> addressee;
  // In a turn with no other person's turn before it: the other side of the
  // document's lead two-sided event (the guest of "Meeting with President of
  // Finland Sauli Niinistö"), whom "you" then addresses; null otherwise.
  std::shared_ptr<const ActorInfo> counterpart;
  // Outside a transcript turn: the person a quotation in the sentence is
  // attributed to ("'I discussed it with you,' Zelensky said"), whom the
  // pronouns inside the quotation name; null otherwise.
  std::shared_ptr<const ActorInfo> quote_speaker;
  // English sentences with a trigger: the chunker's tokens, chunks and clause
  // roles (chunker_en.h); null for Chinese and trigger-less sentences.
  std::shared_ptr<const ChunkedSentence> chunked;
};

bool Overlaps(const TriggerHit& h, uint32_t b, uint32_t e);

// A cue inside a trigger or a blocker (称赞, 谈判结果) is no cue.
bool InsideTrigger(const SentenceInfo& s, const CueHit& c);

// Told as having happened: asserted, reported or claimed.
inline bool ToldAsReal(Modality m) {
  return m == Modality::kAsserted || m == Modality::kReported || m == Modality::kClaimed;
}

// Some participant of `sides` holds `role`.
bool HasRole(const std::vector<Participant>& sides, Role role);

// Event families with two sides (talks, calls, agreements, fighting ...).
bool Reciprocal(const EventTypeInfo* t);
bool MeetingFamily(const EventTypeInfo* t);
// A gathering where people talk: a meeting's family or a consultation
// ("the meeting", "the talks", "discussed"); not a call or an agreement.
bool Gathering(const EventTypeInfo* t);
// Talks, consultations, calls and agreements; a visit.
bool Meets(const EventTypeInfo* t);
bool Visit(const EventTypeInfo* t);
// Families that can be a part of a meeting (what was said or agreed there).
bool CommunicativeOrOutcome(const EventTypeInfo* t);
// An act of saying something to someone: a statement, appeal, demand,
// criticism or threat, or an offer. Made, whatever the answer to it.
bool SaidAct(const EventTypeInfo* t);

// A link between two candidates (indexes into DocState::cands): from, to,
// kind, cue, confidence.
using CandLink = std::tuple<int, int, LinkKind, std::string, double>;

struct DocState {
  DocState(const internal::EventLexicon& lex, const Document& doc, const std::vector<TimeMention>& times,
           const std::vector<ActorMention>& actor_mentions, const LookupFn& lookup)
      : lex(lex), doc(doc), times(times), actor_mentions(actor_mentions), lookup(lookup) {}

  const Actor* Lookup(const std::string& id) const { return lookup ? lookup(id) : nullptr; }
  // The country (or organisation) an actor stands for.
  std::string CountryOf(const std::string& id, ActorKind kind) const;
  // How many sentences the headline has (those before the body): the first
  // body sentence's index.
  uint32_t HeadlineSentences() const {
    uint32_t n = 0;
    while (n < sents.size() && sents[n].begin < doc.body_begin) ++n;
    return n;
  }
  // The candidate a coreferent candidate resolves to (itself when none).
  int Resolve(int i) const {
    while (i >= 0 && cands[i].antecedent >= 0) i = cands[i].antecedent;
    return i;
  }
  const std::vector<std::string>& Countries(const Cand& c) const { return c.countries; }
  std::vector<std::string> ComputeCountries(const Cand& c) const;
  // Two candidates may be one happening: compatible types, no two places,
  // a shared country when both have participants.
  bool Compatible(const Cand& a, const Cand& b) const;

  // Inputs.
  const internal::EventLexicon& lex;
  const Document& doc;
  const std::vector<TimeMention>& times;           // sorted by begin
  const std::vector<ActorMention>& actor_mentions;  // sorted by begin
  const LookupFn& lookup;
  // Written by the stages.
  std::vector<SentenceInfo> sents;
  std::vector<Cand> cands;
  std::vector<CandLink> links;
  bool opinion = false;  // an opinion piece (byline or opinion title)
  std::string author;
  int32_t pub_day = 0;   // the publication day, local time
};

// A cue of `kind` in the candidate's clause before its trigger, not inside a
// trigger itself, with no ',' or ';' between it and the trigger and a gap up
// to the trigger that `fits` (any gap when null): "if parliament adopts the
// law" (condition), "invited Biden to visit" (planned_to).
bool CueBeforeTrigger(const DocState& ds, const SentenceInfo& s, const Cand& c, std::string_view kind,
                      bool (*fits)(std::string_view) = nullptr);

}  // namespace kbq::ingest::events
