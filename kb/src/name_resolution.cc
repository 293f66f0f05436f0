#include "kbq/name_resolution.h"

#include <algorithm>

#include "kbq/names.h"

namespace kbq {
namespace {

// A place generated from a reference gazetteer (GeoNames cities, ISO 3166-2
// regions), not written by the team: its name is weaker evidence of what a
// user means than a known person's surname ("Austin", "Rubio", "Obama" are
// also towns), so they rank together and ambiguity is shown, not guessed.
bool Generated(const Actor& a) {
  return a.kind == ActorKind::kPlace &&
         (a.source.rfind("GeoNames", 0) == 0 || a.source.rfind("iso-codes", 0) == 0);
}

// Lower is better. A metonym ranks above every full name unless strict:
// "Kyiv" asks for what Kyiv stands for, as the tagger reads it in news.
int Rank(const NameCandidate& c, bool strict) {
  NameKind via = c.via;
  if (c.actor != nullptr && Generated(*c.actor) && (via == NameKind::kName || via == NameKind::kAlias)) {
    return 3;
  }
  switch (via) {
    case NameKind::kMetonym: return strict ? 4 : -1;
    case NameKind::kName:
    case NameKind::kAlias: return 0;  // two actors with one full name are ambiguous
    case NameKind::kShortForm: return 2;
    case NameKind::kSurname: return 3;
  }
  return 5;
}

}  // namespace

std::optional<NameKind> HowNamed(const Actor& actor, std::string_view key) {
  std::optional<NameKind> best;
  auto consider = [&](const std::string& text, NameKind kind) {
    if (best && static_cast<int>(*best) <= static_cast<int>(kind)) return;
    if (NormaliseName(text) == key) best = kind;
  };
  consider(actor.id, NameKind::kName);
  for (const auto& [lang, name] : actor.names) consider(name, NameKind::kName);
  for (const auto& [lang, list] : actor.aliases) {
    for (const auto& alias : list) consider(alias, NameKind::kAlias);
  }
  for (const auto& f : actor.forms) consider(f.text, f.kind);
  return best;
}

void RankCandidates(std::vector<NameCandidate>* candidates, bool strict) {
  std::stable_sort(candidates->begin(), candidates->end(),
                   [strict](const NameCandidate& a, const NameCandidate& b) {
                     int ra = Rank(a, strict), rb = Rank(b, strict);
                     if (ra != rb) return ra < rb;
                     return ResolutionRank(a.actor->kind) < ResolutionRank(b.actor->kind);
                   });
}

size_t CountBest(const std::vector<NameCandidate>& ranked, bool strict) {
  int best = Rank(ranked.front(), strict);
  size_t n = 0;
  while (n < ranked.size() && Rank(ranked[n], strict) == best) ++n;
  return n;
}

}  // namespace kbq
