// The kbq::api facade: a round trip on examples/articles, readers beside a
// writer, errors as Status, bad input as diagnostics, never an exception.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <thread>
#include <vector>

#include "kbq/knowledge_base.h"
#include "query_test_util.h"

namespace {

using kbq::KnowledgeBase;
using kbq::query_test::TempDir;

const std::string kArticles = std::string(KBQ_SOURCE_DIR) + "/examples/articles";

std::unique_ptr<KnowledgeBase> OpenNew(const std::string& path) {
  kbq::OpenOptions o;
  o.create_if_missing = true;
  auto kb = KnowledgeBase::Open(path, o);
  REQUIRE(kb.ok());
  return std::move(kb.value());
}

std::unique_ptr<KnowledgeBase> OpenReader(const std::string& path) {
  kbq::OpenOptions o;
  o.read_only = true;
  auto kb = KnowledgeBase::Open(path, o);
  REQUIRE(kb.ok());
  return std::move(kb.value());
}

void WriteFile(const std::string& path, const std::string& content) {
  std::ofstream out(path, std::ios::binary);
  out << content;
}

}  // namespace

TEST_CASE("KnowledgeBase: open, ingest, timeline, show, export and check round trip",
          "[api]") {
  std::string db = TempDir() + "/kb";
  auto kb = OpenNew(db);

  auto summary = kb->Ingest({kArticles});
  REQUIRE(summary.ok());
  CHECK(summary->files == 1);
  CHECK(summary->ingested == 1);
  CHECK(summary->failed == 0);
  CHECK(summary->events_new > 0);
  REQUIRE(summary->per_file.size() == 1);
  CHECK(summary->per_file[0].documents == 1);
  CHECK(summary->per_file[0].path.find("000_3ae8ec1ab298bbdb.txt") != std::string::npos);
  auto summary_json = nlohmann::json::parse(summary->ToJson());
  CHECK(summary_json["ingested"] == 1);

  kbq::query::TimelineQuery q;
  q.actor = "Ukraine";
  auto timeline = kb->Timeline(q);
  REQUIRE(timeline.ok());
  REQUIRE_FALSE(timeline->rows.empty());
  CHECK(timeline->subject.front().id == "UKR");
  auto timeline_json = nlohmann::json::parse(kbq::ToJson(timeline.value()));
  CHECK(timeline_json.size() == timeline->rows.size());

  const std::string id = timeline->rows.front().event.id;
  auto event = kb->Show(id);
  REQUIRE(event.ok());
  REQUIRE(event->event.has_value());
  CHECK(event->event->event.id == id);
  CHECK(nlohmann::json::parse(event->ToJson())["id"] == id);
  auto actor = kb->Show("乌克兰");
  REQUIRE(actor.ok());
  REQUIRE(actor->actor.has_value());
  CHECK(actor->actor->actor.id == "UKR");

  auto exported = kb->Export(kbq::query::ExportFormat::kCytoscape, q);
  REQUIRE(exported.ok());
  CHECK(exported->events == timeline->rows.size());
  auto cy = nlohmann::json::parse(exported->text);
  CHECK(cy.dump().find(id) != std::string::npos);

  auto check = kb->Check();
  REQUIRE(check.ok());
  CHECK(check->ok());
  CHECK(check->stats.articles == 1);
  CHECK(nlohmann::json::parse(check->ToJson())["ok"] == true);
  auto stats = kb->Stats();
  REQUIRE(stats.ok());
  CHECK(stats->events == check->stats.events);

  // A second ingest of the same folder stores nothing new.
  auto again = kb->Ingest({kArticles});
  REQUIRE(again.ok());
  CHECK(again->ingested == 0);
  CHECK(again->skipped_duplicates == 1);
  CHECK(again->per_file.at(0).skipped_duplicates == 1);
}

