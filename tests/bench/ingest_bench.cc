// ingest_bench: text ingest end to end (read → normalise → tag → actors →
// events → merge → commit) in MB/s per core, with 1 and 2 extraction
// threads, for a Chinese and an English corpus; and, when python3-jieba is
// installed, jieba's part-of-speech segmentation of the same Chinese text —
// the first step a Python pipeline would pay for. Prints; never asserts.
//
//   ingest_bench [--zh DIR|FILE] [--en DIR|FILE] [--copies N] [--dir SCRATCH]
//
// The Chinese corpus defaults to examples/articles (one real page), written
// N times (default 300) with a numbered title; it is measured through
// extraction only, since identical copies would all merge into the same
// events in a store. The English corpus (../shared/data/press-2022 when
// present: 768 distinct press releases) is measured through extraction and
// through the whole ingest into a fresh store.
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "bench_cpu.h"
#include "kbq/ingest/pipeline.h"
#include "kbq/ingest/reader.h"
#include "kbq/store.h"

namespace fs = std::filesystem;

namespace {

using kbq::bench::CpuSeconds;

uint64_t Bytes(const std::vector<std::string>& inputs) {
  uint64_t n = 0;
  for (const auto& in : inputs) {
    for (const auto& f : kbq::ingest::ListInputFiles(in)) {
      std::error_code ec;
      n += fs::file_size(f, ec);
    }
  }
  return n;
}

// N copies of every page under `src`, each with its own title line.
std::string MakeCopies(const std::string& src, int copies, const fs::path& dir) {
  fs::create_directories(dir);
  for (const auto& f : kbq::ingest::ListInputFiles(src)) {
    std::ifstream in(f, std::ios::binary);
    std::stringstream buf;
    buf << in.rdbuf();
    std::string text = buf.str();
    size_t nl = text.find('\n');
    for (int i = 0; i < copies; ++i) {
      std::ofstream out(dir / (fs::path(f).stem().string() + "_" + std::to_string(i) + ".txt"),
                        std::ios::binary);
      out << text.substr(0, nl) << " (" << i << ")" << text.substr(nl);
    }
  }
  return dir.string();
}

struct Run {
  double wall = 0, cpu = 0;
  size_t articles = 0, events = 0;
};

Run Ingest(const std::string& input, size_t threads, const fs::path& db) {
  fs::remove_all(db);
  kbq::StoreOptions so;
  so.create_if_missing = true;
  auto store = kbq::Store::Open(db.string(), so);
  if (!store.ok()) {
    std::cerr << store.status().ToString() << "\n";
    std::exit(1);
  }
  auto pipeline = kbq::ingest::Pipeline::Create(store->get());
  if (!pipeline.ok()) {
    std::cerr << pipeline.status().ToString() << "\n";
    std::exit(1);
  }
  kbq::ingest::IngestOptions o;
  o.threads = threads;
  kbq::ingest::IngestReport report;
  double cpu0 = CpuSeconds();
  auto t0 = std::chrono::steady_clock::now();
  kbq::Status s = (*pipeline)->Ingest({input}, o, store->get(), &report);
  Run r;
  r.wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  r.cpu = CpuSeconds() - cpu0;
  if (!s.ok()) {
    std::cerr << s.ToString() << "\n";
    std::exit(1);
  }
  r.articles = report.ingested;
  r.events = report.events_new + report.events_merged;
  return r;
}

// read → tag → actors → events on `threads` threads, nothing stored: the
// extraction cost alone (identical copies would merge in a store, which
// measures the merge of one ever-growing event rather than ingest).
Run Extract(const std::string& input, size_t threads) {
  auto pipeline = kbq::ingest::Pipeline::Create(nullptr);
  if (!pipeline.ok()) std::exit(1);
  double cpu0 = CpuSeconds();
  auto t0 = std::chrono::steady_clock::now();
  std::vector<kbq::ingest::Document> docs;
  for (const auto& f : kbq::ingest::ListInputFiles(input)) {
    kbq::Status s = kbq::ingest::ReadFile(
        f, {}, [&](kbq::ingest::Document&& d) { docs.push_back(std::move(d)); },
        [](const kbq::ingest::Diagnostic&) {});
    if (!s.ok()) std::exit(1);
  }
  Run r;
  std::vector<size_t> events(threads, 0);
  std::vector<std::thread> pool;
  for (size_t t = 0; t < threads; ++t) {
    pool.emplace_back([&, t] {
      for (size_t i = t; i < docs.size(); i += threads) {
        events[t] += (*pipeline)->Analyse(docs[i]).events.size();
      }
    });
  }
  for (auto& th : pool) th.join();
  r.wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  r.cpu = CpuSeconds() - cpu0;
  r.articles = docs.size();
  for (size_t n : events) r.events += n;
  return r;
}

// jieba.posseg over every file of `dir`, timed inside Python; -1 when absent.
double JiebaSeconds(const std::string& dir) {
  std::string cmd =
      "$(command -v /usr/bin/python3 || command -v python3) -c \"import sys,time,os,logging\n"
      "try:\n import jieba, jieba.posseg as p\nexcept ImportError:\n print(-1); sys.exit(0)\n"
      "jieba.setLogLevel(logging.ERROR); jieba.initialize()\n"
      "d=sys.argv[1]; texts=[open(os.path.join(d,f),encoding='utf-8').read() for f in sorted(os.listdir(d))]\n"
      "t=time.process_time()\nfor x in texts: p.lcut(x)\nprint(time.process_time()-t)\" " +
      dir;
  FILE* pipe = popen(cmd.c_str(), "r");
  if (pipe == nullptr) return -1;
  char buf[64] = {0};
  double secs = -1;
  if (fgets(buf, sizeof buf, pipe) != nullptr) secs = std::atof(buf);
  pclose(pipe);
  return secs;
}

void Row(const char* corpus, const char* what, uint64_t bytes, size_t threads, const Run& r) {
  double mb = static_cast<double>(bytes) / 1e6;
  std::printf("%-6s %-8s %8.2f %7zu %8zu %8zu %8.2f %8.2f %9.2f %12.2f\n", corpus, what, mb, threads,
              r.articles, r.events, r.wall, r.cpu, mb / r.wall, mb / r.cpu);
}

}  // namespace

