// Entities for NER evaluation and the GKG export: dictionary items typed by
// their flags, gazetteer places that no item covers, and names no dictionary
// lists, found by rule (words/ cues: person.title, person.cue.before,
// person.cue.after, org.head; docs/DICTIONARIES.md):
//   * a capitalised run after a title or office ("Menteri Keuangan Sri …",
//     "Pak Budi", "Prof. Ani"), past a place or an institution in between
//     ("Gubernur Jawa Barat Ridwan …"), is a person;
//   * a capitalised run after a report verb ("…, kata Budi", "menurut Ani")
//     or just before one ("Budi mengatakan") is a person;
//   * a capitalised run headed by an organisation word ("Partai …", "PT …",
//     "Universitas …", or ending in one: "Harvard University") is an
//     organisation, and an acronym in brackets right after an organisation
//     ("… (KPK)") is that organisation again;
//   * a name found as a person (or an acronym as an organisation) in the range
//     is one again wherever else it stands in the range (the GKG export
//     passes a whole article).
// The event coder reads none of this.
#include <algorithm>
#include <cctype>

#include "annotate/items.h"
#include "kabar/annotate.h"
#include "kabar/geocode.h"

namespace kabar {

const char* entity_kind_name(EntityKind kind) {
  switch (kind) {
    case EntityKind::kPerson: return "PER";
    case EntityKind::kOrganisation: return "ORG";
    case EntityKind::kLocation: return "LOC";
  }
  return "?";
}

namespace {

constexpr uint64_t bit(WordClass c) { return uint64_t{1} << static_cast<unsigned>(c); }
// Function-word classes that keep a word out of a name (word_classes():
// those below kCount, all but abbreviations).
constexpr uint64_t kNotNameClasses = ~bit(WordClass::kAbbreviation);

enum Cover : uint8_t { kFree = 0, kEntity, kAgent, kFound };

class NameFinder {
 public:
  NameFinder(std::string_view text, const std::vector<Token>& tokens, uint32_t first, uint32_t end,
             const LanguageLexicon& lex, std::vector<Entity>& out)
      : text_(text), tokens_(tokens), first_(first), end_(end), lex_(lex), out_(out),
        cover_(end - first, kFree), person_tok_(end - first, 0), entity_end_(end - first, 0) {}

  void mark_person(uint32_t b, uint32_t e) {
    for (uint32_t t = b; t < e; ++t) person_tok_[t - first_] = 1;
  }
  void cover(uint32_t b, uint32_t e, Cover c) {
    for (uint32_t t = b; t < e; ++t)
      if (cover_[t - first_] == kFree || c == kEntity) cover_[t - first_] = c;
    if (c == kEntity || c == kFound) entity_end_[b - first_] = std::max(entity_end_[b - first_], e);
  }

  void run() {
    if (!has_cues()) return;  // a language without entity cues
    find_orgs();
    find_titled_persons();
    find_cued_persons();
    find_coordinated_persons();
    echo_names();
  }

