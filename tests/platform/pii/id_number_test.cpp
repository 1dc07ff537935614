#include "platform/pii/id_number.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace qizhi::platform::pii {
namespace {

constexpr std::string_view kToday = "2026-03-15";

struct ValidCase {
  std::string id;
  std::string normalized;
  std::string birth_date;
  char sex;
  std::string region_code;
};

TEST(ParseIdNumberTest, AcceptsValidNumbers) {
  // Check characters computed by GB 11643-1999 §8.2; the first is the standard's own sample.
  const std::vector<ValidCase> cases = {
      {"11010519491231002X", "11010519491231002X", "1949-12-31", 'F', "110105"},
      {"11010519491231002x", "11010519491231002X", "1949-12-31", 'F', "110105"},
      {" 11010519491231002x\t", "11010519491231002X", "1949-12-31", 'F', "110105"},
      {"320102198001011238", "320102198001011238", "1980-01-01", 'M', "320102"},
      {"650102200002290044", "650102200002290044", "2000-02-29", 'F', "650102"},  // leap, /400
      {"510107202402290078", "510107202402290078", "2024-02-29", 'M', "510107"},  // leap, /4
      {"110101190001010014", "110101190001010014", "1900-01-01", 'M', "110101"},  // earliest
      {"440306202603150027", "440306202603150027", "2026-03-15", 'F', "440306"},  // born today
      {"530127194910018881", "530127194910018881", "1949-10-01", 'F', "530127"},
      {"310115199912310110", "310115199912310110", "1999-12-31", 'M', "310115"},
      {"370202195611075555", "370202195611075555", "1956-11-07", 'M', "370202"},
      {"440106198309091265", "440106198309091265", "1983-09-09", 'F', "440106"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.id);
    const auto r = ParseIdNumber(c.id, "id_number", kToday);
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(r.value().normalized, c.normalized);
    EXPECT_EQ(r.value().birth_date, c.birth_date);
    EXPECT_EQ(r.value().sex, c.sex);
    EXPECT_EQ(r.value().region_code, c.region_code);
  }
}

struct InvalidCase {
  std::string id;
  std::string message;
};

TEST(ParseIdNumberTest, RefusesInvalidNumbersWithDistinctMessages) {
  const std::string kLength = "身份证号应为 18 位";
  const std::string kChars = "身份证号前 17 位应为数字，最后一位为数字或 X";
  const std::string kDate = "身份证号出生日期无效";
  const std::string kTooEarly = "身份证号出生日期不能早于 1900 年";
  const std::string kFuture = "身份证号出生日期不能晚于今天";
  const std::string kCheck = "身份证号校验位错误";
  const std::vector<InvalidCase> cases = {
      {"", "请填写身份证号"},
      {"   ", "请填写身份证号"},
      {"11010519491231002", kLength},
      {"11010519491231002X1", kLength},
      {"110105491231002", kLength},                       // old 15-digit number
      {"１１０１０５１９４９１２３１００２Ｘ", kLength},  // full-width digits
      {"11010519491231002Y", kChars},
      {"1101051949123100X2", kChars},
      {"11010519491231ab2X", kChars},
      {"-11010519491231002", kChars},
      {"110105194913310028", kDate},      // month 13
      {"110105194900310028", kDate},      // month 00
      {"110105194912000028", kDate},      // day 00
      {"110105194902300020", kDate},      // 30 February
      {"110105194904310020", kDate},      // 31 April
      {"110101190002290011", kDate},      // 1900 is not a leap year (divisible by 100)
      {"110101202302290010", kDate},      // 2023 is not a leap year
      {"440524188001010014", kTooEarly},  // valid check digit, born 1880
      {"110105189912310010", kTooEarly},
      {"110105202603160010", kFuture},  // tomorrow
      {"110105209901010010", kFuture},
      {"110105194912310021", kCheck},  // the masking example: real check character is X
      {"110105194912310020", kCheck},
      {"320102198001011239", kCheck},
      {"320102198001011283", kCheck},  // two digits swapped
      {"32010219800101123X", kCheck},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.id);
    const auto r = ParseIdNumber(c.id, "id_number", kToday);
    ASSERT_FALSE(r.ok());
    ASSERT_EQ(r.errors().size(), 1u);
    EXPECT_EQ(r.error().code, ErrorCode::kInvalid);
    EXPECT_EQ(r.error().field, "id_number");
    EXPECT_EQ(r.error().message, c.message);
  }
}

TEST(ParseIdNumberTest, NamesTheGivenField) {
  const auto r = ParseIdNumber("123", "members[3].id_number", kToday);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().field, "members[3].id_number");
}

TEST(ParseIdNumberTest, DefaultOverloadUsesTheCurrentDate) {
  const auto ok = ParseIdNumber("11010519491231002X");
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(ok.value().birth_date, "1949-12-31");
  const auto future = ParseIdNumber("110105209901010010");
  ASSERT_FALSE(future.ok());
  EXPECT_EQ(future.error().field, "id_number");
  EXPECT_EQ(future.error().message, "身份证号出生日期不能晚于今天");
}

TEST(ParseIdNumberTest, MalformedTodayIsAnInternalError) {
  for (std::string_view today : {"", "2026-3-15", "2026-02-30", "20260315xx"}) {
    SCOPED_TRACE(today);
    const auto r = ParseIdNumber("11010519491231002X", "id_number", today);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, ErrorCode::kInternal);
  }
}

TEST(IdNumberCheckCharacterTest, ComputesIso7064Mod112) {
  EXPECT_EQ(IdNumberCheckCharacter("11010519491231002"), 'X');
  EXPECT_EQ(IdNumberCheckCharacter("44052418800101001"), '4');
  EXPECT_EQ(IdNumberCheckCharacter("32010219800101123"), '8');
  EXPECT_EQ(IdNumberCheckCharacter("11010119000101001"), '4');
  EXPECT_EQ(IdNumberCheckCharacter("00000000000000000"), '1');  // sum 0 maps to '1'
  EXPECT_EQ(IdNumberCheckCharacter("1101051949123100"), '\0');
  EXPECT_EQ(IdNumberCheckCharacter("1101051949123100A"), '\0');
}

TEST(CheckSexMatchesTest, ComparesWithTheSeventeenthDigit) {
  const auto female = ParseIdNumber("11010519491231002X", "id_number", kToday).value();
  const auto male = ParseIdNumber("320102198001011238", "id_number", kToday).value();
  EXPECT_TRUE(CheckSexMatches(female, 'F').ok());
  EXPECT_TRUE(CheckSexMatches(female, 'f').ok());
  EXPECT_TRUE(CheckSexMatches(male, 'M').ok());
  EXPECT_TRUE(CheckSexMatches(male, 'm').ok());

  const auto mismatch = CheckSexMatches(female, 'M');
  ASSERT_FALSE(mismatch.ok());
  EXPECT_EQ(mismatch.error().message, "身份证号与性别不符");
  EXPECT_EQ(mismatch.error().field, "sex");

  const auto other_field = CheckSexMatches(male, 'F', "gender");
  ASSERT_FALSE(other_field.ok());
  EXPECT_EQ(other_field.error().field, "gender");

  const auto unknown = CheckSexMatches(male, 'X');
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().message, "性别应为男或女");
}

}  // namespace
}  // namespace qizhi::platform::pii
