#include "party/integrity/store.hpp"

#include <nlohmann/json.hpp>

#include "platform/core/clock.hpp"
#include "platform/db/query.hpp"

namespace qizhi::party::integrity {
using platform::db::Exec;
using platform::db::Fetch;
using platform::db::FetchOne;
using platform::db::InsertReturningId;
using platform::db::Query;
using platform::db::Row;
using platform::db::Scalar;
using platform::db::ScopeFilter;

namespace {

inline constexpr std::string_view kClasses =
    "SELECT cls, keyword FROM integrity_post_classes WHERE tenant_id = :t AND superseded_at IS NULL ORDER BY id";
inline constexpr std::string_view kSupersedeClasses =
    "UPDATE integrity_post_classes SET superseded_at = :now WHERE tenant_id = :t AND superseded_at IS NULL";
inline constexpr std::string_view kInsertClass =
    "INSERT INTO integrity_post_classes (tenant_id, cls, keyword, created_at, created_by) VALUES (:t, :cls, :k, :now, :by)";
inline constexpr std::string_view kHeldPosts =
    "SELECT mp.member_id, mp.title, mp.department, mp.started_on, mp.ended_on, p.tenant_id, p.name, p.unit_id, "
    "p.unit_path, o.name AS unit_name FROM member_posts mp "
    "JOIN members p ON p.tenant_id = mp.tenant_id AND p.id = mp.member_id "
    "JOIN org_units o ON o.tenant_id = p.tenant_id AND o.id = p.unit_id "
    "WHERE mp.kind = 'hospital' AND p.state = 'active' AND mp.tenant_id = :t AND mp.started_on <= :last "
    "AND (mp.ended_on IS NULL OR mp.ended_on = '' OR mp.ended_on >= :first)";
inline constexpr std::string_view kPledgeColumns =
    "SELECT g.tenant_id, g.id, g.member_id, p.name AS member_name, g.unit_path, o.name AS unit_name, g.year, g.signed_on, "
    "g.cls, g.posts, g.created_at, cu.name AS created_by_name, g.voided_at, g.void_reason, vu.name AS voided_by_name "
    "FROM integrity_pledges g JOIN members p ON p.tenant_id = g.tenant_id AND p.id = g.member_id "
    "JOIN org_units o ON o.tenant_id = p.tenant_id AND o.id = p.unit_id "
    "LEFT JOIN users cu ON cu.tenant_id = g.tenant_id AND cu.id = g.created_by "
    "LEFT JOIN users vu ON vu.tenant_id = g.tenant_id AND vu.id = g.voided_by WHERE 1 = 1";
inline constexpr std::string_view kInsertPledge =
    "INSERT INTO integrity_pledges (tenant_id, member_id, unit_path, year, signed_on, cls, posts, created_at, created_by) "
    "VALUES (:t, :m, :path, :y, :on, :cls, :posts, :now, :by) RETURNING id";
inline constexpr std::string_view kVoidPledge =
    "UPDATE integrity_pledges SET voided_at = :now, voided_by = :by, void_reason = :reason "
    "WHERE tenant_id = :t AND id = :id AND voided_at IS NULL";
inline constexpr std::string_view kCheckColumns =
    "SELECT c.tenant_id, c.id, c.member_id, p.name AS member_name, c.unit_path, o.name AS unit_name, c.period, "
    "c.checked_on, c.answers_json, c.issues, c.status, c.version, c.created_at, cu.name AS created_by_name, c.superseded_at";
inline constexpr std::string_view kCheckFrom =
    " FROM integrity_self_checks c JOIN members p ON p.tenant_id = c.tenant_id AND p.id = c.member_id "
    "JOIN org_units o ON o.tenant_id = p.tenant_id AND o.id = p.unit_id "
    "LEFT JOIN users cu ON cu.tenant_id = c.tenant_id AND cu.id = c.created_by WHERE 1 = 1";
inline constexpr std::string_view kCurrentVersion =
    "SELECT id, version FROM integrity_self_checks WHERE tenant_id = :t AND member_id = :m AND period = :p "
    "AND superseded_at IS NULL";
inline constexpr std::string_view kSupersedeCheck =
    "UPDATE integrity_self_checks SET superseded_at = :now WHERE tenant_id = :t AND id = :id";
inline constexpr std::string_view kInsertCheck =
    "INSERT INTO integrity_self_checks (tenant_id, member_id, unit_path, period, checked_on, answers_json, issues, status, "
    "version, created_at, created_by) VALUES (:t, :m, :path, :p, :on, :answers, :issues, :status, :v, :now, :by) "
    "RETURNING id";

Pledge PledgeFrom(const Row& r) {
  Pledge g;
  g.tenant_id = r.Int("tenant_id");
  g.id = r.Int("id");
  g.member_id = r.Int("member_id");
  g.member_name = r.Str("member_name");
  g.unit_path = r.Str("unit_path");
  g.unit_name = r.Str("unit_name");
  g.year = static_cast<int>(r.Int("year"));
  g.signed_on = r.Str("signed_on");
  g.cls = r.Str("cls");
  g.posts = r.Str("posts");
  g.created_at = r.Str("created_at");
  g.created_by_name = r.Str("created_by_name");
  g.voided_at = r.Str("voided_at");
  g.void_reason = r.Str("void_reason");
  g.voided_by_name = r.Str("voided_by_name");
  return g;
}

std::string AnswersJson(const std::vector<Answer>& answers) {
  nlohmann::json a = nlohmann::json::array();
  for (const auto& x : answers)
    a.push_back({{"item", x.item}, {"found", x.found}, {"issue", x.issue}, {"measures", x.measures}, {"due_on", x.due_on},
                 {"done_on", x.done_on}});
  return a.dump();
}

std::vector<Answer> AnswersFrom(const std::string& text) {
  std::vector<Answer> out;
  const auto a = nlohmann::json::parse(text, nullptr, false);
  if (!a.is_array()) return out;
  for (const auto& x : a)
    out.push_back({x.value("item", 0), x.value("found", false), x.value("issue", ""), x.value("measures", ""),
                   x.value("due_on", ""), x.value("done_on", "")});
  return out;
}

SelfCheck CheckFrom(const Row& r) {
  SelfCheck c;
  c.tenant_id = r.Int("tenant_id");
  c.id = r.Int("id");
  c.member_id = r.Int("member_id");
  c.member_name = r.Str("member_name");
  c.unit_path = r.Str("unit_path");
  c.unit_name = r.Str("unit_name");
  c.period = r.Str("period");
  c.checked_on = r.Str("checked_on");
  c.answers = AnswersFrom(r.Str("answers_json"));
  c.issues = static_cast<int>(r.Int("issues"));
  c.status = r.Str("status");
  c.version = r.Int("version");
  c.created_at = r.Str("created_at");
  c.created_by_name = r.Str("created_by_name");
  c.superseded_at = r.Str("superseded_at");
  return c;
}

void CheckWhere(Query& q, const Scope& scope, const SelfCheckFilter& f) {
  q << " AND c.superseded_at IS NULL";
  ScopeFilter(q, scope, "c.tenant_id", "c.unit_path");
  if (!f.period.empty()) q << " AND c.period = " << q.Bind(f.period);
  if (!f.year.empty()) q << " AND c.period LIKE " << q.Bind(f.year + "%");
  if (f.org_path) q << " AND c.unit_path LIKE " << q.Bind(*f.org_path + "%");
  if (!f.q.empty()) q << " AND p.name LIKE " << q.Bind(platform::db::ContainsPattern(f.q)) << " ESCAPE '\\'";
  if (f.issues_only) q << " AND c.issues > 0";
  if (!f.status.empty()) q << " AND c.status = " << q.Bind(f.status);
}

}  // namespace

ClassSet PostClasses(soci::session& sql, int64_t tenant_id) {
  Query q(kClasses);
  q.Set("t", tenant_id);
  ClassSet out;
  for (const auto& r : Fetch(sql, q)) out.classes.push_back({r.Str("cls"), r.Str("keyword")});
  out.stored = !out.classes.empty();
  if (!out.stored) out.classes = DefaultPostClasses();
  return out;
}

void ReplacePostClasses(soci::session& sql, int64_t tenant_id, const std::vector<PostClass>& classes, int64_t user_id) {
  const std::string now = NowUtc();
  Query old(kSupersedeClasses);
  old.Set("now", now).Set("t", tenant_id);
  Exec(sql, old);
  for (const auto& c : classes) {
    Query q(kInsertClass);
    q.Set("t", tenant_id).Set("cls", c.cls).Set("k", c.keyword).Set("now", now).Set("by", user_id);
    Exec(sql, q);
  }
}

PostsOfYear HeldPostsOfYear(soci::session& sql, const Scope& scope, int64_t tenant_id,
                            const std::optional<std::string>& org_path, int year) {
  Query q(kHeldPosts);
  q.Set("t", tenant_id).Set("first", std::to_string(year) + "-01-01").Set("last", std::to_string(year) + "-12-31");
  ScopeFilter(q, scope, "p.tenant_id", "p.unit_path");
  if (org_path) q << " AND p.unit_path LIKE " << q.Bind(*org_path + "%");
  q << " ORDER BY mp.member_id, mp.started_on, mp.id";
  PostsOfYear out;
  for (const auto& r : Fetch(sql, q)) {
    out.posts.push_back({r.Int("member_id"), r.Str("title"), r.Str("department"), r.Str("started_on"), r.Str("ended_on")});
    out.members[r.Int("member_id")] = {r.Int("tenant_id"), r.Int("member_id"), r.Str("name"), r.Int("unit_id"),
                                       r.Str("unit_path"), r.Str("unit_name")};
  }
  return out;
}

int64_t InsertPledge(soci::session& sql, const Pledge& p, int64_t user_id) {
  Query q(kInsertPledge);
  q.Set("t", p.tenant_id).Set("m", p.member_id).Set("path", p.unit_path).Set("y", int64_t{p.year}).Set("on", p.signed_on);
  q.Set("cls", p.cls).Set("posts", p.posts).Set("now", NowUtc()).Set("by", user_id);
  return InsertReturningId(sql, q);
}

std::optional<Pledge> FindPledge(soci::session& sql, const Scope& scope, int64_t id) {
  Query q(kPledgeColumns);
  q << " AND g.id = " << q.Bind(id);
  ScopeFilter(q, scope, "g.tenant_id", "g.unit_path");
  auto r = FetchOne(sql, q);
  if (!r) return std::nullopt;
  return PledgeFrom(*r);
}

std::map<int64_t, Pledge> PledgesInForce(soci::session& sql, const Scope& scope, int64_t tenant_id, int year) {
  Query q(kPledgeColumns);
  q << " AND g.voided_at IS NULL AND g.tenant_id = " << q.Bind(tenant_id) << " AND g.year = " << q.Bind(int64_t{year});
  ScopeFilter(q, scope, "p.tenant_id", "p.unit_path");
  std::map<int64_t, Pledge> out;
  for (const auto& r : Fetch(sql, q)) {
    Pledge g = PledgeFrom(r);
    out.emplace(g.member_id, std::move(g));
  }
  return out;
}

bool VoidPledge(soci::session& sql, int64_t tenant_id, int64_t id, int64_t user_id, const std::string& reason) {
  Query q(kVoidPledge);
  q.Set("now", NowUtc()).Set("by", user_id).Set("reason", reason).Set("t", tenant_id).Set("id", id);
  return Exec(sql, q) == 1;
}

int64_t InsertSelfCheck(soci::session& sql, SelfCheck& c, int64_t user_id) {
  Query cur(kCurrentVersion);
  cur.Set("t", c.tenant_id).Set("m", c.member_id).Set("p", c.period);
  c.version = 1;
  if (auto r = FetchOne(sql, cur)) {
    Query old(kSupersedeCheck);
    old.Set("now", NowUtc()).Set("t", c.tenant_id).Set("id", r->Int("id"));
    Exec(sql, old);
    c.version = r->Int("version") + 1;
  }
  Query q(kInsertCheck);
  q.Set("t", c.tenant_id).Set("m", c.member_id).Set("path", c.unit_path).Set("p", c.period).Set("on", c.checked_on);
  q.Set("answers", AnswersJson(c.answers)).Set("issues", int64_t{c.issues}).Set("status", c.status).Set("v", c.version);
  q.Set("now", NowUtc()).Set("by", user_id);
  c.id = InsertReturningId(sql, q);
  return c.id;
}

std::optional<SelfCheck> FindSelfCheck(soci::session& sql, const Scope& scope, int64_t id) {
  Query q(std::string(kCheckColumns) + std::string(kCheckFrom));
  q << " AND c.id = " << q.Bind(id);
  ScopeFilter(q, scope, "c.tenant_id", "c.unit_path");
  auto r = FetchOne(sql, q);
  if (!r) return std::nullopt;
  return CheckFrom(*r);
}

std::vector<SelfCheck> SelfCheckVersions(soci::session& sql, int64_t tenant_id, int64_t member_id, const std::string& period) {
  Query q(std::string(kCheckColumns) + std::string(kCheckFrom));
  q << " AND c.tenant_id = " << q.Bind(tenant_id) << " AND c.member_id = " << q.Bind(member_id)
    << " AND c.period = " << q.Bind(period) << " ORDER BY c.version DESC";
  std::vector<SelfCheck> out;
  for (const auto& r : Fetch(sql, q)) out.push_back(CheckFrom(r));
  return out;
}

int64_t CountSelfChecks(soci::session& sql, const Scope& scope, const SelfCheckFilter& f) {
  Query q("SELECT COUNT(*)" + std::string(kCheckFrom));
  CheckWhere(q, scope, f);
  return Scalar(sql, q);
}

std::vector<SelfCheck> ListSelfChecks(soci::session& sql, const Scope& scope, const SelfCheckFilter& f, const std::string& sort,
                                      bool desc, int64_t offset, int64_t limit) {
  Query q(std::string(kCheckColumns) + std::string(kCheckFrom));
  CheckWhere(q, scope, f);
  const std::string dir = desc ? " DESC" : "";
  if (sort == "name") q << " ORDER BY p.name" << dir << ", c.id";
  else if (sort == "issues") q << " ORDER BY c.issues" << dir << ", c.id";
  else if (sort == "period") q << " ORDER BY c.period" << dir << ", c.id";
  else q << " ORDER BY c.checked_on" << dir << ", c.id" << dir;
  q << " LIMIT " << q.Bind(limit) << " OFFSET " << q.Bind(offset);
  std::vector<SelfCheck> out;
  for (const auto& r : Fetch(sql, q)) out.push_back(CheckFrom(r));
  return out;
}

}  // namespace qizhi::party::integrity
