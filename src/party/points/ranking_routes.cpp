// The year's points: the ranking of the members of the caller's scope (overall under `org`, with
// each member's rank in their own 支部), a member's detail with every event and why it counted
// what it did, and 我的积分 — the same detail for the member the caller's account is tied to.
#include <algorithm>

#include "party/members/store.hpp"
#include "party/points/routes.hpp"
#include "party/points/standings.hpp"
#include "platform/core/clock.hpp"

namespace qizhi::party::points {
namespace http = platform::http;
using http::JsonResponse;
using http::Request;
using http::Response;

namespace {

nlohmann::json StandingJson(const Standing& s) {
  return {{"member_id", s.member.id},
          {"tenant_id", s.member.tenant_id},
          {"name", s.member.name},
          {"unit_id", s.member.unit_id},
          {"unit_name", s.member.unit_name},
          {"points", s.points},
          {"earned", s.earned},
          {"deducted", s.deducted},
          {"events", s.events},
          {"rank", s.rank},
          {"branch_rank", s.branch_rank},
          {"branch_size", s.branch_size}};
}

nlohmann::json EventJson(const AwardedEvent& a) {
  const Action* action = FindAction(a.event.action);
  return {{"date", a.event.date},
          {"action", a.event.action},
          {"action_title", action ? action->title : a.event.action},
          {"rule_name", http::TextOrNull(a.rule_name)},
          {"detail", a.event.detail},
          {"source", a.event.source},
          {"source_id", a.event.source_id},
          {"base", a.base},
          {"points", a.points},
          {"capped", a.points != a.base},
          {"reason", http::TextOrNull(a.reason)}};
}

// A member's year: totals, ranks in the hospital and in the 支部, points per action, every event.
nlohmann::json Detail(soci::session& sql, int64_t tenant, int64_t member_id, int year) {
  const std::string today = TodayShanghai();
  auto y = ComputeYear(sql, WholeTenant(tenant), std::nullopt, year, today, member_id);
  auto it = std::find_if(y.standings.begin(), y.standings.end(), [&](const Standing& s) { return s.member.id == member_id; });
  nlohmann::json by_action = nlohmann::json::array();
  for (const auto& a : Actions()) {
    int64_t points = 0;
    int n = 0;
    for (const auto& e : y.events)
      if (e.event.action == a.code) points += e.points, ++n;
    if (n > 0) by_action.push_back({{"action", a.code}, {"title", a.title}, {"points", points}, {"events", n}});
  }
  nlohmann::json items = nlohmann::json::array();
  for (const auto& e : y.events) items.push_back(EventJson(e));
  nlohmann::json out = it == y.standings.end() ? nlohmann::json{{"member_id", member_id}, {"points", 0}}
                                               : StandingJson(*it);
  out["year"] = year;
  out["ranked"] = y.standings.size();
  out["by_action"] = by_action;
  out["items"] = items;
  out["total"] = items.size();
  return out;
}

}  // namespace

void RegisterRankingRoutes(http::Router& router, platform::Services& s) {
  router.Add({.method = "GET",
              .pattern = "/api/v1/points/ranking",
              .permission = "party:points:list",
              .handler = [&s](Request& req) -> Response {
                auto p = http::ParseListParams(req, {"rank", "name", "points", "unit"}, "rank");
                return http::JsonOrProblem(s.db.Read([&](soci::session& sql) -> Result<nlohmann::json> {
                  const std::string today = TodayShanghai();
                  auto f = ParseRankingFilter(sql, req.who().scope, req.query, today);
                  if (!f.ok()) return f.errors();
                  auto list = Ranking(sql, req.who().scope, f.value(), today);
                  // Rank order is the points order; name and unit sort within equal keys by rank.
                  auto key = [&](const Standing& a, const Standing& b) {
                    if (p.sort_field == "name" && a.member.name != b.member.name) return a.member.name < b.member.name;
                    if (p.sort_field == "unit" && a.member.unit_name != b.member.unit_name)
                      return a.member.unit_name < b.member.unit_name;
                    if (p.sort_field == "points" && a.points != b.points) return a.points < b.points;
                    return a.rank != b.rank ? a.rank < b.rank : a.member.id < b.member.id;
                  };
                  std::stable_sort(list.begin(), list.end(), key);
                  if (p.sort_desc) std::reverse(list.begin(), list.end());
                  nlohmann::json items = nlohmann::json::array();
                  const int64_t total = static_cast<int64_t>(list.size());
                  for (int64_t i = p.Offset(); i < total && i < p.Offset() + p.size; ++i) items.push_back(StandingJson(list[i]));
                  auto body = http::ListBody(items, total, p);
                  body["year"] = f.value().year;
                  return body;
                }));
              }});

  router.Add({.method = "GET",
              .pattern = "/api/v1/points/members/{id}",
              .permission = "party:points:list",
              .handler = [&s](Request& req) -> Response {
                const int64_t id = req.IdParam();
                return http::JsonOrProblem(s.db.Read([&](soci::session& sql) -> Result<nlohmann::json> {
                  auto m = members::FindMember(sql, req.who().scope, id);
                  if (!m) return Error{ErrorCode::kNotFound, "党员不存在或不在您的管理范围内", "id"};
                  auto year = ParseYear(req.Query("year"), TodayShanghai());
                  if (!year.ok()) return year.errors();
                  auto out = Detail(sql, m->tenant_id, id, year.value());
                  out["name"] = m->name;
                  return out;
                }));
              }});

  router.Add({.method = "GET",
              .pattern = "/api/v1/me/points",
              .permission = "party:points:own",
              .handler = [&s](Request& req) -> Response {
                return http::JsonOrProblem(s.db.Read([&](soci::session& sql) -> Result<nlohmann::json> {
                  const int64_t tenant = req.who().scope.home_tenant;
                  auto member_id = LinkedMember(sql, tenant, req.who().user_id);
                  std::optional<members::MemberRecord> m;
                  if (member_id) m = members::FindMember(sql, WholeTenant(tenant), *member_id);
                  if (!m) return Error{ErrorCode::kNotFound, "您的账号未关联党员档案，请联系党委办公室", "member"};
                  auto year = ParseYear(req.Query("year"), TodayShanghai());
                  if (!year.ok()) return year.errors();
                  auto out = Detail(sql, tenant, m->id, year.value());
                  out["name"] = m->name;
                  return out;
                }));
              }});
}

}  // namespace qizhi::party::points
