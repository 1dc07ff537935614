// /api/v1/commendations: 先进党支部 (a branch), 优秀党务工作者 and 优秀共产党员 (members) per year,
// with the decision date and basis (deciding body and document) and optionally the finalised
// assessment result it rests on. Revoking writes a new row with the reason; the award stays.
#include "party/org/overview.hpp"
#include "party/scoring/filter_params.hpp"
#include "party/scoring/store.hpp"
#include "platform/audit/store.hpp"
#include "platform/core/clock.hpp"
#include "platform/core/text.hpp"
#include "platform/http/router.hpp"
#include "platform/services.hpp"

namespace qizhi::party::scoring {
namespace http = platform::http;
namespace audit = platform::audit;
using http::JsonResponse;
using http::Request;
using http::Response;

namespace {

Error NotFound() { return Error{ErrorCode::kNotFound, "表彰记录不存在", "id"}; }

nlohmann::json CommendationJson(const CommendationRecord& c) {
  return {{"id", c.id},
          {"tenant_id", c.tenant_id},
          {"kind", c.kind},
          {"kind_title", KindTitle(c.kind)},
          {"year", c.year},
          {"unit_id", c.unit_id},
          {"unit_name", c.unit_name},
          {"member_id", http::ValueOrNull(c.member_id)},
          {"name", c.subject_name},
          {"decided_on", c.decided_on},
          {"basis", c.basis},
          {"assessment_result_id", http::ValueOrNull(c.assessment_result_id)},
          {"created_at", c.created_at},
          {"revoked", c.revoked_by_id.has_value()},
          {"revoke_reason", http::TextOrNull(c.revoke_reason)},
          {"revoked_on", http::TextOrNull(c.revoked_on)}};
}

std::optional<int64_t> OptionalId(const nlohmann::json& body, const char* name, const char* message, Errors& errors) {
  if (!body.contains(name) || body[name].is_null()) return std::nullopt;
  if (!body[name].is_number_integer()) {
    errors.push_back(Invalid(name, message));
    return std::nullopt;
  }
  return body[name].get<int64_t>();
}

}  // namespace

void RegisterCommendationRoutes(http::Router& router, platform::Services& s) {
  router.Add({.method = "GET",
              .pattern = "/api/v1/commendations",
              .permission = "party:scoring:list",
              .handler = [&s](Request& req) -> Response {
                auto p = http::ParseListParams(req, {"year", "name", "unit", "kind"}, "-year");
                return s.db.Read([&](soci::session& sql) -> Response {
                  auto f = ParseCommendationFilter(sql, req.who().scope, req.query);
                  if (!f.ok()) return http::Problem(f.errors());
                  const int64_t total = CountCommendations(sql, req.who().scope, f.value());
                  nlohmann::json items = nlohmann::json::array();
                  for (const auto& c : ListCommendations(sql, req.who().scope, f.value(), p.sort_field, p.sort_desc,
                                                         p.Offset(), p.size))
                    items.push_back(CommendationJson(c));
                  return JsonResponse(200, http::ListBody(items, total, p));
                });
              }});

  router.Add({.method = "GET",
              .pattern = "/api/v1/commendations/{id}",
              .permission = "party:scoring:list",
              .handler = [&s](Request& req) -> Response {
                const int64_t id = req.IdParam();
                return s.db.Read([&](soci::session& sql) -> Response {
                  auto c = FindCommendation(sql, req.who().scope, id);
                  if (!c) return http::Problem({NotFound()});
                  return JsonResponse(200, CommendationJson(*c));
                });
              }});

  router.Add({.method = "POST",
              .pattern = "/api/v1/commendations",
              .permission = "party:commendation:edit",
              .audit_action = "create",
              .record_type = "commendation",
              .handler = [&s](Request& req) -> Response {
                const auto body = req.Json();
                Errors errors;
                CommendationInput in;
                in.kind = http::JsonText(body, "kind", errors);
                if (body.contains("year") && body["year"].is_number_integer()) in.year = body["year"].get<int>();
                else errors.push_back(Invalid("year", "请填写表彰年度"));
                in.decided_on = http::JsonText(body, "decided_on", errors);
                in.basis = Trim(http::JsonText(body, "basis", errors));
                if (errors.empty()) {
                  auto v = ValidateCommendation(in, TodayDate());
                  if (!v.ok()) errors = v.errors();
                }
                const auto unit_id = OptionalId(body, "unit_id", "先进党支部应为一个党支部", errors);
                const auto member_id = OptionalId(body, "member_id", "受表彰党员无效", errors);
                const auto result_id = OptionalId(body, "assessment_result_id", "考核结果无效", errors);
                auto r = s.db.Write([&](soci::session& sql) -> Result<nlohmann::json> {
                  const Scope write = WriteScope(req.who().scope);
                  const int64_t tenant = write.home_tenant;
                  CommendationRecord c;
                  c.tenant_id = tenant;
                  c.kind = in.kind;
                  c.year = in.year;
                  c.decided_on = in.decided_on;
                  c.basis = in.basis;
                  c.assessment_result_id = result_id;
                  if (IsForUnit(in.kind)) {
                    if (!unit_id) {
                      errors.push_back(Invalid("unit_id", "请选择受表彰的党支部"));
                    } else {
                      auto u = org::WritableUnit(sql, write, *unit_id, "unit_id", "受表彰的党支部");
                      if (!u.ok() && u.error().code != ErrorCode::kInvalid) return u.errors();
                      if (!u.ok()) errors.push_back(u.error());
                      else if (u.value().kind != org::kBranch) errors.push_back(Invalid("unit_id", "先进党支部应为一个党支部"));
                      else {
                        c.unit_id = u.value().id;
                        c.unit_path = u.value().path;
                        c.subject_name = u.value().name;
                      }
                    }
                  } else if (IsCommendationKind(in.kind)) {
                    auto m = member_id ? FindMemberRef(sql, tenant, *member_id) : std::nullopt;
                    if (!member_id) errors.push_back(Invalid("member_id", "请选择受表彰的党员"));
                    else if (!m) errors.push_back(Invalid("member_id", "受表彰的党员不存在"));
                    else if (!PathInScope(write, m->unit_path))
                      return Error{ErrorCode::kForbidden, "受表彰的党员不在您的管理范围内", "member_id"};
                    else {
                      c.member_id = m->id;
                      c.unit_id = m->unit_id;
                      c.unit_path = m->unit_path;
                      c.subject_name = m->name;
                    }
                  }
                  if (result_id) {
                    auto ref = FindResult(sql, tenant, *result_id);
                    if (!ref) errors.push_back(Invalid("assessment_result_id", "考核结果不存在"));
                    else if (ref->year != in.year) errors.push_back(Invalid("assessment_result_id", "考核结果的年度与表彰年度不一致"));
                    else if (IsForUnit(in.kind) && c.unit_id && ref->unit_id != c.unit_id)
                      errors.push_back(Invalid("assessment_result_id", "考核结果不是该党支部的"));
                  }
                  if (!errors.empty()) return errors;
                  if (HasActiveAward(sql, tenant, c.kind, c.year, c.unit_id, c.member_id))
                    return Error{ErrorCode::kConflict, c.subject_name + "已获" + std::to_string(c.year) + "年度" + KindTitle(c.kind) + "表彰",
                                 IsForUnit(c.kind) ? "unit_id" : "member_id"};
                  c.id = InsertAward(sql, c, req.who().user_id);
                  auto stored = FindCommendation(sql, write, c.id);
                  auto ev = audit::EventFor(req, "create", "commendation", std::to_string(c.id));
                  ev.after = CommendationJson(*stored);
                  audit::Append(sql, ev);
                  return CommendationJson(*stored);
                });
                return http::JsonOrProblem(r, 201);
              }});

  router.Add({.method = "POST",
              .pattern = "/api/v1/commendations/{id}/revoke",
              .permission = "party:commendation:edit",
              .audit_action = "revoke",
              .record_type = "commendation",
              .handler = [&s](Request& req) -> Response {
                const int64_t id = req.IdParam();
                const auto body = req.Json();
                Errors errors;
                const std::string reason = Trim(http::JsonText(body, "reason", errors));
                if (reason.empty()) errors.push_back(Invalid("reason", "请填写撤销原因"));
                else if (Utf8Length(reason) > 200) errors.push_back(Invalid("reason", "撤销原因不能超过 200 字"));
                std::string on = http::JsonText(body, "decided_on", errors);
                if (on.empty()) on = TodayShanghai();
                else if (!ParseDate(on)) errors.push_back(Invalid("decided_on", "撤销决定日期格式应为 YYYY-MM-DD"));
                else if (*ParseDate(on) > TodayDate()) errors.push_back(Invalid("decided_on", "撤销决定日期不能晚于今天"));
                auto r = s.db.Write([&](soci::session& sql) -> Result<nlohmann::json> {
                  const Scope write = WriteScope(req.who().scope);
                  auto c = FindCommendation(sql, write, id);
                  if (!c) return NotFound();
                  if (c->revoked_by_id) return Error{ErrorCode::kConflict, "该表彰已撤销", "id"};
                  if (!errors.empty()) return errors;
                  if (on < c->decided_on) return Invalid("decided_on", "撤销决定日期不能早于表彰决定日期");
                  const int64_t rid = InsertRevocation(sql, *c, on, reason, req.who().user_id);
                  auto ev = audit::EventFor(req, "revoke", "commendation", std::to_string(id));
                  ev.before = CommendationJson(*c);
                  ev.after = {{"revoked", true}, {"revocation_id", rid}, {"reason", reason}, {"decided_on", on}};
                  audit::Append(sql, ev);
                  return CommendationJson(*FindCommendation(sql, write, id));
                });
                return http::JsonOrProblem(r);
              }});
}

}  // namespace qizhi::party::scoring
