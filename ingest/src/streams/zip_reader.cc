#include "streams/zip_reader.h"

#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>

namespace kbq::ingest {
namespace {

struct FileCloser {
  void operator()(FILE* f) const {
    if (f) fclose(f);
  }
};
using FilePtr = std::unique_ptr<FILE, FileCloser>;

class PlainStream : public InputStream {
 public:
  explicit PlainStream(FilePtr f) : f_(std::move(f)) {}
  Result<size_t> Read(char* buf, size_t n) override {
    size_t got = fread(buf, 1, n, f_.get());
    if (got == 0 && ferror(f_.get())) return Status::IOError("read failed");
    return got;
  }

 private:
  FilePtr f_;
};

// gzip (any number of members, as zcat reads them).
class GzipStream : public InputStream {
 public:
  explicit GzipStream(gzFile g) : g_(g) {}
  ~GzipStream() override { gzclose(g_); }
  Result<size_t> Read(char* buf, size_t n) override {
    int got = gzread(g_, buf, static_cast<unsigned>(n));
    if (got < 0) {
      int err = 0;
      const char* msg = gzerror(g_, &err);
      return Status::Corruption(std::string("gzip: ") + (msg ? msg : "error"));
    }
    return static_cast<size_t>(got);
  }

 private:
  gzFile g_;
};

// One zip member, read from `offset` (its data) for `csize` compressed bytes.
class ZipMemberStream : public InputStream {
 public:
  ZipMemberStream(FilePtr f, uint16_t method, uint64_t csize)
      : f_(std::move(f)), method_(method), remaining_(csize) {
    if (method_ == 8) {
      std::memset(&z_, 0, sizeof(z_));
      init_ok_ = inflateInit2(&z_, -MAX_WBITS) == Z_OK;  // raw deflate
    }
  }
  ~ZipMemberStream() override {
    if (method_ == 8 && init_ok_) inflateEnd(&z_);
  }
  Result<size_t> Read(char* buf, size_t n) override {
    if (method_ == 0) {
      size_t want = static_cast<size_t>(std::min<uint64_t>(n, remaining_));
      if (want == 0) return size_t{0};
      size_t got = fread(buf, 1, want, f_.get());
      if (got == 0) return Status::Corruption("zip: member truncated");
      remaining_ -= got;
      return got;
    }
    if (!init_ok_) return Status::Corruption("zip: inflateInit failed");
    if (done_) return size_t{0};
    z_.next_out = reinterpret_cast<Bytef*>(buf);
    z_.avail_out = static_cast<uInt>(n);
    while (z_.avail_out == n) {
      if (z_.avail_in == 0 && remaining_ > 0) {
        size_t want = static_cast<size_t>(std::min<uint64_t>(in_.size(), remaining_));
        size_t got = fread(in_.data(), 1, want, f_.get());
        if (got == 0) return Status::Corruption("zip: member truncated");
        remaining_ -= got;
        z_.next_in = reinterpret_cast<Bytef*>(in_.data());
        z_.avail_in = static_cast<uInt>(got);
      }
      int rc = inflate(&z_, Z_NO_FLUSH);
      if (rc == Z_STREAM_END) {
        done_ = true;
        break;
      }
      if (rc == Z_BUF_ERROR && z_.avail_in == 0 && remaining_ == 0) {
        return Status::Corruption("zip: deflate stream truncated");
      }
      if (rc != Z_OK && rc != Z_BUF_ERROR) {
        return Status::Corruption(std::string("zip: inflate: ") + (z_.msg ? z_.msg : "error"));
      }
    }
    return n - z_.avail_out;
  }

