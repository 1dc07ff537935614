// Organisation units (党委 → 党总支 → 党支部 → 党小组) with their materialised path, their
// elected committees (换届 history) and the facts the rules need (members per unit, secretaries).
// Every read takes the caller's Scope; writes take the home tenant. Callers hold the session
// (Database::Read / Write); nothing here decides policy (see rules.hpp).
#pragma once
#include <map>
#include <optional>
#include <soci/soci.h>
#include <string>
#include <vector>

#include "platform/core/scope.hpp"

namespace qizhi::party::org {

struct Unit {
  int64_t tenant_id = 0;
  int64_t id = 0;
  std::optional<int64_t> parent_id;
  std::string name;
  std::string kind;  // committee, general_branch, branch, group
  std::string path;
  std::string department;
  std::string alliance_member;
  int64_t sort_order = 0;
  int64_t version = 1;
  std::string tenant_name;
  std::optional<std::string> ended_at;
  std::string end_reason;
};

// Current units the scope may read, ordered by tenant and path; with `include_ended`, also the
// units that have been ended (for counts as of a past date).
std::vector<Unit> ListUnits(soci::session& sql, const Scope& scope, bool include_ended = false);
// One unit in scope (current or ended); nullopt when absent or outside the scope.
std::optional<Unit> FindUnit(soci::session& sql, const Scope& scope, int64_t id);

struct NewUnit {
  int64_t tenant_id = 0;
  std::optional<int64_t> parent_id;
  std::string name;
  std::string kind;
  std::string department;
  std::string alliance_member;
  int64_t sort_order = 0;
};
// Adds a unit and sets its path "/<ancestors>/<id>/"; returns the id.
int64_t InsertUnit(soci::session& sql, const NewUnit& unit);
int64_t InsertUnit(soci::session& sql, int64_t tenant_id, std::optional<int64_t> parent_id, const std::string& name,
                   const std::string& kind);
// Writes name, department, alliance_member, sort_order when `expected_version` still holds;
// false when another write got there first.
bool UpdateUnit(soci::session& sql, const Unit& unit, int64_t expected_version);
void EndUnit(soci::session& sql, int64_t tenant_id, int64_t id, const std::string& reason);
// A current unit under the same parent with this name (for the 409 on duplicates).
bool SiblingNameTaken(soci::session& sql, int64_t tenant_id, std::optional<int64_t> parent_id, const std::string& name,
                      int64_t except_id);
int64_t CurrentChildCount(soci::session& sql, int64_t tenant_id, int64_t id);

// Current members per unit (recorded directly in it), by status.
struct MemberCounts {
  int full = 0;
  int probationary = 0;
};
std::map<int64_t, MemberCounts> DirectMemberCounts(soci::session& sql, const Scope& scope);

struct Committee {
  int64_t id = 0;
  int64_t unit_id = 0;
  std::string elected_on;
  int64_t term_years = 3;
  std::string term_ends_on;
  std::string members_json;  // [{member_id, name, post}]
  int size = 0;              // how many were elected (the length of members_json)
  std::string note;
  std::string created_at;
  std::optional<std::string> superseded_at;
};
// The current (not superseded) committee of every unit in scope.
std::map<int64_t, Committee> CurrentCommittees(soci::session& sql, const Scope& scope);
std::vector<Committee> CommitteesOf(soci::session& sql, int64_t tenant_id, int64_t unit_id);
// Supersedes the unit's current committee (if any) and records the new one; returns its id.
int64_t InsertCommittee(soci::session& sql, int64_t tenant_id, const Committee& c, int64_t user_id);

// A party post currently held in a unit.
struct HeldPost {
  int64_t post_id = 0;
  int64_t unit_id = 0;
  int64_t member_id = 0;
  std::string name;
  std::string title;
  std::string started_on;
  std::optional<std::string> dual_id;
};
std::vector<HeldPost> CurrentPartyPosts(soci::session& sql, const Scope& scope);
std::vector<HeldPost> CurrentPartyPostsIn(soci::session& sql, int64_t tenant_id, int64_t unit_id);

}  // namespace qizhi::party::org
