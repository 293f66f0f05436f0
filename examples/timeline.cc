// Scenario 1: ingest a folder of articles into a fresh store and print the
// timeline of an actor. Usage: kbq_example_timeline FOLDER ACTOR
#include <cstdio>
#include <filesystem>
#include <iostream>

#include "kbq/ingest/pipeline.h"
#include "kbq/query/engine.h"
#include "kbq/query/render.h"
#include "kbq/store.h"

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: " << argv[0] << " FOLDER ACTOR\n";
    return 2;
  }
  auto dir = std::filesystem::temp_directory_path() / "kbq_example_timeline";
  std::filesystem::remove_all(dir);

  kbq::StoreOptions options;
  options.create_if_missing = true;
  auto store = kbq::Store::Open(dir.string(), options);
  if (!store.ok()) {
    std::cerr << store.status().ToString() << "\n";
    return 1;
  }
  auto pipeline = kbq::ingest::Pipeline::Create(store->get());
  if (!pipeline.ok()) {
    std::cerr << pipeline.status().ToString() << "\n";
    return 1;
  }
  kbq::ingest::IngestReport report;
  kbq::Status s = (*pipeline)->Ingest({argv[1]}, {}, store->get(), &report);
  if (!s.ok()) {
    std::cerr << s.ToString() << "\n";
    return 1;
  }
  for (const auto& d : report.diagnostics) std::cerr << d.ToString() << "\n";

  kbq::query::Engine engine(**store);
  kbq::query::TimelineQuery q;
  q.actor = argv[2];
  auto timeline = engine.Timeline(q);
  if (!timeline.ok()) {
    std::cerr << timeline.status().ToString() << "\n";
    return 1;
  }
  std::cout << kbq::query::RenderTimelineText(timeline.value(), {});
  return timeline->rows.empty() ? 1 : 0;
}
