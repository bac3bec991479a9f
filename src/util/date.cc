#include "kabar/date.h"

#include <cctype>
#include <cstdio>
#include <string>
#include <vector>

namespace kabar {

// days_from_civil / civil_from_days: Howard Hinnant's algorithms, exact for the
// proleptic Gregorian calendar over the whole int range we use.
int64_t Date::to_days() const {
  int y = year - (month <= 2);
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned mp = static_cast<unsigned>(month + (month > 2 ? -3 : 9));
  const unsigned doy = (153 * mp + 2) / 5 + static_cast<unsigned>(day) - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

Date Date::from_days(int64_t z) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t y = static_cast<int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return Date{static_cast<int>(y + (m <= 2)), static_cast<int>(m), static_cast<int>(d)};
}

int Date::weekday() const {
  // 1970-01-01 was a Thursday (3 when Monday is 0).
  int64_t w = (to_days() + 3) % 7;
  return static_cast<int>(w < 0 ? w + 7 : w);
}

std::string Date::to_string() const {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
  return buf;
}

bool Date::valid(int y, int m, int d) {
  if (y < 1000 || y > 9999 || m < 1 || m > 12 || d < 1) return false;
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  int max = kDays[m - 1] + (m == 2 && leap ? 1 : 0);
  return d <= max;
}

std::optional<Date> Date::parse_iso(std::string_view t) {
  if (t.size() < 10 || t[4] != '-' || t[7] != '-') return std::nullopt;
  auto num = [&](size_t pos, size_t len, int& out) {
    out = 0;
    for (size_t i = pos; i < pos + len; ++i) {
      if (t[i] < '0' || t[i] > '9') return false;
      out = out * 10 + (t[i] - '0');
    }
    return true;
  };
  int y, m, d;
  if (!num(0, 4, y) || !num(5, 2, m) || !num(8, 2, d)) return std::nullopt;
  if (t.size() > 10 && t[10] != 'T' && t[10] != ' ') return std::nullopt;
  if (!valid(y, m, d)) return std::nullopt;
  return Date{y, m, d};
}

std::string DateRange::to_string() const {
  return (from ? from->to_string() : std::string()) + ".." + (to ? to->to_string() : std::string());
}

}  // namespace kabar

namespace kabar {

std::optional<Date> Date::parse_loose(std::string_view t) {
  if (auto iso = parse_iso(t)) return iso;
  // Split into alphanumeric runs; read numbers and month names.
  std::vector<std::string> parts;
  std::string cur;
  for (char c : t) {
    if (std::isalnum(static_cast<unsigned char>(c))) {
      cur += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    } else if (!cur.empty()) {
      parts.push_back(cur);
      cur.clear();
    }
    if (c == ':' && !parts.empty()) break;  // the time of day begins; dates come before it
  }
  if (!cur.empty()) parts.push_back(cur);
  static const char* kMonths[] = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};
  int year = 0, month = 0, day = 0;
  std::vector<int> numbers;
  for (const auto& p : parts) {
    if (std::isdigit(static_cast<unsigned char>(p[0]))) {
      bool all = true;
      for (char c : p) all = all && std::isdigit(static_cast<unsigned char>(c));
      if (all && p.size() <= 4) numbers.push_back(std::stoi(p));
      continue;
    }
    for (int m = 0; m < 12; ++m)
      if (p.size() >= 3 && p.compare(0, 3, kMonths[m]) == 0 && !month) month = m + 1;
  }
  for (int n : numbers)
    if (n >= 1000) year = n;
  if (!year) return std::nullopt;
  std::vector<int> small;
  for (int n : numbers)
    if (n < 1000) small.push_back(n);
  if (month) {
    if (small.empty()) return std::nullopt;
    day = small[0];
  } else {
    if (small.size() < 2) return std::nullopt;
    // YYYY/MM/DD when the year comes first, else day first (DD/MM/YYYY).
    if (numbers.front() >= 1000) { month = small[0]; day = small[1]; }
    else { day = small[0]; month = small[1]; }
    // "10/21/2025": a month of 21 can only mean the month came first (US order).
    if (month > 12 && day <= 12) std::swap(day, month);
  }
  if (!valid(year, month, day)) return std::nullopt;
  return Date{year, month, day};
}

}  // namespace kabar
