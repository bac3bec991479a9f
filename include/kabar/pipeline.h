// kabar/pipeline.h — one article through every stage.
//
//   clean → text (tokens, sentences, language) → annotate (actors, places,
//   times) → code (events) → resolve (dates, places, ids)
//
// A Pipeline holds only a reference to an immutable Lexicon, so one Pipeline
// may process articles from several threads at once.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "kabar/annotate.h"
#include "kabar/article.h"
#include "kabar/clean.h"
#include "kabar/code.h"
#include "kabar/event.h"
#include "kabar/geocode.h"
#include "kabar/lexicon.h"
#include "kabar/text.h"

namespace kabar {

struct PipelineOptions {
  std::string default_lang = "id";  // when the article has no language and guessing fails
  bool keep_suppressed = false;     // also output negated and denied events
  // A role with no country ("polisi", "students") takes the country of the
  // dateline's place: in a JAKARTA story, "polisi" are Indonesian police.
  bool agent_country_from_dateline = true;
  // Article-level annotations that only the store and the GKG read (quotes,
  // tone). Off where output is events alone: they cost about 8 % of coding.
  bool article_annotations = true;
  PeerSettings peer;  // TABARI's settings, with peer dictionaries (kabar/code.h)
};

struct ArticleResult {
  Article article;
  Document document;
  std::string lang;
  std::optional<Date> date;      // the article date used for events
  std::string date_from;         // "input" (JSONL/--date), "text", or "" when unknown
  std::optional<Span> date_span; // where the text states it
  std::optional<Place> dateline_place;
  std::vector<Token> tokens;
  std::vector<Sentence> sentences;
  std::vector<SentenceAnnotations> annotations;  // one per sentence
  std::vector<Quote> quotes;                     // direct quotations, in text order
  ArticleTone tone;                              // GKG V1.5 tone of the whole text
  std::vector<Event> events;
};

class Pipeline {
 public:
  // `gazetteer` may be null (places from the dictionaries only); it must
  // outlive the pipeline.
  // The lexicon's peer settings (TABARI .options) are applied first, so a
  // record's own settings (kabar eval) go on top of them.
  Pipeline(const Lexicon& lexicon, PipelineOptions options, const Gazetteer* gazetteer = nullptr)
      : lexicon_(lexicon), options_(std::move(options)), geocoder_(lexicon, gazetteer) {
    for (const auto& s : lexicon_.peer_settings()) options_.peer.apply(s);
  }

  // Never fails: problems with the text itself (no sentences, unknown
  // language) give an article with no events. Input errors are the readers'.
  ArticleResult process(Article article, Trace* trace = nullptr) const;

  const Lexicon& lexicon() const { return lexicon_; }
  const Geocoder& geocoder() const { return geocoder_; }
  const PipelineOptions& options() const { return options_; }
  // The same pipeline with other options (the gazetteer shared), taken as
  // they are: the lexicon's peer settings are not applied again.
  Pipeline with_options(PipelineOptions options) const {
    Pipeline p(lexicon_, PipelineOptions{}, geocoder_.gazetteer());
    p.options_ = std::move(options);
    return p;
  }

 private:
  const Lexicon& lexicon_;
  PipelineOptions options_;
  Geocoder geocoder_;
};

}  // namespace kabar
