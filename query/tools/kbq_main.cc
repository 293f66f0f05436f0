// kbq — the command-line tool. A thin layer: argv → kbq::KnowledgeBase (the
// facade in kbq/knowledge_base.h) → printer (kbq/query/render.h). Every
// command is documented in docs/query.md; `kbq COMMAND --help` shows its
// options with an example.
#include <sys/stat.h>
#include <unistd.h>

#include <CLI/CLI.hpp>

#include <cerrno>
#include <csignal>
#include <cstdint>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>

#include "kbq/json_request.h"
#include "kbq/knowledge_base.h"
#include "kbq/query/render.h"
#include "kbq/serve/server.h"

namespace {

using kbq::KnowledgeBase;
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
kbq::Result<std::unique_ptr<KnowledgeBase>> OpenForRead(const Globals& g) {
  std::string path = DbPath(g);
  if (!std::filesystem::exists(path)) {
    return Status::NotFound("no kbq store at " + path +
                            " (create one with `kbq ingest FILE...`, or pass --db DIR)");
  }
  kbq::OpenOptions o;
  o.read_only = true;
  return KnowledgeBase::Open(path, o);
}

kbq::Result<std::unique_ptr<KnowledgeBase>> OpenForWrite(const Globals& g) {
  kbq::OpenOptions o;
  o.create_if_missing = true;
  return KnowledgeBase::Open(DbPath(g), o);
}

// Read settings from the flags; a bad one fails naming its flag.
kbq::Result<kbq::ReadSettings> MakeReadSettings(const std::string& format,
                                                const std::string& published,
                                                const std::string& lang, bool for_ingest,
                                                const std::string& encoding = "") {
  kbq::ReadSettings r;
  r.format = format;
  r.encoding = encoding;
  r.published = published;
  r.lang = lang;
  if (Status s = KnowledgeBase::ValidateReadSettings(r, for_ingest); !s.ok()) {
    return Status::InvalidArgument("--" + s.message());
  }
  return r;
}

// ------------------------------------------------------------------ ingest

struct IngestArgs {
  std::vector<std::string> inputs;
  std::string format = "auto";
  std::string published;
  std::string lang;
  std::string encoding;
  size_t threads = 0;
  bool quiet = false;
  bool bulk = false;
};

int RunIngest(const Globals& g, const IngestArgs& a) {
  auto read = MakeReadSettings(a.format, a.published, a.lang, true, a.encoding);
  if (!read.ok()) return Fail(read.status());
  auto kb = OpenForWrite(g);
  if (!kb.ok()) return Fail(kb.status());

  kbq::IngestOptions options;
  options.read = read.value();
  options.threads = a.threads;
  options.bulk = a.bulk;
  bool tty = isatty(STDERR_FILENO) && !a.quiet;
  bool line_ended = !tty;
  // The progress line ends before the first diagnostic prints.
  options.read.on_diagnostic = [&](const kbq::Diagnostic& d) {
    if (!line_ended) std::fprintf(stderr, "\n");
    line_ended = true;
    std::cerr << d.ToString() << "\n";
  };
  auto start = std::chrono::steady_clock::now();
  if (tty) {
    options.progress = [&](const kbq::IngestProgress& p) {
      double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      double rate = secs > 0 ? static_cast<double>(p.documents) / secs : 0;
      double eta = p.bytes_done > 0 && p.bytes_total > p.bytes_done
                       ? secs * static_cast<double>(p.bytes_total - p.bytes_done) /
                             static_cast<double>(p.bytes_done)
                       : 0;
      std::fprintf(stderr, "\r%zu files  %.1f/%.1f MB  %.0f articles/s  ETA %.0fs   ", p.files,
                   static_cast<double>(p.bytes_done) / 1e6, static_cast<double>(p.bytes_total) / 1e6,
                   rate, eta);
    };
  }
  auto summary = (*kb)->Ingest(a.inputs, options);
  if (!line_ended) std::fprintf(stderr, "\n");
  if (!summary.ok()) return Fail(summary.status());
  const kbq::IngestSummary& r = summary.value();
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::cerr << "ingested " << r.ingested << ", skipped " << r.skipped_duplicates
            << " as duplicates, failed " << r.failed << " (" << r.files << " files, "
            << r.events_new << " new events, " << r.events_merged << " merged, " << r.links
            << " links, " << static_cast<int>(secs * 1000) << " ms) into " << DbPath(g) << "\n";
  return r.failed > 0 ? kExitFail : kExitOk;
}

// ---------------------------------------------------------------- timeline

struct TimelineArgs {
  std::string query, with, from, to, type, place, lang;
  size_t limit = 0;
  bool all = false, strict = false, json = false;
  // Salience and the undated part (docs/query.md).
  int64_t top = -1;  // -1: not given
  size_t min_mentions = 0, min_sources = 0;
  std::string sort = "date", columns;
  bool include_reported = false, all_events = false;
};

// The flags timeline and export share beyond the basic filters.
void AddSalienceFlags(CLI::App* c, TimelineArgs* a) {
  c->add_option("--top", a->top, "The N most salient events in the range, shown in date order");
  c->add_option("--min-mentions", a->min_mentions, "Only events read in at least K sentences");
  c->add_option("--min-sources", a->min_sources, "Only events from at least K sources (sites, agencies)");
  c->add_option("--sort", a->sort, "date (default) or salience");
  c->add_flag("--include-reported", a->include_reported,
              "Count events dated only by their report as happening that day for --from/--to");
}

// The timeline flags as the parameters of kbq/json_request.h, which checks
// and reads them for the CLI and `kbq serve` alike.
std::map<std::string, std::string> TimelineParams(const TimelineArgs& a) {
  std::map<std::string, std::string> p;
  auto put = [&](const char* name, const std::string& v) {
    if (!v.empty()) p[name] = v;
  };
  put("query", a.query);
  put("with", a.with);
  put("from", a.from);
  put("to", a.to);
  put("type", a.type);
  put("place", a.place);
  put("lang", a.lang);
  put("sort", a.sort);
  if (a.limit) p["limit"] = std::to_string(a.limit);
  if (a.top != -1) p["top"] = std::to_string(a.top);
  if (a.min_mentions) p["min-mentions"] = std::to_string(a.min_mentions);
  if (a.min_sources) p["min-sources"] = std::to_string(a.min_sources);
  if (a.all) p["all"] = "1";
  if (a.strict) p["strict"] = "1";
  if (a.include_reported) p["include-reported"] = "1";
  return p;
}

kbq::Result<kbq::query::TimelineQuery> MakeTimelineQuery(const TimelineArgs& a) {
  return kbq::TimelineQueryFromParams(TimelineParams(a));
}

// A name that did not resolve: the message on stderr, and with --json the
// candidates (none when nothing matched) on stdout for a program to choose.
int FailName(const KnowledgeBase& kb, const std::string& name, const Status& s, bool json,
             bool strict) {
  if (json && s.IsNotFound()) {
    auto candidates = kb.Candidates(name, strict);
    if (candidates.ok()) std::cout << kbq::ToJson(name, candidates.value()) << "\n";
  }
  return Fail(s);
}

int RunTimeline(const Globals& g, const TimelineArgs& a) {
  // An empty query means every event to the library; typed here, it is a mistake.
  if (a.query.find_first_not_of(" \t\r\n") == std::string::npos) {
    return Fail(Status::InvalidArgument("empty name: give an actor's name or id"));
  }
  auto query = MakeTimelineQuery(a);
  if (!query.ok()) return Fail(query.status());
  auto columns = kbq::query::ParseTimelineColumns(a.columns);
  if (!columns.ok()) return Fail(Status::InvalidArgument("--columns: " + columns.status().message()));
  auto kb = OpenForRead(g);
  if (!kb.ok()) return Fail(kb.status());
  auto fail_name = [&](const Status& s) {
    const std::string& name = a.with.empty() || !(*kb)->ResolveActor(a.query).ok() ? a.query : a.with;
    return FailName(**kb, name, s, a.json, a.strict);
  };
  if (a.json) {
    auto answer = kbq::AnswerJson(**kb, {"timeline", TimelineParams(a)});
    if (!answer.ok()) return fail_name(answer.status());
    // How the name was read: in the header of the text view, on stderr beside JSON.
    if (!answer->note.empty()) std::cerr << "kbq: " << answer->note << "\n";
    std::cout << answer->body;
    return kExitOk;
  }
  auto result = (*kb)->Timeline(query.value());
  if (!result.ok()) return fail_name(result.status());
  kbq::query::RenderOptions o;
  o.lang = result->lang;
  o.color = UseColor(g);
  o.columns = columns.value();
  std::cout << kbq::query::RenderTimelineText(result.value(), o);
  return kExitOk;
}

// -------------------------------------------------------------------- show

int RunShow(const Globals& g, const std::string& what, bool json, const std::string& lang) {
  auto kb = OpenForRead(g);
  if (!kb.ok()) return Fail(kb.status());
  kbq::query::RenderOptions o;
  o.lang = lang.empty() ? kbq::query::LanguageOf(what) : lang;
  o.color = UseColor(g);
  if (json) {
    std::map<std::string, std::string> params{{"what", what}};
    if (!lang.empty()) params["lang"] = lang;
    auto answer = kbq::AnswerJson(**kb, {"show", params});
    if (!answer.ok()) return FailName(**kb, what, answer.status(), json, false);
    std::cout << answer->body;
    return kExitOk;
  }
  auto shown = (*kb)->Show(what);
  if (!shown.ok()) return FailName(**kb, what, shown.status(), json, false);
  if (shown->event) {
    std::cout << kbq::query::RenderEventText(*shown->event, o);
  } else {
    std::cout << kbq::query::RenderActorText(*shown->actor, o);
  }
  return kExitOk;
}

int RunActors(const Globals& g, const std::string& query, bool json) {
  auto kb = OpenForRead(g);
  if (!kb.ok()) return Fail(kb.status());
  bool empty = false;
  if (json) {
    auto answer = kbq::AnswerJson(**kb, {"actors", {{"query", query}}});
    if (!answer.ok()) return Fail(answer.status());
    std::cout << answer->body;
    empty = answer->body == "[]\n";
  } else {
    auto actors = (*kb)->Actors(query);
    if (!actors.ok()) return Fail(actors.status());
    kbq::query::RenderOptions o;
    o.color = UseColor(g);
    std::cout << kbq::query::RenderActorsText(actors.value(), o);
    empty = actors->empty();
  }
  if (empty) {
    std::cerr << "kbq: no actor matches '" << query << "'\n";
    return kExitFail;
  }
  return kExitOk;
}

int RunStats(const Globals& g, bool json) {
  auto kb = OpenForRead(g);
  if (!kb.ok()) return Fail(kb.status());
  if (json) {
    auto answer = kbq::AnswerJson(**kb, {"stats", {}});
    if (!answer.ok()) return Fail(answer.status());
    std::cout << answer->body;
    return kExitOk;
  }
  auto stats = (*kb)->Stats();
  if (!stats.ok()) return Fail(stats.status());
  const auto& s = stats.value();
  {
    std::cout << "store      " << DbPath(g) << " (format " << s.format_version << ")\n"
              << "articles   " << s.articles << "\nevents     " << s.events << "\nactors     "
              << s.actors << "\nlinks      " << s.links << "\nbytes      " << s.bytes_on_disk
              << "\n";
  }
  return kExitOk;
}

// Exit 0 when the store is intact; graph findings (what the articles say
// disagrees) fail only with --strict.
int RunCheck(const Globals& g, bool json, bool strict) {
  auto kb = OpenForRead(g);
  if (!kb.ok()) return Fail(kb.status());
  auto report = (*kb)->Check();
  if (!report.ok()) return Fail(report.status());
  const auto& r = report.value();
  bool pass = r.ok() && !(strict && !r.findings.empty());
  if (json) {
    std::cout << r.ToJson() << "\n";
    return pass ? kExitOk : kExitFail;
  }
  std::cout << "articles " << r.stats.articles << ", events " << r.stats.events << ", actors "
            << r.stats.actors << ", links " << r.stats.links << ", index entries "
            << r.index_entries << "\n";
  for (const auto& p : r.problems) std::cout << "problem: " << p << "\n";
  for (const auto& f : r.findings) std::cout << "finding: " << f << "\n";
  std::cout << (r.ok() ? "store ok" : std::to_string(r.problems.size()) + " problems") << "; "
            << r.findings.size() << (r.findings.size() == 1 ? " finding" : " findings")
            << " in the event graph (before-cycles, causes after effects)"
            << (strict || r.findings.empty() ? "" : "; --strict fails on them") << "\n";
  return pass ? kExitOk : kExitFail;
}

int RunAliasAdd(const Globals& g, const std::string& actor, const std::string& name,
                const std::string& lang) {
  auto kb = OpenForWrite(g);
  if (!kb.ok()) return Fail(kb.status());
  auto added = (*kb)->AddAlias(actor, name, lang);
  if (!added.ok()) return Fail(added.status());
  std::cout << "added " << added->lang << " alias '" << name << "' to " << added->actor_id << "\n";
  return kExitOk;
}

// ------------------------------------------------------- tag and extract

void PrintDiagnostic(const kbq::Diagnostic& d) { std::cerr << d.ToString() << "\n"; }

int RunTag(const std::string& path, const std::string& published, const std::string& lang) {
  auto read = MakeReadSettings("auto", published, lang, false);
  if (!read.ok()) return Fail(read.status());
  read->on_diagnostic = PrintDiagnostic;
  auto tags = KnowledgeBase::Tag(path, read.value());
  if (!tags.ok()) return Fail(tags.status());
  std::cout << tags->ToJsonLines();
  return kExitOk;
}

int RunExtract(const std::string& path, const std::string& published, const std::string& lang) {
  auto read = MakeReadSettings("auto", published, lang, false);
  if (!read.ok()) return Fail(read.status());
  read->on_diagnostic = PrintDiagnostic;
  auto extracted = KnowledgeBase::Extract(path, read.value());
  if (!extracted.ok()) return Fail(extracted.status());
  std::cout << extracted->ToJsonLines(lang.empty() ? "en" : lang);
  return kExitOk;
}

// --------------------------------------------------- neighbors, chain, path

// Prints the --json answer of a read command (kbq/json_request.h).
int PrintJson(const KnowledgeBase& kb, const kbq::JsonRequest& request) {
  auto answer = kbq::AnswerJson(kb, request);
  if (!answer.ok()) return Fail(answer.status());
  std::cout << answer->body;
  return kExitOk;
}

std::string LangFor(const std::string& flag, const std::string& text) {
  return flag.empty() ? kbq::query::LanguageOf(text) : flag;
}

struct NeighborsArgs {
  std::string start, kinds, from, to, lang;
  int depth = 1;
  bool json = false;
};

int RunNeighbors(const Globals& g, const NeighborsArgs& a) {
  std::map<std::string, std::string> params{{"start", a.start}, {"depth", std::to_string(a.depth)}};
  for (const auto& [name, value] : {std::pair<const char*, const std::string&>{"kind", a.kinds},
                                    {"from", a.from}, {"to", a.to}, {"lang", a.lang}}) {
    if (!value.empty()) params[name] = value;
  }
  std::map<std::string, std::string> query_params = params;
  query_params.erase("lang");
  auto q = kbq::NeighborsQueryFromParams(query_params);
  if (!q.ok()) return Fail(q.status());
  auto kb = OpenForRead(g);
  if (!kb.ok()) return Fail(kb.status());
  if (a.json) return PrintJson(**kb, {"neighbors", params});
  auto rows = (*kb)->Neighbors(q.value());
  if (!rows.ok()) return Fail(rows.status());
  kbq::query::RenderOptions o;
  o.lang = LangFor(a.lang, a.start);
  o.color = UseColor(g);
  std::cout << kbq::query::RenderNeighboursText(
      "Neighbors of " + a.start + " (depth " + std::to_string(a.depth) + ")", rows.value(), o);
  return kExitOk;
}

int RunChain(const Globals& g, const std::string& id, bool forward, bool json,
             const std::string& lang_flag) {
  auto kb = OpenForRead(g);
  if (!kb.ok()) return Fail(kb.status());
  if (json) {
    std::map<std::string, std::string> params{{"id", id}};
    if (forward) params["forward"] = "1";
    if (!lang_flag.empty()) params["lang"] = lang_flag;
    return PrintJson(**kb, {"chain", params});
  }
  auto rows = (*kb)->Chain(id, forward);
  if (!rows.ok()) return Fail(rows.status());
  kbq::query::RenderOptions o;
  o.lang = lang_flag.empty() ? "en" : lang_flag;
  o.color = UseColor(g);
  std::cout << kbq::query::RenderNeighboursText(
      std::string(forward ? "Chain forward from " : "Chain back from ") + id, rows.value(), o);
  return kExitOk;
}

int RunPath(const Globals& g, const std::string& a, const std::string& b, int max_hops, bool json,
            const std::string& lang_flag) {
  if (max_hops < 1) return Fail(Status::InvalidArgument("--max-hops: must be at least 1"));
  auto kb = OpenForRead(g);
  if (!kb.ok()) return Fail(kb.status());
  if (json) {
    std::map<std::string, std::string> params{
        {"a", a}, {"b", b}, {"max-hops", std::to_string(max_hops)}};
    if (!lang_flag.empty()) params["lang"] = lang_flag;
    return PrintJson(**kb, {"path", params});
  }
  auto path = (*kb)->Path(a, b, max_hops);
  if (!path.ok()) return Fail(path.status());
  kbq::query::RenderOptions o;
  o.lang = LangFor(lang_flag, a + b);
  o.color = UseColor(g);
  std::cout << kbq::query::RenderPathText(path.value(), o);
  return kExitOk;
}

// ------------------------------------------------------------------ export

// Writes `content` to `path` through a temporary file in the same folder and
// a rename, so a failure never leaves a half-written file at `path`.
Status WriteAtomically(const std::string& path, const std::string& content) {
  namespace fs = std::filesystem;
  fs::path target(path);
  fs::path dir = target.parent_path().empty() ? fs::path(".") : target.parent_path();
  std::string templ = (dir / ("." + target.filename().string() + ".tmp.XXXXXX")).string();
  std::vector<char> buf(templ.begin(), templ.end());
  buf.push_back('\0');
  int fd = mkstemp(buf.data());
  if (fd < 0) return Status::IOError(path + ": cannot create a temporary file in " + dir.string() + ": " + std::strerror(errno));
  std::string tmp(buf.data());
  size_t done = 0;
  while (done < content.size()) {
    ssize_t n = ::write(fd, content.data() + done, content.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      std::string err = std::strerror(errno);
      ::close(fd);
      ::unlink(tmp.c_str());
      return Status::IOError(path + ": write failed: " + err);
    }
    done += static_cast<size_t>(n);
  }
  if (::fsync(fd) != 0 || ::close(fd) != 0) {
    std::string err = std::strerror(errno);
    ::unlink(tmp.c_str());
    return Status::IOError(path + ": " + err);
  }
  ::chmod(tmp.c_str(), 0644);
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    std::string err = std::strerror(errno);
    ::unlink(tmp.c_str());
    return Status::IOError(path + ": cannot rename into place: " + err);
  }
  return Status::OK();
}

