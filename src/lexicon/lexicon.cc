// Loading and compiling the dictionaries.
//
// Phases, per language folder under data/lexicon (plus common/ for each):
//   1. words/   — function words; also yields the irregular-verb table;
//   2. actors/, agents/, places/ — names into phrase tries, dates checked;
//   3. verbs/   — each alternative parsed, optional groups expanded, the head
//      expanded into its surface forms by the language's morphology, passives
//      derived, then all indexed by head form. Identical patterns are errors.
// Every problem is collected as "file:line: message"; load() fails if any.
#include "kabar/lexicon.h"

#include <algorithm>
#include <atomic>
#include <bit>
#include <filesystem>
#include <cstring>
#include <fstream>
#include <map>
#include <set>

#include <fmt/format.h>

#include "kabar/text.h"
#include "lexicon/morphology.h"
#include "lexicon/pattern_parser.h"
#include "util/strings.h"

namespace kabar {
namespace fs = std::filesystem;

std::string default_data_dir() {
  if (const char* env = std::getenv("KABAR_DATA"); env && *env) return env;
#ifdef KABAR_DEFAULT_DATA_DIR
  return KABAR_DEFAULT_DATA_DIR;
#else
  return "data";
#endif
}

uint32_t Vocabulary::intern(std::string_view word) {
  if (uint32_t id = find(word)) return id;
  chars_.append(word);
  starts_.push_back(static_cast<uint32_t>(chars_.size()));
  const uint32_t id = static_cast<uint32_t>(size());
  if (size() * 2 > slots_.size()) {  // grow: keep at most half the slots used
    const size_t capacity = slots_.empty() ? 1024 : slots_.size() * 2;
    slots_.assign(capacity, Slot{});
    mask_ = capacity - 1;
    shift_ = 64 - static_cast<unsigned>(std::countr_zero(capacity));
    for (uint32_t k = 1; k <= id; ++k) place(k);
  } else {
    place(id);
  }
  return id;
}

void Vocabulary::place(uint32_t id) {
  const uint64_t h = hash(word_of(id));
  size_t i = h >> shift_;
  while (slots_[i].tag) i = (i + 1) & mask_;
  slots_[i] = Slot{static_cast<uint32_t>(h) | 1u, id};
}

std::vector<uint32_t> Vocabulary::intern(const std::vector<std::string>& words) {
  std::vector<uint32_t> ids;
  ids.reserve(words.size());
  for (const auto& w : words) ids.push_back(intern(w));
  return ids;
}

void EdgeMap::insert(uint64_t key, uint32_t value) {
  if ((used_ + 1) * 2 > slots_.size()) {  // grow: keep at most half the slots used
    std::vector<Slot> old = std::move(slots_);
    const size_t capacity = old.empty() ? 16 : old.size() * 2;
    slots_.assign(capacity, Slot{});
    mask_ = capacity - 1;
    shift_ = 64 - static_cast<unsigned>(std::countr_zero(capacity));
    used_ = 0;
    for (const Slot& s : old)
      if (s.key) insert(s.key, s.value);
  }
  size_t i = slot_of(key);
  while (slots_[i].key && slots_[i].key != key) i = (i + 1) & mask_;
  if (!slots_[i].key) ++used_;
  slots_[i] = Slot{key, value};
}

void PhraseTrie::insert(const std::vector<uint32_t>& words, uint32_t value) {
  if (!words.empty()) {
    const uint32_t first = words.front();
    if (first / 64 >= starts_.size()) starts_.resize(first / 64 + 1, 0);
    starts_[first / 64] |= uint64_t{1} << (first % 64);
  }
  uint64_t node = 0;
  for (uint32_t w : words) {
    const uint64_t key = node << 32 | w;
    uint32_t next = edges_.find(key);
    if (next == EdgeMap::kAbsent) {
      next = static_cast<uint32_t>(values_.size());
      values_.emplace_back();
      edges_.insert(key, next);
    }
    node = next;
  }
  values_[node].push_back(value);
}

const std::vector<uint32_t>* LanguageLexicon::patterns_for_root(const std::string& key) const {
  auto it = root_index_.find(key);
  return it == root_index_.end() ? nullptr : &it->second;
}


Lexicon::~Lexicon() = default;

uint32_t LanguageLexicon::find_stem(std::string_view norm) const {
  char buf[256];
  for (uint16_t len : stem_lengths_) {
    if (len > norm.size() || len + 1u > sizeof buf) continue;
    std::memcpy(buf, norm.data(), len);
    buf[len] = '*';
    if (uint32_t id = vocab_.find(std::string_view(buf, len + 1u))) return id;
  }
  return 0;
}

const LanguageLexicon* Lexicon::language(std::string_view lang) const {
  for (const auto& l : languages_)
    if (l->lang() == lang) return l.get();
  return nullptr;
}

uint64_t LanguageLexicon::next_serial() {
  static std::atomic<uint64_t> next{1};
  return next++;
}

std::string Lexicon::guess_language(const std::vector<Token>& tokens) const {
  if (stopword_langs_.empty()) return {};
  size_t id = 0, en = 0;
  for (const auto& t : tokens) {
    if (t.kind != TokenKind::kWord) continue;
    if (uint32_t w = stopwords_.find(t.norm)) {
      id += stopword_langs_[w] & 1u;
      en += stopword_langs_[w] >> 1;
    }
  }
  return language_from_counts(id, en);
}

std::vector<std::string> Lexicon::languages() const {
  std::vector<std::string> out;
  for (const auto& l : languages_) out.push_back(l->lang());
  return out;
}

std::string Lexicon::where(const SourceRef& ref) const {
  if (ref.file >= files_.size()) return "?";
  if (ref.file < file_origins_.size() && ref.line >= 1 && ref.line <= file_origins_[ref.file].size())
    return file_origins_[ref.file][ref.line - 1];
  return fmt::format("{}:{}", files_[ref.file], ref.line);
}

LexiconStats Lexicon::stats(std::string_view lang) const {
  LexiconStats s;
  s.files = files_.size();
  const LanguageLexicon* l = language(lang);
  if (!l) return s;
  s.actors = l->actors().size();
  s.agents = l->agents().size();
  s.words = l->words().size();
  s.places = l->places().size();
  std::set<std::string> codes;
  for (const auto& p : l->patterns()) {
    if (p.flags & kPatternPassive) ++s.derived_patterns;
    else ++s.patterns;
    codes.insert(p.code);
  }
  s.codes_used = codes.size();
  return s;
}

// Reads, validates and compiles. A friend of Lexicon and LanguageLexicon.
class LexiconBuilder {
 public:
  LexiconBuilder(std::string data_dir, LexiconOptions options) : data_dir_(std::move(data_dir)), options_(std::move(options)) {}

