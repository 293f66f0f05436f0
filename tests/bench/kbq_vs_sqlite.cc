// kbq_vs_sqlite: the kbq store and SQLite side by side, on the same synthetic
// event stream (bench_data.h), in one run. Prints a table; never asserts.
//
//   kbq_vs_sqlite [--events N] [--seed S] [--dir PATH] [--reps R] [--batch B]
//                 [--only kbq|sqlite] [--networkx-max-events M] [--load-only] [--keep]
//                 [--load bulk|commit|both] [--bulk-budget-mib M]
//
// Each system runs in its own child process (fork), so its peak RSS
// (VmHWM) is its own: load (kbq bulk: Store::BulkImport fed batches of B
// events, Finish, close; kbq Commit, with --load commit|both, in a child of its
// own whose store is not queried: bulk_load store, Commit per B events, Flush,
// close; SQLite: WAL, one transaction, indexes built after the rows, COMMIT,
// checkpoint, close), bytes on disk (du of its directory after close), then
// the queries on the reopened store (kbq: read-only, as the CLI opens it),
// each run once to warm up and then timed R times with inputs from the seed:
//   timeline100  an actor's first 100 events (whole range, date order)
//   timeline_yr  an actor's events in a one-year range
//   count        how many events an actor takes part in
//   month        every event overlapping one month
//   2hop         distinct events within 2 links of an event (either direction)
//   path         shortest undirected path between two events <= 6 links apart
//                (bidirectional BFS, the same code on both systems)
//   graph        whole link graph into a Boost CSR graph (timed 3 times)
// Then networkx builds the same graph (python3 -c), when installed and N is
// at most --networkx-max-events.
#include <fcntl.h>
#include <sqlite3.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/graph/compressed_sparse_row_graph.hpp>

#include <algorithm>
#include <chrono>
#include <cinttypes>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <sstream>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "bench_data.h"
#include "kbq/store.h"

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
using kbqbench::Generator;
using kbqbench::Row;

struct Config {
  uint64_t events = 1000000;
  uint64_t seed = 42;
  std::string dir = "/tmp/kbqbench";
  int reps = 200;
  uint64_t batch = 10000;
  std::string only;
  uint64_t networkx_max = 2000000;
  bool keep = false;
  bool load_only = false;
  bool queries_only = false;  // reuse the kbq store a --keep run left in --dir
  // How kbq loads: "bulk" (Store::BulkImport; the store the queries run on),
  // "commit" (Commit per batch in bulk_load mode), or "both" (bulk, plus a
  // Commit load in another child, load rows only).
  std::string load = "both";
  size_t bulk_budget = 256 << 20;  // BulkImportOptions::memory_budget
};

double Seconds(Clock::time_point since) {
  return std::chrono::duration<double>(Clock::now() - since).count();
}

[[noreturn]] void Die(const std::string& what) {
  std::fprintf(stderr, "kbq_vs_sqlite: %s\n", what.c_str());
  std::exit(1);
}

void Check(const kbq::Status& s, const char* what) {
  if (!s.ok()) Die(std::string(what) + ": " + s.ToString());
}

// kB value of a /proc/self/status field ("VmHWM", "VmRSS").
uint64_t ProcStatusKb(const char* field) {
  std::ifstream in("/proc/self/status");
  std::string line;
  size_t len = std::strlen(field);
  while (std::getline(in, line)) {
    if (line.compare(0, len, field) == 0 && line.size() > len && line[len] == ':') {
      return std::strtoull(line.c_str() + len + 1, nullptr, 10);
    }
  }
  return 0;
}

