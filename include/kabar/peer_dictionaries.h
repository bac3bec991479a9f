// kabar/peer_dictionaries.h — TABARI and PETRARCH dictionaries, read by
// conversion into kabar's own format (docs/DICTIONARIES.md, "Peer
// dictionaries").
//
// Users of event data own decades of these files. kabar reads them as they
// are: every line is converted into kabar dictionary lines that remember the
// peer's file:line (the evidence of an event names it), then loaded through
// the ordinary loader (LexiconOptions::peer_files). What the conversion keeps:
//
//   * TABARI .verbs and PETRARCH verb dictionaries: verb heads ("ABANDON
//     [---]", PETRARCH's "--- ABANDON [345] ---" blocks with their verbs and
//     irregular forms "{BROKE BROKEN}"), patterns "- SUGGESTED_+ * DEMAND
//     [111]" with `*` (the verb), `$` source, `+` target, `%` compound actor
//     (both), `^` skip, `{a | b}` alternatives, `&SYNSETS` (nested too),
//     PETRARCH-2's noun phrases `{ARMS SHIPMENT}` and prepositional phrases
//     `(TO BORDER)`, paired codes `[042:043]`, null codes `[---]` (a match
//     that codes nothing); `_` joins words that must be adjacent, a space
//     allows up to four words between; a word not ending in `_` is a stem.
//   * actors (TABARI .actors, PETRARCH/Phoenix actor files): `NAME [CODE]`,
//     `+SYNONYM` lines, several codes with dates (`[USAGOV 991201-010114]`,
//     `[USAGOV <011214]`, `[RUSGOV >080508]`, Phoenix's tab-indented lines).
//   * agents: `NAME_ [~GOV]` (and `[GOV~]`), Phoenix `!MACRO! = A, B`
//     substitutions.
//   * discards (PETRARCH): phrases that make a sentence uncoded;
//   * TABARI .options: the settings kabar implements (kabar/code.h
//     PeerSettings), applied by every pipeline on the lexicon.
// What it cannot keep is reported per line as a warning and skipped: TABARI
// <TIME> shifts, null actors `[---]`, `[###]` discard codes, malformed lines.
#pragma once

#include <string>
#include <vector>

#include "kabar/code.h"
#include "kabar/lexicon.h"
#include "kabar/status.h"

namespace kabar {

struct PeerDictionaries {
  std::vector<ConvertedFile> files;
  std::vector<std::string> warnings;  // "file:line: why" for what was skipped
  std::vector<std::string> sources;   // the peer files read
  std::vector<std::string> settings;  // from TABARI .options: PeerSettings lines ("SET: CODE ALL")
};

// Reads "tabari:PATH" or "petrarch:PATH" specs. PATH is one dictionary file
// (its kind from its name: .verbs/.actors/.agents, or verbs/actors/agents/
// discards in a PETRARCH file name), a directory (every such file in it), or
// a TABARI .project file (the files it names). A missing or unreadable file
// is an error; a bad line is a warning.
StatusOr<PeerDictionaries> read_peer_dictionaries(const std::vector<std::string>& specs);

// Writes the converted files under `out_dir` as kabar dictionaries
// (`lexicon/<lang>/<kind>/<name>.txt`, each line followed by its origin as a
// comment), for `kabar dict convert`.
Status write_converted(const PeerDictionaries& peers, const std::string& out_dir, const std::string& lang);

}  // namespace kabar
