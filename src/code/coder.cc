// The sentence coder. See kabar/code.h for the rules; this file is their
// implementation in the order they apply:
//   clauses → candidate matches per head → best non-overlapping matches →
//   source/target → modality → events (one per actor pair).
#include <algorithm>
#include <charconv>
#include <cstring>
#include <unordered_map>
#include <fmt/format.h>

#include "kabar/code.h"
#include "util/strings.h"

namespace kabar {

using namespace std::string_view_literals;  // "x"sv: compared by length first, no strlen
namespace {

enum class Opener : uint8_t { kNone, kReport, kConj, kRel, kComp, kPunct };

struct Clause {
  uint32_t begin, end;  // tokens
  Opener opener = Opener::kNone;
  uint32_t opener_token = 0;
};

struct Binding {
  int mention = -1;        // index into mentions
  int anaphor_token = -1;  // first token of an anaphor ("itu", "negara itu")
  uint32_t anaphor_len = 1;
  WordClass anaphor_class = WordClass::kAnaphorSingle;
  int place = -1;          // a gazetteer place filling the slot ("tiba di Amman")
  uint32_t place_first = 0, place_end = 0;
  bool locative = false;   // the place is where the object is ("attacked depots in Kharkiv")
  bool bound() const { return mention >= 0 || anaphor_token >= 0 || place >= 0; }
};

struct Match {
  uint32_t pattern = 0;
  uint32_t head = 0;
  uint32_t lit_first = 0, lit_end = 0;  // token range covering the literals
  Binding source, target;
  bool source_is_subject = false, target_is_subject = false;
  bool reciprocal = false;  // "saling serang": the subject's actors act on each other
  std::vector<uint32_t> literal_tokens;

  // Backtracking state without copying the vector: the matcher only appends.
  struct Saved { size_t literals; uint32_t lit_end; Binding source, target; };
  Saved save() const { return {literal_tokens.size(), lit_end, source, target}; }
  void restore(const Saved& s) {
    literal_tokens.resize(s.literals);
    lit_end = s.lit_end;
    source = s.source;
    target = s.target;
  }
};

class SentenceCoder {
 public:
  static constexpr uint32_t kPeerGap = 8;  // the longest gap in a peer's pattern (kabar's own: 4)
  SentenceCoder(const SentenceInput& in, Discourse& discourse, const CodeOptions& options, Trace* trace)
      : in_(in), tokens_(*in.tokens), lex_(*in.lex), mentions_(*in.mentions), discourse_(discourse),
        options_(options), trace_(trace), first_(in.sentence->first_token), end_(in.sentence->end_token) {
    // Each token's function-word classes and longest function-word phrase,
    // looked up once: the coder asks about the same tokens many times.
    const uint32_t n = end_ - first_;
    classes_.resize(n);
    for (uint32_t i = 0; i < n; ++i) classes_[i] = lex_.word_classes(tokens_[first_ + i]);
    phrase_len_.assign(n, -1);
    phrase_classes_.assign(n, 0);
  }

  // Tokens coded as if absent (TABARI's comma-delimited stretches), by
  // position in the sentence; their mentions are already left out.
  void drop_tokens(std::vector<bool> dropped) {
    if (trace_)
      for (uint32_t t = first_; t < end_;) {
        if (!dropped[t - first_]) { ++t; continue; }
        uint32_t e = t;
        while (e < end_ && dropped[e - first_]) ++e;
        if (trace_) note_f("comma-delimited \"{}\" left out (TABARI COMMA)", span_text(t, e));
        t = e;
      }
    dropped_ = std::move(dropped);
  }

  std::vector<CodedEvent> run() {
    // TABARI's SET: MINIMUM WORDS: a shorter sentence is not coded.
    // (TABARI's default when no setting says: 8.)
    const size_t minimum_words = options_.peer.minimum_words ? options_.peer.minimum_words
                                 : lex_.tabari_subjects()    ? PeerSettings::kTabariMinimumWords
                                                             : 0;
    if (in_.lexicon->peer_codes() && minimum_words) {
      size_t words = 0;
      for (uint32_t i = first_; i < end_; ++i) words += tokens_[i].kind == TokenKind::kWord;
      if (words < minimum_words) {
        note_f("{} words, fewer than the minimum {}: not coded", words, minimum_words);
        return {};
      }
    }
    // Sport and other non-political registers borrow the verbs of conflict
    // ("menahan imbang", "bombarded the goal"): a discard phrase anywhere in
    // the sentence means it is not coded, as TABARI's and PETRARCH's discard
    // lists do.
    for (uint32_t i = first_; i < end_; ++i) {
      if (size_t len = word_class_at(i, WordClass::kDiscard)) {
        if (trace_) note_f("discard phrase \"{}\": sentence not coded",
                         std::string(in_.text.substr(tokens_[i].span.begin, tokens_[i + len - 1].span.end - tokens_[i].span.begin)));
        return {};
      }
    }
    index_mentions();
    find_clauses();
    auto matches = candidate_matches();
    if (tabari_complex(matches)) return {};
    auto chosen = choose(matches);
    std::vector<bool> literals(end_ - first_, false);
    bool boundary_used = false;
    for (const auto& m : chosen) {
      // A nominal event's noun is no verb: it neither lends its subject to
      // a coordinated verb nor stands between a verb and its subject.
      if (!(lex_.patterns()[m.pattern].flags & kPatternNominal)) {
        heads_.push_back(m.head);
        head_codes_.push_back(lex_.patterns()[m.pattern].code);
      }
      for (uint32_t t : m.literal_tokens) {
        literals[t - first_] = true;
        boundary_used |= boundary_[t - first_];
      }
    }
    if (in_.lexicon->peer_codes()) literal_ = literals;
    if (boundary_used) {
      find_clauses(&literals);
      note("clauses recomputed: a boundary word is part of a matched pattern");
    }
    mark_appositions();
    std::vector<CodedEvent> out;
    std::vector<size_t> coded_units;
    for (const auto& m : chosen) {
      // TABARI and PETRARCH code one verb per clause, the first that codes:
      // with their dictionaries, so does kabar. TABARI's clauses are split
      // at "and" and "but" only: a verb's unit is the number of those words
      // before it; PETRARCH's are kabar's own.
      if (in_.lexicon->peer_codes() && options_.peer.unit != PeerSettings::Unit::kAll) {
        size_t unit = 0;
        if (options_.peer.unit == PeerSettings::Unit::kSentence) {
          unit = 0;  // one coded verb in the sentence
        } else if (lex_.tabari_subjects()) {
          for (uint32_t t = first_; t < m.head; ++t) unit += unit_divider(t);
        } else if (const Clause* c = clause_for(m.head)) {
          // PETRARCH codes each verb phrase: "and"/"but" divide a clause too.
          unit = static_cast<size_t>(c - clauses_.data()) * 1024;
          for (uint32_t t = c->begin; t < m.head; ++t) unit += unit_divider(t);
        }
        // (A dominant code is tried even so: see keep_dominant().)
        const bool dominant = lex_.patterns()[m.pattern].flags & kPatternDominant;
        const bool unit_coded = std::find(coded_units.begin(), coded_units.end(), unit) != coded_units.end();
        if (unit_coded && !dominant) {
          note_f("  {}: a verb before it in the clause already coded (peer dictionaries)", tok(m.head));
          continue;
        }
        if (petrarch_subordinate_of_coded(m.head, coded_units)) {
          note_f("  {}: in a subordinate clause of a verb that coded (PETRARCH)", tok(m.head));
          continue;
        }
        const size_t before = out.size();
        build_events(m, out);
        if (dominant && keep_dominant(out, before)) break;
        if (unit_coded) {
          out.erase(out.begin() + static_cast<std::ptrdiff_t>(before), out.end());
          note_f("  {}: a verb before it in the clause already coded (peer dictionaries)", tok(m.head));
          continue;
        }
        if (out.size() > before) coded_units.push_back(unit);
        continue;
      }
      const size_t before = out.size();
      build_events(m, out);
      if (in_.lexicon->peer_codes() && (lex_.patterns()[m.pattern].flags & kPatternDominant) && keep_dominant(out, before)) break;
      object_place_events_.resize(out.size(), m.target.locative);
    }
    drop_agentless_repeats(out);
    update_discourse(out);
    return out;
  }

 private:
  const SentenceInput& in_;
  const std::vector<Token>& tokens_;
  const LanguageLexicon& lex_;
  const std::vector<Mention>& mentions_;
  Discourse& discourse_;
  const CodeOptions& options_;
  Trace* trace_;
  uint32_t first_, end_;
  std::vector<uint64_t> classes_;                        // per token: WordClass bit mask
  mutable std::vector<uint32_t> present_;               // the sentence's word ids, each once (built on first use)
  mutable std::vector<uint32_t> skip_time_;             // skip_time() by token, UINT32_MAX until asked
  const bool english_ = lex_.lang() == "en"sv;
  // Per thread, a stamp per vocabulary id: the ids stamped with the current
  // sentence's number are the ones it has (no clearing between sentences).
  struct PresenceMarks {
    uint64_t lexicon = 0;
    uint32_t stamp = 0;
    std::vector<uint32_t> marks;
  };
  mutable std::vector<uint32_t> keyed_candidates_;     // a long head list narrowed to this sentence
  mutable PresenceMarks* marks_ = nullptr;              // presence_marks(), once ensure_present() ran
  std::vector<bool> object_place_events_;  // by event of run(): its target is the place of the object
  mutable std::vector<int> phrase_len_;                  // per token: longest phrase, −1 = not looked up yet
  mutable std::vector<uint64_t> phrase_classes_;         // per token: the classes of that phrase's entries
  std::vector<int> mention_start_;    // token → mention starting there, or -1
  std::vector<int> mention_cover_;    // token → mention covering it, or -1
  std::vector<int> clause_of_;        // token → clause index, or -1 on a boundary
  std::vector<bool> boundary_;        // token is a clause boundary
  std::vector<Clause> clauses_;
  std::vector<bool> speaker_;         // mention introduced by a report word ("kata Zelensky")
  std::vector<bool> apposition_;      // mention inside ", … ," after another mention
  std::vector<uint32_t> heads_;       // verb heads of the chosen matches, in order
  std::vector<std::string> head_codes_;  // their codes
  std::vector<ActorRef> sentence_targets_;  // targets of this sentence's events so far
  std::vector<bool> dropped_;                // per token: left out (TABARI COMMA); empty: none
  std::vector<bool> literal_;                // per token: a chosen pattern's word (peer dictionaries)

  // TABARI's coding units divide at "and" and "but", not inside an actor's
  // name or a pattern's words ("$ SHOT AND WOUND*").
  bool unit_divider(uint32_t t) const {
    // ("or" only between verbs: "might affirm or allow …", not "an easy or
    // pleasant place".)
    if (tokens_[t].norm == "or"sv)
      return lex_.tabari_subjects() && t + 1 < end_ && std::find(heads_.begin(), heads_.end(), t + 1) != heads_.end() &&
             (literal_.empty() || !literal_[t - first_]);
    if (tokens_[t].norm != "and"sv && tokens_[t].norm != "but"sv) return false;
    if (mention_cover_[t - first_] >= 0 || (!literal_.empty() && literal_[t - first_])) return false;
    // (Nor between two words of TABARI's <NOUN>/<ADJECTIVE> lists: "sheep
    // and goats", "awful and evil minister" is one noun phrase.)
    return !(t > first_ && t + 1 < end_ && has_class(t - 1, WordClass::kPeerNoun) && has_class(t + 1, WordClass::kPeerNoun));
  }

  const std::string& code_at_head(uint32_t h) const {
    size_t i = static_cast<size_t>(std::find(heads_.begin(), heads_.end(), h) - heads_.begin());
    return head_codes_[i];
  }

  // "Three soldiers were killed in a rebel attack on an army post": the
  // agentless passive names the same victims as the attack whose doer the
  // sentence gives; the event without a source adds nothing and goes.
  void drop_agentless_repeats(std::vector<CodedEvent>& out) const {
    // Likewise, in English, an event with no target repeats one of the same
    // source and root that names it ("an Israeli air strike on Gaza killed
    // five people": the killing is the strike).
    // And a target read from the place of the object (locative_target())
    // repeats an event of the same source, country and root that names its
    // target ("menyerang Ukraina …, menghantam fasilitas energi di Kharkiv").
    auto covered = [&](const CodedEvent& e, size_t k) {
      if (k < object_place_events_.size() && object_place_events_[k] && e.event.source && e.event.target) {
        for (size_t o = 0; o < out.size(); ++o)
          if (o != k && !(o < object_place_events_.size() && object_place_events_[o]) && out[o].event.source &&
              out[o].event.target && out[o].event.source->code == e.event.source->code &&
              out[o].event.target->country == e.event.target->country && out[o].event.root == e.event.root)
            return true;
      }
      if (!e.event.source && e.event.target) {
        for (const auto& o : out)
          if (o.event.source && o.event.target && o.event.target->code == e.event.target->code &&
              o.event.root == e.event.root)
            return true;
      }
      if (english_ && e.event.source && !e.event.target) {
        for (const auto& o : out)
          if (o.event.source && o.event.target && o.event.source->code == e.event.source->code &&
              o.event.root == e.event.root)
            return true;
      }
      return false;
    };
    std::vector<bool> drop(out.size());
    for (size_t k = 0; k < out.size(); ++k) drop[k] = covered(out[k], k);
    std::vector<CodedEvent> kept;
    for (size_t k = 0; k < out.size(); ++k) {
      CodedEvent& e = out[k];
      if (drop[k]) {
        note_f("  {} {}: the same event naming both actors is coded — dropped", e.event.code,
                         e.event.source && e.event.target ? "with its target from the object's place" : "with one actor only");
        continue;
      }
      // Two coordinated actors of one code ("Bakamla dan TNI AL", both
      // IDNMIL) make one event, not two identical ones (kabar's own rules;
      // the peers' suites compare sets).
      auto code_of = [](const std::optional<ActorRef>& a) { return a ? a->code : std::string(); };
      if (!in_.lexicon->peer_codes() &&
          std::any_of(kept.begin(), kept.end(), [&](const CodedEvent& o) {
            return o.event.code == e.event.code && o.event.modality == e.event.modality &&
                   code_of(o.event.source) == code_of(e.event.source) && code_of(o.event.target) == code_of(e.event.target);
          })) {
        note_f("  {}: the same source, target, code and modality as an event before it — one event", e.event.code);
        continue;
      }
      kept.push_back(std::move(e));
    }
    out = std::move(kept);
  }

  // "Nikolai Patrushev, sekutu dekat Presiden Vladimir Putin, berada …": the
  // stretch between the commas describes the mention before it; mentions in
  // it are never the subject of the verb after it.
  void mark_appositions() {
    apposition_.assign(mentions_.size(), false);
    for (size_t k = 0; k < mentions_.size(); ++k) {
      uint32_t comma = mentions_[k].end_token;
      if (comma >= end_ || tokens_[comma].norm != ","sv) continue;
      uint32_t close = comma + 1;
      while (close < end_ && close <= comma + 10 && tokens_[close].norm != ","sv && !boundary_[close - first_] &&
             std::find(heads_.begin(), heads_.end(), close) == heads_.end())
        ++close;
      if (close >= end_ || tokens_[close].norm != ","sv) continue;
      for (size_t j = k + 1; j < mentions_.size(); ++j)
        if (mentions_[j].first_token > comma && mentions_[j].end_token <= close) apposition_[j] = true;
    }
  }

  void note(const std::string& s) const { if (trace_) trace_->add(s); }
  // A formatted note, formatted only when someone is tracing (most runs do
  // not: formatting every decision cost more than some decisions).
  template <typename... Args>
  void note_f(fmt::format_string<Args...> format, Args&&... args) const {
    if (trace_) trace_->add(fmt::format(format, std::forward<Args>(args)...));
  }
  std::string tok(uint32_t i) const { return std::string(tokens_[i].span.in(in_.text)); }
  std::string span_text(uint32_t b, uint32_t e) const {
    if (b >= e) return "";
    return std::string(in_.text.substr(tokens_[b].span.begin, tokens_[e - 1].span.end - tokens_[b].span.begin));
  }
  std::string mention_codes(const std::vector<ActorRef>& actors) const {
    std::string s;
    for (const auto& a : actors) s += (s.empty() ? "" : "+") + (a.code.empty() ? "?" : a.code);
    return s;
  }

  void index_mentions() {
    mention_start_.assign(end_ - first_ + 1, -1);
    mention_cover_.assign(end_ - first_ + 1, -1);
    for (size_t k = 0; k < mentions_.size(); ++k) {
      const auto& m = mentions_[k];
      mention_start_[m.first_token - first_] = static_cast<int>(k);
      for (uint32_t t = m.first_token; t < m.end_token; ++t) mention_cover_[t - first_] = static_cast<int>(k);
    }
  }

  int mention_at(uint32_t t) const { return t < end_ ? mention_start_[t - first_] : -1; }

