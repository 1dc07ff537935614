// The query parameters of the inspection and commendation lists ↔ their filters. The lists and
// the commendations figure parse the same parameters here, so a figure and the list it opens
// cannot count differently.
#pragma once
#include <map>
#include <soci/soci.h>
#include <string>

#include "party/scoring/store.hpp"
#include "platform/core/result.hpp"
#include "platform/core/scope.hpp"

namespace qizhi::party::scoring {

using Params = std::map<std::string, std::string>;

// org (subtree), from/to (inspected_on), checklist (code), state (active|superseded|void|all), q.
Result<InspectionFilter> ParseInspectionFilter(soci::session& sql, const Scope& scope, const Params& query);
// org (subtree), year, kind, state (active|revoked|all), q (name or basis contains).
Result<CommendationFilter> ParseCommendationFilter(soci::session& sql, const Scope& scope, const Params& query);

}  // namespace qizhi::party::scoring
