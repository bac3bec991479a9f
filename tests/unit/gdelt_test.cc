// GDELT 2.0 export: file names and index lines as GDELT's, 61 Event and 16
// Mention columns whose fields have GDELT's formats, read back by a plain
// tab-separated reader, and checked against ../shared's schemas when present.
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <simdjson.h>

#include "kabar/gdelt.h"
#include "kabar/ingest.h"
#include "test_support.h"
#include "util/md5.h"
#include "util/strings.h"
#include "util/zip.h"

namespace kabar {
namespace {

namespace fs = std::filesystem;

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<std::vector<std::string>> read_tsv(const std::string& text) {
  std::vector<std::vector<std::string>> rows;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    std::vector<std::string> cells;
    for (auto c : split(line, '\t')) cells.emplace_back(c);
    rows.push_back(std::move(cells));
  }
  return rows;
}

size_t schema_columns(const std::string& file) {
  std::ifstream in(testing::shared_dir() + "/reference/gdelt/" + file);
  size_t n = 0;
  for (std::string line; std::getline(in, line);) n += !line.empty();
  return n - 1;  // header
}

class GdeltExportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("kabar_gdelt_" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    auto store = SqliteStore::open((dir_ / "k.db").string());
    ASSERT_TRUE(store.ok());
    store_ = std::move(store).value();
    Pipeline pipeline(testing::lexicon(), {"id", false}, &testing::gazetteer());
    ASSERT_TRUE(store_->begin().ok());
    read_inputs({testing::source_dir() + "/examples", testing::source_dir() + "/tests/data/dedup"}, {},
                [&](Article&& a) { ASSERT_TRUE(store_->put_article(pipeline.process(std::move(a)), testing::lexicon()).ok()); },
                [](const IngestProblem&) {});
    ASSERT_TRUE(store_->commit().ok());
  }
  void TearDown() override {
    store_.reset();
    fs::remove_all(dir_);
  }
  fs::path dir_;
  std::unique_ptr<SqliteStore> store_;
};

