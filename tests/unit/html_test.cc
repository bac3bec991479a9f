// Main-content extraction on team-written pages, and the benchmark's scorer.
#include <fstream>
#include <sstream>

#include "kabar/eval.h"
#include "kabar/html.h"
#include "test_support.h"
#include "util/compress.h"

namespace kabar {
namespace {

std::string page(const std::string& name) {
  std::ifstream in(testing::source_dir() + "/tests/data/html/" + name, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

TEST(HtmlTest, ExtractsTheArticleAndItsMetadata) {
  struct Case {
    const char* file;
    const char* title;
    const char* date;
    const char* author;
    const char* lang;
    std::vector<std::string> kept;     // must be in the text
    std::vector<std::string> dropped;  // must not
  };
  const Case cases[] = {
      {"kompas-like.html", "Rusia dan Iran Perkuat Kerja Sama Keamanan", "2022-11-09", "Tim Redaksi Contoh", "id",
       {"TEHERAN, KOMPAS.TV - Kepala keamanan Rusia", "menurut kantor berita resmi Iran.", "Sanksi Barat",
        "menghadapi tekanan tersebut."},
       {"Beranda", "Bagikan", "Baca juga", "Berita Terkait", "Komentar pembaca", "Terpopuler", "Hak cipta",
        "Keterangan foto", "tersembunyi", "Iklan", "color: red"}},
      {"jsonld-en.html", "Talks in Geneva end without a deal", "2024-03-05", "Jane Writer", "",
       {"GENEVA (Example Wire) - Negotiators", "called the talks constructive.", "exchanged during the meetings."},
       {"Home", "Markets", "Sign up", "You may also like"}},
      {"latin1.html", "Café", "", "", "", {"The café on the corner", "mixes old and new recipes."}, {}},
  };
  for (const auto& c : cases) {
    auto a = extract_html(page(c.file));
    ASSERT_TRUE(a.ok()) << c.file << ": " << a.status().to_string();
    EXPECT_EQ(a->title, c.title) << c.file;
    EXPECT_EQ(a->date ? a->date->to_string() : "", c.date) << c.file;
    EXPECT_EQ(a->author, c.author) << c.file;
    EXPECT_EQ(a->lang, c.lang) << c.file;
    const std::string text = a->text();
    for (const auto& k : c.kept) EXPECT_TRUE(has(text, k)) << c.file << ": missing \"" << k << "\" in\n" << text;
    for (const auto& d : c.dropped) EXPECT_FALSE(has(text, d)) << c.file << ": kept \"" << d << "\" in\n" << text;
  }
  EXPECT_EQ(extract_html(page("kompas-like.html"))->canonical_url, "https://contoh.example/internasional/rusia-iran");
}

TEST(HtmlTest, BrokenMarkupIsRepairedNotFatal) {
  const char* pages[] = {
      "<p>Unclosed paragraph one with enough words to be an article paragraph, surely.<p>And another one, also long enough to count",
      "<div><div><div>",
      "",
      "<html><body><table><tr><td>cell text</td></table></html>",
      "\xff\xfe<p>bytes that are not UTF-8 \x80\x81</p>",
  };
  for (const char* p : pages) EXPECT_TRUE(extract_html(p).ok()) << p;
  auto a = extract_html(pages[0]);
  EXPECT_TRUE(has(a->text(), "And another one")) << a->text();
}

TEST(ShingleScoreTest, MatchesTheBenchmarkDefinition) {
  struct Case {
    const char* truth;
    const char* predicted;
    double precision, recall;  // of the page
  };
  const Case cases[] = {
      {"one two three four five", "one two three four five", 1.0, 1.0},
      // Two of the prediction's three shingles are true; both true ones found.
      {"one two three four five", "one two three four five six", 2.0 / 3.0, 1.0},
      {"one two three four five", "two three four five", 1.0, 0.5},
      {"one two three four five", "", 0.0, 0.0},
      // Fewer than four tokens: one shingle of them all. Punctuation is not a token.
      {"hello, world!", "hello world", 1.0, 1.0},
      {"Ünïcode wörds count", "Ünïcode wörds count", 1.0, 1.0},
  };
  for (const auto& c : cases) {
    ShingleScore s = shingle_score(c.truth, c.predicted);
    const double p = s.tp + s.fp > 0 ? s.tp / (s.tp + s.fp) : 0, r = s.tp + s.fn > 0 ? s.tp / (s.tp + s.fn) : 0;
    EXPECT_NEAR(p, c.precision, 1e-9) << c.truth << " | " << c.predicted;
    EXPECT_NEAR(r, c.recall, 1e-9) << c.truth << " | " << c.predicted;
  }
  // Averages: precision over pages with a prediction, recall over pages with a truth.
  auto sum = summarize_shingles({shingle_score("a b c d e", "a b c d e"), shingle_score("a b c d e", "")});
  EXPECT_NEAR(sum.precision, 1.0, 1e-9);
  EXPECT_NEAR(sum.recall, 0.5, 1e-9);
  EXPECT_NEAR(sum.f1, 2.0 / 3.0, 1e-9);
}

TEST(CompressTest, GzipAndZstdWholeAndTruncated) {
  // "kabar\n" gzipped twice (two members) and zstd-compressed, made with gzip -n and zstd.
  const std::string gz1("\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03\xcb\x4e\x4c\x4a\x2c\xe2\x02\x00\x32\x6c\x45\x52\x06\x00\x00\x00", 26);
  EXPECT_EQ(sniff_compression(gz1), Compression::kGzip);
  auto one = gunzip(gz1, "t.gz");
  ASSERT_TRUE(one.ok()) << one.status().to_string();
  EXPECT_EQ(*one, "kabar\n");
  auto two = gunzip(gz1 + gz1, "t.gz");
  ASSERT_TRUE(two.ok());
  EXPECT_EQ(*two, "kabar\nkabar\n") << "members are concatenated";
  std::string partial;
  auto cut = gunzip(gz1.substr(0, 15), "cut.gz", &partial);
  EXPECT_FALSE(cut.ok());
  EXPECT_NE(cut.status().message().find("cut.gz: gzip data truncated"), std::string::npos) << cut.status().message();
  const std::string zst("\x28\xb5\x2f\xfd\x04\x58\x31\x00\x00\x6b\x61\x62\x61\x72\x0a\xa3\x0d\xa5\x5e", 19);
  EXPECT_EQ(sniff_compression(zst), Compression::kZstd);
  auto z = unzstd(zst, "t.zst");
  ASSERT_TRUE(z.ok()) << z.status().to_string();
  EXPECT_EQ(*z, "kabar\n");
  EXPECT_FALSE(unzstd(zst.substr(0, 10), "cut.zst").ok());
  EXPECT_EQ(sniff_compression("plain"), Compression::kNone);
}

// The benchmark itself, when ../shared is present: the scorer reproduces the
// published baselines, and kabar's extraction reaches the floor.
TEST(HtmlBenchmarkTest, ScorerAndExtractionOnTheBenchmark) {
  KABAR_REQUIRE_SHARED("eval/html/ground-truth.json");
  const std::string dir = testing::shared_dir() + "/eval/html";
  struct Baseline {
    const char* file;
    double p, r, f1;  // as the benchmark's README publishes them
  } baselines[] = {{"html-text.json", 0.499, 0.994, 0.665}, {"justext.json", 0.858, 0.756, 0.804},
                   {"readability_js.json", 0.914, 0.982, 0.947}};
  for (const auto& b : baselines) {
    auto r = evaluate_html(dir, dir + "/baseline_outputs/" + b.file);
    ASSERT_TRUE(r.ok()) << r.status().to_string();
    EXPECT_NEAR(r->summary.precision, b.p, 0.0015) << b.file;
    EXPECT_NEAR(r->summary.recall, b.r, 0.0015) << b.file;
    EXPECT_NEAR(r->summary.f1, b.f1, 0.0015) << b.file;
  }
  auto kabar = evaluate_html(dir);
  ASSERT_TRUE(kabar.ok()) << kabar.status().to_string();
  EXPECT_EQ(kabar->pages, 181u);
  EXPECT_EQ(kabar->failed, 0u);
  EXPECT_GE(kabar->summary.f1, 0.92) << format_html_eval(*kabar);
}

}  // namespace
}  // namespace kabar
