// The party office's lists across its scope: every recorded departure from the rules (explained
// or not), what is due by when (overdue first), and the catalogue of the 25 steps the forms use.
// Violations and due items are computed from the records at request time by the rules, so they
// can never disagree with a person's own page.
#include "party/development/filter_params.hpp"
#include "party/development/path.hpp"
#include "party/development/routes_internal.hpp"
#include "party/development/rules.hpp"
#include "party/development/store.hpp"
#include "party/org/overview.hpp"
#include "platform/core/clock.hpp"

namespace qizhi::party::development {
namespace http = platform::http;
using http::JsonResponse;
using http::Request;
using http::Response;

namespace {

std::string Get(const Request& req, const char* name) { return req.Query(name); }

// Everyone in scope (under `org` when given) with their active records, as the rules see them.
struct Loaded {
  std::vector<CandidateRecord> people;
  std::vector<RulesView> views;
};
Result<Loaded> LoadScope(soci::session& sql, const Request& req) {
  std::optional<std::string> org_path;
  if (const std::string org = Get(req, "org"); !org.empty()) {
    auto unit = org::ParseOrgParam(sql, req.who().scope, org);
    if (!unit.ok()) return unit.errors();
    org_path = unit.value().path;
  }
  Loaded out;
  out.people = AllCandidates(sql, req.who().scope, org_path);
  // Records per tenant (a 上级 reads several hospitals).
  std::map<int64_t, std::vector<int64_t>> ids;
  for (const auto& c : out.people) ids[c.tenant_id].push_back(c.id);
  std::map<int64_t, std::vector<RecordRow>> by_candidate;
  for (const auto& [tenant, list] : ids)
    for (auto& r : RecordsOf(sql, tenant, list)) by_candidate[r.candidate_id].push_back(std::move(r));
  for (const auto& c : out.people) out.views.push_back(ToRules(c, by_candidate[c.id]));
  return out;
}

nlohmann::json PersonJson(const CandidateRecord& c) {
  return {{"candidate_id", c.id},      {"tenant_id", c.tenant_id}, {"name", c.name},
          {"unit_id", c.unit_id},      {"unit_name", c.unit_name}, {"role", http::TextOrNull(c.d.role)},
          {"stage", c.d.stage}};
}

Response Page(nlohmann::json items, const http::ListParams& p) {
  const int64_t total = static_cast<int64_t>(items.size());
  nlohmann::json page = nlohmann::json::array();
  for (int64_t i = p.Offset(); i < total && i < p.Offset() + p.size; ++i) page.push_back(items[static_cast<size_t>(i)]);
  return JsonResponse(200, http::ListBody(page, total, p));
}

}  // namespace

void RegisterOfficeRoutes(http::Router& router, platform::Services& s) {
  router.Add({.method = "GET",
              .pattern = "/api/v1/development/violations",
              .permission = "party:development:list",
              .handler = [&s](Request& req) -> Response {
                auto p = http::ParseListParams(req, {"unit"}, "unit");
                Errors errors;
                const std::string state = Get(req, "state");
                if (!state.empty() && state != "open" && state != "explained")
                  errors.push_back(Invalid("state", "state 应为 open（未说明）或 explained（已说明原因）"));
                const std::string code = Get(req, "code");
                bool known = code.empty();
                for (const auto& [c, title] : ViolationCodes()) known = known || c == code;
                if (!known) errors.push_back(Invalid("code", "违规类型不存在"));
                if (!errors.empty()) return http::Problem(errors);
                return s.db.Read([&](soci::session& sql) -> Response {
                  auto loaded = LoadScope(sql, req);
                  if (!loaded.ok()) return http::Problem(loaded.errors());
                  const Date today = TodayDate();
                  nlohmann::json items = nlohmann::json::array();
                  for (size_t i = 0; i < loaded.value().people.size(); ++i) {
                    const auto& view = loaded.value().views[i];
                    for (const auto& v : CheckPath(view.rules, today)) {
                      if (!code.empty() && v.code != code) continue;
                      if (state == "open" && !IsOpen(v)) continue;
                      if (state == "explained" && IsOpen(v)) continue;
                      auto j = PersonJson(loaded.value().people[i]);
                      j.update(ViolationJson(v, view));
                      j["date"] = v.record >= 0 ? nlohmann::json(view.rules.records[static_cast<size_t>(v.record)].date)
                                                : nlohmann::json(nullptr);
                      items.push_back(j);
                    }
                  }
                  return Page(std::move(items), p);
                });
              }});

  router.Add({.method = "GET",
              .pattern = "/api/v1/development/due",
              .permission = "party:development:list",
              .handler = [&s](Request& req) -> Response {
                auto p = http::ParseListParams(req, {"due_on"}, "due_on");
                Errors errors;
                const std::string overdue = Get(req, "overdue");
                if (!overdue.empty() && overdue != "1" && overdue != "0")
                  errors.push_back(Invalid("overdue", "overdue 应为 1 或 0"));
                const std::string to = Get(req, "to");
                if (!to.empty() && !ParseDate(to)) errors.push_back(Invalid("to", "截至日期格式应为 YYYY-MM-DD"));
                if (!errors.empty()) return http::Problem(errors);
                return s.db.Read([&](soci::session& sql) -> Response {
                  auto loaded = LoadScope(sql, req);
                  if (!loaded.ok()) return http::Problem(loaded.errors());
                  const Date today = TodayDate();
                  struct Item {
                    Due due;
                    size_t person;
                  };
                  std::vector<Item> all;
                  for (size_t i = 0; i < loaded.value().people.size(); ++i)
                    for (auto& d : NextDue(loaded.value().views[i].rules, today)) {
                      if (overdue == "1" && !d.overdue) continue;
                      if (!to.empty() && FormatDate(d.due_on) > to) continue;
                      all.push_back({std::move(d), i});
                    }
                  // Overdue first (their dates are the earliest), then by date; the same order for each person.
                  std::stable_sort(all.begin(), all.end(), [](const Item& a, const Item& b) {
                    return std::tie(a.due.due_on, a.person, a.due.step) < std::tie(b.due.due_on, b.person, b.due.step);
                  });
                  if (p.sort_desc) std::reverse(all.begin(), all.end());
                  nlohmann::json items = nlohmann::json::array();
                  for (const auto& it : all) {
                    auto j = PersonJson(loaded.value().people[it.person]);
                    j.update(DueJson(it.due));
                    items.push_back(j);
                  }
                  return Page(std::move(items), p);
                });
              }});

  router.Add({.method = "GET",
              .pattern = "/api/v1/development/steps",
              .permission = "party:development:list",
              .handler = [](Request&) -> Response {
                nlohmann::json steps = nlohmann::json::array();
                for (const auto& st : Steps()) steps.push_back(StepJson(st));
                nlohmann::json codes = nlohmann::json::array();
                for (const auto& [code, title] : ViolationCodes()) codes.push_back({{"code", code}, {"title", title}});
                nlohmann::json roles = Roles();
                return JsonResponse(200, {{"items", steps}, {"violation_codes", codes}, {"roles", roles}});
              }});
}

}  // namespace qizhi::party::development
