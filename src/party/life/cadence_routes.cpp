// /api/v1/life: the cadence across the caller's scope — units overdue on any rule (red on the
// tree, the 逾期未开展 list) and what each still owes this period — and the should-attend roll of
// a unit on a day, which the meeting form shows. Three queries per request, whatever the tree's
// size: the units, the meetings of the needed date range, the tenants' stored rules.
#include <map>

#include "party/life/cadence.hpp"
#include "party/life/cadence_inputs.hpp"
#include "party/life/store.hpp"
#include "party/org/overview.hpp"
#include "party/org/rules.hpp"
#include "platform/core/clock.hpp"
#include "platform/http/router.hpp"
#include "platform/services.hpp"

namespace qizhi::party::life {
namespace http = platform::http;
using http::JsonResponse;
using http::Request;
using http::Response;

namespace {

// The scope narrowed to `org` (a unit in scope, else 404) and the day the cadence is judged on.
struct CadenceQuery {
  Scope scope;
  Date on;
  std::string on_text;
};
Result<CadenceQuery> ParseCadenceQuery(soci::session& sql, const Request& req) {
  CadenceQuery c{req.who().scope, TodayDate(), ""};
  Errors errors;
  const std::string on = req.Query("on");
  if (!on.empty()) {
    if (auto d = ParseDate(on)) c.on = *d;
    else errors.push_back(Invalid("on", "日期格式应为 YYYY-MM-DD"));
  }
  c.on_text = FormatDate(c.on);
  auto org = ScopeOfOrg(sql, req.who().scope, req.Query("org"), false);
  if (!org.ok() && org.error().code == ErrorCode::kNotFound) return org.errors();
  if (!org.ok()) errors.push_back(org.error());
  else c.scope = org.value().scope;
  if (!errors.empty()) return errors;
  return c;
}

CadenceInputs LoadInputs(soci::session& sql, const CadenceQuery& c) {
  return LoadCadenceInputs(sql, c.scope, FormatDate(CadenceRangeStart(c.on)), c.on_text);
}

nlohmann::json RuleJson(const CadenceRule& r, const Date& start, const Date& end, int held, int required,
                        const std::string& message, int64_t unit_id) {
  std::map<std::string, std::string> params = {{"org", std::to_string(unit_id)}, {"direct", "1"},
                                               {"type", r.meeting_type},          {"from", FormatDate(start)},
                                               {"to", FormatDate(end)}};
  if (!r.presenter_role.empty()) params["lecturer_level"] = r.presenter_role;
  return {{"meeting_type", r.meeting_type},
          {"type_title", MeetingTypeTitle(r.meeting_type)},
          {"period", r.period},
          {"presenter_role", http::TextOrNull(r.presenter_role)},
          {"period_start", FormatDate(start)},
          {"period_end", FormatDate(end)},
          {"held", held},
          {"required", required},
          {"message", message},
          {"records", http::ListUrl("/api/v1/meetings", params)}};
}

}  // namespace

void RegisterCadenceRoutes(http::Router& router, platform::Services& s) {
  router.Add({.method = "GET",
              .pattern = "/api/v1/life/overdue",
              .permission = "party:life:list",
              .handler = [&s](Request& req) -> Response {
                return s.db.Read([&](soci::session& sql) -> Response {
                  auto c = ParseCadenceQuery(sql, req);
                  if (!c.ok()) return http::Problem(c.errors());
                  const auto in = LoadInputs(sql, c.value());
                  nlohmann::json items = nlohmann::json::array();
                  const auto rules_of = [&in](int64_t t) -> const std::vector<CadenceRule>& { return in.RulesOf(t); };
                  for (const auto& u : OverdueUnits(in.units, in.meetings, rules_of, c.value().on)) {
                    auto j = LifeUnitJson(*u.unit);
                    nlohmann::json missing = nlohmann::json::array();
                    for (const auto& o : u.missing)
                      missing.push_back(RuleJson(o.rule, o.period_start, o.period_end, o.held, o.required, o.message, u.unit->id));
                    j["missing"] = missing;
                    items.push_back(std::move(j));
                  }
                  const auto total = static_cast<int64_t>(items.size());
                  return JsonResponse(200, {{"on", c.value().on_text}, {"items", items}, {"total", total}});
                });
              }});

  router.Add({.method = "GET",
              .pattern = "/api/v1/life/due",
              .permission = "party:life:list",
              .handler = [&s](Request& req) -> Response {
                return s.db.Read([&](soci::session& sql) -> Response {
                  auto c = ParseCadenceQuery(sql, req);
                  if (!c.ok()) return http::Problem(c.errors());
                  const auto in = LoadInputs(sql, c.value());
                  nlohmann::json items = nlohmann::json::array();
                  const auto rules_of = [&in](int64_t t) -> const std::vector<CadenceRule>& { return in.RulesOf(t); };
                  for (const auto& u : DueUnits(in.units, in.meetings, rules_of, c.value().on)) {
                    auto j = LifeUnitJson(*u.unit);
                    nlohmann::json owed = nlohmann::json::array();
                    for (const auto& d : u.owed) {
                      auto r = RuleJson(d.rule, d.period_start, d.period_end, d.held, d.required, d.message, u.unit->id);
                      r["fixed_on"] = d.fixed_on ? nlohmann::json(FormatDate(*d.fixed_on)) : nlohmann::json(nullptr);
                      owed.push_back(std::move(r));
                    }
                    j["owed"] = owed;
                    items.push_back(std::move(j));
                  }
                  const auto total = static_cast<int64_t>(items.size());
                  return JsonResponse(200, {{"on", c.value().on_text}, {"items", items}, {"total", total}});
                });
              }});

  router.Add({.method = "GET",
              .pattern = "/api/v1/life/roll",
              .permission = "party:life:list",
              .handler = [&s](Request& req) -> Response {
                return s.db.Read([&](soci::session& sql) -> Response {
                  if (req.Query("org").empty()) return http::Problem({Invalid("org", "请选择党组织")});
                  auto unit = org::ParseOrgParam(sql, req.who().scope, req.Query("org"));
                  if (!unit.ok()) return http::Problem(unit.errors());
                  std::string on = req.Query("on");
                  if (on.empty()) on = TodayShanghai();
                  else if (!ParseDate(on)) return http::Problem({Invalid("on", "日期格式应为 YYYY-MM-DD")});
                  nlohmann::json items = nlohmann::json::array();
                  int64_t voting = 0;
                  for (const auto& r : RollOn(sql, unit.value().tenant_id, unit.value().path, on)) {
                    items.push_back({{"member_id", r.member_id}, {"name", r.name}, {"unit_name", r.unit_name},
                                     {"status", r.full ? "正式" : "预备"}});
                    if (r.full) ++voting;
                  }
                  const auto total = static_cast<int64_t>(items.size());
                  return JsonResponse(200, {{"unit_id", unit.value().id},
                                            {"unit_name", unit.value().name},
                                            {"on", on},
                                            {"items", items},
                                            {"total", total},
                                            {"voting", voting}});
                });
              }});
}

}  // namespace qizhi::party::life
