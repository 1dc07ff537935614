#include "party/development/rules.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

namespace qizhi::party::development {
namespace {

const Date kToday{2026, 3, 15};

Date D(const std::string& text) {
  const auto d = ParseDate(text);
  EXPECT_TRUE(d.has_value()) << text;
  return d.value_or(Date{});
}

StepRecord R(int step, const std::string& date) {
  StepRecord r;
  r.step = step;
  r.date = date;
  return r;
}

Person P(const std::string& name, bool full = true) { return Person{0, name, full}; }

StepRecord Vote(int step, const std::string& date, int voting, int present, int in_favour) {
  StepRecord r = R(step, date);
  r.voting = voting;
  r.present = present;
  r.in_favour = in_favour;
  return r;
}

// A path that breaks no rule: every step, the boundaries kept with some room.
Candidate Clean() {
  Candidate c;
  c.birth_date = "1995-05-10";
  auto& v = c.records;
  v.push_back(R(1, "2022-01-10"));
  v.push_back(R(2, "2022-02-05"));
  v.back().people = {P("王书记")};
  v.push_back(R(3, "2022-04-01"));
  v.push_back(R(4, "2022-04-10"));
  v.push_back(R(5, "2022-04-10"));
  v.back().people = {P("李某"), P("张某")};
  v.push_back(R(6, "2022-09-20"));
  v.push_back(R(6, "2023-03-15"));
  v.push_back(R(7, "2023-04-01"));
  v.push_back(R(8, "2023-04-05"));
  v.push_back(R(9, "2023-04-10"));
  v.back().people = {P("李某"), P("张某")};
  v.push_back(R(10, "2023-05-01"));
  v.back().conclusion = "政治历史清楚，符合条件";
  v.push_back(R(11, "2023-05-10"));
  v.back().training_days = 3;
  v.push_back(R(12, "2023-06-01"));
  v.push_back(R(13, "2023-06-10"));
  v.push_back(R(14, "2023-06-15"));
  v.push_back(Vote(15, "2023-07-01", 10, 8, 8));
  v.push_back(R(16, "2023-07-10"));
  v.push_back(R(17, "2023-08-01"));
  v.push_back(R(18, "2023-08-10"));
  v.push_back(R(19, "2023-08-15"));
  v.push_back(R(20, "2023-08-20"));
  v.push_back(R(21, "2023-12-01"));
  v.push_back(R(21, "2024-04-01"));
  v.push_back(R(22, "2024-06-20"));
  v.push_back(Vote(23, "2024-07-01", 10, 7, 7));
  v.push_back(R(24, "2024-08-01"));
  v.push_back(R(25, "2024-08-15"));
  return c;
}

// The clean path up to and including step n.
Candidate Upto(int n) {
  Candidate c = Clean();
  std::erase_if(c.records, [n](const StepRecord& r) { return r.step > n; });
  return c;
}

Candidate Without(std::set<int> steps) {
  Candidate c = Clean();
  std::erase_if(c.records, [&](const StepRecord& r) { return steps.count(r.step) > 0; });
  return c;
}

StepRecord& First(Candidate& c, int step) {
  for (auto& r : c.records) {
    if (r.step == step) return r;
  }
  ADD_FAILURE() << "no step " << step;
  static StepRecord none;
  return none;
}

// "code@step" of every violation, messages checked non-empty on the way.
std::vector<std::string> Codes(const Candidate& c, const Date& today = kToday) {
  std::vector<std::string> out;
  for (const auto& v : CheckPath(c, today)) {
    EXPECT_FALSE(v.message.empty()) << v.code;
    EXPECT_FALSE(v.field.empty()) << v.code;
    out.push_back(v.code + "@" + std::to_string(v.step));
  }
  return out;
}

// Only the codes in `keep`, as "code@step".
std::vector<std::string> CodesIn(const Candidate& c, const std::set<std::string>& keep,
                                 const Date& today = kToday) {
  std::vector<std::string> out;
  for (const auto& v : CheckPath(c, today)) {
    if (keep.count(v.code)) out.push_back(v.code + "@" + std::to_string(v.step));
  }
  return out;
}

std::vector<Violation> WithCode(const Candidate& c, const std::string& code) {
  std::vector<Violation> out;
  for (const auto& v : CheckPath(c, kToday)) {
    if (v.code == code) out.push_back(v);
  }
  return out;
}

using Strings = std::vector<std::string>;

TEST(DevelopmentRulesTest, CatalogueHas25StepsInFiveStages) {
  const auto& steps = Steps();
  ASSERT_EQ(steps.size(), 25u);
  for (int i = 0; i < 25; ++i) {
    EXPECT_EQ(steps[static_cast<std::size_t>(i)].number, i + 1);
    EXPECT_FALSE(steps[static_cast<std::size_t>(i)].title.empty());
  }
  // 申请入党 1-2, 积极分子 3-6, 发展对象 7-11, 接收 12-18, 教育考察和转正 19-25.
  const std::vector<std::pair<int, int>> stage_of = {
      {1, 1},  {2, 1},  {3, 2},  {6, 2},  {7, 3},  {11, 3}, {12, 4},
      {15, 4}, {17, 4}, {18, 4}, {19, 5}, {23, 5}, {24, 5}, {25, 5}};
  for (const auto& [step, stage] : stage_of) EXPECT_EQ(FindStep(step)->stage, stage) << step;
  EXPECT_EQ(FindStep(0), nullptr);
  EXPECT_EQ(FindStep(26), nullptr);
  EXPECT_EQ(FindStep(1)->title, "递交入党申请书");
  EXPECT_EQ(FindStep(25)->title, "材料归档");
  EXPECT_EQ(FindStep(5)->people_role, "培养联系人");
  EXPECT_EQ(FindStep(5)->min_people, 1);
  EXPECT_EQ(FindStep(5)->max_people, 2);
  EXPECT_EQ(FindStep(9)->people_role, "入党介绍人");
  EXPECT_EQ(FindStep(9)->min_people, 2);
  EXPECT_EQ(FindStep(9)->max_people, 2);
  EXPECT_TRUE(FindStep(11)->training);
  EXPECT_TRUE(FindStep(15)->vote);
  EXPECT_TRUE(FindStep(23)->vote);
  EXPECT_TRUE(FindStep(23)->extension);
  std::vector<int> repeatable;
  for (const auto& s : steps) {
    if (s.repeatable) repeatable.push_back(s.number);
  }
  EXPECT_EQ(repeatable, (std::vector<int>{6, 10, 21, 23}));
  EXPECT_EQ(StageTitle(1), "申请入党");
  EXPECT_EQ(StageTitle(2), "入党积极分子的确定和培养教育");
  EXPECT_EQ(StageTitle(3), "发展对象的确定和考察");
  EXPECT_EQ(StageTitle(4), "预备党员的接收");
  EXPECT_EQ(StageTitle(5), "预备党员的教育考察和转正");
  EXPECT_EQ(StageTitle(0), "");
  EXPECT_EQ(StageTitle(6), "");
}

TEST(DevelopmentRulesTest, ViolationCodesAreUniqueWithTitles) {
  std::set<std::string> seen;
  for (const auto& [code, title] : ViolationCodes()) {
    EXPECT_TRUE(seen.insert(code).second) << code;
    EXPECT_FALSE(title.empty()) << code;
  }
  EXPECT_EQ(seen.size(), 27u);
}

TEST(DevelopmentRulesTest, CleanPathHasNoViolations) {
  EXPECT_EQ(Codes(Clean()), Strings{});
  for (int n = 1; n <= 25; ++n) EXPECT_EQ(Codes(Upto(n)), Strings{}) << n;
  // Records in any order.
  Candidate c = Clean();
  std::reverse(c.records.begin(), c.records.end());
  EXPECT_EQ(Codes(c), Strings{});
}

struct AgeCase {
  std::string birth;
  std::string applied;
  Strings codes;
};

TEST(DevelopmentRulesTest, AgeOnApplication) {
  const std::vector<AgeCase> cases = {
      {"2006-03-15", "2024-03-15", {}},                     // the 18th birthday
      {"2006-03-15", "2024-03-14", {"under_age@1"}},        // the day before
      {"2000-01-01", "2024-03-14", {}},
      {"2004-02-29", "2022-02-28", {"under_age@1"}},        // common year: birthday on 03-01
      {"2004-02-29", "2022-03-01", {}},
      {"2006-02-29", "2024-03-01", {"birth_date_invalid@1"}},
      {"", "2024-03-01", {"birth_date_invalid@1"}},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.birth + " / " + c.applied);
    Candidate p;
    p.birth_date = c.birth;
    p.records = {R(1, c.applied)};
    EXPECT_EQ(Codes(p), c.codes);
  }
  Candidate p;
  p.birth_date = "2006-03-15";
  p.records = {R(1, "2024-03-14")};
  p.records[0].reason = "说明";
  const auto v = WithCode(p, "under_age");
  ASSERT_EQ(v.size(), 1u);
  EXPECT_FALSE(v[0].requires_reason);
  EXPECT_FALSE(v[0].explained);
  EXPECT_EQ(v[0].field, "birth_date");
  EXPECT_EQ(v[0].record, 0);
  EXPECT_NE(v[0].message.find("未满 18 周岁"), std::string::npos) << v[0].message;
}

struct LeagueCase {
  bool league;
  bool recommended;
  std::string activist_on;
  Strings codes;
};

// The exact rule: a 团员 whose age on the step-3 date is under 28 (AgeOn < 28) needs 推优.
TEST(DevelopmentRulesTest, LeagueRecommendationUnder28) {
  const std::vector<LeagueCase> cases = {
      {true, false, "2024-05-09", {"league_recommendation@3"}},  // 27, the day before 28
      {true, false, "2024-05-10", {}},                           // 28 on the birthday
      {true, true, "2024-05-09", {}},
      {false, false, "2024-05-09", {}},
      {true, false, "2020-01-01", {"league_recommendation@3"}},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.activist_on);
    Candidate p;
    p.birth_date = "1996-05-10";
    p.is_youth_league_member = c.league;
    p.recommended_by_league = c.recommended;
    p.records = {R(1, "2019-01-01"), R(2, "2019-01-20"), R(3, c.activist_on)};
    EXPECT_EQ(Codes(p), c.codes);
  }
  Candidate p;
  p.birth_date = "1996-05-10";
  p.is_youth_league_member = true;
  p.records = {R(1, "2019-01-01"), R(2, "2019-01-20"), R(3, "2020-01-01")};
  p.records[2].reason = "团组织已撤销，经支部研究";
  const auto v = WithCode(p, "league_recommendation");
  ASSERT_EQ(v.size(), 1u);
  EXPECT_TRUE(v[0].requires_reason);
  EXPECT_TRUE(v[0].explained);
  EXPECT_EQ(v[0].field, "recommended_by_league");
}

