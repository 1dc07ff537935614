#include "party/org/store.hpp"

#include <nlohmann/json.hpp>

#include "platform/core/clock.hpp"
#include "platform/db/query.hpp"

namespace qizhi::party::org {
using platform::db::Exec;
using platform::db::Fetch;
using platform::db::FetchOne;
using platform::db::Query;
using platform::db::Row;
using platform::db::Scalar;
using platform::db::ScopeFilter;

namespace {

inline constexpr std::string_view kUnitColumns =
    "SELECT o.tenant_id, o.id, o.parent_id, o.name, o.kind, o.path, o.department, o.alliance_member, "
    "o.sort_order, o.version, o.ended_at, o.end_reason, t.name AS tenant_name "
    "FROM org_units o JOIN tenants t ON t.id = o.tenant_id WHERE 1 = 1";

Unit UnitFrom(const Row& r) {
  Unit u;
  u.tenant_id = r.Int("tenant_id");
  u.id = r.Int("id");
  u.parent_id = r.OptInt("parent_id");
  u.name = r.Str("name");
  u.kind = r.Str("kind");
  u.path = r.Str("path");
  u.department = r.Str("department");
  u.alliance_member = r.Str("alliance_member");
  u.sort_order = r.Int("sort_order");
  u.version = r.Int("version");
  u.ended_at = r.OptStr("ended_at");
  u.end_reason = r.Str("end_reason");
  u.tenant_name = r.Str("tenant_name");
  return u;
}

Committee CommitteeFrom(const Row& r) {
  Committee c;
  c.id = r.Int("id");
  c.unit_id = r.Int("unit_id");
  c.elected_on = r.Str("elected_on");
  c.term_years = r.Int("term_years");
  c.term_ends_on = r.Str("term_ends_on");
  c.members_json = r.Str("members_json");
  auto members = nlohmann::json::parse(c.members_json, nullptr, false);
  c.size = members.is_array() ? static_cast<int>(members.size()) : 0;
  c.note = r.Str("note");
  c.created_at = r.Str("created_at");
  c.superseded_at = r.OptStr("superseded_at");
  return c;
}

inline constexpr std::string_view kCommitteeColumns =
    "SELECT c.id, c.unit_id, c.elected_on, c.term_years, c.term_ends_on, c.members_json, c.note, c.created_at, "
    "c.superseded_at FROM org_committees c";

inline constexpr std::string_view kCurrentPartyPosts =
    "SELECT p.id AS post_id, p.unit_id, p.member_id, m.name, p.title, p.started_on, p.dual_id "
    "FROM member_posts p JOIN members m ON m.tenant_id = p.tenant_id AND m.id = p.member_id "
    "JOIN org_units o ON o.tenant_id = p.tenant_id AND o.id = p.unit_id "
    "WHERE p.kind = 'party' AND p.ended_on IS NULL";

HeldPost PostFrom(const Row& r) {
  return {r.Int("post_id"), r.Int("unit_id"),     r.Int("member_id"), r.Str("name"),
          r.Str("title"),   r.Str("started_on"), r.OptStr("dual_id")};
}

}  // namespace

std::vector<Unit> ListUnits(soci::session& sql, const Scope& scope, bool include_ended) {
  Query q(kUnitColumns);
  if (!include_ended) q << " AND o.ended_at IS NULL";
  ScopeFilter(q, scope, "o.tenant_id", "o.path");
  q << " ORDER BY o.tenant_id, o.path";
  std::vector<Unit> out;
  for (const auto& r : Fetch(sql, q)) out.push_back(UnitFrom(r));
  return out;
}

std::optional<Unit> FindUnit(soci::session& sql, const Scope& scope, int64_t id) {
  Query q(kUnitColumns);
  q << " AND o.id = " << q.Bind(id);
  ScopeFilter(q, scope, "o.tenant_id", "o.path");
  auto r = FetchOne(sql, q);
  if (!r) return std::nullopt;
  return UnitFrom(*r);
}

int64_t InsertUnit(soci::session& sql, const NewUnit& n) {
  std::string parent_path = "/";
  if (n.parent_id) {
    Query p("SELECT path FROM org_units WHERE tenant_id = :t AND id = :id");
    p.Set("t", n.tenant_id).Set("id", *n.parent_id);
    auto row = FetchOne(sql, p);
    if (row) parent_path = row->Str("path");
  }
  Query ins(
      "INSERT INTO org_units (tenant_id, parent_id, name, kind, path, department, alliance_member, sort_order, "
      "created_at) VALUES (:t, :parent, :name, :kind, '', :dept, :alliance, :sort, :now) RETURNING id");
  ins.Set("t", n.tenant_id).Set("name", n.name).Set("kind", n.kind).Set("sort", n.sort_order).Set("now", NowUtc());
  if (n.parent_id) ins.Set("parent", *n.parent_id);
  else ins.SetNull("parent");
  if (n.department.empty()) ins.SetNull("dept");
  else ins.Set("dept", n.department);
  if (n.alliance_member.empty()) ins.SetNull("alliance");
  else ins.Set("alliance", n.alliance_member);
  int64_t id = platform::db::InsertReturningId(sql, ins);
  Query upd("UPDATE org_units SET path = :path WHERE tenant_id = :t AND id = :id");
  upd.Set("path", parent_path + std::to_string(id) + "/").Set("t", n.tenant_id).Set("id", id);
  Exec(sql, upd);
  return id;
}

int64_t InsertUnit(soci::session& sql, int64_t tenant_id, std::optional<int64_t> parent_id, const std::string& name,
                   const std::string& kind) {
  NewUnit n;
  n.tenant_id = tenant_id;
  n.parent_id = parent_id;
  n.name = name;
  n.kind = kind;
  return InsertUnit(sql, n);
}

bool UpdateUnit(soci::session& sql, const Unit& u, int64_t expected_version) {
  Query q(
      "UPDATE org_units SET name = :name, department = :dept, alliance_member = :alliance, sort_order = :sort, "
      "version = version + 1 WHERE tenant_id = :t AND id = :id AND version = :v AND ended_at IS NULL");
  q.Set("name", u.name).Set("sort", u.sort_order).Set("t", u.tenant_id).Set("id", u.id).Set("v", expected_version);
  if (u.department.empty()) q.SetNull("dept");
  else q.Set("dept", u.department);
  if (u.alliance_member.empty()) q.SetNull("alliance");
  else q.Set("alliance", u.alliance_member);
  return Exec(sql, q) == 1;
}

void EndUnit(soci::session& sql, int64_t tenant_id, int64_t id, const std::string& reason) {
  Query q(
      "UPDATE org_units SET ended_at = :now, end_reason = :reason, version = version + 1 "
      "WHERE tenant_id = :t AND id = :id AND ended_at IS NULL");
  q.Set("now", NowUtc()).Set("reason", reason).Set("t", tenant_id).Set("id", id);
  Exec(sql, q);
}

bool SiblingNameTaken(soci::session& sql, int64_t tenant_id, std::optional<int64_t> parent_id, const std::string& name,
                      int64_t except_id) {
  Query q("SELECT COUNT(*) FROM org_units WHERE tenant_id = :t AND name = :name AND ended_at IS NULL AND id <> :id");
  q.Set("t", tenant_id).Set("name", name).Set("id", except_id);
  if (parent_id) q << " AND parent_id = " << q.Bind(*parent_id);
  else q << " AND parent_id IS NULL";
  return Scalar(sql, q) > 0;
}

int64_t CurrentChildCount(soci::session& sql, int64_t tenant_id, int64_t id) {
  Query q("SELECT COUNT(*) FROM org_units WHERE tenant_id = :t AND parent_id = :id AND ended_at IS NULL");
  q.Set("t", tenant_id).Set("id", id);
  return Scalar(sql, q);
}

std::map<int64_t, MemberCounts> DirectMemberCounts(soci::session& sql, const Scope& scope) {
  Query q(
      "SELECT m.unit_id, m.status, COUNT(*) AS n FROM members m WHERE m.state = 'active'");
  ScopeFilter(q, scope, "m.tenant_id", "m.unit_path");
  q << " GROUP BY m.unit_id, m.status";
  std::map<int64_t, MemberCounts> out;
  for (const auto& r : Fetch(sql, q)) {
    auto& c = out[r.Int("unit_id")];
    if (r.Str("status") == "正式") c.full += static_cast<int>(r.Int("n"));
    else c.probationary += static_cast<int>(r.Int("n"));
  }
  return out;
}

std::map<int64_t, Committee> CurrentCommittees(soci::session& sql, const Scope& scope) {
  Query q(kCommitteeColumns);
  q << " JOIN org_units o ON o.tenant_id = c.tenant_id AND o.id = c.unit_id WHERE c.superseded_at IS NULL";
  ScopeFilter(q, scope, "c.tenant_id", "o.path");
  std::map<int64_t, Committee> out;
  for (const auto& r : Fetch(sql, q)) {
    auto c = CommitteeFrom(r);
    out[c.unit_id] = c;
  }
  return out;
}

std::vector<Committee> CommitteesOf(soci::session& sql, int64_t tenant_id, int64_t unit_id) {
  Query q(kCommitteeColumns);
  q << " WHERE c.tenant_id = " << q.Bind(tenant_id) << " AND c.unit_id = " << q.Bind(unit_id)
    << " ORDER BY c.elected_on DESC, c.id DESC";
  std::vector<Committee> out;
  for (const auto& r : Fetch(sql, q)) out.push_back(CommitteeFrom(r));
  return out;
}

int64_t InsertCommittee(soci::session& sql, int64_t tenant_id, const Committee& c, int64_t user_id) {
  const std::string now = NowUtc();
  Query old("UPDATE org_committees SET superseded_at = :now WHERE tenant_id = :t AND unit_id = :u "
            "AND superseded_at IS NULL");
  old.Set("now", now).Set("t", tenant_id).Set("u", c.unit_id);
  Exec(sql, old);
  Query ins(
      "INSERT INTO org_committees (tenant_id, unit_id, elected_on, term_years, term_ends_on, members_json, note, "
      "created_at, created_by) VALUES (:t, :u, :elected, :years, :ends, :members, :note, :now, :by) RETURNING id");
  ins.Set("t", tenant_id)
      .Set("u", c.unit_id)
      .Set("elected", c.elected_on)
      .Set("years", c.term_years)
      .Set("ends", c.term_ends_on)
      .Set("members", c.members_json)
      .Set("now", now)
      .Set("by", user_id);
  if (c.note.empty()) ins.SetNull("note");
  else ins.Set("note", c.note);
  return platform::db::InsertReturningId(sql, ins);
}

std::vector<HeldPost> CurrentPartyPosts(soci::session& sql, const Scope& scope) {
  Query q(kCurrentPartyPosts);
  ScopeFilter(q, scope, "p.tenant_id", "o.path");
  std::vector<HeldPost> out;
  for (const auto& r : Fetch(sql, q)) out.push_back(PostFrom(r));
  return out;
}

std::vector<HeldPost> CurrentPartyPostsIn(soci::session& sql, int64_t tenant_id, int64_t unit_id) {
  Query q(kCurrentPartyPosts);
  q << " AND p.tenant_id = " << q.Bind(tenant_id) << " AND p.unit_id = " << q.Bind(unit_id)
    << " ORDER BY p.started_on, p.id";
  std::vector<HeldPost> out;
  for (const auto& r : Fetch(sql, q)) out.push_back(PostFrom(r));
  return out;
}

}  // namespace qizhi::party::org
