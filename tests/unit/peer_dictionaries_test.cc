// TABARI and PETRARCH dictionaries read by conversion (kabar/peer_dictionaries.h):
// the lines each peer construct becomes, the defects reported with file:line,
// and what the converted dictionaries code. The dictionary snippets and
// sentences are the team's own, written in the peers' formats.
#include <filesystem>
#include <fstream>
#include <set>

#include <gtest/gtest.h>

#include "kabar/eval.h"
#include "kabar/peer_dictionaries.h"
#include "kabar/pipeline.h"
#include "test_support.h"

namespace kabar {
namespace {

namespace fs = std::filesystem;

// A scratch folder with the given files, removed afterwards.
class TempDir {
 public:
  TempDir() {
    path_ = fs::temp_directory_path() / fs::path("kabar-peer-" + std::to_string(::getpid()) + "-" + std::to_string(counter_++));
    fs::create_directories(path_);
  }
  ~TempDir() { std::error_code ec; fs::remove_all(path_, ec); }
  std::string write(const std::string& name, const std::string& text) const {
    std::ofstream(path_ / name) << text;
    return (path_ / name).string();
  }
  std::string path() const { return path_.string(); }

 private:
  fs::path path_;
  static inline int counter_ = 0;
};

std::vector<std::string> lines_of(const PeerDictionaries& p, const std::string& kind) {
  std::vector<std::string> out;
  for (const auto& f : p.files)
    if (f.kind == kind) out.insert(out.end(), f.lines.begin(), f.lines.end());
  return out;
}

struct ConversionCase {
  const char* name;
  const char* scheme;    // "tabari" or "petrarch"
  const char* file;      // file name (its kind comes from it)
  const char* text;      // the peer's lines
  const char* kind;      // converted kind
  std::vector<std::string> expected;  // kabar lines, in order
};

class ConversionTest : public ::testing::TestWithParam<ConversionCase> {};

TEST_P(ConversionTest, ConvertsPeerLinesIntoKabarLines) {
  const auto& c = GetParam();
  TempDir dir;
  const std::string path = dir.write(c.file, c.text);
  auto p = read_peer_dictionaries({std::string(c.scheme) + ":" + path});
  ASSERT_TRUE(p.ok()) << p.status().to_string();
  EXPECT_EQ(lines_of(*p, c.kind), c.expected);
  for (const auto& w : p->warnings) ADD_FAILURE() << "unexpected warning: " << w;
}

INSTANTIATE_TEST_SUITE_P(
    Peers, ConversionTest,
    ::testing::Values(
        ConversionCase{"tabari_verb_and_patterns", "tabari", "t.verbs",
                       "PROTEST  [140] ;team 2026\n"
                       "- * OUTSIDE_ +  EMBASSY [141]\n"
                       "- + WAS_ * BY_ $  [145]\n"
                       "- % * EACH OTHER [112:112]\n"
                       "CALLED_ [---]\n"
                       "- * FOR { TALKS | NEGOTIATIONS } WITH_ +  [020]\n",
                       "verbs",
                       {"140 target nopassive : $ @protest*",
                        "141 nopassive : $ @protest* ... outside + ... embassy*",
                        "145 nopassive : + was ... @protest* ... by $",
                        "112 converse=112 recip compound nopassive : $ @protest* ... each* ... other*",
                        "--- target nopassive : $ @=called",
                        "020 nopassive : $ @=called ... for* ... {talks*|negotiations*} ... with +"}},
        ConversionCase{"tabari_stem_mark_in_joined_phrase", "tabari", "m.verbs",
                       "PRAIS [051]\n- * HIGH~_REGARD_ FOR + [052]\n", "verbs",
                       {"051 target nopassive : $ @prais*", "052 nopassive : $ @prais* ... high* regard for* ... +"}},
        // Words apart inside a group's alternative may have others between
        // them: one pattern per alternative.
        ConversionCase{"tabari_group_with_words_apart", "tabari", "g.verbs",
                       "VOICE [020]\n- { LOUDLY RAISED | FIRMLY_STATED } ITS * [043]\n", "verbs",
                       {"020 target nopassive : $ @voice*", "043 target nopassive : $ loudly* ... raised* ... its* ... @voice*",
                        "043 target nopassive : $ firmly stated* ... its* ... @voice*"}},
        // A synset member with words apart: one pattern of its own, gaps between its words.
        ConversionCase{"tabari_synset_member_words_apart", "tabari", "a.verbs",
                       "<SYNSETS>\n&COIN\n+GOLD\n+SILVER\n+OLD CROWN\n</SYNSETS>\nGIV [070]\n- * &COIN [903]\n", "verbs",
                       {"070 target nopassive : $ @giv*", "903 target nopassive : $ @giv* ... {gold*|silver*}",
                        "903 target nopassive : $ @giv* ... old* ... crown*"}},
        // A <TIME> phrase coded [###] or [+++] discards the sentence.
        ConversionCase{"tabari_time_discards", "tabari", "t.verbs",
                       "<TIME>\nONCE_UPON_A_TIME [###]\nWHEN_PIGS_FLY [+++]\n</TIME>\nGIV [070]\n", "words",
                       {"discard : once upon a time", "discard : when pigs fly"}},
        ConversionCase{"tabari_dominant_code", "tabari", "d.verbs", "ATTEND [031!]\n", "verbs",
                       {"031 dominant target nopassive : $ @attend*"}},
        ConversionCase{"tabari_written_source", "tabari", "w.verbs", "HAIL [050]\n- $ * [053]\n", "verbs",
                       {"050 target nopassive : $ @hail*", "053 nearsource target nopassive : $ @hail*"}},
        ConversionCase{"tabari_synsets_nest", "tabari", "s.verbs",
                       "<SYNSETS>\n&ARMS\n+RIFLES\n+TANKS_\n&AID\n+&ARMS\n+FOOD_AID\n</SYNSETS>\n"
                       "SEND [---]\n- * &AID TO_ + [070]\n",
                       "verbs",
                       {"--- target nopassive : $ @send*",
                        "070 nopassive : $ @send* ... {rifles*|tanks|food aid*} ... to +"}},
        // PETRARCH: '+' marks the verb of a phrasal verb; '%' before the verb
        // is a compound source (the object, if any, the target), after it
        // the target (TABARI: the compound).
        ConversionCase{"petrarch_phrasal_verbs_and_compounds", "petrarch", "PETR.test.verbs.txt",
                       "--- SEAL [171] ---\n"
                       "+SEAL_OFF {+SEALED_OFF}\n"
                       "BUG_+TAP\n"
                       "- % * [030:030]\n"
                       "- * WITH % [031]\n",
                       "verbs",
                       {"171 target nopassive : $ @=seal off", "171 target nopassive : $ @=sealed off",
                        "171 target nopassive : $ bug @=tap",
                        "030 converse=030 recip compound target nopassive : $ @=seal off",
                        "030 converse=030 recip compound target nopassive : $ @=sealed off",
                        "030 converse=030 recip compound target nopassive : $ bug @=tap",
                        "031 nopassive : $ @=seal off ... with ... +", "031 nopassive : $ @=sealed off ... with ... +",
                        "031 nopassive : $ bug @=tap ... with ... +"}},
        ConversionCase{"tabari_compound_after_the_verb", "tabari", "c.verbs", "FIGHT [190]\n- * BETWEEN % [193]\n", "verbs",
                       {"190 target nopassive : $ @fight*", "193 recip nopassive : @fight* ... between* ... $"}},
        ConversionCase{"petrarch_block_verbs_and_forms", "petrarch", "PETR.test.verbs.txt",
                       "--- STRIKE [190] ---\n"
                       "STRIKE {STRUCK STRIKING}\n"
                       "HIT_\n"
                       "- * AT_ + [193]  # a comment\n",
                       "verbs",
                       // PETRARCH conjugates its verbs exactly: no stems.
                       {"190 target nopassive : $ @{=strike|=striked|=strikes|=striking}",
                        "190 target nopassive : $ @=struck", "190 target nopassive : $ @=striking",
                        "190 target nopassive : $ @{=hit|=hited|=hiting|=hits}",
                        "193 nopassive : $ @{=strike|=striked|=strikes|=striking|=struck|=striking|=hit|=hited|=hiting|=hits} ... at +"}},
        ConversionCase{"tabari_verb_forms", "tabari", "f.verbs",
                       "DEPART_ [032]\nACT_ [100]\n{ ACTXD_ ACTUALITY }\n- * NOW [101]\nBAN= [191]\n",
                       "verbs",
                       {"032 target nopassive : $ @{=depart|=departd|=departed|=departen|=departes|=departing|=departs}",
                        "100 target nopassive : $ @{=act|=actd|=acted|=acten|=actes|=acting|=acts}",
                        "100 target nopassive : $ @=actxd", "100 target nopassive : $ @actuality*",
                        "101 target nopassive : $ @{=act|=actd|=acted|=acten|=actes|=acting|=acts|=actxd|actuality*} ... now*",
                        "191 target nopassive : $ @{=ban|=banes|=banned|=banning|=bans}"}},
        ConversionCase{"petrarch2_phrases", "petrarch", "CAMEO.test.verbs.txt",
                       "--- RUSH [---] ---\nRUSH\n- * {ARMS SHIPMENT} (TO +) [072]\n",
                       "verbs",
                       {"--- target nopassive : $ @{=rush|=rushed|=rushes|=rushing}",
                        "072 nopassive : $ @{=rush|=rushed|=rushes|=rushing} ... arms* ... shipment* ... to* ... +"}},
        // A name that does not say its kind: read by content.
        ConversionCase{"verbs_by_content", "petrarch", "CAMEO.9.txt", "--- HALT [---] ---\nHALT\n- * TALKS [---]\n", "verbs",
                       {"--- target nopassive : $ @{=halt|=halted|=halting|=halts}",
                        "--- target nopassive : $ @{=halt|=halted|=halting|=halts} ... talks"}},
        ConversionCase{"tabari_actors_dates", "tabari", "t.actors",
                       "ARGENTIN [ARG]\n"
                       "KIRCHNER_  [ARGGOV 031201-071209] [ARGELI >071209]\n"
                       "AXNOR  [AR1 <911226] [AR2]\n",
                       "actors",
                       {"ARG : argentin*", "ARGGOV 2003-12-01..2007-12-09 : kirchner | kirchners",
                        "ARGELI 2007-12-10.. : kirchner | kirchners", "AR1 ..1991-12-25 : axnor*", "AR2 : axnor*"}},
        // TABARI's '=' after a noun: exact, no plural.
        ConversionCase{"tabari_noun_without_plural", "tabari", "m.actors", "GOOSE= [GOO]\n", "actors", {"GOO : goose"}},
        // A compound code: the name is each of the actors it lists.
        ConversionCase{"compound_actor_code", "tabari", "c.actors", "TWIN_REALM_ [ISA/ISB]\n", "actors",
                       {"ISA/ISB : twin realm | twin realms"}},
        ConversionCase{"null_actors_and_century", "tabari", "n.actors",
                       "THE_PRINCE_ [---]\nOLD_KING_ [XYZGOV 331108-730717]\nTHE_HEIR_ [--- <950630] [XYZ]\n",
                       "actors", {"--- : the prince | the princes", "XYZGOV 1933-11-08..1973-07-17 : old king | old kings",
                                  "--- ..1995-06-29 : the heir | the heirs", "XYZ : the heir | the heirs"}},
        // '^' passes over an actor.
        ConversionCase{"tabari_skip", "tabari", "k.verbs", "WARN [160]\n- * AT ^ + [162]\n", "verbs",
                       {"160 target nopassive : $ @warn*", "162 nopassive : $ @warn* ... at* ... ^ ... +"}},
        ConversionCase{"discard_actors", "tabari", "d.actors", "WORLD_CUP_ [###]\n", "words", {"discard : world cup"}},
        ConversionCase{"tabari_underscore_then_space", "tabari", "u.verbs", "YELL_ [171]\n- IN_* [175]\n- IN_ * [176]\n", "verbs",
                       {"171 target nopassive : $ @{=yell|=yelld|=yelled|=yellen|=yelles|=yelling|=yells}",
                        "175 target nopassive : $ in @{=yell|=yelld|=yelled|=yellen|=yelles|=yelling|=yells}",
                        "176 target nopassive : $ in ... @{=yell|=yelld|=yelled|=yellen|=yelles|=yelling|=yells}"}},
        ConversionCase{"tabari_verb_phrase_apart", "tabari", "v.verbs", "PEACE TALKS STALL [196]\nFALL_OUT [197]\n", "verbs",
                       {"196 target nopassive : $ @peace* ... talks* ... stall*", "197 target nopassive : $ @=fall out*"}},
        ConversionCase{"tabari_parts_of_speech", "tabari", "p.actors", "<NOUN>\nLLAMAS\n</NOUN>\n<ADJECTIVE>\nSHINY ;x\n</ADJECTIVE>\n",
                       "words", {"peer.noun : llamas", "peer.noun : shiny"}},
        ConversionCase{"dated_discard_actors", "tabari", "d.actors", "OLDREALM [OLD <101231] [###]\n", "actors",
                       {"OLD ..2010-12-30 : oldrealm*", "--- discard : oldrealm*"}},  // ("<" is before the date)
        // An exact last word also matches its regular plurals, as the peers read nouns.
        ConversionCase{"phoenix_actors_synonyms", "petrarch", "Phoenix.test.actors.txt",
                       "ISLAND_REPUBLIC_  [ISL]\n+ISLANDIAN_\n+THE_ISLAND_STATE\n"
                       "MARA_SEFU_ # a leader\n+PRESIDENT_SEFU_\n\t[ISLGOV 100101-151231]\n\t[ISLELI >151231]\n",
                       "actors",
                       {"ISL : island republic | island republics | islandian | islandians | the island state*",
                        "ISLGOV 2010-01-01..2015-12-31 : mara sefu | mara sefus | president sefu | president sefus",
                        "ISLELI 2016-01-01.. : mara sefu | mara sefus | president sefu | president sefus"}},
        ConversionCase{"agents_and_macros", "petrarch", "Phoenix.test.agents.txt",
                       "!PERSON! = MAN, WOMAN\nFOREIGN_MINISTER_ [~GOVFRM]\nFISHER!PERSON! [~AGR]\n",
                       "agents",
                       {"GOVFRM : foreign minister", "AGR : fisherman | fisherwoman"}},
        // A marker is replaced once: a macro that names itself does not
        // expand again (fuzz_peer found the endless expansion).
        ConversionCase{"self_naming_macro", "petrarch", "Phoenix.test.agents.txt",
                       "!KIN! = SON, !KIN!_IN_LAW\nGREAT!KIN! [~CVL]\n",
                       "agents",
                       {"CVL : greatson | greatkin in law"}},
        // PETRARCH's agent words are exact, with their regular plurals
        // unless braces list others or none; TABARI's follow its stems.
        ConversionCase{"petrarch_agent_plurals", "petrarch", "Phoenix.test.agents.txt",
                       "ARMY [~MIL]\nSECURITY AGENCY [~SPY]\nWITNESS [~CVL]\nPOLICE {} [~COP]\nCHILD {CHILDREN} [~CHL]\n",
                       "agents",
                       {"MIL : army | armies", "SPY : security agency | security agencies", "CVL : witness | witnesses",
                        "COP : police", "CHL : child | children"}},
        ConversionCase{"petrarch_agent_starting_with_a_marker", "petrarch", "Phoenix.test.agents.txt",
                       "!OFFICE! = BUREAU, OFFICE\n!OFFICE!_OF_FISHERIES [~AGR]\n", "agents",
                       {"AGR : bureau of fisheries | office of fisheries"}},
        ConversionCase{"tabari_agent_stems", "tabari", "t.agents", "ARMY [~MIL]\nPOLICE_ [~COP]\n", "agents",
                       {"MIL : army*", "COP : police | polices"}},
        ConversionCase{"discards", "petrarch", "Phoenix.test.discards.txt", "+FOOTBALL_MATCH\nSEMI-FINAL\n", "words",
                       {"discard : football match", "discard : semi-final"}}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(PeerDictionariesTest, BadLinesAreWarningsNamingFileAndLine) {
  TempDir dir;
  const std::string verbs = dir.write("bad.verbs",
                                      "MEET [040]\n"
                                      "- * WITH_ + [04?]\n"       // 2: bad code
                                      "- WITH_ + [041]\n"         // 3: no verb position
                                      "- * {TALKS | [042]\n"      // 4: unclosed group
                                      "- * &NOSUCH + [043]\n"    // 5: unknown synset
                                      "___ [044]\n");            // 6: a verb with no word (found by fuzzing)
  const std::string actors = dir.write("bad.actors", "+ORPHAN\nLANDIA [LAN 991301-000101]\n");
  auto p = read_peer_dictionaries({"tabari:" + verbs, "tabari:" + actors});
  ASSERT_TRUE(p.ok()) << p.status().to_string();
  std::set<std::string> where;
  for (const auto& w : p->warnings) where.insert(w.substr(0, w.find(": ")));
  for (const char* expected : {"tabari:bad.verbs:2", "tabari:bad.verbs:3", "tabari:bad.verbs:4", "tabari:bad.verbs:5",
                               "tabari:bad.verbs:6",
                               "tabari:bad.actors:1", "tabari:bad.actors:2"})
    EXPECT_TRUE(where.count(expected)) << expected << " not reported; warnings: " << ::testing::PrintToString(p->warnings);
  // The good line survives.
  EXPECT_EQ(lines_of(*p, "verbs"), std::vector<std::string>{"040 target nopassive : $ @meet*"});
}

TEST(PeerDictionariesTest, TabariOptionsFileGivesSettings) {
  TempDir dir;
  const std::string path = dir.write("run.options",
                                     "// a comment\n"
                                     "SET: CODE ALL\n"              // 2: implemented
                                     "LABEL: 010=YIELD\n"          // 3: a code's name, not a setting
                                     "SET: TIME SHIFT = FALSE\n");  // 4: not implemented
  auto p = read_peer_dictionaries({"tabari:" + path});
  ASSERT_TRUE(p.ok()) << p.status().to_string();
  EXPECT_EQ(p->settings, std::vector<std::string>{"SET: CODE ALL"});
  ASSERT_EQ(p->warnings.size(), 1u);
  EXPECT_NE(p->warnings[0].find("tabari:run.options:4: setting not implemented"), std::string::npos) << p->warnings[0];
  // A pipeline on a lexicon loaded with them starts from them.
  LexiconOptions o;
  o.peer_files = &p->files;
  o.peer_settings = p->settings;
  auto lex = Lexicon::load(testing::data_dir(), o);
  ASSERT_TRUE(lex.ok()) << lex.status().to_string();
  Pipeline pipeline(**lex, PipelineOptions{"en", false});
  EXPECT_EQ(pipeline.options().peer.unit, PeerSettings::Unit::kAll);
  // A record's own setting goes on top and stays (not reset to the file's).
  PipelineOptions changed = pipeline.options();
  changed.peer.apply("SET: CODE BY SENTENCE");
  EXPECT_EQ(pipeline.with_options(changed).options().peer.unit, PeerSettings::Unit::kSentence);
}

TEST(PeerDictionariesTest, ConvertedFilesLoadBackWithData) {
  TempDir dir;
  const std::string verbs = dir.write("team.verbs", "PRAIS [051]\nWEIRD [07Z]\n");
  const std::string actors = dir.write("team.actors", "NORLAND [NOR]\nSUDLAND [SUD]\n");
  auto p = read_peer_dictionaries({"tabari:" + verbs, "tabari:" + actors});
  ASSERT_TRUE(p.ok()) << p.status().to_string();
  // A data folder: the real codebook, and the converted files as written.
  const fs::path data = fs::path(dir.path()) / "data";
  fs::create_directories(data / "lexicon" / "en");
  fs::create_directory_symlink(fs::path(testing::data_dir()) / "cameo", data / "cameo");
  ASSERT_TRUE(write_converted(*p, data.string(), "en").ok());
  auto lex = Lexicon::load(data.string());
  ASSERT_TRUE(lex.ok()) << lex.status().to_string();  // the peer code 07Z is no error
  EXPECT_TRUE((*lex)->peer_codes());
  ASSERT_NE((*lex)->language("en"), nullptr);
  EXPECT_TRUE((*lex)->language("en")->tabari_subjects());
  Pipeline pipeline(**lex, PipelineOptions{"en", false});
  ArticleResult r = pipeline.process(testing::article("t", "Norland praised Sudland on a fine summer day.", "en", "2015-06-01"));
  ASSERT_EQ(r.events.size(), 1u);
  EXPECT_EQ(r.events[0].code, "051");
  EXPECT_EQ((*lex)->where(r.events[0].evidence.pattern), "tabari:team.verbs:1");  // the peer's line, as with --dict
}

TEST(PeerDictionariesTest, MissingFilesAndBadSpecsAreErrors) {
  EXPECT_EQ(read_peer_dictionaries({"tabari:/no/such/file.verbs"}).status().code(), ErrorCode::kNotFound);
  EXPECT_EQ(read_peer_dictionaries({"cameo:/tmp"}).status().code(), ErrorCode::kInvalidArgument);
  TempDir dir;
  const std::string odd = dir.write("notes.txt", "hello\n");
  EXPECT_EQ(read_peer_dictionaries({"petrarch:" + odd}).status().code(), ErrorCode::kData);
}

// What the converted dictionaries code, through the ordinary pipeline.
// Team-written peer dictionary files loaded as a lexicon, kept for a whole
// test suite; `files` are (name, text) pairs read as `scheme`.
struct PeerLexicon {
  TempDir dir;
  PeerDictionaries peers;
  std::unique_ptr<Lexicon> lexicon;
};

PeerLexicon* load_peer_lexicon(const std::string& scheme, const std::vector<std::pair<std::string, std::string>>& files) {
  auto* out = new PeerLexicon();
  std::vector<std::string> specs;
  for (const auto& [name, text] : files) specs.push_back(scheme + ":" + out->dir.write(name, text));
  auto p = read_peer_dictionaries(specs);
  EXPECT_TRUE(p.ok()) << p.status().to_string();
  if (!p.ok()) return out;
  out->peers = std::move(p).value();
  LexiconOptions o;
  o.peer_files = &out->peers.files;
  auto l = Lexicon::load(testing::data_dir(), o);
  EXPECT_TRUE(l.ok()) << l.status().to_string();
  if (l.ok()) out->lexicon = std::move(l).value();
  return out;
}

// The events of one text as "SOURCE/TARGET/CODE".
std::set<std::string> events_of(const Pipeline& pipeline, const std::string& text, const std::string& date = "2015-06-01") {
  std::set<std::string> out;
  for (const auto& e : pipeline.process(testing::article("t", text, "en", date)).events)
    out.insert((e.source ? e.source->code : "") + "/" + (e.target ? e.target->code : "") + "/" + e.code);
  return out;
}

class PeerCodingTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    team_ = load_peer_lexicon("tabari", {{"team.verbs",
                                          "ACCUS [112] ;team\n"
                                          "- * + OF_ SPYING [1121]\n"
                                          "VISIT [042:043]\n"
                                          "- + WAS_ * BY_ $ [042:043]\n"
                                          "DISCUSS [---]\n"
                                          "- * TRADE WITH_ + [040]\n"
                                          "PRAIS [051]\n"
                                          "AGREE [081]\n"
                                          "- % * [030:030]\n"
                                          "EXPRESS [020]\n"
                                          "- * REGRET [061]\n"
                                          "- EXPRESSED * OPENLY [113]\n"
                                          "HAIL [050]\n"
                                          "- $ * [053]\n"
                                          "WARN [160]\n"
                                          "- * AT ^ + [162]\n"
                                          "ALLOW [060]\n"
                                          "- * REAL~_FINE [061]\n"
                                          "ATTEND [031!]\n"
                                          "<SYNSETS>\n&METAL\n+GOLD\n+SILVER\n</SYNSETS>\n"
                                          "DONAT [070]\n"
                                          "- * &METAL [903]\n"
                                          "- * GOLD [071]\n"
                                          "LAUD [052]\n"
                                          "- SAID $ * [057]\n"
                                          "BANISH [200]\n"
                                          "- VOW_TO_* [201]\n"
                                          "SHOUT_ [171]\n"
                                          "- OPENLY_* [175]\n"
                                          "- OPENLY_ * [176]\n"
                                          "PEACE TALKS STALL [196]\n"
                                          "SCOLD [172]\n"
                                          "- + * BEFORE_ $ [178]\n"},
                                         {"team.actors",
                                           "NORLAND [NOR]\nSUDLAND [SUD]\nOSTMARK [OST]\nWESTLAND [WSTGOV]\nGRIMBOLD_ [---]\n"
                                           "OSTMARK TELEVISION [OSTTV]\nOSTMARK_STATE_RADIO_ [OSTRAD]\n"
                                           "OLDREALM [OLD <101231] [###]\n"
                                           "KARL_VOSS_ [NORGOV 010101-101231] [NORELI]\n"
                                           "<NOUN>\nSHEEP\nGOATS\n</NOUN>\n<ADJECTIVE>\nGRIM\n</ADJECTIVE>\n"},
                                         {"team.agents", "GOVERNMENT_ [~GOV]\nTROOPS_ [~MIL]\n"
                                           "MAIN_RIVAL_PARTY_ [~MRP]\nRIVAL_PARTY_ [~RVP]\n"
                                           "PEACE_GROUP_WORKERS_ [PGW~]\nGROUP_WORKERS_ [GRW~]\n"
                                           "OFFICIALS_ [~GOV]\nSTATE_COUNCIL_ [~TGO]\n"}});
    lex_ = team_->lexicon.get();
    ASSERT_NE(lex_, nullptr);
  }
  static void TearDownTestSuite() { delete team_; }
  // The team's sentences are short: no minimum length (TABARI's is 8 words).
  static PipelineOptions team_options() {
    PipelineOptions o{"en", false};
    o.peer.minimum_words = 1;
    return o;
  }
  static std::set<std::string> code(const std::string& text, const std::string& date = "2015-06-01") {
    return events_of(Pipeline(*lex_, team_options()), text, date);
  }
  static inline PeerLexicon* team_ = nullptr;
  static inline Lexicon* lex_ = nullptr;
};

TEST_F(PeerCodingTest, CodesWithThePeersSemantics) {
  struct Case { const char* text; const char* date; std::set<std::string> events; };
  const Case cases[] = {
      // A stem matches every form; the more specific pattern wins.
      {"Norland accused Sudland of spying on its ports.", "2015-06-01", {"NOR/SUD/1121"}},
      {"Norland accuses Sudland over the border.", "2015-06-01", {"NOR/SUD/112"}},
      // Words and slots before the verb; paired codes give the converse.
      {"Sudland was visited by Norland troops on Monday.", "2015-06-01", {"NORMIL/SUD/042", "SUD/NORMIL/043"}},
      // An agent attaches to a peer actor code.
      {"The Norland government praised Ostmark.", "2015-06-01", {"NORGOV/OST/051"}},
      // Dated codes: the office in force on the article's date, else the undated code.
      {"Karl Voss praised Sudland.", "2005-06-01", {"NORGOV/SUD/051"}},
      {"Karl Voss praised Sudland.", "2022-06-01", {"NORELI/SUD/051"}},
      // A null code reads the verb and codes nothing, unless a pattern codes.
      {"Norland discussed the weather with Sudland.", "2015-06-01", {}},
      {"Norland discussed trade with Sudland.", "2015-06-01", {"NOR/SUD/040"}},
      // No target, no event (TABARI and PETRARCH need both actors).
      {"Norland praised the weather.", "2015-06-01", {}},
      // One coded verb per clause: the first.
      {"Norland praised Sudland accusing Ostmark.", "2015-06-01", {"NOR/SUD/051"}},
      // A pronoun in a pattern's slot is the sentence's first actor before it.
      {"Norland said he lauded Sudland.", "2015-06-01", {"NOR/SUD/057"}},
      // A word written exact ("VOW_") takes no noun ending.
      {"Norland will vow to banish Sudland.", "2015-06-01", {"NOR/SUD/201"}},
      {"Norland vow's to banish Sudland.", "2015-06-01", {"NOR/SUD/200"}},
      // "OPENLY_ *" lets words stand between, "OPENLY_*" not; where both
      // match, the joined pattern wins.
      {"Norland openly shouted at Sudland.", "2015-06-01", {"NOR/SUD/175"}},
      {"Norland openly and very loudly shouted at Sudland.", "2015-06-01", {"NOR/SUD/176"}},
      // A verb phrase written apart lets words stand between its words.
      {"Norland peace talks have stalled with Sudland.", "2015-06-01", {"NOR/SUD/196"}},
      // A trailing '$' is the first actor after the pattern's words.
      {"Sudland scolded before an angry Norland crowd.", "2015-06-01", {"NOR/SUD/178"}},
      // TABARI: the source is the sentence's first actor, a clause is split
      // at "and"/"but" only.
      {"Norland said that Sudland accused Ostmark.", "2015-06-01", {"NOR/OST/112"}},
      {"Norland praised Sudland and accused Ostmark.", "2015-06-01", {"NOR/SUD/051", "NOR/OST/112"}},
      // A unit with an actor of its own before the verb has its own source;
      // a pronoun opening it is the sentence's first actor.
      {"Norland praised Sudland but Ostmark accused Sudland.", "2015-06-01", {"NOR/SUD/051", "OST/SUD/112"}},
      {"Norland praised Sudland and then it accused Ostmark.", "2015-06-01", {"NOR/SUD/051", "NOR/OST/112"}},
      // A compound source with no target: each acts on the other; "nor" coordinates.
      {"Neither Norland nor Sudland praised the plan.", "2015-06-01", {"NOR/SUD/051", "SUD/NOR/051"}},
      // Compounds allow articles and adjectives before a member, not verbs.
      {"Norland and the brave Sudland praised Ostmark.", "2015-06-01", {"NOR/OST/051", "SUD/OST/051"}},
      // TABARI's own passive, for a pattern that places no actor.
      {"Sudland was warmly praised by Norland.", "2015-06-01", {"NOR/SUD/051"}},
      // The target is the first actor after the verb, also in a complement
      // clause and among the pattern's own words; '~' marks a stem in a
      // joined phrase ("REAL~_FINE": "really fine", not "really quite fine").
      {"Norland allowed that Sudland is a really fine neighbour.", "2015-06-01", {"NOR/SUD/061"}},
      {"Norland allowed that Sudland is really quite fine.", "2015-06-01", {"NOR/SUD/060"}},
      // Every agent in the words, also one inside a longer one: after it,
      // or before it for prefix agents; codes read in units of three
      // (WSTGOV has no TGO); "former" makes the agents ELI.
      {"The Norland main rival party praised Sudland.", "2015-06-01", {"NORMRPRVP/SUD/051"}},
      {"Peace group workers of Norland praised Sudland.", "2015-06-01", {"GRWPGWNOR/SUD/051"}},
      {"The Westland state council praised Sudland.", "2015-06-01", {"WSTGOVTGO/SUD/051"}},
      {"Norland former officials praised former Sudland troops.", "2015-06-01", {"NORELI/SUDELI/051"}},
      // "% *" codes a compound source only, before the verb alone.
      {"Norland and Sudland agreed that the border should stay open.", "2015-06-01", {"NOR/SUD/030", "SUD/NOR/030"}},
      {"Norland agreed with Sudland that the border should stay open.", "2015-06-01", {"NOR/SUD/081"}},
      // A token takes its longest stem ("expressed" → EXPRESSED, written in
      // a pattern above); the shorter stem of the verb still reads it.
      {"Norland expressed regret to Sudland.", "2015-06-01", {"NOR/SUD/061"}},
      // A written '$' before the verb is the actor nearest before it (and
      // the pattern wins over the verb alone); without it, the first actor.
      {"Norland with Ostmark hailed Sudland.", "2015-06-01", {"OST/SUD/053"}},
      {"Norland with Ostmark praised Sudland.", "2015-06-01", {"NOR/SUD/051"}},
      // TABARI reads a null-coded actor as a noun: the target is the next.
      {"Norland praised Grimbold in Sudland.", "2015-06-01", {"NOR/SUD/051"}},
      // '^' passes over an actor: the target is the one after it.
      {"Norland warned at the Ostmark border about Sudland.", "2015-06-01", {"NOR/SUD/162"}},
      {"Norland warned Ostmark about Sudland.", "2015-06-01", {"NOR/OST/160"}},
      // A name written with a space after its first word lets one or two
      // lower-case words stand there; one written with underscores does not.
      {"Norland praised Ostmark state-run television.", "2015-06-01", {"NOR/OSTTV/051"}},
      {"Norland praised Ostmark television.", "2015-06-01", {"NOR/OSTTV/051"}},
      {"Norland praised Ostmark new state radio.", "2015-06-01", {"NOR/OST/051"}},
      // A possessive ends a name: "Ostmark's state radio" is Ostmark's.
      {"Norland praised Ostmark state radio.", "2015-06-01", {"NOR/OSTRAD/051"}},
      {"Norland praised Ostmark's state radio.", "2015-06-01", {"NOR/OST/051"}},
      // A dated discard: the name codes until the date, then discards the sentence.
      {"Oldrealm praised Sudland.", "2005-06-01", {"OLD/SUD/051"}},
      {"Oldrealm praised Sudland.", "2015-06-01", {}},
      // A dominant code ("[031!]") that codes with a target the text names
      // drops the sentence's other events, before or after it.
      {"Norland praised Sudland to attend talks with Ostmark.", "2015-06-01", {"NOR/OST/031"}},
      {"Norland attended talks with Sudland and praised Ostmark.", "2015-06-01", {"NOR/SUD/031"}},
      // An explicit word wins over a synset member, whatever the line order.
      {"Norland donated gold to Sudland.", "2015-06-01", {"NOR/SUD/071"}},
      {"Norland donated silver to Sudland.", "2015-06-01", {"NOR/SUD/903"}},
      // The peers join troops to the country they come from.
      {"Troops from Norland praised Sudland.", "2015-06-01", {"NORMIL/SUD/051"}},
  };
  for (const auto& c : cases) EXPECT_EQ(code(c.text, c.date), c.events) << c.text;
}

// PETRARCH's own readings, with a team-written PETRARCH dictionary set.
class PetrarchCodingTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    team_ = load_peer_lexicon("petrarch", {{"PETR.team.verbs.txt",
                                          "--- PRAISE [051] ---\nPRAISE\n- * EFFORT [052]\n- $ HOPED + * [053]\n\n"
                                          "--- AGREE [081] ---\nAGREE\n- % * [030:030]\n- * WITH % [031]\n\n"
                                          "--- SEAL [171] ---\n+SEAL_OFF {+SEALED_OFF}\n\n"
                                          "--- DELAY [191] ---\nDELAY\n- % HAVE * [192]\n"},
                                           {"PETR.team.actors.txt", "NORLAND [NOR]\nSUDLAND [SUD]\nOSTMARK [OST]\nTHE_ISLES [ISA/ISB]\nNEW HAVEN [NHV]\nWRAITHS [###]\n"},
                                           {"PETR.team.agents.txt", "ENVOY [~GOV]\nPOLICE {} [~COP]\n"}});
    lex_ = team_->lexicon.get();
    ASSERT_NE(lex_, nullptr);
  }
  static void TearDownTestSuite() { delete team_; }
  static inline PeerLexicon* team_ = nullptr;
  static inline Lexicon* lex_ = nullptr;
};

