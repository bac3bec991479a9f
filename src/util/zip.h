// A ZIP archive with one deflated entry, as GDELT publishes each 15-minute
// file (YYYYMMDDHHMMSS.export.CSV.zip holding YYYYMMDDHHMMSS.export.CSV).
#pragma once

#include <string>
#include <string_view>

#include "kabar/status.h"

namespace kabar {

// The archive's bytes.
StatusOr<std::string> zip_one_entry(const std::string& entry_name, std::string_view data);

// Reads back the single entry of an archive written by zip_one_entry (for
// tests and for checking what was written).
StatusOr<std::string> unzip_one_entry(std::string_view archive);

}  // namespace kabar
