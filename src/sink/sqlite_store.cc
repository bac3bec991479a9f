// The embedded SQLite store (schema in docs/FORMAT.md). put_article deletes
// the article's previous rows and inserts the new ones inside the caller's
// transaction, so a re-ingest replaces and a crash leaves the last committed
// state.
#include <set>
#include <unordered_map>
#include <sqlite3.h>

#include <fmt/format.h>

#include "kabar/sink.h"

namespace kabar {
namespace {

// Version history (each step in migrate()):
//   1  articles, events
//   2  events_fts: full-text index of event sentences (FTS5)
//   3  clusters: events from several articles that report one happening
//   4  sentences, actor and place mentions, quotes
//   5  the gazetteer's codes of place mentions, the kind of each quote
//   6  an index of cluster_articles by article
constexpr int kSchemaVersion = 6;

// Two events report the same happening when they have the same source,
// target and CAMEO root, dates at most this many days apart (chained through
// the cluster's first and last date), and compatible places (the same
// country, or one of them unknown). docs/FORMAT.md states the rule.
constexpr int kClusterWindowDays = 2;

constexpr const char* kSchema = R"SQL(
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS articles(
  id TEXT PRIMARY KEY, url TEXT, source TEXT, lang TEXT, title TEXT, date TEXT,
  dateline_place TEXT, dateline_outlet TEXT, cited_sources TEXT, origin TEXT, text TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS events(
  id TEXT PRIMARY KEY, article TEXT NOT NULL, sentence INTEGER NOT NULL, date TEXT,
  source_code TEXT, source_name TEXT, source_country TEXT,
  target_code TEXT, target_name TEXT, target_country TEXT,
  code TEXT NOT NULL, root TEXT NOT NULL, quad INTEGER NOT NULL, goldstein REAL NOT NULL,
  modality TEXT NOT NULL, place_name TEXT, place_country TEXT, lat REAL, lon REAL,
  text TEXT NOT NULL, json TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS events_article ON events(article);
CREATE INDEX IF NOT EXISTS events_date ON events(date);
CREATE INDEX IF NOT EXISTS events_code ON events(code);
)SQL";

}  // namespace

// Prepared statements of the write path, kept for the life of the store:
// preparing them for every article cost about a third of ingest time.
struct SqliteStore::StmtCache {
  std::unordered_map<std::string, sqlite3_stmt*> statements;
  ~StmtCache() {
    for (auto& [sql, s] : statements) sqlite3_finalize(s);
  }
};

namespace {

class Stmt {
 public:
  // A statement for this use only, finalized at the end of the scope.
  Stmt(sqlite3* db, const char* sql) { rc_ = sqlite3_prepare_v2(db, sql, -1, &s_, nullptr); }
  // A cached statement, prepared once per store and reset after each use.
  Stmt(sqlite3* db, SqliteStore::StmtCache& cache, const std::string& sql) : cached_(true) {
    auto it = cache.statements.find(sql);
    if (it != cache.statements.end()) {
      s_ = it->second;
      rc_ = SQLITE_OK;
      return;
    }
    rc_ = sqlite3_prepare_v3(db, sql.c_str(), -1, SQLITE_PREPARE_PERSISTENT, &s_, nullptr);
    if (rc_ == SQLITE_OK) cache.statements.emplace(sql, s_);
  }
  ~Stmt() {
    if (!cached_) {
      sqlite3_finalize(s_);
    } else if (s_) {
      sqlite3_reset(s_);
      sqlite3_clear_bindings(s_);
    }
  }
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;
  bool ok() const { return rc_ == SQLITE_OK; }
  void text(int i, std::string_view v) { sqlite3_bind_text(s_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT); }
  void opt_text(int i, const std::string& v) { if (v.empty()) sqlite3_bind_null(s_, i); else text(i, v); }
  void integer(int i, int64_t v) { sqlite3_bind_int64(s_, i, v); }
  void real(int i, double v) { sqlite3_bind_double(s_, i, v); }
  void null(int i) { sqlite3_bind_null(s_, i); }
  int step() { return sqlite3_step(s_); }
  void reset() { sqlite3_reset(s_); sqlite3_clear_bindings(s_); }
  sqlite3_stmt* get() { return s_; }

 private:
  sqlite3_stmt* s_ = nullptr;
  int rc_ = SQLITE_ERROR;
  bool cached_ = false;
};

std::string col(sqlite3_stmt* s, int i) {
  const unsigned char* t = sqlite3_column_text(s, i);
  return t ? reinterpret_cast<const char*>(t) : "";
}

}  // namespace

StatusOr<std::unique_ptr<SqliteStore>> SqliteStore::connect(const std::string& path, int flags) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, flags, nullptr) != SQLITE_OK) {
    std::string msg = db ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close(db);
    return Status(ErrorCode::kIo, fmt::format("{}: cannot open database: {}", path, msg));
  }
  auto store = std::unique_ptr<SqliteStore>(new SqliteStore(db));
  store->path_ = path;
  sqlite3_busy_timeout(db, 5000);
  return store;
}

