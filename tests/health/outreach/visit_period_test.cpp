#include "health/outreach/visit_period.hpp"

#include <gtest/gtest.h>

namespace qizhi::health::outreach {
namespace {

Date D(int y, int m, int d) { return Date{y, m, d}; }

TEST(VisitPeriod, MonthsIncludingALeapFebruary) {
  auto p = ParseVisitPeriod({"month", "2024-02", "", "", ""});
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p.value().start, D(2024, 2, 1));
  EXPECT_EQ(p.value().end, D(2024, 2, 29));
  EXPECT_EQ(p.value().title, "2024年2月");
  EXPECT_EQ(ParseVisitPeriod({"month", "2026-11", "", "", ""}).value().end, D(2026, 11, 30));
  for (const char* bad : {"2026-13", "2026-1", "2026/11", "", "26-11-01", "2026-00"}) {
    auto r = ParseVisitPeriod({"month", bad, "", "", ""});
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.error().field, "period") << bad;
  }
}

TEST(VisitPeriod, CalendarQuarters) {
  auto q4 = ParseVisitPeriod({"quarter", "2026-Q4", "", "", ""});
  ASSERT_TRUE(q4.ok());
  EXPECT_EQ(q4.value().start, D(2026, 10, 1));
  EXPECT_EQ(q4.value().end, D(2026, 12, 31));
  EXPECT_EQ(q4.value().title, "2026年第四季度");
  EXPECT_EQ(ParseVisitPeriod({"quarter", "2026-Q1", "", "", ""}).value().end, D(2026, 3, 31));
  for (const char* bad : {"2026-Q5", "2026-Q0", "2026Q4", "2026-q4", ""})
    EXPECT_FALSE(ParseVisitPeriod({"quarter", bad, "", "", ""}).ok()) << bad;
}

TEST(VisitPeriod, CampaignsWithTheirOwnDates) {
  auto c = ParseVisitPeriod({"campaign", "", "2026-01-10", "2026-02-08", " 春节前走访 "});
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c.value().title, "春节前走访");
  EXPECT_EQ(c.value().key, "2026-01-10..2026-02-08");
  // One day, and exactly a year (2024 is a leap year: 366 days) are allowed; a day more is not.
  EXPECT_TRUE(ParseVisitPeriod({"campaign", "", "2026-03-01", "2026-03-01", "义诊"}).ok());
  EXPECT_TRUE(ParseVisitPeriod({"campaign", "", "2024-01-01", "2024-12-31", "全年"}).ok());
  auto long_one = ParseVisitPeriod({"campaign", "", "2024-01-01", "2025-01-01", "全年"});
  ASSERT_FALSE(long_one.ok());
  EXPECT_EQ(long_one.error().field, "to");
  auto all = ParseVisitPeriod({"campaign", "", "", "2026-02-30", ""});
  ASSERT_FALSE(all.ok());
  EXPECT_EQ(all.errors().size(), 3u);  // from, to, title
  auto backwards = ParseVisitPeriod({"campaign", "", "2026-02-08", "2026-01-10", "x"});
  ASSERT_FALSE(backwards.ok());
  EXPECT_EQ(backwards.error().field, "to");
}

TEST(VisitPeriod, UnknownKindIsNamed) {
  auto r = ParseVisitPeriod({"week", "2026-W47", "", "", ""});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().field, "period_kind");
}

TEST(VisitPeriod, JudgedOnTodayWhileRunningItsEndAfterwards) {
  const auto p = ParseVisitPeriod({"month", "2026-11", "", "", ""}).value();
  EXPECT_FALSE(JudgedOn(p, D(2026, 10, 31)).has_value());
  EXPECT_EQ(JudgedOn(p, D(2026, 11, 1)), D(2026, 11, 1));
  EXPECT_EQ(JudgedOn(p, D(2026, 11, 24)), D(2026, 11, 24));
  EXPECT_EQ(JudgedOn(p, D(2027, 1, 5)), D(2026, 11, 30));
}

}  // namespace
}  // namespace qizhi::health::outreach
