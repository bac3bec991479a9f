#include "kabar/resolve.h"

#include <algorithm>
#include <charconv>
#include <cstdlib>

#include <fmt/format.h>

#include "kabar/text.h"

namespace kabar {
namespace {

uint64_t fnv1a(std::string_view s, uint64_t h = 1469598103934665603ull) {
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

Place place_from_mention(const PlaceMention& m, const char* from) {
  Place p = m.resolved;
  p.from = from;
  p.span = m.span;
  return p;
}

}  // namespace

// FNV-1a of the article id and "|sentence|trigger|code|source|target", as
// 16 hex digits (docs/FORMAT.md: stable across runs and versions). Written
// without fmt: it runs for every event.
std::string event_id(const std::string& article_id, const Event& e) {
  uint64_t h = fnv1a(article_id);
  auto number = [&](uint64_t v) {
    char buf[24];
    h = fnv1a("|", h);
    h = fnv1a(std::string_view(buf, static_cast<size_t>(std::to_chars(buf, buf + sizeof buf, v).ptr - buf)), h);
  };
  auto text = [&](std::string_view v) { h = fnv1a(v, fnv1a("|", h)); };
  number(e.sentence);
  number(e.evidence.trigger.begin);
  text(e.code);
  text(e.source ? std::string_view(e.source->code) : std::string_view());
  text(e.target ? std::string_view(e.target->code) : std::string_view());
  std::string id(16, '0');
  for (int k = 15; k >= 0; --k, h >>= 4) id[static_cast<size_t>(k)] = "0123456789abcdef"[h & 15];
  return id;
}

void resolve_sentence_events(const SentenceResolveInput& in, const std::string& article_id,
                             std::vector<CodedEvent>& events) {
  // Owner head of each time expression.
  std::vector<uint32_t> heads;
  for (const auto& ce : events) heads.push_back(ce.head_token);
  std::sort(heads.begin(), heads.end());
  heads.erase(std::unique(heads.begin(), heads.end()), heads.end());
  auto owner = [&](const TimeMention& t) -> int64_t {
    int64_t best = -1;
    for (uint32_t h : heads)
      if (h < t.first_token) best = h;
    if (best < 0 && !heads.empty()) best = heads.front();
    return best;
  };

  for (auto& ce : events) {
    Event& e = ce.event;
    e.article = article_id;
    e.date = in.article_date;
    e.date_from = in.article_date ? "article" : "";
    for (const auto& t : *in.times) {
      if (!t.date || owner(t) != ce.head_token) continue;
      e.date = t.date;
      e.date_from = "sentence";
      e.date_span = t.span;
      break;
    }
    // Place: a named city, locative first and nearest to the verb.
    const PlaceMention* best = nullptr;
    int64_t best_score = 0;
    for (const auto& p : *in.places) {
      // A capital standing for its government ("menuduh Bangkok") is an
      // actor, not where the event happened.
      bool is_actor = std::any_of(in.mentions->begin(), in.mentions->end(), [&](const Mention& m) {
        return m.first_token <= p.first_token && p.first_token < m.end_token;
      });
      if (is_actor) continue;
      int64_t dist = std::llabs(static_cast<int64_t>(p.first_token) - static_cast<int64_t>(ce.head_token));
      int64_t score = dist + (p.after_locative ? 0 : 1000);
      if (!best || score < best_score) { best = &p; best_score = score; }
    }
    if (best && best->after_locative) {
      e.place = place_from_mention(*best, "sentence");
    } else {
      // A country after a locative preposition: "di Ukraina", "in Ukraine".
      for (const auto& m : *in.mentions) {
        if (m.first_token == 0 || m.actors.size() != 1 || m.actors[0].country.empty() || !m.actors[0].role.empty())
          continue;
        if (!in.lex->is_word(WordClass::kPrepLocative, (*in.tokens)[m.first_token - 1])) continue;
        Place p;
        p.name = m.actors[0].name;
        p.country = m.actors[0].country;
        p.precision = "country";
        if (const ActorUnit* u = in.book ? in.book->unit(p.country) : nullptr) p.fips = p.adm1 = u->fips;
        p.from = "sentence";
        p.span = m.span;
        e.place = p;
        break;
      }
      if (!e.place && best) e.place = place_from_mention(*best, "sentence");
      if (!e.place && in.dateline_place) e.place = in.dateline_place;
    }
    e.id = event_id(article_id, e);
  }
}

}  // namespace kabar
