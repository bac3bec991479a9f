// kabar/serve.h — `kabar serve`: a read-only JSON API over a store (SQLite
// file or ClickHouse), on cpp-httplib. docs/openapi.yaml is the contract.
//
// Requests run concurrently on the server's thread pool; each takes a reader
// from a pool (one SQLite connection or ClickHouse client per request in
// flight), since neither a SQLite handle nor an HTTP client may be shared
// between threads.
#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "kabar/status.h"
#include "kabar/store.h"

namespace httplib {
class Server;
}

namespace kabar {

class ApiServer {
 public:
  // Makes a new reader; called when every pooled one is busy.
  using ReaderFactory = std::function<StatusOr<std::unique_ptr<EventReader>>()>;
  explicit ApiServer(ReaderFactory factory);
  ~ApiServer();
  ApiServer(const ApiServer&) = delete;
  ApiServer& operator=(const ApiServer&) = delete;

  // Serves the files of `dir` (the dashboard) at /; false when it is not a
  // directory.
  bool mount(const std::string& dir);
  // Binds host:port (port 0: any free port) and returns the port.
  StatusOr<int> bind(const std::string& host, int port);
  // Serves until stop() (from another thread or a signal handler's thread).
  void listen();
  void stop();

 private:
  class Lease;
  void routes();
  ReaderFactory factory_;
  std::unique_ptr<httplib::Server> server_;
  std::mutex pool_mu_;
  std::vector<std::unique_ptr<EventReader>> pool_;
};

}  // namespace kabar
