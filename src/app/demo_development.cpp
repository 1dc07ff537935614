// Demo member development (发展党员): people on the 25-step path in 大足 (tenant 2) and 江北
// (tenant 3), at every stage, with dates that keep the rules except where a departure is shown on
// purpose (a talk late with its reason; an approval after more than 3 months with its reason),
// and items due and overdue. Seed 002: 江北 内科党支部 has 发展对象2名 — exactly two here.
// The 预备党员 are the roster's own 预备 members (their path ends at the branch vote on their
// 入党日期), so the roster keeps its numbers; one of them has a 预备期 ending within weeks.
// Everything goes through the development and members stores, as the routes do.
#include <algorithm>
#include <vector>

#include "app/demo_parts.hpp"
#include "party/development/path.hpp"
#include "party/development/store.hpp"
#include "party/members/store.hpp"
#include "platform/db/query.hpp"
#include "platform/pii/id_number.hpp"
#include "platform/pii/mask.hpp"

namespace qizhi::app {
namespace dev = party::development;
using platform::db::Fetch;
using platform::db::Query;

namespace {

Date D(const std::string& s) { return *ParseDate(s); }
std::string S(const Date& d) { return FormatDate(d); }

// What is recorded for one person: the 积极分子 date anchors the usual spacing of the steps
// (申请 3 months before, reviews every 5 months, 发展对象 13 months after, the branch vote
// 3 months 24 days after that, approval a month later); steps after `last` or after today are
// left out. `talk_late` and `approval_late` break a rule knowingly, with the reason.
struct Plan {
  std::string name;
  std::string sex;
  std::string birth;
  int64_t unit = 0;
  Date activist;
  int last = 1;
  bool talk_late = false;
  bool approval_late = false;
  bool league = false;
  int64_t member_id = 0;  // a roster 预备 member whose path this is
};

struct Context {
  DemoContext& c;
  int64_t tenant;
  Date today;
  std::vector<std::pair<int64_t, std::string>> full;  // 正式党员 of long standing: id, name
  int seq = 0;
};

std::vector<dev::StoredPerson> People(Context& x, int count, int offset) {
  std::vector<dev::StoredPerson> out;
  for (int i = 0; i < count && !x.full.empty(); ++i) {
    const auto& [id, name] = x.full[static_cast<size_t>(offset + i) % x.full.size()];
    out.push_back({id, name, true});
  }
  return out;
}

std::vector<dev::RecordRow> Records(Context& x, const Plan& p, int64_t candidate) {
  std::vector<dev::RecordRow> out;
  auto add = [&](int step, const Date& on) -> dev::RecordRow* {
    if (step > p.last || on > x.today) return nullptr;
    dev::RecordRow r;
    r.tenant_id = x.tenant;
    r.candidate_id = candidate;
    r.step = step;
    r.done_on = S(on);
    r.unit_id = p.unit;
    out.push_back(r);
    return &out.back();
  };
  const Date a = p.activist;
  const Date applied = AddMonths(a, -3);
  if (auto* r = add(1, applied)) r->documents = {"入党申请书"};
  if (auto* r = add(2, AddDays(applied, p.talk_late ? 45 : 20))) {
    r->people = People(x, 1, 0);
    if (p.talk_late) r->reason = "申请人外出进修三个月，返院后即安排谈话";
  }
  if (auto* r = add(3, a)) r->documents = {"推荐票统计表", "支委会会议记录"};
  add(4, AddDays(a, 7));
  if (auto* r = add(5, AddDays(a, 7))) r->people = People(x, 2, 1);
  for (int m : {5, 10})
    if (auto* r = add(6, AddMonths(a, m))) {
      r->conclusion = "思想积极，表现良好";
      r->documents = {"思想汇报", "培养考察登记表"};
    }
  const Date o = AddMonths(a, 13);
  add(7, o);
  add(8, AddDays(o, 7));
  if (auto* r = add(9, AddDays(o, 10))) r->people = People(x, 2, 1);
  if (auto* r = add(10, AddMonths(o, 1))) {
    r->conclusion = "政治历史清楚，符合发展条件";
    r->documents = {"政审材料"};
  }
  if (auto* r = add(11, AddMonths(o, 2))) {
    r->training_days = 3;
    r->training_hours = 24;
    r->documents = {"结业证书"};
  }
  const Date review = AddMonths(o, 3);
  if (auto* r = add(12, review)) r->conclusion = "同意提交支部大会讨论";
  if (auto* r = add(13, AddDays(review, 10))) r->conclusion = "预审合格";
  if (auto* r = add(14, AddDays(review, 17))) r->documents = {"入党志愿书"};
  const Date vote = AddDays(review, 24);
  if (auto* r = add(15, vote)) {
    r->voting = 15;
    r->present = 13;
    r->in_favour = 13;
    r->conclusion = "同意接收为预备党员";
  }
  if (auto* r = add(16, AddDays(vote, 14))) r->people = {{std::nullopt, "院党委组织委员", false}};
  if (auto* r = add(17, AddMonths(vote, p.approval_late ? 4 : 1))) {
    r->conclusion = "批准为中共预备党员";
    if (p.approval_late) r->reason = "院党委换届，审批会议推迟";
  }
  const Date approved = AddMonths(vote, p.approval_late ? 4 : 1);
  add(18, AddDays(approved, 7));
  add(19, AddDays(approved, 10));
  add(20, AddDays(approved, 15));
  return out;
}

// A made-up valid ID number (region 500197, which neither the roster nor the tests use).
std::string IdNumber(const std::string& birth, const std::string& sex, int seq) {
  std::string digits = birth.substr(0, 4) + birth.substr(5, 2) + birth.substr(8, 2);
  int order = 100 + seq * 2 + (sex == "男" ? 1 : 0);
  std::string first17 = "500197" + digits + std::to_string(order).substr(0, 3);
  return first17 + platform::pii::IdNumberCheckCharacter(first17);
}

// Development is the branch's work: a member recorded in a 党小组 is developed by its 党支部.
int64_t BranchOf(soci::session& sql, int64_t tenant, int64_t unit) {
  Query q("SELECT kind, parent_id FROM org_units WHERE tenant_id = :t AND id = :id");
  q.Set("t", tenant).Set("id", unit);
  auto r = platform::db::FetchOne(sql, q);
  return r && r->Str("kind") == "group" && r->OptInt("parent_id") ? *r->OptInt("parent_id") : unit;
}

Status Seed(Context& x, const Plan& p) {
  dev::CandidateRecord c;
  c.tenant_id = x.tenant;
  c.unit_id = p.unit;
  c.youth_league = p.league;
  c.league_recommended = p.league;
  if (p.member_id) {
    // The roster's 预备 member: the same person, personal data re-encrypted for this table.
    auto m = party::members::FindMember(x.c.sql, WholeTenant(x.tenant), p.member_id);
    if (!m) return Error{ErrorCode::kInternal, "演示预备党员不存在", ""};
    auto id = x.c.cipher.Decrypt(m->id_enc, party::members::IdNumberAd(x.tenant));
    if (!id.ok()) return id.errors();
    c.unit_id = BranchOf(x.c.sql, x.tenant, m->unit_id);
    c.name = m->name;
    c.sex = m->sex;
    c.id_enc = x.c.cipher.Encrypt(id.value(), dev::CandidateIdAd(x.tenant));
    c.id_bidx = m->id_bidx;
    c.id_mask = m->id_mask;
    c.birth_date = m->birth_date;
    c.ethnicity = m->ethnicity;
    c.education = m->education;
    c.category = m->category;
    c.job = m->job;
  } else {
    const std::string id = IdNumber(p.birth, p.sex, ++x.seq);
    c.name = p.name;
    c.sex = p.sex;
    c.id_enc = x.c.cipher.Encrypt(id, dev::CandidateIdAd(x.tenant));
    c.id_bidx = x.c.cipher.BlindIndex(id, party::members::kIdNumberPurpose);
    c.id_mask = platform::pii::MaskIdNumber(id);
    c.birth_date = p.birth;
    c.ethnicity = "汉族";
    c.education = x.seq % 3 ? "大学本科" : "研究生";
    c.category = "在岗职工";
    c.job = x.seq % 2 ? "护师" : "住院医师";
  }
  c.id = dev::InsertCandidate(x.c.sql, c, 0);
  if (p.member_id) dev::SetMemberId(x.c.sql, x.tenant, c.id, p.member_id);
  Plan plan = p;
  plan.unit = c.unit_id;
  for (auto& r : Records(x, plan, c.id)) dev::InsertRecord(x.c.sql, r, 0);
  auto settled = dev::Settle(x.c.sql, x.c.cipher, x.tenant, c.id, 0, x.today);
  if (!settled.ok()) return settled.errors();
  return Ok();
}

std::vector<std::pair<int64_t, std::string>> Rows(soci::session& sql, Query& q) {
  std::vector<std::pair<int64_t, std::string>> out;
  for (const auto& r : Fetch(sql, q)) out.push_back({r.Int("id"), r.Str("v")});
  return out;
}

// Current 党支部 of a hospital in tree order.
std::vector<std::pair<int64_t, std::string>> Branches(soci::session& sql, int64_t tenant) {
  Query q("SELECT id, name AS v FROM org_units WHERE tenant_id = :t AND kind = 'branch' AND ended_at IS NULL ORDER BY path");
  q.Set("t", tenant);
  return Rows(sql, q);
}

// Members 正式 for more than three years (so on every demo record's date: the oldest demo path
// starts under three years ago), as 联系人 and 介绍人: from the branch and its 党小组, else from
// the whole hospital when the branch has fewer than three.
std::vector<std::pair<int64_t, std::string>> LongFull(soci::session& sql, int64_t tenant, int64_t unit,
                                                       const Date& today) {
  for (bool whole : {false, true}) {
    Query q(
        "SELECT m.id, m.name AS v FROM members m JOIN org_units o ON o.tenant_id = m.tenant_id AND o.id = :u WHERE "
        "m.tenant_id = :t AND m.state = 'active' AND m.full_on IS NOT NULL AND m.full_on < :d");
    q.Set("t", tenant).Set("u", unit).Set("d", S(AddYears(today, -3)));
    if (!whole) q << " AND m.unit_path LIKE o.path || '%'";
    q << " ORDER BY m.id LIMIT 4";
    auto rows = Rows(sql, q);
    if (rows.size() >= 3 || whole) return rows;
  }
  return {};
}

// The roster's 预备 members, longest 预备期 first: id, joined_on.
std::vector<std::pair<int64_t, std::string>> Probationers(soci::session& sql, int64_t tenant) {
  Query q(
      "SELECT id, joined_on AS v FROM members WHERE tenant_id = :t AND state = 'active' AND status = '预备' ORDER BY "
      "joined_on, id");
  q.Set("t", tenant);
  return Rows(sql, q);
}

// The roles' dates: a 积极分子 date that puts `last` at the right distance from today.
Date ActivistFor(const Date& today, int months_ago) { return AddMonths(today, -months_ago); }

Status SeedHospital(DemoContext& c, int64_t tenant, const std::vector<Plan>& plans, int probationers) {
  Context x{c, tenant, D(c.today), {}, static_cast<int>(tenant) * 20};
  for (const Plan& p : plans) {
    x.full = LongFull(c.sql, tenant, p.unit, x.today);
    if (auto s = Seed(x, p); !s.ok()) return s;
  }
  // 预备党员: the roster's 预备 members, their path ending at the vote on their 入党日期.
  auto prob = Probationers(c.sql, tenant);
  for (int i = 0; i < probationers && i < static_cast<int>(prob.size()); ++i) {
    Plan p;
    p.member_id = prob[static_cast<size_t>(i)].first;
    // vote = activist + 13 months + 3 months + 24 days (see Records): back from the 入党日期.
    const Date joined = D(prob[static_cast<size_t>(i)].second);
    p.activist = AddMonths(AddDays(joined, -24), -16);
    p.last = 20;
    // One approval came after more than three months, with its reason (大足's second 预备党员).
    p.approval_late = tenant == 2 && i == 1 && AddMonths(joined, 4) <= x.today;
    // The vote must land exactly on the 入党日期: nudge for month-end clamping.
    for (int k = 0; k < 40 && S(AddDays(AddMonths(AddMonths(p.activist, 13), 3), 24)) != S(joined); ++k)
      p.activist = AddDays(p.activist, S(AddDays(AddMonths(AddMonths(p.activist, 13), 3), 24)) < S(joined) ? 1 : -1);
    auto m = party::members::FindMember(c.sql, WholeTenant(tenant), p.member_id);
    if (!m) continue;
    x.full = LongFull(c.sql, tenant, BranchOf(c.sql, tenant, m->unit_id), x.today);
    if (auto s = Seed(x, p); !s.ok()) return s;
  }
  return Ok();
}

}  // namespace

Status SeedDevelopmentDemo(DemoContext& c) {
  const Date today = D(c.today);
  auto plan = [&](std::string name, std::string sex, std::string birth, int64_t unit, int months_ago, int last) {
    Plan p;
    p.name = std::move(name);
    p.sex = std::move(sex);
    p.birth = std::move(birth);
    p.unit = unit;
    p.activist = ActivistFor(today, months_ago);
    p.last = last;
    return p;
  };

  // 江北: 内科党支部 has its two 发展对象 (seed 002), an applicant and two 积极分子; other branches a few.
  {
    const int64_t neike = c.placed.at(3).units.at("内科党支部");
    auto branches = Branches(c.sql, 3);
    std::vector<Plan> plans = {
        plan("罗佳怡", "女", "1996-04-18", neike, 15, 9),    // 发展对象, 入党介绍人 named
        plan("彭浩然", "男", "1994-11-02", neike, 17, 11),   // 发展对象, training done
        plan("邓雨欣", "女", "2000-07-23", neike, 1, 2),     // 申请人, talked to
        plan("谢文博", "男", "1998-02-14", neike, 7, 6),     // 积极分子, one review
        plan("蒋思琪", "女", "1999-09-30", neike, 9, 6),     // 积极分子, review overdue soon
    };
    plans[2].activist = AddMonths(today, 1);  // applied 2 months ago: not yet an 积极分子
    plans[3].league = true;
    for (size_t i = 0, n = 0; i < branches.size() && n < 3; ++i) {
      if (branches[i].first == neike) continue;
      static const char* kNames[] = {"韩晓东", "冯静怡", "曹宇航"};
      plans.push_back(plan(kNames[n], n % 2 ? "女" : "男", n == 1 ? "1997-05-06" : "1993-12-11", branches[i].first,
                           n == 0 ? 4 : 14, n == 0 ? 5 : 8));
      ++n;
    }
    if (auto s = SeedHospital(c, 3, plans, 2); !s.ok()) return s;
  }

  // 大足: every stage across its branches, a talk late (explained), an approval after more than
  // three months (explained), an applicant not yet talked to (overdue), and 预备党员 from its roster.
  {
    auto b = Branches(c.sql, 2);
    auto at = [&](size_t i) { return b[i % b.size()].first; };
    std::vector<Plan> plans = {
        plan("陈思远", "男", "1997-03-15", at(0), 0, 1),      // 申请人 (applied 3 months ago, talk overdue)
        plan("刘梦瑶", "女", "2001-06-21", at(1), 0, 2),      // 申请人, talked to
        plan("王子轩", "男", "1995-08-09", at(2), 6, 5),      // 积极分子, 联系人 named
        plan("张雨桐", "女", "1998-01-27", at(3), 11, 6),     // 积极分子, two reviews
        plan("李俊杰", "男", "1996-10-05", at(4), 14, 6),     // 积极分子 past a year, ready for step 7
        plan("赵欣然", "女", "1994-12-12", at(5), 20, 6),     // 积极分子 with the talk late (explained)
        plan("孙浩宇", "男", "1993-05-19", at(6), 15, 10),    // 发展对象, 政审 done
        plan("周诗涵", "女", "1997-07-07", at(7), 16, 12),    // 发展对象, 支委会审查
        plan("吴一凡", "男", "1992-09-09", at(8), 17, 14),    // 发展对象, 志愿书
        plan("郑佳琪", "女", "1995-02-28", at(9), 18, 15),    // 支部大会 passed, approval due
        plan("冯子豪", "男", "1994-04-04", at(10), 19, 16),   // voted, 上级党委 talked to him, approval due
    };
    plans[0].activist = AddDays(AddMonths(today, 3), -60);  // applied 2 months ago, nobody has talked to them yet
    plans[1].activist = AddMonths(today, 2);
    plans[5].talk_late = true;
    plans[2].league = true;
    if (auto s = SeedHospital(c, 2, plans, 4); !s.ok()) return s;
  }
  return Ok();
}

}  // namespace qizhi::app
