#include "party/points/rules.hpp"

#include <algorithm>
#include <map>
#include <tuple>

#include "platform/core/text.hpp"

namespace qizhi::party::points {

const std::vector<Action>& Actions() {
  static const std::vector<Action> kAll = {
      {std::string(kMeetingAttend), "参加组织生活", false, 1},
      {std::string(kLecture), "讲党课", false, 1},
      {std::string(kMeetingAbsent), "无故缺席组织生活", false, -1},
      {std::string(kManualBonus), "手工加分（表彰、志愿服务等）", true, 1},
      {std::string(kManualDeduct), "手工扣分", true, -1},
      {std::string(kDuesOnTime), "按时交纳党费", false, 1},
      {std::string(kCommendation), "受到表彰", false, 1},
  };
  return kAll;
}

const Action* FindAction(std::string_view code) {
  for (const auto& a : Actions())
    if (a.code == code) return &a;
  return nullptr;
}

const std::vector<std::pair<std::string, std::string>>& Cycles() {
  static const std::vector<std::pair<std::string, std::string>> kAll = {
      {"once", "仅一次"}, {"day", "每日"}, {"month", "每月"}, {"quarter", "每季度"}, {"year", "每年"}};
  return kAll;
}

bool IsCycle(std::string_view code) {
  for (const auto& [c, t] : Cycles())
    if (c == code) return true;
  return false;
}

std::string CycleKey(std::string_view cycle, const Date& d) {
  const std::string date = FormatDate(d);
  if (cycle == "day") return date;
  if (cycle == "month") return date.substr(0, 7);
  if (cycle == "quarter") return date.substr(0, 4) + "-Q" + std::to_string((d.month - 1) / 3 + 1);
  if (cycle == "year") return date.substr(0, 4);
  return "";
}

std::vector<PointRule> DefaultRules() {
  // A common county-hospital scheme: 2 per meeting attended (at most 10 a month, 60 a year), 5 per
  // 党课 given (20 a year), 3 off per absence without reason, manual entries up to 20 a year each way,
  // 1 for each month's dues paid by the month's end (12 a year), 10 per commendation (20 a year).
  auto rule = [](std::string_view action, const char* name, int64_t points, const char* cycle, int64_t cycle_cap,
                 int64_t year_cap) {
    PointRule r;
    r.action = std::string(action);
    r.name = name;
    r.points = points;
    r.cycle = cycle;
    r.cycle_cap = cycle_cap;
    r.year_cap = year_cap;
    r.effective_from = "2000-01-01";
    return r;
  };
  return {rule(kMeetingAttend, "参加组织生活", 2, "month", 10, 60), rule(kLecture, "讲党课", 5, "quarter", 10, 20),
          rule(kMeetingAbsent, "无故缺席组织生活", 3, "month", 6, 30),
          rule(kManualBonus, "表彰、志愿服务等加分", 5, "year", 20, 20), rule(kManualDeduct, "违规违纪等扣分", 5, "year", 20, 20),
          rule(kDuesOnTime, "按时交纳党费", 1, "month", 1, 12), rule(kCommendation, "受到表彰", 10, "year", 20, 20)};
}

Status ValidateRule(const PointRule& r, const std::string& today, const std::string& latest_from) {
  Errors errors;
  const Action* action = FindAction(r.action);
  if (!action) errors.push_back(Invalid("action", "积分事项无效"));
  const std::string name = Trim(r.name);
  if (name.empty() || Utf8Length(name) > 40) errors.push_back(Invalid("name", "规则名称应为 1 至 40 个字"));
  if (action && action->manual && (r.points < 1 || r.points > 100))
    errors.push_back(Invalid("points", "手工录入事项的默认分值应为 1 至 100"));
  else if (r.points < 0 || r.points > 100)
    errors.push_back(Invalid("points", "分值应为 0 至 100"));
  if (!IsCycle(r.cycle)) errors.push_back(Invalid("cycle", "周期应为仅一次、每日、每月、每季度或每年"));
  if (r.cycle_cap < 0 || r.cycle_cap > 10000) errors.push_back(Invalid("cycle_cap", "周期上限应为 0（不限）至 10000"));
  if (r.year_cap < 0 || r.year_cap > 10000) errors.push_back(Invalid("year_cap", "年度上限应为 0（不限）至 10000"));
  if (r.cycle_cap > 0 && r.year_cap > 0 && r.year_cap < r.cycle_cap)
    errors.push_back(Invalid("year_cap", "年度上限不能小于周期上限"));
  if (action && !action->manual && r.cycle_cap > 0 && r.cycle_cap < r.points)
    errors.push_back(Invalid("cycle_cap", "周期上限不能小于单次分值"));
  const auto from = ParseDate(r.effective_from);
  if (!from) {
    errors.push_back(Invalid("effective_from", "生效日期格式应为 YYYY-MM-DD"));
  } else if (r.effective_from.substr(0, 4) < today.substr(0, 4)) {
    errors.push_back(Invalid("effective_from", "生效日期不能早于今年1月1日（往年积分已结算）"));
  } else if (!latest_from.empty() && r.effective_from <= latest_from) {
    errors.push_back(Invalid("effective_from", "生效日期应晚于该事项现行版本的生效日期（" + latest_from + "）"));
  }
  if (errors.empty()) return Ok();
  return errors;
}

const PointRule* RuleInForce(const std::vector<PointRule>& versions, std::string_view action, const std::string& date) {
  const PointRule* found = nullptr;
  for (const auto& r : versions) {
    if (r.action != action || r.effective_from > date) continue;
    if (!found || r.effective_from > found->effective_from ||
        (r.effective_from == found->effective_from && r.id > found->id))
      found = &r;
  }
  return found;
}

namespace {

std::string CycleWord(std::string_view cycle) {
  if (cycle == "day") return "当日";
  if (cycle == "month") return "本月";
  if (cycle == "quarter") return "本季度";
  if (cycle == "year") return "本年";
  return "";
}

}  // namespace

std::vector<AwardedEvent> Award(std::vector<PointEvent> events, const std::vector<PointRule>& rules) {
  std::stable_sort(events.begin(), events.end(), [](const PointEvent& a, const PointEvent& b) {
    return std::tie(a.member_id, a.date, a.source, a.source_id, a.action) <
           std::tie(b.member_id, b.date, b.source, b.source_id, b.action);
  });
  // Used magnitude per (member, action, cycle key) and per (member, action, year); the date a
  // once-only action was first awarded.
  std::map<std::tuple<int64_t, std::string, std::string>, int64_t> in_cycle, in_year;
  std::map<std::pair<int64_t, std::string>, std::string> once_on;
  std::vector<AwardedEvent> out;
  out.reserve(events.size());
  for (auto& e : events) {
    AwardedEvent a;
    a.event = std::move(e);
    const PointEvent& ev = a.event;
    const Action* action = FindAction(ev.action);
    const auto date = ParseDate(ev.date);
    const PointRule* rule = date ? RuleInForce(rules, ev.action, ev.date) : nullptr;
    if (!action || !rule) {
      a.reason = "该日期无适用的积分规则";
      out.push_back(std::move(a));
      continue;
    }
    a.rule_name = rule->name;
    a.rule_id = rule->id;
    const int64_t magnitude = ev.points.value_or(rule->points);
    a.base = action->sign * magnitude;
    if (!rule->enabled) {
      a.reason = "该积分规则已停用";
      out.push_back(std::move(a));
      continue;
    }
    int64_t allowed = magnitude;
    const std::string year = ev.date.substr(0, 4);
    if (rule->cycle == "once") {
      auto [it, fresh] = once_on.emplace(std::make_pair(ev.member_id, ev.action), ev.date);
      if (!fresh) {
        a.reason = "此事项仅计一次，已于 " + it->second + " 计分";
        out.push_back(std::move(a));
        continue;
      }
    }
    int64_t& cycle_used = in_cycle[{ev.member_id, ev.action, CycleKey(rule->cycle, *date) + "|" + year}];
    int64_t& year_used = in_year[{ev.member_id, ev.action, year}];
    if (rule->cycle_cap > 0 && rule->cycle != "once") {
      const int64_t left = std::max<int64_t>(0, rule->cycle_cap - cycle_used);
      if (left < allowed) {
        allowed = left;
        a.reason = left == 0 ? CycleWord(rule->cycle) + "已达上限 " + std::to_string(rule->cycle_cap) + " 分"
                             : CycleWord(rule->cycle) + "上限 " + std::to_string(rule->cycle_cap) + " 分，本次计 " +
                                   std::to_string(left) + " 分";
      }
    } else if (rule->cycle_cap > 0 && allowed > rule->cycle_cap) {
      allowed = rule->cycle_cap;
      a.reason = "单次上限 " + std::to_string(rule->cycle_cap) + " 分";
    }
    if (rule->year_cap > 0) {
      const int64_t left = std::max<int64_t>(0, rule->year_cap - year_used);
      if (left < allowed) {
        allowed = left;
        a.reason = left == 0 ? "本年已达上限 " + std::to_string(rule->year_cap) + " 分"
                             : "本年上限 " + std::to_string(rule->year_cap) + " 分，本次计 " + std::to_string(left) + " 分";
      }
    }
    cycle_used += allowed;
    year_used += allowed;
    a.points = action->sign * allowed;
    out.push_back(std::move(a));
  }
  return out;
}

std::vector<MemberTotal> Rank(std::vector<MemberTotal> totals) {
  std::sort(totals.begin(), totals.end(), [](const MemberTotal& a, const MemberTotal& b) {
    return a.points != b.points ? a.points > b.points : a.member_id < b.member_id;
  });
  for (size_t i = 0; i < totals.size(); ++i)
    totals[i].rank = (i > 0 && totals[i].points == totals[i - 1].points) ? totals[i - 1].rank : static_cast<int>(i + 1);
  return totals;
}

Status ValidateEntry(const EntryInput& in, const std::string& today) {
  Errors errors;
  const Action* action = FindAction(in.action);
  if (!action || !action->manual) errors.push_back(Invalid("action", "事项应为手工加分或手工扣分"));
  if (in.points < 1 || in.points > 100) errors.push_back(Invalid("points", "分值应为 1 至 100"));
  if (!ParseDate(in.occurred_on)) {
    errors.push_back(Invalid("occurred_on", "发生日期格式应为 YYYY-MM-DD"));
  } else if (in.occurred_on > today) {
    errors.push_back(Invalid("occurred_on", "发生日期不能晚于今天"));
  } else if (in.occurred_on.substr(0, 4) != today.substr(0, 4)) {
    errors.push_back(Invalid("occurred_on", "只能录入本年度的加扣分（往年积分已结算）"));
  }
  const std::string reason = Trim(in.reason);
  if (Utf8Length(reason) < 2 || Utf8Length(reason) > 200) errors.push_back(Invalid("reason", "加扣分理由应为 2 至 200 个字"));
  if (errors.empty()) return Ok();
  return errors;
}

Status CanDecide(int64_t proposer, int64_t decider, std::string_view status) {
  if (status != "pending") return Error{ErrorCode::kConflict, "该申请已处理，不能再次审批", "status"};
  if (proposer != 0 && proposer == decider)
    return Error{ErrorCode::kForbidden, "不能审批本人提出的加扣分申请，须由另一位有审批权限的人员审批", "id"};
  return Ok();
}

Result<int> ParseYear(const std::string& year, const std::string& today) {
  const int this_year = std::stoi(today.substr(0, 4));
  if (year.empty()) return this_year;
  if (year.size() != 4 || !std::all_of(year.begin(), year.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return Invalid("year", "年度格式应为 YYYY");
  const int y = std::stoi(year);
  if (y < 2000 || y > this_year) return Invalid("year", "年度应为 2000 年至今年");
  return y;
}

}  // namespace qizhi::party::points
