// Shared by the English role rules (roles_en.cc, noun_sides_en.cc,
// senses_en.cc): the actors a chunk names, the clause a chunk fills, and the
// side rules of a noun trigger. Internal to ingest/src/events; the rules and
// their examples are in docs/extraction.md, "English roles from the clause".
#ifndef KBQ_INGEST_EVENTS_ROLES_EN_H_
#define KBQ_INGEST_EVENTS_ROLES_EN_H_

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "events/chunker_en.h"
#include "events/stages.h"

namespace kbq::ingest::events::en {

using Actors = std::vector<const ActorInfo*>;

// The actor a noun phrase names: the last kept actor inside it (the person
// after their title and country), else the one of its apposition, else for
// an office or body before in/of the country it serves. Null when it names
// none (a pronoun, drones).
const ActorInfo* ActorOf(const DocState& ds, const SentenceInfo& s, const ChunkedSentence& cs, uint32_t ch,
                         bool allow_place);
// The actors of noun phrases: one per phrase (ActorOf), or every actor of a
// phrase that coordinates them inside itself ("Russian and Ukrainian
// negotiators", "representatives of Germany, France and Ukraine").
Actors ActorsOf(const DocState& ds, const SentenceInfo& s, const ChunkedSentence& cs,
                const std::vector<uint32_t>& chunks);
// A place (or a country standing as one) in a prepositional attachment.
const ActorInfo* PlaceOf(const DocState& ds, const SentenceInfo& s, const ChunkedSentence& cs, uint32_t ch);
// The clause whose verb group is chunk `ch`, or whose object holds it (a
// noun trigger: "held talks"), or whose in/during phrase holds it; -1 when
// none. *object tells whether it is the object.
int ClauseOfChunk(const DocState& ds, const ChunkedSentence& cs, int ch, bool* object);

// The first side of a two-sided `act`, in a role (not `other`), that `ours`
// does not claim, when `ours` claims one of its sides; empty otherwise.
std::string OtherSideOf(const Cand& act, const std::function<bool(const std::string&)>& ours);
// The other side of the document's lead two-sided event (a meeting, talks or
// a call in its first three sentences) that has `speaker` (or their country)
// as one side; empty when there is none.
std::string LeadCounterpart(const DocState& ds, const ActorInfo& speaker);

// noun_sides_en.cc — the sides of a noun trigger from its own phrase.
// "Zelensky informed Macron about the shelling by armed groups": a noun in the
// attachments of a reporting clause is what is reported; false when no such
// clause holds it.
bool ReportedNounRoles(const DocState& ds, const SentenceInfo& s, const ChunkedSentence& cs, uint32_t ch, Cand* c);
// "the meeting of A with B", "the visit of A to C": true when it applied.
bool OfWithSides(const DocState& ds, const SentenceInfo& s, const ChunkedSentence& cs, uint32_t ch, Cand* c);
// "talks between Russia and Belarus", "a meeting between Erdogan, Guterres
// and Zelensky": a two-sided noun trigger's between-list names its sides (the
// first the source, the others targets; anyone else no side). True when it
// named two or more.
bool BetweenSides(const DocState& ds, const SentenceInfo& s, const ChunkedSentence& cs, uint32_t ch, Cand* c);
// "the assistance provided by the United States": the noun's own by-phrase
// names its doers; naming none, when `unnamed_clears`, no actor before the
// trigger is its source.
void OwnAgentPhrase(const DocState& ds, const SentenceInfo& s, const ChunkedSentence& cs, uint32_t ch, Cand* c,
                    bool unnamed_clears);

// "the threat from Russia", "assistance from the European Union": a noun
// trigger's from-phrase right after it names its doers (not for talks, a
// retreat or a release: "withdrawal from Belarus").
void OwnFromPhrase(const DocState& ds, const SentenceInfo& s, const ChunkedSentence& cs, uint32_t ch, Cand* c);
// "the assistance the CSTO provided to Kazakhstan": a noun trigger followed
// by a relative clause without its relative word, whose verb implements or
// gives (cue kind implement_verb), has that clause's subject as its source.
void OwnRelativeDoer(const DocState& ds, const SentenceInfo& s, const ChunkedSentence& cs, uint32_t ch, Cand* c);

}  // namespace kbq::ingest::events::en

#endif  // KBQ_INGEST_EVENTS_ROLES_EN_H_
