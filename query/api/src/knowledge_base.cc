// KnowledgeBase: the facade over kbq::kb, kbq::ingest and kbq::query.
#include "kbq/knowledge_base.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <mutex>
#include <new>
#include <sstream>
#include <utility>

#include "kbq/ingest/pipeline.h"
#include "kbq/ingest/reader.h"
#include "kbq/model_json.h"
#include "kbq/query/render.h"

namespace kbq {

namespace {

// Runs `body`, turning any exception into a Status: nothing thrown by the
// libraries underneath (nlohmann, std::filesystem, allocation) leaves the API.
template <typename R, typename F>
R Guard(F&& body) {
  try {
    return body();
  } catch (const std::bad_alloc&) {
    return R(Status::IOError("out of memory"));
  } catch (const std::filesystem::filesystem_error& e) {
    return R(Status::IOError(e.what()));
  } catch (const nlohmann::json::exception& e) {
    return R(Status::InvalidArgument(std::string("JSON: ") + e.what()));
  } catch (const std::exception& e) {
    return R(Status::IOError(std::string("internal error: ") + e.what()));
  } catch (...) {
    return R(Status::IOError("internal error: unknown exception"));
  }
}

Diagnostic FromIngest(const ingest::Diagnostic& d) {
  Diagnostic out;
  out.error = d.severity == ingest::Diagnostic::Severity::kError;
  out.path = d.path;
  out.line = d.line;
  out.byte_offset = d.byte_offset;
  out.message = d.message;
  return out;
}

ingest::Diagnostic ToIngest(const Diagnostic& d) {
  ingest::Diagnostic out;
  out.severity = d.error ? ingest::Diagnostic::Severity::kError
                         : ingest::Diagnostic::Severity::kWarning;
  out.path = d.path;
  out.line = d.line;
  out.byte_offset = d.byte_offset;
  out.message = d.message;
  return out;
}

// Read options from the user's settings; messages name the field.
Result<ingest::ReadOptions> MakeReadOptions(const ReadSettings& r, bool allow_streams,
                                            std::optional<ingest::StreamFormat>* stream) {
  ingest::ReadOptions o;
  std::optional<ingest::StreamFormat> s;
  if (allow_streams) s = ingest::ParseStreamFormat(r.format);
  if (stream != nullptr) *stream = s;
  auto f = ingest::ParseFormat(s ? "auto" : r.format);
  if (!f) {
    return Status::InvalidArgument(
        "format: unknown format '" + r.format +
        (allow_streams
             ? "' (use auto, page, jsonl, csv, tsv, text, html, rss, atom, warc, gdelt, icews, events)"
             : "' (use auto, page, jsonl, csv, tsv, text, html, rss, atom, warc)"));
  }
  o.format = *f;
  if (!r.encoding.empty()) {
    auto e = ingest::ParseEncoding(r.encoding);
    if (!e) {
      return Status::InvalidArgument("encoding: unsupported encoding '" + r.encoding +
                                     "' (use UTF-8, GB18030, GBK, GB2312, Big5, Shift_JIS, "
                                     "EUC-KR, windows-1251, windows-1252, KOI8-R)");
    }
    o.encoding = *e;
  }
  if (!r.published.empty()) {
    auto t = ingest::ParsePublished(r.published);
    if (!t) return Status::InvalidArgument("published: '" + r.published + "' is not a time");
    o.published_utc = t->utc;
    if (t->offset_minutes) o.assumed_offset_minutes = t->offset_minutes;
  }
  o.lang = r.lang;
  return o;
}

void Emit(const ReadSettings& r, std::vector<Diagnostic>* out, const Diagnostic& d) {
  out->push_back(d);
  if (r.on_diagnostic) r.on_diagnostic(d);
}

// The first document of `path`, with the reader's diagnostics.
Result<ingest::Document> ReadOne(const std::string& path, const ReadSettings& settings,
                                 std::vector<Diagnostic>* diagnostics) {
  auto read = MakeReadOptions(settings, false, nullptr);
  if (!read.ok()) return read.status();
  std::optional<ingest::Document> doc;
  Status s = ingest::ReadFile(
      path, read.value(),
      [&](ingest::Document&& d) {
        if (!doc) doc = std::move(d);
      },
      [&](const ingest::Diagnostic& d) { Emit(settings, diagnostics, FromIngest(d)); });
  if (!s.ok()) return s.WithContext(path);
  if (!doc) return Status::NotFound(path + ": no readable document");
  return std::move(*doc);
}

void AddTotals(const ingest::IngestReport& r, IngestSummary* s) {
  s->files = r.files;
  s->documents = r.documents;
  s->ingested = r.ingested;
  s->skipped_duplicates = r.skipped_duplicates;
  s->failed = r.failed;
  s->events_new = r.events_new;
  s->events_merged = r.events_merged;
  s->links = r.links;
}

}  // namespace

std::string Diagnostic::ToString() const { return ToIngest(*this).ToString(); }

std::string IngestSummary::ToJson() const {
  nlohmann::json files_json = nlohmann::json::array();
  for (const auto& f : per_file) {
    files_json.push_back({{"path", f.path},
                          {"documents", f.documents},
                          {"skipped_duplicates", f.skipped_duplicates},
                          {"failed", f.failed}});
  }
  nlohmann::json docs = nlohmann::json::array();
  for (const auto& d : per_document) {
    docs.push_back({{"article_id", d.article_id},
                    {"title", d.title},
                    {"skipped_duplicate", d.skipped_duplicate},
                    {"events_new", d.events_new},
                    {"events_merged", d.events_merged},
                    {"links", d.links}});
  }
  nlohmann::json diags = nlohmann::json::array();
  for (const auto& d : diagnostics) diags.push_back(d.ToString());
  return nlohmann::json{{"files", files},
                        {"documents", documents},
                        {"ingested", ingested},
                        {"skipped_duplicates", skipped_duplicates},
                        {"failed", failed},
                        {"events_new", events_new},
                        {"events_merged", events_merged},
                        {"links", links},
                        {"per_file", files_json},
                        {"per_document", docs},
                        {"diagnostics", diags}}
      .dump(2);
}

std::string ShowResult::ToJson(const std::string& lang) const {
  if (event) {
    // The articles its mentions come from, without their text, so a reader
    // can follow a mention to its source (docs/query.md).
    nlohmann::json j = query::EventToJson(*event, lang);
    nlohmann::json articles = nlohmann::json::array();
    for (const Article& a : event->articles) {
      articles.push_back({{"id", a.id},
                          {"title", a.title},
                          {"url", a.url},
                          {"source", a.source},
                          {"language", a.language},
                          {"published_utc", a.published_utc}});
    }
    j["articles"] = std::move(articles);
    return j.dump(2);
  }
  if (actor) return query::ActorToJson(*actor).dump(2);
  return "null";
}

std::string CheckResult::ToJson() const {
  return nlohmann::json{{"ok", problems.empty()},
                        {"articles", stats.articles},
                        {"events", stats.events},
                        {"actors", stats.actors},
                        {"links", stats.links},
                        {"index_entries", index_entries},
                        {"problems", problems},
                        {"findings", findings}}
      .dump(2);
}

std::string TagResult::ToJsonLines() const {
  std::string out;
  size_t ti = 0, ai = 0;
  while (ti < times.size() || ai < actors.size()) {
    bool time_next =
        ai >= actors.size() || (ti < times.size() && times[ti].begin <= actors[ai].begin);
    nlohmann::json j;
    if (time_next) {
      const auto& t = times[ti++];
      j = {{"kind", "time"},
           {"text", t.text},
           {"span", {t.input_begin, t.input_end}},
           {"text_span", {t.begin, t.end}},
           {"start", t.value.ok() ? FormatDay(t.value.earliest) : ""},
           {"end", t.value.ok() ? FormatDay(t.value.latest) : ""},
           {"value", t.value.ToString()},
           {"precision", PrecisionName(t.value.precision)},
           {"approx", t.value.approximate},
           {"duration", t.is_duration},
           {"resolution", t.resolution}};
    } else {
      const auto& m = actors[ai++];
      j = {{"kind", "actor"},
           {"text", m.text},
           {"span", {m.input_begin, m.input_end}},
           {"text_span", {m.begin, m.end}},
           {"id", m.actor_id},
           {"name", {{"en", m.name_en}, {"zh", m.name_zh}}},
           {"actor_kind", m.actor_kind},
           {"metonym", m.metonym},
           {"provisional", m.provisional}};
    }
    out += j.dump() + "\n";
  }
  return out;
}

std::string ExtractResult::ToJsonLines(const std::string& lang) const {
  std::string out;
  for (size_t i = 0; i < events.size(); ++i) {
    nlohmann::json j = query::EventToJson(events[i], lang);
    if (i < input_spans.size() && j.contains("mentions")) {
      auto& mentions = j["mentions"];
      for (size_t k = 0; k < mentions.size() && k < input_spans[i].size(); ++k) {
        mentions[k]["input_span"] = {input_spans[i][k].first, input_spans[i][k].second};
      }
    }
    out += j.dump() + "\n";
  }
  for (const auto& l : links) {
    nlohmann::json j = l;
    j["kind_of_record"] = "link";
    out += j.dump() + "\n";
  }
  return out;
}

std::string ToJson(const StoreStats& s) {
  return nlohmann::json{{"articles", s.articles},     {"events", s.events},
                        {"actors", s.actors},         {"links", s.links},
                        {"bytes_on_disk", s.bytes_on_disk},
                        {"format_version", s.format_version}}
      .dump(2);
}

std::string ToJson(const query::TimelineResult& timeline) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& row : timeline.rows) out.push_back(query::EventToJson(row, timeline.lang));
  return out.dump(2);
}

