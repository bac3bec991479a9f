// GDELT 2.0 Events and Mentions from the store (kabar/gdelt.h).
//
// Events are GDELT's deduplicated events: a kabar cluster, represented by its
// earliest event, with the cluster's NumMentions, NumSources and NumArticles.
// Mentions are every stored event pointing at its cluster's GLOBALEVENTID.
// Fields kabar does not know yet (tone, ethnic and religion codes, ADM1/ADM2
// codes, GeoNames feature ids, actor-level geography) are left empty, never
// guessed; AvgTone and MentionDocTone are 0 until tone lands ([places]).
#include "kabar/gdelt.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include <fmt/format.h>
#include <simdjson.h>

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
  out.push_back(type == 1 ? fips : "");  // ADM1Code: the country alone when that is all we know
  out.push_back("");
  double lat = 0, lon = 0;
  bool has_point = place["lat"].get(lat) == simdjson::SUCCESS && place["lon"].get(lon) == simdjson::SUCCESS;
  out.push_back(has_point ? fmt::format("{:.4f}", lat) : "");
  out.push_back(has_point ? fmt::format("{:.4f}", lon) : "");
  out.push_back("");  // FeatureID
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
  out.push_back("0");  // AvgTone
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
  out.push_back("0");  // MentionDocTone
  out.push_back("");
  out.push_back("");
  return out;
}

StatusOr<GdeltExport> export_gdelt(const SqliteStore& store, const Codebook& book, const std::string& out_dir,
                                   const std::string& timestamp, const std::string& url_prefix) {
  if (timestamp.size() != 14 || timestamp.find_first_not_of("0123456789") != std::string::npos)
    return Status(ErrorCode::kInvalidArgument, fmt::format("timestamp must be YYYYMMDDHHMMSS, got \"{}\"", timestamp));
  auto rows = store.export_rows();
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
      events += join_row(gdelt_event_row(row.event_json, row, book, timestamp));
      ++result.events;
      last_cluster = row.cluster;
    }
    mentions += join_row(gdelt_mention_row(row.event_json, row, timestamp));
    ++result.mentions;
  }
  std::string manifest;
  for (const auto& [kind, content] : {std::pair<std::string, std::string*>{"export", &events}, {"mentions", &mentions}}) {
    const std::string entry = fmt::format("{}.{}.CSV", timestamp, kind);
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
