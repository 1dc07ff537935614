// A team's members (by role, optionally tied to a login — whose VillageScope then is the team's
// villages — and/or a Party member; leaving with a date) and its villages (分片负责: assigning
// from a date, reassigning a village another team holds, unassigning with a date).
#include <algorithm>

#include "health/outreach/team_routes_internal.hpp"
#include "health/registry/village_scope.hpp"
#include "platform/audit/store.hpp"
#include "platform/core/clock.hpp"

namespace qizhi::health::outreach {
namespace http = platform::http;
namespace audit = platform::audit;
using http::Request;
using http::Response;

namespace {

Error MemberNotFound() { return Error{ErrorCode::kNotFound, "队员不存在", "member"}; }
Error VillageRowNotFound() { return Error{ErrorCode::kNotFound, "该队没有这条负责记录", "village"}; }

// A team still serving: members and villages are added to teams that have not ended.
std::optional<Error> Ended(const Team& t) {
  if (t.ended_on.empty()) return std::nullopt;
  return Error{ErrorCode::kConflict, "该队已于 " + t.ended_on + " 撤销", "id"};
}

bool IsVillageCode(const std::string& code) {
  return code.size() == 12 && code.find_first_not_of("0123456789") == std::string::npos;
}

Response AfterWrite(soci::session& sql, const TeamReader& w, int64_t team_id) {
  return http::JsonResponse(200, TeamDetail(sql, *FindTeam(sql, w, team_id), w.today));
}

}  // namespace

void RegisterTeamMemberRoutes(http::Router& router, platform::Services& s) {
  router.Add({.method = "POST",
              .pattern = "/api/v1/outreach/teams/{id}/members",
              .permission = "health:outreach:edit",
              .audit_action = "add_member",
              .record_type = "outreach_team",
              .handler = [&s](Request& req) -> Response {
                const int64_t id = req.IdParam();
                auto body = req.Json();
                Errors errors;
                TeamMember m;
                m.team_id = id;
                m.role = http::JsonText(body, "role", errors);
                if (m.role.empty()) errors.push_back(Invalid("role", "请选择队员角色"));
                else if (!IsTeamRole(m.role))
                  errors.push_back(Invalid("role", "队员角色应为乡村医生、公卫人员、临床医生、护理人员或其他"));
                m.name = JsonLimited(body, "name", "队员姓名", 30, errors);
                m.user_id = JsonOptId(body, "user_id", "登录账号", errors);
                const std::string username = JsonLimited(body, "username", "登录账号", 64, errors);
                m.member_id = JsonOptId(body, "member_id", "党员", errors);
                auto joined = RequiredDate(http::JsonText(body, "joined_on", errors), "joined_on", "入队日期");
                if (!joined.ok()) errors.push_back(joined.error());
                else m.joined_on = FormatDate(joined.value());
                const TeamReader w = WriterOf(req);
                Response out;
                auto r = s.db.Write([&](soci::session& sql) -> Status {
                  auto t = FindTeam(sql, w, id);
                  if (!t) return TeamNotFound();
                  if (!username.empty() && !m.user_id) {
                    auto u = UserByUsername(sql, t->tenant_id, username);
                    if (!u) errors.push_back(Invalid("username", "没有这个登录账号：" + username));
                    else m.user_id = u->first;
                  }
                  if (m.user_id) {
                    auto name = UserName(sql, t->tenant_id, *m.user_id);
                    if (!name) errors.push_back(Invalid("user_id", "登录账号不存在"));
                    else if (m.name.empty()) m.name = *name;
                  }
                  if (m.member_id) {
                    auto name = ActiveMemberName(sql, t->tenant_id, *m.member_id);
                    if (!name) errors.push_back(Invalid("member_id", "党员不在本院党员名册中"));
                    else if (m.name.empty()) m.name = *name;
                  }
                  if (m.name.empty() && !m.user_id && !m.member_id)
                    errors.push_back(Invalid("name", "请填写队员姓名，或选择登录账号、党员"));
                  if (!errors.empty()) return errors;
                  if (auto e = Ended(*t)) return *e;
                  if (m.user_id && IsCurrentMember(sql, t->tenant_id, id, *m.user_id, m.joined_on))
                    return Error{ErrorCode::kConflict, "该账号已是本队队员", "user_id"};
                  m.id = InsertTeamMember(sql, t->tenant_id, m);
                  auto ev = audit::EventFor(req, "add_member", "outreach_team", std::to_string(id));
                  ev.after = {{"team_member_id", m.id}, {"name", m.name}, {"role", m.role},
                              {"user_id", http::ValueOrNull(m.user_id)}, {"member_id", http::ValueOrNull(m.member_id)},
                              {"joined_on", m.joined_on}};
                  audit::Append(sql, ev);
                  out = AfterWrite(sql, w, id);
                  out.status = 201;
                  return Ok();
                });
                if (!r.ok()) return http::Problem(r.errors());
                return out;
              }});

  router.Add({.method = "POST",
              .pattern = "/api/v1/outreach/teams/{id}/members/{member}/leave",
              .permission = "health:outreach:edit",
              .audit_action = "leave",
              .record_type = "outreach_team",
              .handler = [&s](Request& req) -> Response {
                const int64_t id = req.IdParam();
                const int64_t member = req.IdParam("member");
                auto body = req.Json();
                Errors errors;
                auto left = RequiredDate(http::JsonText(body, "left_on", errors), "left_on", "离队日期");
                if (!left.ok()) errors.push_back(left.error());
                const TeamReader w = WriterOf(req);
                Response out;
                auto r = s.db.Write([&](soci::session& sql) -> Status {
                  auto t = FindTeam(sql, w, id);
                  if (!t) return TeamNotFound();
                  auto m = FindTeamMember(sql, t->tenant_id, id, member);
                  if (!m) return MemberNotFound();
                  if (!errors.empty()) return errors;
                  if (!m->left_on.empty()) return Error{ErrorCode::kConflict, m->name + "已于 " + m->left_on + " 离队", "member"};
                  if (auto st = CheckEnd(*ParseDate(m->joined_on), left.value(), "left_on", "入队日期"); !st.ok())
                    return st.errors();
                  const std::string day = FormatDate(left.value());
                  LeaveTeamMember(sql, t->tenant_id, member, day);
                  auto ev = audit::EventFor(req, "leave", "outreach_team", std::to_string(id));
                  ev.before = {{"team_member_id", member}, {"name", m->name}, {"left_on", nullptr}};
                  ev.after = {{"team_member_id", member}, {"name", m->name}, {"left_on", day}};
                  audit::Append(sql, ev);
                  out = AfterWrite(sql, w, id);
                  return Ok();
                });
                if (!r.ok()) return http::Problem(r.errors());
                return out;
              }});

  router.Add({.method = "POST",
              .pattern = "/api/v1/outreach/teams/{id}/villages",
              .permission = "health:outreach:edit",
              .audit_action = "assign_village",
              .record_type = "outreach_team",
              .handler = [&s](Request& req) -> Response {
                const int64_t id = req.IdParam();
                auto body = req.Json();
                Errors errors;
                const std::string code = http::JsonText(body, "village_code", errors);
                if (code.empty()) errors.push_back(Invalid("village_code", "请选择村"));
                else if (!IsVillageCode(code)) errors.push_back(Invalid("village_code", "村代码应为 12 位数字"));
                auto from = RequiredDate(http::JsonText(body, "from_on", errors), "from_on", "负责起始日期");
                if (!from.ok()) errors.push_back(from.error());
                const bool reassign = JsonFlag(body, "reassign", errors);
                const TeamReader w = WriterOf(req);
                const bool scope_all = req.who().Has("health:scope:all");
                Response out;
                auto r = s.db.Write([&](soci::session& sql) -> Status {
                  auto t = FindTeam(sql, w, id);
                  if (!t) return TeamNotFound();
                  std::string village_name;
                  if (IsVillageCode(code)) {
                    auto name = VillageName(sql, code);
                    if (!name) errors.push_back(Invalid("village_code", "区划表中没有这个村，请从列表中选择"));
                    else village_name = *name;
                  }
                  if (!errors.empty()) return errors;
                  auto scope = registry::VillageScopeOf(sql, t->tenant_id, req.who().user_id, scope_all, w.today);
                  if (!scope.Allows(code))
                    return Error{ErrorCode::kForbidden, village_name + "不在您负责的村范围内", "village_code"};
                  if (auto e = Ended(*t)) return *e;
                  auto plan = PlanAssignment(id, from.value(), HoldsOfVillage(sql, t->tenant_id, code), reassign);
                  if (!plan.ok()) return plan.errors();
                  const std::string day = FormatDate(from.value());
                  for (int64_t row : plan.value().end_rows) EndTeamVillage(sql, t->tenant_id, row, day);
                  const int64_t row = InsertTeamVillage(sql, t->tenant_id, id, code, day);
                  auto ev = audit::EventFor(req, "assign_village", "outreach_team", std::to_string(id));
                  ev.after = {{"team_village_id", row}, {"village_code", code}, {"village_name", village_name},
                              {"from_on", day}, {"ended_rows", plan.value().end_rows}};
                  audit::Append(sql, ev);
                  out = AfterWrite(sql, w, id);
                  out.status = 201;
                  return Ok();
                });
                if (!r.ok()) return http::Problem(r.errors());
                return out;
              }});

  router.Add({.method = "POST",
              .pattern = "/api/v1/outreach/teams/{id}/villages/{village}/end",
              .permission = "health:outreach:edit",
              .audit_action = "unassign_village",
              .record_type = "outreach_team",
              .handler = [&s](Request& req) -> Response {
                const int64_t id = req.IdParam();
                const int64_t row = req.IdParam("village");
                auto body = req.Json();
                Errors errors;
                auto to = RequiredDate(http::JsonText(body, "to_on", errors), "to_on", "结束日期");
                if (!to.ok()) errors.push_back(to.error());
                const TeamReader w = WriterOf(req);
                Response out;
                auto r = s.db.Write([&](soci::session& sql) -> Status {
                  auto t = FindTeam(sql, w, id);
                  if (!t) return TeamNotFound();
                  auto v = FindTeamVillage(sql, t->tenant_id, id, row);
                  if (!v) return VillageRowNotFound();
                  if (!errors.empty()) return errors;
                  if (!v->to_on.empty())
                    return Error{ErrorCode::kConflict, v->village_name + "已于 " + v->to_on + " 结束负责", "village"};
                  if (auto st = CheckEnd(*ParseDate(v->from_on), to.value(), "to_on", "负责起始日期"); !st.ok())
                    return st.errors();
                  const std::string day = FormatDate(to.value());
                  EndTeamVillage(sql, t->tenant_id, row, day);
                  auto ev = audit::EventFor(req, "unassign_village", "outreach_team", std::to_string(id));
                  ev.before = {{"team_village_id", row}, {"village_code", v->village_code}, {"to_on", nullptr}};
                  ev.after = {{"team_village_id", row}, {"village_code", v->village_code}, {"to_on", day}};
                  audit::Append(sql, ev);
                  out = AfterWrite(sql, w, id);
                  return Ok();
                });
                if (!r.ok()) return http::Problem(r.errors());
                return out;
              }});
}

}  // namespace qizhi::health::outreach