  // Multi-word function words: the class of the longest phrase at token i
  // (or of the token alone).
  size_t word_class_at(uint32_t i, WordClass cls) const {
    if (cls >= WordClass::kCount) return annotation_class_at(i, cls);
    if (i < first_ || i >= end_) return 0;
    const uint32_t k = i - first_;
    if (phrase_len_[k] < 0) look_up_phrase(i);
    if ((phrase_classes_[k] >> static_cast<unsigned>(cls)) & 1u) return static_cast<size_t>(phrase_len_[k]);
    return (classes_[k] >> static_cast<unsigned>(cls)) & 1u;
  }
  // The slow paths of word_class_at, kept out of line so the test above
  // inlines into the loops that ask it of every token.
  [[gnu::noinline]] size_t annotation_class_at(uint32_t i, WordClass cls) const {  // their own trie
    size_t len = 0;
    if (lex_.word_phrase(i, end_, lex_.id_at(tokens_), cls, len)) return len;
    return lex_.is_word(cls, tokens_[i]) ? 1 : 0;
  }
  [[gnu::noinline]] void look_up_phrase(uint32_t i) const {  // once per token
    const uint32_t k = i - first_;
    phrase_len_[k] = 0;
    if (!lex_.phrase_start_classes(tokens_[i])) return;  // most words start no phrase: no trie walk
    const std::vector<uint32_t>* entries = nullptr;
    phrase_len_[k] = static_cast<int>(lex_.word_trie().longest_ref(i, end_, lex_.id_at(tokens_), entries));
    if (entries)
      for (uint32_t v : *entries) phrase_classes_[k] |= uint64_t{1} << static_cast<unsigned>(lex_.words()[v].cls);
  }
  // A token of the sentence in a single-word function-word class.
  bool has_class(uint32_t t, WordClass cls) const {
    if (t < first_ || t >= end_ || cls >= WordClass::kCount) return lex_.is_word(cls, tokens_[t]);
    return (classes_[t - first_] >> static_cast<unsigned>(cls)) & 1u;
  }

  // `literals` marks tokens that a chosen pattern uses as words: a report
  // verb in "menyatakan dukungan kepada" is the verb of an event there, not
  // a clause boundary. The first pass (before matching) has none.
  // PETRARCH codes the verb phrase that codes, not the clauses inside it: a
  // verb in a clause a subordinator opens ("after", "when", not "but")
  // right after a clause with a coded verb, before any comma, is part of
  // that verb's phrase.
  // (`coded_units` as run() numbers PETRARCH's units: clause × 1024 + …)
  bool petrarch_subordinate_of_coded(uint32_t head, const std::vector<size_t>& coded_units) const {
    if (lex_.tabari_subjects() || options_.peer.unit != PeerSettings::Unit::kClause) return false;
    const Clause* c = clause_for(head);
    if (!c || c->opener != Opener::kConj || c == clauses_.data()) return false;
    const std::string& opener = tokens_[c->opener_token].norm;
    if (opener == "but"sv || opener == "yet"sv) return false;
    // (A comma ends the subordinate clause: "after a rift, the agency said".)
    for (uint32_t t = c->opener_token; t < head; ++t)
      if (tokens_[t].norm == ","sv) return false;
    const size_t before = static_cast<size_t>(c - clauses_.data()) - 1;
    return std::any_of(coded_units.begin(), coded_units.end(), [&](size_t u) { return u / 1024 == before; });
  }

  void find_clauses(const std::vector<bool>* literals = nullptr) {
    boundary_.assign(end_ - first_, false);
    clause_of_.assign(end_ - first_, -1);
    clauses_.clear();
    Clause cur{first_, first_, Opener::kNone, 0};
    auto close = [&](uint32_t at) {
      cur.end = at;
      if (cur.end > cur.begin) clauses_.push_back(cur);
    };
    for (uint32_t i = first_; i < end_;) {
      if (mention_cover_[i - first_] >= 0 || (literals && (*literals)[i - first_])) { ++i; continue; }
      Opener op = Opener::kNone;
      size_t len = 0;
      if ((len = word_class_at(i, WordClass::kReport))) op = Opener::kReport;
      else if ((len = word_class_at(i, WordClass::kBoundaryConj))) op = Opener::kConj;
      else if ((len = word_class_at(i, WordClass::kBoundaryRel))) op = Opener::kRel;
      else if ((len = word_class_at(i, WordClass::kBoundaryComp))) op = Opener::kComp;
      else if (tokens_[i].norm == ";"sv || tokens_[i].norm == ":"sv) { op = Opener::kPunct; len = 1; }
      if (op == Opener::kNone) { ++i; continue; }
      close(i);
      for (uint32_t k = i; k < i + len && k < end_; ++k) boundary_[k - first_] = true;
      cur = Clause{static_cast<uint32_t>(i + len), static_cast<uint32_t>(i + len), op, i};
      i += static_cast<uint32_t>(len);
    }
    close(end_);
    for (size_t c = 0; c < clauses_.size(); ++c)
      for (uint32_t t = clauses_[c].begin; t < clauses_[c].end; ++t) clause_of_[t - first_] = static_cast<int>(c);
    // Speakers: a mention right after a report word and followed by the end
    // of the sentence or a comma ("…, kata Zelensky." / "menurut Kemlu, …").
    speaker_.assign(mentions_.size(), false);
    for (size_t k = 0; k < mentions_.size(); ++k) {
      const auto& m = mentions_[k];
      if (m.first_token == first_ || !boundary_[m.first_token - 1 - first_]) continue;
      uint32_t after = m.end_token;
      bool closes = after >= end_ || tokens_[after].kind == TokenKind::kPunct ||
                    tokens_[after].kind == TokenKind::kCloseQuote;
      if (closes) speaker_[k] = true;
    }
    if (trace_ && !literals) {
      for (const auto& c : clauses_)
        note_f("clause [{}] \"{}\"", c.opener == Opener::kNone ? "main" :
                         c.opener == Opener::kReport ? "after report verb" :
                         c.opener == Opener::kConj ? "after conjunction" :
                         c.opener == Opener::kRel ? "relative" :
                         c.opener == Opener::kComp ? "complement" : "after punctuation",
                         span_text(c.begin, c.end));
    }
  }

  bool is_determiner(uint32_t t) const { return has_class(t, WordClass::kDeterminer); }
  // The first token from `at` (before `limit`) that is no determiner, or that
  // begins an actor's name ("the alliance" → "alliance"; "Kelompok Kriminal
  // Bersenjata" stays whole).
  uint32_t past_determiners(uint32_t at, uint32_t limit) const {
    while (at < limit && is_determiner(at) && mention_at(at) < 0) ++at;
    return at;
  }
  uint32_t past_determiners(uint32_t at) const { return past_determiners(at, end_); }

  struct Anaphor {
    WordClass cls;
    uint32_t len;
  };
  // "itu", "keduanya", "negara itu", "the alliance": the anaphor at t, if any.
  std::optional<Anaphor> anaphor_at(uint32_t t) const {
    if (t >= end_) return std::nullopt;
    for (WordClass cls : {WordClass::kAnaphorEvent, WordClass::kAnaphorCountry, WordClass::kAnaphorGroup,
                          WordClass::kAnaphorPair, WordClass::kAnaphorSingle})
      if (size_t len = word_class_at(t, cls)) return Anaphor{cls, static_cast<uint32_t>(len)};
    return std::nullopt;
  }

  // "menyerang Kharkiv", "tiba di Amman", "arrived in Amman": a gazetteer
  // place right where the pattern wants its slot stands for its country, as
  // in the peers' country dictionaries (a capital after "di" is not an actor
  // mention, but here the pattern itself asks for the place).
  bool place_slot(const VerbPattern& p, size_t ei, uint32_t at, Binding& b) const {
    if (ei == 0 || p.elements[ei - 1].kind != PatternElement::kWords || at >= end_ || !tokens_[at].capitalized) return false;
    return bind_place(at, b);
  }

  // The gazetteer place that begins at `at` as the slot's filler.
  bool bind_place(uint32_t at, Binding& b) const {
    std::vector<uint32_t> values;
    const size_t len = lex_.place_trie().longest(at, end_, lex_.id_at(tokens_), values);
    if (!len) return false;
    b.place = static_cast<int>(values.front());
    b.place_first = at;
    b.place_end = at + static_cast<uint32_t>(len);
    return true;
  }

  // An English -ly word ("strongly", "recently"): an adverb the dictionaries
  // need not list.
  bool ly_adverb(uint32_t t) const {
    const std::string& w = tokens_[t].norm;
    return w.size() > 4 && w.compare(w.size() - 2, 2, "ly") == 0;
  }

  // "he", "she", "it", "they": the pronouns TABARI reads as an actor.
  bool subject_pronoun(uint32_t t) const {
    const std::string& w = tokens_[t].norm;
    return w == "he"sv || w == "she"sv || w == "it"sv || w == "they"sv;
  }

  // "meet domestic demand", "met the deadline", "meet its obligations": a
  // pattern flagged `actorobject` whose object is a noun phrase naming no
  // actor is another verb ("satisfy"), not the event. The object starts
  // right after the pattern's words with a determiner or a lower-case word
  // of no function-word class, and no actor or anaphor there; an adverb or
  // a time there means the verb has no object ("will meet again").
  bool object_names_no_actor(const Match& m) const {
    const VerbPattern& p = lex_.patterns()[m.pattern];
    if (!(p.flags & kPatternActorObject)) return false;
    // An adverb (a listed one or phrase: "here", "again", "next week"; an
    // -ly word) or a time right after the verb: used without an object
    // ("will meet again", "met here on Friday").
    const uint32_t t = m.lit_end;
    if (t >= end_ || skip_time(t) != t || word_class_at(t, WordClass::kAdverb) || ly_adverb(t)) return false;
    if (boundary_[t - first_] || mention_at(t) >= 0 || anaphor_at(t)) return false;
    const Token& w = tokens_[t];
    if (w.kind != TokenKind::kWord || w.capitalized) return false;
    if (is_determiner(t)) {
      uint32_t after = t + 1;
      while (after < end_ && is_determiner(after)) ++after;
      return after < end_ && mention_at(after) < 0 && !anaphor_at(after) && tokens_[after].kind == TokenKind::kWord;
    }
    // A plural noun of people ("meet regulators", "met creditors") is an
    // actor this dictionary does not know: still a meeting.
    const std::string& n = w.norm;
    for (const char* people : {"ers", "ors", "ists", "ians", "ants", "ents"})
      if (n.size() > std::strlen(people) + 2 && n.compare(n.size() - std::strlen(people), std::strlen(people), people) == 0)
        return false;
    return lex_.word_classes(w) == 0;
  }

  // "attacked energy facilities in Kharkiv", "menyerang fasilitas energi di
  // wilayah Kharkiv": a force, coercion or violence pattern whose trailing
  // target names no actor takes the country of the place its object is in —
  // a locative preposition, place words ("wilayah", "province of"), then a
  // gazetteer place — shortly after the verb, inside the clause. In English
  // the object may also be the place itself ("besieged the city of
  // Mariupol", "shelled eastern Kharkiv"): the peers' country dictionaries
  // read a bare place the same way (place_slot() takes one right after the
  // verb; this reaches over the place words and an adjective before it).
  // Not with peer dictionaries (their rules are theirs); build_events()
  // drops it when it is the source's own country, as location_target() does.
  bool locative_target(const VerbPattern& p, uint32_t t, Binding& b) const {
    if (in_.lexicon->peer_codes() || p.code.size() < 2) return false;
    static const std::string_view kRoots[] = {"15", "17", "18", "19", "20"};
    if (std::find(std::begin(kRoots), std::end(kRoots), std::string_view(p.code).substr(0, 2)) == std::end(kRoots))
      return false;
    if (english_ && place_phrase(t, b)) {
      b.locative = true;
      return true;
    }
    for (uint32_t k = t; k < end_ && k < t + 8; ++k) {
      if (boundary_[k - first_] || mention_at(k) >= 0) return false;
      if (!has_class(k, WordClass::kPrepLocative)) continue;
      if (!place_phrase(k + 1, b)) return false;
      b.locative = true;
      return true;
    }
    return false;
  }

  // A gazetteer place at `at`, after determiners, place words ("the city
  // of", "wilayah") and one lower-case word of its own ("eastern Kharkiv",
  // "di wilayah Kharkiv"), bound as the slot's filler.
  // (Or before the place words: "the northern town of Kidal".)
  bool place_phrase(uint32_t at, Binding& b) const {
    auto skip_cues = [&](uint32_t& k) {
      const uint32_t from = k;
      while (k < end_ && mention_at(k) < 0) {
        const size_t cue = word_class_at(k, WordClass::kPlaceCue);
        if (!cue) break;
        k += static_cast<uint32_t>(cue);
      }
      return k > from;
    };
    at = past_determiners(at);
    skip_cues(at);
    if (at + 1 < end_ && tokens_[at].kind == TokenKind::kWord && !tokens_[at].capitalized && mention_at(at) < 0 &&
        !boundary_[at - first_] && !has_class(at, WordClass::kPrep)) {
      uint32_t next = at + 1;
      if (tokens_[next].capitalized || skip_cues(next)) at = next;
    }
    return at < end_ && mention_at(at) < 0 && tokens_[at].capitalized && bind_place(at, b);
  }

  // An event anaphor's doers (resolve_binding()), or, when one shares a
  // country with the sources, the most recent doer that shares none.
  std::vector<ActorRef> doer_apart_from(const std::vector<ActorRef>& sources, std::vector<ActorRef> targets,
                                        std::string& how) const {
    auto country_of = [](const ActorRef& a) -> const std::string& { return a.country.empty() ? a.code : a.country; };
    auto among_sources = [&](const ActorRef& a) {
      return std::any_of(sources.begin(), sources.end(), [&](const ActorRef& s) { return country_of(s) == country_of(a); });
    };
    if (std::none_of(targets.begin(), targets.end(), among_sources)) return targets;
    for (const ActorRef& d : discourse_.doers) {
      if (among_sources(d)) continue;
      ActorRef a = d;
      a.anaphor = true;
      if (!targets.empty()) { a.span = targets.front().span; a.name = targets.front().name; }
      how += " (the doer before: the sources' own act came last)";
      return {a};
    }
    return targets;  // no other doer: as resolved (a target the same as the source is dropped later)
  }

  // What an anaphor refers to: the last subject, the last pair, or the most
  // recent actor of the kind a typed one names ("negara itu" a country,
  // "aliansi itu" an organisation or armed group).
  std::vector<ActorRef> resolve_anaphor(WordClass cls) const {
    if (cls == WordClass::kAnaphorPair) return discourse_.last_pair;
    // "mengecam serangan itu", "condemned the attack": the one who did it.
    if (cls == WordClass::kAnaphorEvent) return discourse_.last_doer;
    if (cls == WordClass::kAnaphorSingle) return discourse_.last_subject;
    for (auto it = discourse_.recent.rbegin(); it != discourse_.recent.rend(); ++it) {
      const std::string& c = it->code;
      const ActorUnit* unit = it->country.empty() ? nullptr : in_.lexicon->codebook().unit(it->country);
      bool country = unit && unit->kind == ActorUnitKind::kCountry && it->role.empty();
      bool group = c.rfind("IGO", 0) == 0 || c.rfind("NGO", 0) == 0 || c.rfind("IMG", 0) == 0 ||
                   it->role.find("REB") != std::string::npos || it->role.find("INS") != std::string::npos ||
                   it->role.find("SEP") != std::string::npos || it->role.find("RAD") != std::string::npos;
      if ((cls == WordClass::kAnaphorCountry && country) || (cls == WordClass::kAnaphorGroup && group)) return {*it};
    }
    return {};
  }

  static bool is_single_token_words(const PatternElement& el) {
    return std::all_of(el.alternative_ids.begin(), el.alternative_ids.end(),
                       [](const std::vector<uint32_t>& a) { return a.size() == 1; });
  }

  // The words of one alternative (vocabulary ids) at token `at`. English
  // possessives meet their bare form: "Russia's" matches "russia".
  bool words_match(const std::vector<uint32_t>& alt, uint32_t at) const {
    if (at + alt.size() > end_) return false;
    for (size_t k = 0; k < alt.size(); ++k) {
      const Token& t = tokens_[at + k];
      if (lex_.word_id(t) == alt[k]) continue;
      // (TABARI: a word written exact, "PLAN_TO_*", takes no noun ending:
      // "plan's to" is not it; its stems, "PLAN*", still begin "plan's".)
      if (lex_.base_id(t) == alt[k] && !lex_.tabari_subjects()) continue;
      if (!lex_.stem_matches(lex_.stem_id(t), alt[k])) return false;
    }
    return true;
  }

  // Past a time adjunct at t: "on Friday", "Tuesday", "on March 3",
  // "yesterday", "last night". English only; t itself when there is none.
  // Memoised per token: the matcher asks for every pattern it tries.
  uint32_t skip_time(uint32_t t) const {
    if (!english_ || t >= end_) return t;
    if (skip_time_.empty()) skip_time_.assign(end_ - first_, UINT32_MAX);
    uint32_t& known = skip_time_[t - first_];
    if (known == UINT32_MAX) known = skip_time_uncached(t);
    return known;
  }

