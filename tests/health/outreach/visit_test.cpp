// The checks of a recorded visit (health/outreach/visit.hpp): every current member answered
// once, the reasons of the list, the measurement ranges, and the service-item status changes.
#include "health/outreach/visit.hpp"

#include <gtest/gtest.h>

#include "health/outreach/photo.hpp"

namespace qizhi::health::outreach {
namespace {

const Date kToday{2026, 11, 24};
const std::vector<int64_t> kMembers{11, 12, 13};

VisitInput Good() {
  VisitInput in;
  in.client_id = "3f2b8c1e-9d4a-4b6e-8f21-0a1b2c3d4e5f";
  in.visited_on = "2026-11-20";
  in.actions = {"送药上门", "明码对账讲解"};
  in.persons = {{11, true, "", "", 135, 85, 62}, {12, false, "外出务工", "", {}, {}, {}}, {13, true, "", "", {}, {}, {}}};
  return in;
}

// The fields named by the errors of `s`, in order.
std::vector<std::string> Fields(const Status& s) {
  std::vector<std::string> out;
  if (!s.ok())
    for (const auto& e : s.errors()) out.push_back(e.field);
  return out;
}

TEST(VisitRules, AFullVisitPasses) { EXPECT_TRUE(ValidateVisit(Good(), kMembers, kToday).ok()); }

TEST(VisitRules, ClientIdMustBeAUuid) {
  auto in = Good();
  in.client_id = "";
  EXPECT_EQ(Fields(ValidateVisit(in, kMembers, kToday)), std::vector<std::string>{"client_id"});
  in.client_id = "3f2b8c1e9d4a4b6e8f210a1b2c3d4e5f";  // no dashes
  EXPECT_EQ(Fields(ValidateVisit(in, kMembers, kToday)), std::vector<std::string>{"client_id"});
  in.client_id = "3F2B8C1E-9D4A-4B6E-8F21-0A1B2C3D4E5F";  // upper case is still a UUID
  EXPECT_TRUE(ValidateVisit(in, kMembers, kToday).ok());
  EXPECT_FALSE(IsClientId("3f2b8c1e-9d4a-4b6e-8f21-0a1b2c3d4e5g"));
}

TEST(VisitRules, DateNotAheadOfTodayNorOverAYearLate) {
  auto in = Good();
  in.visited_on = "2026-11-25";
  EXPECT_EQ(Fields(ValidateVisit(in, kMembers, kToday)), std::vector<std::string>{"visited_on"});
  in.visited_on = "2026-11-24";
  EXPECT_TRUE(ValidateVisit(in, kMembers, kToday).ok());
  in.visited_on = "2025-11-22";  // 367 days before
  EXPECT_EQ(Fields(ValidateVisit(in, kMembers, kToday)), std::vector<std::string>{"visited_on"});
  in.visited_on = "2026/11/20";
  EXPECT_EQ(Fields(ValidateVisit(in, kMembers, kToday)), std::vector<std::string>{"visited_on"});
}

TEST(VisitRules, EveryCurrentMemberNeedsALine) {
  auto in = Good();
  in.persons.pop_back();
  const auto s = ValidateVisit(in, kMembers, kToday);
  ASSERT_EQ(Fields(s), std::vector<std::string>{"persons"});
  EXPECT_NE(s.error().message.find("1 名"), std::string::npos);
}

TEST(VisitRules, APersonOfAnotherHouseholdIsRefused) {
  auto in = Good();
  in.persons.push_back({99, true, "", "", {}, {}, {}});
  EXPECT_EQ(Fields(ValidateVisit(in, kMembers, kToday)), std::vector<std::string>{"persons[3].person_id"});
}

TEST(VisitRules, AMemberAnsweredTwiceIsRefused) {
  auto in = Good();
  in.persons.push_back({11, true, "", "", {}, {}, {}});
  EXPECT_EQ(Fields(ValidateVisit(in, kMembers, kToday)), std::vector<std::string>{"persons[3].person_id"});
}

TEST(VisitRules, NotSeenNeedsAReasonFromTheList) {
  auto in = Good();
  in.persons[1].reason = "";
  EXPECT_EQ(Fields(ValidateVisit(in, kMembers, kToday)), std::vector<std::string>{"persons[1].reason"});
  in.persons[1].reason = "不在家";
  EXPECT_EQ(Fields(ValidateVisit(in, kMembers, kToday)), std::vector<std::string>{"persons[1].reason"});
  for (const auto& r : {"外出务工", "住院", "上学", "走亲访友"}) {
    in.persons[1].reason = r;
    EXPECT_TRUE(ValidateVisit(in, kMembers, kToday).ok()) << r;
  }
  in.persons[1].reason = "其他";
  EXPECT_EQ(Fields(ValidateVisit(in, kMembers, kToday)), std::vector<std::string>{"persons[1].note"});
  in.persons[1].note = "在镇上赶集";
  EXPECT_TRUE(ValidateVisit(in, kMembers, kToday).ok());
}

TEST(VisitRules, SeenTakesNoReasonAndUnansweredIsRefused) {
  auto in = Good();
  in.persons[0].reason = "住院";
  EXPECT_EQ(Fields(ValidateVisit(in, kMembers, kToday)), std::vector<std::string>{"persons[0].reason"});
  in = Good();
  in.persons[2].seen.reset();
  EXPECT_EQ(Fields(ValidateVisit(in, kMembers, kToday)), std::vector<std::string>{"persons[2].seen"});
}

TEST(VisitRules, BloodPressureRangesAndPairs) {
  auto in = Good();
  in.persons[0].systolic = 60;
  in.persons[0].diastolic = 30;
  EXPECT_TRUE(ValidateVisit(in, kMembers, kToday).ok());
  in.persons[0].systolic = 260;
  in.persons[0].diastolic = 160;
  EXPECT_TRUE(ValidateVisit(in, kMembers, kToday).ok());
  in.persons[0].systolic = 261;
  EXPECT_EQ(Fields(ValidateVisit(in, kMembers, kToday)), std::vector<std::string>{"persons[0].systolic"});
  in.persons[0].systolic = 59;
  in.persons[0].diastolic = 40;
  EXPECT_EQ(Fields(ValidateVisit(in, kMembers, kToday)), std::vector<std::string>{"persons[0].systolic"});
  in.persons[0].systolic = 120;
  in.persons[0].diastolic = 161;
  EXPECT_EQ(Fields(ValidateVisit(in, kMembers, kToday)), std::vector<std::string>{"persons[0].diastolic"});
  in.persons[0].diastolic = 29;
  EXPECT_EQ(Fields(ValidateVisit(in, kMembers, kToday)), std::vector<std::string>{"persons[0].diastolic"});
  in.persons[0].diastolic = 120;  // not below systolic
  EXPECT_EQ(Fields(ValidateVisit(in, kMembers, kToday)), std::vector<std::string>{"persons[0].diastolic"});
  in.persons[0].diastolic.reset();  // one without the other
  EXPECT_EQ(Fields(ValidateVisit(in, kMembers, kToday)), std::vector<std::string>{"persons[0].diastolic"});
}

TEST(VisitRules, GlucoseInTenthsOfMmol) {
  auto in = Good();
  in.persons[0].glucose = 10;  // 1.0 mmol/L
  EXPECT_TRUE(ValidateVisit(in, kMembers, kToday).ok());
  in.persons[0].glucose = 333;  // 33.3
  EXPECT_TRUE(ValidateVisit(in, kMembers, kToday).ok());
  in.persons[0].glucose = 9;
  EXPECT_EQ(Fields(ValidateVisit(in, kMembers, kToday)), std::vector<std::string>{"persons[0].glucose"});
  in.persons[0].glucose = 334;
  EXPECT_EQ(Fields(ValidateVisit(in, kMembers, kToday)), std::vector<std::string>{"persons[0].glucose"});
}

TEST(VisitRules, NoMeasurementOfSomeoneNotSeen) {
  auto in = Good();
  in.persons[1].glucose = 60;
  EXPECT_EQ(Fields(ValidateVisit(in, kMembers, kToday)), std::vector<std::string>{"persons[1].seen"});
}

TEST(VisitRules, ActionsFromTheFixedListOnce) {
  auto in = Good();
  in.actions = {"送药上门", "送药上门"};
  EXPECT_EQ(Fields(ValidateVisit(in, kMembers, kToday)), std::vector<std::string>{"actions"});
  in.actions = {"打扫卫生"};
  EXPECT_EQ(Fields(ValidateVisit(in, kMembers, kToday)), std::vector<std::string>{"actions"});
  in.actions = VisitActions();
  EXPECT_TRUE(ValidateVisit(in, kMembers, kToday).ok());
}

TEST(VisitRules, AllErrorsAtOnce) {
  VisitInput in;
  in.findings = std::string(501 * 3, 'a');
  const auto f = Fields(ValidateVisit(in, kMembers, kToday));
  EXPECT_EQ(f, (std::vector<std::string>{"client_id", "visited_on", "findings", "persons"}));
}

TEST(VisitRules, TextLimitsCountCharactersNotBytes) {
  auto in = Good();
  std::string s;
  for (int i = 0; i < 500; ++i) s += "病";
  in.findings = in.needs = in.next_steps = s;
  EXPECT_TRUE(ValidateVisit(in, kMembers, kToday).ok());
  in.needs += "病";
  EXPECT_EQ(Fields(ValidateVisit(in, kMembers, kToday)), std::vector<std::string>{"needs"});
}

TEST(ServiceItemStatus, ForwardChangesOnly) {
  EXPECT_TRUE(CheckStatusChange("未开始", "进行中").ok());
  EXPECT_TRUE(CheckStatusChange("未开始", "已完成").ok());
  EXPECT_TRUE(CheckStatusChange("未开始", "取消").ok());
  EXPECT_TRUE(CheckStatusChange("进行中", "已完成").ok());
  EXPECT_TRUE(CheckStatusChange("进行中", "取消").ok());
  EXPECT_EQ(CheckStatusChange("进行中", "未开始").error().code, ErrorCode::kInvalid);
  EXPECT_EQ(CheckStatusChange("进行中", "进行中").error().code, ErrorCode::kInvalid);
  EXPECT_EQ(CheckStatusChange("未开始", "完成").error().field, "status");
}

TEST(ServiceItemStatus, FinishedAndCancelledAreFinal) {
  for (const auto& from : {"已完成", "取消"})
    for (const auto& to : {"未开始", "进行中", "已完成", "取消"}) {
      if (std::string(from) == to) continue;
      const auto s = CheckStatusChange(from, to);
      ASSERT_FALSE(s.ok()) << from << "→" << to;
      EXPECT_EQ(s.error().code, ErrorCode::kConflict) << from << "→" << to;
    }
}

TEST(ServiceItem, RequiredFieldsAndLimits) {
  EXPECT_TRUE(ValidateServiceItem({"慢病随访（高血压）", "周永红", "2026-12-31", ""}).ok());
  EXPECT_TRUE(ValidateServiceItem({"家庭医生签约", "周永红", "", ""}).ok());
  const auto s = ValidateServiceItem({"", " ", "2026-13-01", std::string(201, 'x')});
  ASSERT_FALSE(s.ok());
  std::vector<std::string> f;
  for (const auto& e : s.errors()) f.push_back(e.field);
  EXPECT_EQ(f, (std::vector<std::string>{"item", "owner", "due_on", "note"}));
}

TEST(VisitPhoto, JpegAndPngByTheirBytesUpTo5MiB) {
  EXPECT_EQ(CheckVisitPhoto(std::string("\xFF\xD8\xFF\xE0JFIF", 8)).value().kind, "jpg");
  EXPECT_EQ(CheckVisitPhoto(std::string("\x89PNG\r\n\x1A\nIHDR", 12)).value().content_type, "image/png");
  EXPECT_EQ(CheckVisitPhoto("%PDF-1.4").error().field, "photo");
  EXPECT_EQ(CheckVisitPhoto("").error().field, "photo");
  std::string big(kMaxPhotoBytes + 1, '\0');
  big[0] = '\xFF', big[1] = '\xD8', big[2] = '\xFF';
  EXPECT_FALSE(CheckVisitPhoto(big).ok());
  big.resize(kMaxPhotoBytes);
  EXPECT_TRUE(CheckVisitPhoto(big).ok());
}

}  // namespace
}  // namespace qizhi::health::outreach
