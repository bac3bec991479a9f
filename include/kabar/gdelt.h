// kabar/gdelt.h — the store as GDELT 2.0 files.
//
// One export writes, for a timestamp YYYYMMDDHHMMSS (UTC):
//   TS.export.CSV.zip    Events: one row per cluster (61 tab-separated columns)
//   TS.mentions.CSV.zip  Mentions: one row per event (16 columns)
//   TS.gkg.csv.zip       GKG 2.1: one row per article (27 columns)
// and updates masterfilelist.txt (append) and lastupdate.txt (replace) with
// "SIZE MD5 PATH" lines, as GDELT's own feed does. Geography is FIPS 10-4
// (Geo_CountryCode), actors are CAMEO codes. Column layouts: docs/FORMAT.md.
#pragma once

#include <string>
#include <vector>

#include "kabar/codebook.h"
#include "kabar/event.h"
#include "kabar/lexicon.h"
#include "kabar/sink.h"
#include "kabar/status.h"

namespace kabar {

struct GdeltExport {
  std::vector<std::string> files;  // paths written
  size_t events = 0, mentions = 0, gkg = 0, skipped_undated = 0;
};

// The lexicon gives the code tables and, for the GKG, the names of people,
// organisations and places found in each article.
// `range` limits the batch to the articles stored in it (an incremental
// export, as GDELT publishes every 15 minutes): their mentions and GKG rows,
// and an Events row for each cluster first seen in it (a cluster that
// earlier articles already reported is in an earlier batch's Events file).
StatusOr<GdeltExport> export_gdelt(const SqliteStore& store, const Lexicon& lexicon, const std::string& out_dir,
                                   const std::string& timestamp, const std::string& url_prefix,
                                   SqliteStore::ArticleRange range = {});

// One GKG 2.1 row for an article (exposed for tests).
std::vector<std::string> gdelt_gkg_row(const SqliteStore::ArticleRow& article, const Lexicon& lexicon,
                                       const std::string& record_id, const std::string& date_added);

// One row of each table from one stored event (exposed for tests).
std::vector<std::string> gdelt_event_row(std::string_view event_json, const SqliteStore::ExportRow& row,
                                         const Codebook& book, const std::string& date_added);
std::vector<std::string> gdelt_mention_row(std::string_view event_json, const SqliteStore::ExportRow& row,
                                           const std::string& date_added);

// GDELT's GLOBALEVENTID for a cluster: a 60-bit number from its id.
uint64_t gdelt_event_id(const std::string& cluster_id);

}  // namespace kabar
