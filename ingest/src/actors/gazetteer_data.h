// The gazetteer's data files, compiled into the library by
// cmake/KbqEmbed.cmake (generated gazetteer_data.cc in the build dir).
#pragma once

#include <cstddef>

namespace kbq::ingest {

struct EmbeddedFile {
  const char* name;  // base name: "people.tsv"
  const unsigned char* data;
  size_t size;
};

// All embedded gazetteer files, in the order CMake listed them.
const EmbeddedFile* GazetteerDataFiles(size_t* count);

}  // namespace kbq::ingest
