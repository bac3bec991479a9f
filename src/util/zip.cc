// ZIP writing per PKWARE's APPNOTE: a local file header, the raw deflate
// stream (zlib with negative window bits), a central directory entry and the
// end-of-central-directory record. No ZIP64: GDELT files are far below 4 GB.
#include "util/zip.h"

#include <zlib.h>

#include <fmt/format.h>

namespace kabar {
namespace {

void put16(std::string& o, uint32_t v) { o += static_cast<char>(v & 0xff); o += static_cast<char>((v >> 8) & 0xff); }
void put32(std::string& o, uint32_t v) { put16(o, v & 0xffff); put16(o, v >> 16); }
uint32_t get16(std::string_view s, size_t at) {
  return static_cast<uint8_t>(s[at]) | (static_cast<uint32_t>(static_cast<uint8_t>(s[at + 1])) << 8);
}
uint32_t get32(std::string_view s, size_t at) { return get16(s, at) | (get16(s, at + 2) << 16); }

StatusOr<std::string> raw_deflate(std::string_view data) {
  z_stream z{};
  if (deflateInit2(&z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) != Z_OK)
    return Status(ErrorCode::kInternal, "zip: deflateInit2 failed");
  std::string out(deflateBound(&z, static_cast<uLong>(data.size())), '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  int rc = deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  if (rc != Z_STREAM_END) return Status(ErrorCode::kInternal, "zip: deflate failed");
  return out;
}

}  // namespace

StatusOr<std::string> zip_one_entry(const std::string& name, std::string_view data) {
  auto packed = raw_deflate(data);
  if (!packed.ok()) return packed.status();
  const uint32_t crc = static_cast<uint32_t>(crc32(0L, reinterpret_cast<const Bytef*>(data.data()), static_cast<uInt>(data.size())));
  const uint32_t dos_time = 0, dos_date = (1 << 5) | 1;  // 1980-01-01 00:00: reproducible bytes
  std::string z;
  put32(z, 0x04034b50);
  put16(z, 20); put16(z, 0); put16(z, 8); put16(z, dos_time); put16(z, dos_date);
  put32(z, crc); put32(z, static_cast<uint32_t>(packed->size())); put32(z, static_cast<uint32_t>(data.size()));
  put16(z, static_cast<uint32_t>(name.size())); put16(z, 0);
  z += name;
  z += *packed;
  const uint32_t central = static_cast<uint32_t>(z.size());
  put32(z, 0x02014b50);
  put16(z, 20); put16(z, 20); put16(z, 0); put16(z, 8); put16(z, dos_time); put16(z, dos_date);
  put32(z, crc); put32(z, static_cast<uint32_t>(packed->size())); put32(z, static_cast<uint32_t>(data.size()));
  put16(z, static_cast<uint32_t>(name.size())); put16(z, 0); put16(z, 0); put16(z, 0); put16(z, 0);
  put32(z, 0); put32(z, 0);
  z += name;
  const uint32_t central_size = static_cast<uint32_t>(z.size()) - central;
  put32(z, 0x06054b50);
  put16(z, 0); put16(z, 0); put16(z, 1); put16(z, 1);
  put32(z, central_size); put32(z, central); put16(z, 0);
  return z;
}

StatusOr<std::string> unzip_one_entry(std::string_view a) {
  if (a.size() < 30 || get32(a, 0) != 0x04034b50) return Status(ErrorCode::kParse, "zip: no local file header");
  const uint32_t method = get16(a, 8), crc = get32(a, 14), packed = get32(a, 18), size = get32(a, 22);
  const size_t start = 30 + get16(a, 26) + get16(a, 28);
  if (method != 8 || start + packed > a.size()) return Status(ErrorCode::kParse, "zip: unsupported or truncated entry");
  std::string out(size, '\0');
  z_stream z{};
  if (inflateInit2(&z, -15) != Z_OK) return Status(ErrorCode::kInternal, "zip: inflateInit2 failed");
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(a.data() + start));
  z.avail_in = packed;
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = size;
  int rc = inflate(&z, Z_FINISH);
  inflateEnd(&z);
  if (rc != Z_STREAM_END) return Status(ErrorCode::kParse, "zip: inflate failed");
  if (static_cast<uint32_t>(crc32(0L, reinterpret_cast<const Bytef*>(out.data()), static_cast<uInt>(out.size()))) != crc)
    return Status(ErrorCode::kParse, "zip: CRC mismatch");
  return out;
}

}  // namespace kabar
