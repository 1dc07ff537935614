// SQL of each household's personalised service plan (service_plan_items) and the history of its
// status changes. Reads take the caller's Scope and VillageScope; writes run in the caller's
// Write transaction. An item is never deleted: it ends 已完成 or 取消.
#pragma once
#include <cstdint>
#include <optional>
#include <soci/soci.h>
#include <string>
#include <vector>

#include "health/registry/village_scope.hpp"
#include "platform/core/scope.hpp"

namespace qizhi::health::outreach {

struct ServiceItem {
  int64_t tenant_id = 0;
  int64_t id = 0;
  int64_t household_id = 0;
  std::string village_code;
  std::string item, owner, due_on, status, note;
  std::string created_at, updated_at;
  int64_t version = 1;
};
struct ServiceItemChange {
  std::string from_status, to_status, note, changed_at, changed_by_name;
  std::optional<int64_t> visit_id;
};

// A household's items, oldest first (all of them, or only the open ones: 未开始, 进行中).
std::vector<ServiceItem> ItemsOfHousehold(soci::session& sql, int64_t tenant_id, int64_t household_id, bool open_only);
// The open items of every household the caller may see (the offline bundle).
std::vector<ServiceItem> OpenItemsInScope(soci::session& sql, const Scope& scope, const registry::VillageScope& villages);
std::optional<ServiceItem> FindItem(soci::session& sql, const Scope& scope, const registry::VillageScope& villages,
                                    int64_t id);
int64_t InsertItem(soci::session& sql, const ServiceItem& item, int64_t user_id);
// Sets the status when `expected_version` still holds; false otherwise.
bool SetItemStatus(soci::session& sql, int64_t tenant_id, int64_t id, const std::string& status,
                   const std::string& note, int64_t expected_version);
void AddItemChange(soci::session& sql, int64_t tenant_id, int64_t item_id, const std::string& from,
                   const std::string& to, const std::string& note, std::optional<int64_t> visit_id, int64_t user_id);
std::vector<ServiceItemChange> ChangesOf(soci::session& sql, int64_t tenant_id, int64_t item_id);

}  // namespace qizhi::health::outreach
