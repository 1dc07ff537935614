// Auth store: SQL for users, roles, grants, sessions, login attempts and the security policy.
// Functions run on a session the caller got from Database::Read or ::Write; writes expect a
// transaction. Policy (who may do what) is decided in routes and rules, never here.
#pragma once
#include <optional>
#include <set>
#include <soci/soci.h>
#include <string>
#include <vector>

#include "platform/auth/policy.hpp"
#include "platform/core/scope.hpp"
#include "platform/http/request.hpp"

namespace qizhi::platform::auth {

struct UserRecord {
  int64_t tenant_id = 0;
  int64_t id = 0;
  std::string username;
  std::string name;
  std::string password_hash;
  std::string password_changed_at;
  bool must_change_password = false;
  bool locked_by_admin = false;
  std::optional<std::string> phone_enc;
  std::optional<std::string> phone_bidx;  // blind index: find a user by phone without decrypting
  std::optional<std::string> totp_secret_enc;
  std::optional<std::string> totp_pending_enc;
  int64_t totp_last_step = 0;
  std::string created_at;
  std::string updated_at;
  std::optional<std::string> last_login_at;
};

std::optional<UserRecord> FindUserByUsername(soci::session& sql, const std::string& username);
std::optional<UserRecord> FindUserById(soci::session& sql, int64_t tenant_id, int64_t id);
// A user the caller may read (tenants of the scope); nullopt if none or out of scope.
std::optional<UserRecord> FindUserInScope(soci::session& sql, const Scope& scope, int64_t id);
// A user of the caller's own tenant, for writes.
std::optional<UserRecord> FindUserForWrite(soci::session& sql, const Scope& scope, int64_t id);

struct UserListFilter {
  std::string q;
  int64_t offset = 0;
  int64_t limit = 20;
  std::string sort_column = "username";
  bool sort_desc = false;
};
std::vector<UserRecord> ListUsers(soci::session& sql, const Scope& scope, const UserListFilter& f, int64_t& total);

int64_t InsertUser(soci::session& sql, const UserRecord& u);
void UpdateUserProfile(soci::session& sql, const UserRecord& u);  // name, phone
void SetUserLocked(soci::session& sql, int64_t tenant_id, int64_t id, bool locked);
void SetUserPassword(soci::session& sql, int64_t tenant_id, int64_t id, const std::string& hash, bool must_change);
void SetTotpPending(soci::session& sql, int64_t tenant_id, int64_t id, const std::string& enc);
void ConfirmTotp(soci::session& sql, int64_t tenant_id, int64_t id, const std::string& enc, int64_t step);
void SetTotpLastStep(soci::session& sql, int64_t tenant_id, int64_t id, int64_t step);
void SetLastLogin(soci::session& sql, int64_t tenant_id, int64_t id);

// Roles and grants.
struct RoleRecord {
  int64_t tenant_id = 0;
  int64_t id = 0;
  std::string code;
  std::string name;
  std::string description;
  bool require_totp = false;
  bool builtin = false;
  std::set<std::string> permissions;
};
std::vector<RoleRecord> ListRoles(soci::session& sql, int64_t tenant_id);
std::optional<RoleRecord> FindRole(soci::session& sql, int64_t tenant_id, int64_t id);
int64_t InsertRole(soci::session& sql, const RoleRecord& r);
void UpdateRole(soci::session& sql, const RoleRecord& r);  // name, description, require_totp, permissions
std::vector<http::RoleRef> UserRoles(soci::session& sql, int64_t tenant_id, int64_t user_id);
std::set<std::string> UserPermissions(soci::session& sql, int64_t tenant_id, int64_t user_id);
bool UserRequiresTotp(soci::session& sql, int64_t tenant_id, int64_t user_id);
struct ScopeUnit {
  int64_t id = 0;
  std::string name;
  std::string path;
};
std::vector<ScopeUnit> UserScopeUnits(soci::session& sql, int64_t tenant_id, int64_t user_id);
// Replaces the current grants: ends those not wanted, adds the new ones; history stays.
void ReplaceUserRoles(soci::session& sql, int64_t tenant_id, int64_t user_id, const std::vector<int64_t>& role_ids,
                      int64_t by);
void ReplaceUserScopes(soci::session& sql, int64_t tenant_id, int64_t user_id, const std::vector<int64_t>& unit_ids,
                       int64_t by);
// The org units of `ids` that exist in the tenant (to validate a scope assignment).
std::vector<ScopeUnit> FindUnits(soci::session& sql, int64_t tenant_id, const std::vector<int64_t>& ids);

// Tenants.
struct TenantRecord {
  int64_t id = 0;
  std::string name;
  std::string kind;
  std::string path;
};
std::optional<TenantRecord> FindTenant(soci::session& sql, int64_t id);
std::vector<int64_t> TenantSubtree(soci::session& sql, const std::string& path);

// Sessions.
struct SessionRecord {
  int64_t tenant_id = 0;
  int64_t id = 0;
  int64_t user_id = 0;
  std::string csrf_token;
  std::string created_at;
  std::string last_seen_at;
  bool password_expired = false;
  bool totp_enrol = false;
};
int64_t InsertSession(soci::session& sql, int64_t tenant_id, int64_t user_id, const std::string& token_hash,
                      const std::string& csrf, const std::string& ip, bool password_expired, bool totp_enrol);
std::optional<SessionRecord> FindLiveSession(soci::session& sql, const std::string& token_hash);
void TouchSession(soci::session& sql, int64_t tenant_id, int64_t id);
void EndSession(soci::session& sql, int64_t tenant_id, int64_t id, const std::string& reason);
void EndUserSessions(soci::session& sql, int64_t tenant_id, int64_t user_id, int64_t except_session,
                     const std::string& reason);
void ClearSessionRestrictions(soci::session& sql, int64_t tenant_id, int64_t id);

// Login attempts and lockout (per user name).
std::optional<std::string> ActiveLockUntil(soci::session& sql, const std::string& username, const std::string& now);
// Failures after the later of `since` and the last success, unlock or lock expiry.
int64_t CountRecentFailures(soci::session& sql, const std::string& username, const std::string& since);
void RecordAttempt(soci::session& sql, int64_t tenant_id, const std::string& username, bool ok, const std::string& ip);
void InsertLock(soci::session& sql, int64_t tenant_id, const std::string& username, const std::string& until);
void ReleaseLocks(soci::session& sql, const std::string& username);

// Security policy.
SecurityPolicy LoadPolicy(soci::session& sql, int64_t tenant_id);
void SavePolicy(soci::session& sql, int64_t tenant_id, const SecurityPolicy& p, int64_t by);

}  // namespace qizhi::platform::auth
