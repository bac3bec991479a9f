// Time expressions.
//
// Recognised shapes (month and weekday names come from words/ as month.N and
// weekday.N, so a new language adds names, not code):
//   9/11/2022   (day/month/year; in English month/day/year unless day > 12)
//   9 November 2022   24 Februari   November 9, 2022   March 4
//   kemarin / yesterday / hari ini   (relative.day.N)
//   Rabu / Tuesday   (a weekday: the latest such day on or before the anchor)
// A weekday directly followed by an explicit date ("Rabu, (9/11/2022)") is
// part of that date, not a separate expression.
#include <charconv>

#include "kabar/annotate.h"
#include "util/strings.h"

namespace kabar {

using namespace std::string_view_literals;  // "x"sv: compared by length first, no strlen
namespace {

std::optional<int> word_arg(const LanguageLexicon& lex, WordClass cls, const std::vector<Token>& tokens,
                            uint32_t i, uint32_t end, size_t& len) {
  auto id_at = lex.id_at(tokens);
  const WordEntry* w = lex.word_phrase(i, end, id_at, cls, len);
  return w ? std::optional<int>(w->arg) : std::nullopt;
}

std::optional<int> small_number(const Token& t, int lo, int hi) {
  if (t.kind != TokenKind::kNumber) return std::nullopt;
  int v = 0;
  auto r = std::from_chars(t.norm.data(), t.norm.data() + t.norm.size(), v);
  if (r.ec != std::errc() || r.ptr != t.norm.data() + t.norm.size() || v < lo || v > hi) return std::nullopt;
  return v;
}

// "9/11/2022" → day, month, year (order depends on language).
bool slashed_date(const Token& t, bool day_first, int& d, int& m, int& y) {
  if (t.kind != TokenKind::kNumber) return false;
  int parts[3];
  size_t pos = 0;
  for (int k = 0; k < 3; ++k) {
    size_t slash = t.norm.find('/', pos);
    std::string_view piece = std::string_view(t.norm).substr(pos, (k < 2 ? slash : t.norm.size()) - pos);
    if (k < 2 && slash == std::string::npos) return false;
    auto r = std::from_chars(piece.data(), piece.data() + piece.size(), parts[k]);
    if (r.ec != std::errc() || r.ptr != piece.data() + piece.size()) return false;
    pos = slash + 1;
  }
  if (t.norm.find('/', pos) != std::string::npos && pos < t.norm.size()) { /* handled by parse */ }
  d = day_first ? parts[0] : parts[1];
  m = day_first ? parts[1] : parts[0];
  y = parts[2];
  if (!day_first && m > 12 && d <= 12) std::swap(d, m);
  if (y < 100) y += 2000;
  return Date::valid(y, m, d);
}

}  // namespace

std::optional<Date> resolve_time(const TimeMention& t, const Date& anchor) {
  if (t.date) return t.date;
  if (t.relative) return anchor.plus_days(t.day_offset);
  if (t.weekday >= 0) {
    int back = (anchor.weekday() - t.weekday + 7) % 7;
    return anchor.plus_days(-back);
  }
  if (t.month && t.day) {
    int y = anchor.year;
    if (!Date::valid(y, t.month, t.day)) return std::nullopt;
    Date d{y, t.month, t.day};
    // News speaks of the past: "24 Februari" in a November story is this
    // February; "28 Desember" in a January story is last December.
    if (d.to_days() > anchor.to_days() + 7 && Date::valid(y - 1, t.month, t.day)) d = Date{y - 1, t.month, t.day};
    return d;
  }
  return std::nullopt;
}

std::vector<TimeMention> find_times(std::string_view, const std::vector<Token>& tokens, uint32_t first,
                                    uint32_t end, const LanguageLexicon& lex, const std::optional<Date>& anchor) {
  std::vector<TimeMention> out;
  const bool day_first = lex.lang() != "en"sv;
  auto emit = [&](uint32_t b, uint32_t e, TimeMention t) {
    t.first_token = b;
    t.end_token = e;
    t.span = {tokens[b].span.begin, tokens[e - 1].span.end};
    if (!t.date && anchor) t.date = resolve_time(t, *anchor);
    out.push_back(t);
  };
  const uint64_t kTimeClasses = (uint64_t{1} << static_cast<unsigned>(WordClass::kMonth)) |
                                (uint64_t{1} << static_cast<unsigned>(WordClass::kRelativeDay)) |
                                (uint64_t{1} << static_cast<unsigned>(WordClass::kWeekday));
  for (uint32_t i = first; i < end; ++i) {
    size_t len = 0;
    int d, m, y;
    // Most tokens are neither numbers nor the first word of a month, weekday
    // or relative-day phrase: one hash look-up says so.
    if (tokens[i].kind == TokenKind::kWord && !(lex.phrase_start_classes(tokens[i]) & kTimeClasses)) continue;
    if (slashed_date(tokens[i], day_first, d, m, y)) {
      TimeMention t;
      t.date = Date{y, m, d};
      t.has_year = true;
      emit(i, i + 1, t);
      continue;
    }
    // 9 November [2022]
    if (auto day = small_number(tokens[i], 1, 31); day && i + 1 < end) {
      if (auto month = word_arg(lex, WordClass::kMonth, tokens, i + 1, end, len)) {
        uint32_t stop = static_cast<uint32_t>(i + 1 + len);
        TimeMention t;
        t.month = *month;
        t.day = *day;
        if (stop < end) {
          if (auto year = small_number(tokens[stop], 1900, 2100)) {
            if (Date::valid(*year, *month, *day)) { t.date = Date{*year, *month, *day}; t.has_year = true; }
            ++stop;
          }
        }
        emit(i, stop, t);
        i = stop - 1;
        continue;
      }
    }
    // November 9[, 2022]
    if (auto month = word_arg(lex, WordClass::kMonth, tokens, i, end, len)) {
      uint32_t k = static_cast<uint32_t>(i + len);
      if (k < end) {
        if (auto day = small_number(tokens[k], 1, 31)) {
          uint32_t stop = k + 1;
          TimeMention t;
          t.month = *month;
          t.day = *day;
          uint32_t y_at = stop < end && tokens[stop].norm == ","sv ? stop + 1 : stop;
          if (y_at < end) {
            if (auto year = small_number(tokens[y_at], 1900, 2100)) {
              if (Date::valid(*year, *month, *day)) { t.date = Date{*year, *month, *day}; t.has_year = true; }
              stop = y_at + 1;
            }
          }
          emit(i, stop, t);
          i = stop - 1;
          continue;
        }
      }
      continue;  // a month alone ("Oktober") is too coarse for an event date
    }
    if (auto offset = word_arg(lex, WordClass::kRelativeDay, tokens, i, end, len)) {
      TimeMention t;
      t.relative = true;
      t.day_offset = *offset;
      emit(i, static_cast<uint32_t>(i + len), t);
      i += static_cast<uint32_t>(len) - 1;
      continue;
    }
    if (auto wd = word_arg(lex, WordClass::kWeekday, tokens, i, end, len)) {
      // Part of an explicit date right after it?
      bool explicit_follows = false;
      for (uint32_t k = i + 1; k < end && k <= i + 4; ++k) {
        int a, b, c;
        if (slashed_date(tokens[k], day_first, a, b, c) || small_number(tokens[k], 1, 31)) { explicit_follows = true; break; }
        size_t l2;
        if (word_arg(lex, WordClass::kMonth, tokens, k, end, l2)) { explicit_follows = true; break; }
      }
      if (explicit_follows) continue;
      TimeMention t;
      t.weekday = *wd - 1;
      emit(i, static_cast<uint32_t>(i + len), t);
      i += static_cast<uint32_t>(len) - 1;
    }
  }
  return out;
}

}  // namespace kabar
