// Coverage kept current per household and period (tables of migration 0016), so the coverage
// screen, the lists behind its counts and the health figures read village sums and one index
// range instead of judging every person on each request — a county has 80,000 persons, a province
// 5,000,000. The judgement itself stays coverage.hpp's JudgeHousehold; this file stores its
// answers and keeps them true:
// - a period is built for a tenant the first time it is asked for (EnsurePeriods): every active
//   household judged as of min(today, end);
// - every write that can change a household's answer — a visit recorded or voided, a member added
//   or leaving, a household created, closed or moved — calls RefreshHousehold in the writer's
//   transaction: the household is judged again in each built period and its village's sums move
//   by the difference;
// - while a period runs its judging day moves with today: EnsurePeriods first re-judges the
//   households with a member joining or leaving since the day last judged.
// Not thread-safe beyond the session's own rules: callers write inside Database::Write.
#pragma once
#include <cstdint>
#include <soci/soci.h>
#include <string>
#include <vector>

#include "health/outreach/coverage.hpp"
#include "health/registry/village_scope.hpp"
#include "platform/core/date.hpp"
#include "platform/core/scope.hpp"

namespace qizhi::health::outreach {

// "2026-11-01..2026-11-30": a month, a quarter and a campaign with the same dates share one.
std::string PeriodKey(const Date& start, const Date& end);

// The tenants of `tenants` whose period is missing or judged before min(today, end) (cheap: one
// query). Empty: EnsurePeriods has nothing to do.
std::vector<int64_t> StalePeriods(soci::session& sql, const std::vector<int64_t>& tenants, const Date& start,
                                  const Date& end, const Date& today);
// Builds or brings up to date the period for each tenant (write transaction). Returns the number
// of households judged.
int64_t EnsurePeriods(soci::session& sql, const std::vector<int64_t>& tenants, const Date& start, const Date& end,
                      const Date& today);

// Re-judges one household in every period built for its tenant (write transaction).
void RefreshHousehold(soci::session& sql, int64_t tenant_id, int64_t household_id, const Date& today);
// Forgets every built period of the tenant (after a bulk change such as an import, where judging
// household by household would cost more than building again on the next read).
void InvalidateCoverage(soci::session& sql, int64_t tenant_id);

// Where: the tenants of `scope`, the caller's villages, optionally one town (9-digit code prefix)
// or one village.
struct SummaryFilter {
  Scope scope;
  registry::VillageScope villages;
  std::string town, village;
};

struct VillageSums {
  int64_t tenant_id = 0;
  std::string village_code, village_name;
  CoverageTotals totals;
  int64_t households_not_seen = 0;  // households with anyone not yet accounted for
};
std::vector<VillageSums> SumsByVillage(soci::session& sql, const SummaryFilter& f, const Date& start, const Date& end);

// kNotSeen, kHasReason, kHasSeen: households with at least one person in that state (the
// households behind the persons lists).
enum class HouseholdState { kCounted, kVisited, kNotVisited, kCovered, kNotCovered, kNotSeen, kHasReason, kHasSeen };
struct SummaryHousehold {
  int64_t tenant_id = 0, household_id = 0;
  std::string village_code, number, last_visit;
  bool visited = false, covered = false;
  int persons = 0, seen = 0, with_reason = 0, not_seen = 0;
};
// From the village sums, so it equals the figures by construction and costs no row scan (not for
// kHasReason and kHasSeen, which the sums do not hold: 0).
int64_t CountHouseholds(const std::vector<VillageSums>& sums, HouseholdState state);
// In tenant, village code, then household number order (one index range per tenant).
std::vector<SummaryHousehold> ListHouseholds(soci::session& sql, const SummaryFilter& f, const Date& start,
                                             const Date& end, HouseholdState state, int64_t offset, int64_t limit,
                                             bool descending = false);

}  // namespace qizhi::health::outreach
