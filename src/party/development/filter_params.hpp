// The candidate list's query parameters ↔ CandidateFilter. The list and the development figures
// parse the same parameters here, and a figure's `records` URL is these parameters encoded, so a
// figure and the list it opens cannot count differently.
#pragma once
#include <map>
#include <soci/soci.h>
#include <string>

#include "party/development/store.hpp"
#include "platform/core/result.hpp"
#include "platform/core/scope.hpp"
#include "platform/pii/cipher.hpp"

namespace qizhi::party::development {

using Params = std::map<std::string, std::string>;

// Parameters: org (subtree), stage (1-5), role (current: 申请人 积极分子 发展对象 预备党员 正式党员),
// became (a role) with from/to (the date it began in [from, to]; without became, from/to bound the
// application date), violations (any | open), overdue (1), q (name, or an 18-character ID number
// searched by its blind index). Each bad value is an error naming it; an `org` outside the scope
// is kNotFound.
Result<CandidateFilter> ParseCandidateFilter(soci::session& sql, const Scope& scope,
                                             const platform::pii::Cipher& cipher, const Params& query);

}  // namespace qizhi::party::development
