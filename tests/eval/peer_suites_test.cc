// kabar on the peers' own test suites and gold sets in ../shared:
//   * TABARI's validation suite (Validate.text, 473 standard records) with its
//     own dictionaries (Validate.project), and PETRARCH's unit-test records
//     (PETR.UnitTest.records.xml, 281) with its PETR.Validate.* dictionaries,
//     both read by conversion (kabar/peer_dictionaries.h), no parse trees;
//   * with kabar's own dictionaries, PETRARCH-2's GSR validation and the
//     PLOVER GSR.
// The scores are printed and every failing record written to
// build/test-artifacts/; the assertions check that every record was read and
// guard the scores against regressions below the level recorded in
// docs/EVALUATION.md.
#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "kabar/eval.h"
#include "kabar/peer_dictionaries.h"
#include "test_support.h"

namespace kabar {
namespace {

// The gold file scored with the peer dictionaries named by `specs`; the
// failing records go to build/test-artifacts/<report>.
EvalResult score_with_peer_dictionaries(const GoldFile& gold, const std::vector<std::string>& specs,
                                        const std::string& report, size_t& warnings) {
  auto peers = read_peer_dictionaries(specs);
  EXPECT_TRUE(peers.ok()) << peers.status().to_string();
  if (!peers.ok()) return {};
  LexiconOptions o;
  o.peer_files = &peers->files;
  o.peer_settings = peers->settings;
  auto lex = Lexicon::load(testing::data_dir(), o);
  EXPECT_TRUE(lex.ok()) << lex.status().to_string();
  if (!lex.ok()) return {};
  warnings = peers->warnings.size() + (*lex)->warnings().size();
  PipelineOptions po{"en", false};
  po.article_annotations = false;
  Pipeline pipeline(**lex, po);
  EvalResult r = evaluate(gold, pipeline, EvalOptions{"full", "en"});
  const std::filesystem::path dir = std::filesystem::path(KABAR_BINARY_DIR) / "test-artifacts";
  std::filesystem::create_directories(dir);
  std::ofstream(dir / report) << format_failures(r);
  std::cout << "[ failing records written to " << (dir / report).string() << " ]\n";
  return r;
}

TEST(PeerSuitesTest, TabariValidationWithItsOwnDictionaries) {
  KABAR_REQUIRE_SHARED("eval/coders/tabari/Validate.text");
  const std::string dir = testing::shared_dir() + "/eval/coders/tabari/";
  auto g = read_gold(dir + "Validate.text");
  ASSERT_TRUE(g.ok()) << g.status().to_string();
  EXPECT_EQ(g->records.size(), 473u);  // TABARI's standard records
  EXPECT_TRUE(g->skipped.empty());
  size_t warnings = 0;
  EvalResult r = score_with_peer_dictionaries(*g, {"tabari:" + dir + "Validate.project"}, "tabari-validate-failures.txt", warnings);
  std::cout << "[ TABARI validation ] " << format_eval(*g, r);
  EXPECT_EQ(r.records, 473u);
  // TABARI passes all 473 (the target is 95 %); kabar's level today, as a floor.
  EXPECT_GE(r.exact, 451u);
  EXPECT_LE(warnings, 80u);
}

TEST(PeerSuitesTest, PetrarchUnitTestsWithTheirOwnDictionaries) {
  KABAR_REQUIRE_SHARED("eval/coders/petrarch_classic/PETR.UnitTest.records.xml");
  const std::string dir = testing::shared_dir() + "/eval/coders/petrarch_classic/";
  auto g = read_gold(dir + "PETR.UnitTest.records.xml");
  ASSERT_TRUE(g.ok()) << g.status().to_string();
  EXPECT_EQ(g->records.size(), 281u);
  size_t warnings = 0;
  EvalResult r = score_with_peer_dictionaries(*g, {"petrarch:" + dir}, "petrarch-unittest-failures.txt", warnings);
  std::cout << "[ PETRARCH unit tests ] " << format_eval(*g, r);
  EXPECT_EQ(r.records, 281u);
  // PETRARCH-1 passes 276 (the target is 90 %); kabar's level today, as a floor.
  EXPECT_GE(r.exact, 254u);
  EXPECT_LE(warnings, 80u);
}

TEST(PeerSuitesTest, Petrarch2GsrValidation) {
  KABAR_REQUIRE_SHARED("eval/coders/universal_petrarch/PETR2_GSR_validation.xml");
  auto g = read_gold(testing::shared_dir() + "/eval/coders/universal_petrarch/PETR2_GSR_validation.xml");
  ASSERT_TRUE(g.ok()) << g.status().to_string();
  EXPECT_EQ(g->records.size(), 78u);
  Pipeline pipeline(testing::lexicon(), {"en", false});
  EvalResult r = evaluate(*g, pipeline, EvalOptions{"country", "en"});
  std::cout << "[ PETR2 GSR ] " << format_eval(*g, r);
  EXPECT_GE(r.root.f1(), 0.38);
}

TEST(PeerSuitesTest, PloverGsrCameo) {
  KABAR_REQUIRE_SHARED("eval/coders/plover/PLOVER_GSR_CAMEO.txt");
  auto g = read_gold(testing::shared_dir() + "/eval/coders/plover/PLOVER_GSR_CAMEO.txt");
  ASSERT_TRUE(g.ok()) << g.status().to_string();
  EXPECT_EQ(g->records.size(), 322u);
  Pipeline pipeline(testing::lexicon(), {"en", false});
  EvalResult r = evaluate(*g, pipeline, EvalOptions{});
  std::cout << "[ PLOVER GSR ] " << format_eval(*g, r);
  EXPECT_GE(r.plover.f1(), 0.23);
}

}  // namespace
}  // namespace kabar