  uint32_t skip_time_uncached(uint32_t t) const {
    uint32_t u = t;
    while (u < end_) {
      uint32_t v = u;
      if (tokens_[v].norm == "here"sv || tokens_[v].norm == "there"sv) { u = v + 1; continue; }  // "said here Wednesday"
      if (tokens_[v].norm == "on"sv && v + 1 < end_) ++v;
      if (has_class(v, WordClass::kWeekday)) { u = v + 1; continue; }
      if (has_class(v, WordClass::kMonth) && v + 1 < end_ && tokens_[v + 1].kind == TokenKind::kNumber) { u = v + 2; continue; }
      // A date in brackets: "(February 11, 2025)".
      if (v == u && tokens_[v].norm == "("sv) {
        uint32_t w = v + 1;
        bool date = false;
        while (w < end_ && w < v + 8 && tokens_[w].norm != ")"sv) {
          const Token& x = tokens_[w];
          if (has_class(w, WordClass::kMonth) || has_class(w, WordClass::kWeekday)) date = true;
          else if (x.kind != TokenKind::kNumber && x.norm != ","sv && x.norm != "/"sv && x.norm != "-"sv) break;
          ++w;
        }
        if (date && w < end_ && tokens_[w].norm == ")"sv) { u = w + 1; continue; }
      }
      if (v == u) {
        if (size_t len = word_class_at(u, WordClass::kRelativeDay)) { u += static_cast<uint32_t>(len); continue; }
      }
      break;
    }
    return u;
  }

  bool match_forward(const VerbPattern& p, size_t ei, uint32_t t, Match& m) const {
    if (ei == p.elements.size()) return true;
    const auto& el = p.elements[ei];
    const bool last = ei + 1 == p.elements.size();
    switch (el.kind) {
      case PatternElement::kWords: {
        // Quantities may stand before a pattern's noun: "mengerahkan sekitar
        // 1.200 personel", "deployed about 300 troops".
        uint32_t after_quantity = t;
        if (ei > p.head)
          while (after_quantity < end_ && (tokens_[after_quantity].kind == TokenKind::kNumber ||
                                           has_class(after_quantity, WordClass::kQuantity)))
            ++after_quantity;
        // A time adjunct may stand there too: "demanded on Friday that",
        // "said Tuesday that" (English).
        const uint32_t after_time = ei > p.head ? skip_time(t) : t;
        const uint32_t starts[3] = {t, after_quantity, after_time};
        for (int si = 0; si < 3; ++si) {
          const uint32_t start = starts[si];
          if ((si >= 1 && start == t) || (si == 2 && start == after_quantity)) continue;
          // "agreed on Tuesday to …": the "on" of a date is not the pattern's "on".
          if (si == 0 && after_time != t) continue;
          for (const auto& alt : el.alternative_ids) {
            if (!words_match(alt, start)) continue;
            const auto saved = m.save();
            for (uint32_t k = 0; k < alt.size(); ++k) m.literal_tokens.push_back(start + k);
            m.lit_end = std::max<uint32_t>(m.lit_end, start + static_cast<uint32_t>(alt.size()));
            if (match_forward(p, ei + 1, start + static_cast<uint32_t>(alt.size()), m)) return true;
            m.restore(saved);
          }
        }
        // A closing "PREP +" may stand after a long object: "mengirim
        // bantuan berupa generator, selimut, dan obat-obatan ke Ukraina".
        // Let the preposition float up to 12 tokens inside the clause.
        if (ei > p.head && ei + 2 == p.elements.size() && p.elements[ei + 1].kind == PatternElement::kTarget &&
            is_single_token_words(el)) {
          for (uint32_t skip = 1; skip <= 12 && t + skip < end_; ++skip) {
            if (boundary_[t + skip - 1 - first_]) break;
            for (const auto& alt : el.alternative_ids) {
              if (!words_match(alt, t + skip)) continue;
              const auto saved = m.save();
              m.literal_tokens.push_back(t + skip);
              m.lit_end = std::max<uint32_t>(m.lit_end, t + skip + 1);
              if (match_forward(p, ei + 1, t + skip + 1, m)) return true;
              m.restore(saved);
            }
          }
        }
        return false;
      }
      case PatternElement::kSkip: {
        // A peer's '^': an actor passed over, a few words on at most.
        for (uint32_t k = 0; k <= kPeerGap && t + k < end_; ++k) {
          const int mi = mention_at(t + k);
          if (mi < 0 || mentions_[mi].media) continue;
          if (match_forward(p, ei + 1, mentions_[mi].end_token, m)) return true;
        }
        return false;
      }
      case PatternElement::kGap: {
        // Peer dictionaries' gaps are the peers' spaces: they reach further
        // and across clause words ("ALLOW … REAL_PLEASANT" over "that Mordor
        // isn't a").
        const bool peer = in_.lexicon->peer_codes();
        const uint32_t max_gap = peer ? kPeerGap : 4;
        for (uint32_t k = 0; k <= max_gap && t + k <= end_; ++k) {
          if (k > 0 && !peer && (boundary_[t + k - 1 - first_])) break;
          if (match_forward(p, ei + 1, t + k, m)) return true;
        }
        return false;
      }
      case PatternElement::kSource:
      case PatternElement::kTarget: {
        Binding& b = el.kind == PatternElement::kSource ? m.source : m.target;
        // "mengusir diplomat Rusia": the actor "diplomat Rusia" begins at the
        // pattern's last literal; it fills the slot and the literal stays.
        if (t > first_ && ei > 0 && p.elements[ei - 1].kind == PatternElement::kWords) {
          int mi = mention_cover_[t - 1 - first_];
          if (mi >= 0 && mentions_[mi].end_token > t && !mentions_[mi].media) {
            Binding saved = b;
            b.mention = mi;
            if (match_forward(p, ei + 1, mentions_[mi].end_token, m)) return true;
            b = saved;
          }
        }
        // An anaphor may begin with a determiner ("the alliance",
        // "kelompok itu"): look for one before skipping them.
        // Nor when an actor's name begins with one ("Kelompok Kriminal
        // Bersenjata").
        uint32_t at = t;
        if (!anaphor_at(t) && mention_at(t) < 0) {
          at = past_determiners(at);
        }
        // (TABARI's trailing "$" is found as a trailing "+" is: "+ * IN_ $"
        // in "broke in an anti- X parade".)
        if (!last || (el.kind == PatternElement::kSource && !lex_.tabari_subjects())) {
          // Positional: the filler must start here.
          int mi = mention_at(at);
          if (mi >= 0 && !mentions_[mi].media) {
            Binding saved = b;
            b.mention = mi;
            if (match_forward(p, ei + 1, mentions_[mi].end_token, m)) return true;
            b = saved;
          }
          if (auto a = anaphor_at(at)) {
            Binding saved = b;
            b.anaphor_token = static_cast<int>(at);
            b.anaphor_len = a->len;
            b.anaphor_class = a->cls;
            if (match_forward(p, ei + 1, at + a->len, m)) return true;
            b = saved;
          }
          if (Binding saved = b; place_slot(p, ei, at, b)) {
            if (match_forward(p, ei + 1, b.place_end, m)) return true;
            b = saved;
          }
          return false;
        }
        // A trailing target: the first actor within 6 tokens, inside the clause.
        // An anaphor that refers to nothing yet ("serangan itu" with no
        // event before it) is passed over.
        if (auto a = anaphor_at(at); a && mention_at(at) < 0 &&
            (!resolve_anaphor(a->cls).empty() || (a->cls == WordClass::kAnaphorSingle && has_reporter(at)))) {
          b.anaphor_token = static_cast<int>(at);
          b.anaphor_len = a->len;
          b.anaphor_class = a->cls;
          return true;
        }
        if (mention_at(at) < 0 && place_slot(p, ei, at, b)) return true;
        for (uint32_t k = t; k < end_ && k < t + 6; ++k) {
          if (boundary_[k - first_]) break;
          int mi = mention_at(k);
          if (mi >= 0 && !mentions_[mi].media && !speaker_[mi]) {
            b.mention = mi;
            return true;
          }
        }
        return locative_target(p, t, b);
      }
    }
    return false;
  }

  // A nominal pattern's `$`: the actor that modifies the noun, right before
  // it ("an Israeli air strike", "Russia's invasion", "a rebel attack"),
  // with at most two lower-case words between ("Israeli tank shelling").
  bool nominal_source(uint32_t noun, Match& m) const {
    uint32_t t = noun;
    for (int skipped = 0; t > first_; ++skipped) {
      int mi = mention_cover_[t - 1 - first_];
      if (mi >= 0) {
        if (mentions_[mi].end_token != t || mentions_[mi].media) return false;
        m.source.mention = mi;
        m.lit_first = std::min(m.lit_first, mentions_[mi].first_token);
        return true;
      }
      const Token& w = tokens_[t - 1];
      if (skipped == 2 || w.kind != TokenKind::kWord || w.capitalized || is_determiner(t - 1) ||
          has_class(t - 1, WordClass::kPrep) || boundary_[t - 1 - first_])
        return false;
      --t;
    }
    return false;
  }

  // The elements before the head, matched right to left. A slot at index 0
  // is the clause subject and is resolved later; elsewhere a slot is the
  // actor (or anaphor) that ends right there, and a gap spans 0 to 4 tokens
  // (peer dictionaries put words, slots and gaps before their verbs:
  // "+ HOSTAGE * IN_ $").
  bool match_backward(const VerbPattern& p, uint32_t head_tok, Match& m) const {
    return match_back(p, p.head, head_tok, m);
  }

  // Elements [0, ei) of `p`, ending at token `t`.
  bool match_back(const VerbPattern& p, size_t ei, uint32_t t, Match& m) const {
    if (ei == 0) return true;
    const auto& el = p.elements[ei - 1];
    if (ei == 1 && el.kind != PatternElement::kWords && el.kind != PatternElement::kGap && el.kind != PatternElement::kSkip) {
      if ((p.flags & kPatternNominal) && el.kind == PatternElement::kSource) return nominal_source(t, m);
      (el.kind == PatternElement::kSource ? m.source_is_subject : m.target_is_subject) = true;
      return true;
    }
    const uint32_t lit_first = m.lit_first;
    switch (el.kind) {
      case PatternElement::kWords:
        for (const auto& alt : el.alternative_ids) {
          if (t < first_ + alt.size()) continue;
          const uint32_t at = t - static_cast<uint32_t>(alt.size());
          if (!words_match(alt, at)) continue;
          const auto saved = m.save();
          for (uint32_t k = 0; k < alt.size(); ++k) m.literal_tokens.push_back(at + k);
          m.lit_first = std::min(m.lit_first, at);
          if (match_back(p, ei - 1, at, m)) return true;
          m.restore(saved);
          m.lit_first = lit_first;
        }
        return false;
      case PatternElement::kSkip: {
        // A peer's '^' before the verb: an actor ending at most a few words
        // before t.
        for (uint32_t k = 0; k <= kPeerGap && t >= first_ + k + 1; ++k) {
          const int mi = mention_cover_[t - k - 1 - first_];
          if (mi < 0 || mentions_[mi].end_token != t - k || mentions_[mi].media) continue;
          if (match_back(p, ei - 1, mentions_[mi].first_token, m)) return true;
        }
        return false;
      }
      case PatternElement::kGap: {
        const bool peer = in_.lexicon->peer_codes();
        for (uint32_t k = 0; k <= (peer ? kPeerGap : 4u) && t >= first_ + k; ++k) {
          if (k > 0 && !peer && boundary_[t - k - first_]) break;
          if (match_back(p, ei - 1, t - k, m)) return true;
        }
        return false;
      }
      case PatternElement::kSource:
      case PatternElement::kTarget: {
        if (t <= first_) return false;
        Binding& b = el.kind == PatternElement::kSource ? m.source : m.target;
        const int mi = mention_cover_[t - 1 - first_];
        if (mi >= 0 && mentions_[mi].end_token == t && !mentions_[mi].media) {
          const Binding saved = b;
          b.mention = mi;
          if (match_back(p, ei - 1, mentions_[mi].first_token, m)) return true;
          b = saved;
        }
        for (uint32_t len = 1; len <= 3 && t >= first_ + len; ++len) {
          const auto a = anaphor_at(t - len);
          if (!a || a->len != len) continue;
          const Binding saved = b;
          b.anaphor_token = static_cast<int>(t - len);
          b.anaphor_len = a->len;
          b.anaphor_class = a->cls;
          if (match_back(p, ei - 1, t - len, m)) return true;
          b = saved;
        }
        return false;
      }
    }
    return false;
  }

  // Patterns reached through the root of an inflected head: "menyerangnya"
  // and "diserangkan" find the patterns written for "menyerang".
  // The analysis of an Indonesian word. Analysis is the costly part and news
  // repeats its verbs: each thread keeps the answers it computed for this
  // lexicon (keyed by its serial, so a reloaded lexicon starts afresh).
  const MorphAnalysis* analysis(const std::string& w) const {
    const IndonesianAnalyser* an = lex_.analyser();
    if (!an) return nullptr;
    struct Cache {
      uint64_t lexicon = 0;
      std::unordered_map<std::string, MorphAnalysis> answers;
    };
    thread_local Cache cache;
    if (cache.lexicon != lex_.serial() || cache.answers.size() > 200000) {
      cache.lexicon = lex_.serial();
      cache.answers.clear();
    }
    auto it = cache.answers.find(w);
    if (it == cache.answers.end()) it = cache.answers.emplace(w, an->analyse(w)).first;
    return &it->second;
  }

  const std::vector<uint32_t>* root_patterns(uint32_t i) const {
    const std::string& w = tokens_[i].norm;
    bool active = w.rfind("me", 0) == 0, passive = w.rfind("di", 0) == 0;
    if (!active && !passive) return nullptr;
    const MorphAnalysis* a = analysis(w);
    if (!a || a->root == w || !a->in_root_list) return nullptr;
    std::string key = verb_key(*a);
    if (key.empty()) return nullptr;
    return lex_.patterns_for_root(key);
  }

  // An Indonesian verb by its form: a meN-, di-, ber- or ter- word whose root
  // is known ("membiarkan", "digunakan"), even if no pattern uses it.
  bool looks_like_verb(uint32_t t) const {
    const std::string& w = tokens_[t].norm;
    if (tokens_[t].kind != TokenKind::kWord || mention_cover_[t - first_] >= 0) return false;
    if (!(w.rfind("me", 0) == 0 || w.rfind("di", 0) == 0 || w.rfind("ber", 0) == 0 || w.rfind("ter", 0) == 0))
      return false;
    const MorphAnalysis* a = analysis(w);
    return a && a->in_root_list && !a->prefixes.empty() && a->root != w;
  }

  // "Rusia dan Ukraina saling serang" / "saling menuduh": a reciprocal word
  // before a verb (bare root or meN- form) makes the root's pattern
  // reciprocal over the subject's actors, with no target of its own.
  bool reciprocal_word_before(uint32_t i) const {
    return i > first_ && has_class(i - 1, WordClass::kReciprocal);
  }

  // The fallback when no pattern matches a reciprocal verb as written.
  bool reciprocal_match(uint32_t i, std::vector<Match>& out) const {
    if (!reciprocal_word_before(i)) return false;
    const std::string& w = tokens_[i].norm;
    // "saling serang": a bare root takes the plain meN- verb's patterns.
    std::string key;
    if (const MorphAnalysis* a = analysis(w); a && a->in_root_list) {
      key = verb_key(*a);
      if (key.empty()) key = a->root + "||#a";
    }
    const std::vector<uint32_t>* ids = key.empty() ? nullptr : lex_.patterns_for_root(key);
    if (!ids) ids = lex_.patterns_for_head(tokens_[i]);
    if (!ids) return false;
    // The general pattern of the root: the one with fewest literals (the
    // plain "$ VERB +"), so "saling serang" is 190, not a specific 19x.
    const VerbPattern* best = nullptr;
    uint32_t best_id = 0;
    for (uint32_t id : *ids) {
      const VerbPattern& p = lex_.patterns()[id];
      if (p.flags & kPatternPassive) continue;
      if (!best || p.literal_count < best->literal_count) { best = &p; best_id = id; }
    }
    if (!best) return false;
    Match m;
    m.pattern = best_id;
    m.head = i;
    m.lit_first = i - 1;
    m.lit_end = i + 1;
    m.literal_tokens = {i - 1, i};
    m.source_is_subject = true;
    m.reciprocal = true;
    out.push_back(std::move(m));
    if (trace_) note_f("\"{} {}\": reciprocal use of {} [{}]", tok(i - 1), tok(i), in_.lexicon->where(best->ref), best->code);
    return true;
  }

