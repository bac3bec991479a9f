// Parsing of verb-pattern text ("$ melakukan pertemuan (dengan +)") into
// PatternElements. Optional groups are expanded here into separate patterns
// (2^k for k groups, k ≤ 4), so the matcher never backtracks over optionals.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "kabar/lexicon.h"
#include "kabar/status.h"

namespace kabar {

// Splits a body at top-level '|' (not inside {} or ()).
std::vector<std::string_view> split_alternatives(std::string_view body);

// Parses one alternative into its expansions. On error returns a message
// without file:line (the caller adds it).
StatusOr<std::vector<std::vector<PatternElement>>> parse_pattern(std::string_view text);

}  // namespace kabar
