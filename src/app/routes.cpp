#include "app/routes.hpp"

#include "figures/routes.hpp"
#include "health/outreach/team_routes.hpp"
#include "health/registry/divisions_routes.hpp"
#include "health/registry/routes.hpp"
#include "health/outreach/routes.hpp"
#include "party/development/routes.hpp"
#include "party/dues/routes.hpp"
#include "party/life/routes.hpp"
#include "party/members/routes.hpp"
#include "party/org/routes.hpp"
#include "party/scoring/routes.hpp"
#include "party/integrity/routes.hpp"
#include "party/points/routes.hpp"
#include "party/study/routes.hpp"
#include "platform/audit/routes.hpp"
#include "platform/auth/routes.hpp"

namespace qizhi::app {

void RegisterAllRoutes(platform::http::Router& router, platform::Services& services) {
  platform::auth::RegisterSessionRoutes(router, services);
  platform::auth::RegisterAdminRoutes(router, services);
  platform::audit::RegisterRoutes(router, services);
  party::org::RegisterRoutes(router, services);
  party::members::RegisterRoutes(router, services);
  party::life::RegisterRoutes(router, services);
  party::development::RegisterRoutes(router, services);
  party::study::RegisterRoutes(router, services);
  party::dues::RegisterRoutes(router, services);
  party::scoring::RegisterRoutes(router, services);
  party::points::RegisterRoutes(router, services);
  party::integrity::RegisterRoutes(router, services);
  health::registry::RegisterDivisionRoutes(router, services);
  health::registry::RegisterRegistryRoutes(router, services);
  health::outreach::RegisterRoutes(router, services);
  health::outreach::RegisterTeamRoutes(router, services);
  health::outreach::RegisterPairingRoutes(router, services);
  figures::RegisterRoutes(router, services);
}

}  // namespace qizhi::app
