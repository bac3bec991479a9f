// Benchmarks of the whole pipeline and of dictionary loading.
//
//   build/bench/kabar_bench --benchmark_counters_tabular=true
//
// Inputs are the team-written examples/ (always present), so the figures are
// comparable between machines and commits; corpus-scale throughput on
// ../shared is measured by bench/corpus_throughput.sh. Results are recorded in
// docs/PERFORMANCE.md.
#include <benchmark/benchmark.h>

#include "kabar/ingest.h"
#include "kabar/lexicon.h"
#include "kabar/pipeline.h"

namespace {

using namespace kabar;

const std::string kData = std::string(KABAR_SOURCE_DIR) + "/data";

std::vector<Article> example_articles(const std::string& lang) {
  std::vector<Article> out;
  read_inputs({std::string(KABAR_SOURCE_DIR) + "/examples/" + lang}, {}, [&](Article&& a) { out.push_back(std::move(a)); },
              [](const IngestProblem&) {});
  return out;
}

void BM_LoadLexicon(benchmark::State& state) {
  for (auto _ : state) {
    auto lex = Lexicon::load(kData);
    if (!lex.ok()) state.SkipWithError(lex.status().message().c_str());
    benchmark::DoNotOptimize(lex);
  }
}
BENCHMARK(BM_LoadLexicon)->Unit(benchmark::kMillisecond);

// The same lexicon read back from the compiled cache (written once before
// the timed loop, to a folder of its own).
void BM_LoadLexiconFromCache(benchmark::State& state) {
  const std::string cache = std::string(KABAR_BINARY_DIR) + "/bench-lexicon-cache";
  bool from_cache = false;
  if (!Lexicon::load_cached(kData, cache, &from_cache).ok()) { state.SkipWithError("cannot compile"); return; }
  for (auto _ : state) {
    auto lex = Lexicon::load_cached(kData, cache, &from_cache);
    if (!lex.ok() || !from_cache) { state.SkipWithError("the cache was not used"); return; }
    benchmark::DoNotOptimize(lex);
  }
}
BENCHMARK(BM_LoadLexiconFromCache)->Unit(benchmark::kMillisecond);

void BM_Pipeline(benchmark::State& state, const std::string& lang) {
  auto lex = Lexicon::load(kData);
  if (!lex.ok()) { state.SkipWithError(lex.status().message().c_str()); return; }
  Pipeline pipeline(**lex, {lang, false});
  auto articles = example_articles(lang);
  size_t bytes = 0, sentences = 0, events = 0;
  for (auto _ : state) {
    for (const auto& a : articles) {
      ArticleResult r = pipeline.process(a);
      bytes += a.text.size();
      sentences += r.sentences.size();
      events += r.events.size();
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
  state.counters["sentences/s"] = benchmark::Counter(static_cast<double>(sentences), benchmark::Counter::kIsRate);
  state.counters["events/s"] = benchmark::Counter(static_cast<double>(events), benchmark::Counter::kIsRate);
}
BENCHMARK_CAPTURE(BM_Pipeline, indonesian_examples, std::string("id"))->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_Pipeline, english_examples, std::string("en"))->Unit(benchmark::kMicrosecond);

}  // namespace
