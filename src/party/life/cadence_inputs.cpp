#include "party/life/cadence_inputs.hpp"

#include "party/life/store.hpp"
#include "party/org/rules.hpp"

namespace qizhi::party::life {

Result<OrgScope> ScopeOfOrg(soci::session& sql, const Scope& scope, const std::string& org, bool required) {
  if (org.empty()) {
    if (required) return Invalid("org", "请选择党组织");
    return OrgScope{scope, std::nullopt};
  }
  auto unit = org::ParseOrgParam(sql, scope, org);
  if (!unit.ok()) return unit.errors();
  return OrgScope{Scope{scope.home_tenant, {unit.value().tenant_id}, {unit.value().path}}, unit.value()};
}

const std::vector<CadenceRule>& CadenceInputs::RulesOf(int64_t tenant) const {
  auto it = stored.find(tenant);
  return it == stored.end() ? DefaultCadence() : it->second;
}

CadenceInputs LoadCadenceInputs(soci::session& sql, const Scope& scope, const std::string& from, const std::string& to) {
  CadenceInputs in;
  in.units = CadenceUnits(sql, scope);
  in.meetings = CadenceMeetings(sql, scope, from, to);
  std::vector<int64_t> tenants;
  for (const auto& u : in.units)
    if (tenants.empty() || tenants.back() != u.tenant_id) tenants.push_back(u.tenant_id);
  in.stored = StoredRules(sql, tenants);
  return in;
}

nlohmann::json LifeUnitJson(const LifeUnit& u) {
  return {{"unit_id", u.id},     {"tenant_id", u.tenant_id}, {"unit_name", u.name},
          {"kind", u.kind},      {"kind_title", org::KindTitle(u.kind)}, {"path", u.path}};
}

}  // namespace qizhi::party::life
