// Fuzz target: the route table (platform/http/router.cpp) and the query string of list routes, as
// Server's worker sees a request: the method, the path, the raw query.
//
// Input: "METHOD TARGET", TARGET being path[?query] (any bytes; the first ' ' splits). The table
// is the real one as `qizhi routes` prints it (kRoutes below; refresh it from
// `build/debug/qizhi routes` when routes change). The query goes the server's way: '+' → "%20",
// restinio::try_parse_query<relaxed> (header only), then ParseListParams (request.cpp) and
// PageInMemory.
//
// Checks: Match finds a route exactly when one of the method's patterns fits the path (compared
// here by a matcher of its own), the most literal one, with every {param} filled (non-empty, no
// '/') so that the pattern with its parameters substituted is the path again; path_known tells
// 405 from 404 as Server::Dispatch answers; IdParam is a positive id or HttpError 404; list
// parameters are in range or HttpError 400 on page/size/sort; nothing else is thrown (a 500).
#include <cstddef>
#include <cstdint>
#include <exception>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <restinio/uri_helpers.hpp>

#include "fuzz_support.hpp"
#include "platform/http/request.hpp"
#include "platform/http/router.hpp"

namespace {

using namespace qizhi;
using namespace qizhi::fuzz;
using namespace qizhi::platform::http;

struct RouteLine {
  const char* method;
  const char* pattern;
  const char* access;  // public | logged-in | the permission(s)
};

// `qizhi routes` on 2026-11-24.
constexpr RouteLine kRoutes[] = {
    {"POST", "/api/v1/auth/login", "public"},
    {"POST", "/api/v1/auth/logout", "logged-in"},
    {"GET", "/api/v1/me", "logged-in"},
    {"POST", "/api/v1/me/password", "logged-in"},
    {"POST", "/api/v1/me/totp/setup", "logged-in"},
    {"POST", "/api/v1/me/totp/confirm", "logged-in"},
    {"GET", "/api/v1/users", "system:user:list|security:user:assign"},
    {"POST", "/api/v1/users", "system:user:add"},
    {"PATCH", "/api/v1/users/{id}", "system:user:edit"},
    {"POST", "/api/v1/users/{id}/lock", "system:user:lock"},
    {"POST", "/api/v1/users/{id}/unlock", "system:user:lock"},
    {"POST", "/api/v1/users/{id}/password", "system:user:reset-password"},
    {"GET", "/api/v1/users/{id}/phone", "system:user:pii"},
    {"GET", "/api/v1/permissions", "security:role:list"},
    {"GET", "/api/v1/roles", "security:role:list"},
    {"POST", "/api/v1/roles", "security:role:edit"},
    {"PATCH", "/api/v1/roles/{id}", "security:role:edit"},
    {"PUT", "/api/v1/users/{id}/roles", "security:user:assign"},
    {"GET", "/api/v1/policy", "security:policy:view"},
    {"PUT", "/api/v1/policy", "security:policy:edit"},
    {"GET", "/api/v1/audit", "audit:log:list"},
    {"GET", "/api/v1/audit/verify", "audit:log:verify"},
    {"GET", "/api/v1/org/tree", "party:org:list"},
    {"GET", "/api/v1/org/units", "party:org:list|security:user:assign"},
    {"GET", "/api/v1/org/units/{id}", "party:org:list"},
    {"POST", "/api/v1/org/units", "party:org:edit"},
    {"PUT", "/api/v1/org/units/{id}", "party:org:edit"},
    {"POST", "/api/v1/org/units/{id}/end", "party:org:edit"},
    {"POST", "/api/v1/org/units/{id}/committees", "party:org:edit"},
    {"GET", "/api/v1/members", "party:member:list"},
    {"GET", "/api/v1/members/{id}", "party:member:list"},
    {"GET", "/api/v1/members/{id}/pii", "party:member:pii"},
    {"POST", "/api/v1/members", "party:member:add"},
    {"PUT", "/api/v1/members/{id}", "party:member:edit"},
    {"POST", "/api/v1/members/{id}/posts", "party:member:edit"},
    {"POST", "/api/v1/members/{id}/posts/{post_id}/end", "party:member:edit"},
    {"POST", "/api/v1/members/{id}/dual-appointments", "party:member:edit"},
    {"POST", "/api/v1/members/{id}/dual-appointments/{dual_id}/end", "party:member:edit"},
    {"POST", "/api/v1/members/{id}/rewards", "party:member:edit"},
    {"POST", "/api/v1/members/{id}/family", "party:member:edit"},
    {"POST", "/api/v1/members/{id}/family/{family_id}/end", "party:member:edit"},
    {"POST", "/api/v1/members/{id}/transfers", "party:member:transfer"},
    {"POST", "/api/v1/members/{id}/leave", "party:member:transfer"},
    {"GET", "/api/v1/members/export", "party:member:export"},
    {"POST", "/api/v1/members/import/preview", "party:member:import"},
    {"POST", "/api/v1/members/import", "party:member:import"},
    {"POST", "/api/v1/study/xuexi/import/preview", "party:study:import"},
    {"POST", "/api/v1/study/xuexi/import", "party:study:import"},
    {"GET", "/api/v1/study/xuexi", "party:life:list"},
    {"GET", "/api/v1/study/xuexi/imports", "party:life:list"},
    {"GET", "/api/v1/development/candidates", "party:development:list"},
    {"GET", "/api/v1/development/candidates/{id}", "party:development:list"},
    {"POST", "/api/v1/development/candidates", "party:development:edit"},
    {"PUT", "/api/v1/development/candidates/{id}", "party:development:edit"},
    {"POST", "/api/v1/development/candidates/{id}/records", "party:development:edit"},
    {"PUT", "/api/v1/development/candidates/{id}/records/{record_id}", "party:development:edit"},
    {"GET", "/api/v1/development/violations", "party:development:list"},
    {"GET", "/api/v1/development/due", "party:development:list"},
    {"GET", "/api/v1/development/steps", "party:development:list"},
    {"GET", "/api/v1/jobs/{id}", "logged-in"},
    {"GET", "/api/v1/scoring/checklists", "party:scoring:list"},
    {"GET", "/api/v1/scoring/checklists/{id}", "party:scoring:list"},
    {"POST", "/api/v1/scoring/checklists", "party:scoring:config"},
    {"GET", "/api/v1/scoring/inspections", "party:scoring:list"},
    {"GET", "/api/v1/scoring/inspections/{id}", "party:scoring:list"},
    {"POST", "/api/v1/scoring/inspections", "party:scoring:edit"},
    {"POST", "/api/v1/scoring/inspections/{id}/void", "party:scoring:edit"},
    {"GET", "/api/v1/scoring/assessment", "party:scoring:list"},
    {"PUT", "/api/v1/scoring/weights", "party:scoring:config"},
    {"POST", "/api/v1/scoring/assessment/finalise", "party:scoring:config"},
    {"GET", "/api/v1/commendations", "party:scoring:list"},
    {"GET", "/api/v1/commendations/{id}", "party:scoring:list"},
    {"POST", "/api/v1/commendations", "party:commendation:edit"},
    {"POST", "/api/v1/commendations/{id}/revoke", "party:commendation:edit"},
    {"GET", "/api/v1/registry/households", "health:registry:list"},
    {"GET", "/api/v1/registry/households/{id}", "health:registry:list"},
    {"GET", "/api/v1/registry/households/{id}/pii", "health:registry:pii"},
    {"POST", "/api/v1/registry/households", "health:registry:edit"},
    {"PUT", "/api/v1/registry/households/{id}", "health:registry:edit"},
    {"POST", "/api/v1/registry/households/{id}/close", "health:registry:edit"},
    {"POST", "/api/v1/registry/households/{id}/persons", "health:registry:edit"},
    {"GET", "/api/v1/registry/persons", "health:registry:list"},
    {"GET", "/api/v1/registry/persons/export", "health:registry:export"},
    {"GET", "/api/v1/registry/persons/{id}", "health:registry:list"},
    {"GET", "/api/v1/registry/persons/{id}/pii", "health:registry:pii"},
    {"PUT", "/api/v1/registry/persons/{id}", "health:registry:edit"},
    {"POST", "/api/v1/registry/persons/{id}/leave", "health:registry:edit"},
    {"GET", "/api/v1/registry/import/template", "health:registry:import"},
    {"POST", "/api/v1/registry/import/preview", "health:registry:import"},
    {"POST", "/api/v1/registry/import", "health:registry:import"},
    {"GET", "/api/v1/figures", "figures:view"},
    {"GET", "/api/v1/figures/{name}", "figures:view"},
    {"GET", "/api/v1/meetings", "party:life:list"},
    {"GET", "/api/v1/meetings/{id}", "party:life:list"},
    {"POST", "/api/v1/meetings", "party:life:edit"},
    {"PUT", "/api/v1/meetings/{id}", "party:life:edit"},
    {"POST", "/api/v1/meetings/{id}/cancel", "party:life:edit"},
    {"GET", "/api/v1/life/overdue", "party:life:list"},
    {"GET", "/api/v1/life/due", "party:life:list"},
    {"GET", "/api/v1/life/roll", "party:life:list"},
    {"GET", "/api/v1/life/ledger", "party:life:list"},
    {"GET", "/api/v1/life/ledger/export", "party:life:list"},
    {"GET", "/api/v1/life/calendar", "party:life:list"},
    {"GET", "/api/v1/life/cadence-rules", "party:life:list"},
    {"PUT", "/api/v1/life/cadence-rules", "party:life:rules"},
    {"GET", "/api/v1/members/{id}/attendance", "party:life:list"},
    {"GET", "/api/v1/points/rules", "party:points:list|party:points:own"},
    {"POST", "/api/v1/points/rules", "party:points:rules"},
    {"POST", "/api/v1/points/entries", "party:points:edit"},
    {"GET", "/api/v1/points/entries", "party:points:list"},
    {"POST", "/api/v1/points/entries/{id}/approve", "party:points:approve"},
    {"POST", "/api/v1/points/entries/{id}/reject", "party:points:approve"},
    {"GET", "/api/v1/points/ranking", "party:points:list"},
    {"GET", "/api/v1/points/members/{id}", "party:points:list"},
    {"GET", "/api/v1/me/points", "party:points:own"},
    {"GET", "/api/v1/integrity/post-classes", "party:integrity:list"},
    {"PUT", "/api/v1/integrity/post-classes", "party:integrity:edit"},
    {"GET", "/api/v1/integrity/pledges", "party:integrity:list"},
    {"POST", "/api/v1/integrity/pledges", "party:integrity:edit"},
    {"GET", "/api/v1/integrity/pledges/{id}", "party:integrity:list"},
    {"POST", "/api/v1/integrity/pledges/{id}/void", "party:integrity:edit"},
    {"GET", "/api/v1/integrity/self-check-items", "party:integrity:list"},
    {"GET", "/api/v1/integrity/self-checks", "party:integrity:list"},
    {"POST", "/api/v1/integrity/self-checks", "party:integrity:edit"},
    {"GET", "/api/v1/integrity/self-checks/{id}", "party:integrity:list"},
    {"POST", "/api/v1/meetings/{id}/attachments", "party:life:edit"},
    {"GET", "/api/v1/meetings/{id}/attachments", "party:life:list"},
    {"GET", "/api/v1/meetings/{id}/attachments/{attachment_id}", "party:life:list"},
    {"GET", "/api/v1/life/plans", "party:life:list"},
    {"GET", "/api/v1/life/plans/{id}", "party:life:list"},
    {"POST", "/api/v1/life/plans", "party:life:edit"},
    {"PUT", "/api/v1/life/plans/{id}", "party:life:edit"},
    {"POST", "/api/v1/life/plans/{id}/cancel", "party:life:edit"},
    {"GET", "/api/v1/dues/pay-items", "party:dues:list"},
    {"PUT", "/api/v1/dues/pay-items", "party:dues:config"},
    {"GET", "/api/v1/dues/bases", "party:dues:list"},
    {"POST", "/api/v1/dues/bases", "party:dues:edit"},
    {"POST", "/api/v1/dues/generate", "party:dues:edit"},
    {"POST", "/api/v1/dues/members/{id}/months/{month}/correct", "party:dues:edit"},
    {"GET", "/api/v1/dues/payments", "party:dues:list"},
    {"GET", "/api/v1/dues/payments/{id}", "party:dues:list"},
    {"POST", "/api/v1/dues/payments", "party:dues:edit"},
    {"POST", "/api/v1/dues/payments/{id}/void", "party:dues:edit"},
    {"GET", "/api/v1/dues/members/{id}/ledger", "party:dues:list"},
    {"GET", "/api/v1/dues/arrears", "party:dues:list"},
    {"POST", "/api/v1/dues/members/{id}/unpaid-reason", "party:dues:edit"},
    {"GET", "/api/v1/dues/totals", "party:dues:list"},
    {"GET", "/api/v1/dues/ledger/export", "party:dues:list"},
    {"GET", "/api/v1/visits", "health:visit:list"},
    {"GET", "/api/v1/visits/offline-bundle", "health:visit:list"},
    {"GET", "/api/v1/visits/form/{household_id}", "health:visit:list"},
    {"GET", "/api/v1/visits/{id}", "health:visit:list"},
    {"POST", "/api/v1/visits", "health:visit:edit"},
    {"POST", "/api/v1/visits/{id}/void", "health:visit:edit"},
    {"POST", "/api/v1/visits/{id}/photo", "health:visit:edit"},
    {"GET", "/api/v1/visits/{id}/photo", "health:visit:list"},
    {"GET", "/api/v1/service-items", "health:visit:list"},
    {"POST", "/api/v1/service-items", "health:visit:edit"},
    {"POST", "/api/v1/service-items/{id}/status", "health:visit:edit"},
    {"GET", "/api/v1/service-items/{id}/history", "health:visit:list"},
    {"GET", "/api/v1/visit-plans", "health:visit:list"},
    {"GET", "/api/v1/visit-plans/{id}", "health:visit:list"},
    {"POST", "/api/v1/visit-plans", "health:visit:edit"},
    {"POST", "/api/v1/visit-plans/{id}/cancel", "health:visit:edit"},
    {"GET", "/api/v1/coverage", "health:visit:list"},
    {"GET", "/api/v1/coverage/households", "health:visit:list"},
    {"GET", "/api/v1/coverage/persons", "health:visit:list"},
    {"GET", "/api/v1/coverage/export", "health:visit:list"},
    {"GET", "/api/v1/divisions", "health:registry:list|health:outreach:list|health:visit:list"},
    {"GET", "/api/v1/divisions/{code}", "health:registry:list|health:outreach:list|health:visit:list"},
    {"GET", "/api/v1/outreach/teams", "health:outreach:list"},
    {"GET", "/api/v1/outreach/teams/{id}", "health:outreach:list"},
    {"POST", "/api/v1/outreach/teams", "health:outreach:edit"},
    {"PUT", "/api/v1/outreach/teams/{id}", "health:outreach:edit"},
    {"POST", "/api/v1/outreach/teams/{id}/end", "health:outreach:edit"},
    {"POST", "/api/v1/outreach/teams/{id}/members", "health:outreach:edit"},
    {"POST", "/api/v1/outreach/teams/{id}/members/{member}/leave", "health:outreach:edit"},
    {"POST", "/api/v1/outreach/teams/{id}/villages", "health:outreach:edit"},
    {"POST", "/api/v1/outreach/teams/{id}/villages/{village}/end", "health:outreach:edit"},
    {"GET", "/api/v1/outreach/leaders", "health:outreach:list"},
    {"GET", "/api/v1/outreach/pairings", "health:outreach:list"},
    {"POST", "/api/v1/outreach/pairings", "health:outreach:edit"},
    {"POST", "/api/v1/outreach/pairings/{id}/end", "health:outreach:edit"},
};

const Router& TheRouter() {
  static const Router router = [] {
    Router r;
    for (const auto& line : kRoutes) {
      Route route;
      route.method = line.method;
      route.pattern = line.pattern;
      const std::string_view access = line.access;
      route.access = access == "public" ? Access::kPublic : access == "logged-in" ? Access::kLoggedIn : Access::kPermission;
      if (route.access == Access::kPermission) route.permission = line.access;
      route.handler = [](Request&) { return NoContent(); };
      r.Add(std::move(route));
    }
    return r;
  }();
  return router;
}

// "/a/b" → {"a", "b"}; "/" → {""}; written apart from router.cpp's Split, on string_view.
std::vector<std::string_view> Segments(std::string_view path) {
  std::vector<std::string_view> out;
  if (path.empty()) return out;
  std::string_view rest = path.substr(1);
  for (;;) {
    const auto slash = rest.find('/');
    out.push_back(rest.substr(0, slash));
    if (slash == std::string_view::npos) break;
    rest.remove_prefix(slash + 1);
  }
  return out;
}

bool IsParam(std::string_view seg) { return seg.size() > 2 && seg.front() == '{' && seg.back() == '}'; }

// Literal segments of `pattern` if it fits `path`, -1 otherwise.
int Fit(std::string_view pattern, std::string_view path) {
  const auto pat = Segments(pattern);
  const auto segs = Segments(path);
  if (pat.size() != segs.size()) return -1;
  int literals = 0;
  for (std::size_t k = 0; k < pat.size(); ++k) {
    if (IsParam(pat[k])) {
      if (segs[k].empty()) return -1;
    } else if (pat[k] != segs[k]) {
      return -1;
    } else {
      ++literals;
    }
  }
  return literals;
}

std::string Substitute(std::string_view pattern, const std::map<std::string, std::string>& params) {
  std::string out;
  for (const auto seg : Segments(pattern)) {
    out += '/';
    if (IsParam(seg)) {
      const auto it = params.find(std::string(seg.substr(1, seg.size() - 2)));
      out += it == params.end() ? std::string("<missing>") : it->second;
    } else {
      out += seg;
    }
  }
  return out;
}

void CheckMatch(Request& req) {
  bool path_known = false;
  const Route* route = TheRouter().Match(req.method, req.path, req.params, path_known);
  // A target that is not an absolute path ("*api/v1/me", "-api/…") matches nothing: once it
  // reached GET /api/v1/me without the no-store header (regression seed in the corpus).
  if (req.path.front() != '/') {
    QZ_CHECK(route == nullptr && !path_known, "relative target matched: " + req.path);
    return;
  }

  bool any_fit = false;
  int best = -1;
  for (const auto& line : kRoutes) {
    const int fit = Fit(line.pattern, req.path);
    if (fit < 0) continue;
    any_fit = true;
    const bool method_ok = req.method == line.method || (req.method == "HEAD" && std::string_view(line.method) == "GET");
    if (method_ok && fit > best) best = fit;
  }
  QZ_CHECK(path_known == any_fit, req.path);
  QZ_CHECK((route != nullptr) == (best >= 0), req.method + " " + req.path);
  if (route == nullptr) {
    // Server::Dispatch: 405 when the path exists for another method, else 404; both 4xx.
    return;
  }
  QZ_CHECK(Fit(route->pattern, req.path) == best, route->pattern);
  QZ_CHECK(route->method == req.method || (req.method == "HEAD" && route->method == "GET"), route->method);
  for (const auto& [name, value] : req.params) {
    QZ_CHECK(!value.empty() && value.find('/') == std::string::npos, name + "=" + value);
  }
  QZ_CHECK(Substitute(route->pattern, req.params) == req.path, route->pattern + " vs " + req.path);

  for (const auto& [name, value] : req.params) {
    try {
      const int64_t id = req.IdParam(name);
      QZ_CHECK(id > 0 && std::to_string(id) == std::string(value.find_first_not_of('0') == std::string::npos
                                                               ? value
                                                               : value.substr(value.find_first_not_of('0'))),
               value);
    } catch (const HttpError& e) {
      QZ_CHECK(e.code() == ErrorCode::kNotFound, e.what());
      CheckUserErrors(e.errors(), ErrorCode::kNotFound);
    }
  }
}

void CheckListParams(const Request& req) {
  const std::vector<std::string> sortable = {"name", "joined_on", "id"};
  try {
    const ListParams p = ParseListParams(req, sortable, "name");
    QZ_CHECK(p.page >= 1 && p.page <= 100'000'000, std::to_string(p.page));
    QZ_CHECK(p.size >= 1 && p.size <= 200, std::to_string(p.size));
    QZ_CHECK(p.Offset() >= 0, std::to_string(p.Offset()));
    QZ_CHECK(p.sort_field == "name" || p.sort_field == "joined_on" || p.sort_field == "id", p.sort_field);
    nlohmann::json items = nlohmann::json::array();
    for (int i = 0; i < 5; ++i) items.push_back({{"name", std::string(1, static_cast<char>('e' - i))}, {"joined_on", "2020-01-0" + std::to_string(i + 1)}, {"id", i}});
    const auto page = PageInMemory(items, p);
    QZ_CHECK(page["total"] == 5 && page["items"].size() <= 5, page.dump());
  } catch (const HttpError& e) {
    QZ_CHECK(e.code() == ErrorCode::kInvalid, e.what());
    CheckUserErrors(e.errors());
    for (const auto& err : e.errors()) {
      QZ_CHECK(err.field == "page" || err.field == "size" || err.field == "sort", err.field);
    }
    QZ_CHECK(Problem(e.errors()).status == 400, e.what());
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const auto space = input.find(' ');
  const std::string_view target = space == std::string_view::npos ? std::string_view() : input.substr(space + 1);
  const auto question = target.find('?');

  Request req;
  req.method = std::string(input.substr(0, space));
  const std::string_view path = target.substr(0, question);
  req.path = std::string(path.empty() ? "/" : path);
  try {
    CheckMatch(req);

    std::string raw_query(question == std::string_view::npos ? std::string_view() : target.substr(question + 1));
    for (size_t pos = raw_query.find('+'); pos != std::string::npos; pos = raw_query.find('+', pos))
      raw_query.replace(pos, 1, "%20");
    auto query = restinio::try_parse_query<restinio::parse_query_traits::relaxed>(raw_query);
    if (!query) return 0;  // Server answers 400 "查询参数格式错误"
    for (const auto& [k, v] : *query) req.query[std::string(k)] = std::string(v);
    CheckListParams(req);
  } catch (const std::exception& e) {
    Fail(__FILE__, __LINE__, "an exception that would be a 500", e.what());
  }
  return 0;
}
