// Readers for plain-text and JSON Lines articles.
//
// Text files are read whole; JSON Lines are read line by line and each line is
// parsed on its own with simdjson's On-Demand API, so one malformed line costs
// one record. Paths are reported exactly as the user gave them.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>

#include <fmt/format.h>
#include <simdjson.h>

#include "kabar/ingest.h"

#include "kabar/hash.h"
#include "kabar/html.h"
#include "kabar/warc.h"
#include "util/compress.h"
#include "util/stream.h"

namespace kabar {
namespace fs = std::filesystem;

namespace {

// The extension that says what the content is, under a compression one
// ("a.jsonl.gz" → ".jsonl").
std::string content_extension(const fs::path& p) {
  auto ext = p.extension().string();
  for (auto& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (ext == ".gz" || ext == ".zst" || ext == ".zstd") return content_extension(p.stem());
  return ext;
}

bool has_jsonl_extension(const fs::path& p) {
  auto ext = content_extension(p);
  return ext == ".jsonl" || ext == ".ndjson" || ext == ".json";
}

bool has_html_extension(const fs::path& p) {
  auto ext = content_extension(p);
  return ext == ".html" || ext == ".htm" || ext == ".xhtml";
}

bool has_warc_extension(const fs::path& p) { return content_extension(p) == ".warc"; }
bool has_csv_extension(const fs::path& p) { return content_extension(p) == ".csv"; }

bool is_article_file(const fs::path& p) {
  return content_extension(p) == ".txt" || has_jsonl_extension(p) || has_html_extension(p) || has_warc_extension(p) ||
         has_csv_extension(p);
}

Status check_utf8(std::string_view bytes, const std::string& origin);

// --- CSV (RFC 4180: quoted fields may hold commas, quotes as "" and newlines) --

// The columns kabar reads, by the header names news datasets use for them
// (English and Indonesian), compared case-insensitively.
struct CsvColumns {
  int text = -1, title = -1, url = -1, date = -1, id = -1, lang = -1, source = -1;
};

CsvColumns csv_columns(const std::vector<std::string>& header) {
  static const std::pair<const char*, int CsvColumns::*> kNames[] = {
      {"text", &CsvColumns::text},         {"content", &CsvColumns::text},     {"body", &CsvColumns::text},
      {"article", &CsvColumns::text},      {"isi", &CsvColumns::text},         {"isi_berita", &CsvColumns::text},
      {"konten", &CsvColumns::text},       {"artikel", &CsvColumns::text},     {"berita", &CsvColumns::text},
      {"title", &CsvColumns::title},       {"headline", &CsvColumns::title},   {"judul", &CsvColumns::title},
      {"url", &CsvColumns::url},           {"link", &CsvColumns::url},         {"tautan", &CsvColumns::url},
      {"date", &CsvColumns::date},         {"published", &CsvColumns::date},   {"published_at", &CsvColumns::date},
      {"publish_date", &CsvColumns::date}, {"tanggal", &CsvColumns::date},     {"datetime", &CsvColumns::date},
      {"id", &CsvColumns::id},             {"article_id", &CsvColumns::id},    {"doc_id", &CsvColumns::id},
      {"lang", &CsvColumns::lang},         {"language", &CsvColumns::lang},    {"bahasa", &CsvColumns::lang},
      {"source", &CsvColumns::source},     {"outlet", &CsvColumns::source},    {"media", &CsvColumns::source}};
  CsvColumns c;
  for (size_t i = 0; i < header.size(); ++i) {
    std::string h = header[i];
    for (auto& ch : h) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    while (!h.empty() && (h.back() == ' ' || h.back() == '\r')) h.pop_back();
    if (i == 0 && h.compare(0, 3, "\xef\xbb\xbf") == 0) h = h.substr(3);  // a byte-order mark
    for (const auto& [name, member] : kNames)
      if (h == name && c.*member < 0) c.*member = static_cast<int>(i);
  }
  return c;
}

// One record from `pos`; false at the end. `line` counts physical lines.
// A quote left open at the end of the file is an error for that record.
bool csv_record(std::string_view s, size_t& pos, size_t& line, std::vector<std::string>& fields, bool& unterminated) {
  fields.clear();
  unterminated = false;
  if (pos >= s.size()) return false;
  std::string field;
  bool quoted = false, at_start = true;
  while (pos < s.size()) {
    char c = s[pos++];
    if (quoted) {
      if (c == '"') {
        if (pos < s.size() && s[pos] == '"') { field += '"'; ++pos; }
        else quoted = false;
      } else {
        if (c == '\n') ++line;
        field += c;
      }
      continue;
    }
    if (c == '"' && at_start) { quoted = true; at_start = false; continue; }
    if (c == ',') { fields.push_back(std::move(field)); field.clear(); at_start = true; continue; }
    if (c == '\n' || c == '\r') {
      if (c == '\r' && pos < s.size() && s[pos] == '\n') ++pos;
      ++line;
      fields.push_back(std::move(field));
      return true;
    }
    field += c;
    at_start = false;
  }
  unterminated = quoted;
  fields.push_back(std::move(field));
  return true;
}

// The records of a CSV file after its header, handed over one at a time.
class CsvArticles {
 public:
  CsvArticles(const std::string& path, const IngestOptions& options, const ArticleSink& on_article,
              const ProblemSink& on_problem)
      : path_(path), options_(options), on_article_(on_article), on_problem_(on_problem) {}

  // Parses the complete records in `chunk` (whose first line is physical line
  // `first_line`); false once reading must stop (no text column, a quote never
  // closed).
  bool feed(std::string_view chunk, size_t first_line) {
    size_t pos = 0, line = first_line;
    bool unterminated = false;
    while (true) {
      const size_t start_line = line;
      if (!csv_record(chunk, pos, line, fields_, unterminated)) return true;
      if (!have_header_) {
        if (!read_header()) return false;
        continue;
      }
      if (!record(start_line, unterminated)) return false;
    }
  }
  // At the end of the input: an empty file is an error.
  void finish() {
    if (!have_header_ && !stopped_) on_problem_({Status(ErrorCode::kParse, fmt::format("{}: empty CSV file", path_)), true});
  }

 private:
  bool read_header() {
    header_ = fields_;
    have_header_ = true;
    col_ = csv_columns(header_);
    if (col_.text >= 0) return true;
    on_problem_({Status(ErrorCode::kParse, fmt::format("{}:1: no text column (one of text, content, body, article, "
                                                       "isi, isi_berita, konten, artikel, berita)", path_)),
                 true});
    stopped_ = true;
    return false;
  }

  bool record(size_t start_line, bool unterminated) {
    const std::string origin = fmt::format("{}:{}", path_, start_line);
    if (fields_.size() == 1 && fields_[0].empty()) return true;  // a blank line
    if (unterminated) {
      on_problem_({Status(ErrorCode::kParse, fmt::format("{}: a quoted field is never closed", origin)), true});
      stopped_ = true;
      return false;
    }
    if (fields_.size() != header_.size()) {
      on_problem_({Status(ErrorCode::kParse, fmt::format("{}: {} fields where the header has {}", origin,
                                                         fields_.size(), header_.size())),
                   true});
      return true;
    }
    auto field = [&](int i) -> std::string { return i >= 0 ? fields_[static_cast<size_t>(i)] : std::string(); };
    Article a;
    a.text = field(col_.text);
    if (Status st = check_utf8(a.text, origin); !st.ok()) {
      on_problem_({st, true});
      return true;
    }
    if (a.text.find_first_not_of(" \t\r\n") == std::string::npos) {
      on_problem_({Status(ErrorCode::kParse, fmt::format("{}: empty text", origin)), true});
      return true;
    }
    a.id = field(col_.id).empty() ? origin : field(col_.id);
    a.title = field(col_.title);
    a.url = field(col_.url);
    a.source = field(col_.source);
    a.lang = field(col_.lang).empty() ? options_.default_lang : field(col_.lang);
    a.origin = origin;
    const std::string date = field(col_.date);
    if (!date.empty()) {
      a.date = Date::parse_loose(date);
      if (!a.date)
        on_problem_({Status(ErrorCode::kParse,
                            fmt::format("{}: unreadable date \"{}\": using the date in the text", origin, date)),
                     false});
    } else {
      a.date = options_.default_date;
    }
    on_article_(std::move(a));
    return true;
  }

  const std::string& path_;
  const IngestOptions& options_;
  const ArticleSink& on_article_;
  const ProblemSink& on_problem_;
  std::vector<std::string> header_, fields_;
  CsvColumns col_;
  bool have_header_ = false, stopped_ = false;
};

// Streamed: physical lines are gathered until no quoted field is left open
// (the state machine of csv_record, run over each new line once), then that
// record is parsed. Memory stays at one record whatever the file's size.
void read_csv_from(LineReader& reader, ByteStream& in, const std::string& path, const IngestOptions& options,
                   const ArticleSink& on_article, const ProblemSink& on_problem, const std::function<void()>& tick) {
  CsvArticles articles(path, options, on_article, on_problem);
  std::string line, record;
  size_t line_no = 0, record_line = 1;
  bool quoted = false, at_start = true, stopped = false;
  while (!stopped && reader.getline(line)) {
    ++line_no;
    tick();
    if (!reader.last_line_complete() && !in.status().ok()) break;  // a truncated archive's last piece
    if (record.empty()) record_line = line_no;
    for (size_t k = 0; k < line.size(); ++k) {
      const char c = line[k];
      if (quoted) {
        if (c == '"') {
          if (k + 1 < line.size() && line[k + 1] == '"') ++k;
          else quoted = false;
        }
      } else if (c == '"' && at_start) {
        quoted = true;
        at_start = false;
      } else {
        at_start = c == ',' || c == '\r';  // an unquoted CR ends a record too
      }
    }
    record += line;
    if (reader.last_line_complete()) record += '\n';
    if (quoted) continue;  // the newline belongs to a quoted field
    stopped = !articles.feed(record, record_line);
    record.clear();
    at_start = true;
  }
  if (!record.empty() && !stopped) articles.feed(record, record_line);  // a quote left open at the end
  articles.finish();
  if (!in.status().ok()) on_problem({in.status(), true});
}

// Every HTML or plain-text document of a web archive becomes an article:
// id and URL the record's target URI, date the page's own, else the crawl's.
void read_warc_from(LineReader& reader, ByteStream& in, const std::string& path, const IngestOptions& options,
                    const ArticleSink& on_article, const ProblemSink& on_problem, const std::function<void()>& tick) {
  auto st = read_warc_lines(
      reader, in, path,
      [&](WarcDocument&& doc) {
        const std::string origin = fmt::format("{} <{}>", path, doc.uri);
        StatusOr<Article> a = Status(ErrorCode::kParse, "");
        if (doc.content_type == "text/html" || doc.content_type == "application/xhtml+xml" || doc.content_type.empty()) {
          a = html_article(doc.body, origin, options);
        } else if (doc.content_type == "text/plain") {
          a = text_article(std::move(doc.body), origin, options);
        } else {
          return;  // images, scripts, robots.txt: not articles
        }
        if (!a.ok()) {
          on_problem({a.status(), false});  // a page with no article in it is not a lost record
          return;
        }
        a->id = doc.uri.empty() ? doc.record_id : doc.uri;
        if (a->url.empty()) a->url = doc.uri;
        a->origin = origin;
        if (!a->date || a->date == options.default_date)
          if (auto d = Date::parse_iso(std::string_view(doc.date).substr(0, 10))) a->date = d;
        on_article(std::move(a).value());
        tick();
      },
      [&](const Status& problem) { on_problem({problem, true}); });
  if (!st.ok()) on_problem({st, true});
}

// Bytes as stored, decompressed when they start with a gzip or zstd magic
// number (whatever the file is called).
StatusOr<std::string> decompressed(std::string bytes, const std::string& name) {
  switch (sniff_compression(bytes)) {
    case Compression::kGzip: return gunzip(bytes, name);
    case Compression::kZstd: return unzstd(bytes, name);
    case Compression::kNone: return bytes;
  }
  return bytes;
}

std::string without_extensions(const std::string& path) {
  fs::path p(path);
  auto ext = p.extension().string();
  if (ext == ".gz" || ext == ".zst" || ext == ".zstd") p = p.stem();
  return p.stem().string();
}

StatusOr<std::string> read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status(ErrorCode::kNotFound, fmt::format("{}: cannot open", path));
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) return Status(ErrorCode::kIo, fmt::format("{}: read failed", path));
  return bytes;
}

Status check_utf8(std::string_view bytes, const std::string& origin) {
  size_t bad = find_invalid_utf8(bytes);
  if (bad == std::string_view::npos) return Status::Ok();
  // Report line and byte so the user can find it with an editor or `dd`.
  size_t line = 1 + static_cast<size_t>(std::count(bytes.begin(), bytes.begin() + bad, '\n'));
  return Status(ErrorCode::kInvalidUtf8,
                fmt::format("{}: invalid UTF-8 at byte {} (line {})", origin, bad, line));
}

// Bytes of the inputs consumed so far, reported through on_progress.
struct ProgressState {
  uint64_t done = 0, total = 0;
};

void report_progress(const IngestOptions& options, ProgressState* progress, uint64_t advance) {
  if (!progress || !options.on_progress) return;
  progress->done += advance;
  options.on_progress(progress->done, progress->total);
}

// JSON Lines from a (decompressing) stream, one line in memory at a time.
// One JSON Lines line (number `line_no` of `name`): blank lines are skipped,
// a bad record is reported and lost alone.
void read_jsonl_line(std::string_view line, const std::string& name, uint64_t line_no, const IngestOptions& options,
                     const ArticleSink& on_article, const ProblemSink& on_problem) {
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  if (line.find_first_not_of(" \t") == std::string_view::npos) return;
  auto article = parse_jsonl_record(line, fmt::format("{}:{}", name, line_no), options);
  if (!article.ok()) {
    on_problem({article.status(), true});
    return;
  }
  if (!article->date_problem.empty()) on_problem({Status(ErrorCode::kParse, article->date_problem), false});
  on_article(std::move(article).value());
}

void read_jsonl_from(LineReader& reader, ByteStream& in, const std::string& name, const IngestOptions& options,
                     const ArticleSink& on_article, const ProblemSink& on_problem, const std::function<void()>& tick) {
  std::string line;
  size_t line_no = 0;
  while (reader.getline(line)) {
    ++line_no;
    tick();
    // The piece of a line a truncated file ends in: its error says so below.
    if (!reader.last_line_complete() && !in.status().ok()) break;
    read_jsonl_line(line, name, line_no, options, on_article, on_problem);
  }
  // A truncated or corrupt compressed file: the lines before it were read.
  if (!in.status().ok()) on_problem({in.status(), true});
}

void read_html_bytes(std::string bytes, const std::string& path, const IngestOptions& options,
                     const ArticleSink& on_article, const ProblemSink& on_problem) {
  auto article = html_article(bytes, path, options);
  if (!article.ok()) {
    on_problem({article.status(), true});
    return;
  }
  on_article(std::move(article).value());
}

void read_text_bytes(std::string bytes, const std::string& path, const IngestOptions& options,
                     const ArticleSink& on_article, const ProblemSink& on_problem) {
  auto article = text_article(std::move(bytes), path, options);
  if (!article.ok()) {
    on_problem({article.status(), true});
    return;
  }
  on_article(std::move(article).value());
}

// Returns false when the path could not be opened.
// A file read whole counts as consumed when it is done; a plain JSON Lines
// file, streamed, line by line.
bool read_one_file(const std::string& path, const IngestOptions& options, const ArticleSink& on_article,
                   const ProblemSink& on_problem, ProgressState* progress = nullptr) {
  if (has_warc_extension(path) || has_jsonl_extension(path) || has_csv_extension(path)) {
    // Streamed: memory stays at one line or record, compressed or not.
    auto in = open_stream(path);
    if (!in.ok()) {
      on_problem({in.status(), true});
      return false;
    }
    uint64_t reported = 0;
    auto tick = [&, stream = in->get()]() {
      const uint64_t raw = stream->raw_bytes();
      if (raw > reported) {
        report_progress(options, progress, raw - reported);
        reported = raw;
      }
    };
    LineReader reader(**in);
    if (has_warc_extension(path)) read_warc_from(reader, **in, path, options, on_article, on_problem, tick);
    else if (has_csv_extension(path)) read_csv_from(reader, **in, path, options, on_article, on_problem, tick);
    else read_jsonl_from(reader, **in, path, options, on_article, on_problem, tick);
    return true;
  }
  // A text or HTML file is one article: read whole (decompressed when compressed).
  auto raw = read_file(path);
  if (!raw.ok()) {
    on_problem({raw.status(), true});
    return false;
  }
  auto bytes = decompressed(std::move(raw).value(), path);
  if (!bytes.ok()) {
    // A damaged compressed file: the message says where it broke.
    on_problem({bytes.status(), true});
    return true;
  }
  if (has_html_extension(path)) read_html_bytes(std::move(bytes).value(), path, options, on_article, on_problem);
  else read_text_bytes(std::move(bytes).value(), path, options, on_article, on_problem);
  return true;
}

}  // namespace

