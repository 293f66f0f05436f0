// AnswerJson: one place that turns a read command's parameters into the
// library call and its documented JSON, for the kbq tool and `kbq serve`.
#include "kbq/json_request.h"

#include <charconv>
#include <set>
#include <vector>

#include "kbq/query/render.h"

namespace kbq {
namespace {

using Params = std::map<std::string, std::string>;

// Each command's parameters; anything else is a mistake worth naming.
const std::map<std::string, std::set<std::string>>& KnownParams() {
  static const std::map<std::string, std::set<std::string>> known = {
      {"timeline",
       {"query", "with", "from", "to", "type", "place", "limit", "all", "strict", "lang", "top",
        "min-mentions", "min-sources", "sort", "include-reported"}},
      {"show", {"what", "lang"}},
      {"actors", {"query"}},
      {"stats", {}},
      {"neighbors", {"start", "depth", "kind", "from", "to", "lang"}},
      {"chain", {"id", "back", "forward", "lang"}},
      {"path", {"a", "b", "max-hops", "lang"}},
  };
  return known;
}

Status CheckParams(const std::string& command, const Params& params) {
  auto it = KnownParams().find(command);
  if (it == KnownParams().end()) {
    return Status::InvalidArgument("unknown command '" + command +
                                   "' (use timeline, show, actors, stats, neighbors, chain, path)");
  }
  for (const auto& [name, value] : params) {
    if (!it->second.count(name)) {
      return Status::InvalidArgument(command + ": unknown parameter '" + name + "'");
    }
  }
  return Status::OK();
}

std::string Get(const Params& p, const std::string& name) {
  auto it = p.find(name);
  return it == p.end() ? std::string() : it->second;
}

Result<bool> GetSwitch(const Params& p, const std::string& name) {
  auto it = p.find(name);
  if (it == p.end()) return false;
  const std::string& v = it->second;
  if (v.empty() || v == "1" || v == "true") return true;
  if (v == "0" || v == "false") return false;
  return Status::InvalidArgument("--" + name + ": '" + v + "' is not 1, true, 0 or false");
}

// A whole non-negative decimal number (or `fallback` when absent).
Result<int64_t> GetNumber(const Params& p, const std::string& name, int64_t fallback) {
  auto it = p.find(name);
  if (it == p.end()) return fallback;
  const std::string& v = it->second;
  int64_t n = 0;
  auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
  if (v.empty() || ec != std::errc() || end != v.data() + v.size()) {
    return Status::InvalidArgument("--" + name + ": '" + v + "' is not a number");
  }
  return n;
}

Result<TimeValue> GetDate(const Params& p, const std::string& name) {
  std::string text = Get(p, name);
  if (text.empty()) return TimeValue();
  TimeValue v = TimeValue::Parse(text);
  if (!v.ok()) {
    return Status::InvalidArgument("--" + name + ": '" + text +
                                   "' is not a date (use YYYY, YYYY-MM, YYYY-MM-DD or A..B)");
  }
  return v;
}

// The date window of --from and --to (each open when absent).
Status GetWindow(const Params& p, TimeValue* from, TimeValue* to) {
  auto f = GetDate(p, "from");
  if (!f.ok()) return f.status();
  auto t = GetDate(p, "to");
  if (!t.ok()) return t.status();
  *from = f.value();
  *to = t.value();
  return Status::OK();
}

Result<size_t> GetCount(const Params& p, const std::string& name) {
  auto n = GetNumber(p, name, 0);
  if (!n.ok()) return n.status();
  if (*n < 0) return Status::InvalidArgument("--" + name + ": must be 0 or more");
  return static_cast<size_t>(*n);
}

std::string LangFor(const Params& p, const std::string& text) {
  std::string lang = Get(p, "lang");
  return lang.empty() ? query::LanguageOf(text) : lang;
}

// A required positional argument: InvalidArgument when missing or blank.
Result<std::string> Required(const Params& p, const std::string& name, const std::string& what) {
  std::string v = Get(p, name);
  if (v.find_first_not_of(" \t\r\n") == std::string::npos) {
    return Status::InvalidArgument("empty " + what + ": give " + name);
  }
  return v;
}

Result<JsonAnswer> AnswerTimeline(const KnowledgeBase& kb, const Params& p) {
  if (Get(p, "query").find_first_not_of(" \t\r\n") == std::string::npos) {
    return Status::InvalidArgument("empty name: give an actor's name or id");
  }
  auto q = TimelineQueryFromParams(p);
  if (!q.ok()) return q.status();
  auto result = kb.Timeline(q.value());
  if (!result.ok()) return result.status();
  return JsonAnswer{ToJson(result.value()) + "\n", result->resolution_note};
}

Result<JsonAnswer> AnswerShow(const KnowledgeBase& kb, const Params& p) {
  auto what = Required(p, "what", "id");
  if (!what.ok()) return what.status();
  auto shown = kb.Show(*what);
  if (!shown.ok()) return shown.status();
  return JsonAnswer{shown->ToJson(LangFor(p, *what)) + "\n", ""};
}

Result<JsonAnswer> AnswerNeighbors(const KnowledgeBase& kb, const Params& p) {
  auto q = NeighborsQueryFromParams(p);
  if (!q.ok()) return q.status();
  auto rows = kb.Neighbors(q.value());
  if (!rows.ok()) return rows.status();
  return JsonAnswer{ToJson(rows.value(), LangFor(p, q->start)) + "\n", ""};
}

Result<JsonAnswer> AnswerChain(const KnowledgeBase& kb, const Params& p) {
  auto id = Required(p, "id", "id");
  if (!id.ok()) return id.status();
  auto back = GetSwitch(p, "back");
  auto forward = GetSwitch(p, "forward");
  if (!back.ok()) return back.status();
  if (!forward.ok()) return forward.status();
  if (*back && *forward) return Status::InvalidArgument("--back excludes --forward");
  auto rows = kb.Chain(*id, *forward);
  if (!rows.ok()) return rows.status();
  std::string lang = Get(p, "lang").empty() ? "en" : Get(p, "lang");
  return JsonAnswer{ToJson(rows.value(), lang) + "\n", ""};
}

Result<JsonAnswer> AnswerPath(const KnowledgeBase& kb, const Params& p) {
  auto a = Required(p, "a", "name");
  if (!a.ok()) return a.status();
  auto b = Required(p, "b", "name");
  if (!b.ok()) return b.status();
  auto hops = GetNumber(p, "max-hops", 6);
  if (!hops.ok()) return hops.status();
  if (*hops < 1 || *hops > 1000) return Status::InvalidArgument("--max-hops: must be at least 1");
  auto path = kb.Path(*a, *b, static_cast<int>(*hops));
  if (!path.ok()) return path.status();
  return JsonAnswer{ToJson(path.value(), LangFor(p, *a + *b)) + "\n", ""};
}

}  // namespace

Result<query::TimelineQuery> TimelineQueryFromParams(const Params& p) {
  if (Status s = CheckParams("timeline", p); !s.ok()) return s;
  query::TimelineQuery q;
  q.actor = Get(p, "query");
  q.with = Get(p, "with");
  if (Status s = GetWindow(p, &q.from, &q.to); !s.ok()) return s;
  q.type = Get(p, "type");
  q.place = Get(p, "place");
  q.lang = Get(p, "lang");
  if (!q.lang.empty() && q.lang != "en" && q.lang != "zh") {
    return Status::InvalidArgument("--lang: '" + q.lang + "' is not en or zh");
  }
  for (const auto& [name, field] : {std::pair<const char*, size_t*>{"limit", &q.limit},
                                    {"top", &q.top},
                                    {"min-mentions", &q.min_mentions},
                                    {"min-sources", &q.min_sources}}) {
    auto n = GetCount(p, name);
    if (!n.ok()) return n.status();
    *field = n.value();
  }
  for (const auto& [name, field] : {std::pair<const char*, bool*>{"all", &q.include_hidden},
                                    {"strict", &q.strict},
                                    {"include-reported", &q.include_reported}}) {
    auto on = GetSwitch(p, name);
    if (!on.ok()) return on.status();
    *field = on.value();
  }
  std::string sort = p.count("sort") ? Get(p, "sort") : "date";
  if (sort != "date" && sort != "salience") {
    return Status::InvalidArgument("--sort: '" + sort + "' is not date or salience");
  }
  q.sort = sort == "salience" ? query::TimelineSort::kSalience : query::TimelineSort::kDate;
  return q;
}

Result<query::NeighborsQuery> NeighborsQueryFromParams(const Params& p) {
  if (Status s = CheckParams("neighbors", p); !s.ok()) return s;
  query::NeighborsQuery q;
  auto start = Required(p, "start", "start");
  if (!start.ok()) return start.status();
  q.start = *start;
  auto depth = GetNumber(p, "depth", 1);
  if (!depth.ok()) return depth.status();
  if (*depth < 1 || *depth > 1000) return Status::InvalidArgument("--depth: must be at least 1");
  q.depth = static_cast<int>(*depth);
  auto kinds = query::ParseLinkKinds(Get(p, "kind"));
  if (!kinds.ok()) return Status::InvalidArgument("--kind: " + kinds.status().message());
  q.kinds = kinds.value();
  if (Status s = GetWindow(p, &q.from, &q.to); !s.ok()) return s;
  return q;
}

Result<JsonAnswer> AnswerJson(const KnowledgeBase& kb, const JsonRequest& r) {
  if (Status s = CheckParams(r.command, r.params); !s.ok()) return s;
  const Params& p = r.params;
  if (r.command == "timeline") return AnswerTimeline(kb, p);
  if (r.command == "show") return AnswerShow(kb, p);
  if (r.command == "neighbors") return AnswerNeighbors(kb, p);
  if (r.command == "chain") return AnswerChain(kb, p);
  if (r.command == "path") return AnswerPath(kb, p);
  if (r.command == "actors") {
    auto actors = kb.Actors(Get(p, "query"));
    if (!actors.ok()) return actors.status();
    return JsonAnswer{ToJson(actors.value()) + "\n", ""};
  }
  auto stats = kb.Stats();  // "stats"
  if (!stats.ok()) return stats.status();
  return JsonAnswer{ToJson(stats.value()) + "\n", ""};
}

}  // namespace kbq
