#include "platform/auth/store.hpp"

#include "platform/core/clock.hpp"
#include "platform/db/query.hpp"

namespace qizhi::platform::auth {
using db::Query;
using db::Row;

namespace {
inline constexpr std::string_view kUserColumns =
    "u.tenant_id, u.id, u.username, u.name, u.password_hash, u.password_changed_at, u.must_change_password, "
    "u.locked_by_admin, u.phone_enc, u.totp_secret_enc, u.totp_pending_enc, u.totp_last_step, u.created_at, "
    "u.updated_at, u.last_login_at";

UserRecord UserFromRow(const Row& r) {
  UserRecord u;
  u.tenant_id = r.Int("tenant_id");
  u.id = r.Int("id");
  u.username = r.Str("username");
  u.name = r.Str("name");
  u.password_hash = r.Str("password_hash");
  u.password_changed_at = r.Str("password_changed_at");
  u.must_change_password = r.Int("must_change_password") != 0;
  u.locked_by_admin = r.Int("locked_by_admin") != 0;
  u.phone_enc = r.OptStr("phone_enc");
  u.totp_secret_enc = r.OptStr("totp_secret_enc");
  u.totp_pending_enc = r.OptStr("totp_pending_enc");
  u.totp_last_step = r.Int("totp_last_step");
  u.created_at = r.Str("created_at");
  u.updated_at = r.Str("updated_at");
  u.last_login_at = r.OptStr("last_login_at");
  return u;
}

std::optional<UserRecord> OneUser(soci::session& sql, Query& q) {
  auto r = db::FetchOne(sql, q);
  if (!r) return std::nullopt;
  return UserFromRow(*r);
}
}  // namespace

std::optional<UserRecord> FindUserByUsername(soci::session& sql, const std::string& username) {
  Query q("SELECT ");
  q << kUserColumns << " FROM users u WHERE u.username = :username AND u.ended_at IS NULL";
  q.Set("username", username);
  return OneUser(sql, q);
}

std::optional<UserRecord> FindUserById(soci::session& sql, int64_t tenant_id, int64_t id) {
  Query q("SELECT ");
  q << kUserColumns << " FROM users u WHERE u.tenant_id = :t AND u.id = :id AND u.ended_at IS NULL";
  q.Set("t", tenant_id).Set("id", id);
  return OneUser(sql, q);
}

std::optional<UserRecord> FindUserInScope(soci::session& sql, const Scope& scope, int64_t id) {
  Query q("SELECT ");
  q << kUserColumns << " FROM users u WHERE u.id = :id";
  q.Set("id", id);
  db::ScopeFilter(q, scope, "u.tenant_id");
  return OneUser(sql, q);
}

std::optional<UserRecord> FindUserForWrite(soci::session& sql, const Scope& scope, int64_t id) {
  Query q("SELECT ");
  q << kUserColumns << " FROM users u WHERE u.id = :id";
  q.Set("id", id);
  db::HomeTenantFilter(q, scope, "u.tenant_id");
  return OneUser(sql, q);
}

std::vector<UserRecord> ListUsers(soci::session& sql, const Scope& scope, const UserListFilter& f, int64_t& total) {
  auto where = [&](Query& q) {
    q << " FROM users u WHERE u.ended_at IS NULL";
    db::ScopeFilter(q, scope, "u.tenant_id");
    if (!f.q.empty()) {
      std::string pat = db::ContainsPattern(f.q);
      q << " AND (u.username LIKE " << q.Bind(pat) << " ESCAPE '\\' OR u.name LIKE " << q.Bind(pat)
        << " ESCAPE '\\')";
    }
  };
  Query count("SELECT COUNT(*) AS n");
  where(count);
  total = db::Scalar(sql, count);
  Query q("SELECT ");
  q << kUserColumns;
  where(q);
  q << " ORDER BY u." << f.sort_column << (f.sort_desc ? " DESC" : " ASC") << ", u.id LIMIT " << q.Bind(f.limit)
    << " OFFSET " << q.Bind(f.offset);
  std::vector<UserRecord> out;
  for (const auto& r : db::Fetch(sql, q)) out.push_back(UserFromRow(r));
  return out;
}

int64_t InsertUser(soci::session& sql, const UserRecord& u) {
  Query q(
      "INSERT INTO users (tenant_id, username, name, password_hash, password_changed_at, must_change_password, "
      "locked_by_admin, phone_enc, phone_bidx, created_at, updated_at) VALUES (:tenant_id, :username, :name, :hash, "
      ":changed, :must, 0, :phone, :bidx, :now, :now2) RETURNING id");
  std::string now = NowUtc();
  q.Set("tenant_id", u.tenant_id).Set("username", u.username).Set("name", u.name).Set("hash", u.password_hash);
  q.Set("changed", u.password_changed_at.empty() ? now : u.password_changed_at);
  q.Set("must", u.must_change_password ? 1 : 0).SetOptional("phone", u.phone_enc).SetNull("bidx");
  q.Set("now", now).Set("now2", now);
  return db::InsertReturningId(sql, q);
}

void UpdateUserProfile(soci::session& sql, const UserRecord& u) {
  Query q("UPDATE users SET name = :name, phone_enc = :phone, phone_bidx = :bidx, updated_at = :now "
          "WHERE tenant_id = :t AND id = :id");
  q.Set("name", u.name).SetOptional("phone", u.phone_enc).SetOptional("bidx", u.phone_bidx).Set("now", NowUtc()).Set("t", u.tenant_id).Set("id", u.id);
  db::Exec(sql, q);
}

void SetUserLocked(soci::session& sql, int64_t tenant_id, int64_t id, bool locked) {
  Query q("UPDATE users SET locked_by_admin = :l, updated_at = :now WHERE tenant_id = :t AND id = :id");
  q.Set("l", locked ? 1 : 0).Set("now", NowUtc()).Set("t", tenant_id).Set("id", id);
  db::Exec(sql, q);
}

void SetUserPassword(soci::session& sql, int64_t tenant_id, int64_t id, const std::string& hash, bool must_change) {
  Query q(
      "UPDATE users SET password_hash = :h, password_changed_at = :now, must_change_password = :m, updated_at = :now2 "
      "WHERE tenant_id = :t AND id = :id");
  std::string now = NowUtc();
  q.Set("h", hash).Set("now", now).Set("m", must_change ? 1 : 0).Set("now2", now).Set("t", tenant_id).Set("id", id);
  db::Exec(sql, q);
}

void SetTotpPending(soci::session& sql, int64_t tenant_id, int64_t id, const std::string& enc) {
  Query q("UPDATE users SET totp_pending_enc = :e, updated_at = :now WHERE tenant_id = :t AND id = :id");
  q.Set("e", enc).Set("now", NowUtc()).Set("t", tenant_id).Set("id", id);
  db::Exec(sql, q);
}

void ConfirmTotp(soci::session& sql, int64_t tenant_id, int64_t id, const std::string& enc, int64_t step) {
  Query q(
      "UPDATE users SET totp_secret_enc = :e, totp_pending_enc = NULL, totp_last_step = :s, updated_at = :now "
      "WHERE tenant_id = :t AND id = :id");
  q.Set("e", enc).Set("s", step).Set("now", NowUtc()).Set("t", tenant_id).Set("id", id);
  db::Exec(sql, q);
}

void SetTotpLastStep(soci::session& sql, int64_t tenant_id, int64_t id, int64_t step) {
  Query q("UPDATE users SET totp_last_step = :s WHERE tenant_id = :t AND id = :id");
  q.Set("s", step).Set("t", tenant_id).Set("id", id);
  db::Exec(sql, q);
}

void SetLastLogin(soci::session& sql, int64_t tenant_id, int64_t id) {
  Query q("UPDATE users SET last_login_at = :now WHERE tenant_id = :t AND id = :id");
  q.Set("now", NowUtc()).Set("t", tenant_id).Set("id", id);
  db::Exec(sql, q);
}

// ---- roles ----

namespace {
std::set<std::string> RolePermissionSet(soci::session& sql, int64_t tenant_id, int64_t role_id) {
  Query q("SELECT permission FROM role_permissions WHERE tenant_id = :t AND role_id = :r ORDER BY permission");
  q.Set("t", tenant_id).Set("r", role_id);
  std::set<std::string> out;
  for (const auto& r : db::Fetch(sql, q)) out.insert(r.Str("permission"));
  return out;
}
RoleRecord RoleFromRow(soci::session& sql, const Row& r) {
  RoleRecord role;
  role.tenant_id = r.Int("tenant_id");
  role.id = r.Int("id");
  role.code = r.Str("code");
  role.name = r.Str("name");
  role.description = r.Str("description");
  role.require_totp = r.Int("require_totp") != 0;
  role.builtin = r.Int("builtin") != 0;
  role.permissions = RolePermissionSet(sql, role.tenant_id, role.id);
  return role;
}
void WritePermissions(soci::session& sql, const RoleRecord& r) {
  Query del("DELETE FROM role_permissions WHERE tenant_id = :t AND role_id = :r");
  del.Set("t", r.tenant_id).Set("r", r.id);
  db::Exec(sql, del);
  for (const auto& p : r.permissions) {
    Query ins("INSERT INTO role_permissions (tenant_id, role_id, permission) VALUES (:t, :r, :p)");
    ins.Set("t", r.tenant_id).Set("r", r.id).Set("p", p);
    db::Exec(sql, ins);
  }
}
}  // namespace

std::vector<RoleRecord> ListRoles(soci::session& sql, int64_t tenant_id) {
  Query q("SELECT tenant_id, id, code, name, description, require_totp, builtin FROM roles WHERE tenant_id = :t "
          "ORDER BY id");
  q.Set("t", tenant_id);
  std::vector<RoleRecord> out;
  for (const auto& r : db::Fetch(sql, q)) out.push_back(RoleFromRow(sql, r));
  return out;
}

std::optional<RoleRecord> FindRole(soci::session& sql, int64_t tenant_id, int64_t id) {
  Query q("SELECT tenant_id, id, code, name, description, require_totp, builtin FROM roles WHERE tenant_id = :t "
          "AND id = :id");
  q.Set("t", tenant_id).Set("id", id);
  auto r = db::FetchOne(sql, q);
  if (!r) return std::nullopt;
  return RoleFromRow(sql, *r);
}

int64_t InsertRole(soci::session& sql, const RoleRecord& r) {
  Query q(
      "INSERT INTO roles (tenant_id, code, name, description, require_totp, builtin, created_at, updated_at) "
      "VALUES (:t, :code, :name, :d, :totp, :b, :now, :now2) RETURNING id");
  std::string now = NowUtc();
  q.Set("t", r.tenant_id).Set("code", r.code).Set("name", r.name).Set("d", r.description);
  q.Set("totp", r.require_totp ? 1 : 0).Set("b", r.builtin ? 1 : 0).Set("now", now).Set("now2", now);
  RoleRecord copy = r;
  copy.id = db::InsertReturningId(sql, q);
  WritePermissions(sql, copy);
  return copy.id;
}

void UpdateRole(soci::session& sql, const RoleRecord& r) {
  Query q("UPDATE roles SET name = :name, description = :d, require_totp = :totp, updated_at = :now "
          "WHERE tenant_id = :t AND id = :id");
  q.Set("name", r.name).Set("d", r.description).Set("totp", r.require_totp ? 1 : 0).Set("now", NowUtc());
  q.Set("t", r.tenant_id).Set("id", r.id);
  db::Exec(sql, q);
  WritePermissions(sql, r);
}

std::vector<http::RoleRef> UserRoles(soci::session& sql, int64_t tenant_id, int64_t user_id) {
  Query q("SELECT r.id, r.code, r.name FROM user_roles ur JOIN roles r ON r.tenant_id = ur.tenant_id AND r.id = "
          "ur.role_id WHERE ur.tenant_id = :t AND ur.user_id = :u AND ur.revoked_at IS NULL ORDER BY r.id");
  q.Set("t", tenant_id).Set("u", user_id);
  std::vector<http::RoleRef> out;
  for (const auto& r : db::Fetch(sql, q)) out.push_back({r.Int("id"), r.Str("code"), r.Str("name")});
  return out;
}

std::set<std::string> UserPermissions(soci::session& sql, int64_t tenant_id, int64_t user_id) {
  Query q("SELECT DISTINCT rp.permission FROM user_roles ur JOIN role_permissions rp ON rp.tenant_id = ur.tenant_id "
          "AND rp.role_id = ur.role_id WHERE ur.tenant_id = :t AND ur.user_id = :u AND ur.revoked_at IS NULL");
  q.Set("t", tenant_id).Set("u", user_id);
  std::set<std::string> out;
  for (const auto& r : db::Fetch(sql, q)) out.insert(r.Str("permission"));
  return out;
}

bool UserRequiresTotp(soci::session& sql, int64_t tenant_id, int64_t user_id) {
  Query q("SELECT COUNT(*) AS n FROM user_roles ur JOIN roles r ON r.tenant_id = ur.tenant_id AND r.id = ur.role_id "
          "WHERE ur.tenant_id = :t AND ur.user_id = :u AND ur.revoked_at IS NULL AND r.require_totp = 1");
  q.Set("t", tenant_id).Set("u", user_id);
  return db::Scalar(sql, q) > 0;
}

std::vector<ScopeUnit> UserScopeUnits(soci::session& sql, int64_t tenant_id, int64_t user_id) {
  Query q("SELECT o.id, o.name, o.path FROM user_scopes s JOIN org_units o ON o.tenant_id = s.tenant_id AND o.id = "
          "s.org_unit_id WHERE s.tenant_id = :t AND s.user_id = :u AND s.revoked_at IS NULL ORDER BY o.path");
  q.Set("t", tenant_id).Set("u", user_id);
  std::vector<ScopeUnit> out;
  for (const auto& r : db::Fetch(sql, q)) out.push_back({r.Int("id"), r.Str("name"), r.Str("path")});
  return out;
}

namespace {
void ReplaceGrants(soci::session& sql, const char* table, const char* column, int64_t tenant_id, int64_t user_id,
                   const std::vector<int64_t>& wanted, int64_t by) {
  std::string now = NowUtc();
  Query cur(std::string("SELECT id, ") + column + " AS target FROM " + table +
            " WHERE tenant_id = :t AND user_id = :u AND revoked_at IS NULL");
  cur.Set("t", tenant_id).Set("u", user_id);
  std::set<int64_t> have;
  for (const auto& r : db::Fetch(sql, cur)) {
    int64_t target = r.Int("target");
    if (std::find(wanted.begin(), wanted.end(), target) == wanted.end()) {
      Query end(std::string("UPDATE ") + table +
                " SET revoked_at = :now, revoked_by = :by WHERE tenant_id = :t AND id = :id");
      end.Set("now", now).Set("by", by).Set("t", tenant_id).Set("id", r.Int("id"));
      db::Exec(sql, end);
    } else {
      have.insert(target);
    }
  }
  for (int64_t target : wanted) {
    if (have.count(target)) continue;
    Query ins(std::string("INSERT INTO ") + table + " (tenant_id, user_id, " + column +
              ", granted_at, granted_by) VALUES (:t, :u, :x, :now, :by)");
    ins.Set("t", tenant_id).Set("u", user_id).Set("x", target).Set("now", now).Set("by", by);
    db::Exec(sql, ins);
    have.insert(target);
  }
}
}  // namespace

void ReplaceUserRoles(soci::session& sql, int64_t tenant_id, int64_t user_id, const std::vector<int64_t>& role_ids,
                      int64_t by) {
  ReplaceGrants(sql, "user_roles", "role_id", tenant_id, user_id, role_ids, by);
}

void ReplaceUserScopes(soci::session& sql, int64_t tenant_id, int64_t user_id, const std::vector<int64_t>& unit_ids,
                       int64_t by) {
  ReplaceGrants(sql, "user_scopes", "org_unit_id", tenant_id, user_id, unit_ids, by);
}

std::vector<ScopeUnit> FindUnits(soci::session& sql, int64_t tenant_id, const std::vector<int64_t>& ids) {
  std::vector<ScopeUnit> out;
  if (ids.empty()) return out;
  Query q("SELECT id, name, path FROM org_units WHERE tenant_id = :t AND ended_at IS NULL AND id IN (");
  q.Set("t", tenant_id);
  for (size_t i = 0; i < ids.size(); ++i) q << (i ? ", " : "") << q.Bind(ids[i]);
  q << ")";
  for (const auto& r : db::Fetch(sql, q)) out.push_back({r.Int("id"), r.Str("name"), r.Str("path")});
  return out;
}

std::optional<TenantRecord> FindTenant(soci::session& sql, int64_t id) {
  Query q("SELECT id, name, kind, path FROM tenants WHERE id = :id");
  q.Set("id", id);
  auto r = db::FetchOne(sql, q);
  if (!r) return std::nullopt;
  return TenantRecord{r->Int("id"), r->Str("name"), r->Str("kind"), r->Str("path")};
}

std::vector<int64_t> TenantSubtree(soci::session& sql, const std::string& path) {
  Query q("SELECT id FROM tenants WHERE path LIKE :p AND ended_at IS NULL ORDER BY id");
  q.Set("p", path + "%");
  std::vector<int64_t> out;
  for (const auto& r : db::Fetch(sql, q)) out.push_back(r.Int("id"));
  return out;
}

// ---- sessions ----

int64_t InsertSession(soci::session& sql, int64_t tenant_id, int64_t user_id, const std::string& token_hash,
                      const std::string& csrf, const std::string& ip, bool password_expired, bool totp_enrol) {
  Query q(
      "INSERT INTO sessions (tenant_id, token_hash, user_id, csrf_token, created_at, last_seen_at, ip, "
      "password_expired, totp_enrol) VALUES (:t, :h, :u, :c, :now, :now2, :ip, :pe, :te) RETURNING id");
  std::string now = NowUtc();
  q.Set("t", tenant_id).Set("h", token_hash).Set("u", user_id).Set("c", csrf).Set("now", now).Set("now2", now);
  q.Set("ip", ip).Set("pe", password_expired ? 1 : 0).Set("te", totp_enrol ? 1 : 0);
  return db::InsertReturningId(sql, q);
}

std::optional<SessionRecord> FindLiveSession(soci::session& sql, const std::string& token_hash) {
  Query q("SELECT tenant_id, id, user_id, csrf_token, created_at, last_seen_at, password_expired, totp_enrol "
          "FROM sessions WHERE token_hash = :h AND ended_at IS NULL");
  q.Set("h", token_hash);
  auto r = db::FetchOne(sql, q);
  if (!r) return std::nullopt;
  return SessionRecord{r->Int("tenant_id"), r->Int("id"), r->Int("user_id"), r->Str("csrf_token"),
                       r->Str("created_at"), r->Str("last_seen_at"), r->Int("password_expired") != 0,
                       r->Int("totp_enrol") != 0};
}

void TouchSession(soci::session& sql, int64_t tenant_id, int64_t id) {
  Query q("UPDATE sessions SET last_seen_at = :now WHERE tenant_id = :t AND id = :id");
  q.Set("now", NowUtc()).Set("t", tenant_id).Set("id", id);
  db::Exec(sql, q);
}

void EndSession(soci::session& sql, int64_t tenant_id, int64_t id, const std::string& reason) {
  Query q("UPDATE sessions SET ended_at = :now, end_reason = :r WHERE tenant_id = :t AND id = :id AND ended_at IS "
          "NULL");
  q.Set("now", NowUtc()).Set("r", reason).Set("t", tenant_id).Set("id", id);
  db::Exec(sql, q);
}

void EndUserSessions(soci::session& sql, int64_t tenant_id, int64_t user_id, int64_t except_session,
                     const std::string& reason) {
  Query q("UPDATE sessions SET ended_at = :now, end_reason = :r WHERE tenant_id = :t AND user_id = :u AND id <> :e "
          "AND ended_at IS NULL");
  q.Set("now", NowUtc()).Set("r", reason).Set("t", tenant_id).Set("u", user_id).Set("e", except_session);
  db::Exec(sql, q);
}

void ClearSessionRestrictions(soci::session& sql, int64_t tenant_id, int64_t id) {
  Query q("UPDATE sessions SET password_expired = 0, totp_enrol = 0 WHERE tenant_id = :t AND id = :id");
  q.Set("t", tenant_id).Set("id", id);
  db::Exec(sql, q);
}

// ---- lockout ----

std::optional<std::string> ActiveLockUntil(soci::session& sql, const std::string& username, const std::string& now) {
  Query q("SELECT MAX(locked_until) AS until FROM login_locks WHERE username = :u AND released_at IS NULL AND "
          "locked_until > :now");
  q.Set("u", username).Set("now", now);
  auto r = db::FetchOne(sql, q);
  if (!r || r->IsNull("until")) return std::nullopt;
  return r->Str("until");
}

int64_t CountRecentFailures(soci::session& sql, const std::string& username, const std::string& since) {
  // The count restarts after a success, an administrator's unlock or the end of a lockout.
  Query reset(
      "SELECT MAX(t) AS t FROM (SELECT MAX(at) AS t FROM login_attempts WHERE username = :u1 AND ok = 1 "
      "UNION ALL SELECT MAX(locked_until) FROM login_locks WHERE username = :u2 "
      "UNION ALL SELECT MAX(released_at) FROM login_locks WHERE username = :u3) x");
  reset.Set("u1", username).Set("u2", username).Set("u3", username);
  auto r = db::FetchOne(sql, reset);
  std::string from = since;
  if (r && !r->IsNull("t") && r->Str("t") > from) from = r->Str("t");
  Query q("SELECT COUNT(*) AS n FROM login_attempts WHERE username = :u AND ok = 0 AND at > :from");
  q.Set("u", username).Set("from", from);
  return db::Scalar(sql, q);
}

void RecordAttempt(soci::session& sql, int64_t tenant_id, const std::string& username, bool ok, const std::string& ip) {
  Query q("INSERT INTO login_attempts (tenant_id, username, at, ok, ip) VALUES (:t, :u, :at, :ok, :ip)");
  q.Set("t", tenant_id).Set("u", username).Set("at", NowUtc()).Set("ok", ok ? 1 : 0).Set("ip", ip);
  db::Exec(sql, q);
}

void InsertLock(soci::session& sql, int64_t tenant_id, const std::string& username, const std::string& until) {
  Query q("INSERT INTO login_locks (tenant_id, username, locked_at, locked_until) VALUES (:t, :u, :at, :until)");
  q.Set("t", tenant_id).Set("u", username).Set("at", NowUtc()).Set("until", until);
  db::Exec(sql, q);
}

void ReleaseLocks(soci::session& sql, const std::string& username) {
  Query q("UPDATE login_locks SET released_at = :now WHERE username = :u AND released_at IS NULL");
  q.Set("now", NowUtc()).Set("u", username);
  db::Exec(sql, q);
}

SecurityPolicy LoadPolicy(soci::session& sql, int64_t tenant_id) {
  Query q("SELECT policy_json FROM security_policies WHERE tenant_id = :t");
  q.Set("t", tenant_id);
  auto r = db::FetchOne(sql, q);
  if (!r) return SecurityPolicy{};
  auto j = nlohmann::json::parse(r->Str("policy_json"), nullptr, false);
  if (j.is_discarded()) return SecurityPolicy{};
  auto p = PolicyFromJson(j);
  return p.ok() ? p.value() : SecurityPolicy{};
}

void SavePolicy(soci::session& sql, int64_t tenant_id, const SecurityPolicy& p, int64_t by) {
  // The previous policy is kept in the audit trail (before/after of the "policy" row).
  Query q("INSERT INTO security_policies (tenant_id, policy_json, updated_at, updated_by) VALUES (:t, :j, :now, :by) "
          "ON CONFLICT (tenant_id) DO UPDATE SET policy_json = excluded.policy_json, updated_at = excluded.updated_at, "
          "updated_by = excluded.updated_by");
  q.Set("t", tenant_id).Set("j", PolicyToJson(p).dump()).Set("now", NowUtc()).Set("by", by);
  db::Exec(sql, q);
}

}  // namespace qizhi::platform::auth
