// build_gazetteer — writes build/gazetteer.bin at build time (CMake runs it).
//
//   build_gazetteer CITIES.pbf ISO_CODES_JSON_DIR ADM1_LINKS.tsv NAMES.txt OUT
//
// See include/kabar/gazetteer.h for the sources and the file layout.
#include <cstdio>

#include "kabar/gazetteer.h"

int main(int argc, char** argv) {
  if (argc != 6) {
    std::fprintf(stderr, "usage: %s CITIES.pbf ISO_JSON_DIR ADM1_LINKS.tsv NAMES.txt OUT\n", argv[0]);
    return 2;
  }
  kabar::GazetteerSources src{argv[1], argv[2], argv[3], argv[4]};
  kabar::GazetteerBuildStats stats;
  kabar::Status st = kabar::build_gazetteer(src, argv[5], &stats);
  if (!st.ok()) {
    std::fprintf(stderr, "build_gazetteer: %s\n", st.to_string().c_str());
    return 1;
  }
  std::fprintf(stderr,
               "build_gazetteer: %s: %zu cities, %zu countries, %zu first-level divisions (%zu linked to "
               "GeoNames admin1), %zu keys (%zu other names)\n",
               argv[5], stats.cities, stats.countries, stats.adm1, stats.adm1_linked, stats.keys, stats.exonyms);
  return 0;
}
