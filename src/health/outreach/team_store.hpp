// SQL of outreach teams (帮扶队), their members and their villages (分片负责). Reads take the
// caller's Scope (tenants) and, for a caller without health:scope:all, only the teams they serve
// today (as leader or member); writes take the tenant and run inside the caller's Write
// transaction. Nothing is deleted: a team ends, a member leaves, a village row gets its to_on.
#pragma once
#include <cstdint>
#include <optional>
#include <soci/soci.h>
#include <string>
#include <utility>
#include <vector>

#include "health/outreach/team_rules.hpp"
#include "platform/core/scope.hpp"

namespace qizhi::health::outreach {

struct Team {
  int64_t tenant_id = 0;
  int64_t id = 0;
  std::string name;
  std::optional<int64_t> leader_user_id;
  std::string leader_name, leader_post, note;
  std::string created_at, ended_on, end_reason;
  int64_t version = 1;
};

struct TeamMember {
  int64_t id = 0;
  int64_t team_id = 0;
  std::optional<int64_t> user_id, member_id;
  std::string username;  // of user_id
  std::string name, role, joined_on, left_on;
};

struct TeamVillage {
  int64_t id = 0;
  int64_t team_id = 0;
  std::string village_code, village_name, full_name, from_on, to_on;
  int64_t households = 0, persons = 0;  // registered today (active households, current members)
};

// Who reads: all the teams of the scope's tenants, or only the ones `user_id` serves on `today`.
struct TeamReader {
  Scope scope;
  bool all = true;
  int64_t user_id = 0;
  std::string today;
};

struct TeamFilter {
  std::string state = "current";  // current | ended | all (on `today`)
  std::string name_contains;
  std::string village;            // teams holding this village today
};

int64_t CountTeams(soci::session& sql, const TeamReader& r, const TeamFilter& f);
std::vector<Team> ListTeams(soci::session& sql, const TeamReader& r, const TeamFilter& f, const std::string& sort,
                            bool desc, int64_t offset, int64_t limit);
std::optional<Team> FindTeam(soci::session& sql, const TeamReader& r, int64_t id);

// Members and villages of the teams (of one tenant); current only when `current_only`.
std::vector<TeamMember> MembersOf(soci::session& sql, int64_t tenant_id, const std::vector<int64_t>& team_ids,
                                  bool current_only, const std::string& today);
std::vector<TeamVillage> VillagesOf(soci::session& sql, int64_t tenant_id, const std::vector<int64_t>& team_ids,
                                    bool current_only, const std::string& today);

int64_t InsertTeam(soci::session& sql, const Team& t);
bool UpdateTeam(soci::session& sql, const Team& t, int64_t expected_version);
bool EndTeam(soci::session& sql, const Team& t, int64_t expected_version);

std::optional<TeamMember> FindTeamMember(soci::session& sql, int64_t tenant_id, int64_t team_id, int64_t id);
int64_t InsertTeamMember(soci::session& sql, int64_t tenant_id, const TeamMember& m);
void LeaveTeamMember(soci::session& sql, int64_t tenant_id, int64_t id, const std::string& left_on);

// Every row of the village in the tenant, with its team's name, in from_on order.
std::vector<VillageHold> HoldsOfVillage(soci::session& sql, int64_t tenant_id, const std::string& village_code);
std::optional<TeamVillage> FindTeamVillage(soci::session& sql, int64_t tenant_id, int64_t team_id, int64_t id);
int64_t InsertTeamVillage(soci::session& sql, int64_t tenant_id, int64_t team_id, const std::string& village_code,
                          const std::string& from_on);
void EndTeamVillage(soci::session& sql, int64_t tenant_id, int64_t id, const std::string& to_on);

// Lookups of what a request names: a login of the tenant (its name), a Party member on the roll.
std::optional<std::string> UserName(soci::session& sql, int64_t tenant_id, int64_t user_id);
// A login of the tenant by its username: its id and name (the 党办 knows logins by name; the
// user list belongs to the system administrator).
std::optional<std::pair<int64_t, std::string>> UserByUsername(soci::session& sql, int64_t tenant_id,
                                                               const std::string& username);
std::optional<std::string> ActiveMemberName(soci::session& sql, int64_t tenant_id, int64_t member_id);
// A division of level village: its short name.
std::optional<std::string> VillageName(soci::session& sql, const std::string& code);
// Whether `user_id` is a current member of the team.
bool IsCurrentMember(soci::session& sql, int64_t tenant_id, int64_t team_id, int64_t user_id, const std::string& today);

}  // namespace qizhi::health::outreach
