// `kabar export jsonl`: the store's deduplicated events, one line per
// cluster. The stored event JSON is embedded verbatim (it is already the
// contract of docs/FORMAT.md), so this file only adds the cluster envelope.
#include <fmt/format.h>
#include <simdjson.h>

#include "kabar/sink.h"

namespace kabar {

namespace {

struct MentionRef {
  std::string event, article, source, url, date;
  int64_t sentence = 0;
};

std::string cluster_line(const SqliteStore::ExportRow& lead, const std::vector<MentionRef>& mentions,
                         const std::string& first_date, const std::string& last_date) {
  std::string o = "{\"cluster\":";
  append_json_string(o, lead.cluster);
  o += fmt::format(",\"num_mentions\":{},\"num_sources\":{},\"num_articles\":{}", lead.num_mentions,
                   lead.num_sources, lead.num_articles);
  o += ",\"first_date\":";
  if (first_date.empty()) o += "null"; else append_json_string(o, first_date);
  o += ",\"last_date\":";
  if (last_date.empty()) o += "null"; else append_json_string(o, last_date);
  o += ",\"event\":";
  o += lead.event_json;
  o += ",\"mentions\":[";
  for (size_t i = 0; i < mentions.size(); ++i) {
    const auto& m = mentions[i];
    if (i) o += ',';
    o += "{\"event\":";
    append_json_string(o, m.event);
    o += ",\"article\":";
    append_json_string(o, m.article);
    o += ",\"source\":";
    append_json_string(o, m.source);
    o += ",\"url\":";
    append_json_string(o, m.url);
    o += ",\"date\":";
    if (m.date.empty()) o += "null"; else append_json_string(o, m.date);
    o += fmt::format(",\"sentence\":{}}}", m.sentence);
  }
  o += "]}";
  return o;
}

}  // namespace

StatusOr<std::vector<std::string>> export_clusters_jsonl(const SqliteStore& store) {
  auto rows = store.export_rows();  // grouped by cluster, earliest mention first
  if (!rows.ok()) return rows.status();
  std::vector<std::string> lines;
  simdjson::dom::parser parser;
  const SqliteStore::ExportRow* lead = nullptr;
  std::vector<MentionRef> mentions;
  std::string first_date, last_date;
  auto flush = [&] {
    if (lead) lines.push_back(cluster_line(*lead, mentions, first_date, last_date));
    mentions.clear();
    first_date.clear();
    last_date.clear();
  };
  for (const auto& row : *rows) {
    if (!lead || row.cluster != lead->cluster) {
      flush();
      lead = &row;
    }
    simdjson::dom::element e;
    if (auto err = parser.parse(row.event_json).get(e))
      return Status(ErrorCode::kData, fmt::format("store: event of article {} is not valid JSON: {}", row.article_id,
                                                  simdjson::error_message(err)));
    MentionRef m;
    std::string_view v;
    if (!e["id"].get(v)) m.event = std::string(v);
    if (!e["date"].get(v)) m.date = std::string(v);
    int64_t sentence = 0;
    if (!e["sentence"].get(sentence)) m.sentence = sentence;
    m.article = row.article_id;
    m.source = row.article_source;
    m.url = row.article_url;
    if (!m.date.empty()) {
      if (first_date.empty() || m.date < first_date) first_date = m.date;
      if (m.date > last_date) last_date = m.date;
    }
    mentions.push_back(std::move(m));
  }
  flush();
  return lines;
}

}  // namespace kabar
