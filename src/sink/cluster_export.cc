// `kabar export jsonl`: the store's deduplicated events, one line per
// cluster. The stored event JSON is embedded verbatim (it is already the
// contract of docs/FORMAT.md), so this file only adds the cluster envelope,
// from the store's columns.
#include <fmt/format.h>

#include "kabar/sink.h"

namespace kabar {

namespace {

std::string cluster_line(const SqliteStore::ExportRow& lead, const std::vector<const SqliteStore::ExportRow*>& mentions,
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
    const auto& m = *mentions[i];
    if (i) o += ',';
    o += "{\"event\":";
    append_json_string(o, m.event_id);
    o += ",\"article\":";
    append_json_string(o, m.article_id);
    o += ",\"source\":";
    append_json_string(o, m.article_source);
    o += ",\"url\":";
    append_json_string(o, m.article_url);
    o += ",\"date\":";
    if (m.event_date.empty()) o += "null"; else append_json_string(o, m.event_date);
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
  const SqliteStore::ExportRow* lead = nullptr;
  std::vector<const SqliteStore::ExportRow*> mentions;
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
    if (!row.event_date.empty()) {
      if (first_date.empty() || row.event_date < first_date) first_date = row.event_date;
      if (row.event_date > last_date) last_date = row.event_date;
    }
    mentions.push_back(&row);
  }
  flush();
  return lines;
}

}  // namespace kabar
