// Helpers shared by the store tests: temporary directories and small records.
#pragma once

#include <stdlib.h>

#include <filesystem>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include <memory>

#include "kbq/model.h"
#include "kbq/store.h"
#include "kbq/time_value.h"

namespace kbq::testing {

// A fresh directory under the system temp dir, removed with its contents.
class TempDir {
 public:
  TempDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "kbq-test-XXXXXX").string();
    if (mkdtemp(tmpl.data()) != nullptr) path_ = tmpl;
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }
  // A path inside the directory that does not exist yet.
  std::string Sub(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

// A new store at `path` (bulk_load mode when `bulk`), open for writing.
inline std::unique_ptr<Store> OpenNew(const std::string& path, bool bulk = false) {
  StoreOptions o;
  o.create_if_missing = true;
  o.bulk_load = bulk;
  auto r = Store::Open(path, o);
  INFO(r.status().ToString());
  REQUIRE(r.ok());
  return std::move(r).value();
}

inline Event MakeEvent(const std::string& id, const std::string& type, TimeValue date,
                       std::vector<std::string> actors) {
  Event e;
  e.id = id;
  e.type = type;
  e.cameo = "040";
  e.date = date;
  e.date_basis = "explicit";
  Role role = Role::kSource;
  for (auto& a : actors) {
    e.participants.push_back({a, role});
    role = Role::kTarget;
  }
  e.labels["en"] = type + " " + id;
  return e;
}

inline Actor MakeActor(const std::string& id, ActorKind kind, const std::string& en,
                       std::vector<std::string> part_of = {}) {
  Actor a;
  a.id = id;
  a.kind = kind;
  a.names["en"] = en;
  a.part_of = std::move(part_of);
  a.source = "test";
  return a;
}

inline Article MakeArticle(const std::string& id, const std::string& text) {
  Article a;
  a.id = id;
  a.source = "test";
  a.title = "title of " + id;
  a.language = "en";
  a.published_utc = 1747400000;
  a.text = text;
  return a;
}

}  // namespace kbq::testing
