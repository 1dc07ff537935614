#include "platform/auth/routes.hpp"

#include "platform/audit/store.hpp"
#include "platform/auth/password.hpp"
#include "platform/auth/session.hpp"
#include "platform/auth/store.hpp"
#include "platform/auth/totp.hpp"
#include "platform/core/clock.hpp"
#include "platform/http/cookies.hpp"
#include "platform/pii/mask.hpp"

namespace qizhi::platform::auth {
using http::JsonResponse;
using http::Request;
using http::Response;

namespace {

nlohmann::json MeBody(Services& s, const http::Principal& who) {
  nlohmann::json roles = nlohmann::json::array();
  for (const auto& r : who.roles) roles.push_back({{"code", r.code}, {"name", r.name}});
  std::string phone;
  // Everyone changing a password needs to see the rules it must meet.
  SecurityPolicy policy = s.db.Read([&](soci::session& sql) {
    auto u = FindUserById(sql, who.tenant_id, who.user_id);
    if (u && u->phone_enc) {
      auto plain = s.cipher.Decrypt(*u->phone_enc, "users.phone:" + u->username);
      if (plain.ok()) phone = pii::MaskPhone(plain.value());
    }
    return LoadPolicy(sql, who.tenant_id);
  });
  return {{"user",
           {{"id", who.user_id},
            {"username", who.username},
            {"name", who.name},
            {"tenant_id", who.tenant_id},
            {"tenant_name", who.tenant_name},
            {"phone", phone}}},
          {"roles", roles},
          {"permissions", who.permissions},
          {"csrf_token", who.csrf_token},
          {"password_expired", who.password_expired},
          {"totp_enabled", who.totp_enabled},
          {"totp_enrol_required", who.totp_enrol_required},
          {"password_policy",
           {{"min_length", policy.password.min_length},
            {"min_classes", policy.password.min_classes},
            {"max_age_days", policy.password.max_age_days}}}};
}

}  // namespace

void RegisterSessionRoutes(http::Router& router, Services& s) {
  router.Add({.method = "POST",
              .pattern = "/api/v1/auth/login",
              .access = http::Access::kPublic,
              .audit_action = "login",
              .record_type = "user",
              .handler = [&s](Request& req) -> Response {
                auto body = req.Json();
                Errors errors;
                LoginInput in{http::JsonText(body, "username", errors), http::JsonText(body, "password", errors),
                              http::JsonText(body, "totp", errors), req.ip};
                if (in.username.empty()) errors.push_back(Invalid("username", "请输入用户名"));
                if (in.password.empty()) errors.push_back(Invalid("password", "请输入密码"));
                if (in.username.size() > 64 || in.password.size() > 256)
                  errors.push_back(Invalid("username", "用户名或密码过长"));
                if (!errors.empty()) return http::Problem(errors);
                LoginOutcome out = Login(s, in);
                if (out.status != 200) {
                  nlohmann::json extra = nlohmann::json::object();
                  if (out.totp_required) extra["totp_required"] = true;
                  Response r = http::Problem(out.errors, extra);
                  r.audited = true;  // Login() wrote the row with the reason
                  return r;
                }
                const auto& who = out.principal;
                Response r = JsonResponse(200, {{"user",
                                                 {{"id", who.user_id},
                                                  {"username", who.username},
                                                  {"name", who.name},
                                                  {"tenant_id", who.tenant_id},
                                                  {"tenant_name", who.tenant_name}}},
                                                {"csrf_token", out.csrf_token},
                                                {"password_expired", out.password_expired},
                                                {"totp_enrol_required", out.totp_enrol_required}});
                r.headers.push_back({"Set-Cookie", http::SessionCookieHeader(out.token, s.secure_cookies)});
                return r;
              }});

  router.Add({.method = "POST",
              .pattern = "/api/v1/auth/logout",
              .access = http::Access::kLoggedIn,
              .allow_when_password_expired = true,
              .allow_when_totp_pending = true,
              .audit_action = "logout",
              .record_type = "session",
              .handler = [&s](Request& req) -> Response {
                const auto& who = req.who();
                (void)s.db.Write([&](soci::session& sql) -> Status {
                  EndSession(sql, who.tenant_id, who.session_id, "logout");
                  auto ev = audit::EventFor(req, "logout", "session", std::to_string(who.session_id));
                  audit::Append(sql, ev);
                  return Ok();
                });
                Response r = http::NoContent();
                r.headers.push_back({"Set-Cookie", http::ClearSessionCookieHeader(s.secure_cookies)});
                return r;
              }});

  router.Add({.method = "GET",
              .pattern = "/api/v1/me",
              .access = http::Access::kLoggedIn,
              .allow_when_password_expired = true,
              .allow_when_totp_pending = true,
              .handler = [&s](Request& req) -> Response { return JsonResponse(200, MeBody(s, req.who())); }});

  router.Add({.method = "POST",
              .pattern = "/api/v1/me/password",
              .access = http::Access::kLoggedIn,
              .allow_when_password_expired = true,
              .audit_action = "change_password",
              .record_type = "user",
              .handler = [&s](Request& req) -> Response {
                auto body = req.Json();
                std::string old_pw = http::JsonTextOrThrow(body, "old_password");
                std::string new_pw = http::JsonTextOrThrow(body, "new_password");
                const auto& who = req.who();
                auto r = s.db.Write([&](soci::session& sql) -> Status {
                  auto user = FindUserById(sql, who.tenant_id, who.user_id);
                  if (!user) return Error{ErrorCode::kUnauthorized, "请先登录", ""};
                  if (old_pw.empty() || !VerifyPassword(user->password_hash, old_pw))
                    return Invalid("old_password", "原密码不正确");
                  SecurityPolicy policy = LoadPolicy(sql, who.tenant_id);
                  Errors errors = CheckPassword(policy.password, new_pw, user->username, "new_password");
                  if (errors.empty() && VerifyPassword(user->password_hash, new_pw))
                    errors.push_back(Invalid("new_password", "新密码不能与当前密码相同"));
                  if (!errors.empty()) return errors;
                  SetUserPassword(sql, who.tenant_id, who.user_id, HashPassword(new_pw), false);
                  ClearSessionRestrictions(sql, who.tenant_id, who.session_id);
                  // Someone who knew the old password loses access now.
                  EndUserSessions(sql, who.tenant_id, who.user_id, who.session_id, "password_changed");
                  audit::Append(sql, audit::EventFor(req, "change_password", "user", std::to_string(who.user_id)));
                  return Ok();
                });
                if (!r.ok()) return http::Problem(r.errors());
                return http::NoContent();
              }});

  router.Add({.method = "POST",
              .pattern = "/api/v1/me/totp/setup",
              .access = http::Access::kLoggedIn,
              .allow_when_totp_pending = true,
              .audit_action = "totp_enrol",
              .record_type = "user",
              .handler = [&s](Request& req) -> Response {
                const auto& who = req.who();
                auto secret = Base32Encode(NewTotpSecret());
                (void)s.db.Write([&](soci::session& sql) -> Status {
                  SetTotpPending(sql, who.tenant_id, who.user_id,
                                 s.cipher.Encrypt(secret, "users.totp:" + std::to_string(who.user_id)));
                  auto ev = audit::EventFor(req, "totp_enrol", "user", std::to_string(who.user_id));
                  ev.after = {{"step", "setup"}};
                  audit::Append(sql, ev);
                  return Ok();
                });
                return JsonResponse(200, {{"secret", secret},
                                          {"otpauth_uri", OtpauthUri("旗帜", who.username, secret)}});
              }});

  router.Add({.method = "POST",
              .pattern = "/api/v1/me/totp/confirm",
              .access = http::Access::kLoggedIn,
              .allow_when_totp_pending = true,
              .audit_action = "totp_enrol",
              .record_type = "user",
              .handler = [&s](Request& req) -> Response {
                auto body = req.Json();
                std::string code = http::JsonTextOrThrow(body, "code");
                const auto& who = req.who();
                auto r = s.db.Write([&](soci::session& sql) -> Status {
                  auto user = FindUserById(sql, who.tenant_id, who.user_id);
                  if (!user || !user->totp_pending_enc) return Invalid("code", "请先生成动态口令密钥");
                  std::string ad = "users.totp:" + std::to_string(who.user_id);
                  auto secret = s.cipher.Decrypt(*user->totp_pending_enc, ad);
                  auto key = secret.ok() ? Base32Decode(secret.value()) : std::nullopt;
                  if (!key) return Invalid("code", "动态口令密钥无效，请重新生成");
                  auto match = VerifyTotp(*key, code, NowUnix(), 0);
                  if (!match.ok()) return Invalid("code", "动态口令不正确，请核对手机上的 6 位数字");
                  ConfirmTotp(sql, who.tenant_id, who.user_id, *user->totp_pending_enc, match.value().step);
                  if (!who.password_expired) ClearSessionRestrictions(sql, who.tenant_id, who.session_id);
                  auto ev = audit::EventFor(req, "totp_enrol", "user", std::to_string(who.user_id));
                  ev.after = {{"step", "confirmed"}};
                  audit::Append(sql, ev);
                  return Ok();
                });
                if (!r.ok()) return http::Problem(r.errors());
                return http::NoContent();
              }});
}

}  // namespace qizhi::platform::auth