TEST_CASE("KnowledgeBase: opening a missing store without create is NotFound and creates "
          "nothing", "[api][errors]") {
  std::string db = TempDir() + "/absent";
  for (bool read_only : {false, true}) {
    kbq::OpenOptions o;
    o.read_only = read_only;
    auto kb = KnowledgeBase::Open(db, o);
    REQUIRE_FALSE(kb.ok());
    CHECK(kb.status().IsNotFound());
  }
  CHECK_FALSE(std::filesystem::exists(db));
}

TEST_CASE("KnowledgeBase: many readers query while the writer is open, a second writer is Busy",
          "[api][threads]") {
  std::string db = TempDir() + "/kb";
  auto writer = OpenNew(db);
  REQUIRE(writer->Ingest({kArticles}).ok());

  kbq::OpenOptions again;
  auto second = KnowledgeBase::Open(db, again);
  REQUIRE_FALSE(second.ok());
  CHECK(second.status().IsBusy());

  auto reader = OpenReader(db);
  CHECK(reader->read_only());
  kbq::query::TimelineQuery q;
  q.actor = "Ukraine";
  auto expected = writer->Timeline(q);
  REQUIRE(expected.ok());
  const size_t rows = expected->rows.size();
  REQUIRE(rows > 0);

  // Four threads on one reader, two on the writer, all at once.
  std::vector<size_t> seen(6, 0);
  std::vector<std::thread> threads;
  for (size_t t = 0; t < seen.size(); ++t) {
    KnowledgeBase* kb = t < 4 ? reader.get() : writer.get();
    threads.emplace_back([kb, q, t, &seen] {
      for (int i = 0; i < 5; ++i) {
        auto r = kb->Timeline(q);
        if (r.ok()) seen[t] = r->rows.size();
      }
    });
  }
  for (auto& th : threads) th.join();
  for (size_t n : seen) CHECK(n == rows);

  // A reader is read-only: writes are refused, not attempted.
  auto refused = reader->Ingest({kArticles});
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.status().code() == kbq::Status::Code::kNotSupported);

  // The reader sees the writer's new alias after Refresh().
  REQUIRE_FALSE(reader->ResolveActor("Ukrainia").ok());
  auto alias = writer->AddAlias("Ukraine", "Ukrainia", "en");
  REQUIRE(alias.ok());
  CHECK(alias->actor_id == "UKR");
  REQUIRE(reader->Refresh().ok());
  auto resolved = reader->ResolveActor("Ukrainia");
  REQUIRE(resolved.ok());
  CHECK(resolved->id == "UKR");
}

TEST_CASE("KnowledgeBase: a malformed JSON line and a binary file come back as diagnostics, "
          "the good article is ingested", "[api][errors]") {
  std::string dir = TempDir();
  std::string inputs = dir + "/in";
  std::filesystem::create_directories(inputs);
  // One good article (our own words), one cut-off JSON line.
  WriteFile(inputs + "/a.jsonl",
            "{\"title\": \"Ministers meet in Berlin\", \"published\": \"2024-03-04\", \"text\": "
            "\"The foreign ministers of France and Germany met in Berlin on 3 March 2024 to talk "
            "about aid to Ukraine.\"}\n"
            "{\"title\": \"Broken\", \"published\": \"2024-03-05\", \"text\": \"The line ends\n");
  WriteFile(inputs + "/b.txt", std::string("binary\0\0\0data", 14));
  auto kb = OpenNew(dir + "/kb");
  kbq::Result<kbq::IngestSummary> summary = kbq::Status::OK();
  std::vector<std::string> streamed;
  kbq::IngestOptions o;
  o.read.on_diagnostic = [&](const kbq::Diagnostic& d) { streamed.push_back(d.ToString()); };
  REQUIRE_NOTHROW(summary = kb->Ingest({inputs}, o));
  REQUIRE(summary.ok());
  CHECK(summary->ingested == 1);
  CHECK(summary->failed >= 2);
  CHECK_FALSE(summary->ok());
  REQUIRE(summary->diagnostics.size() >= 2);
  CHECK(streamed.size() == summary->diagnostics.size());
  bool json_reported = false, binary_reported = false;
  for (const auto& d : summary->diagnostics) {
    if (d.path.find("a.jsonl") != std::string::npos && d.error) json_reported = true;
    if (d.path.find("b.txt") != std::string::npos && d.error) binary_reported = true;
  }
  CHECK(json_reported);
  CHECK(binary_reported);
  REQUIRE(summary->per_file.size() == 2);
  CHECK(summary->per_file[0].documents == 1);
  CHECK(summary->per_file[0].failed >= 1);

  // A missing input is a diagnostic too.
  auto missing = kb->Ingest({dir + "/nothing-here"});
  REQUIRE(missing.ok());
  CHECK(missing->failed == 1);
  CHECK(missing->diagnostics.size() == 1);
}

