#include "health/registry/bulk.hpp"

#include <algorithm>
#include <initializer_list>
#include <map>
#include <stdexcept>

#include "platform/db/in_order.hpp"

namespace qizhi::health::registry {

using platform::db::InOrder;

namespace {

// 200 rows of at most 20 columns: 4,000 parameters, under SQLite's 32,766 and PostgreSQL's 65,535,
// bound by position (platform/db/in_order.hpp says why not by name).
constexpr size_t kRowsPerStatement = 200;

template <typename F>
void InGroups(size_t count, F write_group) {
  for (size_t start = 0; start < count; start += kRowsPerStatement) write_group(start, std::min(count, start + kRowsPerStatement));
}

// One "(…)" of a VALUES list. The terms are a braced list, so they are bound in the order written.
void AddRow(std::string& q, bool first, std::initializer_list<std::string> terms) {
  q += first ? "(" : ", (";
  bool comma = false;
  for (const auto& term : terms) {
    if (comma) q += ", ";
    q += term;
    comma = true;
  }
  q += ")";
}

}  // namespace

void InsertHouseholds(soci::session& sql, std::vector<HouseholdRecord*>& households, const std::string& now) {
  InGroups(households.size(), [&](size_t start, size_t end) {
    InOrder b(sql);
    std::string q =
        "INSERT INTO households (tenant_id, village_code, number, group_name, address_enc, address_mask, "
        "poverty_cause, status, status_since, monitor_kind, registered_on, income_year, income_fen, note, created_at, "
        "updated_at) VALUES ";
    std::map<std::string, HouseholdRecord*> by_number;
    for (size_t i = start; i < end; ++i) {
      HouseholdRecord& h = *households[i];
      if (h.number.empty()) throw std::logic_error("InsertHouseholds: a household without 户编号");
      by_number[h.number] = &h;
      AddRow(q, i == start,
           {b(h.tenant_id), b(h.village_code), b(h.number), b.TextOrNull(h.group_name), b.TextOrNull(h.address_enc),
            b.TextOrNull(h.address_mask), b(h.poverty_cause), b(h.status), b(h.status_since),
            b.TextOrNull(h.monitor_kind), b(h.registered_on), b.OptionalInt(h.income_year),
            b.OptionalInt(h.income_fen), b.TextOrNull(h.note), b(now), b(now)});
    }
    q += " RETURNING id, number";
    size_t returned = 0;
    for (const auto& r : b.Fetch(sql, q)) {
      auto it = by_number.find(r.Str("number"));
      if (it == by_number.end()) throw std::runtime_error("InsertHouseholds: an unexpected 户编号 returned");
      it->second->id = r.Int("id");
      ++returned;
    }
    if (returned != end - start) throw std::runtime_error("InsertHouseholds: fewer rows returned than inserted");
  });
}

void InsertPersons(soci::session& sql, std::vector<PersonRecord*>& persons, const std::string& now) {
  InGroups(persons.size(), [&](size_t start, size_t end) {
    InOrder b(sql);
    std::string q =
        "INSERT INTO persons (tenant_id, household_id, village_code, name, sex, birth_date, id_enc, id_bidx, id_mask, "
        "relation, phone_enc, phone_bidx, phone_mask, chronic, disability, joined_on, left_on, left_reason, "
        "created_at, updated_at) VALUES ";
    std::map<std::string, PersonRecord*> by_bidx;
    for (size_t i = start; i < end; ++i) {
      PersonRecord& p = *persons[i];
      by_bidx[p.id_bidx] = &p;
      AddRow(q, i == start,
           {b(p.tenant_id), b(p.household_id), b(p.village_code), b(p.name), b(p.sex), b(p.birth_date), b(p.id_enc),
            b(p.id_bidx), b(p.id_mask), b(p.relation), b.TextOrNull(p.phone_enc), b.TextOrNull(p.phone_bidx),
            b.TextOrNull(p.phone_mask), b.TextOrNull(p.chronic), b.TextOrNull(p.disability), b.TextOrNull(p.joined_on),
            b.TextOrNull(p.left_on), b.TextOrNull(p.left_reason), b(now), b(now)});
    }
    q += " RETURNING id, id_bidx";
    size_t returned = 0;
    for (const auto& r : b.Fetch(sql, q)) {
      auto it = by_bidx.find(r.Str("id_bidx"));
      if (it == by_bidx.end()) throw std::runtime_error("InsertPersons: an unexpected person returned");
      it->second->id = r.Int("id");
      ++returned;
    }
    if (returned != end - start) throw std::runtime_error("InsertPersons: fewer rows returned than inserted");
  });
}

void SetHeads(soci::session& sql, int64_t tenant_id, const std::vector<std::pair<int64_t, int64_t>>& heads) {
  InGroups(heads.size(), [&](size_t start, size_t end) {
    InOrder b(sql);
    // The CAST types the parameters: PostgreSQL would read a CASE of bare parameters as text.
    std::string q = "UPDATE households SET head_person_id = CASE id";
    for (size_t i = start; i < end; ++i) {
      q += " WHEN " + b(heads[i].first);
      q += " THEN CAST(" + b(heads[i].second) + " AS BIGINT)";
    }
    q += " END WHERE tenant_id = " + b(tenant_id) + " AND id IN (";
    for (size_t i = start; i < end; ++i) q += (i == start ? "" : ", ") + b(heads[i].first);
    q += ")";
    b.Exec(sql, q);
  });
}

void AddHistoryRows(soci::session& sql, int64_t tenant_id, const std::vector<HistoryEntry>& entries, int64_t user_id) {
  InGroups(entries.size(), [&](size_t start, size_t end) {
    InOrder b(sql);
    std::string q =
        "INSERT INTO registry_history (tenant_id, entity, entity_id, household_id, kind, before_json, after_json, "
        "note, changed_at, changed_by) VALUES ";
    for (size_t i = start; i < end; ++i) {
      const HistoryEntry& e = entries[i];
      AddRow(q, i == start,
           {b(tenant_id), b(e.entity), b(e.entity_id), b(e.household_id), b(e.kind), b.TextOrNull(e.before_json),
            b.TextOrNull(e.after_json), b.TextOrNull(e.note), b(e.changed_at), user_id ? b(user_id) : std::string("NULL")});
    }
    b.Exec(sql, q);
  });
}

void AnalyzeRegistry(soci::session& sql) {
  if (sql.get_backend_name() == "postgresql") {
    sql << "ANALYZE households, persons, registry_history";
    return;
  }
  // A sample of each index is enough for the planner and keeps this quick at any size.
  sql << "PRAGMA analysis_limit = 2000";
  sql << "ANALYZE households";
  sql << "ANALYZE persons";
  sql << "ANALYZE registry_history";
  sql << "PRAGMA analysis_limit = 0";
}

}  // namespace qizhi::health::registry
