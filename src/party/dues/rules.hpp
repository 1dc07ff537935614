// 党费 (dues) rules, pure: the base (核定基数) and its category, the one rate on the whole base,
// the monthly due in fen, the month a member starts paying, how a payment is spread over months,
// when a member's unpaid months are flagged (党章: six consecutive months without paying), and
// which months a base change may recompute. No SOCI, no HTTP; money is integer fen throughout,
// rounding is half up done in integers. Thread-safe, never throws.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "platform/core/result.hpp"

namespace qizhi::party::dues {

// Who a base is for (中组部《关于中国共产党党费收缴、使用和管理的规定》).
inline constexpr const char* kEmployed = "在职";       // monthly after-tax regular pay
inline constexpr const char* kRetired = "离退休";       // monthly pension
inline constexpr const char* kMinimal = "学生失业低保";  // students, unemployed, relief/低保: 0.2 yuan
inline constexpr const char* kFarmer = "农民";          // 0.2-1 yuan a month as set
const std::vector<std::string>& Categories();
bool IsCategory(std::string_view c);

// Where a base's amount came from.
inline constexpr const char* kSourceEntered = "entered";  // after-tax pay entered as one amount
inline constexpr const char* kSourceItems = "items";      // computed from the tenant's pay items
inline constexpr const char* kSourcePension = "pension";  // the monthly pension
inline constexpr const char* kSourceFixed = "fixed";      // the category's fixed amount
std::string SourceTitle(std::string_view source);

inline constexpr int64_t kMinimalFen = 20;    // 0.2 yuan
inline constexpr int64_t kFarmerMinFen = 20;  // 0.2-1 yuan
inline constexpr int64_t kFarmerMaxFen = 100;

// The rate on the whole base, in basis points (1/10000): 在职 ≤3000 → 50, ≤5000 → 100,
// ≤10000 → 150, above → 200; 离退休 ≤5000 → 50, above → 100. Bands include their upper edge.
// Other categories pay a fixed amount and have no rate (0).
int RateBasisPoints(std::string_view category, int64_t base_fen);
// base × rate rounded half up to the fen, in integers: (base_fen × bp + 5000) / 10000.
int64_t ApplyRate(int64_t base_fen, int rate_bp);
// "0.5%", "1.5%"; "—" for 0.
std::string RateText(int rate_bp);

// A pay item as a tenant configures it; one-off items (bonuses) never enter the base.
struct PayItem {
  std::string name;
  bool regular = true;
};
// 岗位工资, 薪级工资, 绩效工资, 津贴补贴: the default when a tenant stores none.
const std::vector<PayItem>& DefaultPayItems();

struct ItemAmount {
  std::string name;
  int64_t amount_fen = 0;
  bool regular = true;
};
// The after-tax regular monthly pay: regular items − personal income tax − personal social
// insurance (and housing fund) contributions. Errors: a negative amount (field "items" /
// "tax_fen" / "insurance_fen"), deductions above the items ("insurance_fen").
Result<int64_t> BaseFromItems(const std::vector<ItemAmount>& items, int64_t tax_fen, int64_t insurance_fen);

// What a member's base says; the input of MonthlyDue and of ValidateBase.
struct BaseInput {
  std::string category;
  std::string source;
  int64_t base_fen = 0;   // 在职 / 离退休: the base; others 0
  int64_t fixed_fen = 0;  // 农民: 20-100 as set; 学生失业低保: 20
  int64_t extra_fen = 0;  // paid on top each month of the member's own will (≥ 0)
  std::string effective_month;  // YYYY-MM
};
// Field errors in Chinese: category, source matching the category (在职: entered|items; 离退休:
// pension; others: fixed), base_fen ≥ 0 and below 10 million yuan, 农民's fixed_fen within
// 20-100, extra_fen ≥ 0, effective_month a real month.
Status ValidateBase(const BaseInput& b);
// The monthly due in fen: rate × base for 在职/离退休, the fixed amount otherwise; plus extra.
int64_t MonthlyDue(const BaseInput& b);

// ---- months ----
// Strict "YYYY-MM" (year 1900-9999, month 01-12).
bool IsMonth(std::string_view m);
std::string AddMonth(const std::string& month, int n);
// Months from `from` to `to` inclusive; empty when to < from.
std::vector<std::string> MonthRange(const std::string& from, const std::string& to);
// The last day of a month, "YYYY-MM-DD".
std::string LastDayOf(const std::string& month);
// A member owes dues from the month of admission as a 预备党员 (党章: a probationary member pays
// dues): the month of joined_on.
std::string FirstDueMonth(const std::string& joined_on);

// The base in force in a month is the one with the latest effective_month not after it (the later
// one recorded when two share a month). A member's months of `months` are those from the month of
// admission on with a base in force, each due that base's monthly_fen.
struct BaseSpan {
  int64_t id = 0;
  std::string effective_month;
  int64_t monthly_fen = 0;
};
struct PlannedMonth {
  std::string month;
  int64_t due_fen = 0;
  int64_t base_id = 0;
};
std::vector<PlannedMonth> PlanMonths(const std::string& joined_on, std::vector<BaseSpan> bases,
                                     const std::vector<std::string>& months);

// ---- payments ----
// A month with what is due and what has been applied to it so far.
struct MonthBalance {
  std::string month;
  int64_t due_fen = 0;
  int64_t paid_fen = 0;
  int64_t Owed() const { return due_fen > paid_fen ? due_fen - paid_fen : 0; }
};
struct Allocation {
  std::string month;
  int64_t applied_fen = 0;  // against the due
  int64_t extra_fen = 0;    // paid beyond the due (voluntary)
};
// Spreads `amount_fen` over the member's months (`balances` in month order). Named months: only
// those, in month order, each up to what it owes. Otherwise the oldest owed month first, on into
// later generated months (paying in advance). What is left over is a voluntary extra on the last
// month paid (or the last named month, or `fallback_month` when nothing was owed).
// Errors: amount ≤ 0 ("amount_fen"); a named month the member has no due for ("months").
Result<std::vector<Allocation>> AllocatePayment(int64_t amount_fen, const std::vector<MonthBalance>& balances,
                                                const std::vector<std::string>& named_months,
                                                const std::string& fallback_month);

// The date a month's due was fully paid: payments (date, applied fen) in date order, running sum
// reaching the due; nullopt while unpaid. A month due 0 is settled on its first day.
struct Applied {
  std::string paid_on;
  int64_t applied_fen = 0;
};
std::optional<std::string> SettledOn(const std::string& month, int64_t due_fen, std::vector<Applied> applied);
// Fully paid by the last day of that month.
bool OnTime(const std::string& month, const std::optional<std::string>& settled_on);

// ---- six months unpaid ----
// The longest run of consecutive calendar months, each past (before `current_month`), with
// something due and nothing paid. 党章 第九条: six such months without a proper reason is
// treated as leaving the Party, so the branch is told from six on.
inline constexpr int kFlagMonths = 6;
struct UnpaidRun {
  int length = 0;
  std::string from, to;  // first and last month of the run
};
UnpaidRun LongestUnpaidRun(const std::vector<MonthBalance>& balances, const std::string& current_month);
inline bool Flagged(const UnpaidRun& r) { return r.length >= kFlagMonths; }

// ---- base changes ----
// A new base effective from `effective_month` changes the due of generated months that are both
// on or after it and not yet past (≥ `current_month`); past months keep theirs and are changed
// only by an explicit correction. Returns the months to recompute, in order.
std::vector<std::string> MonthsToRecompute(const std::vector<std::string>& generated, const std::string& effective_month,
                                           const std::string& current_month);

// Payment methods offered (现金, 微信, 支付宝, 银行转账, 工资代扣, 其他).
const std::vector<std::string>& PaymentMethods();
bool IsPaymentMethod(std::string_view m);

// 1234 → "12.34".
std::string Yuan(int64_t fen);

}  // namespace qizhi::party::dues
