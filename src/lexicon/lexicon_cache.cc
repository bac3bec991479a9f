// The compiled-dictionary cache (Lexicon::load_cached).
//
// Compiling the dictionaries (parsing every line, deriving passives and head
// forms, numbering the vocabulary, building the tries) grows with their size:
// 0.1 s for the shipped files, over a second at ten times that. The compiled
// Lexicon is therefore written once, member by member, to one file and read
// back whole by later runs, which costs a fraction of compiling at any size.
//
// File: "KABARLEX", format version, fingerprint of the inputs, payload size
// and checksum, then the payload. Anything that does not match (another
// format, other inputs, a short or damaged file) is a miss: the dictionaries
// are compiled again and the file replaced (written under a temporary name
// and renamed, so a reader never sees half a cache).
//
// Every member of the classes below is listed here; a member added to one of
// them must be added here too (the CacheTest round trip compares the coding
// of the bundled examples through both paths).
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <unicode/uversion.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <type_traits>

#include <fmt/format.h>

#include "kabar/lexicon.h"

namespace kabar {
namespace fs = std::filesystem;

namespace {

constexpr char kMagic[8] = {'K', 'A', 'B', 'A', 'R', 'L', 'E', 'X'};
constexpr uint32_t kFormat = 10;      // bump when the layout below changes
constexpr size_t kKeepCacheFiles = 8;  // older lexicon-*.bin files are removed

// A 64-bit hash of bytes (the checksum and the fingerprint): four
// independent lanes of eight bytes, so the checksum of a large cache runs at
// memory speed rather than one multiply chain's.
struct Hasher {
  uint64_t h = 0x9E3779B97F4A7C15ull;
  void add(const void* data, size_t n) {
    const auto* p = static_cast<const unsigned char*>(data);
    uint64_t lane[4] = {h, h ^ 0xC2B2AE3D27D4EB4Full, h ^ 0x165667B19E3779F9ull, h ^ 0x27D4EB2F165667C5ull};
    for (; n >= 32; p += 32, n -= 32) {
      for (int k = 0; k < 4; ++k) {
        uint64_t w;
        std::memcpy(&w, p + 8 * k, 8);
        lane[k] = (lane[k] ^ w) * 0xBF58476D1CE4E5B9ull;
        lane[k] ^= lane[k] >> 29;
      }
    }
    for (uint64_t l : lane) mix(l);
    for (; n >= 8; p += 8, n -= 8) {
      uint64_t w;
      std::memcpy(&w, p, 8);
      mix(w);
    }
    uint64_t tail = n;  // the length of the tail, so "a" and "a\0" differ
    for (size_t i = 0; i < n; ++i) tail |= uint64_t{p[i]} << (8 * (i + 1) % 64);
    mix(tail);
  }
  void add(std::string_view s) { add(s.data(), s.size()); }
  template <typename T>
  void add_value(const T& v) {
    static_assert(std::is_trivially_copyable_v<T>);
    add(&v, sizeof v);
  }
  void mix(uint64_t w) {
    h ^= w + 0x9E3779B97F4A7C15ull + (h << 6) + (h >> 2);
    h *= 0xBF58476D1CE4E5B9ull;
    h ^= h >> 31;
  }
};

class Writer {
 public:
  static constexpr bool kReading = false;
  template <typename T>
  void pod(const T& v) {
    static_assert(std::is_trivially_copyable_v<T>);
    out.append(reinterpret_cast<const char*>(&v), sizeof v);
  }
  void bytes(const char* p, size_t n) { out.append(p, n); }
  bool ok = true;
  std::string out;
};

class Reader {
 public:
  static constexpr bool kReading = true;
  Reader(const char* p, const char* end) : p_(p), end_(end) {}
  template <typename T>
  void pod(T& v) {
    static_assert(std::is_trivially_copyable_v<T>);
    if (!can(sizeof v)) { v = T{}; return; }
    std::memcpy(&v, p_, sizeof v);
    p_ += sizeof v;
  }
  // Whether n more bytes are there; a reader that runs short fails once and
  // stays failed (every later read is a no-op).
  bool can(uint64_t n) {
    if (ok && n <= static_cast<uint64_t>(end_ - p_)) return true;
    ok = false;
    return false;
  }
  const char* take(size_t n) {
    if (!can(n)) return nullptr;
    const char* at = p_;
    p_ += n;
    return at;
  }
  bool at_end() const { return p_ == end_; }
  bool ok = true;

