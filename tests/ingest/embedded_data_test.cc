// kbq_embed_files (cmake/KbqEmbed.cmake): the library holds each data file's
// exact bytes, found by base name, in the order CMake lists them.
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>
#include <string>

#include "embedded/event_data.h"
#include "embedded/gazetteer_data.h"
#include "embedded/reader_data.h"
#include "embedded/stream_data.h"
#include "embedded/time_lexicon_data.h"

namespace {

std::string ReadSource(const std::string& relative) {
  std::ifstream in(std::string(KBQ_SOURCE_DIR) + "/" + relative, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

TEST_CASE("Embedded data: each table holds its source files byte for byte", "[ingest][embed]") {
  auto [name, path, bytes] = GENERATE(
      std::make_tuple("triggers.tsv", "ingest/data/events/triggers.tsv", kbq::ingest::EventData("triggers.tsv")),
      std::make_tuple("tolls.tsv", "ingest/data/events/tolls.tsv", kbq::ingest::EventData("tolls.tsv")),
      std::make_tuple("people.tsv", "ingest/data/actors/people.tsv", kbq::ingest::GazetteerData("people.tsv")),
      std::make_tuple("boilerplate_markers.tsv", "ingest/data/boilerplate_markers.tsv",
                      kbq::ingest::ReaderData("boilerplate_markers.tsv")),
      std::make_tuple("fips_iso3.tsv", "ingest/data/cameo/fips_iso3.tsv", kbq::ingest::StreamData("fips_iso3.tsv")),
      std::make_tuple("time_holidays.tsv", "ingest/data/time_holidays.tsv",
                      kbq::ingest::TimeLexiconData("time_holidays.tsv")));
  INFO(name);
  std::string source = ReadSource(path);
  REQUIRE(!source.empty());
  CHECK(bytes == source);
  CHECK(bytes.data()[bytes.size()] == '\0');  // usable where a C string is wanted
}

TEST_CASE("Embedded data: an unknown name is empty, and the list keeps the CMake order", "[ingest][embed]") {
  CHECK(kbq::ingest::EventData("no_such_file.tsv").empty());
  CHECK(kbq::ingest::EventData("triggers").empty());  // the base name, with its extension
  auto files = kbq::ingest::GazetteerDataFiles();
  REQUIRE(files.size() >= 3);
  CHECK(files.front().first == "countries.tsv");  // generated from iso-codes, loaded first
  CHECK(files.back().first == "places_generated.tsv");
  CHECK(files.front().second.find("\tcountry\t") != std::string_view::npos);
}
