// `kabar serve`: the JSON API (kabar/serve.h, docs/openapi.yaml). Every
// answer is JSON, errors included: {"error": "..."} with a 4xx status for a
// bad request and 5xx when the store fails.
#include "kabar/serve.h"

#include <charconv>
#include <set>

#include <fmt/format.h>
#include <httplib.h>

#include "kabar/sink.h"

namespace kabar {

namespace {

constexpr size_t kDefaultLimit = 100, kMaxEvents = 10000, kMaxEdges = 5000;

void reply(httplib::Response& res, int status, const std::string& json) {
  res.status = status;
  res.set_content(json, "application/json; charset=utf-8");
}

void error(httplib::Response& res, int status, std::string_view message) {
  std::string o = "{\"error\":";
  append_json_string(o, message);
  o += "}";
  reply(res, status, o);
}

// A store failure: the request was fine, the store was not.
void store_error(httplib::Response& res, const Status& st) {
  if (st.code() == ErrorCode::kInvalidArgument) return error(res, 400, st.message());
  error(res, 503, st.message());
}

// Parameters outside `allowed` are an error, so a misspelt filter is never
// silently ignored.
bool only(const httplib::Request& req, httplib::Response& res, std::initializer_list<const char*> allowed) {
  for (const auto& [key, value] : req.params) {
    bool ok = false;
    for (const char* a : allowed) ok = ok || key == a;
    if (!ok) {
      std::string names;
      for (const char* a : allowed) names += (names.empty() ? "" : ", ") + std::string(a);
      error(res, 400, fmt::format("unknown parameter \"{}\" (allowed: {})", key, names));
      return false;
    }
  }
  return true;
}

bool number_param(const httplib::Request& req, httplib::Response& res, const char* key, size_t lo, size_t hi,
                  size_t& out) {
  if (!req.has_param(key)) return true;
  std::string v = req.get_param_value(key);
  size_t n = 0;
  auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
  if (ec != std::errc() || end != v.data() + v.size() || n < lo || n > hi) {
    error(res, 400, fmt::format("{} must be a whole number from {} to {}, not \"{}\"", key, lo, hi, v));
    return false;
  }
  out = n;
  return true;
}

bool date_param(const httplib::Request& req, httplib::Response& res, const char* key, std::optional<Date>& out) {
  if (!req.has_param(key)) return true;
  std::string v = req.get_param_value(key);
  out = Date::parse_iso(v);
  if (!out) {
    error(res, 400, fmt::format("{} must be a date YYYY-MM-DD, not \"{}\"", key, v));
    return false;
  }
  return true;
}

void field(std::string& o, const char* key, std::string_view value) {
  append_json_key(o, key);
  append_json_string(o, value);
}
void field(std::string& o, const char* key, int64_t value) {
  append_json_key(o, key);
  o += std::to_string(value);
}
// `"key":[…]`, each item appended by `write`.
template <typename T, typename F>
void array(std::string& o, const char* key, const std::vector<T>& items, F&& write) {
  append_json_key(o, key);
  o += '[';
  for (size_t i = 0; i < items.size(); ++i) {
    if (i) o += ',';
    write(o, items[i]);
  }
  o += ']';
}
// `"key":[{…},…]`, each object's fields written by `fields`.
template <typename T, typename F>
void object_array(std::string& o, const char* key, const std::vector<T>& items, F&& fields) {
  array(o, key, items, [&](std::string& out, const T& item) {
    out += '{';
    fields(out, item);
    out += '}';
  });
}

// A 200 answer: the object `o` closed, with the caveat of a partial answer
// (ClickHouse with shards skipped), if any.
void answer(httplib::Response& res, std::string& o, const EventReader& reader) {
  if (auto c = reader.caveat(); !c.empty()) field(o, "partial", c);
  o += '}';
  reply(res, 200, o);
}

}  // namespace

namespace {

// The filters of /api/events and /api/stats, as `kabar query` takes them.
bool filters(const httplib::Request& req, httplib::Response& res, EventQuery& q) {
  q.actor = req.get_param_value("actor");
  q.source = req.get_param_value("source");
  q.target = req.get_param_value("target");
  q.code = req.get_param_value("code");
  q.place = req.get_param_value("place");
  q.text = req.get_param_value("text");
  size_t quad = 0;
  if (!number_param(req, res, "quad", 1, 4, quad) || !date_param(req, res, "from", q.from) ||
      !date_param(req, res, "to", q.to))
    return false;
  q.quad = static_cast<int>(quad);
  return true;
}

}  // namespace

// A reader for the life of one request: from the pool, or new.
class ApiServer::Lease {
 public:
  explicit Lease(ApiServer& s) : s_(s) {
    {
      std::lock_guard<std::mutex> lock(s_.pool_mu_);
      if (!s_.pool_.empty()) {
        reader_ = std::move(s_.pool_.back());
        s_.pool_.pop_back();
        return;
      }
    }
    auto made = s_.factory_();
    if (made.ok()) reader_ = std::move(made).value(); else status_ = made.status();
  }
  ~Lease() {
    if (!reader_) return;
    std::lock_guard<std::mutex> lock(s_.pool_mu_);
    s_.pool_.push_back(std::move(reader_));
  }
  Lease(const Lease&) = delete;
  Lease& operator=(const Lease&) = delete;
  EventReader* get() { return reader_.get(); }
  const Status& status() const { return status_; }

