#include "health/outreach/coverage_summary.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <unordered_map>

#include "platform/core/clock.hpp"
#include "platform/db/query.hpp"

namespace qizhi::health::outreach {
using platform::db::Exec;
using platform::db::Fetch;
using platform::db::FetchOne;
using platform::db::Query;
using platform::db::Scalar;
using platform::db::ScopeFilter;

namespace {

// What JudgeHousehold needs, for one household or every active one of a tenant. The period's
// lines come aggregated per household and person — seen at least once; the latest reason when not
// seen ("YYYY-MM-DD" + reason, so MAX picks the latest) — and become the lines of the household's
// latest visit in the period, which is all JudgeHousehold reads from them.
inline constexpr std::string_view kHouseholds =
    "SELECT id, village_code, COALESCE(number, '') AS number FROM households WHERE tenant_id = :t AND state = 'active'";
inline constexpr std::string_view kPersons =
    "SELECT id, household_id, joined_on, left_on FROM persons WHERE tenant_id = :t";
inline constexpr std::string_view kLastVisits =
    "SELECT household_id, MAX(visited_on) AS last_on FROM visits WHERE tenant_id = :t AND state = 'active' "
    "AND visited_on >= :start AND visited_on <= :asof";
inline constexpr std::string_view kLines =
    "SELECT household_id, person_id, MAX(seen) AS seen, "
    "MAX(CASE WHEN seen = 0 AND reason IS NOT NULL THEN visited_on || reason END) AS last_reason "
    "FROM visit_persons WHERE tenant_id = :t AND active = 1 AND visited_on >= :start AND visited_on <= :asof";

struct Judged {
  int64_t household_id = 0;
  std::string village_code, number;
  HouseholdCoverage c;
};

struct Row {
  bool exists = false;
  std::string village_code;
  bool counted = false, visited = false, covered = false;
  int64_t persons = 0, seen = 0, with_reason = 0, not_seen = 0;
};

Row RowOf(const Judged& j) {
  Row r;
  r.exists = true;
  r.village_code = j.village_code;
  r.counted = j.c.counted;
  r.visited = j.c.visited;
  r.covered = j.c.covered;
  r.persons = static_cast<int64_t>(j.c.persons.size());
  r.seen = j.c.seen;
  r.with_reason = j.c.with_reason;
  r.not_seen = j.c.not_seen;
  return r;
}

// Judges the tenant's active households (or the one given) over [start, as_of].
std::vector<Judged> Judge(soci::session& sql, int64_t tenant, const Date& start, const Date& as_of,
                          std::optional<int64_t> only) {
  const std::string from = FormatDate(start), to = FormatDate(as_of);
  auto narrow = [&](Query& q) {
    q.Set("t", tenant);
    if (only) q << " AND household_id = " << q.Bind(*only);
  };
  std::vector<Judged> out;
  std::vector<CoverageHousehold> inputs;
  std::unordered_map<int64_t, size_t> at;
  Query hq(kHouseholds);
  hq.Set("t", tenant);
  if (only) hq << " AND id = " << hq.Bind(*only);
  for (const auto& r : Fetch(sql, hq)) {
    at[r.Int("id")] = out.size();
    out.push_back({r.Int("id"), r.Str("village_code"), r.Str("number"), {}});
    inputs.push_back({r.Int("id"), {}, {}});
  }
  if (out.empty()) return out;
  Query pq(kPersons);
  narrow(pq);
  pq << " ORDER BY household_id, id";
  for (const auto& r : Fetch(sql, pq)) {
    auto it = at.find(r.Int("household_id"));
    if (it == at.end()) continue;
    inputs[it->second].persons.push_back({r.Int("id"), ParseDate(r.Str("joined_on")), ParseDate(r.Str("left_on"))});
  }
  Query vq(kLastVisits);
  vq.Set("start", from).Set("asof", to);
  narrow(vq);
  vq << " GROUP BY household_id";
  for (const auto& r : Fetch(sql, vq)) {
    auto it = at.find(r.Int("household_id"));
    if (it == at.end()) continue;
    if (auto d = ParseDate(r.Str("last_on"))) inputs[it->second].visits.push_back({*d, {}});
  }
  Query lq(kLines);
  lq.Set("start", from).Set("asof", to);
  narrow(lq);
  lq << " GROUP BY household_id, person_id";
  for (const auto& r : Fetch(sql, lq)) {
    auto it = at.find(r.Int("household_id"));
    if (it == at.end() || inputs[it->second].visits.empty()) continue;
    const std::string last = r.Str("last_reason");
    inputs[it->second].visits.front().lines.push_back(
        {r.Int("person_id"), r.Int("seen") != 0, last.size() > 10 ? last.substr(10) : std::string()});
  }
  for (size_t i = 0; i < out.size(); ++i) out[i].c = JudgeHousehold(inputs[i], start, as_of);
  return out;
}

void InsertRows(soci::session& sql, int64_t tenant, const std::string& key, const std::vector<Judged>& rows) {
  constexpr size_t kBatch = 100;  // 13 values a row: far below either database's bind limit
  for (size_t first = 0; first < rows.size(); first += kBatch) {
    Query q(
        "INSERT INTO coverage_households (tenant_id, period_key, household_id, village_code, number, counted, visited, "
        "covered, persons, seen, with_reason, not_seen, last_visit) VALUES ");
    for (size_t i = first; i < std::min(rows.size(), first + kBatch); ++i) {
      const auto& j = rows[i];
      const Row r = RowOf(j);
      q << (i == first ? "" : ", ") << "(" << q.Bind(tenant) << ", " << q.Bind(key) << ", " << q.Bind(j.household_id)
        << ", " << q.Bind(j.village_code) << ", " << q.Bind(j.number) << ", " << q.Bind(int64_t{r.counted}) << ", "
        << q.Bind(int64_t{r.visited}) << ", " << q.Bind(int64_t{r.covered}) << ", " << q.Bind(r.persons) << ", "
        << q.Bind(r.seen) << ", " << q.Bind(r.with_reason) << ", " << q.Bind(r.not_seen) << ", "
        << (j.c.last_visit ? q.Bind(FormatDate(*j.c.last_visit)) : q.BindNull()) << ")";
    }
    Exec(sql, q);
  }
}

void SumVillages(soci::session& sql, int64_t tenant, const std::string& key) {
  Query q(
      "INSERT INTO coverage_villages (tenant_id, period_key, village_code, households, visited, covered, persons, seen, "
      "with_reason, not_seen, households_not_seen) SELECT tenant_id, period_key, village_code, COUNT(*), SUM(visited), "
      "SUM(covered), SUM(persons), SUM(seen), SUM(with_reason), SUM(not_seen), "
      "SUM(CASE WHEN not_seen > 0 THEN 1 ELSE 0 END) FROM coverage_households "
      "WHERE tenant_id = :t AND period_key = :k AND counted = 1 GROUP BY tenant_id, period_key, village_code");
  q.Set("t", tenant).Set("k", key);
  Exec(sql, q);
}

Row StoredRow(soci::session& sql, int64_t tenant, const std::string& key, int64_t household) {
  Query q(
      "SELECT village_code, counted, visited, covered, persons, seen, with_reason, not_seen FROM coverage_households "
      "WHERE tenant_id = :t AND period_key = :k AND household_id = :h");
  q.Set("t", tenant).Set("k", key).Set("h", household);
  Row out;
  if (auto r = FetchOne(sql, q)) {
    out.exists = true;
    out.village_code = r->Str("village_code");
    out.counted = r->Int("counted") != 0;
    out.visited = r->Int("visited") != 0;
    out.covered = r->Int("covered") != 0;
    out.persons = r->Int("persons");
    out.seen = r->Int("seen");
    out.with_reason = r->Int("with_reason");
    out.not_seen = r->Int("not_seen");
  }
  return out;
}

// Moves a village's sums by `sign` × a counted row: one upsert, so two writers of the same
// village adding its first row at once both count (an UPDATE-then-INSERT would collide).
void MoveVillage(soci::session& sql, int64_t tenant, const std::string& key, const Row& r, int sign) {
  if (!r.exists || !r.counted) return;
  const int64_t s = sign;
  Query q(
      "INSERT INTO coverage_villages (tenant_id, period_key, village_code, households, visited, covered, persons, seen, "
      "with_reason, not_seen, households_not_seen) VALUES (:t, :k, :vc, :h, :v, :c, :p, :s, :w, :n, :hn) "
      "ON CONFLICT (tenant_id, period_key, village_code) DO UPDATE SET "
      "households = coverage_villages.households + excluded.households, "
      "visited = coverage_villages.visited + excluded.visited, covered = coverage_villages.covered + excluded.covered, "
      "persons = coverage_villages.persons + excluded.persons, seen = coverage_villages.seen + excluded.seen, "
      "with_reason = coverage_villages.with_reason + excluded.with_reason, "
      "not_seen = coverage_villages.not_seen + excluded.not_seen, "
      "households_not_seen = coverage_villages.households_not_seen + excluded.households_not_seen");
  q.Set("t", tenant).Set("k", key).Set("vc", r.village_code).Set("h", s).Set("v", s * r.visited).Set("c", s * r.covered);
  q.Set("p", s * r.persons).Set("s", s * r.seen).Set("w", s * r.with_reason).Set("n", s * r.not_seen);
  q.Set("hn", s * (r.not_seen > 0 ? 1 : 0));
  Exec(sql, q);
}

// Judges one household in one built period and moves the sums by the difference. A household no
// longer active keeps a row that counts nothing.
void RejudgeInPeriod(soci::session& sql, int64_t tenant, const std::string& key, const Date& start, const Date& as_of,
                     int64_t household) {
  const Row before = StoredRow(sql, tenant, key, household);
  auto judged = Judge(sql, tenant, start, as_of, household);
  Row after;
  if (!judged.empty()) after = RowOf(judged.front());
  if (before.exists) {
    if (judged.empty()) {
      Query q("UPDATE coverage_households SET counted = 0 WHERE tenant_id = :t AND period_key = :k AND household_id = :h");
      q.Set("t", tenant).Set("k", key).Set("h", household);
      Exec(sql, q);
    } else {
      const auto& j = judged.front();
      Query q(
          "UPDATE coverage_households SET village_code = :vc, number = :num, counted = :counted, visited = :visited, "
          "covered = :covered, persons = :p, seen = :s, with_reason = :w, not_seen = :n, last_visit = :last "
          "WHERE tenant_id = :t AND period_key = :k AND household_id = :h");
      q.Set("vc", j.village_code).Set("num", j.number).Set("counted", int64_t{after.counted});
      q.Set("visited", int64_t{after.visited}).Set("covered", int64_t{after.covered}).Set("p", after.persons);
      q.Set("s", after.seen).Set("w", after.with_reason).Set("n", after.not_seen);
      if (j.c.last_visit) q.Set("last", FormatDate(*j.c.last_visit));
      else q.SetNull("last");
      q.Set("t", tenant).Set("k", key).Set("h", household);
      Exec(sql, q);
    }
  } else if (!judged.empty()) {
    InsertRows(sql, tenant, key, judged);
  }
  MoveVillage(sql, tenant, key, before, -1);
  MoveVillage(sql, tenant, key, after, +1);
}

struct Built {
  std::string key;
  Date start, end, judged_on;
};

std::vector<Built> BuiltPeriods(soci::session& sql, int64_t tenant, const std::string& key = "") {
  Query q("SELECT period_key, start_on, end_on, judged_on FROM coverage_periods WHERE tenant_id = :t");
  q.Set("t", tenant);
  if (!key.empty()) q << " AND period_key = " << q.Bind(key);
  std::vector<Built> out;
  for (const auto& r : Fetch(sql, q)) {
    auto s = ParseDate(r.Str("start_on")), e = ParseDate(r.Str("end_on")), j = ParseDate(r.Str("judged_on"));
    if (s && e && j) out.push_back({r.Str("period_key"), *s, *e, *j});
  }
  return out;
}

Date AsOf(const Date& end, const Date& today) { return std::min(end, today); }

void Build(soci::session& sql, int64_t tenant, const Date& start, const Date& end, const Date& today) {
  const std::string key = PeriodKey(start, end);
  const Date as_of = AsOf(end, today);
  InsertRows(sql, tenant, key, Judge(sql, tenant, start, as_of, std::nullopt));
  SumVillages(sql, tenant, key);
  Query q(
      "INSERT INTO coverage_periods (tenant_id, period_key, start_on, end_on, judged_on, built_at) "
      "VALUES (:t, :k, :s, :e, :j, :now)");
  q.Set("t", tenant).Set("k", key).Set("s", FormatDate(start)).Set("e", FormatDate(end)).Set("j", FormatDate(as_of));
  q.Set("now", NowUtc());
  Exec(sql, q);
}

// The judging day moved from b.judged_on to as_of: households with a member joining or leaving in
// between may answer differently; nothing else changes with the day (visits re-judge on write).
int64_t Freshen(soci::session& sql, int64_t tenant, const Built& b, const Date& as_of) {
  Query q(
      "SELECT DISTINCT household_id FROM persons WHERE tenant_id = :t AND ((joined_on > :from AND joined_on <= :to) "
      "OR (left_on > :from AND left_on <= :to))");
  q.Set("t", tenant).Set("from", FormatDate(b.judged_on)).Set("to", FormatDate(as_of));
  int64_t n = 0;
  for (const auto& r : Fetch(sql, q)) {
    RejudgeInPeriod(sql, tenant, b.key, b.start, as_of, r.Int("household_id"));
    ++n;
  }
  Query done("UPDATE coverage_periods SET judged_on = :j WHERE tenant_id = :t AND period_key = :k");
  done.Set("j", FormatDate(as_of)).Set("t", tenant).Set("k", b.key);
  Exec(sql, done);
  return n;
}

void Where(Query& q, const SummaryFilter& f, const std::string& key, std::string_view prefix) {
  const std::string p(prefix);
  q << " AND " << p << "period_key = " << q.Bind(key);
  ScopeFilter(q, f.scope, p + "tenant_id");
  registry::VillageFilter(q, f.villages, p + "village_code");
  if (!f.town.empty()) q << " AND " << p << "village_code LIKE " << q.Bind(f.town + "%");
  if (!f.village.empty()) q << " AND " << p << "village_code = " << q.Bind(f.village);
}

void StateWhere(Query& q, HouseholdState state) {
  q << " AND counted = 1";
  switch (state) {
    case HouseholdState::kCounted: break;
    case HouseholdState::kVisited: q << " AND visited = 1"; break;
    case HouseholdState::kNotVisited: q << " AND visited = 0"; break;
    case HouseholdState::kCovered: q << " AND covered = 1"; break;
    case HouseholdState::kNotCovered: q << " AND covered = 0"; break;
    case HouseholdState::kNotSeen: q << " AND not_seen > 0"; break;
    case HouseholdState::kHasReason: q << " AND with_reason > 0"; break;
    case HouseholdState::kHasSeen: q << " AND seen > 0"; break;
  }
}

// A tenant's coverage is built by one transaction at a time, and no writer re-judges a household
// while a period is being built (PostgreSQL; SQLite has one writer anyway). Without it a visit
// committed between the build's read of the visits and its commit would see no built period,
// skip its re-judging, and be missing from the built sums. Writers share the lock, the build
// holds it alone; both release it at commit. Each later statement of a READ COMMITTED
// transaction sees what the other committed.
constexpr int64_t kCoverageLockClass = 7001;
void LockCoverage(soci::session& sql, int64_t tenant, bool exclusive) {
  if (sql.get_backend_name() != "postgresql") return;
  Query q(exclusive ? "SELECT 1 AS locked FROM (SELECT pg_advisory_xact_lock(:k)) AS l"
                    : "SELECT 1 AS locked FROM (SELECT pg_advisory_xact_lock_shared(:k)) AS l");
  q.Set("k", (kCoverageLockClass << 32) | tenant);
  Fetch(sql, q);
}

}  // namespace

std::string PeriodKey(const Date& start, const Date& end) { return FormatDate(start) + ".." + FormatDate(end); }

std::vector<int64_t> StalePeriods(soci::session& sql, const std::vector<int64_t>& tenants, const Date& start,
                                  const Date& end, const Date& today) {
  std::map<int64_t, std::string> judged;
  Query q("SELECT tenant_id, judged_on FROM coverage_periods WHERE period_key = :k AND tenant_id IN (");
  q.Set("k", PeriodKey(start, end));
  for (size_t i = 0; i < tenants.size(); ++i) q << (i ? ", " : "") << q.Bind(tenants[i]);
  q << ")";
  if (tenants.empty()) return {};
  for (const auto& r : Fetch(sql, q)) judged[r.Int("tenant_id")] = r.Str("judged_on");
  const std::string as_of = FormatDate(AsOf(end, today));
  std::vector<int64_t> out;
  for (int64_t t : tenants)
    if (!judged.count(t) || judged[t] < as_of) out.push_back(t);
  return out;
}

int64_t EnsurePeriods(soci::session& sql, const std::vector<int64_t>& tenants, const Date& start, const Date& end,
                      const Date& today) {
  int64_t n = 0;
  const Date as_of = AsOf(end, today);
  for (int64_t t : StalePeriods(sql, tenants, start, end, today)) {
    LockCoverage(sql, t, true);
    // Another request may have built it while this one waited for the lock.
    auto built = BuiltPeriods(sql, t, PeriodKey(start, end));
    if (!built.empty() && FormatDate(built.front().judged_on) >= FormatDate(as_of)) continue;
    if (built.empty()) {
      Build(sql, t, start, end, today);
      Query c("SELECT COUNT(*) FROM coverage_households WHERE tenant_id = :t AND period_key = :k");
      c.Set("t", t).Set("k", PeriodKey(start, end));
      n += Scalar(sql, c);
    } else {
      n += Freshen(sql, t, built.front(), as_of);
    }
  }
  return n;
}

void InvalidateCoverage(soci::session& sql, int64_t tenant_id) {
  LockCoverage(sql, tenant_id, true);
  for (const char* table : {"coverage_households", "coverage_villages", "coverage_periods"}) {
    Query q(std::string("DELETE FROM ") + table + " WHERE tenant_id = :t");
    q.Set("t", tenant_id);
    Exec(sql, q);
  }
}

void RefreshHousehold(soci::session& sql, int64_t tenant_id, int64_t household_id, const Date& today) {
  // Two writers of one household (a visit synced while another is recorded) take turns here on
  // PostgreSQL: the second judges after the first committed, so neither's difference is lost.
  // SQLite's writers are one at a time already.
  if (sql.get_backend_name() == "postgresql") {
    LockCoverage(sql, tenant_id, false);
    Query lock("SELECT id FROM households WHERE tenant_id = :t AND id = :h FOR UPDATE");
    lock.Set("t", tenant_id).Set("h", household_id);
    platform::db::Fetch(sql, lock);
  }
  for (const auto& b : BuiltPeriods(sql, tenant_id)) {
    if (b.start > today) continue;
    RejudgeInPeriod(sql, tenant_id, b.key, b.start, AsOf(b.end, today), household_id);
  }
}

std::vector<VillageSums> SumsByVillage(soci::session& sql, const SummaryFilter& f, const Date& start, const Date& end) {
  Query q(
      "SELECT c.tenant_id, c.village_code, c.households, c.visited, c.covered, c.persons, c.seen, c.with_reason, "
      "c.not_seen, c.households_not_seen, d.name AS village_name FROM coverage_villages c "
      "LEFT JOIN divisions d ON d.code = c.village_code WHERE 1 = 1");
  Where(q, f, PeriodKey(start, end), "c.");
  q << " ORDER BY c.village_code, c.tenant_id";
  std::vector<VillageSums> out;
  for (const auto& r : Fetch(sql, q)) {
    VillageSums v;
    v.tenant_id = r.Int("tenant_id");
    v.village_code = r.Str("village_code");
    v.totals.households = r.Int("households");
    v.totals.visited = r.Int("visited");
    v.totals.covered = r.Int("covered");
    v.totals.persons = r.Int("persons");
    v.totals.seen = r.Int("seen");
    v.totals.with_reason = r.Int("with_reason");
    v.totals.not_seen = r.Int("not_seen");
    v.households_not_seen = r.Int("households_not_seen");
    v.village_name = r.Str("village_name");
    if (v.totals.households > 0) out.push_back(std::move(v));
  }
  return out;
}

int64_t CountHouseholds(const std::vector<VillageSums>& sums, HouseholdState state) {
  int64_t n = 0;
  for (const auto& v : sums) {
    const auto& t = v.totals;
    switch (state) {
      case HouseholdState::kCounted: n += t.households; break;
      case HouseholdState::kVisited: n += t.visited; break;
      case HouseholdState::kNotVisited: n += t.households - t.visited; break;
      case HouseholdState::kCovered: n += t.covered; break;
      case HouseholdState::kNotCovered: n += t.households - t.covered; break;
      case HouseholdState::kNotSeen: n += v.households_not_seen; break;
      case HouseholdState::kHasReason:
      case HouseholdState::kHasSeen: break;
    }
  }
  return n;
}

namespace {

std::vector<SummaryHousehold> ListOneQuery(soci::session& sql, const SummaryFilter& f, const std::string& key,
                                           HouseholdState state, int64_t offset, int64_t limit, bool descending) {
  Query q(
      "SELECT tenant_id, household_id, village_code, number, visited, covered, persons, seen, with_reason, not_seen, "
      "last_visit FROM coverage_households WHERE 1 = 1");
  Where(q, f, key, "");
  StateWhere(q, state);
  const char* dir = descending ? " DESC" : "";
  q << " ORDER BY tenant_id" << dir << ", village_code" << dir << ", number" << dir << ", household_id" << dir << " LIMIT " << q.Bind(limit) << " OFFSET " << q.Bind(offset);
  std::vector<SummaryHousehold> out;
  for (const auto& r : Fetch(sql, q)) {
    SummaryHousehold h;
    h.tenant_id = r.Int("tenant_id");
    h.household_id = r.Int("household_id");
    h.village_code = r.Str("village_code");
    h.number = r.Str("number");
    h.last_visit = r.Str("last_visit");
    h.visited = r.Int("visited") != 0;
    h.covered = r.Int("covered") != 0;
    h.persons = static_cast<int>(r.Int("persons"));
    h.seen = static_cast<int>(r.Int("seen"));
    h.with_reason = static_cast<int>(r.Int("with_reason"));
    h.not_seen = static_cast<int>(r.Int("not_seen"));
    out.push_back(std::move(h));
  }
  return out;
}

int64_t CountOne(soci::session& sql, const SummaryFilter& f, const std::string& key, HouseholdState state) {
  Query q("SELECT COUNT(*) FROM coverage_households WHERE 1 = 1");
  Where(q, f, key, "");
  StateWhere(q, state);
  return Scalar(sql, q);
}

}  // namespace

std::vector<SummaryHousehold> ListHouseholds(soci::session& sql, const SummaryFilter& f, const Date& start,
                                             const Date& end, HouseholdState state, int64_t offset, int64_t limit,
                                             bool descending) {
  const std::string key = PeriodKey(start, end);
  if (f.scope.tenants.size() <= 1) return ListOneQuery(sql, f, key, state, offset, limit, descending);
  // Many hospitals (a superior committee): the list is in hospital order, so each hospital is
  // read on its own, as one range of the list index. One query over all of them sorted every
  // matching household of the province to keep fifty (3 s for 40 counties).
  std::vector<int64_t> tenants = f.scope.tenants;
  std::sort(tenants.begin(), tenants.end());
  if (descending) std::reverse(tenants.begin(), tenants.end());
  std::vector<SummaryHousehold> out;
  SummaryFilter one = f;
  for (int64_t t : tenants) {
    if (static_cast<int64_t>(out.size()) >= limit) break;
    one.scope.tenants = {t};
    if (offset > 0) {
      const int64_t n = CountOne(sql, one, key, state);
      if (n <= offset) {
        offset -= n;
        continue;
      }
    }
    auto part = ListOneQuery(sql, one, key, state, offset, limit - static_cast<int64_t>(out.size()), descending);
    offset = 0;
    for (auto& h : part) out.push_back(std::move(h));
  }
  return out;
}

}  // namespace qizhi::health::outreach
