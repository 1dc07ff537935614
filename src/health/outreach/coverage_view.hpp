// The coverage of a selection as the screen, the lists and the figures show it, read from the
// kept summary (coverage_summary.hpp): sums per village, the team answering for each village on
// the judging day, village names — and one page of a households or persons list, whose person
// rows are judged live for that page's households only. Every count and its list's total come
// from the same summary rows, so they cannot disagree.
#pragma once
#include <map>
#include <string>
#include <vector>

#include "health/outreach/coverage_params.hpp"
#include "health/outreach/coverage_store.hpp"
#include "health/outreach/coverage_summary.hpp"
#include "platform/db/database.hpp"

namespace qizhi::health::outreach {

// Builds or freshens the selection's period for every tenant the scope reads, when needed (a
// write; two requests racing to build the same period: the loser reads what the winner wrote).
void EnsureSummary(platform::db::Database& db, const Scope& scope, const CoverageSelection& sel);

struct CoverageView {
  std::vector<VillageSums> villages;               // in village code order
  std::map<std::string, std::string> village_names;
  std::map<std::string, int64_t> village_team;     // on the judging day
  std::map<int64_t, TeamInfo> teams;
  CoverageTotals Total() const;
  std::map<int64_t, CoverageTotals> ByTeam() const;
  int64_t HouseholdsNotSeen() const;
};
CoverageView ReadCoverage(soci::session& sql, const Scope& scope, const CoverageSelection& sel);
// Only the village sums (the counts a list page reports), without the villages' names and teams.
CoverageView ReadSums(soci::session& sql, const Scope& scope, const CoverageSelection& sel);

SummaryFilter FilterOf(const Scope& scope, const CoverageSelection& sel);

// One page of households in `state` (not_visited, not_covered, covered, visited or "" for all),
// judged: the rows of LoadCoverage for exactly the page's households, in list order.
struct HouseholdPage {
  int64_t total = 0;
  CoverageData data;  // data.households: the page, in order
};
HouseholdPage HouseholdsPage(soci::session& sql, const Scope& scope, const CoverageSelection& sel,
                             const CoverageView& view, const std::string& state, int64_t offset, int64_t limit,
                             bool descending);

// One page of persons in `state` (not_seen, reason, seen or "" for all current members): the
// households holding them are walked in list order until the page is filled.
struct PersonLine {
  const CoveredHousehold* household;
  const CoveredPerson* person;
  const PersonCoverage* judged;
};
struct PersonPage {
  int64_t total = 0;
  CoverageData data;
  std::vector<PersonLine> lines;  // points into data
};
PersonPage PersonsPage(soci::session& sql, const Scope& scope, const CoverageSelection& sel, const CoverageView& view,
                       const std::string& state, int64_t offset, int64_t limit);

}  // namespace qizhi::health::outreach
