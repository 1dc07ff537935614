#include "platform/auth/session.hpp"

#include <sodium.h>
#include <spdlog/spdlog.h>

#include "platform/audit/store.hpp"
#include "platform/auth/password.hpp"
#include "platform/auth/permissions.hpp"
#include "platform/auth/store.hpp"
#include "platform/auth/totp.hpp"
#include "platform/core/clock.hpp"

namespace qizhi::platform::auth {

std::string NewToken() {
  unsigned char raw[32];
  randombytes_buf(raw, sizeof raw);
  char out[sodium_base64_ENCODED_LEN(32, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
  sodium_bin2base64(out, sizeof out, raw, sizeof raw, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  return out;
}

std::string TokenHash(const std::string& token) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(token.data()), token.size());
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return hex;
}

namespace {

// Verifying against this when the user does not exist costs the same time as a real check,
// so response timing does not tell who has an account.
const std::string& DummyHash() {
  static const std::string h = HashPassword("qizhi-no-such-user-Xx1!");
  return h;
}

Error BadCredentials() { return Error{ErrorCode::kUnauthorized, "用户名或密码错误", "password"}; }

}  // namespace

LoginOutcome Login(Services& services, const LoginInput& in) {
  const Config& cfg = services.config;
  auto result = services.db.Write([&](soci::session& sql) -> Result<LoginOutcome> {
    LoginOutcome out;
    std::string now = NowUtc();
    int64_t now_ms = NowUnixMillis();
    auto user = FindUserByUsername(sql, in.username);
    int64_t tenant = user ? user->tenant_id : 0;
    SecurityPolicy policy = user ? LoadPolicy(sql, tenant) : SecurityPolicy{};
    int64_t lockout_ms = cfg.lockout_seconds > 0 ? cfg.lockout_seconds * 1000 : policy.lockout_minutes * 60000LL;

    audit::Event ev;
    ev.tenant_id = tenant;
    ev.user_id = user ? user->id : 0;
    ev.username = in.username;
    ev.action = "login";
    ev.record_type = "user";
    ev.record_id = user ? std::to_string(user->id) : "";
    ev.ip = in.ip;

    auto refuse = [&](int status, Error e, const std::string& result, const std::string& why) {
      out.status = status;
      out.errors = {std::move(e)};
      ev.result = result;
      ev.after = {{"reason", why}};
      audit::Append(sql, ev);
      return out;
    };

    if (auto until = ActiveLockUntil(sql, in.username, now)) {
      int64_t minutes = std::max<int64_t>(1, (ParseUtcMillis(*until) - now_ms + 59999) / 60000);
      return refuse(403, Error{ErrorCode::kForbidden, "账户已锁定，请 " + std::to_string(minutes) + " 分钟后再试", "username"},
                    "denied", "locked");
    }
    bool password_ok = VerifyPassword(user ? user->password_hash : DummyHash(), in.password) && user.has_value();
    bool totp_failed = false;
    if (password_ok && user->totp_secret_enc) {
      if (in.totp.empty()) {
        out.totp_required = true;
        return refuse(401, Error{ErrorCode::kUnauthorized, "请输入动态口令", "totp"}, "failed", "totp_missing");
      }
      auto secret = services.cipher.Decrypt(*user->totp_secret_enc, "users.totp:" + std::to_string(user->id));
      auto key = secret.ok() ? Base32Decode(secret.value()) : std::nullopt;
      auto match = key ? VerifyTotp(*key, in.totp, now_ms / 1000, user->totp_last_step)
                       : Result<TotpMatch>(Error{ErrorCode::kUnauthorized, "动态口令错误或已使用", "totp"});
      if (match.ok()) {
        SetTotpLastStep(sql, tenant, user->id, match.value().step);
      } else {
        totp_failed = true;
        out.totp_required = true;
      }
    }
    if (!password_ok || totp_failed) {
      RecordAttempt(sql, tenant, in.username, false, in.ip);
      std::string window_start =
          FormatUtc(now_ms - static_cast<int64_t>(policy.lockout_window_minutes) * 60000LL);
      if (CountRecentFailures(sql, in.username, window_start) >= policy.lockout_failures) {
        InsertLock(sql, tenant, in.username, FormatUtc(now_ms + lockout_ms));
        ev.before = {{"locked_until", FormatUtc(now_ms + lockout_ms)}};
      }
      if (totp_failed)
        return refuse(401, Error{ErrorCode::kUnauthorized, "动态口令错误或已使用", "totp"}, "failed", "bad_totp");
      return refuse(401, BadCredentials(), "failed", user ? "bad_password" : "unknown_user");
    }
    if (user->locked_by_admin)
      return refuse(403, Error{ErrorCode::kForbidden, "账户已被管理员锁定", "username"}, "denied",
                    "locked_by_admin");

    RecordAttempt(sql, tenant, in.username, true, in.ip);
    out.password_expired =
        user->must_change_password ||
        PasswordExpired(ParseUtcMillis(user->password_changed_at) / 1000, now_ms / 1000, policy.password);
    out.totp_enrol_required = !user->totp_secret_enc && UserRequiresTotp(sql, tenant, user->id);
    out.token = NewToken();
    out.csrf_token = NewToken();
    out.principal = LoadPrincipal(sql, tenant, user->id);
    int64_t sid = InsertSession(sql, tenant, user->id, TokenHash(out.token), out.csrf_token, in.ip,
                                out.password_expired, out.totp_enrol_required);
    SetLastLogin(sql, tenant, user->id);
    ev.result = "ok";
    ev.after = {{"session", sid}, {"password_expired", out.password_expired},
                {"totp_enrol_required", out.totp_enrol_required}};
    audit::Append(sql, ev);
    return out;
  });
  return result.value();
}

http::Principal LoadPrincipal(soci::session& sql, int64_t tenant_id, int64_t user_id) {
  http::Principal p;
  auto user = FindUserById(sql, tenant_id, user_id);
  if (!user || user->locked_by_admin) return p;
  p.username = user->username;
  p.name = user->name;
  p.totp_enabled = user->totp_secret_enc.has_value();
  p.user_id = user_id;
  p.tenant_id = tenant_id;
  p.roles = UserRoles(sql, tenant_id, user_id);
  p.permissions = UserPermissions(sql, tenant_id, user_id);
  auto tenant = FindTenant(sql, tenant_id);
  p.tenant_name = tenant ? tenant->name : "";
  p.scope.home_tenant = tenant_id;
  if (tenant && p.Has(kSubtreeRead)) p.scope.tenants = TenantSubtree(sql, tenant->path);
  else p.scope.tenants = {tenant_id};
  for (const auto& u : UserScopeUnits(sql, tenant_id, user_id)) p.scope.org_paths.push_back(u.path);
  return p;
}

std::optional<http::Principal> Authenticate(Services& services, const http::Request& req) {
  if (req.session_token.empty() || req.session_token.size() > 100) return std::nullopt;
  const Config& cfg = services.config;
  std::string hash = TokenHash(req.session_token);
  struct Found {
    std::optional<http::Principal> principal;
    bool expired = false;
    bool touch = false;
    int64_t tenant = 0, id = 0;
    std::string reason;
  };
  Found found = services.db.Read([&](soci::session& sql) {
    Found f;
    auto s = FindLiveSession(sql, hash);
    if (!s) return f;
    f.tenant = s->tenant_id;
    f.id = s->id;
    SecurityPolicy policy = LoadPolicy(sql, s->tenant_id);
    int64_t idle_ms = cfg.idle_timeout_seconds > 0 ? cfg.idle_timeout_seconds * 1000
                                                    : policy.idle_timeout_minutes * 60000LL;
    int64_t abs_ms = cfg.absolute_timeout_seconds > 0 ? cfg.absolute_timeout_seconds * 1000
                                                       : policy.absolute_timeout_hours * 3600000LL;
    int64_t now = NowUnixMillis();
    int64_t last_seen = ParseUtcMillis(s->last_seen_at);
    if (now - last_seen > idle_ms) {
      f.expired = true;
      f.reason = "idle_timeout";
      return f;
    }
    if (now - ParseUtcMillis(s->created_at) > abs_ms) {
      f.expired = true;
      f.reason = "absolute_timeout";
      return f;
    }
    http::Principal p = LoadPrincipal(sql, s->tenant_id, s->user_id);
    if (p.username.empty()) {  // the user ended or was locked meanwhile
      f.expired = true;
      f.reason = "user_unavailable";
      return f;
    }
    p.session_id = s->id;
    p.csrf_token = s->csrf_token;
    p.password_expired = s->password_expired;
    p.totp_enrol_required = s->totp_enrol;
    f.principal = std::move(p);
    // Recording every request would make each read a write; a coarse last-seen is enough
    // for an idle timeout measured in minutes.
    f.touch = now - last_seen > std::min<int64_t>(60000, idle_ms / 4);
    return f;
  });
  if (found.expired) {
    (void)services.db.Write([&](soci::session& sql) -> Status {
      EndSession(sql, found.tenant, found.id, found.reason);
      return Ok();
    });
    return std::nullopt;
  }
  if (found.touch) {
    (void)services.db.Write([&](soci::session& sql) -> Status {
      TouchSession(sql, found.tenant, found.id);
      return Ok();
    });
  }
  return found.principal;
}

}  // namespace qizhi::platform::auth