// The viewer's page with the answers of one timeline query inlined
// (kbq/serve/server.h, ExportHtml).
kbq::Result<kbq::ExportResult> ExportHtml(const Globals& g, const TimelineArgs& a) {
  auto query = MakeTimelineQuery(a);
  if (!query.ok()) return query.status();
  auto kb = OpenForRead(g);
  if (!kb.ok()) return kb.status();
  auto html = kbq::serve::ExportHtml(**kb, TimelineParams(a));
  if (!html.ok()) return html.status();
  auto events = (*kb)->Timeline(query.value());
  return kbq::ExportResult{html.value(), events.ok() ? events->rows.size() : 0};
}

int RunExport(const Globals& g, const TimelineArgs& a, const std::string& format,
              const std::string& output) {
  auto f = kbq::query::ParseExportFormat(format);
  if (!f && format != "html") {
    return Fail(Status::InvalidArgument("--format: unknown export format '" + format +
                                        "' (use timelinejs, cytoscape, graphml, dot, jsonl, html)"));
  }
  kbq::Result<kbq::ExportResult> exported = kbq::ExportResult{};
  if (f) {
    auto query = MakeTimelineQuery(a);
    if (!query.ok()) return Fail(query.status());
    auto kb = OpenForRead(g);
    if (!kb.ok()) return Fail(kb.status());
    // TimelineJS gets the most salient events unless --top or --all-events
    // says otherwise (KnowledgeBase::Export).
    exported = (*kb)->Export(*f, query.value(), a.all_events || a.top >= 0);
  } else {
    exported = ExportHtml(g, a);
  }
  if (!exported.ok()) return Fail(exported.status());
  const std::string& text = exported->text;
  if (output.empty() || output == "-") {
    std::cout << text;
    return kExitOk;
  }
  if (Status s = WriteAtomically(output, text); !s.ok()) return Fail(s);
  std::cerr << "exported " << exported->events << " events as " << format << " to " << output
            << "\n";
  return kExitOk;
}

