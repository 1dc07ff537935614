// Integrity: who must sign the 廉洁从业承诺书 in a year (a post ended before the year, started
// during it, two posts → one pledge, 中层干部 by title and 关键岗位 by department), signing dates,
// the 九不准 items and self-check validation and status.
#include "party/integrity/rules.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace qizhi::party::integrity {
namespace {

HeldPost Post(int64_t member, const char* title, const char* department, const char* from, const char* to = "") {
  return {member, title, department, from, to};
}

std::vector<int64_t> Members(const std::vector<DuePledge>& due) {
  std::vector<int64_t> out;
  for (const auto& d : due) out.push_back(d.member_id);
  return out;
}

TEST(IntegrityRoll, APostHeldAtAnyTimeInTheYearPutsItsHolderOnTheList) {
  const auto classes = DefaultPostClasses();
  const std::vector<HeldPost> posts = {
      Post(1, "科主任", "心内科", "2018-01-01"),                 // held throughout
      Post(2, "护士长", "外科", "2015-01-01", "2025-12-31"),    // ended the day before the year
      Post(3, "护士长", "外科", "2015-01-01", "2026-01-01"),    // ended on its first day
      Post(4, "副主任", "骨科", "2026-12-31"),                  // started on its last day
      Post(5, "副主任", "骨科", "2027-01-01"),                  // starts next year
      Post(6, "其他", "药剂科", "2020-05-01"),                  // 关键岗位 by department
      Post(7, "其他", "内科", "2020-05-01"),                    // neither
      Post(8, "院长", "院领导", "2020-05-01"),                  // not a 中层干部 title
  };
  EXPECT_EQ(Members(DuePledges(posts, classes, 2026)), (std::vector<int64_t>{1, 3, 4, 6}));
  EXPECT_EQ(Members(DuePledges(posts, classes, 2025)), (std::vector<int64_t>{1, 2, 3, 6}));
}

TEST(IntegrityRoll, TwoPostsMakeOnePledgeAndAManagerPostDecidesTheClass) {
  const std::vector<HeldPost> posts = {Post(9, "其他", "财务科", "2019-01-01", "2026-03-31"),
                                       Post(9, "科主任", "财务科", "2026-04-01")};
  const auto due = DuePledges(posts, DefaultPostClasses(), 2026);
  ASSERT_EQ(due.size(), 1u);
  EXPECT_EQ(due[0].cls, "middle");
  EXPECT_EQ(due[0].posts, (std::vector<std::string>{"其他（财务科）", "科主任（财务科）"}));
  const auto only_key = DuePledges({posts[0]}, DefaultPostClasses(), 2026);
  ASSERT_EQ(only_key.size(), 1u);
  EXPECT_EQ(only_key[0].cls, "key");
  EXPECT_TRUE(DuePledges({posts[0]}, DefaultPostClasses(), 2027).empty());
}

TEST(IntegrityRoll, TheClassesAreTheTenantsData) {
  const std::vector<HeldPost> posts = {Post(1, "科室负责人", "信息科", "2020-01-01"), Post(2, "其他", "信息科", "2020-01-01")};
  EXPECT_EQ(Members(DuePledges(posts, DefaultPostClasses(), 2026)), (std::vector<int64_t>{1}));
  EXPECT_EQ(Members(DuePledges(posts, {{"key", "信息"}}, 2026)), (std::vector<int64_t>{1, 2}));
  EXPECT_TRUE(DuePledges(posts, {{"middle", "科主任"}}, 2026).empty());
}

TEST(IntegrityClasses, Validation) {
  EXPECT_TRUE(ValidatePostClasses(DefaultPostClasses()).ok());
  EXPECT_EQ(ValidatePostClasses({}).error().field, "classes");
  auto r = ValidatePostClasses({{"boss", "院长"}, {"key", ""}, {"key", "财务"}, {"key", "财务"}});
  ASSERT_FALSE(r.ok());
  std::vector<std::string> fields;
  for (const auto& e : r.errors()) fields.push_back(e.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"classes[0].cls", "classes[1].keyword", "classes[3].keyword"}));
}

