// The session cookie. Over TLS (server.public_origin is https) it is `__Host-qz_session` with
// Secure, which browsers accept only from a secure origin, on path /, without Domain.
#pragma once
#include <string>
#include <string_view>

namespace qizhi::platform::http {

std::string SessionCookieName(bool secure);
std::string SessionCookieHeader(const std::string& token, bool secure);  // Set-Cookie value
std::string ClearSessionCookieHeader(bool secure);
// The value of cookie `name` in a Cookie header, empty if absent.
std::string CookieValue(std::string_view cookie_header, std::string_view name);

}  // namespace qizhi::platform::http
