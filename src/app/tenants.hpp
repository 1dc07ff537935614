// Creating a tenant (a hospital or a superior committee): its row, its audit chain head, its
// root organisation unit and its built-in roles, in the caller's transaction.
#pragma once
#include <optional>
#include <soci/soci.h>
#include <string>

namespace qizhi::app {

struct NewTenant {
  int64_t id;
  std::optional<int64_t> parent_id;
  std::string name;
  std::string kind;       // committee | hospital
  std::string root_unit;  // name of the top organisation unit, e.g. "大足区人民医院党委"
};

// Returns the id of the root organisation unit.
int64_t CreateTenant(soci::session& sql, const NewTenant& t);

}  // namespace qizhi::app
