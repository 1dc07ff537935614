// SQL of the 建档立卡 registry: households, their members and the history of every change. Reads
// take the caller's Scope (tenants) and VillageScope (分片负责): a household outside either is
// simply not found. Writes take the tenant and run inside the caller's Write transaction.
// Personal data arrives already encrypted, blind-indexed and masked: the store never sees a key.
// Nothing is deleted: households close (销户), persons leave with a date and a reason.
#pragma once
#include <cstdint>
#include <optional>
#include <soci/soci.h>
#include <string>
#include <vector>

#include "health/registry/village_scope.hpp"
#include "platform/core/scope.hpp"

namespace qizhi::health::registry {

struct HouseholdRecord {
  int64_t tenant_id = 0;
  int64_t id = 0;
  std::string village_code, village_name, town_name;
  std::string number, group_name;
  std::string address_enc, address_mask;
  std::string poverty_cause, status, status_since, monitor_kind, registered_on;
  std::optional<int64_t> income_year, income_fen;
  std::string note;
  std::string state = "active", closed_on, closed_reason;
  int64_t head_person_id = 0;
  std::string head_name, head_id_mask;  // lists
  int64_t members = 0;                  // current members (lists)
  int64_t version = 1;
};

struct PersonRecord {
  int64_t tenant_id = 0;
  int64_t id = 0;
  int64_t household_id = 0;
  std::string village_code, village_name, household_number, head_name;
  std::string name, sex, birth_date;
  std::string id_enc, id_bidx, id_mask;
  std::string relation;
  std::string phone_enc, phone_bidx, phone_mask;
  std::string chronic, disability;
  std::string joined_on, left_on, left_reason;
  int64_t version = 1;
};

// What the household list counts: one builder for the list and its total.
struct HouseholdFilter {
  std::string division;   // a code prefix: village, town or county
  std::string status, cause;
  std::string q;          // 户主 or member name (contains), or 户编号 (exact)
  std::string id_bidx;    // a member's exact ID number
  bool has_chronic = false;
  bool has_disability = false;
  std::string state = "active";  // active | closed | all
};
struct HouseholdOrder {
  std::string field = "number";  // number, village, status_since, registered_on, id
  bool desc = false;
};
int64_t CountHouseholds(soci::session& sql, const Scope& scope, const VillageScope& villages,
                        const HouseholdFilter& f);
std::vector<HouseholdRecord> ListHouseholds(soci::session& sql, const Scope& scope, const VillageScope& villages,
                                            const HouseholdFilter& f, const HouseholdOrder& order, int64_t offset,
                                            int64_t limit);
std::optional<HouseholdRecord> FindHousehold(soci::session& sql, const Scope& scope, const VillageScope& villages,
                                             int64_t id);
std::optional<HouseholdRecord> FindHouseholdByNumber(soci::session& sql, int64_t tenant_id, const std::string& number);
int64_t InsertHousehold(soci::session& sql, const HouseholdRecord& h, const std::string& now);
// Writes the household's fields when `expected_version` still holds; false otherwise.
bool UpdateHousehold(soci::session& sql, const HouseholdRecord& h, int64_t expected_version, const std::string& now);
void SetHead(soci::session& sql, int64_t tenant_id, int64_t household_id, int64_t person_id);
bool CloseHousehold(soci::session& sql, int64_t tenant_id, int64_t id, int64_t expected_version,
                    const std::string& closed_on, const std::string& reason, const std::string& now);

// Persons.
struct PersonFilter {
  std::string division;
  std::string q;         // name contains
  std::string id_bidx;   // exact ID number
  bool has_chronic = false;
  bool has_disability = false;
  bool include_left = false;
};
int64_t CountPersons(soci::session& sql, const Scope& scope, const VillageScope& villages, const PersonFilter& f);
std::vector<PersonRecord> ListPersons(soci::session& sql, const Scope& scope, const VillageScope& villages,
                                      const PersonFilter& f, int64_t offset, int64_t limit);
std::vector<PersonRecord> PersonsOf(soci::session& sql, int64_t tenant_id, int64_t household_id);
std::optional<PersonRecord> FindPerson(soci::session& sql, const Scope& scope, const VillageScope& villages, int64_t id);
// A person of the tenant with this ID number, left or not, with their household (for the
// duplicate message "该身份证号已登记：东林村 张三（户主：…）").
std::optional<PersonRecord> FindByIdNumber(soci::session& sql, int64_t tenant_id, const std::string& id_bidx);
// Persons of the tenant by blind index, for imports: one query per 500 numbers, not one per row.
std::vector<PersonRecord> FindByIdNumbers(soci::session& sql, int64_t tenant_id, const std::vector<std::string>& bidx);
int64_t InsertPerson(soci::session& sql, const PersonRecord& p, const std::string& now);
bool UpdatePerson(soci::session& sql, const PersonRecord& p, int64_t expected_version, const std::string& now);
bool LeavePerson(soci::session& sql, int64_t tenant_id, int64_t id, int64_t expected_version, const std::string& left_on,
                 const std::string& reason, const std::string& now);

// Imports: households of the tenant by 户编号, and the villages a file's 村 cells name (by
// 12-digit code or exact name), each one query per 500 values.
std::vector<HouseholdRecord> FindHouseholdsByNumbers(soci::session& sql, int64_t tenant_id,
                                                     const std::vector<std::string>& numbers);
struct VillageRef {
  std::string code, name, full_name;
};
std::vector<VillageRef> VillagesByCodeOrName(soci::session& sql, const std::vector<std::string>& values);

// History.
struct HistoryEntry {
  int64_t id = 0;
  std::string entity;
  int64_t entity_id = 0;
  int64_t household_id = 0;
  std::string kind, before_json, after_json, note, changed_at, changed_by_name;
};
// Also moves the household's version when a person changed (the offline visit conflict check).
void AddHistory(soci::session& sql, int64_t tenant_id, const HistoryEntry& e, int64_t user_id);
std::vector<HistoryEntry> HistoryOf(soci::session& sql, int64_t tenant_id, int64_t household_id);

}  // namespace qizhi::health::registry
