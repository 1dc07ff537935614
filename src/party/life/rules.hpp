// Rules of organisational life (三会一课 and more): the catalogue of meeting types and absence
// reasons, the cadence each unit kind owes (rules as data, so a tenant may store its own), what a
// unit is overdue on and what it still owes in the current period, per-period counts for the
// ledger (台账), the quorum and vote of a 支部党员大会, attendance rates, and what a valid meeting
// record and attendance list are. Pure functions over plain structs, no I/O, thread-safe.
//
// Periods are calendar periods: a month, a calendar quarter (1-3, 4-6, 7-9, 10-12), a calendar
// year, each [start, end] inclusive. The cadence judgement, precisely:
// - A meeting counts for a rule when its type is the rule's meeting_type, its presenter_role is
//   the rule's (when the rule names one) and its date falls in the period. Meetings dated after
//   `today` (planned, not held) and meetings with an invalid date are ignored.
// - A period is judged only when it starts on or after the unit's created_on: a unit created in
//   the middle of a period owes nothing for that partial period (the kinder reading); its first
//   judged period is the first full one. Created 2026-02-15: Q1 2026 is not judged, Q2 is; for a
//   yearly rule 2026 is not judged, 2027 is. An empty or invalid created_on judges every period.
// - Overdue: the last *ended* period (the one before the period containing `today`) is judged
//   and had fewer than min_count meetings. Only that period makes a unit red: a gap further back
//   stays visible in CadenceHistory but no longer colours the tree. The period containing
//   `today` is never overdue; while it lacks meetings it is Due, "due by" its last day.
// - 主题党日 on a fixed day: a 主题党日 held on any day of the month counts (hospitals move it for
//   clinical duty); the fixed day only dates the Due item (fixed_on) so the UI can show it.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "platform/core/date.hpp"
#include "platform/core/ratio.hpp"
#include "platform/core/result.hpp"

