#include <gtest/gtest.h>

#include "kabar/ingest.h"
#include "kabar/parallel.h"
#include "kabar/sink.h"
#include "test_support.h"

namespace kabar {
namespace {

std::vector<std::string> run(int threads, size_t batch) {
  Pipeline pipeline(testing::lexicon(), {"id", false});
  std::vector<std::string> lines;
  OrderedParallelCoder coder(pipeline, threads, batch, [&](ArticleResult&& r) {
    lines.push_back("article " + r.article.id);
    for (const auto& e : r.events) lines.push_back(event_to_json(e, testing::lexicon()));
  });
  // Each example several times, so batches hold many articles.
  for (int copy = 0; copy < 5; ++copy)
    read_inputs({testing::source_dir() + "/examples"}, {}, [&](Article&& a) { coder.add(std::move(a)); },
                [](const IngestProblem&) {});
  coder.finish();
  return lines;
}

TEST(OrderedParallelCoderTest, OutputDoesNotDependOnThreadsOrBatchSize) {
  auto one = run(1, 256);
  ASSERT_GT(one.size(), 50u);
  EXPECT_EQ(run(4, 256), one);
  EXPECT_EQ(run(3, 7), one);   // batch boundaries inside the input
  EXPECT_EQ(run(2, 1), one);
}

}  // namespace
}  // namespace kabar
