// The memory-mapped gazetteer: opening, look-up by key, and scoring in context.
#include "kabar/gazetteer.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <mutex>

#include <fmt/format.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include "kabar/hash.h"
#include "kabar/text.h"

#ifndef KABAR_DEFAULT_GAZETTEER
#define KABAR_DEFAULT_GAZETTEER ""
#endif

namespace kabar {

const char* geo_kind_name(GeoKind k) {
  switch (k) {
    case GeoKind::kCountry: return "country";
    case GeoKind::kAdm1: return "adm1";
    case GeoKind::kCity: return "city";
  }
  return "city";
}

namespace {
constexpr const char* kFeatureNames[] = {"", "PPLC", "PPLG", "PPLA", "PPLA2", "PPLA3", "PPLA4", "PPL", "other"};
}

const char* geo_feature_name(GeoFeature f) {
  auto i = static_cast<size_t>(f);
  return i < std::size(kFeatureNames) ? kFeatureNames[i] : "other";
}

GeoFeature geo_feature_from_name(std::string_view code) {
  if (code.empty()) return GeoFeature::kNone;
  for (size_t i = 1; i + 1 < std::size(kFeatureNames); ++i)
    if (code == kFeatureNames[i]) return static_cast<GeoFeature>(i);
  return GeoFeature::kOther;
}

// ---------------------------------------------------------------------------
// Keys

namespace {

// Letters that carry no combining mark in NFD but are read as plain Latin by
// anyone typing the name without them (Łódź → lodz, Tromsø → tromso).
void fold_special(icu::UnicodeString& u) {
  static const std::pair<UChar32, const char*> kMap[] = {
      {0x0142, "l"}, {0x00F8, "o"}, {0x0111, "d"}, {0x00DF, "ss"}, {0x00E6, "ae"},
      {0x0131, "i"}, {0x0153, "oe"}, {0x00F0, "d"}, {0x00FE, "th"}, {0x0127, "h"}};
  for (const auto& [c, s] : kMap) u.findAndReplace(icu::UnicodeString(c), icu::UnicodeString(s));
}

std::string fold_diacritics(const std::string& norm) {
  bool ascii = std::all_of(norm.begin(), norm.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
  if (ascii) return norm;
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status)) return norm;
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(norm.data(), static_cast<int32_t>(norm.size())));
  icu::UnicodeString d = nfd->normalize(u, status);
  if (U_FAILURE(status)) return norm;
  icu::UnicodeString stripped;
  for (int32_t i = 0; i < d.length();) {
    UChar32 c = d.char32At(i);
    if (u_charType(c) != U_NON_SPACING_MARK) stripped.append(c);
    i += U16_LENGTH(c);
  }
  fold_special(stripped);
  icu::UnicodeString out = nfc->normalize(stripped, status);
  std::string s;
  (U_SUCCESS(status) ? out : stripped).toUTF8String(s);
  return s;
}

bool is_punct_norm(const std::string& n) {
  // A token of punctuation alone: the tokenizer gives these one character each.
  return n.size() <= 3 && !n.empty() && !std::isalnum(static_cast<unsigned char>(n[0])) &&
         static_cast<unsigned char>(n[0]) < 0x80;
}

}  // namespace

std::string geo_key_from_norms(std::span<const std::string> norms) {
  std::string key;
  for (const auto& n : norms) {
    if (n.empty() || is_punct_norm(n)) continue;
    if (!key.empty()) key += ' ';
    key += fold_diacritics(n);
  }
  return key;
}

std::string geo_key(std::string_view name) {
  auto toks = phrase_tokens(name);
  return geo_key_from_norms(toks);
}

// ---------------------------------------------------------------------------
// Scoring

