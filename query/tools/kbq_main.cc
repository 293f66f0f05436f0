// kbq — the command-line tool. A thin layer: argv → library call → printer.
// Every command is documented in docs/query.md; `kbq COMMAND --help` shows
// its options with an example.
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>

#include "kbq/ingest/pipeline.h"
#include "kbq/model_json.h"
#include "kbq/query/engine.h"
#include "kbq/query/render.h"
#include "kbq/store.h"

namespace {

using kbq::Status;

constexpr int kExitOk = 0;
constexpr int kExitFail = 1;   // not found, or partial failure
constexpr int kExitUsage = 2;

const char* kDefaultDb = "kbq.db";

struct Globals {
  std::string db;
  bool no_color = false;
};

std::string DbPath(const Globals& g) {
  if (!g.db.empty()) return g.db;
  if (const char* env = std::getenv("KBQ_DB"); env != nullptr && *env != '\0') return env;
  return kDefaultDb;
}

bool UseColor(const Globals& g) {
  return !g.no_color && std::getenv("NO_COLOR") == nullptr && isatty(STDOUT_FILENO);
}

int Fail(const Status& s) {
  std::cerr << "kbq: " << s.message() << "\n";
  return s.IsInvalidArgument() ? kExitUsage : kExitFail;
}

// Opens the store for reading; a missing store says how to create one.
kbq::Result<std::unique_ptr<kbq::Store>> OpenForRead(const Globals& g) {
  std::string path = DbPath(g);
  if (!std::filesystem::exists(path)) {
    return Status::NotFound("no kbq store at " + path +
                            " (create one with `kbq ingest FILE...`, or pass --db DIR)");
  }
  kbq::StoreOptions o;
  o.read_only = true;
  return kbq::Store::Open(path, o);
}

kbq::Result<std::unique_ptr<kbq::Store>> OpenForWrite(const Globals& g) {
  kbq::StoreOptions o;
  o.create_if_missing = true;
  return kbq::Store::Open(DbPath(g), o);
}

kbq::Result<kbq::TimeValue> ParseDateFlag(const std::string& flag, const std::string& text) {
  if (text.empty()) return kbq::TimeValue();
  kbq::TimeValue v = kbq::TimeValue::Parse(text);
  if (!v.ok()) {
    return Status::InvalidArgument("--" + flag + ": '" + text +
                                   "' is not a date (use YYYY, YYYY-MM, YYYY-MM-DD or A..B)");
  }
  return v;
}

// ------------------------------------------------------------------ ingest

struct IngestArgs {
  std::vector<std::string> inputs;
  std::string format = "auto";
  std::string published;
  std::string lang;
  bool quiet = false;
};

kbq::Result<kbq::ingest::ReadOptions> MakeReadOptions(const std::string& format,
                                                      const std::string& published,
                                                      const std::string& lang) {
  kbq::ingest::ReadOptions o;
  auto f = kbq::ingest::ParseFormat(format);
  if (!f) return Status::InvalidArgument("--format: unknown format '" + format + "'");
  o.format = *f;
  if (!published.empty()) {
    auto t = kbq::ingest::ParsePublished(published);
    if (!t) return Status::InvalidArgument("--published: '" + published + "' is not a time");
    o.published_utc = t->utc;
    if (t->offset_minutes) o.assumed_offset_minutes = t->offset_minutes;
  }
  o.lang = lang;
  return o;
}

int RunIngest(const Globals& g, const IngestArgs& a) {
  auto read = MakeReadOptions(a.format, a.published, a.lang);
  if (!read.ok()) return Fail(read.status());
  auto store = OpenForWrite(g);
  if (!store.ok()) return Fail(store.status());
  auto pipeline = kbq::ingest::Pipeline::Create(store->get());
  if (!pipeline.ok()) return Fail(pipeline.status());

  kbq::ingest::IngestOptions options;
  options.read = read.value();
  bool tty = isatty(STDERR_FILENO) && !a.quiet;
  uint64_t total_bytes = 0;
  for (const auto& in : a.inputs) {
    if (in == "-") continue;
    for (const auto& f : kbq::ingest::ListInputFiles(in)) {
      std::error_code ec;
      total_bytes += std::filesystem::file_size(f, ec);
    }
  }
  auto start = std::chrono::steady_clock::now();
  if (tty) {
    options.progress = [&](const kbq::ingest::IngestReport& r, uint64_t bytes) {
      double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      double rate = secs > 0 ? static_cast<double>(r.documents) / secs : 0;
      double eta = bytes > 0 && total_bytes > bytes ? secs * static_cast<double>(total_bytes - bytes) /
                                                          static_cast<double>(bytes)
                                                    : 0;
      std::fprintf(stderr, "\r%zu files  %.1f/%.1f MB  %.0f articles/s  ETA %.0fs   ", r.files,
                   static_cast<double>(bytes) / 1e6, static_cast<double>(total_bytes) / 1e6, rate, eta);
    };
  }
  kbq::ingest::IngestReport report;
  Status s = (*pipeline)->Ingest(a.inputs, options, store->get(), &report);
  if (tty) std::fprintf(stderr, "\n");
  for (const auto& d : report.diagnostics) std::cerr << d.ToString() << "\n";
  if (!s.ok()) return Fail(s);
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::cerr << "ingested " << report.ingested << ", skipped " << report.skipped_duplicates
            << " as duplicates, failed " << report.failed << " (" << report.files << " files, "
            << report.events_new << " new events, " << report.events_merged << " merged, "
            << report.links << " links, " << static_cast<int>(secs * 1000) << " ms) into "
            << DbPath(g) << "\n";
  return report.failed > 0 ? kExitFail : kExitOk;
}

// ---------------------------------------------------------------- timeline

struct TimelineArgs {
  std::string query, with, from, to, type, place, lang;
  size_t limit = 0;
  bool all = false, strict = false, json = false;
};

int RunTimeline(const Globals& g, const TimelineArgs& a) {
  kbq::query::TimelineQuery q;
  q.actor = a.query;
  q.with = a.with;
  auto from = ParseDateFlag("from", a.from);
  if (!from.ok()) return Fail(from.status());
  auto to = ParseDateFlag("to", a.to);
  if (!to.ok()) return Fail(to.status());
  q.from = from.value();
  q.to = to.value();
  q.type = a.type;
  q.place = a.place;
  q.limit = a.limit;
  q.include_hidden = a.all;
  q.strict = a.strict;
  q.lang = a.lang;
  auto store = OpenForRead(g);
  if (!store.ok()) return Fail(store.status());
  kbq::query::Engine engine(**store);
  auto result = engine.Timeline(q);
  if (!result.ok()) return Fail(result.status());
  if (a.json) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& row : result->rows) out.push_back(kbq::query::EventToJson(row, result->lang));
    std::cout << out.dump(2) << "\n";
  } else {
    kbq::query::RenderOptions o;
    o.lang = result->lang;
    o.color = UseColor(g);
    std::cout << kbq::query::RenderTimelineText(result.value(), o);
  }
  return kExitOk;
}

