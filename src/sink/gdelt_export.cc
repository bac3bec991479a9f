// GDELT 2.0 Events and Mentions from the store (kabar/gdelt.h).
//
// Events are GDELT's deduplicated events: a kabar cluster, represented by its
// earliest event, with the cluster's NumMentions, NumSources and NumArticles.
// Mentions are every stored event pointing at its cluster's GLOBALEVENTID.
// Fields kabar does not know yet (ethnic and religion codes, ADM1/ADM2
// codes, GeoNames feature ids, actor-level geography) are left empty, never
// guessed. Tone is each article's V1.5 tone, measured at ingest.
#include "kabar/gdelt.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include <fmt/format.h>
#include <simdjson.h>

#include "annotate/items.h"
#include "kabar/annotate.h"
#include "kabar/text.h"
#include "util/md5.h"
#include "util/zip.h"

namespace kabar {
namespace fs = std::filesystem;

namespace {

std::string upper(std::string s) {
  for (char& c : s)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return s;
}

// Tabs and newlines would break the row: they become spaces.
std::string cell(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c == '\t' || c == '\n' || c == '\r') c = ' ';
  return out;
}

std::string str(simdjson::dom::element e, const char* key) {
  std::string_view v;
  if (e[key].get(v)) return {};
  return std::string(v);
}

int64_t integer(simdjson::dom::element e, const char* key, int64_t fallback = 0) {
  int64_t v = 0;
  return e[key].get(v) ? fallback : v;
}

double real(simdjson::dom::element e, const char* key, double fallback = 0) {
  double v = 0;
  return e[key].get(v) ? fallback : v;
}

// The first offset of a [begin, end] span, or -1.
int64_t span_begin(simdjson::simdjson_result<simdjson::dom::element> e) {
  simdjson::dom::array span;
  if (e.get(span)) return -1;
  uint64_t b = 0;
  return span.at(0).get(b) ? -1 : static_cast<int64_t>(b);
}

// The ten actor columns: Code, Name, CountryCode, KnownGroupCode, EthnicCode,
// Religion1Code, Religion2Code, Type1Code, Type2Code, Type3Code.
void actor_columns(simdjson::dom::element actor, const Codebook& book, std::vector<std::string>& out) {
  if (actor.is_null()) {
    out.insert(out.end(), 10, "");
    return;
  }
  const std::string code = str(actor, "code");
  std::string country, group;
  std::vector<std::string> types;
  for (size_t i = 0; i + 3 <= code.size(); i += 3) {
    std::string unit = code.substr(i, 3);
    const ActorUnit* u = book.unit(unit);
    if (!u) continue;
    if (i == 0 && (u->kind == ActorUnitKind::kCountry || u->kind == ActorUnitKind::kRegion)) country = unit;
    else if (u->kind == ActorUnitKind::kGroup && group.empty()) group = unit;
    else if (u->kind == ActorUnitKind::kType && types.size() < 3) types.push_back(unit);
  }
  types.resize(3);
  out.push_back(code);
  out.push_back(cell(upper(str(actor, "name"))));
  out.push_back(country);
  out.push_back(group);
  out.push_back("");  // EthnicCode
  out.push_back("");  // Religion1Code
  out.push_back("");  // Religion2Code
  for (auto& t : types) out.push_back(t);
}

// The eight geography columns: Type, FullName, CountryCode (FIPS), ADM1Code,
// ADM2Code, Lat, Long, FeatureID. GDELT's types: 1 country, 2 US state,
// 3 US city, 4 world city, 5 world state.
void geo_columns(simdjson::dom::element place, const Codebook& book, std::vector<std::string>& out) {
  if (place.is_null()) {
    out.push_back("0");
    out.insert(out.end(), 7, "");
    return;
  }
  const std::string country = str(place, "country"), precision = str(place, "precision");
  const ActorUnit* u = book.unit(country);
  const std::string fips = u ? u->fips : "";
  const bool usa = country == "USA";
  int type = precision == "country" ? 1 : precision == "adm1" ? (usa ? 2 : 5) : (usa ? 3 : 4);
  out.push_back(std::to_string(type));
  out.push_back(cell(str(place, "name")));
  out.push_back(fips);
  // ADM1Code: FIPS + GeoNames admin1 from the gazetteer ("ID30", "USGA"); the
  // country alone when that is all we know, as GDELT writes it.
  const std::string adm1 = str(place, "adm1");
  out.push_back(!adm1.empty() ? adm1 : type == 1 ? fips : "");
  out.push_back("");  // ADM2Code: kabar resolves no second-level divisions
  double lat = 0, lon = 0;
  bool has_point = place["lat"].get(lat) == simdjson::SUCCESS && place["lon"].get(lon) == simdjson::SUCCESS;
  out.push_back(has_point ? fmt::format("{:.4f}", lat) : "");
  out.push_back(has_point ? fmt::format("{:.4f}", lon) : "");
  // FeatureID: the GeoNames id of a city; for a country or a division GDELT
  // writes the ADM1 code, as here.
  uint64_t geonames = 0;
  if (place["geonames_id"].get(geonames) == simdjson::SUCCESS && geonames && type != 1 && type != 2 && type != 5)
    out.push_back(std::to_string(geonames));
  else
    out.push_back(type == 1 ? fips : adm1);
}

std::string join_row(const std::vector<std::string>& cells) {
  std::string line;
  for (size_t i = 0; i < cells.size(); ++i) {
    if (i) line += '\t';
    line += cells[i];
  }
  return line + "\n";
}

Status write_atomically(const fs::path& path, std::string_view bytes) {
  fs::path tmp = path;
  tmp += ".partial";
  {
    std::ofstream out(tmp, std::ios::binary);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out) return Status(ErrorCode::kIo, fmt::format("{}: write failed", tmp.string()));
  }
  std::error_code ec;
  fs::rename(tmp, path, ec);
  if (ec) return Status(ErrorCode::kIo, fmt::format("{}: {}", path.string(), ec.message()));
  return Status::Ok();
}

}  // namespace

