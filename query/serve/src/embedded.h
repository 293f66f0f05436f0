// The files of web/ compiled into the library by kbq_embed_files
// (cmake/KbqEmbed.cmake): the page and web/vendor/.
#pragma once

#include <cstddef>

namespace kbq::serve::embedded {

struct EmbeddedFile {
  const char* name;  // base name
  const unsigned char* data;
  size_t size;
};
const EmbeddedFile* PageFiles(size_t* count);

}  // namespace kbq::serve::embedded
