// libFuzzer: TABARI and PETRARCH dictionaries (kabar/peer_dictionaries.h). The
// input becomes a verbs, an actors, an agents and a discards file in each
// peer's naming; they are converted and loaded into an English lexicon beside
// the real CAMEO codebook. Every line must be converted, or reported as a
// warning with file:line, and the converted lines loaded or warned about:
// never a crash, a hang or a sanitizer report.
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "kabar/lexicon.h"
#include "kabar/peer_dictionaries.h"

namespace fs = std::filesystem;

namespace {
const fs::path& work_dir() {
  static fs::path dir = [] {
    fs::path d = fs::temp_directory_path() / ("kabar_fuzz_peer_" + std::to_string(::getpid()));
    fs::create_directories(d / "data" / "lexicon" / "en" / "words");
    fs::create_directories(d / "tabari");
    fs::create_directories(d / "petrarch");
    fs::create_directory_symlink(fs::path(kabar::default_data_dir()) / "cameo", d / "data" / "cameo");
    std::atexit([] { std::error_code ec; fs::remove_all(work_dir(), ec); });
    return d;
  }();
  return dir;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const fs::path& d = work_dir();
  auto put = [&](const fs::path& p) {
    std::ofstream(p, std::ios::binary | std::ios::trunc)
        .write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  };
  for (const char* f : {"fuzz.verbs", "fuzz.actors", "fuzz.agents"}) put(d / "tabari" / f);
  for (const char* f : {"fuzz.verbs.txt", "fuzz.actors.txt", "fuzz.agents.txt", "fuzz.discards.txt"}) put(d / "petrarch" / f);
  for (const char* spec : {"tabari:", "petrarch:"}) {
    auto peers = kabar::read_peer_dictionaries({spec + (d / (spec[0] == 't' ? "tabari" : "petrarch")).string()});
    if (!peers.ok()) continue;
    kabar::LexiconOptions options;
    options.peer_files = &peers->files;
    auto lex = kabar::Lexicon::load((d / "data").string(), options);
    (void)lex;
  }
  return 0;
}
