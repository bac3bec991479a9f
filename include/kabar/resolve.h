// kabar/resolve.h — an event's date, place and stable id.
//
// Date: a time expression in the sentence belongs to the nearest verb before
// it (or, when none precedes, the nearest after it); an event takes the date
// of an expression it owns, else the article date. Place: a place the
// sentence names (after a locative preposition first, nearest to the verb),
// else the dateline's place, else none — a country is never passed off as a
// point: its precision says "country" and it has no coordinates.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "kabar/annotate.h"
#include "kabar/code.h"
#include "kabar/event.h"

namespace kabar {

struct SentenceResolveInput {
  const std::vector<Token>* tokens;
  const std::vector<TimeMention>* times;
  const std::vector<PlaceMention>* places;
  const std::vector<Mention>* mentions;
  const LanguageLexicon* lex;
  std::optional<Date> article_date;
  std::optional<Place> dateline_place;
  const Codebook* book = nullptr;  // FIPS codes for countries named as places
};

// Fills date, place and id of each event of one sentence.
void resolve_sentence_events(const SentenceResolveInput& in, const std::string& article_id,
                             std::vector<CodedEvent>& events);

// Stable 16-hex-digit id of an event.
std::string event_id(const std::string& article_id, const Event& e);

}  // namespace kabar