  StatusOr<std::unique_ptr<Lexicon>> build() {
    auto lex = std::unique_ptr<Lexicon>(new Lexicon());
    lex_ = lex.get();
    lex->peer_codes_ = options_.peer_files != nullptr;
    lex->peer_settings_ = options_.peer_settings;
    auto book = Codebook::load(data_dir_ + "/cameo");
    if (!book.ok()) return book.status();
    lex->codebook_ = std::move(book).value();

    load_boilerplate();
    const fs::path lexicon_dir = fs::path(data_dir_) / "lexicon";
    std::error_code ec;
    if (!fs::is_directory(lexicon_dir, ec))
      return Status(ErrorCode::kNotFound, fmt::format("{}: no lexicon directory", lexicon_dir.string()));
    std::vector<std::string> langs;
    for (const auto& entry : fs::directory_iterator(lexicon_dir, ec))
      if (entry.is_directory() && entry.path().filename() != "common")
        langs.push_back(entry.path().filename().string());
    std::sort(langs.begin(), langs.end());
    for (const auto& lang : langs) build_language(lang);
    index_stopwords();

    if (!errors_.empty()) {
      std::string msg = fmt::format("{} error(s) in dictionaries:", errors_.size());
      for (size_t i = 0; i < errors_.size() && i < 50; ++i) msg += "\n  " + errors_[i];
      if (errors_.size() > 50) msg += fmt::format("\n  … and {} more", errors_.size() - 50);
      return Status(ErrorCode::kData, msg);
    }
    return lex;
  }

 private:
  struct Line {
    std::string_view head;
    std::string_view body;
    SourceRef ref;
  };

  std::string data_dir_;
  LexiconOptions options_;
  std::map<uint32_t, std::string> converted_on_disk_;  // file index → "tabari" or "petrarch"
  Lexicon* lex_ = nullptr;
  std::vector<std::string> errors_;
  std::map<std::string, std::vector<std::string>> file_lines_;  // keeps string_views alive

  // Peer dictionaries are read as TABARI and PETRARCH read them: a defect is
  // reported and the line (or alternative) skipped, never fatal.
  void error(const SourceRef& ref, const std::string& msg) {
    if (is_peer(ref)) lex_->warnings_.push_back(fmt::format("{}: {}", lex_->where(ref), msg));
    else errors_.push_back(fmt::format("{}: {}", lex_->where(ref), msg));
  }

