#include <filesystem>
#include <map>
#include <fstream>

#include <gtest/gtest.h>
#include <zlib.h>

#include "kabar/ingest.h"

namespace kabar {
namespace {

TEST(Utf8Test, FindsFirstInvalidByte) {
  struct Case { std::string bytes; size_t bad; } cases[] = {
      {"plain ascii", std::string::npos},
      {"Teheran “kamikaze” ✓", std::string::npos},
      {std::string("ab\xC3"), 2},                 // truncated 2-byte sequence
      {std::string("ab\xC0\xAF"), 2},             // overlong
      {std::string("x\xED\xA0\x80"), 1},          // surrogate
      {std::string("\xF4\x90\x80\x80"), 0},       // beyond U+10FFFF
      {std::string("ok\xFFok"), 2},
  };
  for (const auto& c : cases) EXPECT_EQ(find_invalid_utf8(c.bytes), c.bad) << c.bytes;
}

TEST(JsonlRecordTest, ReadsFieldsAndReportsProblemsWithOrigin) {
  IngestOptions opt;
  auto a = parse_jsonl_record(
      R"({"id":"a1","url":"https://x","source":"Antara","date":"2025-03-04","lang":"id","title":"T","text":"Isi berita.","extra":{"k":1}})",
      "in.jsonl:1", opt);
  ASSERT_TRUE(a.ok()) << a.status().to_string();
  EXPECT_EQ(a->id, "a1");
  EXPECT_EQ(a->source, "Antara");
  EXPECT_EQ(a->lang, "id");
  EXPECT_EQ(a->title, "T");
  EXPECT_EQ(a->text, "Isi berita.");
  EXPECT_EQ(a->date, (Date{2025, 3, 4}));

  struct Bad { const char* line; const char* message_part; } bad[] = {
      {R"({"id":"x","text":"a")", "in.jsonl:7: malformed JSON"},
      {R"(["not","object"])", "expected a JSON object"},
      {R"({"id":"x"})", "missing \"text\""},
      {R"({"id":"x","text":"  "})", "empty \"text\""},
      {R"({"id":"x","text":{"a":1}})", "\"text\" must be a string"},
  };
  for (const auto& b : bad) {
    auto r = parse_jsonl_record(b.line, "in.jsonl:7", opt);
    ASSERT_FALSE(r.ok()) << b.line;
    EXPECT_NE(r.status().message().find(b.message_part), std::string::npos) << r.status().message();
  }
  auto odd_date = parse_jsonl_record(R"({"id":"x","text":"a","date":"sometime soon"})", "in.jsonl:3", opt);
  ASSERT_TRUE(odd_date.ok()) << "an unreadable date costs the date, not the article";
  EXPECT_FALSE(odd_date->date.has_value());
  EXPECT_NE(odd_date->date_problem.find("in.jsonl:3: unreadable \"date\""), std::string::npos);
  auto numeric_id = parse_jsonl_record(R"({"id":42,"text":"a"})", "in.jsonl:2", opt);
  ASSERT_TRUE(numeric_id.ok());
  EXPECT_EQ(numeric_id->id, "42");
}

class ReadInputsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("kabar_ingest_" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir_ / "sub");
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  void write(const std::string& rel, const std::string& bytes) {
    std::ofstream(dir_ / rel, std::ios::binary) << bytes;
  }
  std::filesystem::path dir_;
};

TEST_F(ReadInputsTest, BadRecordsCostOnlyThemselvesAndNameTheirPosition) {
  write("b.txt", "JAKARTA - Isi.");
  write("sub/a.txt", "Judul\nJAKARTA - Isi dua.");
  write("c.jsonl", "{\"id\":\"j1\",\"text\":\"satu\"}\n{broken\n\n{\"id\":\"j3\",\"text\":\"tiga\"}\n");
  write("d.txt", std::string("bad \xFF byte"));
  write("e.txt", "   \n");
  write("ignored.dat", "x");
  std::vector<std::string> ids;
  std::vector<std::string> problems;
  int failed = read_inputs({dir_.string(), (dir_ / "missing.txt").string()}, {},
                           [&](Article&& a) { ids.push_back(a.id); },
                           [&](const IngestProblem& p) { problems.push_back(p.status.message()); });
  EXPECT_EQ(failed, 1);  // only the missing path failed to open
  EXPECT_EQ(ids, (std::vector<std::string>{"b", "j1", "j3", "a"}));
  ASSERT_EQ(problems.size(), 4u);
  EXPECT_NE(problems[0].find("c.jsonl:2: malformed JSON"), std::string::npos) << problems[0];
  EXPECT_NE(problems[1].find("d.txt: invalid UTF-8 at byte 4 (line 1)"), std::string::npos) << problems[1];
  EXPECT_NE(problems[2].find("e.txt: empty article"), std::string::npos) << problems[2];
  EXPECT_NE(problems[3].find("missing.txt: no such file or directory"), std::string::npos) << problems[3];
}

TEST_F(ReadInputsTest, DefaultDateAppliesOnlyWhereTheInputHasNone) {
  write("x.jsonl", "{\"id\":\"d\",\"text\":\"a\",\"date\":\"2020-01-02\"}\n{\"id\":\"n\",\"text\":\"b\"}\n");
  IngestOptions opt;
  opt.default_date = Date{2022, 11, 9};
  opt.default_lang = "id";
  std::vector<Article> got;
  read_inputs({(dir_ / "x.jsonl").string()}, opt, [&](Article&& a) { got.push_back(std::move(a)); },
              [](const IngestProblem&) {});
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[0].date, (Date{2020, 1, 2}));
  EXPECT_EQ(got[1].date, (Date{2022, 11, 9}));
  EXPECT_EQ(got[1].lang, "id");
  EXPECT_EQ(got[1].origin, (dir_ / "x.jsonl").string() + ":2");
}

