// The member list's query parameters ↔ MemberFilter. The list, the export and the member figures
// all parse the same parameters here, and a figure's `records` URL is these parameters encoded,
// so a figure and the list it opens cannot count differently.
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

// "/api/v1/members?org=5&status=%E6%AD%A3%E5%BC%8F": the path with the parameters that are set,
// percent-encoded (RFC 3986), in name order.
std::string ListUrl(const std::string& path, const Params& params);

}  // namespace qizhi::party::members