uint64_t gdelt_event_id(const std::string& cluster_id) {
  uint64_t v = 0;
  int digits = 0;
  for (char c : cluster_id) {
    int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
    if (d < 0) continue;
    v = (v << 4) | static_cast<uint64_t>(d);
    if (++digits == 15) break;
  }
  return v;
}

std::vector<std::string> gdelt_event_row(std::string_view event_json, const SqliteStore::ExportRow& row,
                                         const Codebook& book, const std::string& date_added) {
  simdjson::dom::parser parser;
  simdjson::dom::element e = parser.parse(event_json.data(), event_json.size());
  std::vector<std::string> out;
  out.reserve(61);
  const auto date = Date::parse_iso(str(e, "date"));
  out.push_back(std::to_string(gdelt_event_id(row.cluster)));
  out.push_back(fmt::format("{:04d}{:02d}{:02d}", date->year, date->month, date->day));
  out.push_back(fmt::format("{:04d}{:02d}", date->year, date->month));
  out.push_back(std::to_string(date->year));
  const int64_t day_of_year = date->to_days() - Date{date->year, 1, 1}.to_days();
  out.push_back(fmt::format("{:.4f}", date->year + static_cast<double>(day_of_year) / 365.0));
  actor_columns(e["source"], book, out);
  actor_columns(e["target"], book, out);
  out.push_back(integer(e, "sentence") == 0 ? "1" : "0");  // IsRootEvent: the lead sentence
  const std::string code = str(e, "code");
  out.push_back(code);
  out.push_back(code.substr(0, std::min<size_t>(3, code.size())));
  out.push_back(str(e, "root"));
  out.push_back(std::to_string(integer(e, "quad")));
  out.push_back(fmt::format("{:.1f}", real(e, "goldstein")));
  out.push_back(std::to_string(row.num_mentions));
  out.push_back(std::to_string(row.num_sources));
  out.push_back(std::to_string(row.num_articles));
  out.push_back(fmt::format("{:.4f}", row.cluster_tone));  // AvgTone: over the cluster's mentions
  // Actor-level geography is not known apart from the action's.
  for (int k = 0; k < 2; ++k) {
    out.push_back("0");
    out.insert(out.end(), 7, "");
  }
  geo_columns(e["place"], book, out);
  out.push_back(date_added);
  out.push_back(cell(row.article_url.empty() ? row.article_id : row.article_url));
  return out;
}

