// Integrity in the demo. The rosters already give 科主任/护士长 posts (中层干部); here some members
// of 江北 and 大足 get 关键岗位 posts (药剂科, 医保办, 设备科, 采购中心) so the roll has both
// classes. Then about two thirds of this year's roll have signed their 廉洁从业承诺书 (one record
// voided as entered for the wrong person), and a few 九不准 self-checks: most clean, one with an
// issue being put right, one with its issue put right.
#include <algorithm>

#include "app/demo_parts.hpp"
#include "party/integrity/roll.hpp"
#include "party/integrity/rules.hpp"
#include "party/integrity/store.hpp"
#include "party/members/store.hpp"
#include "platform/core/date.hpp"
#include "platform/db/query.hpp"

namespace qizhi::app {
using platform::db::Query;

namespace {
namespace integrity = party::integrity;

std::string DaysBack(const std::string& today, int days) {
  const std::string d = FormatDate(AddDays(*ParseDate(today), -days));
  return std::max(d, today.substr(0, 4) + "-01-01");
}

int64_t UserId(soci::session& sql, const char* username) {
  Query q("SELECT id FROM users WHERE username = :u");
  q.Set("u", username);
  auto r = platform::db::FetchOne(sql, q);
  return r ? r->Int("id") : 0;
}

// Members without any hospital post, the first `n` of the tenant.
std::vector<int64_t> WithoutPosts(soci::session& sql, int64_t tenant, int n) {
  Query q("SELECT p.id FROM members p WHERE p.tenant_id = :t AND p.state = 'active' AND NOT EXISTS "
          "(SELECT 1 FROM member_posts mp WHERE mp.tenant_id = p.tenant_id AND mp.member_id = p.id AND mp.kind = 'hospital') "
          "ORDER BY p.id");
  q.Set("t", tenant);
  std::vector<int64_t> out;
  for (const auto& r : platform::db::Fetch(sql, q)) {
    if (static_cast<int>(out.size()) == n) break;
    out.push_back(r.Int("id"));
  }
  return out;
}

void SeedTenant(DemoContext& c, int64_t tenant, int64_t recorder) {
  static const char* const kKeyDepartments[] = {"药剂科", "医保办", "设备科", "采购中心"};
  const auto ids = WithoutPosts(c.sql, tenant, 4);
  for (size_t i = 0; i < ids.size(); ++i) {
    party::members::Post p;
    p.member_id = ids[i];
    p.kind = "hospital";
    p.title = "其他";
    p.department = kKeyDepartments[i];
    p.started_on = "2019-03-01";
    p.appoint_doc = "院办发〔2019〕12号";
    party::members::InsertPost(c.sql, tenant, p, 0);
  }
  const int year = std::stoi(c.today.substr(0, 4));
  integrity::PledgeFilter f;
  f.year = year;
  const auto roll = integrity::PledgeRoll(c.sql, WholeTenant(tenant), f);
  int n = 0;
  for (const auto& row : roll) {
    ++n;
    if (n % 3 == 0) continue;  // a third have not signed yet
    integrity::Pledge g;
    g.tenant_id = tenant;
    g.member_id = row.member.id;
    g.unit_path = row.member.unit_path;
    g.year = year;
    g.signed_on = DaysBack(c.today, 30 + n % 20);
    g.cls = row.cls;
    for (const auto& post : row.posts) g.posts += (g.posts.empty() ? "" : "、") + post;
    g.id = integrity::InsertPledge(c.sql, g, recorder);
    if (n == 1) {
      // Entered for the wrong person at first: voided with the reason, then entered again.
      integrity::VoidPledge(c.sql, tenant, g.id, recorder, "误登记（登记时选错了人），已作废重新登记");
      integrity::InsertPledge(c.sql, g, recorder);
    }
  }
  // Self-checks of this year by the first five on the roll.
  for (size_t i = 0; i < roll.size() && i < 5; ++i) {
    integrity::SelfCheck s;
    s.tenant_id = tenant;
    s.member_id = roll[i].member.id;
    s.unit_path = roll[i].member.unit_path;
    s.period = c.today.substr(0, 4);
    s.checked_on = DaysBack(c.today, 10);
    for (int item = 1; item <= 9; ++item) s.answers.push_back({item, false, "", "", "", ""});
    if (i == 1) {
      s.answers[8] = {9, true, "春节期间有患者家属送来土特产，未及时退回", "已当面退回并向科室全体人员通报，建立“红包”登记上交制度",
                      DaysBack(c.today, -20), ""};
    }
    if (i == 3) {
      s.answers[2] = {3, true, "科室存在一项检查重复收费", "已退还患者费用并组织收费人员培训", s.checked_on, s.checked_on};
    }
    s.issues = integrity::IssueCount(s.answers);
    s.status = integrity::SelfCheckStatus(s.answers);
    integrity::InsertSelfCheck(c.sql, s, recorder);
  }
}

}  // namespace

Status SeedIntegrityDemo(DemoContext& c) {
  SeedTenant(c, 2, UserId(c.sql, "admin"));
  SeedTenant(c, 3, 0);
  return Ok();
}

}  // namespace qizhi::app
