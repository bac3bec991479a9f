// gen_country_names — print CLDR country names for kabar's actor dictionaries.
//
// Reads the CAMEO country table (TSV with header `code label kind iso2 fips10_4`, e.g.
// /work/shared/reference/cameo/cameo_countries.tsv) and prints, for every row that has an ISO2
// code, one dictionary line
//
//     ISO3 country : <ICU display name of the ISO2 region in LOCALE>
//
// LOCALE is an ICU locale id such as "id" or "en". Rows without an ISO2 code (CAMEO regions such
// as WST, EUR, and legacy codes such as TMP, ROM, MTN, IMY) are skipped: write those by hand.
// The output is only the base of data/lexicon/{id,en}/actors/countries.txt; exonyms, short forms,
// capitals and adjectives are added by hand afterwards.
//
// Build and run (from the repository root; libicu-dev is installed by scripts/setup):
//
//     g++ -std=c++20 -O1 tools/gen_country_names.cc $(pkg-config --cflags --libs icu-uc icu-i18n) -o /tmp/gcn
//     /tmp/gcn /work/shared/reference/cameo/cameo_countries.tsv id > /tmp/countries.id.txt
//     /tmp/gcn /work/shared/reference/cameo/cameo_countries.tsv en > /tmp/countries.en.txt
//
// ICU maps some deprecated ISO2 codes to their successors (AN, Netherlands Antilles, is printed
// as Curaçao); check such rows by hand.
//
// Exit status: 0 on success, 1 on bad usage, 2 if the table cannot be read.

#include <unicode/locid.h>
#include <unicode/unistr.h>

#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

namespace {

std::vector<std::string> split_tabs(const std::string& line) {
  std::vector<std::string> out;
  std::string field;
  std::istringstream in(line);
  while (std::getline(in, field, '\t')) out.push_back(field);
  if (!line.empty() && line.back() == '\t') out.emplace_back();
  return out;
}

std::string trim(std::string s) {
  while (!s.empty() && (s.back() == '\r' || s.back() == ' ')) s.pop_back();
  std::size_t i = 0;
  while (i < s.size() && s[i] == ' ') ++i;
  return s.substr(i);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: " << argv[0] << " cameo_countries.tsv LOCALE   (LOCALE: id, en, …)\n";
    return 1;
  }
  std::ifstream table(argv[1]);
  if (!table) {
    std::cerr << argv[0] << ": cannot read " << argv[1] << "\n";
    return 2;
  }
  const icu::Locale display(argv[2]);

  std::string line;
  bool header = true;
  int printed = 0;
  while (std::getline(table, line)) {
    if (header) {  // `code label kind iso2 fips10_4`
      header = false;
      continue;
    }
    const auto f = split_tabs(line);
    if (f.size() < 4) continue;
    const std::string iso3 = trim(f[0]);
    const std::string iso2 = trim(f[3]);
    if (iso3.size() != 3 || iso2.size() != 2) continue;

    // A locale "und_XX" names only the region; getDisplayCountry gives its CLDR name.
    const icu::Locale region("und", iso2.c_str());
    icu::UnicodeString name;
    region.getDisplayCountry(display, name);
    std::string utf8;
    name.toUTF8String(utf8);
    if (utf8.empty() || utf8 == iso2) {
      std::cerr << argv[0] << ": no " << argv[2] << " name for " << iso3 << " (" << iso2 << ")\n";
      continue;
    }
    std::cout << iso3 << " country : " << utf8 << "\n";
    ++printed;
  }
  std::cerr << argv[0] << ": " << printed << " names\n";
  return 0;
}
