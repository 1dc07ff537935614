#include "party/development/store.hpp"

#include <map>
#include <nlohmann/json.hpp>

#include "platform/core/clock.hpp"
#include "platform/db/query.hpp"

namespace qizhi::party::development {
using platform::db::Exec;
using platform::db::Fetch;
using platform::db::FetchOne;
using platform::db::InsertReturningId;
using platform::db::Query;
using platform::db::Row;
using platform::db::Scalar;
using platform::db::ScopeFilter;

namespace {

inline constexpr std::string_view kCandidateColumns =
    "SELECT c.tenant_id, c.id, c.unit_id, c.unit_path, o.name AS unit_name, c.name, c.sex, c.id_enc, c.id_bidx, "
    "c.id_mask, c.birth_date, c.ethnicity, c.education, c.category, c.job, c.phone_enc, c.phone_bidx, c.phone_mask, "
    "c.youth_league, c.league_recommended, c.member_id, c.role, c.stage, c.last_step, c.applied_on, c.activist_on, "
    "c.object_on, c.probation_on, c.full_on, c.violations, c.open_violations, c.next_due_on, c.created_at, c.version";
inline constexpr std::string_view kCandidateFrom =
    " FROM development_candidates c JOIN org_units o ON o.tenant_id = c.tenant_id AND o.id = c.unit_id WHERE 1 = 1";

inline constexpr std::string_view kRecordColumns =
    "SELECT r.tenant_id, r.id, r.candidate_id, r.step, r.done_on, r.unit_id, o.name AS unit_name, r.people_json, "
    "r.documents_json, r.conclusion, r.training_days, r.training_hours, r.voting, r.present, r.in_favour, "
    "r.extension_months, r.reason, r.state, r.void_reason, r.created_at, r.updated_at, r.version "
    "FROM development_records r LEFT JOIN org_units o ON o.tenant_id = r.tenant_id AND o.id = r.unit_id";

CandidateRecord CandidateFrom(const Row& r) {
  CandidateRecord c;
  c.tenant_id = r.Int("tenant_id");
  c.id = r.Int("id");
  c.unit_id = r.Int("unit_id");
  c.unit_path = r.Str("unit_path");
  c.unit_name = r.Str("unit_name");
  c.name = r.Str("name");
  c.sex = r.Str("sex");
  c.id_enc = r.Str("id_enc");
  c.id_bidx = r.Str("id_bidx");
  c.id_mask = r.Str("id_mask");
  c.birth_date = r.Str("birth_date");
  c.ethnicity = r.Str("ethnicity");
  c.education = r.Str("education");
  c.category = r.Str("category");
  c.job = r.Str("job");
  c.phone_enc = r.Str("phone_enc");
  c.phone_bidx = r.Str("phone_bidx");
  c.phone_mask = r.Str("phone_mask");
  c.youth_league = r.Int("youth_league") != 0;
  c.league_recommended = r.Int("league_recommended") != 0;
  c.member_id = r.OptInt("member_id");
  c.d.role = r.Str("role");
  c.d.stage = static_cast<int>(r.Int("stage"));
  c.d.last_step = static_cast<int>(r.Int("last_step"));
  c.d.applied_on = r.Str("applied_on");
  c.d.activist_on = r.Str("activist_on");
  c.d.object_on = r.Str("object_on");
  c.d.probation_on = r.Str("probation_on");
  c.d.full_on = r.Str("full_on");
  c.d.violations = static_cast<int>(r.Int("violations"));
  c.d.open_violations = static_cast<int>(r.Int("open_violations"));
  c.d.next_due_on = r.Str("next_due_on");
  c.created_at = r.Str("created_at");
  c.version = r.Int("version");
  return c;
}

std::string PeopleJson(const std::vector<StoredPerson>& people) {
  nlohmann::json a = nlohmann::json::array();
  for (const auto& p : people)
    a.push_back({{"member_id", p.member_id ? nlohmann::json(*p.member_id) : nlohmann::json(nullptr)},
                 {"name", p.name},
                 {"is_full_member", p.is_full_member}});
  return a.dump();
}

std::vector<StoredPerson> PeopleFrom(const std::string& text) {
  std::vector<StoredPerson> out;
  auto a = nlohmann::json::parse(text, nullptr, false);
  if (!a.is_array()) return out;
  for (const auto& p : a) {
    StoredPerson sp;
    if (p.contains("member_id") && p["member_id"].is_number_integer()) sp.member_id = p["member_id"].get<int64_t>();
    sp.name = p.value("name", "");
    sp.is_full_member = p.value("is_full_member", false);
    out.push_back(sp);
  }
  return out;
}

std::vector<std::string> DocumentsFrom(const std::string& text) {
  std::vector<std::string> out;
  auto a = nlohmann::json::parse(text, nullptr, false);
  if (!a.is_array()) return out;
  for (const auto& d : a)
    if (d.is_string()) out.push_back(d.get<std::string>());
  return out;
}

RecordRow RecordFrom(const Row& r) {
  RecordRow x;
  x.tenant_id = r.Int("tenant_id");
  x.id = r.Int("id");
  x.candidate_id = r.Int("candidate_id");
  x.step = static_cast<int>(r.Int("step"));
  x.done_on = r.Str("done_on");
  x.unit_id = r.Int("unit_id");
  x.unit_name = r.Str("unit_name");
  x.people = PeopleFrom(r.Str("people_json"));
  x.documents = DocumentsFrom(r.Str("documents_json"));
  x.conclusion = r.Str("conclusion");
  x.training_days = static_cast<int>(r.Int("training_days"));
  x.training_hours = static_cast<int>(r.Int("training_hours"));
  x.voting = static_cast<int>(r.Int("voting"));
  x.present = static_cast<int>(r.Int("present"));
  x.in_favour = static_cast<int>(r.Int("in_favour"));
  x.extension_months = static_cast<int>(r.Int("extension_months"));
  x.reason = r.Str("reason");
  x.state = r.Str("state");
  x.void_reason = r.Str("void_reason");
  x.created_at = r.Str("created_at");
  x.updated_at = r.Str("updated_at");
  x.version = r.Int("version");
  return x;
}


void SetBasic(Query& q, const CandidateRecord& c) {
  q.Set("unit", c.unit_id)
      .Set("name", c.name)
      .Set("sex", c.sex)
      .Set("id_enc", c.id_enc)
      .Set("id_bidx", c.id_bidx)
      .Set("id_mask", c.id_mask)
      .Set("birth", c.birth_date)
      .Set("ethnicity", c.ethnicity)
      .Set("education", c.education)
      .Set("category", c.category)
      .Set("league", c.youth_league ? 1 : 0)
      .Set("recommended", c.league_recommended ? 1 : 0);
  q.SetTextOrNull("job", c.job);
  q.SetTextOrNull("phone_enc", c.phone_enc);
  q.SetTextOrNull("phone_bidx", c.phone_bidx);
  q.SetTextOrNull("phone_mask", c.phone_mask);
}

void SetContent(Query& q, const RecordRow& r) {
  q.Set("step", r.step)
      .Set("done_on", r.done_on)
      .Set("unit", r.unit_id)
      .Set("people", PeopleJson(r.people))
      .Set("documents", nlohmann::json(r.documents).dump())
      .Set("days", r.training_days)
      .Set("hours", r.training_hours)
      .Set("voting", r.voting)
      .Set("present", r.present)
      .Set("favour", r.in_favour)
      .Set("ext", r.extension_months)
      .Set("state", r.state);
  q.SetTextOrNull("conclusion", r.conclusion);
  q.SetTextOrNull("reason", r.reason);
  q.SetTextOrNull("void_reason", r.void_reason);
}

// The column holding the date a role began, for `became`.
const char* RoleDateColumn(const std::string& role) {
  if (role == "申请人") return "c.applied_on";
  if (role == "积极分子") return "c.activist_on";
  if (role == "发展对象") return "c.object_on";
  if (role == "预备党员") return "c.probation_on";
  if (role == "正式党员") return "c.full_on";
  return nullptr;
}

// FROM … WHERE … of a filter: the one place the candidate list and its figures are defined.
void AppendFilter(Query& q, const Scope& scope, const CandidateFilter& f) {
  q << kCandidateFrom;
  ScopeFilter(q, scope, "c.tenant_id", "c.unit_path");
  if (f.org_path) q << " AND c.unit_path LIKE " << q.Bind(*f.org_path + "%");
  if (f.stage > 0) q << " AND c.stage = " << q.Bind(static_cast<int64_t>(f.stage));
  if (!f.role.empty()) q << " AND c.role = " << q.Bind(f.role);
  const char* date_col = f.became.empty() ? "c.applied_on" : RoleDateColumn(f.became);
  if (date_col && !f.became.empty()) q << " AND " << date_col << " IS NOT NULL";
  if (date_col && !f.from.empty()) q << " AND " << date_col << " >= " << q.Bind(f.from);
  if (date_col && !f.to.empty()) q << " AND " << date_col << " <= " << q.Bind(f.to);
  if (f.violations == "any") q << " AND c.violations > 0";
  if (f.violations == "open") q << " AND c.open_violations > 0";
  if (f.overdue) q << " AND c.next_due_on < " << q.Bind(TodayShanghai());
  if (!f.name_contains.empty())
    q << " AND c.name LIKE " << q.Bind(platform::db::ContainsPattern(f.name_contains)) << " ESCAPE '\\'";
  if (!f.id_bidx.empty()) q << " AND c.id_bidx = " << q.Bind(f.id_bidx);
}

}  // namespace

int64_t CountCandidates(soci::session& sql, const Scope& scope, const CandidateFilter& f) {
  Query q("SELECT COUNT(*)");
  AppendFilter(q, scope, f);
  return Scalar(sql, q);
}

std::vector<CandidateRecord> ListCandidates(soci::session& sql, const Scope& scope, const CandidateFilter& f,
                                            const std::string& sort, bool desc, int64_t offset, int64_t limit) {
  Query q(kCandidateColumns);
  AppendFilter(q, scope, f);
  const char* dir = desc ? " DESC" : "";
  if (sort == "name") q << " ORDER BY c.name" << dir << ", c.id";
  else if (sort == "applied_on") q << " ORDER BY c.applied_on" << dir << ", c.id";
  else if (sort == "next_due_on") q << " ORDER BY c.next_due_on" << dir << ", c.id";
  else if (sort == "id") q << " ORDER BY c.id" << dir;
  else q << " ORDER BY c.tenant_id, c.unit_path" << dir << ", c.name, c.id";
  q << " LIMIT " << q.Bind(limit) << " OFFSET " << q.Bind(offset);
  std::vector<CandidateRecord> out;
  for (const auto& r : Fetch(sql, q)) out.push_back(CandidateFrom(r));
  return out;
}

std::vector<CandidateRecord> AllCandidates(soci::session& sql, const Scope& scope,
                                           const std::optional<std::string>& org_path) {
  Query q(kCandidateColumns);
  q << kCandidateFrom;
  ScopeFilter(q, scope, "c.tenant_id", "c.unit_path");
  if (org_path) q << " AND c.unit_path LIKE " << q.Bind(*org_path + "%");
  q << " ORDER BY c.tenant_id, c.unit_path, c.name, c.id";
  std::vector<CandidateRecord> out;
  for (const auto& r : Fetch(sql, q)) out.push_back(CandidateFrom(r));
  return out;
}

std::optional<CandidateRecord> FindCandidate(soci::session& sql, const Scope& scope, int64_t id) {
  Query q(kCandidateColumns);
  q << kCandidateFrom << " AND c.id = " << q.Bind(id);
  ScopeFilter(q, scope, "c.tenant_id", "c.unit_path");
  auto r = FetchOne(sql, q);
  if (!r) return std::nullopt;
  return CandidateFrom(*r);
}

std::optional<CandidateRecord> FindCandidateByIdNumber(soci::session& sql, int64_t tenant_id,
                                                       const std::string& id_bidx) {
  Query q(kCandidateColumns);
  q << kCandidateFrom << " AND c.tenant_id = " << q.Bind(tenant_id) << " AND c.id_bidx = " << q.Bind(id_bidx);
  auto r = FetchOne(sql, q);
  if (!r) return std::nullopt;
  return CandidateFrom(*r);
}

int64_t InsertCandidate(soci::session& sql, const CandidateRecord& c, int64_t user_id) {
  const std::string now = NowUtc();
  Query q(
      "INSERT INTO development_candidates (tenant_id, unit_id, unit_path, name, sex, id_enc, id_bidx, id_mask, "
      "birth_date, ethnicity, education, category, job, phone_enc, phone_bidx, phone_mask, youth_league, "
      "league_recommended, created_at, created_by, updated_at) VALUES (:t, :unit, (SELECT path FROM org_units WHERE "
      "tenant_id = :t2 AND id = :unit2), :name, :sex, :id_enc, :id_bidx, :id_mask, :birth, :ethnicity, :education, "
      ":category, :job, :phone_enc, :phone_bidx, :phone_mask, :league, :recommended, :now, :by, :now2) RETURNING id");
  q.Set("t", c.tenant_id).Set("t2", c.tenant_id).Set("unit2", c.unit_id).Set("now", now).Set("now2", now);
  if (user_id) q.Set("by", user_id);
  else q.SetNull("by");
  SetBasic(q, c);
  return InsertReturningId(sql, q);
}

bool UpdateCandidate(soci::session& sql, const CandidateRecord& c, int64_t expected_version) {
  Query q(
      "UPDATE development_candidates SET unit_id = :unit, unit_path = (SELECT path FROM org_units WHERE tenant_id = "
      ":t2 AND id = :unit2), name = :name, sex = :sex, id_enc = :id_enc, id_bidx = :id_bidx, id_mask = :id_mask, "
      "birth_date = :birth, ethnicity = :ethnicity, education = :education, category = :category, job = :job, "
      "phone_enc = :phone_enc, phone_bidx = :phone_bidx, phone_mask = :phone_mask, youth_league = :league, "
      "league_recommended = :recommended, updated_at = :now, version = version + 1 "
      "WHERE tenant_id = :t AND id = :id AND version = :v");
  q.Set("t", c.tenant_id).Set("t2", c.tenant_id).Set("unit2", c.unit_id).Set("id", c.id).Set("v", expected_version);
  q.Set("now", NowUtc());
  SetBasic(q, c);
  return Exec(sql, q) == 1;
}

void LockCandidate(soci::session& sql, int64_t tenant_id, int64_t candidate_id) {
  Query q("UPDATE development_candidates SET version = version WHERE tenant_id = :t AND id = :id");
  q.Set("t", tenant_id).Set("id", candidate_id);
  Exec(sql, q);
}

void SaveDerived(soci::session& sql, int64_t tenant_id, int64_t candidate_id, const Derived& d) {
  Query q(
      "UPDATE development_candidates SET role = :role, stage = :stage, last_step = :last, applied_on = :applied, "
      "activist_on = :activist, object_on = :object, probation_on = :probation, full_on = :full, violations = "
      ":violations, open_violations = :open, next_due_on = :due, updated_at = :now WHERE tenant_id = :t AND id = :id");
  q.Set("role", d.role)
      .Set("stage", d.stage)
      .Set("last", d.last_step)
      .Set("violations", d.violations)
      .Set("open", d.open_violations)
      .Set("now", NowUtc())
      .Set("t", tenant_id)
      .Set("id", candidate_id);
  q.SetTextOrNull("applied", d.applied_on);
  q.SetTextOrNull("activist", d.activist_on);
  q.SetTextOrNull("object", d.object_on);
  q.SetTextOrNull("probation", d.probation_on);
  q.SetTextOrNull("full", d.full_on);
  q.SetTextOrNull("due", d.next_due_on);
  Exec(sql, q);
}

void SetMemberId(soci::session& sql, int64_t tenant_id, int64_t candidate_id, int64_t member_id) {
  Query q("UPDATE development_candidates SET member_id = :m WHERE tenant_id = :t AND id = :id");
  q.Set("m", member_id).Set("t", tenant_id).Set("id", candidate_id);
  Exec(sql, q);
}

std::vector<RecordRow> RecordsOf(soci::session& sql, int64_t tenant_id, const std::vector<int64_t>& candidate_ids) {
  std::vector<RecordRow> out;
  constexpr size_t kSlice = 500;  // SQLite's parameter limit, and smaller statements plan faster
  for (size_t start = 0; start < candidate_ids.size(); start += kSlice) {
    Query q(kRecordColumns);
    q << " WHERE r.tenant_id = " << q.Bind(tenant_id) << " AND r.candidate_id IN (";
    for (size_t i = start; i < std::min(candidate_ids.size(), start + kSlice); ++i) {
      if (i > start) q << ", ";
      q << q.Bind(candidate_ids[i]);
    }
    q << ") ORDER BY r.candidate_id, r.step, r.done_on, r.id";
    for (const auto& r : Fetch(sql, q)) out.push_back(RecordFrom(r));
  }
  return out;
}

std::optional<RecordRow> FindRecord(soci::session& sql, int64_t tenant_id, int64_t candidate_id, int64_t record_id) {
  Query q(kRecordColumns);
  q << " WHERE r.tenant_id = " << q.Bind(tenant_id) << " AND r.candidate_id = " << q.Bind(candidate_id)
    << " AND r.id = " << q.Bind(record_id);
  auto r = FetchOne(sql, q);
  if (!r) return std::nullopt;
  return RecordFrom(*r);
}

int64_t InsertRecord(soci::session& sql, const RecordRow& r, int64_t user_id) {
  const std::string now = NowUtc();
  Query q(
      "INSERT INTO development_records (tenant_id, candidate_id, step, done_on, unit_id, people_json, documents_json, "
      "conclusion, training_days, training_hours, voting, present, in_favour, extension_months, reason, state, "
      "void_reason, created_at, created_by, updated_at) VALUES (:t, :c, :step, :done_on, :unit, :people, :documents, "
      ":conclusion, :days, :hours, :voting, :present, :favour, :ext, :reason, :state, :void_reason, :now, :by, :now2) "
      "RETURNING id");
  q.Set("t", r.tenant_id).Set("c", r.candidate_id).Set("now", now).Set("now2", now);
  if (user_id) q.Set("by", user_id);
  else q.SetNull("by");
  SetContent(q, r);
  return InsertReturningId(sql, q);
}

bool ReplaceRecord(soci::session& sql, const RecordRow& before, const RecordRow& after, const std::string& change_kind,
                   const std::string& change_reason, int64_t expected_version, int64_t user_id) {
  Query q(
      "UPDATE development_records SET step = :step, done_on = :done_on, unit_id = :unit, people_json = :people, "
      "documents_json = :documents, conclusion = :conclusion, training_days = :days, training_hours = :hours, voting "
      "= :voting, present = :present, in_favour = :favour, extension_months = :ext, reason = :reason, state = :state, "
      "void_reason = :void_reason, updated_at = :now, version = version + 1 WHERE tenant_id = :t AND id = :id AND "
      "version = :v");
  q.Set("now", NowUtc()).Set("t", before.tenant_id).Set("id", before.id).Set("v", expected_version);
  SetContent(q, after);
  if (Exec(sql, q) != 1) return false;
  nlohmann::json snap = {{"step", before.step},
                         {"date", before.done_on},
                         {"unit_id", before.unit_id},
                         {"people", nlohmann::json::parse(PeopleJson(before.people))},
                         {"documents", before.documents},
                         {"conclusion", before.conclusion},
                         {"training_days", before.training_days},
                         {"training_hours", before.training_hours},
                         {"voting", before.voting},
                         {"present", before.present},
                         {"in_favour", before.in_favour},
                         {"extension_months", before.extension_months},
                         {"reason", before.reason},
                         {"state", before.state},
                         {"updated_at", before.updated_at}};
  Query h(
      "INSERT INTO development_record_history (tenant_id, record_id, candidate_id, version, snapshot_json, "
      "change_kind, change_reason, changed_at, changed_by) VALUES (:t, :r, :c, :v, :snap, :kind, :reason, :now, :by)");
  h.Set("t", before.tenant_id)
      .Set("r", before.id)
      .Set("c", before.candidate_id)
      .Set("v", before.version)
      .Set("snap", snap.dump())
      .Set("kind", change_kind)
      .Set("reason", change_reason)
      .Set("now", NowUtc());
  if (user_id) h.Set("by", user_id);
  else h.SetNull("by");
  Exec(sql, h);
  return true;
}

std::vector<RecordVersion> VersionsOf(soci::session& sql, int64_t tenant_id, int64_t record_id) {
  Query q(
      "SELECT version, snapshot_json, change_kind, change_reason, changed_at FROM development_record_history WHERE "
      "tenant_id = :t AND record_id = :r ORDER BY version");
  q.Set("t", tenant_id).Set("r", record_id);
  std::vector<RecordVersion> out;
  for (const auto& r : Fetch(sql, q))
    out.push_back({r.Int("version"), r.Str("snapshot_json"), r.Str("change_kind"), r.Str("change_reason"),
                   r.Str("changed_at")});
  return out;
}

}  // namespace qizhi::party::development
