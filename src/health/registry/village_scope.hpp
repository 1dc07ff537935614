// Which villages a caller may see and record in (分片负责). A user holding health:scope:all sees
// every village of the tenants their Scope reads; anyone else sees the villages of the outreach
// teams they serve today — as a team member tied to their login, or as the team's leader. A team
// member whose team has no village sees nothing, not everything.
// Applied by every registry, outreach and visit store next to ScopeFilter (tenant), so no route
// filters villages by hand.
#pragma once
#include <cstdint>
#include <soci/soci.h>
#include <string>
#include <string_view>
#include <vector>

#include "platform/db/query.hpp"

namespace qizhi::health::registry {

struct VillageScope {
  bool all = true;                    // every village of the tenants read
  std::vector<std::string> villages;  // when !all: the only villages allowed (sorted, may be empty)
  bool Allows(const std::string& village_code) const;
};

// The villages of user_id's teams in tenant_id on `today` (YYYY-MM-DD): memberships and team
// villages whose dates include today, of teams not ended by today.
VillageScope VillageScopeOf(soci::session& sql, int64_t tenant_id, int64_t user_id, bool scope_all,
                            const std::string& today);

// Appends " AND <column> IN (…)" when the scope is limited (a clause matching nothing when it is
// empty); nothing when it is all.
void VillageFilter(platform::db::Query& q, const VillageScope& scope, std::string_view column);

}  // namespace qizhi::health::registry
