// kbq._kbq: the compiled half of the Python package kbq (python/kbq/,
// docs/python.md). A thin layer over kbq::KnowledgeBase: each function takes
// plain arguments, calls the facade with the GIL released, and returns the
// library's own JSON (what the CLI prints with --json) as a str; the package
// turns it into result objects. Nothing here decides what an answer holds.
//
// Errors: a non-ok Status raises kbq.NotFound, kbq.InvalidArgument, kbq.Busy
// or (any other code) kbq.Error, with the library's message and the code's
// name in `code`. Thread safety: as the facade's; the Python object may be
// shared by threads, and close() lets calls already running finish first.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <nlohmann/json.hpp>

#include <exception>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "kbq/knowledge_base.h"
#include "kbq/model_json.h"
#include "kbq/query/salience.h"

namespace py = pybind11;

namespace {

using kbq::KnowledgeBase;
using kbq::Status;

// The exception classes, created once at import; the module owns them.
struct Exceptions {
  PyObject* error = nullptr;
  PyObject* not_found = nullptr;
  PyObject* invalid_argument = nullptr;
  PyObject* busy = nullptr;
};
Exceptions g_exceptions;

// Carries a non-ok Status out of a function to the translator below.
class StatusError : public std::exception {
 public:
  explicit StatusError(Status s) : status_(std::move(s)) {}
  const char* what() const noexcept override { return status_.message().c_str(); }
  const Status& status() const { return status_; }

 private:
  Status status_;
};

const char* CodeName(Status::Code c) {
  switch (c) {
    case Status::Code::kOk: return "ok";
    case Status::Code::kNotFound: return "not_found";
    case Status::Code::kInvalidArgument: return "invalid_argument";
    case Status::Code::kCorruption: return "corruption";
    case Status::Code::kIOError: return "io_error";
    case Status::Code::kNotSupported: return "not_supported";
    case Status::Code::kBusy: return "busy";
  }
  return "unknown";
}

void RaiseStatus(const Status& s) {
  PyObject* type = g_exceptions.error;
  if (s.IsNotFound()) type = g_exceptions.not_found;
  if (s.IsInvalidArgument()) type = g_exceptions.invalid_argument;
  if (s.IsBusy()) type = g_exceptions.busy;
  py::object exc = py::reinterpret_borrow<py::object>(type)(s.message());
  exc.attr("code") = CodeName(s.code());
  PyErr_SetObject(type, exc.ptr());
}

void Check(const Status& s) {
  if (!s.ok()) throw StatusError(s);
}

template <typename T>
T Unwrap(kbq::Result<T>&& r) {
  if (!r.ok()) throw StatusError(r.status());
  return std::move(r).value();
}

PyObject* NewException(py::module_& m, const char* name, py::tuple bases, const char* doc) {
  std::string qualified = std::string("kbq.") + name;
  PyObject* type = PyErr_NewExceptionWithDoc(qualified.c_str(), doc, bases.ptr(), nullptr);
  if (type == nullptr) throw py::error_already_set();
  m.add_object(name, py::handle(type));
  return type;
}

// "2022", "2025-05", "2025-05-16", "A..B"; empty = open.
kbq::TimeValue ParseDate(const char* field, const std::string& text) {
  if (text.empty()) return {};
  kbq::TimeValue v = kbq::TimeValue::Parse(text);
  if (!v.ok()) {
    throw StatusError(Status::InvalidArgument(
        std::string(field) + ": '" + text +
        "' is not a date (use YYYY, YYYY-MM, YYYY-MM-DD or A..B)"));
  }
  return v;
}

// What a timeline or an export selects, from the keyword arguments the
// package collects in a dict (python/kbq/__init__.py, _timeline_query).
kbq::query::TimelineQuery TimelineQueryFrom(const py::dict& d) {
  kbq::query::TimelineQuery q;
  q.actor = d["actor"].cast<std::string>();
  q.with = d["with"].cast<std::string>();
  q.from = ParseDate("since", d["since"].cast<std::string>());
  q.to = ParseDate("until", d["until"].cast<std::string>());
  q.type = d["type"].cast<std::string>();
  q.place = d["place"].cast<std::string>();
  q.limit = d["limit"].cast<size_t>();
  q.include_hidden = d["include_hidden"].cast<bool>();
  q.strict = d["strict"].cast<bool>();
  q.lang = d["lang"].cast<std::string>();
  q.include_reported = d["include_reported"].cast<bool>();
  q.top = d["top"].cast<size_t>();
  q.min_mentions = d["min_mentions"].cast<size_t>();
  q.min_sources = d["min_sources"].cast<size_t>();
  std::string sort = d["sort"].cast<std::string>();
  if (sort != "date" && sort != "salience") {
    throw StatusError(Status::InvalidArgument("sort: '" + sort + "' is not date or salience"));
  }
  q.sort = sort == "salience" ? kbq::query::TimelineSort::kSalience
                              : kbq::query::TimelineSort::kDate;
  return q;
}

kbq::ReadSettings ReadSettingsFrom(const std::string& format, const std::string& published,
                                   const std::string& lang, const std::string& encoding,
                                   bool for_ingest) {
  kbq::ReadSettings r;
  r.format = format;
  r.published = published;
  r.lang = lang;
  r.encoding = encoding;
  Check(KnowledgeBase::ValidateReadSettings(r, for_ingest));
  return r;
}

std::string DiagnosticsJson(const std::vector<kbq::Diagnostic>& diagnostics) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& d : diagnostics) {
    out.push_back({{"error", d.error},
                   {"path", d.path},
                   {"line", d.line},
                   {"byte_offset", d.byte_offset},
                   {"message", d.message},
                   {"text", d.ToString()}});
  }
  return out.dump();
}

