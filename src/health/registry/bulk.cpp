#include "health/registry/bulk.hpp"

#include <map>
#include <stdexcept>

#include "platform/db/query.hpp"

namespace qizhi::health::registry {

using platform::db::Row;

namespace {

// 200 rows of at most 20 columns: 4,000 parameters, under SQLite's 32,766 and PostgreSQL's 65,535.
constexpr size_t kRowsPerStatement = 200;

// A statement's parameters bound by position, in the order they appear in its text, each once,
// as PostgreSQL's $n and SQLite's anonymous ?. platform::db::Query's named parameters are looked
// up by searching the statement's names (SQLite when it parses :name and again when SOCI binds it),
// so a statement's cost grew with the square of its parameters: at 4,000 per statement the
// import spent most of its time there rather than inserting.
class InOrder {
 public:
  explicit InOrder(soci::session& sql) : dollar_(sql.get_backend_name() == "postgresql") {}
  InOrder(const InOrder&) = delete;
  InOrder& operator=(const InOrder&) = delete;

  std::string operator()(int64_t v) {
    values_.set(static_cast<long long>(v));
    return Next();
  }
  std::string operator()(const std::string& v) {
    values_.set(v);
    return Next();
  }
  // Empty text is NULL, written into the text (SOCI 4.0 binds a null value as '' on SQLite).
  std::string TextOrNull(const std::string& v) { return v.empty() ? "NULL" : (*this)(v); }
  std::string OptionalInt(const std::optional<int64_t>& v) { return v ? (*this)(*v) : "NULL"; }

  std::vector<Row> Fetch(soci::session& sql, const std::string& text) {
    std::vector<Row> rows;
    soci::rowset<soci::row> rs = (sql.prepare << text, soci::use(values_));
    for (const auto& r : rs) rows.emplace_back(r);
    return rows;
  }
  void Exec(soci::session& sql, const std::string& text) { sql << text, soci::use(values_); }

 private:
  std::string Next() {
    ++n_;
    return dollar_ ? "$" + std::to_string(n_) : "?";
  }
  soci::values values_;
  bool dollar_;
  int n_ = 0;
};

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
      // One term at a time: the placeholders must be numbered in the order of the text.
      q += i == start ? "(" : ", (";
      for (const std::string& term :
           {b(h.tenant_id), b(h.village_code), b(h.number), b.TextOrNull(h.group_name), b.TextOrNull(h.address_enc),
            b.TextOrNull(h.address_mask), b(h.poverty_cause), b(h.status), b(h.status_since),
            b.TextOrNull(h.monitor_kind), b(h.registered_on), b.OptionalInt(h.income_year),
            b.OptionalInt(h.income_fen), b.TextOrNull(h.note), b(now), b(now)})
        q += term + ", ";
      q.resize(q.size() - 2);
      q += ")";
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
  InGroups(persons, [&](size_t start, size_t end) {
    InOrder b(sql);
    std::string q =
        "INSERT INTO persons (tenant_id, household_id, village_code, name, sex, birth_date, id_enc, id_bidx, id_mask, "
        "relation, phone_enc, phone_bidx, phone_mask, chronic, disability, joined_on, left_on, left_reason, "
        "created_at, updated_at) VALUES ";
    std::map<std::string, PersonRecord*> by_bidx;
    for (size_t i = start; i < end; ++i) {
      PersonRecord& p = *persons[i];
      by_bidx[p.id_bidx] = &p;
      q += i == start ? "(" : ", (";
      for (const std::string& term :
           {b(p.tenant_id), b(p.household_id), b(p.village_code), b(p.name), b(p.sex), b(p.birth_date), b(p.id_enc),
            b(p.id_bidx), b(p.id_mask), b(p.relation), b.TextOrNull(p.phone_enc), b.TextOrNull(p.phone_bidx),
            b.TextOrNull(p.phone_mask), b.TextOrNull(p.chronic), b.TextOrNull(p.disability), b.TextOrNull(p.joined_on),
            b.TextOrNull(p.left_on), b.TextOrNull(p.left_reason), b(now), b(now)})
        q += term + ", ";
      q.resize(q.size() - 2);
      q += ")";
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
  auto copy = heads;
  InGroups(copy, [&](size_t start, size_t end) {
    InOrder b(sql);
    // The CAST types the parameters: PostgreSQL would read a CASE of bare parameters as text.
    std::string q = "UPDATE households SET head_person_id = CASE id";
    for (size_t i = start; i < end; ++i) {
      q += " WHEN " + b(copy[i].first);
      q += " THEN CAST(" + b(copy[i].second) + " AS BIGINT)";
    }
    q += " END WHERE tenant_id = " + b(tenant_id) + " AND id IN (";
    for (size_t i = start; i < end; ++i) q += (i == start ? "" : ", ") + b(copy[i].first);
    q += ")";
    b.Exec(sql, q);
  });
}

void AddHistoryRows(soci::session& sql, int64_t tenant_id, const std::vector<HistoryEntry>& entries, int64_t user_id) {
  auto copy = entries;
  InGroups(copy, [&](size_t start, size_t end) {
    InOrder b(sql);
    std::string q =
        "INSERT INTO registry_history (tenant_id, entity, entity_id, household_id, kind, before_json, after_json, "
        "note, changed_at, changed_by) VALUES ";
    for (size_t i = start; i < end; ++i) {
      const HistoryEntry& e = copy[i];
      q += i == start ? "(" : ", (";
      for (const std::string& term :
           {b(tenant_id), b(e.entity), b(e.entity_id), b(e.household_id), b(e.kind), b.TextOrNull(e.before_json),
            b.TextOrNull(e.after_json), b.TextOrNull(e.note), b(e.changed_at), user_id ? b(user_id) : std::string("NULL")})
        q += term + ", ";
      q.resize(q.size() - 2);
      q += ")";
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
