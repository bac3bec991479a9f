// TABARI and PETRARCH dictionaries converted into kabar's own lines
// (kabar/peer_dictionaries.h). Each converter reads a file line by line, as
// its program does, keeps per line the peer's file:line, and reports what it
// cannot convert instead of failing: the production files have known defects.
#include "kabar/peer_dictionaries.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <set>

#include <fmt/format.h>

#include "kabar/date.h"
#include "util/strings.h"

namespace kabar {

namespace fs = std::filesystem;

namespace {

enum class Format { kTabari, kPetrarch };

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string upper(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

// A peer date: YYMMDD (TABARI and Phoenix; years before 30 are 20YY, the
// dictionaries reaching back to the 1930s and written before 2030) or YYYYMMDD.
std::optional<Date> peer_date(std::string_view s) {
  if (s.size() != 6 && s.size() != 8) return std::nullopt;
  if (!std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; })) return std::nullopt;
  int y = std::stoi(std::string(s.substr(0, s.size() - 4)));
  if (s.size() == 6) y += y < 30 ? 2000 : 1900;
  const int m = std::stoi(std::string(s.substr(s.size() - 4, 2)));
  int d = std::stoi(std::string(s.substr(s.size() - 2)));
  // The production files write month ends loosely ("040931", "090231"):
  // the last day of that month.
  if (m < 1 || m > 12 || d < 1 || d > 31) return std::nullopt;
  while (d > 28 && !Date::valid(y, m, d)) --d;
  if (!Date::valid(y, m, d)) return std::nullopt;
  return Date{y, m, d};
}

std::string iso(const Date& d) { return d.to_string(); }

// One file being converted: the lines it produces and their origins.
class Emitter {
 public:
  Emitter(PeerDictionaries& out, std::string kind, std::string name, std::string display)
      : out_(out), display_(std::move(display)) {
    file_.format = display_.substr(0, display_.find(':'));
    file_.kind = std::move(kind);
    file_.name = std::move(name);
  }
  void emit(std::string line, size_t lineno) {
    file_.lines.push_back(std::move(line));
    file_.origins.push_back(fmt::format("{}:{}", display_, lineno));
  }
  void warn(size_t lineno, const std::string& why) { out_.warnings.push_back(fmt::format("{}:{}: {}", display_, lineno, why)); }
  void finish() {
    if (!file_.lines.empty()) out_.files.push_back(std::move(file_));
  }

 private:
  PeerDictionaries& out_;
  std::string display_;
  ConvertedFile file_;
};

// The lines of a file without comments: ";" (TABARI's, also in PETRARCH
// files that inherited TABARI lines), "#" (opening a line in TABARI's files,
// anywhere in PETRARCH's) and PETRARCH's "<!-- … -->" blocks.
std::vector<std::pair<size_t, std::string>> clean_lines(const std::string& path, Format fmt) {
  std::vector<std::pair<size_t, std::string>> out;
  std::ifstream in(path);
  std::string raw;
  size_t n = 0;
  bool in_html_comment = false;
  while (std::getline(in, raw)) {
    ++n;
    if (!raw.empty() && raw.back() == '\r') raw.pop_back();
    std::string s;
    for (size_t i = 0; i < raw.size(); ++i) {
      if (in_html_comment) {
        if (raw.compare(i, 3, "-->") == 0) { in_html_comment = false; i += 2; }
        continue;
      }
      if (raw.compare(i, 4, "<!--") == 0) { in_html_comment = true; i += 3; continue; }
      // (Not the code "[###]", which PETRARCH reads as an actor's.)
      if (raw[i] == '[' && raw.compare(i, 5, "[###]") == 0) { s += "[###]"; i += 4; continue; }
      if (raw[i] == '#' && (fmt == Format::kPetrarch || trim(std::string_view(s)).empty())) break;
      if (raw[i] == ';') break;  // TABARI's comments, which PETRARCH's files inherited
      s += raw[i];
    }
    // Keep leading tabs (Phoenix date lines) recognisable after trimming.
    std::string t(trim(std::string_view(s)));
    if (!t.empty()) out.emplace_back(n, t);
  }
  return out;
}

// "[CODE]" blocks of a line, and the text before the first one.
struct Bracketed {
  std::string before;
  std::vector<std::string> blocks;
  std::string after;
};

Bracketed brackets(std::string_view s) {
  Bracketed b;
  size_t open = s.find('[');
  b.before = std::string(trim(s.substr(0, open == std::string_view::npos ? s.size() : open)));
  while (open != std::string_view::npos) {
    size_t close = s.find(']', open);
    if (close == std::string_view::npos) { b.blocks.push_back(std::string(trim(s.substr(open + 1)))); return b; }
    b.blocks.push_back(std::string(trim(s.substr(open + 1, close - open - 1))));
    size_t next = s.find('[', close);
    if (next == std::string_view::npos) b.after = std::string(trim(s.substr(close + 1)));
    open = next;
  }
  return b;
}

// A peer phrase ("AL_GORE", "MAZAR-I-SHARIF_") as kabar words: '_' and
// spaces separate words; a word not followed by '_' is a stem ("gore*").
std::string phrase_words(std::string_view name) {
  std::string out, word;
  auto flush = [&](bool exact) {
    if (word.empty()) return;
    // PETRARCH writes contractions as TreeBank splits them ("DID N'T"); in
    // text they are one word ("didn't").
    const bool clitic = word.size() == 3 && (word[0] == 'N' || word[0] == 'n') && word[1] == '\'' &&
                        (word[2] == 'T' || word[2] == 't');
    if (clitic && !out.empty() && out.back() == '*') out.pop_back();
    if (!out.empty() && !clitic) out += ' ';
    out += lower(word);
    if (!exact && word.back() != '.' && std::isalnum(static_cast<unsigned char>(word.back()))) out += '*';
    word.clear();
  };
  for (char c : name) {
    if (c == '_') flush(true);
    else if (c == ' ' || c == '\t') flush(false);
    else if (c == '|' || c == ':' || c == '#') continue;  // kabar's own separators
    else word += c;
  }
  flush(false);
  return out;
}

// A name's kabar words and, when its last word is exact, its regular
// plurals, which the peers match too ("GUERRILLA_" reads "guerrillas").
std::vector<std::string> name_forms(std::string_view name) {
  std::string w = phrase_words(name);
  if (w.empty()) return {};
  if (w.back() == '*' || !std::isalpha(static_cast<unsigned char>(w.back()))) return {w};
  std::vector<std::string> out{w, w + "s"};
  if (w.back() == 's' || w.back() == 'x' || w.back() == 'h') out.push_back(w + "es");
  if (w.back() == 'y' && w.size() > 1) out.push_back(w.substr(0, w.size() - 1) + "ies");
  return out;
}

// Alternatives as one kabar group: "{a|b c}".
std::string group(const std::vector<std::string>& alts) {
  std::string g = "{";
  for (size_t k = 0; k < alts.size(); ++k) g += (k ? "|" : "") + alts[k];
  return g + "}";
}

// ---- actors -----------------------------------------------------------

struct ActorCode {
  std::string code;
  DateRange dates;
};

std::optional<ActorCode> parse_actor_code(std::string_view block, std::string& why) {
  auto fields = split(block, ' ');
  std::vector<std::string_view> f;
  for (auto x : fields)
    if (!trim(x).empty()) f.push_back(trim(x));
  if (f.empty()) { why = "empty code"; return std::nullopt; }
  ActorCode a;
  a.code = upper(f[0]);
  if (a.code.size() > 1 && a.code[0] == '~') a.code.erase(0, 1);
  // "---": a null actor, read and never coded; "###": a discard (handled by
  // the caller), which may be dated too ("[### <890101]").
  // A null actor may be dated too: "[--- <950630] [DOL]" is nobody until then.
  // A compound code, "[FRO/BIL/SAM]": the name stands for all of those
  // actors (kabar's actor line keeps the slashes; a mention splits them).
  auto alnum = [](std::string_view part) {
    return !part.empty() && std::all_of(part.begin(), part.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)); });
  };
  const auto parts = split(a.code, '/');
  if (a.code != "---" && a.code != "###" && !std::all_of(parts.begin(), parts.end(), alnum)) {
    why = fmt::format("bad actor code '{}'", a.code);
    return std::nullopt;
  }
  // The restriction may be written with spaces: "< 950601", "19950601 - 19990815".
  std::string restriction;
  for (size_t i = 1; i < f.size(); ++i) restriction += f[i];
  if (!restriction.empty()) {
    std::string_view d = restriction;
    auto fail = [&] { why = fmt::format("bad date restriction '{}'", d); return std::nullopt; };
    if (d[0] == '<') {
      auto to = peer_date(d.substr(1));
      if (!to) return fail();
      a.dates.to = to->plus_days(-1);
    } else if (d[0] == '>') {
      auto from = peer_date(d.substr(1));
      if (!from) return fail();
      a.dates.from = from->plus_days(1);
    } else {
      size_t dash = d.find('-');
      if (dash == std::string_view::npos) return fail();
      auto from = peer_date(d.substr(0, dash)), to = peer_date(d.substr(dash + 1));
      // Two-digit years: a range that would end before it begins starts a
      // century earlier ("331108-730717" is 1933–1973).
      if (from && to && *to < *from && d.substr(0, dash).size() == 6) from->year -= 100;
      if (!from || !to || *to < *from) return fail();
      a.dates.from = from;
      a.dates.to = to;
    }
  }
  return a;
}

