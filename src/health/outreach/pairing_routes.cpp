// /api/v1/outreach/pairings: 一对一帮扶 — a Party member of the hospital paired with a household,
// listed by member, household, village, current or all; pairing (re-pairing ends the current
// pairing with a reason) and ending with a date and reason. A household outside the caller's
// villages is unknown to them (404).
#include "health/outreach/pairing_store.hpp"
#include "health/outreach/team_routes.hpp"
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

namespace {

Error PairingNotFound() { return Error{ErrorCode::kNotFound, "结对记录不存在", "id"}; }

registry::VillageScope VillagesOf(soci::session& sql, const Request& req, int64_t tenant) {
  return registry::VillageScopeOf(sql, tenant, req.who().user_id, req.who().Has("health:scope:all"), TodayShanghai());
}

nlohmann::json PairingJson(const Pairing& p, const std::string& today) {
  return {{"id", p.id},
          {"tenant_id", p.tenant_id},
          {"member_id", p.member_id},
          {"member_name", p.member_name},
          {"household_id", p.household_id},
          {"household_number", http::TextOrNull(p.household_number)},
          {"head_name", http::TextOrNull(p.head_name)},
          {"village_code", p.village_code},
          {"village_name", p.village_name},
          {"from_on", p.from_on},
          {"to_on", http::TextOrNull(p.to_on)},
          {"end_reason", http::TextOrNull(p.end_reason)},
          {"note", http::TextOrNull(p.note)},
          {"current", p.to_on.empty() || p.to_on > today},
          {"created_at", p.created_at}};
}

std::optional<int64_t> QueryId(const Request& req, const char* name, const std::string& title, Errors& errors) {
  const std::string v = req.Query(name);
  if (v.empty()) return std::nullopt;
  if (v.size() > 18 || v.find_first_not_of("0123456789") != std::string::npos || std::stoll(v) <= 0) {
    errors.push_back(Invalid(name, title + "应为有效的编号"));
    return std::nullopt;
  }
  return std::stoll(v);
}

}  // namespace

