#include <gtest/gtest.h>

#include "kabar/clean.h"
#include "test_support.h"

namespace kabar {
namespace {

TEST(DatelineTest, RecognisesWireAndWebStyles) {
  struct Case { const char* line; bool found; const char* place; const char* outlet; const char* rest; } cases[] = {
      {"TEHERAN, KOMPAS.TV - Kepala keamanan", true, "TEHERAN", "KOMPAS.TV", "Kepala keamanan"},
      {"JAKARTA (ANTARA) - Menteri Luar Negeri", true, "JAKARTA", "ANTARA", "Menteri Luar Negeri"},
      {"Jakarta - Polisi menangkap", true, "Jakarta", "", "Polisi menangkap"},
      {"WASHINGTON (Reuters) - The United States", true, "WASHINGTON", "Reuters", "The United States"},
      {"JAKARTA, March 4 (Reuters) - Indonesian police", true, "JAKARTA", "Reuters", "Indonesian police"},
      {"SURABAYA, KOMPAS.com – Kapal perang", true, "SURABAYA", "KOMPAS.com", "Kapal perang"},
      {"Ia berkata bahwa harga naik. Lalu - turun", false, "", "", ""},
      {"tanpa dateline - sama sekali", false, "", "", ""},
      {"Kalimat yang sangat panjang sekali tanpa tanda baca apa pun di sini - lalu", false, "", "", ""},
  };
  for (const auto& c : cases) {
    std::string text = c.line;
    auto d = find_dateline(text, Span{0, static_cast<uint32_t>(text.size())});
    ASSERT_EQ(d.has_value(), c.found) << c.line;
    if (!d) continue;
    EXPECT_EQ(d->place, c.place) << c.line;
    EXPECT_EQ(d->outlet, c.outlet) << c.line;
    EXPECT_EQ(d->place_span.in(text), c.place);
    std::string rest = text.substr(d->span.end);
    EXPECT_EQ(rest.substr(rest.find_first_not_of(' ')), c.rest) << c.line;
  }
}

TEST(CleanTest, SeparatesTitleBodyAndBoilerplate) {
  Article a;
  a.text =
      "Rusia dan Iran Bertemu\n"
      "TEHERAN, KOMPAS.TV - Kepala keamanan bertemu.\n"
      "Baca Juga: Rusia dan AS Segera Berunding\n"
      "Paragraf kedua.\n"
      "Sumber : Straits Times/Tass/Ria Novosti\n"
      "Gabung ke Channel WhatsApp KompasTV untuk update berita terbaru.";
  Document d = clean_article(a, testing::lexicon().boilerplate());
  ASSERT_TRUE(d.title.has_value());
  EXPECT_EQ(d.title->in(a.text), "Rusia dan Iran Bertemu");
  ASSERT_TRUE(d.dateline.has_value());
  EXPECT_EQ(d.dateline->outlet, "KOMPAS.TV");
  ASSERT_EQ(d.body.size(), 2u);
  EXPECT_EQ(d.body[0].in(a.text), "Kepala keamanan bertemu.");
  EXPECT_EQ(d.body[1].in(a.text), "Paragraf kedua.");
  EXPECT_EQ(d.cited_sources, (std::vector<std::string>{"Straits Times", "Tass", "Ria Novosti"}));
  EXPECT_EQ(d.related, (std::vector<std::string>{"Rusia dan AS Segera Berunding"}));
  std::vector<LineKind> kinds;
  for (const auto& l : d.lines) kinds.push_back(l.kind);
  EXPECT_EQ(kinds, (std::vector<LineKind>{LineKind::kTitle, LineKind::kBody, LineKind::kRelated, LineKind::kBody,
                                          LineKind::kSource, LineKind::kPromo}));
}

TEST(CleanTest, NoTitleWhenFirstLineIsASentenceOrTheOnlyLine) {
  Article one;
  one.text = "Polisi menangkap dua orang.";
  EXPECT_FALSE(clean_article(one, {}).title.has_value());
  Article sentence_first;
  sentence_first.text = "Polisi menangkap dua orang.\nLalu mereka dibawa.";
  EXPECT_FALSE(clean_article(sentence_first, {}).title.has_value());
  Article given_title;
  given_title.title = "Judul dari JSON";
  given_title.text = "Judul lain\nIsi.";
  EXPECT_FALSE(clean_article(given_title, {}).title.has_value());
}

}  // namespace
}  // namespace kabar
