#include "party/org/rules.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace qizhi::party::org {
namespace {

const Date kToday{2026, 3, 15};

std::vector<std::string> Codes(const UnitFacts& facts, const Date& today = kToday) {
  std::vector<std::string> out;
  for (const auto& w : UnitWarnings(facts, today)) {
    EXPECT_FALSE(w.message.empty()) << w.code;
    out.push_back(w.code);
  }
  return out;
}

// A branch that breaks no rule unless a case changes it.
UnitFacts Branch(int full, int probationary = 0) {
  UnitFacts f;
  f.kind = std::string(kBranch);
  f.full_members = full;
  f.probationary_members = probationary;
  f.has_secretary = true;
  if (full >= 7) f.committee_size = 5;
  return f;
}

TEST(OrgRulesTest, KindTitles) {
  EXPECT_EQ(KindTitle(kCommittee), "党委");
  EXPECT_EQ(KindTitle(kGeneralBranch), "党总支");
  EXPECT_EQ(KindTitle(kBranch), "党支部");
  EXPECT_EQ(KindTitle(kGroup), "党小组");
  EXPECT_EQ(KindTitle("team"), "team");
  EXPECT_TRUE(IsKnownKind("group"));
  EXPECT_FALSE(IsKnownKind("Group"));
  EXPECT_FALSE(IsKnownKind(""));
}

struct ChildCase {
  std::string parent;
  std::string child;
  bool ok;
};

TEST(OrgRulesTest, ChildKinds) {
  const std::vector<ChildCase> cases = {
      {"committee", "committee", true},   {"committee", "general_branch", true},
      {"committee", "branch", true},      {"committee", "group", false},
      {"general_branch", "branch", true}, {"general_branch", "general_branch", false},
      {"general_branch", "group", false}, {"general_branch", "committee", false},
      {"branch", "group", true},          {"branch", "branch", false},
      {"branch", "committee", false},     {"group", "group", false},
      {"group", "branch", false},         {"committee", "team", false},
      {"team", "branch", false},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.parent + " > " + c.child);
    const auto r = CheckChildKind(c.parent, c.child);
    EXPECT_EQ(r.ok(), c.ok);
    if (!r.ok()) {
      EXPECT_EQ(r.error().field, "kind");
      EXPECT_EQ(r.error().code, ErrorCode::kInvalid);
      EXPECT_FALSE(r.error().message.empty());
    }
  }
  EXPECT_EQ(CheckChildKind("branch", "branch").error().message, "党支部下不能设立党支部");
  EXPECT_EQ(CheckChildKind("group", "group").error().message, "党小组下不能设立下级组织");
}

struct WarningCase {
  std::string name;
  UnitFacts facts;
  std::vector<std::string> codes;
};

TEST(OrgRulesTest, BranchThresholdsOfTheRegulation) {
  UnitFacts no_committee_7 = Branch(7);
  no_committee_7.committee_size.reset();
  UnitFacts no_committee_6 = Branch(6);
  UnitFacts committee_2 = Branch(10);
  committee_2.committee_size = 2;
  UnitFacts committee_3 = Branch(10);
  committee_3.committee_size = 3;
  UnitFacts committee_7 = Branch(10);
  committee_7.committee_size = 7;
  UnitFacts committee_8 = Branch(10);
  committee_8.committee_size = 8;
  UnitFacts no_secretary = Branch(5);
  no_secretary.has_secretary = false;
  const std::vector<WarningCase> cases = {
      {"2 full members", Branch(2), {"branch_too_few_full"}},
      {"3 full members", Branch(3), {}},
      // Probationary members do not count towards the 3.
      {"2 full + 5 probationary", Branch(2, 5), {"branch_too_few_full"}},
      {"50 members", Branch(45, 5), {}},
      {"51 members", Branch(45, 6), {"branch_too_large"}},
      {"51 full members", Branch(51), {"branch_too_large"}},
      {"6 full, no committee", no_committee_6, {}},
      {"7 full, no committee", no_committee_7, {"committee_required"}},
      // 7 members of whom 6 are full: a committee is not yet required.
      {"6 full + 1 probationary", Branch(6, 1), {}},
      {"committee of 2", committee_2, {"committee_size"}},
      {"committee of 3", committee_3, {}},
      {"committee of 7", committee_7, {}},
      {"committee of 8", committee_8, {"committee_size"}},
      {"no secretary", no_secretary, {"secretary_missing"}},
      {"0 members, no secretary",
       [] {
         UnitFacts f = Branch(0);
         f.has_secretary = false;
         return f;
       }(),
       {"branch_too_few_full", "secretary_missing"}},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(Codes(c.facts), c.codes);
  }
}

