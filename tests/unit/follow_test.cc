// The folder follower: what arrives is handed over once, partial lines and
// files being written wait, and the checkpoint keeps that across restarts.
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "kabar/follow.h"

namespace kabar {
namespace {

namespace fs = std::filesystem;

class FollowTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() / ("kabar_follow_" + std::to_string(::getpid()));
    fs::remove_all(root_);
    fs::create_directories(root_ / "in");
    checkpoint_ = (root_ / "store.db.follow").string();
  }
  void TearDown() override { fs::remove_all(root_); }
  void append(const std::string& rel, const std::string& bytes) {
    std::ofstream(root_ / "in" / rel, std::ios::binary | std::ios::app) << bytes;
  }
  FolderFollower open() {
    auto f = FolderFollower::open((root_ / "in").string(), checkpoint_);
    EXPECT_TRUE(f.ok()) << f.status().to_string();
    return std::move(f).value();
  }
  // The ids handed over by one poll, and the problems said.
  std::vector<std::string> poll(FolderFollower& f, std::vector<std::string>* problems = nullptr) {
    std::vector<std::string> ids;
    f.poll({}, [&](Article&& a) { ids.push_back(a.id); },
           [&](const IngestProblem& p) { if (problems) problems->push_back(p.status.message()); });
    return ids;
  }
  static std::string record(const std::string& id) {
    return "{\"id\":\"" + id + "\",\"text\":\"Polisi menangkap demonstran.\"}\n";
  }

  fs::path root_;
  std::string checkpoint_;
};

using Ids = std::vector<std::string>;

TEST_F(FollowTest, JsonLinesAreReadAsTheyAreAppended) {
  auto f = open();
  append("feed.jsonl", record("a") + record("b") + "{\"id\":\"c\",\"te");
  EXPECT_EQ(poll(f), (Ids{"a", "b"})) << "a line without its newline waits";
  ASSERT_TRUE(f.commit().ok());
  EXPECT_EQ(poll(f), Ids{});
  append("feed.jsonl", "xt\":\"Rusia menyerang Ukraina.\"}\n" + record("d"));
  EXPECT_EQ(poll(f), (Ids{"c", "d"}));
  ASSERT_TRUE(f.commit().ok());

  auto again = open();  // a restart reads on from the checkpoint
  EXPECT_EQ(poll(again), Ids{});
  append("feed.jsonl", record("e"));
  EXPECT_EQ(poll(again), Ids{"e"});
}

TEST_F(FollowTest, WholeFilesWaitUntilTheyHoldStill) {
  auto f = open();
  append("a.txt", "Polisi menangkap dua demonstran di Jakarta.\n");
  EXPECT_EQ(poll(f), Ids{}) << "first seen: it may still be being written";
  EXPECT_EQ(poll(f), Ids{"a"});
  EXPECT_EQ(poll(f), Ids{}) << "read once";
  ASSERT_TRUE(f.commit().ok());
  append("a.txt", "Rusia menyerang Ukraina.\n");  // changed: read again once it settles
  EXPECT_EQ(poll(f), Ids{});
  EXPECT_EQ(poll(f), Ids{"a"});
}

TEST_F(FollowTest, UncommittedArticlesAreHandedOverAgainAfterARestart) {
  {
    auto f = open();
    append("feed.jsonl", record("a"));
    EXPECT_EQ(poll(f), Ids{"a"});
    ASSERT_TRUE(f.commit().ok());
    append("feed.jsonl", record("b"));
    EXPECT_EQ(poll(f), Ids{"b"});
    // No commit: the store never confirmed "b" (a crash, say).
  }
  auto f = open();
  EXPECT_EQ(poll(f), Ids{"b"}) << "nothing lost, and \"a\" not again";
}

TEST_F(FollowTest, AFileThatShrankIsReadAgainFromItsStart) {
  auto f = open();
  append("feed.jsonl", record("a") + record("b"));
  EXPECT_EQ(poll(f), (Ids{"a", "b"}));
  ASSERT_TRUE(f.commit().ok());
  fs::remove(root_ / "in" / "feed.jsonl");
  append("feed.jsonl", record("c"));
  std::vector<std::string> problems;
  EXPECT_EQ(poll(f, &problems), Ids{"c"});
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_NE(problems[0].find("feed.jsonl: shrank"), std::string::npos) << problems[0];
}

TEST_F(FollowTest, BadCheckpointOrFolderIsAnError) {
  struct Case { const char* checkpoint; const char* folder; const char* message; } cases[] = {
      {"# header\nin/feed.jsonl\t12\tx\t0\n", "in", "store.db.follow:2: expected PATH<TAB>BYTES<TAB>LINES<TAB>MTIME_NS"},
      {"just a path\n", "in", "store.db.follow:1: expected"},
      {"", "missing", "missing: not a directory to follow"},
  };
  for (const auto& c : cases) {
    std::ofstream(checkpoint_, std::ios::trunc) << c.checkpoint;
    auto f = FolderFollower::open((root_ / c.folder).string(), checkpoint_);
    ASSERT_FALSE(f.ok()) << c.message;
    EXPECT_NE(f.status().message().find(c.message), std::string::npos) << f.status().message();
  }
}

}  // namespace
}  // namespace kabar