  std::vector<Match> candidate_matches() {
    std::vector<Match> out;
    uint32_t noun_noted = UINT32_MAX;
    for (uint32_t i = first_; i < end_; ++i) {
      if (mention_cover_[i - first_] >= 0 || tokens_[i].kind != TokenKind::kWord) continue;
      const size_t before = out.size();
      if (!dropped_.empty() && dropped_[i - first_]) continue;
      add_head_matches(i, out, noun_noted);
      // A peer's "% *" codes only a coordinated source.
      if (in_.lexicon->peer_codes())
        out.erase(std::remove_if(out.begin() + static_cast<std::ptrdiff_t>(before), out.end(),
                                 [&](const Match& m) {
                                   if (!(lex_.patterns()[m.pattern].flags & kPatternCompound)) return false;
                                   std::string how;
                                   Span sp;
                                   return !m.source_is_subject || subject(m.head, how, sp).size() < 2;
                                 }),
                  out.end());
      // A pattern's words in a stretch left out do not match (TABARI COMMA).
      if (!dropped_.empty())
        out.erase(std::remove_if(out.begin() + static_cast<std::ptrdiff_t>(before), out.end(),
                                 [&](const Match& m) {
                                   return std::any_of(m.literal_tokens.begin(), m.literal_tokens.end(),
                                                      [&](uint32_t t) { return dropped_[t - first_]; });
                                 }),
                  out.end());
      if (reciprocal_word_before(i)) {
        // "saling bertukar informasi intelijen": the patterns that match as
        // written, made reciprocal; else the root's general pattern.
        for (size_t k = before; k < out.size(); ++k) {
          out[k].reciprocal = true;
          out[k].source_is_subject = true;
          out[k].target = Binding{};
          out[k].literal_tokens.push_back(i - 1);
          out[k].lit_first = std::min(out[k].lit_first, i - 1);
        }
        if (out.size() == before) reciprocal_match(i, out);
      }
    }
    return out;
  }

  // Every pattern indexed under token i (by form, else by root) matched
  // exactly around it.
  void add_head_matches(uint32_t i, std::vector<Match>& out, uint32_t& noun_noted) const {
    // The head's own form first, then its stem (peer dictionaries).
    const uint32_t stem = lex_.stem_id(tokens_[i]);
    const std::vector<uint32_t>* by_stem = stem ? lex_.patterns_for_head(stem) : nullptr;
    for (int pass = 0; pass < 2; ++pass) {
      const auto* ids = pass == 0 ? lex_.patterns_for_head(tokens_[i]) : by_stem;
      bool by_root = false;
      if (!ids && pass == 0) {
        ids = root_patterns(i);
        by_root = ids != nullptr;
        if (by_root && trace_) note_f("\"{}\" reaches patterns through its root", tok(i));
      }
      if (!ids) continue;
      // A long list: only the patterns whose needed word the sentence has.
      if (!by_root) {
        if (const auto* keyed = lex_.keyed_patterns_for_head(pass == 0 ? lex_.word_id(tokens_[i]) : stem)) {
          ensure_present();
          keyed_candidates_ = keyed->always;
          // Whichever is shorter: each key checked against the sentence's
          // marks (one array read), or each of the sentence's ids looked up
          // among the keys (a binary search).
          auto take = [&](size_t k) {
            const auto& more = keyed->patterns[k];
            keyed_candidates_.insert(keyed_candidates_.end(), more.begin(), more.end());
          };
          if (keyed->words.size() <= 8 * present_.size()) {
            for (size_t k = 0; k < keyed->words.size(); ++k)
              if (is_present(keyed->words[k])) take(k);
          } else {
            for (uint32_t id : present_) {
              auto at = std::lower_bound(keyed->words.begin(), keyed->words.end(), id);
              if (at != keyed->words.end() && *at == id) take(static_cast<size_t>(at - keyed->words.begin()));
            }
          }
          std::sort(keyed_candidates_.begin(), keyed_candidates_.end());
          keyed_candidates_.erase(std::unique(keyed_candidates_.begin(), keyed_candidates_.end()), keyed_candidates_.end());
          ids = &keyed_candidates_;
        }
      }
      const size_t matched_before = out.size();
      Match m;  // reused across patterns: most fail, and a fresh one would allocate each time
      // The sentence's word list pays for itself only on heads with many
      // patterns ("call", "hold", "demand"): most of theirs need a word the
      // sentence lacks.
      const bool check_required = ids->size() >= 8;
      // "the detained journalist", "in occupied territory": an English -ed
      // form after a determiner or a preposition modifies a noun; only the
      // passive and nominal readings apply.
      const std::string& hw = tokens_[i].norm;
      // Likewise an -ing form after a determiner is a noun ("the offering",
      // "the meeting").
      // (kabar's own reading of English: peer dictionaries bring theirs.)
      const bool english = lex_.has_class_words(WordClass::kVerbContext) && i > first_ && hw.size() > 4 &&
                           !lex_.peer_actors();
      auto article_before = [&] {  // "the", "a", a possessive: not "both", "all" (pronouns too)
        const std::string& b = tokens_[i - 1].norm;
        return b == "the"sv || b == "a"sv || b == "an"sv || b == "its"sv || b == "their"sv || b == "his"sv || b == "her"sv || b == "our"sv;
      };
      // Any form right after an article is a noun ("the arrests", "a strike").
      // And an -ed form after a number ("freed five jailed Americans").
      // And an -ing form that is also a noun (noun.ing), after a plain
      // lower-case word — an adjective or a noun, no auxiliary, adverb,
      // preposition or other function word, no actor — is a noun too ("a
      // private meeting", "the cabinet meeting"; not "stop attacking").
      auto ing_after_modifier = [&] {
        if (!has_class(i, WordClass::kNounIng)) return false;
        const Token& b = tokens_[i - 1];
        // After the name of an organisation or a country ("the G-7 meeting",
        // "an OPEC meeting"); not after people ("ministers meeting in Vienna").
        if (int mi = mention_cover_[i - 1 - first_]; mi >= 0)
          return mentions_[mi].end_token == i && !mentions_[mi].actors.empty() &&
                 std::all_of(mentions_[mi].actors.begin(), mentions_[mi].actors.end(),
                             [](const ActorRef& a) { return a.role.empty(); });
        if (b.kind != TokenKind::kWord || b.capitalized || boundary_[i - 1 - first_]) return false;
        if (lex_.word_classes(b) != 0 || word_class_at(i - 1, WordClass::kAdverb)) return false;
        // A verb before it takes it as its object ("begin bargaining",
        // "continue meeting with").
        if (lex_.patterns_for_head(b)) return false;
        return !ly_adverb(i - 1);
      };
      const bool adjectival =
          english && (article_before() || ing_after_modifier() ||
                      (hw.compare(hw.size() - 2, 2, "ed") == 0 &&
                       ((has_class(i - 1, WordClass::kPrep) && tokens_[i - 1].norm != "by"sv) ||
                        tokens_[i - 1].kind == TokenKind::kNumber || lex_.is_word(WordClass::kNumberWord, tokens_[i - 1]))));
      const std::vector<PatternFilter>& filters = lex_.pattern_filters();
      // TABARI and PETRARCH read a capitalised word inside the sentence
      // ("about To Restore"), or a word after an article ("the restore"),
      // as a noun, not a verb.
      // (Not in text written all in capitals.)
      auto title_case = [&](uint32_t t) {
        if (!tokens_[t].capitalized) return false;
        std::string_view w = in_.text.substr(tokens_[t].span.begin, tokens_[t].span.end - tokens_[t].span.begin);
        return std::any_of(w.begin(), w.end(), [](char ch) { return ch >= 'a' && ch <= 'z'; });
      };
      if (lex_.peer_actors() && i > first_ &&
          (title_case(i) || tokens_[i - 1].norm == "the"sv || tokens_[i - 1].norm == "a"sv ||
           tokens_[i - 1].norm == "an"sv)) {
        if (trace_) note_f("\"{}\" reads as a noun (capitalised, or after an article)", tok(i));
        return;
      }
      for (uint32_t id : *ids) {
        const PatternFilter& f = filters[id];  // dense: the pattern itself is read only if these pass
        if (!base_form_is_verb(f, id, i)) {
          if (trace_ && noun_noted != i) {
            note_f("\"{}\" reads as a noun here (no actor, pronoun or auxiliary before it): its verb patterns are not tried", tok(i));
            noun_noted = i;
          }
          continue;
        }
        if (!next_word_allows(f, i) || (check_required && !required_words_present(f))) continue;
        if (adjectival && !(f.flags & (kPatternPassive | kPatternNominal))) continue;
        const VerbPattern& p = lex_.patterns()[id];
        {
          std::vector<uint32_t> keep = std::move(m.literal_tokens);  // its capacity
          keep.clear();
          m = Match{};
          m.literal_tokens = std::move(keep);
        }
        m.pattern = id;
        m.head = i;
        m.lit_first = i;
        m.lit_end = i;
        // The head element itself, then the rest. A head reached through
        // its root is matched already: continue after it.
        if (by_root) {
          m.literal_tokens.push_back(i);
          m.lit_end = i + 1;
          if (!match_forward(p, p.head + 1, i + 1, m)) continue;
        } else if (!match_forward(p, p.head, i, m)) {
          continue;
        }
        if (!match_backward(p, i, m)) continue;
        if (p.head == 0 && !p.elements.empty()) {
          // Pattern starts with a literal: no subject slot; the source is the
          // clause subject by convention (docs/DICTIONARIES.md).
          if (!m.source.bound()) m.source_is_subject = true;
        }
        if (!(p.elements.front().kind == PatternElement::kSource) &&
            !(p.elements.front().kind == PatternElement::kTarget) && !m.source.bound())
          m.source_is_subject = true;
        out.push_back(m);
      }
      if (trace_)
        note_f("head \"{}\": {} pattern(s) tried, {} matched", tok(i), ids->size(), out.size() - matched_before);
    }
  }

  // PatternFilter::required: does every required literal element have a
  // first word somewhere in the sentence?
  bool required_words_present(const PatternFilter& f) const {
    if (!f.required) return true;
    ensure_present();
    const uint32_t* w = lex_.filter_words().data() + f.words + f.next_count;
    for (int r = 0; r < f.required; ++r) {
      const uint32_t n = *w++;
      bool found = false;
      for (uint32_t k = 0; k < n && !found; ++k) found = is_present(w[k]);
      if (!found) return false;
      w += n;
    }
    return true;
  }

  // Whether the event at `head` coded `code` is a threat (root 13): as
  // written, or as the intent an announced act is coded as ("akan turun ke
  // jalan" after "mengancam": 141 announced is 133).
  bool threat_event(const std::string& code, uint32_t head) const {
    const CameoCode* cc = in_.lexicon->codebook().find(code);
    if (!cc) return false;
    if (cc->root == "13"sv) return true;
    std::string why;
    if (modality_for(head, why) != Modality::kFuture) return false;
    const CameoCode* intent = in_.lexicon->codebook().intent_for(code);
    return intent && intent->root == "13"sv;
  }

  // The actor that opens the first conditional clause after token `from`
  // ("if parliament passes …", "jika pemerintah tidak …"), past determiners;
  // nullptr when the condition does not begin with one.
  const Mention* condition_subject(uint32_t from) const {
    for (uint32_t t = from; t < end_; ++t) {
      const size_t len = word_class_at(t, WordClass::kCondition);
      if (!len) continue;
      uint32_t at = t + static_cast<uint32_t>(len);
      at = past_determiners(at);
      const int mi = mention_at(at);
      return mi >= 0 && !mentions_[mi].media ? &mentions_[mi] : nullptr;
    }
    return nullptr;
  }

  // Whether a word id occurs in the sentence (ensure_present() first): one
  // array read, where a pattern's alternatives are many.
  bool is_present(uint32_t id) const {
    return id < marks_->marks.size() && marks_->marks[id] == marks_->stamp;
  }

  PresenceMarks& presence_marks() const {
    thread_local PresenceMarks marks;
    return marks;
  }

  // present_: the ids (word, possessive base, stem) of the sentence's
  // tokens, each once, in order of first occurrence; stamped in
  // presence_marks(), which marks_ points to from then on.
  void ensure_present() const {
    if (present_.empty()) {
      PresenceMarks& p = presence_marks();
      if (p.lexicon != lex_.serial() || p.stamp == UINT32_MAX) {
        p.lexicon = lex_.serial();
        p.stamp = 0;
        p.marks.assign(lex_.vocabulary().size() + 1, 0);
      }
      ++p.stamp;
      marks_ = &p;
      for (uint32_t t = first_; t < end_; ++t) {
        const Token& tk = tokens_[t];
        // "russia's" offers "russia" too.
        auto add = [&](uint32_t id) {
          if (id >= p.marks.size() || p.marks[id] == p.stamp) return;
          p.marks[id] = p.stamp;
          present_.push_back(id);
        };
        for (uint32_t id : {lex_.word_id(tk), lex_.base_id(tk), lex_.stem_id(tk)}) add(id);
        for (uint32_t id : lex_.shorter_stems(lex_.stem_id(tk))) add(id);  // "expressed*" is also "express*"
      }
    }
  }

  // PatternFilter::check_next: can the literal after a one-word head at
  // `head` match at all?
  bool next_word_allows(const PatternFilter& f, uint32_t head) const {
    if (!f.check_next) return true;
    const uint32_t t = head + 1;
    if (t >= end_) return false;
    if (tokens_[t].kind == TokenKind::kNumber || has_class(t, WordClass::kQuantity)) return true;  // may be skipped
    if (skip_time(t) != t) return true;  // a time adjunct may be skipped too
    // English possessives meet their bare form, as words_match allows.
    const uint32_t word = lex_.word_id(tokens_[t]), base = lex_.base_id(tokens_[t]), stem = lex_.stem_id(tokens_[t]);
    const uint32_t* w = lex_.filter_words().data() + f.words;
    for (int k = 0; k < f.next_count; ++k)
      if (w[k] == word || w[k] == base || lex_.stem_matches(stem, w[k])) return true;
    return false;
  }

  // English base forms are also nouns: "a drone attack", "the arrest". A
  // head in its uninflected form counts as a verb only after an actor, a
  // pronoun, an auxiliary or "to" (verb.context words), or an adverb.
  // Languages without verb.context words (Indonesian) skip the test.
  bool base_form_is_verb(const PatternFilter& f, uint32_t pattern, uint32_t head) const {
    if (f.flags & (kPatternPassive | kPatternNominal)) return true;
    if (lex_.peer_actors()) return true;  // the peers' verbs are read by their own rules
    const uint32_t word = lex_.word_id(tokens_[head]);
    bool is_base = false;
    if (f.base_count <= PatternFilter::kInlineBases) {
      for (int k = 0; k < f.base_count; ++k) is_base |= f.head_bases[k] == word;
    } else {
      const auto& bases = lex_.patterns()[pattern].head_base_ids;  // sorted when compiled
      is_base = std::binary_search(bases.begin(), bases.end(), word);
    }
    if (!is_base) return !s_form_is_noun(head);
    if (!lex_.has_class_words(WordClass::kVerbContext)) return true;
    uint32_t before = head;
    while (before > first_ && has_class(before - 1, WordClass::kAdverb)) --before;
    if (before == first_) return false;
    if (int mi = mention_cover_[before - 1 - first_]; mi >= 0) {
      // "Jakarta's offer": after a possessive the base form is a noun.
      const std::string& n = tokens_[before - 1].norm;
      auto ends = [&](std::string_view suf) { return n.size() > suf.size() && n.compare(n.size() - suf.size(), suf.size(), suf) == 0; };
      if (ends("'s") || ends("\u2019s") || ends("s'")) return false;
      // "a government pledge", "the army plan": a singular noun before a
      // base form makes a compound; a verb would agree ("pledges"). Plural
      // and coordinated subjects take the base form ("officials agree").
      if (mentions_[mi].end_token == before && mentions_[mi].actors.size() == 1 && before == head && !ends("s") &&
          tokens_[before - 1].kind == TokenKind::kWord && !tokens_[before - 1].capitalized)
        return false;
      return true;
    }
    return has_class(before - 1, WordClass::kVerbContext) ||
           has_class(before - 1, WordClass::kAnaphorSingle);
  }

  // English -s forms are plural nouns as often as verbs ("economic
  // sanctions against", "the talks"): one counts as a verb only after its
  // subject — an actor, a pronoun — or a coordinator, a relative word or an
  // adverb that follows one.
  bool s_form_is_noun(uint32_t head) const {
    if (!lex_.has_class_words(WordClass::kVerbContext)) return false;
    const std::string& w = tokens_[head].norm;
    if (w.size() < 4 || w.back() != 's' || w.compare(w.size() - 2, 2, "ss") == 0 || w.compare(w.size() - 2, 2, "us") == 0)
      return false;
    uint32_t before = head;
    while (before > first_ && has_class(before - 1, WordClass::kAdverb)) --before;
    if (before == first_) return false;  // a headline may open with its verb
    if (mention_cover_[before - 1 - first_] >= 0) return false;
    const std::string& b = tokens_[before - 1].norm;
    // (Not after "to" or a modal: "invited them to talks" is a noun.)
    if (has_class(before - 1, WordClass::kAnaphorSingle) || has_class(before - 1, WordClass::kBoundaryRel) ||
        has_class(before - 1, WordClass::kBoundaryComp) || b == ","sv || b == "and"sv || b == "or"sv || b == "but"sv ||
        tokens_[before - 1].kind == TokenKind::kOpenQuote || tokens_[before - 1].kind == TokenKind::kCloseQuote)
      return false;
    return true;
  }