  bool is_peer(const SourceRef& ref) const {
    return ref.file < lex_->file_origins_.size() && !lex_->file_origins_[ref.file].empty();
  }
  // A peer's own codes: letters and digits (event codes such as "075A" in
  // the validation dictionaries, actor codes such as "AR1").
  static bool peer_code(std::string_view code) {
    return code == "---" || (!code.empty() && code.size() <= 32 &&
           std::all_of(code.begin(), code.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)); }));
  }
  // An actor's may be a compound, "FRO/BIL/SAM": the name is all of them.
  static bool peer_actor_code(std::string_view code) {
    const auto parts = split(code, '/');
    return code.size() <= 64 && std::all_of(parts.begin(), parts.end(), [](std::string_view p) { return p != "---" && peer_code(p); });
  }
  // Synthetic paths "peer:N" stand for options_.peer_files[N].
  static constexpr std::string_view kPeerPrefix = "peer:";
  const ConvertedFile* converted(const fs::path& path) const {
    const std::string p = path.generic_string();
    if (!options_.peer_files || p.rfind(kPeerPrefix, 0) != 0) return nullptr;
    size_t n = std::stoul(p.substr(kPeerPrefix.size()));
    return n < options_.peer_files->size() ? &(*options_.peer_files)[n] : nullptr;
  }

  uint32_t register_file(const std::string& rel, std::vector<std::string> origins = {}) {
    lex_->files_.push_back(rel);
    lex_->file_origins_.resize(lex_->files_.size());
    lex_->file_origins_.back() = std::move(origins);
    return static_cast<uint32_t>(lex_->files_.size() - 1);
  }

  // Reads a dictionary file into HEAD : BODY lines. `rel` is relative to data/.
  std::vector<Line> read_lines(const fs::path& path, const std::string& rel) {
    std::vector<Line> out;
    if (const ConvertedFile* cf = converted(path)) {
      // A peer dictionary converted in memory: its lines, named by origin.
      uint32_t file = register_file(cf->name, cf->origins);
      auto& store = file_lines_[path.generic_string()];
      store = cf->lines;
      return split_lines(store, file);
    }
    uint32_t file = register_file(rel);
    std::ifstream in(path);
    if (!in) {
      errors_.push_back(fmt::format("{}: cannot open", rel));
      return out;
    }
    // common/ files are read once per language: start the stored copy afresh.
    // The Lines returned by an earlier read are consumed before this call.
    auto& store = file_lines_[rel];
    store.clear();
    std::string raw;
    while (std::getline(in, raw)) store.push_back(raw);
    mark_converted_file(file, rel, store);
    return split_lines(store, file);
  }

  // A file `kabar dict convert` wrote opens with "# kabar:peer tabari …" and
  // ends each line with its origin ("  # tabari:CAMEO.080612.verbs:12"): it
  // is read as the converted peer dictionary it is (its codes, its defects as
  // warnings, its origins as evidence, the peer's coding rules).
  void mark_converted_file(uint32_t file, const std::string& rel, const std::vector<std::string>& store) {
    static constexpr std::string_view kHeader = "# kabar:peer ";
    if (store.empty() || store[0].rfind(kHeader, 0) != 0) return;
    std::string_view rest = std::string_view(store[0]).substr(kHeader.size());
    const std::string format(rest.substr(0, rest.find(' ')));
    if (format != "tabari" && format != "petrarch") return;
    std::vector<std::string> origins;
    for (size_t i = 0; i < store.size(); ++i) {
      const size_t mark = i ? store[i].rfind("  # ") : std::string::npos;
      origins.push_back(mark == std::string::npos ? fmt::format("{}:{}", rel, i + 1) : store[i].substr(mark + 4));
    }
    lex_->file_origins_[file] = std::move(origins);
    converted_on_disk_[file] = format;
  }

  std::vector<Line> split_lines(const std::vector<std::string>& store, uint32_t file) {
    std::vector<Line> out;
    for (size_t i = 0; i < store.size(); ++i) {
      std::string_view s = store[i];
      SourceRef ref{file, static_cast<uint32_t>(i + 1)};
      // '#' begins a comment at line start or after whitespace.
      for (size_t k = 0; k < s.size(); ++k)
        if (s[k] == '#' && (k == 0 || s[k - 1] == ' ' || s[k - 1] == '\t')) { s = s.substr(0, k); break; }
      s = trim(s);
      if (s.empty()) continue;
      size_t colon = s.find(':');
      if (colon == std::string_view::npos) {
        error(ref, "expected 'HEAD : BODY'");
        continue;
      }
      Line line{trim(s.substr(0, colon)), trim(s.substr(colon + 1)), ref};
      if (line.head.empty() || line.body.empty()) {
        error(ref, "empty head or body");
        continue;
      }
      out.push_back(line);
    }
    return out;
  }

  std::vector<fs::path> files_in(const std::string& lang_dir, const std::string& kind) {
    std::vector<fs::path> out;
    // Peer dictionaries replace the language's own actors, agents and verbs
    // (build_language leaves out common/'s too), and add to its words.
    if (replaced_by_peers(lang_dir, kind)) return peer_files_of(kind);
    fs::path dir = fs::path(data_dir_) / "lexicon" / lang_dir / kind;
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) return out;
    for (const auto& e : fs::recursive_directory_iterator(dir, ec))
      if (e.is_regular_file() && e.path().extension() == ".txt") out.push_back(e.path());
    std::sort(out.begin(), out.end());
    return out;
  }

  bool replaced_by_peers(const std::string& lang, const std::string& kind) const {
    return options_.peer_files && lang == options_.peer_language &&
           (kind == "actors" || kind == "agents" || kind == "verbs");
  }
  std::vector<fs::path> peer_files_of(const std::string& kind) const {
    std::vector<fs::path> out;
    for (size_t n = 0; options_.peer_files && n < options_.peer_files->size(); ++n)
      if ((*options_.peer_files)[n].kind == kind) out.push_back(fs::path(std::string(kPeerPrefix) + std::to_string(n)));
    return out;
  }

  std::string rel(const fs::path& p) { return fs::relative(p, data_dir_).generic_string(); }

  static std::vector<std::string_view> head_fields(std::string_view head) {
    std::vector<std::string_view> out;
    for (auto f : split(head, ' '))
      if (!trim(f).empty()) out.push_back(trim(f));
    return out;
  }

  void load_boilerplate() {
    fs::path p = fs::path(data_dir_) / "clean" / "boilerplate.txt";
    std::error_code ec;
    if (!fs::exists(p, ec)) return;
    for (const auto& line : read_lines(p, rel(p))) {
      BoilerplateRule::Kind kind;
      if (line.head == "related") kind = BoilerplateRule::kRelated;
      else if (line.head == "promo") kind = BoilerplateRule::kPromo;
      else if (line.head == "source") kind = BoilerplateRule::kSource;
      else if (line.head == "caption") kind = BoilerplateRule::kCaption;
      else { error(line.ref, fmt::format("unknown boilerplate kind '{}'", line.head)); continue; }
      for (auto alt : split(line.body, '|')) {
        alt = trim(alt);
        if (alt.empty()) { error(line.ref, "empty prefix"); continue; }
        lex_->boilerplate_.push_back({kind, normalize_word(alt), line.ref});
      }
    }
  }

  // ---- words ----
  std::optional<WordEntry> word_class(std::string_view name) {
    static const std::map<std::string_view, WordClass> kPlain = {
        {"negation", WordClass::kNegation}, {"denial", WordClass::kDenial},
        {"modality.future", WordClass::kFuture}, {"modality.hypothetical", WordClass::kHypothetical},
        {"modality.claimed", WordClass::kClaimed}, {"report", WordClass::kReport},
        {"boundary.conj", WordClass::kBoundaryConj}, {"boundary.rel", WordClass::kBoundaryRel},
        {"boundary.comp", WordClass::kBoundaryComp}, {"prep", WordClass::kPrep},
        {"prep.locative", WordClass::kPrepLocative}, {"determiner", WordClass::kDeterminer},
        {"anaphor.single", WordClass::kAnaphorSingle}, {"anaphor.pair", WordClass::kAnaphorPair},
        {"abbrev", WordClass::kAbbreviation}, {"stopword", WordClass::kStopword},
        {"irregular", WordClass::kIrregular}, {"name.intro", WordClass::kNameIntro},
        {"purpose", WordClass::kPurpose}, {"adverb", WordClass::kAdverb},
        {"discard", WordClass::kDiscard}, {"verb.context", WordClass::kVerbContext},
        {"anaphor.country", WordClass::kAnaphorCountry}, {"anaphor.group", WordClass::kAnaphorGroup},
        {"modifier", WordClass::kModifier}, {"quantity", WordClass::kQuantity},
        {"reciprocal", WordClass::kReciprocal}, {"anaphor.event", WordClass::kAnaphorEvent},
        {"coordinator", WordClass::kCoordinator}, {"prep.target", WordClass::kPrepTarget},
        {"tone.positive", WordClass::kTonePositive}, {"tone.negative", WordClass::kToneNegative},
        {"reference.self", WordClass::kSelfReference}, {"noun.ing", WordClass::kNounIng},
        {"condition", WordClass::kCondition}, {"peer.noun", WordClass::kPeerNoun},
        {"person.title", WordClass::kPersonTitle}, {"person.cue.before", WordClass::kPersonCueBefore},
        {"person.cue.after", WordClass::kPersonCueAfter}, {"org.head", WordClass::kOrgHead}};
    // Place cues carry the kabar/gazetteer.h GeoCue they signal.
    // A regional office ("Bupati Sleman Teguh …") names its region before the holder.
    if (name == "person.title.region") return WordEntry{WordClass::kPersonTitle, 1, {}};
    // An office's field after a title ("Menteri [Pariwisata]"), never a title alone.
    if (name == "person.office") return WordEntry{WordClass::kPersonTitle, 2, {}};
    // A region name's second word after a regional office ("Jawa [Tengah]").
    if (name == "region.part") return WordEntry{WordClass::kPersonTitle, 3, {}};
    // A copula a person comes before when a title or an occupation follows it ("… adalah penyanyi").
    if (name == "person.cue.copula") return WordEntry{WordClass::kPersonCueAfter, 1, {}};
    if (name == "place.city") return WordEntry{WordClass::kPlaceCue, 1, {}};
    if (name == "place.adm1") return WordEntry{WordClass::kPlaceCue, 2, {}};
    if (name == "place.country") return WordEntry{WordClass::kPlaceCue, 3, {}};
    if (auto it = kPlain.find(name); it != kPlain.end()) return WordEntry{it->second, 0, {}};
    auto numbered = [&](std::string_view prefix, WordClass cls, int lo, int hi) -> std::optional<WordEntry> {
      if (name.substr(0, prefix.size()) != prefix) return std::nullopt;
      std::string_view num = name.substr(prefix.size());
      int v = 0;
      auto r = std::from_chars(num.data(), num.data() + num.size(), v);
      if (r.ec != std::errc() || r.ptr != num.data() + num.size() || v < lo || v > hi) return std::nullopt;
      return WordEntry{cls, v, {}};
    };
    if (auto w = numbered("month.", WordClass::kMonth, 1, 12)) return w;
    if (auto w = numbered("weekday.", WordClass::kWeekday, 1, 7)) return w;
    if (auto w = numbered("relative.day.", WordClass::kRelativeDay, -31, 31)) return w;
    if (auto w = numbered("number.", WordClass::kNumberWord, 1, 1000000000)) return w;
    if (auto w = numbered("multiplier.", WordClass::kMultiplier, 100, 1000000000)) return w;
    if (name.substr(0, 6) == "count.") {
      std::string type(name.substr(6));
      for (auto& c : type) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      for (size_t i = 0; i < std::size(kCountTypes); ++i)
        if (type == kCountTypes[i]) return WordEntry{WordClass::kCount, static_cast<int>(i), {}};
    }
    return std::nullopt;
  }

  void load_words(LanguageLexicon& L, const std::vector<fs::path>& files,
                  std::unordered_map<std::string, IrregularVerb>& irregular) {
    std::unordered_map<std::string, WordClass> tone_of;
    for (const auto& path : files) {
      for (const auto& line : read_lines(path, rel(path))) {
        auto cls = word_class(line.head);
        if (!cls && line.head.substr(0, 6) == "theme.") {
          // Theme names are open-ended: each new one gets the next index.
          const std::string name(line.head.substr(6));
          if (name.empty() || name.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_") != std::string::npos) {
            error(line.ref, fmt::format("theme name must be upper case letters, digits and _: '{}'", name));
            continue;
          }
          auto it = std::find(L.theme_names_.begin(), L.theme_names_.end(), name);
          if (it == L.theme_names_.end()) it = L.theme_names_.insert(L.theme_names_.end(), name);
          cls = WordEntry{WordClass::kTheme, static_cast<int>(it - L.theme_names_.begin()), {}};
        }
        if (!cls) { error(line.ref, fmt::format("unknown word category '{}'", line.head)); continue; }
        cls->ref = line.ref;
        for (auto alt : split(line.body, '|')) {
          alt = trim(alt);
          if (alt.empty()) { error(line.ref, "empty alternative"); continue; }
          if (cls->cls == WordClass::kIrregular) {
            auto forms = head_fields(alt);
            if (forms.size() != 3) { error(line.ref, fmt::format("irregular verb needs 'base past participle': '{}'", alt)); continue; }
            irregular[normalize_word(forms[0])] = {normalize_word(forms[1]), normalize_word(forms[2])};
            continue;
          }
          std::string text(alt);
          if (cls->cls == WordClass::kAbbreviation) {
            while (!text.empty() && text.back() == '.') text.pop_back();
            L.abbreviations_.insert(normalize_word(text));
            continue;
          }
          auto toks = phrase_tokens(text);
          if (toks.empty()) { error(line.ref, fmt::format("no token in '{}'", alt)); continue; }
          if (cls->cls == WordClass::kStopword) L.stopwords_.insert(toks[0]);
          if (cls->cls == WordClass::kTonePositive || cls->cls == WordClass::kToneNegative) {
            // A phrase is positive or negative, never both.
            std::string key;
            for (const auto& t : toks) key += t + ' ';
            auto [it, fresh] = tone_of.emplace(key, cls->cls);
            if (!fresh && it->second != cls->cls) {
              error(line.ref, fmt::format("'{}' is listed as both tone.positive and tone.negative", alt));
              continue;
            }
          }
          uint32_t id = static_cast<uint32_t>(L.words_.size());
          L.words_.push_back(*cls);
          (LanguageLexicon::is_entity_cue(cls->cls) ? L.entity_trie_
           : cls->cls >= WordClass::kCount          ? L.annotation_trie_
                                                    : L.word_trie_)
              .insert(L.vocab_.intern(toks), id);
          if (cls->cls < WordClass::kCount) L.phrase_start_classes_[toks[0]] |= uint64_t{1} << static_cast<unsigned>(cls->cls);
          if (toks.size() == 1)
            (cls->cls >= WordClass::kCount ? L.annotation_word_classes_ : L.single_word_classes_)[toks[0]] |=
                uint64_t{1} << static_cast<unsigned>(cls->cls);
        }
      }
    }
  }

  // ---- actors ----
  void load_actors(LanguageLexicon& L, const std::vector<fs::path>& files) {
    std::unordered_map<std::string, std::vector<uint32_t>> by_name;  // order-free: only looked up
    for (const auto& path : files) {
      for (const auto& line : read_lines(path, rel(path))) {
        auto fields = head_fields(line.head);
        ActorEntry proto;
        proto.code = std::string(fields[0]);
        proto.ref = line.ref;
        const bool peer = is_peer(line.ref);
        if (!(peer ? peer_code(proto.code) || peer_actor_code(proto.code) : lex_->codebook_.valid_actor_code(proto.code))) {
          error(line.ref, fmt::format("unknown actor code '{}'", proto.code));
          continue;
        }
        bool ok = true;
        for (size_t i = 1; i < fields.size(); ++i) {
          std::string_view f = fields[i];
          if (f.find("..") != std::string_view::npos) {
            auto range = parse_range(f);
            if (!range) { error(line.ref, fmt::format("bad date range '{}'", f)); ok = false; break; }
            proto.dates = *range;
          } else if (f == "country") proto.flags |= kActorCountry;
          else if (f == "capital") proto.flags |= kActorCapital;
          else if (f == "adj") proto.flags |= kActorAdjective;
          else if (f == "org") proto.flags |= kActorOrg;
          else if (f == "person") proto.flags |= kActorPerson;
          else if (f == "media") proto.flags |= kActorMedia;
          else if (f == "group") proto.flags |= kActorGroup;
          else if (f == "discard" && peer) proto.flags |= kActorDiscard;
          else { error(line.ref, fmt::format("unknown actor flag '{}'", f)); ok = false; break; }
        }
        if (!ok) continue;
        for (auto alt : split(line.body, '|')) {
          alt = trim(alt);
          auto toks = dictionary_tokens(alt);
          if (toks.empty()) { error(line.ref, "empty name"); continue; }
          ActorEntry e = proto;
          e.name = std::string(alt);
          uint32_t id = static_cast<uint32_t>(L.actors_.size());
          std::string key;
          for (const auto& t : toks) key += t + " ";
          bool same_line_variant = false;
          for (uint32_t other : by_name[key]) {
            const ActorEntry& o = L.actors_[other];
            // Two spellings on one line that normalise alike (d'Ivoire,
            // d’Ivoire) are one name, not a clash.
            if (o.ref.file == e.ref.file && o.ref.line == e.ref.line) { same_line_variant = true; break; }
            // A peer's dated codes come before its undated one and the
            // first entry in force wins, so only an identical range clashes.
            if (peer && !(o.dates == e.dates)) continue;
            if (o.dates.overlaps(e.dates)) {
              if (peer && o.code == e.code) { ok = false; break; }  // a repeated line
              error(line.ref, fmt::format("name '{}' already defined at {} ({}) for overlapping dates",
                                          alt, lex_->where(o.ref), o.code));
              ok = false;
              break;
            }
          }
          if (!ok) { ok = true; continue; }
          if (same_line_variant) continue;
          by_name[key].push_back(id);
          L.actors_.push_back(std::move(e));
          L.actor_trie_.insert(L.vocab_.intern(toks), id);
        }
      }
    }
  }

  static std::optional<DateRange> parse_range(std::string_view f) {
    size_t dots = f.find("..");
    DateRange r;
    std::string_view a = f.substr(0, dots), b = f.substr(dots + 2);
    if (!a.empty()) { r.from = Date::parse_iso(a); if (!r.from || a.size() != 10) return std::nullopt; }
    if (!b.empty()) { r.to = Date::parse_iso(b); if (!r.to || b.size() != 10) return std::nullopt; }
    if (r.from && r.to && *r.to < *r.from) return std::nullopt;
    if (a.empty() && b.empty()) return std::nullopt;
    return r;
  }

  void load_agents(LanguageLexicon& L, const std::vector<fs::path>& files) {
    std::map<std::string, SourceRef> seen;
    for (const auto& path : files) {
      for (const auto& line : read_lines(path, rel(path))) {
        auto fields = head_fields(line.head);
        std::string role(fields[0]);
        if (!(is_peer(line.ref) ? peer_code(role) : lex_->codebook_.valid_actor_code(role))) {
          error(line.ref, fmt::format("unknown role code '{}'", role));
          continue;
        }
        // One flag: "prefix", an agent whose code goes before the actor's.
        const bool prefix = fields.size() == 2 && fields[1] == "prefix";
        if (fields.size() > 1 && !prefix) { error(line.ref, "agents take no flag but 'prefix'"); continue; }
        for (auto alt : split(line.body, '|')) {
          alt = trim(alt);
          auto toks = dictionary_tokens(alt);
          if (toks.empty()) { error(line.ref, "empty agent"); continue; }
          std::string key;
          for (const auto& t : toks) key += t + " ";
          if (auto it = seen.find(key); it != seen.end()) {
            error(line.ref, fmt::format("agent '{}' already defined at {}", alt, lex_->where(it->second)));
            continue;
          }
          seen[key] = line.ref;
          uint32_t id = static_cast<uint32_t>(L.agents_.size());
          L.agents_.push_back({role, std::string(alt), line.ref, prefix});
          L.agent_trie_.insert(L.vocab_.intern(toks), id);
        }
      }
    }
  }

  void load_places(LanguageLexicon& L, const std::vector<fs::path>& files) {
    for (const auto& path : files) {
      for (const auto& line : read_lines(path, rel(path))) {
        auto f = head_fields(line.head);
        PlaceEntry p;
        p.ref = line.ref;
        if (f.size() < 3 || f.size() > 4) { error(line.ref, "place head must be 'ISO3 LAT LON [PRECISION]'"); continue; }
        p.country = std::string(f[0]);
        const ActorUnit* unit = lex_->codebook_.unit(p.country);
        if (!unit || (unit->kind != ActorUnitKind::kCountry && unit->kind != ActorUnitKind::kRegion)) {
          error(line.ref, fmt::format("unknown country '{}'", p.country));
          continue;
        }
        if (!parse_double(f[1], p.lat) || !parse_double(f[2], p.lon) || p.lat < -90 || p.lat > 90 ||
            p.lon < -180 || p.lon > 180) {
          error(line.ref, "bad latitude/longitude");
          continue;
        }
        p.precision = f.size() == 4 ? std::string(f[3]) : "city";
        if (p.precision != "city" && p.precision != "adm1" && p.precision != "country") {
          error(line.ref, fmt::format("unknown precision '{}'", p.precision));
          continue;
        }
        auto alts = split(line.body, '|');
        p.name = std::string(trim(alts[0]));
        uint32_t id = static_cast<uint32_t>(L.places_.size());
        L.places_.push_back(p);
        for (auto alt : alts) {
          auto toks = phrase_tokens(trim(alt));
          if (toks.empty()) { error(line.ref, "empty place name"); continue; }
          L.place_trie_.insert(L.vocab_.intern(toks), id);
        }
      }
    }
  }

  // ---- verbs ----
  static std::string canonical(const VerbPattern& p) {
    std::string s;
    for (const auto& el : p.elements) {
      switch (el.kind) {
        case PatternElement::kSource: s += "$ "; break;
        case PatternElement::kTarget: s += "+ "; break;
        case PatternElement::kGap: s += "... "; break;
        case PatternElement::kSkip: s += "^ "; break;
        case PatternElement::kWords: {
          std::vector<std::string> alts;
          for (const auto& a : el.alternatives) {
            std::string x;
            for (const auto& t : a) x += t + "_";
            alts.push_back(x);
          }
          std::sort(alts.begin(), alts.end());
          s += "{";
          for (const auto& a : alts) s += a + "|";
          s += "} ";
        }
      }
    }
    if (p.flags & kPatternCompound) s += "(compound)";  // not the same words without the flag
    if (p.flags & kPatternNearSource) s += "(near)";
    return s;
  }

  void load_verbs(LanguageLexicon& L, const std::vector<fs::path>& files, const VerbMorphology& morph) {
    std::map<std::string, std::pair<std::string, SourceRef>> seen;  // canonical → code, ref
    std::map<std::string, std::string> seen_text;                   // canonical → text as written
    auto add = [&](VerbPattern p) {
      std::string key = canonical(p);
      if (auto it = seen.find(key); it != seen.end()) {
        // A derived passive that repeats a written pattern is dropped quietly:
        // the written one wins. Two written ones clash.
        if (p.flags & kPatternPassive) return;
        // Two expansions of one line's optional groups may coincide.
        if (it->second.second.file == p.ref.file && it->second.second.line == p.ref.line &&
            it->second.first == p.code)
          return;
        // Different spellings that morphology makes equal ("mengirim" and
        // "mengirimkan") with the same code are one pattern, not a clash.
        if (it->second.first == p.code && seen_text[key] != p.text) return;
        if (it->second.first != p.code)
          error(p.ref, fmt::format("pattern '{}' already coded {} at {}", p.text, it->second.first,
                                   lex_->where(it->second.second)));
        else
          error(p.ref, fmt::format("duplicate pattern '{}' (also at {})", p.text, lex_->where(it->second.second)));
        return;
      }
      seen[key] = {p.code, p.ref};
      seen_text[key] = p.text;
      L.patterns_.push_back(std::move(p));
    };
    for (const auto& path : files) {
      for (const auto& line : read_lines(path, rel(path))) {
        auto fields = head_fields(line.head);
        std::string code(fields[0]);
        const bool peer = is_peer(line.ref);
        auto known = [&](const std::string& c) { return peer ? peer_code(c) : lex_->codebook_.find(c) != nullptr; };
        if (!known(code)) { error(line.ref, fmt::format("unknown CAMEO code '{}'", code)); continue; }
        uint16_t flags = 0;
        bool ok = true;
        std::string converse;
        for (size_t i = 1; i < fields.size(); ++i) {
          if (fields[i].substr(0, 9) == "converse=") {
            converse = std::string(fields[i].substr(9));
            if (!known(converse)) {
              error(line.ref, fmt::format("unknown CAMEO code '{}' in converse", converse));
              ok = false;
            }
          } else if (fields[i] == "recip") flags |= kPatternRecip;
          else if (fields[i] == "compound") flags |= kPatternCompound;
          else if (fields[i] == "nearsource") flags |= kPatternNearSource;
          else if (fields[i] == "nopassive") flags |= kPatternNoPassive;
          else if (fields[i] == "target") flags |= kPatternTarget;
          else if (fields[i] == "nominal") flags |= kPatternNominal | kPatternNoPassive;
          else if (fields[i] == "actorobject") flags |= kPatternActorObject;
          else if (fields[i] == "dominant" && is_peer(line.ref)) flags |= kPatternDominant;
          else { error(line.ref, fmt::format("unknown pattern flag '{}'", fields[i])); ok = false; }
        }
        if (!ok) continue;
        for (auto alt : split_alternatives(line.body)) {
          if (alt.empty()) { error(line.ref, "empty pattern"); continue; }
          auto expansions = parse_pattern(alt);
          if (!expansions.ok()) {
            error(line.ref, fmt::format("pattern '{}': {}", alt, expansions.status().message()));
            continue;
          }
          for (auto& elements : expansions.value()) {
            VerbPattern p;
            p.code = code;
            p.converse = converse;
            p.flags = flags;
            p.ref = line.ref;
            p.text = std::string(alt);
            p.elements = std::move(elements);
            compile_head(p, morph);
            auto passives = morph.passives(p);
            add(std::move(p));
            for (auto& pass : passives) add(std::move(pass));
          }
        }
      }
    }
    for (uint32_t i = 0; i < L.patterns_.size(); ++i) {
      const auto& head = L.patterns_[i].elements[L.patterns_[i].head];
      std::set<std::string> firsts;
      for (const auto& alt : head.alternatives) firsts.insert(alt[0]);
      for (const auto& f : firsts) L.head_index_[f].push_back(i);
    }
  }

  // Finds the head, expands its forms, strips '=' marks, counts literals.
  static void compile_head(VerbPattern& p, const VerbMorphology& morph) {
    // The head is the element written '@word', else the first literal.
    const bool marked = std::any_of(p.elements.begin(), p.elements.end(), [](const PatternElement& e) { return e.head; });
    bool found = false;
    for (size_t i = 0; i < p.elements.size(); ++i) {
      auto& el = p.elements[i];
      if (el.kind != PatternElement::kWords) continue;
      ++p.literal_count;
      if (!found && (!marked || el.head)) {
        found = true;
        p.head = i;
        std::vector<std::vector<std::string>> expanded;
        // A stem ("abus*") is never expanded: it matches every form already.
        auto expandable = [](const std::string& w) { return !w.empty() && w[0] != '=' && w.back() != '*'; };
        for (auto& alt : el.alternatives) {
          if (!alt.empty() && expandable(alt[0])) p.head_bases.push_back(alt[0]);
          if (alt.size() == 1 && expandable(alt[0])) {
            for (auto& f : morph.head_forms(alt[0])) expanded.push_back({f});
          } else {
            expanded.push_back(alt);
          }
        }
        // Multi-word alternatives in a head group expand their first word too.
        std::vector<std::vector<std::string>> more;
        for (auto& alt : expanded) {
          if (alt.size() > 1 && expandable(alt[0])) {
            for (auto& f : morph.head_forms(alt[0])) {
              if (f == alt[0]) continue;
              auto copy = alt;
              copy[0] = f;
              more.push_back(std::move(copy));
            }
          }
        }
        expanded.insert(expanded.end(), more.begin(), more.end());
        el.alternatives = std::move(expanded);
      }
      for (auto& alt : el.alternatives)
        for (auto& t : alt)
          if (!t.empty() && t[0] == '=') t.erase(0, 1);
    }
  }

  // Lexicon::guess_language's table: each stopword of Indonesian and
  // English with the languages it belongs to.
  void index_stopwords() {
    const std::pair<const char*, uint8_t> langs[] = {{"id", 1}, {"en", 2}};
    if (!lex_->language("id") || !lex_->language("en")) return;  // guessing needs both
    for (auto [lang, bit] : langs) {
      for (const auto& w : lex_->language(lang)->stopwords()) {
        const uint32_t id = lex_->stopwords_.intern(w);
        if (lex_->stopword_langs_.size() <= id) lex_->stopword_langs_.resize(id + 1, 0);
        lex_->stopword_langs_[id] |= bit;
      }
    }
  }

  // A token takes the longest stem that begins it ("expressed" → expressed*,
  // when a pattern writes EXPRESSED), so a pattern's shorter stem (express*)
  // also accepts each longer stem it begins: the coder asks
  // LanguageLexicon::stem_matches() (the shorter stems are returned here,
  // longer id → the pattern stems that begin it, and kept by word id once the
  // vocabulary is final), and the longer stems head the shorter one's
  // patterns. Only dictionaries with stems (the peers') have any.
  // (The patterns' stems only: a name's stem, "activist*", keeps the verb
  // act* off the words it names.)
  static std::unordered_map<uint32_t, std::vector<uint32_t>> widen_stems(LanguageLexicon& L) {
    std::set<uint32_t> in_patterns;
    for (const auto& p : L.patterns_)
      for (const auto& el : p.elements)
        for (const auto& alt : el.alternative_ids) in_patterns.insert(alt.begin(), alt.end());
    std::vector<std::pair<std::string_view, uint32_t>> stems;
    for (uint32_t id : in_patterns) {
      std::string_view w = L.vocab_.word_of(id);
      if (w.size() > 1 && w.back() == '*') stems.emplace_back(w.substr(0, w.size() - 1), id);
    }
    if (stems.size() < 2) return {};
    std::sort(stems.begin(), stems.end());
    std::unordered_map<uint32_t, std::vector<uint32_t>> longer;   // stem id → ids of the stems it begins
    std::unordered_map<uint32_t, std::vector<uint32_t>> shorter;  // stem id → ids of the stems that begin it
    for (size_t k = 0; k < stems.size(); ++k)
      for (size_t j = k + 1; j < stems.size() && stems[j].first.substr(0, stems[k].first.size()) == stems[k].first; ++j) {
        longer[stems[k].second].push_back(stems[j].second);
        shorter[stems[j].second].push_back(stems[k].second);
      }
    if (longer.empty()) return {};
    // A longer stem that heads patterns of its own is its own verb: the
    // peers take the longest verb in their dictionary ("called*" is not
    // "call*").
    std::vector<std::pair<std::string, std::vector<uint32_t>>> added;
    for (const auto& [w, list] : L.head_index_) {
      const uint32_t id = L.vocab_.find(w);
      auto it = id ? longer.find(id) : longer.end();
      if (it == longer.end()) continue;
      for (uint32_t l : it->second) {
        std::string lw(L.vocab_.word_of(l));
        if (!L.head_index_.count(lw)) added.emplace_back(std::move(lw), list);
      }
    }
    for (auto& [w, list] : added) {
      auto& to = L.head_index_[w];
      to.insert(to.end(), list.begin(), list.end());
      std::sort(to.begin(), to.end());
      to.erase(std::unique(to.begin(), to.end()), to.end());
    }
    return shorter;
  }

  // Numbers every word the language's dictionaries use (the tries did as
  // they were filled) and folds the tables built by word into
  // LanguageLexicon::word_info_, so matching compares integers.
  static void compile_word_ids(LanguageLexicon& L) {
    // The words as strings were for building (duplicate checks, passives,
    // the root index); matching reads the ids alone, so the strings go.
    for (auto& p : L.patterns_) {
      for (auto& el : p.elements) {
        el.alternative_ids.clear();
        for (const auto& alt : el.alternatives) el.alternative_ids.push_back(L.vocab_.intern(alt));
        el.alternatives = {};
      }
      p.head_base_ids = L.vocab_.intern(p.head_bases);
      std::sort(p.head_base_ids.begin(), p.head_base_ids.end());  // the coder binary-searches them
      p.head_bases = {};
    }
    const auto shorter_stems = widen_stems(L);
    build_pattern_filters(L);
    for (const auto* table : {&L.single_word_classes_, &L.phrase_start_classes_, &L.annotation_word_classes_})
      for (const auto& [w, mask] : *table) L.vocab_.intern(w);
    for (const auto& [w, list] : L.head_index_) L.vocab_.intern(w);
    L.word_info_.assign(L.vocab_.size() + 1, LanguageLexicon::WordInfo{});
    L.classes_present_ = 0;
    for (const auto& w : L.words_) L.classes_present_ |= uint64_t{1} << static_cast<unsigned>(w.cls);
    for (const auto& [w, mask] : L.single_word_classes_) L.word_info_[L.vocab_.find(w)].classes = mask;
    for (const auto& [w, mask] : L.phrase_start_classes_) L.word_info_[L.vocab_.find(w)].phrase_start = mask;
    for (const auto& [w, mask] : L.annotation_word_classes_) L.word_info_[L.vocab_.find(w)].annotation_classes = mask;
    // Stems ("argentin*"): the lengths a token's prefixes are looked up at.
    std::set<uint16_t> stem_lengths;
    for (uint32_t id = 1; id <= L.vocab_.size(); ++id) {
      std::string_view w = L.vocab_.word_of(id);
      if (w.size() > 1 && w.back() == '*') stem_lengths.insert(static_cast<uint16_t>(w.size() - 1));
    }
    L.stem_lengths_.assign(stem_lengths.rbegin(), stem_lengths.rend());
    L.stem_of_word_.clear();
    if (!L.stem_lengths_.empty()) {
      L.stem_of_word_.assign(L.vocab_.size() + 1, 0);
      for (uint32_t id = 1; id <= L.vocab_.size(); ++id) L.stem_of_word_[id] = L.find_stem(L.vocab_.word_of(id));
    }
    // The shorter pattern stems of each stem, by word id (CSR).
    L.shorter_stem_begin_.clear();
    L.shorter_stems_.clear();
    if (!shorter_stems.empty()) {
      L.shorter_stem_begin_.assign(L.vocab_.size() + 2, 0);
      for (const auto& [id, list] : shorter_stems) L.shorter_stem_begin_[id + 1] = static_cast<uint32_t>(list.size());
      for (size_t k = 1; k < L.shorter_stem_begin_.size(); ++k) L.shorter_stem_begin_[k] += L.shorter_stem_begin_[k - 1];
      L.shorter_stems_.resize(L.shorter_stem_begin_.back());
      for (const auto& [id, list] : shorter_stems)
        std::copy(list.begin(), list.end(), L.shorter_stems_.begin() + L.shorter_stem_begin_[id]);
    }
    L.head_lists_.clear();
    for (auto& [w, list] : L.head_index_) {
      L.head_lists_.push_back(std::move(list));
      L.word_info_[L.vocab_.find(w)].heads = static_cast<uint32_t>(L.head_lists_.size());
    }
    build_keyed_heads(L);
    L.single_word_classes_.clear();
    L.phrase_start_classes_.clear();
    L.annotation_word_classes_.clear();
    L.head_index_.clear();
  }

  // LanguageLexicon::keyed_heads_ (see KeyedHeadList), from the filters'
  // required elements: a pattern is listed under every first word of one of
  // its required elements, so a sentence lacking all of them skips it. Any
  // required element would do; the one whose words are rarest does most:
  // "SAID ... TO ... TALKS" keyed by "to" is tried in nearly every sentence,
  // keyed by "talks" in few. A word's rarity in text is estimated by how
  // many patterns require it ("to", "the", "with" are required by
  // thousands; "talks" by a handful), so no corpus is needed.
  static void build_keyed_heads(LanguageLexicon& L) {
    std::unordered_map<uint32_t, uint32_t> required_by;  // word id → patterns requiring it
    auto for_each_required = [&](const PatternFilter& f, auto&& visit) {  // visit(first word ids, count)
      const uint32_t* w = L.filter_words_.data() + f.words + f.next_count;
      for (int r = 0; r < f.required; ++r) {
        const uint32_t n = *w++;
        visit(w, n);
        w += n;
      }
    };
    for (const PatternFilter& f : L.filters_)
      for_each_required(f, [&](const uint32_t* w, uint32_t n) {
        for (uint32_t k = 0; k < n; ++k) ++required_by[w[k]];
      });
    L.keyed_heads_.assign(L.head_lists_.size(), {});
    for (size_t h = 0; h < L.head_lists_.size(); ++h) {
      const auto& list = L.head_lists_[h];
      if (list.size() < LanguageLexicon::kKeyedHeadMin) continue;
      std::map<uint32_t, std::vector<uint32_t>> by_word;
      auto& keyed = L.keyed_heads_[h];
      for (uint32_t id : list) {
        const PatternFilter& f = L.filters_[id];
        if (!f.required) { keyed.always.push_back(id); continue; }
        const uint32_t* key = nullptr;
        uint32_t key_count = 0;
        uint64_t key_cost = UINT64_MAX;
        for_each_required(f, [&](const uint32_t* w, uint32_t n) {
          uint64_t cost = 0;
          for (uint32_t k = 0; k < n; ++k) cost += required_by[w[k]];
          if (cost < key_cost) { key = w; key_count = n; key_cost = cost; }
        });
        for (uint32_t k = 0; k < key_count; ++k) {
          auto& v = by_word[key[k]];
          if (v.empty() || v.back() != id) v.push_back(id);
        }
      }
      for (auto& [word, ids] : by_word) {
        keyed.words.push_back(word);
        keyed.patterns.push_back(std::move(ids));
      }
    }
  }

  // LanguageLexicon::filters_, the coder's prefilters of each pattern
  // (kabar/lexicon.h PatternFilter), from its words' ids.
  static void build_pattern_filters(LanguageLexicon& L) {
    auto one_word = [](const PatternElement& el) {
      return std::all_of(el.alternative_ids.begin(), el.alternative_ids.end(),
                         [](const std::vector<uint32_t>& a) { return a.size() == 1; });
    };
    L.filters_.assign(L.patterns_.size(), PatternFilter{});
    L.filter_words_.clear();
    for (size_t i = 0; i < L.patterns_.size(); ++i) {
      const VerbPattern& p = L.patterns_[i];
      PatternFilter& f = L.filters_[i];
      f.flags = p.flags;
      f.base_count = static_cast<uint8_t>(std::min<size_t>(p.head_base_ids.size(), 255));
      for (size_t k = 0; k < p.head_base_ids.size() && k < PatternFilter::kInlineBases; ++k)
        f.head_bases[k] = p.head_base_ids[k];
      f.words = static_cast<uint32_t>(L.filter_words_.size());
      // The next-token test: a one-word head followed by a required literal
      // element; not when that element is the closing preposition before the
      // target, which the matcher lets float right.
      const size_t ni = p.head + 1;
      if (one_word(p.elements[p.head]) && ni < p.elements.size()) {
        const PatternElement& next = p.elements[ni];
        const bool floating =
            ni + 2 == p.elements.size() && p.elements[ni + 1].kind == PatternElement::kTarget && one_word(next);
        if (next.kind == PatternElement::kWords && !next.optional && !floating && next.alternative_ids.size() <= 255) {
          f.check_next = true;
          f.next_count = static_cast<uint8_t>(next.alternative_ids.size());
          for (const auto& alt : next.alternative_ids) L.filter_words_.push_back(alt[0]);
        }
      }
      // The required literal elements besides the head (at most 255 checked:
      // the filter only ever says "maybe").
      for (size_t e = 0; e < p.elements.size() && f.required < 255; ++e) {
        const PatternElement& el = p.elements[e];
        if (e == p.head || el.kind != PatternElement::kWords || el.optional) continue;
        ++f.required;
        L.filter_words_.push_back(static_cast<uint32_t>(el.alternative_ids.size()));
        for (const auto& alt : el.alternative_ids) L.filter_words_.push_back(alt[0]);
      }
    }
  }

  // The root list comes from Debian's hunspell-id ($KABAR_HUNSPELL_ID
  // overrides the path). Without it the analyser still strips affixes, but
  // unchecked, and kabar says so once.
  void index_indonesian_roots(LanguageLexicon& L) {
    const char* env = std::getenv("KABAR_HUNSPELL_ID");
    std::string path = env && *env ? env : kHunspellIndonesian;
    auto roots = IndonesianAnalyser::read_hunspell_roots(path);
    if (roots.ok()) {
      L.analyser_ = std::make_unique<IndonesianAnalyser>(std::move(roots).value());
    } else {
      L.analyser_ = std::make_unique<IndonesianAnalyser>();
      L.unchecked_heads_.push_back(fmt::format("no Indonesian root list ({}): install hunspell-id", path));
    }
    std::set<std::string> warned;
    for (uint32_t i = 0; i < L.patterns_.size(); ++i) {
      const VerbPattern& p = L.patterns_[i];
      const bool passive = (p.flags & kPatternPassive) != 0;
      std::set<std::string> keys;
      for (const auto& alt : p.elements[p.head].alternatives) {
        if (alt.size() != 1) continue;
        const std::string& w = alt[0];
        // Only affixed verb heads: meN- actives and di- passives.
        if (!(passive ? w.rfind("di", 0) == 0 : w.rfind("me", 0) == 0)) continue;
        MorphAnalysis a = L.analyser_->analyse(w);
        if (a.root == w) continue;
        if (!a.in_root_list && L.analyser_->root_count() && warned.insert(w).second)
          L.unchecked_heads_.push_back(fmt::format("{}: head \"{}\" has no root in the root list", lex_->where(p.ref), w));
        std::string key = verb_key(a);
        if (!key.empty() && key.back() == (passive ? 'p' : 'a')) keys.insert(key);
      }
      for (const auto& k : keys) L.root_index_[k].push_back(i);
    }
  }

  void build_language(const std::string& lang) {
    auto L = std::make_unique<LanguageLexicon>();
    L->lang_ = lang;
    L->peer_actors_ = replaced_by_peers(lang, "actors");
    for (size_t i = 0; L->peer_actors_ && i < options_.peer_files->size(); ++i)
      L->tabari_subjects_ |= (*options_.peer_files)[i].kind == "verbs" && (*options_.peer_files)[i].format == "tabari";
    L->serial_ = LanguageLexicon::next_serial();
    auto both = [&](const std::string& kind) {
      if (replaced_by_peers(lang, kind)) return peer_files_of(kind);
      auto v = files_in("common", kind);
      auto w = files_in(lang, kind);
      v.insert(v.end(), w.begin(), w.end());
      if (options_.peer_files && lang == options_.peer_language && kind == "words") {
        auto p = peer_files_of(kind);
        v.insert(v.end(), p.begin(), p.end());
      }
      return v;
    };
    const size_t first_file = lex_->files_.size();
    std::unordered_map<std::string, IrregularVerb> irregular;
    load_words(*L, both("words"), irregular);
    load_actors(*L, both("actors"));
    load_agents(*L, both("agents"));
    load_places(*L, both("places"));
    auto morph = make_verb_morphology(lang, std::move(irregular));
    load_verbs(*L, both("verbs"), *morph);
    // Converted peer files among this language's own: the peers' rules.
    for (size_t f = first_file; f < lex_->files_.size(); ++f) {
      auto it = converted_on_disk_.find(static_cast<uint32_t>(f));
      if (it == converted_on_disk_.end()) continue;
      lex_->peer_codes_ = true;
      const std::string& path = lex_->files_[f];
      if (path.find("/actors/") != std::string::npos || path.find("/agents/") != std::string::npos) L->peer_actors_ = true;
      if (path.find("/verbs/") != std::string::npos && it->second == "tabari") L->tabari_subjects_ = true;
    }
    if (lang == "id") index_indonesian_roots(*L);
    compile_word_ids(*L);
    lex_->languages_.push_back(std::move(L));
  }
};

StatusOr<std::unique_ptr<Lexicon>> Lexicon::load(const std::string& data_dir) {
  return LexiconBuilder(data_dir, LexiconOptions{}).build();
}

StatusOr<std::unique_ptr<Lexicon>> Lexicon::load(const std::string& data_dir, const LexiconOptions& options) {
  return LexiconBuilder(data_dir, options).build();
}

bool LanguageLexicon::spaced_name_start(uint32_t id) const {
  if (!spaced_built_.load(std::memory_order_acquire)) std::call_once(spaced_once_, [this] {
    spaced_starts_.assign(vocab_.size() + 1, false);
    for (const auto& e : actors_) {
      const size_t space = e.name.find(' ');
      if (space == std::string::npos || space == 0 || e.name[space - 1] != '*') continue;
      if (const uint32_t w = vocab_.find(std::string_view(e.name).substr(0, space - 1)); w != 0 && w < spaced_starts_.size())
        spaced_starts_[w] = true;
    }
    spaced_built_.store(true, std::memory_order_release);
  });
  return id < spaced_starts_.size() && spaced_starts_[id];
}

}  // namespace kabar
