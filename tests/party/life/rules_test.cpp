#include "party/life/rules.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

namespace qizhi::party::life {
namespace {

Date D(std::string_view text) {
  const auto d = ParseDate(text);
  EXPECT_TRUE(d.has_value()) << text;
  return d.value_or(Date{});
}

CadenceRule Rule(std::string_view type, std::string applies_to, std::string_view period, int min_count = 1,
                 std::string presenter_role = "") {
  CadenceRule r;
  r.meeting_type = std::string(type);
  r.applies_to = std::move(applies_to);
  r.period = std::string(period);
  r.min_count = min_count;
  r.presenter_role = std::move(presenter_role);
  return r;
}

UnitLifeFacts Facts(std::string kind, std::string created_on, std::vector<HeldMeeting> meetings = {}) {
  UnitLifeFacts f;
  f.kind = std::move(kind);
  f.created_on = std::move(created_on);
  f.meetings = std::move(meetings);
  return f;
}

// Meetings of one type on the given dates.
std::vector<HeldMeeting> Held(std::string_view type, const std::vector<std::string>& dates,
                              const std::string& presenter_role = "") {
  std::vector<HeldMeeting> out;
  for (const auto& d : dates) out.push_back({std::string(type), d, presenter_role});
  return out;
}

// The periods (start dates) a unit is overdue on for one rule.
std::vector<std::string> OverdueStarts(const UnitLifeFacts& facts, const CadenceRule& rule,
                                       const Date& today) {
  std::vector<std::string> out;
  for (const auto& o : OverdueRules(facts, {rule}, today)) {
    EXPECT_FALSE(o.message.empty());
    EXPECT_EQ(o.rule.meeting_type, rule.meeting_type);
    out.push_back(FormatDate(o.period_start));
  }
  return out;
}

std::vector<std::string> Fields(const Status& s) {
  std::vector<std::string> out;
  if (s.ok()) return out;
  for (const auto& e : s.errors()) out.push_back(e.field);
  return out;
}

std::string Messages(const Status& s) {
  std::string out;
  if (s.ok()) return out;
  for (const auto& e : s.errors()) out += e.field + ": " + e.message + "\n";
  return out;
}

TEST(LifeRulesTest, Catalogue) {
  ASSERT_EQ(MeetingTypes().size(), 10u);
  EXPECT_EQ(MeetingTypeTitle(kBranchAssembly), "支部党员大会");
  EXPECT_EQ(MeetingTypeTitle(kBranchCommittee), "支委会");
  EXPECT_EQ(MeetingTypeTitle(kGroupMeeting), "党小组会");
  EXPECT_EQ(MeetingTypeTitle(kPartyLecture), "党课");
  EXPECT_EQ(MeetingTypeTitle(kThemeDay), "主题党日");
  EXPECT_EQ(MeetingTypeTitle(kLifeMeeting), "组织生活会");
  EXPECT_EQ(MeetingTypeTitle(kMemberReview), "民主评议党员");
  EXPECT_EQ(MeetingTypeTitle(kStudy), "集中学习");
  EXPECT_EQ(MeetingTypeTitle(kCentralGroupStudy), "党委理论学习中心组学习");
  EXPECT_EQ(MeetingTypeTitle(kHeartTalk), "谈心谈话");
  EXPECT_EQ(MeetingTypeTitle("party"), "party");
  EXPECT_TRUE(IsMeetingType("theme_day"));
  EXPECT_FALSE(IsMeetingType("Theme_day"));
  EXPECT_FALSE(IsMeetingType(""));
  EXPECT_EQ(AbsenceReasons(), (std::vector<std::string>{"病假", "事假", "公假", "其他"}));
}

struct PeriodCase {
  std::string date;
  std::string period;
  std::string start;  // empty: unknown period
  std::string end;
  std::string title;
};

TEST(LifeRulesTest, PeriodOfBoundaries) {
  const std::vector<PeriodCase> cases = {
      {"2026-03-31", "quarter", "2026-01-01", "2026-03-31", "2026年第一季度"},
      {"2026-04-01", "quarter", "2026-04-01", "2026-06-30", "2026年第二季度"},
      {"2026-09-30", "quarter", "2026-07-01", "2026-09-30", "2026年第三季度"},
      {"2026-10-01", "quarter", "2026-10-01", "2026-12-31", "2026年第四季度"},
      {"2026-12-31", "quarter", "2026-10-01", "2026-12-31", "2026年第四季度"},
      {"2026-01-01", "month", "2026-01-01", "2026-01-31", "2026年1月"},
      {"2026-02-15", "month", "2026-02-01", "2026-02-28", "2026年2月"},
      {"2024-02-29", "month", "2024-02-01", "2024-02-29", "2024年2月"},
      {"2026-12-31", "month", "2026-12-01", "2026-12-31", "2026年12月"},
      {"2026-07-15", "year", "2026-01-01", "2026-12-31", "2026年"},
      {"2026-07-15", "week", "", "", ""},
      {"2026-07-15", "", "", "", ""},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.date + " " + c.period);
    const auto p = PeriodOf(D(c.date), c.period);
    if (c.start.empty()) {
      EXPECT_FALSE(p.has_value());
      continue;
    }
    ASSERT_TRUE(p.has_value());
    EXPECT_EQ(FormatDate(p->start), c.start);
    EXPECT_EQ(FormatDate(p->end), c.end);
    EXPECT_EQ(PeriodTitle(*p, c.period), c.title);
  }
}

TEST(LifeRulesTest, DefaultCadenceIsValidData) {
  const auto& rules = DefaultCadence();
  ASSERT_EQ(rules.size(), 10u);
  for (const auto& r : rules) {
    const Status s = ValidateCadenceRule(r);
    EXPECT_TRUE(s.ok()) << r.meeting_type << " " << r.applies_to << "\n" << Messages(s);
    EXPECT_EQ(r.min_count, 1);
  }
  const auto find = [&rules](std::string_view type, std::string_view kind, std::string_view role = "") {
    for (const auto& r : rules) {
      if (r.meeting_type == type && r.applies_to == kind && r.presenter_role == role) return r.period;
    }
    return std::string("none");
  };
  EXPECT_EQ(find(kBranchAssembly, "branch"), "quarter");
  EXPECT_EQ(find(kBranchCommittee, "branch"), "month");
  EXPECT_EQ(find(kGroupMeeting, "group"), "month");
  EXPECT_EQ(find(kPartyLecture, "branch"), "quarter");
  EXPECT_EQ(find(kPartyLecture, "committee", kCommitteeSecretary), "year");
  EXPECT_EQ(find(kPartyLecture, "branch", kBranchSecretary), "year");
  EXPECT_EQ(find(kThemeDay, "branch"), "month");
  EXPECT_EQ(find(kLifeMeeting, "branch"), "year");
  EXPECT_EQ(find(kMemberReview, "branch"), "year");
  EXPECT_EQ(find(kHeartTalk, "branch"), "year");
  EXPECT_EQ(find(kStudy, "branch"), "none");
}

struct RuleCase {
  std::string name;
  CadenceRule rule;
  std::vector<std::string> fields;
};

TEST(LifeRulesTest, ValidateCadenceRule) {
  const CadenceRule ok = Rule(kBranchAssembly, "branch", kQuarter);
  const auto with = [&ok](auto change) {
    CadenceRule r = ok;
    change(r);
    return r;
  };
  const std::vector<RuleCase> cases = {
      {"valid", ok, {}},
      {"type", with([](CadenceRule& r) { r.meeting_type = "party"; }), {"meeting_type"}},
      {"kind", with([](CadenceRule& r) { r.applies_to = "team"; }), {"applies_to"}},
      {"period", with([](CadenceRule& r) { r.period = "week"; }), {"period"}},
      {"count0", with([](CadenceRule& r) { r.min_count = 0; }), {"min_count"}},
      {"count100", with([](CadenceRule& r) { r.min_count = 100; }), {"min_count"}},
      {"count99", with([](CadenceRule& r) { r.min_count = 99; }), {}},
      {"role", with([](CadenceRule& r) { r.presenter_role = "院长"; }), {"presenter_role"}},
      {"role ok", with([](CadenceRule& r) { r.presenter_role = "支部书记"; }), {}},
      {"day32", with([](CadenceRule& r) { r.fixed_day = 32; }), {"fixed_day"}},
      {"day-1", with([](CadenceRule& r) { r.fixed_day = -1; }), {"fixed_day"}},
      {"day31", with([](CadenceRule& r) { r.fixed_day = 31; }), {}},
      {"all", CadenceRule{}, {"meeting_type", "applies_to", "period"}},
  };
  for (const auto& c : cases) {
    const Status s = ValidateCadenceRule(c.rule);
    EXPECT_EQ(Fields(s), c.fields) << c.name << "\n" << Messages(s);
  }
}

struct OverdueCase {
  std::string name;
  std::string created_on;
  std::vector<std::string> meetings;
  std::string today;
  std::vector<std::string> overdue;  // period starts
};

void RunOverdue(const CadenceRule& rule, std::string kind, const std::vector<OverdueCase>& cases) {
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    const UnitLifeFacts facts = Facts(kind, c.created_on, Held(rule.meeting_type, c.meetings));
    EXPECT_EQ(OverdueStarts(facts, rule, D(c.today)), c.overdue);
  }
}