struct TalkCase {
  std::string applied;
  std::string talk;
  bool late;
};

TEST(DevelopmentRulesTest, TalkWithinOneMonth) {
  const std::vector<TalkCase> cases = {
      {"2024-03-10", "2024-03-10", false}, {"2024-03-10", "2024-04-10", false},
      {"2024-03-10", "2024-04-11", true},  {"2024-01-31", "2024-02-29", false},
      {"2024-01-31", "2024-03-01", true},  {"2023-01-31", "2023-02-28", false},
      {"2023-01-31", "2023-03-01", true},  {"2024-03-31", "2024-04-30", false},
      {"2024-03-31", "2024-05-01", true},  {"2024-12-15", "2025-01-15", false},
      {"2024-12-15", "2025-01-16", true},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.applied + " → " + c.talk);
    Candidate p;
    p.birth_date = "1990-01-01";
    p.records = {R(1, c.applied), R(2, c.talk)};
    EXPECT_EQ(Codes(p), c.late ? Strings{"talk_late@2"} : Strings{});
  }
  Candidate p;
  p.birth_date = "1990-01-01";
  p.records = {R(1, "2024-01-31"), R(2, "2024-03-01")};
  auto v = WithCode(p, "talk_late");
  ASSERT_EQ(v.size(), 1u);
  EXPECT_TRUE(v[0].requires_reason);
  EXPECT_FALSE(v[0].explained);
  EXPECT_EQ(v[0].record, 1);
  EXPECT_NE(v[0].message.find("2024-02-29"), std::string::npos) << v[0].message;
  p.records[1].reason = "申请人外出进修";
  v = WithCode(p, "talk_late");
  ASSERT_EQ(v.size(), 1u);
  EXPECT_TRUE(v[0].explained);
}