TEST_F(PetrarchCodingTest, CodesWithPetrarchsReadings) {
  struct Case { const char* text; std::set<std::string> events; };
  const Case cases[] = {
      // Agents before a compound's first member belong to every member.
      {"The envoys of Norland and Sudland praised Ostmark.", {"NORGOV/OST/051", "SUDGOV/OST/051"}},
      // Agent words are exact, with regular plurals unless "{}" says none.
      {"The Norland envoys praised Ostmark.", {"NORGOV/OST/051"}},
      {"The Norland polices praised Ostmark.", {"NOR/OST/051"}},
      // "% *" for a compound source; "* WITH %": the compound is the target.
      {"Norland and Sudland agree that the matter is closed.", {"NOR/SUD/030", "SUD/NOR/030"}},
      {"Ostmark agrees with Norland and Sudland that the matter is closed.", {"OST/NOR/031", "OST/SUD/031"}},
      // A pattern's words are matched as written: "EFFORT" is not "efforts".
      {"Norland praised the effort of Sudland.", {"NOR/SUD/052"}},
      {"Norland praised the efforts of Sudland.", {"NOR/SUD/051"}},
      // A pattern's words before the verb in an earlier clause: its subject
      // is the source.
      {"Norland hoped that Sudland praised the plan.", {"NOR/SUD/053"}},
      // Each verb phrase codes: "and" divides a clause.
      {"Norland praised Sudland and agreed with Ostmark on the matter.", {"NOR/SUD/051", "NOR/OST/031"}},
      // A phrasal verb: "+SEAL_OFF" is "seal off".
      {"Norland sealed off the road to Sudland.", {"NOR/SUD/171"}},
      // Coordinated agents before the first actor: each belongs to every
      // actor; an agent alone after an actor with an agent takes that actor.
      {"Envoys and police in Norland and Sudland praised Ostmark.",
       {"NORCOP/OST/051", "NORGOV/OST/051", "SUDCOP/OST/051", "SUDGOV/OST/051"}},
      {"Norland police and envoys praised Ostmark.", {"NORCOP/OST/051", "NORGOV/OST/051"}},
      // PETRARCH's comma-delimited clauses are left out (its defaults: 2 to
      // 8 words inside and at the end, none at the beginning).
      {"Norland praised the plan, unlike Sudland, on Monday.", {}},
      // A verb in a clause a subordinator opens right after a verb that
      // coded is inside that verb's phrase: not coded ("but": coded).
      {"Norland praised Sudland after Ostmark sealed off the road to Norland.", {"NOR/SUD/051"}},
      {"Norland praised Sudland but Ostmark sealed off the road to Norland.", {"NOR/SUD/051", "OST/NOR/171"}},
      // A reporting clause after a comma is its own: its speaker is no target.
      {"Ostmark sealed off the road, a Norland envoy said at a long meeting in the old hall on Monday.", {}},
      // PETRARCH's "% *": the compound's members act on each other only
      // with no object; the verb's phrase holds a subordinate clause after it.
      {"Norland and Sudland have delayed the talks after envoys of Ostmark left.", {"NOR/OSTGOV/192", "SUD/OSTGOV/192"}},
      {"Norland and Sudland have delayed the talks.", {"NOR/SUD/192", "SUD/NOR/192"}},
      // PETRARCH's compounds also have nouns after the first member.
      {"Norland's farmers and fishers of Sudland praised Ostmark.", {"NOR/OST/051", "SUD/OST/051"}},
      // PETRARCH reads [###] as an actor's code, no discard.
      {"The Wraiths praised Norland.", {"###/NOR/051"}},
      // The peers' texts join a name's words with underscores.
      {"Norland praised New_Haven.", {"NOR/NHV/051"}},
      // A compound code, "[ISA/ISB]": the name is each of those actors, with
      // the phrase's agents; its members do not act on each other.
      {"The Isles praised Norland.", {"ISA/NOR/051", "ISB/NOR/051"}},
      {"Norland praised the Isles.", {"NOR/ISA/051", "NOR/ISB/051"}},
      {"The Isles police praised Norland.", {"ISACOP/NOR/051", "ISBCOP/NOR/051"}},
      {"The Isles praised the plan.", {}},
      {"The Isles and Sudland praised the plan.",
       {"ISA/SUD/051", "ISB/SUD/051", "SUD/ISA/051", "SUD/ISB/051"}},
  };
  Pipeline pipeline(*lex_, {"en", false});
  for (const auto& c : cases) {
    EXPECT_EQ(events_of(pipeline, c.text), c.events) << c.text;
  }
}

