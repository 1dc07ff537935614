// /api/v1/scoring/assessment: the annual target-responsibility assessment of the branches — the
// live ranking computed from the records now, and, once the committee finalises the year (once,
// irreversibly, audited), the frozen ranking that later record changes cannot rewrite.
// /api/v1/scoring/weights: the weights of a year (a save supersedes the previous set).
#include "party/life/cadence_inputs.hpp"
#include "party/scoring/assessment.hpp"
#include "party/scoring/store.hpp"
#include "platform/audit/store.hpp"
#include "platform/core/clock.hpp"
#include "platform/db/database.hpp"
#include "platform/http/router.hpp"
#include "platform/services.hpp"

namespace qizhi::party::scoring {
namespace http = platform::http;
namespace audit = platform::audit;
using http::JsonResponse;
using http::Request;
using http::Response;
using platform::db::WriteOrConflict;

namespace {

nlohmann::json LiveJson(const std::vector<BranchResult>& rows) {
  nlohmann::json items = nlohmann::json::array();
  for (const auto& b : rows)
    items.push_back({{"unit_id", b.ranked.unit_id},
                     {"unit_name", b.ranked.unit_name},
                     {"rank", b.ranked.rank},
                     {"score", http::ValueOrNull(b.ranked.score)},
                     {"score_text", b.ranked.score ? nlohmann::json(ScoreText(*b.ranked.score)) : nlohmann::json(nullptr)},
                     {"measures", MeasuresJson(b.measures, b.assessment)}});
  return items;
}

nlohmann::json FinalisedJson(const FinalisedAssessment& a) {
  nlohmann::json items = nlohmann::json::array();
  for (const auto& r : a.rows)
    items.push_back({{"result_id", r.id},
                     {"unit_id", r.unit_id},
                     {"unit_name", r.unit_name},
                     {"rank", r.rank},
                     {"score", http::ValueOrNull(r.score)},
                     {"score_text", r.score ? nlohmann::json(ScoreText(*r.score)) : nlohmann::json(nullptr)},
                     {"measures", nlohmann::json::parse(r.measures_json)}});
  return {{"id", a.id},
          {"finalised_at", a.finalised_at},
          {"finalised_by", a.finalised_by_name},
          {"weights", nlohmann::json::parse(a.weights_json)},
          {"items", items}};
}

Weights WeightsOf(soci::session& sql, int64_t tenant, int year) { return StoredWeights(sql, tenant, year).value_or(Weights{}); }

}  // namespace

void RegisterAssessmentRoutes(http::Router& router, platform::Services& s) {
  router.Add({.method = "GET",
              .pattern = "/api/v1/scoring/assessment",
              .permission = "party:scoring:list",
              .handler = [&s](Request& req) -> Response {
                const Date today = TodayDate();
                return s.db.Read([&](soci::session& sql) -> Response {
                  Errors errors;
                  auto year = ParseYear(req.Query("year"), today);
                  if (!year.ok()) errors.push_back(year.error());
                  auto org = life::ScopeOfOrg(sql, req.who().scope, req.Query("org"), false);
                  if (!org.ok() && org.error().code == ErrorCode::kNotFound) return http::Problem(org.errors());
                  if (!org.ok()) errors.push_back(org.error());
                  if (!errors.empty()) return http::Problem(errors);
                  // One hospital's ranking: the org's, else the caller's own.
                  Scope scope = org.value().scope;
                  const int64_t tenant = org.value().unit ? org.value().unit->tenant_id : scope.home_tenant;
                  scope.tenants = {tenant};
                  const Weights w = WeightsOf(sql, tenant, year.value());
                  nlohmann::json body = {{"year", year.value()},
                                         {"tenant_id", tenant},
                                         {"weights", WeightsJson(w)},
                                         {"weights_stored", StoredWeights(sql, tenant, year.value()).has_value()},
                                         {"items", LiveJson(LiveAssessment(sql, scope, year.value(), w, today))},
                                         {"finalised", nullptr}};
                  if (auto f = FindFinalised(sql, scope, tenant, year.value())) body["finalised"] = FinalisedJson(*f);
                  return JsonResponse(200, body);
                });
              }});

  router.Add({.method = "PUT",
              .pattern = "/api/v1/scoring/weights",
              .permission = "party:scoring:config",
              .audit_action = "update",
              .record_type = "score_weights",
              .handler = [&s](Request& req) -> Response {
                const auto body = req.Json();
                Errors errors;
                const std::string year_text = body.contains("year") && body["year"].is_number_integer()
                                                  ? std::to_string(body["year"].get<int64_t>())
                                                  : http::JsonText(body, "year", errors);
                auto year = ParseYear(year_text, TodayDate());
                if (!year.ok()) errors.push_back(year.error());
                Weights w;
                const auto& wj = body.contains("weights") && body["weights"].is_object() ? body["weights"] : nlohmann::json();
                if (wj.is_null()) errors.push_back(Invalid("weights", "请填写各项权重"));
                for (Measure m : kMeasures) {
                  const std::string code(MeasureCode(m));
                  int v = 0;
                  if (wj.is_object() && wj.contains(code) && wj[code].is_number_integer()) v = wj[code].get<int>();
                  else if (wj.is_object()) errors.push_back(Invalid("weights." + code, std::string(MeasureTitle(m)) + "的权重应为整数"));
                  if (m == Measure::kInspection) w.inspection = v;
                  else if (m == Measure::kMeetings) w.meetings = v;
                  else if (m == Measure::kStudy) w.study = v;
                  else w.dues = v;
                }
                if (errors.empty()) {
                  auto v = ValidateWeights(w);
                  if (!v.ok()) errors = v.errors();
                }
                if (!errors.empty()) return http::Problem(errors);
                auto r = WriteOrConflict(s.db, [&](soci::session& sql) -> Result<nlohmann::json> {
                  const int64_t tenant = req.who().scope.home_tenant;
                  if (FindFinalised(sql, WholeTenant(tenant), tenant, year.value()))
                    return Error{ErrorCode::kConflict, "该年度考核结果已确定，不能再修改权重", "year"};
                  const Weights old = WeightsOf(sql, tenant, year.value());
                  SaveWeights(sql, tenant, year.value(), w, req.who().user_id);
                  auto ev = audit::EventFor(req, "update", "score_weights", std::to_string(year.value()));
                  ev.before = WeightsJson(old);
                  ev.after = WeightsJson(w);
                  audit::Append(sql, ev);
                  return nlohmann::json{{"year", year.value()}, {"weights", WeightsJson(w)}};
                }, [](const std::string&) -> Result<nlohmann::json> {
                  return Error{ErrorCode::kConflict, "权重正被他人同时修改，请刷新后重试", "weights"};
                });
                return http::JsonOrProblem(r);
              }});

  router.Add({.method = "POST",
              .pattern = "/api/v1/scoring/assessment/finalise",
              .permission = "party:scoring:config",
              .audit_action = "finalise",
              .record_type = "score_assessment",
              .handler = [&s](Request& req) -> Response {
                const auto body = req.Json();
                Errors errors;
                const std::string year_text = body.contains("year") && body["year"].is_number_integer()
                                                  ? std::to_string(body["year"].get<int64_t>())
                                                  : http::JsonText(body, "year", errors);
                auto year = ParseYear(year_text, TodayDate());
                if (!year.ok()) errors.push_back(year.error());
                if (!errors.empty()) return http::Problem(errors);
                // The committee decides for the whole hospital, whatever part of it the caller manages.
                auto r = WriteOrConflict(s.db, [&](soci::session& sql) -> Result<nlohmann::json> {
                  const int64_t tenant = req.who().scope.home_tenant;
                  const Scope whole = WholeTenant(tenant);
                  if (FindFinalised(sql, whole, tenant, year.value()))
                    return Error{ErrorCode::kConflict, "该年度考核结果已确定，不能重复确定", "year"};
                  const Weights w = WeightsOf(sql, tenant, year.value());
                  std::vector<ResultRow> rows;
                  for (const auto& b : LiveAssessment(sql, whole, year.value(), w, TodayDate()))
                    rows.push_back({0, b.ranked.unit_id, b.ranked.unit_path, b.ranked.unit_name, b.ranked.rank,
                                    b.ranked.score, MeasuresJson(b.measures, b.assessment).dump()});
                  const int64_t id = InsertFinalised(sql, tenant, year.value(), WeightsJson(w).dump(), req.who().user_id,
                                                     req.who().name, rows);
                  auto ev = audit::EventFor(req, "finalise", "score_assessment", std::to_string(id));
                  ev.after = {{"year", year.value()}, {"weights", WeightsJson(w)}, {"branches", rows.size()}};
                  audit::Append(sql, ev);
                  return FinalisedJson(*FindFinalised(sql, whole, tenant, year.value()));
                }, [](const std::string&) -> Result<nlohmann::json> {
                  return Error{ErrorCode::kConflict, "该年度考核结果已确定，不能重复确定", "year"};
                });
                return http::JsonOrProblem(r, 201);
              }});
}

}  // namespace qizhi::party::scoring
