// The article-extraction benchmark (kabar/eval.h evaluate_html).
#include <algorithm>
#include <filesystem>
#include <fstream>

#include <fmt/format.h>
#include <simdjson.h>

#include "kabar/eval.h"
#include "kabar/warc.h"
#include "util/compress.h"

namespace kabar {
namespace {

StatusOr<std::string> slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status(ErrorCode::kNotFound, fmt::format("{}: cannot open", path));
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

// id → a field of each page of a benchmark JSON file (plain, or wrapped in "output").
StatusOr<std::map<std::string, std::string>> read_bodies(const std::string& path, const char* field = "articleBody") {
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  if (auto err = parser.load(path).get(doc))
    return Status(err == simdjson::IO_ERROR ? ErrorCode::kNotFound : ErrorCode::kParse,
                  fmt::format("{}: {}", path, simdjson::error_message(err)));
  simdjson::dom::object obj;
  simdjson::dom::element wrapped;
  if (!doc["output"].get(wrapped)) doc = wrapped;
  if (doc.get(obj)) return Status(ErrorCode::kParse, fmt::format("{}: expected an object of pages", path));
  std::map<std::string, std::string> out;
  for (auto [key, value] : obj) {
    std::string_view body;
    if (value[field].get(body)) body = {};
    out[std::string(key)] = std::string(body);
  }
  return out;
}

// Scores each page's prediction against its truth and keeps the ten worst.
void score_pages(const std::map<std::string, std::string>& truth, const std::map<std::string, std::string>& predicted,
                 HtmlEvalResult& r) {
  std::vector<ShingleScore> scores;
  for (const auto& [id, body] : truth) {
    auto it = predicted.find(id);
    ShingleScore s = shingle_score(body, it == predicted.end() ? std::string_view() : std::string_view(it->second));
    scores.push_back(s);
    const double p = s.tp + s.fp > 0 ? s.tp / (s.tp + s.fp) : 0, rc = s.tp + s.fn > 0 ? s.tp / (s.tp + s.fn) : 0;
    r.worst.emplace_back(id, p + rc > 0 ? 2 * p * rc / (p + rc) : 0);
  }
  std::stable_sort(r.worst.begin(), r.worst.end(), [](const auto& a, const auto& b) { return a.second < b.second; });
  if (r.worst.size() > 10) r.worst.resize(10);
  r.pages = scores.size();
  r.summary = summarize_shingles(scores);
}

}  // namespace

StatusOr<HtmlEvalResult> evaluate_html(const std::string& dir, const std::string& baseline) {
  auto truth = read_bodies((std::filesystem::path(dir) / "ground-truth.json").string());
  if (!truth.ok()) return truth.status();
  std::map<std::string, std::string> predicted;
  HtmlEvalResult r;
  if (!baseline.empty()) {
    auto b = read_bodies(baseline);
    if (!b.ok()) return b.status();
    predicted = std::move(*b);
  }
  for (const auto& [id, body] : *truth) {
    (void)body;
    if (!baseline.empty()) {
      if (!predicted.count(id))
        return Status(ErrorCode::kParse, fmt::format("{}: no prediction for page {}", baseline, id));
      continue;
    }
    const std::string path = (std::filesystem::path(dir) / "html" / (id + ".html.gz")).string();
    auto bytes = slurp(path);
    StatusOr<std::string> html = bytes.ok() ? gunzip(*bytes, path) : StatusOr<std::string>(bytes.status());
    auto article = html.ok() ? extract_html(*html) : StatusOr<HtmlArticle>(html.status());
    if (!article.ok()) ++r.failed;
    r.predictions[id] = article.ok() ? article->text() : std::string();
  }
  score_pages(*truth, baseline.empty() ? r.predictions : predicted, r);
  return r;
}

StatusOr<HtmlEvalResult> evaluate_html_warc(const std::string& dir, const std::string& warc_path) {
  const std::string truth_path = (std::filesystem::path(dir) / "ground-truth.json").string();
  auto truth = read_bodies(truth_path);
  if (!truth.ok()) return truth.status();
  auto urls = read_bodies(truth_path, "url");
  if (!urls.ok()) return urls.status();
  auto bytes = slurp(warc_path);
  if (!bytes.ok()) return bytes.status();
  std::map<std::string, std::string> by_url;
  HtmlEvalResult r;
  Status st = read_warc_documents(
      *bytes, warc_path,
      [&](WarcDocument&& doc) {
        auto a = extract_html(doc.body);
        if (a.ok()) by_url[doc.uri] = a->text();
        else ++r.failed;
      },
      [&](const Status&) { ++r.failed; });
  if (!st.ok()) return st;
  for (const auto& [id, body] : *truth) {
    (void)body;
    auto it = by_url.find((*urls)[id]);
    if (it == by_url.end()) ++r.failed;
    r.predictions[id] = it == by_url.end() ? std::string() : it->second;
  }
  score_pages(*truth, r.predictions, r);
  return r;
}

std::string format_html_eval(const HtmlEvalResult& r) {
  std::string o = fmt::format("pages: {} ({} unreadable)\nprecision {:.3f}  recall {:.3f}  F1 {:.3f}\n", r.pages,
                              r.failed, r.summary.precision, r.summary.recall, r.summary.f1);
  o += "lowest pages (F1):";
  for (const auto& [id, f1] : r.worst) o += fmt::format(" {} {:.2f};", id.substr(0, 12), f1);
  return o + "\n";
}

}  // namespace kabar