// The timeline's `mentions` and `articles` columns for each event (distinct
// sentences and articles, kbq/query/salience.h), which the event JSON leaves
// to its reader: [[mentions, articles], ...] in the order of `events`.
nlohmann::json Counts(const kbq::Event& e) {
  return {kbq::query::DistinctMentions(e), kbq::query::DistinctArticles(e)};
}
template <typename Range, typename GetEvent>
std::string CountsJson(const Range& events, GetEvent get) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& x : events) out.push_back(Counts(get(x)));
  return out.dump();
}
const kbq::Event& OfView(const kbq::query::EventView& v) { return v.event; }
const kbq::Event& OfRow(const kbq::query::NeighbourView& v) { return v.view.event; }

// The Python object: a KnowledgeBase until close(). Calls hold a reference
// of their own, taken with the GIL held, so close() never frees a store
// another thread is reading; the store closes when the last call returns.
class PyKnowledgeBase {
 public:
  explicit PyKnowledgeBase(std::unique_ptr<KnowledgeBase> kb) : kb_(std::move(kb)) {}

  std::shared_ptr<KnowledgeBase> Get() const {
    if (!kb_) throw StatusError(Status::InvalidArgument("the store is closed"));
    return kb_;
  }
  void Close() {
    std::shared_ptr<KnowledgeBase> last = std::move(kb_);
    py::gil_scoped_release release;
    last.reset();
  }
  bool closed() const { return kb_ == nullptr; }

 private:
  std::shared_ptr<KnowledgeBase> kb_;
};

// Ingest() with a Python progress callback. The callback runs on the calling
// thread with the GIL taken back; if it raises, later calls are skipped and
// the exception is raised when the ingest has finished (what it committed
// stays committed).
std::pair<std::string, std::string> Ingest(const PyKnowledgeBase& self,
                                           const std::vector<std::string>& paths, size_t threads,
                                           const std::string& format, const std::string& published,
                                           const std::string& lang, const std::string& encoding,
                                           const py::object& progress) {
  auto kb = self.Get();
  kbq::IngestOptions options;
  options.read = ReadSettingsFrom(format, published, lang, encoding, true);
  options.threads = threads;
  std::exception_ptr failure;
  if (!progress.is_none()) {
    options.progress = [&](const kbq::IngestProgress& p) {
      if (failure) return;
      py::gil_scoped_acquire acquire;
      try {
        progress(p.files, p.documents, p.bytes_done, p.bytes_total);
      } catch (...) {
        failure = std::current_exception();
      }
    };
  }
  kbq::Result<kbq::IngestSummary> summary = Status::OK();
  {
    py::gil_scoped_release release;
    summary = kb->Ingest(paths, options);
  }
  if (failure) std::rethrow_exception(failure);
  kbq::IngestSummary s = Unwrap(std::move(summary));
  return {s.ToJson(), DiagnosticsJson(s.diagnostics)};
}

}  // namespace