struct ReviewCase {
  std::string name;
  std::string activist_on;
  Strings reviews;
  std::string target_on;  // step 7, empty for none
  Strings codes;
};

TEST(DevelopmentRulesTest, ReviewEverySixMonths) {
  const std::vector<ReviewCase> cases = {
      {"exactly six months", "2022-04-01", {"2022-10-01", "2023-04-01"}, "2023-04-01", {}},
      {"first review a day late", "2022-04-01", {"2022-10-02", "2023-04-01"}, "2023-04-01",
       {"review_gap@6"}},
      {"second review a day late", "2022-04-01", {"2022-10-01", "2023-04-02"}, "2023-04-02",
       {"review_gap@6"}},
      {"no review before step 7", "2022-04-01", {}, "2023-04-01", {"review_gap@7"}},
      {"step 7 six months after the last review", "2022-04-01", {"2022-09-01", "2023-03-01"},
       "2023-09-01", {}},
      {"step 7 a day more", "2022-04-01", {"2022-09-01", "2023-03-01"}, "2023-09-02",
       {"review_gap@7"}},
      {"month end 08-31 → 02-28", "2022-08-31", {"2023-02-28", "2023-08-28"}, "2023-08-31", {}},
      {"month end 08-31 → 03-01", "2022-08-31", {"2023-03-01", "2023-08-31"}, "2023-08-31",
       {"review_gap@6"}},
      {"reviews listed out of order", "2022-04-01", {"2023-04-01", "2022-10-01"}, "2023-04-01",
       {}},
      {"no step 7 yet: nothing recorded is late", "2022-04-01", {"2022-10-01"}, "", {}},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    Candidate p;
    p.birth_date = "1990-01-01";
    p.records = {R(3, c.activist_on)};
    for (const auto& d : c.reviews) p.records.push_back(R(6, d));
    if (!c.target_on.empty()) p.records.push_back(R(7, c.target_on));
    EXPECT_EQ(CodesIn(p, {"review_gap"}), c.codes);
  }
  // Step 6 is never a missing prerequisite: the review rule covers it.
  Candidate p = Without({6});
  EXPECT_EQ(Codes(p), Strings{"review_gap@7"});
  EXPECT_TRUE(WithCode(p, "review_gap")[0].requires_reason);
}