int main(int argc, char** argv) {
  std::string zh = std::string(KBQ_SOURCE_DIR) + "/examples/articles";
  std::string en = std::string(KBQ_SHARED_DATA) + "/press-2022";
  int copies = 300;
  fs::path dir = fs::temp_directory_path() / "kbq_ingest_bench";
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string flag = argv[i];
    if (flag == "--zh") zh = argv[i + 1];
    else if (flag == "--en") en = argv[i + 1];
    else if (flag == "--copies") copies = std::atoi(argv[i + 1]);
    else if (flag == "--dir") dir = argv[i + 1];
    else {
      std::cerr << "usage: ingest_bench [--zh PATH] [--en PATH] [--copies N] [--dir SCRATCH]\n";
      return 2;
    }
  }
  fs::remove_all(dir);
  std::string zh_corpus = MakeCopies(zh, copies, dir / "zh");
  std::printf("%-6s %-8s %8s %7s %8s %8s %8s %8s %9s %12s\n", "corpus", "stage", "MB", "threads",
              "articles", "events", "wall s", "cpu s", "MB/s", "MB/s/core");
  struct Corpus {
    const char* name;
    std::string path;
    bool store;  // identical zh copies would merge into one event: extract only
  };
  std::vector<Corpus> corpora = {{"zh", zh_corpus, false}};
  if (fs::exists(en)) corpora.push_back({"en", en, true});
  for (const auto& c : corpora) {
    uint64_t bytes = Bytes({c.path});
    Run e1 = Extract(c.path, 1), e2 = Extract(c.path, 2);
    Row(c.name, "extract", bytes, 1, e1);
    Row(c.name, "extract", bytes, 2, e2);
    std::printf("%-6s extract speed-up 1→2 threads: %.2fx (wall)\n", c.name, e1.wall / e2.wall);
    if (!c.store) continue;
    Run one = Ingest(c.path, 1, dir / "db1");
    Run two = Ingest(c.path, 2, dir / "db2");
    Row(c.name, "ingest", bytes, 1, one);
    Row(c.name, "ingest", bytes, 2, two);
    std::printf("%-6s ingest: 'threads' are extraction threads; the single writer commits on its own "
                "thread beside them, so 1 thread already keeps two cores busy (2→1 thread: %.2fx)\n",
                c.name, one.wall / two.wall);
  }
  double jieba = JiebaSeconds(zh_corpus);
  double zh_mb = static_cast<double>(Bytes({zh_corpus})) / 1e6;
  if (jieba < 0) {
    std::printf("jieba: not installed (apt-get install python3-jieba)\n");
  } else {
    Run one = Extract(zh_corpus, 1);
    std::printf("jieba.posseg on the zh corpus: %.2f cpu s, %.2f MB/s per core; kbq extraction / jieba: "
                "%.2fx the speed\n",
                jieba, zh_mb / jieba, jieba / one.cpu);
  }
  fs::remove_all(dir);
  return 0;
}
