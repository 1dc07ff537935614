// What the outreach routes share: the caller's villages (分片负责), the household a write names
// (404 outside the hospital, 403 naming the field outside the caller's villages), and the JSON
// of households and members as every list shows them (masked ID number and phone only).
// Internal to src/health/outreach.
#pragma once
#include <nlohmann/json.hpp>
#include <soci/soci.h>
#include <string>
#include <vector>

#include "health/outreach/visit_store.hpp"
#include "platform/core/result.hpp"
#include "platform/http/request.hpp"

namespace qizhi::health::outreach {

registry::VillageScope CallerVillages(soci::session& sql, const platform::http::Request& req);
// The caller's villages narrowed to `codes` (those outside stay out).
registry::VillageScope Narrow(const registry::VillageScope& scope, const std::vector<std::string>& codes);

// A household of the caller's hospital for a write: 404 when absent or another hospital's, 403
// naming `field` when outside the caller's villages, 409 when closed (销户).
Result<HouseholdRef> HouseholdForWrite(soci::session& sql, const platform::http::Request& req,
                                       const registry::VillageScope& villages, int64_t id, const char* field);

nlohmann::json HouseholdJson(const HouseholdRef& h);
nlohmann::json MemberJson(const MemberRef& m);

// A positive integer query parameter: nullopt when absent, an error naming it when malformed.
std::optional<int64_t> IdQuery(const platform::http::Request& req, const char* name, Errors& errors);

}  // namespace qizhi::health::outreach