struct YearCase {
  std::string activist_on;
  std::string target_on;
  bool violation;
};

TEST(DevelopmentRulesTest, ActivistForOneYear) {
  const std::vector<YearCase> cases = {
      {"2022-04-01", "2023-04-01", false}, {"2022-04-01", "2023-03-31", true},
      {"2022-04-01", "2022-04-01", true},  {"2024-02-29", "2025-02-28", false},
      {"2024-02-29", "2025-02-27", true},  {"2022-12-31", "2023-12-31", false},
      {"2022-12-31", "2023-12-30", true},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.activist_on + " → " + c.target_on);
    Candidate p;
    p.records = {R(3, c.activist_on), R(7, c.target_on)};
    EXPECT_EQ(CodesIn(p, {"activist_under_one_year"}),
              c.violation ? Strings{"activist_under_one_year@7"} : Strings{});
  }
  Candidate p = Clean();
  First(p, 7).date = "2023-03-31";
  First(p, 7).reason = "理由";
  const auto v = WithCode(p, "activist_under_one_year");
  ASSERT_EQ(v.size(), 1u);
  EXPECT_FALSE(v[0].requires_reason);
  EXPECT_FALSE(v[0].explained);
}

struct PeopleCase {
  int step;
  std::vector<Person> people;
  Strings codes;
};

TEST(DevelopmentRulesTest, ContactsOneOrTwoSponsorsExactlyTwo) {
  const std::vector<PeopleCase> cases = {
      {5, {}, {"people_count@5"}},
      {5, {P("甲")}, {}},
      {5, {P("甲"), P("乙")}, {}},
      {5, {P("甲"), P("乙"), P("丙")}, {"people_count@5"}},
      {5, {P("甲"), P("乙", false)}, {"people_not_full@5"}},
      {9, {P("甲")}, {"people_count@9"}},
      {9, {P("甲"), P("乙")}, {}},
      {9, {P("甲"), P("乙"), P("丙")}, {"people_count@9"}},
      {9, {P("甲", false), P("乙")}, {"people_not_full@9"}},
      {9, {P("甲", false)}, {"people_count@9", "people_not_full@9"}},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(std::to_string(c.step) + " with " + std::to_string(c.people.size()));
    Candidate p = Clean();
    First(p, c.step).people = c.people;
    EXPECT_EQ(Codes(p), c.codes);
  }
  Candidate p = Clean();
  First(p, 9).people = {P("甲"), P("乙", false)};
  const auto v = WithCode(p, "people_not_full");
  ASSERT_EQ(v.size(), 1u);
  EXPECT_FALSE(v[0].requires_reason);
  EXPECT_EQ(v[0].field, "people");
  EXPECT_NE(v[0].message.find("乙"), std::string::npos) << v[0].message;
}

struct PoliticalCase {
  Strings reviews;
  std::string vote_on;
  bool expired;
};

TEST(DevelopmentRulesTest, PoliticalReviewValidOneYear) {
  const std::vector<PoliticalCase> cases = {
      {{"2023-07-01"}, "2024-07-01", false},
      {{"2023-07-01"}, "2024-07-02", true},
      {{"2023-02-28"}, "2024-02-28", false},
      {{"2023-02-28"}, "2024-02-29", true},
      {{"2024-02-29"}, "2025-02-28", false},
      {{"2024-02-29"}, "2025-03-01", true},
      {{"2022-05-01", "2023-06-01"}, "2023-07-01", false},  // redone: the latest counts
      {{"2023-06-01", "2022-05-01"}, "2023-07-01", false},
      {{"2022-05-01", "2024-08-01"}, "2023-07-01", true},   // redone after the vote: no help
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.vote_on);
    Candidate p;
    for (const auto& d : c.reviews) p.records.push_back(R(10, d));
    p.records.push_back(Vote(15, c.vote_on, 3, 3, 3));
    EXPECT_EQ(CodesIn(p, {"political_review_expired"}),
              c.expired ? Strings{"political_review_expired@15"} : Strings{});
  }
}

struct TrainingCase {
  int days;
  int hours;
  bool short_;
};

TEST(DevelopmentRulesTest, TrainingThreeDaysOr24Hours) {
  const std::vector<TrainingCase> cases = {
      {3, 0, false}, {2, 23, true}, {2, 24, false}, {0, 24, false},
      {0, 0, true},  {2, 0, true},  {5, 40, false}, {0, 23, true},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(std::to_string(c.days) + " days " + std::to_string(c.hours) + " hours");
    Candidate p = Clean();
    First(p, 11).training_days = c.days;
    First(p, 11).training_hours = c.hours;
    EXPECT_EQ(Codes(p), c.short_ ? Strings{"training_short@11"} : Strings{});
  }
}