TEST(PeerSettingsTest, ReadsTabariOptions) {
  struct Case { const char* option; bool known; const char* source; const char* target; size_t min_words; PeerSettings::Unit unit; };
  const Case cases[] = {
      {"DEFAULT: SOURCE [DEFSRC] PRIOR TARGET [DEFTAR] AFTER", true, "DEFSRC", "DEFTAR", 0, PeerSettings::Unit::kClause},
      {"default: source [abc]", true, "ABC", "", 0, PeerSettings::Unit::kClause},
      {"SET: MINIMUM WORDS = 8", true, "", "", 8, PeerSettings::Unit::kClause},
      {"SET: CODE ALL", true, "", "", 0, PeerSettings::Unit::kAll},
      {"SET: CODE BY SENTENCE", true, "", "", 0, PeerSettings::Unit::kSentence},
      {"SET: MINIMUM WORDS = many", false, "", "", 0, PeerSettings::Unit::kClause},
      {"COMPLEX: VERBS[5] CONJ[4]", true, "", "", 0, PeerSettings::Unit::kClause},
      {"COMPLEX: EXPLAIN", false, "", "", 0, PeerSettings::Unit::kClause},
      {"CONFIG: new_actor_length = 4", false, "", "", 0, PeerSettings::Unit::kClause},
  };
  for (const auto& c : cases) {
    PeerSettings s;
    EXPECT_EQ(s.apply(c.option), c.known) << c.option;
    EXPECT_EQ(s.default_source, c.source) << c.option;
    EXPECT_EQ(s.default_target, c.target) << c.option;
    EXPECT_EQ(s.minimum_words, c.min_words) << c.option;
    EXPECT_EQ(s.unit, c.unit) << c.option;
  }
  PeerSettings dyad;
  EXPECT_TRUE(dyad.apply("CONFIG: require_dyad = false"));
  EXPECT_FALSE(dyad.require_dyad);
  EXPECT_TRUE(dyad.apply("CONFIG: require_dyad = True"));
  EXPECT_TRUE(dyad.require_dyad);
  // PETRARCH's comma limits: its defaults, each key changed alone.
  PeerSettings commas;
  EXPECT_EQ(commas.petrarch_comma.max, 8);
  EXPECT_EQ(commas.petrarch_comma.bmax, 0);
  EXPECT_TRUE(commas.apply("CONFIG: comma_emax = 6"));
  EXPECT_TRUE(commas.apply("CONFIG: comma_bmin = 3"));
  EXPECT_EQ(commas.petrarch_comma.emax, 6);
  EXPECT_EQ(commas.petrarch_comma.bmin, 3);
  EXPECT_EQ(commas.petrarch_comma.max, 8);
  EXPECT_FALSE(commas.apply("CONFIG: comma_max = many"));
  EXPECT_FALSE(commas.apply("CONFIG: comma_width = 3"));
  PeerSettings forward;
  EXPECT_TRUE(forward.apply("FORWARD: ^^*****NNN*SSS"));
  EXPECT_TRUE(forward.forward);
  EXPECT_TRUE(forward.apply("FORWARD: ^^*****NNN*SSS OFF"));
  EXPECT_FALSE(forward.forward);
  PeerSettings s;
  s.apply("DEFAULT: SOURCE [X] TARGET [Y]");
  s.apply("DEFAULT: OFF");
  EXPECT_TRUE(s.default_source.empty() && s.default_target.empty());
}