TEST(LifeCadenceTest, QuarterBoundary) {
  RunOverdue(
      Rule(kBranchAssembly, "branch", kQuarter), "branch",
      {
          {"03-31 counts for Q1", "2025-01-01", {"2026-03-31"}, "2026-04-01", {}},
          {"03-31 does not count for Q2", "2025-01-01", {"2026-03-31"}, "2026-07-01", {"2026-04-01"}},
          {"04-01 counts for Q2, not Q1", "2025-01-01", {"2026-04-01"}, "2026-04-02", {"2026-01-01"}},
          {"04-01 fills Q2", "2025-01-01", {"2026-04-01"}, "2026-07-01", {}},
          {"Q2 still open on 06-30", "2025-01-01", {"2026-03-31"}, "2026-06-30", {}},
          {"Q4 of last year judged on 01-01", "2025-01-01", {"2025-09-30"}, "2026-01-01", {"2025-10-01"}},
          {"12-31 counts for Q4", "2025-01-01", {"2025-12-31"}, "2026-01-01", {}},
          {"only the last ended period", "2025-01-01", {"2026-05-10"}, "2026-07-01", {}},
      });
}

TEST(LifeCadenceTest, UnitCreatedMidQuarter) {
  RunOverdue(
      Rule(kBranchAssembly, "branch", kQuarter), "branch",
      {
          {"partial Q1 not judged", "2026-02-15", {}, "2026-04-01", {}},
          {"Q2 open on 06-30", "2026-02-15", {}, "2026-06-30", {}},
          {"Q2 overdue on 07-01", "2026-02-15", {}, "2026-07-01", {"2026-04-01"}},
          {"Q2 held", "2026-02-15", {"2026-06-30"}, "2026-07-01", {}},
          {"created on the quarter's first day: judged", "2026-04-01", {}, "2026-07-01", {"2026-04-01"}},
          {"created on the quarter's second day: not", "2026-04-02", {}, "2026-07-01", {}},
          {"before creation", "2026-08-01", {}, "2026-07-01", {}},
          {"no creation date: judged", "", {}, "2026-04-01", {"2026-01-01"}},
          {"invalid creation date: judged", "2026-02-30", {}, "2026-04-01", {"2026-01-01"}},
      });

  // The messages and the Due of the first full quarter.
  const UnitLifeFacts facts = Facts("branch", "2026-02-15");
  const std::vector<CadenceRule> rules = {Rule(kBranchAssembly, "branch", kQuarter)};
  const auto overdue = OverdueRules(facts, rules, D("2026-07-01"));
  ASSERT_EQ(overdue.size(), 1u);
  EXPECT_EQ(overdue[0].message, "2026年第二季度未召开支部党员大会");
  EXPECT_EQ(FormatDate(overdue[0].period_end), "2026-06-30");
  EXPECT_EQ(overdue[0].held, 0);
  EXPECT_EQ(overdue[0].required, 1);

  EXPECT_TRUE(DueRules(facts, rules, D("2026-03-01")).empty()) << "partial Q1 is not due either";
  const auto due = DueRules(facts, rules, D("2026-05-20"));
  ASSERT_EQ(due.size(), 1u);
  EXPECT_EQ(FormatDate(due[0].period_start), "2026-04-01");
  EXPECT_EQ(FormatDate(due[0].period_end), "2026-06-30");
  EXPECT_FALSE(due[0].fixed_on.has_value());
  EXPECT_EQ(due[0].message, "2026年第二季度尚需召开支部党员大会1次，截止6月30日");
}

