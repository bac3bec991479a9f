// kabar/parallel.h — code many articles on several threads, output in order.
//
// Articles are gathered into batches (at most `batch_size` at a time, so
// memory stays bounded whatever the input size); each batch is coded by
// `threads` workers pulling articles off a shared counter, and the results are
// handed to `sink` in input order on the calling thread. Output is therefore
// byte-identical whatever the thread count.
#pragma once

#include <functional>
#include <vector>

#include "kabar/pipeline.h"

namespace kabar {

class OrderedParallelCoder {
 public:
  using Sink = std::function<void(ArticleResult&&)>;

  // threads <= 0 means all hardware threads.
  OrderedParallelCoder(const Pipeline& pipeline, int threads, size_t batch_size, Sink sink);

  // Queues an article; codes and flushes a batch when it is full.
  void add(Article&& article);
  // Codes and flushes whatever is queued.
  void finish();
  int threads() const { return threads_; }

 private:
  void run_batch();
  const Pipeline& pipeline_;
  int threads_;
  size_t batch_size_;
  Sink sink_;
  std::vector<Article> batch_;
};

}  // namespace kabar
