// Streaming input: a file, stdin or a memory buffer, decompressed on the fly
// when it starts with a gzip (one or more members) or Zstandard magic number,
// read by lines or by exact byte counts. Memory stays at one 64 KiB buffer
// and the current line or record, whatever the input's size.
#pragma once

#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <string_view>

#include "kabar/status.h"

namespace kabar {

class ByteStream {
 public:
  virtual ~ByteStream() = default;
  // Up to n bytes into buf; 0 at the end or on an error (then status()).
  virtual size_t read(char* buf, size_t n) = 0;
  virtual const Status& status() const = 0;
  // Bytes consumed from the underlying file (compressed), for progress.
  virtual uint64_t raw_bytes() const = 0;
};

// Opens `path` ("-" for stdin), sniffing compression from the first bytes.
StatusOr<std::unique_ptr<ByteStream>> open_stream(const std::string& path);
// The same over bytes in memory (they must outlive the stream).
std::unique_ptr<ByteStream> memory_stream(std::string_view bytes, const std::string& name);

class LineReader {
 public:
  explicit LineReader(ByteStream& in) : in_(in) {}
  // The next line without its "\n" (a "\r" before it is kept); false at the end.
  bool getline(std::string& line);
  // False when the last line returned ended without "\n" (the input stopped
  // inside it: a truncated file, or one without a final newline).
  bool last_line_complete() const { return last_complete_; }
  // Exactly n bytes appended to out; false when the input ends first (out
  // then holds what there was).
  bool read_exact(size_t n, std::string& out);
  // The unread bytes from the first that is not white space, at least `n`
  // of them unless the input ends first; nothing is consumed. For choosing
  // a format by its first bytes.
  std::string_view peek(size_t n);
  // Everything left, appended to out.
  void read_rest(std::string& out);
  // Bytes handed out so far (the offset in the decompressed stream).
  uint64_t offset() const { return offset_; }
  const Status& status() const { return in_.status(); }

 private:
  bool fill();
  ByteStream& in_;
  std::string buf_;
  size_t pos_ = 0;
  uint64_t offset_ = 0;
  bool eof_ = false;
  bool last_complete_ = true;
};

}  // namespace kabar
