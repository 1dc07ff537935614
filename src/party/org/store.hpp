// Organisation units (党委 → 党总支 → 党支部 → 党小组) with their materialised path.
// The platform needs only the list (for scopes); the organisation area extends this store.
#pragma once
#include <optional>
#include <soci/soci.h>
#include <string>
#include <vector>

#include "platform/core/scope.hpp"

namespace qizhi::party::org {

struct Unit {
  int64_t tenant_id = 0;
  int64_t id = 0;
  std::optional<int64_t> parent_id;
  std::string name;
  std::string kind;  // committee, general_branch, branch, group
  std::string path;
};

std::vector<Unit> ListUnits(soci::session& sql, const Scope& scope);
// Adds a unit under `parent_id` (or as a root) and sets its path "/<ancestors>/<id>/".
int64_t InsertUnit(soci::session& sql, int64_t tenant_id, std::optional<int64_t> parent_id, const std::string& name,
                   const std::string& kind);

}  // namespace qizhi::party::org
