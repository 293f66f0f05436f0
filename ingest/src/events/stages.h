// The event extractor as a sequence of stages over one document (DocState,
// doc_state.h). Extract() (event_extractor.cc) runs them in this order; each
// stage lives in the file named in its heading, says what it reads and writes,
// and takes an earlier stage's result as a parameter when it needs one.
// docs/architecture.md draws the pipeline; docs/extraction.md has the rules.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "events/clauses.h"
#include "events/doc_state.h"

namespace kbq::ingest::events {

// ---- 1. sentences (sentences.cc)
// Reads the document's sentence `index`, the actor mentions and the lexicon;
// writes *s: text, clauses, trigger hits, actors (collapsed: a country before
// its minister, a body before its own person), their places, the sentence's
// place and whether it opens a paragraph.
void PrepareSentence(const DocState& ds, uint32_t index, SentenceInfo* s);
// Reads *s's turn and quotation speakers (set after stage 2's attribution)
// and the document's site holder; adds to s->actors, in order, the country
// "our country" or "our state" after to, in or visit stands for: the
// speaker's in a turn or a quotation, the site holder's in a release's own
// words (sentences.cc).
void OwnCountryMentions(const DocState& ds, SentenceInfo* s);

// ---- 2. attribution and modality (attribution.cc)
// Reads the article's text and title; writes ds.opinion and ds.author.
void FindOpinion(DocState& ds);
// Reads *s (stage 1); writes the sentence's attribution (据X, X said) into
// *attr, the clause spans it exempts into *exempt, and marks the speaker.
void FindAttribution(const DocState& ds, SentenceInfo* s, Attribution* attr, std::vector<Span>* exempt);
// The sentence is counterfactual (had they signed …, …).
bool Counterfactual(const DocState& ds, const SentenceInfo& s);
// The sentence is evaluative language in an opinion piece (needs FindOpinion).
bool Evaluative(const DocState& ds, const SentenceInfo& s);
// The modality of candidate c from the cues of its clause (negated, demanded,
// planned); needs c's own date (stage 5, for `future`).
Modality FindModality(const DocState& ds, const SentenceInfo& s, const Cand& c, bool counterfactual);
// Writes c's attribution and turns an asserted modality into reported or
// claimed, from the sentence's attribution and evaluative flag.
void AttributeCandidate(const DocState& ds, const Attribution& attr, bool in_exempt, bool evaluative, Cand& c);
// "Tokayev said his visit …", "The Prime Minister announced £88 million of
// new funding": a party telling of its own act reports nothing it did not
// do — the act is asserted (the attribution stays). Its own act: the
// attributed actor is the event's source, or any side of a meeting, call,
// consultation, agreement or visit. Not a party's word on what another did
// to it ("Kyiv says Russia shelled …" stays reported). After the side rules.
void OwnActsAsserted(DocState& ds, const SentenceInfo& s);

// ---- 3. candidates: triggers and sense rules (candidates.cc)
// Reads the trigger hits of sentence si (stage 1) and its tokens; appends the
// hits that pass the sense rules to ds.cands and their indexes to its cands.
void FindCandidates(DocState& ds, uint32_t si, const std::vector<Tok>& toks);
// Marks c generic (no event) when it is an undated present-simple habitual or
// a named document; needs c's date, modality (stages 2, 5).
void MarkGeneric(const DocState& ds, const SentenceInfo& s, const std::vector<Tok>& toks, uint32_t si, Cand& c);
// An occurrence verb (cue kind occurrence_verb: signed, expressed, thanked …)
// stands before byte `pos` in its clause: a relation or standing noun there is
// what that act is about ("thanked Canada for its continued support").
bool OccurrenceVerbBefore(const DocState& ds, const SentenceInfo& s, uint32_t pos);
// The happening test (happening.cc): an English candidate of sentence si whose
// clause talks of a kind of event, not one that took place (hypothetical,
// standing, statistic, existential, generic subject, norm, stance, wish).
// Needs c's date (stage 5): a date of its own overrules the undated rules.
bool NoHappening(const DocState& ds, const SentenceInfo& s, uint32_t si, const Cand& c);
// The noun phrase `chunk` as the object of a verb of keeping or breaking (cue
// kinds keep_verb, break_verb): 1 kept ("kept its promise"), -1 broken ("broke
// its pledge", "did not keep its word"), 0 neither (happening.cc).
int KeepVerbOf(const DocState& ds, const ChunkedSentence& cs, int chunk);
// ---- 4b. sides from a governing frame (governed_sides.cc)
// "X is ready to meet Y": the readiness (an intent trigger ending in "to")
// takes the sides of the act right after it, which the happening test left
// out — the act's clause knows them (X the controlled subject, Y its object).
void ReadinessSides(DocState& ds, const SentenceInfo& s);
// "X thanked Y for its support": a support noun (praise) governed by a
// thank verb (cue kind thank_verb) in its clause is the thanks, X → Y.
void ThankSides(DocState& ds, const SentenceInfo& s);
// "Sanctions were imposed on Russia by the EU, the US and Canada": a noun
// trigger that is the subject of a passive implementing verb (cue kind
// implement_verb: adopt, impose, sign …) has the verb's by-agents as sources;
// of any other passive ("the attack was condemned by France") they are no side.
void PassiveAgentSides(DocState& ds, const SentenceInfo& s);
// "Lavrov responded to Blinken's proposal", "Germany rejected Poland's
// demands": a said act (SaidAct) named by a noun phrase in the object or
// to-phrase of a verb of answer (cue kind answer_verb) was made by its
// possessor or of-phrase (source) to the answering subject (target).
void AnswerSides(DocState& ds, const SentenceInfo& s);
// "a meeting … held under the chairmanship of Vladimir Putin", "the session,
// chaired by Zelensky,": the person a chair phrase (cue kind chair_phrase)
// names is the source of the gathering before it in the sentence.
void ChairSides(DocState& ds, const SentenceInfo& s);
// "Taking part in the meeting were Alexander Novak, Maxim Oreshkin …", "The
// meeting was attended by …": an attendance list (cue kind
// attendance_frame) names who was present at the lead meeting, not its two
// sides: the meeting there takes the lead meeting's sides, the listed people
// are `other` — until AttendeesAsSides, when the lead names no other side.
void AttendanceSides(DocState& ds, const SentenceInfo& s);
// After the document's stages: the attendees AttendanceSides kept `other` for
// a meeting with no other side named become its targets.
void AttendeesAsSides(DocState& ds);
// "Talks with President of Brazil Jair Bolsonaro" on kremlin.ru: a headline
// that opens with a meeting, talks or call (modifiers only before it:
// "Expanded meeting of …") and names no doer has the site's
// office holder (Document::site_holder) as its source.
void SiteHolderSides(DocState& ds, const SentenceInfo& s, uint32_t si);
// "News conference following Russian-German talks", "statements to the press
// after the talks with Macron": a statement noun followed by an after-phrase
// (cue kind after_prep) holding talks is said by the talks' two sides, as
// sources.
void AfterTalksSides(DocState& ds, const SentenceInfo& s);
// "During a meeting with President of Poland Andrzej Duda and President of
// Lithuania Gitanas Nausėda", "following the talks with Prime Minister Mark
// Rutte": every head of the with-phrase right after a meeting or talks
// trigger is its other side (a target), never `other`.
void WithListSides(DocState& ds, const SentenceInfo& s);
// "a joint statement of the delegations of Ukraine and Poland", "signed a
// joint declaration": every named side of a joint statement or signing is
// one of its authors, a source; none is its target.
void JointSides(DocState& ds, const SentenceInfo& s);
// "Vladimir Putin had a meeting with Nikol Pashinyan (… I will meet with the
// President of Azerbaijan before the trilateral meeting)": a parenthesis is
// a clause of its own; a side named only inside one that does not hold the
// trigger is no side of it.
void ParentheticalSides(DocState& ds, const SentenceInfo& s);

// ---- 4. arguments and roles (arguments.cc)
// Reads the clause's actors (stage 1) and the attribution (stage 2); writes
// c's participants with roles and its place.
void BuildArguments(const DocState& ds, SentenceInfo* s, Cand* c, const Attribution& attr);
// 双方签署了协议 / the two sides signed: an event with no participants whose
// subject is "both sides" (the cue before its trigger, no other trigger
// between) takes the two sides of the latest earlier event (this sentence
// or the one before) that has both.
void BothSides(const DocState& ds, const SentenceInfo& s, size_t ci, Cand* c);
// Initiator cues (应X邀请, at X's invitation): rewrites the participants of the
// candidates of *s so the initiator is the source.
void ApplyInitiators(DocState& ds, SentenceInfo* s);
// An intent, threat, rejection or demand without a target takes the target of
// the act it governs (arguments.cc).
void GovernedTargets(DocState& ds, SentenceInfo* s);

// "It is a pleasure to welcome …", "it is important to cooperate": for an
// infinitive clause whose subject is borrowed from a clause of expletive "it"
// and "be", the lower-case head of that clause's complement ("pleasure",
// "important"); else empty (roles_en.cc).
std::string ExpletiveComplement(const ChunkedSentence& cs, const ClauseRoles& cl);
// The chunk holding the token that starts at or covers byte `pos` of an
// English sentence; -1 if none (roles_en.cc).
int ChunkAt(const ChunkedSentence& cs, uint32_t pos);
// The first token of c's trigger, or cs.tokens.size() when none starts inside
// it (happening.cc).
size_t TriggerToken(const ChunkedSentence& cs, const Cand& c);
// True when a kept (not dropped) actor mention of `s` covers the word at
// [begin, end): it is (part of) a name, not a common noun (happening.cc).
bool InActor(const SentenceInfo& s, uint32_t begin, uint32_t end);
// The token that ends c's trigger (its head word: "demands", "talks"), or
// cs.tokens.size() when none does (happening.cc).
size_t TriggerHeadToken(const ChunkedSentence& cs, const Cand& c);
// "in response to the attack", "over the crackdown": a definite English noun
// trigger in a reason phrase with no phrase of its own after it names an act
// told before (roles_en.cc); it takes no date, place or side of its clause.
// The dates stage sets Cand::reason_anaphor from it; the roles read the flag.
bool ReasonAnaphor(const SentenceInfo& s, const Cand& c);
// English roles from the chunker (roles_en.cc). Reads s.chunked and the
// actors (stage 1); when the clause of c's trigger names a side, rewrites c's
// participants (subject/by-agent as source; objects, with-partner or the noun
// of on/against/to as target; coordinated subjects as both sides) and its
// place (in/at, to for travel), keeping earlier roles only where the clause has
// none. Returns false (c untouched) when the chunker has no answer.
bool EnglishClauseRoles(const DocState& ds, const SentenceInfo& s, Cand* c);
// The other side of the document's lead two-sided event (a meeting, talks or
// a call in its first three sentences) that has `speaker` as one side, as
// named there with offsets 0; null when there is none (roles_en.cc).
std::shared_ptr<const ActorInfo> TurnCounterpart(const DocState& ds, const ActorInfo& speaker);
// True when the text holds a quotation mark (“ ” or ").
bool HasQuotation(std::string_view text);
// True when byte `pos` lies inside a quotation: after more opening than
// closing curly quotes, or after an odd number of straight ones.
bool InsideQuotation(std::string_view text, uint32_t pos);
// The person the sentence before `si` is about, for a "He"/"She" opening
// sentence si: the person heading the subject of its first clause, else its
// only person (each of several mentions the same). Null when none or when two
// people could be meant (roles_en.cc).
const ActorInfo* PersonBefore(const DocState& ds, uint32_t si);
// The person a sentence is addressed to: "Mr Lavrov, …" at its start or
// after the speaker's label (courtesies or titles, the name, a comma); null
// when none (roles_en.cc).
const ActorInfo* Vocative(const SentenceInfo& s);
// The sense of an English verb trigger from its clause: `type` as is, another
// type (call + two objects: criticism), or null when the clause rules it out.
const EventTypeInfo* EnglishVerbSense(const DocState& ds, const SentenceInfo& s, const TriggerHit& h,
                                      const EventTypeInfo* type);
// Chinese roles across a place/time/manner phrase: X在…同Y举行会晤, X应Y邀请,
// 对Y进行访问 (roles_zh.cc). Rewrites c's participants when a rule applies.
void ChineseClauseRoles(const DocState& ds, const SentenceInfo& s, Cand* c);

// ---- 5. dates: own, inherited, publication (dates.cc)
// Reads the time mentions of *s; writes date, basis ("explicit" or
// "sentence"), date_text and future of its candidates.
void AssignOwnDates(DocState& ds, SentenceInfo* s);
// After coreference and part-of (stage 6): every candidate still undated
// inherits a date from an earlier clause or sentence, else the publication day.
void InheritDates(DocState& ds);

// ---- 6. within-article coreference and part-of (coreference.cc)
// Reads candidates with their dates, participants and countries; writes
// antecedent and discussed.
void Coreference(DocState& ds);
// Communicative events inside a dated meeting: writes a part_of link and lends
// the meeting's date, place and participants.
void PartOf(DocState& ds);
// Marks bare (dropped) the candidates with no date, party or place of their own.
void MarkBare(DocState& ds);

// ---- 6b. disasters and their toll (tolls.cc)
// Reads the candidates after coreference, the sentences and tolls.tsv;
// refines a crash's mode from its vehicle (road, rail, air, sea), writes the
// casualty figures of each sentence into Cand::toll of the disaster or
// accident they belong to, and folds casualty triggers beside it into it
// (their antecedent).
void DisastersAndTolls(DocState& ds);

// ---- 7. links (links.cc)
// Reads resolved candidates (stage 6) and the link cues; writes ds.links.
void Links(DocState& ds);
// Same track, country and period: storyline links between cue-less pairs.
void StorylineByCoherence(DocState& ds);

// ---- 8. events (emit.cc)
// Events and links from the resolved candidates, merged within the article
// and labelled.
Extraction EmitEvents(const DocState& ds);

}  // namespace kbq::ingest::events
