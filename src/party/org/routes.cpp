// /api/v1/org: the organisation tree with member counts and warnings, one unit with its
// committees (换届 history) and posts, and the party office's changes: add, edit, end, 换届.
#include "party/org/routes.hpp"

#include <algorithm>
#include <set>

#include "party/members/rules.hpp"
#include "party/members/store.hpp"
#include "party/org/overview.hpp"
#include "party/org/rules.hpp"
#include "party/org/store.hpp"
#include "platform/audit/store.hpp"
#include "platform/core/clock.hpp"
#include "platform/core/text.hpp"

namespace qizhi::party::org {
namespace http = platform::http;
namespace audit = platform::audit;
using http::JsonResponse;
using http::JsonText;
using http::Request;
using http::Response;

namespace {

nlohmann::json CommitteeJson(const Committee& c) {
  auto members = nlohmann::json::parse(c.members_json, nullptr, false);
  return {{"id", c.id},
          {"elected_on", c.elected_on},
          {"term_years", c.term_years},
          {"term_ends_on", c.term_ends_on},
          {"members", members.is_array() ? members : nlohmann::json::array()},
          {"note", http::TextOrNull(c.note)},
          {"created_at", c.created_at},
          {"superseded_at", http::ValueOrNull(c.superseded_at)}};
}

nlohmann::json UnitJson(const UnitOverview& o) {
  const Unit& u = o.unit;
  nlohmann::json warnings = nlohmann::json::array();
  for (const auto& w : o.warnings) warnings.push_back({{"code", w.code}, {"message", w.message}});
  nlohmann::json committee = nullptr;
  if (o.committee)
    committee = {{"id", o.committee->id},
                 {"elected_on", o.committee->elected_on},
                 {"term_ends_on", o.committee->term_ends_on},
                 {"size", o.committee->size}};
  return {{"id", u.id},
          {"tenant_id", u.tenant_id},
          {"tenant_name", u.tenant_name},
          {"parent_id", http::ValueOrNull(u.parent_id)},
          {"name", u.name},
          {"kind", u.kind},
          {"kind_title", KindTitle(u.kind)},
          {"path", u.path},
          {"depth", o.depth},
          {"department", http::TextOrNull(u.department)},
          {"alliance_member", http::TextOrNull(u.alliance_member)},
          {"sort_order", u.sort_order},
          {"members", o.members},
          {"full_members", o.full_members},
          {"probationary_members", o.probationary_members},
          {"direct_members", o.direct_members},
          {"secretary", o.secretary ? nlohmann::json{{"member_id", o.secretary->member_id}, {"name", o.secretary->name}}
                                    : nlohmann::json(nullptr)},
          {"committee", committee},
          {"warnings", warnings},
          {"ended_at", http::ValueOrNull(u.ended_at)},
          {"version", u.version}};
}

// The overview of one unit (current or ended) for a response after a write.
nlohmann::json OneUnitJson(soci::session& sql, const Scope& scope, int64_t id) {
  auto u = FindUnit(sql, scope, id);
  UnitOverview one;
  if (!u) return UnitJson(one);
  // Its counts need only its own subtree, which lies inside the caller's scope: not the tree.
  const Scope subtree{scope.home_tenant, scope.tenants, {u->path}};
  for (auto& o : LoadOverview(sql, subtree, TodayDate()))
    if (o.unit.id == id) return UnitJson(o);
  one.unit = *u;  // ended: no current counts
  return UnitJson(one);
}

Result<Unit> UnitForWrite(soci::session& sql, const Request& req, int64_t id) {
  auto u = FindUnit(sql, WriteScope(req.who().scope), id);
  if (!u) return Error{ErrorCode::kNotFound, "组织不存在或不在您的管理范围内", "id"};
  if (u->ended_at) return Error{ErrorCode::kConflict, "该组织已撤销", "id"};
  return *u;
}

Status CheckName(const std::string& name) {
  if (name.empty()) return Invalid("name", "请填写组织名称");
  if (Utf8Length(name) > 60) return Invalid("name", "组织名称过长（最多 60 个字）");
  return Ok();
}

Result<std::vector<nlohmann::json>> ListUnitsJson(soci::session& sql, const Request& req) {
  auto f = ParseUnitFilter(sql, req.who().scope, req.query);
  if (!f.ok()) return f.errors();
  std::vector<nlohmann::json> out;
  for (const auto& o : LoadOverview(sql, req.who().scope, TodayDate()))
    if (Matches(o, f.value())) out.push_back(UnitJson(o));
  return out;
}

}  // namespace

void RegisterRoutes(http::Router& router, platform::Services& s) {
  router.Add({.method = "GET",
              .pattern = "/api/v1/org/tree",
              .permission = "party:org:list",
              .handler = [&s](Request& req) -> Response {
                return s.db.Read([&](soci::session& sql) -> Response {
                  nlohmann::json items = nlohmann::json::array();
                  for (const auto& o : LoadOverview(sql, req.who().scope, TodayDate())) items.push_back(UnitJson(o));
                  return JsonResponse(200, {{"items", items}});
                });
              }});

  router.Add({.method = "GET",
              .pattern = "/api/v1/org/units",
              // Security administrators pick scopes from the tree without seeing party work itself.
              .permission = "party:org:list|security:user:assign",
              .handler = [&s](Request& req) -> Response {
                auto p = http::ParseListParams(req, {"path", "name", "id", "members"}, "path");
                if (!req.who().Has("party:org:list"))
                  for (const char* k : {"warning", "size_band"})
                    if (!req.Query(k).empty())
                      return http::Problem({Error{ErrorCode::kForbidden, "没有查看党组织预警和规模的权限", k}});
                if (!req.who().Has("party:org:list") && p.sort_field == "members")
                  return http::Problem({Error{ErrorCode::kForbidden, "没有查看党组织人数的权限", "sort"}});
                auto items = s.db.Read([&](soci::session& sql) { return ListUnitsJson(sql, req); });
                if (!items.ok()) return http::Problem(items.errors());
                // The security administrator assigns scopes from this list but does no party
                // work: the tree's shape only, no counts, secretaries or warnings.
                const bool party = req.who().Has("party:org:list");
                nlohmann::json all = nlohmann::json::array();
                for (auto& j : items.value()) {
                  if (!party) {
                    nlohmann::json shape;
                    for (const char* k : {"id", "tenant_id", "parent_id", "name", "kind", "kind_title", "path", "depth"})
                      shape[k] = j[k];
                    j = std::move(shape);
                  }
                  all.push_back(std::move(j));
                }
                return JsonResponse(200, http::PageInMemory(all, p));
              }});

  router.Add({.method = "GET",
              .pattern = "/api/v1/org/units/{id}",
              .permission = "party:org:list",
              .handler = [&s](Request& req) -> Response {
                int64_t id = req.IdParam();
                return s.db.Read([&](soci::session& sql) -> Response {
                  auto u = FindUnit(sql, req.who().scope, id);
                  if (!u) return http::Problem({Error{ErrorCode::kNotFound, "组织不存在或不在您的管理范围内", "id"}});
                  auto j = OneUnitJson(sql, req.who().scope, id);
                  nlohmann::json committees = nlohmann::json::array();
                  for (const auto& c : CommitteesOf(sql, u->tenant_id, id)) committees.push_back(CommitteeJson(c));
                  j["committees"] = committees;
                  nlohmann::json posts = nlohmann::json::array();
                  for (const auto& p : CurrentPartyPostsIn(sql, u->tenant_id, id))
                    posts.push_back({{"post_id", p.post_id},
                                     {"member_id", p.member_id},
                                     {"name", p.name},
                                     {"title", p.title},
                                     {"started_on", p.started_on},
                                     {"dual_id", http::ValueOrNull(p.dual_id)}});
                  j["posts"] = posts;
                  j["end_reason"] = http::TextOrNull(u->end_reason);
                  return JsonResponse(200, j);
                });
              }});

  router.Add({.method = "POST",
              .pattern = "/api/v1/org/units",
              .permission = "party:org:edit",
              .audit_action = "create",
              .record_type = "org_unit",
              .handler = [&s](Request& req) -> Response {
                auto body = req.Json();
                Errors errors;
                NewUnit n;
                n.name = Trim(JsonText(body, "name", errors));
                n.kind = JsonText(body, "kind", errors);
                n.department = JsonText(body, "department", errors);
                n.alliance_member = JsonText(body, "alliance_member", errors);
                if (auto c = CheckName(n.name); !c.ok()) errors.push_back(c.error());
                if (!IsKnownKind(n.kind)) errors.push_back(Invalid("kind", "组织类型应为 党委、党总支、党支部 或 党小组"));
                if (body.contains("sort_order") && !body["sort_order"].is_null()) {
                  if (!body["sort_order"].is_number_integer()) errors.push_back(Invalid("sort_order", "排序号应为整数"));
                  else n.sort_order = body["sort_order"].get<int64_t>();
                }
                if (!body.contains("parent_id") || !body["parent_id"].is_number_integer())
                  errors.push_back(Invalid("parent_id", "请选择上级组织"));
                if (!errors.empty()) return http::Problem(errors);
                const int64_t parent_id = body["parent_id"].get<int64_t>();
                return http::JsonOrProblem(s.db.Write([&](soci::session& sql) -> Result<nlohmann::json> {
                  const Scope write = WriteScope(req.who().scope);
                  auto found = WritableUnit(sql, req.who().scope, parent_id, "parent_id", "上级组织");
                  if (!found.ok()) return found.errors();
                  const Unit* parent = &found.value();
                  if (auto k = CheckChildKind(parent->kind, n.kind); !k.ok()) return k.errors();
                  n.tenant_id = parent->tenant_id;
                  n.parent_id = parent->id;
                  if (SiblingNameTaken(sql, n.tenant_id, n.parent_id, n.name, 0))
                    return Error{ErrorCode::kConflict, "同一上级组织下已有同名组织", "name"};
                  int64_t id = InsertUnit(sql, n);
                  auto ev = audit::EventFor(req, "create", "org_unit", std::to_string(id));
                  ev.after = {{"parent_id", parent->id}, {"name", n.name}, {"kind", n.kind},
                              {"department", n.department}, {"alliance_member", n.alliance_member}};
                  audit::Append(sql, ev);
                  return OneUnitJson(sql, write, id);
                }), 201);
              }});

  router.Add({.method = "PUT",
              .pattern = "/api/v1/org/units/{id}",
              .permission = "party:org:edit",
              .audit_action = "update",
              .record_type = "org_unit",
              .handler = [&s](Request& req) -> Response {
                int64_t id = req.IdParam();
                auto body = req.Json();
                Errors errors;
                const int64_t version = http::JsonVersion(body, errors);
                if (body.contains("name")) {
                  if (auto c = CheckName(Trim(JsonText(body, "name", errors))); !c.ok()) errors.push_back(c.error());
                }
                if (body.contains("sort_order") && !body["sort_order"].is_null() && !body["sort_order"].is_number_integer())
                  errors.push_back(Invalid("sort_order", "排序号应为整数"));
                if (!errors.empty()) return http::Problem(errors);
                return http::JsonOrProblem(s.db.Write([&](soci::session& sql) -> Result<nlohmann::json> {
                  auto found = UnitForWrite(sql, req, id);
                  if (!found.ok()) return found.errors();
                  Unit before = found.value();
                  Unit u = before;
                  Errors ignored;
                  if (body.contains("name")) u.name = Trim(JsonText(body, "name", ignored));
                  if (body.contains("department")) u.department = JsonText(body, "department", ignored);
                  if (body.contains("alliance_member")) u.alliance_member = JsonText(body, "alliance_member", ignored);
                  if (body.contains("sort_order") && body["sort_order"].is_number_integer())
                    u.sort_order = body["sort_order"].get<int64_t>();
                  if (u.name != before.name && SiblingNameTaken(sql, u.tenant_id, u.parent_id, u.name, u.id))
                    return Error{ErrorCode::kConflict, "同一上级组织下已有同名组织", "name"};
                  if (!UpdateUnit(sql, u, version))
                    return Error{ErrorCode::kConflict, "信息已被他人修改，请刷新后重试", "version"};
                  auto ev = audit::EventFor(req, "update", "org_unit", std::to_string(id));
                  ev.before = {{"name", before.name}, {"department", before.department},
                               {"alliance_member", before.alliance_member}, {"sort_order", before.sort_order}};
                  ev.after = {{"name", u.name}, {"department", u.department}, {"alliance_member", u.alliance_member},
                              {"sort_order", u.sort_order}};
                  audit::Append(sql, ev);
                  return OneUnitJson(sql, WriteScope(req.who().scope), id);
                }), 200);
              }});

  router.Add({.method = "POST",
              .pattern = "/api/v1/org/units/{id}/end",
              .permission = "party:org:edit",
              .audit_action = "end",
              .record_type = "org_unit",
              .handler = [&s](Request& req) -> Response {
                int64_t id = req.IdParam();
                auto body = req.Json();
                Errors errors;
                std::string reason = JsonText(body, "reason", errors);
                if (errors.empty() && reason.empty()) errors.push_back(Invalid("reason", "请填写撤销原因"));
                if (!errors.empty()) return http::Problem(errors);
                return http::JsonOrProblem(s.db.Write([&](soci::session& sql) -> Result<nlohmann::json> {
                  auto found = UnitForWrite(sql, req, id);
                  if (!found.ok()) return found.errors();
                  const Unit& u = found.value();
                  if (!u.parent_id) return Error{ErrorCode::kConflict, "党委（根组织）不能撤销", "id"};
                  if (CurrentChildCount(sql, u.tenant_id, id) > 0)
                    return Error{ErrorCode::kConflict, "该组织下还有下级组织，请先调整或撤销下级组织", "id"};
                  members::MemberFilter f;
                  f.direct_unit = id;
                  const Scope tenant = WholeTenant(u.tenant_id);
                  if (members::CountMembers(sql, tenant, f) > 0)
                    return Error{ErrorCode::kConflict, "该组织还有党员，请先办理组织关系转接", "id"};
                  EndUnit(sql, u.tenant_id, id, reason);
                  auto ev = audit::EventFor(req, "end", "org_unit", std::to_string(id));
                  ev.before = {{"name", u.name}};
                  ev.after = {{"reason", reason}};
                  audit::Append(sql, ev);
                  return OneUnitJson(sql, tenant, id);
                }), 200);
              }});

  router.Add({.method = "POST",
              .pattern = "/api/v1/org/units/{id}/committees",
              .permission = "party:org:edit",
              .audit_action = "elect",
              .record_type = "org_unit",
              .handler = [&s](Request& req) -> Response {
                int64_t id = req.IdParam();
                auto body = req.Json();
                Errors errors;
                const Date today = TodayDate();
                std::string elected_on = JsonText(body, "elected_on", errors);
                std::string note = JsonText(body, "note", errors);
                auto elected = ParseDate(elected_on);
                if (!elected) errors.push_back(Invalid("elected_on", "选举日期格式应为 YYYY-MM-DD"));
                else if (*elected > today) errors.push_back(Invalid("elected_on", "选举日期不能晚于今天"));
                std::optional<int64_t> term_years;
                if (body.contains("term_years") && !body["term_years"].is_null()) {
                  if (!body["term_years"].is_number_integer() || body["term_years"].get<int64_t>() < 1 ||
                      body["term_years"].get<int64_t>() > 5)
                    errors.push_back(Invalid("term_years", "任期应为 1-5 年"));
                  else term_years = body["term_years"].get<int64_t>();
                }
                struct Seat {
                  int64_t member_id;
                  std::string post;
                };
                std::vector<Seat> seats;
                if (!body.contains("members") || !body["members"].is_array() || body["members"].empty() ||
                    body["members"].size() > 9) {
                  errors.push_back(Invalid("members", "请填写 1-9 名委员及其职务"));
                } else {
                  const auto& posts = members::PartyPosts();
                  int secretaries = 0;
                  std::set<int64_t> seen;
                  for (size_t i = 0; i < body["members"].size(); ++i) {
                    const auto& e = body["members"][i];
                    const std::string at = "members[" + std::to_string(i) + "]";
                    if (!e.is_object() || !e.contains("member_id") || !e["member_id"].is_number_integer()) {
                      errors.push_back(Invalid(at + ".member_id", "请选择委员"));
                      continue;
                    }
                    Errors perr;
                    std::string post = JsonText(e, "post", perr);
                    if (std::find(posts.begin(), posts.end(), post) == posts.end()) {
                      errors.push_back(Invalid(at + ".post", "委员职务不在可选范围内"));
                      continue;
                    }
                    if (!seen.insert(e["member_id"].get<int64_t>()).second) {
                      errors.push_back(Invalid(at + ".member_id", "同一人不能重复列入"));
                      continue;
                    }
                    if (post == "书记") ++secretaries;
                    seats.push_back({e["member_id"].get<int64_t>(), post});
                  }
                  if (errors.empty() && secretaries != 1) errors.push_back(Invalid("members", "须有且只有一名书记"));
                }
                if (!errors.empty()) return http::Problem(errors);
                return http::JsonOrProblem(s.db.Write([&](soci::session& sql) -> Result<nlohmann::json> {
                  auto found = UnitForWrite(sql, req, id);
                  if (!found.ok()) return found.errors();
                  const Unit& u = found.value();
                  if (u.kind == kGroup) return Invalid("id", "党小组不设委员会");
                  nlohmann::json composition = nlohmann::json::array();
                  Scope unit_scope{u.tenant_id, {u.tenant_id}, {u.path}};
                  std::vector<members::MemberRecord> elected_members;
                  for (size_t i = 0; i < seats.size(); ++i) {
                    auto m = members::FindMember(sql, unit_scope, seats[i].member_id);
                    if (!m || m->state != "active")
                      return Invalid("members[" + std::to_string(i) + "].member_id", "委员须为本组织的在册党员");
                    composition.push_back({{"member_id", m->id}, {"name", m->name}, {"post", seats[i].post}});
                    elected_members.push_back(*m);
                  }
                  // Party posts of the unit are renewed by the election; a 双任免 post stays only
                  // when its holder is re-elected to it (otherwise it must be removed as a pair).
                  auto held = CurrentPartyPostsIn(sql, u.tenant_id, id);
                  for (const auto& p : held) {
                    bool reelected = std::any_of(seats.begin(), seats.end(), [&](const Seat& st) {
                      return st.member_id == p.member_id && st.post == p.title;
                    });
                    if (p.dual_id && !reelected)
                      return Error{ErrorCode::kConflict,
                                   p.name + "的" + p.title + "职务属于双任免，请先办理双任免免职后再换届", "members"};
                  }
                  std::set<std::pair<int64_t, std::string>> kept;
                  for (const auto& p : held) {
                    if (p.dual_id) {
                      kept.insert({p.member_id, p.title});
                      continue;
                    }
                    members::EndPost(sql, u.tenant_id, p.post_id, elected_on < p.started_on ? p.started_on : elected_on,
                                     "", "换届");
                  }
                  for (const auto& st : seats) {
                    if (kept.count({st.member_id, st.post})) continue;
                    members::Post p;
                    p.member_id = st.member_id;
                    p.kind = "party";
                    p.title = st.post;
                    p.unit_id = id;
                    p.started_on = elected_on;
                    p.appoint_doc = "换届选举";
                    members::InsertPost(sql, u.tenant_id, p, req.who().user_id);
                  }
                  Committee c;
                  c.unit_id = id;
                  c.elected_on = elected_on;
                  c.term_years = term_years ? *term_years : DefaultTermYears(u.kind);
                  c.term_ends_on = FormatDate(TermEndsOn(*elected, static_cast<int>(c.term_years)));
                  c.members_json = composition.dump();
                  c.note = note;
                  c.id = InsertCommittee(sql, u.tenant_id, c, req.who().user_id);
                  auto ev = audit::EventFor(req, "elect", "org_unit", std::to_string(id));
                  ev.after = {{"committee_id", c.id}, {"elected_on", c.elected_on}, {"term_ends_on", c.term_ends_on},
                              {"members", composition}};
                  audit::Append(sql, ev);
                  for (const auto& existing : CommitteesOf(sql, u.tenant_id, id))
                    if (existing.id == c.id) return CommitteeJson(existing);
                  return CommitteeJson(c);
                }), 201);
              }});
}

}  // namespace qizhi::party::org