 private:
  const char* p_;
  const char* end_;
};

}  // namespace

struct LexiconCache {
  // ---- generic pieces ----
  template <class A, typename T>
  static std::enable_if_t<std::is_arithmetic_v<T> || std::is_enum_v<T>> io(A& a, T& v) { a.pod(v); }

  template <class A>
  static void io(A& a, std::string& s) {
    uint64_t n = s.size();
    a.pod(n);
    if constexpr (A::kReading) {
      if (const char* p = a.take(n)) s.assign(p, n);
    } else {
      a.bytes(s.data(), s.size());
    }
  }

  template <class A, typename T>
  static void io(A& a, std::vector<T>& v) {
    uint64_t n = v.size();
    a.pod(n);
    if constexpr (A::kReading) {
      if (!a.can(n)) return;  // every element takes at least one byte: a bound on n
      v.clear();
      v.resize(n);
    }
    if constexpr (std::is_arithmetic_v<T>) {  // in bulk
      if (n == 0) return;  // an empty vector's data() may be null: no memcpy from or to it
      if constexpr (A::kReading) {
        if (const char* p = a.take(n * sizeof(T))) std::memcpy(v.data(), p, n * sizeof(T));
      } else {
        a.bytes(reinterpret_cast<const char*>(v.data()), n * sizeof(T));
      }
    } else {
      for (auto& x : v) {
        io(a, x);
        if (!a.ok) return;
      }
    }
  }

  template <class A, typename T>
  static void io(A& a, std::optional<T>& v) {
    bool has = v.has_value();
    a.pod(has);
    if constexpr (A::kReading) {
      if (has) v.emplace(); else v.reset();
    }
    if (has) io(a, *v);
  }

  template <class A, typename K, typename V>
  static void io(A& a, std::pair<K, V>& p) {
    io(a, p.first);
    io(a, p.second);
  }

  // Unordered maps and sets, as lists of their elements ((key, value)
  // pairs, or keys). Writing copies each element once; writes are rare.
  template <typename C>
  struct ElementOf { using type = typename C::key_type; };
  template <typename K, typename V, typename... Rest>
  struct ElementOf<std::unordered_map<K, V, Rest...>> { using type = std::pair<K, V>; };
  template <class A, typename C>
  static void hashed_io(A& a, C& c) {
    using Element = typename ElementOf<C>::type;
    uint64_t n = c.size();
    a.pod(n);
    if constexpr (A::kReading) {
      if (!a.can(n)) return;
      c.clear();
      c.reserve(n);
      for (uint64_t i = 0; i < n && a.ok; ++i) {
        Element e;
        io(a, e);
        c.insert(std::move(e));
      }
    } else {
      for (const auto& element : c) {
        Element e = element;
        io(a, e);
      }
    }
  }

