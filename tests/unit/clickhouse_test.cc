// The ClickHouse store's client side, against a scripted HTTP server on
// loopback (the real two-shard cluster is tests/clickhouse/cluster_test.sh):
// URL parsing, quoting, the DDL, retries and refusals, what the sink sends
// and how the reader reads answers.
#include "kabar/clickhouse.h"

#include <deque>
#include <mutex>
#include <thread>

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <simdjson.h>

#include "kabar/pipeline.h"
#include "test_support.h"

namespace kabar {
namespace {

TEST(ClickHouseUrlTest, ParsesEveryPart) {
  struct Case {
    const char* url;
    const char* user;
    const char* password;
    const char* host;
    int port;
    const char* db;
    int retries;
    bool skip;
  };
  const Case cases[] = {
      {"clickhouse://alice:s3cret@db.example:9123/news", "alice", "s3cret", "db.example", 9123, "news", 4, false},
      {"clickhouse://127.0.0.1", "default", "", "127.0.0.1", 8123, "default", 4, false},
      {"clickhouse://bob@host/kabar_1?retries=0", "bob", "", "host", 8123, "kabar_1", 0, false},
      {"clickhouse://u:p%40ss%3Aword@h:1/d?skip_unavailable_shards=1&backoff=0.1", "u", "p@ss:word", "h", 1, "d", 4, true},
      {"clickhouse://:pw@h:8124/", "default", "pw", "h", 8124, "default", 4, false},
  };
  for (const auto& c : cases) {
    auto u = parse_clickhouse_url(c.url);
    ASSERT_TRUE(u.ok()) << c.url << ": " << u.status().to_string();
    EXPECT_EQ(u->user, c.user) << c.url;
    EXPECT_EQ(u->password, c.password) << c.url;
    EXPECT_EQ(u->host, c.host) << c.url;
    EXPECT_EQ(u->port, c.port) << c.url;
    EXPECT_EQ(u->database, c.db) << c.url;
    EXPECT_EQ(u->retries, c.retries) << c.url;
    EXPECT_EQ(u->skip_unavailable_shards, c.skip) << c.url;
    EXPECT_EQ(u->display().find(c.password[0] ? c.password : "\x01"), std::string::npos) << "password shown: " << c.url;
  }
}

TEST(ClickHouseUrlTest, RejectsBadUrlsWithoutShowingThePassword) {
  struct Case {
    const char* url;
    const char* says;
  };
  const Case cases[] = {
      {"http://h:8123/db", "not a clickhouse:// URL"},
      {"clickhouse://user:topsecret@h:99999/db", "port"},
      {"clickhouse://user:topsecret@h:80x/db", "port"},
      {"clickhouse://user:topsecret@/db", "no host"},
      {"clickhouse://h/db;drop", "database name"},
      {"clickhouse://user:topsecret@h/db?retries=many", "retries needs a number"},
      {"clickhouse://h/db?colour=blue", "unknown option"},
  };
  for (const auto& c : cases) {
    auto u = parse_clickhouse_url(c.url);
    ASSERT_FALSE(u.ok()) << c.url;
    EXPECT_NE(u.status().message().find(c.says), std::string::npos) << c.url << ": " << u.status().message();
    EXPECT_EQ(u.status().message().find("topsecret"), std::string::npos) << u.status().message();
  }
}

TEST(ClickHouseTextTest, QuotesAndUnescapes) {
  struct Case {
    const char* text;
    const char* quoted;
  };
  const Case cases[] = {{"plain", "'plain'"}, {"it's", "'it\\'s'"}, {"back\\slash", "'back\\\\slash'"},
                        {"x' OR 1=1 --", "'x\\' OR 1=1 --'"}, {"", "''"}};
  for (const auto& c : cases) EXPECT_EQ(clickhouse_quote(c.text), c.quoted);
  struct Tsv {
    const char* field;
    std::string text;
  };
  const Tsv tsv[] = {{"a\\tb", "a\tb"}, {"line\\nbreak", "line\nbreak"}, {"q\\'s", "q's"}, {"b\\\\s", "b\\s"},
                     {"nul\\0x", std::string("nul\0x", 5)}, {"trailing\\", "trailing\\"}, {"Rusia–Iran", "Rusia–Iran"}};
  for (const auto& c : tsv) EXPECT_EQ(clickhouse_unescape_tsv(c.field), c.text) << c.field;
}

TEST(ClickHouseSchemaTest, RunsOnOldAndNewServersAndShardsByTheId) {
  for (const std::string cluster : {"", "kabar"}) {
    auto sql = clickhouse_schema("news", cluster);
    ASSERT_EQ(sql.size(), cluster.empty() ? 4u : 7u);
    EXPECT_EQ(sql[0], "CREATE DATABASE IF NOT EXISTS news");
    int merge_trees = 0, distributed = 0;
    for (const auto& s : sql) {
      // Not in 18.16, or needing ZooKeeper.
      for (const char* missing : {"TTL", "LowCardinality", "CODEC", "ON CLUSTER", "{"})
        EXPECT_EQ(s.find(missing), std::string::npos) << s;
      if (s.find("ReplacingMergeTree(version) PARTITION BY toYYYYMM(day)") != std::string::npos) ++merge_trees;
      if (s.find("ENGINE = Distributed(kabar, news, ") != std::string::npos) ++distributed;
    }
    EXPECT_EQ(merge_trees, 3);
    EXPECT_EQ(distributed, cluster.empty() ? 0 : 3);
    if (!cluster.empty()) {
      EXPECT_NE(sql[2].find("CREATE TABLE IF NOT EXISTS news.events AS news.events_local ENGINE = Distributed(kabar, "
                            "news, events_local, sipHash64(event_id))"),
                std::string::npos)
          << sql[2];
      EXPECT_NE(sql[1].find("ORDER BY event_id"), std::string::npos) << sql[1];
    }
  }
}

// A scripted stand-in for ClickHouse's HTTP interface: answers POST / with
// the queued (status, body) pairs, then 200 "", and records each request.
class FakeClickHouse {
 public:
  struct Request {
    std::string database, query, body, authorization, sync, skip;
  };
  FakeClickHouse() {
    server_.Post("/", [this](const httplib::Request& req, httplib::Response& res) {
      std::lock_guard<std::mutex> lock(mu_);
      requests_.push_back({req.get_param_value("database"), req.get_param_value("query"), req.body,
                           req.get_header_value("Authorization"), req.get_param_value("insert_distributed_sync"),
                           req.get_param_value("skip_unavailable_shards")});
      if (!script_.empty()) {
        res.status = script_.front().first;
        res.set_content(script_.front().second, "text/plain");
        script_.pop_front();
      } else {
        res.status = 200;
        res.set_content(reply_, "text/tab-separated-values");
      }
    });
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    while (!server_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  ~FakeClickHouse() {
    server_.stop();
    thread_.join();
  }
  void then(int status, std::string body) {
    std::lock_guard<std::mutex> lock(mu_);
    script_.emplace_back(status, std::move(body));
  }
  void always_reply(std::string body) {
    std::lock_guard<std::mutex> lock(mu_);
    reply_ = std::move(body);
  }
  std::vector<Request> requests() {
    std::lock_guard<std::mutex> lock(mu_);
    return requests_;
  }
  ClickHouseUrl url() const {
    auto u = parse_clickhouse_url(fmt::format("clickhouse://kabar:pw@127.0.0.1:{}/news?backoff=0.01&retries=3", port_));
    return *u;
  }

 private:
  httplib::Server server_;
  std::thread thread_;
  int port_ = 0;
  std::mutex mu_;
  std::deque<std::pair<int, std::string>> script_;
  std::string reply_;
  std::vector<Request> requests_;
};

TEST(ClickHouseClientTest, RetriesTransientFailuresAndStopsAtRefusals) {
  struct Case {
    const char* name;
    std::vector<std::pair<int, std::string>> script;
    bool ok;
    int retried;
    const char* says;
  };
  const std::string refused = "Code: 210, e.displayText() = DB::NetException: Connection refused (127.0.0.1:19001), "
                              "e.what() = DB::NetException\n";
  const Case cases[] = {
      {"answers at once", {}, true, 0, ""},
      {"a shard comes back", {{500, refused}, {500, "Code: 279, e.displayText() = DB::NetException: All connection tries failed"}},
       true, 2, ""},
      {"too many parts, then fine", {{500, "Code: 252, e.displayText() = DB::Exception: Too many parts"}}, true, 1, ""},
      {"wrong password", {{401, "Code: 193, e.displayText() = DB::Exception: Wrong password for user kabar, e.what() = "
                                "DB::Exception\n"}},
       false, 0, "HTTP 401: Code: 193: Wrong password for user kabar"},
      {"syntax error", {{400, "Code: 62, e.displayText() = DB::Exception: Syntax error: failed at position 1"}}, false, 0,
       "Syntax error"},
      {"unknown table", {{404, "Code: 60, e.displayText() = DB::Exception: Table news.events doesn't exist."}}, false, 0,
       "doesn't exist"},
      {"shard never returns", {{500, refused}, {500, refused}, {500, refused}, {500, refused}}, false, 3,
       "Connection refused (127.0.0.1:19001) after 4 attempts"},
  };
  for (const auto& c : cases) {
    FakeClickHouse server;
    server.always_reply("1\n");
    for (const auto& [status, body] : c.script) server.then(status, body);
    ClickHouseClient client(server.url());
    auto got = client.execute("SELECT 1");
    EXPECT_EQ(got.ok(), c.ok) << c.name << ": " << (got.ok() ? *got : got.status().message());
    EXPECT_EQ(client.retried(), c.retried) << c.name;
    if (got.ok()) EXPECT_EQ(*got, "1\n") << c.name;
    if (!got.ok()) {
      EXPECT_NE(got.status().message().find(c.says), std::string::npos) << c.name << ": " << got.status().message();
      EXPECT_EQ(got.status().message().find("pw@"), std::string::npos) << got.status().message();
      EXPECT_EQ(got.status().message().find("e.what()"), std::string::npos) << got.status().message();
    }
    auto requests = server.requests();
    ASSERT_EQ(requests.size(), static_cast<size_t>(c.retried + 1)) << c.name;
    EXPECT_EQ(requests[0].database, "news");
    EXPECT_EQ(requests[0].body, "SELECT 1");
    EXPECT_EQ(requests[0].authorization, "Basic a2FiYXI6cHc=");  // kabar:pw
  }
}

TEST(ClickHouseClientTest, NoServerIsRetriedThenSaid) {
  int port = 0;
  {
    FakeClickHouse gone;  // bound and released: nothing listens there now
    port = gone.url().port;
  }
  auto url = parse_clickhouse_url(fmt::format("clickhouse://127.0.0.1:{}/news?retries=2&backoff=0.01", port));
  ClickHouseClient client(*url);
  auto got = client.execute("SELECT 1");
  ASSERT_FALSE(got.ok());
  EXPECT_EQ(client.retried(), 2);
  EXPECT_NE(got.status().message().find("no answer"), std::string::npos) << got.status().message();
  EXPECT_NE(got.status().message().find("after 3 attempts"), std::string::npos) << got.status().message();
}

ArticleResult coded(const char* id, const char* text, const char* date) {
  Pipeline p(testing::lexicon(), {"id", false});
  return p.process(testing::article(id, text, "id", date, "kompas.com"));
}

TEST(ClickHouseSinkTest, OneInsertPerTableAndMonthWithEveryRowOnce) {
  FakeClickHouse server;
  auto sink = ClickHouseSink::open(server.url());
  ASSERT_TRUE(sink.ok()) << sink.status().to_string();
  const size_t probes = server.requests().size();
  EXPECT_EQ(probes, 3u);  // the three tables are looked for before anything is coded
  ArticleResult a = coded("a1", "Rusia menyerang Ukraina. Amerika Serikat mengecam Rusia.", "2024-01-02");
  ArticleResult b = coded("a2", "Indonesia mengirim bantuan kemanusiaan ke Gaza.", "2024-02-10");
  ArticleResult c = coded("a3", "Jepang mengecam Korea Utara.", "2024-01-29");
  ASSERT_GE(a.events.size(), 2u);
  ASSERT_GE(b.events.size(), 1u);
  ASSERT_GE(c.events.size(), 1u);
  ASSERT_TRUE((*sink)->begin().ok());
  for (const auto* r : {&a, &b, &c}) ASSERT_TRUE((*sink)->put_article(*r, testing::lexicon()).ok());
  EXPECT_EQ(server.requests().size(), probes) << "nothing is sent before commit";
  ASSERT_TRUE((*sink)->commit().ok());
  auto requests = server.requests();
  requests.erase(requests.begin(), requests.begin() + static_cast<long>(probes));
  // Two months (2024-01: two days; 2024-02) × three tables.
  ASSERT_EQ(requests.size(), 6u);
  const size_t events = a.events.size() + b.events.size() + c.events.size();
  std::map<std::string, size_t> rows;
  std::set<std::string> event_ids;
  simdjson::dom::parser parser;
  for (const auto& r : requests) {
    EXPECT_EQ(r.sync, "1") << "a cluster insert must wait for every shard";
    const std::string table = r.query.substr(0, r.query.find(" FORMAT"));
    EXPECT_NE(r.query.find("FORMAT JSONEachRow"), std::string::npos) << r.query;
    std::set<std::string> months;
    size_t start = 0;
    while (start < r.body.size()) {
      size_t end = r.body.find('\n', start);
      auto doc = parser.parse(std::string_view(r.body).substr(start, end - start));
      ASSERT_FALSE(doc.error()) << r.body.substr(start, end - start);
      months.insert(std::string(std::string_view(doc["day"])).substr(0, 7));
      if (table == "INSERT INTO news.events") {
        event_ids.insert(std::string(std::string_view(doc["event_id"])));
        // The event as JSON is stored whole, and the columns agree with it.
        simdjson::dom::parser inner_parser;
        auto inner = inner_parser.parse(std::string(std::string_view(doc["json"])));
        ASSERT_FALSE(inner.error());
        EXPECT_EQ(std::string_view(inner["code"]), std::string_view(doc["code"]));
        EXPECT_GT(int64_t(doc["version"]), 0);
      }
      ++rows[table];
      start = end + 1;
    }
    EXPECT_EQ(months.size(), 1u) << "one partition per insert: " << r.query;
  }
  EXPECT_EQ(rows["INSERT INTO news.events"], events);
  EXPECT_EQ(rows["INSERT INTO news.mentions"], events);
  EXPECT_EQ(rows["INSERT INTO news.articles"], 3u);
  EXPECT_EQ(event_ids.size(), events);
  EXPECT_EQ((*sink)->written().inserts, 6);
  EXPECT_EQ((*sink)->written().events, static_cast<int64_t>(events));
}

TEST(ClickHouseSinkTest, ARefusedInsertIsReportedAndKeptForTheNextCommit) {
  FakeClickHouse server;
  auto sink = ClickHouseSink::open(server.url());
  ASSERT_TRUE(sink.ok());
  ASSERT_TRUE((*sink)->put_article(coded("a1", "Rusia menyerang Ukraina.", "2024-01-02"), testing::lexicon()).ok());
  server.then(403, "Code: 164, e.displayText() = DB::Exception: Cannot execute query in readonly mode");
  Status st = (*sink)->commit();
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("readonly mode"), std::string::npos) << st.message();
  EXPECT_EQ((*sink)->written().events, 0);
  ASSERT_TRUE((*sink)->commit().ok());  // the rows were kept, not lost
  EXPECT_EQ((*sink)->written().articles, 1);
  EXPECT_GE((*sink)->written().events, 1);
}

TEST(ClickHouseSinkTest, MissingTablesSayHowToCreateThem) {
  FakeClickHouse server;
  server.then(404, "Code: 60, e.displayText() = DB::Exception: Table news.events doesn't exist., e.what() = DB::Exception");
  auto sink = ClickHouseSink::open(server.url());
  ASSERT_FALSE(sink.ok());
  EXPECT_NE(sink.status().message().find("kabar clickhouse init"), std::string::npos) << sink.status().message();
}

TEST(ClickHouseReaderTest, ReadsRowsAndQuotesEveryFilter) {
  FakeClickHouse server;
  auto reader = ClickHouseReader::open(server.url());
  ASSERT_TRUE(reader.ok());
  server.always_reply(
      "a1\t2024-01-02\tRUS\tUKR\t190\t4\t-10\tasserted\tKyiv\tRusia menyerang\\tUkraina\t{\"id\":\"x\"}\n"
      "a2\t\t-\t-\t010\t1\t0\treported\t\tKata \\'dia\\'\\nlagi\t{}\n");
  EventQuery q;
  q.actor = "x' OR 1=1 --";
  q.code = "19";
  q.quad = 4;
  q.from = Date::parse_iso("2024-01-01");
  q.place = "Kyiv";
  q.text = "menyerang  Ukraina";
  q.limit = 5;
  auto rows = (*reader)->query(q);
  ASSERT_TRUE(rows.ok()) << rows.status().to_string();
  ASSERT_EQ(rows->size(), 2u);
  EXPECT_EQ((*rows)[0].text, "Rusia menyerang\tUkraina");
  EXPECT_EQ((*rows)[0].goldstein, -10);
  EXPECT_EQ((*rows)[0].quad, 4);
  EXPECT_EQ((*rows)[1].date, "");
  EXPECT_EQ((*rows)[1].text, "Kata 'dia'\nlagi");
  const std::string sql = server.requests().back().body;
  for (const char* part : {"FROM news.events FINAL", "LIKE lower('x\\' OR 1=1 --%')", "LIKE lower('19%')", "quad = 4",
                           "date >= '2024-01-01'", "place_name = 'Kyiv'", "positionCaseInsensitiveUTF8(text, 'menyerang')",
                           "positionCaseInsensitiveUTF8(text, 'Ukraina')", "LIMIT 5"})
    EXPECT_NE(sql.find(part), std::string::npos) << part << " not in " << sql;
  EXPECT_EQ((*reader)->caveat(), "");

  server.always_reply("19\t7\n04\t3\n");
  auto stats = (*reader)->stats("root");
  ASSERT_TRUE(stats.ok());
  ASSERT_EQ(stats->size(), 2u);
  EXPECT_EQ((*stats)[0].key, "19");
  EXPECT_EQ((*stats)[0].events, 7);
  EXPECT_FALSE((*reader)->stats("colour").ok());
  EXPECT_EQ((*reader)->count("clusters").status().code(), ErrorCode::kNotFound);
}

TEST(ClickHouseReaderTest, SkippingShardsIsAskedOfTheServerAndSaid) {
  FakeClickHouse server;
  ClickHouseUrl url = server.url();
  url.skip_unavailable_shards = true;
  auto reader = ClickHouseReader::open(url);
  ASSERT_TRUE(reader.ok());
  server.always_reply("12\n");
  auto n = (*reader)->count("events");
  ASSERT_TRUE(n.ok());
  EXPECT_EQ(*n, 12);
  EXPECT_EQ(server.requests().back().skip, "1");
  EXPECT_NE((*reader)->caveat().find("partial"), std::string::npos);
}

}  // namespace
}  // namespace kabar
