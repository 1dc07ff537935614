#include "party/points/routes.hpp"

namespace qizhi::party::points {

void RegisterRoutes(platform::http::Router& router, platform::Services& services) {
  RegisterRuleRoutes(router, services);
  RegisterEntryRoutes(router, services);
  RegisterRankingRoutes(router, services);
}

}  // namespace qizhi::party::points
