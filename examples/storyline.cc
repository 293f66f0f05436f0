// Scenario 3: the storyline of an event (its causal and storyline chain,
// back to its roots and forward to its consequences) as Cytoscape.js JSON.
// The event is given by id, or is the first event of an actor's timeline.
// Usage: kbq_example_storyline FOLDER EVENT_ID_OR_ACTOR > storyline.json
#include <unistd.h>

#include <filesystem>
#include <iostream>
#include <set>
#include <string>
#include <vector>

#include "kbq/knowledge_base.h"
#include "kbq/query/export.h"

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: " << argv[0] << " FOLDER EVENT_ID_OR_ACTOR\n";
    return 2;
  }
  auto dir = std::filesystem::temp_directory_path() /
             ("kbq_example_storyline." + std::to_string(getpid()));
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

  // An event id, or the first event of the actor's timeline.
  std::string event_id = argv[2];
  auto shown = (*kb)->Show(event_id);
  if (!shown.ok()) {
    std::cerr << shown.status().ToString() << "\n";
    return 1;
  }
  if (!shown->event) {
    kbq::query::TimelineQuery q;
    q.actor = event_id;
    auto timeline = (*kb)->Timeline(q);
    if (!timeline.ok()) {
      std::cerr << timeline.status().ToString() << "\n";
      return 1;
    }
    if (timeline->rows.empty()) {
      std::cerr << "no events for " << event_id << "\n";
      return 1;
    }
    event_id = timeline->rows.front().event.id;
  }

  // The chain back and forward; the start event is in both, once.
  std::vector<kbq::query::EventView> events;
  std::set<std::string> seen;
  for (bool forward : {false, true}) {
    auto chain = (*kb)->Chain(event_id, forward);
    if (!chain.ok()) {
      std::cerr << chain.status().ToString() << "\n";
      return 1;
    }
    for (const auto& step : chain.value()) {
      if (seen.insert(step.view.event.id).second) events.push_back(step.view);
    }
  }
  std::cerr << "storyline of " << event_id << ": " << events.size() << " events\n";
  std::cout << kbq::query::Export(events, kbq::query::ExportFormat::kCytoscape, {});
  kb->reset();
  std::filesystem::remove_all(dir);
  return events.empty() ? 1 : 0;
}
