// /api/v1/outreach/teams: the hospital's 帮扶队 with their leader, members and villages; creating,
// editing (optimistic version) and ending a team with a date and reason. Members and villages are
// in team_member_routes.cpp, the leaders' areas in team_leader_routes.cpp.
#include "health/outreach/team_routes.hpp"

#include <algorithm>

#include "health/outreach/team_routes_internal.hpp"
#include "platform/audit/store.hpp"
#include "platform/core/clock.hpp"
#include "platform/core/text.hpp"

namespace qizhi::health::outreach {
namespace http = platform::http;
namespace audit = platform::audit;
using http::JsonResponse;
using http::Request;
using http::Response;

TeamReader ReaderOf(const Request& req) {
  TeamReader r;
  r.scope = req.who().scope;
  r.all = req.who().Has("health:scope:all");
  r.user_id = req.who().user_id;
  r.today = TodayShanghai();
  return r;
}

TeamReader WriterOf(const Request& req) {
  TeamReader r = ReaderOf(req);
  r.scope = WriteScope(r.scope);
  return r;
}

Error TeamNotFound() { return Error{ErrorCode::kNotFound, "帮扶队不存在", "id"}; }

std::optional<int64_t> JsonOptId(const nlohmann::json& body, const char* name, const std::string& title, Errors& errors) {
  if (!body.contains(name) || body[name].is_null()) return std::nullopt;
  if (!body[name].is_number_integer() || body[name].get<int64_t>() <= 0) {
    errors.push_back(Invalid(name, title + "应为有效的编号"));
    return std::nullopt;
  }
  return body[name].get<int64_t>();
}

bool JsonFlag(const nlohmann::json& body, const char* name, Errors& errors) {
  if (!body.contains(name) || body[name].is_null()) return false;
  if (!body[name].is_boolean()) {
    errors.push_back(Invalid(name, "应为是或否"));
    return false;
  }
  return body[name].get<bool>();
}

std::string JsonLimited(const nlohmann::json& body, const char* name, const std::string& title, size_t max,
                        Errors& errors) {
  std::string v = Trim(http::JsonText(body, name, errors));
  if (Utf8Length(v) > max) errors.push_back(Invalid(name, title + "不超过 " + std::to_string(max) + " 字"));
  return v;
}

nlohmann::json TeamAuditJson(const Team& t) {
  return {{"name", t.name},
          {"leader_user_id", http::ValueOrNull(t.leader_user_id)},
          {"leader_name", t.leader_name},
          {"leader_post", t.leader_post},
          {"note", t.note},
          {"ended_on", http::TextOrNull(t.ended_on)},
          {"end_reason", http::TextOrNull(t.end_reason)}};
}

nlohmann::json TeamJson(const Team& t, const std::vector<TeamMember>& members, const std::vector<TeamVillage>& villages,
                        const std::string& today) {
  nlohmann::json ms = nlohmann::json::array();
  for (const auto& m : members) {
    if (m.team_id != t.id) continue;
    ms.push_back({{"id", m.id},
                  {"user_id", http::ValueOrNull(m.user_id)},
                  {"username", http::TextOrNull(m.username)},
                  {"member_id", http::ValueOrNull(m.member_id)},
                  {"name", m.name},
                  {"role", m.role},
                  {"joined_on", m.joined_on},
                  {"left_on", http::TextOrNull(m.left_on)},
                  {"current", m.left_on.empty() || m.left_on > today}});
  }
  nlohmann::json vs = nlohmann::json::array();
  int64_t households = 0, persons = 0;
  for (const auto& v : villages) {
    if (v.team_id != t.id) continue;
    const bool current = v.from_on <= today && (v.to_on.empty() || v.to_on > today);
    if (current) {
      households += v.households;
      persons += v.persons;
    }
    vs.push_back({{"id", v.id},
                  {"village_code", v.village_code},
                  {"village_name", v.village_name},
                  {"full_name", v.full_name},
                  {"from_on", v.from_on},
                  {"to_on", http::TextOrNull(v.to_on)},
                  {"current", current},
                  {"households", v.households},
                  {"persons", v.persons}});
  }
  const bool ended = !t.ended_on.empty() && t.ended_on <= today;
  return {{"id", t.id},
          {"tenant_id", t.tenant_id},
          {"name", t.name},
          {"leader_user_id", http::ValueOrNull(t.leader_user_id)},
          {"leader_name", t.leader_name},
          {"leader_post", http::TextOrNull(t.leader_post)},
          {"note", http::TextOrNull(t.note)},
          {"created_at", t.created_at},
          {"ended_on", http::TextOrNull(t.ended_on)},
          {"end_reason", http::TextOrNull(t.end_reason)},
          {"state", ended ? "ended" : "current"},
          {"version", t.version},
          {"members", ms},
          {"villages", vs},
          {"households", households},
          {"persons", persons}};
}

nlohmann::json TeamDetail(soci::session& sql, const Team& t, const std::string& today) {
  return TeamJson(t, MembersOf(sql, t.tenant_id, {t.id}, false, today), VillagesOf(sql, t.tenant_id, {t.id}, false, today),
                  today);
}

namespace {

// Name, leader (a login of the hospital, or a name), post and note of a create or edit body.
Result<Team> TeamFromBody(soci::session& sql, const nlohmann::json& body, int64_t tenant_id, Team t) {
  Errors errors;
  t.name = JsonLimited(body, "name", "队名", 50, errors);
  if (t.name.empty() && errors.empty()) errors.push_back(Invalid("name", "请填写队名"));
  t.leader_user_id = JsonOptId(body, "leader_user_id", "队长账号", errors);
  t.leader_name = JsonLimited(body, "leader_name", "队长姓名", 30, errors);
  t.leader_post = JsonLimited(body, "leader_post", "队长职务", 50, errors);
  t.note = JsonLimited(body, "note", "备注", 500, errors);
  const std::string username = JsonLimited(body, "leader_username", "队长账号", 64, errors);
  if (!username.empty() && !t.leader_user_id) {
    auto u = UserByUsername(sql, tenant_id, username);
    if (!u) errors.push_back(Invalid("leader_username", "没有这个登录账号：" + username));
    else t.leader_user_id = u->first;
  }
  if (t.leader_user_id) {
    auto name = UserName(sql, tenant_id, *t.leader_user_id);
    if (!name) errors.push_back(Invalid("leader_user_id", "队长账号不存在"));
    else if (t.leader_name.empty()) t.leader_name = *name;
  }
  if (t.leader_name.empty() && !t.leader_user_id)
    errors.push_back(Invalid("leader_name", "请填写队长姓名（医院领导班子成员）"));
  if (!errors.empty()) return errors;
  return t;
}

}  // namespace

void RegisterTeamRoutes(http::Router& router, platform::Services& s) {
  router.Add({.method = "GET",
              .pattern = "/api/v1/outreach/teams",
              .permission = "health:outreach:list",
              .handler = [&s](Request& req) -> Response {
                auto p = http::ParseListParams(req, {"id", "name", "leader"}, "id");
                TeamFilter f;
                Errors errors;
                f.state = req.Query("state", "current");
                if (f.state != "current" && f.state != "ended" && f.state != "all")
                  errors.push_back(Invalid("state", "状态应为 current、ended 或 all"));
                f.name_contains = Trim(p.q);
                if (Utf8Length(f.name_contains) > 30) errors.push_back(Invalid("q", "搜索内容过长"));
                f.village = req.Query("village");
                if (!f.village.empty() && (f.village.size() != 12 || f.village.find_first_not_of("0123456789") != std::string::npos))
                  errors.push_back(Invalid("village", "村代码应为 12 位数字"));
                if (!errors.empty()) return http::Problem(errors);
                const TeamReader r = ReaderOf(req);
                return s.db.Read([&](soci::session& sql) -> Response {
                  const int64_t total = CountTeams(sql, r, f);
                  auto teams = ListTeams(sql, r, f, p.sort_field, p.sort_desc, p.Offset(), p.size);
                  // Members and villages per tenant of the page (a committee reads several hospitals).
                  nlohmann::json items = nlohmann::json::array();
                  for (const auto& t : teams) {
                    std::vector<int64_t> ids = {t.id};
                    items.push_back(TeamJson(t, MembersOf(sql, t.tenant_id, ids, true, r.today),
                                             VillagesOf(sql, t.tenant_id, ids, true, r.today), r.today));
                  }
                  return JsonResponse(200, http::ListBody(items, total, p));
                });
              }});

  router.Add({.method = "GET",
              .pattern = "/api/v1/outreach/teams/{id}",
              .permission = "health:outreach:list",
              .handler = [&s](Request& req) -> Response {
                const int64_t id = req.IdParam();
                const TeamReader r = ReaderOf(req);
                return s.db.Read([&](soci::session& sql) -> Response {
                  auto t = FindTeam(sql, r, id);
                  if (!t) return http::Problem({TeamNotFound()});
                  return JsonResponse(200, TeamDetail(sql, *t, r.today));
                });
              }});

  router.Add({.method = "POST",
              .pattern = "/api/v1/outreach/teams",
              .permission = "health:outreach:edit",
              .audit_action = "create",
              .record_type = "outreach_team",
              .handler = [&s](Request& req) -> Response {
                auto body = req.Json();
                const int64_t tenant = req.who().scope.home_tenant;
                auto r = s.db.Write([&](soci::session& sql) -> Result<nlohmann::json> {
                  Team t;
                  t.tenant_id = tenant;
                  auto made = TeamFromBody(sql, body, tenant, t);
                  if (!made.ok()) return made.errors();
                  t = made.value();
                  t.id = InsertTeam(sql, t);
                  auto ev = audit::EventFor(req, "create", "outreach_team", std::to_string(t.id));
                  ev.after = TeamAuditJson(t);
                  audit::Append(sql, ev);
                  auto stored = FindTeam(sql, TeamReader{WholeTenant(tenant), true, 0, TodayShanghai()}, t.id);
                  return TeamDetail(sql, *stored, TodayShanghai());
                });
                return http::JsonOrProblem(r, 201);
              }});

  router.Add({.method = "PUT",
              .pattern = "/api/v1/outreach/teams/{id}",
              .permission = "health:outreach:edit",
              .audit_action = "update",
              .record_type = "outreach_team",
              .handler = [&s](Request& req) -> Response {
                const int64_t id = req.IdParam();
                auto body = req.Json();
                Errors errors;
                const int64_t version = http::JsonVersion(body, errors);
                const TeamReader w = WriterOf(req);
                auto r = s.db.Write([&](soci::session& sql) -> Result<nlohmann::json> {
                  auto before = FindTeam(sql, w, id);
                  if (!before) return TeamNotFound();
                  auto made = TeamFromBody(sql, body, before->tenant_id, *before);
                  if (!made.ok()) errors.insert(errors.end(), made.errors().begin(), made.errors().end());
                  if (!errors.empty()) return errors;
                  if (!before->ended_on.empty())
                    return Error{ErrorCode::kConflict, "该队已于 " + before->ended_on + " 撤销，不能再修改", "id"};
                  if (!UpdateTeam(sql, made.value(), version))
                    return Error{ErrorCode::kConflict, "信息已被他人修改，请刷新后重试", "version"};
                  auto ev = audit::EventFor(req, "update", "outreach_team", std::to_string(id));
                  ev.before = TeamAuditJson(*before);
                  ev.after = TeamAuditJson(made.value());
                  audit::Append(sql, ev);
                  return TeamDetail(sql, *FindTeam(sql, w, id), w.today);
                });
                return http::JsonOrProblem(r);
              }});

  // Ending a team ends its members' and villages' rows on the same day, so VillageScope and
  // 分片负责 stop counting them and the villages can be given to another team from that day.
  router.Add({.method = "POST",
              .pattern = "/api/v1/outreach/teams/{id}/end",
              .permission = "health:outreach:edit",
              .audit_action = "end",
              .record_type = "outreach_team",
              .handler = [&s](Request& req) -> Response {
                const int64_t id = req.IdParam();
                auto body = req.Json();
                Errors errors;
                const int64_t version = http::JsonVersion(body, errors);
                auto ended = RequiredDate(http::JsonText(body, "ended_on", errors), "ended_on", "撤销日期");
                if (!ended.ok()) errors.push_back(ended.error());
                const std::string reason = JsonLimited(body, "reason", "撤销原因", 200, errors);
                if (reason.empty()) errors.push_back(Invalid("reason", "请填写撤销原因"));
                const TeamReader w = WriterOf(req);
                auto r = s.db.Write([&](soci::session& sql) -> Result<nlohmann::json> {
                  auto before = FindTeam(sql, w, id);
                  if (!before) return TeamNotFound();
                  if (!errors.empty()) return errors;
                  if (!before->ended_on.empty())
                    return Error{ErrorCode::kConflict, "该队已于 " + before->ended_on + " 撤销", "id"};
                  const std::string day = FormatDate(ended.value());
                  Team t = *before;
                  t.ended_on = day;
                  t.end_reason = reason;
                  if (!EndTeam(sql, t, version)) return Error{ErrorCode::kConflict, "信息已被他人修改，请刷新后重试", "version"};
                  for (const auto& m : MembersOf(sql, t.tenant_id, {id}, true, day))
                    LeaveTeamMember(sql, t.tenant_id, m.id, std::max(day, m.joined_on));
                  for (const auto& v : VillagesOf(sql, t.tenant_id, {id}, true, day))
                    EndTeamVillage(sql, t.tenant_id, v.id, std::max(day, v.from_on));
                  auto ev = audit::EventFor(req, "end", "outreach_team", std::to_string(id));
                  ev.before = TeamAuditJson(*before);
                  ev.after = TeamAuditJson(t);
                  audit::Append(sql, ev);
                  return TeamDetail(sql, *FindTeam(sql, w, id), w.today);
                });
                return http::JsonOrProblem(r);
              }});

  RegisterTeamMemberRoutes(router, s);
  RegisterLeaderRoutes(router, s);
}

}  // namespace qizhi::health::outreach
