#include "party/development/filter_params.hpp"

#include <algorithm>

#include "party/development/rules.hpp"
#include "party/members/store.hpp"
#include "party/org/overview.hpp"
#include "platform/core/clock.hpp"
#include "platform/core/date.hpp"
#include "platform/core/text.hpp"
#include "platform/pii/id_number.hpp"

namespace qizhi::party::development {

namespace {
std::string Get(const Params& p, const char* name) {
  auto it = p.find(name);
  return it == p.end() ? std::string() : it->second;
}
bool IsRole(const std::string& v) {
  const auto& roles = Roles();
  return std::find(roles.begin(), roles.end(), v) != roles.end();
}
}  // namespace

Result<CandidateFilter> ParseCandidateFilter(soci::session& sql, const Scope& scope,
                                             const platform::pii::Cipher& cipher, const Params& query) {
  CandidateFilter f;
  Errors errors;

  const std::string org = Get(query, "org");
  if (!org.empty()) {
    auto unit = org::ParseOrgParam(sql, scope, org);
    if (!unit.ok() && unit.error().code == ErrorCode::kNotFound) return unit.errors();
    if (!unit.ok()) errors.push_back(unit.error());
    else f.org_path = unit.value().path;
  }

  const std::string stage = Get(query, "stage");
  if (!stage.empty()) {
    if (stage.size() == 1 && stage[0] >= '1' && stage[0] <= '5') f.stage = stage[0] - '0';
    else errors.push_back(Invalid("stage", "阶段应为 1 至 5"));
  }
  const char* roles = "申请人、积极分子、发展对象、预备党员 或 正式党员";
  f.role = Get(query, "role");
  if (!f.role.empty() && !IsRole(f.role)) errors.push_back(Invalid("role", std::string("身份应为 ") + roles));
  f.became = Get(query, "became");
  if (!f.became.empty() && !IsRole(f.became)) errors.push_back(Invalid("became", std::string("身份应为 ") + roles));

  f.from = Get(query, "from");
  if (!f.from.empty() && !ParseDate(f.from)) errors.push_back(Invalid("from", "起始日期格式应为 YYYY-MM-DD"));
  f.to = Get(query, "to");
  if (!f.to.empty() && !ParseDate(f.to)) errors.push_back(Invalid("to", "截至日期格式应为 YYYY-MM-DD"));
  if (!f.from.empty() && !f.to.empty() && f.from > f.to) errors.push_back(Invalid("to", "截至日期不能早于起始日期"));

  f.violations = Get(query, "violations");
  if (!f.violations.empty() && f.violations != "any" && f.violations != "open")
    errors.push_back(Invalid("violations", "violations 应为 any（有违规记录）或 open（有未说明的违规）"));
  const std::string overdue = Get(query, "overdue");
  if (!overdue.empty() && overdue != "1" && overdue != "0") errors.push_back(Invalid("overdue", "overdue 应为 1 或 0"));
  f.overdue = overdue == "1";

  const std::string q = Trim(Get(query, "q"));
  if (q.size() > 100) {
    errors.push_back(Invalid("q", "搜索内容过长"));
  } else if (q.size() == 18 && std::all_of(q.begin(), q.begin() + 17, [](char c) { return c >= '0' && c <= '9'; })) {
    // An ID number is searched by its blind index, never by LIKE over ciphertext.
    auto parsed = platform::pii::ParseIdNumber(q, "q", TodayShanghai());
    if (!parsed.ok()) errors.push_back(parsed.error());
    else f.id_bidx = cipher.BlindIndex(parsed.value().normalized, members::kIdNumberPurpose);
  } else {
    f.name_contains = q;
  }
  if (!errors.empty()) return errors;
  return f;
}

}  // namespace qizhi::party::development
