// Member development (发展党员) per the 中国共产党发展党员工作细则 (2014): the 25 steps in 5 stages,
// the rules a recorded date breaks, and what is due next. Pure functions over plain structs, no
// I/O, thread-safe. Nothing here refuses a record: every broken rule comes back as a Violation
// (Chinese message naming the StepRecord field) to be shown on the person and listed for the
// party office; the caller asks for a reason where one is required and blocks nothing silently.
//
// Stages and steps (the usual mapping of the 细则):
//   1 申请入党                          steps 1-2
//   2 入党积极分子的确定和培养教育      steps 3-6
//   3 发展对象的确定和考察              steps 7-11
//   4 预备党员的接收                    steps 12-18
//   5 预备党员的教育考察和转正          steps 19-25
// The person is 入党申请人 from step 1, 入党积极分子 from step 3, 发展对象 from step 7, 预备党员
// from the branch vote (step 15, approved at step 17) and 正式党员 on the date of step 24.
// Dates are "YYYY-MM-DD"; month arithmetic clamps (01-31 + 1 month = 02-28/29) as in AddMonths;
// "within N months of d" means on or before AddMonths(d, N).
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "platform/core/date.hpp"
#include "platform/core/result.hpp"

namespace qizhi::party::development {

// One step of the catalogue and what its record holds beyond the date, the responsible
// organisation, the documents and an optional reason (which every record may carry).
struct StepInfo {
  int number = 0;                // 1-25
  std::string title;             // 递交入党申请书, …
  int stage = 0;                 // 1-5
  std::string people_role;       // 谈话人 | 培养联系人 | 入党介绍人 | "" (no people recorded)
  int min_people = 0;            // count rule on `people` (0/0: none)
  int max_people = 0;
  bool training = false;         // training_days / training_hours (step 11)
  bool vote = false;             // voting / present / in_favour (steps 15, 23)
  bool conclusion = false;       // conclusion text (考察意见, 政审结论, 审查/审批意见)
  bool extension = false;        // extension_months + reason (step 23: 延长预备期)
  bool repeatable = false;       // 6 (reviews), 10 (政审 redone), 21 (考察), 23 (after an extension)
};
const std::vector<StepInfo>& Steps();           // the 25 steps, in order
const StepInfo* FindStep(int number);           // nullptr outside 1-25
std::string StageTitle(int stage);              // 1-5 as above; "" otherwise

// A person named on a record. Whether a member is 正式 is the caller's knowledge (member data).
struct Person {
  long long member_id = 0;       // 0 when not on the roster
  std::string name;
  bool is_full_member = false;   // 正式党员 on the record's date
};

struct StepRecord {
  int step = 0;
  std::string date;                     // YYYY-MM-DD
  long long unit_id = 0;                // responsible 党支部 / 党委
  std::vector<Person> people;           // see StepInfo::people_role
  std::vector<std::string> documents;   // 入党申请书, 思想汇报, 政审材料, 志愿书 …
  std::string conclusion;
  int training_days = 0;                // step 11
  int training_hours = 0;
  int voting = 0;                       // steps 15, 23: 有表决权的党员
  int present = 0;                      //   到会的有表决权的党员
  int in_favour = 0;                    //   赞成
  int extension_months = 0;             // step 23: the 预备期 is extended instead of converted
  std::string reason;                   // why a rule is departed from (explains violations)
};

struct Candidate {
  std::string birth_date;               // YYYY-MM-DD
  bool is_youth_league_member = false;  // 共青团员 when made 积极分子 (step 3)
  bool recommended_by_league = false;   // 团组织推优
  std::vector<StepRecord> records;      // any order; the application date is step 1's date
};

struct Violation {
  int step = 0;
  int record = -1;             // index into Candidate::records
  std::string code;            // stable, see ViolationCodes()
  std::string field;           // the StepRecord / Candidate field at fault
  std::string message;         // Chinese, names the step, the dates and the limit
  // true: the record may stand when it carries a reason (the office departs from the rule
  // knowingly; `explained` then says one is recorded). false: no reason makes it right, the
  // record or the procedure must be corrected (it is still shown, never hidden).
  bool requires_reason = false;
  bool explained = false;      // requires_reason and the record's reason is not empty
};

// Every rule the recorded dates and figures break, sorted by step, then record date, then the
// order below. Records with an unknown step or an invalid date are reported and then ignored.
// Codes (R = requires_reason):
//   step_unknown                step not 1-25
//   date_invalid                date not a real YYYY-MM-DD
//   future_date                 date after today
//   step_repeated            R  a second record of a step that is not repeatable
//   out_of_order             R  dated before the first record of an earlier-numbered step
//   prerequisite_missing     R  earlier steps (other than 6, see review_gap) not recorded; reported
//                               once, on the first record of the next recorded step after them
//   birth_date_invalid          (step 1) the candidate's birth_date is not a real date
//   under_age                   (step 1) younger than 18 on the application date (18 on the birthday)
//   league_recommendation    R  (step 3) a 团员 younger than 28 on the step-3 date (AgeOn < 28)
//                               without 推优
//   talk_late                R  (step 2) later than 1 month after step 1
//   review_gap               R  (step 6, 7) a review more than 6 months after the previous review
//                               (or after step 3); step 7 more than 6 months after the last review
//                               on or before it (or after step 3 when there is none)
//   activist_under_one_year     (step 7) earlier than 1 year after step 3 (exactly 1 year is OK)
//   people_count                step 5: 1-2 培养联系人; step 9: exactly 2 入党介绍人
//   people_not_full             step 5 or 9 names someone who is not a 正式党员
//   political_review_expired    (step 15) more than 1 year after the latest step 10 on or before it
//   training_short              (step 11) fewer than 3 days and fewer than 24 class hours
//   vote_missing                (step 15, 23) voting not recorded (≤ 0)
//   vote_inconsistent           negative counts, present > voting or in_favour > present
//   vote_no_quorum              present * 2 ≤ voting (more than half must attend)
//   vote_not_passed             in_favour * 2 ≤ voting (more than half of the voting members)
//   approval_late            R  (step 17) more than 3 months after step 15 without a reason; with a
//                               reason, up to 6 months is accepted and nothing is reported
//   approval_too_late           (step 17) more than 6 months after step 15, reason or not
//   probation_not_ended         (step 23, 24) dated before the 预备期 in force ends
//   extension_length            (step 23) extension_months not 6-12
//   extension_repeated          (step 23) a second extension (only one is allowed)
//   extension_reason         R  (step 23) an extension without a reason
//   conversion_approval_late R  (step 24) more than 3 months after the 预备期 ends
std::vector<Violation> CheckPath(const Candidate& c, const Date& today);
const std::vector<std::pair<std::string, std::string>>& ViolationCodes();  // code → title

// The 预备期: one year from the branch vote (step 15), plus an extension of 6-12 months.
// ProbationEnds(v, e) = AddMonths(v, 12 + e): 2024-02-29 → 2025-02-28; + 6 → 2025-08-29.
Date ProbationEnds(const Date& vote_date, int extension_months);
struct Probation {
  Date starts_on;                 // step 15
  int extension_months = 0;       // the first step-23 extension, 0 when none
  Date ends_on;
  std::optional<Date> full_on;    // step 24: 正式党员 from this date
};
std::optional<Probation> ProbationOf(const Candidate& c);  // nullopt before step 15

// What is due by when, sorted by due_on then step; overdue when due_on < today.
//   step 2   党组织派人谈话               step 1 + 1 month, while step 2 is not recorded
//   step 6   培养教育考察                 last review (or step 3) + 6 months, from step 3 to step 7
//   step 10  政治审查结论有效期届满       latest step 10 + 1 year, while step 15 is not recorded
//   step 17  上级党委审批                 step 15 + 3 months, while step 17 is not recorded
//   step 22  提出转正申请                 预备期 end, while step 22 is not recorded
//   step 23  支部大会讨论转正             预备期 end, while no step 23 without extension exists
//   step 24  上级党委审批转正             预备期 end + 3 months, while step 24 is not recorded
struct Due {
  int step = 0;
  std::string title;  // Chinese: the step and the rule, e.g. 培养教育考察（每半年一次）
  Date due_on;
  bool overdue = false;
};
std::vector<Due> NextDue(const Candidate& c, const Date& today);

// The stage (1-5) of the highest-numbered step recorded with a valid date; 0 when none.
int StageOf(const Candidate& c);

// Where the person stands and since when (the first date of the step that made them so):
//   正式党员 step 24 · 预备党员 step 17 (since the branch vote, step 15, the 入党日期; before the
//   approval the person is still a 发展对象) · 发展对象 step 7 · 积极分子 step 3 · 申请人 step 1;
//   role "" and since "" when nothing is recorded.
struct RoleInfo {
  std::string role;
  std::string since;  // YYYY-MM-DD
};
RoleInfo RoleOf(const Candidate& c);
const std::vector<std::string>& Roles();  // 申请人, 积极分子, 发展对象, 预备党员, 正式党员
// The first valid date recorded for `step`, "" when none.
std::string FirstDateOf(const Candidate& c, int step);

// The person's basic information (发展对象 person), checked with the member record's rules
// (party::members::ValidateMember: name, sex against the ID number, GB 11643 ID number, ethnicity,
// education and category from their lists, phone) without the membership dates, which a
// candidate does not have yet. Errors name the fields of CandidateInput. Returns the birth date
// the ID number tells and the normalised ID number.
struct CandidateInput {
  std::string name, sex, id_number, ethnicity, education, category, job, phone;
};
struct ValidCandidate {
  CandidateInput input;     // trimmed, id_number normalised
  std::string birth_date;   // from the ID number
};
Result<ValidCandidate> ValidateCandidate(const CandidateInput& in, const Date& today);

}  // namespace qizhi::party::development
