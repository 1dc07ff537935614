#include "platform/audit/routes.hpp"

#include "platform/audit/store.hpp"

namespace qizhi::platform::audit {
using http::JsonResponse;
using http::Request;
using http::Response;

namespace {
nlohmann::json ParseOrNull(const std::string& text) {
  if (text.empty()) return nullptr;
  auto j = nlohmann::json::parse(text, nullptr, false);
  return j.is_discarded() ? nlohmann::json(text) : j;
}

nlohmann::json ToJson(const AuditEntry& e) {
  return {{"id", std::to_string(e.tenant_id) + "-" + std::to_string(e.seq)},
          {"seq", e.seq},
          {"at", e.at},
          {"tenant_id", e.tenant_id},
          {"user_id", e.user_id},
          {"username", e.username},
          {"action", e.action},
          {"record_type", e.record_type},
          {"record_id", e.record_id},
          {"result", e.result},
          {"ip", e.ip},
          {"before", ParseOrNull(e.before_json)},
          {"after", ParseOrNull(e.after_json)}};
}

bool LooksLikeTime(const std::string& s) {
  return s.empty() || (s.size() >= 10 && s[4] == '-' && s[7] == '-');
}
}  // namespace

void AuditRefusedWrite(Services& services, const Request& req, const http::Route& route, const Response& resp) {
  Event ev = EventFor(req, route.audit_action, route.record_type, req.params.count("id") ? req.params.at("id") : "");
  if (!req.principal) ev.tenant_id = 0;  // nobody logged in: the system chain
  ev.result = resp.status == 400 ? "invalid" : (resp.status == 401 ? "failed" : "denied");
  auto body = nlohmann::json::parse(resp.body, nullptr, false);
  if (!body.is_discarded()) ev.after = {{"status", resp.status}, {"errors", body.value("errors", nlohmann::json::array())}};
  AppendAlone(services.db, ev);
}

void RegisterRoutes(http::Router& router, Services& services) {
  router.Add({.method = "GET",
              .pattern = "/api/v1/audit",
              .permission = "audit:log:list",
              .handler = [&services](Request& req) -> Response {
                auto p = http::ParseListParams(req, {"at"}, "-at");
                Filter f{req.Query("user"), req.Query("action"), req.Query("record_type"), req.Query("record_id"),
                         req.Query("from"), req.Query("to"), !p.sort_desc};
                Errors errors;
                if (!LooksLikeTime(f.from)) errors.push_back(Invalid("from", "开始时间格式应为 YYYY-MM-DD"));
                if (!LooksLikeTime(f.to)) errors.push_back(Invalid("to", "结束时间格式应为 YYYY-MM-DD"));
                if (!errors.empty()) return http::Problem(errors);
                auto page = services.db.Read([&](soci::session& sql) {
                  return List(sql, req.who().scope, f, p.Offset(), p.size);
                });
                nlohmann::json items = nlohmann::json::array();
                for (const auto& e : page.items) items.push_back(ToJson(e));
                return JsonResponse(200, http::ListBody(items, page.total, p));
              }});
  router.Add({.method = "GET",
              .pattern = "/api/v1/audit/verify",
              .permission = "audit:log:verify",
              .handler = [&services](Request& req) -> Response {
                auto report = services.db.Read([&](soci::session& sql) { return Verify(sql, req.who().scope.tenants); });
                nlohmann::json broken = nullptr;
                if (report.first_broken)
                  broken = {{"tenant_id", report.first_broken->tenant_id},
                            {"seq", report.first_broken->seq},
                            {"reason", report.first_broken->reason}};
                return JsonResponse(200, {{"ok", report.ok}, {"checked", report.checked}, {"first_broken", broken}});
              }});
}

}  // namespace qizhi::platform::audit