StatusOr<std::unique_ptr<SqliteStore>> SqliteStore::open(const std::string& path) {
  auto opened = connect(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  if (!opened.ok()) return opened.status();
  auto store = std::move(opened).value();
  // The first statements are where a file that is not a kabar store fails:
  // name the file in the message.
  for (const char* sql : {"PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;", kSchema}) {
    Status st = store->exec(sql);
    if (!st.ok()) return Status(st.code(), fmt::format("{}: {}", path, st.message()));
  }
  KABAR_RETURN_IF_ERROR(store->migrate(path));
  return store;
}

StatusOr<std::unique_ptr<SqliteStore>> SqliteStore::open_read_only(const std::string& path) {
  auto opened = connect(path, SQLITE_OPEN_READONLY);
  if (!opened.ok()) return opened.status();
  auto store = std::move(opened).value();
  sqlite3* db = store->db_;
  int v = 0;
  {
    Stmt version(db, "SELECT value FROM meta WHERE key='schema_version'");
    if (!version.ok())
      return Status(ErrorCode::kData, fmt::format("{}: not a kabar store: {}", path, sqlite3_errmsg(db)));
    if (version.step() == SQLITE_ROW) v = std::stoi(col(version.get(), 0));
  }
  if (v != kSchemaVersion)
    return Status(ErrorCode::kData,
                  fmt::format("{}: schema version {}, this kabar reads {}{}", path, v, kSchemaVersion,
                              v < kSchemaVersion ? ": run `kabar stats --db FILE` once to migrate it" : ""));
  store->schema_version_ = v;
  return store;
}

Status SqliteStore::migrate(const std::string& path) {
  int v = 0;
  {
    Stmt version(db_, "SELECT value FROM meta WHERE key='schema_version'");
    if (version.step() == SQLITE_ROW) v = std::stoi(col(version.get(), 0));
  }
  if (v > kSchemaVersion)
    return Status(ErrorCode::kData, fmt::format("{}: schema version {} is newer than this kabar ({})", path, v, kSchemaVersion));
  if (v == 0) v = 1;  // a new file: the base schema was just created
  // Each step in its own transaction, so a crash leaves a consistent version.
  while (v < kSchemaVersion) {
    KABAR_RETURN_IF_ERROR(exec("BEGIN IMMEDIATE"));
    Status st;
    if (v == 1) {
      // The index shares the events' rowids, so replacing an article's
      // events finds their index rows by rowid, not by scanning.
      st = exec("CREATE VIRTUAL TABLE IF NOT EXISTS events_fts USING fts5(text);"
                "INSERT INTO events_fts(rowid, text) SELECT rowid, text FROM events;");
    }
    if (v == 2) {
      st = exec(
          "CREATE TABLE IF NOT EXISTS clusters(id TEXT PRIMARY KEY, root TEXT NOT NULL, source_code TEXT, "
          "target_code TEXT, first_date TEXT NOT NULL, last_date TEXT NOT NULL, place_country TEXT, "
          "num_mentions INTEGER NOT NULL, num_sources INTEGER NOT NULL, num_articles INTEGER NOT NULL);"
          "CREATE INDEX IF NOT EXISTS clusters_key ON clusters(root, source_code, target_code, last_date);"
          // Per cluster: which articles and outlets report it, so the GDELT
          // counts are kept exactly without recounting a cluster's events.
          "CREATE TABLE IF NOT EXISTS cluster_articles(cluster TEXT NOT NULL, article TEXT NOT NULL, "
          "source TEXT NOT NULL, mentions INTEGER NOT NULL, PRIMARY KEY(cluster, article));"
          "CREATE TABLE IF NOT EXISTS cluster_sources(cluster TEXT NOT NULL, source TEXT NOT NULL, "
          "articles INTEGER NOT NULL, PRIMARY KEY(cluster, source));"
          "ALTER TABLE events ADD COLUMN cluster TEXT;"
          "CREATE INDEX IF NOT EXISTS events_cluster ON events(cluster);");
      // Events stored before clusters existed are clustered when their
      // article is next ingested; until then they have none.
    }
    if (v == 3) {
      // What the article says besides its events: its sentences, every actor
      // and place mention, and direct quotations with their speakers.
      // Articles stored earlier get rows when they are next ingested.
      st = exec(
          "CREATE TABLE IF NOT EXISTS sentences(article TEXT NOT NULL, idx INTEGER NOT NULL, "
          "begin INTEGER NOT NULL, end INTEGER NOT NULL, text TEXT NOT NULL, PRIMARY KEY(article, idx));"
          "CREATE TABLE IF NOT EXISTS actor_mentions(article TEXT NOT NULL, sentence INTEGER NOT NULL, "
          "begin INTEGER NOT NULL, end INTEGER NOT NULL, code TEXT NOT NULL, country TEXT, role TEXT, "
          "name TEXT NOT NULL);"
          "CREATE INDEX IF NOT EXISTS actor_mentions_article ON actor_mentions(article);"
          "CREATE INDEX IF NOT EXISTS actor_mentions_code ON actor_mentions(code);"
          "CREATE TABLE IF NOT EXISTS place_mentions(article TEXT NOT NULL, sentence INTEGER NOT NULL, "
          "begin INTEGER NOT NULL, end INTEGER NOT NULL, name TEXT NOT NULL, country TEXT, precision TEXT, "
          "lat REAL, lon REAL);"
          "CREATE INDEX IF NOT EXISTS place_mentions_article ON place_mentions(article);"
          "CREATE TABLE IF NOT EXISTS quotes(article TEXT NOT NULL, sentence INTEGER NOT NULL, "
          "begin INTEGER NOT NULL, end INTEGER NOT NULL, text TEXT NOT NULL, speaker_code TEXT, speaker_name TEXT, "
          "speaker_begin INTEGER, speaker_end INTEGER, verb TEXT);"
          "CREATE INDEX IF NOT EXISTS quotes_article ON quotes(article);"
          "CREATE INDEX IF NOT EXISTS quotes_speaker ON quotes(speaker_code);"
          "ALTER TABLE articles ADD COLUMN tone REAL;");
    }
    if (v == 4) {
      // The gazetteer's codes for each place mention (GDELT's FIPS country
      // and ADM1Code, ISO 3166-2, GeoNames id). Older rows keep NULLs until
      // their article is next ingested.
      st = exec(
          "ALTER TABLE place_mentions ADD COLUMN fips TEXT;"
          "ALTER TABLE place_mentions ADD COLUMN adm1 TEXT;"
          "ALTER TABLE place_mentions ADD COLUMN subdivision TEXT;"
          "ALTER TABLE place_mentions ADD COLUMN geonames_id INTEGER;"
          // Reported speech beside direct quotations: 'direct' or 'reported'.
          "ALTER TABLE quotes ADD COLUMN kind TEXT NOT NULL DEFAULT 'direct';");
    }
    if (v == 5) {
      // Re-ingest and every new article look up an article's clusters; the
      // primary key (cluster, article) cannot serve that, and the scan grew
      // with the store (a million events took hours).
      st = exec("CREATE INDEX IF NOT EXISTS cluster_articles_article ON cluster_articles(article);");
    }
    if (st.ok()) st = exec(fmt::format("INSERT OR REPLACE INTO meta(key, value) VALUES('schema_version', '{}')", v + 1).c_str());
    if (!st.ok()) {
      exec("ROLLBACK");
      return Status(ErrorCode::kData, fmt::format("{}: migration {} → {} failed: {}", path, v, v + 1, st.message()));
    }
    KABAR_RETURN_IF_ERROR(exec("COMMIT"));
    ++v;
  }
  schema_version_ = v;
  return Status::Ok();
}

SqliteStore::SqliteStore(sqlite3* db) : db_(db), cache_(std::make_unique<StmtCache>()) {}

SqliteStore::~SqliteStore() {
  cache_.reset();  // statements first: sqlite3_close refuses while any is open
  sqlite3_close(db_);
}

Status SqliteStore::exec(const char* sql) const {
  char* err = nullptr;
  if (sqlite3_exec(db_, sql, nullptr, nullptr, &err) != SQLITE_OK) {
    std::string msg = err ? err : "unknown error";
    sqlite3_free(err);
    return Status(ErrorCode::kIo, "sqlite: " + msg);
  }
  return Status::Ok();
}

Status SqliteStore::begin() { return exec("BEGIN IMMEDIATE"); }
Status SqliteStore::commit() { return exec("COMMIT"); }

Status SqliteStore::put_article(const ArticleResult& r, const Lexicon& lexicon) {
  // The article leaves the clusters its old events belonged to.
  KABAR_RETURN_IF_ERROR(leave_clusters(r.article.id));
  const std::string outlet = !r.article.source.empty() ? r.article.source
                             : r.document.dateline && !r.document.dateline->outlet.empty() ? r.document.dateline->outlet
                                                                                            : r.article.id;
  Stmt del_fts(db_, *cache_, "DELETE FROM events_fts WHERE rowid IN (SELECT rowid FROM events WHERE article = ?1)");
  del_fts.text(1, r.article.id);
  if (del_fts.step() != SQLITE_DONE) return Status(ErrorCode::kIo, std::string("sqlite: ") + sqlite3_errmsg(db_));
  Stmt del_e(db_, *cache_, "DELETE FROM events WHERE article = ?1");
  del_e.text(1, r.article.id);
  if (del_e.step() != SQLITE_DONE) return Status(ErrorCode::kIo, std::string("sqlite: ") + sqlite3_errmsg(db_));
  for (const char* table : {"sentences", "actor_mentions", "place_mentions", "quotes"}) {
    Stmt del(db_, *cache_, fmt::format("DELETE FROM {} WHERE article = ?1", table).c_str());
    del.text(1, r.article.id);
    if (del.step() != SQLITE_DONE) return Status(ErrorCode::kIo, std::string("sqlite: ") + sqlite3_errmsg(db_));
  }
  Stmt art(db_, *cache_,
           "INSERT OR REPLACE INTO articles(id, url, source, lang, title, date, dateline_place, dateline_outlet, "
           "cited_sources, origin, text, tone) VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12)");
  if (!art.ok()) return Status(ErrorCode::kInternal, std::string("sqlite: ") + sqlite3_errmsg(db_));
  art.text(1, r.article.id);
  art.opt_text(2, r.article.url);
  art.opt_text(3, r.article.source.empty() && r.document.dateline ? r.document.dateline->outlet : r.article.source);
  art.text(4, r.lang);
  std::string title = r.article.title;
  if (title.empty() && r.document.title) title = std::string(r.document.title->in(r.article.text));
  art.opt_text(5, title);
  art.opt_text(6, r.date ? r.date->to_string() : "");
  art.opt_text(7, r.document.dateline ? r.document.dateline->place : "");
  art.opt_text(8, r.document.dateline ? r.document.dateline->outlet : "");
  std::string cited;
  for (const auto& c : r.document.cited_sources) cited += (cited.empty() ? "" : ";") + c;
  art.opt_text(9, cited);
  art.text(10, r.article.origin);
  art.text(11, r.article.text);
  art.real(12, r.tone.tone);
  if (art.step() != SQLITE_DONE) return Status(ErrorCode::kIo, std::string("sqlite: ") + sqlite3_errmsg(db_));

  KABAR_RETURN_IF_ERROR(put_article_parts(r, lexicon));

  Stmt ev(db_, *cache_,
          "INSERT OR REPLACE INTO events(id, article, sentence, date, source_code, source_name, source_country, "
          "target_code, target_name, target_country, code, root, quad, goldstein, modality, place_name, "
          "place_country, lat, lon, text, json) VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?18,?19,?20,?21)");
  Stmt fts(db_, *cache_, "INSERT INTO events_fts(rowid, text) VALUES(?1, ?2)");
  for (const auto& e : r.events) {
    ev.text(1, e.id);
    ev.text(2, r.article.id);
    ev.integer(3, e.sentence);
    ev.opt_text(4, e.date ? e.date->to_string() : "");
    auto actor = [&](int at, const std::optional<ActorRef>& a) {
      if (!a) { ev.null(at); ev.null(at + 1); ev.null(at + 2); return; }
      ev.text(at, a->code);
      ev.text(at + 1, a->name);
      ev.opt_text(at + 2, a->country);
    };
    actor(5, e.source);
    actor(8, e.target);
    ev.text(11, e.code);
    ev.text(12, e.root);
    ev.integer(13, e.quad);
    ev.real(14, e.goldstein);
    ev.text(15, modality_name(e.modality));
    if (e.place) {
      ev.text(16, e.place->name);
      ev.text(17, e.place->country);
      if (e.place->lat) ev.real(18, *e.place->lat); else ev.null(18);
      if (e.place->lon) ev.real(19, *e.place->lon); else ev.null(19);
    } else {
      ev.null(16); ev.null(17); ev.null(18); ev.null(19);
    }
    ev.text(20, e.text);
    ev.text(21, event_to_json(e, lexicon));
    if (ev.step() != SQLITE_DONE) return Status(ErrorCode::kIo, std::string("sqlite: ") + sqlite3_errmsg(db_));
    ev.reset();
    fts.integer(1, sqlite3_last_insert_rowid(db_));
    fts.text(2, e.text);
    if (fts.step() != SQLITE_DONE) return Status(ErrorCode::kIo, std::string("sqlite: ") + sqlite3_errmsg(db_));
    fts.reset();
    auto cluster = assign_cluster(e);
    if (!cluster.ok()) return cluster.status();
    KABAR_RETURN_IF_ERROR(join_cluster(*cluster, r.article.id, outlet));
  }
  return Status::Ok();
}

Status SqliteStore::put_article_parts(const ArticleResult& r, const Lexicon& /*lexicon*/) {
  auto fail = [&] { return Status(ErrorCode::kIo, fmt::format("sqlite: {}", sqlite3_errmsg(db_))); };
  const std::string& text = r.article.text;
  const std::string& id = r.article.id;
  Stmt sent(db_, *cache_, "INSERT INTO sentences(article, idx, begin, end, text) VALUES(?1,?2,?3,?4,?5)");
  Stmt actor(db_, *cache_,
             "INSERT INTO actor_mentions(article, sentence, begin, end, code, country, role, name) "
             "VALUES(?1,?2,?3,?4,?5,?6,?7,?8)");
  Stmt place(db_, *cache_,
             "INSERT INTO place_mentions(article, sentence, begin, end, name, country, precision, lat, lon, fips, adm1, "
             "subdivision, geonames_id) VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13)");
  if (!sent.ok() || !actor.ok() || !place.ok()) return fail();
  for (size_t si = 0; si < r.sentences.size(); ++si) {
    const Sentence& s = r.sentences[si];
    sent.text(1, id);
    sent.integer(2, s.index);
    sent.integer(3, s.span.begin);
    sent.integer(4, s.span.end);
    sent.text(5, s.span.in(text));
    if (sent.step() != SQLITE_DONE) return fail();
    sent.reset();
    if (si >= r.annotations.size()) continue;
    for (const auto& m : r.annotations[si].mentions) {
      for (const auto& a : m.actors) {
        actor.text(1, id);
        actor.integer(2, s.index);
        actor.integer(3, a.span.begin);
        actor.integer(4, a.span.end);
        actor.text(5, a.code);
        actor.opt_text(6, a.country);
        actor.opt_text(7, a.role);
        actor.text(8, a.name);
        if (actor.step() != SQLITE_DONE) return fail();
        actor.reset();
      }
    }
    for (const auto& pm : r.annotations[si].places) {
      const Place& p = pm.resolved;
      place.text(1, id);
      place.integer(2, s.index);
      place.integer(3, pm.span.begin);
      place.integer(4, pm.span.end);
      place.text(5, p.name);
      place.opt_text(6, p.country);
      place.opt_text(7, p.precision);
      if (p.lat && p.lon) {  // no point for a whole country
        place.real(8, *p.lat);
        place.real(9, *p.lon);
      } else {
        place.null(8);
        place.null(9);
      }
      place.opt_text(10, p.fips);
      place.opt_text(11, p.adm1);
      place.opt_text(12, p.subdivision);
      if (p.geonames_id) place.integer(13, p.geonames_id); else place.null(13);
      if (place.step() != SQLITE_DONE) return fail();
      place.reset();
    }
  }
  Stmt quote(db_, *cache_,
             "INSERT INTO quotes(article, sentence, begin, end, text, speaker_code, speaker_name, speaker_begin, "
             "speaker_end, verb, kind) VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11)");
  if (!quote.ok()) return fail();
  for (const auto& q : r.quotes) {
    quote.text(1, id);
    quote.integer(2, q.sentence < r.sentences.size() ? r.sentences[q.sentence].index : q.sentence);
    quote.integer(3, q.span.begin);
    quote.integer(4, q.span.end);
    quote.text(5, q.span.in(text));
    std::string codes;
    if (q.speaker)
      for (const auto& a : q.speaker->actors) codes += (codes.empty() ? "" : ";") + a.code;
    quote.opt_text(6, codes);
    if (!q.speaker_span.empty()) {
      quote.text(7, q.speaker_span.in(text));
      quote.integer(8, q.speaker_span.begin);
      quote.integer(9, q.speaker_span.end);
    } else {
      quote.null(7); quote.null(8); quote.null(9);
    }
    quote.opt_text(10, std::string(q.verb.in(text)));
    quote.text(11, q.reported ? "reported" : "direct");
    if (quote.step() != SQLITE_DONE) return fail();
    quote.reset();
  }
  return Status::Ok();
}

StatusOr<std::string> SqliteStore::assign_cluster(const Event& e) {
  auto fail = [&] { return Status(ErrorCode::kIo, fmt::format("sqlite: {}", sqlite3_errmsg(db_))); };
  const std::string date = e.date ? e.date->to_string() : "";
  const std::string source = e.source ? e.source->code : "", target = e.target ? e.target->code : "";
  const std::string place = e.place ? e.place->country : "";
  std::string id;
  if (!date.empty()) {
    Stmt find(db_, *cache_,
              // IS, not COALESCE(…) =: the index clusters_key serves IS, so
              // finding a cluster stays a short range scan as the store grows
              // (COALESCE made it scan every cluster of the root). Codes are
              // stored as NULL, never "", so both mean the same.
              "SELECT id FROM clusters WHERE root = ?1 AND source_code IS ?2 AND target_code IS ?3 "
              "AND last_date >= date(?4, ?5) AND first_date <= date(?4, ?6) "
              "AND (place_country IS NULL OR ?7 = '' OR place_country = ?7) ORDER BY first_date, id LIMIT 1");
    find.text(1, e.root);
    find.opt_text(2, source);
    find.opt_text(3, target);
    find.text(4, date);
    find.text(5, fmt::format("-{} day", kClusterWindowDays));
    find.text(6, fmt::format("+{} day", kClusterWindowDays));
    find.text(7, place);
    if (find.step() == SQLITE_ROW) id = col(find.get(), 0);
  }
  if (id.empty()) {
    // A new happening: its id is a hash of what defines it, so the same
    // founding report gives the same cluster id in every store.
    id = "c" + e.id;
    Stmt add(db_, *cache_,
             "INSERT OR IGNORE INTO clusters(id, root, source_code, target_code, first_date, last_date, place_country, "
             "num_mentions, num_sources, num_articles) VALUES(?1,?2,?3,?4,?5,?5,?6,0,0,0)");
    add.text(1, id);
    add.text(2, e.root);
    add.opt_text(3, source);
    add.opt_text(4, target);
    add.text(5, date.empty() ? "0000-00-00" : date);
    add.opt_text(6, place);
    if (add.step() != SQLITE_DONE) return fail();
  } else if (!date.empty()) {
    Stmt widen(db_, *cache_, "UPDATE clusters SET first_date = MIN(first_date, ?2), last_date = MAX(last_date, ?2), "
                    "place_country = COALESCE(place_country, ?3) WHERE id = ?1");
    widen.text(1, id);
    widen.text(2, date);
    widen.opt_text(3, place);
    if (widen.step() != SQLITE_DONE) return fail();
  }
  Stmt link(db_, *cache_, "UPDATE events SET cluster = ?1 WHERE id = ?2");
  link.text(1, id);
  link.text(2, e.id);
  if (link.step() != SQLITE_DONE) return fail();
  return id;
}

// NumMentions, NumSources and NumArticles as GDELT defines them (every
// mention, distinct articles, distinct outlets), kept by counting each
// article and outlet in and out, so adding a mention costs the same however
// large the cluster is.
Status SqliteStore::join_cluster(const std::string& cluster, const std::string& article, const std::string& source) {
  auto fail = [&] { return Status(ErrorCode::kIo, fmt::format("sqlite: {}", sqlite3_errmsg(db_))); };
  bool new_article = false, new_source = false;
  {
    Stmt seen(db_, *cache_, "SELECT 1 FROM cluster_articles WHERE cluster = ?1 AND article = ?2");
    seen.text(1, cluster);
    seen.text(2, article);
    new_article = seen.step() != SQLITE_ROW;
  }
  if (new_article) {
    Stmt seen(db_, *cache_, "SELECT 1 FROM cluster_sources WHERE cluster = ?1 AND source = ?2");
    seen.text(1, cluster);
    seen.text(2, source);
    new_source = seen.step() != SQLITE_ROW;
    Stmt add(db_, *cache_, "INSERT INTO cluster_articles(cluster, article, source, mentions) VALUES(?1, ?2, ?3, 1)");
    add.text(1, cluster);
    add.text(2, article);
    add.text(3, source);
    if (add.step() != SQLITE_DONE) return fail();
    Stmt src(db_, *cache_, "INSERT INTO cluster_sources(cluster, source, articles) VALUES(?1, ?2, 1) "
                  "ON CONFLICT(cluster, source) DO UPDATE SET articles = articles + 1");
    src.text(1, cluster);
    src.text(2, source);
    if (src.step() != SQLITE_DONE) return fail();
  } else {
    Stmt more(db_, *cache_, "UPDATE cluster_articles SET mentions = mentions + 1 WHERE cluster = ?1 AND article = ?2");
    more.text(1, cluster);
    more.text(2, article);
    if (more.step() != SQLITE_DONE) return fail();
  }
  Stmt count(db_, *cache_, "UPDATE clusters SET num_mentions = num_mentions + 1, num_articles = num_articles + ?2, "
                  "num_sources = num_sources + ?3 WHERE id = ?1");
  count.text(1, cluster);
  count.integer(2, new_article ? 1 : 0);
  count.integer(3, new_source ? 1 : 0);
  if (count.step() != SQLITE_DONE) return fail();
  return Status::Ok();
}

Status SqliteStore::leave_clusters(const std::string& article) {
  auto fail = [&] { return Status(ErrorCode::kIo, fmt::format("sqlite: {}", sqlite3_errmsg(db_))); };
  struct Left { std::string cluster, source; int64_t mentions; };
  std::vector<Left> left;
  {
    Stmt rows(db_, *cache_, "SELECT cluster, source, mentions FROM cluster_articles WHERE article = ?1");
    rows.text(1, article);
    while (rows.step() == SQLITE_ROW)
      left.push_back({col(rows.get(), 0), col(rows.get(), 1), sqlite3_column_int64(rows.get(), 2)});
  }
  for (const auto& l : left) {
    Stmt drop_article(db_, *cache_, "DELETE FROM cluster_articles WHERE cluster = ?1 AND article = ?2");
    drop_article.text(1, l.cluster);
    drop_article.text(2, article);
    if (drop_article.step() != SQLITE_DONE) return fail();
    Stmt less_source(db_, *cache_, "UPDATE cluster_sources SET articles = articles - 1 WHERE cluster = ?1 AND source = ?2");
    less_source.text(1, l.cluster);
    less_source.text(2, l.source);
    if (less_source.step() != SQLITE_DONE) return fail();
    bool source_gone = false;
    {
      Stmt gone(db_, *cache_, "DELETE FROM cluster_sources WHERE cluster = ?1 AND source = ?2 AND articles <= 0");
      gone.text(1, l.cluster);
      gone.text(2, l.source);
      if (gone.step() != SQLITE_DONE) return fail();
      source_gone = sqlite3_changes(db_) > 0;
    }
    Stmt count(db_, *cache_, "UPDATE clusters SET num_mentions = num_mentions - ?2, num_articles = num_articles - 1, "
                    "num_sources = num_sources - ?3 WHERE id = ?1");
    count.text(1, l.cluster);
    count.integer(2, l.mentions);
    count.integer(3, source_gone ? 1 : 0);
    if (count.step() != SQLITE_DONE) return fail();
    Stmt empty(db_, *cache_, "DELETE FROM clusters WHERE id = ?1 AND num_mentions <= 0");
    empty.text(1, l.cluster);
    if (empty.step() != SQLITE_DONE) return fail();
  }
  return Status::Ok();
}

StatusOr<std::vector<SqliteStore::ClusterRow>> SqliteStore::clusters(size_t limit) const {
  std::string sql =
      "SELECT id, root, COALESCE(source_code,'-'), COALESCE(target_code,'-'), first_date, last_date, "
      "COALESCE(place_country,''), num_mentions, num_sources, num_articles FROM clusters "
      "ORDER BY first_date, id";
  if (limit) sql += fmt::format(" LIMIT {}", limit);
  Stmt s(db_, sql.c_str());
  if (!s.ok()) return Status(ErrorCode::kIo, fmt::format("sqlite: {}", sqlite3_errmsg(db_)));
  std::vector<ClusterRow> rows;
  while (s.step() == SQLITE_ROW) {
    ClusterRow r;
    r.id = col(s.get(), 0);
    r.root = col(s.get(), 1);
    r.source = col(s.get(), 2);
    r.target = col(s.get(), 3);
    r.first_date = col(s.get(), 4);
    r.last_date = col(s.get(), 5);
    r.place_country = col(s.get(), 6);
    r.num_mentions = sqlite3_column_int64(s.get(), 7);
    r.num_sources = sqlite3_column_int64(s.get(), 8);
    r.num_articles = sqlite3_column_int64(s.get(), 9);
    rows.push_back(std::move(r));
  }
  return rows;
}

StatusOr<std::vector<SqliteStore::EventRow>> SqliteStore::events(size_t limit) const {
  EventQuery q;
  q.limit = limit;
  return query(q);
}

namespace {

// The WHERE clause of query() and stats(), from fixed clauses with bound
// parameters: user text never enters the SQL string.
std::string where_clause(const EventQuery& q, std::vector<std::string>& params) {
  std::string sql = " WHERE 1=1";
  auto add = [&](const char* clause, std::string value) {
    sql += clause;
    params.push_back(std::move(value));
  };
  if (!q.actor.empty()) {
    sql += fmt::format(" AND (source_code LIKE ?{0} || '%' OR target_code LIKE ?{0} || '%')", params.size() + 1);
    params.push_back(q.actor);
  }
  if (!q.source.empty()) add(fmt::format(" AND source_code LIKE ?{} || '%'", params.size() + 1).c_str(), q.source);
  if (!q.target.empty()) add(fmt::format(" AND target_code LIKE ?{} || '%'", params.size() + 1).c_str(), q.target);
  if (!q.code.empty()) add(fmt::format(" AND code LIKE ?{} || '%'", params.size() + 1).c_str(), q.code);
  if (q.quad) add(fmt::format(" AND quad = ?{}", params.size() + 1).c_str(), std::to_string(q.quad));
  if (q.from) add(fmt::format(" AND date >= ?{}", params.size() + 1).c_str(), q.from->to_string());
  if (q.to) add(fmt::format(" AND date <= ?{}", params.size() + 1).c_str(), q.to->to_string());
  if (!q.place.empty()) {
    sql += fmt::format(" AND (place_name = ?{0} OR place_country = ?{0})", params.size() + 1);
    params.push_back(q.place);
  }
  if (!q.text.empty())
    add(fmt::format(" AND rowid IN (SELECT rowid FROM events_fts WHERE events_fts MATCH ?{})", params.size() + 1).c_str(), q.text);
  return sql;
}

}  // namespace

StatusOr<std::vector<SqliteStore::EventRow>> SqliteStore::query(const EventQuery& q) const {
  std::vector<std::string> params;
  std::string sql =
      "SELECT article, COALESCE(date,''), COALESCE(source_code,'-'), COALESCE(target_code,'-'), code, quad, "
      "goldstein, modality, COALESCE(place_name,''), text, json FROM events" + where_clause(q, params);
  sql += " ORDER BY date, article, sentence, id";
  if (q.limit) sql += fmt::format(" LIMIT {}", q.limit);
  Stmt s(db_, sql.c_str());
  if (!s.ok()) return Status(ErrorCode::kIo, std::string("sqlite: ") + sqlite3_errmsg(db_));
  for (size_t i = 0; i < params.size(); ++i) s.text(static_cast<int>(i + 1), params[i]);
  std::vector<EventRow> rows;
  int rc;
  while ((rc = s.step()) == SQLITE_ROW) {
    EventRow r;
    r.article = col(s.get(), 0);
    r.date = col(s.get(), 1);
    r.source = col(s.get(), 2);
    r.target = col(s.get(), 3);
    r.code = col(s.get(), 4);
    r.quad = sqlite3_column_int(s.get(), 5);
    r.goldstein = sqlite3_column_double(s.get(), 6);
    r.modality = col(s.get(), 7);
    r.place = col(s.get(), 8);
    r.text = col(s.get(), 9);
    r.json = col(s.get(), 10);
    rows.push_back(std::move(r));
  }
  if (rc != SQLITE_DONE)
    return Status(ErrorCode::kInvalidArgument, fmt::format("query: {}", sqlite3_errmsg(db_)));
  return rows;
}


StatusOr<std::vector<SqliteStore::StatRow>> SqliteStore::stats(const std::string& by, const EventQuery& where) const {
  const char* key = nullptr;
  const char* order = "n DESC, k";
  if (by == "day") { key = "COALESCE(date, '')"; order = "k"; }
  else if (by == "root") key = "root";
  else if (by == "quad") key = "CAST(quad AS TEXT)";
  else if (by == "pair") key = "COALESCE(source_country, '-') || ' -> ' || COALESCE(target_country, '-')";
  else if (by == "country") key = "COALESCE(place_country, '')";
  else if (by == "day-quad") { key = "COALESCE(date, '') || ' ' || quad"; order = "k"; }
  else return Status(ErrorCode::kInvalidArgument, fmt::format("stats: group by day, root, quad, pair, country or day-quad, not \"{}\"", by));
  std::vector<std::string> params;
  const std::string filter = where_clause(where, params);
  Stmt s(db_, fmt::format("SELECT {} AS k, COUNT(*) AS n FROM events{} GROUP BY k ORDER BY {}", key, filter, order).c_str());
  if (!s.ok()) return Status(ErrorCode::kIo, std::string("sqlite: ") + sqlite3_errmsg(db_));
  for (size_t i = 0; i < params.size(); ++i) s.text(static_cast<int>(i + 1), params[i]);
  std::vector<StatRow> rows;
  int rc;
  while ((rc = s.step()) == SQLITE_ROW) rows.push_back({col(s.get(), 0), sqlite3_column_int64(s.get(), 1)});
  if (rc != SQLITE_DONE) return Status(ErrorCode::kInvalidArgument, fmt::format("stats: {}", sqlite3_errmsg(db_)));
  return rows;
}

StatusOr<std::optional<EventDetail>> SqliteStore::event(const std::string& id) const {
  auto fail = [&] { return Status(ErrorCode::kIo, fmt::format("sqlite: {}", sqlite3_errmsg(db_))); };
  EventDetail d;
  {
    Stmt s(db_, "SELECT json, COALESCE(cluster, '') FROM events WHERE id = ?1");
    if (!s.ok()) return fail();
    s.text(1, id);
    if (s.step() != SQLITE_ROW) return std::optional<EventDetail>();
    d.event_json = col(s.get(), 0);
    d.cluster = col(s.get(), 1);
  }
  // Every report of the happening: the events of its cluster (itself when
  // it has none), earliest first.
  Stmt m(db_,
         "SELECT e.id, e.article, COALESCE(a.source, ''), COALESCE(a.url, a.origin, ''), COALESCE(a.date, ''), "
         "e.sentence FROM events e JOIN articles a ON a.id = e.article "
         "WHERE (?2 <> '' AND e.cluster = ?2) OR e.id = ?1 ORDER BY COALESCE(a.date, ''), e.article, e.sentence, e.id");
  if (!m.ok()) return fail();
  m.text(1, id);
  m.text(2, d.cluster);
  while (m.step() == SQLITE_ROW)
    d.mentions.push_back({col(m.get(), 0), col(m.get(), 1), col(m.get(), 2), col(m.get(), 3), col(m.get(), 4),
                          sqlite3_column_int64(m.get(), 5)});
  return std::optional<EventDetail>(std::move(d));
}

StatusOr<std::optional<ArticleDetail>> SqliteStore::article(const std::string& id) const {
  auto fail = [&] { return Status(ErrorCode::kIo, fmt::format("sqlite: {}", sqlite3_errmsg(db_))); };
  ArticleDetail d;
  {
    Stmt s(db_, "SELECT id, COALESCE(url, ''), COALESCE(source, ''), COALESCE(lang, ''), COALESCE(date, ''), "
                "COALESCE(title, ''), text FROM articles WHERE id = ?1");
    if (!s.ok()) return fail();
    s.text(1, id);
    if (s.step() != SQLITE_ROW) return std::optional<ArticleDetail>();
    d = {col(s.get(), 0), col(s.get(), 1), col(s.get(), 2), col(s.get(), 3), col(s.get(), 4), col(s.get(), 5),
         col(s.get(), 6), {}, {}, true};
  }
  {
    Stmt e(db_, "SELECT json FROM events WHERE article = ?1 ORDER BY sentence, id");
    if (!e.ok()) return fail();
    e.text(1, id);
    while (e.step() == SQLITE_ROW) d.events.push_back(col(e.get(), 0));
  }
  Stmt spans(db_,
             "SELECT begin, end, 'actor', name, code FROM actor_mentions WHERE article = ?1 "
             "UNION ALL SELECT begin, end, 'place', name, COALESCE(country, '') FROM place_mentions WHERE article = ?1 "
             "UNION ALL SELECT begin, end, 'quote', COALESCE(speaker_name, ''), COALESCE(speaker_code, '') FROM quotes "
             "WHERE article = ?1 ORDER BY 1, 2, 3");
  if (!spans.ok()) return fail();
  spans.text(1, id);
  while (spans.step() == SQLITE_ROW)
    d.spans.push_back({static_cast<uint32_t>(sqlite3_column_int64(spans.get(), 0)),
                       static_cast<uint32_t>(sqlite3_column_int64(spans.get(), 1)), col(spans.get(), 2),
                       col(spans.get(), 3), col(spans.get(), 4)});
  return std::optional<ArticleDetail>(std::move(d));
}

StatusOr<std::vector<EdgeRow>> SqliteStore::network(size_t limit) const {
  Stmt s(db_, "SELECT source_code, target_code, COUNT(*) AS n FROM events WHERE source_code IS NOT NULL AND "
              "target_code IS NOT NULL GROUP BY source_code, target_code ORDER BY n DESC, source_code, target_code "
              "LIMIT ?1");
  if (!s.ok()) return Status(ErrorCode::kIo, fmt::format("sqlite: {}", sqlite3_errmsg(db_)));
  sqlite3_bind_int64(s.get(), 1, limit ? static_cast<int64_t>(limit) : -1);
  std::vector<EdgeRow> rows;
  while (s.step() == SQLITE_ROW) rows.push_back({col(s.get(), 0), col(s.get(), 1), sqlite3_column_int64(s.get(), 2)});
  return rows;
}

StatusOr<int64_t> SqliteStore::last_article_number() const {
  Stmt s(db_, "SELECT COALESCE(MAX(rowid), 0) FROM articles");
  if (!s.ok() || s.step() != SQLITE_ROW) return Status(ErrorCode::kIo, fmt::format("sqlite: {}", sqlite3_errmsg(db_)));
  return static_cast<int64_t>(sqlite3_column_int64(s.get(), 0));
}

StatusOr<std::vector<SqliteStore::ExportRow>> SqliteStore::export_rows(ArticleRange range) const {
  // new_cluster: the earliest article of the cluster comes after the range's start.
  Stmt s(db_,
         "SELECT c.id, c.num_mentions, c.num_sources, c.num_articles, e.json, a.id, COALESCE(a.url, a.origin, ''), "
         "COALESCE(a.source, ''), COALESCE(a.date, ''), LENGTH(CAST(a.text AS BLOB)), COALESCE(a.tone, 0), "
         "AVG(COALESCE(a.tone, 0)) OVER (PARTITION BY c.id), e.id, COALESCE(e.date, ''), e.sentence, "
         "(SELECT MIN(a2.rowid) FROM cluster_articles ca JOIN articles a2 ON a2.id = ca.article "
         " WHERE ca.cluster = c.id) > ?1 "
         "FROM events e JOIN clusters c ON c.id = e.cluster JOIN articles a ON a.id = e.article "
         "WHERE a.rowid > ?1 AND a.rowid <= ?2 "
         "ORDER BY c.first_date, c.id, e.date, e.id");
  if (!s.ok()) return Status(ErrorCode::kIo, fmt::format("sqlite: {}", sqlite3_errmsg(db_)));
  sqlite3_bind_int64(s.get(), 1, range.after);
  sqlite3_bind_int64(s.get(), 2, range.up_to);
  std::vector<ExportRow> rows;
  while (s.step() == SQLITE_ROW) {
    ExportRow r;
    r.cluster = col(s.get(), 0);
    r.num_mentions = sqlite3_column_int64(s.get(), 1);
    r.num_sources = sqlite3_column_int64(s.get(), 2);
    r.num_articles = sqlite3_column_int64(s.get(), 3);
    r.event_json = col(s.get(), 4);
    r.article_id = col(s.get(), 5);
    r.article_url = col(s.get(), 6);
    r.article_source = col(s.get(), 7);
    r.article_date = col(s.get(), 8);
    r.article_length = sqlite3_column_int64(s.get(), 9);
    r.article_tone = sqlite3_column_double(s.get(), 10);
    r.cluster_tone = sqlite3_column_double(s.get(), 11);
    r.event_id = col(s.get(), 12);
    r.event_date = col(s.get(), 13);
    r.sentence = sqlite3_column_int64(s.get(), 14);
    r.new_cluster = sqlite3_column_int64(s.get(), 15) != 0;
    rows.push_back(std::move(r));
  }
  return rows;
}

StatusOr<std::vector<SqliteStore::ArticleRow>> SqliteStore::export_articles(ArticleRange range) const {
  Stmt s(db_,
         "SELECT id, COALESCE(url, origin, ''), COALESCE(source, ''), COALESCE(lang, ''), COALESCE(date, ''), text "
         "FROM articles WHERE id IN (SELECT article FROM events WHERE cluster IS NOT NULL) "
         "AND rowid > ?1 AND rowid <= ?2 ORDER BY id");
  if (!s.ok()) return Status(ErrorCode::kIo, fmt::format("sqlite: {}", sqlite3_errmsg(db_)));
  sqlite3_bind_int64(s.get(), 1, range.after);
  sqlite3_bind_int64(s.get(), 2, range.up_to);
  std::vector<ArticleRow> rows;
  while (s.step() == SQLITE_ROW)
    rows.push_back({col(s.get(), 0), col(s.get(), 1), col(s.get(), 2), col(s.get(), 3), col(s.get(), 4), col(s.get(), 5), {}, {}});
  // GKG's Quotations are direct quotations only.
  Stmt q(db_, "SELECT begin, end, COALESCE(verb, '') FROM quotes WHERE article = ?1 AND kind = 'direct' ORDER BY begin");
  if (!q.ok()) return Status(ErrorCode::kIo, fmt::format("sqlite: {}", sqlite3_errmsg(db_)));
  for (auto& r : rows) {
    q.text(1, r.id);
    while (q.step() == SQLITE_ROW)
      r.quotes.push_back({static_cast<uint32_t>(sqlite3_column_int64(q.get(), 0)),
                          static_cast<uint32_t>(sqlite3_column_int64(q.get(), 1)), col(q.get(), 2)});
    q.reset();
  }
  Stmt p(db_,
         "SELECT begin, name, COALESCE(country, ''), COALESCE(precision, ''), lat, lon, COALESCE(fips, ''), "
         "COALESCE(adm1, ''), COALESCE(geonames_id, 0) FROM place_mentions WHERE article = ?1 ORDER BY begin");
  if (!p.ok()) return Status(ErrorCode::kIo, fmt::format("sqlite: {}", sqlite3_errmsg(db_)));
  for (auto& r : rows) {
    p.text(1, r.id);
    while (p.step() == SQLITE_ROW) {
      PlaceRow pr;
      pr.begin = static_cast<uint32_t>(sqlite3_column_int64(p.get(), 0));
      pr.name = col(p.get(), 1);
      pr.country = col(p.get(), 2);
      pr.precision = col(p.get(), 3);
      if (sqlite3_column_type(p.get(), 4) != SQLITE_NULL && sqlite3_column_type(p.get(), 5) != SQLITE_NULL) {
        pr.lat = sqlite3_column_double(p.get(), 4);
        pr.lon = sqlite3_column_double(p.get(), 5);
      }
      pr.fips = col(p.get(), 6);
      pr.adm1 = col(p.get(), 7);
      pr.geonames_id = sqlite3_column_int64(p.get(), 8);
      r.places.push_back(std::move(pr));
    }
    p.reset();
  }
  return rows;
}

bool is_stat_grouping(const std::string& by) {
  return by == "day" || by == "root" || by == "quad" || by == "pair" || by == "country" || by == "day-quad";
}

StatusOr<int64_t> SqliteStore::count(const std::string& table) const {
  static const std::set<std::string> kTables = {"events", "articles", "clusters", "sentences", "actor_mentions", "place_mentions", "quotes"};
  if (!kTables.count(table))
    return Status(ErrorCode::kInvalidArgument, fmt::format("unknown table {}", table));
  Stmt s(db_, ("SELECT COUNT(*) FROM " + table).c_str());
  if (s.step() != SQLITE_ROW) return Status(ErrorCode::kIo, std::string("sqlite: ") + sqlite3_errmsg(db_));
  return static_cast<int64_t>(sqlite3_column_int64(s.get(), 0));
}

}  // namespace kabar