TEST(LifeCadenceTest, MonthRulesAcrossYearEnd) {
  RunOverdue(Rule(kGroupMeeting, "group", kMonth), "group",
             {
                 {"12-31 counts for December", "2025-06-01", {"2026-12-31"}, "2027-01-05", {}},
                 {"01-01 does not", "2025-06-01", {"2027-01-01"}, "2027-01-05", {"2026-12-01"}},
                 {"January open", "2025-06-01", {"2026-12-31"}, "2027-01-31", {}},
                 {"January overdue on 02-01", "2025-06-01", {"2026-12-31"}, "2027-02-01", {"2027-01-01"}},
                 {"created 12-01", "2026-12-01", {}, "2027-01-01", {"2026-12-01"}},
                 {"created 12-02", "2026-12-02", {}, "2027-01-01", {}},
             });
  const UnitLifeFacts facts = Facts("group", "2025-06-01");
  const auto o = OverdueRules(facts, {Rule(kGroupMeeting, "group", kMonth)}, D("2027-01-05"));
  ASSERT_EQ(o.size(), 1u);
  EXPECT_EQ(o[0].message, "2026年12月未召开党小组会");
}

TEST(LifeCadenceTest, YearlyRules) {
  RunOverdue(Rule(kLifeMeeting, "branch", kYear), "branch",
             {
                 {"2025 held", "2020-01-01", {"2025-12-20"}, "2026-01-01", {}},
                 {"2025 missing", "2020-01-01", {"2024-12-20"}, "2026-01-01", {"2025-01-01"}},
                 {"2026 open all year", "2020-01-01", {"2025-12-20"}, "2026-12-31", {}},
                 {"2026 missing on 2027-01-01", "2020-01-01", {"2025-12-20"}, "2027-01-01", {"2026-01-01"}},
                 {"created mid-year: 2026 not judged", "2026-02-15", {}, "2027-01-01", {}},
                 {"first full year judged", "2026-02-15", {}, "2028-01-01", {"2027-01-01"}},
             });
  const UnitLifeFacts facts = Facts("branch", "2020-01-01");
  const auto o = OverdueRules(facts, {Rule(kMemberReview, "branch", kYear)}, D("2027-03-01"));
  ASSERT_EQ(o.size(), 1u);
  EXPECT_EQ(o[0].message, "2026年未开展民主评议党员");
}