void RegisterPairingRoutes(http::Router& router, platform::Services& s) {
  router.Add({.method = "GET",
              .pattern = "/api/v1/outreach/pairings",
              .permission = "health:outreach:list",
              .handler = [&s](Request& req) -> Response {
                auto p = http::ParseListParams(req, {"id", "member", "from_on", "village"}, "id");
                Errors errors;
                PairingFilter f;
                f.today = TodayShanghai();
                f.member_id = QueryId(req, "member", "党员", errors);
                f.household_id = QueryId(req, "household", "帮扶户", errors);
                f.village = req.Query("village");
                if (!f.village.empty() && (f.village.size() != 12 || f.village.find_first_not_of("0123456789") != std::string::npos))
                  errors.push_back(Invalid("village", "村代码应为 12 位数字"));
                f.state = req.Query("state", "current");
                if (f.state != "current" && f.state != "ended" && f.state != "all")
                  errors.push_back(Invalid("state", "状态应为 current、ended 或 all"));
                f.text = Trim(p.q);
                if (Utf8Length(f.text) > 30) errors.push_back(Invalid("q", "搜索内容过长"));
                if (!errors.empty()) return http::Problem(errors);
                return s.db.Read([&](soci::session& sql) -> Response {
                  const auto villages = VillagesOf(sql, req, req.who().scope.home_tenant);
                  const int64_t total = CountPairings(sql, req.who().scope, villages, f);
                  nlohmann::json items = nlohmann::json::array();
                  for (const auto& x : ListPairings(sql, req.who().scope, villages, f, p.sort_field, p.sort_desc, p.Offset(), p.size))
                    items.push_back(PairingJson(x, f.today));
                  return JsonResponse(200, http::ListBody(items, total, p));
                });
              }});

  router.Add({.method = "POST",
              .pattern = "/api/v1/outreach/pairings",
              .permission = "health:outreach:edit",
              .audit_action = "create",
              .record_type = "outreach_pairing",
              .handler = [&s](Request& req) -> Response {
                auto body = req.Json();
                Errors errors;
                auto member_id = JsonOptId(body, "member_id", "党员", errors);
                if (!body.contains("member_id") || body["member_id"].is_null()) errors.push_back(Invalid("member_id", "请选择结对党员"));
                auto household_id = JsonOptId(body, "household_id", "帮扶户", errors);
                if (!body.contains("household_id") || body["household_id"].is_null()) errors.push_back(Invalid("household_id", "请选择帮扶户"));
                auto from = RequiredDate(http::JsonText(body, "from_on", errors), "from_on", "结对开始日期");
                if (!from.ok()) errors.push_back(from.error());
                const std::string end_reason = Trim(http::JsonText(body, "end_reason", errors));
                const std::string note = JsonLimited(body, "note", "备注", 500, errors);
                const Scope scope = WriteScope(req.who().scope);
                auto r = s.db.Write([&](soci::session& sql) -> Result<nlohmann::json> {
                  const int64_t tenant = scope.home_tenant;
                  const auto villages = VillagesOf(sql, req, tenant);
                  std::optional<PairedHousehold> household;
                  if (household_id) {
                    household = FindPairedHousehold(sql, scope, villages, *household_id);
                    if (!household) return Error{ErrorCode::kNotFound, "帮扶户不存在", "household_id"};
                  }
                  std::string member_name;
                  if (member_id) {
                    auto name = ActiveMemberName(sql, tenant, *member_id);
                    if (!name) errors.push_back(Invalid("member_id", "结对党员不在本院党员名册中"));
                    else member_name = *name;
                  }
                  if (!errors.empty()) return errors;
                  if (household->state != "active")
                    return Error{ErrorCode::kConflict, "该户已销户，不能再结对", "household_id"};
                  auto plan = PlanPairing(*member_id, from.value(), PairingsOfHousehold(sql, tenant, household->id), end_reason);
                  if (!plan.ok()) return plan.errors();
                  Pairing p;
                  p.tenant_id = tenant;
                  p.member_id = *member_id;
                  p.member_name = member_name;
                  p.household_id = household->id;
                  p.village_code = household->village_code;
                  p.from_on = FormatDate(from.value());
                  p.note = note;
                  if (plan.value().end_id) {
                    EndPairing(sql, tenant, plan.value().end_id, p.from_on, end_reason, req.who().user_id);
                    auto ev = audit::EventFor(req, "end", "outreach_pairing", std::to_string(plan.value().end_id));
                    ev.after = {{"to_on", p.from_on}, {"end_reason", end_reason}, {"replaced_by_member_id", p.member_id}};
                    audit::Append(sql, ev);
                  }
                  p.id = InsertPairing(sql, p, req.who().user_id);
                  auto ev = audit::EventFor(req, "create", "outreach_pairing", std::to_string(p.id));
                  ev.after = {{"member_id", p.member_id}, {"member_name", p.member_name}, {"household_id", p.household_id},
                              {"village_code", p.village_code}, {"from_on", p.from_on}};
                  audit::Append(sql, ev);
                  return PairingJson(*FindPairing(sql, scope, villages, p.id), TodayShanghai());
                });
                return http::JsonOrProblem(r, 201);
              }});

  router.Add({.method = "POST",
              .pattern = "/api/v1/outreach/pairings/{id}/end",
              .permission = "health:outreach:edit",
              .audit_action = "end",
              .record_type = "outreach_pairing",
              .handler = [&s](Request& req) -> Response {
                const int64_t id = req.IdParam();
                auto body = req.Json();
                Errors errors;
                const std::string to = http::JsonText(body, "to_on", errors);
                const std::string reason = Trim(http::JsonText(body, "reason", errors));
                const Scope scope = WriteScope(req.who().scope);
                auto r = s.db.Write([&](soci::session& sql) -> Result<nlohmann::json> {
                  const auto villages = VillagesOf(sql, req, scope.home_tenant);
                  auto p = FindPairing(sql, scope, villages, id);
                  if (!p) return PairingNotFound();
                  if (!errors.empty()) return errors;
                  PairingSpan span{p->id, p->member_id, p->member_name, p->from_on, p->to_on};
                  if (auto st = CheckPairingEnd(span, to, reason); !st.ok()) return st.errors();
                  EndPairing(sql, p->tenant_id, id, to, reason, req.who().user_id);
                  auto ev = audit::EventFor(req, "end", "outreach_pairing", std::to_string(id));
                  ev.before = {{"to_on", nullptr}};
                  ev.after = {{"to_on", to}, {"end_reason", reason}};
                  audit::Append(sql, ev);
                  return PairingJson(*FindPairing(sql, scope, villages, id), TodayShanghai());
                });
                return http::JsonOrProblem(r);
              }});
}

}  // namespace qizhi::health::outreach
