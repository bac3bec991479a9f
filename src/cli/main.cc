// kabar — the command-line tool. A thin shell over libkabar: flags in, library
// calls, bytes out. Exit codes (docs/FORMAT.md):
//   0  every input was read and coded
//   1  some inputs or records were bad (reported on stderr); the rest were coded
//   2  usage error (bad flag or argument)
//   3  dictionaries or data files are invalid
//   4  output could not be written (disk, database)
#include <atomic>
#include <chrono>
#include <ctime>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <thread>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "kabar/clickhouse.h"
#include "kabar/eval.h"
#include "kabar/peer_dictionaries.h"
#include "kabar/serve.h"
#include "kabar/follow.h"
#include "kabar/gazetteer.h"
#include "kabar/gdelt.h"
#include "kabar/ingest.h"
#include "kabar/lexicon.h"
#include "kabar/parallel.h"
#include "kabar/pipeline.h"
#include "kabar/sink.h"
#include "cli/progress.h"

namespace {

using namespace kabar;

constexpr int kExitOk = 0, kExitPartial = 1, kExitUsage = 2, kExitData = 3, kExitOutput = 4;

struct Common {
  std::string data_dir;
  std::string lang;
  std::string date;
  std::string gazetteer;  // --gazetteer: a file other than the built one
  std::string shard;      // --shard I/N (code, ingest): this worker's share of the articles
  std::vector<std::string> dicts;  // --dict tabari:PATH | petrarch:PATH
  bool all_warnings = false;       // dict check: every peer-dictionary warning, not a summary
};

// --shard (checked in main before any command runs) into the reader options.
void apply_shard(const Common& c, IngestOptions& io) {
  if (auto s = parse_shard(c.shard)) io.shard = *s;
}

// The gazetteer for the commands that resolve places. Missing at its default
// path, kabar goes on with the dictionaries' places and says so; a file the
// user named, or one that is corrupt, is an error (exit 3).
std::unique_ptr<Gazetteer> load_gazetteer(const Common& c, int& exit_code, bool required = false) {
  const std::string path = c.gazetteer.empty() ? Gazetteer::default_path() : c.gazetteer;
  auto g = Gazetteer::open(path);
  if (g.ok()) return std::make_unique<Gazetteer>(std::move(g).value());
  if (!required && c.gazetteer.empty() && g.status().code() == ErrorCode::kNotFound) {
    fmt::print(stderr, "kabar: warning: {}; places come from the dictionaries only\n", g.status().message());
    return nullptr;
  }
  fmt::print(stderr, "kabar: {}\n", g.status().message());
  exit_code = kExitData;
  return nullptr;
}

// Through the compiled cache (Lexicon::load_cached) unless `compile` asks for
// the files themselves (dict check and stats) or $KABAR_CACHE_DIR=off. Peer
// dictionaries (--dict) are converted at every load: they are the user's
// files, read as they are now; the compiled cache is keyed by what the
// conversion gives, so an edited peer file compiles again. Their skipped or overridden lines, and
// those of converted files under data/, are warnings: five and a count, or
// all with --all-warnings.
std::unique_ptr<Lexicon> load_lexicon(const Common& c, int& exit_code, bool compile = false,
                                      bool* from_cache = nullptr) {
  std::string dir = c.data_dir.empty() ? default_data_dir() : c.data_dir;
  std::vector<std::string> warnings;
  LexiconOptions options;
  std::optional<PeerDictionaries> peers;
  if (!c.dicts.empty()) {
    auto read = read_peer_dictionaries(c.dicts);
    if (!read.ok()) {
      fmt::print(stderr, "kabar: {}\n", read.status().message());
      exit_code = read.status().code() == ErrorCode::kInvalidArgument ? kExitUsage : kExitData;
      return nullptr;
    }
    peers = std::move(read).value();
    warnings = peers->warnings;
    options.peer_files = &peers->files;
    options.peer_settings = peers->settings;
  }
  auto lex = compile ? Lexicon::load(dir, options) : Lexicon::load_cached(dir, options, default_cache_dir(), from_cache);
  if (!lex.ok()) {
    fmt::print(stderr, "kabar: cannot load dictionaries from {}: {}\n", dir, lex.status().to_string());
    exit_code = kExitData;
    return nullptr;
  }
  warnings.insert(warnings.end(), (*lex)->warnings().begin(), (*lex)->warnings().end());
  const size_t shown = c.all_warnings ? warnings.size() : std::min<size_t>(warnings.size(), 5);
  for (size_t i = 0; i < shown; ++i) fmt::print(stderr, "kabar: warning: {}\n", warnings[i]);
  if (warnings.size() > shown)
    fmt::print(stderr, "kabar: warning: … {} more lines of the peer dictionaries skipped or overridden "
               "(kabar dict check --all-warnings{} lists them)\n", warnings.size() - shown, c.dicts.empty() ? "" : " --dict …");
  return std::move(lex).value();
}

bool parse_date_flag(const std::string& s, std::optional<Date>& out) {
  if (s.empty()) return true;
  out = Date::parse_iso(s);
  if (!out) fmt::print(stderr, "kabar: --date must be YYYY-MM-DD, got \"{}\"\n", s);
  return out.has_value();
}

// Output to stdout or to a file written under a temporary name and renamed
// when complete, so a failed run never leaves a file that looks finished.
class Output {
 public:
  explicit Output(std::string path) : path_(std::move(path)) {
    if (path_.empty() || path_ == "-") { f_ = stdout; return; }
    tmp_ = path_ + ".partial";
    f_ = std::fopen(tmp_.c_str(), "wb");
  }
  bool ok() const { return f_ != nullptr; }
  bool write(std::string_view s) {
    if (std::fwrite(s.data(), 1, s.size(), f_) != s.size()) return false;
    return std::fputc('\n', f_) != EOF;
  }
  bool finish(bool complete) {
    if (f_ == stdout) return std::fflush(stdout) == 0;
    bool ok = std::fclose(f_) == 0;
    f_ = nullptr;
    if (ok && complete) return std::rename(tmp_.c_str(), path_.c_str()) == 0;
    return ok;
  }
  ~Output() { if (f_ && f_ != stdout) std::fclose(f_); }

