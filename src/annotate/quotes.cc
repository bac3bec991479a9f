// Direct quotations and who spoke them. Only double quote marks count:
// single ones (‘…’) mark terms and titles in Indonesian news far more often
// than speech, and ’ is also the apostrophe.
#include <algorithm>
#include <iterator>
#include <optional>

#include "kabar/annotate.h"

namespace kabar {

using namespace std::string_view_literals;  // "x"sv: compared by length first, no strlen

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
  auto is_report = [&](uint32_t t) { return t < n && tokens[t].kind == TokenKind::kWord && lex.is_word(WordClass::kReport, tokens[t]); };
  auto is_punct = [&](uint32_t t) { return tokens[t].kind == TokenKind::kPunct; };
  auto is_pronoun = [&](uint32_t t) {
    return tokens[t].kind == TokenKind::kWord && lex.is_word(WordClass::kAnaphorSingle, tokens[t]);
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

// ---------------------------------------------------------------------------
// Reported speech and cited sources

namespace kabar {
namespace {

// Words that may follow "he said" to the end of the sentence: "on Tuesday",
// "pada Senin (9/11/2022)", "kemarin", "in a statement".
constexpr uint32_t kMaxTrailing = 8;
// "Menurut sumber yang terlibat dalam produksi film ini, …": the longest
// speaker phrase before the comma.
constexpr uint32_t kMaxSpeakerTokens = 12;

struct ReportWords {
  const std::vector<Token>& tokens;
  const LanguageLexicon& lex;
  // Length of the report phrase at `pos` ("kata", "according to", "seperti dikutip dari"), 0 when none.
  size_t at(uint32_t pos, uint32_t end) const {
    if (pos >= end || tokens[pos].kind != TokenKind::kWord) return 0;
    size_t len = 0;
    auto norm = lex.id_at(tokens);
    return lex.word_phrase(pos, end, norm, WordClass::kReport, len) ? len : 0;
  }
};

const Mention* mention_at(const SentenceAnnotations& a, uint32_t token, bool media_ok) {
  for (const auto& m : a.mentions)
    if (m.first_token == token && !m.actors.empty() && (media_ok || !m.media)) return &m;
  return nullptr;
}

}  // namespace

std::vector<Quote> add_reported_speech(std::string_view text, const std::vector<Token>& tokens,
                                       const std::vector<Sentence>& sentences,
                                       const std::vector<SentenceAnnotations>& annotations, const LanguageLexicon& lex,
                                       std::vector<Quote> quotes) {
  (void)text;
  if (sentences.empty() || annotations.size() != sentences.size()) return quotes;
  ReportWords report{tokens, lex};
  auto is_punct = [&](uint32_t t) { return tokens[t].kind == TokenKind::kPunct; };
  auto is_pronoun = [&](uint32_t t) {
    return tokens[t].kind == TokenKind::kWord && lex.is_word(WordClass::kAnaphorSingle, tokens[t]);
  };
  auto trailing_ok = [&](uint32_t from, uint32_t end) {
    // Only time and place phrases, numbers and punctuation to the end.
    if (end - from > kMaxTrailing) return false;
    for (uint32_t t = from; t < end; ++t) {
      const Token& k = tokens[t];
      if (k.kind == TokenKind::kPunct || k.kind == TokenKind::kNumber || k.kind == TokenKind::kCloseQuote) continue;
      if (lex.is_word(WordClass::kPrep, k) || lex.is_word(WordClass::kWeekday, k) ||
          lex.is_word(WordClass::kMonth, k) || lex.is_word(WordClass::kRelativeDay, k) ||
          lex.is_word(WordClass::kDeterminer, k) || lex.is_word(WordClass::kStopword, k))
        continue;
      return false;
    }
    return true;
  };
  auto content_span = [&](uint32_t b, uint32_t e) -> std::optional<Span> {
    while (b < e && (is_punct(b) || lex.is_word(WordClass::kBoundaryComp, tokens[b]))) ++b;
    while (e > b && is_punct(e - 1)) --e;
    uint32_t words = 0;
    for (uint32_t t = b; t < e; ++t) words += tokens[t].kind == TokenKind::kWord;
    if (words < 3) return std::nullopt;  // "katanya." alone says nothing
    return Span{tokens[b].span.begin, tokens[e - 1].span.end};
  };
  auto name_after = [&](uint32_t t, uint32_t end) {
    uint32_t e = t;
    while (e < end && e < t + kMaxNameTokens && tokens[e].kind == TokenKind::kWord && tokens[e].capitalized) ++e;
    return e;
  };

  std::vector<char> has_direct(sentences.size(), 0);
  for (const auto& q : quotes) has_direct[q.sentence] = 1;
  std::vector<Quote> reported;
  // For pronouns: the last named speaker, of a direct or a reported quote.
  std::optional<Mention> last_speaker;
  Span last_span;
  size_t next_direct = 0;
  for (uint32_t si = 0; si < sentences.size(); ++si) {
    while (next_direct < quotes.size() && quotes[next_direct].sentence <= si) {
      if (!quotes[next_direct].speaker_span.empty()) {
        last_speaker = quotes[next_direct].speaker;
        last_span = quotes[next_direct].speaker_span;
      }
      ++next_direct;
    }
    if (has_direct[si]) continue;
    const Sentence& s = sentences[si];
    const SentenceAnnotations& a = annotations[si];
    const uint32_t first = s.first_token, end = s.end_token;
    Quote q;
    q.sentence = si;
    q.reported = true;
    bool found = false;

    // 1. "Menurut X, …" / "According to X, …" / "Menurut dia, …": the
    // speaker runs to the first comma ("Menurut sumber yang terlibat dalam
    // produksi film ini, …"), at most kMaxSpeakerTokens words.
    if (size_t len = report.at(first, end)) {
      uint32_t t = static_cast<uint32_t>(first + len);
      // "Seperti dikutip dari AFP": the speaker starts after the preposition.
      if (t + 1 < end && lex.is_word(WordClass::kPrep, tokens[t])) ++t;
      uint32_t comma = t;
      while (comma < end && comma - t <= kMaxSpeakerTokens && tokens[comma].norm != ","sv) ++comma;
      if (comma > t && comma < end && tokens[comma].norm == ","sv) {
        if (auto c = content_span(comma + 1, end)) {
          q.span = *c;
          q.verb = Span{tokens[first].span.begin, tokens[first + len - 1].span.end};
          if (comma == t + 1 && is_pronoun(t)) {
            q.by_pronoun = true;
          } else {
            if (const Mention* m = mention_at(a, t, /*media_ok=*/true)) q.speaker = *m;
            q.speaker_span = Span{tokens[t].span.begin, tokens[comma - 1].span.end};
          }
          found = true;
        }
      }
    }
    // 2. "…, kata X." / "…, X said on Tuesday." / "…, he said."
    for (uint32_t c = end; !found && c-- > first + 2;) {
      if (tokens[c].norm != ","sv) continue;
      const uint32_t t = c + 1;
      if (t >= end) continue;
      uint32_t after = 0;
      const Mention* speaker = nullptr;
      Span verb, name;
      bool pronoun = false;
      if (size_t len = report.at(t, end)) {  // "kata X", "ujarnya", "said X"
        verb = Span{tokens[t].span.begin, tokens[t + len - 1].span.end};
        const uint32_t u = static_cast<uint32_t>(t + len);
        const std::string& v = tokens[t].norm;
        const bool nya = v.size() > 3 && v.compare(v.size() - 3, 3, "nya") == 0;
        if (nya || (u < end && is_pronoun(u))) {
          pronoun = true;
          after = nya ? u : u + 1;
        } else if (const Mention* m = mention_at(a, u, true)) {
          speaker = m;
          after = m->end_token;
        } else if (uint32_t e = name_after(u, end); e > u) {
          name = Span{tokens[u].span.begin, tokens[e - 1].span.end};
          after = e;
        }
      } else if (const Mention* m = mention_at(a, t, true)) {  // "X said"
        if (size_t len = report.at(m->end_token, end)) {
          speaker = m;
          verb = Span{tokens[m->end_token].span.begin, tokens[m->end_token + len - 1].span.end};
          after = static_cast<uint32_t>(m->end_token + len);
        }
      } else if (is_pronoun(t)) {  // "he said"
        if (size_t len = report.at(t + 1, end)) {
          pronoun = true;
          verb = Span{tokens[t + 1].span.begin, tokens[t + len].span.end};
          after = static_cast<uint32_t>(t + 1 + len);
        }
      }
      if (!after) continue;
      std::optional<Span> content;
      if (trailing_ok(after, end)) {
        content = content_span(first, c);
      } else if (after < end && tokens[after].norm == ","sv) {
        // Parenthetical: "…, kata Suwardi, …".
        // After a conjunction ("…, officials said, and the town fell") it
        // belongs to the clause before.
        auto before = content_span(first, c), rest = content_span(after + 1, end);
        // Otherwise the main clause, which news puts after it ("Agar bisa
        // lolos, kata Suwardi, peserta harus …").
        if (after + 1 < end && (lex.is_word(WordClass::kCoordinator, tokens[after + 1]) ||
                                lex.is_word(WordClass::kBoundaryConj, tokens[after + 1])))
          rest.reset();
        content = rest ? rest : before;
      } else {
        continue;
      }
      if (!content) break;
      q.span = *content;
      q.verb = verb;
      if (speaker) q.speaker = *speaker;
      q.speaker_span = name;
      q.by_pronoun = pronoun;
      found = true;
    }
    // 3. "Lavrov mengatakan bahwa …" / "Officials said that …".
    if (!found) {
      if (const Mention* m = mention_at(a, first, /*media_ok=*/true)) {
        if (size_t len = report.at(m->end_token, end)) {
          if (auto c = content_span(static_cast<uint32_t>(m->end_token + len), end)) {
            q.span = *c;
            q.speaker = *m;
            q.verb = Span{tokens[m->end_token].span.begin, tokens[m->end_token + len - 1].span.end};
            found = true;
          }
        }
      }
    }
    if (!found) continue;
    if (q.by_pronoun) {
      if (!last_span.empty()) {
        q.speaker = last_speaker;
        q.speaker_span = last_span;
      } else {
        q.by_pronoun = false;  // nobody named yet: the speaker stays unknown
      }
    }
    if (q.speaker && q.speaker_span.empty()) q.speaker_span = q.speaker->span;
    if (!q.speaker_span.empty()) {
      last_speaker = q.speaker;
      last_span = q.speaker_span;
    }
    reported.push_back(std::move(q));
  }
  // Both lists are in text order: merge them.
  std::vector<Quote> merged;
  merged.reserve(quotes.size() + reported.size());
  std::merge(std::make_move_iterator(quotes.begin()), std::make_move_iterator(quotes.end()),
             std::make_move_iterator(reported.begin()), std::make_move_iterator(reported.end()),
             std::back_inserter(merged), [](const Quote& x, const Quote& y) { return x.span.begin < y.span.begin; });
  return merged;
}

std::vector<std::string> find_cited_sources(std::string_view text, const std::vector<Token>& tokens,
                                            const std::vector<Sentence>& sentences,
                                            const std::vector<SentenceAnnotations>& annotations,
                                            const LanguageLexicon& lex) {
  std::vector<std::string> out;
  if (annotations.size() != sentences.size()) return out;
  ReportWords report{tokens, lex};
  for (size_t si = 0; si < sentences.size(); ++si) {
    const uint32_t first = sentences[si].first_token, end = sentences[si].end_token;
    for (const auto& m : annotations[si].mentions) {
      if (!m.media) continue;
      // A report word just before ("kata kantor berita TASS": up to two words
      // between, "dikutip dari Reuters") or right after ("Reuters reported").
      bool cited = report.at(m.end_token, end) > 0;
      for (uint32_t b = m.first_token; !cited && b > first && m.first_token - b < 4;) {
        --b;
        size_t len = report.at(b, end);
        cited = len > 0 && b + len <= m.first_token;
      }
      if (!cited) continue;
      // The outlet's own name, without a media role word before it
      // ("kantor berita TASS" → "TASS"), so a "Sumber: TASS" line matches.
      uint32_t b = m.first_token;
      std::vector<uint32_t> values;
      auto id_at = lex.id_at(tokens);
      if (size_t len = lex.agent_trie().longest(b, m.end_token, id_at, values);
          len && b + len < m.end_token &&
          std::any_of(values.begin(), values.end(), [&](uint32_t v) { return lex.agents()[v].role == "MED"sv; }))
        b = static_cast<uint32_t>(b + len);
      std::string name(Span{tokens[b].span.begin, m.span.end}.in(text));
      bool seen = false;
      for (const auto& o : out) seen = seen || normalize_word(o) == normalize_word(name);
      if (!seen) out.push_back(std::move(name));
    }
  }
  return out;
}

}  // namespace kabar
