#include "party/points/standings.hpp"

#include <algorithm>

#include "party/org/overview.hpp"
#include "platform/core/text.hpp"

namespace qizhi::party::points {

YearPoints ComputeYear(soci::session& sql, const Scope& scope, const std::optional<std::string>& org_path, int year,
                       const std::string& today, std::optional<int64_t> events_of) {
  const std::string y = std::to_string(year);
  // Events up to the end of the year (or today): once-only rules look back, later years never count.
  const std::string to = std::min(y + "-12-31", today);
  YearPoints out;
  std::map<int64_t, std::vector<PointsMember>> by_tenant;
  for (auto& m : MembersInScope(sql, scope, org_path, "")) by_tenant[m.tenant_id].push_back(std::move(m));
  for (auto& [tenant, members] : by_tenant) {
    EventQuery q;
    q.tenant_id = tenant;
    q.scope = scope;
    q.scope.tenants = {tenant};
    q.org_path = org_path;
    q.to = to;
    const auto rules = RuleVersions(sql, tenant);
    // Caps look only at their own cycle and year; only a once-only rule needs earlier years.
    if (std::none_of(rules.begin(), rules.end(), [](const PointRule& r) { return r.cycle == "once"; }))
      q.from = y + "-01-01";
    std::map<int64_t, Standing> totals;
    for (const auto& m : members) totals[m.id].member = m;
    for (auto& a : Award(CollectEvents(sql, q), rules)) {
      if (a.event.date.compare(0, 4, y) != 0) continue;
      auto it = totals.find(a.event.member_id);
      if (it == totals.end()) continue;
      it->second.points += a.points;
      (a.points >= 0 ? it->second.earned : it->second.deducted) += a.points;
      ++it->second.events;
      if (events_of && a.event.member_id == *events_of) out.events.push_back(std::move(a));
    }
    for (auto& [id, s] : totals) out.standings.push_back(std::move(s));
  }
  // Overall rank, then the rank within each unit, both sharing ranks on equal points.
  std::vector<MemberTotal> all;
  std::map<int64_t, std::vector<MemberTotal>> per_unit;
  std::map<int64_t, Standing*> by_id;
  for (auto& s : out.standings) {
    all.push_back({s.member.id, s.points, 0});
    per_unit[s.member.unit_id].push_back({s.member.id, s.points, 0});
    by_id[s.member.id] = &s;
  }
  for (const auto& t : Rank(all)) by_id[t.member_id]->rank = t.rank;
  for (auto& [unit, list] : per_unit) {
    for (const auto& t : Rank(list)) {
      by_id[t.member_id]->branch_rank = t.rank;
      by_id[t.member_id]->branch_size = static_cast<int>(list.size());
    }
  }
  std::sort(out.standings.begin(), out.standings.end(), [](const Standing& a, const Standing& b) {
    return a.rank != b.rank ? a.rank < b.rank : a.member.id < b.member.id;
  });
  return out;
}

Result<RankingFilter> ParseRankingFilter(soci::session& sql, const Scope& scope, const Params& query, const std::string& today) {
  auto get = [&](const char* name) {
    auto it = query.find(name);
    return it == query.end() ? std::string() : it->second;
  };
  RankingFilter f;
  Errors errors;
  auto year = ParseYear(get("year"), today);
  if (!year.ok()) errors.push_back(year.error());
  else f.year = year.value();
  if (const std::string org = get("org"); !org.empty()) {
    auto unit = org::ParseOrgParam(sql, scope, org);
    if (!unit.ok() && unit.error().code == ErrorCode::kNotFound) return unit.errors();
    if (!unit.ok()) errors.push_back(unit.error());
    else f.org_path = unit.value().path;
  }
  f.q = Trim(get("q"));
  if (Utf8Length(f.q) > 50) errors.push_back(Invalid("q", "搜索内容过长"));
  const std::string has = get("has_points");
  if (!has.empty() && has != "1" && has != "0") errors.push_back(Invalid("has_points", "has_points 应为 1 或 0"));
  f.has_points = has == "1";
  if (!errors.empty()) return errors;
  return f;
}

std::vector<Standing> Ranking(soci::session& sql, const Scope& scope, const RankingFilter& f, const std::string& today) {
  auto all = ComputeYear(sql, scope, f.org_path, f.year, today).standings;
  std::erase_if(all, [&](const Standing& s) {
    if (f.has_points && s.points == 0) return true;
    return !f.q.empty() && s.member.name.find(f.q) == std::string::npos;
  });
  return all;
}

}  // namespace qizhi::party::points
