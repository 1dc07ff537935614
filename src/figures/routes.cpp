// GET /api/v1/figures (the catalogue) and GET /api/v1/figures/{name} (one figure, live).
#include "figures/routes.hpp"

#include "figures/catalogue.hpp"

namespace qizhi::figures {
namespace http = platform::http;
using http::JsonResponse;
using http::Request;
using http::Response;

void RegisterRoutes(http::Router& router, platform::Services& s) {
  router.Add({.method = "GET",
              .pattern = "/api/v1/figures",
              .permission = "figures:view",
              .handler = [](Request& req) -> Response {
                nlohmann::json items = nlohmann::json::array();
                for (const auto& f : Catalogue()) {
                  if (!f.permission.empty() && !req.who().Has(f.permission)) continue;
                  nlohmann::json filters = nlohmann::json::array();
                  for (const auto& spec : f.filters) {
                    nlohmann::json j = {{"name", spec.name}, {"title", spec.title}, {"type", spec.type}};
                    if (!spec.options.empty()) {
                      j["options"] = nlohmann::json::array();
                      for (const auto& [value, label] : spec.options) j["options"].push_back({{"value", value}, {"label", label}});
                    }
                    filters.push_back(j);
                  }
                  items.push_back({{"name", f.name}, {"title", f.title}, {"unit", f.unit}, {"filters", filters}});
                }
                return JsonResponse(200, {{"items", items}});
              }});

  router.Add({.method = "GET",
              .pattern = "/api/v1/figures/{name}",
              .permission = "figures:view",
              .handler = [&s](Request& req) -> Response {
                const std::string name = req.params.count("name") ? req.params.at("name") : "";
                const Figure* f = FindFigure(name);
                if (!f) return http::Problem({Error{ErrorCode::kNotFound, "没有这个统计项: " + name, "name"}});
                if (!f->permission.empty() && !req.who().Has(f->permission))
                  return http::Problem({Error{ErrorCode::kForbidden, "没有查看该统计项的权限", "name"}});
                if (f->prepare) f->prepare(s.db, req.who().scope, req.who().user_id, req.who().permissions, req.query);
                auto r = s.db.Read([&](soci::session& sql) {
                  Context c{sql, req.who().scope, s.cipher, req.who().user_id, &req.who().permissions};
                  return f->compute(c, req.query);
                });
                if (!r.ok()) return http::Problem(r.errors());
                const FigureValue& v = r.value();
                nlohmann::json groups = nlohmann::json::array();
                for (const auto& g : v.groups)
                  groups.push_back({{"key", g.key}, {"label", g.label}, {"value", g.value}, {"records", g.records}});
                return JsonResponse(200, {{"name", f->name},
                                          {"title", f->title},
                                          {"unit", f->unit},
                                          {"value", v.value},
                                          {"records", v.records},
                                          {"filters", v.filters},
                                          {"groups", groups}});
              }});
}

}  // namespace qizhi::figures
