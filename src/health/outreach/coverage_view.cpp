#include "health/outreach/coverage_view.hpp"

#include <algorithm>
#include <unordered_map>

#include "platform/core/clock.hpp"
#include <spdlog/spdlog.h>
#include "platform/db/query.hpp"

namespace qizhi::health::outreach {
using platform::db::Fetch;
using platform::db::Query;
using platform::db::ScopeFilter;

namespace {

std::vector<int64_t> TenantsOf(const Scope& scope) {
  return scope.tenants.empty() ? std::vector<int64_t>{scope.home_tenant} : scope.tenants;
}

// The team answering for each village on the judging day.
inline constexpr std::string_view kTeams =
    "SELECT tv.village_code, t.id, t.name, t.leader_name FROM outreach_team_villages tv "
    "JOIN outreach_teams t ON t.tenant_id = tv.tenant_id AND t.id = tv.team_id "
    "WHERE tv.from_on <= :on AND (tv.to_on IS NULL OR tv.to_on > :on) AND (t.ended_on IS NULL OR t.ended_on > :on)";

HouseholdState HouseholdStateOf(const std::string& state) {
  if (state == "not_visited") return HouseholdState::kNotVisited;
  if (state == "not_covered") return HouseholdState::kNotCovered;
  if (state == "covered") return HouseholdState::kCovered;
  if (state == "visited") return HouseholdState::kVisited;
  return HouseholdState::kCounted;
}

// Persons lists: the households holding someone in the state, and how many each holds.
HouseholdState PersonHouseholds(const std::string& state) {
  if (state == "not_seen") return HouseholdState::kNotSeen;
  if (state == "reason") return HouseholdState::kHasReason;
  if (state == "seen") return HouseholdState::kHasSeen;
  return HouseholdState::kCounted;
}
int64_t PersonsIn(const SummaryHousehold& h, const std::string& state) {
  if (state == "not_seen") return h.not_seen;
  if (state == "reason") return h.with_reason;
  if (state == "seen") return h.seen;
  return h.persons;
}
bool PersonInState(const PersonCoverage& p, const std::string& state) {
  if (state == "not_seen") return p.state == PersonState::kNotSeen;
  if (state == "reason") return p.state == PersonState::kReason;
  if (state == "seen") return p.state == PersonState::kSeen;
  return true;
}

// LoadCoverage for exactly `ids`, its households put in the order of `ids`.
CoverageData Judged(soci::session& sql, const Scope& scope, const CoverageSelection& sel, const std::vector<int64_t>& ids) {
  if (ids.empty()) return {};
  CoverageQuery q = sel.query;
  q.households = ids;
  CoverageData d = LoadCoverage(sql, scope, q);
  std::unordered_map<int64_t, size_t> rank;
  for (size_t i = 0; i < ids.size(); ++i) rank[ids[i]] = i;
  std::stable_sort(d.households.begin(), d.households.end(),
                   [&](const CoveredHousehold& a, const CoveredHousehold& b) { return rank[a.id] < rank[b.id]; });
  return d;
}

}  // namespace

SummaryFilter FilterOf(const Scope& scope, const CoverageSelection& sel) {
  SummaryFilter f;
  f.scope = scope;
  f.villages = sel.query.villages;
  f.town = sel.query.town;
  return f;
}

void EnsureSummary(platform::db::Database& db, const Scope& scope, const CoverageSelection& sel) {
  const auto tenants = TenantsOf(scope);
  const Date today = TodayDate();
  const Date start = sel.period.start, end = sel.period.end;
  auto stale = db.Read([&](soci::session& sql) { return StalePeriods(sql, tenants, start, end, today); });
  if (stale.empty()) return;
  // One transaction per hospital: a superior committee's first look at a month builds dozens, and
  // each one's writers wait only for its own.
  for (int64_t tenant : stale) {
    try {
      auto r = db.Write([&](soci::session& sql) -> Status {
        EnsurePeriods(sql, {tenant}, start, end, today);
        return Ok();
      });
      (void)r;
    } catch (const std::exception& e) {
      // On PostgreSQL builders take turns (LockCoverage) and the second finds the period built;
      // a failure here leaves the period to the next read, and this one answers from what is kept.
      spdlog::warn("event=coverage_summary_race period={} tenant={} error=\"{}\"", PeriodKey(start, end), tenant, e.what());
    }
  }
}

CoverageTotals CoverageView::Total() const {
  CoverageTotals t;
  for (const auto& v : villages) {
    t.households += v.totals.households;
    t.visited += v.totals.visited;
    t.covered += v.totals.covered;
    t.persons += v.totals.persons;
    t.seen += v.totals.seen;
    t.with_reason += v.totals.with_reason;
    t.not_seen += v.totals.not_seen;
  }
  return t;
}

std::map<int64_t, CoverageTotals> CoverageView::ByTeam() const {
  std::map<int64_t, CoverageTotals> out;
  for (const auto& v : villages) {
    auto it = village_team.find(v.village_code);
    if (it == village_team.end()) continue;
    auto& t = out[it->second];
    t.households += v.totals.households;
    t.visited += v.totals.visited;
    t.covered += v.totals.covered;
    t.persons += v.totals.persons;
    t.seen += v.totals.seen;
    t.with_reason += v.totals.with_reason;
    t.not_seen += v.totals.not_seen;
  }
  return out;
}

int64_t CoverageView::HouseholdsNotSeen() const {
  int64_t n = 0;
  for (const auto& v : villages) n += v.households_not_seen;
  return n;
}

CoverageView ReadSums(soci::session& sql, const Scope& scope, const CoverageSelection& sel) {
  CoverageView v;
  v.villages = SumsByVillage(sql, FilterOf(scope, sel), sel.period.start, sel.period.end);
  return v;
}

CoverageView ReadCoverage(soci::session& sql, const Scope& scope, const CoverageSelection& sel) {
  CoverageView v = ReadSums(sql, scope, sel);
  if (v.villages.empty()) return v;
  Query teams(kTeams);
  teams.Set("on", FormatDate(sel.query.as_of));
  ScopeFilter(teams, scope, "tv.tenant_id");
  registry::VillageFilter(teams, sel.query.villages, "tv.village_code");
  if (!sel.query.town.empty()) teams << " AND tv.village_code LIKE " << teams.Bind(sel.query.town + "%");
  teams << " ORDER BY tv.from_on, tv.id";
  for (const auto& r : Fetch(sql, teams)) {
    v.village_team[r.Str("village_code")] = r.Int("id");
    v.teams[r.Int("id")] = TeamInfo{r.Int("id"), r.Str("name"), r.Str("leader_name")};
  }
  for (const auto& row : v.villages)
    if (!row.village_name.empty()) v.village_names[row.village_code] = row.village_name;
  return v;
}

HouseholdPage HouseholdsPage(soci::session& sql, const Scope& scope, const CoverageSelection& sel,
                             const CoverageView& view, const std::string& state, int64_t offset, int64_t limit,
                             bool descending) {
  HouseholdPage page;
  const HouseholdState s = HouseholdStateOf(state);
  page.total = CountHouseholds(view.villages, s);
  std::vector<int64_t> ids;
  for (const auto& h : ListHouseholds(sql, FilterOf(scope, sel), sel.period.start, sel.period.end, s, offset, limit,
                                      descending))
    ids.push_back(h.household_id);
  page.data = Judged(sql, scope, sel, ids);
  return page;
}

PersonPage PersonsPage(soci::session& sql, const Scope& scope, const CoverageSelection& sel, const CoverageView& view,
                       const std::string& state, int64_t offset, int64_t limit) {
  PersonPage page;
  const auto total = view.Total();
  page.total = state == "not_seen" ? total.not_seen
               : state == "reason" ? total.with_reason
               : state == "seen"   ? total.seen
                                   : total.persons;
  // Walk the households holding such persons in list order, a batch at a time, keeping those
  // whose persons overlap [offset, offset + limit).
  constexpr int64_t kBatch = 200;
  const auto filter = FilterOf(scope, sel);
  std::vector<int64_t> ids;
  int64_t skip = offset;  // persons still to pass before the page starts
  int64_t first_skip = 0; // persons of the first kept household before the page starts
  int64_t wanted = limit;
  for (int64_t at = 0; wanted > 0; at += kBatch) {
    const auto batch = ListHouseholds(sql, filter, sel.period.start, sel.period.end, PersonHouseholds(state), at, kBatch);
    for (const auto& h : batch) {
      const int64_t n = PersonsIn(h, state);
      if (skip >= n) {
        skip -= n;
        continue;
      }
      if (ids.empty()) first_skip = skip;
      ids.push_back(h.household_id);
      wanted -= n - skip;
      skip = 0;
      if (wanted <= 0) break;
    }
    if (static_cast<int64_t>(batch.size()) < kBatch) break;
  }
  page.data = Judged(sql, scope, sel, ids);
  int64_t pass = first_skip;
  for (const auto& h : page.data.households) {
    for (const auto& pc : h.judged.persons) {
      if (!PersonInState(pc, state)) continue;
      if (pass > 0) {
        --pass;
        continue;
      }
      if (static_cast<int64_t>(page.lines.size()) >= limit) break;
      auto it = page.data.persons.find(pc.person_id);
      if (it != page.data.persons.end()) page.lines.push_back({&h, &it->second, &pc});
    }
  }
  return page;
}

}  // namespace qizhi::health::outreach
