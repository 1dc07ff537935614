#pragma once
#include "platform/http/router.hpp"
#include "platform/services.hpp"

namespace qizhi::party::scoring {
void RegisterRoutes(platform::http::Router& router, platform::Services& services);
}
