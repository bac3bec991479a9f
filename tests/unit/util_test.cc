#include <gtest/gtest.h>

#include "util/md5.h"
#include "util/zip.h"

namespace kabar {
namespace {

TEST(Md5Test, Rfc1321TestSuite) {
  struct Case { const char* in; const char* hex; } cases[] = {
      {"", "d41d8cd98f00b204e9800998ecf8427e"},
      {"a", "0cc175b9c0f1b6a831c399e269772661"},
      {"abc", "900150983cd24fb0d6963f7d28e17f72"},
      {"message digest", "f96b697d7cb7938d525a2f31aaf161d0"},
      {"abcdefghijklmnopqrstuvwxyz", "c3fcd3d76192e4007dfb496cca67e13b"},
      {"12345678901234567890123456789012345678901234567890123456789012345678901234567890",
       "57edf4a22be3c955ac49da2e2107b67a"},
  };
  for (const auto& c : cases) EXPECT_EQ(md5_hex(c.in), c.hex) << c.in;
}

TEST(ZipTest, RoundTripsAndRejectsDamage) {
  std::string data;
  for (int i = 0; i < 2000; ++i) data += "410412347\t20140218\tGOV\t043\n";
  auto zip = zip_one_entry("20150218230000.export.CSV", data);
  ASSERT_TRUE(zip.ok());
  EXPECT_LT(zip->size(), data.size() / 10) << "deflated";
  EXPECT_EQ(zip->substr(30, 25), "20150218230000.export.CSV");
  auto back = unzip_one_entry(*zip);
  ASSERT_TRUE(back.ok()) << back.status().to_string();
  EXPECT_EQ(*back, data);
  std::string broken = *zip;
  broken[60] ^= 0x55;
  EXPECT_FALSE(unzip_one_entry(broken).ok());
  EXPECT_FALSE(unzip_one_entry("not a zip").ok());
}

}  // namespace
}  // namespace kabar
