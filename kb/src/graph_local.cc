// Algorithms that read only what they reach: neighbourhoods, chains and
// paths through LinksFrom/LinksTo, never a full load.
#include <algorithm>
#include <climits>
#include <deque>
#include <set>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

#include "graph_internal.h"

namespace kbq {
namespace {

using graph_internal::DateOrderLess;

// The links of `id` in the requested directions, each with the event at its
// other end. Self-loops are dropped.
Status IncidentLinks(const GraphSource& source, const std::string& id, bool out, bool in,
                     std::vector<std::pair<Link, bool>>* links) {  // (link, id is from)
  links->clear();
  if (out) {
    auto r = source.LinksFrom(id);
    if (!r.ok()) return r.status().WithContext("links from " + id);
    for (Link& l : *r) {
      if (l.to != id) links->emplace_back(std::move(l), true);
    }
  }
  if (in) {
    auto r = source.LinksTo(id);
    if (!r.ok()) return r.status().WithContext("links to " + id);
    for (Link& l : *r) {
      if (l.from != id) links->emplace_back(std::move(l), false);
    }
  }
  return Status::OK();
}

// IncidentLinks for a whole frontier in one LinksOf read: each link with
// whether its `from` end is the frontier event it was reached from. Self-loops
// and links between two frontier events are dropped.
Status FrontierLinks(const GraphSource& source, const std::vector<std::string>& frontier,
                     bool out, bool in, std::vector<std::pair<Link, bool>>* links) {
  links->clear();
  auto r = source.LinksOf(frontier, out, in);
  if (!r.ok()) return r.status();
  std::unordered_set<std::string_view> members(frontier.begin(), frontier.end());
  for (Link& l : *r) {
    if (l.from == l.to) continue;
    bool as_from = out && members.count(l.from) > 0;
    bool as_to = in && members.count(l.to) > 0;
    // A link between two frontier events leads to no event not yet seen.
    if (as_from != as_to) links->emplace_back(std::move(l), as_from);
  }
  return Status::OK();
}

}  // namespace

Result<Neighbourhood> Neighbours(const GraphSource& source, const std::string& start,
                                 const NeighbourOptions& options) {
  if (options.hops < 0) return Status::InvalidArgument("neighbours: hops must be >= 0");
  auto first = source.GetEvent(start);
  if (!first.ok()) return first.status();
  const bool windowed = options.from_day != INT32_MIN || options.to_day != INT32_MAX;
  auto in_window = [&](const TimeValue& t) {
    if (!windowed) return true;
    return t.ok() && t.earliest <= options.to_day && options.from_day <= t.latest;
  };
  const bool out = options.direction != Direction::kIn;
  const bool in = options.direction != Direction::kOut;

  Neighbourhood result;
  std::unordered_set<std::string> seen{start};
  std::vector<std::string> frontier{start};
  std::vector<std::pair<Link, bool>> links;
  for (int d = 1; d <= options.hops && !frontier.empty() && !result.truncated; ++d) {
    std::vector<std::string> next;
    Status s = FrontierLinks(source, frontier, out, in, &links);
    if (!s.ok()) return s;
    for (auto& [link, id_is_from] : links) {
      if (!options.kinds.Contains(link.kind)) continue;
      const std::string& other = id_is_from ? link.to : link.from;
      if (!seen.insert(other).second) continue;
      auto ev = source.GetEvent(other);
      if (ev.status().IsNotFound()) {
        result.dangling.push_back(other);
        continue;
      }
      if (!ev.ok()) return ev.status();
      // Out-of-window events are not walked through either; marking them
      // seen is right since the window is a property of the event.
      if (!in_window(ev->date)) continue;
      if (result.events.size() >= options.max_events) {
        result.truncated = true;
        break;
      }
      next.push_back(other);
      result.events.push_back(Neighbour{std::move(ev).value(), d, link});
    }
    frontier = std::move(next);
  }
  std::sort(result.events.begin(), result.events.end(),
            [](const Neighbour& a, const Neighbour& b) {
              if (a.hops != b.hops) return a.hops < b.hops;
              return DateOrderLess(a.event.date, a.event.id, b.event.date, b.event.id);
            });
  std::sort(result.dangling.begin(), result.dangling.end());
  return result;
}

namespace {

// Whether, standing on `cur` (which is link.from when cur_is_from), the link
// leads back (towards antecedents) or forward. kBoth for same_as; nullopt
// for kinds a chain never follows.
enum class Way { kBack, kForward, kBoth };

// For a storyline link: is `other` the earlier end? When one ends before the
// other starts, the dates decide. When they overlap (2022 and 2022-04:
// neither is before the other) or one is unknown, the stored direction
// decides: the `to` end is the earlier ("storyline-links back to").
bool OtherIsEarlier(const Event& cur, const Event& other, bool cur_is_from) {
  const TimeValue &a = cur.date, &b = other.date;
  if (a.ok() && b.ok() && (a.Before(b) || b.Before(a))) return b.Before(a);
  return cur_is_from;
}

std::optional<Way> FixedWay(LinkKind kind, bool cur_is_from) {
  switch (kind) {
    case LinkKind::kCauses:
    case LinkKind::kEnables:  // from = antecedent
      return cur_is_from ? Way::kForward : Way::kBack;
    case LinkKind::kRefersTo:  // from refers back to to
    case LinkKind::kPartOf:    // from is part of the whole, to
      return cur_is_from ? Way::kBack : Way::kForward;
    case LinkKind::kSameAs:
      return Way::kBoth;
    default:
      return std::nullopt;
  }
}

}  // namespace

Result<Chain> FollowChain(const GraphSource& source, const std::string& start,
                          const ChainOptions& options) {
  auto first = source.GetEvent(start);
  if (!first.ok()) return first.status();
  const Way wanted =
      options.direction == ChainDirection::kBack ? Way::kBack : Way::kForward;
  LinkKindSet kinds = options.kinds;
  kinds = LinkKindSet::FromBits(kinds.bits() & ChainLinkKinds().bits());

  Chain chain;
  std::unordered_map<std::string, size_t> index;  // id -> position in chain.events
  std::unordered_set<std::string> dangling;
  std::vector<char> has_step;
  chain.events.push_back(ChainStep{std::move(first).value(), 0, std::nullopt});
  index.emplace(start, 0);
  has_step.push_back(0);
  std::vector<std::pair<Link, bool>> links;

  // Breadth-first, so depth is the fewest links from the start.
  for (size_t head = 0; head < chain.events.size(); ++head) {
    const int depth = chain.events[head].depth;
    const std::string cur_id = chain.events[head].event.id;
    Status s = IncidentLinks(source, cur_id, true, true, &links);
    if (!s.ok()) return s;
    for (auto& [link, cur_is_from] : links) {
      if (!kinds.Contains(link.kind)) continue;
      const std::string& other_id = cur_is_from ? link.to : link.from;
      if (dangling.count(other_id)) continue;
      auto known = index.find(other_id);
      std::optional<Event> fetched;
      auto other_event = [&]() -> Result<const Event*> {
        if (known != index.end()) return &chain.events[known->second].event;
        if (!fetched) {
          auto ev = source.GetEvent(other_id);
          if (!ev.ok()) return ev.status();
          fetched = std::move(ev).value();
        }
        return &*fetched;
      };
      std::optional<Way> way = FixedWay(link.kind, cur_is_from);
      if (!way) {  // storyline: oriented by date
        auto other = other_event();
        if (other.status().IsNotFound()) {
          dangling.insert(other_id);
          continue;
        }
        if (!other.ok()) return other.status();
        way = OtherIsEarlier(chain.events[head].event, **other, cur_is_from) ? Way::kBack
                                                                            : Way::kForward;
      }
      if (*way != Way::kBoth && *way != wanted) continue;
      has_step[head] = 1;
      if (known != index.end()) continue;
      if (depth >= options.max_depth || chain.events.size() >= options.max_events) {
        chain.truncated = true;
        continue;
      }
      auto other = other_event();
      if (other.status().IsNotFound()) {
        dangling.insert(other_id);
        continue;
      }
      if (!other.ok()) return other.status();
      index.emplace(other_id, chain.events.size());
      chain.events.push_back(ChainStep{std::move(*fetched), depth + 1, link});
      has_step.push_back(0);
    }
  }
  for (size_t i = 0; i < chain.events.size(); ++i) {
    if (!has_step[i]) chain.ends.push_back(chain.events[i].event.id);
  }
  std::sort(chain.events.begin(), chain.events.end(), [](const ChainStep& a, const ChainStep& b) {
    return DateOrderLess(a.event.date, a.event.id, b.event.date, b.event.id);
  });
  std::sort(chain.ends.begin(), chain.ends.end());
  chain.dangling.assign(dangling.begin(), dangling.end());
  std::sort(chain.dangling.begin(), chain.dangling.end());
  return chain;
}

namespace {

// Loads every link of kinds within `radius` links of `seeds` (walking both
// directions): vertices closer than `radius` are expanded. Returns false when
// more than `max_loaded` events were reached.
Result<bool> LoadBall(const GraphSource& source, const std::vector<std::string>& seeds, int radius,
                      const PathOptions& options, std::set<std::tuple<std::string, std::string,
                                                                      LinkKind>>* keys,
                      std::vector<Link>* loaded) {
  std::unordered_map<std::string, int> dist;
  std::deque<std::string> queue;
  for (const auto& s : seeds) {
    if (dist.emplace(s, 0).second) queue.push_back(s);
  }
  std::vector<std::pair<Link, bool>> links;
  while (!queue.empty()) {
    std::string id = std::move(queue.front());
    queue.pop_front();
    int d = dist[id];
    if (d >= radius) continue;
    Status s = IncidentLinks(source, id, true, true, &links);
    if (!s.ok()) return s;
    for (auto& [link, id_is_from] : links) {
      if (!options.kinds.Contains(link.kind)) continue;
      const std::string& other = id_is_from ? link.to : link.from;
      if (keys->emplace(link.from, link.to, link.kind).second) loaded->push_back(link);
      if (dist.emplace(other, d + 1).second) {
        if (dist.size() > options.max_loaded) return false;
        queue.push_back(other);
      }
    }
  }
  return true;
}

}  // namespace

Result<Path> FindPathBetween(const GraphSource& source, const std::vector<std::string>& starts,
                      const std::vector<std::string>& goals, const PathOptions& options) {
  if (starts.empty() || goals.empty()) {
    return Status::InvalidArgument("path: the start and goal sets must not be empty");
  }
  if (options.max_hops < 0) return Status::InvalidArgument("path: max_hops must be >= 0");
  auto existing = [&](const std::vector<std::string>& ids) -> Result<std::vector<std::string>> {
    std::vector<std::string> out;
    for (const auto& id : ids) {
      auto ev = source.GetEvent(id);
      if (ev.ok()) {
        out.push_back(id);
      } else if (!ev.status().IsNotFound()) {
        return ev.status();
      }
    }
    if (out.empty()) return Status::NotFound("path: no such event: " + ids.front());
    return out;
  };
  auto s_ids = existing(starts);
  if (!s_ids.ok()) return s_ids.status();
  auto g_ids = existing(goals);
  if (!g_ids.ok()) return g_ids.status();
  for (const auto& s : *s_ids) {
    if (std::find(g_ids->begin(), g_ids->end(), s) != g_ids->end()) {
      Path p;
      p.steps.push_back(PathStep{source.GetEvent(s).value(), std::nullopt});
      return p;
    }
  }
  // Any path of at most max_hops links has all its links incident to an
  // event within ceil(h/2) - 1 of a start or floor(h/2) - 1 of a goal, so the
  // two balls together hold it.
  std::set<std::tuple<std::string, std::string, LinkKind>> keys;
  std::vector<Link> loaded;
  auto a = LoadBall(source, *s_ids, (options.max_hops + 1) / 2, options, &keys, &loaded);
  if (!a.ok()) return a.status();
  auto b = LoadBall(source, *g_ids, options.max_hops / 2, options, &keys, &loaded);
  if (!b.ok()) return b.status();
  if (!*a || !*b) {
    return Status::NotFound("no path found: the search reached its limit of " +
                            std::to_string(options.max_loaded) + " events");
  }
  auto local = EventGraph::BuildFrom(
      [&loaded](const std::function<bool(const Link&)>& visit) {
        for (const Link& l : loaded) {
          if (!visit(l)) break;
        }
        return Status::OK();
      },
      GraphBuildOptions{options.kinds});
  if (!local.ok()) return local.status();
  const EventGraph::Impl& impl = (*local)->impl();
  std::vector<graph_internal::Vertex> vertices;
  std::vector<graph_internal::Edge> edges;
  double cost = 0;
  Status st = graph_internal::ShortestPath(impl, *s_ids, *g_ids, options, &vertices, &edges,
                                           &cost);
  if (!st.ok()) return Status::NotFound("no path within " + std::to_string(options.max_hops) +
                                        " links");
  if (options.weight == PathWeight::kHops &&
      vertices.size() - 1 > static_cast<size_t>(options.max_hops)) {
    return Status::NotFound("no path within " + std::to_string(options.max_hops) + " links");
  }
  return graph_internal::MaterialisePath(impl, source, vertices, edges, cost);
}

Result<Path> FindPath(const GraphSource& source, const std::string& from, const std::string& to,
                      const PathOptions& options) {
  return FindPathBetween(source, std::vector<std::string>{from}, std::vector<std::string>{to}, options);
}

}  // namespace kbq
