#include "kbq/query/engine.h"

#include <algorithm>
#include <optional>
#include <cctype>
#include <map>
#include <set>
#include <tuple>
#include <unordered_set>

#include "kbq/name_resolution.h"
#include "kbq/names.h"
#include "kbq/query/salience.h"

namespace kbq::query {
namespace {

// Levenshtein distance over Unicode code points (names are short).
size_t EditDistance(const std::u32string& a, const std::u32string& b) {
  std::vector<size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
    }
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

std::u32string Utf32(std::string_view s) {
  std::u32string out;
  for (size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    int len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 1;
    char32_t cp = len == 1 ? c : c & (0x3F >> (len - 1));
    for (int k = 1; k < len && i + k < s.size(); ++k) cp = (cp << 6) | (s[i + k] & 0x3F);
    out.push_back(cp);
    i += len;
  }
  return out;
}

std::vector<std::string> AllNames(const Actor& a) {
  std::vector<std::string> names;
  for (const auto& [lang, n] : a.names) names.push_back(n);
  for (const auto& [lang, list] : a.aliases) names.insert(names.end(), list.begin(), list.end());
  for (const auto& f : a.forms) names.push_back(f.text);
  return names;
}

}  // namespace

std::string LanguageOf(std::string_view text) {
  for (size_t i = 0; i + 2 < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    // U+3400..U+9FFF are encoded with lead bytes E3 (partly) .. E9.
    if (c >= 0xE3 && c <= 0xE9) return "zh";
  }
  return "en";
}

namespace {

constexpr size_t kMaxNameBytes = 1024;

// What any name lookup accepts; the message says what is wrong and where.
Status ValidateName(std::string_view name) {
  if (name.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    return Status::InvalidArgument("empty name: give an actor's name or id");
  }
  if (name.size() > kMaxNameBytes) {
    return Status::InvalidArgument("name too long (" + std::to_string(name.size()) +
                                   " bytes; at most " + std::to_string(kMaxNameBytes) + ")");
  }
  for (size_t i = 0; i < name.size();) {
    unsigned char c = static_cast<unsigned char>(name[i]);
    size_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    bool ok = len > 0 && i + len <= name.size() && (len != 2 || c >= 0xC2);
    for (size_t k = 1; ok && k < len; ++k) ok = (static_cast<unsigned char>(name[i + k]) >> 6) == 2;
    if (!ok) {
      return Status::InvalidArgument("name is not valid UTF-8 (byte " + std::to_string(i) + ")");
    }
    i += len;
  }
  return Status::OK();
}

std::string Describe(const ActorCandidate& c) {
  return c.actor.id + " (" + c.actor.Name("en") + ", " + std::string(ActorKindName(c.actor.kind)) +
         (c.via == NameKind::kName ? "" : ", by " + std::string(NameKindName(c.via))) + ", " +
         std::to_string(c.events) + (c.events == 1 ? " event)" : " events)");
}

}  // namespace

Result<std::vector<ActorCandidate>> Engine::Candidates(std::string_view name, bool strict,
                                                       bool count_events) const {
  if (Status s = ValidateName(name); !s.ok()) return s;
  std::vector<Actor> actors;
  std::string upper(name);
  for (auto& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  std::string key = NormaliseName(name);
  for (const std::string& id : {std::string(name), upper}) {
    if (auto a = store_.GetActor(id); a.ok()) {
      actors.push_back(std::move(a.value()));
      break;
    }
  }
  if (actors.empty()) {
    auto found = store_.FindActorsByName(key);
    if (!found.ok()) return found.status();
    for (const auto& id : found.value()) {
      if (auto a = store_.GetActor(id); a.ok()) actors.push_back(std::move(a.value()));
    }
  }
  std::vector<NameCandidate> ranked;
  for (const Actor& a : actors) {
    ranked.push_back({&a, HowNamed(a, key).value_or(NameKind::kName), 0});
  }
  RankCandidates(&ranked, strict);
  std::vector<ActorCandidate> out;
  for (const NameCandidate& c : ranked) {
    auto n = count_events ? store_.CountActorTimeline(c.actor->id, INT32_MIN, INT32_MAX, false)
                          : Result<uint64_t>(uint64_t{0});
    out.push_back({*c.actor, c.via, n.ok() ? n.value() : 0});
  }
  return out;
}

Result<ResolvedActor> Engine::Resolve(std::string_view name, bool strict) const {
  // Counting an actor's events costs an index scan; only a tie needs them.
  auto candidates = Candidates(name, strict, /*count_events=*/false);
  if (!candidates.ok()) return candidates.status();
  auto& c = candidates.value();
  if (c.empty()) {
    std::string msg = "no actor named '" + std::string(name) + "'";
    auto near = Suggest(name, 5);
    if (!near.empty()) {
      msg += "; did you mean:";
      for (size_t i = 0; i < near.size(); ++i) {
        msg += (i ? ", " : " ") + near[i].Name("en") + " (" + near[i].id + ")";
      }
    }
    return Status::NotFound(msg);
  }
  std::vector<NameCandidate> ranked;
  for (const auto& a : c) ranked.push_back({&a.actor, a.via, a.events});
  size_t best = CountBest(ranked, strict);
  ResolvedActor out;
  if (best > 1) {
    for (size_t i = 0; i < best; ++i) {
      auto n = store_.CountActorTimeline(c[i].actor.id, INT32_MIN, INT32_MAX, /*strict=*/false);
      c[i].events = n.ok() ? n.value() : 0;
    }
    std::vector<size_t> with_events;
    for (size_t i = 0; i < best; ++i) {
      if (c[i].events > 0) with_events.push_back(i);
    }
    if (with_events.size() != 1) {
      std::string msg = "'" + std::string(name) + "' is ambiguous:";
      for (size_t i = 0; i < best; ++i) msg += (i ? "; " : " ") + Describe(c[i]);
      return Status::NotFound(msg + "; give an id");
    }
    out.actor = c[with_events[0]].actor;
    out.via = c[with_events[0]].via;
    std::string ids;
    for (size_t i = 0; i < best; ++i) ids += (i ? ", " : "") + c[i].actor.id;
    out.note = "'" + std::string(name) + "' may mean " + std::to_string(best) + " actors (" + ids +
               "); using " + out.actor.Name("en") + " (" + out.actor.id +
               "), the only one with events in the store";
    return out;
  }
  out.actor = c[0].actor;
  out.via = c[0].via;
  if (out.via == NameKind::kMetonym) {
    out.note = "'" + std::string(name) + "' stands for " + out.actor.Name("en") + " (" +
               out.actor.id + ")";
    for (size_t i = 1; i < c.size(); ++i) {
      if (c[i].actor.kind == ActorKind::kPlace) {
        out.note += "; --strict for the place " + c[i].actor.Name("en") + " (" + c[i].actor.id + ")";
        break;
      }
    }
  }
  return out;
}

Result<Actor> Engine::ResolveActor(std::string_view name) const {
  auto r = Resolve(name);
  if (!r.ok()) return r.status();
  return std::move(r->actor);
}

std::vector<Actor> Engine::Suggest(std::string_view name, size_t max) const {
  std::u32string q = Utf32(NormaliseName(name));
  std::vector<Actor> out;
  if (q.empty() || max == 0) return out;
  // A typo costs about one edit in four letters; a prefix of three or more
  // letters names what it starts. Anything further is not what was meant.
  size_t cap = q.size() <= 4 ? 1 : q.size() <= 9 ? 2 : 3;
  std::map<std::string, size_t> best;  // actor id → distance (0 for a prefix)
  Status s = store_.ScanNames([&](std::string_view key, std::string_view id) {
    std::u32string k = Utf32(key);
    size_t d = cap + 1;
    if (q.size() >= 3 && k.size() > q.size() && k.compare(0, q.size(), q) == 0) {
      d = 1;
    } else if (k.size() + cap >= q.size() && k.size() <= q.size() + cap) {
      d = EditDistance(q, k);
    }
    if (d > cap) return true;
    auto [it, fresh] = best.emplace(std::string(id), d);
    if (!fresh) it->second = std::min(it->second, d);
    return true;
  });
  (void)s;  // suggestions are best effort
  std::vector<std::tuple<size_t, int64_t, Actor>> scored;
  for (const auto& [id, d] : best) {
    auto a = store_.GetActor(id);
    if (!a.ok()) continue;
    auto n = store_.CountActorTimeline(id, INT32_MIN, INT32_MAX, false);
    scored.emplace_back(d, -static_cast<int64_t>(n.ok() ? n.value() : 0), std::move(a.value()));
  }
  std::stable_sort(scored.begin(), scored.end(), [](const auto& a, const auto& b) {
    return std::tie(std::get<0>(a), std::get<1>(a)) < std::tie(std::get<0>(b), std::get<1>(b));
  });
  for (auto& t : scored) {
    if (out.size() >= max) break;
    out.push_back(std::move(std::get<2>(t)));
  }
  return out;
}

Result<std::vector<ActorView>> Engine::Actors(std::string_view query) const {
  std::string q = NormaliseName(query);
  std::vector<ActorView> out;
  Status s = store_.ScanActors([&](const Actor& a) {
    bool match = q.empty() || NormaliseName(a.id).find(q) != std::string::npos;
    for (const auto& n : AllNames(a)) {
      if (match) break;
      match = NormaliseName(n).find(q) != std::string::npos;
    }
    if (match) out.push_back(ActorView{a, 0, 0});
    return true;
  });
  if (!s.ok()) return s;
  for (auto& v : out) {
    if (Status c = CountEvents(&v); !c.ok()) return c;
  }
  return out;
}

EventView Engine::View(const Event& e) const {
  EventView v;
  v.event = e;
  std::set<std::string> ids;
  for (const auto& p : e.participants) ids.insert(p.actor_id);
  if (!e.place_id.empty()) ids.insert(e.place_id);
  if (!e.attribution.actor_id.empty()) ids.insert(e.attribution.actor_id);
  for (const auto& id : ids) {
    if (auto a = store_.GetActor(id); a.ok()) v.actors.emplace(id, std::move(a.value()));
  }
  std::set<std::string> seen;
  for (const auto& m : e.mentions) {
    if (!seen.insert(m.article_id).second) continue;
    if (auto art = store_.GetArticle(m.article_id); art.ok()) {
      art->text.clear();  // views carry metadata, not whole bodies
      v.articles.push_back(std::move(art.value()));
    }
  }
  std::set<std::string> sources;
  for (const auto& a : v.articles) {
    if (std::string s = ArticleSource(a); !s.empty()) sources.insert(std::move(s));
  }
  v.sources = DistinctSources(e, sources.size());
  v.salience = Salience(e, sources.size());
  if (auto out = store_.LinksFrom(e.id); out.ok()) v.links_out = std::move(out.value());
  if (auto in = store_.LinksTo(e.id); in.ok()) v.links_in = std::move(in.value());
  return v;
}

Result<EventView> Engine::ShowEvent(const std::string& id) const {
  auto e = store_.GetEvent(id);
  if (!e.ok()) return Status::NotFound("no event with id " + id);
  EventView v = View(e.value());
  std::set<std::string> ids;
  for (const auto& l : v.links_out) ids.insert(l.to);
  for (const auto& l : v.links_in) ids.insert(l.from);
  for (const auto& other : ids) {
    if (auto o = store_.GetEvent(other); o.ok()) {
      EventView ov = View(o.value());
      ov.links_out.clear();
      ov.links_in.clear();
      v.linked.push_back(std::move(ov));
    }
  }
  return v;
}

Result<ActorView> Engine::ShowActor(const std::string& id) const {
  auto a = store_.GetActor(id);
  if (!a.ok()) return Status::NotFound("no actor with id " + id);
  ActorView v{std::move(a.value()), 0, 0};
  if (Status c = CountEvents(&v); !c.ok()) return c;
  return v;
}

Status Engine::CountEvents(ActorView* v) const {
  return store_.ScanActorTimeline(v->actor.id, INT32_MIN, INT32_MAX, /*strict=*/false,
                                  [&](const Event& e) {
                                    ++v->event_count_wide;
                                    for (const auto& p : e.participants) {
                                      if (p.actor_id == v->actor.id) {
                                        ++v->event_count;
                                        break;
                                      }
                                    }
                                    return true;
                                  });
}

Result<LinkKindSet> ParseLinkKinds(std::string_view list) {
  LinkKindSet kinds;
  size_t pos = 0;
  while (pos <= list.size()) {
    size_t comma = list.find(',', pos);
    std::string_view word =
        list.substr(pos, comma == std::string_view::npos ? std::string_view::npos : comma - pos);
    pos = comma == std::string_view::npos ? list.size() + 1 : comma + 1;
    if (word.empty()) continue;
    if (word == "causal") {
      kinds.Add(LinkKind::kCauses).Add(LinkKind::kEnables);
    } else if (word == "temporal") {
      kinds.Add(LinkKind::kBefore).Add(LinkKind::kOverlaps);
    } else if (auto k = ParseLinkKind(word)) {
      kinds.Add(*k);
    } else {
      return Status::InvalidArgument(
          "unknown link kind '" + std::string(word) +
          "' (use causal, temporal, before, overlaps, causes, enables, part_of, storyline, "
          "refers_to, same_as)");
    }
  }
  return kinds.empty() ? LinkKindSet::All() : kinds;
}

Result<std::vector<NeighbourView>> Engine::Neighbors(const NeighborsQuery& q) const {
  std::vector<std::string> starts;
  if (store_.GetEvent(q.start).ok()) {
    starts.push_back(q.start);
  } else {
    auto actor = ResolveActor(q.start);
    if (!actor.ok()) return actor.status();
    Status s = store_.ScanActorTimeline(actor->id, INT32_MIN, INT32_MAX, false, [&](const Event& e) {
      starts.push_back(e.id);
      return starts.size() < q.max_starts;
    });
    if (!s.ok()) return s;
  }
  auto source = MakeStoreGraphSource(store_);
  NeighbourOptions o;
  o.hops = q.depth;
  o.kinds = q.kinds;
  if (q.from.ok()) o.from_day = q.from.earliest;
  if (q.to.ok()) o.to_day = q.to.latest;
  std::vector<NeighbourView> out;
  std::set<std::string> seen;
  for (const auto& id : starts) {
    if (seen.insert(id).second) {
      auto e = store_.GetEvent(id);
      if (e.ok()) out.push_back(NeighbourView{View(e.value()), 0, std::nullopt});
    }
  }
  for (const auto& id : starts) {
    auto hood = kbq::Neighbours(*source, id, o);
    if (!hood.ok()) return hood.status();
    for (auto& n : hood->events) {
      if (!seen.insert(n.event.id).second) continue;
      out.push_back(NeighbourView{View(n.event), n.hops, n.via});
    }
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const NeighbourView& a, const NeighbourView& b) { return a.hops < b.hops; });
  return out;
}

Result<std::vector<NeighbourView>> Engine::Chain(const std::string& event_id, bool forward) const {
  if (!store_.GetEvent(event_id).ok()) return Status::NotFound("no event with id " + event_id);
  auto source = MakeStoreGraphSource(store_);
  ChainOptions o;
  o.direction = forward ? ChainDirection::kForward : ChainDirection::kBack;
  auto chain = FollowChain(*source, event_id, o);
  if (!chain.ok()) return chain.status();
  std::vector<NeighbourView> out;
  for (auto& step : chain->events) out.push_back(NeighbourView{View(step.event), step.depth, step.via});
  return out;
}

Result<PathView> Engine::Path(const std::string& a, const std::string& b, int max_hops) const {
  // An event id stands for itself; an actor name for all its events.
  auto ends = [&](const std::string& what) -> Result<std::vector<std::string>> {
    if (store_.GetEvent(what).ok()) return std::vector<std::string>{what};
    auto actor = ResolveActor(what);
    if (!actor.ok()) return actor.status();
    std::vector<std::string> ids;
    Status s = store_.ScanActorTimeline(actor->id, INT32_MIN, INT32_MAX, false, [&](const Event& e) {
      ids.push_back(e.id);
      return true;
    });
    if (!s.ok()) return s;
    if (ids.empty()) return Status::NotFound(actor->Name("en") + " takes part in no stored event");
    return ids;
  };
  auto from = ends(a);
  if (!from.ok()) return from.status();
  auto to = ends(b);
  if (!to.ok()) return to.status();
  auto source = MakeStoreGraphSource(store_);
  PathOptions o;
  o.max_hops = max_hops;
  auto path = FindPathBetween(*source, from.value(), to.value(), o);
  if (!path.ok()) return path.status();
  if (path->steps.empty()) {
    return Status::NotFound("no path between " + a + " and " + b + " within " +
                            std::to_string(max_hops) + " links");
  }
  PathView out;
  out.cost = path->cost;
  int i = 0;
  for (auto& step : path->steps) out.steps.push_back(NeighbourView{View(step.event), i++, step.via});
  return out;
}

Result<std::vector<std::string>> Engine::GraphProblems() const {
  auto source = MakeStoreGraphSource(store_);
  auto graph = EventGraph::Build(*source, {});
  if (!graph.ok()) return graph.status();
  auto report = CheckConsistency(**graph, *source, {});
  if (!report.ok()) return report.status();
  std::vector<std::string> out;
  for (const auto& p : report->problems) out.push_back(p.message);
  if (report->truncated) out.push_back("(more problems not listed)");
  return out;
}

}  // namespace kbq::query
