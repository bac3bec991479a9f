// kabar/article.h — the unit of input: one news article, as read.
#pragma once

#include <optional>
#include <string>

#include "kabar/date.h"

namespace kabar {

struct Article {
  std::string id;       // text file: its name without extension; JSONL: "id"
  std::string url;
  std::string source;   // outlet, as given ("Kompas TV", "Reuters")
  std::string lang;     // "id", "en", or empty when unknown (guessed later)
  std::string title;    // empty when the input has none (text files: found by clean)
  std::optional<Date> date;  // publication date when the input states it
  std::string text;     // the article's bytes, valid UTF-8; every Span points here
  std::string origin;   // where it came from, for messages: "dir/a.txt", "in.jsonl:12"
  std::string date_problem;  // non-empty when the input's date could not be read (a warning)
};

}  // namespace kabar
