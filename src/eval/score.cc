// Scoring a gold file: see kabar/eval.h. Comparison is on sets of
// (source, target, code) per record, as the peers' suites define success.
#include <cctype>
#include <set>
#include <tuple>

#include <fmt/format.h>

#include "kabar/eval.h"

namespace kabar {
namespace {

using Triple = std::tuple<std::string, std::string, std::string>;

// In "country" mode codes from other dictionaries are brought to a common
// form: Phoenix's "---REB" (no country) is the role "REB"; a country-led code
// is its country; an IGO/NGO code keeps its first unit and its last known
// group ("IGOEUREEC" and kabar's "IGOEEC" are both "IGOEEC", "IGOUNOMIL" is
// "IGOUNO").
std::string normalise_actor(std::string code, const Codebook& book, const std::string& mode) {
  if (code == "---" || code == "-") return "";
  if (mode != "country") return code;
  while (code.size() >= 3 && code.compare(0, 3, "---") == 0) code.erase(0, 3);
  if (code.size() < 3) return code;
  const ActorUnit* first = book.unit(std::string_view(code).substr(0, 3));
  if (first && (first->kind == ActorUnitKind::kCountry || first->kind == ActorUnitKind::kRegion)) return code.substr(0, 3);
  std::string group;
  for (size_t i = 3; i + 3 <= code.size(); i += 3) {
    const ActorUnit* u = book.unit(std::string_view(code).substr(i, 3));
    if (u && u->kind == ActorUnitKind::kGroup) group = code.substr(i, 3);
  }
  return code.substr(0, 3) + group;
}

// The code at a level: "code", "root", "quad" or "plover".
std::string at_level(const std::string& code, const std::string& level, const Codebook& book) {
  if (level == "code") return code;
  if (level == "root") return code.substr(0, 2);
  const CameoCode* c = book.find(code);
  if (level == "quad") return c ? std::to_string(c->quad) : "?";
  return c ? c->plover_type : "";  // plover
}

void count(const std::set<Triple>& gold, const std::set<Triple>& got, Counts& c) {
  for (const auto& t : got) (gold.count(t) ? c.tp : c.fp)++;
  for (const auto& t : gold)
    if (!got.count(t)) c.fn++;
}

std::string list(const std::set<Triple>& s) {
  if (s.empty()) return "(none)";
  std::string out;
  for (const auto& [a, b, c] : s)
    out += fmt::format("{}{}/{}/{}", out.empty() ? "" : " ", a.empty() ? "---" : a, b.empty() ? "---" : b, c);
  return out;
}

// A record's story for TABARI's FORWARD: its id without the last number
// ("FRWD-001-003" → "FRWD-001-").
std::string story_of(const std::string& id) {
  size_t end = id.size();
  while (end > 0 && std::isdigit(static_cast<unsigned char>(id[end - 1]))) --end;
  return end == id.size() ? std::string() : id.substr(0, end);
}

// The first actor of a coded record, without its agents: what TABARI's
// FORWARD hands to a pronoun opening the next sentence of the story.
std::string first_actor(const ArticleResult& r, const Lexicon& lexicon) {
  const LanguageLexicon* lex = lexicon.language(r.lang);
  for (const auto& sa : r.annotations)
    for (const auto& mn : sa.mentions) {
      if (mn.media || mn.actors.empty()) continue;
      const ActorRef& a = mn.actors.front();
      if (lex)
        for (const auto& ref : a.entries)
          for (const auto& e : lex->actors())
            if (e.ref.file == ref.file && e.ref.line == ref.line) return e.code;
      return a.code;
    }
  return {};
}

}  // namespace

EvalResult evaluate(const GoldFile& gold, const Pipeline& pipeline, const EvalOptions& options) {
  const Codebook& book = pipeline.lexicon().codebook();
  const std::string actors = gold.kind == GoldKind::kPlover ? "country" : options.actors;
  EvalResult result;
  // TABARI's settings as the records change them, and a pipeline with them.
  PipelineOptions settings = pipeline.options();
  std::optional<Pipeline> with_settings;
  std::string story, story_actor;  // TABARI FORWARD: the last record's story and first actor
  for (const auto& rec : gold.records) {
    for (const auto& o : rec.options) {
      if (settings.peer.apply(o)) with_settings.emplace(pipeline.with_options(settings));
      else result.unsupported_options.push_back(rec.id + ": " + o);
    }
    if (settings.peer.forward) {
      const std::string s = story_of(rec.id);
      std::string fwd = !s.empty() && s == story ? story_actor : std::string();
      if (fwd != settings.peer.forwarded_actor) {
        settings.peer.forwarded_actor = std::move(fwd);
        with_settings.emplace(pipeline.with_options(settings));
      }
      story = s;
    }
    Article a;
    a.id = rec.id;
    a.text = rec.text;
    a.lang = rec.lang.empty() ? options.default_lang : rec.lang;
    a.date = rec.date;
    a.origin = rec.id;
    ArticleResult r = (with_settings ? *with_settings : pipeline).process(std::move(a));
    if (settings.peer.forward) story_actor = first_actor(r, pipeline.lexicon());

    auto gold_at = [&](const std::string& level) {
      std::set<Triple> s;
      for (const auto& e : rec.events) {
        std::string code = gold.kind == GoldKind::kPlover ? e.code : at_level(e.code, level, book);
        s.insert({normalise_actor(e.source, book, actors), normalise_actor(e.target, book, actors), code});
      }
      return s;
    };
    auto got_at = [&](const std::string& level) {
      std::set<Triple> s;
      for (const auto& e : r.events) {
        std::string code = at_level(e.code, level, book);
        if (code.empty()) continue;  // PLOVER drops roots 01-02
        s.insert({normalise_actor(e.source ? e.source->code : "", book, actors),
                  normalise_actor(e.target ? e.target->code : "", book, actors), code});
      }
      return s;
    };

    ++result.records;
    const std::string top = gold.kind == GoldKind::kPlover ? "plover" : "code";
    auto g = gold_at(top), p = got_at(top);
    if (g == p) {
      ++result.exact;
    } else {
      result.failures.push_back({rec.id, rec.text, list(g), list(p)});
    }
    if (gold.kind == GoldKind::kPlover) {
      count(g, p, result.plover);
    } else {
      count(g, p, result.code);
      count(gold_at("root"), got_at("root"), result.root);
      count(gold_at("quad"), got_at("quad"), result.quad);
    }
    // Per root (or PLOVER type) at that level.
    const std::string level = gold.kind == GoldKind::kPlover ? "plover" : "root";
    auto gr = gold.kind == GoldKind::kPlover ? g : gold_at(level);
    auto pr = gold.kind == GoldKind::kPlover ? p : got_at(level);
    for (const auto& t : pr) (gr.count(t) ? result.per_root[std::get<2>(t)].tp : result.per_root[std::get<2>(t)].fp)++;
    for (const auto& t : gr)
      if (!pr.count(t)) result.per_root[std::get<2>(t)].fn++;
  }
  return result;
}

std::string format_eval(const GoldFile& gold, const EvalResult& r) {
  std::string out;
  out += fmt::format("gold: {} records ({}), {} skipped\n", r.records, gold.format, gold.skipped.size());
  for (const auto& n : gold.notes) out += fmt::format("note: {}\n", n);
  if (!r.unsupported_options.empty())
    out += fmt::format("note: {} TABARI settings not implemented, the records coded without them (first: {})\n",
                       r.unsupported_options.size(), r.unsupported_options.front());
  out += fmt::format("exact records: {} of {} ({:.1f}%)\n", r.exact, r.records,
                     r.records ? 100.0 * static_cast<double>(r.exact) / static_cast<double>(r.records) : 0.0);
  out += fmt::format("{:<8} {:>9} {:>9} {:>9} {:>6} {:>6} {:>6}\n", "level", "precision", "recall", "F1", "tp", "fp", "fn");
  auto row = [&](const char* name, const Counts& c) {
    out += fmt::format("{:<8} {:>9.3f} {:>9.3f} {:>9.3f} {:>6} {:>6} {:>6}\n", name, c.precision(), c.recall(), c.f1(),
                       c.tp, c.fp, c.fn);
  };
  if (gold.kind == GoldKind::kPlover) {
    row("plover", r.plover);
  } else {
    row("code", r.code);
    row("root", r.root);
    row("quad", r.quad);
  }
  out += fmt::format("\n{:<8} {:>9} {:>9} {:>9} {:>6} {:>6} {:>6}\n", gold.kind == GoldKind::kPlover ? "type" : "root",
                     "precision", "recall", "F1", "tp", "fp", "fn");
  for (const auto& [k, c] : r.per_root)
    out += fmt::format("{:<8} {:>9.3f} {:>9.3f} {:>9.3f} {:>6} {:>6} {:>6}\n", k, c.precision(), c.recall(), c.f1(),
                       c.tp, c.fp, c.fn);
  return out;
}

std::string format_failures(const EvalResult& result) {
  std::string out;
  for (const auto& f : result.failures)
    out += fmt::format("{}\n  text:     {}\n  expected: {}\n  got:      {}\n", f.id, f.text, f.expected, f.got);
  return out;
}

}  // namespace kabar
