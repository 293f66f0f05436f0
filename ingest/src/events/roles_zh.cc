// Stage 4 (Chinese): the two sides of a two-sided event across a place, time
// or manner phrase: X[在克里姆林宫|当天下午|以视频方式]同Y举行会晤. Reads the
// sentence's actors (stage 1) and the lexicon's partner cues (`partner`
// kind); writes Cand::participants. docs/extraction.md, "Chinese roles".
#include <algorithm>

#include "events/stages.h"
#include "text_util.h"

namespace kbq::ingest::events {

void ChineseClauseRoles(const DocState& ds, const SentenceInfo& s, Cand* c) {
  if (internal::IsAsciiAlnum(s.text[c->begin])) return;
  // 绍伊古访问明斯克: a visit with a place and no host is hosted by the
  // place's country.
  if (c->type && c->type->type == "visit" && !c->place.empty()) {
    bool has_target = std::any_of(c->participants.begin(), c->participants.end(),
                                  [](const Participant& p) { return p.role == Role::kTarget; });
    const Actor* rec = ds.Lookup(c->place);
    std::string host = ds.CountryOf(c->place, rec ? rec->kind : GuessKind(c->place));
    bool own = std::any_of(c->participants.begin(), c->participants.end(), [&](const Participant& p) {
      const Actor* r = ds.Lookup(p.actor_id);
      return p.actor_id == host || ds.CountryOf(p.actor_id, r ? r->kind : GuessKind(p.actor_id)) == host;
    });
    if (!has_target && !own && !host.empty() && host != c->place) c->participants.push_back({host, Role::kTarget});
    return;
  }
  if (!Reciprocal(c->type)) return;
  const Span& cl = s.clauses[c->clause];
  // The partner: the actor right after a partner cue (同/与/和/跟), before the
  // trigger in its clause, with at most a short predicate between it and the
  // trigger (举行非正式会晤, 通电话).
  const ActorInfo* partner = nullptr;
  uint32_t cue_begin = 0;
  for (const auto& a : s.actors) {
    if (a.dropped || a.place || a.speaker || a.begin < cl.begin || a.end > c->begin) continue;
    if (c->begin - a.end > 30) continue;
    std::string_view lead = s.text.substr(cl.begin, a.group_begin - cl.begin);
    for (const auto& cue : ds.lex.FindCues("partner", lead)) {
      if (cue.end == lead.size()) {
        partner = &a;
        cue_begin = cl.begin + cue.begin;
      }
    }
  }
  if (!partner) return;
  // The subject: the nearest actor before the cue that is no place, in this
  // clause or, across a clause that holds only a time or place phrase, the
  // sentence's earlier clause (据报道，当天下午，X…).
  const ActorInfo* subject = nullptr;
  for (const auto& a : s.actors) {
    if (a.dropped || a.place || a.speaker || a.end > cue_begin || &a == partner) continue;
    subject = &a;
  }
  if (!subject) return;
  // Subjects coordinated with it (A和B同C…) stay sources.
  std::vector<Participant> out{{subject->id, Role::kSource}, {partner->id, Role::kTarget}};
  for (const auto& p : c->participants) {
    if (p.actor_id == subject->id || p.actor_id == partner->id) continue;
    out.push_back({p.actor_id, p.role == Role::kTarget ? Role::kOther : p.role});
  }
  c->participants = std::move(out);
}

}  // namespace kbq::ingest::events