TEST(LifeCadenceTest, LectureByPresenterRole) {
  const CadenceRule by_committee_secretary = Rule(kPartyLecture, "committee", kYear, 1, "党委书记");
  const Date today = D("2027-01-10");
  {
    SCOPED_TRACE("党委书记 gave one");
    UnitLifeFacts f = Facts("committee", "2010-01-01", Held(kPartyLecture, {"2026-06-30"}, "党委书记"));
    EXPECT_TRUE(OverdueRules(f, {by_committee_secretary}, today).empty());
  }
  {
    SCOPED_TRACE("only others gave one");
    UnitLifeFacts f = Facts("committee", "2010-01-01", Held(kPartyLecture, {"2026-03-01", "2026-09-01"}));
    auto more = Held(kPartyLecture, {"2026-10-01"}, "支部书记");
    f.meetings.insert(f.meetings.end(), more.begin(), more.end());
    const auto o = OverdueRules(f, {by_committee_secretary}, today);
    ASSERT_EQ(o.size(), 1u);
    EXPECT_EQ(o[0].message, "2026年党委书记未讲党课");
  }
  {
    SCOPED_TRACE("other meeting types do not count");
    UnitLifeFacts f = Facts("committee", "2010-01-01", Held(kStudy, {"2026-06-30"}, "党委书记"));
    EXPECT_EQ(OverdueRules(f, {by_committee_secretary}, today).size(), 1u);
  }
  {
    SCOPED_TRACE("branch: four lectures by members meet the quarterly rule, not the secretary's");
    UnitLifeFacts f = Facts("branch", "2010-01-01",
                            Held(kPartyLecture, {"2026-01-15", "2026-04-15", "2026-07-15", "2026-10-15"}));
    const std::vector<CadenceRule> rules = {Rule(kPartyLecture, "branch", kQuarter),
                                            Rule(kPartyLecture, "branch", kYear, 1, "支部书记")};
    const auto o = OverdueRules(f, rules, today);
    ASSERT_EQ(o.size(), 1u);
    EXPECT_EQ(o[0].rule.presenter_role, "支部书记");
    EXPECT_EQ(o[0].message, "2026年支部书记未讲党课");
    f.meetings.push_back({std::string(kPartyLecture), "2026-12-01", "支部书记"});
    EXPECT_TRUE(OverdueRules(f, rules, today).empty());
    // The current year's Due names the role.
    const auto due = DueRules(f, rules, today);
    ASSERT_EQ(due.size(), 2u);
    EXPECT_EQ(due[0].message, "2027年第一季度尚需上党课1次，截止3月31日");
    EXPECT_EQ(due[1].message, "2027年支部书记尚需讲党课1次，截止12月31日");
  }
}