  // TABARI's COMPLEX: too many verbs (heads a pattern matched) or
  // conjunctions outside actor names: the sentence is not coded.
  bool tabari_complex(const std::vector<Match>& matches) const {
    const auto& peer = options_.peer;
    if (!lex_.tabari_subjects() || (!peer.complex_verbs && !peer.complex_conj && !peer.complex_no_actor_prior)) return false;
    // NOACTPRIOR: no actor before the first verb that codes (a null-coded
    // one, "On accord X …", does not count; nor one whose pattern places
    // its source after it, "fighting between X and Y"). A forwarded
    // pronoun ("He has also asked …") is an actor.
    if (peer.complex_no_actor_prior) {
      uint32_t first_verb = end_;
      for (const auto& m : matches)
        if (m.head < first_verb && lex_.patterns()[m.pattern].code != "---"sv) first_verb = m.head;
      bool actor_prior = std::any_of(mentions_.begin(), mentions_.end(), [&](const Mention& mn) {
        return mn.first_token < first_verb && !mn.media;
      });
      for (uint32_t t = first_; t < first_verb && !actor_prior; ++t)
        actor_prior = !peer.forwarded_actor.empty() && subject_pronoun(t);
      for (const auto& m : matches) {
        if (m.head != first_verb || actor_prior) continue;
        const VerbPattern& p = lex_.patterns()[m.pattern];
        for (size_t k = p.head + 1; k < p.elements.size() && !actor_prior; ++k)
          actor_prior = p.elements[k].kind == PatternElement::kSource;
      }
      if (first_verb < end_ && !actor_prior) {
        note_f("no actor before the verb \"{}\": complex, not coded (TABARI COMPLEX NOACTPRIOR)", tok(first_verb));
        return true;
      }
    }
    std::vector<uint32_t> heads;
    for (const auto& m : matches)
      if (std::find(heads.begin(), heads.end(), m.head) == heads.end()) heads.push_back(m.head);
    size_t conj = 0;
    for (uint32_t t = first_; t < end_; ++t) {
      const std::string& n = tokens_[t].norm;
      conj += (n == "and"sv || n == "or"sv || n == "but"sv) && mention_cover_[t - first_] < 0;
    }
    const bool too_many = (peer.complex_verbs && heads.size() >= peer.complex_verbs) ||
                          (peer.complex_conj && conj >= peer.complex_conj);
    if (too_many) note_f("{} verbs, {} conjunctions: complex, not coded (TABARI COMPLEX)", heads.size(), conj);
    return too_many;
  }

  // A pattern's word elements written as one word or phrase (not a group
  // of alternatives, such as a peer's synset).
  static int explicit_words(const VerbPattern& p) {
    int n = 0;
    for (const auto& e : p.elements) n += e.kind == PatternElement::kWords && e.alternative_ids.size() == 1;
    return n;
  }

  static int gaps(const VerbPattern& p) {
    return static_cast<int>(std::count_if(p.elements.begin(), p.elements.end(),
                                          [](const PatternElement& e) { return e.kind == PatternElement::kGap; }));
  }

  // Best match per head, then greedy by score over non-overlapping literals.
  std::vector<Match> choose(std::vector<Match>& all) {
    auto better = [&](const Match& a, const Match& b) {
      const auto& pa = lex_.patterns()[a.pattern];
      const auto& pb = lex_.patterns()[b.pattern];
      if (pa.literal_count != pb.literal_count) return pa.literal_count > pb.literal_count;
      int sa = a.target.bound() + a.source.bound(), sb = b.target.bound() + b.source.bound();
      if (sa != sb) return sa > sb;
      // A peer's "% *" over the same words without it (it matched a compound),
      // TABARI's written "$ *" likewise.
      if ((pa.flags & kPatternCompound) != (pb.flags & kPatternCompound)) return (pa.flags & kPatternCompound) != 0;
      if ((pa.flags & kPatternNearSource) != (pb.flags & kPatternNearSource)) return (pa.flags & kPatternNearSource) != 0;
      // The peers: an explicit word over a synset member ("* DOLLAR" over "* &CURRENCY").
      if (in_.lexicon->peer_codes())
        if (const int xa = explicit_words(pa), xb = explicit_words(pb); xa != xb) return xa > xb;
      // TABARI: then the pattern whose words are joined ("IN_*" over "IN_ *"
      // where both match "in accord").
      if (lex_.tabari_subjects())
        if (const int ga = gaps(pa), gb = gaps(pb); ga != gb) return ga < gb;
      if (pa.code.size() != pb.code.size()) return pa.code.size() > pb.code.size();
      if (pa.ref.file != pb.ref.file) return pa.ref.file < pb.ref.file;
      return pa.ref.line < pb.ref.line;
    };
    std::sort(all.begin(), all.end(), better);
    std::vector<Match> chosen;
    std::vector<bool> used(end_ - first_, false);
    for (auto& m : all) {
      const auto& p = lex_.patterns()[m.pattern];
      bool clash = std::any_of(m.literal_tokens.begin(), m.literal_tokens.end(),
                               [&](uint32_t t) { return used[t - first_]; });
      if (trace_)
        note_f("pattern {} [{}] \"{}\" matched at \"{}\"{}", in_.lexicon->where(p.ref), p.code, p.text,
                         tok(m.head), clash ? " — overlaps a better match, dropped" : "");
      // "mend damaged ties with": a head standing inside the words of a
      // better match, between its first and last literal, is part of that
      // phrase, not a verb of its own (English).
      if (!clash && english_) {
        for (const auto& c : chosen) {
          const uint32_t lo = *std::min_element(c.literal_tokens.begin(), c.literal_tokens.end());
          const uint32_t hi = *std::max_element(c.literal_tokens.begin(), c.literal_tokens.end());
          if (m.head > lo && m.head < hi) {
            clash = true;
            if (trace_) note_f("  \"{}\" lies inside the match at \"{}\" — dropped", tok(m.head), tok(c.head));
            break;
          }
        }
      }
      if (clash) continue;
      for (uint32_t t : m.literal_tokens) used[t - first_] = true;
      chosen.push_back(m);
    }
    std::sort(chosen.begin(), chosen.end(), [](const Match& a, const Match& b) { return a.head < b.head; });
    return chosen;
  }

  // How far the first actor after a verb may be its target: the verb's
  // clause, and with peer dictionaries the complement clauses that follow
  // it ("X allowed that Y isn't …": the peers' object is Y).
  uint32_t peer_target_reach(const Clause* c) const {
    if (!c) return end_;
    if (!in_.lexicon->peer_codes()) return c->end;
    size_t ci = static_cast<size_t>(c - clauses_.data());
    while (ci + 1 < clauses_.size() && clauses_[ci + 1].opener == Opener::kComp) ++ci;
    return clauses_[ci].end;
  }

  // PETRARCH: the verb's phrase holds the subordinate clauses after it
  // ("postponed the meeting after a scout was seen near X": X is the
  // target), up to the first comma after the verb.
  uint32_t petrarch_phrase_reach(uint32_t head, uint32_t reach) const {
    if (!in_.lexicon->peer_codes() || lex_.tabari_subjects()) return reach;
    size_t ci = 0;
    while (ci < clauses_.size() && clauses_[ci].end != reach) ++ci;
    if (ci + 1 >= clauses_.size()) return reach;
    const Clause& next = clauses_[ci + 1];
    const std::string& opener = tokens_[next.opener_token].norm;
    if (next.opener != Opener::kConj || opener == "but"sv || opener == "yet"sv) return reach;
    uint32_t t = head + 1;
    while (t < end_ && tokens_[t].norm != ","sv) ++t;
    return std::max(reach, t);
  }

  // PETRARCH: a comma-delimited reporting clause after the verb (", a
  // senior official said") is a clause of its own, its speaker no target:
  // the target search ends at the comma before the speaker.
  uint32_t petrarch_reporter_comma(uint32_t head, uint32_t reach) const {
    if (!in_.lexicon->peer_codes() || lex_.tabari_subjects()) return reach;
    for (uint32_t t = head + 1; t < reach; ++t) {
      if (tokens_[t].norm != ","sv) continue;
      uint32_t at = t + 1;
      while (at < reach && mention_cover_[at - first_] < 0 && tokens_[at].kind == TokenKind::kWord &&
             !tokens_[at].capitalized && at < t + 4)
        ++at;
      const int mi = at < reach ? mention_cover_[at - first_] : -1;
      if (mi < 0 || mentions_[mi].first_token != at) continue;
      const uint32_t after = mentions_[mi].end_token;
      if (after < end_ && word_class_at(after, WordClass::kReport)) return t;
    }
    return reach;
  }

  const Clause* clause_for(uint32_t t) const {
    int c = clause_of_[t - first_];
    return c >= 0 ? &clauses_[c] : nullptr;
  }

  // TABARI's FORWARD: "He has also asked …" opening a sentence of a story
  // before any actor is the first actor of the sentence before it.
  std::vector<ActorRef> forwarded_pronoun(uint32_t head, std::string& how, Span& where_span) const {
    if (options_.peer.forwarded_actor.empty() || !english_) return {};
    const uint32_t limit = std::min(head, mentions_.empty() ? end_ : mentions_.front().first_token);
    for (uint32_t t = first_; t < limit; ++t) {
      if (!subject_pronoun(t)) continue;
      ActorRef a;
      a.code = a.role = options_.peer.forwarded_actor;
      a.name = tok(t);
      a.span = tokens_[t].span;
      a.anaphor = true;
      how = "pronoun forwarded from the sentence before (TABARI FORWARD)";
      where_span = a.span;
      return {a};
    }
    return {};
  }

  // The clause subject for a verb at `head`.
  std::vector<ActorRef> subject(uint32_t head, std::string& how, Span& where_span) const {
    // TABARI: the source is the first actor of the sentence.
    if (lex_.tabari_subjects()) {
      if (auto fwd = forwarded_pronoun(head, how, where_span); !fwd.empty()) return fwd;
      // The first actor of the verb's coding unit ("… and Gondor asked
      // him …"), else of the sentence.
      // (A pronoun opening the unit stands for the sentence's first actor:
      // "… and then it requested …".)
      uint32_t unit = first_;
      for (uint32_t t = first_; t < head; ++t)
        if (unit_divider(t)) unit = t + 1;
      for (uint32_t t = unit; t < head && unit > first_ && mention_cover_[t - first_] < 0; ++t) {
        if (subject_pronoun(t)) { unit = first_; break; }
      }
      for (int pass = 0; pass < 2; ++pass) {
        for (const auto& mn : mentions_) {
          if (mn.first_token >= head) break;
          if (mn.media || (pass == 0 && mn.first_token < unit)) continue;
          how = pass == 0 && unit > first_ ? "first actor of the coding unit (TABARI)" : "first actor of the sentence (peer dictionaries)";
          where_span = mn.span;
          return mn.actors;
        }
        if (unit == first_) break;
      }
      return {};
    }
    const Clause* c = clause_for(head);
    if (!c) return {};
    // "… dan menetapkan …": a verb right after a coordinator shares the
    // subject of the previous verb outside any relative clause.
    uint32_t before = head;
    while (before > first_ && has_class(before - 1, WordClass::kAdverb)) --before;
    if (before > first_ && is_coordinator(before - 1) && tokens_[before - 1].norm != ","sv) {
      for (auto it = heads_.rbegin(); it != heads_.rend(); ++it) {
        if (*it >= head) continue;
        const Clause* pc = clause_for(*it);
        if (!pc || pc->opener == Opener::kRel) continue;
        auto subj = subject(*it, how, where_span);
        if (!subj.empty()) {
          how = "shared with the coordinated verb \"" + tok(*it) + "\"";
          return subj;
        }
        break;
      }
    }
    return subject_in(static_cast<size_t>(c - clauses_.data()), head, how, where_span);
  }

  // The subject of a verb whose clause found no subject actor: the speaker,
  // when the clause is a quotation before its attribution (quoted_speaker())
  // and its subject is the speaker's "we" or "I" ("'We will retaliate,' the
  // minister said"; "'We were attacked,' …" names the speaker as target).
  // Any other subject is someone else: a pronoun ("they will pay"), a noun
  // the dictionaries do not know ("the agreement will …, the company
  // said"). kabar's own English rules.
  std::vector<ActorRef> first_person_speaker(uint32_t head, std::string& how, Span& where_span) const {
    if (!english_ || in_.lexicon->peer_codes()) return {};
    const Clause* c = clause_for(head);
    if (!c || (c->opener != Opener::kNone && c->opener != Opener::kConj && c->opener != Opener::kPunct)) return {};
    bool first_person = false;
    for (uint32_t t = c->begin; t < head; ++t) {
      if (mention_cover_[t - first_] >= 0 || word_class_at(t, WordClass::kAnaphorSingle)) return {};
      first_person |= tokens_[t].norm == "we"sv || tokens_[t].norm == "i"sv;
    }
    return first_person ? quoted_speaker(head, how, where_span) : std::vector<ActorRef>{};
  }

  // "'We will not give up,' the minister said." / "…, said Foreign Minister
  // Sergei Lavrov.": a clause quoted before its attribution, with no subject
  // actor of its own, is the speaker's. The speaker is the actor right
  // before the sentence's closing report word, right after the closing
  // quote ("…," the minister said), or else right after the report word
  // when that follows the closing quote ("…," said Lavrov). A long
  // tail after the report word is a clause of its own, not an attribution.
  std::vector<ActorRef> quoted_speaker(uint32_t head, std::string& how, Span& where_span) const {
    auto sets_off = [&](uint32_t t) { return t > first_ && tokens_[t - 1].kind == TokenKind::kCloseQuote; };
    for (const auto& cl : clauses_) {
      if (cl.opener != Opener::kReport || cl.opener_token <= head) continue;
      if (end_ - cl.begin > 8) return {};
      int mi = -1;
      const int before = mention_cover_[cl.opener_token - 1 - first_];
      if (before >= 0 && mentions_[before].end_token == cl.opener_token && mentions_[before].first_token > head) {
        uint32_t t = mentions_[before].first_token;
        while (t > head + 1 && is_determiner(t - 1)) --t;
        if (sets_off(t)) mi = before;
      }
      if (mi < 0 && sets_off(cl.opener_token)) {
        uint32_t at = cl.begin;
        at = past_determiners(at);
        mi = mention_at(at);
      }
      if (mi < 0 || mentions_[mi].media) return {};
      how = "the speaker of the quoted clause";
      where_span = mentions_[mi].span;
      return mentions_[mi].actors;
    }
    return {};
  }

  // Whether the pronoun at t can stand for the actor written at `sp`: "he"
  // and "she" for one person (a role, not a plural: not "local reporters",
  // not "Germany"), "it" not for people in the plural.
  bool pronoun_agrees(uint32_t t, Span sp) const {
    const Mention* mn = nullptr;
    for (const auto& m : mentions_)
      if (m.span == sp) mn = &m;
    if (!mn || mn->end_token == 0) return true;
    const std::string& last = tokens_[mn->end_token - 1].norm;
    const bool plural = mn->actors.size() > 1 ||
                        (last.size() > 3 && last.back() == 's' && last.compare(last.size() - 2, 2, "'s") != 0 &&
                         last.compare(last.size() - 2, 2, "ss") != 0 && !tokens_[mn->end_token - 1].capitalized);
    const bool role = !mn->actors.empty() && !mn->actors[0].role.empty();
    const std::string& p = tokens_[t].norm;
    if (p == "he"sv || p == "she"sv) return role && !plural;
    if (p == "it"sv) return !(role && plural);
    // "they" for a collective ("police said they …") but not for one
    // person ("a spokesman said they …").
    if (p == "they"sv && role && !plural && mn->actors.size() == 1 && !tokens_[mn->end_token - 1].capitalized) {
      static const char* const kCollective[] = {"police", "military", "army", "government", "administration", "junta",
                                                "navy", "guard", "coalition", "opposition", "ministry", "parliament",
                                                "congress", "senate", "cabinet", "council", "court", "union", "party",
                                                "group", "team", "delegation", "committee", "commission", "agency",
                                                "company", "firm", "bank", "force", "regime", "authority", "media",
                                                "press", "leadership", "militia", "alliance", "movement", "family"};
      for (const char* c : kCollective)
        if (last == c) return true;
      return false;
    }
    return true;
  }

  // The subject of the clause that reports clause `ci` ("Germany" in
  // "Germany announced it would …"), when `ci` follows a report verb or a
  // complementiser; empty otherwise.
  std::vector<ActorRef> reporting_subject(size_t ci, std::string& how, Span& where_span) const {
    // English only for now: Indonesian's "pihaknya" keeps the previous-sentence
    // rule until the change is measured on Indonesian data.
    if (ci == 0 || ci >= clauses_.size() || !english_) return {};
    const Opener op = clauses_[ci].opener;
    if (op != Opener::kReport && op != Opener::kComp) return {};
    // "said that it …": the report verb's clause is the one before; "announced
    // on Sunday that he …": back over a stretch with no subject of its own.
    for (size_t prev = ci; prev-- > 0;) {
      auto subj = subject_in(prev, clauses_[prev].end, how, where_span, /*nearest_allowed=*/false);
      if (!subj.empty()) {
        if (how.find("anaphor") != std::string::npos) return {};
        return subj;
      }
      if (clauses_[prev].opener != Opener::kReport && clauses_[prev].opener != Opener::kComp) break;
    }
    return {};
  }

  bool participial_adjunct(uint32_t head) const {
    // (`head` may be a clause's end, one past its last token: no word there.)
    if (!english_ || head <= first_ || head >= end_ || tokens_[head - 1].norm != ","sv) return false;
    const std::string& w = tokens_[head].norm;
    return w.size() > 4 && w.compare(w.size() - 3, 3, "ing") == 0;
  }

