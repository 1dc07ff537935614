// Member points in figures: members with points in a year, and manual entries awaiting
// approval. Each counts through the list its `records` URL opens (the ranking with has_points=1,
// the entries with status=pending), so value == that list's total.
#include "figures/catalogue.hpp"
#include "party/points/standings.hpp"
#include "party/org/overview.hpp"
#include "party/points/store.hpp"
#include "platform/core/clock.hpp"
#include "platform/http/request.hpp"

namespace qizhi::figures {

namespace {
namespace points = party::points;

Params Declared(const Params& query, std::initializer_list<const char*> names) {
  Params p;
  for (const char* n : names) {
    auto it = query.find(n);
    if (it != query.end() && !it->second.empty()) p[n] = it->second;
  }
  return p;
}

Result<FigureValue> MembersWithPoints(Context& c, const Params& query) {
  FigureValue v;
  v.filters = Declared(query, {"org", "year"});
  Params p = v.filters;
  p["has_points"] = std::string("1");
  const std::string today = TodayShanghai();
  auto f = points::ParseRankingFilter(c.sql, c.scope, p, today);
  if (!f.ok()) return f.errors();
  v.value = static_cast<int64_t>(points::Ranking(c.sql, c.scope, f.value(), today).size());
  p["year"] = std::to_string(f.value().year);
  v.records = platform::http::ListUrl("/api/v1/points/ranking", p);
  return v;
}

Result<FigureValue> PendingEntries(Context& c, const Params& query) {
  FigureValue v;
  v.filters = Declared(query, {"org"});
  points::EntryFilter f;
  f.status = "pending";
  if (auto it = v.filters.find("org"); it != v.filters.end()) {
    auto unit = party::org::ParseOrgParam(c.sql, c.scope, it->second);
    if (!unit.ok()) return unit.errors();
    f.org_path = unit.value().path;
  }
  v.value = points::CountEntries(c.sql, c.scope, f);
  Params p = v.filters;
  p["status"] = std::string("pending");
  v.records = platform::http::ListUrl("/api/v1/points/entries", p);
  return v;
}

}  // namespace

std::vector<Figure> PointsFigures() {
  const FilterSpec org{"org", "组织", "org", {}};
  // The last five years, as the catalogue is built (at the first request).
  FilterSpec year{"year", "年度", "enum", {}};
  const int this_year = std::stoi(TodayShanghai().substr(0, 4));
  for (int y = this_year; y > this_year - 5; --y) year.options.push_back({std::to_string(y), std::to_string(y) + "年"});
  return {
      {"points_members", "有积分的党员（年度）", "人", {org, year}, MembersWithPoints},
      {"points_entries_pending", "待审批的手工加扣分", "条", {org}, PendingEntries},
  };
}

}  // namespace qizhi::figures
