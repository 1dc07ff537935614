// /api/v1/points/entries: bonuses and deductions entered by hand. One user proposes
// (party:points:edit, for a member in their scope); another user holding party:points:approve
// approves or rejects — never the proposer. Only approved entries count. Nothing is edited or
// deleted: the decision is added to the entry, a rejected entry stays with its reason.
#include <algorithm>

#include "party/members/store.hpp"
#include "party/org/overview.hpp"
#include "party/points/routes.hpp"
#include "party/points/store.hpp"
#include "platform/audit/store.hpp"
#include "platform/core/clock.hpp"
#include "platform/core/text.hpp"

namespace qizhi::party::points {
namespace http = platform::http;
using http::JsonResponse;
using http::Request;
using http::Response;

namespace {

const char* StatusTitle(const std::string& s) {
  if (s == "approved") return "已批准";
  if (s == "rejected") return "已驳回";
  return "待审批";
}

nlohmann::json EntryJson(const Entry& e, int64_t viewer) {
  const Action* a = FindAction(e.action);
  const int sign = a ? a->sign : 1;
  return {{"id", e.id},
          {"tenant_id", e.tenant_id},
          {"member_id", e.member_id},
          {"member_name", e.member_name},
          {"unit_name", e.unit_name},
          {"action", e.action},
          {"action_title", a ? a->title : e.action},
          {"points", e.points},
          {"signed_points", sign * e.points},
          {"occurred_on", e.occurred_on},
          {"reason", e.reason},
          {"status", e.status},
          {"status_title", StatusTitle(e.status)},
          {"proposed_by", http::TextOrNull(e.proposed_by_name)},
          {"proposed_at", e.proposed_at},
          {"own", e.proposed_by != 0 && e.proposed_by == viewer},
          {"decided_by", http::TextOrNull(e.decided_by_name)},
          {"decided_at", http::TextOrNull(e.decided_at)},
          {"decision_note", http::TextOrNull(e.decision_note)}};
}

Error EntryNotFound() { return Error{ErrorCode::kNotFound, "加扣分申请不存在或不在您的管理范围内", "id"}; }

Result<EntryFilter> ParseEntryFilter(soci::session& sql, const Scope& scope, const Request& req) {
  EntryFilter f;
  Errors errors;
  f.status = req.Query("status");
  if (!f.status.empty() && f.status != "pending" && f.status != "approved" && f.status != "rejected")
    errors.push_back(Invalid("status", "状态应为 pending（待审批）、approved（已批准）或 rejected（已驳回）"));
  if (const std::string org = req.Query("org"); !org.empty()) {
    auto unit = org::ParseOrgParam(sql, scope, org);
    if (!unit.ok() && unit.error().code == ErrorCode::kNotFound) return unit.errors();
    if (!unit.ok()) errors.push_back(unit.error());
    else f.org_path = unit.value().path;
  }
  f.from = req.Query("from");
  f.to = req.Query("to");
  if (!f.from.empty() && !ParseDate(f.from)) errors.push_back(Invalid("from", "起始日期格式应为 YYYY-MM-DD"));
  if (!f.to.empty() && !ParseDate(f.to)) errors.push_back(Invalid("to", "截至日期格式应为 YYYY-MM-DD"));
  if (ParseDate(f.from) && ParseDate(f.to) && f.from > f.to) errors.push_back(Invalid("to", "截至日期不能早于起始日期"));
  f.q = Trim(req.Query("q"));
  if (Utf8Length(f.q) > 50) errors.push_back(Invalid("q", "搜索内容过长"));
  if (!errors.empty()) return errors;
  return f;
}

// Approve or reject: the entry must be in the caller's scope (404), pending (409) and not the
// caller's own (403).
Response Decide(platform::Services& s, Request& req, const std::string& status) {
  const int64_t id = req.IdParam();
  const auto body = req.body.empty() ? nlohmann::json::object() : req.Json();
  Errors errors;
  const std::string note = Trim(http::JsonText(body, "note", errors));
  if (status == "rejected" && Utf8Length(note) < 2) errors.push_back(Invalid("note", "驳回时请填写驳回理由（至少 2 个字）"));
  if (Utf8Length(note) > 200) errors.push_back(Invalid("note", "审批意见不能超过 200 个字"));
  return http::JsonOrProblem(s.db.Write([&](soci::session& sql) -> Result<nlohmann::json> {
    const Scope write = WriteScope(req.who().scope);
    auto e = FindEntry(sql, write, id);
    if (!e) return EntryNotFound();
    if (!errors.empty()) return errors;
    if (auto ok = CanDecide(e->proposed_by, req.who().user_id, e->status); !ok.ok()) return ok.errors();
    if (!DecideEntry(sql, e->tenant_id, id, status, req.who().user_id, note))
      return Error{ErrorCode::kConflict, "该申请已处理，不能再次审批", "status"};
    auto ev = platform::audit::EventFor(req, status == "approved" ? "approve" : "reject", "points_entry", std::to_string(id));
    ev.before = {{"status", e->status}};
    ev.after = {{"status", status}, {"note", note}};
    platform::audit::Append(sql, ev);
    return EntryJson(*FindEntry(sql, write, id), req.who().user_id);
  }));
}

}  // namespace

void RegisterEntryRoutes(http::Router& router, platform::Services& s) {
  router.Add({.method = "GET",
              .pattern = "/api/v1/points/entries",
              .permission = "party:points:list",
              .handler = [&s](Request& req) -> Response {
                auto p = http::ParseListParams(req, {"occurred_on", "proposed_at", "points", "name"}, "-proposed_at");
                return http::JsonOrProblem(s.db.Read([&](soci::session& sql) -> Result<nlohmann::json> {
                  auto f = ParseEntryFilter(sql, req.who().scope, req);
                  if (!f.ok()) return f.errors();
                  nlohmann::json items = nlohmann::json::array();
                  for (const auto& e : ListEntries(sql, req.who().scope, f.value(), p.sort_field, p.sort_desc, p.Offset(), p.size))
                    items.push_back(EntryJson(e, req.who().user_id));
                  return http::ListBody(items, CountEntries(sql, req.who().scope, f.value()), p);
                }));
              }});

  router.Add({.method = "POST",
              .pattern = "/api/v1/points/entries",
              .permission = "party:points:edit",
              .audit_action = "create",
              .record_type = "points_entry",
              .handler = [&s](Request& req) -> Response {
                const auto body = req.Json();
                Errors errors;
                EntryInput in;
                in.action = http::JsonText(body, "action", errors);
                in.occurred_on = http::JsonText(body, "occurred_on", errors);
                in.reason = Trim(http::JsonText(body, "reason", errors));
                if (!body.contains("points") || !body["points"].is_number_integer()) errors.push_back(Invalid("points", "分值应为整数"));
                else in.points = body["points"].get<int64_t>();
                const bool has_member = body.contains("member_id") && body["member_id"].is_number_integer();
                if (!has_member) errors.push_back(Invalid("member_id", "请选择党员"));
                if (auto v = ValidateEntry(in, TodayShanghai()); !v.ok())
                  for (const auto& e : v.errors())
                    if (std::none_of(errors.begin(), errors.end(), [&](const Error& x) { return x.field == e.field; }))
                      errors.push_back(e);
                return http::JsonOrProblem(
                    s.db.Write([&](soci::session& sql) -> Result<nlohmann::json> {
                      const Scope write = WriteScope(req.who().scope);
                      std::optional<members::MemberRecord> m;
                      if (has_member) {
                        const int64_t member_id = body["member_id"].get<int64_t>();
                        m = members::FindMember(sql, write, member_id);
                        // In the hospital but outside the caller's branches: refused; elsewhere: unknown.
                        if (!m && members::FindMember(sql, WholeTenant(write.home_tenant), member_id))
                          return Error{ErrorCode::kForbidden, "该党员不在您的管理范围内", "member_id"};
                        if (!m) errors.push_back(Invalid("member_id", "党员不存在"));
                        else if (m->state != "active") errors.push_back(Invalid("member_id", "该党员已不在党员名册中"));
                      }
                      if (!errors.empty()) return errors;
                      Entry e;
                      e.tenant_id = write.home_tenant;
                      e.member_id = m->id;
                      e.unit_path = m->unit_path;
                      e.action = in.action;
                      e.points = in.points;
                      e.occurred_on = in.occurred_on;
                      e.reason = in.reason;
                      e.proposed_by = req.who().user_id;
                      e.id = InsertEntry(sql, e);
                      auto ev = platform::audit::EventFor(req, "create", "points_entry", std::to_string(e.id));
                      ev.after = {{"member_id", e.member_id}, {"action", e.action}, {"points", e.points},
                                  {"occurred_on", e.occurred_on}, {"reason", e.reason}};
                      platform::audit::Append(sql, ev);
                      return EntryJson(*FindEntry(sql, write, e.id), req.who().user_id);
                    }),
                    201);
              }});

  router.Add({.method = "POST",
              .pattern = "/api/v1/points/entries/{id}/approve",
              .permission = "party:points:approve",
              .audit_action = "approve",
              .record_type = "points_entry",
              .handler = [&s](Request& req) -> Response { return Decide(s, req, "approved"); }});

  router.Add({.method = "POST",
              .pattern = "/api/v1/points/entries/{id}/reject",
              .permission = "party:points:approve",
              .audit_action = "reject",
              .record_type = "points_entry",
              .handler = [&s](Request& req) -> Response { return Decide(s, req, "rejected"); }});
}

}  // namespace qizhi::party::points
