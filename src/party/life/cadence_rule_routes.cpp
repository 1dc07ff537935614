// /api/v1/life/cadence-rules: the cadence rules of the caller's hospital — its stored set, or the
// defaults (DefaultCadence) while it keeps none — and replacing the whole set (party:life:rules).
// Every rule is checked by ValidateCadenceRule, its errors named rules[i].field; the old rows
// get superseded_at (kept), and the change is audited with both sets. The overdue list, the due
// list, the ledger and the calendar read the stored set from the next request on.
#include "party/life/store.hpp"
#include "party/org/rules.hpp"
#include "platform/audit/store.hpp"
#include "platform/http/router.hpp"
#include "platform/services.hpp"

namespace qizhi::party::life {
namespace http = platform::http;
namespace audit = platform::audit;
using http::JsonResponse;
using http::Request;
using http::Response;

namespace {

// Enough for every type × unit kind × presenter; more is a mistake, not a cadence.
constexpr size_t kMaxRules = 100;

nlohmann::json RuleJson(const CadenceRule& r) {
  return {{"meeting_type", r.meeting_type},
          {"type_title", MeetingTypeTitle(r.meeting_type)},
          {"applies_to", r.applies_to},
          {"applies_to_title", org::KindTitle(r.applies_to)},
          {"period", r.period},
          {"min_count", r.min_count},
          {"presenter_role", r.presenter_role},
          {"fixed_day", r.fixed_day},
          {"needs_committee", r.needs_committee}};
}
nlohmann::json RulesJson(const std::vector<CadenceRule>& rules) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& r : rules) out.push_back(RuleJson(r));
  return out;
}

nlohmann::json SetJson(soci::session& sql, int64_t tenant) {
  const auto stored = StoredRules(sql, {tenant});
  const auto it = stored.find(tenant);
  const bool own = it != stored.end();
  return {{"stored", own}, {"items", RulesJson(own ? it->second : DefaultCadence())}, {"defaults", RulesJson(DefaultCadence())}};
}

// One rule of the body; a field of the wrong type is an error naming rules[i].field.
CadenceRule RuleFromJson(const nlohmann::json& j, const std::string& at, Errors& errors) {
  CadenceRule r;
  const auto text = [&](const char* name, std::string& out, bool required) {
    if (!j.contains(name) || j[name].is_null()) {
      if (required) errors.push_back(Invalid(at + name, "必填"));
      return;
    }
    if (!j[name].is_string()) errors.push_back(Invalid(at + name, "应为文本"));
    else out = j[name].get<std::string>();
  };
  const auto integer = [&](const char* name, int& out, bool required) {
    if (!j.contains(name) || j[name].is_null()) {
      if (required) errors.push_back(Invalid(at + name, "必填"));
      return;
    }
    if (!j[name].is_number_integer() || j[name].get<int64_t>() < -1000 || j[name].get<int64_t>() > 1000)
      errors.push_back(Invalid(at + name, "应为整数"));
    else out = static_cast<int>(j[name].get<int64_t>());
  };
  text("meeting_type", r.meeting_type, true);
  text("applies_to", r.applies_to, true);
  text("period", r.period, true);
  integer("min_count", r.min_count, true);
  text("presenter_role", r.presenter_role, false);
  integer("fixed_day", r.fixed_day, false);
  if (j.contains("needs_committee") && !j["needs_committee"].is_null()) {
    if (!j["needs_committee"].is_boolean()) errors.push_back(Invalid(at + "needs_committee", "应为是或否"));
    else r.needs_committee = j["needs_committee"].get<bool>();
  }
  return r;
}

Result<std::vector<CadenceRule>> RulesFromBody(const nlohmann::json& body) {
  if (!body.is_object() || !body.contains("rules") || !body["rules"].is_array())
    return Invalid("rules", "请提交频次规则列表");
  const auto& list = body["rules"];
  if (list.empty()) return Invalid("rules", "至少保留一条频次规则");
  if (list.size() > kMaxRules) return Invalid("rules", "频次规则不能超过 " + std::to_string(kMaxRules) + " 条");
  Errors errors;
  std::vector<CadenceRule> rules;
  for (size_t i = 0; i < list.size(); ++i) {
    const std::string at = "rules[" + std::to_string(i) + "]";
    if (!list[i].is_object()) {
      errors.push_back(Invalid(at, "规则格式无效"));
      continue;
    }
    Errors own;
    auto r = RuleFromJson(list[i], at + ".", own);
    if (own.empty()) {
      auto v = ValidateCadenceRule(r);
      if (!v.ok())
        for (const auto& e : v.errors()) own.push_back(Invalid(at + "." + e.field, e.message));
    }
    errors.insert(errors.end(), own.begin(), own.end());
    rules.push_back(std::move(r));
  }
  if (!errors.empty()) return errors;
  return rules;
}

}  // namespace

void RegisterCadenceRuleRoutes(http::Router& router, platform::Services& s) {
  router.Add({.method = "GET",
              .pattern = "/api/v1/life/cadence-rules",
              .permission = "party:life:list",
              .handler = [&s](Request& req) -> Response {
                return s.db.Read([&](soci::session& sql) -> Response {
                  return JsonResponse(200, SetJson(sql, req.who().scope.home_tenant));
                });
              }});

  router.Add({.method = "PUT",
              .pattern = "/api/v1/life/cadence-rules",
              .permission = "party:life:rules",
              .audit_action = "update",
              .record_type = "life_cadence_rules",
              .handler = [&s](Request& req) -> Response {
                auto rules = RulesFromBody(req.Json());
                if (!rules.ok()) return http::Problem(rules.errors());
                const int64_t tenant = req.who().scope.home_tenant;
                auto r = s.db.Write([&](soci::session& sql) -> Result<nlohmann::json> {
                  const auto before = SetJson(sql, tenant);
                  ReplaceCadenceRules(sql, tenant, rules.value(), req.who().user_id);
                  auto ev = audit::EventFor(req, "update", "life_cadence_rules", std::to_string(tenant));
                  ev.before = {{"stored", before["stored"]}, {"items", before["items"]}};
                  ev.after = {{"stored", true}, {"items", RulesJson(rules.value())}};
                  audit::Append(sql, ev);
                  return SetJson(sql, tenant);
                });
                return http::JsonOrProblem(r);
              }});
}

}  // namespace qizhi::party::life
