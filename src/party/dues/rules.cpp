#include "party/dues/rules.hpp"

#include <algorithm>
#include <cstdio>

#include "platform/core/date.hpp"

namespace qizhi::party::dues {

namespace {
constexpr int64_t kYuan = 100;
// A base this large is a typing error, not a salary (10 million yuan a month).
constexpr int64_t kMaxBaseFen = int64_t{1000000000};
constexpr int64_t kMaxExtraFen = int64_t{100000000};
}  // namespace

const std::vector<std::string>& Categories() {
  static const std::vector<std::string> k = {kEmployed, kRetired, kMinimal, kFarmer};
  return k;
}
bool IsCategory(std::string_view c) {
  const auto& all = Categories();
  return std::find(all.begin(), all.end(), c) != all.end();
}

std::string SourceTitle(std::string_view source) {
  if (source == kSourceEntered) return "录入税后工资";
  if (source == kSourceItems) return "按工资项目计算";
  if (source == kSourcePension) return "离退休费";
  if (source == kSourceFixed) return "固定标准";
  return std::string(source);
}

int RateBasisPoints(std::string_view category, int64_t base_fen) {
  if (category == kEmployed) {
    if (base_fen <= 3000 * kYuan) return 50;
    if (base_fen <= 5000 * kYuan) return 100;
    if (base_fen <= 10000 * kYuan) return 150;
    return 200;
  }
  if (category == kRetired) return base_fen <= 5000 * kYuan ? 50 : 100;
  return 0;
}

int64_t ApplyRate(int64_t base_fen, int rate_bp) {
  if (base_fen <= 0 || rate_bp <= 0) return 0;
  return (base_fen * rate_bp + 5000) / 10000;
}

std::string RateText(int rate_bp) {
  if (rate_bp <= 0) return "—";
  std::string s = std::to_string(rate_bp / 100);
  if (rate_bp % 100) {
    int frac = rate_bp % 100;
    s += '.';
    s += static_cast<char>('0' + frac / 10);
    if (frac % 10) s += static_cast<char>('0' + frac % 10);
  }
  return s + "%";
}

const std::vector<PayItem>& DefaultPayItems() {
  static const std::vector<PayItem> k = {{"岗位工资", true}, {"薪级工资", true}, {"绩效工资", true}, {"津贴补贴", true}};
  return k;
}

Result<int64_t> BaseFromItems(const std::vector<ItemAmount>& items, int64_t tax_fen, int64_t insurance_fen) {
  Errors errors;
  int64_t sum = 0;
  for (const auto& i : items) {
    if (i.amount_fen < 0 || i.amount_fen > kMaxBaseFen) {
      errors.push_back(Invalid("items", "工资项目“" + i.name + "”的金额应在 0 至 1000 万元之间"));
      continue;
    }
    if (i.regular) sum += i.amount_fen;
  }
  if (tax_fen < 0 || tax_fen > kMaxBaseFen) errors.push_back(Invalid("tax_fen", "个人所得税不能为负数"));
  if (insurance_fen < 0 || insurance_fen > kMaxBaseFen)
    errors.push_back(Invalid("insurance_fen", "个人缴纳的社会保险费不能为负数"));
  if (!errors.empty()) return errors;
  if (tax_fen + insurance_fen > sum)
    return Invalid("insurance_fen", "个人所得税与社会保险费之和超过了工资项目合计");
  return sum - tax_fen - insurance_fen;
}

Status ValidateBase(const BaseInput& b) {
  Errors errors;
  if (!IsCategory(b.category)) {
    errors.push_back(Invalid("category", "党费类别应为在职、离退休、学生失业低保或农民"));
  } else if (b.category == kEmployed) {
    if (b.source != kSourceEntered && b.source != kSourceItems)
      errors.push_back(Invalid("source", "在职党员的基数来源应为录入税后工资或按工资项目计算"));
  } else if (b.category == kRetired) {
    if (b.source != kSourcePension) errors.push_back(Invalid("source", "离退休党员的基数来源应为离退休费"));
  } else if (b.source != kSourceFixed) {
    errors.push_back(Invalid("source", "该类别党员按固定标准交纳，基数来源应为固定标准"));
  }
  const bool rated = b.category == kEmployed || b.category == kRetired;
  if (rated && (b.base_fen < 0 || b.base_fen > kMaxBaseFen))
    errors.push_back(Invalid("base_fen", "核定基数应在 0 至 1000 万元之间"));
  if (b.category == kFarmer && (b.fixed_fen < kFarmerMinFen || b.fixed_fen > kFarmerMaxFen))
    errors.push_back(Invalid("fixed_fen", "农民党员每月交纳党费应在 0.2 元至 1 元之间"));
  if (b.extra_fen < 0 || b.extra_fen > kMaxExtraFen) errors.push_back(Invalid("extra_fen", "自愿多交金额不能为负数"));
  if (!IsMonth(b.effective_month)) errors.push_back(Invalid("effective_month", "生效月份格式应为 YYYY-MM"));
  if (!errors.empty()) return errors;
  return Ok();
}

int64_t MonthlyDue(const BaseInput& b) {
  int64_t due = 0;
  if (b.category == kEmployed || b.category == kRetired) due = ApplyRate(b.base_fen, RateBasisPoints(b.category, b.base_fen));
  else if (b.category == kMinimal) due = kMinimalFen;
  else if (b.category == kFarmer) due = std::clamp(b.fixed_fen, kFarmerMinFen, kFarmerMaxFen);
  return due + std::max<int64_t>(b.extra_fen, 0);
}

bool IsMonth(std::string_view m) {
  if (m.size() != 7 || m[4] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6})
    if (m[i] < '0' || m[i] > '9') return false;
  const int year = std::stoi(std::string(m.substr(0, 4)));
  const int month = (m[5] - '0') * 10 + (m[6] - '0');
  return year >= 1900 && month >= 1 && month <= 12;
}

