// Verb morphology for pattern compilation.
//
// Indonesian. Active transitive verbs carry the meN- prefix, whose nasal
// assimilates to the root's first sound and may replace it:
//   meN + p… → mem… (pasok → memasok)      meN + t… → men… (tembak → menembak)
//   meN + s… → meny… (serang → menyerang)  meN + k… → meng… (kirim → mengirim)
//   meN + vowel → meng… (ancam → mengancam), meN + b/f/v → mem…, c/d/j/z → men…,
//   g/h → meng…, l/m/n/r/w/y → me…; one-syllable roots take menge- (bom → mengebom).
// The passive is di- + root with the same suffix (-kan, -i): menjatuhkan →
// dijatuhkan. We invert the assimilation and keep every candidate root.
//
// English. Regular verbs inflect by spelling rules (-s/-es/-ies, -ed/-d/-ied,
// -ing with e-dropping and possible consonant doubling); irregular ones come
// from en/words/irregular.txt. The passive is BE + participle (+ by AGENT).
#include "lexicon/morphology.h"

#include <algorithm>

namespace kabar {
namespace {

bool is_vowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }

void add_unique(std::vector<std::string>& v, std::string s) {
  if (!s.empty() && std::find(v.begin(), v.end(), s) == v.end()) v.push_back(std::move(s));
}

// `$ HEAD +` (optionally `$ HEAD PREP +`): the shapes whose passive is regular.
bool passive_shape(const VerbPattern& p) {
  const auto& e = p.elements;
  if (e.size() < 3 || e.front().kind != PatternElement::kSource ||
      e.back().kind != PatternElement::kTarget)
    return false;
  if (p.head != 1) return false;
  for (size_t i = 1; i + 1 < e.size(); ++i)
    if (e[i].kind != PatternElement::kWords) return false;
  return e.size() <= 4;
}

PatternElement words(std::vector<std::string> forms) {
  PatternElement el;
  el.kind = PatternElement::kWords;
  for (auto& f : forms) el.alternatives.push_back({std::move(f)});
  return el;
}

PatternElement slot(PatternElement::Kind k) {
  PatternElement el;
  el.kind = k;
  return el;
}

std::string join_forms(const std::vector<std::string>& forms) {
  if (forms.size() == 1) return forms[0];
  std::string s = "{";
  for (size_t i = 0; i < forms.size(); ++i) s += (i ? "|" : "") + forms[i];
  return s + "}";
}

// A passive derived from `active` (`$ HEAD [WORDS] +`): `+ VERB [WORDS]`,
// where `verb` are the passive verb's elements (written `verb_text`; the
// head is element `head` of the result), and with `agent` the source after
// the preposition `by` (none when empty: "diserang Rusia").
VerbPattern derived_passive(const VerbPattern& active, std::vector<PatternElement> verb, const std::string& verb_text,
                            size_t head, bool agent, const std::string& by) {
  VerbPattern p;
  p.code = active.code;
  p.converse = active.converse;
  p.flags = static_cast<uint16_t>((active.flags & ~kPatternRecip) | kPatternPassive);
  p.ref = active.ref;
  p.elements.push_back(slot(PatternElement::kTarget));
  for (auto& el : verb) p.elements.push_back(std::move(el));
  std::string text = "+ " + verb_text;
  for (size_t i = 2; i + 1 < active.elements.size(); ++i) {
    p.elements.push_back(active.elements[i]);
    text += " …";
  }
  if (agent) {
    if (!by.empty()) {
      p.elements.push_back(words({by}));
      text += " " + by;
    }
    p.elements.push_back(slot(PatternElement::kSource));
    text += " $";
  }
  p.head = head;
  p.text = text;
  for (const auto& el : p.elements)
    if (el.kind == PatternElement::kWords) ++p.literal_count;
  return p;
}

class IndonesianMorphology : public VerbMorphology {
 public:
  // mengirim and mengirimkan, menyampaikan and menyampai-: the benefactive
  // -kan changes little in news usage, so a pattern written with one form
  // matches the other. Only meN- heads (verbs) are varied.
  std::vector<std::string> head_forms(const std::string& head) const override {
    std::vector<std::string> forms{head};
    if (head.size() < 6 || head.compare(0, 2, "me") != 0) return forms;
    if (head.size() > 5 && head.compare(head.size() - 3, 3, "kan") == 0)
      add_unique(forms, head.substr(0, head.size() - 3));
    else if (head.back() != 'i')
      add_unique(forms, head + "kan");
    return forms;
  }

