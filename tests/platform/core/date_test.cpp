#include "platform/core/date.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace qizhi {
namespace {

Date D(std::string_view s) {
  const auto d = ParseDate(s);
  EXPECT_TRUE(d.has_value()) << s;
  return d.value_or(Date{});
}

TEST(DateTest, ParsesRealDaysOnly) {
  const std::vector<std::pair<std::string, bool>> cases = {
      {"2024-02-29", true},   {"2023-02-29", false}, {"2000-02-29", true},  {"1900-02-29", false},
      {"2024-04-30", true},   {"2024-04-31", false}, {"2024-12-31", true},  {"2024-13-01", false},
      {"2024-00-10", false},  {"2024-01-00", false}, {"0001-01-01", true},  {"0000-01-01", false},
      {"9999-12-31", true},   {"2024-1-01", false},  {"2024/01/01", false}, {" 2024-01-01", false},
      {"2024-01-01 ", false}, {"", false},           {"20240101", false},   {"2024-01-0a", false},
      {"+024-01-01", false},
  };
  for (const auto& [text, ok] : cases) {
    SCOPED_TRACE(text);
    EXPECT_EQ(ParseDate(text).has_value(), ok);
  }
  EXPECT_EQ(ParseDate("2024-03-05"), (Date{2024, 3, 5}));
}

TEST(DateTest, FormatsWithZeroPadding) {
  EXPECT_EQ(FormatDate(Date{2024, 3, 5}), "2024-03-05");
  EXPECT_EQ(FormatDate(Date{1, 1, 1}), "0001-01-01");
  EXPECT_EQ(FormatDate(D("2021-07-01")), "2021-07-01");
}

struct ShiftCase {
  std::string from;
  int n;
  std::string to;
};

TEST(DateTest, AddMonthsClampsToMonthEnd) {
  const std::vector<ShiftCase> cases = {
      {"2024-01-31", 1, "2024-02-29"},   {"2023-01-31", 1, "2023-02-28"},
      {"2024-03-31", -1, "2024-02-29"},  {"2024-05-31", 1, "2024-06-30"},
      {"2024-11-15", 2, "2025-01-15"},   {"2024-01-15", -1, "2023-12-15"},
      {"2024-01-15", -13, "2022-12-15"}, {"2024-06-30", 0, "2024-06-30"},
      {"2027-03-15", -3, "2026-12-15"},  {"2024-05-31", -3, "2024-02-29"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.from + " + " + std::to_string(c.n));
    EXPECT_EQ(FormatDate(AddMonths(D(c.from), c.n)), c.to);
  }
}

TEST(DateTest, AddYearsClampsLeapDay) {
  const std::vector<ShiftCase> cases = {
      {"2024-02-29", 1, "2025-02-28"},   {"2024-02-29", 4, "2028-02-29"},
      {"2024-02-29", -1, "2023-02-28"},  {"2024-03-15", 3, "2027-03-15"},
      {"2000-02-29", 100, "2100-02-28"}, {"2020-07-01", -18, "2002-07-01"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.from + " + " + std::to_string(c.n) + "y");
    EXPECT_EQ(FormatDate(AddYears(D(c.from), c.n)), c.to);
  }
}

TEST(DateTest, AddDaysAndDaysBetween) {
  const std::vector<ShiftCase> cases = {
      {"2024-02-28", 1, "2024-02-29"},     {"2023-02-28", 1, "2023-03-01"},
      {"2024-12-31", 1, "2025-01-01"},     {"2025-01-01", -1, "2024-12-31"},
      {"1899-12-30", 45658, "2025-01-01"}, {"2024-03-01", -366, "2023-03-01"},
      {"1970-01-01", 0, "1970-01-01"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.from + " + " + std::to_string(c.n) + "d");
    EXPECT_EQ(FormatDate(AddDays(D(c.from), c.n)), c.to);
    EXPECT_EQ(DaysBetween(D(c.from), D(c.to)), c.n);
    EXPECT_EQ(DaysBetween(D(c.to), D(c.from)), -c.n);
  }
}

struct AgeCase {
  std::string birth;
  std::string on;
  int age;
};

TEST(DateTest, AgeOnCountsFullYears) {
  const std::vector<AgeCase> cases = {
      {"2000-07-01", "2018-06-30", 17},
      {"2000-07-01", "2018-07-01", 18},
      {"2000-07-01", "2018-07-02", 18},
      {"2000-07-01", "2000-07-01", 0},
      {"1990-12-31", "2025-01-01", 34},
      {"1990-01-01", "2024-12-31", 34},
      // A 29 February birthday counts on 1 March in common years.
      {"2004-02-29", "2022-02-28", 17},
      {"2004-02-29", "2022-03-01", 18},
      {"2004-02-29", "2024-02-28", 19},
      {"2004-02-29", "2024-02-29", 20},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.birth + " on " + c.on);
    EXPECT_EQ(AgeOn(D(c.birth), D(c.on)), c.age);
  }
}

TEST(DateTest, ComparesChronologically) {
  EXPECT_LT(D("2024-02-29"), D("2024-03-01"));
  EXPECT_LT(D("2023-12-31"), D("2024-01-01"));
  EXPECT_EQ(D("2024-01-01"), (Date{2024, 1, 1}));
}

}  // namespace
}  // namespace qizhi