void convert_actors(const std::string& path, const std::string& display, Format fmt, PeerDictionaries& out) {
  Emitter em(out, "actors", display, display);
  Emitter discards(out, "words", display, display);  // [###] actors discard the sentence
  struct Pending {
    size_t line = 0;
    std::vector<std::string> names;
    std::vector<ActorCode> codes;
  } cur;
  auto flush = [&] {
    if (cur.names.empty()) { cur = {}; return; }
    if (cur.codes.empty()) {
      em.warn(cur.line, fmt::format("actor '{}' has no code", cur.names[0]));
      cur = {};
      return;
    }
    std::string names;
    std::set<std::string> seen;
    for (std::string n : cur.names) {
      // TABARI's '=' after a noun ("MOUSE=") makes it exact and without the
      // regular plural ("mouses" is not MOUSE=).
      const bool no_plural = !n.empty() && n.back() == '=';
      if (no_plural) n.back() = '_';
      for (const auto& w : no_plural ? std::vector<std::string>{phrase_words(n)} : name_forms(n)) {
        if (!seen.insert(w).second) continue;
        if (!names.empty()) names += " | ";
        names += w;
      }
    }
    // Dated codes first: the first entry in force on the event's date wins,
    // so an undated code is the fallback outside the dated ones.
    std::stable_sort(cur.codes.begin(), cur.codes.end(),
                     [](const ActorCode& a, const ActorCode& b) { return !a.dates.unbounded() && b.dates.unbounded(); });
    for (const auto& c : cur.codes) {
      // TABARI's [###] discards the sentence: kabar's discard words, or,
      // dated or beside other codes ("ENT [### <890101] [ENT]"), an actor
      // coded ### that the coder reads as one. PETRARCH codes ### as an
      // actor.
      if (c.code == "###" && fmt == Format::kTabari && c.dates.unbounded() && cur.codes.size() == 1) {
        for (const auto& n : cur.names) {
          std::string w = phrase_words(n);
          w.erase(std::remove(w.begin(), w.end(), '*'), w.end());
          if (!w.empty()) discards.emit("discard : " + w, cur.line);
        }
        continue;
      }
      std::string range;
      if (!c.dates.unbounded())
        range = fmt::format(" {}..{}", c.dates.from ? iso(*c.dates.from) : "", c.dates.to ? iso(*c.dates.to) : "");
      if (names.empty()) continue;
      if (c.code == "###") em.emit(fmt::format("---{} discard : {}", range, names), cur.line);
      else em.emit(fmt::format("{}{} : {}", c.code, range, names), cur.line);
    }
    cur = {};
  };
  bool in_pos_block = false;  // TABARI <NOUN>/<ADJECTIVE> lists: parts of speech, not actors
  for (const auto& [n, s] : clean_lines(path, fmt)) {
    if (s[0] == '<') {
      const std::string tag = upper(s);
      if (tag.rfind("</", 0) == 0) in_pos_block = false;
      else if (tag == "<NOUN>" || tag == "<ADJECTIVE>") { flush(); in_pos_block = true; }
      continue;
    }
    if (in_pos_block) {
      // Read only to join "X and Y" of two such words into one noun phrase.
      std::string w = phrase_words(brackets(s).before);
      w.erase(std::remove(w.begin(), w.end(), '*'), w.end());
      if (!w.empty()) discards.emit("peer.noun : " + w, n);
      continue;
    }
    if (s[0] == '+') {
      if (cur.names.empty()) { em.warn(n, "synonym with no actor before it"); continue; }
      Bracketed b = brackets(s.substr(1));
      cur.names.push_back(b.before);
      continue;
    }
    if (s[0] == '[') {
      if (cur.names.empty()) { em.warn(n, "code with no actor before it"); continue; }
      for (const auto& blk : brackets(s).blocks) {
        std::string why;
        if (auto c = parse_actor_code(blk, why)) cur.codes.push_back(*c);
        else em.warn(n, why);
      }
      continue;
    }
    flush();
    Bracketed b = brackets(s);
    if (b.before.empty()) { em.warn(n, "actor line with no name"); continue; }
    cur.line = n;
    cur.names.push_back(b.before);
    for (const auto& blk : b.blocks) {
      std::string why;
      if (auto c = parse_actor_code(blk, why)) cur.codes.push_back(*c);
      else em.warn(n, why);
    }
  }
  flush();
  em.finish();
  discards.finish();
}

// ---- agents -----------------------------------------------------------

