// kabar/ingest.h — readers that turn files, directories and stdin into Articles.
//
// Formats: plain-text articles (one per file), JSON Lines
// ({"id","url","source","date","lang","title","text"} per line) and web pages
// (.html, .htm: main content extracted, kabar/html.h). Any of them may be
// gzip- or zstd-compressed (.gz, .zst; recognised by their magic numbers);
// stdin is sniffed the same way. A directory is walked recursively in byte
// order of path names, so output order is stable.
// A bad record costs only that record: the reader reports it through
// `on_problem` with the input and line, and goes on.
//
// Not thread-safe per call; separate calls are independent.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kabar/article.h"
#include "kabar/status.h"

namespace kabar {

// One worker's deterministic share of the articles (`--shard I/N`): an
// article belongs to share shard_of(article id, N), so N workers, each given
// one share of the same inputs, read every article exactly once between
// them with no coordination. The hash (FNV-1a, 64-bit, of the id's bytes)
// is fixed: shares do not change between machines or kabar versions.
struct Shard {
  uint32_t index = 0;  // 0-based here; written 1-based on the command line ("1/4" … "4/4")
  uint32_t count = 1;  // 1: every article
};
uint32_t shard_of(std::string_view article_id, uint32_t count);
// "I/N" with 1 <= I <= N <= 4096; nullopt for anything else.
std::optional<Shard> parse_shard(std::string_view text);

struct IngestOptions {
  // Applies to articles that state no date of their own (text files, JSONL
  // records without "date"); the date found in a text's body still wins.
  std::optional<Date> default_date;
  std::string default_lang;  // "id", "en" or empty
  // Called as input is consumed: bytes of the inputs read so far and their
  // total size (0 when unknown: stdin). For progress bars; may be empty.
  std::function<void(uint64_t done, uint64_t total)> on_progress;
  // Only this share of the articles reaches on_article (the others are read
  // and dropped silently).
  Shard shard;
};

struct IngestProblem {
  Status status;     // message names input and position
  bool record_lost;  // true: the record was skipped; false: a warning only
};

using ArticleSink = std::function<void(Article&&)>;
using ProblemSink = std::function<void(const IngestProblem&)>;

// Reads every input in order. Returns an error only when an input cannot be
// opened at all (missing file, unreadable directory); that input is also
// reported to on_problem and the remaining inputs are still read.
// Returns the number of inputs that failed to open.
int read_inputs(const std::vector<std::string>& inputs, const IngestOptions& options,
                const ArticleSink& on_article, const ProblemSink& on_problem);

// The complete lines of a JSON Lines file from byte `from.bytes` on (after
// `from.lines` lines), up to its last newline, each read as read_inputs reads
// one (the share included); returns how far it got. For files that grow
// (kabar/follow.h): a line without its newline is left for later.
struct JsonlTail {
  uint64_t bytes = 0, lines = 0;
};
JsonlTail read_jsonl_tail(const std::string& path, JsonlTail from, const IngestOptions& options,
                          const ArticleSink& on_article, const ProblemSink& on_problem);

// Parses one JSON Lines record. `origin` names it in messages ("f.jsonl:3").
StatusOr<Article> parse_jsonl_record(std::string_view line, const std::string& origin,
                                     const IngestOptions& options);

// Builds an Article from a web page (kabar/html.h): its main content as the
// text, its title, date, language and canonical URL; an error when the page
// holds no article text.
StatusOr<Article> html_article(std::string_view html, const std::string& path, const IngestOptions& options);

// Builds an Article from a plain-text file's bytes; the id is the file name
// without directory and extension.
StatusOr<Article> text_article(std::string bytes, const std::string& path,
                               const IngestOptions& options);

// Whether a directory walk reads this file (by its extension, through .gz
// and .zst), and whether it is plain JSON Lines (uncompressed), which may be
// read on as lines are appended (kabar/follow.h).
bool is_article_file_name(const std::string& path);
bool is_plain_jsonl_file_name(const std::string& path);

// Returns the byte offset of the first invalid UTF-8 sequence, or npos.
size_t find_invalid_utf8(std::string_view bytes);

}  // namespace kabar
