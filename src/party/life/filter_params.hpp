// The meeting list's query parameters ↔ MeetingFilter. The list, the ledger and the meeting
// figures (and the study area's counts by lecturer level) parse the same parameters here, so a
// figure and the list its `records` URL opens cannot count differently.
#pragma once
#include <map>
#include <soci/soci.h>
#include <string>

#include "party/life/store.hpp"
#include "platform/core/result.hpp"
#include "platform/core/scope.hpp"

namespace qizhi::party::life {

using Params = std::map<std::string, std::string>;

// Parameters: org, direct (1: only that unit), type, from, to, lecturer_level, campaign, state
// (active, the default | cancelled | all), q. Each bad value is an error naming it; an `org`
// outside the scope is kNotFound.
Result<MeetingFilter> ParseMeetingFilter(soci::session& sql, const Scope& scope, const Params& query);

}  // namespace qizhi::party::life
