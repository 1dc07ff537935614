#include "party/integrity/routes.hpp"

namespace qizhi::party::integrity {

void RegisterRoutes(platform::http::Router& router, platform::Services& services) {
  RegisterClassRoutes(router, services);
  RegisterPledgeRoutes(router, services);
  RegisterSelfCheckRoutes(router, services);
}

}  // namespace qizhi::party::integrity
