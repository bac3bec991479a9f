// Web archives: records, HTTP inside them, compression and damage.
#include <zlib.h>

#include <filesystem>
#include <fstream>

#include "kabar/eval.h"
#include "kabar/ingest.h"
#include "kabar/warc.h"
#include "test_support.h"

namespace kabar {
namespace {

std::string record(const std::string& version, const std::string& type, const std::string& uri,
                   const std::string& content_type, const std::string& block) {
  return version + "\r\nWARC-Type: " + type + "\r\nWARC-Target-URI: " + uri +
         "\r\nWARC-Date: 2024-03-05T10:00:00Z\r\nWARC-Record-ID: <urn:uuid:" + uri.substr(uri.size() - 1) +
         ">\r\nContent-Type: " + content_type + "\r\nContent-Length: " + std::to_string(block.size()) + "\r\n\r\n" +
         block + "\r\n\r\n";
}

std::string http(const std::string& status, const std::string& headers, const std::string& body) {
  return "HTTP/1.1 " + status + "\r\n" + headers + "\r\n" + body;
}

using testing::gzip;

const std::string kPage =
    "<html lang=\"en\"><body><nav><a href=\"/\">Home</a></nav><article><p>Russia attacked Ukraine on Monday, "
    "officials said in a statement to reporters.</p></article></body></html>";

std::vector<std::string> ids_of(const std::string& bytes, const std::string& name, std::vector<std::string>* problems) {
  std::vector<std::string> ids;
  read_warc_documents(
      bytes, name, [&](WarcDocument&& d) { ids.push_back(d.uri + " " + d.content_type + " " + std::to_string(d.body.size())); },
      [&](const Status& s) { problems->push_back(s.message()); });
  return ids;
}

TEST(WarcTest, RecordsOfEveryKind) {
  // Chunks of 0x17 and 0x10 bytes, then the last (empty) chunk.
  const std::string chunked_body = "17\r\n<html><body><p>Chunked \r\n10\r\nbody.</p></body>\r\n0\r\n\r\n";
  const std::string warc =
      record("WARC/1.1", "warcinfo", "urn:x:0", "application/warc-fields", "software: test\r\n") +
      record("WARC/1.0", "request", "http://a.example/1", "application/http; msgtype=request", "GET /1 HTTP/1.1\r\n\r\n") +
      record("WARC/1.0", "response", "http://a.example/1", "application/http; msgtype=response",
             http("200 OK", "Content-Type: text/html; charset=utf-8\r\n", kPage)) +
      record("WARC/1.0", "response", "http://a.example/2", "application/http; msgtype=response",
             http("404 Not Found", "Content-Type: text/html\r\n", "<p>gone</p>")) +
      record("WARC/1.0", "response", "http://a.example/3", "application/http; msgtype=response",
             http("200 OK", "Content-Type: text/html\r\nContent-Encoding: gzip\r\n", gzip(kPage))) +
      record("WARC/1.0", "response", "http://a.example/4", "application/http; msgtype=response",
             http("200 OK", "Content-Type: text/html\r\nTransfer-Encoding: chunked\r\n", chunked_body)) +
      record("WARC/1.1", "resource", "http://a.example/5", "text/plain", "A plain text resource.") +
      record("WARC/0.17", "response", "dns:a.example", "text/dns", "20080430 a.example. IN A 1.2.3.4");
  std::vector<std::string> problems;
  WarcStats stats;
  std::vector<std::string> ids;
  read_warc_documents(
      warc, "t.warc", [&](WarcDocument&& d) { ids.push_back(d.uri + " " + d.content_type + " " + d.body.substr(0, 12)); },
      [&](const Status& s) { problems.push_back(s.message()); }, &stats);
  EXPECT_EQ(ids, (std::vector<std::string>{"http://a.example/1 text/html <html lang=\"", "http://a.example/3 text/html <html lang=\"",
                                           "http://a.example/4 text/html <html><body>", "http://a.example/5 text/plain A plain text"}));
  EXPECT_TRUE(problems.empty()) << problems.front();
  EXPECT_EQ(stats.records, 8u);
  EXPECT_EQ(stats.not_ok, 1u);
  EXPECT_EQ(stats.skipped_types, 3u);  // warcinfo, request, dns

  // Per-record gzip (one member per record) reads the same.
  std::string per_record;
  size_t pos = 0;
  while (pos < warc.size()) {
    size_t next = warc.find("\r\n\r\nWARC/", pos);
    size_t end = next == std::string::npos ? warc.size() : next + 4;
    per_record += gzip(warc.substr(pos, end - pos));
    pos = end;
  }
  std::vector<std::string> p2;
  EXPECT_EQ(ids_of(per_record, "t.warc.gz", &p2).size(), 4u);
  EXPECT_TRUE(p2.empty());
}

TEST(WarcTest, DamageCostsOnlyTheDamagedRecord) {
  const std::string good = record("WARC/1.0", "resource", "http://a.example/1", "text/plain", "first document");
  const std::string good2 = record("WARC/1.0", "resource", "http://a.example/2", "text/plain", "second document");
  struct Case {
    const char* name;
    std::string bytes;
    size_t documents;
    const char* problem;  // "" for none
  };
  std::string no_length = good;
  no_length.replace(no_length.find("Content-Length"), 14, "Content-Lenxth");
  const Case cases[] = {
      {"truncated last record", good + good2.substr(0, good2.size() - 12), 1, "record truncated"},
      {"garbage between records", good + "junk junk junk\r\n" + good2, 2, "no WARC record starts here"},
      {"missing Content-Length", no_length + good2, 1, "without a valid Content-Length"},
      {"truncated header", good + "WARC/1.0\r\nWARC-Type: resource\r\nContent-Le", 1, "record header is truncated"},
  };
  for (const auto& c : cases) {
    std::vector<std::string> problems;
    auto ids = ids_of(c.bytes, "d.warc", &problems);
    EXPECT_EQ(ids.size(), c.documents) << c.name;
    ASSERT_EQ(problems.size(), 1u) << c.name << ": " << (problems.empty() ? "" : problems.back());
    EXPECT_NE(problems[0].find(c.problem), std::string::npos) << c.name << ": " << problems[0];
    EXPECT_NE(problems[0].find("d.warc: byte "), std::string::npos) << c.name << ": the offset is named";
  }
  // A truncated gzip file: the records before the damage are kept.
  std::string gz = gzip(good) + gzip(good2);
  std::vector<std::string> problems;
  auto ids = ids_of(gz.substr(0, gzip(good).size() + 15), "d.warc.gz", &problems);
  EXPECT_EQ(ids.size(), 1u);
  EXPECT_FALSE(problems.empty());
  EXPECT_FALSE(walk_warc("not a warc", "x", [](const WarcRecord&) {}, [](const Status&) {}).ok());
}

TEST(WarcTest, ArchivedPagesBecomeArticles) {
  auto dir = std::filesystem::temp_directory_path() / ("kabar_warc_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const std::string warc =
      record("WARC/1.0", "response", "http://a.example/news/1", "application/http; msgtype=response",
             http("200 OK", "Content-Type: text/html\r\n", kPage)) +
      record("WARC/1.0", "response", "http://a.example/menu", "application/http; msgtype=response",
             http("200 OK", "Content-Type: text/html\r\n", "<html><body><nav><a href=\"/\">Home</a></nav></body></html>")) +
      record("WARC/1.0", "response", "http://a.example/logo.png", "application/http; msgtype=response",
             http("200 OK", "Content-Type: image/png\r\n", "\x89PNG"));
  std::ofstream(dir / "crawl.warc.gz", std::ios::binary) << gzip(warc);
  std::vector<Article> got;
  std::vector<IngestProblem> problems;
  read_inputs({dir.string()}, {}, [&](Article&& a) { got.push_back(std::move(a)); },
              [&](const IngestProblem& p) { problems.push_back(p); });
  std::filesystem::remove_all(dir);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].id, "http://a.example/news/1");
  EXPECT_EQ(got[0].url, "http://a.example/news/1");
  EXPECT_EQ(got[0].date, (Date{2024, 3, 5})) << "the crawl date when the page states none";
  EXPECT_EQ(got[0].lang, "en");
  EXPECT_EQ(got[0].text, "Russia attacked Ukraine on Monday, officials said in a statement to reporters.");
  ASSERT_EQ(problems.size(), 1u) << "the menu page has no article; the image is not a page";
  EXPECT_FALSE(problems[0].record_lost);
  EXPECT_NE(problems[0].status.message().find("<http://a.example/menu>: no article text"), std::string::npos)
      << problems[0].status.message();
}

// The benchmark's pages wrapped as WARC (../shared), scored end to end.
TEST(WarcBenchmarkTest, EndToEndFromTheArchive) {
  KABAR_REQUIRE_SHARED("corpora/warc/derived_scrapinghub_181_articles.warc.gz");
  KABAR_REQUIRE_SHARED("eval/html/ground-truth.json");
  auto r = evaluate_html_warc(testing::shared_dir() + "/eval/html",
                              testing::shared_dir() + "/corpora/warc/derived_scrapinghub_181_articles.warc.gz");
  ASSERT_TRUE(r.ok()) << r.status().to_string();
  EXPECT_EQ(r->pages, 181u);
  EXPECT_EQ(r->failed, 0u) << "every page found in the archive by its URL";
  EXPECT_GE(r->summary.f1, 0.92) << format_html_eval(*r);
}

}  // namespace
}  // namespace kabar
