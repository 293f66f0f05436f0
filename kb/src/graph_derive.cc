// Temporal links from normalised dates (see DeriveTemporalLinks in graph.h).
#include <algorithm>

#include "graph_internal.h"

namespace kbq {
namespace {

// Dates that only echo the publication day, or were inherited from a
// neighbouring sentence, order events less surely than stated ones.
double DateConfidence(const Event& e) {
  double c = e.date.approximate ? 0.6 : 0.9;
  if (e.date_basis == "publication" || e.date_basis == "inherited") c = std::min(c, 0.5);
  return c;
}

Link MakeLink(const Event& a, const Event& b, LinkKind kind) {
  Link l;
  l.from = a.id;
  l.to = b.id;
  l.kind = kind;
  l.evidence = "dates: " + a.date.ToString() +
               (kind == LinkKind::kBefore ? " before " : " overlaps ") + b.date.ToString();
  l.confidence = std::min(DateConfidence(a), DateConfidence(b));
  return l;
}

}  // namespace

std::vector<Link> DeriveTemporalLinks(const std::vector<Event>& events) {
  std::vector<const Event*> dated;
  for (const Event& e : events) {
    if (e.date.ok() && !HiddenByDefault(e.modality)) dated.push_back(&e);
  }
  std::sort(dated.begin(), dated.end(), [](const Event* a, const Event* b) {
    return graph_internal::DateOrderLess(a->date, a->id, b->date, b->id);
  });
  std::vector<Link> out;
  for (size_t i = 0; i < dated.size(); ++i) {
    const Event& a = *dated[i];
    // Sorted by earliest, so the first event starting after a ends is found
    // by binary search; everything before it starts no later than a.latest.
    auto next = std::upper_bound(dated.begin() + i + 1, dated.end(), a.date.latest,
                                 [](int32_t day, const Event* e) { return day < e->date.earliest; });
    if (next != dated.end() && (*next)->id != a.id) {
      out.push_back(MakeLink(a, **next, LinkKind::kBefore));
    }
    if (i + 1 < dated.size() && a.date.Overlaps(dated[i + 1]->date) && dated[i + 1]->id != a.id) {
      out.push_back(MakeLink(a, *dated[i + 1], LinkKind::kOverlaps));
    }
  }
  return out;
}

}  // namespace kbq
