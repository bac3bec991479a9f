#include <filesystem>

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <simdjson.h>
#include <sqlite3.h>

#include "kabar/ingest.h"
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

// Long strings go 8 bytes at a time: an escape at any offset of a block,
// bytes next to the thresholds (0x1f/0x20, 0x7f, 0x80–0xff) and the tail
// after the last whole block all come out as the byte-by-byte rule says.
TEST(JsonTest, EscapesAtEveryOffsetOfLongStrings) {
  auto one_by_one = [](std::string_view s) {
    std::string o = "\"";
    for (unsigned char c : s) {
      if (c == '"') o += "\\\"";
      else if (c == '\\') o += "\\\\";
      else if (c == '\n') o += "\\n";
      else if (c == '\r') o += "\\r";
      else if (c == '\t') o += "\\t";
      else if (c < 0x20) o += fmt::format("\\u{:04x}", c);
      else o += static_cast<char>(c);
    }
    return o + "\"";
  };
  const std::string base = "Jakarta and Moscow signed a pact on Wednesday";  // 45 bytes: 5 blocks and a tail
  for (char special : {'"', '\\', '\n', '\x1f', '\x01', ' ', '\x7f', '\x80', '\xff', '!'}) {
    for (size_t at = 0; at < base.size(); ++at) {
      std::string in = base;
      in[at] = special;
      std::string out;
      append_json_string(out, in);
      EXPECT_EQ(out, one_by_one(in)) << "byte " << static_cast<int>(static_cast<unsigned char>(special)) << " at " << at;
    }
  }
  std::string out;
  append_json_string(out, std::string(64, '\\'));
  EXPECT_EQ(out, "\"" + std::string(128, '\\') + "\"");
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

// Schema v4: what the article says besides events. One row per sentence,
// per actor in each mention, per place mention, per quotation; re-ingesting
// replaces them.
TEST(SqliteStoreTest, SentencesMentionsPlacesAndQuotesAreStored) {
  auto path = std::filesystem::temp_directory_path() / ("kabar_parts_" + std::to_string(::getpid()) + ".db");
  std::filesystem::remove(path);
  {
    auto store = SqliteStore::open(path.string());
    ASSERT_TRUE(store.ok()) << store.status().to_string();
    ArticleResult r = testing::code_text(
        "Rusia menyerang Kharkiv di Ukraina. “Kami akan membalas serangan ini,” kata Presiden Volodymyr Zelensky.",
        "id", "2024-01-01");
    for (int round = 0; round < 2; ++round) {
      ASSERT_TRUE((*store)->begin().ok());
      ASSERT_TRUE((*store)->put_article(r, testing::lexicon()).ok());
      ASSERT_TRUE((*store)->commit().ok());
    }
    EXPECT_EQ(*(*store)->count("sentences"), 2);
    size_t actors = 0, places = 0;
    for (const auto& a : r.annotations) {
      for (const auto& m : a.mentions) actors += m.actors.size();
      places += a.places.size();
    }
    EXPECT_GE(actors, 3u);  // Rusia, Ukraina, Zelensky
    EXPECT_EQ(*(*store)->count("actor_mentions"), static_cast<int64_t>(actors));
    EXPECT_EQ(*(*store)->count("place_mentions"), static_cast<int64_t>(places));
    EXPECT_GE(places, 1u);  // Kharkiv
    EXPECT_EQ(*(*store)->count("quotes"), 1);
  }
  // Read back with plain SQL: the quote, its speaker, its sentence.
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.string().c_str(), &db), SQLITE_OK);
  sqlite3_stmt* s = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(db,
                               "SELECT q.text, q.speaker_code, q.speaker_name, s.idx, p.name, p.country "
                               "FROM quotes q JOIN sentences s ON s.article = q.article AND s.idx = q.sentence "
                               "JOIN place_mentions p ON p.article = q.article",
                               -1, &s, nullptr),
            SQLITE_OK);
  ASSERT_EQ(sqlite3_step(s), SQLITE_ROW);
  auto col = [&](int i) { return std::string(reinterpret_cast<const char*>(sqlite3_column_text(s, i))); };
  EXPECT_EQ(col(0), "Kami akan membalas serangan ini");
  EXPECT_EQ(col(1), "UKRGOV");
  EXPECT_EQ(col(2), "Presiden Volodymyr Zelensky");
  EXPECT_EQ(sqlite3_column_int(s, 3), 1);
  EXPECT_EQ(col(4), "Kharkiv");
  EXPECT_EQ(col(5), "UKR");
  sqlite3_finalize(s);
  sqlite3_close(db);
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path.string() + suffix);
}

class StoreQueryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = std::filesystem::temp_directory_path() / ("kabar_query_" + std::to_string(::getpid()) + ".db");
    std::filesystem::remove(path_);
    auto store = SqliteStore::open(path_.string());
    ASSERT_TRUE(store.ok()) << store.status().to_string();
    store_ = std::move(store).value();
    ASSERT_TRUE(store_->begin().ok());
    put("a1", "Rusia menyerang Ukraina pada Selasa. Amerika Serikat mengecam Rusia.", "2024-01-02");
    put("a2", "Indonesia mengirim bantuan kemanusiaan ke Gaza.", "2024-02-10");
    ASSERT_TRUE(store_->commit().ok());
  }
  void TearDown() override {
    store_.reset();
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path_.string() + suffix);
  }
  void put(const char* id, const char* text, const char* date) {
    Pipeline p(testing::lexicon(), {"id", false});
    ASSERT_TRUE(store_->put_article(p.process(testing::article(id, text, "id", date)), testing::lexicon()).ok());
  }
  std::vector<std::string> codes(const SqliteStore::EventQuery& q) {
    auto rows = store_->query(q);
    EXPECT_TRUE(rows.ok()) << rows.status().to_string();
    std::vector<std::string> out;
    if (rows.ok())
      for (const auto& r : *rows) out.push_back(r.source + ">" + r.target + ":" + r.code);
    return out;
  }
  std::filesystem::path path_;
  std::unique_ptr<SqliteStore> store_;
};

TEST_F(StoreQueryTest, FiltersCombine) {
  using Q = SqliteStore::EventQuery;
  Q all;
  EXPECT_EQ(codes(all).size(), 3u);
  Q actor;
  actor.actor = "RUS";
  EXPECT_EQ(codes(actor), (std::vector<std::string>{"RUS>UKR:190", "USA>RUS:111"}));
  Q target;
  target.target = "RUS";
  EXPECT_EQ(codes(target), (std::vector<std::string>{"USA>RUS:111"}));
  Q root;
  root.code = "19";
  EXPECT_EQ(codes(root), (std::vector<std::string>{"RUS>UKR:190"}));
  Q quad;
  quad.quad = 2;
  EXPECT_EQ(codes(quad), (std::vector<std::string>{"IDN>GZS:073"}));
  Q range;
  range.from = Date{2024, 2, 1};
  EXPECT_EQ(codes(range), (std::vector<std::string>{"IDN>GZS:073"}));
  Q text;
  text.text = "mengecam";
  EXPECT_EQ(codes(text), (std::vector<std::string>{"USA>RUS:111"}));
  Q bad_text;
  bad_text.text = "\"unbalanced";
  EXPECT_FALSE(store_->query(bad_text).ok()) << "a malformed FTS expression is an error, not an empty answer";
}

TEST_F(StoreQueryTest, FilteredStatsCountWhatTheQueryFinds) {
  using Q = SqliteStore::EventQuery;
  Q all, rus, conflict, feb, words;
  rus.actor = "RUS";
  conflict.quad = 4;
  feb.from = Date::parse_iso("2024-02-01");
  words.text = "bantuan";
  for (const Q& q : {all, rus, conflict, feb, words}) {
    auto events = store_->query(q);
    ASSERT_TRUE(events.ok());
    for (const char* by : {"day", "root", "quad", "pair", "country", "day-quad"}) {
      auto rows = store_->stats(by, q);
      ASSERT_TRUE(rows.ok()) << by << ": " << rows.status().to_string();
      int64_t total = 0;
      for (const auto& r : *rows) total += r.events;
      EXPECT_EQ(total, static_cast<int64_t>(events->size())) << by;
    }
  }
  auto timeline = store_->stats("day-quad", rus);
  ASSERT_TRUE(timeline.ok());
  ASSERT_FALSE(timeline->empty());
  EXPECT_EQ(timeline->front().key, "2024-01-02 3") << "in key order: day, then QuadClass";
  auto where = store_->stats("country", conflict);
  ASSERT_TRUE(where.ok());
  for (const auto& r : *where) EXPECT_TRUE(r.key.empty() || r.key.size() == 3) << r.key;
  Q bad;
  bad.text = "\"open";
  EXPECT_FALSE(store_->stats("root", bad).ok());
}

TEST_F(StoreQueryTest, StatsGroupAndReingestKeepsTheFullTextIndexInStep) {
  auto by_root = store_->stats("root");
  ASSERT_TRUE(by_root.ok());
  EXPECT_EQ(by_root->size(), 3u);
  auto pairs = store_->stats("pair");
  ASSERT_TRUE(pairs.ok());
  EXPECT_EQ(pairs->front().events, 1);
  EXPECT_FALSE(store_->stats("weekday").ok());
  // Re-ingest a1 with different text: its old sentences leave the index.
  ASSERT_TRUE(store_->begin().ok());
  put("a1", "Rusia menyerang Ukraina pada Selasa.", "2024-01-02");
  ASSERT_TRUE(store_->commit().ok());
  SqliteStore::EventQuery text;
  text.text = "mengecam";
  EXPECT_TRUE(codes(text).empty());
  EXPECT_EQ(*store_->count("events"), 2);
}

