// Actor mentions: dictionary items → noun-phrase chunks → coordinations.
// See kabar/annotate.h for the three steps and why.
#include <algorithm>

#include "annotate/items.h"
#include "util/strings.h"
#include "kabar/annotate.h"

namespace kabar {

using namespace std::string_view_literals;  // "x"sv: compared by length first, no strlen
namespace {

bool has_lowercase_letter(std::string_view s) {
  for (char c : s)
    if (c >= 'a' && c <= 'z') return true;
  return false;
}

// Case is evidence. An entry written in capitals ("AS", "PBB", "US", "WHO")
// only matches capitals in the text: "as", "us" and "who" are ordinary words.
// An entry written as a proper noun ("Barat", "Georgia") only matches text
// that starts with a capital letter: "arah barat" is a direction, not the West.
bool case_ok(const ActorEntry& e, std::string_view matched) {
  if (e.name.empty() || matched.empty()) return true;
  bool has_upper = std::any_of(e.name.begin(), e.name.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
  bool entry_upper = has_upper && !has_lowercase_letter(e.name);
  if (entry_upper && e.name.size() <= 6) return !has_lowercase_letter(matched);
  bool entry_proper = e.name[0] >= 'A' && e.name[0] <= 'Z';
  if (entry_proper) {
    unsigned char first = static_cast<unsigned char>(matched[0]);
    return !(first >= 'a' && first <= 'z');
  }
  return true;
}

bool is_country_unit(const Codebook& book, std::string_view code3) {
  const ActorUnit* u = book.unit(code3);
  return u && (u->kind == ActorUnitKind::kCountry || u->kind == ActorUnitKind::kRegion);
}

ActorRef make_ref(const Codebook& book, std::string code) {
  ActorRef a;
  if (code.size() >= 3 && is_country_unit(book, std::string_view(code).substr(0, 3))) {
    a.country = code.substr(0, 3);
    a.role = code.substr(3);
  } else {
    a.role = code;
  }
  a.code = std::move(code);
  return a;
}

// Merges the items of one chunk into a single actor. With a peer's
// dictionaries (`peer`) every actor code is a primary actor an agent's code
// is appended to, as TABARI and PETRARCH do ("Calenardhon government" →
// CALGOV), whether or not CAMEO knows its first three letters.
ActorRef compose(const Codebook& book, const std::vector<Item>& items, bool peer, bool tabari) {
  const Item* best_full = nullptr;   // an entry with country and role: a person, an institution
  const Item* country = nullptr;     // a bare country or region
  const Item* other = nullptr;       // an organisation code without country (IGOUNO)
  const Item* agent = nullptr;
  for (const auto& it : items) {
    // Several role words: the specific one wins over GOV, whatever the word
    // order ("juru bicara militer Thailand", "Thai military spokesman": the
    // spokesman speaks for the military, THAMIL).
    if (it.agent) {
      if (!agent || (agent->code == "GOV"sv && it.code != "GOV"sv)) agent = &it;
      continue;
    }
    bool starts_country = peer || is_country_unit(book, std::string_view(it.code).substr(0, 3));
    if (starts_country && it.code.size() == 3) { if (!country) country = &it; }
    else if (starts_country) { if (!best_full || it.code.size() > best_full->code.size()) best_full = &it; }
    else if (!other) other = &it;
  }
  std::string code;
  if (peer) {
    // TABARI and PETRARCH stack every agent of the phrase around the actor:
    // prefix agents before it, the others after ("GON" + MOP + OPP =
    // GONMOPOPP; NGO~ + "ARN" = NGOARN).
    // Codes are read in units of three: "GMWGOV" has no "WGO" in it.
    auto has_unit = [](const std::string& code, const std::string& part) {
      for (size_t at = code.find(part); at != std::string::npos; at = code.find(part, at + 1))
        if (at % 3 == 0) return true;
      return false;
    };
    // An agent nested in a longer one ("human rights activist" holds "rights
    // activist") comes after it in the items and before it in a prefix.
    // An agent the actor's code already has is not added twice ("White
    // House" USAGOV + "officials" GOV is USAGOV).
    const Item* base = best_full ? best_full : country ? country : other;
    std::string before, after;
    for (const auto& it : items) {
      if (!it.agent) continue;
      const bool prefix = it.flags & 1;
      std::string& side = prefix ? before : after;
      if (has_unit(side, it.code) || (base && has_unit(base->code, it.code))) continue;
      side = prefix ? it.code + side : side + it.code;
    }
    // Agents with no actor: TABARI writes "~MOS", PETRARCH the null actor "---MOS".
    // (A peer's [###], written "---" with the flag discard, is ###.)
    static const std::string kDiscard = "###";
    if (base || !before.empty() || !after.empty())
      code = base ? before + ((base->flags & kActorDiscard) ? kDiscard : base->code) + after
                  : (tabari ? "~" : "---") + before + after;
    ActorRef a = make_ref(book, code);
    for (const auto& it : items) a.entries.push_back(it.ref);
    return a;
  }
  if (best_full) code = best_full->code;
  else if (other) code = other->code;
  else if (country && agent) code = country->code == "---"sv ? country->code : country->code + agent->code;
  else if (country) code = country->code;
  else if (agent) code = agent->code;
  ActorRef a = make_ref(book, code);
  for (const auto& it : items) a.entries.push_back(it.ref);
  return a;
}

// TABARI's and PETRARCH's compound codes: an actor coded "FRO/BIL/SAM" is
// each of those actors, every one with the phrase's agents ("the Shire's
// police" is FROCOP, BILCOP and SAMCOP). Items without one give one actor.
std::vector<ActorRef> compose_compound(const Codebook& book, const std::vector<Item>& items, bool peer, bool tabari) {
  auto compound = std::find_if(items.begin(), items.end(),
                               [](const Item& i) { return !i.agent && i.code.find('/') != std::string::npos; });
  if (compound == items.end()) return {compose(book, items, peer, tabari)};
  std::vector<ActorRef> out;
  std::vector<Item> one = items;
  Item& member = one[static_cast<size_t>(compound - items.begin())];
  for (auto part : split(compound->code, '/')) {
    member.code = std::string(part);
    for (auto& a : compose_compound(book, one, peer, tabari)) out.push_back(std::move(a));
  }
  return out;
}

// A member of a coordination as items: its chunk's, and before them
// (`shared` of them) the agents or actor it shares with other members.
struct MemberItems {
  size_t chunk = 0;
  std::vector<Item> items;
  size_t shared = 0;
};

// PETRARCH's compounds of agents and actors, one item list per member:
// - agents before the compound's first actor belong to every member with no
//   agent of its own, each coordinated agent separately ("the ambassadors
//   of Arnor and Gondor": ARNGOV, GONGOV; "lawmakers and officials in
//   Fornost and Gondor": FORLEG, FORGOV, GONLEG, GONGOV);
// - an agent alone after a member with an actor and an agent takes that
//   actor and its modifiers ("Danish media and government": DNKMED, DNKGOV).
std::vector<MemberItems> petrarch_members(const std::vector<const std::vector<Item>*>& chunks) {
  auto agent = [](const Item& i) { return i.agent; };
  auto agent_only = [&](const std::vector<Item>& v) { return std::all_of(v.begin(), v.end(), agent); };
  const size_t n = chunks.size();
  size_t f = 0;  // the first member with an actor
  while (f < n && agent_only(*chunks[f])) ++f;
  std::vector<MemberItems> out;
  if (f == n) {
    for (size_t k = 0; k < n; ++k) out.push_back({k, *chunks[k], 0});
    return out;
  }
  const std::vector<Item>& first_actor = *chunks[f];
  size_t lead = 0;  // the first actor's own agents before it
  while (lead < first_actor.size() && first_actor[lead].agent) ++lead;
  std::vector<std::vector<Item>> groups;
  for (size_t k = 0; k < f; ++k) groups.push_back(*chunks[k]);
  if (lead) groups.emplace_back(first_actor.begin(), first_actor.begin() + static_cast<std::ptrdiff_t>(lead));
  auto with = [](const std::vector<Item>& shared, const std::vector<Item>& own, size_t from) {
    std::vector<Item> v = shared;
    v.insert(v.end(), own.begin() + static_cast<std::ptrdiff_t>(from), own.end());
    return v;
  };
  if (groups.size() > 1)
    for (const auto& g : groups) out.push_back({f, with(g, first_actor, lead), g.size()});
  else if (!groups.empty())
    out.push_back({f, with(groups[0], first_actor, lead), lead ? 0 : groups[0].size()});
  else
    out.push_back({f, first_actor, 0});
  const std::vector<Item>* actor_with_agent = std::any_of(first_actor.begin(), first_actor.end(), agent) ? &first_actor : nullptr;
  for (size_t k = f + 1; k < n; ++k) {
    const std::vector<Item>& items = *chunks[k];
    if (!groups.empty() && std::none_of(items.begin(), items.end(), agent)) {
      for (const auto& g : groups) out.push_back({k, with(g, items, 0), g.size()});
    } else if (actor_with_agent && agent_only(items)) {
      // The earlier member less its last agent, its head noun.
      std::vector<Item> base = *actor_with_agent;
      for (size_t i = base.size(); i-- > 0;)
        if (base[i].agent) { base.erase(base.begin() + static_cast<std::ptrdiff_t>(i)); break; }
      out.push_back({k, with(base, items, 0), base.size()});
    } else {
      out.push_back({k, items, 0});
      if (!agent_only(items)) actor_with_agent = std::any_of(items.begin(), items.end(), agent) ? &items : nullptr;
    }
  }
  return out;
}

// A lower-case word that may stand inside a peer's name written with spaces.
bool gap_word(const Token& w) {
  const std::string_view n = w.norm;
  return w.kind == TokenKind::kWord && !w.capitalized && n != "and"sv && n != "or"sv;
}

// The peers' names written with a space after their first word
// ("ITHILEN TELEVISION", "PRINCE DOL_AMROTH": kabar's "ithilen*
// television*") let one or two lower-case words stand after that word:
// "Ithilen state-run television", "the Prince of Dol_Amroth". The end of
// such a name at capitalised token `i`, whose next token is a gap_word(),
// 0 when none. (Out of line: find_items() runs at every word.)
[[gnu::noinline]] uint32_t spaced_name(const std::vector<Token>& tokens, uint32_t i, uint32_t end,
                                       const LanguageLexicon& lex, const std::optional<Date>& date, bool any_date,
                                       const ActorEntry*& entry) {
  // (Only at a word that begins such a name: its stem, followed by a space.)
  if (!lex.has_stems()) return 0;
  const uint32_t stem = lex.stem_id(tokens[i]);
  bool starts = lex.spaced_name_start(lex.base_id(tokens[i])) || lex.spaced_name_start(stem);
  for (uint32_t shorter : stem ? lex.shorter_stems(stem) : std::span<const uint32_t>{}) starts |= lex.spaced_name_start(shorter);
  if (!starts) return 0;
  auto known = [&](const Token& t) { return lex.base_id(t) != 0 || lex.stem_id(t) != 0; };
  const auto key_at = lex.base_id_at(tokens);
  const auto stem_at = lex.stem_id_at(tokens);
  for (uint32_t g = 1; g <= 2 && i + 1 + g < end; ++g) {
    if (g > 1 && !gap_word(tokens[i + g])) break;
    if (!known(tokens[i + 1 + g])) continue;
    auto past_gap = [&, g](auto at) { return [=](size_t v) { return at(v <= i ? v : v + g); }; };
    const std::vector<uint32_t>* values = nullptr;
    const size_t len = lex.actor_trie().longest_ref_stems(i, end - g, past_gap(key_at), past_gap(stem_at), values);
    if (len < 2) continue;
    for (uint32_t v : *values) {
      const ActorEntry& e = lex.actors()[v];
      const size_t space = e.name.find(' ');
      if (space == std::string::npos || space == 0 || e.name[space - 1] != '*') continue;
      if (!(any_date || (date ? e.dates.contains(*date) : e.dates.unbounded()))) continue;
      entry = &e;
      return static_cast<uint32_t>(i + g + len);
    }
  }
  return 0;
}

}  // namespace

std::vector<Item> find_items(std::string_view text, const std::vector<Token>& tokens, uint32_t first, uint32_t end,
                             const LanguageLexicon& lex, const std::optional<Date>& date, bool any_date) {
  auto key_at = lex.base_id_at(tokens);  // names are looked up without a possessive "'s"
  // Peer dictionaries (TABARI, PETRARCH) write most names as stems: "ARGENTIN".
  // (`until`: where the name must end at the latest; the sentence's end by default.)
  auto names_at = [&](const PhraseTrie& trie, uint32_t i, const std::vector<uint32_t>*& values, uint32_t until = 0) {
    const uint32_t stop = until ? until : end;
    return lex.has_stems() ? trie.longest_ref_stems(i, stop, key_at, lex.stem_id_at(tokens), values)
                           : trie.longest_ref(i, stop, key_at, values);
  };
  // 1. Items.
  std::vector<Item> items;
  for (uint32_t i = first; i < end;) {
    if (tokens[i].kind != TokenKind::kWord) { ++i; continue; }
    const std::vector<uint32_t>* values = nullptr;  // the tries' own lists: no copies per token
    size_t actor_len = names_at(lex.actor_trie(), i, values);
    // The peers read a possessive "'s" as a word of its own: it ends a name
    // ("ithilen's government radio" is no ITHILEN_GOVERNMENT_RADIO_).
    if (actor_len > 1 && lex.peer_actors())
      for (uint32_t k = i; k + 1 < i + actor_len; ++k)
        if (lex.base_id(tokens[k]) != lex.word_id(tokens[k])) {
          actor_len = names_at(lex.actor_trie(), i, values, k + 1);
          break;
        }
    const ActorEntry* chosen = nullptr;
    for (bool retry = true; retry;) {
    retry = false;
    bool case_rejected = false;
    if (actor_len) {
      std::string_view matched(text.data() + tokens[i].span.begin,
                               tokens[i + actor_len - 1].span.end - tokens[i].span.begin);
      // With a date, the entry in force that day. Without one (an undated
      // article), an undated entry, else the most recent office: "Presiden
      // Joko Widodo" in an undated story is still Indonesian government.
      const ActorEntry* latest = nullptr;
      for (uint32_t v : *values) {
        const ActorEntry& e = lex.actors()[v];
        if (!case_ok(e, matched)) continue;
        // English: every capitalised word of a proper name must be
        // capitalised in the text ("Russia today" is not Russia Today).
        if (lex.lang() == "en"sv && actor_len > 1) {
          bool ok = true;
          size_t w = 0;
          for (size_t k = 0; k < e.name.size() && ok; ++k) {
            bool word_start = k == 0 || e.name[k - 1] == ' ';
            if (!word_start) continue;
            if (w < actor_len && e.name[k] >= 'A' && e.name[k] <= 'Z') {
              const Token& tk = tokens[i + w];
              ok = tk.capitalized || tk.kind != TokenKind::kWord;
            }
            ++w;
          }
          if (!ok) { case_rejected = true; continue; }
        }
        if (any_date || (date ? e.dates.contains(*date) : e.dates.unbounded())) {
          chosen = &e;
          break;
        }
        if (!date && (!latest || (e.dates.from && (!latest->dates.from || *latest->dates.from < *e.dates.from))))
          latest = &e;
      }
      if (!chosen) chosen = latest;
      // Rejected only for its case: a shorter name inside may still match
      // ("Russia" in "Russia today").
      if (!chosen && case_rejected && actor_len > 1) {
        actor_len = lex.actor_trie().longest_ref(i, i + actor_len - 1, key_at, values);
        retry = true;
        continue;
      }
      // After "berinisial", "bernama", "alias" comes a person's name or
      // initials: "berinisial AS" is not the United States.
      if (chosen && i > first && lex.is_word(WordClass::kNameIntro, tokens[i - 1])) chosen = nullptr;
      // A capital after a locative preposition is a place: "di Teheran".
      if (chosen && (chosen->flags & kActorCapital) && i > first &&
          lex.is_word(WordClass::kPrepLocative, tokens[i - 1]))
        chosen = nullptr;
    }
    }  // retry
    const std::vector<uint32_t>* agent_values = nullptr;
    size_t agent_len = names_at(lex.agent_trie(), i, agent_values);
    // "kedua pemimpin", "the two leaders": a role word inside a pair
    // anaphor is part of it (the coder resolves the pair), no actor of its own.
    // (The anaphor begins one or two words before it and reaches over it.)
    for (uint32_t back = 1; agent_len && !lex.peer_actors() && back <= 2 && i >= first + back; ++back) {
      size_t pair_len = 0;
      if (lex.word_phrase(i - back, end, lex.id_at(tokens), WordClass::kAnaphorPair, pair_len) && pair_len > back)
        agent_len = 0;
    }
    // Initials after "berinisial" are not a role either ("berinisial PM").
    if (agent_len && i > first && lex.is_word(WordClass::kNameIntro, tokens[i - 1])) agent_len = 0;
    // A longer place name wins over an actor inside it: "Jawa Barat" is a
    // province, not Java plus the West.
    const std::vector<uint32_t>* place_values = nullptr;
    size_t place_len = tokens[i].capitalized ? lex.place_trie().longest_ref(i, end, key_at, place_values) : 0;
    if (place_len > actor_len && place_len > agent_len) {
      i += static_cast<uint32_t>(place_len);
      continue;
    }
    const ActorEntry* spaced = nullptr;
    if (const uint32_t spaced_end = lex.peer_actors() && tokens[i].capitalized && i + 2 < end && gap_word(tokens[i + 1])
                                        ? spaced_name(tokens, i, end, lex, date, any_date, spaced) : 0;
        spaced_end > i + std::max({actor_len, agent_len, place_len})) {
      chosen = spaced;
      actor_len = spaced_end - i;
    }
    if (chosen && actor_len >= agent_len) {
      items.push_back({i, static_cast<uint32_t>(i + actor_len), false, chosen->code, chosen->flags, chosen->ref});
      i += static_cast<uint32_t>(actor_len);
    } else if (agent_len) {
      const AgentEntry& g = lex.agents()[agent_values->front()];
      const uint32_t agent_end = static_cast<uint32_t>(i + agent_len);
      items.push_back({i, agent_end, true, g.role, static_cast<uint16_t>(g.prefix ? 1 : 0), g.ref});
      // The peers read every agent in the words, also one inside a longer
      // one ("main opposition group" is MOP and "opposition group" OPP):
      // kept as items of the same words.
      if (lex.peer_actors())
        for (uint32_t j = i + 1; j < agent_end; ++j) {
          const std::vector<uint32_t>* inner = nullptr;
          const size_t inner_len = names_at(lex.agent_trie(), j, inner);
          if (!inner_len || j + inner_len > agent_end) continue;
          const AgentEntry& n = lex.agents()[inner->front()];
          items.push_back({i, agent_end, true, n.role, static_cast<uint16_t>(n.prefix ? 1 : 0), n.ref});
        }
      i = agent_end;
    } else {
      ++i;
    }
  }

  return items;
}

namespace {

// NameEchoes: a capitalised word standing alone (no unknown capitalised
// word beside it: "Zulkifli Lubis" is someone else) that is a word of a person named
// before in the article becomes an item of that person; then the people of
// this sentence, named in full, lend their words to the sentences after.
// Words of two words or fewer letters, and words the dictionaries give a
// class of their own (function words, role words), lend nothing.
void echo_names(const std::vector<Token>& tokens, uint32_t first, uint32_t end, const LanguageLexicon& lex,
                std::vector<Item>& items, NameEchoes& echoes) {
  std::vector<bool> covered(end - first, false);
  for (const Item& it : items)
    for (uint32_t t = it.first; t < it.end; ++t) covered[t - first] = true;
  bool added = false;
  for (uint32_t t = first; t < end && !echoes.by_word.empty(); ++t) {
    const Token& tk = tokens[t];
    if (covered[t - first] || tk.kind != TokenKind::kWord || !tk.capitalized) continue;
    if (t + 1 < end && tokens[t + 1].kind == TokenKind::kWord && tokens[t + 1].capitalized) continue;
    // Nor a name of unknown words before it: "Rachmawati Soekarnoputri" is
    // not Megawati Soekarnoputri. (A title the dictionaries know may stand
    // there: "Jenderal Gatot".)
    if (t > first && !covered[t - 1 - first] && tokens[t - 1].kind == TokenKind::kWord && tokens[t - 1].capitalized &&
        lex.word_classes(tokens[t - 1]) == 0)
      continue;
    auto it = echoes.by_word.find(tk.norm);
    if (it == echoes.by_word.end() || it->second.ambiguous) continue;
    if (lex.place_trie().may_start(lex.base_id(tk))) continue;  // "Victoria" the state, after Victoria Nuland
    items.push_back({t, t + 1, false, it->second.code, it->second.flags, it->second.ref});
    added = true;
  }
  if (added)
    std::sort(items.begin(), items.end(), [](const Item& a, const Item& b) { return a.first < b.first; });
  for (const Item& it : items) {
    if (it.agent || !(it.flags & kActorPerson) || it.end - it.first < 2) continue;  // one word: nothing shorter
    for (uint32_t t = it.first; t < it.end; ++t) {
      const Token& tk = tokens[t];
      if (tk.kind != TokenKind::kWord || !tk.capitalized || tk.norm.size() < 3 || lex.word_classes(tk) != 0 ||
          lex.agent_trie().may_start(lex.base_id(tk)))
        continue;
      auto [at, fresh] = echoes.by_word.try_emplace(tk.norm, NameEchoes::Person{it.code, it.flags, it.ref});
      if (!fresh && at->second.code != it.code) at->second.ambiguous = true;
    }
  }
}

}  // namespace

std::vector<Mention> find_mentions(std::string_view text, const std::vector<Token>& tokens,
                                   uint32_t first, uint32_t end, const LanguageLexicon& lex,
                                   const Codebook& book, const std::optional<Date>& date, NameEchoes* echoes) {
  std::vector<Item> items = find_items(text, tokens, first, end, lex, date);
  if (echoes && !lex.peer_actors()) echo_names(tokens, first, end, lex, items, *echoes);

  // 2. Chunks: adjacent items, or an agent joined to an actor by "of"/"dari".
  struct Chunk { uint32_t first, end; std::vector<Item> items; };
  std::vector<Chunk> chunks;
  for (const auto& it : items) {
    if (!chunks.empty()) {
      Chunk& c = chunks.back();
      // Modifiers may stand between a role and its country: "Pemimpin
      // terpilih Hong Kong", "the new Iranian foreign minister".
      uint32_t gap_end = c.end;
      // (The peers: "former" only, which makes the agents ELI below.)
      while (gap_end < it.first && (lex.peer_actors() ? tokens[gap_end].norm == "former"sv
                                                      : lex.is_word(WordClass::kModifier, tokens[gap_end])))
        ++gap_end;
      // (An agent nested in the last one has its words: same chunk.)
      bool adjacent = c.end == it.first || (gap_end == it.first && (c.items.back().agent || it.agent)) ||
                      (it.first == c.items.back().first && it.end == c.items.back().end);
      // "President of Russia", "duta besar dari Ukraina", and for a bare
      // country also "a court in Guyana", "polisi di Malaysia".
      const std::string& joiner = tokens[c.end].norm;
      bool country_item = (lex.peer_actors() && !it.agent) ||
                          (it.code.size() == 3 && is_country_unit(book, it.code) && !(it.flags & kActorCapital));
      bool via_of = c.end + 1 == it.first && c.items.back().agent && !it.agent &&
                    (joiner == "of"sv || joiner == "dari"sv ||
                     (country_item && (joiner == "in"sv || joiner == "di"sv)));
      // "a delegation from China", "ministers from the European Union",
      // "dissidents from Myanmar": a role word joined to the actor it comes
      // from (a determiner may stand between). Not after a possessive ("its
      // ambassador from Colombia" is its own envoy) and not for armed forces
      // ("withdrew troops from Syria" names where they leave).
      // (The peers join armed forces too: "soldiers from Gondor".)
      if (!via_of && c.items.size() == 1 && c.items.back().agent && !it.agent && joiner == "from"sv &&
          (lex.peer_actors() || c.items.back().code.find("MIL") == std::string::npos)) {
        uint32_t after = c.end + 1;
        while (after < it.first && lex.is_word(WordClass::kDeterminer, tokens[after])) ++after;
        bool possessive_before = c.first > first && (tokens[c.first - 1].norm == "its"sv ||
                                                     tokens[c.first - 1].norm == "their"sv ||
                                                     tokens[c.first - 1].norm == "his"sv ||
                                                     tokens[c.first - 1].norm == "her"sv);
        via_of = after == it.first && !possessive_before;
      }
      // Indonesian noun phrases put the head first: "perusahaan industri
      // pertahanan Amerika Serikat", "tentara bayaran Rusia" — a role word,
      // one or two lower-case nouns, then its country. The words between may
      // be no function word and not look like a verb (meN-, di-, ber-,
      // ter-: "polisi menangkap warga Malaysia" is no Malaysian police).
      if (!adjacent && !via_of && !lex.peer_actors() && lex.lang() == "id"sv && c.items.back().agent && !it.agent &&
          country_item && it.first > c.end && it.first <= c.end + 2) {
        bool nouns = true;
        for (uint32_t t = c.end; t < it.first && nouns; ++t) {
          const Token& w = tokens[t];
          const std::string& n = w.norm;
          nouns = w.kind == TokenKind::kWord && !w.capitalized && lex.word_classes(w) == 0 &&
                  !lex.is_word(WordClass::kPlaceCue, w) &&  // "gubernur negara bagian Georgia"
                  n.rfind("me", 0) != 0 && n.rfind("di", 0) != 0 && n.rfind("ber", 0) != 0 && n.rfind("ter", 0) != 0;
        }
        adjacent = nouns;
      }
      if (adjacent || via_of) {
        c.items.push_back(it);
        c.end = it.end;
        continue;
      }
    }
    chunks.push_back({it.first, it.end, {it}});
  }

  // The peers: "former" before or inside a chunk makes its agents ELI
  // ("former security officials", "former Gondor prosecutors").
  if (lex.peer_actors() && lex.lang() == "en"sv) {
    for (auto& c : chunks) {
      bool former = c.first > first && tokens[c.first - 1].norm == "former"sv;
      for (uint32_t t = c.first; t < c.end && !former; ++t) former = tokens[t].norm == "former"sv;
      if (!former) continue;
      for (auto& it : c.items)
        if (it.agent) { it.code = "ELI"; it.flags = 0; }
    }
  }

  // "Demonstrators in Baghdad", "security forces in Guinea's capital": a
  // role word with no country of its own takes the country of the
  // dictionary place right after "in" (English; Indonesian joins "di" to
  // countries only, above). kabar's own dictionaries also read "of" there:
  // "the mayor of Nablus", "the governor of Kharkiv" hold office in the
  // place's country (the peers' dictionaries name their own places).
  const bool own_english = !lex.peer_actors() && lex.lang() == "en"sv;
  auto place_joiner = [&](const std::string& w) { return w == "in"sv || (w == "of"sv && own_english); };
  // (kabar's own English: the place may come after an article, an
  // adjective and place words, "police in the northern city of Kirkuk",
  // "the governor of the province of Kherson".)
  auto place_start = [&](uint32_t at) {
    if (!own_english) return at;
    auto skip_cue = [&](uint32_t& k) {
      size_t cue = 0;
      if (k < end && lex.word_phrase(k, end, lex.id_at(tokens), WordClass::kPlaceCue, cue)) k += cue;
      return cue > 0;
    };
    while (at < end && lex.is_word(WordClass::kDeterminer, tokens[at])) ++at;
    if (skip_cue(at)) return at;
    if (at + 1 < end && tokens[at].kind == TokenKind::kWord && !tokens[at].capitalized &&
        lex.word_classes(tokens[at]) == 0) {
      uint32_t next = at + 1;
      if (skip_cue(next) || tokens[next].capitalized) return next;
    }
    return at;
  };
  for (auto& c : chunks) {
    if (c.end + 1 >= end || !place_joiner(tokens[c.end].norm)) continue;
    if (!std::all_of(c.items.begin(), c.items.end(), [](const Item& i) { return i.agent; })) continue;
    const uint32_t at = place_start(c.end + 1);
    if (at >= end || !tokens[at].capitalized) continue;
    std::vector<uint32_t> values;
    size_t len = lex.place_trie().longest(at, end, lex.id_at(tokens), values);
    if (!len) continue;
    const uint32_t place_end = at + static_cast<uint32_t>(len);
    bool clash = std::any_of(items.begin(), items.end(),
                             [&](const Item& i) { return i.first < place_end && i.end > c.end + 1; });
    if (clash) continue;
    const PlaceEntry& pe = lex.places()[values.front()];
    c.items.push_back({at, place_end, false, pe.country, kActorCountry, pe.ref});
    c.end = place_end;
  }

  // 3. Coordination.
  auto is_coordinator = [&](uint32_t tok) {
    const std::string& n = tokens[tok].norm;
    // The peers also coordinate with "or" and "nor" ("Neither X nor Y").
    return n == "dan"sv || n == "serta"sv || n == "and"sv || n == "&"sv || n == ","sv ||
           (lex.peer_actors() && (n == "or"sv || n == "nor"sv));
  };
  // Between two chunks: coordinators (a comma, a word) with at most three
  // lower-case words after the last one.
  auto peer_coordination = [&](uint32_t from, uint32_t to, bool& word_coordinator) {
    bool any = false, word = false;
    int fillers = 0, before = 0;
    for (uint32_t t = from; t < to; ++t) {
      if (is_coordinator(t) && fillers == 0) {
        any = true;
        word |= tokens[t].norm != ","sv;
        continue;
      }
      // PETRARCH's parse also makes a compound of nouns after the first
      // member: "Fornost's sheep and goats of Gondor" (one or two words).
      if (!any ? lex.tabari_subjects() || ++before > 2 : ++fillers > 3) return false;
      // (Not a verb: "Sudland and accused Ostmark" is no compound.)
      if (tokens[t].kind != TokenKind::kWord || tokens[t].capitalized) return false;
      const uint32_t stem = lex.stem_id(tokens[t]);
      if (lex.patterns_for_head(tokens[t]) || (stem && lex.patterns_for_head(stem))) return false;
    }
    if (!any) return false;
    word_coordinator |= word;
    return true;
  };
  std::vector<Mention> out;
  for (size_t c = 0; c < chunks.size();) {
    size_t last = c;
    bool used_word_coordinator = false;
    while (last + 1 < chunks.size()) {
      const uint32_t gap = chunks[last].end;
      if (chunks[last].end + 1 == chunks[last + 1].first && is_coordinator(gap)) {
        if (tokens[gap].norm != ","sv) used_word_coordinator = true;
      } else if (chunks[last].end + 2 == chunks[last + 1].first && tokens[gap].norm == ","sv &&
                 is_coordinator(gap + 1) && tokens[gap + 1].norm != ","sv) {
        used_word_coordinator = true;  // a serial comma: "Poland, Lithuania, and Latvia"
      } else if (chunks[last].end + 2 == chunks[last + 1].first && tokens[gap].norm == "and"sv &&
                 tokens[gap + 1].norm == "the"sv) {
        used_word_coordinator = true;  // "Indonesia and the Philippines"
      } else if (lex.peer_actors() && peer_coordination(gap, chunks[last + 1].first, used_word_coordinator)) {
        // The peers' compounds allow articles and adjectives before a
        // member: "Fornost and the evil awful Gondor", "Mordor, the Shire, …".
      } else {
        break;
      }
      ++last;
    }
    // A list joined only by commas is an apposition, not a coordination:
    // "Patrushev, Putin" — keep the first chunk alone.
    if (!used_word_coordinator) last = c;
    Mention m;
    m.first_token = chunks[c].first;
    m.end_token = chunks[last].end;
    m.span = {tokens[m.first_token].span.begin, tokens[m.end_token - 1].span.end};
    std::vector<bool> has_agent_role;
    // The members' items: each chunk's own, or PETRARCH's shares.
    std::vector<MemberItems> shared_items;
    const bool petrarch_compound = lex.peer_actors() && !lex.tabari_subjects() && last > c;
    if (petrarch_compound) {
      std::vector<const std::vector<Item>*> coordinated;
      for (size_t k = c; k <= last; ++k) coordinated.push_back(&chunks[k].items);
      shared_items = petrarch_members(coordinated);
    }
    const size_t n_members = petrarch_compound ? shared_items.size() : last - c + 1;
    for (size_t mi = 0; mi < n_members; ++mi) {
      const size_t k = c + (petrarch_compound ? shared_items[mi].chunk : mi);
      const std::vector<Item>& member_items = petrarch_compound ? shared_items[mi].items : chunks[k].items;
      auto add_member = [&](ActorRef a) {
        // Its own entries first, then the shared ones.
        if (petrarch_compound)
          std::rotate(a.entries.begin(), a.entries.begin() + static_cast<std::ptrdiff_t>(shared_items[mi].shared),
                      a.entries.end());
        a.span = {tokens[chunks[k].first].span.begin, tokens[chunks[k].end - 1].span.end};
        a.name = std::string(a.span.in(text));
        bool agent_role = std::any_of(chunks[k].items.begin(), chunks[k].items.end(),
                                      [](const Item& i) { return i.agent; }) && !a.country.empty();
        has_agent_role.push_back(agent_role);
        // An outlet, alone or with a media role word ("kantor berita TASS",
        // "the news agency Reuters").
        const auto& items = chunks[k].items;
        if (std::any_of(items.begin(), items.end(), [](const Item& i) { return !i.agent && (i.flags & kActorMedia); }) &&
            std::all_of(items.begin(), items.end(), [](const Item& i) {
              return (!i.agent && (i.flags & kActorMedia)) || (i.agent && i.code == "MED"sv);
            }))
          m.media = true;
        m.actors.push_back(std::move(a));
      };
      const bool compound_code = lex.peer_actors() && std::any_of(member_items.begin(), member_items.end(), [](const Item& i) {
        return !i.agent && i.code.find('/') != std::string::npos;
      });
      if (compound_code)
        for (auto& a : compose_compound(book, member_items, true, lex.tabari_subjects())) add_member(std::move(a));
      else
        add_member(compose(book, member_items, lex.peer_actors(), lex.tabari_subjects()));
    }
    // Distribute a role over bare countries of the same coordination.
    std::string shared_role;
    for (size_t k = 0; k < m.actors.size(); ++k)
      if (has_agent_role[k]) { shared_role = m.actors[k].role; break; }
    if (!shared_role.empty())
      for (auto& a : m.actors)
        if (a.role.empty() && !a.country.empty()) {
          a.role = shared_role;
          a.code = a.country + shared_role;
        }
    m.after_prep = m.first_token > first && lex.is_word(WordClass::kPrep, tokens[m.first_token - 1]);
    // "Thousands of demonstrators", "a group of students": a quantity before
    // "of" makes the actor the head of its noun phrase, free to be a subject.
    if (m.after_prep && tokens[m.first_token - 1].norm == "of"sv && m.first_token >= first + 2) {
      const uint32_t of = m.first_token - 1;
      if (tokens[of - 1].kind == TokenKind::kNumber &&
          !(of - 1 > first && lex.is_word(WordClass::kPrep, tokens[of - 2])))
        m.after_prep = false;
      for (uint32_t s = of >= first + 3 ? of - 3 : first; s < of && m.after_prep; ++s) {
        size_t len = 0;
        // Not when the quantity is itself a preposition's object ("a rally
        // by thousands of workers").
        if (lex.word_phrase(s, end, lex.id_at(tokens), WordClass::kQuantity, len) && s + len == of + 1 &&
            !(s > first && lex.is_word(WordClass::kPrep, tokens[s - 1])))
          m.after_prep = false;
      }
    }
    out.push_back(std::move(m));
    c = last + 1;
  }
  return out;
}

std::vector<PlaceMention> find_places(const std::vector<Token>& tokens, uint32_t first, uint32_t end,
                                      const LanguageLexicon& lex) {
  std::vector<PlaceMention> out;
  std::vector<uint32_t> values;
  auto id_at = lex.id_at(tokens);
  for (uint32_t i = first; i < end;) {
    size_t len = tokens[i].capitalized ? lex.place_trie().longest(i, end, id_at, values) : 0;
    if (!len) { ++i; continue; }
    PlaceMention p;
    p.first_token = i;
    p.end_token = static_cast<uint32_t>(i + len);
    p.span = {tokens[i].span.begin, tokens[p.end_token - 1].span.end};
    p.place = values.front();
    p.after_locative = i > first && lex.is_word(WordClass::kPrepLocative, tokens[i - 1]);
    out.push_back(p);
    i = p.end_token;
  }
  return out;
}

}  // namespace kabar
