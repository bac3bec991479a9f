// A bounded load test of `kabar serve` on loopback: N requests from C
// concurrent keep-alive clients over a mix of API paths; prints requests/s,
// errors and latency percentiles. A measurement, not a pass/fail test
// (docs/PERFORMANCE.md gives the command and the figures).
//
//   build/bench/serve_load PORT [REQUESTS=10000] [CLIENTS=8] [PATH…]
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

#include <httplib.h>

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s PORT [REQUESTS] [CLIENTS] [PATH…]\n", argv[0]);
    return 2;
  }
  const int port = std::atoi(argv[1]);
  const int requests = argc > 2 ? std::atoi(argv[2]) : 10000;
  const int clients = argc > 3 ? std::atoi(argv[3]) : 8;
  std::vector<std::string> paths;
  for (int i = 4; i < argc; ++i) paths.push_back(argv[i]);
  if (paths.empty())
    paths = {"/api/events?limit=50", "/api/events?actor=RUS&limit=100", "/api/stats?by=root", "/api/stats?by=pair",
             "/api/network?limit=50", "/api/health"};
  if (requests <= 0 || clients <= 0) return 2;

  std::vector<std::vector<double>> latencies(static_cast<size_t>(clients));
  std::atomic<int> next{0}, errors{0};
  const auto start = std::chrono::steady_clock::now();
  std::vector<std::thread> threads;
  for (int c = 0; c < clients; ++c)
    threads.emplace_back([&, c] {
      httplib::Client client("127.0.0.1", port);
      client.set_keep_alive(true);
      client.set_tcp_nodelay(true);
      for (int i; (i = next++) < requests;) {
        const std::string& path = paths[static_cast<size_t>(i) % paths.size()];
        auto t0 = std::chrono::steady_clock::now();
        auto r = client.Get(path.c_str());
        auto t1 = std::chrono::steady_clock::now();
        if (!r || r->status != 200) ++errors;
        latencies[static_cast<size_t>(c)].push_back(std::chrono::duration<double, std::milli>(t1 - t0).count());
      }
    });
  for (auto& t : threads) t.join();
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::vector<double> all;
  for (auto& l : latencies) all.insert(all.end(), l.begin(), l.end());
  std::sort(all.begin(), all.end());
  auto pct = [&](double p) { return all[std::min(all.size() - 1, static_cast<size_t>(p / 100.0 * all.size()))]; };
  std::printf("%d requests, %d clients, %zu paths: %.2f s, %.0f requests/s, %d errors\n", requests, clients,
              paths.size(), seconds, requests / seconds, errors.load());
  std::printf("latency ms: p50 %.2f  p90 %.2f  p99 %.2f  p99.9 %.2f  max %.2f\n", pct(50), pct(90), pct(99),
              pct(99.9), all.back());
  return errors ? 1 : 0;
}
