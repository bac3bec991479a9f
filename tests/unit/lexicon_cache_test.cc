// The compiled-dictionary cache: a lexicon read back from it codes exactly as
// one compiled from the files, and a stale, damaged or unwritable cache never
// gives a wrong lexicon.
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "kabar/peer_dictionaries.h"
#include "kabar/pipeline.h"
#include "kabar/sink.h"
#include "test_support.h"

namespace kabar {
namespace {

namespace fs = std::filesystem;

std::string read_all(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Every event of every bundled example, as JSON lines.
std::string code_examples(const Lexicon& lex) {
  std::string out;
  for (const char* lang : {"id", "en"}) {
    Pipeline pipeline(lex, PipelineOptions{lang, true});
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(testing::source_dir() + "/examples/" + lang)) files.push_back(e.path());
    std::sort(files.begin(), files.end());
    for (const auto& f : files) {
      Article a;
      a.id = f.filename().string();
      a.text = read_all(f);
      a.lang = lang;
      for (const auto& e : pipeline.process(std::move(a)).events) out += event_to_json(e, lex) + "\n";
    }
  }
  return out;
}

class LexiconCacheTest : public ::testing::Test {
 public:  // the table of cases below changes the fixture's files
  void SetUp() override {
    root_ = fs::temp_directory_path() / ("kabar_cache_" + std::to_string(::getpid()));
    fs::remove_all(root_);
    fs::create_directories(root_);
    data_ = root_ / "data";
    fs::copy(testing::data_dir(), data_, fs::copy_options::recursive);
    cache_ = root_ / "cache";
  }
  void TearDown() override { fs::remove_all(root_); }

  // Loads through the cache; returns the lexicon and whether the cache served it.
  std::pair<std::unique_ptr<Lexicon>, bool> load() {
    bool from_cache = false;
    auto lex = Lexicon::load_cached(data_.string(), cache_.string(), &from_cache);
    EXPECT_TRUE(lex.ok()) << lex.status().to_string();
    return {lex.ok() ? std::move(lex).value() : nullptr, from_cache};
  }
  std::vector<fs::path> cache_files() const {
    std::vector<fs::path> out;
    if (fs::exists(cache_))
      for (const auto& e : fs::directory_iterator(cache_)) out.push_back(e.path());
    return out;
  }

