// What the routes store on a person from their records (Derive): role, stage, the dates each
// role began, violation counts (open = not excusable or not yet explained) and the next due date.
#include <gtest/gtest.h>

#include "party/development/path.hpp"

namespace qizhi::party::development {
namespace {

StepRecord R(int step, const std::string& date, const std::string& reason = "") {
  StepRecord r;
  r.step = step;
  r.date = date;
  r.reason = reason;
  return r;
}

const Date kToday{2026, 3, 15};

TEST(DevelopmentDerive, ApplicantWithTheTalkDue) {
  Candidate c;
  c.birth_date = "1998-01-01";
  c.records = {R(1, "2026-01-10")};
  const Derived d = Derive(c, kToday);
  EXPECT_EQ(d.role, "申请人");
  EXPECT_EQ(d.stage, 1);
  EXPECT_EQ(d.last_step, 1);
  EXPECT_EQ(d.applied_on, "2026-01-10");
  EXPECT_EQ(d.activist_on, "");
  EXPECT_EQ(d.violations, 0);
  EXPECT_EQ(d.next_due_on, "2026-02-10");  // overdue on kToday: next_due_on < today
}

TEST(DevelopmentDerive, ExplainedViolationIsCountedButNotOpen) {
  Candidate c;
  c.birth_date = "1998-01-01";
  c.records = {R(1, "2025-01-10"), R(2, "2025-03-01", "外出进修")};
  Derived d = Derive(c, kToday);
  EXPECT_EQ(d.violations, 1);
  EXPECT_EQ(d.open_violations, 0);
  c.records[1].reason.clear();
  d = Derive(c, kToday);
  EXPECT_EQ(d.violations, 1);
  EXPECT_EQ(d.open_violations, 1);
}

TEST(DevelopmentDerive, ProbationDateOnlyOnceApproved) {
  Candidate c;
  c.birth_date = "1990-01-01";
  c.records = {R(7, "2024-04-02"), R(15, "2024-09-01")};
  Derived d = Derive(c, kToday);
  EXPECT_EQ(d.role, "发展对象");
  EXPECT_EQ(d.object_on, "2024-04-02");
  EXPECT_EQ(d.probation_on, "");
  c.records.push_back(R(17, "2024-10-01"));
  d = Derive(c, kToday);
  EXPECT_EQ(d.role, "预备党员");
  EXPECT_EQ(d.probation_on, "2024-09-01");
  EXPECT_EQ(d.stage, 4);
  c.records.push_back(R(24, "2025-09-20"));
  d = Derive(c, kToday);
  EXPECT_EQ(d.role, "正式党员");
  EXPECT_EQ(d.full_on, "2025-09-20");
  EXPECT_EQ(d.probation_on, "2024-09-01");
  EXPECT_EQ(d.last_step, 24);
}

TEST(DevelopmentDerive, HardViolationsAreOpenWhateverTheReason) {
  Violation v;
  v.requires_reason = false;
  v.explained = false;
  EXPECT_TRUE(IsOpen(v));
  v.requires_reason = true;
  EXPECT_TRUE(IsOpen(v));
  v.explained = true;
  EXPECT_FALSE(IsOpen(v));
}

}  // namespace
}  // namespace qizhi::party::development
