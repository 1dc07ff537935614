#include "party/life/plan_store.hpp"

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

inline constexpr std::string_view kPlanColumns =
    "SELECT p.tenant_id, p.id, p.unit_id, p.unit_path, o.name AS unit_name, p.type, p.planned_on, p.start_time, "
    "p.place, p.topic, p.presenter, p.note, p.state, p.meeting_id, p.cancel_reason, p.created_at, p.updated_at, "
    "p.version FROM meeting_plans p JOIN org_units o ON o.tenant_id = p.tenant_id AND o.id = p.unit_id WHERE 1 = 1";

PlanRecord PlanFrom(const Row& r) {
  PlanRecord p;
  p.tenant_id = r.Int("tenant_id");
  p.id = r.Int("id");
  p.unit_id = r.Int("unit_id");
  p.unit_path = r.Str("unit_path");
  p.unit_name = r.Str("unit_name");
  p.type = r.Str("type");
  p.planned_on = r.Str("planned_on");
  p.start_time = r.Str("start_time");
  p.place = r.Str("place");
  p.topic = r.Str("topic");
  p.presenter = r.Str("presenter");
  p.note = r.Str("note");
  p.state = r.Str("state");
  p.meeting_id = r.OptInt("meeting_id");
  p.cancel_reason = r.Str("cancel_reason");
  p.created_at = r.Str("created_at");
  p.updated_at = r.Str("updated_at");
  p.version = r.Int("version");
  return p;
}

void AppendFilter(Query& q, const Scope& scope, const PlanFilter& f) {
  ScopeFilter(q, scope, "p.tenant_id", "p.unit_path");
  if (f.state == "overdue") q << " AND p.state = 'planned' AND p.planned_on < " << q.Bind(f.today);
  else if (!f.state.empty()) q << " AND p.state = " << q.Bind(f.state);
  if (f.org_path) q << " AND p.unit_path LIKE " << q.Bind(*f.org_path + "%");
  if (!f.type.empty()) q << " AND p.type = " << q.Bind(f.type);
  if (!f.from.empty()) q << " AND p.planned_on >= " << q.Bind(f.from);
  if (!f.to.empty()) q << " AND p.planned_on <= " << q.Bind(f.to);
  if (!f.q.empty()) {
    const std::string pat = platform::db::ContainsPattern(f.q);
    q << " AND (p.topic LIKE " << q.Bind(pat) << " ESCAPE '\\' OR p.place LIKE " << q.Bind(pat)
      << " ESCAPE '\\' OR p.presenter LIKE " << q.Bind(pat) << " ESCAPE '\\')";
  }
}

void SetFields(Query& q, const PlanRecord& p) {
  q.Set("type", p.type).Set("planned_on", p.planned_on).Set("start_time", p.start_time).Set("place", p.place);
  q.Set("topic", p.topic);
  q.SetTextOrNull("presenter", p.presenter);
  q.SetTextOrNull("note", p.note);
}

}  // namespace

int64_t CountPlans(soci::session& sql, const Scope& scope, const PlanFilter& f) {
  Query q("SELECT COUNT(*) FROM meeting_plans p WHERE 1 = 1");
  AppendFilter(q, scope, f);
  return Scalar(sql, q);
}

std::vector<PlanRecord> ListPlans(soci::session& sql, const Scope& scope, const PlanFilter& f, bool desc,
                                  int64_t offset, int64_t limit) {
  Query q(kPlanColumns);
  AppendFilter(q, scope, f);
  const char* dir = desc ? " DESC" : "";
  q << " ORDER BY p.planned_on" << dir << ", p.start_time" << dir << ", p.id" << dir;
  q << " LIMIT " << q.Bind(limit) << " OFFSET " << q.Bind(offset);
  std::vector<PlanRecord> out;
  for (const auto& r : Fetch(sql, q)) out.push_back(PlanFrom(r));
  return out;
}

std::optional<PlanRecord> FindPlan(soci::session& sql, const Scope& scope, int64_t id) {
  Query q(kPlanColumns);
  q << " AND p.id = " << q.Bind(id);
  ScopeFilter(q, scope, "p.tenant_id", "p.unit_path");
  auto r = FetchOne(sql, q);
  if (!r) return std::nullopt;
  return PlanFrom(*r);
}

int64_t InsertPlan(soci::session& sql, const PlanRecord& p, int64_t user_id) {
  const std::string now = NowUtc();
  Query q(
      "INSERT INTO meeting_plans (tenant_id, unit_id, unit_path, type, planned_on, start_time, place, topic, "
      "presenter, note, state, created_at, created_by, updated_at) VALUES (:t, :unit, :path, :type, :planned_on, "
      ":start_time, :place, :topic, :presenter, :note, 'planned', :now, :by, :now2) RETURNING id");
  q.Set("t", p.tenant_id).Set("unit", p.unit_id).Set("path", p.unit_path).Set("now", now).Set("now2", now);
  if (user_id) q.Set("by", user_id);
  else q.SetNull("by");
  SetFields(q, p);
  return InsertReturningId(sql, q);
}

bool UpdatePlan(soci::session& sql, const PlanRecord& p, int64_t expected_version) {
  Query q(
      "UPDATE meeting_plans SET type = :type, planned_on = :planned_on, start_time = :start_time, place = :place, "
      "topic = :topic, presenter = :presenter, note = :note, updated_at = :now, version = version + 1 "
      "WHERE tenant_id = :t AND id = :id AND version = :v AND state = 'planned'");
  q.Set("now", NowUtc()).Set("t", p.tenant_id).Set("id", p.id).Set("v", expected_version);
  SetFields(q, p);
  return Exec(sql, q) == 1;
}

bool CancelPlan(soci::session& sql, int64_t tenant_id, int64_t id, const std::string& reason, int64_t expected_version) {
  Query q(
      "UPDATE meeting_plans SET state = 'cancelled', cancel_reason = :reason, updated_at = :now, version = version + 1 "
      "WHERE tenant_id = :t AND id = :id AND version = :v AND state = 'planned'");
  q.Set("reason", reason).Set("now", NowUtc()).Set("t", tenant_id).Set("id", id).Set("v", expected_version);
  return Exec(sql, q) == 1;
}

bool MarkPlanHeld(soci::session& sql, int64_t tenant_id, int64_t id, int64_t meeting_id) {
  Query q(
      "UPDATE meeting_plans SET state = 'held', meeting_id = :m, updated_at = :now, version = version + 1 "
      "WHERE tenant_id = :t AND id = :id AND state = 'planned'");
  q.Set("m", meeting_id).Set("now", NowUtc()).Set("t", tenant_id).Set("id", id);
  return Exec(sql, q) == 1;
}

std::optional<int64_t> ReopenPlanOf(soci::session& sql, int64_t tenant_id, int64_t meeting_id) {
  Query find("SELECT id FROM meeting_plans WHERE tenant_id = :t AND meeting_id = :m AND state = 'held'");
  find.Set("t", tenant_id).Set("m", meeting_id);
  auto r = FetchOne(sql, find);
  if (!r) return std::nullopt;
  const int64_t id = r->Int("id");
  Query q(
      "UPDATE meeting_plans SET state = 'planned', meeting_id = NULL, updated_at = :now, version = version + 1 "
      "WHERE tenant_id = :t AND id = :id");
  q.Set("now", NowUtc()).Set("t", tenant_id).Set("id", id);
  Exec(sql, q);
  return id;
}

}  // namespace qizhi::party::life
