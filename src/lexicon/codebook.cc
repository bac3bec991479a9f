#include "kabar/codebook.h"

#include <charconv>
#include <fstream>

#include <fmt/format.h>

#include "util/strings.h"

namespace kabar {

int quad_class_for_root(int root) {
  if (root >= 1 && root <= 5) return 1;
  if (root >= 6 && root <= 9) return 2;
  if (root >= 10 && root <= 14) return 3;
  if (root >= 15 && root <= 20) return 4;
  return 0;
}

namespace {

// Reads a TSV with a header; calls row(fields, line_no) for each data line and
// checks the header names exactly, so a reordered file fails loudly.
Status read_tsv(const std::string& path, const std::vector<std::string_view>& header,
                const std::function<Status(const std::vector<std::string_view>&, size_t)>& row) {
  std::ifstream in(path);
  if (!in) return Status(ErrorCode::kNotFound, fmt::format("{}: cannot open", path));
  std::string line;
  size_t line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    auto fields = split(line, '\t');
    if (line_no == 1) {
      if (fields != header)
        return Status(ErrorCode::kData, fmt::format("{}:1: unexpected header", path));
      continue;
    }
    if (line.empty()) continue;
    if (fields.size() != header.size())
      return Status(ErrorCode::kData, fmt::format("{}:{}: expected {} fields, found {}", path,
                                                  line_no, header.size(), fields.size()));
    KABAR_RETURN_IF_ERROR(row(fields, line_no));
  }
  return Status::Ok();
}

}  // namespace

StatusOr<Codebook> Codebook::load(const std::string& dir) {
  Codebook book;
  const std::string codes_path = dir + "/codes.tsv";
  Status st = read_tsv(
      codes_path, {"code", "root", "level", "goldstein", "quad", "plover_type", "plover_mode", "name"},
      [&](const std::vector<std::string_view>& f, size_t line_no) -> Status {
        CameoCode c;
        c.code = std::string(f[0]);
        c.root = std::string(f[1]);
        auto bad = [&](const char* what) {
          return Status(ErrorCode::kData, fmt::format("{}:{}: bad {}", codes_path, line_no, what));
        };
        if (c.code.size() < 2 || c.code.size() > 4 || c.code.substr(0, 2) != c.root) return bad("code/root");
        if (std::from_chars(f[2].data(), f[2].data() + f[2].size(), c.level).ec != std::errc()) return bad("level");
        if (!parse_double(f[3], c.goldstein) || c.goldstein < -10 || c.goldstein > 10) return bad("goldstein");
        if (std::from_chars(f[4].data(), f[4].data() + f[4].size(), c.quad).ec != std::errc()) return bad("quad");
        c.plover_type = std::string(f[5]);
        c.plover_mode = std::string(f[6]);
        c.name = std::string(f[7]);
        if (book.code_index_.count(c.code)) return bad("code: duplicate");
        book.code_index_[c.code] = book.codes_.size();
        book.codes_.push_back(std::move(c));
        return Status::Ok();
      });
  if (!st.ok()) return st;

  const std::string units_path = dir + "/actor_codes.tsv";
  st = read_tsv(units_path, {"code", "kind", "name", "iso2", "fips"},
                [&](const std::vector<std::string_view>& f, size_t line_no) -> Status {
                  ActorUnit u;
                  u.code = std::string(f[0]);
                  if (f[1] == "country") u.kind = ActorUnitKind::kCountry;
                  else if (f[1] == "region") u.kind = ActorUnitKind::kRegion;
                  else if (f[1] == "type") u.kind = ActorUnitKind::kType;
                  else if (f[1] == "group") u.kind = ActorUnitKind::kGroup;
                  else if (f[1] == "religion") u.kind = ActorUnitKind::kReligion;
                  else return Status(ErrorCode::kData, fmt::format("{}:{}: unknown kind \"{}\"", units_path, line_no, f[1]));
                  if (u.code.size() != 3)
                    return Status(ErrorCode::kData, fmt::format("{}:{}: code must have 3 letters", units_path, line_no));
                  u.name = std::string(f[2]);
                  u.iso2 = std::string(f[3]);
                  u.fips = std::string(f[4]);
                  // The same three letters can be both a type and a group
                  // (UNO); the first line wins and both mean the same body.
                  if (!book.unit_index_.count(u.code)) book.unit_index_[u.code] = book.units_.size();
                  if (u.kind == ActorUnitKind::kCountry && u.iso2.size() == 2 && !book.iso2_index_.count(u.iso2))
                    book.iso2_index_[u.iso2] = book.units_.size();
                  book.units_.push_back(std::move(u));
                  return Status::Ok();
                });
  if (!st.ok()) return st;

  const std::string intent_path = dir + "/intent.tsv";
  st = read_tsv(intent_path, {"code", "intent"}, [&](const std::vector<std::string_view>& f, size_t line_no) -> Status {
    std::string from(f[0]), to(f[1]);
    if (!book.find(from) || !book.find(to))
      return Status(ErrorCode::kData, fmt::format("{}:{}: unknown code", intent_path, line_no));
    const std::string& root = book.find(to)->root;
    if (root != "03" && root != "13")
      return Status(ErrorCode::kData, fmt::format("{}:{}: an intent must be in root 03 or 13", intent_path, line_no));
    book.intent_.emplace_back(std::move(from), std::move(to));
    return Status::Ok();
  });
  if (!st.ok()) return st;
  return book;
}

const CameoCode* Codebook::intent_for(std::string_view code) const {
  const std::string* best = nullptr;
  size_t best_len = 0;
  for (const auto& [prefix, intent] : intent_) {
    if (prefix.size() > best_len && code.substr(0, prefix.size()) == prefix) {
      best = &intent;
      best_len = prefix.size();
    }
  }
  return best ? find(*best) : nullptr;
}

const CameoCode* Codebook::find(std::string_view code) const {
  auto it = code_index_.find(std::string(code));
  return it == code_index_.end() ? nullptr : &codes_[it->second];
}

const ActorUnit* Codebook::unit_for_iso2(std::string_view iso2) const {
  auto it = iso2_index_.find(std::string(iso2));
  return it == iso2_index_.end() ? nullptr : &units_[it->second];
}

std::string_view Codebook::country_iso2(std::string_view actor_code) const {
  const ActorUnit* u = actor_code.size() >= 3 ? unit(actor_code.substr(0, 3)) : nullptr;
  return u && u->kind == ActorUnitKind::kCountry ? std::string_view(u->iso2) : std::string_view();
}

const ActorUnit* Codebook::unit(std::string_view code3) const {
  auto it = unit_index_.find(std::string(code3));
  return it == unit_index_.end() ? nullptr : &units_[it->second];
}

bool Codebook::valid_actor_code(std::string_view code) const {
  if (code.empty() || code.size() % 3 != 0) return false;
  for (size_t i = 0; i < code.size(); i += 3)
    if (!unit(code.substr(i, 3))) return false;
  return true;
}

}  // namespace kabar
