// Figures that count meetings (organisational life, study): each value and each group is the
// `total` of the meeting list (/api/v1/meetings) under the same parameters, counted through
// party::life::ParseMeetingFilter and CountMeetings, the list's own parser and query.
#pragma once
#include <string>
#include <utility>
#include <vector>

#include "figures/catalogue.hpp"

namespace qizhi::figures {

inline constexpr const char* kMeetingsUrl = "/api/v1/meetings";

// The filters every meeting figure takes: org, from, to.
std::vector<FilterSpec> MeetingFilters();

// The count of meetings under the declared filters plus `base`, and one group per (key, label)
// with `param` = key added.
Result<FigureValue> MeetingGroups(Context& c, const Params& query, const Params& base, const std::string& param,
                                  const std::vector<std::pair<std::string, std::string>>& groups);

// The distinct values of a meetings column (e.g. campaign) among the meetings the filters
// select, most frequent first: the groups of a figure whose categories are the records' own.
Result<std::vector<std::pair<std::string, std::string>>> MeetingValues(Context& c, const Params& query,
                                                                      const Params& base, const std::string& column);

}  // namespace qizhi::figures