std::string AddMonth(const std::string& month, int n) {
  int y = std::stoi(month.substr(0, 4));
  int m = std::stoi(month.substr(5, 2)) - 1 + n;
  y += m >= 0 ? m / 12 : -((11 - m) / 12);
  m = ((m % 12) + 12) % 12;
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d", y, m + 1);
  return buf;
}

std::vector<std::string> MonthRange(const std::string& from, const std::string& to) {
  std::vector<std::string> out;
  for (std::string m = from; m <= to; m = AddMonth(m, 1)) out.push_back(m);
  return out;
}

std::string LastDayOf(const std::string& month) {
  Date first{std::stoi(month.substr(0, 4)), std::stoi(month.substr(5, 2)), 1};
  return FormatDate(AddDays(AddMonths(first, 1), -1));
}

std::string FirstDueMonth(const std::string& joined_on) { return joined_on.substr(0, 7); }

std::vector<PlannedMonth> PlanMonths(const std::string& joined_on, std::vector<BaseSpan> bases,
                                     const std::vector<std::string>& months) {
  std::sort(bases.begin(), bases.end(), [](const BaseSpan& a, const BaseSpan& b) {
    return a.effective_month != b.effective_month ? a.effective_month < b.effective_month : a.id < b.id;
  });
  const std::string first = FirstDueMonth(joined_on);
  std::vector<PlannedMonth> out;
  for (const auto& m : months) {
    if (m < first) continue;
    const BaseSpan* in_force = nullptr;
    for (const auto& b : bases)
      if (b.effective_month <= m) in_force = &b;
    if (in_force) out.push_back({m, in_force->monthly_fen, in_force->id});
  }
  return out;
}

