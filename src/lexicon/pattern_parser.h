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

// A dictionary phrase's tokens, as phrase_tokens() gives them, except that a
// word written with a final '*' is a stem and keeps the mark on its last
// token ("argentin*"): it matches any word that begins with it.
std::vector<std::string> dictionary_tokens(std::string_view phrase);

// Parses one alternative into its expansions. On error returns a message
// without file:line (the caller adds it).
StatusOr<std::vector<std::vector<PatternElement>>> parse_pattern(std::string_view text);

}  // namespace kabar
