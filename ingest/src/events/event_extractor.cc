// EventExtractor: triggers → candidates with arguments, modality, attribution
// and dates → coreference of nominal mentions → part_of / inherited dates →
// events and links → merge within the article. The rules are documented in
// docs/extraction.md; every cue comes from ingest/data/events/cues.tsv.
#include "kbq/ingest/event_extractor.h"

#include <algorithm>
#include <cstdio>
#include <set>
#include <tuple>

#include "events/event_lexicon.h"
#include "text_util.h"
#include "kbq/ingest/event_merge.h"

namespace kbq::ingest {

using internal::CueHit;
using internal::EventLexicon;
using internal::TriggerHit;

struct EventExtractor::Impl {
  EventLexicon lex;
};

namespace {

constexpr uint32_t kNone = UINT32_MAX;

using internal::Hex16;
uint64_t Fnv1a(std::string_view s) { return internal::Fnv1a64(s); }

// Clause boundaries: punctuation that ends a clause. ASCII ',' between two
// digits (50,000) does not.
bool IsClauseSep(std::string_view s, size_t i, size_t* len) {
  static const char* kWide[] = {"，", "；", "：", "。", "！", "？", "——", "—"};
  unsigned char c = s[i];
  if (c == ',' ) {
    bool digits = i > 0 && i + 1 < s.size() && isdigit(static_cast<unsigned char>(s[i - 1])) &&
                  isdigit(static_cast<unsigned char>(s[i + 1]));
    *len = 1;
    return !digits;
  }
  if (c == ';' || c == ':' || c == '!' || c == '?' || c == '\n') {
    // "10:30" is a time, not a clause end.
    if (c == ':' && i > 0 && i + 1 < s.size() && isdigit(static_cast<unsigned char>(s[i - 1])) &&
        isdigit(static_cast<unsigned char>(s[i + 1]))) {
      return false;
    }
    *len = 1;
    return true;
  }
  if (c >= 0x80) {
    for (const char* w : kWide) {
      size_t n = std::char_traits<char>::length(w);
      if (s.compare(i, n, w) == 0) {
        *len = n;
        return true;
      }
    }
  }
  return false;
}

struct Span {
  uint32_t begin = 0;
  uint32_t end = 0;
};

std::vector<Span> SplitClauses(std::string_view s) {
  std::vector<Span> out;
  uint32_t start = 0;
  for (size_t i = 0; i < s.size();) {
    size_t len = 0;
    if (IsClauseSep(s, i, &len)) {
      if (i > start) out.push_back({start, uint32_t(i)});
      start = uint32_t(i + len);
      i += len;
    } else {
      i += internal::Utf8Len(static_cast<unsigned char>(s[i]));
    }
  }
  if (start < s.size()) out.push_back({start, uint32_t(s.size())});
  if (out.empty()) out.push_back({0, uint32_t(s.size())});
  return out;
}

size_t ClauseOf(const std::vector<Span>& clauses, uint32_t pos) {
  for (size_t i = 0; i < clauses.size(); ++i) {
    if (pos < clauses[i].end) return i;
  }
  return clauses.size() - 1;
}

// `s` without a trailing Chinese quantity: digits or numerals followed by a
// measure word (12名, 数百名, 两位, 多个). Unchanged when none ends it.
std::string_view StripChineseQuantity(std::string_view s) {
  static const std::string_view kMeasure[] = {"名", "位", "个", "家", "批", "架", "艘", "国"};
  static const std::string_view kNumeral[] = {"一", "二", "两", "三", "四", "五", "六", "七", "八", "九",
                                              "十", "百", "千", "万", "几", "多", "数", "余"};
  auto ends_with = [&](std::string_view t, std::string_view w) {
    return t.size() >= w.size() && t.compare(t.size() - w.size(), w.size(), w) == 0;
  };
  std::string_view t = s;
  bool measure = false;
  for (auto m : kMeasure) {
    if (ends_with(t, m)) {
      t.remove_suffix(m.size());
      measure = true;
      break;
    }
  }
  if (!measure) return s;
  size_t before = t.size();
  for (bool more = true; more;) {
    more = false;
    while (!t.empty() && t.back() >= '0' && t.back() <= '9') {
      t.remove_suffix(1);
      more = true;
    }
    for (auto n : kNumeral) {
      if (ends_with(t, n)) {
        t.remove_suffix(n.size());
        more = true;
      }
    }
  }
  return t.size() < before ? t : s;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

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

struct ActorInfo {
  uint32_t begin = 0, end = 0;  // relative to the sentence
  std::string id;
  ActorKind kind = ActorKind::kUnknown;
  std::string country;  // the country (or organisation) it stands for
  bool dropped = false; // folded into the next mention (country + person)
  bool place = false;
  bool speaker = false; // the attributed source of the sentence, not a participant
  bool metonym = false; // a seat standing for an actor (Kyiv, Brussels, the Kremlin)
  uint32_t group_begin = 0;  // begin of the first mention folded into this one
};

struct Cand {
  uint32_t sentence = 0;
  uint32_t begin = 0, end = 0;  // trigger span relative to the sentence
  size_t clause = 0;
  const internal::TriggerEntry* entry = nullptr;
  const EventTypeInfo* type = nullptr;
  std::vector<Participant> participants;
  std::string place;
  Modality modality = Modality::kAsserted;
  Attribution attribution;
  TimeValue date;
  std::string basis;  // "explicit", "sentence", "inherited", "publication" or empty
  std::string date_text;
  int antecedent = -1;  // coreferent earlier/later candidate
  bool bare = false;    // no date, party or place of its own: a generic mention, dropped
  bool discussed = false;
  std::vector<std::string> countries;  // participants mapped to countries (cache)  // the object of 讨论了 / discussed: not the narrative's time
  bool future = false;
  bool generic = false;  // a present-simple habitual or a document name, undated: no event
};

struct SentenceInfo {
  uint32_t begin = 0, end = 0;  // absolute
  std::string_view text;
  std::vector<Span> clauses;
  std::vector<TriggerHit> hits;   // triggers and blockers
  std::vector<ActorInfo> actors;
  std::vector<size_t> cands;      // indexes into the candidate list
  std::string place;              // a place stated in a trigger-less clause
  bool paragraph_start = false;
};

bool Overlaps(const TriggerHit& h, uint32_t b, uint32_t e) { return h.begin < e && b < h.end; }

// A cue inside a trigger or a blocker (称赞, 谈判结果) is no cue.
bool InsideTrigger(const SentenceInfo& s, const CueHit& c) {
  for (const auto& h : s.hits) {
    if (Overlaps(h, c.begin, c.end)) return true;
  }
  return false;
}

bool Reciprocal(const EventTypeInfo* t) {
  static const std::set<std::string> kFamilies = {"talks", "call", "consult", "agreement",
                                                  "cooperate", "fight", "release"};
  return t && kFamilies.count(t->family);
}

bool MeetingFamily(const EventTypeInfo* t) { return t && (t->family == "talks"); }

bool CommunicativeOrOutcome(const EventTypeInfo* t) {
  static const std::set<std::string> kFamilies = {
      "statement", "appeal", "intent", "agreement", "release", "demand", "reject",
      "threaten", "disapprove", "support", "ceasefire", "concede", "retreat"};
  return t && kFamilies.count(t->family);
}


// English word tokens of a sentence for the sense rules: words (letters,
// digits, '-', apostrophes) and punctuation marks; spaces and quotation marks
// are skipped.
struct Tok {
  uint32_t begin = 0, end = 0;
  bool word = false;
  std::string lower;  // lower case, a trailing possessive 's removed
};

std::vector<Tok> Tokens(std::string_view text) {
  std::vector<Tok> out;
  for (size_t i = 0; i < text.size();) {
    unsigned char c = text[i];
    auto apostrophe = [&](size_t k) {
      return text[k] == '\'' || text.compare(k, 3, "\xE2\x80\x99") == 0;
    };
    if (c == ' ' || c == '\t' || c == '"' || c == '\n') { ++i; continue; }
    if (text.compare(i, 3, "\xE2\x80\x9C") == 0 || text.compare(i, 3, "\xE2\x80\x9D") == 0 ||
        text.compare(i, 2, "\xC2\xAB") == 0 || text.compare(i, 2, "\xC2\xBB") == 0) {
      i += internal::Utf8Len(c);
      continue;
    }
    if (internal::IsAsciiAlnum(char(c))) {
      size_t j = i;
      while (j < text.size()) {
        if (internal::IsAsciiAlnum(text[j]) || text[j] == '-') { ++j; continue; }
        if (apostrophe(j)) {
          size_t n = text[j] == '\'' ? 1 : 3;
          if (j + n < text.size() && internal::IsAsciiAlnum(text[j + n])) { j += n; continue; }
        }
        break;
      }
      Tok t{uint32_t(i), uint32_t(j), true, internal::AsciiLower(text.substr(i, j - i))};
      for (std::string_view poss : {"'s", "\xE2\x80\x99s"}) {
        if (t.lower.size() > poss.size() && t.lower.compare(t.lower.size() - poss.size(), poss.size(), poss) == 0) {
          t.lower.resize(t.lower.size() - poss.size());
        }
      }
      out.push_back(std::move(t));
      i = j;
      continue;
    }
    size_t n = internal::Utf8Len(c);
    out.push_back({uint32_t(i), uint32_t(i + n), false, std::string(text.substr(i, n))});
    i += n;
  }
  return out;
}

// `head` is `word` or one of its plurals (republic ~ republics, entity ~ entities).
bool SameNoun(const std::string& head, const std::string& word) {
  if (head == word) return true;
  if (head == word + "s" || head == word + "es") return true;
  return word.size() > 1 && word.back() == 'y' && head == word.substr(0, word.size() - 1) + "ies";
}

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
  return FromTsv(internal::EmbeddedEventFile("types"), internal::EmbeddedEventFile("triggers"),
                 internal::EmbeddedEventFile("cues"), internal::EmbeddedEventFile("object_blockers"));
}

const EventTypeInfo* EventExtractor::FindType(std::string_view type) const { return impl_->lex.Type(type); }
const std::vector<EventTypeInfo>& EventExtractor::types() const { return impl_->lex.types(); }
size_t EventExtractor::trigger_count(std::string_view lang) const { return impl_->lex.trigger_count(lang); }
size_t EventExtractor::cue_count() const { return impl_->lex.cue_count(); }

namespace {

// Everything Extract() needs while it works through one document.
class DocWork {
 public:
  DocWork(const EventLexicon& lex, const Document& doc, const std::vector<TimeMention>& times,
          const std::vector<ActorMention>& actors,
          const std::function<const Actor*(const std::string&)>& lookup)
      : lex_(lex), doc_(doc), times_(times), actor_mentions_(actors), lookup_(lookup) {}

