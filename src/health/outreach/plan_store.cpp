#include "health/outreach/plan_store.hpp"

#include "platform/core/clock.hpp"
#include "platform/db/query.hpp"

namespace qizhi::health::outreach {
using platform::db::Exec;
using platform::db::Fetch;
using platform::db::Query;
using platform::db::Row;

namespace {

inline constexpr std::string_view kPlanColumns =
    "SELECT p.tenant_id, p.id, p.name, p.kind, p.period_key, p.starts_on, p.ends_on, p.team_id, t.name AS team_name, "
    "p.note, p.state, p.cancel_reason, p.created_at, p.updated_at, p.version FROM visit_plans p "
    "LEFT JOIN outreach_teams t ON t.tenant_id = p.tenant_id AND t.id = p.team_id WHERE 1 = 1";

VisitPlanRecord PlanFrom(const Row& r) {
  VisitPlanRecord p;
  p.tenant_id = r.Int("tenant_id");
  p.id = r.Int("id");
  p.name = r.Str("name");
  p.kind = r.Str("kind");
  p.period_key = r.Str("period_key");
  p.starts_on = r.Str("starts_on");
  p.ends_on = r.Str("ends_on");
  p.team_id = r.OptInt("team_id");
  p.team_name = r.Str("team_name");
  p.note = r.Str("note");
  p.state = r.Str("state");
  p.cancel_reason = r.Str("cancel_reason");
  p.created_at = r.Str("created_at");
  p.updated_at = r.Str("updated_at");
  p.version = r.Int("version");
  return p;
}

void AppendFilter(Query& q, const Scope& scope, const registry::VillageScope& villages, const PlanListFilter& f) {
  platform::db::ScopeFilter(q, scope, "p.tenant_id");
  if (!villages.all) {
    q << " AND EXISTS (SELECT 1 FROM visit_plan_villages pv WHERE pv.tenant_id = p.tenant_id AND pv.plan_id = p.id";
    registry::VillageFilter(q, villages, "pv.village_code");
    q << ")";
  }
  if (f.state != "all") q << " AND p.state = " << q.Bind(f.state);
  if (!f.from.empty()) q << " AND p.ends_on >= " << q.Bind(f.from);
  if (!f.to.empty()) q << " AND p.starts_on <= " << q.Bind(f.to);
  if (!f.q.empty()) q << " AND p.name LIKE " << q.Bind(platform::db::ContainsPattern(f.q)) << " ESCAPE '\\'";
}

void LoadVillages(soci::session& sql, std::vector<VisitPlanRecord>& plans) {
  for (auto& p : plans) {
    Query q("SELECT village_code FROM visit_plan_villages WHERE tenant_id = :t AND plan_id = :p ORDER BY village_code");
    q.Set("t", p.tenant_id).Set("p", p.id);
    for (const auto& r : Fetch(sql, q)) p.villages.push_back(r.Str("village_code"));
  }
}

}  // namespace

int64_t CountVisitPlans(soci::session& sql, const Scope& scope, const registry::VillageScope& villages,
                        const PlanListFilter& f) {
  Query q("SELECT COUNT(*) FROM visit_plans p WHERE 1 = 1");
  AppendFilter(q, scope, villages, f);
  return platform::db::Scalar(sql, q);
}

std::vector<VisitPlanRecord> ListVisitPlans(soci::session& sql, const Scope& scope,
                                            const registry::VillageScope& villages, const PlanListFilter& f,
                                            int64_t offset, int64_t limit) {
  Query q(kPlanColumns);
  AppendFilter(q, scope, villages, f);
  q << " ORDER BY p.starts_on DESC, p.id DESC LIMIT " << q.Bind(limit) << " OFFSET " << q.Bind(offset);
  std::vector<VisitPlanRecord> out;
  for (const auto& r : Fetch(sql, q)) out.push_back(PlanFrom(r));
  LoadVillages(sql, out);  // a page of at most 200 plans
  return out;
}

std::optional<VisitPlanRecord> FindVisitPlan(soci::session& sql, const Scope& scope,
                                             const registry::VillageScope& villages, int64_t id) {
  Query q(kPlanColumns);
  q << " AND p.id = " << q.Bind(id);
  AppendFilter(q, scope, villages, PlanListFilter{"all", "", "", ""});
  auto r = platform::db::FetchOne(sql, q);
  if (!r) return std::nullopt;
  std::vector<VisitPlanRecord> one{PlanFrom(*r)};
  LoadVillages(sql, one);
  return one.front();
}

int64_t InsertVisitPlan(soci::session& sql, const VisitPlanRecord& p, int64_t user_id) {
  const std::string now = NowUtc();
  Query q(
      "INSERT INTO visit_plans (tenant_id, name, kind, period_key, starts_on, ends_on, team_id, note, state, "
      "created_at, created_by, updated_at) VALUES (:t, :name, :kind, :key, :start, :end, :team, :note, 'active', "
      ":now, :by, :now2) RETURNING id");
  q.Set("t", p.tenant_id).Set("name", p.name).Set("kind", p.kind).Set("key", p.period_key);
  q.Set("start", p.starts_on).Set("end", p.ends_on).SetOptional("team", p.team_id).SetTextOrNull("note", p.note);
  q.Set("now", now).Set("now2", now);
  if (user_id) q.Set("by", user_id);
  else q.SetNull("by");
  const int64_t id = platform::db::InsertReturningId(sql, q);
  for (const auto& v : p.villages) {
    Query iv("INSERT INTO visit_plan_villages (tenant_id, plan_id, village_code) VALUES (:t, :p, :v)");
    iv.Set("t", p.tenant_id).Set("p", id).Set("v", v);
    Exec(sql, iv);
  }
  return id;
}

bool CancelVisitPlan(soci::session& sql, int64_t tenant_id, int64_t id, const std::string& reason,
                     int64_t expected_version) {
  Query q(
      "UPDATE visit_plans SET state = 'cancelled', cancel_reason = :r, updated_at = :now, version = version + 1 "
      "WHERE tenant_id = :t AND id = :id AND version = :ver AND state = 'active'");
  q.Set("r", reason).Set("now", NowUtc()).Set("t", tenant_id).Set("id", id).Set("ver", expected_version);
  return Exec(sql, q) == 1;
}

std::vector<std::string> KnownVillages(soci::session& sql, const std::vector<std::string>& codes) {
  std::vector<std::string> out;
  if (codes.empty()) return out;
  Query q("SELECT code FROM divisions WHERE level = 'village' AND code IN (");
  for (size_t i = 0; i < codes.size(); ++i) q << (i ? ", " : "") << q.Bind(codes[i]);
  q << ") ORDER BY code";
  for (const auto& r : Fetch(sql, q)) out.push_back(r.Str("code"));
  return out;
}

}  // namespace qizhi::health::outreach