// Compressed inputs and web pages, in a directory and by name.
TEST_F(ReadInputsTest, CompressedFilesAndWebPages) {
  // "Rusia menyerang Ukraina.\n" gzipped (gzip -n).
  const std::string txt_gz(
      "\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03\x0b\x2a\x2d\xce\x4c\x54\xc8\x4d\xcd\xab\x4c\x2d\x4a\xcc\x4b\x57"
      "\x08\xcd\x2e\x4a\xcc\xcc\x4b\xd4\xe3\x02\x00\xa3\x86\x9d\x7e\x19\x00\x00\x00", 45);
  write("a.txt.gz", txt_gz);
  write("b.html",
        "<html lang=\"en\"><head><title>T</title><meta property=\"article:published_time\" content=\"2024-03-05\">"
        "</head><body><nav><a href=\"/\">Home</a></nav><article><p>Russia attacked Ukraine on Monday, officials "
        "said in a statement to reporters.</p></article></body></html>");
  write("c.html", "<html><body><nav><a href=\"/\">Home</a></nav></body></html>");  // no article in it
  write("d.jsonl.gz", txt_gz.substr(0, 20));                                           // truncated
  std::vector<Article> got;
  std::vector<std::string> problems;
  read_inputs({dir_.string()}, {}, [&](Article&& a) { got.push_back(std::move(a)); },
              [&](const IngestProblem& p) { problems.push_back(p.status.message()); });
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[0].id, "a") << "both extensions come off the id";
  EXPECT_EQ(got[0].text, "Rusia menyerang Ukraina.\n");
  EXPECT_EQ(got[1].id, "b");
  EXPECT_EQ(got[1].text, "Russia attacked Ukraine on Monday, officials said in a statement to reporters.");
  EXPECT_EQ(got[1].lang, "en");
  EXPECT_EQ(got[1].date, (Date{2024, 3, 5}));
  ASSERT_EQ(problems.size(), 2u);
  EXPECT_NE(problems[0].find("c.html: no article text found"), std::string::npos) << problems[0];
  EXPECT_NE(problems[1].find("d.jsonl.gz: gzip data truncated"), std::string::npos) << problems[1];
}

TEST_F(ReadInputsTest, ProgressCountsEveryInputByteOnce) {
  write("a.txt", "JAKARTA - Isi satu.");
  std::string jsonl;  // large enough to be read in several chunks
  for (int i = 0; i < 3000; ++i) jsonl += "{\"id\":\"j" + std::to_string(i) + "\",\"text\":\"Polisi menangkap dua tersangka di Bekasi pada Senin malam.\"}\n";
  write("sub/b.jsonl", jsonl);
  write("c.html", "<html><body><p>Polisi menangkap dua tersangka di Bekasi pada Senin malam kemarin.</p></body></html>");
  uint64_t total = 0;
  for (const char* f : {"a.txt", "sub/b.jsonl", "c.html"}) total += std::filesystem::file_size(dir_ / f);
  std::vector<std::pair<uint64_t, uint64_t>> calls;
  IngestOptions opt;
  opt.on_progress = [&](uint64_t done, uint64_t t) { calls.emplace_back(done, t); };
  size_t articles = 0;
  read_inputs({dir_.string()}, opt, [&](Article&&) { ++articles; }, [](const IngestProblem&) {});
  EXPECT_EQ(articles, 3002u);
  ASSERT_FALSE(calls.empty());
  for (size_t i = 0; i < calls.size(); ++i) {
    EXPECT_EQ(calls[i].second, total);
    if (i) {
      EXPECT_GE(calls[i].first, calls[i - 1].first) << "never goes back";
    }
  }
  EXPECT_EQ(calls.back().first, total) << "every byte counted once, streamed or whole";
  EXPECT_GT(calls.size(), 3u) << "a streamed file reports as its chunks are read";
}

