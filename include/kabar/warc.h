// kabar/warc.h — web archives: WARC/1.0 and 1.1 (and Heritrix's 0.17).
//
// A WARC file is a sequence of records, each a header block ("WARC/1.0",
// named fields, Content-Length) and a content block of exactly that many
// bytes. Files come whole (.warc), gzip-compressed record by record or as a
// whole (.warc.gz), or zstd-compressed (.warc.zst); the reader decompresses
// and then walks the records. `response` records carry an HTTP response (its
// status, headers, chunked or compressed body are decoded here); `resource`
// records carry the document itself. Other record types (warcinfo, request,
// metadata, revisit, conversion) are counted and skipped.
//
// A malformed or truncated record costs that record: it is reported with its
// byte offset (in the decompressed stream) and the reader resynchronises on
// the next "WARC/" line.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>

#include "kabar/status.h"

namespace kabar {

class ByteStream;  // util/stream.h: a decompressing reader
class LineReader;  // util/stream.h: lines and exact reads over a ByteStream

struct WarcRecord {
  uint64_t offset = 0;                        // of its "WARC/" line in the decompressed stream
  std::string version;                        // "WARC/1.0"
  std::map<std::string, std::string> fields;  // header fields, names lower-cased
  std::string_view block;                     // the content block (valid during the callback)
  const std::string& field(const std::string& lower_name) const;
};

struct WarcDocument {  // what a response or resource record holds
  std::string uri, date, record_id;  // WARC-Target-URI, WARC-Date, WARC-Record-ID
  std::string content_type;          // media type, lower case, without parameters ("text/html")
  int http_status = 0;               // 0 for a resource record
  std::string body;                  // decoded: de-chunked and decompressed
  std::map<std::string, std::string> warc_fields;
};

struct WarcStats {
  size_t records = 0, documents = 0, skipped_types = 0, not_ok = 0, malformed = 0;
};

// Walks the records of a stream (decompressed as it is read, record by
// record: memory stays at one record whatever the archive's size).
Status walk_warc_stream(ByteStream& in, const std::string& name, const std::function<void(const WarcRecord&)>& on_record,
                        const std::function<void(const Status&)>& on_problem);
Status read_warc_stream(ByteStream& in, const std::string& name, const std::function<void(WarcDocument&&)>& on_document,
                        const std::function<void(const Status&)>& on_problem, WarcStats* stats = nullptr);
// The same through a reader that may already hold buffered bytes of `in`
// (stdin, after its first bytes were peeked to choose the format).
Status walk_warc_lines(LineReader& r, ByteStream& in, const std::string& name,
                       const std::function<void(const WarcRecord&)>& on_record,
                       const std::function<void(const Status&)>& on_problem);
Status read_warc_lines(LineReader& r, ByteStream& in, const std::string& name,
                       const std::function<void(WarcDocument&&)>& on_document,
                       const std::function<void(const Status&)>& on_problem, WarcStats* stats = nullptr);

// Walks the records of WARC bytes in memory (compressed or not). Returns an error only when
// the bytes are not a WARC file at all (no "WARC/" at the start).
Status walk_warc(std::string_view bytes, const std::string& name,
                 const std::function<void(const WarcRecord&)>& on_record,
                 const std::function<void(const Status&)>& on_problem);

// The documents of a WARC file's bytes (compressed or not): response records
// with HTTP status 200 and resource records, with their bodies decoded.
Status read_warc_documents(std::string_view bytes, const std::string& name,
                           const std::function<void(WarcDocument&&)>& on_document,
                           const std::function<void(const Status&)>& on_problem, WarcStats* stats = nullptr);

}  // namespace kabar
