// Clause roles over chunks (chunker_en.h): noun-phrase groups (apposition,
// coordination), then one left-to-right pass that opens a clause per verb
// group and fills its subject, objects and prepositional attachments.
#include <algorithm>

#include "events/chunker_en.h"
#include "events/lexicon_en.h"

namespace kbq::ingest::events {
namespace {

// A noun phrase with its appositions and coordinated members, chunks [first, next).
struct Group {
  std::vector<uint32_t> nouns;  // the coordinated noun phrases (appositions left out)
  size_t next = 0;              // the chunk after the group
  bool temporal = false;
};

class ClauseBuilder {
 public:
  ClauseBuilder(const std::vector<Token>& toks, std::vector<Chunk>* chunks) : toks_(toks), chunks_(*chunks) {}
  std::vector<ClauseRoles> Run();

 private:
  bool Is(size_t k, ChunkKind kind) const { return k < chunks_.size() && chunks_[k].kind == kind; }
  bool IsPunct(size_t k, std::string_view p) const {
    return Is(k, ChunkKind::kPunct) && toks_[chunks_[k].begin_token].text == p;
  }
  // The current clause is a participle's ("… initiated by the Armenian
  // side") inside an outer clause still waiting for its verb.
  bool InParticiplePhrase() const {
    return all_[cur_].verb >= 0 && !chunks_[all_[cur_].verb].finite && !waiting_.empty();
  }
  bool IsFiniteVerb(size_t k) const {
    return Is(k, ChunkKind::kVerbGroup) && chunks_[k].finite && !chunks_[k].infinitive;
  }
  bool SentenceEnd(size_t k) const {
    return k >= chunks_.size() || IsPunct(k, ".") || IsPunct(k, "?") || IsPunct(k, "!") || IsPunct(k, ";");
  }
  size_t Apposition(size_t k);
  Group ParseGroup(size_t k, bool object_position, std::string_view via_prep = {});
  uint32_t NewClause(int32_t parent);
  void OnNounGroup(size_t k, size_t* next);
  void OnPreposition(size_t k, size_t* next);
  void OnVerbGroup(size_t k);
  void OnSubordinator(size_t k);
  ClauseRoles& cur() { return all_[cur_]; }

