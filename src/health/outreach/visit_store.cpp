#include "health/outreach/visit_store.hpp"

#include <sodium.h>

#include <stdexcept>

#include "platform/core/clock.hpp"
#include "platform/core/text.hpp"
#include "platform/db/query.hpp"

namespace qizhi::health::outreach {
using platform::db::Exec;
using platform::db::Fetch;
using platform::db::FetchOne;
using platform::db::InsertReturningId;
using platform::db::Query;
using platform::db::Row;
using platform::db::ScopeFilter;
using registry::VillageFilter;

namespace {

inline constexpr std::string_view kHouseholdColumns =
    "SELECT h.tenant_id, h.id, h.village_code, d.name AS village_name, h.number, hp.name AS head_name, "
    "h.address_mask, h.status, h.state, h.version FROM households h "
    "LEFT JOIN persons hp ON hp.tenant_id = h.tenant_id AND hp.id = h.head_person_id "
    "LEFT JOIN divisions d ON d.code = h.village_code WHERE 1 = 1";

inline constexpr std::string_view kMemberColumns =
    "SELECT p.id, p.household_id, p.name, p.sex, p.birth_date, p.relation, p.id_mask, p.phone_mask, p.chronic, "
    "p.disability, p.joined_on, p.left_on, p.version FROM persons p WHERE 1 = 1";

// Joined by `on` and not left by it: the membership rule of coverage.hpp, in SQL.
inline constexpr std::string_view kMemberOn =
    " AND (p.joined_on IS NULL OR p.joined_on <= :on) AND (p.left_on IS NULL OR p.left_on > :on)";

inline constexpr std::string_view kTeamOfVillage =
    "SELECT t.id, t.name, t.leader_name FROM outreach_team_villages tv "
    "JOIN outreach_teams t ON t.tenant_id = tv.tenant_id AND t.id = tv.team_id "
    "WHERE tv.tenant_id = :t AND tv.village_code = :v AND tv.from_on <= :on AND (tv.to_on IS NULL OR tv.to_on > :on) "
    "AND (t.ended_on IS NULL OR t.ended_on > :on) ORDER BY tv.from_on DESC, tv.id DESC";

inline constexpr std::string_view kTeamMembersOn =
    "SELECT m.id, m.team_id, m.user_id, m.name, m.role FROM outreach_team_members m "
    "WHERE m.tenant_id = :t AND m.team_id = :team AND m.joined_on <= :on AND (m.left_on IS NULL OR m.left_on > :on) "
    "ORDER BY m.id";

inline constexpr std::string_view kTeamMatesOf =
    "SELECT m.id, m.team_id, m.user_id, m.name, m.role FROM outreach_team_members m "
    "JOIN outreach_teams t ON t.tenant_id = m.tenant_id AND t.id = m.team_id "
    "WHERE m.tenant_id = :t AND m.joined_on <= :on AND (m.left_on IS NULL OR m.left_on > :on) "
    "AND (t.ended_on IS NULL OR t.ended_on > :on) "
    "AND (t.leader_user_id = :u OR EXISTS (SELECT 1 FROM outreach_team_members x WHERE x.tenant_id = t.tenant_id "
    "AND x.team_id = t.id AND x.user_id = :u AND x.joined_on <= :on AND (x.left_on IS NULL OR x.left_on > :on))) "
    "ORDER BY m.team_id, m.id";

inline constexpr std::string_view kVisitColumns =
    "SELECT v.tenant_id, v.id, v.client_id, v.household_id, v.village_code, d.name AS village_name, "
    "h.number AS household_number, hp.name AS head_name, v.visited_on, v.team_id, t.name AS team_name, "
    "v.recorded_by, u.name AS recorder_name, v.findings, v.needs, v.actions, v.next_steps, v.household_version, "
    "v.body_json, v.state, v.void_reason, v.voided_at, v.created_at, v.version, "
    "(SELECT COUNT(*) FROM visit_photos ph WHERE ph.tenant_id = v.tenant_id AND ph.visit_id = v.id) AS photos, "
    "(SELECT COUNT(*) FROM visit_persons c WHERE c.tenant_id = v.tenant_id AND c.visit_id = v.id) AS person_count, "
    "(SELECT COUNT(*) FROM visit_persons c WHERE c.tenant_id = v.tenant_id AND c.visit_id = v.id AND c.seen = 1) "
    "AS seen_count FROM visits v "
    "JOIN households h ON h.tenant_id = v.tenant_id AND h.id = v.household_id "
    "LEFT JOIN persons hp ON hp.tenant_id = h.tenant_id AND hp.id = h.head_person_id "
    "LEFT JOIN divisions d ON d.code = v.village_code "
    "LEFT JOIN outreach_teams t ON t.tenant_id = v.tenant_id AND t.id = v.team_id "
    "LEFT JOIN users u ON u.tenant_id = v.tenant_id AND u.id = v.recorded_by WHERE 1 = 1";

inline constexpr std::string_view kLinesOf =
    "SELECT vp.person_id, p.name, vp.seen, vp.reason, vp.note, vp.systolic, vp.diastolic, vp.glucose "
    "FROM visit_persons vp JOIN persons p ON p.tenant_id = vp.tenant_id AND p.id = vp.person_id "
    "WHERE vp.tenant_id = :t AND vp.visit_id = :v ORDER BY vp.id";

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
    throw std::runtime_error("visit_photos: stored content is not base64");
  out.resize(len);
  return out;
}

std::vector<std::string> SplitActions(const std::string& s) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start < s.size()) {
    size_t end = s.find(',', start);
    if (end == std::string::npos) end = s.size();
    if (end > start) out.push_back(s.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

HouseholdRef HouseholdFrom(const Row& r) {
  HouseholdRef h;
  h.tenant_id = r.Int("tenant_id");
  h.id = r.Int("id");
  h.village_code = r.Str("village_code");
  h.village_name = r.Str("village_name");
  h.number = r.Str("number");
  h.head_name = r.Str("head_name");
  h.address_mask = r.Str("address_mask");
  h.status = r.Str("status");
  h.state = r.Str("state");
  h.version = r.Int("version");
  return h;
}

MemberRef MemberFrom(const Row& r) {
  MemberRef m;
  m.id = r.Int("id");
  m.household_id = r.Int("household_id");
  m.name = r.Str("name");
  m.sex = r.Str("sex");
  m.birth_date = r.Str("birth_date");
  m.relation = r.Str("relation");
  m.id_mask = r.Str("id_mask");
  m.phone_mask = r.Str("phone_mask");
  m.chronic = r.Str("chronic");
  m.disability = r.Str("disability");
  m.joined_on = r.Str("joined_on");
  m.left_on = r.Str("left_on");
  m.version = r.Int("version");
  return m;
}

TeamMemberRef TeamMemberFrom(const Row& r) {
  return {r.Int("id"), r.Int("team_id"), r.Int("user_id"), r.Str("name"), r.Str("role")};
}

VisitRecord VisitFrom(const Row& r) {
  VisitRecord v;
  v.tenant_id = r.Int("tenant_id");
  v.id = r.Int("id");
  v.client_id = r.Str("client_id");
  v.household_id = r.Int("household_id");
  v.village_code = r.Str("village_code");
  v.village_name = r.Str("village_name");
  v.household_number = r.Str("household_number");
  v.head_name = r.Str("head_name");
  v.visited_on = r.Str("visited_on");
  v.team_id = r.OptInt("team_id");
  v.team_name = r.Str("team_name");
  v.recorded_by = r.Int("recorded_by");
  v.recorder_name = r.Str("recorder_name");
  v.findings = r.Str("findings");
  v.needs = r.Str("needs");
  v.actions = SplitActions(r.Str("actions"));
  v.next_steps = r.Str("next_steps");
  v.household_version = r.Int("household_version");
  v.body_json = r.Str("body_json");
  v.state = r.Str("state");
  v.void_reason = r.Str("void_reason");
  v.voided_at = r.Str("voided_at");
  v.created_at = r.Str("created_at");
  v.version = r.Int("version");
  v.photos = r.Int("photos");
  v.person_count = r.Int("person_count");
  v.seen_count = r.Int("seen_count");
  return v;
}

void AppendVisitFilter(Query& q, const Scope& scope, const VillageScope& villages, const VisitFilter& f) {
  ScopeFilter(q, scope, "v.tenant_id");
  VillageFilter(q, villages, "v.village_code");
  if (f.state != "all") q << " AND v.state = " << q.Bind(f.state);
  if (!f.village.empty()) q << " AND v.village_code = " << q.Bind(f.village);
  if (f.team) q << " AND v.team_id = " << q.Bind(*f.team);
  if (f.household) q << " AND v.household_id = " << q.Bind(*f.household);
  if (!f.from.empty()) q << " AND v.visited_on >= " << q.Bind(f.from);
  if (!f.to.empty()) q << " AND v.visited_on <= " << q.Bind(f.to);
  if (!f.q.empty()) {
    const std::string pat = platform::db::ContainsPattern(f.q);
    q << " AND (h.number LIKE " << q.Bind(pat) << " ESCAPE '\\' OR hp.name LIKE " << q.Bind(pat) << " ESCAPE '\\')";
  }
}

std::string Join(const std::vector<std::string>& parts) {
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : ",") + p;
  return out;
}

void SetOptInt(Query& q, const char* name, const std::optional<int64_t>& v) {
  if (v) q.Set(name, *v);
  else q.SetNull(name);
}

}  // namespace

