// kabar/sink.h — where events go: JSON Lines, a TSV table, the SQLite store.
//
// The JSON Lines form is the stable wire format documented in docs/FORMAT.md.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "kabar/event.h"
#include "kabar/lexicon.h"
#include "kabar/pipeline.h"
#include "kabar/status.h"
#include "kabar/store.h"

struct sqlite3;

namespace kabar {

// One event as one line of JSON (no trailing newline).
std::string event_to_json(const Event& e, const Lexicon& lexicon);

// A table row for people (`--format tsv`), and its header.
std::string tsv_header();
std::string event_to_tsv(const Event& e);

// Appends `s` to `out` as a JSON string literal with quotes.
void append_json_string(std::string& out, std::string_view s);
// Appends `"key":` to the object being written at the end of `out`, after a
// comma unless the object was just opened.
void append_json_key(std::string& out, std::string_view key);

// The embedded store. Writing an article replaces whatever was stored for the
// same article id, in one transaction: ingesting twice never duplicates.
// Not thread-safe: one writer.
// Stored articles are numbered in the order they were stored (a re-ingested
// article gets a new number). A range (after, up_to] of those numbers selects
// what one incremental export covers; the default covers all.
struct StoredArticleRange {
  int64_t after = 0;
  int64_t up_to = INT64_MAX;
};

class SqliteStore final : public EventReader, public StoreWriter {
 public:
  static StatusOr<std::unique_ptr<SqliteStore>> open(const std::string& path);
  // For readers that must not write (kabar serve): no schema changes, and a
  // file of another schema version is refused with what to do.
  static StatusOr<std::unique_ptr<SqliteStore>> open_read_only(const std::string& path);
  ~SqliteStore();
  SqliteStore(const SqliteStore&) = delete;
  SqliteStore& operator=(const SqliteStore&) = delete;

  Status begin() override;
  Status commit() override;
  Status put_article(const ArticleResult& result, const Lexicon& lexicon) override;
  std::string name() const override { return path_; }

  using EventRow = kabar::EventRow;
  using EventQuery = kabar::EventQuery;
  using StatRow = kabar::StatRow;
  // Events ordered by date, article, sentence; at most `limit` (0 = all).
  StatusOr<std::vector<EventRow>> events(size_t limit) const;
  StatusOr<std::vector<EventRow>> query(const EventQuery& q) const override;
  StatusOr<std::vector<StatRow>> stats(const std::string& by, const EventQuery& where = {}) const override;
  StatusOr<std::optional<EventDetail>> event(const std::string& id) const override;
  StatusOr<std::optional<ArticleDetail>> article(const std::string& id) const override;
  StatusOr<std::vector<EdgeRow>> network(size_t limit) const override;
  std::string store_name() const override { return path_; }

  // Cross-article deduplication: one row per happening (docs/FORMAT.md).
  struct ClusterRow {
    std::string id, root, source, target, first_date, last_date, place_country;
    int64_t num_mentions = 0, num_sources = 0, num_articles = 0;
  };
  StatusOr<std::vector<ClusterRow>> clusters(size_t limit) const;

  // Every clustered event with its cluster's counts and its article, ordered
  // by cluster (first date, id) and then by event date and id: the first row
  // of each cluster is its representative. For GDELT export.
  struct ExportRow {
    std::string cluster;
    int64_t num_mentions = 0, num_sources = 0, num_articles = 0;
    std::string event_json;
    std::string event_id, event_date;  // from the events table, so readers need not parse the JSON
    int64_t sentence = 0;
    std::string article_id, article_url, article_source, article_date;
    int64_t article_length = 0;
    double article_tone = 0, cluster_tone = 0;  // V1.5 tone; the cluster's mean over its mentions
    bool new_cluster = true;  // no article stored at or before the range's start mentions the cluster
  };
  using ArticleRange = StoredArticleRange;
  // The number of the last article stored (0 when none).
  StatusOr<int64_t> last_article_number() const;
  // Rows of the events of the range's articles (the cluster tone over those).
  StatusOr<std::vector<ExportRow>> export_rows(ArticleRange range = {}) const;

  // Articles with at least one clustered event, for the GKG file.
  struct QuoteRow {
    uint32_t begin = 0, end = 0;  // byte offsets into the article text
    std::string verb;
  };
  struct PlaceRow {  // one place_mentions row
    uint32_t begin = 0;
    std::string name, country, precision, fips, adm1;
    std::optional<double> lat, lon;
    int64_t geonames_id = 0;
  };
  struct ArticleRow {
    std::string id, url, source, lang, date, text;
    std::vector<QuoteRow> quotes;
    std::vector<PlaceRow> places;  // in text order
  };
  StatusOr<std::vector<ArticleRow>> export_articles(ArticleRange range = {}) const;

  StatusOr<int64_t> count(const std::string& table) const override;
  int schema_version() const { return schema_version_; }

 public:
  struct StmtCache;  // defined in sqlite_store.cc

 private:
  explicit SqliteStore(sqlite3* db);
  // The connection both open() and open_read_only() start from.
  static StatusOr<std::unique_ptr<SqliteStore>> connect(const std::string& path, int flags);
  Status exec(const char* sql) const;
  Status migrate(const std::string& path);
  StatusOr<std::string> assign_cluster(const Event& e);
  // Sentences, actor and place mentions, quotes of one article (schema v4).
  Status put_article_parts(const ArticleResult& r, const Lexicon& lexicon);
  Status join_cluster(const std::string& cluster, const std::string& article, const std::string& source);
  Status leave_clusters(const std::string& article);
  sqlite3* db_;
  std::unique_ptr<StmtCache> cache_;
  int schema_version_ = 0;
  std::string path_;
};

// The deduplicated events: one JSON line per cluster with its GDELT counts,
// date range, the earliest report's event as stored, and every mention
// (event id, article, outlet, URL, date, sentence). An undated event is a
// cluster of its own, with null dates. docs/FORMAT.md gives the layout.
StatusOr<std::vector<std::string>> export_clusters_jsonl(const SqliteStore& store);

}  // namespace kabar
