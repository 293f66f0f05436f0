// Stage 3, candidates: the trigger hits of a sentence that pass the sense
// rules (Step 1 of docs/extraction.md) become event candidates. Reads the
// sentence's hits, actors and tokens (stage 1) and the lexicon's cue words and
// object lists; writes DocState::cands and SentenceInfo::cands, and later
// Cand::generic (present-simple habituals, document names).
#include <algorithm>
#include <set>

#include "events/chunker_en.h"
#include "events/stages.h"
#include "text_util.h"

namespace kbq::ingest::events {

namespace {

// The token before the trigger (skipping adverbs) is a subject (a pronoun,
// a plural like "countries", or an actor), an infinitive/modal marker, or
// neither (a determiner: the trigger is a noun).
enum class Before { kSubject, kMarker, kOther };

// Step 1 of docs/extraction.md, the sense rules that look at the words
// around an English trigger: a participle that needs an auxiliary ("given"
// without one is a preposition) and the object lists of object_blockers.tsv.
// `by_place`: set when a place heading the object ruled it out (object
// "@place").
bool WrongSense(const DocState& ds, const SentenceInfo& s, const std::vector<Tok>& toks, const TriggerHit& h,
                bool* by_place = nullptr) {
  const internal::TriggerEntry& e = *h.entry;
  if (!internal::IsAsciiAlnum(s.text[h.begin])) {
    // Chinese: an allow list (object_blockers.tsv) needs one of its words
    // within the next ten characters of the clause (朝鲜发射了一枚弹道导弹 is
    // an attack, 发射卫星 none); a block word within the next twenty rules
    // the trigger out (普京签署了一项关于紧急状态的法令 signs no agreement).
    auto window = [&](size_t bytes) {
      std::string_view rest = s.text.substr(h.end, std::min<size_t>(bytes, s.text.size() - h.end));
      for (std::string_view stop : {"，", "。", "；", "、"}) rest = rest.substr(0, rest.find(stop));
      return rest;
    };
    const std::string_view near = window(60);
    if (std::any_of(e.object_block.begin(), e.object_block.end(),
                    [&](const std::string& w) { return near.find(w) != std::string_view::npos; })) {
      return true;
    }
    if (e.object_allow.empty()) return false;
    const std::string_view object = window(30);
    return std::none_of(e.object_allow.begin(), e.object_allow.end(),
                        [&](const std::string& w) { return object.find(w) != std::string_view::npos; });
  }
  size_t first_after = toks.size();
  int last_before = -1;
  for (size_t i = 0; i < toks.size(); ++i) {
    if (toks[i].end <= h.begin) last_before = int(i);
    if (toks[i].begin >= h.end) { first_after = i; break; }
  }
  auto adverb = [&](const Tok& t) {
    return t.word && ((t.lower.size() > 3 && t.lower.compare(t.lower.size() - 2, 2, "ly") == 0) ||
                      ds.lex.IsCueWord("skip_adverb", t.lower));
  };
  // The auxiliary before the trigger, skipping up to two adverbs: its index or -1.
  auto aux_before = [&]() {
    int k = last_before;
    for (int skipped = 0; k >= 0 && skipped < 2 && adverb(toks[k]); ++skipped) --k;
    return k >= 0 && toks[k].word && ds.lex.IsCueWord("aux", toks[k].lower) ? k : -1;
  };
  std::string surface = internal::AsciiLower(s.text.substr(h.begin, h.end - h.begin));
  if (ds.lex.IsCueWord("needs_aux", surface) && aux_before() < 0) return true;
  // "hybrid threats", "in the face of threats": a noun of kind needs_agent is
  // an act only with its doer named: an actor right before it (Russia's
  // threats, Iranian threats) or right after from/by (threats from Moscow).
  if (e.pos == 'n' && ds.lex.IsCueWord("needs_agent", surface)) {
    bool agent = false;
    for (const auto& a : s.actors) {
      if (a.dropped || a.place) continue;
      if (a.end <= h.begin) {
        std::string_view gap = s.text.substr(a.end, h.begin - a.end);
        if (gap == " " || gap == "'s " || gap == "\u2019s " || gap == "' ") agent = true;
      }
    }
    if (first_after < toks.size() && toks[first_after].word &&
        (toks[first_after].lower == "from" || toks[first_after].lower == "by")) {
      size_t k = first_after + 1;
      while (k < toks.size() && toks[k].word && ds.lex.IsCueWord("np_det", toks[k].lower)) ++k;
      for (const auto& a : s.actors) {
        if (!a.dropped && k < toks.size() && a.begin <= toks[k].begin && toks[k].begin < a.end) agent = true;
      }
    }
    if (!agent) return true;
  }
  // "an avalanche of statements", "a flood of refugees", "a storm of
  // criticism": a natural disaster's noun before "of" and a plural noun of
  // acts, ideas, words, feelings, people or money (WordNet's most frequent
  // sense: noun files 4 9 10 12 18 21) is a figure of speech ("an avalanche of
  // snow", "an earthquake of magnitude 7" stay).
  if (e.pos == 'n' && first_after + 1 < toks.size() && toks[first_after].word && toks[first_after].lower == "of") {
    const EventTypeInfo* t = ds.lex.Type(e.type);
    if (t && t->family == "disaster") {
      size_t k = first_after + 1;
      while (k < toks.size() && toks[k].word && ds.lex.IsCueWord("np_det", toks[k].lower)) ++k;
      // The phrase's head: its last word before a stop word (up to three).
      std::string head;
      for (int n = 0; k < toks.size() && n < 3 && toks[k].word && !ds.lex.IsCueWord("np_stop", toks[k].lower); ++k, ++n) {
        head = toks[k].lower;
      }
      const int cls = head.size() > 3 && head.back() == 's' ? EnglishLexicon::Get().NounClass(head) : 0;
      if (cls == 4 || cls == 9 || cls == 10 || cls == 12 || cls == 18 || cls == 21) return true;
    }
  }
  // "warning and response systems", "election posters", "the meeting room": a
  // noun trigger right before a lower-case noun whose most frequent WordNet
  // sense is an artifact (noun file 6) modifies a thing, not a happening; a
  // frame noun ("an aid package", "a sanctions package") still names one.
  // (The noun is the head of the trigger's own noun phrase: "that revolution
  // led to" has a verb after it.)
  if (s.chunked && first_after < toks.size() && toks[first_after].word) {
    size_t k = first_after;
    if (toks[k].lower == "and" && k + 2 < toks.size() && toks[k + 1].word && toks[k + 2].word) k += 2;
    const char c0 = s.text[toks[first_after].begin];
    const ChunkedSentence& cs = *s.chunked;
    const int np = ChunkAt(cs, h.begin);
    // The head may be shared: "warning and response systems" (the chunker
    // coordinates [warning] and [response systems]).
    int head_np = np;
    if (k != first_after && np >= 0 && size_t(np) + 2 < cs.chunks.size() &&
        cs.chunks[np + 1].kind == ChunkKind::kConjunction && cs.chunks[np + 2].kind == ChunkKind::kNounPhrase &&
        std::all_of(cs.tokens.begin() + cs.chunks[np].begin_token, cs.tokens.begin() + cs.chunks[np].end_token,
                    [&](const Token& t) { return t.begin >= h.begin || t.tag == Tag::kDet || t.tag == Tag::kAdj; }) &&
        cs.chunks[np + 2].end_token - cs.chunks[np + 2].begin_token >= 2 &&
        (cs.tokens[cs.chunks[np + 2].begin_token].tag == Tag::kNoun ||
         cs.tokens[cs.chunks[np + 2].begin_token].tag == Tag::kAdj)) {
      head_np = np + 2;
      while (k + 1 < toks.size() && toks[k + 1].word && toks[k].begin < cs.tokens[cs.chunks[head_np].head].begin) ++k;
    }
    const std::string& head = toks[k].lower;
    const char h0 = s.text[toks[k].begin];
    if (c0 >= 'a' && c0 <= 'z' && h0 >= 'a' && h0 <= 'z' && np >= 0 && cs.chunks[np].kind == ChunkKind::kNounPhrase &&
        ChunkAt(cs, toks[k].begin) == head_np && cs.tokens[cs.chunks[head_np].head].begin == toks[k].begin &&
        !head.ends_with("ing") && !ds.lex.IsCueWord("frame_noun", head) &&
        EnglishLexicon::Get().NounClass(head) == 6) {
      return true;
    }
  }
  if (e.object_block.empty() && e.object_allow.empty() && e.object_block_after.empty()) return false;
  // The noun phrase after the trigger (after "of" for a nominal trigger).
  size_t i = first_after;
  std::string first_word = i < toks.size() && toks[i].word ? toks[i].lower : "";
  if (e.pos == 'n' && i < toks.size() && toks[i].word && toks[i].lower == "of") ++i;
  while (i < toks.size() && toks[i].word && ds.lex.IsCueWord("np_det", toks[i].lower)) ++i;
  // "lifted most of its sanctions": a quantifier's phrase is the one after its "of".
  if (i + 1 < toks.size() && toks[i].word && ds.lex.IsCueWord("quantifier_of", toks[i].lower) &&
      toks[i + 1].word && toks[i + 1].lower == "of") {
    i += 2;
    while (i < toks.size() && toks[i].word && ds.lex.IsCueWord("np_det", toks[i].lower)) ++i;
  }
  uint32_t np_begin = i < toks.size() ? toks[i].begin : uint32_t(s.text.size());
  uint32_t np_end = np_begin;
  std::string head;
  std::vector<std::string> np_words;
  for (int n = 0; i < toks.size() && n < 6; ++i, ++n) {
    if (!toks[i].word || ds.lex.IsCueWord("np_stop", toks[i].lower)) break;
    head = toks[i].lower;
    np_words.push_back(head);
    np_end = toks[i].end;
  }
  // block_after: only when no actor stands before the trigger in its clause
  // ("this will allow Ukraine to become …" enables; "the minister allowed the
  // opposition to hold a rally" permits).
  // (Past the phrase's of-chain: "allow the leadership of the Republic of
  // Kazakhstan to resolve …".)
  size_t after = i;
  for (int links = 0; links < 3 && np_end > np_begin && after + 1 < toks.size() && toks[after].word &&
                      toks[after].lower == "of";
       ++links) {
    ++after;
    while (after < toks.size() && toks[after].word && ds.lex.IsCueWord("np_det", toks[after].lower)) ++after;
    for (int n = 0; after < toks.size() && n < 6; ++after, ++n) {
      if (!toks[after].word || ds.lex.IsCueWord("np_stop", toks[after].lower)) break;
    }
  }
  std::string after_np = after < toks.size() && toks[after].word && np_end > np_begin ? toks[after].lower : "";
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
  // "The meeting was attended by the ministers": a passive's by-phrase names
  // the doer, its object stands before the auxiliary.
  if (first_word == "by" && aux_before() >= 0) {
    head.clear();
    np_words.clear();
    np_actor = false;
  }
  if (head.empty()) {
    // Passive with nothing after it: the head before the auxiliary (and any
    // modal before it: "the report will be delivered"); "the summit, which
    // was attended by …": the relative's antecedent.
    int k = aux_before();
    while (k > 0 && toks[k - 1].word &&
           (ds.lex.IsCueWord("aux", toks[k - 1].lower) || ds.lex.IsCueWord("infinitive_marker", toks[k - 1].lower))) {
      --k;
    }
    if (k > 0 && toks[k - 1].word && (toks[k - 1].lower == "which" || toks[k - 1].lower == "that")) {
      --k;
      if (k > 0 && !toks[k - 1].word && s.text.substr(toks[k - 1].begin, 1) == ",") --k;
    }
    if (k > 0 && toks[k - 1].word) {
      head = toks[k - 1].lower;
      np_actor = std::any_of(s.actors.begin(), s.actors.end(), [&](const ActorInfo& a) {
        return a.end == toks[k - 1].end;
      });
      // The words of that phrase back to its determiner ("the plenary
      // session of the Parliament was attended").
      for (int j = k - 1, n = 0; j >= 0 && toks[j].word && n < 6; --j, ++n) {
        if (ds.lex.IsCueWord("np_det", toks[j].lower)) continue;
        np_words.push_back(toks[j].lower);
      }
    }
  }
  if (np_words.empty() && !head.empty()) np_words.push_back(head);
  // "@place": a place or country heading the phrase ("withdrew from Kherson"
  // withdraws troops, it leaves no agreement).
  const bool np_place = np_end > np_begin && std::any_of(s.actors.begin(), s.actors.end(), [&](const ActorInfo& a) {
    return !a.dropped && a.begin >= np_begin && a.end == np_end &&
           (a.place || a.kind == ActorKind::kPlace || a.kind == ActorKind::kCountry);
  });
  for (const auto& w : e.object_block) {
    if (w == "@place" && np_place) {
      if (by_place) *by_place = true;
      return true;
    }
    if (first_word == w) return true;
    for (const auto& n : np_words) {
      if (SameNoun(n, w)) return true;
    }
  }
  if (!e.object_allow.empty()) {
    // ("@org_only": only an organisation heading the phrase allows it —
    // "joined NATO", not "joined France in calling for …".)
    const bool org_only = std::find(e.object_allow.begin(), e.object_allow.end(), "@org_only") != e.object_allow.end();
    const bool np_org = np_end > np_begin && std::any_of(s.actors.begin(), s.actors.end(), [&](const ActorInfo& a) {
      return !a.dropped && a.begin >= np_begin && a.end == np_end && a.kind == ActorKind::kOrganisation;
    });
    if (np_actor && (!org_only || np_org)) return false;
    // A recipient: "gave Ukraine 5,000 helmets", "gave 5,000 helmets to Ukraine".
    const bool recipient = std::any_of(s.actors.begin(), s.actors.end(), [&](const ActorInfo& a) {
      if (a.dropped || a.place || a.begin < h.end || a.begin - h.end > 60) return false;
      return a.begin == np_begin || (a.begin >= 3 && s.text.substr(a.begin - 3, 3) == "to ");
    });
    // ("@no_recipient": a recipient alone makes no aid of it — "sent a
    // message of greetings to the skaters".)
    const bool strict = std::find(e.object_allow.begin(), e.object_allow.end(), "@no_recipient") != e.object_allow.end();
    if (recipient && !strict && ds.lex.Type(e.type) && ds.lex.Type(e.type)->family == "aid") return false;
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

Before WordBefore(const DocState& ds, const SentenceInfo& s, const std::vector<Tok>& toks, const TriggerHit& h) {
  int k = -1;
  for (size_t i = 0; i < toks.size() && toks[i].end <= h.begin; ++i) k = int(i);
  auto adverb = [&](const Tok& t) {
    return t.word && ((t.lower.size() > 3 && t.lower.compare(t.lower.size() - 2, 2, "ly") == 0) ||
                      ds.lex.IsCueWord("skip_adverb", t.lower));
  };
  for (int skipped = 0; k >= 0 && skipped < 2 && adverb(toks[k]) && !ds.lex.IsCueWord("infinitive_marker", toks[k].lower); ++skipped) --k;
  if (k < 0 || !toks[k].word) return Before::kOther;
  std::string w = toks[k].lower;
  // "did not", "n't" and friends are one or two tokens: either is a marker.
  if (ds.lex.IsCueWord("infinitive_marker", w) || (w.size() > 3 && w.compare(w.size() - 3, 3, "n't") == 0) ||
      (w.size() > 5 && w.compare(w.size() - 5, 5, "n\xE2\x80\x99t") == 0)) {
    return Before::kMarker;
  }
  if (ds.lex.IsCueWord("subject_word", w)) return Before::kSubject;
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
bool GenericRelation(const DocState& ds, const SentenceInfo& s, const std::vector<Tok>& toks, const TriggerHit& h) {
  const internal::TriggerEntry& e = *h.entry;
  if (!ds.lex.IsCueWord("relation_trigger", internal::AsciiLower(e.text))) return false;
  bool english = internal::IsAsciiAlnum(s.text[h.begin]);
  const Span& cl = s.clauses[ClauseOf(s.clauses, h.begin)];
  for (const auto& cue : ds.lex.FindCues("generic_before", s.text)) {
    if (cue.begin < cl.begin || cue.end > h.begin || InsideTrigger(s, cue)) continue;
    std::string_view gap = s.text.substr(cue.end, h.begin - cue.end);
    size_t words = std::count(gap.begin(), gap.end(), ' ');
    if ((english && words <= 4) || (!english && gap.size() <= 15)) return true;
  }
  if (english) {
    std::string_view after = s.text.substr(h.end, std::min<size_t>(24, s.text.size() - h.end));
    for (const auto& cue : ds.lex.FindCues("generic_after", after)) {
      if (Trim(after.substr(0, cue.begin)).empty()) return true;
    }
  }
  std::string surface = internal::AsciiLower(s.text.substr(h.begin, h.end - h.begin));
  std::string singular = surface.size() > 1 && surface.back() == 's' ? surface.substr(0, surface.size() - 1) : surface;
  if (!english || !(ds.lex.IsCueWord("relation_noun", surface) || ds.lex.IsCueWord("relation_noun", singular))) return false;
  // A verb entry used as a noun: its base form after no subject and no marker.
  if (e.pos == 'v' && (surface != internal::AsciiLower(e.text) || WordBefore(ds, s, toks, h) != Before::kOther)) {
    return false;
  }
  return !OccurrenceVerbBefore(ds, s, h.begin);
}

// An English verb trigger in the present simple (base form or -s form after
// its subject): "our countries cooperate", "Germany supports".
bool PresentSimple(const DocState& ds, const SentenceInfo& s, const std::vector<Tok>& toks, const TriggerHit& h) {
  const internal::TriggerEntry& e = *h.entry;
  if (e.pos != 'v' || !internal::IsAsciiAlnum(s.text[h.begin])) return false;
  std::string base = internal::AsciiLower(e.text.substr(0, e.text.find(' ')));
  std::string_view surf = s.text.substr(h.begin, h.end - h.begin);
  std::string w = internal::AsciiLower(surf.substr(0, surf.find(' ')));
  bool present = w == base || w == base + "s" || w == base + "es" ||
                 (base.size() > 1 && base.back() == 'y' && w == base.substr(0, base.size() - 1) + "ies");
  if (!present || WordBefore(ds, s, toks, h) != Before::kSubject) return false;
  // "I propose", "we insist", "we condemn": a first-person speech act is done
  // by saying it, not a habit.
  static const std::set<std::string> kSpeechActs = {"demand", "appeal", "intent", "disapprove", "reject", "threaten"};
  const EventTypeInfo* t = ds.lex.Type(e.type);
  if (t && kSpeechActs.count(t->family)) {
    for (size_t i = 0; i < toks.size() && toks[i].end <= h.begin; ++i) {
      if (toks[i].word && ds.lex.IsCueWord("performative_subject", toks[i].lower) && h.begin - toks[i].end <= 24) return false;
    }
  }
  return true;
}

// "the 2010 OSCE Astana Declaration", "the Joint Statement on Strategic
// Partnership": a capitalised document noun (cue kind document_noun), heading
// its noun phrase right after a capitalised word or a year, or followed by
// on/of/between/for and a capitalised word, names a text; no
// occurrence verb in its clause ("adopted", "signed": "a Joint Statement was
// adopted") tells it.
bool NamedDocumentNoun(const DocState& ds, const SentenceInfo& s, const Cand& c) {
  if (!s.chunked) return false;
  const ChunkedSentence& cs = *s.chunked;
  const size_t t = TriggerToken(cs, c);
  if (t == 0 || t >= cs.tokens.size() || c.end - c.begin != cs.tokens[t].end - cs.tokens[t].begin) return false;
  const int chunk = ChunkAt(cs, c.begin);
  if (chunk < 0 || cs.chunks[chunk].kind != ChunkKind::kNounPhrase) return false;
  const Token& w = cs.tokens[t];
  if (w.text.empty() || !(w.text[0] >= 'A' && w.text[0] <= 'Z') || !ds.lex.IsCueWord("document_noun", w.text)) {
    return false;
  }
  const Token& prev = cs.tokens[t - 1];
  // (Or a title after it: "the Declaration on Forest and Land Use", "the
  // Statement of the CIS Heads of State", "the Memorandum of Cooperation".)
  auto capitalised = [](const Token& k) { return !k.text.empty() && k.text[0] >= 'A' && k.text[0] <= 'Z'; };
  // (Not one opening the sentence: a headline "Joint Statement of …" is
  // the statement the release gives.)
  bool titled = false;
  if (cs.chunks[chunk].begin_token > 0 && t + 2 < cs.tokens.size()) {
    const std::string& p = cs.tokens[t + 1].lower;
    if (p == "on" || p == "of" || p == "between" || p == "for") {
      const size_t k = cs.tokens[t + 2].lower == "the" && t + 3 < cs.tokens.size() ? t + 3 : t + 2;
      titled = capitalised(cs.tokens[k]);
    }
  }
  const bool named = (capitalised(prev) && t - 1 > 0) || prev.tag == Tag::kNumber || titled;
  if (!named) return false;
  const Span& cl = s.clauses[ClauseOf(s.clauses, c.begin)];
  for (const auto& cue : ds.lex.FindCues("occurrence_verb", s.text)) {
    if (cue.begin >= cl.begin && cue.end <= cl.end) return false;
  }
  return true;
}

// A named document, a reference to a text: an English nominal agreement
// trigger that is part of a name — capitalised inside the sentence (the
// Association Agreement) or right after a place (the Minsk agreements, the
// Paris Agreement) — or any named document noun (NamedDocumentNoun).
bool DocumentName(const DocState& ds, const SentenceInfo& s, const Cand& c) {
  char first = s.text[c.begin];
  if (!internal::IsAsciiAlnum(first)) return false;
  if (c.entry->pos != 'n' || c.type == nullptr || c.type->family != "agreement") {
    return NamedDocumentNoun(ds, s, c);
  }
  std::string_view before = s.text.substr(0, c.begin);
  while (!before.empty() && before.back() == ' ') before.remove_suffix(1);
  if (before.empty()) return false;  // sentence-initial capital
  if (first >= 'A' && first <= 'Z') return true;
  return std::any_of(s.actors.begin(), s.actors.end(), [&](const ActorInfo& a) {
    return a.end == before.size() && (a.place || a.kind == ActorKind::kPlace);
  });
}

// "with the assistance of Turkey", "at the initiative of Russia": a manner
// phrase (cue kind manner_of) names who took part in the event it modifies;
// its noun is no event of its own.
bool InMannerPhrase(const DocState& ds, const SentenceInfo& s, const TriggerHit& h) {
  for (const auto& cue : ds.lex.FindCues("manner_of", s.text)) {
    if (cue.begin <= h.begin && h.end <= cue.end) return true;
  }
  return false;
}

// "assault weapons", "offensive weapon systems", "a negotiating process": an
// English trigger inside a noun phrase that is not its head names a kind of
// thing, no happening — unless the head is a trigger too ("ceasefire talks")
// or a noun of happenings (cue kind event_head: a sanctions package, a
// bombing campaign).
bool Modifier(const DocState& ds, const SentenceInfo& s, const TriggerHit& h) {
  // Noun entries, or a verb entry in its base form ("assault weapons"): a
  // verb's participle there is more often a verb the chunker took for an
  // adjective ("agents sexually abused immigrants", "the besieged town").
  if (!s.chunked || !internal::IsAsciiAlnum(s.text[h.begin])) return false;
  if (h.entry->pos != 'n') {
    const std::string surface = internal::AsciiLower(s.text.substr(h.begin, h.end - h.begin));
    if (surface != internal::AsciiLower(h.entry->text) || surface.ends_with("ed") || surface.ends_with("ing")) {
      return false;
    }
  }
  const ChunkedSentence& cs = *s.chunked;
  for (const Chunk& ch : cs.chunks) {
    if (ch.kind != ChunkKind::kNounPhrase || ch.head >= cs.tokens.size()) continue;
    const Token& head = cs.tokens[ch.head];
    const Token& first = cs.tokens[ch.begin_token];
    if (h.begin < first.begin || h.end > head.begin) continue;  // not before the head inside this phrase
    if (head.capitalised || ds.lex.IsCueWord("event_head", head.lower)) return false;
    bool head_trigger = std::any_of(s.hits.begin(), s.hits.end(), [&](const TriggerHit& o) {
      return !o.blocker() && o.begin <= head.begin && head.end <= o.end;
    });
    return !head_trigger && head.tag == Tag::kNoun;
  }
  return false;
}

}  // namespace

bool OccurrenceVerbBefore(const DocState& ds, const SentenceInfo& s, uint32_t pos) {
  const Span& cl = s.clauses[ClauseOf(s.clauses, pos)];
  for (const auto& cue : ds.lex.FindCues("occurrence_verb", s.text)) {
    if (cue.begin >= cl.begin && cue.end <= pos) return true;
  }
  return false;
}

void FindCandidates(DocState& ds, uint32_t si, const std::vector<Tok>& toks) {
  SentenceInfo& s = ds.sents[si];
  const TriggerHit* prev_verb = nullptr;
  for (auto& h : s.hits) {
    if (h.blocker()) continue;
    const EventTypeInfo* sense = EnglishVerbSense(ds, s, h, ds.lex.Type(h.entry->type));
    bool resensed = sense != ds.lex.Type(h.entry->type);
    bool by_place = false;
    if (sense && !resensed && WrongSense(ds, s, toks, h, &by_place)) {
      // "Russia withdrew from Kherson": a phrase trigger whose object rules
      // its sense out falls back on its first word's own trigger, under that
      // one's object lists ("withdrew" withdraws troops); the hit is
      // rewritten so that the later stages see the same trigger.
      const size_t sp = s.text.substr(h.begin, h.end - h.begin).find(' ');
      std::vector<TriggerHit> first =
          sp == std::string_view::npos ? std::vector<TriggerHit>{} : ds.lex.FindTriggers(s.text.substr(h.begin, sp));
      if (first.size() != 1 || first[0].blocker() || first[0].begin != 0 || first[0].end != sp) continue;
      // (A verb of its own, or any when a place heads the object: "troops
      // withdrew from the disputed town"; the noun "talks" of "talks to
      // develop guarantees" is no fallen-back act.)
      if (!by_place && first[0].entry->pos == 'n') continue;
      const TriggerHit shorter{h.begin, uint32_t(h.begin + sp), first[0].entry};
      if (WrongSense(ds, s, toks, shorter)) continue;
      h = shorter;
      sense = EnglishVerbSense(ds, s, h, ds.lex.Type(h.entry->type));
      resensed = false;
    }
    if (!sense || GenericRelation(ds, s, toks, h) || Modifier(ds, s, h) || InMannerPhrase(ds, s, h)) {
      continue;
    }
    // A trigger inside a time expression ("March 2022") is part of the date.
    bool in_time = std::any_of(ds.times.begin(), ds.times.end(), [&](const TimeMention& t) {
      return t.begin < s.begin + h.end && s.begin + h.begin < t.end;
    });
    if (in_time) continue;
    const EventTypeInfo* type = ds.lex.Type(h.entry->type);
    // 撕毁了…协议, signed the agreement: the nominal agreement is the
    // verb's object, not a happening of its own.
    // Likewise "attend the conference", "joined the talks": a meeting noun
    // after a meeting verb is that verb's object.
    const EventTypeInfo* verb_type = prev_verb ? ds.lex.Type(prev_verb->entry->type) : nullptr;
    // "lifted the blockade": the measure is what the easing verb eases.
    bool eased = verb_type && (verb_type->type == "ease_restrictions" || verb_type->type == "ease_sanctions" ||
                               verb_type->type == "lift_blockade");
    // "provides assistance to Brazil": a noun of the verb's own type is its object.
    // "signed a joint declaration": what is signed is a document, of any type
    // (its object, at most two words after the verb; "on cooperation" after it stays).
    const bool signed_object = verb_type && verb_type->type == "sign_agreement" && h.begin >= prev_verb->end &&
                               std::count(s.text.begin() + prev_verb->end, s.text.begin() + h.begin, ' ') <= 3;
    bool object_noun = type->family == "agreement" || signed_object ||
                       (type->family == "talks" && verb_type && verb_type->family == "talks") || eased ||
                       (verb_type && verb_type->type == type->type);
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
    c.type = sense;
    s.cands.push_back(ds.cands.size());
    ds.cands.push_back(std::move(c));
  }
}

void MarkGeneric(const DocState& ds, const SentenceInfo& s, const std::vector<Tok>& toks, uint32_t si, Cand& c) {
  // An act named by the anniversary a sentence marks ("on the 30th
  // anniversary of Canada's recognition of Ukraine's independence") is a
  // mention inside a phrase, no happening of its own (dates.cc marks it).
  if (c.anniversary) {
    c.generic = true;
    return;
  }
  // A present-simple habitual with no date of its own ("our countries
  // cooperate closely", "Germany supports") states a relation; the lead
  // sentence (a headline in the present) is exempt.
  if (si > 0 && c.basis.empty() && !HiddenByDefault(c.modality) && c.modality != Modality::kPlanned) {
    TriggerHit hit{c.begin, c.end, c.entry};
    c.generic = PresentSimple(ds, s, toks, hit);
  }
  // A named document (the Minsk Agreements, the Paris Agreement, the
  // Association Agreement, the 2010 OSCE Astana Declaration) with no date of
  // its own is a reference to a text, not a happening; "signed the …
  // Agreement" is the verb's event.
  if (c.basis.empty() && DocumentName(ds, s, c)) c.generic = true;
  if (!c.generic && NoHappening(ds, s, si, c)) c.generic = true;
  // A noun named as a topic or a contingency, not as what happened
  // ("preparations for elections", "demands concerning the deployment", "in
  // case of an attack"; cue kind topic_frame): no event, whatever the date of
  // its sentence.
  for (const auto& cue : ds.lex.FindCues("topic_frame", s.text)) {
    if (cue.end > c.begin) continue;
    // English: the frame holds its whole list, up to the next finite verb
    // ("demands concerning the prevention of expansion, a refusal to deploy
    // weapons and the return of forces"; "in case of an attack, NATO will respond").
    if (s.chunked && internal::IsAsciiAlnum(s.text[c.begin])) {
      const ChunkedSentence& cs = *s.chunked;
      bool finite_between = false;
      for (const Chunk& ch : cs.chunks) {
        uint32_t b = cs.tokens[ch.begin_token].begin;
        if (b < cue.end || b > c.begin) continue;  // the trigger's own verb group counts
        finite_between |= ch.kind == ChunkKind::kVerbGroup && ch.finite && !ch.infinitive;
        finite_between |= ch.kind == ChunkKind::kPunct && cs.tokens[ch.begin_token].text == ";";
      }
      if (!finite_between) c.generic = true;
      continue;
    }
    if (c.begin - cue.end > 40) continue;
    std::string_view gap = s.text.substr(cue.end, c.begin - cue.end);
    if (std::count(gap.begin(), gap.end(), ' ') > 3 || gap.find_first_of(",;.") != std::string_view::npos) continue;
    bool trigger_between = std::any_of(s.hits.begin(), s.hits.end(), [&](const TriggerHit& h) {
      return !h.blocker() && h.begin >= cue.end && h.end <= c.begin;
    });
    if (!trigger_between) c.generic = true;
  }
}

}  // namespace kbq::ingest::events
