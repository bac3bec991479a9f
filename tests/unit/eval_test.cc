// Gold readers and scoring, on small gold files written by the team.
#include <gtest/gtest.h>

#include "kabar/eval.h"
#include "test_support.h"

namespace kabar {
namespace {

std::string gold_path(const char* name) { return testing::source_dir() + "/tests/data/gold/" + name; }

TEST(GoldReaderTest, KabarJsonlIncludingTheTabariConversion) {
  auto g = read_gold(gold_path("small.jsonl"));
  ASSERT_TRUE(g.ok()) << g.status().to_string();
  EXPECT_EQ(g->format, "kabar-jsonl");
  ASSERT_EQ(g->records.size(), 4u);
  ASSERT_EQ(g->skipped.size(), 1u);
  EXPECT_NE(g->skipped[0].find("small.jsonl:5: malformed JSON"), std::string::npos) << g->skipped[0];
  EXPECT_TRUE(g->records[1].no_events);
  EXPECT_EQ(g->records[3].events[0].code, "195");                    // "expected"/"event" keys
  EXPECT_EQ(g->records[3].date->to_string(), "1995-01-01");          // TABARI YYMMDD
}

TEST(GoldReaderTest, PetrarchXmlIsReadTolerantly) {
  auto g = read_gold(gold_path("small.petr.xml"));
  ASSERT_TRUE(g.ok()) << g.status().to_string();
  EXPECT_EQ(g->format, "petrarch-xml");
  ASSERT_EQ(g->records.size(), 2u);
  EXPECT_EQ(g->records[0].id, "P-1");
  EXPECT_EQ(g->records[0].text, "Russia attacked Ukraine on Monday & Tuesday.");
  ASSERT_EQ(g->records[0].events.size(), 1u);
  EXPECT_EQ(g->records[0].events[0].source, "RUS");
  EXPECT_TRUE(g->records[1].no_events);
  EXPECT_EQ(g->records[1].date->to_string(), "2024-05-01");
  // A <Config> between records holds for the records after it.
  EXPECT_TRUE(g->records[0].options.empty());
  EXPECT_EQ(g->records[1].options, std::vector<std::string>{"CONFIG: require_dyad = false"});
}

TEST(GoldReaderTest, PloverJsonMapsOldTypeNames) {
  auto g = read_gold(gold_path("small.plover.json"));
  ASSERT_TRUE(g.ok()) << g.status().to_string();
  EXPECT_EQ(g->kind, GoldKind::kPlover);
  ASSERT_EQ(g->records.size(), 2u);  // the DOCUMENT record is not a record
  EXPECT_EQ(g->records[0].events[0].code, "ASSAULT");
  EXPECT_EQ(g->records[1].events[0].code, "ACCUSE");
  EXPECT_EQ(g->records[1].events[0].source, "USAGOV");
}

TEST(GoldReaderTest, TabariValidationText) {
  auto g = read_gold(gold_path("small.tabari.text"));
  ASSERT_TRUE(g.ok()) << g.status().to_string();
  EXPECT_EQ(g->format, "tabari-validate");
  ASSERT_EQ(g->records.size(), 6u);  // the standard records, up to FINAL-01
  struct Want { const char* id; const char* text; size_t events; bool no_events; };
  const Want want[] = {
      {"T-01", "Norland accused Sudland of shelling the border town on Friday, officials said.", 1, false},
      {"T-02", "Norland and Sudland met in Ostmark.", 2, false},
      {"T-03", "The weather was fine in Norland.", 0, true},
      {"T-04", "Norland praised Sudland.", 1, false},
      {"T-05", "Sudland thanked Norland.", 1, false},  // a mistyped 7-digit date (its first six read); OPTION is not an event
      {"FINAL-01", "The end of the standard records.", 0, true},
  };
  for (size_t i = 0; i < std::size(want); ++i) {
    SCOPED_TRACE(want[i].id);
    EXPECT_EQ(g->records[i].id, want[i].id);
    EXPECT_EQ(g->records[i].text, want[i].text);
    EXPECT_EQ(g->records[i].events.size(), want[i].events);
    EXPECT_EQ(g->records[i].no_events, want[i].no_events);
  }
  EXPECT_EQ(g->records[0].date->to_string(), "2024-03-01");
  EXPECT_EQ(g->records[0].events[0].source, "NOR");
  EXPECT_EQ(g->records[0].events[0].target, "SUD");
  EXPECT_EQ(g->records[0].events[0].code, "112");
  EXPECT_EQ(g->records[4].date->to_string(), "2024-03-04");  // "2403041": TABARI reads six digits
  EXPECT_EQ(g->records[4].options, std::vector<std::string>{"SET: VERB USAGE = FALSE"});
  // An option whose brace is never closed runs to the end of the comment.
  EXPECT_EQ(g->records[2].options, std::vector<std::string>{"SET: MINIMUM WORDS = 4"});
  // Said once each: the comment left open, and the special record left out.
  ASSERT_EQ(g->notes.size(), 2u);
  EXPECT_NE(g->notes[0].find("small.tabari.text:24: record T-04: comment not closed"), std::string::npos) << g->notes[0];
  EXPECT_NE(g->notes[1].find("1 records after FINAL-01"), std::string::npos) << g->notes[1];
}

TEST(GoldReaderTest, RejectsWhatItCannotRead) {
  EXPECT_EQ(read_gold(gold_path("missing.jsonl")).status().code(), ErrorCode::kNotFound);
  auto not_gold = read_gold(testing::source_dir() + "/README.md");
  EXPECT_FALSE(not_gold.ok());
}

TEST(EvaluateTest, CountsExactRecordsAndMicroScoresPerLevel) {
  auto g = read_gold(gold_path("small.jsonl"));
  ASSERT_TRUE(g.ok());
  Pipeline pipeline(testing::lexicon(), {"en", false});
  EvalResult r = evaluate(*g, pipeline, EvalOptions{});
  // g1 exact; g2 exact (nothing expected, nothing coded); g3 gets USA/IRN/111
  // where 112 is expected: wrong code, right root; g4 codes 190 for 195.
  EXPECT_EQ(r.records, 4u);
  EXPECT_EQ(r.exact, 2u);
  EXPECT_EQ(r.code.tp, 2u);
  EXPECT_EQ(r.code.fp, 2u);
  EXPECT_EQ(r.code.fn, 2u);
  EXPECT_EQ(r.root.tp, 4u);  // 111 vs 112 share root 11; 190 vs 195 share root 19
  EXPECT_EQ(r.root.fn, 0u);
  EXPECT_EQ(r.quad.tp, 4u);
  EXPECT_DOUBLE_EQ(r.code.precision(), 0.5);
  ASSERT_EQ(r.failures.size(), 2u);
  EXPECT_EQ(r.failures[0].id, "g3");
  EXPECT_EQ(r.failures[0].expected, "USA/IRN/112 USA/RUS/111");
  EXPECT_EQ(r.failures[0].got, "USA/IRN/111 USA/RUS/111");
  EXPECT_EQ(r.per_root.at("11").tp, 2u);
  EXPECT_EQ(r.per_root.at("11").fp, 0u);
  EXPECT_EQ(r.per_root.at("19").tp, 2u);
}

TEST(EvaluateTest, PloverGoldComparesTypesAndCountries) {
  auto g = read_gold(gold_path("small.plover.json"));
  ASSERT_TRUE(g.ok());
  Pipeline pipeline(testing::lexicon(), {"en", false});
  EvalResult r = evaluate(*g, pipeline, EvalOptions{});
  EXPECT_EQ(r.plover.tp, 2u) << format_eval(*g, r);
  EXPECT_EQ(r.exact, 2u);
}

TEST(NerEvalTest, TypedAndUntypedSpanMatches) {
  auto r = evaluate_ner(testing::source_dir() + "/tests/data/ner-small.conll", *testing::lexicon().language("id"));
  ASSERT_TRUE(r.ok()) << r.status().to_string();
  EXPECT_EQ(r->sentences, 2u);
  // Joko Widodo (person, dated offices matched whatever the date), Jakarta
  // (a place), KPK (an institution) are known; Budi Santoso is not.
  EXPECT_EQ(r->by_type["PER"].tp, 1u);
  EXPECT_EQ(r->by_type["PER"].fn, 1u);
  EXPECT_EQ(r->by_type["LOC"].tp, 1u);
  EXPECT_EQ(r->by_type["ORG"].tp, 1u);
  EXPECT_EQ(r->all.fp, 0u) << format_ner(*r);
  EXPECT_EQ(r->untyped.tp, 3u);
  EXPECT_FALSE(evaluate_ner(testing::source_dir() + "/tests/data/none.conll", *testing::lexicon().language("id")).ok());
}

}  // namespace
}  // namespace kabar
