#include "platform/http/cookies.hpp"

namespace qizhi::platform::http {

std::string SessionCookieName(bool secure) { return secure ? "__Host-qz_session" : "qz_session"; }

std::string SessionCookieHeader(const std::string& token, bool secure) {
  // No Max-Age: a browser session cookie; the server ends sessions on idle and absolute timeouts.
  return SessionCookieName(secure) + "=" + token + "; Path=/; HttpOnly; SameSite=Strict" +
         (secure ? "; Secure" : "");
}

std::string ClearSessionCookieHeader(bool secure) {
  return SessionCookieName(secure) + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "");
}

std::string CookieValue(std::string_view header, std::string_view name) {
  size_t pos = 0;
  while (pos < header.size()) {
    while (pos < header.size() && (header[pos] == ' ' || header[pos] == ';')) ++pos;
    size_t end = header.find(';', pos);
    if (end == std::string_view::npos) end = header.size();
    std::string_view pair = header.substr(pos, end - pos);
    size_t eq = pair.find('=');
    if (eq != std::string_view::npos && pair.substr(0, eq) == name) return std::string(pair.substr(eq + 1));
    pos = end + 1;
  }
  return {};
}

}  // namespace qizhi::platform::http
