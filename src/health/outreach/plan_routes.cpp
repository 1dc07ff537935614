// /api/v1/visit-plans: visit plans (走访计划) — a month, a quarter or a campaign over a set of
// villages; the list, one plan, creating and cancelling (with a reason). Coverage of a plan is
// GET /api/v1/coverage?period=plan:<id>.
#include "health/outreach/plan_store.hpp"
#include "health/outreach/route_support.hpp"
#include "health/outreach/visit_period.hpp"
#include "platform/audit/store.hpp"
#include "platform/core/text.hpp"
#include "platform/http/router.hpp"
#include "platform/services.hpp"

namespace qizhi::health::outreach {
namespace http = platform::http;
namespace audit = platform::audit;
using http::JsonResponse;
using http::Request;
using http::Response;
using http::TextOrNull;

namespace {

Error PlanNotFound() { return Error{ErrorCode::kNotFound, "走访计划不存在", "id"}; }

nlohmann::json PlanJson(const VisitPlanRecord& p) {
  return {{"id", p.id},
          {"name", p.name},
          {"kind", p.kind},
          {"period_key", p.period_key},
          {"starts_on", p.starts_on},
          {"ends_on", p.ends_on},
          {"team_id", http::ValueOrNull(p.team_id)},
          {"team_name", TextOrNull(p.team_name)},
          {"villages", p.villages},
          {"note", TextOrNull(p.note)},
          {"state", p.state},
          {"cancel_reason", TextOrNull(p.cancel_reason)},
          {"coverage", "/api/v1/coverage?period=plan%3A" + std::to_string(p.id)},
          {"created_at", p.created_at},
          {"version", p.version}};
}

}  // namespace

void RegisterPlanRoutes(http::Router& router, platform::Services& s) {
  router.Add({.method = "GET",
              .pattern = "/api/v1/visit-plans",
              .permission = "health:visit:list",
              .handler = [&s](Request& req) -> Response {
                auto p = http::ParseListParams(req, {"start"}, "-start");
                PlanListFilter f;
                Errors errors;
                f.state = req.Query("state", "active");
                if (f.state != "active" && f.state != "cancelled" && f.state != "all")
                  errors.push_back(Invalid("state", "状态应为 active、cancelled 或 all"));
                f.from = req.Query("from");
                if (!f.from.empty() && !ParseDate(f.from)) errors.push_back(Invalid("from", "起始日期格式应为 YYYY-MM-DD"));
                f.to = req.Query("to");
                if (!f.to.empty() && !ParseDate(f.to)) errors.push_back(Invalid("to", "截至日期格式应为 YYYY-MM-DD"));
                f.q = Trim(req.Query("q"));
                if (!errors.empty()) return http::Problem(errors);
                return s.db.Read([&](soci::session& sql) -> Response {
                  const auto villages = CallerVillages(sql, req);
                  const int64_t total = CountVisitPlans(sql, req.who().scope, villages, f);
                  nlohmann::json items = nlohmann::json::array();
                  for (const auto& plan : ListVisitPlans(sql, req.who().scope, villages, f, p.Offset(), p.size))
                    items.push_back(PlanJson(plan));
                  return JsonResponse(200, http::ListBody(items, total, p));
                });
              }});

  router.Add({.method = "GET",
              .pattern = "/api/v1/visit-plans/{id}",
              .permission = "health:visit:list",
              .handler = [&s](Request& req) -> Response {
                const int64_t id = req.IdParam();
                return s.db.Read([&](soci::session& sql) -> Response {
                  auto p = FindVisitPlan(sql, req.who().scope, CallerVillages(sql, req), id);
                  if (!p) return http::Problem({PlanNotFound()});
                  return JsonResponse(200, PlanJson(*p));
                });
              }});

  router.Add({.method = "POST",
              .pattern = "/api/v1/visit-plans",
              .permission = "health:visit:edit",
              .audit_action = "create",
              .record_type = "visit_plan",
              .handler = [&s](Request& req) -> Response {
                const auto body = req.Json();
                Errors errors;
                PeriodInput in;
                in.kind = http::JsonText(body, "kind", errors);
                in.value = Trim(http::JsonText(body, "period", errors));
                in.from = Trim(http::JsonText(body, "from", errors));
                in.to = Trim(http::JsonText(body, "to", errors));
                std::string name = Trim(http::JsonText(body, "name", errors));
                in.title = name;
                const std::string note = Trim(http::JsonText(body, "note", errors));
                if (Utf8Length(note) > 200) errors.push_back(Invalid("note", "备注不能超过 200 字"));
                if (in.kind != kPeriodMonth && in.kind != kPeriodQuarter && in.kind != kPeriodCampaign)
                  errors.push_back(Invalid("kind", "计划类型应为 month（月度）、quarter（季度）或 campaign（专项活动）"));
                else {
                  auto period = ParseVisitPeriod(in);
                  if (!period.ok())
                    for (auto e : period.errors()) {
                      if (e.field == "title") e.field = "name";
                      errors.push_back(e);
                    }
                  else if (name.empty()) name = period.value().title + "走访计划";
                }
                if (in.kind != kPeriodCampaign && Utf8Length(name) > 50) errors.push_back(Invalid("name", "计划名称不能超过 50 字"));
                std::vector<std::string> codes;
                if (!body.contains("villages") || !body["villages"].is_array() || body["villages"].empty())
                  errors.push_back(Invalid("villages", "请选择计划走访的村"));
                else
                  for (const auto& v : body["villages"]) {
                    if (v.is_string()) codes.push_back(v.get<std::string>());
                    else errors.push_back(Invalid("villages", "村应以 12 位村代码给出"));
                  }
                std::sort(codes.begin(), codes.end());
                codes.erase(std::unique(codes.begin(), codes.end()), codes.end());
                std::optional<int64_t> team;
                if (body.contains("team_id") && !body["team_id"].is_null()) {
                  if (body["team_id"].is_number_integer()) team = body["team_id"].get<int64_t>();
                  else errors.push_back(Invalid("team_id", "帮扶队编号应为整数"));
                }
                auto r = s.db.Write([&](soci::session& sql) -> Result<nlohmann::json> {
                  const auto villages = CallerVillages(sql, req);
                  const auto known = KnownVillages(sql, codes);
                  if (known.size() != codes.size()) errors.push_back(Invalid("villages", "所选的村不在行政区划村级名录中"));
                  for (const auto& c : known)
                    if (!villages.Allows(c)) return Error{ErrorCode::kForbidden, "所选的村不在您的负责范围内", "villages"};
                  if (team) {
                    platform::db::Query q("SELECT COUNT(*) FROM outreach_teams WHERE tenant_id = :t AND id = :id");
                    q.Set("t", req.who().scope.home_tenant).Set("id", *team);
                    if (platform::db::Scalar(sql, q) == 0) errors.push_back(Invalid("team_id", "帮扶队不存在"));
                  }
                  if (!errors.empty()) return errors;
                  auto period = ParseVisitPeriod(in).value();
                  VisitPlanRecord p;
                  p.tenant_id = req.who().scope.home_tenant;
                  p.name = name;
                  p.kind = in.kind;
                  p.period_key = period.key;
                  p.starts_on = FormatDate(period.start);
                  p.ends_on = FormatDate(period.end);
                  p.team_id = team;
                  p.note = note;
                  p.villages = codes;
                  p.id = InsertVisitPlan(sql, p, req.who().user_id);
                  auto ev = audit::EventFor(req, "create", "visit_plan", std::to_string(p.id));
                  ev.after = {{"name", p.name}, {"period", p.period_key}, {"villages", p.villages}};
                  audit::Append(sql, ev);
                  return PlanJson(*FindVisitPlan(sql, WriteScope(req.who().scope), registry::VillageScope{}, p.id));
                });
                return http::JsonOrProblem(r, 201);
              }});

  router.Add({.method = "POST",
              .pattern = "/api/v1/visit-plans/{id}/cancel",
              .permission = "health:visit:edit",
              .audit_action = "cancel",
              .record_type = "visit_plan",
              .handler = [&s](Request& req) -> Response {
                const int64_t id = req.IdParam();
                const auto body = req.Json();
                Errors errors;
                const std::string reason = Trim(http::JsonText(body, "reason", errors));
                if (reason.empty()) errors.push_back(Invalid("reason", "请填写取消原因"));
                else if (Utf8Length(reason) > 200) errors.push_back(Invalid("reason", "取消原因不能超过 200 字"));
                const int64_t version = http::JsonVersion(body, errors);
                auto r = s.db.Write([&](soci::session& sql) -> Result<nlohmann::json> {
                  auto p = FindVisitPlan(sql, WriteScope(req.who().scope), CallerVillages(sql, req), id);
                  if (!p) return PlanNotFound();
                  if (p->state != "active") return Error{ErrorCode::kConflict, "该走访计划已取消", "id"};
                  if (!errors.empty()) return errors;
                  if (!CancelVisitPlan(sql, p->tenant_id, id, reason, version))
                    return Error{ErrorCode::kConflict, "走访计划已被他人修改，请刷新后重试", "version"};
                  auto ev = audit::EventFor(req, "cancel", "visit_plan", std::to_string(id));
                  ev.before = {{"state", "active"}};
                  ev.after = {{"state", "cancelled"}, {"cancel_reason", reason}};
                  audit::Append(sql, ev);
                  return PlanJson(*FindVisitPlan(sql, WriteScope(req.who().scope), registry::VillageScope{}, id));
                });
                return http::JsonOrProblem(r);
              }});
}

}  // namespace qizhi::health::outreach
