#include "party/members/store.hpp"

#include <map>

#include "platform/core/clock.hpp"
#include "platform/db/query.hpp"

namespace qizhi::party::members {
using platform::db::Exec;
using platform::db::Fetch;
using platform::db::FetchOne;
using platform::db::InsertReturningId;
using platform::db::Query;
using platform::db::Row;
using platform::db::Scalar;
using platform::db::ScopeFilter;

namespace {

inline constexpr std::string_view kMemberColumns =
    "SELECT m.tenant_id, m.id, o.id AS unit_id, o.path AS unit_path, o.name AS unit_name, m.name, m.sex, m.id_enc, "
    "m.id_bidx, m.id_mask, m.birth_date, m.ethnicity, m.native_place, m.education, m.category, m.job, m.phone_enc, "
    "m.phone_bidx, m.phone_mask, m.status, m.joined_on, m.full_on, m.hardship, m.hardship_note, m.flowing, "
    "m.flow_to, m.flow_since, m.state, m.left_on, m.left_kind, m.left_reason, m.version";

// The record as of its unit of record (m.unit_id): for finding one member.
inline constexpr std::string_view kMemberOfRecord =
    " FROM members m JOIN org_units o ON o.tenant_id = m.tenant_id AND o.id = m.unit_id WHERE 1 = 1";

MemberRecord MemberFrom(const Row& r) {
  MemberRecord m;
  m.tenant_id = r.Int("tenant_id");
  m.id = r.Int("id");
  m.unit_id = r.Int("unit_id");
  m.unit_path = r.Str("unit_path");
  m.unit_name = r.Str("unit_name");
  m.name = r.Str("name");
  m.sex = r.Str("sex");
  m.id_enc = r.Str("id_enc");
  m.id_bidx = r.Str("id_bidx");
  m.id_mask = r.Str("id_mask");
  m.birth_date = r.Str("birth_date");
  m.ethnicity = r.Str("ethnicity");
  m.native_place = r.Str("native_place");
  m.education = r.Str("education");
  m.category = r.Str("category");
  m.job = r.Str("job");
  m.phone_enc = r.Str("phone_enc");
  m.phone_bidx = r.Str("phone_bidx");
  m.phone_mask = r.Str("phone_mask");
  m.status = r.Str("status");
  m.joined_on = r.Str("joined_on");
  m.full_on = r.Str("full_on");
  m.hardship = r.Int("hardship") != 0;
  m.hardship_note = r.Str("hardship_note");
  m.flowing = r.Int("flowing") != 0;
  m.flow_to = r.Str("flow_to");
  m.flow_since = r.Str("flow_since");
  m.state = r.Str("state");
  m.left_on = r.Str("left_on");
  m.left_kind = r.Str("left_kind");
  m.left_reason = r.Str("left_reason");
  m.version = r.Int("version");
  return m;
}


// The basic information's parameters, named alike in the INSERT and the UPDATE.
void SetBasic(Query& q, const MemberRecord& m) {
  q.Set("name", m.name)
      .Set("sex", m.sex)
      .Set("id_enc", m.id_enc)
      .Set("id_bidx", m.id_bidx)
      .Set("id_mask", m.id_mask)
      .Set("birth", m.birth_date)
      .Set("ethnicity", m.ethnicity)
      .Set("education", m.education)
      .Set("category", m.category)
      .Set("status", m.status)
      .Set("joined", m.joined_on)
      .Set("hardship", m.hardship ? 1 : 0)
      .Set("flowing", m.flowing ? 1 : 0);
  q.SetTextOrNull("native", m.native_place);
  q.SetTextOrNull("job", m.job);
  q.SetTextOrNull("phone_enc", m.phone_enc);
  q.SetTextOrNull("phone_bidx", m.phone_bidx);
  q.SetTextOrNull("phone_mask", m.phone_mask);
  q.SetTextOrNull("full", m.full_on);
  q.SetTextOrNull("hardship_note", m.hardship_note);
  q.SetTextOrNull("flow_to", m.flow_to);
  q.SetTextOrNull("flow_since", m.flow_since);
}

// FROM … WHERE … for a filter: the one place a member list and a member figure are defined.
void AppendFilter(Query& q, const Scope& scope, const MemberFilter& f, bool counting) {
  const std::string as_of = f.as_of.empty() ? TodayShanghai() : f.as_of;
  const bool current = !f.left && as_of >= TodayShanghai();
  if (current) {
    // Today's roll is the members' current state: one indexed range over members, no history
    // join. The same people as the as-of query below for today (periods end on the day a
    // member leaves or moves; no period starts after today).
    // A count needs nothing from the unit row: it runs on the covering index ix_members_count.
    if (counting) q << " FROM members m WHERE m.state = 'active'";
    else q << " FROM members m JOIN org_units o ON o.tenant_id = m.tenant_id AND o.id = m.unit_id WHERE m.state = 'active'";
    if (f.status == "正式") q << " AND m.full_on IS NOT NULL AND m.full_on <= " << q.Bind(as_of);
    else if (f.status == "预备") q << " AND (m.full_on IS NULL OR m.full_on > " << q.Bind(as_of) << ")";
  } else if (!f.left) {
    // On the roll of a unit that day: the unit period covers it (a transfer's day belongs to
    // the new unit), and status follows the dates.
    // Each use binds afresh: a placeholder named twice is not portable across SOCI backends.
    q << " FROM members m JOIN member_units mu ON mu.tenant_id = m.tenant_id AND mu.member_id = m.id"
      << " AND mu.started_on <= " << q.Bind(as_of) << " AND (mu.ended_on IS NULL OR mu.ended_on > " << q.Bind(as_of)
      << ") JOIN org_units o ON o.tenant_id = mu.tenant_id AND o.id = mu.unit_id WHERE m.joined_on <= "
      << q.Bind(as_of);
    if (f.status == "正式") q << " AND m.full_on IS NOT NULL AND m.full_on <= " << q.Bind(as_of);
    else if (f.status == "预备") q << " AND (m.full_on IS NULL OR m.full_on > " << q.Bind(as_of) << ")";
  } else {
    q << " FROM members m JOIN org_units o ON o.tenant_id = m.tenant_id AND o.id = m.unit_id"
      << " WHERE m.state = 'left' AND m.left_on <= " << q.Bind(as_of);
    if (!f.left_from.empty()) q << " AND m.left_on >= " << q.Bind(f.left_from);
    if (!f.status.empty()) q << " AND m.status = " << q.Bind(f.status);
  }
  // On today's roll the member's own copy of the path serves the index (tenant, state, path, name).
  const char* path = current ? "m.unit_path" : "o.path";
  ScopeFilter(q, scope, "m.tenant_id", path);
  if (f.org_path) q << " AND " << path << " LIKE " << q.Bind(*f.org_path + "%");
  if (f.direct_unit) q << " AND " << (current ? "m.unit_id" : "o.id") << " = " << q.Bind(*f.direct_unit);
  if (f.birth_between)
    q << " AND m.birth_date >= " << q.Bind(f.birth_between->first) << " AND m.birth_date <= "
      << q.Bind(f.birth_between->second);
  if (!f.post.empty()) {
    q << " AND EXISTS (SELECT 1 FROM member_posts p WHERE p.tenant_id = m.tenant_id AND p.member_id = m.id"
      << " AND p.kind = 'party' AND p.started_on <= " << q.Bind(as_of) << " AND (p.ended_on IS NULL OR p.ended_on > "
      << q.Bind(as_of) << ")";
    if (f.post != "any") q << " AND p.title = " << q.Bind(f.post);
    q << ")";
  }
  if (!f.sex.empty()) q << " AND m.sex = " << q.Bind(f.sex);
  if (!f.education.empty()) q << " AND m.education = " << q.Bind(f.education);
  if (!f.category.empty()) q << " AND m.category = " << q.Bind(f.category);
  if (f.hardship) q << " AND m.hardship = 1";
  if (f.flowing) q << " AND m.flowing = 1";
  if (!f.name_contains.empty())
    q << " AND m.name LIKE " << q.Bind(platform::db::ContainsPattern(f.name_contains)) << " ESCAPE '\\'";
  if (!f.id_bidx.empty()) q << " AND m.id_bidx = " << q.Bind(f.id_bidx);
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

int64_t CountMembers(soci::session& sql, const Scope& scope, const MemberFilter& f) {
  Query q("SELECT COUNT(*)");
  AppendFilter(q, scope, f, true);
  return Scalar(sql, q);
}

std::vector<MemberRow> ListMembers(soci::session& sql, const Scope& scope, const MemberFilter& f, const ListOrder& order,
                                   int64_t offset, int64_t limit) {
  Query q(kMemberColumns);
  AppendFilter(q, scope, f, false);
  const char* dir = order.desc ? " DESC" : "";
  if (order.field == "name") q << " ORDER BY m.name" << dir << ", m.id";
  else if (order.field == "joined_on") q << " ORDER BY m.joined_on" << dir << ", m.id";
  else if (order.field == "birth_date") q << " ORDER BY m.birth_date" << dir << ", m.id";
  else if (order.field == "id") q << " ORDER BY m.id" << dir;
  else if (f.left || (!f.as_of.empty() && f.as_of < TodayShanghai())) q << " ORDER BY o.path" << dir << ", m.name" << dir << ", m.id";
  else q << " ORDER BY m.unit_path" << dir << ", m.name" << dir << ", m.id" << dir;
  q << " LIMIT " << q.Bind(limit) << " OFFSET " << q.Bind(offset);
  std::vector<MemberRow> rows;
  std::map<int64_t, size_t> at;
  std::vector<int64_t> ids;
  for (const auto& r : Fetch(sql, q)) {
    at[r.Int("id")] = rows.size();
    ids.push_back(r.Int("id"));
    rows.push_back({MemberFrom(r), {}, {}});
  }
  if (ids.empty()) return rows;
  // Posts of the page in one query, not one per member.
  const std::string as_of = f.as_of.empty() ? TodayShanghai() : f.as_of;
  Query p("SELECT p.member_id, p.kind, p.title FROM member_posts p WHERE 1 = 1");
  ScopeFilter(p, scope, "p.tenant_id");
  p << " AND p.member_id IN " << InList(p, ids) << " AND p.started_on <= " << p.Bind(as_of)
    << " AND (p.ended_on IS NULL OR p.ended_on > " << p.Bind(as_of) << ") ORDER BY p.started_on, p.id";
  for (const auto& r : Fetch(sql, p)) {
    auto& row = rows[at[r.Int("member_id")]];
    (r.Str("kind") == "party" ? row.party_posts : row.hospital_posts).push_back(r.Str("title"));
  }
  return rows;
}

std::optional<MemberRecord> FindMember(soci::session& sql, const Scope& scope, int64_t id) {
  Query q(kMemberColumns);
  q << kMemberOfRecord << " AND m.id = " << q.Bind(id);
  ScopeFilter(q, scope, "m.tenant_id", "o.path");
  auto r = FetchOne(sql, q);
  if (!r) return std::nullopt;
  return MemberFrom(*r);
}

std::optional<MemberRecord> FindByIdNumber(soci::session& sql, int64_t tenant_id, const std::string& id_bidx) {
  Query q(kMemberColumns);
  q << kMemberOfRecord << " AND m.tenant_id = " << q.Bind(tenant_id) << " AND m.id_bidx = " << q.Bind(id_bidx);
  auto r = FetchOne(sql, q);
  if (!r) return std::nullopt;
  return MemberFrom(*r);
}

std::vector<MemberRecord> FindByIdNumbers(soci::session& sql, int64_t tenant_id, const std::vector<std::string>& bidx) {
  std::vector<MemberRecord> out;
  // In slices: SQLite allows 32,766 parameters, and smaller statements plan faster anyway.
  constexpr size_t kSlice = 500;
  for (size_t start = 0; start < bidx.size(); start += kSlice) {
    Query q(kMemberColumns);
    q << kMemberOfRecord << " AND m.tenant_id = " << q.Bind(tenant_id) << " AND m.id_bidx IN (";
    for (size_t i = start; i < std::min(bidx.size(), start + kSlice); ++i) {
      if (i > start) q << ", ";
      q << q.Bind(bidx[i]);
    }
    q << ")";
    for (const auto& r : Fetch(sql, q)) out.push_back(MemberFrom(r));
  }
  return out;
}

int64_t InsertMember(soci::session& sql, const MemberRecord& m, const std::string& unit_since,
                     const std::string& start_kind, int64_t user_id) {
  const std::string now = NowUtc();
  Query path("SELECT path FROM org_units WHERE tenant_id = :t AND id = :id");
  path.Set("t", m.tenant_id).Set("id", m.unit_id);
  auto unit = FetchOne(sql, path);
  Query q(
      "INSERT INTO members (tenant_id, unit_id, unit_path, name, sex, id_enc, id_bidx, id_mask, birth_date, "
      "ethnicity, native_place, education, category, job, phone_enc, phone_bidx, phone_mask, status, joined_on, "
      "full_on, hardship, hardship_note, flowing, flow_to, flow_since, state, created_at, updated_at) VALUES (:t, "
      ":unit, :path, :name, :sex, :id_enc, :id_bidx, :id_mask, :birth, :ethnicity, :native, :education, :category, "
      ":job, :phone_enc, :phone_bidx, :phone_mask, :status, :joined, :full, :hardship, :hardship_note, :flowing, "
      ":flow_to, :flow_since, 'active', :now, :now2) RETURNING id");
  q.Set("t", m.tenant_id)
      .Set("unit", m.unit_id)
      .Set("path", unit ? unit->Str("path") : std::string("/"))
      .Set("now", now)
      .Set("now2", now);
  SetBasic(q, m);
  int64_t id = InsertReturningId(sql, q);

  Query period(
      "INSERT INTO member_units (tenant_id, member_id, unit_id, started_on, start_kind) VALUES (:t, :m, :u, :on, "
      ":kind)");
  period.Set("t", m.tenant_id).Set("m", id).Set("u", m.unit_id).Set("on", unit_since).Set("kind", start_kind);
  Exec(sql, period);
  AddStatusHistory(sql, m.tenant_id, id, "预备", m.joined_on, "", user_id);
  if (m.status == "正式") AddStatusHistory(sql, m.tenant_id, id, "正式", m.full_on, "", user_id);
  return id;
}

bool UpdateMember(soci::session& sql, const MemberRecord& m, int64_t expected_version) {
  Query q(
      "UPDATE members SET name = :name, sex = :sex, id_enc = :id_enc, id_bidx = :id_bidx, id_mask = :id_mask, "
      "birth_date = :birth, ethnicity = :ethnicity, native_place = :native, education = :education, category = "
      ":category, job = :job, phone_enc = :phone_enc, phone_bidx = :phone_bidx, phone_mask = :phone_mask, status = "
      ":status, joined_on = :joined, full_on = :full, hardship = :hardship, hardship_note = :hardship_note, flowing = "
      ":flowing, flow_to = :flow_to, flow_since = :flow_since, updated_at = :now, version = version + 1 "
      "WHERE tenant_id = :t AND id = :id AND version = :v AND state = 'active'");
  q.Set("now", NowUtc()).Set("t", m.tenant_id).Set("id", m.id).Set("v", expected_version);
  SetBasic(q, m);
  return Exec(sql, q) == 1;
}

void AddStatusHistory(soci::session& sql, int64_t tenant_id, int64_t member_id, const std::string& status,
                      const std::string& since, const std::string& note, int64_t user_id) {
  Query q(
      "INSERT INTO member_status_history (tenant_id, member_id, status, since, note, created_at, created_by) VALUES "
      "(:t, :m, :status, :since, :note, :now, :by)");
  q.Set("t", tenant_id).Set("m", member_id).Set("status", status).Set("since", since).Set("now", NowUtc());
  q.SetTextOrNull("note", note);
  if (user_id) q.Set("by", user_id);
  else q.SetNull("by");
  Exec(sql, q);
}

std::vector<Post> PostsOf(soci::session& sql, int64_t tenant_id, int64_t member_id) {
  Query q(
      "SELECT p.id, p.member_id, p.kind, p.title, p.unit_id, o.name AS unit_name, p.department, p.started_on, "
      "p.ended_on, p.appoint_doc, p.end_doc, p.end_reason, p.dual_id FROM member_posts p "
      "LEFT JOIN org_units o ON o.tenant_id = p.tenant_id AND o.id = p.unit_id "
      "WHERE p.tenant_id = :t AND p.member_id = :m ORDER BY p.started_on DESC, p.id DESC");
  q.Set("t", tenant_id).Set("m", member_id);
  std::vector<Post> out;
  for (const auto& r : Fetch(sql, q))
    out.push_back({r.Int("id"), r.Int("member_id"), r.Str("kind"), r.Str("title"), r.OptInt("unit_id"),
                   r.Str("unit_name"), r.Str("department"), r.Str("started_on"), r.OptStr("ended_on"),
                   r.Str("appoint_doc"), r.Str("end_doc"), r.Str("end_reason"), r.OptStr("dual_id")});
  return out;
}

int64_t InsertPost(soci::session& sql, int64_t tenant_id, const Post& p, int64_t user_id) {
  Query q(
      "INSERT INTO member_posts (tenant_id, member_id, kind, title, unit_id, department, started_on, appoint_doc, "
      "dual_id, created_at, created_by) VALUES (:t, :m, :kind, :title, :unit, :dept, :started, :doc, :dual, :now, "
      ":by) RETURNING id");
  q.Set("t", tenant_id)
      .Set("m", p.member_id)
      .Set("kind", p.kind)
      .Set("title", p.title)
      .Set("started", p.started_on)
      .Set("now", NowUtc())
      .Set("by", user_id);
  if (p.unit_id) q.Set("unit", *p.unit_id);
  else q.SetNull("unit");
  q.SetTextOrNull("dept", p.department);
  q.SetTextOrNull("doc", p.appoint_doc);
  q.SetOptional("dual", p.dual_id);
  return InsertReturningId(sql, q);
}

void EndPost(soci::session& sql, int64_t tenant_id, int64_t post_id, const std::string& ended_on,
             const std::string& end_doc, const std::string& end_reason) {
  Query q(
      "UPDATE member_posts SET ended_on = :on, end_doc = :doc, end_reason = :reason WHERE tenant_id = :t AND id = "
      ":id AND ended_on IS NULL");
  q.Set("on", ended_on).Set("t", tenant_id).Set("id", post_id);
  q.SetTextOrNull("doc", end_doc);
  q.SetTextOrNull("reason", end_reason);
  Exec(sql, q);
}

std::vector<Reward> RewardsOf(soci::session& sql, int64_t tenant_id, int64_t member_id) {
  Query q(
      "SELECT id, kind, title, decided_on, authority, note FROM member_rewards WHERE tenant_id = :t AND member_id = "
      ":m ORDER BY decided_on DESC, id DESC");
  q.Set("t", tenant_id).Set("m", member_id);
  std::vector<Reward> out;
  for (const auto& r : Fetch(sql, q))
    out.push_back({r.Int("id"), r.Str("kind"), r.Str("title"), r.Str("decided_on"), r.Str("authority"),
                   r.Str("note")});
  return out;
}

int64_t InsertReward(soci::session& sql, int64_t tenant_id, int64_t member_id, const Reward& r, int64_t user_id) {
  Query q(
      "INSERT INTO member_rewards (tenant_id, member_id, kind, title, decided_on, authority, note, created_at, "
      "created_by) VALUES (:t, :m, :kind, :title, :on, :authority, :note, :now, :by) RETURNING id");
  q.Set("t", tenant_id)
      .Set("m", member_id)
      .Set("kind", r.kind)
      .Set("title", r.title)
      .Set("on", r.decided_on)
      .Set("authority", r.authority)
      .Set("now", NowUtc())
      .Set("by", user_id);
  q.SetTextOrNull("note", r.note);
  return InsertReturningId(sql, q);
}

std::vector<FamilyMember> FamilyOf(soci::session& sql, int64_t tenant_id, int64_t member_id) {
  Query q(
      "SELECT id, relation, name, work_unit, political_status, ended_at, end_reason FROM member_family WHERE "
      "tenant_id = :t AND member_id = :m ORDER BY id");
  q.Set("t", tenant_id).Set("m", member_id);
  std::vector<FamilyMember> out;
  for (const auto& r : Fetch(sql, q))
    out.push_back({r.Int("id"), r.Str("relation"), r.Str("name"), r.Str("work_unit"), r.Str("political_status"),
                   r.OptStr("ended_at"), r.Str("end_reason")});
  return out;
}

int64_t InsertFamily(soci::session& sql, int64_t tenant_id, int64_t member_id, const FamilyMember& f, int64_t user_id) {
  Query q(
      "INSERT INTO member_family (tenant_id, member_id, relation, name, work_unit, political_status, created_at, "
      "created_by) VALUES (:t, :m, :relation, :name, :work, :political, :now, :by) RETURNING id");
  q.Set("t", tenant_id)
      .Set("m", member_id)
      .Set("relation", f.relation)
      .Set("name", f.name)
      .Set("now", NowUtc())
      .Set("by", user_id);
  q.SetTextOrNull("work", f.work_unit);
  q.SetTextOrNull("political", f.political_status);
  return InsertReturningId(sql, q);
}

bool EndFamily(soci::session& sql, int64_t tenant_id, int64_t member_id, int64_t family_id, const std::string& reason) {
  Query q(
      "UPDATE member_family SET ended_at = :now, end_reason = :reason WHERE tenant_id = :t AND member_id = :m AND id "
      "= :id AND ended_at IS NULL");
  q.Set("now", NowUtc()).Set("reason", reason).Set("t", tenant_id).Set("m", member_id).Set("id", family_id);
  return Exec(sql, q) == 1;
}

std::vector<UnitPeriod> UnitsOf(soci::session& sql, int64_t tenant_id, int64_t member_id) {
  Query q(
      "SELECT mu.unit_id, o.name AS unit_name, mu.started_on, mu.ended_on, mu.start_kind, mu.end_kind FROM "
      "member_units mu JOIN org_units o ON o.tenant_id = mu.tenant_id AND o.id = mu.unit_id WHERE mu.tenant_id = :t "
      "AND mu.member_id = :m ORDER BY mu.started_on, mu.id");
  q.Set("t", tenant_id).Set("m", member_id);
  std::vector<UnitPeriod> out;
  for (const auto& r : Fetch(sql, q))
    out.push_back({r.Int("unit_id"), r.Str("unit_name"), r.Str("started_on"), r.OptStr("ended_on"),
                   r.Str("start_kind"), r.Str("end_kind")});
  return out;
}

std::vector<Transfer> TransfersOf(soci::session& sql, int64_t tenant_id, int64_t member_id) {
  Query q(
      "SELECT t.id, t.kind, t.from_unit_id, t.to_unit_id, f.name AS from_name, d.name AS to_name, t.external_org, "
      "t.letter_no, t.issued_on, t.effective_on, t.note, t.created_at FROM member_transfers t "
      "LEFT JOIN org_units f ON f.tenant_id = t.tenant_id AND f.id = t.from_unit_id "
      "LEFT JOIN org_units d ON d.tenant_id = t.tenant_id AND d.id = t.to_unit_id "
      "WHERE t.tenant_id = :t AND t.member_id = :m ORDER BY t.effective_on, t.id");
  q.Set("t", tenant_id).Set("m", member_id);
  std::vector<Transfer> out;
  for (const auto& r : Fetch(sql, q))
    out.push_back({r.Int("id"), r.Str("kind"), r.OptInt("from_unit_id"), r.OptInt("to_unit_id"), r.Str("from_name"),
                   r.Str("to_name"), r.Str("external_org"), r.Str("letter_no"), r.Str("issued_on"),
                   r.Str("effective_on"), r.Str("note"), r.Str("created_at")});
  return out;
}

int64_t InsertTransfer(soci::session& sql, int64_t tenant_id, int64_t member_id, const Transfer& t, int64_t user_id) {
  Query q(
      "INSERT INTO member_transfers (tenant_id, member_id, kind, from_unit_id, to_unit_id, external_org, letter_no, "
      "issued_on, effective_on, note, created_at, created_by) VALUES (:t, :m, :kind, :from, :to, :ext, :letter, "
      ":issued, :effective, :note, :now, :by) RETURNING id");
  q.Set("t", tenant_id)
      .Set("m", member_id)
      .Set("kind", t.kind)
      .Set("letter", t.letter_no)
      .Set("issued", t.issued_on)
      .Set("effective", t.effective_on)
      .Set("now", NowUtc())
      .Set("by", user_id);
  if (t.from_unit_id) q.Set("from", *t.from_unit_id);
  else q.SetNull("from");
  if (t.to_unit_id) q.Set("to", *t.to_unit_id);
  else q.SetNull("to");
  q.SetTextOrNull("ext", t.external_org);
  q.SetTextOrNull("note", t.note);
  return InsertReturningId(sql, q);
}

void MoveMember(soci::session& sql, int64_t tenant_id, int64_t member_id, const std::string& on,
                const std::string& end_kind, std::optional<int64_t> to_unit, const std::string& start_kind) {
  Query end(
      "UPDATE member_units SET ended_on = :on, end_kind = :kind WHERE tenant_id = :t AND member_id = :m AND ended_on "
      "IS NULL");
  end.Set("on", on).Set("kind", end_kind).Set("t", tenant_id).Set("m", member_id);
  Exec(sql, end);
  if (!to_unit) return;
  Query start(
      "INSERT INTO member_units (tenant_id, member_id, unit_id, started_on, start_kind) VALUES (:t, :m, :u, :on, "
      ":kind)");
  start.Set("t", tenant_id).Set("m", member_id).Set("u", *to_unit).Set("on", on).Set("kind", start_kind);
  Exec(sql, start);
  Query upd(
      "UPDATE members SET unit_id = :u, unit_path = (SELECT path FROM org_units WHERE tenant_id = :t2 AND id = :u2), "
      "updated_at = :now, version = version + 1 WHERE tenant_id = :t AND id = :m");
  upd.Set("u", *to_unit).Set("t2", tenant_id).Set("u2", *to_unit).Set("now", NowUtc()).Set("t", tenant_id).Set(
      "m", member_id);
  Exec(sql, upd);
}

void MarkLeft(soci::session& sql, int64_t tenant_id, int64_t member_id, const std::string& left_on,
              const std::string& kind, const std::string& reason) {
  Query q(
      "UPDATE members SET state = 'left', left_on = :on, left_kind = :kind, left_reason = :reason, updated_at = :now, "
      "version = version + 1 WHERE tenant_id = :t AND id = :m");
  q.Set("on", left_on).Set("kind", kind).Set("now", NowUtc()).Set("t", tenant_id).Set("m", member_id);
  q.SetTextOrNull("reason", reason);
  Exec(sql, q);
  Query posts(
      "UPDATE member_posts SET ended_on = :on, end_reason = :reason WHERE tenant_id = :t AND member_id = :m AND "
      "ended_on IS NULL");
  posts.Set("on", left_on).Set("reason", kind).Set("t", tenant_id).Set("m", member_id);
  Exec(sql, posts);
}

std::vector<StatusChange> StatusHistoryOf(soci::session& sql, int64_t tenant_id, int64_t member_id) {
  Query q(
      "SELECT status, since, note, created_at FROM member_status_history WHERE tenant_id = :t AND member_id = :m "
      "ORDER BY since, id");
  q.Set("t", tenant_id).Set("m", member_id);
  std::vector<StatusChange> out;
  for (const auto& r : Fetch(sql, q))
    out.push_back({r.Str("status"), r.Str("since"), r.Str("note"), r.Str("created_at")});
  return out;
}

}  // namespace qizhi::party::members
