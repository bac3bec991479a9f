#include "util/compress.h"

#include <zlib.h>
#include <zstd.h>

#include <fmt/format.h>

namespace kabar {

Compression sniff_compression(std::string_view b) {
  if (b.size() >= 2 && static_cast<unsigned char>(b[0]) == 0x1f && static_cast<unsigned char>(b[1]) == 0x8b)
    return Compression::kGzip;
  if (b.size() >= 4 && static_cast<unsigned char>(b[0]) == 0x28 && static_cast<unsigned char>(b[1]) == 0xb5 &&
      static_cast<unsigned char>(b[2]) == 0x2f && static_cast<unsigned char>(b[3]) == 0xfd)
    return Compression::kZstd;
  return Compression::kNone;
}

StatusOr<std::string> gunzip(std::string_view bytes, const std::string& what, std::string* partial) {
  std::string out;
  size_t pos = 0;
  char buf[1 << 16];
  // Members one after another: a per-record gzip WARC is many of them.
  while (pos < bytes.size()) {
    z_stream z{};
    if (inflateInit2(&z, 16 + MAX_WBITS) != Z_OK) return Status(ErrorCode::kInternal, "zlib: inflateInit2 failed");
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data() + pos));
    z.avail_in = static_cast<uInt>(std::min<size_t>(bytes.size() - pos, UINT32_MAX));
    int rc = Z_OK;
    while (rc == Z_OK) {
      z.next_out = reinterpret_cast<Bytef*>(buf);
      z.avail_out = sizeof buf;
      rc = inflate(&z, Z_NO_FLUSH);
      out.append(buf, sizeof buf - z.avail_out);
      if (rc == Z_BUF_ERROR && z.avail_in == 0) break;  // input ended inside the member
    }
    const size_t consumed = static_cast<size_t>(z.next_in - reinterpret_cast<const Bytef*>(bytes.data() + pos));
    inflateEnd(&z);
    if (rc != Z_STREAM_END) {
      if (partial) *partial = std::move(out);
      return Status(ErrorCode::kParse,
                    fmt::format("{}: gzip data {} at compressed byte {}", what,
                                rc == Z_BUF_ERROR ? "truncated" : "corrupt", pos + consumed));
    }
    pos += consumed;
    // Trailing zero padding after the last member is tolerated.
    while (pos < bytes.size() && bytes[pos] == '\0') ++pos;
  }
  return out;
}

StatusOr<std::string> unzstd(std::string_view bytes, const std::string& what, std::string* partial) {
  std::string out;
  ZSTD_DCtx* ctx = ZSTD_createDCtx();
  if (!ctx) return Status(ErrorCode::kInternal, "zstd: cannot create a context");
  ZSTD_inBuffer in{bytes.data(), bytes.size(), 0};
  char buf[1 << 16];
  size_t rc = 0;
  while (in.pos < in.size) {
    ZSTD_outBuffer o{buf, sizeof buf, 0};
    rc = ZSTD_decompressStream(ctx, &o, &in);
    out.append(buf, o.pos);
    if (ZSTD_isError(rc)) {
      ZSTD_freeDCtx(ctx);
      if (partial) *partial = std::move(out);
      return Status(ErrorCode::kParse, fmt::format("{}: zstd data corrupt at compressed byte {}: {}", what, in.pos,
                                                   ZSTD_getErrorName(rc)));
    }
  }
  // Flush what is buffered; rc != 0 means a frame is incomplete.
  while (rc != 0) {
    ZSTD_outBuffer o{buf, sizeof buf, 0};
    rc = ZSTD_decompressStream(ctx, &o, &in);
    out.append(buf, o.pos);
    if (ZSTD_isError(rc) || o.pos == 0) break;
  }
  ZSTD_freeDCtx(ctx);
  if (rc != 0) {
    if (partial) *partial = std::move(out);
    return Status(ErrorCode::kParse, fmt::format("{}: zstd data truncated at compressed byte {}", what, in.pos));
  }
  return out;
}

}  // namespace kabar
