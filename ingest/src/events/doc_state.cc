// Helpers of the per-document state (doc_state.h).
#include "events/doc_state.h"

#include <algorithm>
#include <set>

namespace kbq::ingest::events {

ActorKind GuessKind(const std::string& id) {
  if (id.rfind("person:", 0) == 0) return ActorKind::kPerson;
  if (id.rfind("place:", 0) == 0) return ActorKind::kPlace;
  if (id.rfind("gov:", 0) == 0) return ActorKind::kGovernmentBody;
  if (id.rfind("org:", 0) == 0) return ActorKind::kOrganisation;
  if (id.rfind("media:", 0) == 0) return ActorKind::kMedia;
  if (id.rfind("group:", 0) == 0) return ActorKind::kGroup;
  if (id.size() == 3 && std::all_of(id.begin(), id.end(), [](char c) { return c >= 'A' && c <= 'Z'; })) {
    return ActorKind::kCountry;
  }
  return ActorKind::kUnknown;
}

bool Overlaps(const TriggerHit& h, uint32_t b, uint32_t e) { return h.begin < e && b < h.end; }

// A cue inside a trigger or a blocker (称赞, 谈判结果) is no cue.
bool InsideTrigger(const SentenceInfo& s, const CueHit& c) {
  for (const auto& h : s.hits) {
    if (Overlaps(h, c.begin, c.end)) return true;
  }
  return false;
}

bool HasRole(const std::vector<Participant>& sides, Role role) {
  return std::any_of(sides.begin(), sides.end(), [&](const Participant& p) { return p.role == role; });
}

bool CueBeforeTrigger(const DocState& ds, const SentenceInfo& s, const Cand& c, std::string_view kind,
                      bool (*fits)(std::string_view)) {
  const Span& cl = s.clauses[c.clause];
  for (const auto& cue : ds.lex.FindCues(kind, s.text)) {
    if (cue.begin < cl.begin || cue.end > c.begin || InsideTrigger(s, cue)) continue;
    std::string_view gap = s.text.substr(cue.end, c.begin - cue.end);
    if (gap.find_first_of(",;") == std::string_view::npos && (!fits || fits(gap))) return true;
  }
  return false;
}

std::shared_ptr<const ActorInfo> Detached(const ActorInfo& a) {
  auto out = std::make_shared<ActorInfo>(a);
  out->begin = out->end = out->group_begin = 0;
  out->speaker = false;
  return out;
}

bool Reciprocal(const EventTypeInfo* t) {
  static const std::set<std::string> kFamilies = {"talks", "call", "consult", "agreement",
                                                  "cooperate", "fight", "release"};
  return t && kFamilies.count(t->family);
}

bool MeetingFamily(const EventTypeInfo* t) { return t && (t->family == "talks"); }

bool Gathering(const EventTypeInfo* t) { return t && (MeetingFamily(t) || t->family == "consult"); }

bool Meets(const EventTypeInfo* t) {
  return t && (MeetingFamily(t) || t->family == "consult" || t->family == "call" || t->family == "agreement");
}

bool Visit(const EventTypeInfo* t) { return t && t->family == "visit"; }

bool CommunicativeOrOutcome(const EventTypeInfo* t) {
  static const std::set<std::string> kFamilies = {
      "statement", "appeal", "intent", "agreement", "release", "demand", "reject",
      "threaten", "disapprove", "support", "ceasefire", "concede", "retreat"};
  return t && kFamilies.count(t->family);
}

bool SaidAct(const EventTypeInfo* t) {
  static const std::set<std::string> kFamilies = {"statement", "appeal", "demand", "disapprove", "threaten"};
  return t && (kFamilies.count(t->family) > 0 || t->type == "offer");
}

std::string DocState::CountryOf(const std::string& id, ActorKind kind) const {
  if (kind == ActorKind::kCountry) return id;
  if (const Actor* a = Lookup(id)) {
    if (!a->affiliations.empty()) return a->affiliations.front().actor_id;
    // A city's region's country (Kyiv the city is in Kyiv the region, in
    // Ukraine): up the places to the first that is no place.
    std::string up = id;
    for (int depth = 0; depth < 4 && a != nullptr && !a->part_of.empty(); ++depth) {
      up = a->part_of.front();
      a = Lookup(up);
      if (a == nullptr || a->kind != ActorKind::kPlace) break;
    }
    return up;
  }
  return id;
}

std::vector<std::string> DocState::ComputeCountries(const Cand& c) const {
  std::vector<std::string> out;
  for (const auto& p : c.participants) {
    const Actor* r = Lookup(p.actor_id);
    std::string k = CountryOf(p.actor_id, r ? r->kind : GuessKind(p.actor_id));
    if (std::find(out.begin(), out.end(), k) == out.end()) out.push_back(k);
  }
  return out;
}

bool DocState::Compatible(const Cand& a, const Cand& b) const {
  if (!TypesCompatible(a.type->type, b.type->type)) return false;
  if (!a.place.empty() && !b.place.empty() && a.place != b.place) return false;
  const auto& ca = Countries(a);
  const auto& cb = Countries(b);
  if (ca.empty() || cb.empty()) return true;
  for (const auto& x : ca) {
    if (std::find(cb.begin(), cb.end(), x) != cb.end()) return true;
  }
  return false;
}

}  // namespace kbq::ingest::events
