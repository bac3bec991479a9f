// kabar/follow.h — continuous input: a folder watched for new articles.
//
// `kabar ingest --follow DIR` codes what arrives in DIR as it arrives:
//   * a new file of any input format (kabar/ingest.h), once it has stopped
//     changing between two polls (so a file still being written is never
//     read half-way), then never again unless it changes;
//   * new complete lines appended to a plain JSON Lines file, as they come
//     (a line without its newline waits for it); a file that shrinks was
//     replaced and is read again from its start.
// What has been consumed is kept in a checkpoint file (one line per input
// file: path, bytes consumed, lines consumed, modification time), written
// under a temporary name and renamed. The caller commits the checkpoint only
// after the articles it covers are stored, so a crash in between codes them
// again on restart (the store replaces a re-ingested article) and no article
// is lost or counted twice.
#pragma once

#include <map>
#include <string>

#include "kabar/ingest.h"
#include "kabar/status.h"

namespace kabar {

class FolderFollower {
 public:
  // Reads the checkpoint when it exists (a missing one starts afresh; a
  // malformed one is an error naming its line).
  static StatusOr<FolderFollower> open(const std::string& dir, const std::string& checkpoint);

  // One pass over the folder: every article that is ready goes to
  // `on_article` (with the reader options, shares included); returns how many.
  size_t poll(const IngestOptions& options, const ArticleSink& on_article, const ProblemSink& on_problem);
  // Records what the last polls handed over, once it is safely stored.
  Status commit();

  struct Entry {
    uint64_t bytes = 0;      // consumed (JSON Lines) or the whole file's size
    uint64_t lines = 0;      // JSON Lines: lines consumed, for record origins
    int64_t mtime_ns = 0;    // whole files: modification time when consumed
  };

 private:
  FolderFollower() = default;
  std::string dir_, checkpoint_;
  std::map<std::string, Entry> done_;     // committed
  std::map<std::string, Entry> pending_;  // handed over, not yet committed
  std::map<std::string, std::pair<uint64_t, int64_t>> last_seen_;  // whole files: size and time at the last poll
};

}  // namespace kabar