// ------------------------------------------------------------------- serve

struct ServeArgs {
  int port = 8437;
  std::string host = "127.0.0.1";
};

kbq::serve::Server* g_server = nullptr;

extern "C" void StopServer(int) {
  if (g_server != nullptr) g_server->Stop();
}

int RunServe(const Globals& g, const ServeArgs& a) {
  if (a.port < 0 || a.port > 65535) return Fail(Status::InvalidArgument("--port: not 0..65535"));
  std::string path = DbPath(g);
  if (!std::filesystem::exists(path)) return Fail(OpenForRead(g).status());
  if (!kbq::serve::IsLoopback(a.host)) {
    std::cerr << "kbq: warning: listening on " << a.host
              << ", not loopback: anyone who can reach this address can read the store\n";
  }
  kbq::serve::ServeOptions o;
  o.db = path;
  o.host = a.host;
  o.port = a.port;
  auto server = kbq::serve::Server::Start(o);
  if (!server.ok()) return Fail(server.status());
  std::string host = a.host.find(':') != std::string::npos ? "[" + a.host + "]" : a.host;
  std::cerr << "kbq: serving " << path << " read-only at http://" << host << ":"
            << (*server)->port() << "/ (Ctrl-C stops)\n";
  g_server = server->get();
  std::signal(SIGINT, StopServer);
  std::signal(SIGTERM, StopServer);
  (*server)->Wait();
  g_server = nullptr;
  return kExitOk;
}