// CPU seconds (user + system) of this process, all threads.
double CpuSeconds() {
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  return static_cast<double>(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
         static_cast<double>(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

// Resets VmHWM to the current RSS (Linux >= 4.0).
void ResetPeakRss() {
  int fd = open("/proc/self/clear_refs", O_WRONLY);
  if (fd >= 0) {
    (void)!write(fd, "5", 1);
    close(fd);
  }
}

// Like du: allocated blocks of every file below `path`.
uint64_t DiskUsage(const std::string& path) {
  uint64_t total = 0;
  std::error_code ec;
  for (fs::recursive_directory_iterator it(path, ec), end; !ec && it != end; it.increment(ec)) {
    struct stat st;
    if (lstat(it->path().c_str(), &st) == 0 && S_ISREG(st.st_mode)) {
      total += static_cast<uint64_t>(st.st_blocks) * 512;
    }
  }
  return total;
}

// ------------------------------------------------------------ inputs

// Query inputs, drawn from the seed (the same in both children).
struct Inputs {
  std::vector<uint16_t> actors;                        // Zipf, like real look-ups
  std::vector<std::pair<int32_t, int32_t>> years;      // with actors[k]
  std::vector<std::pair<int32_t, int32_t>> months;
  std::vector<uint64_t> events;                        // uniform
  std::vector<std::pair<uint64_t, uint64_t>> pairs;    // a random walk of 3..6 links apart
};

Inputs MakeInputs(const Generator& gen, uint64_t seed, int reps) {
  kbqbench::Rng r(seed * 31 + 7);
  Inputs in;
  const uint64_t n = gen.size();
  for (int k = 0; k < reps; ++k) {
    in.actors.push_back(static_cast<uint16_t>(gen.actor_zipf().Sample(r)));
    int year = 1985 + static_cast<int>(r.Below(41));
    in.years.emplace_back(kbq::DaysFromCivil(year, 1, 1), kbq::DaysFromCivil(year, 12, 31));
    // A month of a random event's year, so months follow the data's density.
    Row row = gen.Make(r.Below(n));
    int y;
    unsigned m, d;
    kbq::CivilFromDays(row.start, &y, &m, &d);
    int32_t first = kbq::DaysFromCivil(y, m, 1);
    int32_t last = (m == 12 ? kbq::DaysFromCivil(y + 1, 1, 1) : kbq::DaysFromCivil(y, m + 1, 1)) - 1;
    in.months.emplace_back(first, last);
    in.events.push_back(r.Below(n));
    uint64_t a = n > 1 ? 1 + r.Below(n - 1) : 0, cur = a;
    int steps = 3 + static_cast<int>(r.Below(4));
    for (int s = 0; s < steps; ++s) {
      Row w = gen.Make(cur);
      if (w.num_links == 0) break;
      cur = w.link_to[r.Below(static_cast<uint64_t>(w.num_links))];
    }
    in.pairs.emplace_back(a, cur);
  }
  return in;
}

// ------------------------------------------------------------ results

// A child's figures, sent to the parent as "key value" lines.
class Results {
 public:
  void Set(const std::string& key, double v) { values_[key] = v; }
  void AddTimes(const std::string& name, std::vector<double> us) {
    std::sort(us.begin(), us.end());
    if (us.empty()) return;
    auto at = [&](double q) {
      size_t i = static_cast<size_t>(q * static_cast<double>(us.size() - 1) + 0.5);
      return us[std::min(i, us.size() - 1)];
    };
    Set(name + ".p50", at(0.5));
    Set(name + ".p99", at(0.99));
  }
  std::string Serialise() const {
    std::string out;
    char buf[64];
    for (const auto& [k, v] : values_) {
      std::snprintf(buf, sizeof buf, " %.17g\n", v);
      out += k + buf;
    }
    return out;
  }
  static Results Parse(const std::string& text) {
    Results r;
    std::istringstream in(text);
    std::string k;
    double v;
    while (in >> k >> v) r.values_[k] = v;
    return r;
  }
  bool Has(const std::string& k) const { return values_.count(k) > 0; }
  double Get(const std::string& k) const {
    auto it = values_.find(k);
    return it == values_.end() ? -1 : it->second;
  }

 private:
  std::map<std::string, double> values_;
};

// --query NAME: time only that query (for profiling); empty = all.
std::string g_only_query;

// Runs `one(k)` for every input once (warm-up), then again timed.
// `one` returns how many rows it produced; their sum is recorded as a check
// that both systems answered the same.
void TimeQuery(Results* res, const std::string& name, int reps,
               const std::function<uint64_t(int)>& one) {
  if (!g_only_query.empty() && g_only_query != name) return;
  for (int k = 0; k < reps; ++k) (void)one(k);
  std::vector<double> us;
  uint64_t rows = 0;
  for (int k = 0; k < reps; ++k) {
    auto t0 = Clock::now();
    rows += one(k);
    us.push_back(std::chrono::duration<double, std::micro>(Clock::now() - t0).count());
  }
  res->AddTimes(name, std::move(us));
  res->Set(name + ".rows", static_cast<double>(rows));
}

// Bidirectional BFS over an undirected view; -1 when no path of at most
// `max_len` links exists.
// `nbrs(frontier, &out)` appends the neighbours of every id in `frontier`
// (kbq reads a whole frontier at once; SQLite runs its statement per id).
template <typename Id, typename Nbrs>
int BiBfs(const Id& s, const Id& t, int max_len, Nbrs nbrs) {
  if (s == t) return 0;
  std::unordered_map<Id, int> ds{{s, 0}}, dt{{t, 0}};
  std::vector<Id> fs{s}, ft{t}, next, adj;
  int ls = 0, lt = 0;
  while (!fs.empty() && !ft.empty() && ls + lt < max_len) {
    bool from_s = fs.size() <= ft.size();
    auto& frontier = from_s ? fs : ft;
    auto& mine = from_s ? ds : dt;
    auto& other = from_s ? dt : ds;
    int& level = from_s ? ls : lt;
    next.clear();
    int best = INT_MAX;
    adj.clear();
    nbrs(frontier, &adj);
    for (const Id& v : adj) {
      if (auto o = other.find(v); o != other.end()) best = std::min(best, level + 1 + o->second);
      if (mine.emplace(v, level + 1).second) next.push_back(v);
    }
    if (best != INT_MAX) return best;
    ++level;
    frontier.swap(next);
  }
  return -1;
}

// ------------------------------------------------------------ kbq

// Events [first, last) and their links, as one batch.
kbq::CommitBatch MakeBatch(const Generator& gen, uint64_t first, uint64_t last) {
  kbq::CommitBatch b;
  b.events.reserve(last - first);
  for (uint64_t i = first; i < last; ++i) {
    Row row = gen.Make(i);
    b.events.push_back(gen.ToEvent(row));
    const std::string& from = b.events.back().id;
    for (int k = 0; k < row.num_links; ++k) {
      b.links.push_back({from, gen.EventId(row.link_to[k]), row.link_kind[k], "", 0.5});
    }
  }
  return b;
}

// The bulk path: every actor, event and link through one Store::BulkImport
// (batches of --batch events), then Finish (sort, SST files, ingestion).
void LoadKbqBulk(const Config& cfg, const Generator& gen, const std::string& path, Results* res) {
  auto t0 = Clock::now();
  double cpu0 = CpuSeconds();
  kbq::StoreOptions o;
  o.create_if_missing = true;
  auto opened = kbq::Store::Open(path, o);
  Check(opened.status(), "open kbq store");
  auto store = std::move(opened).value();
  kbq::BulkImportOptions bo;
  bo.memory_budget = cfg.bulk_budget;
  auto importer = store->BulkImport(bo);
  Check(importer.status(), "BulkImport");
  kbq::CommitBatch actors;
  for (int a = 0; a < kbqbench::kNumActors; ++a) actors.actors.push_back(gen.MakeActor(a));
  Check((*importer)->Add(std::move(actors)), "add actors");
  uint64_t links = 0;
  for (uint64_t first = 0; first < gen.size(); first += cfg.batch) {
    kbq::CommitBatch b = MakeBatch(gen, first, std::min(gen.size(), first + cfg.batch));
    links += b.links.size();
    Check((*importer)->Add(std::move(b)), "add");
  }
  res->Set("load.commit_s", Seconds(t0));
  auto f0 = Clock::now();
  kbq::BulkImportResult r;
  Check((*importer)->Finish(&r), "finish");
  importer->reset();
  store.reset();  // close
  res->Set("load.close_s", Seconds(f0));
  double secs = Seconds(t0);
  res->Set("load.seconds", secs);
  res->Set("load.cpu", CpuSeconds() - cpu0);
  res->Set("load.rate", static_cast<double>(gen.size()) / secs);
  res->Set("load.runs", static_cast<double>(r.runs_spilled));
  res->Set("links", static_cast<double>(links));
}

void RunKbq(const Config& cfg, const Generator& gen, const Inputs& in, bool bulk, Results* res) {
  const std::string path = cfg.dir + (bulk ? "/kbq" : "/kbq-commit");
  std::error_code ec;
  if (!cfg.queries_only) fs::remove_all(path, ec);
  ResetPeakRss();
  // Load.
  if (!cfg.queries_only && bulk) LoadKbqBulk(cfg, gen, path, res);
  if (!cfg.queries_only && !bulk) {
    auto t0 = Clock::now();
    double cpu0 = CpuSeconds();
    kbq::StoreOptions o;
    o.create_if_missing = true;
    o.bulk_load = true;
    auto opened = kbq::Store::Open(path, o);
    Check(opened.status(), "open kbq store");
    auto store = std::move(opened).value();
    kbq::CommitBatch actors;
    for (int a = 0; a < kbqbench::kNumActors; ++a) actors.actors.push_back(gen.MakeActor(a));
    Check(store->Commit(actors, nullptr), "commit actors");
    uint64_t links = 0;
    double commit_s = 0;
    for (uint64_t first = 0; first < gen.size(); first += cfg.batch) {
      kbq::CommitBatch b = MakeBatch(gen, first, std::min(gen.size(), first + cfg.batch));
      links += b.links.size();
      auto c0 = Clock::now();
      Check(store->Commit(b, nullptr), "commit");
      commit_s += Seconds(c0);
    }
    auto f0 = Clock::now();
    Check(store->Flush(), "flush");
    store.reset();  // close
    res->Set("load.close_s", Seconds(f0));
    res->Set("load.commit_s", commit_s);
    double secs = Seconds(t0);
    res->Set("load.seconds", secs);
    res->Set("load.cpu", CpuSeconds() - cpu0);
    res->Set("load.rate", static_cast<double>(gen.size()) / secs);
    res->Set("links", static_cast<double>(links));
  }
  res->Set("load.rss_mib", ProcStatusKb("VmHWM") / 1024.0);
  res->Set("disk.mib", DiskUsage(path) / 1048576.0);
  if (cfg.load_only || (!bulk && cfg.load == "both")) return;

  kbq::StoreOptions ro;
  ro.read_only = true;
  auto opened = kbq::Store::Open(path, ro);
  Check(opened.status(), "reopen kbq store");
  auto store = std::move(opened).value();
  size_t sink = 0;

  TimeQuery(res, "timeline100", cfg.reps, [&](int k) -> uint64_t {
    uint64_t n = 0;
    Check(store->ScanActorTimeline(kbqbench::ActorId(in.actors[k]), INT32_MIN, INT32_MAX, false,
                                   [&](const kbq::Event& e) {
                                     sink += e.id.size();
                                     return ++n < 100;
                                   }),
          "timeline");
    return n;
  });
  TimeQuery(res, "timeline_yr", cfg.reps, [&](int k) -> uint64_t {
    uint64_t n = 0;
    Check(store->ScanActorTimeline(kbqbench::ActorId(in.actors[k]), in.years[k].first,
                                   in.years[k].second, false,
                                   [&](const kbq::Event& e) {
                                     sink += e.id.size();
                                     ++n;
                                     return true;
                                   }),
          "timeline");
    return n;
  });
  TimeQuery(res, "count", cfg.reps, [&](int k) -> uint64_t {
    auto n = store->CountActorTimeline(kbqbench::ActorId(in.actors[k]), INT32_MIN, INT32_MAX,
                                       false);
    Check(n.status(), "count");
    return *n;
  });
  TimeQuery(res, "month", cfg.reps, [&](int k) -> uint64_t {
    uint64_t n = 0;
    Check(store->ScanDateRange(in.months[k].first, in.months[k].second,
                               [&](const kbq::Event& e) {
                                 sink += e.id.size();
                                 ++n;
                                 return true;
                               }),
          "month");
    return n;
  });
  // The links of a whole frontier in one read (Store::LinksOf).
  auto frontier_nbrs = [&](const std::vector<std::string>& ids, std::vector<std::string>* out) {
    auto links = store->LinksOf(ids, true, true);
    Check(links.status(), "LinksOf");
    std::unordered_set<std::string> in_frontier(ids.begin(), ids.end());
    for (auto& l : *links) {
      if (in_frontier.count(l.from)) out->push_back(l.to);
      if (in_frontier.count(l.to)) out->push_back(l.from);
    }
  };
  auto nbrs = [&](const std::string& id, std::vector<std::string>* out) {
    frontier_nbrs({id}, out);
  };
  TimeQuery(res, "2hop", cfg.reps, [&](int k) -> uint64_t {
    std::string start = gen.EventId(in.events[k]);
    std::vector<std::string> one, two;
    nbrs(start, &one);
    std::unordered_set<std::string> seen(one.begin(), one.end());
    std::vector<std::string> frontier(seen.begin(), seen.end());
    frontier_nbrs(frontier, &two);
    seen.insert(two.begin(), two.end());
    seen.erase(start);
    return seen.size();
  });
  TimeQuery(res, "path", cfg.reps, [&](int k) -> uint64_t {
    int d = BiBfs<std::string>(gen.EventId(in.pairs[k].first),
                                     gen.EventId(in.pairs[k].second), 6, frontier_nbrs);
    return static_cast<uint64_t>(d + 1);
  });

  // Whole graph: Store::LoadCompactGraph (the store's CSR arrays over dense
  // vertex numbers, kept in a file beside the store: the first call on this
  // fresh store builds and writes it, later calls map it), then the same
  // boost CSR graph SQLite's side builds.
  if (!g_only_query.empty() && g_only_query != "graph") return;
  ResetPeakRss();
  std::vector<double> build;
  for (int rep = 0; rep < 3; ++rep) {
    auto t0 = Clock::now();
    auto compact = store->LoadCompactGraph();
    Check(compact.status(), "LoadCompactGraph");
    const kbq::CompactGraph& cg = **compact;
    std::vector<std::pair<uint32_t, uint32_t>> edges;
    edges.reserve(cg.num_edges());
    for (uint32_t v = 0; v < cg.num_vertices(); ++v) {
      for (uint64_t e = cg.offsets()[v]; e < cg.offsets()[v + 1]; ++e) edges.emplace_back(v, cg.targets()[e]);
    }
    boost::compressed_sparse_row_graph<boost::directedS> g(boost::edges_are_sorted, edges.begin(),
                                                           edges.end(), cg.num_vertices());
    double secs = Seconds(t0);
    if (rep == 0) res->Set("graph.first_s", secs);
    build.push_back(secs);
    res->Set("graph.edges", static_cast<double>(boost::num_edges(g)));
  }
  std::sort(build.begin(), build.end());
  res->Set("graph.seconds", build[build.size() / 2]);
  res->Set("graph.rss_mib", ProcStatusKb("VmHWM") / 1024.0);
  res->Set("sink", static_cast<double>(sink % 7));
}

// ------------------------------------------------------------ SQLite

class Db {
 public:
  explicit Db(const std::string& path) {
    if (sqlite3_open(path.c_str(), &db_) != SQLITE_OK) Die("sqlite open " + path);
  }
  ~Db() {
    for (auto* s : stmts_) sqlite3_finalize(s);
    if (sqlite3_close(db_) != SQLITE_OK) Die("sqlite close");
  }
  void Exec(const std::string& sql) {
    char* err = nullptr;
    if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
      Die("sqlite: " + sql + ": " + (err ? err : "?"));
    }
  }
  sqlite3_stmt* Prepare(const char* sql) {
    sqlite3_stmt* s = nullptr;
    if (sqlite3_prepare_v3(db_, sql, -1, SQLITE_PREPARE_PERSISTENT, &s, nullptr) != SQLITE_OK) {
      Die(std::string("sqlite prepare: ") + sql + ": " + sqlite3_errmsg(db_));
    }
    stmts_.push_back(s);
    return s;
  }
  void Done(sqlite3_stmt* s) {
    int rc = sqlite3_step(s);
    if (rc != SQLITE_DONE) Die(std::string("sqlite step: ") + sqlite3_errmsg(db_));
    sqlite3_reset(s);
  }
  bool Step(sqlite3_stmt* s) {
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) return true;
    if (rc != SQLITE_DONE) Die(std::string("sqlite step: ") + sqlite3_errmsg(db_));
    return false;
  }
  std::string Plan(const std::string& sql) {
    sqlite3_stmt* s = nullptr;
    std::string out;
    if (sqlite3_prepare_v2(db_, ("EXPLAIN QUERY PLAN " + sql).c_str(), -1, &s, nullptr) != SQLITE_OK)
      return "?";
    while (sqlite3_step(s) == SQLITE_ROW) {
      out += reinterpret_cast<const char*>(sqlite3_column_text(s, 3));
      out += "; ";
    }
    sqlite3_finalize(s);
    return out;
  }

 private:
  sqlite3* db_ = nullptr;
  std::vector<sqlite3_stmt*> stmts_;
};

void BindText(sqlite3_stmt* s, int i, const std::string& v) {
  sqlite3_bind_text(s, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
}

void AppendJsonString(std::string* out, const std::string& s) {
  out->push_back('"');
  for (char c : s) {
    if (c == '"' || c == '\\') out->push_back('\\');
    out->push_back(c);
  }
  out->push_back('"');
}

// Everything of the event not in a column, as JSON (participants included,
// so that one row is the whole event).
std::string RestJson(const kbq::Event& e) {
  std::string j = "{\"date_basis\":";
  AppendJsonString(&j, e.date_basis);
  char num[64];
  std::snprintf(num, sizeof num, ",\"confidence\":%g,\"participants\":[", e.confidence);
  j += num;
  for (size_t k = 0; k < e.participants.size(); ++k) {
    if (k) j += ',';
    j += "{\"actor\":";
    AppendJsonString(&j, e.participants[k].actor_id);
    j += ",\"role\":\"";
    j += kbq::RoleName(e.participants[k].role);
    j += "\"}";
  }
  j += "],\"labels\":{";
  bool first = true;
  for (const auto& [lang, label] : e.labels) {
    if (!first) j += ',';
    first = false;
    AppendJsonString(&j, lang);
    j += ':';
    AppendJsonString(&j, label);
  }
  j += "},\"attributes\":{";
  first = true;
  for (const auto& [name, v] : e.attributes) {
    if (!first) j += ',';
    first = false;
    AppendJsonString(&j, name);
    std::snprintf(num, sizeof num, ":%g", v);
    j += num;
  }
  j += "}}";
  return j;
}

// One events row as a query returns it (the JSON is not parsed).
struct SqlEvent {
  int64_t eid = 0;
  std::string id, type, cameo, rest;
  int32_t start = 0, end = 0;
  int precision = 0, modality = 0;
};

SqlEvent ReadEventRow(sqlite3_stmt* s) {
  auto text = [&](int c) {
    const unsigned char* p = sqlite3_column_text(s, c);
    return p ? std::string(reinterpret_cast<const char*>(p),
                           static_cast<size_t>(sqlite3_column_bytes(s, c)))
             : std::string();
  };
  SqlEvent e;
  e.eid = sqlite3_column_int64(s, 0);
  e.id = text(1);
  e.type = text(2);
  e.cameo = text(3);
  e.start = sqlite3_column_int(s, 4);
  e.end = sqlite3_column_int(s, 5);
  e.precision = sqlite3_column_int(s, 6);
  e.modality = sqlite3_column_int(s, 7);
  e.rest = text(8);
  return e;
}

const char* kSqlPragmas =
    "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA cache_size=-131072;";

void RunSqlite(const Config& cfg, const Generator& gen, const Inputs& in, Results* res) {
  const std::string dir = cfg.dir + "/sqlite";
  const std::string path = dir + "/events.db";
  std::error_code ec;
  fs::remove_all(dir, ec);
  fs::create_directories(dir, ec);
  ResetPeakRss();
  int32_t max_span = 0;
  auto t0 = Clock::now(), f0 = t0;
  double cpu0 = CpuSeconds();
  {
    Db db(path);
    db.Exec(kSqlPragmas);
    db.Exec(
        "CREATE TABLE actors(id TEXT PRIMARY KEY, kind INTEGER, json TEXT) WITHOUT ROWID;"
        "CREATE TABLE events(eid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, type TEXT,"
        " cameo TEXT, start_day INTEGER, end_day INTEGER, precision INTEGER, modality INTEGER,"
        " rest TEXT);"
        "CREATE TABLE participants(event INTEGER NOT NULL, actor TEXT NOT NULL, role INTEGER,"
        " start_day INTEGER, end_day INTEGER);"
        "CREATE TABLE links(src INTEGER NOT NULL, dst INTEGER NOT NULL, kind INTEGER,"
        " evidence TEXT, confidence REAL);"
        "CREATE TABLE meta(key TEXT PRIMARY KEY, value INTEGER);");
    db.Exec("BEGIN");
    sqlite3_stmt* ins_actor = db.Prepare("INSERT INTO actors VALUES(?1, ?2, ?3)");
    for (int a = 0; a < kbqbench::kNumActors; ++a) {
      kbq::Actor actor = gen.MakeActor(a);
      BindText(ins_actor, 1, actor.id);
      sqlite3_bind_int(ins_actor, 2, static_cast<int>(actor.kind));
      std::string j = "{\"names\":{\"en\":";
      AppendJsonString(&j, actor.names["en"]);
      j += "},\"source\":\"bench\"}";
      BindText(ins_actor, 3, j);
      db.Done(ins_actor);
    }
    sqlite3_stmt* ins_event = db.Prepare("INSERT INTO events VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9)");
    sqlite3_stmt* ins_part = db.Prepare("INSERT INTO participants VALUES(?1,?2,?3,?4,?5)");
    sqlite3_stmt* ins_link = db.Prepare("INSERT INTO links VALUES(?1,?2,?3,?4,?5)");
    for (uint64_t i = 0; i < gen.size(); ++i) {
      Row row = gen.Make(i);
      kbq::Event e = gen.ToEvent(row);
      const int64_t eid = static_cast<int64_t>(i) + 1;
      sqlite3_bind_int64(ins_event, 1, eid);
      BindText(ins_event, 2, e.id);
      BindText(ins_event, 3, e.type);
      BindText(ins_event, 4, e.cameo);
      sqlite3_bind_int(ins_event, 5, e.date.earliest);
      sqlite3_bind_int(ins_event, 6, e.date.latest);
      sqlite3_bind_int(ins_event, 7, static_cast<int>(e.date.precision));
      sqlite3_bind_int(ins_event, 8, static_cast<int>(e.modality));
      BindText(ins_event, 9, RestJson(e));
      db.Done(ins_event);
      max_span = std::max(max_span, e.date.latest - e.date.earliest);
      for (const auto& p : e.participants) {
        sqlite3_bind_int64(ins_part, 1, eid);
        BindText(ins_part, 2, p.actor_id);
        sqlite3_bind_int(ins_part, 3, static_cast<int>(p.role));
        sqlite3_bind_int(ins_part, 4, e.date.earliest);
        sqlite3_bind_int(ins_part, 5, e.date.latest);
        db.Done(ins_part);
      }
      for (int k = 0; k < row.num_links; ++k) {
        sqlite3_bind_int64(ins_link, 1, eid);
        sqlite3_bind_int64(ins_link, 2, static_cast<int64_t>(row.link_to[k]) + 1);
        sqlite3_bind_int(ins_link, 3, static_cast<int>(row.link_kind[k]));
        sqlite3_bind_text(ins_link, 4, "", 0, SQLITE_STATIC);
        sqlite3_bind_double(ins_link, 5, 0.5);
        db.Done(ins_link);
      }
    }
    res->Set("load.commit_s", Seconds(t0));
    f0 = Clock::now();
    // Indexes after the rows (SQLite's fastest bulk path), in the transaction.
    db.Exec(
        "CREATE INDEX participants_actor_date ON participants(actor, start_day, end_day);"
        "CREATE INDEX events_date ON events(start_day, end_day);"
        "CREATE INDEX links_src ON links(src);"
        "CREATE INDEX links_dst ON links(dst);");
    db.Exec("INSERT INTO meta VALUES('max_span', " + std::to_string(max_span) + ")");
    db.Exec("COMMIT");
    db.Exec("PRAGMA wal_checkpoint(TRUNCATE)");
  }
  double secs = Seconds(t0);
  res->Set("load.close_s", Seconds(f0));
  res->Set("load.seconds", secs);
  res->Set("load.cpu", CpuSeconds() - cpu0);
  res->Set("load.rate", static_cast<double>(gen.size()) / secs);
  res->Set("load.rss_mib", ProcStatusKb("VmHWM") / 1024.0);
  res->Set("disk.mib", DiskUsage(dir) / 1048576.0);
  if (cfg.load_only) return;

  Db db(path);
  db.Exec("PRAGMA cache_size=-131072;");
  const char* kCols = "e.eid, e.id, e.type, e.cameo, e.start_day, e.end_day, e.precision, e.modality, e.rest";
  const std::string q_first100 = std::string("SELECT ") + kCols +
      " FROM participants p JOIN events e ON e.eid = p.event WHERE p.actor = ?1"
      " ORDER BY p.start_day, p.end_day LIMIT 100";
  // Dated ranges use the same trick as the kbq store: nothing starts more
  // than max_span days before `from`, so the index range is bounded.
  const std::string q_range = std::string("SELECT ") + kCols +
      " FROM participants p JOIN events e ON e.eid = p.event WHERE p.actor = ?1"
      " AND p.start_day BETWEEN ?2 - ?4 AND ?3 AND p.end_day >= ?2"
      " ORDER BY p.start_day, p.end_day";
  const std::string q_count = "SELECT count(*) FROM participants WHERE actor = ?1";
  const std::string q_month = std::string("SELECT ") + kCols +
      " FROM events e WHERE e.start_day BETWEEN ?1 - ?3 AND ?2 AND e.end_day >= ?1"
      " ORDER BY e.start_day, e.end_day";
  const std::string q_adj = "SELECT dst FROM links WHERE src = ?1 UNION ALL SELECT src FROM links WHERE dst = ?1";
  const std::string q_eid = "SELECT eid FROM events WHERE id = ?1";
  std::fprintf(stderr, "sqlite plans:\n  first100: %s\n  range: %s\n  count: %s\n  month: %s\n  adj: %s\n",
               db.Plan(q_first100).c_str(), db.Plan(q_range).c_str(), db.Plan(q_count).c_str(),
               db.Plan(q_month).c_str(), db.Plan(q_adj).c_str());
  sqlite3_stmt* first100 = db.Prepare(q_first100.c_str());
  sqlite3_stmt* range = db.Prepare(q_range.c_str());
  sqlite3_stmt* count = db.Prepare(q_count.c_str());
  sqlite3_stmt* month = db.Prepare(q_month.c_str());
  sqlite3_stmt* adj = db.Prepare(q_adj.c_str());
  sqlite3_stmt* eid_of = db.Prepare(q_eid.c_str());
  size_t sink = 0;
  auto rows_of = [&](sqlite3_stmt* s) -> uint64_t {
    uint64_t n = 0;
    while (db.Step(s)) {
      SqlEvent e = ReadEventRow(s);
      sink += e.id.size() + e.rest.size();
      ++n;
    }
    sqlite3_reset(s);
    return n;
  };

  TimeQuery(res, "timeline100", cfg.reps, [&](int k) -> uint64_t {
    BindText(first100, 1, kbqbench::ActorId(in.actors[k]));
    return rows_of(first100);
  });
  TimeQuery(res, "timeline_yr", cfg.reps, [&](int k) -> uint64_t {
    BindText(range, 1, kbqbench::ActorId(in.actors[k]));
    sqlite3_bind_int(range, 2, in.years[k].first);
    sqlite3_bind_int(range, 3, in.years[k].second);
    sqlite3_bind_int(range, 4, max_span);
    return rows_of(range);
  });
  TimeQuery(res, "count", cfg.reps, [&](int k) -> uint64_t {
    BindText(count, 1, kbqbench::ActorId(in.actors[k]));
    uint64_t n = db.Step(count) ? static_cast<uint64_t>(sqlite3_column_int64(count, 0)) : 0;
    sqlite3_reset(count);
    return n;
  });
  TimeQuery(res, "month", cfg.reps, [&](int k) -> uint64_t {
    sqlite3_bind_int(month, 1, in.months[k].first);
    sqlite3_bind_int(month, 2, in.months[k].second);
    sqlite3_bind_int(month, 3, max_span);
    return rows_of(month);
  });
  auto eid = [&](uint64_t i) -> int64_t {
    BindText(eid_of, 1, gen.EventId(i));
    int64_t v = db.Step(eid_of) ? sqlite3_column_int64(eid_of, 0) : -1;
    sqlite3_reset(eid_of);
    return v;
  };
  auto nbrs = [&](int64_t id, std::vector<int64_t>* out) {
    sqlite3_bind_int64(adj, 1, id);
    while (db.Step(adj)) out->push_back(sqlite3_column_int64(adj, 0));
    sqlite3_reset(adj);
  };
  TimeQuery(res, "2hop", cfg.reps, [&](int k) -> uint64_t {
    int64_t start = eid(in.events[k]);
    std::vector<int64_t> one, two;
    nbrs(start, &one);
    std::unordered_set<int64_t> seen(one.begin(), one.end());
    for (int64_t v : one) nbrs(v, &two);
    seen.insert(two.begin(), two.end());
    seen.erase(start);
    return seen.size();
  });
  TimeQuery(res, "path", cfg.reps, [&](int k) -> uint64_t {
    int d = BiBfs<int64_t>(eid(in.pairs[k].first), eid(in.pairs[k].second), 6,
                           [&](const std::vector<int64_t>& frontier, std::vector<int64_t>* out) {
                             for (int64_t u : frontier) nbrs(u, out);
                           });
    return static_cast<uint64_t>(d + 1);
  });

  ResetPeakRss();
  sqlite3_stmt* all_links = db.Prepare("SELECT src, dst FROM links");
  std::vector<double> build;
  for (int rep = 0; rep < 3; ++rep) {
    auto g0 = Clock::now();
    std::vector<std::pair<uint32_t, uint32_t>> edges;
    edges.reserve(gen.size() * 3);
    while (db.Step(all_links)) {
      edges.emplace_back(static_cast<uint32_t>(sqlite3_column_int64(all_links, 0) - 1),
                         static_cast<uint32_t>(sqlite3_column_int64(all_links, 1) - 1));
    }
    sqlite3_reset(all_links);
    boost::compressed_sparse_row_graph<boost::directedS> g(boost::edges_are_unsorted_multi_pass,
                                                           edges.begin(), edges.end(),
                                                           gen.size());
    build.push_back(Seconds(g0));
    res->Set("graph.edges", static_cast<double>(boost::num_edges(g)));
    if (gen.size() > 3000000) break;
  }
  std::sort(build.begin(), build.end());
  res->Set("graph.seconds", build[build.size() / 2]);
  res->Set("graph.rss_mib", ProcStatusKb("VmHWM") / 1024.0);
  res->Set("sink", static_cast<double>(sink % 7));
}

// ------------------------------------------------------------ networkx

struct NetworkxResult {
  std::string note;  // why it did not run, when it did not
  double read_s = 0, build_s = 0, rss_mib = 0, edges = 0;
};

NetworkxResult RunNetworkx(const Config& cfg, const Generator& gen) {
  NetworkxResult r;
  if (std::system("python3 -c 'import networkx' >/dev/null 2>&1") != 0) {
    r.note = "networkx: not installed";
    return r;
  }
  if (gen.size() > cfg.networkx_max) {
    r.note = "networkx: skipped (N > --networkx-max-events " + std::to_string(cfg.networkx_max) +
             "; its DiGraph needs several hundred bytes per edge)";
    return r;
  }
  const std::string edges = cfg.dir + "/edges.txt";
  {
    FILE* f = std::fopen(edges.c_str(), "w");
    if (f == nullptr) Die("cannot write " + edges);
    for (uint64_t i = 0; i < gen.size(); ++i) {
      Row row = gen.Make(i);
      for (int k = 0; k < row.num_links; ++k) {
        std::fprintf(f, "%" PRIu64 " %" PRIu64 "\n", i, row.link_to[k]);
      }
    }
    std::fclose(f);
  }
  const std::string cmd =
      "python3 -c 'import sys, time, resource, networkx as nx\n"
      "t0 = time.time()\n"
      "edges = [tuple(map(int, l.split())) for l in open(sys.argv[1])]\n"
      "t1 = time.time()\n"
      "g = nx.DiGraph()\n"
      "g.add_edges_from(edges)\n"
      "t2 = time.time()\n"
      "print(t1 - t0, t2 - t1, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "
      "g.number_of_edges())' " + edges;
  FILE* p = popen(cmd.c_str(), "r");
  if (p == nullptr || std::fscanf(p, "%lf %lf %lf %lf", &r.read_s, &r.build_s, &r.rss_mib,
                                  &r.edges) != 4) {
    r.note = "networkx: failed to run";
  }
  if (p) pclose(p);
  if (!cfg.keep) std::remove(edges.c_str());
  return r;
}

// ------------------------------------------------------------ driver

// Runs `body` in a child process and returns what it reported.
Results InChild(const char* name, const std::function<void(Results*)>& body) {
  int fds[2];
  if (pipe(fds) != 0) Die("pipe");
  std::fflush(stdout);
  std::fflush(stderr);
  pid_t pid = fork();
  if (pid < 0) Die("fork");
  if (pid == 0) {
    close(fds[0]);
    Results r;
    body(&r);
    std::string out = r.Serialise();
    size_t done = 0;
    while (done < out.size()) {
      ssize_t w = write(fds[1], out.data() + done, out.size() - done);
      if (w <= 0) _exit(3);
      done += static_cast<size_t>(w);
    }
    close(fds[1]);
    std::fflush(stderr);
    _exit(0);
  }
  close(fds[1]);
  std::string text;
  char buf[4096];
  ssize_t got;
  while ((got = read(fds[0], buf, sizeof buf)) > 0) text.append(buf, static_cast<size_t>(got));
  close(fds[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    std::fprintf(stderr, "kbq_vs_sqlite: the %s child failed (status %d)\n", name, status);
  }
  return Results::Parse(text);
}

std::string Fmt(double v) {
  char buf[64];
  if (v < 0) return "-";
  if (v >= 100) {
    std::snprintf(buf, sizeof buf, "%.0f", v);
  } else if (v >= 10) {
    std::snprintf(buf, sizeof buf, "%.1f", v);
  } else {
    std::snprintf(buf, sizeof buf, "%.2f", v);
  }
  return buf;
}

[[noreturn]] void Usage() {
  std::fprintf(stderr,
               "usage: kbq_vs_sqlite [--events N] [--seed S] [--dir PATH] [--reps R] [--batch B]\n"
               "                     [--only kbq|sqlite] [--networkx-max-events M] [--load-only] [--keep]\n"
               "                     [--queries-only]   (kbq only: query the store a --keep run left)\n"
               "                     [--load bulk|commit|both] [--bulk-budget-mib M]\n"
               "                     [--query timeline100|timeline_yr|count|month|2hop|path|graph]\n");
  std::exit(2);
}

}  // namespace

int main(int argc, char** argv) {
  Config cfg;
  for (int i = 1; i < argc; ++i) {
    std::string flag = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) Usage();
      return argv[++i];
    };
    if (flag == "--events") {
      cfg.events = std::strtoull(value().c_str(), nullptr, 10);
    } else if (flag == "--seed") {
      cfg.seed = std::strtoull(value().c_str(), nullptr, 10);
    } else if (flag == "--dir") {
      cfg.dir = value();
    } else if (flag == "--reps") {
      cfg.reps = std::atoi(value().c_str());
    } else if (flag == "--batch") {
      cfg.batch = std::strtoull(value().c_str(), nullptr, 10);
    } else if (flag == "--only") {
      cfg.only = value();
    } else if (flag == "--networkx-max-events") {
      cfg.networkx_max = std::strtoull(value().c_str(), nullptr, 10);
    } else if (flag == "--load-only") {
      cfg.load_only = true;
    } else if (flag == "--query") {
      g_only_query = value();
    } else if (flag == "--queries-only") {
      cfg.queries_only = true;
      cfg.keep = true;
      cfg.only = "kbq";
    } else if (flag == "--keep") {
      cfg.keep = true;
    } else if (flag == "--load") {
      cfg.load = value();
      if (cfg.load != "bulk" && cfg.load != "commit" && cfg.load != "both") Usage();
    } else if (flag == "--bulk-budget-mib") {
      cfg.bulk_budget = std::strtoull(value().c_str(), nullptr, 10) << 20;
    } else {
      Usage();
    }
  }
  if (cfg.events < 2 || cfg.reps < 1 || cfg.batch < 1) Usage();
  std::error_code ec;
  fs::create_directories(cfg.dir, ec);
  Generator gen(cfg.seed, cfg.events);
  Inputs in = MakeInputs(gen, cfg.seed, cfg.reps);

  Results kbq, sql, commit;
  if (cfg.only.empty() || cfg.only == "kbq") {
    const bool bulk = cfg.load != "commit";
    kbq = InChild("kbq", [&](Results* r) { RunKbq(cfg, gen, in, bulk, r); });
    std::fprintf(stderr, "kbq done: load %.1f s (%s)\n", kbq.Get("load.seconds"),
                 bulk ? "bulk import" : "Commit");
    if (cfg.load == "both" && !cfg.queries_only) {
      commit = InChild("kbq-commit", [&](Results* r) { RunKbq(cfg, gen, in, false, r); });
      std::fprintf(stderr, "kbq (Commit) done: load %.1f s\n", commit.Get("load.seconds"));
    }
  }
  if (cfg.only.empty() || cfg.only == "sqlite") {
    sql = InChild("sqlite", [&](Results* r) { RunSqlite(cfg, gen, in, r); });
    std::fprintf(stderr, "sqlite done: load %.1f s\n", sql.Get("load.seconds"));
  }
  NetworkxResult nx;
  if (cfg.only.empty() && !cfg.load_only) nx = RunNetworkx(cfg, gen);

  char when[64];
  std::time_t now = std::time(nullptr);
  std::strftime(when, sizeof when, "%Y-%m-%d %H:%M UTC", std::gmtime(&now));
  std::printf("kbq vs SQLite %s: N = %" PRIu64 " events (%.0f links), seed %" PRIu64
              ", %ld cores, %d reps per query (warm), kbq batch %" PRIu64 ", kbq load %s, %s\n",
              sqlite3_libversion(), cfg.events,
              kbq.Has("links") ? kbq.Get("links") : sql.Get("graph.edges"), cfg.seed,
              sysconf(_SC_NPROCESSORS_ONLN), cfg.reps, cfg.batch,
              cfg.load == "commit" ? "Commit" : "bulk import", when);
  const bool at10m = cfg.events >= 10000000;
  struct Line {
    const char* label;
    std::string key;
    std::string target;
    std::function<int(double k, double s)> met;  // 1 met, 0 missed, -1 no target
  };
  auto ratio_le = [](double limit) {
    return [limit](double k, double s) { return k < 0 || s <= 0 ? -1 : (k / s <= limit ? 1 : 0); };
  };
  auto abs_le = [](double limit) {
    return [limit](double k, double) { return k < 0 ? -1 : (k <= limit ? 1 : 0); };
  };
  std::function<int(double, double)> none = [](double, double) { return -1; };
  std::vector<Line> lines = {
      {"load rate (events/s)", "load.rate", "kbq/SQLite >= 1.5",
       [](double k, double s) { return k < 0 || s <= 0 ? -1 : (k / s >= 1.5 ? 1 : 0); }},
      {"load time (s)", "load.seconds", "", none},
      {"load CPU time (s)", "load.cpu", "", none},
      {"  of which writing rows (s)", "load.commit_s", "", none},
      {"  of which finishing (s)", "load.close_s", "", none},
      {"load peak RSS (MiB)", "load.rss_mib", at10m ? "kbq <= 1024 MiB" : "kbq <= 1024 MiB (at 10M)",
       abs_le(1024)},
      {"bytes on disk (MiB)", "disk.mib", "kbq/SQLite <= 1", ratio_le(1.0)},
      {"timeline first 100 p50 (us)", "timeline100.p50", "kbq/SQLite <= 0.5", ratio_le(0.5)},
      {"timeline first 100 p99 (us)", "timeline100.p99", "", none},
      {"timeline 1 year p50 (us)", "timeline_yr.p50", "", none},
      {"timeline 1 year p99 (us)", "timeline_yr.p99", "", none},
      {"count for an actor p50 (us)", "count.p50", "", none},
      {"count for an actor p99 (us)", "count.p99", "", none},
      {"date range 1 month p50 (us)", "month.p50", "", none},
      {"date range 1 month p99 (us)", "month.p99", "", none},
      {"2-hop neighbours p50 (us)", "2hop.p50", at10m ? "kbq <= 100 us" : "kbq <= 100 us (at 10M)",
       abs_le(100)},
      {"2-hop neighbours p99 (us)", "2hop.p99", "", none},
      {"shortest path p50 (us)", "path.p50", "", none},
      {"shortest path p99 (us)", "path.p99", "", none},
      {"whole-graph build (s)", "graph.seconds", at10m ? "kbq < 30 s" : "kbq < 30 s (at 10M)",
       abs_le(30)},
      {"  kbq: first, writing its file (s)", "graph.first_s", "", none},
      {"graph build peak RSS (MiB)", "graph.rss_mib",
       at10m ? "kbq < 4096 MiB" : "kbq < 4096 MiB (at 10M)", abs_le(4096)},
  };
  std::printf("%-30s %12s %12s %10s  %-26s %s\n", "", "kbq", "SQLite", "kbq/SQLite", "target",
              "met");
  for (const auto& l : lines) {
    double k = kbq.Get(l.key), s = sql.Get(l.key);
    std::string ratio = k >= 0 && s > 0 ? Fmt(k / s) : "-";
    int met = l.met(k, s);
    std::printf("%-30s %12s %12s %10s  %-26s %s\n", l.label, Fmt(k).c_str(), Fmt(s).c_str(),
                ratio.c_str(), l.target.c_str(), met < 0 ? "" : (met ? "yes" : "NO"));
  }
  if (commit.Has("load.rate")) {
    // The Commit path, load rows only (its store is not queried).
    const char* keys[][2] = {{"load rate, Commit path (events/s)", "load.rate"},
                             {"load time, Commit path (s)", "load.seconds"},
                             {"load peak RSS, Commit path (MiB)", "load.rss_mib"},
                             {"bytes, Commit path (MiB)", "disk.mib"}};
    for (const auto& [label, key] : keys) {
      double k = commit.Get(key), s = sql.Get(key);
      std::printf("%-30s %12s %12s %10s\n", label, Fmt(k).c_str(), Fmt(s).c_str(),
                  k >= 0 && s > 0 ? Fmt(k / s).c_str() : "-");
    }
  }
  if (nx.note.empty() && cfg.only.empty()) {
    std::printf("networkx: DiGraph.add_edges_from %.2f s (edge list read %.2f s), peak RSS %.0f MiB,"
                " %.0f edges\n",
                nx.build_s, nx.read_s, nx.rss_mib, nx.edges);
  } else if (cfg.only.empty()) {
    std::printf("%s\n", nx.note.c_str());
  }
  // The same answers? Row totals over all repetitions (path: sum of length + 1).
  if (cfg.only.empty()) {
    std::string diff;
    for (const char* q : {"timeline100", "timeline_yr", "count", "month", "2hop", "path"}) {
      double k = kbq.Get(std::string(q) + ".rows"), s = sql.Get(std::string(q) + ".rows");
      if (k != s) diff += std::string(" ") + q + " (kbq " + Fmt(k) + ", SQLite " + Fmt(s) + ")";
    }
    std::printf("answers: %s\n",
                diff.empty() ? "identical row totals on every query" : ("DIFFER:" + diff).c_str());
  }
  if (!cfg.keep) {
    fs::remove_all(cfg.dir + "/kbq", ec);
    fs::remove_all(cfg.dir + "/kbq-commit", ec);
    fs::remove_all(cfg.dir + "/sqlite", ec);
  }
  return 0;
}