double geo_score(const GeoPlace& p, bool exonym, const GeoContext& ctx) {
  (void)exonym;  // an exonym is as good a name as the canonical one
  double s = 0;
  switch (p.kind) {
    // A country's name nearly always means the country (Georgia, Jordan), and a
    // first-level division's name its division, over any town of that name.
    case GeoKind::kCountry: s = 11; break;
    case GeoKind::kAdm1: s = 8; break;
    case GeoKind::kCity: {
      s = std::log10(static_cast<double>(p.population) + 10.0);
      switch (p.feature) {
        case GeoFeature::kPPLC: s += 3; break;
        case GeoFeature::kPPLG: s += 2.5; break;
        case GeoFeature::kPPLA: s += 2; break;
        case GeoFeature::kPPLA2: s += 1; break;
        case GeoFeature::kOther: s -= 1; break;  // sections of cities, localities
        default: break;
      }
      break;
    }
  }
  auto want = [&](GeoKind k) { s += p.kind == k ? 6 : -6; };
  switch (ctx.cue) {
    case GeoCue::kCity: want(GeoKind::kCity); break;
    case GeoCue::kAdm1: want(GeoKind::kAdm1); break;
    case GeoCue::kCountry: want(GeoKind::kCountry); break;
    case GeoCue::kNone: break;
  }
  auto in = [&](const std::vector<std::string>& v) { return std::find(v.begin(), v.end(), p.iso2) != v.end(); };
  if (in(ctx.place_countries)) s += 3.5;
  if (in(ctx.actor_countries)) s += 1.5;
  if (!ctx.dateline_country.empty() && ctx.dateline_country == p.iso2) s += 2;
  return s;
}

// ---------------------------------------------------------------------------
// The mapped file

struct Gazetteer::Mapping {
  std::string path;
  const char* base = nullptr;
  size_t size = 0;
  const GeoFileHeader* header = nullptr;
  const GeoRecord* records = nullptr;
  const GeoKeyRecord* keys = nullptr;
  const char* strings = nullptr;

  // A Bloom filter over the keys (2^21 bits, two per key: about 1.5 % false
  // positives at 140,000 keys), built on the first has_key(): the geocoder
  // asks about every capitalised run of words, and most are no place, which
  // the filter settles without a binary search through the mapped file.
  static constexpr unsigned kFilterBits = 21;
  mutable std::once_flag filter_once;
  mutable std::vector<uint64_t> filter;

  ~Mapping() {
    if (base) munmap(const_cast<char*>(base), size);
  }
  // The two bit positions of a key: the hash's top and next bits.
  static std::pair<uint32_t, uint32_t> filter_bits(std::string_view key) {
    const uint64_t h = table_hash(key);
    return {static_cast<uint32_t>(h >> (64 - kFilterBits)),
            static_cast<uint32_t>((h >> (64 - 2 * kFilterBits)) & ((1u << kFilterBits) - 1))};
  }
  bool may_have_key(std::string_view key) const {
    std::call_once(filter_once, [this] {
      filter.assign((size_t{1} << kFilterBits) / 64, 0);
      for (uint32_t i = 0; i < header->key_count; ++i) {
        auto [a, b] = filter_bits(this->key(keys[i]));
        filter[a / 64] |= uint64_t{1} << (a % 64);
        filter[b / 64] |= uint64_t{1} << (b % 64);
      }
    });
    auto [a, b] = filter_bits(key);
    return ((filter[a / 64] >> (a % 64)) & 1u) && ((filter[b / 64] >> (b % 64)) & 1u);
  }
  std::string_view str(uint32_t off, uint32_t len) const { return {strings + off, len}; }
  std::string_view key(const GeoKeyRecord& k) const { return str(k.key_off, k.key_len); }
};

Gazetteer::Gazetteer(Gazetteer&&) noexcept = default;
Gazetteer& Gazetteer::operator=(Gazetteer&&) noexcept = default;
Gazetteer::~Gazetteer() = default;

std::string Gazetteer::default_path() {
  if (const char* env = std::getenv("KABAR_GAZETTEER"); env && *env) return env;
  return KABAR_DEFAULT_GAZETTEER;
}

