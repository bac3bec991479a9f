// MD5 (RFC 1321), for the checksums GDELT's masterfilelist.txt and
// lastupdate.txt carry. Not for security.
#pragma once

#include <string>
#include <string_view>

namespace kabar {

// Lower-case hex digest of `data`.
std::string md5_hex(std::string_view data);

}  // namespace kabar
