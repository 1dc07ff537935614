// What the meeting routes share: the request body of a meeting (fields and attendance), checking
// it against the rules and the unit's roll on the meeting's date, and the meeting as JSON (list
// item, detail with attendance and quorum, audit and history snapshot). Internal to src/party/life.
#pragma once
#include <nlohmann/json.hpp>
#include <optional>
#include <soci/soci.h>
#include <string>
#include <vector>

#include "party/life/meeting_body.hpp"
#include "party/life/rules.hpp"
#include "party/life/store.hpp"
#include "platform/core/result.hpp"

namespace qizhi::party::life {

Error MeetingNotFound();

// A checked meeting for `unit` (its tenant, id, path and name set): the record's fields, counts
// and quorum, and one attendance line per should-attend member. All errors at once, each naming
// its field (type, date, …, lecturer_level, has_votes, should, should_reason, came, absent).
struct PreparedMeeting {
  MeetingRecord record;
  std::vector<AttendanceLine> lines;
};
Result<PreparedMeeting> PrepareMeeting(soci::session& sql, const MeetingBody& body, const MeetingRecord& unit,
                                       const Date& today);

nlohmann::json ListItemJson(const MeetingRecord& m);
nlohmann::json DetailJson(const MeetingRecord& m, const std::vector<AttendanceLine>& lines);
// Fields and attendance for meeting_history and the audit trail.
nlohmann::json SnapshotJson(const MeetingRecord& m, const std::vector<AttendanceLine>& lines);

}  // namespace qizhi::party::life