std::string ToJson(const std::vector<query::ActorView>& actors) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& v : actors) out.push_back(query::ActorToJson(v));
  return out.dump(2);
}

std::string ToJson(const std::string& name, const std::vector<query::ActorCandidate>& candidates) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& c : candidates) {
    list.push_back({{"id", c.actor.id},
                    {"name_en", c.actor.Name("en")},
                    {"name_zh", c.actor.Name("zh")},
                    {"kind", std::string(ActorKindName(c.actor.kind))},
                    {"via", std::string(NameKindName(c.via))},
                    {"events", c.events}});
  }
  return nlohmann::json{{"name", name}, {"candidates", list}}.dump(2);
}

std::string ToJson(const std::vector<query::NeighbourView>& rows, const std::string& lang) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& r : rows) out.push_back(query::NeighbourToJson(r, lang));
  return out.dump(2);
}

std::string ToJson(const query::PathView& path, const std::string& lang) {
  nlohmann::json steps = nlohmann::json::array();
  for (const auto& s : path.steps) steps.push_back(query::NeighbourToJson(s, lang));
  return nlohmann::json{{"cost", path.cost}, {"steps", steps}}.dump(2);
}

// ------------------------------------------------------------- KnowledgeBase

struct KnowledgeBase::Impl {
  std::unique_ptr<Store> store;
  std::mutex writer;                            // one writer at a time
  std::unique_ptr<ingest::Pipeline> pipeline;   // built on the first write