TEST_CASE("KnowledgeBase: one article value is ingested once, with its own result", "[api]") {
  auto kb = OpenNew(TempDir() + "/kb");
  kbq::ArticleInput a;
  a.title = "Talks in Geneva";
  a.published = "2024-06-10T09:00:00Z";
  a.text = "Diplomats from the United States and China held talks in Geneva on 9 June 2024 about "
           "trade rules.";
  auto first = kb->IngestArticle(a);
  REQUIRE(first.ok());
  REQUIRE(first->per_document.size() == 1);
  CHECK(first->per_document[0].article_id.rfind("art-", 0) == 0);
  CHECK_FALSE(first->per_document[0].skipped_duplicate);
  CHECK(first->ingested == 1);
  auto second = kb->IngestArticle(a);
  REQUIRE(second.ok());
  CHECK(second->per_document.at(0).skipped_duplicate);
  CHECK(second->per_document[0].article_id == first->per_document[0].article_id);
  CHECK(second->ingested == 0);

  // No publication time: reported, nothing stored, no throw.
  kbq::ArticleInput undated = a;
  undated.published.clear();
  undated.text = "Another sentence with no date about talks.";
  auto r = kb->IngestArticle(undated);
  REQUIRE(r.ok());
  CHECK(r->failed == 1);
  CHECK(r->per_document.empty());
  CHECK_FALSE(r->diagnostics.empty());
}

TEST_CASE("KnowledgeBase: bad options are InvalidArgument naming the field", "[api][errors]") {
  kbq::ReadSettings r;
  r.format = "pdf";
  kbq::Status s = KnowledgeBase::ValidateReadSettings(r, true);
  CHECK(s.IsInvalidArgument());
  CHECK(s.message().rfind("format: unknown format 'pdf'", 0) == 0);
  r.format = "gdelt";
  CHECK(KnowledgeBase::ValidateReadSettings(r, true).ok());
  CHECK_FALSE(KnowledgeBase::ValidateReadSettings(r, false).ok());
  r.format = "auto";
  r.published = "yesterday-ish";
  CHECK(KnowledgeBase::ValidateReadSettings(r, false).message() ==
        "published: 'yesterday-ish' is not a time");

  auto kb = OpenNew(TempDir() + "/kb");
  kbq::query::NeighborsQuery nq;
  nq.start = "Ukraine";
  nq.depth = 0;
  CHECK(kb->Neighbors(nq).status().IsInvalidArgument());
  CHECK(kb->Path("a", "b", 0).status().IsInvalidArgument());
  kbq::query::TimelineQuery tq;
  tq.lang = "fr";
  CHECK(kb->Timeline(tq).status().IsInvalidArgument());
  CHECK(kb->Show("ev-0000000000000000").status().message() ==
        "no event with id ev-0000000000000000");
}