  // ---- kabar's types ----
  template <class A> static void io(A& a, SourceRef& r) { io(a, r.file); io(a, r.line); }
  template <class A> static void io(A& a, Date& d) { io(a, d.year); io(a, d.month); io(a, d.day); }
  template <class A> static void io(A& a, DateRange& d) { io(a, d.from); io(a, d.to); }
  template <class A>
  static void io(A& a, ActorEntry& e) {
    io(a, e.code); io(a, e.dates); io(a, e.flags); io(a, e.name); io(a, e.ref);
  }
  template <class A> static void io(A& a, AgentEntry& e) { io(a, e.role); io(a, e.name); io(a, e.ref); io(a, e.prefix); }
  template <class A>
  static void io(A& a, PlaceEntry& e) {
    io(a, e.name); io(a, e.country); io(a, e.lat); io(a, e.lon); io(a, e.precision); io(a, e.ref);
  }
  template <class A> static void io(A& a, WordEntry& e) { io(a, e.cls); io(a, e.arg); io(a, e.ref); }
  template <class A>
  static void io(A& a, PatternElement& e) {
    io(a, e.kind); io(a, e.optional); io(a, e.head); io(a, e.alternative_ids);  // alternatives: empty once compiled
  }
  template <class A>
  static void io(A& a, VerbPattern& p) {
    io(a, p.code); io(a, p.converse); io(a, p.flags); io(a, p.elements); io(a, p.head);
    io(a, p.literal_count); io(a, p.head_base_ids);  // head_bases: empty once compiled
    io(a, p.text); io(a, p.ref);
  }
  template <class A> static void io(A& a, EdgeMap::Slot& s) { io(a, s.key); io(a, s.value); }
  template <class A>
  static void io(A& a, EdgeMap& m) { io(a, m.slots_); io(a, m.mask_); io(a, m.used_); io(a, m.shift_); }
  template <class A>
  static void io(A& a, PatternFilter& f) {
    for (uint32_t& b : f.head_bases) io(a, b);
    io(a, f.words); io(a, f.flags); io(a, f.base_count); io(a, f.next_count); io(a, f.required); io(a, f.check_next);
  }
  template <class A> static void io(A& a, PhraseTrie& t) { io(a, t.edges_); io(a, t.values_); io(a, t.starts_); }
  template <class A> static void io(A& a, Vocabulary::Slot& s) { io(a, s.tag); io(a, s.id); }
  template <class A>
  static void io(A& a, Vocabulary& v) {
    io(a, v.chars_); io(a, v.starts_); io(a, v.slots_); io(a, v.mask_); io(a, v.shift_);
  }
  template <class A>
  static void io(A& a, LanguageLexicon::WordInfo& w) {
    io(a, w.classes); io(a, w.phrase_start); io(a, w.annotation_classes); io(a, w.heads);
  }
  template <class A>
  static void io(A& a, LanguageLexicon::KeyedHeadList& k) { io(a, k.always); io(a, k.words); io(a, k.patterns); }
  template <class A> static void io(A& a, RootInfo& r) { io(a, r.prefix_families); io(a, r.flag_count); }
  template <class A>
  static void io(A& a, std::unique_ptr<IndonesianAnalyser>& an) {
    bool has = an != nullptr;
    a.pod(has);
    if (!has) return;
    if constexpr (A::kReading) an = std::make_unique<IndonesianAnalyser>();
    hashed_io(a, an->roots_);
  }
  template <class A>
  static void io(A& a, LanguageLexicon& L) {
    io(a, L.lang_);
    for (PhraseTrie* t : {&L.actor_trie_, &L.agent_trie_, &L.place_trie_, &L.word_trie_, &L.annotation_trie_, &L.entity_trie_}) io(a, *t);
    io(a, L.actors_); io(a, L.agents_); io(a, L.places_); io(a, L.words_); io(a, L.theme_names_);
    io(a, L.patterns_); io(a, L.vocab_); io(a, L.word_info_); io(a, L.classes_present_); io(a, L.stem_lengths_); io(a, L.stem_of_word_); io(a, L.shorter_stem_begin_); io(a, L.shorter_stems_); io(a, L.peer_actors_); io(a, L.tabari_subjects_);
    io(a, L.filters_); io(a, L.filter_words_); io(a, L.head_lists_); io(a, L.keyed_heads_);
    // head_index_ and the word-class maps are empty once compiled (folded into word_info_).
    hashed_io(a, L.abbreviations_); hashed_io(a, L.stopwords_); io(a, L.analyser_);
    hashed_io(a, L.root_index_);
    io(a, L.unchecked_heads_);
    if constexpr (A::kReading) L.serial_ = LanguageLexicon::next_serial();
  }
  template <class A>
  static void io(A& a, std::unique_ptr<LanguageLexicon>& L) {
    if constexpr (A::kReading) L = std::make_unique<LanguageLexicon>();
    io(a, *L);
  }
  template <class A>
  static void io(A& a, CameoCode& c) {
    io(a, c.code); io(a, c.root); io(a, c.level); io(a, c.goldstein); io(a, c.quad);
    io(a, c.plover_type); io(a, c.plover_mode); io(a, c.name);
  }
  template <class A>
  static void io(A& a, ActorUnit& u) { io(a, u.code); io(a, u.kind); io(a, u.name); io(a, u.iso2); io(a, u.fips); }
  template <class A>
  static void io(A& a, Codebook& b) {
    io(a, b.codes_); hashed_io(a, b.code_index_); io(a, b.units_); hashed_io(a, b.unit_index_); hashed_io(a, b.iso2_index_);
    io(a, b.intent_);
  }
  template <class A> static void io(A& a, BoilerplateRule& r) { io(a, r.kind); io(a, r.prefix); io(a, r.ref); }
  template <class A>
  static void io(A& a, Lexicon& x) {
    io(a, x.codebook_); io(a, x.languages_); io(a, x.boilerplate_); io(a, x.files_); io(a, x.file_origins_); io(a, x.peer_codes_); io(a, x.warnings_); io(a, x.peer_settings_);
    io(a, x.stopwords_);
    io(a, x.stopword_langs_);
  }

