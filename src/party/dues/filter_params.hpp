// The dues lists' query parameters, parsed in one place: the lists, the export and the dues
// figures use the same parsers, so a figure and the list its `records` URL opens count alike.
#pragma once
#include <map>
#include <soci/soci.h>
#include <string>

#include "party/dues/store.hpp"
#include "platform/core/result.hpp"
#include "platform/core/scope.hpp"

namespace qizhi::party::dues {

using Params = std::map<std::string, std::string>;

// Payments: org, member, from, to (paid_on), method, state (valid | voided | all), q.
Result<PaymentFilter> ParsePaymentFilter(soci::session& sql, const Scope& scope, const Params& query);
// Bases: org, q, category, missing (1: members without a base).
Result<BaseFilter> ParseBaseFilter(soci::session& sql, const Scope& scope, const Params& query);

// Arrears: org, q, flagged (1: six consecutive months unpaid), month (the month judged as
// current, default this month; months before it are past).
struct ArrearsFilter {
  Scope scope;  // the caller's, narrowed to org
  std::string q;
  bool flagged_only = false;
  std::string current_month;
};
Result<ArrearsFilter> ParseArrearsFilter(soci::session& sql, const Scope& scope, const Params& query,
                                         const std::string& this_month);

// "year": 2000..2100, default this year.
Result<int> ParseYear(const std::string& text, int this_year);

}  // namespace qizhi::party::dues
