// Integrity work over HTTP: post classes, the yearly 廉洁从业承诺书 roll and pledges (with the
// printable form), the 九不准 self-checks (docs/party-api.md, "Integrity").
#pragma once
#include "platform/http/router.hpp"
#include "platform/services.hpp"

namespace qizhi::party::integrity {
void RegisterRoutes(platform::http::Router& router, platform::Services& services);
void RegisterClassRoutes(platform::http::Router& router, platform::Services& services);
void RegisterPledgeRoutes(platform::http::Router& router, platform::Services& services);
void RegisterSelfCheckRoutes(platform::http::Router& router, platform::Services& services);
}  // namespace qizhi::party::integrity
