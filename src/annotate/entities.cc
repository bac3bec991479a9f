// Entities for NER evaluation: dictionary items typed by their flags, plus
// gazetteer places that no item covers.
#include "annotate/items.h"
#include "kabar/annotate.h"

namespace kabar {

const char* entity_kind_name(EntityKind kind) {
  switch (kind) {
    case EntityKind::kPerson: return "PER";
    case EntityKind::kOrganisation: return "ORG";
    case EntityKind::kLocation: return "LOC";
  }
  return "?";
}

std::vector<Entity> find_entities(std::string_view text, const std::vector<Token>& tokens, uint32_t first,
                                  uint32_t end, const LanguageLexicon& lex) {
  std::vector<Entity> out;
  std::vector<bool> covered(end - first, false);
  for (const Item& it : find_items(text, tokens, first, end, lex, std::nullopt, /*any_date=*/true)) {
    if (it.agent) continue;
    EntityKind kind;
    if (it.flags & kActorPerson) kind = EntityKind::kPerson;
    else if (it.flags & (kActorOrg | kActorMedia | kActorGroup)) kind = EntityKind::kOrganisation;
    else if (it.flags & (kActorCountry | kActorCapital | kActorAdjective)) kind = EntityKind::kLocation;
    else kind = it.code.size() > 3 ? EntityKind::kOrganisation : EntityKind::kLocation;  // "RUSGOV" lines: institutions
    if (it.flags & kActorAdjective) continue;  // "Russian" is not a location mention
    out.push_back({it.first, it.end, kind});
    for (uint32_t t = it.first; t < it.end; ++t) covered[t - first] = true;
  }
  for (const auto& p : find_places(tokens, first, end, lex)) {
    bool overlap = false;
    for (uint32_t t = p.first_token; t < p.end_token; ++t) overlap |= covered[t - first];
    if (!overlap) out.push_back({p.first_token, p.end_token, EntityKind::kLocation});
  }
  return out;
}

}  // namespace kabar
