#include "party/points/store.hpp"

#include "party/dues/store.hpp"
#include "party/scoring/rules.hpp"
#include "party/scoring/store.hpp"

#include "party/life/rules.hpp"
#include "platform/core/clock.hpp"
#include "platform/db/query.hpp"

namespace qizhi::party::points {
using platform::db::Exec;
using platform::db::Fetch;
using platform::db::FetchOne;
using platform::db::InsertReturningId;
using platform::db::Query;
using platform::db::Row;
using platform::db::Scalar;
using platform::db::ScopeFilter;

namespace {

inline constexpr std::string_view kRuleVersions =
    "SELECT id, action, name, points, cycle, cycle_cap, year_cap, effective_from, enabled, note FROM points_rules "
    "WHERE tenant_id = :t ORDER BY effective_from, id";
inline constexpr std::string_view kInsertRule =
    "INSERT INTO points_rules (tenant_id, action, name, points, cycle, cycle_cap, year_cap, effective_from, enabled, "
    "note, created_at, created_by) VALUES (:t, :action, :name, :points, :cycle, :cc, :yc, :from, :enabled, :note, :now, "
    ":by) RETURNING id";
inline constexpr std::string_view kMembers =
    "SELECT p.tenant_id, p.id, p.name, p.unit_id, p.unit_path, o.name AS unit_name FROM members p "
    "JOIN org_units o ON o.tenant_id = p.tenant_id AND o.id = p.unit_id WHERE p.state = 'active'";
// Attendance lines in force of active meetings held by `to`: came → 参加, absent without a
// recorded reason → 无故缺席 (a reason of 病假/事假/公假/其他 is no deduction).
inline constexpr std::string_view kAttendanceEvents =
    "SELECT a.member_id, a.came, a.absence_reason, m.id AS meeting_id, m.held_on, m.type, m.topic "
    "FROM meeting_attendance a JOIN meetings m ON m.tenant_id = a.tenant_id AND m.id = a.meeting_id "
    "JOIN members p ON p.tenant_id = a.tenant_id AND p.id = a.member_id "
    "WHERE a.tenant_id = :t AND a.superseded_at IS NULL AND m.state = 'active' AND m.held_on <= :to";
// 党课 whose lecturer is recorded as a member.
inline constexpr std::string_view kLectureEvents =
    "SELECT m.presenter_member_id AS member_id, m.id AS meeting_id, m.held_on, m.topic FROM meetings m "
    "JOIN members p ON p.tenant_id = m.tenant_id AND p.id = m.presenter_member_id "
    "WHERE m.tenant_id = :t AND m.type = 'party_lecture' AND m.state = 'active' AND m.held_on <= :to";
inline constexpr std::string_view kApprovedEntries =
    "SELECT e.id, e.member_id, e.action, e.points, e.occurred_on, e.reason FROM points_entries e "
    "JOIN members p ON p.tenant_id = e.tenant_id AND p.id = e.member_id "
    "WHERE e.tenant_id = :t AND e.status = 'approved' AND e.occurred_on <= :to";
inline constexpr std::string_view kEntryColumns =
    "SELECT e.tenant_id, e.id, e.member_id, p.name AS member_name, e.unit_path, o.name AS unit_name, e.action, e.points, "
    "e.occurred_on, e.reason, e.status, e.proposed_by, pu.name AS proposed_by_name, e.proposed_at, e.decided_by, "
    "du.name AS decided_by_name, e.decided_at, e.decision_note";
inline constexpr std::string_view kEntryFrom =
    " FROM points_entries e JOIN members p ON p.tenant_id = e.tenant_id AND p.id = e.member_id "
    "JOIN org_units o ON o.tenant_id = p.tenant_id AND o.id = p.unit_id "
    "LEFT JOIN users pu ON pu.tenant_id = e.tenant_id AND pu.id = e.proposed_by "
    "LEFT JOIN users du ON du.tenant_id = e.tenant_id AND du.id = e.decided_by WHERE 1 = 1";
inline constexpr std::string_view kInsertEntry =
    "INSERT INTO points_entries (tenant_id, member_id, unit_path, action, points, occurred_on, reason, status, "
    "proposed_by, proposed_at, decided_by, decided_at, decision_note) VALUES (:t, :m, :path, :action, :points, :on, "
    ":reason, :status, :by, :at, :dby, :dat, :note) RETURNING id";
inline constexpr std::string_view kDecideEntry =
    "UPDATE points_entries SET status = :status, decided_by = :by, decided_at = :at, decision_note = :note "
    "WHERE tenant_id = :t AND id = :id AND status = 'pending'";
inline constexpr std::string_view kLinkedMember = "SELECT member_id FROM users WHERE tenant_id = :t AND id = :id";

// The members of an event query, by their unit of record.
void MemberFilter(Query& q, const EventQuery& e) {
  ScopeFilter(q, e.scope, "p.tenant_id", "p.unit_path");
  if (e.org_path) q << " AND p.unit_path LIKE " << q.Bind(*e.org_path + "%");
  if (e.member_id) q << " AND p.id = " << q.Bind(*e.member_id);
}

// Events on or after e.from, by the provider's own date column.
void FromFilter(Query& q, const EventQuery& e, std::string_view date_col) {
  if (!e.from.empty()) q << " AND " << date_col << " >= " << q.Bind(e.from);
}

void AttendanceEvents(soci::session& sql, const EventQuery& e, std::vector<PointEvent>& out) {
  Query q(kAttendanceEvents);
  q.Set("t", e.tenant_id).Set("to", e.to);
  MemberFilter(q, e);
  FromFilter(q, e, "m.held_on");
  for (const auto& r : Fetch(sql, q)) {
    const bool came = r.Int("came") != 0;
    const std::string reason = r.Str("absence_reason");
    if (!came && !reason.empty() && reason != "无故" && reason != "无故缺席") continue;
    PointEvent ev;
    ev.member_id = r.Int("member_id");
    ev.action = std::string(came ? kMeetingAttend : kMeetingAbsent);
    ev.date = r.Str("held_on");
    ev.source = "meeting";
    ev.source_id = r.Int("meeting_id");
    ev.detail = life::MeetingTypeTitle(r.Str("type")) + "：" + r.Str("topic");
    out.push_back(std::move(ev));
  }
}

void LectureEvents(soci::session& sql, const EventQuery& e, std::vector<PointEvent>& out) {
  Query q(kLectureEvents);
  q.Set("t", e.tenant_id).Set("to", e.to);
  MemberFilter(q, e);
  FromFilter(q, e, "m.held_on");
  for (const auto& r : Fetch(sql, q)) {
    PointEvent ev;
    ev.member_id = r.Int("member_id");
    ev.action = std::string(kLecture);
    ev.date = r.Str("held_on");
    ev.source = "lecture";
    ev.source_id = r.Int("meeting_id");
    ev.detail = "讲党课：" + r.Str("topic");
    out.push_back(std::move(ev));
  }
}

void ManualEvents(soci::session& sql, const EventQuery& e, std::vector<PointEvent>& out) {
  Query q(kApprovedEntries);
  q.Set("t", e.tenant_id).Set("to", e.to);
  MemberFilter(q, e);
  FromFilter(q, e, "e.occurred_on");
  for (const auto& r : Fetch(sql, q)) {
    PointEvent ev;
    ev.member_id = r.Int("member_id");
    ev.action = r.Str("action");
    ev.date = r.Str("occurred_on");
    ev.source = "entry";
    ev.source_id = r.Int("id");
    ev.detail = r.Str("reason");
    ev.points = r.Int("points");
    out.push_back(std::move(ev));
  }
}

Entry EntryFrom(const Row& r) {
  Entry e;
  e.tenant_id = r.Int("tenant_id");
  e.id = r.Int("id");
  e.member_id = r.Int("member_id");
  e.member_name = r.Str("member_name");
  e.unit_path = r.Str("unit_path");
  e.unit_name = r.Str("unit_name");
  e.action = r.Str("action");
  e.points = r.Int("points");
  e.occurred_on = r.Str("occurred_on");
  e.reason = r.Str("reason");
  e.status = r.Str("status");
  e.proposed_by = r.Int("proposed_by");
  e.proposed_by_name = r.Str("proposed_by_name");
  e.proposed_at = r.Str("proposed_at");
  e.decided_by = r.Int("decided_by");
  e.decided_by_name = r.Str("decided_by_name");
  e.decided_at = r.Str("decided_at");
  e.decision_note = r.Str("decision_note");
  return e;
}

void EntryWhere(Query& q, const Scope& scope, const EntryFilter& f) {
  ScopeFilter(q, scope, "e.tenant_id", "e.unit_path");
  if (!f.status.empty()) q << " AND e.status = " << q.Bind(f.status);
  if (f.org_path) q << " AND e.unit_path LIKE " << q.Bind(*f.org_path + "%");
  if (f.member_id) q << " AND e.member_id = " << q.Bind(*f.member_id);
  if (!f.from.empty()) q << " AND e.occurred_on >= " << q.Bind(f.from);
  if (!f.to.empty()) q << " AND e.occurred_on <= " << q.Bind(f.to);
  if (!f.q.empty()) {
    const std::string like = platform::db::ContainsPattern(f.q);
    q << " AND (p.name LIKE " << q.Bind(like) << " ESCAPE '\\' OR e.reason LIKE " << q.Bind(like) << " ESCAPE '\\')";
  }
}

}  // namespace

std::vector<PointRule> RuleVersions(soci::session& sql, int64_t tenant_id) {
  Query q(kRuleVersions);
  q.Set("t", tenant_id);
  std::vector<PointRule> out;
  for (const auto& r : Fetch(sql, q)) {
    PointRule p;
    p.id = r.Int("id");
    p.action = r.Str("action");
    p.name = r.Str("name");
    p.points = r.Int("points");
    p.cycle = r.Str("cycle");
    p.cycle_cap = r.Int("cycle_cap");
    p.year_cap = r.Int("year_cap");
    p.effective_from = r.Str("effective_from");
    p.enabled = r.Int("enabled") != 0;
    p.note = r.Str("note");
    out.push_back(std::move(p));
  }
  return out;
}

int64_t InsertRule(soci::session& sql, int64_t tenant_id, const PointRule& rule, int64_t user_id) {
  Query q(kInsertRule);
  q.Set("t", tenant_id).Set("action", rule.action).Set("name", rule.name).Set("points", rule.points);
  q.Set("cycle", rule.cycle).Set("cc", rule.cycle_cap).Set("yc", rule.year_cap).Set("from", rule.effective_from);
  q.Set("enabled", int64_t{rule.enabled ? 1 : 0}).SetTextOrNull("note", rule.note).Set("now", NowUtc());
  if (user_id > 0) q.Set("by", user_id);
  else q.SetNull("by");
  return InsertReturningId(sql, q);
}

void SeedDefaultRules(soci::session& sql, int64_t tenant_id) {
  for (const auto& r : DefaultRules()) InsertRule(sql, tenant_id, r, 0);
}

std::vector<PointsMember> MembersInScope(soci::session& sql, const Scope& scope, const std::optional<std::string>& org_path,
                                         const std::string& name_contains) {
  Query q(kMembers);
  ScopeFilter(q, scope, "p.tenant_id", "p.unit_path");
  if (org_path) q << " AND p.unit_path LIKE " << q.Bind(*org_path + "%");
  if (!name_contains.empty()) q << " AND p.name LIKE " << q.Bind(platform::db::ContainsPattern(name_contains)) << " ESCAPE '\\'";
  q << " ORDER BY p.tenant_id, p.id";
  std::vector<PointsMember> out;
  for (const auto& r : Fetch(sql, q))
    out.push_back({r.Int("tenant_id"), r.Int("id"), r.Str("name"), r.Int("unit_id"), r.Str("unit_path"), r.Str("unit_name")});
  return out;
}

namespace {

// 按时交纳党费: each month of dues fully paid by the month's end, dated the month's first day (so
// a quarter paid ahead counts once in each month, and a month still ahead not yet).
void DuesOnTimeEvents(soci::session& sql, const EventQuery& e, std::vector<PointEvent>& out) {
  const std::string prefix = e.org_path ? *e.org_path : e.scope.org_paths.size() == 1 ? e.scope.org_paths[0] : "";
  const std::string from = e.from.empty() ? "2000-01" : e.from.substr(0, 7);
  for (const auto& m : dues::DuesMonthStatuses(sql, e.tenant_id, prefix, from, e.to.substr(0, 7))) {
    if (!m.on_time || (e.member_id && *e.member_id != m.member_id)) continue;
    PointEvent ev;
    ev.member_id = m.member_id;
    ev.action = std::string(kDuesOnTime);
    ev.date = m.month + "-01";
    if ((!e.from.empty() && ev.date < e.from) || ev.date > e.to) continue;
    ev.source = "dues";
    ev.detail = m.month + " 党费按时交纳（" + m.settled_on.value_or("") + "交清）";
    out.push_back(std::move(ev));
  }
}

// 受到表彰: an unrevoked 优秀共产党员 or 优秀党务工作者 award of the member, on its decision date.
void CommendationEvents(soci::session& sql, const EventQuery& e, std::vector<PointEvent>& out) {
  Scope scope = e.scope;
  scope.tenants = {e.tenant_id};
  scoring::CommendationFilter f;
  f.org_path = e.org_path;
  for (const auto& c : scoring::ListCommendations(sql, scope, f, "date", false, 0, 100000)) {
    if (!c.member_id || (e.member_id && *e.member_id != *c.member_id)) continue;
    if ((!e.from.empty() && c.decided_on < e.from) || c.decided_on > e.to) continue;
    PointEvent ev;
    ev.member_id = *c.member_id;
    ev.action = std::string(kCommendation);
    ev.date = c.decided_on;
    ev.source = "commendation";
    ev.source_id = c.id;
    ev.detail = std::to_string(c.year) + "年度" + scoring::KindTitle(c.kind) + "（" + c.basis + "）";
    out.push_back(std::move(ev));
  }
}

}  // namespace

const std::vector<EventProvider>& EventProviders() {
  static const std::vector<EventProvider> kAll = {AttendanceEvents, LectureEvents, ManualEvents, DuesOnTimeEvents,
                                                  CommendationEvents};
  return kAll;
}

std::vector<PointEvent> CollectEvents(soci::session& sql, const EventQuery& q) {
  std::vector<PointEvent> out;
  for (auto provider : EventProviders()) provider(sql, q, out);
  return out;
}

int64_t InsertEntry(soci::session& sql, const Entry& e) {
  Query q(kInsertEntry);
  q.Set("t", e.tenant_id).Set("m", e.member_id).Set("path", e.unit_path).Set("action", e.action).Set("points", e.points);
  q.Set("on", e.occurred_on).Set("reason", e.reason).Set("status", e.status).Set("at", NowUtc());
  if (e.proposed_by > 0) q.Set("by", e.proposed_by);
  else q.SetNull("by");
  if (e.decided_by > 0) q.Set("dby", e.decided_by).Set("dat", NowUtc());
  else q.SetNull("dby").SetNull("dat");
  q.SetTextOrNull("note", e.decision_note);
  return InsertReturningId(sql, q);
}

std::optional<Entry> FindEntry(soci::session& sql, const Scope& scope, int64_t id) {
  Query q(std::string(kEntryColumns) + std::string(kEntryFrom));
  q << " AND e.id = " << q.Bind(id);
  ScopeFilter(q, scope, "e.tenant_id", "e.unit_path");
  auto r = FetchOne(sql, q);
  if (!r) return std::nullopt;
  return EntryFrom(*r);
}

bool DecideEntry(soci::session& sql, int64_t tenant_id, int64_t id, const std::string& status, int64_t user_id,
                 const std::string& note) {
  Query q(kDecideEntry);
  q.Set("status", status).Set("by", user_id).Set("at", NowUtc()).SetTextOrNull("note", note).Set("t", tenant_id).Set("id", id);
  return Exec(sql, q) == 1;
}

int64_t CountEntries(soci::session& sql, const Scope& scope, const EntryFilter& f) {
  Query q("SELECT COUNT(*)" + std::string(kEntryFrom));
  EntryWhere(q, scope, f);
  return Scalar(sql, q);
}

std::vector<Entry> ListEntries(soci::session& sql, const Scope& scope, const EntryFilter& f, const std::string& sort,
                               bool desc, int64_t offset, int64_t limit) {
  Query q(std::string(kEntryColumns) + std::string(kEntryFrom));
  EntryWhere(q, scope, f);
  const std::string dir = desc ? " DESC" : "";
  if (sort == "points") q << " ORDER BY e.points" << dir << ", e.id DESC";
  else if (sort == "name") q << " ORDER BY p.name" << dir << ", e.id DESC";
  else if (sort == "proposed_at") q << " ORDER BY e.proposed_at" << dir << ", e.id" << dir;
  else q << " ORDER BY e.occurred_on" << dir << ", e.id" << dir;
  q << " LIMIT " << q.Bind(limit) << " OFFSET " << q.Bind(offset);
  std::vector<Entry> out;
  for (const auto& r : Fetch(sql, q)) out.push_back(EntryFrom(r));
  return out;
}

std::optional<int64_t> LinkedMember(soci::session& sql, int64_t tenant_id, int64_t user_id) {
  Query q(kLinkedMember);
  q.Set("t", tenant_id).Set("id", user_id);
  auto r = FetchOne(sql, q);
  if (!r || r->IsNull("member_id")) return std::nullopt;
  return r->Int("member_id");
}

}  // namespace qizhi::party::points
