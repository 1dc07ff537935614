#include "party/scoring/filter_params.hpp"

#include "party/org/overview.hpp"
#include "platform/core/clock.hpp"
#include "platform/core/text.hpp"

namespace qizhi::party::scoring {

namespace {
std::string Get(const Params& p, const char* name) {
  auto it = p.find(name);
  return it == p.end() ? std::string() : it->second;
}
// An `org` outside the scope is kNotFound and returned at once; a malformed one joins `errors`.
Result<std::optional<std::string>> OrgPath(soci::session& sql, const Scope& scope, const Params& query, Errors& errors) {
  const std::string org = Get(query, "org");
  if (org.empty()) return std::optional<std::string>();
  auto unit = org::ParseOrgParam(sql, scope, org);
  if (!unit.ok() && unit.error().code == ErrorCode::kNotFound) return unit.errors();
  if (!unit.ok()) {
    errors.push_back(unit.error());
    return std::optional<std::string>();
  }
  return std::optional<std::string>(unit.value().path);
}
}  // namespace

Result<InspectionFilter> ParseInspectionFilter(soci::session& sql, const Scope& scope, const Params& query) {
  InspectionFilter f;
  Errors errors;
  auto org = OrgPath(sql, scope, query, errors);
  if (!org.ok()) return org.errors();
  f.org_path = org.value();
  f.from = Get(query, "from");
  if (!f.from.empty() && !ParseDate(f.from)) errors.push_back(Invalid("from", "起始日期格式应为 YYYY-MM-DD"));
  f.to = Get(query, "to");
  if (!f.to.empty() && !ParseDate(f.to)) errors.push_back(Invalid("to", "截至日期格式应为 YYYY-MM-DD"));
  if (!f.from.empty() && !f.to.empty() && f.from > f.to) errors.push_back(Invalid("to", "截至日期不能早于起始日期"));
  f.checklist = Get(query, "checklist");
  const std::string state = Get(query, "state");
  if (!state.empty()) {
    if (state != "active" && state != "superseded" && state != "void" && state != "all")
      errors.push_back(Invalid("state", "状态应为 active、superseded、void 或 all"));
    else f.state = state;
  }
  f.q = Trim(Get(query, "q"));
  if (Utf8Length(f.q) > 100) errors.push_back(Invalid("q", "搜索内容过长"));
  if (!errors.empty()) return errors;
  return f;
}

Result<CommendationFilter> ParseCommendationFilter(soci::session& sql, const Scope& scope, const Params& query) {
  CommendationFilter f;
  Errors errors;
  auto org = OrgPath(sql, scope, query, errors);
  if (!org.ok()) return org.errors();
  f.org_path = org.value();
  const std::string year = Get(query, "year");
  if (!year.empty()) {
    auto y = ParseYear(year, TodayDate());
    if (!y.ok()) errors.push_back(y.error());
    else f.year = y.value();
  }
  f.kind = Get(query, "kind");
  if (!f.kind.empty() && !IsCommendationKind(f.kind))
    errors.push_back(Invalid("kind", "表彰类别应为 advanced_branch、outstanding_worker 或 outstanding_member"));
  const std::string state = Get(query, "state");
  if (!state.empty()) {
    if (state != "active" && state != "revoked" && state != "all") errors.push_back(Invalid("state", "状态应为 active、revoked 或 all"));
    else f.state = state;
  }
  f.q = Trim(Get(query, "q"));
  if (Utf8Length(f.q) > 100) errors.push_back(Invalid("q", "搜索内容过长"));
  if (!errors.empty()) return errors;
  return f;
}

}  // namespace qizhi::party::scoring