TEST(SqliteMigrationTest, VersionOneStoresGainTheFullTextIndex) {
  auto path = std::filesystem::temp_directory_path() / ("kabar_v1_" + std::to_string(::getpid()) + ".db");
  std::filesystem::remove(path);
  {
    // A version-1 file as kabar 0.1 wrote it (no events_fts).
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(path.string().c_str(), &db), SQLITE_OK);
    const char* v1 =
        "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);"
        "INSERT INTO meta VALUES('schema_version','1');"
        "CREATE TABLE articles(id TEXT PRIMARY KEY, url TEXT, source TEXT, lang TEXT, title TEXT, date TEXT,"
        " dateline_place TEXT, dateline_outlet TEXT, cited_sources TEXT, origin TEXT, text TEXT NOT NULL);"
        "CREATE TABLE events(id TEXT PRIMARY KEY, article TEXT NOT NULL, sentence INTEGER NOT NULL, date TEXT,"
        " source_code TEXT, source_name TEXT, source_country TEXT, target_code TEXT, target_name TEXT,"
        " target_country TEXT, code TEXT NOT NULL, root TEXT NOT NULL, quad INTEGER NOT NULL, goldstein REAL NOT NULL,"
        " modality TEXT NOT NULL, place_name TEXT, place_country TEXT, lat REAL, lon REAL, text TEXT NOT NULL,"
        " json TEXT NOT NULL);"
        "INSERT INTO events VALUES('e1','a','0','2020-01-01','RUS','Rusia','RUS','UKR','Ukraina','UKR','190','19',4,"
        " -10.0,'asserted',NULL,NULL,NULL,NULL,'Rusia menyerang Ukraina.','{}');";
    ASSERT_EQ(sqlite3_exec(db, v1, nullptr, nullptr, nullptr), SQLITE_OK);
    sqlite3_close(db);
  }
  auto store = SqliteStore::open(path.string());
  ASSERT_TRUE(store.ok()) << store.status().to_string();
  EXPECT_EQ((*store)->schema_version(), 6);
  EXPECT_EQ(*(*store)->count("quotes"), 0) << "version 4 tables exist, empty until re-ingest";
  EXPECT_EQ(*(*store)->count("place_mentions"), 0);
  {
    // Version 5's gazetteer columns exist on the migrated table.
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(path.string().c_str(), &db), SQLITE_OK);
    EXPECT_EQ(sqlite3_exec(db, "SELECT fips, adm1, subdivision, geonames_id FROM place_mentions", nullptr, nullptr, nullptr),
              SQLITE_OK)
        << sqlite3_errmsg(db);
    sqlite3_close(db);
  }
  SqliteStore::EventQuery q;
  q.text = "menyerang";
  auto rows = (*store)->query(q);
  ASSERT_TRUE(rows.ok()) << rows.status().to_string();
  EXPECT_EQ(rows->size(), 1u) << "the migration indexes the sentences already stored";
  store->reset();
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path.string() + suffix);
}

// Team-written reports of the same missile strike from two outlets, one in
// Indonesian and one in English, plus a later strike and a reaction: the two
// reports become one happening with two mentions, two articles, two sources.
TEST(ClusterTest, ReportsOfOneHappeningShareACluster) {
  auto path = std::filesystem::temp_directory_path() / ("kabar_clusters_" + std::to_string(::getpid()) + ".db");
  std::filesystem::remove(path);
  auto store = SqliteStore::open(path.string());
  ASSERT_TRUE(store.ok()) << store.status().to_string();
  Pipeline pipeline(testing::lexicon(), {"id", false});
  auto ingest = [&](const std::vector<std::string>& inputs) {
    ASSERT_TRUE((*store)->begin().ok());
    read_inputs(inputs, {}, [&](Article&& a) {
      ASSERT_TRUE((*store)->put_article(pipeline.process(std::move(a)), testing::lexicon()).ok());
    }, [](const IngestProblem& p) { ADD_FAILURE() << p.status.message(); });
    ASSERT_TRUE((*store)->commit().ok());
  };
  const std::string dir = testing::source_dir() + "/tests/data/dedup";
  ingest({dir});
  auto clusters = (*store)->clusters(0);
  ASSERT_TRUE(clusters.ok());
  ASSERT_EQ(clusters->size(), 3u);
  const auto& strike = clusters->front();  // earliest first
  EXPECT_EQ(strike.source, "RUS");
  EXPECT_EQ(strike.target, "UKR");
  EXPECT_EQ(strike.root, "19");
  EXPECT_EQ(strike.first_date, "2025-03-03");
  EXPECT_EQ(strike.num_mentions, 2);
  EXPECT_EQ(strike.num_articles, 2);
  EXPECT_EQ(strike.num_sources, 2);
  EXPECT_EQ((*clusters)[2].first_date, "2025-03-18") << "two weeks later is another happening";
  // Ingesting the same reports again changes nothing, ids included.
  ingest({dir});
  auto again = (*store)->clusters(0);
  ASSERT_TRUE(again.ok());
  ASSERT_EQ(again->size(), 3u);
  EXPECT_EQ(again->front().id, strike.id);
  EXPECT_EQ(again->front().num_mentions, 2);
  store->reset();
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path.string() + suffix);
}

}  // namespace
}  // namespace kabar
