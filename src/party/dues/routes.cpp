// /api/v1/dues: 党费. This file: the tenant's pay items, members' bases (核定基数) with their
// history, generating a year of monthly dues, and correcting a month (a new row referencing the
// old one). Payments are in payment_routes.cpp; the member ledger, arrears, totals and the
// yearly .xlsx in report_routes.cpp.
#include "party/dues/routes.hpp"

#include "party/dues/route_support.hpp"
#include "party/org/overview.hpp"
#include "platform/audit/store.hpp"
#include "platform/core/clock.hpp"
#include "platform/core/text.hpp"
#include "platform/db/database.hpp"

namespace qizhi::party::dues {
namespace http = platform::http;
namespace audit = platform::audit;
using http::JsonResponse;
using http::Request;
using http::Response;

namespace {

constexpr size_t kMaxPayItems = 30;
constexpr size_t kMaxReason = 200;
constexpr int64_t kMaxFen = int64_t{1000000000};

// Two writers generating or recomputing the same member's month at once: the unique index on
// the current row refuses the second, which is told to retry rather than given a 500.
Error Concurrent(const std::string&) {
  return Error{ErrorCode::kConflict, "该党员的月度党费正在被他人同时修改，请稍后重试", "month"};
}

nlohmann::json PayItemsJson(const std::vector<PayItem>& items, bool stored) {
  nlohmann::json a = nlohmann::json::array();
  for (const auto& i : items) a.push_back({{"name", i.name}, {"regular", i.regular}});
  return {{"items", a}, {"stored", stored}};
}

// An integer fen field: absent → 0; otherwise 0..kMaxFen.
int64_t FenField(const nlohmann::json& body, const char* name, const char* title, Errors& errors) {
  if (!body.contains(name) || body[name].is_null()) return 0;
  if (!body[name].is_number_integer() || body[name].get<int64_t>() < 0 || body[name].get<int64_t>() > kMaxFen) {
    errors.push_back(Invalid(name, std::string(title) + "应为 0 至 1000 万元之间的整数分"));
    return 0;
  }
  return body[name].get<int64_t>();
}

struct BaseRequest {
  BaseRecord record;
  std::vector<ItemAmount> items;
};

// The body of POST /dues/bases, checked field by field; items against the tenant's pay items.
Result<BaseRequest> ParseBase(const nlohmann::json& body, const std::vector<PayItem>& pay_items) {
  Errors errors;
  BaseRequest r;
  auto& in = r.record.in;
  in.category = http::JsonText(body, "category", errors);
  in.source = http::JsonText(body, "source", errors);
  in.effective_month = http::JsonText(body, "effective_month", errors);
  in.extra_fen = FenField(body, "extra_fen", "自愿多交金额", errors);
  r.record.note = Trim(http::JsonText(body, "note", errors));
  if (Utf8Length(r.record.note) > kMaxReason) errors.push_back(Invalid("note", "备注不能超过 200 字"));
  if (in.source == kSourceItems) {
    r.record.tax_fen = FenField(body, "tax_fen", "个人所得税", errors);
    r.record.insurance_fen = FenField(body, "insurance_fen", "个人缴纳社会保险费", errors);
    if (!body.contains("items") || !body["items"].is_array() || body["items"].empty()) {
      errors.push_back(Invalid("items", "请填写工资项目金额"));
    } else {
      for (const auto& it : body["items"]) {
        if (!it.is_object() || !it.contains("name") || !it["name"].is_string() || !it.contains("amount_fen") ||
            !it["amount_fen"].is_number_integer()) {
          errors.push_back(Invalid("items", "工资项目应包含名称 name 与金额 amount_fen（分）"));
          break;
        }
        const std::string name = it["name"].get<std::string>();
        auto known = std::find_if(pay_items.begin(), pay_items.end(), [&](const PayItem& p) { return p.name == name; });
        if (known == pay_items.end()) {
          errors.push_back(Invalid("items", "工资项目“" + name + "”不在本院设置的工资项目中"));
          break;
        }
        r.items.push_back({name, it["amount_fen"].get<int64_t>(), known->regular});
      }
    }
  } else if (in.category == kFarmer) {
    in.fixed_fen = FenField(body, "fixed_fen", "每月交纳金额", errors);
  } else if (in.category != kMinimal) {
    in.base_fen = FenField(body, "base_fen", "核定基数", errors);
    if (!body.contains("base_fen")) errors.push_back(Invalid("base_fen", "请填写核定基数（分）"));
  }
  if (errors.empty() && in.source == kSourceItems) {
    auto base = BaseFromItems(r.items, r.record.tax_fen, r.record.insurance_fen);
    if (!base.ok()) errors.insert(errors.end(), base.errors().begin(), base.errors().end());
    else in.base_fen = base.value();
  }
  if (in.category == kMinimal) in.fixed_fen = kMinimalFen;
  auto v = ValidateBase(in);
  if (!v.ok())
    for (const auto& e : v.errors())
      if (std::none_of(errors.begin(), errors.end(), [&](const Error& x) { return x.field == e.field; })) errors.push_back(e);
  if (!errors.empty()) return errors;
  r.record.rate_bp = RateBasisPoints(in.category, in.base_fen);
  r.record.monthly_fen = MonthlyDue(in);
  if (!r.items.empty()) {
    nlohmann::json a = nlohmann::json::array();
    for (const auto& i : r.items) a.push_back({{"name", i.name}, {"amount_fen", i.amount_fen}, {"regular", i.regular}});
    r.record.items_json = a.dump();
  }
  return r;
}

// A base change reaches the generated months not yet past: each gets a recomputed row that
// references the row it replaces. Returns the new rows.
std::vector<MonthRow> Recompute(soci::session& sql, const DuesMember& m, const BaseRecord& b, int64_t user_id) {
  const auto rows = MonthsOf(sql, m.tenant_id, m.id, b.in.effective_month, "9999-12");
  std::vector<std::string> months;
  for (const auto& r : rows) months.push_back(r.month);
  std::vector<MonthRow> out;
  for (const auto& month : MonthsToRecompute(months, b.in.effective_month, ThisMonth())) {
    const auto& old = *std::find_if(rows.begin(), rows.end(), [&](const MonthRow& r) { return r.month == month; });
    if (old.due_fen == b.monthly_fen && old.base_id == b.id) continue;
    SupersedeMonthRow(sql, m.tenant_id, old.id);
    MonthRow n = old;
    n.due_fen = b.monthly_fen;
    n.base_id = b.id;
    n.kind = "recomputed";
    n.corrects_id = old.id;
    n.reason = "核定基数变更";
    n.id = InsertMonthRow(sql, m.tenant_id, n, user_id);
    out.push_back(n);
  }
  return out;
}

}  // namespace

void RegisterRoutes(http::Router& router, platform::Services& s) {
  router.Add({.method = "GET",
              .pattern = "/api/v1/dues/pay-items",
              .permission = "party:dues:list",
              .handler = [&s](Request& req) -> Response {
                return s.db.Read([&](soci::session& sql) -> Response {
                  bool stored = false;
                  auto items = PayItemsOf(sql, req.who().scope.home_tenant, &stored);
                  return JsonResponse(200, PayItemsJson(items, stored));
                });
              }});

  router.Add({.method = "PUT",
              .pattern = "/api/v1/dues/pay-items",
              .permission = "party:dues:config",
              .audit_action = "update",
              .record_type = "dues_pay_items",
              .handler = [&s](Request& req) -> Response {
                const auto body = req.Json();
                std::vector<PayItem> items;
                Errors errors;
                if (!body.contains("items") || !body["items"].is_array() || body["items"].empty() ||
                    body["items"].size() > kMaxPayItems) {
                  errors.push_back(Invalid("items", "请填写 1-30 个工资项目"));
                } else {
                  for (const auto& i : body["items"]) {
                    if (!i.is_object() || !i.contains("name") || !i["name"].is_string()) {
                      errors.push_back(Invalid("items", "每个工资项目需要名称"));
                      break;
                    }
                    const std::string name = Trim(i["name"].get<std::string>());
                    if (name.empty() || Utf8Length(name) > 20) {
                      errors.push_back(Invalid("items", "工资项目名称应为 1-20 个字"));
                      break;
                    }
                    if (std::any_of(items.begin(), items.end(), [&](const PayItem& p) { return p.name == name; })) {
                      errors.push_back(Invalid("items", "工资项目“" + name + "”重复"));
                      break;
                    }
                    const bool regular = !i.contains("regular") || (i["regular"].is_boolean() && i["regular"].get<bool>());
                    items.push_back({name, regular});
                  }
                }
                if (!errors.empty()) return http::Problem(errors);
                auto r = s.db.Write([&](soci::session& sql) -> Result<nlohmann::json> {
                  const int64_t tenant = req.who().scope.home_tenant;
                  bool stored = false;
                  const auto before = PayItemsOf(sql, tenant, &stored);
                  ReplacePayItems(sql, tenant, items, req.who().user_id);
                  auto ev = audit::EventFor(req, "update", "dues_pay_items", std::to_string(tenant));
                  ev.before = PayItemsJson(before, stored);
                  ev.after = PayItemsJson(items, true);
                  audit::Append(sql, ev);
                  return PayItemsJson(items, true);
                });
                return http::JsonOrProblem(r);
              }});

  router.Add({.method = "GET",
              .pattern = "/api/v1/dues/bases",
              .permission = "party:dues:list",
              .handler = [&s](Request& req) -> Response {
                auto p = http::ParseListParams(req, {"unit"}, "unit");
                return s.db.Read([&](soci::session& sql) -> Response {
                  auto f = ParseBaseFilter(sql, req.who().scope, req.query);
                  if (!f.ok()) return http::Problem(f.errors());
                  const int64_t total = CountBaseList(sql, req.who().scope, f.value());
                  nlohmann::json items = nlohmann::json::array();
                  for (const auto& i : ListBaseList(sql, req.who().scope, f.value(), p.Offset(), p.size)) {
                    auto j = MemberJson(i.member);
                    j["base"] = i.base ? BaseJson(*i.base) : nlohmann::json(nullptr);
                    items.push_back(std::move(j));
                  }
                  return JsonResponse(200, http::ListBody(items, total, p));
                });
              }});

  router.Add({.method = "POST",
              .pattern = "/api/v1/dues/bases",
              .permission = "party:dues:edit",
              .audit_action = "create",
              .record_type = "dues_base",
              .handler = [&s](Request& req) -> Response {
                const auto body = req.Json();
                auto r = platform::db::WriteOrConflict(s.db, [&](soci::session& sql) -> Result<nlohmann::json> {
                  auto m = WritableMember(sql, req.who().scope, body, "member_id");
                  if (!m.ok() && m.error().code != ErrorCode::kInvalid) return m.errors();
                  auto parsed = ParseBase(body, PayItemsOf(sql, req.who().scope.home_tenant));
                  Errors errors;
                  if (!m.ok()) errors.push_back(m.error());
                  if (!parsed.ok()) errors.insert(errors.end(), parsed.errors().begin(), parsed.errors().end());
                  if (!errors.empty()) return errors;
                  BaseRecord b = parsed.value().record;
                  b.member_id = m.value().id;
                  b.id = InsertBase(sql, m.value().tenant_id, b, req.who().user_id);
                  const auto recomputed = Recompute(sql, m.value(), b, req.who().user_id);
                  nlohmann::json months = nlohmann::json::array();
                  for (const auto& row : recomputed) months.push_back(MonthRowJson(row));
                  auto out = BaseJson(b);
                  out["member_name"] = m.value().name;
                  out["recomputed"] = months;
                  auto ev = audit::EventFor(req, "create", "dues_base", std::to_string(b.id));
                  ev.after = BaseJson(b);
                  ev.after["recomputed_months"] = recomputed.size();
                  audit::Append(sql, ev);
                  return out;
                }, Concurrent);
                return http::JsonOrProblem(r, 201);
              }});

  router.Add({.method = "POST",
              .pattern = "/api/v1/dues/generate",
              .permission = "party:dues:edit",
              .audit_action = "generate",
              .record_type = "dues_months",
              .handler = [&s](Request& req) -> Response {
                const auto body = req.Json();
                Errors errors;
                int year = TodayDate().year;
                if (body.contains("year") && !body["year"].is_null()) {
                  if (!body["year"].is_number_integer() || body["year"].get<int64_t>() < 2000 || body["year"].get<int64_t>() > 2100)
                    errors.push_back(Invalid("year", "年份应为 2000-2100 之间的整数"));
                  else year = static_cast<int>(body["year"].get<int64_t>());
                }
                auto r = platform::db::WriteOrConflict(s.db, [&](soci::session& sql) -> Result<nlohmann::json> {
                  std::optional<org::Unit> unit;
                  if (!body.contains("unit_id") || !body["unit_id"].is_number_integer()) {
                    errors.push_back(Invalid("unit_id", "请选择生成党费的党组织"));
                  } else {
                    auto u = org::WritableUnit(sql, req.who().scope, body["unit_id"].get<int64_t>(), "unit_id", "该党组织");
                    if (!u.ok() && u.error().code != ErrorCode::kInvalid) return u.errors();
                    if (!u.ok()) errors.push_back(u.error());
                    else unit = u.value();
                  }
                  if (!errors.empty()) return errors;
                  const std::string y = std::to_string(year);
                  const auto months = MonthRange(y + "-01", y + "-12");
                  const Scope scope{req.who().scope.home_tenant, {unit->tenant_id}, {unit->path}};
                  std::vector<MonthRow> rows;
                  int64_t without_base = 0, existing = 0, members = 0;
                  for (const auto& g : LoadGeneration(sql, scope, months.front(), months.back())) {
                    ++members;
                    const auto plan = PlanMonths(g.member.joined_on, g.bases, months);
                    if (g.bases.empty()) ++without_base;
                    for (const auto& p : plan) {
                      if (g.existing.count(p.month)) {
                        ++existing;
                        continue;
                      }
                      MonthRow row;
                      row.member_id = g.member.id;
                      row.unit_id = g.member.unit_id;
                      row.unit_path = g.member.unit_path;
                      row.month = p.month;
                      row.due_fen = p.due_fen;
                      row.base_id = p.base_id;
                      row.kind = "generated";
                      rows.push_back(std::move(row));
                    }
                  }
                  InsertGenerated(sql, unit->tenant_id, rows, req.who().user_id);
                  nlohmann::json out = {{"unit_id", unit->id},          {"unit_name", unit->name},
                                        {"year", year},                 {"members", members},
                                        {"generated", rows.size()},     {"existing", existing},
                                        {"members_without_base", without_base}};
                  auto ev = audit::EventFor(req, "generate", "dues_months", std::to_string(unit->id));
                  ev.after = out;
                  audit::Append(sql, ev);
                  return out;
                }, Concurrent);
                return http::JsonOrProblem(r);
              }});

  router.Add({.method = "POST",
              .pattern = "/api/v1/dues/members/{id}/months/{month}/correct",
              .permission = "party:dues:edit",
              .audit_action = "correct",
              .record_type = "dues_month",
              .handler = [&s](Request& req) -> Response {
                const int64_t id = req.IdParam();
                const std::string month = req.params.count("month") ? req.params.at("month") : "";
                const auto body = req.Json();
                Errors errors;
                if (!IsMonth(month)) errors.push_back(Invalid("month", "月份格式应为 YYYY-MM"));
                int64_t due = 0;
                if (!body.contains("due_fen") || !body["due_fen"].is_number_integer() || body["due_fen"].get<int64_t>() < 0 ||
                    body["due_fen"].get<int64_t>() > kMaxFen)
                  errors.push_back(Invalid("due_fen", "更正后的应交金额应为 0 至 1000 万元之间的整数分"));
                else due = body["due_fen"].get<int64_t>();
                const std::string reason = Trim(http::JsonText(body, "reason", errors));
                if (reason.empty()) errors.push_back(Invalid("reason", "请填写更正原因"));
                else if (Utf8Length(reason) > kMaxReason) errors.push_back(Invalid("reason", "更正原因不能超过 200 字"));
                auto r = s.db.Write([&](soci::session& sql) -> Result<nlohmann::json> {
                  auto m = FindDuesMember(sql, WriteScope(req.who().scope), id);
                  if (!m) return MemberNotFound();
                  if (!errors.empty()) return errors;
                  const auto rows = MonthsOf(sql, m->tenant_id, m->id, month, month);
                  if (rows.empty()) return Invalid("month", month + " 没有该党员的应交党费记录");
                  const MonthRow& old = rows.front();
                  if (old.due_fen == due) return Invalid("due_fen", "更正后的应交金额与原金额相同");
                  if (!SupersedeMonthRow(sql, m->tenant_id, old.id))
                    return Error{ErrorCode::kConflict, "该月党费已被他人更正，请刷新后重试", "month"};
                  MonthRow n = old;
                  n.due_fen = due;
                  n.kind = "correction";
                  n.corrects_id = old.id;
                  n.reason = reason;
                  n.id = InsertMonthRow(sql, m->tenant_id, n, req.who().user_id);
                  n.created_at = NowUtc();
                  auto ev = audit::EventFor(req, "correct", "dues_month", std::to_string(n.id));
                  ev.before = MonthRowJson(old);
                  ev.after = MonthRowJson(n);
                  audit::Append(sql, ev);
                  auto out = MonthRowJson(n);
                  out["member_id"] = m->id;
                  return out;
                });
                return http::JsonOrProblem(r, 201);
              }});

  RegisterPaymentRoutes(router, s);
  RegisterReportRoutes(router, s);
}

}  // namespace qizhi::party::dues
