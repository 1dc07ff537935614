// Sessions: login (password, lockout, TOTP), the principal behind a session cookie, logout.
// Tokens are 256 random bits, sent once in the cookie and stored only as a SHA-256 hash.
#pragma once
#include <optional>
#include <string>

#include "platform/http/request.hpp"
#include "platform/services.hpp"

namespace qizhi::platform::auth {

std::string NewToken();                              // 32 random bytes, base64url
std::string TokenHash(const std::string& token);     // hex SHA-256

struct LoginInput {
  std::string username;
  std::string password;
  std::string totp;
  std::string ip;
};

struct LoginOutcome {
  int status = 200;           // 200 ok; 401 bad credentials or TOTP; 403 locked
  Errors errors;              // for non-200
  bool totp_required = false;
  std::string token;          // for 200
  std::string csrf_token;
  http::Principal principal;  // for 200: who logged in
  bool password_expired = false;
  bool totp_enrol_required = false;
};

// Checks the credentials, counts failures, locks after too many, records the attempt and an
// audit row, and opens a session on success; all in one transaction.
LoginOutcome Login(Services& services, const LoginInput& in);

// The principal for the request's cookie, or nullopt when there is none, it ended, or it timed
// out (idle or absolute: then it is ended on the server too).
std::optional<http::Principal> Authenticate(Services& services, const http::Request& req);

// Builds the principal of a live session's user (roles, permissions, scope).
http::Principal LoadPrincipal(soci::session& sql, int64_t tenant_id, int64_t user_id);

}  // namespace qizhi::platform::auth
