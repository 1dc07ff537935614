// Member points over HTTP: rules (versions), manual entries and their approval, the ranking, a
// member's detail and the member's own points (docs/party-api.md, "Member points").
#pragma once
#include "platform/http/router.hpp"
#include "platform/services.hpp"

namespace qizhi::party::points {
void RegisterRoutes(platform::http::Router& router, platform::Services& services);
void RegisterRuleRoutes(platform::http::Router& router, platform::Services& services);
void RegisterEntryRoutes(platform::http::Router& router, platform::Services& services);
void RegisterRankingRoutes(platform::http::Router& router, platform::Services& services);
}  // namespace qizhi::party::points
