#include "health/registry/village_scope.hpp"

#include <algorithm>

namespace qizhi::health::registry {
using platform::db::Fetch;
using platform::db::Query;

namespace {

// A team serves on `today` when not ended; a membership or village assignment holds from its
// first day up to (not including) its end day.
inline constexpr std::string_view kTeamVillages =
    "SELECT DISTINCT v.village_code FROM outreach_team_villages v "
    "JOIN outreach_teams t ON t.tenant_id = v.tenant_id AND t.id = v.team_id "
    "WHERE v.tenant_id = :t AND v.from_on <= :today AND (v.to_on IS NULL OR v.to_on > :today) "
    "AND (t.ended_on IS NULL OR t.ended_on > :today) "
    "AND (t.leader_user_id = :u OR EXISTS (SELECT 1 FROM outreach_team_members m WHERE m.tenant_id = t.tenant_id "
    "AND m.team_id = t.id AND m.user_id = :u AND m.joined_on <= :today AND (m.left_on IS NULL OR m.left_on > :today))) "
    "ORDER BY v.village_code";

}  // namespace

bool VillageScope::Allows(const std::string& village_code) const {
  return all || std::binary_search(villages.begin(), villages.end(), village_code);
}

VillageScope VillageScopeOf(soci::session& sql, int64_t tenant_id, int64_t user_id, bool scope_all,
                            const std::string& today) {
  VillageScope s;
  if (scope_all) return s;
  s.all = false;
  Query q(kTeamVillages);
  q.Set("t", tenant_id).Set("today", today).Set("u", user_id);
  for (const auto& r : Fetch(sql, q)) s.villages.push_back(r.Str("village_code"));
  std::sort(s.villages.begin(), s.villages.end());
  return s;
}

void VillageFilter(Query& q, const VillageScope& scope, std::string_view column) {
  if (scope.all) return;
  if (scope.villages.empty()) {
    q << " AND 1 = 0";
    return;
  }
  q << " AND " << column << " IN (";
  for (size_t i = 0; i < scope.villages.size(); ++i) {
    if (i) q << ", ";
    q << q.Bind(scope.villages[i]);
  }
  q << ")";
}

}  // namespace qizhi::health::registry
