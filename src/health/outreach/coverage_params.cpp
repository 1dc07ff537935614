#include "health/outreach/coverage_params.hpp"

#include <algorithm>

#include "health/outreach/plan_store.hpp"
#include "health/outreach/route_support.hpp"

namespace qizhi::health::outreach {

namespace {

std::string Get(const Params& p, const char* name) {
  auto it = p.find(name);
  return it == p.end() ? std::string() : it->second;
}

bool Digits(const std::string& s, size_t n) {
  return s.size() == n && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

Result<CoverageSelection> ParseCoverageParams(soci::session& sql, const Scope& scope,
                                              const registry::VillageScope& caller, const Params& query,
                                              const Date& today) {
  CoverageSelection sel;
  Errors errors;
  for (const char* name : {"period", "village", "town", "team"})
    if (!Get(query, name).empty()) sel.params[name] = Get(query, name);

  std::string period = Get(query, "period");
  if (period.empty()) period = FormatDate(today).substr(0, 7);
  sel.params["period"] = period;
  registry::VillageScope villages = caller;
  if (period.rfind("plan:", 0) == 0) {
    const std::string id = period.substr(5);
    if (!Digits(id, id.size()) || id.empty() || id.size() > 15) {
      errors.push_back(Invalid("period", "走访计划应写作 plan:<编号>"));
    } else {
      auto plan = FindVisitPlan(sql, scope, caller, std::stoll(id));
      if (!plan) return Error{ErrorCode::kNotFound, "走访计划不存在", "period"};
      if (plan->state != "active") errors.push_back(Invalid("period", "该走访计划已取消"));
      sel.period.kind = plan->kind;
      sel.period.key = period;
      sel.period.title = plan->name;
      sel.period.start = *ParseDate(plan->starts_on);
      sel.period.end = *ParseDate(plan->ends_on);
      villages = Narrow(villages, plan->villages);
    }
  } else {
    auto p = ParseVisitPeriod({period.find("-Q") != std::string::npos ? std::string(kPeriodQuarter) : std::string(kPeriodMonth),
                               period, "", "", ""});
    if (!p.ok()) errors.insert(errors.end(), p.errors().begin(), p.errors().end());
    else sel.period = p.value();
  }

  const std::string village = Get(query, "village");
  if (!village.empty()) {
    if (!Digits(village, 12)) errors.push_back(Invalid("village", "村代码应为 12 位数字"));
    else if (!caller.Allows(village)) return Error{ErrorCode::kNotFound, "该村不在您的负责范围内", "village"};
    else villages = Narrow(villages, {village});
  }
  const std::string town = Get(query, "town");
  if (!town.empty() && !Digits(town, 9)) errors.push_back(Invalid("town", "乡镇代码应为 9 位数字"));
  else sel.query.town = town;

  if (!errors.empty()) return errors;
  const auto judged = JudgedOn(sel.period, today);
  if (!judged) return Invalid("period", "该期间尚未开始，还没有可统计的走访");
  sel.query.start = sel.period.start;
  sel.query.as_of = *judged;

  const std::string team = Get(query, "team");
  if (!team.empty()) {
    if (!Digits(team, team.size()) || team.size() > 15 || std::stoll(team) <= 0) return Invalid("team", "帮扶队编号应为正整数");
    villages = Narrow(villages, VillagesOfTeam(sql, scope, std::stoll(team), FormatDate(sel.query.as_of)));
  }
  sel.query.villages = villages;
  return sel;
}

}  // namespace qizhi::health::outreach
