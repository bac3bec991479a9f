// kabar/code.h — verb patterns to CAMEO events, one sentence at a time.
//
// For each token that is the head of some pattern, the patterns indexed
// under it are matched exactly around it; the best match per head wins
// (most literal tokens, then the more specific code, then file order). Then:
//   * the source is the clause subject (first actor of the clause that is not
//     the object of a preposition), inherited across "tetapi"/"but"-type
//     boundaries, or an anaphor resolved from the previous sentence;
//   * the target is the slot filler the pattern found;
//   * coordinated actors give one event per actor; a reciprocal pattern with
//     a coordinated source and no target gives both directions;
//   * modality comes from function words: negation and denial suppress the
//     event (kept only when asked), report verbs make it `reported`, etc.
// Every decision can be written to a Trace for `kabar explain`.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "kabar/annotate.h"
#include "kabar/event.h"
#include "kabar/lexicon.h"
#include "kabar/text.h"

namespace kabar {

// Lines of an explanation; null pointer when nobody asked.
struct Trace {
  std::vector<std::string> lines;
  void add(std::string line) { lines.push_back(std::move(line)); }
};

// What the coder remembers across sentences of one article, for anaphora.
struct Discourse {
  std::vector<ActorRef> last_subject;  // actors of the last clause subject seen
  std::vector<ActorRef> last_pair;     // source and target of the last two-party event
  std::vector<ActorRef> recent;        // every actor named so far, oldest first (at most 64)
  std::vector<ActorRef> last_doer;     // source of the last event coded ("serangan itu" refers to it)
  std::vector<ActorRef> doers;         // sources of the events coded, most recent first, each once (at most 4)
};

struct CodedEvent {
  Event event;
  uint32_t head_token = 0;
};

struct SentenceInput {
  std::string_view text;                 // the article text
  const std::vector<Token>* tokens;
  const Sentence* sentence;
  const std::vector<Mention>* mentions;  // the sentence's mentions, in token order
  const LanguageLexicon* lex;
  const Lexicon* lexicon;
};

// TABARI's run-time settings, which its validation records change as they go
// ({ OPTION: … }); they apply with peer dictionaries only.
struct PeerSettings {
  std::string default_source, default_target;  // DEFAULT: SOURCE [X] … TARGET [Y]: a missing actor's code
  bool default_source_prior = false;            // "SOURCE [X] PRIOR": X when no actor is before the verb
  bool default_target_after = false;            // "TARGET [Y] AFTER": Y when no actor is after the verb
  size_t minimum_words = 0;                     // SET: MINIMUM WORDS = N: shorter sentences are not coded
  static constexpr size_t kTabariMinimumWords = 8;  // TABARI's own when no setting says (0: the default)
  enum class Unit : uint8_t { kClause, kSentence, kAll } unit = Unit::kClause;  // SET: CODE BY CLAUSE | BY SENTENCE | ALL
  // PETRARCH's require_dyad: false codes an event whose source or target is
  // missing, with the null actor "---" in its place.
  bool require_dyad = true;
  // TABARI's FORWARD: in a story (records whose ids differ in their last
  // number only), a pronoun that opens a sentence before any actor stands
  // for the first actor of the sentence before (its actor alone, without
  // agents). `forward` is the option; the caller (kabar eval) sets
  // `forwarded_actor` for each sentence it codes, empty when none.
  bool forward = false;
  std::string forwarded_actor;
  // TABARI's SET: CONVERT AGENT: an agent with no actor ("a senior
  // official") is an actor, "~GOV", only when true.
  bool convert_agent = false;
  // TABARI's COMMA: a comma-delimited stretch is left out of the sentence
  // when its length in words is within the limits for its place: inside
  // (between two commas), at the end (after the last comma), at the
  // beginning (before the first). A comma inside a compound actor ("X, Y and
  // Z") delimits nothing. TABARI's defaults; `COMMA: OFF` turns it off.
  struct CommaLimits {
    uint8_t min = 2, max = 10;     // MIN, MAX: inside
    uint8_t emin = 2, emax = 10;   // EMIN, EMAX: at the end
    uint8_t bmin = 255, bmax = 0;  // BMIN, BMAX: at the beginning (never, by default)
    bool on = true;
  } comma;
  // TABARI's COMPLEX: VERBS[n] CONJ[m]: a sentence with n verbs or m
  // conjunctions (and, or, but outside actor names) or more is complex and
  // not coded; 0: no limit.
  uint8_t complex_verbs = 0, complex_conj = 0;
  bool complex_no_actor_prior = false;  // NOACTPRIOR: no actor before the first verb that codes: complex
  // PETRARCH's comma_min … comma_emax ("CONFIG: comma_max = 0"), the same
  // rule with PETRARCH's defaults (a maximum of 0 turns a place off).
  CommaLimits petrarch_comma{2, 8, 2, 8, 0, 0, true};
  // Reads one TABARI option ("DEFAULT: OFF", "SET: CODE ALL", …) or
  // PETRARCH setting ("CONFIG: require_dyad = false") into the settings;
  // false when kabar does not implement it.
  bool apply(std::string_view option);
  bool petrarch_comma_limit(std::string_view key, std::string_view rest);  // apply()'s "CONFIG: comma_…"
};

struct CodeOptions {
  bool keep_suppressed = false;  // output negated and denied events too
  PeerSettings peer;
};

std::vector<CodedEvent> code_sentence(const SentenceInput& in, Discourse& discourse,
                                      const CodeOptions& options, Trace* trace);

}  // namespace kabar
