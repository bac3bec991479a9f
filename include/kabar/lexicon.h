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

#include <atomic>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "kabar/codebook.h"
#include "kabar/date.h"
#include "kabar/hash.h"
#include "kabar/morphology.h"
#include "kabar/status.h"
#include "kabar/text.h"

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
  // A peer's [###] ("discard"): the name discards the sentence (TABARI) or
  // is the actor ### (PETRARCH); written with the null code "---".
  kActorDiscard = 1 << 7,
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
  bool prefix = false;  // written before the actor's code (a peer's "[NGO~]"), not after
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
  kPrepTarget,   // prep.target: "in": a place after it is the target of an event without one
  kNounIng,      // noun.ing: "meeting": an -ing form used as a noun after an adjective or a noun
  kCondition,    // condition: "if", "jika": the subject of the clause it opens is a threat's target
  kPeerNoun,     // peer.noun: a word of TABARI's <NOUN> or <ADJECTIVE> lists ("and" between two joins no clauses)
  kCount,       // count.TYPE: arg indexes kCountTypes
  kNumberWord,  // number.N: arg = N
  kMultiplier,  // multiplier.N: arg = N ("ribu", "million")
  kTonePositive, kToneNegative,  // tone.positive / tone.negative (GKG V1.5Tone)
  kSelfReference,                // reference.self: "saya", "we"
  kTheme,                        // theme.NAME: arg indexes LanguageLexicon::theme_names()
  kPlaceCue,                     // place.city / place.adm1 / place.country ("kota", "state of"): arg = GeoCue
  // Entity finding (find_entities, NER only; the coder does not read them; in
  // entity_trie(), apart, so that no cue shadows another class's phrase):
  kPersonTitle,      // person.title: "Presiden", "Pak", "Prof", "Mr": a capitalised name after it is a person
  kPersonCueBefore,  // person.cue.before: "kata", "ujar", "menurut", "said": a name after it is a person
  kPersonCueAfter,   // person.cue.after: "mengatakan", "said": a name before it is a person
  kOrgHead,          // org.head: "PT", "Partai", "Kementerian", "University": heads a capitalised organisation name
  // From kCount on, classes live in annotation_trie() (entity cues in
  // entity_trie()), not word_trie().
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
  // kSkip: an actor passed over (a peer's '^': "* AT ^ +" skips the actor
  // after "at"), with up to a gap's words before it.
  enum Kind : uint8_t { kWords, kGap, kSource, kTarget, kSkip } kind = kWords;
  bool optional = false;
  bool head = false;  // written '@word': the verb head (else the first literal is)
  // kWords: alternatives, each a token sequence (normalised). Built from
  // the files, then replaced by alternative_ids when the language is
  // compiled (empty in a loaded Lexicon).
  std::vector<std::vector<std::string>> alternatives;
  // The same as vocabulary ids (LanguageLexicon::word_id; the words again
  // through Vocabulary::word_of), which the coder compares.
  std::vector<std::vector<uint32_t>> alternative_ids;
};

enum PatternFlag : uint16_t {
  kPatternRecip = 1 << 0,     // reciprocal: a coordinated source with no target gives both directions
  kPatternNoPassive = 1 << 1, // do not derive the passive
  kPatternTarget = 1 << 2,    // take the first actor after the verb as target
  kPatternPassive = 1 << 3,   // derived passive of another line
  kPatternNominal = 1 << 4,   // the head is a noun: "air strike on +", "$ invasion of +" (source before the noun)
  kPatternActorObject = 1 << 5,  // an object that names no actor is another sense: "meet demand" (no event)
  kPatternCompound = 1 << 6,  // only for a coordinated source (a peer's "% *"), and then before the same words without it
  kPatternDominant = 1 << 8,  // a peer's dominant code (TABARI's "[031!]"): when it codes, the sentence's other events go
  kPatternNearSource = 1 << 7,  // a leading '$' is the actor nearest before the pattern (TABARI's written '$'), and wins over the same words without it
};

