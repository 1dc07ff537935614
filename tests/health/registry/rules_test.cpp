#include "health/registry/rules.hpp"

#include <gtest/gtest.h>

#include "platform/pii/id_number.hpp"

namespace qizhi::health::registry {
namespace {

const Date kToday{2026, 11, 24};

std::string Id(const std::string& first17) { return first17 + platform::pii::IdNumberCheckCharacter(first17); }

bool HasField(const Errors& errors, const std::string& field) {
  for (const auto& e : errors)
    if (e.field == field) return true;
  return false;
}
std::string MessageOf(const Errors& errors, const std::string& field) {
  for (const auto& e : errors)
    if (e.field == field) return e.message;
  return "";
}

HouseholdInput AHousehold() {
  HouseholdInput h;
  h.village_code = "500111103200";
  h.poverty_cause = "因病";
  h.status = "脱贫";
  h.registered_on = "2015-06-15";
  h.status_since = "2019-12-20";
  h.income_year = 2025;
  h.income_fen = 1250000;
  return h;
}

PersonInput APerson() {
  PersonInput p;
  p.name = "张德明";
  p.id_number = Id("50022519650312003");  // odd sequence digit: 男
  p.relation = "户主";
  return p;
}

// ---- households ----

TEST(RegistryHousehold, ValidHouseholdPasses) {
  auto r = ValidateHousehold(AHousehold(), kToday);
  ASSERT_TRUE(r.ok()) << r.error().message;
}

TEST(RegistryHousehold, VillageIsRequiredAndAVillageCode) {
  auto h = AHousehold();
  h.village_code = "";
  EXPECT_TRUE(HasField(ValidateHousehold(h, kToday).errors(), "village_code"));
  h.village_code = "500111103";  // a town, not a village
  EXPECT_EQ(MessageOf(ValidateHousehold(h, kToday).errors(), "village_code"), "所在村应为 12 位村级区划代码");
}

TEST(RegistryHousehold, PovertyCauseFromTheOfficialList) {
  auto h = AHousehold();
  for (const char* cause : {"因病", "因残", "因学", "因灾", "缺土地", "缺水", "缺技术", "缺劳力", "缺资金", "交通条件落后",
                            "自身发展动力不足", "其他"}) {
    h.poverty_cause = cause;
    EXPECT_TRUE(ValidateHousehold(h, kToday).ok()) << cause;
  }
  h.poverty_cause = "懒";
  EXPECT_TRUE(HasField(ValidateHousehold(h, kToday).errors(), "poverty_cause"));
  h.poverty_cause = "";
  EXPECT_EQ(MessageOf(ValidateHousehold(h, kToday).errors(), "poverty_cause"), "请选择主要致贫原因");
}

TEST(RegistryHousehold, StatusSinceNotInTheFutureNorBeforeRegistration) {
  auto h = AHousehold();
  h.status_since = "2026-11-24";  // today is allowed
  EXPECT_TRUE(ValidateHousehold(h, kToday).ok());
  h.status_since = "2026-11-25";
  EXPECT_EQ(MessageOf(ValidateHousehold(h, kToday).errors(), "status_since"), "户类型认定日期不能晚于今天");
  h.status_since = "2015-06-15";  // the registration day itself is allowed
  EXPECT_TRUE(ValidateHousehold(h, kToday).ok());
  h.status_since = "2015-06-14";
  EXPECT_EQ(MessageOf(ValidateHousehold(h, kToday).errors(), "status_since"), "户类型认定日期不能早于建档立卡日期");
  h.status_since = "2015-02-30";
  EXPECT_TRUE(HasField(ValidateHousehold(h, kToday).errors(), "status_since"));
  h = AHousehold();
  h.status = "返贫";
  EXPECT_TRUE(HasField(ValidateHousehold(h, kToday).errors(), "status"));
}

TEST(RegistryHousehold, MonitorKindOnlyAndAlwaysForMonitoredHouseholds) {
  auto h = AHousehold();
  h.status = "监测对象";
  EXPECT_EQ(MessageOf(ValidateHousehold(h, kToday).errors(), "monitor_kind"), "监测对象须选择监测类型");
  for (const char* kind : {"脱贫不稳定户", "边缘易致贫户", "突发严重困难户"}) {
    h.monitor_kind = kind;
    EXPECT_TRUE(ValidateHousehold(h, kToday).ok()) << kind;
  }
  h.monitor_kind = "一般户";
  EXPECT_TRUE(HasField(ValidateHousehold(h, kToday).errors(), "monitor_kind"));
  h.status = "脱贫";
  h.monitor_kind = "脱贫不稳定户";
  EXPECT_EQ(MessageOf(ValidateHousehold(h, kToday).errors(), "monitor_kind"), "只有监测对象才有监测类型");
}

TEST(RegistryHousehold, IncomeIsNonNegativeFenWithItsYear) {
  auto h = AHousehold();
  h.income_fen = 0;
  EXPECT_TRUE(ValidateHousehold(h, kToday).ok());
  h.income_fen = -1;
  EXPECT_EQ(MessageOf(ValidateHousehold(h, kToday).errors(), "income_fen"), "人均纯收入不能为负数");
  h.income_fen = 100;
  h.income_year = std::nullopt;
  EXPECT_TRUE(HasField(ValidateHousehold(h, kToday).errors(), "income_year"));
  h.income_year = 2027;
  EXPECT_TRUE(HasField(ValidateHousehold(h, kToday).errors(), "income_year"));
  h.income_year = 2026;
  EXPECT_TRUE(ValidateHousehold(h, kToday).ok());
}

TEST(RegistryHousehold, AllErrorsAtOnce) {
  HouseholdInput h;
  auto r = ValidateHousehold(h, kToday);
  ASSERT_FALSE(r.ok());
  for (const char* f : {"village_code", "poverty_cause", "status", "registered_on", "status_since"})
    EXPECT_TRUE(HasField(r.errors(), f)) << f;
}

// ---- persons: GB 11643 edge cases ----

TEST(RegistryPerson, BirthDateAndSexComeFromTheIdNumber) {
  auto p = APerson();
  auto r = ValidatePerson(p, kToday);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r.value().birth_date, "1965-03-12");
  EXPECT_EQ(r.value().sex, "男");
  p.id_number = Id("50022519650312004");  // even: 女
  EXPECT_EQ(ValidatePerson(p, kToday).value().sex, "女");
}

TEST(RegistryPerson, XCheckDigitIsAcceptedInEitherCaseAndStoredUpperCase) {
  // 11010519491231002X is the standard's own example with an X check character.
  auto p = APerson();
  p.id_number = "11010519491231002x";
  auto r = ValidatePerson(p, kToday);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r.value().input.id_number, "11010519491231002X");
  EXPECT_EQ(r.value().sex, "女");
}

