#include "health/outreach/team_store.hpp"

#include "platform/core/clock.hpp"
#include "platform/db/query.hpp"

namespace qizhi::health::outreach {
using platform::db::Exec;
using platform::db::Fetch;
using platform::db::FetchOne;
using platform::db::InsertReturningId;
using platform::db::Query;
using platform::db::Row;
using platform::db::Scalar;
using platform::db::ScopeFilter;

namespace {

inline constexpr std::string_view kTeamColumns =
    "SELECT t.tenant_id, t.id, t.name, t.leader_user_id, t.leader_name, t.leader_post, t.note, t.created_at, "
    "t.ended_on, t.end_reason, t.version";
inline constexpr std::string_view kTeamFrom = " FROM outreach_teams t WHERE 1 = 1";

// A caller without health:scope:all reads the teams they lead or serve in today.
inline constexpr std::string_view kServedBy =
    " AND (t.leader_user_id = :me OR EXISTS (SELECT 1 FROM outreach_team_members m WHERE m.tenant_id = t.tenant_id "
    "AND m.team_id = t.id AND m.user_id = :me2 AND m.joined_on <= :today AND (m.left_on IS NULL OR m.left_on > :today2)))";

inline constexpr std::string_view kMemberColumns =
    "SELECT m.id, m.team_id, m.user_id, m.member_id, u.username, m.name, m.role, m.joined_on, m.left_on "
    "FROM outreach_team_members m LEFT JOIN users u ON u.tenant_id = m.tenant_id AND u.id = m.user_id "
    "WHERE m.tenant_id = :t";

// Households and persons registered today in the village: active households, members who have
// joined and not left (as coverage counts them).
inline constexpr std::string_view kVillageColumns =
    "SELECT v.id, v.team_id, v.village_code, d.name AS village_name, d.full_name, v.from_on, v.to_on, "
    "(SELECT COUNT(*) FROM households h WHERE h.tenant_id = v.tenant_id AND h.village_code = v.village_code "
    "AND h.state = 'active') AS households, "
    "(SELECT COUNT(*) FROM persons p JOIN households h ON h.tenant_id = p.tenant_id AND h.id = p.household_id "
    "WHERE p.tenant_id = v.tenant_id AND p.village_code = v.village_code AND h.state = 'active' "
    "AND (p.joined_on IS NULL OR p.joined_on <= :today) AND (p.left_on IS NULL OR p.left_on > :today2)) AS persons "
    "FROM outreach_team_villages v LEFT JOIN divisions d ON d.code = v.village_code WHERE v.tenant_id = :t";

inline constexpr std::string_view kInsertTeam =
    "INSERT INTO outreach_teams (tenant_id, name, leader_user_id, leader_name, leader_post, note, created_at) "
    "VALUES (:t, :name, :leader, :leader_name, :post, :note, :now) RETURNING id";
inline constexpr std::string_view kUpdateTeam =
    "UPDATE outreach_teams SET name = :name, leader_user_id = :leader, leader_name = :leader_name, "
    "leader_post = :post, note = :note, version = version + 1 WHERE tenant_id = :t AND id = :id AND version = :v "
    "AND ended_on IS NULL";
inline constexpr std::string_view kEndTeam =
    "UPDATE outreach_teams SET ended_on = :ended, end_reason = :reason, version = version + 1 "
    "WHERE tenant_id = :t AND id = :id AND version = :v AND ended_on IS NULL";

inline constexpr std::string_view kInsertMember =
    "INSERT INTO outreach_team_members (tenant_id, team_id, user_id, member_id, name, role, joined_on, created_at) "
    "VALUES (:t, :team, :user, :member, :name, :role, :joined, :now) RETURNING id";
inline constexpr std::string_view kLeaveMember =
    "UPDATE outreach_team_members SET left_on = :left WHERE tenant_id = :t AND id = :id";

inline constexpr std::string_view kHolds =
    "SELECT v.id, v.team_id, t.name AS team_name, v.from_on, v.to_on FROM outreach_team_villages v "
    "JOIN outreach_teams t ON t.tenant_id = v.tenant_id AND t.id = v.team_id "
    "WHERE v.tenant_id = :t AND v.village_code = :village ORDER BY v.from_on, v.id";
inline constexpr std::string_view kInsertVillage =
    "INSERT INTO outreach_team_villages (tenant_id, team_id, village_code, from_on, created_at) "
    "VALUES (:t, :team, :village, :from, :now) RETURNING id";
inline constexpr std::string_view kEndVillage =
    "UPDATE outreach_team_villages SET to_on = :to WHERE tenant_id = :t AND id = :id";

inline constexpr std::string_view kUserName = "SELECT name FROM users WHERE tenant_id = :t AND id = :id";
inline constexpr std::string_view kUserByUsername =
    "SELECT id, name FROM users WHERE tenant_id = :t AND username = :u AND ended_at IS NULL";
inline constexpr std::string_view kActiveMemberName =
    "SELECT name FROM members WHERE tenant_id = :t AND id = :id AND state = 'active'";
inline constexpr std::string_view kVillageName = "SELECT name FROM divisions WHERE code = :c AND level = 'village'";
inline constexpr std::string_view kIsCurrentMember =
    "SELECT COUNT(*) FROM outreach_team_members WHERE tenant_id = :t AND team_id = :team AND user_id = :u "
    "AND (left_on IS NULL OR left_on > :today)";

Team TeamFrom(const Row& r) {
  Team t;
  t.tenant_id = r.Int("tenant_id");
  t.id = r.Int("id");
  t.name = r.Str("name");
  t.leader_user_id = r.OptInt("leader_user_id");
  t.leader_name = r.Str("leader_name");
  t.leader_post = r.Str("leader_post");
  t.note = r.Str("note");
  t.created_at = r.Str("created_at");
  t.ended_on = r.Str("ended_on");
  t.end_reason = r.Str("end_reason");
  t.version = r.Int("version");
  return t;
}

TeamMember MemberFrom(const Row& r) {
  TeamMember m;
  m.id = r.Int("id");
  m.team_id = r.Int("team_id");
  m.user_id = r.OptInt("user_id");
  m.member_id = r.OptInt("member_id");
  m.username = r.Str("username");
  m.name = r.Str("name");
  m.role = r.Str("role");
  m.joined_on = r.Str("joined_on");
  m.left_on = r.Str("left_on");
  return m;
}

TeamVillage VillageFrom(const Row& r) {
  TeamVillage v;
  v.id = r.Int("id");
  v.team_id = r.Int("team_id");
  v.village_code = r.Str("village_code");
  v.village_name = r.Str("village_name");
  v.full_name = r.Str("full_name");
  v.from_on = r.Str("from_on");
  v.to_on = r.Str("to_on");
  v.households = r.Int("households");
  v.persons = r.Int("persons");
  return v;
}

void AppendReader(Query& q, const TeamReader& r) {
  ScopeFilter(q, r.scope, "t.tenant_id");
  if (r.all) return;
  q << kServedBy;
  q.Set("me", r.user_id).Set("me2", r.user_id).Set("today", r.today).Set("today2", r.today);
}

void AppendFilter(Query& q, const TeamReader& r, const TeamFilter& f) {
  q << kTeamFrom;
  AppendReader(q, r);
  if (f.state == "current") q << " AND (t.ended_on IS NULL OR t.ended_on > " << q.Bind(r.today) << ")";
  else if (f.state == "ended") q << " AND t.ended_on <= " << q.Bind(r.today);
  if (!f.name_contains.empty()) {
    const std::string like = platform::db::ContainsPattern(f.name_contains);
    q << " AND (t.name LIKE " << q.Bind(like) << " ESCAPE '\\' OR t.leader_name LIKE " << q.Bind(like) << " ESCAPE '\\')";
  }
  if (!f.village.empty())
    q << " AND EXISTS (SELECT 1 FROM outreach_team_villages v WHERE v.tenant_id = t.tenant_id AND v.team_id = t.id "
         "AND v.village_code = "
      << q.Bind(f.village) << " AND v.from_on <= " << q.Bind(r.today) << " AND (v.to_on IS NULL OR v.to_on > "
      << q.Bind(r.today) << "))";
}

void AppendIds(Query& q, std::string_view column, const std::vector<int64_t>& ids) {
  q << " AND " << column << " IN (";
  for (size_t i = 0; i < ids.size(); ++i) q << (i ? ", " : "") << q.Bind(ids[i]);
  q << ")";
}

}  // namespace

int64_t CountTeams(soci::session& sql, const TeamReader& r, const TeamFilter& f) {
  Query q("SELECT COUNT(*)");
  AppendFilter(q, r, f);
  return Scalar(sql, q);
}

std::vector<Team> ListTeams(soci::session& sql, const TeamReader& r, const TeamFilter& f, const std::string& sort,
                            bool desc, int64_t offset, int64_t limit) {
  Query q(kTeamColumns);
  AppendFilter(q, r, f);
  const char* dir = desc ? " DESC" : "";
  if (sort == "name") q << " ORDER BY t.name" << dir << ", t.id";
  else if (sort == "leader") q << " ORDER BY t.leader_name" << dir << ", t.id";
  else q << " ORDER BY t.tenant_id, t.id" << dir;
  q << " LIMIT " << q.Bind(limit) << " OFFSET " << q.Bind(offset);
  std::vector<Team> out;
  for (const auto& row : Fetch(sql, q)) out.push_back(TeamFrom(row));
  return out;
}

std::optional<Team> FindTeam(soci::session& sql, const TeamReader& r, int64_t id) {
  Query q(kTeamColumns);
  q << kTeamFrom << " AND t.id = " << q.Bind(id);
  AppendReader(q, r);
  auto row = FetchOne(sql, q);
  if (!row) return std::nullopt;
  return TeamFrom(*row);
}

std::vector<TeamMember> MembersOf(soci::session& sql, int64_t tenant_id, const std::vector<int64_t>& team_ids,
                                  bool current_only, const std::string& today) {
  std::vector<TeamMember> out;
  if (team_ids.empty()) return out;
  Query q(kMemberColumns);
  q.Set("t", tenant_id);
  AppendIds(q, "m.team_id", team_ids);
  if (current_only) q << " AND (m.left_on IS NULL OR m.left_on > " << q.Bind(today) << ")";
  q << " ORDER BY m.team_id, m.joined_on, m.id";
  for (const auto& row : Fetch(sql, q)) out.push_back(MemberFrom(row));
  return out;
}

std::vector<TeamVillage> VillagesOf(soci::session& sql, int64_t tenant_id, const std::vector<int64_t>& team_ids,
                                    bool current_only, const std::string& today) {
  std::vector<TeamVillage> out;
  if (team_ids.empty()) return out;
  Query q(kVillageColumns);
  q.Set("t", tenant_id).Set("today", today).Set("today2", today);
  AppendIds(q, "v.team_id", team_ids);
  if (current_only) q << " AND (v.to_on IS NULL OR v.to_on > " << q.Bind(today) << ")";
  q << " ORDER BY v.team_id, v.village_code, v.from_on, v.id";
  for (const auto& row : Fetch(sql, q)) out.push_back(VillageFrom(row));
  return out;
}

int64_t InsertTeam(soci::session& sql, const Team& t) {
  Query q(kInsertTeam);
  q.Set("t", t.tenant_id).Set("name", t.name).Set("leader_name", t.leader_name).Set("now", NowUtc());
  q.SetOptional("leader", t.leader_user_id);
  q.SetTextOrNull("post", t.leader_post);
  q.SetTextOrNull("note", t.note);
  return InsertReturningId(sql, q);
}

bool UpdateTeam(soci::session& sql, const Team& t, int64_t expected_version) {
  Query q(kUpdateTeam);
  q.Set("t", t.tenant_id).Set("id", t.id).Set("v", expected_version).Set("name", t.name).Set("leader_name", t.leader_name);
  q.SetOptional("leader", t.leader_user_id);
  q.SetTextOrNull("post", t.leader_post);
  q.SetTextOrNull("note", t.note);
  return Exec(sql, q) == 1;
}

bool EndTeam(soci::session& sql, const Team& t, int64_t expected_version) {
  Query q(kEndTeam);
  q.Set("t", t.tenant_id).Set("id", t.id).Set("v", expected_version).Set("ended", t.ended_on).Set("reason", t.end_reason);
  return Exec(sql, q) == 1;
}

std::optional<TeamMember> FindTeamMember(soci::session& sql, int64_t tenant_id, int64_t team_id, int64_t id) {
  Query q(kMemberColumns);
  q.Set("t", tenant_id);
  q << " AND m.team_id = " << q.Bind(team_id) << " AND m.id = " << q.Bind(id);
  auto row = FetchOne(sql, q);
  if (!row) return std::nullopt;
  return MemberFrom(*row);
}

int64_t InsertTeamMember(soci::session& sql, int64_t tenant_id, const TeamMember& m) {
  Query q(kInsertMember);
  q.Set("t", tenant_id).Set("team", m.team_id).Set("name", m.name).Set("role", m.role).Set("joined", m.joined_on);
  q.Set("now", NowUtc());
  q.SetOptional("user", m.user_id);
  q.SetOptional("member", m.member_id);
  return InsertReturningId(sql, q);
}

void LeaveTeamMember(soci::session& sql, int64_t tenant_id, int64_t id, const std::string& left_on) {
  Query q(kLeaveMember);
  q.Set("t", tenant_id).Set("id", id).Set("left", left_on);
  Exec(sql, q);
}

std::vector<VillageHold> HoldsOfVillage(soci::session& sql, int64_t tenant_id, const std::string& village_code) {
  Query q(kHolds);
  q.Set("t", tenant_id).Set("village", village_code);
  std::vector<VillageHold> out;
  for (const auto& r : Fetch(sql, q))
    out.push_back({r.Int("id"), r.Int("team_id"), r.Str("team_name"), r.Str("from_on"), r.Str("to_on")});
  return out;
}

std::optional<TeamVillage> FindTeamVillage(soci::session& sql, int64_t tenant_id, int64_t team_id, int64_t id) {
  Query q(kVillageColumns);
  q.Set("t", tenant_id).Set("today", TodayShanghai()).Set("today2", TodayShanghai());
  q << " AND v.team_id = " << q.Bind(team_id) << " AND v.id = " << q.Bind(id);
  auto row = FetchOne(sql, q);
  if (!row) return std::nullopt;
  return VillageFrom(*row);
}

int64_t InsertTeamVillage(soci::session& sql, int64_t tenant_id, int64_t team_id, const std::string& village_code,
                          const std::string& from_on) {
  Query q(kInsertVillage);
  q.Set("t", tenant_id).Set("team", team_id).Set("village", village_code).Set("from", from_on).Set("now", NowUtc());
  return InsertReturningId(sql, q);
}

void EndTeamVillage(soci::session& sql, int64_t tenant_id, int64_t id, const std::string& to_on) {
  Query q(kEndVillage);
  q.Set("t", tenant_id).Set("id", id).Set("to", to_on);
  Exec(sql, q);
}

std::optional<std::string> UserName(soci::session& sql, int64_t tenant_id, int64_t user_id) {
  Query q(kUserName);
  q.Set("t", tenant_id).Set("id", user_id);
  auto r = FetchOne(sql, q);
  if (!r) return std::nullopt;
  return r->Str("name");
}

std::optional<std::pair<int64_t, std::string>> UserByUsername(soci::session& sql, int64_t tenant_id,
                                                               const std::string& username) {
  Query q(kUserByUsername);
  q.Set("t", tenant_id).Set("u", username);
  auto r = FetchOne(sql, q);
  if (!r) return std::nullopt;
  return std::make_pair(r->Int("id"), r->Str("name"));
}

std::optional<std::string> ActiveMemberName(soci::session& sql, int64_t tenant_id, int64_t member_id) {
  Query q(kActiveMemberName);
  q.Set("t", tenant_id).Set("id", member_id);
  auto r = FetchOne(sql, q);
  if (!r) return std::nullopt;
  return r->Str("name");
}

std::optional<std::string> VillageName(soci::session& sql, const std::string& code) {
  Query q(kVillageName);
  q.Set("c", code);
  auto r = FetchOne(sql, q);
  if (!r) return std::nullopt;
  return r->Str("name");
}

bool IsCurrentMember(soci::session& sql, int64_t tenant_id, int64_t team_id, int64_t user_id, const std::string& today) {
  Query q(kIsCurrentMember);
  q.Set("t", tenant_id).Set("team", team_id).Set("u", user_id).Set("today", today);
  return Scalar(sql, q) > 0;
}

}  // namespace qizhi::health::outreach
