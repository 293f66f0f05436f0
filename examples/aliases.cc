// Scenario 4: teach the store a new name for an actor and query by it at
// once, without re-ingesting anything.
// Usage: kbq_example_aliases FOLDER ACTOR NEW_NAME [LANG]
//   e.g. kbq_example_aliases examples/articles Ukraine Україна uk
#include <unistd.h>

#include <filesystem>
#include <iostream>
#include <string>

#include "kbq/knowledge_base.h"

int main(int argc, char** argv) {
  if (argc != 4 && argc != 5) {
    std::cerr << "usage: " << argv[0] << " FOLDER ACTOR NEW_NAME [LANG]\n";
    return 2;
  }
  const std::string actor = argv[2], name = argv[3], lang = argc == 5 ? argv[4] : "";
  auto dir = std::filesystem::temp_directory_path() /
             ("kbq_example_aliases." + std::to_string(getpid()));
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

  // Before: the new name is unknown.
  kbq::query::TimelineQuery q;
  q.actor = name;
  q.lang = "en";
  auto before = (*kb)->Timeline(q);
  std::cout << "before: " << (before.ok() ? "already known" : before.status().message())
            << "\n";

  auto added = (*kb)->AddAlias(actor, name, lang);
  if (!added.ok()) {
    std::cerr << added.status().ToString() << "\n";
    return 1;
  }
  std::cout << "added " << added->lang << " alias '" << added->name << "' to " << added->actor_id
            << "\n";

  // After: the new name finds the same events as the old one.
  auto after = (*kb)->Timeline(q);
  if (!after.ok()) {
    std::cerr << after.status().ToString() << "\n";
    return 1;
  }
  q.actor = actor;
  auto old_name = (*kb)->Timeline(q);
  if (!old_name.ok()) {
    std::cerr << old_name.status().ToString() << "\n";
    return 1;
  }
  std::cout << "after: " << after->rows.size() << " events for '" << name << "', "
            << old_name->rows.size() << " for '" << actor << "'\n";
  kb->reset();
  std::filesystem::remove_all(dir);
  return after->rows.size() == old_name->rows.size() && !after->rows.empty() ? 0 : 1;
}