StatusOr<Article> html_article(std::string_view html, const std::string& path, const IngestOptions& options) {
  auto page = extract_html(html);
  if (!page.ok()) return Status(page.status().code(), fmt::format("{}: {}", path, page.status().message()));
  if (page->paragraphs.empty()) return Status(ErrorCode::kParse, fmt::format("{}: no article text found in the page", path));
  Article a;
  a.id = path == "-" ? "stdin" : without_extensions(path);
  a.origin = path;
  a.url = page->canonical_url;
  a.title = page->title;
  a.text = page->text();
  a.date = page->date ? page->date : options.default_date;
  a.lang = page->lang == "id" || page->lang == "en" ? page->lang : options.default_lang;
  return a;
}

StatusOr<Article> text_article(std::string bytes, const std::string& path,
                               const IngestOptions& options) {
  KABAR_RETURN_IF_ERROR(check_utf8(bytes, path));
  if (bytes.find_first_not_of(" \t\r\n") == std::string::npos)
    return Status(ErrorCode::kParse, fmt::format("{}: empty article", path));
  Article a;
  a.id = path == "-" ? "stdin" : without_extensions(path);
  a.origin = path;
  a.text = std::move(bytes);
  a.date = options.default_date;
  a.lang = options.default_lang;
  return a;
}