TEST_F(GdeltExportTest, FilesRowsAndFieldsAsGdeltPublishesThem) {
  const fs::path out = dir_ / "out";
  auto result = export_gdelt(*store_, testing::lexicon(), out.string(), "20250305120000", "");
  ASSERT_TRUE(result.ok()) << result.status().to_string();
  ASSERT_EQ(result->files.size(), 3u);
  EXPECT_GT(result->events, 20u);
  EXPECT_GE(result->mentions, result->events);

  auto events_zip = slurp(out / "20250305120000.export.CSV.zip");
  auto events = unzip_one_entry(events_zip);
  ASSERT_TRUE(events.ok());
  auto mentions = unzip_one_entry(slurp(out / "20250305120000.mentions.CSV.zip"));
  ASSERT_TRUE(mentions.ok());
  auto event_rows = read_tsv(*events), mention_rows = read_tsv(*mentions);
  EXPECT_EQ(event_rows.size(), result->events);
  EXPECT_EQ(mention_rows.size(), result->mentions);

  const std::regex day(R"(\d{8})"), stamp(R"(\d{14})"), number(R"(-?\d+(\.\d+)?)");
  std::set<std::string> ids;
  for (const auto& r : event_rows) {
    ASSERT_EQ(r.size(), 61u);
    EXPECT_TRUE(std::regex_match(r[0], std::regex(R"(\d+)"))) << r[0];
    ids.insert(r[0]);
    EXPECT_TRUE(std::regex_match(r[1], day)) << r[1];
    EXPECT_EQ(r[2], r[1].substr(0, 6));
    EXPECT_EQ(r[3], r[1].substr(0, 4));
    EXPECT_TRUE(std::regex_match(r[4], std::regex(R"(\d{4}\.\d{4})"))) << r[4];
    EXPECT_TRUE(r[25] == "0" || r[25] == "1");
    EXPECT_EQ(r[27], r[26].substr(0, 3));  // EventBaseCode
    EXPECT_EQ(r[28], r[26].substr(0, 2));  // EventRootCode
    int quad = std::stoi(r[29]);
    EXPECT_GE(quad, 1);
    EXPECT_LE(quad, 4);
    EXPECT_TRUE(std::regex_match(r[30], number)) << r[30];
    EXPECT_GE(std::stoi(r[31]), std::stoi(r[33]));  // NumMentions >= NumArticles
    // ActionGeo: a type 0-5, a FIPS code of two letters when known, a point or nothing.
    int geo_type = std::stoi(r[51]);
    EXPECT_LE(geo_type, 5);
    if (geo_type) {
      EXPECT_TRUE(std::regex_match(r[53], std::regex("[A-Z]{2}"))) << r[53];
    }
    if (!r[56].empty()) {
      EXPECT_TRUE(std::regex_match(r[56], number));
    }
    EXPECT_TRUE(std::regex_match(r[59], stamp));
  }
  EXPECT_EQ(ids.size(), event_rows.size()) << "one row per deduplicated event";
  for (const auto& r : mention_rows) {
    ASSERT_EQ(r.size(), 16u);
    EXPECT_TRUE(ids.count(r[0])) << "every mention points at an exported event";
    EXPECT_TRUE(std::regex_match(r[1], stamp));
    EXPECT_TRUE(std::regex_match(r[2], stamp));
    EXPECT_EQ(r[3], "1");
    EXPECT_GE(std::stoi(r[6]), 1);  // SentenceID is 1-based
    EXPECT_GE(std::stoi(r[9]), 0);  // ActionCharOffset
  }
  // The two reports of one strike: one event, two mentions.
  size_t kharkiv = 0;
  for (const auto& r : event_rows)
    if (r[51] == "4" && r[52] == "Kharkiv" && r[26] == "195") {
      ++kharkiv;
      EXPECT_EQ(r[31], "2");
      EXPECT_EQ(r[32], "2");
    }
  EXPECT_EQ(kharkiv, 1u);

  // lastupdate.txt and masterfilelist.txt: "SIZE MD5 PATH", checked.
  auto last = read_tsv(slurp(out / "lastupdate.txt"));
  ASSERT_EQ(last.size(), 3u);
  std::istringstream first(last[0][0]);
  std::string size, md5, path;
  first >> size >> md5 >> path;
  EXPECT_EQ(path, "20250305120000.export.CSV.zip");
  EXPECT_EQ(std::stoul(size), events_zip.size());
  EXPECT_EQ(md5, md5_hex(events_zip));
  // Exporting again at another time appends to the master list.
  ASSERT_TRUE(export_gdelt(*store_, testing::lexicon(), out.string(), "20250305121500", "").ok());
  EXPECT_EQ(read_tsv(slurp(out / "masterfilelist.txt")).size(), 6u);
  EXPECT_EQ(read_tsv(slurp(out / "lastupdate.txt")).size(), 3u);
  EXPECT_FALSE(export_gdelt(*store_, testing::lexicon(), out.string(), "2025", "").ok());
}

