// Stage 8, events: one Event per resolved, non-bare candidate (coreferent
// mentions join it), the links between them, merged within the article and
// labelled. Reads every candidate field and DocState::links; writes the
// Extraction.
#include <algorithm>

#include "events/stages.h"
#include "kbq/ingest/event_merge.h"

namespace kbq::ingest::events {
namespace {

// The CAMEO code of the event as CAMEO codes the sentence: an act planned,
// refused or demanded is the verbal act (CAMEO 1.1b3: 03 intent, 12 reject,
// 10 demand, 13 threaten), not the act itself. "Ready to meet" is 036, "will
// strike" 138, "refused to send aid" 122, "must withdraw" 106. The type keeps
// naming the act; an asserted or reported act keeps its own code.
std::string ModalCameo(const EventTypeInfo& t, Modality m) {
  const std::string own = t.cameo == "-" ? "" : t.cameo;
  const std::string& p = t.plover;
  // Verbal acts are coded as themselves whatever their modality.
  if (p == "DEMAND" || p == "THREATEN" || p == "REJECT" || p == "DISAPPROVE" || t.family == "intent") return own;
  const bool cooperative = CooperativePlover(p);
  const bool hostile = HostilePlover(p);
  switch (m) {
    case Modality::kPlanned:
      if (p == "CONSULT") return "036";
      if (p == "AID") return "033";
      if (p == "CONCEDE" || p == "RETREAT") return "035";
      if (cooperative) return "030";
      if (p == "ASSAULT" || p == "FIGHT" || p == "MOBILIZE") return "138";
      if (p == "SANCTION") return "131";
      if (p == "COERCE") return "137";
      if (hostile) return "130";
      return own;
    case Modality::kNegated:
      if (p == "CONSULT") return "125";
      if (p == "AID") return "122";
      if (p == "CONCEDE" || p == "RETREAT") return "124";
      if (cooperative) return "120";
      return own;  // CAMEO codes no "did not attack"
    case Modality::kDemanded:
      if (p == "CONSULT") return "108";
      if (p == "RETREAT") return "106";
      if (p == "AID") return "103";
      return "100";
    default:
      return own;
  }
}

}  // namespace

namespace {

// After merging, as for each mention (arguments.cc): a person's (or a
// government body's) own country beside them in the same role, or as `other`,
// is theirs, not a side; in talks, calls, meetings and visits it is never the
// other side either (merged mentions of "Putin" and "Russia" both as sources,
// or Putin → Russia; "the Office of the President of Ukraine" met X with
// Ukraine `other`). Nor is it the other side of a word of support, agreement
// or cooperation: "Zelensky thanked Wallace for the UK's support for our
// country" is no praise of Ukraine, "Xi thanked Putin for his support of the
// One China principle" none of China (press-2022 samples 14–16: such a
// country was a spurious side every time). A state's acts on its own country
// (a curfew eased, opposition parties barred) keep it: CAMEO codes them so.
void DropOwnCountries(const EventTypeInfo* type, const AncestorsFn& ancestors, Event* e) {
  const bool between = Reciprocal(type) || (type && type->family == "visit");
  const bool verbal = type && (type->plover == "SUPPORT" || type->plover == "AGREE" ||
                               type->plover == "COOPERATE" || type->plover == "CONSULT" || type->family == "intent");
  struct Own {
    std::string country;
    Role role;           // of its person or body
    std::string member;  // the person or body
  };
  std::vector<Own> own;
  for (const auto& p : e->participants) {
    if (p.actor_id.rfind("person:", 0) != 0 && p.actor_id.rfind("gov:", 0) != 0) continue;
    for (const auto& c : ancestors(p.actor_id)) own.push_back({c, p.role, p.actor_id});
  }
  if (own.empty()) return;
  // In talks, visits and words of support or agreement, a country dropped
  // from a side nobody else holds, whose own person stood only as `other`,
  // hands that side to the person: "We have agreed …" of Tokayev after the
  // Russian-Kazakh talks, Russia the target and Putin `other`, is Tokayev →
  // Putin. (A hostile act keeps its country: "Russia annexed Crimea".)
  for (const Own& o : own) {
    if (o.role != Role::kOther || !(between || verbal)) continue;
    for (const auto& p : e->participants) {
      if (p.actor_id != o.country || p.role == Role::kOther) continue;
      const Role side = p.role;
      bool taken = std::any_of(e->participants.begin(), e->participants.end(), [&](const Participant& q) {
        return q.role == side && q.actor_id != o.country && q.actor_id != o.member;
      });
      if (taken) break;  // "Yermak and Kuleba met with Sullivan": the other side is named
      for (auto& q : e->participants) {
        if (q.actor_id == o.member) q.role = side;
      }
      break;
    }
  }
  std::erase_if(e->participants, [&](const Participant& p) {
    return std::any_of(own.begin(), own.end(), [&](const Own& o) {
      return o.country == p.actor_id && (between || verbal || o.role == p.role || p.role == Role::kOther);
    });
  });
}

// "Putin held talks in Sochi with Vucic, who arrived in Russia on a working
// visit": a visit with no host named, in a place of the country of a person
// standing there as `other`, is hosted by that person (the target).
void VisitHost(const AncestorsFn& own_countries, Event* e) {
  if (e->type != "visit" || e->place_id.empty()) return;
  if (HasRole(e->participants, Role::kTarget)) return;
  std::vector<std::string> where = own_countries(e->place_id);
  where.push_back(e->place_id);
  Participant* host = nullptr;
  for (auto& p : e->participants) {
    if (p.role != Role::kOther || p.actor_id.rfind("person:", 0) != 0) continue;
    for (const auto& c : own_countries(p.actor_id)) {
      if (std::find(where.begin(), where.end(), c) == where.end()) continue;
      if (host && host->actor_id != p.actor_id) return;  // two candidates: no guess
      host = &p;
    }
  }
  if (host) host->role = Role::kTarget;
}

}  // namespace

Extraction EmitEvents(const DocState& ds) {
  const Article& art = ds.doc.article;
  // Events from candidates; coreferent mentions join their antecedent.
  Extraction x;
  std::set<std::string> apart;  // ids of events merged with none (Cand::distinct)
  std::vector<int> event_of(ds.cands.size(), -1);
  // The headline's sentences come first; a body event's id counts its
  // sentence and offset from the body's start, so ids do not depend on
  // whether the headline was read.
  const uint32_t headline_sentences = ds.HeadlineSentences();
  for (size_t i = 0; i < ds.cands.size(); ++i) {
    int r = ds.Resolve(int(i));
    if (r != int(i) || ds.cands[i].bare) continue;
    const Cand& c = ds.cands[i];
    Event e;
    uint32_t offset = ds.sents[c.sentence].begin + c.begin;
    e.id = c.sentence < headline_sentences
               ? MakeEventId(art.id + "/headline", c.sentence, offset)
               : MakeEventId(art.id, c.sentence - headline_sentences, offset - ds.doc.body_begin);
    e.type = c.type->type;
    e.cameo = ModalCameo(*c.type, c.modality);
    e.date = c.date;
    e.date_basis = c.basis;
    e.participants = c.participants;
    e.place_id = c.place;
    e.modality = c.modality;
    e.attribution = c.attribution;
    e.attributes.insert(c.toll.begin(), c.toll.end());
    double conf = 0.5;
    if (c.basis == "explicit" || c.basis == "sentence" || c.basis == "lead") conf += 0.15;
    if (c.participants.size() >= 2) conf += 0.1;
    if (c.participants.empty()) conf -= 0.15;
    e.confidence = conf;
    event_of[i] = int(x.events.size());
    if (c.distinct) apart.insert(e.id);
    x.events.push_back(std::move(e));
  }
  for (size_t i = 0; i < ds.cands.size(); ++i) {
    const Cand& c = ds.cands[i];
    int ev = event_of[ds.Resolve(int(i))];
    if (ev < 0) continue;
    const SentenceInfo& s = ds.sents[c.sentence];
    Mention m;
    m.article_id = art.id;
    m.sentence = c.sentence;
    m.begin = s.begin;
    m.end = s.end;
    m.text = std::string(s.text);
    m.trigger = std::string(s.text.substr(c.begin, c.end - c.begin));
    m.date_text = c.date_text;
    Event& e = x.events[ev];
    e.mentions.push_back(std::move(m));
    if (int(i) != ds.Resolve(int(i))) {
      // A coreferent mention adds participants only where the event had none.
      if (e.participants.empty()) for (const auto& p : c.participants) {
        bool have = std::any_of(e.participants.begin(), e.participants.end(),
                                [&](const Participant& q) { return q.actor_id == p.actor_id; });
        if (!have) e.participants.push_back(p);
      }
      e.confidence = std::min(0.95, e.confidence + 0.05);
    }
  }
  for (const auto& [from, to, kind, cue, conf] : ds.links) {
    int f = event_of[ds.Resolve(from)], t = event_of[ds.Resolve(to)];
    if (f < 0 || t < 0 || f == t) continue;
    const Cand& fc = ds.cands[from];
    Link l{x.events[f].id, x.events[t].id, kind,
           cue + ": " + std::string(ds.sents[fc.sentence].text), conf};
    bool dup = std::any_of(x.links.begin(), x.links.end(), [&](const Link& o) {
      return o.from == l.from && o.to == l.to && o.kind == l.kind;
    });
    if (!dup) x.links.push_back(std::move(l));
  }
  // (Up every level of the places: a city is in its region and its country,
  // so "met in Washington" and the article's meeting in the United States
  // are one.)
  AncestorsFn ancestors = [&ds](const std::string& id) {
    std::vector<std::string> out;
    if (const Actor* a = ds.Lookup(id)) {
      for (const auto& af : a->affiliations) out.push_back(af.actor_id);
      for (const auto& p : a->part_of) out.push_back(p);
      for (size_t i = out.size() - a->part_of.size(); i < out.size() && out.size() < 8; ++i) {
        if (const Actor* up = ds.Lookup(out[i])) {
          for (const auto& p : up->part_of) {
            if (std::find(out.begin(), out.end(), p) == out.end()) out.push_back(p);
          }
        }
      }
    }
    return out;
  };
  // Whose own country a side is: as above, and for a person the gazetteer
  // does not list ("Deputy Head of the Office of the President of Ukraine
  // Ihor Zhovkva") the country its mentions were given.
  AncestorsFn own_countries = [&ds, &ancestors](const std::string& id) {
    std::vector<std::string> out = ancestors(id);
    if (out.empty() && id.rfind("person:", 0) == 0) {
      for (const SentenceInfo& s : ds.sents) {
        for (const ActorInfo& m : s.actors) {
          if (m.id == id && !m.country.empty() && m.country != id) {
            out.push_back(m.country);
            return out;
          }
        }
      }
    }
    return out;
  };
  FoldHeadline(&x, headline_sentences, ancestors);
  MergeExtraction(&x, ancestors, &apart);
  for (auto& e : x.events) {
    DropOwnCountries(ds.lex.Type(e.type), own_countries, &e);
    VisitHost(own_countries, &e);
    LabelEvent(ds.lex.Type(e.type), ds.lookup, &e);
  }
  return x;
}

}  // namespace kbq::ingest::events