  Status EnsurePipeline() {
    if (pipeline) return Status::OK();
    auto p = ingest::Pipeline::Create(store.get());
    if (!p.ok()) return p.status();
    pipeline = std::move(p.value());
    return Status::OK();
  }
};

KnowledgeBase::KnowledgeBase(std::string path, bool read_only, std::unique_ptr<Impl> impl)
    : path_(std::move(path)), read_only_(read_only), impl_(std::move(impl)) {}

KnowledgeBase::~KnowledgeBase() = default;

Result<std::unique_ptr<KnowledgeBase>> KnowledgeBase::Open(const std::string& path,
                                                           const OpenOptions& options) {
  using R = Result<std::unique_ptr<KnowledgeBase>>;
  return Guard<R>([&]() -> R {
    StoreOptions so;
    so.read_only = options.read_only;
    so.create_if_missing = options.create_if_missing && !options.read_only;
    auto store = Store::Open(path, so);
    if (!store.ok()) return store.status();
    auto impl = std::make_unique<Impl>();
    impl->store = std::move(store.value());
    return std::unique_ptr<KnowledgeBase>(
        new KnowledgeBase(path, options.read_only, std::move(impl)));
  });
}

Result<IngestSummary> KnowledgeBase::Ingest(const std::vector<std::string>& inputs,
                                            const IngestOptions& options) {
  using R = Result<IngestSummary>;
  return Guard<R>([&]() -> R {
    if (read_only_) return Status::NotSupported("Ingest: " + path_ + " is open read-only");
    std::optional<ingest::StreamFormat> stream;
    auto read = MakeReadOptions(options.read, true, &stream);
    if (!read.ok()) return read.status();
    std::lock_guard<std::mutex> lock(impl_->writer);
    if (Status s = impl_->EnsurePipeline(); !s.ok()) return s;

    // The files in reading order, as the pipeline lists them, so that each
    // progress call (one per file) can be matched to its file.
    std::vector<std::string> files;
    uint64_t total_bytes = 0;
    for (const auto& in : inputs) {
      if (in == "-") {
        files.push_back(in);
        continue;
      }
      for (const auto& f : ingest::ListInputFiles(in)) {
        std::error_code ec;
        uint64_t size = std::filesystem::file_size(f, ec);
        if (!ec) total_bytes += size;
        files.push_back(f);
      }
    }

    IngestSummary summary;
    ingest::IngestOptions o;
    o.read = read.value();
    o.stream = stream;
    o.threads = options.threads;
    o.bulk = options.bulk;
    ingest::IngestReport last;
    size_t file_index = 0;
    o.progress = [&](const ingest::IngestReport& r, uint64_t bytes) {
      FileResult f;
      f.path = file_index < files.size() ? files[file_index] : std::string();
      ++file_index;
      f.documents = r.documents - last.documents;
      f.skipped_duplicates = r.skipped_duplicates - last.skipped_duplicates;
      f.failed = r.failed - last.failed;
      last.documents = r.documents;
      last.skipped_duplicates = r.skipped_duplicates;
      last.failed = r.failed;
      summary.per_file.push_back(std::move(f));
      if (options.progress) {
        IngestProgress p;
        p.files = r.files;
        p.documents = r.documents;
        p.bytes_done = bytes;
        p.bytes_total = total_bytes;
        options.progress(p);
      }
    };
    o.reading = [&](const ingest::IngestReport& r, uint64_t bytes) {
      if (!options.progress) return;
      IngestProgress p;
      p.files = r.files > 0 ? r.files - 1 : 0;  // the file being read is not done
      p.documents = r.documents;
      p.bytes_done = bytes;
      p.bytes_total = total_bytes;
      options.progress(p);
    };
    ingest::IngestReport report;
    Status s = impl_->pipeline->Ingest(inputs, o, impl_->store.get(), &report);
    for (const auto& d : report.diagnostics) Emit(options.read, &summary.diagnostics, FromIngest(d));
    if (!s.ok()) return s;
    AddTotals(report, &summary);
    return summary;
  });
}