TEST(LifeCadenceTest, ThemeDayFixedDay) {
  const CadenceRule rule = Rule(kThemeDay, "branch", kMonth);
  UnitLifeFacts f = Facts("branch", "2020-01-01");
  f.fixed_day = 10;
  {
    SCOPED_TRACE("held within the month, off the fixed day: counts");
    f.meetings = Held(kThemeDay, {"2026-03-20"});
    EXPECT_TRUE(OverdueRules(f, {rule}, D("2026-04-01")).empty());
  }
  {
    SCOPED_TRACE("held on the fixed day of the next month: March missed");
    f.meetings = Held(kThemeDay, {"2026-04-10"});
    const auto o = OverdueRules(f, {rule}, D("2026-04-11"));
    ASSERT_EQ(o.size(), 1u);
    EXPECT_EQ(o[0].message, "2026年3月未开展主题党日");
  }
  {
    SCOPED_TRACE("due with the fixed day");
    f.meetings.clear();
    const auto due = DueRules(f, {rule}, D("2026-03-05"));
    ASSERT_EQ(due.size(), 1u);
    ASSERT_TRUE(due[0].fixed_on.has_value());
    EXPECT_EQ(FormatDate(*due[0].fixed_on), "2026-03-10");
    EXPECT_EQ(FormatDate(due[0].period_end), "2026-03-31");
    EXPECT_EQ(due[0].message, "2026年3月尚需开展主题党日1次（固定日3月10日），截止3月31日");
    // Past the fixed day without a meeting: still due, not overdue, until the month ends.
    EXPECT_EQ(DueRules(f, {rule}, D("2026-03-25")).size(), 1u);
    EXPECT_EQ(OverdueStarts(f, rule, D("2026-03-25")), std::vector<std::string>{"2026-02-01"});
  }
  {
    SCOPED_TRACE("held this month: nothing due");
    f.meetings = Held(kThemeDay, {"2026-03-10"});
    EXPECT_TRUE(DueRules(f, {rule}, D("2026-03-12")).empty());
  }
  {
    SCOPED_TRACE("fixed day 31 in February");
    f.meetings.clear();
    f.fixed_day = 31;
    const auto due = DueRules(f, {rule}, D("2026-02-03"));
    ASSERT_EQ(due.size(), 1u);
    EXPECT_EQ(FormatDate(due[0].fixed_on.value_or(Date{})), "2026-02-28");
  }
  {
    SCOPED_TRACE("the rule's day is the default, the unit's overrides it");
    CadenceRule with_day = rule;
    with_day.fixed_day = 15;
    f.fixed_day.reset();
    EXPECT_EQ(FormatDate(DueRules(f, {with_day}, D("2026-03-01")).at(0).fixed_on.value_or(Date{})),
              "2026-03-15");
    f.fixed_day = 0;  // not set
    EXPECT_EQ(FormatDate(DueRules(f, {with_day}, D("2026-03-01")).at(0).fixed_on.value_or(Date{})),
              "2026-03-15");
    f.fixed_day = 8;
    EXPECT_EQ(FormatDate(DueRules(f, {with_day}, D("2026-03-01")).at(0).fixed_on.value_or(Date{})),
              "2026-03-08");
    f.fixed_day.reset();
    EXPECT_FALSE(DueRules(f, {rule}, D("2026-03-01")).at(0).fixed_on.has_value());
  }
  {
    SCOPED_TRACE("the unit's fixed day is for 主题党日 only");
    f.fixed_day = 10;
    f.meetings.clear();
    const auto due = DueRules(f, {Rule(kBranchCommittee, "branch", kMonth)}, D("2026-03-01"));
    ASSERT_EQ(due.size(), 1u);
    EXPECT_FALSE(due[0].fixed_on.has_value());
  }
}

TEST(LifeCadenceTest, MinCountAndCounting) {
  const CadenceRule twice = Rule(kBranchAssembly, "branch", kQuarter, 2);
  UnitLifeFacts f = Facts("branch", "2020-01-01", Held(kBranchAssembly, {"2026-02-01"}));
  auto o = OverdueRules(f, {twice}, D("2026-04-01"));
  ASSERT_EQ(o.size(), 1u);
  EXPECT_EQ(o[0].held, 1);
  EXPECT_EQ(o[0].required, 2);
  EXPECT_EQ(o[0].message, "2026年第一季度召开支部党员大会1次，应不少于2次");
  f.meetings.push_back({std::string(kBranchAssembly), "2026-02-01", ""});  // two on one day count twice
  EXPECT_TRUE(OverdueRules(f, {twice}, D("2026-04-01")).empty());

  // Meetings after today (planned) and with invalid dates do not count.
  UnitLifeFacts g = Facts("branch", "2020-01-01", Held(kBranchAssembly, {"2026-05-20", "2026-02-30", ""}));
  const auto due = DueRules(g, {Rule(kBranchAssembly, "branch", kQuarter)}, D("2026-05-10"));
  ASSERT_EQ(due.size(), 1u);
  EXPECT_EQ(due[0].held, 0);
  EXPECT_TRUE(DueRules(g, {Rule(kBranchAssembly, "branch", kQuarter)}, D("2026-05-20")).empty());
}