PYBIND11_MODULE(_kbq, m) {
  m.doc() = "The compiled core of the kbq package: use `import kbq`, not this module.";

  py::tuple exception_base = py::make_tuple(py::handle(PyExc_Exception));
  g_exceptions.error = NewException(m, "Error", exception_base,
                                    "A kbq call failed; the message is the library's.");
  py::handle error(g_exceptions.error);
  g_exceptions.not_found =
      NewException(m, "NotFound", py::make_tuple(error, py::handle(PyExc_LookupError)),
                   "No such store, event, actor, file or path.");
  g_exceptions.invalid_argument =
      NewException(m, "InvalidArgument", py::make_tuple(error, py::handle(PyExc_ValueError)),
                   "An argument is not valid (a bad date, name, format or option).");
  g_exceptions.busy = NewException(m, "Busy", py::make_tuple(error),
                                   "The store is locked by another kbq process.");
  py::register_exception_translator([](std::exception_ptr p) {
    try {
      if (p) std::rethrow_exception(p);
    } catch (const StatusError& e) {
      RaiseStatus(e.status());
    }
  });

  py::class_<PyKnowledgeBase>(m, "KnowledgeBase")
      .def_property_readonly("store_path", [](const PyKnowledgeBase& s) { return s.Get()->path(); })
      .def_property_readonly("read_only",
                             [](const PyKnowledgeBase& s) { return s.Get()->read_only(); })
      .def_property_readonly("closed", &PyKnowledgeBase::closed)
      .def("close", &PyKnowledgeBase::Close)
      .def("ingest", &Ingest)
      .def("ingest_article",
           [](const PyKnowledgeBase& self, kbq::ArticleInput article) {
             auto kb = self.Get();
             // A bad publication time or language fails the call, as a bad
             // option does; the facade would report it as a failed document.
             ReadSettingsFrom("auto", article.published, article.lang, "", false);
             kbq::Result<kbq::IngestSummary> summary = Status::OK();
             {
               py::gil_scoped_release release;
               summary = kb->IngestArticle(article);
             }
             kbq::IngestSummary s = Unwrap(std::move(summary));
             return std::make_pair(s.ToJson(), DiagnosticsJson(s.diagnostics));
           })
      .def("add_alias",
           [](const PyKnowledgeBase& self, const std::string& actor, const std::string& name,
              const std::string& lang) {
             auto kb = self.Get();
             py::gil_scoped_release release;
             kbq::AliasResult a = Unwrap(kb->AddAlias(actor, name, lang));
             return nlohmann::json{{"actor_id", a.actor_id}, {"name", a.name}, {"lang", a.lang}}
                 .dump();
           })
      .def("timeline",
           [](const PyKnowledgeBase& self, const py::dict& query) {
             auto kb = self.Get();
             kbq::query::TimelineQuery q = TimelineQueryFrom(query);
             py::gil_scoped_release release;
             kbq::query::TimelineResult r = Unwrap(kb->Timeline(q));
             nlohmann::json hidden = {{"negated", r.hidden.negated},
                                      {"reported", r.hidden.reported},
                                      {"minor", r.hidden.minor},
                                      {"below_top", r.hidden.below_top},
                                      {"few_mentions", r.hidden.few_mentions},
                                      {"few_sources", r.hidden.few_sources},
                                      {"coarse", r.hidden.coarse},
                                      {"weak", r.hidden.weak},
                                      {"folded", r.hidden.folded}};
             nlohmann::json meta = {{"subject", r.subject},
                                    {"lang", r.lang},
                                    {"note", r.resolution_note},
                                    {"hidden", hidden}};
             return std::make_tuple(kbq::ToJson(r), meta.dump(), CountsJson(r.rows, OfView));
           })
      .def("export",
           [](const PyKnowledgeBase& self, const std::string& format, const py::dict& query,
              bool every_event) {
             auto kb = self.Get();
             auto f = kbq::query::ParseExportFormat(format);
             if (!f) {
               throw StatusError(Status::InvalidArgument(
                   "format: unknown export format '" + format +
                   "' (use timelinejs, cytoscape, graphml, dot, jsonl)"));
             }
             kbq::query::TimelineQuery q = TimelineQueryFrom(query);
             py::gil_scoped_release release;
             return Unwrap(kb->Export(*f, q, every_event)).text;
           })
      .def("show",
           [](const PyKnowledgeBase& self, const std::string& what, const std::string& lang) {
             auto kb = self.Get();
             py::gil_scoped_release release;
             kbq::ShowResult r = Unwrap(kb->Show(what));
             std::string l = lang.empty() ? kbq::query::LanguageOf(what) : lang;
             if (!r.event) return std::make_tuple(std::string("actor"), r.ToJson(l), std::string());
             return std::make_tuple(std::string("event"), r.ToJson(l),
                                    nlohmann::json::array({Counts(r.event->event)}).dump());
           })
      .def("actors",
           [](const PyKnowledgeBase& self, const std::string& query) {
             auto kb = self.Get();
             py::gil_scoped_release release;
             return kbq::ToJson(Unwrap(kb->Actors(query)));
           })
      .def("resolve",
           [](const PyKnowledgeBase& self, const std::string& name, bool strict) {
             auto kb = self.Get();
             py::gil_scoped_release release;
             kbq::query::ResolvedActor r = Unwrap(kb->Resolve(name, strict));
             nlohmann::json j = r.actor;
             return std::make_pair(j.dump(), r.note);
           })
      .def("neighbors",
           [](const PyKnowledgeBase& self, const std::string& start, int depth,
              const std::string& kinds, const std::string& since, const std::string& until,
              size_t max_starts, const std::string& lang) {
             auto kb = self.Get();
             kbq::query::NeighborsQuery q;
             q.start = start;
             if (depth < 1) throw StatusError(Status::InvalidArgument("depth: must be at least 1"));
             q.depth = depth;
             auto parsed = kbq::query::ParseLinkKinds(kinds);
             if (!parsed.ok()) {
               throw StatusError(Status::InvalidArgument("kinds: " + parsed.status().message()));
             }
             q.kinds = parsed.value();
             q.from = ParseDate("since", since);
             q.to = ParseDate("until", until);
             q.max_starts = max_starts;
             py::gil_scoped_release release;
             auto rows = Unwrap(kb->Neighbors(q));
             return std::make_pair(
                 kbq::ToJson(rows, lang.empty() ? kbq::query::LanguageOf(start) : lang),
                 CountsJson(rows, OfRow));
           })
      .def("chain",
           [](const PyKnowledgeBase& self, const std::string& event_id, bool forward,
              const std::string& lang) {
             auto kb = self.Get();
             py::gil_scoped_release release;
             auto rows = Unwrap(kb->Chain(event_id, forward));
             return std::make_pair(kbq::ToJson(rows, lang), CountsJson(rows, OfRow));
           })
      .def("path",
           [](const PyKnowledgeBase& self, const std::string& a, const std::string& b,
              int max_hops, const std::string& lang) {
             auto kb = self.Get();
             if (max_hops < 1) {
               throw StatusError(Status::InvalidArgument("max_hops: must be at least 1"));
             }
             py::gil_scoped_release release;
             auto path = Unwrap(kb->Path(a, b, max_hops));
             return std::make_pair(
                 kbq::ToJson(path, lang.empty() ? kbq::query::LanguageOf(a + b) : lang),
                 CountsJson(path.steps, OfRow));
           })
      .def("check",
           [](const PyKnowledgeBase& self) {
             auto kb = self.Get();
             py::gil_scoped_release release;
             return Unwrap(kb->Check()).ToJson();
           })
      .def("stats",
           [](const PyKnowledgeBase& self) {
             auto kb = self.Get();
             py::gil_scoped_release release;
             return kbq::ToJson(Unwrap(kb->Stats()));
           })
      .def("refresh", [](const PyKnowledgeBase& self) {
        auto kb = self.Get();
        py::gil_scoped_release release;
        Check(kb->Refresh());
      });

  py::class_<kbq::ArticleInput>(m, "ArticleInput")
      .def(py::init([](std::string title, std::string published, std::string text,
                       std::string url, std::string source, std::string lang) {
             return kbq::ArticleInput{std::move(title), std::move(published), std::move(text),
                                      std::move(url),   std::move(source),    std::move(lang)};
           }),
           py::arg("title"), py::arg("published"), py::arg("text"), py::arg("url"),
           py::arg("source"), py::arg("lang"));

  m.def("open", [](const std::string& path, bool create, bool read_only) {
    kbq::OpenOptions o;
    o.create_if_missing = create;
    o.read_only = read_only;
    std::unique_ptr<KnowledgeBase> kb;
    {
      py::gil_scoped_release release;
      kb = Unwrap(KnowledgeBase::Open(path, o));
    }
    return PyKnowledgeBase(std::move(kb));
  });

  m.def("tag", [](const std::string& path, const std::string& published, const std::string& lang) {
    kbq::ReadSettings read = ReadSettingsFrom("auto", published, lang, "", false);
    py::gil_scoped_release release;
    kbq::TagResult r = Unwrap(KnowledgeBase::Tag(path, read));
    return std::make_pair(r.ToJsonLines(), DiagnosticsJson(r.diagnostics));
  });

  m.def("extract",
        [](const std::string& path, const std::string& published, const std::string& lang) {
          kbq::ReadSettings read = ReadSettingsFrom("auto", published, lang, "", false);
          py::gil_scoped_release release;
          kbq::ExtractResult r = Unwrap(KnowledgeBase::Extract(path, read));
          return std::make_tuple(r.ToJsonLines(lang.empty() ? "en" : lang),
                                 DiagnosticsJson(r.diagnostics), CountsJson(r.events, OfView));
        });
}