struct VerbPattern {
  std::string code;                // CAMEO code
  std::string converse;            // code of the converse event (target → source), or empty
  uint16_t flags = 0;
  std::vector<PatternElement> elements;
  size_t head = 0;                 // index of the head element (first kWords)
  int literal_count = 0;           // for "longest match wins"
  std::vector<std::string> head_bases;  // the head words as written, before expansion (building only)
  std::vector<uint32_t> head_base_ids;  // their vocabulary ids, sorted (what the coder reads)
  std::string text;                // the alternative as written (or derived form)
  SourceRef ref;
};

// Every word a language's dictionaries use, numbered from 1 when the language
// is compiled; 0 stands for any other word. Matching compares these ids: a
// token's id is looked up once (LanguageLexicon::word_id(const Token&) caches
// it in the token), and every trie step, class test and pattern literal after
// that is an integer comparison instead of a string hash.
class Vocabulary {
 public:
  uint32_t intern(std::string_view word);
  std::vector<uint32_t> intern(const std::vector<std::string>& words);
  // Open addressing over 8-byte slots (a hash tag and the id) with the words
  // in one arena: a look-up of a word no dictionary uses, most words of a
  // text, usually ends at its first slot without touching a string.
  uint32_t find(std::string_view word) const {
    if (slots_.empty()) return 0;
    const uint64_t h = hash(word);
    const uint32_t tag = static_cast<uint32_t>(h) | 1u;  // 0 marks an empty slot
    for (size_t i = h >> shift_;; i = (i + 1) & mask_) {
      const Slot& s = slots_[i];
      if (s.tag == 0) return 0;
      if (s.tag == tag && word_of(s.id) == word) return s.id;
    }
  }
  size_t size() const { return starts_.size() - 1; }
  std::string_view word_of(uint32_t id) const {
    return std::string_view(chars_).substr(starts_[id - 1], starts_[id] - starts_[id - 1]);
  }

 private:
  friend struct LexiconCache;  // src/lexicon/lexicon_cache.cc reads and writes every member
  struct Slot {
    uint32_t tag = 0;
    uint32_t id = 0;
  };
  static uint64_t hash(std::string_view s) { return table_hash(s); }
  void place(uint32_t id);
  std::string chars_;                 // every word, back to back
  std::vector<uint32_t> starts_{0};   // word id's bytes: [starts_[id-1], starts_[id])
  std::vector<Slot> slots_;
  size_t mask_ = 0;
  unsigned shift_ = 64;
};

// Open-addressing hash table from nonzero 64-bit keys to 32-bit values (linear
// probing, at most half full): the edges of a PhraseTrie, keyed by
// node << 32 | word id, in one flat array instead of a hash map per node.
class EdgeMap {
 public:
  static constexpr uint32_t kAbsent = UINT32_MAX;
  void insert(uint64_t key, uint32_t value);
  uint32_t find(uint64_t key) const {
    if (slots_.empty()) return kAbsent;
    for (size_t i = slot_of(key);; i = (i + 1) & mask_) {
      const Slot& s = slots_[i];
      if (s.key == key) return s.value;
      if (s.key == 0) return kAbsent;
    }
  }
  size_t size() const { return used_; }

 private:
  friend struct LexiconCache;  // src/lexicon/lexicon_cache.cc reads and writes every member
  struct Slot {
    uint64_t key = 0;
    uint32_t value = 0;
  };
  size_t slot_of(uint64_t key) const { return static_cast<size_t>((key * 0x9E3779B97F4A7C15ull) >> shift_); }
  std::vector<Slot> slots_;
  size_t mask_ = 0, used_ = 0;
  unsigned shift_ = 64;
};

