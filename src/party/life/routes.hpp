#pragma once
#include "platform/http/router.hpp"
#include "platform/services.hpp"

namespace qizhi::party::life {
void RegisterRoutes(platform::http::Router& router, platform::Services& services);
}