std::optional<HouseholdRef> FindHousehold(soci::session& sql, const Scope& scope, const VillageScope& villages,
                                          int64_t id) {
  Query q(kHouseholdColumns);
  q << " AND h.id = " << q.Bind(id);
  ScopeFilter(q, scope, "h.tenant_id");
  VillageFilter(q, villages, "h.village_code");
  auto r = FetchOne(sql, q);
  if (!r) return std::nullopt;
  return HouseholdFrom(*r);
}

std::vector<MemberRef> MembersOn(soci::session& sql, int64_t tenant_id, int64_t household_id, const std::string& on) {
  Query q(kMemberColumns);
  q << " AND p.tenant_id = :t AND p.household_id = :h" << kMemberOn
    << " ORDER BY CASE WHEN p.relation = '户主' THEN 0 ELSE 1 END, p.id";
  q.Set("t", tenant_id).Set("h", household_id).Set("on", on);
  std::vector<MemberRef> out;
  for (const auto& r : Fetch(sql, q)) out.push_back(MemberFrom(r));
  return out;
}

std::optional<TeamRef> TeamOfVillage(soci::session& sql, int64_t tenant_id, const std::string& village_code,
                                     const std::string& on) {
  Query q(kTeamOfVillage);
  q.Set("t", tenant_id).Set("v", village_code).Set("on", on);
  auto r = FetchOne(sql, q);
  if (!r) return std::nullopt;
  return TeamRef{r->Int("id"), r->Str("name"), r->Str("leader_name")};
}

