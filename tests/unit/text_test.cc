#include <gtest/gtest.h>

#include "kabar/text.h"
#include "test_support.h"

namespace kabar {
namespace {

std::vector<std::string> token_texts(std::string_view text) {
  std::vector<Token> tokens;
  tokenize(text, Span{0, static_cast<uint32_t>(text.size())}, tokens);
  std::vector<std::string> out;
  for (const auto& t : tokens) out.emplace_back(t.span.in(text));
  return out;
}

TEST(TokenizerTest, KeepsWordInternalJoinersAndSplitsPunctuation) {
  struct Case { const char* text; std::vector<std::string> tokens; } cases[] = {
      {"rudal permukaan-ke-permukaan", {"rudal", "permukaan-ke-permukaan"}},
      {"drone Shahed-136 Iran.", {"drone", "Shahed-136", "Iran", "."}},
      {"Rabu, (9/11/2022).", {"Rabu", ",", "(", "9/11/2022", ")", "."}},
      {"Rp 1.000,5 juta", {"Rp", "1.000,5", "juta"}},
      {"the U.S. said", {"the", "U.S.", "said"}},
      {"TEHERAN, KOMPAS.TV - Kepala", {"TEHERAN", ",", "KOMPAS.TV", "-", "Kepala"}},
      {"“kamikaze” ke Rusia", {"“", "kamikaze", "”", "ke", "Rusia"}},
      {"Russia's drones", {"Russia's", "drones"}},
      {"Xi’s visit", {"Xi’s", "visit"}},
      {"a, b", {"a", ",", "b"}},
      {"1,5 dan 2, 3", {"1,5", "dan", "2", ",", "3"}},
  };
  for (const auto& c : cases) EXPECT_EQ(token_texts(c.text), c.tokens) << c.text;
}

TEST(TokenizerTest, OffsetsPointIntoOriginalBytesAndNormsAreLowerCase) {
  std::string text = "Kepala keamanan RUSIA dan Ｉｒａｎ";
  std::vector<Token> tokens;
  tokenize(text, Span{0, static_cast<uint32_t>(text.size())}, tokens);
  ASSERT_EQ(tokens.size(), 5u);
  EXPECT_EQ(tokens[2].span.in(text), "RUSIA");
  EXPECT_EQ(tokens[2].norm, "rusia");
  EXPECT_TRUE(tokens[0].capitalized);
  EXPECT_FALSE(tokens[1].capitalized);
  EXPECT_EQ(tokens[4].norm, "iran");  // NFKC folds full-width letters
  EXPECT_EQ(tokens[3].kind, TokenKind::kWord);
}

TEST(TokenizerTest, QuoteKinds) {
  std::string text = "kata \"ya\" lalu “tidak”";
  std::vector<Token> tokens;
  tokenize(text, Span{0, static_cast<uint32_t>(text.size())}, tokens);
  ASSERT_EQ(tokens.size(), 8u);  // kata " ya " lalu “ tidak ”
  EXPECT_EQ(tokens[1].kind, TokenKind::kOpenQuote);
  EXPECT_EQ(tokens[3].kind, TokenKind::kCloseQuote);
  EXPECT_EQ(tokens[5].kind, TokenKind::kOpenQuote);
  EXPECT_EQ(tokens[7].kind, TokenKind::kCloseQuote);
}

std::vector<std::string> sentences_of(std::string_view text, const SentenceRules& rules) {
  std::vector<Token> tokens;
  tokenize(text, Span{0, static_cast<uint32_t>(text.size())}, tokens);
  auto ss = split_sentences(text, tokens, 0, static_cast<uint32_t>(tokens.size()), rules, 0);
  std::vector<std::string> out;
  for (const auto& s : ss) out.emplace_back(s.span.in(text));
  return out;
}

TEST(SentenceSplitTest, SplitsAtStopsButNotAtAbbreviationsOrInitials) {
  const std::unordered_set<std::string> abbreviations{"no", "jl", "dr", "mr"};
  SentenceRules rules{abbreviations};
  struct Case { const char* text; std::vector<std::string> sentences; } cases[] = {
      {"Rusia menyerang. Ukraina membalas.", {"Rusia menyerang.", "Ukraina membalas."}},
      {"Ia tinggal di Jl. Sudirman No. 5. Ia pergi.", {"Ia tinggal di Jl. Sudirman No. 5.", "Ia pergi."}},
      {"Dipimpin H. Agus Salim. Rapat usai.", {"Dipimpin H. Agus Salim.", "Rapat usai."}},
      {"“Kami siap,” katanya. “Besok.”", {"“Kami siap,” katanya.", "“Besok.”"}},
      {"Apa? Tidak! Ya.", {"Apa?", "Tidak!", "Ya."}},
      {"Harga naik 1.000,5 persen. Lalu turun.", {"Harga naik 1.000,5 persen.", "Lalu turun."}},
      {"Mr. Smith met the U.S. envoy.", {"Mr. Smith met the U.S. envoy."}},
      {"kata dia. lalu pergi", {"kata dia. lalu pergi"}},
      {"Tanpa titik di akhir", {"Tanpa titik di akhir"}},
  };
  for (const auto& c : cases) EXPECT_EQ(sentences_of(c.text, rules), c.sentences) << c.text;
}

// Real Indonesian news shapes, with the project's own abbreviation list.
TEST(SentenceSplitTest, IndonesianNewsShapesWithProjectAbbreviations) {
  SentenceRules rules{testing::lexicon().language("id")->abbreviations()};
  const std::string text =
      "Kuasa hukumnya, Budi S.H. M.H., hadir. Ia membawa uang Rp 1.000,5 juta dll. untuk sidang. "
      "Dr. Ani dan dr. Budi datang pada Rabu (9/11/2022). Kasus ini ditangani H. Agus di Jl. Merdeka No. 5. "
      "Menurutnya, ada tiga hal: 1. biaya; 2. waktu. Selesai.";
  EXPECT_EQ(sentences_of(text, rules),
            (std::vector<std::string>{"Kuasa hukumnya, Budi S.H. M.H., hadir.",
                                      "Ia membawa uang Rp 1.000,5 juta dll. untuk sidang.",
                                      "Dr. Ani dan dr. Budi datang pada Rabu (9/11/2022).",
                                      "Kasus ini ditangani H. Agus di Jl. Merdeka No. 5.",
                                      "Menurutnya, ada tiga hal: 1. biaya; 2. waktu.", "Selesai."}));
}

TEST(LanguageGuessTest, UsesStopwordMajority) {
  std::unordered_set<std::string> id{"yang", "dan", "di", "ini"}, en{"the", "and", "of", "said"};
  auto guess = [&](std::string_view text) {
    std::vector<Token> tokens;
    tokenize(text, Span{0, static_cast<uint32_t>(text.size())}, tokens);
    return guess_language(tokens, id, en);
  };
  EXPECT_EQ(guess("Presiden yang baru dan menteri di Jakarta ini"), "id");
  EXPECT_EQ(guess("The president of Iran said the talks"), "en");
  EXPECT_EQ(guess("Zelensky Putin"), "");
}

}  // namespace
}  // namespace kabar
