// /api/v1/integrity/post-classes: which hospital posts must sign the 廉洁从业承诺书 — 中层干部 by
// title, 关键岗位 by department. The defaults until a hospital stores its own; saving replaces the
// set (old rows superseded, kept) and changes the roll of every year from the next request.
#include "party/integrity/routes.hpp"
#include "party/integrity/store.hpp"
#include "platform/audit/store.hpp"
#include "platform/core/text.hpp"

namespace qizhi::party::integrity {
namespace http = platform::http;
using http::Request;
using http::Response;

namespace {

nlohmann::json ClassesJson(const std::vector<PostClass>& classes) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& c : classes) out.push_back({{"cls", c.cls}, {"cls_title", ClassTitle(c.cls)}, {"keyword", c.keyword}});
  return out;
}

Result<std::vector<PostClass>> ClassesFromBody(const nlohmann::json& body) {
  if (!body.contains("classes") || !body["classes"].is_array()) return Invalid("classes", "请提供岗位分类列表 classes");
  std::vector<PostClass> out;
  Errors errors;
  for (size_t i = 0; i < body["classes"].size(); ++i) {
    const auto& c = body["classes"][i];
    if (!c.is_object() || !c.contains("cls") || !c["cls"].is_string() || !c.contains("keyword") || !c["keyword"].is_string()) {
      errors.push_back(Invalid("classes[" + std::to_string(i) + "]", "每条应为 {cls, keyword}"));
      continue;
    }
    out.push_back({c["cls"].get<std::string>(), Trim(c["keyword"].get<std::string>())});
  }
  if (!errors.empty()) return errors;
  if (auto v = ValidatePostClasses(out); !v.ok()) return v.errors();
  return out;
}

}  // namespace

void RegisterClassRoutes(http::Router& router, platform::Services& s) {
  router.Add({.method = "GET",
              .pattern = "/api/v1/integrity/post-classes",
              .permission = "party:integrity:list",
              .handler = [&s](Request& req) -> Response {
                return http::JsonOrProblem(s.db.Read([&](soci::session& sql) -> Result<nlohmann::json> {
                  auto set = PostClasses(sql, req.who().scope.home_tenant);
                  return nlohmann::json{{"stored", set.stored},
                                        {"items", ClassesJson(set.classes)},
                                        {"defaults", ClassesJson(DefaultPostClasses())}};
                }));
              }});

  router.Add({.method = "PUT",
              .pattern = "/api/v1/integrity/post-classes",
              .permission = "party:integrity:edit",
              .audit_action = "update",
              .record_type = "integrity_post_classes",
              .handler = [&s](Request& req) -> Response {
                auto classes = ClassesFromBody(req.Json());
                if (!classes.ok()) return http::Problem(classes.errors());
                return http::JsonOrProblem(s.db.Write([&](soci::session& sql) -> Result<nlohmann::json> {
                  const int64_t tenant = req.who().scope.home_tenant;
                  auto before = PostClasses(sql, tenant);
                  ReplacePostClasses(sql, tenant, classes.value(), req.who().user_id);
                  auto ev = platform::audit::EventFor(req, "update", "integrity_post_classes", std::to_string(tenant));
                  ev.before = ClassesJson(before.classes);
                  ev.after = ClassesJson(classes.value());
                  platform::audit::Append(sql, ev);
                  return nlohmann::json{{"stored", true}, {"items", ClassesJson(classes.value())},
                                        {"defaults", ClassesJson(DefaultPostClasses())}};
                }));
              }});
}

}  // namespace qizhi::party::integrity
