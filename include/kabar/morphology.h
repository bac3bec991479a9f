// kabar/morphology.h — Indonesian word → root analysis.
//
// An affix-stripping analyser in the Nazief–Adriani tradition, checked
// against a list of roots (Debian's hunspell-id dictionary, read at start-up
// when installed): particles (-lah, -kah, -tah, -pun), possessives (-ku, -mu,
// -nya), derivational suffixes (-i, -kan, -an), then up to three prefixes
// (di-, ke-, se-, ber-, ter-, meN-, peN-, per-) with the nasal assimilation of
// meN-/peN- undone (menyerang → serang, memasok → pasok, mengunjungi →
// kunjung, menyampaikan → sampai), confixes that Indonesian does not allow
// rejected (be-…-i, di-…-an, ke-…-i, me-…-an, se-…-i, te-…-an), and
// reduplication (negara-negara → negara, tembak-menembak → tembak).
//
// Immutable after construction; thread-safe.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "kabar/status.h"

namespace kabar {

struct MorphAnalysis {
  std::string root;
  std::string prefixes;  // as stripped, outermost first: "me+per"
  std::string suffix;    // "kan", "i", "an", or ""
  bool passive = false;  // di- or ter- prefix
  bool in_root_list = false;
};

// What the root list knows of a root: which prefix families its hunspell
// flags allow (bit per letter: M meN-, D di-, P peN-, B ber-, T ter-, K ke-,
// R per-, S se-) and how many affix flags it has — a proxy for how
// productive, and so how likely, the root is.
struct RootInfo {
  uint32_t prefix_families = 0;
  uint16_t flag_count = 0;
};

class IndonesianAnalyser {
 public:
  using RootList = std::unordered_map<std::string, RootInfo>;

  // With an empty root list every analysis is unchecked (the first,
  // shallowest strip that leaves at least 3 letters).
  explicit IndonesianAnalyser(RootList roots = {}) : roots_(std::move(roots)) {}

  // Reads a hunspell .dic file (first line a count, then "word[/FLAGS]", with
  // two-character flags as hunspell-id uses them).
  static StatusOr<RootList> read_hunspell_roots(const std::string& path);

  // The best analysis of a lower-case word.
  MorphAnalysis analyse(std::string_view word) const;
  std::string root(std::string_view word) const { return analyse(word).root; }
  bool is_root(std::string_view word) const { return roots_.count(std::string(word)) > 0; }
  size_t root_count() const { return roots_.size(); }

 private:
  friend struct LexiconCache;  // src/lexicon/lexicon_cache.cc reads and writes every member
  struct Candidate {
    std::string root, prefixes, suffix;
    bool passive = false;
    int affixes = 0;
  };
  void strip_prefixes(const std::string& word, int depth, const Candidate& so_far, std::vector<Candidate>& out) const;
  const RootInfo* info(const std::string& w) const {
    auto it = roots_.find(w);
    return it == roots_.end() ? nullptr : &it->second;
  }
  RootList roots_;
};

// A key for verbs that differ only by voice (meN- / di-) and clitics (-nya,
// -lah): "menyerangnya" and "menyerang" share "serang||#a", "diserang" is
// "serang||#p"; other derivation stays in the key, so "memperingatkan"
// ("ingat|per|kan#a", warn) is not "mengingatkan" ("ingat||kan#a", remind).
// Empty when the word is not a meN-/di- verb.
std::string verb_key(const MorphAnalysis& a);

// Where Debian installs hunspell-id's dictionary.
inline constexpr const char* kHunspellIndonesian = "/usr/share/hunspell/id_ID.dic";

}  // namespace kabar