TEST(RegistryPerson, TwentyNinthOfFebruaryOnlyInLeapYears) {
  auto p = APerson();
  p.id_number = Id("50022520000229003");  // 2000 is a leap year
  EXPECT_TRUE(ValidatePerson(p, kToday).ok());
  p.id_number = Id("50022519000229003");  // 1900 is not
  EXPECT_EQ(MessageOf(ValidatePerson(p, kToday).errors(), "id_number"), "身份证号出生日期无效");
  p.id_number = Id("50022520230229003");
  EXPECT_EQ(MessageOf(ValidatePerson(p, kToday).errors(), "id_number"), "身份证号出生日期无效");
}

TEST(RegistryPerson, WrongCheckDigitIsRefused) {
  auto p = APerson();
  std::string id = Id("50022519650312003");
  id.back() = id.back() == '1' ? '2' : '1';
  p.id_number = id;
  EXPECT_EQ(MessageOf(ValidatePerson(p, kToday).errors(), "id_number"), "身份证号校验位错误");
}

TEST(RegistryPerson, FutureBirthIsRefusedTodayIsNot) {
  auto p = APerson();
  p.relation = "孙子女";
  p.id_number = Id("50022520261124003");  // born today: a newborn
  EXPECT_TRUE(ValidatePerson(p, kToday).ok());
  p.id_number = Id("50022520261125003");
  EXPECT_EQ(MessageOf(ValidatePerson(p, kToday).errors(), "id_number"), "身份证号出生日期不能晚于今天");
}

TEST(RegistryPerson, FifteenDigitNumbersAreRefused) {
  auto p = APerson();
  p.id_number = "500225650312003";
  EXPECT_EQ(MessageOf(ValidatePerson(p, kToday).errors(), "id_number"), "身份证号应为 18 位");
}

TEST(RegistryPerson, DeclaredSexIsCrossChecked) {
  auto p = APerson();
  p.sex = "男";
  EXPECT_TRUE(ValidatePerson(p, kToday).ok());
  p.sex = "女";
  EXPECT_EQ(MessageOf(ValidatePerson(p, kToday).errors(), "sex"), "身份证号与性别不符");
  p.sex = "M";
  EXPECT_EQ(MessageOf(ValidatePerson(p, kToday).errors(), "sex"), "性别应为男或女");
}

TEST(RegistryPerson, RelationFromTheList) {
  auto p = APerson();
  for (const char* r : {"户主", "配偶", "妻", "夫", "子", "女", "儿媳", "女婿", "孙子女", "父母", "祖父母", "兄弟姐妹", "其他"}) {
    p.relation = r;
    EXPECT_TRUE(ValidatePerson(p, kToday).ok()) << r;
  }
  p.relation = "表哥";
  EXPECT_TRUE(HasField(ValidatePerson(p, kToday).errors(), "relation"));
  p.relation = "";
  EXPECT_EQ(MessageOf(ValidatePerson(p, kToday).errors(), "relation"), "请选择与户主关系");
}

