// kabar/lexicon.h — dictionaries, loaded, validated and compiled.
//
// The files under data/ (format: docs/DICTIONARIES.md) are parsed once, every
// line checked (unknown CAMEO codes, unknown actor units, malformed patterns,
// overlapping office dates), and compiled into immutable structures:
//
//   * phrase tries over normalised tokens for actor names, agents, places and
//     function words (longest match at a token, O(length) per look-up);
//   * verb patterns indexed by every surface form of their head word, so the
//     coder only tries patterns whose head occurs in the sentence (the cheap
//     prefilter before the exact match, as RE2::Set does for regexps).
//
// A Lexicon is immutable after load() and safe to share between threads.
// It is move-only: it owns large tables, and copying one is always a mistake.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "kabar/codebook.h"
#include "kabar/date.h"
#include "kabar/morphology.h"
#include "kabar/status.h"

namespace kabar {

// Where a dictionary entry came from: index into Lexicon::files() and a line.
struct SourceRef {
  uint32_t file = 0;
  uint32_t line = 0;
};

enum ActorFlag : uint16_t {
  kActorCountry = 1 << 0,
  kActorCapital = 1 << 1,
  kActorAdjective = 1 << 2,
  kActorOrg = 1 << 3,
  kActorPerson = 1 << 4,
  kActorMedia = 1 << 5,
  kActorGroup = 1 << 6,
};

struct ActorEntry {
  std::string code;   // "RUSGOV"
  DateRange dates;    // when the entry applies
  uint16_t flags = 0;
  std::string name;   // the alternative as written in the file
  SourceRef ref;
};

struct AgentEntry {
  std::string role;   // "GOV"
  std::string name;
  SourceRef ref;
};

struct PlaceEntry {
  std::string name;       // first alternative of the line: the canonical name
  std::string country;    // ISO3 / CAMEO country code
  double lat = 0, lon = 0;
  std::string precision;  // "city", "adm1", "country"
  SourceRef ref;
};

// Function-word classes (words/ files). See docs/DICTIONARIES.md.
enum class WordClass : uint8_t {
  kNegation, kDenial, kFuture, kHypothetical, kClaimed, kReport,
  kBoundaryConj, kBoundaryRel, kBoundaryComp, kPrep, kPrepLocative, kDeterminer,
  kAnaphorSingle, kAnaphorPair, kAbbreviation, kWeekday, kMonth, kRelativeDay,
  kStopword, kIrregular, kNameIntro, kPurpose, kAdverb, kDiscard, kVerbContext,
  kAnaphorCountry, kAnaphorGroup, kModifier, kQuantity, kReciprocal, kAnaphorEvent,
  kCoordinator,  // "dan", "and": a clause or phrase joined to the one before
  kCount,       // count.TYPE: arg indexes kCountTypes
  kNumberWord,  // number.N: arg = N
  kMultiplier,  // multiplier.N: arg = N ("ribu", "million")
  kTonePositive, kToneNegative,  // tone.positive / tone.negative (GKG V1.5Tone)
  kSelfReference,                // reference.self: "saya", "we"
  kTheme,                        // theme.NAME: arg indexes LanguageLexicon::theme_names()
  kPlaceCue,                     // place.city / place.adm1 / place.country ("kota", "state of"): arg = GeoCue
  // From kCount on, classes live in annotation_trie(), not word_trie().
  // At most 64 classes: LanguageLexicon keeps a 64-bit mask per word.
};

// GDELT GKG count types, in the order of count.TYPE's arg.
inline constexpr const char* kCountTypes[] = {"KILL",   "WOUND",      "ARREST",  "KIDNAP",
                                              "AFFECT", "EVACUATION", "PROTEST", "SEIZE"};

struct WordEntry {
  WordClass cls;
  int arg = 0;  // month number, weekday number (0 = Monday), day offset
  SourceRef ref;
};

// One element of a compiled verb pattern.
struct PatternElement {
  enum Kind : uint8_t { kWords, kGap, kSource, kTarget } kind = kWords;
  bool optional = false;
  // kWords: alternatives, each a token sequence (normalised).
  std::vector<std::vector<std::string>> alternatives;
};

enum PatternFlag : uint16_t {
  kPatternRecip = 1 << 0,     // reciprocal: a coordinated source with no target gives both directions
  kPatternNoPassive = 1 << 1, // do not derive the passive
  kPatternTarget = 1 << 2,    // take the first actor after the verb as target
  kPatternPassive = 1 << 3,   // derived passive of another line
};

struct VerbPattern {
  std::string code;                // CAMEO code
  std::string converse;            // code of the converse event (target → source), or empty
  uint16_t flags = 0;
  std::vector<PatternElement> elements;
  size_t head = 0;                 // index of the head element (first kWords)
  int literal_count = 0;           // for "longest match wins"
  std::vector<std::string> head_bases;  // the head words as written, before expansion
  // Prefilters the coder runs before matching (most patterns of a frequent
  // head, "call for", "call on", "called off", fail on them):
  //  * check_next: the head is one word and a required literal element
  //    follows it, so the next token must start one of its alternatives (or
  //    be a number or quantity word, which the matcher may skip);
  //  * required: the indexes of the required literal elements besides the
  //    head; each must have an alternative whose first word occurs somewhere
  //    in the sentence.
  bool check_next = false;
  std::vector<uint16_t> required;
  std::string text;                // the alternative as written (or derived form)
  SourceRef ref;
};

// Longest-match trie over normalised tokens.
class PhraseTrie {
 public:
  void insert(const std::vector<std::string>& tokens, uint32_t value);
  // Longest match of `tokens[pos…]` accessed through `norm(i)`; returns the
  // match length (0 when none) and fills `values`.
  template <typename NormAt>
  size_t longest(size_t pos, size_t end, NormAt norm, std::vector<uint32_t>& values) const;
  // The same without copying: the values of the longest match (nullptr when
  // none), valid as long as the trie.
  template <typename NormAt>
  size_t longest_ref(size_t pos, size_t end, NormAt norm, const std::vector<uint32_t>*& values) const;
  size_t size() const { return nodes_.size(); }

