// Shared helpers for the test suite: where the data and ../shared live, and a
// lexicon loaded once per process (loading is the slow part of a test).
#pragma once

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

#include <gtest/gtest.h>
#include <zlib.h>

#include "kabar/gazetteer.h"
#include "kabar/lexicon.h"
#include "kabar/pipeline.h"

namespace kabar::testing {

inline std::string source_dir() { return KABAR_SOURCE_DIR; }
// $KABAR_DATA overrides, as it does for the CLI.
inline std::string data_dir() {
  if (const char* env = std::getenv("KABAR_DATA"); env && *env) return env;
  return source_dir() + "/data";
}

// ../shared beside the checkout, or $KABAR_SHARED. Empty when absent.
inline std::string shared_dir() {
  if (const char* env = std::getenv("KABAR_SHARED"); env && *env) return env;
  std::filesystem::path p = std::filesystem::path(source_dir()).parent_path() / "shared";
  return std::filesystem::is_directory(p) ? p.string() : std::string();
}

#define KABAR_REQUIRE_SHARED(relpath)                                                        \
  do {                                                                                       \
    if (::kabar::testing::shared_dir().empty() ||                                            \
        !std::filesystem::exists(::kabar::testing::shared_dir() + "/" + (relpath)))          \
      GTEST_SKIP() << "SKIPPED: ../shared/" << (relpath)                                     \
                   << " is absent (set KABAR_SHARED or place shared/ beside the checkout)"; \
  } while (0)

inline const Lexicon& lexicon() {
  static std::unique_ptr<Lexicon> lex = [] {
    auto l = Lexicon::load(data_dir());
    if (!l.ok()) {
      ADD_FAILURE() << l.status().to_string();
      std::abort();
    }
    return std::move(l).value();
  }();
  return *lex;
}

// `s` gzip-compressed (one member), for tests of compressed inputs.
inline std::string gzip(const std::string& s) {
  z_stream z{};
  deflateInit2(&z, Z_BEST_SPEED, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&z, s.size()) + 32, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(s.data()));
  z.avail_in = static_cast<uInt>(s.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

// The gazetteer the build made (build/gazetteer.bin), opened once.
inline const Gazetteer& gazetteer() {
  static std::unique_ptr<Gazetteer> gaz = [] {
    auto g = Gazetteer::open(Gazetteer::default_path());
    if (!g.ok()) {
      ADD_FAILURE() << g.status().to_string();
      std::abort();
    }
    return std::make_unique<Gazetteer>(std::move(g).value());
  }();
  return *gaz;
}

// An input article as the readers make one; `source` is the outlet.
inline Article article(const std::string& id, const std::string& text, const std::string& lang, const std::string& date,
                       const std::string& source = "") {
  Article a;
  a.id = id;
  a.text = text;
  a.lang = lang;
  a.source = source;
  a.date = Date::parse_iso(date);
  return a;
}

inline ArticleResult code_text(const std::string& text, const std::string& lang, const std::string& date,
                               Trace* trace = nullptr) {
  Pipeline p(lexicon(), {lang, false}, &gazetteer());
  return p.process(article("test", text, lang, date), trace);
}

}  // namespace kabar::testing
