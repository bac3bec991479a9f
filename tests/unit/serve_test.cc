// `kabar serve`'s API over a SQLite store of team-written articles, through
// real HTTP on loopback: every endpoint, every kind of bad request, and many
// requests at once answering as one at a time does.
#include "kabar/serve.h"

#include <filesystem>
#include <atomic>
#include <set>
#include <sqlite3.h>
#include <thread>

#include <gtest/gtest.h>
#include <httplib.h>
#include <simdjson.h>

#include "kabar/pipeline.h"
#include "kabar/sink.h"
#include "test_support.h"

namespace kabar {
namespace {

class ServeTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    path_ = new std::filesystem::path(std::filesystem::temp_directory_path() /
                                      ("kabar_serve_test_" + std::to_string(::getpid()) + ".db"));
    auto store = SqliteStore::open(path_->string());
    ASSERT_TRUE(store.ok()) << store.status().to_string();
    ASSERT_TRUE((*store)->begin().ok());
    Pipeline p(testing::lexicon(), {"id", false}, &testing::gazetteer());
    const char* articles[][3] = {
        {"a1", "Rusia menyerang Ukraina pada Selasa. Amerika Serikat mengecam Rusia di Washington.", "2024-01-02"},
        {"a2", "Rusia menyerang Ukraina pada Rabu.", "2024-01-03"},
        {"a3", "Indonesia mengirim bantuan kemanusiaan ke Gaza.", "2024-02-10"},
    };
    for (const auto& [id, text, date] : articles) {
      ASSERT_TRUE((*store)->put_article(p.process(testing::article(id, text, "id", date, "kompas.com")),
                                        testing::lexicon()).ok());
    }
    ASSERT_TRUE((*store)->commit().ok());
  }
  static void TearDownTestSuite() {
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path_->string() + suffix);
    delete path_;
  }
  void SetUp() override {
    server_ = std::make_unique<ApiServer>([]() -> StatusOr<std::unique_ptr<EventReader>> {
      auto r = SqliteStore::open_read_only(path_->string());
      if (!r.ok()) return r.status();
      return std::unique_ptr<EventReader>(std::move(r).value());
    });
    auto port = server_->bind("127.0.0.1", 0);
    ASSERT_TRUE(port.ok());
    port_ = *port;
    thread_ = std::thread([this] { server_->listen(); });
  }
  void TearDown() override {
    server_->stop();
    thread_.join();
  }
  httplib::Result get(const std::string& path) {
    httplib::Client c("127.0.0.1", port_);
    return c.Get(path.c_str());
  }
  std::string first_event_id() {
    auto r = get("/api/events?limit=1&code=19");
    simdjson::dom::parser parser;
    auto doc = parser.parse(r->body);
    return std::string(std::string_view(doc["events"].at(0)["id"]));
  }

  static std::filesystem::path* path_;
  std::unique_ptr<ApiServer> server_;
  std::thread thread_;
  int port_ = 0;
};
std::filesystem::path* ServeTest::path_ = nullptr;

TEST_F(ServeTest, EveryEndpointAnswersAndEveryBadRequestIsAJsonError) {
  struct Case {
    std::string method, path;
    int status;
    std::string says;
  };
  const std::string id = first_event_id();
  const std::vector<Case> cases = {
      {"GET", "/api/health", 200, "\"events\":"},
      {"GET", "/api/events", 200, "\"count\":"},
      {"GET", "/api/events?actor=RUS&code=19&from=2024-01-01&to=2024-01-31&limit=10", 200, "\"code\":\"19"},
      {"GET", "/api/events?text=kemanusiaan", 200, "\"article\":\"a3\""},
      {"GET", "/api/events/" + id, 200, "\"mentions\":[{\"event\":"},
      {"GET", "/api/events/nope", 404, "{\"error\":\"no event \\\"nope\\\"\"}"},
      {"GET", "/api/articles/a1", 200, "\"kind\":\"actor\""},
      {"GET", "/api/articles/zz", 404, "no article"},
      {"GET", "/api/stats?by=day", 200, "{\"key\":\"2024-01-02\",\"events\":"},
      {"GET", "/api/stats?by=week", 400, "by must be day, root, quad, pair, country or day-quad"},
      {"GET", "/api/stats?by=day-quad&actor=RUS", 200, "{\"key\":\"2024-01-02 3\",\"events\":1}"},
      {"GET", "/api/stats?by=country&code=11", 200, "{\"key\":\"USA\",\"events\":1}"},
      {"GET", "/api/stats?by=root&limit=3", 400, "unknown parameter \\\"limit\\\""},
      {"GET", "/api/stats?quad=7", 400, "quad must be"},
      {"GET", "/api/network?limit=5", 200, "\"source\":\"RUS"},
      {"GET", "/api/events?quad=0", 400, "quad must be a whole number from 1 to 4"},
      {"GET", "/api/events?limit=abc", 400, "limit must be a whole number"},
      {"GET", "/api/events?limit=99999999", 400, "limit must be a whole number from 1 to 10000"},
      {"GET", "/api/events?from=2024-13-01", 400, "from must be a date"},
      {"GET", "/api/events?colour=red", 400, "unknown parameter \\\"colour\\\""},
      {"GET", "/api/events?text=%22open", 400, "query:"},
      {"GET", "/api/network?limit=0", 400, "limit must be"},
      {"GET", "/api/elsewhere", 404, "no such endpoint: GET /api/elsewhere"},
      {"DELETE", "/api/events/" + id, 405, "read-only"},
      {"POST", "/api/events", 405, "read-only"},
  };
  httplib::Client c("127.0.0.1", port_);
  simdjson::dom::parser parser;
  for (const auto& k : cases) {
    auto r = k.method == "GET" ? c.Get(k.path.c_str()) : k.method == "POST" ? c.Post(k.path.c_str(), "{}", "application/json")
                                                                           : c.Delete(k.path.c_str());
    ASSERT_TRUE(r) << k.path;
    EXPECT_EQ(r->status, k.status) << k.method << " " << k.path << ": " << r->body;
    EXPECT_NE(r->body.find(k.says), std::string::npos) << k.path << ": " << r->body;
    EXPECT_EQ(r->get_header_value("Content-Type"), "application/json; charset=utf-8") << k.path;
    EXPECT_FALSE(parser.parse(r->body).error()) << "not JSON: " << k.path << ": " << r->body;
  }
}