TEST_F(ReadInputsTest, CsvWithQuotedMultilineFieldsAndIndonesianHeaders) {
  write("berita.csv",
        "\xef\xbb\xbfid,judul,tautan,tanggal,isi_berita,lain\n"
        "1,\"Judul, dengan koma\",https://contoh.example/1,10/21/2025 20:43,\"Paragraf satu.\n\"\"Kutipan,\"\" ujar Budi.\",x\n"
        "2,Judul dua,https://contoh.example/2,2025-10-20,Teks dua.,y,kolom lebih\n"
        "3,Judul tiga,,,Teks tiga.,z\n"
        "\n"
        "4,Judul empat,,bukan tanggal,Teks empat.,w\n"
        "5,Judul lima,,,\"Kutipan yang tidak pernah ditutup\n");
  write("tanpa-teks.csv", "id,judul\n1,Judul\n");
  std::vector<Article> got;
  std::vector<std::string> problems;
  read_inputs({dir_.string()}, {}, [&](Article&& a) { got.push_back(std::move(a)); },
              [&](const IngestProblem& p) { problems.push_back(p.status.message()); });
  ASSERT_EQ(got.size(), 3u);
  EXPECT_EQ(got[0].id, "1");
  EXPECT_EQ(got[0].title, "Judul, dengan koma");
  EXPECT_EQ(got[0].url, "https://contoh.example/1");
  EXPECT_EQ(got[0].date, (Date{2025, 10, 21})) << "month first when the day-first reading is impossible";
  EXPECT_EQ(got[0].text, "Paragraf satu.\n\"Kutipan,\" ujar Budi.");
  EXPECT_EQ(got[1].id, "3");
  EXPECT_FALSE(got[1].date.has_value());
  EXPECT_EQ(got[2].id, "4");
  ASSERT_EQ(problems.size(), 4u);
  EXPECT_NE(problems[0].find("berita.csv:4: 7 fields where the header has 6"), std::string::npos) << problems[0];
  EXPECT_NE(problems[1].find("berita.csv:7: unreadable date \"bukan tanggal\""), std::string::npos) << problems[1];
  EXPECT_NE(problems[2].find("berita.csv:8: a quoted field is never closed"), std::string::npos) << problems[2];
  EXPECT_NE(problems[3].find("tanpa-teks.csv:1: no text column"), std::string::npos) << problems[3];
}

