// 党费 in the demo: every member of the three demo hospitals gets a base (在职 from an invented
// after-tax pay, 离退休 from a pension, students the fixed 0.2 yuan), a year of monthly dues up to
// December, and payments made half a year at a time, most on time and every fourth member late;
// a few members owe the last months, and in the 江北 内科党支部 one member has paid nothing for
// seven months (the six-months flag). The generated benchmark hospital gets bases only:
// generating its year is what the benchmark times. Written in batches: every API and browser
// test starts from this demo.
#include "app/demo_parts.hpp"
#include "party/dues/rules.hpp"
#include "party/dues/store.hpp"
#include "platform/db/query.hpp"

namespace qizhi::app {
using platform::db::Query;
namespace dues = party::dues;

namespace {

struct DemoMember {
  int64_t id = 0, unit_id = 0;
  std::string unit_path, joined_on, category, name;
};

std::vector<DemoMember> MembersOf(DemoContext& c, int64_t tenant) {
  Query q("SELECT id, unit_id, unit_path, joined_on, category, name FROM members WHERE tenant_id = :t AND state = 'active' "
          "ORDER BY id");
  q.Set("t", tenant);
  std::vector<DemoMember> out;
  for (const auto& r : platform::db::Fetch(c.sql, q))
    out.push_back({r.Int("id"), r.Int("unit_id"), r.Str("unit_path"), r.Str("joined_on"), r.Str("category"), r.Str("name")});
  return out;
}

// A plausible base for the member, the same on every run: after-tax pay 2,600-12,400 yuan in
// whole yuan, pensions 3,200-6,800.
dues::BaseRecord BaseFor(const DemoMember& m, const std::string& from) {
  dues::BaseRecord b;
  b.member_id = m.id;
  b.in.effective_month = from;
  if (m.category == "离退休人员") {
    b.in.category = dues::kRetired;
    b.in.source = dues::kSourcePension;
    b.in.base_fen = (3200 + (m.id * 37) % 3600) * 100;
  } else if (m.category == "学生") {
    b.in.category = dues::kMinimal;
    b.in.source = dues::kSourceFixed;
    b.in.fixed_fen = dues::kMinimalFen;
  } else {
    b.in.category = dues::kEmployed;
    b.in.source = dues::kSourceEntered;
    b.in.base_fen = (2600 + (m.id * 131) % 9800) * 100;
  }
  b.rate_bp = dues::RateBasisPoints(b.in.category, b.in.base_fen);
  b.monthly_fen = dues::MonthlyDue(b.in);
  return b;
}

Status SeedHospital(DemoContext& c, int64_t tenant, bool payments) {
  const std::string current = c.today.substr(0, 7);
  const std::string from = dues::AddMonth(current, -12);
  const auto months = dues::MonthRange(from, c.today.substr(0, 4) + "-12");
  int64_t flagged = 0;
  if (tenant == 3 && c.placed.at(3).units.count("内科党支部")) {
    // The first member of 内科党支部 other than the demo logins' own records.
    Query q("SELECT m.id FROM members m JOIN org_units u ON u.tenant_id = m.tenant_id AND u.id = :unit "
            "WHERE m.tenant_id = :t AND m.state = 'active' AND m.unit_path LIKE u.path || '%' "
            "AND m.name NOT IN ('陈建国', '王丽娟') ORDER BY m.id LIMIT 1");
    q.Set("unit", c.placed.at(3).units.at("内科党支部")).Set("t", tenant);
    if (auto r = platform::db::FetchOne(c.sql, q)) flagged = r->Int("id");
  }
  const auto members = MembersOf(c, tenant);
  std::vector<dues::BaseRecord> bases;
  for (const auto& m : members) bases.push_back(BaseFor(m, from));
  dues::InsertBases(c.sql, tenant, bases, 0);
  if (!payments) return Ok();
  const auto base_ids = dues::LatestBaseIds(c.sql, tenant);
  std::vector<dues::MonthRow> rows;
  for (size_t k = 0; k < members.size(); ++k) {
    const auto& m = members[k];
    auto b = bases[k];
    b.id = base_ids.at(m.id);
    const auto plan = dues::PlanMonths(m.joined_on, {{b.id, b.in.effective_month, b.monthly_fen}}, months);
    for (const auto& p : plan) {
      dues::MonthRow r;
      r.member_id = m.id;
      r.unit_id = m.unit_id;
      r.unit_path = m.unit_path;
      r.month = p.month;
      r.due_fen = p.due_fen;
      r.base_id = p.base_id;
      r.kind = "generated";
      rows.push_back(std::move(r));
    }
    // Who owes: the flagged member the last seven months, every 23rd member the last two.
    const int owing = m.id == flagged ? 7 : (m.id % 23 == 0 ? 2 : 0);
    const std::string paid_until = dues::AddMonth(current, -1 - owing);
    // Half-yearly: one payment per six months (fewer for the last months paid).
    std::vector<dues::PaymentLine> lines;
    int64_t amount = 0;
    for (size_t i = 0; i < plan.size(); ++i) {
      const auto& p = plan[i];
      if (p.month > paid_until) break;
      lines.push_back({p.month, p.due_fen, 0});
      amount += p.due_fen;
      const bool last = i + 1 == plan.size() || plan[i + 1].month > paid_until;
      if (lines.size() == 6 || last) {
        dues::PaymentRecord pay;
        pay.tenant_id = tenant;
        pay.member_id = m.id;
        pay.unit_id = m.unit_id;
        pay.unit_path = m.unit_path;
        // Most pay half a year in advance on the 8th of its first month (on time); every fourth
        // member pays afterwards, on the 8th of the month after (late).
        const std::string when = (m.id % 4 == 0 ? dues::AddMonth(p.month, 1) : lines.front().month) + "-08";
        pay.paid_on = when <= c.today ? when : c.today;
        pay.amount_fen = amount;
        pay.method = dues::PaymentMethods()[static_cast<size_t>(m.id % 5)];
        pay.collector = "支部组织委员";
        dues::InsertPayment(c.sql, pay, lines, 0);
        lines.clear();
        amount = 0;
      }
    }
  }
  dues::InsertGenerated(c.sql, tenant, rows, 0);
  return Ok();
}

}  // namespace

Status SeedDuesDemo(DemoContext& c) {
  for (int64_t tenant : {2, 3, 4})
    if (c.placed.count(tenant)) {
      auto r = SeedHospital(c, tenant, true);
      if (!r.ok()) return r;
    }
  if (c.placed.count(5)) return SeedHospital(c, 5, false);
  return Ok();
}

}  // namespace qizhi::app