// GKG 2.1: one row per article, 27 columns, inner records split by ";" and
// fields by "#" (locations) or "," (names with offsets), offsets pointing at
// the name in the article text.
TEST_F(GdeltExportTest, GkgRowsListPlacesAndNamesWithOffsets) {
  const fs::path out = dir_ / "g";
  auto result = export_gdelt(*store_, testing::lexicon(), out.string(), "20250305120000", "");
  ASSERT_TRUE(result.ok()) << result.status().to_string();
  auto gkg = unzip_one_entry(slurp(out / "20250305120000.gkg.csv.zip"));
  ASSERT_TRUE(gkg.ok());
  auto rows = read_tsv(*gkg);
  ASSERT_EQ(rows.size(), result->gkg);
  auto articles = store_->export_articles();
  ASSERT_TRUE(articles.ok());
  ASSERT_EQ(rows.size(), articles->size());
  std::map<std::string, const SqliteStore::ArticleRow*> by_url;
  for (const auto& a : *articles) by_url[a.url.empty() ? a.id : a.url] = &a;

  std::set<std::string> record_ids;
  size_t with_locations = 0, with_persons = 0, quotes = 0, with_feature_id = 0;
  for (const auto& r : rows) {
    ASSERT_EQ(r.size(), 27u);
    EXPECT_TRUE(std::regex_match(r[0], std::regex(R"(20250305120000-\d+)"))) << r[0];
    record_ids.insert(r[0]);
    EXPECT_EQ(r[1], "20250305120000");
    EXPECT_EQ(r[2], "1");
    ASSERT_TRUE(by_url.count(r[4])) << r[4];
    const std::string& text = by_url[r[4]]->text;
    // V1Locations: 7 "#" fields; V2: 9, the last a byte offset of the name.
    for (auto rec : split(r[9], ';')) {
      if (!rec.empty()) {
        EXPECT_EQ(split(rec, '#').size(), 7u) << rec;
      }
    }
    for (auto rec : split(r[10], ';')) {
      if (rec.empty()) continue;
      ++with_locations;
      auto f = split(rec, '#');
      ASSERT_EQ(f.size(), 9u) << rec;
      EXPECT_TRUE(std::regex_match(std::string(f[0]), std::regex("[1-5]"))) << rec;
      EXPECT_TRUE(std::regex_match(std::string(f[2]), std::regex("[A-Z]{2}"))) << rec;
      // ADM1Code: the FIPS country, alone or with the division's code.
      if (!f[3].empty()) {
        EXPECT_EQ(f[3].substr(0, 2), f[2]) << rec;
      }
      // Cities: a point, and their GeoNames id when the gazetteer knows them.
      if (f[0] == "3" || f[0] == "4") {
        EXPECT_FALSE(f[5].empty()) << rec;
        EXPECT_TRUE(f[7].empty() || std::regex_match(std::string(f[7]), std::regex("[0-9]+"))) << rec;
        with_feature_id += !f[7].empty();
      }
      EXPECT_LT(std::stoul(std::string(f[8])), text.size());
    }
    // V2Persons, V2Organizations, AllNames: "Name,Offset", the name found
    // at that offset.
    for (int col : {12, 14, 23}) {
      for (auto rec : split(r[col], ';')) {
        if (rec.empty()) continue;
        with_persons += col == 12;
        const size_t comma = rec.rfind(',');
        ASSERT_NE(comma, std::string_view::npos) << rec;
        const std::string name(rec.substr(0, comma));
        const size_t offset = std::stoul(std::string(rec.substr(comma + 1)));
        EXPECT_EQ(text.compare(offset, name.size(), name), 0) << name << " at " << offset;
      }
    }
    // V2.1Quotations: Offset|Length|Verb|Quote records joined by "#", the
    // quote being the article's bytes at that offset.
    for (auto rec : split(r[22], '#')) {
      if (rec.empty()) continue;
      ++quotes;
      auto f = split(rec, '|');
      ASSERT_EQ(f.size(), 4u) << rec;
      const size_t offset = std::stoul(std::string(f[0])), length = std::stoul(std::string(f[1]));
      ASSERT_LE(offset + length, text.size());
      std::string quoted = text.substr(offset, length);
      for (auto& ch : quoted)
        if (ch == '#' || ch == '|' || ch == '\n' || ch == '\t') ch = ' ';
      EXPECT_EQ(quoted, f[3]);
    }
    // V1.5Tone: seven numbers, the last the word count, repeated in GCAM.
    auto tone = split(r[15], ',');
    ASSERT_EQ(tone.size(), 7u);
    EXPECT_EQ("wc:" + std::string(tone[6]), r[17]);
    EXPECT_GT(std::stoi(std::string(tone[6])), 0);
  }
  EXPECT_EQ(record_ids.size(), rows.size());
  EXPECT_GT(with_locations, rows.size()) << "most articles name a place";
  EXPECT_GT(with_feature_id, 0u) << "cities carry their GeoNames id";
  EXPECT_GT(with_persons, 0u);
  EXPECT_GT(quotes, 0u) << "the examples quote people";

  // The Antara report of the Kharkiv strike names Kharkiv (UP) and Ukraine.
  bool kharkiv = false;
  for (const auto& r : rows)
    if (r[4].find("serangan-kharkiv") != std::string::npos) {
      kharkiv = true;
      EXPECT_NE(r[9].find("#Kharkiv#UP#"), std::string::npos) << r[9];
      EXPECT_NE(r[9].find("1#Ukraine#UP#UP#"), std::string::npos) << r[9];
    }
  EXPECT_TRUE(kharkiv);
}

