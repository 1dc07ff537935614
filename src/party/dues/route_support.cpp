#include "party/dues/route_support.hpp"

#include "platform/core/clock.hpp"
#include "platform/core/text.hpp"

namespace qizhi::party::dues {
namespace http = platform::http;

Error MemberNotFound() { return Error{ErrorCode::kNotFound, "党员不存在或不在您的管理范围内", "id"}; }

Result<DuesMember> WritableMember(soci::session& sql, const Scope& scope, const nlohmann::json& body,
                                  const std::string& field) {
  if (!body.contains(field) || !body[field].is_number_integer() || body[field].get<int64_t>() <= 0)
    return Invalid(field, "请选择党员");
  const int64_t id = body[field].get<int64_t>();
  const Scope write = WriteScope(scope);
  auto m = FindDuesMember(sql, write, id);
  if (!m) {
    if (FindDuesMember(sql, WholeTenant(write.home_tenant), id))
      return Error{ErrorCode::kForbidden, "该党员不在您的管理范围内", field};
    return Invalid(field, "党员不存在");
  }
  if (m->state != "active") return Invalid(field, "该党员已不在党员名册中");
  return *m;
}

std::string ThisMonth() { return TodayShanghai().substr(0, 7); }

nlohmann::json MemberJson(const DuesMember& m) {
  return {{"member_id", m.id},        {"name", m.name},           {"unit_id", m.unit_id},
          {"unit_name", m.unit_name}, {"status", m.status},       {"joined_on", m.joined_on},
          {"tenant_id", m.tenant_id}, {"tenant_name", m.tenant_name}, {"member_category", m.category}};
}

nlohmann::json BaseJson(const BaseRecord& b) {
  nlohmann::json items = nlohmann::json::array();
  if (!b.items_json.empty()) items = nlohmann::json::parse(b.items_json, nullptr, false);
  if (items.is_discarded()) items = nlohmann::json::array();
  return {{"id", b.id},
          {"member_id", b.member_id},
          {"category", b.in.category},
          {"source", b.in.source},
          {"source_title", SourceTitle(b.in.source)},
          {"effective_month", b.in.effective_month},
          {"base_fen", b.in.base_fen},
          {"fixed_fen", b.in.fixed_fen},
          {"extra_fen", b.in.extra_fen},
          {"tax_fen", b.tax_fen},
          {"insurance_fen", b.insurance_fen},
          {"items", items},
          {"rate_bp", b.rate_bp},
          {"rate_text", RateText(b.rate_bp)},
          {"monthly_fen", b.monthly_fen},
          {"note", http::TextOrNull(b.note)},
          {"created_at", b.created_at}};
}

nlohmann::json MonthRowJson(const MonthRow& r) {
  return {{"id", r.id},
          {"month", r.month},
          {"due_fen", r.due_fen},
          {"kind", r.kind},
          {"base_id", http::ValueOrNull(r.base_id)},
          {"corrects_id", http::ValueOrNull(r.corrects_id)},
          {"reason", http::TextOrNull(r.reason)},
          {"created_at", r.created_at},
          {"superseded_at", http::ValueOrNull(r.superseded_at)}};
}

nlohmann::json PaymentJson(const PaymentRecord& p) {
  return {{"id", p.id},
          {"member_id", p.member_id},
          {"member_name", p.member_name},
          {"unit_id", p.unit_id},
          {"unit_name", p.unit_name},
          {"paid_on", p.paid_on},
          {"amount_fen", p.amount_fen},
          {"amount_text", Yuan(p.amount_fen)},
          {"method", p.method},
          {"collector", p.collector},
          {"note", http::TextOrNull(p.note)},
          {"voided", p.voided},
          {"created_at", p.created_at}};
}

nlohmann::json LineJson(const PaymentLine& l) {
  return {{"month", l.month}, {"applied_fen", l.applied_fen}, {"extra_fen", l.extra_fen}};
}

}  // namespace qizhi::party::dues
