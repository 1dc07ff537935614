// The yearly pledge roll: who must sign the 廉洁从业承诺书 (derived from the hospital posts held
// that year under the tenant's post classes) and who has signed. What the pledge list and the
// integrity figures read, so they cannot disagree.
#pragma once
#include <map>
#include <optional>
#include <soci/soci.h>
#include <string>
#include <vector>

#include "party/integrity/store.hpp"
#include "platform/core/result.hpp"

namespace qizhi::party::integrity {

struct RollRow {
  MemberRef member;
  std::string cls;
  std::vector<std::string> posts;
  std::optional<Pledge> pledge;  // the pledge in force, if signed
};

using Params = std::map<std::string, std::string>;
struct PledgeFilter {
  int year = 0;
  std::optional<std::string> org_path;
  std::string signed_state;  // "" | yes | no
  std::string cls;           // "" | middle | key
  std::string q;             // name contains
};
// year: this year when empty, 2013..next year (a December signing is for the next year).
Result<PledgeFilter> ParsePledgeFilter(soci::session& sql, const Scope& scope, const Params& query, const std::string& today);
// In unit path, then member order.
std::vector<RollRow> PledgeRoll(soci::session& sql, const Scope& scope, const PledgeFilter& f);

Result<SelfCheckFilter> ParseSelfCheckFilter(soci::session& sql, const Scope& scope, const Params& query, const std::string& today);

}  // namespace qizhi::party::integrity