std::vector<TeamMemberRef> TeamMembersOn(soci::session& sql, int64_t tenant_id, int64_t team_id, const std::string& on) {
  Query q(kTeamMembersOn);
  q.Set("t", tenant_id).Set("team", team_id).Set("on", on);
  std::vector<TeamMemberRef> out;
  for (const auto& r : Fetch(sql, q)) out.push_back(TeamMemberFrom(r));
  return out;
}

int64_t CountVisits(soci::session& sql, const Scope& scope, const VillageScope& villages, const VisitFilter& f) {
  Query q(
      "SELECT COUNT(*) FROM visits v JOIN households h ON h.tenant_id = v.tenant_id AND h.id = v.household_id "
      "LEFT JOIN persons hp ON hp.tenant_id = h.tenant_id AND hp.id = h.head_person_id WHERE 1 = 1");
  AppendVisitFilter(q, scope, villages, f);
  return platform::db::Scalar(sql, q);
}

std::vector<VisitRecord> ListVisits(soci::session& sql, const Scope& scope, const VillageScope& villages,
                                    const VisitFilter& f, bool desc, int64_t offset, int64_t limit) {
  Query q(kVisitColumns);
  AppendVisitFilter(q, scope, villages, f);
  const char* dir = desc ? " DESC" : "";
  q << " ORDER BY v.visited_on" << dir << ", v.id" << dir;
  q << " LIMIT " << q.Bind(limit) << " OFFSET " << q.Bind(offset);
  std::vector<VisitRecord> out;
  for (const auto& r : Fetch(sql, q)) out.push_back(VisitFrom(r));
  return out;
}

std::optional<VisitRecord> FindVisit(soci::session& sql, const Scope& scope, const VillageScope& villages, int64_t id) {
  Query q(kVisitColumns);
  q << " AND v.id = " << q.Bind(id);
  ScopeFilter(q, scope, "v.tenant_id");
  VillageFilter(q, villages, "v.village_code");
  auto r = FetchOne(sql, q);
  if (!r) return std::nullopt;
  return VisitFrom(*r);
}

