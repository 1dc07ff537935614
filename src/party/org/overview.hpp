// The organisation as the party office sees it today: every unit in scope with its member counts
// (own and below), secretary, current committee and the warnings of rules.hpp. Shared by the
// org routes and the figures, so a figure and the list it opens count the same way.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <soci/soci.h>
#include <vector>

#include "party/org/rules.hpp"
#include "party/org/store.hpp"
#include "platform/core/result.hpp"
#include "platform/core/scope.hpp"

namespace qizhi::party::org {

struct UnitOverview {
  Unit unit;
  int depth = 0;             // 0 for a root
  int members = 0;           // current members in the unit and below
  int full_members = 0;
  int probationary_members = 0;
  int direct_members = 0;
  std::optional<HeldPost> secretary;
  std::optional<Committee> committee;
  std::vector<Warning> warnings;
};

// Current units in scope, in tree order (tenant, path). Four queries whatever the tree's size.
std::vector<UnitOverview> LoadOverview(soci::session& sql, const Scope& scope, const Date& today);

// The `org` parameter of lists and figures: a positive unit id (else kInvalid) naming a unit the
// scope may read (else kNotFound), current or ended.
Result<Unit> ParseOrgParam(soci::session& sql, const Scope& scope, const std::string& text);

// A current unit the caller may write to, named by the request field `field` and called `noun`
// in messages: in the tenant but outside the write scope → kForbidden; absent → kInvalid; ended
// → kInvalid. Writes reach only the caller's own hospital.
Result<Unit> WritableUnit(soci::session& sql, const Scope& scope, int64_t id, const std::string& field,
                          const std::string& noun);

// The filters of the unit list and of the unit figures: org (that unit and below), kind, warning
// ("any" or a code), size_band (by current members), q (name contains).
struct UnitFilter {
  std::optional<std::string> org_path;
  std::string kind, warning, size_band, q;
};
// Each bad value is an error naming its parameter; an `org` outside the scope is kNotFound.
Result<UnitFilter> ParseUnitFilter(soci::session& sql, const Scope& scope,
                                   const std::map<std::string, std::string>& query);
bool Matches(const UnitOverview& o, const UnitFilter& f);

}  // namespace qizhi::party::org
