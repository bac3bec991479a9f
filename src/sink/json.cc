// JSON Lines and TSV writers. Hand-written rather than a DOM library: the
// output is flat, the field order is part of the contract, and this runs
// once per event.
#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>

#include <fmt/format.h>

#include "kabar/sink.h"

namespace kabar {

namespace {

// Whether any of the 8 bytes in `x` needs escaping in a JSON string: a
// control byte (< 0x20), '"' or '\\' (the classic SWAR zero-byte tests;
// bytes >= 0x80 never trip them).
inline bool needs_escape(uint64_t x) {
  constexpr uint64_t kOnes = 0x0101010101010101ULL, kHigh = 0x8080808080808080ULL;
  auto has_zero = [](uint64_t v) { return (v - kOnes) & ~v & kHigh; };
  const uint64_t below_space = (x - kOnes * 0x20) & ~x & kHigh;
  return (below_space | has_zero(x ^ (kOnes * '"')) | has_zero(x ^ (kOnes * '\\'))) != 0;
}

}  // namespace

void append_json_string(std::string& out, std::string_view s) {
  out += '"';
  // Runs of plain bytes are appended whole, found 8 bytes at a time (the
  // text of each event goes through here: most of a JSON line's bytes); only
  // the escapes go one by one.
  size_t plain = 0;
  size_t i = 0;
  while (i < s.size()) {
    if (i + 8 <= s.size()) {
      uint64_t word;
      std::memcpy(&word, s.data() + i, 8);
      if (!needs_escape(word)) { i += 8; continue; }
    }
    const unsigned char c = static_cast<unsigned char>(s[i++]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out.append(s.data() + plain, i - 1 - plain);
    plain = i;
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default: out += fmt::format("\\u{:04x}", c);  // the other control bytes
    }
  }
  out.append(s.data() + plain, s.size() - plain);
  out += '"';
}

void append_json_key(std::string& o, std::string_view k) {
  if (o.back() != '{') o += ',';
  // Keys are short names ("code", "span"): written as they are when nothing
  // in them needs escaping, in one append (an event line has about 40).
  if (std::all_of(k.begin(), k.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x20 && c != '"' && c != '\\'; })) {
    const size_t at = o.size();
    o.resize(at + k.size() + 3);
    char* p = o.data() + at;
    *p++ = '"';
    std::memcpy(p, k.data(), k.size());
    p[k.size()] = '"';
    p[k.size() + 1] = ':';
    return;
  }
  append_json_string(o, k);
  o += ':';
}

namespace {

void append_number(std::string& o, uint64_t v) {
  char buf[24];
  o.append(buf, static_cast<size_t>(std::to_chars(buf, buf + sizeof buf, v).ptr - buf));
}

// A key written in the source as its JSON text ("\"code\":"), after a comma
// unless it opens an object: the event lines' forty-odd keys in one append
// each.
void put_key(std::string& o, std::string_view quoted) {
  if (o.back() != '{') o += ',';
  o.append(quoted);
}

void span(std::string& o, const Span& s) {
  o += '[';
  append_number(o, s.begin);
  o += ',';
  append_number(o, s.end);
  o += ']';
}

void actor(std::string& o, const std::optional<ActorRef>& a, const Lexicon& lex) {
  if (!a) { o += "null"; return; }
  o += '{';
  put_key(o, "\"code\":"); append_json_string(o, a->code);
  put_key(o, "\"name\":"); append_json_string(o, a->name);
  put_key(o, "\"country\":"); if (a->country.empty()) o += "null"; else append_json_string(o, a->country);
  put_key(o, "\"role\":"); if (a->role.empty()) o += "null"; else append_json_string(o, a->role);
  put_key(o, "\"span\":"); span(o, a->span);
  put_key(o, "\"anaphor\":"); o += a->anaphor ? "true" : "false";
  put_key(o, "\"entries\":"); o += '[';
  for (size_t i = 0; i < a->entries.size(); ++i) {
    if (i) o += ',';
    append_json_string(o, lex.where(a->entries[i]));
  }
  o += "]}";
}

std::string number(double v) {
  if (std::isnan(v)) return "null";
  return fmt::format("{:.1f}", v);
}

}  // namespace

