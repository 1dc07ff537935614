// The arrears of a scope: who owes for past months, and who has gone six consecutive months
// without paying. The arrears list and the dues figure count through this one function.
#pragma once
#include <nlohmann/json.hpp>
#include <soci/soci.h>
#include <string>
#include <vector>

#include "party/dues/filter_params.hpp"
#include "party/dues/store.hpp"

namespace qizhi::party::dues {

// Members of the filter's scope owing for a past month (before f.current_month, at most two
// years back), with their longest run of unpaid months and the reason recorded; only flagged
// ones with f.flagged_only. In roll order (unit, name).
struct ArrearsItem {
  DuesMember member;
  int owed_months = 0;
  int64_t owed_fen = 0;
  std::string first_owed;
  UnpaidRun run;
  std::string reason;
};
std::vector<ArrearsItem> LoadArrears(soci::session& sql, const ArrearsFilter& f);
nlohmann::json ArrearsJson(const ArrearsItem& a);

}  // namespace qizhi::party::dues