TEST(LifeCadenceTest, ApplicabilityAndDefaults) {
  // A branch without a 支委会 owes no 支委会; with one it does.
  UnitLifeFacts small = Facts("branch", "2020-01-01");
  small.has_committee = false;
  const Date today = D("2026-07-01");
  const auto codes = [&today](const UnitLifeFacts& f) {
    std::vector<std::string> out;
    for (const auto& o : OverdueRules(f, DefaultCadence(), today)) {
      out.push_back(o.rule.meeting_type + (o.rule.presenter_role.empty() ? "" : "/" + o.rule.presenter_role));
    }
    return out;
  };
  // In the order of the rules: assembly (Q2), lecture (Q2), theme day (June); yearly ones for 2025.
  EXPECT_EQ(codes(small),
            (std::vector<std::string>{"branch_assembly", "party_lecture", "party_lecture/支部书记",
                                      "theme_day", "life_meeting", "member_review", "heart_talk"}));
  UnitLifeFacts large = small;
  large.has_committee = true;
  EXPECT_EQ(codes(large).size(), 8u);
  EXPECT_EQ(codes(large)[1], "branch_committee");
  EXPECT_EQ(codes(Facts("group", "2020-01-01")), (std::vector<std::string>{"group_meeting"}));
  EXPECT_EQ(codes(Facts("committee", "2020-01-01")), (std::vector<std::string>{"party_lecture/党委书记"}));
  EXPECT_TRUE(codes(Facts("general_branch", "2020-01-01")).empty());
  EXPECT_TRUE(codes(Facts("team", "2020-01-01")).empty());

  // A branch that held everything is clear.
  UnitLifeFacts good = Facts("branch", "2020-01-01");
  for (auto type : {kBranchAssembly, kBranchCommittee, kPartyLecture, kThemeDay}) {
    good.meetings.push_back({std::string(type), "2026-06-15", ""});
  }
  for (auto type : {kLifeMeeting, kMemberReview, kHeartTalk})
    good.meetings.push_back({std::string(type), "2025-12-15", ""});
  good.meetings.push_back({std::string(kPartyLecture), "2025-11-15", "支部书记"});
  EXPECT_TRUE(codes(good).empty());

  // An unknown period is not applied.
  EXPECT_FALSE(Applies(Rule(kBranchAssembly, "branch", "week"), Facts("branch", "")));
}

TEST(LifeCadenceTest, History) {
  const CadenceRule rule = Rule(kBranchAssembly, "branch", kQuarter);
  const UnitLifeFacts f = Facts("branch", "2026-02-15", Held(kBranchAssembly, {"2026-05-10"}));
  const auto h = CadenceHistory(f, rule, D("2026-01-01"), D("2026-12-31"), D("2026-10-15"));
  ASSERT_EQ(h.size(), 4u);
  const std::vector<std::string> states = {"exempt", "met", "missed", "open"};
  const std::vector<int> held = {0, 1, 0, 0};
  for (std::size_t i = 0; i < h.size(); ++i) {
    SCOPED_TRACE(i);
    EXPECT_EQ(h[i].state, states[i]);
    EXPECT_EQ(h[i].held, held[i]);
    EXPECT_EQ(h[i].required, 1);
  }
  EXPECT_EQ(FormatDate(h[0].start), "2026-01-01");
  EXPECT_EQ(FormatDate(h[3].end), "2026-12-31");

  // A partial period that was met shows as met; a range inside periods covers them whole.
  const UnitLifeFacts early = Facts("branch", "2026-02-15", Held(kBranchAssembly, {"2026-03-01"}));
  const auto e = CadenceHistory(early, rule, D("2026-03-15"), D("2026-04-01"), D("2026-10-15"));
  ASSERT_EQ(e.size(), 2u);
  EXPECT_EQ(e[0].state, "met");
  EXPECT_EQ(FormatDate(e[0].start), "2026-01-01");
  EXPECT_EQ(e[1].state, "missed");

  // Months over a year end.
  const auto m =
      CadenceHistory(Facts("group", "2020-01-01", Held(kGroupMeeting, {"2026-12-31"})),
                     Rule(kGroupMeeting, "group", kMonth), D("2026-11-01"), D("2027-01-31"), D("2027-01-20"));
  ASSERT_EQ(m.size(), 3u);
  EXPECT_EQ(m[0].state, "missed");
  EXPECT_EQ(m[1].state, "met");
  EXPECT_EQ(m[2].state, "open");

  EXPECT_TRUE(CadenceHistory(f, rule, D("2026-12-31"), D("2026-01-01"), D("2026-10-15")).empty());
  EXPECT_TRUE(
      CadenceHistory(Facts("group", ""), rule, D("2026-01-01"), D("2026-12-31"), D("2026-10-15")).empty());
}

