// Article cleaning: lines, title, dateline, boilerplate.
//
// The dateline rule is deliberately structural rather than a list of outlets:
// at the start of the first body line, a short run (at most 8 words, starting
// upper-case, no sentence-ending dot) followed by a spaced dash " - ", " – "
// or " — ". The run is "PLACE[, OUTLET | , DATE][ (OUTLET)]". This covers the
// wire and web styles of Indonesian and English news without knowing outlets.
#include "kabar/clean.h"

#include "kabar/text.h"
#include "util/strings.h"

namespace kabar {

const char* line_kind_name(LineKind kind) {
  switch (kind) {
    case LineKind::kTitle: return "title";
    case LineKind::kBody: return "body";
    case LineKind::kRelated: return "related";
    case LineKind::kPromo: return "promo";
    case LineKind::kSource: return "source";
    case LineKind::kCaption: return "caption";
  }
  return "?";
}

namespace {

Span trimmed(std::string_view text, Span s) {
  while (s.begin < s.end && (text[s.begin] == ' ' || text[s.begin] == '\t' || text[s.begin] == '\r')) ++s.begin;
  while (s.end > s.begin && (text[s.end - 1] == ' ' || text[s.end - 1] == '\t' || text[s.end - 1] == '\r')) --s.end;
  return s;
}

std::vector<Span> split_lines(std::string_view text) {
  std::vector<Span> out;
  uint32_t start = 0;
  for (uint32_t i = 0; i <= text.size(); ++i) {
    if (i == text.size() || text[i] == '\n') {
      Span s = trimmed(text, {start, i});
      if (!s.empty()) out.push_back(s);
      start = i + 1;
    }
  }
  return out;
}

// Dash separators a dateline ends with: ASCII hyphen, en dash, em dash.
struct Dash { std::string_view bytes; };
constexpr std::string_view kDashes[] = {" - ", " \xE2\x80\x93 ", " \xE2\x80\x94 ", " -- "};

bool ends_sentence(std::string_view s) {
  if (s.empty()) return false;
  char c = s.back();
  if (c == '.' || c == '!' || c == '?' || c == '"' || c == ':') return true;
  return s.size() >= 3 && (s.substr(s.size() - 3) == "\xE2\x80\x9D");  // ”
}

std::vector<std::string> split_sources(std::string_view rest) {
  std::vector<std::string> out;
  std::string cur;
  auto flush = [&] {
    auto t = trim(cur);
    if (!t.empty()) out.emplace_back(t);
    cur.clear();
  };
  for (char c : rest) {
    if (c == '/' || c == ',' || c == ';') flush();
    else cur += c;
  }
  flush();
  return out;
}

}  // namespace

std::optional<Dateline> find_dateline(std::string_view text, Span line) {
  // A dateline's dash starts within the first 80 bytes: search no further
  // (a long paragraph would otherwise be scanned once per dash form).
  size_t longest_dash = 0;
  for (auto d : kDashes) longest_dash = std::max(longest_dash, d.size());
  std::string_view s = line.in(text).substr(0, 81 + longest_dash);
  size_t best = std::string_view::npos, dash_len = 0;
  for (auto d : kDashes) {
    size_t pos = s.find(d);
    if (pos != std::string_view::npos && pos < best) { best = pos; dash_len = d.size(); }
  }
  if (best == std::string_view::npos || best == 0 || best > 80) return std::nullopt;
  std::string_view head = s.substr(0, best);
  if (!(head[0] >= 'A' && head[0] <= 'Z') && static_cast<unsigned char>(head[0]) < 0x80) return std::nullopt;
  // At most 8 words, and no dot followed by a space (that would be a sentence).
  int words = 1;
  for (size_t i = 0; i < head.size(); ++i) {
    if (head[i] == ' ') ++words;
    if (head[i] == '.' && i + 1 < head.size() && head[i + 1] == ' ') return std::nullopt;
  }
  if (words > 8) return std::nullopt;
  Dateline d;
  d.span = {line.begin, static_cast<uint32_t>(line.begin + best + dash_len - 1)};
  size_t place_end = head.find_first_of(",(");
  if (place_end == std::string_view::npos) place_end = head.size();
  std::string_view place = trim(head.substr(0, place_end));
  d.place = std::string(place);
  d.place_span = {line.begin, static_cast<uint32_t>(line.begin + place.size())};
  size_t open = head.find('(');
  size_t close = head.find(')');
  if (open != std::string_view::npos && close != std::string_view::npos && close > open) {
    d.outlet = std::string(trim(head.substr(open + 1, close - open - 1)));
  } else if (place_end < head.size() && head[place_end] == ',') {
    d.outlet = std::string(trim(head.substr(place_end + 1)));
  }
  if (d.place.empty()) return std::nullopt;
  return d;
}

Document clean_article(const Article& article, const std::vector<BoilerplateRule>& rules) {
  Document doc;
  std::string_view text = article.text;
  auto lines = split_lines(text);
  bool seen_body = false;
  for (size_t i = 0; i < lines.size(); ++i) {
    DocumentLine line{lines[i], LineKind::kBody, {}};
    std::string_view s = lines[i].in(text);
    // Boilerplate first: a "Baca Juga" line is never a title or a dateline.
    std::string lowered = normalize_word(s.substr(0, std::min<size_t>(s.size(), 120)));
    const BoilerplateRule* hit = nullptr;
    for (const auto& r : rules) {
      // The first byte settles most rules without a call to compare.
      if (!r.prefix.empty() && (lowered.empty() || lowered[0] != r.prefix[0])) continue;
      if (lowered.compare(0, r.prefix.size(), r.prefix) == 0) { hit = &r; break; }
    }
    if (hit) {
      line.rule = hit->ref;
      // The rest of the line after the prefix, in original bytes.
      std::string_view rest = trim(s.substr(std::min(s.size(), hit->prefix.size())));
      while (!rest.empty() && (rest.front() == ':' || rest.front() == '-')) rest = trim(rest.substr(1));
      switch (hit->kind) {
        case BoilerplateRule::kRelated: line.kind = LineKind::kRelated; doc.related.emplace_back(rest); break;
        case BoilerplateRule::kPromo: line.kind = LineKind::kPromo; break;
        case BoilerplateRule::kCaption: line.kind = LineKind::kCaption; break;
        case BoilerplateRule::kSource:
          line.kind = LineKind::kSource;
          for (auto& src : split_sources(rest)) doc.cited_sources.push_back(std::move(src));
          break;
      }
      doc.lines.push_back(line);
      continue;
    }
    if (!seen_body) {
      auto dl = find_dateline(text, lines[i]);
      // A title: the first line of a text file with more lines after it, no
      // dateline, and no sentence-final punctuation.
      if (!dl && article.title.empty() && i == 0 && lines.size() > 1 && !ends_sentence(s) && s.size() <= 300) {
        line.kind = LineKind::kTitle;
        doc.title = lines[i];
        doc.lines.push_back(line);
        continue;
      }
      seen_body = true;
      Span body = lines[i];
      if (dl) {
        body.begin = dl->span.end;
        body = trimmed(text, body);
        doc.dateline = std::move(dl);
      }
      doc.lines.push_back(line);
      if (!body.empty()) doc.body.push_back(body);
      continue;
    }
    doc.lines.push_back(line);
    doc.body.push_back(lines[i]);
  }
  return doc;
}

}  // namespace kabar
