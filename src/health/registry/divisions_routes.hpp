#pragma once
#include "platform/http/router.hpp"
#include "platform/services.hpp"

namespace qizhi::health::registry {
// GET /api/v1/divisions (children or a name search) and /api/v1/divisions/{code} (with its path):
// the village pickers' source.
void RegisterDivisionRoutes(platform::http::Router& router, platform::Services& services);
}  // namespace qizhi::health::registry
