// Sides from a governing frame (docs/extraction.md, step 4): an event whose
// sides are those of the clause that governs it, not of its own words —
// "X is ready to meet Y" (the readiness takes the sides of the meeting the
// happening test left out), "X thanked Y for its support" (the thanks: X → Y,
// not a support by Y) and "sanctions were imposed on Y by A, B and C" (the
// doers are the passive's agents). English; reads the chunker's clauses.
#include <algorithm>
#include <string>

#include "events/chunker_en.h"
#include "events/roles_en.h"
#include "events/stages.h"

namespace kbq::ingest::events {
namespace {

// Every kept actor of sentence s inside chunk k, places aside. Wider than
// ActorsOf (roles_en.cc), which reads one actor per phrase through offices
// and appositions: moving these rules onto it changes 10 press-2022 events
// (see the issue-16 note), so that is left for a judged change.
std::vector<const ActorInfo*> ActorsIn(const SentenceInfo& s, const ChunkedSentence& cs, uint32_t k) {
  std::vector<const ActorInfo*> out;
  auto [b, e] = cs.Span(k);
  for (const ActorInfo& a : s.actors) {
    if (!a.dropped && !a.place && a.begin >= b && a.end <= e) out.push_back(&a);
  }
  return out;
}

}  // namespace

void ReadinessSides(DocState& ds, const SentenceInfo& s) {
  for (size_t k = 0; k < s.cands.size(); ++k) {
    Cand& intent = ds.cands[s.cands[k]];
    const std::string& text = intent.entry->text;
    if (intent.generic || !intent.type || intent.type->family != "intent" || !text.ends_with(" to") ||
        !ds.lex.IsCueWord("stance_adj", text.substr(0, text.find(' ')))) {
      continue;
    }
    for (size_t j = k + 1; j < s.cands.size(); ++j) {
      const Cand& act = ds.cands[s.cands[j]];
      if (act.begin < intent.end || act.begin - intent.end > 12) break;
      if (act.generic && HasRole(act.participants, Role::kSource)) intent.participants = act.participants;
      break;
    }
  }
}

namespace {

// A standing_adj among the words tagged adjective or adverb right before the
// trigger ("your continued support"). Narrower than happening.cc's
// PremodifiedBy (any of three words of the phrase), on purpose.
bool StandingNoun(const DocState& ds, const ChunkedSentence& cs, const Cand& c) {
  size_t t = 0;
  while (t < cs.tokens.size() && cs.tokens[t].end <= c.begin) ++t;
  for (; t > 0 && (cs.tokens[t - 1].tag == Tag::kAdj || cs.tokens[t - 1].tag == Tag::kAdv); --t) {
    if (ds.lex.IsCueWord("standing_adj", cs.tokens[t - 1].lower)) return true;
  }
  return false;
}

// "Thank you for France's support", "thanked for the constant support of
// Great Britain": the possessor right before what is thanked for, or else the
// of-phrase right after it, gave it — unless it is a thanker (in `sides`) or a
// thanker's own country ("thanked him for consolidating Ukraine's
// international support" is support for Ukraine).
std::vector<std::string> GiversThanked(const SentenceInfo& s, const ChunkedSentence& cs, const Cand& c,
                                       const std::vector<Participant>& sides) {
  auto own = [&](const std::string& id) {
    bool thanker = std::any_of(sides.begin(), sides.end(), [&](const Participant& q) {
      if (q.actor_id == id) return true;
      return std::any_of(s.actors.begin(), s.actors.end(),
                         [&](const ActorInfo& t) { return t.id == q.actor_id && t.country == id; });
    });
    return thanker || (s.turn_speaker && (s.turn_speaker->id == id || s.turn_speaker->country == id));
  };
  std::vector<std::string> out;
  for (const ActorInfo& a : s.actors) {
    if (a.dropped || a.end > c.begin || c.begin - a.end > 30) continue;
    std::string_view between = s.text.substr(a.end, c.begin - a.end);
    if (!between.starts_with("'s ") && !between.starts_with("\xE2\x80\x99s ")) continue;
    if (!own(a.id)) out.push_back(a.id);
  }
  // (Not after a possessive: "your continued support of Ukraine" is yours,
  // given to Ukraine.)
  const int ch = ChunkAt(cs, c.begin);
  if (out.empty() && ch >= 0 && size_t(ch) + 2 < cs.chunks.size() && cs.chunks[ch].kind == ChunkKind::kNounPhrase &&
      cs.chunks[ch].possessor < 0 && cs.tokens[cs.chunks[ch].begin_token].tag != Tag::kPossPron &&
      cs.chunks[ch + 1].kind == ChunkKind::kPreposition && cs.tokens[cs.chunks[ch + 1].begin_token].lower == "of") {
    for (const ActorInfo* a : ActorsIn(s, cs, uint32_t(ch + 2))) {
      if (!own(a->id)) out.push_back(a->id);
    }
  }
  return out;
}

}  // namespace

void ThankSides(DocState& ds, const SentenceInfo& s) {
  if (!s.chunked) return;
  const ChunkedSentence& cs = *s.chunked;
  for (size_t ci : s.cands) {
    Cand& c = ds.cands[ci];
    if (c.generic || !c.type || c.type->type != "praise") continue;
    // The thank verb ("thanked") or thank noun ("expressed gratitude")
    // before the trigger in its clause, and that clause's roles.
    const ClauseRoles* roles = nullptr;
    uint32_t anchor = 0;  // token of the thanks
    bool noun = false;
    for (const ClauseRoles& cl : cs.clauses) {
      if (cl.verb < 0 || cs.Span(cl.verb).second > c.begin) continue;
      if (ClauseOf(s.clauses, cs.Span(cl.verb).first) != c.clause) continue;
      const Chunk& vg = cs.chunks[cl.verb];
      if (ds.lex.IsCueWord("thank_verb", vg.lemma)) {
        roles = &cl;
        anchor = vg.head;
        noun = false;
        continue;
      }
      for (uint32_t o : cl.objects) {
        const Chunk& np = cs.chunks[o];
        if (np.head < cs.tokens.size() && cs.tokens[np.head].end <= c.begin &&
            ds.lex.IsCueWord("thank_noun", cs.tokens[np.head].lower)) {
          roles = &cl;
          anchor = np.head;
          noun = true;
        }
      }
    }
    if (roles == nullptr || anchor >= cs.tokens.size()) continue;
    std::vector<Participant> sides;
    auto is_side = [&](const std::string& id) {
      return std::any_of(sides.begin(), sides.end(), [&](const Participant& p) { return p.actor_id == id; });
    };
    auto add = [&](const std::string& id, Role role) {
      if (!is_side(id)) sides.push_back({id, role});
    };
    for (uint32_t k : roles->subject) {
      for (const ActorInfo* a : ActorsIn(s, cs, k)) add(a->id, Role::kSource);
    }
    std::vector<Participant> thanked_sides;
    if (!noun) {
      for (uint32_t k : roles->objects) {
        for (const ActorInfo* a : ActorsIn(s, cs, k)) thanked_sides.push_back({a->id, Role::kTarget});
      }
    } else {
      // "expressed gratitude to the Netherlands and personally to Mark Rutte":
      // the to-phrases; else, "expressed gratitude for the support of
      // Russia", those the thing thanked for names.
      for (const auto& pa : roles->preps) {
        if (pa.prep != "to") continue;
        for (uint32_t k : pa.nouns) {
          for (const ActorInfo* a : ActorsIn(s, cs, k)) thanked_sides.push_back({a->id, Role::kTarget});
        }
      }
      if (thanked_sides.empty()) {
        for (const Participant& p : c.participants) thanked_sides.push_back({p.actor_id, Role::kTarget});
      }
    }
    // "He thanked …" opening a sentence: the person the one before is about —
    // or, when that person stands for a side thanked (nobody thanks their own
    // country), the only other person of that sentence.
    if (sides.empty() && roles->subject.size() == 1 && !roles->subject_inherited &&
        cs.Span(roles->subject.front()).first == 0 && c.sentence > 0) {
      std::string_view w = cs.HeadText(roles->subject.front());
      auto own_side = [&](const ActorInfo& a) {
        return std::any_of(thanked_sides.begin(), thanked_sides.end(), [&](const Participant& p) {
          return p.actor_id == a.id || (!a.country.empty() && p.actor_id == a.country);
        });
      };
      const ActorInfo* who = (w == "He" || w == "She") ? PersonBefore(ds, c.sentence) : nullptr;
      if (who && own_side(*who)) {
        const ActorInfo* other = nullptr;
        for (const ActorInfo& a : ds.sents[c.sentence - 1].actors) {
          if (a.dropped || a.kind != ActorKind::kPerson || a.id == who->id || own_side(a)) continue;
          if (other && other->id != a.id) { other = nullptr; break; }
          other = &a;
        }
        who = other;
      }
      if (who) add(who->id, Role::kSource);
    }
    for (const Participant& p : thanked_sides) add(p.actor_id, p.role);
    bool thanked = HasRole(sides, Role::kTarget);
    // "Thank you for your continued support": what the thanks are for, a
    // standing support, is no happening of its own even when nobody is
    // thanked by name; "Thank you for France's support": the possessor is.
    if (!thanked) {
      for (const std::string& id : GiversThanked(s, cs, c, sides)) add(id, Role::kTarget);
      thanked = HasRole(sides, Role::kTarget);
    }
    const bool standing = !thanked && StandingNoun(ds, cs, c);
    // "thanked for the assistance provided by Canada": the support's own sides
    // stand — but after a thank verb with no object, one that names nobody
    // besides the thankers ("Zelensky thanked for the unwavering support for
    // our state") is no support by the thanker: the event is the thanks.
    const bool named_giver = noun || !roles->objects.empty() ||
                             std::any_of(c.participants.begin(), c.participants.end(),
                                         [&](const Participant& p) { return !is_side(p.actor_id); });
    // "During the meeting with Malpass, Zelensky thanked for the long-term
    // support of our country": a thanks that names nobody thanked, nor any
    // giver, is to the thanker's other side in a two-sided act of the
    // sentence, else of the lead call or meeting.
    if (!thanked && !named_giver) {
      std::string guest;
      for (size_t k : s.cands) {
        if (&ds.cands[k] == &c) continue;
        guest = en::OtherSideOf(ds.cands[k], is_side);
        if (!guest.empty()) break;
      }
      for (const ActorInfo& a : s.actors) {
        if (!guest.empty()) break;
        if (!a.dropped && is_side(a.id)) guest = en::LeadCounterpart(ds, a);
      }
      if (!guest.empty() && !is_side(guest)) {
        add(guest, Role::kTarget);
        thanked = true;
      }
    }
    if (!thanked && !standing && named_giver) continue;
    // The thanker not named in the clause: the speaker of the turn, if any.
    if (!HasRole(sides, Role::kSource) && s.turn_speaker) sides.insert(sides.begin(), {s.turn_speaker->id, Role::kSource});
    c.participants = std::move(sides);
    // The event is the thanking, said where the thanks are: "support" there
    // names what is thanked for, not a happening of its own.
    c.begin = cs.tokens[anchor].begin;
    c.end = cs.tokens[anchor].end;
  }
  // "thanked Nausėda for the significant practical assistance", "thanked
  // international partners for their support and assistance to our state":
  // any other act in the for-phrase of a thanking, with no date of its own,
  // is what is thanked for, told by the thanks event, no happening of its
  // own ("the aid you sent last week" is dated and stays).
  for (size_t ci : s.cands) {
    Cand& c = ds.cands[ci];
    if (c.generic || !c.basis.empty() || !c.type || c.type->type == "praise") continue;
    bool thanks = std::any_of(s.cands.begin(), s.cands.end(), [&](size_t k) {
      const Cand& t = ds.cands[k];
      return !t.generic && t.type && t.type->type == "praise" && t.clause == c.clause && t.begin < c.begin;
    });
    if (!thanks) continue;
    for (const ClauseRoles& cl : cs.clauses) {
      if (cl.verb < 0 || !ds.lex.IsCueWord("thank_verb", cs.chunks[cl.verb].lemma)) continue;
      const uint32_t verb_end = cs.Span(cl.verb).second;
      if (verb_end > c.begin || ClauseOf(s.clauses, cs.Span(cl.verb).first) != c.clause) continue;
      if (s.text.substr(verb_end, c.begin - verb_end).find(" for ") == std::string_view::npos) continue;
      // Inside the for-phrase: no verb between ("thanked Taran for his work
      // and called on the deputies" is a second act); the trigger a noun, or
      // a participle right after one ("the support provided by the EU").
      bool verb_between = false;
      for (size_t k = 0; k < cs.chunks.size(); ++k) {
        auto [b, e] = cs.Span(k);
        verb_between |= cs.chunks[k].kind == ChunkKind::kVerbGroup && b >= verb_end && e <= c.begin;
      }
      int own = ChunkAt(cs, c.begin);
      bool reduced = own >= 0 && cs.chunks[own].kind == ChunkKind::kVerbGroup && cs.chunks[own].begin_token > 0 &&
                     cs.tokens[cs.chunks[own].begin_token].inflection == Inflection::kPast &&
                     cs.tokens[cs.chunks[own].begin_token - 1].tag == Tag::kNoun;
      bool noun = own >= 0 && cs.chunks[own].kind == ChunkKind::kNounPhrase;
      if (!verb_between && (noun || reduced)) c.generic = true;
    }
  }
}

void PassiveAgentSides(DocState& ds, const SentenceInfo& s) {
  if (!s.chunked) return;
  const ChunkedSentence& cs = *s.chunked;
  for (size_t ci : s.cands) {
    Cand& c = ds.cands[ci];
    if (c.generic) continue;
    const int ch = ChunkAt(cs, c.begin);
    if (ch < 0 || cs.chunks[ch].kind != ChunkKind::kNounPhrase) continue;
    for (const ClauseRoles& cl : cs.clauses) {
      if (cl.verb < 0 || cl.by_agent.empty()) continue;
      const Chunk& vg = cs.chunks[cl.verb];
      if (!vg.passive || std::find(cl.subject.begin(), cl.subject.end(), uint32_t(ch)) == cl.subject.end()) continue;
      std::vector<Participant> out;
      for (uint32_t k : cl.by_agent) {
        for (const ActorInfo* a : ActorsIn(s, cs, k)) out.push_back({a->id, Role::kSource});
      }
      if (out.empty()) break;
      // "The attack was condemned by France": who acts on the event (condemns,
      // welcomes, discusses it) takes no part in it.
      if (!ds.lex.IsCueWord("implement_verb", vg.lemma)) {
        std::erase_if(c.participants, [&](const Participant& p) {
          return std::any_of(out.begin(), out.end(), [&](const Participant& q) { return q.actor_id == p.actor_id; });
        });
        break;
      }
      for (const auto& p : c.participants) {
        bool agent = std::any_of(out.begin(), out.end(), [&](const Participant& q) { return q.actor_id == p.actor_id; });
        if (!agent && p.role != Role::kSource) out.push_back(p);
      }
      c.participants = std::move(out);
      break;
    }
  }
}

void AnswerSides(DocState& ds, const SentenceInfo& s) {
  if (!s.chunked) return;
  const ChunkedSentence& cs = *s.chunked;
  for (size_t ci : s.cands) {
    Cand& c = ds.cands[ci];
    if (c.generic || !SaidAct(c.type)) continue;
    const int ch = ChunkAt(cs, c.begin);
    if (ch < 0 || cs.chunks[ch].kind != ChunkKind::kNounPhrase) continue;
    const Chunk& np = cs.chunks[ch];
    if (np.head >= cs.tokens.size() || cs.tokens[np.head].begin < c.begin || cs.tokens[np.head].begin >= c.end) continue;
    for (const ClauseRoles& cl : cs.clauses) {
      if (cl.verb < 0 || cs.chunks[cl.verb].passive || !ds.lex.IsCueWord("answer_verb", cs.chunks[cl.verb].lemma)) {
        continue;
      }
      // The group of coordinated phrases that holds the trigger's.
      const std::vector<uint32_t>* group = nullptr;
      if (std::find(cl.objects.begin(), cl.objects.end(), uint32_t(ch)) != cl.objects.end()) group = &cl.objects;
      for (const auto& p : cl.preps) {
        if (p.prep == "to" && std::find(p.nouns.begin(), p.nouns.end(), uint32_t(ch)) != p.nouns.end()) group = &p.nouns;
      }
      if (group == nullptr) continue;
      std::vector<const ActorInfo*> answerers;
      for (uint32_t k : cl.subject) {
        for (const ActorInfo* a : ActorsIn(s, cs, k)) answerers.push_back(a);
      }
      if (answerers.empty()) break;
      // The author: the possessor ("Blinken's proposal", or of the first of
      // coordinated phrases: "Russia's concerns and demands"), else an
      // of-phrase right after the phrase ("the proposal of the OSCE").
      std::vector<const ActorInfo*> authors;
      int32_t possessor = np.possessor;
      if (possessor < 0 && group->front() < uint32_t(ch)) possessor = cs.chunks[group->front()].possessor;
      if (possessor >= 0) {
        const uint32_t at = cs.tokens[possessor].begin;
        for (const ActorInfo& a : s.actors) {
          if (!a.dropped && !a.place && a.begin <= at && at < a.end) authors.push_back(&a);
        }
      } else if (size_t(ch) + 2 < cs.chunks.size() && cs.chunks[ch + 1].kind == ChunkKind::kPreposition &&
                 cs.tokens[cs.chunks[ch + 1].begin_token].lower == "of") {
        authors = ActorsIn(s, cs, ch + 2);
      }
      auto is = [](const std::vector<const ActorInfo*>& list, const std::string& id) {
        return std::any_of(list.begin(), list.end(), [&](const ActorInfo* a) { return a->id == id; });
      };
      std::vector<Participant> out;
      for (const ActorInfo* a : authors) {
        if (!is(answerers, a->id)) out.push_back({a->id, Role::kSource});
      }
      for (const Participant& p : c.participants) {
        if (is(answerers, p.actor_id) || is(authors, p.actor_id)) continue;
        out.push_back({p.actor_id, !authors.empty() && p.role == Role::kSource ? Role::kOther : p.role});
      }
      for (const ActorInfo* a : answerers) {
        if (!is(authors, a->id)) out.push_back({a->id, Role::kTarget});
      }
      c.participants = std::move(out);
      break;
    }
  }
}

void AfterTalksSides(DocState& ds, const SentenceInfo& s) {
  if (!s.chunked) return;
  const ChunkedSentence& cs = *s.chunked;
  for (size_t ci : s.cands) {
    Cand& c = ds.cands[ci];
    if (c.generic || !c.type || c.type->type != "statement") continue;
    const int ch = ChunkAt(cs, c.begin);
    if (ch < 0 || cs.chunks[ch].kind != ChunkKind::kNounPhrase || size_t(ch) + 2 >= cs.chunks.size()) continue;
    const Chunk& prep = cs.chunks[ch + 1];
    if (prep.kind != ChunkKind::kPreposition || !ds.lex.IsCueWord("after_prep", cs.ChunkText(ch + 1))) continue;
    auto [nb, ne] = cs.Span(ch + 2);
    for (size_t mi : s.cands) {
      const Cand& talks = ds.cands[mi];
      if (mi == ci || !MeetingFamily(talks.type) || talks.begin < nb || talks.end > ne) continue;
      std::vector<Participant> sides;
      for (const Participant& p : talks.participants) {
        if (p.role == Role::kSource || p.role == Role::kTarget) sides.push_back({p.actor_id, Role::kSource});
      }
      if (sides.size() >= 2) c.participants = std::move(sides);
      break;
    }
  }
}

namespace {

// Only the words of titles and names between two offsets: capitalised words,
// "of", "the", "and" and commas ("and President of the Republic of
// Lithuania"), at most 100 bytes.
bool TitleWordsOnly(std::string_view gap) {
  if (gap.size() > 100) return false;
  size_t i = 0;
  while (i < gap.size()) {
    if (gap[i] == ' ' || gap[i] == ',') { ++i; continue; }
    size_t j = gap.find_first_of(" ,", i);
    if (j == std::string_view::npos) j = gap.size();
    std::string_view w = gap.substr(i, j - i);
    bool capital = w[0] >= 'A' && w[0] <= 'Z';
    if (!capital && w != "of" && w != "the" && w != "and") return false;
    i = j;
  }
  return true;
}

}  // namespace

void WithListSides(DocState& ds, const SentenceInfo& s) {
  for (size_t ci : s.cands) {
    Cand& c = ds.cands[ci];
    if (c.generic || !Reciprocal(c.type) || !internal::IsAsciiAlnum(s.text[c.begin])) continue;
    // The with-phrase right after the trigger ("talks with", "a meeting
    // with"): its first person or country.
    std::string_view trig = s.text.substr(c.begin, c.end - c.begin);
    uint32_t from = c.end;
    if (!trig.ends_with(" with")) {
      if (s.text.substr(c.end, 6) != " with ") continue;
      from = c.end + 6;
    }
    const ActorInfo* last = nullptr;
    for (const ActorInfo& a : s.actors) {
      if (a.dropped || a.place || a.begin < from || (a.kind != ActorKind::kPerson && a.kind != ActorKind::kCountry)) {
        continue;
      }
      // Titles, names and "and" between (a country inside a title, "President
      // of the Republic of Poland Andrzej Duda", is the person's own and
      // dropped later with the other own countries).
      const uint32_t gap_from = last ? last->end : from;
      if (!TitleWordsOnly(s.text.substr(gap_from, a.begin - gap_from))) break;
      for (Participant& p : c.participants) {
        if (p.actor_id == a.id && p.role == Role::kOther) p.role = Role::kTarget;
      }
      last = &a;
    }
  }
}

void JointSides(DocState& ds, const SentenceInfo& s) {
  for (size_t ci : s.cands) {
    Cand& c = ds.cands[ci];
    if (c.generic || !c.type || (c.type->type != "statement" && c.type->type != "sign_agreement") ||
        !internal::IsAsciiAlnum(s.text[c.begin])) {
      continue;
    }
    // "joint" right before the trigger (an article or one more word between).
    std::string before = internal::AsciiLower(s.text.substr(0, c.begin));
    size_t at = before.rfind("joint ");
    if (at == std::string::npos || (at > 0 && internal::IsAsciiAlnum(before[at - 1]))) continue;
    std::string_view gap = std::string_view(before).substr(at + 6);
    if (std::count(gap.begin(), gap.end(), ' ') > 1) continue;
    for (Participant& p : c.participants) {
      if (p.role == Role::kTarget) p.role = Role::kSource;
    }
  }
}

void ChairSides(DocState& ds, const SentenceInfo& s) {
  for (const auto& cue : ds.lex.FindCues("chair_phrase", s.text)) {
    // The person the phrase names: the first one after it, titles between.
    const ActorInfo* chair = nullptr;
    for (const ActorInfo& a : s.actors) {
      if (a.dropped || a.begin < cue.end || a.begin > cue.end + 60) continue;
      if (s.text.substr(cue.end, a.begin - cue.end).find_first_of(",;") != std::string_view::npos) break;
      if (a.kind == ActorKind::kPerson) chair = &a;
      break;
    }
    if (!chair) continue;
    // The gathering: the nearest meeting or talks noun before the phrase
    // ("met with Biden at the summit hosted by Johnson": Johnson hosts the
    // summit, not the meeting of Scholz and Biden).
    Cand* gathering = nullptr;
    for (size_t ci : s.cands) {
      Cand& c = ds.cands[ci];
      if (c.generic || c.end > cue.begin || !Gathering(c.type)) continue;
      const int ch = s.chunked ? ChunkAt(*s.chunked, c.begin) : -1;
      gathering = ch >= 0 && s.chunked->chunks[ch].kind == ChunkKind::kNounPhrase ? &c : nullptr;
    }
    if (!gathering) continue;
    std::vector<Participant> sides = {{chair->id, Role::kSource}};
    for (const Participant& p : gathering->participants) {
      if (p.actor_id != chair->id) sides.push_back(p.role == Role::kSource ? Participant{p.actor_id, Role::kTarget} : p);
    }
    gathering->participants = std::move(sides);
  }
}

void AttendanceSides(DocState& ds, const SentenceInfo& s) {
  auto frames = ds.lex.FindCues("attendance_frame", s.text);
  if (frames.empty()) return;
  // The lead meeting: the first meeting, call or talks of the first three
  // sentences with a source.
  const Cand* lead = nullptr;
  for (const Cand& c : ds.cands) {
    if (c.sentence > 2 || c.sentence >= ds.sents.size() || &ds.sents[c.sentence] == &s) break;
    if (c.generic || !Reciprocal(c.type)) continue;
    if (HasRole(c.participants, Role::kSource)) {
      lead = &c;
      break;
    }
  }
  if (!lead) return;
  for (size_t ci : s.cands) {
    Cand& c = ds.cands[ci];
    if (c.generic || !Gathering(c.type)) continue;
    bool framed = std::any_of(frames.begin(), frames.end(), [&](const CueHit& f) {
      return (f.begin <= c.begin && c.end <= f.end) || (f.end <= c.begin && c.begin - f.end <= 40);
    });
    if (!framed) continue;
    std::vector<Participant> sides;
    for (const Participant& p : lead->participants) {
      if (p.role != Role::kOther) sides.push_back(p);
    }
    for (const Participant& p : c.participants) {
      bool have = std::any_of(sides.begin(), sides.end(), [&](const Participant& q) { return q.actor_id == p.actor_id; });
      if (!have) sides.push_back({p.actor_id, Role::kOther});
    }
    // A meeting its chair holds with nobody named as the other side ("Putin
    // held a meeting on social issues. Taking part were Golikova, Oreshkin
    // …"): those taking part are that other side, once the stages that read
    // the lead's sides ("we discussed", the lead's counterpart) are done.
    c.attendees_are_sides = !HasRole(sides, Role::kTarget);
    c.participants = std::move(sides);
  }
}

void AttendeesAsSides(DocState& ds) {
  for (Cand& c : ds.cands) {
    if (!c.attendees_are_sides) continue;
    for (Participant& p : c.participants) {
      if (p.role == Role::kOther) p.role = Role::kTarget;
    }
  }
}

void SiteHolderSides(DocState& ds, const SentenceInfo& s, uint32_t si) {
  const std::string& holder = ds.doc.site_holder;
  if (si != 0 || holder.empty() || ds.HeadlineSentences() == 0 || !ds.Lookup(holder)) return;
  for (size_t ci : s.cands) {
    Cand& c = ds.cands[ci];
    if (c.generic || !internal::IsAsciiAlnum(s.text[0]) || !Reciprocal(c.type)) continue;
    // The trigger opens the headline, or only a word or two that name no one
    // stand before it ("Expanded meeting of Emergencies Ministry Board").
    if (c.begin != 0) {
      std::string_view before = s.text.substr(0, c.begin);
      bool actor_before = std::any_of(s.actors.begin(), s.actors.end(), [&](const ActorInfo& a) {
        return !a.dropped && a.begin < c.begin;
      });
      if (actor_before || std::count(before.begin(), before.end(), ' ') > 2 ||
          before.find_first_of(",:;") != std::string_view::npos) {
        continue;
      }
      // Modifiers only (an adjective, or a participle: "Expanded", "Working"),
      // no topic noun ("Artificial intelligence conference") nor preposition
      // ("Regarding the meeting of advisers").
      const EnglishLexicon& en = EnglishLexicon::Get();
      bool modifiers = true;
      for (size_t i = 0; i < before.size();) {
        size_t j = before.find(' ', i);
        if (j == std::string_view::npos) j = before.size();
        std::string_view w = before.substr(i, j - i);
        if (!w.empty()) {
          bool participle = false;
          for (const auto& l : en.Lemmatize(w)) {
            participle |= l.pos == kPosVerb && (l.inflection == Inflection::kPast || l.inflection == Inflection::kGerund);
          }
          modifiers &= en.Closed(w) == 0 && ((en.PossiblePos(w) & kPosAdj) || participle);
        }
        i = j + 1;
      }
      if (!modifiers) continue;
    }
    const bool named = std::any_of(c.participants.begin(), c.participants.end(), [&](const Participant& p) {
      return p.role == Role::kSource || p.actor_id == holder;
    });
    if (!named) c.participants.insert(c.participants.begin(), {holder, Role::kSource});
  }
}

void ParentheticalSides(DocState& ds, const SentenceInfo& s) {
  // The bracketed clauses of the sentence, (…) only, not nested: a finite
  // verb inside. A bracketed noun phrase clarifies ("invade (Ukraine - ed.)",
  // "co-chairs (Russia, the United States and France)"): its names stay.
  if (!s.chunked) return;
  const ChunkedSentence& cs = *s.chunked;
  std::vector<std::pair<uint32_t, uint32_t>> brackets;
  for (size_t open = s.text.find('('); open != std::string_view::npos; open = s.text.find('(', open + 1)) {
    size_t close = s.text.find(')', open);
    if (close == std::string_view::npos) break;
    const bool clause = std::any_of(cs.chunks.begin(), cs.chunks.end(), [&](const Chunk& ch) {
      if (ch.kind != ChunkKind::kVerbGroup || !ch.finite || ch.infinitive) return false;
      const uint32_t b = cs.tokens[ch.begin_token].begin;
      return b > open && b < close;
    });
    if (clause) brackets.emplace_back(uint32_t(open), uint32_t(close));
    open = close;
  }
  if (brackets.empty()) return;
  auto inside = [&](uint32_t b, uint32_t e) -> int {
    for (size_t k = 0; k < brackets.size(); ++k) {
      if (b > brackets[k].first && e <= brackets[k].second) return int(k);
    }
    return -1;
  };
  for (size_t ci : s.cands) {
    Cand& c = ds.cands[ci];
    const int own = inside(c.begin, c.end);
    std::erase_if(c.participants, [&](const Participant& p) {
      bool named = false, outside = false;
      for (const ActorInfo& a : s.actors) {
        if (a.id != p.actor_id) continue;
        named = true;
        const int k = inside(a.begin, a.end);
        outside = outside || k < 0 || k == own;
      }
      return named && !outside;
    });
  }
}

}  // namespace kbq::ingest::events
