// Audit store: appends to the per-tenant hash chain and reads it back.
// Append() must run inside the caller's write transaction, so the audited change and its audit
// row commit together or not at all; it locks the tenant's chain head until commit.
#pragma once
#include <nlohmann/json.hpp>
#include <optional>
#include <soci/soci.h>
#include <string>

#include "platform/audit/rules.hpp"
#include "platform/core/scope.hpp"
#include "platform/db/database.hpp"
#include "platform/http/request.hpp"

namespace qizhi::platform::audit {

struct Event {
  int64_t tenant_id = 0;
  int64_t user_id = 0;
  std::string username;
  std::string action;
  std::string record_type;
  std::string record_id;
  nlohmann::json before;  // null when none
  nlohmann::json after;
  std::string result = "ok";
  std::string ip;
};

// Appends one row; returns its seq.
int64_t Append(soci::session& sql, const Event& event);
// An event for the caller of `req` (tenant, user, ip filled in).
Event EventFor(const http::Request& req, std::string action, std::string record_type, std::string record_id);
// Appends in a transaction of its own (for refused requests, whose own transaction rolled back).
void AppendAlone(db::Database& db, const Event& event);

struct Filter {
  std::string username;
  std::string action;
  std::string record_type;
  std::string record_id;
  std::string from;  // ISO date or time, inclusive
  std::string to;    // ISO date (whole day) or time, inclusive
  bool oldest_first = false;
};
struct Page {
  std::vector<AuditEntry> items;
  int64_t total = 0;
};
Page List(soci::session& sql, const Scope& scope, const Filter& filter, int64_t offset, int64_t limit);

struct VerifyReport {
  bool ok = true;
  int64_t checked = 0;
  std::optional<ChainBreak> first_broken;
};
// Verifies the chains of the given tenants (all tenants when empty), streaming the rows.
VerifyReport Verify(soci::session& sql, const std::vector<int64_t>& tenants);

}  // namespace qizhi::platform::audit
