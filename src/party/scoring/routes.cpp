// /api/v1/scoring/checklists: the tenant's checklists (current versions with their items), one
// version, and saving a new version (the old one kept, inspections keep theirs). Inspections,
// the assessment and commendations are registered from their own files.
#include "party/scoring/routes.hpp"

#include "party/scoring/store.hpp"
#include "platform/audit/store.hpp"
#include "platform/core/text.hpp"
#include "platform/db/database.hpp"

namespace qizhi::party::scoring {
namespace http = platform::http;
namespace audit = platform::audit;
using http::JsonResponse;
using http::Request;
using http::Response;
using platform::db::WriteOrConflict;

void RegisterInspectionRoutes(http::Router& router, platform::Services& s);
void RegisterAssessmentRoutes(http::Router& router, platform::Services& s);
void RegisterCommendationRoutes(http::Router& router, platform::Services& s);

nlohmann::json ChecklistJson(const ChecklistRecord& c) {
  nlohmann::json items = nlohmann::json::array();
  for (const auto& it : c.list.items)
    items.push_back({{"code", it.code}, {"title", it.title}, {"max_score", it.max_score}, {"guidance", it.guidance}});
  return {{"id", c.id},          {"tenant_id", c.tenant_id}, {"code", c.list.code},
          {"title", c.list.title}, {"version", c.version},   {"max_total", MaxTotal(c.list)},
          {"items", items},        {"created_at", c.created_at},
          {"current", !c.superseded_at.has_value()}};
}

namespace {

Checklist ChecklistFromJson(const nlohmann::json& body, Errors& errors) {
  Checklist c;
  c.code = Trim(http::JsonText(body, "code", errors));
  c.title = Trim(http::JsonText(body, "title", errors));
  if (!body.contains("items") || !body["items"].is_array()) {
    errors.push_back(Invalid("items", "请填写检查项目"));
    return c;
  }
  for (size_t i = 0; i < body["items"].size(); ++i) {
    const auto& j = body["items"][i];
    const std::string at = "items[" + std::to_string(i) + "].";
    if (!j.is_object()) {
      errors.push_back(Invalid(at + "code", "检查项目格式无效"));
      continue;
    }
    ChecklistItem it;
    Errors local;
    it.code = Trim(http::JsonText(j, "code", local));
    it.title = Trim(http::JsonText(j, "title", local));
    it.guidance = Trim(http::JsonText(j, "guidance", local));
    for (auto& e : local) e.field = at + e.field;
    errors.insert(errors.end(), local.begin(), local.end());
    if (j.contains("max_score") && j["max_score"].is_number_integer()) it.max_score = j["max_score"].get<int>();
    else errors.push_back(Invalid(at + "max_score", "检查项目满分应为整数"));
    c.items.push_back(it);
  }
  return c;
}

}  // namespace

void RegisterRoutes(http::Router& router, platform::Services& s) {
  router.Add({.method = "GET",
              .pattern = "/api/v1/scoring/checklists",
              .permission = "party:scoring:list",
              .handler = [&s](Request& req) -> Response {
                return s.db.Read([&](soci::session& sql) -> Response {
                  nlohmann::json items = nlohmann::json::array();
                  for (const auto& c : CurrentChecklists(sql, req.who().scope)) items.push_back(ChecklistJson(c));
                  return JsonResponse(200, {{"items", items}, {"total", items.size()}});
                });
              }});

  router.Add({.method = "GET",
              .pattern = "/api/v1/scoring/checklists/{id}",
              .permission = "party:scoring:list",
              .handler = [&s](Request& req) -> Response {
                const int64_t id = req.IdParam();
                return s.db.Read([&](soci::session& sql) -> Response {
                  auto c = FindChecklist(sql, req.who().scope, id);
                  if (!c) return http::Problem({Error{ErrorCode::kNotFound, "检查表不存在", "id"}});
                  return JsonResponse(200, ChecklistJson(*c));
                });
              }});

  router.Add({.method = "POST",
              .pattern = "/api/v1/scoring/checklists",
              .permission = "party:scoring:config",
              .audit_action = "create",
              .record_type = "score_checklist",
              .handler = [&s](Request& req) -> Response {
                const auto body = req.Json();
                Errors errors;
                const Checklist c = ChecklistFromJson(body, errors);
                if (errors.empty()) {
                  auto v = ValidateChecklist(c);
                  if (!v.ok()) errors = v.errors();
                }
                if (!errors.empty()) return http::Problem(errors);
                // Two saves of one checklist at once: the second finds its version number taken.
                auto r = WriteOrConflict(s.db, [&](soci::session& sql) -> Result<nlohmann::json> {
                  const int64_t tenant = req.who().scope.home_tenant;
                  const int64_t id = SaveChecklistVersion(sql, tenant, c, req.who().user_id);
                  auto stored = FindChecklist(sql, WholeTenant(tenant), id);
                  auto ev = audit::EventFor(req, "create", "score_checklist", std::to_string(id));
                  ev.after = ChecklistJson(*stored);
                  audit::Append(sql, ev);
                  return ChecklistJson(*stored);
                }, [](const std::string&) -> Result<nlohmann::json> {
                  return Error{ErrorCode::kConflict, "检查表正被他人同时修改，请刷新后重试", "code"};
                });
                return http::JsonOrProblem(r, 201);
              }});

  RegisterInspectionRoutes(router, s);
  RegisterAssessmentRoutes(router, s);
  RegisterCommendationRoutes(router, s);
}

}  // namespace qizhi::party::scoring
