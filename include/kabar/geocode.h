// kabar/geocode.h — places in an article, resolved in context.
//
// Two sources meet here. The dictionaries (data/lexicon/*/places/) name the
// places news names most, with their Indonesian and English variants; they
// are matched anywhere in the text. The gazetteer (kabar/gazetteer.h) knows
// every town of 1,000 people, every country and first-level division; since
// many of those names are also common words or people's names, a name is
// looked up there only where the text vouches for a place:
//
//   * after a place cue, before or after it: "kota Bandung", "provinsi Jawa
//     Barat", "negara bagian Georgia", "the state of Georgia", "Idlib province";
//   * after a locative preposition: "di Bekasi", "in Kharkiv";
//   * anywhere, when it is a major city (population and rank; see
//     Gazetteer::resolve) and the whole capitalised run is its name.
//
// Candidates of one name are scored by GeoContext: the countries of places
// the article already names, the countries of its actors, the dateline's
// country, population and feature class (a capital before a village). So
// "Paris" is the French capital unless the article is about Texas, and
// "Georgia" the country unless the article is in the United States.
//
// "CITY, REGION" ("Paris, Texas", "Tripoli, Lebanon") picks the city of that
// name in that region. Curated places get the gazetteer's GeoNames id, ADM1
// and FIPS codes too: the nearest gazetteer city of the same name and country.
#pragma once

#include <optional>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "kabar/annotate.h"
#include "kabar/event.h"
#include "kabar/gazetteer.h"
#include "kabar/lexicon.h"
#include "kabar/text.h"

namespace kabar {

class Geocoder {
 public:
  // `gazetteer` may be null: curated places only, as before it existed.
  Geocoder(const Lexicon& lexicon, const Gazetteer* gazetteer);

  const Gazetteer* gazetteer() const { return gazetteer_; }
  const Codebook& codebook() const { return lexicon_.codebook(); }

  // A dictionary place as output, with the gazetteer's codes when it knows it.
  Place curated(const LanguageLexicon& lex, uint32_t place_index) const;
  // A gazetteer place as output.
  Place from_gazetteer(const GeoPlace& g) const;

  // The countries an article names, as actors and as dictionary places: the
  // context its gazetteer names are resolved in.
  GeoContext article_context(const std::vector<SentenceAnnotations>& annotations, const LanguageLexicon& lex) const;

  // The dateline's place ("BANDUNG, KOMPAS.com"): the dictionaries first,
  // then the gazetteer, preferring cities (a dateline names a city, or a
  // country, never a province) and the article's countries (`ctx`).
  std::optional<Place> dateline(std::string_view place_text, Span span, const LanguageLexicon& lex,
                                const GeoContext& ctx = {}) const;

  // Resolves every sentence's dictionary places (PlaceMention::resolved) and
  // adds the places only the gazetteer knows. `annotations` holds one entry
  // per sentence with mentions and dictionary places already found;
  // `context` is article_context() of them (the caller has it already, for
  // the dateline).
  void geocode_article(const std::vector<Token>& tokens, const std::vector<Sentence>& sentences,
                       std::vector<SentenceAnnotations>& annotations, const LanguageLexicon& lex,
                       const std::optional<Place>& dateline, GeoContext context) const;

 private:
  void qualify_cities(const std::vector<Token>& tokens, SentenceAnnotations& a) const;

  const Lexicon& lexicon_;
  const Gazetteer* gazetteer_;
  // Per language (keyed by LanguageLexicon address), each dictionary place
  // resolved once at construction.
  std::unordered_map<const LanguageLexicon*, std::vector<Place>> curated_;
};

}  // namespace kabar
