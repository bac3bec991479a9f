// kabar/date.h — calendar dates (proleptic Gregorian, no time zone).
//
// Event dates in CAMEO/GDELT data are days; kabar keeps them as a Date value and
// converts to a day number for arithmetic ("kemarin", "last Tuesday").
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace kabar {

struct Date {
  int year = 0;
  int month = 0;  // 1..12
  int day = 0;    // 1..31

  // Days since 1970-01-01 (negative before).
  int64_t to_days() const;
  static Date from_days(int64_t days);
  // 0 = Monday … 6 = Sunday.
  int weekday() const;
  Date plus_days(int64_t n) const { return from_days(to_days() + n); }
  // "2022-11-09"
  std::string to_string() const;
  // "20221109" as GDELT's SQLDATE.
  int sqldate() const { return year * 10000 + month * 100 + day; }

  static bool valid(int y, int m, int d);
  // Parses YYYY-MM-DD (and YYYY-MM-DDThh:mm… by ignoring the time part).
  static std::optional<Date> parse_iso(std::string_view text);
  // Also the forms feeds and archives use: "26-FEB-1987 15:01:01.79",
  // "Tue, 04 Mar 2025 10:00:00 +0700", "4 March 2025", "March 4, 2025",
  // "2025/03/04", "04/03/2025" (day first). English month names only.
  static std::optional<Date> parse_loose(std::string_view text);

  friend bool operator==(const Date&, const Date&) = default;
  friend auto operator<=>(const Date&, const Date&) = default;
};

// A closed range of dates; either end may be open. Used for dated offices.
struct DateRange {
  std::optional<Date> from;
  std::optional<Date> to;
  bool contains(const Date& d) const {
    return (!from || *from <= d) && (!to || d <= *to);
  }
  bool overlaps(const DateRange& o) const {
    bool a_before_b = to && o.from && *to < *o.from;
    bool b_before_a = o.to && from && *o.to < *from;
    return !a_before_b && !b_before_a;
  }
  bool unbounded() const { return !from && !to; }
  friend bool operator==(const DateRange&, const DateRange&) = default;
  std::string to_string() const;
};

}  // namespace kabar
