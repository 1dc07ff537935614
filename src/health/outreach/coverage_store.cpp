#include "health/outreach/coverage_store.hpp"

#include <unordered_map>

#include "platform/db/query.hpp"

namespace qizhi::health::outreach {
using platform::db::Fetch;
using platform::db::Query;
using platform::db::ScopeFilter;
using registry::VillageFilter;

namespace {

inline constexpr std::string_view kHouseholds =
    "SELECT h.tenant_id, h.id, h.village_code, h.number, hp.name AS head_name, h.address_mask, h.version "
    "FROM households h LEFT JOIN persons hp ON hp.tenant_id = h.tenant_id AND hp.id = h.head_person_id "
    "WHERE h.state = 'active'";

// Only who can be a current member on as_of; coverage.hpp judges again. The ciphertexts are
// read only for the export: they are most of a row's bytes, and coverage never shows them.
inline constexpr std::string_view kPersonColumns =
    "SELECT p.id, p.household_id, p.name, p.sex, p.relation, p.id_mask, p.phone_mask, p.joined_on, p.left_on";
inline constexpr std::string_view kPersonsWhere =
    " FROM persons p WHERE (p.joined_on IS NULL OR p.joined_on <= :asof) "
    "AND (p.left_on IS NULL OR p.left_on > :asof)";

// One row per person with a line in the period: seen at least once, and the latest reason
// recorded when not seen ("YYYY-MM-DD" + reason, so MAX picks the latest date).
inline constexpr std::string_view kPersonLines =
    "SELECT vp.household_id, vp.person_id, MAX(vp.seen) AS seen, "
    "MAX(CASE WHEN vp.seen = 0 AND vp.reason IS NOT NULL THEN vp.visited_on || vp.reason END) AS last_reason "
    "FROM visit_persons vp WHERE vp.active = 1 AND vp.visited_on >= :start AND vp.visited_on <= :asof";

inline constexpr std::string_view kPagePersonLines =
    "SELECT vp.household_id, vp.person_id, MAX(vp.seen) AS seen, "
    "MAX(CASE WHEN vp.seen = 0 AND vp.reason IS NOT NULL THEN vp.visited_on || vp.reason END) AS last_reason "
    "FROM visits v JOIN visit_persons vp ON vp.tenant_id = v.tenant_id AND vp.visit_id = v.id "
    "WHERE vp.active = 1 AND vp.visited_on >= :start AND vp.visited_on <= :asof";

inline constexpr std::string_view kHouseholdVisits =
    "SELECT v.household_id, MAX(v.visited_on) AS last_on FROM visits v "
    "WHERE v.state = 'active' AND v.visited_on >= :start AND v.visited_on <= :asof";

inline constexpr std::string_view kTeams =
    "SELECT tv.village_code, t.id, t.name, t.leader_name FROM outreach_team_villages tv "
    "JOIN outreach_teams t ON t.tenant_id = tv.tenant_id AND t.id = tv.team_id "
    "WHERE tv.from_on <= :on AND (tv.to_on IS NULL OR tv.to_on > :on) AND (t.ended_on IS NULL OR t.ended_on > :on)";

// A page's households only: one IN list on the query's household column.
void OnlyHouseholds(Query& q, const CoverageQuery& c, std::string_view household_col) {
  if (c.households.empty()) return;
  q << " AND " << household_col << " IN (";
  for (size_t i = 0; i < c.households.size(); ++i) q << (i ? ", " : "") << q.Bind(c.households[i]);
  q << ")";
}

void Villages(Query& q, const Scope& scope, const CoverageQuery& c, std::string_view tenant_col,
              std::string_view village_col) {
  ScopeFilter(q, scope, tenant_col);
  VillageFilter(q, c.villages, village_col);
  if (!c.town.empty()) q << " AND " << village_col << " LIKE " << q.Bind(c.town + "%");
}

}  // namespace

CoverageData LoadCoverage(soci::session& sql, const Scope& scope, const CoverageQuery& c) {
  CoverageData out;
  const std::string start = FormatDate(c.start), as_of = FormatDate(c.as_of);

  Query teams(kTeams);
  teams.Set("on", as_of);
  Villages(teams, scope, c, "tv.tenant_id", "tv.village_code");
  teams << " ORDER BY tv.from_on, tv.id";
  for (const auto& r : Fetch(sql, teams)) {
    out.village_team[r.Str("village_code")] = r.Int("id");
    out.teams[r.Int("id")] = TeamInfo{r.Int("id"), r.Str("name"), r.Str("leader_name")};
  }

  Query hq(kHouseholds);
  Villages(hq, scope, c, "h.tenant_id", "h.village_code");
  OnlyHouseholds(hq, c, "h.id");
  hq << " ORDER BY h.village_code, h.number, h.id";
  std::vector<CoveredHousehold> households;
  std::unordered_map<int64_t, size_t> index;
  for (const auto& r : Fetch(sql, hq)) {
    CoveredHousehold h;
    h.tenant_id = r.Int("tenant_id");
    h.id = r.Int("id");
    h.village_code = r.Str("village_code");
    h.number = r.Str("number");
    h.head_name = r.Str("head_name");
    h.address_mask = r.Str("address_mask");
    h.version = r.Int("version");
    index[h.id] = households.size();
    households.push_back(std::move(h));
  }

  std::vector<CoverageHousehold> inputs(households.size());
  for (size_t i = 0; i < households.size(); ++i) inputs[i].id = households[i].id;

  Query pq(kPersonColumns);
  if (c.sealed) pq << ", p.id_enc, p.phone_enc";
  pq << kPersonsWhere;
  pq.Set("asof", as_of);
  Villages(pq, scope, c, "p.tenant_id", "p.village_code");
  OnlyHouseholds(pq, c, "p.household_id");
  pq << " ORDER BY p.household_id, CASE WHEN p.relation = '户主' THEN 0 ELSE 1 END, p.id";
  for (const auto& r : Fetch(sql, pq)) {
    auto it = index.find(r.Int("household_id"));
    if (it == index.end()) continue;  // a closed household's members
    CoveragePerson p;
    p.id = r.Int("id");
    p.joined = ParseDate(r.Str("joined_on"));
    p.left = ParseDate(r.Str("left_on"));
    inputs[it->second].persons.push_back(p);
    out.persons[p.id] = CoveredPerson{p.id, r.Str("name"), r.Str("sex"), r.Str("relation"), r.Str("id_mask"),
                                      r.Str("phone_mask"), c.sealed ? r.Str("id_enc") : std::string(),
                                      c.sealed ? r.Str("phone_enc") : std::string()};
  }

  Query vq(kHouseholdVisits);
  vq.Set("start", start).Set("asof", as_of);
  Villages(vq, scope, c, "v.tenant_id", "v.village_code");
  OnlyHouseholds(vq, c, "v.household_id");
  vq << " GROUP BY v.household_id";
  for (const auto& r : Fetch(sql, vq)) {
    auto it = index.find(r.Int("household_id"));
    if (it == index.end()) continue;
    if (auto d = ParseDate(r.Str("last_on"))) inputs[it->second].visits.push_back(CoverageVisit{*d, {}});
  }

  // The period's lines, aggregated per household and person, become the lines of the household's
  // latest visit: JudgeHousehold then reads "seen in the period" and "the latest reason" from one
  // visit.
  // A page's households reach their lines through their visits (an index by household): the
  // period index would read every line of the period in the scope, millions for a province.
  Query lq(c.households.empty() ? kPersonLines : kPagePersonLines);
  lq.Set("start", start).Set("asof", as_of);
  Villages(lq, scope, c, "vp.tenant_id", "vp.village_code");
  if (!c.households.empty()) {
    ScopeFilter(lq, scope, "v.tenant_id");
    OnlyHouseholds(lq, c, "v.household_id");
  }
  // Per household and person, as the coverage summary judges: a line counts for the household
  // whose visit recorded it.
  lq << " GROUP BY vp.household_id, vp.person_id";
  for (const auto& r : Fetch(sql, lq)) {
    auto it = index.find(r.Int("household_id"));
    if (it == index.end()) continue;
    auto& h = inputs[it->second];
    if (h.visits.empty()) continue;
    const std::string last = r.Str("last_reason");
    VisitLine line{r.Int("person_id"), r.Int("seen") != 0, last.size() > 10 ? last.substr(10) : std::string()};
    h.visits.front().lines.push_back(std::move(line));
  }

  for (size_t i = 0; i < households.size(); ++i) {
    households[i].judged = JudgeHousehold(inputs[i], c.start, c.as_of);
    if (households[i].judged.counted) out.households.push_back(std::move(households[i]));
  }

  // The names of the villages that have households in the selection (never the country's list).
  Query names("SELECT d.code, d.name FROM divisions d WHERE d.code IN (SELECT h.village_code FROM households h WHERE 1 = 1");
  Villages(names, scope, c, "h.tenant_id", "h.village_code");
  OnlyHouseholds(names, c, "h.id");
  names << ")";
  for (const auto& r : Fetch(sql, names)) out.village_names[r.Str("code")] = r.Str("name");
  return out;
}

std::vector<std::string> VillagesOfTeam(soci::session& sql, const Scope& scope, int64_t team_id, const std::string& on) {
  Query q(
      "SELECT DISTINCT tv.village_code FROM outreach_team_villages tv WHERE tv.team_id = :team AND tv.from_on <= :on "
      "AND (tv.to_on IS NULL OR tv.to_on > :on)");
  q.Set("team", team_id).Set("on", on);
  ScopeFilter(q, scope, "tv.tenant_id");
  q << " ORDER BY tv.village_code";
  std::vector<std::string> out;
  for (const auto& r : Fetch(sql, q)) out.push_back(r.Str("village_code"));
  return out;
}

}  // namespace qizhi::health::outreach