void convert_agents(const std::string& path, const std::string& display, Format fmt, PeerDictionaries& out) {
  Emitter em(out, "agents", display, display);
  std::map<std::string, std::vector<std::string>> macros;  // "!PERSON!" → MAN, MEN, …
  // Each marker of the name is replaced once, left to right: the text a
  // macro puts in is not scanned again, its own markers plain words (a
  // macro that names itself, "!P! = A, !P!_X", cannot expand forever), and
  // a name gives at most kMaxForms forms (many markers multiply).
  constexpr size_t kMaxForms = 256;
  bool truncated = false;
  auto expand = [&](const std::string& name) {
    std::vector<std::pair<std::string, size_t>> forms{{name, 0}};  // a form, where scanning resumes
    std::vector<std::string> done;
    while (!forms.empty()) {
      std::vector<std::pair<std::string, size_t>> next;
      for (const auto& [f, from] : forms) {
        size_t a = f.find('!', from);
        size_t b = a == std::string::npos ? a : f.find('!', a + 1);
        if (b == std::string::npos) {
          if (done.size() < kMaxForms) done.push_back(f);
          else truncated = true;
          continue;
        }
        auto it = macros.find(f.substr(a, b - a + 1));
        if (it == macros.end()) {
          next.push_back({f.substr(0, a) + f.substr(a + 1, b - a - 1) + f.substr(b + 1), b - 1});
          continue;
        }
        for (std::string alt : it->second) {
          if (next.size() + done.size() >= kMaxForms) { truncated = true; break; }
          alt.erase(std::remove(alt.begin(), alt.end(), '!'), alt.end());  // a marker inside stays plain text
          next.push_back({f.substr(0, a) + alt + f.substr(b + 1), a + alt.size()});
        }
      }
      forms = std::move(next);
    }
    return done;
  };
  std::string code;  // the current agent's, for '+' synonym lines
  bool prefix = false;
  for (const auto& [n, s] : clean_lines(path, fmt)) {
    if (s[0] == '<') continue;
    // "!PERSON! = MAN, WOMAN" defines a marker; "!MINST!_OF_X [~GOV]" uses one.
    if (s[0] == '!' && s.find('[') == std::string::npos) {
      size_t eq = s.find('=');
      if (eq == std::string::npos) { em.warn(n, "macro without '='"); continue; }
      std::vector<std::string> alts;
      for (auto a : split(std::string_view(s).substr(eq + 1), ',')) {
        a = trim(a);
        if (!a.empty()) alts.push_back(std::string(a));
      }
      macros[std::string(trim(std::string_view(s).substr(0, eq)))] = alts;
      continue;
    }
    std::string name;
    if (s[0] == '+') {
      if (code.empty()) { em.warn(n, "synonym with no agent before it"); continue; }
      name = brackets(s.substr(1)).before;
    } else {
      Bracketed b = brackets(s);
      if (b.blocks.empty()) { em.warn(n, "agent without a [~CODE]"); code.clear(); continue; }
      std::string c = upper(b.blocks[0]);
      c.erase(std::remove(c.begin(), c.end(), ' '), c.end());
      // "~GOV" follows the actor's code, "NGO~" goes before it.
      prefix = !c.empty() && c.back() == '~';
      c.erase(std::remove(c.begin(), c.end(), '~'), c.end());
      if (c.empty() ||
          !std::all_of(c.begin(), c.end(), [](char x) { return std::isalnum(static_cast<unsigned char>(x)); })) {
        em.warn(n, fmt::format("bad agent code '{}'", b.blocks[0]));
        code.clear();
        continue;
      }
      code = c;
      name = b.before;
    }
    // PETRARCH lists an agent's plurals in braces ("CHILD {CHILDREN}", "MSF {}").
    std::vector<std::string> plurals;
    const bool braces = name.find('{') != std::string::npos;
    if (size_t open = name.find('{'); open != std::string::npos) {
      size_t close = name.find('}', open);
      for (auto f : split(std::string_view(name).substr(open + 1, (close == std::string::npos ? name.size() : close) - open - 1), ' '))
        if (!trim(f).empty()) plurals.push_back(std::string(trim(f)) + "_");
      name = std::string(trim(std::string_view(name).substr(0, open)));
    }
    std::string names;
    std::set<std::string> seen;
    auto add = [&](const std::string& w) {
      if (w.empty() || !seen.insert(w).second) return;
      if (!names.empty()) names += " | ";
      names += w;
    };
    if (fmt == Format::kPetrarch) {
      // PETRARCH's agent words are exact. A phrase takes its regular plurals
      // unless braces follow it (its listed plurals, or none: "POLICE {}")
      // or a substitution marker made it ("FISHER!PERSON!": the list's forms).
      // Its regular plural: +S, +ES after SS, Y → IES. (A phrase ending in
      // '_' takes none.)
      const bool marker = name.find('!') != std::string::npos || (!name.empty() && name.back() == '_');
      auto exact = [](std::string f) {
        std::replace(f.begin(), f.end(), ' ', '_');
        return phrase_words(f + "_");
      };
      for (const auto& f : expand(name)) {
        const std::string w = exact(f);
        add(w);
        if (braces || marker || w.empty() || !std::isalpha(static_cast<unsigned char>(w.back()))) continue;
        const bool vowel_y = w.size() > 2 && w.back() == 'y' && std::string_view("aeiou").find(w[w.size() - 2]) != std::string_view::npos;
        if (vowel_y) add(w + "s");  // "envoys" (PETRARCH itself writes "envoies")
        else if (w.back() == 'y' && w.size() > 1) add(w.substr(0, w.size() - 1) + "ies");
        else if (w.size() > 1 && w.compare(w.size() - 2, 2, "ss") == 0) add(w + "es");
        else add(w + "s");
      }
      for (const auto& p : plurals)
        for (const auto& f : expand(p)) add(exact(f));
    } else {
      std::vector<std::string> forms = expand(name);
      for (const auto& p : plurals)
        for (const auto& f : expand(p)) forms.push_back(f);
      for (const auto& f : forms)
        for (const auto& w : name_forms(f)) add(w);
    }
    if (truncated) em.warn(n, fmt::format("substitution markers give more than {} forms; the first kept", kMaxForms));
    truncated = false;
    if (names.empty()) { em.warn(n, "agent with no name"); continue; }
    em.emit(fmt::format("{}{} : {}", code, prefix ? " prefix" : "", names), n);
  }
  em.finish();
}

// ---- discards (PETRARCH) -----------------------------------------------

void convert_discards(const std::string& path, const std::string& display, Format fmt, PeerDictionaries& out) {
  Emitter em(out, "words", display, display);
  for (const auto& [n, s] : clean_lines(path, fmt)) {
    if (s[0] == '<') continue;
    std::string phrase = s[0] == '+' ? s.substr(1) : s;  // '+': the whole story; kabar discards the sentence
    std::string w = phrase_words(brackets(phrase).before);
    // Discard phrases are exact: a stem mark would make "1914" discard "19140".
    w.erase(std::remove(w.begin(), w.end(), '*'), w.end());
    if (w.empty()) { em.warn(n, "empty discard phrase"); continue; }
    em.emit("discard : " + w, n);
  }
  em.finish();
}

// ---- verbs ------------------------------------------------------------

class VerbConverter {
 public:
  VerbConverter(const std::string& path, const std::string& display, Format fmt, PeerDictionaries& out)
      : lines_(clean_lines(path, fmt)), em_(out, "verbs", display, display), discards_(out, "words", display, display),
        fmt_(fmt) {}