Result<IngestSummary> KnowledgeBase::IngestArticle(const ArticleInput& article,
                                                   const IngestOptions& options) {
  using R = Result<IngestSummary>;
  return Guard<R>([&]() -> R {
    if (read_only_) return Status::NotSupported("Ingest: " + path_ + " is open read-only");
    ReadSettings settings = options.read;
    settings.format = "jsonl";
    auto read = MakeReadOptions(settings, false, nullptr);
    if (!read.ok()) return read.status();
    // The article goes through the JSON reader, which normalises it, splits
    // its sentences and derives its id as for any file.
    nlohmann::json j = {{"title", article.title},
                        {"published", article.published},
                        {"text", article.text}};
    if (!article.url.empty()) j["url"] = article.url;
    if (!article.source.empty()) j["source"] = article.source;
    if (!article.lang.empty()) j["lang"] = article.lang;
    std::istringstream in(j.dump() + "\n");
    IngestSummary summary;
    std::optional<ingest::Document> doc;
    Status rs = ingest::ReadStream(
        in, "<article>", read.value(),
        [&](ingest::Document&& d) {
          if (!doc) doc = std::move(d);
        },
        [&](const ingest::Diagnostic& d) {
          Emit(options.read, &summary.diagnostics, FromIngest(d));
          if (d.severity == ingest::Diagnostic::Severity::kError) ++summary.failed;
        });
    if (!rs.ok()) return rs;
    if (!doc) {
      if (summary.failed == 0) ++summary.failed;
      return summary;
    }
    std::lock_guard<std::mutex> lock(impl_->writer);
    if (Status s = impl_->EnsurePipeline(); !s.ok()) return s;
    if (Status s = impl_->pipeline->SyncActors(impl_->store.get()); !s.ok()) return s;
    ingest::IngestReport report;
    report.documents = 1;
    DocumentResult result;
    result.article_id = doc->article.id;
    result.title = doc->article.title;
    if (impl_->store->HasArticle(doc->article.id)) {
      report.skipped_duplicates = 1;
      result.skipped_duplicate = true;
    } else {
      ingest::Analysis a = impl_->pipeline->Analyse(std::move(*doc));
      for (const auto& d : a.diagnostics) Emit(options.read, &summary.diagnostics, FromIngest(d));
      if (Status s = impl_->pipeline->Commit(a, impl_->store.get(), &report); !s.ok()) return s;
      result.skipped_duplicate = report.skipped_duplicates > 0;
    }
    result.events_new = report.events_new;
    result.events_merged = report.events_merged;
    result.links = report.links;
    size_t failed = summary.failed;
    AddTotals(report, &summary);
    summary.failed += failed;
    summary.per_document.push_back(std::move(result));
    return summary;
  });
}

