// The gazetteer (kbq/ingest/gazetteer.h): the built-in data, edits, and name
// lookups (Resolve, Suggest, Ancestors). The loader, the derived index and
// the matcher live beside it (actors/gazetteer_impl.h lists the files).
#include "kbq/ingest/gazetteer.h"

#include <algorithm>
#include <deque>
#include <tuple>
#include <unordered_set>

#include "actors/gazetteer_impl.h"
#include "actors/gazetteer_text.h"
#include "embedded/gazetteer_data.h"

namespace kbq::ingest {

Gazetteer::Gazetteer() : impl_(std::make_unique<Impl>()) {}
Gazetteer::~Gazetteer() = default;

std::unique_ptr<Gazetteer> Gazetteer::Empty() {
  auto g = std::unique_ptr<Gazetteer>(new Gazetteer());
  g->impl_->Rebuild();
  return g;
}

Result<std::unique_ptr<Gazetteer>> Gazetteer::LoadBuiltin() {
  auto g = std::unique_ptr<Gazetteer>(new Gazetteer());
  constexpr std::string_view kGenerated = "places_generated.tsv";
  for (const auto& [name, content] : GazetteerDataFiles()) {
    if (name == kGenerated) continue;
    if (Status s = g->impl_->Load(name, content); !s.ok()) return s;
  }
  // ISO 3166-2 regions and GeoNames cities (tools/gen_places.cc), after the
  // hand-written files: a generated place that repeats one folds into it.
  if (Status s = g->impl_->Load(kGenerated, GazetteerData(kGenerated)); !s.ok()) return s;
  places::FoldGeneratedDuplicates(&g->impl_->actors, &g->impl_->place_facts, &g->impl_->index);
  places::MarkMajorRegions(g->impl_->actors, &g->impl_->place_facts);
  g->impl_->Rebuild();
  return g;
}

Status Gazetteer::LoadTsv(std::string_view file_name, std::string_view content) {
  Status s = impl_->Load(file_name, content);
  impl_->Rebuild();
  return s;
}

Status Gazetteer::AddActor(const Actor& actor) {
  if (actor.id.empty()) return Status::InvalidArgument("actor without id");
  if (actor.kind == ActorKind::kUnknown) return Status::InvalidArgument("actor '" + actor.id + "' has no kind");
  for (const auto& p : actor.part_of) {
    if (p != actor.id && !impl_->index.count(p)) {
      return Status::InvalidArgument("actor '" + actor.id + "': part_of '" + p + "' is not a known actor");
    }
  }
  auto it = impl_->index.find(actor.id);
  if (it != impl_->index.end()) {
    impl_->actors[it->second] = actor;
  } else {
    impl_->index[actor.id] = impl_->actors.size();
    impl_->actors.push_back(actor);
    impl_->place_facts.resize(impl_->actors.size());
  }
  impl_->Rebuild();
  return Status::OK();
}

Status Gazetteer::AddAlias(const std::string& actor_id, const std::string& name, const std::string& lang) {
  auto it = impl_->index.find(actor_id);
  if (it == impl_->index.end()) return Status::NotFound("no actor '" + actor_id + "'");
  if (name.empty()) return Status::InvalidArgument("empty alias");
  auto& list = impl_->actors[it->second].aliases[lang];
  if (std::find(list.begin(), list.end(), name) == list.end()) list.push_back(name);
  impl_->Rebuild();
  return Status::OK();
}

const Actor* Gazetteer::Find(const std::string& id) const {
  auto it = impl_->index.find(id);
  return it == impl_->index.end() ? nullptr : &impl_->actors[it->second];
}

const std::vector<Actor>& Gazetteer::actors() const { return impl_->actors; }

bool Gazetteer::Generated(const std::string& id) const {
  auto it = impl_->index.find(id);
  return it != impl_->index.end() && it->second < impl_->place_facts.size() &&
         impl_->place_facts[it->second].generated;
}

std::vector<ActorMention> Gazetteer::Match(std::string_view text, std::vector<Actor>* provisional_out,
                                           int32_t as_of_day, std::string_view site) const {
  return impl_->Match(text, provisional_out, as_of_day, site);
}

std::string Gazetteer::SiteHolder(std::string_view site, int32_t as_of_day) const {
  std::string role, id;
  impl_->SitePrincipal(site, as_of_day, &role, &id);
  return id;
}

std::vector<const Actor*> Gazetteer::Resolve(std::string_view query) const {
  std::vector<const Actor*> out;
  std::string key = NormaliseName(query);
  auto it = impl_->resolve.find(key);
  if (it == impl_->resolve.end()) return out;
  // The query engine's ranking (kbq/name_resolution.h), so that a name
  // resolves here as it does when a user types it.
  std::vector<NameCandidate> ranked;
  for (const auto& [actor, rank] : it->second) {
    const Actor& a = impl_->actors[actor];
    ranked.push_back({&a, HowNamed(a, key).value_or(NameKind::kAlias), 0});
  }
  RankCandidates(&ranked, /*strict=*/false);
  for (const NameCandidate& c : ranked) out.push_back(c.actor);
  return out;
}

std::vector<const Actor*> Gazetteer::Suggest(std::string_view query, size_t max) const {
  std::vector<const Actor*> out;
  std::u32string q = gaz::ToU32(NormaliseName(query));
  if (q.empty() || max == 0) return out;
  size_t cap = std::max<size_t>(1, q.size() / 3);
  std::vector<std::tuple<size_t, int, size_t>> scored;  // (distance, rank, actor)
  for (const auto& [key, hits] : impl_->resolve) {
    std::u32string k = gaz::ToU32(key);
    size_t d = gaz::Levenshtein(q, k, cap);
    if (d > cap) continue;
    for (const auto& [actor, rank] : hits) scored.emplace_back(d, rank, actor);
  }
  std::sort(scored.begin(), scored.end());
  std::unordered_set<size_t> seen;
  for (const auto& [d, rank, actor] : scored) {
    if (!seen.insert(actor).second) continue;
    out.push_back(&impl_->actors[actor]);
    if (out.size() >= max) break;
  }
  return out;
}

std::vector<std::string> Gazetteer::Ancestors(const std::string& actor_id, int32_t day) const {
  std::vector<std::string> out;
  std::unordered_set<std::string> seen = {actor_id};
  std::deque<std::string> queue = {actor_id};
  while (!queue.empty()) {
    std::string id = queue.front();
    queue.pop_front();
    const Actor* a = Find(id);
    if (a == nullptr) continue;
    auto visit = [&](const std::string& next) {
      if (seen.insert(next).second) {
        out.push_back(next);
        queue.push_back(next);
      }
    };
    for (const auto& p : a->part_of) visit(p);
    for (const auto& af : a->affiliations) {
      if (gaz::ValidOn(af, day)) visit(af.actor_id);
    }
  }
  return out;
}

}  // namespace kbq::ingest
