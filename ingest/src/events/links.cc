// Stage 7, links: causes, enables, before, refers_to and storyline links
// between the resolved candidates of one article, from the link cues of
// each sentence, 上溯至 chains, and coherence (same track, parties and
// period). Reads the candidates after coreference and dates (stages 5, 6);
// writes DocState::links.
#include <algorithm>
#include <set>
#include <tuple>

#include "events/stages.h"
#include "text_util.h"

namespace kbq::ingest::events {

namespace {

void AddLink(DocState& ds, int from, int to, LinkKind kind, std::string_view cue, const SentenceInfo& s, double conf) {
  (void)s;
  from = ds.Resolve(from);
  to = ds.Resolve(to);
  if (from < 0 || to < 0 || from == to || ds.cands[from].bare || ds.cands[to].bare) return;
  ds.links.push_back({from, to, kind, std::string(cue), conf});
}

// The last candidate of the nearest earlier sentence (up to two back) that
// has one, or -1: what a sentence-opening 随后 or 同时 follows.
int LastOfEarlierSentence(const DocState& ds, size_t si) {
  for (size_t k = si; k > 0 && si - k < 2; --k) {
    const auto& cands = ds.sents[k - 1].cands;
    if (!cands.empty()) return int(cands.back());
  }
  return -1;
}

// The cue links of sentence si: causes and enabling, temporal narrative,
// refers_to, and storyline resumptions.
void SentenceLinks(DocState& ds, size_t si) {
  SentenceInfo& s = ds.sents[si];
  auto before = [&](uint32_t pos) {
    std::vector<int> out;
    for (size_t ci : s.cands) if (ds.cands[ci].end <= pos) out.push_back(int(ci));
    return out;
  };
  auto after = [&](uint32_t pos, size_t clause_limit) {
    std::vector<int> out;
    for (size_t ci : s.cands) {
      if (ds.cands[ci].begin >= pos && ds.cands[ci].clause <= clause_limit) out.push_back(int(ci));
    }
    return out;
  };
  size_t last_clause = s.clauses.size() - 1;
  // Causes and enabling.
  bool linked = false;
  for (auto [kind, lk] : {std::pair{"effect_follows", LinkKind::kCauses}, std::pair{"enable_follows", LinkKind::kEnables}}) {
    for (const auto& cue : ds.lex.FindCues(kind, s.text)) {
      if (InsideTrigger(s, cue)) continue;
      auto causes = before(cue.begin);
      auto effects = after(cue.end, last_clause);
      if (causes.empty() || effects.empty()) continue;
      for (int e : effects) AddLink(ds, causes.back(), e, lk, *cue.text, s, 0.6);
      linked = true;
      break;
    }
  }
  if (!linked) {
    for (const auto& cue : ds.lex.FindCues("cause_follows", s.text)) {
      if (InsideTrigger(s, cue)) continue;
      size_t k = ClauseOf(s.clauses, cue.begin);
      auto causes = after(cue.end, k);
      std::vector<int> effects;
      for (size_t ci : s.cands) {
        if (std::find(causes.begin(), causes.end(), int(ci)) == causes.end()) effects.push_back(int(ci));
      }
      if (causes.empty() || effects.empty()) continue;
      for (int e : effects) AddLink(ds, causes.front(), e, LinkKind::kCauses, *cue.text, s, 0.5);
      break;
    }
  }
  // Temporal narrative: X后，Y / after X, Y.
  for (const auto& cue : ds.lex.FindCues("before_rest", s.text)) {
    if (InsideTrigger(s, cue)) continue;
    bool english = internal::IsAsciiAlnum((*cue.text)[0]);
    size_t k = ClauseOf(s.clauses, cue.begin);
    int earlier = -1, later = -1;
    if (english) {
      auto a = after(cue.end, k);
      auto b = before(cue.begin);
      if (!a.empty()) earlier = a.front();
      if (!b.empty()) later = b.back();
      else {
        auto rest = after(s.clauses[k].end, last_clause);
        if (!rest.empty()) later = rest.front();
      }
    } else {
      auto b = before(cue.begin);
      auto a = after(cue.end, last_clause);
      if (!b.empty()) earlier = b.back();
      else if (cue.begin <= s.clauses[k].begin + 3) earlier = LastOfEarlierSentence(ds, si);  // 随后，… opening it
      if (!a.empty()) later = a.front();
    }
    if (earlier >= 0 && later >= 0) AddLink(ds, earlier, later, LinkKind::kBefore, *cue.text, s, 0.5);
  }
  // 同时 / 与此同时: the event after it overlaps the one before (in the
  // sentence, else the last one of the sentence before).
  for (const auto& cue : ds.lex.FindCues("overlap_rest", s.text)) {
    if (InsideTrigger(s, cue)) continue;
    auto b = before(cue.begin);
    auto a = after(cue.end, last_clause);
    size_t k = ClauseOf(s.clauses, cue.begin);
    int earlier = !b.empty() ? b.back() : cue.begin <= s.clauses[k].begin + 3 ? LastOfEarlierSentence(ds, si) : -1;
    if (earlier >= 0 && !a.empty()) AddLink(ds, earlier, a.front(), LinkKind::kOverlaps, *cue.text, s, 0.4);
  }
  for (const auto& cue : ds.lex.FindCues("after_rest", s.text)) {
    if (InsideTrigger(s, cue)) continue;
    size_t k = ClauseOf(s.clauses, cue.begin);
    auto b = before(cue.begin);
    auto a = after(cue.end, k);
    if (!b.empty() && !a.empty()) AddLink(ds, a.front(), b.back(), LinkKind::kBefore, *cue.text, s, 0.4);
  }
  // refers_to: 讨论了X / discussed X.
  for (const auto& cue : ds.lex.FindCues("refers", s.text)) {
    if (InsideTrigger(s, cue)) continue;
    auto referenced = after(cue.end, ClauseOf(s.clauses, cue.begin));
    if (referenced.empty()) continue;
    int referrer = -1;
    static const std::set<std::string> kTalkers = {"call", "talks", "consult", "statement", "visit"};
    int target = ds.Resolve(referenced.front());
    auto talker = [&](int ci) {
      int r = ds.Resolve(ci);
      return r != target && !ds.cands[r].bare && kTalkers.count(ds.cands[r].type->family) > 0;
    };
    for (int b : before(cue.begin)) {
      if (talker(b)) referrer = b;
    }
    for (int sj = int(si) - 1; referrer < 0 && sj >= 0 && sj >= int(si) - 2; --sj) {
      for (size_t ci : ds.sents[sj].cands) {
        if (talker(int(ci))) referrer = int(ci);
      }
    }
    if (referrer >= 0) AddLink(ds, referrer, referenced.front(), LinkKind::kRefersTo, *cue.text, s, 0.6);
  }
  // storyline, resumption: 再次谈判 / talks resumed → the earlier event of
  // the same kind between the same parties.
  // "the first talks since 2022" / 自…以来首次: a resumption as well.
  std::vector<CueHit> again = ds.lex.FindCues("storyline_again", s.text);
  for (const auto& first : ds.lex.FindCues("storyline_first", s.text)) {
    for (const auto& since : ds.lex.FindCues("storyline_since", s.text)) {
      if (ClauseOf(s.clauses, since.begin) == ClauseOf(s.clauses, first.begin)) again.push_back(first);
    }
  }
  for (const auto& cue : again) {
    for (size_t ci : s.cands) {
      const Cand& c = ds.cands[ci];
      bool english = internal::IsAsciiAlnum((*cue.text)[0]);
      uint32_t reach = english ? 16 : 6;  // "first direct talks"
      bool near = (c.begin >= cue.end && c.begin - cue.end <= reach) || (cue.begin >= c.end && cue.begin - c.end <= 2);
      if (!near) continue;
      int later = ds.Resolve(int(ci));
      const Cand& lc = ds.cands[later];
      int earlier = -1;
      for (size_t j = 0; j < ds.cands.size(); ++j) {
        const Cand& e = ds.cands[j];
        if (e.antecedent >= 0 || int(j) == later || !e.date.ok() || !lc.date.ok()) continue;
        if (!(e.date.latest < lc.date.earliest) || !ds.Compatible(e, lc)) continue;
        if (earlier < 0 || ds.cands[earlier].date.latest < e.date.latest) earlier = int(j);
      }
      if (earlier >= 0) AddLink(ds, later, earlier, LinkKind::kStoryline, *cue.text, s, 0.6);
      // X破裂后的再次谈判: an earlier-dated event just before, in the same
      // clause, is the step the resumption follows.
      for (size_t cj : s.cands) {
        const Cand& p = ds.cands[cj];
        if (p.clause != c.clause || p.end > cue.begin || ds.Resolve(int(cj)) == earlier) continue;
        if (p.date.ok() && lc.date.ok() && p.date.latest < lc.date.earliest) {
          AddLink(ds, later, int(cj), LinkKind::kStoryline, *cue.text, s, 0.5);
        }
      }
      break;
    }
  }
}

// storyline, going back: 上溯至X → the preceding (later) event links to X;
// consecutive 上溯至 chain.
void StorylineBack(DocState& ds) {
  int chain = -1;
  int chain_sentence = -10;
  for (size_t si = 0; si < ds.sents.size(); ++si) {
    SentenceInfo& s = ds.sents[si];
    auto cues = ds.lex.FindCues("storyline_back", s.text);
    for (size_t q = 0; q < cues.size(); ++q) {
      uint32_t limit = q + 1 < cues.size() ? cues[q + 1].begin : uint32_t(s.text.size());
      int target = -1;
      // The head of the phrase: the last event in the segment (…的最后通牒).
      for (size_t ci : s.cands) {
        if (ds.cands[ci].begin >= cues[q].end && ds.cands[ci].end <= limit) target = ds.Resolve(int(ci));
      }
      if (target < 0) continue;
      int anchor = -1;
      if (chain >= 0 && int(si) - chain_sentence <= 1) {
        anchor = chain;
      } else {
        for (int sj = int(si) - 1; sj >= 0 && sj >= int(si) - 3 && anchor < 0; --sj) {
          for (auto it = ds.sents[sj].cands.rbegin(); it != ds.sents[sj].cands.rend(); ++it) {
            const Cand& a = ds.cands[ds.Resolve(int(*it))];
            if (HiddenByDefault(a.modality) || !a.date.ok() || !ds.cands[target].date.ok()) continue;
            if (a.basis != "explicit" && a.basis != "sentence") continue;
            if (a.date.earliest > ds.cands[target].date.latest) { anchor = ds.Resolve(int(*it)); break; }
          }
        }
      }
      if (anchor >= 0) AddLink(ds, anchor, target, LinkKind::kStoryline, *cues[q].text, s, 0.6);
      chain = target;
      chain_sentence = int(si);
    }
  }
}

}  // namespace

void Links(DocState& ds) {
  for (size_t si = 0; si < ds.sents.size(); ++si) SentenceLinks(ds, si);
  StorylineBack(ds);
}

// Storyline by coherence: two events of one article that belong to the same
// track (types.tsv), share a country, and whose own dates (explicit or from
// their sentence, never inherited or the publication day) overlap are steps
// of one storyline — "the talks broke down in 2022" and "Ukraine tore up the
// agreement in April 2022". Pairs already linked by a cue keep that link.
void StorylineByCoherence(DocState& ds) {
  std::set<std::pair<int, int>> linked;
  for (const auto& [from, to, kind, cue, conf] : ds.links) {
    linked.insert({std::min(from, to), std::max(from, to)});
  }
  std::vector<int> roots;
  for (size_t i = 0; i < ds.cands.size(); ++i) {
    if (ds.Resolve(int(i)) != int(i)) continue;
    const Cand& c = ds.cands[i];
    if (c.bare || HiddenByDefault(c.modality) || !c.date.ok() || c.type == nullptr) continue;
    if (c.basis != "explicit" && c.basis != "sentence") continue;
    if (c.type->track.empty() || c.type->track == "-") continue;
    roots.push_back(int(i));
  }
  for (size_t x = 0; x < roots.size(); ++x) {
    for (size_t y = x + 1; y < roots.size(); ++y) {
      int a = roots[x], b = roots[y];
      const Cand& ca = ds.cands[a];
      const Cand& cb = ds.cands[b];
      if (ca.type->track != cb.type->track || !ca.date.Overlaps(cb.date)) continue;
      if (linked.count({std::min(a, b), std::max(a, b)})) continue;
      const auto& na = ds.Countries(ca);
      const auto& nb = ds.Countries(cb);
      bool shared = std::any_of(na.begin(), na.end(), [&](const std::string& n) {
        return std::find(nb.begin(), nb.end(), n) != nb.end();
      });
      if (!shared) continue;
      // Overlapping dates do not order the two; the narrative does: the
      // event told later links back to the one told first.
      bool a_first = std::tie(ca.sentence, ca.begin) < std::tie(cb.sentence, cb.begin);
      int later = a_first ? b : a, earlier = a_first ? a : b;
      ds.links.push_back({later, earlier, LinkKind::kStoryline, "same track, parties and period", 0.4});
      linked.insert({std::min(a, b), std::max(a, b)});
    }
  }
}

}  // namespace kbq::ingest::events