TEST(OrgRulesTest, GeneralBranchAndCommitteeThresholds) {
  auto unit = [](std::string_view kind, int full, int probationary) {
    UnitFacts f;
    f.kind = std::string(kind);
    f.full_members = full;
    f.probationary_members = probationary;
    f.has_secretary = true;
    return f;
  };
  UnitFacts gb_committee_4 = unit(kGeneralBranch, 60, 0);
  gb_committee_4.committee_size = 4;
  UnitFacts gb_committee_9 = unit(kGeneralBranch, 60, 0);
  gb_committee_9.committee_size = 9;
  UnitFacts gb_committee_10 = unit(kGeneralBranch, 60, 0);
  gb_committee_10.committee_size = 10;
  UnitFacts c_committee_9 = unit(kCommittee, 200, 0);
  c_committee_9.committee_size = 9;
  UnitFacts c_committee_4 = unit(kCommittee, 200, 0);
  c_committee_4.committee_size = 4;
  UnitFacts c_no_secretary = unit(kCommittee, 200, 0);
  c_no_secretary.has_secretary = false;
  const std::vector<WarningCase> cases = {
      {"党总支 49", unit(kGeneralBranch, 40, 9), {"general_branch_size"}},
      {"党总支 50", unit(kGeneralBranch, 40, 10), {}},
      {"党总支 100", unit(kGeneralBranch, 100, 0), {}},
      {"党总支 101", unit(kGeneralBranch, 99, 2), {"general_branch_size"}},
      {"党委 99", unit(kCommittee, 90, 9), {"committee_too_small"}},
      {"党委 100", unit(kCommittee, 90, 10), {}},
      {"党总支委员 4", gb_committee_4, {"committee_size"}},
      {"党总支委员 9", gb_committee_9, {}},
      {"党总支委员 10", gb_committee_10, {"committee_size"}},
      {"党委委员 9", c_committee_9, {}},
      {"党委委员 4", c_committee_4, {"committee_size"}},
      {"党委 no secretary", c_no_secretary, {"secretary_missing"}},
      // Branch rules do not apply to a 党委 with 2 full members, its own size rule does.
      {"党委 2", unit(kCommittee, 2, 0), {"committee_too_small"}},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(Codes(c.facts), c.codes);
  }
}

TEST(OrgRulesTest, GroupHasNoRules) {
  UnitFacts g;
  g.kind = std::string(kGroup);
  g.full_members = 0;
  g.probationary_members = 80;
  g.has_secretary = false;
  g.committee_size = 20;
  g.term_ends_on = Date{2020, 1, 1};
  EXPECT_TRUE(UnitWarnings(g, kToday).empty());
  g.full_members = 1;
  g.probationary_members = 0;
  EXPECT_TRUE(UnitWarnings(g, kToday).empty());
}

struct TermCase {
  std::string today;
  std::vector<std::string> codes;
};

