// What the cadence routes (overdue, due), the ledger and the calendar share: the caller's scope
// narrowed to an `org` parameter, and the cadence's inputs for a scope — the units, the meetings
// of a date range and the tenants' stored rules, three statements whatever the tree's size.
// Internal to src/party/life.
#pragma once
#include <cstdint>
#include <optional>
#include <map>
#include <nlohmann/json.hpp>
#include <soci/soci.h>
#include <string>
#include <vector>

#include "party/life/cadence.hpp"
#include "party/org/overview.hpp"
#include "platform/core/result.hpp"
#include "platform/core/scope.hpp"

namespace qizhi::party::life {

// The scope of `org` (a unit the caller may read): that unit and below in its tenant. An empty
// `org` keeps `scope` when `required` is false, else an error naming `org`. Outside the scope:
// kNotFound naming `org`.
struct OrgScope {
  Scope scope;
  std::optional<org::Unit> unit;
};
Result<OrgScope> ScopeOfOrg(soci::session& sql, const Scope& scope, const std::string& org, bool required);

struct CadenceInputs {
  std::vector<LifeUnit> units;
  std::vector<LifeMeeting> meetings;
  std::map<int64_t, std::vector<CadenceRule>> stored;
  // The tenant's stored rules, else DefaultCadence().
  const std::vector<CadenceRule>& RulesOf(int64_t tenant) const;
};
// Units in `scope`, their active meetings held in [from, to], their tenants' stored rules.
CadenceInputs LoadCadenceInputs(soci::session& sql, const Scope& scope, const std::string& from, const std::string& to);

nlohmann::json LifeUnitJson(const LifeUnit& u);

}  // namespace qizhi::party::life
