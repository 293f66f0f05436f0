// Stage 1, sentences: the text, clauses, trigger hits and actors of one
// sentence. Reads Document::sentences, the actor mentions and the lexicon's
// triggers and place cues; writes one SentenceInfo.
#include <algorithm>

#include "events/chunker_en.h"
#include "events/lexicon_en.h"
#include "events/stages.h"
#include "text_util.h"

namespace kbq::ingest::events {

namespace {

// True when the words between a body and a person are no title of the
// person: a preposition (other than "of") that ends them or that a lower-case
// word or a time word follows ("Kyiv on Tuesday for talks with Zelensky";
// not "Minister for Strategic Industries", "Minister of Foreign Affairs"), or
// a finite verb before a determiner ("Moscow sentenced the journalist").
bool NoTitleBetween(std::string_view gap) {
  const EnglishLexicon& lex = EnglishLexicon::Get();
  std::vector<std::string_view> words;
  size_t i = 0;
  while (i < gap.size()) {
    while (i < gap.size() && !internal::IsAsciiAlnum(gap[i])) ++i;
    size_t j = i;
    while (j < gap.size() && internal::IsAsciiAlnum(gap[j])) ++j;
    if (j > i) words.push_back(gap.substr(i, j - i));
    i = j;
  }
  for (size_t k = 0; k < words.size(); ++k) {
    // (Or a verb's past or present form before a determiner: "a court in
    // Moscow sentenced the journalist Evan Gershkovich".)
    if (k + 1 < words.size() && (lex.Closed(words[k + 1]) & kDet) != 0 && lex.Closed(words[k]) == 0) {
      for (const LemmaCandidate& r : lex.Lemmatize(words[k])) {
        if (r.pos == kPosVerb && (r.inflection == Inflection::kPast || r.inflection == Inflection::kThirdPerson)) {
          return true;
        }
      }
    }
    if ((lex.Closed(words[k]) & (kPrep | kTo)) == 0 || internal::AsciiLower(words[k]) == "of") continue;
    if (k + 1 == words.size()) return true;
    const std::string_view next = words[k + 1];
    if ((next[0] >= 'a' && next[0] <= 'z') || (lex.Closed(next) & kTimeNoun) != 0) return true;
  }
  return false;
}

void CollapseActors(const DocState& ds, SentenceInfo* s) {
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
      if (acts[i].id != acts[j].country || NoTitleBetween(gap)) continue;
      // 在北京同习近平: a partner cue right before the person ends the title.
      bool partner_cue = false;
      for (const auto& cue : ds.lex.FindCues("partner", gap)) partner_cue = partner_cue || cue.end == gap.size();
      if (partner_cue) break;
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
    // "in Glasgow (Great Britain)", "Ufa (Russia)": a country in brackets
    // right after a place says where the place is; it is no side.
    if ((a.kind == ActorKind::kPlace || a.place) && b.kind == ActorKind::kCountry && Trim(gap) == "(" &&
        s->text.substr(b.end, 1) == ")") {
      b.dropped = true;
      b.place = true;
      continue;
    }
    bool has_sep = false;
    for (size_t k = 0; k < gap.size(); ++k) {
      size_t len;
      if (IsClauseSep(gap, k, &len)) has_sep = true;
    }
    // 欧盟外交与安全政策高级代表、…卡拉斯: a body followed by its own person.
    // Not when a partner cue ends the gap (在克里姆林宫同普京: the Kremlin is
    // where, 普京 the partner of the subject before it).
    bool partner_cue = false;
    for (const auto& cue : ds.lex.FindCues("partner", gap)) partner_cue = partner_cue || cue.end == gap.size();
    // (Two people are two people: "Lavrov and Shoigu" keeps both.)
    // (Not across words that are no title: "Lviv mayor Andriy Sadovyi", but
    // "arrived in Lviv on Tuesday with Zelensky".)
    const bool no_title = NoTitleBetween(gap);
    bool own_person = a.kind != ActorKind::kPerson && b.kind == ActorKind::kPerson &&
                      (b.country == a.id || b.country == a.country) &&
                      gap.size() <= 60 && !has_sep && !partner_cue && !no_title;
    if (own_person) {
      a.dropped = true;
      b.group_begin = a.group_begin;
      continue;
    }
    if (has_sep || ds.lex.HasCue("coord", gap) || gap.find("、") != std::string_view::npos) continue;
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
    // Only the person's own country or body ("Britain imposed sanctions on
    // Vladimir Putin": Britain is a side), and never across a partner cue
    // (北京同习近平).
    bool own = b.country.empty() || b.country == b.id || b.country == a.id || b.country == a.country;
    if (b.kind == ActorKind::kPerson && body && gap.size() <= 30 && own && !partner_cue && !no_title) {
      a.dropped = true;
      b.group_begin = a.group_begin;
      if (b.country.empty() || b.country == b.id) b.country = a.country;
    }
  }
}

// "the Bucharest Summit", "the Beijing 2022 Winter Olympics", "the Geneva
// talks": a place, or a city standing for its country, right before a noun
// of a gathering it names the venue of (cue kind venue_noun; after it at
// most a year and two capitalised words) is where that gathering is, never a
// side of it. A lower-case noun counts only after "the" ("Washington talks
// with Moscow" is the United States talking).
bool NamesVenue(const internal::EventLexicon& lex, std::string_view text, uint32_t begin, uint32_t end) {
  std::string_view rest = text.substr(end);
  bool the = begin >= 4 && text.substr(begin - 4, 4) == "the ";
  for (int words = 0; words < 4; ++words) {
    if (rest.size() < 2 || rest[0] != ' ') return false;
    rest.remove_prefix(1);
    size_t n = 0;
    while (n < rest.size() && (internal::IsAsciiAlnum(rest[n]) || rest[n] == '-')) ++n;
    if (n == 0) return false;
    std::string_view word = rest.substr(0, n);
    const bool upper = word[0] >= 'A' && word[0] <= 'Z';
    const bool year = n == 4 && std::all_of(word.begin(), word.end(), [](char ch) { return ch >= '0' && ch <= '9'; });
    if ((upper || the) && lex.IsCueWord("venue_noun", word)) return true;
    if (!upper && !(year && words == 0)) return false;
    rest.remove_prefix(n);
  }
  return false;
}

}  // namespace