std::string event_to_json(const Event& e, const Lexicon& lex) {
  std::string o;
  o.reserve(1024 + e.text.size());  // one allocation for most events
  o += '{';
  put_key(o, "\"id\":"); append_json_string(o, e.id);
  put_key(o, "\"article\":"); append_json_string(o, e.article);
  put_key(o, "\"sentence\":"); o += std::to_string(e.sentence);
  put_key(o, "\"text\":"); append_json_string(o, e.text);
  put_key(o, "\"source\":"); actor(o, e.source, lex);
  put_key(o, "\"target\":"); actor(o, e.target, lex);
  put_key(o, "\"code\":"); append_json_string(o, e.code);
  // A peer dictionary's code the CAMEO codebook lacks has no root, QuadClass
  // or Goldstein value: null, not a made-up 0.
  const bool cameo = !e.root.empty();
  put_key(o, "\"root\":"); if (cameo) append_json_string(o, e.root); else o += "null";
  put_key(o, "\"quad\":"); if (cameo) o += std::to_string(e.quad); else o += "null";
  put_key(o, "\"goldstein\":"); if (cameo) o += number(e.goldstein); else o += "null";
  put_key(o, "\"plover\":"); o += '{';
  put_key(o, "\"type\":"); if (e.plover_type.empty()) o += "null"; else append_json_string(o, e.plover_type);
  put_key(o, "\"mode\":"); if (e.plover_mode.empty()) o += "null"; else append_json_string(o, e.plover_mode);
  o += '}';
  put_key(o, "\"date\":"); if (e.date) append_json_string(o, e.date->to_string()); else o += "null";
  put_key(o, "\"date_from\":"); if (e.date_from.empty()) o += "null"; else append_json_string(o, e.date_from);
  put_key(o, "\"place\":");
  if (!e.place) {
    o += "null";
  } else {
    const Place& p = *e.place;
    o += '{';
    put_key(o, "\"name\":"); append_json_string(o, p.name);
    put_key(o, "\"country\":"); append_json_string(o, p.country);
    put_key(o, "\"lat\":"); o += p.lat ? fmt::format("{:.4f}", *p.lat) : "null";
    put_key(o, "\"lon\":"); o += p.lon ? fmt::format("{:.4f}", *p.lon) : "null";
    put_key(o, "\"precision\":"); append_json_string(o, p.precision);
    put_key(o, "\"fips\":"); if (p.fips.empty()) o += "null"; else append_json_string(o, p.fips);
    put_key(o, "\"adm1\":"); if (p.adm1.empty()) o += "null"; else append_json_string(o, p.adm1);
    put_key(o, "\"subdivision\":"); if (p.subdivision.empty()) o += "null"; else append_json_string(o, p.subdivision);
    put_key(o, "\"geonames_id\":"); if (p.geonames_id) o += std::to_string(p.geonames_id); else o += "null";
    put_key(o, "\"from\":"); append_json_string(o, p.from);
    put_key(o, "\"span\":"); span(o, p.span);
    o += '}';
  }
  put_key(o, "\"modality\":"); append_json_string(o, modality_name(e.modality));
  put_key(o, "\"evidence\":"); o += '{';
  put_key(o, "\"lexicon\":"); append_json_string(o, lex.where(e.evidence.pattern));
  put_key(o, "\"pattern\":"); append_json_string(o, e.evidence.pattern_text);
  put_key(o, "\"passive\":"); o += e.evidence.passive ? "true" : "false";
  put_key(o, "\"trigger\":"); span(o, e.evidence.trigger);
  put_key(o, "\"match\":"); span(o, e.evidence.match);
  put_key(o, "\"sentence\":"); span(o, e.evidence.sentence);
  put_key(o, "\"date\":"); if (e.date_span) span(o, *e.date_span); else o += "null";
  o += "}}";
  return o;
}

std::string tsv_header() {
  return "article\tsentence\tdate\tsource\ttarget\tcode\tquad\tgoldstein\tmodality\tplace\ttext";
}

namespace {
std::string clean_cell(std::string_view s, size_t max) {
  std::string out;
  for (char c : s) out += (c == '\t' || c == '\n' || c == '\r') ? ' ' : c;
  if (out.size() > max) {
    size_t cut = max;
    while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) --cut;  // UTF-8 boundary
    out = out.substr(0, cut) + "…";
  }
  return out;
}
}  // namespace

std::string event_to_tsv(const Event& e) {
  // (Empty QuadClass and Goldstein for a peer code the codebook lacks.)
  const bool cameo = !e.root.empty();
  return fmt::format("{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}", e.article, e.sentence,
                     e.date ? e.date->to_string() : "", e.source ? e.source->code : "-",
                     e.target ? e.target->code : "-", e.code, cameo ? std::to_string(e.quad) : "",
                     cameo ? fmt::format("{:.1f}", e.goldstein) : "", modality_name(e.modality),
                     e.place ? e.place->name : "", clean_cell(e.text, 80));
}

}  // namespace kabar
