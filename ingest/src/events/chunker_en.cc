// Tokens, part-of-speech guesses and chunks (chunker_en.h); the clause roles
// are in clause_roles_en.cc.
#include "events/chunker_en.h"

#include <algorithm>
#include <cctype>

#include "text_util.h"

namespace kbq::ingest::events {
namespace {

bool IsAlnum(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// Length of a punctuation mark written in UTF-8 that starts at s[i] (typographic
// quotes, dashes, ellipsis, guillemets), or 0.
size_t Utf8PunctLength(std::string_view s, size_t i) {
  if (s.compare(i, 2, "\xC2\xAB") == 0 || s.compare(i, 2, "\xC2\xBB") == 0) return 2;
  if (s.compare(i, 2, "\xE2\x80") == 0 && i + 2 < s.size()) {
    unsigned char c = s[i + 2];
    if ((c >= 0x90 && c <= 0x9F) || c == 0xA6) return 3;  // dashes, quotes, …
  }
  return 0;
}

// Length of an apostrophe at s[i] (' or U+2019), or 0.
size_t ApostropheLength(std::string_view s, size_t i) {
  if (s[i] == '\'') return 1;
  if (s.compare(i, 3, "\xE2\x80\x99") == 0) return 3;
  return 0;
}

bool IsWordByte(std::string_view s, size_t i) {
  unsigned char c = s[i];
  return IsAlnum(c) || c == '-' || (c >= 0x80 && Utf8PunctLength(s, i) == 0);
}

// The clitic a word ends with, as its length in bytes of `word` (n't, 's, 're,
// 've, 'll, 'd, 'm), or 0.
size_t CliticLength(std::string_view word) {
  std::string lower = internal::AsciiLower(word);
  for (std::string_view apos : {std::string_view("'"), std::string_view("\xE2\x80\x99")}) {
    std::string nt = "n" + std::string(apos) + "t";
    if (lower.size() > nt.size() && lower.compare(lower.size() - nt.size(), nt.size(), nt) == 0) return nt.size();
    for (std::string_view tail : {"s", "re", "ve", "ll", "d", "m"}) {
      std::string c = std::string(apos) + std::string(tail);
      if (lower.size() > c.size() && lower.compare(lower.size() - c.size(), c.size(), c) == 0) return c.size();
    }
  }
  return 0;
}

void PushToken(std::string_view s, size_t b, size_t e, std::vector<Token>* out) {
  Token t;
  t.begin = static_cast<uint32_t>(b);
  t.end = static_cast<uint32_t>(e);
  t.text = std::string(s.substr(b, e - b));
  t.lower = internal::AsciiLower(t.text);
  // One spelling for clitics: ’s → 's.
  size_t p = t.lower.find("\xE2\x80\x99");
  if (p != std::string::npos) t.lower.replace(p, 3, "'");
  t.lemma = t.lower;
  t.capitalised = t.text[0] >= 'A' && t.text[0] <= 'Z';
  out->push_back(std::move(t));
}

}  // namespace

std::vector<Token> TokenizeEnglish(std::string_view s) {
  std::vector<Token> out;
  bool next_initial = true;
  for (size_t i = 0; i < s.size();) {
    unsigned char c = s[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      ++i;
      continue;
    }
    if (!IsWordByte(s, i)) {
      size_t n = std::max<size_t>(1, Utf8PunctLength(s, i));
      PushToken(s, i, i + n, &out);
      out.back().tag = Tag::kPunct;
      std::string_view p = out.back().text;
      // A quotation, a colon or a dash opens a new sentence-like start.
      next_initial = next_initial || p == "\"" || p == ":" || p == "(" || p == "\xE2\x80\x9C" || n == 3;
      i += n;
      continue;
    }
    size_t j = i;
    while (j < s.size()) {
      if (IsWordByte(s, j)) { ++j; continue; }
      size_t a = ApostropheLength(s, j);
      if (a > 0 && j + a < s.size() && IsAlnum(s[j + a])) { j += a; continue; }
      // U.S., 3.5: a dot between two word characters, and the final dot of an abbreviation.
      if (s[j] == '.' && j + 1 < s.size() && IsAlnum(s[j + 1]) && IsAlnum(s[j - 1])) { ++j; continue; }
      if (s[j] == '.' && s.substr(i, j - i).find('.') != std::string_view::npos) ++j;
      break;
    }
    // A trailing hyphen is punctuation.
    while (j > i + 1 && s[j - 1] == '-') --j;
    std::string_view word = s.substr(i, j - i);
    size_t clitic = CliticLength(word);
    size_t stem_end = j - clitic;
    if (clitic > 0 && stem_end > i) {
      PushToken(s, i, stem_end, &out);
      out.back().initial = next_initial;
      PushToken(s, stem_end, j, &out);
    } else {
      PushToken(s, i, j, &out);
      out.back().initial = next_initial;
    }
    next_initial = false;
    i = j;
  }
  return out;
}

// ---- tagging ----------------------------------------------------------------
namespace {

bool IsNominal(Tag t) { return t == Tag::kNoun || t == Tag::kProperNoun || t == Tag::kPronoun || t == Tag::kNumber; }

// Sets the lemma and inflection of `t` for part of speech `pos` (the first
// reading of that part of speech: irregular, base, then regular rules).
void Choose(Token* t, Tag tag, PosBit pos, const std::vector<LemmaCandidate>& readings) {
  t->tag = tag;
  for (const LemmaCandidate& r : readings) {
    if (r.pos == pos) {
      t->lemma = r.lemma;
      t->inflection = r.inflection;
      return;
    }
  }
}

// The tag of a closed-class word, before context (a few are settled in context
// by TagInContext).
bool TagClosed(Token* t, const Token* prev) {
  const ClosedSet c = t->closed;
  // Capitalised inside a sentence: US, May, Will are names, not pronouns or modals.
  bool all_caps = t->text.size() > 1 && std::all_of(t->text.begin(), t->text.end(),
                                                    [](char ch) { return (ch >= 'A' && ch <= 'Z') || ch == '.'; });
  if (all_caps && t->lower != "i") return false;
  if (t->capitalised && !t->initial && (c & ~(kModal | kTimeNoun)) == 0) return false;
  if (t->lower == "'s") {
    t->tag = prev != nullptr && prev->tag == Tag::kPronoun ? Tag::kAux : Tag::kPossMarker;
    if (t->tag == Tag::kAux) t->lemma = "be";
    return true;
  }
  if (c & (kBe | kHave | kDo)) {
    t->tag = Tag::kAux;
    t->lemma = (c & kBe) ? "be" : (c & kHave) ? "have" : "do";
    if (t->lower == "been" || t->lower == "had" || t->lower == "did" || t->lower == "was" || t->lower == "were") {
      t->inflection = Inflection::kPast;
    } else if (t->lower == "being" || t->lower == "having" || t->lower == "doing") {
      t->inflection = Inflection::kGerund;
    }
  } else if (c & kModal) {
    t->tag = Tag::kModal;
    if (t->lower == "ca" || t->lower == "cannot") t->lemma = "can";
    if (t->lower == "wo" || t->lower == "'ll") t->lemma = "will";
  } else if (c & kNeg) {
    t->tag = Tag::kNeg;
  } else if (c & kTo) {
    t->tag = Tag::kTo;  // a preposition unless a verb follows: TagInContext
  } else if (c & kPronPoss) {
    t->tag = Tag::kPossPron;  // "her" settled in context
  } else if (c & kRel) {
    t->tag = (c & kDet) ? Tag::kDet : Tag::kRel;  // "that", "which" settled in context
  } else if (c & kDet) {
    t->tag = Tag::kDet;
  } else if (c & (kPronSubj | kPronObj | kPron)) {
    t->tag = Tag::kPronoun;
  } else if (c & kPrep) {
    t->tag = Tag::kPrep;  // "after", "before" settled in context
  } else if (c & kConj) {
    t->tag = Tag::kConj;
  } else if (c & kSubConj) {
    t->tag = Tag::kSubConj;
  } else if (c & kWh) {
    t->tag = Tag::kRel;
  } else {
    return false;  // time nouns and the rest are open class
  }
  return true;
}

// An open-class word's tag before context: one part of speech decides; two
// or more are left for TagInContext (the token keeps `possible`).
void TagOpen(Token* t, const std::vector<LemmaCandidate>& readings) {
  const PosSet p = t->possible;
  if (t->text[0] >= '0' && t->text[0] <= '9') {
    t->tag = Tag::kNumber;
  } else if ((t->capitalised && !t->initial) || (t->capitalised && p == 0)) {
    t->tag = Tag::kProperNoun;
    t->lemma = t->text;
  } else if (p == 0) {
    // Unknown word: its ending decides.
    auto ends = [&](std::string_view suf) {
      return t->lower.size() > suf.size() + 2 && t->lower.compare(t->lower.size() - suf.size(), suf.size(), suf) == 0;
    };
    if (ends("ly")) {
      t->tag = Tag::kAdv;
    } else if (ends("ed")) {
      t->tag = Tag::kVerb;
      t->inflection = Inflection::kPast;
    } else {
      t->tag = Tag::kNoun;
    }
  } else if (p == kPosAdv || (p & kPosAdv && t->lower.size() > 4 && t->lower.ends_with("ly"))) {
    t->tag = Tag::kAdv;
  } else if (p & kPosNoun) {
    Choose(t, Tag::kNoun, kPosNoun, readings);
  } else if (p & kPosVerb) {
    Choose(t, Tag::kVerb, kPosVerb, readings);
  } else {
    Choose(t, Tag::kAdj, kPosAdj, readings);
  }
}

bool IsTimeWord(const Token& t) { return (t.closed & kTimeNoun) != 0; }

// A word that may open a noun phrase's body (could be a noun or adjective).
bool NounLike(const Token& t) {
  return t.tag == Tag::kProperNoun || t.tag == Tag::kNumber ||
         (t.closed == 0 && t.tag != Tag::kPunct && (t.possible & (kPosNoun | kPosAdj)) != 0) ||
         IsTimeWord(t);
}

// "Russian-German", "US-Russia", "Franco-German": capitalised words joined
// by hyphens, each part capitalised, modify the noun after them.
bool NamePairCompound(std::string_view w) {
  size_t dash = w.find('-');
  if (dash == std::string_view::npos || dash == 0) return false;
  for (size_t at = 0; at < w.size();) {
    size_t end = w.find('-', at);
    if (end == std::string_view::npos) end = w.size();
    if (end == at || !std::isupper(static_cast<unsigned char>(w[at]))) return false;
    at = end + 1;
  }
  return w.back() != '-';
}

// The noun readings are all plurals (gives, strikes), none the word itself
// (news, series).
bool PluralOnlyNoun(const std::vector<LemmaCandidate>& readings) {
  bool plural = false;
  for (const LemmaCandidate& r : readings) {
    if (r.pos != kPosNoun) continue;
    if (r.inflection != Inflection::kPlural) return false;
    plural = true;
  }
  return plural;
}

// The readings make a past verb form and no base verb (met, held, called).
bool OnlyPastVerb(const std::vector<LemmaCandidate>& readings) {
  bool past = false;
  for (const LemmaCandidate& r : readings) {
    if (r.pos == kPosVerb && r.inflection == Inflection::kBase) return false;
    if (r.pos == kPosVerb && r.inflection == Inflection::kPast) past = true;
  }
  return past;
}

// A token after `i` that says a verb is coming (so `i` itself is no verb).
bool VerbFollows(const std::vector<Token>& toks, size_t i) {
  if (i + 1 >= toks.size()) return false;
  const Token& n = toks[i + 1];
  return n.tag == Tag::kAux || n.tag == Tag::kModal ||
         (n.closed == 0 && n.possible == kPosVerb && n.inflection != Inflection::kGerund);
}

// "forces in Guinea detained": a preposition and a plain noun phrase after
// `i`, then a finite verb that can be nothing else, so `i` heads the subject
// ("security forces") and is no verb itself.
bool VerbAfterAttachment(const std::vector<Token>& toks, const std::vector<std::vector<LemmaCandidate>>& readings,
                         size_t i) {
  if (i + 2 >= toks.size() || toks[i + 1].tag != Tag::kPrep) return false;
  size_t j = i + 2;
  size_t body = 0;
  while (j < toks.size() && body < 6) {
    const Token& n = toks[j];
    bool np = n.tag == Tag::kDet || n.tag == Tag::kProperNoun || n.tag == Tag::kNumber || n.tag == Tag::kPossPron ||
              n.tag == Tag::kPossMarker || n.tag == Tag::kAdj || n.tag == Tag::kNoun ||
              (n.closed == 0 && (n.possible & (kPosNoun | kPosAdj)) != 0 && (n.possible & kPosVerb) == 0);
    if (!np) break;
    ++j;
    ++body;
  }
  if (body == 0 || j >= toks.size()) return false;
  const Token& v = toks[j];
  if (v.tag == Tag::kAux || v.tag == Tag::kModal) return true;
  return v.closed == 0 && (v.possible & kPosNoun) == 0 && OnlyPastVerb(readings[j]);
}

// "On the eve of the New Year holidays, Zelensky met …": everything from the
// clause's start to `i` is prepositional phrases (a preposition, then noun
// phrases joined by prepositions) and a comma follows `i`, so `i` ends a
// fronted adverbial and is no verb (its would-be subject is a preposition's
// object).
bool EndsFrontedAdverbial(const std::vector<Token>& toks, size_t i) {
  if (i + 1 >= toks.size() || toks[i + 1].text != ",") return false;
  size_t j = i;
  while (j > 0) {
    const Token& b = toks[j - 1];
    if (b.tag == Tag::kPunct || b.tag == Tag::kConj || b.tag == Tag::kSubConj) break;
    const bool np = b.tag == Tag::kDet || b.tag == Tag::kProperNoun || b.tag == Tag::kNumber ||
                    b.tag == Tag::kPossPron || b.tag == Tag::kPossMarker || b.tag == Tag::kAdj ||
                    b.tag == Tag::kNoun || b.tag == Tag::kPrep;
    if (!np) return false;
    --j;
  }
  return j < i && toks[j].tag == Tag::kPrep;
}

}  // namespace

void TagEnglish(std::vector<Token>* tokens) {
  std::vector<Token>& toks = *tokens;
  const EnglishLexicon& lex = EnglishLexicon::Get();
  std::vector<std::vector<LemmaCandidate>> readings(toks.size());
  for (size_t i = 0; i < toks.size(); ++i) {
    Token& t = toks[i];
    if (t.tag == Tag::kPunct) continue;
    t.closed = lex.Closed(t.lower);
    readings[i] = lex.Lemmatize(t.lower);
    for (const LemmaCandidate& r : readings[i]) t.possible |= r.pos;
    if (t.closed != 0 && TagClosed(&t, i > 0 ? &toks[i - 1] : nullptr)) continue;
    TagOpen(&t, readings[i]);
  }
  // Context, left to right: each decision sees the ones before it.
  bool clause_has_verb = false;
  for (size_t i = 0; i < toks.size(); ++i) {
    Token& t = toks[i];
    const Token* prev = i > 0 ? &toks[i - 1] : nullptr;
    // Skip adverbs and negation looking back for the governing word.
    size_t k = i;
    while (k > 0 && (toks[k - 1].tag == Tag::kAdv || toks[k - 1].tag == Tag::kNeg)) --k;
    const Token* gov = k > 0 ? &toks[k - 1] : nullptr;
    const Token* next = i + 1 < toks.size() ? &toks[i + 1] : nullptr;
    if (t.tag == Tag::kPunct) {
      if (t.text != "," || (next != nullptr && next->tag == Tag::kConj)) clause_has_verb = false;
      continue;
    }
    // "at least three civilians", "at most 20": an adverb of degree, not a
    // preposition.
    if (t.lower == "at" && next != nullptr && (next->lower == "least" || next->lower == "most")) {
      t.tag = Tag::kAdv;
      toks[i + 1].tag = Tag::kAdv;
      ++i;
      continue;
    }
    // A conjunction keeps the clause's verb (met Biden and [trade ties]); a
    // subordinator or relative opens a new clause.
    if (t.tag == Tag::kSubConj || t.tag == Tag::kRel) clause_has_verb = false;
    if (t.tag == Tag::kTo) {
      // "to" + a word that can be a base verb → the infinitive marker.
      bool verb_next = next != nullptr && next->closed == 0 && (next->possible & kPosVerb) &&
                       next->tag != Tag::kProperNoun && !(next->possible & kPosNoun && next->lower.ends_with("s"));
      if (!verb_next) t.tag = Tag::kPrep;
      continue;
    }
    if (t.lower == "her") {
      t.tag = next != nullptr && NounLike(*next) ? Tag::kPossPron : Tag::kPronoun;
      continue;
    }
    if (t.tag == Tag::kDet && (t.closed & (kPron | kRel))) {
      // this/that/both/all: a determiner before a noun, else a pronoun or relative.
      bool before_noun = next != nullptr && NounLike(*next) && next->tag != Tag::kProperNoun;
      // "This gives Russia …", "that means": "this" and "that" take no plural
      // noun, so a plural-only noun reading that can be a verb is the verb.
      if (before_noun && (t.lower == "this" || t.lower == "that") && (next->possible & kPosVerb) &&
          PluralOnlyNoun(readings[i + 1])) {
        before_noun = false;
      }
      // The antecedent is right before the relative, or before a comma (the summit, which …).
      const Token* ante = prev != nullptr && prev->text == "," && i > 1 ? &toks[i - 2] : prev;
      if (!before_noun) t.tag = (t.closed & kRel) && ante != nullptr && IsNominal(ante->tag) ? Tag::kRel
                                : (t.closed & kSubConj) ? Tag::kSubConj : Tag::kPronoun;
      if (t.tag == Tag::kSubConj || t.tag == Tag::kRel) clause_has_verb = false;
      continue;
    }
    if (t.tag == Tag::kModal && t.initial && t.capitalised && i + 1 < toks.size() && OnlyPastVerb(readings[i + 1])) {
      t.tag = Tag::kProperNoun;  // May met Merkel: a name, since a modal takes a base verb
      t.lemma = t.text;
      continue;
    }
    if (t.tag == Tag::kAux || t.tag == Tag::kModal) {
      clause_has_verb = true;
      continue;
    }
    if (t.closed != 0 && !(t.closed & kTimeNoun) && t.tag != Tag::kProperNoun) continue;
    if (t.tag == Tag::kProperNoun || t.tag == Tag::kNumber) continue;
    const PosSet p = t.possible;
    const bool can_verb = (p & kPosVerb) != 0, can_noun = (p & kPosNoun) != 0, can_adj = (p & kPosAdj) != 0;
    // "was later called", "will soon visit": a word that can be an adverb
    // (never a verb) between a form of "be" or a modal and a word that can be
    // a verb (not an -ing form: "have very promising") is that adverb.
    if ((p & kPosAdv) && !can_verb && gov != nullptr &&
        ((gov->tag == Tag::kAux && gov->lemma == "be") || gov->tag == Tag::kModal) && next != nullptr &&
        next->closed == 0 && (next->possible & kPosVerb) && !next->lower.ends_with("ing")) {
      Choose(&t, Tag::kAdv, kPosAdv, readings[i]);
      continue;
    }
    // "a trilateral meeting", "the official visit": a word that is a noun or
    // an adjective (never a verb) between a determiner and a word that can be
    // a noun modifies it, so that word is the noun (not "The official says").
    if (!can_verb && can_noun && can_adj && gov != nullptr && (gov->tag == Tag::kDet || gov->tag == Tag::kPossPron) &&
        next != nullptr && next->closed == 0 && next->tag != Tag::kProperNoun && (next->possible & kPosNoun) &&
        !((next->possible & kPosVerb) && next->lower.ends_with("s"))) {
      Choose(&t, Tag::kAdj, kPosAdj, readings[i]);
      continue;
    }
    if (!can_verb || (!can_noun && !can_adj)) {
      // "a negotiating process", "its ruling party", "the killed journalists":
      // an -ing form or a past participle between a determiner and a noun
      // modifies the noun.
      if (can_verb && (t.inflection == Inflection::kGerund || t.inflection == Inflection::kPast) && gov != nullptr &&
          (gov->tag == Tag::kDet || gov->tag == Tag::kPossPron) && next != nullptr && next->closed == 0 &&
          next->tag != Tag::kProperNoun && (next->possible & kPosNoun)) {
        t.tag = Tag::kAdj;
        continue;
      }
      if (t.tag == Tag::kVerb && t.inflection != Inflection::kGerund) clause_has_verb = true;
      continue;
    }
    // "sanctions following the invasion", "News conference following
    // Russian-German talks": "following" right after a noun phrase and before
    // another, a verb or a clause's start, with no auxiliary, is the
    // preposition "after" (not "troops are following orders", not "the
    // following day").
    if (t.lower == "following" && (gov == nullptr || IsNominal(gov->tag) || gov->tag == Tag::kVerb || gov->text == ",") &&
        next != nullptr &&
        (next->tag == Tag::kDet || next->tag == Tag::kPossPron || NounLike(*next))) {
      t.tag = Tag::kPrep;
      continue;
    }
    // Ambiguous between verb and noun/adjective: the neighbours decide.
    const std::vector<LemmaCandidate>& r = readings[i];
    Inflection verb_infl = Inflection::kBase;
    for (const LemmaCandidate& c : r) {
      if (c.pos == kPosVerb) { verb_infl = c.inflection; break; }
    }
    Tag gt = gov != nullptr ? gov->tag : Tag::kPunct;
    bool verb = false;
    if (gt == Tag::kModal || gt == Tag::kTo || (gt == Tag::kAux && gov->lemma == "do") || (gt == Tag::kPronoun &&
        (gov->closed & kPronSubj) && !(gov->closed & kPronObj && clause_has_verb))) {
      verb = true;  // will meet, to visit, did call, they met
    } else if (gt == Tag::kAux) {
      verb = verb_infl == Inflection::kPast || verb_infl == Inflection::kGerund;  // was met, is meeting
      // A participle spelt like its base (hit, cut, put) after a perfect
      // or passive auxiliary: has hit, been cut, was put by …
      bool by_next = next != nullptr && next->lower == "by";
      if (!verb && verb_infl == Inflection::kBase &&
          (gov->lemma == "have" || gov->lower == "been" || gov->lower == "being" || by_next)) {
        verb = true;
        verb_infl = Inflection::kPast;
      }
    } else if (gt == Tag::kDet || gt == Tag::kPossPron || gt == Tag::kPossMarker || gt == Tag::kAdj ||
               gt == Tag::kNumber) {
      verb = false;  // the meeting, Russia's strikes, new sanctions, in talks
    } else if (gt == Tag::kPrep) {
      // A gerund taking an object after a preposition: for supporting Ukraine.
      verb = verb_infl == Inflection::kGerund && next != nullptr &&
             (next->tag == Tag::kDet || next->tag == Tag::kProperNoun || next->tag == Tag::kPossPron);
    } else if (verb_infl == Inflection::kPast && (!clause_has_verb || gt == Tag::kConj)) {
      verb = true;  // Xi met, forces struck, … and held
    } else if (gov != nullptr && gov->text == "," &&
               (verb_infl == Inflection::kPast || verb_infl == Inflection::kGerund)) {
      verb = true;  // …, killing dozens; the summit, which …, ended
    } else if ((gt == Tag::kProperNoun || gt == Tag::kNoun) && gov->capitalised &&
               ((gov->possible & kPosAdj) || NamePairCompound(gov->text)) && can_noun) {
      verb = false;  // a demonym before it: Russian forces, Ukrainian strikes, Russian-German talks
    } else if (gov != nullptr && IsNominal(gt) && !clause_has_verb) {
      // Russia strikes Kyiv; but: peace talks were held, security forces in
      // Guinea detained …
      verb = !VerbFollows(toks, i) && !VerbAfterAttachment(toks, readings, i) && !EndsFrontedAdverbial(toks, i);
    } else if (gov == nullptr || gt == Tag::kPunct || gt == Tag::kConj) {
      // Clause start: a verb when an argument follows and a subject came before it (and-ellipsis).
      verb = gt == Tag::kConj && next != nullptr &&
             (next->tag == Tag::kDet || next->tag == Tag::kProperNoun || next->tag == Tag::kPossPron);
    }
    if (verb) {
      Choose(&t, Tag::kVerb, kPosVerb, r);
      t.inflection = verb_infl;
      // A participle before "by" modifies a noun (drones launched by Russia) and leaves the clause its verb.
      bool participle = verb_infl == Inflection::kPast && gt != Tag::kAux && next != nullptr && next->lower == "by";
      if ((verb_infl != Inflection::kGerund || gt == Tag::kAux) && !participle) clause_has_verb = true;
    } else if (can_adj && next != nullptr && ((next->closed == 0 && (next->possible & kPosNoun)) || IsTimeWord(*next)) &&
               next->tag != Tag::kProperNoun) {
      Choose(&t, Tag::kAdj, kPosAdj, r);
    } else if (can_noun) {
      Choose(&t, Tag::kNoun, kPosNoun, r);
    } else {
      Choose(&t, Tag::kAdj, kPosAdj, r);
    }
  }
  // Prepositions that introduce a clause (after they met …) are subordinators.
  for (size_t i = 0; i + 1 < toks.size(); ++i) {
    Token& t = toks[i];
    if (t.tag != Tag::kPrep || !(t.closed & kSubConj)) continue;
    for (size_t j = i + 1; j < toks.size() && j < i + 12; ++j) {
      Tag g = toks[j].tag;
      if (g == Tag::kPunct || g == Tag::kPrep || g == Tag::kConj) break;
      if (g == Tag::kAux || g == Tag::kModal || (g == Tag::kVerb && toks[j].inflection != Inflection::kGerund)) {
        if (j > i + 1) t.tag = Tag::kSubConj;
        break;
      }
    }
  }
}

// ---- chunks -------------------------------------------------------------------
namespace {

bool InNounPhrase(Tag t) {
  return t == Tag::kNoun || t == Tag::kProperNoun || t == Tag::kAdj || t == Tag::kNumber;
}


// The noun phrase starting at token i; returns its end.
size_t NounPhrase(const std::vector<Token>& toks, size_t i, Chunk* c) {
  size_t j = i;
  if (toks[j].tag == Tag::kPronoun) {
    c->head = static_cast<uint32_t>(j);
    return j + 1;
  }
  if (toks[j].tag == Tag::kDet || toks[j].tag == Tag::kPossPron) ++j;
  int32_t head = -1;
  while (j < toks.size()) {
    const Token& t = toks[j];
    if (t.tag == Tag::kAdv && j + 1 < toks.size() && toks[j + 1].tag == Tag::kAdj) { ++j; continue; }
    if (t.tag == Tag::kPossMarker && head >= 0 && j + 1 < toks.size() && InNounPhrase(toks[j + 1].tag)) {
      c->possessor = head;  // Russia 's defence ministry
      head = -1;
      ++j;
      continue;
    }
    if (!InNounPhrase(t.tag)) break;
    // A time word after a name starts its own phrase: met Biden Monday.
    if (head >= 0 && IsTimeWord(t) && !IsTimeWord(toks[head]) && toks[head].tag != Tag::kNumber) break;
    if (t.tag != Tag::kAdj) head = static_cast<int32_t>(j);
    ++j;
  }
  if (j < toks.size() && toks[j].tag == Tag::kPossMarker && head >= 0) ++j;  // a trailing 's: Xi's
  if (head < 0) head = static_cast<int32_t>(j > i ? j - 1 : i);
  c->head = static_cast<uint32_t>(head);
  c->temporal = IsTimeWord(toks[head]) || (toks[head].tag == Tag::kNumber && head > 0 && IsTimeWord(toks[head - 1]));
  return std::max(j, i + 1);
}

// The verb group starting at token i; returns its end.
size_t VerbGroup(const std::vector<Token>& toks, size_t i, Chunk* c) {
  size_t j = i;
  if (toks[j].tag == Tag::kTo) {
    c->infinitive = true;
    ++j;
  }
  int32_t main = -1, last_aux = -1;
  while (j < toks.size()) {
    const Token& t = toks[j];
    if (t.tag == Tag::kNeg) {
      c->negated = true;
    } else if (t.tag == Tag::kModal) {
      if (c->modal.empty()) c->modal = t.lemma;
    } else if (t.tag == Tag::kAux) {
      // "has talks": an auxiliary followed by no verb is the main verb.
      last_aux = static_cast<int32_t>(j);
    } else if (t.tag == Tag::kVerb) {
      main = static_cast<int32_t>(j);
      ++j;
      break;
    } else if (t.tag != Tag::kAdv || j + 1 >= toks.size() ||
               !(toks[j + 1].tag == Tag::kVerb || toks[j + 1].tag == Tag::kAux || toks[j + 1].tag == Tag::kNeg)) {
      break;  // an adverb stays in the group only before a verb (has also met)
    }
    ++j;
  }
  if (main < 0) {
    main = last_aux >= 0 ? last_aux : static_cast<int32_t>(j > i ? j - 1 : i);
  } else if (toks[main].inflection == Inflection::kPast && last_aux >= 0) {
    // was met, has been received, got hit: passive when the auxiliary right before is be/get.
    c->passive = toks[last_aux].lemma == "be" && toks[last_aux].lower != "had";
  }
  if (main >= 0 && toks[main].tag == Tag::kVerb && toks[main].inflection == Inflection::kGerund && last_aux < 0 &&
      c->modal.empty()) {
    c->finite = false;  // after meeting Biden
  }
  if (toks[main].tag == Tag::kVerb && toks[main].inflection == Inflection::kPast && last_aux < 0 && c->modal.empty() &&
      j < toks.size() && toks[j].lower == "by" && i > 0 && toks[i - 1].tag != Tag::kPronoun) {
    c->passive = true;  // drones launched by Russia: a participle modifying the noun before it
    c->finite = false;
  }
  c->head = static_cast<uint32_t>(main);
  c->lemma = toks[main].lemma;
  return std::max(j, i + 1);
}

}  // namespace

std::vector<Chunk> ChunkEnglish(const std::vector<Token>& toks) {
  std::vector<Chunk> out;
  for (size_t i = 0; i < toks.size();) {
    Chunk c;
    c.begin_token = static_cast<uint32_t>(i);
    c.head = static_cast<uint32_t>(i);
    const Tag t = toks[i].tag;
    size_t end = i + 1;
    auto verb_next = [&](size_t k) {
      while (k < toks.size() && (toks[k].tag == Tag::kAdv || toks[k].tag == Tag::kNeg)) ++k;
      return k < toks.size() && (toks[k].tag == Tag::kVerb || toks[k].tag == Tag::kAux || toks[k].tag == Tag::kModal);
    };
    if (t == Tag::kDet || t == Tag::kPossPron || t == Tag::kPronoun || InNounPhrase(t)) {
      c.kind = ChunkKind::kNounPhrase;
      end = NounPhrase(toks, i, &c);
    } else if (t == Tag::kVerb || t == Tag::kAux || t == Tag::kModal || t == Tag::kTo ||
               ((t == Tag::kNeg || t == Tag::kAdv) && verb_next(i + 1))) {
      c.kind = ChunkKind::kVerbGroup;
      end = VerbGroup(toks, i, &c);
    } else if (t == Tag::kPrep) {
      c.kind = ChunkKind::kPreposition;
    } else if (t == Tag::kConj) {
      c.kind = ChunkKind::kConjunction;
    } else if (t == Tag::kSubConj || t == Tag::kRel) {
      c.kind = ChunkKind::kSubordinator;
    } else if (t == Tag::kPunct) {
      c.kind = ChunkKind::kPunct;
    }
    c.end_token = static_cast<uint32_t>(end);
    out.push_back(std::move(c));
    i = end;
  }
  return out;
}

std::string_view ChunkedSentence::HeadText(int64_t c) const {
  if (c < 0 || static_cast<size_t>(c) >= chunks.size()) return {};
  return tokens[chunks[c].head].text;
}

std::string ChunkedSentence::ChunkText(int64_t c) const {
  std::string out;
  if (c < 0 || static_cast<size_t>(c) >= chunks.size()) return out;
  for (uint32_t i = chunks[c].begin_token; i < chunks[c].end_token; ++i) {
    if (!out.empty()) out += ' ';
    out += tokens[i].text;
  }
  return out;
}

ChunkedSentence ChunkSentence(std::string_view sentence) {
  ChunkedSentence out;
  out.tokens = TokenizeEnglish(sentence);
  TagEnglish(&out.tokens);
  out.chunks = ChunkEnglish(out.tokens);
  out.clauses = FindClauseRoles(out.tokens, &out.chunks);
  return out;
}

}  // namespace kbq::ingest::events
