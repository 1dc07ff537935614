#include "party/dues/rules.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace qizhi::party::dues {
namespace {

BaseInput Base(std::string category, int64_t base_fen, int64_t fixed_fen = 0) {
  BaseInput b;
  b.category = std::move(category);
  b.base_fen = base_fen;
  b.fixed_fen = fixed_fen;
  b.effective_month = "2026-01";
  if (b.category == kEmployed) b.source = kSourceEntered;
  else if (b.category == kRetired) b.source = kSourcePension;
  else b.source = kSourceFixed;
  return b;
}

// The regulation's bands at each edge, in fen: one rate on the whole base, half up to the fen.
struct BandCase {
  const char* category;
  int64_t base_fen;
  int rate_bp;
  int64_t due_fen;
};
const BandCase kBands[] = {
    {kEmployed, 299999, 50, 1500},      // 2999.99 × 0.5% = 14.99995 → 15.00
    {kEmployed, 300000, 50, 1500},      // 3000.00 × 0.5% = 15.00 (the edge belongs to the lower band)
    {kEmployed, 300001, 100, 3000},     // 3000.01 × 1% = 30.0001 → 30.00
    {kEmployed, 500000, 100, 5000},     // 5000.00 × 1% = 50.00
    {kEmployed, 500001, 150, 7500},     // 5000.01 × 1.5% = 75.00015 → 75.00
    {kEmployed, 1000000, 150, 15000},   // 10000.00 × 1.5% = 150.00
    {kEmployed, 1000001, 200, 20000},   // 10000.01 × 2% = 200.0002 → 200.00
    {kEmployed, 0, 50, 0},              // no pay, nothing due
    {kEmployed, 100, 50, 1},            // 1.00 × 0.5% = 0.005 → 0.01 (half up)
    {kEmployed, 99, 50, 0},             // 0.99 × 0.5% = 0.00495 → 0.00
    {kEmployed, 456789, 100, 4568},     // 4567.89 × 1% = 45.6789 → 45.68
    {kEmployed, 333350, 100, 3334},     // 3333.50 × 1% = 33.335 → 33.34 (half up, not to even)
    {kEmployed, 700030, 150, 10500},    // 7000.30 × 1.5% = 105.0045 → 105.00
    {kEmployed, 700034, 150, 10501},    // 7000.34 × 1.5% = 105.0051 → 105.01
    {kRetired, 500000, 50, 2500},       // 5000.00 × 0.5% = 25.00
    {kRetired, 500001, 100, 5000},      // 5000.01 × 1% = 50.0001 → 50.00
    {kRetired, 299999, 50, 1500},       // retirees have no 3000 band
    {kRetired, 2000000, 100, 20000},    // nor a 2% one
};

TEST(DuesRules, EveryBandEdgeInExactFen) {
  for (const auto& c : kBands) {
    EXPECT_EQ(RateBasisPoints(c.category, c.base_fen), c.rate_bp) << c.category << " " << c.base_fen;
    EXPECT_EQ(MonthlyDue(Base(c.category, c.base_fen)), c.due_fen) << c.category << " " << c.base_fen;
  }
}

TEST(DuesRules, FixedCategoriesPayTwentyFenOrTheFarmersSetAmount) {
  EXPECT_EQ(MonthlyDue(Base(kMinimal, 0)), 20);
  EXPECT_EQ(MonthlyDue(Base(kMinimal, 800000)), 20);  // a base given by mistake changes nothing
  EXPECT_EQ(RateBasisPoints(kMinimal, 800000), 0);
  EXPECT_EQ(MonthlyDue(Base(kFarmer, 0, 20)), 20);
  EXPECT_EQ(MonthlyDue(Base(kFarmer, 0, 50)), 50);
  EXPECT_EQ(MonthlyDue(Base(kFarmer, 0, 100)), 100);
  EXPECT_TRUE(ValidateBase(Base(kFarmer, 0, 20)).ok());
  EXPECT_TRUE(ValidateBase(Base(kFarmer, 0, 100)).ok());
  for (int64_t bad : {0, 19, 101}) {
    auto v = ValidateBase(Base(kFarmer, 0, bad));
    ASSERT_FALSE(v.ok()) << bad;
    EXPECT_EQ(v.error().field, "fixed_fen");
  }
}

TEST(DuesRules, VoluntaryExtraIsAddedToTheDue) {
  auto b = Base(kEmployed, 500000);
  b.extra_fen = 1000;
  EXPECT_EQ(MonthlyDue(b), 6000);
  b.extra_fen = -1;
  EXPECT_EQ(ValidateBase(b).error().field, "extra_fen");
}

TEST(DuesRules, ValidateBaseNamesEachField) {
  auto b = Base(kEmployed, 500000);
  b.category = "退休";
  EXPECT_EQ(ValidateBase(b).error().field, "category");
  b = Base(kEmployed, 500000);
  b.source = kSourcePension;
  EXPECT_EQ(ValidateBase(b).error().field, "source");
  b = Base(kRetired, 500000);
  b.source = kSourceEntered;
  EXPECT_EQ(ValidateBase(b).error().field, "source");
  b = Base(kEmployed, -1);
  EXPECT_EQ(ValidateBase(b).error().field, "base_fen");
  b = Base(kEmployed, 1);
  b.effective_month = "2026-13";
  EXPECT_EQ(ValidateBase(b).error().field, "effective_month");
  b.effective_month = "2026-1";
  EXPECT_EQ(ValidateBase(b).error().field, "effective_month");
  EXPECT_FALSE(ValidateBase(b).error().message.empty());
}

TEST(DuesRules, BaseFromPayItemsLeavesOutOneOffBonusesAndDeductsTaxAndInsurance) {
  // 岗位 3000 + 薪级 1500 + 绩效 2000 + 津贴 500 = 7000; 年终奖 5000 excluded; − 个税 120 − 社保 880.
  std::vector<ItemAmount> items = {{"岗位工资", 300000, true},
                                   {"薪级工资", 150000, true},
                                   {"绩效工资", 200000, true},
                                   {"津贴补贴", 50000, true},
                                   {"年终奖", 500000, false}};
  auto base = BaseFromItems(items, 12000, 88000);
  ASSERT_TRUE(base.ok());
  EXPECT_EQ(base.value(), 600000);
  EXPECT_EQ(MonthlyDue(Base(kEmployed, base.value())), 9000);  // 6000 × 1.5%
  EXPECT_EQ(BaseFromItems(items, -1, 0).error().field, "tax_fen");
  EXPECT_EQ(BaseFromItems(items, 0, -1).error().field, "insurance_fen");
  EXPECT_EQ(BaseFromItems(items, 400000, 300001).error().field, "insurance_fen");
  EXPECT_EQ(BaseFromItems({{"岗位工资", -5, true}}, 0, 0).error().field, "items");
  EXPECT_EQ(DefaultPayItems().size(), 4u);
}

TEST(DuesRules, RateText) {
  EXPECT_EQ(RateText(50), "0.5%");
  EXPECT_EQ(RateText(100), "1%");
  EXPECT_EQ(RateText(150), "1.5%");
  EXPECT_EQ(RateText(200), "2%");
  EXPECT_EQ(RateText(0), "—");
  EXPECT_EQ(Yuan(1500), "15.00");
  EXPECT_EQ(Yuan(20), "0.20");
  EXPECT_EQ(Yuan(-5), "-0.05");
}

TEST(DuesRules, Months) {
  EXPECT_EQ(AddMonth("2026-12", 1), "2027-01");
  EXPECT_EQ(AddMonth("2026-01", -1), "2025-12");
  EXPECT_EQ(AddMonth("2026-01", -13), "2024-12");
  EXPECT_EQ(AddMonth("2026-05", 20), "2028-01");
  EXPECT_EQ(MonthRange("2025-11", "2026-02"), (std::vector<std::string>{"2025-11", "2025-12", "2026-01", "2026-02"}));
  EXPECT_TRUE(MonthRange("2026-02", "2026-01").empty());
  EXPECT_EQ(LastDayOf("2024-02"), "2024-02-29");
  EXPECT_EQ(LastDayOf("2026-12"), "2026-12-31");
  EXPECT_TRUE(IsMonth("2026-01"));
  EXPECT_FALSE(IsMonth("2026-00"));
  EXPECT_FALSE(IsMonth("26-01"));
  EXPECT_FALSE(IsMonth("2026/01"));
}

TEST(DuesRules, AProbationaryMemberPaysFromTheMonthOfAdmission) {
  EXPECT_EQ(FirstDueMonth("2026-03-31"), "2026-03");
  EXPECT_EQ(FirstDueMonth("2026-04-01"), "2026-04");
}

std::vector<MonthBalance> Balances(std::initializer_list<MonthBalance> l) { return l; }

TEST(DuesRules, APaymentGoesToTheOldestOwedMonthFirstAndOnInAdvance) {
  auto b = Balances({{"2026-01", 1500, 1500}, {"2026-02", 1500, 500}, {"2026-03", 1500, 0}, {"2026-04", 1500, 0}});
  auto a = AllocatePayment(3000, b, {}, "2026-03");
  ASSERT_TRUE(a.ok());
  ASSERT_EQ(a.value().size(), 3u);
  EXPECT_EQ(a.value()[0].month, "2026-02");
  EXPECT_EQ(a.value()[0].applied_fen, 1000);
  EXPECT_EQ(a.value()[1].month, "2026-03");
  EXPECT_EQ(a.value()[1].applied_fen, 1500);
  EXPECT_EQ(a.value()[2].month, "2026-04");  // in advance
  EXPECT_EQ(a.value()[2].applied_fen, 500);   // partly
  EXPECT_EQ(a.value()[2].extra_fen, 0);
}

TEST(DuesRules, MoreThanOwedIsAVoluntaryExtra) {
  auto b = Balances({{"2026-01", 1500, 0}});
  auto a = AllocatePayment(2000, b, {}, "2026-01");
  ASSERT_TRUE(a.ok());
  ASSERT_EQ(a.value().size(), 1u);
  EXPECT_EQ(a.value()[0].applied_fen, 1500);
  EXPECT_EQ(a.value()[0].extra_fen, 500);
  // Nothing owed at all: the whole payment is extra on the fallback month.
  auto none = AllocatePayment(800, Balances({{"2026-01", 1500, 1500}}), {}, "2026-05");
  ASSERT_TRUE(none.ok());
  ASSERT_EQ(none.value().size(), 1u);
  EXPECT_EQ(none.value()[0].month, "2026-05");
  EXPECT_EQ(none.value()[0].extra_fen, 800);
}

TEST(DuesRules, NamedMonthsTakeThePaymentInMonthOrder) {
  auto b = Balances({{"2026-01", 1500, 0}, {"2026-02", 1500, 0}, {"2026-03", 1500, 0}});
  auto a = AllocatePayment(3500, b, {"2026-03", "2026-02"}, "2026-03");
  ASSERT_TRUE(a.ok());
  ASSERT_EQ(a.value().size(), 2u);
  EXPECT_EQ(a.value()[0].month, "2026-02");
  EXPECT_EQ(a.value()[0].applied_fen, 1500);
  EXPECT_EQ(a.value()[1].month, "2026-03");
  EXPECT_EQ(a.value()[1].applied_fen, 1500);
  EXPECT_EQ(a.value()[1].extra_fen, 500);  // January stays owed: it was not named
  auto missing = AllocatePayment(1500, b, {"2026-07"}, "2026-03");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().field, "months");
  EXPECT_EQ(AllocatePayment(0, b, {}, "2026-03").error().field, "amount_fen");
  EXPECT_EQ(AllocatePayment(-100, b, {}, "2026-03").error().field, "amount_fen");
}

