// Stage 2, attribution and modality: who says the sentence (据X, X said; an
// opinion piece's author) and whether each candidate is asserted, reported,
// claimed, negated, demanded, planned or counterfactual. Reads the sentence
// (stage 1) and the lexicon's cues; writes Attribution and Cand::modality.
#include <algorithm>
#include <optional>

#include "events/chunker_en.h"
#include "events/lexicon_en.h"
#include "events/stages.h"
#include "text_util.h"

namespace kbq::ingest::events {

void FindOpinion(DocState& ds) {
  const Article& art = ds.doc.article;
  // An opinion piece: a byline (作者:X) or an opinion marker in the title.
  for (const auto& cue : ds.lex.FindCues("byline", art.text)) {
    ds.opinion = true;
    std::string_view rest = std::string_view(art.text).substr(cue.end);
    size_t stop = std::min({rest.find(')'), rest.find('\n'), rest.find("）"), size_t(60)});
    ds.author = std::string(Trim(rest.substr(0, stop)));
    break;
  }
  if (ds.lex.HasCue("byline", art.title)) ds.opinion = true;
}

void FindAttribution(const DocState& ds, SentenceInfo* s, Attribution* attr, std::vector<Span>* exempt) {
  // "Vladimir Putin: …", "普京：…": a transcript's speaker label. The speaker
  // says the sentence and takes part in none of its events.
  auto speaker_label = [&](ActorInfo& a, uint32_t label_begin, uint32_t label_end) {
    attr->actor_id = a.id;
    attr->cue = ":";
    a.speaker = true;
    s->speaker_label = a.id;
    exempt->push_back({label_begin, label_end});
  };
  for (auto& a : s->actors) {
    if (a.dropped) continue;
    if (!Trim(s->text.substr(0, a.begin)).empty()) break;
    std::string_view rest = s->text.substr(a.end);
    while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
    // "Olaf Scholz (retranslated): …": a short note between name and colon.
    if (!rest.empty() && rest.front() == '(') {
      size_t close = rest.find(')');
      if (close != std::string_view::npos && close < 40) {
        rest.remove_prefix(close + 1);
        while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
      }
    }
    if (a.kind == ActorKind::kPerson && (rest.substr(0, 1) == ":" || rest.substr(0, 3) == "\uFF1A")) {
      return speaker_label(a, a.begin, a.end);
    }
    break;
  }
  // A longer label, as transcripts scraped from a page write it: "Federal
  // Chancellor of Germany Olaf Scholz Scholz OlafFederal Chancellor of the
  // Federal Republic of Germany(retranslated): …". Before the first colon, in
  // at most 200 bytes, a person and only capitalised words, function words
  // (of, the, and, for) and a parenthesised note: the first person speaks.
  if (size_t colon = s->text.find(':'); colon != std::string_view::npos && colon > 0 && colon <= 200 &&
                                        colon + 1 < s->text.size()) {
    std::string_view label = s->text.substr(0, colon);
    bool title_case = label.find(". ") == std::string_view::npos;
    int depth = 0;
    for (size_t i = 0; i < label.size() && title_case; ++i) {
      char ch = label[i];
      if (ch == '(') ++depth;
      if (ch == ')') depth = std::max(0, depth - 1);
      bool word_start = ch >= 'a' && ch <= 'z' && (i == 0 || label[i - 1] == ' ');
      if (!word_start || depth > 0) continue;
      size_t e = i;
      while (e < label.size() && label[e] >= 'a' && label[e] <= 'z') ++e;
      std::string_view w = label.substr(i, e - i);
      title_case = w == "of" || w == "the" || w == "and" || w == "for";
    }
    ActorInfo* first = nullptr;
    for (auto& a : s->actors) {
      if (!a.dropped && a.kind == ActorKind::kPerson && a.end <= colon) {
        first = &a;
        break;
      }
    }
    if (title_case && first != nullptr) return speaker_label(*first, 0, static_cast<uint32_t>(colon));
  }
  // 据X / according to X: the actor right after the cue.
  for (const auto& cue : ds.lex.FindCues("attr_before_actor", s->text)) {
    if (InsideTrigger(*s, cue)) continue;
    for (auto& a : s->actors) {
      if (a.dropped || a.begin < cue.end || a.begin > cue.end + 9) continue;
      // "According to him, Ukraine has proposed …": the source is "him".
      if (s->text.substr(cue.end, a.begin - cue.end).find_first_of(",;") != std::string_view::npos) continue;
      attr->actor_id = a.id;
      attr->cue = *cue.text;
      a.speaker = true;
      return;
    }
  }
  // X称 / X said: the subject of the cue's clause.
  for (const auto& cue : ds.lex.FindCues("attr_after_actor", s->text)) {
    if (InsideTrigger(*s, cue)) continue;
    size_t k = ClauseOf(s->clauses, cue.begin);
    const Span& cl = s->clauses[k];
    bool clause_final = Trim(s->text.substr(cue.end, cl.end - cue.end)).empty() ||
                        s->text.compare(cue.end, 3, "“") == 0 || s->text.compare(cue.end, 1, "\"") == 0;
    bool english = internal::IsAsciiAlnum((*cue.text)[0]);
    ActorInfo* speaker = nullptr;
    for (auto& a : s->actors) {
      if (a.dropped || a.place || a.begin < cl.begin || a.end > cue.begin) continue;
      if (english) {
        if (cue.begin - a.end <= 40) speaker = &a;  // nearest before the cue
      } else if (!speaker || (speaker->kind == ActorKind::kMedia && a.kind != ActorKind::kMedia)) {
        // The clause's subject; a news agency first in the clause is its
        // dateline (新华社开罗11月20日电 埃及外交部…说), not the speaker.
        speaker = &a;
      }
    }
    // "Dmitry Peskov, the Kremlin spokesman, said that …": the speaker is
    // named before an apposition that the commas set off (at most 100 bytes,
    // no clause end inside), not in the cue's own clause.
    uint32_t speaker_clause_begin = cl.begin;
    if (english && !speaker) {
      uint32_t j = cue.begin;
      while (j > 0 && s->text[j - 1] == ' ') --j;
      if (j > 0 && s->text[j - 1] == ',') {
        const uint32_t close = j - 1;
        uint32_t open = close;
        while (open > 0 && close - open < 100 && s->text[open - 1] != ',' && s->text[open - 1] != ';' &&
               s->text[open - 1] != '.' && s->text[open - 1] != '"')
          --open;
        if (open > 0 && s->text[open - 1] == ',' && close - open < 100) {
          for (auto& a : s->actors) {
            if (a.dropped || a.place || a.end + 1 != open) continue;
            speaker = &a;
            speaker_clause_begin = std::min<uint32_t>(a.group_begin ? a.group_begin : a.begin, a.begin);
          }
        }
      }
    }
    bool adjacent = speaker && cue.begin - speaker->end <= 3;
    if (!clause_final && !adjacent && !english) continue;
    if (english && !speaker && !clause_final) continue;
    attr->cue = *cue.text;
    // "said at the meeting with Macron that …", "noted during the talks,":
    // where it was said, between the cue and what was said, is told as it
    // happened, with the speaker as a side.
    uint32_t frame_end = cue.begin;
    if (english) {
      std::string_view after = s->text.substr(cue.end, std::min<size_t>(160, s->text.size() - cue.end));
      for (std::string_view prep : {" at ", " during ", " after ", " following ", " in the course of "}) {
        if (!after.starts_with(prep)) continue;
        size_t stop = std::min({after.find(" that "), after.find(','), after.find(':')});
        if (stop != std::string_view::npos) frame_end = static_cast<uint32_t>(cue.end + stop);
        break;
      }
    }
    if (speaker) {
      attr->actor_id = speaker->id;
      // The speaker is a participant only of the events in its own clause
      // before the cue (梅津斯基…发表声明说), or in that frame.
      bool trigger_before = false;
      for (const auto& h : s->hits) {
        if (h.blocker()) continue;
        if ((h.begin >= speaker_clause_begin && h.end <= cue.begin) || (h.begin >= cue.end && h.end <= frame_end)) {
          trigger_before = true;
        }
      }
      if (!trigger_before) speaker->speaker = true;
    }
    exempt->push_back({std::min(cl.begin, speaker_clause_begin), cue.begin});
    if (frame_end > cue.end) exempt->push_back({cue.end, frame_end});
    return;
  }
}

bool Counterfactual(const DocState& ds, const SentenceInfo& s) {
  bool counterfactual = ds.lex.HasCue("cf_strong", s.text);
  // "Suppose NATO troops are deployed …", "Imagine that …": a sentence (or a
  // transcript turn) that opens with a hypothesis (cue kind
  // hypothesis_opener) tells what did not happen.
  for (const auto& cue : ds.lex.FindCues("hypothesis_opener", s.text)) {
    std::string_view before = s.text.substr(0, cue.begin);
    while (!before.empty() && (before.back() == ' ' || before.back() == '"')) before.remove_suffix(1);
    if (before.empty() || before.back() == ':') counterfactual = true;
  }
  if (!counterfactual) {
    auto ifs = ds.lex.FindCues("cf_if", s.text);
    auto thens = ds.lex.FindCues("cf_then", s.text);
    counterfactual = !ifs.empty() && !thens.empty() && ifs.front().begin < thens.back().begin;
  }
  return counterfactual;
}

bool Evaluative(const DocState& ds, const SentenceInfo& s) {
  // Evaluative language in an opinion piece makes the sentence the author's
  // claim; an epithet on a name (反俄狂热者卡拉斯) does not.
  bool evaluative = false;
  if (ds.opinion) {
    for (const auto& cue : ds.lex.FindCues("evaluative", s.text)) {
      bool epithet = std::any_of(s.actors.begin(), s.actors.end(), [&](const ActorInfo& a) {
        return a.begin >= cue.end && a.begin - cue.end <= 3;
      });
      if (!epithet) evaluative = true;
    }
  }
  return evaluative;
}

// Whether the trigger of `c` is the head of one of the noun phrases `nps`.
bool HeadsOne(const ChunkedSentence& cs, const std::vector<uint32_t>& nps, const Cand& c) {
  return std::any_of(nps.begin(), nps.end(), [&](uint32_t n) {
    const uint32_t head = cs.tokens[cs.chunks[n].head].begin;
    return head >= c.begin && head < c.end;
  });
}

// "Russia could attack", "the leaders may meet", "agreements would remove the
// threat": a verb group with a modal of possibility, or a noun trigger that is
// the subject of one, says what may happen, not what did (English; "will" is
// the planned cue; "would have" a counterfactual, found before).
bool HypotheticalModal(const DocState& ds, const SentenceInfo& s, const Cand& c) {
  if (!s.chunked) return false;
  const ChunkedSentence& cs = *s.chunked;
  auto possible = [](const std::string& m) {
    return m == "could" || m == "might" || m == "may" || m == "would" || m == "can" || m == "should";
  };
  for (const ClauseRoles& cl : cs.clauses) {
    if (cl.verb < 0) continue;
    const Chunk& vg = cs.chunks[cl.verb];
    if (!possible(vg.modal) || vg.negated) continue;
    if (cs.Covers(cl.verb, c.begin) || HeadsOne(cs, cl.subject, c)) return true;
    // "it would impose new sanctions", "he would continue talks with Rutte":
    // the object of the verb too — not of a verb of saying or remembering
    // ("you may remember your visit" tells of a visit made).
    if (HeadsOne(cs, cl.objects, c) && !ds.lex.IsCueWord("report_verb", vg.lemma)) return true;
  }
  return false;
}

// "No talks were held", "no security issues can be discussed without us": a
// subject opened by "no" denies the clause's verb and the subject's noun; a
// noun trigger heading the subject of a negated verb is denied too ("the
// withdrawal has not been observed") (English).
bool NoSubject(const SentenceInfo& s, const Cand& c) {
  if (!s.chunked) return false;
  const ChunkedSentence& cs = *s.chunked;
  // "the Malian leadership has no complaints", "Kyiv reported no attacks
  // overnight": a trigger noun heading a phrase opened by "no" is denied
  // wherever the phrase stands.
  if (const int np = ChunkAt(cs, c.begin); np >= 0 && cs.chunks[np].kind == ChunkKind::kNounPhrase &&
                                           HeadsOne(cs, {uint32_t(np)}, c) &&
                                           cs.tokens[cs.chunks[np].begin_token].lower == "no" &&
                                           cs.tokens[cs.chunks[np].begin_token].text == "no") {
    return true;
  }
  for (const ClauseRoles& cl : cs.clauses) {
    if (cl.verb < 0 || cl.subject.empty()) continue;
    // "A withdrawal has not yet been observed", "the talks did not take
    // place": a noun trigger heading the subject of a negated verb.
    if (cs.chunks[cl.verb].negated && HeadsOne(cs, cl.subject, c)) return true;
    const uint32_t first = cl.subject.front();
    if (cs.tokens[cs.chunks[first].begin_token].lower != "no") continue;
    if (cs.Covers(cl.verb, c.begin) || HeadsOne(cs, {first}, c)) return true;
  }
  return false;
}

namespace {

// "I should say from the start that our talks today were very constructive",
// "I must note that …": a modal of the speaker's own word of saying (cue kind
// report_verb, the next word, past an adverb or two) hedges the saying, not
// what is said.
bool SpeechHedge(const DocState& ds, const SentenceInfo& s, const CueHit& cue, const Cand& c) {
  std::string_view rest = s.text.substr(cue.end, c.begin > cue.end ? c.begin - cue.end : 0);
  for (int words = 0; words < 3; ++words) {
    while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
    size_t n = 0;
    while (n < rest.size() && internal::IsAsciiAlnum(rest[n])) ++n;
    if (n == 0) return false;
    const std::string w = internal::AsciiLower(rest.substr(0, n));
    if (ds.lex.IsCueWord("report_verb", w)) return true;
    // (an adverb between: "I must honestly say")
    if (!(w.size() > 3 && w.ends_with("ly")) && w != "also" && w != "just" && w != "first") return false;
    rest.remove_prefix(n);
  }
  return false;
}

// 1 when the clause of verb chunk `inner` is nested (at any depth) in the
// clause of verb chunk `outer`, 0 when it is not, -1 when either is no
// clause's verb.
int ClauseNested(const ChunkedSentence& cs, int inner, int outer) {
  int mine = -1, theirs = -1;
  for (size_t k = 0; k < cs.clauses.size(); ++k) {
    if (cs.clauses[k].verb == inner) mine = int(k);
    if (cs.clauses[k].verb == outer) theirs = int(k);
  }
  if (mine < 0 || theirs < 0) return -1;
  for (int k = cs.clauses[mine].parent, guard = 0; k >= 0 && guard < 64; k = cs.clauses[k].parent, ++guard) {
    if (k == theirs) return 1;
  }
  return 0;
}

// False when the chunker shows that c's verb heads a finite clause not
// nested in the clause of h's verb ("agreed to make every effort … and
// called on Russia": the call is no part of the agreement); true otherwise.
bool NestedUnder(const SentenceInfo& s, const TriggerHit& h, const Cand& c) {
  if (!s.chunked) return true;
  const ChunkedSentence& cs = *s.chunked;
  const int cc = ChunkAt(cs, c.begin), hc = ChunkAt(cs, h.begin);
  if (cc < 0 || hc < 0 || cs.chunks[cc].kind != ChunkKind::kVerbGroup || !cs.chunks[cc].finite ||
      cs.chunks[cc].infinitive) {
    return true;
  }
  return ClauseNested(cs, cc, hc) != 0;
}

// True when the chunker shows c's verb in a clause nested (at any depth) in
// the clause of h's verb: "agreed to resume the talks and sign a ceasefire"
// (sign, and-coordinated inside the infinitive, is under "agreed").
bool GovernedBy(const SentenceInfo& s, const TriggerHit& h, const Cand& c) {
  if (!s.chunked) return false;
  const ChunkedSentence& cs = *s.chunked;
  const int cc = ChunkAt(cs, c.begin), hc = ChunkAt(cs, h.begin);
  if (cc < 0 || hc < 0 || cc == hc || cs.chunks[cc].kind != ChunkKind::kVerbGroup) return false;
  // The governed act itself (an infinitive or a bare form), not a participle
  // describing something in it ("to withdraw its forces deployed around …").
  const Token& first = cs.tokens[cs.chunks[cc].begin_token];
  if (!cs.chunks[cc].infinitive && (first.inflection != Inflection::kBase || OwnTense(first))) return false;
  return ClauseNested(cs, cc, hc) == 1;
}

// "rejected Poland's demands", "turned down the offer": a said act named by
// a noun was made, whatever the answer to it; only an act a rejection governs
// as a verb ("refused to hold talks") does not happen.
bool SaidActNoun(const SentenceInfo& s, const Cand& c) {
  if (!SaidAct(c.type) || !s.chunked) return false;
  const size_t head = TriggerHeadToken(*s.chunked, c);
  return head < s.chunked->tokens.size() && s.chunked->tokens[head].tag == Tag::kNoun;
}

}  // namespace

Modality FindModality(const DocState& ds, const SentenceInfo& s, const Cand& c, bool counterfactual) {
  if (counterfactual) return Modality::kCounterfactual;
  if (NoSubject(s, c)) return Modality::kNegated;
  // "it cannot be stated that Russia is withdrawing", "denied that its troops
  // fired": a denial frame before "that" negates what the clause says
  // (cue kind denial_frame; "that" within 30 bytes after the cue).
  for (const auto& cue : ds.lex.FindCues("denial_frame", s.text)) {
    if (cue.end > c.begin) continue;
    std::string_view between = s.text.substr(cue.end, c.begin - cue.end);
    size_t that = between.find(" that ");
    if (that != std::string_view::npos && that <= 30 && between.find(" that ", that + 1) == std::string_view::npos) {
      return Modality::kNegated;
    }
  }
  // "has tried three times to convene consultations, without success": what
  // a failed attempt aimed at did not happen (cue kinds attempt_verb before
  // the trigger, at most 40 bytes, and failed_attempt in the sentence).
  if (ds.lex.HasCue("failed_attempt", s.text)) {
    for (const auto& cue : ds.lex.FindCues("attempt_verb", s.text)) {
      if (cue.end <= c.begin && c.begin - cue.end <= 40) return Modality::kNegated;
    }
  }
  const Span& cl = s.clauses[c.clause];
  // The last trigger before c in its clause bounds the scope of a cue.
  uint32_t scope_begin = cl.begin;
  for (const auto& h : s.hits) {
    if (!h.blocker() && h.end <= c.begin && h.begin >= cl.begin) scope_begin = h.end;
  }
  auto blocked = [&](const CueHit& cue, std::string_view block_kind) {
    for (const auto& b : ds.lex.FindCues(block_kind, s.text)) {
      if (b.begin <= cue.begin && cue.end <= b.end) return true;
    }
    return false;
  };
  for (const auto& cue : ds.lex.FindCues("neg", s.text)) {
    if (cue.end > c.begin || cue.begin < cl.begin || InsideTrigger(s, cue) || blocked(cue, "neg_block")) continue;
    std::string_view gap = s.text.substr(cue.end, c.begin - cue.end);
    bool english = internal::IsAsciiAlnum((*cue.text)[0]);
    size_t words = std::count(gap.begin(), gap.end(), ' ');
    if ((english && words <= 3) || (!english && gap.size() <= 9)) {
      if (cue.begin >= scope_begin || cue.end == c.begin) return Modality::kNegated;
    }
  }
  // X要求Y撤军 / Y must return: the act a demand trigger governs is demanded;
  // "refused to hold talks", 拒绝谈判: the act a rejection governs does not
  // happen; "is ready to meet", 愿意谈判: the act an intent governs is not
  // yet done. First the trigger right before the act, unless the act heads
  // a finite clause of its own; then one further up whose chain the act is
  // in ("agreed to resume the talks and sign a ceasefire").
  auto governed = [&](bool right_before) -> std::optional<Modality> {
    for (const auto& h : s.hits) {
      if (h.blocker() || h.end > c.begin || h.begin < cl.begin || (h.end == scope_begin) != right_before) continue;
      if (!(right_before ? NestedUnder(s, h, c) : GovernedBy(s, h, c))) continue;
      const EventTypeInfo* t = ds.lex.Type(h.entry->type);
      if (t && (t->type == "demand" || t->type == "appeal")) return Modality::kDemanded;
      // ("vetoed the resolution", "blocked the aid package": neither happens.)
      if (t && (t->type == "reject" || t->type == "veto") && !SaidActNoun(s, c)) return Modality::kNegated;
      if (t && t->family == "intent") {
        // "kept its promise to withdraw": the act was done; "broke its
        // pledge to withdraw": it was not.
        const int kept = s.chunked ? KeepVerbOf(ds, *s.chunked, ChunkAt(*s.chunked, h.begin)) : 0;
        return kept > 0 ? Modality::kAsserted : kept < 0 ? Modality::kNegated : Modality::kPlanned;
      }
    }
    return std::nullopt;
  };
  // "agreed to restore relations after talks in Beijing": talks after which
  // something was agreed, demanded or refused were held; the act governed
  // is what follows them (English; after or following, at most three words
  // before the trigger).
  const bool talks_before = [&] {
    if (!Reciprocal(c.type) || !internal::IsAsciiAlnum(s.text[c.begin])) return false;
    size_t i = c.begin;
    for (int words = 0; words < 4 && i > 0; ++words) {
      const size_t w = internal::LetterWordBefore(s.text, &i);
      if (w == i) return false;
      const std::string word = internal::AsciiLower(s.text.substr(w, i - w));
      if (word == "after" || word == "following") return true;
      if (word == "to" || word == "and" || word == "that") return false;
      i = w;
    }
    return false;
  }();
  if (!talks_before) {
    if (auto m = governed(true)) return *m;
    if (auto m = governed(false)) return *m;
  }
  for (const auto& cue : ds.lex.FindCues("demanded", s.text)) {
    if (cue.begin >= scope_begin && cue.end <= c.begin && !InsideTrigger(s, cue) && !SpeechHedge(ds, s, cue, c)) {
      return Modality::kDemanded;
    }
  }
  if (HypotheticalModal(ds, s, c)) return Modality::kPlanned;
  // "invited Biden to visit Kyiv", "the invitation for the Emir to visit", "the
  // best decision would be for Kiev to refuse": an act someone is asked or
  // wished to do (cue kind planned_to, the trigger right after "to").
  if (CueBeforeTrigger(ds, s, c, "planned_to",
                       [](std::string_view gap) { return gap.size() <= 80 && gap.ends_with(" to "); })) {
    return Modality::kPlanned;
  }
  // "instructed the emergencies minister to fly to Kuzbass", "ordered the
  // army to withdraw": an act someone is ordered to do is demanded (cue kind
  // demanded_to, the trigger right after the "to" that follows).
  if (CueBeforeTrigger(ds, s, c, "demanded_to",
                       [](std::string_view gap) { return gap.size() <= 240 && gap.ends_with(" to "); })) {
    return Modality::kDemanded;
  }
  // "if parliament adopts the proposals today", "unless the talks resume": an
  // act in a condition may happen, it has not (cue kind condition; the
  // counterfactual "if … had" was found before).
  if (CueBeforeTrigger(ds, s, c, "condition")) return Modality::kPlanned;
  // "the forthcoming summit", 下一轮谈判: an adjective of the future right
  // before the trigger (one word between at most: "next week's meeting").
  for (const auto& cue : ds.lex.FindCues("planned_adj", s.text)) {
    if (cue.begin < cl.begin || cue.end > c.begin || InsideTrigger(s, cue)) continue;
    std::string_view gap = s.text.substr(cue.end, c.begin - cue.end);
    bool english = internal::IsAsciiAlnum((*cue.text)[0]);
    if ((english && std::count(gap.begin(), gap.end(), ' ') <= 2) || (!english && gap.size() <= 3)) {
      return Modality::kPlanned;
    }
  }
  // "I will also mention that Russia provides aid": a finite verb (-s, -ed)
  // of a that-clause has its own tense; the future before "that" is not its.
  uint32_t planned_from = scope_begin;
  if (internal::IsAsciiAlnum(s.text[c.begin])) {
    std::string_view before = s.text.substr(scope_begin, c.begin - scope_begin);
    size_t that = before.rfind(" that ");
    std::string_view word = s.text.substr(c.begin, c.end - c.begin);
    word = word.substr(0, word.find(' '));
    bool finite = false;
    for (const auto& l : EnglishLexicon::Get().Lemmatize(word)) {
      finite |= l.pos == kPosVerb && (l.inflection == Inflection::kThirdPerson || l.inflection == Inflection::kPast);
    }
    if (that != std::string_view::npos && finite) planned_from = scope_begin + static_cast<uint32_t>(that) + 6;
  }
  // "… agreed to make every effort to achieve progress and called on Russia":
  // a finite verb after "and"/"but" starts a clause of its own; the cues of
  // the clause before are not its.
  uint32_t coordinated_from = cl.begin;
  if (s.chunked) {
    const ChunkedSentence& cs = *s.chunked;
    const int cc = ChunkAt(cs, c.begin);
    // (Its own tense: a past or third-person form; "will sit down and sign"
    // shares the modal.)
    if (cc > 0 && cs.chunks[cc].kind == ChunkKind::kVerbGroup && cs.chunks[cc].finite && !cs.chunks[cc].infinitive &&
        OwnTense(cs.tokens[cs.chunks[cc].begin_token]) && cs.chunks[cc - 1].kind == ChunkKind::kConjunction) {
      const std::string& conj = cs.tokens[cs.chunks[cc - 1].begin_token].lower;
      if (conj == "and" || conj == "but") coordinated_from = std::max(cl.begin, cs.tokens[cs.chunks[cc - 1].begin_token].begin);
    }
  }
  planned_from = std::max(planned_from, coordinated_from);
  for (std::string_view kind : {"planned", "purpose"}) {
    for (const auto& cue : ds.lex.FindCues(kind, s.text)) {
      if (cue.begin >= planned_from && cue.end <= c.begin && !InsideTrigger(s, cue) &&
          !blocked(cue, "planned_block")) {
        return Modality::kPlanned;
      }
    }
  }
  // A purpose clause (…，以实现停火) right before the trigger.
  for (const auto& cue : ds.lex.FindCues("purpose", s.text)) {
    if (cue.begin >= coordinated_from && cue.end <= c.begin) return Modality::kPlanned;
  }
  if (c.future) return Modality::kPlanned;
  return Modality::kAsserted;
}

void AttributeCandidate(const DocState& ds, const Attribution& attr, bool in_exempt, bool evaluative, Cand& c) {
  // An opinion piece's evaluative sentence is the author's claim unless
  // a named someone else is quoted.
  bool quoted = !in_exempt && !attr.cue.empty() && !(evaluative && attr.actor_id.empty());
  if (quoted) {
    c.attribution = attr;
    if (c.modality == Modality::kAsserted) c.modality = Modality::kReported;
  } else if (evaluative) {
    c.attribution = {"", ds.author.empty() ? "author" : "author: " + ds.author};
    if (c.modality == Modality::kAsserted) c.modality = Modality::kClaimed;
  }
}

void OwnActsAsserted(DocState& ds, const SentenceInfo& s) {
  for (size_t ci : s.cands) {
    Cand& c = ds.cands[ci];
    if (c.modality != Modality::kReported || c.attribution.actor_id.empty()) continue;
    const bool any_side = Meets(c.type) || Visit(c.type);
    // The speaker, or the country a speaking person holds office for ("I had
    // a conversation with Uzbekistan's President during his visit to our
    // country": Putin speaks for Russia, the host).
    std::string speaker_country;
    for (const ActorInfo& a : s.actors) {
      if (a.id == c.attribution.actor_id && a.kind == ActorKind::kPerson) speaker_country = a.country;
    }
    if (s.turn_speaker && s.turn_speaker->id == c.attribution.actor_id) speaker_country = s.turn_speaker->country;
    // (Or an official of the same country as a person who is a side: "At the
    // meeting, Tymoshenko reminded that Zelensky held talks with Demirel".)
    auto country_of = [&](const std::string& id) {
      for (const ActorInfo& a : s.actors) {
        if (a.id == id) return a.kind == ActorKind::kCountry ? a.id : a.country;
      }
      return std::string();
    };
    if (std::any_of(c.participants.begin(), c.participants.end(), [&](const Participant& p) {
          const bool own = p.actor_id == c.attribution.actor_id ||
                           (!speaker_country.empty() &&
                            (p.actor_id == speaker_country || country_of(p.actor_id) == speaker_country));
          return own && (p.role == Role::kSource || (any_side && p.role == Role::kTarget));
        })) {
      c.modality = Modality::kAsserted;
    }
  }
}

}  // namespace kbq::ingest::events
