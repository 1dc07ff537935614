#include "app/demo.hpp"

#include "app/tenants.hpp"
#include "platform/auth/password.hpp"
#include "platform/auth/store.hpp"
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
}  // namespace

Result<std::vector<DemoLogin>> CreateDemo(platform::db::Database& db, const platform::pii::Cipher& cipher,
                                          const std::string& password) {
  if (HasTenants(db)) return Error{ErrorCode::kConflict, "数据库中已有数据，演示数据只能建在空数据库中", "db"};
  // Hashing is slow on purpose (argon2id): do it once, outside the transaction.
  const std::string hash = platform::auth::HashPassword(password);
  std::vector<DemoLogin> logins;
  auto r = db.Write([&](soci::session& sql) -> Status {
    CreateTenant(sql, {1, std::nullopt, "重庆市卫生健康工作委员会", "committee", "中共重庆市卫生健康工作委员会"});
    CreateTenant(sql, {2, 1, "大足区人民医院", "hospital", "中共大足区人民医院委员会"});
    CreateTenant(sql, {3, 1, "重庆市红十字会医院（江北区人民医院）", "hospital", "中共江北区人民医院委员会"});
    CreateTenant(sql, {4, 1, "长寿区人民医院", "hospital", "中共长寿区人民医院委员会"});
    static const DemoUser kUsers[] = {
        {"admin", "刘晓燕", "admin", 2, "13896012345"},      {"secretary", "陈建国", "secretary", 2, "13983214567"},
        {"member", "王丽娟", "member", 2, "15923456789"},    {"outreach", "周永红", "outreach", 2, "18725031234"},
        {"leader", "李明华", "leader", 2, "13608345678"},    {"auditor", "张志强", "auditor", 1, "13512349876"},
        {"sysadmin", "黄伟", "sysadmin", 2, "17783456123"},  {"secadmin", "杨静", "secadmin", 2, "15823671234"},
        {"audadmin", "吴海涛", "audadmin", 2, "13330256789"},
    };
    for (const auto& d : kUsers) {
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
      Query t("SELECT name FROM tenants WHERE id = :id");
      t.Set("id", d.tenant);
      logins.push_back({d.username, d.role, platform::db::FetchOne(sql, t)->Str("name")});
    }
    return Ok();
  });
  if (!r.ok()) return r.errors();
  return logins;
}

}  // namespace qizhi::app