 private:
  bool has_cues() const {
    return lex_.has_class_words(WordClass::kPersonTitle) || lex_.has_class_words(WordClass::kOrgHead);
  }
  const Token& tok(uint32_t i) const { return tokens_[i]; }
  bool is_punct(uint32_t i, char c) const {
    const Token& t = tok(i);
    return t.kind == TokenKind::kPunct && t.span.end == t.span.begin + 1 && text_[t.span.begin] == c;
  }
  bool all_caps(uint32_t i) const {
    const Token& t = tok(i);
    size_t letters = 0;
    for (uint32_t p = t.span.begin; p < t.span.end; ++p) {
      const unsigned char ch = static_cast<unsigned char>(text_[p]);
      if (ch >= 0x80) return false;
      if (std::islower(ch)) return false;
      letters += std::isupper(ch) != 0;
    }
    return letters >= 2;
  }
  bool cue_starts(uint32_t i) const {
    return tok(i).kind == TokenKind::kWord && lex_.entity_trie().may_start(lex_.word_id(tok(i)));
  }
  size_t phrase(uint32_t i, WordClass cls, int* arg = nullptr) const {
    if (!cue_starts(i)) return 0;
    size_t len = 0;
    const WordEntry* w = lex_.word_phrase(i, end_, lex_.id_at(tokens_), cls, len);
    if (w && arg) *arg = w->arg;
    return w ? len : 0;
  }
  // A word that may stand in a name: capitalised, free, no function word,
  // no title or organisation word.
  bool name_word(uint32_t i, bool allow_acronym = false) const {
    const Token& t = tok(i);
    if (t.kind != TokenKind::kWord || !t.capitalized || cover_[i - first_] != kFree) return false;
    const uint64_t classes = lex_.word_classes(t);
    if (classes & kNotNameClasses) return false;
    // "Ketua Umumnya": a title or an office with its possessive.
    const std::string_view norm = t.norm;
    if (norm.size() > 5 && norm.substr(norm.size() - 3) == "nya" &&
        lex_.is_word(WordClass::kPersonTitle, norm.substr(0, norm.size() - 3)))
      return false;
    if (lex_.is_word(WordClass::kPersonTitle, t) || lex_.is_word(WordClass::kOrgHead, t) ||
        lex_.is_word(WordClass::kPlaceCue, t) ||  // "Ibu Kota …"
        lex_.is_word(WordClass::kSelfReference, t))  // "Saya …"
      return false;
    return allow_acronym || !all_caps(i);
  }
  // A run of name words, up to a title ("… Wakil Ketua …") and five words.
  uint32_t name_run(uint32_t i) const {
    uint32_t j = i;
    while (j < end_ && j - i < 5 && name_word(j) && !phrase(j, WordClass::kPersonTitle)) ++j;
    if (j == i + 1 && tok(i).norm.size() == 1) return 0;  // an initial alone
    return j - i;
  }
  bool region_part(uint32_t i) const {
    int arg = 0;
    return i < end_ && phrase(i, WordClass::kPersonTitle, &arg) == 1 && arg == 3;
  }
  // Where an institution, a place or an acronym right at k ends (k if none).
  uint32_t past_governed(uint32_t k) const {
    while (k < end_ && tok(k).capitalized) {
      if (entity_end_[k - first_] > k) k = entity_end_[k - first_];
      else if (tok(k).kind == TokenKind::kWord && all_caps(k)) {
        ++k;
        // "PDI Perjuangan Hasto K…", "SKK Migas Rudi R…": of three words
        // after an acronym, the first is the acronym's name.
        if (name_run(k) >= 3) ++k;
      } else break;
    }
    return k;
  }
  void add(uint32_t b, uint32_t e, EntityKind kind) {
    out_.push_back({b, e, kind});
    cover(b, e, kFound);
    if (kind == EntityKind::kPerson) persons_.push_back({b, e});
  }

