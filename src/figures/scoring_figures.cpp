// Commendation figures (表彰): 先进党支部, 优秀党务工作者 and 优秀共产党员 of a year, one group per
// kind. Each counts through the same parser and query as the commendation list its `records` URL
// opens, so value == that list's total.
#include "figures/catalogue.hpp"
#include "party/scoring/filter_params.hpp"
#include "party/scoring/rules.hpp"
#include "party/scoring/store.hpp"
#include "platform/core/clock.hpp"
#include "platform/http/request.hpp"

namespace qizhi::figures {

namespace {
namespace scoring = party::scoring;

constexpr const char* kCommendationsUrl = "/api/v1/commendations";

Result<int64_t> CountWith(Context& c, const Params& p) {
  auto f = scoring::ParseCommendationFilter(c.sql, c.scope, p);
  if (!f.ok()) return f.errors();
  return scoring::CountCommendations(c.sql, c.scope, f.value());
}

Result<FigureValue> ByKind(Context& c, const Params& query) {
  FigureValue v;
  for (const char* n : {"org", "year", "kind"})
    if (auto it = query.find(n); it != query.end() && !it->second.empty()) v.filters[n] = it->second;
  auto total = CountWith(c, v.filters);
  if (!total.ok()) return total.errors();
  v.value = total.value();
  v.records = platform::http::ListUrl(kCommendationsUrl, v.filters);
  for (const auto& kind : scoring::CommendationKinds()) {
    if (v.filters.count("kind") && v.filters["kind"] != kind) continue;
    Params p = v.filters;
    p["kind"] = kind;
    auto n = CountWith(c, p);
    if (!n.ok()) return n.errors();
    v.groups.push_back({kind, scoring::KindTitle(kind), n.value(), platform::http::ListUrl(kCommendationsUrl, p)});
  }
  return v;
}

}  // namespace

std::vector<Figure> ScoringFigures() {
  FilterSpec kind{"kind", "表彰类别", "enum", {}};
  for (const auto& k : scoring::CommendationKinds()) kind.options.push_back({k, scoring::KindTitle(k)});
  // The dashboard offers the recent years; the parameter itself takes any year the list takes.
  FilterSpec year{"year", "年度", "enum", {}};
  for (int y = TodayDate().year; y > TodayDate().year - 10; --y) year.options.push_back({std::to_string(y), std::to_string(y) + "年"});
  return {
      {"commendations", "表彰（先进党支部、优秀党务工作者、优秀共产党员）", "个",
       {{"org", "组织", "org", {}}, year, kind}, ByKind},
  };
}

}  // namespace qizhi::figures
