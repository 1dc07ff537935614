// SQL of member development: the people on the path (development_candidates) and their step
// records with every previous version. Reads take the caller's Scope (tenant + org subtree, by
// the candidate's branch); writes take the tenant and run inside the caller's Write transaction.
// Personal data arrives encrypted, blind-indexed and masked. Nothing is deleted: records are
// corrected (the old version goes to development_record_history) or voided.
#pragma once
#include <optional>
#include <soci/soci.h>
#include <string>
#include <vector>

#include "platform/core/scope.hpp"

namespace qizhi::party::development {

// What the rules derive from the records, stored on the person so lists and figures filter it.
struct Derived {
  std::string role;  // see rules.hpp RoleOf; "" before step 1
  int stage = 0;
  int last_step = 0;
  std::string applied_on, activist_on, object_on, probation_on, full_on;  // steps 1, 3, 7, 15 (once 17), 24
  int violations = 0;
  int open_violations = 0;  // not explained by a reason (or not excusable)
  std::string next_due_on;
};

struct CandidateRecord {
  int64_t tenant_id = 0;
  int64_t id = 0;
  int64_t unit_id = 0;
  std::string unit_path, unit_name;
  std::string name, sex;
  std::string id_enc, id_bidx, id_mask;
  std::string birth_date, ethnicity, education, category, job;
  std::string phone_enc, phone_bidx, phone_mask;
  bool youth_league = false;
  bool league_recommended = false;
  std::optional<int64_t> member_id;
  Derived d;
  std::string created_at;
  int64_t version = 1;
};

// A person named on a record, as stored (people_json).
struct StoredPerson {
  std::optional<int64_t> member_id;
  std::string name;
  bool is_full_member = false;
};

struct RecordRow {
  int64_t tenant_id = 0;
  int64_t id = 0;
  int64_t candidate_id = 0;
  int step = 0;
  std::string done_on;
  int64_t unit_id = 0;
  std::string unit_name;
  std::vector<StoredPerson> people;
  std::vector<std::string> documents;
  std::string conclusion;
  int training_days = 0, training_hours = 0;
  int voting = 0, present = 0, in_favour = 0;
  int extension_months = 0;
  std::string reason;
  std::string state = "active";  // active | void
  std::string void_reason;
  std::string created_at, updated_at;
  int64_t version = 1;
};

struct RecordVersion {
  int64_t version = 0;
  std::string snapshot_json, change_kind, change_reason, changed_at;
};

// The list's filter; one SQL builder for the list and the figures that count it.
struct CandidateFilter {
  std::optional<std::string> org_path;  // that unit and below
  int stage = 0;                        // 1-5, 0: any
  std::string role;                     // current role, "" any
  std::string became;                   // a role whose start date lies in [from, to]
  std::string from, to;                 // with `became`, else on applied_on
  std::string violations;               // "" | "any" (some) | "open" (some unexplained)
  bool overdue = false;                 // next_due_on before today
  std::string name_contains;
  std::string id_bidx;
};

int64_t CountCandidates(soci::session& sql, const Scope& scope, const CandidateFilter& f);
std::vector<CandidateRecord> ListCandidates(soci::session& sql, const Scope& scope, const CandidateFilter& f,
                                            const std::string& sort, bool desc, int64_t offset, int64_t limit);
// Every candidate in scope under `org_path` (all of the scope when nullopt), for the office lists.
std::vector<CandidateRecord> AllCandidates(soci::session& sql, const Scope& scope,
                                           const std::optional<std::string>& org_path);
std::optional<CandidateRecord> FindCandidate(soci::session& sql, const Scope& scope, int64_t id);
std::optional<CandidateRecord> FindCandidateByIdNumber(soci::session& sql, int64_t tenant_id,
                                                       const std::string& id_bidx);

int64_t InsertCandidate(soci::session& sql, const CandidateRecord& c, int64_t user_id);
// The basic information and unit, when `expected_version` still holds; false otherwise.
bool UpdateCandidate(soci::session& sql, const CandidateRecord& c, int64_t expected_version);
// Takes the person's row lock for the rest of the transaction (PostgreSQL; SQLite's writers
// queue anyway), so two records saved for one person at once are checked one after the other.
void LockCandidate(soci::session& sql, int64_t tenant_id, int64_t candidate_id);
void SaveDerived(soci::session& sql, int64_t tenant_id, int64_t candidate_id, const Derived& d);
void SetMemberId(soci::session& sql, int64_t tenant_id, int64_t candidate_id, int64_t member_id);

// Records of candidates (active and void), by candidate, in step then date order.
std::vector<RecordRow> RecordsOf(soci::session& sql, int64_t tenant_id, const std::vector<int64_t>& candidate_ids);
std::optional<RecordRow> FindRecord(soci::session& sql, int64_t tenant_id, int64_t candidate_id, int64_t record_id);
int64_t InsertRecord(soci::session& sql, const RecordRow& r, int64_t user_id);
// Replaces the record's content (or voids it) when `expected_version` holds, keeping the old
// version with the reason of the change; false when the version moved on.
bool ReplaceRecord(soci::session& sql, const RecordRow& before, const RecordRow& after, const std::string& change_kind,
                   const std::string& change_reason, int64_t expected_version, int64_t user_id);
std::vector<RecordVersion> VersionsOf(soci::session& sql, int64_t tenant_id, int64_t record_id);

}  // namespace qizhi::party::development

namespace qizhi::party::development {
// Associated data of the candidate's personal data (a ciphertext copied to the members table does
// not decrypt there; the conversion re-encrypts). The blind index uses the members' purpose, so a
// candidate who is already on the roster is found.
inline std::string CandidateIdAd(int64_t tenant_id) { return "development.id_number:" + std::to_string(tenant_id); }
inline std::string CandidatePhoneAd(int64_t tenant_id) { return "development.phone:" + std::to_string(tenant_id); }
}  // namespace qizhi::party::development