// The prefilters the coder runs on a pattern before matching it (most
// patterns of a frequent head, "call for", "call on", "called off", fail on
// them), packed into 32 bytes in a dense array indexed like patterns(): a
// head's patterns are tried one after another, and most fail here without
// the pattern itself (and its vectors) being read.
//  * check_next: the head is one word and a required literal element follows
//    it, so the next token must start one of its alternatives (or be a number
//    or quantity word, which the matcher may skip);
//  * required: each required literal element besides the head must have an
//    alternative whose first word occurs somewhere in the sentence;
//  * head_bases: the head's uninflected forms, which English also uses as
//    nouns (the coder then asks for a verb context).
struct PatternFilter {
  static constexpr int kInlineBases = 4;
  uint32_t head_bases[kInlineBases] = {};  // sorted vocabulary ids of the head's base forms
  uint32_t words = 0;       // into LanguageLexicon::filter_words(): next-word ids, then each required element
  uint16_t flags = 0;       // VerbPattern::flags
  uint8_t base_count = 0;   // more than kInlineBases: see VerbPattern::head_base_ids
  uint8_t next_count = 0;   // first words of the element after the head (when check_next)
  uint8_t required = 0;     // required elements, each stored as a count and that many first-word ids
  bool check_next = false;
};

// Longest-match trie over the vocabulary ids of normalised tokens.
class PhraseTrie {
 public:
  void insert(const std::vector<uint32_t>& words, uint32_t value);
  // Longest match of `tokens[pos…]` whose ids are read through `id_at(i)`;
  // returns the match length (0 when none) and fills `values`.
  template <typename IdAt>
  size_t longest(size_t pos, size_t end, IdAt id_at, std::vector<uint32_t>& values) const;
  // The same without copying: the values of the longest match (nullptr when
  // none), valid as long as the trie.
  template <typename IdAt>
  size_t longest_ref(size_t pos, size_t end, IdAt id_at, const std::vector<uint32_t>*& values) const;
  // As longest_ref, where a token may also step by a second id (its stem):
  // both ways are followed, and the longest phrase wins (on equal length,
  // the one with more exact words).
  template <typename IdAt, typename StemAt>
  size_t longest_ref_stems(size_t pos, size_t end, IdAt id_at, StemAt stem_at,
                           const std::vector<uint32_t>*& values) const;
  size_t size() const { return values_.size(); }
  // Whether some phrase begins with word `id`: a bit per word id, read
  // before the edge map, whose slots are megabytes apart (most tokens begin
  // no phrase, and the bits stay in cache).
  bool may_start(uint32_t id) const { return id / 64 < starts_.size() && ((starts_[id / 64] >> (id % 64)) & 1u); }

