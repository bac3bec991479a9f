// The folder follower behind `kabar ingest --follow` (kabar/follow.h).
#include "kabar/follow.h"

#include <sys/stat.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <vector>

#include <fmt/format.h>

namespace kabar {
namespace fs = std::filesystem;

namespace {

constexpr const char* kHeader = "# kabar follow checkpoint v1: path, bytes, lines, mtime_ns";

bool stat_file(const std::string& path, uint64_t& size, int64_t& mtime_ns) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return false;
  size = static_cast<uint64_t>(st.st_size);
  mtime_ns = static_cast<int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
  return true;
}

}  // namespace

StatusOr<FolderFollower> FolderFollower::open(const std::string& dir, const std::string& checkpoint) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec))
    return Status(ErrorCode::kNotFound, fmt::format("{}: not a directory to follow", dir));
  FolderFollower f;
  f.dir_ = dir;
  f.checkpoint_ = checkpoint;
  std::ifstream in(checkpoint);
  if (!in) return f;  // nothing consumed yet
  std::string line;
  size_t n = 0;
  while (std::getline(in, line)) {
    ++n;
    if (line.empty() || line[0] == '#') continue;
    // path \t bytes \t lines \t mtime (the path may hold anything but a tab or newline)
    const size_t t3 = line.rfind('\t');
    const size_t t2 = t3 == std::string::npos || t3 == 0 ? std::string::npos : line.rfind('\t', t3 - 1);
    const size_t t1 = t2 == std::string::npos || t2 == 0 ? std::string::npos : line.rfind('\t', t2 - 1);
    Entry e;
    try {
      if (t1 == std::string::npos) throw std::invalid_argument("fields");
      e.bytes = std::stoull(line.substr(t1 + 1, t2 - t1 - 1));
      e.lines = std::stoull(line.substr(t2 + 1, t3 - t2 - 1));
      e.mtime_ns = std::stoll(line.substr(t3 + 1));
    } catch (const std::exception&) {
      return Status(ErrorCode::kParse,
                    fmt::format("{}:{}: expected PATH<TAB>BYTES<TAB>LINES<TAB>MTIME_NS", checkpoint, n));
    }
    f.done_[line.substr(0, t1)] = e;
  }
  return f;
}

size_t FolderFollower::poll(const IngestOptions& options, const ArticleSink& on_article,
                            const ProblemSink& on_problem) {
  std::vector<std::string> files;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(dir_, fs::directory_options::skip_permission_denied, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    std::error_code fec;
    if (it->is_regular_file(fec) && is_article_file_name(it->path().string())) files.push_back(it->path().string());
  }
  std::sort(files.begin(), files.end());  // byte order of paths, as a directory input is read
  size_t handed = 0;
  auto count = [&](Article&& a) {
    ++handed;
    on_article(std::move(a));
  };
  for (const auto& path : files) {
    uint64_t size = 0;
    int64_t mtime = 0;
    if (!stat_file(path, size, mtime)) continue;  // gone since the walk
    Entry known;
    if (auto p = pending_.find(path); p != pending_.end()) known = p->second;
    else if (auto d = done_.find(path); d != done_.end()) known = d->second;

    if (is_plain_jsonl_file_name(path)) {
      if (size < known.bytes) {  // replaced or truncated: read it again
        on_problem({Status(ErrorCode::kParse, fmt::format("{}: shrank to {} bytes; reading it again from the start",
                                                          path, size)),
                    false});
        known = Entry{};
        pending_[path] = known;  // said once, even before a complete line arrives
      }
      if (size == known.bytes) continue;
      const JsonlTail got = read_jsonl_tail(path, {known.bytes, known.lines}, options, count, on_problem);
      if (got.bytes != known.bytes) pending_[path] = Entry{got.bytes, got.lines, 0};
      continue;
    }

    // Any other file: whole, once it holds still between two polls.
    if (known.bytes == size && known.mtime_ns == mtime && (done_.count(path) || pending_.count(path))) continue;
    auto seen = last_seen_.find(path);
    const bool settled = seen != last_seen_.end() && seen->second == std::make_pair(size, mtime);
    last_seen_[path] = {size, mtime};
    if (!settled) continue;
    read_inputs({path}, options, count, on_problem);
    pending_[path] = Entry{size, 0, mtime};
  }
  return handed;
}

Status FolderFollower::commit() {
  if (pending_.empty()) return Status();
  for (auto& [path, e] : pending_) done_[path] = e;
  pending_.clear();
  const std::string tmp = checkpoint_ + ".partial";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) return Status(ErrorCode::kIo, fmt::format("{}: cannot write the checkpoint", tmp));
    out << kHeader << '\n';
    for (const auto& [path, e] : done_) out << path << '\t' << e.bytes << '\t' << e.lines << '\t' << e.mtime_ns << '\n';
    if (!out.flush()) return Status(ErrorCode::kIo, fmt::format("{}: cannot write the checkpoint", tmp));
  }
  std::error_code ec;
  fs::rename(tmp, checkpoint_, ec);
  if (ec) return Status(ErrorCode::kIo, fmt::format("{}: {}", checkpoint_, ec.message()));
  return Status();
}

}  // namespace kabar