// -------------------------------------------------------------------- eval

// --data, else ../shared/data from here, else $KBQ_SHARED_DATA.
kbq::Result<std::string> EvalDataDir(const std::string& flag) {
  namespace fs = std::filesystem;
  if (!flag.empty()) {
    if (!fs::is_directory(flag)) return Status::NotFound("--data: no folder " + flag);
    return flag;
  }
  if (fs::is_directory("../shared/data")) return std::string("../shared/data");
  if (const char* env = std::getenv("KBQ_SHARED_DATA"); env != nullptr && *env != '\0') {
    if (fs::is_directory(env)) return std::string(env);
    return Status::NotFound(std::string("$KBQ_SHARED_DATA: no folder ") + env);
  }
  return Status::NotFound(
      "no evaluation data: pass --data DIR, or run from a folder with ../shared/data, or set "
      "$KBQ_SHARED_DATA");
}

// Prints rows of a small table: name, then columns, aligned.
void PrintTable(const std::vector<std::vector<std::string>>& rows) {
  std::vector<size_t> width;
  for (const auto& r : rows) {
    for (size_t i = 0; i < r.size(); ++i) {
      if (width.size() <= i) width.push_back(0);
      width[i] = std::max(width[i], r[i].size());
    }
  }
  for (const auto& r : rows) {
    std::string line;
    for (size_t i = 0; i < r.size(); ++i) {
      std::string cell = r[i];
      if (i == 0) {
        cell += std::string(width[i] - cell.size(), ' ');
      } else {
        cell = std::string(width[i] - cell.size(), ' ') + cell;
      }
      line += (i ? "  " : "") + cell;
    }
    std::cout << line << "\n";
  }
}

