// Streaming decompression: lines and exact reads across chunk and member
// boundaries, and damage reported with what came before it kept.
#include <zlib.h>
#include <zstd.h>

#include <string>

#include "test_support.h"
#include "util/stream.h"

namespace kabar {
namespace {

using testing::gzip;

std::string zstd(const std::string& s) {
  std::string out(ZSTD_compressBound(s.size()), '\0');
  out.resize(ZSTD_compress(out.data(), out.size(), s.data(), s.size(), 1));
  return out;
}

std::vector<std::string> lines_of(ByteStream& in, bool* complete = nullptr) {
  LineReader r(in);
  std::vector<std::string> out;
  std::string line;
  while (r.getline(line)) out.push_back(line);
  if (complete) *complete = r.last_line_complete();
  return out;
}

TEST(StreamTest, LinesSurviveChunksMembersAndCodecs) {
  // 5,000 numbered lines (~150 KB): several 64 KiB chunks.
  std::string text;
  for (int i = 0; i < 5000; ++i) text += "line number " + std::to_string(i) + " of the test input\n";
  const std::string half = text.substr(0, text.size() / 2), rest = text.substr(text.size() / 2);
  struct Case {
    const char* name;
    std::string bytes;
  } cases[] = {
      {"plain", text}, {"gzip", gzip(text)}, {"gzip, two members", gzip(half) + gzip(rest)},
      {"gzip, members padded with zeros", gzip(text) + std::string(8, '\0')}, {"zstd", zstd(text)},
      {"zstd, two frames", zstd(half) + zstd(rest)},
  };
  for (const auto& c : cases) {
    auto in = memory_stream(c.bytes, c.name);
    auto lines = lines_of(*in);
    ASSERT_EQ(lines.size(), 5000u) << c.name;
    EXPECT_EQ(lines[0], "line number 0 of the test input") << c.name;
    EXPECT_EQ(lines[4999], "line number 4999 of the test input") << c.name;
    EXPECT_TRUE(in->status().ok()) << c.name << ": " << in->status().to_string();
  }
}

TEST(StreamTest, ExactReadsAndOffsets) {
  auto in = memory_stream(gzip("WARC/1.0\r\nContent-Length: 5\r\n\r\nhello\r\n\r\n"), "t.warc.gz");
  LineReader r(*in);
  std::string line, block;
  ASSERT_TRUE(r.getline(line));
  EXPECT_EQ(line, "WARC/1.0\r");
  ASSERT_TRUE(r.getline(line));
  ASSERT_TRUE(r.getline(line));
  EXPECT_EQ(line, "\r");
  EXPECT_EQ(r.offset(), 31u);
  ASSERT_TRUE(r.read_exact(5, block));
  EXPECT_EQ(block, "hello");
  EXPECT_FALSE(r.read_exact(100, block)) << "only 4 bytes are left";
  EXPECT_EQ(block, "hello\r\n\r\n");
}

TEST(StreamTest, TruncationKeepsWhatCameBeforeAndSaysWhere) {
  std::string text;
  for (int i = 0; i < 60000; ++i) text += "line " + std::to_string(i) + "\n";  // several zstd blocks
  for (const auto& [name, bytes] : {std::pair<std::string, std::string>{"cut.gz", gzip(text)},
                                    std::pair<std::string, std::string>{"cut.zst", zstd(text)}}) {
    auto cut = bytes.substr(0, bytes.size() / 2);
    auto in = memory_stream(cut, name);
    bool complete = true;
    auto lines = lines_of(*in, &complete);
    EXPECT_GT(lines.size(), 100u) << name;
    EXPECT_LT(lines.size(), 60000u) << name;
    EXPECT_EQ(lines[0], "line 0") << name;
    EXPECT_FALSE(in->status().ok()) << name;
    EXPECT_NE(in->status().message().find(name + ": "), std::string::npos) << in->status().message();
    EXPECT_NE(in->status().message().find("truncated"), std::string::npos) << in->status().message();
  }
  auto missing = open_stream("/nonexistent/kabar.jsonl.gz");
  EXPECT_EQ(missing.status().code(), ErrorCode::kNotFound);
}

}  // namespace
}  // namespace kabar
