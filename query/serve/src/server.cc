// The HTTP side of `kbq serve`: one pre-routing handler dispatches every GET
// by plain string comparison (httplib's own router matches std::regex, which
// we keep off the request path); other methods reach a 405 handler only
// after httplib has read, and size-limited, their body.
#include "kbq/serve/server.h"

#include <httplib.h>
#include <sys/socket.h>

#include <nlohmann/json.hpp>

#include <atomic>
#include <chrono>
#include <thread>

#include "kbq/json_request.h"

namespace kbq::serve {
namespace {

const char* ContentType(std::string_view name) {
  auto ends = [&](std::string_view ext) {
    return name.size() >= ext.size() && name.substr(name.size() - ext.size()) == ext;
  };
  if (ends(".html")) return "text/html; charset=utf-8";
  if (ends(".js")) return "text/javascript; charset=utf-8";
  if (ends(".css")) return "text/css; charset=utf-8";
  if (ends(".json")) return "application/json; charset=utf-8";
  return "text/plain; charset=utf-8";
}

void SetJsonError(httplib::Response& res, int status, const std::string& message) {
  res.status = status;
  res.set_content(nlohmann::json{{"error", message}}.dump() + "\n",
                  "application/json; charset=utf-8");
}

int HttpStatusOf(const Status& s) {
  if (s.IsInvalidArgument() || s.code() == Status::Code::kNotSupported) return 400;
  if (s.IsNotFound()) return 404;
  return 500;
}

// The host part of a Host header: "127.0.0.1:8437" → "127.0.0.1",
// "[::1]:8437" → "::1".
std::string HostOf(const std::string& header) {
  if (!header.empty() && header[0] == '[') {
    size_t close = header.find(']');
    return close == std::string::npos ? header : header.substr(1, close - 1);
  }
  return header.substr(0, header.find(':'));
}

// The page's own files sit at the root; everything else of web/ under /vendor/.
bool IsPageFile(std::string_view name) {
  return name == "index.html" || name == "app.js" || name == "app.css";
}

constexpr const char* kCsp =
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; "
    "frame-ancestors 'none'";

int64_t NowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

}  // namespace

bool IsLoopback(const std::string& host) {
  return host == "localhost" || host == "::1" || host.rfind("127.", 0) == 0;
}

struct Server::Impl {
  std::unique_ptr<KnowledgeBase> kb;
  httplib::Server http;
  std::thread thread;
  int port = 0;
  bool loopback = true;
  int listen_fd = -1;  // the bound socket (httplib owns it)
  std::atomic<int64_t> last_refresh_ms{0};

  // A reader sees the store as of its last catch-up with the writer; catch
  // up at most once a second, on the thread that wins the race.
  void MaybeRefresh() {
    int64_t now = NowMs();
    int64_t last = last_refresh_ms.load();
    if (now - last < 1000 || !last_refresh_ms.compare_exchange_strong(last, now)) return;
    // A failed catch-up keeps the previous state; the next request retries.
    (void)kb->Refresh();
  }

  void HandleApi(const std::string& command, const httplib::Request& req, httplib::Response& res) {
    JsonRequest r;
    r.command = command;
    for (const auto& [name, value] : req.params) {
      if (!r.params.emplace(name, value).second) {
        return SetJsonError(res, 400, command + ": parameter '" + name + "' given twice");
      }
    }
    MaybeRefresh();
    auto answer = AnswerJson(*kb, r);
    if (answer.ok()) {
      res.status = 200;
      res.set_content(answer->body, "application/json; charset=utf-8");
      return;
    }
    SetJsonError(res, HttpStatusOf(answer.status()), answer.status().message());
    // A name that did not resolve: the candidates, as `--json` prints them.
    std::string name = command == "timeline" ? r.params["query"]
                       : command == "show"   ? r.params["what"]
                                             : "";
    if (answer.status().IsNotFound() && !name.empty()) {
      auto candidates = kb->Candidates(name);
      if (candidates.ok()) {
        nlohmann::json j = nlohmann::json::parse(res.body);
        j["candidates"] = nlohmann::json::parse(ToJson(name, candidates.value()))["candidates"];
        res.set_content(j.dump() + "\n", "application/json; charset=utf-8");
      }
    }
  }

