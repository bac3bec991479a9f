// libFuzzer: web pages through main-content extraction, and the result
// through the article builder (any charset, broken markup, huge nesting).
#include <cstdint>
#include <string_view>

#include "kabar/html.h"
#include "kabar/ingest.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view html(reinterpret_cast<const char*>(data), size);
  auto a = kabar::html_article(html, "fuzz.html", {});
  (void)a;
  return 0;
}
