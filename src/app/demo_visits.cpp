// Home visits in the demo (issue 7), after the registry: for 大足's 91 households, visits in the
// three months before this one nearly complete (a household or two missed each month), this
// month about 60% visited so far, some members away with a recorded reason (外出务工, 上学, 住院)
// and a few not seen without one, blood pressure for the older members, and a few service plan
// items. Visits are recorded by the team answering for the village, with two of its members.
// Deterministic: a fixed-seed std::mt19937 reduced by our own modulo.
#include <random>

#include "app/demo_parts.hpp"
#include "health/outreach/service_item_store.hpp"
#include "health/outreach/visit_store.hpp"
#include "platform/core/date.hpp"
#include "platform/db/query.hpp"

namespace qizhi::app {
using platform::db::Query;

namespace {
namespace outreach = health::outreach;

constexpr int64_t kTenant = 2;  // 大足区人民医院

class Seeder {
 public:
  explicit Seeder(DemoContext& c) : c_(c), today_(*ParseDate(c.today)) {}

  void Run() {
    Query q("SELECT id, village_code FROM households WHERE tenant_id = :t AND state = 'active' ORDER BY id");
    q.Set("t", kTenant);
    const auto households = platform::db::Fetch(c_.sql, q);
    const Date this_month{today_.year, today_.month, 1};
    for (int back = 3; back >= 1; --back) {
      const Date start = AddMonths(this_month, -back);
      const int days = DaysBetween(start, AddMonths(start, 1));
      for (const auto& h : households)
        if (Below(40) != 0) Visit(h.Int("id"), h.Str("village_code"), AddDays(start, Below(days)));
    }
    const int days_so_far = DaysBetween(this_month, today_) + 1;
    for (const auto& h : households)
      if (Below(10) < 6) Visit(h.Int("id"), h.Str("village_code"), AddDays(this_month, Below(days_so_far)));
    Items(households);
  }

 private:
  int Below(int n) { return static_cast<int>(gen_() % static_cast<uint32_t>(n)); }

  void Visit(int64_t household, const std::string& village, const Date& on) {
    static const char* const kReasons[] = {"外出务工", "外出务工", "外出务工", "上学", "住院", "走亲访友"};
    static const char* const kFindings[] = {"血压控制尚可，按时服药", "老人行动不便，需上门随访", "家中药品充足",
                                            "孩子在县城上学，生活正常", "新农合缴费已完成"};
    const std::string day = FormatDate(on);
    const auto members = outreach::MembersOn(c_.sql, kTenant, household, day);
    if (members.empty()) return;
    const auto team = outreach::TeamOfVillage(c_.sql, kTenant, village, day);
    char client_id[40];
    std::snprintf(client_id, sizeof client_id, "de300000-0000-4000-8000-%012d", ++count_);
    outreach::VisitRecord v;
    v.tenant_id = kTenant;
    v.client_id = client_id;
    v.household_id = household;
    v.village_code = village;
    v.visited_on = day;
    if (team) v.team_id = team->id;
    v.findings = kFindings[Below(5)];
    v.actions = {"明码对账讲解", "健康教育"};
    if (Below(3) == 0) v.actions.insert(v.actions.begin(), "送药上门");
    v.household_version = 1;
    v.body_json = "{\"demo\":true}";
    v.id = outreach::InsertVisit(c_.sql, v, 0);
    std::vector<outreach::VisitLineRecord> lines;
    for (const auto& m : members) {
      outreach::VisitLineRecord l;
      l.person_id = m.id;
      l.name = m.name;
      const int roll = Below(20);
      l.seen = roll >= 3;
      if (roll == 0 || roll == 1) l.reason = kReasons[Below(6)];  // roll 2: not seen, no reason yet
      if (l.seen && AgeOn(*ParseDate(m.birth_date), on) >= 50) {
        l.systolic = 118 + Below(45);
        l.diastolic = 70 + Below(25);
      }
      lines.push_back(std::move(l));
    }
    outreach::InsertLines(c_.sql, v, lines);
    if (team) {
      std::vector<outreach::VisitStaffRecord> staff;
      for (const auto& m : outreach::TeamMembersOn(c_.sql, kTenant, team->id, day))
        if (staff.size() < 2) staff.push_back({m.id, m.name});
      outreach::InsertStaff(c_.sql, kTenant, v.id, staff);
    }
  }

  void Items(const std::vector<platform::db::Row>& households) {
    struct Draft {
      const char* item;
      const char* owner;
      int due_days;
      const char* status;
    };
    static const Draft kDrafts[] = {{"高血压规范管理，每季度随访", "周永红", 60, "进行中"},
                                    {"签订家庭医生服务协议", "周永红", 20, "未开始"},
                                    {"协助办理残疾人两项补贴", "李明华", 30, "未开始"},
                                    {"慢病药品送药上门", "乡村医生", -10, "已完成"}};
    for (size_t i = 0; i < households.size() && i < 8; ++i) {
      const auto& d = kDrafts[i % 4];
      outreach::ServiceItem item;
      item.tenant_id = kTenant;
      item.household_id = households[i].Int("id");
      item.village_code = households[i].Str("village_code");
      item.item = d.item;
      item.owner = d.owner;
      item.due_on = FormatDate(AddDays(today_, d.due_days));
      item.id = outreach::InsertItem(c_.sql, item, 0);
      outreach::AddItemChange(c_.sql, kTenant, item.id, "", "未开始", "新增", std::nullopt, 0);
      if (std::string(d.status) != "未开始") {
        outreach::SetItemStatus(c_.sql, kTenant, item.id, d.status, "", 1);
        outreach::AddItemChange(c_.sql, kTenant, item.id, "未开始", d.status, "", std::nullopt, 0);
      }
    }
  }

  DemoContext& c_;
  Date today_;
  std::mt19937 gen_{20261124};
  int count_ = 0;
};

}  // namespace

Status SeedVisitsDemo(DemoContext& c) {
  Seeder(c).Run();
  return Ok();
}

}  // namespace qizhi::app
