// /api/v1/divisions: the reference list villages are picked from, never typed. Read by anyone who
// works with the registry, teams or visits; the table is shared by all tenants (public codes).
#include "health/registry/divisions_routes.hpp"

#include "health/registry/divisions.hpp"
#include "platform/core/text.hpp"

namespace qizhi::health::registry {
namespace http = platform::http;
using http::JsonResponse;
using http::Request;
using http::Response;

namespace {

constexpr const char* kReaders = "health:registry:list|health:outreach:list|health:visit:list";
constexpr int kSearchLimit = 30;

nlohmann::json DivisionJson(const Division& d) {
  return {{"code", d.code}, {"name", d.name}, {"level", d.level},
          {"parent_code", http::TextOrNull(d.parent_code)}, {"full_name", d.full_name}};
}

nlohmann::json ListJson(const std::vector<Division>& list) {
  nlohmann::json items = nlohmann::json::array();
  for (const auto& d : list) items.push_back(DivisionJson(d));
  return {{"items", items}, {"total", items.size()}};
}

}  // namespace

void RegisterDivisionRoutes(http::Router& router, platform::Services& s) {
  router.Add({.method = "GET",
              .pattern = "/api/v1/divisions",
              .permission = kReaders,
              .handler = [&s](Request& req) -> Response {
                const std::string parent = req.Query("parent");
                const std::string q = Trim(req.Query("q"));
                const std::string level = req.Query("level");
                const std::string under = req.Query("under");
                Errors errors;
                if (!parent.empty() && LevelOfCode(parent).empty())
                  errors.push_back(Invalid("parent", "上级区划代码应为 2、4、6、9 位数字"));
                if (!level.empty() && level != "province" && level != "city" && level != "county" && level != "town" &&
                    level != "village")
                  errors.push_back(Invalid("level", "区划级别应为 province、city、county、town 或 village"));
                if (!under.empty() && LevelOfCode(under).empty())
                  errors.push_back(Invalid("under", "区划代码应为 2、4、6、9 位数字"));
                if (Utf8Length(q) > 30) errors.push_back(Invalid("q", "搜索内容过长"));
                if (!errors.empty()) return http::Problem(errors);
                return s.db.Read([&](soci::session& sql) -> Response {
                  if (!q.empty()) return JsonResponse(200, ListJson(SearchDivisions(sql, q, level, under, kSearchLimit)));
                  return JsonResponse(200, ListJson(ChildDivisions(sql, parent)));
                });
              }});

  router.Add({.method = "GET",
              .pattern = "/api/v1/divisions/{code}",
              .permission = kReaders,
              .handler = [&s](Request& req) -> Response {
                const std::string code = req.params.at("code");
                if (LevelOfCode(code).empty()) return http::Problem({Error{ErrorCode::kNotFound, "区划不存在", "code"}});
                return s.db.Read([&](soci::session& sql) -> Response {
                  auto path = DivisionPath(sql, code);
                  if (path.empty()) return http::Problem({Error{ErrorCode::kNotFound, "区划不存在", "code"}});
                  nlohmann::json body = DivisionJson(path.back());
                  nlohmann::json ancestors = nlohmann::json::array();
                  for (size_t i = 0; i + 1 < path.size(); ++i) ancestors.push_back(DivisionJson(path[i]));
                  body["path"] = ancestors;
                  return JsonResponse(200, body);
                });
              }});
}

}  // namespace qizhi::health::registry
