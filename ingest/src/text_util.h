// Small byte-level text helpers shared by the ingest modules.
#pragma once

#include <string>
#include <string_view>

namespace kbq::ingest::internal {

// ASCII letters lowered; every other byte (all of UTF-8's multi-byte
// sequences) unchanged.
inline std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

}  // namespace kbq::ingest::internal
