#include <gtest/gtest.h>

#include "kabar/date.h"

namespace kabar {
namespace {

TEST(DateTest, ParsesIsoAndRejectsImpossibleDates) {
  struct Case { const char* text; bool ok; int y, m, d; } cases[] = {
      {"2022-11-09", true, 2022, 11, 9},
      {"2024-02-29", true, 2024, 2, 29},
      {"2023-02-29", false, 0, 0, 0},
      {"2022-13-01", false, 0, 0, 0},
      {"2022-11-09T10:00:00Z", true, 2022, 11, 9},
      {"2022/11/09", false, 0, 0, 0},
      {"20221109", false, 0, 0, 0},
      {"", false, 0, 0, 0},
  };
  for (const auto& c : cases) {
    auto d = Date::parse_iso(c.text);
    EXPECT_EQ(d.has_value(), c.ok) << c.text;
    if (d && c.ok) {
      EXPECT_EQ(*d, (Date{c.y, c.m, c.d})) << c.text;
    }
  }
}

TEST(DateTest, ParsesTheLooseFormsFeedsUse) {
  struct Case { const char* text; const char* iso; } cases[] = {
      {"26-FEB-1987 15:01:01.79", "1987-02-26"},
      {"Tue, 04 Mar 2025 10:00:00 +0700", "2025-03-04"},
      {"4 March 2025", "2025-03-04"},
      {"March 4, 2025", "2025-03-04"},
      {"2025/03/04", "2025-03-04"},
      {"04/03/2025", "2025-03-04"},
      // Day first unless that is impossible: 21 cannot be a month.
      {"10/21/2025 20:43", "2025-10-21"},
      {"21/10/2025", "2025-10-21"},
      {"13/13/2025", ""},
      {"2022-11-09T10:00:00Z", "2022-11-09"},
      {"yesterday", ""},
      {"31-FEB-2020", ""},
  };
  for (const auto& c : cases) {
    auto d = Date::parse_loose(c.text);
    EXPECT_EQ(d ? d->to_string() : "", c.iso) << c.text;
  }
}

TEST(DateTest, DayArithmeticRoundTripsAndKnowsWeekdays) {
  struct Case { Date date; int weekday; } cases[] = {
      {{1970, 1, 1}, 3},    // Thursday
      {{2022, 11, 9}, 2},   // Rabu (Wednesday)
      {{2000, 2, 29}, 1},   // Tuesday
      {{2024, 12, 31}, 1},  // Tuesday
  };
  for (const auto& c : cases) {
    EXPECT_EQ(Date::from_days(c.date.to_days()), c.date);
    EXPECT_EQ(c.date.weekday(), c.weekday) << c.date.to_string();
  }
  EXPECT_EQ((Date{2022, 3, 1}).plus_days(-1), (Date{2022, 2, 28}));
  EXPECT_EQ((Date{2022, 11, 9}).sqldate(), 20221109);
}

TEST(DateTest, RangesContainAndOverlap) {
  DateRange patrushev{Date{2008, 5, 12}, Date{2024, 5, 12}};
  EXPECT_TRUE(patrushev.contains({2022, 11, 9}));
  EXPECT_FALSE(patrushev.contains({2024, 5, 13}));
  DateRange open_end{Date{2024, 5, 14}, std::nullopt};
  EXPECT_FALSE(patrushev.overlaps(open_end));
  EXPECT_TRUE(open_end.overlaps(DateRange{}));
  EXPECT_EQ(patrushev.to_string(), "2008-05-12..2024-05-12");
}

}  // namespace
}  // namespace kabar
