// Member points: caps per cycle and per year at their boundaries (the event that reaches the
// cap, the one after it, rollover at month, quarter and year ends), once-only rules, versions in
// force by date, ranking ties, manual entries and who may decide them.
#include "party/points/rules.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace qizhi::party::points {
namespace {

PointRule Rule(std::string_view action, int64_t points, const char* cycle, int64_t cycle_cap, int64_t year_cap,
               const char* from = "2000-01-01", int64_t id = 1) {
  PointRule r;
  r.id = id;
  r.action = std::string(action);
  r.name = "规则" + std::to_string(id);
  r.points = points;
  r.cycle = cycle;
  r.cycle_cap = cycle_cap;
  r.year_cap = year_cap;
  r.effective_from = from;
  return r;
}

PointEvent Ev(const char* date, std::string_view action = kMeetingAttend, int64_t member = 7, int64_t source_id = 0,
              std::optional<int64_t> points = std::nullopt) {
  static int64_t next = 1000;
  return {member, std::string(action), date, "meeting", source_id ? source_id : ++next, "", points};
}

std::vector<int64_t> Points(const std::vector<AwardedEvent>& a) {
  std::vector<int64_t> out;
  for (const auto& e : a) out.push_back(e.points);
  return out;
}

struct CapCase {
  const char* name;
  PointRule rule;
  std::vector<const char*> dates;
  std::vector<int64_t> expected;
};

class CapTest : public ::testing::TestWithParam<CapCase> {};

TEST_P(CapTest, AwardsUpToTheCapsInDateOrder) {
  const auto& c = GetParam();
  std::vector<PointEvent> events;
  for (const char* d : c.dates) events.push_back(Ev(d));
  EXPECT_EQ(Points(Award(events, {c.rule})), c.expected) << c.name;
}

INSTANTIATE_TEST_SUITE_P(
    Points, CapTest,
    ::testing::Values(
        // Month cap 10 at 2 a meeting: the 5th meeting reaches it exactly, the 6th gets nothing.
        CapCase{"month_cap_reached_exactly",
                Rule(kMeetingAttend, 2, "month", 10, 0),
                {"2026-03-01", "2026-03-05", "2026-03-10", "2026-03-15", "2026-03-20", "2026-03-31"},
                {2, 2, 2, 2, 2, 0}},
        // A cap that is not a multiple: the event that crosses it gets the remainder.
        CapCase{"month_cap_remainder", Rule(kMeetingAttend, 3, "month", 7, 0), {"2026-03-01", "2026-03-02", "2026-03-03"}, {3, 3, 1}},
        // Rollover: 31 March is the old month, 1 April a new one.
        CapCase{"month_rollover",
                Rule(kMeetingAttend, 5, "month", 5, 0),
                {"2026-03-31", "2026-03-31", "2026-04-01"},
                {5, 0, 5}},
        // Quarter: 30 September is Q3, 1 October Q4.
        CapCase{"quarter_rollover",
                Rule(kMeetingAttend, 4, "quarter", 8, 0),
                {"2026-07-01", "2026-09-30", "2026-09-30", "2026-10-01"},
                {4, 4, 0, 4}},
        // Day cap: the same day twice, the next day again.
        CapCase{"day_cap", Rule(kMeetingAttend, 2, "day", 2, 0), {"2026-05-04", "2026-05-04", "2026-05-05"}, {2, 0, 2}},
        // Year cap under a month cap: the year's cap cuts across months, and resets on 1 January.
        CapCase{"year_cap_across_months",
                Rule(kMeetingAttend, 2, "month", 4, 6),
                {"2026-01-10", "2026-01-20", "2026-02-10", "2026-03-10", "2026-12-31", "2027-01-01"},
                {2, 2, 2, 0, 0, 2}},
        // Year cycle: 31 December and 1 January are different cycles.
        CapCase{"year_cycle_rollover", Rule(kMeetingAttend, 3, "year", 3, 3), {"2025-12-31", "2026-01-01", "2026-06-01"}, {3, 3, 0}},
        // No caps at all: every event counts.
        CapCase{"uncapped", Rule(kMeetingAttend, 1, "month", 0, 0), {"2026-01-01", "2026-01-01", "2026-01-01"}, {1, 1, 1}},
        // Once: the first event ever, not again — not even next year.
        CapCase{"once_only", Rule(kMeetingAttend, 10, "once", 0, 0), {"2025-06-01", "2026-06-01", "2026-07-01"}, {10, 0, 0}}),
    [](const ::testing::TestParamInfo<CapCase>& info) { return std::string(info.param.name); });

TEST(PointsAward, ReasonSaysWhichCapAndWhatCounted) {
  auto a = Award({Ev("2026-03-01"), Ev("2026-03-02"), Ev("2026-03-03")}, {Rule(kMeetingAttend, 3, "month", 7, 0)});
  EXPECT_EQ(a[0].reason, "");
  EXPECT_EQ(a[2].base, 3);
  EXPECT_EQ(a[2].reason, "本月上限 7 分，本次计 1 分");
  a = Award({Ev("2026-03-01"), Ev("2026-03-02")}, {Rule(kMeetingAttend, 3, "month", 3, 0)});
  EXPECT_EQ(a[1].reason, "本月已达上限 3 分");
  a = Award({Ev("2026-01-01"), Ev("2026-02-01")}, {Rule(kMeetingAttend, 5, "month", 5, 5)});
  EXPECT_EQ(a[1].reason, "本年已达上限 5 分");
  a = Award({Ev("2025-06-01"), Ev("2026-06-01")}, {Rule(kMeetingAttend, 5, "once", 0, 0)});
  EXPECT_EQ(a[1].reason, "此事项仅计一次，已于 2025-06-01 计分");
}

TEST(PointsAward, DeductionsAreNegativeAndCappedByMagnitude) {
  auto a = Award({Ev("2026-03-01", kMeetingAbsent), Ev("2026-03-02", kMeetingAbsent), Ev("2026-03-03", kMeetingAbsent)},
                 {Rule(kMeetingAbsent, 3, "month", 6, 0)});
  EXPECT_EQ(Points(a), (std::vector<int64_t>{-3, -3, 0}));
  EXPECT_EQ(a[2].base, -3);
}

TEST(PointsAward, ManualEntriesCountTheirOwnPointsUnderTheCaps) {
  auto a = Award({Ev("2026-02-01", kManualBonus, 7, 1, 15), Ev("2026-05-01", kManualBonus, 7, 2, 10)},
                 {Rule(kManualBonus, 5, "year", 20, 20)});
  EXPECT_EQ(Points(a), (std::vector<int64_t>{15, 5}));
}

TEST(PointsAward, EachMemberHasTheirOwnCaps) {
  auto a = Award({Ev("2026-03-01", kMeetingAttend, 1), Ev("2026-03-01", kMeetingAttend, 2), Ev("2026-03-02", kMeetingAttend, 1)},
                 {Rule(kMeetingAttend, 2, "month", 2, 0)});
  // Judged by member, then date.
  ASSERT_EQ(a.size(), 3u);
  EXPECT_EQ(a[0].event.member_id, 1);
  EXPECT_EQ(Points(a), (std::vector<int64_t>{2, 0, 2}));
}

TEST(PointsAward, EventsAreJudgedInDateOrderWhateverTheInputOrder) {
  auto a = Award({Ev("2026-03-20"), Ev("2026-03-01")}, {Rule(kMeetingAttend, 2, "month", 2, 0)});
  EXPECT_EQ(a[0].event.date, "2026-03-01");
  EXPECT_EQ(Points(a), (std::vector<int64_t>{2, 0}));
}

TEST(PointsAward, TheVersionInForceOnTheDateJudgesIt) {
  const std::vector<PointRule> rules = {Rule(kMeetingAttend, 2, "month", 10, 0, "2000-01-01", 1),
                                        Rule(kMeetingAttend, 3, "month", 10, 0, "2026-04-01", 2)};
  auto a = Award({Ev("2026-03-31"), Ev("2026-04-01")}, rules);
  EXPECT_EQ(Points(a), (std::vector<int64_t>{2, 3}));
  EXPECT_EQ(a[1].rule_id, 2);
  // The month's usage carries across versions: 4 + 3 + 3 reach the cap of 10.
  a = Award({Ev("2026-04-01"), Ev("2026-04-02"), Ev("2026-04-03"), Ev("2026-04-04")},
            {Rule(kMeetingAttend, 4, "month", 10, 0, "2000-01-01", 1), Rule(kMeetingAttend, 3, "month", 10, 0, "2026-04-02", 2)});
  EXPECT_EQ(Points(a), (std::vector<int64_t>{4, 3, 3, 0}));
}

TEST(PointsAward, NoRuleOrDisabledRuleAwardsNothingAndSaysWhy) {
  auto a = Award({Ev("2026-03-01")}, {Rule(kMeetingAttend, 2, "month", 10, 0, "2026-04-01")});
  EXPECT_EQ(a[0].points, 0);
  EXPECT_EQ(a[0].reason, "该日期无适用的积分规则");
  auto off = Rule(kMeetingAttend, 2, "month", 10, 0);
  off.enabled = false;
  a = Award({Ev("2026-03-01")}, {off});
  EXPECT_EQ(a[0].points, 0);
  EXPECT_EQ(a[0].base, 2);
  EXPECT_EQ(a[0].reason, "该积分规则已停用");
}

TEST(PointsRules, RuleInForceIsTheLatestVersionOnOrBeforeTheDate) {
  const std::vector<PointRule> v = {Rule(kLecture, 5, "year", 0, 0, "2000-01-01", 1), Rule(kLecture, 6, "year", 0, 0, "2026-07-01", 2)};
  EXPECT_EQ(RuleInForce(v, kLecture, "2026-06-30")->id, 1);
  EXPECT_EQ(RuleInForce(v, kLecture, "2026-07-01")->id, 2);
  EXPECT_EQ(RuleInForce(v, kLecture, "1999-12-31"), nullptr);
  EXPECT_EQ(RuleInForce(v, kMeetingAttend, "2026-07-01"), nullptr);
}

TEST(PointsRules, CycleKeys) {
  EXPECT_EQ(CycleKey("day", {2026, 3, 5}), "2026-03-05");
  EXPECT_EQ(CycleKey("month", {2026, 3, 5}), "2026-03");
  EXPECT_EQ(CycleKey("quarter", {2026, 3, 31}), "2026-Q1");
  EXPECT_EQ(CycleKey("quarter", {2026, 4, 1}), "2026-Q2");
  EXPECT_EQ(CycleKey("quarter", {2026, 12, 31}), "2026-Q4");
  EXPECT_EQ(CycleKey("year", {2026, 12, 31}), "2026");
  EXPECT_EQ(CycleKey("once", {2026, 12, 31}), "");
}

TEST(PointsRules, ValidateRuleNamesEveryBadField) {
  EXPECT_TRUE(ValidateRule(Rule(kMeetingAttend, 2, "month", 10, 60, "2026-05-01"), "2026-04-10", "2000-01-01").ok());
  PointRule bad = Rule("tea", -1, "week", -1, 20000, "2026-13-01");
  bad.name = "";
  auto r = ValidateRule(bad, "2026-04-10", "");
  ASSERT_FALSE(r.ok());
  std::vector<std::string> fields;
  for (const auto& e : r.errors()) fields.push_back(e.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"action", "name", "points", "cycle", "cycle_cap", "year_cap", "effective_from"}));
  // The year cap under the cycle cap; a cycle cap under one event's points.
  r = ValidateRule(Rule(kMeetingAttend, 2, "month", 10, 5, "2026-05-01"), "2026-04-10", "");
  EXPECT_EQ(r.error().field, "year_cap");
  r = ValidateRule(Rule(kMeetingAttend, 5, "month", 4, 0, "2026-05-01"), "2026-04-10", "");
  EXPECT_EQ(r.error().field, "cycle_cap");
  // Past years are closed; a version must come after the latest one.
  r = ValidateRule(Rule(kMeetingAttend, 2, "month", 10, 0, "2025-12-31"), "2026-04-10", "");
  EXPECT_EQ(r.error().message, "生效日期不能早于今年1月1日（往年积分已结算）");
  EXPECT_TRUE(ValidateRule(Rule(kMeetingAttend, 2, "month", 10, 0, "2026-01-01"), "2026-04-10", "2000-01-01").ok());
  r = ValidateRule(Rule(kMeetingAttend, 2, "month", 10, 0, "2026-05-01"), "2026-04-10", "2026-05-01");
  EXPECT_EQ(r.error().field, "effective_from");
  // Manual actions need a default of at least 1.
  r = ValidateRule(Rule(kManualBonus, 0, "year", 20, 20, "2026-05-01"), "2026-04-10", "");
  EXPECT_EQ(r.error().field, "points");
}

