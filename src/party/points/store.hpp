// SQL of member points: the tenant's rule versions, the manual entries and their decisions, and
// the event providers that turn source records into PointEvents at read time. Reads take the
// caller's Scope; writes take the tenant and run inside the caller's Write transaction.
#pragma once
#include <cstdint>
#include <optional>
#include <soci/soci.h>
#include <string>
#include <vector>

#include "party/points/rules.hpp"
#include "platform/core/scope.hpp"

namespace qizhi::party::points {

// Every version of every rule of the tenant, oldest first.
std::vector<PointRule> RuleVersions(soci::session& sql, int64_t tenant_id);
int64_t InsertRule(soci::session& sql, int64_t tenant_id, const PointRule& rule, int64_t user_id);
// DefaultRules() as the tenant's first versions (a tenant being created).
void SeedDefaultRules(soci::session& sql, int64_t tenant_id);

// The members whose points are computed: active members of the scope, under `org_path` when given.
struct PointsMember {
  int64_t tenant_id = 0;
  int64_t id = 0;
  std::string name;
  int64_t unit_id = 0;
  std::string unit_path;
  std::string unit_name;
};
std::vector<PointsMember> MembersInScope(soci::session& sql, const Scope& scope, const std::optional<std::string>& org_path,
                                         const std::string& name_contains);

// What the providers read: one tenant's events from `from` to `to` (inclusive) of the members
// of `scope`. A provider appends to `out`; adding a source of points (dues paid on
// time, commendations, volunteer hours) is one more function in EventProviders().
struct EventQuery {
  int64_t tenant_id = 0;
  Scope scope;                          // members by their unit of record
  std::optional<std::string> org_path;  // narrower still
  std::optional<int64_t> member_id;     // one member
  std::string from;                     // YYYY-MM-DD, "" for all history (a once-only rule)
  std::string to;                       // YYYY-MM-DD
};
using EventProvider = void (*)(soci::session& sql, const EventQuery& q, std::vector<PointEvent>& out);
const std::vector<EventProvider>& EventProviders();
// All providers' events.
std::vector<PointEvent> CollectEvents(soci::session& sql, const EventQuery& q);

struct Entry {
  int64_t tenant_id = 0;
  int64_t id = 0;
  int64_t member_id = 0;
  std::string member_name;
  std::string unit_path;
  std::string unit_name;
  std::string action;
  int64_t points = 0;
  std::string occurred_on;
  std::string reason;
  std::string status = "pending";
  int64_t proposed_by = 0;
  std::string proposed_by_name;
  std::string proposed_at;
  int64_t decided_by = 0;
  std::string decided_by_name;
  std::string decided_at;
  std::string decision_note;
};
struct EntryFilter {
  std::string status;                   // pending | approved | rejected | ""
  std::optional<std::string> org_path;
  std::optional<int64_t> member_id;
  std::string from, to;                 // occurred_on within
  std::string q;                        // member name or reason contains
};
int64_t InsertEntry(soci::session& sql, const Entry& e);
std::optional<Entry> FindEntry(soci::session& sql, const Scope& scope, int64_t id);
// Records the decision on a pending entry; false when it was no longer pending.
bool DecideEntry(soci::session& sql, int64_t tenant_id, int64_t id, const std::string& status, int64_t user_id,
                 const std::string& note);
int64_t CountEntries(soci::session& sql, const Scope& scope, const EntryFilter& f);
std::vector<Entry> ListEntries(soci::session& sql, const Scope& scope, const EntryFilter& f, const std::string& sort,
                               bool desc, int64_t offset, int64_t limit);

// The member a user account is tied to (users.member_id), if any.
std::optional<int64_t> LinkedMember(soci::session& sql, int64_t tenant_id, int64_t user_id);

}  // namespace qizhi::party::points
