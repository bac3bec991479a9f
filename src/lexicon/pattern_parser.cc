#include "lexicon/pattern_parser.h"

#include <algorithm>
#include <optional>

#include "kabar/text.h"
#include "util/strings.h"

namespace kabar {

std::vector<std::string_view> split_alternatives(std::string_view body) {
  std::vector<std::string_view> out;
  int depth = 0;
  size_t start = 0;
  for (size_t i = 0; i < body.size(); ++i) {
    char c = body[i];
    if (c == '{' || c == '(') ++depth;
    else if (c == '}' || c == ')') --depth;
    else if (c == '|' && depth == 0) {
      out.push_back(trim(body.substr(start, i - start)));
      start = i + 1;
    }
  }
  out.push_back(trim(body.substr(start)));
  return out;
}

// Lower-case ASCII words (all letters or all digits, a stem's final '*'
// allowed) tokenise to themselves: most names, and every converted peer name.
// Splitting them at spaces skips the tokenizer's ICU normalisation, which
// cost most of loading 100,000 names. Anything else: nullopt.
static std::optional<std::vector<std::string>> plain_tokens(std::string_view phrase) {
  std::vector<std::string> out;
  for (auto word : split(phrase, ' ')) {
    if (word.empty()) continue;
    std::string_view body = word.size() > 1 && word.back() == '*' ? word.substr(0, word.size() - 1) : word;
    const bool letters = std::all_of(body.begin(), body.end(), [](char c) { return c >= 'a' && c <= 'z'; });
    const bool digits = std::all_of(body.begin(), body.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (body.empty() || !(letters || digits)) return std::nullopt;
    out.emplace_back(word);
  }
  return out;
}

std::vector<std::string> dictionary_tokens(std::string_view phrase) {
  if (auto plain = plain_tokens(phrase)) return std::move(*plain);
  std::vector<std::string> out;
  for (auto word : split(phrase, ' ')) {
    word = trim(word);
    if (word.empty()) continue;
    const bool stem = word.size() > 1 && word.back() == '*';
    if (stem) word.remove_suffix(1);
    const bool exact = word.size() > 1 && word.front() == '=';  // kept for the head's compiler
    if (exact) word.remove_prefix(1);
    auto toks = phrase_tokens(word);
    if (toks.empty()) continue;
    if (stem) toks.back() += '*';
    if (exact) toks.front().insert(0, 1, '=');
    for (auto& t : toks) out.push_back(std::move(t));
  }
  return out;
}

namespace {

Status error(std::string msg) { return Status(ErrorCode::kData, std::move(msg)); }

// Parses a flat sequence (no parentheses) of elements.
Status parse_sequence(std::string_view s, std::vector<PatternElement>& out) {
  size_t i = 0;
  bool head_group = false;  // '@' before '{': the group is the verb head
  while (i < s.size()) {
    char c = s[i];
    if (c == ' ' || c == '\t') { ++i; continue; }
    if (c == '@' && i + 1 < s.size() && s[i + 1] == '{') { head_group = true; ++i; continue; }
    PatternElement el;
    if (c == '$' || c == '+') {
      el.kind = c == '$' ? PatternElement::kSource : PatternElement::kTarget;
      out.push_back(el);
      ++i;
      continue;
    }
    if (c == '^') {
      el.kind = PatternElement::kSkip;
      out.push_back(el);
      ++i;
      continue;
    }
    if (s.substr(i, 3) == "...") {
      el.kind = PatternElement::kGap;
      out.push_back(el);
      i += 3;
      continue;
    }
    if (c == '{') {
      size_t close = s.find('}', i);
      if (close == std::string_view::npos) return error("unclosed '{'");
      std::string_view inner = s.substr(i + 1, close - i - 1);
      if (inner.find('{') != std::string_view::npos || inner.find('(') != std::string_view::npos)
        return error("nested group inside '{…}'");
      for (auto alt : split(inner, '|')) {
        auto toks = dictionary_tokens(trim(alt));
        if (toks.empty()) return error("empty alternative inside '{…}'");
        el.alternatives.push_back(std::move(toks));
      }
      el.kind = PatternElement::kWords;
      el.head = head_group;
      head_group = false;
      out.push_back(std::move(el));
      i = close + 1;
      continue;
    }
    if (c == '}' || c == ')' || c == '|') return error(std::string("unexpected '") + c + "'");
    // A bare word (possibly '=word'): up to the next space or group.
    size_t end = i;
    while (end < s.size() && s[end] != ' ' && s[end] != '\t' && s[end] != '{' && s[end] != '(' &&
           s[end] != ')' && s[end] != '}')
      ++end;
    std::string_view word = s.substr(i, end - i);
    bool exact = false, head = false;
    if (!word.empty() && word[0] == '@') { head = true; word.remove_prefix(1); }
    if (!word.empty() && word[0] == '=') { exact = true; word.remove_prefix(1); }
    if (word.empty()) return error("empty word");
    if (word.find('|') != std::string_view::npos) return error("'|' outside a group: write {a|b}");
    if (word.find('$') != std::string_view::npos || word.find('+') != std::string_view::npos)
      return error("slot '$' or '+' must stand alone");
    auto toks = dictionary_tokens(word);
    if (toks.empty()) return error("word has no letters: " + std::string(word));
    for (auto& t : toks) {
      PatternElement w;
      w.kind = PatternElement::kWords;
      w.head = head;
      head = false;
      w.alternatives.push_back({t});
      // An exact literal is marked by a leading '=' kept in the token, which
      // the compiler strips after deciding not to expand it.
      if (exact) w.alternatives[0][0].insert(0, 1, '=');
      out.push_back(std::move(w));
      exact = false;
    }
    i = end;
  }
  return Status::Ok();
}

}  // namespace

StatusOr<std::vector<std::vector<PatternElement>>> parse_pattern(std::string_view text) {
  // Cut into plain segments and optional groups.
  struct Piece { std::string_view text; bool optional; };
  std::vector<Piece> pieces;
  size_t i = 0, start = 0;
  int brace = 0;
  while (i < text.size()) {
    char c = text[i];
    if (c == '{') ++brace;
    else if (c == '}') --brace;
    else if (c == '(' && brace == 0) {
      if (i > start) pieces.push_back({text.substr(start, i - start), false});
      size_t close = text.find(')', i);
      if (close == std::string_view::npos) return error("unclosed '('");
      std::string_view inner = text.substr(i + 1, close - i - 1);
      if (inner.find('(') != std::string_view::npos) return error("nested '(' is not allowed");
      // "(a|b)" is shorthand for an optional "{a|b}".
      if (inner.find('|') != std::string_view::npos && inner.find('{') == std::string_view::npos)
        pieces.push_back({text.substr(i, close - i + 1), true});
      else
        pieces.push_back({inner, true});
      i = close + 1;
      start = i;
      continue;
    } else if (c == ')' && brace == 0) {
      return error("unexpected ')'");
    }
    ++i;
  }
  if (brace != 0) return error("unbalanced '{'");
  if (start < text.size()) pieces.push_back({text.substr(start), false});

  std::vector<std::vector<PatternElement>> parsed(pieces.size());
  std::vector<size_t> optional_pieces;
  for (size_t p = 0; p < pieces.size(); ++p) {
    std::string_view piece = pieces[p].text;
    std::string braced;
    if (!piece.empty() && piece.front() == '(') {
      // Built by appending: "{" + string trips GCC 12's false -Wrestrict.
      braced.assign(1, '{');
      braced.append(piece.substr(1, piece.size() - 2));
      braced.push_back('}');
      piece = braced;
    }
    KABAR_RETURN_IF_ERROR(parse_sequence(piece, parsed[p]));
    if (pieces[p].optional) {
      if (parsed[p].empty()) return error("empty optional group '()'");
      optional_pieces.push_back(p);
    }
  }
  if (optional_pieces.size() > 4) return error("more than 4 optional groups");

  std::vector<std::vector<PatternElement>> out;
  const size_t combos = size_t{1} << optional_pieces.size();
  for (size_t mask = 0; mask < combos; ++mask) {
    std::vector<PatternElement> seq;
    size_t opt = 0;
    for (size_t p = 0; p < pieces.size(); ++p) {
      if (pieces[p].optional) {
        bool include = (mask >> opt++) & 1;
        if (!include) continue;
      }
      seq.insert(seq.end(), parsed[p].begin(), parsed[p].end());
    }
    int sources = 0, targets = 0, words = 0;
    for (const auto& el : seq) {
      sources += el.kind == PatternElement::kSource;
      targets += el.kind == PatternElement::kTarget;
      words += el.kind == PatternElement::kWords;
    }
    if (sources > 1 || targets > 1) return error("at most one '$' and one '+' per pattern");
    if (std::count_if(seq.begin(), seq.end(), [](const PatternElement& e) { return e.head; }) > 1)
      return error("at most one '@' head per pattern");
    if (words == 0) continue;  // an expansion with no literal cannot be matched
    bool all_optionals = mask == combos - 1;
    if (all_optionals && (seq.front().kind == PatternElement::kGap || seq.back().kind == PatternElement::kGap))
      return error("'...' cannot start or end a pattern");
    // A gap left at an edge by an omitted optional group gaps nothing.
    while (!seq.empty() && seq.back().kind == PatternElement::kGap) seq.pop_back();
    while (!seq.empty() && seq.front().kind == PatternElement::kGap) seq.erase(seq.begin());
    out.push_back(std::move(seq));
  }
  if (out.empty()) return error("pattern has no literal word");
  return out;
}

}  // namespace kabar
