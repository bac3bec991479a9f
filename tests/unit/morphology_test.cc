// The Indonesian analyser against tests/data/morphology-id.tsv: 556 word →
// root cases written by the team (meN-/peN- assimilation, di-, ter-, ber-,
// ke-…-an, per-…-an, memper-, -kan/-i/-an, -nya/-ku/-mu, -lah/-kah/-pun,
// reduplication, and roots that look prefixed: menteri, mereka, perang).
#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "kabar/morphology.h"
#include "test_support.h"
#include "util/strings.h"

namespace kabar {
namespace {

const IndonesianAnalyser* analyser_with_roots() {
  static std::unique_ptr<IndonesianAnalyser> a = [] {
    std::unique_ptr<IndonesianAnalyser> out;
    auto roots = IndonesianAnalyser::read_hunspell_roots(kHunspellIndonesian);
    if (roots.ok()) out = std::make_unique<IndonesianAnalyser>(std::move(roots).value());
    return out;
  }();
  return a.get();
}

TEST(IndonesianAnalyserTest, WordToRootTable) {
  const IndonesianAnalyser* a = analyser_with_roots();
  if (!a) GTEST_SKIP() << "SKIPPED: " << kHunspellIndonesian << " is absent (scripts/setup installs hunspell-id)";
  std::ifstream in(testing::source_dir() + "/tests/data/morphology-id.tsv");
  ASSERT_TRUE(in);
  std::string line;
  size_t cases = 0;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    auto f = split(line, '\t');
    ASSERT_GE(f.size(), 2u) << line;
    ++cases;
    EXPECT_EQ(a->root(f[0]), f[1]) << f[0] << " (" << (f.size() > 2 ? f[2] : "") << ")";
  }
  EXPECT_GE(cases, 200u);
}

TEST(IndonesianAnalyserTest, AffixesAndVoice) {
  const IndonesianAnalyser* a = analyser_with_roots();
  if (!a) GTEST_SKIP() << "SKIPPED: " << kHunspellIndonesian << " is absent";
  struct Case { const char* word; const char* root; const char* prefixes; const char* suffix; bool passive; } cases[] = {
      {"menyerang", "serang", "me", "", false},
      {"diserang", "serang", "di", "", true},
      {"mengunjungi", "kunjung", "me", "i", false},
      {"menyampaikan", "sampai", "me", "kan", false},
      {"diperingatkan", "ingat", "diper", "kan", true},
      {"tertangkap", "tangkap", "ter", "", true},
      {"pertemuan", "temu", "per", "an", false},
  };
  for (const auto& c : cases) {
    MorphAnalysis m = a->analyse(c.word);
    EXPECT_EQ(m.root, c.root) << c.word;
    EXPECT_EQ(m.prefixes, c.prefixes) << c.word;
    EXPECT_EQ(m.suffix, c.suffix) << c.word;
    EXPECT_EQ(m.passive, c.passive) << c.word;
    EXPECT_TRUE(m.in_root_list) << c.word;
  }
}

TEST(IndonesianAnalyserTest, VerbKeysSeparateDerivationButNotVoiceOrClitics) {
  const IndonesianAnalyser* a = analyser_with_roots();
  if (!a) GTEST_SKIP() << "SKIPPED: " << kHunspellIndonesian << " is absent";
  auto key = [&](const char* w) { return verb_key(a->analyse(w)); };
  EXPECT_EQ(key("menyerang"), "serang||#a");
  EXPECT_EQ(key("menyerangnya"), key("menyerang"));
  EXPECT_EQ(key("diserang"), "serang||#p");
  EXPECT_EQ(key("memperingatkan"), "ingat|per|kan#a");
  EXPECT_NE(key("mengingatkan"), key("memperingatkan"));
  EXPECT_EQ(key("diperingatkan"), "ingat|per|kan#p");
  EXPECT_EQ(key("pertemuan"), "");  // not a meN-/di- verb
}

TEST(IndonesianAnalyserTest, WithoutARootListItGuessesTheShallowestStrip) {
  IndonesianAnalyser a;
  EXPECT_EQ(a.root("menyerang"), "serang");
  EXPECT_FALSE(a.analyse("menyerang").in_root_list);
  EXPECT_EQ(a.root("rudal"), "rudal");
}

TEST(IndonesianAnalyserTest, ReadsHunspellFilesAndReportsMissingOnes) {
  namespace fs = std::filesystem;
  fs::path p = fs::temp_directory_path() / ("kabar_roots_" + std::to_string(::getpid()) + ".dic");
  std::ofstream(p) << "3\nserang/M0D0P0\nrudal\nkunjung/MiP0a0\n";
  auto roots = IndonesianAnalyser::read_hunspell_roots(p.string());
  ASSERT_TRUE(roots.ok());
  EXPECT_EQ(roots->size(), 3u);
  EXPECT_EQ(roots->at("serang").flag_count, 3);
  IndonesianAnalyser a(std::move(roots).value());
  EXPECT_EQ(a.root("mengunjungi"), "kunjung");
  EXPECT_TRUE(a.analyse("diserang").in_root_list);
  fs::remove(p);
  EXPECT_EQ(IndonesianAnalyser::read_hunspell_roots("/nonexistent.dic").status().code(), ErrorCode::kNotFound);
}

}  // namespace
}  // namespace kabar
