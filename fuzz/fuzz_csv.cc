// libFuzzer: a CSV file as `kabar code file.csv` reads it (streamed, record by
// record: quoted fields across lines, "" escapes, CR/LF, a header naming the
// columns). The bytes go through a file because that is the reader's input.
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <string>

#include "kabar/ingest.h"

namespace {
// The scratch file, removed when the fuzzer exits.
struct ScratchFile {
  std::string path = "/tmp/kabar-fuzz-" + std::to_string(::getpid()) + ".csv";
  ~ScratchFile() { std::remove(path.c_str()); }
};
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const ScratchFile scratch;
  const std::string& path = scratch.path;
  FILE* f = std::fopen(path.c_str(), "wb");
  if (!f) return 0;
  std::fwrite(data, 1, size, f);
  std::fclose(f);
  size_t articles = 0;
  kabar::read_inputs({path}, {}, [&](kabar::Article&& a) { articles += !a.text.empty(); },
                     [](const kabar::IngestProblem&) {});
  return 0;
}
