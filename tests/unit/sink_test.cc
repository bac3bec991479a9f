#include <filesystem>

#include <gtest/gtest.h>
#include <simdjson.h>

#include "kabar/sink.h"
#include "test_support.h"

namespace kabar {
namespace {

TEST(JsonTest, EscapesEverythingJsonRequires) {
  struct Case { std::string in, out; } cases[] = {
      {"plain", "\"plain\""},
      {"say \"hi\"", "\"say \\\"hi\\\"\""},
      {"back\\slash", "\"back\\\\slash\""},
      {"line\nbreak\ttab", "\"line\\nbreak\\ttab\""},
      {std::string("nul\x01"), "\"nul\\u0001\""},
      {"“kamikaze”", "\"“kamikaze”\""},
  };
  for (const auto& c : cases) {
    std::string out;
    append_json_string(out, c.in);
    EXPECT_EQ(out, c.out);
  }
}

TEST(JsonTest, EventLinesParseAndKeepTheContractFields) {
  const std::string text = "Kepala keamanan Rusia dan Iran melakukan pertemuan di Teheran, Rabu (9/11/2022).";
  ArticleResult r = testing::code_text(text, "id", "");
  ASSERT_EQ(r.events.size(), 2u);
  simdjson::dom::parser parser;
  for (const auto& e : r.events) {
    std::string line = event_to_json(e, testing::lexicon());
    EXPECT_EQ(line.find('\n'), std::string::npos);
    simdjson::dom::element doc;
    ASSERT_EQ(parser.parse(line).get(doc), simdjson::SUCCESS) << line;
    for (const char* field : {"id", "article", "sentence", "text", "source", "target", "code", "root", "quad",
                              "goldstein", "plover", "date", "place", "modality", "evidence"})
      EXPECT_EQ(doc[field].error(), simdjson::SUCCESS) << "missing " << field;
    EXPECT_EQ(std::string_view(doc["code"]), "040");
    EXPECT_EQ(std::string_view(doc["date"]), "2022-11-09");
    EXPECT_EQ(std::string_view(doc["place"]["name"]), "Tehran");
    simdjson::dom::array span = doc["evidence"]["trigger"];
    uint64_t b = span.at(0), en = span.at(1);
    EXPECT_EQ(text.substr(b, en - b), "melakukan");
  }
}

TEST(TsvTest, OneLinePerEventWithoutTabsInCells) {
  ArticleResult r = testing::code_text("Rusia menyerang Ukraina.\tLalu pergi.", "id", "2024-01-01");
  ASSERT_FALSE(r.events.empty());
  const std::string row = event_to_tsv(r.events[0]), header = tsv_header();
  EXPECT_EQ(std::count(row.begin(), row.end(), '\t'), std::count(header.begin(), header.end(), '\t'));
}

TEST(SqliteStoreTest, ReingestReplacesAndCountsStayTrue) {
  auto path = std::filesystem::temp_directory_path() / ("kabar_store_" + std::to_string(::getpid()) + ".db");
  std::filesystem::remove(path);
  {
    auto store = SqliteStore::open(path.string());
    ASSERT_TRUE(store.ok()) << store.status().to_string();
    ArticleResult r = testing::code_text("Rusia menyerang Ukraina. Amerika Serikat mengecam Rusia.", "id", "2024-01-01");
    ASSERT_EQ(r.events.size(), 2u);
    for (int round = 0; round < 3; ++round) {
      ASSERT_TRUE((*store)->begin().ok());
      ASSERT_TRUE((*store)->put_article(r, testing::lexicon()).ok());
      ASSERT_TRUE((*store)->commit().ok());
    }
    EXPECT_EQ(*(*store)->count("articles"), 1);
    EXPECT_EQ(*(*store)->count("events"), 2);
    auto rows = (*store)->events(0);
    ASSERT_TRUE(rows.ok());
    EXPECT_EQ((*rows)[0].code, "190");
  }
  std::filesystem::remove(path);
  std::filesystem::remove(path.string() + "-wal");
  std::filesystem::remove(path.string() + "-shm");
}

}  // namespace
}  // namespace kabar
