// /api/v1/integrity/pledges: the year's 廉洁从业承诺书 roll (who must sign — derived from posts —
// and who has), recording a signature (date, and the posts as the roll shows them), the signed
// form for printing, and voiding a mistaken record with a reason. Nothing is edited or deleted.
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

std::string Joined(const std::vector<std::string>& parts) {
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : "、") + p;
  return out;
}

nlohmann::json PledgeJson(const Pledge& g) {
  return {{"id", g.id},
          {"tenant_id", g.tenant_id},
          {"member_id", g.member_id},
          {"name", g.member_name},
          {"unit_name", g.unit_name},
          {"year", g.year},
          {"signed_on", g.signed_on},
          {"cls", g.cls},
          {"cls_title", ClassTitle(g.cls)},
          {"posts", g.posts},
          {"recorded_at", g.created_at},
          {"recorded_by", http::TextOrNull(g.created_by_name)},
          {"voided", !g.voided_at.empty()},
          {"voided_at", http::TextOrNull(g.voided_at)},
          {"voided_by", http::TextOrNull(g.voided_by_name)},
          {"void_reason", http::TextOrNull(g.void_reason)}};
}

nlohmann::json RowJson(const RollRow& r) {
  return {{"member_id", r.member.id},
          {"tenant_id", r.member.tenant_id},
          {"name", r.member.name},
          {"unit_id", r.member.unit_id},
          {"unit_name", r.member.unit_name},
          {"cls", r.cls},
          {"cls_title", ClassTitle(r.cls)},
          {"posts", Joined(r.posts)},
          {"signed", r.pledge.has_value()},
          {"pledge_id", r.pledge ? nlohmann::json(r.pledge->id) : nlohmann::json(nullptr)},
          {"signed_on", r.pledge ? nlohmann::json(r.pledge->signed_on) : nlohmann::json(nullptr)}};
}

Error PledgeNotFound() { return Error{ErrorCode::kNotFound, "承诺书记录不存在或不在您的管理范围内", "id"}; }

}  // namespace

