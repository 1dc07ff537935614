// GET /api/v1/outreach/leaders: 分片负责 by leader — each hospital leader with the teams they lead
// today, those teams' villages and the households and persons registered there. A caller without
// health:scope:all sees the leaders of their own teams only.
#include <map>

#include "health/outreach/team_routes_internal.hpp"

namespace qizhi::health::outreach {
namespace http = platform::http;
using http::Request;
using http::Response;

namespace {

// Teams per call: a hospital has a handful; the cap keeps a committee reading many hospitals bounded.
constexpr int64_t kMaxTeams = 2000;

}  // namespace

void RegisterLeaderRoutes(http::Router& router, platform::Services& s) {
  router.Add({.method = "GET",
              .pattern = "/api/v1/outreach/leaders",
              .permission = "health:outreach:list",
              .handler = [&s](Request& req) -> Response {
                const TeamReader r = ReaderOf(req);
                return s.db.Read([&](soci::session& sql) -> Response {
                  TeamFilter f;
                  auto teams = ListTeams(sql, r, f, "id", false, 0, kMaxTeams);  // leaders in the order their first team was set up
                  // A leader is their login when the team names one, else their name in the hospital.
                  std::map<std::string, nlohmann::json> leaders;
                  std::vector<std::string> order;
                  for (const auto& t : teams) {
                    const std::string key = std::to_string(t.tenant_id) + ":" +
                                            (t.leader_user_id ? "u" + std::to_string(*t.leader_user_id) : "n" + t.leader_name);
                    auto [it, fresh] = leaders.try_emplace(key);
                    nlohmann::json& l = it->second;
                    if (fresh) {
                      order.push_back(key);
                      l = {{"tenant_id", t.tenant_id},
                           {"leader_user_id", http::ValueOrNull(t.leader_user_id)},
                           {"leader_name", t.leader_name},
                           {"leader_post", http::TextOrNull(t.leader_post)},
                           {"teams", nlohmann::json::array()},
                           {"villages", 0},
                           {"households", 0},
                           {"persons", 0}};
                    }
                    auto team = TeamJson(t, MembersOf(sql, t.tenant_id, {t.id}, true, r.today),
                                         VillagesOf(sql, t.tenant_id, {t.id}, true, r.today), r.today);
                    team.erase("members");
                    l["villages"] = l["villages"].get<int64_t>() + static_cast<int64_t>(team["villages"].size());
                    l["households"] = l["households"].get<int64_t>() + team["households"].get<int64_t>();
                    l["persons"] = l["persons"].get<int64_t>() + team["persons"].get<int64_t>();
                    l["teams"].push_back(team);
                  }
                  nlohmann::json items = nlohmann::json::array();
                  for (const auto& k : order) items.push_back(leaders[k]);
                  return http::JsonResponse(200, {{"items", items}, {"total", items.size()}});
                });
              }});
}

}  // namespace qizhi::health::outreach
