// /api/v1/integrity/self-checks: 九不准 self-checks per member and period (year or half year),
// each of the nine items answered 无/有, an issue with its 整改措施, due date and, when done, the
// date done. Recording the same member and period again (a follow-up: 整改完成) is a new
// version; every earlier version stays readable.
#include <algorithm>

#include "party/integrity/roll.hpp"
#include "party/integrity/routes.hpp"
#include "party/members/store.hpp"
#include "platform/audit/store.hpp"
#include "platform/core/clock.hpp"
#include "platform/core/text.hpp"

namespace qizhi::party::integrity {
namespace http = platform::http;
using http::JsonResponse;
using http::Request;
using http::Response;

namespace {

nlohmann::json AnswersJson(const std::vector<Answer>& answers) {
  nlohmann::json out = nlohmann::json::array();
  const auto& items = NineProhibitions();
  for (const auto& a : answers)
    out.push_back({{"item", a.item},
                   {"title", a.item >= 1 && a.item <= static_cast<int>(items.size()) ? items[a.item - 1] : ""},
                   {"found", a.found},
                   {"issue", http::TextOrNull(a.issue)},
                   {"measures", http::TextOrNull(a.measures)},
                   {"due_on", http::TextOrNull(a.due_on)},
                   {"done_on", http::TextOrNull(a.done_on)}});
  return out;
}

nlohmann::json CheckJson(const SelfCheck& c, bool with_answers) {
  nlohmann::json out = {{"id", c.id},
                        {"tenant_id", c.tenant_id},
                        {"member_id", c.member_id},
                        {"name", c.member_name},
                        {"unit_name", c.unit_name},
                        {"period", c.period},
                        {"period_title", PeriodTitle(c.period)},
                        {"checked_on", c.checked_on},
                        {"issues", c.issues},
                        {"status", c.status},
                        {"version", c.version},
                        {"recorded_at", c.created_at},
                        {"recorded_by", http::TextOrNull(c.created_by_name)},
                        {"current", c.superseded_at.empty()},
                        {"superseded_at", http::TextOrNull(c.superseded_at)}};
  if (with_answers) out["answers"] = AnswersJson(c.answers);
  return out;
}

// The body's answers; a malformed one adds an error naming answers[i].
std::vector<Answer> AnswersFromBody(const nlohmann::json& body, Errors& errors) {
  std::vector<Answer> out;
  if (!body.contains("answers") || !body["answers"].is_array()) {
    errors.push_back(Invalid("answers", "请逐条回答“九不准”全部 9 项"));
    return out;
  }
  const auto& list = body["answers"];
  for (size_t i = 0; i < list.size(); ++i) {
    const auto& a = list[i];
    const std::string at = "answers[" + std::to_string(i) + "]";
    if (!a.is_object() || !a.contains("item") || !a["item"].is_number_integer() || !a.contains("found") || !a["found"].is_boolean()) {
      errors.push_back(Invalid(at, "每项应为 {item: 1-9, found: true/false, …}"));
      continue;
    }
    Answer x;
    x.item = a["item"].get<int>();
    x.found = a["found"].get<bool>();
    const std::pair<const char*, std::string*> texts[] = {
        {"issue", &x.issue}, {"measures", &x.measures}, {"due_on", &x.due_on}, {"done_on", &x.done_on}};
    for (auto [name, field] : texts) {
      if (a.contains(name) && a[name].is_string()) *field = Trim(a[name].get<std::string>());
      else if (a.contains(name) && !a[name].is_null()) errors.push_back(Invalid(at + "." + name, std::string(name) + " 应为文本"));
    }
    if (!x.found) x.issue.clear(), x.measures.clear(), x.due_on.clear(), x.done_on.clear();
    out.push_back(std::move(x));
  }
  std::sort(out.begin(), out.end(), [](const Answer& a, const Answer& b) { return a.item < b.item; });
  return out;
}

Error CheckNotFound() { return Error{ErrorCode::kNotFound, "自查记录不存在或不在您的管理范围内", "id"}; }

}  // namespace

void RegisterSelfCheckRoutes(http::Router& router, platform::Services& s) {
  router.Add({.method = "GET",
              .pattern = "/api/v1/integrity/self-check-items",
              .permission = "party:integrity:list",
              .handler = [](Request&) -> Response {
                nlohmann::json items = nlohmann::json::array();
                int i = 0;
                for (const auto& t : NineProhibitions()) items.push_back({{"item", ++i}, {"title", t}});
                return JsonResponse(200, {{"items", items},
                                          {"source", "《加强医疗卫生行风建设“九不准”》（国卫办发〔2013〕49号）"}});
              }});

  router.Add({.method = "GET",
              .pattern = "/api/v1/integrity/self-checks",
              .permission = "party:integrity:list",
              .handler = [&s](Request& req) -> Response {
                auto p = http::ParseListParams(req, {"checked_on", "name", "issues", "period"}, "-checked_on");
                return http::JsonOrProblem(s.db.Read([&](soci::session& sql) -> Result<nlohmann::json> {
                  auto f = ParseSelfCheckFilter(sql, req.who().scope, req.query, TodayShanghai());
                  if (!f.ok()) return f.errors();
                  nlohmann::json items = nlohmann::json::array();
                  for (const auto& c : ListSelfChecks(sql, req.who().scope, f.value(), p.sort_field, p.sort_desc, p.Offset(), p.size))
                    items.push_back(CheckJson(c, false));
                  return http::ListBody(items, CountSelfChecks(sql, req.who().scope, f.value()), p);
                }));
              }});

  router.Add({.method = "POST",
              .pattern = "/api/v1/integrity/self-checks",
              .permission = "party:integrity:edit",
              .audit_action = "create",
              .record_type = "integrity_self_check",
              .handler = [&s](Request& req) -> Response {
                const auto body = req.Json();
                Errors errors;
                SelfCheckInput in;
                in.period = Trim(http::JsonText(body, "period", errors));
                in.checked_on = Trim(http::JsonText(body, "checked_on", errors));
                in.answers = AnswersFromBody(body, errors);
                const bool has_member = body.contains("member_id") && body["member_id"].is_number_integer();
                if (!has_member) errors.push_back(Invalid("member_id", "请选择党员"));
                if (auto v = ValidateSelfCheck(in, TodayShanghai()); !v.ok())
                  for (const auto& e : v.errors())
                    if (std::none_of(errors.begin(), errors.end(), [&](const Error& x) { return x.field == e.field; }))
                      errors.push_back(e);
                return http::JsonOrProblem(
                    s.db.Write([&](soci::session& sql) -> Result<nlohmann::json> {
                      const Scope write = WriteScope(req.who().scope);
                      std::optional<members::MemberRecord> m;
                      if (has_member) {
                        const int64_t id = body["member_id"].get<int64_t>();
                        m = members::FindMember(sql, write, id);
                        if (!m && members::FindMember(sql, WholeTenant(write.home_tenant), id))
                          return Error{ErrorCode::kForbidden, "该党员不在您的管理范围内", "member_id"};
                        if (!m) errors.push_back(Invalid("member_id", "党员不存在"));
                        else if (m->state != "active") errors.push_back(Invalid("member_id", "该党员已不在党员名册中"));
                      }
                      if (!errors.empty()) return errors;
                      SelfCheck c;
                      c.tenant_id = write.home_tenant;
                      c.member_id = m->id;
                      c.unit_path = m->unit_path;
                      c.period = in.period;
                      c.checked_on = in.checked_on;
                      c.answers = in.answers;
                      c.issues = IssueCount(in.answers);
                      c.status = SelfCheckStatus(in.answers);
                      InsertSelfCheck(sql, c, req.who().user_id);
                      auto ev = platform::audit::EventFor(req, "create", "integrity_self_check", std::to_string(c.id));
                      ev.after = {{"member_id", c.member_id}, {"period", c.period}, {"version", c.version},
                                  {"issues", c.issues}, {"status", c.status}};
                      platform::audit::Append(sql, ev);
                      return CheckJson(*FindSelfCheck(sql, write, c.id), true);
                    }),
                    201);
              }});

  router.Add({.method = "GET",
              .pattern = "/api/v1/integrity/self-checks/{id}",
              .permission = "party:integrity:list",
              .handler = [&s](Request& req) -> Response {
                const int64_t id = req.IdParam();
                return http::JsonOrProblem(s.db.Read([&](soci::session& sql) -> Result<nlohmann::json> {
                  auto c = FindSelfCheck(sql, req.who().scope, id);
                  if (!c) return CheckNotFound();
                  auto out = CheckJson(*c, true);
                  nlohmann::json versions = nlohmann::json::array();
                  for (const auto& v : SelfCheckVersions(sql, c->tenant_id, c->member_id, c->period)) versions.push_back(CheckJson(v, true));
                  out["versions"] = versions;
                  return out;
                }));
              }});
}

}  // namespace qizhi::party::integrity