TEST_F(PeerCodingTest, TabariSettingsChangeTheCoding) {
  auto code_with = [&](const char* option, const std::string& text) {
    PipelineOptions o = team_options();
    EXPECT_TRUE(o.peer.apply(option)) << option;
    Pipeline pipeline(*lex_, o);
    return events_of(pipeline, text);
  };
  // Without a target the default stands in; without the setting, no event.
  EXPECT_EQ(code_with("DEFAULT: TARGET [DEFTAR]", "Norland praised the weather."), std::set<std::string>{"NOR/DEFTAR/051"});
  EXPECT_EQ(code("Norland praised the weather."), std::set<std::string>{});
  // Every verb codes with CODE ALL; one per sentence with CODE BY SENTENCE.
  EXPECT_EQ(code_with("SET: CODE ALL", "Norland praised Sudland accusing Ostmark."),
            (std::set<std::string>{"NOR/SUD/051", "NOR/OST/112"}));
  EXPECT_EQ(code_with("SET: CODE BY SENTENCE", "Norland praised Sudland and accused Ostmark."),
            std::set<std::string>{"NOR/SUD/051"});
  // PETRARCH without require_dyad: a missing target is the null actor.
  EXPECT_EQ(code_with("CONFIG: require_dyad = false", "Norland praised the weather."), std::set<std::string>{"NOR/---/051"});
  // A sentence shorter than the minimum is not coded; TABARI's own minimum
  // is 8 words.
  EXPECT_EQ(code_with("SET: CODE BY CLAUSE", "Norland praised Sudland."), std::set<std::string>{"NOR/SUD/051"});
  {
    Pipeline tabari_default(*lex_, {"en", false});
    EXPECT_TRUE(tabari_default.process(testing::article("t", "Norland praised Sudland on a fine day.", "en", "2015-06-01")).events.empty());
    EXPECT_EQ(tabari_default.process(testing::article("t", "Norland praised Sudland on a fine summer day.", "en", "2015-06-01")).events.size(), 1u);
  }
  EXPECT_EQ(code_with("SET: MINIMUM WORDS = 5", "Norland praised Sudland."), std::set<std::string>{});
  EXPECT_EQ(code_with("SET: MINIMUM WORDS = 3", "Norland praised Sudland."), std::set<std::string>{"NOR/SUD/051"});
  // COMPLEX: so many verbs or conjunctions (outside names) that the sentence is not coded.
  EXPECT_EQ(code_with("COMPLEX: VERBS[3] CONJ[9]", "Norland praised Sudland and accused Ostmark."),
            (std::set<std::string>{"NOR/SUD/051", "NOR/OST/112"}));
  EXPECT_EQ(code_with("COMPLEX: VERBS[2] CONJ[9]", "Norland praised Sudland and accused Ostmark."), std::set<std::string>{});
  EXPECT_EQ(code_with("COMPLEX: VERBS[9] CONJ[3]", "Norland praised Sudland but then accused Ostmark, or so it seems."),
            (std::set<std::string>{"NOR/SUD/051", "NOR/OST/112"}));
  EXPECT_EQ(code_with("COMPLEX: VERBS[9] CONJ[2]", "Norland praised Sudland but then accused Ostmark, or so it seems."),
            std::set<std::string>{});
  // NOACTPRIOR: no actor before the first verb that codes: complex.
  EXPECT_EQ(code_with("COMPLEX: NOACTPRIOR", "Warmly praised by Norland, Sudland thanked Ostmark."), std::set<std::string>{});
  EXPECT_EQ(code_with("COMPLEX: NOACTPRIOR", "Norland praised Sudland."), std::set<std::string>{"NOR/SUD/051"});
  EXPECT_EQ(code_with("COMPLEX: VERBS[9] CONJ[2]", "Norland and Sudland and Ostmark praised Westland."),
            (std::set<std::string>{"NOR/WSTGOV/051", "SUD/WSTGOV/051", "OST/WSTGOV/051"}));
}

