// Rules of the member record: what a valid record is (the fields of the 全国党员管理信息系统
// 基本信息 tab), age bands of the 党内统计, posts and the 双任免 of middle managers.
// Pure functions over plain structs, no I/O, thread-safe. Every error names the request field
// and says in Chinese what is wrong.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "platform/core/date.hpp"
#include "platform/core/result.hpp"

namespace qizhi::party::members {

// The editable basic information, as text from a form or a roster row.
struct MemberInput {
  std::string name;
  std::string sex;          // 男 | 女
  std::string id_number;    // GB 11643, 18 characters
  std::string ethnicity;    // 民族, e.g. 汉族
  std::string native_place; // 籍贯, optional
  std::string education;    // one of Educations()
  std::string category;     // one of Categories()
  std::string job;          // 工作岗位, optional
  std::string phone;        // optional; 11-digit mobile or a landline 0xx-xxxxxxxx
  std::string status;       // 预备 | 正式
  std::string joined_on;    // 入党日期 (成为预备党员的日期), YYYY-MM-DD
  std::string full_on;      // 转正日期, required for 正式, empty for 预备
  bool hardship = false;    // 困难党员
  std::string hardship_note;
  bool flowing = false;     // 流动党员 (外出)
  std::string flow_to;      // where to, required when flowing
  std::string flow_since;   // YYYY-MM-DD, required when flowing
};

// The record as it will be stored, with what the ID number tells.
struct ValidMember {
  MemberInput input;        // trimmed; id_number normalised (upper-case X)
  std::string birth_date;   // from the ID number
};

// Checks every field and returns all errors at once (fields as named in MemberInput):
// - name 1-20 characters; sex 男/女 and consistent with the ID number's sex digit;
// - id_number valid per GB 11643 (length, digits, real date, check character);
// - ethnicity, education, category required (education and category from the lists);
// - phone, when given, a mobile 1[3-9]xxxxxxxxx or a landline;
// - joined_on a real date, not in the future, on or after the 18th birthday (党章: 年满十八岁);
// - status 预备: full_on empty; status 正式: full_on a real date, at least one year after
//   joined_on (预备期一年) and at most 2 years after (一年预备期 plus an extension of at most one
//   year), not in the future;
// - flowing: flow_to and a real flow_since required.
// `today` is YYYY-MM-DD in Asia/Shanghai.
Result<ValidMember> ValidateMember(const MemberInput& in, const Date& today);

const std::vector<std::string>& Educations();  // 研究生, 大学本科, 大学专科, 中等专科, 高中, 初中及以下
const std::vector<std::string>& Categories();  // 在岗职工, 离退休人员, 劳务派遣人员, 学生, 其他
const std::vector<std::string>& Ethnicities(); // the 56 民族 (汉族 first)

// Age bands of the 党内统计: "le30" (30岁及以下), "31to35", "36to45", "46to55", "56to60", "gt60".
std::string AgeBand(int age);
const std::vector<std::pair<std::string, std::string>>& AgeBands();  // code → title
// Birth dates [earliest, latest] (inclusive) of the people in `band` on `on`, so a list can
// filter with birth_date BETWEEN; nullopt for an unknown band. "gt60" has earliest 0001-01-01.
std::optional<std::pair<Date, Date>> BirthDateRange(std::string_view band, const Date& on);

// Posts. Party posts are held in a unit; hospital posts in a department.
const std::vector<std::string>& PartyPosts();     // 书记, 副书记, 组织委员, 宣传委员, 纪检委员, 青年委员, 统战委员, 党小组组长, 委员
const std::vector<std::string>& HospitalPosts();  // 院长, 副院长, 科主任, 副主任, 护士长, 副护士长, 科室负责人, 职能部门负责人, 其他
// Middle-manager hospital posts that are appointed and removed together with a party post (双任免).
bool IsMiddleManagerPost(std::string_view hospital_post);

struct PostInput {
  std::string kind;        // party | hospital
  std::string title;
  std::string department;  // hospital posts: the 科室; optional for party posts
  std::string started_on;
  std::string appoint_doc; // 任职文号, optional
};
// Validates one post: kind known, title from the kind's list, started_on a real date not in the
// future, department required for a hospital post. Fields: kind, title, department, started_on.
Status ValidatePost(const PostInput& in, const Date& today);

// 双任免: one action, two posts. The hospital post must be a middle-manager post and the party
// post a party post; both start on the same date under the same document. Errors name
// "hospital_title", "party_title", "started_on", "department".
struct DualAppointment {
  std::string hospital_title;
  std::string department;
  std::string party_title;
  std::string started_on;
  std::string appoint_doc;
};
Status ValidateDualAppointment(const DualAppointment& in, const Date& today);

// A post as held, for the removal rule.
struct HeldPost {
  long long id = 0;
  std::string kind;
  std::string title;
  std::string started_on;
  std::optional<std::string> ended_on;
  std::optional<std::string> dual_id;
};
// Which posts a removal ends. Ending one post of a 双任免 pair alone is refused (field "id",
// "双任免职务须同时免去…"); ending the pair by its dual_id returns both. ended_on must be a real
// date, not before the post started (field "ended_on"), and not in the future. A post that has
// already ended is refused (kConflict).
Result<std::vector<long long>> PostsToEnd(const std::vector<HeldPost>& held, std::optional<long long> post_id,
                                          std::optional<std::string> dual_id, const std::string& ended_on,
                                          const Date& today);

// Leaving the Party organisation's roll: kind one of LeaveKinds(), date real and not in the future.
const std::vector<std::string>& LeaveKinds();  // 死亡, 出党, 退党, 停止党籍, 其他
// Transfers (组织关系转接): letter number required (1-40 characters), issued_on ≤ effective_on,
// neither in the future. Fields: letter_no, issued_on, effective_on.
Status ValidateTransferLetter(const std::string& letter_no, const std::string& issued_on,
                              const std::string& effective_on, const Date& today);

}  // namespace qizhi::party::members
