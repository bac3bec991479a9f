// kabar/eval.h — gold files and scores.
//
// A gold file is a list of records: a text (one sentence or a short passage),
// its date, and the events a human coder found in it. kabar reads four forms
// (docs/EVALUATION.md, "Gold formats"):
//   * kabar's own JSON Lines: {"id","lang","date","text","events":[{"source","target","code"}]}
//     (the TABARI suite converted to JSONL, with "expected"/"event", reads the same way);
//   * PETRARCH validation XML (<Sentence id date> <EventCoding sourcecode targetcode
//     eventcode/> <Text>…</Text>), read tolerantly: the files in the wild are not
//     well-formed XML;
//   * TABARI's validation text (Validate.text: its standard records, up to FINAL-01);
//   * the PLOVER gold-standard JSON array (PLOVER event types instead of CAMEO codes).
// Scoring runs the pipeline on each record and compares (source, target, code)
// sets: exact records, and micro precision/recall/F1 at code, root and
// QuadClass level (PLOVER type for PLOVER gold), with a per-root table.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "kabar/geocode.h"
#include "kabar/html.h"
#include "kabar/lexicon.h"
#include "kabar/pipeline.h"
#include "kabar/status.h"

namespace kabar {

struct GoldEvent {
  std::string source;  // actor code; "" for none
  std::string target;
  std::string code;    // CAMEO code, or a PLOVER type when the gold is PLOVER
};

struct GoldRecord {
  std::string id;
  std::string text;
  std::string lang;    // may be empty
  std::optional<Date> date;
  std::vector<GoldEvent> events;
  bool no_events = false;  // the record says explicitly that nothing is coded
  // TABARI settings the record changes before it is coded ("SET: CODE ALL",
  // "DEFAULT: OFF"): they hold for the records after it too.
  std::vector<std::string> options;
};

enum class GoldKind { kCameo, kPlover };

struct GoldFile {
  GoldKind kind = GoldKind::kCameo;
  std::string format;  // "kabar-jsonl", "petrarch-xml", "plover-json"
  std::vector<GoldRecord> records;
  std::vector<std::string> skipped;  // "file:line: why" for records that could not be read
  std::vector<std::string> notes;    // what the reader left out on purpose, said once
};

// Reads a gold file, choosing the reader by content.
StatusOr<GoldFile> read_gold(const std::string& path);

struct Counts {
  size_t tp = 0, fp = 0, fn = 0;
  double precision() const { return tp + fp ? static_cast<double>(tp) / static_cast<double>(tp + fp) : 0; }
  double recall() const { return tp + fn ? static_cast<double>(tp) / static_cast<double>(tp + fn) : 0; }
  double f1() const {
    double p = precision(), r = recall();
    return p + r > 0 ? 2 * p * r / (p + r) : 0;
  }
};

struct EvalOptions {
  // "full": actor codes must be equal; "country": only their country (first
  // unit) is compared, for gold coded with another dictionary's role codes.
  std::string actors = "full";
  std::string default_lang = "en";
};

struct EvalResult {
  size_t records = 0, exact = 0;
  Counts code, root, quad;                 // CAMEO gold
  Counts plover;                           // PLOVER gold
  std::map<std::string, Counts> per_root;  // root (or PLOVER type) → counts at that level
  struct Failure {
    std::string id, text, expected, got;
  };
  std::vector<Failure> failures;
  std::vector<std::string> unsupported_options;  // "record: option" for settings kabar does not implement
};

EvalResult evaluate(const GoldFile& gold, const Pipeline& pipeline, const EvalOptions& options);

// Human-readable summary (the table `kabar eval` prints).
std::string format_eval(const GoldFile& gold, const EvalResult& result);
// Every failing record, expected against got (`kabar eval --report`).
std::string format_failures(const EvalResult& result);

// Named-entity detection against a token-per-line BIO file (CoNLL: the label
// in the last column; PER/PERSON/PPL, ORG/ORGANISATION/ORGANIZATION/IND,
// LOC/PLACE/LOCATION/PLC; other labels are ignored). Sentences are rebuilt by
// joining tokens with spaces; an entity counts when its type and exact
// character span agree.
struct NerResult {
  size_t sentences = 0;
  std::map<std::string, Counts> by_type;  // "PER", "ORG", "LOC"
  Counts all;                             // typed match over all three
  Counts untyped;                         // span match, any type ("actor and place detection")
};
// `geocoder` (may be null) adds the gazetteer's places to the dictionaries'.
StatusOr<NerResult> evaluate_ner(const std::string& path, const LanguageLexicon& lex, const Geocoder* geocoder = nullptr);
std::string format_ner(const NerResult& result);

// ---------------------------------------------------------------------------
// Places against a tagged corpus: Reuters-21578 as JSON Lines (fields id,
// title, dateline, places, text). Each article is coded as the wire printed
// it, dateline first ("SALVADOR, Feb 26 - Showers continued …"), and scored:
//   * datelines: found in the text (place as the DATELINE field has it),
//     resolved to a place, and that place's country among the PLACES tags;
//   * document countries: the set of countries kabar finds in the article
//     (actors, places, the dateline) against the PLACES tags, micro P/R/F1
//     over the articles that have tags.
// PLACES tags are country names ("el-salvador", "west-germany"); historical and
// short ones are mapped by a fixed table, the rest through the gazetteer.

struct PlacesEvalResult {
  size_t articles = 0, with_tags = 0;
  size_t datelines = 0, dateline_found = 0, dateline_same_text = 0, dateline_resolved = 0;
  size_t dateline_tagged = 0;                         // datelines of articles whose tags all map
  size_t dateline_scored = 0, dateline_in_tags = 0;  // resolved, with tags: country among them
  size_t tp = 0, fp = 0, fn = 0;
  std::map<std::string, size_t> unmapped_tags;      // tag → articles
  std::map<std::string, size_t> false_positives;    // ISO2 → count
  std::map<std::string, size_t> false_negatives;
  std::map<std::string, size_t> dateline_misses;    // "PLACE → XX" → count
};

StatusOr<PlacesEvalResult> evaluate_places(const std::string& path, const Pipeline& pipeline, size_t limit = 0);
std::string format_places_eval(const PlacesEvalResult& result);

// ---------------------------------------------------------------------------
// Main-content extraction against the article-extraction benchmark
// (scrapinghub's: DIR/ground-truth.json and DIR/html/ID.html.gz), scored as
// its evaluate.py defines (kabar/html.h shingle_score). With `baseline`, a
// prediction file of the benchmark's format is scored instead of kabar, which
// checks the scorer against the published figures.
struct HtmlEvalResult {
  ShingleSummary summary;
  size_t pages = 0, failed = 0;           // pages kabar could not read
  std::vector<std::pair<std::string, double>> worst;  // id, F1 of the page, lowest first (at most 10)
  std::map<std::string, std::string> predictions;    // id → text (kabar's, for --output)
};
StatusOr<HtmlEvalResult> evaluate_html(const std::string& dir, const std::string& baseline = "");
// The same pages read from a web archive (kabar/warc.h) instead of html/:
// each ground-truth page is the archive's document with its URL, so the
// whole path WARC → HTTP → HTML → text is scored. A page missing from the
// archive scores as an empty prediction.
StatusOr<HtmlEvalResult> evaluate_html_warc(const std::string& dir, const std::string& warc_path);
std::string format_html_eval(const HtmlEvalResult& r);

}  // namespace kabar