 private:
  friend struct LexiconCache;  // src/lexicon/lexicon_cache.cc reads and writes every member
  EdgeMap edges_;                             // node << 32 | word id → child node
  std::vector<std::vector<uint32_t>> values_{1};  // by node; node 0 is the root
  std::vector<uint64_t> starts_;              // bit per word id: has an edge from the root
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
  // The entity cues (person.title … org.head): find_entities only.
  const PhraseTrie& entity_trie() const { return entity_trie_; }
  static bool is_entity_cue(WordClass cls) { return cls >= WordClass::kPersonTitle && cls <= WordClass::kOrgHead; }
  const PhraseTrie& trie_of(WordClass cls) const {
    return is_entity_cue(cls) ? entity_trie_ : cls >= WordClass::kCount ? annotation_trie_ : word_trie_;
  }
  const std::vector<ActorEntry>& actors() const { return actors_; }
  // Whether word `id` begins a peer's actor name written with a space after
  // its first word ("ithilen* television*"), which lets other words stand
  // there; the set is built on first use.
  bool spaced_name_start(uint32_t id) const;
  const std::vector<AgentEntry>& agents() const { return agents_; }
  const std::vector<PlaceEntry>& places() const { return places_; }
  const std::vector<WordEntry>& words() const { return words_; }
  const std::vector<std::string>& theme_names() const { return theme_names_; }
  // Vocabulary ids (see Vocabulary): of a word, 0 when no dictionary of the
  // language uses it; of a token, cached in the token on first use; and a
  // token's look-up id, the id of its word with an English possessive "'s"
  // stripped ("Russia's" → russia), which names and pattern literals accept.
  const Vocabulary& vocabulary() const { return vocab_; }
  uint32_t word_id(std::string_view norm) const { return vocab_.find(norm); }
  uint32_t word_id(const Token& t) const { fill_ids(t); return t.word_id; }
  uint32_t base_id(const Token& t) const { fill_ids(t); return t.base_id; }
  // The id of the longest stem (`word*` in a dictionary) that begins the
  // token, 0 when none; always 0 when no dictionary of the language has stems.
  uint32_t stem_id(const Token& t) const { fill_ids(t); return t.stem_id; }
  // Whether a token whose longest stem is `token_stem` matches the pattern
  // word `id`: that stem, or a shorter pattern stem that begins it
  // ("expressed*" is also "express*").
  bool stem_matches(uint32_t token_stem, uint32_t id) const {
    if (token_stem == id) return token_stem != 0;
    for (uint32_t s : shorter_stems(token_stem))
      if (s == id) return true;
    return false;
  }
  // The shorter pattern stems that begin stem `id`; empty when none.
  std::span<const uint32_t> shorter_stems(uint32_t id) const {
    if (id + 1 >= shorter_stem_begin_.size()) return {};
    return {shorter_stems_.data() + shorter_stem_begin_[id], shorter_stems_.data() + shorter_stem_begin_[id + 1]};
  }
  bool has_stems() const { return !stem_lengths_.empty(); }
  // The actors and agents are a peer's (TABARI, PETRARCH): agents attach to
  // any actor code, not only to CAMEO countries.
  bool peer_actors() const { return peer_actors_; }
  // TABARI's dictionaries (not PETRARCH's, which a parser served): the
  // source is the first actor of the sentence.
  bool tabari_subjects() const { return tabari_subjects_; }
  // Accessors for the tries: token i's id, or its look-up id.
  auto id_at(const std::vector<Token>& tokens) const {
    return [this, &tokens](size_t i) { return word_id(tokens[i]); };
  }
  auto base_id_at(const std::vector<Token>& tokens) const {
    return [this, &tokens](size_t i) { return base_id(tokens[i]); };
  }
  auto stem_id_at(const std::vector<Token>& tokens) const {
    return [this, &tokens](size_t i) { return stem_id(tokens[i]); };
  }
  // The entry of class `cls` in the longest word phrase at token `pos` (ids
  // read through `id_at(i)`), from the trie that holds that class; nullptr
  // when the longest phrase there has no such entry. `len` is that phrase's
  // length.
  template <typename IdAt>
  const WordEntry* word_phrase(size_t pos, size_t end, IdAt id_at, WordClass cls, size_t& len) const;
  const std::vector<VerbPattern>& patterns() const { return patterns_; }
  const std::vector<PatternFilter>& pattern_filters() const { return filters_; }
  const std::vector<uint32_t>& filter_words() const { return filter_words_; }
  // Patterns whose head has this surface form; nullptr when none.
  const std::vector<uint32_t>* patterns_for_head(uint32_t word_id) const {
    const uint32_t h = info(word_id).heads;
    return h ? &head_lists_[h - 1] : nullptr;
  }
  const std::vector<uint32_t>* patterns_for_head(const Token& t) const { return patterns_for_head(word_id(t)); }
  // A head with many patterns (TABARI's "SAID" has 1,362) has them indexed
  // by a word each one needs besides the head (the first word of any
  // alternative of its first required element), so the coder tries only
  // those whose word the sentence has, plus the ones that need none.
  struct KeyedHeadList {
    std::vector<uint32_t> always;                  // patterns needing no other word
    std::vector<uint32_t> words;                   // sorted word ids
    std::vector<std::vector<uint32_t>> patterns;   // by words[i]: the patterns needing it
  };
  static constexpr size_t kKeyedHeadMin = 64;      // shorter lists are tried whole
  const KeyedHeadList* keyed_patterns_for_head(uint32_t word_id) const {
    const uint32_t h = info(word_id).heads;
    return h && h - 1 < keyed_heads_.size() && !keyed_heads_[h - 1].words.empty() ? &keyed_heads_[h - 1] : nullptr;
  }
  const std::vector<uint32_t>* patterns_for_head(std::string_view norm) const { return patterns_for_head(word_id(norm)); }
  // Single-token look-up of a function-word class.
  bool is_word(WordClass cls, uint32_t word_id) const {
    const WordInfo& w = info(word_id);
    return ((cls >= WordClass::kCount ? w.annotation_classes : w.classes) >> static_cast<unsigned>(cls)) & 1u;
  }
  bool is_word(WordClass cls, const Token& t) const { return is_word(cls, word_id(t)); }
  bool is_word(WordClass cls, std::string_view norm) const { return is_word(cls, word_id(norm)); }
  // Every single-token function-word class of a word below kCount, as a bit
  // mask (bit = WordClass), for callers that test a token for many classes.
  uint64_t word_classes(const Token& t) const { return info(word_id(t)).classes; }
  // Whether any word of the language has this class (English has
  // verb.context words, Indonesian none).
  bool has_class_words(WordClass cls) const { return (classes_present_ >> static_cast<unsigned>(cls)) & 1u; }
  // The classes (below kCount) of every function-word phrase, one word or
  // more, that begins with this word: a cheap test before a trie walk.
  uint64_t phrase_start_classes(const Token& t) const { return info(word_id(t)).phrase_start; }
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
  friend struct LexiconCache;  // src/lexicon/lexicon_cache.cc reads and writes every member
  std::string lang_;
  PhraseTrie actor_trie_, agent_trie_, place_trie_, word_trie_, annotation_trie_, entity_trie_;
  std::vector<ActorEntry> actors_;
  std::vector<AgentEntry> agents_;
  std::vector<PlaceEntry> places_;
  std::vector<WordEntry> words_;
  std::vector<std::string> theme_names_;
  std::vector<VerbPattern> patterns_;
  // What the compiled language knows of each vocabulary word, by id ([0]: any
  // word no dictionary uses, all zero).
  struct WordInfo {
    uint64_t classes = 0;             // single-word classes below kCount (bit = WordClass)
    uint64_t phrase_start = 0;        // classes (below kCount) of phrases starting with the word
    uint64_t annotation_classes = 0;  // single-word classes from kCount on
    uint32_t heads = 0;               // 1 + index into head_lists_ of the patterns it heads; 0 none
  };
  const WordInfo& info(uint32_t id) const { return id < word_info_.size() ? word_info_[id] : word_info_[0]; }
  static uint64_t next_serial();  // a new serial() for each lexicon built or read
  // The check inline (the matcher asks for a token's ids thousands of times
  // a sentence), the look-ups out of line (once per token).
  void fill_ids(const Token& t) const {
    if (t.vocab_serial != static_cast<uint32_t>(serial_)) [[unlikely]] look_up_ids(t);
  }
  [[gnu::noinline]] void look_up_ids(const Token& t) const {
    t.word_id = vocab_.find(t.norm);
    const size_t n = t.norm.size();
    t.base_id = n > 2 && t.norm.compare(n - 2, 2, "'s") == 0 ? vocab_.find(std::string_view(t.norm).substr(0, n - 2))
                                                              : t.word_id;
    // A dictionary word's stem is looked up once, when the lexicon is built.
    t.stem_id = stem_lengths_.empty() ? 0 : t.word_id ? stem_of_word_[t.word_id] : find_stem(t.norm);
    t.vocab_serial = static_cast<uint32_t>(serial_);
  }
  // Longest first: the stem lengths in use, each tried as "prefix*".
  uint32_t find_stem(std::string_view norm) const;
  std::vector<uint16_t> stem_lengths_;  // descending
  std::vector<uint32_t> stem_of_word_;  // by word id: find_stem() of the word (with stems only)
  std::vector<uint32_t> shorter_stem_begin_;  // by word id, CSR into shorter_stems_ (peer stems only)
  std::vector<uint32_t> shorter_stems_;
  mutable std::once_flag spaced_once_;       // spaced_name_start(): built on first use
  mutable std::atomic<bool> spaced_built_{false};
  mutable std::vector<bool> spaced_starts_;  // by word id
  bool peer_actors_ = false;
  bool tabari_subjects_ = false;
  Vocabulary vocab_;
  std::vector<WordInfo> word_info_{1};
  uint64_t classes_present_ = 0;  // bit = WordClass: some word has it
  std::vector<PatternFilter> filters_;  // by pattern
  std::vector<uint32_t> filter_words_;
  std::vector<std::vector<uint32_t>> head_lists_;
  std::vector<KeyedHeadList> keyed_heads_;  // parallel to head_lists_; empty for short lists
  // Built while loading, keyed by word; folded into word_info_ at the end.
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

// A dictionary converted from another coder's format (kabar/peer_dictionaries.h)
// into kabar's own lines, each remembering the peer file and line it came from.
struct ConvertedFile {
  std::string format;                // "tabari" or "petrarch": whose rules the coder follows
  std::string kind;                  // "actors", "agents", "verbs" or "words"
  std::string name;                  // "tabari/TABARI.Demo.verbs": how evidence names it
  std::vector<std::string> lines;    // kabar format (docs/DICTIONARIES.md)
  std::vector<std::string> origins;  // per line: the peer's "file:line"
};

struct LexiconOptions {
  // Converted peer dictionaries. They replace the actors, agents and verbs of
  // `peer_language` (kabar's function words stay); their event and actor
  // codes are the peers' own and are not checked against the CAMEO codebook;
  // their defects (duplicate names, clashing patterns) are warnings, the
  // first entry winning, as TABARI and PETRARCH treat them.
  const std::vector<ConvertedFile>* peer_files = nullptr;
  std::vector<std::string> peer_settings;  // TABARI .options lines (kabar/code.h PeerSettings)
  std::string peer_language = "en";
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
  static StatusOr<std::unique_ptr<Lexicon>> load(const std::string& data_dir, const LexiconOptions& options);

