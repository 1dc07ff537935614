// Where a person stands on the path (RoleOf) and the basic information of a candidate
// (ValidateCandidate): the member record's rules without the membership dates.
#include <gtest/gtest.h>

#include <set>

#include "party/development/rules.hpp"

namespace qizhi::party::development {
namespace {

StepRecord R(int step, const std::string& date) {
  StepRecord r;
  r.step = step;
  r.date = date;
  return r;
}

TEST(DevelopmentRole, FollowsTheStepsThatChangeIt) {
  struct Case {
    std::vector<StepRecord> records;
    std::string role, since;
  } cases[] = {
      {{}, "", ""},
      {{R(1, "2023-01-05")}, "申请人", "2023-01-05"},
      {{R(1, "2023-01-05"), R(2, "2023-01-20")}, "申请人", "2023-01-05"},
      {{R(1, "2023-01-05"), R(3, "2023-04-01")}, "积极分子", "2023-04-01"},
      {{R(1, "2023-01-05"), R(3, "2023-04-01"), R(7, "2024-04-02")}, "发展对象", "2024-04-02"},
      // The branch vote alone does not make a 预备党员: the superior committee approves it.
      {{R(3, "2023-04-01"), R(7, "2024-04-02"), R(15, "2024-09-01")}, "发展对象", "2024-04-02"},
      // Approved: 预备党员 from the day of the vote (the 入党日期).
      {{R(7, "2024-04-02"), R(15, "2024-09-01"), R(17, "2024-10-15")}, "预备党员", "2024-09-01"},
      {{R(15, "2024-09-01"), R(17, "2024-10-15"), R(24, "2025-09-20")}, "正式党员", "2025-09-20"},
      // Invalid dates and unknown steps count for nothing.
      {{R(1, "2023-02-30"), R(26, "2023-03-01")}, "", ""},
  };
  for (const auto& c : cases) {
    Candidate cand;
    cand.birth_date = "1995-01-01";
    cand.records = c.records;
    const RoleInfo role = RoleOf(cand);
    EXPECT_EQ(role.role, c.role);
    EXPECT_EQ(role.since, c.since);
  }
}

TEST(DevelopmentRole, RolesListAndFirstDate) {
  EXPECT_EQ(Roles().size(), 5u);
  EXPECT_EQ(Roles().front(), "申请人");
  Candidate c;
  c.records = {R(6, "2023-09-01"), R(6, "2023-03-01"), R(6, "bad")};
  EXPECT_EQ(FirstDateOf(c, 6), "2023-03-01");
  EXPECT_EQ(FirstDateOf(c, 7), "");
}

CandidateInput Valid() {
  // 500101 19990312 123(odd: 男) + check character.
  return {"赵一鸣", "男", "50010119990312123X", "汉族", "大学本科", "在岗职工", "护士", "13912345678"};
}

TEST(DevelopmentCandidate, ValidPersonGivesBirthDate) {
  CandidateInput in = Valid();
  // Find the right check character for the 17 digits.
  for (char ch : std::string("0123456789X")) {
    in.id_number = std::string("50010119990312123") + ch;
    if (ValidateCandidate(in, Date{2026, 3, 15}).ok()) break;
  }
  auto v = ValidateCandidate(in, Date{2026, 3, 15});
  ASSERT_TRUE(v.ok()) << v.error().field << " " << v.error().message;
  EXPECT_EQ(v.value().birth_date, "1999-03-12");
}

TEST(DevelopmentCandidate, UnderEighteenIsNotRefusedHere) {
  // Age is the rule of step 1 (under_age), judged on the application date, not on today.
  CandidateInput in = Valid();
  bool any_ok = false;
  for (char ch : std::string("0123456789X")) {
    in.id_number = std::string("50010120100312123") + ch;
    if (ValidateCandidate(in, Date{2026, 3, 15}).ok()) any_ok = true;
  }
  EXPECT_TRUE(any_ok);
}

TEST(DevelopmentCandidate, ErrorsNameTheFields) {
  CandidateInput in = Valid();
  in.name = "";
  in.id_number = "500101199903121230";  // wrong check character or not: sex/ID fault either way
  in.education = "博士后";
  in.phone = "12345";
  auto v = ValidateCandidate(in, Date{2026, 3, 15});
  ASSERT_FALSE(v.ok());
  std::set<std::string> fields;
  for (const auto& e : v.errors()) fields.insert(e.field);
  EXPECT_TRUE(fields.count("name"));
  EXPECT_TRUE(fields.count("education"));
  EXPECT_TRUE(fields.count("phone"));
  EXPECT_FALSE(fields.count("joined_on"));
  EXPECT_FALSE(fields.count("status"));
}

}  // namespace
}  // namespace qizhi::party::development