namespace qizhi::party::life {

// Meeting types, as stored.
inline constexpr std::string_view kBranchAssembly = "branch_assembly";         // 支部党员大会
inline constexpr std::string_view kBranchCommittee = "branch_committee";       // 支委会
inline constexpr std::string_view kGroupMeeting = "group_meeting";             // 党小组会
inline constexpr std::string_view kPartyLecture = "party_lecture";             // 党课
inline constexpr std::string_view kThemeDay = "theme_day";                     // 主题党日
inline constexpr std::string_view kLifeMeeting = "life_meeting";               // 组织生活会
inline constexpr std::string_view kMemberReview = "member_review";             // 民主评议党员
inline constexpr std::string_view kStudy = "study";                            // 集中学习
inline constexpr std::string_view kCentralGroupStudy = "central_group_study";  // 党委理论学习中心组学习
inline constexpr std::string_view kHeartTalk = "heart_talk";                   // 谈心谈话

struct MeetingType {
  std::string code;
  std::string title;  // 支部党员大会 …
  std::string verb;   // for messages: 召开 (支部党员大会), 开展 (主题党日), 上 (党课)
};
// The ten types above, in that order.
const std::vector<MeetingType>& MeetingTypes();
bool IsMeetingType(std::string_view code);
// The title; the input itself for an unknown code.
std::string MeetingTypeTitle(std::string_view code);

const std::vector<std::string>& AbsenceReasons();  // 病假, 事假, 公假, 其他
// Presenter roles a cadence rule may require (党课 given by …).
inline constexpr std::string_view kCommitteeSecretary = "党委书记";
inline constexpr std::string_view kBranchSecretary = "支部书记";

// Period kinds.
inline constexpr std::string_view kMonth = "month";
inline constexpr std::string_view kQuarter = "quarter";
inline constexpr std::string_view kYear = "year";

struct Period {
  Date start;
  Date end;  // inclusive
  auto operator<=>(const Period&) const = default;
};
// The month, calendar quarter or calendar year containing `date`; nullopt for an unknown kind.
std::optional<Period> PeriodOf(const Date& date, std::string_view period);
// "2026年3月", "2026年第三季度", "2026年"; the dates for an unknown kind.
std::string PeriodTitle(const Period& p, std::string_view period);

struct CadenceRule {
  std::string meeting_type;
  std::string applies_to;        // unit kind: branch, group, committee, general_branch
  std::string period;            // month | quarter | year
  int min_count = 1;             // meetings per period, at least
  std::string presenter_role;    // "" (anyone) or 党委书记 / 支部书记: only their 党课 count
  int fixed_day = 0;             // day of month the meeting is fixed on (default for the unit); 0 none
  bool needs_committee = false;  // only units with an elected committee (支委会) owe it
};
// The defaults (支部工作条例 2018 and the issue):
//   支部党员大会 branch quarter; 支委会 branch month (only with a 支委会: below 7 正式党员 a branch
//   has a secretary, no committee); 党小组会 group month; 党课 branch quarter; 党课 by the 党委书记
//   committee year; 党课 by the 支部书记 branch year; 主题党日 branch month (fixed day from the
//   unit); 组织生活会, 民主评议党员, 谈心谈话 branch year. 党总支 owe nothing by default;
//   集中学习 and 中心组学习 have no default cadence.
const std::vector<CadenceRule>& DefaultCadence();
// A stored rule: meeting_type known, applies_to a unit kind, period known, min_count 1-99,
// presenter_role "" or one of the two roles, fixed_day 0-31. Errors name the CadenceRule field.
Status ValidateCadenceRule(const CadenceRule& rule);

struct HeldMeeting {
  std::string type;
  std::string date;            // YYYY-MM-DD
  std::string presenter_role;  // the presenter's role on that day: 党委书记, 支部书记 or ""
};
// What the cadence looks at. The caller passes the meetings that count for the unit: for the
// committee's 党委书记 rule, every 党课 the 党委书记 gave, whichever unit recorded it.
struct UnitLifeFacts {
  std::string kind;              // branch, group, committee, general_branch
  std::string created_on;        // YYYY-MM-DD
  std::optional<int> fixed_day;  // the unit's 主题党日 day; overrides the theme_day rule's fixed_day
  bool has_committee = true;     // an elected 支委会, for rules with needs_committee
  std::vector<HeldMeeting> meetings;
};
// The rule is for the unit's kind, the unit has a 支委会 if the rule needs one, the period is known.
bool Applies(const CadenceRule& rule, const UnitLifeFacts& facts);

struct Overdue {
  CadenceRule rule;
  Date period_start;
  Date period_end;
  int held = 0;
  int required = 0;
  std::string message;  // 2026年第三季度未召开支部党员大会 / 2026年党委书记未讲党课 / …召开1次，应不少于2次
};
// One entry per applicable rule whose last ended period is judged and short (see top), in the
// order of `rules`.
std::vector<Overdue> OverdueRules(const UnitLifeFacts& facts, const std::vector<CadenceRule>& rules,
                                  const Date& today);

struct Due {
  CadenceRule rule;
  Date period_start;
  Date period_end;               // due by
  std::optional<Date> fixed_on;  // month rules with a fixed day: that day this month (31 → last day)
  int held = 0;
  int required = 0;
  std::string message;  // 2026年第三季度尚需召开支部党员大会1次，截止9月30日
};
// One entry per applicable rule whose current period (containing `today`) is judged and still
// short, in the order of `rules`.
std::vector<Due> DueRules(const UnitLifeFacts& facts, const std::vector<CadenceRule>& rules,
                          const Date& today);

struct PeriodCount {
  Date start;
  Date end;
  int held = 0;
  int required = 0;
  // met: held ≥ required (in any period); exempt: short but not judged (the period starts before
  // created_on); open: short and not ended (end ≥ today); missed: short, judged and ended.
  std::string state;
};
// The ledger of one rule: every period that overlaps [from, to], oldest first. Empty when the
// rule does not apply to the unit, its period is unknown or from > to. The caller bounds the range.
std::vector<PeriodCount> CadenceHistory(const UnitLifeFacts& facts, const CadenceRule& rule, const Date& from,
                                        const Date& to, const Date& today);

// Quorum of a 支部党员大会 with voting items: more than half of the members with a vote (正式党员;
// 预备党员 have none) must be present. `present` counts voting members only and is clamped to
// [0, voting]. With no voting members there is no quorum: nobody can vote.
struct QuorumCheck {
  int voting = 0;
  int present = 0;
  int needed = 0;  // MoreThanHalf(voting)
  bool has_quorum = false;
  std::string message;  // 应到有表决权党员10名，实到6名，超过半数，可以表决 / …未超过半数（需6名），不能表决
};
QuorumCheck Quorum(int voting_members, int present);
// A resolution passes with more than half of the voting members (应到会有表决权的党员), not of
// those present, in favour. 0 voting members: never.
bool Passed(int voting_members, int in_favour);
// The smallest count that is more than half of n: n / 2 + 1 (1 for 0).
int MoreThanHalf(int n);

// Attendance rate in per mille, rounded half up: 2/3 → 667, 1/16 → 63. `came` counts members of
// the should-attend list and is clamped to [0, should]. nullopt when nobody should attend.
// Integers, not floats: the rate is compared and summed in reports.
std::optional<int> AttendanceRate(int should, int came);
// 667 → "66.7%" (platform/core/ratio.hpp).
using qizhi::FormatPerMille;

// "HH:MM", 00:00 to 23:59.
bool IsClockTime(std::string_view t);

// A meeting record's own fields. Required: type (known), date (real, not after today),
// start_time (HH:MM), place (≤100 字), topic (≤100 字), presenter and recorder (≤20 字 each);
// optional minutes (≤20000 字) and decisions (≤5000 字). Errors name these fields; blank (spaces,
// including the ideographic space) counts as missing.
struct MeetingInput {
  std::string type;
  std::string date;
  std::string start_time;
  std::string place;
  std::string topic;
  std::string presenter;
  std::string recorder;
  std::string minutes;
  std::string decisions;
};
Status ValidateMeeting(const MeetingInput& in, const Date& today);

// Who should attend, who came, who was absent and why. Guests (列席) are not in these lists.
struct Absence {
  long long member_id = 0;
  std::string reason;  // one of AbsenceReasons()
  std::string note;    // required for 其他
};
struct AttendanceInput {
  std::vector<long long> computed;  // the unit's members on the meeting date
  std::vector<long long> should;    // who should attend as saved: computed, possibly edited
  std::string should_reason;        // required when should differs from computed (as sets)
  std::vector<long long> came;
  std::vector<Absence> absent;
};
// All errors at once: should_reason (edited without a reason), should / came (duplicates,
// came not in should), absent (duplicates, not in should, also in came, reason not in the
// list, 其他 without a note, a should-attend member marked neither came nor absent).
Status ValidateAttendance(const AttendanceInput& in);

}  // namespace qizhi::party::life