  // As load(), through a compiled cache: dictionaries compiled once are
  // written to `cache_dir` (lexicon-*.bin) and read back whole by later runs
  // while no input has changed (every file under data_dir by content; the
  // Indonesian root list and this kabar executable by path, size and
  // modification time; the ICU version). A missing, stale or damaged cache is rebuilt; one
  // that cannot be written costs only a slower start. An empty `cache_dir`
  // turns the cache off. `from_cache` says whether the cache was used.
  static StatusOr<std::unique_ptr<Lexicon>> load_cached(const std::string& data_dir, const std::string& cache_dir,
                                                        bool* from_cache = nullptr);
  // The same with converted peer dictionaries: their converted lines, origins
  // and settings join the fingerprint, so a peer file edited (or another
  // one named) compiles again, and the same files load in a fraction of the
  // compile time (the production TABARI dictionaries: 0.1 s instead of 0.3 s).
  static StatusOr<std::unique_ptr<Lexicon>> load_cached(const std::string& data_dir, const LexiconOptions& options,
                                                        const std::string& cache_dir, bool* from_cache = nullptr);

  Lexicon(const Lexicon&) = delete;
  Lexicon& operator=(const Lexicon&) = delete;
  Lexicon(Lexicon&&) = default;
  ~Lexicon();

