#include "figures/meeting_figures.hpp"

#include "party/life/filter_params.hpp"
#include "party/life/store.hpp"
#include "platform/http/request.hpp"

namespace qizhi::figures {
namespace life = party::life;

namespace {

Params Declared(const Params& query, const Params& base) {
  Params p;
  for (const char* n : {"org", "from", "to"}) {
    auto it = query.find(n);
    if (it != query.end() && !it->second.empty()) p[n] = it->second;
  }
  for (const auto& [k, v] : base) p[k] = v;
  return p;
}

Result<int64_t> Count(Context& c, const Params& p) {
  auto f = life::ParseMeetingFilter(c.sql, c.scope, p);
  if (!f.ok()) return f.errors();
  return life::CountMeetings(c.sql, c.scope, f.value());
}

}  // namespace

std::vector<FilterSpec> MeetingFilters() {
  return {{"org", "组织", "org", {}}, {"from", "起始日期", "date", {}}, {"to", "截止日期", "date", {}}};
}

Result<FigureValue> MeetingGroups(Context& c, const Params& query, const Params& base, const std::string& param,
                                  const std::vector<std::pair<std::string, std::string>>& groups) {
  FigureValue v;
  v.filters = Declared(query, base);
  auto total = Count(c, v.filters);
  if (!total.ok()) return total.errors();
  v.value = total.value();
  v.records = platform::http::ListUrl(kMeetingsUrl, v.filters);
  for (const auto& [key, label] : groups) {
    Params p = v.filters;
    p[param] = key;
    auto n = Count(c, p);
    if (!n.ok()) return n.errors();
    v.groups.push_back({key, label, n.value(), platform::http::ListUrl(kMeetingsUrl, p)});
  }
  return v;
}

Result<std::vector<std::pair<std::string, std::string>>> MeetingValues(Context& c, const Params& query,
                                                                      const Params& base, const std::string& column) {
  auto f = life::ParseMeetingFilter(c.sql, c.scope, Declared(query, base));
  if (!f.ok()) return f.errors();
  const auto col = column == "campaign" ? life::MeetingColumn::kCampaign : life::MeetingColumn::kLecturerLevel;
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& [value, n] : life::CountMeetingsBy(c.sql, c.scope, f.value(), col)) out.push_back({value, value});
  return out;
}

}  // namespace qizhi::figures
