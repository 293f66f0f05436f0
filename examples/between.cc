// Scenario 2: the events two actors take part in together within a period,
// each with the sentences it was read from.
// Usage: kbq_example_between FOLDER ACTOR_A ACTOR_B FROM TO
//   e.g. kbq_example_between examples/articles Russia Ukraine 2025-05 2025-05
#include <unistd.h>

#include <filesystem>
#include <iostream>
#include <string>

#include "kbq/knowledge_base.h"
#include "kbq/query/render.h"

int main(int argc, char** argv) {
  if (argc != 6) {
    std::cerr << "usage: " << argv[0] << " FOLDER ACTOR_A ACTOR_B FROM TO\n";
    return 2;
  }
  auto dir = std::filesystem::temp_directory_path() /
             ("kbq_example_between." + std::to_string(getpid()));
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

  kbq::query::TimelineQuery q;
  q.actor = argv[2];
  q.with = argv[3];
  q.from = kbq::TimeValue::Parse(argv[4]);
  q.to = kbq::TimeValue::Parse(argv[5]);
  if (!q.from.ok() || !q.to.ok()) {
    std::cerr << "FROM and TO must be dates (YYYY, YYYY-MM or YYYY-MM-DD)\n";
    return 2;
  }
  auto timeline = (*kb)->Timeline(q);
  if (!timeline.ok()) {
    std::cerr << timeline.status().ToString() << "\n";
    return 1;
  }
  for (const kbq::query::EventView& row : timeline->rows) {
    std::cout << row.event.date.ToString() << "  "
              << kbq::query::EventLabel(row, timeline->lang) << "  (" << row.event.id << ")\n";
    for (const kbq::Mention& m : row.event.mentions) std::cout << "    > " << m.text << "\n";
  }
  std::cout << timeline->rows.size() << " events\n";
  kb->reset();
  std::filesystem::remove_all(dir);
  return timeline->rows.empty() ? 1 : 0;
}
