#pragma once
#include "platform/http/router.hpp"
#include "platform/services.hpp"

namespace qizhi::party::study {
// Every study route: the 学习强国 statistics (xuexi_routes.cpp).
void RegisterRoutes(platform::http::Router& router, platform::Services& services);
void RegisterXuexiRoutes(platform::http::Router& router, platform::Services& services);
}  // namespace qizhi::party::study
