// Scenario 1: ingest a folder of articles into a fresh store and print the
// timeline of an actor. Usage: kbq_example_timeline FOLDER ACTOR
#include <unistd.h>

#include <filesystem>
#include <iostream>
#include <string>

#include "kbq/knowledge_base.h"
#include "kbq/query/render.h"

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: " << argv[0] << " FOLDER ACTOR\n";
    return 2;
  }
  auto dir = std::filesystem::temp_directory_path() /
             ("kbq_example_timeline." + std::to_string(getpid()));
  std::filesystem::remove_all(dir);

  kbq::OpenOptions options;
  options.create_if_missing = true;
  auto kb = kbq::KnowledgeBase::Open(dir.string(), options);
  if (!kb.ok()) {
    std::cerr << kb.status().ToString() << "\n";
    return 1;
  }
  auto summary = (*kb)->Ingest({argv[1]});
  if (!summary.ok()) {
    std::cerr << summary.status().ToString() << "\n";
    return 1;
  }
  for (const auto& d : summary->diagnostics) std::cerr << d.ToString() << "\n";

  kbq::query::TimelineQuery q;
  q.actor = argv[2];
  auto timeline = (*kb)->Timeline(q);
  if (!timeline.ok()) {
    std::cerr << timeline.status().ToString() << "\n";
    return 1;
  }
  std::cout << kbq::query::RenderTimelineText(timeline.value(), {});
  kb->reset();
  std::filesystem::remove_all(dir);
  return timeline->rows.empty() ? 1 : 0;
}
