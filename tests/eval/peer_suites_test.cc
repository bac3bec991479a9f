// kabar, with its own dictionaries, on the peers' real-news gold sets in
// ../shared (PETRARCH-2's GSR validation and the PLOVER GSR). The scores are
// printed; the assertions check that every record was read and guard the
// scores against regressions below the level recorded in docs/EVALUATION.md.
#include <gtest/gtest.h>

#include "kabar/eval.h"
#include "test_support.h"

namespace kabar {
namespace {

TEST(PeerSuitesTest, Petrarch2GsrValidation) {
  KABAR_REQUIRE_SHARED("eval/coders/universal_petrarch/PETR2_GSR_validation.xml");
  auto g = read_gold(testing::shared_dir() + "/eval/coders/universal_petrarch/PETR2_GSR_validation.xml");
  ASSERT_TRUE(g.ok()) << g.status().to_string();
  EXPECT_EQ(g->records.size(), 78u);
  Pipeline pipeline(testing::lexicon(), {"en", false});
  EvalResult r = evaluate(*g, pipeline, EvalOptions{"country", "en"});
  std::cout << "[ PETR2 GSR ] " << format_eval(*g, r);
  EXPECT_GE(r.root.f1(), 0.10);
}

TEST(PeerSuitesTest, PloverGsrCameo) {
  KABAR_REQUIRE_SHARED("eval/coders/plover/PLOVER_GSR_CAMEO.txt");
  auto g = read_gold(testing::shared_dir() + "/eval/coders/plover/PLOVER_GSR_CAMEO.txt");
  ASSERT_TRUE(g.ok()) << g.status().to_string();
  EXPECT_EQ(g->records.size(), 322u);
  Pipeline pipeline(testing::lexicon(), {"en", false});
  EvalResult r = evaluate(*g, pipeline, EvalOptions{});
  std::cout << "[ PLOVER GSR ] " << format_eval(*g, r);
  EXPECT_GE(r.plover.f1(), 0.15);
}

}  // namespace
}  // namespace kabar
