// 一对一帮扶 in the demo: 30 of 大足's 91 households, two per village and more in the first
// team's, paired with Party members of 大足 from the start of last year; two of them were ended
// three months ago (the member retired, transferred) and the household re-paired with someone else, so
// the history shows. Deterministic: households and members are taken in id order.
#include "app/demo_parts.hpp"
#include "platform/core/clock.hpp"
#include "platform/core/date.hpp"
#include "platform/db/query.hpp"

namespace qizhi::app {
using platform::db::Fetch;
using platform::db::Query;

namespace {

constexpr int64_t kTenant = 2;  // 大足区人民医院
constexpr size_t kPaired = 30;

void InsertPairing(soci::session& sql, int64_t member_id, const std::string& member_name, int64_t household,
                   const std::string& village, const std::string& from, const std::string& to, const std::string& reason,
                   const std::string& now) {
  Query q(
      "INSERT INTO outreach_pairings (tenant_id, member_id, member_name, household_id, village_code, from_on, to_on, "
      "end_reason, created_at, ended_at) VALUES (:t, :m, :mn, :h, :v, :from, :to, :reason, :now, :ended)");
  q.Set("t", kTenant).Set("m", member_id).Set("mn", member_name).Set("h", household).Set("v", village).Set("from", from);
  q.Set("now", now);
  q.SetTextOrNull("to", to);
  q.SetTextOrNull("reason", reason);
  q.SetTextOrNull("ended", to.empty() ? "" : now);
  platform::db::Exec(sql, q);
}

}  // namespace

Status SeedPairingsDemo(DemoContext& c) {
  Query hq("SELECT id, village_code FROM households WHERE tenant_id = :t AND state = 'active' ORDER BY village_code, id");
  hq.Set("t", kTenant);
  Query mq("SELECT id, name FROM members WHERE tenant_id = :t AND state = 'active' ORDER BY id");
  mq.Set("t", kTenant);
  auto households = Fetch(c.sql, hq);
  auto members = Fetch(c.sql, mq);
  if (households.empty() || members.size() < kPaired + 2) return Ok();
  const Date today = *ParseDate(c.today);
  const std::string from = std::to_string(today.year - 1) + "-01-15";
  const std::string changed = FormatDate(AddMonths(today, -3));
  const std::string now = NowUtc();
  // Every third household, so each village has some paired and some not.
  size_t paired = 0;
  for (size_t i = 0; i < households.size() && paired < kPaired; i += 3, ++paired) {
    const auto& h = households[i];
    const auto& m = members[paired];
    if (paired < 2) {
      // Ended and re-paired: the first helper until three months ago, a new one since.
      const auto& next = members[kPaired + paired];
      InsertPairing(c.sql, m.Int("id"), m.Str("name"), h.Int("id"), h.Str("village_code"), from, changed,
                    paired == 0 ? "结对党员退休" : "结对党员调往其他院区", now);
      InsertPairing(c.sql, next.Int("id"), next.Str("name"), h.Int("id"), h.Str("village_code"), changed, "", "", now);
    } else {
      InsertPairing(c.sql, m.Int("id"), m.Str("name"), h.Int("id"), h.Str("village_code"), from, "", "", now);
    }
  }
  return Ok();
}

}  // namespace qizhi::app
