#include "party/org/store.hpp"

#include "platform/core/clock.hpp"
#include "platform/db/query.hpp"

namespace qizhi::party::org {
using platform::db::Query;

inline constexpr std::string_view kListUnits =
    "SELECT o.tenant_id, o.id, o.parent_id, o.name, o.kind, o.path FROM org_units o WHERE o.ended_at IS NULL";

std::vector<Unit> ListUnits(soci::session& sql, const Scope& scope) {
  Query q(kListUnits);
  platform::db::ScopeFilter(q, scope, "o.tenant_id", "o.path");
  q << " ORDER BY o.tenant_id, o.path";
  std::vector<Unit> out;
  for (const auto& r : platform::db::Fetch(sql, q))
    out.push_back({r.Int("tenant_id"), r.Int("id"), r.OptInt("parent_id"), r.Str("name"), r.Str("kind"), r.Str("path")});
  return out;
}

int64_t InsertUnit(soci::session& sql, int64_t tenant_id, std::optional<int64_t> parent_id, const std::string& name,
                   const std::string& kind) {
  std::string parent_path = "/";
  if (parent_id) {
    Query p("SELECT path FROM org_units WHERE tenant_id = :t AND id = :id");
    p.Set("t", tenant_id).Set("id", *parent_id);
    auto row = platform::db::FetchOne(sql, p);
    if (row) parent_path = row->Str("path");
  }
  Query ins("INSERT INTO org_units (tenant_id, parent_id, name, kind, path, created_at) VALUES (:t, :parent, :name, "
            ":kind, '', :now) RETURNING id");
  ins.Set("t", tenant_id).Set("name", name).Set("kind", kind).Set("now", NowUtc());
  if (parent_id) ins.Set("parent", *parent_id);
  else ins.SetNull("parent");
  int64_t id = platform::db::InsertReturningId(sql, ins);
  Query upd("UPDATE org_units SET path = :path WHERE tenant_id = :t AND id = :id");
  upd.Set("path", parent_path + std::to_string(id) + "/").Set("t", tenant_id).Set("id", id);
  platform::db::Exec(sql, upd);
  return id;
}

}  // namespace qizhi::party::org
