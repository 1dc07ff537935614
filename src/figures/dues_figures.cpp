// 党费 in figures: payments recorded in a period (by method), and members six consecutive months
// without paying (党章 第九条). Each counts through the parser and query of the list its
// `records` URL opens, so value == that list's total.
#include "figures/catalogue.hpp"
#include "party/dues/arrears.hpp"
#include "party/dues/filter_params.hpp"
#include "party/dues/rules.hpp"
#include "platform/core/clock.hpp"
#include "platform/http/request.hpp"

namespace qizhi::figures {

namespace {
namespace dues = party::dues;

constexpr const char* kPaymentsUrl = "/api/v1/dues/payments";
constexpr const char* kArrearsUrl = "/api/v1/dues/arrears";

Params Declared(const Params& query, std::initializer_list<const char*> names) {
  Params p;
  for (const char* n : names) {
    auto it = query.find(n);
    if (it != query.end() && !it->second.empty()) p[n] = it->second;
  }
  return p;
}

Result<int64_t> CountPaymentsWith(Context& c, const Params& p) {
  auto f = dues::ParsePaymentFilter(c.sql, c.scope, p);
  if (!f.ok()) return f.errors();
  return dues::CountPayments(c.sql, c.scope, f.value());
}

Result<FigureValue> PaymentsByMethod(Context& c, const Params& query) {
  FigureValue v;
  v.filters = Declared(query, {"org", "from", "to"});
  auto total = CountPaymentsWith(c, v.filters);
  if (!total.ok()) return total.errors();
  v.value = total.value();
  v.records = platform::http::ListUrl(kPaymentsUrl, v.filters);
  for (const auto& m : dues::PaymentMethods()) {
    Params p = v.filters;
    p["method"] = m;
    auto n = CountPaymentsWith(c, p);
    if (!n.ok()) return n.errors();
    v.groups.push_back({m, m, n.value(), platform::http::ListUrl(kPaymentsUrl, p)});
  }
  return v;
}

Result<FigureValue> UnpaidSixMonths(Context& c, const Params& query) {
  FigureValue v;
  v.filters = Declared(query, {"org"});
  // emplace, not operator=: g++ 12 -O2 reports a false -Wrestrict on assigning the literal.
  v.filters.emplace("flagged", "1");
  auto f = dues::ParseArrearsFilter(c.sql, c.scope, v.filters, TodayShanghai().substr(0, 7));
  if (!f.ok()) return f.errors();
  v.value = static_cast<int64_t>(dues::LoadArrears(c.sql, f.value()).size());
  v.records = platform::http::ListUrl(kArrearsUrl, v.filters);
  return v;
}

}  // namespace

std::vector<Figure> DuesFigures() {
  const FilterSpec org{"org", "组织", "org", {}};
  return {
      {"dues_payments", "党费缴纳（按缴纳方式）", "笔", {org, {"from", "缴纳日期起", "date", {}}, {"to", "缴纳日期止", "date", {}}},
       PaymentsByMethod},
      {"dues_unpaid_six_months", "连续六个月未交党费的党员", "人", {org}, UnpaidSixMonths},
  };
}

}  // namespace qizhi::figures
