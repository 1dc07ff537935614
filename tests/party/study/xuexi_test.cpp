#include "party/study/xuexi.hpp"

#include <gtest/gtest.h>

namespace qizhi::party::study {
namespace {

using Grid = platform::sheet::Grid;

TEST(XuexiPercentTest, PercentTextPlainNumberAndExcelFraction) {
  EXPECT_EQ(ParsePercentPerMille("98.5%"), 985);
  EXPECT_EQ(ParsePercentPerMille("98.5"), 985);
  EXPECT_EQ(ParsePercentPerMille("0.985"), 985);
  EXPECT_EQ(ParsePercentPerMille("98.55%"), 986);  // half up
  EXPECT_EQ(ParsePercentPerMille("0.98549"), 985);
  EXPECT_EQ(ParsePercentPerMille("100%"), 1000);
  EXPECT_EQ(ParsePercentPerMille("1"), 1000);      // a fraction: Excel's 100%
  EXPECT_EQ(ParsePercentPerMille("0"), 0);
  EXPECT_EQ(ParsePercentPerMille(" 66.7 ％"), 667);
  EXPECT_EQ(ParsePercentPerMille("100.1%"), std::nullopt);
  EXPECT_EQ(ParsePercentPerMille("-5%"), std::nullopt);
  EXPECT_EQ(ParsePercentPerMille("abc"), std::nullopt);
  EXPECT_EQ(ParsePercentPerMille(""), std::nullopt);
}

TEST(XuexiPointsTest, TenthsRoundHalfUp) {
  EXPECT_EQ(ParseTenths("1523.6"), 15236);
  EXPECT_EQ(ParseTenths("1523"), 15230);
  EXPECT_EQ(ParseTenths("1,523.65"), 15237);
  EXPECT_EQ(ParseTenths("0"), 0);
  EXPECT_EQ(ParseTenths("-1"), std::nullopt);
  EXPECT_EQ(ParseTenths("1e3"), std::nullopt);
}

TEST(XuexiPeriodTest, MonthFrom2019ToThisMonth) {
  const Date today{2026, 11, 24};
  EXPECT_TRUE(ValidatePeriod("2026-11", today).ok());
  EXPECT_TRUE(ValidatePeriod("2019-01", today).ok());
  EXPECT_FALSE(ValidatePeriod("2026-12", today).ok());
  EXPECT_FALSE(ValidatePeriod("2018-12", today).ok());
  EXPECT_FALSE(ValidatePeriod("2026-13", today).ok());
  EXPECT_FALSE(ValidatePeriod("2026-1", today).ok());
  EXPECT_FALSE(ValidatePeriod("", today).ok());
  EXPECT_EQ(ValidatePeriod("", today).error().field, "period");
}

TEST(XuexiParseTest, TitleRowAliasesComputedRateAndTotalsSkipped) {
  Grid g = {{"学习强国组织学习情况统计（2026年10月）"},
            {"*党组织名称", "党员人数", "激活人数", "激活率(%)", "活跃率", "人均学习积分（分）"},
            {"内科党支部", "20", "19", "0.95", "80%", "1523.6"},
            {"外科党支部", "12", "12", "", "", ""},
            {"", "", "", "", "", ""},
            {"合计", "32", "31", "", "", ""}};
  auto p = ParseXuexi(g);
  ASSERT_TRUE(p.errors.empty()) << p.errors[0].message;
  ASSERT_EQ(p.rows.size(), 2u);
  EXPECT_EQ(p.rows[0].line, 3);
  EXPECT_EQ(p.rows[0].unit, "内科党支部");
  EXPECT_EQ(p.rows[0].members, 20);
  EXPECT_EQ(p.rows[0].registered, 19);
  EXPECT_EQ(p.rows[0].registration_rate, 950);
  EXPECT_EQ(p.rows[0].active_rate, 800);
  EXPECT_EQ(p.rows[0].avg_points, 15236);
  EXPECT_TRUE(p.rows[0].valid);
  EXPECT_EQ(p.rows[1].registration_rate, 1000);  // 12 of 12, computed
  EXPECT_EQ(p.rows[1].active_rate, std::nullopt);
}

TEST(XuexiParseTest, ComputedRateRoundsHalfUp) {
  auto p = ParseXuexi({{"组织名称", "成员数", "注册人数"}, {"甲", "3", "2"}, {"乙", "16", "1"}, {"丙", "0", "0"}});
  ASSERT_TRUE(p.errors.empty());
  EXPECT_EQ(p.rows[0].registration_rate, 667);
  EXPECT_EQ(p.rows[1].registration_rate, 63);
  EXPECT_EQ(p.rows[2].registration_rate, 0);
}

TEST(XuexiParseTest, EveryRowErrorNamesLineAndField) {
  Grid g = {{"组织名称", "成员数", "注册人数", "注册率", "活跃度", "人均积分"},
            {"内科党支部", "20", "21", "", "", ""},
            {"内科党支部", "x", "1", "", "", ""},
            {"", "5", "-1", "120%", "abc", "-3"}};
  auto p = ParseXuexi(g);
  std::vector<std::string> got;
  for (const auto& e : p.errors) got.push_back(std::to_string(e.line) + "|" + e.field);
  EXPECT_EQ(got, (std::vector<std::string>{"2|registered", "3|unit", "3|members", "4|unit", "4|registered",
                                           "4|registration_rate", "4|active_rate", "4|avg_points"}));
  EXPECT_EQ(p.errors[0].column, "注册人数");
  EXPECT_NE(p.errors[0].message.find("不能多于成员数"), std::string::npos);
  for (const auto& r : p.rows) EXPECT_FALSE(r.valid);
}

TEST(XuexiParseTest, MissingHeaderOrRequiredColumnOrRows) {
  EXPECT_EQ(ParseXuexi({{"姓名", "积分"}, {"张三", "1"}}).errors.at(0).field, "file");
  auto p = ParseXuexi({{"组织名称", "成员数"}, {"甲", "3"}});
  ASSERT_EQ(p.errors.size(), 1u);
  EXPECT_EQ(p.errors[0].field, "registered");
  EXPECT_EQ(p.errors[0].message, "缺少“注册人数”列");
  EXPECT_EQ(ParseXuexi({{"组织名称", "成员数", "注册人数"}}).errors.at(0).message, "表头下没有数据行");
}

}  // namespace
}  // namespace qizhi::party::study
