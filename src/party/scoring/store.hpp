// SQL of branch scoring and commendations: checklist versions, inspections with their item
// scores, the assessment weights of a year, finalised assessments, commendations. Reads take the
// caller's Scope (tenant + org subtree); writes take the tenant and run inside the caller's Write
// transaction. Nothing is deleted: versions are superseded, inspections voided or superseded,
// commendations revoked by a new row.
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <soci/soci.h>
#include <string>
#include <vector>

#include "party/scoring/rules.hpp"
#include "platform/core/scope.hpp"

namespace qizhi::party::scoring {

// True when `path` is inside the scope's org subtrees (or the scope names none).
bool PathInScope(const Scope& scope, const std::string& path);

// ---- checklists ----
struct ChecklistRecord {
  int64_t tenant_id = 0;
  int64_t id = 0;
  int64_t version = 1;
  Checklist list;
  std::string created_at;
  std::optional<std::string> superseded_at;
};
// The current version of each checklist of the scope's tenants, by code.
std::vector<ChecklistRecord> CurrentChecklists(soci::session& sql, const Scope& scope);
std::optional<ChecklistRecord> FindChecklist(soci::session& sql, const Scope& scope, int64_t id);
// Writes the next version of `list.code` (1 when new) and supersedes the current one.
int64_t SaveChecklistVersion(soci::session& sql, int64_t tenant_id, const Checklist& list, int64_t user_id);
// DefaultChecklists() as version 1, for a tenant being created.
void SeedDefaultChecklists(soci::session& sql, int64_t tenant_id);

// ---- inspections ----
struct InspectionItem {
  std::string code, title;
  int max_score = 0;
  int score = 0;
  std::string note;
};
struct InspectionRecord {
  int64_t tenant_id = 0;
  int64_t id = 0;
  int64_t unit_id = 0;
  std::string unit_path, unit_name;
  int64_t checklist_id = 0;
  std::string checklist_code, checklist_title;
  int64_t checklist_version = 0;
  std::string inspected_on;
  int64_t inspector_id = 0;
  std::string inspector_name;
  int total = 0, max_total = 0;
  std::string note;
  std::string state = "active";  // active | superseded | void
  std::optional<int64_t> corrects_id, superseded_by;
  std::string void_reason;
  std::string created_at;
  std::vector<InspectionItem> items;  // only from FindInspection
};
struct InspectionFilter {
  std::optional<std::string> org_path;
  std::string from, to, checklist, q;
  std::string state = "active";  // active | superseded | void | all
};
int64_t CountInspections(soci::session& sql, const Scope& scope, const InspectionFilter& f);
std::vector<InspectionRecord> ListInspections(soci::session& sql, const Scope& scope, const InspectionFilter& f,
                                              const std::string& sort, bool desc, int64_t offset, int64_t limit);
std::optional<InspectionRecord> FindInspection(soci::session& sql, const Scope& scope, int64_t id);
int64_t InsertInspection(soci::session& sql, const InspectionRecord& r);
// active → superseded by `by`; false when it is no longer active.
bool SupersedeInspection(soci::session& sql, int64_t tenant_id, int64_t id, int64_t by);
bool VoidInspection(soci::session& sql, int64_t tenant_id, int64_t id, const std::string& reason);

// ---- assessment ----
std::optional<Weights> StoredWeights(soci::session& sql, int64_t tenant_id, int year);
void SaveWeights(soci::session& sql, int64_t tenant_id, int year, const Weights& w, int64_t user_id);

// Per unit id: Σ total and Σ max of the active inspections held in the year (in scope).
std::map<int64_t, std::pair<int64_t, int64_t>> InspectionSums(soci::session& sql, const Scope& scope, int year);
// Per unit path: Σ should and Σ came over active 集中学习 and 党课 held in the year (in scope).
std::map<std::string, std::pair<int64_t, int64_t>> StudySums(soci::session& sql, const Scope& scope, int year);

struct ResultRow {
  int64_t id = 0;
  int64_t unit_id = 0;
  std::string unit_path, unit_name;
  int rank = 0;
  std::optional<int> score;
  std::string measures_json;
};
struct FinalisedAssessment {
  int64_t tenant_id = 0;
  int64_t id = 0;
  int year = 0;
  std::string weights_json;
  std::string finalised_at, finalised_by_name;
  std::vector<ResultRow> rows;  // in scope, rank order
};
std::optional<FinalisedAssessment> FindFinalised(soci::session& sql, const Scope& scope, int64_t tenant_id, int year);
int64_t InsertFinalised(soci::session& sql, int64_t tenant_id, int year, const std::string& weights_json,
                        int64_t user_id, const std::string& user_name, const std::vector<ResultRow>& rows);
// A finalised result row of the tenant: its unit and year; nullopt when absent.
struct ResultRef {
  int64_t unit_id = 0;
  int year = 0;
};
std::optional<ResultRef> FindResult(soci::session& sql, int64_t tenant_id, int64_t id);

// ---- commendations ----
struct CommendationRecord {
  int64_t tenant_id = 0;
  int64_t id = 0;
  std::string kind;
  int year = 0;
  int64_t unit_id = 0;
  std::string unit_path, unit_name;
  std::optional<int64_t> member_id;
  std::string subject_name;
  std::string decided_on, basis;
  std::optional<int64_t> assessment_result_id;
  std::string created_at;
  // From the revocation row, when there is one.
  std::optional<int64_t> revoked_by_id;
  std::string revoke_reason, revoked_on;
};
struct CommendationFilter {
  std::optional<std::string> org_path;
  std::optional<int> year;
  std::string kind, q;
  std::string state = "active";  // active | revoked | all
};
int64_t CountCommendations(soci::session& sql, const Scope& scope, const CommendationFilter& f);
std::vector<CommendationRecord> ListCommendations(soci::session& sql, const Scope& scope, const CommendationFilter& f,
                                                  const std::string& sort, bool desc, int64_t offset, int64_t limit);
std::optional<CommendationRecord> FindCommendation(soci::session& sql, const Scope& scope, int64_t id);
// An unrevoked award of the same kind, year and subject (unit for 先进党支部, member otherwise).
bool HasActiveAward(soci::session& sql, int64_t tenant_id, const std::string& kind, int year, int64_t unit_id,
                    std::optional<int64_t> member_id);
int64_t InsertAward(soci::session& sql, const CommendationRecord& c, int64_t user_id);
int64_t InsertRevocation(soci::session& sql, const CommendationRecord& award, const std::string& decided_on,
                         const std::string& reason, int64_t user_id);

// A member of the tenant (any state) with the unit they belong to; nullopt when absent.
struct MemberRef {
  int64_t id = 0;
  std::string name;
  int64_t unit_id = 0;
  std::string unit_path;
};
std::optional<MemberRef> FindMemberRef(soci::session& sql, int64_t tenant_id, int64_t id);

}  // namespace qizhi::party::scoring
