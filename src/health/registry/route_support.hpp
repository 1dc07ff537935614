// What the registry routes share: the caller's village scope, households and persons as JSON
// (masked), request bodies to rules inputs, validated inputs to stored records (encrypted,
// blind-indexed, masked), and the masked before/after of registry_history. Internal to
// src/health/registry.
#pragma once
#include <functional>
#include <nlohmann/json.hpp>
#include <soci/soci.h>

#include "health/registry/rules.hpp"
#include "health/registry/store.hpp"
#include "platform/http/request.hpp"
#include "platform/db/database.hpp"
#include "platform/pii/cipher.hpp"

namespace qizhi::health::registry {

// The villages the caller may see and record in today.
VillageScope CallerVillages(soci::session& sql, const platform::http::Request& req);
Error HouseholdNotFound();
Error PersonNotFound();

nlohmann::json HouseholdItemJson(const HouseholdRecord& h);
nlohmann::json PersonJson(const PersonRecord& p);
// The household with its members and history.
nlohmann::json HouseholdDetailJson(soci::session& sql, const HouseholdRecord& h);

HouseholdInput HouseholdFromJson(const nlohmann::json& body, Errors& errors);
PersonInput PersonFromJson(const nlohmann::json& body, Errors& errors);

HouseholdRecord HouseholdRecordFrom(const HouseholdInput& v, const platform::pii::Cipher& cipher, int64_t tenant_id);
PersonRecord PersonRecordFrom(const ValidPerson& v, const platform::pii::Cipher& cipher, int64_t tenant_id);

// The fields a change touched, before and after, personal data only in masked form; empty
// objects when nothing changed.
std::pair<nlohmann::json, nlohmann::json> HouseholdDiff(const HouseholdRecord& before, const HouseholdRecord& after);
std::pair<nlohmann::json, nlohmann::json> PersonDiff(const PersonRecord& before, const PersonRecord& after);
nlohmann::json HouseholdAuditJson(const HouseholdRecord& h);
nlohmann::json PersonAuditJson(const PersonRecord& p);

// A village the caller may write in: a loaded division of level village (400 otherwise) inside
// the caller's village scope (403 otherwise), both naming `field`.
Status CheckWritableVillage(soci::session& sql, const VillageScope& villages, const std::string& code,
                            const std::string& field = "village_code");
// "该身份证号已登记：东林村 张三（户主：张德明）": the 409 of a duplicate ID number.
Error DuplicateIdNumber(const PersonRecord& existing);

// One change of the registry: its registry_history row (before/after masked) and its audit row,
// in the caller's transaction.
void RecordChange(soci::session& sql, const platform::http::Request& req, const std::string& entity, int64_t entity_id,
                  int64_t household_id, const std::string& kind, const nlohmann::json& before,
                  const nlohmann::json& after, const std::string& note);
// A write whose duplicate checks run first; two requests at once can both pass them and the
// unique index then refuses the second: the same 409 (户编号 or 身份证号), not a 500.
Result<nlohmann::json> WriteOrDuplicate(platform::db::Database& db,
                                        const std::function<Result<nlohmann::json>(soci::session&)>& fn);

}  // namespace qizhi::health::registry
