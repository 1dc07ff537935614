#include "party/life/ledger.hpp"

#include <algorithm>

namespace qizhi::party::life {
namespace {

std::string PeriodWord(std::string_view period) {
  if (period == kMonth) return "每月";
  if (period == kQuarter) return "每季度";
  if (period == kYear) return "每年";
  return std::string(period);
}

}  // namespace

Result<int> ParseLedgerYear(std::string_view text, const Date& today) {
  if (text.empty()) return Invalid("year", "请选择年度");
  const bool digits = text.size() == 4 && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (!digits) return Invalid("year", "年度格式应为 YYYY");
  const int year = std::stoi(std::string(text));
  if (year < kFirstLedgerYear || year > today.year)
    return Invalid("year", "年度应在 " + std::to_string(kFirstLedgerYear) + " 年至 " + std::to_string(today.year) + " 年之间");
  return year;
}

int Absent(const LedgerMeeting& m) { return std::max(m.should, 0) - std::clamp(m.came, 0, std::max(m.should, 0)); }

std::string RateText(const LedgerMeeting& m) {
  const auto rate = AttendanceRate(m.should, m.came);
  return rate ? FormatPerMille(*rate) : "—";
}

std::string LedgerTitle(std::string_view unit_name, int year) {
  return std::string(unit_name) + "三会一课台账（" + std::to_string(year) + "年）";
}

const std::vector<std::string>& LedgerHeaders() {
  static const std::vector<std::string> kHeaders = {"序号", "日期",   "时间", "党组织", "会议类型", "会议主题",
                                                    "主持人/主讲人", "应到", "实到", "缺席", "出席率"};
  return kHeaders;
}

std::vector<std::string> LedgerCells(int n, const LedgerMeeting& m) {
  return {std::to_string(n),
          m.date,
          m.start_time,
          m.unit_name,
          MeetingTypeTitle(m.type),
          m.topic,
          m.presenter,
          std::to_string(std::max(m.should, 0)),
          std::to_string(std::clamp(m.came, 0, std::max(m.should, 0))),
          std::to_string(Absent(m)),
          RateText(m)};
}

std::string RuleTitle(const CadenceRule& rule) {
  std::string out = MeetingTypeTitle(rule.meeting_type);
  if (!rule.presenter_role.empty()) out += "（" + rule.presenter_role + "主讲）";
  else out += " ";
  return out + PeriodWord(rule.period) + "不少于" + std::to_string(rule.min_count) + "次";
}

std::string PeriodStateTitle(std::string_view state) {
  if (state == "met") return "已完成";
  if (state == "open") return "进行中";
  if (state == "missed") return "未完成";
  if (state == "exempt") return "不考核（组织成立前）";
  return std::string(state);
}

std::string CadenceTitle(std::string_view unit_name, int year) {
  return std::string(unit_name) + "组织生活开展情况（" + std::to_string(year) + "年）";
}

const std::vector<std::string>& CadenceHeaders() {
  static const std::vector<std::string> kHeaders = {"党组织", "规则", "周期", "应开展", "已开展", "情况"};
  return kHeaders;
}

std::vector<std::string> CadenceCells(std::string_view unit_name, const CadenceRule& rule, const PeriodCount& p) {
  return {std::string(unit_name),
          RuleTitle(rule),
          PeriodTitle(Period{p.start, p.end}, rule.period),
          std::to_string(p.required),
          std::to_string(p.held),
          PeriodStateTitle(p.state)};
}

}  // namespace qizhi::party::life