TEST(OrgRulesTest, TermEndingAndExpired) {
  UnitFacts f = Branch(10);
  f.term_ends_on = Date{2027, 3, 15};
  const std::vector<TermCase> cases = {
      {"2026-12-14", {}},               // the day before the 3-month mark
      {"2026-12-15", {"term_ending"}},  // on it
      {"2027-03-14", {"term_ending"}},
      {"2027-03-15", {"term_expired"}},  // on the end date
      {"2030-01-01", {"term_expired"}},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.today);
    EXPECT_EQ(Codes(f, *ParseDate(c.today)), c.codes);
  }
  // A month-end term: the mark is clamped (2027-05-31 − 3 months = 2027-02-28).
  f.term_ends_on = Date{2027, 5, 31};
  EXPECT_EQ(Codes(f, Date{2027, 2, 27}), std::vector<std::string>{});
  EXPECT_EQ(Codes(f, Date{2027, 2, 28}), std::vector<std::string>{"term_ending"});
}

TEST(OrgRulesTest, WarningsComeInCheckOrderWithNumbersInMessages) {
  UnitFacts f = Branch(51, 3);
  f.committee_size.reset();
  f.has_secretary = false;
  f.term_ends_on = Date{2026, 1, 1};
  const auto warnings = UnitWarnings(f, kToday);
  std::vector<std::string> codes;
  for (const auto& w : warnings) codes.push_back(w.code);
  EXPECT_EQ(codes, (std::vector<std::string>{"branch_too_large", "committee_required",
                                             "secretary_missing", "term_expired"}));
  EXPECT_NE(warnings[0].message.find("54"), std::string::npos) << warnings[0].message;
  EXPECT_NE(warnings[1].message.find("51"), std::string::npos) << warnings[1].message;
  EXPECT_NE(warnings[3].message.find("2026-01-01"), std::string::npos) << warnings[3].message;
}

TEST(OrgRulesTest, WarningCodesCatalogueCoversEveryCode) {
  const auto& codes = WarningCodes();
  ASSERT_EQ(codes.size(), 9u);
  const std::vector<std::string> expected = {
      "branch_too_few_full", "branch_too_large",  "committee_required",
      "committee_size",      "secretary_missing", "general_branch_size",
      "committee_too_small", "term_ending",       "term_expired"};
  for (std::size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(codes[i].first, expected[i]);
    EXPECT_FALSE(codes[i].second.empty());
  }
}

TEST(OrgRulesTest, TermEnds) {
  EXPECT_EQ(DefaultTermYears(kBranch), 3);
  EXPECT_EQ(DefaultTermYears(kGeneralBranch), 3);
  EXPECT_EQ(DefaultTermYears(kCommittee), 5);
  EXPECT_EQ(TermEndsOn(Date{2024, 3, 15}, 3), (Date{2027, 3, 15}));
  EXPECT_EQ(TermEndsOn(Date{2024, 2, 29}, 3), (Date{2027, 2, 28}));
  EXPECT_EQ(TermEndsOn(Date{2024, 2, 29}, 4), (Date{2028, 2, 29}));
}

struct SizeCase {
  int members;
  std::string band;
};

TEST(OrgRulesTest, SizeBandsAtTheirEdges) {
  const std::vector<SizeCase> cases = {{0, "lt3"},   {2, "lt3"},    {3, "3to6"},  {6, "3to6"},
                                       {7, "7to50"}, {50, "7to50"}, {51, "gt50"}, {500, "gt50"}};
  for (const auto& c : cases) {
    SCOPED_TRACE(c.members);
    EXPECT_EQ(SizeBand(c.members), c.band);
    const auto bounds = SizeBandBounds(c.band);
    ASSERT_TRUE(bounds.has_value());
    EXPECT_GE(c.members, bounds->first);
    if (bounds->second >= 0) {
      EXPECT_LE(c.members, bounds->second);
    }
  }
  EXPECT_EQ(SizeBandBounds("gt50"), (std::pair{51, -1}));
  EXPECT_EQ(SizeBandBounds("lt3"), (std::pair{0, 2}));
  EXPECT_FALSE(SizeBandBounds("huge").has_value());
  ASSERT_EQ(SizeBands().size(), 4u);
  EXPECT_EQ(SizeBands()[0].first, "lt3");
  EXPECT_EQ(SizeBands()[3].first, "gt50");
}

}  // namespace
}  // namespace qizhi::party::org