// -------------------------------------------------------------------- show

int RunShow(const Globals& g, const std::string& what, bool json, const std::string& lang) {
  auto store = OpenForRead(g);
  if (!store.ok()) return Fail(store.status());
  kbq::query::Engine engine(**store);
  kbq::query::RenderOptions o;
  o.lang = lang.empty() ? kbq::query::LanguageOf(what) : lang;
  o.color = UseColor(g);
  if (auto ev = engine.ShowEvent(what); ev.ok()) {
    if (json) {
      std::cout << kbq::query::EventToJson(ev.value(), o.lang).dump(2) << "\n";
    } else {
      std::cout << kbq::query::RenderEventText(ev.value(), o);
    }
    return kExitOk;
  }
  auto actor = engine.ResolveActor(what);
  if (!actor.ok()) return Fail(actor.status());
  auto view = engine.ShowActor(actor->id);
  if (!view.ok()) return Fail(view.status());
  if (json) {
    std::cout << kbq::query::ActorToJson(view.value()).dump(2) << "\n";
  } else {
    std::cout << kbq::query::RenderActorText(view.value(), o);
  }
  return kExitOk;
}

int RunActors(const Globals& g, const std::string& query, bool json) {
  auto store = OpenForRead(g);
  if (!store.ok()) return Fail(store.status());
  kbq::query::Engine engine(**store);
  auto actors = engine.Actors(query);
  if (!actors.ok()) return Fail(actors.status());
  if (json) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& v : actors.value()) out.push_back(kbq::query::ActorToJson(v));
    std::cout << out.dump(2) << "\n";
  } else {
    std::cout << kbq::query::RenderActorsText(actors.value(), {});
  }
  return actors->empty() ? kExitFail : kExitOk;
}