  // A capitalised word in an organisation name (acronyms and places included:
  // "Bank BRI", "Universitas Indonesia").
  bool org_word(uint32_t i) const {
    const Token& t = tok(i);
    if (t.kind != TokenKind::kWord || !t.capitalized || cover_[i - first_] == kFound || person_tok_[i - first_])
      return false;
    return !(lex_.word_classes(t) & kNotNameClasses);
  }
  // A word that may begin the second name of "… dan …" in an organisation's
  // name ("Pendidikan dan Kebudayaan"), not another organisation ("Partai
  // Golkar dan PKS", "… dan Partai …") or an office.
  bool org_continuation(uint32_t i) const {
    int arg = 0;
    return org_word(i) && !all_caps(i) && cover_[i - first_] == kFree && !phrase(i, WordClass::kOrgHead) &&
           !(phrase(i, WordClass::kPersonTitle, &arg) && arg < 2);
  }
  // Whether an office stands right before i, past acronyms, known names and
  // modifiers it governs ("Ketua DPP Partai …", "Politisi senior Partai …").
  bool titled_before(uint32_t i) const {
    for (int steps = 0; i > first_ && steps < 4; ++steps, --i) {
      const Token& t = tok(i - 1);
      if (cover_[i - 1 - first_] == kAgent || lex_.is_word(WordClass::kPersonTitle, t)) return true;
      const bool governed = (t.capitalized && (all_caps(i - 1) || cover_[i - 1 - first_] == kEntity)) ||
                            (!t.capitalized && lex_.is_word(WordClass::kModifier, t));
      if (!governed) return false;
    }
    return false;
  }
  void find_orgs() {
    for (uint32_t i = first_; i < end_; ++i) {
      if (!tok(i).capitalized || cover_[i - first_] == kEntity) continue;
      const size_t head = phrase(i, WordClass::kOrgHead);
      if (!head) continue;
      uint32_t j = i + static_cast<uint32_t>(head);
      uint32_t last = j;
      // Capitalised words, with a lower-case connector between two ("dan", "of").
      while (j < end_ && j - i < 10) {
        int arg = 0;
        // "Kementerian Pertahanan Laksamana Madya Budi": a rank or an office
        // before a name ends the organisation's name.
        if (const size_t title = j > i + head ? phrase(j, WordClass::kPersonTitle, &arg) : 0;
            title && arg < 2 && tok(j).capitalized) {
          uint32_t k = j + static_cast<uint32_t>(title);
          for (int a = 0; k < end_ && phrase(k, WordClass::kPersonTitle, &a) && a == 2;) ++k;  // "Laksamana Madya"
          if (k < end_ && (name_word(k) || (tok(k).capitalized && cover_[k - first_] == kEntity))) break;
        }
        if (org_word(j)) last = ++j;
        else if (tok(j).kind == TokenKind::kNumber && j > i + head && tok(j).span.end - tok(j).span.begin <= 3)
          last = ++j;  // "SMA Negeri 14 …", "Komisi 3"
        else if (j + 1 < end_ && tok(j).kind == TokenKind::kWord && !tok(j).capitalized &&
                 (lex_.word_classes(tok(j)) & (bit(WordClass::kCoordinator) | bit(WordClass::kPrep))) &&
                 !lex_.is_word(WordClass::kPrepLocative, tok(j)) && org_continuation(j + 1))
          ++j;  // "Pendidikan dan Kebudayaan", "Bank of England"; not "… di Praha"
        else break;
      }
      // "Ketua Umum Partai Demokrat Anas …", "Ketua Komisi III DPR Benny …":
      // after a title the holder's name ends the run. Split after the last
      // acronym or known name, or else leave the last two words.
      const bool titled = titled_before(i);
      if (titled && last > i + head) {
        uint32_t split = 0;
        for (uint32_t t = i + static_cast<uint32_t>(head); t < last; ++t)
          if (all_caps(t) || cover_[t - first_] == kEntity) split = t + 1;
        if (split && split < last && name_word(split)) last = split;
        else if (!split && last - (i + head) >= 3 && tok(last - 3).kind == TokenKind::kWord &&
                 tok(last - 2).kind == TokenKind::kWord && tok(last - 1).kind == TokenKind::kWord)
          last -= 2;  // not "SMA Negeri 1 Kawali"
      }
      uint32_t b = i;
      if (last == i + head) {
        // Nothing after the head: a name ending in it ("Harvard University").
        while (b > first_ && org_word(b - 1) && !phrase(b - 1, WordClass::kPersonTitle) &&
               cover_[b - 1 - first_] == kFree)
          --b;
        if (b == i) continue;
      }
      // A dictionary entity reaching past the run owns it.
      bool crossed = false;
      for (uint32_t t = b; t < last; ++t)
        if (entity_end_[t - first_] > last) crossed = true;
      if (crossed) continue;
      out_.erase(std::remove_if(out_.begin(), out_.end(),
                                [&](const Entity& e) { return e.first_token >= b && e.end_token <= last; }),
                 out_.end());
      for (uint32_t t = b; t < last; ++t) cover_[t - first_] = kFree;
      add(b, last, EntityKind::kOrganisation);
      // "Komisi Pemberantasan Korupsi (KPK)": the acronym is the organisation.
      if (last + 2 < end_ && is_punct(last, '(') && is_punct(last + 2, ')') && all_caps(last + 1) &&
          cover_[last + 1 - first_] == kFree) {
        add(last + 1, last + 2, EntityKind::kOrganisation);
        acronyms_.push_back(last + 1);
      }
      i = last - 1;
    }
  }