TEST(RegistryPerson, PhoneIsAMobileOrALandline) {
  auto p = APerson();
  for (const char* ok : {"13812345678", "19912345678", "023-12345678", "0851-1234567", "138 1234 5678"}) {
    p.phone = ok;
    EXPECT_TRUE(ValidatePerson(p, kToday).ok()) << ok;
  }
  for (const char* bad : {"12812345678", "1381234567", "138123456789", "23-12345678", "023-123456"}) {
    p.phone = bad;
    EXPECT_TRUE(HasField(ValidatePerson(p, kToday).errors(), "phone")) << bad;
  }
}

TEST(RegistryPerson, ChronicConditionsFromTheNationalList) {
  auto p = APerson();
  p.chronic = {"高血压", "糖尿病", "高血压"};
  auto r = ValidatePerson(p, kToday);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.value().chronic, "高血压,2型糖尿病");
  p.chronic = {"痛风"};
  EXPECT_TRUE(HasField(ValidatePerson(p, kToday).errors(), "chronic"));
  EXPECT_EQ(SplitList("高血压，2型糖尿病、 脑卒中;"), (std::vector<std::string>{"高血压", "2型糖尿病", "脑卒中"}));
}

TEST(RegistryPerson, DisabilityIsKindAndGrade) {
  auto p = APerson();
  for (const char* ok : {"视力一级", "肢体二级", "多重四级"}) {
    p.disability = ok;
    EXPECT_TRUE(ValidatePerson(p, kToday).ok()) << ok;
  }
  for (const char* bad : {"肢体", "二级", "肢体五级", "腿脚不便"}) {
    p.disability = bad;
    EXPECT_TRUE(HasField(ValidatePerson(p, kToday).errors(), "disability")) << bad;
  }
}

TEST(RegistryPerson, JoinedAndLeftInOrderWithAReason) {
  auto p = APerson();
  p.joined_on = "1965-03-12";  // the birth day itself
  EXPECT_TRUE(ValidatePerson(p, kToday).ok());
  p.joined_on = "1965-03-11";
  EXPECT_EQ(MessageOf(ValidatePerson(p, kToday).errors(), "joined_on"), "入户日期不能早于出生日期");
  p.joined_on = "1990-05-01";
  p.left_on = "1990-05-01";
  p.left_reason = "迁出";
  EXPECT_TRUE(ValidatePerson(p, kToday).ok());
  p.left_on = "1990-04-30";
  EXPECT_EQ(MessageOf(ValidatePerson(p, kToday).errors(), "left_on"), "减员日期不能早于入户日期或出生日期");
  p.left_on = "2026-11-25";
  EXPECT_EQ(MessageOf(ValidatePerson(p, kToday).errors(), "left_on"), "减员日期不能晚于今天");
  p.left_on = "2026-01-01";
  p.left_reason = "失联";
  EXPECT_TRUE(HasField(ValidatePerson(p, kToday).errors(), "left_reason"));
  p.left_reason = "";
  EXPECT_EQ(MessageOf(ValidatePerson(p, kToday).errors(), "left_reason"), "请选择减员原因");
}

TEST(RegistryPerson, LeaveNeedsADateAndAReason) {
  EXPECT_TRUE(ValidateLeave("2026-03-01", "死亡", "1950-01-01", kToday).ok());
  for (const char* reason : {"迁出", "死亡", "分户", "婚嫁", "其他"})
    EXPECT_TRUE(ValidateLeave("2026-03-01", reason, "", kToday).ok()) << reason;
  auto r = ValidateLeave("", "", "", kToday);
  EXPECT_TRUE(HasField(r.errors(), "left_on"));
  EXPECT_TRUE(HasField(r.errors(), "left_reason"));
}

// ---- exactly one current 户主 ----

TEST(RegistryHead, ExactlyOneCurrentHead) {
  std::vector<MemberRelation> m{{1, "张德明", "户主", true}, {2, "李秀英", "妻", true}};
  EXPECT_TRUE(CheckOneHead(m).ok());
  m.push_back({3, "张小龙", "户主", true});
  EXPECT_EQ(CheckOneHead(m).error().message, "该户已有户主：张德明，每户只能有一名户主");
  m.back().current = false;  // a former head who left does not count
  EXPECT_TRUE(CheckOneHead(m).ok());
  m[0].current = false;      // the head moved out, nobody took over
  EXPECT_EQ(CheckOneHead(m).error().message, "每户须有一名户主，请先指定新户主");
  EXPECT_TRUE(CheckOneHead({}).ok());  // nobody left in the household
}

TEST(RegistryClose, CloseNeedsAReasonAndADateAfterRegistration) {
  EXPECT_TRUE(ValidateClose("2026-01-01", "全户迁出", "2015-06-15", kToday).ok());
  EXPECT_TRUE(HasField(ValidateClose("2026-01-01", " ", "2015-06-15", kToday).errors(), "reason"));
  EXPECT_TRUE(HasField(ValidateClose("2015-06-14", "合户", "2015-06-15", kToday).errors(), "closed_on"));
  EXPECT_TRUE(HasField(ValidateClose("2026-11-25", "合户", "2015-06-15", kToday).errors(), "closed_on"));
}

}  // namespace
}  // namespace qizhi::health::registry