  void run() {
    collect_synsets();
    bool skip_block = false;  // inside <SYNSETS> or <TIME>
    bool in_synset = false;
    for (const auto& [n, s] : lines_) {
      if (s[0] == '<') {
        const std::string tag = upper(s);
        if (tag == "<TIME>") skip_block = in_time_ = true;
        else if (tag == "<SYNSETS>") skip_block = true;
        else if (tag.rfind("</", 0) == 0) skip_block = in_time_ = false;
        continue;
      }
      // A <TIME> phrase coded [###] (discard) or [+++] (complex, which kabar
      // does not code either) discards the sentence: "KAN_WA_MA_KAN [###]".
      // Its date shifts ("TOMORROW [+1]") are not converted.
      if (in_time_) {
        Bracketed b = brackets(s[0] == '-' ? s.substr(1) : s);
        if (s[0] != '-' && !b.blocks.empty() && (b.blocks[0] == "###" || b.blocks[0] == "+++")) {
          std::string w = phrase_words(b.before);
          w.erase(std::remove(w.begin(), w.end(), '*'), w.end());
          if (!w.empty()) discards_.emit("discard : " + w, n);
        } else if (!time_warned_) {
          em_.warn(n, "TABARI <TIME> shifts are not converted");
          time_warned_ = true;
        }
      }
      if (skip_block) continue;
      if (s[0] == '&') { in_synset = true; continue; }
      if (s[0] == '+' && in_synset) continue;
      in_synset = false;
      if (s.rfind("---", 0) == 0) {  // PETRARCH block: "--- NAME [code] ---"
        Bracketed b = brackets(s);
        block_ = Block{};
        block_.petrarch = true;
        block_.code = b.blocks.empty() ? "---" : b.blocks[0];
        block_.line = n;
        continue;
      }
      if (s[0] == '-') { pattern(n, s.substr(1)); continue; }
      // TABARI lists a verb's irregular forms on the next line: "{ ACTING_ ACTXD_ }".
      if (s[0] == '{' && !block_.verbs.empty()) { forms_line(n, s); continue; }
      verb(n, s[0] == '+' ? s.substr(1) : s);
    }
    em_.finish();
    discards_.finish();
  }

 private:
  struct Verb {
    std::string head;  // kabar words, the first marked '@'
    bool single = false;
    std::string code;  // its own, or empty for the block's
  };
  struct Block {
    bool petrarch = false;
    std::string code = "---";
    size_t line = 0;
    std::vector<Verb> verbs;
  };

  std::vector<std::pair<size_t, std::string>> lines_;
  Emitter em_;
  Emitter discards_;  // <TIME> phrases coded [###] or [+++]
  bool in_time_ = false, time_warned_ = false;
  Format fmt_;
  std::map<std::string, std::vector<std::string>> synsets_;  // "&NAME" → members as written
  Block block_;

  void collect_synsets() {
    std::string current;
    for (const auto& [n, s] : lines_) {
      if (s[0] == '&') {
        size_t end = 1;
        while (end < s.size() && (std::isalnum(static_cast<unsigned char>(s[end])) || s[end] == '_')) ++end;
        current = upper(s.substr(0, end));
        synsets_[current];
        continue;
      }
      if (s[0] == '+' && !current.empty()) { synsets_[current].push_back(std::string(trim(std::string_view(s).substr(1)))); continue; }
      current.clear();
    }
  }

  // A code block "[x]" or "[x:y]": code and converse; "---" codes nothing.
  static bool parse_code(const std::string& blk, std::string& code, std::string& converse) {
    std::string c = upper(blk);
    c.erase(std::remove(c.begin(), c.end(), ' '), c.end());
    size_t colon = c.find(':');
    code = c.substr(0, colon);
    converse = colon == std::string::npos ? "" : c.substr(colon + 1);
    auto ok = [](const std::string& x) {
      return x == "---" || (!x.empty() && std::all_of(x.begin(), x.end(), [](char ch) { return std::isalnum(static_cast<unsigned char>(ch)); }));
    };
    // TABARI's dominant code, "[031!]": kept with its '!' for emit().
    const bool dominant = code.size() > 1 && code.back() == '!';
    return ok(dominant ? code.substr(0, code.size() - 1) : code) && (converse.empty() || ok(converse));
  }

  void verb(size_t n, const std::string& s) {
    Bracketed b = brackets(s);
    std::string text = b.before;
    std::vector<std::string> forms;
    // PETRARCH irregular forms: "BREAK { BROKE BROKEN }".
    if (size_t open = text.find('{'); open != std::string::npos) {
      size_t close = text.find('}', open);
      for (auto f : split(std::string_view(text).substr(open + 1, (close == std::string::npos ? text.size() : close) - open - 1), ' '))
        if (!trim(f).empty()) forms.push_back(std::string(trim(f)));
      text = std::string(trim(std::string_view(text).substr(0, open)));
    }
    if (text.empty()) { em_.warn(n, "verb line with no verb"); return; }
    // PETRARCH's phrasal verbs mark their verb word with '+': "+CORDON_OFF",
    // "WIRE_+TAP" (the verb is "tap"; "wire" comes before it).
    const bool marked = text.find('+') != std::string::npos ||
                        std::any_of(forms.begin(), forms.end(), [](const std::string& f) { return f.find('+') != std::string::npos; });
    if (fmt_ == Format::kPetrarch && marked && text.find_first_of("$%*^&") == std::string::npos) {
      phrasal_verb(n, b, text, forms);
      return;
    }
    if (text.find_first_of("$+%*^&") != std::string::npos) { em_.warn(n, fmt::format("verb '{}' with a slot or synset is not converted", text)); return; }
    std::string code;
    if (!b.blocks.empty()) {
      std::string converse;
      if (!parse_code(b.blocks[0], code, converse)) { em_.warn(n, fmt::format("bad code [{}]", b.blocks[0])); return; }
      if (!converse.empty()) code += ":" + converse;
    }
    if (!block_.petrarch) {  // TABARI: each verb line starts its own block
      block_ = Block{};
      block_.code = code.empty() ? "---" : code;
      block_.line = n;
      code.clear();
    }
    std::vector<std::string> all{text};
    // PETRARCH's listed forms are words; TABARI's are stems unless they end in '_'.
    for (const auto& f : forms) all.push_back(fmt_ == Format::kPetrarch && f.back() != '_' ? f + "_" : f);
    for (const auto& f : all) {
      Verb v;
      v.head = verb_words(f, &f == &all.front());
      if (v.head.empty()) { em_.warn(n, fmt::format("verb '{}' has no word", f)); continue; }
      v.single = v.head.find(' ') == std::string::npos;
      v.code = code;
      block_.verbs.push_back(v);
      // The verb alone: source the subject, target the first actor after.
      std::string c = code.empty() ? block_.code : code;
      emit(n, c, "$ " + mark_head(v.head), false, true);
    }
  }

