#include "kabar/pipeline.h"

#include <algorithm>

#include <fmt/format.h>

#include "kabar/resolve.h"

namespace kabar {

namespace {

// Roles that belong to a country when they have none written ("polisi",
// "students"), as opposed to transnational ones (IGO, NGO, multinationals,
// the UN's own codes) which never take the dateline's country.
bool is_national_role(const Codebook& book, const std::string& role) {
  static const char* kTransnational[] = {"IGO", "NGO", "NGM", "INT", "IMG", "MNC", "UNO", "AMN", "IRC", "GRP", "UIS", "UAF"};
  if (role.empty() || role.size() % 3) return false;
  for (size_t i = 0; i < role.size(); i += 3) {
    std::string unit = role.substr(i, 3);
    const ActorUnit* u = book.unit(unit);
    if (!u || u->kind != ActorUnitKind::kType) return false;
    for (const char* t : kTransnational)
      if (unit == t) return false;
  }
  return true;
}

// The peers' texts write a name's words joined with underscores
// ("Dol_Amroth"), as their dictionaries do: with peer dictionaries each
// part is a word of its own.
void split_underscores(std::string_view text, std::vector<Token>& tokens, size_t from) {
  auto joined = [&](const Token& t) { return t.kind == TokenKind::kWord && t.span.in(text).find('_') != std::string_view::npos; };
  if (std::none_of(tokens.begin() + static_cast<std::ptrdiff_t>(from), tokens.end(), joined)) return;
  std::vector<Token> rest(tokens.begin() + static_cast<std::ptrdiff_t>(from), tokens.end());
  tokens.resize(from);
  for (auto& t : rest) {
    if (!joined(t)) { tokens.push_back(std::move(t)); continue; }
    uint32_t a = t.span.begin;
    for (uint32_t b = t.span.begin; b <= t.span.end; ++b) {
      if (b < t.span.end && text[b] != '_') continue;
      if (b > a) tokenize(text, Span{a, b}, tokens);
      a = b + 1;
    }
  }
}

}  // namespace

ArticleResult Pipeline::process(Article article, Trace* trace) const {
  ArticleResult r;
  r.article = std::move(article);
  const std::string_view text = r.article.text;
  r.document = clean_article(r.article, lexicon_.boilerplate());

  // Tokens of the body blocks.
  std::vector<std::pair<uint32_t, uint32_t>> block_tokens;
  for (const Span& block : r.document.body) {
    uint32_t b = static_cast<uint32_t>(r.tokens.size());
    tokenize(text, block, r.tokens);
    if (lexicon_.peer_codes()) split_underscores(text, r.tokens, b);
    block_tokens.emplace_back(b, static_cast<uint32_t>(r.tokens.size()));
  }

  // Language: given, else guessed from stopwords, else the default.
  r.lang = r.article.lang;
  if (r.lang.empty() || !lexicon_.language(r.lang)) {
    r.lang = lexicon_.guess_language(r.tokens);
    if (r.lang.empty() || !lexicon_.language(r.lang)) r.lang = options_.default_lang;
  }
  const LanguageLexicon* lex = lexicon_.language(r.lang);
  if (!lex) return r;

  SentenceRules rules{lex->abbreviations()};
  for (auto [b, e] : block_tokens) {
    auto s = split_sentences(text, r.tokens, b, e, rules, static_cast<uint32_t>(r.sentences.size()));
    r.sentences.insert(r.sentences.end(), s.begin(), s.end());
  }

  // The article date: given with the input, else the first complete date in
  // the text ("Rabu, (9/11/2022)").
  if (r.article.date) {
    r.date = r.article.date;
    r.date_from = "input";
  } else {
    for (const auto& s : r.sentences) {
      for (const auto& t : find_times(text, r.tokens, s.first_token, s.end_token, *lex, std::nullopt)) {
        if (t.has_year && t.date) { r.date = t.date; r.date_from = "text"; r.date_span = t.span; break; }
      }
      if (r.date) break;
    }
  }
  // Annotations of every sentence first: places are resolved in the context
  // of the whole article (the countries it names).
  r.annotations.resize(r.sentences.size());
  NameEchoes echoes;  // people named in full so far, by each word of their names
  for (size_t si = 0; si < r.sentences.size(); ++si) {
    const Sentence& s = r.sentences[si];
    SentenceAnnotations& a = r.annotations[si];
    a.mentions = find_mentions(text, r.tokens, s.first_token, s.end_token, *lex, lexicon_.codebook(), r.date, &echoes);
    a.places = find_places(r.tokens, s.first_token, s.end_token, *lex);
    a.times = find_times(text, r.tokens, s.first_token, s.end_token, *lex, r.date);
  }
  GeoContext geo_context = geocoder_.article_context(r.annotations, *lex);
  if (r.document.dateline)
    r.dateline_place =
        geocoder_.dateline(r.document.dateline->place, r.document.dateline->place_span, *lex, geo_context);
  geocoder_.geocode_article(r.tokens, r.sentences, r.annotations, *lex, r.dateline_place, std::move(geo_context));
  if (trace) {
    trace->add(fmt::format("language: {}{}", r.lang, r.article.lang.empty() ? " (guessed)" : ""));
    trace->add(fmt::format("article date: {} ({})", r.date ? r.date->to_string() : "unknown",
                           r.date_from.empty() ? "none found" : r.date_from));
    if (r.document.dateline)
      trace->add(fmt::format("dateline: place \"{}\" outlet \"{}\"{}", r.document.dateline->place,
                             r.document.dateline->outlet, r.dateline_place ? " → " + r.dateline_place->name : ""));
    for (const auto& line : r.document.lines)
      if (line.kind != LineKind::kBody)
        trace->add(fmt::format("line {} \"{}\" ({})", line_kind_name(line.kind), line.span.in(text),
                               line.kind == LineKind::kTitle ? "not coded" : lexicon_.where(line.rule)));
  }


  Discourse discourse;
  CodeOptions code_options{options_.keep_suppressed, options_.peer};
  for (size_t si = 0; si < r.sentences.size(); ++si) {
    const Sentence& s = r.sentences[si];
    SentenceAnnotations& a = r.annotations[si];
    if (trace) {
      trace->add(fmt::format("sentence {}: \"{}\"", s.index, s.span.in(text)));
      std::string toks;
      for (uint32_t t = s.first_token; t < s.end_token; ++t) toks += (toks.empty() ? "" : " ") + std::string(r.tokens[t].span.in(text));
      trace->add("  tokens: " + toks);
      for (const auto& m : a.mentions) {
        std::string codes;
        for (const auto& ac : m.actors) {
          std::string refs;
          for (const auto& ref : ac.entries) refs += (refs.empty() ? "" : ", ") + lexicon_.where(ref);
          codes += fmt::format(" {}=\"{}\" [{}]", ac.code, ac.name, refs);
        }
        trace->add(fmt::format("  actor:{}{}{}", codes, m.after_prep ? " (after preposition)" : "", m.media ? " (media)" : ""));
      }
      for (const auto& p : a.places) {
        std::string codes = p.resolved.adm1.empty() ? "" : " " + p.resolved.adm1;
        if (p.resolved.geonames_id) codes += fmt::format(" geonames:{}", p.resolved.geonames_id);
        std::string source = p.place == PlaceMention::kGazetteerOnly ? fmt::format("gazetteer, score {:.1f}", p.score)
                                                                     : lexicon_.where(*p.resolved.entry);
        trace->add(fmt::format("  place: \"{}\" → {} ({}, {}{}) [{}]{}", p.span.in(text), p.resolved.name,
                               p.resolved.country, p.resolved.precision, codes, source,
                               p.after_locative ? " locative" : ""));
      }
      for (const auto& t : a.times)
        trace->add(fmt::format("  time: \"{}\" → {}", t.span.in(text), t.date ? t.date->to_string() : "unresolved"));
    }
    SentenceInput in{text, &r.tokens, &s, &a.mentions, lex, &lexicon_};
    auto coded = code_sentence(in, discourse, code_options, trace);
    SentenceResolveInput rin{&r.tokens, &a.times, &a.places, &a.mentions, lex, r.date, r.dateline_place, &lexicon_.codebook()};
    resolve_sentence_events(rin, r.article.id, coded);
    for (auto& ce : coded) {
      if (options_.agent_country_from_dateline && r.dateline_place) {
        for (auto* actor : {ce.event.source ? &*ce.event.source : nullptr, ce.event.target ? &*ce.event.target : nullptr}) {
          if (!actor || !actor->country.empty() || !is_national_role(lexicon_.codebook(), actor->role)) continue;
          if (!lexicon_.codebook().valid_actor_code(r.dateline_place->country)) continue;
          actor->country = r.dateline_place->country;
          actor->code = actor->country + actor->role;
          if (trace) trace->add(fmt::format("  {} takes the dateline's country: {}", actor->name, actor->code));
        }
        ce.event.id = event_id(r.article.id, ce.event);
      }
      r.events.push_back(std::move(ce.event));
    }
  }
  if (options_.article_annotations) {
    r.quotes = add_reported_speech(text, r.tokens, r.sentences, r.annotations, *lex,
                                   find_quotes(text, r.tokens, r.sentences, r.annotations, *lex));
    // Outlets the text cites ("kata kantor berita TASS", "Reuters reported")
    // join those of a "Sumber:" line, each once.
    for (auto& name : find_cited_sources(text, r.tokens, r.sentences, r.annotations, *lex)) {
      bool seen = false;
      for (const auto& c : r.document.cited_sources) seen = seen || normalize_word(c) == normalize_word(name);
      if (!seen) r.document.cited_sources.push_back(std::move(name));
    }
    r.tone = measure_tone(r.tokens, *lex);
  }
  return r;
}

}  // namespace kabar