 private:
  ApiServer& s_;
  std::unique_ptr<EventReader> reader_;
  Status status_;
};

ApiServer::ApiServer(ReaderFactory factory) : factory_(std::move(factory)), server_(std::make_unique<httplib::Server>()) {
  // Without it a keep-alive answer written in two pieces waits for the
  // client's delayed ACK: 40 ms a request on loopback.
  server_->set_tcp_nodelay(true);
  // SO_REUSEADDR only: httplib's default adds SO_REUSEPORT, with which a
  // second server on a port in use starts silently and shares it.
  server_->set_socket_options([](socket_t sock) {
    int yes = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, reinterpret_cast<const void*>(&yes), sizeof(yes));
  });
  routes();
}
ApiServer::~ApiServer() = default;

StatusOr<int> ApiServer::bind(const std::string& host, int port) {
  int bound = port == 0 ? server_->bind_to_any_port(host) : (server_->bind_to_port(host, port) ? port : -1);
  if (bound < 0) return Status(ErrorCode::kIo, fmt::format("cannot listen on {}:{} (in use, or not an address here)", host, port));
  return bound;
}

bool ApiServer::mount(const std::string& dir) { return server_->set_mount_point("/", dir); }

void ApiServer::listen() { server_->listen_after_bind(); }
void ApiServer::stop() { server_->stop(); }