Result<AliasResult> KnowledgeBase::AddAlias(const std::string& actor, const std::string& name,
                                            const std::string& lang) {
  using R = Result<AliasResult>;
  return Guard<R>([&]() -> R {
    if (read_only_) return Status::NotSupported("AddAlias: " + path_ + " is open read-only");
    std::lock_guard<std::mutex> lock(impl_->writer);
    if (Status s = impl_->EnsurePipeline(); !s.ok()) return s;
    if (Status s = impl_->pipeline->SyncActors(impl_->store.get()); !s.ok()) return s;
    query::Engine engine(*impl_->store);
    auto resolved = engine.ResolveActor(actor);
    if (!resolved.ok()) return resolved.status();
    AliasResult out;
    out.actor_id = resolved->id;
    out.name = name;
    out.lang = lang.empty() ? query::LanguageOf(name) : lang;
    if (Status s = impl_->pipeline->AddAlias(impl_->store.get(), out.actor_id, name, out.lang);
        !s.ok()) {
      return s;
    }
    return out;
  });
}

Result<query::TimelineResult> KnowledgeBase::Timeline(const query::TimelineQuery& q) const {
  using R = Result<query::TimelineResult>;
  return Guard<R>([&]() -> R {
    if (!q.lang.empty() && q.lang != "en" && q.lang != "zh") {
      return Status::InvalidArgument("lang: '" + q.lang + "' is not en or zh");
    }
    return query::Engine(*impl_->store).Timeline(q);
  });
}

Result<ShowResult> KnowledgeBase::Show(const std::string& what) const {
  using R = Result<ShowResult>;
  return Guard<R>([&]() -> R {
    query::Engine engine(*impl_->store);
    ShowResult out;
    if (auto ev = engine.ShowEvent(what); ev.ok()) {
      out.event = std::move(ev.value());
      return out;
    }
    auto actor = engine.ResolveActor(what);
    if (!actor.ok()) {
      // An id that looks like an event's is reported as a missing event,
      // not as an unknown actor name.
      if (actor.status().IsNotFound() && what.rfind("ev-", 0) == 0) {
        return Status::NotFound("no event with id " + what);
      }
      return actor.status();
    }
    auto view = engine.ShowActor(actor->id);
    if (!view.ok()) return view.status();
    out.actor = std::move(view.value());
    return out;
  });
}