  const std::vector<Token>& toks_;
  std::vector<Chunk>& chunks_;
  std::vector<ClauseRoles> all_;
  uint32_t cur_ = 0;
  std::vector<uint32_t> waiting_;  // outer clauses whose verb comes after a nested clause
  std::vector<uint32_t> last_group_;
  bool after_conj_ = false;
  // The role of the last attachment that was not an of-phrase: 'w' with,
  // 'b' by, 0 none. "with the President of Lithuania X and the President of
  // Poland Y": the second head, parallel to the first, goes where it went.
  char head_role_ = 0;
};

// An apposition after the noun phrase at chunk k (", the Y of Z," or ", X,"
// after "the Y"): marks it and returns the chunk after it (its closing comma
// consumed), or k + 1 when there is none.
size_t ClauseBuilder::Apposition(size_t k) {
  if (!IsPunct(k + 1, ",") || !Is(k + 2, ChunkKind::kNounPhrase)) return k + 1;
  const Chunk& first = chunks_[k];
  const Chunk& second = chunks_[k + 2];
  Tag lead = toks_[second.begin_token].tag;
  bool described = lead == Tag::kDet || lead == Tag::kPossPron || second.possessor >= 0;
  bool named = toks_[first.begin_token].tag == Tag::kDet && toks_[second.head].tag == Tag::kProperNoun;
  if ((!described && !named) || second.temporal) return k + 1;
  size_t m = k + 3;
  // "the Y of Z": up to three "of"/"in"/"for" phrases inside the apposition.
  for (int n = 0; n < 3 && Is(m, ChunkKind::kPreposition) && Is(m + 1, ChunkKind::kNounPhrase); ++n) {
    std::string_view p = toks_[chunks_[m].begin_token].lower;
    if (p != "of" && p != "in" && p != "for" && p != "at") break;
    m += 2;
  }
  if (!IsPunct(m, ",") && !SentenceEnd(m)) return k + 1;
  // "by the European Union, the United States, Canada and the United Kingdom":
  // a bare name that a list goes on after is a list member, no apposition.
  if (m == k + 3 && named && IsPunct(m, ",") && Is(m + 1, ChunkKind::kNounPhrase) &&
      (Is(m + 2, ChunkKind::kConjunction) || IsPunct(m + 2, ","))) {
    return k + 1;
  }
  chunks_[k].apposition = static_cast<int32_t>(k + 2);
  chunks_[k + 2].appositive = true;
  return IsPunct(m, ",") ? m + 1 : m;
}

// The group at chunk k (a noun phrase). In object position a member followed
// by a finite verb is not coordinated: it is the next clause's subject.
// Inside an of-phrase, a member with an of-phrase of its own is parallel to
// the noun before the phrase, not to the phrase's noun: "the President of
// Ukraine and the Prime Minister of Canada" are two heads.
Group ClauseBuilder::ParseGroup(size_t k, bool object_position, std::string_view via_prep) {
  Group g;
  g.nouns.push_back(static_cast<uint32_t>(k));
  g.temporal = chunks_[k].temporal;
  size_t q = Apposition(k);
  const size_t first_end = q;
  for (;;) {
    // A list: (, NP)* ,? and|or NP
    size_t p = q;
    std::vector<size_t> members;
    while (IsPunct(p, ",") && Is(p + 1, ChunkKind::kNounPhrase) && members.size() < 16) {
      members.push_back(p + 1);
      p += 2;
    }
    if (IsPunct(p, ",")) ++p;
    if (!Is(p, ChunkKind::kConjunction) || !Is(p + 1, ChunkKind::kNounPhrase)) break;
    std::string_view conj = toks_[chunks_[p].begin_token].lower;
    if (conj != "and" && conj != "or") break;
    if (via_prep == "of" && Is(p + 2, ChunkKind::kPreposition) && toks_[chunks_[p + 2].begin_token].lower == "of") {
      break;
    }
    members.push_back(p + 1);
    // met Biden and Putin called …; but "between A and B" always takes both.
    // A comma list ("representatives of Germany, France, Ukraine and Russia
    // met") is one group too.
    if (object_position && IsFiniteVerb(p + 2) && via_prep != "between" && members.size() < 2) break;
    if (chunks_[p + 1].temporal != g.temporal) break;
    for (size_t mbr : members) g.nouns.push_back(static_cast<uint32_t>(mbr));
    q = p + 2;
  }
  // "During the telephone conversation, Vladimir Putin and President of
  // Uzbekistan Shavkat Mirziyoyev discussed …": in a phrase before the
  // clause's verb, a list after the first member's comma that runs (through
  // its of/in phrases) into a finite verb is that verb's subject.
  // (Also in a participle's phrase before it: "During a call initiated by the
  // Armenian side, Vladimir Putin and … discussed".)
  // (Only while that clause has no subject: "Advisers of Germany, France and
  // Ukraine met" is one of-list.)
  const bool before_verb = (cur().verb < 0 && cur().subject.empty()) ||
                           (InParticiplePhrase() && all_[waiting_.back()].subject.empty());
  if (!via_prep.empty() && before_verb && g.nouns.size() > 1 && IsPunct(first_end, ",")) {
    size_t v = q;
    for (int pairs = 0; pairs < 4 && Is(v, ChunkKind::kPreposition) && Is(v + 1, ChunkKind::kNounPhrase); ++pairs) {
      v += 2;
    }
    if (IsFiniteVerb(v)) {
      g.nouns.assign(1, static_cast<uint32_t>(k));
      q = first_end;
    }
  }
  g.next = q;
  return g;
}

uint32_t ClauseBuilder::NewClause(int32_t parent) {
  all_.emplace_back();
  all_.back().parent = parent;
  return static_cast<uint32_t>(all_.size() - 1);
}

void ClauseBuilder::OnNounGroup(size_t k, size_t* next) {
  // "Russia, Peskov said, shelled Kharkiv", "Kyiv, officials say, has agreed":
  // a noun phrase and a finite verb with nothing after it, set off by commas
  // between a subject and its finite verb, is a clause of its own (a
  // parenthetical); the subject waits for the verb after it.
  if (cur().verb < 0 && !cur().subject.empty() && k > 0 && IsPunct(k - 1, ",") && IsFiniteVerb(k + 1) &&
      IsPunct(k + 2, ",") && IsFiniteVerb(k + 3)) {
    const uint32_t n = NewClause(static_cast<int32_t>(cur_));
    all_[n].subject = {static_cast<uint32_t>(k)};
    waiting_.push_back(cur_);
    cur_ = n;
    *next = k + 1;
    last_group_ = {static_cast<uint32_t>(k)};
    return;
  }
  // After the comma that closes a participle's phrase ("During a call
  // initiated by the Armenian side, Vladimir Putin and Prime Minister of
  // Armenia Nikol Pashinyan discussed …") a group is no object of the
  // participle when it runs into a finite verb (below).
  const bool after_participle = k > 0 && IsPunct(k - 1, ",") && InParticiplePhrase();
  Group g = ParseGroup(k, cur().verb >= 0 && !after_participle);
  *next = g.next;
  last_group_ = g.nouns;
  // A time phrase is a time, unless a finite verb follows it (May met Merkel).
  if (g.temporal && !IsFiniteVerb(g.next)) {
    cur().times.insert(cur().times.end(), g.nouns.begin(), g.nouns.end());
    return;
  }
  // "…, but the withdrawal of Russian troops has not been observed": after a
  // conjunction, a noun phrase whose of/in/on attachments run up to a finite
  // verb is that verb's subject too (the attachments go to the new clause).
  // So after the comma that closes a participle's phrase.
  size_t verb_at = g.next;
  if ((after_conj_ || after_participle) && cur().verb >= 0 && !IsFiniteVerb(verb_at)) {
    for (int pairs = 0; pairs < (after_participle ? 4 : 2) && Is(verb_at, ChunkKind::kPreposition) &&
                        Is(verb_at + 1, ChunkKind::kNounPhrase);
         ++pairs) {
      verb_at += 2;
    }
    if (!IsFiniteVerb(verb_at)) verb_at = g.next;
  }
  if (cur().verb >= 0 && IsFiniteVerb(verb_at)) {
    // A new subject before a finite verb: the outer clause waiting for its
    // verb (after a nested clause), or a new clause (he said [they met]).
    if (!waiting_.empty() && !after_conj_) {
      cur_ = waiting_.back();
      waiting_.pop_back();
      if (!cur().subject.empty()) {
        cur_ = NewClause(static_cast<int32_t>(cur_));
      }
    } else {
      cur_ = NewClause(after_conj_ ? all_[cur_].parent : static_cast<int32_t>(cur_));
    }
    cur().subject = g.nouns;
    return;
  }
  if (cur().verb < 0) {
    // "The President of Ukraine and the Prime Minister of Canada": after a
    // conjunction the subject goes on.
    if (after_conj_ && !cur().subject.empty() && !cur().subject_inherited) {
      cur().subject.insert(cur().subject.end(), g.nouns.begin(), g.nouns.end());
    } else {
      cur().subject = g.nouns;
    }
  } else if (after_conj_ && head_role_ != 0 && Is(g.next, ChunkKind::kPreposition) &&
             toks_[chunks_[g.next].begin_token].lower == "of") {
    auto& to = head_role_ == 'w' ? cur().with_partner : cur().by_agent;
    to.insert(to.end(), g.nouns.begin(), g.nouns.end());
  } else {
    cur().objects.insert(cur().objects.end(), g.nouns.begin(), g.nouns.end());
    head_role_ = 0;
  }
}

void ClauseBuilder::OnPreposition(size_t k, size_t* next) {
  *next = k + 1;
  std::string prep = toks_[chunks_[k].begin_token].lower;
  if (cur().verb >= 0 && static_cast<size_t>(cur().verb) + 1 == k && cur().particle.empty()) {
    cur().particle = prep;  // called for, called on
  }
  if (!Is(k + 1, ChunkKind::kNounPhrase)) return;
  Group g = ParseGroup(k + 1, true, prep);
  *next = g.next;
  last_group_ = g.nouns;
  const bool passive = cur().verb >= 0 && chunks_[cur().verb].passive;
  if (prep == "by" && passive && !g.temporal) {
    cur().by_agent.insert(cur().by_agent.end(), g.nouns.begin(), g.nouns.end());
    head_role_ = 'b';
  } else if (prep == "with" && !g.temporal) {
    cur().with_partner.insert(cur().with_partner.end(), g.nouns.begin(), g.nouns.end());
    head_role_ = 'w';
  } else {
    cur().preps.push_back({prep, g.nouns, g.temporal});
    if (prep != "of") head_role_ = 0;
  }
}

void ClauseBuilder::OnVerbGroup(size_t k) {
  const Chunk& vg = chunks_[k];
  if (vg.infinitive || !vg.finite) {
    // A nested clause: its subject is the controller (urged Xi to …; called
    // on Russia to …; agreed to …), left empty for a participle.
    uint32_t n = NewClause(static_cast<int32_t>(cur_));  // before taking references: all_ grows
    ClauseRoles& c = all_[n];
    const ClauseRoles& o = all_[cur_];
    const bool after_comma = k > 0 && IsPunct(k - 1, ",");
    const bool after_for = k > 0 && Is(k - 1, ChunkKind::kPreposition) && toks_[chunks_[k - 1].begin_token].lower == "for";
    if (vg.infinitive || (after_for && !o.objects.empty())) {
      // urged [Xi] to …, thanked [Biden] for supporting …, called on [Russia] to …, [Xi] agreed to …
      const bool on_particle = o.particle == "on" || o.particle == "upon";
      // "we will be able to meet", "Kyiv is ready to talk": an adjective
      // after "be" passes the subject on; it is nobody itself.
      // (A word that can be an adjective, right before the infinitive.)
      bool adjective_complement = false;
      if (o.verb >= 0 && chunks_[o.verb].lemma == "be" && o.objects.size() == 1 && o.objects.back() + 1 == k) {
        // ("very happy": adverbs before it.)
        const Chunk& c = chunks_[o.objects.back()];
        const Token& w = toks_[c.end_token - 1];
        adjective_complement = w.tag == Tag::kAdj || (w.possible & kPosAdj);
        for (uint32_t t = c.begin_token; t + 1 < c.end_token; ++t) {
          if (toks_[t].tag != Tag::kAdv && !(toks_[t].possible & kPosAdv)) adjective_complement = false;
        }
      }
      // "accepted our invitation to visit Russia", "announced the decision
      // to withdraw": an infinitive after a singular act, plan or message
      // noun (WordNet noun.act, noun.cognition, noun.communication) with no
      // named possessor completes that noun; the clause's subject does it.
      bool act_noun = false, message_noun = false;
      if (!o.objects.empty() && o.verb >= 0) {
        const Chunk& np = chunks_[o.objects.back()];
        const Token& head = toks_[np.head < toks_.size() ? np.head : 0];
        const int noun_class = head.tag == Tag::kNoun && head.lower == head.lemma
                                   ? EnglishLexicon::Get().NounClass(head.lower) : 0;
        act_noun = (noun_class == 4 || noun_class == 9 || noun_class == 10) &&
                   (np.possessor < 0 || toks_[np.possessor].tag != Tag::kProperNoun);
        message_noun = act_noun && noun_class == 10;
      }
      // "renewed his invitation to Johnson to visit Ukraine", "an appeal to
      // the partners to provide aid": a message noun's (noun.communication)
      // to-phrase right before the infinitive names who is to do it ("paid a
      // visit to Brussels to take part" does not: a visit is an act).
      const bool to_addressee = message_noun && !o.preps.empty() && o.preps.back().prep == "to" &&
                                !o.preps.back().nouns.empty() && o.preps.back().nouns.back() + 1 == k;
      if (to_addressee) {
        c.subject = o.preps.back().nouns;
      } else if (!o.objects.empty() && !adjective_complement && !act_noun) {
        c.subject = {o.objects.back()};
      } else if (on_particle && !o.preps.empty() && o.preps.back().prep == o.particle) {
        c.subject = o.preps.back().nouns;
      } else {
        c.subject = o.subject;
      }
    } else if (vg.passive && !last_group_.empty() && Is(k - 1, ChunkKind::kNounPhrase)) {
      c.subject = last_group_;  // drones launched by Russia
    } else if (after_comma && o.verb >= 0) {
      c.subject = o.subject;  // …, killing dozens
    }
    c.subject_inherited = !c.subject.empty();
    c.verb = static_cast<int32_t>(k);
    if (o.verb < 0) waiting_.push_back(cur_);
    cur_ = n;
    return;
  }
  if (cur().verb < 0) {
    cur().verb = static_cast<int32_t>(k);
    return;
  }
  if (after_conj_) {
    // and-ellipsis: met Biden and held talks. A finite verb is coordinated
    // with the nearest finite clause around the current one: "agreed to make
    // every effort to achieve progress and called on Russia to resume …".
    // (Only a verb of its own tense, past or third person: "agreed to make
    // it and sign the deal" signs under "agreed to".)
    uint32_t base = cur_;
    auto finite = [&](uint32_t c) {
      return all_[c].verb >= 0 && chunks_[all_[c].verb].finite && !chunks_[all_[c].verb].infinitive;
    };
    if (OwnTense(toks_[vg.begin_token])) {
      while (!finite(base) && all_[base].parent >= 0 && all_[base].verb >= 0) {
        base = static_cast<uint32_t>(all_[base].parent);
      }
      if (!finite(base)) base = cur_;
    }
    uint32_t n = NewClause(all_[base].parent);
    all_[n].subject = all_[base].subject;
    all_[n].subject_inherited = true;
    all_[n].verb = static_cast<int32_t>(k);
    cur_ = n;
    return;
  }
  if (!waiting_.empty()) {
    cur_ = waiting_.back();  // Xi, who met Biden, [said]
    waiting_.pop_back();
    if (cur().verb < 0) {
      cur().verb = static_cast<int32_t>(k);
      return;
    }
  }
  cur_ = NewClause(static_cast<int32_t>(cur_));
  cur().verb = static_cast<int32_t>(k);
}

void ClauseBuilder::OnSubordinator(size_t k) {
  const Token& t = toks_[chunks_[k].begin_token];
  uint32_t n = NewClause(static_cast<int32_t>(cur_));
  if (t.tag == Tag::kRel && !last_group_.empty() && t.lower != "what") {
    all_[n].subject = last_group_;  // the antecedent; a later subject replaces it (the deal that Xi signed)
    all_[n].subject_inherited = true;
  }
  if (all_[cur_].verb < 0) waiting_.push_back(cur_);
  cur_ = n;
}

std::vector<ClauseRoles> ClauseBuilder::Run() {
  cur_ = NewClause(-1);
  for (size_t k = 0; k < chunks_.size();) {
    size_t next = k + 1;
    bool conj = false;
    switch (chunks_[k].kind) {
      case ChunkKind::kNounPhrase: {
        bool inherited = cur().subject_inherited && cur().verb < 0;
        OnNounGroup(k, &next);
        if (inherited && !cur().subject.empty() && cur().verb < 0) cur().subject_inherited = false;
        break;
      }
      case ChunkKind::kPreposition: OnPreposition(k, &next); break;
      case ChunkKind::kVerbGroup: OnVerbGroup(k); break;
      case ChunkKind::kSubordinator: OnSubordinator(k); break;
      case ChunkKind::kConjunction: conj = true; break;
      case ChunkKind::kPunct:
        if (SentenceEnd(k) || IsPunct(k, ":")) {
          waiting_.clear();
          cur_ = NewClause(-1);
        }
        conj = after_conj_ && IsPunct(k, ",");
        break;
      case ChunkKind::kOther: conj = after_conj_; break;
    }
    after_conj_ = conj;
    k = std::max(next, k + 1);
  }
  // Keep the clauses that have a verb, in the order of their verbs; a parent
  // without a verb gives way to its own parent.
  std::vector<uint32_t> order;
  for (uint32_t i = 0; i < all_.size(); ++i) {
    if (all_[i].verb >= 0) order.push_back(i);
  }
  std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) { return all_[a].verb < all_[b].verb; });
  std::vector<int32_t> index(all_.size(), -1);
  for (size_t i = 0; i < order.size(); ++i) index[order[i]] = static_cast<int32_t>(i);
  std::vector<ClauseRoles> out;
  out.reserve(order.size());
  for (uint32_t i : order) {
    ClauseRoles c = std::move(all_[i]);
    int32_t p = c.parent;
    while (p >= 0 && index[p] < 0) p = all_[p].parent;
    c.parent = p >= 0 ? index[p] : -1;
    out.push_back(std::move(c));
  }
  return out;
}

}  // namespace

std::vector<ClauseRoles> FindClauseRoles(const std::vector<Token>& tokens, std::vector<Chunk>* chunks) {
  return ClauseBuilder(tokens, chunks).Run();
}

}  // namespace kbq::ingest::events
