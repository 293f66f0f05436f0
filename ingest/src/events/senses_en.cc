// Stage 1 (English sense rules that need the chunker): which event, if any,
// a verb trigger names in its clause — "called the decision a mistake" is
// criticism, "provides Ukraine with great opportunities" no aid, "welcomed
// Macron" a hosted visit. Declared in stages.h; docs/extraction.md, step 1.
#include <algorithm>
#include <string>

#include "events/roles_en.h"
#include "text_util.h"

namespace kbq::ingest::events {

using en::ActorOf;
using en::ClauseOfChunk;

namespace {

// Every phrase of `nodes` names no actor and is headed by an abstract noun by
// WordNet (EnglishLexicon::AbstractNoun): "great opportunities", "standards".
bool AllAbstract(const DocState& ds, const SentenceInfo& s, const ChunkedSentence& cs,
                 const std::vector<uint32_t>& nodes) {
  const EnglishLexicon& en = EnglishLexicon::Get();
  return std::all_of(nodes.begin(), nodes.end(), [&](uint32_t n) {
    return !ActorOf(ds, s, cs, n, true) && en.AbstractNoun(cs.HeadText(n));
  });
}

}  // namespace

const EventTypeInfo* EnglishVerbSense(const DocState& ds, const SentenceInfo& s, const TriggerHit& h,
                                      const EventTypeInfo* type) {
  if (!s.chunked || !internal::IsAsciiAlnum(s.text[h.begin])) return type;
  const ChunkedSentence& cs = *s.chunked;
  int ch = ChunkAt(cs, h.begin);
  // A verb trigger's present participle modifying a noun ("promising
  // samples", "the ruling party", "returning troops"): no act of its own.
  if (ch >= 0 && cs.chunks[ch].kind == ChunkKind::kNounPhrase && h.entry->pos == 'v') {
    const Chunk& np = cs.chunks[ch];
    std::string_view word = s.text.substr(h.begin, h.end - h.begin);
    // (-ing only: a past form before a name is more often a misread finite
    // verb, "Russian forces shelled Kharkiv", than "the agreed plan" — but
    // not after a preposition, an article or a possessive: "in occupied
    // Donetsk", "the occupied territories" tell a state, no act.)
    size_t t = np.begin_token;
    while (t < np.end_token && cs.tokens[t].begin < h.begin) ++t;
    const Token* before = t > 0 ? &cs.tokens[t - 1] : nullptr;
    const bool article = before && (before->lower == "the" || before->lower == "a" || before->lower == "an" ||
                                     before->tag == Tag::kPossPron);
    bool participle = word.ends_with("ing") ||
                      (word.ends_with("ed") && before && (before->tag == Tag::kPrep || article));
    if (participle && !np.temporal && word.find(' ') == std::string_view::npos && np.head < cs.tokens.size() &&
        cs.tokens[np.head].begin >= h.end) {
      return nullptr;
    }
  }
  // "a conference call on COVID-19": a phrasal verb trigger whose first word
  // is the head of a compound noun ("conference call", "video call") is that
  // noun, not the phrasal verb ("call on" = appeal to). ("A call on
  // governments", "the same offer to Trump" are the phrasal's own nouns, and
  // one-word verb entries match their nouns on purpose: "the visit".)
  const bool phrasal = s.text.substr(h.begin, h.end - h.begin).find(' ') != std::string_view::npos;
  if (phrasal && ch >= 0 && cs.chunks[ch].kind == ChunkKind::kNounPhrase && h.entry->pos == 'v') {
    size_t t = 0;
    while (t < cs.tokens.size() && cs.tokens[t].begin < h.begin) ++t;
    if (t > 0 && t < cs.tokens.size() && cs.tokens[t].tag == Tag::kNoun && t > cs.chunks[ch].begin_token &&
        cs.tokens[t - 1].tag == Tag::kNoun && !(cs.tokens[t - 1].possible & kPosAdj)) {
      return nullptr;
    }
  }
  // "a strike by dock workers", "a 24-hour strike over pay": the bare noun
  // strike (military by default) is a labour strike when people named by a
  // common noun (WordNet noun.person or noun.group: workers, unions) strike
  // ("by" right after it) or a cue word of kind labour_issue follows "over"
  // or "for" (pay, wages, pensions).
  if (type && type->plover == "FIGHT" && h.entry->pos == 'n' &&
      internal::AsciiLower(s.text.substr(h.begin, h.end - h.begin)) == "strike") {
    size_t t = 0;
    while (t < cs.tokens.size() && cs.tokens[t].begin < h.end) ++t;
    if (t + 1 < cs.tokens.size()) {
      const std::string& prep = cs.tokens[t].lower;
      // (The head of the phrase after it: "dock workers".)
      const int np = ChunkAt(cs, cs.tokens[t + 1].begin);
      const size_t k = np >= 0 && cs.chunks[np].kind == ChunkKind::kNounPhrase ? cs.chunks[np].head : t + 1;
      if (k >= cs.tokens.size()) return type;
      const Token& w = cs.tokens[k];
      const int cls = EnglishLexicon::Get().NounClass(w.lower);
      const bool strikers = prep == "by" && !InActor(s, w.begin, w.end) && !w.capitalised && (cls == 14 || cls == 18);
      const bool issue = (prep == "over" || prep == "for") && ds.lex.IsCueWord("labour_issue", w.lower);
      if (strikers || issue) return ds.lex.Type("strike");
    }
  }
  // A verb entry that names its event only as a verb (cue kind verb_only)
  // read as a noun is none: "the fight against corruption", "the Battle of
  // Moscow", "its finance and economy block"; its gerund is ("heavy
  // fighting near Bakhmut", the noun entry "fighting").
  const bool verb_only = h.entry->pos == 'v' && ds.lex.IsCueWord("verb_only", h.entry->text);
  if (verb_only && (ch < 0 || cs.chunks[ch].kind != ChunkKind::kVerbGroup)) {
    return s.text.substr(h.begin, h.end - h.begin).ends_with("ing") ? type : nullptr;
  }
  if (ch < 0 || cs.chunks[ch].kind != ChunkKind::kVerbGroup) return type;
  bool object = false;
  int k = ClauseOfChunk(ds, cs, ch, &object);
  if (k < 0) return type;
  const ClauseRoles& cl = cs.clauses[k];
  const std::string& lemma = cs.chunks[ch].lemma;
  // "gives Russia a solid foundation", "provides Ukraine with great
  // opportunities": a verb of giving is aid only when what it gives is no
  // abstract thing (WordNet's most frequent sense of the head: an idea, a
  // state, a relation; EnglishLexicon::AbstractNoun) — weapons, money, help
  // and supplies are aid. What is given: the objects that name no actor, else
  // the with-phrase ("provided Ukraine with weapons").
  if (type && type->type == "aid" && !cs.chunks[ch].passive) {
    std::vector<uint32_t> given;
    for (uint32_t n : cl.objects) {
      // (A pronoun is whom it is given to: "providing me with detailed
      // analytical information".)
      if (cs.tokens[cs.chunks[n].head].tag == Tag::kPronoun) continue;
      if (!ActorOf(ds, s, cs, n, true)) given.push_back(n);
    }
    if (given.empty() && !cl.with_partner.empty()) given = {cl.with_partner.front()};  // (the first: "with information about … with the US President")
    if (!given.empty() && AllAbstract(ds, s, cs, given)) return nullptr;
  }
  // "25 planes with the aid of partners arrived in Ukraine", "the vaccine
  // arrived in Hungary": a thing (WordNet's artifact, food, possession or
  // substance: noun files 6 13 21 27) that arrives
  // or visits names no visit; people, delegations and troops do (pronouns,
  // names and capitalised seats are never read as things: "I will visit",
  // "the Kremlin hosted").
  if (type && type->family == "visit" && !cs.chunks[ch].passive && !cl.subject.empty() && !cl.subject_inherited) {
    const EnglishLexicon& en = EnglishLexicon::Get();
    bool things = std::all_of(cl.subject.begin(), cl.subject.end(), [&](uint32_t n) {
      const Token& head = cs.tokens[cs.chunks[n].head];
      if (ActorOf(ds, s, cs, n, true) || head.tag != Tag::kNoun || head.capitalised || head.closed) return false;
      const int cls = en.NounClass(head.lower);
      return cls == 6 || cls == 13 || cls == 21 || cls == 27;
    });
    if (things) return nullptr;
  }
  // "the train meets Ukrainian and European standards", "meet the needs of
  // the army": meeting an abstract thing (EnglishLexicon::AbstractNoun) that
  // names no actor is fulfilling it, no meeting.
  // (A direct object right after the verb, not a time: "we first met 13
  // years ago".)
  if (type && type->type == "meeting" && lemma == "meet" && !cs.chunks[ch].passive && !cl.objects.empty() &&
      cs.chunks[cl.objects.front()].begin_token == cs.chunks[ch].end_token) {
    const bool abstract =
        std::none_of(cl.objects.begin(), cl.objects.end(), [&](uint32_t n) { return cs.chunks[n].temporal; }) &&
        AllAbstract(ds, s, cs, cl.objects);
    // "would not meet the hostage-takers' demands": meeting a demand (cue
    // kind yield_object) yields to it, CAMEO 083; not meeting it refuses.
    if (abstract && ds.lex.IsCueWord("yield_object", internal::AsciiLower(cs.HeadText(cl.objects.front())))) {
      return ds.lex.Type("concede");
    }
    if (abstract) return nullptr;
  }
  // "died at the age of 89", "died after a long illness": a natural death
  // (cue kind natural_death, within a few words after the verb) is no
  // casualty of a conflict or a disaster.
  if (type && type->type == "casualties" && lemma == "die") {
    for (const auto& cue : ds.lex.FindCues("natural_death", s.text)) {
      if (cue.begin >= h.end && cue.begin - h.end <= 24) return nullptr;
    }
  }
  // "will withdraw its troops unless the talks resume": an act promised on a
  // condition the other side must meet is a threat (CAMEO 13), whatever the act.
  const std::string& modal = cs.chunks[ch].modal;
  if ((modal == "will" || modal == "would") && !cs.chunks[ch].negated && type && type->plover != "THREATEN") {
    size_t unless = s.text.find(" unless ", h.end);
    if (unless != std::string_view::npos && unless - h.end < 200) {
      if (const EventTypeInfo* threat = ds.lex.Type("threaten")) return threat;
    }
  }
  // "we are warning that an endless discussion is unacceptable": a warning
  // that states a view, with no act to come in its clause (no will, would,
  // could, may, might, shall), is a statement; "warned that it would respond"
  // stays a threat.
  if (lemma == "warn" && type && type->plover == "THREATEN") {
    size_t that = s.text.find(" that ", h.end);
    if (that != std::string_view::npos && that - h.end <= 12) {
      std::string_view rest = s.text.substr(that + 6);
      size_t stop = rest.find_first_of(".;");
      rest = rest.substr(0, stop);
      const std::string padded = " " + std::string(rest) + " ";
      bool act_to_come = false;
      for (std::string_view m : {" will ", " would ", " could ", " may ", " might ", " shall ", "'ll ", " won't "}) {
        act_to_come |= padded.find(m) != std::string::npos;
      }
      if (!act_to_come) {
        if (const EventTypeInfo* st = ds.lex.Type("statement")) return st;
      }
    }
  }
  // "Israel and Hamas fought in Gaza", "government troops fought rebels near
  // Goma": a verb of combat (cue kind combat_verb) is an armed clash only
  // between two sides — actors, or armed forces (cue kind armed_force) —
  // among its subject, objects, with- and against-phrases; "fight
  // corruption", "soldiers fighting for their land" name no clash.
  if (type && ds.lex.IsCueWord("combat_verb", lemma) && !cs.chunks[ch].passive) {
    std::vector<std::string> ids;
    int forces = 0;
    auto count = [&](const std::vector<uint32_t>& nodes) {
      for (uint32_t n : nodes) {
        const en::Actors named = en::ActorsOf(ds, s, cs, std::vector<uint32_t>{n});
        for (const ActorInfo* a : named) {
          if (std::find(ids.begin(), ids.end(), a->id) == ids.end()) ids.push_back(a->id);
        }
        if (named.empty() && ds.lex.IsCueWord("armed_force", internal::AsciiLower(cs.HeadText(n)))) ++forces;
      }
    };
    count(cl.subject);
    count(cl.objects);
    count(cl.with_partner);
    for (const auto& p : cl.preps) {
      if (p.prep == "against") count(p.nouns);
    }
    // "Taliban members are fighting each other": one side against itself.
    const std::string_view rest = s.text.substr(h.end);
    if (rest.starts_with(" each other") || rest.starts_with(" one another")) forces += 2;
    if (ids.size() + size_t(forces) < 2) return nullptr;
  }
  // "measures to support families with children", "support small and
  // medium-sized businesses": support given to people or a group named by a
  // common noun (WordNet noun.person or noun.group, no actor's name) is
  // domestic help, no endorsement (CAMEO 051) of anyone; "supported the
  // proposal", "support Ukraine" are, and so is support of a polity, an ally
  // or a law (cue kind endorsed_group: "support our country", "supporting
  // this important law", "support our partners").
  if (type && type->type == "praise" && lemma == "support" && !cs.chunks[ch].passive && !cl.objects.empty()) {
    const EnglishLexicon& en = EnglishLexicon::Get();
    const bool people = std::all_of(cl.objects.begin(), cl.objects.end(), [&](uint32_t n) {
      const Token& head = cs.tokens[cs.chunks[n].head];
      const int cls = en.NounClass(head.lower);
      return !ActorOf(ds, s, cs, n, true) && head.tag == Tag::kNoun && !head.capitalised && (cls == 14 || cls == 18) &&
             !ds.lex.IsCueWord("endorsed_group", head.lower);
    });
    if (people) return nullptr;
  }
  // "which is demonstrated by the fact", "demonstrated their commitment":
  // demonstrating something (an object, or a passive) shows it; protesters
  // demonstrate with no object ("thousands demonstrated in Tbilisi").
  if (type && type->plover == "PROTEST" && lemma == "demonstrate" &&
      (cs.chunks[ch].passive || !cl.objects.empty())) {
    return nullptr;
  }
  // "cannot agree with the opinion of the President", "agreed with Scholz's
  // assessment": agreeing with a view (a with-phrase headed by an abstract
  // noun, EnglishLexicon::AbstractNoun, or a cue word of kind view_noun,
  // that is no actor's name) concurs, it makes no agreement; "agreed with
  // Russia on a deal" does.
  if (type && type->type == "agreement" && lemma == "agree" && !cl.with_partner.empty()) {
    const EnglishLexicon& en = EnglishLexicon::Get();
    const bool view = std::all_of(cl.with_partner.begin(), cl.with_partner.end(), [&](uint32_t n) {
      const Token& head = cs.tokens[cs.chunks[n].head];
      return !InActor(s, head.begin, head.end) && head.tag == Tag::kNoun &&
             (en.AbstractNoun(head.lower) || ds.lex.IsCueWord("view_noun", head.lower));
    });
    if (view) return nullptr;
  }
  // "called the decision a mistake": a verb of naming with two objects
  // judges its first object.
  // Only a judgement ("a mistake", "a provocation"), active: "called
  // themselves Russians", "what was called a dream" name, they judge nothing.
  if (ds.lex.IsCueWord("naming_verb", lemma) && cl.objects.size() >= 2 && !cs.chunks[ch].passive &&
      ds.lex.IsCueWord("judgement_noun", cs.HeadText(cl.objects[1]))) {
    return ds.lex.Type("criticize");
  }
  // "lifted the blockade", "eased sanctions", "shortened the curfew": what
  // is eased decides the type (economic sanctions 085, a blockade 0872, other
  // restrictions 081).
  if (type && type->type == "ease_restrictions" && !cl.objects.empty()) {
    std::string_view head = cs.HeadText(cl.objects.front());
    if (ds.lex.IsCueWord("quantifier_of", head)) {  // "most of its sanctions"
      for (const auto& p : cl.preps) {
        if (p.prep == "of" && !p.nouns.empty()) {
          head = cs.HeadText(p.nouns.front());
          break;
        }
      }
    }
    if (ds.lex.IsCueWord("eased_sanctions_noun", head)) return ds.lex.Type("ease_sanctions");
    if (ds.lex.IsCueWord("eased_blockade_noun", head)) return ds.lex.Type("lift_blockade");
  }
  // "welcomed the decision", "welcomed Russia's plans": praise; a host
  // welcomes a person or a delegation ("welcomed Macron to the Kremlin").
  // "It is a pleasure to welcome the Federal Chancellor in the Kremlin": the
  // host's side of a visit, whatever the tense.
  if (lemma == "welcome" && type && (type->type == "host_visit" || type->type == "praise")) {
    const auto& welcomed = cs.chunks[ch].passive ? cl.subject : cl.objects;
    bool visitor = false;
    for (uint32_t n : welcomed) {
      const Token& head = cs.tokens[cs.chunks[n].head];
      // "welcome you all", "welcome the participants": a greeting to an audience.
      if (ds.lex.IsCueWord("greeting_object", head.lower)) return nullptr;
      visitor |= ds.lex.IsCueWord("visitor_noun", head.lower);
      for (const ActorInfo& a : s.actors) {
        visitor |= a.kind == ActorKind::kPerson && a.begin <= head.begin && head.end <= a.end;
      }
    }
    if (type->type == "host_visit" && !visitor) return ds.lex.Type("praise");
    if (type->type == "praise" && visitor && !welcomed.empty()) return ds.lex.Type("host_visit");
  }
  // "spoke with Xi by phone", "talked to Scholz over the phone": a call.
  if ((lemma == "speak" || lemma == "talk") && type && type->type != "phone_call") {
    for (const auto& p : cl.preps) {
      if ((p.prep == "by" || p.prep == "over" || p.prep == "via" || p.prep == "on") && !p.nouns.empty() &&
          ds.lex.IsCueWord("phone_noun", cs.HeadText(p.nouns.front()))) {
        return ds.lex.Type("phone_call");
      }
    }
  }
  // "can be rightfully called \"Lenin's Ukraine\"", "was called a model of
  // cooperation": a passive verb of naming followed by its name (a quotation
  // or a noun phrase that is no time) names; "was called by Biden" is a call.
  if (ds.lex.IsCueWord("naming_verb", lemma) && cs.chunks[ch].passive) {
    const size_t next = cs.chunks[ch].end_token;
    const bool quote = next < cs.tokens.size() &&
                       (cs.tokens[next].text == "\"" || cs.tokens[next].text == "\u201C" || cs.tokens[next].text == "'");
    const bool name = size_t(ch) + 1 < cs.chunks.size() && cs.chunks[ch + 1].kind == ChunkKind::kNounPhrase &&
                      !cs.chunks[ch + 1].temporal && cs.chunks[ch + 1].begin_token == next;
    if (quote || name) return nullptr;
  }
  // "called on Monday", "called for an hour": the particle is a time
  // phrase, not the verb's own (call on = appeal to); a naming verb then
  // keeps its plain sense.
  if (ds.lex.IsCueWord("naming_verb", lemma) && !cl.particle.empty()) {
    for (const auto& p : cl.preps) {
      if (p.prep != cl.particle) continue;
      if (p.temporal) return ds.lex.Type("phone_call");
      break;  // the particle's own attachment is the first of its preposition
    }
  }
  return type;
}

}  // namespace kbq::ingest::events