  // A PETRARCH phrasal verb's words, exact, with '@' on the one marked '+'
  // ("WIRE_+TAPPED" → "wire @=tapped"), else on the first; empty when it
  // has no words.
  static std::string phrasal_words(const std::string& text) {
    if (text.find('+') == std::string::npos) return phrasal_words("+" + text);
    std::string out;
    for (auto w : split(text, '_')) {
      for (auto x : split(w, ' ')) {
        x = trim(x);
        if (x.empty()) continue;
        const bool head = x[0] == '+';
        if (head) x.remove_prefix(1);
        if (x.empty()) continue;
        if (!out.empty()) out += ' ';
        out += (head ? "@=" : "") + lower(x);
      }
    }
    return out.find('@') == std::string::npos ? std::string() : out;
  }

  void phrasal_verb(size_t n, const Bracketed& b, const std::string& text, const std::vector<std::string>& forms) {
    std::string code;
    if (!b.blocks.empty()) {
      std::string converse;
      if (!parse_code(b.blocks[0], code, converse)) { em_.warn(n, fmt::format("bad code [{}]", b.blocks[0])); return; }
      if (!converse.empty()) code += ":" + converse;
    }
    std::vector<std::string> all{text};
    all.insert(all.end(), forms.begin(), forms.end());
    for (const auto& f : all) {
      Verb v;
      v.head = phrasal_words(f);
      if (v.head.empty()) { em_.warn(n, fmt::format("verb '{}' has no word marked '+'", f)); continue; }
      v.single = false;
      v.code = code;
      block_.verbs.push_back(v);
      emit(n, code.empty() ? block_.code : code, "$ " + v.head, false, true);
    }
  }

  // '@' marks the head; '=' keeps an exact word from English inflection.
  // A peer verb's words: as phrase_words, except that a verb written exact
  // ("DEPART_") or with '=' ("BAN=", doubling its consonant) takes the
  // regular English endings the peers add: {depart|departs|departed|…}.
  // A listed form (`endings` false), or one already inflected ("CALLED_"),
  // stays as it is.
  std::string verb_words(const std::string& text, bool endings = true) const {
    std::string t = text;
    const bool doubling = !t.empty() && t.back() == '=';
    if (doubling) t.back() = '_';
    // PETRARCH conjugates its verbs itself, exactly (no stems): "DEPART"
    // is depart, departs, departed, departing, and never "departx".
    if (fmt_ == Format::kPetrarch && !t.empty() && t.back() != '_') t += '_';
    std::string words = phrase_words(t);
    // TABARI: words of a verb phrase written apart ("DEATH TOLL RISEN") may
    // have words between them ("death toll has risen"), as in a pattern.
    if (fmt_ == Format::kTabari && trim(t).find(' ') != std::string::npos) {
      std::string apart;
      for (auto part : split(trim(t), ' ')) {
        if (trim(part).empty()) continue;
        if (!apart.empty()) apart += " ... ";
        apart += phrase_words(std::string(trim(part)));
      }
      if (!apart.empty()) return apart;
    }
    if (words.find(' ') != std::string::npos || words.empty() || words.back() == '*' || !endings) return words;
    auto ends = [&](std::string_view e) { return words.size() > e.size() + 1 && words.compare(words.size() - e.size(), e.size(), e) == 0; };
    if (ends("ed") || ends("ing")) return words;
    const char last = words.back();
    const std::string stem = words.substr(0, words.size() - 1);
    const bool consonant_y = last == 'y' && words.size() > 2 && std::string_view("aeiou").find(words[words.size() - 2]) == std::string_view::npos;
    std::set<std::string> forms{words};
    if (fmt_ == Format::kPetrarch) {
      // Regular English: -s/-es/-ies, -ed/-d/-ied, -ing (e dropped).
      const bool sibilant = last == 's' || last == 'x' || last == 'z' || ends("ch") || ends("sh");
      forms.insert(consonant_y ? stem + "ies" : sibilant ? words + "es" : words + "s");
      forms.insert(consonant_y ? stem + "ied" : last == 'e' ? words + "d" : words + "ed");
      forms.insert(last == 'e' && !ends("ee") ? stem + "ing" : words + "ing");
    } else {
      // TABARI's endings, added as they are: S, ES, ED, D, ING, EN.
      forms.insert({words + "s", words + "es", words + "ed", words + "d", words + "ing", words + "en"});
      if (last == 'e') forms.insert(stem + "ing");
      if (consonant_y) forms.insert({stem + "ies", stem + "ied"});
    }
    // "BAN=": the consonant doubles before -ed and -ing; "baned", "baning" are not its forms.
    if (doubling) {
      for (const char* e : {"ed", "d", "ing", "en"}) forms.erase(words + e);
      if (last == 'e') forms.erase(stem + "ing");
      forms.insert({words + last + "ed", words + last + "ing"});
    }
    std::string g = "{";
    for (const auto& f : forms) g += (g.size() > 1 ? "|=" : "=") + f;
    return g + "}";
  }

  void forms_line(size_t n, const std::string& s) {
    std::string inner = s.substr(1, s.find('}') == std::string::npos ? std::string::npos : s.find('}') - 1);
    const std::string code = block_.verbs.back().code.empty() ? block_.code : block_.verbs.back().code;
    for (auto f : split(inner, ' ')) {
      f = trim(f);
      if (f.empty()) continue;
      Verb v;
      v.head = verb_words(fmt_ == Format::kPetrarch && f.back() != '_' ? std::string(f) + "_" : std::string(f), false);
      if (v.head.empty()) { em_.warn(n, fmt::format("verb form '{}' has no word", f)); continue; }
      v.single = v.head.find(' ') == std::string::npos;
      v.code = block_.verbs.back().code;
      block_.verbs.push_back(v);
      emit(n, code, "$ " + mark_head(v.head), false, true);
    }
  }

  static std::string mark_head(const std::string& words) {
    if (!words.empty() && words[0] == '{') return "@" + words;  // a group of exact forms
    if (words.find('@') != std::string::npos) return words;     // a phrasal verb, its head marked
    const size_t sp = words.find(' ');
    const std::string first = words.substr(0, sp);
    return (!first.empty() && first.back() == '*' ? "@" : "@=") + words;
  }
  static std::string exact_mark(const std::string& word) { return !word.empty() && word.back() == '*' ? word : "=" + word; }

  // The head of the current block's verbs for a pattern: one group of the
  // single-word verbs, each multi-word verb apart.
  std::vector<std::string> heads() const {
    std::vector<std::string> out, singles;
    for (const auto& v : block_.verbs) {
      if (!v.head.empty() && v.head[0] == '{') {  // forms: their alternatives join the group
        for (auto f : split(std::string_view(v.head).substr(1, v.head.size() - 2), '|')) singles.push_back(std::string(f));
        continue;
      }
      (v.single ? singles : out).push_back(v.single ? exact_mark(v.head) : mark_head(v.head));
    }
    if (singles.size() == 1) out.insert(out.begin(), "@" + singles[0]);
    else if (!singles.empty()) out.insert(out.begin(), "@" + group(singles));
    return out;
  }