  Extraction Run();

 private:
  const Actor* Lookup(const std::string& id) const { return lookup_ ? lookup_(id) : nullptr; }
  std::string CountryOf(const std::string& id, ActorKind kind) const;
  void PrepareSentence(uint32_t index, SentenceInfo* s);
  void CollapseActors(SentenceInfo* s);
  void FindAttribution(SentenceInfo* s, Attribution* attr, std::vector<Span>* exempt);
  void BuildArguments(SentenceInfo* s, Cand* c, const Attribution& attr);
  // 双方签署了协议 / the two sides signed: an event with no participants whose
  // subject is "both sides" (the cue before its trigger, no other trigger
  // between) takes the two sides of the latest earlier event (this sentence
  // or the one before) that has both.
  void BothSides(const SentenceInfo& s, size_t ci, Cand* c);
  void ApplyInitiators(SentenceInfo* s);
  Modality FindModality(const SentenceInfo& s, const Cand& c, bool counterfactual) const;
  void AssignOwnDates(SentenceInfo* s);
  bool IsCueWord(std::string_view kind, std::string_view word) const;
  bool DocumentNameYear(const SentenceInfo& s, uint32_t tb, uint32_t te) const;
  bool DocumentName(const SentenceInfo& s, const Cand& c) const;
  bool Deictic(const Cand& c) const;
  bool WrongSense(const SentenceInfo& s, const std::vector<Tok>& toks, const TriggerHit& h) const;
  bool GenericRelation(const SentenceInfo& s, const std::vector<Tok>& toks, const TriggerHit& h) const;
  bool PresentSimple(const SentenceInfo& s, const std::vector<Tok>& toks, const TriggerHit& h) const;
  // The token before the trigger (skipping adverbs) is a subject (a pronoun,
  // a plural like "countries", or an actor), an infinitive/modal marker, or
  // neither (a determiner: the trigger is a noun).
  enum class Before { kSubject, kMarker, kOther };
  Before WordBefore(const SentenceInfo& s, const std::vector<Tok>& toks, const TriggerHit& h) const;
  bool Compatible(const Cand& a, const Cand& b) const;
  void Coreference();
  void PartOf();
  void InheritDates();
  void Links();
  void StorylineByCoherence();
  int Resolve(int i) const {
    while (i >= 0 && cands_[i].antecedent >= 0) i = cands_[i].antecedent;
    return i;
  }
  void AddLink(int from, int to, LinkKind kind, std::string_view cue, const SentenceInfo& s, double conf);
  const std::vector<std::string>& Countries(const Cand& c) const { return c.countries; }
  std::vector<std::string> ComputeCountries(const Cand& c) const;

