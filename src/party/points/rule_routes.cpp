// /api/v1/points/rules: the tenant's rules — the version of each action in force today, and every
// version (history). A change is a new version effective from a date (party:points:rules); no
// version is edited or removed.
#include <algorithm>

#include "party/points/routes.hpp"
#include "party/points/store.hpp"
#include "platform/audit/store.hpp"
#include "platform/core/clock.hpp"
#include "platform/core/text.hpp"

namespace qizhi::party::points {
namespace http = platform::http;
using http::JsonResponse;
using http::Request;
using http::Response;

namespace {

std::string CycleTitle(const std::string& code) {
  for (const auto& [c, t] : Cycles())
    if (c == code) return t;
  return code;
}

nlohmann::json RuleJson(const PointRule& r, bool current) {
  const Action* a = FindAction(r.action);
  return {{"id", r.id},
          {"action", r.action},
          {"action_title", a ? a->title : r.action},
          {"manual", a && a->manual},
          {"sign", a ? a->sign : 1},
          {"name", r.name},
          {"points", r.points},
          {"cycle", r.cycle},
          {"cycle_title", CycleTitle(r.cycle)},
          {"cycle_cap", r.cycle_cap},
          {"year_cap", r.year_cap},
          {"effective_from", r.effective_from},
          {"enabled", r.enabled},
          {"note", http::TextOrNull(r.note)},
          {"current", current}};
}

// An integer field; a missing or non-integer value adds an error naming it.
int64_t IntField(const nlohmann::json& body, const char* name, const char* label, Errors& errors) {
  if (!body.contains(name) || !body[name].is_number_integer()) {
    errors.push_back(Invalid(name, std::string(label) + "应为整数"));
    return 0;
  }
  return body[name].get<int64_t>();
}

}  // namespace

void RegisterRuleRoutes(http::Router& router, platform::Services& s) {
  router.Add({.method = "GET",
              .pattern = "/api/v1/points/rules",
              .permission = "party:points:list|party:points:own",
              .handler = [&s](Request& req) -> Response {
                return http::JsonOrProblem(s.db.Read([&](soci::session& sql) -> Result<nlohmann::json> {
                  const std::string today = TodayShanghai();
                  const auto versions = RuleVersions(sql, req.who().scope.home_tenant);
                  nlohmann::json items = nlohmann::json::array(), history = nlohmann::json::array();
                  for (const auto& a : Actions()) {
                    const PointRule* now = RuleInForce(versions, a.code, today);
                    if (now) items.push_back(RuleJson(*now, true));
                  }
                  for (auto it = versions.rbegin(); it != versions.rend(); ++it) {
                    const PointRule* now = RuleInForce(versions, it->action, today);
                    history.push_back(RuleJson(*it, now && now->id == it->id));
                  }
                  nlohmann::json actions = nlohmann::json::array(), cycles = nlohmann::json::array();
                  for (const auto& a : Actions())
                    actions.push_back({{"code", a.code}, {"title", a.title}, {"manual", a.manual}, {"sign", a.sign}});
                  for (const auto& [c, t] : Cycles()) cycles.push_back({{"code", c}, {"title", t}});
                  return nlohmann::json{{"items", items}, {"history", history}, {"actions", actions}, {"cycles", cycles}};
                }));
              }});

  router.Add({.method = "POST",
              .pattern = "/api/v1/points/rules",
              .permission = "party:points:rules",
              .audit_action = "create",
              .record_type = "points_rule",
              .handler = [&s](Request& req) -> Response {
                const auto body = req.Json();
                Errors errors;
                PointRule r;
                r.action = http::JsonText(body, "action", errors);
                r.name = Trim(http::JsonText(body, "name", errors));
                r.points = IntField(body, "points", "分值", errors);
                r.cycle = http::JsonText(body, "cycle", errors);
                r.cycle_cap = IntField(body, "cycle_cap", "周期上限", errors);
                r.year_cap = IntField(body, "year_cap", "年度上限", errors);
                r.effective_from = http::JsonText(body, "effective_from", errors);
                r.note = Trim(http::JsonText(body, "note", errors));
                if (body.contains("enabled") && !body["enabled"].is_boolean())
                  errors.push_back(Invalid("enabled", "是否启用应为 true 或 false"));
                else r.enabled = body.value("enabled", true);
                if (Utf8Length(r.note) > 200) errors.push_back(Invalid("note", "说明不能超过 200 个字"));
                return http::JsonOrProblem(
                    s.db.Write([&](soci::session& sql) -> Result<nlohmann::json> {
                      const int64_t tenant = req.who().scope.home_tenant;
                      auto versions = RuleVersions(sql, tenant);
                      std::string latest;
                      for (const auto& v : versions)
                        if (v.action == r.action && v.effective_from > latest) latest = v.effective_from;
                      auto valid = ValidateRule(r, TodayShanghai(), latest);
                      // A field already refused for its type is not judged again.
                      if (!valid.ok())
                        for (const auto& e : valid.errors())
                          if (std::none_of(errors.begin(), errors.end(), [&](const Error& x) { return x.field == e.field; }))
                            errors.push_back(e);
                      if (!errors.empty()) return errors;
                      r.id = InsertRule(sql, tenant, r, req.who().user_id);
                      auto ev = platform::audit::EventFor(req, "create", "points_rule", std::to_string(r.id));
                      ev.after = RuleJson(r, false);
                      platform::audit::Append(sql, ev);
                      return RuleJson(r, r.effective_from <= TodayShanghai());
                    }),
                    201);
              }});
}

}  // namespace qizhi::party::points
