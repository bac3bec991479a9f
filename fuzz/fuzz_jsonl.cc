// libFuzzer: JSON Lines records, one per line, as `kabar code file.jsonl` reads them.
#include <cstdint>
#include <string>
#include <string_view>

#include "kabar/ingest.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view all(reinterpret_cast<const char*>(data), size);
  size_t line = 0;
  for (size_t pos = 0; pos <= all.size();) {
    size_t e = all.find('\n', pos);
    if (e == std::string_view::npos) e = all.size();
    auto record = kabar::parse_jsonl_record(all.substr(pos, e - pos), "fuzz.jsonl:" + std::to_string(++line), {});
    (void)record;
    pos = e + 1;
  }
  return 0;
}
