// The coverage screen's query parameters ↔ a period and a set of villages. The coverage totals,
// the lists behind each count, the export and the health figures parse the same parameters
// here, so a figure and the list its `records` URL opens cannot count differently.
#pragma once
#include <map>
#include <soci/soci.h>
#include <string>

#include "health/outreach/coverage_store.hpp"
#include "health/outreach/visit_period.hpp"
#include "platform/core/result.hpp"
#include "platform/core/scope.hpp"

namespace qizhi::health::outreach {

using Params = std::map<std::string, std::string>;

struct CoverageSelection {
  VisitPeriod period;
  CoverageQuery query;
  Params params;  // the parameters that were given (for list URLs)
};

// period: "YYYY-MM" (default: this month), "YYYY-Qn" or "plan:<id>" (its dates and villages);
// village (12 digits; outside the caller's villages → kNotFound), town (9 digits), team (an id:
// the villages it answers for on the judging day). A period not yet begun is an error on period.
Result<CoverageSelection> ParseCoverageParams(soci::session& sql, const Scope& scope,
                                              const registry::VillageScope& caller, const Params& query,
                                              const Date& today);

}  // namespace qizhi::health::outreach
