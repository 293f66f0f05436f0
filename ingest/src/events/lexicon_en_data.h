// The English lexicon's tables, compiled into the library by cmake/KbqEmbed.cmake
// (generated lexicon_en_data.cc in the build dir): WordNet's lemmas and
// exceptions (written by ingest/tools/gen_lexicon.cc), closed_class_en.tsv and
// the English weekday and month names of ingest/data/time_*.tsv.
#pragma once

#include <cstddef>

namespace kbq::ingest::events::lexicon_data {

struct EmbeddedFile {
  const char* name;  // base name: "closed_class_en.tsv"
  const unsigned char* data;
  size_t size;
};

// All embedded lexicon files, in the order CMake listed them.
const EmbeddedFile* LexiconEnFiles(size_t* count);

}  // namespace kbq::ingest::events::lexicon_data