  // ---- the file ----
  struct Header {
    char magic[8];
    uint32_t format;
    uint32_t reserved;
    uint64_t fingerprint;
    uint64_t payload_size;
    uint64_t payload_hash;
  };

  // The file is mapped, not copied: the payload is checksummed and decoded
  // straight from the page cache.
  static std::unique_ptr<Lexicon> read(const std::string& path, uint64_t fingerprint) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return nullptr;
    struct stat st {};
    if (::fstat(fd, &st) != 0 || static_cast<size_t>(st.st_size) < sizeof(Header)) {
      ::close(fd);
      return nullptr;
    }
    const size_t size = static_cast<size_t>(st.st_size);
    void* map = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0);
    ::close(fd);
    if (map == MAP_FAILED) return nullptr;
    ::madvise(map, size, MADV_SEQUENTIAL);
    std::unique_ptr<Lexicon> lex = decode(static_cast<const char*>(map), size, fingerprint);
    ::munmap(map, size);
    return lex;
  }

  static std::unique_ptr<Lexicon> decode(const char* base, size_t size, uint64_t fingerprint) {
    Header h{};
    std::memcpy(&h, base, sizeof h);
    if (std::memcmp(h.magic, kMagic, sizeof kMagic) != 0 || h.format != kFormat || h.fingerprint != fingerprint)
      return nullptr;
    if (h.payload_size != size - sizeof h) return nullptr;  // cut short or grown
    const char* payload = base + sizeof h;
    Hasher sum;
    sum.add(payload, h.payload_size);
    if (sum.h != h.payload_hash) return nullptr;
    std::unique_ptr<Lexicon> lex(new Lexicon());
    Reader r(payload, payload + h.payload_size);
    io(r, *lex);
    if (!r.ok || !r.at_end()) return nullptr;
    return lex;
  }

  // Best effort: false when the file could not be written.
  static bool write(const Lexicon& lex, const std::string& path, uint64_t fingerprint) {
    Writer w;
    io(w, const_cast<Lexicon&>(lex));  // the writer only reads
    Header h{};
    std::memcpy(h.magic, kMagic, sizeof kMagic);
    h.format = kFormat;
    h.fingerprint = fingerprint;
    h.payload_size = w.out.size();
    Hasher sum;
    sum.add(w.out);
    h.payload_hash = sum.h;
    std::error_code ec;
    fs::create_directories(fs::path(path).parent_path(), ec);
    const std::string tmp = fmt::format("{}.{}.partial", path, static_cast<long>(::getpid()));
    {
      std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
      if (!f) return false;
      f.write(reinterpret_cast<const char*>(&h), sizeof h);
      f.write(w.out.data(), static_cast<std::streamsize>(w.out.size()));
      if (!f.flush()) {
        fs::remove(tmp, ec);
        return false;
      }
    }
    fs::rename(tmp, path, ec);
    if (ec) {
      fs::remove(tmp, ec);
      return false;
    }
    return true;
  }
};

