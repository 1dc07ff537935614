#include "party/dues/filter_params.hpp"

#include <algorithm>

#include "party/org/overview.hpp"
#include "platform/core/date.hpp"
#include "platform/core/text.hpp"

namespace qizhi::party::dues {

namespace {
std::string Get(const Params& p, const char* name) {
  auto it = p.find(name);
  return it == p.end() ? std::string() : it->second;
}
bool Digits(const std::string& s, size_t max = 18) {
  return !s.empty() && s.size() <= max && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}
}  // namespace

Result<PaymentFilter> ParsePaymentFilter(soci::session& sql, const Scope& scope, const Params& query) {
  PaymentFilter f;
  Errors errors;
  if (const std::string org = Get(query, "org"); !org.empty()) {
    auto unit = org::ParseOrgParam(sql, scope, org);
    if (!unit.ok() && unit.error().code == ErrorCode::kNotFound) return unit.errors();
    if (!unit.ok()) errors.push_back(unit.error());
    else f.org_path = unit.value().path;
  }
  if (const std::string m = Get(query, "member"); !m.empty()) {
    if (!Digits(m) || std::stoll(m) <= 0) errors.push_back(Invalid("member", "党员编号应为正整数"));
    else f.member_id = std::stoll(m);
  }
  f.from = Get(query, "from");
  if (!f.from.empty() && !ParseDate(f.from)) errors.push_back(Invalid("from", "起始日期格式应为 YYYY-MM-DD"));
  f.to = Get(query, "to");
  if (!f.to.empty() && !ParseDate(f.to)) errors.push_back(Invalid("to", "截至日期格式应为 YYYY-MM-DD"));
  if (ParseDate(f.from) && ParseDate(f.to) && f.from > f.to) errors.push_back(Invalid("to", "截至日期不能早于起始日期"));
  f.method = Get(query, "method");
  if (!f.method.empty() && !IsPaymentMethod(f.method))
    errors.push_back(Invalid("method", "缴纳方式应为现金、微信、支付宝、银行转账、工资代扣或其他"));
  f.state = Get(query, "state");
  if (f.state.empty()) f.state = "valid";
  if (f.state != "valid" && f.state != "voided" && f.state != "all")
    errors.push_back(Invalid("state", "状态应为 valid（有效）、voided（已作废）或 all"));
  f.q = Trim(Get(query, "q"));
  if (Utf8Length(f.q) > 50) errors.push_back(Invalid("q", "搜索内容过长"));
  if (!errors.empty()) return errors;
  return f;
}

Result<BaseFilter> ParseBaseFilter(soci::session& sql, const Scope& scope, const Params& query) {
  BaseFilter f;
  Errors errors;
  if (const std::string org = Get(query, "org"); !org.empty()) {
    auto unit = org::ParseOrgParam(sql, scope, org);
    if (!unit.ok() && unit.error().code == ErrorCode::kNotFound) return unit.errors();
    if (!unit.ok()) errors.push_back(unit.error());
    else f.org_path = unit.value().path;
  }
  f.category = Get(query, "category");
  if (!f.category.empty() && !IsCategory(f.category))
    errors.push_back(Invalid("category", "党费类别应为在职、离退休、学生失业低保或农民"));
  const std::string missing = Get(query, "missing");
  if (!missing.empty() && missing != "1" && missing != "0") errors.push_back(Invalid("missing", "missing 应为 1 或 0"));
  f.missing = missing == "1";
  f.q = Trim(Get(query, "q"));
  if (Utf8Length(f.q) > 50) errors.push_back(Invalid("q", "搜索内容过长"));
  if (!errors.empty()) return errors;
  return f;
}

Result<ArrearsFilter> ParseArrearsFilter(soci::session& sql, const Scope& scope, const Params& query,
                                         const std::string& this_month) {
  ArrearsFilter f{scope, "", false, this_month};
  Errors errors;
  if (const std::string org = Get(query, "org"); !org.empty()) {
    auto unit = org::ParseOrgParam(sql, scope, org);
    if (!unit.ok() && unit.error().code == ErrorCode::kNotFound) return unit.errors();
    if (!unit.ok()) errors.push_back(unit.error());
    else f.scope = Scope{scope.home_tenant, {unit.value().tenant_id}, {unit.value().path}};
  }
  const std::string flagged = Get(query, "flagged");
  if (!flagged.empty() && flagged != "1" && flagged != "0") errors.push_back(Invalid("flagged", "flagged 应为 1 或 0"));
  f.flagged_only = flagged == "1";
  if (const std::string m = Get(query, "month"); !m.empty()) {
    if (!IsMonth(m)) errors.push_back(Invalid("month", "月份格式应为 YYYY-MM"));
    else f.current_month = m;
  }
  f.q = Trim(Get(query, "q"));
  if (Utf8Length(f.q) > 50) errors.push_back(Invalid("q", "搜索内容过长"));
  if (!errors.empty()) return errors;
  return f;
}

Result<int> ParseYear(const std::string& text, int this_year) {
  if (text.empty()) return this_year;
  if (!Digits(text, 4) || std::stoi(text) < 2000 || std::stoi(text) > 2100)
    return Invalid("year", "年份应为 2000-2100 之间的四位数字");
  return std::stoi(text);
}

}  // namespace qizhi::party::dues
