// The member list's query parameters ↔ MemberFilter. The list, the export and the member figures
// all parse the same parameters here, and a figure's `records` URL is these parameters encoded,
// so a figure and the list it opens cannot count differently (URLs: platform::http::ListUrl).
#pragma once
#include <map>
#include <soci/soci.h>
#include <string>

#include "party/members/store.hpp"
#include "platform/core/result.hpp"
#include "platform/core/scope.hpp"
#include "platform/pii/cipher.hpp"

namespace qizhi::party::members {

using Params = std::map<std::string, std::string>;

// Parameters: org, direct, to, from, status, age_band, post, sex, education, category, hardship,
// flowing, state, q. Each bad value is an error naming it; an `org` outside the scope is kNotFound.
// An 18-character `q` is an ID number, searched by its blind index (hence the cipher).
Result<MemberFilter> ParseMemberFilter(soci::session& sql, const Scope& scope, const platform::pii::Cipher& cipher,
                                       const Params& query);


}  // namespace qizhi::party::members
