// Study in the demo: the 学习强国 statistics of the last three months for each demo hospital's
// branches, as if the party office had imported the platform's export each month.
#include "app/demo_parts.hpp"
#include "party/study/xuexi_store.hpp"
#include "platform/core/date.hpp"
#include "platform/db/query.hpp"

namespace qizhi::app {
using platform::db::Query;

namespace {

std::string MonthBefore(const std::string& today, int back) {
  Date d = *ParseDate(today);
  d.day = 1;
  d = AddMonths(d, -back);
  return FormatDate(d).substr(0, 7);
}

Status SeedXuexi(DemoContext& c, int64_t tenant) {
  Query q("SELECT u.id, u.path, u.name, COUNT(m.id) AS n FROM org_units u "
          "LEFT JOIN members m ON m.tenant_id = u.tenant_id AND m.unit_id = u.id AND m.state = 'active' "
          "WHERE u.tenant_id = :t AND u.kind = 'branch' AND u.ended_at IS NULL GROUP BY u.id, u.path, u.name ORDER BY u.path");
  q.Set("t", tenant);
  const auto branches = platform::db::Fetch(c.sql, q);
  for (int back = 3; back >= 1; --back) {
    party::study::XuexiImport im;
    im.tenant_id = tenant;
    im.period = MonthBefore(c.today, back);
    im.file_name = "学习强国组织学习情况-" + im.period + ".xlsx";
    im.rows = static_cast<int>(branches.size());
    im.id = party::study::InsertImport(c.sql, im);
    int i = 0;
    for (const auto& b : branches) {
      ++i;
      party::study::XuexiStat s;
      s.tenant_id = tenant;
      s.unit_id = b.Int("id");
      s.unit_path = b.Str("path");
      s.unit_name = b.Str("name");
      s.members = static_cast<int>(b.Int("n"));
      // Most branches have everyone registered; a few lag by one or two (retired members).
      s.registered = s.members - ((i + back) % 5 == 0 ? std::min(2, s.members) : 0);
      s.registration_rate = s.members > 0 ? static_cast<int>((s.registered * 2000LL / s.members + 1) / 2) : 0;
      s.active_rate = 720 + (i * 37 + back * 11) % 250;
      s.avg_points = 9000 + (i * 1733 + back * 977) % 12000;
      party::study::InsertStat(c.sql, im.id, im.period, s);
    }
  }
  return Ok();
}

}  // namespace

Status SeedStudyDemo(DemoContext& c) {
  for (int64_t tenant : {2, 3, 4}) {
    if (!c.placed.count(tenant)) continue;
    if (auto s = SeedXuexi(c, tenant); !s.ok()) return s;
  }
  return Ok();
}

}  // namespace qizhi::app
