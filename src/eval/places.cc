// Places against the Reuters-21578 PLACES and DATELINE fields (kabar/eval.h).
#include <algorithm>
#include <cctype>
#include <set>

#include <fmt/format.h>
#include <simdjson.h>

#include "kabar/eval.h"
#include "util/strings.h"

namespace kabar {
namespace {

// Reuters PLACES tags that are not a current country's name: 1987's states
// and the corpus's own short forms, mapped to the ISO 3166 code of today's
// country on that territory (a story tagged "ussr" names places now in RU).
const std::pair<const char*, const char*> kTagTable[] = {
    {"usa", "US"},          {"uk", "GB"},
    {"ussr", "RU"},         {"west-germany", "DE"},
    {"east-germany", "DE"}, {"czechoslovakia", "CZ"},
    {"yugoslavia", "RS"},   {"kampuchea", "KH"},
    {"burma", "MM"},        {"zaire", "CD"},
    {"yemen-arab-republic", "YE"}, {"yemen-demo-republic", "YE"},
    {"us-virgin-islands", "VI"},   {"trinidad-tobago", "TT"},
    {"uae", "AE"},          {"ivory-coast", "CI"},
    {"swaziland", "SZ"},    {"congo", "CG"},
};

std::string tag_to_iso2(const std::string& tag, const Gazetteer* gazetteer) {
  for (const auto& [t, iso] : kTagTable)
    if (tag == t) return iso;
  if (!gazetteer) return {};
  std::string name = tag;
  std::replace(name.begin(), name.end(), '-', ' ');
  for (const auto& c : gazetteer->candidates(name))
    if (c.place.kind == GeoKind::kCountry) return std::string(c.place.iso2);
  return {};
}

}  // namespace

StatusOr<PlacesEvalResult> evaluate_places(const std::string& path, const Pipeline& pipeline, size_t limit) {
  simdjson::dom::parser parser;
  simdjson::dom::document_stream stream;
  if (auto err = parser.load_many(path).get(stream))
    return Status(err == simdjson::IO_ERROR ? ErrorCode::kNotFound : ErrorCode::kParse,
                  fmt::format("{}: {}", path, simdjson::error_message(err)));
  const Gazetteer* gazetteer = pipeline.geocoder().gazetteer();
  const Codebook& book = pipeline.lexicon().codebook();
  auto iso2_of = [&](const std::string& code) { return std::string(book.country_iso2(code)); };
  PlacesEvalResult r;
  size_t line = 0;
  for (auto doc : stream) {
    ++line;
    simdjson::dom::object o;
    if (doc.get(o)) return Status(ErrorCode::kParse, fmt::format("{}:{}: not a JSON object", path, line));
    std::string_view id, title, dateline, text;
    if (o["text"].get(text)) continue;  // a record without a body has nothing to score
    // Missing or null fields read as empty.
    if (o["id"].get(id)) id = {};
    if (o["title"].get(title)) title = {};
    if (o["dateline"].get(dateline)) dateline = {};
    std::set<std::string> gold;
    bool unmapped = false;
    simdjson::dom::array places;
    if (!o["places"].get(places)) {
      for (auto p : places) {
        std::string_view tag;
        if (p.get(tag)) continue;
        std::string iso = tag_to_iso2(std::string(tag), gazetteer);
        if (iso.empty()) {
          ++r.unmapped_tags[std::string(tag)];
          unmapped = true;
        } else {
          gold.insert(iso);
        }
      }
    }
    Article a;
    a.id = id.empty() ? fmt::format("{}:{}", path, line) : std::string(id);
    a.title = std::string(title);
    a.lang = "en";
    std::string dl = std::string(dateline);
    while (!dl.empty() && std::isspace(static_cast<unsigned char>(dl.back()))) dl.pop_back();
    a.text = dl.empty() ? std::string(text) : dl + " " + std::string(text);
    ArticleResult res = pipeline.process(std::move(a));
    ++r.articles;

    // Datelines.
    if (!dl.empty()) {
      ++r.datelines;
      if (!gold.empty() && !unmapped) ++r.dateline_tagged;
      std::string want = dl.substr(0, dl.find_first_of(",("));
      while (!want.empty() && want.back() == ' ') want.pop_back();
      if (res.document.dateline) {
        ++r.dateline_found;
        if (ascii_lower(res.document.dateline->place) == ascii_lower(want)) ++r.dateline_same_text;
      }
      if (res.dateline_place) {
        ++r.dateline_resolved;
        if (!gold.empty() && !unmapped) {
          ++r.dateline_scored;
          const std::string iso = iso2_of(res.dateline_place->country);
          if (gold.count(iso)) ++r.dateline_in_tags;
          else ++r.dateline_misses[fmt::format("{} → {}", want, iso.empty() ? "?" : iso)];
        }
      }
    }

    // Document countries: an article with an unmapped tag is left out, so a
    // gap in the tag table never counts against kabar.
    if (gold.empty() || unmapped) continue;
    ++r.with_tags;
    std::set<std::string> got;
    for (const auto& ann : res.annotations) {
      for (const auto& m : ann.mentions)
        for (const auto& actor : m.actors)
          if (auto iso = iso2_of(actor.country); !iso.empty()) got.insert(iso);
      for (const auto& p : ann.places)
        if (auto iso = iso2_of(p.resolved.country); !iso.empty()) got.insert(iso);
    }
    if (res.dateline_place)
      if (auto iso = iso2_of(res.dateline_place->country); !iso.empty()) got.insert(iso);
    for (const auto& g : got) {
      if (gold.count(g)) ++r.tp;
      else { ++r.fp; ++r.false_positives[g]; }
    }
    for (const auto& g : gold)
      if (!got.count(g)) { ++r.fn; ++r.false_negatives[g]; }
    if (limit && r.articles >= limit) break;
  }
  return r;
}

std::string format_places_eval(const PlacesEvalResult& r) {
  auto ratio = [](size_t a, size_t b) { return b ? static_cast<double>(a) / static_cast<double>(b) : 0.0; };
  auto top = [](const std::map<std::string, size_t>& m, size_t n) {
    std::vector<std::pair<std::string, size_t>> v(m.begin(), m.end());
    std::stable_sort(v.begin(), v.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
    std::string out;
    for (size_t i = 0; i < v.size() && i < n; ++i) out += fmt::format("{}{} {}", i ? ", " : "", v[i].first, v[i].second);
    return out.empty() ? std::string("none") : out;
  };
  const double p = ratio(r.tp, r.tp + r.fp), rec = ratio(r.tp, r.tp + r.fn);
  std::string o;
  o += fmt::format("articles: {} ({} with PLACES tags all mapped)\n", r.articles, r.with_tags);
  o += fmt::format("datelines: {}; found in the text {} ({:.3f}), same place text {} ({:.3f}), resolved {} ({:.3f})\n",
                   r.datelines, r.dateline_found, ratio(r.dateline_found, r.datelines), r.dateline_same_text,
                   ratio(r.dateline_same_text, r.datelines), r.dateline_resolved, ratio(r.dateline_resolved, r.datelines));
  o += fmt::format("dateline country among the PLACES tags: {} of {} tagged datelines ({:.3f}); of those resolved {:.3f}\n",
                   r.dateline_in_tags, r.dateline_tagged, ratio(r.dateline_in_tags, r.dateline_tagged),
                   ratio(r.dateline_in_tags, r.dateline_scored));
  o += fmt::format("document countries: precision {:.3f} recall {:.3f} F1 {:.3f} (tp {} fp {} fn {})\n", p, rec,
                   p + rec > 0 ? 2 * p * rec / (p + rec) : 0.0, r.tp, r.fp, r.fn);
  o += fmt::format("most false positives: {}\n", top(r.false_positives, 10));
  o += fmt::format("most false negatives: {}\n", top(r.false_negatives, 10));
  o += fmt::format("most dateline misses: {}\n", top(r.dateline_misses, 10));
  o += fmt::format("unmapped tags: {}\n", top(r.unmapped_tags, 20));
  return o;
}

}  // namespace kabar
