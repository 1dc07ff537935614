// Demo organisations and rosters: the three hospitals of the seed reports (大足区人民医院,
// 重庆市红十字会医院（江北区人民医院）, 长寿区人民医院) with their 党委 → 党总支 → 党支部 → 党小组 tree,
// members, party and hospital posts, and a generated hospital of any size for the benchmarks.
// Pure and deterministic: no database, no I/O, no clock (`today` is given), the same arguments
// always give the same output (std::mt19937, whose sequence the standard fixes, reduced by our
// own helper, never std::uniform_int_distribution). The caller inserts the output through the
// stores. People are invented: names are drawn from common surnames and given names, and ID
// numbers are valid per GB 11643 but made up.
//
// What holds for every hospital (and the tests check):
// - units[0] is the 党委 (kind committee, parent -1); every unit comes after its parent.
// - every MemberInput passes party::members::ValidateMember on `today`; ID numbers are unique
//   across all hospitals (the first digit of the 顺序码 is the hospital's: 大足 1, 江北 2, 长寿 3,
//   generated 4-9); phones are unique within a hospital.
// - about 5% of the members are 预备 (joined within the last 12 months); the rest are 正式 with
//   full_on one year after joined_on, two or so after an extended 预备期 (1 year 6 months).
// - the committee of a unit with committee_elected_on is the set of its party posts (unit ==
//   that unit) whose started_on equals committee_elected_on; term 3 years (党支部, 党总支) or
//   5 years (党委). A 双任免 pair (书记 + 科主任) shares dual_key, started_on and appoint_doc.
// - every 党委, 党总支 and 党支部 has exactly one current 书记, except the deliberate case below.
//
// The warnings of party/org/rules.hpp the demo produces, on purpose, and nothing else:
//   大足: branch_too_few_full 玉龙镇卫生院党支部 (2 正式 + 1 预备); secretary_missing 后勤第二党支部
//         (its 副书记 presides); term_ending 骨科党支部 (elected 3 years − ~1 month ago);
//         term_expired 邮亭镇中心卫生院党支部 (elected ~3 years 5 months ago).
//   江北: term_ending 医技党支部.
//   长寿: branch_too_few_full 康复医学科党支部; term_ending 妇产科党支部; term_expired 后勤党支部.
//   generated: none by design (a small `members` may give size warnings).
#pragma once
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "party/members/rules.hpp"

namespace qizhi::app {

struct DemoUnit {
  int index;                    // position in DemoOrg::units
  int parent;                   // index of the parent, -1 for the root 党委
  std::string name;             // e.g. "内科党支部", "内科党总支", "龙水镇中心卫生院党支部"
  std::string kind;             // committee | general_branch | branch | group
  std::string department;       // the clinical department a branch sits in (支部建在科室), "" if none
  std::string alliance_member;  // 医共体 member hospital name for its branches, "" otherwise
  // When the unit has an elected committee (≥7 full members, and every 党委/党总支).
  std::optional<std::string> committee_elected_on;
};

struct DemoPost {
  std::string kind;        // party | hospital
  std::string title;       // party: from PartyPosts(); hospital: from HospitalPosts()
  int unit = -1;           // party posts: index of the unit the post is held in; hospital posts: -1
  std::string department;  // hospital posts: the 科室 (院长/副院长: "院领导"); party posts: ""
  std::string started_on;
  std::string dual_key;     // non-empty: the two posts of one 双任免 share it
  std::string appoint_doc;  // added: 任职文号 of hospital posts and 双任免 pairs, "" for elected party posts
};

struct DemoMember {
  int unit;                                  // index into units (a branch or group)
  qizhi::party::members::MemberInput input;  // every field valid per ValidateMember on `today`
  std::vector<DemoPost> posts;
  std::vector<std::pair<std::string, std::string>> rewards;  // (title, decided_on): 优秀共产党员, 优秀党务工作者
};

struct DemoOrg {
  std::string tenant_name;  // as in app/demo.cpp's tenants
  std::vector<DemoUnit> units;
  std::vector<DemoMember> members;  // grouped by branch, in the order of the branches in units
};

// The three hospitals of the demo. `today` YYYY-MM-DD bounds every date (a malformed `today`
// gives an org with only tenant_name). Same `today` → same output.
//
// 大足区人民医院: 430 members, 5 党总支 (内科, 外科, 医技, 行政后勤, 医共体分院), 48 党支部 in all
// (9 of 医共体 member hospitals such as 龙水镇中心卫生院 under 医共体分院党总支; 急诊科, 重症医学科,
// 中医科 and two 离退休 branches directly under the 党委).
DemoOrg DazuHospital(const std::string& today);
// 重庆市红十字会医院（江北区人民医院）: exactly 4 branches 行政后勤党支部, 内科党支部, 外科党支部,
// 医技党支部 directly under the 党委; 138 members.
// The demo users live in 内科党支部: the first two members of that branch (unit == the branch or
// one of its 党小组; both sit in its 第一党小组) are 陈建国 (男, 书记 of 内科党支部 and 内科 科主任
// by 双任免, phone 13983214567) and then 王丽娟 (女, an ordinary 正式 member without posts, phone
// 15923456789). No other member of any demo hospital bears the name of a user of app/demo.cpp.
DemoOrg JiangbeiHospital(const std::string& today);
// 长寿区人民医院: 200 members, 2 党总支 (内科, 外科) and 15 党支部.
DemoOrg ChangshouHospital(const std::string& today);
// A generated roster of `members` members spread over a big tree, for benchmarks: about 30
// members per 党支部 (some with 党小组), three 党支部 per 党总支, every tenth branch 离退休.
// Same (today, members, seed) → same output; ID numbers never collide with the three hospitals.
DemoOrg GeneratedHospital(const std::string& today, int members, unsigned seed);

// Added helper: the 党支部 a unit belongs to (the unit itself for a branch, its parent for a
// 党小组), -1 for a 党委/党总支 or an index out of range.
int BranchOf(const DemoOrg& org, int unit);

}  // namespace qizhi::app
