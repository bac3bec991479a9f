// Counts of people killed, wounded, arrested, … (GDELT GKG Counts). Triggers,
// number words and multipliers are data (words/counts.txt per language).
#include <cmath>
#include <optional>

#include "kabar/annotate.h"

namespace kabar {

namespace {

// How far from the trigger a number may be, in tokens.
constexpr uint32_t kForwardWindow = 4;
constexpr uint32_t kBackwardWindow = 7;
// Longer "objects" are prose, not a noun phrase.
constexpr uint32_t kMaxObjectTokens = 3;
// Counts above this are not people (money, years read as numbers).
constexpr int64_t kMaxCount = 100000000;

struct Number {
  uint32_t first = 0, end = 0;  // tokens
  double value = 0;
};

bool sentence_end(const Token& t) { return t.kind == TokenKind::kPunct && (t.norm == "." || t.norm == "!" || t.norm == "?" || t.norm == ";"); }

const WordEntry* phrase_at(const std::vector<Token>& tokens, uint32_t pos, uint32_t end, const LanguageLexicon& lex,
                           WordClass cls, uint32_t& len) {
  size_t n = 0;
  const WordEntry* w = lex.word_phrase(pos, end, lex.id_at(tokens), cls, n);
  len = static_cast<uint32_t>(n);
  return w;
}

// A number at `pos`: digits or a number word, then optionally a multiplier
// ("2,5 juta", "three thousand").
std::optional<Number> number_at(const std::vector<Token>& tokens, uint32_t pos, uint32_t end,
                                const LanguageLexicon& lex) {
  if (pos >= end) return std::nullopt;
  Number n{pos, pos + 1, 0};
  uint32_t len = 0;
  if (tokens[pos].kind == TokenKind::kNumber) {
    auto v = parse_count_number(tokens[pos].norm);
    if (!v) return std::nullopt;
    n.value = *v;
  } else if (const WordEntry* w = phrase_at(tokens, pos, end, lex, WordClass::kNumberWord, len)) {
    n.value = w->arg;
    n.end = pos + len;
  } else {
    return std::nullopt;
  }
  if (const WordEntry* m = phrase_at(tokens, n.end, end, lex, WordClass::kMultiplier, len)) {
    n.value *= m->arg;
    n.end += len;
  }
  if (n.value < 1 || n.value > kMaxCount || n.value != std::floor(n.value)) return std::nullopt;
  return n;
}

// Where an object noun phrase ends. Classifier nouns ("orang") are both
// stopwords and quantity words: they stay in the object.
bool ends_object(const LanguageLexicon& lex, const Token& token) {
  for (WordClass c : {WordClass::kPrep, WordClass::kBoundaryRel, WordClass::kBoundaryConj, WordClass::kAdverb,
                      WordClass::kReport, WordClass::kNegation, WordClass::kFuture, WordClass::kClaimed,
                      WordClass::kMultiplier})
    if (lex.is_word(c, token)) return true;
  return lex.is_word(WordClass::kStopword, token) && !lex.is_word(WordClass::kQuantity, token);
}

}  // namespace

std::optional<double> parse_count_number(std::string_view s) {
  // Digits with "." or "," between groups of three are thousands; a single
  // separator followed by one or two digits is a decimal mark.
  std::string digits;
  std::optional<size_t> decimal_at;
  size_t group = 0;
  bool any = false;
  for (size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c >= '0' && c <= '9') {
      digits += c;
      ++group;
      any = true;
    } else if ((c == '.' || c == ',') && any) {
      size_t next = 0;
      while (i + 1 + next < s.size() && s[i + 1 + next] >= '0' && s[i + 1 + next] <= '9') ++next;
      if (next == 3 && !decimal_at) {
        group = 0;  // thousands separator
      } else if ((next == 1 || next == 2) && !decimal_at && i + 1 + next == s.size()) {
        decimal_at = digits.size();
      } else {
        return std::nullopt;
      }
    } else {
      return std::nullopt;  // "9/11/2022", "10:30", "5%"
    }
  }
  if (!any || digits.size() > 12) return std::nullopt;
  double v = std::stod(digits);
  if (decimal_at) v /= std::pow(10.0, static_cast<double>(digits.size() - *decimal_at));
  return v;
}

std::vector<CountMention> find_counts(std::string_view text, const std::vector<Token>& tokens, uint32_t first,
                                      uint32_t end, const LanguageLexicon& lex) {
  std::vector<CountMention> out;
  for (uint32_t i = first; i < end; ++i) {
    uint32_t len = 0;
    const WordEntry* trigger = phrase_at(tokens, i, end, lex, WordClass::kCount, len);
    if (!trigger) continue;
    std::optional<Number> number;
    // After: "menewaskan sedikitnya 12 warga", "killed at least 12 people".
    uint32_t j = i + len;
    for (int skips = 0; j < end && j < i + len + kForwardWindow && !sentence_end(tokens[j]); ++skips) {
      if ((number = number_at(tokens, j, end, lex))) break;
      uint32_t qlen = 0;
      if (skips < 2 && phrase_at(tokens, j, end, lex, WordClass::kQuantity, qlen)) {
        j += qlen;
        continue;
      }
      break;
    }
    // Before: "12 orang tewas", "five soldiers were killed" — the nearest.
    if (!number) {
      for (uint32_t k = i; k > first && k + kBackwardWindow > i; --k) {
        const uint32_t t = k - 1;
        if (sentence_end(tokens[t])) break;
        if (auto n = number_at(tokens, t, i, lex)) {
          // A multiplier word alone is no number; a number ending right at
          // another number's start was read from its first token.
          number = n;
          break;
        }
      }
    }
    if (!number) {
      i += len - 1;
      continue;
    }
    CountMention c;
    c.type = kCountTypes[trigger->arg];
    c.number = static_cast<int64_t>(number->value);
    // The object: words right after the number, up to a function word, the
    // trigger or punctuation.
    uint32_t o = number->end, o_end = o;
    while (o_end < end && o_end - o < kMaxObjectTokens && tokens[o_end].kind == TokenKind::kWord &&
           !(o_end >= i && o_end < i + len) && !ends_object(lex, tokens[o_end]))
      ++o_end;
    if (o_end > o) c.object = std::string(text.substr(tokens[o].span.begin, tokens[o_end - 1].span.end - tokens[o].span.begin));
    const uint32_t span_first = std::min(number->first, i), span_last = std::max(number->end, i + len) - 1;
    c.span = Span{tokens[span_first].span.begin, tokens[span_last].span.end};
    out.push_back(std::move(c));
    i += len - 1;
  }
  return out;
}

}  // namespace kabar