// `a` names where something happened. A metonym so used is its city, not the
// government it stands for elsewhere: "arrived in Kyiv" happened in Kyiv (and
// so in Ukraine), "talks in Brussels" in Brussels, not in the EU.
void AsPlace(const DocState& ds, ActorInfo* a) {
  a->place = true;
  if (!a->metonym || a->city.empty()) return;
  auto seat = std::make_shared<ActorInfo>(*a);
  seat->place = false;
  a->government = std::move(seat);
  a->id = a->city;
  a->kind = ActorKind::kPlace;
  a->country = ds.CountryOf(a->id, a->kind);
}

void PrepareSentence(const DocState& ds, uint32_t index, SentenceInfo* s) {
  const Sentence& sent = ds.doc.sentences[index];
  const std::string& text = ds.doc.article.text;
  s->begin = sent.begin;
  s->end = std::min<uint32_t>(sent.end, text.size());
  s->text = std::string_view(text).substr(s->begin, s->end - s->begin);
  s->clauses = SplitClauses(s->text);
  s->hits = ds.lex.FindTriggers(s->text);
  // English sentences with a trigger get their clauses chunked (roles_en.cc).
  bool english_trigger = std::any_of(s->hits.begin(), s->hits.end(), [&](const TriggerHit& h) {
    return !h.blocker() && internal::IsAsciiAlnum(s->text[h.begin]);
  });
  if (english_trigger) s->chunked = std::make_shared<const ChunkedSentence>(ChunkSentence(s->text));
  // Mentions are sorted by begin (REQUIRES): visit only this sentence's.
  auto first = std::lower_bound(ds.actor_mentions.begin(), ds.actor_mentions.end(), s->begin,
                                [](const ActorMention& m, uint32_t b) { return m.begin < b; });
  for (auto it = first; it != ds.actor_mentions.end() && it->begin < s->end; ++it) {
    const ActorMention& m = *it;
    if (m.end > s->end) continue;
    ActorInfo a;
    a.begin = m.begin - s->begin;
    a.end = m.end - s->begin;
    a.id = m.actor_id;
    const Actor* rec = ds.Lookup(m.actor_id);
    a.kind = rec ? rec->kind : GuessKind(m.actor_id);
    if (a.kind == ActorKind::kUnknown) a.kind = GuessKind(m.actor_id);
    a.country = ds.CountryOf(a.id, a.kind);
    a.place = a.kind == ActorKind::kPlace;
    a.metonym = m.metonym;
    a.city = m.place_id;
    a.group_begin = a.begin;
    // "the Budapest Memorandum", "the Normandy Format", "the Crimea Platform":
    // a place or country right before a capitalised document or format noun
    // (cue kinds document_noun, name_tail) names the text, not an actor.
    if (a.kind == ActorKind::kPlace || a.kind == ActorKind::kCountry || a.metonym) {
      // ("the Normandy format", "the Astana process": a format noun in lower
      // case after "the".)
      std::string_view rest = s->text.substr(a.end);
      if (rest.size() > 2 && rest[0] == ' ') {
        std::string_view word = rest.substr(1, rest.find_first_of(" ,.;:)'\xE2", 1) - 1);
        const bool upper = rest[1] >= 'A' && rest[1] <= 'Z';
        const bool after_the =
            rest[1] >= 'a' && rest[1] <= 'z' && a.begin >= 4 && s->text.substr(a.begin - 4, 4) == "the ";
        if (upper && (ds.lex.IsCueWord("document_noun", word) || ds.lex.IsCueWord("name_tail", word))) continue;
        if (after_the && ds.lex.IsCueWord("name_tail", word)) continue;
      }
      if ((a.kind == ActorKind::kPlace || a.metonym) && NamesVenue(ds.lex, s->text, a.begin, a.end)) AsPlace(ds, &a);
    }
    // "the Sea of Japan", "the Gulf of Aden", "the Red Sea": a name inside a
    // sea's or gulf's name (cue kind water_body: the word before "of", or the
    // last word of a place's own name after "the") names the water, not the
    // country or the province.
    {
      std::string_view before = s->text.substr(0, a.begin);
      if (before.ends_with(" of ")) {
        std::string_view head = before.substr(0, before.size() - 4);
        const std::string word = internal::AsciiLower(head.substr(head.rfind(' ') + 1));
        if (ds.lex.IsCueWord("water_body", word) && !word.empty()) continue;
      }
      std::string_view name = s->text.substr(a.begin, a.end - a.begin);
      const std::string last = internal::AsciiLower(name.substr(name.rfind(' ') + 1));
      if (a.kind == ActorKind::kPlace && before.ends_with("the ") && ds.lex.IsCueWord("water_body", last)) continue;
    }
    // An actor inside a trigger (军事行动 has no actor; 访华 might) stays.
    s->actors.push_back(std::move(a));
  }
  CollapseActors(ds, s);
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
  // it happened, and no participant: its city when the places know it,
  // else nothing.
  for (auto& a : s->actors) {
    bool org_seat = a.metonym && a.kind != ActorKind::kCountry;
    if (a.place || a.dropped || (a.kind != ActorKind::kCountry && !org_seat)) continue;
    std::string_view before = s->text.substr(0, a.begin);
    while (!before.empty() && before.back() == ' ') before.remove_suffix(1);
    // "in the Kremlin": the article between.
    if (before.ends_with(" the")) {
      before.remove_suffix(4);
      while (!before.empty() && before.back() == ' ') before.remove_suffix(1);
    }
    for (const auto& cue : ds.lex.FindCues("place_prep", before)) {
      if (cue.end != before.size()) continue;
      bool blocked = false;
      for (const auto& b : ds.lex.FindCues("place_prep_block", before)) {
        if (b.begin <= cue.begin && cue.end <= b.end && b.end - b.begin > cue.end - cue.begin) blocked = true;
      }
      if (!blocked && org_seat && a.city.empty()) a.dropped = true;
      else if (!blocked) AsPlace(ds, &a);
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
    for (const auto& cue : ds.lex.FindCues("place_prep", lead)) prep = prep || cue.end == lead.size();
    if (!prep) continue;
    bool has_trigger = false;
    for (const auto& h : s->hits) {
      if (!h.blocker() && ClauseOf(s->clauses, h.begin) == k) has_trigger = true;
    }
    if (!has_trigger && s->place.empty()) s->place = a.id;
  }
  uint32_t prev_end = index == 0 ? 0 : ds.doc.sentences[index - 1].end;
  s->paragraph_start = index == 0 ||
                       std::string_view(text).substr(prev_end, s->begin > prev_end ? s->begin - prev_end : 0)
                               .find('\n') != std::string_view::npos;
}

// "The visit of the German Chancellor to our country demonstrates …" on the
// Ukrainian president's site, "arrived in our state" in Putin's turn: after
// to, in or visit, the speaker's country, or in a release's own words the
// country of the site's holder. Inside a quotation with no known speaker,
// nobody's.
void OwnCountryMentions(const DocState& ds, SentenceInfo* s) {
  std::string_view text = s->text;
  for (std::string_view phrase : {"our country", "our state", "Our country", "Our state"}) {
    for (size_t at = text.find(phrase); at != std::string_view::npos; at = text.find(phrase, at + 1)) {
      const size_t end = at + phrase.size();
      const bool word_start = at == 0 || !internal::IsAsciiAlnum(text[at - 1]);
      const bool word_end = end >= text.size() || !internal::IsAsciiAlnum(text[end]);
      if (!word_start || !word_end) continue;
      // Only where it is a destination or a recipient: "to our country",
      // "arrived in our country", "visit our country" (elsewhere it is
      // mostly a topic: "the security of our state").
      std::string_view before = text.substr(0, at);
      while (!before.empty() && before.back() == ' ') before.remove_suffix(1);
      const size_t sp = before.rfind(' ');
      const std::string prev = internal::AsciiLower(sp == std::string_view::npos ? before : before.substr(sp + 1));
      if (prev != "to" && prev != "in" && prev != "visit" && prev != "visited" && prev != "visiting") continue;
      const bool quoted = InsideQuotation(text, static_cast<uint32_t>(at));
      const ActorInfo* speaker = s->turn_speaker ? s->turn_speaker.get()
                                 : quoted         ? s->quote_speaker.get()
                                                  : nullptr;
      std::string country;
      if (speaker) {
        country = speaker->kind == ActorKind::kCountry ? speaker->id : speaker->country;
      } else if (!quoted && !ds.doc.site_holder.empty()) {
        country = ds.CountryOf(ds.doc.site_holder, ActorKind::kPerson);
      }
      if (country.empty() || GuessKind(country) != ActorKind::kCountry) continue;
      ActorInfo a;
      a.begin = static_cast<uint32_t>(at);
      a.end = static_cast<uint32_t>(end);
      a.group_begin = a.begin;
      a.id = country;
      a.kind = ActorKind::kCountry;
      a.country = country;
      a.place = prev == "in";  // "in our country": where, as "in Ukraine" is (above)
      auto pos = std::upper_bound(s->actors.begin(), s->actors.end(), a.begin,
                                  [](uint32_t b, const ActorInfo& x) { return b < x.begin; });
      s->actors.insert(pos, std::move(a));
    }
  }
}

}  // namespace kbq::ingest::events