Result<std::vector<Allocation>> AllocatePayment(int64_t amount_fen, const std::vector<MonthBalance>& balances,
                                                const std::vector<std::string>& named_months,
                                                const std::string& fallback_month) {
  if (amount_fen <= 0) return Invalid("amount_fen", "缴纳金额应大于 0");
  std::vector<const MonthBalance*> order;
  if (!named_months.empty()) {
    std::vector<std::string> named = named_months;
    std::sort(named.begin(), named.end());
    named.erase(std::unique(named.begin(), named.end()), named.end());
    for (const auto& m : named) {
      auto it = std::find_if(balances.begin(), balances.end(), [&](const MonthBalance& b) { return b.month == m; });
      if (it == balances.end()) return Invalid("months", m + " 没有应交党费记录，请先生成该月党费");
      order.push_back(&*it);
    }
  } else {
    for (const auto& b : balances)
      if (b.Owed() > 0) order.push_back(&b);
  }
  std::vector<Allocation> out;
  int64_t left = amount_fen;
  for (const auto* b : order) {
    if (left == 0) break;
    const int64_t take = std::min(left, b->Owed());
    if (take == 0 && named_months.empty()) continue;
    out.push_back({b->month, take, 0});
    left -= take;
  }
  if (left > 0) {
    if (out.empty()) out.push_back({order.empty() ? fallback_month : order.back()->month, 0, 0});
    out.back().extra_fen += left;
  }
  // Named months already fully paid take nothing: drop their empty lines.
  out.erase(std::remove_if(out.begin(), out.end(), [](const Allocation& a) { return a.applied_fen == 0 && a.extra_fen == 0; }),
            out.end());
  return out;
}

std::optional<std::string> SettledOn(const std::string& month, int64_t due_fen, std::vector<Applied> applied) {
  if (due_fen <= 0) return month + "-01";
  std::stable_sort(applied.begin(), applied.end(), [](const Applied& a, const Applied& b) { return a.paid_on < b.paid_on; });
  int64_t sum = 0;
  for (const auto& a : applied) {
    sum += a.applied_fen;
    if (sum >= due_fen) return a.paid_on;
  }
  return std::nullopt;
}

bool OnTime(const std::string& month, const std::optional<std::string>& settled_on) {
  return settled_on && *settled_on <= LastDayOf(month);
}

UnpaidRun LongestUnpaidRun(const std::vector<MonthBalance>& balances, const std::string& current_month) {
  UnpaidRun best, run;
  std::string prev;
  for (const auto& b : balances) {
    if (b.month >= current_month) break;
    const bool unpaid = b.due_fen > 0 && b.paid_fen == 0;
    if (!unpaid) {
      run = {};
    } else {
      if (run.length > 0 && AddMonth(prev, 1) == b.month) {
        ++run.length;
        run.to = b.month;
      } else {
        run = {1, b.month, b.month};
      }
      if (run.length > best.length) best = run;
    }
    prev = b.month;
  }
  return best;
}

std::vector<std::string> MonthsToRecompute(const std::vector<std::string>& generated, const std::string& effective_month,
                                           const std::string& current_month) {
  std::vector<std::string> out;
  const std::string& from = std::max(effective_month, current_month);
  for (const auto& m : generated)
    if (m >= from) out.push_back(m);
  std::sort(out.begin(), out.end());
  return out;
}

const std::vector<std::string>& PaymentMethods() {
  static const std::vector<std::string> k = {"现金", "微信", "支付宝", "银行转账", "工资代扣", "其他"};
  return k;
}
bool IsPaymentMethod(std::string_view m) {
  const auto& all = PaymentMethods();
  return std::find(all.begin(), all.end(), m) != all.end();
}

std::string Yuan(int64_t fen) {
  const bool neg = fen < 0;
  const int64_t a = neg ? -fen : fen;
  char buf[32];
  std::snprintf(buf, sizeof buf, "%s%lld.%02lld", neg ? "-" : "", static_cast<long long>(a / 100),
                static_cast<long long>(a % 100));
  return buf;
}

}  // namespace qizhi::party::dues
