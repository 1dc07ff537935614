#include "health/registry/bulk.hpp"

#include <map>
#include <stdexcept>

#include "platform/db/query.hpp"

namespace qizhi::health::registry {

using platform::db::Exec;
using platform::db::Fetch;
using platform::db::Query;

namespace {

// 200 rows of at most 20 columns: 4,000 parameters, well under SQLite's 32,766 and PostgreSQL's
// 65,535, and few enough round trips that the import is bound by the database's own work.
constexpr size_t kRowsPerStatement = 200;

std::string TextOrNull(Query& q, const std::string& v) { return v.empty() ? q.BindNull() : q.Bind(v); }
std::string OptionalInt(Query& q, const std::optional<int64_t>& v) { return v ? q.Bind(*v) : q.BindNull(); }

template <typename T, typename F>
void InGroups(std::vector<T>& items, F write_group) {
  for (size_t start = 0; start < items.size(); start += kRowsPerStatement) {
    const size_t end = std::min(items.size(), start + kRowsPerStatement);
    write_group(start, end);
  }
}

}  // namespace

void InsertHouseholds(soci::session& sql, std::vector<HouseholdRecord*>& households, const std::string& now) {
  InGroups(households, [&](size_t start, size_t end) {
    Query q(
        "INSERT INTO households (tenant_id, village_code, number, group_name, address_enc, address_mask, "
        "poverty_cause, status, status_since, monitor_kind, registered_on, income_year, income_fen, note, created_at, "
        "updated_at) VALUES ");
    std::map<std::string, HouseholdRecord*> by_number;
    for (size_t i = start; i < end; ++i) {
      HouseholdRecord& h = *households[i];
      if (h.number.empty()) throw std::logic_error("InsertHouseholds: a household without 户编号");
      by_number[h.number] = &h;
      const std::string at = q.Bind(now);
      q << (i == start ? "(" : ", (") << q.Bind(h.tenant_id) << ", " << q.Bind(h.village_code) << ", " << q.Bind(h.number)
        << ", " << TextOrNull(q, h.group_name) << ", " << TextOrNull(q, h.address_enc) << ", "
        << TextOrNull(q, h.address_mask) << ", " << q.Bind(h.poverty_cause) << ", " << q.Bind(h.status) << ", "
        << q.Bind(h.status_since) << ", " << TextOrNull(q, h.monitor_kind) << ", " << q.Bind(h.registered_on) << ", "
        << OptionalInt(q, h.income_year) << ", " << OptionalInt(q, h.income_fen) << ", " << TextOrNull(q, h.note)
        << ", " << at << ", " << at << ")";
    }
    q << " RETURNING id, number";
    size_t returned = 0;
    for (const auto& r : Fetch(sql, q)) {
      auto it = by_number.find(r.Str("number"));
      if (it == by_number.end()) throw std::runtime_error("InsertHouseholds: an unexpected 户编号 returned");
      it->second->id = r.Int("id");
      ++returned;
    }
    if (returned != end - start) throw std::runtime_error("InsertHouseholds: fewer rows returned than inserted");
  });
}

void InsertPersons(soci::session& sql, std::vector<PersonRecord*>& persons, const std::string& now) {
  InGroups(persons, [&](size_t start, size_t end) {
    Query q(
        "INSERT INTO persons (tenant_id, household_id, village_code, name, sex, birth_date, id_enc, id_bidx, id_mask, "
        "relation, phone_enc, phone_bidx, phone_mask, chronic, disability, joined_on, left_on, left_reason, "
        "created_at, updated_at) VALUES ");
    std::map<std::string, PersonRecord*> by_bidx;
    for (size_t i = start; i < end; ++i) {
      PersonRecord& p = *persons[i];
      by_bidx[p.id_bidx] = &p;
      const std::string at = q.Bind(now);
      q << (i == start ? "(" : ", (") << q.Bind(p.tenant_id) << ", " << q.Bind(p.household_id) << ", "
        << q.Bind(p.village_code) << ", " << q.Bind(p.name) << ", " << q.Bind(p.sex) << ", " << q.Bind(p.birth_date)
        << ", " << q.Bind(p.id_enc) << ", " << q.Bind(p.id_bidx) << ", " << q.Bind(p.id_mask) << ", "
        << q.Bind(p.relation) << ", " << TextOrNull(q, p.phone_enc) << ", " << TextOrNull(q, p.phone_bidx) << ", "
        << TextOrNull(q, p.phone_mask) << ", " << TextOrNull(q, p.chronic) << ", " << TextOrNull(q, p.disability)
        << ", " << TextOrNull(q, p.joined_on) << ", " << TextOrNull(q, p.left_on) << ", "
        << TextOrNull(q, p.left_reason) << ", " << at << ", " << at << ")";
    }
    q << " RETURNING id, id_bidx";
    size_t returned = 0;
    for (const auto& r : Fetch(sql, q)) {
      auto it = by_bidx.find(r.Str("id_bidx"));
      if (it == by_bidx.end()) throw std::runtime_error("InsertPersons: an unexpected person returned");
      it->second->id = r.Int("id");
      ++returned;
    }
    if (returned != end - start) throw std::runtime_error("InsertPersons: fewer rows returned than inserted");
  });
}

void SetHeads(soci::session& sql, int64_t tenant_id, const std::vector<std::pair<int64_t, int64_t>>& heads) {
  auto copy = heads;
  InGroups(copy, [&](size_t start, size_t end) {
    // The CAST types the parameters: PostgreSQL would read a CASE of bare parameters as text.
    Query q("UPDATE households SET head_person_id = CASE id");
    std::string ids;
    for (size_t i = start; i < end; ++i) {
      const std::string h = q.Bind(copy[i].first);
      q << " WHEN " << h << " THEN CAST(" << q.Bind(copy[i].second) << " AS BIGINT)";
      ids += (i == start ? "" : ", ") + h;
    }
    q << " END WHERE tenant_id = " << q.Bind(tenant_id) << " AND id IN (" << ids << ")";
    Exec(sql, q);
  });
}

void AddHistoryRows(soci::session& sql, int64_t tenant_id, const std::vector<HistoryEntry>& entries, int64_t user_id) {
  auto copy = entries;
  InGroups(copy, [&](size_t start, size_t end) {
    Query q(
        "INSERT INTO registry_history (tenant_id, entity, entity_id, household_id, kind, before_json, after_json, "
        "note, changed_at, changed_by) VALUES ");
    for (size_t i = start; i < end; ++i) {
      const HistoryEntry& e = copy[i];
      q << (i == start ? "(" : ", (") << q.Bind(tenant_id) << ", " << q.Bind(e.entity) << ", " << q.Bind(e.entity_id)
        << ", " << q.Bind(e.household_id) << ", " << q.Bind(e.kind) << ", " << TextOrNull(q, e.before_json) << ", "
        << TextOrNull(q, e.after_json) << ", " << TextOrNull(q, e.note) << ", " << q.Bind(e.changed_at) << ", "
        << (user_id ? q.Bind(user_id) : q.BindNull()) << ")";
    }
    Exec(sql, q);
  });
}

}  // namespace qizhi::health::registry
