// kabar/span.h — byte ranges into an article's original text.
//
// Everything kabar reports (tokens, mentions, events) carries Spans, so any
// claim can be highlighted in the bytes the user gave us.
#pragma once

#include <cstdint>
#include <string_view>

namespace kabar {

struct Span {
  uint32_t begin = 0;  // first byte
  uint32_t end = 0;    // one past the last byte

  uint32_t size() const { return end - begin; }
  bool empty() const { return begin >= end; }
  std::string_view in(std::string_view text) const { return text.substr(begin, end - begin); }
  friend bool operator==(const Span&, const Span&) = default;
};

}  // namespace kabar
