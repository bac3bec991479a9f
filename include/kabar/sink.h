// kabar/sink.h — where events go: JSON Lines, a TSV table, the SQLite store.
//
// The JSON Lines form is the stable wire format documented in docs/FORMAT.md.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "kabar/event.h"
#include "kabar/lexicon.h"
#include "kabar/pipeline.h"
#include "kabar/status.h"

struct sqlite3;

namespace kabar {

// One event as one line of JSON (no trailing newline).
std::string event_to_json(const Event& e, const Lexicon& lexicon);

// A table row for people (`--format tsv`), and its header.
std::string tsv_header();
std::string event_to_tsv(const Event& e);

// Appends `s` to `out` as a JSON string literal with quotes.
void append_json_string(std::string& out, std::string_view s);

// The embedded store. Writing an article replaces whatever was stored for the
// same article id, in one transaction: ingesting twice never duplicates.
// Not thread-safe: one writer.
class SqliteStore {
 public:
  static StatusOr<std::unique_ptr<SqliteStore>> open(const std::string& path);
  ~SqliteStore();
  SqliteStore(const SqliteStore&) = delete;
  SqliteStore& operator=(const SqliteStore&) = delete;

  Status begin();
  Status commit();
  Status put_article(const ArticleResult& result, const Lexicon& lexicon);

  struct EventRow {
    std::string article, date, source, target, code, modality, place, text;
    int quad = 0;
    double goldstein = 0;
  };
  // Events ordered by date, article, sentence; at most `limit` (0 = all).
  StatusOr<std::vector<EventRow>> events(size_t limit) const;
  StatusOr<int64_t> count(const std::string& table) const;

 private:
  explicit SqliteStore(sqlite3* db) : db_(db) {}
  Status exec(const char* sql) const;
  sqlite3* db_;
};

}  // namespace kabar