std::vector<std::string> gdelt_mention_row(std::string_view event_json, const SqliteStore::ExportRow& row,
                                           const std::string& date_added) {
  simdjson::dom::parser parser;
  simdjson::dom::element e = parser.parse(event_json.data(), event_json.size());
  auto offset = [&](const char* side) -> std::string {
    if (e[side].is_null()) return "-1";
    return std::to_string(span_begin(e[side]["span"]));
  };
  const int64_t trigger = span_begin(e["evidence"]["trigger"]);
  const int64_t sentence = integer(e, "sentence");
  const std::string modality = str(e, "modality");
  const int confidence = modality == "asserted" ? 100 : modality == "reported" ? 80 : modality == "claimed" ? 60 : 50;
  auto article_date = Date::parse_iso(row.article_date);
  std::vector<std::string> out;
  out.push_back(std::to_string(gdelt_event_id(row.cluster)));
  out.push_back(date_added);
  out.push_back(article_date ? fmt::format("{:04d}{:02d}{:02d}000000", article_date->year, article_date->month,
                                           article_date->day)
                             : date_added);
  out.push_back("1");  // MentionType: WEB
  out.push_back(cell(row.article_source));
  out.push_back(cell(row.article_url.empty() ? row.article_id : row.article_url));
  out.push_back(std::to_string(sentence + 1));
  out.push_back(offset("source"));
  out.push_back(offset("target"));
  out.push_back(std::to_string(trigger));
  out.push_back("1");  // InRawText
  out.push_back(std::to_string(confidence));
  out.push_back(std::to_string(row.article_length));
  out.push_back(fmt::format("{:.4f}", row.article_tone));  // MentionDocTone
  out.push_back("");
  out.push_back("");
  return out;
}

