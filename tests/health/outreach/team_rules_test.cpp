#include "health/outreach/team_rules.hpp"

#include <gtest/gtest.h>

namespace qizhi::health::outreach {
namespace {

Date D(int y, int m, int d) { return Date{y, m, d}; }

TEST(TeamRules, RolesAreTheFiveOfTheSchema) {
  for (const char* r : {"乡村医生", "公卫人员", "临床医生", "护理人员", "其他"}) EXPECT_TRUE(IsTeamRole(r)) << r;
  for (const char* r : {"院长", "", "医生", "乡村医生 "}) EXPECT_FALSE(IsTeamRole(r)) << r;
}

TEST(TeamRules, RequiredDateNamesTheField) {
  EXPECT_EQ(RequiredDate("2026-02-28", "from_on", "起始日期").value(), D(2026, 2, 28));
  for (const char* bad : {"", "2026-02-29", "2026/02/01", "26-2-1"}) {
    auto r = RequiredDate(bad, "from_on", "起始日期");
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.error().field, "from_on");
    EXPECT_EQ(r.error().code, ErrorCode::kInvalid);
  }
  EXPECT_TRUE(CheckEnd(D(2026, 1, 1), D(2026, 1, 1), "to_on", "起始日期").ok()) << "ending on the first day undoes a mistake";
  auto early = CheckEnd(D(2026, 1, 2), D(2026, 1, 1), "to_on", "起始日期");
  ASSERT_FALSE(early.ok());
  EXPECT_EQ(early.error().field, "to_on");
}

const std::vector<VillageHold> kHeldBySecond = {
    {11, 2, "第二帮扶队", "2025-01-01", "2025-06-01"},  // history: 第二 then 第三
    {12, 3, "第三帮扶队", "2025-06-01", ""},
};

TEST(TeamRules, AFreeVillageIsAssigned) {
  auto p = PlanAssignment(1, D(2026, 3, 1), {}, false);
  ASSERT_TRUE(p.ok());
  EXPECT_TRUE(p.value().end_rows.empty());
  // A village whose last row ended on or before the new first day is free.
  std::vector<VillageHold> ended = {{11, 2, "第二帮扶队", "2025-01-01", "2026-03-01"}};
  EXPECT_TRUE(PlanAssignment(1, D(2026, 3, 1), ended, false).ok());
}

TEST(TeamRules, AnotherTeamsVillageIsA409NamingItUnlessReassigned) {
  auto refused = PlanAssignment(1, D(2026, 3, 1), kHeldBySecond, false);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kConflict);
  EXPECT_EQ(refused.error().field, "village_code");
  EXPECT_NE(refused.error().message.find("第三帮扶队"), std::string::npos) << refused.error().message;
  // Reassigning ends the current holder's row on the new first day: it served up to the day
  // before; the ended history row is left alone.
  auto moved = PlanAssignment(1, D(2026, 3, 1), kHeldBySecond, true);
  ASSERT_TRUE(moved.ok());
  EXPECT_EQ(moved.value().end_rows, std::vector<int64_t>{12});
}

TEST(TeamRules, ReassignmentCannotBeginBeforeTheHolderDidNorOverlapAFixedEnd) {
  auto early = PlanAssignment(1, D(2025, 5, 31), kHeldBySecond, true);
  ASSERT_FALSE(early.ok());
  EXPECT_EQ(early.error().field, "from_on");
  // The same day the holder began is allowed (their row becomes empty: a correction).
  EXPECT_TRUE(PlanAssignment(1, D(2025, 6, 1), kHeldBySecond, true).ok());
  // A holder whose end is already fixed after the new first day: start from that end instead.
  std::vector<VillageHold> ending = {{13, 3, "第三帮扶队", "2025-06-01", "2026-07-01"}};
  auto overlap = PlanAssignment(1, D(2026, 3, 1), ending, true);
  ASSERT_FALSE(overlap.ok());
  EXPECT_EQ(overlap.error().code, ErrorCode::kConflict);
  EXPECT_EQ(overlap.error().field, "from_on");
  EXPECT_TRUE(PlanAssignment(1, D(2026, 7, 1), ending, false).ok());
}

TEST(TeamRules, TheTeamsOwnVillageIsA409) {
  std::vector<VillageHold> own = {{14, 1, "第一帮扶队", "2025-01-01", ""}};
  for (bool reassign : {false, true}) {
    auto r = PlanAssignment(1, D(2026, 3, 1), own, reassign);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, ErrorCode::kConflict);
  }
}

}  // namespace
}  // namespace qizhi::health::outreach
