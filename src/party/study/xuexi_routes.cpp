// The 学习强国 statistics: a preview of an exported file (writes nothing), the import (all rows
// of the month or nothing), the month's figures per unit with the scope's totals, the imports.
#include <map>
#include <set>

#include "party/org/overview.hpp"
#include "party/org/store.hpp"
#include "party/study/routes.hpp"
#include "party/study/xuexi.hpp"
#include "party/study/xuexi_store.hpp"
#include "platform/audit/store.hpp"
#include "platform/core/clock.hpp"
#include "platform/core/ratio.hpp"
#include "platform/core/text.hpp"

namespace qizhi::party::study {
namespace http = platform::http;
namespace audit = platform::audit;
using http::JsonResponse;
using http::Request;
using http::Response;

namespace {

constexpr size_t kMaxXuexiBytes = 5u << 20;

struct Plan {
  int rows = 0;
  std::vector<XuexiError> errors;
  std::vector<XuexiStat> stats;
};

// The file's rows matched to the caller's units by 组织名称. A name two units share cannot say
// which one it means; a unit outside the caller's scope is refused on its row.
Result<Plan> MakePlan(soci::session& sql, const Scope& write_scope, std::string_view bytes) {
  auto grid = platform::sheet::ReadFile(bytes);
  if (!grid.ok()) return grid.errors();
  ParsedXuexi parsed = ParseXuexi(grid.value());
  Plan plan;
  plan.rows = static_cast<int>(parsed.rows.size());
  plan.errors = parsed.errors;
  std::map<std::string, std::vector<org::Unit>> by_name;
  for (auto& u : org::ListUnits(sql, WholeTenant(write_scope.home_tenant))) by_name[u.name].push_back(u);
  std::set<int64_t> writable;
  for (const auto& u : org::ListUnits(sql, write_scope)) writable.insert(u.id);
  for (const auto& row : parsed.rows) {
    if (!row.valid) continue;
    auto err = [&](const std::string& message) { plan.errors.push_back({row.line, "unit", "组织名称", message}); };
    auto found = by_name.find(row.unit);
    if (found == by_name.end()) {
      err("组织架构中没有名为“" + row.unit + "”的党组织，请核对名称（应与组织架构一致）");
      continue;
    }
    if (found->second.size() > 1) {
      err("组织架构中有多个名为“" + row.unit + "”的党组织，无法确定对应哪一个，请先在组织架构中区分名称");
      continue;
    }
    const org::Unit& u = found->second.front();
    if (!writable.count(u.id)) {
      err("“" + row.unit + "”不在您的管理范围内");
      continue;
    }
    XuexiStat s;
    s.tenant_id = u.tenant_id;
    s.unit_id = u.id;
    s.unit_path = u.path;
    s.unit_name = u.name;
    s.members = row.members;
    s.registered = row.registered;
    s.registration_rate = row.registration_rate;
    s.active_rate = row.active_rate;
    s.avg_points = row.avg_points;
    plan.stats.push_back(std::move(s));
  }
  std::stable_sort(plan.errors.begin(), plan.errors.end(),
                   [](const XuexiError& a, const XuexiError& b) { return a.line < b.line; });
  return plan;
}

nlohmann::json ErrorRows(const std::vector<XuexiError>& errors) {
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& e : errors)
    rows.push_back({{"line", e.line}, {"field", e.field}, {"column", e.column}, {"message", e.message}});
  return rows;
}

// 985 → 98.5 (a percent with one decimal); points 15236 → 1523.6.
nlohmann::json Tenths(const std::optional<int>& v) {
  return v ? nlohmann::json(*v / 10.0) : nlohmann::json(nullptr);
}

nlohmann::json StatJson(const XuexiStat& s) {
  return {{"tenant_id", s.tenant_id},
          {"unit_id", s.unit_id},
          {"unit_name", s.unit_name},
          {"members", s.members},
          {"registered", s.registered},
          {"registration_rate", s.registration_rate},
          {"registration_rate_text", FormatPerMille(s.registration_rate)},
          {"active_rate", http::ValueOrNull(s.active_rate)},
          {"active_rate_text", s.active_rate ? nlohmann::json(FormatPerMille(*s.active_rate)) : nlohmann::json(nullptr)},
          {"avg_points", Tenths(s.avg_points)}};
}

// The scope's totals: counts summed, the registration rate of the sums, the active rate and
// points weighted by members over the rows that have them.
nlohmann::json Totals(const std::vector<XuexiStat>& stats) {
  long long members = 0, registered = 0, active_w = 0, active_m = 0, points_w = 0, points_m = 0;
  for (const auto& s : stats) {
    members += s.members;
    registered += s.registered;
    if (s.active_rate) active_w += static_cast<long long>(*s.active_rate) * s.members, active_m += s.members;
    if (s.avg_points) points_w += static_cast<long long>(*s.avg_points) * s.members, points_m += s.members;
  }
  auto ratio = [](long long num, long long den) -> std::optional<int> {
    if (auto v = RoundedDiv(num, den)) return static_cast<int>(*v);
    return std::nullopt;
  };
  auto rate = PerMille(registered, members);
  auto active = ratio(active_w, active_m);
  return {{"units", stats.size()},
          {"members", members},
          {"registered", registered},
          {"registration_rate", http::ValueOrNull(rate)},
          {"registration_rate_text", rate ? nlohmann::json(FormatPerMille(*rate)) : nlohmann::json(nullptr)},
          {"active_rate", http::ValueOrNull(active)},
          {"active_rate_text", active ? nlohmann::json(FormatPerMille(*active)) : nlohmann::json(nullptr)},
          {"avg_points", Tenths(ratio(points_w, points_m))}};
}

nlohmann::json ImportJson(const XuexiImport& im) {
  return {{"id", im.id},
          {"tenant_id", im.tenant_id},
          {"tenant_name", im.tenant_name},
          {"period", im.period},
          {"file_name", http::TextOrNull(im.file_name)},
          {"rows", im.rows},
          {"imported_at", im.imported_at},
          {"imported_by", http::TextOrNull(im.imported_by_name)},
          {"current", !im.superseded_at.has_value()},
          {"superseded_at", http::ValueOrNull(im.superseded_at)}};
}

Status CheckUpload(const Request& req) {
  if (auto p = ValidatePeriod(req.Query("period"), TodayDate()); !p.ok()) return p;
  if (req.body.empty()) return Invalid("file", "请选择要导入的文件");
  return Ok();
}

}  // namespace

