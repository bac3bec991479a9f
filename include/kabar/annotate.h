// kabar/annotate.h — actor mentions, places and time expressions in sentences.
//
// Actor mentions are built in three steps over the tokens of a sentence:
//   1. dictionary items: the longest actor name or agent word at each token
//      (actor names filtered by the article date: an office held then);
//   2. noun-phrase chunks: adjacent items merge into one compound actor
//      ("Presiden Ukraina Volodymyr Zelensky" → UKRGOV; "kepala keamanan
//      Rusia" → RUSGOV);
//   3. coordination: chunks joined by "dan"/"and"/"serta" (and list commas)
//      become one mention with several actors, and a role given by an agent
//      distributes over bare countries ("kepala keamanan Rusia dan Iran" →
//      RUSGOV, IRNGOV).
// Capitals right after a locative preposition ("di Teheran") are places, not
// actors. Pure functions; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "kabar/date.h"
#include "kabar/event.h"
#include "kabar/lexicon.h"
#include "kabar/text.h"

namespace kabar {

class Geocoder;  // kabar/geocode.h

struct Mention {
  uint32_t first_token = 0, end_token = 0;
  Span span;
  std::vector<ActorRef> actors;  // more than one for a coordination
  bool after_prep = false;       // object of a preposition: never a clause subject
  bool media = false;            // a news outlet: a cited source, not an event actor
};

struct PlaceMention {
  uint32_t first_token = 0, end_token = 0;
  Span span;
  uint32_t place = 0;            // index into LanguageLexicon::places(); kGazetteerOnly when none
  bool after_locative = false;   // "di Teheran", "in Tehran"
  // The place as output (kabar/geocode.h fills it: dictionary entry plus the
  // gazetteer's codes, or a place only the gazetteer knows). `from` is empty.
  Place resolved;
  double score = 0;              // the gazetteer's score, for places it chose
  static constexpr uint32_t kGazetteerOnly = UINT32_MAX;
};

struct TimeMention {
  uint32_t first_token = 0, end_token = 0;
  Span span;
  std::optional<Date> date;      // resolved; empty until an anchor date is known for partial ones
  bool has_year = false;         // complete on its own ("9/11/2022", "24 Februari 2022")
  int month = 0, day = 0;        // for partial dates: resolved against the article date
  int weekday = -1;              // 0 = Monday, for "Rabu", "on Tuesday"
  int day_offset = 0;            // for "kemarin" (−1)
  bool relative = false;
};

struct SentenceAnnotations {
  std::vector<Mention> mentions;
  std::vector<PlaceMention> places;
  std::vector<TimeMention> times;
};

// The people an article has named in full, by each word of their names:
// a later "Zulkifli" or "Araghchi" alone is the person named before
// ("Menteri Perdagangan Zulkifli Hasan", "Abbas Araghchi"). Indonesian news
// calls people by any part of their name, most often the first; the
// dictionaries list the short forms they know, the article supplies the
// rest. One per article, filled sentence by sentence in order.
struct NameEchoes {
  struct Person {
    std::string code;
    uint16_t flags = 0;
    SourceRef ref;
    bool ambiguous = false;  // two people of the article share the word: neither
  };
  std::unordered_map<std::string, Person> by_word;  // normalised word → person
};

// Finds actor mentions in tokens[first, end). `date` selects dated entries;
// without a date, an undated entry, else the name's most recent office.
// With `echoes` (kabar's own dictionaries), a word of a person named in
// full earlier in the article, standing alone, is that person again, and
// the people named here are added.
std::vector<Mention> find_mentions(std::string_view text, const std::vector<Token>& tokens,
                                   uint32_t first, uint32_t end, const LanguageLexicon& lex,
                                   const Codebook& book, const std::optional<Date>& date,
                                   NameEchoes* echoes = nullptr);

std::vector<PlaceMention> find_places(const std::vector<Token>& tokens, uint32_t first, uint32_t end,
                                      const LanguageLexicon& lex);

// Time expressions; partial ones resolved against `anchor` when given.
std::vector<TimeMention> find_times(std::string_view text, const std::vector<Token>& tokens,
                                    uint32_t first, uint32_t end, const LanguageLexicon& lex,
                                    const std::optional<Date>& anchor);

// Named entities as the dictionaries know them, for NER evaluation: people,
// organisations (institutions, media, groups) and locations (countries,
// capitals, regions, gazetteer places). Agents ("presiden") are not entities.
// Dated entries match whatever the date.
enum class EntityKind : uint8_t { kPerson, kOrganisation, kLocation };
const char* entity_kind_name(EntityKind kind);

struct Entity {
  uint32_t first_token = 0, end_token = 0;
  EntityKind kind = EntityKind::kLocation;
};

std::vector<Entity> find_entities(std::string_view text, const std::vector<Token>& tokens, uint32_t first,
                                  uint32_t end, const LanguageLexicon& lex,
                                  const Geocoder* geocoder = nullptr);

// Resolves a partial time mention against an anchor (the article date): a
// day-month without year takes the anchor's year, or the year before when that
// would put it more than a week after the anchor; a weekday is the latest such
// day on or before the anchor.
std::optional<Date> resolve_time(const TimeMention& t, const Date& anchor);

// A direct quotation: the words between paired double quote marks (“…”,
// «…», "…"; at least two words, possibly across sentences) and, when the
// sentence says who spoke, the speaker: a mention after a report word right
// after the quote ("…,” kata Lavrov; "…," Lavrov said) or right before it
// (Lavrov mengatakan: “…”; menurut Lavrov, “…”).
struct Quote {
  uint32_t sentence = 0;  // sentence where the quote opens
  Span span;              // the quoted text, without the marks
  std::optional<Mention> speaker;  // the speaker when the dictionaries code them
  Span speaker_span;      // the speaker as written, also a name no dictionary knows
                          // ("…,” ujar Budi Santoso); empty when none is named
  Span verb;              // the report word ("kata", "said"); empty when none
  bool by_pronoun = false;  // "…,” ujarnya" / "he said": the previous quote's speaker
  bool reported = false;    // reported (indirect) speech, no quote marks: `span` is what was said
};

// Direct quotations (double quote marks, at least two words), with speakers.
std::vector<Quote> find_quotes(std::string_view text, const std::vector<Token>& tokens,
                               const std::vector<Sentence>& sentences,
                               const std::vector<SentenceAnnotations>& annotations, const LanguageLexicon& lex);

// Reported speech in sentences with no direct quotation, in three shapes:
//   "…, kata Zelensky." / "…, the ministry said on Tuesday." / "…, he said."
//   "Menurut juru bicara Kemlu, …" / "According to Reuters, …"
//   "Lavrov mengatakan bahwa …" / "Officials said that …"
// Pronoun speakers take the last named speaker (of either kind). Returns the
// direct quotes and the reported ones merged in text order.
std::vector<Quote> add_reported_speech(std::string_view text, const std::vector<Token>& tokens,
                                       const std::vector<Sentence>& sentences,
                                       const std::vector<SentenceAnnotations>& annotations, const LanguageLexicon& lex,
                                       std::vector<Quote> quotes);

// News outlets the text cites as its source, as written: "kata kantor berita
// TASS", "seperti dikutip dari Reuters", "Reuters reported", "according to
// CNN". In text order, each once.
std::vector<std::string> find_cited_sources(std::string_view text, const std::vector<Token>& tokens,
                                            const std::vector<Sentence>& sentences,
                                            const std::vector<SentenceAnnotations>& annotations,
                                            const LanguageLexicon& lex);

// A count as GDELT's GKG has them: "12 orang tewas" → KILL 12 "orang";
// "killed five soldiers" → KILL 5 "soldiers". The number is the nearest one
// after the trigger word (skipping "sedikitnya", "at least") or, failing
// that, before it in the same sentence; the object is the words right after
// the number, up to a function word.
struct CountMention {
  const char* type = "";  // one of kCountTypes
  int64_t number = 0;
  std::string object;     // as written; may be empty
  Span span;              // from the number to the trigger, whichever order
};

std::vector<CountMention> find_counts(std::string_view text, const std::vector<Token>& tokens, uint32_t first,
                                      uint32_t end, const LanguageLexicon& lex);

// The integer a number token spells ("1.200" and "1,200" are 1200; "2,5" is
// 2.5), when it is one. Exposed for tests.
std::optional<double> parse_count_number(std::string_view token);

// Document tone as GDELT's V1.5Tone: percentages of the article's words.
// Tone = Positive − Negative; Polarity = Positive + Negative; Activity: verb
// pattern heads (words that can code an event); SelfGroup: first-person
// pronouns. Word lists: words/tone.txt per language.
struct ArticleTone {
  double tone = 0, positive = 0, negative = 0, polarity = 0, activity = 0, self_group = 0;
  size_t words = 0;
};
ArticleTone measure_tone(const std::vector<Token>& tokens, const LanguageLexicon& lex);

// Themes (words/themes.txt): each keyword occurrence, as GKG
// V2EnhancedThemes lists them.
struct ThemeMention {
  uint32_t theme = 0;  // index into lex.theme_names()
  Span span;
};
std::vector<ThemeMention> find_themes(const std::vector<Token>& tokens, const LanguageLexicon& lex);

}  // namespace kabar
