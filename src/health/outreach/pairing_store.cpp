#include "health/outreach/pairing_store.hpp"

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
using registry::VillageFilter;

namespace {

inline constexpr std::string_view kPairingColumns =
    "SELECT p.tenant_id, p.id, p.member_id, p.member_name, p.household_id, h.number AS household_number, "
    "hp.name AS head_name, p.village_code, d.name AS village_name, p.from_on, p.to_on, p.end_reason, p.note, "
    "p.created_at";
inline constexpr std::string_view kPairingFrom =
    " FROM outreach_pairings p JOIN households h ON h.tenant_id = p.tenant_id AND h.id = p.household_id "
    "LEFT JOIN persons hp ON hp.tenant_id = h.tenant_id AND hp.id = h.head_person_id "
    "LEFT JOIN divisions d ON d.code = p.village_code WHERE 1 = 1";

inline constexpr std::string_view kHousehold =
    "SELECT h.tenant_id, h.id, h.village_code, h.number, hp.name AS head_name, h.state FROM households h "
    "LEFT JOIN persons hp ON hp.tenant_id = h.tenant_id AND hp.id = h.head_person_id WHERE h.id = :id";

inline constexpr std::string_view kOfHousehold =
    "SELECT id, member_id, member_name, from_on, to_on FROM outreach_pairings "
    "WHERE tenant_id = :t AND household_id = :h ORDER BY from_on, id";

inline constexpr std::string_view kInsert =
    "INSERT INTO outreach_pairings (tenant_id, member_id, member_name, household_id, village_code, from_on, note, "
    "created_at, created_by) VALUES (:t, :member, :member_name, :household, :village, :from, :note, :now, :by) "
    "RETURNING id";
inline constexpr std::string_view kEnd =
    "UPDATE outreach_pairings SET to_on = :to, end_reason = :reason, ended_at = :now, ended_by = :by "
    "WHERE tenant_id = :t AND id = :id AND to_on IS NULL";

Pairing PairingFrom(const Row& r) {
  Pairing p;
  p.tenant_id = r.Int("tenant_id");
  p.id = r.Int("id");
  p.member_id = r.Int("member_id");
  p.member_name = r.Str("member_name");
  p.household_id = r.Int("household_id");
  p.household_number = r.Str("household_number");
  p.head_name = r.Str("head_name");
  p.village_code = r.Str("village_code");
  p.village_name = r.Str("village_name");
  p.from_on = r.Str("from_on");
  p.to_on = r.Str("to_on");
  p.end_reason = r.Str("end_reason");
  p.note = r.Str("note");
  p.created_at = r.Str("created_at");
  return p;
}

void AppendFilter(Query& q, const Scope& scope, const registry::VillageScope& villages, const PairingFilter& f) {
  q << kPairingFrom;
  ScopeFilter(q, scope, "p.tenant_id");
  VillageFilter(q, villages, "p.village_code");
  if (f.member_id) q << " AND p.member_id = " << q.Bind(*f.member_id);
  if (f.household_id) q << " AND p.household_id = " << q.Bind(*f.household_id);
  if (!f.village.empty()) q << " AND p.village_code = " << q.Bind(f.village);
  if (f.state == "current") q << " AND (p.to_on IS NULL OR p.to_on > " << q.Bind(f.today) << ")";
  else if (f.state == "ended") q << " AND p.to_on <= " << q.Bind(f.today);
  if (!f.text.empty()) {
    const std::string like = platform::db::ContainsPattern(f.text);
    q << " AND (p.member_name LIKE " << q.Bind(like) << " ESCAPE '\\' OR h.number LIKE " << q.Bind(like)
      << " ESCAPE '\\' OR hp.name LIKE " << q.Bind(like) << " ESCAPE '\\')";
  }
}

}  // namespace

int64_t CountPairings(soci::session& sql, const Scope& scope, const registry::VillageScope& villages,
                      const PairingFilter& f) {
  Query q("SELECT COUNT(*)");
  AppendFilter(q, scope, villages, f);
  return Scalar(sql, q);
}

std::vector<Pairing> ListPairings(soci::session& sql, const Scope& scope, const registry::VillageScope& villages,
                                  const PairingFilter& f, const std::string& sort, bool desc, int64_t offset,
                                  int64_t limit) {
  Query q(kPairingColumns);
  AppendFilter(q, scope, villages, f);
  const char* dir = desc ? " DESC" : "";
  if (sort == "member") q << " ORDER BY p.member_name" << dir << ", p.id";
  else if (sort == "from_on") q << " ORDER BY p.from_on" << dir << ", p.id";
  else if (sort == "village") q << " ORDER BY p.village_code" << dir << ", h.number, p.id";
  else q << " ORDER BY p.id" << dir;
  q << " LIMIT " << q.Bind(limit) << " OFFSET " << q.Bind(offset);
  std::vector<Pairing> out;
  for (const auto& r : Fetch(sql, q)) out.push_back(PairingFrom(r));
  return out;
}

std::optional<Pairing> FindPairing(soci::session& sql, const Scope& scope, const registry::VillageScope& villages,
                                   int64_t id) {
  Query q(kPairingColumns);
  q << kPairingFrom << " AND p.id = " << q.Bind(id);
  ScopeFilter(q, scope, "p.tenant_id");
  VillageFilter(q, villages, "p.village_code");
  auto r = FetchOne(sql, q);
  if (!r) return std::nullopt;
  return PairingFrom(*r);
}

std::optional<PairedHousehold> FindPairedHousehold(soci::session& sql, const Scope& scope,
                                          const registry::VillageScope& villages, int64_t id) {
  Query q(kHousehold);
  q.Set("id", id);
  ScopeFilter(q, scope, "h.tenant_id");
  VillageFilter(q, villages, "h.village_code");
  auto r = FetchOne(sql, q);
  if (!r) return std::nullopt;
  return PairedHousehold{r->Int("tenant_id"), r->Int("id"), r->Str("village_code"), r->Str("number"), r->Str("head_name"),
                      r->Str("state")};
}

std::vector<PairingSpan> PairingsOfHousehold(soci::session& sql, int64_t tenant_id, int64_t household_id) {
  Query q(kOfHousehold);
  q.Set("t", tenant_id).Set("h", household_id);
  std::vector<PairingSpan> out;
  for (const auto& r : Fetch(sql, q))
    out.push_back({r.Int("id"), r.Int("member_id"), r.Str("member_name"), r.Str("from_on"), r.Str("to_on")});
  return out;
}

int64_t InsertPairing(soci::session& sql, const Pairing& p, int64_t user_id) {
  Query q(kInsert);
  q.Set("t", p.tenant_id).Set("member", p.member_id).Set("member_name", p.member_name).Set("household", p.household_id);
  q.Set("village", p.village_code).Set("from", p.from_on).Set("now", NowUtc());
  q.SetTextOrNull("note", p.note);
  if (user_id) q.Set("by", user_id);
  else q.SetNull("by");
  return InsertReturningId(sql, q);
}

void EndPairing(soci::session& sql, int64_t tenant_id, int64_t id, const std::string& to_on, const std::string& reason,
                int64_t user_id) {
  Query q(kEnd);
  q.Set("t", tenant_id).Set("id", id).Set("to", to_on).Set("reason", reason).Set("now", NowUtc());
  if (user_id) q.Set("by", user_id);
  else q.SetNull("by");
  Exec(sql, q);
}

}  // namespace qizhi::health::outreach