int RunEval(const std::string& what, const std::string& data, bool list_misses) {
  auto dir = EvalDataDir(data);
  if (!dir.ok()) return Fail(dir.status());
  auto report = KnowledgeBase::Evaluate(what, dir.value());
  if (!report.ok()) return Fail(report.status());
  for (const auto& e : report->errors) std::cerr << "kbq: " << e.message() << "\n";
  for (const auto& section : report->sections) {
    std::cout << section.text;
    if (!section.table.empty()) PrintTable(section.table);
  }
  std::cout << report->json << "\n";
  if (list_misses) {
    for (const auto& m : report->misses) std::cout << m << "\n";
  }
  return report->ok() ? kExitOk : kExitFail;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"kbq — a cross-lingual timeline and event-graph knowledge base.\n"
               "Example: kbq ingest examples/ && kbq timeline Ukraine"};
  app.require_subcommand(1);
  // Global options are also accepted after the subcommand
  // (`kbq timeline Ukraine --db store`); subcommands inherit this.
  app.fallthrough();
  Globals g;
  app.add_option("--db", g.db, "Store directory (default: $KBQ_DB, else ./kbq.db)");
  app.add_flag("--no-color", g.no_color, "Never colour the output (NO_COLOR is honoured too)");
  int rc = kExitOk;

  IngestArgs ingest;
  auto* c_ingest = app.add_subcommand(
      "ingest", "Read articles (files, folders, - for stdin) into the store.\n"
                "Example: kbq ingest examples/ --published 2025-05-17T23:20:15+08:00");
  c_ingest->add_option("inputs", ingest.inputs, "Files, folders or -")->required();
  c_ingest->add_option("--format", ingest.format,
                       "auto, page, jsonl, csv, tsv, text, html, rss, atom, warc; or the event "
                       "streams gdelt, icews, events (JSON lines of kbq extract)")
      ->capture_default_str();
  c_ingest->add_option("--encoding", ingest.encoding,
                       "Character encoding of the inputs (GB18030, Big5, Shift_JIS, ...); "
                       "default: detected");
  c_ingest->add_option("--published", ingest.published, "Publication time for inputs without one");
  c_ingest->add_option("--lang", ingest.lang, "Language of the inputs (zh, en); default: detected");
  c_ingest->add_option("--threads", ingest.threads,
                       "Extraction threads (default 0: one per core); the writer runs beside them");
  c_ingest->add_flag("-q,--quiet", ingest.quiet, "No progress bar");
  c_ingest->add_flag("--bulk", ingest.bulk,
                     "Load event streams (gdelt, icews, kbq extract JSON lines) as one bulk "
                     "import: sorted files ingested at the end, all or nothing");
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
  c_tl->add_flag("--all", tl.all, "Include negated and counterfactual events, and minor ones");
  c_tl->add_flag("--strict", tl.strict, "Only the actor itself, not its bodies, people, places");
  c_tl->add_option("--lang", tl.lang, "Print names in en or zh (default: the query's language)");
  AddSalienceFlags(c_tl, &tl);
  c_tl->add_option("--columns", tl.columns,
                   "Columns: date, event, mentions, articles, sources, salience, confidence, id");
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
      "check", "Verify the store's records and indexes (exit 1 on any integrity problem) and "
             "list the event graph's findings (before-cycles, causes after effects).\n"
             "Example: kbq check --strict");
  bool check_json = false, check_strict = false;
  c_check->add_flag("--json", check_json, "JSON output: counts, problems and findings");
  c_check->add_flag("--strict", check_strict, "Exit 1 on graph findings too");
  c_check->callback([&] { rc = RunCheck(g, check_json, check_strict); });

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

  NeighborsArgs nb;
  auto* c_nb = app.add_subcommand(
      "neighbors", "Events within N links of an event, or of an actor's events.\n"
                   "Example: kbq neighbors Ukraine --depth 2 --kind causal,storyline --from 2025");
  c_nb->add_option("start", nb.start, "Event id, or actor name (its events are the starts)")
      ->required();
  c_nb->add_option("--depth", nb.depth, "Links to follow (default 1)")->capture_default_str();
  c_nb->add_option("--kind", nb.kinds,
                   "Link kinds, comma-separated: causal, temporal, before, overlaps, causes, "
                   "enables, part_of, storyline, refers_to, same_as (default: all)");
  c_nb->add_option("--from", nb.from, "Only events overlapping dates from YYYY[-MM[-DD]]");
  c_nb->add_option("--to", nb.to, "Only events overlapping dates up to YYYY[-MM[-DD]]");
  c_nb->add_option("--lang", nb.lang, "Print names in en or zh (default: the query's language)");
  c_nb->add_flag("--json", nb.json, "JSON output: events with hops and via (docs/query.md)");
  c_nb->callback([&] { rc = RunNeighbors(g, nb); });

  std::string chain_id, chain_lang;
  bool chain_back = false, chain_forward = false, chain_json = false;
  auto* c_chain = app.add_subcommand(
      "chain", "The causal and storyline chain of an event, in date order, with the link that "
               "reached each event.\nExample: kbq chain ev-0123456789abcdef --back");
  c_chain->add_option("id", chain_id, "Event id")->required();
  auto* o_back = c_chain->add_flag("--back", chain_back, "Follow causes back to the roots (default)");
  auto* o_fwd = c_chain->add_flag("--forward", chain_forward, "Follow consequences forward");
  o_back->excludes(o_fwd);
  c_chain->add_option("--lang", chain_lang, "Print names in en or zh (default en)");
  c_chain->add_flag("--json", chain_json, "JSON output");
  c_chain->callback([&] { rc = RunChain(g, chain_id, chain_forward, chain_json, chain_lang); });

  std::string path_a, path_b, path_lang;
  int path_hops = 6;
  bool path_json = false;
  auto* c_path = app.add_subcommand(
      "path", "The shortest explained path between two events, or two actors through their "
              "events.\nExample: kbq path Russia Ukraine --max-hops 4");
  c_path->add_option("a", path_a, "Event id or actor name")->required();
  c_path->add_option("b", path_b, "Event id or actor name")->required();
  c_path->add_option("--max-hops", path_hops, "Longest path to look for")->capture_default_str();
  c_path->add_option("--lang", path_lang, "Print names in en or zh (default: the query's language)");
  c_path->add_flag("--json", path_json, "JSON output");
  c_path->callback([&] { rc = RunPath(g, path_a, path_b, path_hops, path_json, path_lang); });

  TimelineArgs ex;
  std::string ex_format, ex_output;
  auto* c_export = app.add_subcommand(
      "export", "Write the events of a timeline query (all events without QUERY) for a "
                "visualisation tool.\n"
                "Example: kbq export --format timelinejs Ukraine --from 2022 -o ukraine.json");
  c_export->add_option("--format", ex_format,
                       "timelinejs, cytoscape, graphml, dot, jsonl, or html (the viewer's page "
                       "with the data inlined; needs QUERY)")
      ->required();
  c_export->add_option("query", ex.query, "Actor name or id (default: all events)");
  c_export->add_option("--with", ex.with, "Keep events in which this actor also takes part");
  c_export->add_option("--from", ex.from, "Start date: YYYY, YYYY-MM or YYYY-MM-DD");
  c_export->add_option("--to", ex.to, "End date: YYYY, YYYY-MM or YYYY-MM-DD");
  c_export->add_option("--type", ex.type, "Event type (negotiate) or CAMEO prefix (04)");
  c_export->add_option("--place", ex.place, "Place name or id");
  c_export->add_option("--limit", ex.limit, "At most N events");
  c_export->add_flag("--all", ex.all, "Include negated and counterfactual events, and minor ones");
  c_export->add_flag("--strict", ex.strict, "Only the actor itself, not its bodies, people, places");
  c_export->add_option("--lang", ex.lang, "Names in en or zh (default: the query's language)");
  AddSalienceFlags(c_export, &ex);
  c_export->add_flag("--all-events", ex.all_events,
                     "timelinejs: every event, not only the 100 most salient");
  c_export->add_option("-o,--output", ex_output,
                       "Write to FILE atomically (default: standard output)");
  c_export->callback([&] { rc = RunExport(g, ex, ex_format, ex_output); });

  ServeArgs serve;
  auto* c_serve = app.add_subcommand(
      "serve", "A local viewer: timeline, graph and evidence in the browser, from the store "
               "opened read-only.\nExample: kbq serve --port 8437, then open http://127.0.0.1:8437/");
  c_serve->add_option("--port", serve.port, "Port to listen on (0: any free port)")
      ->capture_default_str();
  c_serve->add_option("--host", serve.host,
                      "Address to listen on; anything but loopback exposes the store")
      ->capture_default_str();
  c_serve->callback([&] { rc = RunServe(g, serve); });

  std::string eval_what, eval_data;
  bool eval_errors = false;
  auto* c_eval = app.add_subcommand(
      "eval", "Measure the tagger, the gazetteer or the event extractor on third-party gold "
              "data; prints a table and a JSON line.\nExample: kbq eval timex --data ../shared/data");
  c_eval->add_option("what", eval_what, "timex, actors or events")
      ->required()
      ->check(CLI::IsMember({"timex", "actors", "events"}));
  c_eval->add_option("--data", eval_data,
                     "Data folder (default: ../shared/data, else $KBQ_SHARED_DATA)");
  c_eval->add_flag("--errors", eval_errors,
                   "After the figures, every gold item missed or read wrong, one line each");
  c_eval->callback([&] { rc = RunEval(eval_what, eval_data, eval_errors); });

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? kExitOk : kExitUsage;
  }
  return rc;
}