  void emit(size_t n, const std::string& codes, const std::string& body, bool recip, bool target, bool compound = false,
            bool near = false) {
    std::string code = codes, converse;
    if (size_t colon = codes.find(':'); colon != std::string::npos) { code = codes.substr(0, colon); converse = codes.substr(colon + 1); }
    // TABARI's "[031!]": when it codes, the sentence's other events are dropped.
    const bool dominant = code.size() > 1 && code.back() == '!';
    if (dominant) code.pop_back();
    std::string head = code;
    if (dominant) head += " dominant";
    if (!converse.empty() && converse != "---") head += " converse=" + converse;
    if (recip) head += " recip";
    if (compound) head += " compound";
    if (near) head += " nearsource";
    if (target) head += " target";
    head += " nopassive";
    em_.emit(head + " : " + body, n);
  }

  // Expands "&NAME" members into kabar alternatives (nested synsets too).
  bool synset_alternatives(const std::string& name, std::vector<std::string>& out, int depth = 0) {
    auto it = synsets_.find(name);
    if (it == synsets_.end() || depth > 8) return false;
    for (const auto& m : it->second) expand_phrase(m, out, depth);
    return !out.empty();
  }

  // A synset member as kabar phrases: its words, with every synset named
  // anywhere in it ("&TIETYPES_MEMOS", "MEMOS_ON_&TIETYPES") replaced by each
  // of its members in turn (at most 256 phrases).
  void expand_phrase(const std::string& text, std::vector<std::string>& out, int depth) {
    std::vector<std::string> phrases{""};
    size_t i = 0;
    auto append = [&](const std::vector<std::string>& alts) {
      std::vector<std::string> next;
      for (const auto& p : phrases)
        for (const auto& a : alts)
          if (next.size() < 256) next.push_back(p.empty() ? a : p + " " + a);
      phrases = std::move(next);
    };
    while (i < text.size()) {
      if (text[i] == '&') {
        std::string rest, name = longest_synset(text.substr(i), rest);
        std::vector<std::string> sub;
        if (name.empty() || !synset_alternatives(name, sub, depth + 1)) return;  // unknown: the member is dropped
        append(sub);
        i += name.size();
        while (i < text.size() && text[i] == '_') ++i;
        continue;
      }
      size_t amp = text.find('&', i);
      std::string words = phrase_words(std::string_view(text).substr(i, amp == std::string::npos ? std::string::npos : amp - i));
      if (!words.empty()) append({words});
      i = amp == std::string::npos ? text.size() : amp;
    }
    for (auto& p : phrases)
      if (!p.empty()) out.push_back(std::move(p));
  }

  // TABARI's synset members written with spaces ("+AUSTRIAN FLORIN",
  // "+&TIETYPES ASSURANCES") let other words stand between their words, as
  // a pattern's words do: the alternatives of a pattern's "&SYNSET", one
  // per such member (its words with gaps) and one for the others together;
  // empty when no member has words apart (or more than seven have).
  std::vector<std::string> members_apart(const std::string& name) {
    auto it = synsets_.find(name);
    if (fmt_ != Format::kTabari || it == synsets_.end()) return {};
    std::vector<std::string> together, apart;
    for (const auto& member : it->second) {
      if (member.find(' ') == std::string::npos) { expand_phrase(member, together, 1); continue; }
      std::string gapped;
      for (auto w : split(member, ' ')) {
        w = trim(w);
        if (w.empty()) continue;
        std::vector<std::string> alts;
        expand_phrase(std::string(w), alts, 1);
        if (alts.empty()) return {};
        if (!gapped.empty()) gapped += " ... ";
        gapped += alts.size() == 1 ? alts[0] : group(alts);
      }
      apart.push_back(gapped);
    }
    if (apart.empty() || apart.size() > 7) return {};
    if (!together.empty()) apart.insert(apart.begin(), together.size() == 1 ? together[0] : group(together));
    return apart;
  }

  // The longest defined synset name at the start of `text` ("&TIETYPES_MEMOS"
  // → "&TIETYPES", rest "MEMOS").
  std::string longest_synset(const std::string& text, std::string& rest) const {
    size_t end = 1;
    while (end < text.size() && (std::isalnum(static_cast<unsigned char>(text[end])) || text[end] == '_')) ++end;
    for (size_t len = end; len > 1; --len) {
      std::string name = upper(text.substr(0, len));
      if (synsets_.count(name)) {
        size_t r = len;
        while (r < text.size() && text[r] == '_') ++r;
        rest = text.substr(r);
        return name;
      }
    }
    return {};
  }