 private:
  struct Node {
    std::unordered_map<std::string, uint32_t> next;
    std::vector<uint32_t> values;
  };
  std::vector<Node> nodes_{1};
};

// Everything one language needs: its own files plus common/.
class LanguageLexicon {
 public:
  const std::string& lang() const { return lang_; }
  const PhraseTrie& actor_trie() const { return actor_trie_; }
  const PhraseTrie& agent_trie() const { return agent_trie_; }
  const PhraseTrie& place_trie() const { return place_trie_; }
  const PhraseTrie& word_trie() const { return word_trie_; }
  // Article-annotation words (tone, themes, counts, numbers) in a trie of
  // their own: they are many, and the coder's look-ups in word_trie() must
  // neither pay for them nor have a longer theme phrase hide a function word.
  const PhraseTrie& annotation_trie() const { return annotation_trie_; }
  const std::vector<ActorEntry>& actors() const { return actors_; }
  const std::vector<AgentEntry>& agents() const { return agents_; }
  const std::vector<PlaceEntry>& places() const { return places_; }
  const std::vector<WordEntry>& words() const { return words_; }
  const std::vector<std::string>& theme_names() const { return theme_names_; }
  // The entry of class `cls` in the longest word phrase at token `pos` (read
  // through `norm(i)`), from the trie that holds that class; nullptr when the
  // longest phrase there has no such entry. `len` is that phrase's length.
  template <typename NormAt>
  const WordEntry* word_phrase(size_t pos, size_t end, NormAt norm, WordClass cls, size_t& len) const;
  // The longest function-word phrase at `pos` in the coder's trie (classes
  // below kCount) with all its entries, whatever their class; 0 when none.
  template <typename NormAt>
  size_t longest_word_phrase(size_t pos, size_t end, NormAt norm, std::vector<uint32_t>& entries) const {
    return word_trie_.longest(pos, end, norm, entries);
  }
  const std::vector<VerbPattern>& patterns() const { return patterns_; }
  // Patterns whose head has this surface form; nullptr when none.
  const std::vector<uint32_t>* patterns_for_head(const std::string& norm) const;
  // Single-token look-up of a function-word class.
  bool is_word(WordClass cls, const std::string& norm) const;
  // Every single-token function-word class of a word below kCount, as a bit
  // mask (bit = WordClass): one hash look-up for callers that test a token
  // for many classes.
  uint64_t word_classes(const std::string& norm) const;
  // The classes (below kCount) of every function-word phrase, one word or
  // more, that begins with this word: a cheap test before a trie walk.
  uint64_t phrase_start_classes(const std::string& norm) const;
  const std::unordered_set<std::string>& abbreviations() const { return abbreviations_; }
  const std::unordered_set<std::string>& stopwords() const { return stopwords_; }

  // Indonesian only: the affix analyser, and patterns indexed by the verb
  // key of their head (kabar/morphology.h verb_key: root, derivation, voice),
  // so inflected forms ("menyerangnya", "diserangnya") reach the pattern
  // written once. nullptr / empty for other languages.
  const IndonesianAnalyser* analyser() const { return analyser_.get(); }
  // Unique per loaded lexicon in this process: a key for per-thread caches
  // that must never outlive it (an address could be reused).
  uint64_t serial() const { return serial_; }
  const std::vector<uint32_t>* patterns_for_root(const std::string& key) const;
  // Pattern heads whose root the root list does not know (warnings for dict check).
  const std::vector<std::string>& unchecked_heads() const { return unchecked_heads_; }

