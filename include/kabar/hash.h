// kabar/hash.h — the one string hash kabar's own tables and shares use.
#pragma once

#include <cstdint>
#include <string_view>

namespace kabar {

// FNV-1a, 64-bit: fixed by definition, so values stored or compared across
// machines and versions (--shard) never change.
inline uint64_t fnv1a64(std::string_view s) {
  uint64_t h = 0xcbf29ce484222325ull;
  for (unsigned char c : s) h = (h ^ c) * 0x100000001b3ull;
  return h;
}

// FNV-1a spread over the high bits by a Fibonacci multiply, for open
// addressing tables indexed by the top bits (Vocabulary, the gazetteer's
// key filter).
inline uint64_t table_hash(std::string_view s) { return fnv1a64(s) * 0x9E3779B97F4A7C15ull; }

}  // namespace kabar
