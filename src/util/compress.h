// Decompression of whole buffers: gzip (one or more concatenated members, as
// per-record-gzipped WARC files are) and Zstandard (one or more frames).
#pragma once

#include <string>
#include <string_view>

#include "kabar/status.h"

namespace kabar {

enum class Compression { kNone, kGzip, kZstd };

// From the first bytes (magic numbers), not the file name.
Compression sniff_compression(std::string_view bytes);

// The decompressed bytes; an error names `what` and says how far it got
// (a truncated file gives what was decoded so far in `partial`).
StatusOr<std::string> gunzip(std::string_view bytes, const std::string& what, std::string* partial = nullptr);
StatusOr<std::string> unzstd(std::string_view bytes, const std::string& what, std::string* partial = nullptr);

}  // namespace kabar