// TABARI's reading rules that its settings switch: COMMA, CONVERT AGENT,
// DEFAULT … PRIOR / AFTER, and the target before the verb.
TEST_F(PeerCodingTest, TabariCommaAgentAndDefaultRules) {
  struct Case { std::vector<const char*> options; const char* text; std::set<std::string> events; };
  const Case cases[] = {
      // An end stretch of 2-10 words is left out (TABARI's default), so is
      // an inner one, first and with its commas: the end is then the rest.
      {{}, "Norland praised the plan, Sudland papers said.", {}},
      {{"COMMA: OFF"}, "Norland praised the plan, Sudland papers said.", {"NOR/SUD/051"}},
      {{"COMMA: MIN = 2 MAX = 10 EMIN = 4 EMAX = 10"}, "Norland praised the plan, Sudland papers said.", {"NOR/SUD/051"}},
      {{}, "Norland, in remarks made to Ostmark, praised Sudland.", {"NOR/SUD/051"}},
      {{}, "Norland, in remarks made to Ostmark, praised the plan.", {}},
      {{"COMMA: MIN = 2 MAX = 4 EMIN = 4"}, "Norland, in remarks made to Ostmark, praised the plan.", {"NOR/OST/051"}},
      // The beginning only within BMIN-BMAX (never by default).
      {{"COMMA: BMIN = 2 BMAX = 4 EMIN = 5"}, "Sudland papers said, Norland praised Ostmark.", {"NOR/OST/051"}},
      // A comma inside a compound actor delimits nothing.
      {{}, "Norland praised Sudland, Ostmark and Karl Voss.", {"NOR/SUD/051", "NOR/OST/051", "NOR/NORELI/051"}},
      // An agent alone is an actor only with CONVERT AGENT.
      {{}, "Norland praised the government.", {}},
      {{"SET: CONVERT AGENT = TRUE"}, "Norland praised the government.", {"NOR/~GOV/051"}},
      // No actor before the verb: the first after it, the rest of its
      // compound the target; with PRIOR, the default source instead.
      {{"DEFAULT: SOURCE [DEF] TARGET [DFT]"}, "The visitors praised Sudland.", {"SUD/DFT/051"}},
      {{}, "The visitors praised Sudland and Ostmark.", {"SUD/OST/051"}},
      {{"DEFAULT: SOURCE [DEF] PRIOR TARGET [DFT]"}, "The visitors praised Sudland and Ostmark.", {"DEF/SUD/051", "DEF/OST/051"}},
      // No actor after the verb: one before it, not the source; with AFTER,
      // the default target, also for each member of a compound source.
      {{}, "Norland saw Sudland and then praised the plan.", {"NOR/SUD/051"}},
      {{"DEFAULT: TARGET [DFT] AFTER"}, "Norland saw Sudland and then praised the plan.", {"NOR/DFT/051"}},
      {{}, "Norland and Sudland praised the plan.", {"NOR/SUD/051", "SUD/NOR/051"}},
      {{}, "Norland and Ostmark saw Sudland and then praised the plan.", {"NOR/SUD/051", "OST/SUD/051"}},
      // The target is the first actor after the verb in its coding unit,
      // past a subordinate clause, not past "and".
      {{}, "Norland praised the plan five years after Sudland crowds left.", {"NOR/SUD/051"}},
      {{}, "Norland praised the plan and Sudland crowds left.", {}},
      // "and" between two words of the <NOUN>/<ADJECTIVE> lists joins no units.
      {{}, "Norland praised the sheep and grim goats of Sudland.", {"NOR/SUD/051"}},
      {{}, "Norland praised the sheep and pigs of Sudland.", {}},
      // "or" before a verb opens a coding unit too; between other words not.
      {{}, "Norland praised Sudland or accused Ostmark.", {"NOR/SUD/051", "NOR/OST/112"}},
      {{}, "Norland praised a quick or easy deal with Sudland.", {"NOR/SUD/051"}},
      // An object pronoun right after the verb is the sentence's first actor.
      {{}, "Norland met Sudland but Ostmark praised him.", {"OST/NOR/051"}},
      {{"DEFAULT: TARGET [DFT] AFTER"}, "Norland and Sudland praised the plan.", {"NOR/DFT/051", "SUD/DFT/051"}},
      // A default target without AFTER: the compound source's first member
      // acts on the others.
      {{"DEFAULT: TARGET [DFT]"}, "Norland and Sudland praised the plan.", {"NOR/SUD/051"}},
  };
  for (const auto& c : cases) {
    PipelineOptions o = team_options();
    for (const char* option : c.options) EXPECT_TRUE(o.peer.apply(option)) << option;
    Pipeline pipeline(*lex_, o);
    EXPECT_EQ(events_of(pipeline, c.text), c.events) << (c.options.empty() ? "" : c.options.front()) << ": " << c.text;
  }
}

