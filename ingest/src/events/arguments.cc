// Stage 4, arguments and roles: the participants of each candidate (source,
// target, other) and its place, from the actors of its clause. Reads the
// sentence's actors (stage 1), the attribution (stage 2) and the lexicon's
// preposition and coordination cues; writes Cand::participants and place.
#include <algorithm>
#include <set>

#include "events/chunker_en.h"
#include "events/roles_en.h"
#include "events/stages.h"
#include "text_util.h"

namespace kbq::ingest::events {

namespace {

using Actors = std::vector<const ActorInfo*>;
using Roles = std::vector<std::pair<const ActorInfo*, Role>>;

// The actors of c's clause before (pre) and after (post) its trigger; a place
// sets c->place instead (a country right after the trigger is also its target).
void ClauseActors(const DocState& ds, const SentenceInfo* s, Cand* c, Actors& pre, Actors& post) {
  const Span& cl = s->clauses[c->clause];
  for (const auto& a : s->actors) {
    if (a.dropped || a.speaker || a.begin < cl.begin || a.end > cl.end) continue;
    if (a.place) {
      // A place after the trigger needs its preposition (talks in Istanbul);
      // 撕毁了…(伊斯坦布尔)协议 names the agreement, not where it was torn up.
      bool after = a.begin >= c->end;
      std::string_view lead = s->text.substr(cl.begin, a.begin - cl.begin);
      while (!lead.empty() && lead.back() == ' ') lead.remove_suffix(1);
      bool prep = false;
      for (const auto& cue : ds.lex.FindCues("place_prep", lead)) prep = prep || cue.end == lead.size();
      if (!after || prep) {
        if (c->place.empty() || a.begin < c->begin) c->place = a.id;
      }
      // 访问美国 / visit France: the country right after the trigger is also the target.
      bool right_after = a.begin >= c->end && a.begin - c->end <= 1;
      if (!(right_after && a.kind == ActorKind::kCountry)) continue;
    }
    if (a.end <= c->begin) pre.push_back(&a);
    else if (a.begin >= c->end) post.push_back(&a);
    else pre.push_back(&a);  // inside the trigger (访华): a participant
  }
}

// X被Y逮捕 / was arrested by: the trigger is passive.
bool Passive(const SentenceInfo* s, const Cand* c, const Actors& pre) {
  std::string_view before_trigger = s->text.substr(0, c->begin);
  bool passive = false;
  {
    // X被Y逮捕 / was arrested by
    std::string lower = internal::AsciiLower(before_trigger);
    while (!lower.empty() && lower.back() == ' ') lower.pop_back();
    for (std::string_view aux : {" was", " were", " been", " being", " is", " are"}) {
      if (lower.size() >= aux.size() && lower.compare(lower.size() - aux.size(), aux.size(), aux) == 0) passive = true;
    }
    if (!pre.empty()) {
      std::string_view gap = s->text.substr(pre.front()->end, c->begin - std::min(c->begin, pre.front()->end));
      if (gap.find("被") != std::string_view::npos) passive = true;
    }
  }
  return passive;
}

// A cue found in `part` (a view into s->text) that lies inside a trigger is
// no word of its own: the 对 of 反对 is no preposition (中方反对美国对伊朗实施
// 制裁: 美国 is no target of China's).
bool InTrigger(const SentenceInfo* s, std::string_view part, const CueHit& cue) {
  const uint32_t base = uint32_t(part.data() - s->text.data());
  return InsideTrigger(*s, CueHit{base + cue.begin, base + cue.end, cue.text});
}

// The subject is the actor nearest before the trigger and those
// coordinated with it (X与Y通电话); an earlier actor belongs to another
// predicate (俄外长感谢美国施压乌克兰: 美国 is the source of 施压).
// Removes the earlier actors from pre and returns them.
Actors JoinSubject(const DocState& ds, const SentenceInfo* s, Actors& pre) {
  std::vector<const ActorInfo*> dropped_subjects;
  {
    size_t first = pre.empty() ? 0 : pre.size() - 1;
    while (first > 0) {
      uint32_t gb = std::max(pre[first]->group_begin, pre[first - 1]->end);
      std::string_view gap = Trim(s->text.substr(pre[first - 1]->end, gb - pre[first - 1]->end));
      auto ends_with_cue = [&](std::string_view kind) {
        for (const auto& cue : ds.lex.FindCues(kind, gap)) {
          if (cue.end == gap.size() && !InTrigger(s, gap, cue)) return true;
        }
        return false;
      };
      bool joined = gap.empty() || ends_with_cue("coord") || ends_with_cue("target_prep") ||
                    (gap.size() <= 12 && ds.lex.HasCue("coord", gap));
      if (!joined) break;
      --first;
    }
    dropped_subjects.assign(pre.begin(), pre.begin() + first);
    pre.erase(pre.begin(), pre.begin() + first);
  }
  return dropped_subjects;
}

// "The Council condemned the attack on Odesa": an English noun trigger
// that is the object of a verb trigger before it in the clause does not
// share that verb's subject.
void DropVerbSubject(const SentenceInfo* s, const Cand* c, Actors& pre) {
  const Span& cl = s->clauses[c->clause];
  for (const auto& h : s->hits) {
    if (h.blocker() || h.entry->pos == 'n' || h.end > c->begin || h.begin < cl.begin) continue;
    if (c->begin - h.end > 30) continue;
    // The trigger heads a noun phrase after the verb: a determiner between
    // them ("condemned the missile attack"), or a noun entry right after.
    std::string between = " " + internal::AsciiLower(s->text.substr(h.end, c->begin - h.end)) + " ";
    bool noun_phrase = c->entry->pos == 'n' && Trim(between).empty();
    for (std::string_view det : {" the ", " a ", " an ", " its ", " their ", " this ", " that ", " any "}) {
      noun_phrase = noun_phrase || between.find(det) != std::string::npos;
    }
    if (!noun_phrase) continue;
    pre.erase(std::remove_if(pre.begin(), pre.end(), [&](const ActorInfo* a) { return a->end <= h.begin; }),
              pre.end());
  }
}

// The roles of the actors before the trigger (joined to its subject).
Roles PreRoles(const DocState& ds, const SentenceInfo* s, const Cand* c, const Actors& pre) {
  const Span& cl = s->clauses[c->clause];
  // The text of the clause before actor `a`, without the spaces and the
  // Chinese numeral + measure word standing between a preposition and its
  // actor (对12名伊朗官员, 向数百名乌克兰难民).
  auto lead_of = [&](const ActorInfo* a) {
    std::string_view b = s->text.substr(cl.begin, a->begin - cl.begin);
    while (!b.empty() && b.back() == ' ') b.remove_suffix(1);
    return StripChineseQuantity(b);
  };
  auto preceded_by = [&](const ActorInfo* a, std::string_view kind) {
    std::string_view b = lead_of(a);
    for (const auto& cue : ds.lex.FindCues(kind, b)) {
      if (cue.end == b.size() && !InTrigger(s, b, cue)) return true;
    }
    return false;
  };
  std::vector<std::pair<const ActorInfo*, Role>> roles;
  for (size_t i = 0; i < pre.size(); ++i) {
    const ActorInfo* a = pre[i];
    Role r = Role::kSource;
    bool prep = preceded_by(a, "target_prep");
    // Every pre actor here is joined to the subject (see above): for a
    // two-sided event the later ones are the other side.
    if (i > 0) r = (Reciprocal(c->type) || prep) ? Role::kTarget : Role::kSource;
    else if (i == 0 && prep && internal::IsAsciiAlnum(s->text[a->begin]) == false) {
      std::string_view b = lead_of(a);
      if (b.size() >= 3 && b.compare(b.size() - 3, 3, "对") == 0) {
        r = Role::kTarget;  // 对X施压: X is the target even when first
      }
    }
    roles.push_back({a, r});
  }
  return roles;
}

// English agent phrase right before an actor after the trigger: "the
// assistance provided by the UK to Ukraine", "an attack by X on Y" — X is
// the source (and the actor after a target preposition the target) even
// without a passive auxiliary before the trigger.
void PostRoles(const DocState& ds, const SentenceInfo* s, const Cand* c, const Actors& post, bool passive,
               bool english, bool have_source, Roles& roles) {
  auto agent_by = [&](std::string_view gap) {
    std::string lg = internal::AsciiLower(Trim(gap));
    for (std::string_view det : {" the", " a", " an"}) {
      if (lg.size() > det.size() && lg.compare(lg.size() - det.size(), det.size(), det) == 0) {
        lg.erase(lg.size() - det.size());
      }
    }
    if (lg == "by") return true;
    if (lg.size() <= 3 || lg.compare(lg.size() - 3, 3, " by") != 0) return false;
    // At most one word between the trigger and "by", a participle of it
    // ("provided by", "imposed by"); "an allegation by X" belongs to
    // another noun.
    std::string_view rest = std::string_view(lg).substr(0, lg.size() - 3);
    if (rest.find(' ') != std::string_view::npos) return false;
    return rest.size() > 3 && (rest.compare(rest.size() - 2, 2, "ed") == 0 ||
                               rest.compare(rest.size() - 2, 2, "en") == 0);
  };
  bool by_source = false;
  for (size_t i = 0; i < post.size(); ++i) {
    const ActorInfo* a = post[i];
    Role r = i == 0 ? Role::kTarget : Role::kOther;
    std::string_view gap = s->text.substr(c->end, a->begin - c->end);
    std::string lg = internal::AsciiLower(gap);
    if (passive && lg.find("by") != std::string::npos) {
      r = Role::kSource;
    } else if (english && !have_source && !by_source && agent_by(gap)) {
      r = Role::kSource;
      by_source = true;
    } else if (by_source && i > 0) {
      std::string_view own = s->text.substr(post[i - 1]->end, a->begin - post[i - 1]->end);
      bool to_prep = false;
      for (const auto& cue : ds.lex.FindCues("target_prep", own)) to_prep = to_prep || cue.end + 8 >= own.size();
      r = to_prep ? Role::kTarget : Role::kOther;
    } else if (i > 0 && ds.lex.HasCue("coord", gap.substr(gap.size() > 8 ? gap.size() - 8 : 0))) {
      r = Role::kTarget;
    }
    roles.push_back({a, r});
  }
}

}  // namespace

// "The situations in Afghanistan and Libya were also discussed": a talk
// verb in the passive with no by-agent names no talkers (English).
bool PassiveTopicVerb(const DocState& ds, const SentenceInfo& s, const Cand& c) {
  if (!s.chunked) return false;
  const ChunkedSentence& cs = *s.chunked;
  for (const ClauseRoles& cl : cs.clauses) {
    if (cl.verb < 0 || !cl.by_agent.empty()) continue;
    const Chunk& vg = cs.chunks[cl.verb];
    if (cs.Covers(cl.verb, c.begin)) return vg.passive && ds.lex.IsCueWord("topic_verb", vg.lemma);
  }
  return false;
}

namespace {

// "The parties agreed to hold negotiations", "The heads of state commended
// the recent meeting … and discussed …": the clause that holds the trigger
// (as its verb or its object) has a both_sides cue as its whole subject (an
// and-clause or a control infinitive inherits its subject; a gerund in an
// of-phrase, "the importance of inviting …", has none). English only.
bool CollectiveSubject(const DocState& ds, const SentenceInfo& s, const Cand& c) {
  if (!s.chunked) return false;
  const ChunkedSentence& cs = *s.chunked;
  const int ch = ChunkAt(cs, c.begin);
  if (ch < 0) return false;
  bool object = false;
  const int k = en::ClauseOfChunk(ds, cs, ch, &object);
  if (k < 0) return false;
  const ClauseRoles& cl = cs.clauses[size_t(k)];
  // In a during-phrase only a meeting with no with-phrase of its own:
  // "During the meeting, the parties discussed" is theirs, "During the
  // meeting with William Taylor, the interlocutors exchanged views" keeps the
  // meeting's sides.
  if (!object && cl.verb != ch && s.text.substr(c.end, 6) == " with ") return false;
  // What they talked about or stressed they did not hold: "The parties
  // discussed the next NATO Summit".
  if (object && cl.verb >= 0) {
    const std::string& verb = cs.chunks[size_t(cl.verb)].lemma;
    if (ds.lex.IsCueWord("topic_verb", verb) || ds.lex.IsCueWord("report_verb", verb)) return false;
  }
  if (cl.subject.empty()) return false;
  auto [b, e] = cs.Span(cl.subject.front());
  std::string_view np = s.text.substr(b, std::min<size_t>(s.text.size() - b, e - b + 24));
  for (const auto& cue : ds.lex.FindCues("both_sides", np)) {
    if (cue.begin == 0 && cue.end >= e - b) return true;
  }
  return false;
}

}  // namespace

void BothSides(const DocState& ds, const SentenceInfo& s, size_t ci, Cand* c) {
  // "the recent meeting of the two leaders": the cue as the trigger's
  // of-phrase names its sides, whoever else the sentence named.
  bool of_phrase = false;
  if (s.text.substr(c->end, 4) == " of ") {
    std::string_view rest = s.text.substr(c->end + 4);
    for (const auto& cue : ds.lex.FindCues("both_sides", rest.substr(0, std::min<size_t>(rest.size(), 40)))) {
      of_phrase = of_phrase || cue.begin == 0;
    }
  }
  if (of_phrase) std::erase_if(c->participants, [](const Participant& p) { return p.role != Role::kOther; });
  const Span& cl = s.clauses[c->clause];
  std::string_view lead = s.text.substr(cl.begin, c->begin > cl.begin ? c->begin - cl.begin : 0);
  // The cue must be this trigger's subject: no other trigger stands between
  // (两国…负责人讨论了…俄乌谈判: the two sides discussed, they did not negotiate).
  bool subject = false;
  for (const auto& cue : ds.lex.FindCues("both_sides", lead)) {
    uint32_t from = cl.begin + cue.end;
    bool between = std::any_of(s.hits.begin(), s.hits.end(), [&](const TriggerHit& h) {
      return !h.blocker() && h.begin >= from && h.end <= c->begin;
    });
    // …and stands close to it (双方随即签署, the two sides then signed).
    subject = subject || (!between && c->begin - from <= 15);
  }
  // …or governs the trigger through its clause: a meeting, call or talks it
  // held, agreed to hold or commended ("The parties agreed to hold
  // negotiations"; not "discussed ways to provide support", an aid of one).
  if (!subject && !of_phrase && Meets(c->type) && CollectiveSubject(ds, s, *c)) subject = true;
  const bool passive_topic = !subject && !of_phrase && PassiveTopicVerb(ds, s, *c);
  if (!subject && !of_phrase && !passive_topic) return;
  // "The steps that Ukraine is taking … have been discussed": a side named
  // only inside the passive's subject is part of the topic, not a talker.
  if (passive_topic) {
    for (Participant& p : c->participants) {
      if (p.role == Role::kOther) continue;
      const bool after = std::any_of(s.actors.begin(), s.actors.end(), [&](const ActorInfo& a) {
        return a.id == p.actor_id && a.begin >= c->begin;
      });
      if (!after) p.role = Role::kOther;
    }
  }
  // Else only a topic ("the leaders discussed interaction within BRICS") may
  // stand there already — but when the cue is the trigger's subject, a side
  // the word order found is a topic too ("The leaders of the two countries
  // discussed the Russian-Uzbek partnership": Russia is no target).
  if (!subject && !of_phrase && std::any_of(c->participants.begin(), c->participants.end(), [](const Participant& p) {
        return p.role != Role::kOther;
      })) {
    return;
  }
  // `one_side`: a lead meeting whose other side the text names by no known
  // name ("Vladimir Putin held a meeting with Government members") lends
  // its one side.
  auto take = [&](const Cand& prev, bool one_side = false) {
    const Participant* src = nullptr;
    const Participant* tgt = nullptr;
    for (const auto& p : prev.participants) {
      if (p.role == Role::kSource && !src) src = &p;
      if (p.role == Role::kTarget && !tgt) tgt = &p;
    }
    if (!src || (!tgt && !one_side)) return false;
    std::vector<Participant> sides = {*src};
    if (tgt) sides.push_back(*tgt);
    for (const auto& p : c->participants) {
      if (p.actor_id != src->actor_id && (!tgt || p.actor_id != tgt->actor_id)) {
        sides.push_back({p.actor_id, Role::kOther});
      }
    }
    c->participants = std::move(sides);
    return true;
  };
  // The two-sided meeting, call, visit or other two-sided act of this or the
  // sentence before (not an answer to a demand: "… ignore Russia's demands.
  // The presidents agreed" are not Russia and the US)…
  for (size_t k = ci; k-- > 0;) {
    const Cand& prev = ds.cands[k];
    if (prev.sentence + 1 < c->sentence) break;
    if ((Meets(prev.type) || Visit(prev.type) || Reciprocal(prev.type)) && take(prev)) return;
  }
  // …else the document's lead meeting, call or talks (a release's headline
  // "Telephone conversation with President of Turkey", then "The leaders
  // exchanged views"): the first such event of its first three sentences.
  for (size_t k = 0; k < ci; ++k) {
    const Cand& prev = ds.cands[k];
    if (prev.sentence > 2) break;
    if (Reciprocal(prev.type) && take(prev)) return;
  }
  // …or the one side of a lead meeting whose other side has no known name,
  // for "were discussed during the meeting" (a passive talk verb) or "the
  // participants discussed" (not for an of-phrase: "the meeting of the two
  // leaders" names two).
  if (!of_phrase) {
    for (size_t k = 0; k < ci; ++k) {
      const Cand& prev = ds.cands[k];
      if (prev.sentence > 2) break;
      if (!prev.generic && Reciprocal(prev.type) && take(prev, true)) return;
    }
  }
  // …else the two people the sentence names ("Sending greetings to President
  // Niinistö, Putin recalled the meeting of the two leaders").
  std::vector<std::string> people;
  for (const auto& a : s.actors) {
    if (a.dropped || a.kind != ActorKind::kPerson) continue;
    if (std::find(people.begin(), people.end(), a.id) == people.end()) people.push_back(a.id);
  }
  if (people.size() != 2) return;
  std::vector<Participant> sides = {{people[0], Role::kSource}, {people[1], Role::kTarget}};
  for (const auto& p : c->participants) {
    if (p.actor_id != people[0] && p.actor_id != people[1]) sides.push_back(p);
  }
  c->participants = std::move(sides);
}

namespace {

// The side a text leaves unnamed because the place says it (the coding rule of
// CAMEO and PLOVER for unnamed actors): an act done *to* a place — an attack,
// a blockade, troops sent, aid delivered, an inquiry — has the place's country
// as its target when no target is named and the source is another country
// ("Israeli tanks fired at targets in Jericho": the Palestinian territories);
// a state act whose doer is unnamed ("was arrested in Lebanon", "a curfew was
// imposed in Khartoum") has the place's country as its source; people who
// protest somewhere unnamed ("thousands blocked streets in Hong Kong") are of
// that place; a threat made by someone against a foreign place named after
// the trigger ("threatened to resume attacks in Israel") is aimed at its
// country. Talks, statements and visits are never sided by their place.
void SidesFromPlace(const DocState& ds, const SentenceInfo& s, Cand* c) {
  if (c->place.empty() || c->type == nullptr) return;
  const std::string& cat = c->type->plover;
  const bool threat = cat == "THREATEN";
  const bool done_to = cat == "ASSAULT" || cat == "FIGHT" || cat == "COERCE" || cat == "AID" || cat == "RETREAT" ||
                       cat == "MOBILIZE" || cat == "INVESTIGATE" || threat;
  const bool state_act = cat == "COERCE" || cat == "INVESTIGATE";
  const bool protest = cat == "PROTEST";
  if (!done_to && !protest) return;
  // The country the place is in (a city's region's country).
  std::string country = c->place;
  for (int up = 0; up < 6; ++up) {
    const Actor* a = ds.Lookup(country);
    ActorKind kind = a ? a->kind : GuessKind(country);
    if (kind == ActorKind::kCountry) break;
    if (!a || a->part_of.empty() || up == 5) return;
    country = a->part_of.front();
  }
  bool has_source = false, has_target = false, country_named = false;
  for (const auto& p : c->participants) {
    has_source |= p.role == Role::kSource;
    has_target |= p.role == Role::kTarget;
    const Actor* r = ds.Lookup(p.actor_id);
    country_named |= ds.CountryOf(p.actor_id, r ? r->kind : GuessKind(p.actor_id)) == country;
  }
  if (country_named) return;
  // A threat is aimed at a foreign place only when someone makes it and the
  // place follows the trigger, in the act threatened (not 明斯克协议's Minsk
  // before 最后通牒, nor "speaking in Paris, he threatened").
  if (threat) {
    bool after = std::any_of(s.actors.begin(), s.actors.end(),
                             [&](const ActorInfo& a) { return a.id == c->place && a.begin >= c->end; });
    if (!has_source || !after) return;
  }
  // "occupied Kherson": the place a participle modifies is what was done to.
  if ((protest || (state_act && !has_source)) && !c->attributive) {
    if (!has_source) c->participants.push_back({country, Role::kSource});
    return;
  }
  if ((done_to || c->attributive) && !has_target) c->participants.push_back({country, Role::kTarget});
}

// "Russian-Belarusian talks", "the US-China trade talks", 中俄会谈 written with
// a hyphen: two countries joined by a hyphen (or dash) right before a
// two-sided trigger (at most two words between) are its two sides, the first
// the source; before any other act with "joint" between, both are its doers
// ("Belarusian-Russian joint military exercises").
void HyphenPair(const SentenceInfo& s, Cand* c) {
  if (!c->type) return;
  const bool two_sided = Reciprocal(c->type);
  for (size_t i = 0; i + 1 < s.actors.size(); ++i) {
    const ActorInfo& a = s.actors[i];
    const ActorInfo& b = s.actors[i + 1];
    if (a.kind != ActorKind::kCountry || b.kind != ActorKind::kCountry || a.id == b.id) continue;
    if (b.end > c->begin || b.begin < a.end) continue;
    std::string_view gap = s.text.substr(a.end, b.begin - a.end);
    if (gap != "-" && gap != "\u2013" && gap != "\u2014" && gap != "/") continue;
    std::string_view between = s.text.substr(b.end, c->begin - b.end);
    if (std::count(between.begin(), between.end(), ' ') > 2 || between.find_first_of(",;.") != std::string_view::npos) {
      continue;
    }
    // Any other act of the pair is theirs together only when it is "joint"
    // ("Belarusian-Russian joint military exercises": both the doers).
    const bool joint = (" " + std::string(between) + " ").find(" joint ") != std::string::npos;
    if (!two_sided && !joint) continue;
    std::vector<Participant> out{{a.country.empty() ? a.id : a.country, Role::kSource},
                                 {b.country.empty() ? b.id : b.country, two_sided ? Role::kTarget : Role::kSource}};
    for (const auto& p : c->participants) {
      if (p.actor_id != out[0].actor_id && p.actor_id != out[1].actor_id) out.push_back({p.actor_id, Role::kOther});
    }
    c->participants = std::move(out);
    if (c->place == a.id || c->place == b.id) c->place.clear();
    return;
  }
}

// "a missile strike on Kharkiv", "an attack against Odesa", "a strike on
// Beirut": the city right after on/against an English attack noun is where
// it happened (a capital as its city); SidesFromPlace then makes its
// country the target.
void AttackedCity(const SentenceInfo& s, Cand* c) {
  if (!c->type || !c->place.empty() || !c->entry || c->entry->pos != 'n' || !internal::IsAsciiAlnum(s.text[c->begin])) {
    return;
  }
  if (c->type->plover != "ASSAULT" && c->type->plover != "FIGHT") return;
  std::string_view rest = s.text.substr(c->end);
  size_t skip = rest.starts_with(" on ") ? 4 : rest.starts_with(" against ") ? 9 : 0;
  if (skip == 0) return;
  if (rest.substr(skip).starts_with("the ")) skip += 4;
  const uint32_t at = c->end + uint32_t(skip);
  for (const auto& a : s.actors) {
    if (a.dropped || a.begin != at) continue;
    if (a.kind == ActorKind::kPlace || (a.metonym && !a.city.empty())) c->place = WhereId(a);
    return;
  }
}

// "withdrawal from the Ukrainian border", "camps near the eastern Thai
// border": a country named only as the side of a border, after
// from/near/along/across (and "the" with up to three lower-case words), or
// after "border with" ("the situation on the state border with Belarus"), is
// where, not who.
void DropBorderSides(const SentenceInfo& s, Cand* c) {
  const bool hostile = !c->type || c->type->cameo == "-" || c->type->cameo >= "13";
  auto border_side = [&](const ActorInfo& a) {
    // "discussed the situation on the state border with Belarus": the country
    // a border is with, for talk or another act short of force (a build-up
    // "on its border with Ukraine" is aimed at Ukraine).
    std::string_view lead = s.text.substr(0, a.begin);
    while (!lead.empty() && lead.back() == ' ') lead.remove_suffix(1);
    if (lead.ends_with(" the")) lead.remove_suffix(4);
    for (std::string_view w : {" border with", " borders with", " frontier with", " boundary with"}) {
      if (lead.ends_with(w) && !hostile) return true;
    }
    std::string_view after = s.text.substr(a.end);
    if (!after.starts_with(" border") && !after.starts_with(" frontier")) return false;
    std::string_view before = s.text.substr(0, a.begin);
    while (!before.empty() && before.back() == ' ') before.remove_suffix(1);
    std::string_view rest = before;
    for (int k = 0; k < 3 && !rest.ends_with(" the"); ++k) {
      size_t sp = rest.rfind(' ');
      bool lower = sp != std::string_view::npos && rest.size() > sp + 1 &&
                   std::islower(static_cast<unsigned char>(rest[sp + 1]));
      if (!lower) break;
      rest = rest.substr(0, sp);
    }
    if (rest.ends_with(" the")) before = rest.substr(0, rest.size() - 4);
    return before.ends_with(" from") || before.ends_with(" near") || before.ends_with(" along") ||
           before.ends_with(" across");
  };
  std::erase_if(c->participants, [&](const Participant& p) {
    bool any = false;
    for (const auto& a : s.actors) {
      if (a.id != p.actor_id || a.dropped) continue;
      if (!border_side(a)) return false;
      any = true;
    }
    return any;
  });
}

// A two-sided event (talks, a call, an agreement) whose sides are all
// targets: the first named is the source.
void FirstSideAsSource(const SentenceInfo& s, Cand* c) {
  if (!Reciprocal(c->type)) return;
  size_t targets = 0;
  for (const auto& p : c->participants) {
    if (p.role == Role::kSource) return;
    targets += p.role == Role::kTarget;
  }
  if (targets < 2) return;
  Participant* first = nullptr;
  uint32_t first_at = UINT32_MAX;
  for (auto& p : c->participants) {
    if (p.role != Role::kTarget) continue;
    for (const auto& a : s.actors) {
      if (a.id == p.actor_id && a.begin < first_at) {
        first_at = a.begin;
        first = &p;
      }
    }
  }
  if (first != nullptr) first->role = Role::kSource;
}

}  // namespace

void BuildArguments(const DocState& ds, SentenceInfo* s, Cand* c, const Attribution& attr) {
  const Span& cl = s->clauses[c->clause];
  std::vector<const ActorInfo*> pre, post;
  ClauseActors(ds, s, c, pre, post);
  if (c->place.empty()) c->place = s->place;
  const bool passive = Passive(s, c, pre);
  auto add = [&](const std::string& id, Role r) {
    for (const auto& p : c->participants) {
      if (p.actor_id == id) return;
    }
    c->participants.push_back({id, r});
  };
  std::vector<const ActorInfo*> dropped_subjects = JoinSubject(ds, s, pre);
  const bool english = internal::IsAsciiAlnum(s->text[c->begin]);
  // A Chinese nominal trigger: 俄乌谈判 has its arguments before it, and
  // 交换战俘等共识 is not predicated of the sentence's subject.
  const bool zh_nominal = c->entry->pos == 'n' && !english;
  if (english && !pre.empty()) DropVerbSubject(s, c, pre);
  if (zh_nominal) post.clear();
  Roles roles = PreRoles(ds, s, c, pre);
  bool have_source = std::any_of(roles.begin(), roles.end(), [](auto& p) { return p.second == Role::kSource; });
  // 美国财政部宣布对12名伊朗官员实施制裁: when the nearest actor is the
  // object of 对, the subject is the actor before it in the clause.
  if (!have_source && !roles.empty() && roles.front().second == Role::kTarget && !dropped_subjects.empty()) {
    roles.insert(roles.begin(), {dropped_subjects.back(), Role::kSource});
    have_source = true;
  }
  PostRoles(ds, s, c, post, passive, english, have_source, roles);

  if (passive) {
    for (auto& p : roles) {
      if (p.first->end <= c->begin && p.second == Role::kSource) p.second = Role::kTarget;
    }
  }
  have_source = std::any_of(roles.begin(), roles.end(), [](auto& p) { return p.second == Role::kSource; });
  if (!have_source && !passive && !zh_nominal) {
    // The subject carries over: the attributed speaker (X表示将访问Y), else the
    // first actor of an earlier clause of the sentence.
    // A news agency that reports (据路透社报道, according to Reuters) is no
    // participant of what it reports.
    bool attr_is_media = false;
    for (const auto& a : s->actors) {
      if (a.id == attr.actor_id && a.kind == ActorKind::kMedia) attr_is_media = true;
    }
    // A transcript's speaker label says the sentence: "Putin: … what happens
    // in Donbas is genocide" names no doer (the clause's "I" is the speaker).
    const bool label = attr.cue == ":";
    // Nor, in English, one named as the source of what is said ("according
    // to X", "as described by X"): they report it, they do not do it. (正如X
    // 所述 in the seed is said by one of the two sides that agreed.)
    const bool reporter = !attr.cue.empty() && internal::IsAsciiAlnum(attr.cue[0]) &&
                          ds.lex.IsCueWord("attr_before_actor", attr.cue);
    if (!attr.actor_id.empty() && !attr_is_media && !label && !reporter) {
      add(attr.actor_id, Role::kSource);
    } else if (attr.actor_id.empty()) {
      for (const auto& a : s->actors) {
        if (a.dropped || a.place || a.speaker || a.begin >= cl.begin) continue;
        add(a.id, Role::kSource);
        break;
      }
    }
  }
  for (const auto& [a, r] : roles) add(a->id, r);
  // "talks between A and B" (English): for a two-sided event A and B are its
  // two sides; whoever else the clause named is no side of it. (By word
  // order, so also after a verb: "a protocol was signed between A and B"; a
  // longer list after a noun is BetweenSides', over the chunks.)
  if (Reciprocal(c->type) && post.size() >= 2) {
    for (const auto& cue : ds.lex.FindCues("between", s->text)) {
      if (cue.begin < c->end || cue.begin - c->end > 3 || cue.end > post[0]->group_begin ||
          post[0]->group_begin - cue.end > 40) {
        continue;
      }
      const ActorInfo* a = post[0];
      const ActorInfo* b = post[1];
      std::string_view gap = s->text.substr(a->end, b->group_begin > a->end ? b->group_begin - a->end : 0);
      if (gap.size() > 60 || !ds.lex.HasCue("coord", gap)) break;
      for (auto& p : c->participants) {
        if (p.actor_id == a->id) p.role = Role::kSource;
        else if (p.actor_id == b->id) p.role = Role::kTarget;
        else p.role = Role::kOther;
      }
      break;
    }
  }
  // The clause's answer where the chunker (English) or the Chinese rules have one.
  if (!EnglishClauseRoles(ds, *s, c)) ChineseClauseRoles(ds, *s, c);
  HyphenPair(*s, c);
  // Keep the person, drop their own country in the same role (乌克兰外长…与…
  // 卡拉斯: EU is Kallas's). In another role the country is a side of its own:
  // "Museveni threatened to ban Ugandan opposition candidates".
  std::set<std::pair<std::string, Role>> person_countries;
  for (const auto& a : s->actors) {
    if (a.kind != ActorKind::kPerson) continue;
    // (A person with no known country stands for themself: never drop them.)
    if (a.country.empty() || a.country == a.id) continue;
    for (const auto& p : c->participants) if (p.actor_id == a.id) person_countries.insert({a.country, p.role});
  }
  // Talks, calls, meetings and visits are between sides: a person's own
  // country is never the other side ("Putin met Bolsonaro … Russia" is no
  // Putin–Russia meeting; "Scholz visited Moscow … Germany").
  const bool between = Reciprocal(c->type) || (c->type && c->type->family == "visit");
  auto own_country = [&](const Participant& p) {
    if (between || p.role == Role::kOther) {  // any role of the person
      return std::any_of(person_countries.begin(), person_countries.end(),
                         [&](const auto& pc) { return pc.first == p.actor_id; });
    }
    return person_countries.count({p.actor_id, p.role}) > 0 || person_countries.count({p.actor_id, Role::kOther}) > 0;
  };
  c->participants.erase(std::remove_if(c->participants.begin(), c->participants.end(), own_country),
                        c->participants.end());
  DropBorderSides(*s, c);
  FirstSideAsSource(*s, c);
  AttackedCity(*s, c);
  SidesFromPlace(ds, *s, c);
  std::stable_sort(c->participants.begin(), c->participants.end(),
                   [](const Participant& x, const Participant& y) { return x.role < y.role; });
}

// "Hamas threatened to attack Israel", "Pakistan refused to deploy troops in
// Iraq", "Russia demanded that Kyiv withdraw": an intent, threat, rejection or
// demand with no target of its own is aimed at the target of the act it
// governs (the next trigger in its clause, made planned, negated or demanded
// by it), as CAMEO and PLOVER code these events.
void GovernedTargets(DocState& ds, SentenceInfo* s) {
  auto governs = [](const EventTypeInfo* t) {
    return t && (t->family == "intent" || t->family == "threaten" || t->family == "reject" ||
                 t->family == "demand" || t->type == "appeal");
  };
  for (size_t k = 0; k + 1 < s->cands.size(); ++k) {
    Cand& g = ds.cands[s->cands[k]];
    if (!governs(g.type)) continue;
    const Cand& c = ds.cands[s->cands[k + 1]];
    if (c.clause != g.clause || c.begin < g.end || governs(c.type)) continue;
    if (c.modality != Modality::kPlanned && c.modality != Modality::kNegated && c.modality != Modality::kDemanded) {
      continue;
    }
    bool has_target = std::any_of(g.participants.begin(), g.participants.end(),
                                  [](const Participant& p) { return p.role == Role::kTarget; });
    if (has_target) continue;
    for (const auto& p : c.participants) {
      if (p.role != Role::kTarget) continue;
      bool taken = std::any_of(g.participants.begin(), g.participants.end(),
                               [&](const Participant& q) { return q.actor_id == p.actor_id; });
      if (!taken) g.participants.push_back(p);
    }
  }
}

void ApplyInitiators(DocState& ds, SentenceInfo* s) {
  auto apply = [&](const std::string& init, size_t clause) {
    Cand* target = nullptr;
    for (size_t ci : s->cands) {
      Cand& c = ds.cands[ci];
      if (c.clause == clause) { target = &c; break; }
      if (c.clause < clause) target = &c;
    }
    if (!target) return;
    const Actor* rec = ds.Lookup(init);
    std::string init_country = ds.CountryOf(init, rec ? rec->kind : GuessKind(init));
    int found = -1;
    for (size_t i = 0; i < target->participants.size(); ++i) {
      const std::string& id = target->participants[i].actor_id;
      const Actor* r = ds.Lookup(id);
      if (id == init || ds.CountryOf(id, r ? r->kind : GuessKind(id)) == init_country) { found = int(i); break; }
    }
    std::vector<Participant> out;
    std::string init_id = found >= 0 ? target->participants[found].actor_id : init;
    // 应Y邀请，X对Z进行访问 / at Y's invitation X visited: for a visit the
    // inviter is the host (the target); the visitor stays the source.
    if (target->type && target->type->type == "visit") {
      for (size_t i = 0; i < target->participants.size(); ++i) {
        if (int(i) != found && target->participants[i].role == Role::kSource) out.push_back(target->participants[i]);
      }
      if (!out.empty()) {
        out.push_back({init_id, Role::kTarget});
        for (size_t i = 0; i < target->participants.size(); ++i) {
          if (int(i) != found && target->participants[i].role != Role::kSource) {
            out.push_back({target->participants[i].actor_id, Role::kOther});
          }
        }
        target->participants = std::move(out);
        return;
      }
    }
    out.push_back({init_id, Role::kSource});
    for (size_t i = 0; i < target->participants.size(); ++i) {
      if (int(i) == found) continue;
      out.push_back({target->participants[i].actor_id, Role::kTarget});
    }
    target->participants = std::move(out);
  };
  for (const auto& cue : ds.lex.FindCues("initiator_after_actor", s->text)) {
    if (InsideTrigger(*s, cue)) continue;
    for (const auto& a : s->actors) {
      if (a.dropped || a.end > cue.begin || cue.begin - a.end > 3) continue;
      apply(a.id, ClauseOf(s->clauses, cue.begin));
    }
  }
  for (const auto& cue : ds.lex.FindCues("initiator_before_actor", s->text)) {
    if (InsideTrigger(*s, cue)) continue;
    for (const auto& a : s->actors) {
      if (a.dropped || a.begin < cue.end || a.begin - cue.end > 5) continue;
      apply(a.id, ClauseOf(s->clauses, cue.begin));
      break;
    }
  }
}

}  // namespace kbq::ingest::events