struct VoteCase {
  int voting;
  int present;
  int in_favour;
  Strings codes;  // without the "@step"
};

TEST(DevelopmentRulesTest, BranchVoteQuorumAndMajority) {
  const std::vector<VoteCase> cases = {
      {10, 5, 5, {"vote_no_quorum", "vote_not_passed"}},
      {10, 6, 6, {}},
      {10, 6, 5, {"vote_not_passed"}},
      {10, 10, 5, {"vote_not_passed"}},
      {10, 10, 6, {}},
      {9, 5, 5, {}},
      {9, 4, 4, {"vote_no_quorum", "vote_not_passed"}},
      {3, 2, 2, {}},
      {0, 0, 0, {"vote_missing"}},
      {10, 11, 6, {"vote_inconsistent"}},
      {10, 6, 7, {"vote_inconsistent"}},
      {10, -1, 0, {"vote_inconsistent"}},
  };
  for (const int step : {15, 23}) {
    for (const auto& c : cases) {
      SCOPED_TRACE("step " + std::to_string(step) + ": " + std::to_string(c.voting) + "/" +
                   std::to_string(c.present) + "/" + std::to_string(c.in_favour));
      Candidate p = Clean();
      StepRecord& r = First(p, step);
      r.voting = c.voting;
      r.present = c.present;
      r.in_favour = c.in_favour;
      Strings expected;
      for (const auto& code : c.codes) expected.push_back(code + "@" + std::to_string(step));
      EXPECT_EQ(Codes(p), expected);
      for (const auto& v : CheckPath(p, kToday)) EXPECT_FALSE(v.requires_reason) << v.code;
    }
  }
}

struct ApprovalCase {
  std::string vote_on;
  std::string approved_on;
  std::string reason;
  Strings codes;
};

TEST(DevelopmentRulesTest, ApprovalWithinThreeMonthsAtMostSix) {
  const std::vector<ApprovalCase> cases = {
      {"2024-01-15", "2024-04-15", "", {}},
      {"2024-01-15", "2024-04-16", "", {"approval_late@17"}},
      {"2024-01-15", "2024-04-16", "上级党委换届", {}},
      {"2024-01-15", "2024-07-15", "上级党委换届", {}},
      {"2024-01-15", "2024-07-16", "上级党委换届", {"approval_too_late@17"}},
      {"2024-01-15", "2024-07-16", "", {"approval_too_late@17"}},
      {"2023-11-30", "2024-02-29", "", {}},
      {"2023-11-30", "2024-03-01", "", {"approval_late@17"}},
      {"2023-08-31", "2024-02-29", "special", {}},
      {"2023-08-31", "2024-03-01", "special", {"approval_too_late@17"}},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.vote_on + " → " + c.approved_on + " " + c.reason);
    Candidate p;
    p.records = {Vote(15, c.vote_on, 5, 5, 5), R(17, c.approved_on)};
    p.records[1].reason = c.reason;
    EXPECT_EQ(CodesIn(p, {"approval_late", "approval_too_late"}), c.codes);
  }
  Candidate p;
  p.records = {Vote(15, "2024-01-15", 5, 5, 5), R(17, "2024-04-16")};
  auto v = WithCode(p, "approval_late");
  ASSERT_EQ(v.size(), 1u);
  EXPECT_TRUE(v[0].requires_reason);
  EXPECT_FALSE(v[0].explained);
  EXPECT_EQ(v[0].field, "reason");
  p.records[1] = R(17, "2024-08-01");
  p.records[1].reason = "原因";
  v = WithCode(p, "approval_too_late");
  ASSERT_EQ(v.size(), 1u);
  EXPECT_FALSE(v[0].requires_reason);
}

TEST(DevelopmentRulesTest, ProbationEndsOneYearAfterTheVote) {
  EXPECT_EQ(ProbationEnds(D("2024-07-01"), 0), D("2025-07-01"));
  EXPECT_EQ(ProbationEnds(D("2024-02-29"), 0), D("2025-02-28"));
  EXPECT_EQ(ProbationEnds(D("2024-02-29"), 6), D("2025-08-29"));
  EXPECT_EQ(ProbationEnds(D("2024-07-01"), 12), D("2026-07-01"));
  EXPECT_EQ(ProbationEnds(D("2023-08-31"), 6), D("2025-02-28"));
  EXPECT_EQ(ProbationEnds(D("2023-01-31"), 1), D("2024-02-29"));

  EXPECT_FALSE(ProbationOf(Upto(14)).has_value());
  auto p = ProbationOf(Upto(20));
  ASSERT_TRUE(p.has_value());
  EXPECT_EQ(p->starts_on, D("2023-07-01"));
  EXPECT_EQ(p->ends_on, D("2024-07-01"));
  EXPECT_EQ(p->extension_months, 0);
  EXPECT_FALSE(p->full_on.has_value());
  p = ProbationOf(Clean());
  ASSERT_TRUE(p.has_value());
  EXPECT_EQ(p->full_on, D("2024-08-01"));
}