void RegisterXuexiRoutes(http::Router& router, platform::Services& s) {
  router.Add({.method = "POST",
              .pattern = "/api/v1/study/xuexi/import/preview",
              .permission = "party:study:import",
              .max_body_bytes = kMaxXuexiBytes,
              .handler = [&s](Request& req) -> Response {
                if (auto c = CheckUpload(req); !c.ok()) return http::Problem({c.error()});
                auto plan = s.db.Read([&](soci::session& sql) { return MakePlan(sql, WriteScope(req.who().scope), req.body); });
                if (!plan.ok()) return http::Problem(plan.errors());
                nlohmann::json items = nlohmann::json::array();
                for (const auto& st : plan.value().stats) items.push_back(StatJson(st));
                std::set<int> bad;
                for (const auto& e : plan.value().errors) bad.insert(e.line);
                return JsonResponse(200, {{"period", Trim(req.Query("period"))},
                                          {"rows", plan.value().rows},
                                          {"valid_rows", plan.value().rows - static_cast<int>(bad.size())},
                                          {"items", items},
                                          {"total", Totals(plan.value().stats)},
                                          {"errors", ErrorRows(plan.value().errors)}});
              }});

  router.Add({.method = "POST",
              .pattern = "/api/v1/study/xuexi/import",
              .permission = "party:study:import",
              .audit_action = "import",
              .record_type = "xuexi_import",
              .max_body_bytes = kMaxXuexiBytes,
              .handler = [&s](Request& req) -> Response {
                if (auto c = CheckUpload(req); !c.ok()) return http::Problem({c.error()});
                const std::string period = Trim(req.Query("period"));
                std::vector<XuexiError> row_errors;
                auto r = s.db.Write([&](soci::session& sql) -> Result<nlohmann::json> {
                  const Scope write = WriteScope(req.who().scope);
                  auto plan = MakePlan(sql, write, req.body);
                  if (!plan.ok()) return plan.errors();
                  if (!plan.value().errors.empty()) {
                    row_errors = plan.value().errors;
                    const auto& e = row_errors.front();
                    return Invalid("file", "文件有 " + std::to_string(row_errors.size()) + " 处错误，未导入任何数据。第" +
                                               std::to_string(e.line) + "行" + (e.column.empty() ? "" : "“" + e.column + "”") +
                                               "：" + e.message);
                  }
                  XuexiImport im;
                  im.tenant_id = write.home_tenant;
                  im.period = period;
                  im.file_name = Trim(req.Query("file_name"));
                  im.rows = static_cast<int>(plan.value().stats.size());
                  im.imported_by = req.who().user_id;
                  im.id = InsertImport(sql, im);
                  for (const auto& st : plan.value().stats) InsertStat(sql, im.id, period, st);
                  auto ev = audit::EventFor(req, "import", "xuexi_import", std::to_string(im.id));
                  ev.after = {{"period", period}, {"rows", im.rows}, {"file_name", im.file_name}};
                  audit::Append(sql, ev);
                  for (const auto& listed : ListImports(sql, WholeTenant(write.home_tenant)))
                    if (listed.id == im.id) return ImportJson(listed);
                  return ImportJson(im);
                });
                if (!r.ok()) return http::Problem(r.errors(), {{"rows", ErrorRows(row_errors)}});
                return JsonResponse(201, r.value());
              }});

  router.Add({.method = "GET",
              .pattern = "/api/v1/study/xuexi",
              .permission = "party:life:list",
              .handler = [&s](Request& req) -> Response {
                return http::JsonOrProblem(s.db.Read([&](soci::session& sql) -> Result<nlohmann::json> {
                  const Scope& scope = req.who().scope;
                  std::vector<std::string> periods;
                  for (const auto& im : ListImports(sql, scope))
                    if (!im.superseded_at && (periods.empty() || periods.back() != im.period)) periods.push_back(im.period);
                  std::string period = Trim(req.Query("period"));
                  if (period.empty() && !periods.empty()) period = periods.front();
                  if (!period.empty()) {
                    if (auto p = ValidatePeriod(period, TodayDate()); !p.ok()) return p.errors();
                  }
                  std::optional<std::string> org_path;
                  if (std::string org = Trim(req.Query("org")); !org.empty()) {
                    auto unit = org::ParseOrgParam(sql, scope, org);
                    if (!unit.ok()) return unit.errors();
                    org_path = unit.value().path;
                  }
                  std::vector<XuexiStat> stats;
                  if (!period.empty()) stats = CurrentStats(sql, scope, period, org_path);
                  nlohmann::json items = nlohmann::json::array();
                  for (const auto& st : stats) items.push_back(StatJson(st));
                  return nlohmann::json{{"period", http::TextOrNull(period)},
                                        {"periods", periods},
                                        {"items", items},
                                        {"total", Totals(stats)}};
                }));
              }});

  router.Add({.method = "GET",
              .pattern = "/api/v1/study/xuexi/imports",
              .permission = "party:life:list",
              .handler = [&s](Request& req) -> Response {
                return http::JsonOrProblem(s.db.Read([&](soci::session& sql) -> Result<nlohmann::json> {
                  nlohmann::json items = nlohmann::json::array();
                  for (const auto& im : ListImports(sql, req.who().scope)) items.push_back(ImportJson(im));
                  return nlohmann::json{{"items", items}, {"total", items.size()}};
                }));
              }});
}

}  // namespace qizhi::party::study