std::optional<VisitRecord> FindVisitByClientId(soci::session& sql, int64_t tenant_id, const std::string& client_id) {
  Query q(kVisitColumns);
  q << " AND v.tenant_id = " << q.Bind(tenant_id) << " AND v.client_id = " << q.Bind(client_id);
  auto r = FetchOne(sql, q);
  if (!r) return std::nullopt;
  return VisitFrom(*r);
}

std::vector<VisitLineRecord> LinesOf(soci::session& sql, int64_t tenant_id, int64_t visit_id) {
  Query q(kLinesOf);
  q.Set("t", tenant_id).Set("v", visit_id);
  std::vector<VisitLineRecord> out;
  for (const auto& r : Fetch(sql, q)) {
    VisitLineRecord l;
    l.person_id = r.Int("person_id");
    l.name = r.Str("name");
    l.seen = r.Int("seen") != 0;
    l.reason = r.Str("reason");
    l.note = r.Str("note");
    l.systolic = r.OptInt("systolic");
    l.diastolic = r.OptInt("diastolic");
    l.glucose = r.OptInt("glucose");
    out.push_back(std::move(l));
  }
  return out;
}

std::vector<VisitStaffRecord> StaffOf(soci::session& sql, int64_t tenant_id, int64_t visit_id) {
  Query q("SELECT team_member_id, name FROM visit_staff WHERE tenant_id = :t AND visit_id = :v ORDER BY id");
  q.Set("t", tenant_id).Set("v", visit_id);
  std::vector<VisitStaffRecord> out;
  for (const auto& r : Fetch(sql, q)) out.push_back({r.Int("team_member_id"), r.Str("name")});
  return out;
}

int64_t InsertVisit(soci::session& sql, const VisitRecord& v, int64_t user_id) {
  Query q(
      "INSERT INTO visits (tenant_id, client_id, household_id, village_code, visited_on, team_id, recorded_by, "
      "findings, needs, actions, next_steps, household_version, body_json, state, created_at) VALUES (:t, :cid, :h, "
      ":v, :on, :team, :by, :findings, :needs, :actions, :next, :hv, :body, 'active', :now) RETURNING id");
  q.Set("t", v.tenant_id).Set("cid", v.client_id).Set("h", v.household_id).Set("v", v.village_code);
  q.Set("on", v.visited_on);
  SetOptInt(q, "team", v.team_id);
  if (user_id) q.Set("by", user_id);
  else q.SetNull("by");
  q.SetTextOrNull("findings", v.findings).SetTextOrNull("needs", v.needs).SetTextOrNull("actions", Join(v.actions));
  q.SetTextOrNull("next", v.next_steps).Set("hv", v.household_version).Set("body", v.body_json).Set("now", NowUtc());
  return InsertReturningId(sql, q);
}

void InsertLines(soci::session& sql, const VisitRecord& v, const std::vector<VisitLineRecord>& lines) {
  for (const auto& l : lines) {
    Query q(
        "INSERT INTO visit_persons (tenant_id, visit_id, person_id, household_id, village_code, visited_on, active, "
        "seen, reason, note, systolic, diastolic, glucose) VALUES (:t, :visit, :p, :h, :v, :on, 1, :seen, :reason, "
        ":note, :sys, :dia, :glu)");
    q.Set("t", v.tenant_id).Set("visit", v.id).Set("p", l.person_id).Set("h", v.household_id).Set("v", v.village_code);
    q.Set("on", v.visited_on).Set("seen", int64_t{l.seen ? 1 : 0});
    q.SetTextOrNull("reason", l.reason).SetTextOrNull("note", l.note);
    SetOptInt(q, "sys", l.systolic);
    SetOptInt(q, "dia", l.diastolic);
    SetOptInt(q, "glu", l.glucose);
    Exec(sql, q);
  }
}

void InsertStaff(soci::session& sql, int64_t tenant_id, int64_t visit_id, const std::vector<VisitStaffRecord>& staff) {
  for (const auto& s : staff) {
    Query q("INSERT INTO visit_staff (tenant_id, visit_id, team_member_id, name) VALUES (:t, :v, :m, :n)");
    q.Set("t", tenant_id).Set("v", visit_id).Set("m", s.team_member_id).Set("n", s.name);
    Exec(sql, q);
  }
}

