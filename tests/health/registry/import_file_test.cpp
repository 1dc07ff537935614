#include "health/registry/import_file.hpp"

#include <gtest/gtest.h>

#include "platform/pii/id_number.hpp"

namespace qizhi::health::registry {
namespace {

const Date kToday{2026, 11, 24};
std::string Id(const std::string& first17) { return first17 + platform::pii::IdNumberCheckCharacter(first17); }

const std::vector<std::string> kHeader{"村", "户编号", "姓名", "身份证号", "与户主关系", "联系电话", "致贫原因", "户类型", "状态日期",
                                       "慢性病", "残疾", "人均纯收入(元)"};

std::vector<std::string> Head(const std::string& number, const std::string& id) {
  return {"东林村", number, "张德明", id, "户主", "", "因病", "脱贫", "2019/12/20", "无", "", "12,500.5"};
}

TEST(RegistryImport, YuanIsReadAsTextIntoFen) {
  EXPECT_EQ(YuanToFen("12500.5"), 1250050);
  EXPECT_EQ(YuanToFen("12,500.50"), 1250050);
  EXPECT_EQ(YuanToFen("0"), 0);
  EXPECT_EQ(YuanToFen("0.01"), 1);
  EXPECT_EQ(YuanToFen("8000"), 800000);
  EXPECT_FALSE(YuanToFen("-5"));
  EXPECT_FALSE(YuanToFen("1.234"));
  EXPECT_FALSE(YuanToFen("一万"));
  EXPECT_FALSE(YuanToFen(""));
}

TEST(RegistryImport, DatesAsCountiesWriteThem) {
  EXPECT_EQ(NormalizeImportDate("2019/12/20"), "2019-12-20");
  EXPECT_EQ(NormalizeImportDate("2023年6月30日"), "2023-06-30");
  EXPECT_EQ(NormalizeImportDate("2016.3.5"), "2016-03-05");
  EXPECT_EQ(NormalizeImportDate("20200229"), "2020-02-29");
  EXPECT_EQ(NormalizeImportDate("2020/7/1 0:00"), "2020-07-01");
  EXPECT_EQ(NormalizeImportDate(""), "");
  EXPECT_FALSE(NormalizeImportDate("2021-02-29"));
  EXPECT_FALSE(NormalizeImportDate("2020-13-01"));
  EXPECT_FALSE(NormalizeImportDate("去年"));
}

TEST(RegistryImport, HouseholdColumnsComeFromTheHeadsRow) {
  auto parsed = ParseImport({kHeader, Head("A1", Id("50022519650312003")),
                             {"", "A1", "李秀英", Id("50022519680101002"), "妻", "", "", "", "", "高血压", "肢体二级", ""}},
                            kToday);
  ASSERT_TRUE(parsed.errors.empty()) << parsed.errors[0].message;
  ASSERT_EQ(parsed.rows.size(), 2u);
  const auto& head = parsed.rows[0];
  EXPECT_TRUE(head.valid);
  EXPECT_EQ(head.line, 2);
  EXPECT_EQ(head.household.status_since, "2019-12-20");
  EXPECT_EQ(head.household.registered_on, "2019-12-20");  // no 建档日期 column
  EXPECT_FALSE(head.registered_given);
  EXPECT_EQ(head.household.income_fen, 1250050);
  EXPECT_EQ(head.household.income_year, 2025);
  EXPECT_TRUE(head.person.chronic.empty());  // 无
  EXPECT_EQ(parsed.rows[1].chronic, "高血压");
  EXPECT_EQ(parsed.rows[1].sex, "女");
}

TEST(RegistryImport, AMonitorKindAloneOrInBracketsMeansMonitored) {
  for (const char* written : {"边缘易致贫户", "监测对象（边缘易致贫户）"}) {
    auto row = Head("A1", Id("50022519650312003"));
    row[7] = written;
    auto parsed = ParseImport({kHeader, row}, kToday);
    ASSERT_TRUE(parsed.errors.empty()) << written << ": " << parsed.errors[0].message;
    EXPECT_EQ(parsed.rows[0].household.status, "监测对象");
    EXPECT_EQ(parsed.rows[0].household.monitor_kind, "边缘易致贫户");
  }
}

TEST(RegistryImport, ErrorsNameLineFieldAndColumn) {
  auto bad = Head("A1", Id("50022519650312003"));
  bad[6] = "因懒";
  bad[8] = "2020-13-01";
  bad[11] = "-5";
  auto dup_head = Head("A1", Id("50022519700101003"));
  auto dup_id = Head("A2", Id("50022519650312003"));
  dup_id[4] = "子";
  auto parsed = ParseImport({{"建档立卡户名单"}, kHeader, bad, dup_head, dup_id}, kToday);
  std::vector<std::string> keys;
  for (const auto& e : parsed.errors) keys.push_back(std::to_string(e.line) + "|" + e.field + "|" + e.column);
  EXPECT_EQ(keys, (std::vector<std::string>{"3|poverty_cause|致贫原因", "3|status_since|状态日期", "3|income_fen|人均纯收入(元)",
                                            "4|relation|与户主关系", "5|id_number|身份证号"}));
  EXPECT_EQ(parsed.errors.back().message, "身份证号与第 3 行重复");
}

TEST(RegistryImport, AMissingColumnOrHeaderIsAnErrorOfTheHeaderLine) {
  auto header = kHeader;
  header.erase(header.begin() + 1);  // 户编号
  auto parsed = ParseImport({header}, kToday);
  ASSERT_EQ(parsed.errors.size(), 1u);
  EXPECT_EQ(parsed.errors[0].message, "缺少“户编号”列");
  EXPECT_EQ(ParseImport({{"a", "b"}}, kToday).errors.at(0).field, "file");
}

}  // namespace
}  // namespace qizhi::health::registry
