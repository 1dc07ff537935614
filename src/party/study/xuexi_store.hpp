// The imported 学习强国 statistics in the database: imports per tenant and month (a later import
// of the month supersedes the earlier one, which stays), and their rows per unit.
#pragma once
#include <cstdint>
#include <optional>
#include <soci/soci.h>
#include <string>
#include <vector>

#include "platform/core/scope.hpp"

namespace qizhi::party::study {

struct XuexiImport {
  int64_t tenant_id = 0;
  int64_t id = 0;
  std::string tenant_name;
  std::string period;  // YYYY-MM
  std::string file_name;
  int rows = 0;
  std::string imported_at;
  int64_t imported_by = 0;
  std::string imported_by_name;
  std::optional<std::string> superseded_at;
};

struct XuexiStat {
  int64_t tenant_id = 0;
  int64_t unit_id = 0;
  std::string unit_path;
  std::string unit_name;
  int members = 0;
  int registered = 0;
  int registration_rate = 0;     // per mille
  std::optional<int> active_rate;  // per mille
  std::optional<int> avg_points;   // tenths
};

// Supersedes the tenant's current import of `period` (if any) and records a new one; its id.
int64_t InsertImport(soci::session& sql, const XuexiImport& import);
void InsertStat(soci::session& sql, int64_t import_id, const std::string& period, const XuexiStat& stat);

// Rows of the current imports of `period` the scope may read, under `org_path` when given, in
// tenant and unit order.
std::vector<XuexiStat> CurrentStats(soci::session& sql, const Scope& scope, const std::string& period,
                                    const std::optional<std::string>& org_path);
// Every import the scope's tenants hold, newest first (superseded ones too).
std::vector<XuexiImport> ListImports(soci::session& sql, const Scope& scope);

}  // namespace qizhi::party::study
