// Direct quotations and who spoke them. Only double quote marks count:
// single ones (‘…’) mark terms and titles in Indonesian news far more often
// than speech, and ’ is also the apostrophe.
#include <algorithm>
#include <optional>

#include "kabar/annotate.h"

namespace kabar {

namespace {

bool is_double_quote(std::string_view text, const Token& t) {
  const std::string_view s = text.substr(t.span.begin, t.span.size());
  return s == "\"" || s == "\u201C" || s == "\u201D" || s == "\u201E" || s == "\u00AB" || s == "\u00BB";
}

// A quote running past this many tokens without closing is an unpaired mark.
constexpr uint32_t kMaxQuoteTokens = 400;
// Punctuation allowed between a quote mark and the report word or speaker.
constexpr uint32_t kMaxGap = 2;
// An unknown speaker's name: at most this many capitalised words.
constexpr uint32_t kMaxNameTokens = 4;

uint32_t sentence_of(const std::vector<Sentence>& sentences, uint32_t token) {
  auto it = std::upper_bound(sentences.begin(), sentences.end(), token,
                             [](uint32_t t, const Sentence& s) { return t < s.first_token; });
  return it == sentences.begin() ? 0 : static_cast<uint32_t>(it - sentences.begin() - 1);
}

const Mention* mention_starting(const SentenceAnnotations& a, uint32_t token) {
  for (const auto& m : a.mentions)
    if (m.first_token == token && !m.actors.empty() && !m.media) return &m;
  return nullptr;
}

const Mention* mention_ending(const SentenceAnnotations& a, uint32_t end_token) {
  for (const auto& m : a.mentions)
    if (m.end_token == end_token && !m.actors.empty() && !m.media) return &m;
  return nullptr;
}

}  // namespace

std::vector<Quote> find_quotes(std::string_view text, const std::vector<Token>& tokens,
                               const std::vector<Sentence>& sentences,
                               const std::vector<SentenceAnnotations>& annotations, const LanguageLexicon& lex) {
  std::vector<Quote> out;
  if (sentences.empty() || annotations.size() != sentences.size()) return out;
  const uint32_t n = static_cast<uint32_t>(tokens.size());
  auto is_report = [&](uint32_t t) { return t < n && tokens[t].kind == TokenKind::kWord && lex.is_word(WordClass::kReport, tokens[t].norm); };
  auto is_punct = [&](uint32_t t) { return tokens[t].kind == TokenKind::kPunct; };
  auto is_pronoun = [&](uint32_t t) {
    return tokens[t].kind == TokenKind::kWord && lex.is_word(WordClass::kAnaphorSingle, tokens[t].norm);
  };
  auto ends_with = [](const std::string& s, std::string_view suffix) {
    return s.size() > suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
  };
  std::optional<size_t> last_speaker;  // index in `out` of the last quote with a speaker
  for (uint32_t open = 0; open < n; ++open) {
    if (tokens[open].kind != TokenKind::kOpenQuote || !is_double_quote(text, tokens[open])) continue;
    uint32_t close = open + 1;
    while (close < n && close - open <= kMaxQuoteTokens &&
           !(tokens[close].kind == TokenKind::kCloseQuote && is_double_quote(text, tokens[close])) &&
           !(tokens[close].kind == TokenKind::kOpenQuote && is_double_quote(text, tokens[close])))
      ++close;
    if (close >= n || tokens[close].kind != TokenKind::kCloseQuote || close - open > kMaxQuoteTokens) continue;
    uint32_t words = 0;
    for (uint32_t t = open + 1; t < close; ++t) words += tokens[t].kind == TokenKind::kWord;
    if (words < 2) {  // a quoted term ("jihad", “Kapal Induk”), not speech
      open = close;
      continue;
    }
    // The quoted text without the marks and the punctuation just inside the
    // closing one ("…kami," kata X keeps the comma out).
    uint32_t last = close - 1;
    while (last > open + 1 && is_punct(last)) --last;
    Quote q;
    q.sentence = sentence_of(sentences, open);
    q.span = Span{tokens[open + 1].span.begin, tokens[last].span.end};

    // After the quote, in the sentence of the closing mark.
    const uint32_t close_sentence = sentence_of(sentences, close);
    const SentenceAnnotations& after = annotations[close_sentence];
    const uint32_t after_end = sentences[close_sentence].end_token;
    uint32_t t = close + 1;
    while (t < after_end && t <= close + kMaxGap && is_punct(t)) ++t;
    if (t < after_end) {
      // "…,” ujarnya." / "…,” kata dia." / "…," he said.: the speaker is the
      // one quoted last, as news writes a run of quotes from one person.
      const bool pronoun_after = is_report(t) && (ends_with(tokens[t].norm, "nya") ||
                                                  (t + 1 < after_end && is_pronoun(t + 1)));
      const bool pronoun_before = is_pronoun(t) && t + 1 < after_end && is_report(t + 1);
      if ((pronoun_after || pronoun_before) && last_speaker) {
        q.verb = tokens[pronoun_after ? t : t + 1].span;
        q.speaker = out[*last_speaker].speaker;
        q.speaker_span = out[*last_speaker].speaker_span;
        q.by_pronoun = true;
      } else if (is_report(t)) {
        q.verb = tokens[t].span;
        if (const Mention* m = mention_starting(after, t + 1)) {
          q.speaker = *m;
        } else {
          // A name the dictionaries do not know: capitalised words after
          // the report word ("…,” ujar Budi Santoso).
          uint32_t e = t + 1;
          while (e < after_end && e < t + 1 + kMaxNameTokens && tokens[e].kind == TokenKind::kWord &&
                 tokens[e].capitalized)
            ++e;
          if (e > t + 1) q.speaker_span = Span{tokens[t + 1].span.begin, tokens[e - 1].span.end};
        }
      } else if (const Mention* m = mention_starting(after, t); m && is_report(m->end_token)) {
        q.speaker = *m;
        q.verb = tokens[m->end_token].span;
      }
    }
    // Before the quote, in the sentence of the opening mark.
    if (!q.speaker && q.speaker_span.empty() && open > sentences[q.sentence].first_token) {
      const SentenceAnnotations& before = annotations[q.sentence];
      uint32_t b = open;  // one past the token before the gap
      while (b > sentences[q.sentence].first_token && open - b < kMaxGap && is_punct(b - 1)) --b;
      if (b > sentences[q.sentence].first_token) {
        if (is_report(b - 1)) {
          // "Lavrov mengatakan: “…”" — the mention before the report word.
          q.verb = tokens[b - 1].span;
          if (const Mention* m = mention_ending(before, b - 1)) q.speaker = *m;
        } else if (const Mention* m = mention_ending(before, b);
                   m && m->first_token > sentences[q.sentence].first_token && is_report(m->first_token - 1)) {
          // "menurut Lavrov, “…”" / "kata Lavrov: “…”".
          q.speaker = *m;
          q.verb = tokens[m->first_token - 1].span;
        }
      }
    }
    if (q.speaker && !q.by_pronoun) q.speaker_span = q.speaker->span;
    out.push_back(std::move(q));
    if (!out.back().speaker_span.empty()) last_speaker = out.size() - 1;
    open = close;
  }
  return out;
}

}  // namespace kabar