  const EventLexicon& lex_;
  const Document& doc_;
  const std::vector<TimeMention>& times_;
  const std::vector<ActorMention>& actor_mentions_;
  const std::function<const Actor*(const std::string&)>& lookup_;
  std::vector<SentenceInfo> sents_;
  std::vector<Cand> cands_;
  std::vector<std::vector<std::pair<uint32_t, uint32_t>>> sent_time_spans_;
  std::vector<std::tuple<int, int, LinkKind, std::string, double>> links_;
  bool opinion_ = false;
  std::string author_;
  int32_t pub_day_ = 0;
};

std::string DocWork::CountryOf(const std::string& id, ActorKind kind) const {
  if (kind == ActorKind::kCountry) return id;
  if (const Actor* a = Lookup(id)) {
    if (!a->affiliations.empty()) return a->affiliations.front().actor_id;
    if (!a->part_of.empty()) return a->part_of.front();
  }
  return id;
}

void DocWork::CollapseActors(SentenceInfo* s) {
  auto& acts = s->actors;
  // 欧盟外交与安全政策高级代表、反俄狂热者卡娅・卡拉斯: a body, then its own
  // person within one clause; everything named in between is the title.
  for (size_t j = 0; j < acts.size(); ++j) {
    if (acts[j].kind != ActorKind::kPerson) continue;
    for (size_t i = j; i-- > 0;) {
      if (acts[j].begin < acts[i].end || acts[j].begin - acts[i].end > 60) break;
      std::string_view gap = s->text.substr(acts[i].end, acts[j].begin - acts[i].end);
      bool has_sep = false;
      for (size_t k = 0; k < gap.size(); ++k) {
        size_t len;
        if (IsClauseSep(gap, k, &len)) has_sep = true;
      }
      if (has_sep) break;
      if (acts[i].kind == ActorKind::kPerson) break;
      if (acts[i].id != acts[j].country) continue;
      for (size_t k = i; k < j; ++k) acts[k].dropped = true;
      acts[j].group_begin = acts[i].group_begin;
      break;
    }
  }
  for (size_t i = 0; i + 1 < acts.size(); ++i) {
    ActorInfo& a = acts[i];
    ActorInfo& b = acts[i + 1];
    if (b.begin < a.end || a.dropped) continue;
    std::string_view gap = s->text.substr(a.end, b.begin - a.end);
    bool has_sep = false;
    for (size_t k = 0; k < gap.size(); ++k) {
      size_t len;
      if (IsClauseSep(gap, k, &len)) has_sep = true;
    }
    // 欧盟外交与安全政策高级代表、…卡拉斯: a body followed by its own person.
    bool own_person = b.kind == ActorKind::kPerson && (b.country == a.id || b.country == a.country) &&
                      gap.size() <= 60 && !has_sep;
    if (own_person) {
      a.dropped = true;
      b.group_begin = a.group_begin;
      continue;
    }
    if (has_sep || lex_.HasCue("coord", gap) || gap.find("、") != std::string_view::npos) continue;
    // 土耳其伊斯坦布尔: a country (or place) right before a place → the place.
    if (b.kind == ActorKind::kPlace && Trim(gap).empty() &&
        (a.kind == ActorKind::kCountry || a.kind == ActorKind::kPlace)) {
      a.dropped = true;
      a.place = true;
      continue;
    }
    // 俄罗斯外交部长谢尔盖・拉夫罗夫: keep the person; the country is their affiliation.
    bool body = a.kind == ActorKind::kCountry || a.kind == ActorKind::kGovernmentBody ||
                a.kind == ActorKind::kOrganisation;
    if (b.kind == ActorKind::kPerson && body && gap.size() <= 30) {
      a.dropped = true;
      b.group_begin = a.group_begin;
      if (b.country.empty() || b.country == b.id) b.country = a.country;
    }
  }
}

void DocWork::PrepareSentence(uint32_t index, SentenceInfo* s) {
  const Sentence& sent = doc_.sentences[index];
  const std::string& text = doc_.article.text;
  s->begin = sent.begin;
  s->end = std::min<uint32_t>(sent.end, text.size());
  s->text = std::string_view(text).substr(s->begin, s->end - s->begin);
  s->clauses = SplitClauses(s->text);
  s->hits = lex_.FindTriggers(s->text);
  // Mentions are sorted by begin (REQUIRES): visit only this sentence's.
  auto first = std::lower_bound(actor_mentions_.begin(), actor_mentions_.end(), s->begin,
                                [](const ActorMention& m, uint32_t b) { return m.begin < b; });
  for (auto it = first; it != actor_mentions_.end() && it->begin < s->end; ++it) {
    const ActorMention& m = *it;
    if (m.end > s->end) continue;
    ActorInfo a;
    a.begin = m.begin - s->begin;
    a.end = m.end - s->begin;
    a.id = m.actor_id;
    const Actor* rec = Lookup(m.actor_id);
    a.kind = rec ? rec->kind : GuessKind(m.actor_id);
    if (a.kind == ActorKind::kUnknown) a.kind = GuessKind(m.actor_id);
    a.country = CountryOf(a.id, a.kind);
    a.place = a.kind == ActorKind::kPlace;
    a.metonym = m.metonym;
    a.group_begin = a.begin;
    // An actor inside a trigger (军事行动 has no actor; 访华 might) stays.
    s->actors.push_back(std::move(a));
  }
  CollapseActors(s);
  // 新华社巴黎5月6日电: a news agency opening a dateline (its place and date,
  // then 电) reports the sentence; it takes part in nothing.
  for (auto& a : s->actors) {
    if (a.kind != ActorKind::kMedia || a.dropped) continue;
    std::string_view rest = s->text.substr(a.end, std::min<size_t>(30, s->text.size() - a.end));
    size_t dian = rest.find("电");
    if (dian != std::string_view::npos && rest.substr(0, dian).find("日") != std::string_view::npos) {
      a.speaker = true;
    }
  }
  // 在X / in X: a country right after a place preposition is the place; a
  // seat that stands for an organisation ("in Brussels") is then only where
  // it happened, and no participant (its city is not in the gazetteer).
  for (auto& a : s->actors) {
    bool org_seat = a.metonym && a.kind != ActorKind::kCountry;
    if (a.place || a.dropped || (a.kind != ActorKind::kCountry && !org_seat)) continue;
    std::string_view before = s->text.substr(0, a.begin);
    while (!before.empty() && before.back() == ' ') before.remove_suffix(1);
    for (const auto& cue : lex_.FindCues("place_prep", before)) {
      if (cue.end != before.size()) continue;
      bool blocked = false;
      for (const auto& b : lex_.FindCues("place_prep_block", before)) {
        if (b.begin <= cue.begin && cue.end <= b.end && b.end - b.begin > cue.end - cue.begin) blocked = true;
      }
      if (!blocked && org_seat) a.dropped = true;
      else if (!blocked) a.place = true;
    }
  }
  // The sentence's place from the places of trigger-less clauses that say
  // where (在伊斯坦布尔，…): a place named as an object elsewhere (获得了顿涅茨克)
  // is not where the sentence's events happened.
  for (const auto& a : s->actors) {
    if (!a.place || a.dropped) continue;
    size_t k = ClauseOf(s->clauses, a.begin);
    std::string_view lead = s->text.substr(s->clauses[k].begin, a.begin - s->clauses[k].begin);
    while (!lead.empty() && lead.back() == ' ') lead.remove_suffix(1);
    bool prep = false;
    for (const auto& cue : lex_.FindCues("place_prep", lead)) prep = prep || cue.end == lead.size();
    if (!prep) continue;
    bool has_trigger = false;
    for (const auto& h : s->hits) {
      if (!h.blocker() && ClauseOf(s->clauses, h.begin) == k) has_trigger = true;
    }
    if (!has_trigger && s->place.empty()) s->place = a.id;
  }
  uint32_t prev_end = index == 0 ? 0 : doc_.sentences[index - 1].end;
  s->paragraph_start = index == 0 ||
                       std::string_view(text).substr(prev_end, s->begin > prev_end ? s->begin - prev_end : 0)
                               .find('\n') != std::string_view::npos;
}

void DocWork::FindAttribution(SentenceInfo* s, Attribution* attr, std::vector<Span>* exempt) {
  // 据X / according to X: the actor right after the cue.
  for (const auto& cue : lex_.FindCues("attr_before_actor", s->text)) {
    if (InsideTrigger(*s, cue)) continue;
    for (auto& a : s->actors) {
      if (a.dropped || a.begin < cue.end || a.begin > cue.end + 9) continue;
      attr->actor_id = a.id;
      attr->cue = *cue.text;
      a.speaker = true;
      return;
    }
  }
  // X称 / X said: the subject of the cue's clause.
  for (const auto& cue : lex_.FindCues("attr_after_actor", s->text)) {
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
    bool adjacent = speaker && cue.begin - speaker->end <= 3;
    if (!clause_final && !adjacent && !english) continue;
    if (english && !speaker && !clause_final) continue;
    attr->cue = *cue.text;
    if (speaker) {
      attr->actor_id = speaker->id;
      // The speaker is a participant only of the events in its own clause
      // before the cue (梅津斯基…发表声明说).
      bool trigger_before = false;
      for (const auto& h : s->hits) {
        if (!h.blocker() && h.begin >= cl.begin && h.end <= cue.begin) trigger_before = true;
      }
      if (!trigger_before) speaker->speaker = true;
    }
    exempt->push_back({cl.begin, cue.begin});
    return;
  }
}

void DocWork::BothSides(const SentenceInfo& s, size_t ci, Cand* c) {
  if (!c->participants.empty()) return;
  const Span& cl = s.clauses[c->clause];
  std::string_view lead = s.text.substr(cl.begin, c->begin > cl.begin ? c->begin - cl.begin : 0);
  // The cue must be this trigger's subject: no other trigger stands between
  // (两国…负责人讨论了…俄乌谈判: the two sides discussed, they did not negotiate).
  bool subject = false;
  for (const auto& cue : lex_.FindCues("both_sides", lead)) {
    uint32_t from = cl.begin + cue.end;
    bool between = std::any_of(s.hits.begin(), s.hits.end(), [&](const TriggerHit& h) {
      return !h.blocker() && h.begin >= from && h.end <= c->begin;
    });
    // …and stands close to it (双方随即签署, the two sides then signed).
    subject = subject || (!between && c->begin - from <= 15);
  }
  if (!subject) return;
  for (size_t k = ci; k-- > 0;) {
    const Cand& prev = cands_[k];
    if (prev.sentence + 1 < c->sentence) break;
    const Participant* src = nullptr;
    const Participant* tgt = nullptr;
    for (const auto& p : prev.participants) {
      if (p.role == Role::kSource && !src) src = &p;
      if (p.role == Role::kTarget && !tgt) tgt = &p;
    }
    if (!src || !tgt) continue;
    std::vector<Participant> sides = {*src, *tgt};
    for (const auto& p : c->participants) {
      if (p.actor_id != src->actor_id && p.actor_id != tgt->actor_id) sides.push_back({p.actor_id, Role::kOther});
    }
    c->participants = std::move(sides);
    return;
  }
}

void DocWork::BuildArguments(SentenceInfo* s, Cand* c, const Attribution& attr) {
  const Span& cl = s->clauses[c->clause];
  std::vector<const ActorInfo*> pre, post;
  for (const auto& a : s->actors) {
    if (a.dropped || a.speaker || a.begin < cl.begin || a.end > cl.end) continue;
    if (a.place) {
      // A place after the trigger needs its preposition (talks in Istanbul);
      // 撕毁了…(伊斯坦布尔)协议 names the agreement, not where it was torn up.
      bool after = a.begin >= c->end;
      std::string_view lead = s->text.substr(cl.begin, a.begin - cl.begin);
      while (!lead.empty() && lead.back() == ' ') lead.remove_suffix(1);
      bool prep = false;
      for (const auto& cue : lex_.FindCues("place_prep", lead)) prep = prep || cue.end == lead.size();
      if (!after || prep) {
        if (c->place.empty() || a.begin < c->begin) c->place = a.id;
      }
      // 访问美国 / visit France: the country right after the trigger is also the target.
      bool right_after = a.begin >= c->end && a.begin - c->end <= 1;
      if (!(right_after && a.kind == ActorKind::kCountry)) continue;
    }
    if (a.end <= c->begin) pre.push_back(&a);
    else if (a.begin >= c->end) post.push_back(&a);
    else pre.push_back(&a);  // inside the trigger (访华): a participant
  }
  if (c->place.empty()) c->place = s->place;
  std::string_view before_trigger = s->text.substr(0, c->begin);
  bool passive = false;
  {
    // X被Y逮捕 / was arrested by
    std::string lower = internal::AsciiLower(before_trigger);
    while (!lower.empty() && lower.back() == ' ') lower.pop_back();
    for (std::string_view aux : {" was", " were", " been", " being", " is", " are"}) {
      if (lower.size() >= aux.size() && lower.compare(lower.size() - aux.size(), aux.size(), aux) == 0) passive = true;
    }
    if (!pre.empty()) {
      std::string_view gap = s->text.substr(pre.front()->end, c->begin - std::min(c->begin, pre.front()->end));
      if (gap.find("被") != std::string_view::npos) passive = true;
    }
  }
  auto add = [&](const std::string& id, Role r) {
    for (const auto& p : c->participants) {
      if (p.actor_id == id) return;
    }
    c->participants.push_back({id, r});
  };
  // The text of the clause before actor `a`, without the spaces and the
  // Chinese numeral + measure word standing between a preposition and its
  // actor (对12名伊朗官员, 向数百名乌克兰难民).
  auto lead_of = [&](const ActorInfo* a) {
    std::string_view b = s->text.substr(cl.begin, a->begin - cl.begin);
    while (!b.empty() && b.back() == ' ') b.remove_suffix(1);
    return StripChineseQuantity(b);
  };
  auto preceded_by = [&](const ActorInfo* a, std::string_view kind) {
    std::string_view b = lead_of(a);
    for (const auto& cue : lex_.FindCues(kind, b)) {
      if (cue.end == b.size()) return true;
    }
    return false;
  };
  // The subject is the actor nearest before the trigger and those
  // coordinated with it (X与Y通电话); an earlier actor belongs to another
  // predicate (俄外长感谢美国施压乌克兰: 美国 is the source of 施压).
  std::vector<const ActorInfo*> dropped_subjects;
  {
    size_t first = pre.empty() ? 0 : pre.size() - 1;
    while (first > 0) {
      uint32_t gb = std::max(pre[first]->group_begin, pre[first - 1]->end);
      std::string_view gap = Trim(s->text.substr(pre[first - 1]->end, gb - pre[first - 1]->end));
      auto ends_with_cue = [&](std::string_view kind) {
        for (const auto& cue : lex_.FindCues(kind, gap)) {
          if (cue.end == gap.size()) return true;
        }
        return false;
      };
      bool joined = gap.empty() || ends_with_cue("coord") || ends_with_cue("target_prep") ||
                    (gap.size() <= 12 && lex_.HasCue("coord", gap));
      if (!joined) break;
      --first;
    }
    dropped_subjects.assign(pre.begin(), pre.begin() + first);
    pre.erase(pre.begin(), pre.begin() + first);
  }
  const bool english = internal::IsAsciiAlnum(s->text[c->begin]);
  // A Chinese nominal trigger: 俄乌谈判 has its arguments before it, and
  // 交换战俘等共识 is not predicated of the sentence's subject.
  const bool zh_nominal = c->entry->pos == 'n' && !english;
  // "The Council condemned the attack on Odesa": an English noun trigger
  // that is the object of a verb trigger before it in the clause does not
  // share that verb's subject.
  if (english && !pre.empty()) {
    for (const auto& h : s->hits) {
      if (h.blocker() || h.entry->pos == 'n' || h.end > c->begin || h.begin < cl.begin) continue;
      if (c->begin - h.end > 30) continue;
      // The trigger heads a noun phrase after the verb: a determiner between
      // them ("condemned the missile attack"), or a noun entry right after.
      std::string between = " " + internal::AsciiLower(s->text.substr(h.end, c->begin - h.end)) + " ";
      bool noun_phrase = c->entry->pos == 'n' && Trim(between).empty();
      for (std::string_view det : {" the ", " a ", " an ", " its ", " their ", " this ", " that ", " any "}) {
        noun_phrase = noun_phrase || between.find(det) != std::string::npos;
      }
      if (!noun_phrase) continue;
      pre.erase(std::remove_if(pre.begin(), pre.end(), [&](const ActorInfo* a) { return a->end <= h.begin; }),
                pre.end());
    }
  }
  if (zh_nominal) post.clear();
  std::vector<std::pair<const ActorInfo*, Role>> roles;
  for (size_t i = 0; i < pre.size(); ++i) {
    const ActorInfo* a = pre[i];
    Role r = Role::kSource;
    bool prep = preceded_by(a, "target_prep");
    // Every pre actor here is joined to the subject (see above): for a
    // two-sided event the later ones are the other side.
    if (i > 0) r = (Reciprocal(c->type) || prep) ? Role::kTarget : Role::kSource;
    else if (i == 0 && prep && internal::IsAsciiAlnum(s->text[a->begin]) == false) {
      std::string_view b = lead_of(a);
      if (b.size() >= 3 && b.compare(b.size() - 3, 3, "对") == 0) {
        r = Role::kTarget;  // 对X施压: X is the target even when first
      }
    }
    roles.push_back({a, r});
  }
  bool have_source = std::any_of(roles.begin(), roles.end(), [](auto& p) { return p.second == Role::kSource; });
  // 美国财政部宣布对12名伊朗官员实施制裁: when the nearest actor is the
  // object of 对, the subject is the actor before it in the clause.
  if (!have_source && !roles.empty() && roles.front().second == Role::kTarget && !dropped_subjects.empty()) {
    roles.insert(roles.begin(), {dropped_subjects.back(), Role::kSource});
    have_source = true;
  }
  // English agent phrase right before an actor after the trigger: "the
  // assistance provided by the UK to Ukraine", "an attack by X on Y" — X is
  // the source (and the actor after a target preposition the target) even
  // without a passive auxiliary before the trigger.
  auto agent_by = [&](std::string_view gap) {
    std::string lg = internal::AsciiLower(Trim(gap));
    for (std::string_view det : {" the", " a", " an"}) {
      if (lg.size() > det.size() && lg.compare(lg.size() - det.size(), det.size(), det) == 0) {
        lg.erase(lg.size() - det.size());
      }
    }
    if (lg == "by") return true;
    if (lg.size() <= 3 || lg.compare(lg.size() - 3, 3, " by") != 0) return false;
    // At most one word between the trigger and "by", a participle of it
    // ("provided by", "imposed by"); "an allegation by X" belongs to
    // another noun.
    std::string_view rest = std::string_view(lg).substr(0, lg.size() - 3);
    if (rest.find(' ') != std::string_view::npos) return false;
    return rest.size() > 3 && (rest.compare(rest.size() - 2, 2, "ed") == 0 ||
                               rest.compare(rest.size() - 2, 2, "en") == 0);
  };
  bool by_source = false;
  for (size_t i = 0; i < post.size(); ++i) {
    const ActorInfo* a = post[i];
    Role r = i == 0 ? Role::kTarget : Role::kOther;
    std::string_view gap = s->text.substr(c->end, a->begin - c->end);
    std::string lg = internal::AsciiLower(gap);
    if (passive && lg.find("by") != std::string::npos) {
      r = Role::kSource;
    } else if (english && !have_source && !by_source && agent_by(gap)) {
      r = Role::kSource;
      by_source = true;
    } else if (by_source && i > 0) {
      std::string_view own = s->text.substr(post[i - 1]->end, a->begin - post[i - 1]->end);
      bool to_prep = false;
      for (const auto& cue : lex_.FindCues("target_prep", own)) to_prep = to_prep || cue.end + 8 >= own.size();
      r = to_prep ? Role::kTarget : Role::kOther;
    } else if (i > 0 && lex_.HasCue("coord", gap.substr(gap.size() > 8 ? gap.size() - 8 : 0))) {
      r = Role::kTarget;
    }
    roles.push_back({a, r});
  }

  if (passive) {
    for (auto& p : roles) {
      if (p.first->end <= c->begin && p.second == Role::kSource) p.second = Role::kTarget;
    }
  }
  have_source = std::any_of(roles.begin(), roles.end(), [](auto& p) { return p.second == Role::kSource; });
  if (!have_source && !passive && !zh_nominal) {
    // The subject carries over: the attributed speaker (X表示将访问Y), else the
    // first actor of an earlier clause of the sentence.
    // A news agency that reports (据路透社报道, according to Reuters) is no
    // participant of what it reports.
    bool attr_is_media = false;
    for (const auto& a : s->actors) {
      if (a.id == attr.actor_id && a.kind == ActorKind::kMedia) attr_is_media = true;
    }
    if (!attr.actor_id.empty() && !attr_is_media) {
      add(attr.actor_id, Role::kSource);
    } else if (attr.actor_id.empty()) {
      for (const auto& a : s->actors) {
        if (a.dropped || a.place || a.speaker || a.begin >= cl.begin) continue;
        add(a.id, Role::kSource);
        break;
      }
    }
  }
  for (const auto& [a, r] : roles) add(a->id, r);
  // "talks between A and B" (English): for a two-sided event A and B are its
  // two sides; whoever else the clause named is no side of it.
  if (Reciprocal(c->type) && post.size() >= 2) {
    for (const auto& cue : lex_.FindCues("between", s->text)) {
      if (cue.begin < c->end || cue.begin - c->end > 3 || cue.end > post[0]->group_begin ||
          post[0]->group_begin - cue.end > 40) {
        continue;
      }
      const ActorInfo* a = post[0];
      const ActorInfo* b = post[1];
      std::string_view gap = s->text.substr(a->end, b->group_begin > a->end ? b->group_begin - a->end : 0);
      if (gap.size() > 60 || !lex_.HasCue("coord", gap)) break;
      for (auto& p : c->participants) {
        if (p.actor_id == a->id) p.role = Role::kSource;
        else if (p.actor_id == b->id) p.role = Role::kTarget;
        else p.role = Role::kOther;
      }
      break;
    }
  }
  // Keep the person, drop their own country (乌克兰外长…与…卡拉斯: EU is Kallas's).
  std::set<std::string> person_countries;
  for (const auto& a : s->actors) {
    if (a.kind != ActorKind::kPerson) continue;
    for (const auto& p : c->participants) if (p.actor_id == a.id) person_countries.insert(a.country);
  }
  c->participants.erase(std::remove_if(c->participants.begin(), c->participants.end(),
                                       [&](const Participant& p) { return person_countries.count(p.actor_id) > 0; }),
                        c->participants.end());
  std::stable_sort(c->participants.begin(), c->participants.end(),
                   [](const Participant& x, const Participant& y) { return x.role < y.role; });
}

void DocWork::ApplyInitiators(SentenceInfo* s) {
  auto apply = [&](const std::string& init, size_t clause) {
    Cand* target = nullptr;
    for (size_t ci : s->cands) {
      Cand& c = cands_[ci];
      if (c.clause == clause) { target = &c; break; }
      if (c.clause < clause) target = &c;
    }
    if (!target) return;
    const Actor* rec = Lookup(init);
    std::string init_country = CountryOf(init, rec ? rec->kind : GuessKind(init));
    int found = -1;
    for (size_t i = 0; i < target->participants.size(); ++i) {
      const std::string& id = target->participants[i].actor_id;
      const Actor* r = Lookup(id);
      if (id == init || CountryOf(id, r ? r->kind : GuessKind(id)) == init_country) { found = int(i); break; }
    }
    std::vector<Participant> out;
    out.push_back({found >= 0 ? target->participants[found].actor_id : init, Role::kSource});
    for (size_t i = 0; i < target->participants.size(); ++i) {
      if (int(i) == found) continue;
      out.push_back({target->participants[i].actor_id, Role::kTarget});
    }
    target->participants = std::move(out);
  };
  for (const auto& cue : lex_.FindCues("initiator_after_actor", s->text)) {
    if (InsideTrigger(*s, cue)) continue;
    for (const auto& a : s->actors) {
      if (a.dropped || a.end > cue.begin || cue.begin - a.end > 3) continue;
      apply(a.id, ClauseOf(s->clauses, cue.begin));
    }
  }
  for (const auto& cue : lex_.FindCues("initiator_before_actor", s->text)) {
    if (InsideTrigger(*s, cue)) continue;
    for (const auto& a : s->actors) {
      if (a.dropped || a.begin < cue.end || a.begin - cue.end > 5) continue;
      apply(a.id, ClauseOf(s->clauses, cue.begin));
      break;
    }
  }
}

Modality DocWork::FindModality(const SentenceInfo& s, const Cand& c, bool counterfactual) const {
  if (counterfactual) return Modality::kCounterfactual;
  const Span& cl = s.clauses[c.clause];
  // The last trigger before c in its clause bounds the scope of a cue.
  uint32_t scope_begin = cl.begin;
  for (const auto& h : s.hits) {
    if (!h.blocker() && h.end <= c.begin && h.begin >= cl.begin) scope_begin = h.end;
  }
  auto blocked = [&](const CueHit& cue, std::string_view block_kind) {
    for (const auto& b : lex_.FindCues(block_kind, s.text)) {
      if (b.begin <= cue.begin && cue.end <= b.end) return true;
    }
    return false;
  };
  for (const auto& cue : lex_.FindCues("neg", s.text)) {
    if (cue.end > c.begin || cue.begin < cl.begin || InsideTrigger(s, cue) || blocked(cue, "neg_block")) continue;
    std::string_view gap = s.text.substr(cue.end, c.begin - cue.end);
    bool english = internal::IsAsciiAlnum((*cue.text)[0]);
    size_t words = std::count(gap.begin(), gap.end(), ' ');
    if ((english && words <= 3) || (!english && gap.size() <= 9)) {
      if (cue.begin >= scope_begin || cue.end == c.begin) return Modality::kNegated;
    }
  }
  // X要求Y撤军 / Y must return: the act a demand trigger governs is demanded.
  for (const auto& h : s.hits) {
    if (h.blocker() || h.end > c.begin || h.begin < cl.begin || h.end != scope_begin) continue;
    const EventTypeInfo* t = lex_.Type(h.entry->type);
    if (t && (t->type == "demand" || t->type == "appeal")) return Modality::kDemanded;
  }
  for (const auto& cue : lex_.FindCues("demanded", s.text)) {
    if (cue.begin >= scope_begin && cue.end <= c.begin && !InsideTrigger(s, cue)) return Modality::kDemanded;
  }
  // "the forthcoming summit", 下一轮谈判: an adjective of the future right
  // before the trigger (one word between at most: "next week's meeting").
  for (const auto& cue : lex_.FindCues("planned_adj", s.text)) {
    if (cue.begin < cl.begin || cue.end > c.begin || InsideTrigger(s, cue)) continue;
    std::string_view gap = s.text.substr(cue.end, c.begin - cue.end);
    bool english = internal::IsAsciiAlnum((*cue.text)[0]);
    if ((english && std::count(gap.begin(), gap.end(), ' ') <= 2) || (!english && gap.size() <= 3)) {
      return Modality::kPlanned;
    }
  }
  for (std::string_view kind : {"planned", "purpose"}) {
    for (const auto& cue : lex_.FindCues(kind, s.text)) {
      if (cue.begin >= scope_begin && cue.end <= c.begin && !InsideTrigger(s, cue) &&
          !blocked(cue, "planned_block")) {
        return Modality::kPlanned;
      }
    }
  }
  // A purpose clause (…，以实现停火) right before the trigger.
  for (const auto& cue : lex_.FindCues("purpose", s.text)) {
    if (cue.begin >= cl.begin && cue.end <= c.begin) return Modality::kPlanned;
  }
  if (c.future) return Modality::kPlanned;
  return Modality::kAsserted;
}

void DocWork::AssignOwnDates(SentenceInfo* s) {
  std::vector<std::pair<size_t, const TimeMention*>> sentence_level, claimed;
  auto first = std::lower_bound(times_.begin(), times_.end(), s->begin,
                                [](const TimeMention& t, uint32_t b) { return t.begin < b; });
  for (auto it = first; it != times_.end() && it->begin < s->end; ++it) {
    const TimeMention& t = *it;
    if (t.end > s->end) continue;
    if (t.is_duration || !t.value.ok() || t.resolution == Resolution::kUnresolved) continue;
    uint32_t tb = t.begin - s->begin, te = t.end - s->begin;
    // "since 2022", 2022年以来: where a span starts, not when anything happened.
    bool span_start = false;
    std::string_view lead = s->text.substr(0, tb);
    while (!lead.empty() && lead.back() == ' ') lead.remove_suffix(1);
    for (const auto& cue : lex_.FindCues("since_before_time", lead)) span_start |= cue.end == lead.size();
    for (const auto& cue : lex_.FindCues("since_after_time", s->text.substr(te, 6))) span_start |= cue.begin == 0;
    if (span_start) continue;
    if (DocumentNameYear(*s, tb, te)) continue;
    size_t k = ClauseOf(s->clauses, tb);
    // The nearest trigger in the clause takes the time (自2022年伊斯坦布尔和谈…的再次谈判:
    // 2022 dates 和谈, not 再次谈判).
    Cand* best = nullptr;
    uint32_t best_d = UINT32_MAX;
    for (size_t ci : s->cands) {
      Cand& c = cands_[ci];
      if (c.clause != k) continue;
      uint32_t d = c.begin >= te ? c.begin - te : (tb >= c.end ? tb - c.end : 0);
      if (c.begin >= te && d > 0) d -= 1;  // a tie goes to the trigger after the time
      if (d < best_d) { best_d = d; best = &c; }
    }
    if (best) {
      if (best->basis.empty()) {
        best->date = t.value;
        best->basis = "explicit";
        best->date_text = t.text;
        best->future = t.future;
      }
      claimed.push_back({k, &t});
    } else {
      sentence_level.push_back({k, &t});
    }
  }
  // A trigger of a clause whose only time went to a nearer trigger after it
  // shares it ("Police arrested 14 people after protests turned violent on
  // Monday": both on Monday), unless a time of the sentence's own level applies.
  for (size_t ci : s->cands) {
    Cand& c = cands_[ci];
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
    if (only == nullptr) continue;
    if (in_clause != 1) continue;
    c.date = only->value;
    c.basis = "sentence";
    c.date_text = only->text;
    c.future = only->future;
  }
  for (size_t ci : s->cands) {
    Cand& c = cands_[ci];
    if (!c.basis.empty() || sentence_level.empty()) continue;
    const TimeMention* pick = nullptr;
    for (const auto& [k, t] : sentence_level) {
      if (k < c.clause || !pick) pick = t;
    }
    c.date = pick->value;
    c.basis = "sentence";
    c.date_text = pick->text;
    c.future = pick->future;
  }
}

bool DocWork::IsCueWord(std::string_view kind, std::string_view word) const { return lex_.IsCueWord(kind, word); }

// Step 1 of docs/extraction.md, the sense rules that look at the words
// around an English trigger: a participle that needs an auxiliary ("given"
// without one is a preposition) and the object lists of object_blockers.tsv.
bool DocWork::WrongSense(const SentenceInfo& s, const std::vector<Tok>& toks, const TriggerHit& h) const {
  const internal::TriggerEntry& e = *h.entry;
  if (!internal::IsAsciiAlnum(s.text[h.begin])) return false;
  size_t first_after = toks.size();
  int last_before = -1;
  for (size_t i = 0; i < toks.size(); ++i) {
    if (toks[i].end <= h.begin) last_before = int(i);
    if (toks[i].begin >= h.end) { first_after = i; break; }
  }
  auto adverb = [&](const Tok& t) {
    return t.word && ((t.lower.size() > 3 && t.lower.compare(t.lower.size() - 2, 2, "ly") == 0) ||
                      IsCueWord("skip_adverb", t.lower));
  };
  // The auxiliary before the trigger, skipping up to two adverbs: its index or -1.
  auto aux_before = [&]() {
    int k = last_before;
    for (int skipped = 0; k >= 0 && skipped < 2 && adverb(toks[k]); ++skipped) --k;
    return k >= 0 && toks[k].word && IsCueWord("aux", toks[k].lower) ? k : -1;
  };
  std::string surface = internal::AsciiLower(s.text.substr(h.begin, h.end - h.begin));
  if (IsCueWord("needs_aux", surface) && aux_before() < 0) return true;
  if (e.object_block.empty() && e.object_allow.empty() && e.object_block_after.empty()) return false;
  // The noun phrase after the trigger (after "of" for a nominal trigger).
  size_t i = first_after;
  std::string first_word = i < toks.size() && toks[i].word ? toks[i].lower : "";
  if (e.pos == 'n' && i < toks.size() && toks[i].word && toks[i].lower == "of") ++i;
  while (i < toks.size() && toks[i].word && IsCueWord("np_det", toks[i].lower)) ++i;
  uint32_t np_begin = i < toks.size() ? toks[i].begin : uint32_t(s.text.size());
  uint32_t np_end = np_begin;
  std::string head;
  std::vector<std::string> np_words;
  for (int n = 0; i < toks.size() && n < 6; ++i, ++n) {
    if (!toks[i].word || IsCueWord("np_stop", toks[i].lower)) break;
    head = toks[i].lower;
    np_words.push_back(head);
    np_end = toks[i].end;
  }
  // block_after: only when no actor stands before the trigger in its clause
  // ("this will allow Ukraine to become …" enables; "the minister allowed the
  // opposition to hold a rally" permits).
  std::string after_np = i < toks.size() && toks[i].word && np_end > np_begin ? toks[i].lower : "";
  if (!after_np.empty() && !e.object_block_after.empty()) {
    const Span& cl = s.clauses[ClauseOf(s.clauses, h.begin)];
    bool actor_before = std::any_of(s.actors.begin(), s.actors.end(), [&](const ActorInfo& a) {
      return !a.dropped && !a.place && a.begin >= cl.begin && a.end <= h.begin;
    });
    // A name the gazetteer does not know ("The Federal Minister … Sherpao
    // allowed"): a capitalised word inside the clause before the trigger.
    bool first_in_clause = true;
    for (const auto& t : toks) {
      if (t.begin < cl.begin || t.end > h.begin) continue;
      if (t.word && !first_in_clause && s.text[t.begin] >= 'A' && s.text[t.begin] <= 'Z') actor_before = true;
      first_in_clause = false;
    }
    for (const auto& w : e.object_block_after) {
      if (after_np == w && !actor_before) return true;
    }
  }
  // An actor heading the phrase (received Modi), not one modifying it
  // (the Russian vaccine).
  bool np_actor = np_end > np_begin && std::any_of(s.actors.begin(), s.actors.end(), [&](const ActorInfo& a) {
    return a.begin >= np_begin && a.end == np_end;
  });
  if (head.empty()) {
    // Passive with nothing after it: the head before the auxiliary (and any
    // modal before it: "the report will be delivered").
    int k = aux_before();
    while (k > 0 && toks[k - 1].word &&
           (IsCueWord("aux", toks[k - 1].lower) || IsCueWord("infinitive_marker", toks[k - 1].lower))) {
      --k;
    }
    if (k > 0 && toks[k - 1].word) {
      head = toks[k - 1].lower;
      np_actor = std::any_of(s.actors.begin(), s.actors.end(), [&](const ActorInfo& a) {
        return a.end == toks[k - 1].end;
      });
    }
  }
  if (np_words.empty() && !head.empty()) np_words.push_back(head);
  for (const auto& w : e.object_block) {
    if (first_word == w) return true;
    for (const auto& n : np_words) {
      if (SameNoun(n, w)) return true;
    }
  }
  if (!e.object_allow.empty()) {
    if (np_actor) return false;
    // Any word of the phrase: "upgraded their diplomatic ties back up".
    for (const auto& w : e.object_allow) {
      for (const auto& n : np_words) {
        if (SameNoun(n, w)) return false;
      }
    }
    return true;
  }
  return false;
}

DocWork::Before DocWork::WordBefore(const SentenceInfo& s, const std::vector<Tok>& toks, const TriggerHit& h) const {
  int k = -1;
  for (size_t i = 0; i < toks.size() && toks[i].end <= h.begin; ++i) k = int(i);
  auto adverb = [&](const Tok& t) {
    return t.word && ((t.lower.size() > 3 && t.lower.compare(t.lower.size() - 2, 2, "ly") == 0) ||
                      IsCueWord("skip_adverb", t.lower));
  };
  for (int skipped = 0; k >= 0 && skipped < 2 && adverb(toks[k]) && !IsCueWord("infinitive_marker", toks[k].lower); ++skipped) --k;
  if (k < 0 || !toks[k].word) return Before::kOther;
  std::string w = toks[k].lower;
  // "did not", "n't" and friends are one or two tokens: either is a marker.
  if (IsCueWord("infinitive_marker", w) || (w.size() > 3 && w.compare(w.size() - 3, 3, "n't") == 0) ||
      (w.size() > 5 && w.compare(w.size() - 5, 5, "n\xE2\x80\x99t") == 0)) {
    return Before::kMarker;
  }
  if (IsCueWord("subject_word", w)) return Before::kSubject;
  uint32_t end = toks[k].end;
  bool actor = std::any_of(s.actors.begin(), s.actors.end(), [&](const ActorInfo& a) { return a.end == end; });
  return actor ? Before::kSubject : Before::kOther;
}

// Step 1 of docs/extraction.md, generic relations: a relation trigger
// (cooperation, support; 合作, 支持) after a generic_before cue (further,
// continue to, strengthen; 进一步, 继续, 加强) or right before a generic_after
// cue (closely) is talk about a relation, not a happening; a relation noun
// (cooperation, the noun "support") is a happening only when an occurrence
// verb (signed, launched, expressed, provided …) governs it in its clause.
bool DocWork::GenericRelation(const SentenceInfo& s, const std::vector<Tok>& toks, const TriggerHit& h) const {
  const internal::TriggerEntry& e = *h.entry;
  if (!IsCueWord("relation_trigger", internal::AsciiLower(e.text))) return false;
  bool english = internal::IsAsciiAlnum(s.text[h.begin]);
  const Span& cl = s.clauses[ClauseOf(s.clauses, h.begin)];
  for (const auto& cue : lex_.FindCues("generic_before", s.text)) {
    if (cue.begin < cl.begin || cue.end > h.begin || InsideTrigger(s, cue)) continue;
    std::string_view gap = s.text.substr(cue.end, h.begin - cue.end);
    size_t words = std::count(gap.begin(), gap.end(), ' ');
    if ((english && words <= 4) || (!english && gap.size() <= 15)) return true;
  }
  if (english) {
    std::string_view after = s.text.substr(h.end, std::min<size_t>(24, s.text.size() - h.end));
    for (const auto& cue : lex_.FindCues("generic_after", after)) {
      if (Trim(after.substr(0, cue.begin)).empty()) return true;
    }
  }
  std::string surface = internal::AsciiLower(s.text.substr(h.begin, h.end - h.begin));
  std::string singular = surface.size() > 1 && surface.back() == 's' ? surface.substr(0, surface.size() - 1) : surface;
  if (!english || !(IsCueWord("relation_noun", surface) || IsCueWord("relation_noun", singular))) return false;
  // A verb entry used as a noun: its base form after no subject and no marker.
  if (e.pos == 'v' && (surface != internal::AsciiLower(e.text) || WordBefore(s, toks, h) != Before::kOther)) {
    return false;
  }
  for (const auto& cue : lex_.FindCues("occurrence_verb", s.text)) {
    if (cue.begin >= cl.begin && cue.end <= h.begin) return false;
  }
  return true;
}

// An English verb trigger in the present simple (base form or -s form after
// its subject): "our countries cooperate", "Germany supports".
bool DocWork::PresentSimple(const SentenceInfo& s, const std::vector<Tok>& toks, const TriggerHit& h) const {
  const internal::TriggerEntry& e = *h.entry;
  if (e.pos != 'v' || !internal::IsAsciiAlnum(s.text[h.begin])) return false;
  std::string base = internal::AsciiLower(e.text.substr(0, e.text.find(' ')));
  std::string_view surf = s.text.substr(h.begin, h.end - h.begin);
  std::string w = internal::AsciiLower(surf.substr(0, surf.find(' ')));
  bool present = w == base || w == base + "s" || w == base + "es" ||
                 (base.size() > 1 && base.back() == 'y' && w == base.substr(0, base.size() - 1) + "ies");
  if (!present || WordBefore(s, toks, h) != Before::kSubject) return false;
  // "I propose", "we insist", "we condemn": a first-person speech act is done
  // by saying it, not a habit.
  static const std::set<std::string> kSpeechActs = {"demand", "appeal", "intent", "disapprove", "reject", "threaten"};
  const EventTypeInfo* t = lex_.Type(e.type);
  if (t && kSpeechActs.count(t->family)) {
    for (size_t i = 0; i < toks.size() && toks[i].end <= h.begin; ++i) {
      if (toks[i].word && IsCueWord("performative_subject", toks[i].lower) && h.begin - toks[i].end <= 24) return false;
    }
  }
  return true;
}

// "the 2015 Minsk Package", "the 1997 Founding Act": a bare year after "the"
// and before capitalised words ending in a document noun is part of a name,
// not a date of the clause (English).
bool DocWork::DocumentNameYear(const SentenceInfo& s, uint32_t tb, uint32_t te) const {
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
    for (const auto& cue : lex_.FindCues("document_noun", w)) {
      if (cue.begin == 0 && cue.end == w.size()) return true;
    }
  }
  return false;
}

// The date was said relative to the speaker's day (today, yesterday, 昨日):
// true of the clause that says it, not of the narrative after it.
bool DocWork::Deictic(const Cand& c) const { return !c.date_text.empty() && lex_.HasCue("deictic_time", c.date_text); }

// An English nominal agreement trigger that is part of a name: capitalised
// inside the sentence (the Association Agreement) or right after a place
// (the Minsk agreements, the Paris Agreement).
bool DocWork::DocumentName(const SentenceInfo& s, const Cand& c) const {
  if (c.entry->pos != 'n' || c.type == nullptr || c.type->family != "agreement") return false;
  char first = s.text[c.begin];
  if (!internal::IsAsciiAlnum(first)) return false;
  std::string_view before = s.text.substr(0, c.begin);
  while (!before.empty() && before.back() == ' ') before.remove_suffix(1);
  if (before.empty()) return false;  // sentence-initial capital
  if (first >= 'A' && first <= 'Z') return true;
  return std::any_of(s.actors.begin(), s.actors.end(), [&](const ActorInfo& a) {
    return a.end == before.size() && (a.place || a.kind == ActorKind::kPlace);
  });
}


std::vector<std::string> DocWork::ComputeCountries(const Cand& c) const {
  std::vector<std::string> out;
  for (const auto& p : c.participants) {
    const Actor* r = Lookup(p.actor_id);
    std::string k = CountryOf(p.actor_id, r ? r->kind : GuessKind(p.actor_id));
    if (std::find(out.begin(), out.end(), k) == out.end()) out.push_back(k);
  }
  return out;
}

bool DocWork::Compatible(const Cand& a, const Cand& b) const {
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

void DocWork::Coreference() {
  std::vector<int> salience(cands_.size(), 0);  // mentions resolved to each candidate so far
  for (auto& c : cands_) {
    const SentenceInfo& s = sents_[c.sentence];
    for (const auto& cue : lex_.FindCues("refers", s.text)) {
      if (!InsideTrigger(s, cue) && cue.end <= c.begin && ClauseOf(s.clauses, cue.begin) == c.clause) c.discussed = true;
    }
  }
  for (size_t i = 0; i < cands_.size(); ++i) {
    Cand& c = cands_[i];
    if (!c.basis.empty() || c.generic) continue;
    const SentenceInfo& s = sents_[c.sentence];
    bool nominal = c.entry->pos == 'n';
    bool referred = false;
    for (const auto& cue : lex_.FindCues("refers", s.text)) {
      if (!InsideTrigger(s, cue) && cue.end <= c.begin && ClauseOf(s.clauses, cue.begin) == c.clause) referred = true;
    }
    for (const auto& cue : lex_.FindCues("storyline_again", s.text)) {
      if (cue.end <= c.begin && c.begin - cue.end <= 6) referred = true;
    }
    if (!nominal && !referred) continue;
    // The most salient compatible dated event (most mentions so far), then
    // the nearest; without a shared place or party it must be close and of
    // the same type, and a later one needs a shared place or party.
    int best = -1;
    std::pair<int, uint32_t> best_key{0, UINT32_MAX};
    const auto& ca = Countries(c);
    for (size_t j = 0; j < cands_.size(); ++j) {
      const Cand& a = cands_[j];
      if (j == i || a.antecedent >= 0 || (a.basis != "explicit" && a.basis != "sentence")) continue;
      if (HiddenByDefault(a.modality) != HiddenByDefault(c.modality)) continue;
      if (!Compatible(a, c)) continue;
      const auto& cb = Countries(a);
      bool shared_party = std::any_of(ca.begin(), ca.end(), [&](const std::string& k) {
        return std::find(cb.begin(), cb.end(), k) != cb.end();
      });
      bool shared_place = !a.place.empty() && a.place == c.place;
      bool later = a.sentence > c.sentence || (a.sentence == c.sentence && a.begin > c.begin);
      uint32_t dist = a.sentence <= c.sentence ? c.sentence - a.sentence : a.sentence - c.sentence;
      if (!shared_party && !shared_place && (later || dist > 2 || a.type != c.type)) continue;
      std::pair<int, uint32_t> key{-salience[j], dist * 2 + (later ? 1 : 0)};
      if (best < 0 || key < best_key) { best_key = key; best = int(j); }
    }
    if (best >= 0) {
      c.antecedent = best;
      ++salience[best];
    }
  }
}

void DocWork::PartOf() {
  // Meeting-type events named in the article, in text order.
  std::vector<int> meetings;
  for (size_t i = 0; i < cands_.size(); ++i) {
    // Only meetings dated in the text can be the whole (not 和平谈判 in general).
    const Cand& m = cands_[i];
    if (m.antecedent < 0 && MeetingFamily(m.type) && !HiddenByDefault(m.modality) &&
        (m.basis == "explicit" || m.basis == "sentence")) {
      meetings.push_back(int(i));
    }
  }
  if (meetings.empty()) return;
  for (auto& s : sents_) {
    // Meeting references in the sentence: candidates (coreferent or not) of
    // a meeting type and blockers that refer to one (谈判代表团, 谈判成果).
    struct Ref { uint32_t pos; size_t clause; int whole; bool blocker; };
    std::vector<Ref> refs;
    for (size_t ci : s.cands) {
      int r = Resolve(int(ci));
      if (MeetingFamily(cands_[r].type)) refs.push_back({cands_[ci].begin, cands_[ci].clause, r, false});
    }
    for (const auto& h : s.hits) {
      if (!h.blocker() || h.entry->ref.empty()) continue;
      const EventTypeInfo* rt = lex_.Type(h.entry->ref);
      if (!MeetingFamily(rt)) continue;
      // The latest meeting named before this sentence, else the first one.
      int whole = meetings.front();
      for (int m : meetings) {
        if (cands_[m].sentence <= uint32_t(&s - sents_.data())) whole = m;
      }
      refs.push_back({h.begin, ClauseOf(s.clauses, h.begin), whole, true});
    }
    if (refs.empty()) continue;
    auto part_cues = lex_.FindCues("part_of", s.text);
    for (size_t ci : s.cands) {
      Cand& e = cands_[ci];
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
      Cand& w = cands_[whole];
      if (!e.basis.empty() && w.date.ok() && e.date.ok() && !e.date.Overlaps(w.date)) continue;
      if (e.basis.empty() && w.date.ok()) {
        e.date = w.date;
        e.basis = "inherited";
        e.date_text.clear();
      }
      if (e.place.empty()) e.place = w.place;
      if (e.participants.empty()) {
        e.participants = w.participants;
        e.countries = w.countries;
      }
      links_.push_back({int(ci), whole, LinkKind::kPartOf, "part_of", 0.6});
    }
  }
}

void DocWork::InheritDates() {
  for (size_t i = 0; i < cands_.size(); ++i) {
    Cand& c = cands_[i];
    if (c.antecedent >= 0 || !c.basis.empty()) continue;
    const SentenceInfo& s = sents_[c.sentence];
    // Not yet happened (planned): only a date that is not in the past can be
    // lent. (A counterfactual speaks of the past: "had they signed in April
    // 2022, …" keeps April 2022.)
    bool unreal = c.modality == Modality::kPlanned;
    bool real = c.modality == Modality::kAsserted || c.modality == Modality::kReported ||
                c.modality == Modality::kClaimed;
    // A range (2013..2014, "in recent years") is background, never lent to
    // the narrative; nor is a deictic date (yesterday: the clause that says
    // it), a date of another event of the same type (another call), a future
    // date for an asserted event, or a past date for a planned one.
    auto lendable = [&](const Cand& p) {
      if (!p.date.ok() || p.date.precision == Precision::kRange || p.date.SpanDays() > 366) return false;
      if (Deictic(p) || p.type == c.type) return false;
      if (real && p.date.earliest > pub_day_) return false;
      if (unreal && p.date.latest < pub_day_) return false;
      return true;
    };
    // (1) an earlier clause of the same sentence with a date of its own.
    const Cand* from = nullptr;
    for (size_t ci : s.cands) {
      if (ci >= i) break;
      const Cand& p = cands_[ci];
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
        for (auto it = sents_[si].cands.rbegin(); it != sents_[si].cands.rend(); ++it) {
          const Cand& p = cands_[*it];
          if (p.antecedent < 0 && !p.discussed && (p.basis == "explicit" || p.basis == "sentence") &&
              !HiddenByDefault(p.modality) && lendable(p)) {
            from = &p;
            break;
          }
        }
        if (sents_[si].paragraph_start) break;
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
      c.date = TimeValue::Days(pub_day_, pub_day_, Precision::kDay);
      c.basis = "publication";
    }
  }
}

void DocWork::AddLink(int from, int to, LinkKind kind, std::string_view cue, const SentenceInfo& s, double conf) {
  (void)s;
  from = Resolve(from);
  to = Resolve(to);
  if (from < 0 || to < 0 || from == to || cands_[from].bare || cands_[to].bare) return;
  links_.push_back({from, to, kind, std::string(cue), conf});
}

void DocWork::Links() {
  for (size_t si = 0; si < sents_.size(); ++si) {
    SentenceInfo& s = sents_[si];
    auto before = [&](uint32_t pos) {
      std::vector<int> out;
      for (size_t ci : s.cands) if (cands_[ci].end <= pos) out.push_back(int(ci));
      return out;
    };
    auto after = [&](uint32_t pos, size_t clause_limit) {
      std::vector<int> out;
      for (size_t ci : s.cands) {
        if (cands_[ci].begin >= pos && cands_[ci].clause <= clause_limit) out.push_back(int(ci));
      }
      return out;
    };
    size_t last_clause = s.clauses.size() - 1;
    // Causes and enabling.
    bool linked = false;
    for (auto [kind, lk] : {std::pair{"effect_follows", LinkKind::kCauses}, std::pair{"enable_follows", LinkKind::kEnables}}) {
      for (const auto& cue : lex_.FindCues(kind, s.text)) {
        if (InsideTrigger(s, cue)) continue;
        auto causes = before(cue.begin);
        auto effects = after(cue.end, last_clause);
        if (causes.empty() || effects.empty()) continue;
        for (int e : effects) AddLink(causes.back(), e, lk, *cue.text, s, 0.6);
        linked = true;
        break;
      }
    }
    if (!linked) {
      for (const auto& cue : lex_.FindCues("cause_follows", s.text)) {
        if (InsideTrigger(s, cue)) continue;
        size_t k = ClauseOf(s.clauses, cue.begin);
        auto causes = after(cue.end, k);
        std::vector<int> effects;
        for (size_t ci : s.cands) {
          if (std::find(causes.begin(), causes.end(), int(ci)) == causes.end()) effects.push_back(int(ci));
        }
        if (causes.empty() || effects.empty()) continue;
        for (int e : effects) AddLink(causes.front(), e, LinkKind::kCauses, *cue.text, s, 0.5);
        break;
      }
    }
    // Temporal narrative: X后，Y / after X, Y.
    for (const auto& cue : lex_.FindCues("before_rest", s.text)) {
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
        if (!a.empty()) later = a.front();
      }
      if (earlier >= 0 && later >= 0) AddLink(earlier, later, LinkKind::kBefore, *cue.text, s, 0.5);
    }
    for (const auto& cue : lex_.FindCues("after_rest", s.text)) {
      if (InsideTrigger(s, cue)) continue;
      size_t k = ClauseOf(s.clauses, cue.begin);
      auto b = before(cue.begin);
      auto a = after(cue.end, k);
      if (!b.empty() && !a.empty()) AddLink(a.front(), b.back(), LinkKind::kBefore, *cue.text, s, 0.4);
    }
    // refers_to: 讨论了X / discussed X.
    for (const auto& cue : lex_.FindCues("refers", s.text)) {
      if (InsideTrigger(s, cue)) continue;
      auto referenced = after(cue.end, ClauseOf(s.clauses, cue.begin));
      if (referenced.empty()) continue;
      int referrer = -1;
      static const std::set<std::string> kTalkers = {"call", "talks", "consult", "statement", "visit"};
      int target = Resolve(referenced.front());
      auto talker = [&](int ci) {
        int r = Resolve(ci);
        return r != target && !cands_[r].bare && kTalkers.count(cands_[r].type->family) > 0;
      };
      for (int b : before(cue.begin)) {
        if (talker(b)) referrer = b;
      }
      for (int sj = int(si) - 1; referrer < 0 && sj >= 0 && sj >= int(si) - 2; --sj) {
        for (size_t ci : sents_[sj].cands) {
          if (talker(int(ci))) referrer = int(ci);
        }
      }
      if (referrer >= 0) AddLink(referrer, referenced.front(), LinkKind::kRefersTo, *cue.text, s, 0.6);
    }
    // storyline, resumption: 再次谈判 / talks resumed → the earlier event of
    // the same kind between the same parties.
    // "the first talks since 2022" / 自…以来首次: a resumption as well.
    std::vector<CueHit> again = lex_.FindCues("storyline_again", s.text);
    for (const auto& first : lex_.FindCues("storyline_first", s.text)) {
      for (const auto& since : lex_.FindCues("storyline_since", s.text)) {
        if (ClauseOf(s.clauses, since.begin) == ClauseOf(s.clauses, first.begin)) again.push_back(first);
      }
    }
    for (const auto& cue : again) {
      for (size_t ci : s.cands) {
        const Cand& c = cands_[ci];
        bool english = internal::IsAsciiAlnum((*cue.text)[0]);
        uint32_t reach = english ? 16 : 6;  // "first direct talks"
        bool near = (c.begin >= cue.end && c.begin - cue.end <= reach) || (cue.begin >= c.end && cue.begin - c.end <= 2);
        if (!near) continue;
        int later = Resolve(int(ci));
        const Cand& lc = cands_[later];
        int earlier = -1;
        for (size_t j = 0; j < cands_.size(); ++j) {
          const Cand& e = cands_[j];
          if (e.antecedent >= 0 || int(j) == later || !e.date.ok() || !lc.date.ok()) continue;
          if (!(e.date.latest < lc.date.earliest) || !Compatible(e, lc)) continue;
          if (earlier < 0 || cands_[earlier].date.latest < e.date.latest) earlier = int(j);
        }
        if (earlier >= 0) AddLink(later, earlier, LinkKind::kStoryline, *cue.text, s, 0.6);
        // X破裂后的再次谈判: an earlier-dated event just before, in the same
        // clause, is the step the resumption follows.
        for (size_t cj : s.cands) {
          const Cand& p = cands_[cj];
          if (p.clause != c.clause || p.end > cue.begin || Resolve(int(cj)) == earlier) continue;
          if (p.date.ok() && lc.date.ok() && p.date.latest < lc.date.earliest) {
            AddLink(later, int(cj), LinkKind::kStoryline, *cue.text, s, 0.5);
          }
        }
        break;
      }
    }
  }
  // storyline, going back: 上溯至X → the preceding (later) event links to X;
  // consecutive 上溯至 chain.
  int chain = -1;
  int chain_sentence = -10;
  for (size_t si = 0; si < sents_.size(); ++si) {
    SentenceInfo& s = sents_[si];
    auto cues = lex_.FindCues("storyline_back", s.text);
    for (size_t q = 0; q < cues.size(); ++q) {
      uint32_t limit = q + 1 < cues.size() ? cues[q + 1].begin : uint32_t(s.text.size());
      int target = -1;
      // The head of the phrase: the last event in the segment (…的最后通牒).
      for (size_t ci : s.cands) {
        if (cands_[ci].begin >= cues[q].end && cands_[ci].end <= limit) target = Resolve(int(ci));
      }
      if (target < 0) continue;
      int anchor = -1;
      if (chain >= 0 && int(si) - chain_sentence <= 1) {
        anchor = chain;
      } else {
        for (int sj = int(si) - 1; sj >= 0 && sj >= int(si) - 3 && anchor < 0; --sj) {
          for (auto it = sents_[sj].cands.rbegin(); it != sents_[sj].cands.rend(); ++it) {
            const Cand& a = cands_[Resolve(int(*it))];
            if (HiddenByDefault(a.modality) || !a.date.ok() || !cands_[target].date.ok()) continue;
            if (a.basis != "explicit" && a.basis != "sentence") continue;
            if (a.date.earliest > cands_[target].date.latest) { anchor = Resolve(int(*it)); break; }
          }
        }
      }
      if (anchor >= 0) AddLink(anchor, target, LinkKind::kStoryline, *cues[q].text, s, 0.6);
      chain = target;
      chain_sentence = int(si);
    }
  }
}

// Storyline by coherence: two events of one article that belong to the same
// track (types.tsv), share a country, and whose own dates (explicit or from
// their sentence, never inherited or the publication day) overlap are steps
// of one storyline — "the talks broke down in 2022" and "Ukraine tore up the
// agreement in April 2022". Pairs already linked by a cue keep that link.
void DocWork::StorylineByCoherence() {
  std::set<std::pair<int, int>> linked;
  for (const auto& [from, to, kind, cue, conf] : links_) {
    linked.insert({std::min(from, to), std::max(from, to)});
  }
  std::vector<int> roots;
  for (size_t i = 0; i < cands_.size(); ++i) {
    if (Resolve(int(i)) != int(i)) continue;
    const Cand& c = cands_[i];
    if (c.bare || HiddenByDefault(c.modality) || !c.date.ok() || c.type == nullptr) continue;
    if (c.basis != "explicit" && c.basis != "sentence") continue;
    if (c.type->track.empty() || c.type->track == "-") continue;
    roots.push_back(int(i));
  }
  for (size_t x = 0; x < roots.size(); ++x) {
    for (size_t y = x + 1; y < roots.size(); ++y) {
      int a = roots[x], b = roots[y];
      const Cand& ca = cands_[a];
      const Cand& cb = cands_[b];
      if (ca.type->track != cb.type->track || !ca.date.Overlaps(cb.date)) continue;
      if (linked.count({std::min(a, b), std::max(a, b)})) continue;
      const auto& na = Countries(ca);
      const auto& nb = Countries(cb);
      bool shared = std::any_of(na.begin(), na.end(), [&](const std::string& n) {
        return std::find(nb.begin(), nb.end(), n) != nb.end();
      });
      if (!shared) continue;
      // Overlapping dates do not order the two; the narrative does: the
      // event told later links back to the one told first.
      bool a_first = std::tie(ca.sentence, ca.begin) < std::tie(cb.sentence, cb.begin);
      int later = a_first ? b : a, earlier = a_first ? a : b;
      links_.push_back({later, earlier, LinkKind::kStoryline, "same track, parties and period", 0.4});
      linked.insert({std::min(a, b), std::max(a, b)});
    }
  }
}

Extraction DocWork::Run() {
  const Article& art = doc_.article;
  int64_t local = art.published_utc + int64_t(art.published_offset_minutes.value_or(0)) * 60;
  pub_day_ = int32_t((local >= 0 ? local : local - 86399) / 86400);
  // An opinion piece: a byline (作者:X) or an opinion marker in the title.
  for (const auto& cue : lex_.FindCues("byline", art.text)) {
    opinion_ = true;
    std::string_view rest = std::string_view(art.text).substr(cue.end);
    size_t stop = std::min({rest.find(')'), rest.find('\n'), rest.find("）"), size_t(60)});
    author_ = std::string(Trim(rest.substr(0, stop)));
    break;
  }
  if (lex_.HasCue("byline", art.title)) opinion_ = true;

  sents_.resize(doc_.sentences.size());
  for (uint32_t si = 0; si < sents_.size(); ++si) {
    SentenceInfo& s = sents_[si];
    PrepareSentence(si, &s);
    Attribution attr;
    std::vector<Span> exempt;
    FindAttribution(&s, &attr, &exempt);
    bool counterfactual = lex_.HasCue("cf_strong", s.text);
    if (!counterfactual) {
      auto ifs = lex_.FindCues("cf_if", s.text);
      auto thens = lex_.FindCues("cf_then", s.text);
      counterfactual = !ifs.empty() && !thens.empty() && ifs.front().begin < thens.back().begin;
    }
    // Evaluative language in an opinion piece makes the sentence the author's
    // claim; an epithet on a name (反俄狂热者卡拉斯) does not.
    bool evaluative = false;
    if (opinion_) {
      for (const auto& cue : lex_.FindCues("evaluative", s.text)) {
        bool epithet = std::any_of(s.actors.begin(), s.actors.end(), [&](const ActorInfo& a) {
          return a.begin >= cue.end && a.begin - cue.end <= 3;
        });
        if (!epithet) evaluative = true;
      }
    }
    const TriggerHit* prev_verb = nullptr;
    std::vector<Tok> toks = Tokens(s.text);
    for (const auto& h : s.hits) {
      if (h.blocker()) continue;
      if (WrongSense(s, toks, h) || GenericRelation(s, toks, h)) continue;
      // A trigger inside a time expression ("March 2022") is part of the date.
      bool in_time = std::any_of(times_.begin(), times_.end(), [&](const TimeMention& t) {
        return t.begin < s.begin + h.end && s.begin + h.begin < t.end;
      });
      if (in_time) continue;
      const EventTypeInfo* type = lex_.Type(h.entry->type);
      // 撕毁了…协议, signed the agreement: the nominal agreement is the
      // verb's object, not a happening of its own.
      // Likewise "attend the conference", "joined the talks": a meeting noun
      // after a meeting verb is that verb's object.
      const EventTypeInfo* verb_type = prev_verb ? lex_.Type(prev_verb->entry->type) : nullptr;
      bool object_noun = type->family == "agreement" ||
                         (type->family == "talks" && verb_type && verb_type->family == "talks");
      if (h.entry->pos == 'n' && object_noun && prev_verb &&
          ClauseOf(s.clauses, prev_verb->begin) == ClauseOf(s.clauses, h.begin) && h.begin - prev_verb->end <= 40) {
        continue;
      }
      if (h.entry->pos != 'n') prev_verb = &h;
      Cand c;
      c.sentence = si;
      c.begin = h.begin;
      c.end = h.end;
      c.clause = ClauseOf(s.clauses, h.begin);
      c.entry = h.entry;
      c.type = lex_.Type(h.entry->type);
      s.cands.push_back(cands_.size());
      cands_.push_back(std::move(c));
    }
    AssignOwnDates(&s);
    for (size_t ci : s.cands) {
      Cand& c = cands_[ci];
      bool in_exempt = std::any_of(exempt.begin(), exempt.end(),
                                   [&](const Span& x) { return c.begin >= x.begin && c.end <= x.end; });
      BuildArguments(&s, &c, in_exempt ? Attribution{} : attr);
      BothSides(s, ci, &c);
      if (c.basis.size() && c.date.ok() && c.date.earliest > pub_day_) c.future = true;
      c.modality = FindModality(s, c, counterfactual);
      // A present-simple habitual with no date of its own ("our countries
      // cooperate closely", "Germany supports") states a relation; the lead
      // sentence (a headline in the present) is exempt.
      if (si > 0 && c.basis.empty() && !HiddenByDefault(c.modality) && c.modality != Modality::kPlanned) {
        TriggerHit hit{c.begin, c.end, c.entry};
        c.generic = PresentSimple(s, toks, hit);
      }
      // A named document (the Minsk Agreements, the Paris Agreement, the
      // Association Agreement) with no date of its own is a reference to a
      // text, not a happening; "signed the … Agreement" is the verb's event.
      if (c.basis.empty() && DocumentName(s, c)) c.generic = true;
      // An opinion piece's evaluative sentence is the author's claim unless
      // a named someone else is quoted.
      bool quoted = !in_exempt && !attr.cue.empty() && !(evaluative && attr.actor_id.empty());
      if (quoted) {
        c.attribution = attr;
        if (c.modality == Modality::kAsserted) c.modality = Modality::kReported;
      } else if (evaluative) {
        c.attribution = {"", author_.empty() ? "author" : "author: " + author_};
        if (c.modality == Modality::kAsserted) c.modality = Modality::kClaimed;
      }
    }
    ApplyInitiators(&s);
    for (size_t ci : s.cands) cands_[ci].countries = ComputeCountries(cands_[ci]);
  }
  Coreference();
  PartOf();
  // 停火并不总是先于和平谈判, 惯常的威胁与空谈: a trigger with no date, party or
  // place of its own that names no other event is talk about a kind of event.
  for (auto& c : cands_) {
    c.bare = c.generic || (c.antecedent < 0 && c.basis.empty() && c.participants.empty() && c.place.empty());
  }
  InheritDates();
  Links();
  StorylineByCoherence();

  // Events from candidates; coreferent mentions join their antecedent.
  Extraction x;
  std::vector<int> event_of(cands_.size(), -1);
  for (size_t i = 0; i < cands_.size(); ++i) {
    int r = Resolve(int(i));
    if (r != int(i) || cands_[i].bare) continue;
    const Cand& c = cands_[i];
    Event e;
    e.id = MakeEventId(art.id, c.sentence, sents_[c.sentence].begin + c.begin);
    e.type = c.type->type;
    e.cameo = c.type->cameo == "-" ? "" : c.type->cameo;
    e.date = c.date;
    e.date_basis = c.basis;
    e.participants = c.participants;
    e.place_id = c.place;
    e.modality = c.modality;
    e.attribution = c.attribution;
    double conf = 0.5;
    if (c.basis == "explicit" || c.basis == "sentence") conf += 0.15;
    if (c.participants.size() >= 2) conf += 0.1;
    if (c.participants.empty()) conf -= 0.15;
    e.confidence = conf;
    event_of[i] = int(x.events.size());
    x.events.push_back(std::move(e));
  }
  for (size_t i = 0; i < cands_.size(); ++i) {
    const Cand& c = cands_[i];
    int ev = event_of[Resolve(int(i))];
    if (ev < 0) continue;
    const SentenceInfo& s = sents_[c.sentence];
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
    if (int(i) != Resolve(int(i))) {
      // A coreferent mention adds participants only where the event had none.
      if (e.participants.empty()) for (const auto& p : c.participants) {
        bool have = std::any_of(e.participants.begin(), e.participants.end(),
                                [&](const Participant& q) { return q.actor_id == p.actor_id; });
        if (!have) e.participants.push_back(p);
      }
      e.confidence = std::min(0.95, e.confidence + 0.05);
    }
  }
  for (const auto& [from, to, kind, cue, conf] : links_) {
    int f = event_of[Resolve(from)], t = event_of[Resolve(to)];
    if (f < 0 || t < 0 || f == t) continue;
    const Cand& fc = cands_[from];
    Link l{x.events[f].id, x.events[t].id, kind,
           cue + ": " + std::string(sents_[fc.sentence].text), conf};
    bool dup = std::any_of(x.links.begin(), x.links.end(), [&](const Link& o) {
      return o.from == l.from && o.to == l.to && o.kind == l.kind;
    });
    if (!dup) x.links.push_back(std::move(l));
  }
  AncestorsFn ancestors = [this](const std::string& id) {
    std::vector<std::string> out;
    if (const Actor* a = Lookup(id)) {
      for (const auto& af : a->affiliations) out.push_back(af.actor_id);
      for (const auto& p : a->part_of) out.push_back(p);
    }
    return out;
  };
  MergeExtraction(&x, ancestors);
  for (auto& e : x.events) LabelEvent(lex_.Type(e.type), lookup_, &e);
  return x;
}

}  // namespace

Extraction EventExtractor::Extract(const Document& doc, const std::vector<TimeMention>& times,
                                   const std::vector<ActorMention>& actors,
                                   const std::function<const Actor*(const std::string&)>& lookup_actor) const {
  DocWork work(impl_->lex, doc, times, actors, lookup_actor);
  return work.Run();
}

}  // namespace kbq::ingest