  bool has_reporter(uint32_t t) const {
    if (clause_of_[t - first_] < 0) return false;
    std::string how;
    Span sp;
    return !reporting_subject(static_cast<size_t>(clause_of_[t - first_]), how, sp).empty();
  }

  // PETRARCH's convention for an event that names no target: the country of
  // the place it happens in ("protested in Beijing" → CHN, "exercises in
  // Alaska" → USA), after a prep.target word shortly after the verb, unless
  // it is the source's own country. Languages without prep.target words skip it.
  std::vector<ActorRef> location_target(const Match& m, const std::vector<ActorRef>& sources, std::string& how) const {
    const Clause* c = clause_for(m.head);
    if (!c || !lex_.has_class_words(WordClass::kPrepTarget)) return {};
    const uint32_t from = std::max(m.lit_end, m.head + 1);
    for (uint32_t t = from; t < c->end && t < from + 8; ++t) {
      if (boundary_[t - first_]) break;
      // Not the "in" inside an actor's name ("relief officials in Nairobi").
      if (!has_class(t, WordClass::kPrepTarget) || mention_cover_[t - first_] >= 0) continue;
      uint32_t at = t + 1;
      at = past_determiners(at, c->end);
      if (at >= c->end) break;
      ActorRef a;
      if (int mi = mention_at(at); mi >= 0) {
        const auto& mn = mentions_[mi];
        if (mn.media || mn.actors.size() != 1 || mn.actors[0].country.empty() || !mn.actors[0].role.empty()) continue;
        a = mn.actors[0];
      } else {
        if (!tokens_[at].capitalized) continue;
        std::vector<uint32_t> values;
        size_t len = lex_.place_trie().longest(at, c->end, lex_.id_at(tokens_), values);
        if (!len) continue;
        const PlaceEntry& pe = lex_.places()[values.front()];
        a.code = pe.country;
        a.country = pe.country;
        a.name = span_text(at, at + static_cast<uint32_t>(len));
        a.span = {tokens_[at].span.begin, tokens_[at + len - 1].span.end};
        a.entries.push_back(pe.ref);
      }
      for (const auto& s : sources)
        if (s.country == a.country) return {};
      how = fmt::format("place \"{}\" where it happened", a.name);
      return {a};
    }
    return {};
  }

  // "Pakistan summoned the Afghan envoy to protest …": the object of a verb
  // that does not pass its object on as the subject of a following
  // infinitive (as "urge", "ask", "allow", "force" do) is not that
  // infinitive's subject; the clause subject is. English only.
  bool object_of_non_control_verb(const Mention& mn, uint32_t head) const {
    if (!english_) return false;
    uint32_t before = head;
    while (before > first_ && has_class(before - 1, WordClass::kAdverb)) --before;
    if (before == first_ || tokens_[before - 1].norm != "to"sv) return false;
    int governing = -1;
    for (size_t k = 0; k < heads_.size(); ++k)
      if (heads_[k] < mn.first_token) governing = static_cast<int>(k);
    if (governing < 0) return false;
    const CameoCode* cc = in_.lexicon->codebook().find(head_codes_[governing]);
    if (cc && (cc->root == "02"sv || cc->root == "10"sv || cc->root == "17"sv)) return false;
    static const char* const kControl[] = {"allow", "permit", "help", "invite", "ask", "tell", "told", "persuad",
                                           "encourag", "enabl", "order", "forc", "pressur", "urg", "want", "need",
                                           "expect", "authori", "instruct", "compel", "oblig", "advis", "call",
                                           "get", "got", "lead", "led", "push", "prompt", "convinc", "train", "hire"};
    const std::string& w = tokens_[heads_[governing]].norm;
    for (const char* c : kControl)
      if (w.rfind(c, 0) == 0) return false;
    return true;
  }

  bool is_coordinator(uint32_t t) const {
    const std::string& n = tokens_[t].norm;
    return n == "dan"sv || n == "serta"sv || n == "lalu"sv || n == "kemudian"sv || n == "and"sv || n == "then"sv || n == ","sv;
  }

  std::vector<ActorRef> subject_in(size_t ci, uint32_t head, std::string& how, Span& where_span,
                                   bool nearest_allowed = true) const {
    while (true) {
      const Clause* c = &clauses_[ci];
      // The subject is the nearest eligible actor before the verb with no
      // other verb between them ("X menuduh Y melepaskan tembakan": Y fires),
      // else the first eligible actor of the clause.
      int first_eligible = -1, nearest = -1;
      for (size_t k = 0; k < mentions_.size(); ++k) {
        const auto& m = mentions_[k];
        if (m.first_token < c->begin || m.end_token > head || m.end_token > c->end) continue;
        if (m.after_prep || m.media || speaker_[k] || (!apposition_.empty() && apposition_[k])) continue;
        if (first_eligible < 0) first_eligible = static_cast<int>(k);
        if (!nearest_allowed) break;
        // "X mengecam Y dan menuduh Z": after a coordinator the verb shares
        // X's subject, so Y does not qualify as nearest.
        bool verb_between = std::any_of(heads_.begin(), heads_.end(),
                                        [&](uint32_t h) { return h >= m.end_token && h < head; });
        // Any verb, not only a pattern's head: "menuduh Afghanistan
        // membiarkan … untuk menyerang Pakistan" — Afghanistan is not the
        // one attacking.
        for (uint32_t t = m.end_token; t < head && !verb_between; ++t) verb_between = looks_like_verb(t);
        bool coordinated = false;
        for (uint32_t t = m.end_token; t < head; ++t) coordinated |= is_coordinator(t);
        if (!verb_between && !coordinated && !object_of_non_control_verb(m, head)) nearest = static_cast<int>(k);
      }
      // ", killing two people": a participle after a comma takes the
      // subject the clause opens with, or none ("An earthquake hit south-west
      // Japan, killing two people" is not Japan's doing). English.
      if (participial_adjunct(head)) {
        nearest = -1;
        if (first_eligible >= 0) {
          uint32_t start = skip_time(c->begin);
          while (start < head && (tokens_[start].kind == TokenKind::kPunct || is_determiner(start))) ++start;
          if (mentions_[first_eligible].first_token > start + 1) first_eligible = -1;
        }
      }
      int pick = nearest >= 0 ? nearest : first_eligible;
      if (pick >= 0) {
        how = nearest >= 0 && nearest != first_eligible ? "nearest actor before the verb" : "clause subject";
        where_span = mentions_[pick].span;
        return mentions_[pick].actors;
      }
      for (uint32_t t = c->begin; t < std::min(head, c->end); ++t) {
        if (auto a = anaphor_at(t); a && mention_cover_[t - first_] < 0) {
          // A demonstrative right after a noun ("Kunjungan itu") is a
          // determiner, not a pronoun; only a clause-initial one counts.
          // ("said on Tuesday it had …": a time adjunct may come first.)
          if (t != c->begin && t != skip_time(c->begin) && a->cls == WordClass::kAnaphorSingle) continue;
          how = fmt::format("anaphor \"{}\"", span_text(t, t + a->len));
          where_span = {tokens_[t].span.begin, tokens_[t + a->len - 1].span.end};
          // "Germany announced it would send tanks", "X said they had …":
          // a pronoun that opens a reported clause is the reporter.
          if (a->cls == WordClass::kAnaphorSingle) {
            std::string rhow;
            Span rspan;
            if (auto r = reporting_subject(ci, rhow, rspan); !r.empty() && pronoun_agrees(t, rspan)) {
              how += " = the reporter (" + rhow + ")";
              return r;
            }
          }
          return resolve_anaphor(a->cls);
        }
      }
      // A relative clause's subject is the actor just before "yang"/"which".
      if (c->opener == Opener::kRel) {
        if (c->opener_token > first_) {
          const uint32_t ante = c->opener_token;
          int mi = mention_cover_[ante - 1 - first_];
          if (mi >= 0 && mentions_[mi].end_token == ante) {
            how = "antecedent of relative clause";
            where_span = mentions_[mi].span;
            return mentions_[mi].actors;
          }
        }
        return {};
      }
      // "…, tetapi mengatakan …": the subject carries over a conjunction,
      // but only into a clause with no subject of its own — one whose verb
      // comes first (after adverbs). "after a rally … turned violent" has
      // its own subject, "a rally", even though it is not an actor.
      uint32_t words_before = 0;
      for (uint32_t t = c->begin; t < std::min(head, c->end); ++t)
        if (!has_class(t, WordClass::kAdverb) && tokens_[t].kind != TokenKind::kPunct) ++words_before;
      // ", citing security concerns, suspended aid": a participial report
      // word set off by commas is a parenthetical; the verb after it has
      // the subject before it (English).
      bool parenthetical = false;
      if (c->opener == Opener::kReport && ci > 0 && english_ && c->opener_token > first_ &&
          tokens_[c->opener_token - 1].norm == ","sv) {
        const std::string& w = tokens_[c->opener_token].norm;
        if (w.size() > 3 && w.compare(w.size() - 3, 3, "ing") == 0)
          for (uint32_t t = c->begin; t < std::min(head, c->end); ++t) parenthetical |= tokens_[t].norm == ","sv;
      }
      if ((c->opener == Opener::kConj && ci > 0 && words_before <= 1) || parenthetical) {
        --ci;
        head = clauses_[ci].end;
        continue;
      }
      return {};
    }
  }

  std::vector<ActorRef> resolve_binding(const Binding& b, std::string& how, bool is_target = false) const {
    if (b.mention >= 0) { how = "slot"; return mentions_[b.mention].actors; }
    if (b.place >= 0) {
      const PlaceEntry& pe = lex_.places()[b.place];
      ActorRef a;
      a.code = pe.country;
      a.country = pe.country;
      a.name = span_text(b.place_first, b.place_end);
      a.span = {tokens_[b.place_first].span.begin, tokens_[b.place_end - 1].span.end};
      a.entries.push_back(pe.ref);
      how = fmt::format("place \"{}\" for its country", a.name);
      return {a};
    }
    if (b.anaphor_token >= 0) {
      const uint32_t at = static_cast<uint32_t>(b.anaphor_token);
      how = fmt::format("anaphor \"{}\"", span_text(at, at + b.anaphor_len));
      auto actors = resolve_anaphor(b.anaphor_class);
      // TABARI dereferences a pronoun in a pattern's slot ("SAID $ *": "said
      // he regretted") to the sentence's first actor before it.
      if (actors.empty() && lex_.tabari_subjects() && subject_pronoun(at)) {
        for (const auto& mn : mentions_) {
          if (mn.first_token >= at) break;
          if (mn.media) continue;
          actors = mn.actors;
          how += " = the sentence's first actor (TABARI)";
          break;
        }
      }
      // An object pronoun refers back to the last object of this sentence
      // when there is one ("menangkap demonstran … dan menetapkan mereka").
      if (is_target && b.anaphor_class == WordClass::kAnaphorSingle && !sentence_targets_.empty()) {
        actors = sentence_targets_;
        how += " (object earlier in the sentence)";
      } else if (is_target && b.anaphor_class == WordClass::kAnaphorSingle && clause_of_[at - first_] >= 0) {
        // "Israel said a shell was fired at it": the reporter.
        std::string rhow;
        Span rspan;
        if (auto r = reporting_subject(static_cast<size_t>(clause_of_[at - first_]), rhow, rspan); !r.empty()) {
          actors = r;
          how += " = the reporter (" + rhow + ")";
        }
      }
      for (auto& a : actors) {
        a.anaphor = true;
        a.span = {tokens_[at].span.begin, tokens_[at + b.anaphor_len - 1].span.end};
        a.name = span_text(at, at + b.anaphor_len);
      }
      return actors;
    }
    return {};
  }

  bool any_word_before(WordClass cls, uint32_t from, uint32_t head, uint32_t* where = nullptr) const {
    for (uint32_t t = from; t < head; ++t) {
      if (mention_cover_[t - first_] >= 0) continue;
      if (word_class_at(t, cls)) { if (where) *where = t; return true; }
    }
    return false;
  }

  // Where a verb's own clause starts for modality words: its clause, or just
  // after the coordinator that joins it to an earlier verb ("… yang diduga
  // merusak … dan menetapkan …": "diduga" does not reach "menetapkan").
  uint32_t scope_start(uint32_t head) const {
    const Clause* c = clause_for(head);
    uint32_t start = c ? c->begin : first_;
    uint32_t before = head;
    while (before > start && has_class(before - 1, WordClass::kAdverb)) --before;
    if (before > start && is_coordinator(before - 1) && tokens_[before - 1].norm != ","sv) start = before;
    return start;
  }

  Modality modality_for(uint32_t head, std::string& why) const {
    const Clause* c = clause_for(head);
    uint32_t cb = scope_start(head);
    uint32_t near = head >= cb + 3 ? head - 3 : cb;
    uint32_t at = 0;
    if (any_word_before(WordClass::kNegation, near, head, &at)) { why = fmt::format("negation \"{}\"", tok(at)); return Modality::kNegated; }
    // Denial in this clause, or in the clause that governs it ("membantah bahwa …").
    uint32_t denial_from = cb;
    if (c && (c->opener == Opener::kComp || c->opener == Opener::kReport) && c > clauses_.data())
      denial_from = (c - 1)->begin;
    if (any_word_before(WordClass::kDenial, denial_from, head, &at)) { why = fmt::format("denial \"{}\"", tok(at)); return Modality::kDenied; }
    if (any_word_before(WordClass::kHypothetical, first_, head, &at)) { why = fmt::format("condition \"{}\"", tok(at)); return Modality::kHypothetical; }
    if (any_word_before(WordClass::kFuture, near, head, &at)) { why = fmt::format("future \"{}\"", tok(at)); return Modality::kFuture; }
    if (any_word_before(WordClass::kClaimed, denial_from, head, &at)) { why = fmt::format("allegation \"{}\"", tok(at)); return Modality::kClaimed; }
    if (c && c->opener == Opener::kReport) { why = fmt::format("reported by \"{}\"", tok(c->opener_token)); return Modality::kReported; }
    // A post-posed attribution: "…, kata kantor berita Rusia." / "…, he said."
    for (const auto& cl : clauses_) {
      if (cl.opener != Opener::kReport || cl.opener_token <= head) continue;
      // Structural test: a short tail after the report word, and a comma or
      // closing quote just before it (", kata X." / "," he said on Tuesday.").
      bool short_tail = end_ - cl.begin <= 8;
      bool set_off = false;
      for (uint32_t t = cl.opener_token; t > first_ && t + 4 > cl.opener_token; --t) {
        const Token& before = tokens_[t - 1];
        if (before.norm == ","sv || before.kind == TokenKind::kCloseQuote) { set_off = true; break; }
      }
      if (short_tail && set_off) {
        why = fmt::format("reported by \"{}\"", tok(cl.opener_token));
        return Modality::kReported;
      }
    }
    return Modality::kAsserted;
  }

  // "made no apology to", "gave no support to", "offered no concessions":
  // an English "no" in the gap between the verb and the pattern's noun
  // denies the event (kabar's own rules; a pattern may spell "no" itself).
  bool no_in_object(const Match& m) const {
    if (!english_ || in_.lexicon->peer_codes()) return false;
    for (uint32_t t = m.head + 1; t < m.lit_end; ++t)
      if (tokens_[t].norm == "no"sv &&
          std::find(m.literal_tokens.begin(), m.literal_tokens.end(), t) == m.literal_tokens.end())
        return true;
    return false;
  }

