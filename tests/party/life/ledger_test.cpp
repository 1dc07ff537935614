#include "party/life/ledger.hpp"

#include <gtest/gtest.h>

#include "party/life/calendar.hpp"

namespace qizhi::party::life {
namespace {

Date D(std::string_view text) { return ParseDate(text).value(); }

TEST(LedgerYear, FourDigitsFrom2000ToThisYear) {
  const Date today = D("2026-03-15");
  EXPECT_EQ(ParseLedgerYear("2026", today).value(), 2026);
  EXPECT_EQ(ParseLedgerYear("2000", today).value(), 2000);
  struct Case {
    const char* text;
    const char* message;
  };
  for (const Case c : {Case{"", "请选择年度"}, Case{"1999", "年度应在 2000 年至 2026 年之间"},
                       Case{"2027", "年度应在 2000 年至 2026 年之间"}, Case{"26", "年度格式应为 YYYY"},
                       Case{"2026a", "年度格式应为 YYYY"}, Case{"-202", "年度格式应为 YYYY"}}) {
    auto r = ParseLedgerYear(c.text, today);
    ASSERT_FALSE(r.ok()) << c.text;
    EXPECT_EQ(r.error().field, "year");
    EXPECT_EQ(r.error().message, c.message) << c.text;
  }
}

TEST(LedgerCells, CountsRateAndTypeTitle) {
  LedgerMeeting m{"2026-03-02", "14:30", "内科党支部", "branch_assembly", "学习党章", "陈建国", 3, 2};
  EXPECT_EQ(LedgerCells(1, m), (std::vector<std::string>{"1", "2026-03-02", "14:30", "内科党支部", "支部党员大会",
                                                         "学习党章", "陈建国", "3", "2", "1", "66.7%"}));
  EXPECT_EQ(LedgerCells(1, m).size(), LedgerHeaders().size());
  m.should = 0;
  m.came = 0;
  EXPECT_EQ(RateText(m), "—");
  EXPECT_EQ(Absent(m), 0);
  // came beyond should (an edited list) never makes a negative absence or a rate above 100%.
  m.should = 2;
  m.came = 5;
  EXPECT_EQ(Absent(m), 0);
  EXPECT_EQ(RateText(m), "100.0%");
}

TEST(LedgerTitles, AsTheCommitteeReadsThem) {
  EXPECT_EQ(LedgerTitle("内科党支部", 2026), "内科党支部三会一课台账（2026年）");
  EXPECT_EQ(CadenceTitle("内科党支部", 2026), "内科党支部组织生活开展情况（2026年）");
  CadenceRule r{std::string(kBranchAssembly), "branch", std::string(kQuarter), 1, "", 0, false};
  EXPECT_EQ(RuleTitle(r), "支部党员大会 每季度不少于1次");
  r = {std::string(kPartyLecture), "committee", std::string(kYear), 2, std::string(kCommitteeSecretary), 0, false};
  EXPECT_EQ(RuleTitle(r), "党课（党委书记主讲）每年不少于2次");
  EXPECT_EQ(PeriodStateTitle("met"), "已完成");
  EXPECT_EQ(PeriodStateTitle("open"), "进行中");
  EXPECT_EQ(PeriodStateTitle("missed"), "未完成");
  EXPECT_EQ(PeriodStateTitle("exempt"), "不考核（组织成立前）");
  const PeriodCount p{D("2026-01-01"), D("2026-03-31"), 0, 1, "missed"};
  r = {std::string(kBranchAssembly), "branch", std::string(kQuarter), 1, "", 0, false};
  EXPECT_EQ(CadenceCells("内科党支部", r, p),
            (std::vector<std::string>{"内科党支部", "支部党员大会 每季度不少于1次", "2026年第一季度", "1", "0", "未完成"}));
  EXPECT_EQ(CadenceCells("x", r, p).size(), CadenceHeaders().size());
}

TEST(CalendarRange, AtMost93DaysInclusive) {
  auto ok = ParseCalendarRange("2026-01-01", "2026-04-03");  // 93 days
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(ok.value().from, D("2026-01-01"));
  EXPECT_EQ(ok.value().to, D("2026-04-03"));
  EXPECT_TRUE(ParseCalendarRange("2026-03-01", "2026-03-01").ok());
  struct Case {
    const char *from, *to, *field, *message;
  };
  for (const Case c : {Case{"2026-01-01", "2026-04-04", "to", "日历一次最多查询 93 天"},
                       Case{"2026-03-02", "2026-03-01", "to", "结束日期不能早于开始日期"},
                       Case{"", "2026-03-01", "from", "请选择开始日期"},
                       Case{"2026-03-01", "", "to", "请选择结束日期"},
                       Case{"2026-02-30", "2026-03-01", "from", "日期格式应为 YYYY-MM-DD"},
                       Case{"2026-03-01", "20260302", "to", "日期格式应为 YYYY-MM-DD"}}) {
    auto r = ParseCalendarRange(c.from, c.to);
    ASSERT_FALSE(r.ok()) << c.from << " " << c.to;
    ASSERT_EQ(r.errors().size(), 1u);
    EXPECT_EQ(r.error().field, c.field);
    EXPECT_EQ(r.error().message, c.message);
  }
  EXPECT_EQ(ParseCalendarRange("", "").errors().size(), 2u);
}

TEST(CalendarDay, FixedDayElseDueBy) {
  Due d;
  d.period_start = D("2026-03-01");
  d.period_end = D("2026-03-31");
  EXPECT_EQ(CalendarDay(d), D("2026-03-31"));
  d.fixed_on = D("2026-03-15");
  EXPECT_EQ(CalendarDay(d), D("2026-03-15"));
}

}  // namespace
}  // namespace qizhi::party::life