std::vector<std::string> gdelt_gkg_row(const SqliteStore::ArticleRow& article, const Lexicon& lexicon,
                                       const std::string& record_id, const std::string& date_added) {
  const Codebook& book = lexicon.codebook();
  const LanguageLexicon* lex = lexicon.language(article.lang.empty() ? "id" : article.lang);
  std::vector<Token> tokens;
  tokenize(article.text, Span{0, static_cast<uint32_t>(article.text.size())}, tokens);
  const uint32_t n = static_cast<uint32_t>(tokens.size());
  ArticleTone tone;
  std::string v1_themes, v2_themes, v1_counts, v2_counts, v1_locations, v2_locations, v1_persons, v2_persons, v1_orgs, v2_orgs, all_names;
  std::set<std::string> seen_locations, seen_persons, seen_orgs;
  auto text_of = [&](uint32_t b, uint32_t e) {
    return cell(std::string_view(article.text).substr(tokens[b].span.begin, tokens[e - 1].span.end - tokens[b].span.begin));
  };
  auto append = [](std::string& list, const std::string& item) { list += (list.empty() ? "" : ";") + item; };
  if (lex) {
    // Places with coordinates from the gazetteer, and countries named in
    // the text (an actor name such as "Ukraina") at country precision, as
    // GDELT lists both. V2 keeps every mention with its offset, in text order.
    struct Location {
      uint32_t offset;
      int type;
      std::string name, fips, adm1, ll, feature;
    };
    std::vector<Location> locations;
    // The store's place mentions: dictionary and gazetteer places with their
    // codes as the pipeline resolved them in context (kabar/geocode.h).
    for (const auto& p : article.places) {
      const ActorUnit* u = book.unit(p.country);
      const std::string fips = !p.fips.empty() ? p.fips : u ? u->fips : "";
      const bool country = p.precision == "country";
      const bool usa = p.country == "USA";
      const int type = country ? 1 : p.precision == "adm1" ? (usa ? 2 : 5) : (usa ? 3 : 4);
      const std::string feature = p.geonames_id ? std::to_string(p.geonames_id) : country ? fips : p.adm1;
      locations.push_back({p.begin, type, p.name, fips, country ? fips : p.adm1,
                           p.lat ? fmt::format("{:.4f}#{:.4f}", *p.lat, *p.lon) : std::string("#"), feature});
    }
    for (const Item& it : find_items(article.text, tokens, 0, n, *lex, std::nullopt, /*any_date=*/true)) {
      if (it.agent || !(it.flags & kActorCountry)) continue;
      const ActorUnit* u = book.unit(it.code);
      if (!u || u->fips.empty()) continue;
      const uint32_t offset = tokens[it.first].span.begin;
      bool placed = false;  // a gazetteer country entry already at this offset
      for (const auto& l : locations) placed |= l.offset == offset;
      if (!placed) locations.push_back({offset, 1, u->name, u->fips, u->fips, "#", u->fips});
    }
    std::sort(locations.begin(), locations.end(), [](const Location& a, const Location& b) { return a.offset < b.offset; });
    // V1: Type#FullName#CountryCode#ADM1Code#Lat#Long#FeatureID; V2 adds
    // ADM2Code after ADM1Code and the character offset at the end.
    for (const auto& l : locations) {
      if (seen_locations.insert(l.name).second)
        append(v1_locations, fmt::format("{}#{}#{}#{}#{}#{}", l.type, cell(l.name), l.fips, l.adm1, l.ll, l.feature));
      append(v2_locations,
             fmt::format("{}#{}#{}#{}##{}#{}#{}", l.type, cell(l.name), l.fips, l.adm1, l.ll, l.feature, l.offset));
    }
    // Counts: TYPE#N#Object#LocType#LocName#FIPS#ADM1#Lat#Long#FeatureID
    // (+#Offset in V2.1); kabar does not place counts, so LocType is 0 and
    // the location fields are empty.
    std::set<std::string> seen_counts;
    for (const auto& c : find_counts(article.text, tokens, 0, n, *lex)) {
      std::string object = cell(c.object);
      for (auto& ch : object)
        if (ch == '#' || ch == ';') ch = ' ';
      const std::string v1 = fmt::format("{}#{}#{}#0######", c.type, c.number, object);
      if (seen_counts.insert(v1).second) append(v1_counts, v1);
      append(v2_counts, fmt::format("{}#{}", v1, c.span.begin));
    }
    tone = measure_tone(tokens, *lex);
    std::set<uint32_t> seen_themes;
    for (const auto& t : find_themes(tokens, *lex)) {
      const std::string& name = lex->theme_names()[t.theme];
      if (seen_themes.insert(t.theme).second) append(v1_themes, name);
      append(v2_themes, fmt::format("{},{}", name, t.span.begin));
    }
    auto entities = find_entities(article.text, tokens, 0, n, *lex);
    std::sort(entities.begin(), entities.end(),  // items first, then places: put in text order
              [](const Entity& a, const Entity& b) { return a.first_token < b.first_token; });
    for (const auto& e : entities) {
      const std::string name = text_of(e.first_token, e.end_token);
      const uint32_t offset = tokens[e.first_token].span.begin;
      append(all_names, fmt::format("{},{}", name, offset));
      if (e.kind == EntityKind::kPerson) {
        if (seen_persons.insert(name).second) append(v1_persons, name);
        append(v2_persons, fmt::format("{},{}", name, offset));
      } else if (e.kind == EntityKind::kOrganisation) {
        if (seen_orgs.insert(name).second) append(v1_orgs, name);
        append(v2_orgs, fmt::format("{},{}", name, offset));
      }
    }
  }
  size_t words = 0;
  for (const auto& t : tokens) words += t.kind == TokenKind::kWord;
  std::vector<std::string> out;
  out.push_back(record_id);
  out.push_back(date_added);
  out.push_back("1");  // SourceCollectionIdentifier: web
  out.push_back(cell(article.source));
  out.push_back(cell(article.url.empty() ? article.id : article.url));
  out.push_back(v1_counts);
  out.push_back(v2_counts);
  out.push_back(v1_themes);
  out.push_back(v2_themes);
  out.push_back(v1_locations);
  out.push_back(v2_locations);
  out.push_back(v1_persons);
  out.push_back(v2_persons);
  out.push_back(v1_orgs);
  out.push_back(v2_orgs);
  out.push_back(fmt::format("{:.4f},{:.4f},{:.4f},{:.4f},{:.4f},{:.4f},{}", tone.tone, tone.positive,
                            tone.negative, tone.polarity, tone.activity, tone.self_group, words));  // V1.5Tone
  out.push_back("");  // V2.1EnhancedDates
  out.push_back(fmt::format("wc:{}", words));  // V2GCAM
  out.insert(out.end(), 4, "");  // sharing image, related images, social image and video embeds
  // V2.1Quotations: Offset|Length|Verb|Quote, records joined by "#".
  std::string quotations;
  for (const auto& q : article.quotes) {
    if (q.end <= q.begin || q.end > article.text.size()) continue;
    std::string quote = cell(std::string_view(article.text).substr(q.begin, q.end - q.begin));
    for (auto& ch : quote)
      if (ch == '#' || ch == '|') ch = ' ';
    quotations += fmt::format("{}{}|{}|{}|{}", quotations.empty() ? "" : "#", q.begin, q.end - q.begin, cell(q.verb), quote);
  }
  out.push_back(quotations);
  out.push_back(all_names);
  out.push_back("");  // V2.1Amounts
  out.push_back("");  // V2.1TranslationInfo
  out.push_back("");  // V2ExtrasXML
  return out;
}

