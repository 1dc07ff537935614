// /api/v1/life/plans: meeting plans (会议计划) — a meeting put on the calendar before it is held.
// The list of a scope (filters org, type, from, to, state, q), one plan, planning, rescheduling
// and cancelling (with a reason). A plan becomes held when a meeting is recorded with its plan_id
// (routes.cpp); plans count for nothing in the cadence, the ledger or the figures until then.
#include <nlohmann/json.hpp>

#include "party/life/cadence_inputs.hpp"
#include "party/life/plan.hpp"
#include "party/life/plan_store.hpp"
#include "party/life/rules.hpp"
#include "party/org/overview.hpp"
#include "platform/audit/store.hpp"
#include "platform/core/clock.hpp"
#include "platform/core/text.hpp"
#include "platform/http/router.hpp"
#include "platform/services.hpp"

namespace qizhi::party::life {
namespace http = platform::http;
namespace audit = platform::audit;
using http::JsonResponse;
using http::Request;
using http::Response;

namespace {

constexpr std::size_t kMaxCancelReason = 200;

Error PlanNotFound() { return Error{ErrorCode::kNotFound, "会议计划不存在", "id"}; }
Error Stale() { return Error{ErrorCode::kConflict, "会议计划已被他人修改，请刷新后重试", "version"}; }

nlohmann::json PlanJson(const PlanRecord& p, const Date& today) {
  return {{"id", p.id},
          {"unit_id", p.unit_id},
          {"unit_name", p.unit_name},
          {"type", p.type},
          {"type_title", MeetingTypeTitle(p.type)},
          {"date", p.planned_on},
          {"start_time", p.start_time},
          {"place", p.place},
          {"topic", p.topic},
          {"presenter", http::TextOrNull(p.presenter)},
          {"note", http::TextOrNull(p.note)},
          {"state", p.state},
          {"overdue", PlanOverdue(p.state, p.planned_on, today)},
          {"state_title", PlanStateTitle(p.state, p.planned_on, today)},
          {"meeting_id", http::ValueOrNull(p.meeting_id)},
          {"cancel_reason", http::TextOrNull(p.cancel_reason)},
          {"created_at", p.created_at},
          {"updated_at", p.updated_at},
          {"version", p.version}};
}

// The audit snapshot: the fields a reschedule may change.
nlohmann::json SnapshotJson(const PlanRecord& p) {
  return {{"unit_id", p.unit_id}, {"type", p.type},   {"date", p.planned_on},     {"start_time", p.start_time},
          {"place", p.place},     {"topic", p.topic}, {"presenter", p.presenter}, {"note", p.note},
          {"state", p.state}};
}

PlanInput InputFromJson(const nlohmann::json& body, Errors& errors) {
  PlanInput in;
  in.type = http::JsonText(body, "type", errors);
  in.date = http::JsonText(body, "date", errors);
  in.start_time = http::JsonText(body, "start_time", errors);
  in.place = Trim(http::JsonText(body, "place", errors));
  in.topic = Trim(http::JsonText(body, "topic", errors));
  in.presenter = Trim(http::JsonText(body, "presenter", errors));
  in.note = Trim(http::JsonText(body, "note", errors));
  return in;
}

void Fill(PlanRecord& p, const PlanInput& in) {
  p.type = in.type;
  p.planned_on = in.date;
  p.start_time = in.start_time;
  p.place = in.place;
  p.topic = in.topic;
  p.presenter = in.presenter;
  p.note = in.note;
}

// A plan the caller may change: 404 outside the write scope, 409 once held or cancelled.
Result<PlanRecord> LoadForWrite(soci::session& sql, const Request& req, int64_t id) {
  auto p = FindPlan(sql, WriteScope(req.who().scope), id);
  if (!p) return PlanNotFound();
  if (p->state == kPlanHeld) return Error{ErrorCode::kConflict, "该会议计划已登记召开，不能再修改", "id"};
  if (p->state == kPlanCancelled) return Error{ErrorCode::kConflict, "该会议计划已取消，不能再修改", "id"};
  return *p;
}

Result<PlanFilter> ParsePlanFilter(soci::session& sql, const Request& req, const Date& today) {
  PlanFilter f;
  Errors errors;
  const std::string org = req.Query("org");
  if (!org.empty()) {
    auto unit = org::ParseOrgParam(sql, req.who().scope, org);
    if (!unit.ok() && unit.error().code == ErrorCode::kNotFound) return unit.errors();
    if (!unit.ok()) errors.push_back(unit.error());
    else f.org_path = unit.value().path;
  }
  f.type = req.Query("type");
  if (!f.type.empty() && !IsMeetingType(f.type)) errors.push_back(Invalid("type", "会议类型无效"));
  f.from = req.Query("from");
  if (!f.from.empty() && !ParseDate(f.from)) errors.push_back(Invalid("from", "起始日期格式应为 YYYY-MM-DD"));
  f.to = req.Query("to");
  if (!f.to.empty() && !ParseDate(f.to)) errors.push_back(Invalid("to", "截至日期格式应为 YYYY-MM-DD"));
  if (ParseDate(f.from) && ParseDate(f.to) && f.from > f.to) errors.push_back(Invalid("to", "截至日期不能早于起始日期"));
  f.state = req.Query("state");
  if (f.state == "all") f.state.clear();
  if (!f.state.empty() && f.state != kPlanPlanned && f.state != kPlanHeld && f.state != kPlanCancelled &&
      f.state != "overdue")
    errors.push_back(Invalid("state", "状态应为 planned（计划中）、overdue（逾期未召开）、held（已召开）、cancelled（已取消）或 all"));
  f.today = FormatDate(today);
  f.q = Trim(req.Query("q"));
  if (Utf8Length(f.q) > 100) errors.push_back(Invalid("q", "搜索内容过长"));
  if (!errors.empty()) return errors;
  return f;
}

}  // namespace

void RegisterPlanRoutes(http::Router& router, platform::Services& s) {
  router.Add({.method = "GET",
              .pattern = "/api/v1/life/plans",
              .permission = "party:life:list",
              .handler = [&s](Request& req) -> Response {
                auto p = http::ParseListParams(req, {"date"}, "date");
                return s.db.Read([&](soci::session& sql) -> Response {
                  const Date today = TodayDate();
                  auto f = ParsePlanFilter(sql, req, today);
                  if (!f.ok()) return http::Problem(f.errors());
                  const int64_t total = CountPlans(sql, req.who().scope, f.value());
                  nlohmann::json items = nlohmann::json::array();
                  for (const auto& plan : ListPlans(sql, req.who().scope, f.value(), p.sort_desc, p.Offset(), p.size))
                    items.push_back(PlanJson(plan, today));
                  return JsonResponse(200, http::ListBody(items, total, p));
                });
              }});

  router.Add({.method = "GET",
              .pattern = "/api/v1/life/plans/{id}",
              .permission = "party:life:list",
              .handler = [&s](Request& req) -> Response {
                const int64_t id = req.IdParam();
                return s.db.Read([&](soci::session& sql) -> Response {
                  auto p = FindPlan(sql, req.who().scope, id);
                  if (!p) return http::Problem({PlanNotFound()});
                  return JsonResponse(200, PlanJson(*p, TodayDate()));
                });
              }});

  router.Add({.method = "POST",
              .pattern = "/api/v1/life/plans",
              .permission = "party:life:edit",
              .audit_action = "create",
              .record_type = "meeting_plan",
              .handler = [&s](Request& req) -> Response {
                const auto body = req.Json();
                Errors errors;
                const PlanInput in = InputFromJson(body, errors);
                auto r = s.db.Write([&](soci::session& sql) -> Result<nlohmann::json> {
                  PlanRecord p;
                  if (!body.contains("unit_id") || !body["unit_id"].is_number_integer()) {
                    errors.push_back(Invalid("unit_id", "请选择召开会议的党组织"));
                  } else {
                    auto unit = org::WritableUnit(sql, req.who().scope, body["unit_id"].get<int64_t>(), "unit_id",
                                                  "召开会议的党组织");
                    if (!unit.ok() && unit.error().code != ErrorCode::kInvalid) return unit.errors();
                    if (!unit.ok()) errors.push_back(unit.error());
                    else {
                      p.tenant_id = unit.value().tenant_id;
                      p.unit_id = unit.value().id;
                      p.unit_path = unit.value().path;
                    }
                  }
                  auto v = ValidatePlan(in, TodayDate());
                  if (!v.ok()) errors.insert(errors.end(), v.errors().begin(), v.errors().end());
                  if (!errors.empty()) return errors;
                  Fill(p, in);
                  p.id = InsertPlan(sql, p, req.who().user_id);
                  auto stored = FindPlan(sql, WriteScope(req.who().scope), p.id);
                  auto ev = audit::EventFor(req, "create", "meeting_plan", std::to_string(p.id));
                  ev.after = SnapshotJson(*stored);
                  audit::Append(sql, ev);
                  return PlanJson(*stored, TodayDate());
                });
                return http::JsonOrProblem(r, 201);
              }});

  router.Add({.method = "PUT",
              .pattern = "/api/v1/life/plans/{id}",
              .permission = "party:life:edit",
              .audit_action = "update",
              .record_type = "meeting_plan",
              .handler = [&s](Request& req) -> Response {
                const int64_t id = req.IdParam();
                const auto body = req.Json();
                Errors errors;
                const PlanInput in = InputFromJson(body, errors);
                const int64_t version = http::JsonVersion(body, errors);
                auto r = s.db.Write([&](soci::session& sql) -> Result<nlohmann::json> {
                  auto before = LoadForWrite(sql, req, id);
                  if (!before.ok()) return before.errors();
                  const PlanRecord& b = before.value();
                  if (body.contains("unit_id") && !body["unit_id"].is_null() &&
                      (!body["unit_id"].is_number_integer() || body["unit_id"].get<int64_t>() != b.unit_id))
                    errors.push_back(Invalid("unit_id", "计划所属组织不能修改，请取消后在正确的组织下重新制定"));
                  auto v = ValidatePlan(in, TodayDate());
                  if (!v.ok()) errors.insert(errors.end(), v.errors().begin(), v.errors().end());
                  if (!errors.empty()) return errors;
                  PlanRecord p = b;
                  Fill(p, in);
                  if (!UpdatePlan(sql, p, version)) return Stale();
                  auto stored = FindPlan(sql, WriteScope(req.who().scope), id);
                  auto ev = audit::EventFor(req, "update", "meeting_plan", std::to_string(id));
                  ev.before = SnapshotJson(b);
                  ev.after = SnapshotJson(*stored);
                  audit::Append(sql, ev);
                  return PlanJson(*stored, TodayDate());
                });
                return http::JsonOrProblem(r);
              }});

  router.Add({.method = "POST",
              .pattern = "/api/v1/life/plans/{id}/cancel",
              .permission = "party:life:edit",
              .audit_action = "cancel",
              .record_type = "meeting_plan",
              .handler = [&s](Request& req) -> Response {
                const int64_t id = req.IdParam();
                const auto body = req.Json();
                Errors errors;
                const std::string reason = Trim(http::JsonText(body, "reason", errors));
                if (reason.empty()) errors.push_back(Invalid("reason", "请填写取消原因"));
                else if (Utf8Length(reason) > kMaxCancelReason) errors.push_back(Invalid("reason", "取消原因不能超过 200 字"));
                const int64_t version = http::JsonVersion(body, errors);
                auto r = s.db.Write([&](soci::session& sql) -> Result<nlohmann::json> {
                  auto before = LoadForWrite(sql, req, id);
                  if (!before.ok()) return before.errors();
                  if (!errors.empty()) return errors;
                  const PlanRecord& b = before.value();
                  if (!CancelPlan(sql, b.tenant_id, id, reason, version)) return Stale();
                  auto ev = audit::EventFor(req, "cancel", "meeting_plan", std::to_string(id));
                  ev.before = SnapshotJson(b);
                  ev.after = {{"state", "cancelled"}, {"cancel_reason", reason}};
                  audit::Append(sql, ev);
                  return PlanJson(*FindPlan(sql, WriteScope(req.who().scope), id), TodayDate());
                });
                return http::JsonOrProblem(r);
              }});
}

}  // namespace qizhi::party::life