TEST(IntegrityPledge, SignedOnIsInTheYearOrItsDecemberBeforeAndNotLaterThanToday) {
  EXPECT_TRUE(ValidateSignedOn("2026-03-01", 2026, "2026-04-10").ok());
  EXPECT_TRUE(ValidateSignedOn("2025-12-01", 2026, "2026-04-10").ok());
  EXPECT_EQ(ValidateSignedOn("2025-11-30", 2026, "2026-04-10").error().field, "signed_on");
  EXPECT_EQ(ValidateSignedOn("2026-04-11", 2026, "2026-04-10").error().message, "签署日期不能晚于今天");
  EXPECT_EQ(ValidateSignedOn("2026-02-30", 2026, "2026-04-10").error().message, "签署日期格式应为 YYYY-MM-DD");
  EXPECT_FALSE(ValidateSignedOn("2027-01-01", 2026, "2027-02-01").ok());
}

TEST(IntegrityNine, TheNineItemsOf2013) {
  ASSERT_EQ(NineProhibitions().size(), 9u);
  EXPECT_EQ(NineProhibitions()[0], "不准将医疗卫生人员个人收入与药品和医学检查收入挂钩");
  EXPECT_EQ(NineProhibitions()[8], "不准收受患者“红包”");
  EXPECT_FALSE(PledgeText().empty());
}

TEST(IntegrityNine, Periods) {
  EXPECT_TRUE(IsPeriod("2026", "2026-04-10"));
  EXPECT_TRUE(IsPeriod("2026-H1", "2026-04-10"));
  EXPECT_FALSE(IsPeriod("2026-H2", "2026-04-10"));
  EXPECT_TRUE(IsPeriod("2026-H2", "2026-07-01"));
  EXPECT_FALSE(IsPeriod("2027", "2026-04-10"));
  EXPECT_FALSE(IsPeriod("2026-Q1", "2026-04-10"));
  EXPECT_FALSE(IsPeriod("2012", "2026-04-10"));
  EXPECT_EQ(PeriodTitle("2026-H2"), "2026年下半年");
  EXPECT_EQ(PeriodTitle("2026"), "2026年度");
}

std::vector<Answer> Clean() {
  std::vector<Answer> a;
  for (int i = 1; i <= 9; ++i) a.push_back({i, false, "", "", "", ""});
  return a;
}

TEST(IntegrityNine, SelfCheckValidation) {
  EXPECT_TRUE(ValidateSelfCheck({"2026-H1", "2026-04-10", Clean()}, "2026-04-10").ok());
  auto eight = Clean();
  eight.pop_back();
  EXPECT_EQ(ValidateSelfCheck({"2026", "2026-04-10", eight}, "2026-04-10").error().field, "answers");
  auto twice = Clean();
  twice[8].item = 1;
  EXPECT_EQ(ValidateSelfCheck({"2026", "2026-04-10", twice}, "2026-04-10").error().field, "answers");
  auto issue = Clean();
  issue[4] = {5, true, "", "x", "2026-04-01", "2026-04-11"};
  auto r = ValidateSelfCheck({"2026", "2026-04-10", issue}, "2026-04-10");
  ASSERT_FALSE(r.ok());
  std::vector<std::string> fields;
  for (const auto& e : r.errors()) fields.push_back(e.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"answers[4].issue", "answers[4].measures", "answers[4].due_on", "answers[4].done_on"}));
  // The check cannot precede its period, nor follow today.
  EXPECT_EQ(ValidateSelfCheck({"2026-H2", "2026-06-30", Clean()}, "2026-08-01").error().field, "checked_on");
  EXPECT_EQ(ValidateSelfCheck({"2026", "2026-04-11", Clean()}, "2026-04-10").error().field, "checked_on");
  EXPECT_EQ(ValidateSelfCheck({"2026-H3", "2026-04-10", Clean()}, "2026-04-10").error().field, "period");
}

TEST(IntegrityNine, StatusFollowsTheIssuesAndTheirFollowUp) {
  auto a = Clean();
  EXPECT_EQ(SelfCheckStatus(a), "无问题");
  EXPECT_EQ(IssueCount(a), 0);
  a[8] = {9, true, "收受红包", "退回并通报", "2026-05-01", ""};
  EXPECT_EQ(SelfCheckStatus(a), "整改中");
  a[8].done_on = "2026-04-20";
  EXPECT_EQ(SelfCheckStatus(a), "已整改");
  a[2] = {3, true, "重复收费", "退费", "2026-05-01", ""};
  EXPECT_EQ(SelfCheckStatus(a), "整改中");
  EXPECT_EQ(IssueCount(a), 2);
}

}  // namespace
}  // namespace qizhi::party::integrity
