// The 三会一课 ledger (台账) of a unit and year, in the layout a superior committee inspects: one
// row per meeting (date, unit, type, topic, presenter, should/came/absent, attendance rate) and,
// per cadence rule, each period with what was held against what was required. The cells of the
// .xlsx and the ledger's year parameter. Pure, no I/O, thread-safe.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "party/life/rules.hpp"
#include "platform/core/result.hpp"

namespace qizhi::party::life {

// The first year a ledger may be asked for; earlier records belong to paper ledgers.
inline constexpr int kFirstLedgerYear = 2000;

// "YYYY" between kFirstLedgerYear and today's year; an error naming `year` otherwise.
Result<int> ParseLedgerYear(std::string_view text, const Date& today);

struct LedgerMeeting {
  std::string date;  // YYYY-MM-DD
  std::string start_time;
  std::string unit_name;
  std::string type;
  std::string topic;
  std::string presenter;
  int should = 0;
  int came = 0;  // clamped to [0, should] for absent and the rate
};
int Absent(const LedgerMeeting& m);
// "66.7%", or "—" when nobody should attend.
std::string RateText(const LedgerMeeting& m);

// "内科党支部三会一课台账（2026年）"
std::string LedgerTitle(std::string_view unit_name, int year);
// 序号 日期 时间 党组织 会议类型 会议主题 主持人/主讲人 应到 实到 缺席 出席率
const std::vector<std::string>& LedgerHeaders();
std::vector<std::string> LedgerCells(int n, const LedgerMeeting& m);

// "支部党员大会 每季度不少于1次", "党课（党委书记主讲）每年不少于1次"
std::string RuleTitle(const CadenceRule& rule);
// met 已完成, open 进行中, missed 未完成, exempt 不考核（组织成立前）; else the state itself.
std::string PeriodStateTitle(std::string_view state);
// "内科党支部组织生活开展情况（2026年）"
std::string CadenceTitle(std::string_view unit_name, int year);
// 党组织 规则 周期 应开展 已开展 情况
const std::vector<std::string>& CadenceHeaders();
std::vector<std::string> CadenceCells(std::string_view unit_name, const CadenceRule& rule, const PeriodCount& p);

}  // namespace qizhi::party::life