// A branch that extends the 预备期 at the end of the year, then votes again after it.
Candidate Extended(int months, const std::string& conversion_on, const std::string& approval_on) {
  Candidate c = Upto(22);
  StepRecord ext = Vote(23, "2024-07-01", 10, 8, 8);
  ext.extension_months = months;
  ext.reason = "思想汇报不及时，需继续考察";
  c.records.push_back(ext);
  if (!conversion_on.empty()) c.records.push_back(Vote(23, conversion_on, 10, 8, 8));
  if (!approval_on.empty()) c.records.push_back(R(24, approval_on));
  return c;
}

struct ExtensionCase {
  int months;
  Strings codes;
  std::string ends_on;
};

TEST(DevelopmentRulesTest, ExtensionOnceSixToTwelveMonths) {
  const std::vector<ExtensionCase> cases = {
      {5, {"extension_length@23"}, "2024-12-01"},
      {6, {}, "2025-01-01"},
      {12, {}, "2025-07-01"},
      {13, {"extension_length@23"}, "2025-08-01"},
      {-6, {"extension_length@23"}, "2024-07-01"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.months);
    const Candidate p = Extended(c.months, "", "");
    EXPECT_EQ(Codes(p), c.codes);
    const auto prob = ProbationOf(p);
    ASSERT_TRUE(prob.has_value());
    EXPECT_EQ(prob->ends_on, D(c.ends_on));
    EXPECT_EQ(prob->extension_months, std::max(c.months, 0));
  }
  // A second extension.
  Candidate p = Extended(6, "", "");
  StepRecord again = Vote(23, "2025-01-01", 10, 8, 8);
  again.extension_months = 6;
  again.reason = "再延长";
  p.records.push_back(again);
  EXPECT_EQ(Codes(p), Strings{"extension_repeated@23"});
  EXPECT_EQ(ProbationOf(p)->ends_on, D("2025-01-01"));
  // No reason.
  p = Extended(6, "", "");
  p.records.back().reason.clear();
  const auto v = WithCode(p, "extension_reason");
  ASSERT_EQ(v.size(), 1u);
  EXPECT_TRUE(v[0].requires_reason);
  EXPECT_FALSE(v[0].explained);
  EXPECT_EQ(v[0].field, "reason");
  // The vote after the extension waits for the extended end.
  EXPECT_EQ(Codes(Extended(6, "2024-12-31", "")), Strings{"probation_not_ended@23"});
  EXPECT_EQ(Codes(Extended(6, "2025-01-01", "2025-02-01")), Strings{});
}

struct ConversionCase {
  int extension;
  std::string approved_on;
  Strings codes;
};

TEST(DevelopmentRulesTest, ConversionApprovalWithinThreeMonthsOfTheEnd) {
  const std::vector<ConversionCase> cases = {
      {0, "2024-10-01", {}},
      {0, "2024-10-02", {"conversion_approval_late@24"}},
      {0, "2024-07-01", {}},
      {0, "2024-06-30", {"probation_not_ended@24"}},
      {6, "2025-04-01", {}},
      {6, "2025-04-02", {"conversion_approval_late@24"}},
      {6, "2024-12-31", {"probation_not_ended@24"}},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(std::to_string(c.extension) + " → " + c.approved_on);
    Candidate p;
    p.records = {Vote(15, "2023-07-01", 5, 5, 5)};
    if (c.extension > 0) {
      StepRecord ext = Vote(23, "2024-07-01", 5, 5, 5);
      ext.extension_months = c.extension;
      ext.reason = "延长";
      p.records.push_back(ext);
    }
    p.records.push_back(R(24, c.approved_on));
    EXPECT_EQ(CodesIn(p, {"conversion_approval_late", "probation_not_ended"}), c.codes);
  }
  // The conversion vote itself a day before the end.
  Candidate p = Clean();
  First(p, 23).date = "2024-06-30";
  EXPECT_EQ(Codes(p), Strings{"probation_not_ended@23"});
  p = Clean();
  First(p, 24).date = "2024-10-02";
  First(p, 24).reason = "上级党委集中审批";
  const auto v = WithCode(p, "conversion_approval_late");
  ASSERT_EQ(v.size(), 1u);
  EXPECT_TRUE(v[0].requires_reason);
  EXPECT_TRUE(v[0].explained);
}

