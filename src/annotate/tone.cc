// Article-level tone and themes (GKG V1.5Tone, V1Themes, V2EnhancedThemes).
// Both are longest-match look-ups in the word trie; the lists are data.
#include "kabar/annotate.h"

namespace kabar {

namespace {

// Calls `fn(first_token, length, entry)` for every word-trie match, longest
// first, never overlapping.
template <typename Fn>
void each_phrase(const std::vector<Token>& tokens, const LanguageLexicon& lex, Fn fn) {
  std::vector<uint32_t> values;
  const size_t n = tokens.size();
  for (size_t i = 0; i < n;) {
    if (tokens[i].kind != TokenKind::kWord) {
      ++i;
      continue;
    }
    size_t len = lex.annotation_trie().longest(i, n, lex.id_at(tokens), values);
    for (uint32_t v : values) fn(static_cast<uint32_t>(i), static_cast<uint32_t>(len), &lex.words()[v]);
    i += len ? len : 1;
  }
}

}  // namespace

ArticleTone measure_tone(const std::vector<Token>& tokens, const LanguageLexicon& lex) {
  ArticleTone t;
  size_t positive = 0, negative = 0, self = 0, active = 0;
  for (const auto& tok : tokens) {
    if (tok.kind != TokenKind::kWord) continue;
    ++t.words;
    if (lex.patterns_for_head(tok)) ++active;
  }
  if (!t.words) return t;
  // A phrase counts once whatever its length; one phrase may carry several
  // classes, but never both tones (dict check refuses that).
  each_phrase(tokens, lex, [&](uint32_t, uint32_t, const WordEntry* w) {
    positive += w->cls == WordClass::kTonePositive;
    negative += w->cls == WordClass::kToneNegative;
    self += w->cls == WordClass::kSelfReference;
  });
  const double words = static_cast<double>(t.words);
  t.positive = 100.0 * static_cast<double>(positive) / words;
  t.negative = 100.0 * static_cast<double>(negative) / words;
  t.tone = t.positive - t.negative;
  t.polarity = t.positive + t.negative;
  t.activity = 100.0 * static_cast<double>(active) / words;
  t.self_group = 100.0 * static_cast<double>(self) / words;
  return t;
}

std::vector<ThemeMention> find_themes(const std::vector<Token>& tokens, const LanguageLexicon& lex) {
  std::vector<ThemeMention> out;
  each_phrase(tokens, lex, [&](uint32_t first, uint32_t len, const WordEntry* w) {
    if (w->cls != WordClass::kTheme) return;
    out.push_back({static_cast<uint32_t>(w->arg), Span{tokens[first].span.begin, tokens[first + len - 1].span.end}});
  });
  return out;
}

}  // namespace kabar
