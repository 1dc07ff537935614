#include "health/registry/store.hpp"

#include "platform/db/query.hpp"

namespace qizhi::health::registry {
using platform::db::Exec;
using platform::db::Fetch;
using platform::db::FetchOne;
using platform::db::Query;
using platform::db::Row;

namespace {

// Values per IN (…) of an import's lookups. Binding a named parameter searches the statement's
// names (SOCI, then SQLite), so a statement's binding grows with the square of its parameters:
// 100 keep that small while a file's lookups stay a few hundred statements.
constexpr size_t kLookupValues = 100;

// Current members are those without a left_on: leaving is never dated ahead (rules.hpp).
inline constexpr std::string_view kHouseholdSelect =
    "SELECT h.tenant_id, h.id, h.village_code, dv.name AS village_name, dt.name AS town_name, h.number, h.group_name, "
    "h.address_enc, h.address_mask, h.poverty_cause, h.status, h.status_since, h.monitor_kind, h.registered_on, "
    "h.income_year, h.income_fen, h.note, h.state, h.closed_on, h.closed_reason, h.head_person_id, hp.name AS head_name, "
    "hp.id_mask AS head_id_mask, h.version, "
    "(SELECT COUNT(*) FROM persons c WHERE c.tenant_id = h.tenant_id AND c.household_id = h.id AND c.left_on IS NULL) "
    "AS members "
    "FROM households h LEFT JOIN divisions dv ON dv.code = h.village_code "
    "LEFT JOIN divisions dt ON dt.code = dv.parent_code "
    "LEFT JOIN persons hp ON hp.tenant_id = h.tenant_id AND hp.id = h.head_person_id WHERE 1 = 1";
inline constexpr std::string_view kHouseholdCount = "SELECT COUNT(*) FROM households h WHERE 1 = 1";
inline constexpr std::string_view kHouseholdByNumber =
    "SELECT h.tenant_id, h.id, h.village_code, h.number, h.status, h.state, h.version FROM households h "
    "WHERE h.tenant_id = :t AND h.number = :n";
inline constexpr std::string_view kInsertHousehold =
    "INSERT INTO households (tenant_id, village_code, number, group_name, address_enc, address_mask, poverty_cause, "
    "status, status_since, monitor_kind, registered_on, income_year, income_fen, note, created_at, updated_at) "
    "VALUES (:t, :v, :num, :g, :ae, :am, :cause, :status, :since, :mk, :reg, :iy, :inc, :note, :now, :now) RETURNING id";
inline constexpr std::string_view kUpdateHousehold =
    "UPDATE households SET village_code = :v, number = :num, group_name = :g, address_enc = :ae, address_mask = :am, "
    "poverty_cause = :cause, status = :status, status_since = :since, monitor_kind = :mk, registered_on = :reg, "
    "income_year = :iy, income_fen = :inc, note = :note, updated_at = :now, version = version + 1 "
    "WHERE tenant_id = :t AND id = :id AND version = :ver AND state = 'active'";
// A household's persons carry its village so coverage and scope filter persons without a join.
inline constexpr std::string_view kMovePersonsVillage =
    "UPDATE persons SET village_code = :v WHERE tenant_id = :t AND household_id = :id";
inline constexpr std::string_view kSetHead =
    "UPDATE households SET head_person_id = :p WHERE tenant_id = :t AND id = :id";
inline constexpr std::string_view kCloseHousehold =
    "UPDATE households SET state = 'closed', closed_on = :on, closed_reason = :reason, updated_at = :now, "
    "version = version + 1 WHERE tenant_id = :t AND id = :id AND version = :ver AND state = 'active'";

inline constexpr std::string_view kPersonSelect =
    "SELECT p.tenant_id, p.id, p.household_id, p.village_code, dv.name AS village_name, h.number AS household_number, "
    "hp.name AS head_name, p.name, p.sex, p.birth_date, p.id_enc, p.id_bidx, p.id_mask, p.relation, p.phone_enc, "
    "p.phone_bidx, p.phone_mask, p.chronic, p.disability, p.joined_on, p.left_on, p.left_reason, p.version "
    "FROM persons p JOIN households h ON h.tenant_id = p.tenant_id AND h.id = p.household_id "
    "LEFT JOIN divisions dv ON dv.code = p.village_code "
    "LEFT JOIN persons hp ON hp.tenant_id = h.tenant_id AND hp.id = h.head_person_id WHERE 1 = 1";
inline constexpr std::string_view kPersonCount =
    "SELECT COUNT(*) FROM persons p JOIN households h ON h.tenant_id = p.tenant_id AND h.id = p.household_id WHERE 1 = 1";
inline constexpr std::string_view kInsertPerson =
    "INSERT INTO persons (tenant_id, household_id, village_code, name, sex, birth_date, id_enc, id_bidx, id_mask, "
    "relation, phone_enc, phone_bidx, phone_mask, chronic, disability, joined_on, left_on, left_reason, created_at, "
    "updated_at) VALUES (:t, :h, :v, :name, :sex, :birth, :ie, :ib, :im, :rel, :pe, :pb, :pm, :chronic, :dis, :joined, "
    ":left, :lr, :now, :now) RETURNING id";
inline constexpr std::string_view kUpdatePerson =
    "UPDATE persons SET name = :name, sex = :sex, birth_date = :birth, id_enc = :ie, id_bidx = :ib, id_mask = :im, "
    "relation = :rel, phone_enc = :pe, phone_bidx = :pb, phone_mask = :pm, chronic = :chronic, disability = :dis, "
    "joined_on = :joined, updated_at = :now, version = version + 1 "
    "WHERE tenant_id = :t AND id = :id AND version = :ver AND left_on IS NULL";
inline constexpr std::string_view kLeavePerson =
    "UPDATE persons SET left_on = :on, left_reason = :reason, updated_at = :now, version = version + 1 "
    "WHERE tenant_id = :t AND id = :id AND version = :ver AND left_on IS NULL";

inline constexpr std::string_view kInsertHistory =
    "INSERT INTO registry_history (tenant_id, entity, entity_id, household_id, kind, before_json, after_json, note, "
    "changed_at, changed_by) VALUES (:t, :e, :eid, :h, :k, :b, :a, :note, :at, :by)";
inline constexpr std::string_view kHistoryOf =
    "SELECT r.id, r.entity, r.entity_id, r.household_id, r.kind, r.before_json, r.after_json, r.note, r.changed_at, "
    "u.name AS changed_by_name FROM registry_history r LEFT JOIN users u ON u.id = r.changed_by "
    "WHERE r.tenant_id = :t AND r.household_id = :h ORDER BY r.id DESC";

inline constexpr std::string_view kVillagesByCodeOrName =
    "SELECT code, name, full_name FROM divisions WHERE level = 'village'";

HouseholdRecord HouseholdFrom(const Row& r) {
  HouseholdRecord h;
  h.tenant_id = r.Int("tenant_id");
  h.id = r.Int("id");
  h.village_code = r.Str("village_code");
  h.village_name = r.Str("village_name");
  h.town_name = r.Str("town_name");
  h.number = r.Str("number");
  h.group_name = r.Str("group_name");
  h.address_enc = r.Str("address_enc");
  h.address_mask = r.Str("address_mask");
  h.poverty_cause = r.Str("poverty_cause");
  h.status = r.Str("status");
  h.status_since = r.Str("status_since");
  h.monitor_kind = r.Str("monitor_kind");
  h.registered_on = r.Str("registered_on");
  h.income_year = r.OptInt("income_year");
  h.income_fen = r.OptInt("income_fen");
  h.note = r.Str("note");
  h.state = r.Str("state");
  h.closed_on = r.Str("closed_on");
  h.closed_reason = r.Str("closed_reason");
  h.head_person_id = r.Int("head_person_id");
  h.head_name = r.Str("head_name");
  h.head_id_mask = r.Str("head_id_mask");
  h.members = r.Int("members");
  h.version = r.Int("version");
  return h;
}

PersonRecord PersonFrom(const Row& r) {
  PersonRecord p;
  p.tenant_id = r.Int("tenant_id");
  p.id = r.Int("id");
  p.household_id = r.Int("household_id");
  p.village_code = r.Str("village_code");
  p.village_name = r.Str("village_name");
  p.household_number = r.Str("household_number");
  p.head_name = r.Str("head_name");
  p.name = r.Str("name");
  p.sex = r.Str("sex");
  p.birth_date = r.Str("birth_date");
  p.id_enc = r.Str("id_enc");
  p.id_bidx = r.Str("id_bidx");
  p.id_mask = r.Str("id_mask");
  p.relation = r.Str("relation");
  p.phone_enc = r.Str("phone_enc");
  p.phone_bidx = r.Str("phone_bidx");
  p.phone_mask = r.Str("phone_mask");
  p.chronic = r.Str("chronic");
  p.disability = r.Str("disability");
  p.joined_on = r.Str("joined_on");
  p.left_on = r.Str("left_on");
  p.left_reason = r.Str("left_reason");
  p.version = r.Int("version");
  return p;
}

void DivisionPrefix(Query& q, const std::string& division, std::string_view column) {
  if (division.empty()) return;
  q << " AND " << column << " LIKE " << q.Bind(division + "%");
}

void HouseholdWhere(Query& q, const Scope& scope, const VillageScope& villages, const HouseholdFilter& f) {
  platform::db::ScopeFilter(q, scope, "h.tenant_id");
  VillageFilter(q, villages, "h.village_code");
  DivisionPrefix(q, f.division, "h.village_code");
  if (f.state != "all") q << " AND h.state = " << q.Bind(f.state.empty() ? std::string("active") : f.state);
  if (!f.status.empty()) q << " AND h.status = " << q.Bind(f.status);
  if (!f.cause.empty()) q << " AND h.poverty_cause = " << q.Bind(f.cause);
  auto member = [&](const std::string& condition) {
    q << " AND EXISTS (SELECT 1 FROM persons m WHERE m.tenant_id = h.tenant_id AND m.household_id = h.id "
         "AND m.left_on IS NULL AND "
      << condition << ")";
  };
  if (!f.q.empty()) {
    q << " AND (h.number = " << q.Bind(f.q) << " OR EXISTS (SELECT 1 FROM persons m WHERE m.tenant_id = h.tenant_id "
      << "AND m.household_id = h.id AND m.name LIKE " << q.Bind(platform::db::ContainsPattern(f.q)) << " ESCAPE '\\'))";
  }
  if (!f.id_bidx.empty()) member("m.id_bidx = " + q.Bind(f.id_bidx));
  if (f.has_chronic) member("m.chronic IS NOT NULL");
  if (f.has_disability) member("m.disability IS NOT NULL");
}

void PersonWhere(Query& q, const Scope& scope, const VillageScope& villages, const PersonFilter& f) {
  platform::db::ScopeFilter(q, scope, "p.tenant_id");
  VillageFilter(q, villages, "p.village_code");
  DivisionPrefix(q, f.division, "p.village_code");
  if (!f.include_left) q << " AND p.left_on IS NULL AND h.state = 'active'";
  if (!f.q.empty()) q << " AND p.name LIKE " << q.Bind(platform::db::ContainsPattern(f.q)) << " ESCAPE '\\'";
  if (!f.id_bidx.empty()) q << " AND p.id_bidx = " << q.Bind(f.id_bidx);
  if (f.has_chronic) q << " AND p.chronic IS NOT NULL";
  if (f.has_disability) q << " AND p.disability IS NOT NULL";
}

void SetHouseholdFields(Query& q, const HouseholdRecord& h) {
  q.Set("t", h.tenant_id).Set("v", h.village_code).SetTextOrNull("num", h.number).SetTextOrNull("g", h.group_name);
  q.SetTextOrNull("ae", h.address_enc).SetTextOrNull("am", h.address_mask).Set("cause", h.poverty_cause);
  q.Set("status", h.status).Set("since", h.status_since).SetTextOrNull("mk", h.monitor_kind);
  q.Set("reg", h.registered_on).SetOptional("iy", h.income_year).SetOptional("inc", h.income_fen);
  q.SetTextOrNull("note", h.note);
}

void SetPersonFields(Query& q, const PersonRecord& p) {
  q.Set("t", p.tenant_id).Set("name", p.name).Set("sex", p.sex).Set("birth", p.birth_date);
  q.Set("ie", p.id_enc).Set("ib", p.id_bidx).Set("im", p.id_mask).Set("rel", p.relation);
  q.SetTextOrNull("pe", p.phone_enc).SetTextOrNull("pb", p.phone_bidx).SetTextOrNull("pm", p.phone_mask);
  q.SetTextOrNull("chronic", p.chronic).SetTextOrNull("dis", p.disability).SetTextOrNull("joined", p.joined_on);
}

}  // namespace

int64_t CountHouseholds(soci::session& sql, const Scope& scope, const VillageScope& villages,
                        const HouseholdFilter& f) {
  Query q(kHouseholdCount);
  HouseholdWhere(q, scope, villages, f);
  return platform::db::Scalar(sql, q);
}

std::vector<HouseholdRecord> ListHouseholds(soci::session& sql, const Scope& scope, const VillageScope& villages,
                                            const HouseholdFilter& f, const HouseholdOrder& order, int64_t offset,
                                            int64_t limit) {
  Query q(kHouseholdSelect);
  HouseholdWhere(q, scope, villages, f);
  const std::string dir = order.desc ? " DESC" : "";
  if (order.field == "village") q << " ORDER BY h.village_code" << dir << ", h.number, h.id";
  else if (order.field == "status_since") q << " ORDER BY h.status_since" << dir << ", h.id";
  else if (order.field == "registered_on") q << " ORDER BY h.registered_on" << dir << ", h.id";
  else if (order.field == "id") q << " ORDER BY h.id" << dir;
  else q << " ORDER BY h.number" << dir << ", h.id";
  q << " LIMIT " << q.Bind(limit) << " OFFSET " << q.Bind(offset);
  std::vector<HouseholdRecord> out;
  for (const auto& r : Fetch(sql, q)) out.push_back(HouseholdFrom(r));
  return out;
}

std::optional<HouseholdRecord> FindHousehold(soci::session& sql, const Scope& scope, const VillageScope& villages,
                                             int64_t id) {
  Query q(kHouseholdSelect);
  q << " AND h.id = " << q.Bind(id);
  platform::db::ScopeFilter(q, scope, "h.tenant_id");
  VillageFilter(q, villages, "h.village_code");
  auto r = FetchOne(sql, q);
  if (!r) return std::nullopt;
  return HouseholdFrom(*r);
}

std::optional<HouseholdRecord> FindHouseholdByNumber(soci::session& sql, int64_t tenant_id, const std::string& number) {
  Query q(kHouseholdByNumber);
  q.Set("t", tenant_id).Set("n", number);
  auto r = FetchOne(sql, q);
  if (!r) return std::nullopt;
  HouseholdRecord h;
  h.tenant_id = r->Int("tenant_id");
  h.id = r->Int("id");
  h.village_code = r->Str("village_code");
  h.number = r->Str("number");
  h.status = r->Str("status");
  h.state = r->Str("state");
  h.version = r->Int("version");
  return h;
}

int64_t InsertHousehold(soci::session& sql, const HouseholdRecord& h, const std::string& now) {
  Query q(kInsertHousehold);
  SetHouseholdFields(q, h);
  q.Set("now", now);
  return platform::db::InsertReturningId(sql, q);
}

bool UpdateHousehold(soci::session& sql, const HouseholdRecord& h, int64_t expected_version, const std::string& now) {
  Query q(kUpdateHousehold);
  SetHouseholdFields(q, h);
  q.Set("id", h.id).Set("ver", expected_version).Set("now", now);
  if (Exec(sql, q) != 1) return false;
  Query m(kMovePersonsVillage);
  m.Set("v", h.village_code).Set("t", h.tenant_id).Set("id", h.id);
  Exec(sql, m);
  return true;
}

void SetHead(soci::session& sql, int64_t tenant_id, int64_t household_id, int64_t person_id) {
  Query q(kSetHead);
  q.Set("p", person_id).Set("t", tenant_id).Set("id", household_id);
  Exec(sql, q);
}

bool CloseHousehold(soci::session& sql, int64_t tenant_id, int64_t id, int64_t expected_version,
                    const std::string& closed_on, const std::string& reason, const std::string& now) {
  Query q(kCloseHousehold);
  q.Set("on", closed_on).Set("reason", reason).Set("now", now).Set("t", tenant_id).Set("id", id).Set("ver", expected_version);
  return Exec(sql, q) == 1;
}

int64_t CountPersons(soci::session& sql, const Scope& scope, const VillageScope& villages, const PersonFilter& f) {
  Query q(kPersonCount);
  PersonWhere(q, scope, villages, f);
  return platform::db::Scalar(sql, q);
}

std::vector<PersonRecord> ListPersons(soci::session& sql, const Scope& scope, const VillageScope& villages,
                                      const PersonFilter& f, int64_t offset, int64_t limit) {
  Query q(kPersonSelect);
  PersonWhere(q, scope, villages, f);
  q << " ORDER BY p.village_code, h.number, p.household_id, p.id LIMIT " << q.Bind(limit) << " OFFSET " << q.Bind(offset);
  std::vector<PersonRecord> out;
  for (const auto& r : Fetch(sql, q)) out.push_back(PersonFrom(r));
  return out;
}

std::vector<PersonRecord> PersonsOf(soci::session& sql, int64_t tenant_id, int64_t household_id) {
  Query q(kPersonSelect);
  q << " AND p.tenant_id = " << q.Bind(tenant_id) << " AND p.household_id = " << q.Bind(household_id);
  // The 户主 first, then the others as they joined; those who left last.
  q << " ORDER BY CASE WHEN p.left_on IS NULL THEN 0 ELSE 1 END, CASE WHEN p.relation = '户主' THEN 0 ELSE 1 END, p.id";
  std::vector<PersonRecord> out;
  for (const auto& r : Fetch(sql, q)) out.push_back(PersonFrom(r));
  return out;
}

std::optional<PersonRecord> FindPerson(soci::session& sql, const Scope& scope, const VillageScope& villages, int64_t id) {
  Query q(kPersonSelect);
  q << " AND p.id = " << q.Bind(id);
  platform::db::ScopeFilter(q, scope, "p.tenant_id");
  VillageFilter(q, villages, "p.village_code");
  auto r = FetchOne(sql, q);
  if (!r) return std::nullopt;
  return PersonFrom(*r);
}

std::optional<PersonRecord> FindByIdNumber(soci::session& sql, int64_t tenant_id, const std::string& id_bidx) {
  Query q(kPersonSelect);
  q << " AND p.tenant_id = " << q.Bind(tenant_id) << " AND p.id_bidx = " << q.Bind(id_bidx);
  auto r = FetchOne(sql, q);
  if (!r) return std::nullopt;
  return PersonFrom(*r);
}

std::vector<PersonRecord> FindByIdNumbers(soci::session& sql, int64_t tenant_id, const std::vector<std::string>& bidx) {
  std::vector<PersonRecord> out;
  constexpr size_t kChunk = kLookupValues;
  for (size_t start = 0; start < bidx.size(); start += kChunk) {
    Query q(kPersonSelect);
    q << " AND p.tenant_id = " << q.Bind(tenant_id) << " AND p.id_bidx IN (";
    for (size_t i = start; i < std::min(bidx.size(), start + kChunk); ++i) q << (i == start ? "" : ", ") << q.Bind(bidx[i]);
    q << ")";
    for (const auto& r : Fetch(sql, q)) out.push_back(PersonFrom(r));
  }
  return out;
}

int64_t InsertPerson(soci::session& sql, const PersonRecord& p, const std::string& now) {
  Query q(kInsertPerson);
  SetPersonFields(q, p);
  q.Set("h", p.household_id).Set("v", p.village_code).SetTextOrNull("left", p.left_on).SetTextOrNull("lr", p.left_reason);
  q.Set("now", now);
  return platform::db::InsertReturningId(sql, q);
}

bool UpdatePerson(soci::session& sql, const PersonRecord& p, int64_t expected_version, const std::string& now) {
  Query q(kUpdatePerson);
  SetPersonFields(q, p);
  q.Set("id", p.id).Set("ver", expected_version).Set("now", now);
  return Exec(sql, q) == 1;
}

bool LeavePerson(soci::session& sql, int64_t tenant_id, int64_t id, int64_t expected_version, const std::string& left_on,
                 const std::string& reason, const std::string& now) {
  Query q(kLeavePerson);
  q.Set("on", left_on).Set("reason", reason).Set("now", now).Set("t", tenant_id).Set("id", id).Set("ver", expected_version);
  return Exec(sql, q) == 1;
}

std::vector<HouseholdRecord> FindHouseholdsByNumbers(soci::session& sql, int64_t tenant_id,
                                                     const std::vector<std::string>& numbers) {
  std::vector<HouseholdRecord> out;
  constexpr size_t kChunk = kLookupValues;
  for (size_t start = 0; start < numbers.size(); start += kChunk) {
    Query q(kHouseholdSelect);
    q << " AND h.tenant_id = " << q.Bind(tenant_id) << " AND h.number IN (";
    for (size_t i = start; i < std::min(numbers.size(), start + kChunk); ++i)
      q << (i == start ? "" : ", ") << q.Bind(numbers[i]);
    q << ")";
    for (const auto& r : Fetch(sql, q)) out.push_back(HouseholdFrom(r));
  }
  return out;
}

std::vector<VillageRef> VillagesByCodeOrName(soci::session& sql, const std::vector<std::string>& values) {
  std::vector<VillageRef> out;
  constexpr size_t kChunk = kLookupValues;
  for (size_t start = 0; start < values.size(); start += kChunk) {
    Query q(kVillagesByCodeOrName);
    std::string list;
    for (size_t i = start; i < std::min(values.size(), start + kChunk); ++i) list += (i == start ? "" : ", ") + q.Bind(values[i]);
    q << " AND (code IN (" << list << ") OR name IN (" << list << "))";
    for (const auto& r : Fetch(sql, q)) out.push_back({r.Str("code"), r.Str("name"), r.Str("full_name")});
  }
  return out;
}

void AddHistory(soci::session& sql, int64_t tenant_id, const HistoryEntry& e, int64_t user_id) {
  if (e.entity == "person") {
    // A member added, changed or leaving changes the household as a visit sees it: its version
    // moves, so a phone that downloaded the old household gets the 409 instead of writing lines
    // against members that are no longer the household's.
    Query touch("UPDATE households SET version = version + 1, updated_at = :at WHERE tenant_id = :t AND id = :id");
    touch.Set("at", e.changed_at).Set("t", tenant_id).Set("id", e.household_id);
    Exec(sql, touch);
  }
  Query q(kInsertHistory);
  q.Set("t", tenant_id).Set("e", e.entity).Set("eid", e.entity_id).Set("h", e.household_id).Set("k", e.kind);
  q.SetTextOrNull("b", e.before_json).SetTextOrNull("a", e.after_json).SetTextOrNull("note", e.note);
  q.Set("at", e.changed_at);
  if (user_id) q.Set("by", user_id);
  else q.SetNull("by");
  Exec(sql, q);
}

std::vector<HistoryEntry> HistoryOf(soci::session& sql, int64_t tenant_id, int64_t household_id) {
  Query q(kHistoryOf);
  q.Set("t", tenant_id).Set("h", household_id);
  std::vector<HistoryEntry> out;
  for (const auto& r : Fetch(sql, q)) {
    HistoryEntry e;
    e.id = r.Int("id");
    e.entity = r.Str("entity");
    e.entity_id = r.Int("entity_id");
    e.household_id = r.Int("household_id");
    e.kind = r.Str("kind");
    e.before_json = r.Str("before_json");
    e.after_json = r.Str("after_json");
    e.note = r.Str("note");
    e.changed_at = r.Str("changed_at");
    e.changed_by_name = r.Str("changed_by_name");
    out.push_back(e);
  }
  return out;
}

}  // namespace qizhi::health::registry
