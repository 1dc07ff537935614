#include "party/life/plan.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>

#include "party/life/rules.hpp"

namespace qizhi::party::life {
namespace {

const Date kToday{2026, 11, 24};

PlanInput Valid() {
  return {std::string(kBranchAssembly), "2026-12-10", "14:30", "三楼会议室", "学习贯彻党的二十届四中全会精神", "陈建国", ""};
}

std::set<std::string> Fields(const Status& s) {
  std::set<std::string> out;
  if (!s.ok())
    for (const auto& e : s.errors()) out.insert(e.field);
  return out;
}

TEST(ValidatePlan, AFuturePlanWithItsFieldsIsValid) {
  EXPECT_TRUE(ValidatePlan(Valid(), kToday).ok());
  auto p = Valid();
  p.presenter = "";  // who chairs may be decided later
  p.note = "请各党小组提前收集意见";
  EXPECT_TRUE(ValidatePlan(p, kToday).ok());
}

TEST(ValidatePlan, TodayIsTheEarliestDay) {
  auto p = Valid();
  p.date = "2026-11-24";
  EXPECT_TRUE(ValidatePlan(p, kToday).ok());
  p.date = "2026-11-23";
  auto s = ValidatePlan(p, kToday);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.errors().front().field, "date");
  EXPECT_NE(s.errors().front().message.find("不能早于今天"), std::string::npos);
}

TEST(ValidatePlan, EveryMissingOrWrongFieldIsNamedAtOnce) {
  PlanInput p;
  EXPECT_EQ(Fields(ValidatePlan(p, kToday)), (std::set<std::string>{"type", "date", "start_time", "place", "topic"}));
  p = Valid();
  p.type = "picnic";
  p.date = "2026-02-30";
  p.start_time = "24:00";
  p.place = "　";  // the ideographic space is blank
  p.topic = std::string(101, 'x');
  p.presenter = std::string(21, 'x');
  p.note = std::string(501, 'x');
  EXPECT_EQ(Fields(ValidatePlan(p, kToday)),
            (std::set<std::string>{"type", "date", "start_time", "place", "topic", "presenter", "note"}));
}

TEST(ValidatePlan, ClockTimesAtTheirEdges) {
  for (const char* ok : {"00:00", "08:30", "23:59"}) EXPECT_TRUE(IsClockTime(ok)) << ok;
  for (const char* bad : {"24:00", "23:60", "8:30", "08:3", "08-30", "ab:cd", ""}) EXPECT_FALSE(IsClockTime(bad)) << bad;
}

TEST(PlanState, PlannedBeforeTodayIsOverdueHeldAndCancelledNever) {
  EXPECT_FALSE(PlanOverdue(kPlanPlanned, "2026-11-24", kToday));
  EXPECT_TRUE(PlanOverdue(kPlanPlanned, "2026-11-23", kToday));
  EXPECT_FALSE(PlanOverdue(kPlanHeld, "2026-11-01", kToday));
  EXPECT_FALSE(PlanOverdue(kPlanCancelled, "2026-11-01", kToday));
  EXPECT_EQ(PlanStateTitle(kPlanPlanned, "2026-12-01", kToday), "计划中");
  EXPECT_EQ(PlanStateTitle(kPlanPlanned, "2026-11-01", kToday), "逾期未召开");
  EXPECT_EQ(PlanStateTitle(kPlanHeld, "2026-11-01", kToday), "已召开");
  EXPECT_EQ(PlanStateTitle(kPlanCancelled, "2026-12-01", kToday), "已取消");
}

TEST(CheckHolding, SameUnitAndTypeWhilePlanned) {
  const PlanFacts plan{7, std::string(kBranchAssembly), std::string(kPlanPlanned)};
  EXPECT_TRUE(CheckHolding(plan, 7, kBranchAssembly).ok());
  auto other = CheckHolding(plan, 8, kThemeDay);
  ASSERT_FALSE(other.ok());
  EXPECT_EQ(other.errors().size(), 2u);
  for (const auto& e : other.errors()) {
    EXPECT_EQ(e.field, "plan_id");
    EXPECT_EQ(e.code, ErrorCode::kInvalid);
  }
  EXPECT_NE(other.errors()[1].message.find("支部党员大会"), std::string::npos);
}

TEST(CheckHolding, HeldOrCancelledIsAConflict) {
  for (auto state : {kPlanHeld, kPlanCancelled}) {
    auto s = CheckHolding({7, std::string(kBranchAssembly), std::string(state)}, 7, kBranchAssembly);
    ASSERT_FALSE(s.ok());
    EXPECT_EQ(s.error().code, ErrorCode::kConflict);
    EXPECT_EQ(s.error().field, "plan_id");
  }
}

}  // namespace
}  // namespace qizhi::party::life