StatusOr<Article> parse_jsonl_record(std::string_view line, const std::string& origin,
                                     const IngestOptions& options) {
  KABAR_RETURN_IF_ERROR(check_utf8(line, origin));
  simdjson::ondemand::parser parser;
  simdjson::padded_string padded(line);
  simdjson::ondemand::document doc;
  if (auto err = parser.iterate(padded).get(doc))
    return Status(ErrorCode::kParse, fmt::format("{}: malformed JSON: {}", origin,
                                                 simdjson::error_message(err)));
  simdjson::ondemand::object obj;
  if (auto err = doc.get_object().get(obj)) {
    if (err == simdjson::INCORRECT_TYPE)
      return Status(ErrorCode::kParse, fmt::format("{}: expected a JSON object", origin));
    return Status(ErrorCode::kParse, fmt::format("{}: malformed JSON: {}", origin, simdjson::error_message(err)));
  }
  Article a;
  a.origin = origin;
  a.lang = options.default_lang;
  bool has_text = false;
  std::string date_text;
  for (auto field : obj) {
    std::string_view key;
    if (auto err = field.unescaped_key().get(key))
      return Status(ErrorCode::kParse, fmt::format("{}: malformed JSON key: {}", origin,
                                                   simdjson::error_message(err)));
    auto value = field.value();
    simdjson::ondemand::json_type type;
    if (auto err = value.type().get(type))
      return Status(ErrorCode::kParse, fmt::format("{}: malformed JSON value for \"{}\": {}",
                                                   origin, key, simdjson::error_message(err)));
    std::string text;
    if (type == simdjson::ondemand::json_type::string) {
      std::string_view sv;
      if (auto err = value.get_string().get(sv))
        return Status(ErrorCode::kParse, fmt::format("{}: bad string in \"{}\": {}", origin, key,
                                                     simdjson::error_message(err)));
      text = std::string(sv);
    } else if (type == simdjson::ondemand::json_type::number) {
      std::string_view raw = value.raw_json_token();
      text = std::string(raw);
      while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.pop_back();
    } else if (type == simdjson::ondemand::json_type::null) {
      continue;
    } else {
      if (key == "text" || key == "id")
        return Status(ErrorCode::kParse,
                      fmt::format("{}: field \"{}\" must be a string", origin, key));
      continue;  // unknown structured fields are allowed and ignored
    }
    if (key == "id") a.id = std::move(text);
    else if (key == "url") a.url = std::move(text);
    else if (key == "source") a.source = std::move(text);
    else if (key == "lang") a.lang = std::move(text);
    else if (key == "title") a.title = std::move(text);
    else if (key == "date") date_text = std::move(text);
    else if (key == "text") { a.text = std::move(text); has_text = true; }
  }
  if (!has_text) return Status(ErrorCode::kParse, fmt::format("{}: missing \"text\"", origin));
  if (a.text.find_first_not_of(" \t\r\n") == std::string::npos)
    return Status(ErrorCode::kParse, fmt::format("{}: empty \"text\"", origin));
  if (a.id.empty()) a.id = origin;
  if (!date_text.empty()) {
    a.date = Date::parse_loose(date_text);
    // An unreadable date costs the date, not the article: it is reported and
    // the date is then looked for in the text, as for a text file.
    if (!a.date) a.date_problem = fmt::format("{}: unreadable \"date\" \"{}\": using the date in the text", origin, date_text);
  } else {
    a.date = options.default_date;
  }
  return a;
}

