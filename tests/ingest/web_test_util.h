// Helpers for the web reader tests: read a file or a string through the
// public reader API, convert fixtures to legacy encodings with ICU, and the
// events the pipeline extracts from a document (as comparable signatures).
#pragma once

#include <unicode/ucnv.h>

#include <catch2/catch.hpp>

#include <fstream>
#include <memory>
#include <set>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include "kbq/ingest/pipeline.h"
#include "kbq/ingest/reader.h"

namespace kbq::ingest::testing {

inline std::string WebData(const std::string& name) {
  return std::string(KBQ_SOURCE_DIR) + "/tests/ingest/data/web/" + name;
}

inline std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  REQUIRE(in);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

struct ReadOut {
  std::vector<Document> docs;
  std::vector<Diagnostic> diags;
  bool HasDiag(const std::string& needle) const {
    for (const auto& d : diags)
      if (d.ToString().find(needle) != std::string::npos) return true;
    return false;
  }
  size_t Errors() const {
    size_t n = 0;
    for (const auto& d : diags) n += d.severity == Diagnostic::Severity::kError;
    return n;
  }
  std::string AllDiags() const {
    std::string s;
    for (const auto& d : diags) s += d.ToString() + "\n";
    return s;
  }
};

inline ReadOut ReadStreamOf(std::istream& in, const std::string& name, ReadOptions o = {}) {
  ReadOut out;
  if (!o.ingested_utc) o.ingested_utc = 1747400000;
  Status s = ReadStream(
      in, name, o, [&](Document&& d) { out.docs.push_back(std::move(d)); },
      [&](const Diagnostic& d) { out.diags.push_back(d); });
  REQUIRE(s.ok());
  return out;
}

inline ReadOut ReadString(const std::string& bytes, const std::string& name, ReadOptions o = {}) {
  std::istringstream in(bytes);
  return ReadStreamOf(in, name, std::move(o));
}

inline ReadOut ReadPath(const std::string& path, ReadOptions o = {}) {
  return ReadString(Slurp(path), path, std::move(o));
}

// UTF-8 → `encoding` with ICU (fixtures are kept in UTF-8 and converted at
// run time, so that one reviewable file serves every encoding).
inline std::string Encode(const std::string& utf8, const char* encoding) {
  UErrorCode ec = U_ZERO_ERROR;
  std::string out(utf8.size() * 4 + 16, '\0');
  int32_t n = ucnv_convert(encoding, "UTF-8", out.data(), static_cast<int32_t>(out.size()),
                           utf8.data(), static_cast<int32_t>(utf8.size()), &ec);
  REQUIRE(U_SUCCESS(ec));
  out.resize(static_cast<size_t>(n));
  return out;
}

inline std::string Replace(std::string s, const std::string& from, const std::string& to) {
  size_t at = s.find(from);
  REQUIRE(at != std::string::npos);
  return s.replace(at, from.size(), to);
}

// type, date, actors, place of every event the pipeline extracts.
using EventSig = std::tuple<std::string, int64_t, int64_t, std::vector<std::string>, std::string>;

inline const Pipeline& SharedPipeline() {
  static std::unique_ptr<Pipeline> p = [] {
    auto r = Pipeline::Create(nullptr);
    REQUIRE(r.ok());
    return std::move(r.value());
  }();
  return *p;
}

inline std::multiset<EventSig> EventsOf(const Document& doc) {
  std::multiset<EventSig> out;
  Analysis a = SharedPipeline().Analyse(doc);
  for (const auto& e : a.events)
    out.insert({e.type, e.date.earliest, e.date.latest, e.ActorIds(), e.place_id});
  return out;
}

// The web version gives the article its plain-text version gives: title,
// time, text and the same events.
inline void RequireSameArticle(const Document& web, const Document& text, bool require_events) {
  CHECK(web.article.title == text.article.title);
  CHECK(web.article.published_utc == text.article.published_utc);
  CHECK(web.article.text == text.article.text);
  CHECK(web.article.language == text.article.language);
  auto a = EventsOf(web), b = EventsOf(text);
  if (require_events) CHECK(!b.empty());
  CHECK(a == b);
}

}  // namespace kbq::ingest::testing