void RegisterPledgeRoutes(http::Router& router, platform::Services& s) {
  router.Add({.method = "GET",
              .pattern = "/api/v1/integrity/pledges",
              .permission = "party:integrity:list",
              .handler = [&s](Request& req) -> Response {
                auto p = http::ParseListParams(req, {"unit", "name", "signed_on"}, "unit");
                return http::JsonOrProblem(s.db.Read([&](soci::session& sql) -> Result<nlohmann::json> {
                  const Scope& scope = req.who().scope;
                  auto f = ParsePledgeFilter(sql, scope, req.query, TodayShanghai());
                  if (!f.ok()) return f.errors();
                  // The counts are of the roll under year/org/cls/q, whatever `signed` keeps.
                  PledgeFilter all = f.value();
                  all.signed_state.clear();
                  const auto roll = PledgeRoll(sql, scope, all);
                  const auto signed_count = std::count_if(roll.begin(), roll.end(), [](const RollRow& r) { return r.pledge.has_value(); });
                  auto rows = PledgeRoll(sql, scope, f.value());
                  if (p.sort_field == "name")
                    std::stable_sort(rows.begin(), rows.end(), [](const RollRow& a, const RollRow& b) { return a.member.name < b.member.name; });
                  if (p.sort_field == "signed_on")
                    std::stable_sort(rows.begin(), rows.end(), [](const RollRow& a, const RollRow& b) {
                      return (a.pledge ? a.pledge->signed_on : "") < (b.pledge ? b.pledge->signed_on : "");
                    });
                  if (p.sort_desc) std::reverse(rows.begin(), rows.end());
                  nlohmann::json items = nlohmann::json::array();
                  const int64_t total = static_cast<int64_t>(rows.size());
                  for (int64_t i = p.Offset(); i < total && i < p.Offset() + p.size; ++i) items.push_back(RowJson(rows[i]));
                  auto body = http::ListBody(items, total, p);
                  body["year"] = f.value().year;
                  body["due"] = roll.size();
                  body["signed"] = signed_count;
                  body["unsigned"] = static_cast<int64_t>(roll.size()) - signed_count;
                  return body;
                }));
              }});

  router.Add({.method = "POST",
              .pattern = "/api/v1/integrity/pledges",
              .permission = "party:integrity:edit",
              .audit_action = "create",
              .record_type = "integrity_pledge",
              .handler = [&s](Request& req) -> Response {
                const auto body = req.Json();
                Errors errors;
                const std::string signed_on = http::JsonText(body, "signed_on", errors);
                const bool has_member = body.contains("member_id") && body["member_id"].is_number_integer();
                if (!has_member) errors.push_back(Invalid("member_id", "请选择党员"));
                const bool has_year = body.contains("year") && body["year"].is_number_integer();
                if (!has_year) errors.push_back(Invalid("year", "请填写承诺书年度"));
                const std::string today = TodayShanghai();
                const int year = has_year ? body["year"].get<int>() : 0;
                if (has_year && (year < 2013 || year > std::stoi(today.substr(0, 4)) + 1))
                  errors.push_back(Invalid("year", "年度应为 2013 年至明年"));
                else if (has_year && errors.empty())
                  if (auto v = ValidateSignedOn(signed_on, year, today); !v.ok()) errors.push_back(v.error());
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
                      }
                      if (!errors.empty()) return errors;
                      // The member must be on that year's roll; the posts are recorded as it shows them.
                      PledgeFilter f;
                      f.year = year;
                      std::optional<RollRow> row;
                      for (auto& r : PledgeRoll(sql, WholeTenant(write.home_tenant), f))
                        if (r.member.id == m->id) row = std::move(r);
                      if (!row)
                        return Invalid("member_id", m->name + "在" + std::to_string(year) + "年未担任中层干部或关键岗位，无需签署承诺书");
                      if (row->pledge)
                        return Error{ErrorCode::kConflict, m->name + "的" + std::to_string(year) + "年度承诺书已于" + row->pledge->signed_on + "签署登记", "member_id"};
                      Pledge g;
                      g.tenant_id = write.home_tenant;
                      g.member_id = m->id;
                      g.unit_path = m->unit_path;
                      g.year = year;
                      g.signed_on = signed_on;
                      g.cls = row->cls;
                      g.posts = Joined(row->posts);
                      g.id = InsertPledge(sql, g, req.who().user_id);
                      auto ev = platform::audit::EventFor(req, "create", "integrity_pledge", std::to_string(g.id));
                      ev.after = {{"member_id", g.member_id}, {"year", year}, {"signed_on", signed_on}, {"posts", g.posts}};
                      platform::audit::Append(sql, ev);
                      return PledgeJson(*FindPledge(sql, write, g.id));
                    }),
                    201);
              }});

  router.Add({.method = "GET",
              .pattern = "/api/v1/integrity/pledges/{id}",
              .permission = "party:integrity:list",
              .handler = [&s](Request& req) -> Response {
                const int64_t id = req.IdParam();
                return http::JsonOrProblem(s.db.Read([&](soci::session& sql) -> Result<nlohmann::json> {
                  auto g = FindPledge(sql, req.who().scope, id);
                  if (!g) return PledgeNotFound();
                  auto out = PledgeJson(*g);
                  out["title"] = "廉洁从业承诺书";
                  out["text"] = PledgeText();
                  return out;
                }));
              }});

  router.Add({.method = "POST",
              .pattern = "/api/v1/integrity/pledges/{id}/void",
              .permission = "party:integrity:edit",
              .audit_action = "void",
              .record_type = "integrity_pledge",
              .handler = [&s](Request& req) -> Response {
                const int64_t id = req.IdParam();
                const auto body = req.Json();
                Errors errors;
                const std::string reason = Trim(http::JsonText(body, "reason", errors));
                if (errors.empty() && (Utf8Length(reason) < 2 || Utf8Length(reason) > 200))
                  errors.push_back(Invalid("reason", "请填写作废原因（2 至 200 个字）"));
                return http::JsonOrProblem(s.db.Write([&](soci::session& sql) -> Result<nlohmann::json> {
                  const Scope write = WriteScope(req.who().scope);
                  auto g = FindPledge(sql, write, id);
                  if (!g) return PledgeNotFound();
                  if (!errors.empty()) return errors;
                  if (!VoidPledge(sql, g->tenant_id, id, req.who().user_id, reason))
                    return Error{ErrorCode::kConflict, "该承诺书记录已作废", "id"};
                  auto ev = platform::audit::EventFor(req, "void", "integrity_pledge", std::to_string(id));
                  ev.before = PledgeJson(*g);
                  ev.after = {{"void_reason", reason}};
                  platform::audit::Append(sql, ev);
                  return PledgeJson(*FindPledge(sql, write, id));
                }));
              }});
}

}  // namespace qizhi::party::integrity
