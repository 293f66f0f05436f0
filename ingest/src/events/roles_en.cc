// Stage 4 (English): the roles of a candidate from the chunker's clause
// (chunker_en.h) instead of word order. Reads SentenceInfo::chunked and the
// sentence's actors (stage 1); writes Cand::participants and Cand::place.
// The rules, each with an example, are in docs/extraction.md, "English roles
// from the clause". Where the clause has no answer for a role, the word-order
// rules of arguments.cc stay (they ran before).
#include <algorithm>

#include "events/roles_en.h"
#include "text_util.h"

namespace kbq::ingest::events {

int ChunkAt(const ChunkedSentence& cs, uint32_t pos) {
  for (size_t t = 0; t < cs.tokens.size(); ++t) {
    if (cs.tokens[t].end <= pos) continue;
    for (size_t k = 0; k < cs.chunks.size(); ++k) {
      if (cs.chunks[k].begin_token <= t && t < cs.chunks[k].end_token) return int(k);
    }
    return -1;
  }
  return -1;
}

using en::Actors;
using en::ActorOf;
using en::ActorsOf;
using en::ClauseOfChunk;
using en::LeadCounterpart;
using en::OfWithSides;
using en::OwnAgentPhrase;
using en::PlaceOf;
using en::ReportedNounRoles;

namespace {

// A noun trigger's own span, between the triggers of its type before and
// after it: "my visit to Kiev yesterday and today's visit to Moscow" are two
// visits, each with its place. (Another type between them does not cut it:
// "the withdrawal of invasion forces from Panama" is from Panama.)
struct OwnSpan {
  uint32_t end = 0, other_begin = 0;
};
// A reason phrase cuts it too: "sanctions on Iran over its supply of drones
// to Russia", "sanctions after the invasion of Ukraine" — a trigger of another
// type right after over, for, after or following (past a determiner or
// possessive) names the actors after it for itself.
uint32_t ReasonPhraseAt(const SentenceInfo& s, uint32_t begin, bool talk) {
  size_t i = begin;
  bool possessive = false;
  for (int words = 0; words < 3 && i > 0; ++words) {
    const size_t w = internal::LetterWordBefore(s.text, &i);
    if (w == i) return UINT32_MAX;
    const std::string word = internal::AsciiLower(s.text.substr(w, i - w));
    // (After and following before talks are a reason only with a possessive:
    // "a press conference following the meeting with Johnson" is with him.)
    if (word == "over" || word == "for" || ((word == "after" || word == "following") && (possessive || !talk))) {
      return uint32_t(w);
    }
    // "in response to", "in retaliation for" (for is above).
    if (word == "to" && w >= 12 && internal::AsciiLower(s.text.substr(w - 12, 12)) == "in response ") {
      return uint32_t(w - 12);
    }
    possessive |= word == "its" || word == "their";
    if (!possessive && word != "the" && word != "a" && word != "an" && word != "alleged" && word != "continued" &&
        word != "recent") {
      return UINT32_MAX;
    }
    i = w;
  }
  return UINT32_MAX;
}

OwnSpan OwnSpanOf(const DocState& ds, const SentenceInfo& s, const Cand& c) {
  OwnSpan o{uint32_t(s.text.size()), c.begin};
  for (const auto& h : s.hits) {
    if (h.blocker()) continue;
    if (h.entry->type != c.entry->type) {
      if (h.begin >= c.end) {
        const EventTypeInfo* ht = ds.lex.Type(h.entry->type);
        const uint32_t reason = ReasonPhraseAt(s, h.begin, Reciprocal(ht) || Visit(ht));
        if (reason != UINT32_MAX && reason >= c.end && reason < o.end) o.end = reason;
      }
      continue;
    }
    if (h.begin >= c.end && h.begin < o.end) o.end = h.begin;
    if (h.end <= c.begin) o.other_begin = std::min(o.other_begin, h.end);
  }
  return o;
}

// True when every mention of actor `id` lies outside the trigger's own span:
// after the next trigger, or between an earlier trigger of its type and it.
bool NamedForAnother(const SentenceInfo& s, const Cand& c, const OwnSpan& own, const std::string& id) {
  bool any = false;
  for (const auto& a : s.actors) {
    if (a.id != id || a.dropped) continue;
    if (a.begin < own.end && !(a.begin >= own.other_begin && a.end <= c.begin)) return false;
    any = true;
  }
  return any;
}

// The speaker of the sentence: its label's actor, else its turn's (null).
const ActorInfo* SpeakerOf(const SentenceInfo& s) {
  for (const auto& a : s.actors) {
    if (!s.speaker_label.empty() && a.id == s.speaker_label) return &a;
  }
  return s.turn_speaker.get();
}

// Only a courtesy (cue kind courtesy_it: a pleasure, an honour) is the
// speaker's act: "it is important to cooperate" states a norm (happening.cc).
bool ExpletiveInfinitive(const DocState& ds, const ChunkedSentence& cs, const ClauseRoles& cl) {
  return ds.lex.IsCueWord("courtesy_it", ExpletiveComplement(cs, cl));
}

// "my visit", "our talks": a noun trigger the speaker's possessive opens is
// the speaker's.
bool SpeakersNounPhrase(const ChunkedSentence& cs, uint32_t ch, const Cand& c) {
  const Chunk& np = cs.chunks[ch];
  if (np.kind != ChunkKind::kNounPhrase || np.head >= cs.tokens.size()) return false;
  const std::string& det = cs.tokens[np.begin_token].lower;
  return (det == "my" || det == "our") && cs.tokens[np.head].begin >= c.begin && cs.tokens[np.head].begin < c.end;
}

// The first word of the noun phrase a visit or two-sided noun trigger heads
// ("his" of "his visit to Kyiv", "your" of "your talks with Macron"); empty
// for any other trigger.
std::string_view OwnedTriggerDet(const ChunkedSentence& cs, uint32_t ch, const Cand& c) {
  const Chunk& np = cs.chunks[ch];
  if (!(Visit(c.type) || Reciprocal(c.type)) || np.kind != ChunkKind::kNounPhrase || np.head >= cs.tokens.size() ||
      cs.tokens[np.head].begin < c.begin || cs.tokens[np.head].begin >= c.end) {
    return {};
  }
  return cs.tokens[np.begin_token].lower;
}

// "the strong signals expressed by Ursula von der Leyen during her recent
// visit to Ukraine", "Scholz said that during his talks with Putin …": a
// visit or two-sided noun trigger that "his" or "her" opens is the nearest
// person named before it in the sentence — past one whose own country the
// visit goes to ("Zelensky met Scholz during his visit to Berlin" is
// Zelensky's). Null when no person is named before it.
const ActorInfo* ThirdPersonOwner(const DocState& ds, const SentenceInfo& s, const ChunkedSentence& cs, uint32_t ch,
                                  const Cand& c) {
  const std::string_view det = OwnedTriggerDet(cs, ch, c);
  if (det != "his" && det != "her") return nullptr;
  const uint32_t np_begin = cs.Span(ch).first;
  // Where a visit goes: the country of the actor behind "to" right after it.
  std::string bound;
  if (Visit(c.type)) {
    for (const ActorInfo& a : s.actors) {
      if (a.dropped || a.begin < c.end || a.begin - c.end > 4 || s.text.substr(c.end, a.begin - c.end) != " to ") {
        continue;
      }
      bound = a.kind == ActorKind::kCountry ? a.id : a.country;
    }
  }
  // A country named for its leader the data does not know stands for that
  // person: "with Uzbekistan's President during his visit", "the President
  // of Uzbekistan … his visit" (cue kind country_body).
  auto leader = [&](const ActorInfo& a) {
    if (a.kind != ActorKind::kCountry) return false;
    std::string_view after = s.text.substr(a.end);
    if (after.starts_with("'s ") || after.starts_with("\u2019s ")) {
      after.remove_prefix(after.find(' ') + 1);
      const std::string word = internal::AsciiLower(after.substr(0, after.find_first_of(" ,.;")));
      return ds.lex.IsCueWord("country_body", word);
    }
    std::string_view before = s.text.substr(0, a.begin);
    if (!before.ends_with(" of ")) return false;
    before.remove_suffix(4);
    const std::string word = internal::AsciiLower(before.substr(before.rfind(' ') + 1));
    return ds.lex.IsCueWord("country_body", word);
  };
  const ActorInfo* owner = nullptr;
  for (const ActorInfo& a : s.actors) {
    if (a.dropped || a.place || a.end > np_begin || (a.kind != ActorKind::kPerson && !leader(a))) continue;
    if (!bound.empty() && (a.country == bound || a.id == bound)) continue;
    if (!owner || a.begin > owner->begin) owner = &a;
  }
  return owner;
}

// The person a possessive opening a noun trigger's phrase names: "his" or
// "her" (ThirdPersonOwner); in a turn,
// the speaker for "my"/"our" ("the reason for my trip to Beijing"); for
// "your" on a visit or talks ("during your visit to Beijing") the one
// addressed (the turn before's speaker, else the lead event's guest); null
// otherwise. Not "your" on other acts: "thank you for your support" is the
// thanks.
const ActorInfo* NounPhraseOwner(const DocState& ds, const SentenceInfo& s, const ChunkedSentence& cs, uint32_t ch,
                                 const Cand& c) {
  if (const ActorInfo* owner = ThirdPersonOwner(ds, s, cs, ch, c)) return owner;
  const ActorInfo* speaker = SpeakerOf(s);
  if (!speaker) return nullptr;
  if (SpeakersNounPhrase(cs, ch, c)) return speaker;
  if (OwnedTriggerDet(cs, ch, c) != "your") return nullptr;
  return s.addressee ? s.addressee.get() : s.counterpart ? s.counterpart.get() : nullptr;
}

// A noun trigger in no clause role ("the reason for my trip to Beijing")
// that a possessive opens (NounPhraseOwner): that person is its source;
// the word-order sides stay as the targets. False when it is not such a
// phrase.
bool SpeakersNoun(const DocState& ds, const SentenceInfo& s, const ChunkedSentence& cs, uint32_t ch, Cand* c) {
  const ActorInfo* speaker = NounPhraseOwner(ds, s, cs, ch, *c);
  if (!speaker) return false;
  std::vector<Participant> out{{speaker->id, Role::kSource}};
  OwnSpan own = OwnSpanOf(ds, s, *c);
  for (const auto& p : c->participants) {
    if (p.actor_id == speaker->id || NamedForAnother(s, *c, own, p.actor_id)) continue;
    out.push_back({p.actor_id, p.role == Role::kSource ? Role::kTarget : p.role});
  }
  c->participants = std::move(out);
  return true;
}

using Spans = std::vector<std::pair<uint32_t, uint32_t>>;

// True when actor `id` is named in the sentence and every mention of it lies
// inside one of `spans`.
bool OnlyWithin(const SentenceInfo& s, const std::string& id, const Spans& spans) {
  bool any = false;
  for (const auto& a : s.actors) {
    if (a.id != id || a.dropped) continue;
    bool inside = std::any_of(spans.begin(), spans.end(),
                              [&](const auto& sp) { return a.begin >= sp.first && a.end <= sp.second; });
    if (!inside) return false;
    any = true;
  }
  return any;
}

// Byte spans of the chunks that fill a role after the verb (object, partner,
// attachment) of another clause with a subject of its own, and no role of k.
Spans OtherClauseSpans(const ChunkedSentence& cs, size_t k) {
  auto roles = [&](const ClauseRoles& cl, auto&& f) {
    for (const auto* group : {&cl.subject, &cl.objects, &cl.by_agent, &cl.with_partner}) {
      for (uint32_t n : *group) f(n);
    }
    for (const auto& p : cl.preps) {
      for (uint32_t n : p.nouns) f(n);
    }
  };
  std::vector<uint32_t> mine;
  roles(cs.clauses[k], [&](uint32_t n) { mine.push_back(n); });
  Spans out;
  std::vector<char> own(cs.clauses.size(), 0);
  for (size_t j = 0; j < cs.clauses.size(); ++j) {
    const ClauseRoles& other = cs.clauses[j];
    // Only a clause with a subject of its own (that-clauses, not the
    // infinitive an intent or threat governs) or one nested in such a clause
    // ("agreed that the agreements are the key to restoring peace in
    // Ukraine"), and only what follows its verb: its subject may be what a
    // demand is made of ("demanded that the US cancel") or whom a pronoun
    // stands for.
    own[j] = j != k && ((!other.subject.empty() && !other.subject_inherited) ||
                        (other.parent >= 0 && size_t(other.parent) < j && own[other.parent]));
    if (!own[j]) continue;
    auto add = [&](uint32_t n) {
      if (std::find(mine.begin(), mine.end(), n) == mine.end()) out.push_back(cs.Span(n));
    };
    for (const auto* group : {&other.objects, &other.with_partner}) {
      for (uint32_t n : *group) add(n);
    }
    for (const auto& p : other.preps) {
      for (uint32_t n : p.nouns) add(n);
    }
  }
  return out;
}

// "Putin expressed hope that the talks, which are scheduled in Vienna, would
// be constructive": a noun trigger that is the subject of another verb is
// not done by the subject or objects of an earlier clause (the word-order
// rules took Putin). Its own attachments stay.
void SubjectNounSides(const SentenceInfo& s, const ChunkedSentence& cs, uint32_t ch, Cand* c) {
  int own = -1;
  for (size_t k = 0; k < cs.clauses.size() && own < 0; ++k) {
    const auto& subj = cs.clauses[k].subject;
    if (std::find(subj.begin(), subj.end(), ch) != subj.end()) own = int(k);
  }
  // "said his meeting with Putin was useful": the possessive is the subject's.
  if (own < 0 || cs.tokens[cs.chunks[ch].begin_token].tag == Tag::kPossPron) return;
  const uint32_t np_begin = cs.Span(ch).first;
  // Byte spans of the roles of the other clauses before the trigger.
  Spans spans;
  for (size_t k = 0; k < cs.clauses.size(); ++k) {
    if (int(k) == own) continue;
    for (const auto* group : {&cs.clauses[k].subject, &cs.clauses[k].objects, &cs.clauses[k].with_partner}) {
      for (uint32_t n : *group) {
        auto span = cs.Span(n);
        if (span.second <= np_begin) spans.push_back(span);
      }
    }
  }
  const ActorInfo* speaker = SpeakerOf(s);
  std::erase_if(c->participants, [&](const Participant& p) {
    return !(speaker && p.actor_id == speaker->id) && OnlyWithin(s, p.actor_id, spans);
  });
}

// The prepositions that turn talk to its topic: "talks on Ukraine", "a call
// about the situation around Donbas".
bool TopicPreposition(std::string_view w) {
  return w == "on" || w == "about" || w == "regarding" || w == "concerning" || w == "over" || w == "around";
}


}  // namespace

// A talk's topic outside any clause role ("my meetings with foreign leaders
// on the provision by the US and NATO of guarantees"): an actor named after
// the first on/about/regarding/concerning/over/around that follows the
// trigger is what the talk is about, not a side.
void TopicsAfterTrigger(const SentenceInfo& s, const ChunkedSentence& cs, Cand* c) {
  if (!Meets(c->type)) return;
  uint32_t from = UINT32_MAX;
  for (const Token& t : cs.tokens) {
    if (t.begin >= c->end && t.tag == Tag::kPrep && TopicPreposition(t.lower)) {
      from = t.begin;
      break;
    }
  }
  if (from == UINT32_MAX) return;
  // "the agreement on a free trade area between Ukraine and Turkey": the
  // between-phrase names the sides, wherever it stands.
  uint32_t between = UINT32_MAX;
  for (const Token& t : cs.tokens) {
    if (t.begin >= c->end && t.lower == "between") {
      between = t.begin;
      break;
    }
  }
  const ActorInfo* speaker = SpeakerOf(s);
  for (auto& p : c->participants) {
    bool before = std::any_of(s.actors.begin(), s.actors.end(), [&](const ActorInfo& a) {
      return a.id == p.actor_id && (a.begin < from || (a.begin > between && a.begin - between <= 60));
    });
    if (!before && (speaker == nullptr || p.actor_id != speaker->id)) p.role = Role::kOther;
  }
}

bool HasQuotation(std::string_view text) {
  return text.find('"') != std::string_view::npos || text.find("\u201C") != std::string_view::npos ||
         text.find("\u201D") != std::string_view::npos;
}

bool InsideQuotation(std::string_view text, uint32_t pos) {
  std::string_view before = text.substr(0, std::min<size_t>(pos, text.size()));
  int curly = 0, straight = 0;
  for (size_t i = 0; i < before.size(); ++i) {
    if (before[i] == '"') ++straight;
    if (before.compare(i, 3, "\u201C") == 0) ++curly;
    if (before.compare(i, 3, "\u201D") == 0) --curly;
  }
  return curly > 0 || straight % 2 == 1;
}

std::shared_ptr<const ActorInfo> TurnCounterpart(const DocState& ds, const ActorInfo& speaker) {
  const std::string id = LeadCounterpart(ds, speaker);
  if (id.empty()) return nullptr;
  for (uint32_t si = 0; si < 3 && si < ds.sents.size(); ++si) {
    for (const ActorInfo& a : ds.sents[si].actors) {
      if (a.id != id || a.dropped) continue;
      return Detached(a);
    }
  }
  return nullptr;
}

const ActorInfo* PersonBefore(const DocState& ds, uint32_t si) {
  if (si == 0 || si > ds.sents.size()) return nullptr;
  const SentenceInfo& prev = ds.sents[si - 1];
  if (prev.chunked && !prev.chunked->clauses.empty()) {
    const ChunkedSentence& pcs = *prev.chunked;
    const ActorInfo* subject = nullptr;
    for (uint32_t n : pcs.clauses.front().subject) {
      const ActorInfo* a = ActorOf(ds, prev, pcs, n, false);
      if (!a || a->kind != ActorKind::kPerson) continue;
      if (subject && subject->id != a->id) return nullptr;  // "Macron and Putin spoke": either
      subject = a;
    }
    if (subject) return subject;
  }
  const ActorInfo* only = nullptr;
  for (const ActorInfo& a : prev.actors) {
    if (a.dropped || a.kind != ActorKind::kPerson) continue;
    if (only && only->id != a.id) return nullptr;
    only = &a;
  }
  return only;
}

// "They urged Russia to withdraw", opening the sentence after "The presidents
// of Ukraine, Poland and Lithuania met in Kyiv": the two or more named sides
// (people, countries, bodies; no places) of the sentence before's subject —
// the actors between its start and its first verb. Empty when fewer than
// two are named there: "they" could then be anybody.
Actors SidesBefore(const DocState& ds, uint32_t si) {
  Actors out;
  if (si == 0 || si > ds.sents.size()) return out;
  const SentenceInfo& prev = ds.sents[si - 1];
  if (!prev.chunked || prev.chunked->clauses.empty() || prev.chunked->clauses.front().verb < 0) return out;
  const ChunkedSentence& pcs = *prev.chunked;
  const uint32_t verb_at = pcs.Span(size_t(pcs.clauses.front().verb)).first;
  for (const ActorInfo& a : prev.actors) {
    if (a.dropped || a.place || a.kind == ActorKind::kPlace || a.end > verb_at) continue;
    if (std::none_of(out.begin(), out.end(), [&](const ActorInfo* o) { return o->id == a.id; })) out.push_back(&a);
  }
  if (out.size() < 2) out.clear();
  return out;
}

const ActorInfo* Vocative(const SentenceInfo& s) {
  size_t from = 0;
  if (!s.speaker_label.empty()) {
    size_t colon = s.text.find(": ");
    if (colon == std::string_view::npos || colon > 200) return nullptr;
    from = colon + 2;
  }
  // "Mr Lavrov,", "President Xi Jinping, my friend,": capitalised words
  // (a courtesy or a title, at most three) and a person, then a comma that
  // no relative clause follows ("President Biden, who arrived …" is a subject).
  for (const auto& a : s.actors) {
    if (a.dropped || a.kind != ActorKind::kPerson || a.begin < from || a.begin - from > 40) continue;
    if (s.text.substr(a.end, 2) != ", ") continue;
    std::string_view rest = s.text.substr(a.end + 2);
    if (rest.starts_with("who ") || rest.starts_with("which ") || rest.starts_with("whose ")) continue;
    std::string_view before = s.text.substr(from, a.begin - from);
    int words = 0;
    bool titles = true;
    for (size_t i = 0; i < before.size();) {
      size_t sp = before.find(' ', i);
      if (sp == std::string_view::npos) { titles = false; break; }  // the name must start a word
      if (!(before[i] >= 'A' && before[i] <= 'Z')) titles = false;
      ++words;
      i = sp + 1;
    }
    if (titles && words <= 3) return &a;
  }
  return nullptr;
}

std::string ExpletiveComplement(const ChunkedSentence& cs, const ClauseRoles& cl) {
  if (!cl.subject_inherited || cl.parent < 0 || size_t(cl.parent) >= cs.clauses.size() || cl.verb < 0) return {};
  // An infinitive ("it is Ukrainians who are dying" is a cleft, no norm).
  if (cs.tokens[cs.chunks[cl.verb].begin_token].lower != "to") return {};
  const ClauseRoles& p = cs.clauses[cl.parent];
  if (p.subject.size() != 1 || p.objects.empty() || p.verb < 0 || cs.chunks[p.verb].lemma != "be") return {};
  std::string_view it = cs.HeadText(p.subject.front());
  if (it != "It" && it != "it") return {};
  // "a great and tremendous honour": the last of the complements.
  return internal::AsciiLower(cs.HeadText(p.objects.back()));
}

namespace {
bool ClauseSides(const DocState& ds, const SentenceInfo& s, Cand* c);
bool JoinedInSides(const DocState& ds, const SentenceInfo& s, const ChunkedSentence& cs, Cand* c);

// The objects and with-partners (no places) of a clause whose verb is a
// meeting, call or visit trigger: the other side of talks held for it or in an
// infinitive of purpose after it. Nothing when its verb is none.
void MeetingVerbPartners(const DocState& ds, const SentenceInfo& s, const ChunkedSentence& cs,
                         const ClauseRoles& verb_clause, Actors* partners) {
  if (verb_clause.verb < 0) return;
  auto [vb, ve] = cs.Span(size_t(verb_clause.verb));
  const bool meeting_verb = std::any_of(s.hits.begin(), s.hits.end(), [&](const TriggerHit& h) {
    return !h.blocker() && h.begin >= vb && h.begin < ve &&
           (Meets(ds.lex.Type(h.entry->type)) || Visit(ds.lex.Type(h.entry->type)));
  });
  if (!meeting_verb) return;
  for (const auto* group : {&verb_clause.objects, &verb_clause.with_partner}) {
    for (const ActorInfo* a : ActorsOf(ds, s, cs, *group)) {
      if (!a->place && a->kind != ActorKind::kPlace) partners->push_back(a);
    }
  }
}

// "Pakistan expelled two Indian diplomats accused of spying", "freed two
// British sailors detained in March", "soldiers captured by Russia": a verb
// trigger in the past participle right after the head of a noun phrase that
// a verb before it in its clause governs (a reduced relative clause) is done
// to that phrase's actors (targets), by its own by-phrase's (sources) — never
// by the phrase itself.
// A reading of the word is a verb's past form (past tense or participle).
bool PastVerbForm(const std::string& lower) {
  const auto readings = EnglishLexicon::Get().Lemmatize(lower);
  return std::any_of(readings.begin(), readings.end(), [](const LemmaCandidate& l) {
    return l.pos == kPosVerb && l.inflection == Inflection::kPast;
  });
}

bool ReducedRelative(const SentenceInfo& s, const ChunkedSentence& cs, Cand* c) {
  if (!c->entry || c->entry->pos == 'n') return false;
  const size_t t = TriggerToken(cs, *c);
  if (t == 0 || t >= cs.tokens.size()) return false;
  const Token& trig = cs.tokens[t];
  const Token& before = cs.tokens[t - 1];
  if (!PastVerbForm(trig.lower) || (before.tag != Tag::kNoun && before.tag != Tag::kProperNoun)) return false;
  // (The phrase names those it was done to: an actor, or people — "Indian
  // diplomats", WordNet's noun.person; "EU support provided to Ukraine" is
  // the EU's own act.)
  if (!InActor(s, before.begin, before.end) && EnglishLexicon::Get().NounClass(before.lower) != 18) return false;
  // The noun phrase the participle follows, and a verb governing it before.
  int np = ChunkAt(cs, before.begin);
  if (np < 0 || cs.chunks[np].kind != ChunkKind::kNounPhrase) return false;
  // (The verb right before the phrase: "after Georgia attacked South
  // Ossetia", "Kiev still refused to" are finite verbs of their own.)
  if (np == 0 || cs.chunks[np - 1].kind != ChunkKind::kVerbGroup || !cs.chunks[np - 1].finite) return false;
  // (And no object after it: a participle of a reduced relative takes a
  // preposition, "accused of spying", "detained in March".)
  if (t + 1 < cs.tokens.size()) {
    const Tag next = cs.tokens[t + 1].tag;
    if (next == Tag::kDet || next == Tag::kProperNoun || next == Tag::kNoun || next == Tag::kPossPron ||
        next == Tag::kNumber || next == Tag::kAdj) {
      return false;
    }
  }
  const uint32_t np_begin = cs.Span(size_t(np)).first;
  std::vector<Participant> out;
  for (const ActorInfo& a : s.actors) {
    if (!a.dropped && !a.place && a.begin >= np_begin && a.end <= before.end) out.push_back({a.id, Role::kTarget});
  }
  if (out.empty()) return false;
  // Its own by-phrase: "captured by Russia".
  if (t + 2 < cs.tokens.size() && cs.tokens[t + 1].lower == "by") {
    const int agent = ChunkAt(cs, cs.tokens[t + 2].begin);
    if (agent >= 0) {
      const auto [ab, ae] = cs.Span(size_t(agent));
      for (const ActorInfo& a : s.actors) {
        if (!a.dropped && !a.place && a.begin >= ab && a.end <= ae) out.push_back({a.id, Role::kSource});
      }
    }
  }
  c->participants = std::move(out);
  return true;
}

// "Zelensky visited wounded soldiers", "paid tribute to the killed
// journalists", "liberated occupied Kherson": a verb trigger's past
// participle before the head of its noun phrase says what was done to that
// phrase's actors (targets). Nobody outside the phrase did it: not the
// clause's subject, not a side named elsewhere in the sentence.
bool AttributiveParticiple(const SentenceInfo& s, const ChunkedSentence& cs, Cand* c) {
  if (!c->entry || c->entry->pos == 'n') return false;
  const size_t t = TriggerToken(cs, *c);
  if (t + 1 >= cs.tokens.size()) return false;
  const Token& trig = cs.tokens[t];
  if (trig.lower.size() < 3 || !(trig.lower.ends_with("ed") || trig.lower.ends_with("en"))) return false;
  if (!PastVerbForm(trig.lower)) return false;
  const int np = ChunkAt(cs, trig.begin);
  if (np < 0 || cs.chunks[np].kind != ChunkKind::kNounPhrase) return false;
  const Chunk& chunk = cs.chunks[np];
  // Inside the phrase, with its head after it.
  if (t + 1 >= chunk.end_token || chunk.head <= t) return false;
  const Tag next = cs.tokens[t + 1].tag;
  if (next != Tag::kNoun && next != Tag::kProperNoun && next != Tag::kAdj) return false;
  // Opening the phrase, or after its determiner, possessive, number or an
  // adjective ("the recently freed sailors" keeps its adverb out of the phrase).
  if (t > chunk.begin_token) {
    const Tag before = cs.tokens[t - 1].tag;
    if (before != Tag::kDet && before != Tag::kPossPron && before != Tag::kNumber && before != Tag::kAdj) return false;
  }
  const uint32_t after = cs.tokens[t].end;
  const uint32_t end = cs.tokens[chunk.end_token - 1].end;
  std::vector<Participant> out;
  for (const ActorInfo& a : s.actors) {
    if (!a.dropped && a.begin >= after && a.end <= end) {
      if (a.place) c->place = a.id;
      else out.push_back({a.id, Role::kTarget});
    }
  }
  c->participants = std::move(out);
  c->attributive = true;
  return true;
}


// "Germany joined France in calling for a ceasefire", "Britain joined the
// United States in imposing sanctions on Iran": a trigger in the phrase after
// "in" that follows the object of a verb of joining (cue kind join_verb) is done by
// the one who joins and the one joined, together (both sources); the actors
// after the trigger are what it is done to.
bool JoinedInSides(const DocState& ds, const SentenceInfo& s, const ChunkedSentence& cs, Cand* c) {
  // The trigger's phrase right after "in" ("in imposing new sanctions").
  const int ch = ChunkAt(cs, c->begin);
  if (ch < 3 || cs.chunks[ch - 1].kind != ChunkKind::kPreposition ||
      cs.tokens[cs.chunks[ch - 1].begin_token].lower != "in") {
    return false;
  }
  int joined = ch - 2;
  // (Past a time between: "joined the United States on Thursday in imposing".)
  while (joined > 0 && cs.chunks[joined].kind == ChunkKind::kNounPhrase && cs.chunks[joined].temporal) {
    --joined;
    if (joined > 0 && cs.chunks[joined].kind == ChunkKind::kPreposition) --joined;
  }
  if (joined < 1 || cs.chunks[joined].kind != ChunkKind::kNounPhrase) return false;
  const Chunk& verb = cs.chunks[joined - 1];
  if (verb.kind != ChunkKind::kVerbGroup || verb.passive || !ds.lex.IsCueWord("join_verb", verb.lemma)) return false;
  int k = -1;
  for (size_t i = 0; i < cs.clauses.size(); ++i) {
    if (cs.clauses[i].verb == joined - 1) k = int(i);
  }
  if (k < 0) return false;
  Actors doers = ActorsOf(ds, s, cs, cs.clauses[k].subject);
  const Actors partners = ActorsOf(ds, s, cs, std::vector<uint32_t>{uint32_t(joined)});
  if (doers.empty() || partners.empty()) return false;
  for (const ActorInfo* a : partners) {
    if (std::find(doers.begin(), doers.end(), a) == doers.end()) doers.push_back(a);
  }
  std::vector<Participant> out;
  for (const ActorInfo* a : doers) out.push_back({a->id, Role::kSource});
  for (const Participant& p : c->participants) {
    if (std::any_of(out.begin(), out.end(), [&](const Participant& q) { return q.actor_id == p.actor_id; })) continue;
    const bool after = std::any_of(s.actors.begin(), s.actors.end(), [&](const ActorInfo& a) {
      return a.id == p.actor_id && !a.dropped && a.begin >= c->end;
    });
    out.push_back({p.actor_id, after ? Role::kTarget : p.role});
  }
  c->participants = std::move(out);
  return true;
}

}  // namespace

bool ReasonAnaphor(const SentenceInfo& s, const Cand& c) {
  // (Not talks or visits: "over the telephone" is a manner, "thanked X for
  // the visit" the day's news.)
  if (!c.entry || c.begin < 5 || !internal::IsAsciiAlnum(s.text[c.begin]) || Reciprocal(c.type) || Visit(c.type)) {
    return false;
  }
  if (internal::AsciiLower(s.text.substr(c.begin - 4, 4)) != "the ") return false;
  const uint32_t reason = ReasonPhraseAt(s, c.begin, false);
  // ("for the assistance" after a thank verb is what is thanked for: only
  // over, after, following and "in response to" name a reason here.)
  if (reason == UINT32_MAX || internal::AsciiLower(s.text.substr(reason, 4)) == "for ") return false;
  const std::string_view rest = s.text.substr(c.end);
  for (std::string_view own : {" of ", " by ", " on ", " against ", " in ", " at ", " with ", " to ", " from ",
                               " between "}) {
    if (rest.starts_with(own)) return false;
  }
  return true;
}

namespace {

// "sanctions on Iran over its supply of drones to Russia", "after its
// invasion of Ukraine": a noun trigger opened by "its" or "their" in a reason
// phrase (ReasonPhraseAt) is done by the nearest country, organisation or
// body named before it; the actors after it in its own span are its targets.
bool ReasonNounOwner(const DocState& ds, const SentenceInfo& s, const ChunkedSentence& cs, Cand* c) {
  if (!c->entry) return false;
  const size_t t = TriggerToken(cs, *c);
  if (t == 0 || t >= cs.tokens.size() || cs.tokens[t].tag != Tag::kNoun) return false;
  // "launched air strikes in response to the attack": a definite act named
  // as the reason, with nothing of its own after it, is one told before
  // (ReasonAnaphor, flagged by the dates stage); it takes no side or place of
  // the clause that answers it.
  if (c->reason_anaphor) {
    c->participants.clear();
    c->place.clear();
    return true;
  }
  const std::string& det = cs.tokens[t - 1].lower;
  if (det != "its" && det != "their") return false;
  if (ReasonPhraseAt(s, c->begin, Reciprocal(c->type) || Visit(c->type)) == UINT32_MAX) return false;
  const uint32_t det_begin = cs.tokens[t - 1].begin;
  const ActorInfo* owner = nullptr;
  for (const ActorInfo& a : s.actors) {
    if (a.dropped || a.place || a.speaker || a.end > det_begin || a.kind == ActorKind::kPerson) continue;
    if (!owner || a.begin > owner->begin) owner = &a;
  }
  if (!owner) return false;
  const OwnSpan own = OwnSpanOf(ds, s, *c);
  std::vector<Participant> out{{owner->id, Role::kSource}};
  for (const ActorInfo& a : s.actors) {
    if (a.dropped || a.place || a.id == owner->id || a.begin < c->end || a.begin >= own.end) continue;
    if (std::none_of(out.begin(), out.end(), [&](const Participant& p) { return p.actor_id == a.id; })) {
      out.push_back({a.id, Role::kTarget});
    }
  }
  c->participants = std::move(out);
  return true;
}

}  // namespace

bool EnglishClauseRoles(const DocState& ds, const SentenceInfo& s, Cand* c) {
  const bool answered = ClauseSides(ds, s, c);
  if (!s.chunked || !internal::IsAsciiAlnum(s.text[c->begin])) return answered;
  if (JoinedInSides(ds, s, *s.chunked, c)) return true;
  if (ReducedRelative(s, *s.chunked, c)) return true;
  if (AttributiveParticiple(s, *s.chunked, c)) return true;
  if (ReasonNounOwner(ds, s, *s.chunked, c)) return true;
  // "implementing the agreements on Karabakh reached by the leaders of
  // Azerbaijan, Armenia and Russia": a noun trigger's own by-phrase names its
  // doers in any clause role (the chunker hangs "reached by" on a clause of
  // its own).
  const int ch = ChunkAt(*s.chunked, c->begin);
  if (ch >= 0) {
    OwnAgentPhrase(ds, s, *s.chunked, uint32_t(ch), c, true);
    en::OwnFromPhrase(ds, s, *s.chunked, uint32_t(ch), c);
    en::OwnRelativeDoer(ds, s, *s.chunked, uint32_t(ch), c);
    if (en::BetweenSides(ds, s, *s.chunked, uint32_t(ch), c)) return true;
  }
  return answered;
}

namespace {
bool ClauseSides(const DocState& ds, const SentenceInfo& s, Cand* c) {
  if (!s.chunked || !internal::IsAsciiAlnum(s.text[c->begin])) return false;
  const ChunkedSentence& cs = *s.chunked;
  int ch = ChunkAt(cs, c->begin);
  if (ch < 0) return false;
  bool noun_object = false;
  int k = ClauseOfChunk(ds, cs, ch, &noun_object);
  if (k < 0) {
    SubjectNounSides(s, cs, uint32_t(ch), c);
    OwnAgentPhrase(ds, s, cs, uint32_t(ch), c, true);
    if (OfWithSides(ds, s, cs, uint32_t(ch), c)) {
      TopicsAfterTrigger(s, cs, c);
      return true;
    }
    const bool answered = ReportedNounRoles(ds, s, cs, uint32_t(ch), c) || SpeakersNoun(ds, s, cs, uint32_t(ch), c);
    TopicsAfterTrigger(s, cs, c);
    if (answered) return true;
    if (cs.chunks[ch].kind == ChunkKind::kNounPhrase) {
      OwnSpan own = OwnSpanOf(ds, s, *c);
      std::erase_if(c->participants, [&](const Participant& p) { return NamedForAnother(s, *c, own, p.actor_id); });
    }
    return false;
  }
  const ClauseRoles& cl = cs.clauses[k];
  // "The Council condemned the attack", "France hosted talks": a noun
  // trigger that is the object of a verb trigger does not share its subject.
  if (noun_object && cl.verb >= 0) {
    auto [vb, ve] = cs.Span(cl.verb);
    for (const auto& h : s.hits) {
      if (!h.blocker() && h.begin < ve && vb < h.end && h.begin != c->begin) return false;
    }
  }
  // "the President will observe military exercises", "watched the launch":
  // whoever a verb of watching (cue kind witness_verb) has as its subject
  // looks on; the noun's doer is not named there.
  if (noun_object && cl.verb >= 0 && ds.lex.IsCueWord("witness_verb", cs.chunks[cl.verb].lemma)) {
    for (const ActorInfo* a : ActorsOf(ds, s, cs, cl.subject)) {
      for (auto& p : c->participants) {
        if (p.actor_id == a->id) p.role = Role::kOther;
      }
    }
    return true;
  }
  // A bare participle before "by" is passive only when an actor follows
  // ("drones launched by Russia"; not "spoke by phone").
  const Chunk* vg = cl.verb >= 0 ? &cs.chunks[cl.verb] : nullptr;
  bool passive = !noun_object && vg && vg->passive &&
                       (vg->end_token - vg->begin_token >= 2 || !ActorsOf(ds, s, cs, cl.by_agent).empty());
  // "Vietnam is committed to opening", "he is prepared to lift the ban": an
  // intent said with a participle after "be" is the subject's own (an
  // adjective, not a passive), unless a by-phrase names another doer.
  // (Only a phrase trigger ending in "to": "we were promised that …" is a
  // real passive of a verb with two objects.)
  if (passive && c->type && c->type->family == "intent" && c->entry && c->entry->pos == 'x' &&
      c->entry->text.ends_with(" to") && ActorsOf(ds, s, cs, cl.by_agent).empty()) {
    passive = false;
  }
  Actors sources, targets;
  Actors subject = ActorsOf(ds, s, cs, cl.subject);
  // "Vladimir Putin: I spoke with …": in a transcript turn, "I" is the
  // speaker (the sentence's label, else the turn's); "my visit to Kiev" is
  // the speaker's.
  const ActorInfo* speaker = SpeakerOf(s);
  // "we" and "our": the speaker's side, named by the speaker.
  auto first_person = [](std::string_view w) { return w == "I" || w == "we" || w == "We"; };
  // Also in a coordinated subject: "the Federal Chancellor and I discussed";
  // and "It is a pleasure to welcome X": an infinitive after an expletive
  // "it is <noun or adjective>" is done by whoever says it.
  if (speaker && std::none_of(subject.begin(), subject.end(), [&](const ActorInfo* a) { return a->id == speaker->id; })) {
    if (ExpletiveInfinitive(ds, cs, cl)) subject = {speaker};
    for (uint32_t n : cl.subject) {
      if (first_person(cs.HeadText(n))) {
        subject.push_back(speaker);
        break;
      }
    }
  }
  // "Mr Lavrov, we agreed today that …": a two-sided act of "we" in a turn
  // addressed to someone by name is the speaker's with them.
  // Else, after talks or a call with a named guest (the document's lead
  // two-sided event of its first three sentences, the speaker one side),
  // "we agreed to continue coordinating" is the speaker with that guest.
  const bool joint = Reciprocal(c->type) || (c->type && c->type->family == "intent");
  if (speaker && joint && subject.size() == 1 && subject.front()->id == speaker->id && cl.subject.size() == 1 &&
      (cs.HeadText(cl.subject.front()) == "we" || cs.HeadText(cl.subject.front()) == "We")) {
    if (const ActorInfo* you = Vocative(s)) {
      subject.push_back(you);
    } else if (std::string guest = LeadCounterpart(ds, *speaker); !guest.empty()) {
      c->participants.push_back({guest, Role::kTarget});
    }
  }
  // "you" in a turn answers the turn before: its speaker; with no turn
  // before, in a release of talks or a call, the other party.
  if (speaker && subject.empty() && cl.subject.size() == 1) {
    std::string_view w = cs.HeadText(cl.subject.front());
    if ((w == "you" || w == "You") && s.addressee) {
      subject.push_back(s.addressee.get());
    } else if (w == "you" || w == "You") {
      const std::string other = LeadCounterpart(ds, *speaker);
      auto named = std::find_if(s.actors.begin(), s.actors.end(), [&](const ActorInfo& a) { return a.id == other; });
      if (!other.empty() && named != s.actors.end()) subject.push_back(&*named);
    }
  }
  // "He met with Kamala Harris", outside a turn: a third-person pronoun
  // opening the sentence is the person the sentence before is about.
  if (!speaker && subject.empty() && cl.subject.size() == 1 && !cl.subject_inherited) {
    std::string_view w = cs.HeadText(cl.subject.front());
    if ((w == "He" || w == "She") && cs.Span(cl.subject.front()).first == 0) {
      if (const ActorInfo* before = PersonBefore(ds, c->sentence)) subject.push_back(before);
    }
    // (a verb trigger's own subject only: "They noted the assistance the CSTO provided" is the CSTO's)
    if (w == "They" && cs.Span(cl.subject.front()).first == 0 && cs.chunks[ch].kind == ChunkKind::kVerbGroup) {
      subject = SidesBefore(ds, c->sentence);
    }
    // "Olaf Scholz said that he was visiting Kyiv": "he" or "she" inside what
    // a person is reported to say is that person (the sentence's attributed
    // speaker, named before the pronoun).
    if ((w == "he" || w == "she") && subject.empty()) {
      const uint32_t at = cs.Span(cl.subject.front()).first;
      for (const ActorInfo& a : s.actors) {
        if (a.speaker && !a.dropped && a.kind == ActorKind::kPerson && a.end <= at) subject = {&a};
      }
    }
    // "Chirac reminded Iraq that it must cooperate", "told the rebels that
    // they should disarm": "it" or "they" right after "X that", under a
    // modal of obligation, is X, the one addressed — whoever must act is
    // told so ("warned Russia that it would impose sanctions" keeps its
    // speaker: no obligation).
    if ((w == "it" || w == "they") && subject.empty() && vg) {
      const uint32_t at = cs.Span(cl.subject.front()).first;
      const ActorInfo* told = nullptr;
      for (const ActorInfo& a : s.actors) {
        if (!a.dropped && !a.place && a.kind != ActorKind::kPlace && (w == "they" || a.kind != ActorKind::kPerson) &&
            s.text.substr(a.end, at - std::min(at, a.end)) == " that ") {
          told = &a;
        }
      }
      if (told && ds.lex.IsCueWord("norm_modal", vg->modal)) {
        subject = {told};
      } else if (told && cl.parent >= 0 && size_t(cl.parent) < cs.clauses.size()) {
        for (const ActorInfo* a : ActorsOf(ds, s, cs, cs.clauses[cl.parent].subject)) {
          if (a->id != told->id && (w == "they" || a->kind != ActorKind::kPerson)) subject = {a};
        }
      }
    }
  }
  if (const ActorInfo* owner = NounPhraseOwner(ds, s, cs, uint32_t(ch), *c)) {
    subject = {owner};
    noun_object = false;
    passive = false;  // "it was agreed during my visit": the visit is still mine
    // "our meeting", "our talks": the speaker's with the other party.
    if (Reciprocal(c->type) && cs.tokens[cs.chunks[ch].begin_token].lower == "our") {
      if (std::string guest = LeadCounterpart(ds, *speaker); !guest.empty()) {
        c->participants.push_back({guest, Role::kTarget});
      }
    }
  }
  Actors partners = ActorsOf(ds, s, cs, cl.with_partner);
  // "Johnson met Zelensky in Kyiv to discuss the threat": talk in an
  // infinitive of purpose after a meeting, call or visit verb is held with
  // that verb's object and partners.
  if (Meets(c->type) && vg && vg->infinitive && partners.empty() && cl.parent >= 0 &&
      size_t(cl.parent) < cs.clauses.size() && cs.clauses[cl.parent].verb >= 0) {
    MeetingVerbPartners(ds, s, cs, cs.clauses[cl.parent], &partners);
  }
  // "Erdogan hosted Putin in Ankara for talks", "arrived in Moscow for talks
  // with Putin": talks in a for-phrase of a meeting, hosting or visit verb
  // are held by its subject with its object.
  const bool for_talks = Meets(c->type) && cs.chunks[ch].kind == ChunkKind::kNounPhrase && vg &&
                         std::any_of(cl.preps.begin(), cl.preps.end(), [&](const PrepAttachment& p) {
                           return p.prep == "for" && std::find(p.nouns.begin(), p.nouns.end(), uint32_t(ch)) != p.nouns.end();
                         });
  if (for_talks && partners.empty()) MeetingVerbPartners(ds, s, cs, cl, &partners);
  // "held talks with X": the noun's clause; the objects are the trigger itself.
  // "During an exchange of views, Putin noted Kiev's policy", "said at the
  // meeting that …": whoever speaks at a gathering takes part in it, and so
  // does whom they tell ("told Biden during their talks"); what they say is
  // no side of it.
  const bool noun_trigger = cs.chunks[ch].kind == ChunkKind::kNounPhrase;
  const bool said_at = noun_trigger && vg &&
                       (ds.lex.IsCueWord("report_verb", vg->lemma) || ds.lex.IsCueWord("topic_verb", vg->lemma)) &&
                       std::any_of(cl.preps.begin(), cl.preps.end(), [&](const PrepAttachment& p) {
                         return (p.prep == "at" || p.prep == "during") &&
                                std::find(p.nouns.begin(), p.nouns.end(), uint32_t(ch)) != p.nouns.end();
                       });
  std::vector<uint32_t> object_chunks;
  for (uint32_t n : cl.objects) {
    const Tag head = cs.chunks[n].head < cs.tokens.size() ? cs.tokens[cs.chunks[n].head].tag : Tag::kNoun;
    if (!said_at || head == Tag::kProperNoun || head == Tag::kPronoun) object_chunks.push_back(n);
  }
  Actors objects = noun_object ? Actors{} : ActorsOf(ds, s, cs, object_chunks);
  Actors prep_targets, of_targets, topics;
  // "discussed Ukraine with Macron": what talk is about is its topic, not a
  // side (cue kind topic_verb).
  // Once talk turns to its topic, every later attachment but a with-partner
  // and a place is inside it ("meetings with foreign leaders on the provision
  // by the US and NATO of guarantees", "discussed the work of RT in Germany").
  bool in_topic = false;
  if (!noun_object && vg && Meets(c->type) && ds.lex.IsCueWord("topic_verb", vg->lemma)) {
    topics = objects;
    objects.clear();
    in_topic = true;
  }
  const ActorInfo* place = nullptr;
  // "visited Minsk": a place as a visit's object is where it happened; so is
  // the place an attack or a blockade is done to ("attacked Kharkiv": its
  // country is then the target, SidesFromPlace).
  const bool done_to_place = c->type && (c->type->plover == "ASSAULT" || c->type->plover == "FIGHT" ||
                                         c->type->plover == "COERCE");
  if ((Visit(c->type) || done_to_place) && !noun_object) {
    for (uint32_t n : cl.objects) {
      const ActorInfo* pl = PlaceOf(ds, s, cs, n);
      // ("visited Moscow": the capital standing for Russia is both the host
      // and, as its city, where.)
      const bool seat = pl && Visit(c->type) && pl->metonym && !pl->city.empty();
      if (pl && (pl->place || pl->kind == ActorKind::kPlace || seat) && !place) place = pl;
    }
  }
  // A noun trigger's own attachments follow it, up to the next trigger: "my
  // visit to Kiev yesterday and today's visit to Moscow" are two visits.
  const OwnSpan own = OwnSpanOf(ds, s, *c);
  // "During a working visit to Brussels, Zelensky met Aliyev": a phrase put
  // before the subject frames a verb trigger; its actors are no sides of it.
  const uint32_t subject_at = cl.subject.empty() ? 0 : *std::min_element(cl.subject.begin(), cl.subject.end());
  for (const auto& p : cl.preps) {
    if (p.temporal) continue;
    for (uint32_t n : p.nouns) {
      if (!noun_trigger && n < subject_at) continue;
      if (noun_trigger) {
        auto [nb, ne] = cs.Span(n);
        if (ne > own.end || (!noun_object && nb < c->end)) continue;
        // Between an earlier trigger of its type and this one: that one's
        // ("my visit to Kiev yesterday and today's visit to Moscow").
        if (own.other_begin < c->begin && nb >= own.other_begin && ne <= c->begin) continue;
      }
      // "the trigger phrase's own preposition" (arrived in, travel to) and
      // in/at: where it happened; to, for a visit, too.
      bool where = p.prep == "in" || p.prep == "at" || (Visit(c->type) && p.prep == "to");
      const ActorInfo* pl = where ? PlaceOf(ds, s, cs, n) : nullptr;
      // "launched a massive attack on Odesa": the city an attack is made on
      // is where it happened (its country the target, SidesFromPlace).
      if (!pl && done_to_place && (p.prep == "on" || p.prep == "against")) {
        const ActorInfo* city = PlaceOf(ds, s, cs, n);
        if (city && city->kind == ActorKind::kPlace && !place) {
          place = city;
          continue;
        }
      }

      // "launched drones at Israel": a country after at is what a hostile
      // act aims at; talks, calls and visits happen at a seat.
      if (pl && p.prep == "at" && pl->kind == ActorKind::kCountry && !Visit(c->type) && !Meets(c->type)) {
        prep_targets.push_back(pl);
        continue;
      }
      if (pl && (pl->place || pl->kind == ActorKind::kPlace || Visit(c->type))) {
        if (!place) place = pl;
        continue;
      }
      if (p.prep == "of" && noun_object && of_targets.empty() && cs.Span(n).first >= c->end) {
        const ActorInfo* a = ActorOf(ds, s, cs, n, false);
        if (a) of_targets.push_back(a);
      }
      // "talks on Ukraine", "a call about the situation around Donbas": a
      // topic of talk; "sanctions on Iran": a target.
      if (Meets(c->type) && TopicPreposition(p.prep)) in_topic = true;
      if (Meets(c->type) && in_topic && p.prep != "with") {
        for (const ActorInfo* a : ActorsOf(ds, s, cs, std::vector<uint32_t>{n})) topics.push_back(a);
        continue;
      }
      if (p.prep == "on" || p.prep == "against" || p.prep == "to" || p.prep == "at") {
        const ActorInfo* a = ActorOf(ds, s, cs, n, false);
        if (a) prep_targets.push_back(a);
      }
    }
  }
  if (passive && Meets(c->type) && vg && ds.lex.IsCueWord("topic_verb", vg->lemma)) {
    // "The situations in Afghanistan and Libya were also discussed": the
    // subject is what was talked about; the talkers are the by-agent, else
    // the sides of the lead call or meeting (BothSides).
    sources = ActorsOf(ds, s, cs, cl.by_agent);
    for (const auto* a : subject) topics.push_back(a);
    // Nor is a place inside the topic where they talked.
    const uint32_t verb_at = cs.tokens[vg->begin_token].begin;
    if (!c->place.empty() && std::any_of(s.actors.begin(), s.actors.end(), [&](const ActorInfo& a) {
          return a.id == c->place && a.end <= verb_at;
        })) {
      c->place.clear();
    }
  } else if (passive) {
    sources = ActorsOf(ds, s, cs, cl.by_agent);
    targets = subject;
    // "Russian peacekeepers were deployed in Nagorno-Karabakh", "the troops
    // were withdrawn": what is deployed or pulled back is the doer's own
    // force — with no by-agent its owner is the source.
    if (sources.empty() && c->type && (c->type->family == "mobilize" || c->type->family == "retreat")) {
      sources = std::move(targets);
      targets.clear();
    }
  } else if (Reciprocal(c->type) &&
             !(c->type->family == "fight" && c->type->type != "clash" && subject.size() >= 2 &&
               (!cl.objects.empty() || !prep_targets.empty()))) {
    // Two sides: the first named is the source, every other side a target
    // ("Xi and Putin held talks", "Erdogan called Zelensky"). Not an attack
    // that two subjects make on something: "The US and Britain struck
    // targets in Yemen" are its joint doers.
    Actors sides = subject;
    for (const auto* group : {&objects, &partners, &prep_targets}) {
      for (const auto* a : *group) {
        if (std::find(sides.begin(), sides.end(), a) == sides.end()) sides.push_back(a);
      }
    }
    // With no subject ("talks between Russia and Belarus were held"), two or
    // more named sides still have a first one: it is the source.
    bool first_is_source = !subject.empty() || sides.size() >= 2;
    if (!sides.empty() && first_is_source) sources.push_back(sides.front());
    for (size_t i = first_is_source ? 1 : 0; i < sides.size(); ++i) targets.push_back(sides[i]);
  } else {
    // One-sided: the object; for a noun trigger its "of" phrase (the
    // blockade of Serbia); else on/against/to/at. A with-phrase is an ally
    // or an instrument here, not a side.
    sources = subject;
    targets = !objects.empty() ? objects : !of_targets.empty() ? of_targets : prep_targets;
  }
  // A visit's host is the visited place's country ("visited Minsk").
  if (Visit(c->type) && targets.empty() && place && !place->country.empty() && place->country != place->id) {
    bool known = std::any_of(sources.begin(), sources.end(), [&](const ActorInfo* a) { return a->country == place->country; });
    if (!known) c->participants.push_back({place->country, Role::kTarget});
  }
  if (Visit(c->type) && targets.empty() && place && place->kind == ActorKind::kCountry) targets.push_back(place);
  if (place) c->place = WhereId(*place);
  // A side is no place (the word-order rules took "at Israel" for one).
  for (const auto* a : prep_targets) {
    if (c->place == a->id) c->place.clear();
  }
  // An actor named only for another trigger is that one's (the other visit's).
  auto only_later = [&](const std::string& id) { return noun_trigger && NamedForAnother(s, *c, own, id); };
  // "we agreed today that the ministry would present its views to our US
  // colleagues": an actor named only in the roles of another clause (one
  // nested in this one, or the one this is nested in) is that clause's.
  const Spans elsewhere = OtherClauseSpans(cs, size_t(k));
  auto other_clause = [&](const std::string& id) {
    return !(speaker && id == speaker->id) && OnlyWithin(s, id, elsewhere);
  };
  // The one who says the sentence ("Russia, Peskov said, shelled …") is no
  // side of a clause that names its own doer ("Switzerland said it had
  // expelled …" keeps the speaker for "it").
  auto says_it = [&](const std::string& id) {
    return std::any_of(s.actors.begin(), s.actors.end(), [&](const ActorInfo& a) { return a.id == id && a.speaker; });
  };
  if (sources.empty() && targets.empty()) {
    std::erase_if(c->participants, [&](const Participant& p) { return only_later(p.actor_id); });
    // The word-order answer stands, but a topic is never a side.
    for (auto& p : c->participants) {
      if (std::any_of(topics.begin(), topics.end(), [&](const ActorInfo* a) { return a->id == p.actor_id; })) {
        p.role = Role::kOther;
      }
    }
    return false;
  }
  std::vector<Participant> out;
  auto add = [&](const std::string& id, Role r) {
    for (const auto& p : out) {
      if (p.actor_id == id) return;
    }
    out.push_back({id, r});
  };
  for (const auto* a : sources) add(a->id, Role::kSource);
  for (const auto* a : targets) add(a->id, Role::kTarget);
  // Nor is a place named only in such a clause this event's place.
  if (!place && !c->place.empty() && other_clause(c->place)) c->place.clear();
  // The word-order answer fills a role the clause left empty, never with a topic
  // — nor, once a talk noun has turned to its topic, with anything named after
  // that ("held a meeting on the security situation … to repel the aggression of
  // Russia": Russia is no side, though a later clause names it).
  uint32_t topic_from = UINT32_MAX;
  if (noun_object && in_topic) {
    for (const Token& t : cs.tokens) {
      if (t.begin >= c->end && t.tag == Tag::kPrep && TopicPreposition(t.lower)) {
        topic_from = t.begin;
        break;
      }
    }
  }
  auto after_topic = [&](const std::string& id) {
    bool named = false, before = false;
    for (const ActorInfo& a : s.actors) {
      if (a.id != id) continue;
      named = true;
      before |= a.begin < topic_from;
    }
    return topic_from != UINT32_MAX && named && !before;
  };
  // "detained two men suspected of plotting to assassinate Zelensky": when
  // the clause's object names nobody, an actor named only after a later verb
  // trigger is that act's, not this one's target.
  auto past_later_act = [&](const std::string& id) {
    if (cl.objects.empty() || !targets.empty() || noun_trigger) return false;
    bool named = false;
    for (const ActorInfo& a : s.actors) {
      if (a.id != id || a.dropped) continue;
      named = true;
      const bool behind = std::any_of(s.hits.begin(), s.hits.end(), [&](const TriggerHit& h) {
        return !h.blocker() && h.entry->pos != 'n' && h.begin >= c->end && h.end <= a.begin;
      });
      if (!behind) return false;
    }
    return named;
  };
  for (const auto& p : c->participants) {
    // (Not of talks or calls: the speaker often took part — "Tokayev has
    // told me during our telephone conversations". A visit's host is the
    // place's country, not the one who tells of it.)
    const bool two_sided = Meets(c->type);
    if (only_later(p.actor_id) || other_clause(p.actor_id) || (says_it(p.actor_id) && !sources.empty() && !two_sided)) {
      continue;
    }
    if (p.role == Role::kTarget && past_later_act(p.actor_id)) continue;
    bool own_topic = std::any_of(topics.begin(), topics.end(), [&](const ActorInfo* a) { return a->id == p.actor_id; });
    // Named only in a later clause of the topic ("… to repel the aggression of
    // Russia"): not even what the talk is about, so no participant at all.
    if (!own_topic && after_topic(p.actor_id)) continue;
    bool topic = own_topic;
    bool fill = !topic && ((p.role == Role::kSource && sources.empty()) || (p.role == Role::kTarget && targets.empty()));
    add(p.actor_id, fill ? p.role : Role::kOther);
  }
  c->participants = std::move(out);
  return true;
}
}  // namespace

}  // namespace kbq::ingest::events
