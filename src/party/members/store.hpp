// SQL of the member record and its tabs. Reads take the caller's Scope (tenant + org subtree);
// writes take the tenant and run inside the caller's Write transaction. Personal data arrives
// here already encrypted (id_enc/phone_enc), blind-indexed and masked: the store never sees a
// key. Nothing is deleted: periods and posts end, members leave.
#pragma once
#include <optional>
#include <soci/soci.h>
#include <string>
#include <vector>

#include "platform/core/scope.hpp"

namespace qizhi::party::members {

// The stored basic information (the 基本信息 tab), personal data in its stored forms.
struct MemberRecord {
  int64_t tenant_id = 0;
  int64_t id = 0;
  int64_t unit_id = 0;
  std::string unit_path;
  std::string unit_name;
  std::string name;
  std::string sex;
  std::string id_enc, id_bidx, id_mask;
  std::string birth_date;
  std::string ethnicity;
  std::string native_place;
  std::string education;
  std::string category;
  std::string job;
  std::string phone_enc, phone_bidx, phone_mask;  // empty when no phone
  std::string status;
  std::string joined_on;
  std::string full_on;
  bool hardship = false;
  std::string hardship_note;
  bool flowing = false;
  std::string flow_to;
  std::string flow_since;
  std::string state = "active";
  std::string left_on, left_kind, left_reason;
  int64_t version = 1;
};

// What a list or a figure counts. One filter, one SQL builder: a figure's value and the list
// its `records` URL opens cannot disagree.
struct MemberFilter {
  std::string as_of;                     // YYYY-MM-DD: on the roll of a unit that day
  std::optional<std::string> org_path;   // that unit and below
  std::optional<int64_t> direct_unit;    // only that unit
  std::string status;                    // 预备 | 正式 on as_of
  std::optional<std::pair<std::string, std::string>> birth_between;  // age band as dates
  std::string post;                      // party post title on as_of; "any"
  std::string sex, education, category;
  bool hardship = false;
  bool flowing = false;
  bool left = false;                     // members who left (left_on within left_from..as_of)
  std::string left_from;
  std::string name_contains;
  std::string id_bidx;                   // exact ID number match
};

struct ListOrder {
  std::string field = "unit";  // unit, name, joined_on, birth_date, id
  bool desc = false;
};

int64_t CountMembers(soci::session& sql, const Scope& scope, const MemberFilter& f);
struct MemberRow {
  MemberRecord m;
  std::vector<std::string> party_posts;
  std::vector<std::string> hospital_posts;
};
std::vector<MemberRow> ListMembers(soci::session& sql, const Scope& scope, const MemberFilter& f, const ListOrder& order,
                                   int64_t offset, int64_t limit);

// A member in scope (by the unit of record); nullopt when absent or outside.
std::optional<MemberRecord> FindMember(soci::session& sql, const Scope& scope, int64_t id);
// A member of the tenant with this ID number, any state (duplicates are refused across states).
std::optional<MemberRecord> FindByIdNumber(soci::session& sql, int64_t tenant_id, const std::string& id_bidx);
// Members of the tenant by blind index, for imports (one query for the whole file).
std::vector<MemberRecord> FindByIdNumbers(soci::session& sql, int64_t tenant_id, const std::vector<std::string>& bidx);

// Inserts the record (unit_path filled from the unit) with its first unit period and status row.
int64_t InsertMember(soci::session& sql, const MemberRecord& m, const std::string& unit_since,
                     const std::string& start_kind, int64_t user_id);
// Writes the basic information when `expected_version` still holds; false otherwise.
bool UpdateMember(soci::session& sql, const MemberRecord& m, int64_t expected_version);
void AddStatusHistory(soci::session& sql, int64_t tenant_id, int64_t member_id, const std::string& status,
                      const std::string& since, const std::string& note, int64_t user_id);

// ---- posts ----
struct Post {
  int64_t id = 0;
  int64_t member_id = 0;
  std::string kind;  // party | hospital
  std::string title;
  std::optional<int64_t> unit_id;
  std::string unit_name;
  std::string department;
  std::string started_on;
  std::optional<std::string> ended_on;
  std::string appoint_doc, end_doc, end_reason;
  std::optional<std::string> dual_id;
};
std::vector<Post> PostsOf(soci::session& sql, int64_t tenant_id, int64_t member_id);
int64_t InsertPost(soci::session& sql, int64_t tenant_id, const Post& p, int64_t user_id);
void EndPost(soci::session& sql, int64_t tenant_id, int64_t post_id, const std::string& ended_on,
             const std::string& end_doc, const std::string& end_reason);

// ---- rewards, family ----
struct Reward {
  int64_t id = 0;
  std::string kind, title, decided_on, authority, note;
};
std::vector<Reward> RewardsOf(soci::session& sql, int64_t tenant_id, int64_t member_id);
int64_t InsertReward(soci::session& sql, int64_t tenant_id, int64_t member_id, const Reward& r, int64_t user_id);

struct FamilyMember {
  int64_t id = 0;
  std::string relation, name, work_unit, political_status;
  std::optional<std::string> ended_at;
  std::string end_reason;
};
std::vector<FamilyMember> FamilyOf(soci::session& sql, int64_t tenant_id, int64_t member_id);
int64_t InsertFamily(soci::session& sql, int64_t tenant_id, int64_t member_id, const FamilyMember& f, int64_t user_id);
// False when the row is not the member's or has already ended.
bool EndFamily(soci::session& sql, int64_t tenant_id, int64_t member_id, int64_t family_id, const std::string& reason);

// ---- units history, transfers, status ----
struct UnitPeriod {
  int64_t unit_id = 0;
  std::string unit_name;
  std::string started_on;
  std::optional<std::string> ended_on;
  std::string start_kind, end_kind;
};
std::vector<UnitPeriod> UnitsOf(soci::session& sql, int64_t tenant_id, int64_t member_id);

struct Transfer {
  int64_t id = 0;
  std::string kind;  // in | between | out
  std::optional<int64_t> from_unit_id, to_unit_id;
  std::string from_unit_name, to_unit_name;
  std::string external_org, letter_no, issued_on, effective_on, note, created_at;
};
std::vector<Transfer> TransfersOf(soci::session& sql, int64_t tenant_id, int64_t member_id);
int64_t InsertTransfer(soci::session& sql, int64_t tenant_id, int64_t member_id, const Transfer& t, int64_t user_id);
// Ends the current unit period on `on` with `end_kind`; starts one in `to_unit` (path updated on
// the member) when given.
void MoveMember(soci::session& sql, int64_t tenant_id, int64_t member_id, const std::string& on,
                const std::string& end_kind, std::optional<int64_t> to_unit, const std::string& start_kind);
// Marks the member as left (state, date, kind, reason) and ends current posts on that date.
void MarkLeft(soci::session& sql, int64_t tenant_id, int64_t member_id, const std::string& left_on,
              const std::string& kind, const std::string& reason);

struct StatusChange {
  std::string status, since, note, created_at;
};
std::vector<StatusChange> StatusHistoryOf(soci::session& sql, int64_t tenant_id, int64_t member_id);

}  // namespace qizhi::party::members

namespace qizhi::party::members {
// Associated data and blind-index purpose of the member's personal data: a ciphertext copied to
// another column or tenant does not decrypt.
inline constexpr const char* kIdNumberPurpose = "id_number";
inline constexpr const char* kPhonePurpose = "phone";
inline std::string IdNumberAd(int64_t tenant_id) { return "members.id_number:" + std::to_string(tenant_id); }
inline std::string PhoneAd(int64_t tenant_id) { return "members.phone:" + std::to_string(tenant_id); }
}  // namespace qizhi::party::members
