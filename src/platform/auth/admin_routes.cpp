// The three administrators' routes (等保 三员分立): users (system administrator), roles, grants
// and policy (security administrator). The audit administrator's routes are in platform/audit.
#include <algorithm>
#include <regex>

#include "platform/audit/store.hpp"
#include "platform/auth/password.hpp"
#include "platform/auth/permissions.hpp"
#include "platform/auth/routes.hpp"
#include "platform/auth/session.hpp"
#include "platform/auth/store.hpp"
#include "platform/core/clock.hpp"
#include "platform/db/database.hpp"
#include "platform/pii/mask.hpp"

namespace qizhi::platform::auth {
using http::JsonResponse;
using http::Request;
using http::Response;

namespace {

std::string PhoneAd(const std::string& username) { return "users.phone:" + username; }

std::string PlainPhone(Services& s, const UserRecord& u) {
  if (!u.phone_enc) return {};
  auto plain = s.cipher.Decrypt(*u.phone_enc, PhoneAd(u.username));
  return plain.ok() ? plain.value() : std::string();
}

nlohmann::json UserJson(Services& s, soci::session& sql, const UserRecord& u) {
  nlohmann::json roles = nlohmann::json::array();
  for (const auto& r : UserRoles(sql, u.tenant_id, u.id)) roles.push_back(r.code);
  nlohmann::json scopes = nlohmann::json::array();
  for (const auto& unit : UserScopeUnits(sql, u.tenant_id, u.id)) scopes.push_back({{"id", unit.id}, {"name", unit.name}});
  auto lock = ActiveLockUntil(sql, u.username, NowUtc());
  return {{"id", u.id},
          {"tenant_id", u.tenant_id},
          {"username", u.username},
          {"name", u.name},
          {"phone", pii::MaskPhone(PlainPhone(s, u))},
          {"status", (u.locked_by_admin || lock) ? "locked" : "active"},
          {"locked_by_admin", u.locked_by_admin},
          {"locked_until", lock ? nlohmann::json(*lock) : nlohmann::json(nullptr)},
          {"roles", roles},
          {"scopes", scopes},
          {"created_at", u.created_at},
          {"last_login_at", u.last_login_at ? nlohmann::json(*u.last_login_at) : nlohmann::json(nullptr)},
          {"password_changed_at", u.password_changed_at},
          {"totp_enabled", u.totp_secret_enc.has_value()}};
}

// The audit copy of a user: never the phone number itself.
nlohmann::json UserAudit(const UserRecord& u) {
  return {{"username", u.username}, {"name", u.name}, {"phone_set", u.phone_enc.has_value()},
          {"locked_by_admin", u.locked_by_admin}};
}

Errors CheckProfile(const std::string& name, const std::string& phone) {
  Errors errors;
  if (name.empty()) errors.push_back(Invalid("name", "请输入姓名"));
  else if (name.size() > 60) errors.push_back(Invalid("name", "姓名过长（最多 20 个汉字）"));
  static const std::regex kPhone("^1[3-9][0-9]{9}$");
  if (!phone.empty() && !std::regex_match(phone, kPhone))
    errors.push_back(Invalid("phone", "手机号应为 11 位数字，以 1 开头"));
  return errors;
}

Error NotFound() { return Error{ErrorCode::kNotFound, "用户不存在", "id"}; }

// A unique violation that slipped past the explicit check (two requests at once) is a 409.
template <typename F>
auto WriteOrConflict(Services& s, F&& fn) -> decltype(s.db.Write(fn)) {
  return db::WriteOrConflict(s.db, fn, [](const std::string& field) {
    return Error{ErrorCode::kConflict, "该值已被使用", field};
  });
}

nlohmann::json RoleJson(const RoleRecord& r) {
  auto cls = AdminClassOfSet(r.permissions);
  return {{"id", r.id},
          {"code", r.code},
          {"name", r.name},
          {"description", r.description},
          {"permissions", r.permissions},
          {"require_totp", r.require_totp},
          {"admin_class", cls.ok() && cls.value() ? nlohmann::json(*cls.value()) : nlohmann::json(nullptr)},
          {"builtin", r.builtin}};
}

Result<RoleRecord> RoleFromBody(const nlohmann::json& body, RoleRecord base, bool creating) {
  Errors errors;
  if (creating) {
    base.code = http::JsonText(body, "code", errors);
    static const std::regex kCode("^[a-z][a-z0-9_]{1,31}$");
    if (!std::regex_match(base.code, kCode))
      errors.push_back(Invalid("code", "角色编码应为 2-32 位小写字母、数字或下划线，以字母开头"));
  }
  if (body.contains("name")) base.name = http::JsonText(body, "name", errors);
  if (base.name.empty()) errors.push_back(Invalid("name", "请输入角色名称"));
  if (body.contains("description")) base.description = http::JsonText(body, "description", errors);
  if (body.contains("require_totp")) {
    if (!body["require_totp"].is_boolean()) errors.push_back(Invalid("require_totp", "应为是或否"));
    else base.require_totp = body["require_totp"].get<bool>();
  }
  if (body.contains("permissions")) {
    if (!body["permissions"].is_array()) {
      errors.push_back(Invalid("permissions", "权限应为列表"));
    } else {
      base.permissions.clear();
      for (const auto& p : body["permissions"]) {
        if (!p.is_string() || !IsKnownPermission(p.get<std::string>())) {
          errors.push_back(Invalid("permissions", "未知权限: " + (p.is_string() ? p.get<std::string>() : p.dump())));
          continue;
        }
        base.permissions.insert(p.get<std::string>());
      }
      auto cls = AdminClassOfSet(base.permissions);
      if (!cls.ok()) errors.push_back(cls.error());
    }
  }
  if (!errors.empty()) return errors;
  return base;
}

std::vector<int64_t> IdList(const nlohmann::json& body, const char* name, Errors& errors) {
  std::vector<int64_t> out;
  if (!body.contains(name)) return out;
  if (!body[name].is_array()) {
    errors.push_back(Invalid(name, "应为编号列表"));
    return out;
  }
  for (const auto& v : body[name]) {
    if (!v.is_number_integer()) {
      errors.push_back(Invalid(name, "应为编号列表"));
      return {};
    }
    out.push_back(v.get<int64_t>());
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace

void RegisterAdminRoutes(http::Router& router, Services& s) {
  // ---- users: the system administrator ----
  router.Add({.method = "GET",
              .pattern = "/api/v1/users",
              // The security administrator needs the list to assign roles; it sees masked data only.
              .permission = "system:user:list|security:user:assign",
              .handler = [&s](Request& req) -> Response {
                auto p = http::ParseListParams(req, {"username", "name", "created_at", "last_login_at"}, "username");
                UserListFilter f{p.q, p.Offset(), p.size, p.sort_field, p.sort_desc};
                nlohmann::json items = nlohmann::json::array();
                int64_t total = 0;
                s.db.Read([&](soci::session& sql) {
                  for (const auto& u : ListUsers(sql, req.who().scope, f, total)) items.push_back(UserJson(s, sql, u));
                  return 0;
                });
                return JsonResponse(200, http::ListBody(items, total, p));
              }});

  router.Add({.method = "POST",
              .pattern = "/api/v1/users",
              .permission = "system:user:add",
              .audit_action = "create",
              .record_type = "user",
              .handler = [&s](Request& req) -> Response {
                auto body = req.Json();
                Errors errors;
                UserRecord u;
                u.tenant_id = req.who().scope.home_tenant;
                u.username = http::JsonText(body, "username", errors);
                u.name = http::JsonText(body, "name", errors);
                std::string phone = http::JsonText(body, "phone", errors);
                std::string password = http::JsonText(body, "password", errors);
                static const std::regex kUsername("^[a-z0-9_.-]{3,32}$");
                if (!std::regex_match(u.username, kUsername))
                  errors.push_back(Invalid("username", "用户名应为 3-32 位小写字母、数字或 _ . -"));
                for (auto& e : CheckProfile(u.name, phone)) errors.push_back(e);
                return http::JsonOrProblem(WriteOrConflict(s, [&](soci::session& sql) -> Result<nlohmann::json> {
                  SecurityPolicy policy = LoadPolicy(sql, u.tenant_id);
                  for (auto& e : CheckPassword(policy.password, password, u.username, "password")) errors.push_back(e);
                  if (!errors.empty()) return errors;
                  if (FindUserByUsername(sql, u.username))
                    return Error{ErrorCode::kConflict, "用户名 " + u.username + " 已被使用", "username"};
                  u.password_hash = HashPassword(password);
                  // A password someone else chose is changed by its owner at first login.
                  u.must_change_password = true;
                  if (!phone.empty()) {
                    u.phone_enc = s.cipher.Encrypt(phone, PhoneAd(u.username));
                    u.phone_bidx = s.cipher.BlindIndex(phone, "phone");
                  }
                  u.id = InsertUser(sql, u);
                  auto saved = FindUserById(sql, u.tenant_id, u.id);
                  auto ev = audit::EventFor(req, "create", "user", std::to_string(u.id));
                  ev.after = UserAudit(*saved);
                  audit::Append(sql, ev);
                  return UserJson(s, sql, *saved);
                }), 201);
              }});

  router.Add({.method = "PATCH",
              .pattern = "/api/v1/users/{id}",
              .permission = "system:user:edit",
              .audit_action = "update",
              .record_type = "user",
              .handler = [&s](Request& req) -> Response {
                auto body = req.Json();
                int64_t id = req.IdParam();
                return http::JsonOrProblem(s.db.Write([&](soci::session& sql) -> Result<nlohmann::json> {
                  auto u = FindUserForWrite(sql, req.who().scope, id);
                  if (!u) return NotFound();
                  auto before = UserAudit(*u);
                  Errors errors;
                  std::string name = body.contains("name") ? http::JsonText(body, "name", errors) : u->name;
                  std::string phone = body.contains("phone") ? http::JsonText(body, "phone", errors) : PlainPhone(s, *u);
                  for (auto& e : CheckProfile(name, phone)) errors.push_back(e);
                  if (!errors.empty()) return errors;
                  u->name = name;
                  u->phone_enc = phone.empty() ? std::nullopt
                                               : std::optional<std::string>(s.cipher.Encrypt(phone, PhoneAd(u->username)));
                  u->phone_bidx = phone.empty() ? std::nullopt
                                                : std::optional<std::string>(s.cipher.BlindIndex(phone, "phone"));
                  UpdateUserProfile(sql, *u);
                  auto ev = audit::EventFor(req, "update", "user", std::to_string(id));
                  ev.before = before;
                  ev.after = UserAudit(*u);
                  audit::Append(sql, ev);
                  return UserJson(s, sql, *u);
                }));
              }});

  for (bool lock : {true, false}) {
    router.Add({.method = "POST",
                .pattern = lock ? "/api/v1/users/{id}/lock" : "/api/v1/users/{id}/unlock",
                .permission = "system:user:lock",
                .audit_action = lock ? "lock" : "unlock",
                .record_type = "user",
                .handler = [&s, lock](Request& req) -> Response {
                  int64_t id = req.IdParam();
                  return http::JsonOrProblem(s.db.Write([&](soci::session& sql) -> Result<nlohmann::json> {
                    auto u = FindUserForWrite(sql, req.who().scope, id);
                    if (!u) return NotFound();
                    if (lock && u->id == req.who().user_id)
                      return Error{ErrorCode::kConflict, "不能锁定自己的账户", "id"};
                    auto before = UserAudit(*u);
                    SetUserLocked(sql, u->tenant_id, u->id, lock);
                    if (lock) EndUserSessions(sql, u->tenant_id, u->id, 0, "locked");
                    else ReleaseLocks(sql, u->username);  // also ends a lockout after failed logins
                    u->locked_by_admin = lock;
                    auto ev = audit::EventFor(req, lock ? "lock" : "unlock", "user", std::to_string(id));
                    ev.before = before;
                    ev.after = UserAudit(*u);
                    audit::Append(sql, ev);
                    return UserJson(s, sql, *u);
                  }));
                }});
  }

  router.Add({.method = "POST",
              .pattern = "/api/v1/users/{id}/password",
              .permission = "system:user:reset-password",
              .audit_action = "reset_password",
              .record_type = "user",
              .handler = [&s](Request& req) -> Response {
                auto body = req.Json();
                int64_t id = req.IdParam();
                Errors errors;
                std::string password = http::JsonText(body, "password", errors);
                auto r = s.db.Write([&](soci::session& sql) -> Status {
                  auto u = FindUserForWrite(sql, req.who().scope, id);
                  if (!u) return NotFound();
                  SecurityPolicy policy = LoadPolicy(sql, u->tenant_id);
                  for (auto& e : CheckPassword(policy.password, password, u->username, "password")) errors.push_back(e);
                  if (!errors.empty()) return errors;
                  SetUserPassword(sql, u->tenant_id, u->id, HashPassword(password), true);
                  EndUserSessions(sql, u->tenant_id, u->id, 0, "password_reset");
                  audit::Append(sql, audit::EventFor(req, "reset_password", "user", std::to_string(id)));
                  return Ok();
                });
                if (!r.ok()) return http::Problem(r.errors());
                return http::NoContent();
              }});

  router.Add({.method = "GET",
              .pattern = "/api/v1/users/{id}/phone",
              .permission = "system:user:pii",
              .handler = [&s](Request& req) -> Response {
                int64_t id = req.IdParam();
                auto r = s.db.Write([&](soci::session& sql) -> Result<std::string> {
                  auto u = FindUserInScope(sql, req.who().scope, id);
                  if (!u) return NotFound();
                  // Every full read of personal data leaves a trace (who, whose, when).
                  auto ev = audit::EventFor(req, "read_pii", "user", std::to_string(id));
                  ev.after = {{"field", "phone"}};
                  audit::Append(sql, ev);
                  return PlainPhone(s, *u);
                });
                if (!r.ok()) return http::Problem(r.errors());
                return JsonResponse(200, {{"phone", r.value()}});
              }});

  // ---- roles, grants, policy: the security administrator ----
  router.Add({.method = "GET",
              .pattern = "/api/v1/permissions",
              .permission = "security:role:list",
              .handler = [](Request&) -> Response {
                nlohmann::json items = nlohmann::json::array();
                for (const auto& p : PermissionCatalogue())
                  items.push_back({{"code", p.code}, {"title", p.title}, {"group", p.group}});
                return JsonResponse(200, {{"items", items}});
              }});

  router.Add({.method = "GET",
              .pattern = "/api/v1/roles",
              .permission = "security:role:list",
              .handler = [&s](Request& req) -> Response {
                nlohmann::json items = nlohmann::json::array();
                s.db.Read([&](soci::session& sql) {
                  for (const auto& r : ListRoles(sql, req.who().scope.home_tenant)) items.push_back(RoleJson(r));
                  return 0;
                });
                auto p = http::ParseListParams(req, {"id", "code", "name"}, "id");
                return JsonResponse(200, http::PageInMemory(items, p));
              }});

  router.Add({.method = "POST",
              .pattern = "/api/v1/roles",
              .permission = "security:role:edit",
              .audit_action = "create",
              .record_type = "role",
              .handler = [&s](Request& req) -> Response {
                auto body = req.Json();
                RoleRecord base;
                base.tenant_id = req.who().scope.home_tenant;
                auto role = RoleFromBody(body, base, true);
                if (!role.ok()) return http::Problem(role.errors());
                return http::JsonOrProblem(WriteOrConflict(s, [&](soci::session& sql) -> Result<nlohmann::json> {
                  for (const auto& r : ListRoles(sql, base.tenant_id))
                    if (r.code == role.value().code)
                      return Error{ErrorCode::kConflict, "角色编码 " + r.code + " 已存在", "code"};
                  RoleRecord saved = role.value();
                  saved.id = InsertRole(sql, saved);
                  auto ev = audit::EventFor(req, "create", "role", std::to_string(saved.id));
                  ev.after = RoleJson(saved);
                  audit::Append(sql, ev);
                  return RoleJson(saved);
                }), 201);
              }});

  router.Add({.method = "PATCH",
              .pattern = "/api/v1/roles/{id}",
              .permission = "security:role:edit",
              .audit_action = "update",
              .record_type = "role",
              .handler = [&s](Request& req) -> Response {
                auto body = req.Json();
                int64_t id = req.IdParam();
                return http::JsonOrProblem(s.db.Write([&](soci::session& sql) -> Result<nlohmann::json> {
                  auto current = FindRole(sql, req.who().scope.home_tenant, id);
                  if (!current) return Error{ErrorCode::kNotFound, "角色不存在", "id"};
                  auto role = RoleFromBody(body, *current, false);
                  if (!role.ok()) return role.errors();
                  UpdateRole(sql, role.value());
                  auto ev = audit::EventFor(req, "update", "role", std::to_string(id));
                  ev.before = RoleJson(*current);
                  ev.after = RoleJson(role.value());
                  audit::Append(sql, ev);
                  return RoleJson(role.value());
                }));
              }});

  router.Add({.method = "PUT",
              .pattern = "/api/v1/users/{id}/roles",
              .permission = "security:user:assign",
              .audit_action = "assign_roles",
              .record_type = "user",
              .handler = [&s](Request& req) -> Response {
                auto body = req.Json();
                int64_t id = req.IdParam();
                Errors errors;
                auto role_ids = IdList(body, "roles", errors);
                auto unit_ids = IdList(body, "scopes", errors);
                if (!errors.empty()) return http::Problem(errors);
                return http::JsonOrProblem(s.db.Write([&](soci::session& sql) -> Result<nlohmann::json> {
                  const auto& who = req.who();
                  auto u = FindUserForWrite(sql, who.scope, id);
                  if (!u) return NotFound();
                  std::set<std::string> classes;
                  for (int64_t rid : role_ids) {
                    auto role = FindRole(sql, who.scope.home_tenant, rid);
                    if (!role) return Invalid("roles", "角色不存在: " + std::to_string(rid));
                    auto cls = AdminClassOfSet(role->permissions);
                    if (cls.ok() && cls.value()) classes.insert(*cls.value());
                  }
                  if (classes.size() > 1)
                    return Error{ErrorCode::kConflict,
                                 "同一用户不能兼任系统管理员、安全管理员、审计管理员中的两个（三员分立）", "roles"};
                  if (u->id == who.user_id)
                    return Error{ErrorCode::kConflict, "不能修改自己的角色", "roles"};
                  auto units = FindUnits(sql, who.scope.home_tenant, unit_ids);
                  if (units.size() != unit_ids.size()) return Invalid("scopes", "管理范围中有不存在的组织");
                  nlohmann::json before = UserJson(s, sql, *u);
                  ReplaceUserRoles(sql, u->tenant_id, u->id, role_ids, who.user_id);
                  ReplaceUserScopes(sql, u->tenant_id, u->id, unit_ids, who.user_id);
                  nlohmann::json after = UserJson(s, sql, *u);
                  auto ev = audit::EventFor(req, "assign_roles", "user", std::to_string(id));
                  ev.before = {{"roles", before["roles"]}, {"scopes", before["scopes"]}};
                  ev.after = {{"roles", after["roles"]}, {"scopes", after["scopes"]}};
                  audit::Append(sql, ev);
                  return after;
                }));
              }});

  router.Add({.method = "GET",
              .pattern = "/api/v1/policy",
              .permission = "security:policy:view",
              .handler = [&s](Request& req) -> Response {
                auto p = s.db.Read([&](soci::session& sql) { return LoadPolicy(sql, req.who().scope.home_tenant); });
                return JsonResponse(200, PolicyToJson(p));
              }});

  router.Add({.method = "PUT",
              .pattern = "/api/v1/policy",
              .permission = "security:policy:edit",
              .audit_action = "policy",
              .record_type = "policy",
              .handler = [&s](Request& req) -> Response {
                auto body = req.Json();
                return http::JsonOrProblem(s.db.Write([&](soci::session& sql) -> Result<nlohmann::json> {
                  int64_t tenant = req.who().scope.home_tenant;
                  SecurityPolicy current = LoadPolicy(sql, tenant);
                  auto next = PolicyFromJson(body, current);
                  if (!next.ok()) return next.errors();
                  SavePolicy(sql, tenant, next.value(), req.who().user_id);
                  auto ev = audit::EventFor(req, "policy", "policy", std::to_string(tenant));
                  ev.before = PolicyToJson(current);
                  ev.after = PolicyToJson(next.value());
                  audit::Append(sql, ev);
                  return PolicyToJson(next.value());
                }));
              }});
}

}  // namespace qizhi::platform::auth
