#include "health/outreach/routes.hpp"

namespace qizhi::health::outreach {

void RegisterVisitRoutes(platform::http::Router& router, platform::Services& s);
void RegisterServiceItemRoutes(platform::http::Router& router, platform::Services& s);
void RegisterPlanRoutes(platform::http::Router& router, platform::Services& s);
void RegisterCoverageRoutes(platform::http::Router& router, platform::Services& s);

void RegisterRoutes(platform::http::Router& router, platform::Services& s) {
  RegisterVisitRoutes(router, s);
  RegisterServiceItemRoutes(router, s);
  RegisterPlanRoutes(router, s);
  RegisterCoverageRoutes(router, s);
}

}  // namespace qizhi::health::outreach