 private:
  std::string path_, tmp_;
  FILE* f_ = nullptr;
};

int run_code(const Common& c, const std::vector<std::string>& inputs, const std::string& format,
             const std::string& out_path, bool keep_suppressed, bool stats, int jobs) {
  const auto started = std::chrono::steady_clock::now();
  std::optional<Date> date;
  if (!parse_date_flag(c.date, date)) return kExitUsage;
  int exit_code = kExitOk;
  bool from_cache = false;
  auto lex = load_lexicon(c, exit_code, false, &from_cache);
  if (!lex) return exit_code;
  const auto loaded = std::chrono::steady_clock::now();
  size_t n_articles = 0, n_sentences = 0, n_events = 0, n_bytes = 0;
  PipelineOptions options{c.lang.empty() ? "id" : c.lang, keep_suppressed};
  options.article_annotations = false;  // events only
  auto gazetteer = load_gazetteer(c, exit_code);
  if (exit_code != kExitOk) return exit_code;
  Pipeline pipeline(*lex, options, gazetteer.get());
  Output out(out_path);
  if (!out.ok()) {
    fmt::print(stderr, "kabar: cannot write {}\n", out_path);
    return kExitOutput;
  }
  bool write_failed = false;
  if (format == "tsv") write_failed = !out.write(tsv_header());
  int problems = 0;
  ProgressLine progress;
  IngestOptions io;
  io.default_date = date;
  io.default_lang = c.lang;
  apply_shard(c, io);
  if (progress.enabled()) io.on_progress = [&](uint64_t done, uint64_t total) { progress.input(done, total); };
  std::vector<std::string> in = inputs.empty() ? std::vector<std::string>{"-"} : inputs;
  OrderedParallelCoder coder(pipeline, jobs, 256, [&](ArticleResult&& r) {
    if (write_failed) return;
    progress.coded(r.article.text.size());
    ++n_articles;
    n_sentences += r.sentences.size();
    n_events += r.events.size();
    for (const auto& e : r.events) {
      if (!out.write(format == "tsv" ? event_to_tsv(e) : event_to_json(e, *lex))) { write_failed = true; return; }
    }
  });
  read_inputs(
      in, io,
      [&](Article&& a) {
        if (write_failed) return;
        n_bytes += a.text.size();
        coder.add(std::move(a));
      },
      [&](const IngestProblem& p) {
        if (p.record_lost) ++problems;
        progress.clear();
        fmt::print(stderr, "kabar: {}{}\n", p.status.message(), p.record_lost ? " (skipped)" : "");
      });
  coder.finish();
  progress.clear();
  if (write_failed) {
    out.finish(false);
    if (errno == EPIPE) return kExitOk;  // a closed pipe (`| head`) is not an error
    fmt::print(stderr, "kabar: write failed\n");
    return kExitOutput;
  }
  if (!out.finish(true)) return kExitOutput;
  if (stats) {
    using seconds = std::chrono::duration<double>;
    const auto done = std::chrono::steady_clock::now();
    double load_s = seconds(loaded - started).count(), code_s = seconds(done - loaded).count();
    fmt::print(stderr,
               "kabar: {} articles, {} sentences, {} events, {:.2f} MB; load {:.3f} s{}; coding {:.3f} s "
               "= {:.2f} MB/s, {:.0f} sentences/s ({} thread{})\n",
               n_articles, n_sentences, n_events, n_bytes / 1e6, load_s, from_cache ? " (compiled cache)" : "", code_s,
               code_s > 0 ? n_bytes / 1e6 / code_s : 0.0, code_s > 0 ? n_sentences / code_s : 0.0, coder.threads(),
               coder.threads() == 1 ? "" : "s");
  }
  return problems ? kExitPartial : kExitOk;
}

int run_explain(const Common& c, const std::string& sentence, bool keep_suppressed) {
  std::optional<Date> date;
  if (!parse_date_flag(c.date, date)) return kExitUsage;
  int exit_code = kExitOk;
  auto lex = load_lexicon(c, exit_code);
  if (!lex) return exit_code;
  PipelineOptions options{c.lang.empty() ? "id" : c.lang, keep_suppressed};
  options.article_annotations = false;  // events only
  auto gazetteer = load_gazetteer(c, exit_code);
  if (exit_code != kExitOk) return exit_code;
  Pipeline pipeline(*lex, options, gazetteer.get());
  Article a;
  a.id = "explain";
  a.text = sentence;
  a.lang = c.lang;
  a.date = date;
  a.origin = "<argument>";
  if (find_invalid_utf8(a.text) != std::string_view::npos) {
    fmt::print(stderr, "kabar: the sentence is not valid UTF-8\n");
    return kExitUsage;
  }
  Trace trace;
  ArticleResult r = pipeline.process(std::move(a), &trace);
  for (const auto& line : trace.lines) fmt::print("{}\n", line);
  fmt::print("{} event(s)\n", r.events.size());
  for (const auto& e : r.events) fmt::print("{}\n", event_to_json(e, *lex));
  return kExitOk;
}

// What `ingest` needs before it reads anything: the dictionaries, the store,
// the gazetteer, the pipeline and the reader options (--date, --lang,
// --shard). Returns kExitOk or the exit code.
struct IngestSetup {
  std::unique_ptr<Lexicon> lex;
  std::unique_ptr<StoreWriter> store;  // the SQLite file, or ClickHouse with --sink
  std::unique_ptr<Gazetteer> gazetteer;
  std::unique_ptr<Pipeline> pipeline;
  IngestOptions io;
};
int open_ingest(const Common& c, const std::string& db_path, const std::string& sink, IngestSetup& out) {
  std::optional<Date> date;
  if (!parse_date_flag(c.date, date)) return kExitUsage;
  std::optional<ClickHouseUrl> clickhouse;
  if (!sink.empty()) {
    auto url = parse_clickhouse_url(sink);
    if (!url.ok()) {
      fmt::print(stderr, "kabar: --sink: {}\n", url.status().message());
      return kExitUsage;
    }
    clickhouse = *url;
  }
  int exit_code = kExitOk;
  out.lex = load_lexicon(c, exit_code);
  if (!out.lex) return exit_code;
  if (clickhouse) {
    auto store = ClickHouseSink::open(*clickhouse);
    if (!store.ok()) {
      fmt::print(stderr, "kabar: {}\n", store.status().message());
      return kExitOutput;
    }
    out.store = std::move(store).value();
  } else {
    auto store = SqliteStore::open(db_path);
    if (!store.ok()) {
      fmt::print(stderr, "kabar: {}\n", store.status().message());
      return kExitOutput;
    }
    out.store = std::move(store).value();
  }
  out.gazetteer = load_gazetteer(c, exit_code);
  if (exit_code != kExitOk) return exit_code;
  out.pipeline = std::make_unique<Pipeline>(*out.lex, PipelineOptions{c.lang.empty() ? "id" : c.lang, false},
                                            out.gazetteer.get());
  out.io.default_date = date;
  out.io.default_lang = c.lang;
  apply_shard(c, out.io);
  return kExitOk;
}

std::atomic<bool> g_stop{false};  // SIGINT/SIGTERM in a loop (--follow, --every): finish the pass, then stop

// `ingest --follow DIR`: polls DIR (kabar/follow.h), stores what arrives, and
// commits the checkpoint only after the store has committed the articles.
int run_follow(const Common& c, const std::string& dir, const std::string& db_path, const std::string& sink, int jobs,
               double poll_s, double idle_exit_s) {
  IngestSetup setup;
  if (int rc = open_ingest(c, db_path, sink, setup); rc != kExitOk) return rc;
  const Lexicon& lex = *setup.lex;
  StoreWriter* store = setup.store.get();
  IngestOptions& io = setup.io;
  auto follower = FolderFollower::open(dir, db_path + ".follow");
  if (!follower.ok()) {
    fmt::print(stderr, "kabar: {}\n", follower.status().message());
    return follower.status().code() == ErrorCode::kNotFound ? kExitUsage : kExitData;
  }
  std::signal(SIGINT, [](int) { g_stop = true; });
  std::signal(SIGTERM, [](int) { g_stop = true; });
  size_t articles = 0, events = 0;
  int problems = 0;
  Status failure;
  OrderedParallelCoder coder(*setup.pipeline, jobs, 256, [&](ArticleResult&& r) {
    if (!failure.ok()) return;
    failure = store->put_article(r, lex);
    ++articles;
    events += r.events.size();
  });
  auto idle_since = std::chrono::steady_clock::now();
  while (!g_stop) {
    failure = store->begin();
    size_t n = 0;
    if (failure.ok())
      n = follower->poll(io, [&](Article&& a) { if (failure.ok()) coder.add(std::move(a)); },
                         [&](const IngestProblem& p) {
                           if (p.record_lost) ++problems;
                           fmt::print(stderr, "kabar: {}{}\n", p.status.message(), p.record_lost ? " (skipped)" : "");
                         });
    coder.finish();
    if (failure.ok()) failure = store->commit();
    if (failure.ok()) failure = follower->commit();  // only what the store now holds
    if (!failure.ok()) {
      fmt::print(stderr, "kabar: {}: {}\n", store->name(), failure.message());
      return kExitOutput;
    }
    if (n) {
      fmt::print(stderr, "kabar: stored {} article(s) from {}; {} article(s), {} event(s) so far\n", n, dir, articles, events);
      idle_since = std::chrono::steady_clock::now();
    } else if (idle_exit_s > 0 &&
               std::chrono::duration<double>(std::chrono::steady_clock::now() - idle_since).count() >= idle_exit_s) {
      break;
    }
    // Sleep in short steps so a signal stops the loop promptly.
    for (double slept = 0; slept < poll_s && !g_stop; slept += 0.05)
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  fmt::print(stderr, "kabar: followed {}: {} article(s), {} event(s) in {}\n", dir, articles, events, store->name());
  return problems ? kExitPartial : kExitOk;
}

int run_ingest(const Common& c, const std::vector<std::string>& inputs, const std::string& db_path,
               const std::string& sink, int jobs) {
  IngestSetup setup;
  if (int rc = open_ingest(c, db_path, sink, setup); rc != kExitOk) return rc;
  StoreWriter* store = setup.store.get();
  IngestOptions& io = setup.io;
  int problems = 0;
  size_t articles = 0, events = 0;
  Status failure;
  const size_t kBatch = 256;  // articles coded ahead
  const size_t batch_articles = store->batch_articles();
  size_t in_batch = 0;
  auto flush = [&]() {
    if (in_batch == 0 || !failure.ok()) return;
    failure = store->commit();
    in_batch = 0;
  };
  ProgressLine progress;
  if (progress.enabled()) io.on_progress = [&](uint64_t done, uint64_t total) { progress.input(done, total); };
  OrderedParallelCoder coder(*setup.pipeline, jobs, kBatch, [&](ArticleResult&& r) {
    if (!failure.ok()) return;
    progress.coded(r.article.text.size());
    if (in_batch == 0) failure = store->begin();
    if (!failure.ok()) return;
    failure = store->put_article(r, *setup.lex);
    ++articles;
    events += r.events.size();
    if (++in_batch == batch_articles) flush();
  });
  read_inputs(
      inputs, io,
      [&](Article&& a) {
        if (failure.ok()) coder.add(std::move(a));
      },
      [&](const IngestProblem& p) {
        if (p.record_lost) ++problems;
        progress.clear();
        fmt::print(stderr, "kabar: {}{}\n", p.status.message(), p.record_lost ? " (skipped)" : "");
      });
  coder.finish();
  flush();
  progress.clear();
  if (!failure.ok()) {
    fmt::print(stderr, "kabar: {}: {}\n", store->name(), failure.message());
    return kExitOutput;
  }
  fmt::print(stderr, "kabar: stored {} article(s), {} event(s) in {}\n", articles, events, store->name());
  if (auto* ch = dynamic_cast<ClickHouseSink*>(store))
    fmt::print(stderr, "kabar: {} insert(s) of {} event, {} mention and {} article row(s); {} attempt(s) retried\n",
               ch->written().inserts, ch->written().events, ch->written().mentions, ch->written().articles,
               ch->retried());
  return problems ? kExitPartial : kExitOk;
}

// Like load_lexicon: the store, or nullptr after the reason is printed and
// `exit_code` set (2 when the file is missing, 4 when it cannot be opened).
std::unique_ptr<SqliteStore> open_existing_store(const std::string& db_path, int& exit_code) {
  if (!std::filesystem::exists(db_path)) {
    fmt::print(stderr, "kabar: {}: no such database\n", db_path);
    exit_code = kExitUsage;
    return nullptr;
  }
  auto store = SqliteStore::open(db_path);
  if (!store.ok()) {
    fmt::print(stderr, "kabar: {}\n", store.status().message());
    exit_code = kExitOutput;
    return nullptr;
  }
  return std::move(store).value();
}

// How to open the store --db names, for query, stats and serve: the SQLite
// file (read-only for serve, which must neither migrate nor write), or
// ClickHouse for a clickhouse:// URL. kExitOk, or the exit code after the
// reason is printed.
int reader_factory(const std::string& db, bool skip_unavailable_shards, bool read_only,
                   ApiServer::ReaderFactory& out) {
  if (is_clickhouse_url(db)) {
    auto url = parse_clickhouse_url(db);
    if (!url.ok()) {
      fmt::print(stderr, "kabar: --db: {}\n", url.status().message());
      return kExitUsage;
    }
    if (skip_unavailable_shards) url->skip_unavailable_shards = true;
    out = [u = *url]() -> StatusOr<std::unique_ptr<EventReader>> {
      auto r = ClickHouseReader::open(u);
      if (!r.ok()) return r.status();
      return std::unique_ptr<EventReader>(std::move(r).value());
    };
    return kExitOk;
  }
  if (skip_unavailable_shards) {
    fmt::print(stderr, "kabar: --skip-unavailable-shards needs a clickhouse:// store\n");
    return kExitUsage;
  }
  if (!std::filesystem::exists(db)) {
    fmt::print(stderr, "kabar: {}: no such database\n", db);
    return kExitUsage;
  }
  out = [db, read_only]() -> StatusOr<std::unique_ptr<EventReader>> {
    auto r = read_only ? SqliteStore::open_read_only(db) : SqliteStore::open(db);
    if (!r.ok()) return r.status();
    return std::unique_ptr<EventReader>(std::move(r).value());
  };
  return kExitOk;
}

// What `query` and `stats` read; nullptr after the reason is printed.
std::unique_ptr<EventReader> open_reader(const std::string& db, bool skip_unavailable_shards, int& exit_code) {
  ApiServer::ReaderFactory factory;
  if ((exit_code = reader_factory(db, skip_unavailable_shards, false, factory)) != kExitOk) return nullptr;
  auto reader = factory();
  if (!reader.ok()) {
    fmt::print(stderr, "kabar: {}\n", reader.status().message());
    exit_code = kExitOutput;
    return nullptr;
  }
  return std::move(reader).value();
}

std::string csv_cell(const std::string& s) {
  if (s.find_first_of(",\"\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

int run_clusters(const std::string& db_path, size_t limit) {
  if (is_clickhouse_url(db_path)) {
    fmt::print(stderr, "kabar: --clusters: clusters are kept by the SQLite store only\n");
    return kExitUsage;
  }
  int exit_code = kExitOk;
  auto store = open_existing_store(db_path, exit_code);
  if (!store) return exit_code;
  auto rows = store->clusters(limit);
  if (!rows.ok()) {
    fmt::print(stderr, "kabar: {}\n", rows.status().message());
    return kExitOutput;
  }
  fmt::print("{:<18} {:<10} {:<10} {:<10} {:<4} {:<7} {:>8} {:>7} {:>8}\n", "cluster", "first", "source", "target",
             "root", "country", "mentions", "sources", "articles");
  for (const auto& r : *rows)
    fmt::print("{:<18} {:<10} {:<10} {:<10} {:<4} {:<7} {:>8} {:>7} {:>8}\n", r.id, r.first_date, r.source, r.target,
               r.root, r.place_country, r.num_mentions, r.num_sources, r.num_articles);
  return kExitOk;
}

int run_query(const std::string& db_path, bool skip_unavailable_shards, EventQuery q, const std::string& from,
              const std::string& to, const std::string& format) {
  // Each bound from its own flag: --from alone leaves the end open.
  if (!parse_date_flag(from, q.from) || !parse_date_flag(to, q.to)) return kExitUsage;
  int exit_code = kExitOk;
  auto store = open_reader(db_path, skip_unavailable_shards, exit_code);
  if (!store) return exit_code;
  auto rows = store->query(q);
  if (!rows.ok()) {
    fmt::print(stderr, "kabar: {}\n", rows.status().message());
    return rows.status().code() == ErrorCode::kInvalidArgument ? kExitUsage : kExitOutput;
  }
  if (format == "json") {
    for (const auto& r : *rows) fmt::print("{}\n", r.json);
  } else if (format == "csv") {
    fmt::print("date,source,target,code,quad,goldstein,modality,place,article,text\n");
    for (const auto& r : *rows)
      fmt::print("{},{},{},{},{},{:.1f},{},{},{},{}\n", r.date, r.source, r.target, r.code, r.quad, r.goldstein,
                 r.modality, csv_cell(r.place), csv_cell(r.article), csv_cell(r.text));
  } else {
    fmt::print("{:<10} {:<10} {:<10} {:<5} {:>5} {:<9} {:<12} {}\n", "date", "source", "target", "code", "gold",
               "modality", "place", "article");
    for (const auto& r : *rows)
      fmt::print("{:<10} {:<10} {:<10} {:<5} {:>5.1f} {:<9} {:<12} {}\n", r.date, r.source, r.target, r.code,
                 r.goldstein, r.modality, r.place.substr(0, 12), r.article);
  }
  if (auto caveat = store->caveat(); !caveat.empty()) fmt::print(stderr, "kabar: {}\n", caveat);
  return kExitOk;
}

int run_stats(const std::string& db_path, bool skip_unavailable_shards, const std::vector<std::string>& groups) {
  int exit_code = kExitOk;
  auto store = open_reader(db_path, skip_unavailable_shards, exit_code);
  if (!store) return exit_code;
  for (const char* table : {"articles", "events", "clusters"}) {
    auto n = store->count(table);
    if (n.ok()) {
      fmt::print("{} {}\n", table, *n);
    } else if (n.status().code() == ErrorCode::kNotFound) {
      fmt::print("{} -\n", table);  // not kept by this store
    } else {
      fmt::print(stderr, "kabar: {}\n", n.status().message());
      return kExitOutput;
    }
  }
  for (const auto& by : groups) {
    auto rows = store->stats(by);
    if (!rows.ok()) {
      fmt::print(stderr, "kabar: {}\n", rows.status().message());
      return rows.status().code() == ErrorCode::kInvalidArgument ? kExitUsage : kExitOutput;
    }
    fmt::print("\nby {}\n", by);
    for (const auto& r : *rows) fmt::print("  {:<24} {}\n", r.key, r.events);
  }
  if (auto caveat = store->caveat(); !caveat.empty()) fmt::print(stderr, "kabar: {}\n", caveat);
  return kExitOk;
}

// `kabar serve`: the JSON API over either store until SIGINT/SIGTERM.
int run_serve(const std::string& db, bool skip_unavailable_shards, const std::string& host, int port,
              std::string web_dir) {
  ApiServer::ReaderFactory factory;
  if (int rc = reader_factory(db, skip_unavailable_shards, true, factory); rc != kExitOk) return rc;
  if (auto first = factory(); !first.ok()) {  // fail now, not at the first request
    fmt::print(stderr, "kabar: {}\n", first.status().message());
    return first.status().code() == ErrorCode::kData ? kExitData : kExitOutput;
  }
  ApiServer server(factory);
  // The dashboard: --web, else $KABAR_WEB, else the one this build bundled.
  if (web_dir.empty()) web_dir = std::getenv("KABAR_WEB") ? std::getenv("KABAR_WEB") : KABAR_DEFAULT_WEB_DIR;
  const bool dashboard = web_dir != "none" && std::filesystem::exists(web_dir + "/index.html") && server.mount(web_dir);
  if (!dashboard && web_dir != "none")
    fmt::print(stderr, "kabar: no dashboard in {} (build it with scripts/build): serving the API only\n", web_dir);
  auto bound = server.bind(host, port);
  if (!bound.ok()) {
    fmt::print(stderr, "kabar: {}\n", bound.status().message());
    return kExitOutput;
  }
  std::signal(SIGINT, [](int) { g_stop = true; });
  std::signal(SIGTERM, [](int) { g_stop = true; });
  // httplib's stop() is not for signal handlers: a watcher calls it.
  std::thread watcher([&] {
    while (!g_stop) std::this_thread::sleep_for(std::chrono::milliseconds(50));
    server.stop();
  });
  fmt::print(stderr, "kabar: serving {} on http://{}:{}/{}\n",
             is_clickhouse_url(db) ? parse_clickhouse_url(db)->display() : db, host, *bound, dashboard ? "" : "api/");
  server.listen();
  g_stop = true;
  watcher.join();
  return kExitOk;
}

int run_clickhouse_init(const std::vector<std::string>& servers, const std::string& cluster) {
  std::vector<ClickHouseUrl> urls;
  for (const auto& s : servers) {
    auto url = parse_clickhouse_url(s);
    if (!url.ok()) {
      fmt::print(stderr, "kabar: {}\n", url.status().message());
      return kExitUsage;
    }
    urls.push_back(*url);
  }
  Status st = clickhouse_init(urls, cluster);
  if (!st.ok()) {
    fmt::print(stderr, "kabar: {}\n", st.message());
    return st.code() == ErrorCode::kInvalidArgument ? kExitUsage : kExitOutput;
  }
  for (const auto& u : urls)
    fmt::print(stderr, "kabar: {}: tables events, mentions, articles{} ready\n", u.display(),
               cluster.empty() ? "" : fmt::format(" (Distributed over cluster {})", cluster));
  return kExitOk;
}

int run_eval(const Common& c, const std::string& gold_path, const std::string& actors, const std::string& report) {
  int exit_code = kExitOk;
  auto gold = read_gold(gold_path);
  if (!gold.ok()) {
    fmt::print(stderr, "kabar: {}\n", gold.status().message());
    return gold.status().code() == ErrorCode::kNotFound ? kExitUsage : kExitPartial;
  }
  for (const auto& s : gold->skipped) fmt::print(stderr, "kabar: {} (skipped)\n", s);
  auto lex = load_lexicon(c, exit_code);
  if (!lex) return exit_code;
  PipelineOptions pipeline_options{c.lang.empty() ? "en" : c.lang, false};
  pipeline_options.article_annotations = false;  // scores events only
  Pipeline pipeline(*lex, pipeline_options);
  EvalOptions options{actors, c.lang.empty() ? "en" : c.lang};
  EvalResult result = evaluate(*gold, pipeline, options);
  fmt::print("{}", format_eval(*gold, result));
  if (!report.empty()) {
    Output out(report);
    bool ok = out.ok() && out.write(format_failures(result));
    if (!out.finish(ok) || !ok) {
      fmt::print(stderr, "kabar: cannot write {}\n", report);
      return kExitOutput;
    }
    fmt::print("failing records: {} (written to {})\n", result.failures.size(), report);
  }
  return gold->skipped.empty() ? kExitOk : kExitPartial;
}

int run_eval_ner(const Common& c, const std::string& path) {
  int exit_code = kExitOk;
  auto lex = load_lexicon(c, exit_code);
  if (!lex) return exit_code;
  const LanguageLexicon* l = lex->language(c.lang.empty() ? "id" : c.lang);
  if (!l) return kExitUsage;
  auto gazetteer = load_gazetteer(c, exit_code);
  if (exit_code != kExitOk) return exit_code;
  Geocoder geocoder(*lex, gazetteer.get());
  auto r = evaluate_ner(path, *l, &geocoder);
  if (!r.ok()) {
    fmt::print(stderr, "kabar: {}\n", r.status().message());
    return r.status().code() == ErrorCode::kNotFound ? kExitUsage : kExitPartial;
  }
  fmt::print("{}", format_ner(*r));
  return kExitOk;
}

int run_eval_places(const Common& c, const std::string& path, size_t limit) {
  int exit_code = kExitOk;
  auto lex = load_lexicon(c, exit_code);
  if (!lex) return exit_code;
  auto gazetteer = load_gazetteer(c, exit_code);
  if (exit_code != kExitOk) return exit_code;
  PipelineOptions options{c.lang.empty() ? "en" : c.lang, false};
  options.article_annotations = false;
  Pipeline pipeline(*lex, options, gazetteer.get());
  auto r = evaluate_places(path, pipeline, limit);
  if (!r.ok()) {
    fmt::print(stderr, "kabar: {}\n", r.status().message());
    return r.status().code() == ErrorCode::kNotFound ? kExitUsage : kExitPartial;
  }
  fmt::print("{}", format_places_eval(*r));
  return kExitOk;
}

int run_eval_html(const std::string& dir, const std::string& baseline, const std::string& warc, const std::string& output) {
  auto r = warc.empty() ? evaluate_html(dir, baseline) : evaluate_html_warc(dir, warc);
  if (!r.ok()) {
    fmt::print(stderr, "kabar: {}\n", r.status().message());
    return r.status().code() == ErrorCode::kNotFound ? kExitUsage : kExitData;
  }
  fmt::print("{}", format_html_eval(*r));
  if (!output.empty()) {
    // The benchmark's own prediction format, so its evaluate.py can score it.
    std::string json = "{";
    for (const auto& [id, text] : r->predictions) {
      if (json.size() > 1) json += ",\n";
      append_json_string(json, id);
      json += ":{\"articleBody\":";
      append_json_string(json, text);
      json += "}";
    }
    json += "}\n";
    Output out(output);
    if (!out.ok() || !out.write(json) || !out.finish(true)) {
      fmt::print(stderr, "kabar: cannot write {}\n", output);
      return kExitOutput;
    }
  }
  return r->failed ? kExitPartial : kExitOk;
}

// YYYYMMDDHHMMSS of a time in UTC.
std::string utc_stamp(std::time_t t) {
  std::tm utc{};
  gmtime_r(&t, &utc);
  return fmt::format("{:04d}{:02d}{:02d}{:02d}{:02d}{:02d}", utc.tm_year + 1900, utc.tm_mon + 1, utc.tm_mday,
                     utc.tm_hour, utc.tm_min, utc.tm_sec);
}

// "15m", "30s", "1h" in seconds; 0 when malformed.
long parse_interval(const std::string& s) {
  if (s.size() < 2) return 0;
  long n = 0;
  for (size_t i = 0; i + 1 < s.size(); ++i) {
    if (s[i] < '0' || s[i] > '9' || n > 10000000) return 0;
    n = n * 10 + (s[i] - '0');
  }
  switch (s.back()) {
    case 's': return n;
    case 'm': return n * 60;
    case 'h': return n * 3600;
    default: return 0;
  }
}

// Incremental exports remember, in OUT/kabar-export.state, the last stored
// article a batch covered and that batch's timestamp.
struct ExportState {
  int64_t last_article = 0;
  std::string last_stamp;
};
ExportState read_export_state(const std::string& out_dir) {
  ExportState st;
  std::ifstream in(std::filesystem::path(out_dir) / "kabar-export.state");
  std::string key;
  while (in >> key) {
    if (key == "last_article") in >> st.last_article;
    else if (key == "last_timestamp") in >> st.last_stamp;
  }
  return st;
}
bool write_export_state(const std::string& out_dir, const ExportState& st) {
  const auto path = std::filesystem::path(out_dir) / "kabar-export.state";
  const auto tmp = path.string() + ".partial";
  {
    std::ofstream out(tmp, std::ios::trunc);
    out << "last_article " << st.last_article << "\nlast_timestamp " << st.last_stamp << "\n";
    if (!out.flush()) return false;
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  return !ec;
}

int run_export_gdelt(const Common& c, const std::string& db_path, const std::string& out_dir, std::string timestamp,
                     const std::string& url_prefix, bool since_last, const std::string& every, int batches) {
  int exit_code = kExitOk;
  auto store = open_existing_store(db_path, exit_code);
  if (!store) return exit_code;
  auto lex = load_lexicon(c, exit_code);
  if (!lex) return exit_code;
  const long interval = every.empty() ? 900 : parse_interval(every);
  if (interval <= 0) {
    fmt::print(stderr, "kabar: --every must be a number and s, m or h (15m), got \"{}\"\n", every);
    return kExitUsage;
  }
  // One batch stamped `stamp`: everything (the default), or, incrementally,
  // the articles stored since the last batch.
  auto one_batch = [&](const std::string& stamp, bool incremental) -> int {
    SqliteStore::ArticleRange range;
    ExportState state;
    if (incremental) {
      state = read_export_state(out_dir);
      if (!state.last_stamp.empty() && stamp <= state.last_stamp) {
        fmt::print(stderr, "kabar: {}: the last batch is {}; a new one needs a later timestamp (--at, or wait)\n",
                   out_dir, state.last_stamp);
        return kExitUsage;
      }
      auto last = store->last_article_number();
      if (!last.ok()) {
        fmt::print(stderr, "kabar: {}: {}\n", db_path, last.status().message());
        return kExitData;
      }
      if (*last < state.last_article) {
        fmt::print(stderr, "kabar: warning: {} holds fewer articles than {} exported; exporting it from the start\n",
                   db_path, out_dir);
        state.last_article = 0;
      }
      range = {state.last_article, *last};
    }
    auto result = export_gdelt(*store, *lex, out_dir, stamp, url_prefix, range);
    if (!result.ok()) {
      fmt::print(stderr, "kabar: {}\n", result.status().message());
      return result.status().code() == ErrorCode::kInvalidArgument ? kExitUsage : kExitOutput;
    }
    // The state only after the batch's files are in place: a crash in between
    // repeats the batch, never loses it.
    if (incremental && !write_export_state(out_dir, {range.up_to, stamp})) {
      fmt::print(stderr, "kabar: {}: cannot write kabar-export.state\n", out_dir);
      return kExitOutput;
    }
    fmt::print(stderr, "kabar: {}: {} events, {} mentions, {} GKG records ({} undated events left out) in {}\n", stamp,
               result->events, result->mentions, result->gkg, result->skipped_undated, out_dir);
    for (const auto& f : result->files) fmt::print("{}\n", f);
    std::fflush(stdout);
    return kExitOk;
  };
  if (every.empty()) {
    if (timestamp.empty()) {
      const std::time_t now = std::time(nullptr);
      timestamp = utc_stamp(now - now % 900);  // now, on GDELT's 15-minute boundary
    }
    return one_batch(timestamp, since_last);
  }
  // --every: a batch at each boundary of the interval (UTC), as GDELT's feed.
  std::signal(SIGINT, [](int) { g_stop = true; });
  std::signal(SIGTERM, [](int) { g_stop = true; });
  for (int done = 0; !g_stop && (batches <= 0 || done < batches); ++done) {
    const std::time_t now = std::time(nullptr);
    if (int rc = one_batch(utc_stamp(now - now % interval), true); rc != kExitOk) return rc;
    if (batches > 0 && done + 1 == batches) break;
    const std::time_t next = now - now % interval + interval;
    while (!g_stop && std::time(nullptr) < next) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return kExitOk;
}

int run_geo(const Common& c, const std::string& name, const std::vector<std::string>& near, const std::string& cue,
            const std::string& format, size_t limit) {
  int exit_code = kExitOk;
  auto gazetteer = load_gazetteer(c, exit_code, /*required=*/true);
  if (!gazetteer) return exit_code;
  GeoContext ctx;
  ctx.place_countries = near;
  ctx.cue = cue == "city" ? GeoCue::kCity : cue == "adm1" ? GeoCue::kAdm1 : cue == "country" ? GeoCue::kCountry : GeoCue::kNone;
  auto candidates = gazetteer->candidates(name, ctx);
  if (limit && candidates.size() > limit) candidates.resize(limit);
  if (format == "json") {
    for (const auto& cand : candidates) {
      const GeoPlace& p = cand.place;
      std::string o = "{";
      auto field = [&](const char* k, const std::string& v) {
        if (o.size() > 1) o += ',';
        append_json_string(o, k);
        o += ':';
        o += v;
      };
      auto quoted = [](std::string_view v) { std::string q; append_json_string(q, v); return q; };
      field("score", fmt::format("{:.2f}", cand.score));
      field("kind", quoted(geo_kind_name(p.kind)));
      field("name", quoted(p.name));
      field("country", quoted(p.iso2));
      field("admin1", p.admin1.empty() ? "null" : quoted(p.admin1));
      field("subdivision", p.subdivision.empty() ? "null" : quoted(p.subdivision));
      field("feature", p.feature == GeoFeature::kNone ? "null" : quoted(geo_feature_name(p.feature)));
      field("population", std::to_string(p.population));
      field("lat", p.lat ? fmt::format("{:.5f}", *p.lat) : "null");
      field("lon", p.lon ? fmt::format("{:.5f}", *p.lon) : "null");
      field("geonames_id", p.geonames_id ? std::to_string(p.geonames_id) : "null");
      field("other_name", cand.exonym ? "true" : "false");
      fmt::print("{}}}\n", o);
    }
  } else {
    fmt::print("{:>6}  {:<7} {:<28} {:<2} {:<6} {:<7} {:<6} {:>10}  {:>9} {:>10}  {}\n", "score", "kind", "name", "cc",
               "admin1", "iso2", "class", "population", "lat", "lon", "geonames");
    for (const auto& cand : candidates) {
      const GeoPlace& p = cand.place;
      fmt::print("{:>6.2f}  {:<7} {:<28} {:<2} {:<6} {:<7} {:<6} {:>10}  {:>9} {:>10}  {}\n", cand.score,
                 geo_kind_name(p.kind), p.name, p.iso2, p.admin1, p.subdivision, geo_feature_name(p.feature),
                 p.population, p.lat ? fmt::format("{:.4f}", *p.lat) : "-", p.lon ? fmt::format("{:.4f}", *p.lon) : "-",
                 p.geonames_id ? std::to_string(p.geonames_id) : "-");
    }
  }
  if (candidates.empty()) {
    fmt::print(stderr, "kabar: no place named \"{}\" (key \"{}\") in {}\n", name, geo_key(name),
               c.gazetteer.empty() ? Gazetteer::default_path() : c.gazetteer);
    return kExitPartial;
  }
  return kExitOk;
}

int run_export_jsonl(const std::string& db_path, const std::string& out_path) {
  int exit_code = kExitOk;
  auto store = open_existing_store(db_path, exit_code);
  if (!store) return exit_code;
  auto lines = export_clusters_jsonl(*store);
  if (!lines.ok()) {
    fmt::print(stderr, "kabar: {}: {}\n", db_path, lines.status().message());
    return kExitData;
  }
  Output out(out_path);
  if (!out.ok()) {
    fmt::print(stderr, "kabar: cannot write {}\n", out_path);
    return kExitOutput;
  }
  bool ok = true;
  for (const auto& line : *lines) ok = ok && out.write(line);
  if (!out.finish(ok) || !ok) {
    fmt::print(stderr, "kabar: writing {} failed\n", out_path.empty() ? "stdout" : out_path);
    return kExitOutput;
  }
  auto events = store->count("events");
  fmt::print(stderr, "kabar: {} deduplicated events from {} stored events\n", lines->size(),
             events.ok() ? std::to_string(*events) : "?");
  return kExitOk;
}

int run_dict(const Common& c, const std::string& action, const std::string& out_dir, const std::string& lang) {
  if (action == "convert") {
    if (c.dicts.empty() || out_dir.empty()) {
      fmt::print(stderr, "kabar: dict convert needs --dict tabari:PATH|petrarch:PATH and -o DIR\n");
      return kExitUsage;
    }
    auto peers = read_peer_dictionaries(c.dicts);
    if (!peers.ok()) {
      fmt::print(stderr, "kabar: {}\n", peers.status().message());
      return peers.status().code() == ErrorCode::kInvalidArgument ? kExitUsage : kExitData;
    }
    for (const auto& w : peers->warnings) fmt::print(stderr, "kabar: warning: {}\n", w);
    if (Status st = write_converted(*peers, out_dir, lang); !st.ok()) {
      fmt::print(stderr, "kabar: {}\n", st.message());
      return kExitOutput;
    }
    size_t lines = 0;
    for (const auto& f : peers->files) lines += f.lines.size();
    fmt::print("converted {} files into {} dictionary lines under {}/lexicon/{} ({} peer lines skipped)\n",
               peers->files.size(), lines, out_dir, lang, peers->warnings.size());
    return kExitOk;
  }
  int exit_code = kExitOk;
  auto lex = load_lexicon(c, exit_code, /*compile=*/true);
  if (!lex) return exit_code;
  if (action == "check") {
    for (const auto& lang : lex->languages())
      for (const auto& w : lex->language(lang)->unchecked_heads()) fmt::print(stderr, "kabar: warning: {}\n", w);
    fmt::print("dictionaries OK: {} files\n", lex->files().size());
    return kExitOk;
  }
  for (const auto& lang : lex->languages()) {
    auto s = lex->stats(lang);
    fmt::print("{}: {} actor names, {} agents, {} verb patterns (+{} derived passives) over {} CAMEO codes, "
               "{} function words, {} places\n",
               lang, s.actors, s.agents, s.patterns, s.derived_patterns, s.codes_used, s.words, s.places);
  }
  return kExitOk;
}

}  // namespace

int main(int argc, char** argv) {
  std::signal(SIGPIPE, SIG_IGN);
  CLI::App app{"kabar — codes news articles into CAMEO events (Indonesian and English)"};
  app.require_subcommand(1);
  Common common;
  auto add_common = [&](CLI::App* sub) {
    sub->add_option("--data", common.data_dir, "Data directory (default: $KABAR_DATA or the built-in one)");
    sub->add_option("--lang", common.lang, "Language of the input when not given or guessed: id or en")
        ->check(CLI::IsMember({"id", "en"}));
    sub->add_option("--date", common.date, "Article date YYYY-MM-DD for inputs that state none");
    sub->add_option("--gazetteer", common.gazetteer, "Gazetteer file (default: $KABAR_GAZETTEER or the built one)");
    sub->add_option("--dict", common.dicts,
                    "TABARI or PETRARCH dictionaries in place of kabar's English actors, agents and verbs: "
                    "tabari:PATH or petrarch:PATH (a file, a folder, or a TABARI .project); repeatable")
        ->allow_extra_args(false);
  };

  std::vector<std::string> inputs;
  std::string format = "jsonl", out_path, db_path = "kabar.db", sentence, dict_action;
  bool keep_suppressed = false, stats = false;
  int jobs = 0;

  auto* code = app.add_subcommand("code", "Code articles (files, directories, - for stdin) into events on stdout");
  add_common(code);
  code->add_option("inputs", inputs, "Text files (one article each), .jsonl files, directories, or -");
  code->add_option("--format", format, "Output format")->check(CLI::IsMember({"jsonl", "tsv"}));
  code->add_option("-o,--output", out_path, "Write to FILE (renamed into place only when complete)");
  code->add_flag("--all-modalities", keep_suppressed, "Also output negated and denied events");
  code->add_flag("--stats", stats, "Print counts, load time and throughput on stderr");
  const char* shard_help = "Only this worker's share I of N (1-based) of the articles, by article id: "
                           "N workers given 1/N … N/N read every article once";
  code->add_option("--shard", common.shard, shard_help);
  code->add_option("-j,--jobs", jobs, "Threads (default: all cores); output order does not depend on it")
      ->check(CLI::Range(0, 256));

  auto* explain = app.add_subcommand("explain", "Show every decision made on one sentence or passage");
  add_common(explain);
  explain->add_option("sentence", sentence, "The text to explain")->required();
  explain->add_flag("--all-modalities", keep_suppressed, "Also show negated and denied events as events");

  auto* ingest = app.add_subcommand("ingest", "Code inputs into the SQLite store (re-ingesting replaces)");
  add_common(ingest);
  std::string follow_dir;
  double poll_s = 5, idle_exit_s = 0;
  auto* ingest_inputs = ingest->add_option("inputs", inputs, "Inputs as for `code`");
  auto* follow_opt = ingest->add_option("--follow", follow_dir,
                                        "Watch this folder and code what arrives (new files once complete, lines "
                                        "appended to JSON Lines); what was consumed is kept in DB.follow");
  ingest_inputs->excludes(follow_opt);
  ingest->add_option("--poll", poll_s, "With --follow: seconds between looks at the folder")
      ->check(CLI::Range(0.05, 86400.0));
  ingest->add_option("--idle-exit", idle_exit_s, "With --follow: stop after this many seconds with nothing new (0: never)")
      ->check(CLI::Range(0.0, 1e9));
  std::string sink;
  ingest->add_option("--db", db_path, "SQLite database file (with --sink or --follow: where DB.follow is kept)");
  ingest->add_option("--sink", sink,
                     "Store in ClickHouse instead: clickhouse://USER:PASSWORD@HOST:PORT/DB (tables from "
                     "`kabar clickhouse init`)");
  ingest->add_option("--shard", common.shard, shard_help);
  ingest->add_option("-j,--jobs", jobs, "Threads (default: all cores)")->check(CLI::Range(0, 256));

  EventQuery q;
  std::string q_from, q_to, q_format = "table";
  bool skip_shards = false;
  const char* db_help = "SQLite database file, or a clickhouse:// URL";
  const char* skip_help = "ClickHouse: answer from the shards that respond (results may be partial; said on stderr)";
  auto* query = app.add_subcommand("query", "Print the events in a store, filtered");
  query->add_option("--db", db_path, db_help);
  query->add_flag("--skip-unavailable-shards", skip_shards, skip_help);
  query->add_option("--actor", q.actor, "Source or target code starts with this (RUS, IDNCOP)");
  query->add_option("--source", q.source, "Source code starts with this");
  query->add_option("--target", q.target, "Target code starts with this");
  query->add_option("--code", q.code, "CAMEO code starts with this (19, 190, 0332)");
  query->add_option("--quad", q.quad, "QuadClass 1-4")->check(CLI::Range(1, 4));
  query->add_option("--from", q_from, "Events on or after YYYY-MM-DD");
  query->add_option("--to", q_to, "Events on or before YYYY-MM-DD");
  query->add_option("--place", q.place, "Place name or country code");
  query->add_option("--text", q.text, "Full-text search in the sentences (SQLite FTS5 syntax)");
  query->add_option("--limit", q.limit, "At most N events (0 = all)");
  query->add_option("--format", q_format, "Output")->check(CLI::IsMember({"table", "csv", "json"}));
  bool q_clusters = false;
  query->add_flag("--clusters", q_clusters, "One row per happening (deduplicated across articles) instead of events");

  std::vector<std::string> stat_groups{"day", "root", "quad", "pair"};
  auto* stats_cmd = app.add_subcommand("stats", "Counts of the stored events by day, root, QuadClass, country pair");
  stats_cmd->add_option("--db", db_path, db_help);
  stats_cmd->add_flag("--skip-unavailable-shards", skip_shards, skip_help);
  stats_cmd->add_option("--by", stat_groups, "Groupings to print (also: country, day-quad)")
      ->check(CLI::IsMember({"day", "root", "quad", "pair", "country", "day-quad"}));

  std::string gold_path, actors_mode = "full", report_path;
  auto* eval = app.add_subcommand("eval", "Score kabar on a gold file (kabar JSONL, PETRARCH XML, PLOVER JSON)");
  add_common(eval);
  eval->add_option("gold", gold_path, "The gold file")->required();
  eval->add_option("--actors", actors_mode, "Compare actor codes in full or by country only")
      ->check(CLI::IsMember({"full", "country"}));
  eval->add_option("--report", report_path, "Write every failing record, expected against got, to FILE");

  std::string ner_path;
  auto* eval_ner = app.add_subcommand("eval-ner", "Score person/organisation/place detection on a BIO (CoNLL) file");
  add_common(eval_ner);
  eval_ner->add_option("gold", ner_path, "Token-per-line BIO file, label in the last column")->required();

  std::string places_path;
  size_t places_limit = 0;
  auto* eval_places = app.add_subcommand(
      "eval-places", "Score datelines and document countries on Reuters-21578 JSON Lines (PLACES, DATELINE)");
  add_common(eval_places);
  eval_places->add_option("corpus", places_path, "reuters21578.jsonl")->required();
  eval_places->add_option("--limit", places_limit, "At most N articles (0 = all)");

  std::string html_dir, html_baseline, html_output, html_warc;
  auto* eval_html = app.add_subcommand(
      "eval-html", "Score main-content extraction on the article-extraction benchmark (ground-truth.json, html/)");
  eval_html->add_option("dir", html_dir, "The benchmark folder")->required();
  eval_html->add_option("--baseline", html_baseline, "Score this prediction file instead of kabar (checks the scorer)");
  eval_html->add_option("--output", html_output, "Write kabar's predictions in the benchmark's JSON format");
  eval_html->add_option("--warc", html_warc, "Read the pages from this web archive (matched by URL) instead of html/");

  std::string out_dir, export_at, url_prefix;
  auto* export_cmd = app.add_subcommand("export", "Write the store in other formats");
  auto* export_gdelt_cmd = export_cmd->add_subcommand("gdelt", "GDELT 2.0 Events, Mentions and GKG 2.1 files (zipped, indexed)");
  export_cmd->require_subcommand(1);
  export_gdelt_cmd->add_option("--data", common.data_dir, "Data directory (for the actor code tables)");
  export_gdelt_cmd->add_option("--db", db_path, "SQLite database file");
  export_gdelt_cmd->add_option("--out", out_dir, "Directory for the files and the index")->required();
  export_gdelt_cmd->add_option("--at", export_at, "Timestamp YYYYMMDDHHMMSS (UTC; default: now, on a 15-minute boundary)");
  export_gdelt_cmd->add_option("--url-prefix", url_prefix, "Prefix of the paths in masterfilelist.txt");
  bool since_last = false;
  std::string every;
  int batches = 0;
  export_gdelt_cmd->add_flag("--since-last", since_last,
                             "Only the articles stored since the last such batch (OUT/kabar-export.state)");
  auto* every_opt = export_gdelt_cmd->add_option(
      "--every", every, "Keep going: a --since-last batch at every boundary of this interval (15m, as GDELT; 30s, 1h)");
  export_gdelt_cmd->add_option("--batches", batches, "With --every: stop after this many batches (0: never)")
      ->check(CLI::Range(0, 1000000));
  every_opt->excludes(export_gdelt_cmd->get_option("--at"));
  std::string jsonl_out;
  auto* export_jsonl_cmd = export_cmd->add_subcommand("jsonl", "The deduplicated events, one JSON line per cluster");
  export_jsonl_cmd->add_option("--db", db_path, "SQLite database file");
  export_jsonl_cmd->add_option("-o,--output", jsonl_out, "Write to FILE (renamed into place only when complete)");

  auto* dict = app.add_subcommand("dict", "Check the dictionaries or print their size");
  add_common(dict);
  std::string convert_out, convert_lang = "en";
  dict->add_option("action", dict_action, "check | stats | convert")->required()->check(CLI::IsMember({"check", "stats", "convert"}));
  dict->add_option("-o,--output", convert_out, "convert: the data folder to write (lexicon/<lang>/<kind>/*.txt)");
  dict->add_option("--to-lang", convert_lang, "convert: the language folder to write into (default en)");
  dict->add_flag("--all-warnings", common.all_warnings, "List every peer-dictionary line skipped, not the first five");

  std::string serve_host = "127.0.0.1";
  int serve_port = 8080;
  auto* serve = app.add_subcommand("serve", "A read-only JSON API over a store (docs/openapi.yaml)");
  serve->add_option("--db", db_path, db_help);
  serve->add_option("--host", serve_host, "Address to listen on (default 127.0.0.1; 0.0.0.0 for every interface)");
  serve->add_option("--port", serve_port, "Port (0: any free port, printed on stderr)")->check(CLI::Range(0, 65535));
  serve->add_flag("--skip-unavailable-shards", skip_shards, skip_help);
  std::string web_dir;
  serve->add_option("--web", web_dir, "The dashboard's folder (default: $KABAR_WEB or the one built; none: API only)");

  std::vector<std::string> ch_servers;
  std::string ch_cluster;
  auto* clickhouse_cmd = app.add_subcommand("clickhouse", "Prepare a ClickHouse server or cluster for --sink");
  clickhouse_cmd->require_subcommand(1);
  auto* ch_init = clickhouse_cmd->add_subcommand(
      "init", "Create kabar's tables on each server (with --cluster: on every shard, plus Distributed tables)");
  ch_init->add_option("servers", ch_servers, "clickhouse://USER:PASSWORD@HOST:PORT/DB of each server")->required();
  ch_init->add_option("--cluster", ch_cluster, "The cluster's name in the servers' remote_servers");

  std::string geo_name, geo_cue, geo_format = "table";
  std::vector<std::string> geo_near;
  size_t geo_limit = 20;
  auto* geo = app.add_subcommand("geo", "Print the gazetteer's candidates for a place name, best first, with scores");
  geo->add_option("name", geo_name, "A place name as written (Paris, Jawa Barat, Den Haag)")->required();
  geo->add_option("--near", geo_near, "ISO2 countries the text already names (context for the scores)");
  geo->add_option("--cue", geo_cue, "What the text says it is")->check(CLI::IsMember({"city", "adm1", "country"}));
  geo->add_option("--format", geo_format, "Output")->check(CLI::IsMember({"table", "json"}));
  geo->add_option("--limit", geo_limit, "At most N candidates (0 = all)");
  geo->add_option("--gazetteer", common.gazetteer, "Gazetteer file (default: $KABAR_GAZETTEER or the built one)");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int rc = app.exit(e);
    return rc == 0 ? kExitOk : kExitUsage;
  }
  if (!common.shard.empty() && !parse_shard(common.shard)) {
    fmt::print(stderr, "kabar: --shard must be I/N with 1 <= I <= N <= 4096, got \"{}\"\n", common.shard);
    return kExitUsage;
  }
  if (code->parsed()) return run_code(common, inputs, format, out_path, keep_suppressed, stats, jobs);
  if (explain->parsed()) return run_explain(common, sentence, keep_suppressed);
  if (ingest->parsed() && !follow_dir.empty())
    return run_follow(common, follow_dir, db_path, sink, jobs, poll_s, idle_exit_s);
  if (ingest->parsed() && inputs.empty()) {
    fmt::print(stderr, "kabar: ingest needs inputs or --follow DIR\n");
    return kExitUsage;
  }
  if (ingest->parsed()) return run_ingest(common, inputs, db_path, sink, jobs);
  if (query->parsed())
    return q_clusters ? run_clusters(db_path, q.limit) : run_query(db_path, skip_shards, q, q_from, q_to, q_format);
  if (stats_cmd->parsed()) return run_stats(db_path, skip_shards, stat_groups);
  if (ch_init->parsed()) return run_clickhouse_init(ch_servers, ch_cluster);
  if (serve->parsed()) return run_serve(db_path, skip_shards, serve_host, serve_port, web_dir);
  if (eval->parsed()) return run_eval(common, gold_path, actors_mode, report_path);
  if (eval_ner->parsed()) return run_eval_ner(common, ner_path);
  if (eval_places->parsed()) return run_eval_places(common, places_path, places_limit);
  if (eval_html->parsed()) return run_eval_html(html_dir, html_baseline, html_warc, html_output);
  if (export_gdelt_cmd->parsed())
    return run_export_gdelt(common, db_path, out_dir, export_at, url_prefix, since_last, every, batches);
  if (export_jsonl_cmd->parsed()) return run_export_jsonl(db_path, jsonl_out);
  if (dict->parsed()) return run_dict(common, dict_action, convert_out, convert_lang);
  if (geo->parsed()) return run_geo(common, geo_name, geo_near, geo_cue, geo_format, geo_limit);
  return kExitUsage;
}
