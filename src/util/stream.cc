#include "util/stream.h"

#include <zlib.h>
#include <zstd.h>

#include <cerrno>
#include <cstring>
#include <vector>

#include <fmt/format.h>

#include "util/compress.h"

namespace kabar {
namespace {

constexpr size_t kChunk = 1 << 16;

// Raw bytes: a FILE* or memory, with the first bytes peeked for sniffing.
class RawSource {
 public:
  virtual ~RawSource() = default;
  virtual size_t read(char* buf, size_t n) = 0;
  virtual bool failed() const = 0;
};

class FileSource : public RawSource {
 public:
  FileSource(FILE* f, bool owned) : f_(f), owned_(owned) {}
  ~FileSource() override {
    if (owned_ && f_) std::fclose(f_);
  }
  size_t read(char* buf, size_t n) override { return std::fread(buf, 1, n, f_); }
  bool failed() const override { return std::ferror(f_) != 0; }

 private:
  FILE* f_;
  bool owned_;
};

class MemorySource : public RawSource {
 public:
  explicit MemorySource(std::string_view s) : s_(s) {}
  size_t read(char* buf, size_t n) override {
    size_t k = std::min(n, s_.size() - pos_);
    std::memcpy(buf, s_.data() + pos_, k);
    pos_ += k;
    return k;
  }
  bool failed() const override { return false; }

 private:
  std::string_view s_;
  size_t pos_ = 0;
};

class Stream : public ByteStream {
 public:
  Stream(std::unique_ptr<RawSource> src, std::string name) : src_(std::move(src)), name_(std::move(name)) {
    in_.resize(kChunk);
    // Sniff: fill the input buffer once and look at the magic number.
    in_len_ = src_->read(in_.data(), in_.size());
    raw_ += in_len_;
    kind_ = sniff_compression(std::string_view(in_.data(), in_len_));
    if (kind_ == Compression::kGzip) {
      if (inflateInit2(&z_, 16 + MAX_WBITS) != Z_OK) fail("zlib: inflateInit2 failed");
      z_.next_in = reinterpret_cast<Bytef*>(in_.data());
      z_.avail_in = static_cast<uInt>(in_len_);
    } else if (kind_ == Compression::kZstd) {
      zctx_ = ZSTD_createDCtx();
      zin_ = {in_.data(), in_len_, 0};
    }
  }
  ~Stream() override {
    if (kind_ == Compression::kGzip) inflateEnd(&z_);
    if (zctx_) ZSTD_freeDCtx(zctx_);
  }

  size_t read(char* buf, size_t n) override {
    if (!status_.ok() || done_) return 0;
    switch (kind_) {
      case Compression::kNone: return read_plain(buf, n);
      case Compression::kGzip: return read_gzip(buf, n);
      case Compression::kZstd: return read_zstd(buf, n);
    }
    return 0;
  }
  const Status& status() const override { return status_; }
  uint64_t raw_bytes() const override { return raw_; }

 private:
  void fail(const std::string& why) { status_ = Status(ErrorCode::kParse, fmt::format("{}: {}", name_, why)); }
  bool refill() {
    in_len_ = src_->read(in_.data(), in_.size());
    raw_ += in_len_;
    if (src_->failed()) status_ = Status(ErrorCode::kIo, fmt::format("{}: read failed", name_));
    return in_len_ > 0;
  }

  size_t read_plain(char* buf, size_t n) {
    if (in_pos_ == in_len_) {
      in_pos_ = 0;
      if (!refill()) { done_ = true; return 0; }
    }
    size_t k = std::min(n, in_len_ - in_pos_);
    std::memcpy(buf, in_.data() + in_pos_, k);
    in_pos_ += k;
    return k;
  }

  size_t read_gzip(char* buf, size_t n) {
    z_.next_out = reinterpret_cast<Bytef*>(buf);
    z_.avail_out = static_cast<uInt>(n);
    while (z_.avail_out == n) {
      if (z_.avail_in == 0) {
        if (!refill()) {
          if (!member_done_) fail(fmt::format("gzip data truncated at compressed byte {}", raw_));
          done_ = true;
          break;
        }
        z_.next_in = reinterpret_cast<Bytef*>(in_.data());
        z_.avail_in = static_cast<uInt>(in_len_);
      }
      // Padding zeros after the last member are tolerated.
      if (member_done_ && z_.avail_in > 0 && *z_.next_in == 0) {
        while (z_.avail_in > 0 && *z_.next_in == 0) { ++z_.next_in; --z_.avail_in; }
        continue;
      }
      if (member_done_) {  // another member follows: per-record gzip WARC files
        inflateReset(&z_);
        member_done_ = false;
      }
      int rc = inflate(&z_, Z_NO_FLUSH);
      if (rc == Z_STREAM_END) {
        member_done_ = true;
      } else if (rc != Z_OK && rc != Z_BUF_ERROR) {
        fail(fmt::format("gzip data corrupt near compressed byte {}", raw_ - z_.avail_in));
        break;
      }
    }
    return n - z_.avail_out;
  }