Result<std::vector<query::ActorView>> KnowledgeBase::Actors(const std::string& q) const {
  using R = Result<std::vector<query::ActorView>>;
  return Guard<R>([&]() -> R { return query::Engine(*impl_->store).Actors(q); });
}

Result<Actor> KnowledgeBase::ResolveActor(const std::string& name) const {
  using R = Result<Actor>;
  return Guard<R>([&]() -> R { return query::Engine(*impl_->store).ResolveActor(name); });
}

Result<query::ResolvedActor> KnowledgeBase::Resolve(const std::string& name, bool strict) const {
  using R = Result<query::ResolvedActor>;
  return Guard<R>([&]() -> R { return query::Engine(*impl_->store).Resolve(name, strict); });
}

Result<std::vector<query::ActorCandidate>> KnowledgeBase::Candidates(const std::string& name,
                                                                     bool strict) const {
  using R = Result<std::vector<query::ActorCandidate>>;
  return Guard<R>([&]() -> R { return query::Engine(*impl_->store).Candidates(name, strict); });
}

Result<std::vector<query::NeighbourView>> KnowledgeBase::Neighbors(
    const query::NeighborsQuery& q) const {
  using R = Result<std::vector<query::NeighbourView>>;
  return Guard<R>([&]() -> R {
    if (q.depth < 1) return Status::InvalidArgument("depth: must be at least 1");
    return query::Engine(*impl_->store).Neighbors(q);
  });
}

Result<std::vector<query::NeighbourView>> KnowledgeBase::Chain(const std::string& event_id,
                                                               bool forward) const {
  using R = Result<std::vector<query::NeighbourView>>;
  return Guard<R>([&]() -> R { return query::Engine(*impl_->store).Chain(event_id, forward); });
}

Result<query::PathView> KnowledgeBase::Path(const std::string& a, const std::string& b,
                                            int max_hops) const {
  using R = Result<query::PathView>;
  return Guard<R>([&]() -> R {
    if (max_hops < 1) return Status::InvalidArgument("max_hops: must be at least 1");
    return query::Engine(*impl_->store).Path(a, b, max_hops);
  });
}

Result<ExportResult> KnowledgeBase::Export(query::ExportFormat format,
                                           const query::TimelineQuery& q, bool every_event) const {
  using R = Result<ExportResult>;
  return Guard<R>([&]() -> R {
    query::TimelineQuery wide = q;
    wide.include_reported = true;
    if (format == query::ExportFormat::kTimelineJs && q.top == 0 && !every_event) {
      wide.top = kTimelineJsTop;
      wide.keep_weak = true;  // a cap on the file's size, not a ranked view
    }
    auto result = Timeline(wide);
    if (!result.ok()) return result.status();
    query::ExportOptions o;
    o.lang = result->lang;
    if (!result->subject.empty()) o.title = "Timeline: " + result->subject.front().Name(o.lang);
    ExportResult out;
    out.text = query::Export(result->rows, format, o);
    out.events = result->rows.size();
    return out;
  });
}

Result<CheckResult> KnowledgeBase::Check() const {
  using R = Result<CheckResult>;
  return Guard<R>([&]() -> R {
    auto report = impl_->store->Check();
    if (!report.ok()) return report.status();
    CheckResult out;
    out.stats = report->stats;
    out.index_entries = report->index_entries;
    out.problems = report->problems;
    auto graph = query::Engine(*impl_->store).GraphProblems();
    if (!graph.ok()) return graph.status();
    out.findings = std::move(graph.value());
    return out;
  });
}

Result<StoreStats> KnowledgeBase::Stats() const {
  using R = Result<StoreStats>;
  return Guard<R>([&]() -> R { return impl_->store->Stats(); });
}

Status KnowledgeBase::Refresh() {
  return Guard<Status>([&]() -> Status { return impl_->store->Refresh(); });
}

