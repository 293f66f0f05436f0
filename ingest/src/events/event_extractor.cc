// EventExtractor: the stages of events/stages.h over one document —
// sentences → attribution → candidates (triggers, sense rules) → own dates →
// arguments and roles → modality → coreference and part_of → inherited dates
// → links → events merged within the article. The rules are documented in
// docs/extraction.md; every cue comes from ingest/data/events/cues.tsv.
#include "kbq/ingest/event_extractor.h"

#include <algorithm>

#include "embedded/event_data.h"
#include "events/event_lexicon.h"
#include "events/stages.h"
#include "text_util.h"
#include "kbq/ingest/event_merge.h"

namespace kbq::ingest {

using internal::EventLexicon;

struct EventExtractor::Impl {
  EventLexicon lex;
};

namespace {

using internal::Hex16;
uint64_t Fnv1a(std::string_view s) { return internal::Fnv1a64(s); }

}  // namespace

std::string MakeEventId(std::string_view article_id, uint32_t sentence, uint32_t trigger_offset) {
  std::string key(article_id);
  key += '\x1f';
  key += std::to_string(sentence);
  key += '\x1f';
  key += std::to_string(trigger_offset);
  return "ev-" + Hex16(Fnv1a(key));
}

void LabelEvent(const EventTypeInfo* type, const std::function<const Actor*(const std::string&)>& lookup_actor,
                Event* e) {
  auto name = [&](const std::string& id, std::string_view lang) -> std::string {
    const Actor* a = lookup_actor ? lookup_actor(id) : nullptr;
    return a ? a->Name(lang) : id;
  };
  std::vector<std::string> ids;
  for (Role r : {Role::kSource, Role::kTarget, Role::kOther}) {
    for (const auto& p : e->participants) {
      if (p.role == r && std::find(ids.begin(), ids.end(), p.actor_id) == ids.end()) ids.push_back(p.actor_id);
    }
  }
  if (ids.size() > 3) ids.resize(3);
  for (std::string lang : {"en", "zh"}) {
    bool zh = lang == "zh";
    std::string label = type ? (zh ? type->label_zh : type->label_en) : e->type;
    if (!ids.empty() || !e->place_id.empty()) label += zh ? "：" : ": ";
    for (size_t i = 0; i < ids.size(); ++i) {
      if (i) label += " – ";
      label += name(ids[i], lang);
    }
    if (!e->place_id.empty()) {
      if (!ids.empty()) label += zh ? "，" : ", ";
      label += name(e->place_id, lang);
    }
    e->labels[lang] = label;
  }
}

EventExtractor::EventExtractor(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
EventExtractor::~EventExtractor() = default;

Result<std::unique_ptr<EventExtractor>> EventExtractor::FromTsv(std::string_view types,
                                                                std::string_view triggers,
                                                                std::string_view cues,
                                                                std::string_view object_blockers) {
  auto lex = EventLexicon::Parse(types, triggers, cues, object_blockers);
  if (!lex.ok()) return lex.status();
  auto impl = std::make_unique<Impl>();
  impl->lex = std::move(lex).value();
  return std::unique_ptr<EventExtractor>(new EventExtractor(std::move(impl)));
}

Result<std::unique_ptr<EventExtractor>> EventExtractor::LoadBuiltin() {
  return FromTsv(EventData("types.tsv"), EventData("triggers.tsv"), EventData("cues.tsv"),
                 EventData("object_blockers.tsv"));
}

const EventTypeInfo* EventExtractor::FindType(std::string_view type) const { return impl_->lex.Type(type); }
const std::vector<EventTypeInfo>& EventExtractor::types() const { return impl_->lex.types(); }
size_t EventExtractor::trigger_count(std::string_view lang) const { return impl_->lex.trigger_count(lang); }
size_t EventExtractor::cue_count() const { return impl_->lex.cue_count(); }

namespace events {
namespace {

// A transcript label at the start of a sentence: one to five words (capitalised,
// or a parenthesised note) and a colon within the first 60 bytes.
bool OtherSpeakerLabel(std::string_view text) {
  size_t colon = text.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon > 60) return false;
  std::string_view head = text.substr(0, colon);
  int words = 0;
  bool in_note = false, start = true;
  for (char ch : head) {
    if (ch == '(') in_note = true;
    if (ch == ')') in_note = false;
    if (ch == '.' || ch == ',' || ch == ';' || ch == '"') return false;
    if (ch == ' ') { start = true; continue; }
    if (start && !in_note) {
      ++words;
      if (!(ch >= 'A' && ch <= 'Z') && ch != '(') return false;
    }
    start = false;
  }
  return words >= 1 && words <= 5;
}

// The one person a headline such as "Speech by President Volodymyr
// Zelenskyy at …" or "Address of the President of Ukraine on …" credits the
// text to (a speech_headline cue, then "by" or "of", then the person), with
// offsets 0; null for any other headline.
std::shared_ptr<const ActorInfo> HeadlineSpeaker(const DocState& ds, const SentenceInfo& s) {
  for (const auto& cue : ds.lex.FindCues("speech_headline", s.text)) {
    if (cue.begin > 20) continue;  // the headline opens with it ("Video address by …")
    std::string_view after = s.text.substr(cue.end);
    if (!after.starts_with(" by ") && !after.starts_with(" of ")) continue;
    const ActorInfo* who = nullptr;
    for (const auto& a : s.actors) {
      if (a.dropped || a.kind != ActorKind::kPerson || a.begin < cue.end) continue;
      if (who && who->id != a.id) return nullptr;
      who = &a;
    }
    if (!who) return nullptr;
    return Detached(*who);
  }
  return nullptr;
}

// Runs the stages over one document, in order; see stages.h for what each
// reads and writes.
Extraction RunStages(DocState& ds) {
  const Article& art = ds.doc.article;
  ds.pub_day = LocalDay(art.published_utc, art.published_offset_minutes.value_or(0));
  FindOpinion(ds);

  ds.sents.resize(ds.doc.sentences.size());
  std::shared_ptr<const ActorInfo> turn;  // the current transcript turn's speaker
  std::shared_ptr<const ActorInfo> before;  // the previous turn's, when another person
  for (uint32_t si = 0; si < ds.sents.size(); ++si) {
    SentenceInfo& s = ds.sents[si];
    PrepareSentence(ds, si, &s);
    Attribution attr;
    std::vector<Span> exempt;
    FindAttribution(ds, &s, &attr, &exempt);
    // "Question: …", "Remark: …": a label that names no known person opens
    // a turn of somebody else; "I" there is nobody we know.
    if (s.speaker_label.empty() && OtherSpeakerLabel(s.text)) {
      turn.reset();
      before.reset();
    }
    // "Speech by President Volodymyr Zelenskyy at the Munich Security
    // Conference": the body of a speech, an address or an article its
    // headline credits to one person is that person's turn (cue kind
    // speech_headline before "by"/"of").
    if (si == 0 && ds.HeadlineSentences() > 0) turn = HeadlineSpeaker(ds, s);
    for (const auto& a : s.actors) {
      if (!s.speaker_label.empty() && a.id == s.speaker_label) {
        if (turn && turn->id != a.id) before = turn;
        if (!turn || turn->id != a.id) turn = Detached(a);
        break;
      }
    }
    // "Putin: Mr Lavrov, …": a turn that opens by naming someone addresses
    // them ("you" is Lavrov for the rest of the turn).
    if (!s.speaker_label.empty() && turn) {
      if (const ActorInfo* v = Vocative(s); v && v->id != turn->id) {
        before = Detached(*v);
      }
    }
    s.turn_speaker = turn;
    s.addressee = before;
    if (turn && !before) s.counterpart = TurnCounterpart(ds, *turn);
    if (!turn && !attr.actor_id.empty() && HasQuotation(s.text)) {
      for (const auto& a : s.actors) {
        if (a.id != attr.actor_id || a.kind != ActorKind::kPerson) continue;
        s.quote_speaker = Detached(a);
        s.counterpart = TurnCounterpart(ds, *s.quote_speaker);
        break;
      }
    }
    OwnCountryMentions(ds, &s);
    bool counterfactual = Counterfactual(ds, s);
    bool evaluative = Evaluative(ds, s);
    std::vector<Tok> toks = Tokens(s.text);
    FindCandidates(ds, si, toks);
    AssignOwnDates(ds, &s);
    for (size_t ci : s.cands) {
      Cand& c = ds.cands[ci];
      bool in_exempt = std::any_of(exempt.begin(), exempt.end(),
                                   [&](const Span& x) { return c.begin >= x.begin && c.end <= x.end; });
      BuildArguments(ds, &s, &c, in_exempt ? Attribution{} : attr);
      BothSides(ds, s, ci, &c);
      if (c.basis.size() && c.date.ok() && c.date.earliest > ds.pub_day) c.future = true;
      c.modality = FindModality(ds, s, c, counterfactual);
      MarkGeneric(ds, s, toks, si, c);
      AttributeCandidate(ds, attr, in_exempt, evaluative, c);
    }
    ReadinessSides(ds, s);
    ThankSides(ds, s);
    PassiveAgentSides(ds, s);
    AnswerSides(ds, s);
    ChairSides(ds, s);
    AttendanceSides(ds, s);
    SiteHolderSides(ds, s, si);
    AfterTalksSides(ds, s);
    WithListSides(ds, s);
    JointSides(ds, s);
    ParentheticalSides(ds, s);
    ApplyInitiators(ds, &s);
    GovernedTargets(ds, &s);
    OwnActsAsserted(ds, s);
    for (size_t ci : s.cands) ds.cands[ci].countries = ds.ComputeCountries(ds.cands[ci]);
  }
  Coreference(ds);
  DisastersAndTolls(ds);
  PartOf(ds);
  MarkBare(ds);
  InheritDates(ds);
  Links(ds);
  StorylineByCoherence(ds);
  AttendeesAsSides(ds);
  return EmitEvents(ds);
}

}  // namespace
}  // namespace events

Extraction EventExtractor::Extract(const Document& doc, const std::vector<TimeMention>& times,
                                   const std::vector<ActorMention>& actors,
                                   const std::function<const Actor*(const std::string&)>& lookup_actor) const {
  events::DocState ds(impl_->lex, doc, times, actors, lookup_actor);
  return events::RunStages(ds);
}

}  // namespace kbq::ingest
