// Router: the route table. Every route states who may call it, so the server checks access
// before any handler runs, and the table itself is data that `qizhi routes`, the OpenAPI test
// and the authorisation matrix enumerate: a new route cannot escape them.
#pragma once
#include <functional>
#include <string>
#include <vector>

#include "platform/http/request.hpp"

namespace qizhi::platform::http {

enum class Access {
  kPublic,      // no session needed (login, health)
  kLoggedIn,    // any session
  kPermission,  // a session holding `permission`
};

using Handler = std::function<Response(Request&)>;

struct Route {
  std::string method;
  std::string pattern;  // "/api/v1/users/{id}/lock"
  Access access = Access::kPermission;
  std::string permission;
  // Callable while the session is restricted: an expired password must be changed first, a
  // required second factor enrolled first; only the routes that do that (and me, logout) are open.
  bool allow_when_password_expired = false;
  bool allow_when_totp_pending = false;
  // For refused writes, which the server audits: what the write would have been.
  std::string audit_action;
  std::string record_type;
  int64_t max_body_bytes = 0;  // 0: the server's default
  Handler handler;
};

class Router {
 public:
  void Add(Route route);
  // The route for method+path, filling params; nullptr if none. `path_known` tells a 405 from a 404.
  const Route* Match(const std::string& method, const std::string& path,
                     std::map<std::string, std::string>& params, bool& path_known) const;
  const std::vector<Route>& routes() const { return routes_; }

 private:
  struct Compiled {
    std::vector<std::string> segments;  // "{id}" marks a parameter
  };
  std::vector<Route> routes_;
  std::vector<Compiled> compiled_;
};

}  // namespace qizhi::platform::http
