// /api/v1/visits: home visits — the list, one visit with its lines, recording (idempotent by the
// device's client_id and conflict-aware by the household version it saw, for the offline queue
// of the phones), voiding with a reason, the photo, the visit form's household, and the offline
// bundle of the caller's villages. Every read and write is limited to the caller's hospital and
// villages (VillageScope).
#include "health/outreach/coverage_summary.hpp"
#include "health/outreach/photo.hpp"
#include "health/outreach/route_support.hpp"
#include "health/outreach/service_item_store.hpp"
#include "health/outreach/visit.hpp"
#include "health/outreach/visit_store.hpp"
#include "platform/audit/store.hpp"
#include "platform/core/clock.hpp"
#include "platform/core/text.hpp"
#include "platform/export/xlsx.hpp"
#include "platform/http/router.hpp"
#include "platform/services.hpp"

namespace qizhi::health::outreach {
namespace http = platform::http;
namespace audit = platform::audit;
using http::JsonResponse;
using http::Request;
using http::Response;
using http::TextOrNull;
using http::ValueOrNull;

nlohmann::json ServiceItemJson(const ServiceItem& s);

namespace {

Error VisitNotFound() { return Error{ErrorCode::kNotFound, "走访记录不存在", "id"}; }

std::optional<int> OptSmallInt(const nlohmann::json& line, const char* name, const std::string& field, Errors& errors) {
  if (!line.contains(name) || line[name].is_null()) return std::nullopt;
  if (!line[name].is_number_integer() || line[name].get<int64_t>() < 0 || line[name].get<int64_t>() > 10000) {
    errors.push_back(Invalid(field + "." + name, "应为整数"));
    return std::nullopt;
  }
  return static_cast<int>(line[name].get<int64_t>());
}

// What the form or the phone sends. Type errors name their field; the rules check the rest.
struct VisitBody {
  VisitInput input;
  int64_t household_id = 0;
  std::optional<int64_t> household_version;
  std::vector<int64_t> staff;
};

VisitBody BodyFromJson(const nlohmann::json& body, Errors& errors) {
  VisitBody b;
  b.input.client_id = Trim(http::JsonText(body, "client_id", errors));
  b.input.visited_on = Trim(http::JsonText(body, "visited_on", errors));
  b.input.findings = Trim(http::JsonText(body, "findings", errors));
  b.input.needs = Trim(http::JsonText(body, "needs", errors));
  b.input.next_steps = Trim(http::JsonText(body, "next_steps", errors));
  if (!body.contains("household_id") || !body["household_id"].is_number_integer() || body["household_id"].get<int64_t>() <= 0)
    errors.push_back(Invalid("household_id", "请选择走访的建档立卡户"));
  else b.household_id = body["household_id"].get<int64_t>();
  if (!body.contains("household_version") || !body["household_version"].is_number_integer())
    errors.push_back(Invalid("household_version", "缺少该户的版本号 household_version"));
  else b.household_version = body["household_version"].get<int64_t>();
  if (body.contains("actions") && !body["actions"].is_null()) {
    if (!body["actions"].is_array()) errors.push_back(Invalid("actions", "服务内容应为列表"));
    else
      for (const auto& a : body["actions"]) {
        if (a.is_string()) b.input.actions.push_back(a.get<std::string>());
        else errors.push_back(Invalid("actions", "服务内容应为文字"));
      }
  }
  if (body.contains("staff") && !body["staff"].is_null()) {
    if (!body["staff"].is_array()) errors.push_back(Invalid("staff", "参加走访的队员应为列表"));
    else
      for (const auto& s : body["staff"]) {
        if (s.is_number_integer()) b.staff.push_back(s.get<int64_t>());
        else errors.push_back(Invalid("staff", "参加走访的队员应为队员编号"));
      }
  }
  if (!body.contains("persons") || !body["persons"].is_array()) {
    errors.push_back(Invalid("persons", "请逐一登记家庭成员是否见面"));
    return b;
  }
  const auto& persons = body["persons"];
  for (size_t i = 0; i < persons.size(); ++i) {
    const auto& line = persons[i];
    const std::string field = "persons[" + std::to_string(i) + "]";
    VisitPersonInput p;
    if (!line.is_object()) {
      errors.push_back(Invalid(field, "成员登记格式不正确"));
      continue;
    }
    if (!line.contains("person_id") || !line["person_id"].is_number_integer()) {
      errors.push_back(Invalid(field + ".person_id", "缺少成员编号"));
      continue;
    }
    p.person_id = line["person_id"].get<int64_t>();
    if (line.contains("seen") && line["seen"].is_boolean()) p.seen = line["seen"].get<bool>();
    else if (line.contains("seen") && !line["seen"].is_null()) errors.push_back(Invalid(field + ".seen", "是否见面应为 true 或 false"));
    p.reason = line.contains("reason") && line["reason"].is_string() ? Trim(line["reason"].get<std::string>()) : "";
    p.note = line.contains("note") && line["note"].is_string() ? Trim(line["note"].get<std::string>()) : "";
    p.systolic = OptSmallInt(line, "systolic", field, errors);
    p.diastolic = OptSmallInt(line, "diastolic", field, errors);
    p.glucose = OptSmallInt(line, "glucose", field, errors);
    b.input.persons.push_back(std::move(p));
  }
  return b;
}

nlohmann::json VisitListJson(const VisitRecord& v) {
  return {{"id", v.id},
          {"client_id", v.client_id},
          {"household_id", v.household_id},
          {"household_number", TextOrNull(v.household_number)},
          {"head_name", TextOrNull(v.head_name)},
          {"village_code", v.village_code},
          {"village_name", v.village_name},
          {"visited_on", v.visited_on},
          {"team_id", ValueOrNull(v.team_id)},
          {"team_name", TextOrNull(v.team_name)},
          {"recorded_by", TextOrNull(v.recorder_name)},
          {"actions", v.actions},
          {"persons", v.person_count},
          {"seen", v.seen_count},
          {"has_photo", v.photos > 0},
          {"state", v.state},
          {"void_reason", TextOrNull(v.void_reason)},
          {"created_at", v.created_at},
          {"version", v.version}};
}

nlohmann::json VisitDetailJson(const VisitRecord& v, const std::vector<VisitLineRecord>& lines,
                               const std::vector<VisitStaffRecord>& staff) {
  auto j = VisitListJson(v);
  j["findings"] = TextOrNull(v.findings);
  j["needs"] = TextOrNull(v.needs);
  j["next_steps"] = TextOrNull(v.next_steps);
  j["household_version"] = v.household_version;
  j["voided_at"] = TextOrNull(v.voided_at);
  j["photo_url"] = v.photos > 0 ? nlohmann::json("/api/v1/visits/" + std::to_string(v.id) + "/photo") : nlohmann::json(nullptr);
  j["lines"] = nlohmann::json::array();
  for (const auto& l : lines)
    j["lines"].push_back({{"person_id", l.person_id},
                          {"name", l.name},
                          {"seen", l.seen},
                          {"reason", TextOrNull(l.reason)},
                          {"note", TextOrNull(l.note)},
                          {"systolic", ValueOrNull(l.systolic)},
                          {"diastolic", ValueOrNull(l.diastolic)},
                          {"glucose", ValueOrNull(l.glucose)}});
  j["staff"] = nlohmann::json::array();
  for (const auto& s : staff) j["staff"].push_back({{"team_member_id", s.team_member_id}, {"name", s.name}});
  return j;
}

nlohmann::json Detail(soci::session& sql, const VisitRecord& v) {
  return VisitDetailJson(v, LinesOf(sql, v.tenant_id, v.id), StaffOf(sql, v.tenant_id, v.id));
}

// The household and its current members as the device should now see them (the 409's body).
nlohmann::json CurrentHousehold(soci::session& sql, const HouseholdRef& h) {
  nlohmann::json persons = nlohmann::json::array();
  for (const auto& m : MembersOn(sql, h.tenant_id, h.id, TodayShanghai())) persons.push_back(MemberJson(m));
  return {{"household", HouseholdJson(h)}, {"persons", persons}};
}

Result<VisitFilter> ParseVisitFilter(const Request& req) {
  VisitFilter f;
  Errors errors;
  f.village = req.Query("village");
  if (!f.village.empty() && f.village.size() != 12) errors.push_back(Invalid("village", "村代码应为 12 位"));
  f.team = IdQuery(req, "team", errors);
  f.household = IdQuery(req, "household", errors);
  f.from = req.Query("from");
  if (!f.from.empty() && !ParseDate(f.from)) errors.push_back(Invalid("from", "起始日期格式应为 YYYY-MM-DD"));
  f.to = req.Query("to");
  if (!f.to.empty() && !ParseDate(f.to)) errors.push_back(Invalid("to", "截至日期格式应为 YYYY-MM-DD"));
  if (ParseDate(f.from) && ParseDate(f.to) && f.from > f.to) errors.push_back(Invalid("to", "截至日期不能早于起始日期"));
  f.state = req.Query("state", "active");
  if (f.state != "active" && f.state != "void" && f.state != "all")
    errors.push_back(Invalid("state", "状态应为 active（有效）、void（已作废）或 all"));
  f.q = Trim(req.Query("q"));
  if (Utf8Length(f.q) > 50) errors.push_back(Invalid("q", "搜索内容过长"));
  if (!errors.empty()) return errors;
  return f;
}

}  // namespace

void RegisterVisitRoutes(http::Router& router, platform::Services& s) {
  router.Add({.method = "GET",
              .pattern = "/api/v1/visits",
              .permission = "health:visit:list",
              .handler = [&s](Request& req) -> Response {
                auto p = http::ParseListParams(req, {"date"}, "-date");
                auto f = ParseVisitFilter(req);
                if (!f.ok()) return http::Problem(f.errors());
                return s.db.Read([&](soci::session& sql) -> Response {
                  const auto villages = CallerVillages(sql, req);
                  if (!f.value().village.empty() && !villages.Allows(f.value().village))
                    return http::Problem({Error{ErrorCode::kNotFound, "该村不在您的负责范围内", "village"}});
                  const int64_t total = CountVisits(sql, req.who().scope, villages, f.value());
                  nlohmann::json items = nlohmann::json::array();
                  for (const auto& v : ListVisits(sql, req.who().scope, villages, f.value(), p.sort_desc, p.Offset(), p.size))
                    items.push_back(VisitListJson(v));
                  return JsonResponse(200, http::ListBody(items, total, p));
                });
              }});

  // Before /{id}: the bundle a phone downloads before going where the signal is weak. Four
  // queries whatever the number of households; ID numbers and phones masked.
  router.Add({.method = "GET",
              .pattern = "/api/v1/visits/offline-bundle",
              .permission = "health:visit:list",
              .handler = [&s](Request& req) -> Response {
                return s.db.Read([&](soci::session& sql) -> Response {
                  const auto villages = CallerVillages(sql, req);
                  const std::string today = TodayShanghai();
                  const auto& scope = req.who().scope;
                  nlohmann::json households = nlohmann::json::array();
                  std::map<int64_t, size_t> at;
                  std::map<std::string, std::string> names;
                  for (const auto& h : BundleHouseholds(sql, scope, villages)) {
                    auto j = HouseholdJson(h);
                    j["persons"] = nlohmann::json::array();
                    j["service_items"] = nlohmann::json::array();
                    at[h.id] = households.size();
                    names[h.village_code] = h.village_name;
                    households.push_back(std::move(j));
                  }
                  int64_t persons = 0;
                  for (const auto& m : BundleMembers(sql, scope, villages, today)) {
                    auto it = at.find(m.household_id);
                    if (it == at.end()) continue;
                    households[it->second]["persons"].push_back(MemberJson(m));
                    ++persons;
                  }
                  for (const auto& item : OpenItemsInScope(sql, scope, villages)) {
                    auto it = at.find(item.household_id);
                    if (it != at.end()) households[it->second]["service_items"].push_back(ServiceItemJson(item));
                  }
                  nlohmann::json team = nlohmann::json::array();
                  for (const auto& m : TeamMatesOf(sql, req.who().tenant_id, req.who().user_id, today))
                    team.push_back({{"id", m.id}, {"team_id", m.team_id}, {"name", m.name}, {"role", m.role}, {"is_me", m.user_id == req.who().user_id}});
                  nlohmann::json village_list = nlohmann::json::array();
                  for (const auto& [code, name] : names) village_list.push_back({{"code", code}, {"name", name}});
                  return JsonResponse(200, {{"generated_at", NowUtc()},
                                            {"today", today},
                                            {"villages", village_list},
                                            {"household_count", households.size()},
                                            {"person_count", persons},
                                            {"households", households},
                                            {"team_members", team},
                                            {"actions", VisitActions()},
                                            {"not_seen_reasons", NotSeenReasons()}});
                });
              }});

  // The visit form of one household: its current members, its version, its open service items
  // and the team answering for its village today with that team's members.
  router.Add({.method = "GET",
              .pattern = "/api/v1/visits/form/{household_id}",
              .permission = "health:visit:list",
              .handler = [&s](Request& req) -> Response {
                const int64_t id = req.IdParam("household_id");
                return s.db.Read([&](soci::session& sql) -> Response {
                  const auto villages = CallerVillages(sql, req);
                  auto h = FindHousehold(sql, req.who().scope, villages, id);
                  if (!h) return http::Problem({Error{ErrorCode::kNotFound, "建档立卡户不存在", "household_id"}});
                  const std::string today = TodayShanghai();
                  auto j = CurrentHousehold(sql, *h);
                  j["service_items"] = nlohmann::json::array();
                  for (const auto& item : ItemsOfHousehold(sql, h->tenant_id, h->id, false))
                    j["service_items"].push_back(ServiceItemJson(item));
                  j["team"] = nullptr;
                  j["team_members"] = nlohmann::json::array();
                  if (auto team = TeamOfVillage(sql, h->tenant_id, h->village_code, today)) {
                    j["team"] = {{"id", team->id}, {"name", team->name}, {"leader_name", team->leader_name}};
                    for (const auto& m : TeamMembersOn(sql, h->tenant_id, team->id, today))
                      j["team_members"].push_back({{"id", m.id}, {"name", m.name}, {"role", m.role}, {"is_me", m.user_id == req.who().user_id}});
                  }
                  j["actions"] = VisitActions();
                  j["not_seen_reasons"] = NotSeenReasons();
                  return JsonResponse(200, j);
                });
              }});

  router.Add({.method = "GET",
              .pattern = "/api/v1/visits/{id}",
              .permission = "health:visit:list",
              .handler = [&s](Request& req) -> Response {
                const int64_t id = req.IdParam();
                return s.db.Read([&](soci::session& sql) -> Response {
                  auto v = FindVisit(sql, req.who().scope, CallerVillages(sql, req), id);
                  if (!v) return http::Problem({VisitNotFound()});
                  return JsonResponse(200, Detail(sql, *v));
                });
              }});

  router.Add({.method = "POST",
              .pattern = "/api/v1/visits",
              .permission = "health:visit:edit",
              .audit_action = "create",
              .record_type = "visit",
              .handler = [&s](Request& req) -> Response {
                const auto body = req.Json();
                Errors errors;
                const VisitBody in = BodyFromJson(body, errors);
                // The request as understood, to tell a retry (same) from another visit (different).
                const std::string canonical = body.dump();
                nlohmann::json conflict_extra;
                bool replayed = false;
                auto r = platform::db::WriteOrConflict(
                    s.db,
                    [&](soci::session& sql) -> Result<nlohmann::json> {
                      const int64_t tenant = req.who().scope.home_tenant;
                      const auto villages = CallerVillages(sql, req);
                      if (IsClientId(in.input.client_id)) {
                        if (auto stored = FindVisitByClientId(sql, tenant, in.input.client_id)) {
                          if (stored->body_json != canonical || !villages.Allows(stored->village_code))
                            return Error{ErrorCode::kConflict, "该客户端编号已用于另一条走访记录", "client_id"};
                          replayed = true;
                          return Detail(sql, *stored);
                        }
                      }
                      if (in.household_id <= 0) {
                        auto v = ValidateVisit(in.input, {}, TodayDate());
                        if (!v.ok()) errors.insert(errors.end(), v.errors().begin(), v.errors().end());
                        return errors;
                      }
                      auto h = HouseholdForWrite(sql, req, villages, in.household_id, "household_id");
                      if (!h.ok()) return h.errors();
                      if (in.household_version && *in.household_version != h.value().version) {
                        conflict_extra = CurrentHousehold(sql, h.value());
                        return Error{ErrorCode::kConflict, "该户信息已被更新（成员或情况有变化），请核对后重新登记",
                                     "household_version"};
                      }
                      const auto on = ParseDate(in.input.visited_on);
                      const std::string day = on ? in.input.visited_on : TodayShanghai();
                      std::vector<int64_t> members;
                      std::map<int64_t, std::string> names;
                      for (const auto& m : MembersOn(sql, h.value().tenant_id, h.value().id, day)) {
                        members.push_back(m.id);
                        names[m.id] = m.name;
                      }
                      auto v = ValidateVisit(in.input, members, TodayDate());
                      if (!v.ok()) errors.insert(errors.end(), v.errors().begin(), v.errors().end());
                      const auto team = TeamOfVillage(sql, h.value().tenant_id, h.value().village_code, day);
                      std::vector<VisitStaffRecord> staff;
                      {
                        std::map<int64_t, std::string> mates;
                        if (team)
                          for (const auto& m : TeamMembersOn(sql, h.value().tenant_id, team->id, day)) mates[m.id] = m.name;
                        for (const int64_t id : in.staff) {
                          auto it = mates.find(id);
                          if (it == mates.end()) {
                            errors.push_back(Invalid("staff", "参加走访的人员应为负责该村的帮扶队当日在队队员"));
                            break;
                          }
                          if (std::none_of(staff.begin(), staff.end(), [&](const auto& x) { return x.team_member_id == id; }))
                            staff.push_back({id, it->second});
                        }
                      }
                      if (!errors.empty()) return errors;
                      VisitRecord rec;
                      rec.tenant_id = h.value().tenant_id;
                      rec.client_id = in.input.client_id;
                      rec.household_id = h.value().id;
                      rec.village_code = h.value().village_code;
                      rec.visited_on = in.input.visited_on;
                      if (team) rec.team_id = team->id;
                      rec.findings = in.input.findings;
                      rec.needs = in.input.needs;
                      rec.next_steps = in.input.next_steps;
                      rec.actions = in.input.actions;
                      rec.household_version = h.value().version;
                      rec.body_json = canonical;
                      rec.id = InsertVisit(sql, rec, req.who().user_id);
                      std::vector<VisitLineRecord> lines;
                      for (const auto& p : in.input.persons) {
                        VisitLineRecord l;
                        l.person_id = p.person_id;
                        l.name = names[p.person_id];
                        l.seen = *p.seen;
                        l.reason = p.reason;
                        l.note = p.note;
                        if (p.systolic) l.systolic = *p.systolic;
                        if (p.diastolic) l.diastolic = *p.diastolic;
                        if (p.glucose) l.glucose = *p.glucose;
                        lines.push_back(std::move(l));
                      }
                      InsertLines(sql, rec, lines);
                      InsertStaff(sql, rec.tenant_id, rec.id, staff);
                      RefreshHousehold(sql, rec.tenant_id, rec.household_id, TodayDate());
                      auto stored = FindVisit(sql, WriteScope(req.who().scope), registry::VillageScope{}, rec.id);
                      auto ev = audit::EventFor(req, "create", "visit", std::to_string(rec.id));
                      ev.after = {{"client_id", rec.client_id},
                                  {"household_id", rec.household_id},
                                  {"village_code", rec.village_code},
                                  {"visited_on", rec.visited_on},
                                  {"persons", lines.size()},
                                  {"seen", std::count_if(lines.begin(), lines.end(), [](const auto& l) { return l.seen; })}};
                      audit::Append(sql, ev);
                      return Detail(sql, *stored);
                    },
                    [](const std::string&) -> Result<nlohmann::json> {
                      // Two sends of one visit at the same moment: the other one was stored.
                      return Error{ErrorCode::kConflict, "该走访记录正在保存，请稍后刷新查看", "client_id"};
                    });
                if (!r.ok()) return http::Problem(r.errors(), conflict_extra.is_null() ? nlohmann::json::object() : conflict_extra);
                return JsonResponse(replayed ? 200 : 201, r.value());
              }});

  router.Add({.method = "POST",
              .pattern = "/api/v1/visits/{id}/void",
              .permission = "health:visit:edit",
              .audit_action = "void",
              .record_type = "visit",
              .handler = [&s](Request& req) -> Response {
                const int64_t id = req.IdParam();
                const auto body = req.Json();
                Errors errors;
                const std::string reason = Trim(http::JsonText(body, "reason", errors));
                if (reason.empty()) errors.push_back(Invalid("reason", "请填写作废原因"));
                else if (Utf8Length(reason) > 200) errors.push_back(Invalid("reason", "作废原因不能超过 200 字"));
                const int64_t version = http::JsonVersion(body, errors);
                auto r = s.db.Write([&](soci::session& sql) -> Result<nlohmann::json> {
                  auto v = FindVisit(sql, WriteScope(req.who().scope), CallerVillages(sql, req), id);
                  if (!v) return VisitNotFound();
                  if (v->state != "active") return Error{ErrorCode::kConflict, "该走访记录已作废", "id"};
                  if (!errors.empty()) return errors;
                  if (!VoidVisit(sql, v->tenant_id, id, reason, version, req.who().user_id))
                    return Error{ErrorCode::kConflict, "走访记录已被他人修改，请刷新后重试", "version"};
                  RefreshHousehold(sql, v->tenant_id, v->household_id, TodayDate());
                  auto ev = audit::EventFor(req, "void", "visit", std::to_string(id));
                  ev.before = {{"state", "active"}, {"household_id", v->household_id}, {"visited_on", v->visited_on}};
                  ev.after = {{"state", "void"}, {"void_reason", reason}};
                  audit::Append(sql, ev);
                  auto stored = FindVisit(sql, WriteScope(req.who().scope), registry::VillageScope{}, id);
                  return Detail(sql, *stored);
                });
                return http::JsonOrProblem(r);
              }});

  router.Add({.method = "POST",
              .pattern = "/api/v1/visits/{id}/photo",
              .permission = "health:visit:edit",
              .audit_action = "photo",
              .record_type = "visit",
              .max_body_bytes = static_cast<int64_t>(kMaxPhotoBytes) + 1024,
              .handler = [&s](Request& req) -> Response {
                const int64_t id = req.IdParam();
                auto r = s.db.Write([&](soci::session& sql) -> Result<nlohmann::json> {
                  auto v = FindVisit(sql, WriteScope(req.who().scope), CallerVillages(sql, req), id);
                  if (!v) return VisitNotFound();
                  if (v->state != "active") return Error{ErrorCode::kConflict, "该走访记录已作废，不能再添加照片", "id"};
                  auto kind = CheckVisitPhoto(req.body);
                  if (!kind.ok()) return kind.errors();
                  Photo p;
                  p.kind = kind.value().kind;
                  p.content_type = kind.value().content_type;
                  p.bytes = req.body;
                  const int64_t photo = InsertPhoto(sql, v->tenant_id, id, p, req.who().user_id);
                  auto ev = audit::EventFor(req, "photo", "visit", std::to_string(id));
                  ev.after = {{"photo_id", photo}, {"kind", p.kind}, {"size", p.bytes.size()}};
                  audit::Append(sql, ev);
                  return nlohmann::json{{"visit_id", id},
                                        {"photo_id", photo},
                                        {"kind", p.kind},
                                        {"content_type", p.content_type},
                                        {"size", p.bytes.size()},
                                        {"url", "/api/v1/visits/" + std::to_string(id) + "/photo"}};
                });
                return http::JsonOrProblem(r, 201);
              }});

  router.Add({.method = "GET",
              .pattern = "/api/v1/visits/{id}/photo",
              .permission = "health:visit:list",
              .handler = [&s](Request& req) -> Response {
                const int64_t id = req.IdParam();
                auto photo = s.db.Read([&](soci::session& sql) -> Result<Photo> {
                  auto v = FindVisit(sql, req.who().scope, CallerVillages(sql, req), id);
                  if (!v) return VisitNotFound();
                  auto p = LatestPhoto(sql, v->tenant_id, id);
                  if (!p) return Error{ErrorCode::kNotFound, "该走访记录没有照片", "photo"};
                  return *p;
                });
                if (!photo.ok()) return http::Problem(photo.errors());
                Response res;
                res.content_type = photo.value().content_type;
                res.body = std::move(photo.value().bytes);
                return res;
              }});
}

}  // namespace qizhi::health::outreach
