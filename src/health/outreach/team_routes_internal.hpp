// What the team and pairing route files share. Internal to src/health/outreach.
#pragma once
#include <nlohmann/json.hpp>
#include <optional>

#include "health/outreach/team_store.hpp"
#include "platform/http/request.hpp"
#include "platform/http/router.hpp"
#include "platform/services.hpp"

namespace qizhi::health::outreach {

// The reader of a request: its tenants, and its own teams only without health:scope:all.
TeamReader ReaderOf(const platform::http::Request& req);
// The same for writes: the caller's own hospital.
TeamReader WriterOf(const platform::http::Request& req);

Error TeamNotFound();

// An optional positive integer field (an id): nullopt when absent or null; anything else than a
// positive integer adds an error naming the field.
std::optional<int64_t> JsonOptId(const nlohmann::json& body, const char* name, const std::string& title, Errors& errors);
// A boolean field, false when absent.
bool JsonFlag(const nlohmann::json& body, const char* name, Errors& errors);
// A text field of at most `max` characters (Chinese message naming `title`).
std::string JsonLimited(const nlohmann::json& body, const char* name, const std::string& title, size_t max,
                        Errors& errors);

// A team with its members and villages (current only for lists, all for the detail) and the
// households and persons of its current villages.
nlohmann::json TeamJson(const Team& t, const std::vector<TeamMember>& members, const std::vector<TeamVillage>& villages,
                        const std::string& today);
nlohmann::json TeamAuditJson(const Team& t);
// One team read back with everything, as the detail page shows it.
nlohmann::json TeamDetail(soci::session& sql, const Team& t, const std::string& today);

// Members and villages of a team (team_member_routes.cpp).
void RegisterTeamMemberRoutes(platform::http::Router& router, platform::Services& s);
// GET /api/v1/outreach/leaders (team_leader_routes.cpp).
void RegisterLeaderRoutes(platform::http::Router& router, platform::Services& s);

}  // namespace qizhi::health::outreach