  // A pattern line "- SUGGESTED_+ * DEMAND_{ GENEVA_ | INTERNATIONAL }_CONVENTIONS [111]".
  void pattern(size_t n, const std::string& line) {
    Bracketed b = brackets(line);
    if (b.blocks.empty()) { em_.warn(n, "pattern without a [code]"); return; }
    std::string code, converse;
    if (!parse_code(b.blocks.back(), code, converse)) { em_.warn(n, fmt::format("bad code [{}]", b.blocks.back())); return; }
    if (code == "###") { em_.warn(n, "discard code [###] is not converted"); return; }
    if (block_.verbs.empty()) { em_.warn(n, "pattern with no verb before it"); return; }
    // Tokens: items and whether each is joined ('_') to the next.
    // `spread`: the group's alternatives when one has words apart (a space,
    // not '_'), each written with gaps between them; the pattern is then
    // written once per alternative.
    struct Item {
      Item(std::string t, bool j = false, std::vector<std::string> s = {}) : text(std::move(t)), joined(j), spread(std::move(s)) {}
      std::string text;
      bool joined = false;
      std::vector<std::string> spread;
    };
    std::vector<Item> items;
    std::string t = b.before;
    bool recip = false, compound = false, has_source = false, has_target = false, has_head = false;
    std::string why;
    size_t i = 0;
    auto word_char = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '\'' || c == '-' || c == '.' || c == '/'; };
    while (i < t.size() && why.empty()) {
      char c = t[i];
      if (c == ' ' || c == '\t') { ++i; continue; }
      // (TABARI's '_' then a space before the verb, "KNOWN_ *", only ends an
      // exact word: words may stand between, as after a space.)
      if (c == '_') {
        size_t next = i + 1;
        while (next < t.size() && (t[next] == ' ' || t[next] == '\t')) ++next;
        const bool apart = fmt_ == Format::kTabari && next > i + 1 && next < t.size() && t[next] == '*';
        if (!items.empty() && !apart) items.back().joined = true;
        ++i;
        continue;
      }
      if (c == '*') { items.push_back({"\x01"}); has_head = true; ++i; continue; }
      // '%' is the compound actor whose members act on each other; before
      // the verb ("% * [030:030]") it codes only a compound. PETRARCH reads
      // one after the verb as the target ("* WITH % [031]").
      if (c == '%' && has_head && fmt_ == Format::kPetrarch) c = '+';
      if (c == '%' && !has_head) compound = true;
      if (c == '$' || c == '+' || c == '%') {
        if (c == '%') recip = true;  // the compound actor: source and target both
        else (c == '+' ? has_target : has_source) = true;
        items.push_back({c == '+' ? "+" : "$"});
        ++i;
        continue;
      }
      if (c == '^') { items.push_back({"^"}); ++i; continue; }  // an actor passed over
      if (c == '{' || c == '(') {
        const char close_c = c == '{' ? '}' : ')';
        size_t close = t.find(close_c, i);
        if (close == std::string::npos) { why = fmt::format("unclosed '{}'", c); break; }
        std::string inner(trim(std::string_view(t).substr(i + 1, close - i - 1)));
        if (c == '{' && inner.find('|') != std::string::npos) {
          std::vector<std::string> alts;
          for (auto a : split(inner, '|')) {
            std::string x(trim(a));
            if (!x.empty() && x[0] == '&') {
              std::string rest, name = longest_synset(x, rest);
              std::vector<std::string> sub;
              if (name.empty() || !synset_alternatives(name, sub)) { why = "unknown synset " + x; break; }
              for (auto& s : sub) alts.push_back(rest.empty() ? s : s + " " + phrase_words(rest));
            } else if (!x.empty()) {
              alts.push_back(phrase_words(x));
            }
          }
          if (alts.empty()) { why = "empty alternatives"; break; }
          // "{ LOUDLY INCLUDED | STRONGLY ASSXRTED }": words apart in an
          // alternative may have others between them, as in the pattern.
          std::vector<std::string> spread;
          bool apart = false;
          for (auto a : split(inner, '|')) {
            std::string x(trim(a));
            if (x.empty() || x[0] == '&') { spread.clear(); apart = false; break; }
            std::string gapped;
            for (auto w : split(x, ' ')) {
              w = trim(w);
              if (w.empty()) continue;
              if (!gapped.empty()) { gapped += " ... "; apart = true; }
              gapped += phrase_words(w);
            }
            spread.push_back(gapped);
          }
          items.push_back({group(alts), false, apart && spread.size() <= 8 ? spread : std::vector<std::string>{}});
        } else {
          // PETRARCH-2's noun phrase {ARMS SHIPMENT} or prepositional phrase
          // (TO BORDER): its words in order, with room between them.
          std::string sub = inner;
          for (auto& ch : sub) if (ch == '{' || ch == '}' || ch == '(' || ch == ')') ch = ' ';
          for (auto w : split(sub, ' ')) {
            w = trim(w);
            if (w.empty()) continue;
            if (w[0] == '&') {
              std::string rest, name = longest_synset(std::string(w), rest);
              std::vector<std::string> alts;
              if (name.empty() || !synset_alternatives(name, alts)) { why = fmt::format("unknown synset {}", w); break; }
              items.push_back({group(alts)});
            } else if (w == "$" || w == "+") {
              (w == "+" ? has_target : has_source) = true;
              items.push_back({std::string(w)});
            } else {
              items.push_back({phrase_words(w)});
            }
          }
          // Nested groups in PETRARCH-2 close at the outermost bracket.
          int depth = 0;
          size_t k = i;
          for (; k < t.size(); ++k) {
            if (t[k] == '(' || t[k] == '{') ++depth;
            else if (t[k] == ')' || t[k] == '}') { if (--depth == 0) break; }
          }
          close = k;
        }
        i = close + 1;
        continue;
      }
      if (c == '&') {
        size_t end = i + 1;
        while (end < t.size() && (std::isalnum(static_cast<unsigned char>(t[end])) || t[end] == '_')) ++end;
        std::string rest, name = longest_synset(t.substr(i, end - i), rest);
        std::vector<std::string> alts;
        if (name.empty() || !synset_alternatives(name, alts)) { why = "unknown synset " + t.substr(i, end - i); break; }
        items.push_back({group(alts), !rest.empty(), rest.empty() ? members_apart(name) : std::vector<std::string>{}});
        // The rest of the run ("_RELATIONS") is read next as joined words.
        i += name.size();
        while (i < t.size() && t[i] == '_') ++i;
        continue;
      }
      if (word_char(c)) {
        size_t end = i;
        while (end < t.size() && word_char(t[end])) ++end;
        std::string w = t.substr(i, end - i);
        // A word followed by '_' is exact; otherwise a stem. TABARI's '~'
        // marks a stem inside a joined phrase ("REAL~_PLEASANT" reads
        // "really pleasant"); the '_' after it still joins. PETRARCH matches
        // its patterns' words as written ("EFFORT" is not "efforts").
        const bool stem_mark = end < t.size() && t[end] == '~';
        if (stem_mark) ++end;
        const bool exact = (!stem_mark && end < t.size() && t[end] == '_') || fmt_ == Format::kPetrarch;
        std::string kw = lower(w);
        if (!exact && std::isalnum(static_cast<unsigned char>(kw.back()))) kw += '*';
        items.push_back({kw});
        i = end;
        continue;
      }
      why = fmt::format("unexpected '{}'", c);
    }
    if (!why.empty()) { em_.warn(n, why); return; }
    if (!has_head) { em_.warn(n, "pattern without '*' (the verb)"); return; }
    if (recip && has_source) { em_.warn(n, "'%' with '$' is not converted"); return; }
    // '%' stands where the compound actor is; it is the pattern's source
    // slot, and the flag recip makes its members act on each other.
    // One pattern per combination of the spread groups' alternatives (at most 16).
    std::vector<std::vector<std::string>> combos{{}};
    for (const auto& it : items) {
      if (it.spread.empty()) continue;
      std::vector<std::vector<std::string>> next;
      for (const auto& c : combos)
        for (const auto& a : it.spread)
          if (next.size() < 16) {
            next.push_back(c);
            next.back().push_back(a);
          }
      combos = std::move(next);
    }
    for (const auto& head : heads())
    for (const auto& combo : combos) {
      std::string body;
      bool gap_pending = false;
      size_t spread_at = 0;
      for (size_t k = 0; k < items.size(); ++k) {
        const std::string& text = items[k].text == "\x01" ? head : !items[k].spread.empty() ? combo[spread_at++] : items[k].text;
        if (text == "...") { gap_pending = !body.empty(); continue; }
        // A leading slot is the clause subject: no gap after it.
        const bool after_leading_slot = body == "$" || body == "+";
        if (!body.empty()) body += gap_pending && !after_leading_slot ? " ... " : " ";
        body += text;
        gap_pending = !items[k].joined;
      }
      // Without '$' the source is the clause subject ('+' first: the
      // coder looks for it after the verb, as TABARI does).
      const bool starts_with_slot = !items.empty() && (items[0].text == "$" || items[0].text == "+");
      if (!has_source && !recip && !starts_with_slot) body = "$ " + body;
      const std::string codes = converse.empty() ? code : code + ":" + converse;
      // TABARI's written '$' before the verb: the actor nearest before it.
      const bool near = fmt_ == Format::kTabari && has_source && !items.empty() && items[0].text == "$";
      // PETRARCH's "% HAVE *": the compound is the source and the verb's
      // object, if any, the target (the members act on each other only
      // without one).
      const bool object_target = !has_target && (!recip || (compound && fmt_ == Format::kPetrarch));
      emit(n, codes, body, recip, object_target, compound, near);
    }
  }
};