  std::vector<VerbPattern> passives(const VerbPattern& active) const override {
    if (!passive_shape(active) || (active.flags & kPatternNoPassive)) return {};
    const auto& head = active.elements[active.head];
    std::vector<std::string> forms;
    for (const auto& alt : head.alternatives) {
      if (alt.size() != 1) continue;
      for (auto& root : indonesian_men_roots(alt[0])) add_unique(forms, "di" + root);
    }
    if (forms.empty()) return {};
    // + diROOT [PREP] (oleh) $   and   + diROOT [PREP]   (agentless)
    std::vector<VerbPattern> out;
    for (int with_agent = 1; with_agent >= 0; --with_agent)
      for (int with_oleh = with_agent; with_oleh >= 0; --with_oleh)
        out.push_back(derived_passive(active, {words(forms)}, join_forms(forms), 1, with_agent, with_oleh ? "oleh" : ""));
    return out;
  }
};

class EnglishMorphology : public VerbMorphology {
 public:
  explicit EnglishMorphology(std::unordered_map<std::string, IrregularVerb> irregular)
      : irregular_(std::move(irregular)) {}

  std::vector<std::string> head_forms(const std::string& head) const override {
    std::vector<std::string> forms{head};
    for (auto& f : english_regular_forms(head)) add_unique(forms, f);
    auto it = irregular_.find(head);
    if (it != irregular_.end()) {
      // Irregular: drop the regular -ed guesses ("meeted") and add the real ones.
      forms.erase(std::remove_if(forms.begin(), forms.end(),
                                 [&](const std::string& f) {
                                   return f.size() > 2 && f.compare(f.size() - 2, 2, "ed") == 0 &&
                                          f != it->second.past && f != it->second.participle;
                                 }),
                  forms.end());
      add_unique(forms, it->second.past);
      add_unique(forms, it->second.participle);
    }
    return forms;
  }

  std::vector<VerbPattern> passives(const VerbPattern& active) const override {
    if (!passive_shape(active) || (active.flags & kPatternNoPassive)) return {};
    const auto& head = active.elements[active.head];
    std::vector<std::string> participles;
    for (const auto& alt : head.alternatives) {
      if (alt.size() != 1) continue;
      auto it = irregular_.find(alt[0]);
      if (it != irregular_.end()) {
        add_unique(participles, it->second.participle);
      } else {
        auto forms = english_regular_forms(alt[0]);
        for (auto& f : forms)
          if (f.size() > 2 && f.compare(f.size() - 2, 2, "ed") == 0) add_unique(participles, f);
      }
    }
    if (participles.empty()) return {};
    std::vector<VerbPattern> out;
    // The participle is the head, not the auxiliary: indexing every
    // passive under "was"/"is" would try them all at each such word.
    for (int with_agent = 1; with_agent >= 0; --with_agent)
      out.push_back(derived_passive(
          active, {words({"was", "were", "is", "are", "been", "being", "be", "got", "get", "gets"}), words(participles)},
          "{was|were|is|are|been|being|be|got} " + join_forms(participles), 2, with_agent, "by"));
    // The reduced relative of conflict verbs (roots 11-20): "militants
    // killed by troops", "a journalist detained by the police" — the
    // participle right after its noun, the agent after "by" required.
    // Cooperative participles ("rebels backed by Iran") describe rather
    // than report, and are left out.
    if (active.code.size() >= 2 && active.code.compare(0, 2, "11") >= 0 && active.code.compare(0, 2, "20") <= 0)
      out.push_back(derived_passive(active, {words(participles)}, join_forms(participles), 1, true, "by"));
    return out;
  }

 private:
  std::unordered_map<std::string, IrregularVerb> irregular_;
};

class IdentityMorphology : public VerbMorphology {
 public:
  std::vector<std::string> head_forms(const std::string& head) const override { return {head}; }
  std::vector<VerbPattern> passives(const VerbPattern&) const override { return {}; }
};

}  // namespace