Status KnowledgeBase::ValidateReadSettings(const ReadSettings& read, bool for_ingest) {
  return Guard<Status>([&]() -> Status {
    std::optional<ingest::StreamFormat> stream;
    auto o = MakeReadOptions(read, for_ingest, &stream);
    return o.ok() ? Status::OK() : o.status();
  });
}

Result<TagResult> KnowledgeBase::Tag(const std::string& path, const ReadSettings& read) {
  using R = Result<TagResult>;
  return Guard<R>([&]() -> R {
    TagResult out;
    auto doc = ReadOne(path, read, &out.diagnostics);
    if (!doc.ok()) return doc.status();
    auto pipeline = ingest::Pipeline::Create(nullptr);
    if (!pipeline.ok()) return pipeline.status();
    ingest::Analysis a = (*pipeline)->Analyse(std::move(doc.value()));
    for (const auto& d : a.diagnostics) Emit(read, &out.diagnostics, FromIngest(d));
    for (const auto& t : a.times) {
      TimeTag tag;
      tag.begin = t.begin;
      tag.end = t.end;
      tag.input_begin = ingest::SourceOffset(a.document, t.begin);
      tag.input_end = ingest::SourceOffset(a.document, t.end);
      tag.text = t.text;
      tag.value = t.value;
      tag.is_duration = t.is_duration;
      tag.resolution = std::string(ingest::ResolutionName(t.resolution));
      out.times.push_back(std::move(tag));
    }
    for (const auto& m : a.actors) {
      const Actor* actor = (*pipeline)->gazetteer().Find(m.actor_id);
      for (const auto& p : a.provisional_actors) {
        if (actor == nullptr && p.id == m.actor_id) actor = &p;
      }
      ActorTag tag;
      tag.begin = m.begin;
      tag.end = m.end;
      tag.input_begin = ingest::SourceOffset(a.document, m.begin);
      tag.input_end = ingest::SourceOffset(a.document, m.end);
      tag.text = m.text;
      tag.actor_id = m.actor_id;
      tag.name_en = actor ? actor->Name("en") : m.text;
      tag.name_zh = actor ? actor->Name("zh") : m.text;
      tag.actor_kind = actor ? std::string(ActorKindName(actor->kind)) : "unknown";
      tag.metonym = m.metonym;
      tag.provisional = m.provisional;
      out.actors.push_back(std::move(tag));
    }
    return out;
  });
}

Result<ExtractResult> KnowledgeBase::Extract(const std::string& path, const ReadSettings& read) {
  using R = Result<ExtractResult>;
  return Guard<R>([&]() -> R {
    ExtractResult out;
    auto doc = ReadOne(path, read, &out.diagnostics);
    if (!doc.ok()) return doc.status();
    auto pipeline = ingest::Pipeline::Create(nullptr);
    if (!pipeline.ok()) return pipeline.status();
    ingest::Analysis a = (*pipeline)->Analyse(std::move(doc.value()));
    for (const auto& d : a.diagnostics) Emit(read, &out.diagnostics, FromIngest(d));
    const auto& gaz = (*pipeline)->gazetteer();
    for (const auto& e : a.events) {
      query::EventView v;
      v.event = e;
      for (const auto& id : e.ActorIds()) {
        if (const Actor* actor = gaz.Find(id)) v.actors.emplace(id, *actor);
      }
      for (const auto& id : {e.place_id, e.attribution.actor_id}) {
        if (const Actor* actor = gaz.Find(id)) v.actors.emplace(id, *actor);
      }
      for (const auto& p : a.provisional_actors) v.actors.emplace(p.id, p);
      std::vector<std::pair<uint64_t, uint64_t>> spans;
      for (const auto& m : e.mentions) {
        spans.emplace_back(ingest::SourceOffset(a.document, m.begin),
                           ingest::SourceOffset(a.document, m.end));
      }
      out.input_spans.push_back(std::move(spans));
      out.events.push_back(std::move(v));
    }
    out.links = a.links;
    return out;
  });
}

}  // namespace kbq
