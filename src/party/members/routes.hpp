#pragma once
#include "platform/http/router.hpp"
#include "platform/services.hpp"

namespace qizhi::party::members {
// The roster, the record, basic information and personal data (routes.cpp).
void RegisterRoutes(platform::http::Router& router, platform::Services& services);
// Posts, 双任免, rewards, family, transfers, leaving (tab_routes.cpp).
void RegisterTabRoutes(platform::http::Router& router, platform::Services& services);
// Import and export of the roster file (roster_routes.cpp).
void RegisterRosterRoutes(platform::http::Router& router, platform::Services& services);
}  // namespace qizhi::party::members
