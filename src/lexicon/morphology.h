// Verb morphology used when compiling patterns: which surface forms a head
// word has, and which passive patterns an active one implies. One
// implementation per language, chosen by make_verb_morphology(); a language
// without one gets the identity (patterns match as written).
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "kabar/lexicon.h"

namespace kabar {

struct IrregularVerb {
  std::string past;
  std::string participle;
};

class VerbMorphology {
 public:
  virtual ~VerbMorphology() = default;
  // Surface forms of a head written in a pattern (including the head itself).
  virtual std::vector<std::string> head_forms(const std::string& head) const = 0;
  // Passive patterns derived from an active one; empty when the shape does not
  // allow it. Derived patterns carry kPatternPassive and the active's ref.
  virtual std::vector<VerbPattern> passives(const VerbPattern& active) const = 0;
};

std::unique_ptr<VerbMorphology> make_verb_morphology(
    std::string_view lang, std::unordered_map<std::string, IrregularVerb> irregular);

// Indonesian: roots a meN- word may come from (menyerang → serang; mengakui →
// akui, kakui). Over-generates on purpose: a wrong candidate only yields a
// di- form that never occurs in text.
std::vector<std::string> indonesian_men_roots(std::string_view word);

// English regular inflections of a base form: {3sg, past, ing} candidates.
std::vector<std::string> english_regular_forms(std::string_view base);

}  // namespace kabar
