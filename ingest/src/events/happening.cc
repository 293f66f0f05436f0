// The happening test (docs/extraction.md, step 3b "Is it a happening?"): an
// English trigger whose clause talks about a kind of event rather than one
// that took place — a hypothetical or standing one, a statistic, an
// existential, a norm with a generic subject, a stance, a wish, a question — is
// no event.
// Each rule reads the grammar of the trigger's clause (chunker_en.h), not a
// list of sentences; its word classes are cue kinds in
// ingest/data/events/cues.tsv. Rules that a date can overrule ("the continued
// shelling on Monday" is one happening) apply only to a candidate with no date
// of its own.
#include <algorithm>
#include <string>
#include <string_view>

#include "events/chunker_en.h"
#include "events/stages.h"
#include "text_util.h"

namespace kbq::ingest::events {

size_t TriggerToken(const ChunkedSentence& cs, const Cand& c) {
  for (size_t i = 0; i < cs.tokens.size(); ++i) {
    if (cs.tokens[i].begin >= c.begin && cs.tokens[i].begin < c.end) return i;
  }
  return cs.tokens.size();
}

bool InActor(const SentenceInfo& s, uint32_t begin, uint32_t end) {
  return std::any_of(s.actors.begin(), s.actors.end(),
                     [&](const ActorInfo& a) { return !a.dropped && a.begin <= begin && end <= a.end; });
}

size_t TriggerHeadToken(const ChunkedSentence& cs, const Cand& c) {
  for (size_t i = 0; i < cs.tokens.size(); ++i) {
    if (cs.tokens[i].begin < c.end && c.end <= cs.tokens[i].end) return i;
  }
  return cs.tokens.size();
}

int KeepVerbOf(const DocState& ds, const ChunkedSentence& cs, int chunk) {
  if (chunk <= 0 || cs.chunks[chunk].kind != ChunkKind::kNounPhrase) return 0;
  for (const ClauseRoles& cl : cs.clauses) {
    if (cl.verb < 0 || std::find(cl.objects.begin(), cl.objects.end(), uint32_t(chunk)) == cl.objects.end()) continue;
    const Chunk& vg = cs.chunks[cl.verb];
    if (!ds.lex.IsCueWord("keep_verb", vg.lemma)) return 0;
    // Right after the verb: "keep in mind the proposals" keeps no proposal.
    if (uint32_t(chunk) != uint32_t(cl.verb) + 1) return 0;
    return vg.negated == ds.lex.IsCueWord("break_verb", vg.lemma) ? 1 : -1;
  }
  return 0;
}

namespace {

// The first token of the (at most four) modifiers before token `k` of a noun
// phrase (the, Russian, our, military, 30th, Putin's): where the phrase
// begins, so what stands before it shows what the phrase hangs on.
size_t ModifiersStart(const ChunkedSentence& cs, size_t k) {
  for (int n = 0; k > 0 && n < 4; ++n) {
    const Tag tag = cs.tokens[k - 1].tag;
    if (tag != Tag::kDet && tag != Tag::kAdj && tag != Tag::kPossPron && tag != Tag::kProperNoun &&
        tag != Tag::kPossMarker && tag != Tag::kNumber && tag != Tag::kNoun) {
      break;
    }
    --k;
  }
  return k;
}

// H1, H2: a word of `kind` among the (at most three) tokens of the trigger's
// noun phrase right before it: "the probable invasion", "any attack", "the
// temporary occupation", "far fewer cyber attacks".
bool PremodifiedBy(const DocState& ds, const ChunkedSentence& cs, size_t t, int chunk, std::string_view kind) {
  if (chunk < 0 || cs.chunks[chunk].kind != ChunkKind::kNounPhrase) return false;
  size_t first = cs.chunks[chunk].begin_token;
  for (size_t k = t, n = 0; k > first && n < 3; ++n) {
    --k;
    if (ds.lex.IsCueWord(kind, cs.tokens[k].lower)) return true;
  }
  return false;
}

// H2: a statistic over the event noun ("the number of attacks", "the volume
// of exports"): a statistic_of cue ending at most three words before it, with
// nothing but its noun phrase between.
bool Statistic(const DocState& ds, const SentenceInfo& s, const Cand& c) {
  for (const auto& cue : ds.lex.FindCues("statistic_of", s.text)) {
    if (cue.end > c.begin || c.begin - cue.end > 30) continue;
    // "a number of proposals" counts them; "the number of attacks" is a statistic.
    if (cue.begin >= 2 && s.text.substr(cue.begin - 2, 2) == "a ") continue;
    std::string_view gap = s.text.substr(cue.end, c.begin - cue.end);
    if (std::count(gap.begin(), gap.end(), ' ') <= 3 && gap.find_first_of(",;:.") == std::string_view::npos) {
      return true;
    }
  }
  return false;
}

// H3: an existential in the present: "there are far fewer attacks", "such a
// demand indeed exists". The trigger's noun phrase follows "there is/are" with
// no finite verb between, or precedes a present form of exist with none.
bool Existential(const ChunkedSentence& cs, size_t t) {
  auto present_be = [](const std::string& w) { return w == "is" || w == "are" || w == "'s" || w == "'re"; };
  for (size_t k = 0; k + 1 < cs.tokens.size() && k < t; ++k) {
    if (cs.tokens[k].lower != "there") continue;
    size_t v = k + 1;
    while (v < t && cs.tokens[v].tag == Tag::kAdv) ++v;
    if (v >= t || !present_be(cs.tokens[v].lower)) continue;
    bool verb_between = false;
    for (size_t j = v + 1; j < t; ++j) verb_between |= cs.tokens[j].tag == Tag::kVerb || cs.tokens[j].tag == Tag::kSubConj;
    if (!verb_between) return true;
  }
  for (size_t j = t + 1; j < cs.tokens.size(); ++j) {
    const Token& w = cs.tokens[j];
    if (w.lower == "exists" || w.lower == "exist") return true;
    if (w.tag == Tag::kVerb || w.tag == Tag::kAux || w.tag == Tag::kModal || w.tag == Tag::kPunct ||
        w.tag == Tag::kSubConj || w.tag == Tag::kConj) {
      break;
    }
  }
  return false;
}

// H8: the sentence is a direct question: it ends in '?' (before closing
// quotes or brackets); or the first sentence mark after the trigger is a '?'
// ("Is Russian society ready to pay … for the attempt to occupy another part
// of Ukraine? - Meanwhile, people are dying" asks only up to its '?').
bool QuestionAt(std::string_view text, uint32_t end) {
  const size_t mark = text.find_first_of(".!?", end);
  if (mark != std::string_view::npos && text[mark] == '?') return true;
  return false;
}

bool Question(std::string_view text) {
  while (!text.empty() && (text.back() == ' ' || text.back() == '"' || text.back() == ')' || text.back() == '\'')) {
    text.remove_suffix(1);
  }
  if (text.size() >= 3 && text.substr(text.size() - 3) == "\xE2\x80\x9D") text.remove_suffix(3);  // closing quote
  return !text.empty() && text.back() == '?';
}

// The clause whose verb group is chunk `vg`, or -1.
int ClauseOfVerb(const ChunkedSentence& cs, int vg) {
  for (size_t k = 0; k < cs.clauses.size(); ++k) {
    if (cs.clauses[k].verb == vg) return int(k);
  }
  return -1;
}

// H4: a verb trigger whose subject is generic ("no one can discuss", "nobody
// attacked"): its clause's subject starts with a generic_subject cue.
bool GenericSubject(const DocState& ds, const ChunkedSentence& cs, int chunk) {
  int cl = ClauseOfVerb(cs, chunk);
  if (cl < 0 || cs.clauses[cl].subject_inherited) return false;
  for (uint32_t sc : cs.clauses[cl].subject) {
    const Chunk& ch = cs.chunks[sc];
    std::string first = cs.tokens[ch.begin_token].lower;
    // "no one": the chunker keeps "no" out of the noun phrase.
    if (ch.begin_token > 0 && cs.tokens[ch.begin_token - 1].lower == "no") first = "no " + first;
    std::string two = ch.end_token - ch.begin_token > 1 ? first + " " + cs.tokens[ch.begin_token + 1].lower : first;
    if (ds.lex.IsCueWord("generic_subject", first) || ds.lex.IsCueWord("generic_subject", two)) return true;
  }
  return false;
}

// H5a for a noun trigger: the verb group its noun phrase is the subject of
// (the next one, no subordinator between) is a perfect progressive: "our
// peacekeepers have been helping … for over a year".
bool SubjectOfStanding(const ChunkedSentence& cs, int chunk) {
  if (chunk < 0 || cs.chunks[chunk].kind != ChunkKind::kNounPhrase) return false;
  for (size_t k = chunk + 1; k < cs.chunks.size(); ++k) {
    const Chunk& ch = cs.chunks[k];
    if (ch.kind == ChunkKind::kSubordinator || ch.kind == ChunkKind::kPunct) return false;
    if (ch.kind != ChunkKind::kVerbGroup) continue;
    bool been = false;
    for (size_t j = ch.begin_token; j < ch.end_token; ++j) been |= cs.tokens[j].lower == "been";
    return been && cs.tokens[ch.head].lower.ends_with("ing");
  }
  return false;
}

// H5a, H5b: the aspect of a verb trigger's group. "have been helping" is a
// standing activity; "is providing", "are cooperating" of a standing family
// (aid, cooperation, support, intent) is a standing relation.
bool StandingAspect(const DocState& ds, const ChunkedSentence& cs, size_t t, int chunk, const Cand& c) {
  if (chunk < 0 || cs.chunks[chunk].kind != ChunkKind::kVerbGroup || !cs.tokens[t].lower.ends_with("ing")) {
    return false;
  }
  const Chunk& vg = cs.chunks[chunk];
  bool been = false, present_be = false;
  for (size_t k = vg.begin_token; k < t; ++k) {
    const std::string& w = cs.tokens[k].lower;
    been |= w == "been";
    present_be |= (k == vg.begin_token || cs.tokens[k - 1].tag == Tag::kAdv || cs.tokens[k - 1].tag == Tag::kNeg) &&
                  (w == "is" || w == "are" || w == "am" || w == "'re" || w == "'m");
  }
  if (been) return true;
  return present_be && vg.modal.empty() && c.type && ds.lex.IsCueWord("standing_family", c.type->family);
}

// A frame ending at byte `from` still governs a trigger at `to`: no ';' and no
// "but" between, at most 160 bytes on.
bool Reaches(std::string_view text, uint32_t from, uint32_t to) {
  std::string_view between = text.substr(from, to > from ? to - from : 0);
  return between.find(';') == std::string_view::npos && between.find(" but ") == std::string_view::npos &&
         between.size() <= 160;
}

// H6, and H5c after a stance noun: a frame before the trigger in its sentence
// ("I hope that", "expressed hope for", "readiness to"): every trigger after
// it up to the next ';' or "but" (at most 160 bytes on) is what is wished or
// offered; with `self`, a trigger inside the frame too.
bool InFrame(const DocState& ds, const SentenceInfo& s, const Cand& c, std::string_view kind, bool self) {
  for (const auto& cue : ds.lex.FindCues(kind, s.text)) {
    if (cue.begin > c.begin || (!self && c.begin < cue.end)) continue;
    if (Reaches(s.text, cue.end, c.begin)) return true;
  }
  return false;
}

// H21: "the submarine is able not only to neutralise targets at sea but also
// to deliver strikes", "the system is capable of intercepting missiles": what
// a present copula says someone or something can do (cue kind
// capability_frame) is a capability, no happening — every trigger after it in
// its sentence up to the next ';' (a "but" only after "not only"); "was able
// to" tells a success and is no cue.
bool Capability(const DocState& ds, const SentenceInfo& s, const Cand& c) {
  for (const auto& cue : ds.lex.FindCues("capability_frame", s.text)) {
    if (cue.end > c.begin) continue;
    std::string_view between = s.text.substr(cue.end, c.begin - cue.end);
    if (between.size() > 160 || between.find(';') != std::string_view::npos) continue;
    const size_t but = between.find(" but ");
    if (but != std::string_view::npos && cue.text->find("not only") == std::string::npos &&
        between.substr(0, but).find("not only") == std::string_view::npos) {
      continue;
    }
    return true;
  }
  return false;
}

enum class Stance { kNone, kSelf, kAfter, kLasting };

// H5c: a stance adjective after a copula ("is ready to", "are also interested
// in", "remains committed to"; cue kinds stance_adj, stance_copula, adverbs
// between). kSelf: the trigger is the stance word itself (an expressed intent);
// kAfter: what follows it; kLasting: any of them under remain/stand/stay.
Stance StanceOf(const DocState& ds, const SentenceInfo& s, const ChunkedSentence& cs, const Cand& c) {
  for (size_t a = 1; a + 1 < cs.tokens.size(); ++a) {
    const Token& adj = cs.tokens[a];
    if (adj.begin > c.begin) break;
    const std::string& next = cs.tokens[a + 1].lower;
    if (!ds.lex.IsCueWord("stance_adj", adj.lower) || (next != "to" && next != "in" && next != "for")) continue;
    size_t k = a - 1;
    while (k > 0 && (cs.tokens[k].tag == Tag::kAdv || cs.tokens[k].tag == Tag::kNeg)) --k;
    if (!ds.lex.IsCueWord("stance_copula", cs.tokens[k].lower)) continue;
    if (!Reaches(s.text, adj.end, c.begin)) continue;
    if (ds.lex.IsCueWord("stance_lasting", cs.tokens[k].lower)) return Stance::kLasting;
    return c.begin < cs.tokens[a + 1].end ? Stance::kSelf : Stance::kAfter;
  }
  return Stance::kNone;
}

// H7: a noun trigger that is the subject of a modal passive of norm ("meetings
// … should be held throughout the country"): a verb group with a norm modal
// (cue kind norm_modal) and a passive after the trigger's noun phrase, no other
// finite verb between.
bool NormPassive(const DocState& ds, const ChunkedSentence& cs, int chunk) {
  if (chunk < 0 || cs.chunks[chunk].kind != ChunkKind::kNounPhrase) return false;
  for (size_t k = chunk + 1; k < cs.chunks.size(); ++k) {
    const Chunk& ch = cs.chunks[k];
    if (ch.kind == ChunkKind::kVerbGroup) {
      return ch.passive && !ch.modal.empty() && ds.lex.IsCueWord("norm_modal", ch.modal);
    }
    if (ch.kind == ChunkKind::kSubordinator) return false;
  }
  return false;
}

// H10: "considerations that we are ready to discuss": a readiness inside a
// relative clause whose verb has no object of its own (the relative word is
// its object) describes the noun the clause hangs on — a standing offer, not
// something said or done that day; so does the act it governs. The relative
// word (that, which) opens the clause at most eight words before the trigger,
// with no comma between; "told him that Russia was ready to grant asylum" has
// an object and stands.
bool RelativeReadiness(const DocState& ds, const ChunkedSentence& cs, size_t t) {
  size_t rel = cs.tokens.size(), adj = cs.tokens.size();
  for (size_t k = std::min(t + 2, cs.tokens.size()), n = 0; k-- > 0 && n < 10; ++n) {
    const Token& w = cs.tokens[k];
    if (k < t && w.tag == Tag::kPunct) return false;
    if (ds.lex.IsCueWord("stance_adj", w.lower) && adj == cs.tokens.size()) adj = k;
    if (k < t && w.tag == Tag::kRel) {
      rel = k;
      break;
    }
  }
  if (rel == cs.tokens.size() || adj == cs.tokens.size() || adj < rel) return false;
  // "ready to discuss" + no object: the word after the verb opens no phrase.
  size_t v = adj + 2;
  if (adj + 1 >= cs.tokens.size() || cs.tokens[adj + 1].lower != "to" || v >= cs.tokens.size()) return false;
  if (v + 1 >= cs.tokens.size()) return true;
  const Tag next = cs.tokens[v + 1].tag;
  return next == Tag::kPunct || next == Tag::kConj || next == Tag::kPrep || next == Tag::kAdv ||
         next == Tag::kSubConj;
}

// H11: a happening named only as a topic or a background of another noun —
// "the response by the United States to the Russian proposals" (a topic_head
// noun, then to/of/on and the trigger's noun phrase), "the decisions taken at
// the Bucharest Summit" (a background_participle cue right before it): with
// no date of its own it is mentioned, not told.
bool TopicMention(const DocState& ds, const SentenceInfo& s, const ChunkedSentence& cs, size_t t, const Cand& c) {
  // Back over the trigger's own modifiers to a preposition.
  size_t k = ModifiersStart(cs, t);
  // (A participle after its noun: "the plan was agreed during my visit" is
  // a clause of its own.)
  for (const auto& cue : ds.lex.FindCues("background_participle", s.text)) {
    if (k == 0 || cue.end != cs.tokens[k - 1].end) continue;
    size_t p = k - 1;
    while (p > 0 && cs.tokens[p].begin > cue.begin) --p;
    if (p > 0 && cs.tokens[p - 1].tag == Tag::kNoun) return true;
  }
  if (k == 0) return false;
  const std::string& prep = cs.tokens[k - 1].lower;
  if (prep != "to" && prep != "of" && prep != "on") return false;
  // The head noun at most eight words before, no punctuation or verb between.
  for (size_t j = k - 1, n = 0; j-- > 0 && n < 8; ++n) {
    const Token& w = cs.tokens[j];
    if (w.tag == Tag::kPunct || w.tag == Tag::kVerb || w.tag == Tag::kAux || w.tag == Tag::kModal) return false;
    if (ds.lex.IsCueWord("topic_head", w.lower)) return c.begin > w.end;
  }
  return false;
}

// H13: a happening named only inside another noun's phrase — "the
// implementation of the agreements", "an excuse for the deployment of
// troops", "the agenda of the Geneva talks", "concerns about the build-up":
// the trigger's noun phrase is the object of a preposition (cue kind
// mention_prep) that hangs on a common noun. It is told when that noun is a
// part, a frame or a record of it (cue kind frame_noun: a round of talks, the
// start of the fighting, the participants of the meeting) or a time (six months of
// fighting), or when the whole phrase hangs on a time preposition (cue kind
// time_prep: after the results of the talks); a thanks for it (cue kind
// thank_noun) is told as the thanks. With no date of its own it is
// mentioned, not told.
bool NounPhraseMention(const DocState& ds, const SentenceInfo& s, const ChunkedSentence& cs, size_t t) {
  size_t k = ModifiersStart(cs, t);
  // A later item of a list hangs where its first item does: "assessments of
  // the latest international events, negotiations and contacts".
  for (int items = 0; items < 4 && k >= 2; ++items) {
    const Token& sep = cs.tokens[k - 1];
    if (sep.text != "," && sep.lower != "and" && sep.lower != "or") break;
    if (cs.tokens[k - 2].tag != Tag::kNoun) break;
    size_t first = ModifiersStart(cs, k - 2);
    if (first == k - 2 && cs.tokens[first].tag != Tag::kNoun) break;
    k = first;
  }
  if (k < 2 || cs.tokens[k - 1].tag != Tag::kPrep || !ds.lex.IsCueWord("mention_prep", cs.tokens[k - 1].lower)) {
    return false;
  }
  const Token& gov = cs.tokens[k - 2];
  if (gov.tag != Tag::kNoun || gov.capitalised || (gov.closed & kTimeNoun) ||
      ds.lex.IsCueWord("frame_noun", gov.lower) || ds.lex.IsCueWord("frame_noun", gov.lemma) ||
      ds.lex.IsCueWord("thank_noun", gov.lower)) {  // gratitude for the support: the thanks (governed_sides.cc)
    return false;
  }
  if (InActor(s, gov.begin, gov.end)) return false;
  // Back over the governing noun's own modifiers to what it hangs on.
  const size_t g = ModifiersStart(cs, k - 2);
  if (g > 0 && ds.lex.IsCueWord("time_prep", cs.tokens[g - 1].lower)) return false;
  // A verb of reason's object before "for" leaves the phrase to the verb:
  // "thanked the French leader for his support", "blamed the rebels for the
  // attack" (cue kind reason_verb); "offered condolences on the death" and
  // "announced a moratorium on the deployment" hang on the noun.
  const Token& verb = cs.tokens[g > 0 ? g - 1 : 0];
  return !(g > 0 && verb.tag == Tag::kVerb && cs.tokens[k - 1].lower == "for" &&
           ds.lex.IsCueWord("reason_verb", verb.lemma));
}

// H19: "refusing to abide by the Minsk Agreements", "to implement the
// agreements we reached in Kyiv", "projects planned under this agreement": an
// agreement or a truce that a clause keeps or breaks (the object of a verb of
// cue kind keep_verb, or of its particle: abide by, comply with) or that
// something is done under is an earlier act named; with no date of its own it
// is not told again.
bool KeptAgreement(const DocState& ds, const ChunkedSentence& cs, int chunk, const Cand& c) {
  if (!c.type || chunk < 0) return false;
  // "have kept their promise to refrain from …", "broke its pledge": a
  // promise kept or broken was made before.
  if (c.type->family == "intent") return KeepVerbOf(ds, cs, chunk) != 0;
  if (c.type->family != "agreement" && c.type->family != "ceasefire") return false;
  const uint32_t ch = uint32_t(chunk);
  // Its own participle naming its doers tells it: "implementing the
  // agreements on trade reached by the leaders of Germany, France and India".
  for (size_t k = ch + 1; k + 1 < cs.chunks.size() && k <= ch + 3; ++k) {
    if (cs.chunks[k].kind == ChunkKind::kVerbGroup && cs.chunks[k + 1].kind == ChunkKind::kPreposition &&
        cs.tokens[cs.chunks[k + 1].begin_token].lower == "by") {
      return false;
    }
  }
  // Right after the verb, whatever the clauses made of it ("to implement the
  // agreements reached in Vilnius": the participle took them as its subject).
  if (ch > 0 && cs.chunks[ch - 1].kind == ChunkKind::kVerbGroup &&
      ds.lex.IsCueWord("keep_verb", cs.chunks[ch - 1].lemma)) {
    return true;
  }
  auto holds = [&](const std::vector<uint32_t>& v) { return std::find(v.begin(), v.end(), ch) != v.end(); };
  for (const ClauseRoles& cl : cs.clauses) {
    const bool keep = cl.verb >= 0 && ds.lex.IsCueWord("keep_verb", cs.chunks[cl.verb].lemma);
    if (keep && (holds(cl.objects) || (cl.particle == "with" && holds(cl.with_partner)))) return true;
    for (const auto& p : cl.preps) {
      if (holds(p.nouns) && (p.prep == "under" || (keep && p.prep == cl.particle))) return true;
    }
  }
  return false;
}

// H12: "Kyiv has insisted on direct talks for seven years now": a verb in
// the present perfect with a duration of years after it in its clause ("for
// seven years", "for decades"; cue kind standing_duration for the word-less
// forms) is a standing stance or habit, not the day's news; so is one to come
// with "will" ("we will cooperate with you for many years to come").
bool PerfectForYears(const DocState& ds, const SentenceInfo& s, const ChunkedSentence& cs, size_t t, int chunk) {
  if (chunk < 0 || cs.chunks[chunk].kind != ChunkKind::kVerbGroup) return false;
  const Chunk& vg = cs.chunks[chunk];
  bool perfect = vg.modal == "will";
  for (size_t k = vg.begin_token; k < t; ++k) {
    const std::string& w = cs.tokens[k].lower;
    perfect |= w == "has" || w == "have";
  }
  if (!perfect) return false;
  const Span& cl = s.clauses[ClauseOf(s.clauses, cs.tokens[t].begin)];
  std::string_view rest = s.text.substr(cs.tokens[t].end, cl.end > cs.tokens[t].end ? cl.end - cs.tokens[t].end : 0);
  if (ds.lex.HasCue("standing_duration", rest)) return true;
  // "for seven years", "for 30 years": for, one or two words, a unit.
  for (size_t at = rest.find(" for "); at != std::string_view::npos; at = rest.find(" for ", at + 1)) {
    std::string_view after = rest.substr(at + 5, std::min<size_t>(rest.size() - at - 5, 24));
    for (std::string_view unit : {" years", " decades", " months"}) {
      size_t u = after.find(unit);
      if (u != std::string_view::npos && std::count(after.begin(), after.begin() + u, ' ') <= 1) return true;
    }
  }
  return false;
}

}  // namespace

bool NoHappening(const DocState& ds, const SentenceInfo& s, uint32_t si, const Cand& c) {
  if (!s.chunked || !internal::IsAsciiAlnum(s.text[c.begin])) return false;
  const ChunkedSentence& cs = *s.chunked;
  size_t t = TriggerToken(cs, c);
  if (t >= cs.tokens.size()) return false;
  int chunk = ChunkAt(cs, c.begin);
  const bool undated = c.basis.empty();
  const bool noun = chunk >= 0 && cs.chunks[chunk].kind == ChunkKind::kNounPhrase;
  // H1: hypothetical or any-event nouns, dated or not; standing ones undated.
  if (noun && (PremodifiedBy(ds, cs, t, chunk, "unreal_adj") || PremodifiedBy(ds, cs, t, chunk, "generic_det"))) {
    return true;
  }
  // H10, dated or not: a date in the sentence is not the readiness's own.
  if (RelativeReadiness(ds, cs, t)) return true;
  // "No one was hurt" is a toll of a disaster (tolls.cc), not a non-event.
  const bool toll = c.type && c.type->family == "casualties";
  if (!undated) return !toll && GenericSubject(ds, cs, chunk);
  if (noun && !OccurrenceVerbBefore(ds, s, c.begin) &&
      (PremodifiedBy(ds, cs, t, chunk, "standing_adj") || PremodifiedBy(ds, cs, t, chunk, "comparative_quant") ||
       Statistic(ds, s, c) || Existential(cs, t) || NormPassive(ds, cs, chunk))) {
    return true;
  }
  if (!toll && GenericSubject(ds, cs, chunk)) return true;
  if (noun && TopicMention(ds, s, cs, t, c)) return true;
  if (noun && NounPhraseMention(ds, s, cs, t)) return true;
  if (noun && KeptAgreement(ds, cs, chunk, c)) return true;
  // H15: "I have repeatedly pointed out at our CSTO meetings", "Russia has
  // repeatedly shelled the town": a frequency adverb (cue kind
  // frequency_adverb) before the trigger in its clause tells a habit or a
  // series; with no date of its own no one happening of it is told.
  // H16: after it too — "appeals … are voiced in the United Nations all the
  // time", "we meet often" — in its own clause: no comma, "that" or "which"
  // between ("during the meeting it was noted that … every week" is not the
  // meeting's habit); not in the headline, which tells the day's happening.
  const Span& clause = s.clauses[c.clause];
  for (const auto& cue : ds.lex.FindCues("frequency_adverb", s.text)) {
    if (cue.begin >= clause.begin && cue.end <= c.begin) return true;
    if (si >= ds.HeadlineSentences() && cue.begin >= c.end && cue.end <= clause.end) {
      std::string_view gap = s.text.substr(c.end, cue.begin - c.end);
      if (gap.find_first_of(",;:(") == std::string_view::npos && gap.find(" that ") == std::string_view::npos &&
          gap.find(" which ") == std::string_view::npos && gap.find(" - ") == std::string_view::npos &&
          std::count(gap.begin(), gap.end(), ' ') <= 14) {
        return true;
      }
    }
  }
  // H17: "they imposed five sanction packages on us", "36 meetings were
  // held", "several rounds of talks": a plural trigger noun counted by a
  // number above one or a quantifier (cue kind series_quant) in its phrase
  // is a series; with no date of its own no one happening of it is told.
  // Not what one act holds several of: "four agreements have been signed",
  // "our three key demands", "several more proposals" (a content family).
  const bool content = c.type && (c.type->family == "agreement" || c.type->family == "demand" ||
                                  c.type->family == "statement" ||
                                  c.type->family == "intent");
  if (noun && !toll && !content && cs.tokens[cs.chunks[chunk].head].inflection == Inflection::kPlural) {
    for (size_t k = cs.chunks[chunk].begin_token; k < t; ++k) {
      const std::string& w = cs.tokens[k].lower;
      // (a year is no count: "the Allied Resolve 2022 military exercises")
      const bool count = !w.empty() && std::all_of(w.begin(), w.end(), [](char ch) { return ch >= '0' && ch <= '9'; }) &&
                         w.size() <= 3 && std::stoi(w) > 1;
      if (count || ds.lex.IsCueWord("series_quant", w)) return true;
    }
  }
  // H20: "I get phone calls from producers", "we hold joint exercises in
  // India and Russia": a plural trigger noun that is the object of a verb of
  // cue kind habit_verb (get, hold, conduct, face …) in the simple present
  // tells what happens again and again; with no date of its own no one
  // happening of it is told. Not in the headline, whose present tells the
  // day's news, and not a content one act holds several of; "we expect
  // negotiations" looks ahead, no habit.
  if (noun && !toll && !content && si >= ds.HeadlineSentences() &&
      cs.tokens[cs.chunks[chunk].head].inflection == Inflection::kPlural) {
    for (const ClauseRoles& cl : cs.clauses) {
      if (cl.verb < 0 || std::find(cl.objects.begin(), cl.objects.end(), uint32_t(chunk)) == cl.objects.end()) continue;
      const Chunk& vg = cs.chunks[cl.verb];
      const Token& v = cs.tokens[vg.begin_token];
      const bool simple_present = vg.end_token == vg.begin_token + 1 && vg.finite && !vg.infinitive && vg.modal.empty() &&
                                  ds.lex.IsCueWord("habit_verb", vg.lemma) && v.tag == Tag::kVerb &&
                                  (v.inflection == Inflection::kThirdPerson || v.inflection == Inflection::kBase);
      if (simple_present) return true;
    }
  }
  // H18: "a council where all these matters are being discussed", "we are
  // being urged to implement the agreements": a present progressive passive
  // with no date of its own tells a process that goes on, no one happening.
  if (chunk >= 0 && cs.chunks[chunk].kind == ChunkKind::kVerbGroup && cs.chunks[chunk].passive) {
    const Chunk& vg = cs.chunks[chunk];
    bool present = false, being = false;
    for (uint32_t k = vg.begin_token; k < vg.end_token; ++k) {
      const std::string& w = cs.tokens[k].lower;
      present |= !being && (w == "is" || w == "are" || w == "am");
      being |= w == "being";
    }
    if (present && being) return true;
  }
  // H21: "Ukraine is negotiating with partners to create reserves", "we are
  // working on it": a verb of a process (cue kind process_verb) in the
  // present progressive, with no date of its own, tells what goes on, no one
  // happening ("Russian forces are shelling Kharkiv" is no process verb).
  if (chunk >= 0 && cs.chunks[chunk].kind == ChunkKind::kVerbGroup && !cs.chunks[chunk].passive &&
      ds.lex.IsCueWord("process_verb", cs.chunks[chunk].lemma) &&
      cs.tokens[t].inflection == Inflection::kGerund) {
    const Chunk& vg = cs.chunks[chunk];
    bool present = false;
    for (uint32_t k = vg.begin_token; k < vg.end_token; ++k) {
      const std::string& w = cs.tokens[k].lower;
      present |= w == "is" || w == "are" || w == "am" || w == "'re" || w == "'s";
    }
    if (present) return true;
  }
  // "keep up the shelling", "continue their attacks": an act kept up or
  // continued (cue kind keep_up_verb right before its noun) is repeated, no
  // one happening ("is continuing his visit" is the visit of the day).
  if (noun && t > 0 && !Visit(c.type)) {
    size_t k = t;
    while (k > 0 && (cs.tokens[k - 1].tag == Tag::kDet || cs.tokens[k - 1].tag == Tag::kAdj ||
                     cs.tokens[k - 1].tag == Tag::kPossPron)) {
      --k;
    }
    const std::string two = k >= 2 ? cs.tokens[k - 2].lower + " " + cs.tokens[k - 1].lower : "";
    if (k >= 1 && (ds.lex.IsCueWord("keep_up_verb", cs.tokens[k - 1].lower) || ds.lex.IsCueWord("keep_up_verb", two))) {
      return true;
    }
  }
  // H14: "if US and NATO missile systems are deployed in Ukraine", "unless
  // the talks resume": an act in a condition (cue kind condition before it in
  // its clause, no comma between) may happen; with no date of its own it is
  // no event of the day (with one it stays, planned: attribution.cc).
  if (CueBeforeTrigger(ds, s, c, "condition")) return true;
  if (PerfectForYears(ds, s, cs, t, chunk)) return true;
  // H9: "it is important to cooperate with India", "it is time to impose
  // sanctions": an act (verb or object) in an infinitive after expletive "it
  // is" states a norm, unless a
  // courtesy (cue kind courtesy_it) makes it the speaker's own.
  for (const ClauseRoles& cl : cs.clauses) {
    bool own = cl.verb >= 0 && (cs.Covers(size_t(cl.verb), c.begin) ||
                                std::any_of(cl.objects.begin(), cl.objects.end(),
                                            [&](uint32_t n) { return cs.Covers(n, c.begin); }));
    if (!own) continue;
    std::string complement = ExpletiveComplement(cs, cl);
    if (!complement.empty() && !ds.lex.IsCueWord("courtesy_it", complement)) return true;
    break;
  }
  // H8: a direct question ("Do you intend to invade Ukraine?") asks, it
  // reports nothing; with no date of its own its events are none.
  if (Question(s.text) || QuestionAt(s.text, c.end)) return true;
  // The headline (sentence 0) says what happened in the present tense.
  if (si > 0 && (StandingAspect(ds, cs, t, chunk, c) || SubjectOfStanding(cs, chunk))) return true;
  // "is ready to negotiate": the readiness is an expressed intent (CAMEO 03x,
  // PLOVER AGREE), the negotiation no happening — but a readiness to coerce or
  // to use force is a threat (CAMEO 13x), kept; "remains committed to" is a
  // lasting stance, itself none.
  const bool hostile = c.type && c.type->cameo != "-" && c.type->cameo >= "13";
  Stance stance = StanceOf(ds, s, cs, c);
  if (stance == Stance::kLasting || (stance == Stance::kAfter && !hostile)) return true;
  // "we are firmly committed to further developing our ties", "ready to
  // continue the dialogue": a stance towards what already goes on (cue kind
  // continuation after the stance) is a lasting one.
  if (stance == Stance::kSelf && c.end + 1 < s.text.size()) {
    std::string_view after = s.text.substr(c.end + 1);
    for (const auto& cue : ds.lex.FindCues("continuation", after.substr(0, std::min<size_t>(after.size(), 24)))) {
      if (cue.begin == 0) return true;
    }
  }
  return (!hostile && InFrame(ds, s, c, "stance_noun", false)) || InFrame(ds, s, c, "wish_frame", true) ||
         Capability(ds, s, c);
}

}  // namespace kbq::ingest::events