 private:
  FilePtr f_;
  uint16_t method_;
  uint64_t remaining_;
  z_stream z_;
  bool init_ok_ = false;
  bool done_ = false;
  std::vector<char> in_ = std::vector<char>(1 << 16);
};

uint16_t Le16(const unsigned char* p) { return static_cast<uint16_t>(p[0] | (p[1] << 8)); }
uint32_t Le32(const unsigned char* p) {
  return static_cast<uint32_t>(p[0]) | (static_cast<uint32_t>(p[1]) << 8) |
         (static_cast<uint32_t>(p[2]) << 16) | (static_cast<uint32_t>(p[3]) << 24);
}

// Zip layout (PKWARE APPNOTE 6.3): the End Of Central Directory record
// (signature 0x06054b50, 22 bytes + comment) at the end gives the central
// directory's offset; its first entry (0x02014b50) gives the member's
// method, compressed size and local header offset; the local header
// (0x04034b50, 30 bytes + name + extra) precedes the data.
Result<std::unique_ptr<InputStream>> OpenZip(FilePtr f, const std::string& path) {
  auto fail = [&](const std::string& m) { return Status::Corruption(path + ": zip: " + m); };
  if (fseek(f.get(), 0, SEEK_END) != 0) return fail("cannot seek");
  long size = ftell(f.get());
  if (size < 22) return fail("too short for an end-of-central-directory record");
  long tail = std::min<long>(size, 22 + 65535);
  std::vector<unsigned char> buf(static_cast<size_t>(tail));
  if (fseek(f.get(), size - tail, SEEK_SET) != 0 || fread(buf.data(), 1, buf.size(), f.get()) != buf.size()) {
    return fail("cannot read the end of the archive");
  }
  long eocd = -1;
  for (long i = tail - 22; i >= 0; --i) {
    if (Le32(&buf[i]) == 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return fail("no end-of-central-directory record");
  uint16_t entries = Le16(&buf[eocd + 10]);
  uint32_t cd_offset = Le32(&buf[eocd + 16]);
  if (entries == 0) return fail("empty archive");
  if (entries == 0xffff || cd_offset == 0xffffffffu) return Status::NotSupported(path + ": zip64 archives");
  unsigned char cd[46];
  if (fseek(f.get(), cd_offset, SEEK_SET) != 0 || fread(cd, 1, sizeof(cd), f.get()) != sizeof(cd) ||
      Le32(cd) != 0x02014b50) {
    return fail("bad central directory");
  }
  uint16_t flags = Le16(cd + 8);
  uint16_t method = Le16(cd + 10);
  uint32_t csize = Le32(cd + 20);
  uint32_t local = Le32(cd + 42);
  if (flags & 1) return Status::NotSupported(path + ": encrypted zip member");
  if (method != 0 && method != 8) {
    return Status::NotSupported(path + ": zip compression method " + std::to_string(method));
  }
  unsigned char lh[30];
  if (fseek(f.get(), local, SEEK_SET) != 0 || fread(lh, 1, sizeof(lh), f.get()) != sizeof(lh) ||
      Le32(lh) != 0x04034b50) {
    return fail("bad local file header");
  }
  long data = static_cast<long>(local) + 30 + Le16(lh + 26) + Le16(lh + 28);
  if (fseek(f.get(), data, SEEK_SET) != 0) return fail("cannot seek to member data");
  return std::unique_ptr<InputStream>(std::make_unique<ZipMemberStream>(std::move(f), method, csize));
}

}  // namespace

Result<std::unique_ptr<InputStream>> OpenInputStream(const std::string& path) {
  FilePtr f(fopen(path.c_str(), "rb"));
  if (!f) return Status::IOError(path + ": " + std::strerror(errno));
  unsigned char magic[4] = {0, 0, 0, 0};
  size_t got = fread(magic, 1, 4, f.get());
  if (got >= 4 && Le32(magic) == 0x04034b50) return OpenZip(std::move(f), path);
  if (got >= 2 && magic[0] == 0x1f && magic[1] == 0x8b) {
    f.reset();
    gzFile g = gzopen(path.c_str(), "rb");
    if (!g) return Status::IOError(path + ": cannot open gzip file");
    gzbuffer(g, 1 << 16);
    return std::unique_ptr<InputStream>(std::make_unique<GzipStream>(g));
  }
  rewind(f.get());
  return std::unique_ptr<InputStream>(std::make_unique<PlainStream>(std::move(f)));
}

bool LineReader::Fill() {
  if (eof_) return false;
  if (pos_ > 0) {  // keep the unfinished line at the front
    std::memmove(buf_.data(), buf_.data() + pos_, end_ - pos_);
    consumed_ += pos_;
    end_ -= pos_;
    pos_ = 0;
  }
  if (end_ == buf_.size()) buf_.resize(buf_.size() * 2);  // a very long line
  Result<size_t> got = in_->Read(buf_.data() + end_, buf_.size() - end_);
  if (!got.ok()) {
    status_ = got.status();
    eof_ = true;
    return false;
  }
  if (*got == 0) {
    eof_ = true;
    return false;
  }
  end_ += *got;
  return true;
}

bool LineReader::Next(std::string* line) {
  if (!status_.ok()) return false;
  size_t scan = pos_;
  for (;;) {
    const char* nl = static_cast<const char*>(std::memchr(buf_.data() + scan, '\n', end_ - scan));
    if (nl != nullptr) {
      size_t stop = static_cast<size_t>(nl - buf_.data());
      size_t len = stop - pos_;
      if (len > 0 && buf_[stop - 1] == '\r') --len;
      line->assign(buf_.data() + pos_, len);
      line_offset_ = consumed_ + pos_;
      ++line_number_;
      pos_ = stop + 1;
      return true;
    }
    size_t scanned = end_ - pos_;
    if (!Fill()) {
      if (!status_.ok() || pos_ == end_) return false;
      size_t len = end_ - pos_;  // last line without a terminator
      if (len > 0 && buf_[end_ - 1] == '\r') --len;
      line->assign(buf_.data() + pos_, len);
      line_offset_ = consumed_ + pos_;
      ++line_number_;
      pos_ = end_;
      return true;
    }
    scan = pos_ + scanned;
  }
}

}  // namespace kbq::ingest