TEST(DuesRules, SettledOnIsTheDayTheRunningSumReachesTheDue) {
  EXPECT_EQ(SettledOn("2026-03", 1500, {{"2026-04-02", 1000}, {"2026-03-10", 500}}), "2026-04-02");
  EXPECT_EQ(SettledOn("2026-03", 1500, {{"2026-03-10", 1500}}), "2026-03-10");
  EXPECT_EQ(SettledOn("2026-03", 1500, {{"2026-03-10", 1499}}), std::nullopt);
  EXPECT_EQ(SettledOn("2026-03", 0, {}), "2026-03-01");
  EXPECT_TRUE(OnTime("2026-03", std::string("2026-03-31")));
  EXPECT_FALSE(OnTime("2026-03", std::string("2026-04-01")));
  EXPECT_TRUE(OnTime("2026-03", std::string("2026-01-15")));  // paid in advance
  EXPECT_FALSE(OnTime("2026-03", std::nullopt));
}

// 党章 第九条: six consecutive months without paying.
TEST(DuesRules, SixConsecutiveUnpaidMonthsAreFlagged) {
  std::vector<MonthBalance> b;
  for (const auto& m : MonthRange("2026-01", "2026-08")) b.push_back({m, 1500, 0});
  b[0].paid_fen = 1500;  // January paid
  // Feb..Jul unpaid = 6 past months before August.
  auto run = LongestUnpaidRun(b, "2026-08");
  EXPECT_EQ(run.length, 6);
  EXPECT_EQ(run.from, "2026-02");
  EXPECT_EQ(run.to, "2026-07");
  EXPECT_TRUE(Flagged(run));
  // Before August ends only five months are past when the current month is July.
  run = LongestUnpaidRun(b, "2026-07");
  EXPECT_EQ(run.length, 5);
  EXPECT_FALSE(Flagged(run));
  // A partial payment is a payment: it breaks the run.
  b[3].paid_fen = 100;  // April
  run = LongestUnpaidRun(b, "2026-09");
  EXPECT_EQ(run.length, 4);  // May..Aug
  EXPECT_FALSE(Flagged(run));
  // A gap in the generated months (no due, e.g. before admission) breaks it as well.
  std::vector<MonthBalance> gap = {{"2026-01", 1500, 0}, {"2026-02", 1500, 0}, {"2026-03", 1500, 0},
                                   {"2026-05", 1500, 0}, {"2026-06", 1500, 0}, {"2026-07", 1500, 0}};
  EXPECT_EQ(LongestUnpaidRun(gap, "2026-12").length, 3);
  // Across a year end.
  std::vector<MonthBalance> yearEnd;
  for (const auto& m : MonthRange("2025-10", "2026-03")) yearEnd.push_back({m, 20, 0});
  EXPECT_TRUE(Flagged(LongestUnpaidRun(yearEnd, "2026-04")));
}

