// kabar/text.h — tokens and sentences with byte offsets into the original.
//
// The tokeniser works on the original UTF-8 bytes and never rewrites them: a
// Token's span points into Article::text, and its `norm` is the lower-cased,
// NFKC-normalised form used for dictionary look-ups. That keeps the way back
// from every match to the bytes the user gave us.
//
// All functions here are pure and thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "kabar/span.h"

namespace kabar {

enum class TokenKind : uint8_t {
  kWord,        // letters, possibly with digits, inner hyphens, apostrophes, dots (U.S., KOMPAS.TV)
  kNumber,      // digits with inner separators: 1.000,5  9/11/2022  24
  kPunct,       // one punctuation character: , . ; : ! ? ( ) -
  kOpenQuote,   // “ « ‘ and a straight " that opens
  kCloseQuote,  // ” » ’ and a straight " that closes
};

struct Token {
  Span span;
  std::string norm;  // lower case, NFKC; curly apostrophes folded to '
  TokenKind kind = TokenKind::kWord;
  bool capitalized = false;  // first letter upper case in the original
  // Filled by LanguageLexicon::word_id()/base_id() on first use: the token's
  // vocabulary ids in one language's lexicon, tagged with that lexicon's
  // serial so ids of two lexicons never mix. A token is read by one thread at
  // a time (its article's), so caching through a const reference is safe.
  mutable uint32_t vocab_serial = 0;
  mutable uint32_t word_id = 0;
  mutable uint32_t base_id = 0;
  // The longest stem (a dictionary word written `stem*`, as TABARI and
  // PETRARCH dictionaries mostly are) that begins the token; 0 when none.
  mutable uint32_t stem_id = 0;
};

struct Sentence {
  Span span;
  uint32_t first_token = 0;  // index into the token vector
  uint32_t end_token = 0;    // one past the last token
  uint32_t index = 0;        // 0-based position among the article's sentences
};

struct SentenceRules {
  // Lower-cased abbreviations without their final dot ("no", "jl", "mr").
  // A reference: the lexicon's set is consulted, never copied per article.
  const std::unordered_set<std::string>& abbreviations;
};

// Tokenises text[span] and appends to `out`.
void tokenize(std::string_view text, Span span, std::vector<Token>& out);

// Splits the tokens of one block (a paragraph) into sentences. `first_index`
// numbers the first sentence; returns the sentences in order.
std::vector<Sentence> split_sentences(std::string_view text, const std::vector<Token>& tokens,
                                      uint32_t first_token, uint32_t end_token,
                                      const SentenceRules& rules, uint32_t first_index);

// Lower-cases and NFKC-normalises one word (ASCII fast path, ICU otherwise).
std::string normalize_word(std::string_view word);

// Splits a dictionary phrase into normalised tokens exactly as text is split,
// so "Dewan Keamanan PBB" and the text "dewan keamanan PBB" meet.
std::vector<std::string> phrase_tokens(std::string_view phrase);

// Guesses "id" or "en" from stopword counts; returns empty when unsure.
std::string guess_language(const std::vector<Token>& tokens,
                           const std::unordered_set<std::string>& id_stopwords,
                           const std::unordered_set<std::string>& en_stopwords);
// The decision of guess_language from the two counts.
std::string language_from_counts(size_t id_stopwords, size_t en_stopwords);

}  // namespace kabar