struct QuorumCase {
  int voting;
  int present;
  bool has_quorum;
  int needed;
  std::string message;  // a part of it
};

TEST(LifeQuorumTest, MoreThanHalfOfVotingMembers) {
  const std::vector<QuorumCase> cases = {
      {10, 5, false, 6, "应到有表决权党员10名，实到5名，未超过半数（需6名），不能表决"},
      {10, 6, true, 6, "应到有表决权党员10名，实到6名，超过半数，可以表决"},
      {1, 1, true, 1, "超过半数"},
      {1, 0, false, 1, "未超过半数"},
      {0, 0, false, 1, "没有有表决权的党员，不能表决"},
      {3, 2, true, 2, "可以表决"},
      {2, 1, false, 2, "不能表决"},
      {7, 4, true, 4, "可以表决"},
      {10, 12, true, 6, "实到10名"},  // clamped
      {10, -1, false, 6, "实到0名"},
      {-3, 0, false, 1, "没有有表决权的党员"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(std::to_string(c.present) + "/" + std::to_string(c.voting));
    const QuorumCheck q = Quorum(c.voting, c.present);
    EXPECT_EQ(q.has_quorum, c.has_quorum);
    EXPECT_EQ(q.needed, c.needed);
    EXPECT_NE(q.message.find(c.message), std::string::npos) << q.message;
  }
}

TEST(LifeQuorumTest, Passed) {
  struct Case {
    int voting;
    int in_favour;
    bool passed;
  };
  const std::vector<Case> cases = {{10, 6, true}, {10, 5, false}, {1, 1, true}, {0, 0, false},
                                   {3, 2, true},  {2, 1, false},  {9, 5, true}, {9, 4, false}};
  for (const auto& c : cases) {
    EXPECT_EQ(Passed(c.voting, c.in_favour), c.passed) << c.in_favour << "/" << c.voting;
  }
  EXPECT_EQ(MoreThanHalf(0), 1);
  EXPECT_EQ(MoreThanHalf(9), 5);
  EXPECT_EQ(MoreThanHalf(10), 6);
}

TEST(LifeAttendanceTest, RatePerMilleRoundedHalfUp) {
  struct Case {
    int should;
    int came;
    std::optional<int> rate;
    std::string shown;
  };
  const std::vector<Case> cases = {
      {3, 2, 667, "66.7%"},      {3, 1, 333, "33.3%"}, {16, 1, 63, "6.3%"},    {8, 1, 125, "12.5%"},
      {6, 5, 833, "83.3%"},      {5, 0, 0, "0.0%"},    {5, 5, 1000, "100.0%"}, {5, 7, 1000, "100.0%"},
      {2000, 1, 1, "0.1%"},      {2001, 1, 0, "0.0%"}, {7, 3, 429, "42.9%"},   {0, 0, std::nullopt, ""},
      {-1, 0, std::nullopt, ""},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(std::to_string(c.came) + "/" + std::to_string(c.should));
    const auto r = AttendanceRate(c.should, c.came);
    EXPECT_EQ(r, c.rate);
    if (r) {
      EXPECT_EQ(FormatPerMille(*r), c.shown);
    }
  }
}

struct MeetingCase {
  std::string name;
  MeetingInput in;
  std::vector<std::string> fields;
};

TEST(LifeMeetingTest, ValidateMeeting) {
  const MeetingInput ok{
      "branch_assembly", "2026-03-10", "14:30", "三楼会议室", "学习支部工作条例", "张三", "李四", "", ""};
  const auto with = [&ok](auto change) {
    MeetingInput m = ok;
    change(m);
    return m;
  };
  const std::vector<MeetingCase> cases = {
      {"valid", ok, {}},
      {"today", with([](MeetingInput& m) { m.date = "2026-03-15"; }), {}},
      {"future", with([](MeetingInput& m) { m.date = "2026-03-16"; }), {"date"}},
      {"bad date", with([](MeetingInput& m) { m.date = "2026-02-30"; }), {"date"}},
      {"bad type", with([](MeetingInput& m) { m.type = "party"; }), {"type"}},
      {"time 24:00", with([](MeetingInput& m) { m.start_time = "24:00"; }), {"start_time"}},
      {"time 9:00", with([](MeetingInput& m) { m.start_time = "9:00"; }), {"start_time"}},
      {"time 09:60", with([](MeetingInput& m) { m.start_time = "09:60"; }), {"start_time"}},
      {"time 23:59", with([](MeetingInput& m) { m.start_time = "23:59"; }), {}},
      {"blank topic", with([](MeetingInput& m) { m.topic = "\xE3\x80\x80 "; }), {"topic"}},
      {"long topic",
       with([](MeetingInput& m) {
         m.topic.clear();
         for (int i = 0; i < 101; ++i) m.topic += "学";
       }),
       {"topic"}},
      {"100 字 topic",
       with([](MeetingInput& m) {
         m.topic.clear();
         for (int i = 0; i < 100; ++i) m.topic += "学";
       }),
       {}},
      {"long presenter", with([](MeetingInput& m) { m.presenter = std::string(21, 'a'); }), {"presenter"}},
      {"minutes", with([](MeetingInput& m) { m.minutes = "会议记录"; }), {}},
      {"long decisions", with([](MeetingInput& m) { m.decisions = std::string(5001, 'a'); }), {"decisions"}},
      {"empty", MeetingInput{}, {"type", "date", "start_time", "place", "topic", "presenter", "recorder"}},
  };
  for (const auto& c : cases) {
    const Status s = ValidateMeeting(c.in, D("2026-03-15"));
    EXPECT_EQ(Fields(s), c.fields) << c.name << "\n" << Messages(s);
  }
}

struct AttendanceCase {
  std::string name;
  AttendanceInput in;
  std::vector<std::string> fields;
  std::string message;  // a part of the last error's message
};

TEST(LifeAttendanceTest, ValidateAttendance) {
  const AttendanceInput ok{{1, 2, 3, 4}, {1, 2, 3, 4}, "", {1, 2, 3}, {{4, "病假", ""}}};
  const auto with = [&ok](auto change) {
    AttendanceInput a = ok;
    change(a);
    return a;
  };
  const std::vector<AttendanceCase> cases = {
      {"valid", ok, {}, ""},
      {"all came",
       with([](AttendanceInput& a) {
         a.came = {4, 3, 2, 1};
         a.absent.clear();
       }),
       {},
       ""},
      {"edited without reason",
       with([](AttendanceInput& a) {
         a.should = {1, 2, 3};
         a.absent.clear();
       }),
       {"should_reason"},
       "调整原因"},
      {"edited with reason",
       with([](AttendanceInput& a) {
         a.should = {1, 2, 3};
         a.should_reason = "4号同志外出学习，组织关系暂留";
         a.absent.clear();
       }),
       {},
       ""},
      {"order does not matter",
       with([](AttendanceInput& a) {
         a.should = {4, 3, 2, 1};
       }),
       {},
       ""},
      {"came outside",
       with([](AttendanceInput& a) {
         a.came = {1, 2, 3, 9};
       }),
       {"came"},
       "1 名实到人员不在应到名单中"},
      {"came twice",
       with([](AttendanceInput& a) {
         a.came = {1, 2, 3, 3};
       }),
       {"came"},
       "重复"},
      {"both",
       with([](AttendanceInput& a) {
         a.came = {1, 2, 3, 4};
       }),
       {"absent"},
       "同时登记为实到和缺席"},
      {"unmarked", with([](AttendanceInput& a) { a.absent.clear(); }), {"absent"}, "1 名应到人员未登记"},
      {"bad reason",
       with([](AttendanceInput& a) { a.absent[0].reason = "出差"; }),
       {"absent"},
       "病假、事假、公假或其他"},
      {"other needs a note",
       with([](AttendanceInput& a) { a.absent[0].reason = "其他"; }),
       {"absent"},
       "具体原因"},
      {"other with a note",
       with([](AttendanceInput& a) {
         a.absent[0].reason = "其他";
         a.absent[0].note = "下乡义诊";
       }),
       {},
       ""},
      {"absent outside",
       with([](AttendanceInput& a) {
         a.absent.push_back({8, "事假", ""});
       }),
       {"absent"},
       "不在应到名单中"},
      {"nobody", AttendanceInput{}, {}, ""},
  };
  for (const auto& c : cases) {
    const Status s = ValidateAttendance(c.in);
    EXPECT_EQ(Fields(s), c.fields) << c.name << "\n" << Messages(s);
    if (!s.ok() && !c.message.empty()) {
      EXPECT_NE(s.errors().back().message.find(c.message), std::string::npos) << c.name << "\n"
                                                                              << Messages(s);
    }
  }
}

}  // namespace
}  // namespace qizhi::party::life
