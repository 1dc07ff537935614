// Demo branch scoring and commendations for the demo hospitals (大足 2, 江北 3, 长寿 4): a 六有
// and a 支部工作 inspection of every branch in the commendation year, that year's weights, and
// the commendations of the latest 七一 — the same people the roster rewarded that day, plus one
// 先进党支部. Seed 002: 江北 表彰先进党支部1个、优秀党务工作者3名、优秀共产党员18名 — exactly
// those here (the roster's JiangbeiSpec awards 18 and 3). The year is that of the latest 七一, as
// in the roster, so the ranking has the meetings the life demo records. Through the scoring store.
#include "app/demo_parts.hpp"
#include "party/scoring/store.hpp"
#include "platform/db/query.hpp"

namespace qizhi::app {
namespace scoring = party::scoring;
using platform::db::Fetch;
using platform::db::Query;

namespace {

// The latest 七一 on or before today (the roster's award day).
Date LatestJulyFirst(const std::string& today) {
  const Date t = *ParseDate(today);
  Date july{t.year, 7, 1};
  if (t < july) july.year -= 1;
  return july;
}

void SeedInspections(DemoContext& c, int64_t tenant, int year, const std::vector<platform::db::Row>& branches) {
  const auto lists = scoring::CurrentChecklists(c.sql, WholeTenant(tenant));
  int i = 0;
  for (const auto& b : branches) {
    ++i;
    int n = 0;
    for (const auto& list : lists) {
      ++n;
      scoring::InspectionRecord r;
      r.tenant_id = tenant;
      r.unit_id = b.Int("id");
      r.unit_path = b.Str("path");
      r.checklist_id = list.id;
      r.inspected_on = FormatDate(Date{year, n == 1 ? 3 : 6, 10 + i % 15});
      r.inspector_name = "党委办公室督查组";
      r.max_total = scoring::MaxTotal(list.list);
      int j = 0;
      for (const auto& item : list.list.items) {
        ++j;
        // Most items full marks; a few branches lose a point or two somewhere, so the ranking differs.
        const int lost = (i * 7 + j * 3 + n) % 5 == 0 ? (i + j) % 3 : 0;
        const int score = std::max(0, item.max_score - lost);
        r.items.push_back({item.code, item.title, item.max_score, score, lost ? "检查时发现不足，已要求整改" : ""});
        r.total += score;
      }
      scoring::InsertInspection(c.sql, r);
    }
  }
}

Status SeedCommendations(DemoContext& c, int64_t tenant, const Date& july, const std::vector<platform::db::Row>& branches) {
  const std::string on = FormatDate(july);
  Query root("SELECT name FROM org_units WHERE tenant_id = :t AND parent_id IS NULL");
  root.Set("t", tenant);
  const std::string committee = platform::db::FetchOne(c.sql, root)->Str("name");
  const std::string basis = committee + "《关于表彰" + std::to_string(july.year) + "年度先进党支部、优秀党务工作者和优秀共产党员的决定》";
  if (!branches.empty()) {
    // The 先进党支部: the second branch in tree order (the first is usually 行政后勤).
    const auto& b = branches.size() > 1 ? branches[1] : branches[0];
    scoring::CommendationRecord a;
    a.tenant_id = tenant;
    a.kind = std::string(scoring::kAdvancedBranch);
    a.year = july.year;
    a.unit_id = b.Int("id");
    a.unit_path = b.Str("path");
    a.subject_name = b.Str("name");
    a.decided_on = on;
    a.basis = basis;
    scoring::InsertAward(c.sql, a, 0);
  }
  Query q("SELECT r.title, m.id, m.name, m.unit_id, m.unit_path FROM member_rewards r JOIN members m ON m.tenant_id = "
          "r.tenant_id AND m.id = r.member_id WHERE r.tenant_id = :t AND r.kind = 'reward' AND r.decided_on = :on AND "
          "r.title IN ('优秀党务工作者', '优秀共产党员') ORDER BY r.id");
  q.Set("t", tenant).Set("on", on);
  for (const auto& r : Fetch(c.sql, q)) {
    scoring::CommendationRecord a;
    a.tenant_id = tenant;
    a.kind = std::string(r.Str("title") == "优秀党务工作者" ? scoring::kOutstandingWorker : scoring::kOutstandingMember);
    a.year = july.year;
    a.member_id = r.Int("id");
    a.unit_id = r.Int("unit_id");
    a.unit_path = r.Str("unit_path");
    a.subject_name = r.Str("name");
    a.decided_on = on;
    a.basis = basis;
    scoring::InsertAward(c.sql, a, 0);
  }
  return Ok();
}

}  // namespace

Status SeedScoringDemo(DemoContext& c) {
  const Date july = LatestJulyFirst(c.today);
  for (int64_t tenant : {2, 3, 4}) {
    if (!c.placed.count(tenant)) continue;
    Query q("SELECT id, path, name FROM org_units WHERE tenant_id = :t AND kind = 'branch' AND ended_at IS NULL "
            "ORDER BY path");
    q.Set("t", tenant);
    const auto branches = Fetch(c.sql, q);
    SeedInspections(c, tenant, july.year, branches);
    scoring::SaveWeights(c.sql, tenant, july.year, scoring::Weights{40, 30, 15, 15}, 0);
    auto s = SeedCommendations(c, tenant, july, branches);
    if (!s.ok()) return s;
  }
  return Ok();
}

}  // namespace qizhi::app
