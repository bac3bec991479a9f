// kabar/html.h — the article in a web page: main-content extraction.
//
// A page is parsed with a real HTML5 parser (gumbo, from Debian), so broken
// markup is repaired the way browsers repair it. Then:
//   * metadata: title (og:title, JSON-LD headline, <title>), publication date
//     (article:published_time and similar meta tags, JSON-LD datePublished,
//     <time datetime>), author (meta, JSON-LD), language (<html lang>),
//     canonical URL;
//   * boilerplate removed before scoring: scripts, styles, navigation,
//     headers and footers of the page, forms, asides, hidden elements, and
//     elements whose class, id or role say share/comment/related/menu/ad…
//     ("Baca juga" boxes included);
//   * the body: paragraphs are scored by length and commas and their score
//     flows to their ancestors (as Readability does); the best container,
//     with siblings that score close to it, is the article; its blocks with
//     mostly link text, or that repeat the title, are dropped.
// Pure functions; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kabar/date.h"
#include "kabar/status.h"

namespace kabar {

struct HtmlArticle {
  std::string title;
  std::optional<Date> date;   // publication date, when the page states one
  std::string author;
  std::string lang;           // from <html lang>, lower case, primary subtag ("id", "en")
  std::string canonical_url;
  std::vector<std::string> paragraphs;  // the body, block by block, whitespace collapsed
  std::string text() const;             // paragraphs joined by blank lines
};

// Extracts the article from one page. The bytes are UTF-8, or in the charset
// the page declares (converted through ICU). Never fails on bad markup; an
// error only when the bytes cannot be decoded at all.
StatusOr<HtmlArticle> extract_html(std::string_view html);

// The article-extraction benchmark's score of one page (4-word shingles of
// \w+ tokens; counts normalised per page): fills tp, fp, fn.
struct ShingleScore {
  double tp = 0, fp = 0, fn = 0;
};
ShingleScore shingle_score(std::string_view truth, std::string_view predicted);
// Precision averaged over pages with a prediction, recall over pages with a
// truth, F1 their harmonic mean (as the benchmark reports).
struct ShingleSummary {
  double precision = 0, recall = 0, f1 = 0;
  size_t pages = 0;
};
ShingleSummary summarize_shingles(const std::vector<ShingleScore>& pages);

}  // namespace kabar