// TABARI's FORWARD: a pronoun opening a sentence, before any actor, is the
// actor forwarded from the sentence before (kabar eval sets it per record).
TEST_F(PeerCodingTest, ForwardedActorStandsForAnOpeningPronoun) {
  struct Case { const char* forwarded; const char* text; std::set<std::string> events; };
  const Case cases[] = {
      {"NOR", "He praised Sudland.", {"NOR/SUD/051"}},
      {"NOR", "Later they accused Sudland of spying on its ports.", {"NOR/SUD/1121"}},
      {"NOR", "Ostmark said it praised Sudland.", {"OST/SUD/051"}},  // an actor comes first
      {"", "He praised Sudland.", {}},                               // nothing forwarded
  };
  for (const auto& c : cases) {
    PipelineOptions o = team_options();
    o.peer.forward = true;
    o.peer.forwarded_actor = c.forwarded;
    Pipeline pipeline(*lex_, o);
    EXPECT_EQ(events_of(pipeline, c.text), c.events) << c.forwarded << ": " << c.text;
  }
}

// kabar eval forwards within a story (ids that differ in their last number
// only), the first actor alone (no agent), and not across stories.
TEST_F(PeerCodingTest, EvalForwardsTheFirstActorWithinAStory) {
  auto record = [](const char* id, const char* text, const char* event) {
    GoldRecord r;
    r.id = id;
    r.text = text;
    r.lang = "en";
    r.date = Date{2015, 6, 1};
    r.events.push_back({"", "", ""});
    std::string e = event;
    r.events.back().source = e.substr(0, e.find('/'));
    r.events.back().target = e.substr(e.find('/') + 1, e.rfind('/') - e.find('/') - 1);
    r.events.back().code = e.substr(e.rfind('/') + 1);
    return r;
  };
  GoldFile g;
  g.records.push_back(record("ST-01-1", "The Norland government praised Ostmark.", "NORGOV/OST/051"));
  g.records.front().options.push_back("FORWARD: ^^*NN*S");
  g.records.push_back(record("ST-01-2", "It then accused Sudland of spying on its ports.", "NOR/SUD/1121"));
  g.records.push_back(record("ST-02-1", "He praised Sudland.", "//"));
  g.records.back().events.clear();  // another story: nothing forwarded, nothing coded
  g.records.back().no_events = true;
  Pipeline pipeline(*lex_, team_options());
  EvalResult r = evaluate(g, pipeline, EvalOptions{});
  EXPECT_EQ(r.exact, 3u);
  for (const auto& f : r.failures) ADD_FAILURE() << f.id << ": expected " << f.expected << ", got " << f.got;
  EXPECT_TRUE(r.unsupported_options.empty());
}

