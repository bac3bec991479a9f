// Whole-buffer decompression, through the same streaming decoder the readers
// use (util/stream.h), so gzip members, zstd frames and damage are handled
// in one place.
#include "util/compress.h"

#include <fmt/format.h>

#include "util/stream.h"

namespace kabar {
namespace {

StatusOr<std::string> decompress_all(std::string_view bytes, Compression kind, const char* format,
                                     const std::string& what, std::string* partial) {
  if (sniff_compression(bytes) != kind)
    return Status(ErrorCode::kParse, fmt::format("{}: not {} data", what, format));
  auto in = memory_stream(bytes, what);
  LineReader reader(*in);
  std::string out;
  reader.read_rest(out);
  if (!in->status().ok()) {
    if (partial) *partial = std::move(out);
    return in->status();
  }
  return out;
}

}  // namespace

Compression sniff_compression(std::string_view b) {
  if (b.size() >= 2 && static_cast<unsigned char>(b[0]) == 0x1f && static_cast<unsigned char>(b[1]) == 0x8b)
    return Compression::kGzip;
  if (b.size() >= 4 && static_cast<unsigned char>(b[0]) == 0x28 && static_cast<unsigned char>(b[1]) == 0xb5 &&
      static_cast<unsigned char>(b[2]) == 0x2f && static_cast<unsigned char>(b[3]) == 0xfd)
    return Compression::kZstd;
  return Compression::kNone;
}

StatusOr<std::string> gunzip(std::string_view bytes, const std::string& what, std::string* partial) {
  return decompress_all(bytes, Compression::kGzip, "gzip", what, partial);
}

StatusOr<std::string> unzstd(std::string_view bytes, const std::string& what, std::string* partial) {
  return decompress_all(bytes, Compression::kZstd, "zstd", what, partial);
}

}  // namespace kabar
