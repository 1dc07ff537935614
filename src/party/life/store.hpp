// SQL of organisational life: meetings with their attendance and history, the roll of a unit on
// a day (who should attend), and the inputs of the cadence (units, meetings of a date range,
// the tenant's rules). Reads take the caller's Scope (tenant + org subtree); writes take the
// tenant and run inside the caller's Write transaction. Nothing is deleted: a meeting is
// cancelled, an edit keeps the previous version in meeting_history.
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <soci/soci.h>
#include <string>
#include <vector>

#include "party/life/cadence.hpp"
#include "party/life/rules.hpp"
#include "platform/core/scope.hpp"

namespace qizhi::party::life {

struct MeetingRecord {
  int64_t tenant_id = 0;
  int64_t id = 0;
  int64_t unit_id = 0;
  std::string unit_path;
  std::string unit_name;
  std::string type;
  std::string held_on;
  std::string start_time;
  std::string place, topic, presenter, lecturer_level, campaign, recorder, minutes, decisions;
  bool has_votes = false;
  std::optional<int64_t> voting, present_voting;
  int64_t should_count = 0;
  int64_t came_count = 0;
  std::string should_reason;
  std::string state = "active";  // active | cancelled
  std::string cancel_reason;
  std::string created_at, updated_at;
  int64_t version = 1;
};

// One line of the should-attend list: came, or absent with a reason.
struct AttendanceLine {
  int64_t member_id = 0;
  std::string name;
  bool came = false;
  std::string absence_reason, absence_note;
};

// What the meeting list and the meeting figures count. One filter, one SQL builder.
struct MeetingFilter {
  std::optional<std::string> org_path;  // that unit and below
  std::optional<int64_t> direct_unit;   // only that unit
  std::string type;
  std::string from, to;                 // held_on within, inclusive
  std::string lecturer_level;
  std::string campaign;
  std::string state = "active";         // active | cancelled | all
  std::string q;                        // topic, place or presenter contains
};
struct MeetingOrder {
  std::string field = "date";  // date, type, unit, id
  bool desc = true;
};

int64_t CountMeetings(soci::session& sql, const Scope& scope, const MeetingFilter& f);
// How many of the meetings the filter selects carry each value of a column (not NULL, not
// empty), most frequent first: the groups of a figure whose categories are the records' own.
enum class MeetingColumn { kCampaign, kLecturerLevel };
std::vector<std::pair<std::string, int64_t>> CountMeetingsBy(soci::session& sql, const Scope& scope,
                                                             const MeetingFilter& f, MeetingColumn column);
std::vector<MeetingRecord> ListMeetings(soci::session& sql, const Scope& scope, const MeetingFilter& f,
                                        const MeetingOrder& order, int64_t offset, int64_t limit);
// A meeting in scope (by the unit it was recorded in); nullopt when absent or outside.
std::optional<MeetingRecord> FindMeeting(soci::session& sql, const Scope& scope, int64_t id);
std::vector<AttendanceLine> AttendanceOf(soci::session& sql, int64_t tenant_id, int64_t meeting_id);

int64_t InsertMeeting(soci::session& sql, const MeetingRecord& m, int64_t user_id);
// Writes the fields when `expected_version` still holds and the meeting is active; false otherwise.
bool UpdateMeeting(soci::session& sql, const MeetingRecord& m, int64_t expected_version);
bool CancelMeeting(soci::session& sql, int64_t tenant_id, int64_t id, const std::string& reason,
                   int64_t expected_version);
// Replaces the meeting's attendance: the current lines are superseded (kept), the new ones written.
void ReplaceAttendance(soci::session& sql, int64_t tenant_id, int64_t meeting_id,
                       const std::vector<AttendanceLine>& lines);
void AddHistory(soci::session& sql, int64_t tenant_id, int64_t meeting_id, int64_t version,
                const std::string& snapshot_json, int64_t user_id, const std::string& reason);

// A member on the roll of the unit or a unit below it on `on` (from member_units).
struct RollMember {
  int64_t member_id = 0;
  std::string name;
  std::string unit_name;
  bool full = false;  // 正式 on that day (has a vote)
};
std::vector<RollMember> RollOn(soci::session& sql, int64_t tenant_id, const std::string& unit_path,
                               const std::string& on);
// Which of `ids` are members of the tenant (any state), with their names and status on `on`.
std::map<int64_t, RollMember> MembersByIds(soci::session& sql, int64_t tenant_id, const std::vector<int64_t>& ids,
                                           const std::string& on);

// ---- the cadence's inputs ----
// Current units in scope, tree order, with created_on, theme_day and has_committee filled.
std::vector<LifeUnit> CadenceUnits(soci::session& sql, const Scope& scope);
// Active meetings in scope held within [from, to].
std::vector<LifeMeeting> CadenceMeetings(soci::session& sql, const Scope& scope, const std::string& from,
                                         const std::string& to);
// The stored rules of each tenant in `tenants` that keeps its own (others use DefaultCadence()).
std::map<int64_t, std::vector<CadenceRule>> StoredRules(soci::session& sql, const std::vector<int64_t>& tenants);

// ---- a member's attendance ----
// A meeting a member should have attended, from the current attendance lines (superseded lists
// are history, not the record), of active meetings held within [from, to] ("" = unbounded),
// newest first. Any unit of the tenant: a member keeps the meetings of a branch left behind.
struct MemberMeeting {
  int64_t meeting_id = 0;
  std::string unit_name;
  std::string type;
  std::string held_on;
  std::string start_time;
  std::string topic;
  bool came = false;
  std::string absence_reason, absence_note;
};
std::vector<MemberMeeting> MeetingsOfMember(soci::session& sql, int64_t tenant_id, int64_t member_id,
                                            const std::string& from, const std::string& to);

// Replaces the tenant's stored cadence rules: the current rows get superseded_at (kept), the new
// set is written. Inside the caller's Write transaction.
void ReplaceCadenceRules(soci::session& sql, int64_t tenant_id, const std::vector<CadenceRule>& rules,
                         int64_t user_id);

// ---- attachments (meeting_attachments; the bytes are base64 in TEXT) ----
struct Attachment {
  int64_t id = 0;
  int64_t meeting_id = 0;
  std::string name, kind, content_type;
  int64_t size_bytes = 0;
  std::string created_at;
  std::string bytes;  // only from FindAttachment
};
int64_t InsertAttachment(soci::session& sql, int64_t tenant_id, const Attachment& a, int64_t user_id);
// The meeting's files, oldest first, without their bytes.
std::vector<Attachment> AttachmentsOf(soci::session& sql, int64_t tenant_id, int64_t meeting_id);
// One file with its bytes; nullopt when absent or of another meeting.
std::optional<Attachment> FindAttachment(soci::session& sql, int64_t tenant_id, int64_t meeting_id, int64_t id);

}  // namespace qizhi::party::life