int RunStats(const Globals& g, bool json) {
  auto store = OpenForRead(g);
  if (!store.ok()) return Fail(store.status());
  auto stats = (*store)->Stats();
  if (!stats.ok()) return Fail(stats.status());
  const auto& s = stats.value();
  if (json) {
    std::cout << nlohmann::json{{"articles", s.articles},     {"events", s.events},
                                {"actors", s.actors},         {"links", s.links},
                                {"bytes_on_disk", s.bytes_on_disk},
                                {"format_version", s.format_version}}
                     .dump(2)
              << "\n";
  } else {
    std::cout << "store      " << DbPath(g) << " (format " << s.format_version << ")\n"
              << "articles   " << s.articles << "\nevents     " << s.events << "\nactors     "
              << s.actors << "\nlinks      " << s.links << "\nbytes      " << s.bytes_on_disk
              << "\n";
  }
  return kExitOk;
}

int RunCheck(const Globals& g) {
  auto store = OpenForRead(g);
  if (!store.ok()) return Fail(store.status());
  auto report = (*store)->Check();
  if (!report.ok()) return Fail(report.status());
  const auto& r = report.value();
  std::cout << "articles " << r.stats.articles << ", events " << r.stats.events << ", actors "
            << r.stats.actors << ", links " << r.stats.links << ", index entries "
            << r.index_entries << "\n";
  for (const auto& p : r.problems) std::cout << "problem: " << p << "\n";
  std::cout << (r.ok() ? "ok" : std::to_string(r.problems.size()) + " problems") << "\n";
  return r.ok() ? kExitOk : kExitFail;
}

int RunAliasAdd(const Globals& g, const std::string& actor, const std::string& name,
                const std::string& lang) {
  auto store = OpenForWrite(g);
  if (!store.ok()) return Fail(store.status());
  auto pipeline = kbq::ingest::Pipeline::Create(store->get());
  if (!pipeline.ok()) return Fail(pipeline.status());
  if (Status s = (*pipeline)->SyncActors(store->get()); !s.ok()) return Fail(s);
  kbq::query::Engine engine(**store);
  auto resolved = engine.ResolveActor(actor);
  if (!resolved.ok()) return Fail(resolved.status());
  std::string l = lang.empty() ? kbq::query::LanguageOf(name) : lang;
  if (Status s = (*pipeline)->AddAlias(store->get(), resolved->id, name, l); !s.ok()) {
    return Fail(s);
  }
  std::cout << "added " << l << " alias '" << name << "' to " << resolved->id << "\n";
  return kExitOk;
}

// ------------------------------------------------------- tag and extract

// Reads one document for `tag`/`extract`, printing diagnostics.
kbq::Result<kbq::ingest::Document> ReadOne(const std::string& path,
                                           const kbq::ingest::ReadOptions& o) {
  std::optional<kbq::ingest::Document> doc;
  Status s = kbq::ingest::ReadFile(
      path, o,
      [&](kbq::ingest::Document&& d) {
        if (!doc) doc = std::move(d);
      },
      [&](const kbq::ingest::Diagnostic& d) { std::cerr << d.ToString() << "\n"; });
  if (!s.ok()) return s.WithContext(path);
  if (!doc) return Status::NotFound(path + ": no readable document");
  return std::move(*doc);
}

