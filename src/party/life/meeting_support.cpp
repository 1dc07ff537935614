#include "party/life/meeting_support.hpp"

#include <algorithm>
#include <set>

#include "party/life/cadence.hpp"
#include "platform/core/text.hpp"
#include "platform/http/request.hpp"

namespace qizhi::party::life {
using platform::http::JsonText;
using platform::http::TextOrNull;
using platform::http::ValueOrNull;

namespace {
constexpr std::size_t kMaxCampaign = 50;
constexpr std::size_t kMaxReason = 200;

}  // namespace

Error MeetingNotFound() { return Error{ErrorCode::kNotFound, "会议记录不存在或不在您的管理范围内", "id"}; }

Result<PreparedMeeting> PrepareMeeting(soci::session& sql, const MeetingBody& body, const MeetingRecord& unit,
                                       const Date& today) {
  Errors errors;
  auto valid = ValidateMeeting(body.input, today);
  if (!valid.ok()) errors = valid.errors();
  const std::string& type = body.input.type;
  if (!body.lecturer_level.empty()) {
    const auto& levels = LecturerLevels();
    if (type != kPartyLecture && type != kStudy && type != kCentralGroupStudy)
      errors.push_back(Invalid("lecturer_level", "只有党课和学习可填写主讲人层级"));
    else if (std::find(levels.begin(), levels.end(), body.lecturer_level) == levels.end())
      errors.push_back(Invalid("lecturer_level", "主讲人层级应为党委书记、班子成员、支部书记或其他"));
  }
  if (Utf8Length(body.campaign) > kMaxCampaign) errors.push_back(Invalid("campaign", "主题教育名称不能超过 50 字"));
  if (Utf8Length(body.should_reason) > kMaxReason) errors.push_back(Invalid("should_reason", "调整原因不能超过 200 字"));
  if (body.has_votes && type != kBranchAssembly)
    errors.push_back(Invalid("has_votes", "只有支部党员大会可设表决事项"));
  for (const auto& a : body.absent) {
    if (Utf8Length(a.note) > kMaxReason) {
      errors.push_back(Invalid("absent", "缺席说明不能超过 200 字"));
      break;
    }
  }

  PreparedMeeting p;
  MeetingRecord& m = p.record;
  m = unit;
  m.type = type;
  m.held_on = body.input.date;
  m.start_time = body.input.start_time;
  m.place = body.input.place;
  m.topic = body.input.topic;
  m.presenter = body.input.presenter;
  m.recorder = body.input.recorder;
  m.minutes = body.input.minutes;
  m.decisions = body.input.decisions;
  m.lecturer_level = body.lecturer_level;
  m.campaign = body.campaign;
  m.has_votes = body.has_votes;

  // Who should attend is the unit's roll on the meeting's date: without a real date, there is
  // nothing to check the lists against yet.
  if (!ParseDate(m.held_on)) {
    if (errors.empty()) errors.push_back(Invalid("date", "请填写会议日期"));
    return errors;
  }
  const auto roll = RollOn(sql, unit.tenant_id, unit.unit_path, m.held_on);
  std::map<int64_t, RollMember> people;
  AttendanceInput att;
  for (const auto& r : roll) {
    att.computed.push_back(r.member_id);
    people[r.member_id] = r;
  }
  att.should = body.should ? *body.should : att.computed;
  att.should_reason = body.should_reason;
  att.came = body.came;
  att.absent = body.absent;
  std::vector<int64_t> extra;
  for (int64_t id : att.should)
    if (!people.count(id)) extra.push_back(id);
  if (!extra.empty()) {
    auto found = MembersByIds(sql, unit.tenant_id, extra, m.held_on);
    const auto unknown = std::count_if(extra.begin(), extra.end(), [&](int64_t id) { return !found.count(id); });
    if (unknown > 0) errors.push_back(Invalid("should", "应到人员中有 " + std::to_string(unknown) + " 名不是本院党员"));
    for (auto& [id, r] : found) people[id] = r;
  }
  auto checked = ValidateAttendance(att);
  if (!checked.ok()) errors.insert(errors.end(), checked.errors().begin(), checked.errors().end());
  if (!errors.empty()) return errors;

  const std::set<int64_t> came(att.came.begin(), att.came.end());
  std::map<int64_t, const Absence*> absent;
  for (const auto& a : att.absent) absent[a.member_id] = &a;
  int64_t voting = 0, present_voting = 0;
  for (int64_t id : att.should) {
    AttendanceLine l;
    l.member_id = id;
    l.name = people[id].name;
    l.came = came.count(id) > 0;
    if (!l.came) {
      l.absence_reason = absent[id]->reason;
      l.absence_note = absent[id]->note;
    }
    if (people[id].full) {
      ++voting;
      if (l.came) ++present_voting;
    }
    p.lines.push_back(std::move(l));
  }
  m.should_count = static_cast<int64_t>(att.should.size());
  m.came_count = static_cast<int64_t>(came.size());
  m.should_reason = std::set<int64_t>(att.should.begin(), att.should.end()) ==
                            std::set<int64_t>(att.computed.begin(), att.computed.end())
                        ? ""
                        : att.should_reason;
  m.voting = std::nullopt;
  m.present_voting = std::nullopt;
  if (m.has_votes) {
    m.voting = voting;
    m.present_voting = present_voting;
  }
  return p;
}

nlohmann::json ListItemJson(const MeetingRecord& m) {
  nlohmann::json rate = nullptr, rate_text = nullptr;
  if (auto r = AttendanceRate(static_cast<int>(m.should_count), static_cast<int>(m.came_count))) {
    rate = *r;
    rate_text = FormatPerMille(*r);
  }
  return {{"id", m.id},
          {"tenant_id", m.tenant_id},
          {"unit_id", m.unit_id},
          {"unit_name", m.unit_name},
          {"type", m.type},
          {"type_title", MeetingTypeTitle(m.type)},
          {"date", m.held_on},
          {"start_time", m.start_time},
          {"place", m.place},
          {"topic", m.topic},
          {"presenter", m.presenter},
          {"lecturer_level", TextOrNull(m.lecturer_level)},
          {"campaign", TextOrNull(m.campaign)},
          {"recorder", m.recorder},
          {"has_votes", m.has_votes},
          {"should_count", m.should_count},
          {"came_count", m.came_count},
          {"attendance_rate", rate},
          {"attendance_rate_text", rate_text},
          {"state", m.state},
          {"cancel_reason", TextOrNull(m.cancel_reason)},
          {"version", m.version}};
}

nlohmann::json DetailJson(const MeetingRecord& m, const std::vector<AttendanceLine>& lines) {
  auto j = ListItemJson(m);
  j["unit_path"] = m.unit_path;
  j["minutes"] = TextOrNull(m.minutes);
  j["decisions"] = TextOrNull(m.decisions);
  j["should_reason"] = TextOrNull(m.should_reason);
  j["created_at"] = m.created_at;
  j["updated_at"] = m.updated_at;
  nlohmann::json attendance = nlohmann::json::array();
  for (const auto& l : lines)
    attendance.push_back({{"member_id", l.member_id},
                          {"name", l.name},
                          {"came", l.came},
                          {"absence_reason", TextOrNull(l.absence_reason)},
                          {"absence_note", TextOrNull(l.absence_note)}});
  j["attendance"] = attendance;
  j["quorum"] = nullptr;
  if (m.has_votes && m.voting) {
    const auto q = Quorum(static_cast<int>(*m.voting), static_cast<int>(m.present_voting.value_or(0)));
    j["quorum"] = {{"voting", q.voting},
                   {"present", q.present},
                   {"needed", q.needed},
                   {"has_quorum", q.has_quorum},
                   {"message", q.message}};
  }
  return j;
}

nlohmann::json SnapshotJson(const MeetingRecord& m, const std::vector<AttendanceLine>& lines) {
  auto j = DetailJson(m, lines);
  j.erase("attendance_rate_text");
  j["voting"] = ValueOrNull(m.voting);
  j["present_voting"] = ValueOrNull(m.present_voting);
  return j;
}

}  // namespace qizhi::party::life
