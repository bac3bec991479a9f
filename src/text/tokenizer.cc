// The tokeniser.
//
// One pass over the UTF-8 bytes. Letters and digits run together into a token;
// a hyphen, apostrophe, dot, slash or comma between two alphanumerics stays
// inside it, so "permukaan-ke-permukaan", "Shahed-136", "U.S.", "KOMPAS.TV",
// "9/11/2022" and "1.000,5" are single tokens. A dot that closes an
// abbreviation-like run of single letters ("U.S.") is kept too. Every other
// non-space character is a token of its own. Code points are classified with
// ICU's character properties, so Unicode letters and punctuation behave.
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "kabar/text.h"

namespace kabar {
namespace {

struct CodePoint {
  UChar32 c;
  int32_t begin;
  int32_t end;
};

// Most news text is ASCII: one byte is one code point, no ICU call.
inline CodePoint decode(std::string_view text, int32_t pos, int32_t limit) {
  const auto byte = static_cast<unsigned char>(text[pos]);
  if (byte < 0x80) return CodePoint{byte, pos, pos + 1};
  CodePoint cp;
  cp.begin = pos;
  UChar32 c;
  U8_NEXT(reinterpret_cast<const uint8_t*>(text.data()), pos, limit, c);
  cp.c = c < 0 ? 0xFFFD : c;
  cp.end = pos;
  return cp;
}

bool is_alnum_beyond_ascii(UChar32 c) {
  return u_isalnum(c) || u_hasBinaryProperty(c, UCHAR_ALPHABETIC) ||
         u_charType(c) == U_NON_SPACING_MARK || u_charType(c) == U_COMBINING_SPACING_MARK;
}

inline bool is_alnum(UChar32 c) {
  if (c < 0x80) return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  return is_alnum_beyond_ascii(c);
}

inline bool is_upper(UChar32 c) { return c < 0x80 ? c >= 'A' && c <= 'Z' : u_isupper(c); }

bool is_space(UChar32 c) {
  if (c < 0x80) return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
  return u_isUWhiteSpace(c) || c == 0xFEFF || c == 0x200B;
}

// Characters that may join two alphanumeric runs into one token.
bool is_joiner(UChar32 c) {
  return c == '-' || c == '\'' || c == 0x2019 || c == '.' || c == '/' || c == ',' || c == 0x2010 ||
         c == 0x2011 || c == '_' || c == '&';
}

bool is_digit(UChar32 c) { return c >= '0' && c <= '9'; }

TokenKind punct_kind(UChar32 c, bool after_space_or_start) {
  switch (c) {
    case 0x201C: case 0x00AB: case 0x2018: case 0x201E: return TokenKind::kOpenQuote;
    case 0x201D: case 0x00BB: case 0x2019: return TokenKind::kCloseQuote;
    case '"': return after_space_or_start ? TokenKind::kOpenQuote : TokenKind::kCloseQuote;
    default: return TokenKind::kPunct;
  }
}

}  // namespace

void tokenize(std::string_view text, Span span, std::vector<Token>& out) {
  const int32_t limit = static_cast<int32_t>(span.end);
  int32_t pos = static_cast<int32_t>(span.begin);
  bool prev_space = true;
  while (pos < limit) {
    CodePoint cp = decode(text, pos, limit);
    if (is_space(cp.c)) {
      pos = cp.end;
      prev_space = true;
      continue;
    }
    if (!is_alnum(cp.c)) {
      Token t;
      t.span = {static_cast<uint32_t>(cp.begin), static_cast<uint32_t>(cp.end)};
      t.kind = punct_kind(cp.c, prev_space);
      t.norm = std::string(text.substr(cp.begin, cp.end - cp.begin));
      out.push_back(std::move(t));
      pos = cp.end;
      prev_space = false;
      continue;
    }
    // An alphanumeric run, extended across joiners.
    int32_t start = cp.begin;
    int32_t end = cp.end;
    bool all_digits = is_digit(cp.c);
    bool first_upper = is_upper(cp.c);
    int segment_len = 1;
    int segments = 1;
    // "U.S." shape: every segment one letter, joined by dots.
    bool dotted_initials = !is_digit(cp.c);
    pos = cp.end;
    while (pos < limit) {
      CodePoint next = decode(text, pos, limit);
      if (is_alnum(next.c)) {
        if (!is_digit(next.c)) all_digits = false;
        if (++segment_len > 1) dotted_initials = false;
        end = next.end;
        pos = next.end;
        continue;
      }
      if (is_joiner(next.c) && next.end < limit) {
        CodePoint after = decode(text, next.end, limit);
        if (is_alnum(after.c)) {
          // A comma joins only digits (1.000,5); other joiners join anything.
          if (next.c == ',' && !(all_digits && is_digit(after.c))) break;
          if (next.c != '.' || is_digit(after.c)) dotted_initials = false;
          if (!is_digit(after.c)) all_digits = false;
          segment_len = 1;
          ++segments;
          end = after.end;
          pos = after.end;
          continue;
        }
      }
      if (next.c == '.' && dotted_initials && segments >= 2) {
        end = next.end;
        pos = next.end;
      }
      break;
    }
    Token t;
    t.span = {static_cast<uint32_t>(start), static_cast<uint32_t>(end)};
    t.kind = all_digits ? TokenKind::kNumber : TokenKind::kWord;
    // A run starting with a digit that contains separators is a number (9/11/2022).
    if (!all_digits && is_digit(static_cast<unsigned char>(text[start]))) {
      bool numeric = true;
      for (int32_t i = start; i < end; ++i) {
        char ch = text[i];
        if (!(is_digit(static_cast<unsigned char>(ch)) || ch == '.' || ch == ',' || ch == '/' || ch == '-')) {
          numeric = false;
          break;
        }
      }
      if (numeric) t.kind = TokenKind::kNumber;
    }
    t.capitalized = first_upper;
    t.norm = normalize_word(text.substr(start, end - start));
    out.push_back(std::move(t));
    prev_space = false;
  }
}

std::vector<std::string> phrase_tokens(std::string_view phrase) {
  std::vector<Token> tokens;
  tokenize(phrase, Span{0, static_cast<uint32_t>(phrase.size())}, tokens);
  std::vector<std::string> out;
  out.reserve(tokens.size());
  for (auto& t : tokens) out.push_back(std::move(t.norm));
  return out;
}

std::string guess_language(const std::vector<Token>& tokens,
                           const std::unordered_set<std::string>& id_stopwords,
                           const std::unordered_set<std::string>& en_stopwords) {
  size_t id = 0, en = 0;
  for (const auto& t : tokens) {
    if (t.kind != TokenKind::kWord) continue;
    if (id_stopwords.count(t.norm)) ++id;
    if (en_stopwords.count(t.norm)) ++en;
  }
  return language_from_counts(id, en);
}

std::string language_from_counts(size_t id, size_t en) {
  if (id == 0 && en == 0) return {};
  // Ask for a clear majority so a quoted English phrase in an Indonesian story
  // does not flip it.
  if (id >= 2 * en + 1) return "id";
  if (en >= 2 * id + 1) return "en";
  return id >= en ? "id" : "en";
}

}  // namespace kabar
