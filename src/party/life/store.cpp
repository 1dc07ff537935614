#include "party/life/store.hpp"

#include <sodium.h>

#include <stdexcept>

#include "platform/core/clock.hpp"
#include "platform/db/query.hpp"

namespace qizhi::party::life {
using platform::db::Exec;
using platform::db::Fetch;
using platform::db::FetchOne;
using platform::db::InsertReturningId;
using platform::db::Query;
using platform::db::Row;
using platform::db::Scalar;
using platform::db::ScopeFilter;

namespace {

inline constexpr std::string_view kMeetingColumns =
    "SELECT m.tenant_id, m.id, m.unit_id, m.unit_path, o.name AS unit_name, m.type, m.held_on, m.start_time, "
    "m.place, m.topic, m.presenter, m.lecturer_level, m.campaign, m.recorder, m.minutes, m.decisions, m.has_votes, "
    "m.voting, m.present_voting, m.should_count, m.came_count, m.should_reason, m.state, m.cancel_reason, "
    "m.created_at, m.updated_at, m.version";
inline constexpr std::string_view kMeetingFrom =
    " FROM meetings m JOIN org_units o ON o.tenant_id = m.tenant_id AND o.id = m.unit_id WHERE 1 = 1";

MeetingRecord MeetingFrom(const Row& r) {
  MeetingRecord m;
  m.tenant_id = r.Int("tenant_id");
  m.id = r.Int("id");
  m.unit_id = r.Int("unit_id");
  m.unit_path = r.Str("unit_path");
  m.unit_name = r.Str("unit_name");
  m.type = r.Str("type");
  m.held_on = r.Str("held_on");
  m.start_time = r.Str("start_time");
  m.place = r.Str("place");
  m.topic = r.Str("topic");
  m.presenter = r.Str("presenter");
  m.lecturer_level = r.Str("lecturer_level");
  m.campaign = r.Str("campaign");
  m.recorder = r.Str("recorder");
  m.minutes = r.Str("minutes");
  m.decisions = r.Str("decisions");
  m.has_votes = r.Int("has_votes") != 0;
  m.voting = r.OptInt("voting");
  m.present_voting = r.OptInt("present_voting");
  m.should_count = r.Int("should_count");
  m.came_count = r.Int("came_count");
  m.should_reason = r.Str("should_reason");
  m.state = r.Str("state");
  m.cancel_reason = r.Str("cancel_reason");
  m.created_at = r.Str("created_at");
  m.updated_at = r.Str("updated_at");
  m.version = r.Int("version");
  return m;
}

// The fields an insert and an update share, named alike.
void SetFields(Query& q, const MeetingRecord& m) {
  q.Set("type", m.type)
      .Set("held_on", m.held_on)
      .Set("start_time", m.start_time)
      .Set("place", m.place)
      .Set("topic", m.topic)
      .Set("presenter", m.presenter)
      .Set("recorder", m.recorder)
      .Set("has_votes", m.has_votes ? 1 : 0)
      .Set("should_count", m.should_count)
      .Set("came_count", m.came_count);
  q.SetTextOrNull("lecturer_level", m.lecturer_level);
  q.SetTextOrNull("campaign", m.campaign);
  q.SetTextOrNull("minutes", m.minutes);
  q.SetTextOrNull("decisions", m.decisions);
  q.SetTextOrNull("should_reason", m.should_reason);
  q.SetOptional("voting", m.voting);
  q.SetOptional("present_voting", m.present_voting);
}

// WHERE … for a filter: the one place a meeting list and a meeting figure are defined.
void AppendFilter(Query& q, const Scope& scope, const MeetingFilter& f) {
  ScopeFilter(q, scope, "m.tenant_id", "m.unit_path");
  if (f.state != "all") q << " AND m.state = " << q.Bind(f.state);
  if (f.org_path) q << " AND m.unit_path LIKE " << q.Bind(*f.org_path + "%");
  if (f.direct_unit) q << " AND m.unit_id = " << q.Bind(*f.direct_unit);
  if (!f.type.empty()) q << " AND m.type = " << q.Bind(f.type);
  if (!f.from.empty()) q << " AND m.held_on >= " << q.Bind(f.from);
  if (!f.to.empty()) q << " AND m.held_on <= " << q.Bind(f.to);
  if (!f.lecturer_level.empty()) q << " AND m.lecturer_level = " << q.Bind(f.lecturer_level);
  if (!f.campaign.empty()) q << " AND m.campaign = " << q.Bind(f.campaign);
  if (!f.q.empty()) {
    const std::string p = platform::db::ContainsPattern(f.q);
    q << " AND (m.topic LIKE " << q.Bind(p) << " ESCAPE '\\' OR m.place LIKE " << q.Bind(p)
      << " ESCAPE '\\' OR m.presenter LIKE " << q.Bind(p) << " ESCAPE '\\')";
  }
}

std::string InList(Query& q, const std::vector<int64_t>& ids) {
  std::string s = "(";
  for (size_t i = 0; i < ids.size(); ++i) {
    if (i) s += ", ";
    s += q.Bind(ids[i]);
  }
  return s + ")";
}

}  // namespace

int64_t CountMeetings(soci::session& sql, const Scope& scope, const MeetingFilter& f) {
  Query q("SELECT COUNT(*) FROM meetings m WHERE 1 = 1");
  AppendFilter(q, scope, f);
  return Scalar(sql, q);
}

std::vector<std::pair<std::string, int64_t>> CountMeetingsBy(soci::session& sql, const Scope& scope,
                                                             const MeetingFilter& f, MeetingColumn column) {
  const char* col = column == MeetingColumn::kCampaign ? "m.campaign" : "m.lecturer_level";
  Query q(std::string("SELECT ") + col + " AS v, COUNT(*) AS n FROM meetings m WHERE " + col + " <> ''");
  AppendFilter(q, scope, f);
  q << " GROUP BY " << col << " ORDER BY n DESC, v";
  std::vector<std::pair<std::string, int64_t>> out;
  for (const auto& r : Fetch(sql, q)) out.push_back({r.Str("v"), r.Int("n")});
  return out;
}

std::vector<MeetingRecord> ListMeetings(soci::session& sql, const Scope& scope, const MeetingFilter& f,
                                        const MeetingOrder& order, int64_t offset, int64_t limit) {
  Query q(kMeetingColumns);
  q << kMeetingFrom;
  AppendFilter(q, scope, f);
  const char* dir = order.desc ? " DESC" : "";
  if (order.field == "type") q << " ORDER BY m.type" << dir << ", m.held_on DESC, m.id DESC";
  else if (order.field == "unit") q << " ORDER BY m.unit_path" << dir << ", m.held_on DESC, m.id DESC";
  else if (order.field == "id") q << " ORDER BY m.id" << dir;
  else q << " ORDER BY m.held_on" << dir << ", m.start_time" << dir << ", m.id" << dir;
  q << " LIMIT " << q.Bind(limit) << " OFFSET " << q.Bind(offset);
  std::vector<MeetingRecord> out;
  for (const auto& r : Fetch(sql, q)) out.push_back(MeetingFrom(r));
  return out;
}

std::optional<MeetingRecord> FindMeeting(soci::session& sql, const Scope& scope, int64_t id) {
  Query q(kMeetingColumns);
  q << kMeetingFrom << " AND m.id = " << q.Bind(id);
  ScopeFilter(q, scope, "m.tenant_id", "m.unit_path");
  auto r = FetchOne(sql, q);
  if (!r) return std::nullopt;
  return MeetingFrom(*r);
}

std::vector<AttendanceLine> AttendanceOf(soci::session& sql, int64_t tenant_id, int64_t meeting_id) {
  Query q(
      "SELECT a.member_id, p.name, a.came, a.absence_reason, a.absence_note FROM meeting_attendance a "
      "JOIN members p ON p.tenant_id = a.tenant_id AND p.id = a.member_id "
      "WHERE a.tenant_id = :t AND a.meeting_id = :m AND a.superseded_at IS NULL ORDER BY a.came DESC, p.name, a.member_id");
  q.Set("t", tenant_id).Set("m", meeting_id);
  std::vector<AttendanceLine> out;
  for (const auto& r : Fetch(sql, q))
    out.push_back({r.Int("member_id"), r.Str("name"), r.Int("came") != 0, r.Str("absence_reason"),
                   r.Str("absence_note")});
  return out;
}

int64_t InsertMeeting(soci::session& sql, const MeetingRecord& m, int64_t user_id) {
  const std::string now = NowUtc();
  Query q(
      "INSERT INTO meetings (tenant_id, unit_id, unit_path, type, held_on, start_time, place, topic, presenter, "
      "lecturer_level, campaign, recorder, minutes, decisions, has_votes, voting, present_voting, should_count, "
      "came_count, should_reason, state, created_at, created_by, updated_at) VALUES (:t, :unit, :path, :type, "
      ":held_on, :start_time, :place, :topic, :presenter, :lecturer_level, :campaign, :recorder, :minutes, "
      ":decisions, :has_votes, :voting, :present_voting, :should_count, :came_count, :should_reason, 'active', :now, "
      ":by, :now2) RETURNING id");
  q.Set("t", m.tenant_id).Set("unit", m.unit_id).Set("path", m.unit_path).Set("now", now).Set("now2", now);
  if (user_id) q.Set("by", user_id);
  else q.SetNull("by");
  SetFields(q, m);
  return InsertReturningId(sql, q);
}

bool UpdateMeeting(soci::session& sql, const MeetingRecord& m, int64_t expected_version) {
  Query q(
      "UPDATE meetings SET type = :type, held_on = :held_on, start_time = :start_time, place = :place, topic = "
      ":topic, presenter = :presenter, lecturer_level = :lecturer_level, campaign = :campaign, recorder = :recorder, "
      "minutes = :minutes, decisions = :decisions, has_votes = :has_votes, voting = :voting, present_voting = "
      ":present_voting, should_count = :should_count, came_count = :came_count, should_reason = :should_reason, "
      "updated_at = :now, version = version + 1 WHERE tenant_id = :t AND id = :id AND version = :v AND state = "
      "'active'");
  q.Set("now", NowUtc()).Set("t", m.tenant_id).Set("id", m.id).Set("v", expected_version);
  SetFields(q, m);
  return Exec(sql, q) == 1;
}

bool CancelMeeting(soci::session& sql, int64_t tenant_id, int64_t id, const std::string& reason,
                   int64_t expected_version) {
  Query q(
      "UPDATE meetings SET state = 'cancelled', cancel_reason = :reason, updated_at = :now, version = version + 1 "
      "WHERE tenant_id = :t AND id = :id AND version = :v AND state = 'active'");
  q.Set("reason", reason).Set("now", NowUtc()).Set("t", tenant_id).Set("id", id).Set("v", expected_version);
  return Exec(sql, q) == 1;
}

void ReplaceAttendance(soci::session& sql, int64_t tenant_id, int64_t meeting_id,
                       const std::vector<AttendanceLine>& lines) {
  // Nothing is deleted: the current list is superseded, the new one written beside it.
  Query old("UPDATE meeting_attendance SET superseded_at = :now "
            "WHERE tenant_id = :t AND meeting_id = :m AND superseded_at IS NULL");
  old.Set("now", NowUtc()).Set("t", tenant_id).Set("m", meeting_id);
  Exec(sql, old);
  // Many rows per statement: a branch of 50 is one round trip, not 50.
  constexpr size_t kSlice = 100;
  for (size_t start = 0; start < lines.size(); start += kSlice) {
    Query q("INSERT INTO meeting_attendance (tenant_id, meeting_id, member_id, came, absence_reason, absence_note) VALUES ");
    for (size_t i = start; i < std::min(lines.size(), start + kSlice); ++i) {
      const auto& l = lines[i];
      if (i > start) q << ", ";
      q << "(" << q.Bind(tenant_id) << ", " << q.Bind(meeting_id) << ", " << q.Bind(l.member_id) << ", "
        << q.Bind(static_cast<int64_t>(l.came ? 1 : 0)) << ", "
        << (l.absence_reason.empty() ? q.BindNull() : q.Bind(l.absence_reason)) << ", "
        << (l.absence_note.empty() ? q.BindNull() : q.Bind(l.absence_note)) << ")";
    }
    Exec(sql, q);
  }
}

void AddHistory(soci::session& sql, int64_t tenant_id, int64_t meeting_id, int64_t version,
                const std::string& snapshot_json, int64_t user_id, const std::string& reason) {
  Query q(
      "INSERT INTO meeting_history (tenant_id, meeting_id, version, snapshot_json, changed_at, changed_by, reason) "
      "VALUES (:t, :m, :v, :snap, :now, :by, :reason)");
  q.Set("t", tenant_id).Set("m", meeting_id).Set("v", version).Set("snap", snapshot_json).Set("now", NowUtc());
  if (user_id) q.Set("by", user_id);
  else q.SetNull("by");
  q.SetTextOrNull("reason", reason);
  Exec(sql, q);
}

std::vector<RollMember> RollOn(soci::session& sql, int64_t tenant_id, const std::string& unit_path,
                               const std::string& on) {
  // On the roll that day: a unit period covers it (a transfer's day belongs to the new unit).
  Query q(
      "SELECT p.id, p.name, o.name AS unit_name, p.full_on FROM member_units mu "
      "JOIN members p ON p.tenant_id = mu.tenant_id AND p.id = mu.member_id "
      "JOIN org_units o ON o.tenant_id = mu.tenant_id AND o.id = mu.unit_id WHERE mu.tenant_id = ");
  q << q.Bind(tenant_id) << " AND o.path LIKE " << q.Bind(unit_path + "%") << " AND mu.started_on <= " << q.Bind(on)
    << " AND (mu.ended_on IS NULL OR mu.ended_on > " << q.Bind(on) << ") AND p.joined_on <= " << q.Bind(on)
    << " ORDER BY o.path, p.name, p.id";
  std::vector<RollMember> out;
  for (const auto& r : Fetch(sql, q)) {
    const std::string full_on = r.Str("full_on");
    out.push_back({r.Int("id"), r.Str("name"), r.Str("unit_name"), !full_on.empty() && full_on <= on});
  }
  return out;
}

std::map<int64_t, RollMember> MembersByIds(soci::session& sql, int64_t tenant_id, const std::vector<int64_t>& ids,
                                           const std::string& on) {
  std::map<int64_t, RollMember> out;
  constexpr size_t kSlice = 500;
  for (size_t start = 0; start < ids.size(); start += kSlice) {
    std::vector<int64_t> slice(ids.begin() + static_cast<std::ptrdiff_t>(start),
                               ids.begin() + static_cast<std::ptrdiff_t>(std::min(ids.size(), start + kSlice)));
    Query q(
        "SELECT p.id, p.name, o.name AS unit_name, p.full_on FROM members p JOIN org_units o ON o.tenant_id = "
        "p.tenant_id AND o.id = p.unit_id WHERE p.tenant_id = ");
    q << q.Bind(tenant_id) << " AND p.id IN " << InList(q, slice);
    for (const auto& r : Fetch(sql, q)) {
      const std::string full_on = r.Str("full_on");
      out[r.Int("id")] = {r.Int("id"), r.Str("name"), r.Str("unit_name"), !full_on.empty() && full_on <= on};
    }
  }
  return out;
}

std::vector<LifeUnit> CadenceUnits(soci::session& sql, const Scope& scope) {
  Query q(
      "SELECT o.tenant_id, o.id, o.name, o.kind, o.path, o.created_at, o.established_on, o.theme_day, "
      "CASE WHEN EXISTS (SELECT 1 FROM org_committees c WHERE c.tenant_id = o.tenant_id AND c.unit_id = o.id "
      "AND c.superseded_at IS NULL) THEN 1 ELSE 0 END AS has_committee FROM org_units o WHERE o.ended_at IS NULL");
  ScopeFilter(q, scope, "o.tenant_id", "o.path");
  q << " ORDER BY o.tenant_id, o.path";
  std::vector<LifeUnit> out;
  for (const auto& r : Fetch(sql, q)) {
    LifeUnit u;
    u.tenant_id = r.Int("tenant_id");
    u.id = r.Int("id");
    u.name = r.Str("name");
    u.kind = r.Str("kind");
    u.path = r.Str("path");
    u.created_on = r.Str("established_on");
    if (u.created_on.empty()) u.created_on = r.Str("created_at").substr(0, 10);
    if (auto d = r.OptInt("theme_day")) u.theme_day = static_cast<int>(*d);
    u.has_committee = r.Int("has_committee") != 0;
    out.push_back(std::move(u));
  }
  return out;
}

std::vector<LifeMeeting> CadenceMeetings(soci::session& sql, const Scope& scope, const std::string& from,
                                         const std::string& to) {
  Query q("SELECT m.unit_id, m.unit_path, m.type, m.held_on, m.lecturer_level FROM meetings m WHERE m.state = 'active'");
  ScopeFilter(q, scope, "m.tenant_id", "m.unit_path");
  q << " AND m.held_on >= " << q.Bind(from) << " AND m.held_on <= " << q.Bind(to);
  std::vector<LifeMeeting> out;
  for (const auto& r : Fetch(sql, q))
    out.push_back({r.Int("unit_id"), r.Str("unit_path"), r.Str("type"), r.Str("held_on"), r.Str("lecturer_level")});
  return out;
}

std::map<int64_t, std::vector<CadenceRule>> StoredRules(soci::session& sql, const std::vector<int64_t>& tenants) {
  std::map<int64_t, std::vector<CadenceRule>> out;
  if (tenants.empty()) return out;
  Query q(
      "SELECT tenant_id, meeting_type, applies_to, period, min_count, presenter_role, fixed_day, needs_committee "
      "FROM life_cadence_rules WHERE superseded_at IS NULL AND tenant_id IN ");
  q << InList(q, tenants) << " ORDER BY tenant_id, id";
  for (const auto& r : Fetch(sql, q)) {
    CadenceRule c;
    c.meeting_type = r.Str("meeting_type");
    c.applies_to = r.Str("applies_to");
    c.period = r.Str("period");
    c.min_count = static_cast<int>(r.Int("min_count"));
    c.presenter_role = r.Str("presenter_role");
    c.fixed_day = static_cast<int>(r.Int("fixed_day"));
    c.needs_committee = r.Int("needs_committee") != 0;
    out[r.Int("tenant_id")].push_back(std::move(c));
  }
  return out;
}

std::vector<MemberMeeting> MeetingsOfMember(soci::session& sql, int64_t tenant_id, int64_t member_id,
                                            const std::string& from, const std::string& to) {
  Query q(
      "SELECT m.id, o.name AS unit_name, m.type, m.held_on, m.start_time, m.topic, a.came, a.absence_reason, "
      "a.absence_note FROM meeting_attendance a "
      "JOIN meetings m ON m.tenant_id = a.tenant_id AND m.id = a.meeting_id "
      "JOIN org_units o ON o.tenant_id = m.tenant_id AND o.id = m.unit_id "
      "WHERE a.superseded_at IS NULL AND m.state = 'active' AND a.tenant_id = ");
  q << q.Bind(tenant_id) << " AND a.member_id = " << q.Bind(member_id);
  if (!from.empty()) q << " AND m.held_on >= " << q.Bind(from);
  if (!to.empty()) q << " AND m.held_on <= " << q.Bind(to);
  q << " ORDER BY m.held_on DESC, m.start_time DESC, m.id DESC";
  std::vector<MemberMeeting> out;
  for (const auto& r : Fetch(sql, q))
    out.push_back({r.Int("id"), r.Str("unit_name"), r.Str("type"), r.Str("held_on"), r.Str("start_time"),
                   r.Str("topic"), r.Int("came") != 0, r.Str("absence_reason"), r.Str("absence_note")});
  return out;
}

void ReplaceCadenceRules(soci::session& sql, int64_t tenant_id, const std::vector<CadenceRule>& rules,
                         int64_t user_id) {
  const std::string now = NowUtc();
  Query old("UPDATE life_cadence_rules SET superseded_at = :now WHERE tenant_id = :t AND superseded_at IS NULL");
  old.Set("now", now).Set("t", tenant_id);
  Exec(sql, old);
  for (const auto& r : rules) {
    Query q(
        "INSERT INTO life_cadence_rules (tenant_id, meeting_type, applies_to, period, min_count, presenter_role, "
        "fixed_day, needs_committee, created_at, created_by) VALUES (:t, :type, :applies, :period, :min, :role, "
        ":day, :committee, :now, :by)");
    q.Set("t", tenant_id)
        .Set("type", r.meeting_type)
        .Set("applies", r.applies_to)
        .Set("period", r.period)
        .Set("min", static_cast<int64_t>(r.min_count))
        .Set("role", r.presenter_role)
        .Set("day", static_cast<int64_t>(r.fixed_day))
        .Set("committee", static_cast<int64_t>(r.needs_committee ? 1 : 0))
        .Set("now", now);
    if (user_id) q.Set("by", user_id);
    else q.SetNull("by");
    Exec(sql, q);
  }
}

namespace {

std::string ToBase64(std::string_view bytes) {
  std::string out(sodium_base64_ENCODED_LEN(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(),
                    sodium_base64_VARIANT_ORIGINAL);
  out.resize(out.size() - 1);  // the terminating NUL
  return out;
}

std::string FromBase64(const std::string& text) {
  std::string out(text.size() / 4 * 3 + 3, '\0');
  size_t len = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(), text.size(), nullptr,
                        &len, nullptr, sodium_base64_VARIANT_ORIGINAL) != 0)
    throw std::runtime_error("meeting_attachments: stored content is not base64");
  out.resize(len);
  return out;
}

Attachment AttachmentFrom(const Row& r) {
  Attachment a;
  a.id = r.Int("id");
  a.meeting_id = r.Int("meeting_id");
  a.name = r.Str("name");
  a.kind = r.Str("kind");
  a.content_type = r.Str("content_type");
  a.size_bytes = r.Int("size_bytes");
  a.created_at = r.Str("created_at");
  return a;
}

}  // namespace

