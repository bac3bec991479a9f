// Sentence splitting over the tokens of one paragraph.
//
// A sentence ends at ".", "!", "?" or "…" (with any closing quotes and brackets
// after it) when the next token opens a new sentence: a capitalised word, a
// number or an opening quote. A dot does not end a sentence after a listed
// abbreviation ("No.", "Jl.", "Mr.") or a single capital letter (an initial,
// "H. Agus"). Paragraph breaks always end a sentence: the caller splits blocks.
#include "kabar/text.h"

namespace kabar {

using namespace std::string_view_literals;  // "x"sv: compared by length first, no strlen
namespace {

bool is_terminal(const Token& t) {
  return t.kind == TokenKind::kPunct &&
         (t.norm == "."sv || t.norm == "!"sv || t.norm == "?"sv || t.norm == "\xE2\x80\xA6");
}

bool is_closer(const Token& t) {
  return t.kind == TokenKind::kCloseQuote || t.norm == ")"sv || t.norm == "]"sv;
}

bool opens_sentence(const Token& t) {
  return t.capitalized || t.kind == TokenKind::kNumber || t.kind == TokenKind::kOpenQuote ||
         t.norm == "("sv || t.norm == "-"sv;
}

bool dot_is_abbreviation(std::string_view text, const std::vector<Token>& tokens, uint32_t dot,
                         uint32_t first, const SentenceRules& rules) {
  if (dot == first) return false;
  const Token& prev = tokens[dot - 1];
  if (prev.span.end != tokens[dot].span.begin) return false;  // "word ." is a real stop
  if (prev.kind != TokenKind::kWord) return false;
  if (rules.abbreviations.count(prev.norm)) return true;
  std::string_view w = prev.span.in(text);
  // A single capital letter: an initial.
  return w.size() == 1 && w[0] >= 'A' && w[0] <= 'Z';
}

}  // namespace

std::vector<Sentence> split_sentences(std::string_view text, const std::vector<Token>& tokens,
                                      uint32_t first, uint32_t end, const SentenceRules& rules,
                                      uint32_t first_index) {
  std::vector<Sentence> out;
  uint32_t start = first;
  auto emit = [&](uint32_t stop) {
    if (stop <= start) return;
    Sentence s;
    s.first_token = start;
    s.end_token = stop;
    s.span = {tokens[start].span.begin, tokens[stop - 1].span.end};
    s.index = first_index + static_cast<uint32_t>(out.size());
    out.push_back(s);
    start = stop;
  };
  for (uint32_t i = first; i < end; ++i) {
    if (!is_terminal(tokens[i])) continue;
    if (tokens[i].norm == "."sv && dot_is_abbreviation(text, tokens, i, first, rules)) continue;
    uint32_t stop = i + 1;
    while (stop < end && (is_closer(tokens[stop]) || is_terminal(tokens[stop]))) ++stop;
    if (stop == end || opens_sentence(tokens[stop])) {
      emit(stop);
      i = stop - 1;
    }
  }
  emit(end);
  return out;
}

}  // namespace kabar
