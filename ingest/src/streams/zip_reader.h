// Byte streams over plain, gzip and zip files, and a line reader on top.
//
// GDELT publishes its exports as one-member .zip archives; other feeds come
// gzipped. OpenInputStream() picks the decoder from the file's magic bytes,
// not its name. Zip support: the first member of the archive, stored or
// deflated, located through the central directory (so data descriptors are
// fine); no zip64, no encryption. Private to kbq::ingest.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "kbq/status.h"

namespace kbq::ingest {

class InputStream {
 public:
  virtual ~InputStream() = default;
  // Reads up to `n` bytes into `buf`; 0 at the end. Non-ok on I/O or
  // decompression errors.
  virtual Result<size_t> Read(char* buf, size_t n) = 0;
};

Result<std::unique_ptr<InputStream>> OpenInputStream(const std::string& path);

// Splits a stream into lines ("\n" or "\r\n"), tracking the 1-based line
// number and the byte offset of each line in the (decompressed) stream.
class LineReader {
 public:
  explicit LineReader(std::unique_ptr<InputStream> in) : in_(std::move(in)) {}
  // Sets *line (without the terminator) and returns true; false at the end
  // or on error (then status() is non-ok).
  bool Next(std::string* line);
  uint64_t line_number() const { return line_number_; }
  uint64_t line_offset() const { return line_offset_; }
  const Status& status() const { return status_; }

 private:
  bool Fill();
  std::unique_ptr<InputStream> in_;
  std::vector<char> buf_ = std::vector<char>(1 << 16);
  size_t pos_ = 0, end_ = 0;
  bool eof_ = false;
  uint64_t consumed_ = 0;  // stream offset of buf_[0]
  uint64_t line_number_ = 0;
  uint64_t line_offset_ = 0;
  Status status_;
};

}  // namespace kbq::ingest
