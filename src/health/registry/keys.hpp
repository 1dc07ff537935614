// How registry personal data is sealed: the associated data each encrypted column is bound to (a
// value copied into another column or tenant fails to decrypt) and the blind-index purposes. The
// purposes are those of party/members, so one ID number has one index whichever table holds it.
#pragma once
#include <cstdint>
#include <string>

namespace qizhi::health::registry {

inline constexpr const char* kIdNumberPurpose = "id_number";
inline constexpr const char* kPhonePurpose = "phone";
inline std::string PersonIdNumberAd(int64_t tenant_id) { return "persons.id_number:" + std::to_string(tenant_id); }
inline std::string PersonPhoneAd(int64_t tenant_id) { return "persons.phone:" + std::to_string(tenant_id); }
inline std::string HouseholdAddressAd(int64_t tenant_id) { return "households.address:" + std::to_string(tenant_id); }

}  // namespace qizhi::health::registry
