// Acceptance on the article this project began from (../shared/seeds): every
// `must` event (same source country, target country and CAMEO root), nothing
// from a `must_not` line, article date 2022-11-09, the meeting placed in
// Tehran.
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>
#include <simdjson.h>

#include "kabar/ingest.h"
#include "test_support.h"

namespace kabar {
namespace {

constexpr const char* kSeed = "seeds/kompastv-2022-11-09-rusia-iran";

std::string country_of(std::string_view code) { return std::string(code.substr(0, 3)); }

TEST(SeedAcceptanceTest, KompasTvRussiaIran) {
  KABAR_REQUIRE_SHARED(std::string(kSeed) + ".expected.json");
  const std::string base = testing::shared_dir() + "/" + kSeed;
  std::ifstream txt(base + ".txt");
  std::stringstream bytes;
  bytes << txt.rdbuf();
  auto article = text_article(bytes.str(), base + ".txt", {});
  ASSERT_TRUE(article.ok()) << article.status().to_string();
  Pipeline pipeline(testing::lexicon(), {"id", false});
  ArticleResult r = pipeline.process(std::move(article).value());

  ASSERT_TRUE(r.date.has_value());
  EXPECT_EQ(r.date->to_string(), "2022-11-09");
  EXPECT_EQ(r.date_from, "text");
  EXPECT_EQ(r.lang, "id");

  simdjson::dom::parser parser;
  simdjson::dom::element expected = parser.load(base + ".expected.json");
  int must = 0, found = 0;
  for (simdjson::dom::element m : expected["must"].get_array()) {
    std::string src = country_of(std::string_view(m["source"])), tgt = country_of(std::string_view(m["target"]));
    std::string root{std::string_view(m["root"])};
    ++must;
    bool hit = false;
    for (const auto& e : r.events)
      if (e.source && e.target && e.source->country == src && e.target->country == tgt && e.root == root) hit = true;
    found += hit;
    EXPECT_TRUE(hit) << "missing must event " << src << " -> " << tgt << " root " << root << ": "
                     << std::string_view(m["evidence"]);
  }
  std::cout << "[ seed     ] must events found: " << found << " of " << must << "\n";
  for (simdjson::dom::element m : expected["must_not"].get_array()) {
    std::string_view text = m["text"];
    for (const auto& e : r.events)
      EXPECT_EQ(e.text.find(text), std::string::npos) << "event from a must_not line: " << text;
  }
  bool meeting_in_tehran = false;
  for (const auto& e : r.events)
    if (e.code == "040" && e.sentence == 0 && e.place && e.place->name == "Tehran" && e.place->country == "IRN")
      meeting_in_tehran = true;
  EXPECT_TRUE(meeting_in_tehran) << "the meeting must be placed in Tehran";
  // Boilerplate is metadata: cited sources come from the "Sumber :" line.
  EXPECT_EQ(r.document.cited_sources, (std::vector<std::string>{"Straits Times", "Tass", "Ria Novosti"}));
}

}  // namespace
}  // namespace kabar
