#include "kbq/ingest/pipeline.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <future>
#include <set>
#include <thread>
#include <unordered_map>

#include "kbq/ingest/event_extractor.h"
#include "kbq/ingest/event_merge.h"
#include "kbq/ingest/normalizer.h"
#include "streams/event_jsonl.h"
#include "kbq/graph.h"

namespace kbq::ingest {
namespace {

// Every actor an event names, with the ancestors the store's index rule
// follows (part_of, affiliations), so the batch is self-contained.
void CollectActorIds(const Event& e, std::set<std::string>* ids) {
  for (const auto& p : e.participants) ids->insert(p.actor_id);
  if (!e.place_id.empty()) ids->insert(e.place_id);
  if (!e.attribution.actor_id.empty()) ids->insert(e.attribution.actor_id);
}

// Across articles only well-dated happenings merge: a date of the event's
// own (not inherited, not the publication day) no coarser than a month, and
// a modality that is shown by default. Vaguer reports of "cooperation" or
// "talks" in different articles are different events until proven otherwise.
bool MergeableAcrossArticles(const Event& e) {
  return e.date.ok() && e.date.SpanDays() <= 31 && !HiddenByDefault(e.modality) &&
         (e.date_basis == "explicit" || e.date_basis == "sentence");
}

}  // namespace

Pipeline::~Pipeline() = default;

Result<std::unique_ptr<Pipeline>> Pipeline::Create(const Store* store) {
  std::unique_ptr<Pipeline> p(new Pipeline());
  auto gaz = Gazetteer::LoadBuiltin();
  if (!gaz.ok()) return gaz.status();
  p->gazetteer_ = std::move(gaz.value());
  p->tagger_ = std::make_unique<TemporalTagger>();
  auto ex = EventExtractor::LoadBuiltin();
  if (!ex.ok()) return ex.status();
  p->extractor_ = std::move(ex.value());
  if (store != nullptr) {
    // Aliases users added with `kbq alias add` live in the store's actor
    // records; fold the ones the built-in gazetteer lacks into the matcher.
    std::vector<std::tuple<std::string, std::string, std::string>> extra;
    Status s = store->ScanActors([&](const Actor& a) {
      if (a.provisional) return true;
      const Actor* known = p->gazetteer_->Find(a.id);
      // A user-made (or stream) actor first, so that its aliases find it.
      if (known == nullptr) extra.emplace_back(a.id, "", "");
      for (const auto& [lang, list] : a.aliases) {
        for (const auto& alias : list) {
          bool have = false;
          if (known != nullptr) {
            auto it = known->aliases.find(lang);
            have = it != known->aliases.end() &&
                   std::find(it->second.begin(), it->second.end(), alias) != it->second.end();
          }
          if (!have) extra.emplace_back(a.id, alias, lang);
        }
      }
      return true;
    });
    if (!s.ok()) return s;
    for (const auto& [id, alias, lang] : extra) {
      if (alias.empty()) {
        auto a = store->GetActor(id);
        if (a.ok()) (void)p->gazetteer_->AddActor(a.value());
      } else if (Status st = p->gazetteer_->AddAlias(id, alias, lang); !st.ok()) {
        return st;
      }
    }
  }
  return p;
}

namespace {

// After a Traditional Chinese article was analysed in its Simplified form
// (same byte offsets): the texts the analysis quotes are taken back from the
// original at the same offsets, and the document is the original again.
void RestoreOriginalText(Analysis* a, std::string original) {
  auto at = [&](uint32_t b, size_t len) { return b + len <= original.size() ? original.substr(b, len) : std::string(); };
  for (auto& t : a->times) t.text = at(t.begin, t.end - t.begin);
  for (auto& m : a->actors) m.text = at(m.begin, m.end - m.begin);
  for (auto& e : a->events) {
    for (auto& m : e.mentions) {
      for (std::string* quoted : {&m.trigger, &m.date_text}) {
        size_t pos = quoted->empty() ? std::string::npos : m.text.find(*quoted);
        if (pos != std::string::npos) *quoted = at(m.begin + uint32_t(pos), quoted->size());
      }
      m.text = at(m.begin, m.end - m.begin);
    }
  }
  a->document.article.text = std::move(original);
}

}  // namespace

Analysis Pipeline::Analyse(Document doc) const {
  Analysis a;
  // Traditional Chinese reads like Simplified: every stage sees the text with
  // Traditional characters replaced byte for byte (SimplifiedSameLength).
  std::string original;
  if (doc.article.language == "zh") {
    std::string simplified = SimplifiedSameLength(doc.article.text);
    if (simplified != doc.article.text) {
      original = std::move(doc.article.text);
      doc.article.text = std::move(simplified);
    }
  }
  a.document = std::move(doc);
  const Article& art = a.document.article;
  TagContext ctx;
  ctx.published_utc = art.published_utc;
  ctx.offset_minutes = art.published_offset_minutes.value_or(0);
  ctx.lang = art.language;
  ctx.path = art.path;
  a.times = tagger_->Tag(art.text, ctx, &a.diagnostics);
  // The publication's local day: an office named by its country is read as
  // its holder on that day ("the President of Azerbaijan").
  const int32_t local_day = LocalDay(art.published_utc, art.published_offset_minutes.value_or(0));
  a.actors = gazetteer_->Match(art.text, &a.provisional_actors, local_day, art.source);
  a.document.site_holder = gazetteer_->SiteHolder(art.source, local_day);
  std::unordered_map<std::string, const Actor*> provisional;
  for (const auto& actor : a.provisional_actors) provisional.emplace(actor.id, &actor);
  auto lookup = [&](const std::string& id) -> const Actor* {
    if (const Actor* known = gazetteer_->Find(id)) return known;
    auto it = provisional.find(id);
    return it == provisional.end() ? nullptr : it->second;
  };
  Extraction ex = extractor_->Extract(a.document, a.times, a.actors, lookup);
  a.events = std::move(ex.events);
  a.links = std::move(ex.links);
  // Temporal links from the normalised dates of the article's events (a
  // sparse chain: each event before the next that starts after it ends, and
  // overlaps with its neighbour), where no cue already links the pair.
  // A publication-day stand-in is not the event's date, so it orders nothing.
  std::set<std::pair<std::string, std::string>> linked;
  for (const auto& l : a.links) linked.insert(std::minmax(l.from, l.to));
  std::vector<Event> dated;
  for (const auto& e : a.events) {
    if (e.date_basis != "publication") dated.push_back(e);
  }
  for (auto& l : DeriveTemporalLinks(dated)) {
    if (linked.insert(std::minmax(l.from, l.to)).second) a.links.push_back(std::move(l));
  }
  if (!original.empty()) RestoreOriginalText(&a, std::move(original));
  return a;
}

Status Pipeline::Commit(const Analysis& a, Store* store, IngestReport* report) {
  CommitBatch batch;
  batch.article = a.document.article;
  if (store->HasArticle(a.document.article.id)) {
    ++report->skipped_duplicates;
    return Status::OK();
  }
  // Merge each event with a stored report of the same happening, if any.
  std::unordered_map<std::string, std::string> renamed;
  std::unordered_map<std::string, size_t> merged_at;  // stored id → its place in the batch
  for (const Event& e : a.events) {
    std::optional<Event> same;
    if (MergeableAcrossArticles(e)) {
      // People and bodies count as their country at the event's date.
      AncestorsFn ancestors = [&](const std::string& id) {
        return gazetteer_->Ancestors(id, e.date.earliest);
      };
      auto visit = [&](const Event& stored) {
        // A plan and its happening may be named by two words of one family
        // (谈判将于21日举行 / "held talks"): SameHappening decides.
        bool plan_pair = (stored.modality == Modality::kPlanned) != (e.modality == Modality::kPlanned);
        if ((stored.type == e.type || (plan_pair && TypesCompatible(stored.type, e.type))) &&
            MergeableAcrossArticles(stored) && SameHappening(stored, e, ancestors)) {
          same = stored;
          return false;
        }
        return true;
      };
      // Candidates share a participant's country, so the country's timeline
      // (which includes its people and bodies) over the event's dates holds
      // them all; only events without participants scan the whole range.
      std::vector<std::string> anchors = MergeAnchors(e);
      if (anchors.empty()) {
        if (Status s = store->ScanDateRange(e.date.earliest, e.date.latest, visit); !s.ok()) {
          return s;
        }
      }
      for (const auto& anchor : anchors) {
        if (same) break;
        Status s = store->ScanActorTimeline(anchor, e.date.earliest, e.date.latest,
                                            /*strict=*/false, visit);
        if (!s.ok()) return s;
      }
    }
    if (same) {
      // Two events of this article may join the same stored one: the second
      // merges into the first's result, not into the stored original. The
      // absorbed event is never stored; its same_as trail is dropped below.
      auto at = merged_at.find(same->id);
      MergeResult merged;
      if (at != merged_at.end()) {
        merged = MergeInto(batch.events[at->second], e);
        batch.events[at->second] = merged.event;
      } else {
        merged_at[same->id] = batch.events.size();
        merged = MergeInto(*same, e);
        batch.events.push_back(merged.event);
      }
      renamed[e.id] = same->id;
      batch.article->merges.push_back(
          {e.id, same->id, merged.same_as.evidence, /*across_articles=*/true});
      ++report->events_merged;
    } else {
      batch.events.push_back(e);
      ++report->events_new;
    }
  }
  std::set<std::string> batch_ids;
  for (const Event& e : batch.events) batch_ids.insert(e.id);
  for (Link l : a.links) {
    // A same_as trail (the extractor's merge log, or a merge above) names an
    // absorbed event that is never stored, so it is not written; each merged
    // mention keeps its own article, sentence and span, which is what
    // undoing a merge needs (docs/extraction.md).
    // It goes to the article's merge log instead.
    if (l.kind == LinkKind::kSameAs && !batch_ids.count(l.from) && !renamed.count(l.from)) {
      std::string kept = l.to;
      if (auto it = renamed.find(kept); it != renamed.end()) kept = it->second;
      batch.article->merges.push_back({l.from, kept, l.evidence, /*across_articles=*/false});
      continue;
    }
    if (auto it = renamed.find(l.from); it != renamed.end()) l.from = it->second;
    if (auto it = renamed.find(l.to); it != renamed.end()) l.to = it->second;
    if (l.from != l.to) batch.links.push_back(std::move(l));
  }
  report->links += batch.links.size();

  // The actors the events name, and their ancestors, go in the same batch.
  std::set<std::string> ids;
  for (const Event& e : batch.events) CollectActorIds(e, &ids);
  std::vector<std::string> queue(ids.begin(), ids.end());
  std::set<std::string> seen;
  while (!queue.empty()) {
    std::string id = queue.back();
    queue.pop_back();
    if (!seen.insert(id).second) continue;
    const Actor* actor = gazetteer_->Find(id);
    for (const auto& p : a.provisional_actors) {
      if (actor == nullptr && p.id == id) actor = &p;
    }
    if (actor == nullptr) continue;
    if (!store->GetActor(id).ok()) batch.actors.push_back(*actor);
    for (const auto& parent : actor->part_of) queue.push_back(parent);
    for (const auto& af : actor->affiliations) queue.push_back(af.actor_id);
  }

  CommitResult result;
  if (Status s = store->Commit(batch, &result); !s.ok()) return s;
  if (result.skipped_duplicate) {
    ++report->skipped_duplicates;
  } else {
    ++report->ingested;
  }
  return Status::OK();
}

std::vector<std::string> Pipeline::MergeAnchors(const Event& e) const {
  std::vector<std::string> anchors;
  for (const auto& p : e.participants) {
    std::string anchor = p.actor_id;
    const Actor* actor = gazetteer_->Find(p.actor_id);
    if (actor != nullptr && actor->kind != ActorKind::kCountry) {
      for (const auto& id : gazetteer_->Ancestors(p.actor_id, e.date.earliest)) {
        const Actor* up = gazetteer_->Find(id);
        if (up != nullptr && up->kind == ActorKind::kCountry) {
          anchor = id;
          break;
        }
      }
    }
    if (std::find(anchors.begin(), anchors.end(), anchor) == anchors.end()) {
      anchors.push_back(anchor);
    }
  }
  return anchors;
}

void Pipeline::LocateByName(Actor* a) const {
  if (!a->part_of.empty()) return;
  // ICEWS names a sector by its place: "Activist (Crimea)", "Police (Kharkiv)".
  const std::string name = a->Name("en");
  size_t open = name.rfind(" (");
  if (open == std::string::npos || name.back() != ')') return;
  std::string where = name.substr(open + 2, name.size() - open - 3);
  for (const Actor* candidate : gazetteer_->Resolve(where)) {
    if (candidate->kind == ActorKind::kPlace || candidate->kind == ActorKind::kCountry) {
      a->part_of.push_back(candidate->id);
      return;
    }
  }
}

std::string Pipeline::TypeForCameo(const std::string& cameo) const {
  std::string best;
  size_t best_len = 0;
  for (const auto& t : extractor_->types()) {
    if (t.cameo.empty() || t.cameo == "-" || t.cameo.size() <= best_len) continue;
    if (cameo.compare(0, t.cameo.size(), t.cameo) == 0) {
      best = t.type;
      best_len = t.cameo.size();
    }
  }
  return best;
}

Status Pipeline::IngestStream(const std::string& path, StreamFormat format,
                              const IngestOptions& options, Store* store, IngestReport* report,
                              BulkLoad* bulk) {
  StreamStats stats;
  Status failure;
  Status read = ReadEventStream(
      path, format, options.stream_options,
      [&](StreamBatch&& batch) -> Status {
        CommitBatch commit;
        std::unordered_map<std::string, const Actor*> row_actors;
        for (const Actor& a : batch.actors) row_actors.emplace(a.id, &a);
        auto lookup = [&](const std::string& id) -> const Actor* {
          if (const Actor* known = gazetteer_->Find(id)) return known;
          auto it = row_actors.find(id);
          return it == row_actors.end() ? nullptr : it->second;
        };
        for (Event& e : batch.events) {
          // Our type and a label built like an extracted event's, so rows and
          // articles read alike in one timeline (pre-extracted events have both).
          if (std::string type = TypeForCameo(e.cameo); !type.empty() && format != StreamFormat::kEvents) {
            e.type = type;
            LabelEvent(extractor_->FindType(type), lookup, &e);
          }
          if (bulk != nullptr) {
            commit.events.push_back(std::move(e));  // BulkImport merges ids (MergeStreamEvent)
          } else if (auto stored = store->GetEvent(e.id); stored.ok()) {
            if (!MergeStreamEvent(&stored.value(), e)) continue;  // nothing new
            commit.events.push_back(std::move(stored.value()));
            ++report->events_merged;
          } else {
            commit.events.push_back(std::move(e));
            ++report->events_new;
          }
        }
        for (Link& l : batch.links) {
          // kbq extract also prints the same_as links of events it merged
          // away: a link whose end is no event is skipped, as BulkImport does.
          std::string missing;
          for (const std::string* end : {&l.from, &l.to}) {
            bool known = bulk != nullptr || store->GetEvent(*end).ok() ||
                         std::any_of(commit.events.begin(), commit.events.end(),
                                     [&](const Event& e) { return e.id == *end; });
            if (!known && missing.empty()) missing = *end;
          }
          if (!missing.empty()) {
            Diagnostic d;
            d.severity = Diagnostic::Severity::kWarning;
            d.path = path;
            d.message = "link " + l.from + " -> " + l.to + " refers to unknown event " + missing + "; skipped";
            report->diagnostics.push_back(std::move(d));
            continue;
          }
          commit.links.push_back(std::move(l));
        }
        // The gazetteer's records are fuller than a stream's; keep them.
        for (Actor& a : batch.actors) {
          if (bulk != nullptr && !bulk->actors.insert(a.id).second) continue;
          if (store->GetActor(a.id).ok()) continue;
          if (const Actor* known = gazetteer_->Find(a.id)) {
            commit.actors.push_back(*known);
          } else {
            LocateByName(&a);
            commit.actors.push_back(std::move(a));
          }
        }
        if (bulk != nullptr) {
          Status s = bulk->importer->Add(std::move(commit));
          if (!s.ok()) failure = s;
          return s;
        }
        if (commit.events.empty() && commit.actors.empty() && commit.links.empty()) return Status::OK();
        CommitResult result;
        Status s = store->Commit(commit, &result);
        if (!s.ok()) failure = s;
        return s;
      },
      [&](const Diagnostic& d) {
        if (d.severity == Diagnostic::Severity::kError) ++report->failed;
        report->diagnostics.push_back(d);
      },
      &stats);
  report->documents += stats.rows;
  if (!failure.ok()) return failure;
  if (!read.ok()) {
    Diagnostic d;
    d.path = path;
    d.message = read.message();
    report->diagnostics.push_back(d);
    ++report->failed;
  } else {
    report->ingested += stats.rows - stats.rows_rejected;
  }
  return Status::OK();
}

namespace {

// The first line of a plain file, for format sniffing; empty for
// compressed files (DetectStreamFormat then goes by the name).
std::string FirstLine(const std::string& path) {
  if (path == "-") return {};
  std::ifstream in(path, std::ios::binary);
  std::string line(4096, '\0');
  in.read(line.data(), static_cast<std::streamsize>(line.size()));
  line.resize(static_cast<size_t>(in.gcount()));
  if (auto nl = line.find('\n'); nl != std::string::npos) line.resize(nl);
  return line;
}

}  // namespace

Status Pipeline::SyncActors(Store* store) const {
  CommitBatch batch;
  for (const Actor& a : gazetteer_->actors()) {
    // Generated places (~28k) reach the store with the first event that names them.
    if (gazetteer_->Generated(a.id)) continue;
    auto stored = store->GetActor(a.id);
    if (!stored.ok()) {
      batch.actors.push_back(a);
    } else if (stored->forms != a.forms) {
      // A store written before these name forms were known (or by an older
      // gazetteer): the forms are the gazetteer's, the rest (aliases a user
      // added) stays as stored.
      Actor updated = std::move(stored.value());
      updated.forms = a.forms;
      batch.actors.push_back(std::move(updated));
    }
  }
  if (batch.actors.empty()) return Status::OK();
  CommitResult result;
  return store->Commit(batch, &result);
}

Status Pipeline::AddAlias(Store* store, const std::string& actor_id, const std::string& name,
                          const std::string& lang) {
  Actor actor;
  if (auto stored = store->GetActor(actor_id); stored.ok()) {
    actor = std::move(stored.value());
  } else if (const Actor* known = gazetteer_->Find(actor_id)) {
    actor = *known;
  } else {
    return Status::NotFound("no actor with id " + actor_id);
  }
  auto& list = actor.aliases[lang];
  if (std::find(list.begin(), list.end(), name) == list.end()) list.push_back(name);
  if (Status s = gazetteer_->AddAlias(actor_id, name, lang); !s.ok()) return s;
  CommitBatch batch;
  batch.actors.push_back(std::move(actor));
  CommitResult result;
  return store->Commit(batch, &result);
}

std::vector<Analysis> Pipeline::AnalyseChunk(std::vector<Document> docs, size_t threads) const {
  threads = std::max<size_t>(1, std::min(threads, docs.size()));
  std::vector<Analysis> analyses(docs.size());
  auto work = [&](size_t first) {
    for (size_t i = first; i < docs.size(); i += threads) analyses[i] = Analyse(std::move(docs[i]));
  };
  std::vector<std::thread> pool;
  for (size_t t = 1; t < threads; ++t) pool.emplace_back(work, t);
  work(0);
  for (auto& th : pool) th.join();
  return analyses;
}

Status Pipeline::CommitChunk(std::vector<Analysis>* analyses, Store* store, IngestReport* report) {
  for (auto& a : *analyses) {
    for (auto& d : a.diagnostics) report->diagnostics.push_back(std::move(d));
    if (Status s = Commit(a, store, report); !s.ok()) return s;
  }
  return Status::OK();
}

Status Pipeline::Ingest(const std::vector<std::string>& inputs, const IngestOptions& options,
                        Store* store, IngestReport* report) {
  if (Status s = SyncActors(store); !s.ok()) return s;
  Status failure;
  uint64_t bytes_done = 0;
  // Documents wait here until a chunk is worth spreading over the cores;
  // the bound keeps memory flat whatever the number of files.
  constexpr size_t kChunkDocuments = 64;
  constexpr size_t kChunkBytes = size_t{32} << 20;
  std::vector<Document> pending;
  size_t pending_bytes = 0;
  // Two stages: while the single writer commits one chunk (each article one
  // atomic batch, in input order), the next chunk is already being
  // extracted on every core.
  size_t threads = options.threads != 0 ? options.threads
                                        : std::max(1u, std::thread::hardware_concurrency());
  std::future<std::vector<Analysis>> inflight;
  auto drain = [&]() -> Status {
    if (!inflight.valid()) return Status::OK();
    std::vector<Analysis> analyses = inflight.get();
    return CommitChunk(&analyses, store, report);
  };
  auto flush = [&]() -> Status {
    pending_bytes = 0;
    if (pending.empty()) return Status::OK();
    std::vector<Document> chunk = std::move(pending);
    pending.clear();
    auto next = std::async(std::launch::async, [this, threads, chunk = std::move(chunk)]() mutable {
      return AnalyseChunk(std::move(chunk), threads);
    });
    Status s = drain();
    inflight = std::move(next);
    return s;
  };
  // --bulk: every stream file goes into one import, finished at the end.
  std::unique_ptr<BulkImporter> bulk;
  BulkLoad load;
  if (options.bulk) {
    BulkImportOptions bo;
    if (options.bulk_memory != 0) bo.memory_budget = options.bulk_memory;
    bo.merge_event = [](Event* kept, const Event& incoming) { return MergeStreamEvent(kept, incoming); };
    auto started = store->BulkImport(bo);
    if (!started.ok()) return started.status();
    bulk = std::move(started).value();
    load.importer = bulk.get();
  }
  for (const auto& input : inputs) {
    std::vector<std::string> files =
        input == "-" ? std::vector<std::string>{"-"} : ListInputFiles(input);
    if (files.empty()) {
      Diagnostic d;
      d.path = input;
      d.message = std::filesystem::exists(input) ? "no article files found"
                                                 : "no such file or directory";
      report->diagnostics.push_back(d);
      ++report->failed;
      continue;
    }
    for (const auto& file : files) {
      ++report->files;
      std::optional<StreamFormat> stream = options.stream;
      if (!stream && options.read.format == Format::kAuto) {
        std::string first = FirstLine(file);
        stream = DetectStreamFormat(file, first);
        if (!stream && bulk && LooksLikeEventJsonLine(first)) stream = StreamFormat::kEvents;
      }
      if (!stream && bulk) {
        Diagnostic d;
        d.path = file;
        d.message = "--bulk reads event streams (gdelt, icews) and JSON Lines of events "
                    "(kbq extract); ingest articles without --bulk";
        report->diagnostics.push_back(d);
        ++report->failed;
        continue;
      }
      if (stream) {
        // Articles read before the stream are committed before its rows.
        if (Status s = flush(); !s.ok()) return s;
        if (Status s = drain(); !s.ok()) return s;
        if (Status s = IngestStream(file, *stream, options, store, report, bulk ? &load : nullptr); !s.ok()) return s;
        std::error_code ec;
        if (file != "-") bytes_done += std::filesystem::file_size(file, ec);
        if (options.progress) options.progress(*report, bytes_done);
        continue;
      }
      // A long file (a web archive) reports its progress while it is read.
      ReadOptions read_options = options.read;
      if (options.reading) {
        read_options.progress = [&, done = bytes_done](uint64_t bytes) {
          options.reading(*report, done + bytes);
        };
      }
      Status read = ReadFile(
          file, read_options,
          [&](Document&& doc) {
            if (!failure.ok()) return;
            ++report->documents;
            if (store->HasArticle(doc.article.id)) {
              ++report->skipped_duplicates;
              return;
            }
            pending_bytes += doc.article.text.size();
            pending.push_back(std::move(doc));
            if (pending.size() >= kChunkDocuments || pending_bytes >= kChunkBytes) failure = flush();
          },
          [&](const Diagnostic& d) {
            if (d.severity == Diagnostic::Severity::kError) ++report->failed;
            report->diagnostics.push_back(d);
          });
      if (!read.ok()) {
        Diagnostic d;
        d.path = file;
        d.message = read.message();
        report->diagnostics.push_back(d);
        ++report->failed;
      }
      if (!failure.ok()) return failure;
      std::error_code ec;
      if (file != "-") bytes_done += std::filesystem::file_size(file, ec);
      if (options.progress) options.progress(*report, bytes_done);
    }
  }
  if (Status s = flush(); !s.ok()) return s;
  if (Status s = drain(); !s.ok()) return s;
  return bulk ? FinishBulk(bulk.get(), report) : Status::OK();
}

Status Pipeline::FinishBulk(BulkImporter* bulk, IngestReport* report) {
  BulkImportResult r;
  if (Status s = bulk->Finish(&r); !s.ok()) return s;
  report->events_new += r.events_new;
  report->events_merged += r.events_updated + r.events_unchanged + r.duplicates;
  report->links += r.links_new;
  for (const auto& p : r.problems) {
    Diagnostic d;
    d.severity = Diagnostic::Severity::kWarning;
    d.path = "(bulk import)";
    d.message = p;
    report->diagnostics.push_back(d);
  }
  return Status::OK();
}

}  // namespace kbq::ingest
