// The gazetteer's places in a match: same-named places and generated names
// re-read or dropped (actors/place_gazetteer.h), and unknown places found by
// their structure (actors/provisional_places.h).
#include <algorithm>
#include <map>

#include "actors/gazetteer_impl.h"
#include "actors/gazetteer_text.h"

namespace kbq::ingest {

// Same-named places and generated names (actors/place_gazetteer.h): re-reads
// or drops the selected place mentions after every other name is placed.
void Gazetteer::Impl::ResolvePlaces(std::string_view text, std::vector<Selected>* sel,
                                    std::vector<int>* covered) const {
  auto is_place = [&](const Entry& e) {
    ActorKind k = actors[e.target].kind;
    return e.type == EntryType::kName && (k == ActorKind::kPlace || k == ActorKind::kCountry);
  };
  std::vector<places::PlaceMention> mentions;
  std::vector<size_t> owner;  // mention → index in sel
  std::vector<std::string> countries;
  for (size_t i = 0; i < sel->size(); ++i) {
    const Selected& s = (*sel)[i];
    if (s.actor_id.empty()) continue;
    places::PlaceMention m{s.begin, s.end, {}, 0, true};
    // "UN", "The UN said": a name the data gives an organisation or a person
    // first is theirs; a same-spelt generated place (the town Un) is no other
    // reading of it, and an all-capital short form in the text no reading of
    // a place spelt otherwise.
    auto sel_it = index.find(s.actor_id);
    const bool selected_place = sel_it != index.end() && (actors[sel_it->second].kind == ActorKind::kPlace ||
                                                          actors[sel_it->second].kind == ActorKind::kCountry);
    const std::string_view surface = text.substr(s.begin, s.end - s.begin);
    if (s.pid != UINT32_MAX && selected_place) {
      for (const Entry& e : patterns[s.pid]) {
        if (!is_place(e)) continue;
        if (gaz::IsAcronym(surface) && e.original != surface) continue;
        m.readings.push_back(e.target);
      }
    }
    bool generated = std::any_of(m.readings.begin(), m.readings.end(), [&](uint32_t r) { return place_facts[r].generated; });
    if (generated || m.readings.size() > 1) {
      mentions.push_back(std::move(m));
      owner.push_back(i);
    } else if (auto it = index.find(s.actor_id); it != index.end()) {
      if (std::string c = places::CountryOf(actors, index, it->second); !c.empty()) countries.push_back(c);
    }
  }
  if (mentions.empty()) return;
  auto related = [&](uint32_t a, uint32_t b) {  // b is an ancestor of a
    const Actor* x = &actors[a];
    for (int hops = 0; hops < 8 && !x->part_of.empty(); ++hops) {
      if (x->part_of.front() == actors[b].id) return true;
      auto it = index.find(x->part_of.front());
      if (it == index.end()) return false;
      x = &actors[it->second];
    }
    return false;
  };
  auto next_mention = [&](const places::PlaceMention& m, uint32_t r) {
    std::vector<int> near;
    if (m.begin > 0) near.push_back((*covered)[m.begin - 1]);
    if (m.begin > 2 && text.substr(m.begin - 2, 2) == ", ") near.push_back((*covered)[m.begin - 3]);
    if (m.end < text.size()) near.push_back((*covered)[m.end]);
    if (m.end + 2 < text.size() && text.substr(m.end, 2) == ", ") near.push_back((*covered)[m.end + 2]);
    for (int s : near) {
      if (s < 0 || (*sel)[s].actor_id.empty()) continue;
      auto it = index.find((*sel)[s].actor_id);
      if (it == index.end()) continue;
      uint32_t o = static_cast<uint32_t>(it->second);
      if (o != r && (related(r, o) || related(o, r))) return true;
    }
    return false;
  };
  auto country_of = [&](uint32_t r) { return places::CountryOf(actors, index, r); };
  places::ResolveMentions(text, actors, place_facts, countries, country_of, next_mention, &mentions);
  for (size_t k = 0; k < mentions.size(); ++k) {
    Selected& s = (*sel)[owner[k]];
    if (!mentions[k].keep) {
      for (uint32_t i = s.begin; i < s.end; ++i) (*covered)[i] = -1;
      s.actor_id.clear();
      continue;
    }
    s.actor_id = actors[mentions[k].chosen].id;
    s.weak = place_facts[mentions[k].chosen].generated;
  }
}

// Unknown places by structure (actors/provisional_places.h): 某某县, G107国道,
// "near Hrabovske, Sumy region"; provisional, part_of the nearest known place.
void Gazetteer::Impl::AddProvisionalPlaces(std::string_view text, std::vector<Selected>* sel,
                                           std::vector<int>* covered,
                                           std::map<std::string, Actor>* provisional) const {
  std::vector<places::KnownSpan> known;
  std::vector<size_t> owner;
  for (size_t i = 0; i < sel->size(); ++i) {
    const Selected& s = (*sel)[i];
    if (s.actor_id.empty()) continue;
    auto it = index.find(s.actor_id);
    bool place = it != index.end() && !s.metonym &&
                 (actors[it->second].kind == ActorKind::kPlace || actors[it->second].kind == ActorKind::kCountry);
    known.push_back({s.begin, s.end, place});
    owner.push_back(i);
  }
  std::vector<size_t> order(known.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return known[a].begin < known[b].begin; });
  std::vector<places::KnownSpan> sorted;
  std::vector<size_t> sorted_owner;
  for (size_t i : order) {
    sorted.push_back(known[i]);
    sorted_owner.push_back(owner[i]);
  }
  auto is_stop = [&](std::string_view w) {
    std::string word(w);
    return en_stops.count(word) > 0 || en_title_words.count(word) > 0;
  };
  std::vector<places::FoundPlace> found = places::FindChinesePlaces(text, place_structure, sorted);
  for (auto& f : places::FindEnglishPlaces(text, place_structure, sorted, is_stop)) found.push_back(std::move(f));
  std::vector<std::string> ids(found.size());  // the provisional id of each found place
  for (const places::FoundPlace& f : found) {
    if (f.extends >= 0) {  // the known place takes its administrative suffix
      Selected& s = (*sel)[sorted_owner[f.extends]];
      for (uint32_t i = s.end; i < f.end; ++i) (*covered)[i] = static_cast<int>(sorted_owner[f.extends]);
      s.end = f.end;
      continue;
    }
    bool free = true;
    for (uint32_t i = f.begin; i < f.end; ++i) free = free && ((*covered)[i] < 0 || (*sel)[(*covered)[i]].actor_id.empty());
    if (!free || f.name.empty()) continue;
    std::string key = f.lang == "zh" ? NormaliseName(f.name) : gaz::Slug(f.name);
    if (key.empty()) continue;
    std::string id = "place:" + key;
    int idx = static_cast<int>(sel->size());
    for (uint32_t i = f.begin; i < f.end; ++i) (*covered)[i] = idx;
    sel->push_back(Selected{f.begin, f.end, id, false, true, false});
    Actor& a = (*provisional)[id];
    if (a.id.empty()) {
      a.id = id;
      a.kind = ActorKind::kPlace;
      a.names[f.lang] = f.name;
      a.provisional = true;
      a.source = "text";
      if (f.parent >= 0) a.part_of.push_back((*sel)[sorted_owner[f.parent]].actor_id);
      if (f.parent_found >= 0 && !ids[f.parent_found].empty()) a.part_of.push_back(ids[f.parent_found]);
    }
    ids[&f - found.data()] = id;
  }
}

}  // namespace kbq::ingest
