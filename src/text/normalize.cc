// Word normalisation: NFKC then full case folding to lower case, so that
// "ＵＳ", "US" and "us" meet, and "İ" does not break a look-up. ASCII words —
// nearly all of Indonesian and English news — take a fast path without ICU.
#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include "kabar/text.h"

namespace kabar {

std::string normalize_word(std::string_view word) {
  bool ascii = true;
  for (char c : word)
    if (static_cast<unsigned char>(c) >= 0x80) { ascii = false; break; }
  std::string out;
  if (ascii) {
    out.resize(word.size());
    for (size_t i = 0; i < word.size(); ++i) {
      char c = word[i];
      out[i] = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    }
    return out;
  }
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(status);
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(word.data(), static_cast<int32_t>(word.size())));
  if (U_SUCCESS(status)) {
    icu::UnicodeString n = nfkc->normalize(u, status);
    if (U_SUCCESS(status)) u = n;
  }
  u.foldCase();
  // Typographic apostrophes inside words (Xi’s) fold to the ASCII one.
  u.findAndReplace(icu::UnicodeString(static_cast<UChar>(0x2019)), icu::UnicodeString("'"));
  u.toUTF8String(out);
  return out;
}

}  // namespace kabar
