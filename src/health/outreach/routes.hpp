// Routes of home visits, service plans, visit plans and coverage (issue 7).
#pragma once
#include "platform/http/router.hpp"
#include "platform/services.hpp"

namespace qizhi::health::outreach {
void RegisterRoutes(platform::http::Router& router, platform::Services& s);
}
