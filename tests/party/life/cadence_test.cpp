#include "party/life/cadence.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include <string>
#include <vector>

namespace qizhi::party::life {
namespace {

Date D(std::string_view text) { return ParseDate(text).value(); }

LifeUnit Unit(int64_t id, std::string kind, std::string path, bool committee = true) {
  LifeUnit u;
  u.tenant_id = 3;
  u.id = id;
  u.name = "单位" + std::to_string(id);
  u.kind = std::move(kind);
  u.path = std::move(path);
  u.created_on = "2012-07-01";
  u.has_committee = committee;
  return u;
}

// A branch that holds every default meeting of the periods ending before `today`.
std::vector<LifeMeeting> OnCadence(int64_t unit, const std::string& path, const Date& today) {
  std::vector<LifeMeeting> out;
  for (Date m{today.year - 1, 1, 1}; m <= today; m = AddMonths(m, 1)) {
    const auto day = [&](int d) { return FormatDate(Date{m.year, m.month, d}); };
    out.push_back({unit, path, std::string(kThemeDay), day(10), ""});
    out.push_back({unit, path, std::string(kBranchCommittee), day(5), ""});
    if (m.month % 3 == 2) out.push_back({unit, path, std::string(kBranchAssembly), day(20), ""});
    if (m.month % 3 == 0) out.push_back({unit, path, std::string(kPartyLecture), day(25), m.month == 6 ? "支部书记" : "其他"});
    if (m.month == 12) {
      out.push_back({unit, path, std::string(kLifeMeeting), day(10), ""});
      out.push_back({unit, path, std::string(kMemberReview), day(16), ""});
      out.push_back({unit, path, std::string(kHeartTalk), day(3), ""});
    }
  }
  return out;
}

const std::vector<CadenceRule>& Defaults(int64_t) { return DefaultCadence(); }

TEST(LifeCadenceGroupingTest, LecturerLevelsAndPresenterRole) {
  EXPECT_EQ(LecturerLevels(), (std::vector<std::string>{"党委书记", "班子成员", "支部书记", "其他"}));
  EXPECT_EQ(PresenterRoleOf("党委书记"), "党委书记");
  EXPECT_EQ(PresenterRoleOf("支部书记"), "支部书记");
  EXPECT_EQ(PresenterRoleOf("班子成员"), "");
  EXPECT_EQ(PresenterRoleOf(""), "");
}

TEST(LifeCadenceGroupingTest, RangeStartsAtLastYear) {
  EXPECT_EQ(CadenceRangeStart(D("2026-11-24")), D("2025-01-01"));
  EXPECT_EQ(CadenceRangeStart(D("2026-01-01")), D("2025-01-01"));
}

TEST(LifeCadenceGroupingTest, MeetingsGoToTheUnitThatRecordedThem) {
  const std::vector<LifeUnit> units = {Unit(1, "committee", "/1/"), Unit(2, "branch", "/1/2/"),
                                       Unit(3, "group", "/1/2/3/")};
  const std::vector<LifeMeeting> meetings = {{2, "/1/2/", std::string(kThemeDay), "2026-10-10", ""},
                                             {3, "/1/2/3/", std::string(kGroupMeeting), "2026-10-08", ""},
                                             {99, "/9/", std::string(kThemeDay), "2026-10-10", ""}};
  const auto facts = FactsFor(units, meetings);
  ASSERT_EQ(facts.size(), 3u);
  EXPECT_TRUE(facts[0].meetings.empty());
  ASSERT_EQ(facts[1].meetings.size(), 1u);
  EXPECT_EQ(facts[1].meetings[0].type, kThemeDay);
  ASSERT_EQ(facts[2].meetings.size(), 1u);
  EXPECT_EQ(facts[2].kind, "group");
}

TEST(LifeCadenceGroupingTest, CommitteeSecretaryLectureBelowCountsForTheCommittee) {
  const std::vector<LifeUnit> units = {Unit(1, "committee", "/1/"), Unit(2, "branch", "/1/2/"),
                                       Unit(10, "committee", "/10/")};
  const std::vector<LifeMeeting> meetings = {{2, "/1/2/", std::string(kPartyLecture), "2025-06-25", "党委书记"},
                                             {2, "/1/2/", std::string(kPartyLecture), "2025-09-25", "支部书记"}};
  const auto facts = FactsFor(units, meetings);
  ASSERT_EQ(facts[0].meetings.size(), 1u);  // only the 党委书记's, and only below it
  EXPECT_EQ(facts[0].meetings[0].presenter_role, "党委书记");
  EXPECT_EQ(facts[1].meetings.size(), 2u);
  EXPECT_TRUE(facts[2].meetings.empty());  // "/10/" is not below "/1/" nor the other way round
  // The committee's yearly rule is met for 2025 by the lecture given in the branch.
  const auto overdue = OverdueUnits(units, meetings, Defaults, D("2026-03-01"));
  for (const auto& u : overdue) EXPECT_NE(u.unit->id, 1) << u.missing[0].message;
  EXPECT_TRUE(std::any_of(overdue.begin(), overdue.end(), [](const UnitOverdue& u) { return u.unit->id == 10; }));
}

TEST(LifeCadenceGroupingTest, OverdueUnitsListsOnlyUnitsShortOfARule) {
  const Date today = D("2026-11-24");
  std::vector<LifeUnit> units = {Unit(2, "branch", "/1/2/"), Unit(4, "branch", "/1/4/"),
                                 Unit(5, "general_branch", "/1/5/")};
  auto meetings = OnCadence(2, "/1/2/", today);
  auto other = OnCadence(4, "/1/4/", today);
  // Unit 4 held no 支部党员大会 in 2026 Q3 (the last ended quarter).
  std::erase_if(other, [](const LifeMeeting& m) { return m.type == kBranchAssembly && m.date == "2026-08-20"; });
  meetings.insert(meetings.end(), other.begin(), other.end());
  const auto overdue = OverdueUnits(units, meetings, Defaults, today);
  ASSERT_EQ(overdue.size(), 1u);
  EXPECT_EQ(overdue[0].unit->id, 4);
  ASSERT_EQ(overdue[0].missing.size(), 1u);
  EXPECT_EQ(overdue[0].missing[0].message, "2026年第三季度未召开支部党员大会");
  // The branch that met every rule still owes this month's 主题党日 only if not yet held: it was (10th).
  const auto due = DueUnits(units, meetings, Defaults, today);
  for (const auto& d : due)
    for (const auto& o : d.owed) EXPECT_NE(o.rule.meeting_type, kThemeDay) << o.message;
}

TEST(LifeCadenceGroupingTest, TenantRulesReplaceTheDefaults) {
  const Date today = D("2026-11-24");
  const std::vector<LifeUnit> units = {Unit(2, "branch", "/1/2/")};
  CadenceRule twice;
  twice.meeting_type = std::string(kThemeDay);
  twice.applies_to = "branch";
  twice.period = std::string(kMonth);
  twice.min_count = 2;
  const std::vector<CadenceRule> mine = {twice};
  const auto overdue = OverdueUnits(units, OnCadence(2, "/1/2/", today),
                                    [&](int64_t) -> const std::vector<CadenceRule>& { return mine; }, today);
  ASSERT_EQ(overdue.size(), 1u);
  ASSERT_EQ(overdue[0].missing.size(), 1u);
  EXPECT_EQ(overdue[0].missing[0].message, "2026年10月开展主题党日1次，应不少于2次");
}

TEST(LifeCadenceGroupingTest, UnitCreatedMidQuarterOwesNothingForIt) {
  const Date today = D("2026-11-24");
  LifeUnit u = Unit(2, "branch", "/1/2/", false);
  u.created_on = "2026-08-15";
  const auto overdue = OverdueUnits(std::vector<LifeUnit>{u}, {}, Defaults, today);
  ASSERT_EQ(overdue.size(), 1u);
  // Only October's 主题党日 is judged: Q3 started before the unit, and the year too.
  ASSERT_EQ(overdue[0].missing.size(), 1u);
  EXPECT_EQ(overdue[0].missing[0].rule.meeting_type, kThemeDay);
}

}  // namespace
}  // namespace qizhi::party::life
