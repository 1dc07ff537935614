// SQL of visit plans (走访计划): a period over a set of villages, cancelled with a reason, never
// deleted. A plan is visible when one of its villages is in the caller's VillageScope.
#pragma once
#include <cstdint>
#include <optional>
#include <soci/soci.h>
#include <string>
#include <vector>

#include "health/registry/village_scope.hpp"
#include "platform/core/scope.hpp"

namespace qizhi::health::outreach {

struct VisitPlanRecord {
  int64_t tenant_id = 0;
  int64_t id = 0;
  std::string name, kind, period_key, starts_on, ends_on;
  std::optional<int64_t> team_id;
  std::string team_name, note, state = "active", cancel_reason, created_at, updated_at;
  int64_t version = 1;
  std::vector<std::string> villages;
};

struct PlanListFilter {
  std::string state = "active";  // active | cancelled | all
  std::string from, to;          // plans overlapping [from, to]
  std::string q;                 // name contains
};

int64_t CountVisitPlans(soci::session& sql, const Scope& scope, const registry::VillageScope& villages,
                        const PlanListFilter& f);
std::vector<VisitPlanRecord> ListVisitPlans(soci::session& sql, const Scope& scope,
                                            const registry::VillageScope& villages, const PlanListFilter& f,
                                            int64_t offset, int64_t limit);
std::optional<VisitPlanRecord> FindVisitPlan(soci::session& sql, const Scope& scope,
                                             const registry::VillageScope& villages, int64_t id);
int64_t InsertVisitPlan(soci::session& sql, const VisitPlanRecord& p, int64_t user_id);
bool CancelVisitPlan(soci::session& sql, int64_t tenant_id, int64_t id, const std::string& reason,
                     int64_t expected_version);
// Which of `codes` are village divisions (a village is picked from the real list, never typed).
std::vector<std::string> KnownVillages(soci::session& sql, const std::vector<std::string>& codes);

}  // namespace qizhi::health::outreach
