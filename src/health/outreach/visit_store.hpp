// SQL of home visits: the household a visit is for (with its current members), the visits
// themselves with their lines, staff and photo, and the offline bundle a phone downloads.
// Every read takes the caller's Scope (tenant) and VillageScope (分片负责): a household or visit
// outside either is simply not found. Writes run inside the caller's Write transaction. A visit
// is voided with a reason, never deleted; its coverage lines go inactive with it.
#pragma once
#include <cstdint>
#include <optional>
#include <soci/soci.h>
#include <string>
#include <vector>

#include "health/registry/village_scope.hpp"
#include "platform/core/scope.hpp"

namespace qizhi::health::outreach {

using registry::VillageScope;

struct HouseholdRef {
  int64_t tenant_id = 0;
  int64_t id = 0;
  std::string village_code, village_name, number, head_name, address_mask, status, state;
  int64_t version = 0;
};
// A member as lists and the visit form show them: masked ID number and phone only.
struct MemberRef {
  int64_t id = 0;
  int64_t household_id = 0;
  std::string name, sex, birth_date, relation, id_mask, phone_mask, chronic, disability, joined_on, left_on;
  int64_t version = 0;
};

std::optional<HouseholdRef> FindHousehold(soci::session& sql, const Scope& scope, const VillageScope& villages,
                                          int64_t id);
// The members of the household on `on` (joined by then, not left by then), head first.
std::vector<MemberRef> MembersOn(soci::session& sql, int64_t tenant_id, int64_t household_id, const std::string& on);

// The team answering for a village on a day (分片负责), and its members serving that day.
struct TeamRef {
  int64_t id = 0;
  std::string name, leader_name;
};
std::optional<TeamRef> TeamOfVillage(soci::session& sql, int64_t tenant_id, const std::string& village_code,
                                     const std::string& on);
struct TeamMemberRef {
  int64_t id = 0;
  int64_t team_id = 0;
  int64_t user_id = 0;
  std::string name, role;
};
std::vector<TeamMemberRef> TeamMembersOn(soci::session& sql, int64_t tenant_id, int64_t team_id, const std::string& on);

struct VisitLineRecord {
  int64_t person_id = 0;
  std::string name;
  bool seen = false;
  std::string reason, note;
  std::optional<int64_t> systolic, diastolic, glucose;
};
struct VisitStaffRecord {
  int64_t team_member_id = 0;
  std::string name;
};
struct VisitRecord {
  int64_t tenant_id = 0;
  int64_t id = 0;
  std::string client_id;
  int64_t household_id = 0;
  std::string village_code, village_name, household_number, head_name;
  std::string visited_on;
  std::optional<int64_t> team_id;
  std::string team_name;
  int64_t recorded_by = 0;
  std::string recorder_name;
  std::string findings, needs, next_steps;
  std::vector<std::string> actions;
  int64_t household_version = 0;
  std::string body_json;
  std::string state = "active";
  std::string void_reason, voided_at, created_at;
  int64_t version = 1;
  int64_t photos = 0;
  int64_t seen_count = 0, person_count = 0;
};

struct VisitFilter {
  std::string village;  // a village code
  std::optional<int64_t> team;
  std::optional<int64_t> household;
  std::string from, to;  // visited_on within, inclusive
  std::string state = "active";  // active | void | all
  std::string q;                 // household number or head's name contains
};

int64_t CountVisits(soci::session& sql, const Scope& scope, const VillageScope& villages, const VisitFilter& f);
// Newest first (visited_on, then id) or oldest first.
std::vector<VisitRecord> ListVisits(soci::session& sql, const Scope& scope, const VillageScope& villages,
                                    const VisitFilter& f, bool desc, int64_t offset, int64_t limit);
std::optional<VisitRecord> FindVisit(soci::session& sql, const Scope& scope, const VillageScope& villages, int64_t id);
// By the device's id, in the tenant, whatever the village scope (a retry must find its own visit).
std::optional<VisitRecord> FindVisitByClientId(soci::session& sql, int64_t tenant_id, const std::string& client_id);
std::vector<VisitLineRecord> LinesOf(soci::session& sql, int64_t tenant_id, int64_t visit_id);
std::vector<VisitStaffRecord> StaffOf(soci::session& sql, int64_t tenant_id, int64_t visit_id);

int64_t InsertVisit(soci::session& sql, const VisitRecord& v, int64_t user_id);
void InsertLines(soci::session& sql, const VisitRecord& v, const std::vector<VisitLineRecord>& lines);
void InsertStaff(soci::session& sql, int64_t tenant_id, int64_t visit_id, const std::vector<VisitStaffRecord>& staff);
// Voids an active visit at `expected_version`; its coverage lines go inactive. False when stale.
bool VoidVisit(soci::session& sql, int64_t tenant_id, int64_t id, const std::string& reason, int64_t expected_version,
               int64_t user_id);

struct Photo {
  int64_t id = 0;
  std::string kind, content_type;
  int64_t size_bytes = 0;
  std::string created_at;
  std::string bytes;
};
int64_t InsertPhoto(soci::session& sql, int64_t tenant_id, int64_t visit_id, const Photo& p, int64_t user_id);
// The visit's latest photo with its bytes.
std::optional<Photo> LatestPhoto(soci::session& sql, int64_t tenant_id, int64_t visit_id);

// ---- the offline bundle: a fixed number of queries, whatever the number of households ----
std::vector<HouseholdRef> BundleHouseholds(soci::session& sql, const Scope& scope, const VillageScope& villages);
std::vector<MemberRef> BundleMembers(soci::session& sql, const Scope& scope, const VillageScope& villages,
                                     const std::string& on);
// The teams the user serves on `on` (as member or leader), with their members that day.
std::vector<TeamMemberRef> TeamMatesOf(soci::session& sql, int64_t tenant_id, int64_t user_id, const std::string& on);

}  // namespace qizhi::health::outreach
