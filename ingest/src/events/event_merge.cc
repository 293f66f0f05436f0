// The merge rule and the merge itself (docs/extraction.md, "One event per happening").
#include "kbq/ingest/event_merge.h"

#include <algorithm>
#include <cstdlib>
#include <map>

#include "text_util.h"

namespace kbq::ingest {
namespace {

const EventExtractor* Builtin() {
  static const EventExtractor* x = [] {
    auto r = EventExtractor::LoadBuiltin();
    return r.ok() ? std::move(r).value().release() : nullptr;
  }();
  return x;
}

bool IsAncestor(const EventExtractor& x, std::string_view anc, std::string_view t) {
  const EventTypeInfo* info = x.FindType(t);
  for (int guard = 0; info && guard < 16; ++guard) {
    if (info->type == anc) return true;
    if (info->parent == "-") break;
    info = x.FindType(info->parent);
  }
  return false;
}

int ModalityClass(Modality m) {
  switch (m) {
    case Modality::kAsserted:
    case Modality::kReported:
    case Modality::kClaimed:
      return 0;
    default:
      return static_cast<int>(m);
  }
}

std::vector<std::string> Countries(const Event& e, const AncestorsFn& ancestors) {
  std::vector<std::string> out;
  auto add = [&](const std::string& id) {
    if (std::find(out.begin(), out.end(), id) == out.end()) out.push_back(id);
  };
  for (const auto& p : e.participants) {
    std::vector<std::string> up = ancestors ? ancestors(p.actor_id) : std::vector<std::string>{};
    if (up.empty()) add(p.actor_id);
    for (const auto& u : up) add(u);
  }
  return out;
}

int BasisRank(const std::string& b) {
  if (b == "explicit") return 0;
  if (b == "sentence") return 1;
  if (b == "inherited") return 2;
  if (b == "lead") return 3;
  return 4;
}

// Dated by the report's day: with no date of its own ("publication"), or as
// the news the report leads with ("lead"). The merge rules treat both alike.
bool ReportDay(const std::string& b) { return b == "publication" || b == "lead"; }

// A date the text gives the event itself (its clause or its sentence).
bool OwnDate(const Event& e) {
  return e.date.ok() && (e.date_basis == "explicit" || e.date_basis == "sentence");
}

// The day of an event's own day-precise date, or TimeValue::kNoDay.
int32_t OwnDay(const Event& e) {
  return OwnDate(e) && e.date.precision == Precision::kDay && e.date.earliest == e.date.latest
             ? e.date.earliest
             : TimeValue::kNoDay;
}

// Whether a mention of `a` and one of `b` stand in the same sentence.
bool ShareSentence(const Event& a, const Event& b) {
  for (const auto& ma : a.mentions) {
    for (const auto& mb : b.mentions) {
      if (ma.article_id == mb.article_id && ma.sentence == mb.sentence) return true;
    }
  }
  return false;
}

// Whether two triggers are forms of one word: equal, or (English) equal in
// their first five letters once lower-cased ("meeting"/"meetings",
// "negotiations"/"negotiated"); short words must be equal. Two triggers in
// one sentence (肯定 … 表示欢迎) name one happening.
bool SameTriggerWord(const Event& a, const Event& b) {
  if (ShareSentence(a, b)) return true;
  for (const auto& ma : a.mentions) {
    for (const auto& mb : b.mentions) {
      std::string x = internal::AsciiLower(ma.trigger), y = internal::AsciiLower(mb.trigger);
      if (x.empty() || y.empty()) continue;
      if (x == y) return true;
      bool ascii = std::all_of(x.begin(), x.end(), [](char c) { return c > 0; }) &&
                   std::all_of(y.begin(), y.end(), [](char c) { return c > 0; });
      if (ascii && x.size() >= 5 && y.size() >= 5 && x.compare(0, 5, y, 0, 5) == 0) return true;
    }
  }
  return false;
}

// `undated`, dated only by its publication day and told as real (asserted,
// reported, claimed), was over by then: it is no happening of a later day
// ("on the eve of the visit on the 14th, a delegation arrived").
bool DoneBefore(const Event& undated, const Event& dated) {
  return ModalityClass(undated.modality) == 0 && dated.date.ok() && dated.date.earliest > undated.date.latest;
}

// A plan and the later report that it happened: the plan ("talks will be
// held on the 21st") has a day the text gives, the other is asserted (or
// reported). SameHappening then asks for the same type and sides as usual.
bool Fulfils(const Event& plan, const Event& done) {
  // A day: "a conference in early November" is too loose to say which
  // later meeting fulfilled it (press-2022: a London plan and a Washington talk).
  return plan.modality == Modality::kPlanned && ModalityClass(done.modality) == 0 && plan.date.ok() &&
         plan.date.precision == Precision::kDay && plan.date.SpanDays() <= 1 &&
         !ReportDay(plan.date_basis) && plan.date_basis != "inherited";
}

// Meetings, talks, consultations and calls (the merge families of two
// sides who talk).
bool TalkFamily(std::string_view type) {
  const EventExtractor* x = Builtin();
  const EventTypeInfo* t = x ? x->FindType(type) : nullptr;
  return t && (t->family == "talks" || t->family == "consult" || t->family == "call");
}

}  // namespace

bool TypesCompatible(std::string_view a, std::string_view b) {
  if (a == b) return true;
  const EventExtractor* x = Builtin();
  if (!x) return false;
  const EventTypeInfo* ta = x->FindType(a);
  const EventTypeInfo* tb = x->FindType(b);
  if (!ta || !tb) return false;
  if (ta->family == tb->family) return true;
  return IsAncestor(*x, a, b) || IsAncestor(*x, b, a);
}

bool SameHappening(const Event& a, const Event& b, const AncestorsFn& ancestors) {
  const bool plan_pair = Fulfils(a, b) || Fulfils(b, a);
  if (ModalityClass(a.modality) != ModalityClass(b.modality) && !plan_pair) return false;
  if (!TypesCompatible(a.type, b.type)) return false;
  if (!a.date.ok() || !b.date.ok()) return false;
  // One type named twice in one sentence, once with a date and once with
  // only the publication day's stand-in (阿根廷19日举行总统选举…,米莱当选总统):
  // one happening, on the date the sentence gives.
  // Not when the undated one was over before that date (DoneBefore).
  if (a.type == b.type && ReportDay(a.date_basis) != ReportDay(b.date_basis) && ShareSentence(a, b)) {
    const bool a_undated = ReportDay(a.date_basis);
    if (!DoneBefore(a_undated ? a : b, a_undated ? b : a)) return true;
  }
  bool different_articles = !a.mentions.empty() && !b.mentions.empty() &&
                            a.mentions.front().article_id != b.mentions.front().article_id;
  int32_t slack = (different_articles && a.date.precision == Precision::kDay &&
                   b.date.precision == Precision::kDay) ? 1 : 0;
  if (a.date.earliest > b.date.latest + slack || b.date.earliest > a.date.latest + slack) return false;
  // A date that is only the publication day says little: it must not merge
  // with a dated event of another day at a coarser precision either.
  if (ReportDay(a.date_basis) != ReportDay(b.date_basis) && a.type != b.type) return false;
  // Two events dated only by the publication day share that day whatever
  // they are: "same day" proves nothing, so they merge only when they are
  // of one type and named by the same word (press-2022 sample 3: praise
  // merged into recognise, unrelated wrong triggers into each other).
  // Two events of the lead (basis "lead": the headline's "Meeting with X" and
  // the lead's "Putin met with X") are the report's news, whatever word names
  // them; the sides below must still agree.
  const bool both_lead = a.date_basis == "lead" && b.date_basis == "lead";
  if (ReportDay(a.date_basis) && ReportDay(b.date_basis) &&
      (a.type != b.type || (!both_lead && !SameTriggerWord(a, b)))) {
    return false;
  }
  if (!a.place_id.empty() && !b.place_id.empty() && a.place_id != b.place_id) {
    auto up_a = ancestors ? ancestors(a.place_id) : std::vector<std::string>{};
    auto up_b = ancestors ? ancestors(b.place_id) : std::vector<std::string>{};
    bool nested = std::find(up_a.begin(), up_a.end(), b.place_id) != up_a.end() ||
                  std::find(up_b.begin(), up_b.end(), a.place_id) != up_b.end();
    if (!nested) return false;
  }
  auto ca = Countries(a, ancestors), cb = Countries(b, ancestors);
  // A plan is fulfilled only by a happening of the same sides: each side of
  // the plan takes part in the happening (a Ukraine–Russia meeting that was
  // planned is no Russia–Belarus meeting of that day).
  if (plan_pair && (ca.empty() || cb.empty())) return false;
  if (plan_pair) {
    const auto& plan_sides = Fulfils(a, b) ? ca : cb;
    const auto& done_sides = Fulfils(a, b) ? cb : ca;
    for (const auto& k : plan_sides) {
      if (std::find(done_sides.begin(), done_sides.end(), k) == done_sides.end()) return false;
    }
  }
  if (ca.empty() || cb.empty()) {
    return a.type == b.type && a.date.precision == Precision::kDay && a.date == b.date &&
           (!a.place_id.empty() || !b.place_id.empty());
  }
  // Talks among the people of one country (Putin with his ministers) are no
  // talks with a foreign side that one of them also held that day: when both
  // reports name two or more sides, one country on one side and several on
  // the other is two meetings (press-2022: the Raisi talks had been absorbed
  // by a Putin–Lavrov meeting of the day before).
  if (different_articles && a.participants.size() >= 2 && b.participants.size() >= 2 &&
      (ca.size() == 1) != (cb.size() == 1) && TalkFamily(a.type)) {
    return false;
  }
  // A meeting of one named side is any of the many that person holds in a
  // day: across reports it is the same one only at the same place.
  if (different_articles && (a.participants.size() < 2 || b.participants.size() < 2) && TalkFamily(a.type) &&
      (a.place_id.empty() || a.place_id != b.place_id)) {
    return false;
  }
  size_t common = 0;
  for (const auto& c : ca) common += std::find(cb.begin(), cb.end(), c) != cb.end();
  // Two-sided events (talks, calls) need both sides to meet when both report two.
  size_t need = (ca.size() >= 2 && cb.size() >= 2) ? 2 : 1;
  return common >= need;
}

MergeResult MergeInto(const Event& kept, const Event& other) {
  MergeResult r{kept, Link{other.id, kept.id, LinkKind::kSameAs, "", 0.5}};
  Event& e = r.event;
  // One mention per sentence of evidence: a sentence that names the happening
  // with two triggers (直接谈判 … 谈判) is still one piece of evidence.
  for (const auto& m : other.mentions) {
    bool have = std::any_of(e.mentions.begin(), e.mentions.end(), [&](const Mention& x) {
      return x.article_id == m.article_id && x.begin == m.begin && x.end == m.end;
    });
    if (!have) e.mentions.push_back(m);
  }
  for (const auto& p : other.participants) {
    bool have = std::any_of(e.participants.begin(), e.participants.end(),
                            [&](const Participant& q) { return q.actor_id == p.actor_id; });
    if (!have) e.participants.push_back(p);
  }
  std::stable_sort(e.participants.begin(), e.participants.end(),
                   [](const Participant& x, const Participant& y) { return x.role < y.role; });
  // The better date: a date of the event's own (explicit or from its
  // sentence) over an inherited one over the publication day; between two
  // of one class, the more precise. A coarser explicit "February" never
  // replaces a day the sentence gave ("On February 12, …").
  auto rank = [](const Event& x) { return OwnDate(x) ? 0 : BasisRank(x.date_basis); };
  bool better = rank(other) < rank(e) ||
                (rank(other) == rank(e) && other.date.ok() &&
                 (!e.date.ok() || other.date.SpanDays() < e.date.SpanDays() ||
                  (other.date.SpanDays() == e.date.SpanDays() &&
                   BasisRank(other.date_basis) < BasisRank(e.date_basis))));
  if (better) {
    e.date = other.date;
    e.date_basis = other.date_basis;
  }
  // The plan kept as a mention of what happened: the happening's modality
  // and (its own) date win, so a timeline shows it once, as it happened.
  const bool fulfilled = Fulfils(kept, other);
  if (fulfilled) {
    e.modality = other.modality;
    e.cameo = other.cameo;  // the happening's code, not the plan's intent
    if (OwnDate(other)) {
      e.date = other.date;
      e.date_basis = other.date_basis;
    }
  }
  if (e.place_id.empty()) e.place_id = other.place_id;
  if (e.attribution.actor_id.empty() && e.attribution.cue.empty()) e.attribution = other.attribution;
  if (e.modality == Modality::kAsserted && other.modality != Modality::kAsserted &&
      r.same_as.kind == LinkKind::kSameAs && other.modality == Modality::kReported) {
    // asserted wins over reported: somebody states it outright.
  }
  if (e.cameo.empty()) e.cameo = other.cameo;
  e.confidence = std::min(0.98, std::max(e.confidence, other.confidence) + 0.05);
  for (const auto& [lang, label] : other.labels) e.labels.emplace(lang, label);
  for (const auto& [k, v] : other.attributes) e.attributes.emplace(k, v);
  bool plan_pair = fulfilled || Fulfils(other, kept);
  r.same_as.evidence = std::string(plan_pair ? "fulfils" : "merge") + ": " + other.type + " " + other.date.ToString() + " into " + kept.type +
                       " " + kept.date.ToString();
  r.same_as.confidence = 0.6;
  return r;
}

void FoldHeadline(Extraction* x, uint32_t headline_sentences, const AncestorsFn& ancestors) {
  if (headline_sentences == 0) return;
  auto in_headline = [&](const Event& e) {
    return !e.mentions.empty() && std::all_of(e.mentions.begin(), e.mentions.end(), [&](const Mention& m) {
      return m.sentence < headline_sentences;
    });
  };
  std::vector<Event> body, headline;
  for (Event& e : x->events) (in_headline(e) ? headline : body).push_back(std::move(e));
  for (Event& h : headline) {
    if (!ReportDay(h.date_basis)) continue;
    for (const Event& b : body) {
      if (b.type != h.type) continue;
      if (DoneBefore(h, b)) continue;  // a headline told as done is no later happening
      // The headline tells the report's news: a body event it takes its date
      // from is dated to a day in the week before the report, not "in
      // mid-January" or "less than a month ago" (a meeting the text recalls).
      constexpr int32_t kHeadlineWeek = 7;
      if (b.date.precision != Precision::kDay || b.date.earliest < h.date.earliest - kHeadlineWeek) continue;
      Event dated = h;
      dated.date = b.date;
      dated.date_basis = b.date_basis;
      if (SameHappening(b, dated, ancestors)) {
        h = std::move(dated);
        break;
      }
    }
  }
  x->events = std::move(body);
  for (Event& h : headline) x->events.push_back(std::move(h));
}

void MergeExtraction(Extraction* x, const AncestorsFn& ancestors, const std::set<std::string>* apart) {
  std::vector<Event>& ev = x->events;
  std::vector<bool> gone(ev.size(), false);
  std::map<std::string, std::string> renamed;
  std::vector<Link> same_as;
  for (size_t i = 0; i < ev.size(); ++i) {
    if (gone[i]) continue;
    // The own day dates of the cluster's members: a mention with its own,
    // different day is another happening (an earlier call in the same
    // release), whatever coarser date the cluster carries.
    std::vector<int32_t> days;
    if (OwnDay(ev[i]) != TimeValue::kNoDay) days.push_back(OwnDay(ev[i]));
    const bool alone = apart && apart->count(ev[i].id);
    for (size_t j = i + 1; j < ev.size(); ++j) {
      if (gone[j] || alone || (apart && apart->count(ev[j].id)) || !SameHappening(ev[i], ev[j], ancestors)) continue;
      int32_t day = OwnDay(ev[j]);
      if (day != TimeValue::kNoDay && !days.empty() && std::find(days.begin(), days.end(), day) == days.end()) {
        continue;
      }
      if (day != TimeValue::kNoDay && days.empty()) days.push_back(day);
      MergeResult r = MergeInto(ev[i], ev[j]);
      ev[i] = std::move(r.event);
      same_as.push_back(std::move(r.same_as));
      renamed[ev[j].id] = ev[i].id;
      gone[j] = true;
    }
  }
  std::vector<Event> kept;
  for (size_t i = 0; i < ev.size(); ++i) {
    if (!gone[i]) kept.push_back(std::move(ev[i]));
  }
  ev = std::move(kept);
  auto final_id = [&](std::string id) {
    for (int guard = 0; guard < 64; ++guard) {
      auto it = renamed.find(id);
      if (it == renamed.end()) break;
      id = it->second;
    }
    return id;
  };
  std::vector<Link> links;
  for (auto l : x->links) {
    if (l.kind == LinkKind::kSameAs) {
      links.push_back(l);
      continue;
    }
    l.from = final_id(l.from);
    l.to = final_id(l.to);
    if (l.from == l.to) continue;
    bool dup = std::any_of(links.begin(), links.end(), [&](const Link& o) {
      return o.from == l.from && o.to == l.to && o.kind == l.kind;
    });
    if (!dup) links.push_back(std::move(l));
  }
  for (auto& l : same_as) {
    l.to = final_id(l.to);
    links.push_back(std::move(l));
  }
  x->links = std::move(links);
}

}  // namespace kbq::ingest