void ApiServer::routes() {
  auto with_reader = [this](httplib::Response& res, auto&& body) {
    Lease lease(*this);
    if (!lease.get()) return error(res, 503, lease.status().message());
    body(*lease.get());
  };

  server_->Get("/api/health", [this, with_reader](const httplib::Request&, httplib::Response& res) {
    with_reader(res, [&](EventReader& r) {
      auto n = r.count("events");
      if (!n.ok()) return store_error(res, n.status());
      std::string o = "{";
      field(o, "store", r.store_name());
      field(o, "events", *n);
      answer(res, o, r);
    });
  });

  server_->Get("/api/events", [with_reader](const httplib::Request& req, httplib::Response& res) {
    if (!only(req, res, {"actor", "source", "target", "code", "quad", "from", "to", "place", "text", "limit"})) return;
    EventQuery q;
    q.limit = kDefaultLimit;
    if (!filters(req, res, q) || !number_param(req, res, "limit", 1, kMaxEvents, q.limit)) return;
    with_reader(res, [&](EventReader& r) {
      auto rows = r.query(q);
      if (!rows.ok()) return store_error(res, rows.status());
      std::string o = "{";
      array(o, "events", *rows, [](std::string& out, const EventRow& e) { out += e.json; });
      field(o, "count", static_cast<int64_t>(rows->size()));
      field(o, "limit", static_cast<int64_t>(q.limit));
      answer(res, o, r);
    });
  });

  server_->Get(R"(/api/events/([^/]+))", [with_reader](const httplib::Request& req, httplib::Response& res) {
    if (!only(req, res, {})) return;
    const std::string id = req.matches[1];
    with_reader(res, [&](EventReader& r) {
      auto d = r.event(id);
      if (!d.ok()) return store_error(res, d.status());
      if (!*d) return error(res, 404, fmt::format("no event \"{}\"", id));
      std::string o = "{\"event\":" + (*d)->event_json;
      if ((*d)->cluster.empty()) o += ",\"cluster\":null"; else field(o, "cluster", (*d)->cluster);
      object_array(o, "mentions", (*d)->mentions, [](std::string& out, const MentionRow& m) {
        field(out, "event", m.event_id);
        field(out, "article", m.article);
        field(out, "outlet", m.outlet);
        field(out, "url", m.url);
        field(out, "date", m.date);
        field(out, "sentence", m.sentence);
      });
      answer(res, o, r);
    });
  });

  server_->Get(R"(/api/articles/([^/]+))", [with_reader](const httplib::Request& req, httplib::Response& res) {
    if (!only(req, res, {})) return;
    const std::string id = req.matches[1];
    with_reader(res, [&](EventReader& r) {
      auto d = r.article(id);
      if (!d.ok()) return store_error(res, d.status());
      if (!*d) return error(res, 404, fmt::format("no article \"{}\"", id));
      const ArticleDetail& a = **d;
      std::string o = "{\"article\":{";
      field(o, "id", a.id);
      field(o, "url", a.url);
      field(o, "source", a.source);
      field(o, "lang", a.lang);
      field(o, "date", a.date);
      field(o, "title", a.title);
      field(o, "text", a.text);
      o += '}';
      array(o, "events", a.events, [](std::string& out, const std::string& json) { out += json; });
      object_array(o, "spans", a.spans, [](std::string& out, const SpanRow& s) {
        field(out, "kind", s.kind);
        field(out, "begin", s.begin);
        field(out, "end", s.end);
        field(out, "label", s.label);
        field(out, "code", s.code);
      });
      o += a.annotated ? ",\"annotated\":true" : ",\"annotated\":false";
      answer(res, o, r);
    });
  });

  server_->Get("/api/stats", [with_reader](const httplib::Request& req, httplib::Response& res) {
    if (!only(req, res, {"by", "actor", "source", "target", "code", "quad", "from", "to", "place", "text"})) return;
    const std::string by = req.has_param("by") ? req.get_param_value("by") : "root";
    if (!is_stat_grouping(by))
      return error(res, 400, fmt::format("by must be day, root, quad, pair, country or day-quad, not \"{}\"", by));
    EventQuery q;
    if (!filters(req, res, q)) return;
    with_reader(res, [&](EventReader& r) {
      auto rows = r.stats(by, q);
      if (!rows.ok()) return store_error(res, rows.status());
      std::string o = "{";
      field(o, "by", by);
      object_array(o, "rows", *rows, [](std::string& out, const StatRow& row) {
        field(out, "key", row.key);
        field(out, "events", row.events);
      });
      answer(res, o, r);
    });
  });

  server_->Get("/api/network", [with_reader](const httplib::Request& req, httplib::Response& res) {
    if (!only(req, res, {"limit"})) return;
    size_t limit = kDefaultLimit;
    if (!number_param(req, res, "limit", 1, kMaxEdges, limit)) return;
    with_reader(res, [&](EventReader& r) {
      auto rows = r.network(limit);
      if (!rows.ok()) return store_error(res, rows.status());
      std::string o = "{";
      object_array(o, "edges", *rows, [](std::string& out, const EdgeRow& e) {
        field(out, "source", e.source);
        field(out, "target", e.target);
        field(out, "events", e.events);
      });
      answer(res, o, r);
    });
  });

  // Read-only: any other method is refused as such.
  auto read_only = [](const httplib::Request& req, httplib::Response& res) {
    res.set_header("Allow", "GET");
    error(res, 405, fmt::format("{} is not allowed: the API is read-only (GET)", req.method));
  };
  server_->Post(".*", read_only);
  server_->Put(".*", read_only);
  server_->Patch(".*", read_only);
  server_->Delete(".*", read_only);

  // Whatever no route answered (unknown path, another method): JSON too.
  server_->set_error_handler([](const httplib::Request& req, httplib::Response& res) {
    if (!res.body.empty()) return;
    if (res.status == 404)
      error(res, 404, fmt::format("no such endpoint: {} {}", req.method, req.path));
    else
      error(res, res.status, fmt::format("HTTP {}", res.status));
  });
  server_->set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
    error(res, 500, "internal error");
  });
}

}  // namespace kabar
