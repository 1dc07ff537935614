#include "health/outreach/coverage.hpp"

#include <gtest/gtest.h>

namespace qizhi::health::outreach {
namespace {

Date D(int y, int m, int d) { return Date{y, m, d}; }
const Date kStart = D(2026, 11, 1);
const Date kAsOf = D(2026, 11, 30);

VisitLine Seen(int64_t id) { return {id, true, ""}; }
VisitLine Away(int64_t id, const char* why) { return {id, false, why}; }
VisitLine Missed(int64_t id) { return {id, false, ""}; }

TEST(Coverage, EveryMemberSeenIsCovered) {
  CoverageHousehold h{1, {{11, {}, {}}, {12, {}, {}}}, {{D(2026, 11, 5), {Seen(11), Seen(12)}}}};
  auto c = JudgeHousehold(h, kStart, kAsOf);
  EXPECT_TRUE(c.counted);
  EXPECT_TRUE(c.visited);
  EXPECT_TRUE(c.covered);
  EXPECT_EQ(c.seen, 2);
  EXPECT_EQ(c.last_visit, D(2026, 11, 5));
}

TEST(Coverage, AMemberAwayWithARecordedReasonStillCovers) {
  CoverageHousehold h{1, {{11, {}, {}}, {12, {}, {}}}, {{D(2026, 11, 5), {Seen(11), Away(12, "外出务工")}}}};
  auto c = JudgeHousehold(h, kStart, kAsOf);
  EXPECT_TRUE(c.covered);
  EXPECT_EQ(c.with_reason, 1);
  EXPECT_EQ(c.persons[1].state, PersonState::kReason);
  EXPECT_EQ(c.persons[1].reason, "外出务工");
}

TEST(Coverage, AMemberNotSeenWithoutAReasonLeavesTheHouseholdUncovered) {
  CoverageHousehold h{1, {{11, {}, {}}, {12, {}, {}}}, {{D(2026, 11, 5), {Seen(11), Missed(12)}}}};
  auto c = JudgeHousehold(h, kStart, kAsOf);
  EXPECT_TRUE(c.visited);
  EXPECT_FALSE(c.covered);
  EXPECT_EQ(c.not_seen, 1);
  // Not on the visit's list at all is the same as not seen.
  CoverageHousehold h2{2, {{21, {}, {}}, {22, {}, {}}}, {{D(2026, 11, 5), {Seen(21)}}}};
  EXPECT_FALSE(JudgeHousehold(h2, kStart, kAsOf).covered);
}

TEST(Coverage, AMemberWhoMovedOutMidPeriodNoLongerCounts) {
  // 12 moved out on 11-20, never seen: the household is covered by seeing 11.
  CoverageHousehold h{1, {{11, {}, {}}, {12, {}, D(2026, 11, 20)}}, {{D(2026, 11, 5), {Seen(11)}}}};
  auto c = JudgeHousehold(h, kStart, kAsOf);
  EXPECT_TRUE(c.covered);
  ASSERT_EQ(c.persons.size(), 1u);
  // Judged on 11-19 (the period still running), 12 still belonged and was not seen.
  EXPECT_FALSE(JudgeHousehold(h, kStart, D(2026, 11, 19)).covered);
  // Left on the judging day itself: no longer a member that day.
  EXPECT_TRUE(JudgeHousehold(h, kStart, D(2026, 11, 20)).covered);
}

TEST(Coverage, ANewbornAfterTheVisitMustStillBeSeen) {
  CoverageHousehold h{1, {{11, {}, {}}, {13, D(2026, 11, 18), {}}}, {{D(2026, 11, 5), {Seen(11)}}}};
  EXPECT_TRUE(JudgeHousehold(h, kStart, D(2026, 11, 17)).covered);  // not yet born
  auto c = JudgeHousehold(h, kStart, kAsOf);
  EXPECT_FALSE(c.covered);
  EXPECT_EQ(c.not_seen, 1);
  EXPECT_EQ(c.persons.back().person_id, 13);
  h.visits.push_back({D(2026, 11, 25), {Seen(13)}});
  EXPECT_TRUE(JudgeHousehold(h, kStart, kAsOf).covered);
}

TEST(Coverage, OnceSeenAReasonLaterDoesNotUndoIt) {
  CoverageHousehold h{1, {{11, {}, {}}}, {{D(2026, 11, 20), {Away(11, "住院")}}, {D(2026, 11, 3), {Seen(11)}}}};
  auto c = JudgeHousehold(h, kStart, kAsOf);
  EXPECT_EQ(c.persons[0].state, PersonState::kSeen);
  EXPECT_EQ(c.last_visit, D(2026, 11, 20));
  // Two reasons: the latest is shown.
  CoverageHousehold h2{2, {{21, {}, {}}}, {{D(2026, 11, 3), {Away(21, "外出务工")}}, {D(2026, 11, 20), {Away(21, "住院")}}}};
  EXPECT_EQ(JudgeHousehold(h2, kStart, kAsOf).persons[0].reason, "住院");
}

TEST(Coverage, VisitsOutsideThePeriodDoNotCount) {
  CoverageHousehold h{1, {{11, {}, {}}}, {{D(2026, 10, 31), {Seen(11)}}, {D(2026, 12, 1), {Seen(11)}}}};
  auto c = JudgeHousehold(h, kStart, kAsOf);
  EXPECT_FALSE(c.visited);
  EXPECT_FALSE(c.covered);
  EXPECT_FALSE(c.last_visit.has_value());
  // A visit dated after the judging day (recorded ahead by mistake) is not counted either.
  EXPECT_FALSE(JudgeHousehold(h, kStart, D(2026, 11, 15)).visited);
}

TEST(Coverage, AHouseholdWithNobodyLeftIsNotCounted) {
  CoverageHousehold h{1, {{11, {}, D(2026, 11, 2)}}, {}};
  auto c = JudgeHousehold(h, kStart, kAsOf);
  EXPECT_FALSE(c.counted);
  EXPECT_FALSE(c.covered);
  CoverageTotals t;
  Add(t, c);
  EXPECT_EQ(t.households, 0);
  EXPECT_FALSE(t.CoveredPerMille().has_value());
}

TEST(Coverage, TotalsAndRatesInPerMille) {
  CoverageTotals t;
  Add(t, JudgeHousehold({1, {{11, {}, {}}, {12, {}, {}}}, {{D(2026, 11, 5), {Seen(11), Away(12, "外出务工")}}}}, kStart, kAsOf));
  Add(t, JudgeHousehold({2, {{21, {}, {}}}, {{D(2026, 11, 6), {Missed(21)}}}}, kStart, kAsOf));
  Add(t, JudgeHousehold({3, {{31, {}, {}}}, {}}, kStart, kAsOf));
  EXPECT_EQ(t.households, 3);
  EXPECT_EQ(t.visited, 2);
  EXPECT_EQ(t.covered, 1);
  EXPECT_EQ(t.persons, 4);
  EXPECT_EQ(t.seen, 1);
  EXPECT_EQ(t.with_reason, 1);
  EXPECT_EQ(t.not_seen, 2);
  EXPECT_EQ(t.VisitedPerMille(), 667);  // 2/3
  EXPECT_EQ(t.CoveredPerMille(), 333);
  EXPECT_EQ(t.AccountedPerMille(), 500);
}

}  // namespace
}  // namespace qizhi::health::outreach
