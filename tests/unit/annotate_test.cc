// Actor mentions, places and time expressions, stage by stage.
#include <cmath>
#include <set>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "kabar/annotate.h"
#include "kabar/pipeline.h"
#include "test_support.h"

namespace kabar {
namespace {

struct Annotated {
  std::string text;
  std::vector<Token> tokens;
  std::vector<Mention> mentions;
  std::vector<PlaceMention> places;
  std::vector<TimeMention> times;
};

Annotated annotate(const std::string& text, const std::string& lang, const std::string& date) {
  Annotated a;
  a.text = text;
  tokenize(a.text, Span{0, static_cast<uint32_t>(a.text.size())}, a.tokens);
  const LanguageLexicon& lex = *testing::lexicon().language(lang);
  auto d = Date::parse_iso(date);
  uint32_t n = static_cast<uint32_t>(a.tokens.size());
  a.mentions = find_mentions(a.text, a.tokens, 0, n, lex, testing::lexicon().codebook(), d);
  a.places = find_places(a.tokens, 0, n, lex);
  a.times = find_times(a.text, a.tokens, 0, n, lex, d);
  return a;
}

std::vector<std::vector<std::string>> codes(const Annotated& a) {
  std::vector<std::vector<std::string>> out;
  for (const auto& m : a.mentions) {
    std::vector<std::string> c;
    for (const auto& actor : m.actors) c.push_back(actor.code);
    out.push_back(c);
  }
  return out;
}

TEST(MentionsTest, CompoundsCoordinationAndDates) {
  struct Case { const char* text; const char* lang; const char* date; std::vector<std::vector<std::string>> codes; } cases[] = {
      {"Kepala keamanan Rusia dan Iran bertemu.", "id", "2022-11-09", {{"RUSGOV", "IRNGOV"}}},
      {"Presiden Ukraina Volodymyr Zelensky berbicara.", "id", "2022-11-09", {{"UKRGOV"}}},
      {"Nikolai Patrushev tiba.", "id", "2022-11-09", {{"RUSGOV"}}},          // Security Council secretary then
      {"Joko Widodo tiba.", "id", "", {{"IDNGOV"}}},                          // undated: the latest office
      {"Rusia, Iran dan Suriah bertemu.", "id", "2022-11-09", {{"RUS", "IRN", "SYR"}}},
      {"Rusia, Iran bertemu.", "id", "2022-11-09", {{"RUS"}, {"IRN"}}},      // commas alone: no coordination
      {"Polisi datang ke arah barat.", "id", "2022-11-09", {{"COP"}}},       // "barat" lower case: a direction
      {"Negara-negara Barat mengecam.", "id", "2022-11-09", {{"WST"}}},
      {"Russia's foreign minister spoke.", "en", "2022-11-09", {{"RUSGOV"}}},
      {"The Russian and Iranian security chiefs met.", "en", "2022-11-09", {{"RUSGOV", "IRNGOV"}}},
      {"Tersangka berinisial AS ditangkap.", "id", "2022-11-09", {{"CRM"}}},  // initials, not the United States
      {"Juru bicara militer Thailand berbicara.", "id", "2022-11-09", {{"THAMIL"}}},
      {"The Thai military spokesman spoke.", "en", "2022-11-09", {{"THAMIL"}}},
  };
  for (const auto& c : cases) {
    auto a = annotate(c.text, c.lang, c.date);
    EXPECT_EQ(codes(a), c.codes) << c.text;
  }
}

TEST(MentionsTest, PrepositionObjectsAreMarked) {
  auto a = annotate("Di samping Ukraina, Rusia mengecam Polandia.", "id", "2024-01-01");
  ASSERT_EQ(a.mentions.size(), 3u);
  EXPECT_TRUE(a.mentions[0].after_prep);
  EXPECT_FALSE(a.mentions[1].after_prep);
}

TEST(PlacesTest, CapitalsAfterLocativesArePlaces) {
  auto a = annotate("Kepala keamanan bertemu di Teheran.", "id", "2022-11-09");
  ASSERT_EQ(a.places.size(), 1u);
  EXPECT_TRUE(a.places[0].after_locative);
  const auto& place = testing::lexicon().language("id")->places()[a.places[0].place];
  EXPECT_EQ(place.name, "Tehran");
  EXPECT_EQ(place.country, "IRN");
  for (const auto& m : a.mentions)
    for (const auto& actor : m.actors) EXPECT_NE(actor.country, "IRN") << "Teheran after 'di' must not be an actor";
}

TEST(TimesTest, ResolvesAgainstTheArticleDate) {
  struct Case { const char* text; const char* lang; const char* anchor; const char* want; } cases[] = {
      {"Rabu, (9/11/2022) lalu.", "id", "2022-11-10", "2022-11-09"},
      {"sejak 24 Februari ini.", "id", "2022-11-09", "2022-02-24"},
      {"pada 28 Desember.", "id", "2023-01-05", "2022-12-28"},  // last December, not this one
      {"pada 9 November 2022.", "id", "2024-01-01", "2022-11-09"},
      {"kemarin sore.", "id", "2022-11-09", "2022-11-08"},
      {"pekan lalu.", "id", "2022-11-09", "2022-11-02"},
      {"dua hari yang lalu.", "id", "2022-11-09", "2022-11-07"},
      {"last week.", "en", "2022-11-09", "2022-11-02"},
      {"pada Selasa malam.", "id", "2024-11-13", "2024-11-12"},
      {"on Tuesday (March 4, 2025).", "en", "2025-03-05", "2025-03-04"},
      {"said on Monday.", "en", "2025-03-05", "2025-03-03"},
      {"yesterday.", "en", "2025-03-05", "2025-03-04"},
      {"on 3/14/2024.", "en", "2024-03-20", "2024-03-14"},
  };
  for (const auto& c : cases) {
    auto a = annotate(c.text, c.lang, c.anchor);
    ASSERT_EQ(a.times.size(), 1u) << c.text;
    ASSERT_TRUE(a.times[0].date.has_value()) << c.text;
    EXPECT_EQ(a.times[0].date->to_string(), c.want) << c.text;
  }
  EXPECT_TRUE(annotate("Pada bulan Oktober.", "id", "2022-11-09").times.empty()) << "a month alone is too coarse";
}

// Direct quotations and their speakers, through the whole pipeline (the
// speaker is a mention of the sentence the quote closes or opens in).
TEST(QuotesTest, QuotedWordsAndWhoSpokeThem) {
  struct Case {
    std::string lang, text;
    std::vector<std::string> quotes;    // quoted text, in order
    std::vector<std::string> speakers;  // speaker actor code per quote, "" for none
  };
  const std::vector<Case> cases = {
      {"id", "“Kami tidak akan mundur dari perundingan,” kata Menteri Luar Negeri Retno Marsudi di Jakarta.",
       {"Kami tidak akan mundur dari perundingan"}, {"IDNGOV"}},
      {"id", "Presiden Joko Widodo mengatakan: “Indonesia siap membantu korban gempa.”",
       {"Indonesia siap membantu korban gempa"}, {"IDNGOV"}},
      {"id", "Menurut polisi, “situasi sudah terkendali sejak pagi.”", {"situasi sudah terkendali sejak pagi"}, {"COP"}},
      {"en", "\"We will not accept these terms,\" Sergei Lavrov said on Tuesday.", {"We will not accept these terms"},
       {"RUSGOV"}},
      {"en", "\"The strike hit a school,\" said Volodymyr Zelensky.", {"The strike hit a school"}, {"UKRGOV"}},
      // A pronoun attribution takes the speaker of the quote before it.
      {"id",
       "“Kami tidak akan mundur,” kata Menteri Luar Negeri Retno Marsudi. “Perundingan harus berlanjut,” ujarnya.",
       {"Kami tidak akan mundur", "Perundingan harus berlanjut"}, {"IDNGOV", "IDNGOV"}},
      {"en", "\"We will not retreat,\" Sergei Lavrov said. \"The talks must go on,\" he said.",
       {"We will not retreat", "The talks must go on"}, {"RUSGOV", "RUSGOV"}},
      // With no quote before it, a pronoun names nobody.
      {"id", "“Semua berjalan lancar,” ujarnya.", {"Semua berjalan lancar"}, {""}},
      // A speaker no dictionary knows: named, not coded.
      {"id", "“Harga cabai naik dua kali lipat,” ujar Budi Santoso, pedagang di Pasar Minggu.",
       {"Harga cabai naik dua kali lipat"}, {"?Budi Santoso"}},
      {"id", "Spanduk bertuliskan “Tolak kenaikan harga BBM” dibentangkan di depan gedung DPR.",
       {"Tolak kenaikan harga BBM"}, {""}},
      // A one-word quoted term and single quote marks are not speech.
      {"id", "Ia menyebut serangan itu “provokasi” yang berbahaya.", {}, {}},
      {"id", "Operasi ‘Badai Pasir Timur’ dimulai pekan lalu.", {}, {}},
      // An unpaired mark gives nothing rather than a runaway quote.
      {"en", "He said \"we will return and the talks went on.", {}, {}},
  };
  for (const auto& c : cases) {
    Pipeline pipeline(testing::lexicon(), {c.lang, false});
    Article a;
    a.id = "q";
    a.lang = c.lang;
    a.date = Date::parse_iso("2022-11-09");
    a.text = c.text + "\n";
    auto r = pipeline.process(a);
    std::vector<std::string> quotes, speakers;
    for (const auto& q : r.quotes) {
      if (q.reported) continue;  // ReportedSpeechTest
      quotes.emplace_back(q.span.in(r.article.text));
      std::string code;
      if (q.speaker)
        for (const auto& actor : q.speaker->actors) code += actor.role.empty() || !actor.country.empty() ? actor.code : actor.role;
      else if (!q.speaker_span.empty())
        code = "?" + std::string(q.speaker_span.in(r.article.text));
      speakers.push_back(code);
    }
    EXPECT_EQ(quotes, c.quotes) << c.text;
    EXPECT_EQ(speakers, c.speakers) << c.text;
  }
  // Without article annotations (kabar code), the same events and no quotes.
  PipelineOptions events_only{"id", false};
  events_only.article_annotations = false;
  Article a;
  a.id = "q";
  a.lang = "id";
  a.text = cases[0].text + "\n";
  auto full = Pipeline(testing::lexicon(), {"id", false}).process(a);
  auto lean = Pipeline(testing::lexicon(), events_only).process(a);
  EXPECT_FALSE(full.quotes.empty());
  EXPECT_TRUE(lean.quotes.empty());
  EXPECT_EQ(lean.tone.words, 0u);
  EXPECT_EQ(lean.events.size(), full.events.size());
}

TEST(ReportedSpeechTest, IndirectSpeechAndItsSpeaker) {
  struct Case {
    std::string lang, text;
    std::vector<std::string> said;      // reported content, in order
    std::vector<std::string> speakers;  // code, "?name" for an unknown name, "" for none
  };
  const std::vector<Case> cases = {
      {"id", "Rusia akan terus mendukung Iran, kata Nikolai Patrushev pada Rabu.", {"Rusia akan terus mendukung Iran"},
       {"RUSGOV"}},
      {"id", "Menurut juru bicara Kemlu, Indonesia menolak rencana itu.", {"Indonesia menolak rencana itu"}, {"IDNGOV"}},
      {"id", "Sergei Lavrov mengatakan bahwa kedua negara akan bekerja sama.", {"kedua negara akan bekerja sama"},
       {"RUSGOV"}},
      {"id", "Harga beras naik tajam pekan ini, ujar Budi Santoso.", {"Harga beras naik tajam pekan ini"},
       {"?Budi Santoso"}},
      // A pronoun takes the last named speaker, across sentences.
      {"id", "Sergei Lavrov mengatakan bahwa kedua negara akan bekerja sama. Kerja sama itu akan diperluas, ujarnya.",
       {"kedua negara akan bekerja sama", "Kerja sama itu akan diperluas"}, {"RUSGOV", "RUSGOV"}},
      {"en", "The talks collapsed on Monday, Reuters reported.", {"The talks collapsed on Monday"}, {"GBRMED"}},
      {"en", "According to Sergei Lavrov, the two sides will meet again next week.",
       {"the two sides will meet again next week"}, {"RUSGOV"}},
      {"en", "The strike hit a school, Volodymyr Zelensky said on Tuesday.", {"The strike hit a school"}, {"UKRGOV"}},
      // Nothing said: no report word, or too little after it.
      {"id", "Polisi menangkap dua tersangka di Bekasi.", {}, {}},
      {"en", "The minister said.", {}, {}},
      // Parenthetical attributions: the longer side, unless a conjunction
      // starts it; a clause after the report that is neither: no attribution.
      {"id", "Agar bisa lolos ke tahap berikutnya, kata Suwardi, peserta harus meraih nilai minimal.",
       {"peserta harus meraih nilai minimal"}, {"?Suwardi"}},
      {"en", "The army advanced, officials said, and the town fell.", {"The army advanced"}, {"GOV"}},
      {"en", "The army advanced, officials said the town fell.", {}, {}},
      {"id", "Menurut sumber yang terlibat dalam produksi film itu, syuting dimulai bulan depan.",
       {"syuting dimulai bulan depan"}, {"?sumber yang terlibat dalam produksi film itu"}},
  };
  for (const auto& c : cases) {
    auto r = testing::code_text(c.text, c.lang, "2022-11-09");
    std::vector<std::string> said, speakers;
    for (const auto& q : r.quotes) {
      if (!q.reported) continue;
      said.emplace_back(q.span.in(r.article.text));
      std::string code;
      if (q.speaker)
        for (const auto& actor : q.speaker->actors) code += actor.code;
      else if (!q.speaker_span.empty())
        code = "?" + std::string(q.speaker_span.in(r.article.text));
      speakers.push_back(code);
    }
    EXPECT_EQ(said, c.said) << c.text;
    EXPECT_EQ(speakers, c.speakers) << c.text;
  }
}

TEST(CitedSourcesTest, OutletsTheTextCites) {
  struct Case {
    std::string lang, text;
    std::vector<std::string> cited;
  };
  const std::vector<Case> cases = {
      {"id", "Pertemuan berlangsung tertutup, kata kantor berita TASS.\n\nSeperti dikutip dari Reuters, kedua pihak sepakat.",
       {"TASS", "Reuters"}},
      {"en", "The talks collapsed, Reuters reported.\n\nAccording to CNN, the sides will meet again.", {"Reuters", "CNN"}},
      // Named as an actor, not as a source: not cited.
      {"en", "Russia banned CNN from reporting in Moscow.", {}},
      // "Sumber:" lines and the text meet: each outlet once.
      {"id", "Kedua pihak sepakat, kata kantor berita TASS.\n\nSumber : TASS", {"TASS"}},
  };
  for (const auto& c : cases) {
    auto r = testing::code_text(c.text, c.lang, "2022-11-09");
    EXPECT_EQ(r.document.cited_sources, c.cited) << c.text;
  }
}

// GKG-style counts: type, number, object, in both word orders and languages.
TEST(CountsTest, NumbersOfPeopleKilledWoundedArrested) {
  struct Case {
    std::string lang, text;
    std::vector<std::string> counts;  // "TYPE NUMBER object"
  };
  const std::vector<Case> cases = {
      {"id", "Sedikitnya 12 orang tewas dan 30 lainnya luka-luka dalam serangan itu.",
       {"KILL 12 orang", "WOUND 30 lainnya"}},
      {"id", "Serangan rudal itu menewaskan lima warga sipil di Kharkiv.", {"KILL 5 warga sipil"}},
      {"id", "Polisi menangkap sedikitnya 1.200 demonstran di Jakarta.", {"ARREST 1200 demonstran", "PROTEST 1200"}},
      {"id", "Banjir membuat 2,5 juta orang mengungsi.", {"AFFECT 2500000 orang"}},
      {"id", "Dua belas nelayan diculik kelompok bersenjata.", {"KIDNAP 12 nelayan"}},
      {"en", "At least 12 people were killed and 40 wounded in the blast.", {"KILL 12 people", "WOUND 40"}},
      {"en", "The strike killed three soldiers, officials said.", {"KILL 3 soldiers"}},
      {"en", "Police arrested a dozen protesters on Tuesday.", {"ARREST 12 protesters", "PROTEST 12"}},
      {"en", "Some 3,000 residents were evacuated from the coast.", {"EVACUATION 3000 residents"}},
      // No number, or a date: no count.
      {"id", "Tidak ada korban tewas dalam kebakaran itu.", {}},
      {"en", "He was killed on 9/11/2022.", {}},
  };
  for (const auto& c : cases) {
    std::vector<Token> tokens;
    tokenize(c.text, Span{0, static_cast<uint32_t>(c.text.size())}, tokens);
    const LanguageLexicon& lex = *testing::lexicon().language(c.lang);
    std::vector<std::string> got;
    for (const auto& m : find_counts(c.text, tokens, 0, static_cast<uint32_t>(tokens.size()), lex)) {
      got.push_back(fmt::format("{} {}{}{}", m.type, m.number, m.object.empty() ? "" : " ", m.object));
      EXPECT_FALSE(m.span.empty());
    }
    EXPECT_EQ(got, c.counts) << c.text;
  }
}

TEST(CountsTest, NumberTokens) {
  const std::vector<std::pair<std::string, std::optional<double>>> cases = {
      {"12", 12},       {"1.200", 1200}, {"1,200", 1200}, {"2,5", 2.5},  {"3.000.000", 3000000},
      {"9/11/2022", {}}, {"10:30", {}},   {"1.2.3", {}},   {"12,3456", {}},
  };
  for (const auto& [in, want] : cases) EXPECT_EQ(parse_count_number(in), want) << in;
}

// V1.5 tone: the sign follows the words, percentages are of the word count,
// and first-person pronouns count as self reference.
TEST(ToneTest, PercentagesOfTonalWords) {
  struct Case {
    std::string lang, text;
    int sign;   // of Tone
    bool self;  // any self reference
  };
  const std::vector<Case> cases = {
      {"id", "Kedua negara menyambut baik kesepakatan perdamaian yang sukses itu.", +1, false},
      {"id", "Serangan itu menewaskan puluhan warga dan dunia mengecam kekerasan tersebut.", -1, false},
      {"id", "Kami berharap perundingan berjalan lancar dan membawa perdamaian.", +1, true},
      {"en", "Leaders welcomed the peace agreement as a success.", +1, false},
      {"en", "The attack killed ten people and was condemned worldwide.", -1, false},
      {"en", "We will meet on Tuesday in Geneva.", 0, true},
  };
  for (const auto& c : cases) {
    std::vector<Token> tokens;
    tokenize(c.text, Span{0, static_cast<uint32_t>(c.text.size())}, tokens);
    ArticleTone t = measure_tone(tokens, *testing::lexicon().language(c.lang));
    size_t words = 0;
    for (const auto& tok : tokens) words += tok.kind == TokenKind::kWord;
    EXPECT_EQ(t.words, words) << c.text;
    EXPECT_EQ((t.tone > 0) - (t.tone < 0), c.sign) << c.text << " tone " << t.tone;
    EXPECT_DOUBLE_EQ(t.tone, t.positive - t.negative);
    EXPECT_DOUBLE_EQ(t.polarity, t.positive + t.negative);
    EXPECT_EQ(t.self_group > 0, c.self) << c.text;
    EXPECT_LE(t.polarity, 100.0);
    // Each tonal word is a whole number of words: percentages are k/words.
    const double k = t.positive * static_cast<double>(words) / 100.0;
    EXPECT_NEAR(k, std::round(k), 1e-9);
  }
  std::vector<Token> none;
  EXPECT_EQ(measure_tone(none, *testing::lexicon().language("id")).words, 0u);
}

// Themes: keyword occurrences with offsets, the same theme names in both
// languages.
TEST(ThemesTest, KeywordsGiveThemesWithOffsets) {
  struct Case {
    std::string lang, text;
    std::vector<std::string> must;  // themes that must be found
  };
  const std::vector<Case> cases = {
      {"id", "Banjir bandang merendam ratusan rumah setelah hujan deras, sementara KPK menahan tersangka korupsi.",
       {"FLOOD", "CORRUPTION"}},
      {"id", "Pemerintah menjatuhkan sanksi ekonomi dan memperpanjang gencatan senjata.", {"SANCTIONS", "CEASEFIRE"}},
      {"en", "The earthquake destroyed bridges while the central bank raised interest rates to fight inflation.",
       {"EARTHQUAKE", "INFLATION"}},
      {"en", "Refugees crossed the border as the election campaign began.", {"REFUGEES", "ELECTION"}},
  };
  for (const auto& c : cases) {
    std::vector<Token> tokens;
    tokenize(c.text, Span{0, static_cast<uint32_t>(c.text.size())}, tokens);
    const LanguageLexicon& lex = *testing::lexicon().language(c.lang);
    std::set<std::string> got;
    for (const auto& t : find_themes(tokens, lex)) {
      ASSERT_LT(t.theme, lex.theme_names().size());
      got.insert(lex.theme_names()[t.theme]);
      EXPECT_FALSE(t.span.empty());
      EXPECT_LE(t.span.end, c.text.size());
    }
    for (const auto& m : c.must) EXPECT_TRUE(got.count(m)) << m << " in: " << c.text;
  }
  // A text on none of them has none.
  std::vector<Token> tokens;
  const std::string plain = "Ia membaca buku di taman.";
  tokenize(plain, Span{0, static_cast<uint32_t>(plain.size())}, tokens);
  EXPECT_TRUE(find_themes(tokens, *testing::lexicon().language("id")).empty());
  // Both languages name the same themes, at least 60.
  std::set<std::string> id(testing::lexicon().language("id")->theme_names().begin(),
                           testing::lexicon().language("id")->theme_names().end());
  std::set<std::string> en(testing::lexicon().language("en")->theme_names().begin(),
                           testing::lexicon().language("en")->theme_names().end());
  EXPECT_EQ(id, en);
  EXPECT_GE(id.size(), 60u);
}


// Names no dictionary lists: after titles and report verbs, organisation
// words, bracketed acronyms, and a person's name again later in the range.
TEST(EntitiesTest, NamesAfterTitlesCuesAndOrganisationWords) {
  struct Case {
    std::string lang, text;
    std::vector<std::string> want;  // "TYPE:words" each must be found
    std::vector<std::string> not_want;  // "TYPE:words" none may be found ("*:words": any type)
  };
  const std::vector<Case> cases = {
      {"id", "Menteri Pariwisata Rudi Santoso meresmikan jembatan itu.", {"PER:Rudi Santoso"}, {"*:Pariwisata Rudi Santoso"}},
      {"id", "Warga mengadu kepada Pak Darmaji soal jalan rusak.", {"PER:Darmaji"}, {}},
      {"id", "Acara dibuka oleh Prof. Wulan Anggraeni di aula.", {"PER:Wulan Anggraeni"}, {}},
      {"id", "Jalan itu segera diperbaiki, kata Hendra Wijayanto kepada wartawan.", {"PER:Hendra Wijayanto"}, {}},
      {"id", "Menurut Sulastri, harga beras naik pekan ini.", {"PER:Sulastri"}, {}},
      {"id", "Gunawan Prasetyo mengatakan panen tahun ini melimpah.", {"PER:Gunawan Prasetyo"}, {}},
      {"id", "Bupati Sleman Teguh Raharjo meninjau lokasi banjir.", {"PER:Teguh Raharjo"}, {"PER:Sleman Teguh Raharjo"}},
      {"id", "Laporan itu diserahkan ke Komisi Pengawas Persaingan Usaha (KPPU) kemarin. KPPU lalu memeriksanya.",
       {"ORG:Komisi Pengawas Persaingan Usaha", "ORG:KPPU"}, {}},
      {"id", "Saham PT Sinar Harapan Abadi naik tajam.", {"ORG:PT Sinar Harapan Abadi"}, {}},
      {"id", "Mahasiswa Universitas Gadjah Mada menggelar diskusi.", {"ORG:Universitas Gadjah Mada"}, {}},
      {"id", "Dinas Pendidikan dan Kebudayaan menutup sekolah itu.", {"ORG:Dinas Pendidikan dan Kebudayaan"}, {}},
      {"id", "Rapat dipimpin Ketua Komisi Pertanian, Suryadi Mangkusubroto, kemarin.", {"PER:Suryadi Mangkusubroto"}, {}},
      {"id", "Ketua Umum Partai Rakyat Sejahtera Indra Gunadi mengatakan partainya siap.",
       {"PER:Indra Gunadi", "ORG:Partai Rakyat Sejahtera"}, {"ORG:Partai Rakyat Sejahtera Indra Gunadi"}},
      {"id", "Menurut Hendra Wijayanto dan Sulastri Rahayu, harga beras naik.", {"PER:Hendra Wijayanto", "PER:Sulastri Rahayu"}, {}},
      {"id", "Siswa SMA Negeri 14 Bandung menang lomba.", {"ORG:SMA Negeri 14 Bandung"}, {}},
      {"id", "Pelabuhan itu dekat Ibu Kota provinsi.", {}, {"PER:*"}},
      {"id", "Namun, Suparman membantah tudingan itu.", {"PER:Suparman"}, {}},
      {"id", "Yulianto dan Hartono Wibisono mengatakan berkas sudah lengkap.", {"PER:Yulianto", "PER:Hartono Wibisono"}, {}},
      {"id", "Hubungan Partai Rakyat Sejahtera dan Partai Buruh Tani memburuk.",
       {"ORG:Partai Rakyat Sejahtera", "ORG:Partai Buruh Tani"}, {"ORG:Partai Rakyat Sejahtera dan Partai Buruh Tani"}},
      {"id", "Ketua DPP Partai Rakyat Sejahtera Indra Gunadi hadir.", {"PER:Indra Gunadi"}, {}},
      {"id", "Ratna Kumalasari lahir di Semarang pada 1975.", {"PER:Ratna Kumalasari"}, {}},
      {"id", "Dwi Haryanto adalah seorang penyanyi asal Medan.", {"PER:Dwi Haryanto"}, {}},
      {"id", "Borobudur adalah candi terbesar di dunia.", {}, {"PER:*"}},
      {"id", "Staf Kementerian Pertahanan Laksamana Madya Budiarto hadir.",
       {"ORG:Kementerian Pertahanan", "PER:Budiarto"}, {"ORG:Kementerian Pertahanan Laksamana Madya Budiarto"}},
      {"id", "Saya tidak tahu, kata Saya Hartono.", {}, {"PER:Saya Hartono"}},
      {"id", "Kepala SMA Negeri 3 Kendari membuka acara itu.", {"ORG:SMA Negeri 3 Kendari"}, {"PER:*"}},
      {"id", "Tim itu dipimpin Bagus Prasetya sejak tahun lalu.", {"PER:Bagus Prasetya"}, {}},
      // A person once named is a person again.
      {"id", "Pak Marsono Hadi menerima bantuan. Marsono membagikannya kepada warga.",
       {"PER:Marsono Hadi", "PER:Marsono"}, {}},
      // Negative: a capitalised sentence start, a title before a place, an
      // organisation word in a lower-case phrase, a title with no name.
      {"id", "Sementara itu hujan turun sepanjang hari.", {}, {"*:Sementara"}},
      {"id", "Gubernur Jawa Tengah meninjau banjir.", {}, {"PER:Jawa Tengah", "PER:Jawa", "PER:Tengah"}},
      {"id", "Wali Kota Surakarta Bambang Sulistyo membuka pasar.", {"PER:Bambang Sulistyo"}, {"PER:Surakarta Bambang Sulistyo"}},
      {"id", "Warga menabung di bank dan partai politik berkampanye.", {}, {"ORG:bank", "ORG:partai politik"}},
      {"id", "Presiden meninjau pasar, kata juru bicara itu.", {}, {"PER:*"}},
      {"en", "The plan will fail, said Harold Pemberton, a local farmer.", {"PER:Harold Pemberton"}, {}},
      {"en", "Mrs. Eleanor Whitby opened the hospital.", {"PER:Eleanor Whitby"}, {}},
      {"en", "Students at Westbrook University protested.", {"ORG:Westbrook University"}, {}},
      {"en", "On Monday the river rose again.", {}, {"*:On Monday", "PER:*"}},
      {"en", "Analysts said the plan would fail, and Northwind Corp agreed.", {"ORG:Northwind Corp"}, {"PER:*"}},
  };
  for (const auto& c : cases) {
    std::vector<Token> tokens;
    tokenize(c.text, Span{0, static_cast<uint32_t>(c.text.size())}, tokens);
    const LanguageLexicon& lex = *testing::lexicon().language(c.lang);
    std::set<std::string> got;
    std::vector<std::string> kinds_any;
    for (const auto& e : find_entities(c.text, tokens, 0, static_cast<uint32_t>(tokens.size()), lex)) {
      const std::string words(std::string_view(c.text).substr(
          tokens[e.first_token].span.begin, tokens[e.end_token - 1].span.end - tokens[e.first_token].span.begin));
      got.insert(fmt::format("{}:{}", entity_kind_name(e.kind), words));
      got.insert(fmt::format("*:{}", words));
      got.insert(fmt::format("{}:*", entity_kind_name(e.kind)));
    }
    std::string all;
    for (const auto& g : got) all += g + "; ";
    for (const auto& w : c.want) EXPECT_TRUE(got.count(w)) << c.text << " wants " << w << "; got " << all;
    for (const auto& w : c.not_want) EXPECT_FALSE(got.count(w)) << c.text << " must not have " << w << "; got " << all;
  }
}

}  // namespace
}  // namespace kabar
