// kabar/store.h — what every store of coded articles offers, whichever engine
// holds it: the embedded SQLite file (kabar/sink.h) or a ClickHouse cluster
// (kabar/clickhouse.h). `kabar ingest` writes through StoreWriter; `kabar
// query` and `kabar stats` read through EventReader, so both print the same
// rows from either engine.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "kabar/date.h"
#include "kabar/status.h"

namespace kabar {

class Lexicon;
struct ArticleResult;

// One stored event as `kabar query` prints it.
struct EventRow {
  std::string article, date, source, target, code, modality, place, text, json;
  int quad = 0;
  double goldstein = 0;
};

// Filters for EventReader::query; empty fields do not filter.
struct EventQuery {
  std::string actor;          // code prefix of the source or the target ("RUS", "IDNCOP")
  std::string source, target; // code prefixes of one side
  std::string code;           // CAMEO code prefix ("19", "190", "0332")
  int quad = 0;               // 1-4
  std::optional<Date> from, to;
  std::string place;          // place name or country code
  std::string text;           // words of the sentence (SQLite: FTS5 syntax; ClickHouse: every word, any case)
  size_t limit = 0;
};

// Event counts for one key of a grouping (EventReader::stats).
struct StatRow {
  std::string key;
  int64_t events = 0;
};

// One report of an event: the event as coded in one article. For SQLite the
// mentions of an event are every event of its cluster (the same happening
// reported elsewhere); ClickHouse keeps no clusters, so only its own.
struct MentionRow {
  std::string event_id, article, outlet, url, date;
  int64_t sentence = 0;
};
struct EventDetail {
  std::string event_json;  // as `kabar code` prints it
  std::string cluster;     // "" when the store keeps none
  std::vector<MentionRow> mentions;
};

// A marked stretch of an article's text: an actor or place mention, a
// quotation. `label` is the text's name for it, `code` the CAMEO actor code,
// the place's country or the speaker's code.
struct SpanRow {
  uint32_t begin = 0, end = 0;  // byte offsets into the article text
  std::string kind, label, code;
};
struct ArticleDetail {
  std::string id, url, source, lang, date, title, text;
  std::vector<std::string> events;  // event JSON lines in text order
  std::vector<SpanRow> spans;       // in text order
  bool annotated = false;           // false: the store keeps events only (ClickHouse)
};

// An edge of the actor network: events from one actor code to another.
struct EdgeRow {
  std::string source, target;
  int64_t events = 0;
};

// The groupings of EventReader::stats: by "day" (the event date, "" when
// undated; in date order), "root", "quad", "pair" ("RUS -> UKR", "-" for a
// missing side), "country" (where it happened: the place's country, "" when
// unplaced) — these largest first, ties by key — and "day-quad" ("2024-01-02
// 4", in key order) for a timeline.
bool is_stat_grouping(const std::string& by);

class EventReader {
 public:
  virtual ~EventReader() = default;
  // Events ordered by date, article, sentence, id; at most q.limit (0 = all).
  virtual StatusOr<std::vector<EventRow>> query(const EventQuery& q) const = 0;
  // Counts of the events that pass `where` (its limit is ignored).
  virtual StatusOr<std::vector<StatRow>> stats(const std::string& by, const EventQuery& where = {}) const = 0;
  // Rows of "articles", "events" or "clusters" (kNotFound when this store
  // does not keep that table).
  virtual StatusOr<int64_t> count(const std::string& table) const = 0;
  // One event by id, one article by id; nullopt when there is none.
  virtual StatusOr<std::optional<EventDetail>> event(const std::string& id) const = 0;
  virtual StatusOr<std::optional<ArticleDetail>> article(const std::string& id) const = 0;
  // The `limit` largest actor pairs (both sides known), most events first,
  // ties by codes.
  virtual StatusOr<std::vector<EdgeRow>> network(size_t limit) const = 0;
  // For messages: the file or the URL without its password.
  virtual std::string store_name() const = 0;
  // Said once after the results when they may be incomplete (a ClickHouse
  // shard skipped on request); empty otherwise.
  virtual std::string caveat() const { return {}; }
};

// Where ingest puts coded articles. Between begin() and commit() the sink
// may hold articles back; after commit() returns Ok they are stored. Storing
// an article again replaces it: re-ingesting never double-counts.
class StoreWriter {
 public:
  virtual ~StoreWriter() = default;
  virtual Status begin() = 0;
  virtual Status put_article(const ArticleResult& result, const Lexicon& lexicon) = 0;
  virtual Status commit() = 0;
  // For messages: the file or the URL without its password.
  virtual std::string name() const = 0;
  // How many articles `kabar ingest` puts between begin() and commit().
  virtual size_t batch_articles() const { return 256; }
};

}  // namespace kabar
