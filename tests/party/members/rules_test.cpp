#include "party/members/rules.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <string>
#include <vector>

#include "platform/pii/id_number.hpp"

namespace qizhi::party::members {
namespace {

const Date kToday{2026, 3, 15};

// A valid ID number: region + birth date (YYYYMMDD) + 3-digit sequence (odd last digit = male).
std::string Id(std::string_view birth, std::string_view sequence,
               std::string_view region = "500101") {
  std::string first17 = std::string(region) + std::string(birth) + std::string(sequence);
  return first17 + platform::pii::IdNumberCheckCharacter(first17);
}

// An ID number whose check character is X (found by trying sequences).
std::string IdEndingInX(std::string_view birth) {
  for (int seq = 100; seq < 1000; ++seq) {
    const std::string id = Id(birth, std::to_string(seq));
    if (id.back() == 'X') return id;
  }
  return {};
}

MemberInput Valid() {
  MemberInput m;
  m.name = "王丽娟";
  m.sex = "女";
  m.id_number = Id("19860412", "124");
  m.ethnicity = "汉族";
  m.native_place = "重庆大足";
  m.education = "大学本科";
  m.category = "在岗职工";
  m.job = "主管护师";
  m.phone = "15900006789";
  m.status = "正式";
  m.joined_on = "2010-07-01";
  m.full_on = "2011-07-01";
  return m;
}

// Errors as "field: message" for readable failures.
std::vector<std::string> Fields(const Result<ValidMember>& r) {
  std::vector<std::string> out;
  if (r.ok()) return out;
  for (const auto& e : r.errors()) out.push_back(e.field);
  return out;
}

std::string MessageOf(const Result<ValidMember>& r, std::string_view field) {
  if (r.ok()) return {};
  for (const auto& e : r.errors()) {
    if (e.field == field) return e.message;
  }
  return {};
}

TEST(MemberRulesTest, AcceptsAValidRecordAndNormalises) {
  MemberInput m = Valid();
  m.name = " 王丽娟\xE3\x80\x80";
  m.ethnicity = "汉";
  m.phone = "159 0000 6789";
  const auto r = ValidateMember(m, kToday);
  ASSERT_TRUE(r.ok()) << r.error().field << ": " << r.error().message;
  EXPECT_EQ(r.value().birth_date, "1986-04-12");
  EXPECT_EQ(r.value().input.name, "王丽娟");
  EXPECT_EQ(r.value().input.ethnicity, "汉族");
  EXPECT_EQ(r.value().input.phone, "15900006789");
}

struct Case {
  std::string name;
  std::function<void(MemberInput&)> change;
  std::string field;    // empty: valid
  std::string message;  // substring of the message; empty: any
};

TEST(MemberRulesTest, IdNumberPerGb11643) {
  const std::string x_id = IdEndingInX("19900101");
  ASSERT_FALSE(x_id.empty());
  std::string x_lower = x_id;
  x_lower.back() = 'x';
  const bool x_male = (x_id[16] - '0') % 2 == 1;
  const std::string x_sex = x_male ? "男" : "女";
  std::string wrong_check = Id("19860412", "124");
  wrong_check.back() = wrong_check.back() == '1' ? '2' : '1';
  std::string not_a_date = "500101199002301246";
  not_a_date.back() = platform::pii::IdNumberCheckCharacter(not_a_date.substr(0, 17));

  const std::vector<Case> cases = {
      {"valid", [](MemberInput&) {}, "", ""},
      {"wrong check digit", [&](MemberInput& m) { m.id_number = wrong_check; }, "id_number",
       "校验位错误"},
      {"19900230", [&](MemberInput& m) { m.id_number = not_a_date; }, "id_number", "出生日期无效"},
      {"17 characters", [](MemberInput& m) { m.id_number = "50010119860412124"; }, "id_number",
       "18 位"},
      {"empty", [](MemberInput& m) { m.id_number = ""; }, "id_number", "请填写身份证号"},
      {"X upper",
       [&](MemberInput& m) {
         m.id_number = x_id;
         m.sex = x_sex;
         m.joined_on = "2015-07-01";
         m.full_on = "2016-07-01";
       },
       "", ""},
      {"x lower",
       [&](MemberInput& m) {
         m.id_number = x_lower;
         m.sex = x_sex;
         m.joined_on = "2015-07-01";
         m.full_on = "2016-07-01";
       },
       "", ""},
      {"sex mismatch", [](MemberInput& m) { m.sex = "男"; }, "sex", "身份证号与性别不符"},
      {"sex unknown", [](MemberInput& m) { m.sex = "F"; }, "sex", "性别应为男或女"},
      {"sex missing", [](MemberInput& m) { m.sex = ""; }, "sex", "请选择性别"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    MemberInput m = Valid();
    c.change(m);
    const auto r = ValidateMember(m, kToday);
    if (c.field.empty()) {
      ASSERT_TRUE(r.ok()) << r.error().field << ": " << r.error().message;
    } else {
      EXPECT_EQ(Fields(r), std::vector<std::string>{c.field});
      EXPECT_NE(MessageOf(r, c.field).find(c.message), std::string::npos) << MessageOf(r, c.field);
    }
  }
  MemberInput m = Valid();
  m.id_number = x_lower;
  m.sex = x_sex;
  m.joined_on = "2015-07-01";
  m.full_on = "2016-07-01";
  EXPECT_EQ(ValidateMember(m, kToday).value().input.id_number, x_id);  // stored with upper-case X
}

TEST(MemberRulesTest, JoinedOnTheEighteenthBirthday) {
  // Born 1990-05-20: 18 on 2008-05-20.
  const std::vector<Case> cases = {
      {"day before", [](MemberInput& m) { m.joined_on = "2008-05-19"; }, "joined_on",
       "年满 18 周岁"},
      {"on the birthday", [](MemberInput& m) { m.joined_on = "2008-05-20"; }, "", ""},
      {"future", [](MemberInput& m) { m.joined_on = "2026-03-16"; }, "joined_on", "不能晚于今天"},
      {"today", [](MemberInput& m) { m.joined_on = "2026-03-15"; }, "", ""},
      {"not a date", [](MemberInput& m) { m.joined_on = "2008/05/20"; }, "joined_on", "YYYY-MM-DD"},
      {"missing", [](MemberInput& m) { m.joined_on = ""; }, "joined_on", "请填写入党日期"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    MemberInput m = Valid();
    m.id_number = Id("19900520", "124");
    m.status = "预备";
    m.full_on = "";
    c.change(m);
    const auto r = ValidateMember(m, kToday);
    if (c.field.empty()) {
      ASSERT_TRUE(r.ok()) << r.error().field << ": " << r.error().message;
    } else {
      EXPECT_EQ(Fields(r), std::vector<std::string>{c.field});
      EXPECT_NE(MessageOf(r, c.field).find(c.message), std::string::npos) << MessageOf(r, c.field);
    }
  }
}

TEST(MemberRulesTest, FullOnAfterOneYearOfProbation) {
  const std::vector<Case> cases = {
      {"one day short", [](MemberInput& m) { m.full_on = "2021-06-30"; }, "full_on",
       "最早 2021-07-01"},
      {"exactly one year", [](MemberInput& m) { m.full_on = "2021-07-01"; }, "", ""},
      {"extended a year", [](MemberInput& m) { m.full_on = "2022-07-01"; }, "", ""},
      {"2 years + 1 day", [](MemberInput& m) { m.full_on = "2022-07-02"; }, "full_on",
       "2022-07-01"},
      {"missing for 正式", [](MemberInput& m) { m.full_on = ""; }, "full_on", "请填写转正日期"},
      {"given for 预备", [](MemberInput& m) { m.status = "预备"; }, "full_on",
       "预备党员不应填写转正日期"},
      {"预备 without",
       [](MemberInput& m) {
         m.status = "预备";
         m.full_on = "";
       },
       "", ""},
      {"unknown status", [](MemberInput& m) { m.status = "党员"; }, "status", "预备或正式"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    MemberInput m = Valid();
    m.joined_on = "2020-07-01";
    c.change(m);
    const auto r = ValidateMember(m, kToday);
    if (c.field.empty()) {
      ASSERT_TRUE(r.ok()) << r.error().field << ": " << r.error().message;
    } else {
      EXPECT_EQ(Fields(r), std::vector<std::string>{c.field});
      EXPECT_NE(MessageOf(r, c.field).find(c.message), std::string::npos) << MessageOf(r, c.field);
    }
  }
  // The probation year of a 29 February joiner ends on 28 February.
  MemberInput m = Valid();
  m.joined_on = "2020-02-29";
  m.full_on = "2021-02-28";
  EXPECT_TRUE(ValidateMember(m, kToday).ok());
  m.full_on = "2021-02-27";
  EXPECT_FALSE(ValidateMember(m, kToday).ok());
}

TEST(MemberRulesTest, OtherFields) {
  const std::vector<Case> cases = {
      {"name missing", [](MemberInput& m) { m.name = "  "; }, "name", "请填写姓名"},
      {"name 20 characters",
       [](MemberInput& m) { m.name = "阿卜杜热依木阿卜杜热依木阿卜杜热依木阿卜"; }, "", ""},
      {"name 21 characters",
       [](MemberInput& m) { m.name = "阿卜杜热依木阿卜杜热依木阿卜杜热依木阿卜杜"; }, "name",
       "20 个字"},
      {"ethnicity missing", [](MemberInput& m) { m.ethnicity = ""; }, "ethnicity", "请填写民族"},
      {"education unknown", [](MemberInput& m) { m.education = "本科"; }, "education", "大学本科"},
      {"category missing", [](MemberInput& m) { m.category = ""; }, "category", "请选择人员类别"},
      {"phone landline", [](MemberInput& m) { m.phone = "023-43781234"; }, "", ""},
      {"phone landline ext", [](MemberInput& m) { m.phone = "0851-8555123-806"; }, "", ""},
      {"phone 10 digits", [](MemberInput& m) { m.phone = "1590000678"; }, "phone", "手机号"},
      {"phone 12 prefix", [](MemberInput& m) { m.phone = "12900006789"; }, "phone", "手机号"},
      {"phone empty", [](MemberInput& m) { m.phone = ""; }, "", ""},
      {"flowing without where",
       [](MemberInput& m) {
         m.flowing = true;
         m.flow_since = "2025-01-01";
       },
       "flow_to", "外出流向"},
      {"flowing without since",
       [](MemberInput& m) {
         m.flowing = true;
         m.flow_to = "广东深圳";
       },
       "flow_since", "请填写外出日期"},
      {"flowing complete",
       [](MemberInput& m) {
         m.flowing = true;
         m.flow_to = "广东深圳";
         m.flow_since = "2025-01-01";
       },
       "", ""},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    MemberInput m = Valid();
    c.change(m);
    const auto r = ValidateMember(m, kToday);
    if (c.field.empty()) {
      ASSERT_TRUE(r.ok()) << r.error().field << ": " << r.error().message;
    } else {
      EXPECT_EQ(Fields(r), std::vector<std::string>{c.field});
      EXPECT_NE(MessageOf(r, c.field).find(c.message), std::string::npos) << MessageOf(r, c.field);
    }
  }
}

TEST(MemberRulesTest, ReportsEveryErrorAtOnce) {
  MemberInput m;
  m.status = "正式";
  const auto r = ValidateMember(m, kToday);
  ASSERT_FALSE(r.ok());
  const auto fields = Fields(r);
  for (const std::string f :
       {"name", "sex", "id_number", "ethnicity", "education", "category", "joined_on", "full_on"}) {
    EXPECT_NE(std::find(fields.begin(), fields.end(), f), fields.end()) << f;
  }
  for (const auto& e : r.errors()) EXPECT_EQ(e.code, ErrorCode::kInvalid);
}

TEST(MemberRulesTest, Lists) {
  EXPECT_EQ(Ethnicities().size(), 56u);
  EXPECT_EQ(Ethnicities().front(), "汉族");
  std::vector<std::string> sorted = Ethnicities();
  std::sort(sorted.begin(), sorted.end());
  EXPECT_EQ(std::adjacent_find(sorted.begin(), sorted.end()), sorted.end());
  EXPECT_EQ(Educations().size(), 6u);
  EXPECT_EQ(Categories().size(), 5u);
  EXPECT_EQ(PartyPosts().size(), 9u);
  EXPECT_EQ(HospitalPosts().size(), 9u);
  EXPECT_EQ(LeaveKinds(), (std::vector<std::string>{"死亡", "出党", "退党", "停止党籍", "其他"}));
  EXPECT_TRUE(IsMiddleManagerPost("科主任"));
  EXPECT_TRUE(IsMiddleManagerPost("护士长"));
  EXPECT_FALSE(IsMiddleManagerPost("院长"));
  EXPECT_FALSE(IsMiddleManagerPost("其他"));
  EXPECT_FALSE(IsMiddleManagerPost("书记"));
}

struct BandCase {
  int age;
  std::string band;
};

TEST(MemberRulesTest, AgeBandsAtTheirEdges) {
  const std::vector<BandCase> cases = {{18, "le30"},   {30, "le30"},   {31, "31to35"},
                                       {35, "31to35"}, {36, "36to45"}, {45, "36to45"},
                                       {46, "46to55"}, {55, "46to55"}, {56, "56to60"},
                                       {60, "56to60"}, {61, "gt60"},   {99, "gt60"}};
  for (const auto& c : cases) {
    SCOPED_TRACE(c.age);
    EXPECT_EQ(AgeBand(c.age), c.band);
  }
  ASSERT_EQ(AgeBands().size(), 6u);
  EXPECT_FALSE(BirthDateRange("31-35", kToday).has_value());
}

TEST(MemberRulesTest, BirthDateRangeAgreesWithAgeBandOnTheEdgeDays) {
  // On 2026-03-15 someone born 1995-03-15 is 31, born 1995-03-16 is 30.
  const auto le30 = BirthDateRange("le30", kToday);
  ASSERT_TRUE(le30.has_value());
  EXPECT_EQ(FormatDate(le30->first), "1995-03-16");
  EXPECT_EQ(FormatDate(le30->second), "2026-03-15");
  const auto b31 = BirthDateRange("31to35", kToday);
  EXPECT_EQ(FormatDate(b31->first), "1990-03-16");
  EXPECT_EQ(FormatDate(b31->second), "1995-03-15");
  const auto gt60 = BirthDateRange("gt60", kToday);
  EXPECT_EQ(FormatDate(gt60->first), "0001-01-01");
  EXPECT_EQ(FormatDate(gt60->second), "1965-03-15");

  // Every birth date over 75 years, on ordinary and leap-day reference dates: the band of the
  // age equals the band whose range holds the birth date.
  for (const Date on :
       {kToday, Date{2024, 2, 29}, Date{2025, 2, 28}, Date{2025, 3, 1}, Date{2028, 2, 29}}) {
    SCOPED_TRACE(FormatDate(on));
    std::vector<std::pair<std::string, std::pair<Date, Date>>> ranges;
    for (const auto& [code, title] : AgeBands())
      ranges.push_back({code, *BirthDateRange(code, on)});
    for (Date birth = AddYears(on, -75); birth <= on; birth = AddDays(birth, 1)) {
      const std::string band = AgeBand(AgeOn(birth, on));
      for (const auto& [code, range] : ranges) {
        const bool inside = range.first <= birth && birth <= range.second;
        if (inside != (code == band)) {
          ADD_FAILURE() << "birth " << FormatDate(birth) << " age " << AgeOn(birth, on) << " band "
                        << band << " range " << code;
          return;
        }
      }
    }
  }
}

TEST(MemberRulesTest, ValidatePost) {
  const auto ok =
      ValidatePost({"party", "组织委员", "", "2024-01-01", "院党发〔2024〕3号"}, kToday);
  EXPECT_TRUE(ok.ok());
  EXPECT_TRUE(ValidatePost({"hospital", "护士长", "内科", "2024-01-01", ""}, kToday).ok());
  const auto no_dept = ValidatePost({"hospital", "护士长", "", "2024-01-01", ""}, kToday);
  ASSERT_FALSE(no_dept.ok());
  EXPECT_EQ(no_dept.error().field, "department");
  const auto bad_kind = ValidatePost({"admin", "书记", "", "2024-01-01", ""}, kToday);
  ASSERT_FALSE(bad_kind.ok());
  EXPECT_EQ(bad_kind.error().field, "kind");
  const auto bad_title = ValidatePost({"party", "护士长", "", "2024-01-01", ""}, kToday);
  ASSERT_FALSE(bad_title.ok());
  EXPECT_EQ(bad_title.error().field, "title");
  const auto future = ValidatePost({"party", "书记", "", "2026-03-16", ""}, kToday);
  ASSERT_FALSE(future.ok());
  EXPECT_EQ(future.error().field, "started_on");
}

struct DualCase {
  std::string name;
  DualAppointment in;
  std::string field;
};

TEST(MemberRulesTest, DualAppointment) {
  const std::vector<DualCase> cases = {
      {"ok", {"科主任", "心内科", "书记", "2024-01-01", "院党发〔2024〕1号"}, ""},
      {"ok nurse", {"护士长", "外科", "组织委员", "2024-01-01", ""}, ""},
      {"not a middle-manager post",
       {"院长", "院办", "书记", "2024-01-01", ""},
       "hospital_title"},
      {"unknown hospital post", {"书记", "内科", "书记", "2024-01-01", ""}, "hospital_title"},
      {"not a party post", {"科主任", "内科", "科主任", "2024-01-01", ""}, "party_title"},
      {"no department", {"科主任", "", "书记", "2024-01-01", ""}, "department"},
      {"future", {"科主任", "内科", "书记", "2026-03-16", ""}, "started_on"},
      {"bad date", {"科主任", "内科", "书记", "2024-02-30", ""}, "started_on"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    const auto r = ValidateDualAppointment(c.in, kToday);
    if (c.field.empty()) {
      EXPECT_TRUE(r.ok()) << r.error().field << ": " << r.error().message;
    } else {
      ASSERT_FALSE(r.ok());
      EXPECT_EQ(r.errors().size(), 1u);
      EXPECT_EQ(r.error().field, c.field);
    }
  }
}

TEST(MemberRulesTest, PostsToEnd) {
  const std::vector<HeldPost> held = {
      {1, "hospital", "科主任", "2020-01-01", std::nullopt, "d1"},
      {2, "party", "书记", "2020-01-01", std::nullopt, "d1"},
      {3, "party", "组织委员", "2021-05-01", std::nullopt, std::nullopt},
      {4, "party", "宣传委员", "2018-01-01", "2021-01-01", std::nullopt},
      {5, "hospital", "护士长", "2018-01-01", "2021-01-01", "d2"},
      {6, "party", "纪检委员", "2018-01-01", "2021-01-01", "d2"},
  };
  const std::string kEnd = "2025-12-31";

  const auto one_of_pair = PostsToEnd(held, 1, std::nullopt, kEnd, kToday);
  ASSERT_FALSE(one_of_pair.ok());
  EXPECT_EQ(one_of_pair.error().code, ErrorCode::kInvalid);
  EXPECT_EQ(one_of_pair.error().field, "id");
  EXPECT_EQ(one_of_pair.error().message.rfind("双任免职务须同时免去", 0), 0u)
      << one_of_pair.error().message;
  EXPECT_FALSE(PostsToEnd(held, 2, std::nullopt, kEnd, kToday).ok());

  const auto pair = PostsToEnd(held, std::nullopt, "d1", kEnd, kToday);
  ASSERT_TRUE(pair.ok()) << pair.error().message;
  EXPECT_EQ(pair.value(), (std::vector<long long>{1, 2}));

  const auto single = PostsToEnd(held, 3, std::nullopt, kEnd, kToday);
  ASSERT_TRUE(single.ok());
  EXPECT_EQ(single.value(), std::vector<long long>{3});
  EXPECT_TRUE(PostsToEnd(held, 3, std::nullopt, "2021-05-01", kToday).ok());  // the day it started

  const auto ended = PostsToEnd(held, 4, std::nullopt, kEnd, kToday);
  ASSERT_FALSE(ended.ok());
  EXPECT_EQ(ended.error().code, ErrorCode::kConflict);
  const auto ended_pair = PostsToEnd(held, std::nullopt, "d2", kEnd, kToday);
  ASSERT_FALSE(ended_pair.ok());
  EXPECT_EQ(ended_pair.error().code, ErrorCode::kConflict);

  EXPECT_EQ(PostsToEnd(held, 99, std::nullopt, kEnd, kToday).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(PostsToEnd(held, std::nullopt, "d9", kEnd, kToday).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(PostsToEnd(held, std::nullopt, std::nullopt, kEnd, kToday).error().field, "id");

  const auto before_start = PostsToEnd(held, 3, std::nullopt, "2021-04-30", kToday);
  ASSERT_FALSE(before_start.ok());
  EXPECT_EQ(before_start.error().field, "ended_on");
  EXPECT_EQ(before_start.error().code, ErrorCode::kInvalid);
  const auto pair_before_start = PostsToEnd(held, std::nullopt, "d1", "2019-12-31", kToday);
  ASSERT_FALSE(pair_before_start.ok());
  EXPECT_EQ(pair_before_start.error().field, "ended_on");
  EXPECT_EQ(PostsToEnd(held, 3, std::nullopt, "2026-03-16", kToday).error().field, "ended_on");
  EXPECT_EQ(PostsToEnd(held, 3, std::nullopt, "2025-02-29", kToday).error().field, "ended_on");
}

TEST(MemberRulesTest, TransferLetter) {
  EXPECT_TRUE(
      ValidateTransferLetter("渝组转〔2025〕12号", "2025-03-01", "2025-03-10", kToday).ok());
  EXPECT_TRUE(ValidateTransferLetter("12", "2025-03-01", "2025-03-01", kToday).ok());
  const auto empty = ValidateTransferLetter(" ", "2025-03-01", "2025-03-10", kToday);
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.error().field, "letter_no");
  EXPECT_EQ(ValidateTransferLetter(std::string(41, '1'), "2025-03-01", "2025-03-10", kToday)
                .error()
                .field,
            "letter_no");
  EXPECT_TRUE(
      ValidateTransferLetter(std::string(40, '1'), "2025-03-01", "2025-03-10", kToday).ok());
  EXPECT_EQ(ValidateTransferLetter("12", "2025-03-10", "2025-03-09", kToday).error().field,
            "effective_on");
  EXPECT_EQ(ValidateTransferLetter("12", "2026-03-16", "2026-03-16", kToday).errors().size(), 2u);
  EXPECT_EQ(ValidateTransferLetter("12", "2025-13-01", "2025-03-09", kToday).error().field,
            "issued_on");
}

}  // namespace
}  // namespace qizhi::party::members
