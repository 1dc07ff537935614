#include "party/scoring/store.hpp"

#include "platform/core/clock.hpp"
#include "platform/db/query.hpp"

namespace qizhi::party::scoring {
using platform::db::Exec;
using platform::db::Fetch;
using platform::db::FetchOne;
using platform::db::InsertReturningId;
using platform::db::Query;
using platform::db::Row;
using platform::db::Scalar;
using platform::db::ScopeFilter;

namespace {

inline constexpr std::string_view kChecklistColumns =
    "SELECT c.tenant_id, c.id, c.code, c.version, c.title, c.created_at, c.superseded_at FROM score_checklists c "
    "WHERE 1 = 1";
inline constexpr std::string_view kChecklistItems =
    "SELECT code, title, max_score, guidance FROM score_checklist_items WHERE tenant_id = :t AND checklist_id = :c "
    "ORDER BY seq";
inline constexpr std::string_view kInsertChecklist =
    "INSERT INTO score_checklists (tenant_id, code, version, title, created_at, created_by) VALUES (:t, :code, :v, "
    ":title, :now, :by) RETURNING id";
inline constexpr std::string_view kInsertChecklistItem =
    "INSERT INTO score_checklist_items (tenant_id, checklist_id, seq, code, title, max_score, guidance) VALUES (:t, "
    ":c, :seq, :code, :title, :max, :guidance)";

inline constexpr std::string_view kInspectionColumns =
    "SELECT i.tenant_id, i.id, i.unit_id, i.unit_path, o.name AS unit_name, i.checklist_id, c.code AS checklist_code, "
    "c.title AS checklist_title, c.version AS checklist_version, i.inspected_on, i.inspector_id, i.inspector_name, "
    "i.total, i.max_total, i.note, i.state, i.corrects_id, i.superseded_by, i.void_reason, i.created_at "
    "FROM score_inspections i JOIN org_units o ON o.tenant_id = i.tenant_id AND o.id = i.unit_id "
    "JOIN score_checklists c ON c.tenant_id = i.tenant_id AND c.id = i.checklist_id WHERE 1 = 1";
inline constexpr std::string_view kInspectionItems =
    "SELECT item_code, item_title, max_score, score, note FROM score_inspection_items WHERE tenant_id = :t AND "
    "inspection_id = :i ORDER BY seq";

inline constexpr std::string_view kCommendationColumns =
    "SELECT a.tenant_id, a.id, a.kind, a.year, a.unit_id, a.unit_path, o.name AS unit_name, a.member_id, "
    "a.subject_name, a.decided_on, a.basis, a.assessment_result_id, a.created_at, r.id AS revoked_by_id, "
    "r.reason AS revoke_reason, r.decided_on AS revoked_on FROM commendations a "
    "JOIN org_units o ON o.tenant_id = a.tenant_id AND o.id = a.unit_id "
    "LEFT JOIN commendations r ON r.tenant_id = a.tenant_id AND r.revokes_id = a.id AND r.action = 'revoke' "
    "WHERE a.action = 'award'";

void SetUser(Query& q, const std::string& name, int64_t user_id) {
  if (user_id) q.Set(name, user_id);
  else q.SetNull(name);
}

ChecklistRecord ChecklistFrom(soci::session& sql, const Row& r) {
  ChecklistRecord c;
  c.tenant_id = r.Int("tenant_id");
  c.id = r.Int("id");
  c.version = r.Int("version");
  c.list.code = r.Str("code");
  c.list.title = r.Str("title");
  c.created_at = r.Str("created_at");
  c.superseded_at = r.OptStr("superseded_at");
  Query q(kChecklistItems);
  q.Set("t", c.tenant_id).Set("c", c.id);
  for (const auto& i : Fetch(sql, q))
    c.list.items.push_back({i.Str("code"), i.Str("title"), static_cast<int>(i.Int("max_score")), i.Str("guidance")});
  return c;
}

InspectionRecord InspectionFrom(const Row& r) {
  InspectionRecord i;
  i.tenant_id = r.Int("tenant_id");
  i.id = r.Int("id");
  i.unit_id = r.Int("unit_id");
  i.unit_path = r.Str("unit_path");
  i.unit_name = r.Str("unit_name");
  i.checklist_id = r.Int("checklist_id");
  i.checklist_code = r.Str("checklist_code");
  i.checklist_title = r.Str("checklist_title");
  i.checklist_version = r.Int("checklist_version");
  i.inspected_on = r.Str("inspected_on");
  i.inspector_id = r.Int("inspector_id");
  i.inspector_name = r.Str("inspector_name");
  i.total = static_cast<int>(r.Int("total"));
  i.max_total = static_cast<int>(r.Int("max_total"));
  i.note = r.Str("note");
  i.state = r.Str("state");
  i.corrects_id = r.OptInt("corrects_id");
  i.superseded_by = r.OptInt("superseded_by");
  i.void_reason = r.Str("void_reason");
  i.created_at = r.Str("created_at");
  return i;
}

void AppendInspectionFilter(Query& q, const Scope& scope, const InspectionFilter& f) {
  ScopeFilter(q, scope, "i.tenant_id", "i.unit_path");
  if (f.state != "all") q << " AND i.state = " << q.Bind(f.state);
  if (f.org_path) q << " AND i.unit_path LIKE " << q.Bind(*f.org_path + "%");
  if (!f.from.empty()) q << " AND i.inspected_on >= " << q.Bind(f.from);
  if (!f.to.empty()) q << " AND i.inspected_on <= " << q.Bind(f.to);
  if (!f.checklist.empty()) q << " AND c.code = " << q.Bind(f.checklist);
  if (!f.q.empty()) {
    const std::string p = platform::db::ContainsPattern(f.q);
    q << " AND (o.name LIKE " << q.Bind(p) << " ESCAPE '\\' OR i.inspector_name LIKE " << q.Bind(p)
      << " ESCAPE '\\' OR i.note LIKE " << q.Bind(p) << " ESCAPE '\\')";
  }
}

CommendationRecord CommendationFrom(const Row& r) {
  CommendationRecord c;
  c.tenant_id = r.Int("tenant_id");
  c.id = r.Int("id");
  c.kind = r.Str("kind");
  c.year = static_cast<int>(r.Int("year"));
  c.unit_id = r.Int("unit_id");
  c.unit_path = r.Str("unit_path");
  c.unit_name = r.Str("unit_name");
  c.member_id = r.OptInt("member_id");
  c.subject_name = r.Str("subject_name");
  c.decided_on = r.Str("decided_on");
  c.basis = r.Str("basis");
  c.assessment_result_id = r.OptInt("assessment_result_id");
  c.created_at = r.Str("created_at");
  c.revoked_by_id = r.OptInt("revoked_by_id");
  c.revoke_reason = r.Str("revoke_reason");
  c.revoked_on = r.Str("revoked_on");
  return c;
}

void AppendCommendationFilter(Query& q, const Scope& scope, const CommendationFilter& f) {
  ScopeFilter(q, scope, "a.tenant_id", "a.unit_path");
  if (f.state == "active") q << " AND r.id IS NULL";
  else if (f.state == "revoked") q << " AND r.id IS NOT NULL";
  if (f.org_path) q << " AND a.unit_path LIKE " << q.Bind(*f.org_path + "%");
  if (f.year) q << " AND a.year = " << q.Bind(static_cast<int64_t>(*f.year));
  if (!f.kind.empty()) q << " AND a.kind = " << q.Bind(f.kind);
  if (!f.q.empty()) {
    const std::string p = platform::db::ContainsPattern(f.q);
    q << " AND (a.subject_name LIKE " << q.Bind(p) << " ESCAPE '\\' OR a.basis LIKE " << q.Bind(p) << " ESCAPE '\\')";
  }
}

}  // namespace

bool PathInScope(const Scope& scope, const std::string& path) {
  if (scope.org_paths.empty()) return true;
  for (const auto& p : scope.org_paths)
    if (path.rfind(p, 0) == 0) return true;
  return false;
}

std::vector<ChecklistRecord> CurrentChecklists(soci::session& sql, const Scope& scope) {
  Query q(kChecklistColumns);
  q << " AND c.superseded_at IS NULL";
  ScopeFilter(q, scope, "c.tenant_id");
  q << " ORDER BY c.tenant_id, c.id";
  std::vector<ChecklistRecord> out;
  for (const auto& r : Fetch(sql, q)) out.push_back(ChecklistFrom(sql, r));
  return out;
}

std::optional<ChecklistRecord> FindChecklist(soci::session& sql, const Scope& scope, int64_t id) {
  Query q(kChecklistColumns);
  q << " AND c.id = " << q.Bind(id);
  ScopeFilter(q, scope, "c.tenant_id");
  auto r = FetchOne(sql, q);
  if (!r) return std::nullopt;
  return ChecklistFrom(sql, *r);
}

int64_t SaveChecklistVersion(soci::session& sql, int64_t tenant_id, const Checklist& list, int64_t user_id) {
  const std::string now = NowUtc();
  Query v("SELECT MAX(version) FROM score_checklists WHERE tenant_id = :t AND code = :code");
  v.Set("t", tenant_id).Set("code", list.code);
  const int64_t next = Scalar(sql, v) + 1;
  Query up("UPDATE score_checklists SET superseded_at = :now WHERE tenant_id = :t AND code = :code AND superseded_at IS NULL");
  up.Set("now", now).Set("t", tenant_id).Set("code", list.code);
  Exec(sql, up);
  Query ins(kInsertChecklist);
  ins.Set("t", tenant_id).Set("code", list.code).Set("v", next).Set("title", list.title).Set("now", now);
  SetUser(ins, "by", user_id);
  const int64_t id = InsertReturningId(sql, ins);
  int64_t seq = 0;
  for (const auto& it : list.items) {
    Query qi(kInsertChecklistItem);
    qi.Set("t", tenant_id).Set("c", id).Set("seq", ++seq).Set("code", it.code).Set("title", it.title);
    qi.Set("max", static_cast<int64_t>(it.max_score)).SetTextOrNull("guidance", it.guidance);
    Exec(sql, qi);
  }
  return id;
}

void SeedDefaultChecklists(soci::session& sql, int64_t tenant_id) {
  for (const auto& c : DefaultChecklists()) SaveChecklistVersion(sql, tenant_id, c, 0);
}

int64_t CountInspections(soci::session& sql, const Scope& scope, const InspectionFilter& f) {
  Query q(
      "SELECT COUNT(*) FROM score_inspections i JOIN org_units o ON o.tenant_id = i.tenant_id AND o.id = i.unit_id "
      "JOIN score_checklists c ON c.tenant_id = i.tenant_id AND c.id = i.checklist_id WHERE 1 = 1");
  AppendInspectionFilter(q, scope, f);
  return Scalar(sql, q);
}

std::vector<InspectionRecord> ListInspections(soci::session& sql, const Scope& scope, const InspectionFilter& f,
                                              const std::string& sort, bool desc, int64_t offset, int64_t limit) {
  Query q(kInspectionColumns);
  AppendInspectionFilter(q, scope, f);
  const char* dir = desc ? " DESC" : "";
  if (sort == "unit") q << " ORDER BY i.unit_path" << dir << ", i.inspected_on DESC, i.id DESC";
  else if (sort == "total") q << " ORDER BY i.total * 1000 / i.max_total" << dir << ", i.id DESC";
  else q << " ORDER BY i.inspected_on" << dir << ", i.id" << dir;
  q << " LIMIT " << q.Bind(limit) << " OFFSET " << q.Bind(offset);
  std::vector<InspectionRecord> out;
  for (const auto& r : Fetch(sql, q)) out.push_back(InspectionFrom(r));
  return out;
}

std::optional<InspectionRecord> FindInspection(soci::session& sql, const Scope& scope, int64_t id) {
  Query q(kInspectionColumns);
  q << " AND i.id = " << q.Bind(id);
  ScopeFilter(q, scope, "i.tenant_id", "i.unit_path");
  auto r = FetchOne(sql, q);
  if (!r) return std::nullopt;
  auto rec = InspectionFrom(*r);
  Query qi(kInspectionItems);
  qi.Set("t", rec.tenant_id).Set("i", rec.id);
  for (const auto& x : Fetch(sql, qi))
    rec.items.push_back({x.Str("item_code"), x.Str("item_title"), static_cast<int>(x.Int("max_score")),
                         static_cast<int>(x.Int("score")), x.Str("note")});
  return rec;
}

int64_t InsertInspection(soci::session& sql, const InspectionRecord& r) {
  const std::string now = NowUtc();
  Query q(
      "INSERT INTO score_inspections (tenant_id, unit_id, unit_path, checklist_id, inspected_on, inspector_id, "
      "inspector_name, total, max_total, note, state, corrects_id, created_at, updated_at) VALUES (:t, :unit, :path, "
      ":c, :on, :by, :by_name, :total, :max, :note, 'active', :corrects, :now, :now2) RETURNING id");
  q.Set("t", r.tenant_id).Set("unit", r.unit_id).Set("path", r.unit_path).Set("c", r.checklist_id);
  q.Set("on", r.inspected_on).Set("by_name", r.inspector_name).Set("total", static_cast<int64_t>(r.total));
  q.Set("max", static_cast<int64_t>(r.max_total)).SetTextOrNull("note", r.note).SetOptional("corrects", r.corrects_id);
  q.Set("now", now).Set("now2", now);
  SetUser(q, "by", r.inspector_id);
  const int64_t id = InsertReturningId(sql, q);
  int64_t seq = 0;
  for (const auto& it : r.items) {
    Query qi(
        "INSERT INTO score_inspection_items (tenant_id, inspection_id, seq, item_code, item_title, max_score, score, "
        "note) VALUES (:t, :i, :seq, :code, :title, :max, :score, :note)");
    qi.Set("t", r.tenant_id).Set("i", id).Set("seq", ++seq).Set("code", it.code).Set("title", it.title);
    qi.Set("max", static_cast<int64_t>(it.max_score)).Set("score", static_cast<int64_t>(it.score));
    qi.SetTextOrNull("note", it.note);
    Exec(sql, qi);
  }
  return id;
}

bool SupersedeInspection(soci::session& sql, int64_t tenant_id, int64_t id, int64_t by) {
  Query q("UPDATE score_inspections SET state = 'superseded', superseded_by = :by, updated_at = :now "
          "WHERE tenant_id = :t AND id = :id AND state = 'active'");
  q.Set("by", by).Set("now", NowUtc()).Set("t", tenant_id).Set("id", id);
  return Exec(sql, q) == 1;
}

bool VoidInspection(soci::session& sql, int64_t tenant_id, int64_t id, const std::string& reason) {
  Query q("UPDATE score_inspections SET state = 'void', void_reason = :reason, updated_at = :now "
          "WHERE tenant_id = :t AND id = :id AND state = 'active'");
  q.Set("reason", reason).Set("now", NowUtc()).Set("t", tenant_id).Set("id", id);
  return Exec(sql, q) == 1;
}

std::optional<Weights> StoredWeights(soci::session& sql, int64_t tenant_id, int year) {
  Query q("SELECT inspection, meetings, study, dues FROM score_weights WHERE tenant_id = :t AND year = :y AND "
          "superseded_at IS NULL");
  q.Set("t", tenant_id).Set("y", static_cast<int64_t>(year));
  auto r = FetchOne(sql, q);
  if (!r) return std::nullopt;
  return Weights{static_cast<int>(r->Int("inspection")), static_cast<int>(r->Int("meetings")),
                 static_cast<int>(r->Int("study")), static_cast<int>(r->Int("dues"))};
}

void SaveWeights(soci::session& sql, int64_t tenant_id, int year, const Weights& w, int64_t user_id) {
  const std::string now = NowUtc();
  Query up("UPDATE score_weights SET superseded_at = :now WHERE tenant_id = :t AND year = :y AND superseded_at IS NULL");
  up.Set("now", now).Set("t", tenant_id).Set("y", static_cast<int64_t>(year));
  Exec(sql, up);
  Query q("INSERT INTO score_weights (tenant_id, year, inspection, meetings, study, dues, created_at, created_by) "
          "VALUES (:t, :y, :i, :m, :s, :d, :now, :by)");
  q.Set("t", tenant_id).Set("y", static_cast<int64_t>(year)).Set("i", static_cast<int64_t>(w.inspection));
  q.Set("m", static_cast<int64_t>(w.meetings)).Set("s", static_cast<int64_t>(w.study)).Set("d", static_cast<int64_t>(w.dues));
  q.Set("now", now);
  SetUser(q, "by", user_id);
  Exec(sql, q);
}

std::map<int64_t, std::pair<int64_t, int64_t>> InspectionSums(soci::session& sql, const Scope& scope, int year) {
  Query q("SELECT i.unit_id, SUM(i.total) AS got, SUM(i.max_total) AS max FROM score_inspections i "
          "WHERE i.state = 'active'");
  ScopeFilter(q, scope, "i.tenant_id", "i.unit_path");
  q << " AND i.inspected_on >= " << q.Bind(std::to_string(year) + "-01-01") << " AND i.inspected_on <= "
    << q.Bind(std::to_string(year) + "-12-31") << " GROUP BY i.unit_id";
  std::map<int64_t, std::pair<int64_t, int64_t>> out;
  for (const auto& r : Fetch(sql, q)) out[r.Int("unit_id")] = {r.Int("got"), r.Int("max")};
  return out;
}

std::map<std::string, std::pair<int64_t, int64_t>> StudySums(soci::session& sql, const Scope& scope, int year) {
  Query q("SELECT m.unit_path, SUM(m.should_count) AS should, SUM(m.came_count) AS came FROM meetings m "
          "WHERE m.state = 'active' AND m.type IN ('study', 'party_lecture')");
  ScopeFilter(q, scope, "m.tenant_id", "m.unit_path");
  q << " AND m.held_on >= " << q.Bind(std::to_string(year) + "-01-01") << " AND m.held_on <= "
    << q.Bind(std::to_string(year) + "-12-31") << " GROUP BY m.unit_path";
  std::map<std::string, std::pair<int64_t, int64_t>> out;
  for (const auto& r : Fetch(sql, q)) out[r.Str("unit_path")] = {r.Int("should"), r.Int("came")};
  return out;
}

std::optional<FinalisedAssessment> FindFinalised(soci::session& sql, const Scope& scope, int64_t tenant_id, int year) {
  Query q("SELECT tenant_id, id, year, weights_json, finalised_at, finalised_by_name FROM score_assessments "
          "WHERE tenant_id = :t AND year = :y");
  q.Set("t", tenant_id).Set("y", static_cast<int64_t>(year));
  ScopeFilter(q, scope, "tenant_id");
  auto r = FetchOne(sql, q);
  if (!r) return std::nullopt;
  FinalisedAssessment a{r->Int("tenant_id"), r->Int("id"), year, r->Str("weights_json"), r->Str("finalised_at"),
                        r->Str("finalised_by_name"), {}};
  Query rows("SELECT s.id, s.unit_id, s.unit_path, s.unit_name, s.ranking, s.score, s.measures_json "
             "FROM score_assessment_results s WHERE s.assessment_id = " );
  rows << rows.Bind(a.id);
  ScopeFilter(rows, scope, "s.tenant_id", "s.unit_path");
  rows << " ORDER BY CASE WHEN s.ranking = 0 THEN 1 ELSE 0 END, s.ranking, s.unit_path";
  for (const auto& x : Fetch(sql, rows)) {
    ResultRow row{x.Int("id"), x.Int("unit_id"), x.Str("unit_path"), x.Str("unit_name"),
                  static_cast<int>(x.Int("ranking")), std::nullopt, x.Str("measures_json")};
    if (auto s = x.OptInt("score")) row.score = static_cast<int>(*s);
    a.rows.push_back(row);
  }
  return a;
}

int64_t InsertFinalised(soci::session& sql, int64_t tenant_id, int year, const std::string& weights_json,
                        int64_t user_id, const std::string& user_name, const std::vector<ResultRow>& rows) {
  Query q("INSERT INTO score_assessments (tenant_id, year, weights_json, finalised_at, finalised_by, "
          "finalised_by_name) VALUES (:t, :y, :w, :now, :by, :name) RETURNING id");
  q.Set("t", tenant_id).Set("y", static_cast<int64_t>(year)).Set("w", weights_json).Set("now", NowUtc());
  q.Set("name", user_name);
  SetUser(q, "by", user_id);
  const int64_t id = InsertReturningId(sql, q);
  for (const auto& r : rows) {
    Query qi("INSERT INTO score_assessment_results (tenant_id, assessment_id, unit_id, unit_path, unit_name, ranking, "
             "score, measures_json) VALUES (:t, :a, :u, :p, :n, :r, :s, :m)");
    qi.Set("t", tenant_id).Set("a", id).Set("u", r.unit_id).Set("p", r.unit_path).Set("n", r.unit_name);
    qi.Set("r", static_cast<int64_t>(r.rank)).Set("m", r.measures_json);
    if (r.score) qi.Set("s", static_cast<int64_t>(*r.score));
    else qi.SetNull("s");
    Exec(sql, qi);
  }
  return id;
}

std::optional<ResultRef> FindResult(soci::session& sql, int64_t tenant_id, int64_t id) {
  Query q("SELECT s.unit_id, a.year FROM score_assessment_results s JOIN score_assessments a ON a.tenant_id = "
          "s.tenant_id AND a.id = s.assessment_id WHERE s.tenant_id = :t AND s.id = :id");
  q.Set("t", tenant_id).Set("id", id);
  auto r = FetchOne(sql, q);
  if (!r) return std::nullopt;
  return ResultRef{r->Int("unit_id"), static_cast<int>(r->Int("year"))};
}

int64_t CountCommendations(soci::session& sql, const Scope& scope, const CommendationFilter& f) {
  Query q("SELECT COUNT(*) FROM commendations a LEFT JOIN commendations r ON r.tenant_id = a.tenant_id AND "
          "r.revokes_id = a.id AND r.action = 'revoke' WHERE a.action = 'award'");
  AppendCommendationFilter(q, scope, f);
  return Scalar(sql, q);
}

std::vector<CommendationRecord> ListCommendations(soci::session& sql, const Scope& scope, const CommendationFilter& f,
                                                  const std::string& sort, bool desc, int64_t offset, int64_t limit) {
  Query q(kCommendationColumns);
  AppendCommendationFilter(q, scope, f);
  const char* dir = desc ? " DESC" : "";
  if (sort == "name") q << " ORDER BY a.subject_name" << dir << ", a.id";
  else if (sort == "unit") q << " ORDER BY a.unit_path" << dir << ", a.subject_name, a.id";
  else if (sort == "kind") q << " ORDER BY a.kind" << dir << ", a.unit_path, a.subject_name, a.id";
  else q << " ORDER BY a.year" << dir << ", a.kind, a.unit_path, a.subject_name, a.id";
  q << " LIMIT " << q.Bind(limit) << " OFFSET " << q.Bind(offset);
  std::vector<CommendationRecord> out;
  for (const auto& r : Fetch(sql, q)) out.push_back(CommendationFrom(r));
  return out;
}

std::optional<CommendationRecord> FindCommendation(soci::session& sql, const Scope& scope, int64_t id) {
  Query q(kCommendationColumns);
  q << " AND a.id = " << q.Bind(id);
  ScopeFilter(q, scope, "a.tenant_id", "a.unit_path");
  auto r = FetchOne(sql, q);
  if (!r) return std::nullopt;
  return CommendationFrom(*r);
}

bool HasActiveAward(soci::session& sql, int64_t tenant_id, const std::string& kind, int year, int64_t unit_id,
                    std::optional<int64_t> member_id) {
  Query q("SELECT COUNT(*) FROM commendations a WHERE a.tenant_id = :t AND a.action = 'award' AND a.kind = :k AND "
          "a.year = :y AND NOT EXISTS (SELECT 1 FROM commendations r WHERE r.tenant_id = a.tenant_id AND "
          "r.revokes_id = a.id AND r.action = 'revoke')");
  q.Set("t", tenant_id).Set("k", kind).Set("y", static_cast<int64_t>(year));
  if (member_id) q << " AND a.member_id = " << q.Bind(*member_id);
  else q << " AND a.unit_id = " << q.Bind(unit_id) << " AND a.member_id IS NULL";
  return Scalar(sql, q) > 0;
}

int64_t InsertAward(soci::session& sql, const CommendationRecord& c, int64_t user_id) {
  Query q("INSERT INTO commendations (tenant_id, action, kind, year, unit_id, unit_path, member_id, subject_name, "
          "decided_on, basis, assessment_result_id, created_at, created_by) VALUES (:t, 'award', :k, :y, :u, :p, :m, "
          ":name, :on, :basis, :result, :now, :by) RETURNING id");
  q.Set("t", c.tenant_id).Set("k", c.kind).Set("y", static_cast<int64_t>(c.year)).Set("u", c.unit_id);
  q.Set("p", c.unit_path).SetOptional("m", c.member_id).Set("name", c.subject_name).Set("on", c.decided_on);
  q.Set("basis", c.basis).SetOptional("result", c.assessment_result_id).Set("now", NowUtc());
  SetUser(q, "by", user_id);
  return InsertReturningId(sql, q);
}

int64_t InsertRevocation(soci::session& sql, const CommendationRecord& a, const std::string& decided_on,
                         const std::string& reason, int64_t user_id) {
  Query q("INSERT INTO commendations (tenant_id, action, kind, year, unit_id, unit_path, member_id, subject_name, "
          "decided_on, basis, revokes_id, reason, created_at, created_by) VALUES (:t, 'revoke', :k, :y, :u, :p, :m, "
          ":name, :on, :basis, :revokes, :reason, :now, :by) RETURNING id");
  q.Set("t", a.tenant_id).Set("k", a.kind).Set("y", static_cast<int64_t>(a.year)).Set("u", a.unit_id);
  q.Set("p", a.unit_path).SetOptional("m", a.member_id).Set("name", a.subject_name).Set("on", decided_on);
  q.Set("basis", a.basis).Set("revokes", a.id).Set("reason", reason).Set("now", NowUtc());
  SetUser(q, "by", user_id);
  return InsertReturningId(sql, q);
}

std::optional<MemberRef> FindMemberRef(soci::session& sql, int64_t tenant_id, int64_t id) {
  Query q("SELECT id, name, unit_id, unit_path FROM members WHERE tenant_id = :t AND id = :id");
  q.Set("t", tenant_id).Set("id", id);
  auto r = FetchOne(sql, q);
  if (!r) return std::nullopt;
  return MemberRef{r->Int("id"), r->Str("name"), r->Int("unit_id"), r->Str("unit_path")};
}

}  // namespace qizhi::party::scoring
