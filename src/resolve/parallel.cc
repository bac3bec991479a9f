#include "kabar/parallel.h"

#include <atomic>
#include <thread>

namespace kabar {

OrderedParallelCoder::OrderedParallelCoder(const Pipeline& pipeline, int threads, size_t batch_size, Sink sink)
    : pipeline_(pipeline), batch_size_(batch_size ? batch_size : 1), sink_(std::move(sink)) {
  threads_ = threads > 0 ? threads : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  batch_.reserve(batch_size_);
}

void OrderedParallelCoder::add(Article&& article) {
  batch_.push_back(std::move(article));
  if (batch_.size() >= batch_size_) run_batch();
}

void OrderedParallelCoder::finish() { run_batch(); }

void OrderedParallelCoder::run_batch() {
  if (batch_.empty()) return;
  std::vector<ArticleResult> results(batch_.size());
  if (threads_ == 1 || batch_.size() == 1) {
    for (size_t i = 0; i < batch_.size(); ++i) results[i] = pipeline_.process(std::move(batch_[i]));
  } else {
    std::atomic<size_t> next{0};
    auto work = [&] {
      for (size_t i; (i = next.fetch_add(1)) < batch_.size();) results[i] = pipeline_.process(std::move(batch_[i]));
    };
    std::vector<std::thread> pool;
    int n = std::min<int>(threads_, static_cast<int>(batch_.size()));
    for (int t = 1; t < n; ++t) pool.emplace_back(work);
    work();  // the calling thread works too
    for (auto& th : pool) th.join();
  }
  batch_.clear();
  for (auto& r : results) sink_(std::move(r));
}

}  // namespace kabar