int64_t InsertAttachment(soci::session& sql, int64_t tenant_id, const Attachment& a, int64_t user_id) {
  Query q(
      "INSERT INTO meeting_attachments (tenant_id, meeting_id, name, kind, content_type, size_bytes, content_base64, "
      "created_at, created_by) VALUES (:t, :m, :name, :kind, :ct, :size, :content, :now, :by) RETURNING id");
  q.Set("t", tenant_id)
      .Set("m", a.meeting_id)
      .Set("name", a.name)
      .Set("kind", a.kind)
      .Set("ct", a.content_type)
      .Set("size", static_cast<int64_t>(a.bytes.size()))
      .Set("content", ToBase64(a.bytes))
      .Set("now", NowUtc());
  if (user_id) q.Set("by", user_id);
  else q.SetNull("by");
  return InsertReturningId(sql, q);
}

std::vector<Attachment> AttachmentsOf(soci::session& sql, int64_t tenant_id, int64_t meeting_id) {
  Query q(
      "SELECT id, meeting_id, name, kind, content_type, size_bytes, created_at FROM meeting_attachments "
      "WHERE tenant_id = :t AND meeting_id = :m ORDER BY id");
  q.Set("t", tenant_id).Set("m", meeting_id);
  std::vector<Attachment> out;
  for (const auto& r : Fetch(sql, q)) out.push_back(AttachmentFrom(r));
  return out;
}

std::optional<Attachment> FindAttachment(soci::session& sql, int64_t tenant_id, int64_t meeting_id, int64_t id) {
  Query q(
      "SELECT id, meeting_id, name, kind, content_type, size_bytes, created_at, content_base64 FROM meeting_attachments "
      "WHERE tenant_id = :t AND meeting_id = :m AND id = :id");
  q.Set("t", tenant_id).Set("m", meeting_id).Set("id", id);
  auto r = FetchOne(sql, q);
  if (!r) return std::nullopt;
  auto a = AttachmentFrom(*r);
  a.bytes = FromBase64(r->Str("content_base64"));
  return a;
}

}  // namespace qizhi::party::life