  void build_events(const Match& m, std::vector<CodedEvent>& out) {
    const VerbPattern& p = lex_.patterns()[m.pattern];
    // A peer dictionary's null code ([---]): the verb is read and codes nothing.
    if (p.code == "---"sv) {
      note_f("  {}: null code — no event", tok(m.head));
      return;
    }
    std::string how_s, how_t;
    Span subj_span{};
    std::vector<ActorRef> sources, targets;
    // (A peer pattern whose words before its verb begin in an earlier
    // clause, "$ NOTED + REGRET*": the subject of that clause.)
    const bool earlier_clause = in_.lexicon->peer_codes() && m.lit_first < m.head && clause_for(m.lit_first) &&
                                clause_for(m.lit_first) != clause_for(m.head);
    if (m.source_is_subject) sources = subject(earlier_clause ? m.lit_first : m.head, how_s, subj_span);
    else sources = resolve_binding(m.source, how_s);
    // (A passive's subject is its target: below.)
    if (sources.empty() && m.source_is_subject && how_s.empty() && !(p.flags & kPatternPassive) &&
        p.elements.front().kind != PatternElement::kTarget)
      sources = first_person_speaker(m.head, how_s, subj_span);
    // TABARI's written "$": the actor nearest before the pattern's words.
    // ("$ ^ FOR *": past the actors the pattern skips before its words.)
    if (m.source_is_subject && (p.flags & kPatternNearSource)) {
      size_t skips = 0;
      for (const auto& el : p.elements) {
        if (el.kind == PatternElement::kWords) break;
        skips += el.kind == PatternElement::kSkip;
      }
      for (size_t k = mentions_.size(); k-- > 0;) {
        const auto& mn = mentions_[k];
        if (mn.end_token > std::min(m.head, m.lit_first) || mn.media) continue;
        if (skips > 0) { --skips; continue; }
        sources = mn.actors;
        subj_span = mn.span;
        how_s = "the actor nearest before the pattern (TABARI's written $)";
        break;
      }
    }
    // A reduced relative ("militants killed by troops") modifies the actor
    // right before its participle; with none there ("prices hit by the
    // measures") it is no event.
    const bool reduced = (p.flags & kPatternPassive) && p.head == 1 && english_;
    if (reduced) {
      int mi = m.head > first_ ? mention_cover_[m.head - 1 - first_] : -1;
      if (mi < 0 || mentions_[mi].end_token != m.head || mentions_[mi].media) {
        note_f("  {} {}: reduced passive with no actor right before it — no event", p.code, tok(m.head));
        return;
      }
      targets = mentions_[mi].actors;
      how_t = "the actor the participle modifies";
    } else if (m.target_is_subject) {
      targets = subject(m.head, how_t, subj_span);
      if (targets.empty() && how_t.empty()) targets = first_person_speaker(m.head, how_t, subj_span);
    } else {
      targets = resolve_binding(m.target, how_t, /*is_target=*/true);
    }
    // "Jepang dan Korea Selatan mengecam peluncuran tersebut": whoever reacts
    // to an act did not do it. An event anaphor whose last doer shares a
    // country with the sources (South Korea's own alert came last) is the act
    // of the doer before, apart from them (kabar's own rules).
    if (m.target.anaphor_token >= 0 && m.target.anaphor_class == WordClass::kAnaphorEvent && !sources.empty() &&
        !in_.lexicon->peer_codes())
      targets = doer_apart_from(sources, std::move(targets), how_t);
    Span target_found{};  // the mention found as "first actor after verb", if any
    if (targets.empty() && (p.flags & kPatternTarget)) {
      const Clause* c = clause_for(m.head);
      uint32_t reach = petrarch_reporter_comma(m.head, petrarch_phrase_reach(m.head, peer_target_reach(c)));
      // TABARI's target is the first actor after the verb in its coding
      // unit, up to the next "and"/"but" ("restore ties … five years after
      // X crowds burned …": X).
      if (lex_.tabari_subjects()) {
        reach = m.head + 1;
        while (reach < end_ && !unit_divider(reach)) ++reach;
      }
      // The peers' target is the first actor after the verb, even inside the
      // pattern's later words ("allowed that Y isn't a real pleasant …").
      const uint32_t from = in_.lexicon->peer_codes() ? m.head + 1 : m.lit_end;
      for (const auto& mn : mentions_)
        if (mn.first_token >= from && (!c || mn.end_token <= reach) && !mn.media) {
          targets = mn.actors;
          how_t = "first actor after verb";
          target_found = mn.span;
          break;
        }
    }
    // A slot filled with the same mention as the subject is not a target.
    if (m.target.mention >= 0 && !sources.empty() && mentions_[m.target.mention].span == subj_span) targets.clear();
    // "Indonesian police arrested protesters in Jakarta": the place of the
    // object is no target in the source's own country.
    if (m.target.locative && !targets.empty())
      for (const auto& s : sources)
        if (s.country == targets.front().country) {
          note_f("  {} {}: the object's place \"{}\" is in the source's own country — no event", p.code,
                           tok(m.head), targets.front().name);
          return;
        }
    // TABARI reads a passive itself, PETRARCH from its parse: "X was opposed
    // (fiercely, earlier) by Y" with a pattern that places no actor is Y → X.
    if (in_.lexicon->peer_codes() && (p.flags & kPatternTarget) && p.elements.front().kind == PatternElement::kSource &&
        !sources.empty()) {
      uint32_t b = m.head;
      while (b > first_ && (has_class(b - 1, WordClass::kAdverb) || ly_adverb(b - 1))) --b;
      static const char* kBe[] = {"was", "were", "is", "are", "been", "being", "be"};
      const bool be = b > first_ && std::any_of(std::begin(kBe), std::end(kBe), [&](const char* w) { return tokens_[b - 1].norm == w; });
      for (uint32_t t = m.lit_end; be && t < end_ && t < m.lit_end + 4; ++t) {
        if (tokens_[t].norm != "by"sv) continue;
        uint32_t at = t + 1;
        at = past_determiners(at);
        if (const int mi = at < end_ ? mention_at(at) : -1; mi >= 0 && !mentions_[mi].media) {
          targets = sources;
          sources = mentions_[mi].actors;
          how_s = "the agent of a passive (TABARI)";
          how_t = "the subject of a passive (TABARI)";
        }
        break;
      }
    }
    // TABARI and PETRARCH: with no source before the verb ("+ WAS * DEAD"),
    // the source is the first actor after it that is not the target.
    // (TABARI's DEFAULT: SOURCE [X] PRIOR: X instead.) TABARI: when that
    // actor is a compound that was also found as the target, its first
    // member is the source and the others the target ("with Gondor and
    // Bree": GON → BRE).
    if (sources.empty() && in_.lexicon->peer_codes() && !options_.peer.default_source_prior) {
      const Span target_span = m.target.mention >= 0 ? mentions_[m.target.mention].span : Span{};
      for (const auto& mn : mentions_)
        if (mn.first_token >= m.lit_end && !mn.media && !(mn.span == target_span)) {
          sources = mn.actors;
          how_s = "first actor after verb (peer dictionaries)";
          if (lex_.tabari_subjects() && mn.span == target_found) {
            // One actor is not both: the target is then missing (a DEFAULT
            // target stands in).
            targets.assign(mn.actors.begin() + 1, mn.actors.end());
            sources.resize(1);
            how_t = "the rest of the compound after the verb (TABARI)";
          }
          break;
        }
    }
    // TABARI: no target after the verb, the nearest actor before it that is
    // not the source ("X … Y … crowds burned down its embassy": X → Y),
    // unless DEFAULT: TARGET [Y] AFTER stands in. A compound source with no
    // such actor acts on its own members.
    // (An object pronoun right after the verb, "asked him", is the sentence's
    // first actor when that is not the source.)
    // A mention that shares a code with the source is the source again.
    auto shares_source = [&](const Mention& mn) {
      return std::any_of(mn.actors.begin(), mn.actors.end(), [&](const ActorRef& a) {
        return std::any_of(sources.begin(), sources.end(), [&](const ActorRef& s) { return a.code == s.code; });
      });
    };
    if (lex_.tabari_subjects() && targets.empty() && (p.flags & kPatternTarget) && !sources.empty() &&
        m.head + 1 < end_ && (tokens_[m.head + 1].norm == "him"sv || tokens_[m.head + 1].norm == "her"sv || tokens_[m.head + 1].norm == "them"sv)) {
      for (const auto& mn : mentions_) {
        if (mn.media) continue;
        if (!shares_source(mn)) {
          targets = mn.actors;
          how_t = fmt::format("\"{}\": the sentence's first actor (TABARI)", tok(m.head + 1));
        }
        break;
      }
    }
    if (lex_.tabari_subjects() && targets.empty() && (p.flags & kPatternTarget) && !sources.empty() &&
        !options_.peer.default_target_after) {
      for (size_t k = mentions_.size(); k-- > 0;) {
        const auto& mn = mentions_[k];
        if (mn.end_token > m.head || mn.media || mn.span == subj_span || shares_source(mn)) continue;
        targets = mn.actors;
        how_t = "actor before the verb (TABARI, none after it)";
        break;
      }
    }
    // kabar's own English target rules (not with peer dictionaries, whose
    // rules are the peers').
    const bool own_rules = !in_.lexicon->peer_codes();
    if (own_rules && english_ && m.target.bound() == false && targets.empty() && object_names_no_actor(m)) {
      note_f("  {} {}: its object is no actor (\"meet demand\", \"met the deadline\") — another sense, no event",
                       p.code, tok(m.head));
      return;
    }
    // (Not for a reciprocal meeting of two sources: "France and Germany met
    // in Brussels" is their meeting, not a visit to Belgium.)
    // "welcomed Jakarta's offer", "rejected an American proposal": an actor
    // inside the words a gap of the pattern passed over owns its object and
    // is the target when no slot named one (English).
    if (own_rules && targets.empty() && !sources.empty() && english_) {
      // ("expelled two Estonian diplomats": the actor may end on the
      // pattern's own noun, but not begin on a literal.)
      for (const auto& mn : mentions_) {
        if (mn.first_token <= m.head || mn.first_token >= m.lit_end || mn.media) continue;
        if (std::find(m.literal_tokens.begin(), m.literal_tokens.end(), mn.first_token) != m.literal_tokens.end()) continue;
        targets = mn.actors;
        how_t = "owner of the object";
        sentence_targets_ = targets;
        break;
      }
    }
    // "lifted the blockade on Gaza", "declared war against Iraq": a pattern
    // with no target slot, followed by "on"/"against"/"with" and an actor
    // (English).
    if (own_rules && targets.empty() && !sources.empty() && english_ && !(p.flags & kPatternRecip) &&
        std::none_of(p.elements.begin(), p.elements.end(),
                     [](const PatternElement& e) { return e.kind == PatternElement::kTarget; })) {
      const uint32_t t = m.lit_end;
      if (t + 1 < end_ && !boundary_[t - first_]) {
        const std::string& w = tokens_[t].norm;
        if (w == "on"sv || w == "against"sv || w == "with"sv || w == "upon"sv) {
          uint32_t at = t + 1;
          at = past_determiners(at);
          if (int mi = mention_at(at); mi >= 0 && !mentions_[mi].media) {
            targets = mentions_[mi].actors;
            how_t = fmt::format("actor after \"{}\"", w);
          }
        }
      }
    }
    // "threatened to call a strike if parliament passes the bill": a threat
    // with no target of its own is aimed at whoever the condition names.
    if (own_rules && targets.empty() && !sources.empty() && threat_event(p.code, m.head)) {
      if (const Mention* mn = condition_subject(m.lit_end); mn && !shares_source(*mn)) {
        targets = mn->actors;
        how_t = "subject of the threat's condition";
      }
    }
    if (own_rules && targets.empty() && !sources.empty() && !((p.flags & kPatternRecip) && sources.size() >= 2))
      targets = location_target(m, sources, how_t);

    const bool passive_shape = (p.flags & kPatternPassive) || p.elements.front().kind == PatternElement::kTarget;
    const char* passive = passive_shape ? " (passive)" : "";
    // A source-less event is kept only for a passive whose victim is named
    // and whose code is conflictual (roots 14-20: "Ukraina diserang"); an
    // agentless "diminta" (was asked) says too little to be an event.
    const CameoCode* code_info = in_.lexicon->codebook().find(p.code);
    const bool victim_event = code_info && std::stoi(code_info->root) >= 14;
    std::string why;
    Modality modality = modality_for(m.head, why);
    if (modality != Modality::kNegated && modality != Modality::kDenied && no_in_object(m)) {
      modality = Modality::kNegated;
      why = "\"no\" before the pattern's noun";
    }
    // Not for something that may or will happen ("would be indicted").
    const bool happened = modality != Modality::kFuture && modality != Modality::kHypothetical;
    // And only in a main clause: "…, where 28 people were killed" names no
    // victim of its own.
    const Clause* head_clause = clause_for(m.head);
    const bool main_clause = head_clause && (head_clause->opener == Opener::kNone || head_clause->opener == Opener::kReport);
    // TABARI's default source, or PETRARCH without require_dyad (with a
    // target), lets an event stand without a source.
    const bool peer_default_source =
        in_.lexicon->peer_codes() &&
        (!options_.peer.default_source.empty() || (!options_.peer.require_dyad && !targets.empty()));
    if (sources.empty() && !peer_default_source &&
        !(passive_shape && victim_event && happened && main_clause && !targets.empty())) {
      note_f("  {} {}{}: no source actor — no event", p.code, tok(m.head), passive);
      return;
    }
    // "X menyerukan Y untuk menahan diri" / "X urged Y to …": what follows
    // the purpose word is the content of the appeal or demand, already coded
    // by it, not an event that happened. Likewise a threat's ("threatened
    // to retaliate": no retaliation yet).
    for (uint32_t h : heads_) {
      if (h >= m.head) break;
      const CameoCode* appeal = in_.lexicon->codebook().find(code_at_head(h));
      if (!appeal || in_.lexicon->peer_codes() || (appeal->root != "02"sv && appeal->root != "10"sv && appeal->root != "13"sv)) continue;
      const Clause* hc = clause_for(h);
      if (!hc || hc != clause_for(m.head)) continue;
      for (uint32_t t = h + 1; t < m.head; ++t) {
        if (word_class_at(t, WordClass::kPurpose)) {
          note_f("  {} {}: content of the appeal, demand or threat at \"{}\" — no event", p.code, tok(m.head), tok(h));
          return;
        }
      }
    }
    // Peer dictionaries say what a negation codes ("HAS NOT *" → 121):
    // kabar's own negation and denial words do not suppress their events.
    if (modality_suppressed(modality) && !options_.keep_suppressed && !in_.lexicon->peer_codes()) {
      note_f("  {} {}{}: {} → suppressed ({})", p.code, tok(m.head), passive, modality_name(modality), why);
      return;
    }
    auto make = [&](const ActorRef* s, const ActorRef* t, const std::string& written_code) {
      // TABARI and PETRARCH code an event only with both actors; with their
      // dictionaries kabar does the same.
      // TABARI's default actors stand in for a missing one (DEFAULT: SOURCE [X] …).
      ActorRef default_source, default_target;
      if (in_.lexicon->peer_codes()) {
        default_source.code = options_.peer.default_source;
        default_target.code = options_.peer.default_target;
        if ((!s || s->code.empty()) && !default_source.code.empty()) s = &default_source;
        if ((!t || t->code.empty()) && !default_target.code.empty()) t = &default_target;
      }
      // PETRARCH's require_dyad = false: the null actor stands in for a missing one.
      ActorRef null_actor;
      null_actor.code = "---";
      if (in_.lexicon->peer_codes() && !options_.peer.require_dyad) {
        if (!s || s->code.empty()) s = &null_actor;
        if (!t || t->code.empty()) t = &null_actor;
      }
      // A null actor ([---]) is read and never coded (unless the dyad is not required).
      auto uncoded = [&](const ActorRef* a) {
        return !a || a->code.empty() || (options_.peer.require_dyad && a->code.find("---") != std::string::npos);
      };
      if (in_.lexicon->peer_codes() && (uncoded(s) || uncoded(t))) {
        note_f("  {} {}: peer dictionaries need a source and a target — no event", written_code, tok(m.head));
        return;
      }
      std::string code = written_code;
      // An announced action is coded as the intent (or threat) to do it.
      if (modality == Modality::kFuture && !in_.lexicon->peer_codes()) {
        if (const CameoCode* intent = in_.lexicon->codebook().intent_for(code)) {
          note_f("  future {} → intent {}", code, intent->code);
          code = intent->code;
        }
      }
      const CameoCode* cc = in_.lexicon->codebook().find(code);
      CodedEvent ce;
      ce.head_token = m.head;
      Event& e = ce.event;
      e.sentence = in_.sentence->index;
      e.text = std::string(in_.sentence->span.in(in_.text));
      if (s) e.source = *s;
      if (t) e.target = *t;
      e.code = code;
      if (cc) {
        e.root = cc->root;
        e.quad = cc->quad;
        e.goldstein = cc->goldstein;
        e.plover_type = cc->plover_type;
        e.plover_mode = cc->plover_mode;
      }
      e.modality = modality;
      e.evidence.pattern = p.ref;
      e.evidence.pattern_text = p.text;
      e.evidence.passive = (p.flags & kPatternPassive) != 0;
      e.evidence.trigger = tokens_[m.head].span;
      uint32_t lf = m.lit_first, le = std::max(m.lit_end, m.head + 1);
      e.evidence.match = {tokens_[lf].span.begin, tokens_[le - 1].span.end};
      e.evidence.sentence = in_.sentence->span;
      if (trace_) note_f("  EVENT {} → {} [{}] {} ({}; source by {}, target by {}){}", s ? s->code : "—",
                       t ? t->code : "—", code, modality_name(modality), in_.lexicon->where(p.ref),
                       how_s.empty() ? "—" : how_s, how_t.empty() ? "—" : how_t,
                       why.empty() ? "" : " — " + why);
      out.push_back(std::move(ce));
    };
    if (!targets.empty() && m.target.mention >= 0) sentence_targets_ = targets;
    // With peer dictionaries every verb is reciprocal over a compound
    // source that has no target, as the peers code ("Fornost and Gondor
    // welcomed …" → FOR→GON and GON→FOR).
    // (TABARI's DEFAULT: TARGET [Y] AFTER: Y is each member's target.)
    const bool peer_reciprocal = in_.lexicon->peer_codes() && !options_.peer.default_target_after;
    // (TABARI's DEFAULT: TARGET [Y] without AFTER: the target search before
    // the verb ends on the compound source itself, whose first member is the
    // source and the others its targets: "X and Y restore ties" → X → Y.)
    if (targets.empty() && peer_reciprocal && !(p.flags & kPatternRecip) && !m.reciprocal && sources.size() >= 2 &&
        lex_.tabari_subjects() && !options_.peer.default_target.empty()) {
      for (size_t b = 1; b < sources.size(); ++b)
        if (sources[b].span != sources[0].span) make(&sources[0], &sources[b], p.code);
      return;
    }
    if (targets.empty() && ((p.flags & kPatternRecip) || m.reciprocal || peer_reciprocal) && sources.size() >= 2) {
      for (size_t a = 0; a < sources.size(); ++a)
        for (size_t b = 0; b < sources.size(); ++b) {
          // (The members of one compound-coded name, "[FRO/BIL/SAM]", do
          // not act on each other: they have one span.)
          if (a == b || (in_.lexicon->peer_codes() && sources[a].span == sources[b].span)) continue;
          make(&sources[a], &sources[b], p.code);
          // The peers' "% * [044:045]": each pair both ways, with the converse.
          if (in_.lexicon->peer_codes() && !p.converse.empty() && p.converse != p.code) make(&sources[b], &sources[a], p.converse);
        }
      return;
    }
    if (sources.empty()) {
      if (targets.empty() && peer_default_source) make(nullptr, nullptr, p.code);  // both TABARI's defaults
      for (const auto& t : targets) make(nullptr, &t, p.code);
      return;
    }
    for (const auto& s : sources) {
      if (targets.empty()) { make(&s, nullptr, p.code); continue; }
      for (const auto& t : targets) {
        // An actor acting on itself (PSE → PSE, a pronoun resolved back to
        // the source) is almost always a misreading; event data users count
        // such rows as noise.
        if (s.code == t.code) {
          // A place in the source's own country ("Kenya … extend the curfew
          // in Mombasa") names where, not whom: the event stands without a
          // target (English).
          if (m.target.place >= 0 && english_) {
            note_f("  {}: the place is in the source's own country — no target", s.code);
            make(&s, nullptr, p.code);
            continue;
          }
          note_f("  {} → {}: source and target are the same actor — no event", s.code, t.code);
          continue;
        }
        make(&s, &t, p.code);
        // Hosting a visit implies the visit: "X menerima kunjungan Y" is
        // also Y → X 042 (the converse declared on the pattern line).
        if (!p.converse.empty()) make(&t, &s, p.converse);
      }
    }
  }