int RunTag(const std::string& path, const std::string& published, const std::string& lang) {
  auto read = MakeReadOptions("auto", published, lang);
  if (!read.ok()) return Fail(read.status());
  auto doc = ReadOne(path, read.value());
  if (!doc.ok()) return Fail(doc.status());
  auto pipeline = kbq::ingest::Pipeline::Create(nullptr);
  if (!pipeline.ok()) return Fail(pipeline.status());
  kbq::ingest::Analysis a = (*pipeline)->Analyse(std::move(doc.value()));
  for (const auto& d : a.diagnostics) std::cerr << d.ToString() << "\n";
  // Merge the two mention lists in text order.
  size_t ti = 0, ai = 0;
  while (ti < a.times.size() || ai < a.actors.size()) {
    bool time_next = ai >= a.actors.size() ||
                     (ti < a.times.size() && a.times[ti].begin <= a.actors[ai].begin);
    nlohmann::json j;
    if (time_next) {
      const auto& t = a.times[ti++];
      j = {{"kind", "time"},
           {"text", t.text},
           {"span", {t.begin, t.end}},
           {"start", t.value.ok() ? kbq::FormatDay(t.value.earliest) : ""},
           {"end", t.value.ok() ? kbq::FormatDay(t.value.latest) : ""},
           {"value", t.value.ToString()},
           {"precision", kbq::PrecisionName(t.value.precision)},
           {"approx", t.value.approximate},
           {"duration", t.is_duration},
           {"resolution", kbq::ingest::ResolutionName(t.resolution)}};
    } else {
      const auto& m = a.actors[ai++];
      const kbq::Actor* actor = (*pipeline)->gazetteer().Find(m.actor_id);
      for (const auto& p : a.provisional_actors) {
        if (actor == nullptr && p.id == m.actor_id) actor = &p;
      }
      j = {{"kind", "actor"},
           {"text", m.text},
           {"span", {m.begin, m.end}},
           {"id", m.actor_id},
           {"name",
            {{"en", actor ? actor->Name("en") : m.text}, {"zh", actor ? actor->Name("zh") : m.text}}},
           {"actor_kind", actor ? kbq::ActorKindName(actor->kind) : "unknown"},
           {"metonym", m.metonym},
           {"provisional", m.provisional}};
    }
    std::cout << j.dump() << "\n";
  }
  return kExitOk;
}

