#include "party/dues/arrears.hpp"

#include "party/dues/route_support.hpp"

namespace qizhi::party::dues {
namespace http = platform::http;

std::vector<ArrearsItem> LoadArrears(soci::session& sql, const ArrearsFilter& f) {
  const std::string to = AddMonth(f.current_month, -1);
  const std::string from = AddMonth(f.current_month, -24);
  std::vector<ArrearsItem> out;
  for (auto& mb : BalancesInScope(sql, f.scope, from, to)) {
    if (!f.q.empty() && mb.member.name.find(f.q) == std::string::npos) continue;
    ArrearsItem a;
    for (const auto& b : mb.months) {
      if (b.Owed() == 0) continue;
      if (a.owed_months++ == 0) a.first_owed = b.month;
      a.owed_fen += b.Owed();
    }
    if (a.owed_months == 0) continue;
    a.run = LongestUnpaidRun(mb.months, f.current_month);
    if (f.flagged_only && !Flagged(a.run)) continue;
    a.member = std::move(mb.member);
    out.push_back(std::move(a));
  }
  std::map<int64_t, std::vector<int64_t>> by_tenant;
  for (const auto& a : out) by_tenant[a.member.tenant_id].push_back(a.member.id);
  for (const auto& [tenant, ids] : by_tenant) {
    const auto reasons = CurrentReasons(sql, tenant, ids);
    for (auto& a : out)
      if (a.member.tenant_id == tenant)
        if (auto it = reasons.find(a.member.id); it != reasons.end()) a.reason = it->second;
  }
  return out;
}

nlohmann::json ArrearsJson(const ArrearsItem& a) {
  auto j = MemberJson(a.member);
  j["owed_months"] = a.owed_months;
  j["owed_fen"] = a.owed_fen;
  j["first_owed_month"] = a.first_owed;
  j["unpaid_run"] = a.run.length;
  j["unpaid_from"] = http::TextOrNull(a.run.from);
  j["unpaid_to"] = http::TextOrNull(a.run.to);
  j["flagged"] = Flagged(a.run);
  j["reason"] = http::TextOrNull(a.reason);
  return j;
}

}  // namespace qizhi::party::dues
