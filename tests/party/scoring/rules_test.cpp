#include "party/scoring/rules.hpp"

#include <gtest/gtest.h>

namespace qizhi::party::scoring {
namespace {

Date D(std::string_view text) { return ParseDate(text).value(); }

bool HasField(const Status& s, const std::string& field) {
  if (s.ok()) return false;
  for (const auto& e : s.errors())
    if (e.field == field) return true;
  return false;
}

TEST(DefaultChecklists, LiuyouHasTheSixVenueItems) {
  const auto& lists = DefaultChecklists();
  ASSERT_EQ(lists.size(), 2u);
  EXPECT_EQ(lists[0].code, kLiuyou);
  std::vector<std::string> titles;
  for (const auto& it : lists[0].items) titles.push_back(it.title);
  EXPECT_EQ(titles, (std::vector<std::string>{"有制度", "有党旗", "有誓词", "有专栏", "有电脑", "有台账"}));
  EXPECT_EQ(MaxTotal(lists[0]), 60);
  EXPECT_EQ(lists[1].code, kBranchWork);
  for (const auto& c : lists) EXPECT_TRUE(ValidateChecklist(c).ok()) << c.code;
}

TEST(ValidateChecklist, EachBadFieldNamed) {
  Checklist c{"Bad Code", "", {{"a", "甲", 0, ""}, {"a", "", 101, std::string(501, 'x')}}};
  auto s = ValidateChecklist(c);
  for (const char* f : {"code", "title", "items[0].max_score", "items[1].code", "items[1].title", "items[1].max_score",
                        "items[1].guidance"})
    EXPECT_TRUE(HasField(s, f)) << f;
  EXPECT_TRUE(HasField(ValidateChecklist({"x", "空表", {}}), "items"));
}

TEST(ValidateScores, EveryItemOnceWithinItsMaximum) {
  const Checklist& c = DefaultChecklists()[0];
  std::vector<ItemScore> all;
  for (const auto& it : c.items) all.push_back({it.code, it.max_score, ""});
  EXPECT_TRUE(ValidateScores(c, all).ok());
  EXPECT_EQ(TotalOf(all), 60);

  struct Case {
    int index;
    int score;
    const char* field;
  };
  for (const Case k : {Case{0, -1, "scores[0].score"}, Case{2, 11, "scores[2].score"}}) {
    auto s = all;
    s[k.index].score = k.score;
    auto r = ValidateScores(c, s);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().field, k.field);
    EXPECT_EQ(r.error().message.find("分之间") != std::string::npos, true) << r.error().message;
  }
  auto missing = all;
  missing.pop_back();
  auto r = ValidateScores(c, missing);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().field, "scores");
  EXPECT_EQ(r.error().message, "请为检查项目“有台账”评分");
  auto unknown = all;
  unknown.push_back({"piano", 1, ""});
  EXPECT_TRUE(HasField(ValidateScores(c, unknown), "scores[6].code"));
  auto twice = all;
  twice.push_back(all[0]);
  EXPECT_TRUE(HasField(ValidateScores(c, twice), "scores[6].code"));
}

TEST(ValidateWeights, WholePercentSummingToHundred) {
  EXPECT_TRUE(ValidateWeights(Weights{}).ok());
  EXPECT_TRUE(ValidateWeights({100, 0, 0, 0}).ok());
  auto r = ValidateWeights({40, 30, 15, 10});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().field, "weights");
  EXPECT_EQ(r.error().message, "各项权重之和应为 100，现为 95");
  EXPECT_TRUE(HasField(ValidateWeights({120, -20, 0, 0}), "weights.inspection"));
  EXPECT_TRUE(HasField(ValidateWeights({120, -20, 0, 0}), "weights.meetings"));
}

