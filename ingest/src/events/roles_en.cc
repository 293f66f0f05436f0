// Stage 4 (English): the roles of a candidate from the chunker's clause
// (chunker_en.h) instead of word order. Reads SentenceInfo::chunked and the
// sentence's actors (stage 1); writes Cand::participants and Cand::place.
// The rules, each with an example, are in docs/extraction.md, "English roles
// from the clause". Where the clause has no answer for a role, the word-order
// rules of arguments.cc stay (they ran before).
#include <algorithm>
#include <cctype>

#include "events/chunker_en.h"
#include "events/stages.h"
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

namespace {

using Actors = std::vector<const ActorInfo*>;

// The actor a noun phrase names: the last kept actor inside it (the person
// after their title and country), else the one of its apposition ("the
// Turkish president, Erdogan,"). Null when it names none (a pronoun, drones).
const ActorInfo* ActorOf(const DocState& ds, const SentenceInfo& s, const ChunkedSentence& cs, uint32_t ch,
                         bool allow_place) {
  if (ch >= cs.chunks.size() || cs.chunks[ch].kind != ChunkKind::kNounPhrase) return nullptr;
  auto [b, e] = cs.Span(ch);
  const ActorInfo* found = nullptr;
  for (const auto& a : s.actors) {
    if (a.dropped || a.speaker || (a.place && !allow_place)) continue;
    if (a.begin < e && a.end > b) found = &a;
  }
  if (!found && cs.chunks[ch].apposition >= 0) return ActorOf(ds, s, cs, uint32_t(cs.chunks[ch].apposition), allow_place);
  // "Security forces in Guinea", "the police of Lebanon": a body of people
  // named by where it serves stands for that country.
  // "President of the Republic of Azerbaijan Ilham Aliyev": an office
  // followed by of-phrases that end in its holder's name is that person.
  if (!found && ch + 2 < cs.chunks.size() && cs.chunks[ch + 1].kind == ChunkKind::kPreposition &&
      ds.lex.IsCueWord("country_body", cs.HeadText(ch))) {
    std::string_view prep = cs.tokens[cs.chunks[ch + 1].begin_token].lower;
    const ActorInfo* where = prep == "in" || prep == "of" ? ActorOf(ds, s, cs, ch + 2, true) : nullptr;
    if (!where && prep == "of" && ch + 4 < cs.chunks.size() && cs.chunks[ch + 3].kind == ChunkKind::kPreposition &&
        cs.tokens[cs.chunks[ch + 3].begin_token].lower == "of") {
      where = ActorOf(ds, s, cs, ch + 4, true);  // "of the Republic of Azerbaijan …"
    }
    if (where && (where->kind == ActorKind::kCountry || (prep == "of" && where->kind == ActorKind::kPerson))) {
      return where;
    }
  }
  return found;
}

// The actors of noun phrases: one per phrase (ActorOf), or every actor of a
// phrase that coordinates them inside itself ("Russian and Ukrainian
// negotiators", "US and Ukrainian delegations").
Actors ActorsOf(const DocState& ds, const SentenceInfo& s, const ChunkedSentence& cs, const std::vector<uint32_t>& chunks) {
  Actors out;
  auto add = [&](const ActorInfo* a) {
    if (a && std::find(out.begin(), out.end(), a) == out.end()) out.push_back(a);
  };
  for (uint32_t ch : chunks) {
    const ActorInfo* head = ActorOf(ds, s, cs, ch, false);
    if (!head) continue;
    auto [b, e] = cs.Span(ch);
    // "representatives of Germany, France, Ukraine and Russia": an office
    // standing for a country stands for each country of its list.
    if (head->kind == ActorKind::kCountry && (head->begin >= e)) {
      const ActorInfo* prev = head;
      add(head);
      for (const auto& a : s.actors) {
        if (a.begin <= prev->begin || a.dropped || a.kind != ActorKind::kCountry) continue;
        std::string_view gap = s.text.substr(prev->end, a.begin - prev->end);
        if (gap != ", " && gap != " and " && gap != ", and ") break;
        add(&a);
        prev = &a;
      }
      continue;
    }
    const ActorInfo* prev = nullptr;
    for (const auto& a : s.actors) {
      if (a.dropped || a.speaker || a.place || a.begin < b || a.end > e || &a == head) continue;
      std::string_view gap = s.text.substr(a.end, head->begin > a.end ? head->begin - a.end : 0);
      if (gap.find(" and ") != std::string_view::npos || gap.find(", ") != std::string_view::npos) {
        if (!prev) add(&a);
        prev = &a;
      }
    }
    add(head);
  }
  return out;
}

// A place (or a country standing as one) in a prepositional attachment.
const ActorInfo* PlaceOf(const DocState& ds, const SentenceInfo& s, const ChunkedSentence& cs, uint32_t ch) {
  const ActorInfo* a = ActorOf(ds, s, cs, ch, true);
  if (!a) return nullptr;
  return a->place || a->kind == ActorKind::kPlace || a->kind == ActorKind::kCountry ? a : nullptr;
}

bool Visit(const EventTypeInfo* t) { return t && t->family == "visit"; }
bool Meets(const EventTypeInfo* t) {
  return t && (MeetingFamily(t) || t->family == "consult" || t->family == "call" || t->family == "agreement");
}

// The clause whose verb group is chunk `ch`, or whose object holds it (a
// noun trigger: "held talks"); -1 when none. *object tells which.
int ClauseOfChunk(const DocState& ds, const ChunkedSentence& cs, int ch, bool* object) {
  *object = false;
  for (size_t k = 0; k < cs.clauses.size(); ++k) {
    if (cs.clauses[k].verb == ch) return int(k);
  }
  for (size_t k = 0; k < cs.clauses.size(); ++k) {
    const auto& o = cs.clauses[k].objects;
    if (std::find(o.begin(), o.end(), uint32_t(ch)) != o.end()) {
      *object = true;
      return int(k);
    }
  }
  // "killed 46 civilians in an attack", "died during the shelling": the
  // happening the clause's verb is part of has the clause's sides. "was in
  // Kyiv for talks", "flew to Riyadh for a summit": a stay's purpose too.
  for (size_t k = 0; k < cs.clauses.size(); ++k) {
    const ClauseRoles& cl = cs.clauses[k];
    std::string_view verb = cl.verb >= 0 ? std::string_view(cs.chunks[cl.verb].lemma) : std::string_view();
    bool stay = verb == "be" || verb == "arrive" || verb == "travel" || verb == "come" || verb == "go" ||
                verb == "fly" || verb == "head";
    // What talk is about is not part of it: "discussed the participation in the summit".
    if (ds.lex.IsCueWord("topic_verb", verb) || ds.lex.IsCueWord("report_verb", verb)) continue;
    for (const auto& p : cl.preps) {
      if (p.prep != "in" && p.prep != "during" && !(stay && p.prep == "for")) continue;
      if (std::find(p.nouns.begin(), p.nouns.end(), uint32_t(ch)) != p.nouns.end()) return int(k);
    }
  }
  return -1;
}

// "Zelensky informed Macron about the shelling of Ukrainian positions by
// armed groups": a noun trigger inside the attachments of a clause whose verb
// reports (cue kind report_verb) is what is reported, not done by the
// clause's subject. Its own by-phrase, when it names an actor, is its source.
// Returns false (the word-order roles stay) when no such clause holds it.
bool ReportedNounRoles(const DocState& ds, const SentenceInfo& s, const ChunkedSentence& cs, uint32_t ch, Cand* c) {
  for (const ClauseRoles& cl : cs.clauses) {
    // Also what talk is about: "discussed Ukraine's participation in the NATO summit".
    if (cl.verb < 0 || !(ds.lex.IsCueWord("report_verb", cs.chunks[cl.verb].lemma) ||
                         ds.lex.IsCueWord("topic_verb", cs.chunks[cl.verb].lemma))) {
      continue;
    }
    size_t at = cl.preps.size();
    for (size_t i = 0; i < cl.preps.size() && at == cl.preps.size(); ++i) {
      if (std::find(cl.preps[i].nouns.begin(), cl.preps[i].nouns.end(), ch) != cl.preps[i].nouns.end()) at = i;
    }
    if (at == cl.preps.size()) continue;
    // Its own by-phrase follows it at once, or after its of-phrase ("the
    // shelling of positions by armed groups"); a by-phrase of a later noun is
    // that noun's ("meetings on the provision by the US of guarantees").
    Actors by;
    for (size_t i = at + 1; i < cl.preps.size() && i <= at + 2; ++i) {
      if (cl.preps[i].prep == "by") by = ActorsOf(ds, s, cs, cl.preps[i].nouns);
      if (cl.preps[i].prep != "of") break;
    }
    // "said this after the talks with Macron": a with-phrase right after the
    // trigger is the trigger's own (the chunker hangs it on the clause); then
    // the talker is the one who reports.
    std::vector<uint32_t> own_with;
    if (ch + 2 < cs.chunks.size() && cs.chunks[ch + 1].kind == ChunkKind::kPreposition &&
        cs.tokens[cs.chunks[ch + 1].begin_token].lower == "with") {
      for (uint32_t n : cl.with_partner) {
        if (n >= ch + 2 && (own_with.empty() ? n == ch + 2 : n <= own_with.back() + 2)) own_with.push_back(n);
      }
    }
    Actors partners = ActorsOf(ds, s, cs, own_with);
    // Who reports, and to or with whom: none of them takes part.
    Actors reporting = ActorsOf(ds, s, cs, cl.subject);
    for (const auto& group : {cl.objects, cl.with_partner}) {
      for (const auto* a : ActorsOf(ds, s, cs, group)) {
        if (std::find(partners.begin(), partners.end(), a) == partners.end()) reporting.push_back(a);
      }
    }
    std::vector<Participant> out;
    for (const auto* a : by) out.push_back({a->id, Role::kSource});
    if (!partners.empty() && by.empty() && Meets(c->type)) {
      // The reporter, also when the attribution took it as the speaker.
      Actors talkers = ActorsOf(ds, s, cs, cl.subject);
      for (const auto& a : s.actors) {
        if (talkers.empty() && a.speaker && !a.dropped && !a.place && a.end <= c->begin) talkers.push_back(&a);
      }
      for (const auto* a : talkers) out.push_back({a->id, Role::kSource});
      for (const auto* a : partners) out.push_back({a->id, Role::kTarget});
      std::erase_if(reporting, [&](const ActorInfo* a) {
        return std::find(talkers.begin(), talkers.end(), a) != talkers.end();
      });
    }
    for (const auto& p : c->participants) {
      bool reporter = std::any_of(reporting.begin(), reporting.end(),
                                  [&](const ActorInfo* a) { return a->id == p.actor_id; });
      bool dup = std::any_of(out.begin(), out.end(), [&](const Participant& q) { return q.actor_id == p.actor_id; });
      if (!reporter && !dup) out.push_back({p.actor_id, by.empty() ? p.role : (p.role == Role::kSource ? Role::kOther : p.role)});
    }
    c->participants = std::move(out);
    return true;
  }
  return false;
}

// A noun trigger's own span, between the triggers of its type before and
// after it: "my visit to Kiev yesterday and today's visit to Moscow" are two
// visits, each with its place. (Another type between them does not cut it:
// "the withdrawal of invasion forces from Panama" is from Panama.)
struct OwnSpan {
  uint32_t end = 0, other_begin = 0;
};
OwnSpan OwnSpanOf(const SentenceInfo& s, const Cand& c) {
  OwnSpan o{uint32_t(s.text.size()), c.begin};
  for (const auto& h : s.hits) {
    if (h.blocker()) continue;
    if (h.entry->type != c.entry->type) continue;
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

// A noun trigger in no clause role ("the reason for my trip to Beijing")
// that the speaker's possessive opens: the speaker is its source; the
// word-order sides stay as the targets. False when it is not such a phrase.
bool SpeakersNoun(const SentenceInfo& s, const ChunkedSentence& cs, uint32_t ch, Cand* c) {
  const ActorInfo* speaker = SpeakerOf(s);
  if (!speaker || !SpeakersNounPhrase(cs, ch, *c)) return false;
  std::vector<Participant> out{{speaker->id, Role::kSource}};
  OwnSpan own = OwnSpanOf(s, *c);
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

// "put emphasis upon the shelling of a kindergarten by illegal armed groups",
// "thanked for the assistance provided by the United States": a noun trigger
// with a by-phrase of its own (after it, past its of/in/at phrases or a bare
// participle) has its doer there, the source; when that names no actor the
// doer is unknown, and no actor before the trigger is its source.
// "the meeting of President Zelensky with President Macron", "the visit of
// the Chancellor to Kyiv": a two-sided or visit noun trigger outside any
// clause role whose of-phrase names an actor has its doer there (the source);
// the heads of its with-list are the targets. True when it applied.
bool OfWithSides(const DocState& ds, const SentenceInfo& s, const ChunkedSentence& cs, uint32_t ch, Cand* c) {
  // Not "the shelling of positions", "the release of prisoners" (the
  // of-phrase names the patient), nor "the host of the conference".
  const bool visit = Visit(c->type) && c->type->type != "host_visit";
  if (!(Meets(c->type) || visit) || cs.chunks[ch].kind != ChunkKind::kNounPhrase) return false;
  auto prep_at = [&](size_t k, std::string_view w) {
    return k < cs.chunks.size() && cs.chunks[k].kind == ChunkKind::kPreposition &&
           cs.tokens[cs.chunks[k].begin_token].lower == w;
  };
  if (!prep_at(ch + 1, "of")) return false;
  // The of-chain: noun phrases joined by "of" ("of President of Ukraine
  // Volodymyr Zelenskyy"); its actor is the last one named in it.
  // Coordinated ("of presidents of Ukraine, Lithuania and Poland", "of
  // President Zelensky and Prime Minister Johnson"): each its own doer.
  size_t k = ch + 2;
  std::vector<const ActorInfo*> doers;
  const ActorInfo* doer = nullptr;
  auto separator = [&](size_t j) {
    return j < cs.chunks.size() && (cs.chunks[j].kind == ChunkKind::kConjunction || cs.ChunkText(j) == ",");
  };
  while (k < cs.chunks.size() && cs.chunks[k].kind == ChunkKind::kNounPhrase) {
    if (const ActorInfo* a = ActorOf(ds, s, cs, uint32_t(k), false)) doer = a;
    if (prep_at(k + 1, "of")) {
      k += 2;
      continue;
    }
    if (doer && std::find(doers.begin(), doers.end(), doer) == doers.end()) doers.push_back(doer);
    doer = nullptr;
    size_t next = k + 1;
    while (separator(next)) ++next;
    if (next == k + 1 || next >= cs.chunks.size() || cs.chunks[next].kind != ChunkKind::kNounPhrase) break;
    k = next;
  }
  // People or countries; "a meeting of the Security Council" names the
  // forum, whose members are the sides.
  if (doers.empty() || std::any_of(doers.begin(), doers.end(), [](const ActorInfo* a) {
        return a->kind != ActorKind::kPerson && a->kind != ActorKind::kCountry;
      })) {
    return false;
  }
  doer = doers.front();
  std::vector<Participant> out;
  for (const ActorInfo* a : doers) out.push_back({a->id, Role::kSource});
  // "the visit of the Chancellor to Kyiv": where the visit went.
  if (visit && prep_at(k + 1, "to") && k + 2 < cs.chunks.size()) {
    const ActorInfo* pl = PlaceOf(ds, s, cs, uint32_t(k + 2));
    if (pl && (pl->place || pl->kind == ActorKind::kPlace)) c->place = pl->id;
    else if (pl && pl->kind == ActorKind::kCountry && pl != doer) out.push_back({pl->id, Role::kTarget});
  }
  // The with-list: each head (a noun phrase and its of-chain) a target.
  if (prep_at(k + 1, "with")) {
    const ActorInfo* head = nullptr;
    for (size_t j = k + 2; j < cs.chunks.size(); ++j) {
      const Chunk& x = cs.chunks[j];
      if (x.kind == ChunkKind::kNounPhrase) {
        if (const ActorInfo* a = ActorOf(ds, s, cs, uint32_t(j), false)) head = a;
        continue;
      }
      if (prep_at(j, "of")) continue;
      bool sep = x.kind == ChunkKind::kConjunction || (x.kind == ChunkKind::kOther && cs.ChunkText(j) == ",");
      if (head && std::find(doers.begin(), doers.end(), head) == doers.end()) out.push_back({head->id, Role::kTarget});
      head = nullptr;
      if (!sep) break;
    }
    if (head && std::find(doers.begin(), doers.end(), head) == doers.end()) out.push_back({head->id, Role::kTarget});
  }
  // Anyone else the word order gave is the other side ("Ukraine looks
  // forward to the visit of Trudeau": the host).
  for (const auto& p : c->participants) {
    bool have = std::any_of(out.begin(), out.end(), [&](const Participant& q) { return q.actor_id == p.actor_id; });
    if (!have) out.push_back({p.actor_id, p.role == Role::kSource ? Role::kTarget : p.role});
  }
  c->participants = std::move(out);
  return true;
}

void OwnAgentPhrase(const DocState& ds, const SentenceInfo& s, const ChunkedSentence& cs, uint32_t ch, Cand* c,
                    bool unnamed_clears) {
  if (cs.chunks[ch].kind != ChunkKind::kNounPhrase) return;
  bool act_between = false, participle = false;
  for (size_t k = ch + 1; k + 1 < cs.chunks.size(); ++k) {
    const Chunk& x = cs.chunks[k];
    // "sanctions in the event of aggression by Russia": a by-phrase after
    // another event noun (a trigger, or a noun of an act or event by WordNet's
    // most frequent sense) is that noun's.
    if (x.kind == ChunkKind::kNounPhrase) {
      auto [xb, xe] = cs.Span(k);
      bool other_event = std::any_of(s.hits.begin(), s.hits.end(), [&](const TriggerHit& h) {
        return !h.blocker() && h.begin >= xb && h.begin < xe && h.begin != c->begin;
      });
      if (other_event) return;
      const int noun_class = EnglishLexicon::Get().NounClass(cs.HeadText(k));
      act_between |= noun_class == 4 || noun_class == 11;
      continue;
    }
    // "the assistance provided by the United States": a bare participle.
    if (x.kind == ChunkKind::kVerbGroup && x.end_token - x.begin_token == 1 &&
        cs.tokens[x.begin_token].lower.ends_with("ed") && k + 1 < cs.chunks.size() &&
        cs.chunks[k + 1].kind == ChunkKind::kPreposition && cs.tokens[cs.chunks[k + 1].begin_token].lower == "by") {
      participle = true;
      continue;
    }
    if (x.kind != ChunkKind::kPreposition) return;
    // An act noun between takes a plain by-phrase; a participle ("the
    // agreements on trade reached by") hands it back to the trigger.
    if (act_between && !participle && cs.tokens[x.begin_token].lower == "by") return;
    std::string_view prep = cs.tokens[x.begin_token].lower;
    if (prep != "by") {
      if (prep != "of" && prep != "in" && prep != "at" && prep != "near" && prep != "on") return;
      continue;
    }
    if (cs.chunks[k + 1].kind != ChunkKind::kNounPhrase || cs.chunks[k + 1].temporal) return;
    // Named (each of a list: "reached by the leaders of Azerbaijan, Armenia
    // and Russia"): the doers are the sources, whoever else stood as one.
    if (Actors agents = ActorsOf(ds, s, cs, {uint32_t(k + 1)}); !agents.empty()) {
      std::vector<Participant> out;
      for (const ActorInfo* a : agents) out.push_back({a->id, Role::kSource});
      for (const auto& p : c->participants) {
        bool agent = std::any_of(agents.begin(), agents.end(), [&](const ActorInfo* a) { return a->id == p.actor_id; });
        if (!agent && p.role != Role::kSource) out.push_back(p);
      }
      c->participants = std::move(out);
      return;
    }
    if (!unnamed_clears) return;
    std::erase_if(c->participants, [&](const Participant& p) {
      if (p.role != Role::kSource) return false;
      return std::none_of(s.actors.begin(), s.actors.end(),
                          [&](const ActorInfo& a) { return a.id == p.actor_id && !a.dropped && a.begin >= c->end; });
    });
    return;
  }
}

// The other side of the document's lead two-sided event (a meeting, talks or
// a call in its first three sentences) that has `speaker` as one side; empty
// when there is none.
std::string LeadCounterpart(const DocState& ds, const ActorInfo& speaker) {
  // The speaker or their country ("Russian-Argentine talks" and Putin speaking).
  auto is_speaker = [&](const std::string& id) {
    return id == speaker.id || (!speaker.country.empty() && id == speaker.country);
  };
  for (const Cand& lead : ds.cands) {
    if (lead.sentence > 2) break;
    if (!Reciprocal(lead.type)) continue;
    bool has = std::any_of(lead.participants.begin(), lead.participants.end(),
                           [&](const Participant& p) { return is_speaker(p.actor_id); });
    if (!has) continue;
    for (const auto& p : lead.participants) {
      if (!is_speaker(p.actor_id) && p.role != Role::kOther) return p.actor_id;
    }
  }
  return "";
}

// The person a sentence is addressed to: "Mr Lavrov, …" at its start or
// after the speaker's label (a courtesy title, the name, a comma).
const ActorInfo* Vocative(const SentenceInfo& s) {
  size_t from = 0;
  if (!s.speaker_label.empty()) {
    size_t colon = s.text.find(": ");
    if (colon == std::string_view::npos || colon > 200) return nullptr;
    from = colon + 2;
  }
  for (std::string_view courtesy : {"Mr ", "Ms ", "Mrs ", "Madam ", "Dr "}) {
    if (s.text.compare(from, courtesy.size(), courtesy) != 0) continue;
    for (const auto& a : s.actors) {
      if (!a.dropped && a.kind == ActorKind::kPerson && a.begin == from + courtesy.size() &&
          s.text.substr(a.end, 1) == ",") {
        return &a;
      }
    }
  }
  return nullptr;
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

std::string ExpletiveComplement(const ChunkedSentence& cs, const ClauseRoles& cl) {
  if (!cl.subject_inherited || cl.parent < 0 || size_t(cl.parent) >= cs.clauses.size() || cl.verb < 0) return {};
  // An infinitive ("it is Ukrainians who are dying" is a cleft, no norm).
  if (cs.tokens[cs.chunks[cl.verb].begin_token].lower != "to") return {};
  const ClauseRoles& p = cs.clauses[cl.parent];
  if (p.subject.size() != 1 || p.objects.empty() || p.verb < 0 || cs.chunks[p.verb].lemma != "be") return {};
  std::string_view it = cs.HeadText(p.subject.front());
  if (it != "It" && it != "it") return {};
  // "a great and tremendous honour": the last of the complements.
  std::string head(cs.HeadText(p.objects.back()));
  for (char& ch : head) ch = char(std::tolower(static_cast<unsigned char>(ch)));
  return head;
}

namespace {
bool ClauseSides(const DocState& ds, const SentenceInfo& s, Cand* c);
}  // namespace

bool EnglishClauseRoles(const DocState& ds, const SentenceInfo& s, Cand* c) {
  const bool answered = ClauseSides(ds, s, c);
  if (!s.chunked || !internal::IsAsciiAlnum(s.text[c->begin])) return answered;
  // "implementing the agreements on Karabakh reached by the leaders of
  // Azerbaijan, Armenia and Russia": a noun trigger's own by-phrase names its
  // doers in any clause role (the chunker hangs "reached by" on a clause of
  // its own).
  const int ch = ChunkAt(*s.chunked, c->begin);
  if (ch >= 0) OwnAgentPhrase(ds, s, *s.chunked, uint32_t(ch), c, false);
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
    const bool answered = ReportedNounRoles(ds, s, cs, uint32_t(ch), c) || SpeakersNoun(s, cs, uint32_t(ch), c);
    TopicsAfterTrigger(s, cs, c);
    if (answered) return true;
    if (cs.chunks[ch].kind == ChunkKind::kNounPhrase) {
      OwnSpan own = OwnSpanOf(s, *c);
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
  // A bare participle before "by" is passive only when an actor follows
  // ("drones launched by Russia"; not "spoke by phone").
  const Chunk* vg = cl.verb >= 0 ? &cs.chunks[cl.verb] : nullptr;
  bool passive = !noun_object && vg && vg->passive &&
                       (vg->end_token - vg->begin_token >= 2 || !ActorsOf(ds, s, cs, cl.by_agent).empty());
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
  if (speaker && joint && subject.size() == 1 && subject.front() == speaker && cl.subject.size() == 1 &&
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
  if (speaker && SpeakersNounPhrase(cs, uint32_t(ch), *c)) {
    subject = {speaker};
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
    const ClauseRoles& parent = cs.clauses[cl.parent];
    auto [pb, pe] = cs.Span(size_t(parent.verb));
    bool meeting_verb = std::any_of(s.hits.begin(), s.hits.end(), [&](const TriggerHit& h) {
      return !h.blocker() && h.begin >= pb && h.begin < pe &&
             (Meets(ds.lex.Type(h.entry->type)) || Visit(ds.lex.Type(h.entry->type)));
    });
    if (meeting_verb) {
      for (const auto* group : {&parent.objects, &parent.with_partner}) {
        for (const ActorInfo* a : ActorsOf(ds, s, cs, *group)) {
          if (!a->place && a->kind != ActorKind::kPlace) partners.push_back(a);
        }
      }
    }
  }
  // "held talks with X": the noun's clause; the objects are the trigger itself.
  Actors objects = noun_object ? Actors{} : ActorsOf(ds, s, cs, cl.objects);
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
      if (pl && (pl->place || pl->kind == ActorKind::kPlace) && !place) place = pl;
    }
  }
  // A noun trigger's own attachments follow it, up to the next trigger: "my
  // visit to Kiev yesterday and today's visit to Moscow" are two visits.
  const bool noun_trigger = cs.chunks[ch].kind == ChunkKind::kNounPhrase;
  const OwnSpan own = OwnSpanOf(s, *c);
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
  } else if (Reciprocal(c->type)) {
    // Two sides: the first named is the source, every other side a target
    // ("Xi and Putin held talks", "Erdogan called Zelensky").
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
  if (place) c->place = place->id;
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
  for (const auto& p : c->participants) {
    if (only_later(p.actor_id) || other_clause(p.actor_id)) continue;
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
    // verb, "Russian forces shelled Kharkiv", than "the agreed plan".)
    bool participle = word.ends_with("ing");
    if (participle && !np.temporal && word.find(' ') == std::string_view::npos && np.head < cs.tokens.size() &&
        cs.tokens[np.head].begin >= h.end) {
      return nullptr;
    }
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
      if (!ActorOf(ds, s, cs, n, true)) given.push_back(n);
    }
    if (given.empty()) given = cl.with_partner;
    const EnglishLexicon& en = EnglishLexicon::Get();
    bool abstract = !given.empty() && std::all_of(given.begin(), given.end(), [&](uint32_t n) {
      return !ActorOf(ds, s, cs, n, true) && en.AbstractNoun(cs.HeadText(n));
    });
    if (abstract) return nullptr;
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