TEST(DevelopmentRulesTest, OutOfOrderNeedsReason) {
  Candidate p = Clean();
  First(p, 4).date = "2022-03-20";  // 备案 before the 积极分子 was determined
  auto v = CheckPath(p, kToday);
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v[0].code, "out_of_order");
  EXPECT_EQ(v[0].step, 4);
  EXPECT_EQ(v[0].field, "date");
  EXPECT_TRUE(v[0].requires_reason);
  EXPECT_FALSE(v[0].explained);
  EXPECT_NE(v[0].message.find("第3步「推荐和确定入党积极分子」（2022-04-01）"), std::string::npos)
      << v[0].message;
  First(p, 4).reason = "补录，原记录日期有误";
  v = CheckPath(p, kToday);
  ASSERT_EQ(v.size(), 1u);
  EXPECT_TRUE(v[0].explained);

  // Same day is in order; a day earlier than two earlier steps names both.
  p = Clean();
  First(p, 5).date = "2022-04-10";
  EXPECT_EQ(Codes(p), Strings{});
  First(p, 5).date = "2022-03-31";
  v = CheckPath(p, kToday);
  ASSERT_EQ(v.size(), 1u);
  EXPECT_NE(v[0].message.find("第3步"), std::string::npos);
  EXPECT_NE(v[0].message.find("第4步"), std::string::npos);
}

TEST(DevelopmentRulesTest, MissingPrerequisiteReportedOnceOnTheNextStep) {
  const Candidate p = Without({4, 5, 8});
  EXPECT_EQ(Codes(p), (Strings{"prerequisite_missing@6", "prerequisite_missing@9"}));
  const auto v = CheckPath(p, kToday);
  ASSERT_EQ(v.size(), 2u);
  EXPECT_TRUE(v[0].requires_reason);
  EXPECT_NE(v[0].message.find("第4步「报上级党委备案」"), std::string::npos) << v[0].message;
  EXPECT_NE(v[0].message.find("第5步「指定培养联系人」"), std::string::npos) << v[0].message;
  EXPECT_EQ(p.records[static_cast<std::size_t>(v[0].record)].date, "2022-09-20");  // first review
  EXPECT_NE(v[1].message.find("第8步"), std::string::npos) << v[1].message;

  // Records begin at step 3: steps 1 and 2 are missing, shown on step 3.
  Candidate q;
  q.records = {R(3, "2022-04-01")};
  EXPECT_EQ(Codes(q), Strings{"prerequisite_missing@3"});
}

TEST(DevelopmentRulesTest, FutureUnknownAndInvalidDates) {
  Candidate p;
  p.birth_date = "1990-01-01";
  p.records = {R(1, "2026-03-15")};
  EXPECT_EQ(Codes(p), Strings{});
  p.records = {R(1, "2026-03-16")};
  EXPECT_EQ(Codes(p), Strings{"future_date@1"});
  EXPECT_FALSE(WithCode(p, "future_date")[0].requires_reason);
  p.records = {R(1, "2023-02-29")};
  EXPECT_EQ(Codes(p), Strings{"date_invalid@1"});
  p.records = {R(1, "2024/01/01")};
  EXPECT_EQ(Codes(p), Strings{"date_invalid@1"});
  p.records = {R(0, "2024-01-01"), R(26, "2024-01-01")};
  EXPECT_EQ(Codes(p), (Strings{"step_unknown@0", "step_unknown@26"}));
  // An invalid record is otherwise ignored: it neither satisfies nor breaks order.
  p.records = {R(1, "2024-01-10"), R(2, "2024-13-01")};
  EXPECT_EQ(Codes(p), Strings{"date_invalid@2"});
  EXPECT_EQ(StageOf(p), 1);
}

TEST(DevelopmentRulesTest, RepeatedStepNeedsReason) {
  Candidate p = Clean();
  p.records.push_back(R(2, "2022-02-06"));
  EXPECT_EQ(Codes(p), Strings{"step_repeated@2"});
  EXPECT_TRUE(WithCode(p, "step_repeated")[0].requires_reason);
  // Repeatable steps: reviews, 政审 redone, 继续教育考察.
  p = Clean();
  p.records.push_back(R(10, "2023-06-20"));
  p.records.push_back(R(21, "2024-05-01"));
  EXPECT_EQ(Codes(p), Strings{});
}

TEST(DevelopmentRulesTest, ViolationsSortedByStepThenDate) {
  Candidate p = Clean();
  First(p, 11).training_days = 1;
  First(p, 2).date = "2022-02-11";
  p.records.push_back(R(25, "2027-01-01"));
  EXPECT_EQ(Codes(p), (Strings{"talk_late@2", "training_short@11", "future_date@25",
                               "step_repeated@25"}));
}

struct StageCase {
  int upto;
  int stage;
};

TEST(DevelopmentRulesTest, StageOfTheLastRecordedStep) {
  const std::vector<StageCase> cases = {
      {0, 0},   {1, 1},   {2, 1},   {3, 2},   {6, 2},   {7, 3},   {11, 3},
      {12, 4},  {15, 4},  {18, 4},  {19, 5},  {22, 5},  {24, 5},  {25, 5},
  };
  for (const auto& c : cases) EXPECT_EQ(StageOf(Upto(c.upto)), c.stage) << c.upto;
  // Out of order still counts: the highest step decides.
  Candidate p = Upto(2);
  p.records.push_back(R(7, "2022-01-01"));
  EXPECT_EQ(StageOf(p), 3);
}