bool is_article_file_name(const std::string& path) { return is_article_file(fs::path(path)); }

bool is_plain_jsonl_file_name(const std::string& path) {
  const fs::path p(path);
  return has_jsonl_extension(p) && content_extension(p) == [&] {
    auto ext = p.extension().string();
    for (auto& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return ext;
  }();
}

uint32_t shard_of(std::string_view article_id, uint32_t count) {
  return count ? static_cast<uint32_t>(fnv1a64(article_id) % count) : 0;
}

std::optional<Shard> parse_shard(std::string_view text) {
  const size_t slash = text.find('/');
  if (slash == std::string_view::npos) return std::nullopt;
  auto number = [](std::string_view s) -> std::optional<uint32_t> {
    if (s.empty() || s.size() > 4) return std::nullopt;
    uint32_t v = 0;
    for (char c : s) {
      if (c < '0' || c > '9') return std::nullopt;
      v = v * 10 + static_cast<uint32_t>(c - '0');
    }
    return v;
  };
  auto i = number(text.substr(0, slash)), n = number(text.substr(slash + 1));
  if (!i || !n || *n < 1 || *n > 4096 || *i < 1 || *i > *n) return std::nullopt;
  return Shard{*i - 1, *n};
}

// The sink that lets only the worker's share through (IngestOptions::shard).
ArticleSink share_of(const IngestOptions& options, const ArticleSink& all_articles) {
  if (options.shard.count <= 1) return all_articles;
  return [&options, &all_articles](Article&& a) {
    if (shard_of(a.id, options.shard.count) == options.shard.index) all_articles(std::move(a));
  };
}

JsonlTail read_jsonl_tail(const std::string& path, JsonlTail from, const IngestOptions& options,
                          const ArticleSink& all_articles, const ProblemSink& on_problem) {
  const ArticleSink on_article = share_of(options, all_articles);
  std::ifstream in(path, std::ios::binary);
  in.seekg(static_cast<std::streamoff>(from.bytes));
  // A piece at a time (memory stays bounded whatever was appended), each cut
  // after its last newline; a line longer than the piece grows it.
  size_t piece = size_t{1} << 22;
  std::string chunk;
  while (in) {
    chunk.resize(piece);
    in.read(chunk.data(), static_cast<std::streamsize>(chunk.size()));
    chunk.resize(static_cast<size_t>(in.gcount()));
    const size_t last_newline = chunk.rfind('\n');
    if (last_newline == std::string::npos) {
      if (chunk.size() < piece) break;  // the end: no complete line yet
      piece *= 2;
      in.clear();
      in.seekg(static_cast<std::streamoff>(from.bytes));
      continue;
    }
    for (size_t pos = 0; pos <= last_newline;) {
      const size_t end = chunk.find('\n', pos);
      read_jsonl_line(std::string_view(chunk).substr(pos, end - pos), path, ++from.lines, options, on_article,
                      on_problem);
      pos = end + 1;
    }
    from.bytes += last_newline + 1;
    in.clear();
    in.seekg(static_cast<std::streamoff>(from.bytes));
  }
  return from;
}

int read_inputs(const std::vector<std::string>& inputs, const IngestOptions& options,
                const ArticleSink& all_articles, const ProblemSink& on_problem) {
  const ArticleSink on_article = share_of(options, all_articles);
  int failed = 0;
  ProgressState progress;
  if (options.on_progress) {
    // The total is known up front for files and directories; stdin adds none.
    std::error_code ec;
    for (const auto& input : inputs) {
      if (input == "-") continue;
      if (fs::is_directory(input, ec)) {
        for (auto it = fs::recursive_directory_iterator(input, fs::directory_options::skip_permission_denied, ec);
             !ec && it != fs::recursive_directory_iterator(); it.increment(ec))
          if (it->is_regular_file() && is_article_file(it->path())) progress.total += it->file_size(ec);
      } else if (auto size = fs::file_size(input, ec); !ec) {
        progress.total += size;
      }
    }
  }
  auto read_file_counted = [&](const std::string& f) {
    const uint64_t before = progress.done;
    bool ok = read_one_file(f, options, on_article, on_problem, &progress);
    std::error_code ec;
    const uint64_t size = fs::file_size(f, ec);
    // Whatever streaming counted, the file is now wholly consumed.
    if (!ec && progress.done < before + size) report_progress(options, &progress, before + size - progress.done);
    return ok;
  };
  for (const auto& input : inputs) {
    if (input == "-") {
      // Streamed like a file: decompressed as it comes, the format chosen by
      // its first bytes (a WARC file, JSON Lines, a web page, else a text).
      auto in = open_stream("-");
      if (!in.ok()) {
        on_problem({in.status(), true});
        ++failed;
        continue;
      }
      LineReader reader(**in);
      const std::string_view head = reader.peek(5);
      if (head == "WARC/") {
        read_warc_from(reader, **in, "<stdin>", options, on_article, on_problem, [] {});
      } else if (!head.empty() && head[0] == '{') {
        read_jsonl_from(reader, **in, "<stdin>", options, on_article, on_problem, [] {});
      } else {
        std::string bytes;
        reader.read_rest(bytes);
        if (!(*in)->status().ok()) {
          on_problem({(*in)->status(), true});
          continue;
        }
        if (!head.empty() && head[0] == '<') read_html_bytes(std::move(bytes), "-", options, on_article, on_problem);
        else read_text_bytes(std::move(bytes), "-", options, on_article, on_problem);
      }
      continue;
    }
    std::error_code ec;
    auto status = fs::status(input, ec);
    if (ec || !fs::exists(status)) {
      on_problem({Status(ErrorCode::kNotFound, fmt::format("{}: no such file or directory", input)), true});
      ++failed;
      continue;
    }
    if (fs::is_directory(status)) {
      std::vector<std::string> files;
      fs::recursive_directory_iterator it(input, fs::directory_options::skip_permission_denied, ec);
      if (ec) {
        on_problem({Status(ErrorCode::kIo, fmt::format("{}: cannot read directory: {}", input, ec.message())), true});
        ++failed;
        continue;
      }
      for (; it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (ec) break;
        if (it->is_regular_file() && is_article_file(it->path())) files.push_back(it->path().string());
      }
      std::sort(files.begin(), files.end());
      for (const auto& f : files)
        if (!read_file_counted(f)) ++failed;
      continue;
    }
    if (!read_file_counted(input)) ++failed;
  }
  return failed;
}

}  // namespace kabar