StatusOr<GdeltExport> export_gdelt(const SqliteStore& store, const Lexicon& lexicon, const std::string& out_dir,
                                   const std::string& timestamp, const std::string& url_prefix,
                                   SqliteStore::ArticleRange range) {
  const Codebook& book = lexicon.codebook();
  if (timestamp.size() != 14 || timestamp.find_first_not_of("0123456789") != std::string::npos)
    return Status(ErrorCode::kInvalidArgument, fmt::format("timestamp must be YYYYMMDDHHMMSS, got \"{}\"", timestamp));
  auto rows = store.export_rows(range);
  if (!rows.ok()) return rows.status();
  std::error_code ec;
  fs::create_directories(out_dir, ec);
  if (ec) return Status(ErrorCode::kIo, fmt::format("{}: {}", out_dir, ec.message()));
  GdeltExport result;
  std::string events, mentions;
  std::string last_cluster;
  for (const auto& row : *rows) {
    simdjson::dom::parser parser;
    simdjson::dom::element e;
    if (parser.parse(row.event_json).get(e)) continue;
    std::string_view date;
    if (e["date"].get(date) || !Date::parse_iso(date)) {
      ++result.skipped_undated;  // GDELT rows need a day
      continue;
    }
    if (row.cluster != last_cluster) {
      if (row.new_cluster) {
        events += join_row(gdelt_event_row(row.event_json, row, book, timestamp));
        ++result.events;
      }
      last_cluster = row.cluster;
    }
    mentions += join_row(gdelt_mention_row(row.event_json, row, timestamp));
    ++result.mentions;
  }
  std::string gkg;
  auto articles = store.export_articles(range);
  if (!articles.ok()) return articles.status();
  for (const auto& a : *articles) {
    gkg += join_row(gdelt_gkg_row(a, lexicon, fmt::format("{}-{}", timestamp, result.gkg), timestamp));
    ++result.gkg;
  }
  std::string manifest;
  // GDELT names them .export.CSV, .mentions.CSV and .gkg.csv.
  for (const auto& [kind, content] : {std::pair<std::string, std::string*>{"export.CSV", &events},
                                      {"mentions.CSV", &mentions}, {"gkg.csv", &gkg}}) {
    const std::string entry = fmt::format("{}.{}", timestamp, kind);
    auto zip = zip_one_entry(entry, *content);
    if (!zip.ok()) return zip.status();
    fs::path path = fs::path(out_dir) / (entry + ".zip");
    KABAR_RETURN_IF_ERROR(write_atomically(path, *zip));
    result.files.push_back(path.string());
    manifest += fmt::format("{} {} {}{}\n", zip->size(), md5_hex(*zip), url_prefix, entry + ".zip");
  }
  // masterfilelist.txt grows; a re-export of the same timestamp replaces its lines.
  fs::path master = fs::path(out_dir) / "masterfilelist.txt";
  std::string kept;
  {
    std::ifstream in(master);
    for (std::string line; std::getline(in, line);)
      if (line.find(timestamp + ".") == std::string::npos) kept += line + "\n";
  }
  KABAR_RETURN_IF_ERROR(write_atomically(master, kept + manifest));
  KABAR_RETURN_IF_ERROR(write_atomically(fs::path(out_dir) / "lastupdate.txt", manifest));
  return result;
}

}  // namespace kabar