int RunExtract(const std::string& path, const std::string& published, const std::string& lang) {
  auto read = MakeReadOptions("auto", published, lang);
  if (!read.ok()) return Fail(read.status());
  auto doc = ReadOne(path, read.value());
  if (!doc.ok()) return Fail(doc.status());
  auto pipeline = kbq::ingest::Pipeline::Create(nullptr);
  if (!pipeline.ok()) return Fail(pipeline.status());
  kbq::ingest::Analysis a = (*pipeline)->Analyse(std::move(doc.value()));
  for (const auto& d : a.diagnostics) std::cerr << d.ToString() << "\n";
  std::string out_lang = lang.empty() ? "en" : lang;
  for (const auto& e : a.events) {
    kbq::query::EventView v;
    v.event = e;
    for (const auto& id : e.ActorIds()) {
      if (const kbq::Actor* actor = (*pipeline)->gazetteer().Find(id)) v.actors.emplace(id, *actor);
    }
    for (const auto& id : {e.place_id, e.attribution.actor_id}) {
      if (const kbq::Actor* actor = (*pipeline)->gazetteer().Find(id)) v.actors.emplace(id, *actor);
    }
    for (const auto& p : a.provisional_actors) v.actors.emplace(p.id, p);
    std::cout << kbq::query::EventToJson(v, out_lang).dump() << "\n";
  }
  for (const auto& l : a.links) {
    nlohmann::json j = l;
    j["kind_of_record"] = "link";
    std::cout << j.dump() << "\n";
  }
  return kExitOk;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"kbq — a cross-lingual timeline and event-graph knowledge base.\n"
               "Example: kbq ingest examples/ && kbq timeline Ukraine"};
  app.require_subcommand(1);
  Globals g;
  app.add_option("--db", g.db, "Store directory (default: $KBQ_DB, else ./kbq.db)");
  app.add_flag("--no-color", g.no_color, "Never colour the output (NO_COLOR is honoured too)");
  int rc = kExitOk;

  IngestArgs ingest;
  auto* c_ingest = app.add_subcommand(
      "ingest", "Read articles (files, folders, - for stdin) into the store.\n"
                "Example: kbq ingest examples/ --published 2025-05-17T23:20:15+08:00");
  c_ingest->add_option("inputs", ingest.inputs, "Files, folders or -")->required();
  c_ingest->add_option("--format", ingest.format, "auto, page, jsonl, csv, tsv, text")
      ->capture_default_str();
  c_ingest->add_option("--published", ingest.published, "Publication time for inputs without one");
  c_ingest->add_option("--lang", ingest.lang, "Language of the inputs (zh, en); default: detected");
  c_ingest->add_flag("-q,--quiet", ingest.quiet, "No progress bar");
  c_ingest->callback([&] { rc = RunIngest(g, ingest); });

  TimelineArgs tl;
  auto* c_tl = app.add_subcommand(
      "timeline", "Events of an actor in date order.\n"
                  "Example: kbq timeline Russia --with Ukraine --from 2022 --to 2025-06");
  c_tl->add_option("query", tl.query, "Actor name in any language, or an id (UKR)")->required();
  c_tl->add_option("--with", tl.with, "Keep events in which this actor also takes part");
  c_tl->add_option("--from", tl.from, "Start date: YYYY, YYYY-MM or YYYY-MM-DD");
  c_tl->add_option("--to", tl.to, "End date: YYYY, YYYY-MM or YYYY-MM-DD");
  c_tl->add_option("--type", tl.type, "Event type (negotiate) or CAMEO prefix (04)");
  c_tl->add_option("--place", tl.place, "Place name or id");
  c_tl->add_option("--limit", tl.limit, "At most N events");
  c_tl->add_flag("--all", tl.all, "Include negated and counterfactual events");
  c_tl->add_flag("--strict", tl.strict, "Only the actor itself, not its bodies, people, places");
  c_tl->add_option("--lang", tl.lang, "Print names in en or zh (default: the query's language)");
  c_tl->add_flag("--json", tl.json, "JSON output (docs/query.md)");
  c_tl->callback([&] { rc = RunTimeline(g, tl); });

  std::string show_what, show_lang;
  bool show_json = false;
  auto* c_show = app.add_subcommand("show", "One event (by id) or actor (by name).\n"
                                            "Example: kbq show ev-0123456789abcdef");
  c_show->add_option("what", show_what, "Event id or actor name")->required();
  c_show->add_option("--lang", show_lang, "en or zh");
  c_show->add_flag("--json", show_json, "JSON output");
  c_show->callback([&] { rc = RunShow(g, show_what, show_json, show_lang); });

  std::string actors_query;
  bool actors_json = false;
  auto* c_actors = app.add_subcommand("actors", "List actors with names in both languages.\n"
                                                "Example: kbq actors ukr");
  c_actors->add_option("query", actors_query, "Part of a name or id");
  c_actors->add_flag("--json", actors_json, "JSON output");
  c_actors->callback([&] { rc = RunActors(g, actors_query, actors_json); });

  std::string alias_actor, alias_name, alias_lang;
  auto* c_alias = app.add_subcommand("alias", "Manage actor aliases in the store");
  auto* c_alias_add = c_alias->add_subcommand(
      "add", "Add a name for an actor; no rebuild needed.\nExample: kbq alias add UKR Украина --lang ru");
  c_alias->require_subcommand(1);
  c_alias_add->add_option("actor", alias_actor, "Actor name or id")->required();
  c_alias_add->add_option("name", alias_name, "The new name")->required();
  c_alias_add->add_option("--lang", alias_lang, "Language of the name (default: from its script)");
  c_alias_add->callback([&] { rc = RunAliasAdd(g, alias_actor, alias_name, alias_lang); });

  bool stats_json = false;
  auto* c_stats = app.add_subcommand("stats", "Counts and size of the store.\nExample: kbq stats");
  c_stats->add_flag("--json", stats_json, "JSON output");
  c_stats->callback([&] { rc = RunStats(g, stats_json); });

  auto* c_check = app.add_subcommand(
      "check", "Verify the store's indexes; exit 1 on any inconsistency.\nExample: kbq check");
  c_check->callback([&] { rc = RunCheck(g); });

  std::string tag_file, tag_published, tag_lang;
  auto* c_tag = app.add_subcommand(
      "tag", "Print the time expressions and actors found in one document (JSON lines); stores "
             "nothing.\nExample: kbq tag --published 2025-05-17 article.txt");
  c_tag->add_option("file", tag_file, "A file, or -")->required();
  c_tag->add_option("--published", tag_published, "Publication time (else from the dateline)");
  c_tag->add_option("--lang", tag_lang, "zh or en (default: detected)");
  c_tag->callback([&] { rc = RunTag(tag_file, tag_published, tag_lang); });

  std::string ex_file, ex_published, ex_lang;
  auto* c_extract = app.add_subcommand(
      "extract", "Run the whole pipeline on one document and print its events and links as JSON "
                 "lines; stores nothing.\nExample: kbq extract examples/articles/000_3ae8ec1ab298bbdb.txt");
  c_extract->add_option("file", ex_file, "A file, or -")->required();
  c_extract->add_option("--published", ex_published, "Publication time (else from the dateline)");
  c_extract->add_option("--lang", ex_lang, "Language of the labels (default en)");
  c_extract->callback([&] { rc = RunExtract(ex_file, ex_published, ex_lang); });

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? kExitOk : kExitUsage;
  }
  return rc;
}
