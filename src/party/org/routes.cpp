#include "party/org/routes.hpp"

#include "party/org/store.hpp"

namespace qizhi::party::org {
using platform::http::JsonResponse;
using platform::http::Request;
using platform::http::Response;

void RegisterRoutes(platform::http::Router& router, platform::Services& s) {
  router.Add({.method = "GET",
              .pattern = "/api/v1/org/units",
              // Security administrators pick scopes from the tree without seeing party work itself.
              .permission = "party:org:list|security:user:assign",
              .handler = [&s](Request& req) -> Response {
                const auto& who = req.who();
                nlohmann::json items = nlohmann::json::array();
                s.db.Read([&](soci::session& sql) {
                  for (const auto& u : ListUnits(sql, who.scope))
                    items.push_back({{"id", u.id},
                                     {"tenant_id", u.tenant_id},
                                     {"parent_id", u.parent_id ? nlohmann::json(*u.parent_id) : nlohmann::json(nullptr)},
                                     {"name", u.name},
                                     {"kind", u.kind},
                                     {"path", u.path}});
                  return 0;
                });
                auto p = platform::http::ParseListParams(req, {"path", "name", "id"}, "path");
                return JsonResponse(200, platform::http::PageInMemory(items, p));
              }});
}

}  // namespace qizhi::party::org