// `kabar export jsonl`: one line per cluster; the counts agree with the
// mention list, every stored event appears in exactly one cluster, and the
// two reports of the Kharkiv strike share one line.
TEST_F(GdeltExportTest, ClustersAsJsonLines) {
  auto lines = export_clusters_jsonl(*store_);
  ASSERT_TRUE(lines.ok()) << lines.status().to_string();
  ASSERT_FALSE(lines->empty());
  auto gdelt = export_gdelt(*store_, testing::lexicon(), (dir_ / "j").string(), "20250305120000", "");
  ASSERT_TRUE(gdelt.ok());
  EXPECT_EQ(lines->size(), gdelt->events) << "the same deduplicated events as the GDELT Events file";
  simdjson::dom::parser parser;
  std::set<std::string> clusters, events;
  size_t mentions_total = 0, kharkiv = 0;
  for (const auto& line : *lines) {
    simdjson::dom::element e;
    ASSERT_FALSE(parser.parse(line).get(e)) << line;
    std::string_view cluster, first, last, code;
    int64_t num_mentions = 0, num_sources = 0, num_articles = 0;
    ASSERT_FALSE(e["cluster"].get(cluster));
    EXPECT_TRUE(clusters.insert(std::string(cluster)).second);
    ASSERT_FALSE(e["num_mentions"].get(num_mentions));
    ASSERT_FALSE(e["num_sources"].get(num_sources));
    ASSERT_FALSE(e["num_articles"].get(num_articles));
    ASSERT_FALSE(e["first_date"].get(first));
    ASSERT_FALSE(e["last_date"].get(last));
    EXPECT_LE(first, last);
    ASSERT_FALSE(e["event"]["code"].get(code));
    simdjson::dom::array mentions;
    ASSERT_FALSE(e["mentions"].get(mentions));
    EXPECT_EQ(static_cast<int64_t>(mentions.size()), num_mentions);
    EXPECT_GE(num_mentions, num_articles);
    EXPECT_GE(num_articles, num_sources);
    std::set<std::string> articles;
    for (auto m : mentions) {
      std::string_view id, article;
      ASSERT_FALSE(m["event"].get(id));
      ASSERT_FALSE(m["article"].get(article));
      EXPECT_TRUE(events.insert(std::string(id)).second) << "event " << id << " in two clusters";
      articles.insert(std::string(article));
      ++mentions_total;
    }
    EXPECT_EQ(static_cast<int64_t>(articles.size()), num_articles);
    if (code == "195" && std::string(line).find("Kharkiv") != std::string::npos && num_mentions == 2) {
      ++kharkiv;
      EXPECT_EQ(num_sources, 2);
    }
  }
  EXPECT_EQ(mentions_total, gdelt->mentions);
  EXPECT_EQ(kharkiv, 1u);
}

TEST_F(GdeltExportTest, ColumnCountsMatchTheSharedSchemas) {
  KABAR_REQUIRE_SHARED("reference/gdelt/gdelt2_events_schema.tsv");
  auto result = export_gdelt(*store_, testing::lexicon(), (dir_ / "o").string(), "20250305120000", "");
  ASSERT_TRUE(result.ok());
  auto events = unzip_one_entry(slurp(dir_ / "o" / "20250305120000.export.CSV.zip"));
  auto mentions = unzip_one_entry(slurp(dir_ / "o" / "20250305120000.mentions.CSV.zip"));
  ASSERT_TRUE(events.ok() && mentions.ok());
  EXPECT_EQ(read_tsv(*events).front().size(), schema_columns("gdelt2_events_schema.tsv"));
  EXPECT_EQ(read_tsv(*mentions).front().size(), schema_columns("gdelt2_mentions_schema.tsv"));
  auto gkg = unzip_one_entry(slurp(dir_ / "o" / "20250305120000.gkg.csv.zip"));
  ASSERT_TRUE(gkg.ok());
  EXPECT_EQ(read_tsv(*gkg).front().size(), schema_columns("gkg21_schema.tsv"));
  // And the real GDELT sample rows have the same widths.
  EXPECT_EQ(read_tsv(slurp(testing::shared_dir() + "/reference/gdelt/samples/events.csv")).front().size(), 61u);
  EXPECT_EQ(read_tsv(slurp(testing::shared_dir() + "/reference/gdelt/samples/mentions.csv")).front().size(), 16u);
  EXPECT_EQ(read_tsv(slurp(testing::shared_dir() + "/reference/gdelt/samples/gkg.csv")).front().size(), 27u);

  // GKG inner delimiters: the records of each list column split into as many
  // fields as the real sample's do (counts 10 and 11 and locations 7 and 9 by
  // "#", themes and names 2 by ",", tone 7 by ",").
  auto shapes = [](const std::vector<std::vector<std::string>>& rows) {
    std::map<int, std::set<size_t>> out;
    for (const auto& r : rows) {
      for (int c : {5, 6, 8, 9, 10, 12, 14, 23}) {
        const char sep = c == 8 || c >= 12 ? ',' : '#';
        for (auto rec : split(r[c], ';'))
          if (!rec.empty()) out[c].insert(sep == ',' ? std::min<size_t>(split(rec, ',').size(), 2) : split(rec, sep).size());
      }
      out[15].insert(split(r[15], ',').size());
      for (auto rec : split(r[22], '#'))  // quotations: "#" between records, "|" between fields
        if (!rec.empty()) out[22].insert(split(rec, '|').size());
    }
    return out;
  };
  auto ours = shapes(read_tsv(*gkg));
  auto real = shapes(read_tsv(slurp(testing::shared_dir() + "/reference/gdelt/samples/gkg.csv")));
  for (int c : {5, 6, 8, 9, 10, 12, 14, 23, 15, 22}) {
    ASSERT_FALSE(ours[c].empty()) << "column " << c + 1 << " never filled";
    for (size_t n : ours[c]) EXPECT_TRUE(real[c].count(n)) << "column " << c + 1 << ": " << n << " fields";
  }
}