TEST_CASE("KnowledgeBase: Tag and Extract read one document and store nothing", "[api]") {
  const std::string file = kArticles + "/000_3ae8ec1ab298bbdb.txt";
  auto tags = KnowledgeBase::Tag(file);
  REQUIRE(tags.ok());
  CHECK_FALSE(tags->times.empty());
  CHECK_FALSE(tags->actors.empty());
  bool ukraine = false;
  for (const auto& a : tags->actors) ukraine = ukraine || a.actor_id == "UKR";
  CHECK(ukraine);
  std::string lines = tags->ToJsonLines();
  size_t n = 0;
  for (size_t p = 0; (p = lines.find('\n', p)) != std::string::npos; ++p) ++n;
  CHECK(n == tags->times.size() + tags->actors.size());

  auto events = KnowledgeBase::Extract(file);
  REQUIRE(events.ok());
  CHECK_FALSE(events->events.empty());
  CHECK(nlohmann::json::parse(events->ToJsonLines().substr(0, events->ToJsonLines().find('\n')))
            .contains("id"));

  auto missing = KnowledgeBase::Tag(TempDir() + "/no-such.txt");
  REQUIRE_FALSE(missing.ok());
  std::string empty = TempDir() + "/empty.txt";
  WriteFile(empty, "");
  kbq::Result<kbq::ExtractResult> none = kbq::Status::OK();
  REQUIRE_NOTHROW(none = KnowledgeBase::Extract(empty));
  REQUIRE_FALSE(none.ok());
  CHECK(none.status().IsNotFound());
}

TEST_CASE("docs/api.md quotes: every code excerpt is still in the example it names",
          "[api][docs]") {
  std::ifstream in(std::string(KBQ_SOURCE_DIR) + "/docs/api.md");
  REQUIRE(in.good());
  std::string line, quoted_from, block;
  bool in_block = false;
  size_t checked = 0;
  const std::string marker = "<!-- quoted from ";
  while (std::getline(in, line)) {
    if (line.rfind(marker, 0) == 0) {
      quoted_from = line.substr(marker.size(), line.find(';') - marker.size());
    } else if (!quoted_from.empty() && !in_block && line.rfind("```cpp", 0) == 0) {
      in_block = true;
      block.clear();
    } else if (in_block && line == "```") {
      std::ifstream src(std::string(KBQ_SOURCE_DIR) + "/" + quoted_from);
      REQUIRE(src.good());
      std::string text((std::istreambuf_iterator<char>(src)), std::istreambuf_iterator<char>());
      INFO("excerpt from " << quoted_from << ":\n" << block);
      CHECK(text.find(block) != std::string::npos);
      ++checked;
      in_block = false;
      quoted_from.clear();
    } else if (in_block) {
      block += line + "\n";
    }
  }
  CHECK(checked == 4);
}

TEST_CASE("KnowledgeBase::Evaluate: unknown measure is InvalidArgument, missing corpora are "
          "errors in the report", "[api][eval]") {
  CHECK(KnowledgeBase::Evaluate("nonsense", TempDir()).status().IsInvalidArgument());
  auto empty = KnowledgeBase::Evaluate("timex", TempDir());
  REQUIRE(empty.ok());
  CHECK_FALSE(empty->ok());
  CHECK(empty->errors.size() == 3);  // Duckling en, zh, MEANTIME
  CHECK(nlohmann::json::parse(empty->json)["eval"] == "timex");

  if (!std::filesystem::is_directory(std::string(KBQ_SHARED_DATA) + "/duckling-time")) {
    WARN("shared data not found at " KBQ_SHARED_DATA "; skipping the measured part");
    return;
  }
  auto timex = KnowledgeBase::Evaluate("timex", KBQ_SHARED_DATA);
  REQUIRE(timex.ok());
  CHECK(timex->ok());
  REQUIRE(timex->sections.size() == 2);
  CHECK(timex->sections[0].table.size() == 3);  // header, duckling-en, duckling-zh
  auto j = nlohmann::json::parse(timex->json);
  CHECK(j["duckling-zh"]["total"].get<int>() > 0);
}
