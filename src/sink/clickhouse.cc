// The ClickHouse store over HTTP (kabar/clickhouse.h). Everything here is
// plain SQL text and JSONEachRow/TabSeparated bodies, so the same code talks
// to Debian's 18.16 and to current releases.
#include "kabar/clickhouse.h"

#include <cctype>
#include <chrono>
#include <cstdlib>
#include <set>
#include <thread>

#include <fmt/format.h>
#include <httplib.h>

#include "kabar/pipeline.h"
#include "kabar/sink.h"

namespace kabar {

// ---------------------------------------------------------------- the URL

bool is_clickhouse_url(std::string_view s) { return s.substr(0, 13) == "clickhouse://"; }

std::string ClickHouseUrl::display() const {
  return fmt::format("clickhouse://{}@{}:{}/{}", user, host, port, database);
}

namespace {

std::string percent_decode(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && std::isxdigit(static_cast<unsigned char>(s[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(s[i + 2]))) {
      out += static_cast<char>(std::stoi(std::string(s.substr(i + 1, 2)), nullptr, 16));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

std::string percent_encode(std::string_view s) {
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~')
      out += static_cast<char>(c);
    else
      out += fmt::format("%{:02X}", c);
  }
  return out;
}

bool parse_number(std::string_view s, double& out) {
  std::string t(s);
  char* end = nullptr;
  out = std::strtod(t.c_str(), &end);
  return !t.empty() && end == t.c_str() + t.size();
}

}  // namespace

StatusOr<ClickHouseUrl> parse_clickhouse_url(std::string_view url) {
  auto bad = [&](std::string_view why) {
    // Never echo the password: show the URL up to the credentials' end.
    std::string shown(url);
    if (auto at = shown.find('@'); at != std::string::npos) shown = "clickhouse://…" + shown.substr(at);
    return Status(ErrorCode::kInvalidArgument, fmt::format("{}: {} (expected clickhouse://USER:PASSWORD@HOST:PORT/DB)", shown, why));
  };
  if (!is_clickhouse_url(url)) return bad("not a clickhouse:// URL");
  std::string_view rest = url.substr(13);
  ClickHouseUrl u;
  std::string_view options;
  if (auto q = rest.find('?'); q != std::string_view::npos) {
    options = rest.substr(q + 1);
    rest = rest.substr(0, q);
  }
  std::string_view authority = rest, path;
  if (auto slash = rest.find('/'); slash != std::string_view::npos) {
    authority = rest.substr(0, slash);
    path = rest.substr(slash + 1);
  }
  bool password_given = false;
  if (auto at = authority.rfind('@'); at != std::string_view::npos) {
    std::string_view userinfo = authority.substr(0, at);
    authority = authority.substr(at + 1);
    if (auto colon = userinfo.find(':'); colon != std::string_view::npos) {
      u.password = percent_decode(userinfo.substr(colon + 1));
      userinfo = userinfo.substr(0, colon);
      password_given = true;
    }
    if (!userinfo.empty()) u.user = percent_decode(userinfo);
  }
  if (auto colon = authority.rfind(':'); colon != std::string_view::npos) {
    double port = 0;
    if (!parse_number(authority.substr(colon + 1), port) || port < 1 || port > 65535 || port != static_cast<int>(port))
      return bad("the port must be a number from 1 to 65535");
    u.port = static_cast<int>(port);
    authority = authority.substr(0, colon);
  }
  if (authority.empty()) return bad("no host");
  u.host = std::string(authority);
  if (!path.empty()) u.database = percent_decode(path);
  for (char c : u.database)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') return bad("the database name may hold letters, digits and _ only");
  while (!options.empty()) {
    auto amp = options.find('&');
    std::string_view kv = options.substr(0, amp);
    options = amp == std::string_view::npos ? std::string_view{} : options.substr(amp + 1);
    auto eq = kv.find('=');
    std::string_view key = kv.substr(0, eq), value = eq == std::string_view::npos ? "" : kv.substr(eq + 1);
    if (key != "retries" && key != "backoff" && key != "timeout" && key != "skip_unavailable_shards")
      return bad(fmt::format("unknown option \"{}\" (retries, backoff, timeout, skip_unavailable_shards)", key));
    double v = 0;
    if (!parse_number(value, v) || v < 0 || (key == "timeout" && v == 0)) return bad(fmt::format("option {} needs a number", key));
    if (key == "retries") u.retries = static_cast<int>(v);
    else if (key == "backoff") u.backoff_s = v;
    else if (key == "timeout") u.timeout_s = v;
    else u.skip_unavailable_shards = v != 0;
  }
  if (!password_given)
    if (const char* env = std::getenv("KABAR_CLICKHOUSE_PASSWORD")) u.password = env;
  return u;
}

// ---------------------------------------------------------------- the client

struct ClickHouseClient::Connection {
  httplib::Client http;
  explicit Connection(const ClickHouseUrl& u) : http(u.host, u.port) {
    http.set_keep_alive(true);
    http.set_tcp_nodelay(true);  // else a request sent in two writes waits for a delayed ACK (40 ms)
    http.set_connection_timeout(5, 0);
    auto whole = static_cast<time_t>(u.timeout_s);
    auto micro = static_cast<time_t>((u.timeout_s - static_cast<double>(whole)) * 1e6);
    http.set_read_timeout(whole, micro);
    http.set_write_timeout(whole, micro);
    http.set_basic_auth(u.user.c_str(), u.password.c_str());
  }
};

ClickHouseClient::ClickHouseClient(ClickHouseUrl url)
    : url_(std::move(url)), connection_(std::make_unique<Connection>(url_)) {}
ClickHouseClient::~ClickHouseClient() = default;

namespace {

// The server's message without its stack-trace tail: "Code: 193, e.displayText()
// = DB::Exception: Wrong password for user default, e.what() = …" becomes
// "Code: 193: Wrong password for user default".
std::string server_message(const std::string& body) {
  auto clean = [](std::string m) {
    if (auto w = m.find(", e.what() ="); w != std::string::npos) m.resize(w);
    if (auto d = m.find(", e.displayText() = "); d != std::string::npos) {
      std::string text = m.substr(d + 20);
      if (auto colon = text.find(": "); colon != std::string::npos && text.compare(0, 4, "DB::") == 0)
        text = text.substr(colon + 2);
      m = m.substr(0, d) + ": " + text;
    }
    while (!m.empty() && (m.back() == ' ' || m.back() == '\r')) m.pop_back();
    return m;
  };
  size_t eol = body.find('\n');
  std::string m = clean(body.substr(0, eol));
  // "All connection tries failed. Log:" is followed by the reason per try:
  // keep the first, which names the shard that did not answer.
  if (m.size() >= 4 && m.compare(m.size() - 4, 4, "Log:") == 0) {
    while (eol != std::string::npos) {
      size_t next = body.find('\n', eol + 1);
      std::string line = clean(body.substr(eol + 1, next == std::string::npos ? std::string::npos : next - eol - 1));
      eol = next;
      if (!line.empty()) {
        m += " " + line;
        break;
      }
    }
  }
  if (m.size() > 400) m = m.substr(0, 400) + "…";
  return m.empty() ? "(no message)" : m;
}

int exception_code(const std::string& body) {
  if (body.compare(0, 6, "Code: ") != 0) return 0;
  return std::atoi(body.c_str() + 6);
}

// Worth another attempt: the network, a timeout, a shard that did not answer,
// a server busy merging or answering other queries.
bool transient(int code) {
  static const std::set<int> kTransient = {159, 160, 164 /*readonly while starting*/, 202, 209, 210, 241, 252, 279, 285,
                                           319, 425};
  return kTransient.count(code) > 0;
}

}  // namespace

StatusOr<std::string> ClickHouseClient::execute(const std::string& sql, const std::string& data,
                                                const Settings& settings) const {
  std::string path = "/?database=" + percent_encode(url_.database);
  for (const auto& [k, v] : settings) path += "&" + percent_encode(k) + "=" + percent_encode(v);
  // A statement with rows goes in the URL and the rows in the body; a query
  // alone goes in the body (no length limit there).
  if (!data.empty()) path += "&query=" + percent_encode(sql);
  const std::string& payload = data.empty() ? sql : data;
  std::string last_error;
  double wait = url_.backoff_s;
  for (int attempt = 0;; ++attempt) {
    auto res = connection_->http.Post(path.c_str(), payload, "text/plain; charset=UTF-8");
    bool retry = false;
    if (!res) {
      last_error = fmt::format("no answer ({})", httplib::to_string(res.error()));
      retry = true;
    } else if (res->status == 200) {
      return std::move(res->body);
    } else {
      last_error = fmt::format("HTTP {}: {}", res->status, server_message(res->body));
      retry = res->status >= 500 && transient(exception_code(res->body));
    }
    if (!retry || attempt >= url_.retries) {
      std::string what = sql.substr(0, sql.find_first_of("(\n"));
      if (what.size() > 80) what = what.substr(0, 80) + "…";
      return Status(ErrorCode::kIo, fmt::format("{}: {}{} (in \"{}\")", url_.display(), last_error,
                                                attempt ? fmt::format(" after {} attempts", attempt + 1) : "", what));
    }
    ++retried_;
    std::this_thread::sleep_for(std::chrono::duration<double>(wait));
    wait *= 2;
  }
}

std::string clickhouse_quote(std::string_view s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\\' || c == '\'') out += '\\';
    out += c;
  }
  return out + "'";
}

std::string clickhouse_unescape_tsv(std::string_view f) {
  std::string out;
  out.reserve(f.size());
  for (size_t i = 0; i < f.size(); ++i) {
    if (f[i] != '\\' || i + 1 == f.size()) {
      out += f[i];
      continue;
    }
    char c = f[++i];
    switch (c) {
      case 'b': out += '\b'; break;
      case 'f': out += '\f'; break;
      case 'r': out += '\r'; break;
      case 'n': out += '\n'; break;
      case 't': out += '\t'; break;
      case '0': out += '\0'; break;
      case 'a': out += '\a'; break;
      case 'v': out += '\v'; break;
      default: out += c;  // \\ \' and any other escaped character stand for themselves
    }
  }
  return out;
}

// ---------------------------------------------------------------- the schema

std::vector<std::string> clickhouse_schema(const std::string& db, const std::string& cluster) {
  // Nullable where SQLite stores NULL, so filters and groupings agree with
  // the embedded store (an undated event matches no --from/--to; a missing
  // country groups as "-").
  struct Table {
    const char* name;
    const char* columns;
    const char* key;      // ORDER BY: what ReplacingMergeTree deduplicates on
    const char* shard_by; // the Distributed sharding key
  };
  const Table tables[] = {
      {"events",
       "event_id String, article String, sentence UInt32, day Date, date Nullable(String), "
       "source_code Nullable(String), source_name Nullable(String), source_country Nullable(String), "
       "target_code Nullable(String), target_name Nullable(String), target_country Nullable(String), "
       "code String, root String, quad UInt8, goldstein Float64, modality String, "
       "place_name Nullable(String), place_country Nullable(String), lat Nullable(Float64), lon Nullable(Float64), "
       "text String, json String, version UInt64",
       "event_id", "sipHash64(event_id)"},
      {"mentions",
       "event_id String, article String, day Date, article_date Nullable(String), outlet String, "
       "url Nullable(String), sentence UInt32, sentence_begin UInt32, sentence_end UInt32, match_begin UInt32, "
       "match_end UInt32, tone Float64, version UInt64",
       "(event_id, article)", "sipHash64(event_id)"},
      {"articles",
       "id String, day Date, date Nullable(String), url Nullable(String), source Nullable(String), lang String, "
       "title Nullable(String), dateline_place Nullable(String), origin String, length UInt32, tone Float64, "
       "events UInt32, text String, version UInt64",
       "id", "sipHash64(id)"},
  };
  std::vector<std::string> sql;
  sql.push_back(fmt::format("CREATE DATABASE IF NOT EXISTS {}", db));
  for (const auto& t : tables) {
    const std::string local = cluster.empty() ? t.name : std::string(t.name) + "_local";
    sql.push_back(fmt::format("CREATE TABLE IF NOT EXISTS {}.{} ({}) ENGINE = ReplacingMergeTree(version) "
                              "PARTITION BY toYYYYMM(day) ORDER BY {}",
                              db, local, t.columns, t.key));
    if (!cluster.empty())
      sql.push_back(fmt::format("CREATE TABLE IF NOT EXISTS {0}.{1} AS {0}.{2} ENGINE = Distributed({3}, {0}, {2}, {4})",
                                db, t.name, local, cluster, t.shard_by));
  }
  return sql;
}

Status clickhouse_init(const std::vector<ClickHouseUrl>& servers, const std::string& cluster) {
  if (servers.empty()) return Status(ErrorCode::kInvalidArgument, "clickhouse init: give the URL of each server");
  for (char c : cluster)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_')
      return Status(ErrorCode::kInvalidArgument, fmt::format("clickhouse init: bad cluster name \"{}\"", cluster));
  if (cluster.empty() && servers.size() > 1)
    return Status(ErrorCode::kInvalidArgument, "clickhouse init: several servers need --cluster NAME (their remote_servers entry)");
  for (const auto& server : servers) {
    // The database may not exist yet: speak to "default" until it does.
    ClickHouseUrl bootstrap = server;
    bootstrap.database = "default";
    ClickHouseClient client(bootstrap);
    if (!cluster.empty()) {
      auto shards = client.execute(fmt::format(
          "SELECT uniqExact(shard_num) FROM system.clusters WHERE cluster = {}", clickhouse_quote(cluster)));
      if (!shards.ok()) return shards.status();
      int n = std::atoi(shards->c_str());
      if (n == 0)
        return Status(ErrorCode::kInvalidArgument,
                      fmt::format("{}: the server has no cluster \"{}\" in its remote_servers", server.display(), cluster));
      if (n != static_cast<int>(servers.size()))
        return Status(ErrorCode::kInvalidArgument,
                      fmt::format("{}: cluster \"{}\" has {} shard(s) but {} server URL(s) were given: give the HTTP "
                                  "URL of every shard, since the tables are created on each in turn",
                                  server.display(), cluster, n, servers.size()));
    }
    for (const auto& statement : clickhouse_schema(server.database, cluster)) {
      auto done = client.execute(statement);
      if (!done.ok()) return done.status();
    }
  }
  return Status::Ok();
}

// ---------------------------------------------------------------- the sink

namespace {

void json_text(std::string& o, const char* key, std::string_view v) {
  append_json_key(o, key);
  append_json_string(o, v);
}
// Empty as null, as SQLite's opt_text.
void json_opt(std::string& o, const char* key, std::string_view v) {
  append_json_key(o, key);
  if (v.empty()) o += "null"; else append_json_string(o, v);
}
void json_int(std::string& o, const char* key, int64_t v) {
  append_json_key(o, key);
  o += std::to_string(v);
}
void json_real(std::string& o, const char* key, double v) {
  append_json_key(o, key);
  o += fmt::format("{}", v);
}

}  // namespace

ClickHouseSink::ClickHouseSink(const ClickHouseUrl& url, size_t flush_bytes)
    : client_(url),
      flush_bytes_(flush_bytes),
      // Microseconds since 1970: a later run's rows always win.
      next_version_(static_cast<uint64_t>(std::chrono::duration_cast<std::chrono::microseconds>(
                                              std::chrono::system_clock::now().time_since_epoch())
                                              .count())) {}

StatusOr<std::unique_ptr<ClickHouseSink>> ClickHouseSink::open(const ClickHouseUrl& url, size_t flush_bytes) {
  auto sink = std::unique_ptr<ClickHouseSink>(new ClickHouseSink(url, flush_bytes));
  // Fail before coding anything when the server or the tables are missing.
  for (const char* table : {"events", "mentions", "articles"}) {
    auto probe = sink->client_.execute(fmt::format("SELECT count() FROM {}.{} WHERE 0", url.database, table));
    if (!probe.ok()) {
      std::string msg = probe.status().message();
      if (msg.find("Code: 60") != std::string::npos || msg.find("Code: 81") != std::string::npos)
        msg += fmt::format("; create the tables first with `kabar clickhouse init {}`", url.display());
      return Status(probe.status().code(), msg);
    }
  }
  return sink;
}

Status ClickHouseSink::put_article(const ArticleResult& r, const Lexicon& lexicon) {
  const uint64_t version = next_version_++;
  const std::string article_date = r.date ? r.date->to_string() : "";
  const std::string article_day = article_date.empty() ? "1970-01-01" : article_date;
  const std::string outlet = !r.article.source.empty() ? r.article.source
                             : r.document.dateline && !r.document.dateline->outlet.empty() ? r.document.dateline->outlet
                                                                                            : r.article.id;
  // Rows wait grouped by partition (the month of their day), so that each
  // insert writes one partition: an insert spanning many partitions makes a
  // part in each and is slow.
  auto add = [&](const char* table, const std::string& day, std::string&& row) {
    row += "}\n";
    Batch& b = pending_[table][day.substr(0, 7)];
    pending_bytes_ += row.size();
    b.rows += row;
    ++b.count;
  };
  for (const auto& e : r.events) {
    const std::string date = e.date ? e.date->to_string() : "";
    const std::string& day = date.empty() ? article_day : date;
    std::string o = "{";
    json_text(o, "event_id", e.id);
    json_text(o, "article", r.article.id);
    json_int(o, "sentence", e.sentence);
    json_text(o, "day", day);
    json_opt(o, "date", date);
    auto actor = [&](const char* code, const char* name, const char* country, const std::optional<ActorRef>& a) {
      json_opt(o, code, a ? std::string_view(a->code) : "");
      json_opt(o, name, a ? std::string_view(a->name) : "");
      json_opt(o, country, a ? std::string_view(a->country) : "");
    };
    actor("source_code", "source_name", "source_country", e.source);
    actor("target_code", "target_name", "target_country", e.target);
    json_text(o, "code", e.code);
    json_text(o, "root", e.root);
    json_int(o, "quad", e.quad);
    json_real(o, "goldstein", e.goldstein);
    json_text(o, "modality", modality_name(e.modality));
    if (e.place) {
      // As in SQLite: a place's country is "" (not null) when unknown.
      json_text(o, "place_name", e.place->name);
      json_text(o, "place_country", e.place->country);
      append_json_key(o, "lat");
      o += e.place->lat ? fmt::format("{}", *e.place->lat) : "null";
      append_json_key(o, "lon");
      o += e.place->lon ? fmt::format("{}", *e.place->lon) : "null";
    } else {
      for (const char* k : {"place_name", "place_country", "lat", "lon"}) {
        append_json_key(o, k);
        o += "null";
      }
    }
    json_text(o, "text", e.text);
    json_text(o, "json", event_to_json(e, lexicon));
    json_int(o, "version", static_cast<int64_t>(version));
    add("events", day, std::move(o));

    std::string m = "{";
    json_text(m, "event_id", e.id);
    json_text(m, "article", r.article.id);
    json_text(m, "day", day);
    json_opt(m, "article_date", article_date);
    json_text(m, "outlet", outlet);
    json_opt(m, "url", r.article.url);
    json_int(m, "sentence", e.sentence);
    json_int(m, "sentence_begin", e.evidence.sentence.begin);
    json_int(m, "sentence_end", e.evidence.sentence.end);
    json_int(m, "match_begin", e.evidence.match.begin);
    json_int(m, "match_end", e.evidence.match.end);
    json_real(m, "tone", r.tone.tone);
    json_int(m, "version", static_cast<int64_t>(version));
    add("mentions", day, std::move(m));
  }
  std::string a = "{";
  json_text(a, "id", r.article.id);
  json_text(a, "day", article_day);
  json_opt(a, "date", article_date);
  json_opt(a, "url", r.article.url);
  json_opt(a, "source", r.article.source.empty() && r.document.dateline ? r.document.dateline->outlet : r.article.source);
  json_text(a, "lang", r.lang);
  std::string title = r.article.title;
  if (title.empty() && r.document.title) title = std::string(r.document.title->in(r.article.text));
  json_opt(a, "title", title);
  json_opt(a, "dateline_place", r.document.dateline ? std::string_view(r.document.dateline->place) : "");
  json_text(a, "origin", r.article.origin);
  json_int(a, "length", static_cast<int64_t>(r.article.text.size()));
  json_real(a, "tone", r.tone.tone);
  json_int(a, "events", static_cast<int64_t>(r.events.size()));
  json_text(a, "text", r.article.text);
  json_int(a, "version", static_cast<int64_t>(version));
  add("articles", article_day, std::move(a));
  return pending_bytes_ >= flush_bytes_ ? flush() : Status::Ok();
}

Status ClickHouseSink::flush() {
  // Events before their mentions and articles, so a reader never sees an
  // article row whose events are still on the way.
  static const ClickHouseClient::Settings kSync = {{"insert_distributed_sync", "1"}};
  const std::pair<const char*, int64_t*> tables[] = {
      {"events", &written_.events}, {"mentions", &written_.mentions}, {"articles", &written_.articles}};
  for (const auto& [table, written] : tables) {
    auto& months = pending_[table];
    for (auto it = months.begin(); it != months.end();) {
      auto done = client_.execute(fmt::format("INSERT INTO {}.{} FORMAT JSONEachRow", client_.url().database, table),
                                  it->second.rows, kSync);
      if (!done.ok()) return done.status();  // what is left stays pending; the caller stops
      ++written_.inserts;
      *written += it->second.count;
      pending_bytes_ -= it->second.rows.size();
      it = months.erase(it);
    }
  }
  return Status::Ok();
}

// ---------------------------------------------------------------- the reader

StatusOr<std::unique_ptr<ClickHouseReader>> ClickHouseReader::open(const ClickHouseUrl& url) {
  auto reader = std::unique_ptr<ClickHouseReader>(new ClickHouseReader(url));
  auto probe = reader->client_.execute(fmt::format("SELECT count() FROM {}.events WHERE 0", url.database), {},
                                       reader->settings());
  if (!probe.ok()) return probe.status();
  return reader;
}

ClickHouseClient::Settings ClickHouseReader::settings() const {
  if (client_.url().skip_unavailable_shards) return {{"skip_unavailable_shards", "1"}};
  return {};
}

std::string ClickHouseReader::caveat() const {
  if (!client_.url().skip_unavailable_shards) return {};
  return "results may be partial: skip_unavailable_shards was asked for, so a shard that did not answer was left out";
}

namespace {

std::vector<std::string_view> split_tabs(std::string_view line) {
  std::vector<std::string_view> out;
  size_t start = 0;
  for (size_t i = 0; i <= line.size(); ++i)
    if (i == line.size() || line[i] == '\t') {
      out.push_back(line.substr(start, i - start));
      start = i + 1;
    }
  return out;
}

template <typename F>
void for_each_line(const std::string& body, F&& f) {
  size_t start = 0;
  while (start < body.size()) {
    size_t end = body.find('\n', start);
    if (end == std::string::npos) end = body.size();
    f(std::string_view(body).substr(start, end - start));
    start = end + 1;
  }
}

// SQLite's `x LIKE p || '%'` ignores ASCII case; so does this.
std::string prefix_clause(const char* column, const std::string& prefix) {
  return fmt::format("lower(ifNull({}, '')) LIKE lower({})", column, clickhouse_quote(prefix + "%"));
}

}  // namespace

namespace {

// The WHERE clause of query() and stats(); every value quoted.
std::string where_clause(const EventQuery& q) {
  std::string where = "1";
  if (!q.actor.empty())
    where += fmt::format(" AND ({} OR {})", prefix_clause("source_code", q.actor), prefix_clause("target_code", q.actor));
  if (!q.source.empty()) where += " AND " + prefix_clause("source_code", q.source);
  if (!q.target.empty()) where += " AND " + prefix_clause("target_code", q.target);
  if (!q.code.empty()) where += " AND " + prefix_clause("code", q.code);
  if (q.quad) where += fmt::format(" AND quad = {}", q.quad);
  // A NULL date passes neither bound, as in SQLite.
  if (q.from) where += fmt::format(" AND date >= {}", clickhouse_quote(q.from->to_string()));
  if (q.to) where += fmt::format(" AND date <= {}", clickhouse_quote(q.to->to_string()));
  if (!q.place.empty())
    where += fmt::format(" AND (place_name = {0} OR place_country = {0})", clickhouse_quote(q.place));
  for (size_t i = 0; i < q.text.size();) {
    size_t j = q.text.find_first_of(" \t\n", i);
    if (j == std::string::npos) j = q.text.size();
    if (j > i)
      where += fmt::format(" AND positionCaseInsensitiveUTF8(text, {}) > 0", clickhouse_quote(q.text.substr(i, j - i)));
    i = j + 1;
  }
  return where;
}

}  // namespace

StatusOr<ClickHouseReader::Rows> ClickHouseReader::select(const std::string& sql, size_t fields) const {
  auto body = client_.execute(sql + " FORMAT TabSeparated", {}, settings());
  if (!body.ok()) return body.status();
  Rows rows;
  Status bad;
  for_each_line(*body, [&](std::string_view line) {
    auto f = split_tabs(line);
    if (f.size() != fields) {
      if (bad.ok())
        bad = Status(ErrorCode::kIo, fmt::format("{}: unexpected answer: {} fields in a row, not {}",
                                                 client_.url().display(), f.size(), fields));
      return;
    }
    std::vector<std::string>& row = rows.emplace_back();
    row.reserve(fields);
    for (std::string_view field : f) row.push_back(clickhouse_unescape_tsv(field));
  });
  if (!bad.ok()) return bad;
  return rows;
}

StatusOr<std::vector<EventRow>> ClickHouseReader::query(const EventQuery& q) const {
  auto rows = select(fmt::format("SELECT article, ifNull(date, ''), ifNull(source_code, '-'), ifNull(target_code, '-'), "
                                 "code, quad, goldstein, modality, ifNull(place_name, ''), text, json FROM {}.events "
                                 "FINAL WHERE {} ORDER BY ifNull(date, ''), article, sentence, event_id{}",
                                 client_.url().database, where_clause(q),
                                 q.limit ? fmt::format(" LIMIT {}", q.limit) : ""),
                     11);
  if (!rows.ok()) return rows.status();
  std::vector<EventRow> events;
  events.reserve(rows->size());
  for (auto& f : *rows) {
    EventRow r;
    r.article = std::move(f[0]);
    r.date = std::move(f[1]);
    r.source = std::move(f[2]);
    r.target = std::move(f[3]);
    r.code = std::move(f[4]);
    r.quad = std::atoi(f[5].c_str());
    r.goldstein = std::strtod(f[6].c_str(), nullptr);
    r.modality = std::move(f[7]);
    r.place = std::move(f[8]);
    r.text = std::move(f[9]);
    r.json = std::move(f[10]);
    events.push_back(std::move(r));
  }
  return events;
}

StatusOr<std::vector<StatRow>> ClickHouseReader::stats(const std::string& by, const EventQuery& where) const {
  const char* key = nullptr;
  const char* order = "n DESC, k";
  if (by == "day") { key = "ifNull(date, '')"; order = "k"; }
  else if (by == "root") key = "root";
  else if (by == "quad") key = "toString(quad)";
  else if (by == "pair") key = "concat(ifNull(source_country, '-'), ' -> ', ifNull(target_country, '-'))";
  else if (by == "country") key = "ifNull(place_country, '')";
  else if (by == "day-quad") { key = "concat(ifNull(date, ''), ' ', toString(quad))"; order = "k"; }
  else return Status(ErrorCode::kInvalidArgument, fmt::format("stats: group by day, root, quad, pair, country or day-quad, not \"{}\"", by));
  auto rows = select(fmt::format("SELECT {} AS k, count() AS n FROM {}.events FINAL WHERE {} GROUP BY k ORDER BY {}", key,
                                 client_.url().database, where_clause(where), order),
                     2);
  if (!rows.ok()) return rows.status();
  std::vector<StatRow> out;
  for (auto& f : *rows) out.push_back({std::move(f[0]), std::atoll(f[1].c_str())});
  return out;
}

StatusOr<std::optional<EventDetail>> ClickHouseReader::event(const std::string& id) const {
  const std::string& db = client_.url().database;
  auto event = select(fmt::format("SELECT json FROM {}.events FINAL WHERE event_id = {}", db, clickhouse_quote(id)), 1);
  if (!event.ok()) return event.status();
  if (event->empty()) return std::optional<EventDetail>();
  EventDetail d;
  d.event_json = std::move(event->front()[0]);
  auto mentions = select(fmt::format("SELECT event_id, article, outlet, ifNull(url, ''), ifNull(article_date, ''), "
                                     "sentence FROM {}.mentions FINAL WHERE event_id = {} ORDER BY article",
                                     db, clickhouse_quote(id)),
                         6);
  if (!mentions.ok()) return mentions.status();
  for (auto& f : *mentions)
    d.mentions.push_back({std::move(f[0]), std::move(f[1]), std::move(f[2]), std::move(f[3]), std::move(f[4]),
                          std::atoll(f[5].c_str())});
  return std::optional<EventDetail>(std::move(d));
}

StatusOr<std::optional<ArticleDetail>> ClickHouseReader::article(const std::string& id) const {
  const std::string& db = client_.url().database;
  auto article = select(fmt::format("SELECT id, ifNull(url, ''), ifNull(source, ''), lang, ifNull(date, ''), "
                                    "ifNull(title, ''), text FROM {}.articles FINAL WHERE id = {}",
                                    db, clickhouse_quote(id)),
                        7);
  if (!article.ok()) return article.status();
  if (article->empty()) return std::optional<ArticleDetail>();
  auto& f = article->front();
  ArticleDetail d;
  d.id = std::move(f[0]);
  d.url = std::move(f[1]);
  d.source = std::move(f[2]);
  d.lang = std::move(f[3]);
  d.date = std::move(f[4]);
  d.title = std::move(f[5]);
  d.text = std::move(f[6]);
  auto events = select(fmt::format("SELECT json FROM {}.events FINAL WHERE article = {} ORDER BY sentence, event_id", db,
                                   clickhouse_quote(id)),
                       1);
  if (!events.ok()) return events.status();
  for (auto& e : *events) d.events.push_back(std::move(e[0]));
  return std::optional<ArticleDetail>(std::move(d));
}

StatusOr<std::vector<EdgeRow>> ClickHouseReader::network(size_t limit) const {
  auto rows = select(fmt::format("SELECT assumeNotNull(source_code) AS s, assumeNotNull(target_code) AS t, count() AS n "
                                 "FROM {}.events FINAL WHERE isNotNull(source_code) AND isNotNull(target_code) "
                                 "GROUP BY s, t ORDER BY n DESC, s, t{}",
                                 client_.url().database, limit ? fmt::format(" LIMIT {}", limit) : ""),
                     3);
  if (!rows.ok()) return rows.status();
  std::vector<EdgeRow> edges;
  for (auto& f : *rows) edges.push_back({std::move(f[0]), std::move(f[1]), std::atoll(f[2].c_str())});
  return edges;
}

StatusOr<int64_t> ClickHouseReader::count(const std::string& table) const {
  if (table != "events" && table != "articles" && table != "mentions")
    return Status(ErrorCode::kNotFound, fmt::format("the ClickHouse store keeps no {} (SQLite only)", table));
  auto rows = select(fmt::format("SELECT count() FROM {}.{} FINAL", client_.url().database, table), 1);
  if (!rows.ok()) return rows.status();
  if (rows->size() != 1) return Status(ErrorCode::kIo, fmt::format("{}: no count in the answer", client_.url().display()));
  return static_cast<int64_t>(std::atoll(rows->front()[0].c_str()));
}

}  // namespace kabar
