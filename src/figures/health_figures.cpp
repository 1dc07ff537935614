// Outreach in figures (issue 7): registered households and persons, households visited and
// persons seen, households covered — for a period, by village, team or leader. Each counts
// through the coverage lists (/api/v1/coverage/households, /api/v1/coverage/persons) under the
// same parameters, parsed by the same ParseCoverageParams and judged by the same LoadCoverage,
// so value == that list's total. Coverage % is covered / households of the same figure; the
// screen shows it, a figure counts records. The caller's villages (分片负责) narrow every count.
#include "figures/catalogue.hpp"

#include <unordered_map>
#include "health/outreach/coverage_params.hpp"
#include "health/outreach/coverage_store.hpp"
#include "health/outreach/coverage_view.hpp"
#include "platform/core/clock.hpp"
#include "platform/http/request.hpp"

namespace qizhi::figures {

namespace {
namespace outreach = health::outreach;

enum class Count { kHouseholds, kPersons, kVisited, kSeen, kCovered };

bool Holds(const Context& c, const char* permission) { return c.permissions && c.permissions->count(permission) > 0; }

// What one figure counts, and the list (path + state) whose total it equals.
struct Target {
  const char* path;
  const char* state;  // "" = every counted household / current person
};
Target TargetOf(Count k) {
  switch (k) {
    case Count::kHouseholds: return {"/api/v1/coverage/households", ""};
    case Count::kPersons: return {"/api/v1/coverage/persons", ""};
    case Count::kVisited: return {"/api/v1/coverage/households", "visited"};
    case Count::kSeen: return {"/api/v1/coverage/persons", "seen"};
    case Count::kCovered: return {"/api/v1/coverage/households", "covered"};
  }
  return {"/api/v1/coverage/households", ""};
}

int64_t CountOf(const outreach::CoverageTotals& t, Count k) {
  switch (k) {
    case Count::kHouseholds: return t.households;
    case Count::kVisited: return t.visited;
    case Count::kCovered: return t.covered;
    case Count::kPersons: return t.persons;
    case Count::kSeen: return t.seen;
  }
  return 0;
}

int64_t CountOf(const outreach::CoverageView& d, Count k, const std::string& village) {
  int64_t n = 0;
  for (const auto& v : d.villages)
    if (village.empty() || v.village_code == village) n += CountOf(v.totals, k);
  return n;
}

// Before the read: the period's summary built or brought up to date for the tenants read.
void Prepare(platform::db::Database& db, const Scope& scope, int64_t user_id, const std::set<std::string>& permissions,
             const Params& query) {
  if (!permissions.count("health:visit:list")) return;
  auto sel = db.Read([&](soci::session& sql) {
    const auto villages = health::registry::VillageScopeOf(sql, scope.home_tenant, user_id,
                                                            permissions.count("health:scope:all") > 0, TodayShanghai());
    return outreach::ParseCoverageParams(sql, scope, villages, query, TodayDate());
  });
  if (sel.ok()) outreach::EnsureSummary(db, scope, sel.value());
}

Result<FigureValue> Compute(Context& c, const Params& query, Count k) {
  if (!Holds(c, "health:visit:list")) return Error{ErrorCode::kForbidden, "没有查看帮扶走访统计的权限", ""};
  const auto villages = health::registry::VillageScopeOf(c.sql, c.scope.home_tenant, c.user_id,
                                                          Holds(c, "health:scope:all"), TodayShanghai());
  auto sel = outreach::ParseCoverageParams(c.sql, c.scope, villages, query, TodayDate());
  if (!sel.ok()) return sel.errors();
  const std::string by = query.count("by") ? query.at("by") : "village";
  if (by != "village" && by != "team" && by != "leader") return Invalid("by", "分组应为 village（村）、team（帮扶队）或 leader（带队领导）");
  const auto d = outreach::ReadCoverage(c.sql, c.scope, sel.value());
  const Target t = TargetOf(k);
  FigureValue v;
  v.filters = sel.value().params;
  Params p = v.filters;
  if (*t.state) p["state"] = t.state;
  v.value = CountOf(d, k, "");
  v.records = platform::http::ListUrl(t.path, p);
  // Counted once per village: a province has 12,000 villages, and summing the whole list again
  // for each one cost more than reading them.
  std::unordered_map<std::string, int64_t> per_village;
  for (const auto& row : d.villages) per_village[row.village_code] += CountOf(row.totals, k);
  auto count_in = [&](const std::string& code) {
    auto it = per_village.find(code);
    return it == per_village.end() ? int64_t{0} : it->second;
  };
  if (by == "village") {
    for (const auto& [code, name] : d.village_names) {
      Params gp = p;
      gp["village"] = code;
      v.groups.push_back({code, name, count_in(code), platform::http::ListUrl(t.path, gp)});
    }
  } else {
    // A team's (and so its leader's) count: the villages it answers for on the judging day.
    std::unordered_map<int64_t, int64_t> per_team;
    for (const auto& [village, tid] : d.village_team) per_team[tid] += count_in(village);
    for (const auto& [id, team] : d.teams) {
      const int64_t n = per_team.count(id) ? per_team.at(id) : 0;
      Params gp = p;
      gp["team"] = std::to_string(id);
      v.groups.push_back({std::to_string(id), by == "leader" ? team.leader_name + "（" + team.name + "）" : team.name, n,
                          platform::http::ListUrl(t.path, gp)});
    }
  }
  return v;
}

}  // namespace

std::vector<Figure> HealthFigures() {
  const FilterSpec period{"period", "期间（YYYY-MM、YYYY-Qn 或 plan:<编号>）", "enum", {}};
  const FilterSpec village{"village", "村", "enum", {}};
  const FilterSpec town{"town", "乡镇", "enum", {}};
  const FilterSpec team{"team", "帮扶队", "enum", {}};
  const FilterSpec by{"by", "分组", "enum", {{"village", "按村"}, {"team", "按帮扶队"}, {"leader", "按带队领导"}}};
  const std::vector<FilterSpec> filters{period, village, town, team, by};
  return {
      {"health_households", "建档立卡户（登记户数）", "户", filters,
       [](Context& c, const Params& q) { return Compute(c, q, Count::kHouseholds); }, "health:visit:list", Prepare},
      {"health_persons", "建档立卡人口（登记人数）", "人", filters,
       [](Context& c, const Params& q) { return Compute(c, q, Count::kPersons); }, "health:visit:list", Prepare},
      {"health_visited_households", "已走访户数", "户", filters,
       [](Context& c, const Params& q) { return Compute(c, q, Count::kVisited); }, "health:visit:list", Prepare},
      {"health_seen_persons", "已见面人数", "人", filters,
       [](Context& c, const Params& q) { return Compute(c, q, Count::kSeen); }, "health:visit:list", Prepare},
      {"health_covered_households", "已覆盖户数（户户到家、人人见面）", "户", filters,
       [](Context& c, const Params& q) { return Compute(c, q, Count::kCovered); }, "health:visit:list", Prepare},
  };
}

}  // namespace qizhi::figures
