// SQL of integrity work: the tenant's post classes, the hospital posts the pledge list is derived
// from, the pledges and the 九不准 self-checks. Reads take the caller's Scope (members by their
// unit of record); writes take the tenant and run inside the caller's Write transaction.
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <soci/soci.h>
#include <string>
#include <vector>

#include "party/integrity/rules.hpp"
#include "platform/core/scope.hpp"

namespace qizhi::party::integrity {

// The stored classes, or DefaultPostClasses() (stored = false) when the tenant has none.
struct ClassSet {
  bool stored = false;
  std::vector<PostClass> classes;
};
ClassSet PostClasses(soci::session& sql, int64_t tenant_id);
// Supersedes the tenant's current rows and writes `classes`.
void ReplacePostClasses(soci::session& sql, int64_t tenant_id, const std::vector<PostClass>& classes, int64_t user_id);

struct MemberRef {
  int64_t tenant_id = 0;
  int64_t id = 0;
  std::string name;
  int64_t unit_id = 0;
  std::string unit_path;
  std::string unit_name;
};
// Hospital posts held during `year` by active members of the scope (under `org_path`), with the
// members they belong to.
struct PostsOfYear {
  std::vector<HeldPost> posts;
  std::map<int64_t, MemberRef> members;
};
PostsOfYear HeldPostsOfYear(soci::session& sql, const Scope& scope, int64_t tenant_id,
                            const std::optional<std::string>& org_path, int year);

struct Pledge {
  int64_t tenant_id = 0;
  int64_t id = 0;
  int64_t member_id = 0;
  std::string member_name;
  std::string unit_path;
  std::string unit_name;
  int year = 0;
  std::string signed_on;
  std::string cls;
  std::string posts;  // "科主任（心内科）、…"
  std::string created_at;
  std::string created_by_name;
  std::string voided_at, void_reason, voided_by_name;
};
int64_t InsertPledge(soci::session& sql, const Pledge& p, int64_t user_id);
std::optional<Pledge> FindPledge(soci::session& sql, const Scope& scope, int64_t id);
// The pledge in force of each member for `year` (member id → pledge).
std::map<int64_t, Pledge> PledgesInForce(soci::session& sql, const Scope& scope, int64_t tenant_id, int year);
bool VoidPledge(soci::session& sql, int64_t tenant_id, int64_t id, int64_t user_id, const std::string& reason);

struct SelfCheck {
  int64_t tenant_id = 0;
  int64_t id = 0;
  int64_t member_id = 0;
  std::string member_name;
  std::string unit_path;
  std::string unit_name;
  std::string period;
  std::string checked_on;
  std::vector<Answer> answers;
  int issues = 0;
  std::string status;
  int64_t version = 1;
  std::string created_at;
  std::string created_by_name;
  std::string superseded_at;
};
// Supersedes the member's check of the period in force (if any) and records `c` as the next
// version; its id.
int64_t InsertSelfCheck(soci::session& sql, SelfCheck& c, int64_t user_id);
std::optional<SelfCheck> FindSelfCheck(soci::session& sql, const Scope& scope, int64_t id);
// Every version of the member's check of the period, newest first.
std::vector<SelfCheck> SelfCheckVersions(soci::session& sql, int64_t tenant_id, int64_t member_id, const std::string& period);

struct SelfCheckFilter {
  std::string period;                   // exact, or "" for all
  std::string year;                     // the year's periods (2026, 2026-H1, 2026-H2)
  std::optional<std::string> org_path;
  std::string q;                        // member name contains
  bool issues_only = false;
  std::string status;                   // 无问题 | 整改中 | 已整改
};
int64_t CountSelfChecks(soci::session& sql, const Scope& scope, const SelfCheckFilter& f);
std::vector<SelfCheck> ListSelfChecks(soci::session& sql, const Scope& scope, const SelfCheckFilter& f, const std::string& sort,
                                      bool desc, int64_t offset, int64_t limit);

}  // namespace qizhi::party::integrity