namespace {

void add_file_identity(Hasher& h, const std::string& path) {
  struct stat st {};
  h.add(path);
  if (::stat(path.c_str(), &st) != 0) {
    h.add_value(uint64_t{0});
    return;
  }
  h.add_value(static_cast<uint64_t>(st.st_size));
  h.add_value(static_cast<int64_t>(st.st_mtim.tv_sec));
  h.add_value(static_cast<int64_t>(st.st_mtim.tv_nsec));
}

// Everything a compiled Lexicon depends on: the files under data_dir (by
// content), the root list and this executable (a rebuilt kabar may compile
// differently; by path, size and modification time) and the ICU version
// (normalisation).
bool fingerprint(const std::string& data_dir, uint64_t& out) {
  std::error_code ec;
  const fs::path root = fs::canonical(data_dir, ec);
  if (ec) return false;
  Hasher h;
  h.add_value(kFormat);
  h.add(root.string());
  std::vector<std::string> files;
  for (auto it = fs::recursive_directory_iterator(root, ec); !ec && it != fs::recursive_directory_iterator();
       it.increment(ec))
    if (it->is_regular_file(ec)) files.push_back(it->path().string());
  if (ec) return false;
  std::sort(files.begin(), files.end());
  // The dictionaries by content: a file rewritten within the file system's
  // timestamp granularity (milliseconds) must not look unchanged.
  std::string bytes;
  for (const auto& f : files) {
    std::ifstream in(f, std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    h.add(f);
    h.add_value(static_cast<uint64_t>(bytes.size()));
    h.add(bytes);
  }
  const char* env = std::getenv("KABAR_HUNSPELL_ID");
  add_file_identity(h, env && *env ? env : kHunspellIndonesian);
  add_file_identity(h, fs::read_symlink("/proc/self/exe", ec).string());
  UVersionInfo icu;
  u_getVersion(icu);
  h.add(icu, sizeof icu);
  out = h.h;
  return true;
}

// Keeps the cache folder small: the newest few lexicon-*.bin files stay.
void prune_cache(const fs::path& dir) {
  std::error_code ec;
  std::vector<std::pair<fs::file_time_type, fs::path>> found;
  for (auto it = fs::directory_iterator(dir, ec); !ec && it != fs::directory_iterator(); it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (name.rfind("lexicon-", 0) == 0 && it->path().extension() == ".bin")
      found.emplace_back(it->last_write_time(ec), it->path());
  }
  if (found.size() <= kKeepCacheFiles) return;
  std::sort(found.begin(), found.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  for (size_t i = kKeepCacheFiles; i < found.size(); ++i) fs::remove(found[i].second, ec);
}

}  // namespace

std::string default_cache_dir() {
  if (const char* env = std::getenv("KABAR_CACHE_DIR"); env) {
    if (!*env || std::string_view(env) == "off") return "";
    return env;
  }
  if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg) return (fs::path(xdg) / "kabar").string();
  if (const char* home = std::getenv("HOME"); home && *home) return (fs::path(home) / ".cache" / "kabar").string();
  return "";
}

StatusOr<std::unique_ptr<Lexicon>> Lexicon::load_cached(const std::string& data_dir, const std::string& cache_dir,
                                                        bool* from_cache) {
  return load_cached(data_dir, LexiconOptions{}, cache_dir, from_cache);
}

StatusOr<std::unique_ptr<Lexicon>> Lexicon::load_cached(const std::string& data_dir, const LexiconOptions& options,
                                                        const std::string& cache_dir, bool* from_cache) {
  if (from_cache) *from_cache = false;
  uint64_t fp = 0;
  if (cache_dir.empty() || !fingerprint(data_dir, fp)) return load(data_dir, options);
  if (options.peer_files) {
    // The converted peer dictionaries as the compiler sees them.
    Hasher h;
    h.add_value(fp);
    h.add(options.peer_language);
    h.add_value(static_cast<uint64_t>(options.peer_settings.size()));
    for (const auto& s : options.peer_settings) { h.add(s); h.add_value(uint64_t{0}); }
    h.add_value(static_cast<uint64_t>(options.peer_files->size()));
    for (const ConvertedFile& f : *options.peer_files) {
      for (const std::string* s : {&f.format, &f.kind, &f.name}) { h.add(*s); h.add_value(uint64_t{0}); }
      for (const auto* v : {&f.lines, &f.origins}) {
        h.add_value(static_cast<uint64_t>(v->size()));
        for (const auto& line : *v) { h.add(line); h.add_value(uint64_t{0}); }
      }
    }
    fp = h.h;
  }
  const std::string path = (fs::path(cache_dir) / fmt::format("lexicon-{:016x}.bin", fp)).string();
  if (auto cached = LexiconCache::read(path, fp)) {
    if (from_cache) *from_cache = true;
    return cached;
  }
  auto lex = load(data_dir, options);
  if (lex.ok() && LexiconCache::write(**lex, path, fp)) prune_cache(cache_dir);
  return lex;
}

}  // namespace kabar
