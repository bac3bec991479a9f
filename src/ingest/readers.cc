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
#include <sstream>

#include <fmt/format.h>
#include <simdjson.h>

#include "kabar/ingest.h"
#include "kabar/html.h"
#include "kabar/warc.h"
#include "util/compress.h"

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

bool is_article_file(const fs::path& p) {
  return content_extension(p) == ".txt" || has_jsonl_extension(p) || has_html_extension(p) || has_warc_extension(p);
}

// Every HTML or plain-text document of a web archive becomes an article:
// id and URL the record's target URI, date the page's own, else the crawl's.
void read_warc_bytes(std::string_view bytes, const std::string& path, const IngestOptions& options,
                     const ArticleSink& on_article, const ProblemSink& on_problem) {
  auto st = read_warc_documents(
      bytes, path,
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

void read_jsonl_stream(std::istream& in, const std::string& name, const IngestOptions& options,
                       const ArticleSink& on_article, const ProblemSink& on_problem,
                       ProgressState* progress = nullptr) {
  std::string line;
  size_t line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    report_progress(options, progress, line.size() + 1);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos) continue;
    std::string origin = fmt::format("{}:{}", name, line_no);
    auto article = parse_jsonl_record(line, origin, options);
    if (!article.ok()) {
      on_problem({article.status(), true});
      continue;
    }
    if (!article->date_problem.empty()) on_problem({Status(ErrorCode::kParse, article->date_problem), false});
    on_article(std::move(article).value());
  }
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
  const std::string ext = fs::path(path).extension().string();
  if (has_warc_extension(path)) {
    auto raw = read_file(path);
    if (!raw.ok()) {
      on_problem({raw.status(), true});
      return false;
    }
    read_warc_bytes(*raw, path, options, on_article, on_problem);
    return true;
  }
  if (ext == ".gz" || ext == ".zst" || ext == ".zstd" || has_html_extension(path)) {
    auto raw = read_file(path);
    if (!raw.ok()) {
      on_problem({raw.status(), true});
      return false;
    }
    auto bytes = decompressed(std::move(raw).value(), path);
    if (!bytes.ok()) {
      // A truncated archive: what came before the damage is lost with it,
      // and the message says where it broke.
      on_problem({bytes.status(), true});
      return true;
    }
    if (has_jsonl_extension(path)) {
      std::istringstream in(std::move(bytes).value());
      read_jsonl_stream(in, path, options, on_article, on_problem);
    } else if (has_html_extension(path)) {
      read_html_bytes(std::move(bytes).value(), path, options, on_article, on_problem);
    } else {
      read_text_bytes(std::move(bytes).value(), path, options, on_article, on_problem);
    }
    return true;
  }
  if (has_jsonl_extension(path)) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      on_problem({Status(ErrorCode::kNotFound, fmt::format("{}: cannot open", path)), true});
      return false;
    }
    read_jsonl_stream(in, path, options, on_article, on_problem, progress);
    return true;
  }
  auto bytes = read_file(path);
  if (!bytes.ok()) {
    on_problem({bytes.status(), true});
    return false;
  }
  read_text_bytes(std::move(bytes).value(), path, options, on_article, on_problem);
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

int read_inputs(const std::vector<std::string>& inputs, const IngestOptions& options,
                const ArticleSink& on_article, const ProblemSink& on_problem) {
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
      std::string raw((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
      auto decoded = decompressed(raw, "<stdin>");
      if (decoded.ok() && decoded->compare(0, 5, "WARC/") == 0) {
        read_warc_bytes(raw, "<stdin>", options, on_article, on_problem);
        continue;
      }
      if (!decoded.ok()) {
        on_problem({decoded.status(), true});
        continue;
      }
      std::string bytes = std::move(decoded).value();
      size_t first = bytes.find_first_not_of(" \t\r\n");
      if (first != std::string::npos && bytes[first] == '{') {
        std::istringstream in(bytes);
        read_jsonl_stream(in, "<stdin>", options, on_article, on_problem);
      } else if (first != std::string::npos && bytes[first] == '<') {
        read_html_bytes(std::move(bytes), "-", options, on_article, on_problem);
      } else {
        read_text_bytes(std::move(bytes), "-", options, on_article, on_problem);
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
