// Auth routes: the session (login, logout, me, own password and TOTP) and the administrators'
// users, roles and policy.
#pragma once
#include "platform/http/router.hpp"
#include "platform/services.hpp"

namespace qizhi::platform::auth {

void RegisterSessionRoutes(http::Router& router, Services& services);
void RegisterAdminRoutes(http::Router& router, Services& services);

}  // namespace qizhi::platform::auth
