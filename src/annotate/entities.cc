// Entities for NER evaluation: dictionary items typed by their flags, plus
// gazetteer places that no item covers.
#include "annotate/items.h"
#include "kabar/annotate.h"
#include "kabar/geocode.h"

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
                                  uint32_t end, const LanguageLexicon& lex, const Geocoder* geocoder) {
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
  std::vector<PlaceMention> places = find_places(tokens, first, end, lex);
  if (geocoder && geocoder->gazetteer() && end > first) {
    // The gazetteer's places where the text vouches for one (kabar/geocode.h),
    // in the context of the actors and places around them.
    std::vector<SentenceAnnotations> annotations(1);
    annotations[0].mentions = find_mentions(text, tokens, first, end, lex, geocoder->codebook(), std::nullopt);
    annotations[0].places = places;
    Sentence s;
    s.first_token = first;
    s.end_token = end;
    s.span = {tokens[first].span.begin, tokens[end - 1].span.end};
    geocoder->geocode_article(tokens, {s}, annotations, lex, std::nullopt, geocoder->article_context(annotations, lex));
    places = std::move(annotations[0].places);
  }
  for (const auto& p : places) {
    bool overlap = false;
    for (uint32_t t = p.first_token; t < p.end_token; ++t) overlap |= covered[t - first];
    if (!overlap) out.push_back({p.first_token, p.end_token, EntityKind::kLocation});
  }
  return out;
}

}  // namespace kabar
