#include "health/outreach/route_support.hpp"

#include <algorithm>

#include "platform/core/clock.hpp"

namespace qizhi::health::outreach {

registry::VillageScope CallerVillages(soci::session& sql, const platform::http::Request& req) {
  const auto& who = req.who();
  return registry::VillageScopeOf(sql, who.tenant_id, who.user_id, who.Has("health:scope:all"), TodayShanghai());
}

registry::VillageScope Narrow(const registry::VillageScope& scope, const std::vector<std::string>& codes) {
  registry::VillageScope out;
  out.all = false;
  for (const auto& c : codes)
    if (scope.Allows(c)) out.villages.push_back(c);
  std::sort(out.villages.begin(), out.villages.end());
  out.villages.erase(std::unique(out.villages.begin(), out.villages.end()), out.villages.end());
  return out;
}

Result<HouseholdRef> HouseholdForWrite(soci::session& sql, const platform::http::Request& req,
                                       const registry::VillageScope& villages, int64_t id, const char* field) {
  const Scope home = WriteScope(req.who().scope);
  auto h = FindHousehold(sql, home, registry::VillageScope{}, id);
  if (!h) return Error{ErrorCode::kNotFound, "建档立卡户不存在", field};
  if (!villages.Allows(h->village_code))
    return Error{ErrorCode::kForbidden, "该户不在您所在帮扶队负责的村，不能登记", field};
  if (h->state != "active") return Error{ErrorCode::kConflict, "该户已销户，不能再登记", field};
  return *h;
}

nlohmann::json HouseholdJson(const HouseholdRef& h) {
  using platform::http::TextOrNull;
  return {{"id", h.id},
          {"village_code", h.village_code},
          {"village_name", h.village_name},
          {"number", TextOrNull(h.number)},
          {"head_name", TextOrNull(h.head_name)},
          {"address", TextOrNull(h.address_mask)},
          {"status", h.status},
          {"state", h.state},
          {"version", h.version}};
}

nlohmann::json MemberJson(const MemberRef& m) {
  using platform::http::TextOrNull;
  return {{"id", m.id},
          {"household_id", m.household_id},
          {"name", m.name},
          {"sex", m.sex},
          {"birth_date", m.birth_date},
          {"relation", m.relation},
          {"id_number", m.id_mask},
          {"phone", TextOrNull(m.phone_mask)},
          {"chronic", TextOrNull(m.chronic)},
          {"disability", TextOrNull(m.disability)},
          {"joined_on", TextOrNull(m.joined_on)},
          {"left_on", TextOrNull(m.left_on)},
          {"version", m.version}};
}

std::optional<int64_t> IdQuery(const platform::http::Request& req, const char* name, Errors& errors) {
  const std::string v = req.Query(name);
  if (v.empty()) return std::nullopt;
  if (v.size() > 15 || !std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; }) || std::stoll(v) <= 0) {
    errors.push_back(Invalid(name, std::string(name) + " 应为正整数编号"));
    return std::nullopt;
  }
  return std::stoll(v);
}

}  // namespace qizhi::health::outreach
