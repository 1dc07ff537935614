// What the branch and the party office read: a member's ledger month by month (due, paid, owed,
// settled on, on time), the arrears with the six-months flag and its recorded reason, branch and
// committee totals per month, and the yearly dues ledger as .xlsx.
#include <algorithm>

#include "party/dues/route_support.hpp"
#include "party/org/overview.hpp"
#include "party/org/store.hpp"
#include "platform/audit/store.hpp"
#include "platform/core/clock.hpp"
#include "platform/core/text.hpp"
#include "platform/export/xlsx.hpp"

namespace qizhi::party::dues {
namespace http = platform::http;
namespace audit = platform::audit;
namespace xport = platform::xport;
using http::JsonResponse;
using http::Request;
using http::Response;

namespace {

struct Sum {
  int64_t due = 0, paid = 0, extra = 0, members = 0;
  void Add(const PathMonthSum& s) {
    due += s.due_fen;
    paid += s.paid_fen;
    extra += s.extra_fen;
    members += s.members;
  }
  void Add(const Sum& s) {
    due += s.due;
    paid += s.paid;
    extra += s.extra;
    members += s.members;
  }
  int64_t Owed() const { return due > paid ? due - paid : 0; }
};

nlohmann::json SumJson(const Sum& s) {
  return {{"due_fen", s.due}, {"paid_fen", s.paid}, {"extra_fen", s.extra}, {"owed_fen", s.Owed()}, {"members", s.members}};
}

struct UnitTotals {
  org::Unit unit;
  std::map<std::string, Sum> months;
  Sum total;
};
struct Totals {
  org::Unit unit;
  int year = 0;
  std::vector<std::string> months;
  UnitTotals all;
  std::vector<UnitTotals> branches;
};

// The `org` (required) and `year` of the totals and the export.
Result<Totals> LoadTotals(soci::session& sql, const Request& req) {
  Errors errors;
  auto year = ParseYear(req.Query("year"), TodayDate().year);
  if (!year.ok()) errors.push_back(year.error());
  const std::string org_param = req.Query("org");
  std::optional<org::Unit> unit;
  if (org_param.empty()) {
    errors.push_back(Invalid("org", "请选择党组织"));
  } else {
    auto u = org::ParseOrgParam(sql, req.who().scope, org_param);
    if (!u.ok() && u.error().code == ErrorCode::kNotFound) return u.errors();
    if (!u.ok()) errors.push_back(u.error());
    else unit = u.value();
  }
  if (!errors.empty()) return errors;
  Totals t;
  t.unit = *unit;
  t.year = year.value();
  const std::string y = std::to_string(t.year);
  t.months = MonthRange(y + "-01", y + "-12");
  const Scope scope{req.who().scope.home_tenant, {unit->tenant_id}, {unit->path}};
  t.all.unit = *unit;
  for (const auto& u : org::ListUnits(sql, scope))
    if (u.kind == org::kBranch) t.branches.push_back({u, {}, {}});
  for (const auto& s : SumsByPathMonth(sql, scope, t.months.front(), t.months.back())) {
    t.all.months[s.month].Add(s);
    t.all.total.Add(s);
    for (auto& b : t.branches)
      if (s.unit_path.rfind(b.unit.path, 0) == 0) {
        b.months[s.month].Add(s);
        b.total.Add(s);
        break;
      }
  }
  return t;
}

nlohmann::json UnitTotalsJson(const UnitTotals& u, const std::vector<std::string>& months) {
  nlohmann::json m = nlohmann::json::array();
  for (const auto& month : months) {
    auto it = u.months.find(month);
    auto j = SumJson(it == u.months.end() ? Sum{} : it->second);
    j["month"] = month;
    m.push_back(std::move(j));
  }
  return {{"unit_id", u.unit.id}, {"unit_name", u.unit.name}, {"kind", u.unit.kind}, {"months", m}, {"total", SumJson(u.total)}};
}

std::vector<xport::Sheet> LedgerSheets(soci::session& sql, const Totals& t, const Scope& scope) {
  std::vector<std::string> headers = {"序号", "姓名", "所在党组织"};
  for (int i = 1; i <= 12; ++i) headers.push_back(std::to_string(i) + "月 实交/应交");
  for (const char* h : {"应交合计", "实交合计", "欠交合计"}) headers.push_back(h);
  const std::string title = t.unit.name + "党费收缴台账（" + std::to_string(t.year) + "年）";
  xport::Sheet members{"党费台账", title, headers, {6, 10, 18}, {}};
  int n = 0;
  for (const auto& mb : BalancesInScope(sql, scope, t.months.front(), t.months.back())) {
    if (mb.months.empty()) continue;
    std::vector<std::string> row = {std::to_string(++n), mb.member.name, mb.member.unit_name};
    int64_t due = 0, paid = 0, owed = 0;
    for (const auto& month : t.months) {
      auto it = std::find_if(mb.months.begin(), mb.months.end(), [&](const MonthBalance& b) { return b.month == month; });
      if (it == mb.months.end()) {
        row.push_back("");
        continue;
      }
      row.push_back(Yuan(it->paid_fen) + "/" + Yuan(it->due_fen));
      due += it->due_fen;
      paid += it->paid_fen;
      owed += it->Owed();
    }
    for (int64_t v : {due, paid, owed}) row.push_back(Yuan(v));
    members.rows.push_back(std::move(row));
  }
  xport::Sheet totals{"月度汇总", t.unit.name + "党费月度汇总（" + std::to_string(t.year) + "年）",
                      {"党组织", "月份", "应交人数", "应交（元）", "实交（元）", "自愿多交（元）", "欠交（元）"}, {20, 10, 8, 12, 12, 12, 12}, {}};
  auto add = [&](const UnitTotals& u) {
    for (const auto& month : t.months) {
      auto it = u.months.find(month);
      const Sum s = it == u.months.end() ? Sum{} : it->second;
      totals.rows.push_back({u.unit.name, month, std::to_string(s.members), Yuan(s.due), Yuan(s.paid), Yuan(s.extra), Yuan(s.Owed())});
    }
    totals.rows.push_back({u.unit.name, "全年", "", Yuan(u.total.due), Yuan(u.total.paid), Yuan(u.total.extra), Yuan(u.total.Owed())});
  };
  add(t.all);
  for (const auto& b : t.branches)
    if (b.unit.id != t.unit.id) add(b);
  return {std::move(members), std::move(totals)};
}

}  // namespace

void RegisterReportRoutes(http::Router& router, platform::Services& s) {
  router.Add({.method = "GET",
              .pattern = "/api/v1/dues/members/{id}/ledger",
              .permission = "party:dues:list",
              .handler = [&s](Request& req) -> Response {
                const int64_t id = req.IdParam();
                return s.db.Read([&](soci::session& sql) -> Response {
                  auto m = FindDuesMember(sql, req.who().scope, id);
                  if (!m) return http::Problem({MemberNotFound()});
                  auto year = ParseYear(req.Query("year"), TodayDate().year);
                  if (!year.ok()) return http::Problem(year.errors());
                  const std::string y = std::to_string(year.value());
                  const std::string from = y + "-01", to = y + "-12";
                  const auto rows = MonthsOf(sql, m->tenant_id, m->id, from, to);
                  const auto lines = LinesOfMember(sql, m->tenant_id, m->id, from, to);
                  nlohmann::json months = nlohmann::json::array();
                  Sum total;
                  for (const auto& r : rows) {
                    std::vector<Applied> applied;
                    int64_t extra = 0;
                    for (const auto& l : lines)
                      if (l.month == r.month && !l.voided) {
                        applied.push_back({l.paid_on, l.applied_fen});
                        extra += l.extra_fen;
                      }
                    int64_t paid = 0;
                    for (const auto& a : applied) paid += a.applied_fen;
                    const auto settled = SettledOn(r.month, r.due_fen, applied);
                    auto j = MonthRowJson(r);
                    j["paid_fen"] = paid;
                    j["extra_fen"] = extra;
                    j["owed_fen"] = r.due_fen > paid ? r.due_fen - paid : 0;
                    j["settled_on"] = http::ValueOrNull(settled);
                    j["on_time"] = OnTime(r.month, settled);
                    months.push_back(std::move(j));
                    total.due += r.due_fen;
                    total.paid += paid;
                    total.extra += extra;
                  }
                  // The six-months flag looks two years back, across the year boundary.
                  const std::string current = ThisMonth();
                  std::vector<MonthBalance> recent;
                  const std::string back = AddMonth(current, -24);
                  const auto paid_by_month = PaidByMonth(sql, m->tenant_id, m->id, back, current);
                  for (const auto& r : MonthsOf(sql, m->tenant_id, m->id, back, current)) {
                    auto it = paid_by_month.find(r.month);
                    recent.push_back({r.month, r.due_fen, it == paid_by_month.end() ? 0 : it->second});
                  }
                  const auto run = LongestUnpaidRun(recent, current);
                  const auto reasons = CurrentReasons(sql, m->tenant_id, {m->id});
                  nlohmann::json history = nlohmann::json::array();
                  for (const auto& r : MonthHistoryOf(sql, m->tenant_id, m->id, from, to))
                    if (r.superseded_at) history.push_back(MonthRowJson(r));
                  nlohmann::json payments = nlohmann::json::array();
                  for (const auto& p : PaymentsOfMember(sql, m->tenant_id, m->id, from, to)) {
                    auto j = PaymentJson(p);
                    nlohmann::json pl = nlohmann::json::array();
                    for (const auto& l : LinesOf(sql, m->tenant_id, p.id)) pl.push_back(LineJson(l));
                    j["lines"] = pl;
                    payments.push_back(std::move(j));
                  }
                  nlohmann::json bases = nlohmann::json::array();
                  for (const auto& b : BasesOf(sql, m->tenant_id, m->id)) bases.push_back(BaseJson(b));
                  auto out = MemberJson(*m);
                  out["year"] = year.value();
                  out["months"] = months;
                  out["total"] = SumJson(total);
                  out["superseded"] = history;
                  out["payments"] = payments;
                  out["bases"] = bases;
                  out["unpaid_run"] = run.length;
                  out["unpaid_from"] = http::TextOrNull(run.from);
                  out["unpaid_to"] = http::TextOrNull(run.to);
                  out["flagged"] = Flagged(run);
                  auto reason = reasons.find(m->id);
                  out["reason"] = reason == reasons.end() ? nlohmann::json(nullptr) : nlohmann::json(reason->second);
                  return JsonResponse(200, out);
                });
              }});

  router.Add({.method = "GET",
              .pattern = "/api/v1/dues/arrears",
              .permission = "party:dues:list",
              .handler = [&s](Request& req) -> Response {
                auto p = http::ParseListParams(req, {"unit", "name", "owed", "run"}, "unit");
                return s.db.Read([&](soci::session& sql) -> Response {
                  auto f = ParseArrearsFilter(sql, req.who().scope, req.query, ThisMonth());
                  if (!f.ok()) return http::Problem(f.errors());
                  auto all = LoadArrears(sql, f.value());
                  auto key = [&](const ArrearsItem& a, const ArrearsItem& b) {
                    if (p.sort_field == "name") return a.member.name < b.member.name;
                    if (p.sort_field == "owed") return a.owed_fen < b.owed_fen;
                    if (p.sort_field == "run") return a.run.length < b.run.length;
                    return false;  // "unit": already in roll order
                  };
                  std::stable_sort(all.begin(), all.end(), [&](const ArrearsItem& a, const ArrearsItem& b) {
                    return p.sort_desc ? key(b, a) : key(a, b);
                  });
                  if (p.sort_field == "unit" && p.sort_desc) std::reverse(all.begin(), all.end());
                  nlohmann::json items = nlohmann::json::array();
                  for (int64_t i = p.Offset(); i < static_cast<int64_t>(all.size()) && i < p.Offset() + p.size; ++i)
                    items.push_back(ArrearsJson(all[static_cast<size_t>(i)]));
                  auto body = http::ListBody(items, static_cast<int64_t>(all.size()), p);
                  body["month"] = f.value().current_month;
                  return JsonResponse(200, body);
                });
              }});

  router.Add({.method = "POST",
              .pattern = "/api/v1/dues/members/{id}/unpaid-reason",
              .permission = "party:dues:edit",
              .audit_action = "create",
              .record_type = "dues_unpaid_reason",
              .handler = [&s](Request& req) -> Response {
                const int64_t id = req.IdParam();
                const auto body = req.Json();
                Errors errors;
                const std::string reason = Trim(http::JsonText(body, "reason", errors));
                if (reason.empty()) errors.push_back(Invalid("reason", "请填写未交党费的原因"));
                else if (Utf8Length(reason) > 200) errors.push_back(Invalid("reason", "未交原因不能超过 200 字"));
                auto r = s.db.Write([&](soci::session& sql) -> Result<nlohmann::json> {
                  auto m = FindDuesMember(sql, WriteScope(req.who().scope), id);
                  if (!m) return MemberNotFound();
                  if (!errors.empty()) return errors;
                  const auto before = CurrentReasons(sql, m->tenant_id, {m->id});
                  RecordReason(sql, m->tenant_id, m->id, reason, req.who().user_id);
                  auto ev = audit::EventFor(req, "create", "dues_unpaid_reason", std::to_string(m->id));
                  if (auto it = before.find(m->id); it != before.end()) ev.before = {{"reason", it->second}};
                  ev.after = {{"reason", reason}};
                  audit::Append(sql, ev);
                  return nlohmann::json{{"member_id", m->id}, {"name", m->name}, {"reason", reason}};
                });
                return http::JsonOrProblem(r);
              }});

  router.Add({.method = "GET",
              .pattern = "/api/v1/dues/totals",
              .permission = "party:dues:list",
              .handler = [&s](Request& req) -> Response {
                return s.db.Read([&](soci::session& sql) -> Response {
                  auto t = LoadTotals(sql, req);
                  if (!t.ok()) return http::Problem(t.errors());
                  const auto& v = t.value();
                  nlohmann::json branches = nlohmann::json::array();
                  for (const auto& b : v.branches) branches.push_back(UnitTotalsJson(b, v.months));
                  auto out = UnitTotalsJson(v.all, v.months);
                  out["year"] = v.year;
                  out["branches"] = branches;
                  return JsonResponse(200, out);
                });
              }});

  router.Add({.method = "GET",
              .pattern = "/api/v1/dues/ledger/export",
              .permission = "party:dues:list",
              .handler = [&s](Request& req) -> Response {
                auto sheets = s.db.Read([&](soci::session& sql) -> Result<std::pair<Totals, std::vector<xport::Sheet>>> {
                  auto t = LoadTotals(sql, req);
                  if (!t.ok()) return t.errors();
                  const Scope scope{req.who().scope.home_tenant, {t.value().unit.tenant_id}, {t.value().unit.path}};
                  auto sh = LedgerSheets(sql, t.value(), scope);
                  return std::make_pair(std::move(t.value()), std::move(sh));
                });
                if (!sheets.ok()) return http::Problem(sheets.errors());
                auto bytes = xport::WriteXlsx(sheets.value().second);
                if (!bytes.ok()) return http::Problem(bytes.errors());
                Response res;
                res.content_type = xport::kXlsxContentType;
                res.body = std::move(bytes.value());
                const auto& t = sheets.value().first;
                const std::string year = std::to_string(t.year);
                res.headers.push_back({"Content-Disposition", xport::AttachmentHeader(t.unit.name + "党费台账-" + year + ".xlsx",
                                                                                       "dues-ledger-" + year + ".xlsx")});
                return res;
              }});
}

}  // namespace qizhi::party::dues