  size_t read_zstd(char* buf, size_t n) {
    ZSTD_outBuffer out{buf, n, 0};
    while (out.pos == 0) {
      if (zin_.pos == zin_.size) {
        if (!refill()) {
          if (last_rc_ != 0) fail(fmt::format("zstd data truncated at compressed byte {}", raw_));
          done_ = true;
          break;
        }
        zin_ = {in_.data(), in_len_, 0};
      }
      last_rc_ = ZSTD_decompressStream(zctx_, &out, &zin_);
      if (ZSTD_isError(last_rc_)) {
        fail(fmt::format("zstd data corrupt: {}", ZSTD_getErrorName(last_rc_)));
        break;
      }
    }
    return out.pos;
  }

  std::unique_ptr<RawSource> src_;
  std::string name_;
  Status status_;
  Compression kind_ = Compression::kNone;
  std::vector<char> in_;
  size_t in_len_ = 0, in_pos_ = 0;
  uint64_t raw_ = 0;
  bool done_ = false;
  z_stream z_{};
  bool member_done_ = false;
  ZSTD_DCtx* zctx_ = nullptr;
  ZSTD_inBuffer zin_{};
  size_t last_rc_ = 0;
};

}  // namespace

StatusOr<std::unique_ptr<ByteStream>> open_stream(const std::string& path) {
  if (path == "-") return std::unique_ptr<ByteStream>(new Stream(std::make_unique<FileSource>(stdin, false), "<stdin>"));
  FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) return Status(ErrorCode::kNotFound, fmt::format("{}: cannot open: {}", path, std::strerror(errno)));
  return std::unique_ptr<ByteStream>(new Stream(std::make_unique<FileSource>(f, true), path));
}

std::unique_ptr<ByteStream> memory_stream(std::string_view bytes, const std::string& name) {
  return std::unique_ptr<ByteStream>(new Stream(std::make_unique<MemorySource>(bytes), name));
}

bool LineReader::fill() {
  if (eof_) return false;
  if (pos_ > 0) {
    buf_.erase(0, pos_);
    pos_ = 0;
  }
  char chunk[kChunk];
  size_t n = in_.read(chunk, sizeof chunk);
  if (n == 0) {
    eof_ = true;
    return false;
  }
  buf_.append(chunk, n);
  return true;
}

bool LineReader::getline(std::string& line) {
  size_t searched = pos_;
  while (true) {
    size_t nl = buf_.find('\n', searched);
    if (nl != std::string::npos) {
      line.assign(buf_, pos_, nl - pos_);
      offset_ += nl + 1 - pos_;
      pos_ = nl + 1;
      last_complete_ = true;
      return true;
    }
    searched = buf_.size() - pos_;
    if (!fill()) {
      if (pos_ >= buf_.size()) return false;
      line.assign(buf_, pos_, std::string::npos);  // a last line without "\n"
      offset_ += buf_.size() - pos_;
      pos_ = buf_.size();
      last_complete_ = false;
      return true;
    }
    searched += pos_;  // fill() moved the unread bytes to the front
  }
}

std::string_view LineReader::peek(size_t n) {
  size_t first;
  while ((first = buf_.find_first_not_of(" \t\r\n", pos_)) == std::string::npos || buf_.size() - first < n)
    if (!fill()) break;
  if (first == std::string::npos) first = buf_.find_first_not_of(" \t\r\n", pos_);
  if (first == std::string::npos) return {};
  return std::string_view(buf_).substr(first, n);
}

void LineReader::read_rest(std::string& out) {
  while (fill()) {
  }
  out.append(buf_, pos_, std::string::npos);
  offset_ += buf_.size() - pos_;
  pos_ = buf_.size();
}

bool LineReader::read_exact(size_t n, std::string& out) {
  while (buf_.size() - pos_ < n)
    if (!fill()) break;
  const size_t k = std::min(n, buf_.size() - pos_);
  out.append(buf_, pos_, k);
  pos_ += k;
  offset_ += k;
  return k == n;
}

}  // namespace kabar