  const Codebook& codebook() const { return codebook_; }
  // nullptr for a language with no folder under data/lexicon.
  const LanguageLexicon* language(std::string_view lang) const;
  std::vector<std::string> languages() const;
  // "id" or "en" by the stopwords of both (kabar/text.h guess_language, one
  // look-up per token); empty when unsure or either language is missing.
  std::string guess_language(const std::vector<Token>& tokens) const;
  const std::vector<BoilerplateRule>& boilerplate() const { return boilerplate_; }
  // "id/verbs/04-consult.txt:12" — relative to data/lexicon (or data/).
  std::string where(const SourceRef& ref) const;
  const std::vector<std::string>& files() const { return files_; }
  LexiconStats stats(std::string_view lang) const;
  // Loaded with peer dictionaries: event codes are the peers' and CAMEO's own
  // conventions (an announced act coded as its intent) are not applied.
  bool peer_codes() const { return peer_codes_; }
  // Peer-dictionary lines skipped or overridden, "file:line: why".
  const std::vector<std::string>& warnings() const { return warnings_; }
  // The peers' settings read with their dictionaries (TABARI .options),
  // which every Pipeline on this lexicon starts from.
  const std::vector<std::string>& peer_settings() const { return peer_settings_; }

 private:
  friend class LexiconBuilder;
  friend struct LexiconCache;  // src/lexicon/lexicon_cache.cc reads and writes every member
  Lexicon() = default;
  Codebook codebook_;
  std::vector<std::unique_ptr<LanguageLexicon>> languages_;
  std::vector<BoilerplateRule> boilerplate_;
  std::vector<std::string> files_;
  // Per file: the peer's "file:line" of each line of a converted file (empty
  // for kabar's own files); where() reports those.
  std::vector<std::vector<std::string>> file_origins_;
  bool peer_codes_ = false;
  std::vector<std::string> warnings_;
  std::vector<std::string> peer_settings_;
  Vocabulary stopwords_;                 // the stopwords of Indonesian and English together
  std::vector<uint8_t> stopword_langs_;  // by id: bit 0 Indonesian, bit 1 English
};

// The default data directory: $KABAR_DATA, else the one compiled in.
std::string default_data_dir();
// Where compiled dictionaries are cached: $KABAR_CACHE_DIR ("" or "off"
// turns the cache off), else $XDG_CACHE_HOME/kabar, else ~/.cache/kabar.
std::string default_cache_dir();

// ---- template implementation ----
template <typename IdAt>
size_t PhraseTrie::longest(size_t pos, size_t end, IdAt id_at, std::vector<uint32_t>& values) const {
  const std::vector<uint32_t>* best_values = nullptr;
  const size_t best = longest_ref(pos, end, id_at, best_values);
  values.clear();
  if (best_values) values = *best_values;
  return best;
}

template <typename IdAt>
size_t PhraseTrie::longest_ref(size_t pos, size_t end, IdAt id_at, const std::vector<uint32_t>*& best_values) const {
  best_values = nullptr;
  uint64_t node = 0;
  size_t best = 0;
  if (pos >= end || !may_start(id_at(pos))) return 0;
  for (size_t i = pos; i < end; ++i) {
    const uint32_t word = id_at(i);
    if (word == 0) break;  // no dictionary word: no phrase goes on through it
    const uint32_t next = edges_.find(node << 32 | word);
    if (next == EdgeMap::kAbsent) break;
    node = next;
    if (!values_[node].empty()) {
      best = i - pos + 1;
      best_values = &values_[node];
    }
  }
  return best;
}

template <typename IdAt, typename StemAt>
size_t PhraseTrie::longest_ref_stems(size_t pos, size_t end, IdAt id_at, StemAt stem_at,
                                     const std::vector<uint32_t>*& best_values) const {
  best_values = nullptr;
  if (pos >= end) return 0;
  // Most tokens begin no phrase: answer those without the search.
  {
    const uint32_t w = id_at(pos), st = stem_at(pos);
    if (!may_start(w) && !may_start(st)) return 0;
  }
  size_t best = 0;
  int best_exact = -1;
  // Depth-first over (token, node, exact words so far); dictionary phrases
  // are short, and most branches end at their first step.
  struct State { size_t i; uint64_t node; int exact; };
  State stack[64];
  size_t top = 0;
  stack[top++] = {pos, 0, 0};
  while (top) {
    const State s = stack[--top];
    if (s.i >= end) continue;
    const uint32_t ids[2] = {id_at(s.i), stem_at(s.i)};
    for (int k = 0; k < 2; ++k) {
      if (ids[k] == 0 || (k == 1 && ids[1] == ids[0])) continue;
      const uint32_t next = edges_.find(s.node << 32 | ids[k]);
      if (next == EdgeMap::kAbsent) continue;
      const int exact = s.exact + (k == 0);
      const size_t len = s.i - pos + 1;
      if (!values_[next].empty() && (len > best || (len == best && exact > best_exact))) {
        best = len;
        best_exact = exact;
        best_values = &values_[next];
      }
      if (top < 64) stack[top++] = {s.i + 1, next, exact};
    }
  }
  return best;
}

template <typename IdAt>
const WordEntry* LanguageLexicon::word_phrase(size_t pos, size_t end, IdAt id_at, WordClass cls, size_t& len) const {
  const std::vector<uint32_t>* values = nullptr;
  len = trie_of(cls).longest_ref(pos, end, id_at, values);
  if (values)
    for (uint32_t v : *values)
      if (words_[v].cls == cls) return &words_[v];
  return nullptr;
}

}  // namespace kabar
