// Gold-file readers. The PETRARCH reader is a tolerant tag scanner rather than
// an XML parser on purpose: the published validation files have comment lines
// outside elements and self-closing <Sentence/> tags followed by their
// children, which a conforming parser rejects.
#include <fstream>
#include <sstream>

#include <fmt/format.h>
#include <simdjson.h>

#include "kabar/eval.h"
#include "kabar/ingest.h"
#include "util/strings.h"

namespace kabar {
namespace {

StatusOr<std::string> slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status(ErrorCode::kNotFound, fmt::format("{}: cannot open", path));
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// "950101" (TABARI, YYMMDD), "20080804", "2008-08-04", and the loose forms.
std::optional<Date> gold_date(std::string_view s) {
  s = trim(s);
  bool digits = !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (digits && s.size() == 8) {
    int y = std::stoi(std::string(s.substr(0, 4))), m = std::stoi(std::string(s.substr(4, 2))),
        d = std::stoi(std::string(s.substr(6, 2)));
    if (Date::valid(y, m, d)) return Date{y, m, d};
    return std::nullopt;
  }
  if (digits && s.size() == 6) {
    int yy = std::stoi(std::string(s.substr(0, 2))), m = std::stoi(std::string(s.substr(2, 2))),
        d = std::stoi(std::string(s.substr(4, 2)));
    int y = yy < 50 ? 2000 + yy : 1900 + yy;  // TABARI's two-digit years
    if (Date::valid(y, m, d)) return Date{y, m, d};
    return std::nullopt;
  }
  return Date::parse_loose(s);
}

std::string collapse_space(std::string_view s) {
  std::string out;
  bool space = false;
  for (char c : s) {
    if (c == ' ' || c == '\n' || c == '\r' || c == '\t') { space = !out.empty(); continue; }
    if (space) { out += ' '; space = false; }
    out += c;
  }
  return out;
}

std::string xml_unescape(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '&') { out += s[i]; continue; }
    static const std::pair<std::string_view, char> kEntities[] = {
        {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&apos;", '\''}};
    bool done = false;
    for (const auto& [name, ch] : kEntities) {
      if (s.substr(i, name.size()) == name) { out += ch; i += name.size() - 1; done = true; break; }
    }
    if (!done) out += '&';
  }
  return out;
}

// Attributes of a start tag: name = "value" or name='value', spaces allowed.
std::map<std::string, std::string> attributes(std::string_view tag) {
  std::map<std::string, std::string> out;
  size_t i = 0;
  while (i < tag.size()) {
    while (i < tag.size() && !std::isalpha(static_cast<unsigned char>(tag[i]))) ++i;
    size_t name_start = i;
    while (i < tag.size() && (std::isalnum(static_cast<unsigned char>(tag[i])) || tag[i] == '_')) ++i;
    std::string name(tag.substr(name_start, i - name_start));
    while (i < tag.size() && tag[i] == ' ') ++i;
    if (i >= tag.size() || tag[i] != '=') continue;
    ++i;
    while (i < tag.size() && tag[i] == ' ') ++i;
    if (i >= tag.size() || (tag[i] != '"' && tag[i] != '\'')) continue;
    char q = tag[i++];
    size_t close = tag.find(q, i);
    if (close == std::string_view::npos) break;
    out[name] = xml_unescape(tag.substr(i, close - i));
    i = close + 1;
  }
  return out;
}

size_t line_of(std::string_view s, size_t pos) {
  return 1 + static_cast<size_t>(std::count(s.begin(), s.begin() + static_cast<std::ptrdiff_t>(pos), '\n'));
}

GoldFile read_petrarch_xml(const std::string& path, std::string_view s) {
  GoldFile g;
  g.format = "petrarch-xml";
  size_t pos = s.find("<Sentence ");
  // PETRARCH's <Config option="require_dyad" value="false"> between records
  // changes its settings for the records after it.
  std::vector<std::string> pending;
  while (pos != std::string_view::npos) {
    size_t next = s.find("<Sentence ", pos + 1);
    std::string_view block = s.substr(pos, (next == std::string_view::npos ? s.size() : next) - pos);
    size_t tag_end = block.find('>');
    GoldRecord r;
    r.options = std::move(pending);
    pending.clear();
    if (size_t end = block.find("</Text>"); end != std::string_view::npos) {
      for (size_t c = block.find("<Config", end); c != std::string_view::npos; c = block.find("<Config", c + 1)) {
        auto a = attributes(block.substr(c + 7, block.find('>', c) - c - 7));
        pending.push_back(fmt::format("CONFIG: {} = {}", a["option"], a["value"]));
      }
    }
    auto attrs = attributes(block.substr(9, tag_end - 9));
    r.id = attrs["id"];
    r.date = gold_date(attrs["date"]);
    r.lang = "en";
    for (size_t ec = block.find("<EventCoding"); ec != std::string_view::npos; ec = block.find("<EventCoding", ec + 1)) {
      size_t end = block.find('>', ec);
      auto a = attributes(block.substr(ec + 12, end - ec - 12));
      if (a.count("noevents")) { r.no_events = true; continue; }
      if (!a.count("eventcode")) continue;
      r.events.push_back({a["sourcecode"], a["targetcode"], a["eventcode"]});
    }
    size_t t0 = block.find("<Text>"), t1 = block.find("</Text>");
    if (t0 == std::string_view::npos || t1 == std::string_view::npos || t1 < t0) {
      g.skipped.push_back(fmt::format("{}:{}: record {} has no <Text>", path, line_of(s, pos), r.id));
    } else {
      r.text = collapse_space(xml_unescape(block.substr(t0 + 6, t1 - t0 - 6)));
      g.records.push_back(std::move(r));
    }
    pos = next;
  }
  return g;
}

StatusOr<GoldFile> read_plover_json(const std::string& path, const std::string& bytes) {
  GoldFile g;
  g.kind = GoldKind::kPlover;
  g.format = "plover-json";
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  if (auto err = parser.parse(bytes).get(doc))
    return Status(ErrorCode::kParse, fmt::format("{}: malformed JSON: {}", path, simdjson::error_message(err)));
  simdjson::dom::array arr;
  if (doc.get_array().get(arr)) return Status(ErrorCode::kParse, fmt::format("{}: expected a JSON array", path));
  size_t index = 0;
  for (simdjson::dom::element rec : arr) {
    ++index;
    std::string_view text, id, event, date;
    if (rec["text"].get(text) || rec["event"].get(event)) continue;  // the DOCUMENT record
    GoldRecord r;
    if (!rec["id"].get(id)) r.id = std::string(id);
    r.text = std::string(text);
    r.lang = "en";
    // The GSR (PLOVER 0.5, 2016) predates the 16-type ontology kabar's
    // crosswalk uses; its older type names map one to one.
    static const std::map<std::string_view, std::string_view> kRenamed = {
        {"DEMAND", "REQUEST"}, {"DISAPPROVE", "ACCUSE"}, {"INVESTIGATE", "ACCUSE"}, {"FIGHT", "ASSAULT"}};
    if (auto it = kRenamed.find(event); it != kRenamed.end()) event = it->second;
    if (!rec["date"].get(date)) r.date = gold_date(date);
    auto actors = [&](const char* key) {
      std::vector<std::string> out;
      simdjson::dom::array list;
      if (rec[key].get(list)) return out;
      for (simdjson::dom::element a : list) {
        std::string_view code, sector;
        std::string c;
        if (!a["code"].get(code)) c = std::string(code);
        if (!a["sector"].get(sector) && !sector.empty() && sector != "---") c += std::string(sector);
        out.push_back(c);
      }
      return out;
    };
    auto sources = actors("source"), targets = actors("target");
    if (sources.empty()) sources.push_back("");
    if (targets.empty()) targets.push_back("");
    for (const auto& s : sources)
      for (const auto& t : targets) r.events.push_back({s, t, std::string(event)});
    g.records.push_back(std::move(r));
  }
  return g;
}

GoldFile read_gold_jsonl(const std::string& path, const std::string& bytes) {
  GoldFile g;
  g.format = "kabar-jsonl";
  simdjson::dom::parser parser;
  std::istringstream in(bytes);
  std::string line;
  size_t line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (trim(line).empty()) continue;
    simdjson::dom::element rec;
    if (auto err = parser.parse(line).get(rec)) {
      g.skipped.push_back(fmt::format("{}:{}: malformed JSON: {}", path, line_no, simdjson::error_message(err)));
      continue;
    }
    std::string_view text;
    if (rec["text"].get(text)) {
      g.skipped.push_back(fmt::format("{}:{}: missing \"text\"", path, line_no));
      continue;
    }
    GoldRecord r;
    r.text = std::string(text);
    std::string_view sv;
    r.id = !rec["id"].get(sv) ? std::string(sv) : fmt::format("{}:{}", path, line_no);
    if (!rec["lang"].get(sv)) r.lang = std::string(sv);
    if (!rec["date"].get(sv)) r.date = gold_date(sv);
    simdjson::dom::array events;
    if (rec["events"].get(events) && rec["expected"].get(events)) events = {};
    for (simdjson::dom::element e : events) {
      GoldEvent ge;
      if (!e["source"].get(sv)) ge.source = std::string(sv);
      if (!e["target"].get(sv)) ge.target = std::string(sv);
      if (!e["code"].get(sv) || !e["event"].get(sv)) ge.code = std::string(sv);
      if (ge.code.empty()) {
        g.skipped.push_back(fmt::format("{}:{}: an event without \"code\"", path, line_no));
        continue;
      }
      r.events.push_back(std::move(ge));
    }
    bool no_events = false;
    if (!rec["no_events"].get(no_events)) r.no_events = no_events;
    g.records.push_back(std::move(r));
  }
  return g;
}

// TABARI's validation file (Validate.text): records "YYMMDD  ID", the text,
// then a /* comment */ holding the expected events "{ SRC / TGT / CODE }"
// (each maybe followed by a date), or "{---}" none, "{###}" discarded,
// "{+++}" too complex to code, and "{ OPTION: … }" settings. The standard
// records end at FINAL-01; those after it need settings TABARI changes per
// record and are left out (GoldFile::notes says how many).
GoldFile read_tabari_text(const std::string& path, std::string_view s) {
  GoldFile g;
  g.format = "tabari-validate";
  std::vector<std::string_view> lines;
  for (size_t start = 0; start <= s.size();) {
    size_t nl = s.find('\n', start);
    if (nl == std::string_view::npos) nl = s.size();
    lines.push_back(s.substr(start, nl - start));
    start = nl + 1;
  }
  // "950101  DEMO-01", "20150607 YYYY-01", "950104  FBIS-001-001  CEP2002…"
  // (fields after the id ignored), a mistyped "9501201", or a date alone.
  auto header = [](std::string_view l, std::string_view& date, std::string_view& id) {
    l = trim(l);
    size_t digits = 0;
    while (digits < l.size() && l[digits] >= '0' && l[digits] <= '9') ++digits;
    if (digits < 6 || digits > 9) return false;
    if (digits < l.size() && l[digits] != ' ' && l[digits] != '\t') return false;
    date = l.substr(0, digits);
    std::string_view rest = trim(l.substr(digits));
    id = rest.substr(0, rest.find_first_of(" \t"));
    if (id.empty()) id = date;
    return true;
  };
  size_t special = 0;
  bool standard = true;
  for (size_t i = 0; i < lines.size(); ++i) {
    std::string_view date, id;
    if (!header(lines[i], date, id)) continue;
    const size_t first_line = i + 1;
    std::string text, comment;
    bool in_comment = false, closed = false;
    for (++i; i < lines.size(); ++i) {
      std::string_view l = lines[i];
      std::string_view next_date, next_id;
      if (in_comment && header(l, next_date, next_id)) {
        // A comment left open ("… } /*"): it ends where the next record begins.
        g.notes.push_back(fmt::format("{}:{}: record {}: comment not closed with */, read up to the next record",
                                      path, first_line, id));
        closed = true;
        --i;
        break;
      }
      if (!in_comment) {
        size_t c = l.find("/*");
        if (c == std::string_view::npos) { text += std::string(l) + ' '; continue; }
        text += std::string(l.substr(0, c)) + ' ';
        in_comment = true;
        l = l.substr(c + 2);
      }
      size_t e = l.find("*/");
      comment += std::string(e == std::string_view::npos ? l : l.substr(0, e)) + ' ';
      if (e != std::string_view::npos) { closed = true; break; }
    }
    if (!standard) { ++special; continue; }
    if (!closed) {
      g.skipped.push_back(fmt::format("{}:{}: record {} has no closing */", path, first_line, id));
      continue;
    }
    GoldRecord r;
    r.id = std::string(id);
    // TABARI reads a record's date from its first six digits ("9501201" is
    // 1995-01-20).
    r.date = gold_date(date.size() == 7 ? date.substr(0, 6) : date);
    r.lang = "en";
    r.text = collapse_space(text);
    for (size_t open = comment.find('{'); open != std::string::npos; open = comment.find('{', open + 1)) {
      size_t close = comment.find('}', open);
      // "{ OPTION: SET: MINIMUM WORDS = 4  */": an option left open runs to
      // the end of the comment.
      if (close == std::string::npos && trim(std::string_view(comment).substr(open + 1)).rfind("OPTION", 0) == 0)
        close = comment.size();
      if (close == std::string::npos) break;
      std::string_view inner = trim(std::string_view(comment).substr(open + 1, close - open - 1));
      if (inner.size() >= 2 && inner.substr(inner.size() - 2) == "*/") inner = trim(inner.substr(0, inner.size() - 2));
      if (inner.empty()) continue;  // "coded in {}" in prose
      if (inner == "---" || inner == "###" || inner == "+++") { r.no_events = true; continue; }
      if (inner.rfind("OPTION", 0) == 0) {
        std::string_view o = trim(inner.substr(6));
        if (!o.empty() && o[0] == ':') o = trim(o.substr(1));
        r.options.emplace_back(o);
        continue;
      }
      auto parts = split(inner, '/');
      if (parts.size() != 3) {
        g.skipped.push_back(fmt::format("{}:{}: record {}: cannot read event '{{{}}}'", path, first_line, id, inner));
        continue;
      }
      r.events.push_back({std::string(trim(parts[0])), std::string(trim(parts[1])), std::string(trim(parts[2]))});
    }
    g.records.push_back(std::move(r));
    if (id == "FINAL-01") standard = false;
  }
  if (special) g.notes.push_back(fmt::format("{} records after FINAL-01 (TABARI's special cases) left out", special));
  return g;
}

}  // namespace

StatusOr<GoldFile> read_gold(const std::string& path) {
  auto bytes = slurp(path);
  if (!bytes.ok()) return bytes.status();
  if (find_invalid_utf8(*bytes) != std::string::npos)
    return Status(ErrorCode::kInvalidUtf8, fmt::format("{}: not valid UTF-8", path));
  std::string_view s = *bytes;
  size_t first = s.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return Status(ErrorCode::kParse, fmt::format("{}: empty gold file", path));
  if (s[first] == '[') return read_plover_json(path, *bytes);
  if (s[first] == '{') return read_gold_jsonl(path, *bytes);
  if (s.find("<Sentence ") != std::string_view::npos) return read_petrarch_xml(path, s);
  if (s.find("FINAL-01") != std::string_view::npos || s.find("\n/*") != std::string_view::npos)
    return read_tabari_text(path, s);
  return Status(ErrorCode::kParse,
                fmt::format("{}: not a gold file kabar reads (JSON Lines, PETRARCH XML, TABARI validation text or PLOVER JSON)", path));
}

}  // namespace kabar