TEST(DuesRules, ABaseChangeRecomputesOnlyMonthsNotYetPast) {
  const auto year = MonthRange("2026-01", "2026-12");
  // Effective from March, changed in June: June onwards; March-May stay (a correction's job).
  auto m = MonthsToRecompute(year, "2026-03", "2026-06");
  EXPECT_EQ(m, MonthRange("2026-06", "2026-12"));
  // Effective from September, changed in June: September onwards.
  EXPECT_EQ(MonthsToRecompute(year, "2026-09", "2026-06"), MonthRange("2026-09", "2026-12"));
  EXPECT_TRUE(MonthsToRecompute(year, "2027-01", "2026-06").empty());
}

TEST(DuesRules, PaymentMethods) {
  EXPECT_TRUE(IsPaymentMethod("微信"));
  EXPECT_TRUE(IsPaymentMethod("工资代扣"));
  EXPECT_FALSE(IsPaymentMethod("信用卡"));
}

}  // namespace
}  // namespace qizhi::party::dues

namespace qizhi::party::dues {
namespace {

TEST(DuesRules, PlanMonthsFromAdmissionWithTheBaseInForce) {
  const auto year = MonthRange("2026-01", "2026-12");
  // Admitted as 预备党员 on 2026-03-20; base from January (15.00), raised from July (30.00),
  // re-entered for July later the same day (30.50 wins: recorded later).
  auto plan = PlanMonths("2026-03-20", {{7, "2026-07", 3000}, {3, "2026-01", 1500}, {9, "2026-07", 3050}}, year);
  ASSERT_EQ(plan.size(), 10u);
  EXPECT_EQ(plan.front().month, "2026-03");
  EXPECT_EQ(plan.front().due_fen, 1500);
  EXPECT_EQ(plan.front().base_id, 3);
  EXPECT_EQ(plan[3].month, "2026-06");
  EXPECT_EQ(plan[3].due_fen, 1500);
  EXPECT_EQ(plan[4].month, "2026-07");
  EXPECT_EQ(plan[4].due_fen, 3050);
  EXPECT_EQ(plan[4].base_id, 9);
  // No base yet: nothing planned.
  EXPECT_TRUE(PlanMonths("2020-01-01", {}, year).empty());
  // A base effective from May leaves Jan-Apr without a due.
  EXPECT_EQ(PlanMonths("2020-01-01", {{1, "2026-05", 20}}, year).size(), 8u);
}

}  // namespace
}  // namespace qizhi::party::dues