  // TABARI's dominant code ("[031!]") coded the events from `from` on, with
  // a target the text names (not a DEFAULT one): the sentence's other events
  // go, and later verbs code no more (true).
  bool keep_dominant(std::vector<CodedEvent>& out, size_t from) {
    if (out.size() == from || !std::all_of(out.begin() + static_cast<std::ptrdiff_t>(from), out.end(), [](const CodedEvent& e) {
          return e.event.target && e.event.target->span.end > e.event.target->span.begin;
        }))
      return false;
    note_f("  dominant code {}: the sentence's other events dropped (TABARI)", out[from].event.code);
    out.erase(out.begin(), out.begin() + static_cast<std::ptrdiff_t>(from));
    return true;
  }

  void update_discourse(const std::vector<CodedEvent>& events) {
    // The subject of the sentence's first clause that has one.
    for (size_t ci = 0; ci < clauses_.size(); ++ci) {
      std::string how;
      Span sp;
      auto subj = subject_in(ci, clauses_[ci].end, how, sp, /*nearest_allowed=*/false);
      if (!subj.empty() && how.find("anaphor") == std::string::npos) { discourse_.last_subject = subj; break; }
    }
    // "keduanya", "kedua pihak": the later of the last two-party event and
    // the last coordination of two or more actors ("Thailand dan Kamboja").
    uint32_t pair_at = 0;
    bool have_pair = false;
    // (A pair is two different actors: "Menteri A dan Menteri B" of one
    // government is no pair for "kedua menteri" to name.)
    auto two_actors = [](const std::vector<ActorRef>& v) {
      return std::any_of(v.begin(), v.end(), [&](const ActorRef& a) { return a.code != v.front().code; });
    };
    for (const auto& m : mentions_) {
      for (const auto& a : m.actors) discourse_.recent.push_back(a);
      if (m.actors.size() >= 2 && two_actors(m.actors) && m.first_token >= pair_at) {
        discourse_.last_pair = m.actors;
        pair_at = m.first_token;
        have_pair = true;
      }
    }
    if (discourse_.recent.size() > 64)
      discourse_.recent.erase(discourse_.recent.begin(), discourse_.recent.end() - 64);
    for (auto it = events.rbegin(); it != events.rend(); ++it) {
      if (it->event.source && it->event.target && it->event.source->code != it->event.target->code) {
        if (!have_pair || it->head_token > pair_at) discourse_.last_pair = {*it->event.source, *it->event.target};
        break;
      }
    }
    for (auto it = events.rbegin(); it != events.rend(); ++it)
      if (it->event.source && !it->event.source->anaphor) {
        discourse_.last_doer = {*it->event.source};
        auto& d = discourse_.doers;
        d.erase(std::remove_if(d.begin(), d.end(), [&](const ActorRef& a) { return a.code == it->event.source->code; }),
                d.end());
        d.insert(d.begin(), *it->event.source);
        if (d.size() > 4) d.resize(4);
        break;
      }
  }
};

}  // namespace

const char* modality_name(Modality m) {
  switch (m) {
    case Modality::kAsserted: return "asserted";
    case Modality::kReported: return "reported";
    case Modality::kClaimed: return "claimed";
    case Modality::kFuture: return "future";
    case Modality::kHypothetical: return "hypothetical";
    case Modality::kNegated: return "negated";
    case Modality::kDenied: return "denied";
  }
  return "?";
}

// What did not happen, or only might: not an event unless asked for.
bool modality_suppressed(Modality m) {
  return m == Modality::kNegated || m == Modality::kDenied || m == Modality::kHypothetical;
}

namespace {

// The limit a comma setting's key names (TABARI's "COMMA: MIN 2 …", PETRARCH's
// "comma_min"): MIN/MAX inside the sentence, BMIN/BMAX at its start,
// EMIN/EMAX at its end; nullptr for any other key.
uint8_t* comma_limit_field(PeerSettings::CommaLimits& c, std::string_view key) {
  return key == "MIN"sv ? &c.min : key == "MAX"sv ? &c.max : key == "EMIN"sv ? &c.emin : key == "EMAX"sv ? &c.emax
       : key == "BMIN"sv ? &c.bmin : key == "BMAX"sv ? &c.bmax : nullptr;
}

}  // namespace

// PETRARCH's "comma_emax = 6" (the key after "COMMA_", upper case).
bool PeerSettings::petrarch_comma_limit(std::string_view key, std::string_view rest) {
  uint8_t* field = comma_limit_field(petrarch_comma, key);
  const size_t eq = rest.find('=');
  if (!field || eq == std::string_view::npos) return false;
  const std::string_view n = trim(rest.substr(eq + 1));
  unsigned value = 0;
  auto r = std::from_chars(n.data(), n.data() + n.size(), value);
  if (r.ec != std::errc() || r.ptr != n.data() + n.size() || value > 255) return false;
  *field = static_cast<uint8_t>(value);
  return true;
}

bool PeerSettings::apply(std::string_view option) {
  std::string o;
  for (char c : option) o += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  auto bracket_after = [&](std::string_view key) -> std::string {
    const size_t k = o.find(key);
    if (k == std::string::npos) return {};
    const size_t open = o.find('[', k), close = o.find(']', k);
    if (open == std::string::npos || close == std::string::npos || close < open) return {};
    return std::string(trim(std::string_view(o).substr(open + 1, close - open - 1)));
  };
  // "KEY = TRUE" / "KEY = FALSE" (rest starting with the key): the flag set.
  auto boolean_after_eq = [](std::string_view rest, bool& flag) {
    const size_t eq = rest.find('=');
    if (eq == std::string_view::npos) return false;
    const std::string_view value = trim(rest.substr(eq + 1));
    if (value != "TRUE"sv && value != "FALSE"sv) return false;
    flag = value == "TRUE"sv;
    return true;
  };
  const std::string_view v = trim(std::string_view(o));
  if (v.rfind("CONFIG:", 0) == 0) {
    const std::string_view rest = trim(v.substr(7));
    const std::string_view key = trim(rest.substr(0, rest.find('=')));
    if (key.rfind("COMMA_", 0) == 0) return petrarch_comma_limit(key.substr(6), rest);
    if (key != "REQUIRE_DYAD"sv) return false;
    return boolean_after_eq(rest, require_dyad);
  }
  if (v.rfind("COMMA:", 0) == 0) {
    std::string_view rest = trim(v.substr(6));
    if (rest == "OFF"sv) { comma.on = false; return true; }
    CommaLimits c;
    // "MIN = 4 MAX = 6 EMIN = 3 EMAX = 6 BMIN = 3 BMAX = 8": the keys given change.
    while (!rest.empty()) {
      const size_t eq = rest.find('=');
      if (eq == std::string_view::npos) return false;
      const std::string_view key = trim(rest.substr(0, eq));
      rest = trim(rest.substr(eq + 1));
      unsigned value = 0;
      auto r = std::from_chars(rest.data(), rest.data() + rest.size(), value);
      if (r.ec != std::errc() || value > 255) return false;
      rest = trim(rest.substr(static_cast<size_t>(r.ptr - rest.data())));
      uint8_t* field = comma_limit_field(c, key);
      if (!field) return false;
      *field = static_cast<uint8_t>(value);
    }
    comma = c;
    return true;
  }
  if (v.rfind("COMPLEX:", 0) == 0) {
    // "COMPLEX: VERBS[5] CONJ[4] NOACTPRIOR EXPLAIN": the counts kabar reads.
    auto count = [&](std::string_view key) -> uint8_t {
      const std::string n = bracket_after(key);
      unsigned value = 0;
      auto r = std::from_chars(n.data(), n.data() + n.size(), value);
      return r.ec == std::errc() && value <= 255 ? static_cast<uint8_t>(value) : 0;
    };
    complex_verbs = count("VERBS");
    complex_conj = count("CONJ");
    complex_no_actor_prior = o.find("NOACTPRIOR") != std::string::npos;
    return complex_verbs || complex_conj || complex_no_actor_prior;
  }
  if (v.rfind("FORWARD:", 0) == 0) {
    forward = v.find(" OFF") == std::string_view::npos;
    if (!forward) forwarded_actor.clear();
    return true;
  }
  if (v.rfind("DEFAULT:", 0) == 0) {
    if (v.find("OFF") != std::string_view::npos) {
      default_source.clear();
      default_target.clear();
      default_source_prior = default_target_after = false;
      return true;
    }
    default_source = bracket_after("SOURCE");
    default_target = bracket_after("TARGET");
    // "SOURCE [X] PRIOR": X when no actor precedes the verb (not one after
    // it); "TARGET [Y] AFTER": Y when none follows it (not one before it).
    auto flag_after = [&](std::string_view key, std::string_view flag) {
      const size_t k = o.find(key);
      if (k == std::string::npos) return false;
      const size_t close = o.find(']', k);
      if (close == std::string::npos) return false;
      std::string_view rest = trim(std::string_view(o).substr(close + 1));
      return rest.rfind(flag, 0) == 0;
    };
    default_source_prior = !default_source.empty() && flag_after("SOURCE", "PRIOR");
    default_target_after = !default_target.empty() && flag_after("TARGET", "AFTER");
    return true;
  }
  if (v.rfind("SET:", 0) == 0) {
    std::string_view rest = trim(v.substr(4));
    if (rest.rfind("MINIMUM WORDS", 0) == 0) {
      const size_t eq = rest.find('=');
      if (eq == std::string_view::npos) return false;
      std::string_view n = trim(rest.substr(eq + 1));
      size_t value = 0;
      auto r = std::from_chars(n.data(), n.data() + n.size(), value);
      if (r.ec != std::errc()) return false;
      minimum_words = value;
      return true;
    }
    if (rest.rfind("CONVERT AGENT", 0) == 0) return boolean_after_eq(rest, convert_agent);
    if (rest == "CODE ALL"sv) { unit = Unit::kAll; return true; }
    if (rest == "CODE BY CLAUSE"sv) { unit = Unit::kClause; return true; }
    if (rest == "CODE BY SENTENCE"sv) { unit = Unit::kSentence; return true; }
  }
  return false;
}

namespace {

// TABARI's COMMA setting: the tokens of the comma-delimited stretches it
// leaves out of the sentence, and whether there are any. A comma inside an
// actor mention (a compound "X, Y and Z") delimits nothing. Stretches between
// two commas go first, with their commas, left to right ("X, in remarks
// published on Monday, urged Y …" is then one stretch: no end to drop);
// then the beginning and the end, at the first and last comma left.
bool tabari_comma_drops(const SentenceInput& in, const PeerSettings::CommaLimits& limits, std::vector<bool>& dropped) {
  const auto& tokens = *in.tokens;
  const uint32_t first = in.sentence->first_token, end = in.sentence->end_token;
  std::vector<uint32_t> commas;
  for (uint32_t t = first; t < end; ++t) {
    if (tokens[t].norm != ","sv) continue;
    bool inside = false;
    for (const auto& m : *in.mentions) inside |= m.first_token < t && t < m.end_token;
    if (!inside) commas.push_back(t);
  }
  if (commas.empty()) return false;
  auto words = [&](uint32_t a, uint32_t b) {
    unsigned n = 0;
    for (uint32_t t = a; t < b; ++t) n += tokens[t].kind == TokenKind::kWord || tokens[t].kind == TokenKind::kNumber;
    return n;
  };
  bool any = false;
  auto drop = [&](uint32_t a, uint32_t b, uint8_t lo, uint8_t hi) {
    const unsigned n = words(a, b);
    if (n == 0 || n < lo || n > hi) return false;
    if (dropped.empty()) dropped.assign(end - first, false);
    for (uint32_t t = a; t < b; ++t) dropped[t - first] = true;
    any = true;
    return true;
  };
  for (size_t k = 0; k + 1 < commas.size();) {
    if (drop(commas[k], commas[k + 1] + 1, limits.min, limits.max))
      commas.erase(commas.begin() + static_cast<std::ptrdiff_t>(k), commas.begin() + static_cast<std::ptrdiff_t>(k) + 2);
    else
      ++k;
  }
  if (commas.empty()) return any;
  drop(first, commas.front() + 1, limits.bmin, limits.bmax);
  // The end: up to the sentence's closing punctuation, which stays.
  uint32_t last = end;
  while (last > commas.back() + 1 && tokens[last - 1].kind == TokenKind::kPunct && tokens[last - 1].norm != ","sv) --last;
  drop(commas.back(), last, limits.emin, limits.emax);
  return any;
}

}  // namespace

std::vector<CodedEvent> code_sentence(const SentenceInput& in, Discourse& discourse, const CodeOptions& options,
                                      Trace* trace) {
  if (in.lex->tabari_subjects()) {
    // An actor whose code in force is ### (TABARI's dated discards: "USSR
    // [USR <911226] [###]") discards the sentence.
    for (const auto& m : *in.mentions)
      for (const auto& a : m.actors)
        if (a.code.find("###") != std::string::npos) {
          if (trace) trace->add(fmt::format("discard actor \"{}\" ({}): sentence not coded", a.name, a.code));
          return {};
        }
    // TABARI's comma-delimited stretches are coded as if they were not
    // there; an agent with no actor ("a senior official") is no actor unless
    // SET: CONVERT AGENT = TRUE.
    std::vector<bool> dropped;
    const bool commas = options.peer.comma.on && tabari_comma_drops(in, options.peer.comma, dropped);
    // A null-coded actor ("BOROMIR [---]") is read as a noun, too.
    auto agent_only = [&](const Mention& m) {
      if (!m.actors.empty() && std::all_of(m.actors.begin(), m.actors.end(), [](const ActorRef& a) { return a.code == "---"sv; }))
        return true;
      return !options.peer.convert_agent && !m.actors.empty() &&
             std::all_of(m.actors.begin(), m.actors.end(), [](const ActorRef& a) { return !a.code.empty() && a.code[0] == '~'; });
    };
    if (commas || std::any_of(in.mentions->begin(), in.mentions->end(), agent_only)) {
      const uint32_t first = in.sentence->first_token;
      std::vector<Mention> kept;
      for (const auto& m : *in.mentions)
        if (!(commas && dropped[m.first_token - first]) && !agent_only(m)) kept.push_back(m);
      SentenceInput reduced = in;
      reduced.mentions = &kept;
      SentenceCoder coder(reduced, discourse, options, trace);
      if (commas) coder.drop_tokens(std::move(dropped));
      return coder.run();
    }
  }
  // PETRARCH's comma-delimited clauses, likewise left out.
  if (in.lexicon->peer_codes() && !in.lex->tabari_subjects() && options.peer.petrarch_comma.on) {
    std::vector<bool> dropped;
    if (tabari_comma_drops(in, options.peer.petrarch_comma, dropped)) {
      const uint32_t first = in.sentence->first_token;
      std::vector<Mention> kept;
      for (const auto& m : *in.mentions)
        if (!dropped[m.first_token - first]) kept.push_back(m);
      SentenceInput reduced = in;
      reduced.mentions = &kept;
      SentenceCoder coder(reduced, discourse, options, trace);
      coder.drop_tokens(std::move(dropped));
      return coder.run();
    }
  }
  return SentenceCoder(in, discourse, options, trace).run();
}

}  // namespace kabar
