// Rules of integrity work (清廉医院): who must sign the yearly 廉洁从业承诺书 and the 九不准
// self-checks. Pure functions, no I/O, thread-safe.
//
// Who must sign is derived from hospital posts: a post held at any time in the year (started on
// or before 31 December, not ended before 1 January) whose title is a 中层干部 title, or whose
// department names a 关键岗位 (采购, 财务, 药剂…), puts its holder on that year's list. Which
// titles and departments count is data per tenant (PostClass); several posts make one pledge.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "platform/core/date.hpp"
#include "platform/core/result.hpp"

namespace qizhi::party::integrity {

inline constexpr std::string_view kMiddle = "middle";  // 中层干部: matched on the post title
inline constexpr std::string_view kKey = "key";        // 关键岗位: matched in the department name

struct PostClass {
  std::string cls;      // middle | key
  std::string keyword;  // middle: the whole title; key: contained in the department (or title)
};
// 中层干部: 科主任, 副主任, 护士长, 副护士长, 科室负责人, 职能部门负责人 (members/rules.cpp's list);
// 关键岗位: 采购, 财务, 药剂, 设备, 基建, 医保, 招标.
std::vector<PostClass> DefaultPostClasses();
std::string ClassTitle(std::string_view cls);  // 中层干部 | 关键岗位
// Each class known, keyword 1-20 characters, no duplicates, 1-100 entries; fields classes[i].x.
Status ValidatePostClasses(const std::vector<PostClass>& classes);

struct HeldPost {
  int64_t member_id = 0;
  std::string title;
  std::string department;
  std::string started_on;
  std::string ended_on;  // "" while held
};

struct DuePledge {
  int64_t member_id = 0;
  std::string cls;                  // middle when any post is a 中层干部 post, else key
  std::vector<std::string> posts;   // "科主任（心内科）", in start order
};
// One entry per member holding a classed post during `year`, in member order.
std::vector<DuePledge> DuePledges(const std::vector<HeldPost>& posts, const std::vector<PostClass>& classes, int year);

// A pledge's signing date: a real date, not after today, in the pledge's year or its last
// month before (承诺书 are often signed at the December meeting for the next year).
Status ValidateSignedOn(const std::string& signed_on, int year, const std::string& today);

// The body of the 廉洁从业承诺书 as printed above the signature, paragraph by paragraph.
const std::vector<std::string>& PledgeText();

// 九不准 (《加强医疗卫生行风建设“九不准”》, 国卫办发〔2013〕49号): the nine items, 1-9.
const std::vector<std::string>& NineProhibitions();

// A self-check period: "2026" (year) or "2026-H1" / "2026-H2" (half year), not after today's.
bool IsPeriod(std::string_view period, const std::string& today);
std::string PeriodTitle(std::string_view period);  // 2026年度 / 2026年上半年 / 2026年下半年

// One answer of a self-check: item 1-9, found an issue (有) or not (无); with an issue, what it
// is, the 整改措施, the date it is due and, once done, the date it was done.
struct Answer {
  int item = 0;
  bool found = false;
  std::string issue, measures, due_on, done_on;
};
struct SelfCheckInput {
  std::string period;
  std::string checked_on;
  std::vector<Answer> answers;
};
// Every item answered exactly once; an issue needs its description and measures (2-500
// characters) and a due date on or after the check; done_on, when given, not before the check
// and not after today; checked_on real, not after today, not before the period begins.
// Fields: period, checked_on, answers, answers[i].issue / measures / due_on / done_on.
Status ValidateSelfCheck(const SelfCheckInput& in, const std::string& today);
// 无问题 (clean), 整改中 (an issue not yet done), 已整改 (every issue done).
std::string SelfCheckStatus(const std::vector<Answer>& answers);
int IssueCount(const std::vector<Answer>& answers);

}  // namespace qizhi::party::integrity