// ---- NextDue ----

std::string Show(const std::vector<Due>& due) {
  std::string out;
  for (const auto& d : due) {
    out += std::to_string(d.step) + ":" + FormatDate(d.due_on) + (d.overdue ? "!" : "") + " ";
  }
  return out;
}

TEST(DevelopmentDueTest, TalkWithinAMonthOfTheApplication) {
  Candidate p;
  p.birth_date = "1990-01-01";
  p.records = {R(1, "2026-01-31")};
  auto due = NextDue(p, D("2026-02-28"));
  EXPECT_EQ(Show(due), "2:2026-02-28 ");
  EXPECT_FALSE(due[0].title.empty());
  EXPECT_EQ(Show(NextDue(p, D("2026-03-01"))), "2:2026-02-28! ");
  p.records.push_back(R(2, "2026-02-10"));
  EXPECT_EQ(Show(NextDue(p, D("2026-03-01"))), "");
}

TEST(DevelopmentDueTest, SixMonthlyReviewFromStep3OrTheLastReview) {
  EXPECT_EQ(Show(NextDue(Upto(5), D("2022-10-01"))), "6:2022-10-01 ");
  EXPECT_EQ(Show(NextDue(Upto(5), D("2022-10-02"))), "6:2022-10-01! ");
  Candidate p = Upto(6);  // reviews 2022-09-20 and 2023-03-15
  EXPECT_EQ(Show(NextDue(p, D("2023-03-20"))), "6:2023-09-15 ");
  p.records.push_back(R(6, "2022-12-31"));  // an older review listed last changes nothing
  EXPECT_EQ(Show(NextDue(p, D("2023-03-20"))), "6:2023-09-15 ");
  EXPECT_EQ(Show(NextDue(Upto(7), D("2023-04-02"))), "");
}

TEST(DevelopmentDueTest, PoliticalReviewExpiresAfterAYear) {
  EXPECT_EQ(Show(NextDue(Upto(10), D("2023-06-01"))), "10:2024-05-01 ");
  Candidate p = Upto(14);
  p.records.push_back(R(10, "2024-03-01"));
  EXPECT_EQ(Show(NextDue(p, D("2025-03-02"))), "10:2025-03-01! ");
  EXPECT_EQ(Show(NextDue(Upto(15), D("2023-07-02"))).find("10:"), std::string::npos);
}

TEST(DevelopmentDueTest, ApprovalAndProbationInDateOrder) {
  // Vote 2023-07-01: approval by 2023-10-01; 预备期 ends 2024-07-01; 转正审批 by 2024-10-01.
  EXPECT_EQ(Show(NextDue(Upto(15), D("2023-10-01"))),
            "17:2023-10-01 22:2024-07-01 23:2024-07-01 24:2024-10-01 ");
  EXPECT_EQ(Show(NextDue(Upto(16), D("2023-10-02"))),
            "17:2023-10-01! 22:2024-07-01 23:2024-07-01 24:2024-10-01 ");
  EXPECT_EQ(Show(NextDue(Upto(21), D("2024-07-02"))),
            "22:2024-07-01! 23:2024-07-01! 24:2024-10-01 ");
  EXPECT_EQ(Show(NextDue(Upto(22), D("2024-07-01"))), "23:2024-07-01 24:2024-10-01 ");
  EXPECT_EQ(Show(NextDue(Upto(23), D("2024-10-02"))), "24:2024-10-01! ");
  EXPECT_EQ(Show(NextDue(Clean(), kToday)), "");
}

TEST(DevelopmentDueTest, OverdueItemsFromSeveralStepsSortByDate) {
  // Step 2 never recorded: its talk is overdue since 2022-02-10, listed before the approval.
  Candidate p = Without({2});
  std::erase_if(p.records, [](const StepRecord& r) { return r.step > 15; });
  const auto due = NextDue(p, D("2023-10-02"));
  EXPECT_EQ(Show(due), "2:2022-02-10! 17:2023-10-01! 22:2024-07-01 23:2024-07-01 24:2024-10-01 ");
  for (std::size_t i = 1; i < due.size(); ++i) EXPECT_LE(due[i - 1].due_on, due[i].due_on);
}

TEST(DevelopmentDueTest, ExtensionMovesTheProbationEnd) {
  // Extended by 6 months at 2024-07-01: the end is 2025-01-01, the approval by 2025-04-01.
  EXPECT_EQ(Show(NextDue(Extended(6, "", ""), D("2024-12-01"))), "23:2025-01-01 24:2025-04-01 ");
  EXPECT_EQ(Show(NextDue(Extended(6, "2025-01-02", ""), D("2025-04-02"))), "24:2025-04-01! ");
  EXPECT_EQ(Show(NextDue(Extended(6, "2025-01-02", "2025-02-01"), D("2025-04-02"))), "");
}

}  // namespace
}  // namespace qizhi::party::development
