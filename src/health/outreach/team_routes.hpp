// /api/v1/outreach/teams, /leaders and /pairings: 帮扶队, 分片负责 and 一对一帮扶.
#pragma once
#include "platform/http/router.hpp"
#include "platform/services.hpp"

namespace qizhi::health::outreach {

void RegisterTeamRoutes(platform::http::Router& router, platform::Services& s);
void RegisterPairingRoutes(platform::http::Router& router, platform::Services& s);

}  // namespace qizhi::health::outreach
