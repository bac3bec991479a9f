// kabar/clean.h — from an Article's bytes to the lines worth coding.
//
// Splits the article into lines (paragraphs), finds the title line of a text
// file, the dateline ("TEHERAN, KOMPAS.TV -", "JAKARTA (ANTARA) -",
// "WASHINGTON (Reuters) -", "Jakarta -"), and lines that are not story text:
// links to other stories ("Baca Juga: …"), promotions, source attributions
// ("Sumber : Straits Times/Tass") and captions, as listed in
// data/clean/boilerplate.txt. Those lines are kept as metadata and never coded.
//
// Pure and thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "kabar/article.h"
#include "kabar/lexicon.h"
#include "kabar/span.h"

namespace kabar {

enum class LineKind : uint8_t { kTitle, kBody, kRelated, kPromo, kSource, kCaption };
const char* line_kind_name(LineKind kind);

struct DocumentLine {
  Span span;             // the whole line, without its newline
  LineKind kind = LineKind::kBody;
  SourceRef rule;        // the boilerplate rule that classified it (non-body lines)
};

struct Dateline {
  Span span;             // "TEHERAN, KOMPAS.TV -" including the dash
  Span place_span;       // "TEHERAN"
  std::string place;     // as written
  std::string outlet;    // "KOMPAS.TV", "ANTARA", "Reuters"; may be empty
};

struct Document {
  std::vector<DocumentLine> lines;
  std::vector<Span> body;             // what the coder reads: body lines, dateline cut off
  std::optional<Span> title;
  std::optional<Dateline> dateline;
  std::vector<std::string> cited_sources;  // from source lines: "Straits Times", "Tass"
  std::vector<std::string> related;        // titles of linked stories
};

Document clean_article(const Article& article, const std::vector<BoilerplateRule>& rules);

// Finds a dateline at the start of `line` (a span of `text`); exposed for tests.
std::optional<Dateline> find_dateline(std::string_view text, Span line);

}  // namespace kabar
