// kabar/event.h — what kabar finds: actors, places and coded events.
//
// These are the values that flow out of the library into every sink (JSON
// Lines, TSV, SQLite, GDELT files). Their JSON form is the stable contract in
// docs/FORMAT.md; add fields, never rename or repurpose them.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "kabar/date.h"
#include "kabar/lexicon.h"
#include "kabar/span.h"

namespace kabar {

// One actor as it takes part in an event.
struct ActorRef {
  std::string code;      // CAMEO actor code, "RUSGOV"; a role alone ("COP") when no country is known
  std::string country;   // first unit when it is a country or region ("RUS"), else ""
  std::string role;      // the role units after the country ("GOV"), or the whole code when no country
  std::string name;      // the mention as written ("Kepala keamanan Rusia")
  Span span;             // the mention in the article
  std::vector<SourceRef> entries;  // dictionary lines that produced the code
  bool anaphor = false;  // filled from an earlier mention ("itu", "keduanya")
};

struct Place {
  std::string name;       // canonical name from the gazetteer ("Tehran"), or as written
  std::string country;    // ISO3 / CAMEO country code
  std::optional<double> lat, lon;  // absent when only the country is known
  std::string precision;  // "city", "adm1", "country"
  std::string from;       // "sentence" or "dateline"
  Span span;              // where the place is named
  std::optional<SourceRef> entry;  // the dictionary line, for places from data/lexicon
  // From the gazetteer (kabar/gazetteer.h), when it knows the place:
  std::string fips;         // FIPS 10-4 country, as GDELT's CountryCode ("ID", "US")
  std::string adm1;         // GDELT's ADM1Code: FIPS + GeoNames admin1 ("ID30", "USGA"); empty when unknown
  std::string subdivision;  // ISO 3166-2 of the place or of its first-level division ("ID-JB")
  uint32_t geonames_id = 0; // GeoNames feature id (GDELT's FeatureID for cities); 0 when none
};

enum class Modality : uint8_t {
  kAsserted,      // stated by the article
  kReported,      // attributed to someone ("kata X", "X said", "menurut")
  kClaimed,       // an allegation ("tuduhan bahwa", "accused of", "allegedly")
  kFuture,        // announced or intended ("akan", "will", "plans to")
  kHypothetical,  // conditional or obligation ("jika", "if", "harus"): suppressed unless asked for
  kNegated,       // negated ("tidak menyerang"): suppressed unless asked for
  kDenied,        // denied by someone ("membantah menyerang"): suppressed unless asked for
};
const char* modality_name(Modality m);
bool modality_suppressed(Modality m);

struct Evidence {
  SourceRef pattern;       // verb pattern file:line
  std::string pattern_text;
  bool passive = false;    // matched through a derived passive
  Span trigger;            // the verb head token
  Span match;              // from the first to the last literal of the pattern
  Span sentence;
};

struct Event {
  std::string id;          // stable: hash of article, sentence, trigger, code and actors
  std::string article;     // article id
  uint32_t sentence = 0;   // sentence index in the article
  std::string text;        // the sentence as written
  std::optional<ActorRef> source;
  std::optional<ActorRef> target;
  std::string code;        // CAMEO event code
  std::string root;
  int quad = 0;
  double goldstein = 0;
  std::string plover_type;
  std::string plover_mode;
  std::optional<Date> date;
  std::string date_from;   // "sentence", "article", or "" when unknown
  std::optional<Span> date_span;
  std::optional<Place> place;
  Modality modality = Modality::kAsserted;
  Evidence evidence;
};

}  // namespace kabar
