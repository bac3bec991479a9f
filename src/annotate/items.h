// Dictionary items: the longest actor name or agent word at each token, the
// first step of mention finding (kabar/annotate.h). Shared by the mention
// builder and the entity finder used for NER evaluation.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "kabar/date.h"
#include "kabar/lexicon.h"
#include "kabar/text.h"

namespace kabar {

struct Item {
  uint32_t first, end;  // tokens
  bool agent;
  std::string code;     // actor code, or role for an agent
  uint16_t flags = 0;
  SourceRef ref;
};

// With `any_date`, dated entries match whatever the date (for entity
// finding in undated text); otherwise `date` selects them.
std::vector<Item> find_items(std::string_view text, const std::vector<Token>& tokens, uint32_t first, uint32_t end,
                             const LanguageLexicon& lex, const std::optional<Date>& date, bool any_date = false);

}  // namespace kabar
