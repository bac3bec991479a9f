// libFuzzer: the dictionary loader. The input becomes one file in each of an
// English lexicon's folders (verbs, actors, agents, places, words) beside the
// real CAMEO codebook; every line must be accepted or rejected with a
// file:line message, never crash the loader or the compiler.
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "kabar/lexicon.h"

namespace fs = std::filesystem;

namespace {
const fs::path& data_dir() {
  static fs::path dir = [] {
    fs::path d = fs::temp_directory_path() / ("kabar_fuzz_dict_" + std::to_string(::getpid()));
    fs::create_directories(d / "lexicon" / "en");
    fs::create_directories(d / "clean");
    const fs::path src = kabar::default_data_dir();
    fs::create_directory_symlink(src / "cameo", d / "cameo");
    fs::copy_file(src / "clean" / "boilerplate.txt", d / "clean" / "boilerplate.txt");
    for (const char* sub : {"verbs", "actors", "agents", "places", "words"})
      fs::create_directories(d / "lexicon" / "en" / sub);
    std::atexit([] { std::error_code ec; fs::remove_all(data_dir(), ec); });
    return d;
  }();
  return dir;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const fs::path& d = data_dir();
  for (const char* sub : {"verbs", "actors", "agents", "places", "words"})
    std::ofstream(d / "lexicon" / "en" / sub / "fuzz.txt", std::ios::binary | std::ios::trunc)
        .write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  auto lex = kabar::Lexicon::load(d.string());
  (void)lex;
  return 0;
}
