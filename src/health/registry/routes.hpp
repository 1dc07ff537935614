#pragma once
#include "platform/http/router.hpp"
#include "platform/services.hpp"

namespace qizhi::health::registry {
// /api/v1/registry/…: households, persons, the audited reveal of personal data, import and export.
void RegisterRegistryRoutes(platform::http::Router& router, platform::Services& services);
// Internal: the persons routes (person_routes.cpp) and the file routes (import_routes.cpp).
void RegisterPersonRoutes(platform::http::Router& router, platform::Services& services);
void RegisterImportRoutes(platform::http::Router& router, platform::Services& services);
}  // namespace qizhi::health::registry
