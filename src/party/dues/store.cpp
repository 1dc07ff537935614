#include "party/dues/store.hpp"

#include <algorithm>

#include "platform/core/clock.hpp"
#include "platform/db/query.hpp"

namespace qizhi::party::dues {
using platform::db::Exec;
using platform::db::Fetch;
using platform::db::FetchOne;
using platform::db::InsertReturningId;
using platform::db::Query;
using platform::db::Row;
using platform::db::Scalar;
using platform::db::ScopeFilter;

namespace {

inline constexpr std::string_view kMemberColumns =
    "SELECT m.tenant_id, m.id, m.unit_id, m.unit_path, o.name AS unit_name, m.name, m.status, m.joined_on, "
    "m.category, m.state, t.name AS tenant_name FROM members m "
    "JOIN org_units o ON o.tenant_id = m.tenant_id AND o.id = m.unit_id "
    "JOIN tenants t ON t.id = m.tenant_id WHERE 1 = 1";

inline constexpr std::string_view kBaseColumns =
    "SELECT id, member_id, category, source, effective_month, base_fen, fixed_fen, extra_fen, tax_fen, insurance_fen, "
    "items, rate_bp, monthly_fen, note, created_at FROM dues_bases";

inline constexpr std::string_view kInsertBase =
    "INSERT INTO dues_bases (tenant_id, member_id, category, source, effective_month, base_fen, fixed_fen, extra_fen, "
    "tax_fen, insurance_fen, items, rate_bp, monthly_fen, note, created_at, created_by) VALUES (:t, :member, :category, "
    ":source, :month, :base, :fixed, :extra, :tax, :insurance, :items, :rate, :monthly, :note, :now, :by) RETURNING id";

inline constexpr std::string_view kMonthColumns =
    "SELECT id, member_id, unit_id, unit_path, month, due_fen, base_id, corrects_id, kind, reason, created_at, "
    "superseded_at FROM dues_months";

inline constexpr std::string_view kInsertMonth =
    "INSERT INTO dues_months (tenant_id, member_id, unit_id, unit_path, month, due_fen, base_id, kind, corrects_id, "
    "reason, created_at, created_by) VALUES (:t, :member, :unit, :path, :month, :due, :base, :kind, :corrects, "
    ":reason, :now, :by) RETURNING id";

inline constexpr std::string_view kInsertGenerated =
    "INSERT INTO dues_months (tenant_id, member_id, unit_id, unit_path, month, due_fen, base_id, kind, created_at, "
    "created_by) VALUES (:t, :member, :unit, :path, :month, :due, :base, 'generated', :at, :by)";
inline constexpr std::string_view kInsertGeneratedBySystem =
    "INSERT INTO dues_months (tenant_id, member_id, unit_id, unit_path, month, due_fen, base_id, kind, created_at, "
    "created_by) VALUES (:t, :member, :unit, :path, :month, :due, :base, 'generated', :at, NULL)";

inline constexpr std::string_view kPaymentColumns =
    "SELECT p.id, p.tenant_id, p.kind, p.member_id, p.unit_id, p.unit_path, o.name AS unit_name, m.name AS member_name, "
    "p.paid_on, p.amount_fen, p.method, p.collector, p.note, p.voids_id, p.voided, p.created_at FROM dues_payments p "
    "JOIN members m ON m.tenant_id = p.tenant_id AND m.id = p.member_id "
    "JOIN org_units o ON o.tenant_id = p.tenant_id AND o.id = p.unit_id WHERE p.kind = 'payment'";

inline constexpr std::string_view kInsertPayment =
    "INSERT INTO dues_payments (tenant_id, kind, member_id, unit_id, unit_path, paid_on, amount_fen, method, collector, "
    "note, voids_id, voided, created_at, created_by) VALUES (:t, :kind, :member, :unit, :path, :paid_on, :amount, "
    ":method, :collector, :note, :voids, 0, :now, :by) RETURNING id";

void SetBy(Query& q, int64_t user_id) {
  if (user_id) q.Set("by", user_id);
  else q.SetNull("by");
}

DuesMember MemberFrom(const Row& r) {
  return {r.Int("tenant_id"), r.Int("id"),        r.Int("unit_id"),  r.Str("unit_path"),
          r.Str("unit_name"), r.Str("name"),      r.Str("status"),   r.Str("joined_on"),
          r.Str("category"),  r.Str("state"),     r.Str("tenant_name")};
}

BaseRecord BaseFrom(const Row& r) {
  BaseRecord b;
  b.id = r.Int("id");
  b.member_id = r.Int("member_id");
  b.in.category = r.Str("category");
  b.in.source = r.Str("source");
  b.in.effective_month = r.Str("effective_month");
  b.in.base_fen = r.Int("base_fen");
  b.in.fixed_fen = r.Int("fixed_fen");
  b.in.extra_fen = r.Int("extra_fen");
  b.tax_fen = r.Int("tax_fen");
  b.insurance_fen = r.Int("insurance_fen");
  b.items_json = r.Str("items");
  b.rate_bp = static_cast<int>(r.Int("rate_bp"));
  b.monthly_fen = r.Int("monthly_fen");
  b.note = r.Str("note");
  b.created_at = r.Str("created_at");
  return b;
}

MonthRow MonthFrom(const Row& r) {
  MonthRow m;
  m.id = r.Int("id");
  m.member_id = r.Int("member_id");
  m.unit_id = r.Int("unit_id");
  m.unit_path = r.Str("unit_path");
  m.month = r.Str("month");
  m.due_fen = r.Int("due_fen");
  m.base_id = r.OptInt("base_id");
  m.corrects_id = r.OptInt("corrects_id");
  m.kind = r.Str("kind");
  m.reason = r.Str("reason");
  m.created_at = r.Str("created_at");
  m.superseded_at = r.OptStr("superseded_at");
  return m;
}

PaymentRecord PaymentFrom(const Row& r) {
  PaymentRecord p;
  p.id = r.Int("id");
  p.tenant_id = r.Int("tenant_id");
  p.kind = r.Str("kind");
  p.member_id = r.Int("member_id");
  p.unit_id = r.Int("unit_id");
  p.unit_path = r.Str("unit_path");
  p.unit_name = r.Str("unit_name");
  p.member_name = r.Str("member_name");
  p.paid_on = r.Str("paid_on");
  p.amount_fen = r.Int("amount_fen");
  p.method = r.Str("method");
  p.collector = r.Str("collector");
  p.note = r.Str("note");
  p.voids_id = r.OptInt("voids_id");
  p.voided = r.Int("voided") != 0;
  p.created_at = r.Str("created_at");
  return p;
}

std::string InList(Query& q, const std::vector<int64_t>& ids) {
  std::string s = "(";
  for (size_t i = 0; i < ids.size(); ++i) {
    if (i) s += ", ";
    s += q.Bind(ids[i]);
  }
  return s + ")";
}

// Members on today's roll in scope, for the base list.
void AppendBaseFilter(Query& q, const Scope& scope, const BaseFilter& f) {
  ScopeFilter(q, scope, "m.tenant_id", "m.unit_path");
  q << " AND m.state = 'active'";
  if (f.org_path) q << " AND m.unit_path LIKE " << q.Bind(*f.org_path + "%");
  if (!f.q.empty()) q << " AND m.name LIKE " << q.Bind(platform::db::ContainsPattern(f.q)) << " ESCAPE '\\'";
  const std::string latest =
      "(SELECT b.category FROM dues_bases b WHERE b.tenant_id = m.tenant_id AND b.member_id = m.id "
      "ORDER BY b.effective_month DESC, b.id DESC LIMIT 1)";
  if (f.missing)
    q << " AND NOT EXISTS (SELECT 1 FROM dues_bases b WHERE b.tenant_id = m.tenant_id AND b.member_id = m.id)";
  if (!f.category.empty()) q << " AND " << latest << " = " << q.Bind(f.category);
}

void AppendPaymentFilter(Query& q, const Scope& scope, const PaymentFilter& f) {
  ScopeFilter(q, scope, "p.tenant_id", "p.unit_path");
  if (f.state == "valid") q << " AND p.voided = 0";
  else if (f.state == "voided") q << " AND p.voided = 1";
  if (f.org_path) q << " AND p.unit_path LIKE " << q.Bind(*f.org_path + "%");
  if (f.member_id) q << " AND p.member_id = " << q.Bind(*f.member_id);
  if (!f.from.empty()) q << " AND p.paid_on >= " << q.Bind(f.from);
  if (!f.to.empty()) q << " AND p.paid_on <= " << q.Bind(f.to);
  if (!f.method.empty()) q << " AND p.method = " << q.Bind(f.method);
  if (!f.q.empty())
    q << " AND p.member_id IN (SELECT x.id FROM members x WHERE x.tenant_id = p.tenant_id AND x.name LIKE "
      << q.Bind(platform::db::ContainsPattern(f.q)) << " ESCAPE '\\')";
}

}  // namespace

std::vector<DuesMonthStatus> DuesMonthStatuses(soci::session& sql, int64_t tenant_id, const std::string& unit_path_prefix,
                                               const std::string& from_month, const std::string& to_month) {
  Query q(
      "SELECT member_id, unit_id, month, due_fen FROM dues_months WHERE tenant_id = :t AND superseded_at IS NULL "
      "AND unit_path LIKE :p AND month >= :from AND month <= :to ORDER BY member_id, month");
  q.Set("t", tenant_id).Set("p", unit_path_prefix + "%").Set("from", from_month).Set("to", to_month);
  const auto rows = Fetch(sql, q);
  Query l(
      "SELECT member_id, month, paid_on, applied_fen FROM dues_payment_lines WHERE tenant_id = :t AND voided = 0 "
      "AND unit_path LIKE :p AND month >= :from AND month <= :to");
  l.Set("t", tenant_id).Set("p", unit_path_prefix + "%").Set("from", from_month).Set("to", to_month);
  std::map<std::pair<int64_t, std::string>, std::vector<Applied>> applied;
  for (const auto& r : Fetch(sql, l))
    applied[{r.Int("member_id"), r.Str("month")}].push_back({r.Str("paid_on"), r.Int("applied_fen")});
  std::vector<DuesMonthStatus> out;
  out.reserve(rows.size());
  for (const auto& r : rows) {
    DuesMonthStatus s{r.Int("member_id"), r.Int("unit_id"), r.Str("month"), r.Int("due_fen"), 0, std::nullopt, false};
    auto it = applied.find({s.member_id, s.month});
    std::vector<Applied> lines = it == applied.end() ? std::vector<Applied>{} : it->second;
    for (const auto& a : lines) s.paid_fen += a.applied_fen;
    s.settled_on = SettledOn(s.month, s.due_fen, lines);
    s.on_time = OnTime(s.month, s.settled_on);
    out.push_back(std::move(s));
  }
  return out;
}

std::optional<DuesMember> FindDuesMember(soci::session& sql, const Scope& scope, int64_t member_id) {
  Query q(kMemberColumns);
  q << " AND m.id = " << q.Bind(member_id);
  ScopeFilter(q, scope, "m.tenant_id", "m.unit_path");
  auto r = FetchOne(sql, q);
  if (!r) return std::nullopt;
  return MemberFrom(*r);
}

std::vector<PayItem> PayItemsOf(soci::session& sql, int64_t tenant_id, bool* stored) {
  Query q("SELECT name, regular FROM dues_pay_items WHERE tenant_id = :t AND superseded_at IS NULL ORDER BY position, id");
  q.Set("t", tenant_id);
  std::vector<PayItem> out;
  for (const auto& r : Fetch(sql, q)) out.push_back({r.Str("name"), r.Int("regular") != 0});
  if (stored) *stored = !out.empty();
  if (out.empty()) return DefaultPayItems();
  return out;
}

void ReplacePayItems(soci::session& sql, int64_t tenant_id, const std::vector<PayItem>& items, int64_t user_id) {
  const std::string now = NowUtc();
  Query end("UPDATE dues_pay_items SET superseded_at = :now WHERE tenant_id = :t AND superseded_at IS NULL");
  end.Set("now", now).Set("t", tenant_id);
  Exec(sql, end);
  int64_t pos = 0;
  for (const auto& i : items) {
    Query q(
        "INSERT INTO dues_pay_items (tenant_id, name, regular, position, created_at, created_by) VALUES (:t, :name, "
        ":regular, :pos, :now, :by)");
    q.Set("t", tenant_id).Set("name", i.name).Set("regular", i.regular ? 1 : 0).Set("pos", ++pos).Set("now", now);
    SetBy(q, user_id);
    Exec(sql, q);
  }
}

int64_t InsertBase(soci::session& sql, int64_t tenant_id, const BaseRecord& b, int64_t user_id) {
  Query q(kInsertBase);
  q.Set("t", tenant_id)
      .Set("member", b.member_id)
      .Set("category", b.in.category)
      .Set("source", b.in.source)
      .Set("month", b.in.effective_month)
      .Set("base", b.in.base_fen)
      .Set("fixed", b.in.fixed_fen)
      .Set("extra", b.in.extra_fen)
      .Set("tax", b.tax_fen)
      .Set("insurance", b.insurance_fen)
      .Set("rate", b.rate_bp)
      .Set("monthly", b.monthly_fen)
      .Set("now", NowUtc());
  q.SetTextOrNull("items", b.items_json);
  q.SetTextOrNull("note", b.note);
  SetBy(q, user_id);
  return InsertReturningId(sql, q);
}

void InsertBases(soci::session& sql, int64_t tenant_id, const std::vector<BaseRecord>& bases, int64_t user_id) {
  constexpr size_t kBatch = 200;
  const std::string now = NowUtc();
  for (size_t start = 0; start < bases.size(); start += kBatch) {
    Query q(
        "INSERT INTO dues_bases (tenant_id, member_id, category, source, effective_month, base_fen, fixed_fen, "
        "extra_fen, tax_fen, insurance_fen, rate_bp, monthly_fen, created_at, created_by) VALUES ");
    const std::string t = q.Bind(tenant_id), at = q.Bind(now), by = user_id ? q.Bind(user_id) : std::string("NULL");
    for (size_t i = start; i < std::min(bases.size(), start + kBatch); ++i) {
      const auto& b = bases[i];
      if (i > start) q << ", ";
      q << "(" << t << ", " << q.Bind(b.member_id) << ", " << q.Bind(b.in.category) << ", " << q.Bind(b.in.source) << ", "
        << q.Bind(b.in.effective_month) << ", " << q.Bind(b.in.base_fen) << ", " << q.Bind(b.in.fixed_fen) << ", "
        << q.Bind(b.in.extra_fen) << ", " << q.Bind(b.tax_fen) << ", " << q.Bind(b.insurance_fen) << ", "
        << q.Bind(static_cast<int64_t>(b.rate_bp)) << ", " << q.Bind(b.monthly_fen) << ", " << at << ", " << by << ")";
    }
    Exec(sql, q);
  }
}

std::map<int64_t, int64_t> LatestBaseIds(soci::session& sql, int64_t tenant_id) {
  Query q("SELECT member_id, MAX(id) AS id FROM dues_bases WHERE tenant_id = :t GROUP BY member_id");
  q.Set("t", tenant_id);
  std::map<int64_t, int64_t> out;
  for (const auto& r : Fetch(sql, q)) out[r.Int("member_id")] = r.Int("id");
  return out;
}

std::vector<BaseRecord> BasesOf(soci::session& sql, int64_t tenant_id, int64_t member_id) {
  Query q(kBaseColumns);
  q << " WHERE tenant_id = :t AND member_id = :m ORDER BY effective_month, id";
  q.Set("t", tenant_id).Set("m", member_id);
  std::vector<BaseRecord> out;
  for (const auto& r : Fetch(sql, q)) out.push_back(BaseFrom(r));
  return out;
}

int64_t CountBaseList(soci::session& sql, const Scope& scope, const BaseFilter& f) {
  Query q("SELECT COUNT(*) FROM members m WHERE 1 = 1");
  AppendBaseFilter(q, scope, f);
  return Scalar(sql, q);
}

std::vector<BaseListItem> ListBaseList(soci::session& sql, const Scope& scope, const BaseFilter& f, int64_t offset,
                                       int64_t limit) {
  Query q(kMemberColumns);
  AppendBaseFilter(q, scope, f);
  q << " ORDER BY m.tenant_id, m.unit_path, m.name, m.id LIMIT " << q.Bind(limit) << " OFFSET " << q.Bind(offset);
  std::vector<BaseListItem> out;
  for (const auto& r : Fetch(sql, q)) out.push_back({MemberFrom(r), std::nullopt});
  for (auto& item : out) {
    Query b(kBaseColumns);
    b << " WHERE tenant_id = :t AND member_id = :m ORDER BY effective_month DESC, id DESC LIMIT 1";
    b.Set("t", item.member.tenant_id).Set("m", item.member.id);
    if (auto r = FetchOne(sql, b)) item.base = BaseFrom(*r);
  }
  return out;
}

std::vector<MonthRow> MonthsOf(soci::session& sql, int64_t tenant_id, int64_t member_id, const std::string& from,
                               const std::string& to) {
  Query q(kMonthColumns);
  q << " WHERE tenant_id = :t AND member_id = :m AND superseded_at IS NULL AND month >= :from AND month <= :to "
       "ORDER BY month";
  q.Set("t", tenant_id).Set("m", member_id).Set("from", from).Set("to", to);
  std::vector<MonthRow> out;
  for (const auto& r : Fetch(sql, q)) out.push_back(MonthFrom(r));
  return out;
}

std::vector<MonthRow> MonthHistoryOf(soci::session& sql, int64_t tenant_id, int64_t member_id, const std::string& from,
                                     const std::string& to) {
  Query q(kMonthColumns);
  q << " WHERE tenant_id = :t AND member_id = :m AND month >= :from AND month <= :to ORDER BY month, id";
  q.Set("t", tenant_id).Set("m", member_id).Set("from", from).Set("to", to);
  std::vector<MonthRow> out;
  for (const auto& r : Fetch(sql, q)) out.push_back(MonthFrom(r));
  return out;
}

std::optional<MonthRow> FindMonthRow(soci::session& sql, const Scope& scope, int64_t id) {
  Query q(kMonthColumns);
  q << " WHERE id = " << q.Bind(id);
  ScopeFilter(q, scope, "tenant_id", "unit_path");
  auto r = FetchOne(sql, q);
  if (!r) return std::nullopt;
  return MonthFrom(*r);
}

int64_t InsertMonthRow(soci::session& sql, int64_t tenant_id, const MonthRow& r, int64_t user_id) {
  Query q(kInsertMonth);
  q.Set("t", tenant_id)
      .Set("member", r.member_id)
      .Set("unit", r.unit_id)
      .Set("path", r.unit_path)
      .Set("month", r.month)
      .Set("due", r.due_fen)
      .Set("kind", r.kind)
      .Set("now", NowUtc());
  q.SetOptional("base", r.base_id);
  q.SetOptional("corrects", r.corrects_id);
  q.SetTextOrNull("reason", r.reason);
  SetBy(q, user_id);
  return InsertReturningId(sql, q);
}

bool SupersedeMonthRow(soci::session& sql, int64_t tenant_id, int64_t id) {
  Query q("UPDATE dues_months SET superseded_at = :now WHERE tenant_id = :t AND id = :id AND superseded_at IS NULL");
  q.Set("now", NowUtc()).Set("t", tenant_id).Set("id", id);
  return Exec(sql, q) == 1;
}

std::map<std::string, int64_t> PaidByMonth(soci::session& sql, int64_t tenant_id, int64_t member_id,
                                           const std::string& from, const std::string& to) {
  Query q(
      "SELECT month, CAST(SUM(applied_fen) AS BIGINT) AS applied FROM dues_payment_lines WHERE tenant_id = :t AND member_id = :m AND "
      "voided = 0 AND month >= :from AND month <= :to GROUP BY month");
  q.Set("t", tenant_id).Set("m", member_id).Set("from", from).Set("to", to);
  std::map<std::string, int64_t> out;
  for (const auto& r : Fetch(sql, q)) out[r.Str("month")] = r.Int("applied");
  return out;
}

std::vector<MemberLine> LinesOfMember(soci::session& sql, int64_t tenant_id, int64_t member_id, const std::string& from,
                                      const std::string& to) {
  Query q(
      "SELECT payment_id, month, paid_on, applied_fen, extra_fen, voided FROM dues_payment_lines WHERE tenant_id = :t "
      "AND member_id = :m AND month >= :from AND month <= :to ORDER BY month, paid_on, id");
  q.Set("t", tenant_id).Set("m", member_id).Set("from", from).Set("to", to);
  std::vector<MemberLine> out;
  for (const auto& r : Fetch(sql, q))
    out.push_back({r.Int("payment_id"), r.Str("month"), r.Str("paid_on"), r.Int("applied_fen"), r.Int("extra_fen"),
                   r.Int("voided") != 0});
  return out;
}

std::vector<PaymentRecord> PaymentsOfMember(soci::session& sql, int64_t tenant_id, int64_t member_id,
                                            const std::string& from_month, const std::string& to_month) {
  Query q(kPaymentColumns);
  q << " AND p.tenant_id = :t AND p.member_id = :m AND ((p.paid_on >= :from AND p.paid_on <= :to) OR p.id IN "
       "(SELECT l.payment_id FROM dues_payment_lines l WHERE l.tenant_id = :t2 AND l.member_id = :m2 AND l.month >= "
       ":fm AND l.month <= :tm)) ORDER BY p.paid_on, p.id";
  q.Set("t", tenant_id).Set("m", member_id).Set("t2", tenant_id).Set("m2", member_id);
  q.Set("from", from_month + "-01").Set("to", LastDayOf(to_month)).Set("fm", from_month).Set("tm", to_month);
  std::vector<PaymentRecord> out;
  for (const auto& r : Fetch(sql, q)) out.push_back(PaymentFrom(r));
  return out;
}

std::vector<GenerationInput> LoadGeneration(soci::session& sql, const Scope& scope, const std::string& from,
                                            const std::string& to) {
  Query mq(kMemberColumns);
  ScopeFilter(mq, scope, "m.tenant_id", "m.unit_path");
  mq << " AND m.state = 'active' ORDER BY m.tenant_id, m.id";
  std::vector<GenerationInput> out;
  std::map<std::pair<int64_t, int64_t>, size_t> at;
  for (const auto& r : Fetch(sql, mq)) {
    out.push_back({MemberFrom(r), {}, {}});
    at[{out.back().member.tenant_id, out.back().member.id}] = out.size() - 1;
  }
  if (out.empty()) return out;
  Query bq(
      "SELECT b.tenant_id, b.member_id, b.id, b.effective_month, b.monthly_fen FROM dues_bases b "
      "JOIN members m ON m.tenant_id = b.tenant_id AND m.id = b.member_id WHERE m.state = 'active'");
  ScopeFilter(bq, scope, "m.tenant_id", "m.unit_path");
  bq << " AND b.effective_month <= " << bq.Bind(to);
  for (const auto& r : Fetch(sql, bq)) {
    auto it = at.find({r.Int("tenant_id"), r.Int("member_id")});
    if (it != at.end()) out[it->second].bases.push_back({r.Int("id"), r.Str("effective_month"), r.Int("monthly_fen")});
  }
  Query xq(
      "SELECT d.tenant_id, d.member_id, d.id, d.month FROM dues_months d "
      "JOIN members m ON m.tenant_id = d.tenant_id AND m.id = d.member_id WHERE d.superseded_at IS NULL");
  ScopeFilter(xq, scope, "m.tenant_id", "m.unit_path");
  xq << " AND d.month >= " << xq.Bind(from) << " AND d.month <= " << xq.Bind(to);
  for (const auto& r : Fetch(sql, xq)) {
    auto it = at.find({r.Int("tenant_id"), r.Int("member_id")});
    if (it != at.end()) out[it->second].existing[r.Str("month")] = r.Int("id");
  }
  return out;
}

void InsertGenerated(soci::session& sql, int64_t tenant_id, const std::vector<MonthRow>& rows, int64_t user_id) {
  // SOCI's bulk binding (one prepared statement, vectors of values): a hospital's year is over a
  // hundred thousand rows, and a multi-row VALUES list of thousands of named parameters costs
  // SOCI more to bind than the database to insert.
  constexpr size_t kChunk = 2000;
  const std::string now = NowUtc();
  const std::string text = std::string(user_id ? kInsertGenerated : kInsertGeneratedBySystem);
  for (size_t start = 0; start < rows.size(); start += kChunk) {
    const size_t n = std::min(kChunk, rows.size() - start);
    std::vector<long long> tenant(n, tenant_id), member(n), unit(n), due(n), base(n), by(n, user_id);
    std::vector<std::string> path(n), month(n), at(n, now);
    std::vector<soci::indicator> base_ind(n, soci::i_ok);
    for (size_t i = 0; i < n; ++i) {
      const auto& r = rows[start + i];
      member[i] = r.member_id;
      unit[i] = r.unit_id;
      path[i] = r.unit_path;
      month[i] = r.month;
      due[i] = r.due_fen;
      base[i] = r.base_id.value_or(0);
      if (!r.base_id) base_ind[i] = soci::i_null;
    }
    if (user_id)
      sql << text, soci::use(tenant), soci::use(member), soci::use(unit), soci::use(path), soci::use(month),
          soci::use(due), soci::use(base, base_ind), soci::use(at), soci::use(by);
    else
      sql << text, soci::use(tenant), soci::use(member), soci::use(unit), soci::use(path), soci::use(month),
          soci::use(due), soci::use(base, base_ind), soci::use(at);
  }
}

int64_t InsertPayment(soci::session& sql, const PaymentRecord& p, const std::vector<PaymentLine>& lines, int64_t user_id) {
  Query q(kInsertPayment);
  q.Set("t", p.tenant_id)
      .Set("kind", p.kind)
      .Set("member", p.member_id)
      .Set("unit", p.unit_id)
      .Set("path", p.unit_path)
      .Set("paid_on", p.paid_on)
      .Set("amount", p.amount_fen)
      .Set("method", p.method)
      .Set("collector", p.collector)
      .Set("now", NowUtc());
  q.SetTextOrNull("note", p.note);
  q.SetOptional("voids", p.voids_id);
  SetBy(q, user_id);
  const int64_t id = InsertReturningId(sql, q);
  if (lines.empty()) return id;
  // One statement for the lines: a payment of a year is twelve of them.
  Query lq(
      "INSERT INTO dues_payment_lines (tenant_id, payment_id, member_id, unit_path, month, paid_on, applied_fen, "
      "extra_fen, voided) VALUES ");
  const std::string t = lq.Bind(p.tenant_id), pid = lq.Bind(id), member = lq.Bind(p.member_id),
                    path = lq.Bind(p.unit_path), paid_on = lq.Bind(p.paid_on);
  for (size_t i = 0; i < lines.size(); ++i) {
    if (i) lq << ", ";
    lq << "(" << t << ", " << pid << ", " << member << ", " << path << ", " << lq.Bind(lines[i].month) << ", " << paid_on
       << ", " << lq.Bind(lines[i].applied_fen) << ", " << lq.Bind(lines[i].extra_fen) << ", 0)";
  }
  Exec(sql, lq);
  return id;
}

bool VoidPayment(soci::session& sql, const PaymentRecord& p, const std::string& reason, int64_t user_id) {
  Query mark("UPDATE dues_payments SET voided = 1 WHERE tenant_id = :t AND id = :id AND voided = 0 AND kind = 'payment'");
  mark.Set("t", p.tenant_id).Set("id", p.id);
  if (Exec(sql, mark) != 1) return false;
  Query lines("UPDATE dues_payment_lines SET voided = 1 WHERE tenant_id = :t AND payment_id = :id");
  lines.Set("t", p.tenant_id).Set("id", p.id);
  Exec(sql, lines);
  PaymentRecord v = p;
  v.kind = "void";
  v.amount_fen = 0;
  v.paid_on = TodayShanghai();
  v.note = reason;
  v.voids_id = p.id;
  InsertPayment(sql, v, {}, user_id);
  return true;
}

std::optional<PaymentRecord> FindPayment(soci::session& sql, const Scope& scope, int64_t id) {
  Query q(kPaymentColumns);
  q << " AND p.id = " << q.Bind(id);
  ScopeFilter(q, scope, "p.tenant_id", "p.unit_path");
  auto r = FetchOne(sql, q);
  if (!r) return std::nullopt;
  return PaymentFrom(*r);
}

std::vector<PaymentLine> LinesOf(soci::session& sql, int64_t tenant_id, int64_t payment_id) {
  Query q("SELECT month, applied_fen, extra_fen FROM dues_payment_lines WHERE tenant_id = :t AND payment_id = :p ORDER BY month");
  q.Set("t", tenant_id).Set("p", payment_id);
  std::vector<PaymentLine> out;
  for (const auto& r : Fetch(sql, q)) out.push_back({r.Str("month"), r.Int("applied_fen"), r.Int("extra_fen")});
  return out;
}

int64_t CountPayments(soci::session& sql, const Scope& scope, const PaymentFilter& f) {
  Query q("SELECT COUNT(*) FROM dues_payments p WHERE p.kind = 'payment'");
  AppendPaymentFilter(q, scope, f);
  return Scalar(sql, q);
}

std::vector<PaymentRecord> ListPayments(soci::session& sql, const Scope& scope, const PaymentFilter& f,
                                        const std::string& sort, bool desc, int64_t offset, int64_t limit) {
  Query q(kPaymentColumns);
  AppendPaymentFilter(q, scope, f);
  const char* dir = desc ? " DESC" : "";
  if (sort == "amount") q << " ORDER BY p.amount_fen" << dir << ", p.id" << dir;
  else if (sort == "name") q << " ORDER BY m.name" << dir << ", p.id" << dir;
  else if (sort == "id") q << " ORDER BY p.id" << dir;
  else q << " ORDER BY p.paid_on" << dir << ", p.id" << dir;
  q << " LIMIT " << q.Bind(limit) << " OFFSET " << q.Bind(offset);
  std::vector<PaymentRecord> out;
  for (const auto& r : Fetch(sql, q)) out.push_back(PaymentFrom(r));
  return out;
}

std::vector<MemberBalances> BalancesInScope(soci::session& sql, const Scope& scope, const std::string& from,
                                            const std::string& to) {
  Query mq(kMemberColumns);
  ScopeFilter(mq, scope, "m.tenant_id", "m.unit_path");
  mq << " AND m.state = 'active' ORDER BY m.tenant_id, m.unit_path, m.name, m.id";
  std::vector<MemberBalances> out;
  std::map<std::pair<int64_t, int64_t>, size_t> at;
  for (const auto& r : Fetch(sql, mq)) {
    out.push_back({MemberFrom(r), {}});
    at[{out.back().member.tenant_id, out.back().member.id}] = out.size() - 1;
  }
  if (out.empty()) return out;
  Query dq(
      "SELECT d.tenant_id, d.member_id, d.month, d.due_fen FROM dues_months d "
      "JOIN members m ON m.tenant_id = d.tenant_id AND m.id = d.member_id WHERE d.superseded_at IS NULL AND m.state = 'active'");
  ScopeFilter(dq, scope, "m.tenant_id", "m.unit_path");
  dq << " AND d.month >= " << dq.Bind(from) << " AND d.month <= " << dq.Bind(to) << " ORDER BY d.member_id, d.month";
  std::map<std::tuple<int64_t, int64_t, std::string>, int64_t> paid;
  Query pq(
      "SELECT l.tenant_id, l.member_id, l.month, CAST(SUM(l.applied_fen) AS BIGINT) AS applied FROM dues_payment_lines l "
      "JOIN members m ON m.tenant_id = l.tenant_id AND m.id = l.member_id WHERE l.voided = 0 AND m.state = 'active'");
  ScopeFilter(pq, scope, "m.tenant_id", "m.unit_path");
  pq << " AND l.month >= " << pq.Bind(from) << " AND l.month <= " << pq.Bind(to)
     << " GROUP BY l.tenant_id, l.member_id, l.month";
  for (const auto& r : Fetch(sql, pq)) paid[{r.Int("tenant_id"), r.Int("member_id"), r.Str("month")}] = r.Int("applied");
  for (const auto& r : Fetch(sql, dq)) {
    auto it = at.find({r.Int("tenant_id"), r.Int("member_id")});
    if (it == at.end()) continue;
    MonthBalance b{r.Str("month"), r.Int("due_fen"), 0};
    if (auto p = paid.find({r.Int("tenant_id"), r.Int("member_id"), b.month}); p != paid.end()) b.paid_fen = p->second;
    out[it->second].months.push_back(std::move(b));
  }
  for (auto& m : out)
    std::sort(m.months.begin(), m.months.end(), [](const MonthBalance& a, const MonthBalance& b) { return a.month < b.month; });
  return out;
}

std::map<int64_t, std::string> CurrentReasons(soci::session& sql, int64_t tenant_id, const std::vector<int64_t>& ids) {
  std::map<int64_t, std::string> out;
  if (ids.empty()) return out;
  Query q("SELECT member_id, reason FROM dues_unpaid_reasons WHERE tenant_id = :t AND superseded_at IS NULL");
  q.Set("t", tenant_id);
  // A branch's few flagged members, or the whole roll: one query either way.
  if (ids.size() <= 500) q << " AND member_id IN " << InList(q, ids);
  for (const auto& r : Fetch(sql, q)) out[r.Int("member_id")] = r.Str("reason");
  return out;
}

void RecordReason(soci::session& sql, int64_t tenant_id, int64_t member_id, const std::string& reason, int64_t user_id) {
  const std::string now = NowUtc();
  Query end(
      "UPDATE dues_unpaid_reasons SET superseded_at = :now WHERE tenant_id = :t AND member_id = :m AND superseded_at IS NULL");
  end.Set("now", now).Set("t", tenant_id).Set("m", member_id);
  Exec(sql, end);
  Query q(
      "INSERT INTO dues_unpaid_reasons (tenant_id, member_id, reason, created_at, created_by) VALUES (:t, :m, :reason, "
      ":now, :by)");
  q.Set("t", tenant_id).Set("m", member_id).Set("reason", reason).Set("now", now);
  SetBy(q, user_id);
  Exec(sql, q);
}

std::vector<PathMonthSum> SumsByPathMonth(soci::session& sql, const Scope& scope, const std::string& from_month,
                                          const std::string& to_month) {
  std::map<std::pair<std::string, std::string>, PathMonthSum> sums;
  Query dq(
      "SELECT d.unit_path, d.month, CAST(SUM(d.due_fen) AS BIGINT) AS due, COUNT(*) AS n FROM dues_months d WHERE d.superseded_at IS NULL");
  ScopeFilter(dq, scope, "d.tenant_id", "d.unit_path");
  dq << " AND d.month >= " << dq.Bind(from_month) << " AND d.month <= " << dq.Bind(to_month)
     << " GROUP BY d.unit_path, d.month";
  for (const auto& r : Fetch(sql, dq)) {
    auto& s = sums[{r.Str("unit_path"), r.Str("month")}];
    s.unit_path = r.Str("unit_path");
    s.month = r.Str("month");
    s.due_fen = r.Int("due");
    s.members = r.Int("n");
  }
  Query pq(
      "SELECT l.unit_path, l.month, CAST(SUM(l.applied_fen) AS BIGINT) AS applied, CAST(SUM(l.extra_fen) AS BIGINT) AS extra FROM dues_payment_lines l "
      "WHERE l.voided = 0");
  ScopeFilter(pq, scope, "l.tenant_id", "l.unit_path");
  pq << " AND l.month >= " << pq.Bind(from_month) << " AND l.month <= " << pq.Bind(to_month)
     << " GROUP BY l.unit_path, l.month";
  for (const auto& r : Fetch(sql, pq)) {
    auto& s = sums[{r.Str("unit_path"), r.Str("month")}];
    s.unit_path = r.Str("unit_path");
    s.month = r.Str("month");
    s.paid_fen = r.Int("applied");
    s.extra_fen = r.Int("extra");
  }
  std::vector<PathMonthSum> out;
  for (auto& [k, v] : sums) out.push_back(v);
  return out;
}

}  // namespace qizhi::party::dues
