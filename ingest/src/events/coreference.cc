// Stage 6, within-article coreference and part-of: a nominal or referred
// mention (the talks, 再次谈判) joins the most salient compatible dated
// candidate; a statement made at a dated meeting is part of it. Reads the
// candidates with their own dates, participants and countries (stages 2-5);
// writes Cand::antecedent, discussed, bare, part_of links and lent dates.
#include <algorithm>

#include "events/stages.h"
#include "text_util.h"

namespace kbq::ingest::events {

void Coreference(DocState& ds) {
  std::vector<int> salience(ds.cands.size(), 0);  // mentions resolved to each candidate so far
  for (auto& c : ds.cands) {
    const SentenceInfo& s = ds.sents[c.sentence];
    for (const auto& cue : ds.lex.FindCues("refers", s.text)) {
      if (!InsideTrigger(s, cue) && cue.end <= c.begin && ClauseOf(s.clauses, cue.begin) == c.clause) c.discussed = true;
    }
    // "another meeting in Brussels soon", "the next summit", "a new round
    // of talks": a trigger a cue of kind distinct_det stands before (at most
    // 20 bytes, its clause; not across "of our", "of the": "another part of
    // our talks" is part of them) names a happening of its own.
    for (const auto& cue : ds.lex.FindCues("distinct_det", s.text.substr(0, c.begin))) {
      if (c.begin - cue.end > 20 || ClauseOf(s.clauses, cue.begin) != c.clause) continue;
      const std::string gap = " " + internal::AsciiLower(s.text.substr(cue.end, c.begin - cue.end)) + " ";
      bool owned = false;
      for (std::string_view w : {" our ", " the ", " their ", " his ", " her ", " its ", " your ", " this "}) {
        owned |= gap.find(w) != std::string::npos;
      }
      c.distinct |= !owned;
    }
  }
  for (size_t i = 0; i < ds.cands.size(); ++i) {
    Cand& c = ds.cands[i];
    if (!c.basis.empty() || c.generic) continue;
    const SentenceInfo& s = ds.sents[c.sentence];
    bool nominal = c.entry->pos == 'n';
    bool referred = false;
    for (const auto& cue : ds.lex.FindCues("refers", s.text)) {
      if (!InsideTrigger(s, cue) && cue.end <= c.begin && ClauseOf(s.clauses, cue.begin) == c.clause) referred = true;
    }
    for (const auto& cue : ds.lex.FindCues("storyline_again", s.text)) {
      if (cue.end <= c.begin && c.begin - cue.end <= 6) referred = true;
    }
    if (!nominal && !referred) continue;
    if (c.distinct) continue;
    constexpr int32_t kNewsWeek = 7;
    const bool in_lead = c.sentence <= ds.HeadlineSentences();
    const bool real = ToldAsReal(c.modality);
    // The most salient compatible dated event (most mentions so far), then
    // the nearest; without a shared place or party it must be close and of
    // the same type, and a later one needs a shared place or party.
    int best = -1;
    std::pair<int, uint32_t> best_key{0, UINT32_MAX};
    const auto& ca = ds.Countries(c);
    for (size_t j = 0; j < ds.cands.size(); ++j) {
      const Cand& a = ds.cands[j];
      if (j == i || a.antecedent >= 0 || a.anniversary || (a.basis != "explicit" && a.basis != "sentence")) continue;
      if (HiddenByDefault(a.modality) != HiddenByDefault(c.modality)) continue;
      if (!ds.Compatible(a, c)) continue;
      const auto& cb = ds.Countries(a);
      bool shared_party = std::any_of(ca.begin(), ca.end(), [&](const std::string& k) {
        return std::find(cb.begin(), cb.end(), k) != cb.end();
      });
      bool shared_place = !a.place.empty() && a.place == c.place;
      bool later = a.sentence > c.sentence || (a.sentence == c.sentence && a.begin > c.begin);
      uint32_t dist = a.sentence <= c.sentence ? c.sentence - a.sentence : a.sentence - c.sentence;
      if (!shared_party && !shared_place && (later || dist > 2 || a.type != c.type)) continue;
      // The lead's noun is the report's news: not a happening the body
      // names later with another date — one it recalls ("met, via
      // videoconference, with …" then "following our meeting in 2001"), or,
      // for news told as real, one still to come.
      if (later && in_lead &&
          (a.date.latest < ds.pub_day - kNewsWeek || (real && a.date.earliest > ds.pub_day + 1))) {
        continue;
      }
      std::pair<int, uint32_t> key{-salience[j], dist * 2 + (later ? 1 : 0)};
      if (best < 0 || key < best_key) { best_key = key; best = int(j); }
    }
    if (best >= 0) {
      c.antecedent = best;
      ++salience[best];
    }
  }
}

void PartOf(DocState& ds) {
  // Meeting-type events named in the article, in text order.
  std::vector<int> meetings;
  for (size_t i = 0; i < ds.cands.size(); ++i) {
    // Only meetings dated in the text can be the whole (not 和平谈判 in general).
    const Cand& m = ds.cands[i];
    if (m.antecedent < 0 && !m.anniversary && MeetingFamily(m.type) && !HiddenByDefault(m.modality) &&
        (m.basis == "explicit" || m.basis == "sentence")) {
      meetings.push_back(int(i));
    }
  }
  if (meetings.empty()) return;
  for (auto& s : ds.sents) {
    // Meeting references in the sentence: candidates (coreferent or not) of
    // a meeting type and blockers that refer to one (谈判代表团, 谈判成果).
    struct Ref { uint32_t pos; size_t clause; int whole; bool blocker; };
    std::vector<Ref> refs;
    for (size_t ci : s.cands) {
      int r = ds.Resolve(int(ci));
      if (MeetingFamily(ds.cands[r].type)) refs.push_back({ds.cands[ci].begin, ds.cands[ci].clause, r, false});
    }
    for (const auto& h : s.hits) {
      if (!h.blocker() || h.entry->ref.empty()) continue;
      const EventTypeInfo* rt = ds.lex.Type(h.entry->ref);
      if (!MeetingFamily(rt)) continue;
      // The latest meeting named before this sentence, else the first one.
      int whole = meetings.front();
      for (int m : meetings) {
        if (ds.cands[m].sentence <= uint32_t(&s - ds.sents.data())) whole = m;
      }
      refs.push_back({h.begin, ClauseOf(s.clauses, h.begin), whole, true});
    }
    if (refs.empty()) continue;
    auto part_cues = ds.lex.FindCues("part_of", s.text);
    for (size_t ci : s.cands) {
      Cand& e = ds.cands[ci];
      if (e.antecedent >= 0 || !CommunicativeOrOutcome(e.type) || HiddenByDefault(e.modality)) continue;
      int whole = -1;
      for (const auto& r : refs) {
        bool same_clause = r.clause == e.clause;
        bool cue_in_clause = std::any_of(part_cues.begin(), part_cues.end(), [&](const CueHit& h) {
          return ClauseOf(s.clauses, h.begin) == e.clause || ClauseOf(s.clauses, h.begin) == r.clause;
        });
        // A blocker reference counts in subject position (俄罗斯谈判代表团…要求),
        // not as an object (肯定谈判成果).
        // Chinese puts the setting first (在谈判结束后发表声明); English either way.
        bool english = internal::IsAsciiAlnum(s.text[e.begin]);
        bool setting_first = r.pos < e.begin || english;
        if ((same_clause && setting_first && (cue_in_clause || r.blocker)) ||
            (e.entry->pos == 'n' && !part_cues.empty())) {
          whole = r.whole;
          break;
        }
      }
      if (whole < 0 || whole == int(ci)) continue;
      Cand& w = ds.cands[whole];
      if (!e.basis.empty() && w.date.ok() && e.date.ok() && !e.date.Overlaps(w.date)) continue;
      if (e.basis.empty() && w.date.ok()) {
        e.date = w.date;
        e.basis = "inherited";
        e.date_text.clear();
      }
      if (e.place.empty()) e.place = w.place;
      if (e.participants.empty() && !e.attributive) {
        e.participants = w.participants;
        e.countries = w.countries;
      }
      ds.links.push_back({int(ci), whole, LinkKind::kPartOf, "part_of", 0.6});
    }
  }
}

void MarkBare(DocState& ds) {
// 停火并不总是先于和平谈判, 惯常的威胁与空谈: a trigger with no date, party or
// place of its own that names no other event is talk about a kind of event.
for (auto& c : ds.cands) {
  // (A part of a year, "by the end of the year", is no date of its own here:
  // "another six will be removed by the end of the year" names nobody.)
  const bool vague_date = c.date.approximate && (c.date.precision == Precision::kQuarter ||
                                                 c.date.precision == Precision::kRange);
  c.bare = c.generic || (c.antecedent < 0 && (c.basis.empty() || vague_date) && c.participants.empty() && c.place.empty() &&
                        c.toll.empty() && !c.happened);
}
}

}  // namespace kbq::ingest::events
