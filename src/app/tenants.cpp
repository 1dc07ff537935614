#include "app/tenants.hpp"

#include "party/org/store.hpp"
#include "party/scoring/store.hpp"
#include "party/points/store.hpp"
#include "platform/audit/rules.hpp"
#include "platform/auth/permissions.hpp"
#include "platform/auth/store.hpp"
#include "platform/core/clock.hpp"
#include "platform/db/query.hpp"

namespace qizhi::app {
using platform::db::Query;

int64_t CreateTenant(soci::session& sql, const NewTenant& t) {
  std::string path = "/" + std::to_string(t.id) + "/";
  if (t.parent_id) {
    Query p("SELECT path FROM tenants WHERE id = :id");
    p.Set("id", *t.parent_id);
    path = platform::db::FetchOne(sql, p)->Str("path") + std::to_string(t.id) + "/";
  }
  Query ins("INSERT INTO tenants (id, parent_id, name, kind, path, created_at) VALUES (:id, :parent, :name, :kind, "
            ":path, :now)");
  ins.Set("id", t.id).Set("name", t.name).Set("kind", t.kind).Set("path", path).Set("now", NowUtc());
  if (t.parent_id) ins.Set("parent", *t.parent_id);
  else ins.SetNull("parent");
  platform::db::Exec(sql, ins);
  Query head("INSERT INTO audit_heads (tenant_id, last_seq, last_hash) VALUES (:t, 0, :h)");
  head.Set("t", t.id).Set("h", std::string(platform::audit::kGenesisHash));
  platform::db::Exec(sql, head);
  for (const auto& role : platform::auth::BuiltinRoles()) {
    platform::auth::RoleRecord r;
    r.tenant_id = t.id;
    r.code = role.code;
    r.name = role.name;
    r.description = role.description;
    r.builtin = true;
    r.permissions = {role.permissions.begin(), role.permissions.end()};
    platform::auth::InsertRole(sql, r);
  }
  party::scoring::SeedDefaultChecklists(sql, t.id);
  party::points::SeedDefaultRules(sql, t.id);
  return party::org::InsertUnit(sql, t.id, std::nullopt, t.root_unit, "committee");
}

}  // namespace qizhi::app
