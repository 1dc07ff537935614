#include "health/outreach/pairing_rules.hpp"

#include <gtest/gtest.h>

namespace qizhi::health::outreach {
namespace {

Date D(int y, int m, int d) { return Date{y, m, d}; }

// 张三 paired 2024-01-15 to 2025-03-01, 李四 since.
const std::vector<PairingSpan> kHistory = {
    {1, 100, "张三", "2024-01-15", "2025-03-01"},
    {2, 200, "李四", "2025-03-01", ""},
};

TEST(PairingRules, AHouseholdWithoutACurrentPairingIsPaired) {
  auto p = PlanPairing(100, D(2026, 1, 1), {}, "");
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p.value().end_id, 0);
  std::vector<PairingSpan> ended = {kHistory[0]};
  EXPECT_EQ(PlanPairing(100, D(2025, 3, 1), ended, "").value().end_id, 0) << "pairing again the same member after an end";
}

TEST(PairingRules, TheSameMemberAgainIsA409) {
  auto r = PlanPairing(200, D(2026, 1, 1), kHistory, "调整");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kConflict);
  EXPECT_EQ(r.error().field, "member_id");
}

TEST(PairingRules, RepairingNeedsAReasonAndEndsTheCurrentOne) {
  auto none = PlanPairing(300, D(2026, 1, 1), kHistory, "  ");
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.error().code, ErrorCode::kConflict);
  EXPECT_EQ(none.error().field, "end_reason");
  EXPECT_NE(none.error().message.find("李四"), std::string::npos) << none.error().message;
  auto ok = PlanPairing(300, D(2026, 1, 1), kHistory, "结对党员退休");
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(ok.value().end_id, 2);
  auto long_reason = PlanPairing(300, D(2026, 1, 1), kHistory, std::string(201 * 3, 'a').substr(0, 201));
  ASSERT_FALSE(long_reason.ok());
  EXPECT_EQ(long_reason.error().field, "end_reason");
}

TEST(PairingRules, RepairingCannotStartBeforeTheCurrentOneOrOverlapAFixedEnd) {
  auto early = PlanPairing(300, D(2025, 2, 28), kHistory, "调整");
  ASSERT_FALSE(early.ok());
  EXPECT_EQ(early.error().field, "from_on");
  std::vector<PairingSpan> ending = {{3, 200, "李四", "2025-03-01", "2026-06-01"}};
  auto overlap = PlanPairing(300, D(2026, 1, 1), ending, "调整");
  ASSERT_FALSE(overlap.ok());
  EXPECT_EQ(overlap.error().code, ErrorCode::kConflict);
  EXPECT_TRUE(PlanPairing(300, D(2026, 6, 1), ending, "").ok());
}

TEST(PairingRules, EndingNeedsADateNotBeforeTheStartAndAReason) {
  const PairingSpan current = kHistory[1];
  EXPECT_TRUE(CheckPairingEnd(current, "2025-03-01", "脱贫稳定").ok());
  auto before = CheckPairingEnd(current, "2025-02-28", "脱贫稳定");
  ASSERT_FALSE(before.ok());
  EXPECT_EQ(before.error().field, "to_on");
  auto both = CheckPairingEnd(current, "", "");
  ASSERT_FALSE(both.ok());
  EXPECT_EQ(both.errors().size(), 2u) << "date and reason reported at once";
  auto twice = CheckPairingEnd(kHistory[0], "2026-01-01", "x");
  ASSERT_FALSE(twice.ok());
  EXPECT_EQ(twice.error().code, ErrorCode::kConflict);
}

}  // namespace
}  // namespace qizhi::health::outreach