// A TABARI .options file: the settings kabar implements (PeerSettings) are
// kept for every pipeline; the rest (labels, output, COMPLEX, …) are said
// once each as warnings.
void read_options(const std::string& path, const std::string& display, Format fmt, PeerDictionaries& out) {
  for (auto [n, s] : clean_lines(path, fmt)) {
    if (s.rfind("//", 0) == 0) continue;  // TABARI's .options comments
    if (s.rfind("LABEL:", 0) == 0) continue;  // names of codes: kabar's codebook names them
    PeerSettings probe;
    if (probe.apply(s)) out.settings.push_back(s);
    else out.warnings.push_back(fmt::format("{}:{}: setting not implemented: {}", display, n, s));
  }
}

// The kind of dictionary a file holds, from its name.
std::string kind_of(const fs::path& p) {
  const std::string name = lower(p.filename().string());
  const std::string ext = lower(p.extension().string());
  if (ext == ".options") return "options";
  if (ext == ".verbs" || name.find("verb") != std::string::npos) return "verbs";
  if (ext == ".agents" || name.find("agents") != std::string::npos) return "agents";
  if (ext == ".actors" || name.find("actors") != std::string::npos) return "actors";
  if (name.find("discards") != std::string::npos) return "discards";
  return {};
}

// When the name does not say (PETRARCH-2's "CAMEO.2.0.txt"), the content:
// pattern lines ("- * …", "--- NAME ---") make a verbs file, "[~CODE]" an
// agents file, "[CODE]" an actors file.
std::string kind_by_content(std::ifstream& in) {
  std::string line;
  int patterns = 0, agents = 0, actors = 0;
  for (int n = 0; n < 2000 && std::getline(in, line); ++n) {
    std::string_view l = trim(std::string_view(line));
    if (l.rfind("- ", 0) == 0 || l.rfind("---", 0) == 0) ++patterns;
    else if (l.find("[~") != std::string_view::npos || l.find("~]") != std::string_view::npos) ++agents;
    else if (l.find('[') != std::string_view::npos) ++actors;
  }
  if (patterns >= agents && patterns >= actors && patterns > 0) return "verbs";
  if (agents > actors) return "agents";
  return actors > 0 ? "actors" : "";
}

Status convert_file(const fs::path& p, Format fmt, const std::string& display, PeerDictionaries& out) {
  std::error_code ec;
  if (!fs::is_regular_file(p, ec)) return Status(ErrorCode::kNotFound, fmt::format("{}: no such dictionary file", p.string()));
  std::ifstream probe(p);
  if (!probe) return Status(ErrorCode::kIo, fmt::format("{}: cannot open", p.string()));
  std::string kind = kind_of(p);
  if (kind.empty() && lower(p.extension().string()) != ".zip") kind = kind_by_content(probe);
  if (lower(p.extension().string()) == ".zip")
    return Status(ErrorCode::kData, fmt::format("{}: compressed dictionaries are not read; unzip it first", p.string()));
  out.sources.push_back(p.string());
  if (kind == "verbs") VerbConverter(p.string(), display, fmt, out).run();
  else if (kind == "actors") convert_actors(p.string(), display, fmt, out);
  else if (kind == "agents") convert_agents(p.string(), display, fmt, out);
  else if (kind == "discards") convert_discards(p.string(), display, fmt, out);
  else if (kind == "options") read_options(p.string(), display, fmt, out);
  else return Status(ErrorCode::kData, fmt::format("{}: not a verbs, actors, agents or discards dictionary (by its name or content)", p.string()));
  return Status::Ok();
}

}  // namespace

StatusOr<PeerDictionaries> read_peer_dictionaries(const std::vector<std::string>& specs) {
  PeerDictionaries out;
  for (const auto& spec : specs) {
    size_t colon = spec.find(':');
    const std::string scheme = colon == std::string::npos ? "" : spec.substr(0, colon);
    Format fmt;
    if (scheme == "tabari") fmt = Format::kTabari;
    else if (scheme == "petrarch") fmt = Format::kPetrarch;
    else return Status(ErrorCode::kInvalidArgument, fmt::format("--dict '{}': write tabari:PATH or petrarch:PATH", spec));
    const fs::path path = spec.substr(colon + 1);
    std::error_code ec;
    std::vector<fs::path> files;
    if (fs::is_directory(path, ec)) {
      for (const auto& e : fs::directory_iterator(path, ec))
        if (e.is_regular_file() && !kind_of(e.path()).empty() && lower(e.path().extension().string()) != ".zip" &&
            lower(e.path().extension().string()) != ".pdf")
          files.push_back(e.path());
      std::sort(files.begin(), files.end());
      if (files.empty()) return Status(ErrorCode::kNotFound, fmt::format("{}: no dictionary files in it", path.string()));
    } else if (lower(path.extension().string()) == ".project") {
      // A TABARI project names its files: "<verbsfile> TABARI.Demo.verbs".
      std::ifstream in(path);
      if (!in) return Status(ErrorCode::kNotFound, fmt::format("{}: cannot open", path.string()));
      std::string line;
      while (std::getline(in, line)) {
        for (const char* tag : {"<actorsfile>", "<verbsfile>", "<agentsfile>", "<optionsfile>"}) {
          if (line.rfind(tag, 0) != 0) continue;
          std::string name(trim(std::string_view(line).substr(std::string_view(tag).size())));
          files.push_back(path.parent_path() / name);
        }
      }
      if (files.empty()) return Status(ErrorCode::kData, fmt::format("{}: names no dictionary", path.string()));
    } else {
      files.push_back(path);
    }
    for (const auto& f : files) {
      const std::string display = scheme + ":" + f.filename().string();
      KABAR_RETURN_IF_ERROR(convert_file(f, fmt, display, out));
    }
  }
  return out;
}

Status write_converted(const PeerDictionaries& peers, const std::string& out_dir, const std::string& lang) {
  std::error_code ec;
  for (const auto& f : peers.files) {
    std::string name = f.name;
    for (auto& c : name) if (c == ':' || c == '/' || c == ' ') c = '-';
    const fs::path dir = fs::path(out_dir) / "lexicon" / lang / f.kind;
    fs::create_directories(dir, ec);
    if (ec) return Status(ErrorCode::kIo, fmt::format("{}: {}", dir.string(), ec.message()));
    const fs::path path = dir / (name + ".txt");
    const fs::path tmp = path.string() + ".tmp";
    {
      std::ofstream o(tmp);
      if (!o) return Status(ErrorCode::kIo, fmt::format("{}: cannot write", tmp.string()));
      // The header makes the loader read the file as the peer's (DICTIONARIES.md).
      o << "# kabar:peer " << f.format << " — converted by `kabar dict convert` from " << f.name
        << "; each line names its origin.\n";
      for (size_t i = 0; i < f.lines.size(); ++i) o << f.lines[i] << "  # " << f.origins[i] << '\n';
      if (!o) return Status(ErrorCode::kIo, fmt::format("{}: write failed", tmp.string()));
    }
    fs::rename(tmp, path, ec);
    if (ec) return Status(ErrorCode::kIo, fmt::format("{}: {}", path.string(), ec.message()));
  }
  return Status::Ok();
}

}  // namespace kabar
