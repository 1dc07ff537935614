// Member points in the demo: the rules are every tenant's defaults (CreateTenant); the points
// of attendance come from demo_life's meetings. Here the manual entries: in 江北, approved bonuses
// for 王丽娟 (the `member` login) and one more of hers pending a second person's approval; in 大足,
// entries carried over from the party office's paper ledger (approved by 刘晓燕) and one that
// 刘晓燕 proposed herself, which she cannot approve.
#include <algorithm>

#include "app/demo_parts.hpp"
#include "party/points/rules.hpp"
#include "party/points/store.hpp"
#include "platform/core/date.hpp"
#include "platform/db/query.hpp"

namespace qizhi::app {
using platform::db::Query;

namespace {

int64_t UserId(soci::session& sql, const char* username) {
  Query q("SELECT id FROM users WHERE username = :u");
  q.Set("u", username);
  auto r = platform::db::FetchOne(sql, q);
  return r ? r->Int("id") : 0;
}

// `days` before today, but never in last year: entries belong to the current year.
std::string DaysBack(const std::string& today, int days) {
  const std::string d = FormatDate(AddDays(*ParseDate(today), -days));
  return std::max(d, today.substr(0, 4) + "-01-01");
}

struct MemberAt {
  int64_t id;
  std::string path;
};

std::vector<MemberAt> FirstMembers(soci::session& sql, int64_t tenant, int n) {
  Query q("SELECT id, unit_path FROM members WHERE tenant_id = :t AND state = 'active' ORDER BY id");
  q.Set("t", tenant);
  std::vector<MemberAt> out;
  for (const auto& r : platform::db::Fetch(sql, q)) {
    if (static_cast<int>(out.size()) == n) break;
    out.push_back({r.Int("id"), r.Str("unit_path")});
  }
  return out;
}

void Add(soci::session& sql, int64_t tenant, const MemberAt& m, std::string_view action, int64_t points,
         const std::string& on, const char* reason, const char* status, int64_t by, int64_t decided_by, const char* note) {
  party::points::Entry e;
  e.tenant_id = tenant;
  e.member_id = m.id;
  e.unit_path = m.path;
  e.action = std::string(action);
  e.points = points;
  e.occurred_on = on;
  e.reason = reason;
  e.status = status;
  e.proposed_by = by;
  e.decided_by = decided_by;
  e.decision_note = note;
  party::points::InsertEntry(sql, e);
}

}  // namespace

Status SeedPointsDemo(DemoContext& c) {
  namespace points = party::points;
  const int64_t secretary = UserId(c.sql, "secretary");
  const int64_t admin = UserId(c.sql, "admin");
  if (auto it = c.placed.find(3); it != c.placed.end() && it->second.members.count("王丽娟")) {
    Query q("SELECT unit_path FROM members WHERE tenant_id = 3 AND id = :id");
    q.Set("id", it->second.members.at("王丽娟"));
    const MemberAt wang{it->second.members.at("王丽娟"), platform::db::FetchOne(c.sql, q)->Str("unit_path")};
    Add(c.sql, 3, wang, points::kManualBonus, 5, DaysBack(c.today, 40), "参加院内义诊志愿服务（党员先锋岗）", "approved",
        0, 0, "补录自支部纸质积分台账，党委办公室已审批");
    Add(c.sql, 3, wang, points::kManualBonus, 10, DaysBack(c.today, 20), "获评院级“优秀共产党员”", "approved", 0, 0,
        "补录自支部纸质积分台账，党委办公室已审批");
    Add(c.sql, 3, wang, points::kManualBonus, 3, DaysBack(c.today, 3), "参加“我为群众办实事”门诊导诊志愿服务 3 小时",
        "pending", secretary, 0, "");
  }
  const auto dazu = FirstMembers(c.sql, 2, 4);
  if (dazu.size() == 4) {
    Add(c.sql, 2, dazu[0], points::kManualBonus, 8, DaysBack(c.today, 60), "健康扶贫驻村帮扶表现突出", "approved", 0, admin,
        "补录自纸质台账");
    Add(c.sql, 2, dazu[1], points::kManualBonus, 5, DaysBack(c.today, 30), "参加送医下乡义诊", "approved", 0, admin,
        "补录自纸质台账");
    Add(c.sql, 2, dazu[2], points::kManualDeduct, 5, DaysBack(c.today, 25), "无故未按时参加主题党日且未请假", "approved", 0,
        admin, "补录自纸质台账");
    Add(c.sql, 2, dazu[3], points::kManualBonus, 5, DaysBack(c.today, 2), "参加无偿献血志愿服务", "pending", admin, 0, "");
  }
  return Ok();
}

}  // namespace qizhi::app
