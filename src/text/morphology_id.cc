// The Indonesian analyser (kabar/morphology.h).
//
// Every plausible segmentation is generated — reduplication split, particle
// (-lah -kah -tah -pun), possessive (-ku -mu -nya), derivational suffix (none,
// -kan, -an, -i), then up to three prefixes with meN-/peN- assimilation undone
// — and the candidates are ranked:
//   1. the root is in the root list and its hunspell flags allow the
//      outermost prefix (mengunjungi: kunjung allows meN-);
//   2. among those, the root with more affix flags (a productive root: kunjung
//      over the rare unjung, aku over kaku, kecam over cam);
//   3. fewer affixes.
// A root in the list whose flags do not allow the prefix is a fallback; with
// no root list at all, the shallowest strip is a guess. Confixes Indonesian does
// not form are never generated (be-…-i, di-…-an, ke-…-i, me-…-an, se-…-i,
// te-…-an), which keeps "penyelidikan" from becoming pe+se+"lidi"+kan.
#include <fstream>

#include <fmt/format.h>

#include "kabar/morphology.h"

namespace kabar {
namespace {

bool vowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }

bool ends_with(const std::string& w, std::string_view s) {
  return w.size() > s.size() && w.compare(w.size() - s.size(), s.size(), s) == 0;
}
bool starts_with(const std::string& w, std::string_view s) {
  return w.size() > s.size() && w.compare(0, s.size(), s) == 0;
}

bool forbidden_confix(std::string_view family, std::string_view suffix) {
  if (suffix.empty()) return false;
  if (family == "be" && suffix == "i") return true;
  if (family == "di" && suffix == "an") return true;
  if (family == "ke" && (suffix == "i" || suffix == "kan")) return true;
  if (family == "me" && suffix == "an") return true;
  if (family == "se" && (suffix == "i" || suffix == "kan")) return true;
  if (family == "te" && suffix == "an") return true;
  return false;
}

// The hunspell flag letter of a prefix as stripped.
char family_letter(std::string_view prefix) {
  if (prefix == "memper" || prefix == "me") return 'M';
  if (prefix == "di" || prefix == "diper") return 'D';
  if (prefix == "pe") return 'P';
  if (prefix == "ber" || prefix == "be") return 'B';
  if (prefix == "ter" || prefix == "te") return 'T';
  if (prefix == "ke") return 'K';
  if (prefix == "per") return 'R';
  if (prefix == "se") return 'S';
  return 0;
}

uint32_t bit(char letter) { return letter >= 'A' && letter <= 'Z' ? 1u << (letter - 'A') : 0; }

// Roots a meN-/peN- word may come from.
std::vector<std::string> nasal_candidates(const std::string& w, char p) {
  std::vector<std::string> out;
  auto rest = [&](size_t n) { return w.substr(n); };
  auto with = [&](const char* head, size_t n) {
    std::string s(head);  // append, not operator+: GCC 12 warns falsely (-Wrestrict)
    s.append(w, n, std::string::npos);
    return s;
  };
  if (!(w.size() > 3 && w[0] == p && w[1] == 'e')) return out;
  const std::string x = w.substr(2);
  if (starts_with(x, "ny") && x.size() > 3 && vowel(x[2])) out.push_back(with("s", 4));
  if (starts_with(x, "ng")) {
    if (x.size() > 2 && vowel(x[2])) { out.push_back(rest(4)); out.push_back(with("k", 4)); }
    else if (x.size() > 2 && (x[2] == 'g' || x[2] == 'h' || x[2] == 'k')) out.push_back(rest(4));
    if (starts_with(x, "nge") && x.size() <= 7) out.push_back(rest(5));  // menge-bom: one-syllable roots
  }
  if (starts_with(x, "m")) {
    if (x.size() > 1 && vowel(x[1])) { out.push_back(with("p", 3)); out.push_back(rest(2)); }
    else if (x.size() > 1 && (x[1] == 'b' || x[1] == 'f' || x[1] == 'v' || x[1] == 'p')) out.push_back(rest(3));
  }
  if (starts_with(x, "n") && !starts_with(x, "ng") && !starts_with(x, "ny")) {
    if (x.size() > 1 && vowel(x[1])) { out.push_back(with("t", 3)); out.push_back(rest(2)); }
    else if (x.size() > 1 && (x[1] == 'c' || x[1] == 'd' || x[1] == 'j' || x[1] == 'z' || x[1] == 't' || x[1] == 's'))
      out.push_back(rest(3));
  }
  if (!x.empty() && (x[0] == 'l' || x[0] == 'r' || x[0] == 'w' || x[0] == 'y' || x[0] == 'm' || x[0] == 'n'))
    out.push_back(rest(2));
  return out;
}

}  // namespace

