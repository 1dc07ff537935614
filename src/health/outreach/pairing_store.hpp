// SQL of 一对一帮扶 pairings (outreach_pairings, migration 0013). Reads filter by the caller's
// tenants (Scope) and villages (VillageScope, on the village copied onto the pairing); writes
// take the tenant and run inside the caller's Write transaction. Nothing is deleted: a pairing
// ends with a date and reason.
#pragma once
#include <cstdint>
#include <optional>
#include <soci/soci.h>
#include <string>
#include <vector>

#include "health/outreach/pairing_rules.hpp"
#include "health/registry/village_scope.hpp"
#include "platform/core/scope.hpp"

namespace qizhi::health::outreach {

struct Pairing {
  int64_t tenant_id = 0;
  int64_t id = 0;
  int64_t member_id = 0;
  std::string member_name;
  int64_t household_id = 0;
  std::string household_number, head_name;
  std::string village_code, village_name;
  std::string from_on, to_on, end_reason, note, created_at;
};

struct PairingFilter {
  std::optional<int64_t> member_id, household_id;
  std::string village;
  std::string state = "current";  // current | ended | all (on `today`)
  std::string text;               // 党员姓名 or 户编号 contains
  std::string today;
};

// A registered household as a pairing names it.
struct PairedHousehold {
  int64_t tenant_id = 0;
  int64_t id = 0;
  std::string village_code, number, head_name, state;
};

int64_t CountPairings(soci::session& sql, const Scope& scope, const registry::VillageScope& villages,
                      const PairingFilter& f);
std::vector<Pairing> ListPairings(soci::session& sql, const Scope& scope, const registry::VillageScope& villages,
                                  const PairingFilter& f, const std::string& sort, bool desc, int64_t offset,
                                  int64_t limit);
std::optional<Pairing> FindPairing(soci::session& sql, const Scope& scope, const registry::VillageScope& villages,
                                   int64_t id);
std::optional<PairedHousehold> FindPairedHousehold(soci::session& sql, const Scope& scope,
                                          const registry::VillageScope& villages, int64_t id);
// Every pairing of the household (of one tenant), in from_on order.
std::vector<PairingSpan> PairingsOfHousehold(soci::session& sql, int64_t tenant_id, int64_t household_id);

int64_t InsertPairing(soci::session& sql, const Pairing& p, int64_t user_id);
void EndPairing(soci::session& sql, int64_t tenant_id, int64_t id, const std::string& to_on, const std::string& reason,
                int64_t user_id);

}  // namespace qizhi::health::outreach
