// kabar/clickhouse.h — the store past one machine: a ClickHouse server or
// cluster, spoken to over its HTTP interface (no client library).
//
// Layout (docs/SCALE.md gives the DDL and the reasons): in database DB the
// tables events_local, mentions_local and articles_local are
// ReplacingMergeTree(version) keyed on the stable event id (the article id
// for articles) and partitioned by month, so a retried or re-ingested batch
// replaces rows instead of adding them, and readers use FINAL. On a cluster,
// events, mentions and articles are Distributed tables over the shards,
// sharded by sipHash64 of the event (article) id; on a single server they are
// the MergeTree tables themselves. Writers and readers only ever name
// events, mentions and articles.
//
// The SQL runs unchanged on Debian's clickhouse-server 18.16 and on current
// ClickHouse LTS: no TTL, LowCardinality, CODEC or query parameters.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "kabar/status.h"
#include "kabar/store.h"

namespace kabar {

// clickhouse://USER:PASSWORD@HOST:PORT/DB?retries=N&backoff=S&timeout=S&skip_unavailable_shards=1
// USER defaults to "default", PORT to 8123 (HTTP), DB to "default". With no
// password in the URL, $KABAR_CLICKHOUSE_PASSWORD is used. retries: further
// attempts after a transient failure (default 4), backoff: the first wait in
// seconds, doubled each time (default 0.5), timeout: seconds a request may
// take (default 300).
struct ClickHouseUrl {
  std::string user = "default", password, host, database = "default";
  int port = 8123;
  int retries = 4;
  double backoff_s = 0.5;
  double timeout_s = 300;
  bool skip_unavailable_shards = false;
  // The URL without its password, for messages.
  std::string display() const;
};
bool is_clickhouse_url(std::string_view s);
StatusOr<ClickHouseUrl> parse_clickhouse_url(std::string_view url);

// One server's HTTP interface. Transient failures (no connection, a timeout,
// a shard unreachable, too many parts or queries) are retried with
// exponential backoff; anything else (a wrong password, a bad statement, an
// unknown table) fails at once with the server's own message.
class ClickHouseClient {
 public:
  explicit ClickHouseClient(ClickHouseUrl url);
  ~ClickHouseClient();
  ClickHouseClient(const ClickHouseClient&) = delete;
  ClickHouseClient& operator=(const ClickHouseClient&) = delete;

  using Settings = std::vector<std::pair<std::string, std::string>>;
  // Runs `sql` in the URL's database; `data` is sent after it (the rows of
  // an INSERT … FORMAT). Returns the response body.
  StatusOr<std::string> execute(const std::string& sql, const std::string& data = {}, const Settings& settings = {}) const;
  const ClickHouseUrl& url() const { return url_; }
  // Attempts that failed and were retried, over the client's life.
  int retried() const { return retried_; }

 private:
  struct Connection;
  ClickHouseUrl url_;
  std::unique_ptr<Connection> connection_;
  mutable int retried_ = 0;
};

// ClickHouse string literal: 'it\'s'.
std::string clickhouse_quote(std::string_view s);
// One TabSeparated field back to its text (\t, \n, \\, \' … unescaped).
std::string clickhouse_unescape_tsv(std::string_view field);

// The statements that create kabar's tables in `database`: the local
// tables, and with a cluster name the Distributed tables over them.
std::vector<std::string> clickhouse_schema(const std::string& database, const std::string& cluster);

// `kabar clickhouse init`: applies clickhouse_schema on every server given.
// With a cluster, each server must list it in its remote_servers with as
// many shards as servers are given (checked in system.clusters), since the
// DDL is applied to each shard in turn rather than ON CLUSTER (which needs
// ZooKeeper).
Status clickhouse_init(const std::vector<ClickHouseUrl>& servers, const std::string& cluster);

// Writes coded articles as rows of events, mentions and articles. Rows are
// gathered until commit() (or until the buffer passes `flush_bytes`), then
// sent as one INSERT … FORMAT JSONEachRow per table and partition (month of
// the event's day), since one insert across many partitions makes a part in
// each and is slow; a live feed's batch, all of one day, is one insert per
// table. Inserts into a cluster wait
// until every shard has its rows (insert_distributed_sync). Each article
// gets a version above every earlier one, so the newest coding wins.
class ClickHouseSink final : public StoreWriter {
 public:
  static StatusOr<std::unique_ptr<ClickHouseSink>> open(const ClickHouseUrl& url, size_t flush_bytes = 32 << 20);
  Status begin() override { return Status::Ok(); }
  Status put_article(const ArticleResult& result, const Lexicon& lexicon) override;
  Status commit() override { return flush(); }
  std::string name() const override { return client_.url().display(); }
  // Articles per commit that ingest should aim for: large, since each commit
  // is an insert per table and partition; memory is bounded by flush_bytes.
  size_t batch_articles() const override { return 100000; }

  struct Counts {
    int64_t events = 0, mentions = 0, articles = 0, inserts = 0;
  };
  const Counts& written() const { return written_; }
  int retried() const { return client_.retried(); }

 private:
  explicit ClickHouseSink(const ClickHouseUrl& url, size_t flush_bytes);
  Status flush();
  ClickHouseClient client_;
  size_t flush_bytes_;
  uint64_t next_version_;
  // table → month ("2024-01") → JSONEachRow lines, and how many lines.
  struct Batch {
    std::string rows;
    int64_t count = 0;
  };
  std::map<std::string, std::map<std::string, Batch>> pending_;
  size_t pending_bytes_ = 0;
  Counts written_;
};

// `kabar query` and `kabar stats` over the tables above (always FINAL, so a
// row stored twice counts once). Clusters (cross-article deduplication) are
// SQLite's only. --text finds sentences containing every word, in any case:
// FTS5's operators are not available here.
class ClickHouseReader final : public EventReader {
 public:
  static StatusOr<std::unique_ptr<ClickHouseReader>> open(const ClickHouseUrl& url);
  StatusOr<std::vector<EventRow>> query(const EventQuery& q) const override;
  StatusOr<std::vector<StatRow>> stats(const std::string& by, const EventQuery& where = {}) const override;
  StatusOr<int64_t> count(const std::string& table) const override;
  StatusOr<std::optional<EventDetail>> event(const std::string& id) const override;
  StatusOr<std::optional<ArticleDetail>> article(const std::string& id) const override;
  StatusOr<std::vector<EdgeRow>> network(size_t limit) const override;
  std::string store_name() const override { return client_.url().display(); }
  std::string caveat() const override;

 private:
  explicit ClickHouseReader(const ClickHouseUrl& url) : client_(url) {}
  ClickHouseClient::Settings settings() const;
  // Runs `sql` (FORMAT TabSeparated is added) and returns its rows, each of
  // exactly `fields` unescaped fields; a row of another width is an error.
  using Rows = std::vector<std::vector<std::string>>;
  StatusOr<Rows> select(const std::string& sql, size_t fields) const;
  ClickHouseClient client_;
};

}  // namespace kabar