TEST(PointsRules, DefaultRulesAreValidAndCoverEveryAction) {
  const auto rules = DefaultRules();
  EXPECT_EQ(rules.size(), Actions().size());
  for (const auto& r : rules) {
    EXPECT_TRUE(ValidateRule(r, "2000-01-01", "").ok()) << r.action;
    EXPECT_NE(FindAction(r.action), nullptr);
  }
}

TEST(PointsRank, TiesShareARankAndTheNextRankSkips) {
  auto r = Rank({{1, 10, 0}, {2, 30, 0}, {3, 10, 0}, {4, 20, 0}, {5, 30, 0}, {6, 0, 0}});
  std::vector<std::pair<int64_t, int>> got;
  for (const auto& t : r) got.push_back({t.member_id, t.rank});
  EXPECT_EQ(got, (std::vector<std::pair<int64_t, int>>{{2, 1}, {5, 1}, {4, 3}, {1, 4}, {3, 4}, {6, 6}}));
  EXPECT_TRUE(Rank({}).empty());
}

TEST(PointsEntries, ValidateEntry) {
  EXPECT_TRUE(ValidateEntry({std::string(kManualBonus), 5, "2026-04-10", "参加义诊"}, "2026-04-10").ok());
  auto r = ValidateEntry({std::string(kMeetingAttend), 0, "2026-04-11", "x"}, "2026-04-10");
  ASSERT_FALSE(r.ok());
  std::vector<std::string> fields;
  for (const auto& e : r.errors()) fields.push_back(e.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"action", "points", "occurred_on", "reason"}));
  EXPECT_EQ(ValidateEntry({std::string(kManualDeduct), 101, "2026-04-10", "理由"}, "2026-04-10").error().field, "points");
  EXPECT_EQ(ValidateEntry({std::string(kManualDeduct), 5, "2025-12-31", "理由"}, "2026-04-10").error().message,
            "只能录入本年度的加扣分（往年积分已结算）");
}

TEST(PointsEntries, TheProposerNeverDecidesAndADecisionIsFinal) {
  EXPECT_TRUE(CanDecide(3, 4, "pending").ok());
  EXPECT_EQ(CanDecide(3, 3, "pending").error().code, ErrorCode::kForbidden);
  EXPECT_EQ(CanDecide(3, 4, "approved").error().code, ErrorCode::kConflict);
  EXPECT_EQ(CanDecide(3, 4, "rejected").error().code, ErrorCode::kConflict);
}

TEST(PointsYear, ParseYear) {
  EXPECT_EQ(ParseYear("", "2026-04-10").value(), 2026);
  EXPECT_EQ(ParseYear("2024", "2026-04-10").value(), 2024);
  EXPECT_EQ(ParseYear("2027", "2026-04-10").error().field, "year");
  EXPECT_EQ(ParseYear("1999", "2026-04-10").error().field, "year");
  EXPECT_EQ(ParseYear("20x6", "2026-04-10").error().field, "year");
}

}  // namespace
}  // namespace qizhi::party::points
