// Stage 4 (English): the actors a chunk names, and the sides of a noun
// trigger from its own phrase — "the meeting of A with B", "the agreements
// reached by the leaders of A, B and C", "said this after the talks with X".
// Declared in roles_en.h; docs/extraction.md, "English roles from the clause".
#include <algorithm>
#include <functional>

#include "events/roles_en.h"
#include "text_util.h"

namespace kbq::ingest::events::en {

namespace {

// In a transcript turn, a pronoun standing alone as a noun phrase: "I", "me",
// "we", "us" are the turn's speaker; "you" the person addressed (the speaker
// of the turn before, else the lead's other side). The same inside a
// quotation attributed to a person. Null elsewhere.
const ActorInfo* TurnPronoun(const SentenceInfo& s, const ChunkedSentence& cs, uint32_t ch) {
  const Chunk& np = cs.chunks[ch];
  if (np.end_token != np.begin_token + 1 || cs.tokens[np.begin_token].tag != Tag::kPronoun) return nullptr;
  // Outside a turn, only inside the quotation its speaker is named for.
  const ActorInfo* speaker = s.turn_speaker.get();
  if (!speaker && s.quote_speaker && InsideQuotation(s.text, cs.tokens[np.begin_token].begin)) {
    speaker = s.quote_speaker.get();
  }
  if (!speaker) return nullptr;
  const std::string& w = cs.tokens[np.begin_token].lower;
  if (w == "i" || w == "me" || w == "we" || w == "us") return speaker;
  if (w == "you") return s.addressee ? s.addressee.get() : s.counterpart.get();
  return nullptr;
}

}  // namespace

std::string OtherSideOf(const Cand& act, const std::function<bool(const std::string&)>& ours) {
  if (!Reciprocal(act.type)) return "";
  if (std::none_of(act.participants.begin(), act.participants.end(),
                   [&](const Participant& p) { return ours(p.actor_id); })) {
    return "";
  }
  for (const auto& p : act.participants) {
    if (!ours(p.actor_id) && p.role != Role::kOther) return p.actor_id;
  }
  return "";
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
    if (std::string other = OtherSideOf(lead, is_speaker); !other.empty()) return other;
  }
  return "";
}

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
  if (!found) found = TurnPronoun(s, cs, ch);
  // "Security forces in Guinea", "the police of Lebanon": a body of people
  // named by where it serves stands for that country.
  // "President of the Republic of Azerbaijan Ilham Aliyev": an office
  // followed by of-phrases that end in its holder's name is that person.
  // (Also past the country inside the office: "US Secretary of State Antony
  // Blinken" is Blinken.)
  const bool country_inside = found && found->kind == ActorKind::kCountry;
  if ((!found || country_inside) && ch + 2 < cs.chunks.size() && cs.chunks[ch + 1].kind == ChunkKind::kPreposition &&
      ds.lex.IsCueWord("country_body", internal::AsciiLower(cs.HeadText(ch)))) {
    std::string_view prep = cs.tokens[cs.chunks[ch + 1].begin_token].lower;
    const ActorInfo* where = prep == "in" || prep == "of" ? ActorOf(ds, s, cs, ch + 2, true) : nullptr;
    if (!where && prep == "of" && ch + 4 < cs.chunks.size() && cs.chunks[ch + 3].kind == ChunkKind::kPreposition &&
        cs.tokens[cs.chunks[ch + 3].begin_token].lower == "of") {
      where = ActorOf(ds, s, cs, ch + 4, true);  // "of the Republic of Azerbaijan …"
    }
    // ("a court in Moscow": the capital read as its city stands for Russia.)
    if (where && where->government) where = where->government.get();
    if (where && ((where->kind == ActorKind::kCountry && !country_inside) ||
                  (prep == "of" && where->kind == ActorKind::kPerson))) {
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
  // Kyiv for talks", "flew to Riyadh for a summit", "is in Russia on a
  // working visit": a stay's purpose too.
  // "spoke at the meeting", "said at the summit", "noted during the
  // talks": whoever speaks at a gathering (cue kind venue_noun) takes part.
  const Chunk& np = cs.chunks[ch];
  const bool gathering = np.head < cs.tokens.size() && ds.lex.IsCueWord("venue_noun", cs.tokens[np.head].lower);
  for (size_t k = 0; k < cs.clauses.size(); ++k) {
    const ClauseRoles& cl = cs.clauses[k];
    std::string_view verb = cl.verb >= 0 ? std::string_view(cs.chunks[cl.verb].lemma) : std::string_view();
    // ("hosted Putin in Ankara for talks", "received Scholz for a meeting":
    // a host's guest comes for them too.)
    bool stay = verb == "be" || verb == "arrive" || verb == "travel" || verb == "come" || verb == "go" ||
                verb == "fly" || verb == "head" || verb == "host" || verb == "receive" || verb == "welcome" ||
                verb == "invite";
    // What talk is about is not part of it: "discussed the participation in the summit".
    const bool topic = ds.lex.IsCueWord("topic_verb", verb) || ds.lex.IsCueWord("report_verb", verb);
    for (const auto& p : cl.preps) {
      const bool at = gathering && (p.prep == "at" || p.prep == "during");
      if (!at && (topic || (p.prep != "in" && p.prep != "during" && !(stay && (p.prep == "for" || p.prep == "on"))))) {
        continue;
      }
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

// "put emphasis upon the shelling of a kindergarten by illegal armed groups",
// "thanked for the assistance provided by the United States": a noun trigger
// with a by-phrase of its own (after it, past its of/in/at phrases or a bare
// participle) has its doer there, the source; when that names no actor the
// doer is unknown, and no actor before the trigger is its source.
// "the meeting of President Zelensky with President Macron", "the visit of
// the Chancellor to Kyiv": a two-sided or visit noun trigger outside any
// clause role whose of-phrase names an actor has its doer there (the source);
// the heads of its with-list are the targets; so has a leaving ("the
// withdrawal of Russia from the agreements"). True when it applied.
bool OfWithSides(const DocState& ds, const SentenceInfo& s, const ChunkedSentence& cs, uint32_t ch, Cand* c) {
  // Not "the shelling of positions", "the release of prisoners" (the
  // of-phrase names the patient), nor "the host of the conference".
  const bool visit = Visit(c->type) && c->type->type != "host_visit";
  // "the withdrawal of the Russian Federation from the Minsk agreements",
  // "the resignation of the prime minister": a leaving names who leaves.
  const bool leaving = c->type && (c->type->type == "withdraw_troops" || c->type->type == "withdraw_agreement" ||
                                   c->type->type == "surrender" || c->type->type == "resign");
  if (!(Meets(c->type) || visit || leaving) || cs.chunks[ch].kind != ChunkKind::kNounPhrase) return false;
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

bool BetweenSides(const DocState& ds, const SentenceInfo& s, const ChunkedSentence& cs, uint32_t ch, Cand* c) {
  if (!Reciprocal(c->type) || cs.chunks[ch].kind != ChunkKind::kNounPhrase) return false;
  // The trigger heads its phrase: "the talks between", not "the talks
  // venue between".
  if (cs.chunks[ch].head >= cs.tokens.size() || cs.tokens[cs.chunks[ch].head].begin < c->begin) return false;
  auto word = [&](size_t k) -> std::string_view {
    return k < cs.chunks.size() ? std::string_view(cs.tokens[cs.chunks[k].begin_token].lower) : std::string_view();
  };
  auto is = [&](size_t k, ChunkKind kind) { return k < cs.chunks.size() && cs.chunks[k].kind == kind; };
  // Right after the trigger, or after a bare participle ("talks held between").
  size_t k = ch + 1;
  if (is(k, ChunkKind::kVerbGroup) && cs.chunks[k].end_token == cs.chunks[k].begin_token + 1 &&
      cs.tokens[cs.chunks[k].begin_token].inflection == Inflection::kPast) {
    ++k;
  }
  if (!is(k, ChunkKind::kPreposition) || !ds.lex.IsCueWord("between", word(k))) return false;
  // The list: heads joined by commas and and, each with its of-chain ("the
  // leaders of Russia, Armenia and Azerbaijan" is one head naming three).
  Actors sides;
  auto add = [&](const ActorInfo* a) {
    if (a && std::find(sides.begin(), sides.end(), a) == sides.end()) sides.push_back(a);
  };
  for (size_t j = k + 1; is(j, ChunkKind::kNounPhrase);) {
    if (cs.chunks[j].temporal) break;
    std::vector<uint32_t> head = {uint32_t(j)};
    while (is(j + 1, ChunkKind::kPreposition) && word(j + 1) == "of" && is(j + 2, ChunkKind::kNounPhrase)) {
      j += 2;
      head.push_back(uint32_t(j));
    }
    for (const ActorInfo* a : ActorsOf(ds, s, cs, head)) add(a);
    size_t next = j + 1;
    while (next < cs.chunks.size() && (word(next) == "," || word(next) == "and")) ++next;
    if (next == j + 1) break;
    j = next;
  }
  if (sides.size() < 2) return false;
  std::vector<Participant> out;
  for (size_t i = 0; i < sides.size(); ++i) out.push_back({sides[i]->id, i == 0 ? Role::kSource : Role::kTarget});
  // Whoever else the sentence gave is no side of it ("Turkey hosted talks
  // between Russia and Ukraine": the host).
  for (const auto& p : c->participants) {
    bool side = std::any_of(out.begin(), out.end(), [&](const Participant& q) { return q.actor_id == p.actor_id; });
    if (!side) out.push_back({p.actor_id, Role::kOther});
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
    // "by the end of the week": a time, no doer.
    {
      auto [nb, ne] = cs.Span(k + 1);
      const uint32_t db = s.begin + nb, de = s.begin + ne;
      if (std::any_of(ds.times.begin(), ds.times.end(),
                      [&](const TimeMention& t) { return t.begin < de && db < t.end; }) ||
          ds.lex.IsCueWord("time_head", cs.HeadText(k + 1))) {
        return;
      }
    }
    // Named (each of a list: "reached by the leaders of Azerbaijan, Armenia
    // and Russia"): the doers are the sources, whoever else stood as one.
    if (Actors agents = ActorsOf(ds, s, cs, {uint32_t(k + 1)}); !agents.empty()) {
      std::vector<Participant> out;
      for (const ActorInfo* a : agents) out.push_back({a->id, Role::kSource});
      // "the assistance provided by Switzerland to Ukraine": the to-phrase
      // right after the by-phrase is whom it was done to.
      if (k + 3 < cs.chunks.size() && cs.chunks[k + 2].kind == ChunkKind::kPreposition &&
          cs.tokens[cs.chunks[k + 2].begin_token].lower == "to") {
        if (const ActorInfo* to = ActorOf(ds, s, cs, uint32_t(k + 3), false);
            to && std::none_of(out.begin(), out.end(), [&](const Participant& p) { return p.actor_id == to->id; })) {
          out.push_back({to->id, Role::kTarget});
        }
      }
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

namespace {

// The trigger heads its noun phrase ("the growing threat", not "threat
// assessment").
bool HeadsPhrase(const ChunkedSentence& cs, uint32_t ch, const Cand& c) {
  return cs.chunks[ch].kind == ChunkKind::kNounPhrase && cs.chunks[ch].head < cs.tokens.size() &&
         cs.tokens[cs.chunks[ch].head].begin >= c.begin;
}

}  // namespace

void OwnRelativeDoer(const DocState& ds, const SentenceInfo& s, const ChunkedSentence& cs, uint32_t ch, Cand* c) {
  // The trigger heads its phrase, and the next phrase starts the clause.
  if (!HeadsPhrase(cs, ch, *c) || ch + 2 >= cs.chunks.size()) return;
  for (const ClauseRoles& cl : cs.clauses) {
    if (cl.verb != int(ch + 2) || cl.subject_inherited || cl.subject.size() != 1 || cl.subject[0] != ch + 1) continue;
    const Chunk& vg = cs.chunks[cl.verb];
    if (vg.passive || !ds.lex.IsCueWord("implement_verb", vg.lemma)) return;
    const ActorInfo* doer = ActorOf(ds, s, cs, ch + 1, false);
    if (!doer) return;
    std::vector<Participant> out = {{doer->id, Role::kSource}};
    for (const auto& p : c->participants) {
      if (p.actor_id != doer->id) out.push_back(p.role == Role::kSource ? Participant{p.actor_id, Role::kTarget} : p);
    }
    c->participants = std::move(out);
    return;
  }
}

void OwnFromPhrase(const DocState& ds, const SentenceInfo& s, const ChunkedSentence& cs, uint32_t ch, Cand* c) {
  if (!HeadsPhrase(cs, ch, *c) || !c->type || Meets(c->type) || c->type->family == "retreat" ||
      c->type->family == "release" || c->type->type == "deport" || c->type->type == "expel" ||
      ch + 2 >= cs.chunks.size()) {
    return;
  }
  // "the assistance and practical help from the UK": past a noun phrase
  // coordinated with the trigger's, the from-phrase is both nouns'.
  uint32_t from = ch + 1;
  if (cs.chunks[from].kind == ChunkKind::kConjunction && cs.tokens[cs.chunks[from].begin_token].lower == "and" &&
      cs.chunks[from + 1].kind == ChunkKind::kNounPhrase && !cs.chunks[from + 1].temporal &&
      from + 3 < cs.chunks.size() && !ActorOf(ds, s, cs, from + 1, true)) {
    from += 2;
  }
  const Chunk& prep = cs.chunks[from];
  if (prep.kind != ChunkKind::kPreposition || cs.tokens[prep.begin_token].lower != "from") return;
  if (cs.chunks[from + 1].kind != ChunkKind::kNounPhrase || cs.chunks[from + 1].temporal) return;
  // "from Poland and Lithuania": each of a coordinated list.
  std::vector<uint32_t> list{from + 1};
  for (uint32_t k = from + 2; k + 1 < cs.chunks.size(); k += 2) {
    const Chunk& join = cs.chunks[k];
    const std::string& w = cs.tokens[join.begin_token].lower;
    if (!((join.kind == ChunkKind::kConjunction && w == "and") || (join.kind == ChunkKind::kPunct && w == ",")) ||
        cs.chunks[k + 1].kind != ChunkKind::kNounPhrase) {
      break;
    }
    list.push_back(k + 1);
  }
  Actors doers = ActorsOf(ds, s, cs, list);
  std::erase_if(doers, [](const ActorInfo* a) { return a->kind == ActorKind::kPlace || a->place; });
  if (doers.empty()) return;
  const bool any_target = std::any_of(c->participants.begin(), c->participants.end(), [&](const Participant& p) {
    return p.role == Role::kTarget && std::none_of(doers.begin(), doers.end(), [&](const ActorInfo* a) {
             return a->id == p.actor_id;
           });
  });
  std::vector<Participant> out;
  for (const ActorInfo* a : doers) out.push_back({a->id, Role::kSource});
  for (const auto& p : c->participants) {
    if (std::any_of(doers.begin(), doers.end(), [&](const ActorInfo* a) { return a->id == p.actor_id; })) continue;
    // Whoever the other rules took for the doer is the other side.
    Role r = p.role == Role::kSource ? (any_target ? Role::kOther : Role::kTarget) : p.role;
    out.push_back({p.actor_id, r});
  }
  c->participants = std::move(out);
}

}  // namespace kbq::ingest::events::en