  void Handle(const httplib::Request& req, httplib::Response& res) {
    res.set_header("X-Content-Type-Options", "nosniff");
    res.set_header("Cache-Control", "no-store");
    res.set_header("Referrer-Policy", "no-referrer");
    // Bound to loopback, answer only pages addressed to loopback, so a
    // web site cannot read the store through DNS rebinding.
    if (loopback && !IsLoopback(HostOf(req.get_header_value("Host")))) {
      return SetJsonError(res, 403, "Host " + req.get_header_value("Host") + " is not loopback");
    }
    const std::string& path = req.path;
    if (path.rfind("/api/", 0) == 0) return HandleApi(path.substr(5), req, res);
    std::string name;
    if (path == "/") {
      name = "index.html";
    } else if (path.rfind("/vendor/", 0) == 0) {
      name = path.substr(8);
      if (IsPageFile(name)) name.clear();
    } else if (IsPageFile(std::string_view(path).substr(1))) {
      name = path.substr(1);
    }
    auto file = name.empty() ? std::nullopt : PageFile(name);
    if (!file) return SetJsonError(res, 404, "no such page: " + path);
    res.status = 200;
    if (name == "index.html") res.set_header("Content-Security-Policy", kCsp);
    res.set_content(file->data(), file->size(), ContentType(name));
  }
};

Server::Server(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

Server::~Server() {
  Stop();
  Wait();
}

int Server::port() const { return impl_->port; }

void Server::Wait() {
  if (impl_->thread.joinable()) impl_->thread.join();
}

void Server::Stop() { impl_->http.stop(); }

Result<std::unique_ptr<Server>> Server::Start(const ServeOptions& options) {
  OpenOptions open;
  open.read_only = true;
  auto kb = KnowledgeBase::Open(options.db, open);
  if (!kb.ok()) return kb.status();
  auto impl = std::make_unique<Impl>();
  impl->kb = std::move(kb.value());
  impl->loopback = IsLoopback(options.host);
  Impl* raw = impl.get();
  size_t threads = options.threads == 0 ? 1 : options.threads;
  impl->http.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  impl->http.set_payload_max_length(options.max_request_bytes);
  impl->http.set_keep_alive_timeout(2);
  impl->http.set_read_timeout(5);
  impl->http.set_write_timeout(5);
  // httplib's default options set SO_REUSEPORT, which would let a second
  // `kbq serve` bind the same port silently; only SO_REUSEADDR here. The
  // listening socket is kept to widen its backlog below.
  impl->http.set_socket_options([raw](socket_t sock) {
    int yes = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
    raw->listen_fd = sock;
  });
  impl->http.set_pre_routing_handler([raw](const httplib::Request& req, httplib::Response& res) {
    // A GET that carries a body goes through httplib's reading (and its
    // size limit) to the same handler below.
    bool has_body = req.has_header("Content-Length") || req.has_header("Transfer-Encoding");
    if ((req.method != "GET" && req.method != "HEAD") || has_body) {
      return httplib::Server::HandlerResponse::Unhandled;
    }
    raw->Handle(req, res);
    return httplib::Server::HandlerResponse::Handled;
  });
  impl->http.Get(".*", [raw](const httplib::Request& req, httplib::Response& res) {
    raw->Handle(req, res);
  });
  auto not_allowed = [](const httplib::Request& req, httplib::Response& res) {
    res.set_header("Allow", "GET, HEAD");
    SetJsonError(res, 405, req.method + " is not allowed: kbq serve only reads");
  };
  impl->http.Post(".*", not_allowed);
  impl->http.Put(".*", not_allowed);
  impl->http.Patch(".*", not_allowed);
  impl->http.Delete(".*", not_allowed);
  impl->http.Options(".*", not_allowed);

  if (options.port == 0) {
    impl->port = impl->http.bind_to_any_port(options.host);
  } else if (impl->http.bind_to_port(options.host, options.port)) {
    impl->port = options.port;
  } else {
    impl->port = -1;
  }
  if (impl->port <= 0) {
    return Status::IOError("cannot listen on " + options.host + ":" +
                           std::to_string(options.port) + " (in use, or not an address here)");
  }
  // httplib 0.11 listens with a backlog of 5: a burst of connections then
  // waits on SYN-ACK retransmits for seconds. Listening again on the bound
  // socket only changes the backlog.
  if (impl->listen_fd >= 0) (void)::listen(impl->listen_fd, SOMAXCONN);
  impl->thread = std::thread([raw] { raw->http.listen_after_bind(); });
  // Stop() before the loop runs would be lost; wait until it does.
  for (int i = 0; i < 500 && !impl->http.is_running(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return std::unique_ptr<Server>(new Server(std::move(impl)));
}

}  // namespace kbq::serve
