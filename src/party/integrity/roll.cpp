#include "party/integrity/roll.hpp"

#include <algorithm>

#include "party/org/overview.hpp"
#include "platform/core/text.hpp"

namespace qizhi::party::integrity {

namespace {

std::string Get(const Params& p, const char* name) {
  auto it = p.find(name);
  return it == p.end() ? std::string() : it->second;
}

// org: a unit in scope (404 when unknown or outside, as the other lists answer).
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

Result<PledgeFilter> ParsePledgeFilter(soci::session& sql, const Scope& scope, const Params& query, const std::string& today) {
  PledgeFilter f;
  Errors errors;
  const int this_year = std::stoi(today.substr(0, 4));
  const std::string year = Get(query, "year");
  if (year.empty()) {
    f.year = this_year;
  } else if (year.size() != 4 || !std::all_of(year.begin(), year.end(), [](char c) { return c >= '0' && c <= '9'; }) ||
             std::stoi(year) < 2013 || std::stoi(year) > this_year + 1) {
    errors.push_back(Invalid("year", "年度应为 2013 年至明年"));
  } else {
    f.year = std::stoi(year);
  }
  auto org = OrgPath(sql, scope, query, errors);
  if (!org.ok()) return org.errors();
  f.org_path = org.value();
  f.signed_state = Get(query, "signed");
  if (!f.signed_state.empty() && f.signed_state != "yes" && f.signed_state != "no")
    errors.push_back(Invalid("signed", "signed 应为 yes（已签署）或 no（未签署）"));
  f.cls = Get(query, "cls");
  if (!f.cls.empty() && f.cls != kMiddle && f.cls != kKey) errors.push_back(Invalid("cls", "类别应为 middle（中层干部）或 key（关键岗位）"));
  f.q = Trim(Get(query, "q"));
  if (Utf8Length(f.q) > 50) errors.push_back(Invalid("q", "搜索内容过长"));
  if (!errors.empty()) return errors;
  return f;
}

std::vector<RollRow> PledgeRoll(soci::session& sql, const Scope& scope, const PledgeFilter& f) {
  std::vector<RollRow> out;
  for (int64_t tenant : scope.tenants) {
    auto held = HeldPostsOfYear(sql, scope, tenant, f.org_path, f.year);
    if (held.posts.empty()) continue;
    const auto classes = PostClasses(sql, tenant).classes;
    auto pledges = PledgesInForce(sql, scope, tenant, f.year);
    for (auto& due : DuePledges(held.posts, classes, f.year)) {
      RollRow row;
      row.member = held.members.at(due.member_id);
      row.cls = due.cls;
      row.posts = std::move(due.posts);
      if (auto it = pledges.find(due.member_id); it != pledges.end()) row.pledge = it->second;
      if (f.signed_state == "yes" && !row.pledge) continue;
      if (f.signed_state == "no" && row.pledge) continue;
      if (!f.cls.empty() && row.cls != f.cls) continue;
      if (!f.q.empty() && row.member.name.find(f.q) == std::string::npos) continue;
      out.push_back(std::move(row));
    }
  }
  std::stable_sort(out.begin(), out.end(), [](const RollRow& a, const RollRow& b) {
    return a.member.tenant_id != b.member.tenant_id ? a.member.tenant_id < b.member.tenant_id
           : a.member.unit_path != b.member.unit_path ? a.member.unit_path < b.member.unit_path
                                                      : a.member.id < b.member.id;
  });
  return out;
}

Result<SelfCheckFilter> ParseSelfCheckFilter(soci::session& sql, const Scope& scope, const Params& query, const std::string& today) {
  SelfCheckFilter f;
  Errors errors;
  f.period = Get(query, "period");
  if (!f.period.empty() && !IsPeriod(f.period, today)) errors.push_back(Invalid("period", "自查期间应为 YYYY 或 YYYY-H1/YYYY-H2，且不晚于本期"));
  f.year = Get(query, "year");
  if (!f.year.empty() && (f.year.size() != 4 || !IsPeriod(f.year, today))) errors.push_back(Invalid("year", "年度应为 2013 年至今年"));
  auto org = OrgPath(sql, scope, query, errors);
  if (!org.ok()) return org.errors();
  f.org_path = org.value();
  f.q = Trim(Get(query, "q"));
  if (Utf8Length(f.q) > 50) errors.push_back(Invalid("q", "搜索内容过长"));
  const std::string issues = Get(query, "issues");
  if (!issues.empty() && issues != "1" && issues != "0") errors.push_back(Invalid("issues", "issues 应为 1 或 0"));
  f.issues_only = issues == "1";
  f.status = Get(query, "status");
  if (!f.status.empty() && f.status != "无问题" && f.status != "整改中" && f.status != "已整改")
    errors.push_back(Invalid("status", "状态应为无问题、整改中或已整改"));
  if (!errors.empty()) return errors;
  return f;
}

}  // namespace qizhi::party::integrity
