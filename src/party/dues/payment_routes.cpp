// /api/v1/dues/payments: recording a payment (date, amount, method, collector; spread over the
// member's months by AllocatePayment — partial, advance and voluntary extra payments allowed),
// the list, one payment with its lines (the receipt), and voiding one (a void row, with reason).
#include "party/dues/route_support.hpp"
#include "platform/audit/store.hpp"
#include "platform/core/clock.hpp"
#include "platform/core/date.hpp"
#include "platform/core/text.hpp"

namespace qizhi::party::dues {
namespace http = platform::http;
namespace audit = platform::audit;
using http::JsonResponse;
using http::Request;
using http::Response;

namespace {

constexpr int64_t kMaxPaymentFen = int64_t{100000000};  // one million yuan
constexpr size_t kMaxText = 200;

Error PaymentNotFound() { return Error{ErrorCode::kNotFound, "缴纳记录不存在或不在您的管理范围内", "id"}; }

nlohmann::json ReceiptJson(const PaymentRecord& p, const std::vector<PaymentLine>& lines, const std::string& tenant_name) {
  auto j = PaymentJson(p);
  nlohmann::json l = nlohmann::json::array();
  int64_t applied = 0, extra = 0;
  for (const auto& x : lines) {
    l.push_back(LineJson(x));
    applied += x.applied_fen;
    extra += x.extra_fen;
  }
  j["lines"] = l;
  j["applied_fen"] = applied;
  j["extra_fen"] = extra;
  j["tenant_name"] = tenant_name;
  j["receipt_no"] = "DF" + p.paid_on.substr(0, 4) + std::string(8 - std::min<size_t>(8, std::to_string(p.id).size()), '0') +
                    std::to_string(p.id);
  return j;
}

struct PaymentBody {
  std::string paid_on, method, collector, note;
  int64_t amount_fen = 0;
  std::vector<std::string> months;
};

PaymentBody ParsePaymentBody(const nlohmann::json& body, Errors& errors) {
  PaymentBody b;
  b.paid_on = http::JsonText(body, "paid_on", errors);
  if (b.paid_on.empty()) errors.push_back(Invalid("paid_on", "请填写缴纳日期"));
  else if (!ParseDate(b.paid_on)) errors.push_back(Invalid("paid_on", "缴纳日期格式应为 YYYY-MM-DD"));
  else if (b.paid_on > TodayShanghai()) errors.push_back(Invalid("paid_on", "缴纳日期不能晚于今天"));
  if (!body.contains("amount_fen") || !body["amount_fen"].is_number_integer() || body["amount_fen"].get<int64_t>() <= 0 ||
      body["amount_fen"].get<int64_t>() > kMaxPaymentFen)
    errors.push_back(Invalid("amount_fen", "缴纳金额应为大于 0 的整数分（不超过 100 万元）"));
  else b.amount_fen = body["amount_fen"].get<int64_t>();
  b.method = http::JsonText(body, "method", errors);
  if (!IsPaymentMethod(b.method)) errors.push_back(Invalid("method", "缴纳方式应为现金、微信、支付宝、银行转账、工资代扣或其他"));
  b.collector = Trim(http::JsonText(body, "collector", errors));
  if (b.collector.empty()) errors.push_back(Invalid("collector", "请填写收缴人"));
  else if (Utf8Length(b.collector) > 50) errors.push_back(Invalid("collector", "收缴人不能超过 50 字"));
  b.note = Trim(http::JsonText(body, "note", errors));
  if (Utf8Length(b.note) > kMaxText) errors.push_back(Invalid("note", "备注不能超过 200 字"));
  if (body.contains("months") && !body["months"].is_null()) {
    if (!body["months"].is_array() || body["months"].size() > 36) {
      errors.push_back(Invalid("months", "缴纳月份应为 YYYY-MM 的列表（最多 36 个月）"));
    } else {
      for (const auto& m : body["months"]) {
        if (!m.is_string() || !IsMonth(m.get<std::string>())) {
          errors.push_back(Invalid("months", "缴纳月份格式应为 YYYY-MM"));
          break;
        }
        b.months.push_back(m.get<std::string>());
      }
    }
  }
  return b;
}

}  // namespace

void RegisterPaymentRoutes(http::Router& router, platform::Services& s) {
  router.Add({.method = "GET",
              .pattern = "/api/v1/dues/payments",
              .permission = "party:dues:list",
              .handler = [&s](Request& req) -> Response {
                auto p = http::ParseListParams(req, {"date", "amount", "name", "id"}, "-date");
                return s.db.Read([&](soci::session& sql) -> Response {
                  auto f = ParsePaymentFilter(sql, req.who().scope, req.query);
                  if (!f.ok()) return http::Problem(f.errors());
                  const int64_t total = CountPayments(sql, req.who().scope, f.value());
                  nlohmann::json items = nlohmann::json::array();
                  for (const auto& x : ListPayments(sql, req.who().scope, f.value(), p.sort_field, p.sort_desc, p.Offset(), p.size))
                    items.push_back(PaymentJson(x));
                  return JsonResponse(200, http::ListBody(items, total, p));
                });
              }});

  router.Add({.method = "GET",
              .pattern = "/api/v1/dues/payments/{id}",
              .permission = "party:dues:list",
              .handler = [&s](Request& req) -> Response {
                const int64_t id = req.IdParam();
                return s.db.Read([&](soci::session& sql) -> Response {
                  auto p = FindPayment(sql, req.who().scope, id);
                  if (!p) return http::Problem({PaymentNotFound()});
                  auto m = FindDuesMember(sql, WholeTenant(p->tenant_id), p->member_id);
                  return JsonResponse(200, ReceiptJson(*p, LinesOf(sql, p->tenant_id, p->id), m ? m->tenant_name : ""));
                });
              }});

  router.Add({.method = "POST",
              .pattern = "/api/v1/dues/payments",
              .permission = "party:dues:edit",
              .audit_action = "create",
              .record_type = "dues_payment",
              .handler = [&s](Request& req) -> Response {
                const auto body = req.Json();
                Errors errors;
                const PaymentBody in = ParsePaymentBody(body, errors);
                auto r = s.db.Write([&](soci::session& sql) -> Result<nlohmann::json> {
                  auto m = WritableMember(sql, req.who().scope, body, "member_id");
                  if (!m.ok() && m.error().code != ErrorCode::kInvalid) return m.errors();
                  if (!m.ok()) errors.insert(errors.begin(), m.error());
                  if (!errors.empty()) return errors;
                  const DuesMember& member = m.value();
                  std::vector<MonthBalance> balances;
                  const auto paid = PaidByMonth(sql, member.tenant_id, member.id, "0000-00", "9999-12");
                  for (const auto& row : MonthsOf(sql, member.tenant_id, member.id, "0000-00", "9999-12")) {
                    auto it = paid.find(row.month);
                    balances.push_back({row.month, row.due_fen, it == paid.end() ? 0 : it->second});
                  }
                  auto alloc = AllocatePayment(in.amount_fen, balances, in.months, in.paid_on.substr(0, 7));
                  if (!alloc.ok()) return alloc.errors();
                  PaymentRecord p;
                  p.tenant_id = member.tenant_id;
                  p.member_id = member.id;
                  p.unit_id = member.unit_id;
                  p.unit_path = member.unit_path;
                  p.paid_on = in.paid_on;
                  p.amount_fen = in.amount_fen;
                  p.method = in.method;
                  p.collector = in.collector;
                  p.note = in.note;
                  std::vector<PaymentLine> lines;
                  for (const auto& a : alloc.value()) lines.push_back({a.month, a.applied_fen, a.extra_fen});
                  p.id = InsertPayment(sql, p, lines, req.who().user_id);
                  auto stored = FindPayment(sql, WholeTenant(member.tenant_id), p.id);
                  auto out = ReceiptJson(*stored, lines, member.tenant_name);
                  auto ev = audit::EventFor(req, "create", "dues_payment", std::to_string(p.id));
                  ev.after = out;
                  audit::Append(sql, ev);
                  return out;
                });
                return http::JsonOrProblem(r, 201);
              }});

  router.Add({.method = "POST",
              .pattern = "/api/v1/dues/payments/{id}/void",
              .permission = "party:dues:edit",
              .audit_action = "void",
              .record_type = "dues_payment",
              .handler = [&s](Request& req) -> Response {
                const int64_t id = req.IdParam();
                const auto body = req.Json();
                Errors errors;
                const std::string reason = Trim(http::JsonText(body, "reason", errors));
                if (reason.empty()) errors.push_back(Invalid("reason", "请填写作废原因"));
                else if (Utf8Length(reason) > kMaxText) errors.push_back(Invalid("reason", "作废原因不能超过 200 字"));
                auto r = s.db.Write([&](soci::session& sql) -> Result<nlohmann::json> {
                  auto p = FindPayment(sql, WriteScope(req.who().scope), id);
                  if (!p) return PaymentNotFound();
                  if (!errors.empty()) return errors;
                  if (p->voided) return Error{ErrorCode::kConflict, "该缴纳记录已作废", "id"};
                  if (!VoidPayment(sql, *p, reason, req.who().user_id))
                    return Error{ErrorCode::kConflict, "该缴纳记录已作废", "id"};
                  auto after = FindPayment(sql, WholeTenant(p->tenant_id), id);
                  auto ev = audit::EventFor(req, "void", "dues_payment", std::to_string(id));
                  ev.before = PaymentJson(*p);
                  ev.after = {{"voided", true}, {"reason", reason}};
                  audit::Append(sql, ev);
                  auto out = PaymentJson(*after);
                  out["void_reason"] = reason;
                  return out;
                });
                return http::JsonOrProblem(r);
              }});
}

}  // namespace qizhi::party::dues
