#include "party/study/xuexi_store.hpp"

#include "platform/core/clock.hpp"
#include "platform/db/query.hpp"

namespace qizhi::party::study {
using platform::db::Query;

namespace {
std::optional<int> OptInt(const platform::db::Row& r, const char* col) {
  auto v = r.OptInt(col);
  if (!v) return std::nullopt;
  return static_cast<int>(*v);
}

}  // namespace

int64_t InsertImport(soci::session& sql, const XuexiImport& im) {
  const std::string now = NowUtc();
  Query old("UPDATE xuexi_imports SET superseded_at = :now WHERE tenant_id = :t AND period = :p AND superseded_at IS NULL");
  old.Set("now", now).Set("t", im.tenant_id).Set("p", im.period);
  platform::db::Exec(sql, old);
  Query q("INSERT INTO xuexi_imports (tenant_id, period, file_name, rows_count, imported_at, imported_by) "
          "VALUES (:t, :p, :f, :n, :at, :by) RETURNING id");
  q.Set("t", im.tenant_id).Set("p", im.period).Set("f", im.file_name).Set("n", im.rows).Set("at", now);
  q.Set("by", im.imported_by);
  return platform::db::InsertReturningId(sql, q);
}

void InsertStat(soci::session& sql, int64_t import_id, const std::string& period, const XuexiStat& s) {
  Query q("INSERT INTO xuexi_stats (tenant_id, import_id, period, unit_id, unit_path, unit_name, members, registered, "
          "registration_rate, active_rate, avg_points) VALUES (:t, :i, :p, :u, :path, :name, :m, :r, :rr, :ar, :ap)");
  q.Set("t", s.tenant_id).Set("i", import_id).Set("p", period).Set("u", s.unit_id).Set("path", s.unit_path);
  q.Set("name", s.unit_name).Set("m", int64_t{s.members}).Set("r", int64_t{s.registered});
  q.Set("rr", int64_t{s.registration_rate});
  q.SetOptional("ar", s.active_rate ? std::optional<int64_t>(*s.active_rate) : std::nullopt);
  q.SetOptional("ap", s.avg_points ? std::optional<int64_t>(*s.avg_points) : std::nullopt);
  platform::db::Exec(sql, q);
}

std::vector<XuexiStat> CurrentStats(soci::session& sql, const Scope& scope, const std::string& period,
                                    const std::optional<std::string>& org_path) {
  Query q("SELECT s.tenant_id, s.unit_id, s.unit_path, s.unit_name, s.members, s.registered, s.registration_rate, "
          "s.active_rate, s.avg_points FROM xuexi_stats s JOIN xuexi_imports i "
          "ON i.tenant_id = s.tenant_id AND i.id = s.import_id "
          "WHERE i.superseded_at IS NULL AND i.period = ");
  q << q.Bind(period);
  platform::db::ScopeFilter(q, scope, "s.tenant_id", "s.unit_path");
  if (org_path) q << " AND s.unit_path LIKE " << q.Bind(*org_path + "%");
  q << " ORDER BY s.tenant_id, s.unit_path";
  std::vector<XuexiStat> out;
  for (const auto& r : platform::db::Fetch(sql, q)) {
    XuexiStat s;
    s.tenant_id = r.Int("tenant_id");
    s.unit_id = r.Int("unit_id");
    s.unit_path = r.Str("unit_path");
    s.unit_name = r.Str("unit_name");
    s.members = static_cast<int>(r.Int("members"));
    s.registered = static_cast<int>(r.Int("registered"));
    s.registration_rate = static_cast<int>(r.Int("registration_rate"));
    s.active_rate = OptInt(r, "active_rate");
    s.avg_points = OptInt(r, "avg_points");
    out.push_back(std::move(s));
  }
  return out;
}

std::vector<XuexiImport> ListImports(soci::session& sql, const Scope& scope) {
  Query q("SELECT i.tenant_id, i.id, t.name AS tenant_name, i.period, i.file_name, i.rows_count, i.imported_at, "
          "i.imported_by, u.name AS user_name, i.superseded_at FROM xuexi_imports i "
          "JOIN tenants t ON t.id = i.tenant_id "
          "LEFT JOIN users u ON u.tenant_id = i.tenant_id AND u.id = i.imported_by WHERE 1 = 1");
  platform::db::ScopeFilter(q, Scope{scope.home_tenant, scope.tenants, {}}, "i.tenant_id");
  q << " ORDER BY i.period DESC, i.id DESC";
  std::vector<XuexiImport> out;
  for (const auto& r : platform::db::Fetch(sql, q)) {
    XuexiImport im;
    im.tenant_id = r.Int("tenant_id");
    im.id = r.Int("id");
    im.tenant_name = r.Str("tenant_name");
    im.period = r.Str("period");
    im.file_name = r.Str("file_name");
    im.rows = static_cast<int>(r.Int("rows_count"));
    im.imported_at = r.Str("imported_at");
    im.imported_by = r.Int("imported_by");
    im.imported_by_name = r.Str("user_name");
    if (!r.IsNull("superseded_at")) im.superseded_at = r.Str("superseded_at");
    out.push_back(std::move(im));
  }
  return out;
}

}  // namespace qizhi::party::study
