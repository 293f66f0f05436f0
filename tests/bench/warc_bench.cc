// warc_bench: the cost of reading articles out of web archives beside reading
// the same articles as plain text. Each article is written as a plain-text
// page and, wrapped in a news-site HTML page (navigation, JSON-LD, share bar,
// recommended-stories rail, footer), as a WARC response record (with its
// request record), plain and gzip per record. Prints, for each input: MB/s of
// input and of article text per CPU second, reading alone and reading plus
// extraction (tagger, actors, events; one thread), and the ratio to plain
// text. Never asserts.
//
//   warc_bench [--articles DIR|FILE] [--copies N] [--dir SCRATCH]
//
// The articles default to ../shared/data/press-2022 (English press releases)
// when present, else examples/articles; N copies (default 20) of each get a
// numbered title.
#include <sys/resource.h>
#include <zlib.h>

#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "bench_cpu.h"
#include "kbq/ingest/pipeline.h"
#include "kbq/ingest/reader.h"

namespace fs = std::filesystem;

namespace {

using kbq::bench::CpuSeconds;

std::string Escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '<') out += "&lt;";
    else if (c == '>') out += "&gt;";
    else if (c == '&') out += "&amp;";
    else out += c;
  }
  return out;
}

std::string Gzip(const std::string& data) {
  z_stream z{};
  deflateInit2(&z, 6, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&z, data.size()) + 64, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

std::string Record(const std::string& type, const std::string& uri, const std::string& ctype,
                   const std::string& block) {
  return "WARC/1.0\r\nWARC-Type: " + type + "\r\nWARC-Date: 2025-05-18T03:04:05Z\r\nWARC-Target-URI: " +
         uri + "\r\nContent-Type: " + ctype + "\r\nContent-Length: " + std::to_string(block.size()) +
         "\r\n\r\n" + block + "\r\n\r\n";
}

// A news page around a read article.
std::string Page(const kbq::ingest::Document& d, const std::string& title, int n) {
  std::string body;
  size_t b = 0;
  const std::string& t = d.article.text;
  while (b < t.size()) {
    size_t e = t.find('\n', b);
    if (e == std::string::npos) e = t.size();
    if (e > b) body += "<p>" + Escape(t.substr(b, e - b)) + "</p>\n";
    b = e + 1;
  }
  std::string rail;
  for (int i = 0; i < 8; ++i)
    rail += "<li><a href=\"/story/" + std::to_string(n * 10 + i) + "\">Another headline number " +
            std::to_string(i) + " on the same site</a></li>";
  return "<!DOCTYPE html><html lang=\"" + d.article.language + "\"><head><meta charset=\"utf-8\">"
         "<title>" + Escape(title) + " - Bench News</title><script type=\"application/ld+json\">"
         "{\"@context\":\"https://schema.org\",\"@type\":\"NewsArticle\",\"datePublished\":\"" +
         std::to_string(d.article.published_utc) + "\",\"publisher\":{\"name\":\"Bench News\"}}</script>"
         "<style>body{margin:0}</style></head><body><nav><a href=\"/\">Home</a><a href=\"/world\">World</a>"
         "<a href=\"/business\">Business</a></nav><main><article><h1>" + Escape(title) + "</h1>"
         "<div class=\"share-bar\"><a href=\"#\">Share</a><a href=\"#\">Post</a></div>\n" + body +
         "</article><aside class=\"rail\"><h3>Recommended</h3><ul>" + rail + "</ul></aside></main>"
         "<footer><a href=\"/terms\">Terms</a> <a href=\"/privacy\">Privacy</a></footer></body></html>";
}

struct Measure {
  double cpu_read = 0, cpu_all = 0;
  size_t docs = 0;
  uint64_t text_bytes = 0;
};

Measure Run(const std::string& path, const kbq::ingest::Pipeline& pipeline) {
  Measure m;
  kbq::ingest::ReadOptions o;
  std::vector<kbq::ingest::Document> docs;
  double t0 = CpuSeconds();
  auto s = kbq::ingest::ReadFile(path, o, [&](kbq::ingest::Document&& d) { docs.push_back(std::move(d)); },
                                 [](const kbq::ingest::Diagnostic&) {});
  m.cpu_read = CpuSeconds() - t0;
  if (!s.ok()) std::fprintf(stderr, "%s: %s\n", path.c_str(), s.ToString().c_str());
  for (const auto& d : docs) m.text_bytes += d.article.text.size();
  m.docs = docs.size();
  double t1 = CpuSeconds();
  size_t events = 0;
  for (auto& d : docs) events += pipeline.Analyse(std::move(d)).events.size();
  m.cpu_all = m.cpu_read + (CpuSeconds() - t1);
  (void)events;
  return m;
}

}  // namespace

