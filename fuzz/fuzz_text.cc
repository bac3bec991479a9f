// libFuzzer: a plain-text article through the whole pipeline (clean, tokens,
// sentences, mentions, places with the gazetteer, coding, quotes, tone).
#include <cstdint>
#include <memory>
#include <string>

#include "kabar/gazetteer.h"
#include "kabar/ingest.h"
#include "kabar/pipeline.h"

namespace {
struct World {
  std::unique_ptr<kabar::Lexicon> lexicon;
  std::unique_ptr<kabar::Gazetteer> gazetteer;
  std::unique_ptr<kabar::Pipeline> id, en;
};
World& world() {
  static World w = [] {
    World x;
    auto lex = kabar::Lexicon::load(kabar::default_data_dir());
    if (!lex.ok()) __builtin_trap();
    x.lexicon = std::move(lex).value();
    auto gaz = kabar::Gazetteer::open(kabar::Gazetteer::default_path());
    if (gaz.ok()) x.gazetteer = std::make_unique<kabar::Gazetteer>(std::move(gaz).value());
    x.id = std::make_unique<kabar::Pipeline>(*x.lexicon, kabar::PipelineOptions{"id", true}, x.gazetteer.get());
    x.en = std::make_unique<kabar::Pipeline>(*x.lexicon, kabar::PipelineOptions{"en", true}, x.gazetteer.get());
    return x;
  }();
  return w;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto a = kabar::text_article(std::string(reinterpret_cast<const char*>(data), size), "fuzz.txt", {});
  if (!a.ok()) return 0;  // invalid UTF-8 and empty input are refused, as they should be
  World& w = world();
  (size % 2 ? w.en : w.id)->process(std::move(a).value());
  return 0;
}
