// Stage 5, dates: a candidate's own date (the nearest time of its clause, or
// its sentence's), then, after coreference and part-of, a date inherited from
// an earlier clause or sentence, else the publication day. Reads the time
// mentions and DocState::pub_day; writes Cand::date, basis, date_text, future.
#include <algorithm>
#include <initializer_list>

#include "events/chunker_en.h"
#include "events/stages.h"
#include "text_util.h"

namespace kbq::ingest::events {

namespace {

// "the 2015 Minsk Package", "the 1997 Founding Act": a bare year after "the"
// and before capitalised words ending in a document noun is part of a name,
// not a date of the clause (English).
bool DocumentNameYear(const DocState& ds, const SentenceInfo& s, uint32_t tb, uint32_t te) {
  std::string_view year = s.text.substr(tb, te - tb);
  if (year.size() != 4 || !std::all_of(year.begin(), year.end(), [](char ch) { return ch >= '0' && ch <= '9'; })) {
    return false;
  }
  std::string_view before = s.text.substr(0, tb);
  while (!before.empty() && before.back() == ' ') before.remove_suffix(1);
  if (before.size() < 3 || internal::AsciiLower(before.substr(before.size() - 3)) != "the" ||
      (before.size() > 3 && internal::IsAsciiAlnum(before[before.size() - 4]))) {
    return false;
  }
  std::vector<Tok> toks = Tokens(s.text.substr(te, std::min<size_t>(80, s.text.size() - te)));
  for (size_t i = 0; i < toks.size() && i < 4; ++i) {
    std::string_view w = s.text.substr(te + toks[i].begin, toks[i].end - toks[i].begin);
    if (!toks[i].word || !(w[0] >= 'A' && w[0] <= 'Z')) return false;
    for (const auto& cue : ds.lex.FindCues("document_noun", w)) {
      if (cue.begin == 0 && cue.end == w.size()) return true;
    }
  }
  return false;
}

// "after the December 2016 decision by the EU", "the 2019 agreements": a date
// between a determiner and a common noun modifies that noun — it dates the
// noun (a trigger there takes it), never the clause. Returns the noun's
// sentence offset, or -1 (English).
int64_t PremodifiedNoun(const SentenceInfo& s, uint32_t tb, uint32_t te) {
  if (!s.chunked) return -1;
  const auto& tokens = s.chunked->tokens;
  const Token* before = nullptr;
  const Token* after = nullptr;
  for (const Token& t : tokens) {
    if (t.end <= tb) before = &t;
    if (t.begin >= te && after == nullptr) after = &t;
  }
  if (before == nullptr || after == nullptr || s.text.substr(before->end, tb - before->end).find_first_not_of(' ') !=
                                                    std::string_view::npos) {
    return -1;
  }
  const bool determiner = before->tag == Tag::kDet || before->tag == Tag::kPossPron || before->tag == Tag::kPossMarker;
  const bool noun = after->tag == Tag::kNoun && !after->text.empty() && after->text[0] >= 'a' && after->text[0] <= 'z';
  return determiner && noun && after->begin - te <= 1 ? int64_t(after->begin) : -1;
}

// "the 80th anniversary of the beginning of the Siege of Leningrad", "marks
// the 30th anniversary of the signing of the memorandum": a trigger in the
// of-phrase of an anniversary counted in years (cue kind anniversary_of after
// an ordinal in digits) happened that many years before the commemoration,
// never on its day. Returns the count, or 0 (English).
int AnniversaryYears(const DocState& ds, const SentenceInfo& s, const Cand& c) {
  for (const auto& cue : ds.lex.FindCues("anniversary_of", s.text)) {
    if (cue.end > c.begin || c.begin - cue.end > 80) continue;
    std::string_view between = s.text.substr(cue.end, c.begin - cue.end);
    if (between.find_first_of(",;:()") != std::string_view::npos) continue;
    std::string_view before = s.text.substr(0, cue.begin);
    while (!before.empty() && before.back() == ' ') before.remove_suffix(1);
    if (before.size() < 3) continue;
    std::string_view suffix = before.substr(before.size() - 2);
    if (suffix != "th" && suffix != "st" && suffix != "nd" && suffix != "rd") continue;
    size_t d = before.size() - 2;
    int years = 0, digits = 0;
    while (d > 0 && before[d - 1] >= '0' && before[d - 1] <= '9' && digits < 4) --d, ++digits;
    if (digits == 0 || (d > 0 && internal::IsAsciiAlnum(before[d - 1]))) continue;
    for (size_t k = d; k < before.size() - 2; ++k) years = years * 10 + (before[k] - '0');
    if (years >= 1 && years <= 1000) return years;
  }
  return 0;
}

// The date was said relative to the speaker's day (today, yesterday, 昨日):
// true of the clause that says it, not of the narrative after it.
bool Deictic(const DocState& ds, const Cand& c) { return !c.date_text.empty() && ds.lex.HasCue("deictic_time", c.date_text); }

// An English verb trigger in the past (arrived, was held, has met, had
// signed), with no modal: the happening is over when the text is published.
bool PastVerb(const SentenceInfo& s, const Cand& c) {
  if (!s.chunked || c.entry->pos == 'n') return false;
  const ChunkedSentence& cs = *s.chunked;
  for (const Chunk& ch : cs.chunks) {
    if (ch.kind != ChunkKind::kVerbGroup) continue;
    const Token& head = cs.tokens[ch.head];
    if (head.begin > c.begin || cs.tokens[ch.end_token - 1].end < c.end) continue;
    if (!ch.modal.empty() || ch.infinitive || !ch.finite) return false;
    const Token& first = cs.tokens[ch.begin_token];
    const std::string& w = first.lower;
    return w == "was" || w == "were" || w == "had" || w == "has" || w == "have" || w == "did" ||
           first.inflection == Inflection::kPast;
  }
  return false;
}

// A real happening told in the past cannot take a day after the
// publication: that day belongs to something else in the clause ("On the
// eve of the chancellor's visit on February 14, a delegation arrived").
bool TooLateFor(const DocState& ds, const SentenceInfo& s, const Cand& c, const TimeValue& t) {
  bool real = c.modality == Modality::kAsserted || c.modality == Modality::kReported;
  return real && t.ok() && t.earliest > ds.pub_day && PastVerb(s, c);
}

// Background before the trigger in its sentence: a past perfect ("had
// visited", at most 12 bytes before it) or a cue of one of `kinds`
// (commemoration: "honored the memory of soldiers who died").
bool BackgroundBefore(const DocState& ds, const SentenceInfo& s, const Cand& c,
                      std::initializer_list<const char*> kinds) {
  // "had visited", "had already met": "had" then (past adverbs) a past
  // participle; "had a telephone conversation" is the main verb "have".
  const auto& tokens = s.chunked->tokens;
  for (size_t i = 0; i < tokens.size() && tokens[i].begin < c.begin; ++i) {
    if (tokens[i].lower != "had" || c.begin - tokens[i].end > 12) continue;
    size_t j = i + 1;
    while (j < tokens.size() && (tokens[j].tag == Tag::kAdv || tokens[j].tag == Tag::kNeg ||
                                 ((tokens[j].possible & kPosAdv) && !(tokens[j].possible & kPosVerb)))) {
      ++j;
    }
    if (j < tokens.size() && tokens[j].inflection == Inflection::kPast && (tokens[j].possible & kPosVerb)) return true;
  }
  for (const char* kind : kinds) {
    for (const auto& cue : ds.lex.FindCues(kind, s.text)) {
      if (cue.end <= c.begin) return true;
    }
  }
  return false;
}

// The news a report leads with: an event its English headline or first body
// sentence tells as real (asserted, reported, claimed), in the main line of its clause —
// no relative or subordinate clause opens before the trigger there, no past
// perfect ("had visited") — happened on the report's day, by the convention of
// news (the dateline). Its basis is "lead": dated by the report, but dated.
bool LeadNews(const DocState& ds, const Cand& c) {
  if (c.sentence > ds.HeadlineSentences() || c.discussed || c.future || c.generic) return false;
  if (!ToldAsReal(c.modality)) return false;
  // English only: the test needs the chunker's clauses (a Chinese headline
  // such as 感谢美国施压乌克兰 thanks for what happened before).
  const SentenceInfo& s = ds.sents[c.sentence];
  if (!s.chunked) return false;
  const Span& cl = s.clauses[c.clause];
  const ChunkedSentence& cs = *s.chunked;
  const auto& tokens = cs.tokens;
  for (size_t i = 0; i < tokens.size() && tokens[i].begin < c.begin; ++i) {
    const Token& t = tokens[i];
    if (t.begin >= cl.begin && (t.tag == Tag::kRel || t.tag == Tag::kSubConj)) return false;
  }
  // Nor a past perfect, nor what a commemoration recalls ("honored the memory
  // of soldiers who died in battles"): the day recalls it.
  if (BackgroundBefore(ds, s, c, {"commemoration"})) return false;
  // Nor a noun inside a prepositional phrase ("in a follow-up to the talks",
  // "following Russian-German talks") or a gerund after a preposition
  // ("thanked him for accepting the invitation"): the background of the news.
  for (size_t k = 0; k < cs.chunks.size(); ++k) {
    if (!cs.Covers(k, c.begin)) continue;
    const Chunk& ch = cs.chunks[k];
    if (ch.kind == ChunkKind::kNounPhrase && k > 0 && cs.chunks[k - 1].kind == ChunkKind::kPreposition) return false;
    if (ch.begin_token > 0 && tokens[ch.begin_token - 1].tag == Tag::kPrep &&
        tokens[ch.begin_token].lower.ends_with("ing")) {
      return false;
    }
    break;
  }
  return true;
}

// The parts of the lead's news: "President held a number of bilateral
// meetings in Munich" (lead), then "In particular, the President met with
// Boris Johnson": an undated real event of the body, a few sentences on, of
// the lead event's kind (talks, consultations, calls, agreements, visits are
// one kind: they make up one diplomatic day) and sharing a side with it, in
// the main line of its clause, is of the lead's day — unless its sentence
// recalls or looks back (cue kinds recall_verb, earlier_cue before the
// trigger: "recalled", "at the previous meeting"), has a past perfect or
// commemorates. Basis "lead" too.
bool LeadElaboration(const DocState& ds, const Cand& c) {
  constexpr uint32_t kBodySentences = 8;
  const uint32_t head = ds.HeadlineSentences();
  if (c.sentence <= head || c.sentence > head + kBodySentences || c.discussed || c.future || c.generic) return false;
  if (c.modality != Modality::kAsserted && c.modality != Modality::kReported) return false;
  auto diplomatic = [](const EventTypeInfo* t) { return Meets(t) || Visit(t); };
  if (!diplomatic(c.type)) return false;
  const SentenceInfo& s = ds.sents[c.sentence];
  if (!s.chunked || BackgroundBefore(ds, s, c, {"commemoration", "recall_verb", "earlier_cue"})) return false;
  for (uint32_t si = 0; si <= head && si < ds.sents.size(); ++si) {
    for (size_t li : ds.sents[si].cands) {
      const Cand& lead = ds.cands[li];
      if (lead.basis != "lead" || !diplomatic(lead.type)) continue;
      for (const Participant& p : c.participants) {
        if (p.role == Role::kOther) continue;
        for (const Participant& q : lead.participants) {
          if (q.role != Role::kOther && q.actor_id == p.actor_id) return true;
        }
      }
    }
  }
  return false;
}

// "held a meeting … to sum up the results of their work in 2021": a year
// (or coarser) after a purpose infinitive ("to" and a base verb that is no
// trigger of its own) is the purpose's, not that of a trigger before it.
bool InPurposeAfter(const DocState& ds, const SentenceInfo& s, const Cand& c, const TimeMention& t) {
  const uint32_t tb = t.begin - s.begin;
  if (c.end > tb || t.value.precision < Precision::kYear || t.value.precision == Precision::kRange) return false;
  std::string_view between = s.text.substr(c.end, tb - c.end);
  // A base verb at `vb` in `between` that is no trigger of its own.
  auto purpose_verb = [&](size_t vb) {
    const size_t ve = between.find(' ', vb);
    std::string_view verb = between.substr(vb, ve == std::string_view::npos ? std::string_view::npos : ve - vb);
    const bool trigger = std::any_of(s.cands.begin(), s.cands.end(),
                                     [&](size_t o) { return ds.cands[o].begin == c.end + vb; });
    if (trigger) return false;
    for (const auto& l : EnglishLexicon::Get().Lemmatize(verb)) {
      if (l.pos == kPosVerb && l.inflection == Inflection::kBase) return true;
    }
    return false;
  };
  // "agreed to build a pipeline by 2025": the trigger's own "to".
  if (c.entry && c.entry->text.ends_with(" to") && between.starts_with(" ") && purpose_verb(1)) return true;
  for (size_t at = between.find(" to "); at != std::string_view::npos; at = between.find(" to ", at + 1)) {
    if (purpose_verb(at + 4)) return true;
  }
  return false;
}

// ", which will be held on February 8": a clause that opens with "which"
// tells of the thing named before it; its time dates that noun, never the
// triggers of the other clauses ("The meeting took place on the eve of the
// summit, which will be held on February 8").
// Returns the clause's opening relative word ("which", "where", "who",
// "whose"), or empty when it opens with none.
std::string_view RelativeOpener(std::string_view text, const Span& clause) {
  std::string_view c = Trim(text.substr(clause.begin, clause.end - clause.begin));
  // ("the region, where a plant opened 15 years ago", "the governor, who
  // took office in 2019": the place's or the person's story.)
  for (std::string_view w : {"which", "where", "who", "whose"}) {
    if (c.size() > w.size() && c.starts_with(w) && c[w.size()] == ' ') return w;
  }
  return {};
}

// The happening noun a relative clause hangs on: a trigger noun of the
// clause before it, a few words at most before the comma, with only its own
// phrases after it ("the meeting in Paris, which …", "the cyber attack on the
// Internet resources of public authorities, which …"; a verb between, as in
// "The meeting took place on the eve of the summit, which …", makes the
// clause another noun's). Of several, the last whose number agrees with the
// clause's verb ("the talks on the nuclear deal, which are due …": the talks).
Cand* RelativeHead(DocState& ds, const SentenceInfo& s, size_t k) {
  if (k == 0 || !s.chunked) return nullptr;
  constexpr uint32_t kNear = 64;  // bytes between the noun and the comma
  const auto& tokens = s.chunked->tokens;
  const uint32_t comma = s.clauses[k].begin;
  // The number the clause's first verb asks for: 1 singular, 2 plural, 0 either.
  int number = 0;
  for (const Token& t : tokens) {
    if (t.begin < comma || t.lower == "which") continue;
    if (t.lower == "is" || t.lower == "was" || t.lower == "has") number = 1;
    if (t.lower == "are" || t.lower == "were" || t.lower == "have") number = 2;
    break;
  }
  Cand* head = nullptr;
  bool head_agrees = false;
  for (size_t ci : s.cands) {
    Cand& c = ds.cands[ci];
    if (c.clause != k - 1 || c.end > comma || comma - c.end > kNear) continue;
    const size_t h = TriggerHeadToken(*s.chunked, c);
    if (h == tokens.size() || (tokens[h].tag != Tag::kNoun && tokens[h].tag != Tag::kProperNoun)) continue;
    const bool verb_between = std::any_of(tokens.begin(), tokens.end(), [&](const Token& t) {
      return t.begin >= c.end && t.end <= comma &&
             (t.tag == Tag::kVerb || t.tag == Tag::kAux || t.tag == Tag::kModal || t.tag == Tag::kRel ||
              t.tag == Tag::kSubConj);
    });
    if (verb_between) continue;
    // ("talks" is a lemma of its own in WordNet: an -s ending counts too.)
    const std::string& w = tokens[h].lower;
    const bool s_end = w.size() > 3 && w.back() == 's' && w[w.size() - 2] != 's';
    const int plural = tokens[h].inflection == Inflection::kPlural || s_end ? 2 : 1;
    const bool agrees = number == 0 || plural == number;
    if (head == nullptr || agrees || !head_agrees) {
      head = &c;
      head_agrees = agrees;
    }
  }
  return head;
}

}  // namespace

void AssignOwnDates(DocState& ds, SentenceInfo* s) {
  std::vector<std::pair<size_t, const TimeMention*>> sentence_level, claimed;
  auto first = std::lower_bound(ds.times.begin(), ds.times.end(), s->begin,
                                [](const TimeMention& t, uint32_t b) { return t.begin < b; });
  // An act named by an anniversary is a mention (candidates.cc MarkGeneric)
  // that lends the commemoration's day to nothing (InheritDates, coreference).
  for (size_t ci : s->cands) {
    if (AnniversaryYears(ds, *s, ds.cands[ci]) > 0) ds.cands[ci].anniversary = true;
    if (ReasonAnaphor(*s, ds.cands[ci])) ds.cands[ci].reason_anaphor = true;
  }
  for (auto it = first; it != ds.times.end() && it->begin < s->end; ++it) {
    const TimeMention& t = *it;
    if (t.end > s->end) continue;
    if (t.is_duration || !t.value.ok() || t.resolution == Resolution::kUnresolved) continue;
    if (t.resolution == Resolution::kPresent) continue;  // "now": no date of its own
    // "recently", "soon": the nearest trigger has no date of its own and
    // inherits none; it is reported on the publication day.
    const bool vague = t.resolution == Resolution::kPast || t.resolution == Resolution::kFuture;
    uint32_t tb = t.begin - s->begin, te = t.end - s->begin;
    // The time as a trigger's own date — unless it has one (a date beats
    // "recently", which only set the publication day).
    auto take = [&](Cand& c) {
      if (c.reason_anaphor) return;
      if (!c.basis.empty() && c.basis != "publication") return;
      c.date = t.value;
      c.basis = "explicit";
      c.date_text = t.text;
      c.future = t.future;
    };
    // "since 2022", 2022年以来: where a span starts, not when anything happened.
    bool span_start = false;
    std::string_view lead = s->text.substr(0, tb);
    while (!lead.empty() && lead.back() == ' ') lead.remove_suffix(1);
    for (const auto& cue : ds.lex.FindCues("since_before_time", lead)) span_start |= cue.end == lead.size();
    for (const auto& cue : ds.lex.FindCues("since_after_time", s->text.substr(te, 6))) span_start |= cue.begin == 0;
    if (span_start) continue;
    // "a strategic partnership until 2030", "extended the sanctions till
    // July": where a span ends (a horizon), not when anything happened.
    bool span_end = false;
    for (const auto& cue : ds.lex.FindCues("until_before_time", lead)) span_end |= cue.end == lead.size();
    if (span_end) continue;
    if (DocumentNameYear(ds, *s, tb, te)) continue;
    if (const int64_t noun = vague ? -1 : PremodifiedNoun(*s, tb, te); noun >= 0) {
      for (size_t ci : s->cands) {
        if (ds.cands[ci].begin <= noun && noun < ds.cands[ci].end) take(ds.cands[ci]);
      }
      continue;
    }
    size_t k = ClauseOf(s->clauses, tb);
    // The nearest trigger in the clause takes the time (自2022年伊斯坦布尔和谈…的再次谈判:
    // 2022 dates 和谈, not 再次谈判).
    Cand* best = nullptr;
    uint32_t best_d = UINT32_MAX;
    for (size_t ci : s->cands) {
      Cand& c = ds.cands[ci];
      if (c.clause != k || TooLateFor(ds, *s, c, t.value) || InPurposeAfter(ds, *s, c, t)) continue;
      uint32_t d = c.begin >= te ? c.begin - te : (tb >= c.end ? tb - c.end : 0);
      if (c.begin >= te && d > 0) d -= 1;  // a tie goes to the trigger after the time
      if (d < best_d) { best_d = d; best = &c; }
    }
    if (best && vague) {
      if (best->basis.empty()) {
        best->date = TimeValue::Days(ds.pub_day, ds.pub_day, Precision::kDay);
        best->basis = "publication";
        best->date_text = t.text;
        best->future = t.future;
      }
    } else if (vague) {
      continue;
    } else if (best) {
      take(*best);
      claimed.push_back({k, &t});
    } else if (const std::string_view opener = RelativeOpener(s->text, s->clauses[k]);
               opener.empty() || (opener.starts_with("who") && ds.lex.HasCue("deictic_time", t.text))) {
      // ("the ministers, who are present today, held their first meeting":
      // the speaker's today, said of those present, is the sentence's.)
      sentence_level.push_back({k, &t});
    } else if (Cand* noun = opener == "which" ? RelativeHead(ds, *s, k) : nullptr;
               noun != nullptr && !TooLateFor(ds, *s, *noun, t.value)) {
      take(*noun);
    }
  }
  // A trigger of a clause whose only time went to a nearer trigger after it
  // shares it ("Police arrested 14 people after protests turned violent on
  // Monday": both on Monday), unless a time of the sentence's own level applies.
  for (size_t ci : s->cands) {
    Cand& c = ds.cands[ci];
    if (!c.basis.empty() || !sentence_level.empty()) continue;
    const TimeMention* only = nullptr;
    int in_clause = 0;
    for (const auto& [k, t] : claimed) {
      if (k != c.clause) continue;
      ++in_clause;
      // Only a trailing time (after this trigger) is shared: a time before
      // it belongs to the trigger it stands by (自2022年…和谈破裂后的再次谈判).
      if (t->begin - s->begin >= c.end) only = t;
    }
    if (only == nullptr || c.reason_anaphor) continue;
    if (in_clause != 1 || TooLateFor(ds, *s, c, only->value)) continue;
    c.date = only->value;
    c.basis = "sentence";
    c.date_text = only->text;
    c.future = only->future;
  }
  for (size_t ci : s->cands) {
    Cand& c = ds.cands[ci];
    if (!c.basis.empty() || sentence_level.empty() || c.reason_anaphor) continue;
    // "This is our second meeting; the first one was held at the beginning of
    // the year": a semicolon ends what a sentence's time dates.
    auto across_semicolon = [&](const TimeMention* t) {
      const uint32_t tb = t->begin - s->begin;
      const uint32_t lo = std::min(tb, c.begin), hi = std::max(tb, c.end);
      return s->text.substr(lo, hi - lo).find(';') != std::string_view::npos;
    };
    const TimeMention* pick = nullptr;
    for (const auto& [k, t] : sentence_level) {
      if (across_semicolon(t)) continue;
      if (k < c.clause || !pick) pick = t;
    }
    if (!pick) continue;
    if (TooLateFor(ds, *s, c, pick->value) || InPurposeAfter(ds, *s, c, *pick)) continue;
    c.date = pick->value;
    c.basis = "sentence";
    c.date_text = pick->text;
    c.future = pick->future;
  }
}

void InheritDates(DocState& ds) {
  for (size_t i = 0; i < ds.cands.size(); ++i) {
    Cand& c = ds.cands[i];
    if (c.antecedent >= 0 || !c.basis.empty()) continue;
    const SentenceInfo& s = ds.sents[c.sentence];
    // Not yet happened (planned): only a date that is not in the past can be
    // lent. (A counterfactual speaks of the past: "had they signed in April
    // 2022, …" keeps April 2022.)
    bool unreal = c.modality == Modality::kPlanned;
    bool real = ToldAsReal(c.modality);
    // A range (2013..2014, "in recent years") is background, never lent to
    // the narrative; nor is a deictic date (yesterday: the clause that says
    // it; but for the talks told right after it), a date of another event of
    // the same type (another call), a future
    // date for an asserted event, or a past date for a planned one.
    auto lendable = [&](const Cand& p) {
      if (p.anniversary || !p.date.ok() || p.date.precision == Precision::kRange || p.date.SpanDays() > 366) return false;
      // ("yesterday's meetings were productive. We discussed …": the talks
      // of the sentence right after a deictic meeting are that meeting's.)
      const bool same_talks = Gathering(p.type) && Gathering(c.type) && p.sentence + 1 == c.sentence;
      if ((Deictic(ds, p) && !same_talks) || p.type == c.type) return false;
      if (real && p.date.earliest > ds.pub_day) return false;
      if (unreal && p.date.latest < ds.pub_day) return false;
      return true;
    };
    // (1) an earlier clause of the same sentence with a date of its own.
    const Cand* from = nullptr;
    for (size_t ci : s.cands) {
      if (ci >= i) break;
      const Cand& p = ds.cands[ci];
      if (p.antecedent < 0 && !p.discussed && (p.basis == "explicit" || p.basis == "sentence")) from = &p;
    }
    if (from != nullptr && !lendable(*from)) from = nullptr;
    // (2) the last dated event in the few sentences before, within the
    // paragraph. Press releases often have no paragraph breaks at all, so
    // the look-back is bounded.
    constexpr int kLookBackSentences = 3;
    if (!from) {
      for (int si = int(c.sentence) - 1; si >= 0 && si >= int(c.sentence) - kLookBackSentences && !from;
           --si) {
        for (auto it = ds.sents[si].cands.rbegin(); it != ds.sents[si].cands.rend(); ++it) {
          const Cand& p = ds.cands[*it];
          if (p.antecedent < 0 && !p.discussed && (p.basis == "explicit" || p.basis == "sentence") &&
              !HiddenByDefault(p.modality) && lendable(p)) {
            from = &p;
            break;
          }
        }
        if (ds.sents[si].paragraph_start) break;
      }
      if (s.paragraph_start) from = nullptr;
    }
    // A planned event without a date keeps the publication day as the day
    // it was reported (printed "reported …", never a date of its own). It is
    // not left undated: the store and the timeline queries order an undated
    // event before every date (it would pass any --to filter).
    if (from) {
      c.date = from->date;
      c.basis = "inherited";
    } else {
      c.date = TimeValue::Days(ds.pub_day, ds.pub_day, Precision::kDay);
      c.basis = LeadNews(ds, c) || LeadElaboration(ds, c) ? "lead" : "publication";
    }
  }
}

}  // namespace kbq::ingest::events
