// WARC records and the HTTP responses inside them (kabar/warc.h).
#include "kabar/warc.h"
#include "util/strings.h"

#include <algorithm>
#include <cctype>
#include <charconv>

#include <fmt/format.h>

#include "util/compress.h"
#include "util/stream.h"

namespace kabar {
namespace {

// Header fields up to the blank line (names lower-cased, folded lines
// joined); false when the input ends first. WARC record headers and the
// HTTP headers inside response records read the same way.
bool read_fields(LineReader& r, std::map<std::string, std::string>& fields) {
  std::string line, last;
  while (r.getline(line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) return true;
    if ((line[0] == ' ' || line[0] == '\t') && !last.empty()) {  // a folded continuation
      std::string& value = fields[last];
      value.push_back(' ');
      value.append(trim(line));
      continue;
    }
    size_t colon = line.find(':');
    if (colon == std::string::npos) continue;  // tolerated: some crawlers write junk lines
    last = ascii_lower(trim(std::string_view(line).substr(0, colon)));
    fields[last] = std::string(trim(std::string_view(line).substr(colon + 1)));
  }
  return false;
}

std::string media_type(std::string_view content_type) {
  return ascii_lower(trim(content_type.substr(0, content_type.find(';'))));
}

// HTTP/1.1 chunked transfer coding; nullopt when malformed.
std::optional<std::string> dechunk(std::string_view body) {
  std::string out;
  size_t pos = 0;
  while (pos < body.size()) {
    size_t e = body.find('\n', pos);
    if (e == std::string_view::npos) return std::nullopt;
    std::string_view size_line = trim(body.substr(pos, e - pos));
    size_line = size_line.substr(0, size_line.find(';'));
    size_t n = 0;
    auto r = std::from_chars(size_line.data(), size_line.data() + size_line.size(), n, 16);
    if (r.ec != std::errc() || size_line.empty()) return std::nullopt;
    pos = e + 1;
    if (n == 0) return out;
    if (n > body.size() - pos) return std::nullopt;
    out.append(body.substr(pos, n));
    pos += n;
    if (pos < body.size() && body[pos] == '\r') ++pos;
    if (pos < body.size() && body[pos] == '\n') ++pos;
  }
  return out;
}

}  // namespace

const std::string& WarcRecord::field(const std::string& lower_name) const {
  static const std::string kEmpty;
  auto it = fields.find(lower_name);
  return it == fields.end() ? kEmpty : it->second;
}

Status walk_warc_stream(ByteStream& in, const std::string& name, const std::function<void(const WarcRecord&)>& on_record,
                        const std::function<void(const Status&)>& on_problem) {
  LineReader r(in);
  return walk_warc_lines(r, in, name, on_record, on_problem);
}

Status walk_warc_lines(LineReader& r, ByteStream& in, const std::string& name,
                       const std::function<void(const WarcRecord&)>& on_record,
                       const std::function<void(const Status&)>& on_problem) {
  std::string line, block;
  // The first non-blank line says whether this is a WARC file at all.
  bool first = true;
  bool have_line = false;  // `line` holds a "WARC/" line found while resynchronising
  while (true) {
    if (!have_line) {
      do {
        if (!r.getline(line)) {
          if (!in.status().ok()) on_problem(in.status());
          return first ? Status(ErrorCode::kParse, fmt::format("{}: not a WARC file (empty)", name)) : Status::Ok();
        }
        if (!line.empty() && line.back() == '\r') line.pop_back();
      } while (line.empty());
    }
    have_line = false;
    const uint64_t at = r.offset() - line.size() - 1;
    if (line.compare(0, 5, "WARC/") != 0) {
      if (first) return Status(ErrorCode::kParse, fmt::format("{}: not a WARC file", name));
      on_problem(Status(ErrorCode::kParse, fmt::format("{}: byte {}: no WARC record starts here; skipped to the next", name, at)));
      // Resynchronise on the next line that starts a record.
      while (r.getline(line)) {
        if (line.compare(0, 5, "WARC/") == 0) { have_line = true; break; }
      }
      if (!have_line) {
        if (!in.status().ok()) on_problem(in.status());
        return Status::Ok();
      }
      if (!line.empty() && line.back() == '\r') line.pop_back();
      continue;
    }
    first = false;
    WarcRecord rec;
    rec.offset = at;
    rec.version = line;
    if (!read_fields(r, rec.fields)) {
      on_problem(Status(ErrorCode::kParse, fmt::format("{}: byte {}: record header is truncated", name, at)));
      if (!in.status().ok()) on_problem(in.status());
      return Status::Ok();
    }
    const std::string& len_text = rec.field("content-length");
    uint64_t len = 0;
    auto res = std::from_chars(len_text.data(), len_text.data() + len_text.size(), len);
    if (len_text.empty() || res.ec != std::errc()) {
      on_problem(Status(ErrorCode::kParse, fmt::format("{}: byte {}: record without a valid Content-Length; skipped", name, at)));
      while (r.getline(line)) {
        if (line.compare(0, 5, "WARC/") == 0) { have_line = true; break; }
      }
      if (!have_line) return Status::Ok();
      if (!line.empty() && line.back() == '\r') line.pop_back();
      continue;
    }
    block.clear();
    if (!r.read_exact(len, block)) {
      on_problem(Status(ErrorCode::kParse, fmt::format("{}: byte {}: record truncated ({} of {} content bytes); skipped",
                                                       name, at, block.size(), len)));
      if (!in.status().ok()) on_problem(in.status());
      return Status::Ok();
    }
    rec.block = block;
    on_record(rec);
  }
}

Status walk_warc(std::string_view s, const std::string& name, const std::function<void(const WarcRecord&)>& on_record,
                 const std::function<void(const Status&)>& on_problem) {
  auto in = memory_stream(s, name);
  return walk_warc_stream(*in, name, on_record, on_problem);
}

Status read_warc_documents(std::string_view bytes, const std::string& name,
                           const std::function<void(WarcDocument&&)>& on_document,
                           const std::function<void(const Status&)>& on_problem, WarcStats* stats) {
  auto in = memory_stream(bytes, name);
  return read_warc_stream(*in, name, on_document, on_problem, stats);
}

Status read_warc_stream(ByteStream& in, const std::string& name, const std::function<void(WarcDocument&&)>& on_document,
                        const std::function<void(const Status&)>& on_problem, WarcStats* stats) {
  LineReader r(in);
  return read_warc_lines(r, in, name, on_document, on_problem, stats);
}

Status read_warc_lines(LineReader& r, ByteStream& in, const std::string& name,
                       const std::function<void(WarcDocument&&)>& on_document,
                       const std::function<void(const Status&)>& on_problem, WarcStats* stats) {
  WarcStats local;
  WarcStats& st = stats ? *stats : local;
  return walk_warc_lines(
      r, in, name,
      [&](const WarcRecord& r) {
        ++st.records;
        const std::string type = ascii_lower(r.field("warc-type"));
        if (type != "response" && type != "resource") {
          ++st.skipped_types;
          return;
        }
        WarcDocument doc;
        doc.uri = r.field("warc-target-uri");
        if (doc.uri.size() >= 2 && doc.uri.front() == '<' && doc.uri.back() == '>') doc.uri = doc.uri.substr(1, doc.uri.size() - 2);
        doc.date = r.field("warc-date");
        doc.record_id = r.field("warc-record-id");
        doc.warc_fields = r.fields;
        const std::string warc_type = media_type(r.field("content-type"));
        if (type == "resource") {
          doc.content_type = warc_type;
          doc.body = std::string(r.block);
        } else {
          if (warc_type != "application/http") {  // dns:, whois: and the like
            ++st.skipped_types;
            return;
          }
          auto block = memory_stream(r.block, name);
          LineReader br(*block);
          std::string status_line;
          std::map<std::string, std::string> http;
          if (!br.getline(status_line) || status_line.compare(0, 5, "HTTP/") != 0 || !read_fields(br, http)) {
            ++st.malformed;
            on_problem(Status(ErrorCode::kParse, fmt::format("{}: byte {}: {}: malformed HTTP response", name, r.offset, doc.uri)));
            return;
          }
          size_t sp = status_line.find(' ');
          if (sp != std::string::npos) {
            std::string_view code = std::string_view(status_line).substr(sp + 1, 3);
            std::from_chars(code.data(), code.data() + code.size(), doc.http_status);
          }
          if (doc.http_status != 200) {
            ++st.not_ok;
            return;
          }
          doc.content_type = media_type(http["content-type"]);
          std::string owned;
          br.read_rest(owned);
          if (ascii_lower(http["transfer-encoding"]).find("chunked") != std::string::npos) {
            if (auto d = dechunk(owned)) owned = std::move(*d);
          }
          const std::string enc = ascii_lower(http["content-encoding"]);
          if (enc == "gzip" || enc == "x-gzip" || sniff_compression(owned) == Compression::kGzip) {
            auto g = gunzip(owned, fmt::format("{} ({})", name, doc.uri));
            if (!g.ok()) {
              ++st.malformed;
              on_problem(g.status());
              return;
            }
            owned = std::move(g).value();
          }
          doc.body = std::move(owned);
        }
        ++st.documents;
        on_document(std::move(doc));
      },
      on_problem);
}

}  // namespace kabar