  // Past titles, offices and what they govern to the name: the token where
  // a name may begin, or 0 when no title stands at i. `region`: the last
  // title is a regional office whose region is still to come.
  uint32_t past_titles(uint32_t i, bool& region) const {
    uint32_t k = i;
    bool titled = false;
    region = false;
    for (int steps = 0; k < end_ && steps < 8; ++steps) {
      if (titled && entity_end_[k - first_] > k && tok(k).capitalized) {  // "Gubernur Jawa Barat", "Ketua DPR"
        k = entity_end_[k - first_];
        region = false;
        continue;
      }
      int arg = 0;
      size_t len = phrase(k, WordClass::kPersonTitle, &arg);
      if (len && arg >= 2 && !titled) return 0;  // a field alone ("Keuangan") is no title
      if (!len && titled && k + 1 < end_ && tok(k).kind == TokenKind::kWord && !tok(k).capitalized &&
          lex_.is_word(WordClass::kCoordinator, tok(k)) && phrase(k + 1, WordClass::kPersonTitle, &arg) && arg == 2) {
        ++k;  // "Menteri Kelautan dan Perikanan"
        continue;
      }
      if (len) {
        if (arg < 2) region = arg == 1;
        // The agents dictionary's longer office ("Menteri Luar Negeri").
        for (const auto& [b, e] : agents_)
          if (b == k && e > k + len) len = e - k;
        k += static_cast<uint32_t>(len);
        titled = true;
        if (k < end_ && is_punct(k, '.') && (tok(k - 1).norm.size() == 1 || lex_.abbreviations().count(tok(k - 1).norm))) ++k;  // "Prof. ", "dr. "
        continue;
      }
      if (!titled) return 0;
      if (tok(k).kind == TokenKind::kWord && !tok(k).capitalized && lex_.is_word(WordClass::kModifier, tok(k))) {
        ++k;  // "Presiden terpilih"
        continue;
      }
      if (cover_[k - first_] == kAgent) {  // an office the title list does not know
        uint32_t e = k;
        while (e < end_ && cover_[e - first_] == kAgent) ++e;
        if (!tok(k).capitalized) return 0;
        k = e;
        continue;
      }
      break;
    }
    return titled ? k : 0;
  }

  void find_titled_persons() {
    for (uint32_t i = first_; i < end_; ++i) {
      if (!cue_starts(i)) continue;
      bool region = false;
      uint32_t k = past_titles(i, region);
      if (!k || k >= end_) continue;
      if (region) {
        // "Bupati Sleman Teguh …": the region's word (and its compass part:
        // "Jawa Tengah"), then the holder; "Gubernur Jawa Tengah" names no one.
        if (!name_word(k)) continue;
        ++k;
        while (region_part(k)) ++k;
      }
      k = past_governed(k);  // "Sekjen PDIP Hasto …"
      uint32_t n = k < end_ ? name_run(k) : 0;
      // "Ketua Umum Hanura Wiranto", "Ketua Fraksi Demokrat DPR Jafar …": a
      // run before an institution, a known name or an acronym is what the
      // office governs; the name comes after.
      for (int hop = 0; hop < 2 && n && k + n < end_; ++hop) {
        const uint32_t g = past_governed(k + n);
        if (g == k + n) break;
        k = g;
        n = k < end_ ? name_run(k) : 0;
      }
      // "Rektor Undip Prof. …": a run before another title is an institution.
      if (n && k + n < end_ && phrase(k + n, WordClass::kPersonTitle)) continue;
      // Apposition: "Wakil Ketua Dewan Perwakilan Rakyat, Pramono Anung, …".
      if (!n && k + 1 < end_ && k > i && is_punct(k, ',')) {
        const uint32_t m = name_run(k + 1);
        if (m) {
          k += 1;
          n = m;
        }
      }
      if (n) {
        add(k, k + n, EntityKind::kPerson);
        i = k + n - 1;
      }
    }
  }

