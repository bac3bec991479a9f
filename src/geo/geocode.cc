// Places in an article: dictionary places enriched with gazetteer codes, and
// gazetteer places where the text vouches for one. See kabar/geocode.h.
#include "kabar/geocode.h"

#include <algorithm>
#include <cmath>

namespace kabar {
namespace {

double km_between(double lat1, double lon1, double lat2, double lon2) {
  constexpr double kRad = 3.14159265358979323846 / 180.0;
  double dlat = (lat2 - lat1) * kRad, dlon = (lon2 - lon1) * kRad;
  double a = std::sin(dlat / 2) * std::sin(dlat / 2) +
             std::cos(lat1 * kRad) * std::cos(lat2 * kRad) * std::sin(dlon / 2) * std::sin(dlon / 2);
  return 6371.0 * 2 * std::atan2(std::sqrt(a), std::sqrt(1 - a));
}

// How far a dictionary city's coordinates may be from the GeoNames city of
// the same name before they are taken for two places (city centres differ
// by a few km between sources; a namesake is usually hundreds of km away).
constexpr double kSameCityKm = 60.0;

// The gazetteer key of tokens [b, e).
std::string key_of(const std::vector<Token>& tokens, uint32_t b, uint32_t e) {
  std::vector<std::string> norms;
  for (uint32_t t = b; t < e; ++t) norms.push_back(tokens[t].norm);
  return geo_key_from_norms(norms);
}

void add_unique(std::vector<std::string>& v, std::string_view s) {
  if (s.size() == 2 && std::find(v.begin(), v.end(), s) == v.end()) v.emplace_back(s);
}

}  // namespace

Geocoder::Geocoder(const Lexicon& lexicon, const Gazetteer* gazetteer) : lexicon_(lexicon), gazetteer_(gazetteer) {
  for (const auto& lang : lexicon.languages()) {
    const LanguageLexicon* lex = lexicon.language(lang);
    if (!lex) continue;
    auto& out = curated_[lex];
    out.reserve(lex->places().size());
    for (uint32_t i = 0; i < lex->places().size(); ++i) out.push_back(curated(*lex, i));
  }
}

Place Geocoder::curated(const LanguageLexicon& lex, uint32_t place_index) const {
  if (auto it = curated_.find(&lex); it != curated_.end() && place_index < it->second.size())
    return it->second[place_index];
  const PlaceEntry& e = lex.places()[place_index];
  Place p;
  p.name = e.name;
  p.country = e.country;
  p.precision = e.precision;
  p.entry = e.ref;
  if (e.precision != "country") {
    p.lat = e.lat;
    p.lon = e.lon;
  }
  const ActorUnit* unit = lexicon_.codebook().unit(e.country);
  if (!unit) return p;
  p.fips = unit->fips;
  if (e.precision == "country") {
    p.adm1 = p.fips;  // GDELT's ADM1Code for a whole country is its FIPS code
    return p;
  }
  if (!gazetteer_ || unit->iso2.size() != 2) return p;
  // The GeoNames place of the same name, country and kind, nearest first.
  const GeoKind want = e.precision == "adm1" ? GeoKind::kAdm1 : GeoKind::kCity;
  std::optional<GeoPlace> best;
  double best_km = kSameCityKm;
  for (const auto& c : gazetteer_->candidates(e.name)) {
    if (c.place.iso2 != unit->iso2 || c.place.kind != want) continue;
    double km = c.place.lat ? km_between(e.lat, e.lon, *c.place.lat, *c.place.lon) : 0.0;
    if (km <= best_km) { best = c.place; best_km = km; }
  }
  if (!best) return p;
  p.geonames_id = best->geonames_id;
  if (!best->admin1.empty()) p.adm1 = p.fips + std::string(best->admin1);
  if (!best->subdivision.empty()) {
    p.subdivision = best->subdivision;
  } else if (auto division = gazetteer_->adm1(best->iso2, best->admin1)) {
    p.subdivision = division->subdivision;
  }
  return p;
}

Place Geocoder::from_gazetteer(const GeoPlace& g) const {
  Place p;
  p.name = g.name;
  p.precision = geo_kind_name(g.kind);
  if (const ActorUnit* unit = lexicon_.codebook().unit_for_iso2(g.iso2)) {
    p.country = unit->code;
    p.fips = unit->fips;
  }
  if (g.kind == GeoKind::kCountry) {
    p.adm1 = p.fips;
    return p;  // never a point for a whole country
  }
  p.lat = g.lat;
  p.lon = g.lon;
  p.geonames_id = g.geonames_id;
  if (!g.admin1.empty() && !p.fips.empty()) p.adm1 = p.fips + std::string(g.admin1);
  if (g.kind == GeoKind::kAdm1) {
    p.subdivision = g.subdivision;
  } else if (gazetteer_) {
    if (auto division = gazetteer_->adm1(g.iso2, g.admin1)) p.subdivision = division->subdivision;
  }
  return p;
}

GeoContext Geocoder::article_context(const std::vector<SentenceAnnotations>& annotations,
                                     const LanguageLexicon& lex) const {
  const Codebook& book = lexicon_.codebook();
  GeoContext ctx;
  for (const auto& a : annotations) {
    for (const auto& pm : a.places)
      if (pm.place < lex.places().size())
        add_unique(ctx.place_countries, book.country_iso2(lex.places()[pm.place].country));
    for (const auto& m : a.mentions)
      for (const auto& actor : m.actors) add_unique(ctx.actor_countries, book.country_iso2(actor.country));
  }
  return ctx;
}

std::optional<Place> Geocoder::dateline(std::string_view place_text, Span span, const LanguageLexicon& lex,
                                        const GeoContext& article) const {
  std::vector<Token> tokens;
  tokenize(place_text, Span{0, static_cast<uint32_t>(place_text.size())}, tokens);
  if (tokens.empty()) return std::nullopt;
  std::vector<uint32_t> values;
  auto id_at = lex.id_at(tokens);
  size_t len = lex.place_trie().longest(0, tokens.size(), id_at, values);
  std::optional<Place> out;
  if (len == tokens.size()) {
    out = curated(lex, values.front());
  } else if (gazetteer_) {
    GeoContext ctx = article;
    ctx.dateline = true;
    ctx.cue = GeoCue::kCity;
    if (auto c = gazetteer_->resolve(key_of(tokens, 0, static_cast<uint32_t>(tokens.size())), ctx))
      out = from_gazetteer(c->place);
  }
  if (out) {
    out->from = "dateline";
    out->span = span;
  }
  return out;
}

void Geocoder::geocode_article(const std::vector<Token>& tokens, const std::vector<Sentence>& sentences,
                               std::vector<SentenceAnnotations>& annotations, const LanguageLexicon& lex,
                               const std::optional<Place>& dateline, GeoContext base) const {
  const Codebook& book = lexicon_.codebook();
  for (auto& a : annotations)
    for (auto& pm : a.places) pm.resolved = curated(lex, pm.place);
  if (dateline) base.dateline_country = std::string(book.country_iso2(dateline->country));
  if (!gazetteer_) return;

  auto id_at = lex.id_at(tokens);
  auto cue_at = [&](size_t pos, size_t end, size_t& len) -> GeoCue {
    const WordEntry* e = pos < end ? lex.word_phrase(pos, end, id_at, WordClass::kPlaceCue, len) : nullptr;
    return e ? static_cast<GeoCue>(e->arg) : GeoCue::kNone;
  };
  auto is_name_word = [&](size_t i) { return tokens[i].kind == TokenKind::kWord && tokens[i].capitalized; };
  // The cue phrase that ends right before token `at` (starting at most three
  // tokens back, not before `first`); its start in `start`.
  auto cue_before = [&](uint32_t at, uint32_t first, uint32_t& start) -> GeoCue {
    for (uint32_t j = at; j > first && at - j < 3;) {
      --j;
      size_t len = 0;
      GeoCue c = cue_at(j, at, len);
      if (c != GeoCue::kNone && j + len == at) {
        start = j;
        return c;
      }
    }
    return GeoCue::kNone;
  };

  for (size_t si = 0; si < sentences.size() && si < annotations.size(); ++si) {
    const Sentence& s = sentences[si];
    SentenceAnnotations& a = annotations[si];
    std::vector<char> covered(s.end_token - s.first_token, 0);
    auto mark = [&](uint32_t b, uint32_t e) {
      for (uint32_t t = std::max(b, s.first_token); t < std::min(e, s.end_token); ++t) covered[t - s.first_token] = 1;
    };
    for (const auto& m : a.mentions) mark(m.first_token, m.end_token);
    for (const auto& p : a.places) mark(p.first_token, p.end_token);
    auto free_at = [&](size_t i) { return !covered[i - s.first_token]; };

    // A dictionary city named as a division ("Idlib province", "provinsi
    // Aceh") is the division.
    for (auto& pm : a.places) {
      if (pm.place == PlaceMention::kGazetteerOnly || pm.resolved.precision == "adm1") continue;
      size_t len = 0;
      uint32_t start = 0;
      GeoCue cue = cue_at(pm.end_token, s.end_token, len);
      if (cue == GeoCue::kNone) cue = cue_before(pm.first_token, s.first_token, start);
      if (cue != GeoCue::kAdm1) continue;
      GeoContext ctx = base;
      ctx.cue = cue;
      auto c = gazetteer_->resolve(key_of(tokens, pm.first_token, pm.end_token), ctx);
      if (!c || c->place.kind != GeoKind::kAdm1) continue;
      const ActorUnit* unit = book.unit_for_iso2(c->place.iso2);
      if (!unit || unit->code != pm.resolved.country) continue;
      pm.resolved = from_gazetteer(c->place);
      pm.place = PlaceMention::kGazetteerOnly;
      pm.score = c->score;
    }

    std::vector<PlaceMention> found;
    // A country's name after a division or city cue is that division, and its
    // actor the division's country: "negara bagian Georgia" is in the USA.
    for (auto& m : a.mentions) {
      if (m.actors.size() != 1 || m.first_token <= s.first_token) continue;
      ActorRef& actor = m.actors[0];
      if (actor.country.empty() || actor.code != actor.country + actor.role) continue;
      uint32_t start = 0;
      const GeoCue cue = cue_before(m.first_token, s.first_token, start);
      if (cue != GeoCue::kAdm1 && cue != GeoCue::kCity) continue;
      GeoContext ctx = base;
      ctx.cue = cue;
      auto c = gazetteer_->resolve(key_of(tokens, m.first_token, m.end_token), ctx);
      if (!c || c->place.kind == GeoKind::kCountry) continue;
      const ActorUnit* unit = book.unit_for_iso2(c->place.iso2);
      if (!unit || unit->code == actor.country) continue;
      actor.country = unit->code;
      actor.code = actor.country + actor.role;
      PlaceMention pm;
      pm.first_token = m.first_token;
      pm.end_token = m.end_token;
      pm.span = m.span;
      pm.place = PlaceMention::kGazetteerOnly;
      pm.resolved = from_gazetteer(c->place);
      pm.score = c->score;
      found.push_back(std::move(pm));
    }
    for (uint32_t i = s.first_token; i < s.end_token;) {
      if (!free_at(i) || !is_name_word(i)) { ++i; continue; }
      // A cue just before: "kota Bandung", "the state of Georgia".
      uint32_t cue_start = i;
      GeoCue cue = cue_before(i, s.first_token, cue_start);
      // A capitalised cue that starts the name: "Kota Bandung", "Provinsi Jawa Barat".
      uint32_t name_start = i;
      if (cue == GeoCue::kNone) {
        size_t len = 0;
        GeoCue c = cue_at(i, s.end_token, len);
        if (c != GeoCue::kNone && i + len < s.end_token && is_name_word(i + len) && free_at(i + len)) {
          cue = c;
          name_start = static_cast<uint32_t>(i + len);
        }
      }
      uint32_t run_end = name_start;
      while (run_end < s.end_token && run_end - name_start < 5 && is_name_word(run_end) && free_at(run_end)) ++run_end;
      if (run_end == name_start) { i = name_start + 1; continue; }
      if (cue == GeoCue::kNone) {  // a cue after: "Idlib province"
        size_t len = 0;
        cue = cue_at(run_end, s.end_token, len);
      }
      // One capitalised function word ("in March", "on Monday", "di Sana")
      // is that word, whatever town shares its name, unless a cue says so.
      if (cue == GeoCue::kNone && run_end - name_start == 1) {
        const Token& n = tokens[name_start];
        bool common = false;
        for (WordClass wc : {WordClass::kMonth, WordClass::kWeekday, WordClass::kRelativeDay, WordClass::kStopword,
                             WordClass::kPrep, WordClass::kDeterminer, WordClass::kNegation, WordClass::kReport,
                             WordClass::kBoundaryConj, WordClass::kAnaphorSingle, WordClass::kAdverb})
          common = common || lex.is_word(wc, n);
        if (common) { i = run_end; continue; }
      }
      const bool locative =
          cue_start > s.first_token && lex.is_word(WordClass::kPrepLocative, tokens[cue_start - 1]);
      const bool bare = cue == GeoCue::kNone && !locative;
      GeoContext ctx = base;
      ctx.cue = cue;
      ctx.locative = locative;
      bool placed = false;
      for (uint32_t k = run_end; k > name_start; --k) {
        // With nothing vouching for a place, only the whole run may be one:
        // "Jakarta" alone in "Jakarta Post" is a newspaper's name.
        if (bare && k != run_end) break;
        const std::string key = key_of(tokens, name_start, k);
        if (!gazetteer_->has_key(key)) continue;
        auto c = gazetteer_->resolve(key, ctx);
        // Countries in running text are the actor dictionaries' (they know
        // their adjectives and capitals); the gazetteer adds them only where
        // a locative or a cue says "a place".
        if (c && !(bare && c->place.kind == GeoKind::kCountry)) {
          PlaceMention pm;
          pm.first_token = name_start;
          pm.end_token = k;
          pm.span = {tokens[name_start].span.begin, tokens[k - 1].span.end};
          pm.place = PlaceMention::kGazetteerOnly;
          pm.after_locative = locative;
          pm.resolved = from_gazetteer(c->place);
          pm.score = c->score;
          found.push_back(std::move(pm));
          placed = true;
          i = k;
        }
        break;  // the longest name in the gazetteer decides
      }
      if (!placed) i = run_end;
    }
    if (!found.empty()) {
      a.places.insert(a.places.end(), std::make_move_iterator(found.begin()), std::make_move_iterator(found.end()));
      std::sort(a.places.begin(), a.places.end(),
                [](const PlaceMention& x, const PlaceMention& y) { return x.first_token < y.first_token; });
    }
    qualify_cities(tokens, a);
  }
}

// "Paris, Texas", "Portland, Oregon", "Bandung, Jawa Barat", "Tripoli,
// Lebanon": a city followed by a comma and its division or country is the
// city of that name there, whatever the bigger namesake elsewhere.
void Geocoder::qualify_cities(const std::vector<Token>& tokens, SentenceAnnotations& a) const {
  for (auto& city : a.places) {
    // A division of the same name elsewhere gives way too ("Portland,
    // Oregon" is not the Jamaican parish).
    if (city.resolved.precision == "country") continue;
    const uint32_t comma = city.end_token;
    if (comma + 1 >= tokens.size() || tokens[comma].norm != ",") continue;
    std::string iso2, admin1;
    for (const auto& region : a.places) {
      if (region.first_token != comma + 1 || region.resolved.precision == "city") continue;
      if (const ActorUnit* u = lexicon_.codebook().unit(region.resolved.country)) iso2 = u->iso2;
      if (region.resolved.precision == "adm1" && region.resolved.adm1.size() > 2) admin1 = region.resolved.adm1.substr(2);
    }
    if (iso2.empty()) {
      for (const auto& m : a.mentions) {
        if (m.first_token != comma + 1 || m.actors.size() != 1 || !m.actors[0].role.empty()) continue;
        const ActorUnit* u = lexicon_.codebook().unit(m.actors[0].country);
        if (u && u->kind == ActorUnitKind::kCountry) iso2 = u->iso2;
      }
    }
    if (iso2.empty()) continue;
    const ActorUnit* have = lexicon_.codebook().unit(city.resolved.country);
    if (city.resolved.precision == "city" && have && have->iso2 == iso2 &&
        (admin1.empty() || city.resolved.adm1 == have->fips + admin1))
      continue;
    for (const auto& c : gazetteer_->candidates_for_key(key_of(tokens, city.first_token, city.end_token))) {
      if (c.place.kind != GeoKind::kCity || c.place.iso2 != iso2 || (!admin1.empty() && c.place.admin1 != admin1))
        continue;
      city.resolved = from_gazetteer(c.place);
      city.place = PlaceMention::kGazetteerOnly;
      city.score = c.score;
      break;  // candidates are best first
    }
  }
}

}  // namespace kabar