// CSV files are streamed a record at a time: line endings, quotes at line
// ends, stray quotes inside unquoted fields and compression must read as a
// whole-file parse would.
TEST_F(ReadInputsTest, CsvStreamedRecordByRecord) {
  struct Case {
    const char* name;
    std::string csv;
    std::vector<std::pair<std::string, std::string>> want;  // (id, text)
    std::string problem;                                     // part of the only problem, or empty
  } cases[] = {
      {"crlf", "id,text\r\n1,\"Baris satu.\r\nBaris dua.\"\r\n2,Teks dua.\r\n",
       {{"1", "Baris satu.\r\nBaris dua."}, {"2", "Teks dua."}}, ""},
      {"quote-at-line-end", "id,text\n1,\"Dia berkata \"\"ya\"\"\nlalu pergi.\"\n2,Lain.\n",
       {{"1", "Dia berkata \"ya\"\nlalu pergi."}, {"2", "Lain."}}, ""},
      {"stray-quote", "id,text\n1,Teks \"setengah kutip.\n2,Teks dua.\n",
       {{"1", "Teks \"setengah kutip."}, {"2", "Teks dua."}}, ""},
      {"no-final-newline", "id,text\n1,Satu.\n2,Dua.", {{"1", "Satu."}, {"2", "Dua."}}, ""},
      {"many-lines", "id,text\n1,\"a\n\nb\n\n\nc\"\n", {{"1", "a\n\nb\n\n\nc"}}, ""},
      {"open-at-end", "id,text\n1,Satu.\n2,\"tidak ditutup\nsampai akhir\n", {{"1", "Satu."}},
       ":3: a quoted field is never closed"},
      {"empty", "", {}, "empty CSV file"},
  };
  for (const auto& c : cases) {
    for (bool gz : {false, true}) {
      std::filesystem::remove_all(dir_);
      std::filesystem::create_directories(dir_);
      const std::string file = (dir_ / (gz ? "s.csv.gz" : "s.csv")).string();
      if (gz) {
        gzFile f = gzopen(file.c_str(), "wb");
        ASSERT_NE(f, nullptr);
        if (!c.csv.empty()) gzwrite(f, c.csv.data(), static_cast<unsigned>(c.csv.size()));
        gzclose(f);
      } else {
        write("s.csv", c.csv);
      }
      std::vector<std::pair<std::string, std::string>> got;
      std::vector<std::string> problems;
      read_inputs({file}, {}, [&](Article&& a) { got.emplace_back(a.id, a.text); },
                  [&](const IngestProblem& p) { problems.push_back(p.status.message()); });
      EXPECT_EQ(got, c.want) << c.name << (gz ? " (gzip)" : "");
      if (c.problem.empty()) {
        EXPECT_TRUE(problems.empty()) << c.name << ": " << (problems.empty() ? "" : problems[0]);
      } else {
        ASSERT_EQ(problems.size(), 1u) << c.name;
        EXPECT_NE(problems[0].find(c.problem), std::string::npos) << c.name << ": " << problems[0];
      }
    }
  }
}

TEST(ShardTest, ParsesOneBasedSharesAndRejectsTheRest) {
  struct Case { const char* text; bool ok; uint32_t index, count; } cases[] = {
      {"1/1", true, 0, 1}, {"1/2", true, 0, 2}, {"2/2", true, 1, 2}, {"7/16", true, 6, 16}, {"4096/4096", true, 4095, 4096},
      {"0/2", false, 0, 0}, {"3/2", false, 0, 0}, {"1/0", false, 0, 0}, {"1/4097", false, 0, 0},
      {"2", false, 0, 0}, {"a/b", false, 0, 0}, {"1/2/3", false, 0, 0}, {"", false, 0, 0}, {"-1/2", false, 0, 0},
  };
  for (const auto& c : cases) {
    auto s = parse_shard(c.text);
    ASSERT_EQ(s.has_value(), c.ok) << c.text;
    if (!c.ok) continue;
    EXPECT_EQ(s->index, c.index) << c.text;
    EXPECT_EQ(s->count, c.count) << c.text;
  }
}

// Every article is read by exactly one of N workers, whatever N, and the
// share of an id never changes (the hash is part of the contract).
TEST_F(ReadInputsTest, ShardsPartitionTheArticles) {
  std::string jsonl;
  for (int k = 0; k < 300; ++k)
    jsonl += "{\"id\":\"a" + std::to_string(k) + "\",\"text\":\"Polisi menangkap demonstran.\"}\n";
  write("all.jsonl", jsonl);
  const std::string file = (dir_ / "all.jsonl").string();
  for (uint32_t n : {1u, 2u, 3u, 7u, 16u}) {
    std::map<std::string, int> seen;
    std::vector<size_t> per_share(n, 0);
    for (uint32_t i = 0; i < n; ++i) {
      IngestOptions opt;
      opt.shard = Shard{i, n};
      read_inputs({file}, opt, [&](Article&& a) {
        ++seen[a.id];
        ++per_share[i];
        EXPECT_EQ(shard_of(a.id, n), i) << a.id;
      }, [](const IngestProblem&) {});
    }
    EXPECT_EQ(seen.size(), 300u) << n << " shares";
    for (const auto& [id, times] : seen) EXPECT_EQ(times, 1) << id << " in " << n << " shares";
    for (uint32_t i = 0; i < n; ++i) EXPECT_GT(per_share[i], 300u / n / 2) << "share " << i << " of " << n;
  }
  // Fixed values (FNV-1a 64 of the id, modulo N, worked out by hand): a
  // changed hash would move articles between machines mid-run.
  EXPECT_EQ(shard_of("a0", 16), 4u);
  EXPECT_EQ(shard_of("a0", 7), 3u);
  EXPECT_EQ(shard_of("reuters-1", 4), 1u);
  EXPECT_EQ(shard_of("", 7), 2u);
}

}  // namespace
}  // namespace kabar