TEST_F(PeerCodingTest, EvidenceNamesThePeerFileAndLine) {
  Pipeline pipeline(*lex_, team_options());
  ArticleResult r = pipeline.process(testing::article("t", "Norland accused Sudland of spying on its ports.", "en", "2015-06-01"));
  ASSERT_EQ(r.events.size(), 1u);
  EXPECT_EQ(lex_->where(r.events[0].evidence.pattern), "tabari:team.verbs:2");
  ASSERT_TRUE(r.events[0].source && !r.events[0].source->entries.empty());
  EXPECT_EQ(lex_->where(r.events[0].source->entries[0]), "tabari:team.actors:1");
}

TEST_F(PeerCodingTest, KabarsOwnEnglishActorsAndVerbsAreReplaced) {
  // Russia is in kabar's English dictionaries, not in the peer's.
  EXPECT_EQ(code("Russia accused Ukraine of spying."), std::set<std::string>{});
  // Indonesian keeps kabar's own dictionaries.
  Pipeline pipeline(*lex_, {"id", false});
  ArticleResult r = pipeline.process(testing::article("t", "Rusia menyerang Ukraina pada Senin.", "id", "2022-03-01"));
  EXPECT_FALSE(r.events.empty());
}

}  // namespace
}  // namespace kabar