bool VoidVisit(soci::session& sql, int64_t tenant_id, int64_t id, const std::string& reason, int64_t expected_version,
               int64_t user_id) {
  Query q(
      "UPDATE visits SET state = 'void', void_reason = :reason, voided_at = :now, voided_by = :by, "
      "version = version + 1 WHERE tenant_id = :t AND id = :id AND version = :ver AND state = 'active'");
  q.Set("reason", reason).Set("now", NowUtc()).Set("t", tenant_id).Set("id", id).Set("ver", expected_version);
  if (user_id) q.Set("by", user_id);
  else q.SetNull("by");
  if (Exec(sql, q) != 1) return false;
  Query lines("UPDATE visit_persons SET active = 0 WHERE tenant_id = :t AND visit_id = :id");
  lines.Set("t", tenant_id).Set("id", id);
  Exec(sql, lines);
  return true;
}

int64_t InsertPhoto(soci::session& sql, int64_t tenant_id, int64_t visit_id, const Photo& p, int64_t user_id) {
  Query q(
      "INSERT INTO visit_photos (tenant_id, visit_id, kind, content_type, size_bytes, bytes, created_at, created_by) "
      "VALUES (:t, :v, :kind, :ct, :size, :bytes, :now, :by) RETURNING id");
  q.Set("t", tenant_id).Set("v", visit_id).Set("kind", p.kind).Set("ct", p.content_type);
  q.Set("size", static_cast<int64_t>(p.bytes.size())).Set("bytes", ToBase64(p.bytes)).Set("now", NowUtc());
  if (user_id) q.Set("by", user_id);
  else q.SetNull("by");
  return InsertReturningId(sql, q);
}

std::optional<Photo> LatestPhoto(soci::session& sql, int64_t tenant_id, int64_t visit_id) {
  Query q(
      "SELECT id, kind, content_type, size_bytes, bytes, created_at FROM visit_photos WHERE tenant_id = :t "
      "AND visit_id = :v ORDER BY id DESC LIMIT 1");
  q.Set("t", tenant_id).Set("v", visit_id);
  auto r = FetchOne(sql, q);
  if (!r) return std::nullopt;
  Photo p;
  p.id = r->Int("id");
  p.kind = r->Str("kind");
  p.content_type = r->Str("content_type");
  p.size_bytes = r->Int("size_bytes");
  p.created_at = r->Str("created_at");
  p.bytes = FromBase64(r->Str("bytes"));
  return p;
}

std::vector<HouseholdRef> BundleHouseholds(soci::session& sql, const Scope& scope, const VillageScope& villages) {
  Query q(kHouseholdColumns);
  q << " AND h.state = 'active'";
  ScopeFilter(q, scope, "h.tenant_id");
  VillageFilter(q, villages, "h.village_code");
  q << " ORDER BY h.village_code, h.number, h.id";
  std::vector<HouseholdRef> out;
  for (const auto& r : Fetch(sql, q)) out.push_back(HouseholdFrom(r));
  return out;
}

std::vector<MemberRef> BundleMembers(soci::session& sql, const Scope& scope, const VillageScope& villages,
                                     const std::string& on) {
  Query q(kMemberColumns);
  q << kMemberOn;
  q.Set("on", on);
  q << " AND EXISTS (SELECT 1 FROM households h WHERE h.tenant_id = p.tenant_id AND h.id = p.household_id "
       "AND h.state = 'active')";
  ScopeFilter(q, scope, "p.tenant_id");
  VillageFilter(q, villages, "p.village_code");
  q << " ORDER BY p.household_id, CASE WHEN p.relation = '户主' THEN 0 ELSE 1 END, p.id";
  std::vector<MemberRef> out;
  for (const auto& r : Fetch(sql, q)) out.push_back(MemberFrom(r));
  return out;
}

std::vector<TeamMemberRef> TeamMatesOf(soci::session& sql, int64_t tenant_id, int64_t user_id, const std::string& on) {
  Query q(kTeamMatesOf);
  q.Set("t", tenant_id).Set("u", user_id).Set("on", on);
  std::vector<TeamMemberRef> out;
  for (const auto& r : Fetch(sql, q)) out.push_back(TeamMemberFrom(r));
  return out;
}

}  // namespace qizhi::health::outreach
