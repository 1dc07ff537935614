// Integrity in figures: 廉洁从业承诺书 due and signed in a year, 九不准 self-checks done and those
// that found an issue. Each counts through the list its `records` URL opens (the pledge roll,
// the self-check list), so value == that list's total.
#include "figures/catalogue.hpp"
#include "party/integrity/roll.hpp"
#include "party/integrity/store.hpp"
#include "platform/core/clock.hpp"
#include "platform/http/request.hpp"

namespace qizhi::figures {

namespace {
namespace integrity = party::integrity;

Params Declared(const Params& query, std::initializer_list<const char*> names) {
  Params p;
  for (const char* n : names) {
    auto it = query.find(n);
    if (it != query.end() && !it->second.empty()) p[n] = it->second;
  }
  return p;
}

Result<FigureValue> Pledges(Context& c, const Params& query, const std::string& signed_state) {
  FigureValue v;
  v.filters = Declared(query, {"org", "year"});
  Params p = v.filters;
  if (!signed_state.empty()) p["signed"] = signed_state;
  auto f = integrity::ParsePledgeFilter(c.sql, c.scope, p, TodayShanghai());
  if (!f.ok()) return f.errors();
  v.value = static_cast<int64_t>(integrity::PledgeRoll(c.sql, c.scope, f.value()).size());
  p["year"] = std::to_string(f.value().year);
  v.records = platform::http::ListUrl("/api/v1/integrity/pledges", p);
  return v;
}

Result<FigureValue> SelfChecks(Context& c, const Params& query, bool issues_only) {
  FigureValue v;
  v.filters = Declared(query, {"org", "year"});
  Params p = v.filters;
  if (issues_only) p["issues"] = std::string("1");  // not a literal: GCC 12 -O2 -Wrestrict false positive
  auto f = integrity::ParseSelfCheckFilter(c.sql, c.scope, p, TodayShanghai());
  if (!f.ok()) return f.errors();
  v.value = integrity::CountSelfChecks(c.sql, c.scope, f.value());
  v.records = platform::http::ListUrl("/api/v1/integrity/self-checks", p);
  return v;
}

}  // namespace

std::vector<Figure> IntegrityFigures() {
  const FilterSpec org{"org", "组织", "org", {}};
  FilterSpec year{"year", "年度", "enum", {}};
  const int this_year = std::stoi(TodayShanghai().substr(0, 4));
  for (int y = this_year; y > this_year - 5; --y) year.options.push_back({std::to_string(y), std::to_string(y) + "年"});
  return {
      {"integrity_pledges_due", "应签廉洁从业承诺书", "人", {org, year},
       [](Context& c, const Params& q) { return Pledges(c, q, ""); }},
      {"integrity_pledges_signed", "已签廉洁从业承诺书", "人", {org, year},
       [](Context& c, const Params& q) { return Pledges(c, q, "yes"); }},
      {"integrity_self_checks", "“九不准”自查（份）", "份", {org, year},
       [](Context& c, const Params& q) { return SelfChecks(c, q, false); }},
      {"integrity_self_check_issues", "“九不准”自查发现问题（份）", "份", {org, year},
       [](Context& c, const Params& q) { return SelfChecks(c, q, true); }},
  };
}

}  // namespace qizhi::figures