std::vector<std::string> indonesian_men_roots(std::string_view w) {
  std::vector<std::string> out;
  auto rest = [&](size_t n) { return std::string(w.substr(n)); };
  // Built with append rather than "x" + string: GCC 12 warns falsely
  // (-Wrestrict) on the latter at -O2.
  auto prefixed = [&](const char* p, size_t n) {
    std::string s(p);
    s.append(w.substr(n));
    return s;
  };
  auto starts = [&](std::string_view p) { return w.size() > p.size() + 1 && w.substr(0, p.size()) == p; };
  if (starts("memper")) { add_unique(out, prefixed("per", 6)); return out; }
  if (starts("menge")) add_unique(out, rest(5));  // mengebom → bom
  if (starts("meny")) { add_unique(out, prefixed("s", 4)); return out; }
  if (starts("meng")) {
    char c = w[4];
    if (is_vowel(c)) { add_unique(out, rest(4)); add_unique(out, prefixed("k", 4)); }
    else add_unique(out, rest(4));  // g, h, k, kh
    return out;
  }
  if (starts("mem")) {
    char c = w[3];
    if (is_vowel(c)) { add_unique(out, prefixed("p", 3)); add_unique(out, rest(2)); }  // memasok; memakai→pakai; memukul
    else add_unique(out, rest(3));  // b, f, v, p(r)
    return out;
  }
  if (starts("men")) {
    char c = w[3];
    if (is_vowel(c)) { add_unique(out, prefixed("t", 3)); add_unique(out, prefixed("n", 3)); }
    else add_unique(out, rest(3));  // c, d, j, z, t(r), s(y)
    return out;
  }
  if (starts("me")) {
    char c = w[2];
    if (c == 'l' || c == 'm' || c == 'n' || c == 'r' || c == 'w' || c == 'y') add_unique(out, rest(2));
  }
  return out;
}

std::vector<std::string> english_regular_forms(std::string_view base_sv) {
  std::string b(base_sv);
  std::vector<std::string> out;
  if (b.empty()) return out;
  char last = b.back();
  char prev = b.size() >= 2 ? b[b.size() - 2] : 0;
  auto ends = [&](std::string_view s) { return b.size() >= s.size() && b.compare(b.size() - s.size(), s.size(), s) == 0; };
  // third person singular
  if (ends("s") || ends("x") || ends("z") || ends("ch") || ends("sh") || ends("o")) add_unique(out, b + "es");
  else if (last == 'y' && !is_vowel(prev)) add_unique(out, b.substr(0, b.size() - 1) + "ies");
  else add_unique(out, b + "s");
  // past / participle
  if (last == 'e') add_unique(out, b + "d");
  else if (last == 'y' && !is_vowel(prev)) add_unique(out, b.substr(0, b.size() - 1) + "ied");
  else add_unique(out, b + "ed");
  // -ing
  if (ends("ie")) add_unique(out, b.substr(0, b.size() - 2) + "ying");
  else if (last == 'e' && !ends("ee") && !ends("ye") && !ends("oe")) add_unique(out, b.substr(0, b.size() - 1) + "ing");
  else add_unique(out, b + "ing");
  // Consonant doubling (ban → banned, stop → stopping, but visit → visited):
  // offer both spellings for a final consonant-vowel-consonant; the wrong one
  // never occurs in text.
  // ("qu" spells a consonant: equip → equipped.)
  const bool qu = b.size() >= 4 && b[b.size() - 3] == 'u' && b[b.size() - 4] == 'q';
  if (b.size() >= 3 && !is_vowel(last) && is_vowel(prev) && (!is_vowel(b[b.size() - 3]) || qu) &&
      last != 'w' && last != 'x' && last != 'y') {
    add_unique(out, b + last + "ed");
    add_unique(out, b + last + "ing");
  }
  // -ic verbs take a k: traffic → trafficked, panic → panicking.
  if (ends("ic")) {
    add_unique(out, b + "ked");
    add_unique(out, b + "king");
  }
  return out;
}

std::unique_ptr<VerbMorphology> make_verb_morphology(
    std::string_view lang, std::unordered_map<std::string, IrregularVerb> irregular) {
  if (lang == "id") return std::make_unique<IndonesianMorphology>();
  if (lang == "en") return std::make_unique<EnglishMorphology>(std::move(irregular));
  return std::make_unique<IdentityMorphology>();
}

}  // namespace kabar
