// Stage 4 (Chinese): the two sides of a two-sided event across a place, time
// or manner phrase: X[在克里姆林宫|当天下午|以视频方式]同Y举行会晤. Reads the
// sentence's actors (stage 1) and the lexicon's partner cues (`partner`
// kind); writes Cand::participants. docs/extraction.md, "Chinese roles".
#include <algorithm>

#include "events/stages.h"
#include "text_util.h"

namespace kbq::ingest::events {

namespace {

// The start of the 在…的 frame a mediation trigger at [begin, end) heads
// (在埃及和卡塔尔的斡旋下), or npos.
size_t MediationFrame(const SentenceInfo& s, const Span& cl, uint32_t begin, uint32_t end) {
  const std::string_view before = s.text.substr(0, begin);
  if (!before.ends_with("的") || !s.text.substr(end).starts_with("下")) return std::string_view::npos;
  const size_t zai = before.rfind("在");
  return zai == std::string_view::npos || zai < cl.begin ? std::string_view::npos : zai;
}

// Of a clause's events other than a mediation in a 在…的…下 frame, the
// mediators are no sides, nor the place (以色列和哈马斯在埃及和卡塔尔的斡旋下
// 达成停火协议: the ceasefire is Israel's and Hamas's).
void DropMediators(const DocState& ds, const SentenceInfo& s, Cand* c) {
  const Span& cl = s.clauses[c->clause];
  for (const auto& h : s.hits) {
    const EventTypeInfo* t = h.blocker() ? nullptr : ds.lex.Type(h.entry->type);
    if (!t || t->type != "mediate" || h.begin < cl.begin || h.end > cl.end) continue;
    const size_t zai = MediationFrame(s, cl, h.begin, h.end);
    if (zai == std::string_view::npos) continue;
    for (const auto& a : s.actors) {
      if (a.begin < zai || a.end > h.begin) continue;
      std::erase_if(c->participants, [&](const Participant& p) { return p.actor_id == a.id; });
      if (c->place == a.id) c->place.clear();
    }
  }
}

// The mediation itself: the owners in its 在…的…下 frame mediate (sources),
// not where it happened; the clause's other actors are the sides they
// mediate between (targets). False when c is no mediation in such a frame.
bool MediationSides(const SentenceInfo& s, Cand* c) {
  const Span& cl = s.clauses[c->clause];
  const size_t zai = MediationFrame(s, cl, c->begin, c->end);
  if (zai == std::string_view::npos) return false;
  std::vector<Participant> out;
  auto add = [&](const std::string& id, Role r) {
    if (std::none_of(out.begin(), out.end(), [&](const Participant& p) { return p.actor_id == id; })) {
      out.push_back({id, r});
    }
  };
  for (const auto& a : s.actors) {
    if (a.dropped || a.speaker || a.begin < zai || a.end > c->begin) continue;
    add(a.country.empty() ? a.id : a.country, Role::kSource);
    if (c->place == a.id) c->place.clear();
  }
  if (out.empty()) return false;
  for (const auto& a : s.actors) {
    if (a.dropped || a.speaker || a.place || a.begin < cl.begin || a.end > cl.end) continue;
    if (a.begin >= zai && a.end <= c->begin) continue;
    add(a.id, Role::kTarget);
  }
  c->participants = std::move(out);
  return true;
}

}  // namespace

void ChineseClauseRoles(const DocState& ds, const SentenceInfo& s, Cand* c) {
  if (internal::IsAsciiAlnum(s.text[c->begin])) return;
  const bool mediation = c->type && c->type->type == "mediate";
  if (mediation && MediationSides(s, c)) return;
  if (!mediation) DropMediators(ds, s, c);
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
