// NER evaluation (kabar/eval.h): kabar's dictionary entities against BIO gold.
#include <fstream>
#include <set>
#include <tuple>

#include <fmt/format.h>

#include "kabar/annotate.h"
#include "kabar/eval.h"
#include "util/strings.h"

namespace kabar {
namespace {

std::string gold_type(std::string_view label) {
  if (label == "PER" || label == "PERSON" || label == "PPL") return "PER";
  if (label == "ORG" || label == "ORGANISATION" || label == "ORGANIZATION" || label == "IND") return "ORG";
  if (label == "LOC" || label == "PLACE" || label == "LOCATION" || label == "PLC") return "LOC";
  return "";
}

using Ent = std::tuple<uint32_t, uint32_t, std::string>;  // char begin, end, type

void score_sentence(const std::vector<std::pair<std::string, std::string>>& rows, const LanguageLexicon& lex,
                    const Geocoder* geocoder,
                    NerResult& r) {
  std::string text;
  std::set<Ent> gold;
  uint32_t open_begin = 0, open_end = 0;
  std::string open_type;
  auto close = [&] {
    if (!open_type.empty()) gold.insert({open_begin, open_end, open_type});
    open_type.clear();
  };
  for (const auto& [tok, label] : rows) {
    if (!text.empty()) text += ' ';
    uint32_t b = static_cast<uint32_t>(text.size());
    text += tok;
    uint32_t e = static_cast<uint32_t>(text.size());
    std::string type = label.size() > 2 ? gold_type(std::string_view(label).substr(2)) : "";
    if (label.size() > 2 && label[0] == 'B') {
      close();
      if (!type.empty()) { open_begin = b; open_end = e; open_type = type; }
    } else if (label.size() > 2 && label[0] == 'I' && type == open_type && !type.empty()) {
      open_end = e;
    } else {
      close();
      if (label.size() > 2 && label[0] == 'I' && !type.empty()) { open_begin = b; open_end = e; open_type = type; }
    }
  }
  close();
  std::vector<Token> tokens;
  tokenize(text, Span{0, static_cast<uint32_t>(text.size())}, tokens);
  std::set<Ent> got;
  for (const auto& ent : find_entities(text, tokens, 0, static_cast<uint32_t>(tokens.size()), lex, geocoder))
    got.insert({tokens[ent.first_token].span.begin, tokens[ent.end_token - 1].span.end, entity_kind_name(ent.kind)});
  auto untyped = [](const std::set<Ent>& s) {
    std::set<std::pair<uint32_t, uint32_t>> out;
    for (const auto& [b, e, t] : s) out.insert({b, e});
    return out;
  };
  for (const auto& g : got) {
    bool hit = gold.count(g) > 0;
    (hit ? r.all.tp : r.all.fp)++;
    (hit ? r.by_type[std::get<2>(g)].tp : r.by_type[std::get<2>(g)].fp)++;
  }
  for (const auto& g : gold)
    if (!got.count(g)) { r.all.fn++; r.by_type[std::get<2>(g)].fn++; }
  auto ug = untyped(gold), up = untyped(got);
  for (const auto& p : up) (ug.count(p) ? r.untyped.tp : r.untyped.fp)++;
  for (const auto& g : ug)
    if (!up.count(g)) r.untyped.fn++;
  ++r.sentences;
}

}  // namespace

StatusOr<NerResult> evaluate_ner(const std::string& path, const LanguageLexicon& lex, const Geocoder* geocoder) {
  std::ifstream in(path);
  if (!in) return Status(ErrorCode::kNotFound, fmt::format("{}: cannot open", path));
  NerResult r;
  std::vector<std::pair<std::string, std::string>> rows;
  std::string line;
  size_t line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (trim(line).empty()) {
      if (!rows.empty()) score_sentence(rows, lex, geocoder, r);
      rows.clear();
      continue;
    }
    // Token first, label last; columns split by tabs or spaces.
    std::vector<std::string_view> cols;
    for (auto c : split(line, line.find('\t') != std::string::npos ? '\t' : ' '))
      if (!c.empty()) cols.push_back(c);
    if (cols.size() < 2) return Status(ErrorCode::kParse, fmt::format("{}:{}: expected TOKEN … LABEL", path, line_no));
    rows.emplace_back(std::string(cols.front()), std::string(cols.back()));
  }
  if (!rows.empty()) score_sentence(rows, lex, geocoder, r);
  return r;
}

std::string format_ner(const NerResult& r) {
  std::string out = fmt::format("sentences: {}\n{:<10} {:>9} {:>9} {:>9} {:>6} {:>6} {:>6}\n", r.sentences, "type",
                                "precision", "recall", "F1", "tp", "fp", "fn");
  auto row = [&](const std::string& name, const Counts& c) {
    out += fmt::format("{:<10} {:>9.3f} {:>9.3f} {:>9.3f} {:>6} {:>6} {:>6}\n", name, c.precision(), c.recall(), c.f1(),
                       c.tp, c.fp, c.fn);
  };
  for (const auto& [type, c] : r.by_type) row(type, c);
  row("all", r.all);
  row("untyped", r.untyped);
  return out;
}

}  // namespace kabar
