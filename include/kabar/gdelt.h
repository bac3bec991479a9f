// kabar/gdelt.h — the store as GDELT 2.0 files.
//
// One export writes, for a timestamp YYYYMMDDHHMMSS (UTC):
//   TS.export.CSV.zip    Events: one row per cluster (61 tab-separated columns)
//   TS.mentions.CSV.zip  Mentions: one row per event (16 columns)
// and updates masterfilelist.txt (append) and lastupdate.txt (replace) with
// "SIZE MD5 PATH" lines, as GDELT's own feed does. Geography is FIPS 10-4
// (Geo_CountryCode), actors are CAMEO codes. Column layouts: docs/FORMAT.md.
#pragma once

#include <string>
#include <vector>

#include "kabar/codebook.h"
#include "kabar/event.h"
#include "kabar/sink.h"
#include "kabar/status.h"

namespace kabar {

struct GdeltExport {
  std::vector<std::string> files;  // paths written
  size_t events = 0, mentions = 0, skipped_undated = 0;
};

StatusOr<GdeltExport> export_gdelt(const SqliteStore& store, const Codebook& book, const std::string& out_dir,
                                   const std::string& timestamp, const std::string& url_prefix);

// One row of each table from one stored event (exposed for tests).
std::vector<std::string> gdelt_event_row(std::string_view event_json, const SqliteStore::ExportRow& row,
                                         const Codebook& book, const std::string& date_added);
std::vector<std::string> gdelt_mention_row(std::string_view event_json, const SqliteStore::ExportRow& row,
                                           const std::string& date_added);

// GDELT's GLOBALEVENTID for a cluster: a 60-bit number from its id.
uint64_t gdelt_event_id(const std::string& cluster_id);

}  // namespace kabar