  fs::path root_, data_, cache_;
};

TEST_F(LexiconCacheTest, CachedLexiconCodesAsCompiledOne) {
  auto [first, first_cached] = load();
  ASSERT_NE(first, nullptr);
  EXPECT_FALSE(first_cached) << "nothing cached yet";
  ASSERT_EQ(cache_files().size(), 1u) << "the compiled lexicon was written";
  auto [second, second_cached] = load();
  ASSERT_NE(second, nullptr);
  EXPECT_TRUE(second_cached);

  const std::string compiled = code_examples(testing::lexicon());
  EXPECT_GT(std::count(compiled.begin(), compiled.end(), '\n'), 10) << "the examples have events to compare";
  EXPECT_EQ(code_examples(*second), compiled);
  for (const char* lang : {"id", "en"}) {
    const LexiconStats a = testing::lexicon().stats(lang), b = second->stats(lang);
    EXPECT_EQ(a.actors, b.actors) << lang;
    EXPECT_EQ(a.patterns, b.patterns) << lang;
    EXPECT_EQ(a.derived_patterns, b.derived_patterns) << lang;
    EXPECT_EQ(a.words, b.words) << lang;
    EXPECT_EQ(a.places, b.places) << lang;
    EXPECT_EQ(a.codes_used, b.codes_used) << lang;
  }
  // Each lexicon has its own serial, so tokens never carry one's ids to the other.
  EXPECT_NE(first->language("id")->serial(), second->language("id")->serial());
}

TEST_F(LexiconCacheTest, StaleDamagedOrUnwritableCacheIsNeverUsed) {
  struct Case {
    const char* name;
    std::function<void(LexiconCacheTest&)> change;
    bool cached_after;  // whether the load after the change may come from the cache
  } cases[] = {
      {"unchanged", [](LexiconCacheTest&) {}, true},
      {"dictionary edited (same size)",
       [](LexiconCacheTest& t) {
         // Same length, new content: only the content tells it apart.
         fs::path f = t.data_ / "lexicon/id/actors/zz-test.txt";
         std::ofstream(f) << "RUS : Rusiaa\n";
       },
       false},
      {"cache cut short",
       [](LexiconCacheTest& t) {
         for (const auto& f : t.cache_files()) fs::resize_file(f, fs::file_size(f) / 2);
       },
       false},
      {"cache byte flipped",
       [](LexiconCacheTest& t) {
         for (const auto& f : t.cache_files()) {
           std::fstream io(f, std::ios::in | std::ios::out | std::ios::binary);
           io.seekp(static_cast<std::streamoff>(fs::file_size(f) / 2));
           io.put('\x5a');
         }
       },
       false},
      {"cache folder not writable",
       [](LexiconCacheTest& t) {
         fs::remove_all(t.cache_);
         std::ofstream(t.cache_) << "a file where the folder should be\n";
       },
       false},
  };
  for (const auto& c : cases) {
    SetUp();
    std::ofstream(data_ / "lexicon/id/actors/zz-test.txt") << "RUS : Rusiax\n";
    auto [before, unused] = load();  // compiles and writes the cache
    ASSERT_NE(before, nullptr) << c.name;
    c.change(*this);
    auto [after, cached] = load();
    ASSERT_NE(after, nullptr) << c.name;
    EXPECT_EQ(cached, c.cached_after) << c.name;
    // Whatever happened, the lexicon is the files' own.
    auto compiled = Lexicon::load(data_.string());
    ASSERT_TRUE(compiled.ok()) << c.name;
    EXPECT_EQ(code_examples(*after), code_examples(**compiled)) << c.name;
    const LanguageLexicon* id = after->language("id");
    const bool has_rusiaa = id->word_id("rusiaa") != 0, has_rusiax = id->word_id("rusiax") != 0;
    EXPECT_EQ(has_rusiaa, std::string(c.name) == "dictionary edited (same size)") << c.name;
    EXPECT_EQ(has_rusiax, !has_rusiaa) << c.name;
    if (!cached && fs::is_directory(cache_)) {
      auto [again, again_cached] = load();
      EXPECT_TRUE(again_cached) << c.name << ": the rebuilt cache serves the next run";
    }
    TearDown();
  }
}

// Peer dictionaries (--dict) go through the cache keyed by their converted
// lines: the same files load from it, an edited file compiles again, and the
// plain dictionaries never get a peer lexicon from it (or the reverse).
TEST_F(LexiconCacheTest, PeerDictionariesAreCachedByTheirConvertedLines) {
  const fs::path verbs = root_ / "team.verbs", actors = root_ / "team.actors";
  std::ofstream(actors) << "NORLAND [NOR]\nSUDLAND [SUD]\n";
  auto code_of = [](const Lexicon& lex, const std::string& text) {
    Pipeline pipeline(lex, PipelineOptions{"en", false});
    std::string out;
    for (const auto& e : pipeline.process(testing::article("t", text, "en", "2015-06-01")).events)
      out += (e.source ? e.source->code : "") + "/" + (e.target ? e.target->code : "") + "/" + e.code + " ";
    return out;
  };
  struct Step {
    const char* name;
    const char* verbs;   // the verbs file for this step
    bool peers;          // loaded with --dict
    bool cached;         // whether the cache serves it
    const char* events;  // "Norland praised Sudland for … last week." (TABARI codes 8 words or more)
  } steps[] = {
      {"first load compiles", "PRAIS [051]\n", true, false, "NOR/SUD/051 "},
      {"same files: from the cache", "PRAIS [051]\n", true, true, "NOR/SUD/051 "},
      {"verbs file edited", "PRAIS [052]\n", true, false, "NOR/SUD/052 "},
      {"edited file again: cached", "PRAIS [052]\n", true, true, "NOR/SUD/052 "},
      {"no --dict: kabar's own, compiled", "PRAIS [052]\n", false, false, ""},
      {"no --dict again: cached, still kabar's own", "PRAIS [052]\n", false, true, ""},
  };
  for (const auto& step : steps) {
    std::ofstream(verbs) << step.verbs;
    auto peers = read_peer_dictionaries({"tabari:" + verbs.string(), "tabari:" + actors.string()});
    ASSERT_TRUE(peers.ok()) << peers.status().to_string();
    LexiconOptions options;
    if (step.peers) options.peer_files = &peers->files;
    bool from_cache = false;
    auto lex = Lexicon::load_cached(data_.string(), options, cache_.string(), &from_cache);
    ASSERT_TRUE(lex.ok()) << step.name << ": " << lex.status().to_string();
    EXPECT_EQ(from_cache, step.cached) << step.name;
    EXPECT_EQ((*lex)->peer_codes(), step.peers) << step.name;
    // kabar's own English has no Norland: no event without the peer actors.
    EXPECT_EQ(code_of(**lex, "Norland praised Sudland for its help with the floods last week."), step.events) << step.name;
  }
}

}  // namespace
}  // namespace kabar
