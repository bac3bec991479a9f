// libFuzzer: web archives (plain, gzip or zstd), their records, HTTP
// responses (chunked, gzip bodies) and the pages in them.
#include <cstdint>
#include <string_view>

#include "kabar/html.h"
#include "kabar/warc.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  kabar::read_warc_documents(
      bytes, "fuzz.warc",
      [](kabar::WarcDocument&& doc) {
        if (doc.content_type == "text/html") (void)kabar::extract_html(doc.body);
      },
      [](const kabar::Status&) {});
  return 0;
}