 private:
  friend class LexiconBuilder;
  std::string lang_;
  PhraseTrie actor_trie_, agent_trie_, place_trie_, word_trie_, annotation_trie_;
  std::vector<ActorEntry> actors_;
  std::vector<AgentEntry> agents_;
  std::vector<PlaceEntry> places_;
  std::vector<WordEntry> words_;
  std::vector<std::string> theme_names_;
  std::vector<VerbPattern> patterns_;
  std::unordered_map<std::string, std::vector<uint32_t>> head_index_;
  std::unordered_map<std::string, uint64_t> single_word_classes_;      // norm → bitmask of WordClass
  std::unordered_map<std::string, uint64_t> phrase_start_classes_;     // first word → classes of phrases
  std::unordered_map<std::string, uint64_t> annotation_word_classes_;  // the same, classes from kCount on
  std::unordered_set<std::string> abbreviations_;
  std::unordered_set<std::string> stopwords_;
  std::unique_ptr<IndonesianAnalyser> analyser_;
  uint64_t serial_ = 0;
  std::unordered_map<std::string, std::vector<uint32_t>> root_index_;
  std::vector<std::string> unchecked_heads_;
};

// A boilerplate rule: a line prefix and what such a line is.
struct BoilerplateRule {
  enum Kind : uint8_t { kRelated, kPromo, kSource, kCaption } kind;
  std::string prefix;  // lower case
  SourceRef ref;
};

struct LexiconStats {
  size_t files = 0, actors = 0, agents = 0, patterns = 0, derived_patterns = 0, words = 0,
         places = 0, codes_used = 0;
};

class Lexicon {
 public:
  // Loads data_dir/cameo, data_dir/clean and data_dir/lexicon/{common,<lang>…}.
  // Every malformed line is an error naming file:line; all of them are
  // collected into the returned Status's message (at most 50 shown).
  static StatusOr<std::unique_ptr<Lexicon>> load(const std::string& data_dir);

  Lexicon(const Lexicon&) = delete;
  Lexicon& operator=(const Lexicon&) = delete;
  Lexicon(Lexicon&&) = default;
  ~Lexicon();

  const Codebook& codebook() const { return codebook_; }
  // nullptr for a language with no folder under data/lexicon.
  const LanguageLexicon* language(std::string_view lang) const;
  std::vector<std::string> languages() const;
  const std::vector<BoilerplateRule>& boilerplate() const { return boilerplate_; }
  // "id/verbs/04-consult.txt:12" — relative to data/lexicon (or data/).
  std::string where(const SourceRef& ref) const;
  const std::vector<std::string>& files() const { return files_; }
  LexiconStats stats(std::string_view lang) const;

 private:
  friend class LexiconBuilder;
  Lexicon() = default;
  Codebook codebook_;
  std::vector<std::unique_ptr<LanguageLexicon>> languages_;
  std::vector<BoilerplateRule> boilerplate_;
  std::vector<std::string> files_;
};

// The default data directory: $KABAR_DATA, else the one compiled in.
std::string default_data_dir();

// ---- template implementation ----
template <typename NormAt>
size_t PhraseTrie::longest(size_t pos, size_t end, NormAt norm, std::vector<uint32_t>& values) const {
  const std::vector<uint32_t>* best_values = nullptr;
  const size_t best = longest_ref(pos, end, norm, best_values);
  values.clear();
  if (best_values) values = *best_values;
  return best;
}

template <typename NormAt>
size_t PhraseTrie::longest_ref(size_t pos, size_t end, NormAt norm, const std::vector<uint32_t>*& best_values) const {
  best_values = nullptr;
  uint32_t node = 0;
  size_t best = 0;
  for (size_t i = pos; i < end; ++i) {
    auto it = nodes_[node].next.find(norm(i));
    if (it == nodes_[node].next.end()) break;
    node = it->second;
    if (!nodes_[node].values.empty()) {
      best = i - pos + 1;
      best_values = &nodes_[node].values;
    }
  }
  return best;
}

template <typename NormAt>
const WordEntry* LanguageLexicon::word_phrase(size_t pos, size_t end, NormAt norm, WordClass cls, size_t& len) const {
  const std::vector<uint32_t>* values = nullptr;
  len = (cls >= WordClass::kCount ? annotation_trie_ : word_trie_).longest_ref(pos, end, norm, values);
  if (values)
    for (uint32_t v : *values)
      if (words_[v].cls == cls) return &words_[v];
  return nullptr;
}

}  // namespace kabar