int main(int argc, char** argv) {
  std::string articles = std::string(KBQ_SHARED_DATA) + "/press-2022";
  if (!fs::exists(articles)) articles = std::string(KBQ_SOURCE_DIR) + "/examples/articles";
  int copies = 20;
  fs::path dir = fs::temp_directory_path() / "kbq_warc_bench";
  for (int i = 1; i + 1 < argc; i += 2) {
    if (std::strcmp(argv[i], "--articles") == 0) articles = argv[i + 1];
    if (std::strcmp(argv[i], "--copies") == 0) copies = std::atoi(argv[i + 1]);
    if (std::strcmp(argv[i], "--dir") == 0) dir = argv[i + 1];
  }
  fs::remove_all(dir);
  fs::create_directories(dir / "text");
  // Read the corpus once, then write it in each form.
  std::vector<kbq::ingest::Document> source;
  for (const auto& f : kbq::ingest::ListInputFiles(articles)) {
    (void)kbq::ingest::ReadFile(f, {}, [&](kbq::ingest::Document&& d) { source.push_back(std::move(d)); },
                                [](const kbq::ingest::Diagnostic&) {});
  }
  if (source.empty()) {
    std::fprintf(stderr, "warc_bench: no articles under %s\n", articles.c_str());
    return 1;
  }
  std::ofstream warc(dir / "crawl.warc", std::ios::binary), gz(dir / "crawl.warc.gz", std::ios::binary);
  std::ofstream text(dir / "text" / "all.jsonl", std::ios::binary);
  int n = 0;
  for (int c = 0; c < copies; ++c) {
    for (const auto& d : source) {
      std::string title = d.article.title + " (" + std::to_string(c) + ")";
      std::string url = "https://bench.example/story/" + std::to_string(n);
      std::string html = Page(d, title, n++);
      std::string req = Record("request", url, "application/http; msgtype=request", "GET / HTTP/1.1\r\n\r\n");
      std::string resp = Record("response", url, "application/http; msgtype=response",
                                "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + html);
      warc << req << resp;
      gz << Gzip(req) << Gzip(resp);
      // The plain-text side: the same title, time and text, one JSON line each.
      std::string esc;
      for (char ch : d.article.text) {
        if (ch == '"' || ch == '\\') esc += '\\';
        if (ch == '\n') { esc += "\\n"; continue; }
        esc += ch;
      }
      std::string etitle;
      for (char ch : title) {
        if (ch == '"' || ch == '\\') etitle += '\\';
        etitle += ch;
      }
      text << "{\"title\":\"" << etitle << "\",\"published\":\"" << d.article.published_utc
           << "\",\"text\":\"" << esc << "\"}\n";
    }
  }
  warc.close();
  gz.close();
  text.close();
  auto pipeline = kbq::ingest::Pipeline::Create(nullptr);
  if (!pipeline.ok()) return 1;
  std::printf("warc_bench: %zu articles x %d copies from %s\n", source.size(), copies, articles.c_str());
  std::printf("%-16s %8s %9s %9s %12s %12s %12s %12s\n", "input", "docs", "input MB", "text MB",
              "read MB/s", "read+ext", "text MB/s", "cpu vs text");
  Measure base{};
  for (const char* name : {"text/all.jsonl", "crawl.warc", "crawl.warc.gz"}) {
    fs::path p = dir / name;
    double mb = static_cast<double>(fs::file_size(p)) / 1e6;
    Measure m = Run(p.string(), *pipeline.value());
    if (base.docs == 0) base = m;
    double text_mb = static_cast<double>(m.text_bytes) / 1e6;
    std::printf("%-16s %8zu %9.1f %9.1f %12.1f %12.2f %12.2f %11.2fx\n", name, m.docs, mb, text_mb,
                mb / m.cpu_read, mb / m.cpu_all, text_mb / m.cpu_all, m.cpu_all / base.cpu_all);
    std::printf("%-16s %8s %9s %9s %12s %12s   read alone: %.2f s cpu (%.2fx plain text)\n", "", "", "", "", "",
                "", m.cpu_read, m.cpu_read / base.cpu_read);
  }
  std::printf("MB/s are per CPU second (one core). 'read MB/s': input bytes through the reader alone;\n"
              "'read+ext': input bytes through reading and extraction; 'text MB/s': article text\n"
              "through both, the figure comparable across inputs.\n");
  fs::remove_all(dir);
  return 0;
}