  // "… adalah (seorang) penyanyi": a title or an occupation within two
  // lower-case words after a copula.
  bool occupation_after(uint32_t j) const {
    for (uint32_t k = j; k < end_ && k < j + 3; ++k) {
      int arg = 0;
      if (phrase(k, WordClass::kPersonTitle, &arg) && arg == 0) return true;
      if (tok(k).kind != TokenKind::kWord || tok(k).capitalized) return false;
    }
    return false;
  }

  void find_cued_persons() {
    for (uint32_t i = first_; i < end_; ++i) {
      if (tok(i).kind != TokenKind::kWord) continue;
      if (!cue_starts(i)) continue;
      int arg = 0;
      if (const size_t cue = phrase(i, WordClass::kPersonCueAfter, &arg);
          cue && (arg == 0 || occupation_after(i + static_cast<uint32_t>(cue)))) {
        // "Budi ( lahir …": past the bracket.
        const uint32_t e = i > first_ + 1 && is_punct(i - 1, '(') ? i - 1 : i;
        uint32_t b = e;
        while (b > first_ && e - b < 5 && name_word(b - 1)) --b;
        // A run right after a title, an office or a name is theirs
        // ("Gubernur Jawa Tengah mengatakan": the region).
        if (b < e && !(b > first_ && (cover_[b - 1 - first_] != kFree ||
                                      lex_.is_word(WordClass::kPersonTitle, tok(b - 1)))))
          add(b, e, EntityKind::kPerson);
      }
      {
        const size_t len = phrase(i, WordClass::kPersonCueBefore);
        if (!len) continue;
        const uint32_t k = i + static_cast<uint32_t>(len);
        if (k >= end_ || phrase(k, WordClass::kPersonTitle)) continue;  // the title rule's
        if (const uint32_t n = name_run(k)) {
          add(k, k + n, EntityKind::kPerson);
          i = k + n - 1;
        }
      }
    }
  }

  // "Bibit S Rianto dan Chandra M Hamzah": a name joined to a person's.
  void find_coordinated_persons() {
    for (size_t p = 0; p < persons_.size(); ++p) {
      const auto [b, e] = persons_[p];
      if (e + 1 < end_ && !tok(e).capitalized && lex_.is_word(WordClass::kCoordinator, tok(e)))
        if (const uint32_t n = name_run(e + 1)) add(e + 1, e + 1 + n, EntityKind::kPerson);
      // "… Hasto dan Zainal": the name before.
      if (b >= first_ + 2 && !tok(b - 1).capitalized && lex_.is_word(WordClass::kCoordinator, tok(b - 1))) {
        uint32_t s = b - 1;
        while (s > first_ && b - 1 - s < 4 && name_word(s - 1)) --s;
        if (s < b - 1 && !(s > first_ && lex_.is_word(WordClass::kPersonTitle, tok(s - 1))))
          add(s, b - 1, EntityKind::kPerson);
      }
    }
  }

  // A person's name (or any word of it) and an acronym again elsewhere.
  void echo_names() {
    if (persons_.empty() && acronyms_.empty()) return;
    const size_t known = persons_.size();
    for (uint32_t i = first_; i < end_; ++i) {
      if (!name_word(i, true)) continue;
      bool done = false;
      for (uint32_t a : acronyms_)
        if (!done && tok(a).norm == tok(i).norm && a != i) {
          add(i, i + 1, EntityKind::kOrganisation);
          done = true;
        }
      if (done || all_caps(i)) continue;
      const uint32_t n = name_run(i);
      if (!n) continue;
      // Every word of the run is a word of one known person's name.
      for (size_t p = 0; p < known && !done; ++p) {
        const auto [pb, pe] = persons_[p];
        bool all = true;
        for (uint32_t t = i; t < i + n && all; ++t) {
          bool in = false;
          for (uint32_t q = pb; q < pe && !in; ++q) in = tokens_[q].norm == tokens_[t].norm;
          all = in;
        }
        if (all) {
          add(i, i + n, EntityKind::kPerson);
          done = true;
        }
      }
      if (done) i += n - 1;
    }
  }

