// Every area's routes, registered in one place: what the server serves and `qizhi routes` lists.
#pragma once
#include "platform/http/router.hpp"
#include "platform/services.hpp"

namespace qizhi::app {
void RegisterAllRoutes(platform::http::Router& router, platform::Services& services);
}