// Incremental batches (as `export gdelt --since-last/--every` makes them)
// split the full export: every mention and GKG record in exactly one batch,
// every event in the batch of the first article that reported it.
TEST_F(GdeltExportTest, IncrementalBatchesPartitionTheFullExport) {
  auto last = store_->last_article_number();
  ASSERT_TRUE(last.ok());
  ASSERT_GT(*last, 6);
  auto column = [&](const fs::path& dir, const std::string& stamp, const char* kind, size_t col) {
    auto text = unzip_one_entry(slurp(dir / (stamp + "." + kind + ".zip")));
    EXPECT_TRUE(text.ok()) << kind;
    std::vector<std::string> out;
    for (const auto& r : read_tsv(text.ok() ? *text : "")) out.push_back(col < r.size() ? r[col] : "");
    return out;
  };
  ASSERT_TRUE(export_gdelt(*store_, testing::lexicon(), (dir_ / "full").string(), "20250305120000", "").ok());
  const auto full_events = column(dir_ / "full", "20250305120000", "export.CSV", 0);
  auto full_mentions = column(dir_ / "full", "20250305120000", "mentions.CSV", 0);
  auto full_mention_urls = column(dir_ / "full", "20250305120000", "mentions.CSV", 5);
  const auto full_gkg = column(dir_ / "full", "20250305120000", "gkg.csv", 4);

  struct Split { const char* name; std::vector<int64_t> cuts; } splits[] = {
      {"halves", {0, *last / 2, *last}},
      {"one article at a time", {}},
      {"all in one", {0, *last}},
  };
  for (int64_t k = 0; k <= *last; ++k) splits[1].cuts.push_back(k);
  for (const auto& sp : splits) {
    std::multiset<std::string> events, mentions, gkg;
    for (size_t b = 0; b + 1 < sp.cuts.size(); ++b) {
      const std::string stamp = fmt::format("2025030512{:04d}", b);
      const fs::path out = dir_ / sp.name;
      auto r = export_gdelt(*store_, testing::lexicon(), out.string(), stamp, "",
                            SqliteStore::ArticleRange{sp.cuts[b], sp.cuts[b + 1]});
      ASSERT_TRUE(r.ok()) << r.status().to_string();
      for (auto& e : column(out, stamp, "export.CSV", 0)) events.insert(e);
      auto ids = column(out, stamp, "mentions.CSV", 0), urls = column(out, stamp, "mentions.CSV", 5);
      for (size_t m = 0; m < ids.size(); ++m) mentions.insert(ids[m] + " " + urls[m]);
      for (auto& g : column(out, stamp, "gkg.csv", 4)) gkg.insert(g);
    }
    EXPECT_EQ(events, std::multiset<std::string>(full_events.begin(), full_events.end())) << sp.name;
    std::multiset<std::string> want_mentions;
    for (size_t m = 0; m < full_mentions.size(); ++m) want_mentions.insert(full_mentions[m] + " " + full_mention_urls[m]);
    EXPECT_EQ(mentions, want_mentions) << sp.name;
    EXPECT_EQ(gkg, std::multiset<std::string>(full_gkg.begin(), full_gkg.end())) << sp.name;
  }
}

}  // namespace
}  // namespace kabar
