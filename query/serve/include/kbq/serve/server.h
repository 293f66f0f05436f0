// kbq serve: a local viewer. Server opens a store read-only (a RocksDB
// secondary, so it keeps answering while another process ingests) and
// serves, on one host and port, the page under web/ (embedded in the binary)
// and JSON endpoints whose bodies are exactly the CLI's `--json`
// (kbq/json_request.h):
//
//   GET /                       the page (index.html, app.js, app.css)
//   GET /vendor/FILE            the vendored libraries and their licences
//   GET /api/COMMAND?PARAM=...  COMMAND in timeline, show, actors, neighbors,
//                               chain, path, stats; PARAMs named as its flags
//
// Nothing writes: every other method gets 405, an unknown path 404, a body
// or URI over the limit 413/414, a bad parameter 400 with {"error": ...}.
// The store catches up with its writer at most once a second, on a request.
// Thread safety: Start() returns a running server; Stop() and Wait() may be
// called from any thread. httplib types stay in server.cc.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "kbq/knowledge_base.h"
#include "kbq/status.h"

namespace kbq::serve {

struct ServeOptions {
  std::string db;                     // the store (opened read-only)
  std::string host = "127.0.0.1";     // loopback unless told otherwise
  int port = 8437;                    // 0 = any free port (tests)
  size_t max_request_bytes = 16 * 1024;  // larger bodies get 413
  size_t threads = 8;                 // worker threads
};

// True for 127.0.0.0/8, ::1 and "localhost": the only hosts Start() binds
// without the caller warning that the store is exposed.
bool IsLoopback(const std::string& host);

class Server {
 public:
  // Opens the store read-only, binds host:port and starts serving on
  // background threads. Errors: the store's (NotFound, Corruption, ...);
  // IOError "cannot listen on HOST:PORT" when the port is taken.
  static Result<std::unique_ptr<Server>> Start(const ServeOptions& options);
  ~Server();  // stops and joins
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  int port() const;    // the bound port (useful with port 0)
  void Wait();         // blocks until Stop()
  void Stop();         // stops accepting; in-flight requests finish

 private:
  struct Impl;
  explicit Server(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// The page as one self-contained HTML file (libraries, styles and script
// inlined) with the answers of one timeline query inlined: the timeline
// (`timeline_params` as the timeline command's parameters, query required)
// and, for each of its events, show, neighbors and chain. Opens in a
// browser without kbq. Errors as AnswerJson's.
Result<std::string> ExportHtml(const KnowledgeBase& kb,
                               const std::map<std::string, std::string>& timeline_params);

// A file of the page by its name ("index.html", "app.js", "vis-data.min.js",
// "versions.json"); nullopt when there is none. The bytes live as long as
// the program.
std::optional<std::string_view> PageFile(std::string_view name);

}  // namespace kbq::serve
