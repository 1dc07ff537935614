#include "platform/audit/store.hpp"

#include "platform/core/clock.hpp"
#include "platform/db/query.hpp"

namespace qizhi::platform::audit {
using db::Query;

namespace {
inline constexpr std::string_view kLockHeadPg =
    "SELECT last_seq, last_hash FROM audit_heads WHERE tenant_id = :t FOR UPDATE";
inline constexpr std::string_view kLockHeadSqlite =  // BEGIN IMMEDIATE already holds the write lock
    "SELECT last_seq, last_hash FROM audit_heads WHERE tenant_id = :t";
inline constexpr std::string_view kInsert =
    "INSERT INTO audit_log (tenant_id, seq, at, user_id, username, action, record_type, record_id, "
    "before_json, after_json, result, ip, prev_hash, hash) VALUES (:tenant_id, :seq, :at, :user_id, :username, "
    ":action, :record_type, :record_id, :before_json, :after_json, :result, :ip, :prev_hash, :hash)";
inline constexpr std::string_view kUpdateHead =
    "UPDATE audit_heads SET last_seq = :seq, last_hash = :hash WHERE tenant_id = :t";
inline constexpr std::string_view kInsertHead =
    "INSERT INTO audit_heads (tenant_id, last_seq, last_hash) VALUES (:t, 0, :hash)";
inline constexpr std::string_view kColumns =
    "tenant_id, seq, at, user_id, username, action, record_type, record_id, before_json, after_json, result, ip, "
    "prev_hash, hash";

std::string Dump(const nlohmann::json& j) {
  return j.is_null() ? std::string() : j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

AuditEntry FromRow(const db::Row& r) {
  AuditEntry e;
  e.tenant_id = r.Int("tenant_id");
  e.seq = r.Int("seq");
  e.at = r.Str("at");
  e.user_id = r.Int("user_id");
  e.username = r.Str("username");
  e.action = r.Str("action");
  e.record_type = r.Str("record_type");
  e.record_id = r.Str("record_id");
  e.before_json = r.Str("before_json");
  e.after_json = r.Str("after_json");
  e.result = r.Str("result");
  e.ip = r.Str("ip");
  e.prev_hash = r.Str("prev_hash");
  e.hash = r.Str("hash");
  return e;
}
}  // namespace

int64_t Append(soci::session& sql, const Event& ev) {
  bool pg = sql.get_backend_name() == "postgresql";
  Query head(pg ? kLockHeadPg : kLockHeadSqlite);
  head.Set("t", ev.tenant_id);
  auto row = db::FetchOne(sql, head);
  if (!row) {
    // A tenant created without its chain head (should not happen): start its chain here.
    Query ins(kInsertHead);
    ins.Set("t", ev.tenant_id).Set("hash", std::string(kGenesisHash));
    db::Exec(sql, ins);
    row = db::FetchOne(sql, head);
  }
  AuditEntry e;
  e.tenant_id = ev.tenant_id;
  e.seq = row->Int("last_seq") + 1;
  e.at = NowUtc();
  e.user_id = ev.user_id;
  e.username = ev.username;
  e.action = ev.action;
  e.record_type = ev.record_type;
  e.record_id = ev.record_id;
  e.before_json = Dump(ev.before);
  e.after_json = Dump(ev.after);
  e.result = ev.result;
  e.ip = ev.ip;
  e.prev_hash = row->Str("last_hash");
  e.hash = ChainHash(e);
  Query ins(kInsert);
  ins.Set("tenant_id", e.tenant_id).Set("seq", e.seq).Set("at", e.at).Set("user_id", e.user_id);
  ins.Set("username", e.username).Set("action", e.action).Set("record_type", e.record_type);
  ins.Set("record_id", e.record_id).Set("before_json", e.before_json).Set("after_json", e.after_json);
  ins.Set("result", e.result).Set("ip", e.ip).Set("prev_hash", e.prev_hash).Set("hash", e.hash);
  db::Exec(sql, ins);
  Query upd(kUpdateHead);
  upd.Set("seq", e.seq).Set("hash", e.hash).Set("t", e.tenant_id);
  db::Exec(sql, upd);
  return e.seq;
}

Event EventFor(const http::Request& req, std::string action, std::string record_type, std::string record_id) {
  Event ev;
  if (req.principal) {
    ev.tenant_id = req.principal->tenant_id;
    ev.user_id = req.principal->user_id;
    ev.username = req.principal->username;
  }
  ev.action = std::move(action);
  ev.record_type = std::move(record_type);
  ev.record_id = std::move(record_id);
  ev.ip = req.ip;
  return ev;
}

void AppendAlone(db::Database& database, const Event& event) {
  (void)database.Write([&](soci::session& sql) -> Status {
    Append(sql, event);
    return Ok();
  });
}

Page List(soci::session& sql, const Scope& scope, const Filter& f, int64_t offset, int64_t limit) {
  auto where = [&](Query& q) {
    q << " WHERE 1 = 1";
    db::ScopeFilter(q, scope, "tenant_id");
    if (!f.username.empty()) q << " AND username = " << q.Bind(f.username);
    if (!f.action.empty()) q << " AND action = " << q.Bind(f.action);
    if (!f.record_type.empty()) q << " AND record_type = " << q.Bind(f.record_type);
    if (!f.record_id.empty()) q << " AND record_id = " << q.Bind(f.record_id);
    if (!f.from.empty()) q << " AND at >= " << q.Bind(f.from);
    if (!f.to.empty()) q << " AND at <= " << q.Bind(f.to.size() == 10 ? f.to + "T23:59:59.999Z" : f.to);
  };
  Page page;
  Query count("SELECT COUNT(*) AS n FROM audit_log");
  where(count);
  page.total = db::Scalar(sql, count);
  Query list("SELECT ");
  list << kColumns << " FROM audit_log";
  where(list);
  list << (f.oldest_first ? " ORDER BY at ASC, tenant_id, seq ASC LIMIT " : " ORDER BY at DESC, tenant_id, seq DESC LIMIT ") << list.Bind(limit) << " OFFSET " << list.Bind(offset);
  for (const auto& r : db::Fetch(sql, list)) page.items.push_back(FromRow(r));
  return page;
}

VerifyReport Verify(soci::session& sql, const std::vector<int64_t>& tenants) {
  VerifyReport report;
  std::vector<int64_t> ids = tenants;
  if (ids.empty()) {
    Query all("SELECT tenant_id FROM audit_heads ORDER BY tenant_id");
    for (const auto& r : db::Fetch(sql, all)) ids.push_back(r.Int("tenant_id"));
  }
  for (int64_t t : ids) {
    Query head("SELECT last_seq, last_hash FROM audit_heads WHERE tenant_id = :t");
    head.Set("t", t);
    auto h = db::FetchOne(sql, head);
    int64_t last_seq = h ? h->Int("last_seq") : 0;
    std::string last_hash = h ? h->Str("last_hash") : std::string(kGenesisHash);
    ChainVerifier verifier(t);
    std::optional<ChainBreak> broken;
    // Stream in batches so a chain of millions of rows needs little memory.
    int64_t after = 0;
    for (;;) {
      Query batch("SELECT ");
      batch << kColumns << " FROM audit_log WHERE tenant_id = :t AND seq > :after ORDER BY seq LIMIT 5000";
      batch.Set("t", t).Set("after", after);
      auto rows = db::Fetch(sql, batch);
      for (const auto& r : rows) {
        AuditEntry e = FromRow(r);
        after = e.seq;
        if (!broken) broken = verifier.Add(e);
      }
      if (rows.size() < 5000 || broken) break;
    }
    if (!broken) broken = verifier.Finish(last_seq, last_hash);
    report.checked += verifier.checked();
    if (broken) {
      report.ok = false;
      report.first_broken = broken;
      return report;
    }
  }
  return report;
}

}  // namespace qizhi::platform::audit