StatusOr<Gazetteer> Gazetteer::open(const std::string& path) {
  auto m = std::make_unique<Mapping>();
  m->path = path;
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return Status(errno == ENOENT ? ErrorCode::kNotFound : ErrorCode::kIo,
                  fmt::format("{}: cannot open gazetteer: {}", path, std::strerror(errno)));
  struct stat st {};
  if (fstat(fd, &st) != 0) {
    int e = errno;
    ::close(fd);
    return Status(ErrorCode::kIo, fmt::format("{}: {}", path, std::strerror(e)));
  }
  m->size = static_cast<size_t>(st.st_size);
  auto bad = [&](const std::string& why) {
    return Status(ErrorCode::kData, fmt::format("{}: not a kabar gazetteer (version {}): {}", path, kGeoFileVersion, why));
  };
  if (m->size < sizeof(GeoFileHeader)) {
    ::close(fd);
    return bad(fmt::format("{} bytes is shorter than the header", m->size));
  }
  void* p = mmap(nullptr, m->size, PROT_READ, MAP_SHARED, fd, 0);
  ::close(fd);
  if (p == MAP_FAILED) return Status(ErrorCode::kIo, fmt::format("{}: mmap: {}", path, std::strerror(errno)));
  m->base = static_cast<const char*>(p);
  const auto* h = reinterpret_cast<const GeoFileHeader*>(m->base);
  if (std::memcmp(h->magic, "KABARGZ", 8) != 0) return bad("wrong magic");
  if (h->version != kGeoFileVersion) return bad(fmt::format("file is version {}", h->version));
  auto fits = [&](uint64_t off, uint64_t bytes) { return off <= m->size && bytes <= m->size - off; };
  if (!fits(h->records_off, uint64_t{h->record_count} * sizeof(GeoRecord)) ||
      !fits(h->keys_off, uint64_t{h->key_count} * sizeof(GeoKeyRecord)) || !fits(h->strings_off, h->string_bytes))
    return bad("a table runs past the end of the file (truncated?)");
  if (uint64_t{h->country_count} + h->adm1_count > h->record_count) return bad("block counts exceed the records");
  m->header = h;
  m->records = reinterpret_cast<const GeoRecord*>(m->base + h->records_off);
  m->keys = reinterpret_cast<const GeoKeyRecord*>(m->base + h->keys_off);
  m->strings = m->base + h->strings_off;
  // Every string and record reference in bounds, checked once here so look-ups
  // never need to.
  auto str_ok = [&](uint32_t off, uint32_t len) { return uint64_t{off} + len <= h->string_bytes; };
  for (uint32_t i = 0; i < h->record_count; ++i) {
    const auto& r = m->records[i];
    if (!str_ok(r.name_off, r.name_len) || !str_ok(r.admin1_off, r.admin1_len) ||
        !str_ok(r.subdivision_off, r.subdivision_len) || r.kind > 2)
      return bad(fmt::format("record {} is out of bounds", i));
  }
  for (uint32_t i = 0; i < h->key_count; ++i) {
    const auto& k = m->keys[i];
    if (!str_ok(k.key_off, k.key_len) || k.record >= h->record_count)
      return bad(fmt::format("key {} is out of bounds", i));
  }
  Gazetteer g;
  g.map_ = std::move(m);
  return g;
}

size_t Gazetteer::size() const { return map_->header->record_count; }
size_t Gazetteer::key_count() const { return map_->header->key_count; }

GeoPlace Gazetteer::place(uint32_t index) const {
  const auto& r = map_->records[index];
  GeoPlace p;
  p.index = index;
  p.kind = static_cast<GeoKind>(r.kind);
  p.feature = static_cast<GeoFeature>(r.feature);
  p.name = map_->str(r.name_off, r.name_len);
  p.iso2 = std::string_view(r.iso2, 2);
  p.admin1 = map_->str(r.admin1_off, r.admin1_len);
  p.subdivision = map_->str(r.subdivision_off, r.subdivision_len);
  p.geonames_id = r.geonames_id;
  p.population = r.population;
  if (r.has_point) {
    p.lat = r.lat_e5 / 1e5;
    p.lon = r.lon_e5 / 1e5;
  }
  return p;
}

