#include "health/outreach/service_item_store.hpp"

#include "platform/core/clock.hpp"
#include "platform/db/query.hpp"

namespace qizhi::health::outreach {
using platform::db::Exec;
using platform::db::Fetch;
using platform::db::FetchOne;
using platform::db::Query;
using platform::db::Row;

namespace {

inline constexpr std::string_view kItemColumns =
    "SELECT s.tenant_id, s.id, s.household_id, s.village_code, s.item, s.owner, s.due_on, s.status, s.note, "
    "s.created_at, s.updated_at, s.version FROM service_plan_items s WHERE 1 = 1";

ServiceItem ItemFrom(const Row& r) {
  ServiceItem s;
  s.tenant_id = r.Int("tenant_id");
  s.id = r.Int("id");
  s.household_id = r.Int("household_id");
  s.village_code = r.Str("village_code");
  s.item = r.Str("item");
  s.owner = r.Str("owner");
  s.due_on = r.Str("due_on");
  s.status = r.Str("status");
  s.note = r.Str("note");
  s.created_at = r.Str("created_at");
  s.updated_at = r.Str("updated_at");
  s.version = r.Int("version");
  return s;
}

void SetUser(Query& q, const char* name, int64_t user_id) {
  if (user_id) q.Set(name, user_id);
  else q.SetNull(name);
}

}  // namespace

std::vector<ServiceItem> ItemsOfHousehold(soci::session& sql, int64_t tenant_id, int64_t household_id, bool open_only) {
  Query q(kItemColumns);
  q << " AND s.tenant_id = " << q.Bind(tenant_id) << " AND s.household_id = " << q.Bind(household_id);
  if (open_only) q << " AND s.status IN ('未开始', '进行中')";
  q << " ORDER BY s.id";
  std::vector<ServiceItem> out;
  for (const auto& r : Fetch(sql, q)) out.push_back(ItemFrom(r));
  return out;
}

std::vector<ServiceItem> OpenItemsInScope(soci::session& sql, const Scope& scope, const registry::VillageScope& villages) {
  Query q(kItemColumns);
  q << " AND s.status IN ('未开始', '进行中')";
  platform::db::ScopeFilter(q, scope, "s.tenant_id");
  registry::VillageFilter(q, villages, "s.village_code");
  q << " ORDER BY s.household_id, s.id";
  std::vector<ServiceItem> out;
  for (const auto& r : Fetch(sql, q)) out.push_back(ItemFrom(r));
  return out;
}

std::optional<ServiceItem> FindItem(soci::session& sql, const Scope& scope, const registry::VillageScope& villages,
                                    int64_t id) {
  Query q(kItemColumns);
  q << " AND s.id = " << q.Bind(id);
  platform::db::ScopeFilter(q, scope, "s.tenant_id");
  registry::VillageFilter(q, villages, "s.village_code");
  auto r = FetchOne(sql, q);
  if (!r) return std::nullopt;
  return ItemFrom(*r);
}

int64_t InsertItem(soci::session& sql, const ServiceItem& s, int64_t user_id) {
  const std::string now = NowUtc();
  Query q(
      "INSERT INTO service_plan_items (tenant_id, household_id, village_code, item, owner, due_on, status, note, "
      "created_at, created_by, updated_at) VALUES (:t, :h, :v, :item, :owner, :due, '未开始', :note, :now, :by, :now2) "
      "RETURNING id");
  q.Set("t", s.tenant_id).Set("h", s.household_id).Set("v", s.village_code).Set("item", s.item).Set("owner", s.owner);
  q.SetTextOrNull("due", s.due_on).SetTextOrNull("note", s.note).Set("now", now).Set("now2", now);
  SetUser(q, "by", user_id);
  return platform::db::InsertReturningId(sql, q);
}

bool SetItemStatus(soci::session& sql, int64_t tenant_id, int64_t id, const std::string& status,
                   const std::string& note, int64_t expected_version) {
  Query q(
      "UPDATE service_plan_items SET status = :s, note = COALESCE(:note, note), updated_at = :now, "
      "version = version + 1 WHERE tenant_id = :t AND id = :id AND version = :ver");
  q.Set("s", status).SetTextOrNull("note", note).Set("now", NowUtc()).Set("t", tenant_id).Set("id", id);
  q.Set("ver", expected_version);
  return Exec(sql, q) == 1;
}

void AddItemChange(soci::session& sql, int64_t tenant_id, int64_t item_id, const std::string& from,
                   const std::string& to, const std::string& note, std::optional<int64_t> visit_id, int64_t user_id) {
  Query q(
      "INSERT INTO service_plan_history (tenant_id, item_id, from_status, to_status, note, visit_id, changed_at, "
      "changed_by) VALUES (:t, :i, :from, :to, :note, :visit, :now, :by)");
  q.Set("t", tenant_id).Set("i", item_id).SetTextOrNull("from", from).Set("to", to).SetTextOrNull("note", note);
  if (visit_id) q.Set("visit", *visit_id);
  else q.SetNull("visit");
  q.Set("now", NowUtc());
  SetUser(q, "by", user_id);
  Exec(sql, q);
}

std::vector<ServiceItemChange> ChangesOf(soci::session& sql, int64_t tenant_id, int64_t item_id) {
  Query q(
      "SELECT c.from_status, c.to_status, c.note, c.changed_at, c.visit_id, u.name AS by_name FROM service_plan_history c "
      "LEFT JOIN users u ON u.tenant_id = c.tenant_id AND u.id = c.changed_by WHERE c.tenant_id = :t AND c.item_id = :i "
      "ORDER BY c.id");
  q.Set("t", tenant_id).Set("i", item_id);
  std::vector<ServiceItemChange> out;
  for (const auto& r : Fetch(sql, q))
    out.push_back({r.Str("from_status"), r.Str("to_status"), r.Str("note"), r.Str("changed_at"), r.Str("by_name"),
                   r.OptInt("visit_id")});
  return out;
}

}  // namespace qizhi::health::outreach