TEST_F(ServeTest, AnswersAgreeWithTheStore) {
  auto store = SqliteStore::open_read_only(path_->string());
  ASSERT_TRUE(store.ok());
  EventQuery q;
  q.actor = "RUS";
  auto expected = (*store)->query(q);
  ASSERT_TRUE(expected.ok());
  ASSERT_GE(expected->size(), 3u);
  auto r = get("/api/events?actor=RUS");
  simdjson::dom::parser parser;
  auto doc = parser.parse(r->body);
  ASSERT_FALSE(doc.error());
  simdjson::dom::array events = doc["events"];
  ASSERT_EQ(events.size(), expected->size());
  size_t i = 0;
  simdjson::dom::parser each;  // a second parser: `parser` still holds `events`
  for (auto e : events) EXPECT_EQ(simdjson::minify(e), simdjson::minify(each.parse((*expected)[i++].json).value()));

  // The two reports of the attack on Ukraine are one happening: the event
  // lists both articles as mentions.
  auto attack = get("/api/events?actor=RUS&code=19");
  simdjson::dom::parser p2;
  std::string id(std::string_view(p2.parse(attack->body)["events"].at(0)["id"]));
  auto detail = get("/api/events/" + id);
  simdjson::dom::parser p3;
  auto d = p3.parse(detail->body);
  ASSERT_FALSE(d.error()) << detail->body;
  std::set<std::string> articles;
  for (auto m : simdjson::dom::array(d["mentions"])) articles.insert(std::string(std::string_view(m["article"])));
  EXPECT_EQ(articles, (std::set<std::string>{"a1", "a2"})) << detail->body;

  // Spans lie inside the article's text and are in text order.
  auto art = get("/api/articles/a1");
  simdjson::dom::parser p4;
  auto a = p4.parse(art->body);
  ASSERT_FALSE(a.error());
  const size_t length = std::string_view(a["article"]["text"]).size();
  uint64_t last = 0, n = 0;
  for (auto s : simdjson::dom::array(a["spans"])) {
    uint64_t b = s["begin"], e = s["end"];
    EXPECT_LE(b, e);
    EXPECT_LE(e, length);
    EXPECT_GE(b, last);
    last = b;
    ++n;
  }
  EXPECT_GE(n, 3u);
  EXPECT_TRUE(bool(a["annotated"]));
  EXPECT_EQ(simdjson::dom::array(a["events"]).size(), 2u);
}

TEST_F(ServeTest, ManyRequestsAtOnceAnswerAsOneAtATime) {
  const std::vector<std::string> paths = {"/api/events?actor=RUS", "/api/stats?by=pair", "/api/articles/a2",
                                          "/api/network", "/api/events/nope"};
  std::vector<std::string> alone;
  for (const auto& p : paths) alone.push_back(get(p)->body);
  std::atomic<int> wrong{0}, done{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t)
    threads.emplace_back([&, t] {
      httplib::Client c("127.0.0.1", port_);
      for (int i = 0; i < 40; ++i) {
        size_t k = static_cast<size_t>(t + i) % paths.size();
        auto r = c.Get(paths[k].c_str());
        if (!r || r->body != alone[k]) ++wrong;
        ++done;
      }
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(done.load(), 320);
  EXPECT_EQ(wrong.load(), 0);
}

TEST(ServeStoreTest, ReadOnlyOpenRefusesWhatItCannotRead) {
  auto dir = std::filesystem::temp_directory_path();
  auto missing = SqliteStore::open_read_only((dir / "kabar_no_such_store.db").string());
  EXPECT_FALSE(missing.ok());
  auto not_store = dir / ("kabar_not_a_store_" + std::to_string(::getpid()) + ".db");
  {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(not_store.string().c_str(), &db), SQLITE_OK);
    sqlite3_exec(db, "CREATE TABLE t(x)", nullptr, nullptr, nullptr);
    sqlite3_close(db);
  }
  auto r = SqliteStore::open_read_only(not_store.string());
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("not a kabar store"), std::string::npos) << r.status().message();
  std::filesystem::remove(not_store);
}

}  // namespace
}  // namespace kabar
