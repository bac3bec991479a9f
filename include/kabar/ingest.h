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
#include <string>
#include <string_view>
#include <vector>

#include "kabar/article.h"
#include "kabar/status.h"

namespace kabar {

struct IngestOptions {
  // Applies to articles that state no date of their own (text files, JSONL
  // records without "date"); the date found in a text's body still wins.
  std::optional<Date> default_date;
  std::string default_lang;  // "id", "en" or empty
  // Called as input is consumed: bytes of the inputs read so far and their
  // total size (0 when unknown: stdin). For progress bars; may be empty.
  std::function<void(uint64_t done, uint64_t total)> on_progress;
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

// Returns the byte offset of the first invalid UTF-8 sequence, or npos.
size_t find_invalid_utf8(std::string_view bytes);

}  // namespace kabar