namespace {
std::pair<const GeoKeyRecord*, const GeoKeyRecord*> key_range(const Gazetteer::Mapping& m, std::string_view key) {
  const GeoKeyRecord* first = m.keys;
  const GeoKeyRecord* last = m.keys + m.header->key_count;
  auto lo = std::lower_bound(first, last, key, [&](const GeoKeyRecord& k, std::string_view v) { return m.key(k) < v; });
  auto hi = std::upper_bound(lo, last, key, [&](std::string_view v, const GeoKeyRecord& k) { return v < m.key(k); });
  return {lo, hi};
}
}  // namespace

bool Gazetteer::has_key(std::string_view key) const {
  if (!map_->may_have_key(key)) return false;
  auto [lo, hi] = key_range(*map_, key);
  return lo != hi;
}

std::vector<GeoCandidate> Gazetteer::candidates_for_key(std::string_view key, const GeoContext& ctx) const {
  std::vector<GeoCandidate> out;
  auto [lo, hi] = key_range(*map_, key);
  for (auto k = lo; k != hi; ++k) {
    // One place can have a key twice (canonical and exonym): keep one.
    if (std::any_of(out.begin(), out.end(), [&](const GeoCandidate& c) { return c.place.index == k->record; }))
      continue;
    GeoCandidate c;
    c.place = place(k->record);
    c.exonym = k->exonym != 0;
    c.score = geo_score(c.place, c.exonym, ctx);
    out.push_back(c);
  }
  // Best first; ties by population, then by record order so output is stable.
  std::stable_sort(out.begin(), out.end(), [](const GeoCandidate& a, const GeoCandidate& b) {
    if (a.score != b.score) return a.score > b.score;
    return a.place.population > b.place.population;
  });
  return out;
}

std::vector<GeoCandidate> Gazetteer::candidates(std::string_view name, const GeoContext& ctx) const {
  return candidates_for_key(geo_key(name), ctx);
}

std::optional<GeoCandidate> Gazetteer::resolve(std::string_view key, const GeoContext& ctx) const {
  auto c = candidates_for_key(key, ctx);
  if (c.empty()) return std::nullopt;
  // How much the text must vouch for a name before a town of that name is
  // believed. A dateline or a cue ("kota", "provinsi") is a place by
  // construction; after a locative a town of ~10,000 people is enough; a bare
  // capitalised word must be a major city, else common words that are also
  // villages (Man, Bar, Police) would become places.
  double floor = ctx.dateline || ctx.cue != GeoCue::kNone ? 0.0 : ctx.locative ? 4.0 : 7.5;
  if (c.front().score < floor) return std::nullopt;
  return c.front();
}

std::optional<GeoPlace> Gazetteer::country(std::string_view iso2) const {
  const GeoRecord* r = map_->records;
  const GeoRecord* end = r + map_->header->country_count;
  auto it = std::lower_bound(r, end, iso2, [](const GeoRecord& a, std::string_view v) {
    return std::string_view(a.iso2, 2) < v;
  });
  if (it == end || std::string_view(it->iso2, 2) != iso2) return std::nullopt;
  return place(static_cast<uint32_t>(it - r));
}

std::optional<GeoPlace> Gazetteer::adm1(std::string_view iso2, std::string_view admin1) const {
  if (admin1.empty()) return std::nullopt;
  const GeoRecord* r = map_->records;
  const GeoRecord* first = r + map_->header->country_count;
  const GeoRecord* end = first + map_->header->adm1_count;
  auto key_of = [&](const GeoRecord& a) {
    return std::pair(std::string_view(a.iso2, 2), map_->str(a.admin1_off, a.admin1_len));
  };
  auto want = std::pair(iso2, admin1);
  auto it = std::lower_bound(first, end, want, [&](const GeoRecord& a, const auto& v) { return key_of(a) < v; });
  if (it == end || key_of(*it) != want) return std::nullopt;
  return place(static_cast<uint32_t>(it - r));
}

}  // namespace kabar
