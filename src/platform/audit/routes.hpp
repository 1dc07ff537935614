// Audit routes: the audit administrator's view of the trail and its integrity check, and the
// hook the server calls to audit refused writes.
#pragma once
#include "platform/http/router.hpp"
#include "platform/services.hpp"

namespace qizhi::platform::audit {

void RegisterRoutes(http::Router& router, Services& services);
void AuditRefusedWrite(Services& services, const http::Request& req, const http::Route& route,
                       const http::Response& resp);

}  // namespace qizhi::platform::audit