// The weighting, table-driven: measures per mille, weights percent, score per mille of 100 points.
TEST(Assess, WeightedRenormalisedAndRoundedHalfUp) {
  struct Case {
    const char* name;
    Measures m;
    Weights w;
    std::optional<int> score;
    std::vector<std::string> used, missing;
  };
  const std::vector<Case> cases = {
      {"all four", {900, 800, 700, 600}, {40, 30, 15, 15}, 795, {"inspection", "meetings", "study", "dues"}, {}},
      // Dues absent: (40·900 + 30·800 + 15·700) / 85 = 70500 / 85 = 829.41… → 829
      {"dues absent", {900, 800, 700, std::nullopt}, {40, 30, 15, 15}, 829, {"inspection", "meetings", "study"}, {"dues"}},
      // (40·1000 + 30·667) / 70 = 60010 / 70 = 857.28… → 857
      {"two present", {1000, 667, std::nullopt, std::nullopt}, {40, 30, 15, 15}, 857, {"inspection", "meetings"}, {"study", "dues"}},
      // Half up, exactly: (50·1 + 50·0) / 100 = 0.5 → 1
      {"half rounds up", {1, 0, std::nullopt, std::nullopt}, {50, 50, 0, 0}, 1, {"inspection", "meetings"}, {}},
      // (1·333 + 2·334) / 3 = 1001 / 3 = 333.67 → 334: integers, no float surprise
      {"thirds", {333, 334, std::nullopt, std::nullopt}, {1, 2, 0, 97}, 334, {"inspection", "meetings"}, {"dues"}},
      {"nothing present", {}, {40, 30, 15, 15}, std::nullopt, {}, {"inspection", "meetings", "study", "dues"}},
      // A present measure with weight 0 neither counts nor is missing.
      {"weight zero", {std::nullopt, 500, 900, std::nullopt}, {100, 0, 0, 0}, std::nullopt, {}, {"inspection"}},
      {"clamped", {1500, std::nullopt, std::nullopt, std::nullopt}, {100, 0, 0, 0}, 1000, {"inspection"}, {}},
  };
  for (const auto& c : cases) {
    const auto a = Assess(c.m, c.w);
    EXPECT_EQ(a.score, c.score) << c.name;
    EXPECT_EQ(a.used, c.used) << c.name;
    EXPECT_EQ(a.missing, c.missing) << c.name;
  }
}

TEST(ScoreText, OneDecimalFromPerMille) {
  EXPECT_EQ(ScoreText(873), "87.3");
  EXPECT_EQ(ScoreText(1000), "100.0");
  EXPECT_EQ(ScoreText(5), "0.5");
  EXPECT_EQ(ScoreText(0), "0.0");
}

TEST(Rank, TiesShareARankUnscoredLast) {
  std::vector<Ranked> rows = {
      {1, "行政后勤党支部", "/1/2/", 800, 0}, {2, "内科党支部", "/1/3/", 900, 0}, {3, "外科党支部", "/1/4/", 800, 0},
      {4, "医技党支部", "/1/5/", std::nullopt, 0}, {5, "护理党支部", "/1/6/", 950, 0}, {6, "离退休党支部", "/1/7/", 700, 0},
  };
  Rank(rows);
  std::vector<int64_t> order;
  std::vector<int> ranks;
  for (const auto& r : rows) {
    order.push_back(r.unit_id);
    ranks.push_back(r.rank);
  }
  EXPECT_EQ(order, (std::vector<int64_t>{5, 2, 1, 3, 6, 4}));
  EXPECT_EQ(ranks, (std::vector<int>{1, 2, 3, 3, 5, 0}));
}

TEST(CadenceCompliance, MetOverJudged) {
  EXPECT_EQ(CadenceCompliance({9, 3, 0}), 750);
  EXPECT_EQ(CadenceCompliance({2, 1, 0}), 667);
  EXPECT_EQ(CadenceCompliance({0, 0, 1}), 1000);  // an open period already met counts
  EXPECT_EQ(CadenceCompliance({0, 0, 0}), std::nullopt);
}

TEST(ValidateCommendation, RegulationCases) {
  const Date today = D("2026-11-24");
  EXPECT_TRUE(ValidateCommendation({"outstanding_member", 2026, "2026-07-01", "江北人医党〔2026〕12号"}, today).ok());
  // Last year's work, decided at this year's 七一.
  EXPECT_TRUE(ValidateCommendation({"advanced_branch", 2025, "2026-07-01", "院党委决定"}, today).ok());
  struct Case {
    CommendationInput in;
    const char* field;
    const char* message;
  };
  const std::vector<Case> cases = {
      {{"hero", 2026, "2026-07-01", "决定"}, "kind", "表彰类别应为 先进党支部、优秀党务工作者 或 优秀共产党员"},
      {{"outstanding_member", 1999, "2000-07-01", "决定"}, "year", "表彰年度应在 2000 年至 2026 年之间"},
      {{"outstanding_member", 2024, "2026-07-01", "决定"}, "decided_on", "表彰决定日期应在表彰年度或其次年"},
      {{"outstanding_member", 2026, "2026-12-01", "决定"}, "decided_on", "表彰决定日期不能晚于今天"},
      {{"outstanding_member", 2026, "2026-13-01", "决定"}, "decided_on", "表彰决定日期格式应为 YYYY-MM-DD"},
      {{"outstanding_member", 2026, "2026-07-01", "  "}, "basis", "请填写表彰依据（决定机关及文号）"},
  };
  for (const auto& c : cases) {
    auto r = ValidateCommendation(c.in, today);
    ASSERT_FALSE(r.ok()) << c.field;
    EXPECT_EQ(r.error().field, c.field);
    EXPECT_EQ(r.error().message, c.message);
  }
  EXPECT_TRUE(IsForUnit(kAdvancedBranch));
  EXPECT_FALSE(IsForUnit(kOutstandingMember));
  EXPECT_EQ(KindTitle(kOutstandingWorker), "优秀党务工作者");
}

}  // namespace
}  // namespace qizhi::party::scoring
