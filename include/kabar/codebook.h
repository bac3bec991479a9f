// kabar/codebook.h — the CAMEO event codebook and actor code tables.
//
// Loaded once from data/cameo/codes.tsv and data/cameo/actor_codes.tsv and
// immutable afterwards: safe to share across threads.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "kabar/status.h"

namespace kabar {

struct CameoCode {
  std::string code;         // "0332"
  std::string root;         // "03"
  int level = 0;            // 1 root, 2 base, 3 sub
  double goldstein = 0.0;   // -10 … +10
  int quad = 0;             // 1 verbal coop, 2 material coop, 3 verbal conflict, 4 material conflict
  std::string plover_type;  // "AGREE"; empty where PLOVER drops the code
  std::string plover_mode;
  std::string name;
};

enum class ActorUnitKind { kCountry, kRegion, kType, kGroup, kReligion };

struct ActorUnit {
  std::string code;
  ActorUnitKind kind;
  std::string name;
  std::string iso2;
  std::string fips;
};

class Codebook {
 public:
  // Reads codes.tsv, actor_codes.tsv and intent.tsv from `cameo_dir`.
  static StatusOr<Codebook> load(const std::string& cameo_dir);

  const CameoCode* find(std::string_view code) const;
  const ActorUnit* unit(std::string_view code3) const;
  // The country unit with this ISO 3166-1 alpha-2 code (the gazetteer's
  // countries); nullptr when CAMEO has none (Kosovo XK, South Sudan SS).
  const ActorUnit* unit_for_iso2(std::string_view iso2) const;
  // The ISO2 code of an actor code's country ("RUSGOV" → "RU"); empty when
  // its first unit is not a country.
  std::string_view country_iso2(std::string_view actor_code) const;
  const std::vector<CameoCode>& codes() const { return codes_; }
  const std::vector<ActorUnit>& units() const { return units_; }

  // True when `code` is a sequence of known three-letter units ("RUSGOV").
  bool valid_actor_code(std::string_view code) const;

  // The code an announced (future) event takes: "akan mengirim bantuan"
  // (073) is an expression of intent (0333); "will attack" (190) a threat
  // (1384). Longest prefix in data/cameo/intent.tsv; nullptr when none.
  const CameoCode* intent_for(std::string_view code) const;
  const std::vector<std::pair<std::string, std::string>>& intent_table() const { return intent_; }

 private:
  friend struct LexiconCache;  // src/lexicon/lexicon_cache.cc reads and writes every member
  std::vector<CameoCode> codes_;
  std::unordered_map<std::string, size_t> code_index_;
  std::vector<ActorUnit> units_;
  std::unordered_map<std::string, size_t> unit_index_;
  std::unordered_map<std::string, size_t> iso2_index_;
  std::vector<std::pair<std::string, std::string>> intent_;  // code prefix → intent code
};

// QuadClass from a root as GDELT assigns it (its codebook and every row of its
// data): 01-05 → 1, 06-09 → 2, 10-14 → 3, 15-20 → 4. (Some write-ups put 09
// and 14 elsewhere; GDELT's files do not.)
int quad_class_for_root(int root);

}  // namespace kabar