StatusOr<IndonesianAnalyser::RootList> IndonesianAnalyser::read_hunspell_roots(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status(ErrorCode::kNotFound, fmt::format("{}: cannot open", path));
  RootList roots;
  std::string line;
  bool first = true;
  while (std::getline(in, line)) {
    if (first) { first = false; continue; }  // the entry count
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t')) line.pop_back();
    size_t slash = line.find('/');
    std::string w = line.substr(0, slash);
    bool ascii = !w.empty();
    for (char& c : w) {
      if (static_cast<unsigned char>(c) >= 0x80) { ascii = false; break; }
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    if (!ascii) continue;  // ISO-8859-1 loans; Indonesian roots are ASCII
    RootInfo info;
    if (slash != std::string::npos) {
      std::string flags = line.substr(slash + 1);
      for (size_t i = 0; i + 1 < flags.size(); i += 2) {
        info.prefix_families |= bit(flags[i]);
        ++info.flag_count;
      }
    }
    auto& slot = roots[w];
    slot.prefix_families |= info.prefix_families;
    slot.flag_count = static_cast<uint16_t>(slot.flag_count + info.flag_count);
  }
  if (roots.empty()) return Status(ErrorCode::kData, fmt::format("{}: no roots read", path));
  return roots;
}

void IndonesianAnalyser::strip_prefixes(const std::string& word, int depth, const Candidate& so_far,
                                        std::vector<Candidate>& out) const {
  if (depth == 3 || word.size() < 4) return;
  std::vector<std::pair<std::string, std::string>> tries;  // root, prefix
  auto plain = [&](std::string_view p) {
    if (starts_with(word, p)) tries.push_back({word.substr(p.size()), std::string(p)});
  };
  plain("di");
  plain("ke");
  plain("se");
  plain("memper");
  plain("diper");
  plain("ber");
  // be- before a consonant (bekerja), and ber- + r-initial root written with
  // one r (berunding = ber + runding).
  if (starts_with(word, "be") && word.size() > 3 && !vowel(word[2])) tries.push_back({word.substr(2), "be"});
  if (starts_with(word, "bel")) tries.push_back({word.substr(3), "be"});
  plain("ter");
  if (starts_with(word, "te") && word.size() > 3 && word[2] == 'r') tries.push_back({word.substr(2), "te"});
  plain("per");
  // pe- without a nasal before a consonant: pejabat, petugas, pekerja, peserta.
  if (starts_with(word, "pe") && word.size() > 4 && !vowel(word[2]) && word[2] != 'n' && word[2] != 'm')
    tries.push_back({word.substr(2), "pe"});
  plain("mempe");                                                   // mempekerjakan
  if (starts_with(word, "mempel")) tries.push_back({word.substr(6), "memper"});  // mempelajari: per- as pel-
  for (auto& r : nasal_candidates(word, 'm')) tries.push_back({r, "me"});
  for (auto& r : nasal_candidates(word, 'p')) tries.push_back({r, "pe"});
  for (const auto& [root, prefix] : tries) {
    if (root.size() < 2) continue;
    if (so_far.prefixes.empty() && forbidden_confix(prefix.substr(0, 2), so_far.suffix)) continue;
    Candidate c = so_far;
    c.root = root;
    c.prefixes = so_far.prefixes.empty() ? prefix : so_far.prefixes + "+" + prefix;
    c.passive = so_far.passive || prefix == "di" || prefix == "diper" || prefix == "ter";
    c.affixes = so_far.affixes + 1;
    out.push_back(c);
    strip_prefixes(root, depth + 1, c, out);
  }
}

MorphAnalysis IndonesianAnalyser::analyse(std::string_view word_sv) const {
  std::string word(word_sv);
  MorphAnalysis result;
  result.root = word;
  if (word.empty()) return result;

  // Reduplication first: "negara-negara", "tembak-menembak", "kota-kotanya".
  size_t dash = word.find('-');
  if (dash != std::string::npos && dash > 0 && dash + 1 < word.size() && word.find('-', dash + 1) == std::string::npos) {
    MorphAnalysis left = analyse(word.substr(0, dash));
    MorphAnalysis right = analyse(word.substr(dash + 1));
    // tembak-menembak, negara-negara; besar-besaran (the second half adds -an).
    std::string right_word = word.substr(dash + 1);
    if (left.root == right.root || (right_word.rfind(word.substr(0, dash), 0) == 0 && left.in_root_list)) {
      MorphAnalysis r = left.root == right.root ? right : left;
      if (r.prefixes.empty()) r.prefixes = "redup";
      return r;
    }
  }
  if (info(word)) {
    // Clitic particles are not derivation: "walaupun", "apakah" listed as
    // words still reduce to "walau", "apa". (-lah and -tah are left alone:
    // "masalah", "perintah".)
    for (std::string_view particle : {"kah", "pun"}) {
      if (ends_with(word, particle) && word.size() > particle.size() + 2) {
        std::string rest = word.substr(0, word.size() - particle.size());
        if (info(rest)) {
          result.root = rest;
          result.suffix = std::string(particle);
          result.in_root_list = true;
          return result;
        }
      }
    }
    result.in_root_list = true;
    return result;
  }

  std::vector<Candidate> candidates;
  std::vector<std::pair<std::string, int>> bases{{word, 0}};
  for (std::string_view particle : {"lah", "kah", "tah", "pun"})
    if (ends_with(word, particle) && word.size() > particle.size() + 2) {
      bases.push_back({word.substr(0, word.size() - particle.size()), 1});
      break;
    }
  for (size_t i = 0, n = bases.size(); i < n; ++i)
    for (std::string_view poss : {"nya", "ku", "mu"})
      if (ends_with(bases[i].first, poss) && bases[i].first.size() > poss.size() + 2)
        bases.push_back({bases[i].first.substr(0, bases[i].first.size() - poss.size()), bases[i].second + 1});
  for (const auto& [base, stripped] : bases) {
    std::vector<std::pair<std::string, std::string>> stems{{base, ""}};
    if (ends_with(base, "kan") && base.size() > 5) stems.push_back({base.substr(0, base.size() - 3), "kan"});
    if (ends_with(base, "an") && base.size() > 4) stems.push_back({base.substr(0, base.size() - 2), "an"});
    if (ends_with(base, "i") && base.size() > 4) stems.push_back({base.substr(0, base.size() - 1), "i"});
    for (const auto& [stem, suffix] : stems) {
      Candidate c;
      c.root = stem;
      c.suffix = suffix;
      c.affixes = stripped + (suffix.empty() ? 0 : 1);
      if (c.affixes > 0) candidates.push_back(c);
      strip_prefixes(stem, 0, c, candidates);
    }
  }

  // Rank (see the file comment).
  const Candidate* best = nullptr;
  double best_score = -1;
  for (const auto& c : candidates) {
    const RootInfo* ri = info(c.root);
    double score;
    if (ri) {
      char outer = family_letter(c.prefixes.substr(0, c.prefixes.find('+')));
      bool allowed = c.prefixes.empty() || !outer || (ri->prefix_families & bit(outer));
      // Each affix costs more than a flag gains: "merekalah" is mereka + -lah,
      // not me- + reka + -lah, though reka takes more affixes than mereka.
      score = (allowed ? 2000.0 : 1000.0) + std::min<int>(ri->flag_count, 40) * 10.0 - c.affixes * 15.0;
    } else if (roots_.empty() && c.root.size() >= 3) {
      score = 100.0 - c.affixes;  // no list: the first, shallowest strip
    } else {
      continue;
    }
    if (score > best_score) { best_score = score; best = &c; }
  }
  if (!best) return result;
  result.root = best->root;
  result.prefixes = best->prefixes;
  result.suffix = best->suffix;
  result.passive = best->passive;
  result.in_root_list = info(best->root) != nullptr;
  return result;
}

std::string verb_key(const MorphAnalysis& a) {
  if (a.prefixes.empty()) return {};
  std::vector<std::string> parts;
  size_t start = 0;
  while (true) {
    size_t plus = a.prefixes.find('+', start);
    std::string p = a.prefixes.substr(start, plus == std::string::npos ? std::string::npos : plus - start);
    if (p == "memper") { parts.push_back("me"); parts.push_back("per"); }
    else if (p == "diper") { parts.push_back("di"); parts.push_back("per"); }
    else parts.push_back(p);
    if (plus == std::string::npos) break;
    start = plus + 1;
  }
  const std::string voice = parts.front();
  if (voice != "me" && voice != "di") return {};
  std::string inner;
  for (size_t i = 1; i < parts.size(); ++i) inner += (inner.empty() ? "" : "+") + parts[i];
  return a.root + "|" + inner + "|" + a.suffix + (voice == "di" ? "#p" : "#a");
}

}  // namespace kabar
