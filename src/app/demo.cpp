#include "app/demo.hpp"

#include <map>

#include "app/demo_parts.hpp"
#include "app/demo_roster.hpp"
#include "app/tenants.hpp"
#include "party/members/route_support.hpp"
#include "party/members/rules.hpp"
#include "party/members/store.hpp"
#include "party/org/rules.hpp"
#include "party/org/store.hpp"
#include "platform/auth/password.hpp"
#include "platform/auth/store.hpp"
#include "platform/core/clock.hpp"
#include "platform/db/query.hpp"

namespace qizhi::app {
using platform::db::Query;

bool HasTenants(platform::db::Database& db) {
  return db.Read([](soci::session& sql) {
    Query q("SELECT COUNT(*) AS n FROM tenants WHERE id <> 0");
    return platform::db::Scalar(sql, q) > 0;
  });
}

namespace {
struct DemoUser {
  const char* username;
  const char* name;
  const char* role;
  int64_t tenant;
  const char* phone;
};

// Inserts a generated hospital's tree, members, posts, committees and rewards through the stores.
Result<Placed> InsertOrg(soci::session& sql, const platform::pii::Cipher& cipher, int64_t tenant_id,
                         int64_t root_unit_id, const DemoOrg& org, const std::string& today) {
  namespace members = party::members;
  Placed placed;
  std::vector<int64_t> unit_ids(org.units.size(), 0);
  for (const auto& u : org.units) {
    if (u.parent < 0) {
      unit_ids[u.index] = root_unit_id;
    } else {
      party::org::NewUnit n;
      n.tenant_id = tenant_id;
      n.parent_id = unit_ids[u.parent];
      n.name = u.name;
      n.kind = u.kind;
      n.department = u.department;
      n.alliance_member = u.alliance_member;
      n.sort_order = u.index;
      unit_ids[u.index] = party::org::InsertUnit(sql, n);
    }
    placed.units[u.name] = unit_ids[u.index];
  }
  const Date on = *ParseDate(today);
  std::map<int, nlohmann::json> committees;  // unit index → elected members
  for (const auto& dm : org.members) {
    auto valid = members::ValidateMember(dm.input, on);
    if (!valid.ok())
      return Error{ErrorCode::kInternal, "演示党员数据无效: " + dm.input.name + " " + valid.error().message, "demo"};
    auto m = members::RecordFrom(valid.value(), cipher, tenant_id, unit_ids[dm.unit]);
    m.id = members::InsertMember(sql, m, m.joined_on, "joined", 0);
    placed.members.emplace(m.name, m.id);
    std::map<std::string, std::string> dual_ids;
    for (const auto& dp : dm.posts) {
      members::Post p;
      p.member_id = m.id;
      p.kind = dp.kind;
      p.title = dp.title;
      p.department = dp.department;
      p.started_on = dp.started_on;
      p.appoint_doc = dp.appoint_doc;
      if (dp.unit >= 0) p.unit_id = unit_ids[dp.unit];
      if (!dp.dual_key.empty()) {
        auto [it, fresh] = dual_ids.emplace(dp.dual_key, std::to_string(m.id) + "-" + std::to_string(dual_ids.size() + 1));
        p.dual_id = it->second;
      }
      members::InsertPost(sql, tenant_id, p, 0);
      if (dp.kind == "party" && dp.unit >= 0) {
        const auto& unit = org.units[dp.unit];
        if (unit.committee_elected_on && *unit.committee_elected_on == dp.started_on)
          committees[dp.unit].push_back({{"member_id", m.id}, {"name", m.name}, {"post", dp.title}});
      }
    }
    for (const auto& [title, decided_on] : dm.rewards) {
      members::Reward r;
      r.kind = "reward";
      r.title = title;
      r.decided_on = decided_on;
      r.authority = org.units.front().name;
      members::InsertReward(sql, tenant_id, m.id, r, 0);
    }
  }
  for (const auto& u : org.units) {
    if (!u.committee_elected_on) continue;
    party::org::Committee c;
    c.unit_id = unit_ids[u.index];
    c.elected_on = *u.committee_elected_on;
    c.term_years = party::org::DefaultTermYears(u.kind);
    c.term_ends_on = FormatDate(party::org::TermEndsOn(*ParseDate(c.elected_on), static_cast<int>(c.term_years)));
    c.members_json = committees.count(u.index) ? committees[u.index].dump() : "[]";
    c.note = "换届选举";
    party::org::InsertCommittee(sql, tenant_id, c, 0);
  }
  return placed;
}

}  // namespace

Result<std::vector<DemoLogin>> CreateDemo(platform::db::Database& db, const platform::pii::Cipher& cipher,
                                          const std::string& password, int generated_members) {
  if (HasTenants(db)) return Error{ErrorCode::kConflict, "数据库中已有数据，演示数据只能建在空数据库中", "db"};
  // Hashing is slow on purpose (argon2id): do it once, outside the transaction.
  const std::string hash = platform::auth::HashPassword(password);
  const std::string today = TodayShanghai();
  std::vector<DemoLogin> logins;
  auto r = db.Write([&](soci::session& sql) -> Status {
    CreateTenant(sql, {1, std::nullopt, "重庆市卫生健康工作委员会", "committee", "中共重庆市卫生健康工作委员会"});
    std::map<int64_t, Placed> placed;
    struct Hospital {
      int64_t id;
      DemoOrg org;
    };
    std::vector<Hospital> hospitals = {{2, DazuHospital(today)}, {3, JiangbeiHospital(today)},
                                       {4, ChangshouHospital(today)}};
    if (generated_members > 0) {
      hospitals.push_back({5, GeneratedHospital(today, generated_members, 1)});
      hospitals.back().org.tenant_name = "基准测试医院";
    }
    for (const auto& h : hospitals) {
      int64_t root = CreateTenant(sql, {h.id, 1, h.org.tenant_name, "hospital", h.org.units.front().name});
      auto p = InsertOrg(sql, cipher, h.id, root, h.org, today);
      if (!p.ok()) return p.errors();
      placed[h.id] = p.value();
    }
    // The 江北 内科党支部 holds the branch secretary 陈建国 and the member 王丽娟 (seed 002).
    static const DemoUser kUsers[] = {
        {"admin", "刘晓燕", "admin", 2, "13896012345"},      {"secretary", "陈建国", "secretary", 3, "13983214567"},
        {"member", "王丽娟", "member", 3, "15923456789"},    {"outreach", "周永红", "outreach", 2, "18725031234"},
        {"leader", "李明华", "leader", 2, "13608345678"},    {"auditor", "张志强", "auditor", 1, "13512349876"},
        {"sysadmin", "黄伟", "sysadmin", 2, "17783456123"},  {"secadmin", "杨静", "secadmin", 2, "15823671234"},
        {"audadmin", "吴海涛", "audadmin", 2, "13330256789"}, {"benchadmin", "赵立新", "admin", 5, "13700000000"},
    };
    for (const auto& d : kUsers) {
      if (d.tenant == 5 && generated_members <= 0) continue;
      platform::auth::UserRecord u;
      u.tenant_id = d.tenant;
      u.username = d.username;
      u.name = d.name;
      u.password_hash = hash;
      u.phone_enc = cipher.Encrypt(d.phone, std::string("users.phone:") + d.username);
      u.phone_bidx = cipher.BlindIndex(d.phone, "phone");
      int64_t id = platform::auth::InsertUser(sql, u);
      int64_t role_id = 0;
      for (const auto& role : platform::auth::ListRoles(sql, d.tenant))
        if (role.code == d.role) role_id = role.id;
      platform::auth::ReplaceUserRoles(sql, d.tenant, id, {role_id}, 0);
      if (d.tenant == 3) {
        // Scope: their own branch only; and the account is tied to the member record.
        platform::auth::ReplaceUserScopes(sql, d.tenant, id, {placed[3].units.at("内科党支部")}, 0);
        Query link("UPDATE users SET member_id = :m WHERE tenant_id = :t AND id = :id");
        link.Set("m", placed[3].members.at(d.name)).Set("t", d.tenant).Set("id", id);
        platform::db::Exec(sql, link);
      }
      Query t("SELECT name FROM tenants WHERE id = :id");
      t.Set("id", d.tenant);
      logins.push_back({d.username, d.role, platform::db::FetchOne(sql, t)->Str("name")});
    }
    DemoContext context{sql, cipher, today, placed};
    for (auto seed : {SeedLifeDemo, SeedDevelopmentDemo, SeedStudyDemo, SeedDuesDemo, SeedScoringDemo, SeedPointsDemo, SeedIntegrityDemo,
                      SeedRegistryDemo, SeedVisitsDemo, SeedPairingsDemo}) {
      auto seeded = seed(context);
      if (!seeded.ok()) return seeded;
    }
    return Ok();
  });
  if (!r.ok()) return r.errors();
  db.RefreshStatistics();
  return logins;
}

}  // namespace qizhi::app
