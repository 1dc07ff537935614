// The live assessment of a year: each branch in scope with its measures (inspections of the year,
// the meeting cadence from party/life, study attendance from the life tables; dues absent until the
// dues area lands, see LoadMeasures), the tenant's weights and the ranking. Internal to scoring.
#pragma once
#include <nlohmann/json.hpp>
#include <soci/soci.h>
#include <vector>

#include "party/scoring/rules.hpp"
#include "party/scoring/store.hpp"
#include "platform/core/scope.hpp"

namespace qizhi::party::scoring {

struct BranchResult {
  Ranked ranked;
  Measures measures;
  Assessment assessment;
};
// Branches (kind branch, current) in `scope`, ranked under `weights` for `year` as of `today`.
std::vector<BranchResult> LiveAssessment(soci::session& sql, const Scope& scope, int year, const Weights& weights,
                                         const Date& today);
nlohmann::json MeasuresJson(const Measures& m, const Assessment& a);
nlohmann::json WeightsJson(const Weights& w);

}  // namespace qizhi::party::scoring
