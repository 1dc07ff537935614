// /api/v1/meetings: the record of organisational life (三会一课 and more) — the list with its
// filters, one meeting with its attendance and quorum, recording, editing (the previous version
// kept in meeting_history) and cancelling (with a reason; nothing is deleted). The cadence
// (overdue, due) and the should-attend roll are in cadence_routes.cpp; the ledger, the calendar,
// a member's attendance, the cadence rules and attachments in their own files.
#include "party/life/routes.hpp"

#include "party/life/filter_params.hpp"
#include "party/life/meeting_support.hpp"
#include "party/life/plan.hpp"
#include "party/life/plan_store.hpp"
#include "party/life/store.hpp"
#include "party/org/overview.hpp"
#include "platform/audit/store.hpp"
#include "platform/core/clock.hpp"
#include "platform/core/text.hpp"

namespace qizhi::party::life {
namespace http = platform::http;
namespace audit = platform::audit;
using http::JsonResponse;
using http::Request;
using http::Response;

void RegisterCadenceRoutes(http::Router& router, platform::Services& s);
void RegisterLedgerRoutes(http::Router& router, platform::Services& s);
void RegisterCalendarRoutes(http::Router& router, platform::Services& s);
void RegisterMemberAttendanceRoutes(http::Router& router, platform::Services& s);
void RegisterCadenceRuleRoutes(http::Router& router, platform::Services& s);
void RegisterAttachmentRoutes(http::Router& router, platform::Services& s);
void RegisterPlanRoutes(http::Router& router, platform::Services& s);

namespace {

constexpr std::size_t kMaxCancelReason = 200;

// The unit a meeting is recorded in: current and in the caller's write scope (403 naming the
// field when it is in the hospital but outside the scope).
Result<MeetingRecord> UnitForMeeting(soci::session& sql, const Request& req, const nlohmann::json& body) {
  if (!body.contains("unit_id") || !body["unit_id"].is_number_integer()) return Invalid("unit_id", "请选择召开会议的党组织");
  auto unit = org::WritableUnit(sql, req.who().scope, body["unit_id"].get<int64_t>(), "unit_id", "召开会议的党组织");
  if (!unit.ok()) return unit.errors();
  MeetingRecord m;
  m.tenant_id = unit.value().tenant_id;
  m.unit_id = unit.value().id;
  m.unit_path = unit.value().path;
  m.unit_name = unit.value().name;
  return m;
}

// A meeting the caller may change: 404 outside the write scope, 409 once cancelled.
Result<MeetingRecord> LoadForWrite(soci::session& sql, const Request& req, int64_t id) {
  auto m = FindMeeting(sql, WriteScope(req.who().scope), id);
  if (!m) return MeetingNotFound();
  if (m->state != "active") return Error{ErrorCode::kConflict, "该会议记录已取消，不能再修改", "id"};
  return *m;
}

Error Stale() { return Error{ErrorCode::kConflict, "会议记录已被他人修改，请刷新后重试", "version"}; }

// The plan a new meeting holds, when the body names one: in the caller's write scope, still
// planned, of the meeting's unit and type. A 409 (held or cancelled already) comes back alone.
Status CheckPlan(soci::session& sql, const Request& req, const MeetingBody& in, const MeetingRecord& unit,
                 Errors& errors) {
  if (!in.plan_id) return Ok();
  auto plan = FindPlan(sql, WriteScope(req.who().scope), *in.plan_id);
  if (!plan) {
    errors.push_back(Invalid("plan_id", "会议计划不存在"));
    return Ok();
  }
  auto c = CheckHolding({plan->unit_id, plan->type, plan->state}, unit.unit_id, in.input.type);
  if (!c.ok() && c.error().code == ErrorCode::kConflict) return c;
  if (!c.ok()) errors.insert(errors.end(), c.errors().begin(), c.errors().end());
  return Ok();
}

}  // namespace

void RegisterRoutes(http::Router& router, platform::Services& s) {
  router.Add({.method = "GET",
              .pattern = "/api/v1/meetings",
              .permission = "party:life:list",
              .handler = [&s](Request& req) -> Response {
                auto p = http::ParseListParams(req, {"date", "type", "unit", "id"}, "-date");
                return s.db.Read([&](soci::session& sql) -> Response {
                  auto f = ParseMeetingFilter(sql, req.who().scope, req.query);
                  if (!f.ok()) return http::Problem(f.errors());
                  const int64_t total = CountMeetings(sql, req.who().scope, f.value());
                  nlohmann::json items = nlohmann::json::array();
                  for (const auto& m : ListMeetings(sql, req.who().scope, f.value(), {p.sort_field, p.sort_desc},
                                                    p.Offset(), p.size))
                    items.push_back(ListItemJson(m));
                  return JsonResponse(200, http::ListBody(items, total, p));
                });
              }});

  router.Add({.method = "GET",
              .pattern = "/api/v1/meetings/{id}",
              .permission = "party:life:list",
              .handler = [&s](Request& req) -> Response {
                const int64_t id = req.IdParam();
                return s.db.Read([&](soci::session& sql) -> Response {
                  auto m = FindMeeting(sql, req.who().scope, id);
                  if (!m) return http::Problem({MeetingNotFound()});
                  return JsonResponse(200, DetailJson(*m, AttendanceOf(sql, m->tenant_id, m->id)));
                });
              }});

  router.Add({.method = "POST",
              .pattern = "/api/v1/meetings",
              .permission = "party:life:edit",
              .audit_action = "create",
              .record_type = "meeting",
              .handler = [&s](Request& req) -> Response {
                const auto body = req.Json();
                Errors errors;
                const MeetingBody in = BodyFromJson(body, errors);
                auto r = s.db.Write([&](soci::session& sql) -> Result<nlohmann::json> {
                  auto unit = UnitForMeeting(sql, req, body);
                  if (!unit.ok() && unit.error().code != ErrorCode::kInvalid) return unit.errors();
                  if (!unit.ok()) {
                    // Without a unit there is no roll to check attendance against: the fields only.
                    errors.insert(errors.end(), unit.errors().begin(), unit.errors().end());
                    auto v = ValidateMeeting(in.input, TodayDate());
                    if (!v.ok()) errors.insert(errors.end(), v.errors().begin(), v.errors().end());
                    return errors;
                  }
                  auto prepared = PrepareMeeting(sql, in, unit.value(), TodayDate());
                  if (!prepared.ok()) errors.insert(errors.end(), prepared.errors().begin(), prepared.errors().end());
                  auto plan = CheckPlan(sql, req, in, unit.value(), errors);
                  if (!plan.ok()) return plan.errors();
                  if (!errors.empty()) return errors;
                  auto& p = prepared.value();
                  p.record.id = InsertMeeting(sql, p.record, req.who().user_id);
                  ReplaceAttendance(sql, p.record.tenant_id, p.record.id, p.lines);
                  if (in.plan_id && !MarkPlanHeld(sql, p.record.tenant_id, *in.plan_id, p.record.id))
                    return Error{ErrorCode::kConflict, "该会议计划已登记召开，不能重复登记", "plan_id"};
                  auto stored = FindMeeting(sql, WriteScope(req.who().scope), p.record.id);
                  auto ev = audit::EventFor(req, "create", "meeting", std::to_string(p.record.id));
                  ev.after = SnapshotJson(*stored, p.lines);
                  ev.after.erase("minutes");
                  if (in.plan_id) ev.after["plan_id"] = *in.plan_id;
                  audit::Append(sql, ev);
                  return DetailJson(*stored, AttendanceOf(sql, stored->tenant_id, stored->id));
                });
                return http::JsonOrProblem(r, 201);
              }});

  router.Add({.method = "PUT",
              .pattern = "/api/v1/meetings/{id}",
              .permission = "party:life:edit",
              .audit_action = "update",
              .record_type = "meeting",
              .handler = [&s](Request& req) -> Response {
                const int64_t id = req.IdParam();
                const auto body = req.Json();
                Errors errors;
                const MeetingBody in = BodyFromJson(body, errors);
                const int64_t version = http::JsonVersion(body, errors);
                auto r = s.db.Write([&](soci::session& sql) -> Result<nlohmann::json> {
                  auto before = LoadForWrite(sql, req, id);
                  if (!before.ok()) return before.errors();
                  const MeetingRecord& b = before.value();
                  if (in.plan_id) errors.push_back(Invalid("plan_id", "会议已登记，不能再关联会议计划"));
                  if (body.contains("unit_id") && !body["unit_id"].is_null() &&
                      (!body["unit_id"].is_number_integer() || body["unit_id"].get<int64_t>() != b.unit_id))
                    errors.push_back(Invalid("unit_id", "会议所属组织不能修改，请取消后在正确的组织下重新登记"));
                  auto prepared = PrepareMeeting(sql, in, b, TodayDate());
                  if (!prepared.ok()) errors.insert(errors.end(), prepared.errors().begin(), prepared.errors().end());
                  if (!errors.empty()) return errors;
                  auto& p = prepared.value();
                  const auto old_lines = AttendanceOf(sql, b.tenant_id, id);
                  const auto snapshot = SnapshotJson(b, old_lines);
                  if (!UpdateMeeting(sql, p.record, version)) return Stale();
                  AddHistory(sql, b.tenant_id, id, b.version, snapshot.dump(), req.who().user_id, "修改");
                  ReplaceAttendance(sql, b.tenant_id, id, p.lines);
                  auto stored = FindMeeting(sql, WriteScope(req.who().scope), id);
                  auto ev = audit::EventFor(req, "update", "meeting", std::to_string(id));
                  ev.before = snapshot;
                  ev.before.erase("minutes");
                  ev.after = SnapshotJson(*stored, p.lines);
                  ev.after.erase("minutes");
                  audit::Append(sql, ev);
                  return DetailJson(*stored, AttendanceOf(sql, b.tenant_id, id));
                });
                return http::JsonOrProblem(r);
              }});

  router.Add({.method = "POST",
              .pattern = "/api/v1/meetings/{id}/cancel",
              .permission = "party:life:edit",
              .audit_action = "cancel",
              .record_type = "meeting",
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
                  const MeetingRecord& b = before.value();
                  const auto lines = AttendanceOf(sql, b.tenant_id, id);
                  const auto snapshot = SnapshotJson(b, lines);
                  if (!CancelMeeting(sql, b.tenant_id, id, reason, version)) return Stale();
                  AddHistory(sql, b.tenant_id, id, b.version, snapshot.dump(), req.who().user_id, "取消：" + reason);
                  auto ev = audit::EventFor(req, "cancel", "meeting", std::to_string(id));
                  ev.before = {{"state", b.state}, {"type", b.type}, {"date", b.held_on}, {"topic", b.topic}};
                  ev.after = {{"state", "cancelled"}, {"cancel_reason", reason}};
                  // A meeting recorded from a plan by mistake: the plan is owed again.
                  if (const auto plan = ReopenPlanOf(sql, b.tenant_id, id)) ev.after["plan_reopened"] = *plan;
                  audit::Append(sql, ev);
                  auto stored = FindMeeting(sql, WriteScope(req.who().scope), id);
                  return DetailJson(*stored, lines);
                });
                return http::JsonOrProblem(r);
              }});

  RegisterCadenceRoutes(router, s);
  RegisterLedgerRoutes(router, s);
  RegisterCalendarRoutes(router, s);
  RegisterMemberAttendanceRoutes(router, s);
  RegisterCadenceRuleRoutes(router, s);
  RegisterAttachmentRoutes(router, s);
  RegisterPlanRoutes(router, s);
}

}  // namespace qizhi::party::life
