// SQL of meeting plans (meeting_plans): the list of a scope over a date range, one plan, and the
// writes (insert, reschedule, cancel, mark held), each guarded by the version the caller read and
// the plan still being planned. Reads take the caller's Scope; writes run inside the caller's
// Write transaction. Nothing is deleted.
#pragma once
#include <cstdint>
#include <optional>
#include <soci/soci.h>
#include <string>
#include <vector>

#include "platform/core/scope.hpp"

namespace qizhi::party::life {

struct PlanRecord {
  int64_t tenant_id = 0;
  int64_t id = 0;
  int64_t unit_id = 0;
  std::string unit_path;
  std::string unit_name;
  std::string type;
  std::string planned_on;
  std::string start_time;
  std::string place, topic, presenter, note;
  std::string state = "planned";  // planned | held | cancelled
  std::optional<int64_t> meeting_id;
  std::string cancel_reason;
  std::string created_at, updated_at;
  int64_t version = 1;
};

struct PlanFilter {
  std::optional<std::string> org_path;  // that unit and below
  std::string type;
  std::string from, to;                 // planned_on within, inclusive
  std::string state;                    // planned | held | cancelled | overdue (planned, before `today`) | "" = all
  std::string today;                    // for overdue
  std::string q;                        // topic, place or presenter contains
};

int64_t CountPlans(soci::session& sql, const Scope& scope, const PlanFilter& f);
// Oldest first (planned_on, start_time, id); `desc` reverses.
std::vector<PlanRecord> ListPlans(soci::session& sql, const Scope& scope, const PlanFilter& f, bool desc,
                                  int64_t offset, int64_t limit);
std::optional<PlanRecord> FindPlan(soci::session& sql, const Scope& scope, int64_t id);

int64_t InsertPlan(soci::session& sql, const PlanRecord& p, int64_t user_id);
// Each writes when `expected_version` still holds and the plan is planned; false otherwise.
bool UpdatePlan(soci::session& sql, const PlanRecord& p, int64_t expected_version);
bool CancelPlan(soci::session& sql, int64_t tenant_id, int64_t id, const std::string& reason, int64_t expected_version);
// No version: recording the meeting is the act, and a second meeting for the same plan finds it
// held (false) — the caller's transaction then rolls the meeting back.
bool MarkPlanHeld(soci::session& sql, int64_t tenant_id, int64_t id, int64_t meeting_id);
// A meeting recorded from a plan was cancelled (recorded by mistake): its plan is planned again,
// so it shows as owed on the calendar. Returns the plan's id, if any.
std::optional<int64_t> ReopenPlanOf(soci::session& sql, int64_t tenant_id, int64_t meeting_id);

}  // namespace qizhi::party::life
