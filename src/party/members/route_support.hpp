// What the member routes share: the member as JSON (list item and detail with its tabs), the
// write scope, and loading a member for a write. Internal to src/party/members.
#pragma once
#include <nlohmann/json.hpp>
#include <soci/soci.h>

#include "party/members/rules.hpp"
#include "party/members/store.hpp"
#include "platform/core/date.hpp"
#include "platform/core/result.hpp"
#include "platform/http/request.hpp"
#include "platform/pii/cipher.hpp"

namespace qizhi::party::members {

Error MemberNotFound();
// A member the caller may change: 404 outside the write scope, 409 once the member has left.
Result<MemberRecord> LoadForWrite(soci::session& sql, const platform::http::Request& req, int64_t id);

nlohmann::json ListItemJson(const MemberRow& row, const std::string& as_of);
nlohmann::json DetailJson(soci::session& sql, const MemberRecord& m);
// Basic information for the audit trail: personal data masked, never in full.
nlohmann::json AuditJson(const MemberRecord& m);

// The MemberInput fields of a JSON body; a field of the wrong type adds an error naming it.
MemberInput InputFromJson(const nlohmann::json& body, Errors& errors);
// The stored form of a validated member: personal data encrypted, blind-indexed and masked.
MemberRecord RecordFrom(const ValidMember& v, const platform::pii::Cipher& cipher, int64_t tenant_id, int64_t unit_id);
// Whether two records hold the same basic information (an import row that changes nothing).
bool SameBasicInfo(const MemberRecord& a, const MemberRecord& b);

}  // namespace qizhi::party::members
