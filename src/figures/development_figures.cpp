// Member development figures (发展党员): people by current role, by branch, and who became an
// applicant, 积极分子, 发展对象, 预备党员 or 正式党员 in a period. Each counts through the same
// parser and query as the candidate list its `records` URL opens, so value == that list's total.
#include "figures/catalogue.hpp"
#include "party/development/filter_params.hpp"
#include "party/development/rules.hpp"
#include "party/development/store.hpp"
#include "party/org/rules.hpp"
#include "party/org/store.hpp"
#include "platform/http/request.hpp"

namespace qizhi::figures {

namespace {
namespace development = party::development;
namespace org = party::org;

constexpr const char* kCandidatesUrl = "/api/v1/development/candidates";

Params Declared(const Params& query, std::initializer_list<const char*> names) {
  Params p;
  for (const char* n : names) {
    auto it = query.find(n);
    if (it != query.end() && !it->second.empty()) p[n] = it->second;
  }
  return p;
}

Result<int64_t> CountWith(Context& c, const Params& p) {
  auto f = development::ParseCandidateFilter(c.sql, c.scope, c.cipher, p);
  if (!f.ok()) return f.errors();
  return development::CountCandidates(c.sql, c.scope, f.value());
}

// The base count under `base` and one group per value of `param`.
Result<FigureValue> Groups(Context& c, Params base, const std::string& param,
                           const std::vector<std::pair<std::string, std::string>>& groups) {
  FigureValue v;
  v.filters = std::move(base);
  auto total = CountWith(c, v.filters);
  if (!total.ok()) return total.errors();
  v.value = total.value();
  v.records = platform::http::ListUrl(kCandidatesUrl, v.filters);
  for (const auto& [key, label] : groups) {
    Params p = v.filters;
    p[param] = key;
    auto n = CountWith(c, p);
    if (!n.ok()) return n.errors();
    v.groups.push_back({key, label, n.value(), platform::http::ListUrl(kCandidatesUrl, p)});
  }
  return v;
}

std::vector<std::pair<std::string, std::string>> RoleGroups() {
  return {{"申请人", "入党申请人"}, {"积极分子", "入党积极分子"}, {"发展对象", "发展对象"},
          {"预备党员", "预备党员"}, {"正式党员", "已转为正式党员"}};
}

FilterSpec OrgFilter() { return {"org", "组织", "org", {}}; }
FilterSpec RoleFilter() {
  FilterSpec f{"role", "身份", "enum", {}};
  for (const auto& r : development::Roles()) f.options.push_back({r, r});
  return f;
}

// One group per 党支部 in scope under `org` holding anyone (in tree order).
Result<FigureValue> ByBranch(Context& c, const Params& query) {
  FigureValue v;
  v.filters = Declared(query, {"org", "role"});
  auto total = CountWith(c, v.filters);
  if (!total.ok()) return total.errors();
  v.value = total.value();
  v.records = platform::http::ListUrl(kCandidatesUrl, v.filters);
  std::string under;
  if (auto it = v.filters.find("org"); it != v.filters.end()) {
    auto f = development::ParseCandidateFilter(c.sql, c.scope, c.cipher, {{"org", it->second}});
    if (f.ok() && f.value().org_path) under = *f.value().org_path;
  }
  if (v.value == 0) return v;
  for (const auto& u : org::ListUnits(c.sql, c.scope)) {
    if (u.kind != org::kBranch || u.path.rfind(under, 0) != 0) continue;
    Params p = v.filters;
    p["org"] = std::to_string(u.id);
    auto n = CountWith(c, p);
    if (!n.ok()) return n.errors();
    if (n.value() == 0) continue;
    v.groups.push_back({std::to_string(u.id), u.name, n.value(), platform::http::ListUrl(kCandidatesUrl, p)});
  }
  return v;
}

}  // namespace

std::vector<Figure> DevelopmentFigures() {
  return {
      {"development_by_role", "发展党员工作对象（按当前身份）", "人", {OrgFilter()},
       [](Context& c, const Params& q) { return Groups(c, Declared(q, {"org"}), "role", RoleGroups()); }},
      {"development_by_branch", "发展党员工作对象（按党支部）", "人", {OrgFilter(), RoleFilter()}, ByBranch},
      // The base is who applied in the period; each group, who became that role in it.
      {"development_new_in_period", "期间新增（申请人、积极分子、发展对象、预备党员、转正）", "人",
       {OrgFilter(), {"from", "起始日期", "date", {}}, {"to", "截至日期", "date", {}}},
       [](Context& c, const Params& q) { return Groups(c, Declared(q, {"org", "from", "to"}), "became", RoleGroups()); }},
  };
}

}  // namespace qizhi::figures