 public:
  std::vector<std::pair<uint32_t, uint32_t>> agents_;
  std::vector<std::pair<uint32_t, uint32_t>> persons_;

 private:
  std::string_view text_;
  const std::vector<Token>& tokens_;
  uint32_t first_, end_;
  const LanguageLexicon& lex_;
  std::vector<Entity>& out_;
  std::vector<uint8_t> cover_;
  std::vector<uint8_t> person_tok_;   // a dictionary person's words: never inside an organisation
  std::vector<uint32_t> entity_end_;  // by first token: the end of the entity there
  std::vector<uint32_t> acronyms_;
};

}  // namespace

std::vector<Entity> find_entities(std::string_view text, const std::vector<Token>& tokens, uint32_t first,
                                  uint32_t end, const LanguageLexicon& lex, const Geocoder* geocoder) {
  std::vector<Entity> out;
  if (end <= first) return out;
  std::vector<bool> covered(end - first, false);
  NameFinder names(text, tokens, first, end, lex, out);
  for (const Item& it : find_items(text, tokens, first, end, lex, std::nullopt, /*any_date=*/true)) {
    if (it.agent) {
      names.cover(it.first, it.end, kAgent);
      names.agents_.push_back({it.first, it.end});
      continue;
    }
    EntityKind kind;
    if (it.flags & kActorPerson) kind = EntityKind::kPerson;
    else if (it.flags & (kActorOrg | kActorMedia | kActorGroup)) kind = EntityKind::kOrganisation;
    else if (it.flags & (kActorCountry | kActorCapital | kActorAdjective)) kind = EntityKind::kLocation;
    else kind = it.code.size() > 3 ? EntityKind::kOrganisation : EntityKind::kLocation;  // "RUSGOV" lines: institutions
    names.cover(it.first, it.end, kEntity);
    if (it.flags & kActorAdjective) continue;  // "Russian" is not a location mention
    out.push_back({it.first, it.end, kind});
    if (kind == EntityKind::kPerson) {
      names.persons_.push_back({it.first, it.end});
      if (it.end - it.first >= 2) names.mark_person(it.first, it.end);  // a full name, not "Abadi"
    }
    for (uint32_t t = it.first; t < it.end; ++t) covered[t - first] = true;
  }
  std::vector<PlaceMention> places = find_places(tokens, first, end, lex);
  if (geocoder && geocoder->gazetteer() && end > first) {
    // The gazetteer's places where the text vouches for one (kabar/geocode.h),
    // in the context of the actors and places around them.
    std::vector<SentenceAnnotations> annotations(1);
    annotations[0].mentions = find_mentions(text, tokens, first, end, lex, geocoder->codebook(), std::nullopt);
    annotations[0].places = places;
    Sentence s;
    s.first_token = first;
    s.end_token = end;
    s.span = {tokens[first].span.begin, tokens[end - 1].span.end};
    geocoder->geocode_article(tokens, {s}, annotations, lex, std::nullopt, geocoder->article_context(annotations, lex));
    places = std::move(annotations[0].places);
  }
  for (const auto& p : places) {
    bool overlap = false;
    for (uint32_t t = p.first_token; t < p.end_token; ++t) overlap |= covered[t - first];
    if (!overlap) {
      out.push_back({p.first_token, p.end_token, EntityKind::kLocation});
      names.cover(p.first_token, p.end_token, kEntity);
    }
  }
  names.run();
  return out;
}

}  // namespace kabar
